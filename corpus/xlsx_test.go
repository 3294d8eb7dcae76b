package corpus

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"policyx/internal/testsupport"
)

// xlsxTestWorkbook builds a workbook with a titled, merged task table, an
// empty sheet, a hidden sheet and a one-column sheet.
func xlsxTestWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := "重点任务"
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", s))
	set := func(sheet, cell string, v any) { must(f.SetCellValue(sheet, cell, v)) }
	set(s, "B1", "2025年重点任务分工表")
	must(f.MergeCell(s, "B1", "E1"))
	for i, h := range []string{"序号", "任务", "牵头单位", "资金（万元）"} {
		c, _ := excelize.CoordinatesToCellName(i+2, 2)
		set(s, c, h)
	}
	set(s, "B3", "一、产业发展")
	must(f.MergeCell(s, "B3", "E3"))
	set(s, "B4", 1)
	set(s, "C4", "建设\n创新平台")
	set(s, "D4", "市发展改革委")
	must(f.MergeCell(s, "D4", "D5"))
	set(s, "E4", 1500.5)
	set(s, "B5", 2)
	set(s, "C5", "培育\tEnterprise\nA")
	set(s, "E5", 200)
	set(s, "B6", 3)
	set(s, "C6", "完成时限")
	set(s, "D6", time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC))
	for i, id := range []int{14, 31} {
		st, err := f.NewStyle(&excelize.Style{NumFmt: id})
		must(err)
		c := []string{"D6", "E6"}[i]
		set(s, c, time.Date(2025, time.Month(6+i), 30, 0, 0, 0, 0, time.UTC))
		must(f.SetCellStyle(s, c, c, st))
	}
	set(s, "B7", "备注：资金以年度预算为准。")
	must(f.MergeCell(s, "B7", "E7"))
	_, err := f.NewSheet("空表")
	must(err)
	_, err = f.NewSheet("隐藏")
	must(err)
	set("隐藏", "A1", "不应读出")
	set("隐藏", "B1", "x")
	must(f.SetSheetVisible("隐藏", false))
	_, err = f.NewSheet("名单")
	must(err)
	set("名单", "A1", "单位名单")
	set("名单", "A2", "市财政局")
	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

func TestDecodeXLSXGolden(t *testing.T) {
	blocks, diags, err := decodeXLSX(context.Background(), xlsxTestWorkbook(t), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	checkTableBlocks(t, blocks)
	testsupport.Golden(t, filepath.Join("testdata", "xlsx", "workbook.golden"), renderReaderBlocks(blocks)+renderReaderDiags(diags))
}

func TestDecodeXLSXErrors(t *testing.T) {
	small := DefaultLimits
	small.MaxZipEntry = 1 << 20
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a zip archive"},
		{"ole", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), "OLE2"},
		{"word", zipOf(t, docxFiles(wPara("x"), nil)), "this is a Word document"},
		{"bomb", zipBomb(t, "xl/worksheets/sheet1.xml", 1<<34), "zip entry xl/worksheets/sheet1.xml exceeds 1 MiB"},
		{"no workbook", zipOf(t, map[string]string{"a.xml": "<a/>"}), "no xl/workbook.xml"},
		{"broken workbook", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook><<", "[Content_Types].xml": "<Types/>"}), "workbook"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := decodeXLSX(context.Background(), c.data, small)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// FuzzDecodeXLSX feeds whole files. A panic inside excelize is the
// reader's error (Reader.Decode recovers it), so the target goes through
// Decode and checks the blocks.
func FuzzDecodeXLSX(f *testing.F) {
	f.Add(xlsxTestWorkbook(f))
	f.Add(zipOf(f, map[string]string{"xl/workbook.xml": "<workbook/>"}))
	lim := DefaultLimits
	lim.MaxZipEntry = 1 << 20
	r := New(WithLimits(lim))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, _ := r.Decode(context.Background(), "f.xlsx", "xlsx", data)
		checkTableBlocks(t, doc.Blocks)
	})
}

// TestDecodeXLSXAttachmentTitle: a workbook of one sheet that opens with
// an attachment label and the table's caption (an attachment sent as
// .xlsx) starts with them, not with the tab's name; the name stays where
// a workbook has several sheets (TestDecodeXLSXGolden: 重点任务, 名单) or
// the sheet has no caption.
func TestDecodeXLSXAttachmentTitle(t *testing.T) {
	book := func(caption bool) []byte {
		f := excelize.NewFile()
		defer f.Close()
		s := "任务分解"
		if err := f.SetSheetName("Sheet1", s); err != nil {
			t.Fatal(err)
		}
		rows := [][]any{{"序号", "县（市、区）", "高新技术企业（家）"}, {1, "城关区", 120}, {2, "七里河区", 80}}
		if caption {
			rows = append([][]any{{"附件2"}, {"2024年各县（市、区）高新技术企业培育目标任务分解表"}}, rows...)
		}
		for i, r := range rows {
			for j, v := range r {
				c, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if err := f.SetCellValue(s, c, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		if caption {
			if err := f.MergeCell(s, "A2", "C2"); err != nil {
				t.Fatal(err)
			}
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, c := range []struct {
		caption bool
		first   []string
	}{
		{true, []string{"附件2", "2024年各县（市、区）高新技术企业培育目标任务分解表"}},
		{false, []string{"任务分解"}},
	} {
		blocks, _, err := decodeXLSX(context.Background(), book(c.caption), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range blocks[:len(c.first)] {
			got = append(got, b.Text)
		}
		if strings.Join(got, "|") != strings.Join(c.first, "|") {
			t.Errorf("caption %v: first blocks %q, want %q", c.caption, got, c.first)
		}
	}
}
