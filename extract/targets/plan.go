package targets

import (
	"strconv"
	"strings"

	"policyx/normalize/numbers"
)

// governing is numbers.Governing, or else the end of a five-year plan
// named as the deadline (到“十四五”末 → 2025).
func governing(s string) (numbers.Date, bool) {
	if d, ok := numbers.Governing(s); ok {
		return d, true
	}
	return planEnd(s)
}

// planOrdinal are the five-year plans by their ordinal after 十 (十一五 …
// 十五五); plan 十N五 ends in 2010+5×(N−1).
const planOrdinal = "一二三四五"

// planEnd finds the last end of a five-year plan in s that reads as a
// deadline: 到“十四五”末, 至“十四五”期末, “十四五”时期末 at a clause start.
func planEnd(s string) (numbers.Date, bool) {
	for k := strings.LastIndex(s, "十"); k >= 0; k = strings.LastIndex(s[:k], "十") {
		year, tail, ok := planAt(s[k+len("十"):])
		if !ok {
			continue
		}
		end := ""
		for _, w := range []string{"规划期末", "时期末", "期末", "末"} {
			if strings.HasPrefix(tail, w) {
				end = w
				break
			}
		}
		if end == "" {
			continue
		}
		lead := strings.TrimRight(s[:k], "“\"‘「")
		if lead != "" && !numbers.HasAnySuffix(lead, "到", "至", "截至", "力争到", "在", "，", ",", "。", "；", ";", "：", ":") {
			continue
		}
		stop := len(s) - len(tail) + len(end)
		return numbers.Date{Start: len(lead), End: stop, Year: year, Kind: numbers.Deadline}, true
	}
	return numbers.Date{}, false
}

// planAt reads a five-year plan's name after its 十 (一五 … 五五, with
// the closing quotation mark after it): the plan's last year and the text
// after the name.
func planAt(rest string) (year int, tail string, ok bool) {
	n := strings.IndexRune(planOrdinal, firstRune(rest))
	if n < 0 || !strings.HasPrefix(rest[len("一"):], "五") {
		return 0, "", false
	}
	return 2010 + 5*(n/len("一")), strings.TrimLeft(rest[len("一五"):], "”\"’」"), true
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// pastPlanPeriod reports whether a sentence opens with a five-year plan's
// period (“十三五”时期, 十三五期间, “十三五”以来) that ended before the
// document was issued: what follows reviews it.
func (x *extractor) pastPlanPeriod(cs string) bool {
	ref := x.refDate()
	if len(ref) < 4 {
		return false
	}
	body := cs
	if k, _ := listMarker(body); k > 0 {
		body = body[k:]
	}
	body = strings.TrimLeft(body, "“\"‘「")
	rest, ok := strings.CutPrefix(body, "十")
	if !ok {
		return false
	}
	end, tail, ok := planAt(rest)
	if !ok || !numbers.HasAnyPrefix(tail, "时期", "期间", "以来") {
		return false
	}
	return strconv.Itoa(end) < ref[:4]
}
