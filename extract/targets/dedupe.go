package targets

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/schema"
)

// dedupe drops a figure restated for the same subject within one sentence
// (the same place in the text, not equal wording),
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
		k := key{t.NormValue, personUnit(t.NormUnit)}
		groups[k] = append(groups[k], i)
	}
	// a table cell that restates a figure of the text (an indicator table
	// in an attachment) is dropped
	for i := range out {
		if x.cellOf[i] == "" {
			continue
		}
		name := strings.TrimSuffix(x.cellOf[i], "\x00")
		for _, j := range groups[key{out[i].NormValue, personUnit(out[i].NormUnit)}] {
			if x.cellOf[j] == "" && (similar(out[i].Subject, out[j].Subject) || similar(name, out[j].Subject) || sameTail(name, out[j].Subject)) {
				drop[i] = true
				break
			}
		}
	}
	// a tier boundary stated from both sides (10亿元以上的…，10亿元以下的…;
	// 60分以上为合格，低于60分为不合格; 500万元及以下的…，500万元以上的…), a
	// few paragraphs apart at most, is one threshold: the first
	for i, a := range out {
		if a.Kind != schema.KindThreshold || x.cellOf[i] != "" {
			continue
		}
		for _, j := range groups[key{a.NormValue, personUnit(a.NormUnit)}] {
			b := out[j]
			if j < i && !drop[j] && x.paraOf[i]-x.paraOf[j] <= 3 && tierStatement(a, false) && b.Kind == schema.KindThreshold && b.NormUnit == a.NormUnit && similar(a.Subject, b.Subject) && (a.Comparator == "<=" && b.Comparator == ">=" && tierStatement(b, true) || a.Comparator == ">=" && b.Comparator == "<=" && tierStatement(b, false)) {
				drop[i] = true
				break
			}
		}
	}
	for i := range out {
		for _, j := range groups[key{out[i].NormValue, personUnit(out[i].NormUnit)}] {
			if i == j || drop[j] || drop[i] || x.cellOf[i] != "" || x.cellOf[j] != "" {
				continue
			}
			a, b := out[i], out[j]
			if a.NormValue != b.NormValue || a.NormUnit != b.NormUnit || !similar(a.Subject, b.Subject) {
				continue
			}
			// one sentence, or the same words in the same surroundings (a page
			// that holds its text twice); not the same words at another place:
			// 若干措施 repeat 按照规定给予不超过总投入30%、最高3000万元的经费支持
			// under item after item, each a grant of its own
			same := a.SentenceSpan == b.SentenceSpan || a.Sentence == b.Sentence && x.sameSurroundings(a.SentenceSpan, b.SentenceSpan)
			if same && i > j && a.Subject == b.Subject && utf8.RuneCountInString(a.Subject) >= 3 && a.Comparator == b.Comparator {
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

// personUnit collapses the units that count persons (名, 位) into 人 for
// comparing figures.
func personUnit(u string) string {
	switch u {
	case "名", "位":
		return "人"
	}
	return u
}

// sameTail reports whether two indicator names end in the same word of
// three or more characters (签约居民续约率, 重点人群续约率).
func sameTail(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[len(ra)-1-n] == rb[len(rb)-1-n] {
		n++
	}
	return n >= 3
}

// tierStatement reports whether a figure sets a tier in its sentence: it is
// followed by 的 or 为 (within its clause when rangeOK) (10亿元以下的，…; 低于60分为不合格), not by a further
// condition (不足1000万元但与高校有合作基础的企业).
func tierStatement(t schema.Target, rangeOK bool) bool {
	s := strings.Join(strings.Fields(t.Sentence), "")
	k := strings.Index(s, t.Value+t.Unit)
	if k < 0 {
		return false
	}
	rest := stripCmp(s[k+len(t.Value+t.Unit):])
	if rangeOK {
		// 60分(含60分)至70分之间为合格: the upper bound comes first
		return strings.ContainsAny(toComma(rest), "的为")
	}
	return strings.HasPrefix(rest, "的") || strings.HasPrefix(rest, "为")
}

// sameSurroundings reports whether the text just before or just after two
// places is the same: a passage repeated whole, not one sentence repeated.
func (x *extractor) sameSurroundings(a, b schema.Span) bool {
	t := x.doc.Text
	around := func(s schema.Span, before bool) string {
		var r []rune
		if before {
			r = []rune(t[max(0, s.Start-120):s.Start])
		} else {
			r = []rune(t[s.End:min(len(t), s.End+120)])
		}
		c := []rune(cjk.RemoveSpace(string(r)))
		if len(c) > 12 {
			if before {
				c = c[len(c)-12:]
			} else {
				c = c[:12]
			}
		}
		return string(c)
	}
	for _, before := range []bool{true, false} {
		p, q := []rune(around(a, before)), []rune(around(b, before))
		n := min(len(p), len(q))
		if n < 6 {
			continue
		}
		if before {
			p, q = p[len(p)-n:], q[len(q)-n:]
		} else {
			p, q = p[:n], q[:n]
		}
		if string(p) == string(q) {
			return true
		}
	}
	return false
}
