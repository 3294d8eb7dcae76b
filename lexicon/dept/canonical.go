package dept

import (
	"regexp"
	"strings"

	"policyx/lexicon/cjk"
	"policyx/lexicon/place"
)

// Reading a mention: its prefix (level word, place, Party marker) and its
// organ, the canonical name built from them, and the patterned names of
// branches and leagues.

var levelWords = []string{"自治区", "特别行政区", "省", "市", "区", "县", "州", "盟", "旗"}

// collective marks a unit that stands for many (各设区市人民政府, 有关企业).
var collectiveStart = []string{"各", "有关", "相关", "其他", "其它", "所有", "全体", "县区", "区县", "市县", "市、县", "县（市", "县(市", "设区市"}

// IsCollective reports whether m names a group of units rather than one.
func IsCollective(m string) bool {
	for _, c := range collectiveStart {
		if strings.HasPrefix(m, c) {
			return true
		}
	}
	return false
}

var (
	reLeague  = regexp.MustCompile(`^团(.{1,12}?)委$`)
	reCBIRC   = regexp.MustCompile(`^(\p{Han}{2,8}?)银保监(分局|局)$`)
	reNFRA    = regexp.MustCompile(`^(\p{Han}{2,8}?)金融监管(分局|局)$`)
	reCSRC    = regexp.MustCompile(`^(\p{Han}{2,8}?)证监局$`)
	rePBOC    = regexp.MustCompile(`^(?:中国)?人民银行(\p{Han}.*)$`)
	reTax     = regexp.MustCompile(`^国家税务总局(\p{Han}+?)税务局$`)
	rePlaceRx = regexp.MustCompile(`^(\p{Han}{1,6}?(?:市|区|县|州|盟|旗))`)
)

// rePBOCShort reads 人行, the common short name of 人民银行, only before a
// branch (人行柳州市中心支行, 人行广州分行), so that 人行道 stays a word.
var rePBOCShort = regexp.MustCompile(`^人行(\p{Han}+(?:支行|分行))$`)

// pbocBranch returns the branch part of a 人民银行/人行 mention, "" when m
// names none.
func pbocBranch(m string) string {
	if s := rePBOC.FindStringSubmatch(m); s != nil {
		return s[1]
	}
	if s := rePBOCShort.FindStringSubmatch(m); s != nil {
		return s[1]
	}
	return ""
}

// Canonical returns the canonical full name of mention in a document whose
// jurisdiction is juris (e.g. 柳州市), and the jurisdiction of that name.
// Unknown units keep their mention with the 市/自治区/省 prefix resolved.
func (d *Dict) Canonical(mention, juris string) (name, nameJuris string) {
	m := cjk.RemoveSpace(mention)
	if m == "" {
		return "", ""
	}
	if IsNational(juris) {
		juris = National
	}
	// 市财政局（市金融办）: a known organ with a second name in brackets.
	if main, inner, open, close, ok := splitBracket(m); ok {
		if name, j := d.Canonical(main, juris); name != main {
			if d.HasPrefix(inner) {
				inner, _ = d.Canonical(inner, juris)
			}
			return name + open + inner + close, j
		}
	}
	// Patterned names of branches and leagues.
	if s := reLeague.FindStringSubmatch(m); s != nil {
		if j := d.placeOf(s[1], juris); j != "" {
			return "共青团" + j + "委员会", j
		}
	}
	if b := pbocBranch(m); b != "" && !IsCollective(b) {
		return "中国人民银行" + b, d.placeIn(b, juris)
	}
	if s := reCBIRC.FindStringSubmatch(m); s != nil {
		short, j := d.shortPlace(s[1], juris)
		return "中国银行保险监督管理委员会" + short + "监管" + s[2], j
	}
	if s := reNFRA.FindStringSubmatch(m); s != nil && !strings.HasSuffix(s[1], "地方") {
		short, j := d.shortPlace(s[1], juris)
		return "国家金融监督管理总局" + short + "监管" + s[2], j
	}
	if s := reCSRC.FindStringSubmatch(m); s != nil {
		short, j := d.shortPlace(s[1], juris)
		return "中国证券监督管理委员会" + short + "监管局", j
	}
	if s := reTax.FindStringSubmatch(m); s != nil {
		if full := d.expandPlace(s[1]); full != "" {
			return "国家税务总局" + full + "税务局", full
		}
		return m, ""
	}
	if o, ok := d.organs[m]; ok && o.kind == kindNat {
		return o.national, National
	}
	// A body under a national organ: 国家药监局医疗器械技术审评检查长三角分中心.
	if full := d.nationalPrefix(m); full != "" {
		return full, National
	}
	if IsCollective(m) {
		// 各区政府 and 各区人民政府 are one name.
		if strings.HasSuffix(m, "政府") && !strings.HasSuffix(m, "人民政府") {
			return strings.TrimSuffix(m, "政府") + "人民政府", ""
		}
		return m, ""
	}

	p := d.parse(m, juris)
	if p.unit == "" {
		// No prefix, or a level word that the jurisdiction cannot resolve.
		o, known := d.organs[p.rest]
		switch {
		case p.level != "":
			return m, ""
		case known && juris == National && o.national != "":
			return o.national, National
		case known && juris != "" && juris != National && o.local != "":
			return d.apply(o, juris), juris
		}
		return m, ""
	}
	if p.party {
		if p.rest == "" {
			return partyPrefix(p.unit), p.unit
		}
		for _, k := range []string{"党委" + p.rest, p.rest} {
			if o, ok := d.organs[k]; ok && o.kind == kindParty && o.local != "" {
				return partyPrefix(p.unit) + o.local, p.unit
			}
		}
		return partyPrefix(p.unit) + p.rest, p.unit
	}
	if o, ok := d.organs[p.rest]; ok && o.local != "" {
		return d.apply(o, p.unit), p.unit
	}
	return p.unit + p.rest, p.unit
}

// nationalPrefix expands the national organ that m starts with
// (国家药监局… → 国家药品监督管理局…), "" when m starts with none.
func (d *Dict) nationalPrefix(m string) string {
	for _, n := range d.natNames {
		if len(n.name) < len(m) && strings.HasPrefix(m, n.name) {
			return n.national + m[len(n.name):]
		}
	}
	return ""
}

// splitBracket splits 名称（别称） into its parts.
func splitBracket(m string) (main, inner, open, close string, ok bool) {
	for _, pair := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if strings.HasSuffix(m, pair[1]) {
			if i := strings.Index(m, pair[0]); i > 0 {
				return m[:i], m[i+len(pair[0]) : len(m)-len(pair[1])], pair[0], pair[1], true
			}
		}
	}
	return "", "", "", "", false
}

// apply builds the name of a known organ o of unit j.
func (d *Dict) apply(o organ, j string) string {
	if o.kind == kindParty {
		return partyPrefix(j) + o.local
	}
	local := strings.ReplaceAll(o.local, "{L}", d.courtLevel(j))
	if strings.Contains(local, "{J}") {
		return strings.ReplaceAll(local, "{J}", j)
	}
	return j + local
}

// courtLevel is the level of the people's court of unit j: 高级 for a
// province (and a 直辖市), 中级 for a prefecture-level city, "" for a county,
// district or county-level city (市法院 in a 鹤岗 document is
// 鹤岗市中级人民法院, in a 简阳 one 简阳市人民法院).
func (d *Dict) courtLevel(j string) string {
	switch pl, _ := d.place(j); pl.Kind {
	case place.Province:
		return "高级"
	case place.City:
		return "中级"
	}
	return ""
}

// parsed is a mention split into its prefix and organ.
type parsed struct {
	level string // the level word as written (市, 自治区 …), "" when none
	unit  string // the unit the prefix names, "" when none or unresolved
	party bool   // 委/党委 after the prefix
	rest  string // the organ
}

// parse splits m into prefix and organ. juris resolves level words.
func (d *Dict) parse(m, juris string) parsed {
	// Level word: accepted when the rest is a known organ, or when the whole
	// mention is not (市场监管局 is an organ, 市重点办 is 市 + 重点办).
	for _, lw := range levelWords {
		if !strings.HasPrefix(m, lw) || len(m) == len(lw) {
			continue
		}
		rest := m[len(lw):]
		party, organRest := splitParty(rest, d)
		if !party {
			organRest = d.dropGov(organRest)
		}
		if !d.known(organRest) && !party && d.known(m) {
			continue
		}
		if !d.known(organRest) && !party && lw != "自治区" && d.startsOrgan(m) {
			continue
		}
		return parsed{level: lw, unit: d.resolveLevel(lw, juris), party: party, rest: organRest}
	}
	// Place name: full or short names of provinces and cities, then any
	// 〜市/区/县 before a known organ.
	if unit, rest, ok := d.placePrefix(m, juris); ok {
		party, organRest := splitParty(rest, d)
		if d.known(organRest) || party {
			return parsed{unit: unit, party: party, rest: organRest}
		}
	}
	return parsed{rest: m}
}

// dropGov reads 政府金融办 (省政府金融办) as the office of the people's
// government it names: 政府 before a known organ whose full name starts
// with 人民政府 (金融办 → 人民政府金融工作办公室) is dropped.
func (d *Dict) dropGov(rest string) string {
	r := strings.TrimPrefix(rest, "政府")
	if r == rest || d.known(rest) {
		return rest
	}
	if o, ok := d.organs[r]; ok && strings.HasPrefix(o.local, "人民政府") {
		return r
	}
	return rest
}

// startsOrgan reports whether m itself begins with a known organ of two or
// more runes (市场监管局… read whole, not as 市 + 场…).
func (d *Dict) startsOrgan(m string) bool {
	return longestPrefix(m, d.longOrgans) != ""
}

// splitParty strips a Party marker (党委, 委) from the start of rest.
func splitParty(rest string, d *Dict) (bool, string) {
	if strings.HasPrefix(rest, "党委") {
		return true, rest[len("党委"):]
	}
	if rest == "委" {
		return true, ""
	}
	if strings.HasPrefix(rest, "委") && !d.known(rest) {
		r := rest[len("委"):]
		if o, ok := d.organs[r]; ok && o.kind == kindParty {
			return true, r
		}
		if r != "" && !strings.HasPrefix(r, "员会") && !d.known(rest) {
			// 市委XX办: a Party body we do not know by name.
			return true, r
		}
	}
	if o, ok := d.organs[rest]; ok && o.kind == kindParty {
		return true, rest
	}
	return false, rest
}

// HasPrefix reports whether mention carries its own jurisdiction (a level
// word, a place name, 国家/中共/中国 …) or stands on its own (a collective or
// a national organ), so it must not inherit a prefix from the list.
func (d *Dict) HasPrefix(mention string) bool {
	m := cjk.RemoveSpace(mention)
	if m == "" || IsCollective(m) {
		return true
	}
	for _, p := range []string{"国家", "国务院", "中共", "中国", "中华", "中央", "全国", "共青团", "团", "人民银行"} {
		if strings.HasPrefix(m, p) {
			return true
		}
	}
	if pbocBranch(m) != "" {
		return true
	}
	if o, ok := d.organs[m]; ok && o.kind == kindNat {
		return true
	}
	if p := d.parse(m, ""); p.level != "" || p.unit != "" {
		return true
	}
	// A known place before an unknown body: 广西科学院, 南宁海关.
	best, _ := d.places.Prefix(m)
	return best != ""
}

// KnownUnit reports whether mention names a known organ under its own
// prefix: a level word or place before an organ of the dictionary
// (市科委, 广州市黄埔区科技局), a Party organ (市委组织部), a league
// (团市委) or a national organ. A prefix before an unknown body (市重点办)
// is not enough.
func (d *Dict) KnownUnit(mention string) bool {
	m := cjk.RemoveSpace(mention)
	if m == "" {
		return false
	}
	if reLeague.MatchString(m) {
		return true
	}
	if o, ok := d.organs[m]; ok && o.kind == kindNat {
		return true
	}
	if d.nationalPrefix(m) != "" {
		return false
	}
	p := d.parse(m, "")
	if p.level == "" && p.unit == "" {
		return false
	}
	if p.party {
		_, ok := d.organs[p.rest]
		return p.rest == "" || ok || d.known("党委"+p.rest)
	}
	return d.known(p.rest)
}

// Prefix returns the leading level word of mention (市 for 市科技局 and
// 市委组织部, 自治区 for 自治区科技厅), "" when it has none. A list passes it
// on to names that omit theirs.
func (d *Dict) Prefix(mention string) string {
	m := cjk.RemoveSpace(mention)
	p := d.parse(m, "")
	if p.level == "" {
		return ""
	}
	return p.level
}
