package schema

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pager maps byte offsets of a document's text to the 1-based page of the
// block holding them (paged inputs: PDF, OFD, scans). Pages are computed
// at output time from the blocks, as positions are data.
type Pager struct {
	starts []int // block span starts, ascending
	ends   []int
	pages  []int
	Min    int // first page, 0 when none
	Max    int // last page
}

func NewPager(doc *Document) *Pager {
	type bp struct{ s, e, p int }
	var bs []bp
	pg := &Pager{}
	for _, b := range doc.Blocks {
		if b.Page <= 0 {
			continue
		}
		bs = append(bs, bp{b.Span.Start, b.Span.End, b.Page})
		if pg.Min == 0 || b.Page < pg.Min {
			pg.Min = b.Page
		}
		if b.Page > pg.Max {
			pg.Max = b.Page
		}
	}
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].s < bs[j].s })
	for _, b := range bs {
		pg.starts = append(pg.starts, b.s)
		pg.ends = append(pg.ends, b.e)
		pg.pages = append(pg.pages, b.p)
	}
	return pg
}

// Page returns the page of byte offset b: that of the last block starting
// at or before b (text between blocks belongs to the block before it), 0
// when the document has no pages.
func (pg *Pager) Page(b int) int {
	if len(pg.starts) == 0 {
		return 0
	}
	i := sort.Search(len(pg.starts), func(i int) bool { return pg.starts[i] > b }) - 1
	if i < 0 {
		return pg.pages[0]
	}
	return pg.pages[i]
}

// Span returns the first and last page of sp, 0, 0 when the document has
// no pages or sp is unset.
func (pg *Pager) Span(sp Span) (int, int) {
	if len(pg.starts) == 0 || sp == (Span{}) {
		return 0, 0
	}
	p0 := pg.Page(sp.Start)
	p1 := p0
	if sp.End > sp.Start {
		p1 = pg.Page(sp.End - 1)
	}
	if p1 < p0 {
		p1 = p0
	}
	return p0, p1
}

// ExactSentence returns the sentence of t as it stands in doc.Text, and its
// byte span: the extractor's SentenceSpan when set, the table row for a
// target read out of a table, else the occurrence of
// t.Sentence around the number, matched ignoring white space and Markdown
// emphasis (which older extractors dropped). When the sentence cannot be
// found it is returned unchanged with an empty span.
func ExactSentence(doc *Document, t Target) (string, Span) {
	text := doc.Text
	// a number read out of a table: its sentence is the row, as written
	if t.SentenceSpan == (Span{}) && t.Source == "table" && t.Table >= 0 && t.Table < len(doc.Tables) &&
		t.Row >= 0 && t.Row < len(doc.Tables[t.Table].Rows) {
		t.SentenceSpan = doc.Tables[t.Table].Rows[t.Row].Span
	}
	if sp := t.SentenceSpan; sp.End > sp.Start && sp.Valid(len(text)) {
		for sp.Start < sp.End {
			r, n := utf8.DecodeRuneInString(text[sp.Start:])
			if !unicode.IsSpace(r) {
				break
			}
			sp.Start += n
		}
		for sp.End > sp.Start {
			r, n := utf8.DecodeLastRuneInString(text[:sp.End])
			if !unicode.IsSpace(r) {
				break
			}
			sp.End -= n
		}
		return text[sp.Start:sp.End], sp
	}
	if t.Sentence == "" {
		return "", Span{}
	}
	if sp, ok := locate(text, t.Sentence, t.Span); ok {
		return text[sp.Start:sp.End], sp
	}
	return t.Sentence, Span{}
}

func skippable(r rune) bool { return unicode.IsSpace(r) || r == '*' }

// locate finds s in text, ignoring skippable runes of text, preferring the
// occurrence that contains near (else the nearest one).
func locate(text, s string, near Span) (Span, bool) {
	want := []rune(strings.Map(func(r rune) rune {
		if skippable(r) {
			return -1
		}
		return r
	}, s))
	if len(want) == 0 || !near.Valid(len(text)) {
		return Span{}, false
	}
	best, found := Span{}, false
	dist := func(sp Span) int {
		switch {
		case sp.Start <= near.Start && near.End <= sp.End:
			return 0
		case sp.End < near.Start:
			return near.Start - sp.End
		default:
			return sp.Start - near.End + 1
		}
	}
	for i := 0; i < len(text); {
		k := strings.IndexRune(text[i:], want[0])
		if k < 0 {
			break
		}
		start := i + k
		j, w := start, 0
		for j < len(text) && w < len(want) {
			r, n := utf8.DecodeRuneInString(text[j:])
			switch {
			case r == want[w]:
				w++
			case skippable(r) && w > 0:
			default:
				j = len(text) + 1
				continue
			}
			j += n
		}
		if w == len(want) && j <= len(text) {
			sp := Span{Start: start, End: j}
			if !found || dist(sp) < dist(best) {
				best, found = sp, true
			}
			if dist(sp) == 0 {
				break
			}
		}
		_, n := utf8.DecodeRuneInString(text[start:])
		i = start + n
	}
	return best, found
}
