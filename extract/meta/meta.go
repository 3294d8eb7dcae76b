// Package meta extracts 公文 metadata: title, 发文字号, issuer, 成文日期 and
// jurisdiction.
//
// Sources, best first: the metadata box of a saved web page (发文字号: /
// 成文日期: label lines), the notice itself (the title line …关于印发…的通知,
// the 文号 line, the 署名 lines and the date under them), and as a last resort
// what the text says about places.
//
// Jurisdiction is the government level the 市/自治区/省/区/县 of department
// names refers to: a province (广西壮族自治区), a city (柳州市), a district
// with its city (广州市黄埔区), or 中华人民共和国 for central organs (国务院,
// 国家发展改革委, 海关总署).
package meta

import (
	"fmt"
	"policyx/extract/internal/mdline"
	"policyx/lexicon/cjk"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/lexicon/place"
	"policyx/schema"
)

// Canonicalizer expands a department mention to its canonical full name in a
// document of jurisdiction juris (lexicon/dept.Dict implements it).
type Canonicalizer interface {
	Canonical(mention, juris string) (name, nameJuris string)
}

// Extract reads the metadata of doc from its normalized text and blocks.
func Extract(doc *schema.Document) (schema.Meta, []schema.Diagnostic) {
	return ExtractWith(doc, nil)
}

// ExtractWith is Extract with a department dictionary to expand abbreviated
// issuers (自治区科技厅 → 广西壮族自治区科学技术厅); canon may be nil.
func ExtractWith(doc *schema.Document, canon Canonicalizer) (schema.Meta, []schema.Diagnostic) {
	p := mustPlaces()
	x := &extractor{p: p, text: doc.Text, canon: canon}
	x.lines = splitLines(doc.Text)
	return x.run()
}

type line struct {
	start int
	text  string // trimmed of spaces and Markdown markers
}

func splitLines(text string) []line {
	var out []line
	off := 0
	for _, s := range strings.SplitAfter(text, "\n") {
		if t := mdline.Clean(s); t != "" {
			out = append(out, line{start: off, text: t})
		}
		off += len(s)
	}
	return out
}

type extractor struct {
	p     *Places
	text  string
	lines []line
	canon Canonicalizer
	diags []schema.Diagnostic

	boxLines  map[int]bool // indexes of metadata-box lines
	inlineNum string       // 文号 of a title run together with its 主送
	box       struct{ title, docNum, date, issuer, publisher string }
}

func (x *extractor) run() (schema.Meta, []schema.Diagnostic) {
	var m schema.Meta
	x.readBox()

	titleAt, titleEnd, title, prefix := x.noticeTitle()
	switch {
	case title != "":
		m.Title = title
	case x.box.title != "":
		m.Title = x.box.title
		prefix = issuerPrefix(m.Title)
	default:
		var organ string
		m.Title, organ = x.ownTitle()
		if prefix == "" {
			prefix = organ
		}
	}

	x.inlineNum = strings.TrimSpace(x.inlineNum)
	m.DocNumber = x.box.docNum
	if m.DocNumber == "" {
		m.DocNumber = x.bodyDocNum(titleAt, titleEnd)
	}

	from := 0
	if titleAt >= 0 {
		from = titleAt
	}
	date, signers := x.signature(from)
	m.IssueDate = x.box.date
	if m.IssueDate == "" {
		m.IssueDate = date
	} else if date != "" && date != m.IssueDate {
		x.warn("成文日期 %s in the metadata box, %s under the signature; kept the box", m.IssueDate, date)
	}

	// issuer organs, best source first
	organs := signers
	if len(organs) == 0 && prefix != "" {
		organs = x.titleOrgans(prefix)
	}
	fromBox := len(organs) == 0
	if len(organs) == 0 && x.box.issuer != "" {
		organs = x.p.splitOrgans(x.box.issuer)
	}
	if len(organs) == 0 && x.box.publisher != "" {
		// the page's publisher, when it names organs (not 相关部门)
		if o := x.p.organLine(x.box.publisher); o != nil {
			organs = o
		}
	}
	if fromBox && len(organs) > 0 && x.reposted(organs[0], m.DocNumber) {
		x.info("the page's organ %s did not issue %s: a repost", organs[0], m.DocNumber)
		organs = nil
	}

	m.Jurisdiction = x.jurisdiction(organs, m.DocNumber, prefix)
	for i, o := range organs {
		organs[i] = x.p.expandOrgan(o, m.Jurisdiction, x.canon)
	}
	m.Issuer = strings.Join(dedupe(organs), "、")
	m.Title = x.fullTitle(m.Title, prefix, m.Jurisdiction)

	if m.Title == "" {
		x.info("no title found")
	}
	if m.IssueDate == "" {
		x.info("no 成文日期 found")
	}
	if m.Jurisdiction == "" {
		x.warn("jurisdiction unknown")
	}
	return m, x.diags
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (x *extractor) warn(format string, a ...any) {
	x.diags = append(x.diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "meta", Message: sprintf(format, a...)})
}

func (x *extractor) info(format string, a ...any) {
	x.diags = append(x.diags, schema.Diagnostic{Severity: schema.SevInfo, Stage: "meta", Message: sprintf(format, a...)})
}

// ---------------------------------------------------------------- metadata box

type boxField int

const (
	boxNone boxField = iota
	boxDocNum
	boxDate
	boxTitle
	boxIssuer
	boxPublisher // the organ that published the page (发布机构)
	boxOther
)

var boxLabels = map[string]boxField{
	"发文字号": boxDocNum, "文号": boxDocNum, "政策文号": boxDocNum, "文件编号": boxDocNum, "发文号": boxDocNum, "文件字号": boxDocNum,
	"成文日期": boxDate, "成文时间": boxDate,
	"标题": boxTitle, "政策名": boxTitle, "政策名称": boxTitle, "文件名称": boxTitle, "文件标题": boxTitle, "名称": boxTitle,
	"发文机关": boxIssuer, "发文单位": boxIssuer, "发布机关": boxIssuer, "制发机关": boxIssuer, "发文机构": boxIssuer,
	"索引号": boxOther, "主题分类": boxOther, "分类": boxOther, "发布日期": boxOther, "发布时间": boxOther, "日期": boxOther,
	"效力状态": boxOther, "文件状态": boxOther, "文件下载": boxOther, "相关解读": boxOther, "主题词": boxOther,
	"实施日期": boxOther, "失效日期": boxOther, "失效时间": boxOther, "统一编号": boxOther, "网址": boxOther, "链接": boxOther,
	"来源": boxOther, "信息来源": boxOther, "发布机构": boxPublisher, "公文种类": boxOther, "牵头单位": boxOther, "公开方式": boxOther,
	"详情页链接": boxOther, "具体链接": boxOther, "原文链接": boxOther, "检索时间": boxOther, "检索关键词": boxOther,
	"文档类型": boxOther, "产业类型": boxOther, "体裁分类": boxOther, "生成日期": boxOther, "有效性": boxOther, "组配分类": boxOther,
}

// boxLabel splits "发文字号：桂政发〔2018〕51号" into its field and value.
func boxLabel(s string) (boxField, string, bool) {
	i := strings.IndexAny(s, ":：")
	if i < 0 || i > 40 {
		return boxNone, "", false
	}
	label := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '*' || r == '\u3000' {
			return -1
		}
		return r
	}, s[:i])
	f, ok := boxLabels[label]
	if !ok {
		return boxNone, "", false
	}
	sep := ":"
	if strings.HasPrefix(s[i:], "：") {
		sep = "："
	}
	v := strings.TrimSpace(strings.Trim(strings.TrimSpace(s[i+len(sep):]), "*"))
	return f, v, true
}

// reBoxLabelAny finds box labels inside a line (索引号：… 成文日期：… on one
// line, or run together by a page's layout).
var reBoxLabelAny = regexp.MustCompile(boxLabelPattern)

// reBoxLabelHead is reBoxLabelAny anchored at the start: it tells in one
// step whether a line opens with a label.
var reBoxLabelHead = regexp.MustCompile(`^(?:` + boxLabelPattern + `)`)

var boxLabelPattern = func() string {
	keys := make([]string, 0, len(boxLabels))
	for k := range boxLabels {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
	})
	for i, k := range keys {
		// allow spaces inside a label (标 题, 文　　号)
		var b strings.Builder
		for j, r := range k {
			if j > 0 {
				b.WriteString(`[ \t]*`)
			}
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
		keys[i] = b.String()
	}
	return `(` + strings.Join(keys, "|") + `)[ \t]*\**[ \t]*[:：]`
}()

// boxFields splits a line into its label: value pairs; nil when the line does
// not start with a label.
func boxFields(s string) [][2]string {
	// Only marks and spaces may stand before the first label, and a label
	// starts with a letter: the first label, if any, starts where they end.
	// Checking there first keeps the many lines without a label (long
	// flattened web text among them) from a scan of the whole line.
	p := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("-*# ", r) && !unicode.IsSpace(r) })
	if p < 0 || !reBoxLabelHead.MatchString(s[p:]) || strings.TrimSpace(strings.Trim(s[:p], "-*# ")) != "" {
		return nil
	}
	locs := reBoxLabelAny.FindAllStringIndex(s[p:], -1)
	for _, l := range locs {
		l[0] += p
		l[1] += p
	}
	var out [][2]string
	for k, loc := range locs {
		end := len(s)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		out = append(out, [2]string{s[loc[0]:loc[1]], s[loc[1]:end]})
	}
	return out
}

// readBox reads label lines (发文字号: …) of a saved page's metadata box,
// with the value on the same line or the next.
func (x *extractor) readBox() {
	x.boxLines = map[int]bool{}
	limit := len(x.lines)
	if limit > 80 {
		limit = 80
	}
	for i := 0; i < limit; i++ {
		fields := boxFields(x.lines[i].text)
		if fields == nil {
			continue
		}
		x.boxLines[i] = true
		for k, fv := range fields {
			f, _, _ := boxLabel(fv[0])
			v := strings.TrimSpace(strings.Trim(strings.TrimSpace(fv[1]), "*"))
			if v == "" && k == len(fields)-1 && i+1 < len(x.lines) && x.valueLine(x.lines[i+1].text, f) {
				v = x.lines[i+1].text
				x.boxLines[i+1] = true
				i++
			}
			x.setBox(f, v)
		}
	}
}

// valueLine reports whether next can be the value of an empty label of kind f.
func (x *extractor) valueLine(next string, f boxField) bool {
	if boxFields(next) != nil || runeLen(next) > 120 {
		return false
	}
	if f == boxTitle {
		return true
	}
	// an empty 主题词: must not swallow the title that follows the box
	return runeLen(next) <= 60 && !strings.Contains(next, "关于") && !reTitleEnd.MatchString(next)
}

func (x *extractor) setBox(f boxField, v string) {
	if v == "" || v == "无" {
		return
	}
	switch f {
	case boxDocNum:
		if x.box.docNum == "" {
			x.box.docNum = NormalizeDocNumber(v)
		}
	case boxDate:
		if x.box.date == "" {
			x.box.date = ParseDate(v)
		}
	case boxTitle:
		if x.box.title == "" {
			x.box.title = CompactTitle(stripTitleDocNum(v))
		}
	case boxIssuer:
		if x.box.issuer == "" {
			x.box.issuer = strings.TrimSpace(v)
		}
	case boxPublisher:
		if x.box.publisher == "" {
			x.box.publisher = strings.TrimSpace(v)
		}
	}
}

// ---------------------------------------------------------------- title

// reTitleEnd matches the kind word a 公文 title ends with.
var reTitleEnd = regexp.MustCompile(`(通知|意见|决定|办法|方案|规定|细则|措施|通报|批复|报告|函|公告|通告|纪要|规划|计划|指引|指南|条例|决议|命令|准则|规则|要点|清单|目录|标准|制度)$`)

// reTrailDocNum is a (文号) after a title.
var reTrailDocNum = regexp.MustCompile(`\s*[(（]\s*` + reDocNum.String() + `\s*[)）]\s*$`)

func stripTitleDocNum(s string) string {
	return strings.TrimSpace(reTrailDocNum.ReplaceAllString(s, ""))
}

// reBodyHeading is a first-level body heading: 一、 第一章 第一条.
var reBodyHeading = regexp.MustCompile(`^(一、|第一章|第一条|第一部分)`)

// headEnd returns the index of the first line of the policy body proper.
func (x *extractor) headEnd() int {
	for i, l := range x.lines {
		if reBodyHeading.MatchString(l.text) {
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
	if strings.HasPrefix(t, "关于") && i > 0 && !x.boxLines[i-1] && x.p.organLine(x.lines[i-1].text) != nil {
		start = i - 1
	}
	joined := ""
	for j := start; j < len(x.lines) && j < i+5; j++ {
		lt := x.lines[j].text
		if j > i && (reDocNumAt.MatchString(lt) || isMainSend(lt) || ParseDate(lt) != "" || strings.ContainsAny(lt, "。；")) {
			break
		}
		joined += lt
		c := stripTitleDocNum(CompactTitle(joined))
		c = strings.TrimSpace(reDocNumAt.ReplaceAllString(c, ""))
		num := ""
		if !reTitleEnd.MatchString(c) {
			c, num = splitRunOnDocNum(c)
		}
		if reTitleEnd.MatchString(c) && (strings.Contains(c, "关于") || strings.Contains(c, "印发") || strings.Contains(c, "转发")) {
			return &titleCand{start, j + 1, c, num}
		}
	}
	return nil
}

// reEndDocNum is a 文号 at the end of a string.
var reEndDocNum = regexp.MustCompile(reDocNum.String() + `\s*$`)

// splitRunOnDocNum splits a title whose 文号 was run onto the end of its line
// (…行动计划的通知渝府办发〔2024〕12号, as a page printed to PDF gives it)
// at the last kind word before the 文号: the 文号's own prefix is 1–8 runes
// without 的. It returns s unchanged and "" when s does not end so.
func splitRunOnDocNum(s string) (string, string) {
	m := reEndDocNum.FindStringSubmatchIndex(s)
	if m == nil {
		return s, ""
	}
	brk := m[3] // end of the 文号 prefix group, where the bracket starts
	head := s[:brk]
	for _, loc := range reversed(reKindWord.FindAllStringIndex(head, -1)) {
		pre := head[loc[1]:]
		if n := utf8.RuneCountInString(pre); n < 1 || n > 8 || strings.Contains(pre, "的") {
			continue
		}
		return strings.TrimSpace(s[:loc[1]]), NormalizeDocNumber(s[loc[1]:])
	}
	return s, ""
}

func reversed(locs [][]int) [][]int {
	for i, j := 0, len(locs)-1; i < j; i, j = i+1, j-1 {
		locs[i], locs[j] = locs[j], locs[i]
	}
	return locs
}

// brokenWord reports whether a line ends inside 关于/印发/转发 and the next
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
		if ms := reMainSendAt.FindString(rest); ms != "" && !strings.ContainsAny(ms, "《》“”") && reAddressee.MatchString(ms) {
			return c, num
		}
	}
	return "", ""
}

// reLeadDocNum is a (文号) at the start of a string.
var reLeadDocNum = regexp.MustCompile(`^[(（]\s*` + reDocNum.String() + `\s*[)）]`)

// issuerPrefix returns the organs' part of a title: before 关于, or before
// 印发/转发 when the title starts with the organs.
func issuerPrefix(title string) string {
	i := strings.Index(title, "关于")
	for _, w := range []string{"印发", "转发"} {
		if j := strings.Index(title, w); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i <= 0 {
		return ""
	}
	return title[:i]
}

// titleOrgans reads the issuers from a title prefix (自治区科技厅等5部门 →
// 自治区科技厅).
func (x *extractor) titleOrgans(prefix string) []string {
	prefix = reManyOrgans.ReplaceAllString(prefix, "")
	orgs := x.p.splitOrgans(prefix)
	var out []string
	for _, o := range orgs {
		if isOrgan(o) {
			out = append(out, o)
		}
	}
	return out
}

// fullTitle spells out the abbreviated organs a title starts with
// (市工业和信息化局关于… → 深圳市工业和信息化局关于…): web pages and their
// metadata boxes drop the place, the title as issued names it.
func (x *extractor) fullTitle(title, prefix, juris string) string {
	if prefix == "" || !strings.HasPrefix(title, prefix) {
		return title
	}
	head := prefix
	for _, o := range x.titleOrgans(prefix) {
		full := x.p.placeOrgan(o, juris)
		if full == o || strings.Contains(head, full) {
			continue
		}
		if i := strings.Index(head, o); i >= 0 && organBoundary(head[:i]) {
			head = head[:i] + full + head[i+len(o):]
		}
	}
	return head + title[len(prefix):]
}

// organBoundary reports whether an organ can start after s: at the start, or
// after a separator or the end of another organ's name (not inside 广州市…).
func organBoundary(s string) bool {
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("、，, \u3000局厅委办府会部院室处署行", r)
}

// ownTitle is the policy's own title when the file has no notice wrapper:
// the first short heading-like line.
// A line of issuers followed by a title line joins it (洪泽区人民政府 /
// 2023年政府信息公开工作年度报告); the issuers are returned too.
func (x *extractor) ownTitle() (string, string) {
	he := x.headEnd()
	for i := 0; i < he && i < len(x.lines); i++ {
		if x.boxLines[i] {
			continue
		}
		t := x.lines[i].text
		if !titleLike(t) {
			continue
		}
		organ := ""
		if x.p.organLine(t) != nil && i+1 < len(x.lines) && titleLike(x.lines[i+1].text) && x.p.organLine(x.lines[i+1].text) == nil {
			organ = t
			t += x.lines[i+1].text
			i++
		}
		if i+1 < len(x.lines) && reYearRange.MatchString(x.lines[i+1].text) {
			t += x.lines[i+1].text
		}
		return CompactTitle(stripTitleDocNum(t)), organ
	}
	return "", ""
}

var reYearRange = regexp.MustCompile(`^[(（]\s*\d{4}\s*[-—–－~至]+\s*\d{4}\s*年?\s*[)）]$`)
var reAttachLabel = regexp.MustCompile(`^附\s*(件|表)\s*\d*\s*[:：]?$`)

func titleLike(t string) bool {
	n := runeLen(t)
	if n < 4 || n > 80 || !cjk.HasHan(t) {
		return false
	}
	if strings.ContainsAny(t, "。，,；;：:！？") || strings.Contains(t, "\t") {
		return false
	}
	if reDocNumAt.MatchString(t) || len(findDates(t)) > 0 || reAttachLabel.MatchString(t) {
		return false
	}
	if strings.HasSuffix(t, "文件") || strings.HasPrefix(t, "http") {
		return false
	}
	return true
}

// ---------------------------------------------------------------- 文号

// bodyDocNum finds the 发文字号 in the notice: a line that starts with it, or
// a (文号) after the title.
func (x *extractor) bodyDocNum(titleAt, titleEnd int) string {
	if x.inlineNum != "" {
		return x.inlineNum
	}
	if titleAt >= 0 {
		joined := ""
		for j := titleAt; j < titleEnd; j++ {
			joined += x.lines[j].text
		}
		if m := reTrailDocNum.FindStringSubmatch(joined); m != nil {
			return formatDocNum(m)
		}
	}
	at := func(i int) string {
		if i < 0 || i >= len(x.lines) || x.boxLines[i] {
			return ""
		}
		if m := reDocNumAt.FindStringSubmatch(x.lines[i].text); m != nil {
			return formatDocNum(m)
		}
		if m := reLeadDocNum.FindStringSubmatch(x.lines[i].text); m != nil {
			return formatDocNum(m) // (桂政办发〔2024〕47号)各市…：
		}
		return ""
	}
	// next to the title first, then in the head, then a line of its own
	if titleAt >= 0 {
		for i := titleAt - 4; i < titleEnd+3; i++ {
			if n := at(i); n != "" {
				return n
			}
		}
	}
	he := x.headEnd()
	for i := 0; i < he; i++ {
		if n := at(i); n != "" {
			return n
		}
	}
	for i, l := range x.lines {
		if n := at(i); n != "" && strings.TrimSpace(reDocNumAt.ReplaceAllString(l.text, "")) == "" {
			return n
		}
	}
	return ""
}

// ---------------------------------------------------------------- signature

// reNotSigDate follows a date that is not a signature date.
var reNotSigDate = regexp.MustCompile(`^\s*(印发|起|前|以前|之前|至|到|以来|开始|发布|施行|实施|止|后|以后|之后|期间|，|,|、|的|为|在|（星期|\(星期|零时|0时|24时)`)

// reDateLabel precedes a date that is page metadata, not a signature.
var reDateLabel = regexp.MustCompile(`(日期|时间|印发|发布|更新|来源|实施|失效)\s*[:：]?\s*$`)

// signature finds the 成文日期 under the issuers' names and the names above
// it, from line from on.
func (x *extractor) signature(from int) (string, []string) {
	type cand struct {
		date   string
		organs []string
		strong bool
	}
	var medium *cand
	for i := from; i < len(x.lines); i++ {
		if x.boxLines[i] {
			continue
		}
		t := x.lines[i].text
		if reISOLine.MatchString(t) {
			// 2024-12-30 on its own line: a signature date only right
			// under the issuers' names (page dates stand everywhere)
			if organs := x.organsAbove(i); len(organs) > 0 {
				if d := ParseDate(t); d != "" {
					return d, organs
				}
			}
			continue
		}
		for _, d := range findDates(t) {
			pre := t[:d.start]
			post := t[d.end:]
			if reNotSigDate.MatchString(post) || reDateLabel.MatchString(pre) {
				continue
			}
			if k := strings.LastIndexAny(pre, "。：:；！？"); k >= 0 {
				pre = pre[k:]
				_, sz := firstRune(pre)
				pre = pre[sz:]
			}
			pre = strings.TrimSpace(pre)
			postT := strings.TrimSpace(post)
			standalone := postT == "" || strings.HasPrefix(post, " ") || strings.HasPrefix(postT, "(此件") || strings.HasPrefix(postT, "（此件")
			var organs []string
			if pre != "" {
				organs = x.p.organLine(pre)
				if organs == nil {
					continue
				}
			} else {
				organs = x.organsAbove(i)
			}
			if len(organs) > 0 {
				return d.iso, organs
			}
			if standalone && medium == nil && (pre == "" || strings.HasSuffix(strings.TrimSpace(t[:d.start]), "。")) {
				medium = &cand{date: d.iso}
			}
		}
	}
	if medium != nil {
		return medium.date, nil
	}
	return "", nil
}

// reISOLine is a line that is only a date in digits (2024-12-30).
var reISOLine = regexp.MustCompile(`^(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}$`)

// organsAbove returns the issuers' names on the lines right above line i.
func (x *extractor) organsAbove(i int) []string {
	var organs []string
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		o := x.p.organLine(x.lines[j].text)
		if o == nil || x.boxLines[j] {
			break
		}
		organs = append(o, organs...)
	}
	return organs
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// ---------------------------------------------------------------- jurisdiction

// reposted reports whether a page's own organ (its metadata box's 发布机构)
// is another body than the one whose 文号 the notice carries: a district
// site reposting a provincial notice (攀枝花市仁和区人民政府办公室 over
// 川办发〔2023〕9号). Both must name a known place, and differ.
func (x *extractor) reposted(organ, docNum string) bool {
	if docNum == "" {
		return false
	}
	dj := x.p.FromDocNumber(docNum)
	oj := x.p.FromOrgan(organ)
	return dj != "" && oj != "" && dj != oj
}

// jurisdiction is the shared resolver (place.Gazetteer.Jurisdiction) over
// what the notice says: its issuers, 文号, title prefix and metadata box.
func (x *extractor) jurisdiction(organs []string, docNum, prefix string) string {
	return x.p.g.Jurisdiction(place.Evidence{Issuers: organs, DocNumber: docNum,
		TitlePrefix: prefix, BoxIssuer: x.box.issuer, Text: x.text})
}

var sprintf = fmt.Sprintf
