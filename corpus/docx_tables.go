package corpus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/lexicon/outline"
	"policyx/schema"
)

// endTable expands a finished table into rows and delivers it.
func (p *docxParser) endTable(tb *docxTable) {
	cells, width, nested := 0, 0, false
	for _, r := range tb.rows {
		cells += len(r.cells)
		w := r.before + r.after
		for _, c := range r.cells {
			w += c.span
			for _, it := range c.items {
				nested = nested || it.kind == schema.BlockTable
			}
		}
		width = max(width, w)
	}
	if cells == 0 {
		return
	}
	if width <= 1 || nested {
		// Page layout, not a data table (as in HTML): a frame of one
		// column, or a table holding tables. Its content is read in
		// order, the inner tables as tables.
		for _, r := range tb.rows {
			for _, c := range r.cells {
				for _, it := range c.items {
					p.deliver(it)
				}
			}
		}
		return
	}
	width = min(width, 1024)
	var rows [][]string
	above := make([]string, width) // text of each column in the previous row
	for i, r := range tb.rows {
		if p.cells -= width; p.cells < 0 {
			p.diags = append(p.diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "docx",
				Message: fmt.Sprintf("more than %d table cells: %d rows of a table dropped", docxMaxCells, len(tb.rows)-i)})
			break
		}
		row := make([]string, width)
		col := r.before
		for _, c := range r.cells {
			text := cellText(c.items)
			for k := 0; k < c.span && col < width; k++ {
				if c.vmerge == 2 {
					row[col] = above[col]
				} else {
					row[col] = text
				}
				col++
			}
		}
		copy(above, row)
		empty := true
		for _, s := range row {
			if s != "" {
				empty = false
				break
			}
		}
		if !empty {
			rows = append(rows, row)
		}
	}
	before, rows, after := splitCaptionRows(rows)
	for _, b := range before {
		p.deliver(docxItem{kind: b.Kind, text: b.Text})
	}
	if len(rows) > 0 {
		p.deliver(docxItem{kind: schema.BlockTable, rows: rows})
	}
	for _, b := range after {
		p.deliver(docxItem{kind: b.Kind, text: b.Text})
	}
}

// splitCaptionRows takes the rows that are not data off both ends of a
// table: a title merged across the table above it, a note (备注：…)
// below it. Such a row holds one text only, either in every cell (a merged
// row, spans being repeated) or in a single cell when the text is long.
// They become paragraphs before and after the table (two at most at each
// end).
func splitCaptionRows(rows [][]string) (before []schema.Block, data [][]string, after []schema.Block) {
	if len(rows) == 0 || len(rows[0]) < 2 {
		return nil, rows, nil
	}
	for len(rows) > 1 && len(before) < 2 {
		v := captionRow(rows[0])
		if v == "" && len(before) == 0 {
			v = attachmentRow(rows[0])
		}
		if v == "" {
			break
		}
		before = append(before, schema.Block{Kind: schema.BlockPara, Text: v})
		rows = rows[1:]
	}
	for len(rows) > 1 && len(after) < 2 {
		v := captionRow(rows[len(rows)-1])
		if v == "" {
			break
		}
		after = append([]schema.Block{{Kind: schema.BlockPara, Text: v}}, after...)
		rows = rows[:len(rows)-1]
	}
	return before, rows, after
}

// attachmentRow returns the label of a row that holds only an attachment
// label (附件, 附件2, 附表1) in its first cell, as a sheet opens above its
// caption; else "".
func attachmentRow(row []string) string {
	for _, c := range row[1:] {
		if c != "" {
			return ""
		}
	}
	v := strings.TrimSpace(row[0])
	if l, n := outline.Read(v); l.Style == outline.Attachment && n == len(v) {
		return v
	}
	return ""
}

// captionRow returns the text of a row that holds one text only in every
// cell, or in one cell when it is long; else "".
func captionRow(row []string) string {
	v, filled := "", 0
	for _, c := range row {
		if c == "" {
			continue
		}
		if v != "" && c != v {
			return ""
		}
		v = c
		filled++
	}
	if v == "" {
		return ""
	}
	if filled == len(row) || (filled == 1 && utf8.RuneCountInString(v) > 12) {
		return v
	}
	return ""
}

// cellText joins the items of a cell into one line: paragraphs (and the
// line breaks inside them) without a separator except between two Latin
// letters or digits, nested tables flattened.
func cellText(items []docxItem) string {
	var parts []string
	for _, it := range items {
		if it.kind == schema.BlockTable {
			var rows []string
			for _, r := range it.rows {
				var cs []string
				for _, c := range r {
					if c != "" && (len(cs) == 0 || cs[len(cs)-1] != c) {
						cs = append(cs, c)
					}
				}
				if len(cs) > 0 {
					rows = append(rows, strings.Join(cs, "，"))
				}
			}
			parts = append(parts, strings.Join(rows, "；"))
			continue
		}
		for _, line := range strings.Split(it.text, "\n") {
			line = strings.TrimSpace(strings.ReplaceAll(line, "\t", " "))
			if line != "" {
				parts = append(parts, line)
			}
		}
	}
	var b strings.Builder
	for i, s := range parts {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(s)
			if isLatinOrDigit(last) && isLatinOrDigit(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func isLatinOrDigit(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) ||
		r >= 0xFF10 && r <= 0xFF19 || r >= 0xFF21 && r <= 0xFF3A || r >= 0xFF41 && r <= 0xFF5A
}
