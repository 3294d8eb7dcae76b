// Package dept canonicalizes department names: 市科技局 in a 柳州 document →
// 柳州市科学技术局. The dictionary of standard organs is data (data/*.tsv),
// embedded and loaded once.
//
// A mention is read as [place prefix][organ]: the prefix is a level word
// (市, 自治区, 省, 区, 县 — resolved against the document's jurisdiction), a
// place name (柳州市, 广西, 黄埔区) or nothing; 委/党委 after the prefix marks a
// Party organ (市委组织部 → 中共柳州市委组织部). The organ is looked up in
// data/organs.tsv; an unknown organ keeps its wording with the prefix resolved.
package dept

import (
	"bufio"
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/lexicon/place"
)

//go:embed data/organs.tsv
var organsTSV string

// National is the jurisdiction of national organs (国务院部委 …).
const National = place.National

// Organ kinds in data/organs.tsv.
const (
	kindGov   = "gov"
	kindParty = "party"
	kindNat   = "nat"
)

type organ struct {
	kind     string
	local    string // "" when none
	national string // "" when none
}

// Dict is a loaded department dictionary, safe for concurrent use.
type Dict struct {
	organs   map[string]organ
	places   *place.Gazetteer // provinces and cities are the places read here
	maxOrgan int              // longest organ mention in runes

	// Sorted longest first, for prefix matching.
	longOrgans []string  // organ mentions of three runes or more
	natNames   []natName // names a national body may start with
}

type natName struct{ name, national string }

// longestPrefix returns the longest of names (sorted longest first) that
// starts m, "" when none.
func longestPrefix(m string, names []string) string {
	for _, n := range names {
		if len(n) <= len(m) && strings.HasPrefix(m, n) {
			return n
		}
	}
	return ""
}

func byLength(names []string) []string {
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return names
}

// index builds the sorted name lists.
func (d *Dict) index() {
	seen := map[string]bool{}
	for name, o := range d.organs {
		if utf8.RuneCountInString(name) >= 3 {
			d.longOrgans = append(d.longOrgans, name)
		}
		if o.kind == kindNat && utf8.RuneCountInString(name) >= 3 && !seen[name] {
			seen[name] = true
			d.natNames = append(d.natNames, natName{name, o.national})
		}
		n := o.national
		if (strings.HasPrefix(n, "国家") || strings.HasPrefix(n, "中国") || strings.HasPrefix(n, "中华")) && !seen[n] {
			seen[n] = true
			d.natNames = append(d.natNames, natName{n, n})
		}
	}
	byLength(d.longOrgans)
	sort.Slice(d.natNames, func(i, j int) bool {
		a, b := d.natNames[i].name, d.natNames[j].name
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
}

// Load reads the embedded dictionary.
func Load() (*Dict, error) {
	g, err := place.Load()
	if err != nil {
		return nil, fmt.Errorf("dept: %w", err)
	}
	d := &Dict{organs: map[string]organ{}, places: g}
	if err := d.loadOrgans(organsTSV); err != nil {
		return nil, err
	}
	d.index()
	return d, nil
}

// MustLoad is Load for callers whose dictionary is the tested embedded data:
// a failure is a build defect, not a condition to run on without departments.
func MustLoad() *Dict {
	d, err := Load()
	if err != nil {
		panic(err)
	}
	return d
}

func tsvLines(name, text string, fn func(line int, f []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("dept: %s line %d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func (d *Dict) loadOrgans(text string) error {
	return tsvLines("organs.tsv", text, func(_ int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 columns, have %d", len(f))
		}
		m, kind := f[0], f[1]
		if kind != kindGov && kind != kindParty && kind != kindNat {
			return fmt.Errorf("unknown kind %q", kind)
		}
		if _, dup := d.organs[m]; dup {
			return fmt.Errorf("duplicate mention %q", m)
		}
		o := organ{kind: kind, local: dash(f[2]), national: dash(f[3])}
		if o.local == "" && o.national == "" {
			return fmt.Errorf("%q has neither a local nor a national name", m)
		}
		if kind == kindNat && o.local != "" {
			return fmt.Errorf("national organ %q has a local name", m)
		}
		d.organs[m] = o
		if n := utf8.RuneCountInString(m); n > d.maxOrgan {
			d.maxOrgan = n
		}
		return nil
	})
}

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
	if s := rePBOC.FindStringSubmatch(m); s != nil && !IsCollective(s[1]) {
		return "中国人民银行" + s[1], d.placeIn(s[1], juris)
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
	if strings.Contains(o.local, "{J}") {
		return strings.ReplaceAll(o.local, "{J}", j)
	}
	return j + o.local
}

// parsed is a mention split into its prefix and organ.
type parsed struct {
	level string // the level word as written (市, 自治区 …), "" when none
	unit  string // the unit the prefix names, "" when none or unresolved
	party bool   // 委/党委 after the prefix
	rest  string // the organ
}

// known reports whether s is an organ of the dictionary.
func (d *Dict) known(s string) bool {
	_, ok := d.organs[s]
	return ok
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

// IsOrgan reports whether s (without prefix) is a known organ.
func (d *Dict) IsOrgan(s string) bool { return d.known(cjk.RemoveSpace(s)) }

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

// GSEWords returns the dictionary's names as gse dictionary lines
// ("word freq pos"), so they segment whole.
func (d *Dict) GSEWords() string {
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if w == "" || strings.Contains(w, "{") || seen[w] || utf8.RuneCountInString(w) < 2 {
			return
		}
		seen[w] = true
		words = append(words, w)
	}
	for m, o := range d.organs {
		add(m)
		add(o.local)
		add(o.national)
	}
	for _, p := range d.places.Places() {
		if !p.Regional() {
			continue
		}
		add(p.Name)
		for _, s := range p.Shorts {
			add(s)
		}
	}
	sort.Strings(words)
	var b strings.Builder
	for _, w := range words {
		fmt.Fprintf(&b, "%s 1000 nt\n", w)
	}
	return b.String()
}
