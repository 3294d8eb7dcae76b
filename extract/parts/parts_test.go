package parts

import (
	"slices"
	"strings"
	"testing"

	"policyx/internal/testsupport"
	"policyx/schema"
)

func docOf(text string) *schema.Document {
	doc := testsupport.Doc(text)
	doc.Path, doc.SHA256, doc.Format = "x.html", "abc", schema.FormatHTML
	return doc
}

var body = strings.Repeat("支持企业开展研发活动，对符合条件的项目给予资助。", 12)

const listing = `网站首页
政策文件
通知公告
甲市人民政府关于印发《甲市某某若干措施》的通知
2024-05-06 10:00
乙市科技局关于印发某某指引的通知
2024-04-01 09:30
当前位置:
首页
>
政策文件
甲市人民政府关于印发《甲市某某若干措施》的通知
甲政规〔2024〕2号 各县、区人民政府，市直各单位： 现将《甲市某某若干措施》印发给你们，请认真贯彻执行。 甲市人民政府 2024年5月1日 甲市某某若干措施 一、总体要求 BODY
12
2024-05
乙市科技局关于印发某某指引的通知
乙科规〔2024〕3号
各有关单位：
现将某某指引印发给你们，请遵照执行。
乙市科学技术局
2024年3月28日
某某指引
BODY
1
2
首页
下一页
联系我们`

func TestSplitListing(t *testing.T) {
	doc := docOf(strings.ReplaceAll(listing, "BODY", body))
	parts := Split(doc)
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	for i, p := range parts {
		if p.Part != i+1 || p.Path != doc.Path || p.SHA256 != doc.SHA256 || p.Format != doc.Format {
			t.Errorf("part %d: identity fields %d %q %q %q", i, p.Part, p.Path, p.SHA256, p.Format)
		}
		for _, b := range p.Blocks {
			if p.Text[b.Span.Start:b.Span.End] != b.Text {
				t.Errorf("part %d: span %v does not point at block %q", i+1, b.Span, b.Text)
			}
		}
	}
	if !strings.HasPrefix(parts[0].Text, "甲市人民政府关于印发") || !strings.HasSuffix(parts[0].Text, "具体资助。"[0:0]+body[len(body)-len("给予资助。"):]) {
		t.Errorf("part 1 text: %q … %q", parts[0].Text[:30], parts[0].Text[len(parts[0].Text)-30:])
	}
	if !strings.HasPrefix(parts[1].Text, "乙市科技局关于印发") || strings.Contains(parts[1].Text, "首页") || strings.HasSuffix(parts[1].Text, "2") {
		t.Errorf("part 2 text: %q … %q", parts[1].Text[:30], parts[1].Text[len(parts[1].Text)-30:])
	}
	if strings.Contains(parts[0].Text, "2024-05") {
		t.Errorf("part 1 keeps the date fragment: %q", parts[0].Text[len(parts[0].Text)-40:])
	}
}

const single = `甲市人民政府关于印发甲市某某行动方案的通知
甲政发〔2023〕1号
各县、区人民政府，市直各单位：
现将《甲市某某行动方案》印发给你们，请认真组织实施。
甲市人民政府
2023年1月5日
甲市某某行动方案
一、总体要求
BODY
附件
1.乙市科技局关于印发某某指引的通知
各有关单位：（名单略）`

func TestSplitSingle(t *testing.T) {
	doc := docOf(strings.ReplaceAll(single, "BODY", body))
	parts := Split(doc)
	if len(parts) != 1 || parts[0] != doc || doc.Part != 1 {
		t.Fatalf("single policy split into %d parts", len(parts))
	}
}

const forwardNotice = `丙市人民政府办公室关于转发省科技厅关于某某工作的通知的通知
丙政办发〔2022〕5号
各县（区）人民政府，市直各单位：
现将《省科技厅关于某某工作的通知》转发给你们，请认真贯彻执行。
丙市人民政府办公室
2022年3月1日
省科技厅关于某某工作的通知
某科发〔2022〕1号
各市科技局：
BODY`

const attachmentNotice = `丁市人民政府关于印发丁市某某办法的通知
丁政规〔2021〕4号
各县（区）人民政府，市直各单位：
现将《丁市某某办法》印发给你们，请遵照执行。
丁市人民政府
2021年6月1日
丁市某某办法
第一条 BODY
附件
丁市某某局关于开展某某申报工作的通知
各有关单位：
BODY`

const boxListing = `标题：戊市人民政府关于印发戊市甲方案的通知
发文字号：戊政发〔2024〕1号
成文日期：2024年1月2日
戊市人民政府关于印发戊市甲方案的通知
各县、区人民政府：
现将《戊市甲方案》印发给你们。
BODY
标题：戊市人民政府关于印发戊市乙方案的通知
发文字号：
戊政发〔2024〕2号
成文日期：2024年2月3日
戊市人民政府关于印发戊市乙方案的通知
各县、区人民政府：
现将《戊市乙方案》印发给你们。
BODY`

func TestSplitGuards(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		parts    int
		second   string // prefix of part 2
	}{
		{"forwarded notice", forwardNotice, 1, ""},
		{"notice in an attachment", attachmentNotice, 1, ""},
		{"listing with metadata boxes", boxListing, 2, "标题：戊市人民政府关于印发戊市乙方案的通知\n发文字号：\n戊政发"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := Split(docOf(strings.ReplaceAll(tc.in, "BODY", body)))
			if len(parts) != tc.parts {
				t.Fatalf("got %d parts, want %d", len(parts), tc.parts)
			}
			if tc.parts > 1 && !strings.HasPrefix(parts[1].Text, tc.second) {
				t.Errorf("part 2 starts %q", parts[1].Text[:60])
			}
			if tc.parts > 1 && !strings.HasPrefix(parts[0].Text, "标题：") {
				t.Errorf("part 1 starts %q", parts[0].Text[:60])
			}
		})
	}
}

func TestSplitInlineHead(t *testing.T) {
	in := "甲市人民政府关于印发《甲市某某办法(试行)》的通知(甲政规〔2024〕2号)各县、区人民政府：现将《甲市某某办法(试行)》印发给你们。\nBODY\n2024-05\n乙市科技局关于印发某某指引的通知\n各有关单位：\nBODY"
	parts := Split(docOf(strings.ReplaceAll(in, "BODY", body)))
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	if strings.Contains(parts[0].Text, "2024-05") {
		t.Errorf("part 1 keeps chrome")
	}
}

func TestSplitPageMetaLines(t *testing.T) {
	in := `甲省科技厅关于印发甲方案的通知
发布时间：2024-03-01 来源：科技厅
甲科发〔2024〕3号
各市科技局：
BODY
乙省科技厅关于印发乙方案的通知
2024-02-01
各市科技局：
BODY`
	parts := Split(docOf(strings.ReplaceAll(in, "BODY", body)))
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	if !strings.HasPrefix(parts[1].Text, "乙省科技厅") {
		t.Errorf("part 2 starts %q", parts[1].Text[:30])
	}
}

func TestSplitLabeledAttachmentNotice(t *testing.T) {
	in := `己市科技局关于开展某某申报的通知
己科发〔2024〕7号
各有关单位：
BODY
附件2：己市科技局关于开展某某复核工作的通知
各县（区）科技局：
BODY`
	if parts := Split(docOf(strings.ReplaceAll(in, "BODY", body))); len(parts) != 1 {
		t.Fatalf("got %d parts, want 1", len(parts))
	}
}

func TestSplitFlattened(t *testing.T) {
	// two notices and their chrome flattened onto one line
	in := "甲市人民政府关于印发甲市某某措施的通知 甲政规〔2024〕2号 各县、区人民政府： 现将《甲市某某措施》印发给你们，请认真贯彻执行。 甲市人民政府 2024年5月1日 " + body +
		" 12 2024-05 乙市科技局关于印发某某指引的通知(乙科规〔2024〕3号) 各有关单位： 现将某某指引印发给你们。 乙市科学技术局 2024年3月28日 " + body + " 1 2 首页 下一页"
	parts := Split(docOf(in))
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	if !strings.HasPrefix(parts[1].Text, "乙市科技局关于印发") {
		t.Errorf("part 2 starts %q", parts[1].Text[:40])
	}
	if strings.Contains(parts[0].Text, "2024-05") || strings.Contains(parts[1].Text, "首页") {
		t.Errorf("chrome kept: %q … %q", parts[0].Text[len(parts[0].Text)-30:], parts[1].Text[len(parts[1].Text)-30:])
	}
}

func TestSplitRepeatedNotice(t *testing.T) {
	in := "庚市民政局关于印发某某标准的通知\n各区人民政府：\nBODY\n庚市民政局关于印发某某标准的通知庚民规〔2025〕2号庚市民政局关于印发某某标准的通知各区人民政府：\nBODY"
	if parts := Split(docOf(strings.ReplaceAll(in, "BODY", body))); len(parts) != 1 {
		t.Fatalf("got %d parts, want 1", len(parts))
	}
}

// listingEN is a listing page in another layout: English menu lines, the
// 文号 above the title, dates written 2025年1月2日 and no page metadata.
const listingEN = `Home
Policies
Notices
Search
丙政办发〔2025〕1号
丙市人民政府办公室关于印发丙市某某实施办法的通知
各区人民政府，市政府各部门：
《丙市某某实施办法》已经市人民政府同意，现印发给你们，请认真贯彻落实。
丙市人民政府办公室
2025年1月2日
丙市某某实施办法
第一条 BODY
丙发改〔2025〕8号
丙市发展和改革委员会关于做好某某工作的通知
各区发展改革局，市直有关单位：
为做好某某工作，现就有关事项通知如下。
一、总体要求
BODY
丙市发展和改革委员会
2025年2月14日
Page 1 of 3
Next »
Contact us
Copyright © 2025`

func TestSplitListingOtherLayout(t *testing.T) {
	doc := docOf(strings.ReplaceAll(listingEN, "BODY", body))
	parts := Split(doc)
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	for i, p := range parts {
		for _, b := range p.Blocks {
			if p.Text[b.Span.Start:b.Span.End] != b.Text {
				t.Errorf("part %d: span %v does not point at block %q", i+1, b.Span, b.Text)
			}
		}
	}
	for i, want := range []struct{ start, end string }{
		{"丙政办发〔2025〕1号\n丙市人民政府办公室关于印发", "给予资助。"},
		{"丙发改〔2025〕8号\n丙市发展和改革委员会关于", "2025年2月14日"},
	} {
		got := parts[i].Text
		if !strings.HasPrefix(got, want.start) || !strings.HasSuffix(got, want.end) {
			t.Errorf("part %d: %q … %q", i+1, got[:40], got[len(got)-40:])
		}
		for _, menu := range []string{"Home", "Search", "Next", "Contact", "Copyright"} {
			if strings.Contains(got, menu) {
				t.Errorf("part %d keeps menu line %q", i+1, menu)
			}
		}
	}
}

// TestSplitListingFooter: page metadata lines between title and 文号, and a
// footer whose chrome words the normalizer ran together (打印本页关闭窗口)
// or that carries text (版权所有：…).
func TestSplitListingFooter(t *testing.T) {
	in := `网站首页 | 政务公开 | 政策文件
丁市工业和信息化局关于印发丁市工业稳增长若干措施的通知
发布日期：2025年3月4日 来源：丁市工业和信息化局
丁工信规〔2025〕2号
各县（市、区）工业和信息化主管部门，各有关单位：
现将《丁市工业稳增长若干措施》印发给你们，请认真贯彻执行。
丁市工业和信息化局
2025年3月1日
BODY
丁市财政局关于做好预算执行工作的通知
发布日期：2025年2月20日 来源：丁市财政局
丁财预〔2025〕5号
各县（市、区）财政局，市直各部门：
BODY
丁市财政局
2025年2月18日
分享到：
打印本页关闭窗口
版权所有：丁市人民政府 网站标识码 1234000000`
	parts := Split(docOf(strings.ReplaceAll(in, "BODY", body)))
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	if got := parts[1].Text; !strings.HasSuffix(got, "丁市财政局\n2025年2月18日") {
		t.Errorf("part 2 ends %q", got[len(got)-60:])
	}
}

func TestChromeLines(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"打印本页关闭窗口", true},
		{"分享到：", true},
		{"Next »", true},
		{"Back to top | Print", true},
		{"版权所有：丁市人民政府 网站标识码 1234000000", true},
		{"Copyright © 2025 Example City", true},
		{"丁市财政局", false},
		{"2025年2月18日", false},
		{"首页建设项目", false},
	} {
		if got := strongChrome(schema.Block{Text: tc.in}); got != tc.want {
			t.Errorf("strongChrome(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestTitleStartLabels(t *testing.T) {
	for _, s := range []string{"一、关于印发实施方案的通知", "（二）关于加强管理的意见", "3．关于…", "附件2 关于…的通知", "附表"} {
		if !notTitleStart(s) || titleStart(s) {
			t.Errorf("%q opens like a title", s)
		}
	}
	if notTitleStart("关于印发若干措施的通知") {
		t.Errorf("a title opens like a label")
	}
	for s, want := range map[string]bool{"附件": true, "附件2": true, "附 件 3：": true, "附件一": true, "附件2 任务分工表": false, "附表1": false, "附件1-2": false} {
		if got := bareAttach(s); got != want {
			t.Errorf("bareAttach(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	w, err := parseWords(wordsData)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.chrome) < 20 || len(w.footer) < 5 || !slices.Contains(w.chrome, "首页") || !slices.Contains(w.footer, "版权所有") {
		t.Errorf("words: %q", w)
	}
	// a list missing, or an unknown one, fails loudly
	for _, data := range []string{"[chrome]\n首页\n", "[chrome]\n首页\n[footer]\n版权所有\n[menu]\n导航\n", "首页\n"} {
		if _, err := parseWords(data); err == nil {
			t.Errorf("parseWords(%q) = nil error", data)
		}
	}
}
