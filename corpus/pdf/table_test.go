package pdf

import (
	"reflect"
	"testing"
)

// ruledPage draws a ruled table at the top of a page, 20 pt a row, columns
// at xs; open(r, c) leaves out the line between rows r-1 and r in column c
// (one merged cell). Each rune of a cell's text is a 10 pt glyph.
func ruledPage(page int, xs []float64, rows [][]string, open func(r, c int) bool) *pageLayout {
	const top, h = 780.0, 20.0
	nr := len(rows)
	var segs []seg
	for i := 0; i <= nr; i++ {
		y := top - h*float64(i)
		for c := 0; c+1 < len(xs); c++ {
			if i == 0 || i == nr || !open(i, c) {
				segs = append(segs, seg{x0: xs[c], y0: y, x1: xs[c+1], y1: y})
			}
		}
	}
	for _, x := range xs {
		segs = append(segs, seg{x0: x, y0: top - h*float64(nr), x1: x, y1: top})
	}
	var glyphs []glyph
	for r, row := range rows {
		for c, text := range row {
			x := xs[c] + 4
			for _, ch := range text {
				glyphs = append(glyphs, glyph{x: x, y: top - h*float64(r+1) + 6, w: 10, size: 10, text: string(ch)})
				x += 10
			}
		}
	}
	tables, _ := findTables(segs, glyphs)
	return &pageLayout{page: page, w: 595, h: 842, tables: tables}
}

// TestMergedCellAcrossPages: a merged cell cut by a page break fills the
// rows it covers on the next page, where the PDF leaves it empty (the
// request table of a 2024 政府信息公开 annual report: 三、本年度办理结果 and
// （四）无法提供, whose text stands in one row before the break, so that no
// label repeated above the break tells the table extractor); empty cells
// that no merged cell covers stay empty.
func TestMergedCellAcrossPages(t *testing.T) {
	xs := []float64{60, 200, 320, 500, 540}
	before := [][]string{
		{"三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项", "0"},
		{"", "（四）无法提供", "1.本机关不掌握相关政府信息", "31"},
	}
	rest := [][]string{
		{"", "", "2.没有现成信息需要另行制作", "1"},
		{"", "", "3.补正后申请内容仍不明确", "0"},
		{"", "（五）不予处理", "1.信访举报投诉类申请", "1"},
	}
	for _, c := range []struct {
		name string
		open func(r, c int) bool
		want [][]string
	}{
		{"merged", func(r, c int) bool { return c == 0 || c == 1 && r == 1 }, [][]string{
			{"三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作", "1"},
			{"三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", "0"},
			{"三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", "1"},
		}},
		{"not merged", func(r, c int) bool { return false }, rest},
	} {
		page1 := ruledPage(1, xs, before, func(r, c int) bool { return c == 0 })
		page2 := ruledPage(2, xs, rest, c.open)
		blocks := assemble([]*pageLayout{page1, page2})
		if len(blocks) != 1 || len(blocks[0].Rows) != 5 {
			t.Fatalf("%s: want one table of 5 rows, got %+v", c.name, blocks)
		}
		if got := blocks[0].Rows[2:]; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: rows after the break\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
