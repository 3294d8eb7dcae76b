package corpus

import (
	"strings"
	"testing"

	"policyx/schema"
)

// isChromeLine reports whether the blocks of lines are all chrome.
func isChromeLine(lines ...string) bool {
	var blocks []schema.Block
	for _, l := range lines {
		blocks = append(blocks, schema.Block{Kind: schema.BlockPara, Text: l})
	}
	for _, d := range chromeBlocks(blocks) {
		if !d {
			return false
		}
	}
	return true
}

// TestChromeLine: lines of page furniture from real government pages (a
// district site's font-size picker and breadcrumb, a county site's
// eye-care colour picker, a city site's button rows, unfilled view counter
// and QR prompt broken by <br>) are chrome; content that looks alike is
// not.
func TestChromeLine(t *testing.T) {
	for _, s := range []string{
		"A+大 A+中 A+小",
		"字体：大 中 小",
		"您当前所在的位置：首页 > 天河动态 > 媒体聚焦",
		"当前位置: 首页 > 政务公开 > 政务公开工作要点 > 公开制度化 > 政策法规",
		"您现在的位置：首页 > 信息公开",
		"视力保护色:",
		"返回顶部",
		"【打印本页】【关闭窗口】",
		"扫一扫在手机\n打开当前页",
		"下载、打印",
		"分享",
		"扫码浏览",
		"回到\n顶部",
		"-次",
		"相关新闻",
	} {
		if !isChromeLine(strings.Split(s, "\n")...) {
			t.Errorf("%q: not chrome", s)
		}
	}
	for _, s := range []string{
		"位置：岳阳市岳阳楼区",                // a project's site
		"项目位置：广州市天河区天河路",            // likewise
		"大中小学校",                     // 大 中 小 with more
		"大、中、小型企业",                  // a list
		"（二）支持大中小企业融通发展",            // a heading
		"来源:岳阳市政府门户网 日期:2017-01-12", // the metadata line stays
		"相关附件",                      // the label of the attachments
		"下载申请表格",                    // an instruction
		"每年不超过2次",                   // a quota
		"扫一扫\n关注公众号办理",              // a step of a guide
	} {
		if isChromeLine(strings.Split(s, "\n")...) {
			t.Errorf("%q: taken for chrome", s)
		}
	}
}
