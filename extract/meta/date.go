package meta

import (
	"fmt"
	"policyx/lexicon/outline"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// reDate matches a date in Arabic digits with 年月日 and optional spaces.
var reDate = regexp.MustCompile(`((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)

// reDateCN matches a date in Chinese numerals (二〇一八年十一月十九日): a year
// of four digits, a month and a day of one to three numeral characters.
var reDateCN = regexp.MustCompile(`([` + dateDigits(true) + `]{4})\s*年\s*([` + dateDigits(false) + `十]{1,3})\s*月\s*([` + dateDigits(false) + `十]{1,3})\s*日`)

// zeroLookalikes are the look-alikes of 〇 that typesetting and decoding
// leave in years.
const zeroLookalikes = "○OΟ0"

// dateDigits is the character class of the digits of a date, from
// lexicon/outline's digits (两 counts and spells no date): 〇 … 九 and the
// look-alikes of 〇 in a year, 一 … 九 in a month or a day.
func dateDigits(year bool) string {
	var rs []rune
	for r, v := range outline.DigitMap[int]() {
		if r != '两' && (year || v > 0) {
			rs = append(rs, r)
		}
	}
	if year {
		rs = append(rs, []rune(zeroLookalikes)...)
	}
	slices.Sort(rs)
	return string(rs)
}

// reDateISO matches 2025-06-30, 2025/6/30 and 2025.6.30.
var reDateISO = regexp.MustCompile(`^((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})`)

// ParseDate reads one date (2021 年 11月 2 日, 二〇一八年十一月十九日,
// 2025-06-30) at the start of s, possibly after spaces, and returns it as
// YYYY-MM-DD, or "" when s does not start with a valid date.
func ParseDate(s string) string {
	s = strings.TrimSpace(s)
	if m := reDateISO.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if loc := reDate.FindStringSubmatchIndex(s); loc != nil && loc[0] == 0 {
		return ymd(s[loc[2]:loc[3]], s[loc[4]:loc[5]], s[loc[6]:loc[7]])
	}
	if loc := reDateCN.FindStringSubmatchIndex(s); loc != nil && loc[0] == 0 {
		return cnDate(s[loc[2]:loc[3]], s[loc[4]:loc[5]], s[loc[6]:loc[7]])
	}
	return ""
}

// dateMatch is a date found in a text, with its byte range.
type dateMatch struct {
	start, end int
	iso        string
}

// findDates returns every Arabic and Chinese-numeral 年月日 date in s.
func findDates(s string) []dateMatch {
	// Both patterns need 年, 月 and 日: most lines have not all three.
	if !strings.Contains(s, "年") || !strings.Contains(s, "月") || !strings.Contains(s, "日") {
		return nil
	}
	var out []dateMatch
	for _, m := range reDate.FindAllStringSubmatchIndex(s, -1) {
		if d := ymd(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); d != "" {
			out = append(out, dateMatch{m[0], m[1], d})
		}
	}
	for _, m := range reDateCN.FindAllStringSubmatchIndex(s, -1) {
		if d := cnDate(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); d != "" {
			out = append(out, dateMatch{m[0], m[1], d})
		}
	}
	// keep document order
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func ymd(y, m, d string) string {
	yy, err1 := strconv.Atoi(y)
	mm, err2 := strconv.Atoi(m)
	dd, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || mm < 1 || mm > 12 || dd < 1 || dd > 31 || yy < 1949 || yy > 2100 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yy, mm, dd)
}

// cnDigit reads a digit of a Chinese date: the outline digits and the
// look-alikes of 〇 that typesetting and decoding leave in years (○ O Ο 0).
func cnDigit(r rune) (int, bool) {
	if strings.ContainsRune(zeroLookalikes, r) {
		return 0, true
	}
	return outline.Digit(r)
}

func cnDate(y, m, d string) string {
	var yy strings.Builder
	for _, r := range y {
		v, ok := cnDigit(r)
		if !ok {
			return ""
		}
		yy.WriteByte(byte('0' + v))
	}
	mm, ok1 := outline.Value(m)
	dd, ok2 := outline.Value(d)
	if !ok1 || !ok2 {
		return ""
	}
	return ymd(yy.String(), strconv.Itoa(mm), strconv.Itoa(dd))
}
