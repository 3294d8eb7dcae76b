package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"policyx/output/sqlite"
)

// TestSummaryPastRowLimit: a database of more targets than a sheet holds
// writes a summary whose 指标 sheet continues on 指标 (2), and the 文件 sheet
// says so.
func TestSummaryPastRowLimit(t *testing.T) {
	if os.Getenv("POLICYX_TEST_BIG") == "" {
		t.Skip("POLICYX_TEST_BIG is unset: the workbook of over a million rows is written in CI (.ci/run sets it); TestSummaryPastLoweredLimit covers the logic")
	}
	summaryPast(t, excelize.TotalRows+100, "指标 (2)")
}

// TestSummaryPastLoweredLimit: the same with the limit lowered to 50 rows.
func TestSummaryPastLoweredLimit(t *testing.T) {
	defer func(n int) { sheetRowLimit = n }(sheetRowLimit)
	sheetRowLimit = 50
	wb := summaryPast(t, 120, "指标 (3)")
	if !strings.Contains(wb, `name="指标 (2)"`) {
		t.Errorf("no 指标 (2): %s", wb)
	}
}

func summaryPast(t *testing.T, n int, last string) string {
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "big.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL().Exec(`INSERT INTO documents (id, source_path, source_sha256, part, format, title, status, text)
		VALUES (1, 'big.txt', 'x', 1, 'txt', '测试', 'ok', '')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(fmt.Sprintf(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d)
		INSERT INTO targets (document_id, kind, value, unit, norm_value, norm_unit, char_start, char_end)
		SELECT 1, 'goal', i, '家', i, '家', i, i + 1 FROM c`, n)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "summary.xlsx")
	if err := WriteSummary(path, db.SQL()); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	read := func(name string) string {
		for _, f := range z.File {
			if f.Name == name {
				r, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				b, _ := io.ReadAll(r)
				return string(b)
			}
		}
		return ""
	}
	wb := read("xl/workbook.xml")
	if !strings.Contains(wb, `name="指标"`) || !strings.Contains(wb, `name="`+last+`"`) {
		t.Errorf("workbook sheets: %s", wb)
	}
	all := read("xl/worksheets/sheet1.xml") + read("xl/sharedStrings.xml")
	if !strings.Contains(all, "续见工作表 指标 (2)") {
		t.Error("文件 sheet does not say that 指标 continues on 指标 (2)")
	}
	return wb
}

// TestContinuedSheetKeepsGrid: every data row of a sheet continued past the
// row limit has the borders of the rows on its first sheet, not only the
// first row after the break.
func TestContinuedSheetKeepsGrid(t *testing.T) {
	defer func(n int) { sheetRowLimit = n }(sheetRowLimit)
	sheetRowLimit = 50
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "big.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL().Exec(`INSERT INTO documents (id, source_path, source_sha256, part, format, title, status, text)
		VALUES (1, 'big.txt', 'x', 1, 'txt', '测试', 'ok', '')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 80)
		INSERT INTO targets (document_id, kind, value, unit, norm_value, norm_unit, char_start, char_end)
		SELECT 1, 'goal', i, '家', i, '家', i, i + 1 FROM c`); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "summary.xlsx")
	if err := WriteSummary(path, db.SQL()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	style := func(sheet, cell string) int {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	want := style("指标", "A10")
	for _, cell := range []string{"A3", "A5", "A10"} {
		if got := style("指标 (2)", cell); got != want {
			t.Errorf("指标 (2)!%s: style %d, want %d (as 指标!A10)", cell, got, want)
		}
	}
}
