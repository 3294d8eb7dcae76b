// Package quotas reads the numbers that commitment tables assign — a
// 目标分解表 by district, a 年度目标安排表 by city and year, a 创建计划表 with
// a 数量 column, a task table with year columns — as targets with source
// "table": one per numeric cell, with the row's name as entity, the column's
// (or the row's, or the caption's) indicator as subject, the column's or the
// caption's year as deadline, and the unit of the header, the row, the
// table's unit note or the cell.
//
// It reads the tables the tables extractor produced (doc.Tables) and skips
// tables of past statistics, decided from the table and its context: the
// document's genre (an annual report), the caption and the enclosing
// headings (现状, 完成情况), and columns of past years or present values.
package quotas

import (
	"fmt"
	"policyx/lexicon"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"policyx/extract/tables"
	"policyx/lexicon/outline"
	"policyx/normalize/numbers"
	"policyx/schema"
)

var loadParser = sync.OnceValue(numbers.MustLoad)

// Extract returns the quotas of doc, in table and row order.
func Extract(doc *schema.Document) []schema.Target {
	return ExtractWith(doc, loadParser())
}

// ExtractWith is Extract with a loaded number parser.
func ExtractWith(doc *schema.Document, p *numbers.Parser) []schema.Target {
	v := loadVocab()
	if lexicon.ContainsAny(tables.Key(doc.Meta.Title), v.pastDoc) {
		return nil
	}
	docYear := 0
	if len(doc.Meta.IssueDate) >= 4 {
		docYear, _ = strconv.Atoi(doc.Meta.IssueDate[:4])
	} else if a, _ := titleYears(doc.Meta.Title); a > 0 {
		// undated: the first year the title names (…行动方案（2018—2020年）)
		docYear = a
	}
	var out []schema.Target
	for ti := range doc.Tables {
		t := &doc.Tables[ti]
		if v.pastTable(doc, t) {
			continue
		}
		out = append(out, v.table(doc, p, ti, docYear)...)
	}
	return out
}

// pastTable reports a table of past statistics from its caption and the
// headings above it.
func (v *vocab) pastTable(doc *schema.Document, t *schema.Table) bool {
	cap := tables.Key(t.Title)
	if lexicon.ContainsAny(cap, v.pastCtx) {
		return true
	}
	if !lexicon.ContainsAny(cap, v.commitCtx) {
		c := reBracket.ReplaceAllString(cap, "")
		c = strings.TrimSuffix(strings.TrimSuffix(c, "表"), "一览")
		if lexicon.HasSuffixAny(c, v.pastEnd) {
			return true
		}
	}
	for _, s := range doc.Sections {
		if s.Span.Start <= t.Span.Start && t.Span.Start < s.Span.End {
			if k := tables.Key(s.Title); lexicon.ContainsAny(k, v.pastCtx) && !lexicon.ContainsAny(k, v.taskVerb) {
				return true
			}
		}
	}
	return false
}

// table reads the quotas of table ti.
func (v *vocab) table(doc *schema.Document, p *numbers.Parser, ti, docYear int) []schema.Target {
	t := &doc.Tables[ti]
	l, ok := v.layout(doc, p, t, docYear)
	if !ok {
		return nil
	}
	sec := sectionOf(doc, t.Span.Start)
	var out []schema.Target
	prevEntity := ""
	for ri, r := range t.Rows {
		if r.IsTotal {
			continue
		}
		raw := strings.TrimSpace(cellAt(r, l.ent))
		if raw == "" {
			raw = prevEntity // a merged name cell the reader left empty
		}
		prevEntity = raw
		if raw == "" || tables.IsTotalLabel(raw) {
			continue
		}
		out = append(out, v.row(doc, p, l, ti, ri, sec, raw, docYear)...)
	}
	return out
}

// stripNumLead removes the list number a row's name opens with (1. 2、
// 1.2. （三） (4) 四、 ⑤, or a serial number and a space: 1 柳州市).
func stripNumLead(s string) string {
	l, n := outline.Read(s)
	switch l.Style {
	case outline.ArabicDot, outline.Multilevel, outline.ParenArabic, outline.ParenCN, outline.CNComma, outline.Circled:
		return s[n:]
	}
	i := 0
	for i < len(s) && i <= 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i >= 1 && i <= 3 && i < len(s) && strings.IndexByte(" \t\n\f\r", s[i]) >= 0 {
		return s[i:]
	}
	return s
}

// row reads the quotas of row ri, named raw.
func (v *vocab) row(doc *schema.Document, p *numbers.Parser, l *layout, ti, ri, sec int, raw string, docYear int) []schema.Target {
	t := &doc.Tables[ti]
	r := t.Rows[ri]
	entity := strings.TrimSpace(strings.TrimRight(stripNumLead(raw), footMarks))
	rowName, rowUnit := entity, ""
	k := tables.Key(entity)
	if m := reTailUnit.FindStringSubmatchIndex(k); m != nil && p.IsUnit(k[m[2]:m[3]]) {
		rowUnit, rowName = k[m[2]:m[3]], k[:m[0]] // 引育人才数量（人）
	}
	if l.unitCol >= 0 {
		if u := tables.Key(cellAt(r, l.unitCol)); p.IsUnit(u) {
			rowUnit = u
		}
	}
	rowIsIndicator := l.rowsAreIndicators || rowUnit != "" && l.unitCol < 0
	// rows of years (年度 | 目标值): the row's year is the deadline; a past
	// year's row is a statistic
	rowYear := 0
	if m := reRowYear.FindStringSubmatch(tables.Key(entity)); m != nil {
		rowYear, _ = strconv.Atoi(m[1])
		if docYear > 0 && rowYear < docYear {
			return nil
		}
		rowIsIndicator = false
	}
	spans := cellSpans(doc.Text, r)
	var out []schema.Target
	for c := l.first; c < len(l.cols); c++ {
		col := l.cols[c]
		if c == l.ent || col.skip || col.unitCol {
			continue
		}
		unit := col.unit
		if unit == "" {
			unit = rowUnit
		}
		if unit == "" {
			unit = l.noteUnit
		}
		s := cellAt(r, c)
		ce, ok := readCell(p, s, unit)
		if !ok {
			continue
		}
		subject := col.subject
		generic := subject == "" || lexicon.EqualsAny(subject, v.generic)
		switch {
		case !generic:
		case rowIsIndicator:
			subject = rowName
		case rowYear > 0 && l.titleInd != "":
			subject = l.titleInd
		case l.stem != "" && subject != "" && rowYear == 0:
			subject = l.stem + subject
		case l.titleInd != "":
			subject = l.titleInd
		case subject == "":
			subject = rowName
		}
		ent := entity
		if rowIsIndicator && !generic && col.year == 0 && lexicon.HasSuffixAny(col.subject, v.placeHead) && utf8.RuneCountInString(col.subject) <= 10 {
			// a transposed table: indicators down, districts across
			ent, subject = col.subject, rowName
		}
		year := col.year
		for _, y := range []int{rowYear, l.titleY2, l.titleY1} {
			if year == 0 {
				year = y
			}
		}
		deadline := ""
		if year > 0 {
			deadline = fmt.Sprintf("%d-12-31", year)
		}
		span := r.Span
		if c < len(spans) && spans[c].End > 0 {
			span = spans[c]
		}
		kind := schema.KindGoal
		switch ce.q.Class {
		case numbers.Percent, numbers.Permille, numbers.Points:
			kind = schema.KindRate
		}
		head := ""
		if c < len(t.Header) {
			head = t.Header[c]
		}
		out = append(out, schema.Target{
			Section: sec, Kind: kind, Subject: subject, Entity: ent,
			Value: ce.q.Value, Unit: ce.q.Unit, NormValue: ce.q.NormValue, NormUnit: ce.q.NormUnit,
			Comparator: ce.cmp, Deadline: deadline,
			Sentence: sentence(t.Title, entity, head, s),
			Span:     span, Source: "table", Table: ti, Row: ri,
		})
	}
	return out
}

// cellSpans finds each cell of r in text, left to right inside the row's
// span. A cell the reader repeated from a horizontally merged cell, written
// once, gets the span of its first copy; a cell not found keeps a zero span.
func cellSpans(text string, r schema.TableRow) []schema.Span {
	out := make([]schema.Span, len(r.Cells))
	if !r.Span.Valid(len(text)) {
		return out
	}
	pos := r.Span.Start
	for c, cell := range r.Cells {
		s := strings.TrimSpace(cell)
		if s == "" {
			continue
		}
		if i := strings.Index(text[pos:r.Span.End], s); i >= 0 {
			out[c] = schema.Span{Start: pos + i, End: pos + i + len(s)}
			pos = out[c].End
		} else if c > 0 && strings.TrimSpace(r.Cells[c-1]) == s {
			out[c] = out[c-1]
		}
	}
	return out
}

func anyText(ts []int) bool {
	for _, x := range ts {
		if x > 0 {
			return true
		}
	}
	return false
}

func sentence(title, entity, head, cell string) string {
	var b strings.Builder
	if title != "" {
		b.WriteString(title)
		b.WriteString("：")
	}
	b.WriteString(entity)
	if head != "" {
		b.WriteString(" ")
		b.WriteString(head)
	}
	b.WriteString(" ")
	b.WriteString(strings.TrimSpace(cell))
	return b.String()
}

// sectionOf is the innermost section holding byte offset at, -1 when none.
func sectionOf(doc *schema.Document, at int) int {
	best := -1
	for i, s := range doc.Sections {
		if s.Span.Start <= at && at < s.Span.End {
			if best < 0 || s.Span.Start >= doc.Sections[best].Span.Start {
				best = i
			}
		}
	}
	return best
}
