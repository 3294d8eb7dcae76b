package sections

import (
	"fmt"
	"strings"
	"testing"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// docOf builds a normalized document, one block per non-empty line; a line
// starting with "#" becomes a heading block of that level.
func docOf(text string) *schema.Document {
	var bs []schema.Block
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		blk := schema.Block{Text: l}
		if n := len(l) - len(strings.TrimLeft(l, "#")); n > 0 {
			blk.Kind, blk.Level, blk.Text = schema.BlockHeading, n, strings.TrimSpace(l[n:])
		}
		bs = append(bs, blk)
	}
	doc := testsupport.Blocks(bs...)
	doc.Part = 1
	return doc
}

// outline renders sections one a line: depth-indented label|title.
func outline(secs []schema.Section) string {
	var b strings.Builder
	for _, s := range secs {
		fmt.Fprintf(&b, "%s%s|%s\n", strings.Repeat(".", s.Level-1), s.Label, s.Title)
	}
	return b.String()
}

func TestExtract(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"standard", `某某行动方案
一、总体目标
到2025年，建成示范点10个。
二、重点任务
（一）强化创新。支持企业研发。
1．建设平台。建设一批研发平台。
(1)省级平台。每年认定5个。
①重点实验室；
（2）市级平台。
2.引进人才。引进团队3个。
（二）优化服务。
三、保障措施`, `一、|总体目标
二、|重点任务
.（一）|强化创新
..1．|建设平台
...(1)|省级平台
....①|重点实验室
...（2）|市级平台
..2.|引进人才
.（二）|优化服务
三、|保障措施
`},
		{"skipped level", `一、总体要求
1.加快建设。内容。
2、推进应用。内容。
二、保障`, `一、|总体要求
.1.|加快建设
.2、|推进应用
二、|保障
`},
		{"chapters and articles", `某某管理办法
第一章 总 则
第一条 为规范管理，制定本办法。
第二条 【适用范围】本办法适用于本市。
（一）企业；
（二）机构。
第二章 申报
第三条 申报条件如下：`, `第一章|总则
.第一条|为规范管理，制定本办法
.第二条|适用范围
..（一）|企业
..（二）|机构
第二章|申报
.第三条|申报条件如下
`},
		{"attachments and tables", `一、目标
到2022年，完成100项。
附件：1．甲计划表
2．乙方案
附件1
甲计划表
序号	项目名称
1.	某某研发
2.	某某应用
附件 2
乙方案
一、任务
1.5亿元用于奖补。
2023年12月31日前完成。`, `一、|目标
附件1|甲计划表
附件 2|乙方案
.一、|任务
`},
		{"markdown headings", `# 某某方案
## 一、现实基础
基础扎实。
## 二、重点任务
### （一）强化创新
内容。
## 附表说明
说明。`, `一、|现实基础
二、|重点任务
.（一）|强化创新
|附表说明
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := docOf(tc.in)
			secs := Extract(doc)
			if got := outline(secs); got != tc.want {
				t.Errorf("outline:\n%s\nwant:\n%s", got, tc.want)
			}
			for i, s := range secs {
				if !s.Span.Valid(len(doc.Text)) || s.Span.Start >= s.Span.End {
					t.Errorf("section %d span %v", i, s.Span)
				}
				if s.Parent >= i {
					t.Errorf("section %d parent %d", i, s.Parent)
				}
				if s.Parent >= 0 && (secs[s.Parent].Span.Start > s.Span.Start || secs[s.Parent].Span.End < s.Span.End) {
					t.Errorf("section %d %v outside its parent %v", i, s.Span, secs[s.Parent].Span)
				}
			}
		})
	}
}

func TestSpans(t *testing.T) {
	doc := docOf("一、甲\n正文一。\n（一）乙\n正文二。\n二、丙\n正文三。")
	secs := Extract(doc)
	got := []string{}
	for _, s := range secs {
		got = append(got, doc.Text[s.Span.Start:s.Span.End])
	}
	want := []string{"一、甲\n正文一。\n（一）乙\n正文二。", "（一）乙\n正文二。", "二、丙\n正文三。"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans %q, want %q", got, want)
	}
}

func TestFlattened(t *testing.T) {
	line := "某某措施 一、支持创新 (一)支持研发。" + strings.Repeat("支持企业开展研发活动。", 30) + " (二)支持转化 对转化项目给予奖励。" + strings.Repeat("鼓励转化。", 20) + " 二、保障措施 加强领导。"
	secs := Extract(docOf(line))
	want := "一、|支持创新\n.(一)|支持研发\n.(二)|支持转化\n二、|保障措施\n"
	if got := outline(secs); got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
}

func TestArticlesInParts(t *testing.T) {
	in := `某某若干措施
一、推进融合发展
第一条 【强化用地保障】内容。
（一）保障用地；
第二条 【鼓励投资】内容。
二、支持版权经济
第三条 【完善服务】内容。`
	want := `一、|推进融合发展
.第一条|强化用地保障
..（一）|保障用地
.第二条|鼓励投资
二、|支持版权经济
.第三条|完善服务
`
	if got := outline(Extract(docOf(in))); got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
}

func TestLabelValue(t *testing.T) {
	for in, want := range map[string]int{"三、": 3, "十、": 10, "十二、": 12, "二十、": 20, "第二十一条": 21, "（12）": 12, "1．": 1, "①": 1, "第 3 章": 3, "附件2：": 2} {
		if got := labelValue(in); got != want {
			t.Errorf("labelValue(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestTableThenNextHeading(t *testing.T) {
	in := `一、总体情况
内容。
二、主动公开情况
序号
项目
一、核心技术
1
某某
三、收到申请情况
内容。`
	want := "一、|总体情况\n二、|主动公开情况\n三、|收到申请情况\n"
	if got := outline(Extract(docOf(in))); got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
}

// TestGluedHeading: a heading line glued to its paragraph keeps only its
// heading phrase; headings that end in 。 or are short stay as written.
func TestGluedHeading(t *testing.T) {
	in := `某某实施方案
一、总体要求以习近平新时代中国特色社会主义思想为指导，全面落实各项部署。
（一）加强组织领导。各地要建立工作机制。
二、主要目标到2026年，全省累计建成示范基地30个以上，带动就业1万人。
三、推动新一代信息技术与制造业深度融合发展的重点任务和保障措施安排
四、保障措施
（一）加强组织领导。`
	want := `一、|总体要求
.（一）|加强组织领导
二、|主要目标
三、|推动新一代信息技术与制造业深度融合发展的重点任务和保障措施安排
四、|保障措施
.（一）|加强组织领导
`
	if got := outline(Extract(docOf(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGluedHead(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"总体要求", ""},
		{"总体要求以习近平新时代中国特色社会主义思想为指导，全面落实各项部署。", "总体要求"},
		{"工作目标按照国家和省有关部署要求推进各项工作不断取得新的更大成效。", "工作目标"},
		{"坚持以习近平新时代中国特色社会主义思想为指导全面推进各项改革。", ""},
		{"加强组织领导。按照要求落实各项工作，按照国家和省有关部署要求推进。", ""},
		{"【强化用地保障】按照国家和省有关部署要求推进各项工作不断取得新成效。", ""},
	} {
		got, _ := gluedHead(tc.in)
		if got != tc.want {
			t.Errorf("gluedHead(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestWrappedAttachCaption: a bare 附件 whose caption a PDF wrapped after a
// place word takes both lines; a complete caption takes one.
func TestWrappedAttachCaption(t *testing.T) {
	in := `某某实施方案
一、总体要求
内容。
附件
2024—2026 年某某省
农机购置补贴机具种类范围
（21 大类 40 个小类）
1.耕整地机械
附件2
某某项目申报表
单位名称
附件3
市直各部门主要目标
分解表（2021—2023年）
任务`
	want := `一、|总体要求
附件|2024—2026年某某省农机购置补贴机具种类范围
.1.|耕整地机械
附件2|某某项目申报表
附件3|市直各部门主要目标分解表（2021—2023年）
`
	if got := outline(Extract(docOf(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestCrawlerHeader: a crawler's Markdown header (file name heading, a
// metadata list under 基本信息) is no section; a caption's (2021-2023年)
// line joins it.
func TestCrawlerHeader(t *testing.T) {
	in := `## 文档 ：某某三年行动计划.md
### 基本信息
- **文档类型**：政策类
- **发布机构**：某某部门
附件
某某产业高质量发展三年行动计划
（2021-2023年）
一、总体思路
## 保障措施
组织保障：各部门要加强协同。`
	want := `附件|某某产业高质量发展三年行动计划（2021-2023年）
.一、|总体思路
..|保障措施
`
	if got := outline(Extract(docOf(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestLostCharAfterLabel: a ? that decoding left after 第一条 is no title end.
func TestLostCharAfterLabel(t *testing.T) {
	in := `某某扶持办法
第一条? 为推动产业发展，制定本办法。
第二条？ 本办法的扶持范围包括：`
	want := `第一条|为推动产业发展，制定本办法
第二条|本办法的扶持范围包括
`
	if got := outline(Extract(docOf(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The word lists load through the lexicon loader, and a bad file fails.
func TestVocab(t *testing.T) {
	v, err := parseVocab(wordsFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.proseOpeners) == 0 || v.proseOpeners[0] != "以习近平" {
		t.Errorf("proseopeners = %q", v.proseOpeners)
	}
	for _, bad := range []string{"以习近平\n", "[proseopeners]\n[other]\n为深入\n", "[proseopeners]\n"} {
		if _, err := parseVocab(bad); err == nil {
			t.Errorf("parseVocab(%q) accepted", bad)
		}
	}
}

// Labels are read by lexicon/outline; sections decides which open a
// section.
func TestLabelOf(t *testing.T) {
	for _, tc := range []struct {
		in          string
		style       int
		label, rest string
	}{
		{"第三章 保障措施", styleChapter, "第三章", "保障措施"},
		{"第二节　资金管理", styleSection, "第二节", "资金管理"},
		{"第十二条 本办法自印发之日起施行。", styleArticle, "第十二条", "本办法自印发之日起施行。"},
		{"二、重点任务", styleCN, "二、", "重点任务"},
		{"（三）强化要素保障", styleParenCN, "（三）", "强化要素保障"},
		{"3．实施人才引育工程", styleNum, "3．", "实施人才引育工程"},
		{"(2)加大财政支持", styleParenN, "(2)", "加大财政支持"},
		{"①设备购置补贴", styleCircle, "①", "设备购置补贴"},
		{"附件2：重点项目清单", styleAttach, "附件2：", "重点项目清单"},
		{"附件一：任务分工表", styleAttach, "附件一：", "任务分工表"},
		{"附件", styleAttach, "附件", ""},
		// counter-examples
		{"1.5亿元用于奖补", -1, "", ""},
		{"1. 5亿元用于奖补", -1, "", ""},
		{"附件说明如下", -1, "", ""},
		{"第一项任务", -1, "", ""},
		{"1）开展培训", -1, "", ""},
		{"一是加强组织领导", -1, "", ""},
	} {
		st, l, r := labelOf(tc.in)
		if st != tc.style || l != tc.label || r != tc.rest {
			t.Errorf("labelOf(%q) = %d %q %q, want %d %q %q", tc.in, st, l, r, tc.style, tc.label, tc.rest)
		}
	}
}

// Inside a flattened block a label after white space starts a piece; an
// 附件 only with its colon.
func TestFlatCuts(t *testing.T) {
	in := "总则 一、总体要求 坚持稳中求进。 （一）主要目标 到2025年，产值达到1.5亿元。 详见附件1 的说明。 附件1：任务清单"
	var got []string
	for _, c := range flatCuts(in) {
		got = append(got, strings.Fields(in[c:])[0])
	}
	want := []string{"一、总体要求", "（一）主要目标", "附件1：任务清单"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("flatCuts: %q, want %q", got, want)
	}
}
