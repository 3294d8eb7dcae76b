package normalize

import (
	"strings"
	"testing"
)

// TestDropContents: the 目录 of a city's 重污染天气应急预案 page (the body
// starts over with 1.总则 right after it), and of a PDF with dot leaders and
// page numbers whose entries come again as the body's headings, go; a
// 目录 that heads a list of its own, and two entries only, stay.
func TestDropContents(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []string
		gone int // blocks blanked
	}{
		{"web page", []string{"益阳市人民政府办公室", "2014年12月25日", "益阳市重污染天气应急预案目录",
			"1.总则", "1.1编制目的", "1.2编制依据", "2.应急组织机构及职责", "2.1应急组织机构",
			"1.总则", "1.1编制目的", "为规范我市重污染天气应急管理工作，建立重污染天气应急响应机制，结合本市实际，特制订本预案。"}, 6},
		{"dot leaders", []string{"目 录", "第一章 总则…………………………1", "第二章 组织机构……………………3", "第三章 监测预警……………………5",
			"某某市重污染天气应急预案", "第一章 总则", "第一条 为规范应急管理工作，制定本预案。", "第二章 组织机构", "第三章 监测预警"}, 4},
		{"a list of its own", []string{"附件2", "重点项目目录", "1.智能网联汽车产业园", "2.生物医药创新港", "3.数据中心二期",
			"各区要加快项目建设。"}, 0},
		{"two entries", []string{"目录", "一、总体要求", "二、重点任务", "一、总体要求", "坚持创新驱动。"}, 0},
	} {
		blocks := DropContents(lineBlocks(strings.Join(c.in, "\n")))
		gone := 0
		for _, b := range blocks {
			if b.Text == "" {
				gone++
			}
		}
		if gone != c.gone {
			t.Errorf("%s: %d blocks blanked, want %d", c.name, gone, c.gone)
		}
	}
}
