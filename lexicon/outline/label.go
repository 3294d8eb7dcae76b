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
	Chapter           // 第一章 第二节 第一部分 第一编 第一篇
	Article           // 第一条
	Item              // 第一项
	CNComma           // 一、 一． 一.
	ParenCN           // （一） (一)
	ArabicDot         // 1. 1． 1、 ⒈
	Multilevel        // 1.2. 1.2.3、
	ParenArabic       // (1) （1） ⑴
	ArabicClose       // 1) 1）
	Circled           // ① … ⑳
	Attachment        // 附件1 附件一 附件 附表2 附录
)

var styleNames = [...]string{"none", "chapter", "article", "item", "cn-comma", "paren-cn", "arabic-dot", "multilevel", "paren-arabic", "arabic-close", "circled", "attachment"}

func (s Style) String() string {
	if s < 0 || int(s) >= len(styleNames) {
		return "style?"
	}
	return styleNames[s]
}

// Level is the rank of a label style among the items of a body, from the
// top: 1 for 一、 and the 第…条/章/项 ordinals, 2 for （一）, 3 for 1． and
// 1.2., 4 for （1）, 5 for ① and 1）; 0 for None and Attachment, which open
// no item.
func (s Style) Level() int {
	switch s {
	case Chapter, Article, Item, CNComma:
		return 1
	case ParenCN:
		return 2
	case ArabicDot, Multilevel:
		return 3
	case ParenArabic:
		return 4
	case ArabicClose, Circled:
		return 5
	}
	return 0
}

// Label is an outline label read at the start of a line.
type Label struct {
	Style Style
	Value int    // 1-based number (the last one of 1.2.3); 0 for a bare 附件
	Text  string // the label as written, separator included
	Unit  string // 章 节 部分 编 篇 条 项 of an ordinal; 件 表 录 of an attachment
}

// Parse reads the label at the start of line (after leading spaces) and
// returns it and the rest of the line; ok is false when line opens with no
// label. It reads the form only: whether a label really opens a heading
// (一、 in running text, 1. in a list of figures) is for the caller to
// judge.
func Parse(line string) (l Label, rest string, ok bool) {
	s := strings.TrimLeft(line, " \t\u3000")
	if l, n := Read(s); n > 0 {
		return l, s[n:], true
	}
	return Label{}, line, false
}

// Read reads the label that starts s exactly (no leading spaces skipped)
// and returns it and its length in bytes, 0 when s opens with no label.
//
// The grammar, where a number is 1–3 Arabic digits (ASCII or full-width)
// or a Chinese numeral of 1–5 characters from 〇零一…九两十百, and spaces
// (ASCII, tab, U+3000) may stand between the parts of a label:
//
//	第 number 章|节|部分|编|篇|条|项
//	Chinese-numeral 、|．|.|﹒
//	（|( number ）|)
//	Arabic 、|．|.|﹒      not followed by a digit (1.5 is a decimal)
//	Arabic(.Arabic)+ 、|．|.   not followed by a digit
//	Arabic )|）
//	① … ⑳   ⑴ … ⒇ (as (1))   ⒈ … ⒛ (as 1.)
//	附 件|表|录 [number]
func Read(s string) (Label, int) {
	for _, p := range parsers {
		if l, n := p(s); n > 0 {
			l.Text = s[:n]
			return l, n
		}
	}
	return Label{}, 0
}

var parsers = [...]func(string) (Label, int){parseOrdinal, parseCNComma, parseParen, parseArabic, parseEnclosed, parseAttachment}

// ordinalUnits are the units after 第 and a number, with their style.
var ordinalUnits = [...]struct {
	unit  string
	style Style
}{{"部分", Chapter}, {"章", Chapter}, {"节", Chapter}, {"编", Chapter}, {"篇", Chapter}, {"条", Article}, {"项", Item}}

// parseOrdinal reads 第一章 第三节 第二部分 第十二条 第一项 (Chinese or
// Arabic digits).
func parseOrdinal(s string) (Label, int) {
	if !strings.HasPrefix(s, "第") {
		return Label{}, 0
	}
	n := spaces(s, len("第"))
	v, m := number(s[n:])
	if m == 0 {
		return Label{}, 0
	}
	n = spaces(s, n+m)
	for _, u := range ordinalUnits {
		if strings.HasPrefix(s[n:], u.unit) {
			return Label{Style: u.style, Value: v, Unit: u.unit}, n + len(u.unit)
		}
	}
	return Label{}, 0
}

// parseCNComma reads 一、 (also 一． and 一. as decoders leave them).
func parseCNComma(s string) (Label, int) {
	v, n := labelNumeral(s)
	if n == 0 {
		return Label{}, 0
	}
	n = spaces(s, n)
	if sep := separator(s[n:]); sep > 0 {
		return Label{Style: CNComma, Value: v}, n + sep
	}
	return Label{}, 0
}

// parseParen reads （一） (一) （1） (1).
func parseParen(s string) (Label, int) {
	var n int
	switch {
	case strings.HasPrefix(s, "（"):
		n = len("（")
	case strings.HasPrefix(s, "("):
		n = 1
	default:
		return Label{}, 0
	}
	n = spaces(s, n)
	st := ParenArabic
	v, m := arabic(s[n:])
	if m == 0 {
		st = ParenCN
		v, m = labelNumeral(s[n:])
	}
	if m == 0 {
		return Label{}, 0
	}
	if c := closer(s[spaces(s, n+m):]); c > 0 {
		return Label{Style: st, Value: v}, spaces(s, n+m) + c
	}
	return Label{}, 0
}

// parseArabic reads 1. 1． 1、 1.2. 1.2.3、 1) 1） — not 1.5 (a decimal)
// nor 1、2 (a list of figures).
func parseArabic(s string) (Label, int) {
	v, n := arabic(s)
	if n == 0 {
		return Label{}, 0
	}
	if c := closer(s[n:]); c > 0 {
		return Label{Style: ArabicClose, Value: v}, n + c
	}
	// 1.2.3、: the levels of a multilevel number, then its separator
	st, end := ArabicDot, n
	for {
		dot := 0
		switch {
		case strings.HasPrefix(s[end:], "."):
			dot = 1
		case strings.HasPrefix(s[end:], "．"):
			dot = len("．")
		}
		w, m := arabic(s[end+dot:])
		if dot == 0 || m == 0 {
			break
		}
		st, v, end = Multilevel, w, end+dot+m
	}
	if st == ArabicDot {
		end = spaces(s, end)
	}
	sep := separator(s[end:])
	if sep == 0 || digitAt(s, end+sep) {
		return Label{}, 0
	}
	return Label{Style: st, Value: v}, end + sep
}

// parseEnclosed reads the enclosed-number characters ① … ⑳, ⑴ … ⒇ and
// ⒈ … ⒛.
func parseEnclosed(s string) (Label, int) {
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case r >= '①' && r <= '⑳':
		return Label{Style: Circled, Value: int(r-'①') + 1}, n
	case r >= '⑴' && r <= '⒇':
		return Label{Style: ParenArabic, Value: int(r-'⑴') + 1}, n
	case r >= '⒈' && r <= '⒛':
		return Label{Style: ArabicDot, Value: int(r-'⒈') + 1}, n
	}
	return Label{}, 0
}

// parseAttachment reads 附件 附件1 附件一 附表2 附录 (the number of
// 附件1-2 is its first one).
func parseAttachment(s string) (Label, int) {
	if !strings.HasPrefix(s, "附") {
		return Label{}, 0
	}
	n := spaces(s, len("附"))
	for _, u := range [...]string{"件", "表", "录"} {
		if strings.HasPrefix(s[n:], u) {
			n += len(u)
			v, m := number(s[spaces(s, n):])
			if m > 0 {
				n = spaces(s, n) + m
			}
			return Label{Style: Attachment, Value: v, Unit: u}, n
		}
	}
	return Label{}, 0
}

// number reads Arabic digits or a Chinese numeral of a label.
func number(s string) (v, n int) {
	if v, n = arabic(s); n > 0 {
		return v, n
	}
	return labelNumeral(s)
}

// maxArabic and maxNumeral are the longest numbers of a label, in
// characters: no outline counts to a thousand.
const (
	maxArabic  = 3
	maxNumeral = 5
)

// arabic reads 1–3 ASCII or full-width digits; n is 0 when s opens with
// none or with more than three.
func arabic(s string) (v, n int) {
	for k := 0; n < len(s); k++ {
		d, sz := digit(s[n:])
		if sz == 0 {
			break
		}
		if k == maxArabic {
			return 0, 0
		}
		v, n = v*10+d, n+sz
	}
	return v, n
}

// digit reads one ASCII or full-width digit at the start of s.
func digit(s string) (d, n int) {
	r, sz := utf8.DecodeRuneInString(s)
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), sz
	case r >= '０' && r <= '９':
		return int(r - '０'), sz
	}
	return 0, 0
}

func digitAt(s string, i int) bool {
	_, n := digit(s[i:])
	return n > 0
}

// labelNumeral reads the Chinese numeral of a label: 1–5 characters of
// 〇零一二三四五六七八九两十百; n is 0 when s opens with none, with a
// longer run, or with a run that goes on into 千 万 亿.
func labelNumeral(s string) (v, n int) {
	for k := 0; n < len(s); k++ {
		r, sz := utf8.DecodeRuneInString(s[n:])
		if !IsNumeral(r) {
			break
		}
		if k == maxNumeral || !strings.ContainsRune("〇零一二三四五六七八九两十百", r) {
			return 0, 0
		}
		n += sz
	}
	if n == 0 {
		return 0, 0
	}
	v, _ = Value(s[:n])
	return v, n
}

// spaces returns the offset after the spaces (ASCII, tab, U+3000) at s[i:].
func spaces(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t':
			i++
		case strings.HasPrefix(s[i:], "\u3000"):
			i += len("\u3000")
		default:
			return i
		}
	}
	return i
}

// separator returns the length of the separator after a number: 、 ． .
// and the small full stop ﹒ (normalize folds it to ., PDF text may not be
// normalized yet).
func separator(s string) int {
	for _, sep := range [...]string{"、", "．", ".", "﹒"} {
		if strings.HasPrefix(s, sep) {
			return len(sep)
		}
	}
	return 0
}

// closer returns the length of the closing bracket that starts s: ） )
func closer(s string) int {
	switch {
	case strings.HasPrefix(s, "）"):
		return len("）")
	case strings.HasPrefix(s, ")"):
		return 1
	}
	return 0
}
