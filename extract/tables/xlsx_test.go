package tables

import (
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"policyx/corpus"
	"policyx/normalize"
	"policyx/schema"
)

// TestXLSXSheetTitle: a workbook sheet gives a heading (the sheet name), a
// merged title row and the table. The title is the merged row alone; the
// sheet name is not part of it.
func TestXLSXSheetTitle(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s := "重点任务"
	must(f.SetSheetName("Sheet1", s))
	set := func(cell string, v any) { must(f.SetCellValue(s, cell, v)) }
	set("A1", "某市2025年重点任务清单")
	must(f.MergeCell(s, "A1", "D1"))
	for i, h := range []string{"序号", "任务", "牵头单位", "完成时限"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(c, h)
	}
	set("A3", 1)
	set("B3", "建设创新平台")
	set("C3", "市科技局")
	set("D3", "2025年底")
	set("A4", 2)
	set("B4", "培育龙头企业")
	set("C4", "市工信局")
	set("D4", "2025年6月")
	buf, err := f.WriteToBuffer()
	must(err)
	doc, err := corpus.New().Decode(context.Background(), "t.xlsx", schema.FormatXLSX, buf.Bytes())
	must(err)
	normalize.Document(doc)
	ts, _ := Extract(doc)
	if len(ts) != 1 {
		t.Fatalf("got %d tables, want 1", len(ts))
	}
	if ts[0].Title != "某市2025年重点任务清单" {
		t.Errorf("title %q, want the merged title row alone", ts[0].Title)
	}
	if len(ts[0].Rows) != 2 || len(ts[0].Header) != 4 {
		t.Errorf("header %q, %d rows", ts[0].Header, len(ts[0].Rows))
	}
}

// TestXLSXMerged: a unit cell at the right of its own row, a two-row header
// with merged cells, and a 合计 merged over two columns.
func TestXLSXMerged(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s := "Sheet1"
	must(f.SetCellValue(s, "A1", "2025年各区资金安排表"))
	must(f.MergeCell(s, "A1", "E1"))
	must(f.SetCellValue(s, "E2", "单位：万元"))
	rows := [][]any{{"序号", "区域", "资金", "", "备注"}, {"", "", "省级", "市级", ""},
		{1, "甲区", 100, 50, ""}, {2, "乙区", 80, 40, "含追加"}, {"合计", "", 180, 90, ""}}
	for i, r := range rows {
		for c, v := range r {
			if v != "" {
				cell, _ := excelize.CoordinatesToCellName(c+1, i+3)
				must(f.SetCellValue(s, cell, v))
			}
		}
	}
	for _, m := range [][2]string{{"A3", "A4"}, {"B3", "B4"}, {"C3", "D3"}, {"E3", "E4"}, {"A7", "B7"}} {
		must(f.MergeCell(s, m[0], m[1]))
	}
	buf, err := f.WriteToBuffer()
	must(err)
	doc, err := corpus.New().Decode(context.Background(), "t.xlsx", schema.FormatXLSX, buf.Bytes())
	must(err)
	normalize.Document(doc)
	ts, cs := Extract(doc)
	if len(ts) != 1 || len(cs) != 0 {
		t.Fatalf("got %d tables, %d checks; want 1, 0", len(ts), len(cs))
	}
	tb := ts[0]
	want := []string{"序号", "区域", "资金/省级", "资金/市级", "备注"}
	if strings.Join(tb.Header, "|") != strings.Join(want, "|") || tb.UnitNote != "单位：万元" || tb.Title != "2025年各区资金安排表" {
		t.Errorf("header %q unit %q title %q", tb.Header, tb.UnitNote, tb.Title)
	}
	if len(tb.Rows) != 3 || strings.Join(tb.Rows[2].Cells, "|") != "合计||180|90|" || !tb.Rows[2].IsTotal {
		t.Errorf("rows %+v", tb.Rows)
	}
}
