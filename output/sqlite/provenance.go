package sqlite

import (
	"database/sql"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize/numbers"
	"policyx/schema"
)

// pager maps byte offsets of a document's text to the 1-based page of the
// block holding them (paged inputs: PDF, OFD, scans). Pages are computed
// at output time from the blocks, as positions are data.
type pager struct {
	starts []int // block span starts, ascending
	ends   []int
	pages  []int
	min    int
	max    int
}

func newPager(doc *schema.Document) *pager {
	type bp struct{ s, e, p int }
	var bs []bp
	pg := &pager{}
	for _, b := range doc.Blocks {
		if b.Page <= 0 {
			continue
		}
		bs = append(bs, bp{b.Span.Start, b.Span.End, b.Page})
		if pg.min == 0 || b.Page < pg.min {
			pg.min = b.Page
		}
		if b.Page > pg.max {
			pg.max = b.Page
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

// page returns the page of byte offset b: that of the last block starting
// at or before b (text between blocks belongs to the block before it), 0
// when the document has no pages.
func (pg *pager) page(b int) int {
	if len(pg.starts) == 0 {
		return 0
	}
	i := sort.Search(len(pg.starts), func(i int) bool { return pg.starts[i] > b }) - 1
	if i < 0 {
		return pg.pages[0]
	}
	return pg.pages[i]
}

// span returns the first and last page of sp, as SQL values (NULL when the
// document has no pages or sp is unset).
func (pg *pager) span(sp schema.Span) (any, any) {
	if len(pg.starts) == 0 || sp == (schema.Span{}) {
		return nil, nil
	}
	p0 := pg.page(sp.Start)
	p1 := p0
	if sp.End > sp.Start {
		p1 = pg.page(sp.End - 1)
	}
	if p1 < p0 {
		p1 = p0
	}
	return p0, p1
}

// exactSentence returns the sentence of t as it stands in text, and its
// byte span: the extractor's SentenceSpan when set, else the occurrence of
// t.Sentence around the number, matched ignoring white space and Markdown
// emphasis (which older extractors dropped). When the sentence cannot be
// found it is returned unchanged with an empty span.
func exactSentence(text string, t schema.Target) (string, schema.Span) {
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
		return "", schema.Span{}
	}
	if sp, ok := locate(text, t.Sentence, t.Span); ok {
		return text[sp.Start:sp.End], sp
	}
	return t.Sentence, schema.Span{}
}

func skippable(r rune) bool { return unicode.IsSpace(r) || r == '*' }

// locate finds s in text, ignoring skippable runes of text, preferring the
// occurrence that contains near (else the nearest one).
func locate(text, s string, near schema.Span) (schema.Span, bool) {
	want := []rune(strings.Map(func(r rune) rune {
		if skippable(r) {
			return -1
		}
		return r
	}, s))
	if len(want) == 0 || !near.Valid(len(text)) {
		return schema.Span{}, false
	}
	best, found := schema.Span{}, false
	dist := func(sp schema.Span) int {
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
			sp := schema.Span{Start: start, End: j}
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

// headerUnit is the unit in a column header: 数量（家）, 金额(万元).
var headerUnit = regexp.MustCompile(`[（(]([^（()）]{1,6})[)）]\s*$`)

// writeCells stores the cells of one table row in long form, with the
// number and unit normalized where the cell is a single quantity (the unit
// from the cell, else from the column header).
func writeCells(stmt *sql.Stmt, num *numbers.Parser, tableID, rowID int64, t schema.Table, row schema.TableRow) error {
	for c, v := range row.Cells {
		var header any
		h := ""
		if c < len(t.Header) {
			h = t.Header[c]
			header = null(h)
		}
		var nv, nu any
		if q, ok := cellQuantity(num, v, h, t.UnitNote); ok {
			nv, nu = q.NormValue, null(q.NormUnit)
		}
		if _, err := stmt.Exec(tableID, rowID, c, header, text(v), nv, nu); err != nil {
			return err
		}
	}
	return nil
}

func cellQuantity(num *numbers.Parser, v, header, unitNote string) (numbers.Quantity, bool) {
	c := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == ',' {
			return -1
		}
		return r
	}, v)
	if c == "" || num == nil {
		return numbers.Quantity{}, false
	}
	if qs := num.Scan(c); len(qs) == 1 && qs[0].End-qs[0].Start >= len(c)-len("以上") {
		return qs[0], true
	}
	x, n, ok := numbers.ParseNumber(c)
	if !ok || n != len(c) {
		return numbers.Quantity{}, false
	}
	for _, src := range []string{header, unitNote} {
		if m := headerUnit.FindStringSubmatch(src); m != nil {
			u := strings.TrimPrefix(strings.TrimPrefix(m[1], "单位:"), "单位：")
			if qs := num.Scan(c + u); len(qs) == 1 {
				return qs[0], true
			}
		}
	}
	return numbers.Quantity{Num: x, NormValue: x}, true
}
