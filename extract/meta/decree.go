package meta

import (
	"policyx/lexicon/cjk"
	"regexp"
	"strings"
)

// A 规章 or 行政法规 is published by a 令 with its own number, not a
// bracketed 文号: 广州市人民政府令 / 第179号 over the 办法, or
// （2021年7月27日中华人民共和国国务院令第746号公布） under the 条例.

// reDecreeOrgan is the organ part of a 令's name.
const reDecreeOrgan = `(\p{Han}{0,16}?(?:人民政府|国务院|部|委员会|总局|总署|署|局))令`

var (
	// reDecreeLine is a 令 header, its number on the same line or the next.
	reDecreeLine = regexp.MustCompile(`^` + reDecreeOrgan + `\s*(第\s*\d{1,5}\s*号)?$`)
	reDecreeNum  = regexp.MustCompile(`^第\s*\d{1,5}\s*号$`)
	// reDecreeValue is a 令's number as a box gives it (国令第707号).
	reDecreeValue = regexp.MustCompile(`^\p{Han}{1,24}令\s*第\s*\d{1,5}\s*号$`)
	// reDecreePub is the publication note under a title.
	// reAnnounce is the number line of a 公告 (国家税务总局公告2023年第1号).
	reAnnounce  = regexp.MustCompile(`^(\p{Han}{2,24}?)(?:、\p{Han}{2,24}?)*公告\s*(?:19|20)\d{2}\s*年\s*第\s*\d{1,4}\s*号$`)
	rePublished = regexp.MustCompile(`^《([^》]{2,80})》已经`)
	reDecreePub = regexp.MustCompile(`^[(（]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*` + reDecreeOrgan + `\s*(第\s*\d{1,5}\s*号)\s*(?:公布|发布)`)
)

// decree is the number, organ and (for a publication note) date of the 令
// that publishes the document, read in its head; zero when none.
type decree struct{ num, organ, date, title string }

func (x *extractor) decree() decree {
	he := x.headEnd()
	for i := 0; i < he && i < len(x.lines); i++ {
		t := strings.TrimSpace(x.lines[i].text)
		if m := reDecreePub.FindStringSubmatch(t); m != nil {
			return decree{cjk.RemoveSpace(m[2] + "令" + m[3]), issuerOfDecree(m[2]), ParseDate(m[1]), ""}
		}
		if a := reAnnounce.FindStringSubmatch(t); a != nil {
			// 国家税务总局公告2023年第1号: an announcement's own number
			return decree{cjk.RemoveSpace(a[0]), issuerOfDecree(a[1]), "", ""}
		}
		m := reDecreeLine.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		num, next := m[2], i+1
		if num == "" && next < len(x.lines) && reDecreeNum.MatchString(strings.TrimSpace(x.lines[next].text)) {
			num = strings.TrimSpace(x.lines[next].text)
			next++
		}
		if num == "" {
			continue
		}
		// 《广州市老年人优待办法》已经…通过，现予公布: the 令 names the title
		title := ""
		if next < len(x.lines) {
			if t := rePublished.FindStringSubmatch(x.lines[next].text); t != nil {
				title = CompactTitle(t[1])
			}
		}
		return decree{cjk.RemoveSpace(m[1] + "令" + num), issuerOfDecree(m[1]), "", title}
	}
	return decree{}
}

// issuerOfDecree names the organ of a 令 as its issuer: 中华人民共和国国务院令
// is the 国务院's.
func issuerOfDecree(organ string) string {
	if o := strings.TrimPrefix(organ, "中华人民共和国"); o != "" {
		return o
	}
	return organ
}
