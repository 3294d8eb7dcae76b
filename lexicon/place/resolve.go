package place

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Evidence is what a document says about where it comes from. Every field
// may be empty.
type Evidence struct {
	Issuers     []string // issuing organs as signed, the main one first
	DocNumber   string   // 发文字号 (穗埔府规〔2024〕3号)
	TitlePrefix string   // the organs before 关于 in the title
	BoxIssuer   string   // 发布机构 of a web page's metadata box
	Text        string   // the document text, for a last guess
}

// Jurisdiction is the one jurisdiction resolver: the government level that
// the 市/自治区/省/区/县 of a document's department names refer to — a
// province, a city, a district with its city (广州市黄埔区), or National.
// Best evidence first: the main issuer's name (a place in it, with the
// district after its city), the longest known 文号 prefix, the title's
// organs, the metadata box, then the places the text names most. A bare
// district is completed from the gazetteer or from its city named in the
// text (淮安市洪泽区).
func (g *Gazetteer) Jurisdiction(e Evidence) string {
	j := g.jurisdiction(e)
	if j == "" || g.known(j) || !(strings.HasSuffix(j, "区") || strings.HasSuffix(j, "县")) {
		return j
	}
	if _, ok := g.Lookup(j); ok {
		return j
	}
	if c := g.cityBefore(e.Text, j); c != "" {
		return c + j
	}
	if full := g.District(j); full != "" {
		return full
	}
	if full := g.districtOfNamedCity(j, e.Text); full != "" {
		return full
	}
	return j
}

// districtOfNamedCity returns the one full name of a district name shared
// by several cities (鼓楼区: 南京, 福州, 徐州, 开封) whose city the text
// names, by full or short name (在南京“高质量发展的创新名城…”建设中); ""
// when the text names none or several of them.
func (g *Gazetteer) districtOfNamedCity(bare, text string) string {
	fulls := g.bare[bare]
	if len(fulls) < 2 || text == "" {
		return ""
	}
	counts := g.Mentions(text)
	found := ""
	for _, f := range fulls {
		pl, _ := g.Lookup(f)
		if counts[pl.Parent] == 0 {
			continue
		}
		if found != "" {
			return ""
		}
		found = f
	}
	return found
}

func (g *Gazetteer) jurisdiction(e Evidence) string {
	if len(e.Issuers) > 0 {
		if j := g.FromOrgan(e.Issuers[0]); j != "" {
			return j
		}
	}
	if e.DocNumber != "" {
		if j := g.FromDocNumber(e.DocNumber); j != "" {
			if c := g.cityOfProvinceRune(j, e.DocNumber, e.Text); c != "" {
				return c
			}
			return j
		}
	}
	if e.TitlePrefix != "" {
		if j := g.FromOrgan(e.TitlePrefix); j != "" {
			return j
		}
	}
	if e.BoxIssuer != "" {
		if j := g.FromOrgan(e.BoxIssuer); j != "" {
			return j
		}
	}
	return g.fromText(e.Text)
}

// known reports whether full is a province or city of the gazetteer.
func (g *Gazetteer) known(full string) bool {
	_, ok := g.Regional(full)
	return ok
}

// districtSkip are 区/县 words that are not districts.
var districtSkip = []string{"园区", "工业区", "开发区", "示范区", "保税区", "试验区", "功能区", "景区", "片区", "城区", "市区", "社区", "辖区", "全区", "新区", "合作区", "自贸区", "高新区", "地区", "各区", "本区", "我区", "全县", "各县"}

// reCountyCity matches a county-level city's name at the start of a string.
var reCountyCity = regexp.MustCompile(`^\p{Han}{1,4}?市`)

// reDistrict matches a county-level name at the start of a string.
var reDistrict = regexp.MustCompile(`^\p{Han}{1,4}?(区|县|旗)`)

// reUnknownPlace finds a city/county not in the gazetteer: XX市人民政府.
var reUnknownPlace = regexp.MustCompile(`^(\p{Han}{2,8}?(?:市|县|区|州|盟))(?:人民政府|政府|委员会|委|[\p{Han}]{0,10}?(?:局|厅|委|办))`)

// reCentralSuffix matches central ministries named without place (财政部).
var reCentralSuffix = regexp.MustCompile(`^[\p{Han}]{2,12}(部|总局|总署)$`)

// FromOrgan returns the jurisdiction of an organ's full name: the first place
// name in it (广西壮族自治区科学技术厅 → 广西壮族自治区; 中共柳州市委办公室 →
// 柳州市; 广州市海珠区人力资源和社会保障局 → 广州市海珠区), National for
// central organs (国务院办公厅, 海关总署), or "".
func (g *Gazetteer) FromOrgan(name string) string {
	name = strings.TrimPrefix(name, "中共")
	name = strings.TrimPrefix(name, "中国共产党")
	for i := 0; i < len(name); {
		if match, full := g.Prefix(name[i:]); match != "" && !g.countyOfShort(match, full, name[i+len(match):]) {
			rest := name[i+len(match):]
			if match != full {
				// short name: 广西科技厅 → 广西壮族自治区; but only when not
				// followed by a longer unknown place (柳州市 handled by full).
				rest = strings.TrimPrefix(rest, "市")
			}
			pl, _ := g.Regional(full)
			if pl.Parent != "" || strings.HasSuffix(full, "市") {
				if d := g.district(rest); d != "" {
					return full + d
				}
			} else if sub := g.under(full, rest); sub != "" {
				return sub
			}
			return full
		}
		_, sz := utf8.DecodeRuneInString(name[i:])
		i += sz
	}
	// a county or district named without its city (泾县人民政府,
	// 谯城区人民政府): Jurisdiction completes it from the gazetteer
	if d := g.district(name); d != "" && (len(g.bare[d]) == 1 || len(g.bare[d]) > 1 && utf8.RuneCountInString(d) > 2) {
		return d
	}
	// a county-level city before a long body name (东阳市促进残疾人就业
	// 工作领导小组办公室), named as its own organs name it
	if m := reCountyCity.FindString(name); m != "" && len(g.bare[m]) == 1 {
		return m
	}
	// an unknown city, county or district with its organ: XX市人民政府
	if m := reUnknownPlace.FindStringSubmatch(name); m != nil && !levelWord(m[1]) {
		return m[1]
	}
	if g.CentralPrefix(name) != "" || reCentralSuffix.MatchString(name) {
		return National
	}
	return ""
}

// under returns the place of rest when it names a city or county of
// province prov right after the province's name (江西省吉安市人民政府办公室 →
// 吉安市; 安徽省太湖县人民政府 → 安庆市太湖县), "" otherwise: the organ then
// is the province's own (江西省人民政府办公厅).
func (g *Gazetteer) under(prov, rest string) string {
	if match, full := g.Prefix(rest); match != "" {
		if pl, _ := g.Regional(full); pl.Kind == City && pl.Parent == prov {
			return g.FromOrgan(rest)
		}
		return ""
	}
	d := g.District(g.district(rest))
	if d == "" {
		return ""
	}
	if pl, ok := g.Lookup(d); ok && (pl.Parent == prov || g.parentOf(pl.Parent) == prov) {
		return d
	}
	return ""
}

// parentOf returns the parent of a province or city, "" when unknown.
func (g *Gazetteer) parentOf(full string) string {
	pl, _ := g.Regional(full)
	return pl.Parent
}

// countyOfShort reports whether a short name match begins a county-level
// name rather than naming its place (朝阳 in 朝阳区 is not 朝阳市).
func (g *Gazetteer) countyOfShort(match, full, rest string) bool {
	if match == full {
		return false
	}
	for _, suf := range []string{"区", "县", "旗"} {
		if strings.HasPrefix(rest, suf) && len(g.bare[match+suf]) > 0 {
			return true
		}
	}
	return false
}

// DistrictPrefix returns the county or district name that s starts with
// when the gazetteer knows it, written without its city (静安区人民政府办公室
// → 静安区), "" otherwise.
func (g *Gazetteer) DistrictPrefix(s string) string {
	if d := g.district(s); len(g.bare[d]) > 0 {
		return d
	}
	return ""
}

// district returns a 区/县 name at the start of rest (海珠区人力资源…), or "".
// A word such as 城区 or 开发区 is none, unless the gazetteer has a district
// of that name (谯城区, 东城区 end in 城区).
func (g *Gazetteer) district(rest string) string {
	m := reDistrict.FindString(rest)
	if m == "" {
		return ""
	}
	if len(g.bare[m]) > 0 {
		return m
	}
	for _, s := range districtSkip {
		if strings.HasSuffix(m, s) {
			return ""
		}
	}
	return m
}

// levelWord reports whether s is a level word rather than a place name
// (自治区, 各市, 全县).
func levelWord(s string) bool {
	if strings.HasSuffix(s, "自治区") && utf8.RuneCountInString(s) <= 4 {
		return true
	}
	for _, p := range []string{"各", "本", "全", "我", "该", "此", "省", "市", "区", "县"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// Mentions counts how often each province or city (by full name) is named
// in text, by full or short name, longest match first.
func (g *Gazetteer) Mentions(text string) map[string]int {
	out := map[string]int{}
	for i := 0; i < len(text); {
		if match, full := g.Prefix(text[i:]); match != "" {
			out[full]++
			i += len(match)
			continue
		}
		_, sz := utf8.DecodeRuneInString(text[i:])
		i += sz
	}
	return out
}

// cityBefore returns the known city named right before district in text
// (淮安市洪泽区 → 淮安市), or "".
func (g *Gazetteer) cityBefore(text, district string) string {
	if text == "" {
		return ""
	}
	for _, pl := range g.list {
		if (pl.Kind == City || pl.Kind == Province && strings.HasSuffix(pl.Name, "市")) && strings.Contains(text, pl.Name+district) {
			return pl.Name
		}
	}
	return ""
}

// organStems are common department names after a 市/自治区/省 prefix; their
// prefixes tell whether a text speaks of city or province departments.
const organStems = `科技局|科学技术局|工信局|工业和信息化局|发展改革委|发展和改革委员会|发改委|财政局|教育局|商务局|人力资源社会保障局|人力资源和社会保障局|人社局|市场监管局|市场监督管理局|国资委|统计局|自然资源局|生态环境局|住房城乡建设局|住房和城乡建设局|农业农村局|卫生健康委|文化广电旅游局|交通运输局|水利局|应急局|应急管理局|司法局|公安局|民政局|审计局|税务局|科协|委组织部|委宣传部|大数据发展局|医保局|林业局|金融办|外事办`

const provStems = `科技厅|科学技术厅|工业和信息化厅|发展改革委|发展和改革委员会|财政厅|教育厅|商务厅|人力资源社会保障厅|人力资源和社会保障厅|市场监管局|市场监督管理局|国资委|统计局|自然资源厅|生态环境厅|住房城乡建设厅|住房和城乡建设厅|农业农村厅|卫生健康委|文化和旅游厅|交通运输厅|水利厅|应急管理厅|司法厅|公安厅|民政厅|审计厅|税务局|科协|党委组织部|党委宣传部|大数据发展局|医保局|林业局|地方金融监管局`

var reCityStyle = regexp.MustCompile(`市(?:` + organStems + `)`)
var reProvStyle = regexp.MustCompile(`(?:自治区|省)(?:` + provStems + `)`)

// fromText guesses the jurisdiction from the place names a text mentions and
// whether its departments are 市… or 自治区…/省… ones.
func (g *Gazetteer) fromText(text string) string {
	if text == "" {
		return ""
	}
	counts := g.Mentions(text)
	city := len(reCityStyle.FindAllStringIndex(text, -1))
	prov := len(reProvStyle.FindAllStringIndex(text, -1))
	best, bestN := "", 0
	for name, n := range counts {
		pl, _ := g.Regional(name)
		isProv := pl.Kind == Province
		isCity := !isProv || strings.HasSuffix(name, "市") // 上海市 is both
		if city > prov && !isCity || prov > city && !isProv {
			continue
		}
		if n > bestN || n == bestN && name < best {
			best, bestN = name, n
		}
	}
	return best
}

// cityOfProvinceRune returns the city a 文号 names when its first rune is
// both a province's one-rune prefix and the first rune of a city of another
// province (青政发 is 青海's and 青岛's, 吉府发 吉林's and 吉安's, 苏府 江苏's
// and 苏州's): the one such city the text names while it never names the
// province; "" otherwise.
func (g *Gazetteer) cityOfProvinceRune(prov, num, text string) string {
	r, n := utf8.DecodeRuneInString(num)
	if text == "" || g.FromDocNumber(num[:n]) != prov {
		return ""
	}
	counts := g.Mentions(text)
	if counts[prov] > 0 {
		return ""
	}
	found := ""
	for _, pl := range g.list {
		if pl.Kind != City || pl.Parent == prov || counts[pl.Name] == 0 {
			continue
		}
		if c, _ := utf8.DecodeRuneInString(pl.Name); c != r {
			continue
		}
		if found != "" {
			return ""
		}
		found = pl.Name
	}
	return found
}
