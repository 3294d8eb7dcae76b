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
	"unicode/utf8"

	"policyx/lexicon/seg"
	"policyx/normalize/numbers"
	"policyx/schema"
)

// Extract returns the targets of doc. doc.Sections and doc.Tables are
// already filled. sg is shared read-only.
func Extract(doc *schema.Document, sg *seg.Segmenter) []schema.Target {
	x := &extractor{res: shared, doc: doc, sg: sg}
	x.run()
	x.cells()
	return x.dedupe()
}

type extractor struct {
	*res
	doc *schema.Document
	sg  *seg.Segmenter
	out []schema.Target
	// numbered: paragraphs whose list number runs into a figure (1.80周岁
	// 及以上的；), by start, with the byte length of the number and its dot
	numbered map[int]int
	// fundLead: the sentence stands under a grant lead-in of an earlier
	// paragraph (奖励标准如下：)
	fundLead bool
	// paraOf holds the paragraph of each output target, for dedupe
	paraOf  []int
	curPara int
	// cellOf holds, for each output target read from a table cell, its
	// row's name and a NUL; "" for a target of the text
	cellOf []string
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

// walk is the state of the heading scan while run reads the paragraphs.
type walk struct {
	hs headState
	// a condition lead-in (须具备以下条件：) holds until the next heading
	// of its rank or an outer one
	condPara bool
	condRank int
	// a grant lead-in (奖励标准如下：) holds likewise: the plain amounts
	// listed under it are grants
	fundPara bool
	fundRank int
	// a year stated at the start of a sentence in a 目标 section governs the
	// rest of that section (二、发展目标 …到2023年末，… ——产业规模…达1000亿元)
	secYear     numbers.Date
	hasSecYear  bool
	secYearRank int
	// a paragraph that opens with a year and ends in a lead-in (到2025年，
	// 实现以下目标：) gives its year to the list below it, until a heading
	// of its rank or an outer one
	leadYear     numbers.Date
	hasLeadYear  bool
	leadYearRank int
	curRank      int // static rank of the innermost heading seen
	// the year the last paragraph that is no bullet opened with
	bulletYear    numbers.Date
	hasBulletYear bool
}

// heading records a heading of label type ty and ends the states it closes.
func (w *walk) heading(ty int, title string) {
	if k := strings.IndexAny(title, "。"); k >= 0 {
		title = title[:k]
	}
	if utf8.RuneCountInString(title) > 40 {
		title = ""
	}
	w.curRank = markerRank(ty)
	w.hs.push(w.curRank, title)
	if w.curRank <= w.condRank {
		w.condPara = false
	}
	if w.curRank <= w.fundRank {
		w.fundPara = false
	}
	if w.curRank <= w.secYearRank {
		w.hasSecYear, w.secYearRank = false, 0
	}
	if w.curRank <= w.leadYearRank {
		w.hasLeadYear, w.leadYearRank = false, 0
	}
}

// rankOrOutside is the current rank, or 100 outside any heading.
func (w *walk) rankOrOutside() int {
	if w.curRank == 0 {
		return 100
	}
	return w.curRank
}

// openingYear returns the year a sentence opens with (到2025年，…; 力争到
// 2025年…), which governs what follows it.
func (x *extractor) openingYear(cs string) (numbers.Date, bool) {
	body := cs
	if k, _ := listMarker(body); k > 0 {
		body = body[k:]
	}
	// 具体指标：到2022年，… and 主要目标：到2025年，…: a short label first
	if k := strings.IndexAny(body, "：:"); k > 0 && utf8.RuneCountInString(body[:k]) <= 10 && !strings.ContainsAny(body[:k], "0123456789，,") {
		_, sz := utf8.DecodeRuneInString(body[k:])
		body = body[k+sz:]
	}
	// 根据《…》相关目标任务，到2025年，…: a clause naming what the goals
	// follow comes before the year
	if x.kw.Basis.prefix(body) != "" {
		if k := strings.IndexAny(body, "，,"); k > 0 {
			_, sz := utf8.DecodeRuneInString(body[k:])
			body = body[k+sz:]
		}
	}
	body = strings.TrimPrefix(body, "力争")
	if d, ok := governing(firstClause(body)); ok && d.Start <= len("截至") {
		return d, true
	}
	return numbers.Date{}, false
}

func (x *extractor) run() {
	text := x.doc.Text
	var w walk
	ps := x.paragraphs(x.lines())
	x.numbered = numberedFigures(text, ps)
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
			w.heading(ty, pt[m:])
		}
		// 到2025年，…。 ——产业规模…达1000亿元: the bullets that spell out a
		// paragraph opened by a year take its year
		if bullet(pt) && !p.heading && m == 0 {
			x.paragraph(&w, p, m, w.bulletYear, w.hasBulletYear)
			continue
		}
		w.bulletYear, w.hasBulletYear = x.paragraph(&w, p, m, numbers.Date{}, false)
	}
}

// bullet reports whether a paragraph opens with a bullet mark (——, ●, ◆).
func bullet(t string) bool {
	for _, b := range []string{"—", "●", "◆", "■", "•", "·", "▪", "○", "◎", "★", "➢", "▶", "►", "√"} {
		if strings.HasPrefix(t, b) {
			return true
		}
	}
	return false
}

// paragraph reads the sentences of p, whose list label is m bytes long,
// under an inherited year (from the paragraph a bullet spells out). It
// returns the year p opens with.
func (x *extractor) paragraph(w *walk, p para, m int, inherited numbers.Date, hasInherited bool) (numbers.Date, bool) {
	sents := splitSentences(x.doc.Text, p)
	paraYear, hasParaYear := inherited, hasInherited
	var opening numbers.Date
	hasOpening, past := false, false
	for si, st := range sents {
		cs := st.c.s
		// a label inside a paragraph of run-together text: …。第八条…
		if si > 0 {
			if k, t := listMarker(cs); k > 0 && t != 3 && t != 5 {
				w.heading(t, cs[k:])
			}
		}
		// the label sentence of a numbered item: （三）主要目标。
		if si == 0 && m > 0 && len(sents) > 1 && utf8.RuneCountInString(cs) <= 30 {
			if k, _ := listMarker(cs); k > 0 && !x.ownFigure(cs, p) {
				sents[1].first = true
				continue
			}
		}
		if st.first {
			if d, ok := x.openingYear(cs); ok {
				paraYear, hasParaYear = d, true
				opening, hasOpening = d, true
			}
		}
		if !w.hasSecYear && w.hs.level > 0 && strings.Contains(w.hs.titles[w.hs.level], "目标") {
			if d, ok := x.openingYear(cs); ok {
				w.secYear, w.hasSecYear, w.secYearRank = d, true, w.rankOrOutside()
			}
		}
		if !hasParaYear && w.hasSecYear {
			paraYear, hasParaYear = w.secYear, true
		}
		if !hasParaYear && w.hasLeadYear {
			paraYear, hasParaYear = w.leadYear, true
		}
		if leadIn := cs[:max(strings.LastIndex(cs, "："), strings.LastIndex(cs, ":"), 0)]; leadIn != "" && x.kw.Condition.contains(leadIn) && !strings.ContainsAny(leadIn[strings.LastIndexAny(leadIn, "，,")+1:], "0123456789") {
			w.condPara, w.condRank = true, w.rankOrOutside()
		}
		if leadIn := grantLeadIn(cs); leadIn != "" && x.kw.Funding.contains(leadIn) && st.end == p.end {
			w.fundPara, w.fundRank = true, w.rankOrOutside()
		}
		x.fundLead = w.fundPara
		// “十三五”时期，…粮食年产量连续保持在1.3万亿斤以上: a paragraph
		// that opens with a plan period ended before the issue is the past
		if st.first && x.pastPlanPeriod(cs) {
			past = true
		}
		if !past {
			x.sentence(st, p, si, len(sents), w.hs, w.condPara, paraYear, hasParaYear)
		}
	}
	if n := len(sents); hasOpening && n > 0 && numbers.HasAnySuffix(strings.TrimSpace(sents[n-1].c.s), "：", ":") {
		w.leadYear, w.hasLeadYear, w.leadYearRank = opening, true, w.rankOrOutside()
	}
	return opening, hasOpening
}

// refDate is the date before which a stated year is the past: the issue
// date, or for a report on a year (…2023年…年度报告) the next year's start.
func (x *extractor) refDate() string {
	if x.doc.Meta.IssueDate != "" {
		return x.doc.Meta.IssueDate
	}
	title := x.doc.Meta.Title
	if !x.kw.ReportTitle.contains(title) {
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
