package lexicon

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       map[string][]string // nil: an error is expected
		err        string
	}{
		{name: "comments and blanks", data: "# head\n\n[a]\n合计\n  # note\n 总计 \n\n[b]\n小计\n",
			want: map[string][]string{"a": {"合计", "总计"}, "b": {"小计"}}},
		{name: "bad header", data: "[a\n合计\n", err: "x.txt: line 1: bad header"},
		{name: "empty header", data: "[]\n合计\n", err: "x.txt: line 1: bad header"},
		{name: "unknown list", data: "[a]\n合计\n[b]\n小计\n[c]\n共计\n", err: "x.txt: unknown list [c]"},
		{name: "empty list", data: "[a]\n# none\n[b]\n小计\n", err: "x.txt: list [a] is missing or empty"},
		{name: "missing list", data: "[a]\n合计\n", err: "x.txt: list [b] is missing or empty"},
		{name: "twice", data: "[a]\n合计\n[a]\n总计\n", err: "x.txt: line 3: list [a] opened twice"},
		{name: "entries before header", data: "合计\n[a]\n总计\n", err: "x.txt: line 2: header [a] after entries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a, b []string
			err := Load("x.txt", tc.data, map[string]*[]string{"a": &a, "b": &b})
			if tc.want == nil {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := map[string][]string{"a": a, "b": b}; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseUnnamed(t *testing.T) {
	got, err := Parse("plain.txt", "# one list\n一\n二\n")
	if err != nil || !reflect.DeepEqual(got, map[string][]string{"": {"一", "二"}}) {
		t.Fatalf("got %q, %v", got, err)
	}
	var l []string
	if err := Bind("plain.txt", got, map[string]*[]string{"x": &l}); err == nil {
		t.Error("unnamed list bound to a named one")
	}
}

func TestHelpers(t *testing.T) {
	ws := []string{"合计", "小计"}
	if !ContainsAny("全市合计数", ws) || ContainsAny("合 计", ws) {
		t.Error("ContainsAny")
	}
	if !HasSuffixAny("全市合计", ws) || HasSuffixAny("合计数", ws) {
		t.Error("HasSuffixAny")
	}
	if !EqualsAny("小计", ws) || EqualsAny("小计数", ws) {
		t.Error("EqualsAny")
	}
}

func ExampleLoad() {
	const data = `# rows that close a table
[total]
合计
总计

[subtotal]
小计
`
	var total, subtotal []string
	err := Load("words.txt", data, map[string]*[]string{"total": &total, "subtotal": &subtotal})
	fmt.Println(total, subtotal, err)
	fmt.Println(EqualsAny("总计", total), ContainsAny("本市小计", subtotal))

	err = Load("words.txt", "[total]\n合计\n[sum]\n共计\n", map[string]*[]string{"total": &total})
	fmt.Println(err)
	// Output:
	// [合计 总计] [小计] <nil>
	// true true
	// words.txt: unknown list [sum]
}

func TestRows(t *testing.T) {
	var got [][]string
	err := Rows("x.tsv", "# unit\tnorm\n万元\t元\n\n 亿元\t元 \n", func(cols []string) error {
		got = append(got, cols)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"万元", "元"}, {"亿元", "元"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, tc := range []struct{ data, err string }{
		{"万元\t元\n亿元\n", "x.tsv: line 2: want 2 columns"},
		{"[a]\n万元\t元\n", "x.tsv: a file of records has no [list] headers"},
		{"# only a comment\n", "x.tsv: no entries"},
	} {
		err := Rows("x.tsv", tc.data, func(cols []string) error {
			if len(cols) != 2 {
				return fmt.Errorf("want 2 columns, have %d", len(cols))
			}
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: err = %v, want %q", tc.data, err, tc.err)
		}
	}
}
