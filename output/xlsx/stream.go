package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/xuri/excelize/v2"
)

// A streamed sheet is written in one pass over its rows. The rows are
// encoded into a spool (rowxml.go) while the column widths are measured;
// the title and header rows above them, and the column widths, are made
// when the last row is in. excelize's StreamWriter writes the rest of the
// worksheet (sheet properties, panes, columns, filter, hyperlinks, page
// setup) with no rows, and the spool is put inside its empty sheetData when
// the workbook is zipped (spliceZip, xlsx.go).
//
// A cell's wrapping and line count need its column's final width, which is
// known only at the end; yet they can be decided at once: a column's final
// width is its widest measured cell capped at the column's maximum, so a
// measured cell wider than the cap wraps at the cap and any other cell
// fits. Only a header-style cell inside the rows (label) is measured
// against the final width; its row's start tag (the height) is written at
// the end (rowPatch).

// write streams one sheet: widths, frozen header, header, rows, autofilter.
// A sheet past Excel's row limit goes on in sheets named "name (2)",
// "name (3)" …, each with the title and header again (continued).
func (w *writer) write(s *sheet) error {
	o := newSheetOut(w, s)
	defer func() { w.grid = false }()
	if err := o.open(s.name); err != nil {
		return fmt.Errorf("sheet %s: %w", s.name, err)
	}
	part := 1
	err := s.rows(func(r row) error {
		if o.n >= sheetRowLimit {
			part++
			if err := o.continued(part); err != nil {
				return err
			}
		}
		o.measure(r)
		return o.putData(r)
	})
	if err == nil {
		err = o.close()
	}
	if err != nil {
		return fmt.Errorf("sheet %s: %w", o.cur.name, err)
	}
	return nil
}

// sheetPart is one worksheet of a streamed sheet (the sheet, or one of its
// continuations): the StreamWriter that writes all but the rows, the title
// and header rows (head) and the spooled rows below them.
type sheetPart struct {
	name   string
	sw     *excelize.StreamWriter
	head   []byte
	rows   spool
	packed *packed // the rows deflated in the background (splice.go)
}

// sheetOut is one sheet being streamed: its parts, the part written now
// (cur) and its last row (n).
type sheetOut struct {
	w         *writer
	s         *sheet
	widths    []float64 // measured so far
	caps      []float64 // the final width of a column a cell is too wide for
	headerRow int       // the row of the header, 0 when none
	parts     []*sheetPart
	cur       *sheetPart
	n         int
	scratch   []byte
}

func newSheetOut(w *writer, s *sheet) *sheetOut {
	o := &sheetOut{w: w, s: s, headerRow: len(s.title) + 1, widths: make([]float64, len(s.cols)), caps: make([]float64, len(s.cols))}
	if s.noHeader {
		o.headerRow--
	}
	for i, c := range s.cols {
		// the filter button takes about two units beside the header text;
		// a long header wraps rather than widening a column of numbers
		o.widths[i] = max(min(displayWidth(c.name)+4, maxHeaderWidth), c.min)
		m := c.max
		if m == 0 {
			m = defaultMaxWidth
		}
		o.caps[i] = math.Round(m*10) / 10
	}
	return o
}

// measure widens the columns to the cells of r.
func (o *sheetOut) measure(r row) {
	for i, v := range r.cells {
		if i >= len(o.widths) {
			break
		}
		if dw := displayWidth(cellText(v)) + 2; dw > o.widths[i] {
			o.widths[i] = dw
		}
	}
}

// finalWidths are the columns' widths in Excel units: every cell measured,
// within each column's bounds.
func (o *sheetOut) finalWidths() []float64 {
	out := make([]float64, len(o.widths))
	for i, c := range o.s.cols {
		m := c.max
		if m == 0 {
			m = defaultMaxWidth
		}
		out[i] = math.Round(min(o.widths[i], m)*10) / 10
	}
	return out
}

// open starts worksheet name: page setup and the StreamWriter (which writes
// the sheet properties now: before the autofilter replaces them). The rows
// above the data are made at the end; their styles are made now, so that
// style ids keep the order of the cells.
func (o *sheetOut) open(name string) error {
	w := o.w
	if err := w.addSheet(name); err != nil {
		return err
	}
	if err := w.pageSetup(name, o.headerRow); err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	first := o.parts == nil
	o.cur = &sheetPart{name: name, sw: sw}
	o.parts = append(o.parts, o.cur)
	w.parts = append(w.parts, o.cur)
	widths := o.caps
	if first && o.titleWraps() {
		// the title's styles need the final widths: measure them first
		if err := o.s.rows(func(r row) error { o.measure(r); return nil }); err != nil {
			return err
		}
		widths = o.finalWidths()
	}
	if first {
		_, err = o.headRows(widths)
	}
	o.n = o.headerRow
	return err
}

// titleWraps says whether a cell of the title rows may wrap, so that its
// style depends on its column's final width.
func (o *sheetOut) titleWraps() bool {
	for _, r := range o.s.title {
		for _, v := range r.cells {
			switch v.(type) {
			case nil, heading, label:
			default:
				return true
			}
		}
	}
	return false
}

// headRows encodes the title rows and the header of the current part for
// columns widths wide.
func (o *sheetOut) headRows(widths []float64) ([]byte, error) {
	var b []byte
	var err error
	o.n = 0
	o.w.grid = false
	for _, r := range o.s.title {
		if b, err = o.putFinal(b, r, widths); err != nil {
			return nil, err
		}
	}
	o.w.grid = true
	if o.s.noHeader {
		return b, nil
	}
	hdr := make([]any, len(o.s.cols))
	for i, c := range o.s.cols {
		hdr[i] = label(c.name)
	}
	return o.putFinal(b, row{cells: hdr}, widths)
}

// continued ends the full worksheet and opens part number part.
func (o *sheetOut) continued(part int) error {
	if _, err := o.filter(); err != nil {
		return err
	}
	return o.open(o.w.names.take(fmt.Sprintf("%s (%d)", o.s.name, part), o.s.name))
}

// filter sets the autofilter over the header and the rows written; it
// returns the filter's last row.
func (o *sheetOut) filter() (int, error) {
	last := o.n
	if o.headerRow > 0 && len(o.s.cols) > 0 {
		if last == o.headerRow {
			last++ // a filter over the header alone
		}
		from, _ := excelize.CoordinatesToCellName(1, o.headerRow)
		to, _ := excelize.CoordinatesToCellName(len(o.s.cols), last)
		if err := o.w.f.AutoFilter(o.cur.name, from+":"+to, nil); err != nil {
			return 0, err
		}
	}
	return last, nil
}

// close ends the sheet: the filter, the rows below the data (after one
// empty row); then, the widths known, every part's widths, frozen panes,
// title and header rows, and the patched row heights.
func (o *sheetOut) close() error {
	last, err := o.filter()
	if err != nil {
		return err
	}
	widths := o.finalWidths()
	cur := o.cur
	if len(o.s.after) > 0 {
		o.w.grid = false
		o.n = max(o.n, last) + 1 // one empty row between
		for _, r := range o.s.after {
			if cur.rows.buf, err = o.putFinal(cur.rows.buf, r, widths); err != nil {
				return err
			}
		}
	}
	for _, p := range o.parts {
		o.cur = p
		if p.head, err = o.headRows(widths); err != nil {
			return err
		}
		for i := range p.rows.patches {
			p.rows.patches[i].finish(widths)
		}
		if err := o.finishPart(p, widths); err != nil {
			return err
		}
		o.w.pack(p)
	}
	o.cur = cur
	return nil
}

// finishPart sets the widths and panes of p and ends its StreamWriter.
func (o *sheetOut) finishPart(p *sheetPart, widths []float64) error {
	for i, wd := range widths {
		if err := p.sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if o.headerRow > 0 {
		top, _ := excelize.CoordinatesToCellName(1, o.headerRow+1)
		if err := p.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: o.headerRow, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}); err != nil {
			return err
		}
	}
	return p.sw.Flush()
}

// encode writes the cells of r, as row o.n, for columns widths wide into
// o.scratch; it returns the lines the row takes, and its header-style cells
// when their lines are left to the caller (labels).
func (o *sheetOut) encode(r row, widths []float64, labels bool) (int, []labelAt, error) {
	b := o.scratch[:0]
	lines := 1
	var ls []labelAt
	for i, v := range r.cells {
		wd := defaultMaxWidth * 1.0
		var col column
		if i < len(widths) {
			wd, col = widths[i], o.s.cols[i]
		}
		st, x, nl, skip, err := o.w.cell(o.cur.name, i+1, o.n, v, r.kind, wd, col)
		if err != nil {
			return 0, nil, err
		}
		if skip {
			continue
		}
		if l, ok := v.(label); ok && labels && l != "" {
			ls = append(ls, labelAt{col: i, text: string(l)})
		} else {
			lines = max(lines, nl)
		}
		b = appendCell(b, i+1, o.n, st, x)
	}
	if r.kind == rowGroup || r.kind == rowPart {
		// carry the fill across the table
		id, err := o.w.st.id(styleKey{bold: true, fill: r.kind == rowGroup, part: r.kind == rowPart, border: o.w.grid})
		if err != nil {
			return 0, nil, err
		}
		for c := len(r.cells) + 1; c <= len(o.s.cols); c++ {
			b = appendCell(b, c, o.n, id, xcell{none: true})
		}
	}
	o.scratch = b
	return lines, ls, nil
}

// rowHeight is the height of a row of lines lines, 0 for the default.
// Spreadsheets do not all fit a row to wrapped text on opening (LibreOffice
// keeps the default height): say how tall it is.
func rowHeight(lines int) float64 {
	if lines <= 1 {
		return 0
	}
	return min(lineHeight*float64(lines)+2, excelize.MaxRowHeight)
}

// putFinal appends r as the next row to b, its columns widths wide.
func (o *sheetOut) putFinal(b []byte, r row, widths []float64) ([]byte, error) {
	o.n++
	lines, _, err := o.encode(r, widths, false)
	if err != nil {
		return nil, err
	}
	b = appendRowStart(b, o.n, rowHeight(lines))
	b = append(b, o.scratch...)
	return append(b, `</row>`...), nil
}

// putData spools r as the next data row, against the columns' caps.
func (o *sheetOut) putData(r row) error {
	o.n++
	o.w.grid = true
	lines, ls, err := o.encode(r, o.caps, true)
	if err != nil {
		return err
	}
	sp := &o.cur.rows
	if ls != nil {
		sp.patches = append(sp.patches, rowPatch{at: sp.pos(), n: o.n, lines: lines, labels: ls})
	} else {
		sp.buf = appendRowStart(sp.buf, o.n, rowHeight(lines))
	}
	sp.buf = append(sp.buf, o.scratch...)
	sp.buf = append(sp.buf, `</row>`...)
	return sp.sync()
}

// labelAt is a header-style cell in the rows: its lines depend on the final
// width of its column.
type labelAt struct {
	col  int
	text string
}

// rowPatch is the start tag of a row written at the end, at offset at of
// the spool.
type rowPatch struct {
	at     int64
	n      int
	lines  int
	labels []labelAt
	tag    []byte
}

// finish makes the row's start tag, its labels measured against the final
// widths.
func (p *rowPatch) finish(widths []float64) {
	lines := p.lines
	for _, l := range p.labels {
		wd := defaultMaxWidth * 1.0
		if l.col < len(widths) {
			wd = widths[l.col]
		}
		lines = max(lines, wrappedLines(l.text, wd-2)) // beside the filter button
	}
	p.tag = appendRowStart(nil, p.n, rowHeight(lines))
}

// spoolMem is how many bytes of rows a spool keeps in memory before it
// moves them to a temporary file (excelize's StreamWriter's size), in
// blocks of spoolBlock bytes: one growing slice would copy itself over and
// over (append grows a large slice by a quarter).
const (
	spoolMem   = excelize.StreamChunkSize
	spoolBlock = 256 << 10
)

// spool holds the encoded rows of one worksheet: in memory, and past
// spoolMem bytes in a temporary file.
type spool struct {
	full    [][]byte // filled blocks
	buf     []byte   // the block being filled
	mem     int      // bytes in full
	tmp     *os.File
	flushed int64 // bytes in tmp
	patches []rowPatch
}

// Write appends b.
func (s *spool) Write(b []byte) (int, error) {
	s.buf = append(s.buf, b...)
	return len(b), s.sync()
}

func (s *spool) pos() int64 { return s.flushed + int64(s.mem) + int64(len(s.buf)) }

// sync starts a new block when the current one is full, and moves the
// blocks to the temporary file past spoolMem bytes.
func (s *spool) sync() error {
	if len(s.buf) < spoolBlock {
		return nil
	}
	s.full = append(s.full, s.buf)
	s.mem += len(s.buf)
	s.buf = make([]byte, 0, spoolBlock+spoolBlock/4)
	if s.mem < spoolMem {
		return nil
	}
	if s.tmp == nil {
		f, err := os.CreateTemp("", "policyx-rows-")
		if err != nil {
			return err
		}
		s.tmp = f
	}
	return s.flush()
}

// flush moves the blocks in memory to the temporary file.
func (s *spool) flush() error {
	for _, b := range append(s.full, s.buf) {
		n, err := s.tmp.Write(b)
		s.flushed += int64(n)
		if err != nil {
			return err
		}
	}
	s.full, s.mem, s.buf = s.full[:0], 0, s.buf[:0]
	return nil
}

// writeTo copies the rows to w, the patched row tags in place.
func (s *spool) writeTo(w io.Writer) error {
	var src []io.Reader
	if s.tmp != nil {
		src = append(src, io.NewSectionReader(s.tmp, 0, s.flushed))
	}
	for _, b := range append(s.full, s.buf) {
		src = append(src, bytes.NewReader(b))
	}
	r := io.MultiReader(src...)
	pos := int64(0)
	for _, p := range s.patches {
		if _, err := io.CopyN(w, r, p.at-pos); err != nil {
			return err
		}
		if _, err := w.Write(p.tag); err != nil {
			return err
		}
		pos = p.at
	}
	_, err := io.Copy(w, r)
	return err
}

func (s *spool) close() error {
	s.full, s.buf = nil, nil
	if s.tmp == nil {
		return nil
	}
	err := s.tmp.Close()
	if rerr := os.Remove(s.tmp.Name()); err == nil {
		err = rerr
	}
	s.tmp = nil
	return err
}
