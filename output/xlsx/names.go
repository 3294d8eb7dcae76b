package xlsx

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxSheetName is Excel's limit on a sheet name, in characters.
const maxSheetName = 31

// sheetNames hands out valid, unique sheet names.
type sheetNames struct {
	used map[string]bool // lower-cased: Excel compares names case-insensitively
}

func newSheetNames() *sheetNames {
	// "History" is reserved by Excel.
	return &sheetNames{used: map[string]bool{"history": true}}
}

var badSheetChars = strings.NewReplacer("[", "（", "]", "）", ":", "：", "*", "＊", "?", "？", "/", "／", "\\", "＼", "'", "’")

// cleanSheetName makes s a valid sheet name body: no []:*?/\ (replaced by
// their full-width forms, which Excel allows), no apostrophe (Excel forbids
// one at either end, and references quote names with it), no control
// characters, single spaces.
func cleanSheetName(s string) string {
	s = badSheetChars.Replace(s)
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSpace(s)
}

// truncRunes cuts s to n characters; a bracket left open by the cut goes,
// with what follows it, when enough remains (…分解表（2021— → …分解表).
func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	open := -1
	for i, c := range r {
		switch c {
		case '（', '(', '《', '〔', '【':
			open = i
		case '）', ')', '》', '〕', '】':
			open = -1
		}
	}
	if open >= n/2 {
		r = r[:open]
	}
	return strings.TrimRight(string(r), " ")
}

// take returns a valid name close to want, unique in this workbook.
func (n *sheetNames) take(want, fallback string) string {
	base := cleanSheetName(want)
	if base == "" {
		base = fallback
	}
	name := truncRunes(base, maxSheetName)
	for i := 2; n.used[strings.ToLower(name)] || name == ""; i++ {
		suf := fmt.Sprintf("(%d)", i)
		name = truncRunes(base, maxSheetName-len(suf)) + suf
	}
	n.used[strings.ToLower(name)] = true
	return name
}
