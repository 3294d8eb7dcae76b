package sections

import (
	ol "policyx/lexicon/outline"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Labels: the label styles a heading opens with, read at the start of a
// line, and the guards that tell a label from a number in running text.

// label styles, by rank (lower ranks enclose higher ones)
const (
	styleAttach = iota
	styleChapter
	styleSection
	styleArticle
	styleCN      // 一、
	styleParenCN // （一）
	styleNum     // 1．
	styleParenN  // （1）
	styleCircle  // ①
	styleHeading // unlabeled heading block, rank by its level
)

// styleOf is the section label style of an outline label; -1 for the
// labels that open no section (第一项, 1.2., 1）).
func styleOf(l ol.Label) int {
	switch l.Style {
	case ol.Chapter:
		if l.Unit == "节" {
			return styleSection
		}
		return styleChapter
	case ol.Article:
		return styleArticle
	case ol.CNComma:
		return styleCN
	case ol.ParenCN:
		return styleParenCN
	case ol.ArabicDot:
		return styleNum
	case ol.ParenArabic:
		return styleParenN
	case ol.Circled:
		return styleCircle
	case ol.Attachment:
		return styleAttach
	}
	return -1
}

// labelOf returns the label style at the start of t, the label as written and
// the text after it; style -1 when t opens with no label. The label of an
// attachment takes its colon (附件1：).
func labelOf(t string) (int, string, string) {
	l, n := ol.Read(t)
	style := styleOf(l)
	if n == 0 || style < 0 {
		return -1, "", ""
	}
	if style == styleAttach {
		if c := strings.TrimLeft(t[n:], " \t\n\f\r"); strings.HasPrefix(c, ":") || strings.HasPrefix(c, "：") {
			_, sz := utf8.DecodeRuneInString(c)
			n = len(t) - len(c) + sz
		}
	}
	label, rest := strings.TrimSpace(t[:n]), strings.TrimSpace(t[n:])
	switch {
	case style == styleAttach && !attachLabel(t, label, rest):
		return -1, "", ""
	case style == styleNum && rest != "" && unicode.IsDigit(firstRune(rest)):
		return -1, "", "" // 1. 5亿元
	}
	return style, label, rest
}

// attachLabel reports whether 附件/附表 at the start of t is a label: alone,
// numbered, with a colon, or followed by a space (附件说明 is none).
func attachLabel(t, label, rest string) bool {
	if rest == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(label)
	if unicode.IsDigit(last) || last == '：' || last == ':' {
		return true
	}
	after := t[len(label):]
	return after != "" && (after[0] == ' ' || after[0] == '\t')
}

// labelValue is the number of a label (三、 → 3, （12） → 12, 第二十一条 →
// 21), 0 when it has none.
func labelValue(label string) int {
	l, _ := ol.Read(label)
	return l.Value
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// plausible rejects labels that open something else than a heading.
func plausible(style int, rest string) bool {
	if rest == "" {
		return style == styleChapter || style == styleSection || style == styleArticle || style == styleCN || style == styleParenCN
	}
	r := firstRune(rest)
	switch {
	case r == '年' || r == '月' || r == '日' || r == '%' || r == '‰':
		return false
	case style == styleNum && (r == '0' || unicode.IsDigit(r)):
		return false
	}
	return true
}
