// Package outline owns the vocabulary of 公文 outlines: Chinese numerals
// (一 … 九, 两, 〇/零, 十/百/千/万/亿 forms), read (Value, Prefix, Digit) and
// written (Numeral, LegalNumeral, Figures, CircledNumber), and the labels
// that open headings and list items (一、 （一） 1. 1． 1.2. (1) 1） ① 第一条
// 附件1), read by Parse and Read with their Style and its Level. Stages use
// it instead of keeping their own digit maps and label patterns, and judge
// for themselves which styles open a paragraph, a heading or an item.
package outline

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// digits are the Chinese digit characters. 两 is 2 wherever a count is
// written (两项, 两百); 〇 and 零 are 0.
var digits = [...]struct {
	r rune
	v int
}{{'零', 0}, {'〇', 0}, {'一', 1}, {'二', 2}, {'两', 2}, {'三', 3}, {'四', 4}, {'五', 5}, {'六', 6}, {'七', 7}, {'八', 8}, {'九', 9}}

// Digit returns the value of a Chinese digit character (零 〇 一 … 九 两).
func Digit(r rune) (int, bool) {
	for _, d := range digits {
		if d.r == r {
			return d.v, true
		}
	}
	return 0, false
}

// DigitMap returns a new map from every Chinese digit character to its
// value, for callers that index a map.
func DigitMap[T int | float64]() map[rune]T {
	m := make(map[rune]T, len(digits))
	for _, d := range digits {
		m[d.r] = T(d.v)
	}
	return m
}

// unit returns the multiplier of 十 百 千 (small) and 万 亿 (big).
func unit(r rune) (v int, big bool, ok bool) {
	switch r {
	case '十':
		return 10, false, true
	case '百':
		return 100, false, true
	case '千':
		return 1000, false, true
	case '万':
		return 10000, true, true
	case '亿':
		return 100000000, true, true
	}
	return 0, false, false
}

// IsNumeral reports whether r is a Chinese digit or unit character.
func IsNumeral(r rune) bool {
	_, d := Digit(r)
	_, _, u := unit(r)
	return d || u
}

// Value reads a whole Chinese numeral (十二, 三十一, 两百零五, 一千二百万).
// A leading 十 counts as 一十. ok is false when s is empty or holds a
// character that is not part of a numeral.
func Value(s string) (v int, ok bool) {
	if s == "" {
		return 0, false
	}
	var total, section, num int
	for _, r := range s {
		if d, isDigit := Digit(r); isDigit {
			num = d
			continue
		}
		u, big, isUnit := unit(r)
		switch {
		case !isUnit:
			return 0, false
		case big:
			section += num
			if section == 0 {
				section = 1
			}
			total = (total + section) * u
			section = 0
		default:
			if num == 0 {
				num = 1
			}
			section += num * u
		}
		num = 0
	}
	return total + section + num, true
}

// Prefix reads the Chinese numeral at the start of s and returns its value
// and its length in bytes (0 when s does not start with one).
func Prefix(s string) (v, n int) {
	for n < len(s) {
		r, sz := utf8.DecodeRuneInString(s[n:])
		if !IsNumeral(r) {
			break
		}
		n += sz
	}
	if n == 0 {
		return 0, 0
	}
	v, _ = Value(s[:n])
	return v, n
}

// The characters Numeral and LegalNumeral write: digits 0–9 and the units
// 十 百 千 万.
var (
	countDigits = []rune("〇一二三四五六七八九")
	countUnits  = []rune("十百千万")
	legalDigits = []rune("零壹贰叁肆伍陆柒捌玖")
	legalUnits  = []rune("拾佰仟万")
)

// Numeral writes n (0–99999) as a Chinese numeral the way outlines and
// word processors count: 十一, 二十, 一百〇五, 一万二千. Other numbers come
// back in Arabic digits.
func Numeral(n int) string { return count(n, countDigits, countUnits) }

// LegalNumeral writes n (0–99999) in the financial characters: 拾贰,
// 壹佰零伍. Other numbers come back in Arabic digits.
func LegalNumeral(n int) string { return count(n, legalDigits, legalUnits) }

// Figures writes the decimal digits of n one by one in Chinese digits, as
// years are written (二〇二五); a minus sign stays.
func Figures(n int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		if c == '-' {
			b.WriteRune(c)
			continue
		}
		b.WriteRune(countDigits[c-'0'])
	}
	return b.String()
}

// CircledNumber returns the circled number ① … ⑳ for n; ok is false outside 1–20.
func CircledNumber(n int) (r rune, ok bool) {
	if n < 1 || n > 20 {
		return 0, false
	}
	return '①' + rune(n-1), true
}

func count(n int, digits, units []rune) string {
	if n < 0 || n > 99999 {
		return strconv.Itoa(n)
	}
	if n < 10 {
		return string(digits[n])
	}
	var ds []int
	for m := n; m > 0; m /= 10 {
		ds = append(ds, m%10)
	}
	var b strings.Builder
	zero := false
	for i := len(ds) - 1; i >= 0; i-- {
		d := ds[i]
		if d == 0 {
			zero = true
			continue
		}
		if zero {
			b.WriteRune(digits[0])
			zero = false
		}
		// 10–19 are 十, 十一 …, not 一十.
		if !(i == 1 && d == 1 && len(ds) == 2) {
			b.WriteRune(digits[d])
		}
		if i > 0 {
			b.WriteRune(units[i-1])
		}
	}
	return b.String()
}
