package meta

import (
	"policyx/extract/parts"
	"policyx/lexicon/cjk"
	"policyx/lexicon/outline"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The title: a notice title (…关于印发…的通知) over one or more lines, run
// together with its 文号 and 主送, or the policy's own heading line.

// reTitleEnd matches the kind word a 公文 title ends with.
var reTitleEnd = regexp.MustCompile(`(通知|意见|决定|办法|方案|规定|细则|措施|通报|批复|报告|函|公告|通告|纪要|规划|计划|指引|指南|条例|决议|命令|准则|规则|要点|清单|目录|标准|制度)$`)

// bodyStart reports whether t opens with the first top-level heading of
// the policy body: 一、 第一章 第一部分 第一条 (not 第一节, under a 章).
func bodyStart(t string) bool {
	l, n := outline.Read(t)
	if l.Unit == "篇" && (strings.HasPrefix(t[n:], ":") || strings.HasPrefix(t[n:], "：")) {
		return false // 第一篇:湖南省人民政府办公厅文件, a collection site's item
	}
	return l.Value == 1 && (l.Style == outline.CNComma || l.Style == outline.Article || l.Style == outline.Chapter && l.Unit != "节")
}

// headEnd returns the index of the first line of the policy body proper.
func (x *extractor) headEnd() int {
	for i, l := range x.lines {
		if bodyStart(l.text) {
			return i
		}
	}
	if len(x.lines) < 80 {
		return len(x.lines)
	}
	return 80
}

func isMainSend(s string) bool {
	s = strings.TrimSpace(s)
	return (strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":")) && !strings.ContainsAny(s, "。")
}

// noticeTitle finds the notice's title line(s): …关于…的通知, possibly
// broken over several lines and preceded by the issuers' line. It returns the
// first and one-past-last line index, the joined title and the issuer prefix
// before 关于 (or 印发).
// titleCand is a notice title found at lines [at, end).
type titleCand struct {
	at, end   int
	title     string
	inlineNum string // 文号 of a title run together with its 主送, " " when none
}

func (x *extractor) noticeTitle() (at, end int, title, prefix string) {
	var first *titleCand
	he := x.headEnd()
	for i := 0; i < he; i++ {
		c := x.titleAt(i)
		if c == nil {
			continue
		}
		if first == nil {
			first = c
		} else if len(c.title) > len(first.title) && strings.HasSuffix(c.title, first.title) && issuerPrefix(c.title) != "" {
			// a crawl header's title without its issuers, then the notice's
			// own line with them (中共中央国务院关于…的意见)
			first = c
		}
		// a title followed by its 文号 or 主送 beats one that is not (a
		// link to another notice at the top of a page)
		if c.inlineNum != "" || x.anchored(c.end) {
			first = c
			break
		}
		i = c.end - 1
	}
	if first == nil {
		return -1, -1, "", ""
	}
	x.inlineNum = first.inlineNum
	return first.at, first.end, first.title, issuerPrefix(first.title)
}

// titleAt reads a notice title starting at (or one organ line before) line i.
func (x *extractor) titleAt(i int) *titleCand {
	if x.boxLines[i] {
		return nil
	}
	t := x.lines[i].text
	if !hasTitleWord(t) {
		// a title broken inside 关于 (…人民政府关 / 于印发…)
		if i+1 >= len(x.lines) || x.boxLines[i+1] || !brokenWord(t, x.lines[i+1].text) || strings.ContainsAny(t, "。；：:") {
			return nil
		}
	}
	if strings.ContainsAny(t, "。；") || runeLen(t) > 160 {
		if c, num := inlineTitle(t); c != "" {
			if num == "" {
				num = " " // anchored by its 主送 all the same
			}
			return &titleCand{i, i + 1, c, num}
		}
		return nil
	}
	start := i
	// the issuers' lines above 关于: one, or one a line in a joint notice
	// (中共河北雄安新区工作委员会 / 河北雄安新区管理委员会 / 关于印发…)
	for strings.HasPrefix(t, "关于") && start > 0 && start > i-6 && !x.boxLines[start-1] && x.p.organLine(x.lines[start-1].text) != nil {
		start--
	}
	joined := ""
	for j := start; j < len(x.lines) && j < i+5; j++ {
		lt := x.lines[j].text
		if j > i && (reDocNumAt.MatchString(lt) || isMainSend(lt) || ParseDate(lt) != "" || strings.ContainsAny(lt, "。；")) {
			break
		}
		joined += lt
		c := stripTitleDocNum(CompactTitle(joined))
		c = x.dropLeadQuote(unwrapBook(strings.TrimSpace(reDocNumAt.ReplaceAllString(c, ""))))
		num := ""
		if !reTitleEnd.MatchString(c) {
			c, num = splitRunOnDocNum(c)
		}
		if reTitleEnd.MatchString(c) && (strings.Contains(c, "关于") || strings.Contains(c, "印发") || strings.Contains(c, "转发")) && !x.titleGoesOn(joined, j+1, i+5) {
			return &titleCand{start, j + 1, c, num}
		}
	}
	return nil
}

// titleGoesOn reports whether the title joined so far, though it ends with
// a kind word (…执法全过程记录制度), goes on over line k (/ 重大执法决定法制审核
// 制度的指导意见): the next line is no 文号, 主送, date or sentence, and the
// title with it ends with a kind word too.
func (x *extractor) titleGoesOn(joined string, k, limit int) bool {
	if k >= len(x.lines) || k >= limit || x.boxLines[k] {
		return false
	}
	lt := x.lines[k].text
	if reDocNumAt.MatchString(lt) || isMainSend(lt) || ParseDate(lt) != "" || strings.ContainsAny(lt, "。；") {
		return false
	}
	if hasTitleWord(lt) && reTitleEnd.MatchString(CompactTitle(lt)) {
		return false // a title of its own (the notice's line after a box's)
	}
	return reTitleEnd.MatchString(CompactTitle(joined + lt))
}

// unwrapBook drops the book marks a reposting site prints around a whole
// title (《…关于印发…的通知》); a title that only quotes a name
// (关于印发《…》的通知) keeps its marks.
func unwrapBook(c string) string {
	if strings.HasPrefix(c, "《") && strings.HasSuffix(c, "》") && strings.Count(c, "《") == 1 && strings.Count(c, "》") == 1 {
		// the name the title quotes went one level down with the wrap
		// (《…关于印发〈北京市2016年政务公开工作要点〉的通知》): it is 《》 again
		return innerBook.Replace(c[len("《") : len(c)-len("》")])
	}
	return c
}

// innerBook turns the single title marks back into the double ones.
var innerBook = strings.NewReplacer("〈", "《", "〉", "》")

// dropLeadQuote drops a quoted or bracketed label a page prints before a
// title (“党政混合信息公开” 中共静安区委办公室…印发…的通知, （转载）广州市人民政府
// 办公厅关于…) when an organ that names its place follows it, or a column
// tag in 【】 when 关于 follows (【七优享】关于印发…).
func (x *extractor) dropLeadQuote(c string) string {
	rest, tag := "", false
	for _, p := range [][2]string{{"“", "”"}, {"（", "）"}, {"(", ")"}, {"【", "】"}, {"[", "]"}} {
		if k := strings.Index(c, p[1]); strings.HasPrefix(c, p[0]) && k > 0 {
			rest, tag = c[k+len(p[1]):], p[0] == "【"
			break
		}
	}
	if rest == "" {
		return c
	}
	// 【七优享】关于印发…的通知: a column tag in lenticular brackets, which
	// no issued title has, also before a title without its organ
	if tag && strings.HasPrefix(rest, "关于") {
		return rest
	}
	// the organ must name its place: “双减”工作领导小组办公室关于… keeps its
	// quoted name
	if p := issuerPrefix(rest); p != "" && x.p.organLine(p) != nil && x.p.FromOrgan(strings.TrimSpace(p)) != "" {
		return rest
	}
	return c
}

// line goes on with it.
func brokenWord(t, next string) bool {
	return strings.HasSuffix(t, "关") && strings.HasPrefix(next, "于") ||
		(strings.HasSuffix(t, "印") || strings.HasSuffix(t, "转")) && strings.HasPrefix(next, "发")
}

func hasTitleWord(t string) bool {
	return strings.Contains(t, "关于") || strings.Contains(t, "印发") || strings.Contains(t, "转发")
}

// anchored reports whether a 文号 line or a 主送 follows line end (past page
// metadata lines), or the title itself carried its (文号).
func (x *extractor) anchored(end int) bool {
	if end > 0 && reTrailDocNum.MatchString(x.lines[end-1].text) {
		return true
	}
	for k := end; k < len(x.lines) && k < end+4; k++ {
		t := x.lines[k].text
		if x.boxLines[k] && !reDocNumAt.MatchString(t) {
			continue // 发布机构：… is a box label, not a 主送
		}
		if reDocNumAt.MatchString(t) || reLeadDocNum.MatchString(t) {
			return true
		}
		if ms := reMainSendAt.FindString(t); ms != "" && !strings.ContainsAny(ms, "《》“”") && reAddressee.MatchString(ms) {
			return true
		}
		if !x.boxLines[k] && !reMetaLine.MatchString(t) {
			return false
		}
	}
	return false
}

// reAddressee finds the words of a 主送 line (各…单位, 市直各部门).
var reAddressee = regexp.MustCompile(`各|有关|单位|政府|部门|机构|机关|局|委|厅|办|公司|学校|院|所|中心|组织|团体`)

// reMetaLine is a page's line about a document (发布时间：… 来源：…).
var reMetaLine = regexp.MustCompile(`^(发布|来源|时间|日期|浏览|点击|阅读|字号|作者|编辑|信息来源|文章来源|【字体|字体|分享|打印)`)

// reKindWord finds the kind words a title may end with inside a line.
var reKindWord = regexp.MustCompile(`(通知|意见|决定|办法|方案|规定|细则|措施|通报|批复|函|公告|通告|规划|计划|指引|指南|条例)`)

// reMainSendAt is a 主送 at the start of a string.
var reMainSendAt = regexp.MustCompile(`^[^。：:；;！？]{2,240}[：:]`)

// inlineTitle reads a notice title run together with its (文号) and 主送 on
// one line (…的通知(桂政办发〔2024〕47号)各市、县人民政府：…); it returns the
// title and the 文号, or "".
func inlineTitle(t string) (string, string) {
	lead := ""
	if m := reDocNumAt.FindStringSubmatch(t); m != nil {
		lead = formatDocNum(m)
		t = strings.TrimSpace(t[len(m[0]):])
	}
	limit := len(t)
	if limit > 600 {
		limit = 600
	}
	for _, loc := range reKindWord.FindAllStringIndex(t[:limit], -1) {
		title := t[:loc[1]]
		if strings.ContainsAny(title, "。；") {
			return "", ""
		}
		c := CompactTitle(title)
		if strings.Count(c, "《") != strings.Count(c, "》") || strings.Count(c, "(")+strings.Count(c, "（") != strings.Count(c, ")")+strings.Count(c, "）") {
			continue
		}
		if !reTitleEnd.MatchString(c) || !(strings.Contains(c, "关于") || strings.Contains(c, "印发") || strings.Contains(c, "转发")) {
			continue
		}
		rest := strings.TrimSpace(t[loc[1]:])
		num := lead
		if m := reLeadDocNum.FindStringSubmatch(rest); m != nil {
			num = formatDocNum(m)
			rest = strings.TrimSpace(rest[len(m[0]):])
		}
		if m := reDocNumAt.FindStringSubmatch(rest); m != nil {
			num = formatDocNum(m)
			rest = strings.TrimSpace(rest[len(m[0]):])
		}
		// a 主送 opens its own clause: after a comma the sentence goes on
		// (…等有关规定，现就…通告如下：)
		if strings.HasPrefix(rest, "，") || strings.HasPrefix(rest, ",") {
			continue
		}
		if ms := reMainSendAt.FindString(rest); ms != "" && !strings.ContainsAny(ms, "《》“”") && reAddressee.MatchString(ms) {
			return c, num
		}
	}
	return "", ""
}

// 2023年政府信息公开工作年度报告); the issuers are returned too.
func (x *extractor) ownTitle() (string, string) {
	he := x.headEnd()
	for i := 0; i < he && i < len(x.lines); i++ {
		if x.boxLines[i] {
			continue
		}
		t := x.lines[i].text
		if !titleLike(t) || parts.Chrome(t) {
			continue // 返回顶部 is a page's link
		}
		organ := ""
		if x.p.organLine(t) != nil && i+1 < len(x.lines) && ParseDate(x.lines[i+1].text) != "" {
			// the 署名 over its date (a notice whose title line is
			// missing): the policy's own heading comes after it
			continue
		}
		if x.p.organLine(t) != nil && i+1 < len(x.lines) && titleLike(x.lines[i+1].text) && x.p.organLine(x.lines[i+1].text) == nil {
			organ = t
			t += x.lines[i+1].text
			i++
		}
		if i+1 < len(x.lines) && reYearRange.MatchString(x.lines[i+1].text) {
			t += x.lines[i+1].text
		}
		if m := reTrailDocNum.FindStringSubmatch(t); m != nil {
			x.ownNum = formatDocNum(m)
		}
		return CompactTitle(stripTitleDocNum(t)), organ
	}
	return "", ""
}

var reYearRange = regexp.MustCompile(`^[(（]\s*\d{4}\s*[-—–－~至]+\s*\d{4}\s*年?\s*[)）]$`)

// attachLine reports whether t is an attachment label alone (附件2：, 附表).
func attachLine(t string) bool {
	l, n := outline.Read(t)
	if l.Style != outline.Attachment {
		return false
	}
	rest := strings.TrimLeft(t[n:], " \t\n\f\r")
	if r, ok := strings.CutPrefix(rest, ":"); ok {
		rest = r
	} else {
		rest = strings.TrimPrefix(rest, "：")
	}
	return rest == ""
}

func titleLike(t string) bool {
	n := runeLen(t)
	if n < 4 || n > 80 || !cjk.HasHan(t) {
		return false
	}
	if strings.ContainsAny(t, "。，,；;：:！？") || strings.Contains(t, "\t") {
		return false
	}
	if reDocNumAt.MatchString(t) || len(findDates(t)) > 0 || attachLine(t) {
		return false
	}
	if strings.HasSuffix(t, "文件") || strings.HasPrefix(t, "http") {
		return false
	}
	return !bracketed(t)
}

// bracketed reports whether t is wholly in brackets: the 附注 under a
// signature ((此件公开发布), （此件主动公开）) or a draft mark (（征求意见稿）),
// never a title.
func bracketed(t string) bool {
	t = strings.TrimSpace(t)
	for _, p := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if strings.HasPrefix(t, p[0]) && strings.HasSuffix(t, p[1]) && strings.Count(t, p[0]) == 1 {
			return true
		}
	}
	return false
}

// CompactTitle removes white space inside a title except between two ASCII
// letters or digits (5G 网络 → 5G网络, but "Type A" stays), and markup.
func CompactTitle(s string) string {
	s = strings.Trim(s, " \t#*")
	s = strings.ReplaceAll(s, "**", "")
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsSpace(r) {
			if i > 0 && i+1 < len(rs) && isASCIIAlnum(rs[i-1]) && isASCIIAlnum(rs[i+1]) {
				if !unicode.IsSpace(rs[i-1]) {
					b.WriteByte(' ')
				}
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
