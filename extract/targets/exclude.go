package targets

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize/numbers"
)

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
	// 大项目不少于12个、小项目不少于2个: the list holds figures, or a
	// comparator states the count
	if strings.ContainsAny(before, "0123456789") || numbers.HasAnySuffix(before, "不少于", "不低于", "超过", "达到", "达", "突破") {
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

// serviceList returns the first member of the list of services that
// kept[qi], a count of 次, belongs to, each counted before its name
// (1次政策宣介、1次职业指导、3次岗位推荐): the standard of what each person is
// given, a frequency, not a count of events; -1 when kept[qi] is in no
// such list. The caller checks that no comparator or date commits it.
func serviceList(cs string, kept []numbers.Quantity, qi int) int {
	if kept[qi].Unit != "次" {
		return -1
	}
	// the gap between two members: the first one's name, then 、 (和, 及)
	member := func(a, b int) bool {
		if a < 0 || b >= len(kept) || kept[a].Unit != "次" || kept[b].Unit != "次" || kept[a].End > kept[b].Start {
			return false
		}
		g := cs[kept[a].End:kept[b].Start]
		for _, sep := range []string{"、", "和", "及"} {
			if name, ok := strings.CutSuffix(g, sep); ok {
				n := utf8.RuneCountInString(name)
				return n >= 2 && n <= 10 && allHan(name)
			}
		}
		return false
	}
	if !member(qi-1, qi) && !member(qi, qi+1) {
		return -1
	}
	first := qi
	for member(first-1, first) {
		first--
	}
	return first
}

// allHan reports whether s holds only Chinese characters.
func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
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
		// 第三十三条、三十四条: the next member of a list of articles
		if ordinalAt(b) {
			return true
		}
	}
	// an inclusion note restating a bound: (含70分), 6亩以下(不含6亩),
	// 1万—3万元（含1万元，不含3万元）
	if inclusionNoteAt(cs[:q.Start]) {
		return true
	}
	// a household's size: 3人户家庭, 2人户中2人均年满60周岁
	if q.Unit == "人" && strings.HasPrefix(cs[q.End:], "户") {
		return true
	}
	// a session's name: 区十届人大四次会议, 三届二次全会, 市政府十七届61次
	// 常务会议
	if q.Unit == "次" && sessionNoun(cs[q.End:]) {
		if k := strings.LastIndex(cs[:q.Start], "届"); k >= 0 && utf8.RuneCountInString(cs[k:q.Start]) <= 8 {
			return true
		}
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

// partCount reports whether a plain count only says how a whole is divided:
// next to a part noun (等4个方面的指标, 40个小类91个品目, 融合方面6项) or
// counting a list of places closed by 等 (京津冀、上海…等8个区域).
func (x *extractor) partCount(before, after string, q numbers.Quantity, cmp string) bool {
	if cmp != "=" || q.Class != numbers.Count {
		return false
	}
	// 等6类困难群体: a count of classes describes how things are grouped;
	// it commits only with a comparator (种类大于3类)
	if q.Unit == "类" {
		return true
	}
	if x.kw.PartNoun.prefix(after) != "" || x.kw.PartNoun.suffix(before) != "" {
		return true
	}
	// 分三批重点支持…, 分为三个档次: how a measure is divided
	if numbers.HasAnySuffix(before, "分", "分为", "分成") {
		return true
	}
	return strings.HasSuffix(before, "等") && strings.Count(before, "、") >= 2 && x.kw.ListedNoun.prefix(after) != ""
}

// inclusionNote returns the length of a bracketed inclusion note opening
// after (（含）, (含90分)), or 0.
func inclusionNote(after string) int {
	for _, o := range []string{"（含", "(含"} {
		if !strings.HasPrefix(after, o) {
			continue
		}
		if k := strings.IndexAny(after, "）)"); k > 0 && utf8.RuneCountInString(after[:k]) <= 12 {
			_, n := utf8.DecodeRuneInString(after[k:])
			return k + n
		}
	}
	return 0
}

// ordinalAt reports whether s ends with an ordinal of an article or an
// item (第三十三条, 第12项).
func ordinalAt(s string) bool {
	r, sz := utf8.DecodeLastRuneInString(s)
	if !strings.ContainsRune("条款项章节", r) {
		return false
	}
	k := len(s) - sz
	j := k
	for j > 0 {
		r2, sz2 := utf8.DecodeLastRuneInString(s[:j])
		if isCN(r2) || r2 == '百' || r2 == '零' || r2 < utf8.RuneSelf && unicode.IsDigit(r2) {
			j -= sz2
			continue
		}
		break
	}
	return j < k && strings.HasSuffix(s[:j], "第")
}

// inclusionNoteAt reports whether a figure follows 含 or 不含 right away
// inside a bracket that opens with one of them (（含1万元，不含3万元）); a
// breakdown (培育500家（含国家级小巨人50家）) names what it counts.
func inclusionNoteAt(before string) bool {
	if !numbers.HasAnySuffix(before, "含") {
		return false
	}
	open := max(strings.LastIndex(before, "（"), strings.LastIndex(before, "("))
	if open < 0 || strings.ContainsAny(before[open:], "）)") {
		return false
	}
	_, sz := utf8.DecodeRuneInString(before[open:])
	return numbers.HasAnyPrefix(before[open+sz:], "含", "不含")
}

// conditionCount reports whether a count only counts conditions or cases
// of a list (同时符合以下两个或两个以上条件; 满足1和2两项条件; 具备以下3项条件
// 中的2项): the count's noun, after more members of the count, is a
// condition noun, or the count picks from such conditions.
func (x *extractor) conditionCount(cs string, f *figureCtx) bool {
	q := f.q
	if q.Class != numbers.Count {
		return false
	}
	if x.kw.CondNoun.suffix(strings.TrimSuffix(strings.TrimSuffix(f.before, "的"), "中")) != "" {
		return true
	}
	rest := cs[q.End:]
	for rest != "" {
		if x.kw.CondNoun.prefix(rest) != "" {
			return true
		}
		r, sz := utf8.DecodeRuneInString(rest)
		if !(r < utf8.RuneSelf && unicode.IsDigit(r)) && !isCN(r) && !strings.ContainsRune("两和及或、项个条种以上", r) {
			return false
		}
		rest = rest[sz:]
	}
	return false
}

// pastClause reports whether the text of a clause before a figure states a
// fact (目前…, 现有…), unless the fact names the base a share is measured
// against, after a link word (人员数量达到企业现有在职职工人数25%).
func (x *extractor) pastClause(cl string, q numbers.Quantity) bool {
	w := ""
	k := -1
	for _, p := range x.kw.Past {
		if i := strings.Index(cl, p); i >= 0 && (k < 0 || i < k) {
			w, k = p, i
		}
	}
	if k < 0 {
		return false
	}
	// the share is this figure, or one between the fact and it (现有在职
	// 职工人数25%(超过100人的企业达到15%))
	rest := cl[k+len(w):]
	if q.Class != numbers.Percent && q.Class != numbers.Permille && q.Class != numbers.Multiple && !strings.ContainsAny(rest, "%％") {
		return true
	}
	head := cl[:k]
	for _, l := range x.kw.ShareLink {
		if i := strings.LastIndex(head, l); i >= 0 && utf8.RuneCountInString(head[i+len(l):]) <= 6 {
			return x.pastClause(rest, q)
		}
	}
	return true
}

// rateBase reports whether a count of persons is the population a rate is
// counted per: right after 每 with a noun after it (年均每十万人受灾人次),
// or before a rate's name (十万人生产安全事故死亡率).
func (x *extractor) rateBase(f *figureCtx) bool {
	q := f.q
	if q.Class != numbers.Count || q.NormUnit != "人" || f.after == "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(f.after); !unicode.Is(unicode.Han, r) || x.num.Comparator("", f.after, q) != "=" {
		return false
	}
	if strings.HasSuffix(f.before, "每") {
		return true
	}
	name := f.after
	if k := x.kw.RateVerb.first(name); k >= 0 {
		name = name[:k]
	}
	n := utf8.RuneCountInString(name)
	return n >= 2 && n <= 20 && strings.HasSuffix(name, "率")
}

// itemWeight reports whether a score or share in brackets only weighs an
// item of an evaluation: （3分） after an item's name without figures (a
// tier such as 1万—3万元（4分） keeps its score), or （60%） of a sum of
// weighted items (日常监测（60%）+实地调研（20%）).
func itemWeight(cs string, f *figureCtx) bool {
	q := f.q
	if !numbers.HasAnySuffix(cs[:q.Start], "（", "(") || !numbers.HasAnyPrefix(cs[q.End:], "）", ")") {
		return false
	}
	_, open := utf8.DecodeLastRuneInString(cs[:q.Start])
	_, shut := utf8.DecodeRuneInString(cs[q.End:])
	// 得分（90分）以上为优秀: a bound after the bracket makes it a tier
	if numbers.HasAnyPrefix(cs[q.End+shut:], "以上", "及以上", "以下", "及以下", "为") {
		return false
	}
	switch q.Class {
	case numbers.Score:
		return !strings.ContainsAny(cs[f.cl0:q.Start-open], "0123456789")
	case numbers.Percent:
		item := cs[f.cl0 : q.Start-open]
		if strings.ContainsAny(item, "+＋=＝") {
			return true
		}
		return numbers.HasAnyPrefix(cs[q.End+shut:], "+", "＋")
	}
	return false
}

// sessionNoun reports whether after opens with the name of a meeting held
// in numbered sessions: 会议, 全会, or up to four runes and 会议 (常务会议,
// 常委会会议, 主任会议).
func sessionNoun(after string) bool {
	if numbers.HasAnyPrefix(after, "会议", "全会", "全体会议") {
		return true
	}
	n := 0
	for i, r := range after {
		if strings.HasPrefix(after[i:], "会议") {
			return n >= 1
		}
		if n++; n > 4 || !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return false
}

// pastSentence reports whether a word before a figure in its sentence
// makes it the past or the present (以来, 去年, 目前，), unless a deadline
// after that word commits it (目前…，力争到2025年达到100家).
func (x *extractor) pastSentence(before string) bool {
	k := x.kw.PastSentence.last(before)
	if k < 0 {
		return false
	}
	d, dated := governing(before)
	return !dated || d.Start < k
}

// changeFrom reports whether a figure is the level a change starts from:
// 由 or 从 before it in its clause with no other figure between (由不超过
// 上年度实际缴纳失业保险费的60%), a verb of change (增加到, 提至) and the
// new level of the same class after it.
func (x *extractor) changeFrom(cs string, kept []numbers.Quantity, f *figureCtx) bool {
	q := f.q
	if f.qi+1 >= len(kept) || kept[f.qi+1].Class != q.Class || kept[f.qi+1].Start < q.End {
		return false
	}
	if !x.kw.ChangeTo.has(changeGap(stripCmp(cs[q.End:kept[f.qi+1].Start]))) {
		return false
	}
	before := cs[f.cl0:q.Start]
	k := max(strings.LastIndex(before, "由"), strings.LastIndex(before, "从"))
	if k < 0 || utf8.RuneCountInString(before[k:]) > 30 {
		return false
	}
	// 由2020年的500家: a year may name the level's time
	gap := before[k:]
	for _, d := range numbers.Dates(gap) {
		gap = gap[:d.Start] + strings.Repeat(" ", d.End-d.Start) + gap[d.End:]
	}
	return !strings.ContainsAny(gap, "0123456789，,")
}

// pastBreakdown reports whether the clauses before a figure's clause state
// a fact and then break it down with 其中 (全盟现有胡尔奇100余名，其中，
// 国家级…传承人2人): the parts are facts too.
func (x *extractor) pastBreakdown(head string) bool {
	k := strings.LastIndex(head, "其中")
	if k < 0 {
		return false
	}
	c := max(strings.LastIndexAny(head[:k], "，,"), 0)
	first := head[:c]
	if j := strings.LastIndexAny(first, "；;。"); j >= 0 {
		first = first[j:]
	}
	return x.kw.Past.contains(first)
}
