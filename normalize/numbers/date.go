package numbers

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DateKind says what a year mention does for the figures after it.
type DateKind uint8

const (
	// Deadline: 到2020年, 2018年末, 2020年底前, 2019年实施…
	Deadline DateKind = iota
	// Start: 自2018年起, 从2019年开始 — when a measure begins, no deadline.
	Start
	// Base: 较2017年, 比2020年 — a comparison base.
	Base
	// Past: 2017年以来, 截至目前 — the past.
	Past
	// Span: 2018—2020年 — a plan period.
	Span
	// Attribute: 2019年党代会, 2020年度报告 — a year naming something in
	// the middle of a clause, no deadline.
	Attribute
)

// Date is a year (with month and day when written) in a text. Offsets are
// bytes into the scanned string.
type Date struct {
	Start, End int
	Year       int
	Month, Day int // 0 when not written
	Kind       DateKind
}

// String returns the date as YYYY-MM-DD: the end of the year, or of the
// month, when no finer part is written.
func (d Date) String() string {
	m, day := d.Month, d.Day
	if m == 0 {
		m, day = 12, 31
	} else if day == 0 {
		day = monthEnd(d.Year, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, m, day)
}

func monthEnd(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func readInt(s string, max int) (v, n int) {
	for n < len(s) && n < max && isDigit(s[n]) {
		n++
	}
	if n == 0 {
		return 0, 0
	}
	v, _ = strconv.Atoi(s[:n])
	return v, n
}

// HasAnySuffix reports whether s ends with one of words.
func HasAnySuffix(s string, words ...string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// HasAnyPrefix reports whether s starts with one of words.
func HasAnyPrefix(s string, words ...string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// Dates returns the year mentions of s (compact text, white space removed)
// in order, each with its kind.
func Dates(s string) []Date {
	var out []Date
	for i := 0; i+5 <= len(s); i++ {
		if !isDigit(s[i]) || i > 0 && (isDigit(s[i-1]) || s[i-1] == '.') {
			continue
		}
		y, n := readInt(s[i:], 5)
		if n != 4 || y < 1949 || y > 2100 || !strings.HasPrefix(s[i+4:], "年") {
			continue
		}
		d := Date{Start: i, Year: y}
		j := i + 4 + len("年")
		before := s[:i]
		// 2018—2020年 or 2018年—2020年: a span
		if prev, sz := utf8.DecodeLastRuneInString(before); strings.ContainsRune("—–－-~～至到", prev) && len(before) >= sz+4 {
			if py, pn := readInt(before[len(before)-sz-4:], 4); pn == 4 && py >= 1949 {
				d.Kind = Span
			} else if strings.HasSuffix(before[:len(before)-sz], "年") && len(before) >= sz+7 {
				if py, pn := readInt(before[len(before)-sz-7:], 4); pn == 4 && py >= 1949 {
					d.Kind = Span
				}
			}
		}
		rest := s[j:]
		if d.Kind != Span && HasAnyPrefix(rest, "—", "–", "－", "-", "~", "～", "至") {
			r := strings.TrimLeft(rest, "—–－-~～至")
			if yy, nn := readInt(r, 4); nn == 4 && yy >= y {
				d.Kind = Span
			}
		}
		// month and day
		if m, mn := readInt(rest, 2); mn > 0 && m >= 1 && m <= 12 && strings.HasPrefix(rest[mn:], "月") {
			d.Month = m
			j += mn + len("月")
			rest = s[j:]
			if dd, dn := readInt(rest, 2); dn > 0 && dd >= 1 && dd <= monthEnd(y, m) && HasAnyPrefix(rest[dn:], "日", "号") {
				d.Day = dd
				j += dn + len("日")
				rest = s[j:]
			}
		}
		// 2020年1月1日至2021年12月31日: a window of days, when a
		// measure applies, is no deadline; nor is the day that closes it
		if d.Day > 0 && d.Kind != Span && (windowTo(rest) || HasAnySuffix(before, "日至", "日到", "日—", "日–", "日－", "日-", "日~", "日～", "号至")) {
			d.Kind = Span
		}
		for _, suf := range []string{"年底", "年末", "底", "末", "以前", "之前", "前"} {
			if strings.HasPrefix(rest, suf) {
				j += len(suf)
				rest = s[j:]
				break
			}
		}
		d.End = j
		if d.Kind != Span {
			switch {
			case HasAnySuffix(before, "自", "从", "自从", "于", "始于"):
				if HasAnyPrefix(rest, "起", "开始", "以来") || HasAnySuffix(before, "自", "从", "自从") {
					d.Kind = Start
				}
			case HasAnySuffix(before, "较", "比", "与", "同", "相比", "对比", "比照"):
				d.Kind = Base
			}
			if d.Kind == Deadline {
				switch {
				case HasAnyPrefix(rest, "以来", "至今", "相比", "同期", "比"):
					d.Kind = Past
				case HasAnyPrefix(rest, "起", "开始", "以后", "之后"):
					d.Kind = Start
				}
			}
		}
		if d.Kind == Deadline && d.Month == 0 && !deadlineLead(before) && !HasAnySuffix(s[i:j], "末", "底", "前") && !planOfYear(rest) {
			d.Kind = Attribute
		}
		out = append(out, d)
		i = j - 1
	}
	return out
}

// Governing returns the deadline that governs a figure standing at the end
// of s: the last Deadline-kind year mention in s.
func Governing(s string) (Date, bool) {
	ds := Dates(s)
	for k := len(ds) - 1; k >= 0; k-- {
		if ds[k].Kind == Deadline {
			return ds[k], true
		}
	}
	return Date{}, false
}

// deadlineLead reports whether the text before a year lets it be a
// deadline: a preposition (到, 至, 力争) or the start of a clause.
func deadlineLead(before string) bool {
	if before == "" || HasAnySuffix(before, "到", "至", "截至", "截止", "截止到", "力争", "争取", "确保", "在", "于", "计划", "预计", "将", "，", ",", "。", "；", ";", "：", ":", "）", ")", "、", " ", "\n") {
		return true
	}
	// after a list label: （一）2018年末…
	r, _ := utf8.DecodeLastRuneInString(before)
	return r < utf8.RuneSelf && !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// windowTo reports whether rest, after a date's day, goes on to the date
// that closes a window (至6月30日, —2021年12月31日).
func windowTo(rest string) bool {
	for _, w := range []string{"至", "到", "—", "–", "－", "-", "~", "～"} {
		if r, ok := strings.CutPrefix(rest, w); ok {
			_, n := readInt(r, 4)
			return n > 0
		}
	}
	return false
}

// planOfYear reports whether a year names a plan for that year
// (…工程2023年培训计划，培养…): the plan's figures are due in that year.
func planOfYear(rest string) bool {
	for n := 0; n <= 8 && rest != ""; n++ {
		if strings.HasPrefix(rest, "计划") {
			return true
		}
		r, sz := utf8.DecodeRuneInString(rest)
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		rest = rest[sz:]
	}
	return false
}
