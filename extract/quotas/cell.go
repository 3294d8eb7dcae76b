package quotas

import (
	"policyx/extract/tables"
	"policyx/normalize/numbers"
	"strconv"
	"strings"
)

// Cells: the figure, unit and comparator a table cell holds.

// cell is a numeric cell read with its unit.
type cell struct {
	q   numbers.Quantity
	cmp string
}

// footMarks are marks after a name or figure that point to a note (64*,
// 出院患者手术占比▲).
const footMarks = "*＊※▲△★☆"

// multipliers may stand between a number and its unit (1.2万家, 3亿元).
var multipliers = []string{"万亿", "千万", "百万", "千亿", "百亿", "亿", "万", "千", "百"}

var symbolCmp = []struct{ sym, cmp string }{
	{"≥", ">="}, {"≧", ">="}, {">=", ">="}, {"＞", ">="}, {">", ">="},
	{"≤", "<="}, {"≦", "<="}, {"<=", "<="}, {"＜", "<="}, {"<", "<="},
}

// cellWords may stand around the number of a numeric cell; the words of
// a change (下降15%, 提高5个百分点) open the 预期值 of a 主要指标 table's
// constraint rows.
var cellWords = []string{"及以上", "以上", "以下", "以内", "左右", "上下", "大约", "约", "不低于", "不少于", "不小于",
	"不超过", "不高于", "不大于", "达到", "超过", "突破", "力争", "至少", "最高", "最多", "控制在", "(含)", "（含）",
	"下降", "降低", "减少", "增长", "提高", "提升"}

// cumBrackets enclose a 规划's cumulative figure (〔13.5〕 in a 年均/累计
// column: 〔 〕内为五年累计数).
var cumBrackets = [][2]string{{"〔", "〕"}, {"[", "]"}, {"【", "】"}}

// unbracket is a cell without the brackets around all of it.
func unbracket(k string) string {
	for _, b := range cumBrackets {
		if in, ok := strings.CutPrefix(k, b[0]); ok {
			if in, ok = strings.CutSuffix(in, b[1]); ok && !strings.ContainsAny(in, b[0]+b[1]) {
				return in
			}
		}
	}
	return k
}

func onlyCellWords(s string) bool {
	for s != "" {
		hit := false
		for _, w := range cellWords {
			if strings.HasPrefix(s, w) {
				s = s[len(w):]
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// readCell reads a cell that is only a number with its unit or
// comparator; unit is the unit the header, row or table gives.
func readCell(p *numbers.Parser, s, unit string) (cell, bool) {
	k := strings.TrimRight(tables.Key(s), footMarks)
	if k == "" || tables.IsEmptyMark(k) || reDateCell.MatchString(k) {
		return cell{}, false
	}
	k = unbracket(k)
	sym := ""
	for _, sc := range symbolCmp {
		if strings.HasPrefix(k, sc.sym) {
			sym = sc.cmp
			k = k[len(sc.sym):]
			break
		}
	}
	loc := reNumber.FindStringIndex(k)
	if loc == nil {
		return cell{}, false
	}
	pre, num, post := k[:loc[0]], k[loc[0]:loc[1]], k[loc[1]:]
	qs := p.Scan(k)
	if len(qs) == 0 && unit != "" {
		// the header's unit after the number, and after its multiplier
		// (1.2万 in a （家） column; 1.2亿 in a （万元） column is 1.2亿元)
		mult := ""
		for _, m := range multipliers {
			if strings.HasPrefix(post, m) {
				mult = m
				break
			}
		}
		u := unit
		if mult != "" {
			for _, m := range multipliers {
				if b := strings.TrimPrefix(unit, m); b != unit && p.IsUnit(b) {
					u = b
					break
				}
			}
		}
		k = pre + num + mult + u + post[len(mult):]
		qs = p.Scan(k)
	}
	var q numbers.Quantity
	switch len(qs) {
	case 0:
		// a bare number without any unit; not a year (2025 in a column of
		// completion years)
		f, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil || !onlyCellWords(pre) || !onlyCellWords(post) || reYearNum.MatchString(num) {
			return cell{}, false
		}
		q = numbers.Quantity{Start: len(pre), End: len(pre) + len(num), Value: strings.ReplaceAll(num, ",", ""), Num: f, NormValue: f, Class: numbers.Count}
	case 1:
		q = qs[0]
		if !onlyCellWords(k[:q.Start]) || !onlyCellWords(k[q.End:]) {
			return cell{}, false
		}
	default:
		return cell{}, false
	}
	if q.Class == numbers.Duration || q.Class == numbers.Frequency {
		return cell{}, false
	}
	cmp := sym
	if cmp == "" {
		cmp = p.Comparator(k[:q.Start], k[q.End:], q)
	}
	return cell{q: q, cmp: cmp}, true
}
