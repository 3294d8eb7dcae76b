package normalize

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// lineBlocks turns text into one BlockPara per line, empty lines kept, the
// way the plain-text reader delivers it.
func lineBlocks(s string) []schema.Block { return testsupport.Lines(strings.TrimSuffix(s, "\n")) }

// checkSpans checks the promise of Document: every block's Span selects its
// Text, blocks are in order and joined by "\n".
func checkSpans(t testing.TB, doc *schema.Document) {
	t.Helper()
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("invalid UTF-8 text")
	}
	end := -1
	for i, b := range doc.Blocks {
		if !b.Span.Valid(len(doc.Text)) {
			t.Fatalf("block %d: span %v outside text of %d bytes", i, b.Span, len(doc.Text))
		}
		if got := doc.Text[b.Span.Start:b.Span.End]; got != b.Text {
			t.Fatalf("block %d: text[span] = %q, block text %q", i, got, b.Text)
		}
		if b.Span.Start != end+1 {
			t.Fatalf("block %d starts at %d, want %d", i, b.Span.Start, end+1)
		}
		end = b.Span.End
		if b.Kind == schema.BlockTable {
			rows := make([]string, len(b.Rows))
			for j, r := range b.Rows {
				rows[j] = strings.Join(r, "\t")
			}
			if strings.Join(rows, "\n") != b.Text {
				t.Fatalf("block %d: table text %q does not match rows %q", i, b.Text, b.Rows)
			}
		}
	}
	if end != len(doc.Text) && !(end == -1 && doc.Text == "") {
		t.Fatalf("text goes on after the last block (%d of %d)", end, len(doc.Text))
	}
}

func render(doc *schema.Document) string {
	var b strings.Builder
	for _, blk := range doc.Blocks {
		fmt.Fprintf(&b, "%s%d p%d: %s\n", blk.Kind, blk.Level, blk.Page, strings.ReplaceAll(blk.Text, "\n", "⏎"))
	}
	return b.String()
}

// TestDocumentGolden normalizes each testdata/*.txt (read one block per
// line) and compares the blocks with the .golden file.
func TestDocumentGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) < 3 {
		t.Fatalf("inputs: %v %v", files, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := &schema.Document{Blocks: lineBlocks(string(data))}
			Document(doc)
			checkSpans(t, doc)
			got := render(doc)
			testsupport.Golden(t, strings.TrimSuffix(f, ".txt")+".golden", got)
		})
	}
}

func TestDocumentTable(t *testing.T) {
	doc := &schema.Document{Blocks: []schema.Block{
		{Kind: schema.BlockPara, Text: "附件１"},
		{Kind: schema.BlockTable, Rows: [][]string{{"序号", "牵头　单位"}, {"１", "市工业和信息化局\n各区政府"}, {"2", "带\t制表"}}},
		{Kind: schema.BlockTable, Rows: [][]string{{"", " "}}},
	}}
	Document(doc)
	checkSpans(t, doc)
	want := "附件1\n序号\t牵头单位\n1\t市工业和信息化局 各区政府\n2\t带制表"
	if doc.Text != want || len(doc.Blocks) != 2 {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestCJKSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"广西壮族自治区 人民政府文件":    "广西壮族自治区人民政府文件",
		"国家重点实验室 和":         "国家重点实验室和",
		"办 公 室 文 件":         "办公室文件",
		"柳州市 422 701 35":    "柳州市 422 701 35",
		"到 2023年，达到 750家。":  "到 2023年，达到 750家。",
		"广州市民政局  广州市财政局":    "广州市民政局 广州市财政局",
		"（一） 指导思想":          "（一）指导思想",
		"BIM （建筑信息模型）":      "BIM （建筑信息模型）",
		"　　一、总体要求　":         "一、总体要求",
		"全角ＡＢＣ１２３％，（括号）：；。": "全角ABC123%，（括号）：；。",
		"a\u200bb\u00adc":   "abc",
		"行尾空格   ":           "行尾空格",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCJKSpacesChunked runs the transformer with tiny buffers so that space
// runs and multi-byte runes straddle buffer boundaries.
func TestCJKSpacesChunked(t *testing.T) {
	in := strings.Repeat("中 文   字 a  b 1 ", 500) + "尾"
	want := apply(RemoveCJKSpaces(), in)
	r := transform.NewReader(strings.NewReader(in), RemoveCJKSpaces())
	var got strings.Builder
	buf := make([]byte, 7)
	for {
		n, err := r.Read(buf)
		got.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if got.String() != want {
		t.Errorf("chunked output differs")
	}
	if !strings.HasPrefix(want, "中文 字 a  b 1 中") {
		t.Errorf("got %q", want[:40])
	}
}

func TestPageNumber(t *testing.T) {
	for in, want := range map[string]int{"— 21 —": 21, "- 3 -": 3, "第 3 页": 3, "第3页 共12页": 3, "3/12": 3, " —2— ": 2, "Page 7 of 9": 7} {
		if got, ok := PageNumber(in); !ok || got != want {
			t.Errorf("PageNumber(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"2023", "一、总体要求", "1.9% 2.2%", "第三条", "2025-04", "— 21 — 附件"} {
		if _, ok := PageNumber(in); ok {
			t.Errorf("PageNumber(%q) matched", in)
		}
	}
}

func TestDropPageArtefactsPages(t *testing.T) {
	bs := lineBlocks("甲\n- 1 -\n乙\n丙\n- 2 -\n丁")
	bs = DropPageArtefacts(bs)
	var pages []int
	for _, b := range bs {
		pages = append(pages, b.Page)
	}
	if fmt.Sprint(pages) != "[1 1 2 2 2 3]" || bs[1].Text != "" || bs[4].Text != "" {
		t.Errorf("pages %v blocks %+v", pages, bs)
	}
}

// BenchmarkDocumentBig normalizes big inputs — a flattened 2 MB line and
// 4 MB of wrapped lines — whose time shows whether the steps stay linear.
func BenchmarkDocumentBig(b *testing.B) {
	unit := "（一）支持企业科技创新。支持制造业企业加快产业关键核心技术攻关及产业化 给予最高不超过500万元资助。 "
	flat := strings.Repeat(unit, 2<<20/len(unit))
	wrapped := strings.Repeat("规模以上工业企业中有研发活动企业占比突破 40%，高新技术企\n\n业数量达到 750家，技术合同成交额累计突破 100亿元。\n\n", 4<<20/150)
	for _, c := range []struct{ name, in string }{{"flat", flat}, {"wrapped", wrapped}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				doc := &schema.Document{Blocks: lineBlocks(c.in)}
				Document(doc)
				if len(doc.Blocks) < 2 {
					b.Fatalf("%d blocks", len(doc.Blocks))
				}
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"一、总体要求\n\n（一）指导思想。以习近平新时代中国特色社会主义思想为指\n\n导，全面贯彻\n— 2 —\n 精神。",
		"示政规〔2025〕3号 各有关单位: 现将《措施》印发给你们。 示例市人民政府 2025年4月8日 一、总则 (一)目标。内容",
		"# 标题\n柳州市 422 701\n办 公 室\t文件",
		"ＡＢＣ　１２３％\u200b\u00a0 中 文",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // readers deliver valid UTF-8
		}
		doc := &schema.Document{Blocks: append(lineBlocks(s), schema.Block{Kind: schema.BlockTable, Rows: [][]string{{s, "x"}}})}
		Document(doc)
		checkSpans(t, doc)
		for _, b := range doc.Blocks {
			if b.Kind != schema.BlockTable && strings.Contains(b.Text, "\n") {
				t.Fatalf("line break inside block %q", b.Text)
			}
		}
	})
}

func TestKeepItemSpaces(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"示例市民政局 示例市财政局", "示例市民政局 示例市财政局"},                     // joint issuers
		{"中共示例县委办公室 示例县人民政府办公室", "中共示例县委办公室 示例县人民政府办公室"},       // joint issuers
		{"示科通〔2024〕5号 关于印发工作方案的通知", "示科通〔2024〕5号 关于印发工作方案的通知"}, // 文号 before a title
		{"示例省 人民政府 办公厅", "示例省人民政府办公厅"},                         // stray spaces in one name
		{"示例市人民政府 办公厅", "示例市人民政府办公厅"},                          // second half has no place
		{"关 于 印 发", "关于印发"},
		{"根据《示例部 国家示例委 财政部关于推进的意见》", "根据《示例部国家示例委财政部关于推进的意见》"},
		{"发文机关：示例总署 国家示例局", "发文机关：示例总署 国家示例局"},
		{"示例总署 国家示例局 民航局关于加强管理的通知", "示例总署 国家示例局 民航局关于加强管理的通知"},
		{"示例自治区人民政府 办公厅关于印发方案的通知", "示例自治区人民政府办公厅关于印发方案的通知"},
		{"到 2025年，达到 750家", "到 2025年，达到 750家"},
	} {
		if got := Line(KeepItemSpaces(c.in)); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJoinGuards(t *testing.T) {
	long := "现将示例方案印发给你们，请结合实际认真组织实施，推动各项任务落到实处并按要求及时报送工作进展情况和相关材料"
	for _, c := range []struct {
		a, b string
		join bool
	}{
		{long, "示例市科学技术局", false},       // signature after a blank line
		{long, "2025年1月2日", false},      // date
		{long, "示科〔2025〕7号", false},     // 文号
		{"示科〔2025〕7号", "各有关单位：", false}, // 文号 before the salutation
		{"日期：2025-01-02 10:30", "链接：https://example.gov.cn/a.html", false},
		{"一、总体要求", "以创新为引领，推动高质量发展。", false},
		{"（一）发展目标", "到2027年，营业收入达到500亿元。", false},
		{long, "和质量，营造良好创新生态，加快形成以创新为主要引领和支撑的经济体系。", true},
		{"——产业生态进一步完善。健全政策法规，加强研发、测", "试、标准、智库等公共服务能力。", true}, // cut inside a word
		{"坚持创新驱动，强化人才支撑", "围绕重点产业布局创新平台。", false},              // a heading with a comma
		{"推动平台建设", "，提升服务能力。", true},
		{long + "（地址：示例路1号，邮编：", "223100，电话：", true}, // inside an open bracket
	} {
		got := canJoin(c.a, c.a, c.b, 1, wrapStats{})
		if got != c.join {
			t.Errorf("canJoin(%q, %q) = %v, want %v", c.a, c.b, got, c.join)
		}
	}
}

func TestJoinInsideBrackets(t *testing.T) {
	a := "推动北斗高精度服务在智能网联汽车产业链各环节应用，积极推进北斗高精度软件和硬件研发及产业化应用。（责任部"
	for _, b := range []string{"门：示例交通委、示例水务局）", "示例区人民政府)"} {
		if !canJoin(a, a, b, 1, wrapStats{}) {
			t.Errorf("%q inside an open bracket not joined", b)
		}
	}
}

func TestSplitBareLabel(t *testing.T) {
	body := strings.Repeat("为推动示例产业高质量发展，促进行业科技创新，结合本市实际，制定本办法。", 4)
	got := splitLine("第一条? " + body + " 第二条? 本办法的扶持范围包括：")
	want := []string{"第一条? " + body, "第二条? 本办法的扶持范围包括："}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestSplitAfterField(t *testing.T) {
	body := strings.Repeat("为加快示例产业转型升级，推动校企合作，制定本方案。", 5)
	got := splitLine("公开方式:主动公开 示例专项行动方案 " + body + " 附件:1. 申报书.docx")
	want := []string{"公开方式:主动公开", "示例专项行动方案", body, "附件:1. 申报书.docx"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// Numbers, units and dates that a crawler put each on a line of their own
// are re-joined; a column of numbers, a date under a signature and a lone
// fragment are not.
func TestRejoinFragments(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"sentence and 文号",
			"京政发〔\n2023\n〕\n21\n号\n到\n2030\n年，培育\n10\n家以上具有全球影响力的领军企业。",
			"京政发〔2023〕21号|到2030年，培育10家以上具有全球影响力的领军企业。"},
		{"date under a signature stays on its line",
			"北京市人民政府\n2023\n年\n9\n月\n8\n日\n建设\n5\n个以上未来产业研究院。",
			"北京市人民政府|2023年9月8日|建设5个以上未来产业研究院。"},
		{"column of numbers (counter-example)",
			"序号\n1\n2\n3\n项目名称",
			"序号|1|2|3|项目名称"},
		{"number before a heading (counter-example)",
			"年度目标\n2025\n建设示范基地。\n合计\n12\n项目完成。",
			"年度目标|2025|建设示范基地。|合计|12|项目完成。"},
		{"cells of a 主要指标 table, one per line (国家应急体系规划; a 规划纲要's 2020年/2025年/年均 columns)",
			"约束性\n5\n年均每百万人口因自然灾害死亡率\n<1\n预期性\n3.常住人口城镇化率（%）\n60.6\n65\n—\n预期性\n到\n2030\n年，培育\n10\n家以上具有全球影响力的领军企业。",
			"约束性|5|年均每百万人口因自然灾害死亡率|<1|预期性|3.常住人口城镇化率（%）|60.6|65|—|预期性|到2030年，培育10家以上具有全球影响力的领军企业。"},
		{"a 主要指标 table's 单位 column: a unit before its row's figures is a cell (常住人口城镇化率 / % / 60.6 / 65 of the 规划纲要)",
			"常住人口城镇化率\n%\n60.6\n65\n预期性\n地区生产总值\n亿元\n—\n5000\n预期性\n到\n2030\n年，培育\n10\n家以上领军企业。",
			"常住人口城镇化率|%|60.6|65|预期性|地区生产总值|亿元|—|5000|预期性|到2030年，培育10家以上领军企业。"},
		{"a closing 文号 bracket still opens a run (counter-example)",
			"京政发〔2023\n〕\n21\n号\n到\n2030\n年，培育\n10\n家以上领军企业。",
			"京政发〔2023〕21号|到2030年，培育10家以上领军企业。"},
		{"a range keeps its dash (counter-example)",
			"每年新增\n3\n—\n5\n家企业。培育\n10\n家。",
			"每年新增3—5家企业。培育10家。"},
		{"one run only (counter-example)",
			"到\n2030\n年，培育领军企业。",
			"到|2030|年，培育领军企业。"},
	}
	for _, tt := range tests {
		var got []string
		for _, b := range RejoinFragments(lineBlocks(tt.in)) {
			got = append(got, b.Text)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, g, tt.want)
		}
	}
}

// A hidden second copy of the body after a page's footer goes; paragraphs
// that repeat on their own (a unit list, a short line) stay.
func TestDropDuplicateBody(t *testing.T) {
	body := []string{
		"为深入贯彻落实党中央、国务院关于发展新型储能的决策部署，加快推动新型储能产业高质量发展，制定本方案。",
		"到2025年，全省新型储能装机规模达到300万千瓦以上，产业营业收入突破2000亿元。",
		"支持龙头企业做大做强，培育一批具有核心竞争力的专精特新企业，到2025年培育产值超百亿元企业3户。",
	}
	footer := []string{"主办：攀枝花市仁和区人民政府办公室", "网站标识码：5104110001"}
	in := append(append(append([]string{}, body...), footer...), body...)
	var got []string
	for _, b := range DropDuplicateBody(lineBlocks(strings.Join(in, "\n"))) {
		got = append(got, b.Text)
	}
	if want := append(append([]string{}, body...), footer...); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
	// counter-example: one long paragraph repeated twice, and a list line
	// after every item, are content.
	keep := []string{
		"（牵头单位：市科技局；配合单位：市发展改革委、市工业和信息化局、市财政局）",
		body[0], "（牵头单位：市科技局；配合单位：市发展改革委、市工业和信息化局、市财政局）",
		body[1], body[0], "（牵头单位：市科技局；配合单位：市发展改革委、市工业和信息化局、市财政局）",
	}
	if out := DropDuplicateBody(lineBlocks(strings.Join(keep, "\n"))); len(out) != len(keep) {
		t.Errorf("dropped content: %d of %d blocks left", len(out), len(keep))
	}
}

// A web page printed to PDF repeats its menu and metadata box on every
// page: later copies go, the first stays; a line repeated mid-page stays.
func TestDropPageChrome(t *testing.T) {
	chrome := []string{"首页 | 政务公开 | 政策文件", "索引号：11510000MB1234567X/2024-00123", "发文字号：川办发〔2023〕9号"}
	var bs []schema.Block
	for p := 1; p <= 4; p++ {
		for _, c := range chrome {
			bs = append(bs, schema.Block{Kind: schema.BlockPara, Text: c, Page: p})
		}
		for k := 0; k < 20; k++ {
			text := fmt.Sprintf("第%d页正文第%d段，推动新型储能产业高质量发展。", p, k)
			if k == 10 {
				text = "（责任单位：省发展改革委）" // repeated mid-page: content
			}
			bs = append(bs, schema.Block{Kind: schema.BlockPara, Text: text, Page: p})
		}
	}
	n := map[string]int{}
	for _, b := range DropPageChrome(bs) {
		n[b.Text]++
	}
	for _, c := range chrome {
		if n[c] != 1 {
			t.Errorf("%q kept %d times, want once", c, n[c])
		}
	}
	if n["（责任单位：省发展改革委）"] != 4 {
		t.Errorf("content line kept %d times, want 4", n["（责任单位：省发展改革委）"])
	}
}

func TestStartsWithLabel(t *testing.T) {
	for _, s := range []string{"一、总体要求", "（三）加强组织领导", "(二)强化保障", "1．建设平台", "2. 推进", "（1）到2025年", "②新增企业", "⑴加强", "附件2", "附表", "第一条 为了", "第二章 附则", "  三、缩进", "（此件公开发布）"} {
		if !StartsWithLabel(s) {
			t.Errorf("StartsWithLabel(%q) = false", s)
		}
	}
	// the rest of a wrapped sentence: a closing bracket, a version, a decimal
	for _, s := range []string{"2）的规定执行", "1.2.版本", "1.5万元", "第三项任务", "统一部署", "二〇二五年"} {
		if StartsWithLabel(s) {
			t.Errorf("StartsWithLabel(%q) = true", s)
		}
	}
}

func TestBareLabel(t *testing.T) {
	for s, want := range map[string]bool{"第一条": true, "第一条?": true, "（一）": true, "一、": true, "1、加": false, "（一）建设目标": false} {
		if got := bareLabel(s); got != want {
			t.Errorf("bareLabel(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"(一)建设目标": true, "二、功能定位": true, "1.目标": true, "一、到2025年": false, "（一）加强领导，": false, "建设目标": false} {
		if got := labelledHeading(s); got != want {
			t.Errorf("labelledHeading(%q) = %v, want %v", s, got, want)
		}
	}
}

// A document in traditional characters is read in simplified ones, its
// tables too; a simplified one that quotes a traditional title is not
// touched.
func TestDocumentSimplifiesTraditional(t *testing.T) {
	trad := &schema.Document{Blocks: []schema.Block{
		{Kind: schema.BlockPara, Text: "懷政辦發〔2023〕9號"},
		{Kind: schema.BlockPara, Text: "經市人民政府同意,現將《懷化市貫徹落實〈關于打好經濟增長主動仗實現經濟運行整體好轉的若干政策措施〉實施方案》印發給你們,請認真組織實施。"},
		{Kind: schema.BlockTable, Rows: [][]string{{"序號", "責任單位"}, {"1", "市商務局"}}},
		{Kind: schema.BlockPara, Text: "絳政辦發(fā)〔2023〕14號"},
	}}
	Document(trad)
	if !strings.HasPrefix(trad.Text, "怀政办发〔2023〕9号\n经市人民政府同意") || !strings.Contains(trad.Text, "责任单位") {
		t.Errorf("text = %q, want it in simplified characters", trad.Text)
	}
	// a converting mirror's pinyin gloss goes with the conversion
	if !strings.HasSuffix(trad.Text, "\n绛政办发〔2023〕14号") {
		t.Errorf("text = %q, want the gloss (fā) gone", trad.Text)
	}
	simp := &schema.Document{Blocks: []schema.Block{
		{Kind: schema.BlockPara, Text: "参照《臺灣地區文化資產保存法》，依托乾隆时期古建筑群建设示范区。"},
		{Kind: schema.BlockPara, Text: "推广普通话(pǔtōnghuà)教学。"},
	}}
	Document(simp)
	if !strings.Contains(simp.Text, "《臺灣地區文化資產保存法》") || !strings.Contains(simp.Text, "乾隆") || !strings.Contains(simp.Text, "话(pǔtōnghuà)") {
		t.Errorf("text = %q, want it unchanged", simp.Text)
	}
}
