package corpus

import (
	"encoding/binary"
	"sort"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"policyx/schema"
)

// docText decodes the main document's characters (CPs 0..ccpText) through
// the piece table. fcs holds the stream offset of each character, for
// looking up its paragraph's properties. cut reports text over the limit.
func docText(w []byte, pieces []piece, ccpText int, lim Limits) (text []rune, fcs []int, cut bool) {
	maxChars := ccpText
	if lim.MaxZipEntry > 0 && int64(maxChars) > lim.MaxZipEntry/2 {
		maxChars, cut = int(lim.MaxZipEntry/2), true
	}
	cp1252 := charmap.Windows1252
	text = make([]rune, 0, min(maxChars, len(w))+1)
	fcs = make([]int, 0, cap(text))
	for _, p := range pieces {
		for cp := p.cp; cp < p.cpEnd && cp < maxChars; cp++ {
			k := cp - p.cp
			var r rune
			fc := p.fc + k
			if p.compressed {
				if fc >= len(w) {
					break
				}
				r = cp1252.DecodeByte(w[fc])
			} else {
				fc = p.fc + 2*k
				if fc+2 > len(w) {
					break
				}
				r = rune(binary.LittleEndian.Uint16(w[fc:]))
				if r >= 0xD800 && r <= 0xDBFF && fc+4 <= len(w) && cp+1 < p.cpEnd {
					if lo := rune(binary.LittleEndian.Uint16(w[fc+2:])); lo >= 0xDC00 && lo <= 0xDFFF {
						text = append(text, (r-0xD800)<<10+(lo-0xDC00)+0x10000, 0)
						fcs = append(fcs, fc, fc+2)
						cp++
						continue
					}
				}
			}
			text = append(text, r)
			fcs = append(fcs, fc)
		}
	}
	return text, fcs, cut
}

// docBuilder turns the character stream into paragraphs and tables, through
// the DOCX parser's containers so that tables come out the same.
type docBuilder struct {
	ctx       interface{ Err() error }
	props     *docProps
	guessRows bool // no paragraph properties: a row ends at an empty cell mark after a cell
	p         *docxParser

	para   strings.Builder
	fields []docField // open fields
	row    []*docxContainer
	cell   *docxContainer
	tbl    *docTable
}

// docField is an open field: in its instruction until the separator.
type docField struct{ result bool }

// docTable collects the rows of one table with their cell boundaries.
type docTable struct {
	rows  [][]*docxContainer
	edges [][]int // cell boundaries (twips) of each row, nil when unknown
	merge [][]docCellFlags
}

// run reads text (with the stream offset of each character).
func (b *docBuilder) run(text []rune, fcs []int) {
	for i, r := range text {
		if i&4095 == 0 && b.ctx.Err() != nil {
			return
		}
		switch r {
		case 0x13: // field begin
			if len(b.fields) < 64 {
				b.fields = append(b.fields, docField{})
			}
			continue
		case 0x14: // field separator: the result follows
			if n := len(b.fields); n > 0 {
				b.fields[n-1].result = true
			}
			continue
		case 0x15: // field end
			if n := len(b.fields); n > 0 {
				b.fields = b.fields[:n-1]
			}
			continue
		}
		if b.inInstruction() && r != 0x0D && r != 0x07 {
			continue
		}
		switch r {
		case 0x0D, 0x0C: // paragraph end, page or section break
			b.paraEnd(b.props.at(fcs[i]), false)
		case 0x07: // cell end, or row end
			b.paraEnd(b.props.at(fcs[i]), true)
		case 0x0B: // line break
			b.para.WriteByte('\n')
		case 0x1E: // non-breaking hyphen
			b.para.WriteByte('-')
		case 0x09:
			b.para.WriteByte('\t')
		case 0: // second half of a surrogate pair, see docText
		default:
			if r < 0x20 || r == 0x1F || (r >= 0xF000 && r <= 0xF0FF) {
				continue // pictures, drawn objects, note marks, optional hyphens, symbol-font characters
			}
			b.para.WriteRune(r)
		}
	}
	if strings.TrimSpace(b.para.String()) != "" {
		b.paraEnd(papx{}, false)
	}
	b.endTable()
	b.p.flush()
}

func (b *docBuilder) inInstruction() bool {
	for _, f := range b.fields {
		if !f.result {
			return true
		}
	}
	return false
}

// paraEnd ends a paragraph (cellMark: one ended by 0x07) with its
// properties.
func (b *docBuilder) paraEnd(pp papx, cellMark bool) {
	text := b.para.String()
	b.para.Reset()
	b.fields = b.fields[:0]
	if pp.ilfo > 0 {
		// a list paragraph: its label, counted as the DOCX reader does
		if label := b.p.num.next(pp.ilfo, pp.ilvl); label != "" && strings.TrimSpace(text) != "" {
			text = label + strings.TrimLeft(text, " \t")
		}
	}
	inTable := pp.inTable || (cellMark && b.guessRows)
	if !inTable && !cellMark {
		b.endTable()
		b.deliver(docxItem{kind: paraKind(pp), text: text, level: paraLevel(pp)})
		return
	}
	if b.tbl == nil {
		b.tbl = &docTable{}
	}
	if b.cell == nil {
		b.cell = &docxContainer{kind: ctCell, span: 1}
	}
	rowEnd := cellMark && (pp.ttp || (b.guessRows && text == "" && len(b.cell.items) == 0 && len(b.row) > 0))
	if rowEnd {
		b.cell = nil
		b.tbl.rows = append(b.tbl.rows, b.row)
		b.tbl.edges = append(b.tbl.edges, pp.edges)
		b.tbl.merge = append(b.tbl.merge, pp.cells)
		b.row = nil
		return
	}
	if strings.TrimSpace(text) != "" {
		b.cell.items = append(b.cell.items, docxItem{kind: schema.BlockPara, text: text})
	}
	if cellMark && len(b.row) < 1024 {
		b.row = append(b.row, b.cell)
		b.cell = nil
	}
}

func paraKind(pp papx) schema.BlockKind {
	if paraLevel(pp) > 0 {
		return schema.BlockHeading
	}
	return schema.BlockPara
}

func paraLevel(pp papx) int {
	if pp.outline >= 0 && pp.outline < 9 {
		return pp.outline + 1
	}
	return 0
}

func (b *docBuilder) deliver(it docxItem) {
	if strings.TrimSpace(it.text) == "" {
		return
	}
	b.p.deliver(it)
}

// endTable lays the collected rows on a grid of the cell boundaries of all
// rows and hands the table to the DOCX table code.
func (b *docBuilder) endTable() {
	t := b.tbl
	if t == nil {
		return
	}
	b.tbl = nil
	if len(b.row) > 0 { // a table cut off without its row end
		t.rows = append(t.rows, b.row)
		t.edges = append(t.edges, nil)
		t.merge = append(t.merge, nil)
		b.row = nil
	}
	b.cell = nil
	grid := docGrid(t.edges)
	tb := &docxTable{}
	for i, cells := range t.rows {
		tb.rows = append(tb.rows, docRow(cells, t.edges[i], t.merge[i], grid))
	}
	b.p.endTable(tb)
}

// docGrid returns the sorted distinct cell boundaries of all rows: the
// table grid, as Word builds it.
func docGrid(edges [][]int) []int {
	var all []int
	for _, e := range edges {
		all = append(all, e...)
	}
	sort.Ints(all)
	var grid []int
	for _, x := range all {
		if len(grid) == 0 || x-grid[len(grid)-1] > 20 { // 1 pt
			grid = append(grid, x)
		}
	}
	if len(grid) > 1025 {
		grid = grid[:1025]
	}
	return grid
}

// gridIndex is the grid column a boundary falls on.
func gridIndex(grid []int, x int) int {
	i := sort.SearchInts(grid, x-20)
	return min(i, max(len(grid)-1, 0))
}

// docRow sets the spans and merges of one row's cells from its boundaries
// and cell flags.
func docRow(cells []*docxContainer, edges []int, flags []docCellFlags, grid []int) *docxRow {
	row := &docxRow{}
	known := len(edges) == len(cells)+1 && len(grid) > 1
	if known {
		row.before = gridIndex(grid, edges[0])
		row.after = len(grid) - 1 - gridIndex(grid, edges[len(edges)-1])
	}
	for i, c := range cells {
		if known {
			c.span = max(1, gridIndex(grid, edges[i+1])-gridIndex(grid, edges[i]))
		}
		if i < len(flags) {
			switch flags[i].vert {
			case 1:
				c.vmerge = 2
			case 3:
				c.vmerge = 1
			}
			if flags[i].horz == 2 && len(row.cells) > 0 {
				// merged into the cell before it (Word 97 merges)
				row.cells[len(row.cells)-1].span += c.span
				continue
			}
		}
		row.cells = append(row.cells, c)
	}
	return row
}
