package xlsx

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Cell values a row may hold besides string, int and float64.
type (
	// money is an amount written with thousands separators.
	money float64
	// quantity is a number; a whole one of five digits or more gets
	// thousands separators (1000000000 千瓦 reads badly).
	quantity float64
	// date is a YYYY-MM-DD string written as an Excel date cell (text when
	// it does not parse).
	date string
	// link is a cell that opens target (a file next to the workbook).
	link struct {
		text, target string
		loc          bool // target is a place in this workbook ('Sheet'!A1)
	}
	// indented is text indented by level steps (the outline).
	indented struct {
		text  string
		level int
	}
	// label is text in the header style (a header line inside a sheet).
	label string
	// plain is text that must stay text even when it looks like a number.
	plain string
	// heading is a sheet's caption line (large, bold, never wrapped).
	heading string
)

// rowKind says how a whole row looks.
type rowKind uint8

const (
	rowData  rowKind = iota
	rowBold          // a total row
	rowGroup         // a group heading inside a table: bold on a light fill
	rowPart          // a part heading: bold, larger
)

type row struct {
	cells []any
	kind  rowKind
}

// column of a sheet.
type column struct {
	name string
	max  float64 // width cap in Excel units; 0: defaultMaxWidth
	min  float64 // minimum width; 0: fits the header
	// noWrap keeps long text on one line (clipped by the next cell) instead
	// of wrapping it: for columns that repeat a long value on every row.
	noWrap bool
	// left aligns numbers and dates left too (a column of mixed values).
	left bool
	// center centres the column's cells (序号).
	center bool
}

const (
	defaultMaxWidth = 40
	wideText        = 70 // sentences, messages
	titleWidth      = 30
	maxHeaderWidth  = 18
	// fileNameWidth fits the file names of government sites (a 20-digit
	// id, a date and an extension) without clipping.
	fileNameWidth = 60
)

// sheet is what one worksheet shows. rows is called twice: once to measure
// the column widths (the StreamWriter needs them before the first row), once
// to write, so sources that stream from a database keep memory flat.
type sheet struct {
	name  string
	cols  []column
	title []row // rows above the header (caption, unit note); not measured
	rows  func(yield func(row) error) error
	after []row // rows below the data (notes), outside the filter range
	// noHeader writes no header row (the header is part of title).
	noHeader bool
}

// writer writes the sheets of one workbook.
type writer struct {
	f     *excelize.File
	st    *styles
	first bool // the next sheet renames the default Sheet1
	names *sheetNames
	// grid: the cells written now belong to a data range (header and rows)
	// and get borders, so a printed table keeps its lines.
	grid bool
}

func newWriter() (*writer, error) {
	f := excelize.NewFile()
	f.SetZipWriter(fastZip)
	if err := f.SetDefaultFont(fontName); err != nil {
		f.Close()
		return nil, err
	}
	return &writer{f: f, st: newStyles(f), first: true, names: newSheetNames()}, nil
}

// addSheet creates the worksheet for s.name (already a valid unique name).
func (w *writer) addSheet(name string) error {
	if w.first {
		w.first = false
		return w.f.SetSheetName("Sheet1", name)
	}
	_, err := w.f.NewSheet(name)
	return err
}

// write streams one sheet: widths, frozen header, header, rows, autofilter.
// A sheet past Excel's row limit goes on in sheets named "name (2)",
// "name (3)" …, each with the title and header again (continued).
func (w *writer) write(s *sheet) error {
	widths, err := s.widths()
	if err != nil {
		return fmt.Errorf("sheet %s: %w", s.name, err)
	}
	o := &sheetOut{w: w, s: s, widths: widths, cur: s.name, headerRow: len(s.title) + 1}
	if s.noHeader {
		o.headerRow--
	}
	defer func() { w.grid = false }()
	if err := o.open(); err != nil {
		return fmt.Errorf("sheet %s: %w", s.name, err)
	}
	part := 1
	err = s.rows(func(r row) error {
		if o.n >= sheetRowLimit {
			part++
			if err := o.continued(part); err != nil {
				return err
			}
		}
		return o.put(r)
	})
	if err == nil {
		err = o.close()
	}
	if err != nil {
		return fmt.Errorf("sheet %s: %w", o.cur, err)
	}
	return nil
}

// widths measures the columns of s in Excel units: the header (beside the
// filter button, capped) and every row, within each column's bounds.
func (s *sheet) widths() ([]float64, error) {
	widths := make([]float64, len(s.cols))
	for i, c := range s.cols {
		// the filter button takes about two units beside the header text;
		// a long header wraps rather than widening a column of numbers
		widths[i] = min(displayWidth(c.name)+4, maxHeaderWidth)
		if c.min > widths[i] {
			widths[i] = c.min
		}
	}
	err := s.rows(func(r row) error {
		for i, v := range r.cells {
			if i >= len(widths) {
				break
			}
			if dw := displayWidth(cellText(v)) + 2; dw > widths[i] {
				widths[i] = dw
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, c := range s.cols {
		m := c.max
		if m == 0 {
			m = defaultMaxWidth
		}
		if widths[i] > m {
			widths[i] = m
		}
		widths[i] = math.Round(widths[i]*10) / 10
	}
	return widths, nil
}

// sheetOut is one sheet being streamed: the worksheet written now (cur)
// and its last row (n).
type sheetOut struct {
	w         *writer
	s         *sheet
	widths    []float64
	headerRow int // the row of the header, 0 when none
	cur       string
	sw        *excelize.StreamWriter
	n         int
}

// open starts worksheet cur: page setup, column widths, frozen panes,
// then the title rows and the header.
func (o *sheetOut) open() error {
	w := o.w
	if err := w.addSheet(o.cur); err != nil {
		return err
	}
	if err := w.pageSetup(o.cur, o.headerRow); err != nil {
		return err
	}
	var err error
	if o.sw, err = w.f.NewStreamWriter(o.cur); err != nil {
		return err
	}
	for i, wd := range o.widths {
		if err := o.sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if o.headerRow > 0 {
		top, _ := excelize.CoordinatesToCellName(1, o.headerRow+1)
		if err := o.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: o.headerRow, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}); err != nil {
			return err
		}
	}
	o.n = 0
	w.grid = false
	for _, r := range o.s.title {
		if err := o.put(r); err != nil {
			return err
		}
	}
	w.grid = true
	if o.s.noHeader {
		return nil
	}
	hdr := make([]any, len(o.s.cols))
	for i, c := range o.s.cols {
		hdr[i] = label(c.name)
	}
	return o.put(row{cells: hdr})
}

// continued closes the full worksheet and opens part number part.
func (o *sheetOut) continued(part int) error {
	if _, err := o.filter(); err != nil {
		return err
	}
	if err := o.sw.Flush(); err != nil {
		return err
	}
	o.cur = o.w.names.take(fmt.Sprintf("%s (%d)", o.s.name, part), o.s.name)
	return o.open()
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
		if err := o.w.f.AutoFilter(o.cur, from+":"+to, nil); err != nil {
			return 0, err
		}
	}
	return last, nil
}

// close ends the worksheet: the filter, the rows below the data (after
// one empty row), and the flush.
func (o *sheetOut) close() error {
	last, err := o.filter()
	if err != nil {
		return err
	}
	o.w.grid = false
	if len(o.s.after) > 0 {
		o.n = max(o.n, last) + 1 // one empty row between
		for _, r := range o.s.after {
			if err := o.put(r); err != nil {
				return err
			}
		}
	}
	return o.sw.Flush()
}

// put writes r as the next row; a row of wrapped text is given its height.
func (o *sheetOut) put(r row) error {
	o.n++
	cells := make([]any, 0, len(o.s.cols))
	lines := 1
	for i, v := range r.cells {
		wd := defaultMaxWidth * 1.0
		var col column
		if i < len(o.widths) {
			wd, col = o.widths[i], o.s.cols[i]
		}
		c, nl, err := o.w.cell(o.cur, i+1, o.n, v, r.kind, wd, col)
		if err != nil {
			return err
		}
		lines = max(lines, nl)
		cells = append(cells, c)
	}
	if r.kind == rowGroup || r.kind == rowPart {
		// carry the fill across the table
		id, err := o.w.st.id(styleKey{bold: true, fill: r.kind == rowGroup, part: r.kind == rowPart, border: o.w.grid})
		if err != nil {
			return err
		}
		for len(cells) < len(o.s.cols) {
			cells = append(cells, excelize.Cell{StyleID: id})
		}
	}
	ref, _ := excelize.CoordinatesToCellName(1, o.n)
	if lines > 1 {
		// Spreadsheets do not all fit a row to wrapped text on opening
		// (LibreOffice keeps the default height): say how tall it is.
		return o.sw.SetRow(ref, cells, excelize.RowOpts{Height: min(lineHeight*float64(lines)+2, excelize.MaxRowHeight)})
	}
	return o.sw.SetRow(ref, cells)
}

// sheetRowLimit is Excel's limit on the rows of a sheet (a variable so
// that a test can lower it).
var sheetRowLimit = excelize.TotalRows

// sheetRows is how many data rows fit on one sheet under a title of t rows
// and a header.
func sheetRows(t int) int { return sheetRowLimit - t - 1 }

// formulaLike reports whether a spreadsheet would take text typed as s for a
// formula (or a DDE payload): such text gets the text number format so that
// editing the cell keeps it text.
func formulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r == '＝' || r == '＋' || r == '－' || r == '＠'
}

// cell turns a row value into a styled excelize cell and says how many lines
// it takes. Strings are always written as strings (the StreamWriter writes
// inline strings; it writes a formula only for Cell.Formula, which this
// package never sets).
func (w *writer) cell(sheet string, col, rowN int, v any, kind rowKind, colWidth float64, c column) (any, int, error) {
	k := styleKey{bold: kind != rowData, fill: kind == rowGroup, part: kind == rowPart, left: c.left, center: c.center && kind != rowGroup, border: w.grid}
	lines := 1
	wrapIf := func(s string) {
		if !c.noWrap && (strings.Contains(s, "\n") || displayWidth(s)+2 > colWidth) {
			k.wrap = true
			lines = wrappedLines(s, colWidth)
		}
	}
	var val any
	switch v := v.(type) {
	case nil:
		if k == (styleKey{}) {
			return nil, 1, nil
		}
	case string:
		val = v
		k.text = formulaLike(v)
		wrapIf(v)
	case plain:
		val = string(v)
		k.text = true
		wrapIf(string(v))
	case label:
		val = string(v)
		k = styleKey{header: true, wrap: true, border: w.grid}
		if string(v) != "" {
			lines = wrappedLines(string(v), colWidth-2) // beside the filter button
		}
	case heading:
		val = string(v)
		k = styleKey{title: true, text: formulaLike(string(v))}
	case int, int64:
		val = v
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			val = ""
		} else {
			val = v
		}
	case quantity:
		val = float64(v)
		if grouped(float64(v)) {
			k.numFmt = fmtMoney
		}
	case money:
		val = float64(v)
		if float64(v) == math.Trunc(float64(v)) {
			k.numFmt = fmtMoney
		} else {
			k.numFmt = fmtMoney2
		}
	case date:
		t, err := time.Parse("2006-01-02", string(v))
		if err != nil {
			val = string(v)
			k.text = formulaLike(string(v))
		} else {
			val = t
			k.numFmt = fmtDate
		}
	case indented:
		val = v.text
		k.indent = min(v.level, 15)
		k.text = formulaLike(v.text)
		wrapIf(v.text)
	case link:
		val = v.text
		k.link = true
		k.text = formulaLike(v.text)
		ref, _ := excelize.CoordinatesToCellName(col, rowN)
		tip, kind := v.target, "External"
		if v.loc {
			kind = "Location"
		}
		if err := w.f.SetCellHyperLink(sheet, ref, v.target, kind, excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return nil, 0, err
		}
	default:
		val = fmt.Sprint(v)
	}
	id, err := w.st.id(k)
	if err != nil {
		return nil, 0, err
	}
	return excelize.Cell{StyleID: id, Value: val}, lines, nil
}

// pageSetup prints a sheet landscape on A4, all columns on one page width,
// the rows down to the header repeated on every page. It must run before
// the StreamWriter is made (the sheet properties are written first).
func (w *writer) pageSetup(name string, headerRow int) error {
	yes, a4, land, one, any := true, 9, "landscape", 1, 0
	if err := w.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := w.f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &land, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return err
	}
	if headerRow == 0 {
		return nil
	}
	return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(name, "'", "''"), headerRow)})
}

// normalSheet adds a sheet written in the normal (not streamed) mode, named
// want (made unique), with its page setup and hdr as row 1 in style hid,
// column i widths[i] wide. It returns the sheet's name.
func (w *writer) normalSheet(want string, hdr []string, hid int, widths []float64) (string, error) {
	name := w.names.take(want, want)
	if err := w.addSheet(name); err != nil {
		return "", err
	}
	if err := w.pageSetup(name, 1); err != nil {
		return "", err
	}
	for i, h := range hdr {
		ref, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := w.f.SetCellStr(name, ref, h); err != nil {
			return "", err
		}
		if err := w.f.SetCellStyle(name, ref, ref, hid); err != nil {
			return "", err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(name, col, col, widths[i]); err != nil {
			return "", err
		}
	}
	return name, nil
}

// freezeHeader freezes row 1 of a normal sheet and sets the autofilter over
// its ncol columns down to row last (row 2 at least).
func (w *writer) freezeHeader(name string, ncol, last int) error {
	if err := w.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(ncol, max(last, 2))
	return w.f.AutoFilter(name, "A1:"+end, nil)
}
