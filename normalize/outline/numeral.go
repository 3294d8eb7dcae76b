// Package outline owns the vocabulary of 公文 outlines: Chinese numerals
// (一 … 九, 两, 〇/零, 十/百/千/万/亿 forms) and the labels that open headings
// and list items (一、 （一） 1. 1． (1) ① 第一条 附件1). Stages use it instead
// of keeping their own digit maps and label patterns.
package outline

import "unicode/utf8"

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
