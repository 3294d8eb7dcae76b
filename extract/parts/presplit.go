package parts

import (
	"strings"
	"unicode/utf8"

	"policyx/schema"
)

// presplit cuts blocks where a notice head starts inside them (after a
// sentence end or listing chrome) and where listing chrome follows the last
// sentence; nil when no block needs it.
func presplit(bl []schema.Block) []schema.Block {
	var out []schema.Block
	changed := false
	for _, b := range bl {
		if b.Kind == schema.BlockTable || !strings.ContainsAny(b.Text, " 。") {
			out = append(out, b)
			continue
		}
		cuts := innerCuts(b.Text)
		if len(cuts) == 0 {
			out = append(out, b)
			continue
		}
		changed = true
		prev := 0
		for _, c := range append(cuts, len(b.Text)) {
			piece := b.Text[prev:c]
			lead := len(piece) - len(strings.TrimLeft(piece, " "))
			t := strings.TrimSpace(piece)
			if t != "" {
				nb := b
				nb.Text = t
				nb.Rows = nil
				nb.Span = schema.Span{Start: b.Span.Start + prev + lead, End: b.Span.Start + prev + lead + len(t)}
				out = append(out, nb)
			}
			prev = c
		}
	}
	if !changed {
		return nil
	}
	return out
}

// innerCuts returns the byte offsets inside t where a new block should start:
// before a notice head that follows a sentence end (and the listing chrome
// after it), and before a run of chrome after the last sentence.
func innerCuts(t string) []int {
	var cuts []int
	for i := 0; i < len(t); {
		r, sz := utf8.DecodeRuneInString(t[i:])
		i += sz
		if r != '。' {
			continue
		}
		j := i
		for j < len(t) && t[j] == ' ' {
			j++
		}
		k := skipChrome(t, j)
		if k >= len(t) {
			continue
		}
		win := t[k:]
		if len(win) > 900 {
			win = win[:900]
		}
		title := win
		if len(title) > 360 {
			title = title[:360] // a title is at most 120 runes
		}
		if !(strings.Contains(title, "关于") || strings.Contains(title, "印发") || strings.Contains(title, "转发")) || !strings.ContainsAny(win, "：:") {
			continue
		}
		if !notTitleStart(win) && inlineHead(reDocNum.ReplaceAllString(win, "")) {
			cuts = append(cuts, i, k)
		}
	}
	// chrome after the last sentence of the block
	if k := strings.LastIndex(t, "。"); k >= 0 {
		tail := t[k+len("。"):]
		if Chrome(tail) && (len(cuts) == 0 || cuts[len(cuts)-1] <= k) {
			cuts = append(cuts, k+len("。"))
		}
	}
	return dedupeCuts(cuts, len(t))
}

// skipChrome returns the offset after the chrome tokens (14 2025-04) that
// start t[j:], or j.
func skipChrome(t string, j int) int {
	k := j
	for k < len(t) {
		e := strings.IndexByte(t[k:], ' ')
		if e < 0 {
			return k
		}
		tok := t[k : k+e]
		if !(reDigits.MatchString(tok) || reISODate.MatchString(tok) || reClock.MatchString(tok) || reStrong.MatchString(tok)) {
			return k
		}
		k += e
		for k < len(t) && t[k] == ' ' {
			k++
		}
	}
	return k
}

func dedupeCuts(cuts []int, n int) []int {
	var out []int
	for _, c := range cuts {
		if c <= 0 || c >= n || len(out) > 0 && c <= out[len(out)-1] {
			continue
		}
		out = append(out, c)
	}
	return out
}
