package links

import (
	"reflect"
	"testing"
)

// TestListHeads: the line-by-line search finds what the regexp finds in
// the whole text.
func TestListHeads(t *testing.T) {
	for _, text := range []string{
		"",
		"附件：1.某某实施方案",
		"各区人民政府：\n现将方案印发给你们。\n\n附件：1.甲方案\n      2.乙方案\n",
		"见附件1。\n  附 件 ： 表一\t附件: 表二\n附件2\n",
		"正文\u3000附件：名单\n\u3000\u3000附件：清单", // a full-width space before it, or two
		"无关的文字\n没有那两个字\n附",
		"最后一行附件：",
	} {
		want := reListHead.FindAllStringIndex(text, -1)
		if got := listHeads(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
}
