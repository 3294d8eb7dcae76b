package sections

import (
	ol "policyx/lexicon/outline"
	"regexp"
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

var (
	cnNum     = `[一二三四五六七八九十百零〇两]+`
	reChapter = regexp.MustCompile(`^第\s*(` + cnNum + `|\d+)\s*(章|部分|编)`)
	reSection = regexp.MustCompile(`^第\s*(` + cnNum + `|\d+)\s*节`)
	reArticle = regexp.MustCompile(`^第\s*(` + cnNum + `|\d+)\s*条`)
	reCN      = regexp.MustCompile(`^(` + cnNum + `)\s*[、．.]`)
	reParenCN = regexp.MustCompile(`^[（(]\s*(` + cnNum + `)\s*[）)]`)
	reNum     = regexp.MustCompile(`^(\d{1,3})\s*[．.、]`)
	reParenN  = regexp.MustCompile(`^[（(]\s*(\d{1,3})\s*[）)]`)
	reCircle  = regexp.MustCompile(`^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]`)
	reAttach  = regexp.MustCompile(`^附\s*(件|表)\s*(\d{0,3})\s*[:：]?`)
)

// labelOf returns the label style at the start of t, the label as written and
// the text after it; style -1 when t opens with no label.
func labelOf(t string) (int, string, string) {
	try := func(re *regexp.Regexp, style int) (int, string, string, bool) {
		loc := re.FindStringIndex(t)
		if loc == nil {
			return 0, "", "", false
		}
		return style, strings.TrimSpace(t[:loc[1]]), strings.TrimSpace(t[loc[1]:]), true
	}
	if s, l, r, ok := try(reAttach, styleAttach); ok && attachLabel(t, l, r) {
		return s, l, r
	}
	for _, st := range labelStyles {
		if s, l, r, ok := try(st.re, st.style); ok {
			if st.style == styleNum && r != "" && unicode.IsDigit(firstRune(r)) {
				return -1, "", "" // 1.5亿元, 2023.12, 3、4月
			}
			return s, l, r
		}
	}
	return -1, "", ""
}

// labelStyles are the label patterns after 附件, tried in order.
var labelStyles = []struct {
	re    *regexp.Regexp
	style int
}{
	{reChapter, styleChapter},
	{reSection, styleSection},
	{reArticle, styleArticle},
	{reCN, styleCN},
	{reParenCN, styleParenCN},
	{reNum, styleNum},
	{reParenN, styleParenN},
	{reCircle, styleCircle},
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
	n, digits, cn := 0, false, []rune{}
	for _, r := range label {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
			digits = true
		case strings.ContainsRune("零〇一二两三四五六七八九十百", r):
			cn = append(cn, r)
		}
	}
	if digits {
		return n
	}
	return cnValue(cn)
}

func cnValue(rs []rune) int {
	v, _ := ol.Value(string(rs))
	return v
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
