package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"policyx/schema"
)

// The block-level steps take and return []schema.Block in reading order. An
// empty BlockPara stands for a blank line: readers of plain text keep them,
// and JoinWrapped needs to know where they were. The steps expect text
// already folded by FoldSpaces and FoldWidth (Document does that first).

var mdHeadingLine = regexp.MustCompile(`^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$`)

// Headings turns paragraphs written as Markdown headings ("# 标题",
// "## 一、总体要求") into BlockHeadings with the marker removed and Level set.
func Headings(blocks []schema.Block) []schema.Block {
	for i := range blocks {
		b := &blocks[i]
		if b.Kind != schema.BlockPara || !strings.Contains(b.Text, "#") || len(b.Text) > 4096 {
			continue
		}
		if m := mdHeadingLine.FindStringSubmatch(b.Text); m != nil && strings.TrimSpace(m[2]) != "" {
			b.Kind, b.Level, b.Text = schema.BlockHeading, len(m[1]), m[2]
		}
	}
	return blocks
}

var pageArtefact = regexp.MustCompile(`^(?:` +
	`[-—–－―~～_]{1,3}\s*(\d{1,4})\s*[-—–－―~～_]{1,3}` + // — 21 —, - 3 -
	`|第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?` + // 第 3 页, 第3页 共12页
	`|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*(\d{1,4})\s*页` + // 共12页 第3页
	`|(\d{1,4})\s*/\s*\d{1,4}` + // 3/12
	`|[Pp]age\s*(\d{1,4})(?:\s*of\s*\d{1,4})?` +
	`)$`)

// PageNumber reports whether line is a page artefact — a page number alone
// on a line: "— 21 —", "- 3 -", "第 3 页", "第3页 共12页", "3/12" — and which
// page it names.
func PageNumber(line string) (int, bool) {
	line = strings.TrimSpace(line)
	if len(line) > 48 || line == "" {
		return 0, false
	}
	m := pageArtefact.FindStringSubmatch(line)
	if m == nil {
		return 0, false
	}
	for _, g := range m[1:] {
		if g != "" {
			n, err := strconv.Atoi(g)
			return n, err == nil
		}
	}
	return 0, false
}

// DropPageArtefacts blanks the paragraphs that are page numbers alone on a
// line (they become empty blocks, so a paragraph broken by a page break can
// still be re-joined across them). When the blocks carry no page numbers of
// their own (plain text) and two or more page numbers are found in
// increasing order, they are recorded: the blocks before a footer "— n —" are on page n, the
// blocks after the last footer on the page after it.
func DropPageArtefacts(blocks []schema.Block) []schema.Block {
	type mark struct{ idx, num int }
	var marks []mark
	hasPages := false
	for i := range blocks {
		b := &blocks[i]
		if b.Page > 0 {
			hasPages = true
		}
		if b.Kind != schema.BlockPara {
			continue
		}
		if n, ok := PageNumber(b.Text); ok {
			b.Text = ""
			marks = append(marks, mark{i, n})
		}
	}
	if hasPages || len(marks) < 2 {
		return blocks
	}
	for k := 1; k < len(marks); k++ {
		if marks[k].num <= marks[k-1].num {
			return blocks // not a page sequence
		}
	}
	prev := 0
	for _, m := range marks {
		for i := prev; i <= m.idx; i++ {
			blocks[i].Page = m.num
		}
		prev = m.idx + 1
	}
	for i := prev; i < len(blocks); i++ {
		blocks[i].Page = marks[len(marks)-1].num + 1
	}
	return blocks
}

// labelStart matches the outline and list labels a new paragraph starts
// with: 一、 （一） (一) 1． 1. 1、 (1) （1） ① 附件 第一条 …
var labelStart = regexp.MustCompile(`^(?:` +
	`[一二三四五六七八九十百〇零]{1,4}\s?[、.．]` +
	`|[（(]\s?[一二三四五六七八九十百〇零]{1,4}\s?[）)]` +
	`|\d{1,3}\s?[、.．](?:[^\d.．]|$)` +
	`|[（(]\s?\d{1,3}\s?[）)]` +
	`|[①-⑳⑴-⒇⒈-⒛]` +
	`|附\s?[件表录]` +
	`|第[一二三四五六七八九十百〇零\d]{1,5}[章节条部篇]` +
	`|[（(]此件` +
	`)`)

// StartsWithLabel reports whether s (after leading spaces) starts with an
// outline or list label.
func StartsWithLabel(s string) bool {
	s = strings.TrimLeft(s, " ")
	if len(s) > 64 {
		s = s[:64]
	}
	return labelStart.MatchString(s)
}

// terminal are the characters that end a sentence or a clause introducing
// what follows.
func terminal(r rune) bool {
	switch r {
	case '。', '；', '：', '！', '？', '!', '?', ';', ':', '…':
		return true
	}
	return false
}

// endsSentence reports whether s ends with a terminal character, possibly
// followed by closing quotes.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ")
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '”', '’', '"', '\'', '」', '』':
			s = s[:len(s)-size]
			continue
		}
		return terminal(r)
	}
	return false
}

// displayWidth is the width of s in columns: 2 for East Asian wide and
// full-width characters, 1 for the rest.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if r < 0x1100 {
			w++
			continue
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}

func hasCJK(s string) bool {
	for _, r := range s {
		if r >= 0x3400 && unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// isTableRow reports whether a line looks like a row of a space-separated
// table: three or more short fields, at least two and at least half of them
// numbers ("柳州市 422 701 / 35").
func isTableRow(s string) bool {
	if len(s) > 600 {
		return false
	}
	fields := strings.Fields(s)
	if len(fields) < 3 {
		return false
	}
	num := 0
	for _, f := range fields {
		numeric := true
		for _, r := range f {
			if !(r >= '0' && r <= '9' || strings.ContainsRune(".%/-+~,，、×*", r)) {
				numeric = false
				break
			}
		}
		if numeric {
			num++
		} else if utf8.RuneCountInString(f) > 10 {
			return false // a clause, not a cell
		}
	}
	return num >= 2 && num*2 >= len(fields)
}

// insideBrackets reports whether s ends inside an unclosed round bracket
// （责任单位： …) — a colon there does not end the paragraph.
func insideBrackets(s string) bool {
	open := max(strings.LastIndex(s, "（"), strings.LastIndex(s, "("))
	if open < 0 {
		return false
	}
	closed := max(strings.LastIndex(s, "）"), strings.LastIndex(s, ")"))
	return open > closed
}

// docTitleEnd matches the end of a document title line.
var docTitleEnd = regexp.MustCompile(`(?:通知|意见|方案|办法|措施|决定|规定|细则|计划|指引|规划|纲要|公告|通告|批复|报告|条例|[（(]试行[）)]|[（(]暂行[）)]|》)[”"]?$`)

// docNumber matches a 发文字号 at the end (or start) of a segment.
var (
	docNumberEnd   = regexp.MustCompile(`[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号$`)
	docNumberStart = regexp.MustCompile(`^\S{1,12}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号`)
	fullDateEnd    = regexp.MustCompile(`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$`)
	docNumberLast  = regexp.MustCompile(`[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,5}\s*号\s*[)）]?$`)
	noticeEnd      = regexp.MustCompile(`^[（(][^（()）]{1,16}[）)]$`)
	fullDateStart  = regexp.MustCompile(`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s|$|[（(])`)
)

// tail returns about the last n bytes of s, starting at a rune boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// head returns about the first n bytes of s, ending at a rune boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// wrapStats describes the line lengths of a document.
type wrapStats struct {
	wrapped bool // the text is hard-wrapped at a typical width
	typical int  // that width (display columns)
	full    int  // a line at least this wide is "full"
}

// measureWrap finds the typical maximum line width: the most common width
// (smoothed over ±2 columns) among lines at least 16 columns wide. The text
// counts as hard-wrapped at that width when
//
//   - the width is 40–200 columns (20–100 Chinese characters);
//   - at least 8 lines and a quarter of all lines lie near it, and at most a
//     fifth are wider (paragraph-per-line text has many long lines);
//   - most of the lines near it end mid-sentence (in paragraph-per-line
//     text, lines of similar length are headings or complete sentences).
func measureWrap(blocks []schema.Block) wrapStats {
	const maxW = 400
	var hist [maxW + 1]int
	total := 0
	for _, b := range blocks {
		if b.Kind != schema.BlockPara || b.Text == "" {
			continue
		}
		w := maxW
		if len(b.Text) <= 4*maxW {
			w = min(displayWidth(strings.TrimSpace(b.Text)), maxW)
		}
		if w < 16 {
			continue
		}
		hist[w]++
		total++
	}
	best, bestN := 0, 0
	for w := 40; w <= 200; w++ {
		n := 0
		for d := -2; d <= 2; d++ {
			n += hist[w+d]
		}
		if n > bestN {
			best, bestN = w, n
		}
	}
	st := wrapStats{typical: best, full: best - max(6, best/8)}
	if best == 0 {
		return st
	}
	near, longer := 0, 0
	for w := st.full; w <= maxW; w++ {
		if w <= best+6 {
			near += hist[w]
		} else {
			longer += hist[w]
		}
	}
	if near < 8 || near*4 < total || longer*5 > total {
		return st
	}
	open := 0
	for _, b := range blocks {
		if b.Kind != schema.BlockPara || b.Text == "" || len(b.Text) > 4*maxW {
			continue
		}
		t := strings.TrimSpace(b.Text)
		if w := displayWidth(t); w >= st.full && w <= best+6 && !endsSentence(t) {
			open++
		}
	}
	st.wrapped = open*2 >= near
	return st
}

// JoinWrapped re-joins the lines of paragraphs that a PDF extraction or a
// page break cut apart. Line B is appended to the paragraph ending with
// line A, across blank lines and removed page numbers, when:
//
//   - both are paragraphs with Chinese text, and neither holds a tab nor
//     looks like a space-separated table row;
//   - A does not end a sentence (。；：！？) and B does not start with an
//     outline or list label (一、 （一） 1． (1) ① 附件 第一条), nor is
//     indented deeper than A (a first-line indent);
//   - and either the text is hard-wrapped at a typical width and A is
//     "full" (close to that width), or A is a long line (50+ Chinese
//     characters) separated from B by a blank line or page break that does
//     not look like the end of a title, with B not starting with a
//     document number.
//
// Blank lines consumed by a join disappear; others stay.
func JoinWrapped(blocks []schema.Block) []schema.Block {
	st := measureWrap(blocks)
	out := make([]schema.Block, 0, len(blocks))
	last := -1      // index in out of the paragraph B may join
	lastLine := ""  // its last physical line
	lastPage := 0   // and that line's page
	lastIndent := 0 // and its indentation
	var blanks []schema.Block
	var sb strings.Builder
	flushJoin := func() {
		if last >= 0 && sb.Len() > 0 {
			out[last].Text += sb.String()
			sb.Reset()
		}
	}
	for _, b := range blocks {
		if b.Kind == schema.BlockPara && strings.TrimSpace(b.Text) == "" {
			blanks = append(blanks, b)
			continue
		}
		gap := len(blanks)
		if last >= 0 && lastPage > 0 && b.Page > lastPage {
			gap++ // a page break separates them
		}
		// A line indented deeper than the one before starts a paragraph
		// (the first-line indent of 公文 typesetting, kept by some
		// extractions).
		indented := indent(b.Text) >= 2 && indent(b.Text) >= lastIndent+2
		if b.Kind == schema.BlockPara && last >= 0 && !indented && canJoin(paraTail(out[last].Text, sb.String()), lastLine, b.Text, gap, st) {
			a := strings.TrimRight(lastLine, " ")
			bt := strings.TrimSpace(b.Text)
			if sb.Len() == 0 {
				out[last].Text = strings.TrimRight(out[last].Text, " ")
			}
			ra, _ := utf8.DecodeLastRuneInString(a)
			rb, _ := utf8.DecodeRuneInString(bt)
			if ra < utf8.RuneSelf && rb < utf8.RuneSelf && unicode.IsLetter(ra) && unicode.IsLetter(rb) {
				sb.WriteByte(' ')
			}
			sb.WriteString(bt)
			lastLine, lastPage, lastIndent = bt, b.Page, indent(b.Text)
			blanks = blanks[:0]
			continue
		}
		flushJoin()
		out = append(out, blanks...)
		blanks = blanks[:0]
		out = append(out, b)
		if b.Kind == schema.BlockPara {
			last, lastLine, lastPage, lastIndent = len(out)-1, b.Text, b.Page, indent(b.Text)
		} else {
			last, lastLine = -1, ""
		}
	}
	flushJoin()
	return append(out, blanks...)
}

// indent counts the leading spaces of s (tabs count as 4).
func indent(s string) int {
	n := 0
	for _, c := range []byte(s) {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// paraTail returns about the last 300 bytes of the paragraph text+more.
func paraTail(text, more string) string {
	if len(more) >= 300 {
		return tail(more, 300)
	}
	return tail(text, 300-len(more)) + more
}

// canJoin decides whether line b continues the paragraph para (its tail)
// whose last line is a, with gap blank lines between.
func canJoin(para, a, b string, gap int, st wrapStats) bool {
	a = strings.TrimSpace(a)
	b = strings.TrimSpace(b)
	if a == "" || b == "" || gap > 6 {
		return false
	}
	if strings.IndexByte(a, '\t') >= 0 || strings.IndexByte(b, '\t') >= 0 {
		return false
	}
	// Inside an open bracket （责任单位：… the next line goes on whatever
	// it looks like.
	open := insideBrackets(tail(para, 300))
	if StartsWithLabel(b) || standalone(b) && !open {
		return false
	}
	wa := displayWidth(tail(a, 1024))
	if len(a) > 1024 {
		wa = 1 << 20
	}
	fullWrapped := st.wrapped && wa >= st.full && wa <= st.typical+8
	if !fullWrapped && (standalone(a) && !open || shortHeading(a)) {
		return false
	}
	if endsSentence(a) {
		// A sentence end closes the paragraph, unless it stands inside
		// an open bracket (（责任单位：), or the line fills the whole
		// measure of hard-wrapped text and the next line starts no new
		// item (the paragraph most likely goes on).
		if !open && !(fullWrapped && wa >= st.typical) {
			return false
		}
	}
	if !hasCJK(head(b, 256)) || !hasCJK(tail(a, 256)) {
		return false
	}
	if isTableRow(a) || isTableRow(b) {
		return false
	}
	// A title line (…关于…的通知, (桂科发〔2024〕193号)) ends its paragraph
	// even when it fills the line.
	ta := tail(a, 96)
	if docNumberLast.MatchString(ta) || strings.Contains(a, "关于") && docTitleEnd.MatchString(ta) {
		return false
	}
	if fullWrapped {
		return true
	}
	// Across a blank line, a short line without any punctuation is a
	// title, a heading or a signature (示例市科学技术局), not the rest of
	// a sentence.
	if wa >= 100 && gap >= 1 && !docTitleEnd.MatchString(tail(a, 64)) && !docNumberStart.MatchString(head(b, 64)) && (open || !bareShort(b)) {
		return true
	}
	// A long paragraph left inside an open bracket (…联系（地址：…) goes on
	// on the next line, even without a blank line between.
	if open && displayWidth(para) >= 100 && !strings.HasSuffix(a, "。") {
		return true
	}
	// A line of running text cut inside a word (…加强研发、测 / 试、标准…)
	// or a line starting with punctuation that cannot open a paragraph.
	if gap <= 1 && !endsSentence(a) && (cutMidClause(a) || startsContinuation(b)) {
		return true
	}
	return false
}

// cutMidClause reports whether a line of running text (it holds ，。；)
// ends with a clause of at most two characters after a comma or an
// enumeration mark: a word cut by a line break rather than the end of a
// heading.
func cutMidClause(a string) bool {
	t := tail(a, 200)
	if !strings.ContainsAny(t, "，。；") {
		return false
	}
	i := strings.LastIndexAny(t, "，、；：,;:")
	if i < 0 {
		return false
	}
	_, size := utf8.DecodeRuneInString(t[i:])
	last := t[i+size:]
	n := utf8.RuneCountInString(last)
	return n >= 1 && n <= 2 && hasCJK(last)
}

// startsContinuation reports whether b starts with punctuation that only
// follows text: 、，。；：or a closing bracket or quote.
func startsContinuation(b string) bool {
	r, _ := utf8.DecodeRuneInString(b)
	return strings.ContainsRune("、，。；：,;）」』”’", r)
}

var (
	// metaLine: a short "key：value" line of a header or information box
	// (来源：…, 日期：2025-03-04, 文号：…, 发布机关：…).
	metaLine = regexp.MustCompile(`^[\p{Han}\s]{1,8}[：:]\s*\S`)
	// dateLine: a date alone on a line (the date of a signature block or
	// of a web page), possibly in brackets.
	dateLine = regexp.MustCompile(`^[（(]?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*[）)]?$`)
	// docNumberLine: a 发文字号 alone on a line (深工信〔2025〕44号).
	docNumberLine = regexp.MustCompile(`^[（(]?\S{0,16}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*(?:第\s*)?\d{1,5}\s*号\s*[）)]?$`)
)

// standalone reports whether a line is a short header, signature or
// metadata line that is never part of a wrapped paragraph: a "key：value"
// line (来源：…, 日期：…), a date alone, or a 发文字号 alone.
func standalone(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) > 200 {
		return false
	}
	n := utf8.RuneCountInString(s)
	switch {
	case n <= 40 && dateLine.MatchString(s):
		return true
	case n <= 40 && docNumberLine.MatchString(s):
		return true
	case n <= 40 && metaLine.MatchString(s) && !strings.ContainsAny(s, "，,。；;"):
		return true
	}
	return false
}

// bareShort reports whether s is at most 40 characters long and holds no
// punctuation of running text.
func bareShort(s string) bool {
	return len(s) <= 160 && utf8.RuneCountInString(s) <= 40 && !strings.ContainsAny(s, "，,。；;：:、！？!?")
}

// shortHeading reports whether a line is a numbered heading (一、总体要求,
// （一）发展目标, 1．建设平台) short enough not to run on into the next line:
// a label with a title without clause punctuation, or at most 30
// characters in all, not ending like a clause that goes on (、，).
func shortHeading(s string) bool {
	s = strings.TrimSpace(s)
	if !StartsWithLabel(s) || len(s) > 240 {
		return false
	}
	if labelledHeading(s) {
		return true
	}
	if utf8.RuneCountInString(s) > 30 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune("、，,（(“《—-", r)
}

// SplitFlattened splits long lines of flattened web text — whole policies
// on one line, paragraphs separated by a single space — into one block per
// paragraph or heading. A line of at least 100 Chinese characters is split
// at a run of spaces that
//
//   - follows a sentence end (。；：！？), a 发文字号 (柳政规〔2025〕3号) or a full
//     date (2025年4月8日);
//   - precedes an outline label (一、 (一) （一） 1. 附件 第一条 （此件…);
//   - precedes a full date, after a short segment (the issuer of a
//     signature block);
//   - follows a short "key：value" segment in Han (公开方式：主动公开) before
//     Han text;
//   - follows a short segment that ends like a document title (…的通知,
//     …若干措施, …办法（试行）), is a short heading after a label
//     ((一)建设目标), or is all in brackets ((此件公开发布)).
func SplitFlattened(blocks []schema.Block) []schema.Block {
	var out []schema.Block
	for i, b := range blocks {
		if b.Kind != schema.BlockPara || len(b.Text) < 300 || strings.IndexByte(b.Text, ' ') < 0 || displayWidth(head(b.Text, 1024)) < 200 && len(b.Text) <= 1024 {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		parts := splitLine(strings.TrimSpace(b.Text))
		if len(parts) <= 1 {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		if out == nil {
			out = make([]schema.Block, 0, len(blocks)+len(parts))
			out = append(out, blocks[:i]...)
		}
		for _, p := range parts {
			nb := b
			nb.Text = p
			out = append(out, nb)
		}
	}
	if out == nil {
		return blocks
	}
	return out
}

// splitLine cuts one flattened line into paragraphs.
func splitLine(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); {
		if s[i] != ' ' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j == len(s) {
			break
		}
		if splitHere(s[start:i], s[j:]) {
			parts = append(parts, s[start:i])
			start = j
		}
		i = j
	}
	return append(parts, s[start:])
}

// splitHere decides whether to split between seg (the text since the last
// split) and rest at a run of spaces.
func splitHere(seg, rest string) bool {
	if seg == "" || bareLabel(seg) {
		return false
	}
	if endsSentence(seg) || StartsWithLabel(rest) {
		return true
	}
	t := tail(seg, 64)
	if docNumberEnd.MatchString(t) || fullDateEnd.MatchString(t) {
		return true
	}
	short := len(seg) <= 240 && utf8.RuneCountInString(seg) <= 80
	if short && utf8.RuneCountInString(seg) <= 24 && labelledHeading(seg) && startsHan(rest) {
		return true // a heading: (一)建设目标 重点围绕…
	}
	if short && noticeEnd.MatchString(t) {
		return true // (此件公开发布)
	}
	if utf8.RuneCountInString(seg) <= 20 && fieldSeg.MatchString(seg) && startsHan(rest) {
		return true // 公开方式：主动公开
	}
	if short && fullDateStart.MatchString(head(rest, 32)) && utf8.RuneCountInString(seg) <= 40 {
		return true
	}
	if short && docTitleEnd.MatchString(t) && hasCJK(head(rest, 8)) {
		return true
	}
	return false
}

// bareLabel reports whether seg is an outline label alone, perhaps with a
// stray mark ("第一条?" where a character was lost in a charset
// conversion): the text it labels follows the space.
func bareLabel(seg string) bool {
	if len(seg) > 32 {
		return false
	}
	loc := labelStart.FindStringIndex(seg)
	if loc == nil {
		return false
	}
	return strings.Trim(seg[loc[1]:], " ?？:：、.．\ufffd") == ""
}

// fieldSeg matches a short "key：value" segment of an information line
// (公开方式：主动公开) without clause punctuation.
var fieldSeg = regexp.MustCompile(`^\p{Han}{2,6}[:：]\s*\p{Han}{1,12}$`)

// labelledHeading reports whether seg is a label followed by a short title
// without clause punctuation: "(一)建设目标", "二、功能定位".
func labelledHeading(seg string) bool {
	loc := labelStart.FindStringIndex(head(seg, 64))
	if loc == nil {
		return false
	}
	rest := strings.TrimSpace(seg[loc[1]:])
	return utf8.RuneCountInString(rest) >= 2 && !strings.ContainsAny(rest, "，,。；;：: 0123456789")
}

func startsHan(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x3400 && unicode.Is(unicode.Han, r)
}

// orgSuffix are the last characters of the name of an organ or body.
const orgSuffix = "厅局委办室府会院部署所站心司行处社联团"

// orgName reports whether run looks like the name of an organ: at least
// four Han characters ending in an organ suffix (广州市财政局).
func orgName(run string) bool {
	n := 0
	for _, r := range run {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	last, _ := utf8.DecodeLastRuneInString(run)
	return n >= 3 && strings.ContainsRune(orgSuffix, last) && !unitWord[run]
}

// unitWord are names of a unit that never stand alone as an issuer: after
// a stray space they are the rest of the name before them (…人民政府 办公厅).
var unitWord = map[string]bool{
	"办公厅": true, "办公室": true, "人民政府": true, "委员会": true, "管委会": true, "常委会": true,
	"管理委员会": true, "党委": true, "党组": true, "政府": true, "总局": true, "分局": true, "支队": true,
}

// orgHead returns the part of run before 关于 (the issuers of a title
// line: 示例总署 国家示例局关于…), or run itself.
func orgHead(run string) string {
	if i := strings.Index(run, "关于"); i > 0 {
		return run[:i]
	}
	return run
}

// placeLed reports whether an organ name starts with a place or a
// national prefix (广州市…, 中共…, 国家…), as each name of a joint issuer
// list does — unlike the second half of a name cut by a stray space
// (人民政府 办公厅).
func placeLed(run string) bool {
	for _, p := range []string{"中共", "国家", "国务院", "中华人民共和国", "全国", "中国"} {
		if strings.HasPrefix(run, p) {
			return true
		}
	}
	i := 0
	for _, r := range run {
		if i >= 8 {
			break
		}
		if strings.ContainsRune("省市区县州盟旗", r) && i >= 1 {
			return true
		}
		i++
	}
	return false
}

var docNumberTail = regexp.MustCompile(`[〔\[［【]\s*\d{4}\s*[〕\]］】]\s*\d{1,5}\s*号$`)

// KeepItemSpaces marks the single spaces between two CJK characters that
// separate items rather than fall inside a word, by doubling them (the
// stray-space step keeps one space of a longer run):
//
//   - between two organ names, one of them led by a place or a national
//     prefix (广州市民政局 广州市财政局, 示例总署 国家示例局关于…: joint
//     issuers), unless one is a bare unit word (人民政府 办公厅);
//   - after a 发文字号 before a title (示科通〔2024〕5号 关于印发…).
//
// Other single spaces between CJK characters are typesetting accidents
// and go (广西壮族自治区 人民政府 办公厅, 关 于 印 发). A line of short
// menu words (首页 政务公开 政策文件) cannot be told from a name with
// stray spaces, so its spaces go too.
func KeepItemSpaces(s string) string {
	if strings.IndexByte(s, ' ') < 0 || len(s) > 1<<20 {
		return s
	}
	runs := strings.Split(s, " ")
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(runs[0])
	book := strings.Count(runs[0], "《") - strings.Count(runs[0], "》")
	for i := 1; i < len(runs); i++ {
		l, r := runs[i-1], runs[i]
		keep := false
		// Inside a cited title 《…》 the names are part of the title.
		if l != "" && r != "" && book <= 0 {
			lr, _ := utf8.DecodeLastRuneInString(l)
			rr, _ := utf8.DecodeRuneInString(r)
			if isCJK(lr) && isCJK(rr) {
				rh, lh := orgHead(r), l
				if k := strings.LastIndexAny(lh, ":："); k >= 0 {
					lh = strings.TrimLeft(lh[k:], ":：") // 发文机关：示例总署
				}
				keep = orgName(lh) && orgName(rh) && (placeLed(lh) || placeLed(rh)) ||
					startsHan(r) && docNumberTail.MatchString(tail(l, 64))
			}
		}
		b.WriteByte(' ')
		if keep {
			b.WriteByte(' ')
		}
		b.WriteString(r)
		book += strings.Count(r, "《") - strings.Count(r, "》")
	}
	return b.String()
}
