package meta

import (
	"regexp"
	"strings"
)

// reNotSigDate follows a date that is not a signature date.
var reNotSigDate = regexp.MustCompile(`^\s*(印发|起|前|以前|之前|至|到|以来|开始|发布|施行|实施|止|后|以后|之后|期间|，|,|、|的|为|在|（星期|\(星期|零时|0时|24时)`)

// reDateLabel precedes a date that is page metadata, not a signature.
var reDateLabel = regexp.MustCompile(`(日期|时间|印发|发布|更新|来源|实施|失效)\s*[:：]?\s*$`)

// signature finds the 成文日期 under the issuers' names and the names above
// it, from line from on.
func (x *extractor) signature(from int) (string, []string) {
	type cand struct {
		date   string
		organs []string
		strong bool
	}
	var medium *cand
	for i := from; i < len(x.lines); i++ {
		if x.boxLines[i] {
			continue
		}
		t := x.lines[i].text
		if reISOLine.MatchString(t) {
			// 2024-12-30 on its own line: a signature date only right
			// under the issuers' names (page dates stand everywhere)
			if organs := x.organsAbove(i); len(organs) > 0 {
				if d := ParseDate(t); d != "" {
					return d, organs
				}
			}
			continue
		}
		for _, d := range findDates(t) {
			pre := t[:d.start]
			post := t[d.end:]
			if reNotSigDate.MatchString(post) || reDateLabel.MatchString(pre) {
				continue
			}
			if k := strings.LastIndexAny(pre, "。：:；！？"); k >= 0 {
				pre = pre[k:]
				_, sz := firstRune(pre)
				pre = pre[sz:]
			}
			pre = strings.TrimSpace(pre)
			postT := strings.TrimSpace(post)
			standalone := postT == "" || strings.HasPrefix(post, " ") || strings.HasPrefix(postT, "(此件") || strings.HasPrefix(postT, "（此件")
			var organs []string
			if pre != "" {
				organs = x.p.organLine(pre)
				if organs == nil {
					continue
				}
			} else {
				organs = x.organsAbove(i)
			}
			if len(organs) > 0 {
				return d.iso, organs
			}
			if standalone && medium == nil && (pre == "" || strings.HasSuffix(strings.TrimSpace(t[:d.start]), "。")) {
				medium = &cand{date: d.iso}
			}
		}
	}
	if medium != nil {
		return medium.date, nil
	}
	return "", nil
}

// reISOLine is a line that is only a date in digits (2024-12-30).
var reISOLine = regexp.MustCompile(`^(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}$`)

// reSealNote is the note under a signature whose organ has no seal of its
// own: （文成县人民政府办公室代章）, (代章).
var reSealNote = regexp.MustCompile(`^\s*` + sealNote)

// reSealTail is that note on the signature's own line (…工作专班办公室
// （文成县人民政府办公室代章）).
var reSealTail = regexp.MustCompile(sealNote)

// sealNote is the bracketed 代章 note at the end of a line.
const sealNote = `[(（][^()（）]{0,30}代章[)）]\s*$`

// organsAbove returns the issuers' names on the lines right above line i,
// past a 代章 note.
func (x *extractor) organsAbove(i int) []string {
	var organs []string
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if reSealNote.MatchString(x.lines[j].text) {
			continue // (文成县人民政府办公室代章) under a 专班办公室
		}
		o := x.p.organLine(x.lines[j].text)
		if o == nil || x.boxLines[j] {
			break
		}
		organs = append(o, organs...)
	}
	return organs
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}
