package normalize

import (
	"strings"
	"testing"
)

// TestDropChromeLines: the furniture of web pages saved as text (a county
// site's breadcrumb, eye-care colour picker and back-to-top button) and of
// pages captured as PDF and read by OCR (a city site's breadcrumb, search
// box, footer links and registration lines) is blanked in every format;
// content lines that look alike stay.
func TestDropChromeLines(t *testing.T) {
	gone := []string{
		"当前位置: 首页 > 政务公开 > 政务公开工作要点 > 公开制度化 > 政策法规",
		"视力保护色:",
		"返回顶部",
		"当前位置：首页>公开",
		"请输入搜索关键词",
		"网站简介”“网站地图”“联系我们”网站声明",
		"网站标识码；：3306000046 和侈浙公网安备33060202000375号",
		"建议|E11.0,1366x768以上分辨率浏览本网站浙ICP备05001334号-1",
		"A+大 A+中 A+小",
	}
	kept := []string{
		"中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知(岳办发〔2017〕2号)",
		"来源:岳阳市政府门户网 日期:2017-01-12 17:08 字号:【", // the page's metadata line
		"位置：岳阳市岳阳楼区",      // a project's site
		"督促网站开办者完成ICP备案。", // no number: a sentence
		"大中小学校",           // 大 中 小 with more
		"（二）支持大中小企业融通发展",  // a heading
		"下载申请表格",          // an instruction
		"每年不超过2次",         // a quota
	}
	blocks := DropChromeLines(lineBlocks(strings.Join(append(append([]string{}, gone...), kept...), "\n")))
	for i, b := range blocks {
		if i < len(gone) && b.Text != "" {
			t.Errorf("chrome kept: %q", b.Text)
		}
		if i >= len(gone) && b.Text == "" {
			t.Errorf("content dropped: %q", kept[i-len(gone)])
		}
	}
}
