package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/schema"
)

// chromeText is web-page furniture that a page keeps as lines of text when
// it is saved as text, printed to PDF or scanned: share and QR-code
// prompts, print/close/back-to-top buttons, a row of bare buttons (下载、
// 打印) or footer links (网站地图 联系我们), a view counter a script never
// filled (-次), the heading of a related-news list, font-size pickers
// (字体：大 中 小, A+大 A+中 A+小), the eye-care colour picker (视力保护色),
// a search box (请输入搜索关键词), the breadcrumb (当前位置：首页 > …,
// 您当前所在的位置：…) and the site's registration lines (网站标识码,
// 浙ICP备05001334号, 公网安备, 版权所有).
const chromeText = `分享到\s*[:：]?.{0,20}|扫一扫在手机(?:上)?打开当前页|扫码浏览|(?:打印|关闭)(?:本页|窗口)|(?:返回|回到)顶部|` +
	`(?:` + chromeButton + `)(?:[\s、|｜/“”"]*(?:` + chromeButton + `))*|-\s*次|相关(?:新闻|链接|文章|阅读)|` +
	`(?:(?:字体|字号)\s*[:：]\s*)?(?:A?\s*[+＋\-－]?\s*[大中小]\s*){3}|视力保护色\s*[:：]?.{0,20}|请输入(?:搜索)?关键[词字].{0,4}|` +
	`(?:(?:您|你)(?:当前|现在|目前)?|当前|现在|目前)(?:所在|所处)?的?位置\s*[:：].*|` +
	`.*网站标识码[:：；;\s]*\d+.*|.*ICP备\s*\d+号.*|.*公网安备\s*\d+号.*|版权所有.*`

// chromeButton is a button or footer link alone on a line.
const chromeButton = `打印|下载|关闭|收藏|分享|纠错|网站地图|联系我们|网站声明|网站简介|关于我们|隐私声明|使用帮助`

var chromeLineRe = regexp.MustCompile(`^(?:` + chromeText + `)$`)

// ChromeLine reports whether s is a whole line of web-page furniture
// (chromeText), short as such lines are.
func ChromeLine(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && utf8.RuneCountInString(t) < 60 && chromeLineRe.MatchString(t)
}

// DropChromeLines blanks the paragraphs that are web-page furniture
// (ChromeLine) in a page saved as text, printed to PDF or scanned; they
// become empty blocks, so no paragraph is joined across them.
func DropChromeLines(blocks []schema.Block) []schema.Block {
	for i := range blocks {
		if blocks[i].Kind == schema.BlockPara && ChromeLine(blocks[i].Text) {
			blocks[i].Text = ""
		}
	}
	return blocks
}

// DropDuplicateBody removes a second copy of the body that a saved page
// carries after its footer (a hidden print or mobile version of the
// article): a run of at least dupMinRun long paragraphs, each equal to an
// earlier paragraph, in the same order as that earlier copy. Short lines
// (责任单位：…, dates, menus) repeat in real documents and never start or
// make up such a run.
func DropDuplicateBody(blocks []schema.Block) []schema.Block {
	first := map[string]int{} // long paragraph → index of its first block
	dup := make([]int, len(blocks))
	for i, b := range blocks {
		dup[i] = -1
		t := strings.TrimSpace(b.Text)
		if b.Kind == schema.BlockTable || utf8.RuneCountInString(t) < dupMinRunes {
			continue
		}
		if k, ok := first[t]; ok {
			dup[i] = k
		} else {
			first[t] = i
		}
	}
	drop := make([]bool, len(blocks))
	any := false
	for i := 0; i < len(blocks); {
		if dup[i] < 0 {
			i++
			continue
		}
		// extend the run over short or blank blocks while the long ones
		// go on copying the earlier text in order
		j, n, last := i, 0, -1
		end := i
		for j < len(blocks) {
			if dup[j] >= 0 {
				if dup[j] <= last {
					break
				}
				last, n, end = dup[j], n+1, j+1
			} else if t := strings.TrimSpace(blocks[j].Text); utf8.RuneCountInString(t) >= dupMinRunes {
				break
			}
			j++
		}
		if n >= dupMinRun {
			for k := i; k < end; k++ {
				drop[k] = true
			}
			any = true
		}
		i = max(end, i+1)
	}
	if !any {
		return blocks
	}
	return without(blocks, drop)
}

const (
	dupMinRunes = 30 // a paragraph long enough that a copy is no accident
	dupMinRun   = 3
)

// DropPageChrome blanks the later copies of what a web page printed to PDF
// repeats at the top or bottom of every page: its menus and its metadata
// box (索引号 / 发文字号 / 发布日期 …). A line is chrome when it appears on
// at least three pages and on half of them, always among the first
// chromeTop or last chromeBottom lines of its page, next to another such
// line. Its first copy stays (the metadata box is read from it).
func DropPageChrome(blocks []schema.Block) []schema.Block {
	pages := map[int]bool{}
	for _, b := range blocks {
		if b.Page > 0 {
			pages[b.Page] = true
		}
	}
	if len(pages) < 3 {
		return blocks
	}
	// position of each block in its page, from the top and from the bottom
	type pos struct{ top, bottom int }
	at := make([]pos, len(blocks))
	for i := 0; i < len(blocks); {
		j := i
		for j < len(blocks) && blocks[j].Page == blocks[i].Page {
			j++
		}
		n := 0
		for k := i; k < j; k++ {
			if strings.TrimSpace(blocks[k].Text) != "" {
				at[k].top = n
				n++
			}
		}
		for k := i; k < j; k++ {
			at[k].bottom = n - 1 - at[k].top
		}
		i = j
	}
	onPages := map[string]map[int]bool{}
	edge := map[string]bool{} // false once a copy sits mid-page
	for i, b := range blocks {
		t := strings.TrimSpace(b.Text)
		if b.Kind != schema.BlockPara || t == "" || b.Page == 0 || utf8.RuneCountInString(t) > 80 {
			continue
		}
		if onPages[t] == nil {
			onPages[t] = map[int]bool{}
			edge[t] = true
		}
		onPages[t][b.Page] = true
		if at[i].top >= chromeTop && at[i].bottom >= chromeBottom {
			edge[t] = false
		}
	}
	candidate := func(i int) bool {
		if i < 0 || i >= len(blocks) {
			return false
		}
		t := strings.TrimSpace(blocks[i].Text)
		ps := onPages[t]
		return ps != nil && edge[t] && len(ps) >= 3 && 2*len(ps) >= len(pages)
	}
	// neighbour is the nearest non-blank block before (step -1) or after.
	neighbour := func(i, step int) int {
		for i += step; i >= 0 && i < len(blocks) && strings.TrimSpace(blocks[i].Text) == ""; i += step {
		}
		return i
	}
	chrome := make([]bool, len(blocks))
	for i := range blocks {
		chrome[i] = candidate(i) && (candidate(neighbour(i, -1)) || candidate(neighbour(i, 1)))
	}
	seen := map[string]bool{}
	for i := range blocks {
		if !chrome[i] {
			continue
		}
		t := strings.TrimSpace(blocks[i].Text)
		if seen[t] {
			blocks[i].Text = ""
		}
		seen[t] = true
	}
	return blocks
}

const (
	chromeTop    = 15
	chromeBottom = 8
)
