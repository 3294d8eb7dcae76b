package outline

import (
	"strings"
	"unicode/utf8"
)

// Style is the kind of an outline label.
type Style int

// The label styles of 公文, in the usual nesting order.
const (
	None        Style = iota
	Chapter           // 第一章 第二节 第一部分
	Article           // 第一条
	CNComma           // 一、
	ParenCN           // （一） (一)
	ArabicDot         // 1. 1． 1、
	ParenArabic       // (1) （1）
	Circled           // ① … ⑳
	Attachment        // 附件1 附件一 附件
)

var styleNames = [...]string{"none", "chapter", "article", "cn-comma", "paren-cn", "arabic-dot", "paren-arabic", "circled", "attachment"}

func (s Style) String() string {
	if s < 0 || int(s) >= len(styleNames) {
		return "style?"
	}
	return styleNames[s]
}

// Label is an outline label read at the start of a line.
type Label struct {
	Style Style
	Value int    // 1-based number; 0 for a bare 附件
	Text  string // the label as written, separator included
	Unit  string // 章 节 部分 条 for Chapter and Article
}

// Parse reads the label at the start of line (after leading spaces) and
// returns it and the rest of the line; ok is false when line opens with no
// label. It reads the form only: whether a label really opens a heading
// (一、 in running text, 1. in a decimal) is for the caller to judge.
func Parse(line string) (l Label, rest string, ok bool) {
	s := strings.TrimLeft(line, " \t\u3000")
	for _, p := range parsers {
		if l, n := p(s); n > 0 {
			l.Text = s[:n]
			return l, s[n:], true
		}
	}
	return Label{}, line, false
}

var parsers = [...]func(string) (Label, int){parseOrdinal, parseCNComma, parseParen, parseArabicDot, parseCircled, parseAttachment}

// parseOrdinal reads 第一章 第三节 第二部分 第十二条 (Chinese or Arabic digits).
func parseOrdinal(s string) (Label, int) {
	if !strings.HasPrefix(s, "第") {
		return Label{}, 0
	}
	v, n := number(s[len("第"):])
	if n == 0 {
		return Label{}, 0
	}
	n += len("第")
	for _, u := range [...]string{"部分", "章", "节", "条"} {
		if strings.HasPrefix(s[n:], u) {
			st := Chapter
			if u == "条" {
				st = Article
			}
			return Label{Style: st, Value: v, Unit: u}, n + len(u)
		}
	}
	return Label{}, 0
}

// parseCNComma reads 一、 (also 一，and 一. as decoders leave them).
func parseCNComma(s string) (Label, int) {
	v, n := Prefix(s)
	if n == 0 {
		return Label{}, 0
	}
	if sep := separator(s[n:]); sep > 0 {
		return Label{Style: CNComma, Value: v}, n + sep
	}
	return Label{}, 0
}

// parseParen reads （一） (一) （1） (1).
func parseParen(s string) (Label, int) {
	var open int
	switch {
	case strings.HasPrefix(s, "（"):
		open = len("（")
	case strings.HasPrefix(s, "("):
		open = 1
	default:
		return Label{}, 0
	}
	st := ParenArabic
	v, n := arabic(s[open:])
	if n == 0 {
		st = ParenCN
		v, n = Prefix(s[open:])
	}
	if n == 0 {
		return Label{}, 0
	}
	end := open + n
	switch {
	case strings.HasPrefix(s[end:], "）"):
		return Label{Style: st, Value: v}, end + len("）")
	case strings.HasPrefix(s[end:], ")"):
		return Label{Style: st, Value: v}, end + 1
	}
	return Label{}, 0
}

// parseArabicDot reads 1. 1． 1、 — not 1.5 (a decimal).
func parseArabicDot(s string) (Label, int) {
	v, n := arabic(s)
	if n == 0 {
		return Label{}, 0
	}
	sep := separator(s[n:])
	if sep == 0 || (s[n] == '.' && n+1 < len(s) && s[n+1] >= '0' && s[n+1] <= '9') {
		return Label{}, 0
	}
	return Label{Style: ArabicDot, Value: v}, n + sep
}

// parseCircled reads ① … ⑳.
func parseCircled(s string) (Label, int) {
	r, n := utf8.DecodeRuneInString(s)
	if r < '①' || r > '⑳' {
		return Label{}, 0
	}
	return Label{Style: Circled, Value: int(r-'①') + 1}, n
}

// parseAttachment reads 附件 附件1 附件一 附件1-2's leading number.
func parseAttachment(s string) (Label, int) {
	if !strings.HasPrefix(s, "附件") {
		return Label{}, 0
	}
	n := len("附件")
	v, m := number(s[n:])
	return Label{Style: Attachment, Value: v}, n + m
}

// number reads Arabic digits or a Chinese numeral.
func number(s string) (v, n int) {
	if v, n = arabic(s); n > 0 {
		return v, n
	}
	return Prefix(s)
}

// arabic reads ASCII or full-width digits.
func arabic(s string) (v, n int) {
	for n < len(s) {
		r, sz := utf8.DecodeRuneInString(s[n:])
		switch {
		case r >= '0' && r <= '9':
			v = v*10 + int(r-'0')
		case r >= '０' && r <= '９':
			v = v*10 + int(r-'０')
		default:
			return v, n
		}
		n += sz
	}
	return v, n
}

// separator returns the length of the separator after a number: 、 ． . ，
func separator(s string) int {
	for _, sep := range [...]string{"、", "．", ".", "，"} {
		if strings.HasPrefix(s, sep) {
			return len(sep)
		}
	}
	return 0
}
