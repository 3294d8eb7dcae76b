// Package numbers parses the quantities of Chinese policy text: numbers in
// every written form (Arabic with separators and decimals, Chinese numerals,
// mixed 1.4亿, 百分之三十), units with their normalization (money to 元,
// per-unit money to 元/家, counts in their own unit), comparators from the
// words around a number, and deadlines (到2020年, 2018年末).
//
// The unit and comparator vocabularies are data (lexicon/quantity); load
// them once with Load and share the *Parser read-only.
package numbers

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"policyx/lexicon"
	"policyx/lexicon/outline"
	"policyx/lexicon/quantity"
)

// Class says what a unit measures (lexicon/quantity).
type Class = quantity.Class

const (
	Money     = quantity.Money
	Percent   = quantity.Percent
	Permille  = quantity.Permille
	Points    = quantity.Points
	Count     = quantity.Count
	Score     = quantity.Score
	Age       = quantity.Age
	Duration  = quantity.Duration
	Frequency = quantity.Frequency
	Multiple  = quantity.Multiple
)

// Unit is one entry of the unit vocabulary (lexicon/quantity).
type Unit = quantity.Unit

type keyword struct {
	word string
	cmp  string
	adj  bool // must touch the number
}

// Parser holds the loaded vocabularies. It is safe for concurrent use.
type Parser struct {
	units  map[string]Unit
	maxLen int // longest unit name in bytes
	before []keyword
	after  []keyword
	// unitStop are words that begin with a one-character unit (部门, 名单)
	unitStop []string
	// moneyWords name an amount of money: 产值2000万 is money without 元
	moneyWords []string
}

// multipliers may stand between a number and a money or count unit.
var multipliers = []struct {
	s string
	f float64
}{
	{"万亿", 1e12}, {"千万", 1e7}, {"百万", 1e6}, {"千亿", 1e11}, {"百亿", 1e10},
	{"亿", 1e8}, {"万", 1e4}, {"千", 1e3}, {"百", 1e2},
}

// Load reads the vocabularies of lexicon/quantity.
func Load() (*Parser, error) {
	v, err := quantity.Load()
	if err != nil {
		return nil, fmt.Errorf("numbers: %w", err)
	}
	p := &Parser{units: map[string]Unit{}, unitStop: v.UnitStop, moneyWords: v.MoneyWords}
	for _, u := range v.Units {
		p.units[u.Name] = u
		p.maxLen = max(p.maxLen, len(u.Name))
	}
	for _, c := range v.Comparators {
		k := keyword{word: c.Word, cmp: c.Cmp, adj: c.Adj}
		if c.After {
			p.after = append(p.after, k)
		} else {
			p.before = append(p.before, k)
		}
	}
	sort.SliceStable(p.after, func(i, j int) bool { return len(p.after[i].word) > len(p.after[j].word) })
	return p, nil
}

// MustLoad is Load that panics; the embedded data is tested.
func MustLoad() *Parser { return lexicon.Must(Load()) }

// ---------------------------------------------------------------- numbers

var cnDigit = outline.DigitMap[float64]()

var cnSmall = map[rune]float64{'十': 10, '百': 100, '千': 1000}
var cnBig = map[rune]float64{'万': 1e4, '亿': 1e8}

func isCNNum(r rune) bool {
	_, d := cnDigit[r]
	_, s := cnSmall[r]
	_, b := cnBig[r]
	return d || s || b
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// scanArabic reads 1,000 / 2.2 / 244606.56 at the start of s. It returns
// the digits without separators and the bytes consumed.
func scanArabic(s string) (digits string, n int) {
	i := 0
	var b strings.Builder
	for i < len(s) && isDigit(s[i]) {
		b.WriteByte(s[i])
		i++
	}
	if i == 0 {
		return "", 0
	}
	// thousands separators: ",ddd" groups
	for i+3 < len(s)+0 && s[i] == ',' && i+4 <= len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) && (i+4 == len(s) || !isDigit(s[i+4])) {
		b.WriteString(s[i+1 : i+4])
		i += 4
	}
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		b.WriteByte('.')
		i++
		for i < len(s) && isDigit(s[i]) {
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), i
}

// scanChinese reads a Chinese numeral (三百二十九, 十二, 两, 一千) at the
// start of s. It must begin with a digit or 十. It returns its value and the
// bytes consumed.
func scanChinese(s string) (v float64, n int) {
	r, _ := utf8.DecodeRuneInString(s)
	if _, ok := cnDigit[r]; !ok && r != '十' {
		return 0, 0
	}
	var total, section, num float64
	i := 0
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if d, ok := cnDigit[r]; ok {
			num = d
		} else if u, ok := cnSmall[r]; ok {
			if num == 0 && u == 10 {
				num = 1
			}
			section += num * u
			num = 0
		} else if u, ok := cnBig[r]; ok {
			section += num
			if section == 0 {
				section = 1
			}
			total = (total + section) * u
			section, num = 0, 0
		} else {
			break
		}
		i += sz
	}
	return total + section + num, i
}

// ParseNumber parses the number at the start of s in any written form:
// Arabic (1,000; 2.2), Chinese (三百二十九; 两; 一半), mixed (1.4亿; 3千万)
// and 百分之三十 (30). It returns the value, the bytes consumed and whether a
// number was found.
func ParseNumber(s string) (v float64, n int, ok bool) {
	if strings.HasPrefix(s, "百分之") {
		v, m, ok := ParseNumber(s[len("百分之"):])
		if !ok {
			return 0, 0, false
		}
		return v, len("百分之") + m, true
	}
	if d, m := scanArabic(s); m > 0 {
		f, err := strconv.ParseFloat(d, 64)
		if err != nil {
			return 0, 0, false
		}
		for _, mu := range multipliers {
			if strings.HasPrefix(s[m:], mu.s) {
				return f * mu.f, m + len(mu.s), true
			}
		}
		return f, m, true
	}
	if strings.HasPrefix(s, "一半") {
		return 0.5, len("一半"), true
	}
	if f, m := scanChinese(s); m > 0 {
		return f, m, true
	}
	return 0, 0, false
}

// FormatValue writes v in Arabic digits without exponent or trailing zeros.
func FormatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e18 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// IsUnit reports whether u alone is a unit the parser reads after a figure
// (亿元, %, 件, 万人次): the text of a 单位 cell or a header's (单位).
func (p *Parser) IsUnit(u string) bool {
	if u == "" || strings.ContainsAny(u, "0123456789.,") {
		return false
	}
	qs := p.Scan("1" + u)
	return len(qs) == 1 && qs[0].Start == 0 && qs[0].End == len("1"+u)
}
