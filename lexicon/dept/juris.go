package dept

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/place"
)

// The places of a mention and of a document: the chain of units that holds
// a jurisdiction, level words (市, 区) resolved against it, place names at
// the start of a mention, and the jurisdiction of a document.

// place returns the province or city of a full name.
func (d *Dict) place(name string) (place.Place, bool) { return d.places.Regional(name) }

// IsNational reports whether juris names the national level.
func IsNational(juris string) bool {
	switch juris {
	case National, "国务院", "全国", "国家", "中央", "中国":
		return true
	}
	return false
}

// Province returns the province-level unit that holds juris ("" if unknown):
// 柳州市 → 广西壮族自治区, 广州市黄埔区 → 广东省, 上海市 → 上海市.
func (d *Dict) Province(juris string) string {
	for _, p := range d.chain(juris) {
		if pl, _ := d.place(p); pl.Kind == place.Province {
			return p
		}
	}
	return ""
}

// chain lists the nested units of juris from the top: 广州市黄埔区 →
// [广东省 广州市 广州市黄埔区].
func (d *Dict) chain(juris string) []string {
	if juris == "" || IsNational(juris) {
		return nil
	}
	if p, ok := d.place(juris); ok {
		if p.Parent != "" {
			return []string{p.Parent, juris}
		}
		return []string{juris}
	}
	// 广西壮族自治区柳州市: a province written before its city.
	for _, p := range d.places.Places() {
		if p.Kind == place.Province && strings.HasPrefix(juris, p.Name) && len(juris) > len(p.Name) {
			if c, ok := d.place(juris[len(p.Name):]); ok && c.Parent == p.Name {
				return d.chain(c.Name)
			}
		}
	}
	// A district or county under a known city or province.
	best := d.places.FullPrefix(juris)
	if best == "" || best == juris {
		return []string{juris}
	}
	return append(d.chain(best), juris)
}

// resolveLevel maps a level word (市, 自治区, 省, 区, 县 …) to the unit of juris
// it names, "" when juris has none.
func (d *Dict) resolveLevel(level, juris string) string {
	c := d.chain(juris)
	for i := len(c) - 1; i >= 0; i-- {
		if strings.HasSuffix(c[i], level) {
			return c[i]
		}
	}
	// A 直辖市 is a province and a city; 区 in a province document is 区直.
	return ""
}

// partyPrefix is the name of the Party committee of unit j.
func partyPrefix(j string) string {
	if strings.HasSuffix(j, "自治区") || strings.HasSuffix(j, "省") {
		return "中共" + j + "委员会"
	}
	return "中共" + j + "委"
}

// placePrefix finds a place name at the start of m and returns the unit it
// names (expanded: 广西 → 广西壮族自治区; a district of the document's city →
// 广州市黄埔区) and the rest.
func (d *Dict) placePrefix(m, juris string) (unit, rest string, ok bool) {
	if best, _ := d.places.Prefix(m); best != "" {
		unit = d.expandPlace(best)
		rest = m[len(best):]
		// 广州市黄埔区…: a district after the city.
		if loc := rePlaceRx.FindString(rest); loc != "" && (strings.HasSuffix(loc, "区") || strings.HasSuffix(loc, "县")) {
			if d.known(rest[len(loc):]) {
				return unit + loc, rest[len(loc):], true
			}
		}
		return unit, rest, true
	}
	loc := rePlaceRx.FindString(m)
	if loc == "" || IsCollective(m) {
		return "", "", false
	}
	unit = loc
	if (strings.HasSuffix(loc, "区") || strings.HasSuffix(loc, "县")) && juris != "" && !strings.Contains(juris, loc) {
		// A district named in a city's document belongs to that city.
		for _, c := range d.chain(juris) {
			if strings.HasSuffix(c, "市") {
				unit = c + loc
			}
		}
	} else if strings.HasSuffix(juris, loc) {
		unit = juris
	}
	return unit, m[len(loc):], true
}

// expandPlace returns the full name of a place written in full or short.
func (d *Dict) expandPlace(s string) string {
	if _, ok := d.place(s); ok {
		return s
	}
	if full := d.places.Full(s); full != "" {
		return full
	}
	if strings.HasSuffix(s, "市") || strings.HasSuffix(s, "省") || strings.HasSuffix(s, "自治区") {
		return s
	}
	return ""
}

// placeOf resolves the place part of 团X委: a level word or a place name.
func (d *Dict) placeOf(s, juris string) string {
	for _, lw := range levelWords {
		if s == lw {
			return d.resolveLevel(lw, juris)
		}
	}
	return d.expandPlace(s)
}

// placeIn returns the first known place named inside s, else juris.
func (d *Dict) placeIn(s, juris string) string {
	if best := d.places.FullPrefix(s); best != "" {
		return best
	}
	return juris
}

// shortPlace returns the short form of place s used in regulator branch names
// (柳州 in 中国银行保险监督管理委员会柳州监管分局) and the full place.
func (d *Dict) shortPlace(s, juris string) (string, string) {
	for _, lw := range levelWords {
		if s == lw {
			full := d.resolveLevel(lw, juris)
			if full == "" {
				return s, ""
			}
			s = full
			break
		}
	}
	full := d.expandPlace(s)
	if p, ok := d.place(full); ok && len(p.Shorts) > 0 {
		return p.Shorts[0], full
	}
	return strings.TrimSuffix(s, "市"), full
}

// reDocNo reads the issuer abbreviation of a 发文字号: 桂政发, 柳政规, 穗埔府规.
var reDocNo = regexp.MustCompile(`(\p{Han}{1,8})[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]`)

// reTitlePrefix finds the organs before 关于 on a title line.
var reTitlePrefix = regexp.MustCompile(`(?m)^[\s#*]*(\p{Han}{2,40}?)关于`)

// headBytes bounds how much of the text the fallback reads for a 文号 and a
// title.
const headBytes = 3000

// Jurisdiction infers the jurisdiction of a document from its issuer, its
// 发文字号 or its text, for callers without metadata: it gathers what the
// head of the text says (a 文号, the organs before 关于 in the title) and
// asks the one resolver, place.Gazetteer.Jurisdiction.
func (d *Dict) Jurisdiction(issuer, docNumber, text string) string {
	e := place.Evidence{DocNumber: docNumber, Text: text}
	if issuer != "" {
		e.Issuers = []string{issuer}
	}
	head := text
	if len(head) > headBytes {
		head = head[:headBytes]
		for !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
	}
	if e.DocNumber == "" {
		if s := reDocNo.FindStringSubmatch(head); s != nil {
			e.DocNumber = s[1]
		}
	}
	if s := reTitlePrefix.FindStringSubmatch(head); s != nil {
		e.TitlePrefix = s[1]
	}
	return d.places.Jurisdiction(e)
}
