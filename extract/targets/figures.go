package targets

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"policyx/normalize/numbers"
	"policyx/schema"
)

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
	bg := hs.any(func(t string) bool { return x.kw.Background.contains(t) })
	cond := condPara || hs.any(func(t string) bool { return x.kw.Condition.contains(t) })
	if secIdx >= 0 {
		for _, t := range x.sectionTitles(secIdx) {
			if x.kw.Background.contains(t) {
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
			Section:  secIdx,
			Value:    q.Value,
			Unit:     q.Unit,
			NormUnit: q.NormUnit,
			Source:   "text",
			Table:    -1,
			Row:      -1,
			Sentence: sentenceText(x.doc.Text, st),
			Span:     schema.Span{Start: st.c.off[q.Start], End: st.c.off[q.End-1] + 1},
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
		if x.kw.Past.contains(cs[cl0:q.Start]) || x.kw.PastSentence.contains(cs[:q.Start]) && !x.kw.Funding.contains(cs[q.End:]) {
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
				if v := x.kw.Verb.prefix(b); v != "" && strings.Contains(b[len(v):], "的") {
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

func round(v float64) float64 {
	// money arithmetic: 1.4 × 1e8 must be 140000000 exactly
	r := float64(int64(v*1e6+0.5)) / 1e6
	if v < 0 {
		return v
	}
	return r
}

func annual(s string) bool {
	return strings.Contains(s, "每年") || strings.Contains(s, "年均") || strings.Contains(s, "每年度")
}
