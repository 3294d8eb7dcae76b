package normalize

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// untouched may skip the character chains only where they would change
// nothing: checked on real lines, on lines each chain does change, and on
// random strings over the characters the chains look at.
func TestUntouched(t *testing.T) {
	cases := []struct {
		s          string
		pre, chars bool // untouched for prefold (spaces allowed), for Chars
	}{
		{"到2025年，全市规上工业总产值达到1000亿元以上。", true, true},
		{"（一）总体要求", true, true},
		{"广西壮族自治区 人民政府", true, false},  // a stray space: Chars removes it
		{"序号\t名称\t金额（万元）", true, true}, // tabs are kept
		{"到２０２５年", false, false},       // full-width digits
		{"全市\u3000工业", false, false},   // ideographic space
		{"工业\u200b总产值", false, false},  // zero-width space
		{"a\vb", false, false},         // vertical tab
		{"abc\xffdef", false, false},   // invalid UTF-8
		{"Ｐｍ２.５达到３５％", false, false},   // full-width Latin and ％
		{"1000 亿元", true, false},       // a space next to a digit: Chars keeps it, but looks
		{"1﹒加强组织领导", false, false},     // small full stop
		{"", true, true},
	}
	for _, c := range cases {
		if got := untouched(c.s, true); got != c.pre {
			t.Errorf("untouched(%q, spaces) = %v, want %v", c.s, got, c.pre)
		}
		if got := untouched(c.s, false); got != c.chars {
			t.Errorf("untouched(%q) = %v, want %v", c.s, got, c.chars)
		}
	}
	alphabet := []string{"的", "，", "。", "（", "）", "1", "a", " ", "  ", "\t", "\n", "\u3000", "\u00a0", "\u200b", "\ufeff",
		"２", "Ａ", "％", "．", "﹒", "﹑", "｡", "\v", "\xff", "—", "《", "》", "\U00020000"}
	rng := rand.New(rand.NewPCG(1, 2))
	pre, chars := prefold(), Chars()
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(12); n >= 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := applyPre(pre, s), apply(prefold(), s); got != want {
			t.Fatalf("applyPre(%q) = %q, want %q", s, got, want)
		}
		if got, want := applyChars(chars, s), apply(Chars(), s); got != want {
			t.Fatalf("applyChars(%q) = %q, want %q", s, got, want)
		}
	}
}

// The small and half-width forms of the label separators (1﹒ 一﹑ from some
// word processors) fold to the ones labels are read with; other small forms
// and the full-width ones stay as written.
func TestFoldSeparators(t *testing.T) {
	for in, want := range map[string]string{
		"1﹒加强组织领导":     "1.加强组织领导",
		"一﹑总体要求":       "一、总体要求",
		"完成｡下一步､继续":    "完成。下一步、继续",
		"2．推进平台建设":     "2．推进平台建设", // full-width full stop: kept (foldDecimalPoint reads it)
		"﹙一﹚总体要求﹔其他﹕略": "﹙一﹚总体要求﹔其他﹕略",
	} {
		if got := apply(Chars(), in); got != want {
			t.Errorf("Chars(%q) = %q, want %q", in, got, want)
		}
	}
}
