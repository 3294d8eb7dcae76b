package corpus

import "testing"

// TestChromeLine: lines of page furniture from real government pages (a
// district site's font-size picker and breadcrumb, a county site's
// eye-care colour picker) are chrome; content that looks alike is not.
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
	} {
		if !chromeLine.MatchString(s) {
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
	} {
		if chromeLine.MatchString(s) || textChrome.MatchString(s) {
			t.Errorf("%q: taken for chrome", s)
		}
	}
}
