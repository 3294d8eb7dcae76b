package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStartsItem(t *testing.T) {
	for _, s := range []string{"一、总体要求", "（二）强化保障", "3．推进平台建设", "(1)到2025年", "②新增企业", "第三章 附则", "第十条 本办法", "附件2", "附表"} {
		if !startsItem(s) {
			t.Errorf("startsItem(%q) = false", s)
		}
	}
	// the rest of a sentence broken at the line end
	for _, s := range []string{"2）的规定执行", "1.5万元", "2025年底前", "统一部署", "十万元以上"} {
		if startsItem(s) {
			t.Errorf("startsItem(%q) = true", s)
		}
	}
}

// pageOf lays out lines of 14 pt text on an A4 page between the margins 90
// and 505, one baseline every 31.2 pt from the top; a line's x0 and x1 come
// from indent (in characters) and its length, capped at the right margin.
func pageOf(page int, texts ...string) *pageLayout {
	p := &pageLayout{page: page, w: 595, h: 842}
	for i, t := range texts {
		indent := 0
		for strings.HasPrefix(t, "　") {
			t = strings.TrimPrefix(t, "　")
			indent++
		}
		n := float64(utf8.RuneCountInString(t) + indent)
		x0 := 90.1 + 14*float64(indent)
		p.lines = append(p.lines, &line{x0: x0, x1: min(90.1+14*n, 519.4), y: 743.2 - 31.2*float64(i), size: 14, text: t})
	}
	return p
}

// TestPageBreakAfterSentence: a paragraph broken by a page break right after
// a full line that ends a sentence is one paragraph (a 中央一号文件 PDF
// without first-line indents, 2026); a new page that opens with a label, an
// indent, or after a short last line starts a new one.
func TestPageBreakAfterSentence(t *testing.T) {
	page1 := []string{
		"（四）提升农业科技创新效能。统筹科技创新平台基地建设，加强农业关键核",
		"心技术攻关和科技成果高效转化应用，培育壮大农业领域科技领军企业。深入",
		"实施种业振兴行动，加快选育和推广突破性品种，推进生物育种产业化。加快",
		"高端智能、丘陵山区适用农机装备研发应用，加强林草机械装备研发推广。",
		"（五）强化农业防灾减灾体系建设。开展农业气候资源普查和区划，",
	}
	full := "加强气象、水文、地质灾害监测预报预警，提高应对极端天气能力。" // ends the page
	short := "加强气象、水文、地质灾害监测预报预警。"
	for _, c := range []struct {
		name  string
		last  string // the last line of page 1
		first string // the first line of page 2
		join  bool
	}{
		{"full line, sentence end", full, "推进大江大河控制性枢纽、堤防达标提标和蓄滞洪区建设，强化病险水库", true},
		{"full line, label", full, "（六）促进农产品贸易和生产相协调。推进农产品进口多元化。培育具有国", false},
		{"full line, indent", full, "　　推进大江大河控制性枢纽、堤防达标提标和蓄滞洪区建设，强化病险", false},
		{"short line", short, "推进大江大河控制性枢纽、堤防达标提标和蓄滞洪区建设，强化病险水库", false},
	} {
		lines := append(append([]string(nil), page1...), c.last)
		blocks := assemble([]*pageLayout{pageOf(1, lines...), pageOf(2, c.first, "、大中型病险水闸除险加固，加强农田沟渠修复整治。")})
		var last string
		var texts []string
		for _, b := range blocks {
			if strings.Contains(b.Text, "（五）") {
				last = b.Text
			}
			texts = append(texts, b.Text)
		}
		if got := strings.Contains(last, strings.TrimLeft(c.first, "　")); got != c.join {
			t.Errorf("%s: joined = %v, want %v (blocks %q)", c.name, got, c.join, texts)
		}
	}
}
