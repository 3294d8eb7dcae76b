package pdf

import (
	"math"
	"regexp"
	"sort"
	"unicode/utf8"
)

// col is a column of a table rebuilt from text positions.
type col struct{ x0, x1 float64 }

// findTextTables finds tables without ruling lines: runs of lines whose
// text falls into the same columns separated by wide gaps (tab-separated
// text, borderless tables). A run needs two lines with two or more
// columns; lines of one run that sit inside one column (a wrapped cell, a
// group heading in the second column) belong to it. A wrapped cell's lines
// are joined into one cell; a line with text in the first column, or a gap
// wider than usual, starts a new row.
func findTextTables(lines []*line) ([]*table, []*line) {
	var tables []*table
	var rest []*line
	for i := 0; i < len(lines); {
		if len(lines[i].segs) < 2 {
			rest = append(rest, lines[i])
			i++
			continue
		}
		var cols []col
		for _, sp := range lines[i].segs {
			cols = append(cols, col{sp.x0, sp.x1})
		}
		j, multi := i, 0
		for ; j < len(lines); j++ {
			ln := lines[j]
			if j > i && (lines[j-1].y-ln.y > 3.2*ln.size || math.Abs(ln.size-lines[i].size) > 0.1*lines[i].size) {
				break
			}
			next, ok := fitColumns(cols, ln)
			if !ok {
				break
			}
			cols = next
			if len(ln.segs) >= 2 {
				multi++
			}
		}
		// trailing one-column lines are more likely text after the table
		for j > i && len(lines[j-1].segs) < 2 && lines[j-1].segs[0].x0 <= cols[0].x1 {
			j--
		}
		// a note or running text after the table: from the first long or
		// 备注 line of the trailing one-cell lines on
		for k := j - 1; k > i && len(lines[k].segs) < 2; k-- {
			if isNote(lines[k].text) {
				j = k
			}
		}
		if j <= i || len(cols) < 2 || (multi < 2 && fullRows(textTable(cols, lines[i:j])) < 2) {
			rest = append(rest, lines[i])
			i++
			continue
		}
		region := lines[i:j]
		// rows above the first two-column line whose gap only shows at a
		// column start (a narrow tab gap)
		for len(rest) > 0 {
			ln := rest[len(rest)-1]
			if ln.y-region[0].y > 3.2*ln.size || math.Abs(ln.size-region[0].size) > 0.1*region[0].size {
				break
			}
			next, ok := fitColumns(cols, ln)
			// a one-cell line joins when it shares the first row's band (a
			// wrapped header cell) or heads the page (the end of a row
			// broken by the page break)
			if !ok || (len(ln.segs) < 2 && ln.y-region[0].y > 1.6*ln.size && !allFit(cols, rest) && !headerBand(cols, rest)) {
				break
			}
			cols = next
			rest = rest[:len(rest)-1]
			region = append([]*line{ln}, region...)
		}
		tables = append(tables, textTable(cols, region))
		i = j
	}
	return tables, rest
}

// fitColumns adds a line's segments to the columns. It fails when a segment
// bridges two columns or a one-segment line starts at the first column and
// runs past it (body text).
func fitColumns(cols []col, ln *line) ([]col, bool) {
	const t = 3.0
	out := append([]col(nil), cols...)
	// a span bridging columns is cut where a gap falls on a column start
	// (a tab stop): "102. D 系列" with a narrow tab gap
	var segs []span
	for _, sp := range ln.segs {
	again:
		for k := 1; k < len(out); k++ {
			c := out[k]
			if sp.x0 < c.x0-t && sp.x1 > c.x0+t {
				for _, ct := range sp.cuts {
					if math.Abs(ct.x-c.x0) <= 2.5 {
						l, r := sp.split(ct)
						segs = append(segs, l)
						sp = r
						goto again
					}
				}
			}
		}
		segs = append(segs, sp)
	}
	if len(segs) != len(ln.segs) {
		ln.segs = segs
	}
	taken := map[int]bool{}
	for _, sp := range ln.segs {
		hit := -1
		for k, c := range out {
			if sp.x0 < c.x1+t && sp.x1 > c.x0-t {
				if hit >= 0 {
					return nil, false
				}
				hit = k
			}
		}
		if hit < 0 {
			if len(ln.segs) < 2 {
				return nil, false
			}
			out = append(out, col{sp.x0, sp.x1})
			sort.Slice(out, func(a, b int) bool { return out[a].x0 < out[b].x0 })
			continue
		}
		if taken[hit] {
			return nil, false // two cells of the line in one column
		}
		taken[hit] = true
		out[hit].x0 = math.Min(out[hit].x0, sp.x0)
		out[hit].x1 = math.Max(out[hit].x1, sp.x1)
	}
	// a merged column must not have grown into its neighbour
	for k := 1; k < len(out); k++ {
		if out[k].x0 < out[k-1].x1+t {
			return nil, false
		}
	}
	return out, true
}

func textTable(cols []col, lines []*line) *table {
	colOf := func(sp span) int {
		mid := (sp.x0 + sp.x1) / 2
		best, bd := 0, math.Inf(1)
		for k, c := range cols {
			if mid >= c.x0 && mid <= c.x1 {
				return k
			}
			d := math.Min(math.Abs(mid-c.x0), math.Abs(mid-c.x1))
			if d < bd {
				best, bd = k, d
			}
		}
		return best
	}
	tb := &table{top: lines[0].y + lines[0].size, bottom: lines[len(lines)-1].y, text: true}
	for _, c := range cols {
		tb.xs = append(tb.xs, c.x0)
	}
	var cells [][]string // parts of the current row's cells
	var lastFirst *span  // the last first-column text of the row
	flush := func() {
		if cells == nil {
			return
		}
		lastFirst = nil
		row := make([]string, len(cols))
		for k := range cols {
			row[k] = joinText(cells[k])
		}
		tb.rows = append(tb.rows, row)
		cells = nil
	}
	var prev *line
	for _, ln := range lines {
		first := false
		for _, sp := range ln.segs {
			if colOf(sp) == 0 {
				first = true
			}
		}
		// a line with text in the first column starts a row unless it
		// continues a first-column cell that filled its column
		cont := len(cells) > 0 && len(cells[0]) > 0 && lastFirst != nil && lastFirst.x1 >= cols[0].x1-lastFirst.size
		if cells == nil || ln.y < prev.y-1.6*ln.size || (first && len(cells[0]) > 0 && !cont) {
			flush()
			cells = make([][]string, len(cols))
		}
		for _, sp := range ln.segs {
			k := colOf(sp)
			cells[k] = append(cells[k], sp.text)
			if k == 0 {
				s := sp
				s.size = ln.size
				lastFirst = &s
			}
		}
		prev = ln
	}
	flush()
	return tb
}

// allFit reports whether every line fits the columns: the lines above a
// table at the head of a page are then the rest of a row broken by the page
// break.
func allFit(cols []col, lines []*line) bool {
	if len(lines) > 6 {
		return false
	}
	for _, ln := range lines {
		cp := *ln
		if _, ok := fitColumns(cols, &cp); !ok {
			return false
		}
	}
	return true
}

var noteRe = regexp.MustCompile(`^(<[a-z]+>)?\s*(备注|注|说明)\s*[：:0-9１-９]`)

// isNote reports a one-cell line after a table that is a note or running
// text rather than a row.
func isNote(s string) bool {
	return noteRe.MatchString(s) || utf8.RuneCountInString(s) >= 40
}

// headerBand reports whether the last line of lines is a one-cell line just
// below a line with several cells that fits the columns: the lower part of a
// wrapped header row.
func headerBand(cols []col, lines []*line) bool {
	n := len(lines)
	if n < 2 {
		return false
	}
	above, ln := lines[n-2], lines[n-1]
	if len(above.segs) < 2 || above.y-ln.y > 1.6*ln.size {
		return false
	}
	cp := *above
	_, ok := fitColumns(cols, &cp)
	return ok
}

// fullRows counts rows with text in two or more cells.
func fullRows(t *table) int {
	n := 0
	for _, r := range t.rows {
		k := 0
		for _, c := range r {
			if c != "" {
				k++
			}
		}
		if k >= 2 {
			n++
		}
	}
	return n
}
