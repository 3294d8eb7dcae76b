package quotas

import (
	"policyx/extract/tables"
	"policyx/lexicon"
	"policyx/normalize/numbers"
	"policyx/schema"
	"strings"
)

// layout is what the header, the caption and the columns' cells say about
// a table: which column names the rows, where the figures start, the units
// and indicators around them.
type layout struct {
	cols              []column
	first             int // first column of figures
	ent               int // the column naming the rows
	unitCol           int // a 计量单位 column, -1 when none
	noteUnit          string
	stem              string // what a 数量 column counts (创新平台 of 创新平台类别)
	titleInd          string // the caption's indicator
	titleY1, titleY2  int
	rowsAreIndicators bool
}

func cellAt(r schema.TableRow, c int) string {
	if c < len(r.Cells) {
		return r.Cells[c]
	}
	return ""
}

// layout reads the shape of table t; ok is false when it has no column of
// figures or none naming its rows.
func (v *vocab) layout(doc *schema.Document, p *numbers.Parser, t *schema.Table, docYear int) (*layout, bool) {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r.Cells))
	}
	if n < 2 || len(t.Rows) == 0 {
		return nil, false
	}
	l := &layout{cols: make([]column, n), first: -1, ent: -1, unitCol: -1}
	for c := range n {
		h := ""
		if c < len(t.Header) {
			h = t.Header[c]
		}
		l.cols[c] = v.header(p, h, docYear)
	}
	if t.UnitNote != "" {
		k := strings.Trim(tables.Key(t.UnitNote), "()（）")
		if i := strings.LastIndexAny(k, ":："); i >= 0 {
			k = k[i+1:]
		}
		if p.IsUnit(k) {
			l.noteUnit = k
		}
	}
	// unit columns (计量单位), numeric and text cells per column
	numeric := make([]int, n)
	texts := make([]int, n)
	distinct := make([]map[string]bool, n)
	for c := range n {
		distinct[c] = map[string]bool{}
		if l.cols[c].skip {
			continue
		}
		units, all := 0, 0
		for _, r := range t.Rows {
			s := tables.Key(cellAt(r, c))
			if s == "" || tables.IsEmptyMark(s) {
				continue
			}
			all++
			if p.IsUnit(s) {
				units++
			}
			if _, ok := readCell(p, s, l.cols[c].unit); ok {
				numeric[c]++
			} else {
				texts[c]++
				distinct[c][s] = true
			}
		}
		if all > 0 && units*10 >= all*6 {
			l.cols[c].unitCol = true
			if l.unitCol < 0 {
				l.unitCol = c
			}
		}
	}
	for c := 1; c < n && l.first < 0; c++ {
		if !l.cols[c].skip && !l.cols[c].unitCol && numeric[c] > 0 && anyText(texts[:c]) {
			l.first = c
		}
	}
	if l.first <= 0 {
		return nil, false
	}
	// the row names: the text column left of the figures with the most
	// distinct names (二级指标 rather than the 一级指标 it repeats)
	for c := 0; c < l.first; c++ {
		if l.cols[c].skip || l.cols[c].unitCol || texts[c] == 0 {
			continue
		}
		if l.ent < 0 || len(distinct[c]) > len(distinct[l.ent]) {
			l.ent = c
		}
	}
	if l.ent < 0 {
		return nil, false
	}
	entHead := ""
	if l.ent < len(t.Header) {
		entHead = tables.Key(t.Header[l.ent])
	}
	l.rowsAreIndicators = lexicon.ContainsAny(entHead, v.indicatorHead)
	if !l.rowsAreIndicators && entHead != "" && !lexicon.HasSuffixAny(entHead, v.placeHead) {
		l.stem = entHead
		for _, w := range v.catStrip {
			l.stem = strings.TrimSuffix(l.stem, w)
		}
	}
	l.titleInd = v.titleIndicator(t.Title, doc.Meta.Jurisdiction)
	l.titleY1, l.titleY2 = titleYears(t.Title)
	return l, true
}
