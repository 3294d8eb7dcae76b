package tables

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// docFromText builds a document the way the text reader and the
// normalizer deliver it: one block per non-empty line.
func docFromText(s string) *schema.Document { return testsupport.Doc(s) }

// goldenTable is what the golden files hold of a table.
type goldenTable struct {
	Attachment, Title, UnitNote, Note string
	Header                            []string
	Rows                              []goldenRow
	Text                              string // doc.Text[Span]
}

type goldenRow struct {
	Seq, Group string
	IsTotal    bool `json:",omitempty"`
	Cells      []string
	Text       string // doc.Text[Span]
}

type goldenCheck struct {
	Table         int
	Kind, Message string
	Text          string
}

type golden struct {
	Tables []goldenTable
	Checks []goldenCheck
}

func toGolden(doc *schema.Document, ts []schema.Table, cs []schema.Check) golden {
	var g golden
	for _, t := range ts {
		gt := goldenTable{Attachment: t.Attachment, Title: t.Title, UnitNote: t.UnitNote, Note: t.Note, Header: t.Header, Text: doc.Text[t.Span.Start:t.Span.End]}
		for _, r := range t.Rows {
			gt.Rows = append(gt.Rows, goldenRow{Seq: r.Seq, Group: r.Group, IsTotal: r.IsTotal, Cells: r.Cells, Text: doc.Text[r.Span.Start:r.Span.End]})
		}
		g.Tables = append(g.Tables, gt)
	}
	for _, c := range cs {
		g.Checks = append(g.Checks, goldenCheck{Table: c.Table, Kind: c.Kind, Message: c.Message, Text: doc.Text[c.Span.Start:c.Span.End]})
	}
	return g
}

func checkGolden(t *testing.T, name string, got golden) {
	t.Helper()
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	testsupport.Golden(t, filepath.Join("testdata", name+".golden"), string(data))
}

// TestGolden runs every testdata/*.txt through Extract: tab-separated
// (groups, total, unit line, note), a table over three pages with repeated
// headers, space-separated columns, wrapped-cell PDF text, two-level header.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := docFromText(string(src))
			ts, cs := Extract(doc)
			checkGolden(t, name, toGolden(doc, ts, cs))
		})
	}
}

// tableBlockDoc is a document with prose, a caption and a table block whose
// header has a spanned upper cell (rows as the HTML/DOCX readers expand them).
func tableBlockDoc() *schema.Document {
	rows := [][]string{
		{"序号", "城市", "新增岗位", "新增岗位", "备注"},
		{"序号", "城市", "2024年", "2025年", "备注"},
		{"1", "甲市", "100", "120", ""},
		{"2", "乙市", "80", "90", "含县区"},
		{"合计", "", "180", "215", ""},
	}
	doc := &schema.Document{}
	add := func(b schema.Block) {
		if doc.Text != "" {
			doc.Text += "\n"
		}
		start := len(doc.Text)
		if b.Kind == schema.BlockTable {
			var lines []string
			for _, r := range b.Rows {
				lines = append(lines, strings.Join(r, "\t"))
			}
			b.Text = strings.Join(lines, "\n")
		}
		doc.Text += b.Text
		b.Span = schema.Span{Start: start, End: len(doc.Text)}
		doc.Blocks = append(doc.Blocks, b)
	}
	add(schema.Block{Kind: schema.BlockPara, Text: "各市要落实就业目标。"})
	add(schema.Block{Kind: schema.BlockPara, Text: "附件2"})
	add(schema.Block{Kind: schema.BlockPara, Text: "就业岗位目标表"})
	add(schema.Block{Kind: schema.BlockTable, Rows: rows})
	add(schema.Block{Kind: schema.BlockPara, Text: "以上目标每年考核一次。"})
	return doc
}

func TestTableBlock(t *testing.T) {
	doc := tableBlockDoc()
	ts, cs := Extract(doc)
	checkGolden(t, "tableblock", toGolden(doc, ts, cs))
}

// webTableDoc is a web page: a key–value box (no table), then a table block
// with a caption row, spanned group rows that state their counts, and rows
// whose 序号 and name a rowspan repeats.
func webTableDoc() *schema.Document {
	doc := &schema.Document{}
	add := func(b schema.Block) {
		if doc.Text != "" {
			doc.Text += "\n"
		}
		start := len(doc.Text)
		if b.Kind == schema.BlockTable {
			var lines []string
			for _, r := range b.Rows {
				lines = append(lines, strings.Join(r, "\t"))
			}
			b.Text = strings.Join(lines, "\n")
		}
		doc.Text += b.Text
		b.Span = schema.Span{Start: start, End: len(doc.Text)}
		doc.Blocks = append(doc.Blocks, b)
	}
	add(schema.Block{Kind: schema.BlockTable, Rows: [][]string{
		{"索引号：", "000-2024-01", "主题分类：", "科技"},
		{"发文机关：", "某市人民政府", "成文日期：", "2024年1月2日"},
	}})
	add(schema.Block{Kind: schema.BlockPara, Text: "现将举措清单印发给你们。"})
	g1 := "一、甲类举措（共2项）"
	g2 := "二、乙类举措（共2项）"
	add(schema.Block{Kind: schema.BlockTable, Rows: [][]string{
		{"附件1 改革举措清单", "附件1 改革举措清单", "附件1 改革举措清单", "附件1 改革举措清单"},
		{"序号", "举措", "内容", "牵头单位"},
		{g1, g1, g1, g1},
		{"1", "简化审批", "压缩办理时限", "市政务服务局"},
		{"1", "简化审批", "推行告知承诺", "市司法局"},
		{"2", "优化服务", "一网通办", "市政务服务局"},
		{g2, g2, g2, g2},
		{"3", "降低成本", "减免租金", "市财政局"},
	}})
	return doc
}

func TestWebTable(t *testing.T) {
	doc := webTableDoc()
	ts, cs := Extract(doc)
	checkGolden(t, "webtable", toGolden(doc, ts, cs))
}

func TestVocab(t *testing.T) {
	v, err := parseVocab(wordsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !v.isTotal("合 计") || !v.isNote("备注：见附件") || !v.isSeqHead("序 号") || !v.endsDept("柳州银保监分局") {
		t.Error("word lists miss basic entries")
	}
	if _, err := parseVocab("nonsense line\n"); err == nil {
		t.Error("bad entry accepted")
	}
}

// The spans of tables, rows and checks lie in the text.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"tab", "pages", "space", "wrapped", "twolevel"} {
		src, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
		if err == nil {
			f.Add(string(src))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := docFromText(s)
		ts, cs := Extract(doc)
		n := len(doc.Text)
		for _, tb := range ts {
			if !tb.Span.Valid(n) {
				t.Fatalf("table span %v outside text of %d", tb.Span, n)
			}
			for _, r := range tb.Rows {
				if !r.Span.Valid(n) || len(r.Cells) != len(tb.Header) {
					t.Fatalf("bad row %+v", r)
				}
			}
		}
		for _, c := range cs {
			if !c.Span.Valid(n) || c.Table < 0 || c.Table >= len(ts) {
				t.Fatalf("bad check %+v", c)
			}
		}
	})
}

// blocksDoc lays blocks out the way the readers do: Text joined by "\n",
// table blocks' Text built from their rows.
func blocksDoc(bs ...schema.Block) *schema.Document { return testsupport.Blocks(bs...) }

// TestPDFPages: a PDF table over two pages. The first page has a sub-column
// under 类别 (its header cell empty); on the second page the header is
// repeated but wrapped otherwise (类 / 别 on two rows, and the first row a
// table of its own). A count note wraps onto a second line, and the next
// table's caption follows it. The third page goes on without a header, in
// the merged width.
func TestPDFPages(t *testing.T) {
	para := func(s string) schema.Block { return schema.Block{Kind: schema.BlockPara, Text: s} }
	tab := func(rows ...[]string) schema.Block { return schema.Block{Kind: schema.BlockTable, Rows: rows} }
	doc := blocksDoc(
		para("平台建设计划"),
		tab([]string{"序号", "平台类别", "", "数量(个)", "牵头部门"},
			[]string{"1", "科技基地", "重点实验室", "4", "市科技局"},
			[]string{"2", "技术中心", "", "12", "市发展改革委"}),
		para("— 3 —"),
		tab([]string{"序号", "平台类数量", "牵头部"}),
		tab([]string{"", "别", "(个)", "门"},
			[]string{"3", "孵化器", "10", "市科技局"}),
		para("— 4 —"),
		tab([]string{"4", "众创空间", "0", "市科技局"},
			[]string{"合计", "", "26", ""}),
		para("合计：科技基地 4 个，技术中心"),
		para("12 个，孵化器 10 个，共 26 个"),
		para("人才引育计划"),
		tab([]string{"序号", "领域", "人数"},
			[]string{"1", "汽车", "10"},
			[]string{"2", "机械", "12"}),
	)
	ts, cs := Extract(doc)
	checkGolden(t, "pdfpages", toGolden(doc, ts, cs))
}

// TestSpannedBlocks: web/PDF table blocks that hold several small tables,
// each under a caption row spanning the table; a header cell spans three
// columns and so do the figures under it; the last caption row closes the
// block and belongs to the table in the next block.
func TestSpannedBlocks(t *testing.T) {
	tab := func(rows ...[]string) schema.Block { return schema.Block{Kind: schema.BlockTable, Rows: rows} }
	c1 := []string{"第一类事项", "第一类事项", "第一类事项", "第一类事项"}
	c2 := []string{"第二类事项", "第二类事项", "第二类事项", "第二类事项"}
	c3 := []string{"第三类事项", "第三类事项", "第三类事项", "第三类事项"}
	doc := blocksDoc(
		schema.Block{Kind: schema.BlockHeading, Text: "二、办理情况"},
		tab(c1,
			[]string{"事项", "新增件数", "废止件数", "现有件数"},
			[]string{"甲", "0", "1", "5"},
			c2,
			[]string{"事项", "决定数量", "决定数量", "决定数量"},
			[]string{"乙", "550", "550", "550"},
			c3),
		tab([]string{"事项", "决定数量"},
			[]string{"丙", "41"},
			[]string{"丁", "19"}),
	)
	ts, cs := Extract(doc)
	checkGolden(t, "spanblocks", toGolden(doc, ts, cs))
}

// TestSectionAfterTable: the section heading between two table blocks is
// the caption of the second, not a group (with no rows) of the first; its
// stated count is not checked against the first table.
func TestSectionAfterTable(t *testing.T) {
	tab := func(rows ...[]string) schema.Block { return schema.Block{Kind: schema.BlockTable, Rows: rows} }
	doc := blocksDoc(
		schema.Block{Kind: schema.BlockPara, Text: "二、主动公开情况"},
		tab([]string{"事项", "件数"},
			[]string{"规章", "0"},
			[]string{"规范性文件", "5"}),
		schema.Block{Kind: schema.BlockPara, Text: "三、申请办理情况（共2项）"},
		tab([]string{"指标", "2024年", "2025年"},
			[]string{"新收申请", "21", "30"}),
	)
	ts, cs := Extract(doc)
	checkGolden(t, "sectionafter", toGolden(doc, ts, cs))
}

// TestEmptySpannedHeader: a two-row header where the reader leaves the
// columns a colspan cell covers empty (投资额 over 总投资|年度投资).
func TestEmptySpannedHeader(t *testing.T) {
	tab := func(rows ...[]string) schema.Block { return schema.Block{Kind: schema.BlockTable, Rows: rows} }
	doc := blocksDoc(
		schema.Block{Kind: schema.BlockPara, Text: "重点项目表"},
		tab([]string{"序号", "项目名称", "投资额", "", "责任单位"},
			[]string{"序号", "项目名称", "总投资", "年度投资", "责任单位"},
			[]string{"1", "汽车基地", "5000", "1200", "市工信局"},
			[]string{"2", "养老中心", "1000", "500", "市民政局"},
			[]string{"合计", "", "6000", "1700", ""}),
	)
	ts, cs := Extract(doc)
	checkGolden(t, "emptyspan", toGolden(doc, ts, cs))
}

// TestLayoutBlocks: table blocks that hold no table — the issuers over
// their dates, a numbered list of attachments, a contact box without
// colons — give no table; a real table after them still does.
func TestLayoutBlocks(t *testing.T) {
	tab := func(rows ...[]string) schema.Block { return schema.Block{Kind: schema.BlockTable, Rows: rows} }
	para := func(s string) schema.Block { return schema.Block{Kind: schema.BlockPara, Text: s} }
	doc := blocksDoc(
		para("现将办法印发给你们，请认真贯彻执行。"),
		tab([]string{"某市民政局", "某市财政局"}, []string{"2025年5月30日", "2025年5月30日"}),
		para("附件："),
		tab([]string{"1.", "某某办法"}, []string{"2.", "某某细则"}),
		tab([]string{"联系人", "张三"}, []string{"联系电话", "020-12345678"}, []string{"电子邮箱", "a@b.cn"}),
		para("附件1"),
		para("任务分工表"),
		tab([]string{"序号", "任务", "牵头单位"}, []string{"1", "建设平台", "市科技局"}, []string{"2", "培育企业", "市工信局"}),
	)
	ts, cs := Extract(doc)
	checkGolden(t, "layout", toGolden(doc, ts, cs))
}

// FuzzExtractBlocks: table blocks (rows split at "\n", cells at "\t",
// blocks at "\f") between paragraphs; spans stay in the text and rows fit
// their header.
func FuzzExtractBlocks(f *testing.F) {
	f.Add("序号\t平台类别\t\t数量\n1\t基地\t实验室\t4\f— 3 —\f序号\t平台类数量\n\t别\t\n2\t中心\t12\f合计：共2个\f人才计划")
	f.Add("第一类\t第一类\n事项\t件数\n甲\t1\n第二类\t第二类\f事项\t数量\n乙\t2")
	f.Fuzz(func(t *testing.T, s string) {
		var bs []schema.Block
		for _, part := range strings.Split(s, "\f") {
			if !strings.Contains(part, "\t") {
				bs = append(bs, schema.Block{Kind: schema.BlockPara, Text: part})
				continue
			}
			var rows [][]string
			for _, ln := range strings.Split(part, "\n") {
				rows = append(rows, strings.Split(ln, "\t"))
			}
			bs = append(bs, schema.Block{Kind: schema.BlockTable, Rows: rows})
		}
		doc := blocksDoc(bs...)
		ts, cs := Extract(doc)
		n := len(doc.Text)
		for _, tb := range ts {
			if !tb.Span.Valid(n) {
				t.Fatalf("table span %v outside text of %d", tb.Span, n)
			}
			for _, r := range tb.Rows {
				if !r.Span.Valid(n) || len(r.Cells) != len(tb.Header) {
					t.Fatalf("bad row %+v of header %q", r, tb.Header)
				}
			}
		}
		for _, c := range cs {
			if !c.Span.Valid(n) || c.Table < 0 || c.Table >= len(ts) {
				t.Fatalf("bad check %+v", c)
			}
		}
	})
}

// TestSplitBlock: a web table the reader delivers as two blocks, the second
// opening with a blank header row and a group row; it is one table, and the
// group's stated count is checked against its rows.
func TestSplitBlock(t *testing.T) {
	tab := func(rows ...[]string) schema.Block { return schema.Block{Kind: schema.BlockTable, Rows: rows} }
	g1 := []string{"一、甲类（共2项）", "", "", ""}
	g2 := []string{"二、乙类（共2项）", "", "", ""}
	doc := blocksDoc(
		schema.Block{Kind: schema.BlockPara, Text: "举措推广清单"},
		tab([]string{"序号", "举措", "内容", "范围"}, g1,
			[]string{"1", "简化审批", "压缩时限", "全国"},
			[]string{"2", "优化服务", "一网通办", "全国"}),
		tab([]string{"", "", "", ""}, g2,
			[]string{"3", "降低成本", "减免租金", "试验区"}),
	)
	ts, cs := Extract(doc)
	checkGolden(t, "splitblock", toGolden(doc, ts, cs))
}

// TestMergedAcrossPages: in a PDF the reader joins a table's pages into one
// block and expands a merged cell within each page; a merged cell that goes
// on past the page break shows empty on the next page and is filled down to
// the next label of its own (or a new label to its left). Counter-example:
// the same rows in a non-PDF document keep their empty cells.
func TestMergedAcrossPages(t *testing.T) {
	rows := [][]string{
		{"类别", "方式", "情形", "件数"},
		{"一、受理", "（一）当面", "1.窗口", "5"},
		{"二、办理结果", "（一）不予公开", "1.属于国家秘密", "1"},
		{"二、办理结果", "（二）无法提供", "1.本机关不掌握", "10"},
		{"二、办理结果", "（二）无法提供", "2.需另行制作", "3"},
		{"", "", "3.内容仍不明确", "0"},
		{"", "（三）不予处理", "1.信访举报类", "1"},
		{"", "（四）其他处理", "（四）其他处理", "0"},
		{"三、结转下年", "三、结转下年", "三、结转下年", "0"},
	}
	for _, f := range []schema.Format{schema.FormatPDF, schema.FormatDOCX} {
		doc := blocksDoc(schema.Block{Kind: schema.BlockTable, Rows: rows})
		doc.Format = f
		ts, _ := Extract(doc)
		if len(ts) != 1 || len(ts[0].Rows) != 8 {
			t.Fatalf("%s: want one table of 8 rows, got %+v", f, ts)
		}
		r := ts[0].Rows
		got := []string{r[4].Cells[0], r[4].Cells[1], r[5].Cells[0], r[5].Cells[1], r[6].Cells[0], r[7].Cells[0]}
		want := []string{"二、办理结果", "（二）无法提供", "二、办理结果", "（三）不予处理", "二、办理结果", "三、结转下年"}
		if f != schema.FormatPDF {
			want = []string{"", "", "", "（三）不予处理", "", "三、结转下年"}
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: got %q, want %q", f, got, want)
		}
	}
}

// A header cell over two grid columns (a Word page's 城乡居民医保 colspan=2
// over 50元/月 colspan=2, and over ""|14400元/年 in one row) is one column; a
// column without a header whose text stands beside text on its left stays.
func TestSpannedGridColumn(t *testing.T) {
	tests := []struct {
		name       string
		rows       [][]string
		lastRow    []string
		wantHeader int
	}{
		{"广州 门诊特定病种 (two-level header, colspan=2)", [][]string{
			{"序号", "门诊特定病种", "", "统筹基金最高支付限额", "", "", "审核确认 有效期"},
			{"序号", "分类", "病种名称", "职工医保", "城乡居民 医保", "", "审核确认 有效期"},
			{"1", "一类", "高血压病", "200元/月", "50元/月", "", "长期"},
			{"50", "二类", "湿性年龄相关性黄斑变性", "18000元/年", "", "14400元/年", "两年"},
			{"58", "二类", "急诊留院观察", "无", "", "", "—"},
		}, []string{"58", "二类", "急诊留院观察", "无", "", "—"}, 6},
		{"text beside text on its left keeps the column (counter-example)", [][]string{
			{"序号", "门诊特定病种", "", "统筹基金最高支付限额", "", "", "审核确认 有效期"},
			{"序号", "分类", "病种名称", "职工医保", "城乡居民 医保", "", "审核确认 有效期"},
			{"1", "一类", "高血压病", "200元/月", "50元/月", "", "长期"},
			{"2", "一类", "糖尿病", "200元/月", "50元/月", "另计", "长期"},
		}, []string{"2", "一类", "糖尿病", "200元/月", "50元/月", "另计", "长期"}, 7},
	}
	for _, tt := range tests {
		doc := &schema.Document{}
		var lines []string
		for _, r := range tt.rows {
			lines = append(lines, strings.Join(r, "\t"))
		}
		doc.Text = strings.Join(lines, "\n")
		doc.Blocks = []schema.Block{{Kind: schema.BlockTable, Rows: tt.rows, Text: doc.Text, Span: schema.Span{Start: 0, End: len(doc.Text)}}}
		ts, _ := Extract(doc)
		if len(ts) != 1 {
			t.Fatalf("%s: %d tables, want 1", tt.name, len(ts))
		}
		tb := ts[0]
		if len(tb.Header) != tt.wantHeader {
			t.Errorf("%s: header %q, want %d columns", tt.name, tb.Header, tt.wantHeader)
		}
		last := tb.Rows[len(tb.Rows)-1].Cells
		if strings.Join(last, "|") != strings.Join(tt.lastRow, "|") {
			t.Errorf("%s: last row %q, want %q", tt.name, last, tt.lastRow)
		}
		for _, r := range tb.Rows {
			if r.Seq == "50" && r.Cells[4] != "14400元/年" {
				t.Errorf("%s: row 50 %q, want 14400元/年 under 城乡居民医保", tt.name, r.Cells)
			}
		}
	}
}

// A 主要指标 table whose 指标 header cell spans the name and 单位 columns
// (rows of the 规划纲要: 常住人口城镇化率 | % | 60.6 | 65): the first row is
// data, not a second header row, and the unit column stays beside the name.
// Counter-examples: a second header row of years stays a header row, and a
// header cell spanning a category and a finer one keeps the finer one.
func TestSpannedNameUnit(t *testing.T) {
	tests := []struct {
		name   string
		rows   [][]string
		header string
		first  string
	}{
		{"指标 over name and unit", [][]string{
			{"类别", "指标", "", "2020年", "2025年", "属性"},
			{"经济发展", "常住人口城镇化率", "%", "60.6", "65", "预期性"},
			{"创新驱动", "每万人口高价值发明专利拥有量", "件", "6.3", "12", "预期性"},
		}, "类别|指标||2020年|2025年|属性", "经济发展|常住人口城镇化率|%|60.6|65|预期性"},
		{"a second header row of years (counter-example)", [][]string{
			{"单位", "年度目标", "", ""},
			{"单位", "2021年", "2022年", "2023年"},
			{"鱼峰区", "28", "30", "32"},
			{"柳南区", "64", "70", "75"},
		}, "单位|年度目标/2021年|年度目标/2022年|年度目标/2023年", "鱼峰区|28|30|32"},
		{"category and finer category (counter-example)", [][]string{
			{"序号", "门诊特定病种", "", "审核确认有效期"},
			{"1", "一类", "高血压病", "长期"},
			{"56", "二类", "血友病", "长期"},
		}, "序号|门诊特定病种|审核确认有效期", "1|高血压病|长期"},
	}
	for _, tt := range tests {
		doc := &schema.Document{}
		var lines []string
		for _, r := range tt.rows {
			lines = append(lines, strings.Join(r, "\t"))
		}
		doc.Text = strings.Join(lines, "\n")
		doc.Blocks = []schema.Block{{Kind: schema.BlockTable, Rows: tt.rows, Text: doc.Text, Span: schema.Span{Start: 0, End: len(doc.Text)}}}
		ts, _ := Extract(doc)
		if len(ts) != 1 {
			t.Fatalf("%s: %d tables, want 1", tt.name, len(ts))
		}
		if got := strings.Join(ts[0].Header, "|"); got != tt.header {
			t.Errorf("%s: header %s, want %s", tt.name, got, tt.header)
		}
		if got := strings.Join(ts[0].Rows[0].Cells, "|"); got != tt.first {
			t.Errorf("%s: first row %s, want %s", tt.name, got, tt.first)
		}
	}
}

// The 成文日期 under a signature is no part of the caption of a table right
// below it (国务院 / 2021年12月30日 / 专栏1 “十四五”时期主要指标 of the
// 国家应急体系规划); a caption that names a date inside it keeps it.
func TestCaptionAfterDate(t *testing.T) {
	tab := schema.Block{Kind: schema.BlockTable, Rows: [][]string{
		{"序号", "指标", "预期值", "属性"},
		{"1", "生产安全事故死亡人数", "下降15%", "约束性"},
		{"2", "重特大生产安全事故起数", "下降20%", "约束性"},
	}}
	for _, tt := range []struct {
		lines []string
		want  string
	}{
		{[]string{"国务院", "2021年12月30日", "专栏1 “十四五”时期主要指标"}, "专栏1 “十四五”时期主要指标"},
		{[]string{"截至2021年12月30日", "主要指标完成情况"}, "截至2021年12月30日主要指标完成情况"},
	} {
		var bs []schema.Block
		for _, l := range tt.lines {
			bs = append(bs, schema.Block{Kind: schema.BlockPara, Text: l})
		}
		ts, _ := Extract(blocksDoc(append(bs, tab)...))
		if len(ts) != 1 || ts[0].Title != tt.want {
			t.Errorf("%q: tables %+v, want one titled %s", tt.lines, ts, tt.want)
		}
	}
}
