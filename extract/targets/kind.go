package targets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize/numbers"
	"policyx/schema"
)

// kind decides goal, funding, rate or threshold.
func (x *extractor) kind(cs string, q numbers.Quantity, before, after, lastAfter string, later []numbers.Quantity, t schema.Target, cond bool) string {
	a := stripCmp(after)
	// …以上的，给予: the figure qualifies who gets something
	if la := stripCmp(lastAfter); la == "的" || la == "的企业" || la == "的单位" || la == "的项目" {
		return schema.KindThreshold
	}
	// 年销量1万台以上的车型，每台奖励500元: a floor or cap on a short noun
	// whose clause a grant follows
	if la := stripCmp(lastAfter); t.Comparator != "=" && t.Comparator != "~" && strings.HasPrefix(la, "的") {
		noun := la[len("的"):]
		_, cl1 := clause(cs, q.Start, q.End)
		if r := utf8.RuneCountInString(noun); r >= 1 && r <= 10 && !strings.ContainsAny(noun, "0123456789") && !x.kw.Funding.contains(noun) && !x.kw.FundNoun.contains(noun) && !x.kw.Rate.contains(noun) && x.kw.ShareUse.prefix(strings.TrimLeft(cs[cl1:], "，,")) == "" && x.kw.Funding.contains(toSentenceEnd(cs[cl1:])) {
			return schema.KindThreshold
		}
		// 对投资500万元以上的农业产业化项目，实行…: whom a measure applies to;
		// 涉粉作业人数30人以上的金属粉尘企业: a bound on what a noun before
		// it names (no verb that makes the figure counted) qualifies
		if cl0, _ := clause(cs, q.Start, q.End); t.Deadline == "" && (numbers.HasAnyPrefix(cs[cl0:q.Start], "对于", "对", "凡") || x.attributeBound(cs[cl0:q.Start], after, noun)) && !x.kw.Funding.contains(noun) && !x.kw.FundNoun.contains(noun) && x.kw.Grant.suffix(noun) == "" {
			return schema.KindThreshold
		}
	}
	// 单户担保金额500万元及以下的小微企业, …500万元以上的再担保业务收费: a
	// bound written after an amount and followed by 的 qualifies what
	// follows; a grant's cap stands before it (最高500万元) or names the
	// grant (以内的补助, 以上的资金)
	if q.Class == numbers.Money && (t.Comparator == "<=" || t.Comparator == ">=") && strings.HasPrefix(a, "的") && numbers.HasAnyPrefix(strings.TrimPrefix(strings.TrimPrefix(after, "（含）"), "(含)"), "以下", "及以下", "以内", "以上", "及以上") {
		if g := a[len("的"):]; x.kw.Funding.prefix(g) == "" && x.kw.FundNoun.prefix(g) == "" {
			return schema.KindThreshold
		}
	}
	// 就诊人数指在签约机构就诊≥1次的签约居民; 是指年营业收入500万元以上的
	// 企业: a floor or cap in a definition qualifies
	if t.Comparator != "=" && t.Comparator != "~" {
		for _, w := range []string{"是指", "系指", "指在", "（指", "(指"} {
			if strings.Contains(cs[:q.Start], w) {
				return schema.KindThreshold
			}
		}
	}
	if x.boundedBy(cs, q, before, after, t) {
		return schema.KindThreshold
	}
	// 购机价格在5000元以上的鼓励非现金支付: 的 and a verb
	if t.Comparator != "=" && strings.HasPrefix(a, "的") && x.kw.Verb.prefix(a[len("的"):]) != "" {
		return schema.KindThreshold
	}
	if x.floorOfGranted(cs, q, after, later, t) || x.condClause(cs, q, t.Deadline != "") || x.qualifier(cs, q, later, t.Comparator) {
		return schema.KindThreshold
	}
	rest := cs[q.End:]
	if k := strings.IndexAny(rest, "，,；。"); k >= 0 {
		rest = rest[:k]
	}
	tier := x.kw.Tier.prefix(a) != "" || x.kw.Tier.contains(rest) && (strings.HasPrefix(a, "、") || strings.HasPrefix(rest, "、") || strings.HasPrefix(a, "等"))
	if q.Class == numbers.Score || q.Class == numbers.Age || tier {
		return schema.KindThreshold
	}
	// 分别给予最高2倍、1.5倍年薪; 按保障标准的1.5倍确定: a multiple is a rate
	if q.Class == numbers.Multiple {
		return schema.KindRate
	}
	// 年贴息比例为1个百分点: points of a subsidy or of an interest rate
	// are a rate; points of a share to raise (比重提高5个百分点) a goal
	if q.Class == numbers.Points && x.kw.PointRate.contains(before) {
		return schema.KindRate
	}
	// 年研发投入超500万元的企业达100家; 超过1000万元科技型企业
	// (给予最高30万元项目服务奖 names a grant, not an entity)
	if e := x.kw.Entity.prefix(strings.TrimPrefix(a, "的")); e != "" && t.Comparator != "=" && (q.Class == numbers.Money && !x.kw.Funding.contains(before) || strings.HasPrefix(a, "的")) {
		return schema.KindThreshold
	}
	money := q.Class == numbers.Money
	// 年度研发经费不足1000万元但与高校有合作基础的企业: an amount that
	// qualifies the subject of its clause
	if money && t.Comparator != "=" && t.Comparator != "~" {
		if k := strings.Index(after, "的"); k >= 0 && x.kw.Entity.prefix(after[k+len("的"):]) != "" && !x.kw.Funding.contains(after[:k]) {
			return schema.KindThreshold
		}
	}
	pct := q.Class == numbers.Percent || q.Class == numbers.Permille
	clauseBefore := before
	funding := x.kw.Funding.contains(clauseBefore) || x.kw.Funding.prefix(strings.TrimPrefix(a, "的")) != ""
	if !cond || t.Comparator == "=" {
		funding = funding || x.kw.FundNoun.contains(clauseBefore) || x.kw.FundNoun.prefix(strings.TrimPrefix(a, "的")) != ""
	}
	switch {
	case pct:
		return x.percentKind(before, a, funding, cond, t)
	case money:
		return x.moneyKind(cs, q, before, later, t, funding, cond)
	}
	if cond && (t.Comparator != "=" || reached(before)) {
		return schema.KindThreshold
	}
	return schema.KindGoal
}

// percentKind is the kind of a percentage: a rate of a base amount, a
// share set aside (预留30%的号源, 80%用于…) or a share of a grant (50%租金
// 补贴); a floor or cap among conditions; else a goal.
func (x *extractor) percentKind(before, a string, funding, cond bool, t schema.Target) string {
	cmp := t.Comparator
	// 研发经费投入占GDP比重达到2.5%: a share of a whole is a goal
	share := strings.Contains(before, "率") || strings.Contains(before, "比重") || strings.Contains(before, "占") || strings.Contains(before, "强度")
	// 到2025年，…覆盖农村人口比例达到85%: a dated level to reach is a goal
	if t.Deadline != "" && numbers.HasAnySuffix(x.stripCmpWords(before), "达到", "达", "提高到", "提高至", "提升到", "提升至", "增长到", "增至") && !funding {
		return schema.KindGoal
	}
	// 争取上级专项资金增长10%以上: the growth of money set aside is a goal
	if funding && !x.kw.Funding.contains(before) && !x.kw.Rate.contains(before) && numbers.HasAnySuffix(x.stripCmpWords(before), "增长", "增加", "提高", "下降", "降低", "减少") {
		if cond && cmp != "=" {
			return schema.KindThreshold
		}
		return schema.KindGoal
	}
	// 认定条件 … 比例不低于5%: a bounded share among conditions is what an
	// applicant must reach, no rate paid
	if cond && cmp != "=" && !funding && !x.kw.Grant.contains(before) {
		return schema.KindThreshold
	}
	// 直接经济损失占国内生产总值比例<1%; 研发费用占销售收入比例不少于3%:
	// what a whole's part is to keep or reach, not a share paid
	if strings.Contains(before, "占") && !funding && !x.kw.Grant.contains(before) && !strings.Contains(before, "按") {
		if cond && (cmp != "=" || reached(before)) {
			return schema.KindThreshold
		}
		return schema.KindGoal
	}
	if x.kw.Rate.contains(before) || x.kw.Rate.contains(a) && strings.HasPrefix(a, "的") || funding && !share {
		return schema.KindRate
	}
	if x.kw.ShareVerb.suffix(x.stripLinks(before)) != "" || x.kw.ShareUse.prefix(a) != "" {
		return schema.KindRate
	}
	if head := toComma(a); !strings.HasPrefix(head, "的") {
		if k := strings.Index(head, "的"); k >= 0 {
			head = head[:k]
		}
		if x.kw.Grant.suffix(head) != "" {
			return schema.KindRate
		}
	}
	if cond && (cmp != "=" || reached(before)) {
		return schema.KindThreshold
	}
	return schema.KindGoal
}

// moneyKind is the kind of an amount of money: a grant (funding words, a
// cap, a per-unit or per-head amount), a floor or cap among conditions, a
// floor beside a grant (its condition), else a goal.
func (x *extractor) moneyKind(cs string, q numbers.Quantity, before string, later []numbers.Quantity, t schema.Target, funding, cond bool) string {
	// a cap is a grant, also among conditions when the sentence grants
	// (择优给予奖励，金额最高20万元)
	capGrant := t.Comparator == "<=" && t.Deadline == "" && (!cond || x.kw.Funding.contains(cs[:q.Start]))
	// 按博士研究生5万元、硕士研究生3万元的标准给予奖励
	paid := t.Comparator == "=" && t.Deadline == "" && x.kw.Funding.contains(toComma(cs[q.End:]))
	// 1亿元专项资金，其中5000万元主要用于对标行动: money earmarked for a use
	earmarked := x.kw.ShareUse.prefix(stripCmp(cs[q.End:])) != ""
	if funding || capGrant || paid || earmarked || strings.Contains(q.Unit, "/") || strings.Contains(q.Unit, "每") {
		return schema.KindFunding
	}
	// 每生每年1000元, 每人每月300元: a standard per head
	if x.perHead(before) {
		return schema.KindFunding
	}
	if cond && (t.Comparator != "=" || reached(before)) {
		return schema.KindThreshold
	}
	// a floor on money beside a grant in the same sentence is the
	// grant's condition (总投资500万元以上，资助科技经费100万元以上)
	if t.Deadline == "" && t.Comparator == ">=" {
		for _, o := range later {
			if o.Class == numbers.Money && x.kw.Funding.contains(cs[q.End:o.Start]) {
				return schema.KindThreshold
			}
		}
	}
	return schema.KindGoal
}

// perHead reports whether an amount follows per-head words with an
// optional time (每生每年, 每人每月, 每名): a standard paid per head.
func (x *extractor) perHead(before string) bool {
	b := x.stripLinks(before)
	for {
		w := x.kw.PerUnit.suffix(b)
		if w == "" {
			break
		}
		if x.kw.PerHead.contains(w) {
			return true
		}
		b = strings.TrimSuffix(b, w)
	}
	return x.kw.PerHead.suffix(b) != ""
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
	// 奖励20万元，…完成落户的，给予10万元奖励: an amount its own clause
	// grants is no condition of the next grant
	if cl0, _ := clause(cs, q.Start, q.End); x.grantedHere(cs[cl0:q.Start]) {
		return false
	}
	rest := cs[q.End:]
	if k := strings.IndexAny(rest, "；;。"); k >= 0 {
		rest = rest[:k]
	}
	k := strings.Index(rest, "的，")
	n := len("的，")
	if j := strings.Index(rest, "的,"); j >= 0 && (k < 0 || j < k) {
		k, n = j, len("的,")
	}
	// 对服务企业超30家或连接设备超1千台的平台，奖励: a condition joined by
	// 或/且 to a later figure ends in 的 and a short noun before the grant
	if k < 0 {
		if c := strings.IndexAny(rest, "，,"); c > 0 && numbers.HasAnyPrefix(rest, "或", "且", "并且", "同时") {
			seg := rest[:c]
			if d := strings.LastIndex(seg, "的"); d > 0 && strings.ContainsAny(seg[:d], "0123456789") {
				noun := seg[d+len("的"):]
				if r := utf8.RuneCountInString(noun); r >= 1 && r <= 16 && !strings.ContainsAny(noun, "0123456789") {
					k, n = d, c-d
				}
			}
		}
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
	return !x.kw.Funding.contains(mid) && !x.kw.FundNoun.contains(mid) && x.kw.Funding.contains(tail)
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
	if strings.ContainsAny(gap, "，,；;。：:") || x.kw.Funding.contains(gap) || x.kw.FundNoun.contains(gap) {
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
	return utf8.RuneCountInString(g) >= 2 && (strings.Contains(g, "的") || x.kw.Have.suffix(cs[:q.Start]) != "")
}

// floorOfGranted reports whether an undated floor names the class of what
// its clause then grants money for (100马力以上拖拉机单机补贴限额不超过10万元).
func (x *extractor) floorOfGranted(cs string, q numbers.Quantity, after string, later []numbers.Quantity, t schema.Target) bool {
	if t.Comparator != ">=" || t.Deadline != "" || q.Class == numbers.Money || !strings.HasPrefix(after, "以上") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(after[len("以上"):]); !unicode.Is(unicode.Han, r) || strings.HasPrefix(after[len("以上"):], "的") {
		return false
	}
	for _, o := range later {
		if o.Class != numbers.Money || o.Start < q.End {
			continue
		}
		gap := cs[q.End:o.Start]
		return !strings.ContainsAny(gap, "，,；;。：:") && x.kw.Funding.contains(gap)
	}
	return false
}

// toSentenceEnd returns s up to its first ；or 。.
func toSentenceEnd(s string) string {
	if k := strings.IndexAny(s, "；;。"); k >= 0 {
		return s[:k]
	}
	return s
}

// stripCmpWords drops comparator words at the end of the text before a
// figure (达到不低于 → 达到).
func (x *extractor) stripCmpWords(s string) string {
	for _, w := range []string{"不低于", "不少于", "以上", "超过", "力争", "约", "近"} {
		s = strings.TrimSuffix(s, w)
	}
	return s
}

// reached reports whether the clause before a figure says the level is
// reached (人员数量达到企业现有在职职工人数25%): among conditions, a level
// to reach qualifies like a floor.
func reached(before string) bool {
	return strings.Contains(before, "达到")
}

// sizeBound reports whether a figure bounds a size stated with 在 (投资额
// 在5000万元以上): 在 right before it, no grant words, and 以上, 以下 or
// 以内 after it.
func (x *extractor) sizeBound(before, after string) bool {
	if !strings.HasSuffix(before, "在") || x.kw.KeepLevel.suffix(before) != "" {
		return false
	}
	if x.kw.Funding.contains(before) || x.kw.FundNoun.contains(before) {
		return false
	}
	return boundAfter(numbers.SkipNote(after))
}

// boundAfter reports whether s opens with a bound written after a figure
// (以上, 及以上, 以下, 及以下, 以内).
func boundAfter(s string) bool {
	return numbers.HasAnyPrefix(s, "以上", "及以上", "以下", "及以下", "以内")
}

// grantedHere reports whether the text of a clause before an amount ends
// in a grant's verb or noun (奖励20万元, 给予补助资金50万元).
func (x *extractor) grantedHere(before string) bool {
	b := x.stripLinks(before)
	return x.kw.Funding.suffix(b) != "" || x.kw.FundNoun.suffix(b) != ""
}

// attributeBound reports whether a bound written after a figure (以上,
// 以下) is on what the words before it name, no verb that makes the figure
// counted (涉粉作业人数30人以上的金属粉尘企业, not 建设10个以上的基地), and
// the noun after 的 is no share (50%以上的比例).
func (x *extractor) attributeBound(before, after, noun string) bool {
	if x.endsVerb(before) || x.kw.Rate.contains(noun) {
		return false
	}
	return boundAfter(numbers.SkipNote(after))
}

// bracketBound reports whether a bounded figure stands alone in brackets
// with the attribute it bounds (（单体建筑面积2万平方米以上）): the bracket
// closes right after the bound written after the figure, and the words
// inside before the figure name an attribute, no verb, no grant
// (（扶持金额每月每平方米最高50元）) and no breakdown (（含…50家）).
func (x *extractor) bracketBound(before, after string) bool {
	if !numbers.HasAnyPrefix(stripCmp(after), "）", ")") || !boundAfter(after) {
		return false
	}
	k := max(strings.LastIndex(before, "（"), strings.LastIndex(before, "("))
	if k <= 0 {
		return false
	}
	_, sz := utf8.DecodeRuneInString(before[k:])
	inner := before[k+sz:]
	if inner == "" || numbers.HasAnyPrefix(inner, "含", "其中", "包括", "共") || strings.ContainsAny(inner, "0123456789") || x.kw.Funding.contains(inner) || x.kw.FundNoun.contains(inner) {
		return false
	}
	return !x.endsVerb(inner)
}

// boundedBy reports whether the way a figure is written makes it a
// threshold: a size with 在, a deductible, a bare magnitude before a noun,
// a tier heading a colon, or a bound in brackets after a noun.
func (x *extractor) boundedBy(cs string, q numbers.Quantity, before, after string, t schema.Target) bool {
	// 固定资产投资规模在500万元以上，从事…的企业; 投资额在1亿元以上5亿元
	// 以下，…加4分: a size stated with 在 and a bound after the figure is
	// whom the measure is for (控制在, 保持在 bound a level to keep)
	if t.Deadline == "" && x.sizeBound(before, after) {
		return true
	}
	// 起付线分别为200元、500元; 起付标准为：三级医院1000元，二级医院500元:
	// the amount above which costs are paid is a threshold
	if q.Class == numbers.Money {
		if k := x.kw.Deductible.last(cs[:q.Start]); k >= 0 && !x.kw.Funding.contains(cs[k+len(x.kw.Deductible.prefix(cs[k:])):q.Start]) && !strings.ContainsAny(cs[k:q.Start], "；;。") {
			return true
		}
	}
	// 新开工亿元以上项目50个: a bare magnitude bounded before a noun says
	// which of them count
	if q.Chinese && q.Num == 1 && t.Comparator == ">=" && numbers.HasAnyPrefix(after, "以上", "及以上") {
		if r, _ := utf8.DecodeRuneInString(stripCmp(after)); unicode.Is(unicode.Han, r) {
			return true
		}
	}
	// 1万元至5万元：一级85%…; 5万元以上：…: a bounded figure heading what
	// follows its colon is a tier
	if (t.Comparator == ">=" || t.Comparator == "<=") && t.Deadline == "" && numbers.HasAnyPrefix(stripCmp(cs[q.End:]), "：", ":") {
		return true
	}
	// 大型公共建筑（单体建筑面积2万平方米以上）: a bound on an attribute in
	// brackets after a noun defines which of them are meant
	if t.Comparator != "=" && t.Comparator != "~" && t.Deadline == "" && x.bracketBound(before, after) {
		return true
	}
	return false
}
