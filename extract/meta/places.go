package meta

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"policyx/normalize/place"
)

// Central is the jurisdiction given to central (national) organs such as
// 国务院 or 国家发展改革委.
const Central = place.National

// Places reads jurisdictions from organ names and 文号 with the shared
// gazetteer (normalize/place). Get it with LoadPlaces; it is read-only.
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

// districtSkip are 区/县 words that are not districts.
var districtSkip = []string{"园区", "工业区", "开发区", "示范区", "保税区", "试验区", "功能区", "景区", "片区", "城区", "市区", "社区", "辖区", "全区", "新区", "合作区", "自贸区", "高新区", "地区", "各区", "本区", "我区", "全县", "各县"}

// FromOrgan returns the jurisdiction of an organ's full name: the first place
// name in it (广西壮族自治区科学技术厅 → 广西壮族自治区; 中共柳州市委办公室 →
// 柳州市; 广州市海珠区人力资源和社会保障局 → 广州市海珠区), 中华人民共和国 for
// central organs (国务院办公厅, 海关总署), or "".
func (p *Places) FromOrgan(name string) string {
	name = strings.TrimPrefix(name, "中共")
	name = strings.TrimPrefix(name, "中国共产党")
	for i := 0; i < len(name); {
		if match, full := p.g.Prefix(name[i:]); match != "" {
			rest := name[i+len(match):]
			if match != full {
				// short name: 广西科技厅 → 广西壮族自治区; but only when not
				// followed by a longer unknown place (柳州市 handled by full).
				rest = strings.TrimPrefix(rest, "市")
			}
			if pl, _ := p.g.Regional(full); pl.Parent != "" || strings.HasSuffix(full, "市") {
				if d := district(rest); d != "" {
					return full + d
				}
			}
			return full
		}
		_, sz := utf8.DecodeRuneInString(name[i:])
		i += sz
	}
	// an unknown city, county or district with its organ: XX市人民政府
	if m := reUnknownPlace.FindStringSubmatch(name); m != nil && !levelWord(m[1]) {
		return m[1]
	}
	if p.g.CentralPrefix(name) != "" || reCentralSuffix.MatchString(name) {
		return Central
	}
	return ""
}

// district returns a 区/县 name at the start of rest (海珠区人力资源…), or "".
func district(rest string) string {
	m := reDistrict.FindString(rest)
	if m == "" {
		return ""
	}
	for _, s := range districtSkip {
		if strings.HasSuffix(m, s) {
			return ""
		}
	}
	return m
}

// Short resolves a short place name (柳州, 广西) to its full name, or "".
func (p *Places) Short(s string) string { return p.g.Full(s) }

// IsProvince reports whether full is a province-level unit.
func (p *Places) IsProvince(full string) bool {
	pl, ok := p.g.Regional(full)
	return ok && pl.Kind == place.Province
}

// Mentions counts how often each known place (by full name) is named in text,
// by full or short name, longest match first.
func (p *Places) Mentions(text string) map[string]int {
	out := map[string]int{}
	for i := 0; i < len(text); {
		if match, full := p.g.Prefix(text[i:]); match != "" {
			out[full]++
			i += len(match)
			continue
		}
		_, sz := utf8.DecodeRuneInString(text[i:])
		i += sz
	}
	return out
}

// known reports whether full is a gazetteer place.
func (p *Places) known(full string) bool {
	_, ok := p.g.Regional(full)
	return ok
}

// cityBefore returns the known city named right before district in text
// (淮安市洪泽区 → 淮安市), or "".
func (p *Places) cityBefore(text, district string) string {
	for _, pl := range p.g.Places() {
		if pl.Kind == place.City && strings.Contains(text, pl.Name+district) {
			return pl.Name
		}
	}
	return ""
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
