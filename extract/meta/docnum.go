package meta

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// reDocNum matches a 发文字号: prefix, year in any bracket, serial, 号.
// Brackets seen: 〔〕 [] ［］ 【】 () （） and the mis-encoded 〖〗 and „‟
// (〔〕 of a Symbol font in text taken from an old PDF: 鲁财建„2011‟45号).
var reDocNum = regexp.MustCompile(`([\p{Han}A-Za-z]{1,14}?)\s*[〔\[［【(（〖„]\s*((?:19|20)\d{2})\s*[〕\]］】)）〗‟]\s*(第?\s*\d{1,5})\s*号`)

// reDocNumAt matches a 文号 at the start of a string.
var reDocNumAt = regexp.MustCompile(`^` + reDocNum.String())

// NormalizeDocNumber returns s's first 发文字号 with 〔〕 brackets and no
// spaces (柳办发〔2021〕18 号 → 柳办发〔2021〕18号), or "" when s holds none.
func NormalizeDocNumber(s string) string {
	m := reDocNum.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return formatDocNum(m)
}

func formatDocNum(m []string) string {
	serial := strings.Join(strings.Fields(m[3]), "")
	return dropNumLabel(m[1]) + "〔" + m[2] + "〕" + serial + "号"
}

// dropNumLabel drops a box label run onto a 文号's prefix by a box without
// colons (文 号 观政〔2021〕30 号 → 观政).
func dropNumLabel(prefix string) string {
	for label, f := range boxLabels {
		if f == boxDocNum && strings.HasPrefix(prefix, label) && len(prefix) > len(label) {
			return prefix[len(label):]
		}
	}
	return prefix
}

// reTrailDocNum is a (文号) after a title.
var reTrailDocNum = regexp.MustCompile(`\s*[(（]\s*` + reDocNum.String() + `\s*[)）]\s*$`)

func stripTitleDocNum(s string) string {
	return strings.TrimSpace(reTrailDocNum.ReplaceAllString(s, ""))
}

// reEndDocNum is a 文号 at the end of a string.
var reEndDocNum = regexp.MustCompile(reDocNum.String() + `\s*$`)

// splitRunOnDocNum splits a title whose 文号 was run onto the end of its line
// (…行动计划的通知渝府办发〔2024〕12号, as a page printed to PDF gives it)
// at the last kind word before the 文号: the 文号's own prefix is 1–8 runes
// without 的. It returns s unchanged and "" when s does not end so.
func splitRunOnDocNum(s string) (string, string) {
	m := reEndDocNum.FindStringSubmatchIndex(s)
	if m == nil {
		return s, ""
	}
	brk := m[3] // end of the 文号 prefix group, where the bracket starts
	head := s[:brk]
	for _, loc := range reversed(reKindWord.FindAllStringIndex(head, -1)) {
		pre := head[loc[1]:]
		if n := utf8.RuneCountInString(pre); n < 1 || n > 8 || strings.Contains(pre, "的") {
			continue
		}
		return strings.TrimSpace(s[:loc[1]]), NormalizeDocNumber(s[loc[1]:])
	}
	return s, ""
}

func reversed(locs [][]int) [][]int {
	for i, j := 0, len(locs)-1; i < j; i, j = i+1, j-1 {
		locs[i], locs[j] = locs[j], locs[i]
	}
	return locs
}

// brokenWord reports whether a line ends inside 关于/印发/转发 and the next
// reLeadDocNum is a (文号) at the start of a string.
var reLeadDocNum = regexp.MustCompile(`^[(（]\s*` + reDocNum.String() + `\s*[)）]`)

// bodyDocNum finds the 发文字号 in the notice: a line that starts with it, or
// a (文号) after the title.
func (x *extractor) bodyDocNum(titleAt, titleEnd int) string {
	if x.inlineNum != "" {
		return x.inlineNum
	}
	if x.ownNum != "" {
		return x.ownNum
	}
	if titleAt >= 0 {
		joined := ""
		for j := titleAt; j < titleEnd; j++ {
			joined += x.lines[j].text
		}
		if m := reTrailDocNum.FindStringSubmatch(joined); m != nil {
			return formatDocNum(m)
		}
	}
	at := func(i int) string {
		if i < 0 || i >= len(x.lines) || x.boxLines[i] {
			return ""
		}
		if m := reDocNumAt.FindStringSubmatch(x.lines[i].text); m != nil {
			return formatDocNum(m)
		}
		if m := reLeadDocNum.FindStringSubmatch(x.lines[i].text); m != nil {
			return formatDocNum(m) // (桂政办发〔2024〕47号)各市…：
		}
		return ""
	}
	// next to the title first, then in the head, then a line of its own
	if titleAt >= 0 {
		for i := titleAt - 4; i < titleEnd+3; i++ {
			if n := at(i); n != "" {
				return n
			}
		}
	}
	he := x.headEnd()
	for i := 0; i < he; i++ {
		if n := at(i); n != "" {
			return n
		}
	}
	for i, l := range x.lines {
		if n := at(i); n != "" && strings.TrimSpace(reDocNumAt.ReplaceAllString(l.text, "")) == "" {
			return n
		}
	}
	return ""
}
