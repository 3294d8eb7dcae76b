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
	recur *recurParts // deflated parts shared across workbooks, or nil
	f     *excelize.File
	st    *styles
	first bool // the next sheet renames the default Sheet1
	names *sheetNames
	// grid: the cells written now belong to a data range (header and rows)
	// and get borders, so a printed table keeps its lines.
	grid bool
	// parts: the streamed worksheets, their rows spooled (stream.go)
	parts  []*sheetPart
	packer *packer // deflates large worksheets' rows (splice.go)
}

// close releases the workbook and the spooled rows.
func (w *writer) close() error {
	w.packer.stop()
	err := w.f.Close()
	for _, p := range w.parts {
		if cerr := p.rows.close(); err == nil {
			err = cerr
		}
		if p.packed != nil {
			if cerr := p.packed.data.close(); err == nil {
				err = cerr
			}
		}
	}
	return err
}

func newWriter() (*writer, error) {
	f := excelize.NewFile()
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

// cell turns a row value into its style and encoded value and says how
// many lines it takes in a column colWidth wide; skip: nothing to write.
// Strings are always written as strings (inline strings), never as
// formulas.
func (w *writer) cell(sheet string, col, rowN int, v any, kind rowKind, colWidth float64, c column) (style int, x xcell, lines int, skip bool, err error) {
	k := styleKey{bold: kind != rowData, fill: kind == rowGroup, part: kind == rowPart, left: c.left, center: c.center && kind != rowGroup, border: w.grid}
	lines = 1
	wrapIf := func(s string) {
		if !c.noWrap && (strings.Contains(s, "\n") || displayWidth(s)+2 > colWidth) {
			k.wrap = true
			lines = wrappedLines(s, colWidth)
		}
	}
	switch v := v.(type) {
	case nil:
		if k == (styleKey{}) {
			return 0, x, 1, true, nil
		}
		x.none = true
	case string:
		x = textCell(v)
		k.text = formulaLike(v)
		wrapIf(v)
	case plain:
		x = textCell(string(v))
		k.text = true
		wrapIf(string(v))
	case label:
		x = textCell(string(v))
		k = styleKey{header: true, wrap: true, border: w.grid}
		if string(v) != "" {
			lines = wrappedLines(string(v), colWidth-2) // beside the filter button
		}
	case heading:
		x = textCell(string(v))
		k = styleKey{title: true, text: formulaLike(string(v))}
	case int:
		x = intCell(int64(v))
	case int64:
		x = intCell(v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			x = textCell("")
		} else {
			x = floatCell(v)
		}
	case quantity:
		x = numberCell(float64(v))
		if grouped(float64(v)) {
			k.numFmt = fmtMoney
		}
	case money:
		x = numberCell(float64(v))
		if float64(v) == math.Trunc(float64(v)) {
			k.numFmt = fmtMoney
		} else {
			k.numFmt = fmtMoney2
		}
	case date:
		t, err := time.Parse("2006-01-02", string(v))
		if err != nil {
			x = textCell(string(v))
			k.text = formulaLike(string(v))
		} else {
			x = timeCell(t)
			k.numFmt = fmtDate
		}
	case indented:
		x = textCell(v.text)
		k.indent = min(v.level, 15)
		k.text = formulaLike(v.text)
		wrapIf(v.text)
	case link:
		x = textCell(v.text)
		k.link = true
		k.text = formulaLike(v.text)
		ref, _ := excelize.CoordinatesToCellName(col, rowN)
		tip, kind := v.target, "External"
		if v.loc {
			kind = "Location"
		}
		if err := w.f.SetCellHyperLink(sheet, ref, v.target, kind, excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return 0, x, 0, false, err
		}
	default:
		x = textCell(fmt.Sprint(v))
	}
	style, err = w.st.id(k)
	return style, x, lines, false, err
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
