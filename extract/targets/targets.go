// Package targets extracts quantified commitments: goals, quotas, funding,
// rates and thresholds, with normalized values, comparators and deadlines.
//
// The text is read paragraph by paragraph outside tables (table blocks,
// doc.Tables spans and tab-separated lines are skipped), split into
// sentences on 。；!? and line ends, and every quantity of normalize/numbers
// that can be a policy figure becomes a target unless an exclusion rule
// (background section, past statement, name or identifier, heading that
// restates a figure) says otherwise.
//
// Per-unit money: only a unit written after the amount makes per-unit money
// (20万元/家 → 元/家, 500元/人 → 元/人). An amount behind per-unit words
// (每人每月1309元, 每家企业不超过100万元) keeps norm_unit 元, as the gold
// annotates 每家企业不超过100万元; the per-unit words are left out of the
// subject (全市城乡最低生活保障标准), and the sentence keeps them. period
// is "annual" for 每年 and for a written 万元/年 (norm_unit 元); the contract
// has no monthly period, so 每月 amounts keep a NULL period.
package targets

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize/numbers"
	"policyx/normalize/seg"
	"policyx/schema"
)

//go:embed data/keywords.txt
var keywordsData string

// lists are the keyword lists of data/keywords.txt.
type lists map[string][]string

func parseLists(data string) (lists, error) {
	l := lists{}
	cur := ""
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			cur = line[1 : len(line)-1]
			continue
		}
		if cur == "" {
			return nil, fmt.Errorf("targets: keywords.txt line %d: word outside a [list]", i+1)
		}
		l[cur] = append(l[cur], line)
	}
	return l, nil
}

// res are the loaded resources, built once.
type res struct {
	num *numbers.Parser
	kw  lists
}

var shared = func() *res {
	kw, err := parseLists(keywordsData)
	if err != nil {
		panic(err)
	}
	return &res{num: numbers.MustLoad(), kw: kw}
}()

func (r *res) any(list, s string) bool {
	for _, w := range r.kw[list] {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// framed reports whether a clause that ends at a figure is framed by a
// word such as 围绕 or 依托 at its start (围绕汽车、钢铁…5个传统产业) or
// right before the figure (聚焦1—2个学科): the figure counts what exists.
func (r *res) framed(before string) bool {
	b := strings.TrimPrefix(before, "重点")
	b = strings.TrimPrefix(b, "通过")
	for _, w := range r.kw["frame"] {
		if strings.HasPrefix(b, w) || strings.HasSuffix(before, w) {
			return !r.any("funding", before)
		}
	}
	return false
}

// lastIndex returns the end of the last word of list in s, or -1.
func (r *res) lastIndex(list, s string) int {
	best := -1
	for _, w := range r.kw[list] {
		if k := strings.LastIndex(s, w); k >= 0 && k+len(w) > best {
			best = k + len(w)
		}
	}
	return best
}

func (r *res) suffix(list, s string) string {
	best := ""
	for _, w := range r.kw[list] {
		if strings.HasSuffix(s, w) && len(w) > len(best) {
			best = w
		}
	}
	return best
}

func (r *res) prefix(list, s string) string {
	best := ""
	for _, w := range r.kw[list] {
		if strings.HasPrefix(s, w) && len(w) > len(best) {
			best = w
		}
	}
	return best
}

// Extract returns the targets of doc. doc.Sections and doc.Tables are
// already filled. sg is shared read-only.
func Extract(doc *schema.Document, sg *seg.Segmenter) []schema.Target {
	x := &extractor{res: shared, doc: doc, sg: sg}
	x.run()
	return x.dedupe()
}

type extractor struct {
	*res
	doc *schema.Document
	sg  *seg.Segmenter
	out []schema.Target
	// paraOf holds the paragraph of each output target, for dedupe
	paraOf  []int
	curPara int
}

// blockAt returns the block whose span holds byte offset pos, or nil.
// Blocks are in text order.
func (x *extractor) blockAt(pos int) *schema.Block {
	bs := x.doc.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].Span.End >= pos })
	if i < len(bs) && bs[i].Span.Start <= pos && pos <= bs[i].Span.End {
		return &bs[i]
	}
	return nil
}

// line is one line of doc.Text.
type line struct {
	start, end int
	skip       bool // table row
	heading    bool // a heading block
}

func (x *extractor) lines() []line {
	text := x.doc.Text
	var ls []line
	for i := 0; i <= len(text); {
		j := strings.IndexByte(text[i:], '\n')
		end := len(text)
		if j >= 0 {
			end = i + j
		}
		ls = append(ls, line{start: i, end: end})
		if j < 0 {
			break
		}
		i = end + 1
	}
	inSpan := func(a, b int, s schema.Span) bool { return a < s.End && s.Start < b }
	prevSkip := false
	for k := range ls {
		l := &ls[k]
		t := text[l.start:l.end]
		tt := strings.TrimSpace(t)
		if strings.Contains(tt, "\t") || cellsLine(tt) {
			l.skip = true
		}
		// the total line of a table: 合计：核心技术44项，…
		if prevSkip && (strings.HasPrefix(tt, "合计") || strings.HasPrefix(tt, "总计") || strings.HasPrefix(tt, "合 计")) {
			l.skip = true
		}
		if tt != "" {
			prevSkip = l.skip
		}
		if b := x.blockAt(l.start); b != nil && l.end <= b.Span.End {
			if b.Kind == schema.BlockTable {
				l.skip = true
			}
			if b.Kind == schema.BlockHeading {
				l.heading = true
			}
		}
		for _, tb := range x.doc.Tables {
			if inSpan(l.start, l.end, tb.Span) {
				// a note after the table stays prose
				if !strings.Contains(t, "备注") && !strings.HasPrefix(strings.TrimSpace(t), "注") {
					l.skip = true
				}
			}
		}
	}
	return ls
}

// cellsLine reports whether a line is a row of table cells separated by
// spaces (PDF text): several short fields, at least two of them numbers,
// and no sentence punctuation.
func cellsLine(t string) bool {
	if strings.ContainsAny(t, "，。；,;") {
		return false
	}
	f := strings.Fields(t)
	if len(f) < 2 {
		return false
	}
	nums := 0
	for _, c := range f {
		if utf8.RuneCountInString(c) > 20 {
			return false
		}
		if c != "" && (c[0] >= '0' && c[0] <= '9') {
			nums++
		}
	}
	return nums >= 2 || nums >= 1 && len(f) >= 3
}

// listMarker returns the byte length of a list label at the start of s
// (一、 （一） 1． 1. (1) ① 第一条) and its type (1 一、, 2 （一）, 3 1.,
// 4 (1), 5 ①, 6 第X条, 7 第X章), or 0.
func listMarker(s string) (n, level int) {
	s0 := s
	s = strings.TrimLeft(s, "#* ")
	off := len(s0) - len(s)
	r, sz := utf8.DecodeRuneInString(s)
	switch {
	case r == '（' || r == '(':
		j := sz
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if isCN(r2) || unicode.IsDigit(r2) {
				j += s2
				continue
			}
			break
		}
		if j > sz && j < len(s) && (strings.HasPrefix(s[j:], "）") || strings.HasPrefix(s[j:], ")")) && j-sz <= 9 {
			c := "）"
			if strings.HasPrefix(s[j:], ")") {
				c = ")"
			}
			lv := 2
			if unicode.IsDigit(rune(s[sz])) {
				lv = 4
			}
			return off + j + len(c), lv
		}
	case isCN(r) && r != '十' || r == '十':
		j := 0
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if isCN(r2) {
				j += s2
				continue
			}
			break
		}
		if j > 0 && j <= 9 && strings.HasPrefix(s[j:], "、") {
			return off + j + len("、"), 1
		}
	case r >= '0' && r <= '9':
		j := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j <= 2 {
			for _, sep := range []string{"．", ".", "、"} {
				if strings.HasPrefix(s[j:], sep) && !(sep == "." && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
					return off + j + len(sep), 3
				}
			}
		}
	case r >= '①' && r <= '⑳':
		return off + sz, 5
	case r == '第':
		for _, w := range []struct {
			s  string
			ty int
		}{{"条", 6}, {"章", 7}, {"节", 7}} {
			if k := strings.Index(s, w.s); k > len("第") && k <= 15 {
				ok := true
				for _, r2 := range s[len("第"):k] {
					if !isCN(r2) && !unicode.IsDigit(r2) && r2 != '百' && r2 != '零' {
						ok = false
					}
				}
				if ok {
					return off + k + len(w.s), w.ty
				}
			}
		}
	}
	return 0, 0
}

// markerRank orders label types from the outermost: 第X章, 一、, 第X条,
// （一）, 1., (1), ①; Markdown/HTML headings by their level. A state set
// under a heading of some rank ends at the next heading of the same or an
// outer rank.
func markerRank(ty int) int {
	switch ty {
	case 7:
		return 1
	case 1:
		return 2
	case 6:
		return 3
	case 2:
		return 4
	case 3:
		return 5
	case 4:
		return 6
	case 5:
		return 7
	}
	if ty > 100 {
		return ty - 100
	}
	return 2
}

func isCN(r rune) bool { return strings.ContainsRune("一二三四五六七八九十", r) }

// para is a paragraph: lines joined where a hard wrap split a sentence.
type para struct {
	start, end int
	heading    bool
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " *")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。；;！!？?：:", r)
}

func (x *extractor) paragraphs(ls []line) []para {
	text := x.doc.Text
	var ps []para
	var cur *para
	for _, l := range ls {
		t := strings.TrimSpace(text[l.start:l.end])
		if l.skip {
			cur = nil
			continue
		}
		if t == "" {
			continue
		}
		m, _ := listMarker(t)
		hard := cur == nil || l.heading || m > 0 || strings.HasPrefix(t, "#") ||
			endsSentence(text[cur.start:cur.end]) || utf8.RuneCountInString(strings.TrimSpace(text[lastLineStart(text, cur.end):cur.end])) < 15 ||
			strings.HasPrefix(t, "附件") || cur.heading
		if hard {
			ps = append(ps, para{start: l.start, end: l.end, heading: l.heading || strings.HasPrefix(t, "#")})
			cur = &ps[len(ps)-1]
			continue
		}
		cur.end = l.end
	}
	// flattened web text: a whole policy on one line, headings inline
	var out []para
	for _, p := range ps {
		st := p.start
		for i := p.start; i < p.end; {
			r, sz := utf8.DecodeRuneInString(text[i:])
			i += sz
			if r != ' ' && r != '\u3000' {
				continue
			}
			if m, ty := listMarker(text[i:p.end]); m > 0 && ty != 5 && i > st {
				out = append(out, para{start: st, end: i - sz, heading: p.heading && st == p.start})
				st = i
			}
		}
		out = append(out, para{start: st, end: p.end, heading: p.heading && st == p.start})
	}
	return out
}

func lastLineStart(text string, end int) int {
	i := strings.LastIndexByte(text[:end], '\n')
	return i + 1
}

// compact is a text with white space dropped, mapped to byte offsets of
// doc.Text.
type compact struct {
	s   string
	off []int // off[i] = doc.Text offset of s[i]; off[len(s)] = end
}

func newCompact(text string, start, end int) compact {
	var b strings.Builder
	var off []int
	prevKeep := rune(0)
	for i := start; i < end; {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || r == '*' && strings.HasPrefix(text[i:], "**") || r == '*' && i > 0 && text[i-1] == '*' {
			// keep one space between two ASCII alphanumerics (2018 2019, R D),
			// but mend a year a PDF broke (到20 27 年)
			nr, _ := utf8.DecodeRuneInString(text[i+sz:])
			if r == ' ' && isASCIIAlnum(prevKeep) && isASCIIAlnum(nr) && i+sz < end && !brokenYear(text, i) && !brokenNumber(text, i) {
				b.WriteByte(' ')
				off = append(off, i)
				prevKeep = ' '
			}
			i += sz
			continue
		}
		b.WriteString(text[i : i+sz])
		for k := 0; k < sz; k++ {
			off = append(off, i+k)
		}
		prevKeep = r
		i += sz
	}
	off = append(off, end)
	return compact{s: b.String(), off: off}
}

// brokenYear reports whether the space at text[i] splits a year: 20 27年.
func brokenYear(text string, i int) bool {
	a := i
	for a > 0 && isDigitByte(text[a-1]) {
		a--
	}
	b := i + 1
	for b < len(text) && isDigitByte(text[b]) {
		b++
	}
	rest := strings.TrimLeft(text[b:], " ")
	return (i-a)+(b-i-1) == 4 && strings.HasPrefix(rest, "年") && (a == 0 || !isDigitByte(text[a-1]))
}

// brokenNumber reports whether the space at text[i] splits a short number
// a PDF letter-spaced inside Chinese text: 联合创新中心2 0 个.
func brokenNumber(text string, i int) bool {
	a := i
	for a > 0 && isDigitByte(text[a-1]) {
		a--
	}
	b := i + 1
	for b < len(text) && isDigitByte(text[b]) {
		b++
	}
	if i-a == 0 || i-a > 2 || b-i-1 == 0 || b-i-1 > 2 || a == 0 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:a])
	after, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[b:], " "))
	return before >= utf8.RuneSelf && unicode.Is(unicode.Han, before) && unicode.Is(unicode.Han, after)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// sentence is a compact sentence of a paragraph.
type sentence struct {
	c          compact
	start, end int // in doc.Text
	first      bool
}

func splitSentences(text string, p para) []sentence {
	var out []sentence
	s := p.start
	flush := func(e int) {
		if strings.TrimSpace(text[s:e]) != "" {
			out = append(out, sentence{c: newCompact(text, s, e), start: s, end: e})
		}
		s = e
	}
	for i := p.start; i < p.end; {
		r, sz := utf8.DecodeRuneInString(text[i:])
		i += sz
		if strings.ContainsRune("。；;！!？?", r) {
			// keep a closing quote or bracket with its sentence
			for i < p.end {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if strings.ContainsRune("”’」）)*", r2) {
					i += s2
					continue
				}
				break
			}
			flush(i)
		}
	}
	flush(p.end)
	if len(out) > 0 {
		out[0].first = true
	}
	return out
}

// section state from our own heading scan, used when doc.Sections is empty
// and to find background and condition sections.
type headState struct {
	titles [8]string
	level  int
}

func (h *headState) push(level int, title string) {
	if level < 1 {
		level = 1
	}
	if level > 7 {
		level = 7
	}
	h.titles[level] = title
	for k := level + 1; k < len(h.titles); k++ {
		h.titles[k] = ""
	}
	h.level = level
}

func (h *headState) any(f func(string) bool) bool {
	for _, t := range h.titles {
		if t != "" && f(t) {
			return true
		}
	}
	return false
}

func (x *extractor) sectionAt(pos int) int {
	best := -1
	for i, s := range x.doc.Sections {
		if s.Span.Start <= pos && pos < s.Span.End {
			if best < 0 || s.Span.Len() <= x.doc.Sections[best].Span.Len() {
				best = i
			}
		}
	}
	return best
}

func (x *extractor) sectionTitles(idx int) []string {
	var out []string
	for n := 0; idx >= 0 && n < 20; n++ {
		s := x.doc.Sections[idx]
		out = append(out, s.Title)
		idx = s.Parent
	}
	return out
}

func (x *extractor) run() {
	text := x.doc.Text
	ls := x.lines()
	ps := x.paragraphs(ls)
	var hs headState
	condPara, condRank := false, 0
	// a year stated at the start of a sentence in a 目标 section governs the
	// rest of that section (二、发展目标 …到2023年末，… ——产业规模…达1000亿元)
	var secYear numbers.Date
	hasSecYear, secYearRank := false, 0
	curRank := 0 // static rank of the innermost heading seen
	heading := func(ty int, title string) {
		if k := strings.IndexAny(title, "。"); k >= 0 {
			title = title[:k]
		}
		if utf8.RuneCountInString(title) > 40 {
			title = ""
		}
		curRank = markerRank(ty)
		hs.push(curRank, title)
		if curRank <= condRank {
			condPara = false
		}
		if curRank <= secYearRank {
			hasSecYear, secYearRank = false, 0
		}
	}
	for pi, p := range ps {
		x.curPara = pi
		pt := strings.TrimSpace(text[p.start:p.end])
		m, ty := listMarker(pt)
		if p.heading && m == 0 {
			ty = 100
			if b := x.blockAt(p.start); b != nil && b.Span.Start == p.start && b.Level > 0 {
				ty = 100 + b.Level
			}
		}
		if p.heading || m > 0 {
			heading(ty, pt[m:])
		}
		sents := splitSentences(text, p)
		paraYear := numbers.Date{}
		hasParaYear := false
		for si, st := range sents {
			cs := st.c.s
			// a label inside a paragraph of run-together text: …。第八条…
			if si > 0 {
				if k, t := listMarker(cs); k > 0 && t != 3 && t != 5 {
					heading(t, cs[k:])
				}
			}
			// the label sentence of a numbered item: （三）主要目标。
			if si == 0 && m > 0 && len(sents) > 1 && utf8.RuneCountInString(cs) <= 30 {
				if k, _ := listMarker(cs); k > 0 {
					if len(sents) > 1 {
						sents[1].first = true
					}
					continue
				}
			}
			if st.first {
				body := cs
				if k, _ := listMarker(body); k > 0 {
					body = body[k:]
				}
				body = strings.TrimPrefix(body, "力争")
				if d, ok := numbers.Governing(firstClause(body)); ok && d.Start <= len("截至") {
					paraYear, hasParaYear = d, true
				}
			}
			if !hasSecYear && hs.level > 0 && strings.Contains(hs.titles[hs.level], "目标") {
				body := cs
				if k, _ := listMarker(body); k > 0 {
					body = body[k:]
				}
				body = strings.TrimPrefix(body, "力争")
				if d, ok := numbers.Governing(firstClause(body)); ok && d.Start <= len("截至") {
					secYear, hasSecYear, secYearRank = d, true, curRank
					if curRank == 0 {
						secYearRank = 100
					}
				}
			}
			if !hasParaYear && hasSecYear {
				paraYear, hasParaYear = secYear, true
			}
			if leadIn := cs[:max(strings.LastIndex(cs, "："), strings.LastIndex(cs, ":"), 0)]; leadIn != "" && x.any("condition", leadIn) && !strings.ContainsAny(leadIn[strings.LastIndexAny(leadIn, "，,")+1:], "0123456789") {
				condPara, condRank = true, curRank
				if curRank == 0 {
					condRank = 100
				}
			}
			x.sentence(st, p, si, len(sents), hs, condPara, paraYear, hasParaYear)
		}
	}
}

func firstClause(s string) string {
	if k := strings.IndexAny(s, "，,"); k >= 0 {
		return s[:k]
	}
	return s
}

// title words of a short line that is a title, not a sentence
var titleEnds = []string{"计划", "方案", "办法", "通知", "意见", "措施", "细则", "指引", "清单", "规划", "表", "名单", "目录", "工程"}

func (x *extractor) sentence(st sentence, p para, si, n int, hs headState, condPara bool, paraYear numbers.Date, hasParaYear bool) {
	cs := st.c.s
	runes := utf8.RuneCountInString(cs)
	// headings and titles restate figures committed in their body
	if p.heading && !strings.ContainsAny(cs, "，,") {
		return
	}
	if k, _ := listMarker(cs); k > 0 && si == 0 && runes <= 30 && (n > 1 || !strings.ContainsAny(cs, "，,；;。")) {
		return
	}
	if runes <= 30 && !strings.ContainsAny(cs, "，,。；;：:") {
		t := strings.TrimRight(cs, "）)")
		for _, w := range titleEnds {
			if strings.HasSuffix(t, w) || strings.Contains(t, w+"（") || strings.Contains(t, w+"(") {
				return
			}
		}
	}
	if strings.HasPrefix(cs, "附件") && runes <= 40 {
		return
	}
	// a fragment such as a table cell (90%以上) is no sentence
	if n == 1 && runes <= 8 {
		return
	}
	// background sections
	secIdx := x.sectionAt(st.start)
	bg := hs.any(func(t string) bool { return x.any("background", t) })
	cond := condPara || hs.any(func(t string) bool { return x.any("condition", t) })
	if secIdx >= 0 {
		for _, t := range x.sectionTitles(secIdx) {
			if x.any("background", t) {
				bg = true
			}
		}
	}
	if bg {
		return
	}
	// markup, scripts and style sheets left by a reader are no prose
	if markup(cs) {
		return
	}
	qs := x.num.Scan(cs)
	var kept []numbers.Quantity
	for _, q := range qs {
		if q.Is() && q.NormValue > 0 && !x.excluded(cs, q) {
			kept = append(kept, q)
		}
	}
	for qi, q := range kept {
		cl0, cl1 := clause(cs, q.Start, q.End)
		lo := cl0
		if qi > 0 && kept[qi-1].End > lo && kept[qi-1].End <= q.Start {
			lo = kept[qi-1].End
		}
		before := cs[lo:q.Start]
		after := cs[q.End:cl1]
		t := schema.Target{
			Section:      secIdx,
			Value:        q.Value,
			Unit:         q.Unit,
			NormUnit:     q.NormUnit,
			Source:       "text",
			Table:        -1,
			Row:          -1,
			Sentence:     sentenceText(x.doc.Text, st),
			SentenceSpan: schema.Span{Start: st.start, End: st.end},
			Span:         schema.Span{Start: st.c.off[q.Start], End: st.c.off[q.End-1] + 1},
		}
		// the span ends after the last byte of the last rune
		t.Span.End = st.c.off[q.End-1]
		_, lsz := utf8.DecodeLastRuneInString(cs[:q.End])
		t.Span.End = st.c.off[q.End-lsz] + lsz
		t.NormValue = round(q.NormValue)
		t.Comparator = x.num.Comparator(before, after, q)
		// a list shares the comparator written after its last member
		// (5000万元、1亿元、2亿元以上的) or before its first (首次突破100亿元、
		// 50亿元…; 分别最高给予1000万元、300万元)
		lastAfter := after
		if k := listLast(cs, kept, qi); k != qi {
			_, e := clause(cs, kept[k].Start, kept[k].End)
			lastAfter = cs[kept[k].End:e]
			if c := x.num.Comparator("", lastAfter, kept[k]); t.Comparator == "=" && c != "=" && !kept[k].Range && !kept[k].More {
				t.Comparator = c
			}
		}
		if qi > 0 && kept[qi-1].End <= q.Start && listGapWord(cs[kept[qi-1].End:q.Start]) && len(x.out) > 0 && t.Comparator == "=" && x.out[len(x.out)-1].Sentence == t.Sentence {
			t.Comparator = x.out[len(x.out)-1].Comparator
		}
		rank := false
		if t.Comparator == "=" && (strings.HasSuffix(before, "前") || strings.HasSuffix(before, "后")) && (q.Unit == "名" || q.Unit == "位") {
			t.Comparator, rank = "<=", true
		}
		if enumCount(cs[cl0:q.Start], q.Num) {
			continue
		}
		if x.partCount(before, after, q, t.Comparator) {
			continue
		}
		// 合计：核心技术44项，… is a table's total line run into the text
		if strings.Contains(cs[:q.Start], "合计：") || strings.Contains(cs[:q.Start], "合计:") {
			continue
		}
		// 知识产权保护方面5项：… counts the items that follow
		if rest := stripCmp(cs[q.End:]); strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":") {
			continue
		}
		// 每招收1名博士后: the unit a grant is counted in
		if q.Num == 1 && !q.Range && perOne(before) {
			continue
		}
		// past statements; figures in a framing clause (依托…4个高新区)
		// …自注册成立以来首次达到1亿元的，给予: a condition of a grant
		if x.any("past", cs[cl0:q.Start]) || x.any("past_sentence", cs[:q.Start]) && !x.any("funding", cs[q.End:]) {
			continue
		}
		if x.framed(cs[cl0:q.Start]) {
			continue
		}
		// deadline: the year governing the clause, else the paragraph's
		if d, ok := numbers.Governing(cs[:q.Start]); ok {
			t.Deadline = d.String()
		} else if hasParaYear && !st.first {
			t.Deadline = paraYear.String()
		} else if hasParaYear && st.first {
			t.Deadline = paraYear.String()
		}
		// 两种不同类型, 三个集聚区: a small Chinese numeral in prose describes;
		// a commitment has a deadline or a comparator
		if q.Chinese && q.Num < 10 && t.Deadline == "" && t.Comparator == "=" && q.Class == numbers.Count {
			continue
		}
		// a year before the document was issued is the past (2023年，我区
		// 主动公开政府信息1136条 in a report issued in 2024)
		if ref := x.refDate(); t.Deadline != "" && ref != "" && t.Deadline < ref {
			continue
		}
		// 每年 in the figure's clause, or opening the sentence; a 每年 of an
		// earlier grant (给予每个机构每年30万元…，每引进1个项目，给予最高
		// 30万元) does not carry over
		if annual(cs[cl0:q.Start]) || annual(firstClause(cs)) && cs[:cl0] != "" && annual(cs[:min(len(cs), len("每年度"))]) {
			t.Period = "annual"
		}
		// 5万元/年 is an annual amount, not money per unit
		if strings.HasSuffix(t.NormUnit, "/年") {
			t.NormUnit = strings.TrimSuffix(t.NormUnit, "/年")
			t.Period = "annual"
		}
		t.Kind = x.kind(cs, q, before, after, lastAfter, kept[qi+1:], t, cond)
		// members of a list share their kind (分别给予4000元、8000元培养资助)
		if qi > 0 && kept[qi-1].End <= q.Start && kept[qi-1].Class == q.Class && len(x.out) > 0 && x.out[len(x.out)-1].Sentence == t.Sentence {
			if gap := cs[kept[qi-1].End:q.Start]; gap == "、" || gap == "和" || gap == "及" || gap == "或" {
				t.Kind = x.out[len(x.out)-1].Kind
			}
		}
		if rank {
			t.Kind = schema.KindThreshold
		}
		t.Subject = x.subject(cs, q, lo, cl1, t.Kind)
		if t.Subject == "" {
			// a member of a list shares the subject of the one before it
			// (分别为2413元、2512元), so does the same figure for a later
			// year (到2023年不低于4人，到2025年不低于4.66人); else the
			// sentence's opening noun
			// (边缘家庭认定标准按…确定，为每人每月1963.5元)
			if prev := len(x.out) - 1; qi > 0 && prev >= 0 && x.out[prev].Sentence == t.Sentence && x.out[prev].Kind == t.Kind && x.out[prev].Span.End <= t.Span.Start && (kept[qi-1].End <= q.Start && listGapWord(cs[kept[qi-1].End:q.Start]) || x.out[prev].NormUnit == t.NormUnit && x.out[prev].Deadline != t.Deadline) {
				t.Subject = x.out[len(x.out)-1].Subject
			} else if cl0 > 0 && strings.HasPrefix(cs[cl0:q.Start], "为") {
				body := cs
				if k, _ := listMarker(body); k > 0 {
					body = body[k:]
				}
				t.Subject = x.headNoun(firstClause(body))
			}
		}
		// the goal of a qualified subject: 年研发投入超500万元的企业达100家
		if qi > 0 && t.Kind == schema.KindGoal && len(x.out) > 0 && x.out[len(x.out)-1].Kind == schema.KindThreshold && kept[qi-1].End > cl0 && kept[qi-1].End <= q.Start {
			if b := x.stripLinks(cs[cl0:q.Start]); strings.Contains(b, "的") && utf8.RuneCountInString(b) <= 30 {
				// 培育年产值超100亿元的龙头企业2家: the verb is no part of it
				if v := x.prefix("verb", b); v != "" && strings.Contains(b[len(v):], "的") {
					b = b[len(v):]
				}
				t.Subject = b
			}
		}
		// a grant with a generic name takes its heading: （二）支持技术改造。…资金
		if (t.Kind == schema.KindFunding || t.Kind == schema.KindRate) && genericSubject(t.Subject) {
			if h := hs.titles[hs.level]; h != "" && utf8.RuneCountInString(h) <= 20 {
				t.Subject = strings.TrimSpace(h + " " + t.Subject)
			}
		}
		if name, isPlace := x.scope(cs, q, kept); name != "" {
			if isPlace {
				t.Scope = name
			} else {
				t.Subject = name
			}
		}
		x.out = append(x.out, t)
		x.paraOf = append(x.paraOf, x.curPara)
	}
}

// markup reports whether a sentence is code or markup rather than prose:
// tags, style rules, URL escapes, or more Latin letters than Chinese.
func markup(s string) bool {
	for _, w := range []string{"<div", "</div", "<img", "<script", "<span", "{", "}", "$(", "//", "%E", "%e", "=\"", "&amp;", "px;", "-->", "<!"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	latin, han := 0, 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			latin++
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	return latin > han
}

// enumCount reports whether a figure only counts the items listed right
// before it (著作、论文、调研报告三种).
func enumCount(before string, v float64) bool {
	// 重点突破A、B…等8项技术 commits to the listed items: 等 keeps it
	if strings.HasSuffix(before, "等") || v < 2 || v > 20 {
		return false
	}
	n := strings.Count(before, "、") + 1
	if n < 2 {
		return false
	}
	last := before[strings.LastIndex(before, "、"):]
	if strings.Contains(last, "等") || utf8.RuneCountInString(last) > 12 {
		return false
	}
	if strings.Contains(last, "和") || strings.Contains(last, "及") {
		n++
	}
	return float64(n) == v
}

// stripCmp drops comparator words and (含) notes at the start of the text
// after a figure.
func stripCmp(a string) string {
	for {
		b := a
		for _, w := range []string{"(含)", "（含）", "(不含)", "（不含）", "及以上", "以上", "以下", "以内", "左右"} {
			a = strings.TrimPrefix(a, w)
		}
		if a == b {
			return a
		}
	}
}

func listGapWord(g string) bool { return g == "、" || g == "和" || g == "及" || g == "或" }

// listLast returns the index of the last member of the list that kept[qi]
// belongs to (600、300和200家; 5000万元、1亿元、2亿元以上).
func listLast(cs string, kept []numbers.Quantity, qi int) int {
	k := qi
	for k+1 < len(kept) && kept[k].End <= kept[k+1].Start && kept[k+1].Class == kept[qi].Class && listGapWord(cs[kept[k].End:kept[k+1].Start]) {
		k++
	}
	return k
}

// perOne reports whether the text before a 1 makes it a rate base:
// 每招收1名, 每引进1个.
func perOne(before string) bool {
	k := strings.LastIndex(before, "每")
	if k < 0 {
		return false
	}
	// 每年提升1个百分点: a time, not a unit counted
	for _, w := range []string{"每年", "每月", "每季度", "每半年", "每天", "每周"} {
		if strings.HasPrefix(before[k:], w) {
			return false
		}
	}
	return utf8.RuneCountInString(before[k:]) <= 5
}

func round(v float64) float64 {
	// money arithmetic: 1.4 × 1e8 must be 140000000 exactly
	r := float64(int64(v*1e6+0.5)) / 1e6
	if v < 0 {
		return v
	}
	return r
}

func sentenceText(text string, st sentence) string {
	s := strings.TrimSpace(text[st.start:st.end])
	s = strings.ReplaceAll(s, "\n", "")
	s = strings.ReplaceAll(s, "**", "")
	return s
}

// clause returns the bounds of the clause holding [a, b) of s: between
// commas, colons and sentence ends.
func clause(s string, a, b int) (int, int) {
	lo := 0
	for _, sep := range []string{"，", ",", "：", ":", "；", "。"} {
		if k := strings.LastIndex(s[:a], sep); k >= 0 && k+len(sep) > lo {
			lo = k + len(sep)
		}
	}
	hi := len(s)
	for _, sep := range []string{"，", ",", "：", ":", "；", "。", "、"} {
		if k := strings.Index(s[b:], sep); k >= 0 && b+k < hi {
			hi = b + k
		}
	}
	return lo, hi
}

// excluded applies the rules for figures that are no targets.
func (x *extractor) excluded(cs string, q numbers.Quantity) bool {
	// inside a short quotation or a title: a name (“3个100”, 《…》)
	for _, qt := range [][2]string{{"“", "”"}, {"\"", "\""}, {"《", "》"}, {"〈", "〉"}, {"「", "」"}} {
		open := strings.LastIndex(cs[:q.Start], qt[0])
		if open < 0 {
			continue
		}
		closeBefore := strings.LastIndex(cs[:q.Start], qt[1])
		if qt[0] == qt[1] {
			if strings.Count(cs[:q.Start], qt[0])%2 == 0 {
				continue
			}
		} else if closeBefore > open {
			continue
		}
		cl := strings.Index(cs[q.End:], qt[1])
		if cl >= 0 && (qt[0] == "《" || qt[0] == "〈" || utf8.RuneCountInString(cs[open:q.End+cl]) <= 14) {
			return true
		}
	}
	// an ordinal list: 第九、十条
	if b := strings.TrimSuffix(cs[:q.Start], "、"); len(b) < q.Start {
		k := len(b)
		for k > 0 {
			r, sz := utf8.DecodeLastRuneInString(b[:k])
			if isCN(r) || r < utf8.RuneSelf && unicode.IsDigit(r) {
				k -= sz
				continue
			}
			break
		}
		if k < len(b) && strings.HasSuffix(b[:k], "第") {
			return true
		}
	}
	// inside parentheses next to an identifier: (含70分)
	if strings.HasSuffix(cs[:q.Start], "(含") || strings.HasSuffix(cs[:q.Start], "（含") {
		return true
	}
	// a rank: 全国第25位 is caught by the parser; 前5名 in 排名 stays
	// vague or ordinal words after: 70吨级 is caught by the unit stop list
	after := cs[q.End:]
	for _, w := range []string{"级", "型", "代", "系列", "号"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// kind decides goal, funding, rate or threshold.
func (x *extractor) kind(cs string, q numbers.Quantity, before, after, lastAfter string, later []numbers.Quantity, t schema.Target, cond bool) string {
	a := stripCmp(after)
	// …以上的，给予: the figure qualifies who gets something
	if la := stripCmp(lastAfter); la == "的" || la == "的企业" || la == "的单位" || la == "的项目" {
		return schema.KindThreshold
	}
	// 购机价格在5000元以上的鼓励非现金支付: 的 and a verb
	if t.Comparator != "=" && strings.HasPrefix(a, "的") && x.prefix("verb", a[len("的"):]) != "" {
		return schema.KindThreshold
	}
	if x.condClause(cs, q, t.Deadline != "") || x.qualifier(cs, q, later, t.Comparator) {
		return schema.KindThreshold
	}
	rest := cs[q.End:]
	if k := strings.IndexAny(rest, "，,；。"); k >= 0 {
		rest = rest[:k]
	}
	tier := x.prefix("tier", a) != "" || x.any("tier", rest) && (strings.HasPrefix(a, "、") || strings.HasPrefix(rest, "、") || strings.HasPrefix(a, "等"))
	if q.Class == numbers.Score || q.Class == numbers.Age || tier {
		return schema.KindThreshold
	}
	// 年研发投入超500万元的企业达100家; 超过1000万元科技型企业
	// (给予最高30万元项目服务奖 names a grant, not an entity)
	if e := x.prefix("entity", strings.TrimPrefix(a, "的")); e != "" && t.Comparator != "=" && (q.Class == numbers.Money && !x.any("funding", before) || strings.HasPrefix(a, "的")) {
		return schema.KindThreshold
	}
	money := q.Class == numbers.Money
	// 年度研发经费不足1000万元但与高校有合作基础的企业: an amount that
	// qualifies the subject of its clause
	if money && t.Comparator != "=" && t.Comparator != "~" {
		if k := strings.Index(after, "的"); k >= 0 && x.prefix("entity", after[k+len("的"):]) != "" && !x.any("funding", after[:k]) {
			return schema.KindThreshold
		}
	}
	pct := q.Class == numbers.Percent || q.Class == numbers.Permille
	clauseBefore := before
	funding := x.any("funding", clauseBefore) || x.prefix("funding", strings.TrimPrefix(a, "的")) != ""
	if !cond || t.Comparator == "=" {
		funding = funding || x.any("fundnoun", clauseBefore) || x.prefix("fundnoun", strings.TrimPrefix(a, "的")) != ""
	}
	switch {
	case pct:
		if x.any("rate", before) || x.any("rate", a) && strings.HasPrefix(a, "的") || funding && !strings.Contains(before, "率") {
			return schema.KindRate
		}
		if cond && t.Comparator != "=" {
			return schema.KindThreshold
		}
		return schema.KindGoal
	case money:
		// a cap is a grant, also among conditions when the sentence grants
		// (择优给予奖励，金额最高20万元)
		capGrant := t.Comparator == "<=" && t.Deadline == "" && (!cond || x.any("funding", cs[:q.Start]))
		// 按博士研究生5万元、硕士研究生3万元的标准给予奖励
		paid := t.Comparator == "=" && t.Deadline == "" && x.any("funding", toComma(cs[q.End:]))
		if funding || capGrant || paid || strings.Contains(q.Unit, "/") || strings.Contains(q.Unit, "每") {
			return schema.KindFunding
		}
		if cond && t.Comparator != "=" {
			return schema.KindThreshold
		}
		// a floor on money beside a grant in the same sentence is the
		// grant's condition (总投资500万元以上，资助科技经费100万元以上)
		if t.Deadline == "" && t.Comparator == ">=" {
			for _, o := range later {
				if o.Class == numbers.Money && x.any("funding", cs[q.End:o.Start]) {
					return schema.KindThreshold
				}
			}
		}
		return schema.KindGoal
	}
	if cond && t.Comparator != "=" {
		return schema.KindThreshold
	}
	return schema.KindGoal
}

// subject reads what the figure counts or funds from the words around it.
func (x *extractor) subject(cs string, q numbers.Quantity, cl0, cl1 int, kind string) string {
	before := cs[cl0:q.Start]
	after := cs[q.End:cl1]
	for _, w := range []string{"(含)", "（含）", "及以上", "以上", "以下", "以内", "左右", "的"} {
		after = strings.TrimPrefix(after, w)
	}
	// strip link words and per-unit words at the end of before: 数量达到 →
	// 数量; 保障标准为每人每月 → 保障标准
	for {
		w := x.suffix("link", before)
		if w == "" {
			w = x.suffix("per_unit", before)
		}
		if w == "" {
			break
		}
		before = strings.TrimSuffix(before, w)
	}
	back := x.tailNoun(before)
	fwd := x.headNoun(after)
	for _, w := range []string{"和", "及", "与", "或", "、"} {
		fwd = strings.TrimSuffix(fwd, w)
	}
	// 约1000名达到国际服务标准的家庭医生: the noun after a clause in 的
	if fwd == "" {
		if k := strings.Index(after, "的"); k > 0 && !strings.ContainsAny(after[:k], "0123456789") {
			if h := x.headNoun(after[k+len("的"):]); !strings.HasSuffix(h, "的") {
				fwd = h
			}
		}
	}
	// （以下简称…项目） names the measure, not what is funded
	if strings.HasPrefix(fwd, "（以下") || strings.HasPrefix(fwd, "(以下") {
		fwd = ""
	}
	// 建设50所学校和150个专业: the words before 和 belong to the figure
	// before
	if listGapWord(lastRune(before)) && cl0 > 0 && strings.IndexAny(before, "，,：:；;") < 0 && fwd != "" {
		back = ""
	}
	// 示范项目新增15个: the noun before the verb
	if back == "" && fwd == "" {
		if v := x.suffix("verb", before); v != "" {
			if b := x.tailNoun(strings.TrimSuffix(before, v)); utf8.RuneCountInString(b) >= 2 {
				back = b
			}
		}
	}
	// 每年最多奖励10家企业: a quota counts what follows the grant verb
	if kind == schema.KindGoal && fwd != "" && x.suffix("funding", before) != "" {
		return fwd
	}
	// 高效稀土永磁电机研发等3项技术: the list and what it lists
	if strings.HasSuffix(before, "等") && back != "" && fwd != "" && kind == schema.KindGoal {
		return back + "等" + fwd
	}
	switch {
	case kind == schema.KindFunding || kind == schema.KindRate:
		// who gets it and what it is: 立项项目 资助; 立项项目 项目总投入
		obj := x.object(cs[:q.Start])
		s := back
		if kind == schema.KindFunding && fwd != "" || kind == schema.KindRate && (back == "" || strings.HasSuffix(before, "按")) && fwd != "" {
			s = fwd
		}
		s = strings.TrimSuffix(s, "的")
		if obj != "" && !strings.Contains(s, obj) {
			s = obj + " " + s
		}
		return strings.TrimSpace(s)
	case back != "" && (fwd == "" || utf8.RuneCountInString(back) >= 2 && !x.endsVerb(cs[cl0:q.Start])):
		return back
	case fwd != "":
		if strings.HasSuffix(cs[cl0:q.Start], "新增") {
			return "新增" + fwd
		}
		return fwd
	}
	return back
}

// stripLinks drops link words (达到, 不少于 …) at the end of s.
func (x *extractor) stripLinks(s string) string {
	for {
		w := x.suffix("link", s)
		if w == "" {
			return s
		}
		s = strings.TrimSuffix(s, w)
	}
}

// genericSubject reports whether a grant's subject says nothing of its
// purpose (资金, 支持, 专项).
func genericSubject(s string) bool {
	switch s {
	case "", "资金", "经费", "支持", "专项", "控制", "补助", "奖励", "资助", "激励", "补贴":
		return true
	}
	return utf8.RuneCountInString(s) <= 1
}

func (x *extractor) endsVerb(s string) bool {
	for {
		w := x.suffix("link", s)
		if w == "" {
			break
		}
		s = strings.TrimSuffix(s, w)
	}
	return x.suffix("verb", s) != "" || s == ""
}

// tailNoun takes the noun phrase at the end of s: tokens back to a verb,
// a time word or punctuation.
func (x *extractor) tailNoun(s string) string {
	if s == "" || x.sg == nil {
		return s
	}
	toks := x.sg.Cut(s)
	end := len(s)
	k := len(toks)
	for k > 0 && (funcWord[toks[k-1]] || strings.TrimSpace(toks[k-1]) == "") {
		end -= len(toks[k-1])
		k--
	}
	start := end
	n := 0
	for k > 0 {
		t := toks[k-1]
		stop := isPunct(t) || x.isVerbTok(t) || t == "年" || strings.ContainsAny(t, "0123456789") || n >= 12
		if stop && n <= 1 && !isPunct(t) && !strings.ContainsAny(t, "0123456789") && t != "年" && n > 0 {
			// 土地建成率: a one-character tail takes the word before it
			stop = false
		}
		if stop || funcWord[t] && t != "的" && t != "和" && t != "及" && t != "与" && n > 0 {
			break
		}
		n += utf8.RuneCountInString(t)
		start -= len(t)
		k--
	}
	out := strings.TrimPrefix(strings.TrimSpace(s[start:end]), "的")
	// a phrase cut by the length limit keeps its head after 的
	// (…提供引才服务的人力资源服务机构 → 人力资源服务机构)
	if n >= 12 {
		if k := strings.LastIndex(out, "的"); k >= 0 && utf8.RuneCountInString(out[k+len("的"):]) >= 2 {
			out = out[k+len("的"):]
		}
	}
	// a conjunction opens no subject: 且研发投入 → 研发投入
	for _, w := range []string{"且", "并", "而"} {
		if r := strings.TrimPrefix(out, w); len(r) < len(out) && utf8.RuneCountInString(r) >= 2 {
			out = r
			break
		}
	}
	return out
}

// headNoun takes the noun phrase at the start of s, brackets included:
// 校校企(校企)联合创新中心.
func (x *extractor) headNoun(s string) string {
	if s == "" || x.sg == nil {
		return ""
	}
	toks := x.sg.Cut(s)
	end := 0
	n := 0
	depth := 0
	for _, t := range toks {
		switch t {
		case "(", "（":
			depth++
			end += len(t)
			continue
		case ")", "）":
			if depth == 0 {
				break
			}
			depth--
			end += len(t)
			continue
		}
		if depth == 0 && (isPunct(t) || x.isVerbTok(t) || t == "等" || strings.ContainsAny(t, "0123456789") || n >= 30) {
			break
		}
		end += len(t)
		n += utf8.RuneCountInString(t)
	}
	out := s[:end]
	if depth > 0 {
		if k := strings.LastIndexAny(out, "(（"); k >= 0 {
			out = out[:k]
		}
	}
	// 具有辐射引领作用的高水平专业化产教融合实训基地: a long phrase keeps
	// its head after the last 的
	if utf8.RuneCountInString(out) > 16 {
		if k := strings.LastIndex(out, "的"); k >= 0 && utf8.RuneCountInString(out[k+len("的"):]) >= 2 {
			out = out[k+len("的"):]
		}
	}
	return strings.TrimSpace(out)
}

// funcWord are tokens that end no subject: 花生种植、收获机械化率分别为
// 55%和65%.
var funcWord = map[string]bool{"和": true, "及": true, "与": true, "或": true, "均": true, "分别": true, "的": true, "等": true, "为": true, "是": true, "将": true, "要": true, "到": true, "在": true}

func (x *extractor) isVerbTok(t string) bool {
	switch t {
	case "总额", "总数", "合计", "总计", "总量":
		return false // nouns among the link words
	}
	for _, w := range x.kw["verb"] {
		if t == w {
			return true
		}
	}
	for _, w := range x.kw["link"] {
		if t == w {
			return true
		}
	}
	return false
}

func isPunct(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsPunct(r) || unicode.IsSymbol(r) || strings.ContainsRune("，。；：、（）《》“”", r)
}

// object returns the beneficiary of a grant: 对首次通过认定的企业给予… →
// 首次通过认定的企业.
func (x *extractor) object(s string) string {
	k := strings.LastIndex(s, "对")
	if k < 0 {
		return ""
	}
	o := s[k+len("对"):]
	o = strings.TrimPrefix(o, "于")
	for _, sep := range []string{"，", ",", "给予", "按照", "按", "予以", "每"} {
		if e := strings.Index(o, sep); e >= 0 {
			o = o[:e]
		}
	}
	return shortObject(o)
}

// shortObject shortens a long object of 对 without cutting a word: the head
// noun after the last 的 (依法经营、成立未满3年的人力资源服务机构 →
// 人力资源服务机构), else the shortest tail after a list or bracket mark.
func shortObject(o string) string {
	const most = 24
	if utf8.RuneCountInString(o) <= most {
		return o
	}
	if k := strings.LastIndex(o, "的"); k >= 0 {
		if h := o[k+len("的"):]; utf8.RuneCountInString(h) >= 2 && utf8.RuneCountInString(h) <= most {
			return h
		}
	}
	for i, r := range o {
		if strings.ContainsRune("、，,）)；;", r) {
			if t := strings.TrimLeft(o[i+utf8.RuneLen(r):], "、，,；;"); utf8.RuneCountInString(t) <= most && utf8.RuneCountInString(t) >= 2 {
				return t
			}
		}
	}
	return o
}

// scope: a list of places before 分别 that pairs with a list of figures.
func (x *extractor) scope(cs string, q numbers.Quantity, all []numbers.Quantity) (string, bool) {
	if !q.Shared && !strings.Contains(cs[:q.Start], "分别") {
		return "", false
	}
	k := strings.LastIndex(cs[:q.Start], "分别")
	if k < 0 {
		return "", false
	}
	// the figures of this list
	var list []numbers.Quantity
	for _, o := range all {
		if o.Start > k && o.Unit == q.Unit && (len(list) == 0 || listGapOK(cs[list[len(list)-1].End:o.Start])) {
			list = append(list, o)
		}
	}
	idx := -1
	for i, o := range list {
		if o.Start == q.Start {
			idx = i
		}
	}
	if idx < 0 || len(list) < 2 {
		return "", false
	}
	// names before 分别: the last run of X、Y、Z (和 W)
	head := cs[:k]
	if c := strings.LastIndexAny(head, "，,：:；"); c >= 0 {
		head = head[c+1:]
	}
	head = strings.TrimPrefix(head, "其中")
	parts := splitNames(head)
	if len(parts) != len(list) {
		return "", false
	}
	// 南宁、柳州、桂林 are places (scope); 战略性新兴企业、专精特新企业 are
	// subjects
	place := true
	for _, p := range parts {
		if utf8.RuneCountInString(p) > 4 && !strings.ContainsAny(string([]rune(p)[len([]rune(p))-1:]), "市区县省州镇乡") {
			place = false
		}
	}
	if !place {
		if idx == 0 {
			return x.tailNoun(parts[0]), false
		}
		return parts[idx], false
	}
	return parts[idx], true
}

func listGapOK(g string) bool {
	for _, r := range g {
		if !strings.ContainsRune("、，,和及与或0123456789.", r) {
			return false
		}
	}
	return true
}

// splitNames splits 南宁、柳州、桂林3市的高新技术企业数量 into 南宁 柳州 桂林.
func splitNames(s string) []string {
	s = strings.ReplaceAll(s, "和", "、")
	s = strings.ReplaceAll(s, "及", "、")
	ps := strings.Split(s, "、")
	if len(ps) < 2 {
		return nil
	}
	last := ps[len(ps)-1]
	// cut the tail after the last name: 桂林3市的… → 桂林
	end := len(last)
	for i, r := range last {
		if r < utf8.RuneSelf || strings.ContainsRune("的等市区县", r) && i > 0 {
			end = i
			break
		}
	}
	ps[len(ps)-1] = last[:end]
	first := ps[0]
	if utf8.RuneCountInString(first) > 6 && utf8.RuneCountInString(ps[1]) <= 4 {
		r := []rune(first)
		ps[0] = string(r[len(r)-utf8.RuneCountInString(ps[1]):])
	}
	for _, p := range ps {
		if p == "" {
			return nil
		}
	}
	return ps
}

// dedupe drops a figure restated for the same subject within one sentence,
// and the mention of a figure in an overview paragraph that lists several
// (即“3个100”：突破100项…、创建100个…) when the body commits it again.
func (x *extractor) dedupe() []schema.Target {
	out := x.out
	perPara := map[int]int{}
	for _, p := range x.paraOf {
		perPara[p]++
	}
	drop := make([]bool, len(out))
	type key struct {
		v float64
		u string
	}
	groups := map[key][]int{}
	for i, t := range out {
		k := key{t.NormValue, t.NormUnit}
		groups[k] = append(groups[k], i)
	}
	for i := range out {
		for _, j := range groups[key{out[i].NormValue, out[i].NormUnit}] {
			if i == j || drop[j] || drop[i] {
				continue
			}
			a, b := out[i], out[j]
			if a.NormValue != b.NormValue || a.NormUnit != b.NormUnit || !similar(a.Subject, b.Subject) {
				continue
			}
			if a.Sentence == b.Sentence && i > j && a.Subject == b.Subject && utf8.RuneCountInString(a.Subject) >= 3 && a.Comparator == b.Comparator {
				drop[i] = true
				continue
			}
			if x.paraOf[i] != x.paraOf[j] && j > i && perPara[x.paraOf[i]] >= 3 && (richness(a) == 0 || richness(b) > richness(a)) && a.Kind == schema.KindGoal {
				drop[i] = true
			}
		}
	}
	var keep []schema.Target
	for i, t := range out {
		if !drop[i] {
			keep = append(keep, t)
		}
	}
	return keep
}

func richness(t schema.Target) int {
	n := 0
	if t.Deadline != "" {
		n++
	}
	if t.Comparator != "=" {
		n++
	}
	return n
}

// similar: one subject holds the other, or they share a word of 4+ runes.
func similar(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	ra := []rune(a)
	for i := 0; i+4 <= len(ra); i++ {
		if strings.Contains(b, string(ra[i:i+4])) {
			return true
		}
	}
	return false
}

// toComma returns s up to its first comma or sentence end.
func toComma(s string) string {
	if k := strings.IndexAny(s, "，,；;。"); k >= 0 {
		return s[:k]
	}
	return s
}

// partCount reports whether a plain count only says how a whole is divided:
// next to a part noun (等4个方面的指标, 40个小类91个品目, 融合方面6项) or
// counting a list of places closed by 等 (京津冀、上海…等8个区域).
func (x *extractor) partCount(before, after string, q numbers.Quantity, cmp string) bool {
	if cmp != "=" || q.Class != numbers.Count {
		return false
	}
	if x.prefix("part_noun", after) != "" || x.suffix("part_noun", before) != "" {
		return true
	}
	return strings.HasSuffix(before, "等") && strings.Count(before, "、") >= 2 && x.prefix("listed_noun", after) != ""
}

// condClause reports whether a figure stands in a condition closed by
// 的， that a grant follows (营业收入超过5亿元且增速高于100%的，给予…;
// 举办营业性演出超100场的，经认定，最高可按…给予), also when a later
// clause of the condition names what it qualifies (场次超过100场，票房超过
// 100万元的演艺空间，给予…).
//
// The later clause must hold a figure of its own, and a dated figure (到
// 2027年…) is a goal, not such a condition.
func (x *extractor) condClause(cs string, q numbers.Quantity, dated bool) bool {
	rest := cs[q.End:]
	if k := strings.IndexAny(rest, "；;。"); k >= 0 {
		rest = rest[:k]
	}
	k := strings.Index(rest, "的，")
	n := len("的，")
	if j := strings.Index(rest, "的,"); j >= 0 && (k < 0 || j < k) {
		k, n = j, len("的,")
	}
	if k < 0 {
		// …场次超过100场，全年票房超过100万元的新型演艺空间，经认定，给予:
		// a later clause of the condition ends in 的 and a short noun
		k, n = -1, 0
		if c := strings.IndexAny(rest, "，,"); c >= 0 {
			off := c
			for _, seg := range strings.FieldsFunc(rest[c:], func(r rune) bool { return r == '，' || r == ',' }) {
				off = strings.Index(rest[off:], seg) + off
				if d := strings.LastIndex(seg, "的"); d >= 0 {
					noun := seg[d+len("的"):]
					if r := utf8.RuneCountInString(noun); !dated && r >= 2 && r <= 16 && !strings.ContainsAny(noun, "0123456789") && strings.ContainsAny(seg[:d], "0123456789") {
						k, n = off+d, len(seg)-d
					}
					break
				}
				off += len(seg)
			}
		}
	}
	if k < 0 {
		return false
	}
	mid, tail := rest[:k], rest[k+n:]
	return !x.any("funding", mid) && !x.any("fundnoun", mid) && x.any("funding", tail)
}

// qualifier reports whether a floor or cap qualifies what the next count of
// its clause counts (具备10个以上应用场景的工厂不少于10个; 培育年产值超
// 100亿元、具备较强竞争力的龙头企业2家).
// Without 的 the figure must follow a verb of having (具备10个以上).
func (x *extractor) qualifier(cs string, q numbers.Quantity, later []numbers.Quantity, cmp string) bool {
	if cmp == "=" || cmp == "~" || len(later) == 0 || q.Class == numbers.Percent || q.Class == numbers.Permille {
		return false
	}
	o := later[0]
	if o.Class != numbers.Count || o.Start < q.End {
		return false
	}
	gap := cs[q.End:o.Start]
	if strings.ContainsAny(gap, "，,；;。：:") || x.any("funding", gap) || x.any("fundnoun", gap) {
		return false
	}
	g := stripCmp(gap)
	for _, w := range []string{"、", "和", "及", "或", "以及"} {
		if strings.HasSuffix(g, w) {
			return false
		}
	}
	if strings.HasPrefix(g, "、") && !strings.Contains(g, "的") {
		return false
	}
	if strings.ContainsAny(g, "和及或") && !strings.Contains(g, "的") {
		return false
	}
	if strings.ContainsAny(g, "（(") || strings.Contains(g, "其中") {
		return false
	}
	return utf8.RuneCountInString(g) >= 2 && (strings.Contains(g, "的") || x.suffix("have", cs[:q.Start]) != "")
}

// refDate is the date before which a stated year is the past: the issue
// date, or for a report on a year (…2023年…年度报告) the next year's start.
func (x *extractor) refDate() string {
	if x.doc.Meta.IssueDate != "" {
		return x.doc.Meta.IssueDate
	}
	title := x.doc.Meta.Title
	if !x.any("report_title", title) {
		return ""
	}
	for i := 0; i+4 < len(title); i++ {
		y := title[i : i+4]
		if (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) && strings.HasPrefix(title[i+4:], "年") && (i == 0 || !isDigitByte(title[i-1])) {
			n := 0
			for _, c := range y {
				if c < '0' || c > '9' {
					n = -1
					break
				}
				n = n*10 + int(c-'0')
			}
			if n > 0 {
				return fmt.Sprintf("%04d-01-01", n+1)
			}
		}
	}
	return ""
}

// lastRune returns the last character of s as a string.
func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

func annual(s string) bool {
	return strings.Contains(s, "每年") || strings.Contains(s, "年均") || strings.Contains(s, "每年度")
}
