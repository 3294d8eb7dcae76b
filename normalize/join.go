package normalize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/schema"
)

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

// isTableRow reports whether a line looks like a row of a space-separated
// table: three or more short fields, at least two and at least half of them
// numbers ("柳州市 422 701 / 35").
func isTableRow(s string) bool {
	if len(s) > 600 {
		return false
	}
	fields := strings.Fields(s)
	num := 0
	for _, f := range fields {
		switch {
		case numericCell(f):
			num++
		case utf8.RuneCountInString(f) > 10:
			return false // a clause, not a cell
		}
	}
	return len(fields) >= 3 && num >= 2 && num*2 >= len(fields)
}

// numericCell reports whether a field holds only digits and the marks of
// figures (12.5% 3/4 1,200 ×2).
func numericCell(f string) bool {
	for _, r := range f {
		if !(r >= '0' && r <= '9' || strings.ContainsRune(".%/-+~,，、×*", r)) {
			return false
		}
	}
	return true
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
