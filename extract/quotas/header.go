package quotas

import (
	"policyx/extract/tables"
	"policyx/lexicon"
	"policyx/normalize/numbers"
	"regexp"
	"strconv"
	"strings"
)

// Headers and captions: what a column header or a table's caption says is
// counted, in which unit and for which year.

var (
	reBracket   = regexp.MustCompile(`[（(][^（()）]*[)）]`)
	reTailUnit  = regexp.MustCompile(`[（(]([^（()）]{1,16})[)）]$`)
	reHeadYear  = regexp.MustCompile(`^((?:19|20)\d\d)(?:年度|年)?(?:[-—–~～至到]+((?:19|20)\d\d)(?:年度|年)?)?`)
	reTitleYear = regexp.MustCompile(`((?:19|20)\d\d)\s*(?:年|年度)?\s*(?:[-—–~～至到]+\s*((?:19|20)\d\d))?\s*年`)
	reDateCell  = regexp.MustCompile(`^(?:19|20)\d\d(?:年|[-/－—–~～至]\d)`)
	reRowYear   = regexp.MustCompile(`^((?:19|20)\d\d)(?:年度|年)?(?:目标|计划|任务)?$`)
	reYearNum   = regexp.MustCompile(`^(?:19[5-9]\d|20\d\d)$`)
	reNumber    = regexp.MustCompile(`\d+(?:,\d{3})*(?:\.\d+)?`)
	reLead      = regexp.MustCompile(`^(?:各|全)[^、，,（(]{0,6}(?:市|县|区|州|盟|旗|单位|部门|地)(?:[、和及与][^、，,（(]{0,6}(?:市|县|区|州|单位|部门))*`)
)

// column is what a header says about its column.
type column struct {
	skip    bool
	unitCol bool
	year    int
	unit    string // unit from the header, "" when none
	subject string // header without unit and year
}

func (v *vocab) header(p *numbers.Parser, h string, docYear int) column {
	k := tables.Key(h)
	var c column
	if k == "" {
		return c
	}
	if tables.IsSeqHeader(k) || tables.IsTotalLabel(k) || lexicon.ContainsAny(k, v.skipCol) {
		c.skip = true
		return c
	}
	if lexicon.ContainsAny(k, v.pastCol) && !lexicon.ContainsAny(k, v.commitCol) {
		c.skip = true
		return c
	}
	var subj []string
	for _, part := range strings.Split(k, "/") {
		for {
			m := reTailUnit.FindStringSubmatchIndex(part)
			if m == nil {
				break
			}
			inner := part[m[2]:m[3]]
			u := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(inner, "单位"), "计量单位"), ":：")
			if p.IsUnit(u) {
				if c.unit == "" {
					c.unit = u
				}
			} else if lexicon.ContainsAny(inner, v.pastCol) && !lexicon.ContainsAny(inner, v.commitCol) {
				c.skip = true
				return c
			}
			part = part[:m[0]]
		}
		if strings.HasSuffix(part, "%") {
			part = strings.TrimSuffix(part, "%")
			if c.unit == "" {
				c.unit = "%"
			}
		}
		if m := reHeadYear.FindStringSubmatch(part); m != nil {
			y, _ := strconv.Atoi(m[1])
			if m[2] != "" {
				y, _ = strconv.Atoi(m[2]) // 2021—2023年: by the range's end
			}
			c.year = y
			part = part[len(m[0]):]
		}
		part = strings.Trim(part, "：:、 ")
		if part != "" {
			subj = append(subj, part)
		}
	}
	c.subject = strings.Join(subj, "")
	if c.year > 0 && docYear > 0 && c.year < docYear {
		c.skip = true // a past year's column
	}
	return c
}

// titleIndicator is what a caption says is counted: 各设区市科技成果转化年度目标安排表
// → 科技成果转化. "" when nothing is left.
func (v *vocab) titleIndicator(title, juris string) string {
	k := tables.Key(title)
	k = reBracket.ReplaceAllString(k, "")
	k = reTitleYear.ReplaceAllString(k, "")
	if juris != "" {
		k = strings.TrimPrefix(k, tables.Key(juris))
	}
	for _, w := range v.titleLead {
		if strings.HasPrefix(k, w) {
			if m := reLead.FindString(k); m != "" {
				k = k[len(m):]
			}
			break
		}
	}
	for changed := true; changed && k != ""; {
		changed = false
		for _, w := range v.titleEnd {
			if strings.HasSuffix(k, w) && k != w {
				k = strings.TrimSuffix(k, w)
				changed = true
			}
		}
	}
	k = strings.Trim(k, "、，,：: ")
	if lexicon.EqualsAny(k, v.titleEnd) || lexicon.EqualsAny(k, v.generic) {
		return ""
	}
	return k
}

// titleYears returns the year a caption names, or the two ends of its
// range (…分解表（2021—2023年）).
func titleYears(title string) (int, int) {
	k := tables.Key(title)
	m := reTitleYear.FindStringSubmatchIndex(k)
	if m == nil || strings.HasPrefix(k[m[1]:], "版") {
		// 指标体系（2023年版) names an edition, not a year to reach
		return 0, 0
	}
	ms := []string{k[m[0]:m[1]], k[m[2]:m[3]], ""}
	if m[4] >= 0 {
		ms[2] = k[m[4]:m[5]]
	}
	return yearsOf(ms)
}

func yearsOf(m []string) (int, int) {
	if m == nil {
		return 0, 0
	}
	a, _ := strconv.Atoi(m[1])
	b := 0
	if m[2] != "" {
		b, _ = strconv.Atoi(m[2])
	}
	return a, b
}
