package targets

import (
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/normalize/numbers"
	"policyx/schema"
)

// title words of a short line that is a title, not a sentence
var titleEnds = []string{"计划", "方案", "办法", "通知", "意见", "措施", "细则", "指引", "清单", "规划", "表", "名单", "目录", "工程"}

// sentenceCtx is what the figures of one sentence share.
type sentenceCtx struct {
	st      sentence
	cs      string // the compact sentence
	text    string // the sentence as stored on its targets
	section int
	hs      headState
	cond    bool // in a condition section or after a condition lead-in
	year    numbers.Date
	hasYear bool // year governs the paragraph
	kept    []numbers.Quantity
}

// figureCtx is the text around one figure of a sentence.
type figureCtx struct {
	qi        int
	q         numbers.Quantity
	cl0, cl1  int    // its clause
	lo        int    // start of before: the clause start or the previous figure's end
	before    string // cs[lo:q.Start]
	after     string // cs[q.End:cl1]
	lastAfter string // the text after the last member of its list
	rank      bool   // 前5名: a rank, a threshold
}

// sentence reads the figures of one sentence of paragraph p (the si-th of
// n) into x.out.
func (x *extractor) sentence(st sentence, p para, si, n int, hs headState, condPara bool, paraYear numbers.Date, hasParaYear bool) {
	cs := st.c.s
	// 1.80周岁及以上的, …。2. 40周岁以上的: the list number is no part of
	// the figure
	k := 0
	if si == 0 {
		k = x.numbered[p.start]
	}
	if _, k2, spaced, digit := leadNumber(x.doc.Text[st.start:st.end]); spaced && digit {
		k = k2
	}
	if k > 0 && k <= len(cs) {
		cs = strings.Repeat(" ", k) + cs[k:]
	}
	if x.notProse(cs, p, si, n) {
		return
	}
	secIdx := x.sectionAt(st.start)
	if x.background(hs, secIdx) {
		return
	}
	sc := &sentenceCtx{
		st: st, cs: cs, text: sentenceText(x.doc.Text, st), section: secIdx, hs: hs,
		cond: condPara || hs.any(x.kw.Condition.contains),
		year: paraYear, hasYear: hasParaYear,
	}
	for _, q := range x.num.Scan(cs) {
		if q.Is() && q.NormValue > 0 && !x.excluded(cs, q) {
			sc.kept = append(sc.kept, q)
		}
	}
	for qi := range sc.kept {
		if t, ok := x.figure(sc, qi); ok {
			x.out = append(x.out, t)
			x.paraOf = append(x.paraOf, x.curPara)
		}
	}
}

// notProse reports whether a sentence holds no commitments of its own:
// a heading or title that restates figures committed in its body, a label,
// an attachment line, a fragment such as a table cell, or markup.
func (x *extractor) notProse(cs string, p para, si, n int) bool {
	runes := utf8.RuneCountInString(cs)
	if p.heading && !strings.ContainsAny(cs, "，,") {
		return true
	}
	if k, _ := listMarker(cs); k > 0 && si == 0 && runes <= 30 && (n > 1 || !strings.ContainsAny(cs, "，,；;。")) && !x.ownFigure(cs, p) {
		return true
	}
	if runes <= 30 && !strings.ContainsAny(cs, "，,。；;：:") {
		t := strings.TrimRight(cs, "）)")
		for _, w := range titleEnds {
			if strings.HasSuffix(t, w) || strings.Contains(t, w+"（") || strings.Contains(t, w+"(") {
				return true
			}
		}
	}
	if strings.HasPrefix(cs, "附件") && runes <= 40 {
		return true
	}
	// a fragment such as a table cell (90%以上) is no sentence
	if n == 1 && runes <= 8 {
		return true
	}
	// markup, scripts and style sheets left by a reader are no prose
	return markup(cs)
}

// ownFigure reports whether the label sentence of a numbered item states a
// figure that the rest of its paragraph does not restate: （二）申请入驻单位
// 团队人员数量应不少于（含）3人。3-10人规模的… is a condition of its own,
// while 4. 新增1000家高新技术企业。到2020年，新增…1000家以上。 is a heading
// its body commits again.
func (x *extractor) ownFigure(label string, p para) bool {
	// the label's own figures first: most labels have none, and the
	// paragraph's scan below is the costly part
	var own []numbers.Quantity
	for _, q := range x.num.Scan(label) {
		if q.Is() && q.NormValue > 0 {
			own = append(own, q)
		}
	}
	if len(own) == 0 {
		return false
	}
	// a heading line's body is the text after it
	end := p.end
	for n := 0; end < len(x.doc.Text) && n < 600; n++ {
		_, sz := utf8.DecodeRuneInString(x.doc.Text[end:])
		end += sz
	}
	// the same amount written either way (1万个, 10000个) restates it
	type amount struct {
		v float64
		u string
	}
	seen := map[amount]int{}
	for _, q := range x.num.Scan(cjk.RemoveSpace(x.doc.Text[p.start:end])) {
		if q.Is() {
			seen[amount{q.NormValue, q.NormUnit}]++
		}
	}
	for _, q := range own {
		if seen[amount{q.NormValue, q.NormUnit}] <= 1 {
			return true
		}
	}
	return false
}

// background reports whether a sentence stands in a section on the past or
// the present situation, by our heading scan or doc.Sections.
func (x *extractor) background(hs headState, secIdx int) bool {
	if hs.any(x.kw.Background.contains) {
		return true
	}
	if secIdx >= 0 {
		for _, t := range x.sectionTitles(secIdx) {
			if x.kw.Background.contains(t) {
				return true
			}
		}
	}
	return false
}

// figure makes the target of the qi-th kept quantity of a sentence, or
// reports that it is none.
func (x *extractor) figure(sc *sentenceCtx, qi int) (schema.Target, bool) {
	cs, q := sc.cs, sc.kept[qi]
	f := figureCtx{qi: qi, q: q}
	f.cl0, f.cl1 = clause(cs, q.Start, q.End)
	f.lo = f.cl0
	if qi > 0 && sc.kept[qi-1].End > f.lo && sc.kept[qi-1].End <= q.Start {
		f.lo = sc.kept[qi-1].End
	}
	f.before, f.after = cs[f.lo:q.Start], cs[q.End:f.cl1]
	t := schema.Target{
		Section:   sc.section,
		Value:     q.Value,
		Unit:      q.Unit,
		NormUnit:  q.NormUnit,
		NormValue: round(q.NormValue),
		Source:    "text",
		Table:     -1,
		Row:       -1,
		Sentence:  sc.text,
		// the sentence's place, so the output stores it exactly as in the text
		SentenceSpan: schema.Span{Start: sc.st.start, End: sc.st.end},
	}
	// the span ends after the last byte of the last rune
	_, lsz := utf8.DecodeLastRuneInString(cs[:q.End])
	t.Span = schema.Span{Start: sc.st.c.off[q.Start], End: sc.st.c.off[q.End-lsz] + lsz}
	t.Comparator = x.comparator(sc, &f)
	if x.notCommitted(sc, &f, t.Comparator) {
		return t, false
	}
	// deadline: the year governing the clause, else the paragraph's
	if d, ok := governing(cs[:q.Start]); ok {
		t.Deadline = d.String()
	} else if sc.hasYear {
		t.Deadline = sc.year.String()
	}
	// 两种不同类型, 三个集聚区: a small Chinese numeral in prose describes;
	// a commitment has a deadline or a comparator
	if q.Chinese && q.Num < 10 && t.Deadline == "" && t.Comparator == "=" && q.Class == numbers.Count {
		return t, false
	}
	// a year before the document was issued is the past (2023年，我区
	// 主动公开政府信息1136条 in a report issued in 2024)
	if ref := x.refDate(); t.Deadline != "" && ref != "" && t.Deadline < ref {
		return t, false
	}
	t.Period = period(cs, f.cl0, q.Start)
	// 5万元/年 is an annual amount, not money per unit
	if strings.HasSuffix(t.NormUnit, "/年") {
		t.NormUnit = strings.TrimSuffix(t.NormUnit, "/年")
		t.Period = "annual"
	}
	// 300元/月 likewise a monthly one
	if strings.HasSuffix(t.NormUnit, "/月") {
		t.NormUnit = strings.TrimSuffix(t.NormUnit, "/月")
		t.Period = "monthly"
	}
	t.Kind = x.figureKind(sc, &f, t)
	// 每年推广应用工业机器人8000台以上，工业人工智能应用100个以上: a goal
	// of a clause without a verb goes on the annual goal before it
	if prev, ok := x.prevInSentence(sc); ok && t.Period == "" && t.Kind == schema.KindGoal && prev.Kind == schema.KindGoal && prev.Period == "annual" && t.Deadline == prev.Deadline && !x.kw.Verb.contains(cs[f.cl0:q.Start]) {
		t.Period = "annual"
	}
	x.fillSubject(sc, &f, &t)
	return t, true
}

// comparator returns the comparator of a figure; a list shares the
// comparator written after its last member (5000万元、1亿元、2亿元以上的)
// or before its first (首次突破100亿元、50亿元…; 分别最高给予1000万元、
// 300万元). It sets f.lastAfter and f.rank.
func (x *extractor) comparator(sc *sentenceCtx, f *figureCtx) string {
	cs, kept, q, qi := sc.cs, sc.kept, f.q, f.qi
	cmp := x.num.Comparator(f.before, f.after, q)
	// 90分(含90分)以上: an inclusion note between a figure and its 以上
	if cmp == "=" {
		if k := inclusionNote(f.after); k > 0 {
			cmp = x.num.Comparator(f.before, f.after[k:], q)
		}
	}
	f.lastAfter = f.after
	// 投资额在5000万元以上1亿元以下的: the floor of a tier shares what
	// follows its cap
	if qi+1 < len(kept) && tierPair(cs, q, kept[qi+1]) {
		_, e := clause(cs, kept[qi+1].Start, kept[qi+1].End)
		f.lastAfter = cs[kept[qi+1].End:e]
	}
	if k := listLast(cs, kept, qi); k != qi {
		_, e := clause(cs, kept[k].Start, kept[k].End)
		f.lastAfter = cs[kept[k].End:e]
		if c := x.num.Comparator("", f.lastAfter, kept[k]); cmp == "=" && c != "=" && !kept[k].Range && !kept[k].More {
			cmp = c
		}
	}
	// the figure before it in the sentence lends its direction to an
	// alternative or a list item (…或者2项), and to a bound relaxed
	// (年龄原则上不超过45周岁（…突出的可放宽至50周岁）)
	if prev, ok := x.prevInSentence(sc); ok && cmp == "=" && qi > 0 {
		listed := kept[qi-1].End <= q.Start && (listGapWord(cs[kept[qi-1].End:q.Start]) || altOf(cs, kept[qi-1], q))
		relaxed := kept[qi-1].Class == q.Class && numbers.HasAnySuffix(f.before, "放宽至", "放宽到", "放宽为")
		if listed || relaxed {
			cmp = prev.Comparator
		}
	}
	if cmp == "=" && (strings.HasSuffix(f.before, "前") || strings.HasSuffix(f.before, "后")) && (q.Unit == "名" || q.Unit == "位") {
		cmp, f.rank = "<=", true
	}
	return cmp
}

// prevInSentence returns the last target made so far when it is of the
// same sentence.
func (x *extractor) prevInSentence(sc *sentenceCtx) (schema.Target, bool) {
	if len(x.out) == 0 || x.out[len(x.out)-1].Sentence != sc.text {
		return schema.Target{}, false
	}
	return x.out[len(x.out)-1], true
}

// period is "annual" for 每年 in the figure's clause, or opening the
// sentence; a 每年 of an earlier grant (给予每个机构每年30万元…，每引进1个
// 项目，给予最高30万元) does not carry over.
func period(cs string, cl0, start int) string {
	// 每人每月300元: a monthly standard, said in the figure's own clause
	if monthly(cs[cl0:start]) {
		return "monthly"
	}
	if annual(cs[cl0:start]) || annual(firstClause(cs)) && cs[:cl0] != "" && annual(cs[:min(len(cs), len("每年度"))]) {
		return "annual"
	}
	return ""
}

// figureKind is kind, shared by the members of a list (分别给予4000元、
// 8000元培养资助); a rank is a threshold.
func (x *extractor) figureKind(sc *sentenceCtx, f *figureCtx, t schema.Target) string {
	cs, kept, q, qi := sc.cs, sc.kept, f.q, f.qi
	k := x.kind(cs, q, f.before, f.after, f.lastAfter, kept[qi+1:], t, sc.cond)
	if prev, ok := x.prevInSentence(sc); ok && qi > 0 && kept[qi-1].End <= q.Start && kept[qi-1].Class == q.Class {
		if listGapWord(cs[kept[qi-1].End:q.Start]) {
			k = prev.Kind
		}
	}
	// 返还比例由不超过30%最高提至不超过50%: the new level of a figure
	// changed in one clause is read with the words before the old one
	if qi > 0 && kept[qi-1].Class == q.Class && kept[qi-1].End <= q.Start && kept[qi-1].Start >= f.cl0 {
		if g := changeGap(stripCmp(cs[kept[qi-1].End:q.Start])); x.kw.ChangeTo.has(g) && strings.ContainsAny(cs[f.cl0:kept[qi-1].Start], "由从") {
			k = x.kind(cs, q, cs[f.cl0:kept[qi-1].Start], f.after, f.lastAfter, kept[qi+1:], t, sc.cond)
		}
	}
	// 奖励600万元/家，每年200万元: an amount of a clause that only says
	// per what time or whom continues the grant before it
	if prev, ok := x.prevInSentence(sc); ok && k == schema.KindGoal && prev.Kind == schema.KindFunding && q.Class == numbers.Money && t.Deadline == "" && (t.Comparator == "=" || t.Comparator == "<=") {
		if b := cs[f.cl0:q.Start]; b != "" && x.stripPerUnit(b) == "" {
			k = schema.KindFunding
		}
	}
	// 预留30%的号源（其中专家号源不低于30%）: a part of a share is a share
	if prev, ok := x.prevInSentence(sc); ok && prev.Kind == schema.KindRate && prev.NormUnit == q.NormUnit && q.Class == numbers.Percent {
		if strings.Contains(f.before, "（其中") || strings.Contains(f.before, "(其中") || strings.HasPrefix(cs[f.cl0:q.Start], "其中") {
			k = schema.KindRate
		}
	}
	if f.rank {
		k = schema.KindThreshold
	}
	// the cap of a tier (投资额在1亿元以上5亿元以下) is of the kind of its floor
	if prev, ok := x.prevInSentence(sc); ok && qi > 0 && tierPair(cs, kept[qi-1], q) {
		k = prev.Kind
	}
	// 奖励标准为：国家级50万元、省级20万元: plain amounts listed after a
	// grant's lead-in, in its sentence or under it, are grants
	if k == schema.KindGoal && q.Class == numbers.Money && (t.Comparator == "=" || t.Comparator == "<=") && t.Deadline == "" {
		if leadIn := grantLeadIn(cs[:q.Start]); x.fundLead || leadIn != "" && x.kw.Funding.contains(leadIn) {
			k = schema.KindFunding
		}
	}
	return k
}

// grantLeadIn returns the text of s before its last colon when s ends a
// lead-in or holds one (奖励标准如下：, 奖励标准为：国家级…), else "".
func grantLeadIn(s string) string {
	k := max(strings.LastIndex(s, "："), strings.LastIndex(s, ":"))
	if k <= 0 {
		return ""
	}
	lead := s[:k]
	if j := strings.LastIndexAny(lead, "，,；;。"); j >= 0 {
		lead = lead[j:]
	}
	return lead
}

// fillSubject sets the subject and scope of t.
func (x *extractor) fillSubject(sc *sentenceCtx, f *figureCtx, t *schema.Target) {
	cs, kept, q, qi := sc.cs, sc.kept, f.q, f.qi
	t.Subject = x.subject(cs, q, f.lo, f.cl1, t.Kind)
	prev, hasPrev := x.prevInSentence(sc)
	if t.Subject == "" {
		// a member of a list shares the subject of the one before it
		// (分别为2413元、2512元), so does the same figure for a later
		// year (到2023年不低于4人，到2025年不低于4.66人); else the
		// sentence's opening noun
		// (边缘家庭认定标准按…确定，为每人每月1963.5元)
		if qi > 0 && hasPrev && prev.Kind == t.Kind && prev.Span.End <= t.Span.Start && (kept[qi-1].End <= q.Start && listGapWord(cs[kept[qi-1].End:q.Start]) || prev.NormUnit == t.NormUnit && prev.Deadline != t.Deadline) {
			t.Subject = prev.Subject
		} else if f.cl0 > 0 && strings.HasPrefix(cs[f.cl0:q.Start], "为") {
			body := cs
			if k, _ := listMarker(body); k > 0 {
				body = body[k:]
			}
			t.Subject = x.headNoun(firstClause(body))
		}
	}
	// the goal of a qualified subject: 年研发投入超500万元的企业达100家
	if qi > 0 && t.Kind == schema.KindGoal && len(x.out) > 0 && x.out[len(x.out)-1].Kind == schema.KindThreshold && kept[qi-1].End > f.cl0 && kept[qi-1].End <= q.Start {
		if b := x.stripLinks(cs[f.cl0:q.Start]); strings.Contains(b, "的") && utf8.RuneCountInString(b) <= 30 {
			// 培育年产值超100亿元的龙头企业2家: the verb is no part of it
			if v := x.kw.Verb.prefix(b); v != "" && strings.Contains(b[len(v):], "的") {
				b = b[len(v):]
			}
			t.Subject = b
		}
	}
	// a grant with a generic name takes its heading: （二）支持技术改造。…资金
	if (t.Kind == schema.KindFunding || t.Kind == schema.KindRate) && genericSubject(t.Subject) {
		if h := sc.hs.titles[sc.hs.level]; h != "" && utf8.RuneCountInString(h) <= 20 {
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
}

// stripCmp drops comparator words and notes ((含), (人民币，下同)) at the
// start of the text after a figure.
func stripCmp(a string) string {
	for {
		b := a
		a = numbers.SkipNote(a)
		for _, w := range []string{"及以上", "以上", "及以下", "以下", "以内", "左右"} {
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

func monthly(s string) bool {
	return strings.Contains(s, "每月") || strings.Contains(s, "月均")
}

func annual(s string) bool {
	return strings.Contains(s, "每年") || strings.Contains(s, "年均") || strings.Contains(s, "每年度")
}

// tierPair reports whether lo and hi are the floor and the cap of one tier
// (5000万元以上1亿元以下, 2000万元（含）以上3000万元以下): lo's 以上 and
// then hi with 以下 or 以内.
func tierPair(cs string, lo, hi numbers.Quantity) bool {
	if lo.Class != hi.Class || lo.End > hi.Start || lo.Range || hi.Range {
		return false
	}
	gap := numbers.SkipNote(cs[lo.End:hi.Start])
	if gap != "以上" && gap != "及以上" {
		return false
	}
	return numbers.HasAnyPrefix(numbers.SkipNote(cs[hi.End:]), "以下", "及以下", "以内")
}

// changeGap is the text between the old and the new level of a figure
// without the bounds around its verb (最高提至不超过 → 提至).
func changeGap(g string) string {
	for _, w := range []string{"最高", "最多", "逐步"} {
		g = strings.TrimPrefix(g, w)
	}
	for _, w := range []string{"不超过", "不高于", "不低于", "不少于"} {
		g = strings.TrimSuffix(g, w)
	}
	return g
}

// altOf reports whether q is an alternative of the figure before it that
// shares its bound: 至少拥有1项发明专利，或者2项实用新型专利; 不少于15人
// （软件类企业30人）.
func altOf(cs string, prev, q numbers.Quantity) bool {
	if prev.Class != q.Class {
		return false
	}
	gap := cs[prev.End:q.Start]
	for _, w := range []string{"，或者", ",或者", "，或", ",或"} {
		if k := strings.Index(gap, w); k >= 0 {
			head, rest := gap[:k], gap[k+len(w):]
			return !strings.ContainsAny(head+rest, "0123456789，,；;。") && utf8.RuneCountInString(head+rest) <= 16
		}
	}
	if !numbers.HasAnyPrefix(gap, "（", "(") || !numbers.HasAnyPrefix(cs[q.End:], "）", ")") {
		return false
	}
	return !strings.ContainsAny(gap, "0123456789") && utf8.RuneCountInString(gap) <= 12
}
