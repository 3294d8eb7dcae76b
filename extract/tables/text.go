package tables

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"policyx/lexicon/cjk"
)

// key is the comparison form of a cell: NFKC, no white space.
func key(s string) string {
	if keyOf(s) {
		return s
	}
	return cjk.RemoveSpace(norm.NFKC.String(s))
}

// keyOf reports whether s is its own key: printable ASCII other than the
// space, Han characters of the basic block (U+4E00–U+9FFF) and 、。, none
// of which NFKC changes or counts as white space. Most cells are so; key
// is asked for each of them many times.
func keyOf(s string) bool {
	for _, r := range s {
		switch {
		case r > ' ' && r < utf8.RuneSelf:
		case r >= 0x4E00 && r <= 0x9FFF, r == '、', r == '。':
		default:
			return false
		}
	}
	return true
}

// width is the display width of s: CJK and full-width forms count 2.
func width(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t':
			w++
		case r < 0x1100:
			w++
		default:
			w += 2
		}
	}
	return w
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

var (
	reNumber       = regexp.MustCompile(`^[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?$`)
	reSeq          = regexp.MustCompile(`^\d{1,4}[.．、]?$`)
	reParen        = regexp.MustCompile(`^[（(][^（()）]{0,12}[)）]$`)
	reAttach       = regexp.MustCompile(`^(附件|附表)\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})?\s*[:：]?$`)
	reAttachPrefix = regexp.MustCompile(`^(附件|附表)([0-9]{1,2}|[一二三四五六七八九十]{1,3})?`)
	reUnit         = regexp.MustCompile(`^[（(]?\s*单\s*位\s*[:：]\s*[^（()）]{1,20}[)）]?$`)
	reHeading      = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节部分类])`)
	reNumHead      = regexp.MustCompile(`^\d{1,2}[.．、]\s*\S`)
	reYear         = regexp.MustCompile(`^\d{4}\s*年`)
	reDateEnd      = regexp.MustCompile(`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`)
	reArtefact     = regexp.MustCompile(`^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页`)
	reTag          = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
)

// number parses a numeric cell; ok is false for anything else ("/" too).
func number(s string) (float64, bool) {
	s = strings.ReplaceAll(key(s), ",", "")
	s = strings.TrimSuffix(s, "%")
	if !reNumber.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// decimals is the number of digits after the point in s.
func decimals(s string) int {
	s = key(s)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(strings.TrimRight(s[i+1:], "%"))
	}
	return 0
}

// isEmptyMark reports a cell that stands for "none": "/", "—", "-".
func isEmptyMark(s string) bool {
	switch key(s) {
	case "/", "—", "-", "——", "－", "／", "无", "―":
		return true
	}
	return false
}

// isValue reports a cell that is a figure: a number, a percentage, an
// empty mark, or a figure with a qualifier (90%以上).
func (v *vocab) isValue(s string) bool {
	k := key(s)
	if k == "" {
		return false
	}
	if isEmptyMark(k) || reNumber.MatchString(k) {
		return true
	}
	for _, q := range v.qualifier {
		if strings.HasSuffix(k, q) && reNumber.MatchString(strings.TrimSuffix(k, q)) {
			return true
		}
		if strings.HasPrefix(k, q) && reNumber.MatchString(strings.TrimPrefix(k, q)) {
			return true
		}
	}
	return false
}

// anyWord reports whether match holds for a word of the list.
func anyWord(list []string, match func(w string) bool) bool {
	for _, w := range list {
		if match(w) {
			return true
		}
	}
	return false
}

// hasQualifierPrefix reports a value phrase like 不低于全国平均水平.
func (v *vocab) hasQualifierPrefix(s string) bool {
	return anyWord(v.qualifier, prefixOf(key(s)))
}

// prefixOf is the test "w begins k" for anyWord.
func prefixOf(k string) func(w string) bool {
	return func(w string) bool { return strings.HasPrefix(k, w) }
}

func (v *vocab) isTotal(s string) bool {
	k := key(s)
	return anyWord(v.total, func(w string) bool {
		return k == w || strings.HasPrefix(k, w) && runeLen(k) <= runeLen(w)+6 && !strings.ContainsAny(k[len(w):], "：:")
	}) || v.isSubtotal(k)
}

func (v *vocab) isSubtotal(s string) bool {
	k := key(s)
	return anyWord(v.subtotal, func(w string) bool {
		return k == w || strings.HasPrefix(k, w) && runeLen(k) <= runeLen(w)+6
	})
}

// isNote reports a note line: 备注：… 注：… 注1．…
func (v *vocab) isNote(s string) bool {
	k := key(reTag.ReplaceAllString(s, ""))
	for _, w := range v.note {
		if rest, ok := strings.CutPrefix(k, w); ok {
			if rest == "" || strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":") || w != "注" && w != "说明" {
				return true
			}
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsDigit(r) {
				return true
			}
		}
	}
	return false
}

func (v *vocab) isSeqHead(s string) bool {
	k := key(s)
	for _, w := range v.seqhead {
		if strings.EqualFold(k, w) {
			return true
		}
	}
	return false
}

func (v *vocab) endsDept(s string) bool {
	k := strings.TrimRight(key(s), "等）)")
	return anyWord(v.deptsuffix, func(w string) bool { return strings.HasSuffix(k, w) })
}

// isDeptHeader reports a header naming responsible units.
func isDeptHeader(h string) bool {
	k := key(h)
	for _, w := range []string{"单位", "部门", "牵头", "责任", "配合"} {
		if strings.Contains(k, w) && runeLen(k) <= 12 {
			return true
		}
	}
	return false
}

// isValueHeader reports a header of a figures column: a year, a unit in
// brackets, a percentage.
func isValueHeader(h string) bool {
	k := key(h)
	if reYear.MatchString(k) && runeLen(k) <= 8 {
		return true
	}
	if strings.HasSuffix(k, ")") || strings.HasSuffix(k, "）") {
		i := strings.LastIndexAny(k, "(（")
		if i >= 0 && runeLen(k[i:]) <= 8 {
			return true
		}
	}
	return strings.Contains(k, "%")
}

// cleanTitle strips Markdown heading marks and tags from a caption line.
func cleanTitle(s string) string {
	s = reTag.ReplaceAllString(s, "")
	s = strings.TrimLeft(s, "# ")
	return strings.TrimSpace(s)
}

// balanced reports whether brackets and quotes of s are closed.
func balanced(s string) bool {
	d := 0
	for _, r := range s {
		switch r {
		case '（', '(', '“', '《', '【':
			d++
		case '）', ')', '”', '》', '】':
			d--
		}
	}
	return d == 0
}
