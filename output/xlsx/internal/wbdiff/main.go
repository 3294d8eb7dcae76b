// Command wbdiff compares the workbooks of two folders, to show that a change
// of how workbooks are written left what they hold alone:
//
//	go run ./output/xlsx/internal/wbdiff OLD_DIR NEW_DIR
//
// For every .xlsx in OLD_DIR it compares the zip parts byte by byte (the
// order of parts in the zip may differ); a workbook whose parts differ is
// then compared as a spreadsheet reads it: sheet list, defined names, and
// per sheet the cell values and types, the resolved style of every cell
// (fonts, fills, borders, number format, alignment), hyperlinks, merged
// cells, column widths, row heights and panes. Exit status 1 on any
// difference.
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: wbdiff OLD_DIR NEW_DIR")
		os.Exit(2)
	}
	old, _ := filepath.Glob(filepath.Join(os.Args[1], "*.xlsx"))
	bad, same, parts := 0, 0, 0
	for _, a := range old {
		b := filepath.Join(os.Args[2], filepath.Base(a))
		np, diff, err := compareParts(a, b)
		parts += np
		if err != nil {
			fmt.Printf("%s: %v\n", filepath.Base(a), err)
			bad++
			continue
		}
		if len(diff) == 0 {
			same++
			continue
		}
		problems, err := compareBooks(a, b)
		if err != nil {
			problems = append(problems, err.Error())
		}
		if len(problems) > 0 {
			bad++
			for i, p := range problems {
				if i == 20 {
					fmt.Printf("%s: … %d more\n", filepath.Base(a), len(problems)-i)
					break
				}
				fmt.Printf("%s: %s\n", filepath.Base(a), p)
			}
			continue
		}
		fmt.Printf("%s: parts differ in bytes (%v), workbooks read the same\n", filepath.Base(a), diff)
	}
	fmt.Printf("%d workbooks: %d with every part identical (%d parts), %d differing as read\n", len(old), same, parts, bad)
	if bad > 0 || len(old) == 0 {
		os.Exit(1)
	}
}

func readParts(path string) (map[string][]byte, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	out := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		out[f.Name] = b
	}
	return out, nil
}

// compareParts returns the number of parts of a and the names of the parts
// that differ (or exist in one workbook only).
func compareParts(a, b string) (int, []string, error) {
	pa, err := readParts(a)
	if err != nil {
		return 0, nil, err
	}
	pb, err := readParts(b)
	if err != nil {
		return 0, nil, err
	}
	var diff []string
	for n, x := range pa {
		if y, ok := pb[n]; !ok || !bytes.Equal(x, y) {
			diff = append(diff, n)
		}
	}
	for n := range pb {
		if _, ok := pa[n]; !ok {
			diff = append(diff, n)
		}
	}
	sort.Strings(diff)
	return len(pa), diff, nil
}

func compareBooks(a, b string) ([]string, error) {
	fa, err := excelize.OpenFile(a)
	if err != nil {
		return nil, err
	}
	defer fa.Close()
	fb, err := excelize.OpenFile(b)
	if err != nil {
		return nil, err
	}
	defer fb.Close()
	var out []string
	diff := func(what string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			out = append(out, fmt.Sprintf("%s: %v ≠ %v", what, x, y))
		}
	}
	diff("sheets", fa.GetSheetList(), fb.GetSheetList())
	diff("defined names", fa.GetDefinedName(), fb.GetDefinedName())
	for _, s := range fa.GetSheetList() {
		out = append(out, compareSheet(fa, fb, s)...)
	}
	return out, nil
}

func compareSheet(fa, fb *excelize.File, s string) []string {
	var out []string
	diff := func(what string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			out = append(out, fmt.Sprintf("%s: %s: %v ≠ %v", s, what, x, y))
		}
	}
	ra, _ := fa.GetRows(s, excelize.Options{RawCellValue: true})
	rb, _ := fb.GetRows(s, excelize.Options{RawCellValue: true})
	diff("rows", len(ra), len(rb))
	ma, _ := fa.GetMergeCells(s)
	mb, _ := fb.GetMergeCells(s)
	diff("merged cells", ma, mb)
	pa, _ := fa.GetPanes(s)
	pb, _ := fb.GetPanes(s)
	diff("panes", pa, pb)
	ncol := 0
	for _, r := range ra {
		ncol = max(ncol, len(r))
	}
	for c := 1; c <= ncol+2; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		wa, _ := fa.GetColWidth(s, name)
		wb, _ := fb.GetColWidth(s, name)
		diff("width of "+name, wa, wb)
	}
	for r := 1; r <= len(ra)+2; r++ {
		ha, _ := fa.GetRowHeight(s, r)
		hb, _ := fb.GetRowHeight(s, r)
		diff(fmt.Sprintf("height of row %d", r), ha, hb)
		for c := 1; c <= ncol+2; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			out = append(out, compareCell(fa, fb, s, ref)...)
		}
		if len(out) > 40 {
			break
		}
	}
	return out
}

func compareCell(fa, fb *excelize.File, s, ref string) []string {
	var out []string
	diff := func(what string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			out = append(out, fmt.Sprintf("%s!%s: %s: %v ≠ %v", s, ref, what, x, y))
		}
	}
	va, _ := fa.GetCellValue(s, ref, excelize.Options{RawCellValue: true})
	vb, _ := fb.GetCellValue(s, ref, excelize.Options{RawCellValue: true})
	diff("value", va, vb)
	ta, _ := fa.GetCellType(s, ref)
	tb, _ := fb.GetCellType(s, ref)
	diff("type", ta, tb)
	la, ua, _ := fa.GetCellHyperLink(s, ref)
	lb, ub, _ := fb.GetCellHyperLink(s, ref)
	diff("hyperlink", [2]any{la, ua}, [2]any{lb, ub})
	sa, _ := fa.GetCellStyle(s, ref)
	sb, _ := fb.GetCellStyle(s, ref)
	xa, _ := fa.GetStyle(sa)
	xb, _ := fb.GetStyle(sb)
	diff("style", xa, xb)
	return out
}
