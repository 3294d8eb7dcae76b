package targets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize/numbers"
	"policyx/schema"
)

// cells reads the table cells that hold a sentence (较上一年增加，力争2023
// 年达到60%; 在签约机构就诊≥1次的签约基本包居民) like text: their figures are
// text targets. A cell that is only a number with its unit or comparator
// (≥50%, 90%以上) is a quota of the quotas extractor, and a fragment of a
// few characters is no sentence either. A figure the text commits again is
// dropped at dedupe.
func (x *extractor) cells() {
	text := x.doc.Text
	for ti := range x.doc.Tables {
		tb := &x.doc.Tables[ti]
		if x.background(headState{}, x.sectionAt(tb.Span.Start)) {
			continue
		}
		for _, row := range tb.Rows {
			if row.IsTotal {
				continue
			}
			for ci, c := range row.Cells {
				c = strings.TrimSpace(c)
				if !x.sentenceCell(c) {
					continue
				}
				start, ok := cellStart(text, row.Span, c)
				if !ok {
					continue
				}
				name := rowName(row.Cells, ci)
				n0 := len(x.out)
				x.curPara = -1 - len(x.cellOf) // a paragraph of its own
				var w walk
				x.paragraph(&w, para{start: start, end: start + len(c)}, 0, numbers.Date{}, false)
				for k := n0; k < len(x.out); k++ {
					if utf8.RuneCountInString(x.out[k].Subject) < 2 && name != "" {
						x.out[k].Subject = name
					}
				}
				for len(x.cellOf) < len(x.out) {
					x.cellOf = append(x.cellOf, "")
				}
				for k := n0; k < len(x.out); k++ {
					x.cellOf[k] = name + "\x00"
				}
			}
		}
	}
	for len(x.cellOf) < len(x.out) {
		x.cellOf = append(x.cellOf, "")
	}
}

// sentenceCell reports whether a cell is a sentence with a figure: words
// of its own beyond the figures and comparator words.
func (x *extractor) sentenceCell(c string) bool {
	qs := x.num.Scan(strings.Join(strings.Fields(c), ""))
	has := false
	for _, q := range qs {
		if q.Is() && q.NormValue > 0 {
			has = true
		}
	}
	if !has {
		return false
	}
	han := 0
	for _, r := range c {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return han-cellQuantityHan(qs) >= 4
}

// cellQuantityHan counts the Han characters inside quantities.
func cellQuantityHan(qs []numbers.Quantity) int {
	n := 0
	for _, q := range qs {
		for _, r := range q.Written {
			if unicode.Is(unicode.Han, r) {
				n++
			}
		}
	}
	return n
}

// cellStart finds a cell's text in its row's span of doc.Text.
func cellStart(text string, row schema.Span, c string) (int, bool) {
	if !row.Valid(len(text)) {
		return 0, false
	}
	k := strings.Index(text[row.Start:row.End], c)
	if k < 0 {
		return 0, false
	}
	return row.Start + k, true
}

// rowName is the nearest cell left of cell ci that names the row: not a
// sentence, not a number; its list label (12.) dropped.
func rowName(cells []string, ci int) string {
	for k := ci - 1; k >= 0; k-- {
		c := strings.TrimSpace(cells[k])
		if m, _ := listMarker(c); m > 0 {
			c = strings.TrimSpace(c[m:])
		}
		if c == "" || strings.ContainsAny(c, "，,。；;") || utf8.RuneCountInString(c) > 40 {
			continue
		}
		han := 0
		for _, r := range c {
			if unicode.Is(unicode.Han, r) {
				han++
			}
		}
		if han >= 2 {
			return c
		}
	}
	return ""
}
