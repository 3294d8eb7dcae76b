package normalize_test

import (
	"fmt"
	"strings"

	"golang.org/x/text/transform"

	"policyx/normalize"
	"policyx/schema"
)

func lines(s string) []schema.Block {
	var bs []schema.Block
	for _, l := range strings.Split(s, "\n") {
		bs = append(bs, schema.Block{Kind: schema.BlockPara, Text: l})
	}
	return bs
}

func show(bs []schema.Block) {
	for _, b := range bs {
		if b.Text != "" {
			fmt.Printf("%s p%d: %s\n", b.Kind, b.Page, b.Text)
		}
	}
}

func ExampleLine() {
	fmt.Println(normalize.Line("　　到２０２３年，广西壮族自治区 人民政府 新增 ７５０家（ＡＢＣ）"))
	// Output: 到2023年，广西壮族自治区人民政府新增 750家（ABC）
}

func ExampleFoldWidth() {
	s, _, _ := transform.String(normalize.FoldWidth(), "ＡＢＣ１２３％，（一）：；")
	fmt.Println(s)
	// Output: ABC123%，（一）：；
}

func ExampleFoldSpaces() {
	s, _, _ := transform.String(normalize.FoldSpaces(), "甲\u3000乙\u00a0丙\u200b丁")
	fmt.Printf("%q\n", s)
	// Output: "甲 乙 丙丁"
}

func ExampleRemoveCJKSpaces() {
	for _, s := range []string{"广西壮族自治区 人民政府文件", "柳州市 422 701 35", "市民政局   市财政局"} {
		out, _, _ := transform.String(normalize.RemoveCJKSpaces(), s)
		fmt.Println(out)
	}
	// Output:
	// 广西壮族自治区人民政府文件
	// 柳州市 422 701 35
	// 市民政局 市财政局
}

func ExampleChars() {
	s, _, _ := transform.String(normalize.Chars(), "第一条　本办法自２０２５年１月１日起施行。")
	fmt.Println(s)
	// Output: 第一条本办法自2025年1月1日起施行。
}

func ExampleHeadings() {
	bs := normalize.Headings([]schema.Block{{Text: "## 一、总体要求"}, {Text: "#话题"}})
	for _, b := range bs {
		fmt.Println(b.Kind, b.Level, b.Text)
	}
	// Output:
	// heading 2 一、总体要求
	// para 0 #话题
}

func ExampleDropPageArtefacts() {
	show(normalize.DropPageArtefacts(lines("第一页正文\n— 1 —\n第二页正文\n第 2 页\n第三页正文")))
	// Output:
	// para p1: 第一页正文
	// para p2: 第二页正文
	// para p3: 第三页正文
}

func ExampleJoinWrapped() {
	text := "一、总体要求\n\n" +
		"（一）发展目标。到2025年，全市高新技术企业数量达到1000\n\n" +
		"家，规模以上工业企业研发投入强度达到2.5%，技术合同成交额\n\n" +
		"累计突破100亿元，建成一批高水平创新平台，科技创新支撑产\n\n" +
		"业发展的能力显著增强（责任单位：市科技局、市发展改革委，\n\n" +
		"各县区人民政府）。\n\n" +
		"（二）工作原则。坚持企业主体、市场导向，强化政策协同、部\n\n" +
		"门联动，推动创新链与产业链深度融合，提升科技成果转化效率\n\n" +
		"和质量，营造良好创新生态，加快形成以创新为主要引领和支撑\n\n" +
		"的经济体系和发展模式，为高质量发展提供有力支撑。\n\n" +
		"柳州市 422 701 35\n" +
		"鱼峰区 28 64 /"
	show(normalize.JoinWrapped(lines(text)))
	// Output:
	// para p0: 一、总体要求
	// para p0: （一）发展目标。到2025年，全市高新技术企业数量达到1000家，规模以上工业企业研发投入强度达到2.5%，技术合同成交额累计突破100亿元，建成一批高水平创新平台，科技创新支撑产业发展的能力显著增强（责任单位：市科技局、市发展改革委，各县区人民政府）。
	// para p0: （二）工作原则。坚持企业主体、市场导向，强化政策协同、部门联动，推动创新链与产业链深度融合，提升科技成果转化效率和质量，营造良好创新生态，加快形成以创新为主要引领和支撑的经济体系和发展模式，为高质量发展提供有力支撑。
	// para p0: 柳州市 422 701 35
	// para p0: 鱼峰区 28 64 /
}

func ExampleSplitFlattened() {
	line := "示政规〔2025〕3号 各有关单位: 现将《示例措施》印发给你们,请认真贯彻执行。 示例市人民政府 2025年4月8日 " +
		"示例市支持制造业转型升级的若干措施 为加快推进新型工业化,特制定本措施。 一、支持制造业高端化 " +
		"(一)支持企业科技创新。对立项项目给予最高不超过500万元资助。 (二)支持企业技术改造。每年安排资金。"
	show(normalize.SplitFlattened([]schema.Block{{Text: line}}))
	// Output:
	// para p0: 示政规〔2025〕3号
	// para p0: 各有关单位:
	// para p0: 现将《示例措施》印发给你们,请认真贯彻执行。
	// para p0: 示例市人民政府
	// para p0: 2025年4月8日
	// para p0: 示例市支持制造业转型升级的若干措施
	// para p0: 为加快推进新型工业化,特制定本措施。
	// para p0: 一、支持制造业高端化
	// para p0: (一)支持企业科技创新。对立项项目给予最高不超过500万元资助。
	// para p0: (二)支持企业技术改造。每年安排资金。
}

func ExampleDocument() {
	doc := &schema.Document{Blocks: lines("# 示例市人民政府文件\n\n各有关单位：\n— 2 —\n现将方案 印发给你们。")}
	normalize.Document(doc)
	fmt.Printf("%q\n", doc.Text)
	for _, b := range doc.Blocks {
		fmt.Println(b.Kind, b.Span, doc.Text[b.Span.Start:b.Span.End] == b.Text)
	}
	// Output:
	// "示例市人民政府文件\n各有关单位：\n现将方案印发给你们。"
	// heading {0 27} true
	// para {28 46} true
	// para {47 77} true
}

func ExampleKeepItemSpaces() {
	for _, s := range []string{
		"示例市民政局 示例市财政局",
		"示例科通〔2024〕5号 关于印发行动方案的通知",
		"示例自治区 人民政府 办公厅",
	} {
		fmt.Println(normalize.Line(normalize.KeepItemSpaces(s)))
	}
	// Output:
	// 示例市民政局 示例市财政局
	// 示例科通〔2024〕5号 关于印发行动方案的通知
	// 示例自治区人民政府办公厅
}
