package parts

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/outline"
	"policyx/schema"
)

// A notice head: the title (…关于印发…的通知) with its 文号 on the same or
// its own line, then the 主送 (各…：).

var (
	reDocNum    = regexp.MustCompile(`^[\p{Han}A-Za-z]{1,14}?\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号\s*`)
	reTrailNum  = regexp.MustCompile(`\s*[(（]\s*[\p{Han}A-Za-z]{1,14}?\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,5}\s*号\s*[)）]\s*$`)
	reKindEnd   = regexp.MustCompile(`(通知|意见|决定|办法|方案|规定|细则|措施|通报|批复|函|公告|通告|规划|计划|指引|指南|条例)$`)
	reMainSend  = regexp.MustCompile(`^([^。：:；;！？]{2,240})[：:]`)
	reAddressee = regexp.MustCompile(`各|有关|单位|政府|部门|机构|机关|局|委|厅|办|公司|学校|院|所|中心|组织|团体`)
)

// boxLabels are metadata-box labels that look like a 主送 line.
var boxLabels = []string{"发文机关", "发布机构", "发文单位", "发布机关", "牵头单位", "制发机关", "发文机构", "来源", "信息来源", "主送", "抄送", "主题分类", "分类"}

func clean(s string) string { return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "#*> ")) }

// headAt reports how many blocks the notice head at i spans (title and 文号
// lines, not the 主送), or 0 when no head starts at i.
func headAt(bl []schema.Block, i int) int {
	if bl[i].Kind == schema.BlockTable {
		return 0
	}
	t := clean(bl[i].Text)
	// a bare 文号 line followed by the 主送
	if loc := reDocNum.FindStringIndex(t); loc != nil && loc[1] == len(t) {
		if mainSendAt(bl, i+1) {
			return 1
		}
		return 0
	}
	if !notTitleStart(t) && inlineHead(reDocNum.ReplaceAllString(t, "")) {
		return 1
	}
	if !titleStart(t) {
		return 0
	}
	if !strings.Contains(t, "关于") && !strings.Contains(t, "印发") && !strings.Contains(t, "转发") && !organLine(t) {
		return 0
	}
	joined := ""
	for j := i; j < len(bl) && j < i+3; j++ {
		if bl[j].Kind == schema.BlockTable {
			return 0
		}
		lt := clean(bl[j].Text)
		if j > i && (reDocNum.MatchString(lt) || strings.ContainsAny(lt, "。；：:")) {
			return 0
		}
		joined += lt
		if utf8.RuneCountInString(joined) > 160 {
			return 0
		}
		if isTitle(joined) {
			// 文号 on its own line after the title, or a page's date and
			// source lines, then the 主送
			k := j + 1
			for k < len(bl) && k <= j+4 && metaLine(bl[k]) {
				k++
			}
			if mainSendAt(bl, k) {
				return k - i
			}
			return 0
		}
	}
	return 0
}

// reMetaLine is a page's line about a document: 发布时间：… 来源：…
var reMetaLine = regexp.MustCompile(`^(发布|来源|时间|日期|浏览|点击|阅读|字号|作者|编辑|信息来源|文章来源|发文|成文|索引|【字体|字体|分享|打印)`)

// metaLine reports whether block b may stand between a title and its 主送:
// a bare 文号, a date fragment, or a page's date/source line.
func metaLine(b schema.Block) bool {
	if b.Kind == schema.BlockTable {
		return false
	}
	t := clean(b.Text)
	if loc := reDocNum.FindStringIndex(t); loc != nil && loc[1] == len(t) {
		return true
	}
	if reISODate.MatchString(t) || reDigits.MatchString(t) {
		return true
	}
	return utf8.RuneCountInString(t) <= 80 && !strings.ContainsAny(t, "。；") && reMetaLine.MatchString(t)
}

// notTitleStart reports whether t opens like no title: with an outline or
// attachment label (一、 （一） 1． 附件2 …).
func notTitleStart(t string) bool {
	_, n := outline.Read(t)
	return n > 0
}

// titleStart reports whether t can begin a notice title.
func titleStart(t string) bool {
	if t == "" || strings.ContainsAny(t, "。；") || utf8.RuneCountInString(t) > 160 {
		return false
	}
	return !notTitleStart(t)
}

// isTitle reports whether t (lines joined) is a whole notice title.
func isTitle(t string) bool {
	t = reDocNum.ReplaceAllString(t, "")
	t = reTrailNum.ReplaceAllString(t, "")
	t = strings.TrimSpace(t)
	if !reKindEnd.MatchString(t) {
		return false
	}
	return strings.Contains(t, "关于") || strings.Contains(t, "印发") || strings.Contains(t, "转发")
}

// mainSendAt reports whether block k opens with a 主送 (各…单位：), after an
// optional 文号.
func mainSendAt(bl []schema.Block, k int) bool {
	if k >= len(bl) || bl[k].Kind == schema.BlockTable {
		return false
	}
	return mainSend(clean(bl[k].Text))
}

// mainSend reports whether t opens with a 主送, after an optional 文号.
func mainSend(t string) bool {
	t = strings.TrimSpace(reDocNum.ReplaceAllString(strings.TrimSpace(t), ""))
	m := reMainSend.FindStringSubmatch(t)
	if m == nil || strings.ContainsAny(m[1], "《》“”") {
		return false
	}
	head := strings.Join(strings.Fields(m[1]), "")
	for _, l := range boxLabels {
		if head == l {
			return false
		}
	}
	if utf8.RuneCountInString(head) < 2 || strings.HasPrefix(head, "附件") {
		return false
	}
	return reAddressee.MatchString(head)
}

var kindWords = []string{"通知", "意见", "决定", "办法", "方案", "规定", "细则", "措施", "通报", "批复", "函", "公告", "通告", "规划", "计划", "指引", "指南", "条例"}

// reKindWord finds the kind words a title may end with inside a block.
var reKindWord = regexp.MustCompile(`(通知|意见|决定|办法|方案|规定|细则|措施|通报|批复|函|公告|通告|规划|计划|指引|指南|条例)`)

// inlineHead reports whether block text t holds a whole notice head run
// together with its 主送: title [(文号)] [文号] 各…：.
func inlineHead(t string) bool {
	return inlineTitle(t) != ""
}

// inlineTitle is the title of an inline head (see inlineHead), or "".
func inlineTitle(t string) string {
	limit := len(t)
	if limit > 600 {
		limit = 600
	}
	// cheap tests first: a title word and a kind word near the start
	head := t[:limit]
	if !strings.Contains(head, "关于") && !strings.Contains(head, "印发") && !strings.Contains(head, "转发") {
		return ""
	}
	kind := false
	for _, w := range kindWords {
		if strings.Contains(head, w) {
			kind = true
			break
		}
	}
	near := t
	if len(near) > 1400 {
		near = near[:1400]
	}
	if !kind || !strings.ContainsAny(near, "：:") {
		return ""
	}
	for _, loc := range reKindWord.FindAllStringIndex(t[:limit], -1) {
		title := t[:loc[1]]
		if strings.ContainsAny(title, "。；：:") || utf8.RuneCountInString(title) > 120 {
			return ""
		}
		if !isTitle(title) || strings.Count(title, "《") != strings.Count(title, "》") {
			continue
		}
		rest := strings.TrimSpace(t[loc[1]:])
		if m := reLeadNum.FindStringIndex(rest); m != nil {
			rest = strings.TrimSpace(rest[m[1]:])
		}
		if mainSend(rest) {
			return title
		}
	}
	return ""
}

// reLeadNum is a (文号) right after a title.
var reLeadNum = regexp.MustCompile(`^[(（]\s*[\p{Han}A-Za-z]{1,14}?\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,5}\s*号\s*[)）]`)
