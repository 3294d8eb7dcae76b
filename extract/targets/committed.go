package targets

import (
	"strings"

	"policyx/normalize/numbers"
)

// notCommitted applies the rules, read before the deadline, for figures
// that only describe: counts of a list, parts of a whole, totals, counts
// of the items after a colon, rate bases, past statements and framed
// clauses.
func (x *extractor) notCommitted(sc *sentenceCtx, f *figureCtx, cmp string) bool {
	cs, q := sc.cs, f.q
	if enumCount(cs[f.cl0:q.Start], q.Num) {
		return true
	}
	if x.partCount(f.before, f.after, q, cmp) {
		return true
	}
	// 合计：核心技术44项，… is a table's total line run into the text
	if strings.Contains(cs[:q.Start], "合计：") || strings.Contains(cs[:q.Start], "合计:") {
		return true
	}
	// 处1万元以上10万元以下的罚款: a penalty is no amount the policy gives,
	// sets aside or sets as a bar (违法所得5万元以上的 still is one)
	if q.Class == numbers.Money || q.Class == numbers.Multiple {
		clause := cs[f.cl0:f.cl1]
		if strings.Contains(clause, "罚款") || strings.Contains(clause, "罚金") {
			return true
		}
	}
	// 推广的改革举措（共23项）; 分为…4个方面的内容，共149项: the count of
	// the items a text lists or holds
	if numbers.HasAnySuffix(cs[:q.Start], "（共", "(共") && numbers.HasAnyPrefix(cs[q.End:], "）", ")") {
		return true
	}
	// 就抓好《方案》确定的146项工作任务落实通知如下: the tasks a named
	// document holds
	total := cs[f.cl0:q.Start] == "共" && q.End == f.cl1 && q.Class == numbers.Count
	held := (q.Unit == "项" || q.Unit == "条") && cmp == "=" && strings.Contains(cs[:q.Start], "《") && x.kw.TaskNoun.prefix(cs[q.End:]) != ""
	if (total || held) && !sc.hasYear {
		if _, dated := governing(cs[:q.Start]); !dated {
			return true
		}
	}
	// 落实好提振市场信心90条措施: the name of a package of measures
	if q.Unit == "条" && cmp == "=" && numbers.HasAnyPrefix(cs[q.End:], "措施", "举措", "政策措施") {
		if _, dated := governing(cs[:q.Start]); !dated && !sc.hasYear {
			return true
		}
	}
	// 知识产权保护方面5项：… counts the items that follow (1万元至5万元：
	// 一级85%… heads a tier)
	if rest := stripCmp(cs[q.End:]); q.Class == numbers.Count && (strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":")) {
		return true
	}
	// 提供1次政策宣介、3次岗位推荐: a service standard, unless bounded or dated
	if k := serviceList(cs, sc.kept, f.qi); k >= 0 && cmp == "=" {
		first := sc.kept[k]
		bounded := x.num.Comparator(cs[min(f.cl0, first.Start):first.Start], "", first) != "="
		if _, dated := governing(cs[:q.Start]); !dated && !sc.hasYear && !bounded {
			return true
		}
	}
	// 每招收1名博士后: the unit a grant is counted in
	if q.Num == 1 && !q.Range && q.Class != numbers.Money && perOne(f.before) {
		return true
	}
	// （一）一体化政务服务平台建设（3分）; 日常监测（60%）+实地调研（20%）:
	// the weight of an item in an evaluation
	if itemWeight(cs, f) {
		return true
	}
	// 由2020年的500家增加到1000家, 从100亿元增加到200亿元: the level a
	// change starts from
	if x.changeFrom(cs, sc.kept, f) {
		return true
	}
	// 年均每十万人受灾人次; 工矿商贸就业人员十万人生产安全事故死亡率: the
	// population a rate is counted per
	if x.rateBase(f) {
		return true
	}
	// 按照产值每新增1000万元奖励2万元: the step a grant is counted by
	if x.kw.PerStep.suffix(f.before) != "" && x.kw.Funding.contains(toComma(f.after)) {
		return true
	}
	// 同时符合以下两个或两个以上条件; 满足1和2两项条件: a count of the
	// conditions listed, no commitment
	if x.conditionCount(cs, f) {
		return true
	}
	// past statements; figures in a framing clause (依托…4个高新区)
	// …自注册成立以来首次达到1亿元的，给予: a condition of a grant
	if x.pastClause(cs[f.cl0:q.Start], q) || x.pastBreakdown(cs[:f.cl0]) || x.pastSentence(cs[:q.Start]) && !x.kw.Funding.contains(cs[q.End:]) {
		return true
	}
	// 同比增长15%: the past, unless a condition (营业收入同比增长15%以上的)
	// or a dated or bounded commitment (到2025年…同比增长10%以上)
	if x.kw.Compare.contains(cs[f.cl0:q.Start]) && !sc.cond && cmp == "=" && !strings.HasPrefix(stripCmp(f.after), "的") {
		if _, dated := governing(cs[:q.Start]); !dated && !sc.hasYear {
			return true
		}
	}
	// 巩固落实好…达到12000元的基础上: the present level a measure starts
	// from; 到2020年，在确保…达到460家以上的基础上 still commits
	if a := stripCmp(cs[q.End:]); strings.HasPrefix(a, "的基础上") || strings.HasPrefix(a, "基础上") {
		if _, dated := governing(cs[:q.Start]); !dated && !sc.hasYear && !strings.Contains(cs[f.cl0:q.Start], "确保") {
			return true
		}
	}
	return x.framed(cs[f.cl0:q.Start])
}
