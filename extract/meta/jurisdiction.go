package meta

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/lexicon/place"
)

// Central is the jurisdiction given to central (national) organs such as
// 国务院 or 国家发展改革委.
const Central = place.National

// Places reads jurisdictions from organ names and 文号 with the shared
// gazetteer (lexicon/place). Get it with LoadPlaces; it is read-only.
type Places struct {
	g *place.Gazetteer
}

// LoadPlaces returns the gazetteer, parsed once.
func LoadPlaces() (*Places, error) {
	g, err := place.Load()
	if err != nil {
		return nil, fmt.Errorf("meta: %w", err)
	}
	return &Places{g: g}, nil
}

func mustPlaces() *Places { return &Places{g: place.MustLoad()} }

// FromDocNumber returns the jurisdiction a 文号 prefix names (桂 →
// 广西壮族自治区, 柳 → 柳州市, 国办 → 中华人民共和国), or "".
func (p *Places) FromDocNumber(num string) string { return p.g.FromDocNumber(num) }

// FromOrgan returns the jurisdiction of an organ's full name (see
// place.Gazetteer.FromOrgan).
func (p *Places) FromOrgan(name string) string { return p.g.FromOrgan(name) }

// Short resolves a short place name (柳州, 广西) to its full name, or "".
func (p *Places) Short(s string) string { return p.g.Full(s) }

// IsProvince reports whether full is a province-level unit.
func (p *Places) IsProvince(full string) bool {
	pl, ok := p.g.Regional(full)
	return ok && pl.Kind == place.Province
}

// reposted reports whether a page's own organ (its metadata box's 发布机构)
// is another body than the one whose 文号 the notice carries: a district
// site reposting a provincial notice (攀枝花市仁和区人民政府办公室 over
// 川办发〔2023〕9号). Both must name a known place, and differ.
func (x *extractor) reposted(organ, docNum string) bool {
	if docNum == "" {
		return false
	}
	// the 文号's place as the text reads it (吉府发 in a text naming 吉安 is
	// 吉安's, not 吉林's)
	dj := ""
	if x.p.FromDocNumber(docNum) != "" {
		dj = x.p.g.Jurisdiction(place.Evidence{DocNumber: docNum, Text: x.text})
	}
	oj := x.p.FromOrgan(organ)
	return dj != "" && oj != "" && dj != oj
}

// jurisdiction is the shared resolver (place.Gazetteer.Jurisdiction) over
// what the notice says: its issuers, 文号, title prefix and metadata box.
func (x *extractor) jurisdiction(organs []string, docNum, prefix string) string {
	ev := place.Evidence{Issuers: organs, DocNumber: docNum, TitlePrefix: prefix, BoxIssuer: x.box.issuer}
	named := x.p.g.Jurisdiction(ev) != ""
	ev.Text = x.text
	if strings.Contains(ev.Text, "日电") { // scan for a dateline only where one can be
		ev.Text = reDateline.ReplaceAllString(ev.Text, "")
	}
	j := x.p.g.Jurisdiction(ev)
	if !named && j != "" && !strings.Contains(ev.Text, j) && x.p.g.Mentions(ev.Text)[j] < 2 {
		// a guess from one short name in the text, never written in full:
		// a short name inside other words (创新乡村 is no 新乡)
		j = ""
	}
	if !named && x.box.publisher != "" && !x.reposted(x.box.publisher, docNum) {
		// 区人民政府办公室 with no place anywhere but the page's 发布机构
		// (下陆区政府办公室; 中共中央 over a text dated 新华社北京…电):
		// the publisher before the places the text names
		if pj := x.p.g.Jurisdiction(place.Evidence{Issuers: []string{x.box.publisher}, Text: x.text}); pj != "" {
			j = pj
		}
	}
	if !named {
		// 近日，中共中央、国务院印发了《…》: a news report of the issue
		// names its issuer
		if m := reIssuedBy.FindStringSubmatch(cjk.Head(ev.Text, 600)); m != nil {
			if c := x.p.FromOrgan(m[1]); c != "" {
				j = c
			}
		}
	}
	if !named && docNum != "" {
		// 菏政办字〔2023〕1号 in a text that names 菏泽: the city whose name
		// the 文号 opens with, when the table of 文号 prefixes has none
		if c := x.p.cityOfDocNum(docNum, x.text, j); c != "" {
			j = c
		}
	}
	if !named && docNum != "" {
		// 华政发〔2021〕2号 under 县人民政府办公室 in a text that names
		// 华容县: the county whose name the 文号 opens with
		if d := x.p.countyOfDocNum(docNum, x.text, j); d != "" {
			j = d
		}
	}
	if !named && len(organs) > 0 && countyLevel(organs[0]) {
		// 县人民政府办公室 with no name (a county site's box) over a page
		// whose head names one county (来源:华容县政府)
		if d := x.p.onlyCounty(cjk.Head(x.text, 1500), j); d != "" {
			j = d
		}
	}
	if len(organs) == 0 || x.p.FromOrgan(organs[0]) == "" {
		if d := x.p.ownPlace(x.text, j); d != "" {
			return d
		}
	}
	if len(organs) > 0 {
		if d := x.p.zoneDistrict(organs[0], j); d != "" {
			return d
		}
	}
	return j
}

// zoneWords name development zones that carry the name of their district.
var zoneWords = []string{"经济技术开发区", "经济开发区", "高新技术产业开发区", "高新区", "开发区", "新区"}

// zoneDistrict returns the district of city whose name a zone's organ
// carries (广州南沙经济技术开发区科学技术局 → 广州市南沙区: the zone is the
// district's, and its 区 is the district), or "".
func (p *Places) zoneDistrict(organ, city string) string {
	if pl, ok := p.g.Regional(city); !ok || pl.Kind != place.City {
		return ""
	}
	match, full := p.g.Prefix(organ)
	if full != city {
		return ""
	}
	rest := []rune(strings.TrimPrefix(organ[len(match):], "市"))
	for n := 2; n <= 3 && n < len(rest); n++ {
		stem, after := string(rest[:n]), string(rest[n:])
		zone := false
		for _, w := range zoneWords {
			zone = zone || strings.HasPrefix(after, w)
		}
		if !zone {
			continue
		}
		for _, suf := range []string{"区", "县"} {
			if d := p.g.District(stem + suf); d != "" && strings.HasPrefix(d, city) {
				return d
			}
		}
	}
	return ""
}

// reDateline is a news agency's dateline (新华社北京12月14日电): it names
// where the news was filed, not whose document it is.
var reDateline = regexp.MustCompile(`(?:新华社|人民网|中新社|新华网)\p{Han}{2,6}?\d{1,2}月\d{1,2}日电`)

// reIssuedBy is a news report's issuer: 近日，中共中央、国务院印发了《.
var reIssuedBy = regexp.MustCompile(`(?:近日|日前)[，,]\s*(\p{Han}{2,20}?)(?:、\p{Han}{2,20}?)?印发了?《`)

// reOwnPlace is the place a policy says it is made for: 结合官渡区实际.
var reOwnPlace = regexp.MustCompile(`结合(\p{Han}{2,4}?[区县])(?:的)?实际`)

// ownPlace returns the district or county of city the text says the policy
// is made for (结合官渡区实际 in a 昆明市 text → 昆明市官渡区), "" when the
// text says none or names one outside city. It is asked only when no issuer
// names a place.
func (p *Places) ownPlace(text, city string) string {
	m := reOwnPlace.FindStringSubmatch(cjk.Head(text, 4000))
	if m == nil {
		return ""
	}
	d := p.g.District(m[1])
	if d == "" || city != "" && !strings.HasPrefix(d, city) || d == city {
		return ""
	}
	return d
}

// cityOfDocNum returns the one city (of province prov, when prov is a
// province) whose name opens with the 文号's first rune and that the text
// names; "" when none or several.
func (p *Places) cityOfDocNum(docNum, text, prov string) string {
	if prov != "" && !p.IsProvince(prov) {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(docNum)
	found := ""
	for _, pl := range p.g.Places() {
		if pl.Kind != place.City || prov != "" && pl.Parent != prov {
			continue
		}
		if c, _ := utf8.DecodeRuneInString(pl.Name); c != r {
			continue
		}
		names := append([]string{pl.Name}, pl.Shorts...)
		for _, n := range names {
			if strings.Contains(text, n) {
				if found != "" && found != pl.Name {
					return ""
				}
				found = pl.Name
			}
		}
	}
	return found
}

// countyOfDocNum returns the one county or district whose name opens with
// the 文号's first rune and that the head of the text names (华政发〔2021〕2号
// in a text naming 华容县 → 岳阳市华容县), "" when none or several, or when
// it lies outside juris (a city or province found before).
func (p *Places) countyOfDocNum(docNum, text, juris string) string {
	r, _ := utf8.DecodeRuneInString(docNum)
	if !cjk.IsHan(r) {
		return ""
	}
	head := cjk.Head(text, 4000)
	found := ""
	for i := 0; ; {
		k := strings.IndexRune(head[i:], r)
		if k < 0 {
			break
		}
		i += k
		if d := p.countyAt(head[i:]); d != "" {
			if found != "" && found != d {
				return ""
			}
			found = d
		}
		i += utf8.RuneLen(r)
	}
	if found == "" || juris == "" {
		return found
	}
	pl, _ := p.g.Lookup(found)
	if city, _ := p.g.Regional(pl.Parent); pl.Parent == juris || city.Parent == juris {
		return found
	}
	return ""
}

// countyAt returns the full name of the county or district of two to four
// runes that s starts with (华容县政府 → 岳阳市华容县), "" when none.
func (p *Places) countyAt(s string) string {
	d, _ := p.countyAtLen(s)
	return d
}

// countyAtLen is countyAt with the byte length of the name in s.
func (p *Places) countyAtLen(s string) (string, int) {
	rs := []rune(cjk.Head(s, 16))
	for n := 2; n <= 4 && n <= len(rs); n++ {
		if !strings.ContainsRune("县区旗", rs[n-1]) {
			continue
		}
		if d := p.g.District(string(rs[:n])); d != "" {
			return d, len(string(rs[:n]))
		}
	}
	return "", 0
}

// countyLevel reports whether organ is a county or district organ named by
// its level word alone (县人民政府办公室, 区政府).
func countyLevel(organ string) bool {
	o := strings.TrimPrefix(organ, "中共")
	return strings.HasPrefix(o, "县") || strings.HasPrefix(o, "区")
}

// onlyCounty returns the one county or district that head names (inside
// juris when juris is set), "" when it names none or several.
func (p *Places) onlyCounty(head, juris string) string {
	found := ""
	for i := 0; i < len(head); {
		d, n := p.countyAtLen(head[i:])
		if d == "" {
			_, sz := utf8.DecodeRuneInString(head[i:])
			i += sz
			continue
		}
		i += n // past the name: 容县 inside 华容县 is none
		if d == found {
			continue
		}
		if found != "" || juris != "" && !strings.HasPrefix(d, juris) {
			return ""
		}
		found = d
	}
	return found
}

// leadPlace returns the place a title opens with: a province or city (full
// name), or a county or district the gazetteer knows (新昌县森林火灾事故应急
// 预案 → 新昌县); "" when it opens with none.
func (p *Places) leadPlace(title string) string {
	if f := p.g.FullPrefix(title); f != "" {
		return f
	}
	return p.g.DistrictPrefix(title)
}
