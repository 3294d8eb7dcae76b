// Package sections builds the section outline (一、 （一） 1． (1) ① 附件N).
//
// A heading is a block that opens with a label: 第X章 / 第X节 / 第X条 (管理办法
// style), 一、, （一）, 1． (also 1. 1、), （1）, ①, or 附件N / 附表 (an
// attachment, always top level), or a Markdown/HTML heading block. Labels are
// ranked in that order within their family (章/节/条, and 一、（一）1.（1）①
// with heading blocks); nesting follows the labels the document actually
// uses: a label style already open closes everything below it, a new style
// closes the open ones of its family that rank lower, and nests under the
// rest (so 第一条 nests under 一、 when a document groups articles in parts).
// Level is the resulting depth (1 = top), so a document that goes 一、 → 1.
// gives 1. level 2.
//
// Guards: lines of tables (tab-separated, or numbered lines after a 序号
// header or a …表 caption inside an attachment) are not headings; nor are
// numbers followed by a digit (1.5亿元) or dates. Very long blocks (text that
// a web page flattened onto one line) are also searched for labels that follow
// white space.
package sections

import (
	_ "embed"
	"policyx/extract/internal/mdline"
	ol "policyx/normalize/outline"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/schema"
)

// label styles, by rank (lower ranks enclose higher ones)
const (
	styleAttach = iota
	styleChapter
	styleSection
	styleArticle
	styleCN      // 一、
	styleParenCN // （一）
	styleNum     // 1．
	styleParenN  // （1）
	styleCircle  // ①
	styleHeading // unlabeled heading block, rank by its level
)

var (
	cnNum        = `[一二三四五六七八九十百零〇两]+`
	reChapter    = regexp.MustCompile(`^第\s*(` + cnNum + `|\d+)\s*(章|部分|编)`)
	reSection    = regexp.MustCompile(`^第\s*(` + cnNum + `|\d+)\s*节`)
	reArticle    = regexp.MustCompile(`^第\s*(` + cnNum + `|\d+)\s*条`)
	reCN         = regexp.MustCompile(`^(` + cnNum + `)\s*[、．.]`)
	reParenCN    = regexp.MustCompile(`^[（(]\s*(` + cnNum + `)\s*[）)]`)
	reNum        = regexp.MustCompile(`^(\d{1,3})\s*[．.、]`)
	reParenN     = regexp.MustCompile(`^[（(]\s*(\d{1,3})\s*[）)]`)
	reCircle     = regexp.MustCompile(`^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]`)
	reAttach     = regexp.MustCompile(`^附\s*(件|表)\s*(\d{0,3})\s*[:：]?`)
	reCaption    = regexp.MustCompile(`(表|清单|名单|目录|一览)\s*([（(][^）)]*[）)])?$`)
	reFileExt    = regexp.MustCompile(`(?i)\.(docx?|pdf|xlsx?|wps|ofd|zip|rar)\b`)
	reSentEnd    = regexp.MustCompile(`[。；;！？!?]`)
	reTitleEnd   = regexp.MustCompile(`[。；;！？!?：:]`)
	reFlatSplits = regexp.MustCompile(`\s+(第\s*` + cnNum + `\s*[章节条]|` + cnNum + `、|[（(]` + cnNum + `[）)]|\d{1,3}[．.、]|[（(]\d{1,3}[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|附件\s*\d*\s*[:：])`)
)

// reYearRange is a caption's second line (2021-2023年).
var reYearRange = regexp.MustCompile(`^[（(]\s*\d{4}\s*年?\s*[-—–－~至]+\s*\d{4}\s*年?\s*[)）]$`)

// reMetaField is a line of a page's metadata list (- **发布机构**：…).
var reMetaField = regexp.MustCompile(`^\p{Han}{2,8}\s*[：:]`)

// reDocFile is a file name in a crawler's heading (文档：…计划.md).
var reDocFile = regexp.MustCompile(`(?i)\.(md|txt|html?|docx?|pdf)\b`)

var reMDHeading = regexp.MustCompile(`^#{1,6}\s`)

// longBlock is the length (runes) from which a block is searched for labels
// inside it.
const longBlock = 300

// seg is a heading candidate: a block or a piece of a long block.
type seg struct {
	start, end int
	text       string
	kind       schema.BlockKind
	level      int
	tabs       bool
	flat       bool // a piece of a long flattened block
}

func segments(doc *schema.Document) []seg {
	var out []seg
	for _, b := range doc.Blocks {
		if b.Kind == schema.BlockTable {
			out = append(out, seg{start: b.Span.Start, end: b.Span.End, text: b.Text, kind: b.Kind, tabs: true})
			continue
		}
		if b.Kind != schema.BlockHeading && utf8.RuneCountInString(b.Text) >= longBlock && strings.Contains(b.Text, " ") {
			cuts := []int{0}
			for _, m := range reFlatSplits.FindAllStringSubmatchIndex(b.Text, -1) {
				cuts = append(cuts, m[2])
			}
			cuts = append(cuts, len(b.Text))
			for i := 0; i+1 < len(cuts); i++ {
				if cuts[i] == cuts[i+1] {
					continue
				}
				t := b.Text[cuts[i]:cuts[i+1]]
				out = append(out, seg{start: b.Span.Start + cuts[i], end: b.Span.Start + cuts[i] + len(strings.TrimRight(t, " ")), text: strings.TrimSpace(t), kind: b.Kind, flat: true})
			}
			continue
		}
		sg := seg{start: b.Span.Start, end: b.Span.End, text: b.Text, kind: b.Kind, level: b.Level, tabs: strings.Contains(b.Text, "\t")}
		if m := reMDHeading.FindString(b.Text); m != "" && b.Kind == schema.BlockPara {
			// a Markdown heading the normalizer has not turned into a block
			sg.kind, sg.level = schema.BlockHeading, strings.Count(m, "#")
		}
		out = append(out, sg)
	}
	return out
}

type heading struct {
	seg   int
	style int
	rank  int
	label string
	title string
}

// Extract returns the outline of doc in document order; Parent indexes the
// returned slice (-1 at the top).
func Extract(doc *schema.Document) []schema.Section {
	segs := segments(doc)
	heads := findHeadings(segs)
	if len(heads) == 0 {
		return nil
	}
	out := make([]schema.Section, 0, len(heads))
	type open struct {
		rank, idx, style int
	}
	var stack []open
	for _, h := range heads {
		if h.style == styleAttach {
			stack = stack[:0]
		} else {
			// close an open section of the same style; else close the open
			// sections of lower rank in the same label family (一、 closes
			// 1.); a label of the other family nests (第一条 under 一、)
			cut := len(stack)
			for i, o := range stack {
				if o.style == h.style && (h.style != styleHeading || o.rank == h.rank) {
					cut = i
					break
				}
			}
			if cut == len(stack) {
				for i, o := range stack {
					if family(o.style) == family(h.style) && o.rank >= h.rank {
						cut = i
						break
					}
				}
			}
			stack = stack[:cut]
		}
		parent := -1
		if len(stack) > 0 {
			parent = stack[len(stack)-1].idx
		}
		out = append(out, schema.Section{
			Parent: parent,
			Level:  len(stack) + 1,
			Label:  h.label,
			Title:  h.title,
			Span:   schema.Span{Start: segs[h.seg].start},
		})
		stack = append(stack, open{rank: h.rank, idx: len(out) - 1, style: h.style})
	}
	// each section ends where the next section that is not inside it starts
	for i := range out {
		end := len(doc.Text)
		for j := i + 1; j < len(out); j++ {
			if !inside(out, j, i) {
				end = lastEnd(segs, out[j].Span.Start)
				break
			}
		}
		if end < out[i].Span.Start {
			end = out[i].Span.Start
		}
		out[i].Span.End = end
	}
	return out
}

// family tells the 章/节/条 labels of regulations from the 一、（一）1. labels
// of plans; ranks compare within a family only.
func family(style int) int {
	switch style {
	case styleChapter, styleSection, styleArticle:
		return 1
	}
	return 2
}

// inside reports whether section j is a descendant of section i.
func inside(s []schema.Section, j, i int) bool {
	for p := s[j].Parent; p >= 0; p = s[p].Parent {
		if p == i {
			return true
		}
	}
	return false
}

// lastEnd is the end of the last segment before offset at.
func lastEnd(segs []seg, at int) int {
	end := at
	for _, s := range segs {
		if s.start >= at {
			break
		}
		end = s.end
	}
	if end > at {
		end = at
	}
	return end
}

func findHeadings(segs []seg) []heading {
	var out []heading
	// bare attachment labels later in the text make 附件：xxx lines listings
	bareAttachAfter := make([]bool, len(segs)+1)
	for i := len(segs) - 1; i >= 0; i-- {
		bareAttachAfter[i] = bareAttachAfter[i+1] || isBareAttach(segs[i])
	}
	levelRank := headingRanks(segs)
	tableMode := false // after a 序号 header or an attachment's …表 caption
	tabTable := false  // inside tab-separated table lines
	inAttach := false
	listing := false      // inside an 附件： listing of attachment names
	last := map[int]int{} // last number seen per label style
	for i, s := range segs {
		if s.kind == schema.BlockTable {
			continue // its rows are no headings; the lines after it may be
		}
		t := mdline.Clean(s.text)
		if t == "" {
			continue
		}
		if s.tabs {
			tabTable = true
			continue
		}
		if strings.HasPrefix(t, "序号") {
			tableMode = true
			continue
		}
		n := utf8.RuneCountInString(t)
		if tableMode && n >= 60 && reSentEnd.MatchString(t) {
			tableMode = false
		}
		style, label, rest := labelOf(t)
		if tabTable {
			// a short labeled line between tab rows is a group heading of the
			// table (一、核心技术); any other line ends the table
			if style >= 0 && style != styleAttach && n <= 30 && i+1 < len(segs) && segs[i+1].tabs {
				continue
			}
			tabTable = false
		}

		if style < 0 {
			listing = false
			if s.kind == schema.BlockHeading && s.level > 0 && !tableMode {
				if h, ok := unlabeled(i, s, t, out, levelRank, segs); ok {
					out = append(out, h)
				}
			}
			if inAttach && reCaption.MatchString(t) && n <= 80 && !reSentEnd.MatchString(t) {
				tableMode = true
			}
			continue
		}
		if style == styleAttach {
			if isListing(t, rest, bareAttachAfter[i+1]) {
				listing = true
				continue
			}
			listing = false
			tableMode = false
			inAttach = true
			last = map[int]int{}
			title := titleOf(rest)
			if rest == "" {
				// a bare 附件1: its caption is the next short line
				for k := i + 1; k < len(segs) && k <= i+2; k++ {
					c := mdline.Clean(segs[k].text)
					if c != "" && !segs[k].tabs && segs[k].kind != schema.BlockTable && utf8.RuneCountInString(c) <= 80 && !reSentEnd.MatchString(c) {
						if k+1 < len(segs) {
							// a caption wrapped after 海南省 / 年, or before its …表
							n := mdline.Clean(segs[k+1].text)
							if captionLine(segs[k+1], n) && (captionGoesOn(c) || !reCaption.MatchString(c) && reCaption.MatchString(n)) || reYearRange.MatchString(n) {
								c += n
							}
						}
						title = titleOfN(c, maxCaption)
						break
					}
				}
			}
			out = append(out, heading{seg: i, style: style, rank: rank(style, 0), label: label, title: title})
			continue
		}
		if listing && style == styleNum && n <= 80 {
			continue // 2. 某某计划表 under 附件：1. …
		}
		listing = false
		if tableMode && style != styleChapter {
			// the next number of the outline ends a text table (三、 after
			// 二、's tables); a table's own group rows start again at 一、
			if v := labelValue(label); v == 0 || v != last[style]+1 || (style != styleCN && style != styleArticle) {
				continue
			}
			tableMode = false
		}
		if !plausible(style, rest) {
			continue
		}
		if s.flat {
			rest = flatHead(rest)
		}
		title := titleOf(rest)
		if style == styleCN || style == styleChapter || style == styleSection {
			if g, ok := gluedHead(rest); ok {
				title = g
			}
		}
		out = append(out, heading{seg: i, style: style, rank: rank(style, 0), label: label, title: title})
		last[style] = labelValue(label)
	}
	return out
}

// captionGoesOn reports whether a caption line stops where a wrapped title
// goes on: after a place or year word, a conjunction, or an open bracket.
func captionGoesOn(c string) bool {
	c = compact(c)
	if strings.Count(c, "（")+strings.Count(c, "(") > strings.Count(c, "）")+strings.Count(c, ")") {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(c)
	return strings.ContainsRune("省市县区州年的和与及、暨", last)
}

// captionLine reports whether segment s (cleaned text t) can continue a
// caption: short, unlabeled, no sentence, not a table row.
func captionLine(s seg, t string) bool {
	if t == "" || s.tabs || s.kind == schema.BlockTable || utf8.RuneCountInString(t) > 40 || reSentEnd.MatchString(t) {
		return false
	}
	st, _, _ := labelOf(t)
	return st < 0 && !strings.HasPrefix(t, "（") && !strings.HasPrefix(t, "(")
}

// headingRanks maps heading block levels to the rank of the labels that
// heading blocks of that level carry (## 一、… → level 2 ranks with 一、).
func headingRanks(segs []seg) map[int]int {
	out := map[int]int{}
	for _, s := range segs {
		if s.kind != schema.BlockHeading || s.level <= 0 {
			continue
		}
		st, _, _ := labelOf(mdline.Clean(s.text))
		if st <= styleAttach {
			continue
		}
		r := rank(st, 0)
		if old, ok := out[s.level]; !ok || r < old {
			out[s.level] = r
		}
	}
	return out
}

// headingRank ranks an unlabeled heading of level l: above the labels that
// headings of its level or deeper carry (an unlabeled caption encloses the
// 一、 sections after it), else below the labels of shallower levels.
func headingRank(l int, known map[int]int) int {
	best, found := 0, false
	for lv, r := range known {
		if lv >= l && (!found || r < best) {
			best, found = r, true
		}
	}
	if found {
		return best - 5
	}
	for d := 1; d < 6; d++ {
		if r, ok := known[l-d]; ok {
			return r + 5*d
		}
	}
	return rank(styleHeading, l)
}

// flatHead cuts the heading phrase of a flattened line at the white space
// that separates it from its paragraph (建设目标 重点围绕… → 建设目标), but not
// at spaces inside a spaced-out heading (总 则).
func flatHead(rest string) string {
	for i := 0; i < len(rest); i++ {
		if rest[i] != ' ' {
			continue
		}
		next := strings.TrimLeft(rest[i:], " ")
		word := next
		if j := strings.IndexByte(next, ' '); j >= 0 {
			word = next[:j]
		}
		if utf8.RuneCountInString(word) >= 4 {
			return rest[:i]
		}
	}
	return rest
}

func rank(style, level int) int {
	if style == styleHeading {
		// an unlabeled heading of level N ranks with the label styles
		return styleCN*10 + (level-1)*10 - 5
	}
	return style * 10
}

// labelOf returns the label style at the start of t, the label as written and
// the text after it; style -1 when t opens with no label.
func labelOf(t string) (int, string, string) {
	try := func(re *regexp.Regexp, style int) (int, string, string, bool) {
		loc := re.FindStringIndex(t)
		if loc == nil {
			return 0, "", "", false
		}
		return style, strings.TrimSpace(t[:loc[1]]), strings.TrimSpace(t[loc[1]:]), true
	}
	if s, l, r, ok := try(reAttach, styleAttach); ok && attachLabel(t, l, r) {
		return s, l, r
	}
	for _, st := range labelStyles {
		if s, l, r, ok := try(st.re, st.style); ok {
			if st.style == styleNum && r != "" && unicode.IsDigit(firstRune(r)) {
				return -1, "", "" // 1.5亿元, 2023.12, 3、4月
			}
			return s, l, r
		}
	}
	return -1, "", ""
}

// labelStyles are the label patterns after 附件, tried in order.
var labelStyles = []struct {
	re    *regexp.Regexp
	style int
}{
	{reChapter, styleChapter},
	{reSection, styleSection},
	{reArticle, styleArticle},
	{reCN, styleCN},
	{reParenCN, styleParenCN},
	{reNum, styleNum},
	{reParenN, styleParenN},
	{reCircle, styleCircle},
}

// attachLabel reports whether 附件/附表 at the start of t is a label: alone,
// numbered, with a colon, or followed by a space (附件说明 is none).
func attachLabel(t, label, rest string) bool {
	if rest == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(label)
	if unicode.IsDigit(last) || last == '：' || last == ':' {
		return true
	}
	after := t[len(label):]
	return after != "" && (after[0] == ' ' || after[0] == '\t')
}

// labelValue is the number of a label (三、 → 3, （12） → 12, 第二十一条 →
// 21), 0 when it has none.
func labelValue(label string) int {
	n, digits, cn := 0, false, []rune{}
	for _, r := range label {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
			digits = true
		case strings.ContainsRune("零〇一二两三四五六七八九十百", r):
			cn = append(cn, r)
		}
	}
	if digits {
		return n
	}
	return cnValue(cn)
}

func cnValue(rs []rune) int {
	v, _ := ol.Value(string(rs))
	return v
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// plausible rejects labels that open something else than a heading.
func plausible(style int, rest string) bool {
	if rest == "" {
		return style == styleChapter || style == styleSection || style == styleArticle || style == styleCN || style == styleParenCN
	}
	r := firstRune(rest)
	switch {
	case r == '年' || r == '月' || r == '日' || r == '%' || r == '‰':
		return false
	case style == styleNum && (r == '0' || unicode.IsDigit(r)):
		return false
	}
	return true
}

func isBareAttach(s seg) bool {
	if s.kind == schema.BlockTable {
		return false
	}
	t := mdline.Clean(s.text)
	loc := reAttach.FindStringIndex(t)
	if loc == nil || !attachLabel(t, strings.TrimSpace(t[:loc[1]]), strings.TrimSpace(t[loc[1]:])) {
		return false
	}
	rest := strings.TrimSpace(t[loc[1]:])
	return rest == "" || utf8.RuneCountInString(rest) <= 60 && !strings.ContainsAny(rest, "：:") && !reFileExt.MatchString(rest) && !listStart(rest)
}

func listStart(rest string) bool {
	return reNum.MatchString(rest) || reParenN.MatchString(rest)
}

// isListing reports whether an 附件 line lists the attachments of a notice
// (附件：1. 某某表 2. …) rather than starting one.
func isListing(t, rest string, bareLater bool) bool {
	if reFileExt.MatchString(rest) || listStart(rest) {
		return true
	}
	colon := strings.ContainsAny(t[:len(t)-len(rest)], "：:")
	if colon && rest != "" && bareLater {
		return true
	}
	return utf8.RuneCountInString(rest) > 80
}

// metaField reports whether s is a short label: value line of a page's
// metadata list (文档类型：政策类).
func metaField(s seg) bool {
	t := mdline.Clean(s.text)
	return s.kind != schema.BlockHeading && !s.tabs && utf8.RuneCountInString(t) <= 60 && !reSentEnd.MatchString(t) && reMetaField.MatchString(t)
}

// unlabeled makes a section of a heading block without a label, unless it is
// the document's title or a 文件 masthead.
func unlabeled(i int, s seg, t string, prev []heading, levelRank map[int]int, segs []seg) (heading, bool) {
	if strings.HasSuffix(t, "文件") || strings.Contains(t, "关于") || utf8.RuneCountInString(t) > 60 {
		return heading{}, false
	}
	if reDocFile.MatchString(t) {
		return heading{}, false // a crawler's heading naming the saved file
	}
	if i+2 < len(segs) && metaField(segs[i+1]) && metaField(segs[i+2]) {
		return heading{}, false // the heading of a page's metadata list
	}
	if len(prev) == 0 && s.level <= 1 {
		return heading{}, false // the title
	}
	return heading{seg: i, style: styleHeading, rank: headingRank(s.level, levelRank), label: "", title: titleOf(t)}, true
}

// titleOf is the heading phrase of the text after a label: up to the first
// sentence end, the content of a leading 【…】, at most maxTitle runes.
func titleOf(rest string) string { return titleOfN(rest, maxTitle) }

// titleOfN is titleOf with a limit of max runes (an attachment's caption
// may be longer than a heading).
func titleOfN(rest string, maxTitle int) string {
	// a ? after the label is a character lost in decoding (第一条? 为…)
	rest = strings.TrimSpace(strings.TrimLeft(rest, "：: ?？\u00a0"))
	if strings.HasPrefix(rest, "【") {
		if i := strings.Index(rest, "】"); i > 0 {
			return compact(rest[len("【"):i])
		}
	}
	if loc := reTitleEnd.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	rest = compact(rest)
	if utf8.RuneCountInString(rest) > maxTitle {
		if i := strings.IndexAny(rest, "，,："); i > 0 && utf8.RuneCountInString(rest[:i]) <= maxTitle {
			return rest[:i]
		}
		rs := []rune(rest)
		return string(rs[:maxTitle])
	}
	return rest
}

const maxTitle = 50

// maxCaption is the limit for an attachment's caption line.
const maxCaption = 80

// gluedLen is the length (runes) from which the title of a top heading is
// taken for a heading phrase run into its paragraph.
const gluedLen = 30

//go:embed data/prose_openers.txt
var proseOpenersData string

// proseOpeners are the words a section's paragraph opens with.
var proseOpeners = func() []string {
	var out []string
	for _, l := range strings.Split(proseOpenersData, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}()

// gluedHead cuts the title of a top heading whose phrase runs into the
// paragraph without punctuation (总体要求以习近平新时代… → 总体要求): when the
// text up to the first sentence end is longer than gluedLen, before the first
// word that opens prose, at least two runes in and not inside another such
// word (坚持以习近平…). ok is false when rest is no such case.
func gluedHead(rest string) (string, bool) {
	phrase := strings.TrimSpace(strings.TrimLeft(rest, "：: "))
	if strings.HasPrefix(phrase, "【") {
		return "", false
	}
	if loc := reTitleEnd.FindStringIndex(phrase); loc != nil {
		phrase = phrase[:loc[0]]
	}
	phrase = compact(phrase)
	if utf8.RuneCountInString(phrase) <= gluedLen {
		return "", false
	}
	type hit struct{ at, end int }
	var hits []hit
	for _, w := range proseOpeners {
		for off := 0; ; {
			i := strings.Index(phrase[off:], w)
			if i < 0 {
				break
			}
			hits = append(hits, hit{off + i, off + i + len(w)})
			off += i + len(w)
		}
	}
	cut := -1
	for _, h := range hits {
		if utf8.RuneCountInString(phrase[:h.at]) < 2 || cut >= 0 && h.at >= cut {
			continue
		}
		covered := false
		for _, o := range hits {
			if o.at < h.at && o.end > h.at {
				covered = true
				break
			}
		}
		if !covered {
			cut = h.at
		}
	}
	if cut < 0 || utf8.RuneCountInString(phrase[:cut]) > gluedLen || strings.ContainsAny(phrase[:cut], "，,、") {
		return "", false
	}
	return strings.TrimSpace(phrase[:cut]), true
}

// compact removes spaces next to CJK characters (总 则 → 总则).
func compact(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' || r == '\u3000' || r == '\t' {
			if i > 0 && i+1 < len(rs) && rs[i-1] < utf8.RuneSelf && rs[i+1] < utf8.RuneSelf && rs[i-1] != ' ' {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
