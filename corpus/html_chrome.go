package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize"
	"policyx/schema"
)

var chromeElements = map[string]bool{"nav": true, "header": true, "footer": true, "aside": true, "menu": true}

// chromeWords are class/id words (split at non-alphanumerics) that mark
// site chrome. Pinyin abbreviations are common on Chinese government sites.
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "menus": true, "submenu": true,
	"footer": true, "foot": true, "header": true, "topbar": true, "toolbar": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true, "sidebar": true, "share": true, "shareicon": true,
	"copyright": true, "search": true, "login": true, "logout": true, "position": true, "location": true,
	"related": true, "relate": true, "xgwz": true, "xgwj": true, "xgxw": true, "xglj": true, "xgyd": true, "daohang": true, "dqwz": true, "weizhi": true,
	"jiucuo": true, "bottom": true, "qrcode": true, "ewm": true, "fontsize": true, "zoom-controls": true,
	"skip": true, "advert": true, "ad": true, "ads": true, "banner": true,
}

// chromeSuffixes mark compound names such as mainnav, topmenu, pagefooter.
var chromeSuffixes = []string{"nav", "menu", "footer", "header", "crumb", "crumbs", "sidebar", "share", "search", "copyright"}

// chromeInfixes mark chrome anywhere inside a class/id word
// (newweixinbox, pagefooterwrap).
var chromeInfixes = []string{"weixin", "wechat", "weibo", "qrcode", "erweima", "breadcrumb", "copyright", "footer", "navbar", "sidebar", "jiucuo"}

func isChromeName(v string) bool {
	v = strings.ToLower(v)
	for _, w := range strings.FieldsFunc(v, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		// a numbered variant is the same word: xgxw2, nav2019
		if chromeWords[w] || chromeWords[strings.TrimRight(w, "0123456789")] {
			return true
		}
		for _, s := range chromeInfixes {
			if strings.Contains(w, s) {
				return true
			}
		}
		for _, s := range chromeSuffixes {
			if len(w) > len(s) && (strings.HasSuffix(w, s) || strings.HasPrefix(w, s)) {
				return true
			}
		}
	}
	return false
}

// chromeLabel matches an accessible name (aria-label) that says the
// element is a toolbar, a menu or navigation: 右侧浮动工具栏, 导航栏.
var chromeLabel = regexp.MustCompile(`工具栏|浮动菜单|导航栏|(?i)\b(?:toolbar|navigation)\b`)

// isPrintName reports whether a class or id has the word "print" (print,
// print-title, btn_print): print buttons and headers shown only on paper,
// such as the site's name above the article.
func isPrintName(v string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if w == "print" {
			return true
		}
	}
	return false
}

// dropped reports whether n is invisible or chrome to leave out.
func (e *htmlEmitter) dropped(n *hnode) bool {
	if n.skip || n.hidden && !e.showHidden {
		return true
	}
	plain := n.textLen - n.linkLen
	// A short element named for printing is a print button or a header
	// for paper (the site name); a wrapper of the article has more text.
	if n.print && n.textLen <= 40 {
		return true
	}
	if n.chrome {
		// A hinted element that holds much plain text is a wrapper of
		// the article, not chrome.
		return plain < 500 || n.linkLen*2 > n.textLen
	}
	if n.tag == "a" || n.tag == "#root" || n.tag == "html" || n.tag == "body" {
		return false
	}
	// Link-dense containers: menus, related-article lists, link farms.
	return n.links >= 3 && n.linkLen*10 >= n.textLen*6 && plain < 300
}

// buttonRow matches a row of bracketed buttons ([打印] [关闭]).
var buttonRow = regexp.MustCompile(`^(?:[【\[]\s*[^】\]]{1,12}\s*[】\]]\s*)+$`)

// isChrome reports a block of page furniture: a row of bracketed buttons or
// a line normalize.ChromeLine knows.
func isChrome(t string) bool {
	return buttonRow.MatchString(t) || normalize.ChromeLine(t)
}

// chromeBlocks marks the blocks of page furniture (isChrome), also when
// a <br> broke it over two blocks (扫一扫在手机<br>打开当前页, 回到<br>顶部).
// A breadcrumb may be the page's <h1>.
func chromeBlocks(blocks []schema.Block) []bool {
	text := func(i int) (string, bool) {
		if i >= len(blocks) || blocks[i].Kind != schema.BlockPara && blocks[i].Kind != schema.BlockHeading {
			return "", false
		}
		t := strings.TrimSpace(blocks[i].Text)
		return t, utf8.RuneCountInString(t) < 60
	}
	drop := make([]bool, len(blocks))
	for i := range blocks {
		t, ok := text(i)
		if !ok || drop[i] {
			continue
		}
		if isChrome(t) {
			drop[i] = true
		} else if u, ok := text(i + 1); ok && t != "" && u != "" && isChrome(t+u) {
			drop[i], drop[i+1] = true, true
		}
	}
	return drop
}

// viewCounter matches a page-view counter at the end of a line (浏览次数：-,
// 点击数：1234), filled in by a script.
var viewCounter = regexp.MustCompile(`\s*(?:浏览次数|阅读次数|访问次数|点击次数|点击数|点击量|访问量|阅读量|浏览量)\s*[:：]\s*[-\d]*\s*$`)

// fieldLine matches a short "key：value" line of an information box
// (发布机关：…); emptyField a key whose value was left for a script to fill
// (文件状态：).
var (
	fieldLine  = regexp.MustCompile(`^[\p{Han}\s\x{3000}]{2,8}[:：]\s*\S`)
	emptyField = regexp.MustCompile(`^[\p{Han}\s\x{3000}]{2,8}[:：]$`)
)

// cleanHTMLBlocks drops furniture lines: buttons and prompts (isChrome),
// view counters at the end of a line, and keys left without a value in a
// list of "key：value" lines (a value a script would fill in). A key before
// a paragraph (各有关单位：) is a salutation and stays.
func cleanHTMLBlocks(blocks []schema.Block) []schema.Block {
	isField := func(i int) bool {
		if i < 0 || i >= len(blocks) || blocks[i].Kind != schema.BlockPara {
			return false
		}
		t := strings.TrimSpace(blocks[i].Text)
		return len(t) < 240 && fieldLine.MatchString(t)
	}
	chrome := chromeBlocks(blocks)
	out := make([]schema.Block, 0, len(blocks))
	for i, b := range blocks {
		if b.Kind != schema.BlockTable {
			t := strings.TrimSpace(b.Text)
			if chrome[i] {
				continue
			}
			if b.Kind == schema.BlockPara && len(t) < 240 {
				if loc := viewCounter.FindStringIndex(t); loc != nil {
					b.Text = strings.TrimSpace(t[:loc[0]])
					t = b.Text
				}
				// The body after a salutation is a paragraph, not a field.
				body := i+1 < len(blocks) && blocks[i+1].Kind == schema.BlockPara && !isField(i+1)
				if emptyField.MatchString(t) && !strings.HasPrefix(t, "各") && (isField(i-1) || isField(i+1)) && !body {
					continue
				}
			}
			if !hasWordRune(t) {
				continue // icons and symbols: × + - ↺
			}
		}
		out = append(out, b)
	}
	return out
}

// hasWordRune reports whether s has a letter or digit (CJK included).
func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
