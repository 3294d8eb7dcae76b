package xlsx

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
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

// unsafeFileChars matches what pipeline.workbookNames replaces in a file name.
var unsafeFileChars = regexp.MustCompile(`[\x00-\x1f/\\:*?"<>|]+`)

// workbookBase is the workbook file name base of an input path, computed as
// pipeline.workbookNames does: base name, extension dropped, unsafe
// characters replaced, at most 150 bytes.
func workbookBase(path string) string {
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = unsafeFileChars.ReplaceAllString(base, "_")
	base = strings.Trim(base, ". ")
	if base == "" {
		base = "document"
	}
	if len(base) > 150 {
		base = base[:150]
	}
	return base
}

// workbookFileNames maps every input path to its workbook file name, the
// way pipeline.workbookNames does when the inputs are walked in directory
// order: a numeric suffix for the second and later paths with the same base.
func workbookFileNames(paths []string) map[string]string {
	ps := append([]string(nil), paths...)
	sort.Slice(ps, func(i, j int) bool { return walkLess(ps[i], ps[j]) })
	out := make(map[string]string, len(ps))
	used := map[string]int{"summary.xlsx": 1}
	for _, p := range ps {
		if _, ok := out[p]; ok {
			continue
		}
		base := workbookBase(p)
		name := base + ".xlsx"
		for k := 2; used[name] > 0; k++ {
			name = fmt.Sprintf("%s-%d.xlsx", base, k)
		}
		used[name]++
		out[p] = name
	}
	return out
}

// walkLess orders paths as filepath.WalkDir visits them: element by element.
func walkLess(a, b string) bool {
	ea := strings.Split(filepath.ToSlash(a), "/")
	eb := strings.Split(filepath.ToSlash(b), "/")
	for i := 0; i < len(ea) && i < len(eb); i++ {
		if ea[i] != eb[i] {
			return ea[i] < eb[i]
		}
	}
	return len(ea) < len(eb)
}
