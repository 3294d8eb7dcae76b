// Package tables finds numbered tables in every form the readers deliver and
// checks their consistency (序号 gaps, sums against 合计, 共N项 statements).
//
// Forms: table blocks (cells in Block.Rows), tab-separated lines, runs of
// space-separated columns, and PDF-extracted text where every cell's text
// wraps over several lines in reading order (see frag.go).
package tables

import (
	"sort"
	"strings"

	"policyx/schema"
)

// line is one line of the normalized text, or one row of a table block.
type line struct {
	text    string   // trimmed
	cells   []string // tab-separated cells or table-block row; nil for plain lines
	span    schema.Span
	block   int // index of the block
	isTable bool
	heading bool
}

// table is a table under construction.
type table struct {
	first, last int // line range of the body, header through last row
	header      []string
	rows        []schema.TableRow
	notes       []string
	noteSpans   []schema.Span
	groupSpans  map[string]schema.Span // group heading → its line
	title       string
	attach      string
	unit        string
	start, end  int
}

// Extract returns the tables of doc and the checks that failed.
func Extract(doc *schema.Document) ([]schema.Table, []schema.Check) {
	v := loadVocab()
	ls := buildLines(doc)
	used := make([]bool, len(ls))
	var ts []*table
	for i := 0; i < len(ls); {
		if len(ls[i].cells) >= 2 || ls[i].isTable {
			if t, end := v.parseCells(ls, i); t != nil {
				for k := i; k < end; k++ {
					used[k] = true
				}
				ts = append(ts, t)
				i = end
				continue
			}
		}
		i++
	}
	ts = append(ts, v.seqTables(ls, used)...)
	ts = append(ts, v.fragTables(ls, used)...)
	ts = append(ts, v.stackTables(ls, used)...)
	sort.Slice(ts, func(a, b int) bool { return ts[a].first < ts[b].first })
	var out []schema.Table
	var checks []schema.Check
	for _, t := range ts {
		if doc.Format == schema.FormatPDF {
			v.fillBreaks(t.rows)
		}
		v.caption(ls, t, used)
		v.trailingNotes(ls, t, used)
		out = append(out, t.export(len(out)+1))
	}
	for i := range out {
		checks = append(checks, v.check(i, &out[i], ts[i], doc.Meta.Jurisdiction)...)
	}
	return out, checks
}

func (t *table) export(ord int) schema.Table {
	st := schema.Table{
		Ordinal: ord, Attachment: t.attach, Title: t.title, UnitNote: t.unit,
		Note: strings.Join(t.notes, "\n"), Header: t.header, Rows: t.rows,
		Span: schema.Span{Start: t.start, End: t.end},
	}
	return st
}

// buildLines splits the document into lines: table blocks give one line per
// row, other blocks one per text line.
func buildLines(doc *schema.Document) []line {
	var ls []line
	for bi, b := range doc.Blocks {
		if b.Kind == schema.BlockTable && len(b.Rows) > 0 {
			off := b.Span.Start
			for _, row := range b.Rows {
				txt := strings.Join(row, "\t")
				cells := make([]string, len(row))
				for i, c := range row {
					cells[i] = strings.TrimSpace(c)
				}
				ls = append(ls, line{text: strings.TrimSpace(txt), cells: cells, span: schema.Span{Start: off, End: off + len(txt)}, block: bi, isTable: true})
				off += len(txt) + 1
			}
			continue
		}
		off := b.Span.Start
		for _, txt := range strings.Split(b.Text, "\n") {
			start, end := off, off+len(txt)
			off = end + 1
			tt := strings.TrimSpace(txt)
			if tt == "" {
				continue
			}
			// tighten the span to the trimmed text
			lead := strings.Index(txt, tt)
			l := line{text: tt, span: schema.Span{Start: start + lead, End: start + lead + len(tt)}, block: bi, heading: b.Kind == schema.BlockHeading}
			_ = end
			if cells, ok := pipeRow(tt); ok {
				if cells == nil {
					continue // the |---|---| rule under a Markdown header
				}
				l.cells = cells
			} else if strings.Contains(tt, "\t") {
				for _, c := range strings.Split(txt, "\t") {
					l.cells = append(l.cells, strings.TrimSpace(c))
				}
				// trailing empty cells say nothing
				for len(l.cells) > 0 && l.cells[len(l.cells)-1] == "" {
					l.cells = l.cells[:len(l.cells)-1]
				}
			}
			ls = append(ls, l)
		}
	}
	return ls
}

// caption fills title, attachment and unit note from the lines above the
// table.
func (v *vocab) caption(ls []line, t *table, used []bool) {
	k := t.first - 1
	var title []string
	titleStart := -1
	for steps := 0; k >= 0 && steps < 5 && !used[k]; steps++ {
		l := ls[k]
		txt := cleanTitle(l.text)
		if l.isTable {
			// a spanned row left over from the block above
			s, ok := spanned(l.cells)
			if !ok {
				break
			}
			txt = cleanTitle(s)
		}
		if reArtefact.MatchString(txt) {
			k--
			continue
		}
		if reDateCell.MatchString(key(txt)) {
			break // the 成文日期 under a signature, never part of a caption
		}
		if reUnit.MatchString(key(txt)) || reUnit.MatchString(txt) {
			if len(title) == 0 {
				if t.unit == "" {
					t.unit = txt
				}
				t.start = min(t.start, l.span.Start)
				k--
				continue
			}
			break
		}
		if m := reAttach.FindStringSubmatch(key(txt)); m != nil {
			if t.attach == "" {
				t.attach = m[1] + m[2]
			}
			t.start = min(t.start, l.span.Start)
			break
		}
		if m := reAttachPrefix.FindStringSubmatch(key(txt)); m != nil && len(title) == 0 && runeLen(txt) < 60 {
			// 附件1：title, or 附件 1 title, on one line
			rest := strings.TrimLeft(key(txt)[len(m[0]):], "：:、.．")
			if m[2] != "" && rest != "" && !reNumHead.MatchString(rest) && t.title == "" {
				if t.attach == "" {
					t.attach = m[1] + m[2]
				}
				title = append(title, cleanTitle(strings.TrimLeft(strings.TrimSpace(txt[strings.Index(txt, m[1])+len(m[1]):]), "0123456789一二三四五六七八九十 ：:、.．")))
				t.start = min(t.start, l.span.Start)
				titleStart = l.span.Start
				break
			}
		}
		if !v.titleLike(txt) || len(title) >= 3 {
			break
		}
		if len(title) > 0 && l.heading && !ls[k+1].heading && balanced(title[0]) {
			// a heading over a caption line (a workbook's sheet name over
			// its merged title row) is the section, not part of the title
			break
		}
		if len(title) > 0 {
			// a further line joins the title only when the title is
			// unfinished: open brackets, or this line does not end a title.
			joined := txt + strings.Join(title, "")
			if balanced(title[0]) && balanced(txt) && endsTitle(txt) {
				break
			}
			_ = joined
		}
		title = append([]string{txt}, title...)
		titleStart = l.span.Start
		k--
	}
	if len(title) > 0 && t.title == "" {
		t.title = strings.Join(title, "")
		if titleStart >= 0 {
			t.start = min(t.start, titleStart)
		}
	}
}

// titleLike reports a short caption line: no sentence end, not a table row.
func (v *vocab) titleLike(s string) bool {
	if s == "" || runeLen(s) > 70 {
		return false
	}
	if strings.ContainsAny(s, "\t") {
		return false
	}
	last := []rune(s)
	switch last[len(last)-1] {
	case '。', '；', ';', '，', ',', '：', ':', '、':
		return false
	}
	return true
}

// endsTitle reports a line that can end a caption: …表, …计划, …（2021年）.
func endsTitle(s string) bool {
	k := key(s)
	for _, w := range []string{"表", "单", "录", "划", "案", "）", ")", "览"} {
		if strings.HasSuffix(k, w) {
			return true
		}
	}
	return false
}

// trailingNotes attaches 备注/注 lines right after the table.
func (v *vocab) trailingNotes(ls []line, t *table, used []bool) {
	for k := t.last + 1; k < len(ls) && !used[k]; k++ {
		txt := ls[k].text
		if reArtefact.MatchString(txt) {
			continue
		}
		if len(t.notes) > 0 && v.noteGoesOn(t.notes[len(t.notes)-1], ls[k]) {
			// the note wrapped onto this line (合计：… 17 / 项，… 共123项)
			t.notes[len(t.notes)-1] += txt
			t.noteSpans[len(t.noteSpans)-1].End = ls[k].span.End
			t.end = max(t.end, ls[k].span.End)
			t.last = k
			used[k] = true
			continue
		}
		if !v.isNote(txt) {
			if len(t.notes) == 0 || reAttach.MatchString(key(txt)) || !reNumHead.MatchString(txt) {
				break
			}
		}
		t.addNote(noteText(txt), ls[k].span)
		t.end = max(t.end, ls[k].span.End)
		t.last = k
		used[k] = true
	}
}

// noteGoesOn reports a line that continues the note before it: a count
// statement cut before its last count, or a line opening with the end of a
// clause (项，…).
func (v *vocab) noteGoesOn(note string, l line) bool {
	txt := key(l.text)
	if l.heading || len(l.cells) > 0 || runeLen(txt) > 80 || reAttach.MatchString(txt) || v.isNote(txt) || noteEnds(note) {
		return false
	}
	if v.countStatement(note) && unfinished(note) {
		return true
	}
	rs := []rune(txt)
	for i := 0; i < len(rs) && i < 3; i++ {
		switch rs[i] {
		case '，', ',', '；', ';', '。':
			return i > 0 && !reNumHead.MatchString(txt) && !reHeading.MatchString(txt)
		}
	}
	return false
}

// pipeRow splits a Markdown table row | a | b |; the |---| rule gives nil.
func pipeRow(s string) ([]string, bool) {
	if len(s) < 3 || s[0] != '|' || s[len(s)-1] != '|' || strings.Count(s, "|") < 3 {
		return nil, false
	}
	parts := strings.Split(s[1:len(s)-1], "|")
	rule := true
	cells := make([]string, len(parts))
	for i, p := range parts {
		cells[i] = strings.TrimSpace(p)
		if strings.Trim(cells[i], "-: ") != "" {
			rule = false
		}
	}
	if rule {
		return nil, true
	}
	return cells, true
}
