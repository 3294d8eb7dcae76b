package sqlite

import (
	"strings"
	"unicode/utf8"
)

// minLikeness is the share of the shorter indicator's token weight two
// indicators must have in common.
const minLikeness = 0.6

// indicatorTokens segments a subject and drops generic tokens and
// punctuation; weight is the runes of what is left.
func indicatorTokens(s string, tok func(string) []string, generic map[string]bool) ([]string, int) {
	var ts []string
	if tok != nil {
		ts = tok(s)
	} else {
		r := []rune(s)
		for i := 0; i+1 < len(r); i++ {
			ts = append(ts, string(r[i:i+2]))
		}
	}
	var out []string
	w := 0
	seen := map[string]bool{}
	for _, t := range ts {
		t = strings.TrimSpace(t)
		if t == "" || generic[t] || seen[t] || !hasHan(t) {
			continue
		}
		seen[t] = true
		out = append(out, t)
		w += utf8.RuneCountInString(t)
	}
	return out, w
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// likeness compares two indicators by their gse tokens: each token of one
// is matched by the longest run of runes it shares with a token of the
// other (gse keeps compounds whole: 科技成果转化 and 重大科技成果 share
// 科技成果), runs under two runes do not count; the matched weight over the
// smaller indicator's weight, and the matched runs.
func likeness(a, b *pairTarget) (float64, string) {
	if a.weight == 0 || b.weight == 0 {
		return 0, ""
	}
	wa, ca := cover(a.toks, b.toks)
	wb, cb := cover(b.toks, a.toks)
	w, common := wa, ca
	if wb > wa {
		w, common = wb, cb
	}
	if w < 2 {
		return 0, ""
	}
	m := a.weight
	if b.weight < m {
		m = b.weight
	}
	s := float64(w) / float64(m)
	if s > 1 {
		s = 1
	}
	return s, common
}

func cover(xs, ys []string) (int, string) {
	w := 0
	var parts []string
	for _, x := range xs {
		best := ""
		for _, y := range ys {
			if c := longestCommon(x, y); utf8.RuneCountInString(c) > utf8.RuneCountInString(best) {
				best = c
			}
		}
		if n := utf8.RuneCountInString(best); n >= 2 {
			w += n
			parts = append(parts, best)
		}
	}
	return w, strings.Join(parts, "")
}

// longestCommon is the longest run of runes a and b share.
func longestCommon(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	best, at := 0, 0
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			if ra[i-1] == rb[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > best {
					best, at = cur[j], i
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return string(ra[at-best : at])
}
