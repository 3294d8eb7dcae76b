package corpus

import (
	"strings"

	"policyx/schema"
)

// Caps on the grid one table may expand to.
const (
	maxTableCols  = 256
	maxTableCells = 1 << 20
)

// table emits a data table as a BlockTable, or a layout table as blocks.
func (e *htmlEmitter) table(t *hnode) {
	captions, rows := e.tableRows(t)
	width := 0
	for _, r := range rows {
		w := 0
		for _, c := range r {
			w += max(1, min(c.colspan, maxTableCols))
		}
		width = max(width, w)
	}
	longCell := false
	if len(rows) <= 2 {
		for _, r := range rows {
			for _, c := range r {
				longCell = longCell || c.textLen >= 300
			}
		}
	}
	if t.hasTable || t.hasHeading || longCell || width <= 1 || len(rows) == 0 {
		// Layout: read the cells as ordinary blocks.
		for _, c := range t.children {
			e.walk(c)
		}
		e.flush()
		return
	}
	for _, c := range captions {
		e.walk(c)
		e.flush()
	}
	grid := e.expandGrid(rows, min(width, maxTableCols))
	if len(grid) == 0 {
		return
	}
	e.emitGrid(dropEmptyColumns(grid))
}

// tableRows collects the captions and the rows of cells of a table,
// looking through thead/tbody/tfoot/colgroup/form.
func (e *htmlEmitter) tableRows(t *hnode) (captions []*hnode, rows [][]*hnode) {
	var collect func(n *hnode)
	collect = func(n *hnode) {
		for _, c := range n.children {
			if c.tag == "" || e.dropped(c) {
				continue
			}
			switch c.tag {
			case "caption":
				captions = append(captions, c)
			case "tr":
				var cells []*hnode
				for _, d := range c.children {
					if (d.tag == "td" || d.tag == "th") && !d.skip {
						cells = append(cells, d)
					}
				}
				rows = append(rows, cells)
			case "thead", "tbody", "tfoot", "colgroup", "form":
				collect(c)
			}
		}
	}
	collect(t)
	return captions, rows
}

// expandGrid lays the rows out on a grid of width columns, rowspan and
// colspan expanded; rows left empty are dropped.
func (e *htmlEmitter) expandGrid(rows [][]*hnode, width int) [][]string {
	type carry struct {
		text string
		left int
	}
	pending := make([]carry, width)
	var grid [][]string
	cells := 0
	for ri, r := range rows {
		if cells > maxTableCells {
			break
		}
		row := make([]string, 0, width)
		col := 0
		fillCarried := func() {
			for col < width && pending[col].left > 0 {
				row = append(row, pending[col].text)
				pending[col].left--
				col++
			}
		}
		for _, c := range r {
			fillCarried()
			if col >= width {
				break
			}
			text := e.cellText(c)
			cs := max(1, c.colspan)
			cs = min(cs, width-col)
			rs := c.rowspan
			if rs == 0 {
				rs = len(rows) - ri // rowspan="0": to the end of the table
			}
			rs = min(rs, len(rows)-ri)
			for k := 0; k < cs; k++ {
				v := ""
				if k == 0 {
					v = text
				}
				row = append(row, v)
				if rs > 1 {
					pending[col] = carry{text: v, left: rs - 1}
				}
				col++
			}
		}
		for col < width {
			if pending[col].left > 0 {
				row = append(row, pending[col].text)
				pending[col].left--
			} else {
				row = append(row, "")
			}
			col++
		}
		cells += len(row)
		if !blankRow(row) {
			grid = append(grid, row)
		}
	}
	return grid
}

func blankRow(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// dropEmptyColumns drops the columns empty in every row (spacer cells).
func dropEmptyColumns(grid [][]string) [][]string {
	width := len(grid[0])
	keep := make([]bool, width)
	nkeep := 0
	for _, row := range grid {
		for j, v := range row {
			if !keep[j] && strings.TrimSpace(v) != "" {
				keep[j] = true
				nkeep++
			}
		}
	}
	if nkeep < width {
		for i, row := range grid {
			out := make([]string, 0, nkeep)
			for j, v := range row {
				if keep[j] {
					out = append(out, v)
				}
			}
			grid[i] = out
		}
	}
	return grid
}

// emitGrid emits an expanded table. Leading rows whose one filled cell
// spans the whole table are captions (附件1, the table title): they become
// paragraphs before it; a grid of one column is not a table after all.
func (e *htmlEmitter) emitGrid(grid [][]string) {
	for len(grid) > 0 && len(grid[0]) > 1 && leadingCaption(grid[0]) {
		for _, line := range strings.Split(grid[0][0], "\n") {
			e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockPara, Text: line})
		}
		grid = grid[1:]
	}
	if len(grid) == 0 {
		return
	}
	if len(grid[0]) <= 1 {
		for _, row := range grid {
			for _, line := range strings.Split(row[0], "\n") {
				e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockPara, Text: line})
			}
		}
		return
	}
	e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockTable, Rows: grid})
}

// leadingCaption reports whether only the first cell of row has text (a
// colspan over the whole width leaves "" in the others).
func leadingCaption(row []string) bool {
	if strings.TrimSpace(row[0]) == "" {
		return false
	}
	for _, v := range row[1:] {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// cellText reads one cell's blocks, joined by "\n".
func (e *htmlEmitter) cellText(c *hnode) string {
	sub := &htmlEmitter{showHidden: e.showHidden}
	for _, ch := range c.children {
		sub.walk(ch)
	}
	sub.flush()
	parts := make([]string, 0, len(sub.blocks))
	for _, b := range sub.blocks {
		t := strings.TrimSpace(b.Text)
		if b.Kind == schema.BlockTable {
			var lines []string
			for _, r := range b.Rows {
				lines = append(lines, strings.Join(r, " "))
			}
			t = strings.Join(lines, "\n")
		}
		if t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}
