package numbers

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quantity is a number with its unit found in a text. Offsets are bytes
// into the scanned string.
type Quantity struct {
	Start, End int     // the whole expression: number, unit, range
	Value      string  // the number in Arabic digits, as written (1.4 for 1.4亿元)
	Num        float64 // the number's value (1.4)
	Unit       string  // unit as written, multiplier included (亿元, 万元/家, %)
	NormValue  float64 // value in the base unit (140000000)
	NormUnit   string  // base unit (元, 元/家, %, 家)
	Class      Class
	Range      bool    // 3—5个: Num is the floor
	High       float64 // upper bound of a range, in the base unit
	More       bool    // 100多家, 50余人: a floor
	Shared     bool    // the unit was taken from the last number of a list (600、300和200家)
	Chinese    bool    // written in Chinese numerals
	Written    string  // the expression as written
}

// Is reports whether the quantity can be a policy figure: money, rates,
// counts, scores and ages; not durations, frequencies or bare numbers.
func (q Quantity) Is() bool {
	switch q.Class {
	case Money, Percent, Permille, Points, Count, Score, Age, Multiple:
		return true
	}
	return false
}

// matchUnit finds the longest unit at the start of s, with an optional
// multiplier (万, 亿, 千万 …) before a money or count unit and an optional
// per-unit suffix (万元/家, 元每人). It returns the unit, the bytes it covers
// and the combined factor.
func (p *Parser) matchUnit(s string) (u Unit, n int, ok bool) {
	best := func(t string) (Unit, int, bool) {
		// longest direct entry
		var bu Unit
		bn := 0
		end := 0
		for i := 0; i < 8 && end < len(t); i++ {
			_, sz := utf8.DecodeRuneInString(t[end:])
			end += sz
			if x, ok := p.units[t[:end]]; ok {
				bu, bn = x, end
			}
		}
		if bn == 0 {
			return Unit{}, 0, false
		}
		// a one-character unit that begins a word is no unit
		if utf8.RuneCountInString(bu.Name) == 1 && bn < len(t) {
			if p.stopWord(t[bn-len(bu.Name):]) {
				return Unit{}, 0, false
			}
		}
		return bu, bn, true
	}
	u, n, ok = best(s)
	for _, m := range multipliers {
		if !strings.HasPrefix(s, m.s) {
			continue
		}
		bu, bn, bok := best(s[len(m.s):])
		if !bok || (bu.Class != Money && bu.Class != Count) {
			continue
		}
		if len(m.s)+bn > n {
			u = Unit{Name: m.s + bu.Name, Norm: bu.Norm, Factor: bu.Factor * m.f, Class: bu.Class}
			n = len(m.s) + bn
			ok = true
		}
		break
	}
	if !ok {
		return Unit{}, 0, false
	}
	// per-unit money: 万元/家, 元/人, 万元每家
	if u.Class == Money {
		rest := s[n:]
		sep := ""
		switch {
		case strings.HasPrefix(rest, "/"):
			sep = "/"
		case strings.HasPrefix(rest, "／"):
			// 200元／月, 20万元／家: a full-width slash
			sep = "／"
		case strings.HasPrefix(rest, "每"):
			sep = "每"
		}
		if sep != "" {
			if cu, cn, cok := best(rest[len(sep):]); cok && (cu.Class == Count || cu.Class == Duration) && !strings.ContainsAny(cu.Name, "0123456789") {
				norm := cu.Name
				u = Unit{Name: u.Name + strings.ReplaceAll(sep, "／", "/") + cu.Name, Norm: u.Norm + "/" + norm, Factor: u.Factor, Class: Money}
				n += len(sep) + cn
			}
		}
	}
	return u, n, true
}

// number reads one Arabic number at s[i:]. It refuses numbers
// glued to Latin letters or other digits (CN300, 5G, 2.0T, V6), fractions
// (1/3), identifiers (5+5) and ordinals (第25).
func number(s string, i int) (digits string, v float64, n int, chinese bool) {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if i > 0 && (prev == '第' || prev < utf8.RuneSelf && (unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("./+_-#*=", prev)) || prev == '×' || prev == '÷' || prev == '／') {
		return "", 0, 0, false
	}
	if i < len(s) && isDigit(s[i]) {
		d, m := scanArabic(s[i:])
		if m == 0 {
			return "", 0, 0, false
		}
		j := i + m
		if j < len(s) {
			r, _ := utf8.DecodeRuneInString(s[j:])
			if r < utf8.RuneSelf && (unicode.IsLetter(r) || r == '+' || r == '_' || r == '#') {
				return "", 0, 0, false
			}
			if r == '/' && j+1 < len(s) && isDigit(s[j+1]) {
				return "", 0, 0, false
			}
			if r == '.' && j+1 < len(s) && isDigit(s[j+1]) { // 1.2.3
				return "", 0, 0, false
			}
		}
		f, _, _ := ParseNumber(d)
		return d, f, m, false
	}
	return "", 0, 0, false
}

var rangeSeps = []string{"—", "–", "－", "-", "~", "～", "〜", "至", "到"}

// Scan returns every quantity in s, in order. s should be compact: the
// caller removes white space around numbers (达到 750家 → 达到750家).
// Bare numbers without a unit are not returned, except that numbers of a
// list sharing the unit of its last member (600、300和200家) each get it.
func (p *Parser) Scan(s string) []Quantity {
	probe := p.matchUnit
	var out []Quantity
	var pending []Quantity // bare numbers of a list waiting for a unit
	flush := func() { pending = pending[:0] }
	fen := strings.Contains(s, "分之")
	lastBare := -1 // end of the last bare magnitude (突破百项)
	i := 0
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		start := i
		listed := lastBare >= 0 && !strings.ContainsAny(s[lastBare:i], "。；;")
		if q, ok, word := p.wordQuantity(s, i, r, fen, listed); word {
			if !ok {
				i += sz
				continue
			}
			if q.Unit != "" && strings.HasPrefix(q.Written, q.Unit) {
				lastBare = q.End
			}
			out = append(out, q)
			flush()
			i = q.End
			continue
		}
		if !(isDigit(s[i]) || cnDigit[r] != 0 || r == '十' || r == '两') {
			i += sz
			continue
		}
		d, v, n, ch := numberProbe(s, i, probe)
		if n == 0 {
			// skip the whole run of digits/letters so that its tail is not read
			j := i + sz
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if r2 < utf8.RuneSelf && (unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '.') || isCNNum(r2) {
					j += s2
					continue
				}
				break
			}
			i = j
			continue
		}
		if ch && v == 1 && !floorBefore(s[:i]) {
			// 一家, 一批, 一次性: an article, not a figure; 至少建设一所
			// counts
			i += n
			continue
		}
		j := i + n
		q := Quantity{Start: start, Value: d, Num: v, Chinese: ch}
		if j < len(s) && (strings.HasPrefix(s[j:], "多") || strings.HasPrefix(s[j:], "余")) {
			if _, _, ok := p.matchUnit(s[j+len("多"):]); ok {
				q.More = true
				j += len("多")
			}
		}
		u, un, uok := p.matchUnit(s[j:])
		if !uok {
			u, un, uok = p.bareMoney(s[j:], clauseBefore(s, i))
		}
		if uok {
			j += un
		}
		j, u, uok = p.scanRange(s, j, ch, u, uok, &q)
		// 二类以上医疗器械, 三类疫苗: a category's name, no count; 三元材料,
		// 二元结构: a word, no money
		if uok && ch && (u.Name == "类" || u.Name == "元" && v < 10) {
			i = j
			continue
		}
		// 十分重要, 十分关注: the adverb, no score of ten
		if uok && ch && u.Class == Score && s[i:j] == "十分" {
			i = j
			continue
		}
		// 每年1次, 每5年修订1次: a frequency, no count of events
		if uok && u.Name == "次" && perTime(clauseBefore(s, i)) {
			u.Class = Frequency
		}
		// 利用小时数达到2000小时: hours counted, not a time limit
		if uok && u.Class == Duration && u.Norm == "小时" && strings.Contains(clauseBefore(s, i), "时数") {
			u.Class = Count
		}
		q.End = j
		q.Written = s[q.Start:q.End]
		if !uok {
			// a bare number: part of a list whose last member has the unit?
			if j < len(s) && !ch {
				rest := s[j:]
				for _, sep := range []string{"、", "，", ",", "和", "及", "与", "或"} {
					if strings.HasPrefix(rest, sep) && len(rest) > len(sep) && isDigit(rest[len(sep)]) {
						pending = append(pending, q)
						break
					}
				}
			}
			i = j
			continue
		}
		q.Unit = u.Name
		q.NormUnit = u.Norm
		q.Class = u.Class
		q.NormValue = v * u.Factor
		for _, b := range pending {
			if b.End <= q.Start && listGap(s[b.End:q.Start]) {
				b.Unit, b.NormUnit, b.Class, b.Shared = u.Name, u.Norm, u.Class, true
				b.NormValue = b.Num * u.Factor
				out = append(out, b)
			}
		}
		flush()
		out = append(out, q)
		i = j
	}
	return out
}

// wordQuantity reads at i a quantity written in words: 百分之/千分之 and a
// number, a fraction (三分之一, 一半), a bare magnitude (超千亿元). word
// says whether one starts there; ok whether it reads as a quantity. fen
// says whether s holds 分之 at all: percent words and fractions need it
// (but 一半), and are then not tried at every rune.
func (p *Parser) wordQuantity(s string, i int, r rune, fen, listed bool) (q Quantity, ok, word bool) {
	if fen {
		if q, ok, isPct := percentWord(s, i, p.matchUnit); isPct {
			return q, ok, true
		}
	}
	if fen || r == '一' {
		if q, ok := fraction(s, i); ok {
			return q, true, true
		}
	}
	if q, ok := p.bareMagnitude(s, i, listed); ok {
		return q, true, true
	}
	return Quantity{}, false, false
}

// percentWord reads 百分之三十 or 千分之一 at s[i:]. isPct reports whether
// the words stand there, ok whether a number follows them.
func percentWord(s string, i int, probe func(string) (Unit, int, bool)) (q Quantity, ok, isPct bool) {
	pct := ""
	switch {
	case strings.HasPrefix(s[i:], "百分之"):
		pct = "百分之"
	case strings.HasPrefix(s[i:], "千分之"):
		pct = "千分之"
	}
	if pct == "" {
		return Quantity{}, false, false
	}
	d, v, n, ch := numberProbe(s, i+len(pct), probe)
	if n == 0 {
		return Quantity{}, false, true
	}
	q = Quantity{Start: i, End: i + len(pct) + n, Value: d, Num: v, NormValue: v, Chinese: ch, Unit: pct}
	if pct == "百分之" {
		q.NormUnit, q.Class = "%", Percent
	} else {
		q.NormUnit, q.Class = "‰", Permille
	}
	q.Written = s[q.Start:q.End]
	return q, true, true
}

// scanRange reads the upper bound of a range after a number and its unit
// ending at j (3—5个, 70分(含70分)至90分, 1～3个百分点): it marks q as a
// range and returns the new end and the unit, taken from the upper bound
// when the lower one has none.
func (p *Parser) scanRange(s string, j int, ch bool, u Unit, uok bool, q *Quantity) (int, Unit, bool) {
	k := j
	// 2万（含）—5万台（不含）: a multiplier whose unit is written only after
	// the upper bound
	mulF := 1.0
	if !uok {
		for _, m := range multipliers {
			if strings.HasPrefix(s[k:], m.s) {
				mulF = m.f
				k += len(m.s)
				break
			}
		}
	}
	for _, paren := range [][2]string{{"(含", ")"}, {"（含", "）"}} {
		if strings.HasPrefix(s[k:], paren[0]) {
			if e := strings.Index(s[k:], paren[1]); e > 0 && e < 30 {
				k += e + len(paren[1])
			}
		}
	}
	for _, sep := range rangeSeps {
		if !strings.HasPrefix(s[k:], sep) {
			continue
		}
		k2 := k + len(sep)
		if k2 < len(s) && (isDigit(s[k2]) == !ch || ch && isCNNum(rune0(s[k2:]))) {
			var v2 float64
			var n2 int
			if isDigit(s[k2]) {
				d2, m2 := scanArabic(s[k2:])
				v2, _, _ = ParseNumber(d2)
				n2 = m2
			} else {
				v2, n2 = scanChinese(s[k2:])
			}
			if n2 > 0 {
				k3 := k2 + n2
				u2, un2, ok2 := p.matchUnit(s[k3:])
				if ok2 && (!uok || u2.Norm == u.Norm) {
					if !uok {
						u, uok = u2, true
						if mulF != 1 {
							base := 1.0
							if b, ok := p.units[u2.Norm]; ok {
								base = b.Factor
							}
							u.Factor = mulF * base
						}
					}
					q.Range = true
					q.High = v2 * u2.Factor
					j = k3 + un2
				} else if !ok2 && uok && mulF == 1 {
					q.Range = true
					q.High = v2 * u.Factor
					j = k3
				}
			}
		}
		break
	}
	return j, u, uok
}

// stopWord reports whether s opens with a word of data/unit_stop.txt.
func (p *Parser) stopWord(s string) bool {
	for _, w := range p.unitStop {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// fraction reads 一半 (50 %) or a fraction 三分之一 (33.33 %) at s[i:] as a
// percentage. 另一半 (the other half) is no figure.
func fraction(s string, i int) (Quantity, bool) {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if strings.HasPrefix(s[i:], "一半") {
		if prev == '另' || prev == '的' || isCNNum(prev) {
			return Quantity{}, false
		}
		n := len("一半")
		return Quantity{Start: i, End: i + n, Value: "50", Num: 50, NormValue: 50, Unit: "一半", NormUnit: "%", Class: Percent, Chinese: true, Written: s[i : i+n]}, true
	}
	if i > 0 && (isDigit(s[i-1]) || isCNNum(prev) || prev == '第') {
		return Quantity{}, false
	}
	den, n1, ok := fractionPart(s[i:])
	if !ok || !strings.HasPrefix(s[i+n1:], "分之") {
		return Quantity{}, false
	}
	k := i + n1 + len("分之")
	num, n2, ok := fractionPart(s[k:])
	if !ok || den < 2 || den > 100 || num <= 0 || num >= den {
		return Quantity{}, false
	}
	pct := math.Round(num/den*1e4) / 100
	end := k + n2
	return Quantity{Start: i, End: end, Value: FormatValue(pct), Num: pct, NormValue: pct, Unit: s[i:end], NormUnit: "%", Class: Percent, Chinese: !isDigit(s[i]), Written: s[i:end]}, true
}

// fractionPart reads the Arabic or Chinese number of a fraction.
func fractionPart(s string) (float64, int, bool) {
	if s != "" && isDigit(s[0]) {
		d, m := scanArabic(s)
		if strings.Contains(d, ".") {
			return 0, 0, false
		}
		v, _, ok := ParseNumber(d)
		return v, m, ok
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r == '百' || r == '千' || r == '万' {
		return 0, 0, false
	}
	v, m := scanChinese(s)
	return v, m, m > 0
}

// floorBefore reports whether a floor word stands shortly before a
// Chinese 一, which then counts (至少建设一所, 不少于一家) instead of being an
// article.
func floorBefore(before string) bool {
	r := []rune(before)
	if len(r) > 6 {
		r = r[len(r)-6:]
	}
	w := string(r)
	for _, k := range []string{"至少", "不少于", "不低于", "不得少于"} {
		if strings.Contains(w, k) {
			return true
		}
	}
	return false
}

// bareMagnitude reads a magnitude written without a number after a floor
// word (规模超百亿元, 突破千亿元, 超万人) or before 以上 (亿元以上项目): one
// of that unit. listed says that
// one such magnitude came before in the sentence: the members of its list
// count too (突破百项前沿关键核心技术，形成百项标志性产品，打造百家领军企业),
// after a verb.
func (p *Parser) bareMagnitude(s string, i int, listed bool) (Quantity, bool) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r != '百' && r != '千' && r != '万' && r != '亿' {
		return Quantity{}, false
	}
	before := s[:i]
	if strings.HasPrefix(s[i:], "百分之") || strings.HasPrefix(s[i:], "千分之") {
		return Quantity{}, false
	}
	u, n, ok := p.matchUnit(s[i:])
	if !ok || u.Factor < 100 || u.Class != Money && u.Class != Count {
		return Quantity{}, false
	}
	// 实施1000项亿元以上技术改造项目: a bound after the magnitude
	if !HasAnySuffix(before, "超", "超过", "突破", "过") && !HasAnyPrefix(s[i+n:], "以上", "及以上") {
		pr, _ := utf8.DecodeLastRuneInString(before)
		if !listed || !unicode.Is(unicode.Han, pr) || isCNNum(pr) {
			return Quantity{}, false
		}
	}
	// 千亿级产业: a class's name
	if strings.HasPrefix(s[i+n:], "级") {
		return Quantity{}, false
	}
	end := i + n
	return Quantity{Start: i, End: end, Value: "1", Num: 1, Unit: u.Name, NormValue: u.Factor, NormUnit: u.Norm, Class: u.Class, Chinese: true, Written: s[i:end]}, true
}

// perTime reports whether a clause holds 每 and a time unit (每年, 每5年,
// 每季度, 每学期): the count after it is a frequency.
func perTime(clause string) bool {
	k := strings.LastIndex(clause, "每")
	if k < 0 {
		return false
	}
	t := clause[k+len("每"):]
	for t != "" {
		r, sz := utf8.DecodeRuneInString(t)
		if !(r < utf8.RuneSelf && isDigit(byte(r)) || isCNNum(r) || r == '个') {
			break
		}
		t = t[sz:]
	}
	for _, w := range []string{"年", "月", "季", "周", "天", "日", "半年", "学期", "届", "星期"} {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	return false
}

// clauseBefore returns the text of s's clause up to byte i.
func clauseBefore(s string, i int) string {
	b := s[:i]
	if k := strings.LastIndexAny(b, "，,；;。：:"); k >= 0 {
		_, sz := utf8.DecodeRuneInString(b[k:])
		b = b[k+sz:]
	}
	return b
}

// bareMoney reads a multiplier without a unit (2000万, 5亿) as money in 元
// when a money word stands in the clause before it (产值2000万以上).
func (p *Parser) bareMoney(s, before string) (Unit, int, bool) {
	money := false
	for _, w := range p.moneyWords {
		if strings.Contains(before, w) {
			money = true
			break
		}
	}
	if !money {
		return Unit{}, 0, false
	}
	for _, m := range multipliers {
		if m.f < 1e4 || !strings.HasPrefix(s, m.s) {
			continue
		}
		// 2000万人 is a count
		if _, _, ok := p.matchUnit(s); ok {
			return Unit{}, 0, false
		}
		return Unit{Name: m.s, Norm: "元", Factor: m.f, Class: Money}, len(m.s), true
	}
	return Unit{}, 0, false
}

// listGap reports whether between two list members stands only separators
// and other bare numbers.
func listGap(g string) bool {
	for _, r := range g {
		if isDigit(byte(r)) && r < utf8.RuneSelf || r == '.' || r == ',' || strings.ContainsRune("、，和及与或", r) {
			continue
		}
		return false
	}
	return true
}

func rune0(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func numberProbe(s string, i int, probe func(string) (Unit, int, bool)) (digits string, v float64, n int, chinese bool) {
	if i < len(s) && isDigit(s[i]) {
		return number(s, i)
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if i > 0 && (prev == '第' || isCNNum(prev)) {
		return "", 0, 0, false
	}
	if strings.HasPrefix(s[i:], "一半") {
		return "0.5", 0.5, len("一半"), true
	}
	f, m := scanChinese(s[i:])
	if m == 0 {
		return "", 0, 0, false
	}
	for _, big := range []string{"千万", "百万", "万", "亿"} {
		if m > len(big) && strings.HasSuffix(s[i:i+m], big) {
			if _, _, ok := probe(s[i+m-len(big):]); ok {
				f2, m2 := scanChinese(s[i : i+m-len(big)])
				if m2 == m-len(big) && m2 > 0 {
					f, m = f2, m2
				}
			}
			break
		}
	}
	return FormatValue(f), f, m, true
}
