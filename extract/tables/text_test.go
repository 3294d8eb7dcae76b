package tables

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"policyx/lexicon/cjk"
)

// keyOf's characters are their own NFKC form and no white space, so key
// may return such cells as they are.
func TestKeyOf(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if !keyOf(string(r)) {
			continue
		}
		if k := cjk.RemoveSpace(norm.NFKC.String(string(r))); k != string(r) {
			t.Errorf("keyOf(%U) but its key is %q", r, k)
		}
	}
	for _, c := range []struct {
		s  string
		ok bool
	}{{"柳州市", true}, {"合计", true}, {"1、2。", true}, {"（一）", false}, {"金额 万元", false}, {"１２", false}, {"…", false}, {"\xff", false}} {
		if keyOf(c.s) != c.ok {
			t.Errorf("keyOf(%q) = %v, want %v", c.s, !c.ok, c.ok)
		}
	}
}
