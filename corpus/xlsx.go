package corpus

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"policyx/schema"
)

// XLSX caps besides Limits: cells read from one workbook, columns of one
// table, merged ranges of one sheet.
const (
	xlsxMaxCells  = 2_000_000
	xlsxMaxCols   = 1024
	xlsxMaxMerges = 20_000
)

// decodeXLSX reads an Excel workbook: every visible sheet with data becomes
// a heading block (the sheet name) and a table block. Cells are the values
// as displayed (number formats applied, dates as 2025年6月30日). A merged range repeats its value
// in every cell it covers, like merged DOCX cells. Leading and trailing
// rows that hold a single merged value across the table (a title above it,
// a note below it) become paragraphs around the table. Empty rows and
// columns are dropped.
//
// The zip is checked under Limits before excelize sees it (entry count and
// every entry's declared size, which archive/zip enforces while inflating),
// and excelize is opened with matching unzip limits.
func decodeXLSX(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	z, err := openZip(data, lim)
	if err != nil {
		return nil, nil, err
	}
	var total int64
	for _, f := range z.zr.File {
		if lim.MaxZipEntry > 0 && f.UncompressedSize64 > uint64(lim.MaxZipEntry) {
			return nil, nil, z.tooBig(f.Name)
		}
		total += int64(min(f.UncompressedSize64, 1<<40))
	}
	totalMax := 4 * lim.MaxZipEntry
	if lim.MaxZipEntry > 0 && total > totalMax {
		return nil, nil, fmt.Errorf("zip inflates to more than %s", byteSize(totalMax))
	}
	if !z.has("xl/workbook.xml") {
		if z.has("word/document.xml") {
			return nil, nil, errors.New("no xl/workbook.xml: this is a Word document, rename it .docx")
		}
		return nil, nil, errors.New("no xl/workbook.xml: not an Excel workbook (or a damaged one)")
	}
	// Dates as Chinese Excel shows them and as policies write them
	// (2025年6月30日): the zh-CN built-in formats, and the short date
	// (numFmt 14, else "06-30-25") in the same form.
	opts := excelize.Options{UnzipSizeLimit: total + 1, UnzipXMLSizeLimit: total + 1,
		CultureInfo: excelize.CultureNameZhCN, ShortDatePattern: `yyyy"年"m"月"d"日"`}
	if lim.MaxZipEntry > 0 {
		opts.UnzipXMLSizeLimit = min(lim.MaxZipEntry, total+1)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, nil, fmt.Errorf("workbook: %w", err)
	}
	defer f.Close()

	var diags []schema.Diagnostic
	note := func(sev schema.Severity, format string, a ...any) {
		diags = append(diags, schema.Diagnostic{Severity: sev, Stage: "xlsx", Message: fmt.Sprintf(format, a...)})
	}
	parts := xlsxSheetParts(z, lim)
	budget := xlsxMaxCells
	var blocks []schema.Block
	sheets, captioned := 0, false
	for _, name := range f.GetSheetList() {
		if ctx.Err() != nil {
			return blocks, diags, ctx.Err()
		}
		if vis, err := f.GetSheetVisible(name); err == nil && !vis {
			note(schema.SevInfo, "sheet %q is hidden: not read", name)
			continue
		}
		grid, err := readSheet(ctx, f, name, &budget)
		if err != nil {
			note(schema.SevWarning, "sheet %q: %v", name, err)
		}
		if len(grid) == 0 {
			continue
		}
		if p, ok := parts[name]; ok {
			merges, err := sheetMerges(z, p, lim)
			if err != nil {
				note(schema.SevWarning, "sheet %q: merged cells: %v", name, err)
			}
			grid = expandMerges(grid, merges)
		}
		bs, c := sheetBlocks(name, grid)
		if len(bs) > 0 {
			sheets++
			captioned = c
		}
		blocks = append(blocks, bs...)
		if budget <= 0 {
			note(schema.SevWarning, "more than %d cells: the rest of the workbook is not read", xlsxMaxCells)
			break
		}
	}
	if sheets == 1 && captioned {
		// One sheet whose table has its caption above it (…目标任务分解表):
		// the caption is the attachment's title, the tab's name (任务分解,
		// Sheet1) only a label of the workbook's window.
		blocks = blocks[1:]
	}
	return blocks, diags, nil
}

// readSheet reads the displayed values of one sheet, spending the cell
// budget.
func readSheet(ctx context.Context, f *excelize.File, name string, budget *int) ([][]string, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var grid [][]string
	cut := false
	for n := 0; rows.Next(); n++ {
		if n&1023 == 0 && ctx.Err() != nil {
			return grid, ctx.Err()
		}
		cols, err := rows.Columns()
		if err != nil {
			return grid, err
		}
		if len(cols) > xlsxMaxCols {
			cols, cut = cols[:xlsxMaxCols], true
		}
		*budget -= len(cols) + 1
		if *budget <= 0 {
			break
		}
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = joinCellLines(c)
		}
		grid = append(grid, row)
	}
	if err := rows.Error(); err != nil {
		return grid, err
	}
	if cut {
		return grid, fmt.Errorf("columns after the %dth not read", xlsxMaxCols)
	}
	return grid, nil
}

// joinCellLines makes one table-cell line of a value that may hold line
// breaks and tabs (the same joining as DOCX cells).
func joinCellLines(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return strings.TrimSpace(s)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return cellText([]docxItem{{text: s}})
}

type cellRect struct{ c1, r1, c2, r2 int } // 1-based, inclusive

// expandMerges copies the value of each merged range's top-left cell into
// every cell of the range (clipped to the grid's rows and columns; the
// cells visited are capped, so overlapping sheet-wide ranges cannot stall
// it).
func expandMerges(grid [][]string, merges []cellRect) [][]string {
	width := 0
	for _, r := range grid {
		width = max(width, len(r))
	}
	visits := xlsxMaxCells
	for _, m := range merges {
		m.r2, m.c2 = min(m.r2, len(grid)), min(m.c2, width)
		if m.r2 >= m.r1 && m.c2 >= m.c1 {
			if visits -= (m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1); visits < 0 {
				break
			}
		}
		if m.r1 < 1 || m.c1 < 1 || m.r1 > len(grid) {
			continue
		}
		top := grid[m.r1-1]
		v := ""
		if m.c1 <= len(top) {
			v = top[m.c1-1]
		}
		if v == "" {
			continue
		}
		for r := m.r1; r <= m.r2 && r <= len(grid); r++ {
			row := grid[r-1]
			for c := m.c1; c <= m.c2 && c <= xlsxMaxCols; c++ {
				for len(row) < c {
					row = append(row, "")
				}
				if row[c-1] == "" {
					row[c-1] = v
				}
			}
			grid[r-1] = row
		}
	}
	return grid
}

// sheetBlocks turns a sheet's grid into a heading and a table, with
// merged title and note rows as paragraphs around the table. It reports
// whether the table has a caption: a row above it of six runes or more
// (not a bare 附件2).
func sheetBlocks(name string, grid [][]string) (blocks []schema.Block, captioned bool) {
	width := 0
	for _, r := range grid {
		width = max(width, len(r))
	}
	// Keep non-empty columns and rows only.
	keep := make([]bool, width)
	for _, r := range grid {
		for i, c := range r {
			if c != "" {
				keep[i] = true
			}
		}
	}
	var rows [][]string
	for _, r := range grid {
		var row []string
		empty := true
		for i := 0; i < width; i++ {
			if !keep[i] {
				continue
			}
			c := ""
			if i < len(r) {
				c = r[i]
			}
			if c != "" {
				empty = false
			}
			row = append(row, c)
		}
		if !empty {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return nil, false
	}
	blocks = []schema.Block{{Kind: schema.BlockHeading, Text: name, Level: 1}}
	if len(rows[0]) == 1 {
		// One column: a list of lines rather than a table.
		for _, r := range rows {
			blocks = append(blocks, schema.Block{Kind: schema.BlockPara, Text: r[0]})
		}
		return blocks, false
	}
	before, rows, after := splitCaptionRows(rows)
	for _, b := range before {
		captioned = captioned || utf8.RuneCountInString(b.Text) >= 6
	}
	blocks = append(blocks, before...)
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(r, "\t")
	}
	blocks = append(blocks, schema.Block{Kind: schema.BlockTable, Rows: rows, Text: strings.Join(lines, "\n")})
	return append(blocks, after...), captioned
}

// xlsxSheetParts maps sheet names to their worksheet parts through
// xl/workbook.xml and its relationships.
func xlsxSheetParts(z *zipArchive, lim Limits) map[string]string {
	out := map[string]string{}
	rels := map[string]string{}
	// Damaged parts give the sheets read before the damage.
	walkZipPart(z, &xmlWalk{part: "xl/_rels/workbook.xml.rels", depth: lim.MaxDepth, start: func(t xml.StartElement) error {
		if len(rels) > 100000 {
			return errStopWalk
		}
		if t.Name.Local == "Relationship" {
			rels[attr(t, "Id")] = relTarget("xl", attr(t, "Target"))
		}
		return nil
	}})
	walkZipPart(z, &xmlWalk{part: "xl/workbook.xml", depth: lim.MaxDepth, start: func(t xml.StartElement) error {
		if len(out) > 100000 {
			return errStopWalk
		}
		if t.Name.Local == "sheet" {
			id := ""
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			if p, ok := rels[id]; ok {
				out[attr(t, "name")] = p
			}
		}
		return nil
	}})
	return out
}

// sheetMerges streams a worksheet part for its mergeCell ranges.
func sheetMerges(z *zipArchive, part string, lim Limits) ([]cellRect, error) {
	var out []cellRect
	err := walkZipPart(z, &xmlWalk{part: part, depth: lim.MaxDepth, start: func(t xml.StartElement) error {
		if t.Name.Local != "mergeCell" {
			return nil
		}
		if len(out) >= xlsxMaxMerges {
			return fmt.Errorf("more than %d merged ranges: the rest ignored", xlsxMaxMerges)
		}
		a, b, ok := strings.Cut(attr(t, "ref"), ":")
		if !ok {
			return nil
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 == nil && err2 == nil {
			out = append(out, cellRect{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)})
		}
		return nil
	}})
	return out, err
}
