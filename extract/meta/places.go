package meta

import (
	"bufio"
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed data/*.tsv data/*.txt
var dataFS embed.FS

// Central is the jurisdiction given to central (national) organs such as
// 国务院 or 国家发展改革委.
const Central = "中华人民共和国"

// place is a known jurisdiction.
type place struct {
	full   string // 广西壮族自治区, 柳州市
	parent string // province of a city, "" for a province
}

// Places is the embedded gazetteer: provinces, prefecture-level cities, 文号
// abbreviations and the name prefixes of central organs. Load it with
// LoadPlaces; it is read-only afterwards.
type Places struct {
	names   []nameEntry       // full and short names, longest first
	byFull  map[string]place  // full name → place
	abbrevs []abbrevEntry     // 文号 prefixes, longest first
	central []string          // central organ prefixes, longest first
	short   map[string]string // short name → full name
	byRune  map[rune][]nameEntry
}

type nameEntry struct{ name, full string }
type abbrevEntry struct{ prefix, full string }

var (
	placesOnce sync.Once
	places     *Places
	placesErr  error
)

// LoadPlaces parses the embedded gazetteer once and returns it.
func LoadPlaces() (*Places, error) {
	placesOnce.Do(func() { places, placesErr = parsePlaces() })
	return places, placesErr
}

func mustPlaces() *Places {
	p, err := LoadPlaces()
	if err != nil {
		panic(err) // embedded data is tested; a failure is a build defect
	}
	return p
}

func readTSV(name string, fn func(fields []string) error) error {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return fmt.Errorf("meta: open %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("meta: %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func parsePlaces() (*Places, error) {
	p := &Places{byFull: map[string]place{}, short: map[string]string{}}
	addName := func(name, full string) {
		if name == "" {
			return
		}
		p.names = append(p.names, nameEntry{name, full})
	}
	err := readTSV("provinces.tsv", func(f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("want 3 fields, got %d", len(f))
		}
		p.byFull[f[0]] = place{full: f[0]}
		addName(f[0], f[0])
		addName(f[1], f[0])
		p.short[f[1]] = f[0]
		for _, a := range strings.Split(f[2], ",") {
			if a = strings.TrimSpace(a); a != "" {
				p.abbrevs = append(p.abbrevs, abbrevEntry{a, f[0]})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("cities.tsv", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		if _, ok := p.byFull[f[0]]; !ok {
			return fmt.Errorf("unknown province %q", f[0])
		}
		for _, c := range strings.Fields(f[1]) {
			if _, dup := p.byFull[c]; dup {
				continue // 吉林市 vs 吉林省: the province keeps the short name
			}
			p.byFull[c] = place{full: c, parent: f[0]}
			addName(c, c)
			if s := strings.TrimSuffix(c, "市"); utf8.RuneCountInString(s) >= 2 {
				if _, taken := p.short[s]; !taken {
					p.short[s] = c
					addName(s, c)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("abbrev.tsv", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		p.abbrevs = append(p.abbrevs, abbrevEntry{f[0], f[1]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("central.txt", func(f []string) error {
		p.central = append(p.central, f[0])
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(p.names, func(i, j int) bool { return len(p.names[i].name) > len(p.names[j].name) })
	p.byRune = map[rune][]nameEntry{}
	for _, e := range p.names {
		r, _ := utf8.DecodeRuneInString(e.name)
		p.byRune[r] = append(p.byRune[r], e)
	}
	sort.SliceStable(p.abbrevs, func(i, j int) bool { return len(p.abbrevs[i].prefix) > len(p.abbrevs[j].prefix) })
	sort.SliceStable(p.central, func(i, j int) bool { return len(p.central[i]) > len(p.central[j]) })
	return p, nil
}

// FromDocNumber returns the jurisdiction a 文号 prefix names (桂 →
// 广西壮族自治区, 柳 → 柳州市, 国办 → 中华人民共和国), or "".
func (p *Places) FromDocNumber(num string) string {
	for _, a := range p.abbrevs {
		if strings.HasPrefix(num, a.prefix) {
			return a.full
		}
	}
	return ""
}

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
		r, _ := utf8.DecodeRuneInString(name[i:])
		for _, e := range p.byRune[r] {
			if strings.HasPrefix(name[i:], e.name) {
				full := e.full
				rest := name[i+len(e.name):]
				if e.name != e.full {
					// short name: 广西科技厅 → 广西壮族自治区; but only when not
					// followed by a longer unknown place (柳州市 handled by full).
					rest = strings.TrimPrefix(rest, "市")
				}
				if pl := p.byFull[full]; pl.parent != "" || strings.HasSuffix(full, "市") {
					if d := district(rest); d != "" {
						return full + d
					}
				}
				return full
			}
		}
		_, sz := utf8.DecodeRuneInString(name[i:])
		i += sz
	}
	// an unknown city, county or district with its organ: XX市人民政府
	if m := reUnknownPlace.FindStringSubmatch(name); m != nil && !levelWord(m[1]) {
		return m[1]
	}
	for _, c := range p.central {
		if strings.HasPrefix(name, c) {
			return Central
		}
	}
	if reCentralSuffix.MatchString(name) {
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
func (p *Places) Short(s string) string { return p.short[s] }

// IsProvince reports whether full is a province-level unit.
func (p *Places) IsProvince(full string) bool {
	pl, ok := p.byFull[full]
	return ok && pl.parent == ""
}

// Mentions counts how often each known place (by full name) is named in text,
// by full or short name, longest match first.
func (p *Places) Mentions(text string) map[string]int {
	out := map[string]int{}
	for i := 0; i < len(text); {
		matched := false
		r, _ := utf8.DecodeRuneInString(text[i:])
		for _, e := range p.byRune[r] {
			if strings.HasPrefix(text[i:], e.name) {
				out[e.full]++
				i += len(e.name)
				matched = true
				break
			}
		}
		if !matched {
			_, sz := utf8.DecodeRuneInString(text[i:])
			i += sz
		}
	}
	return out
}

// known reports whether full is a gazetteer place.
func (p *Places) known(full string) bool {
	_, ok := p.byFull[full]
	return ok
}

// cityBefore returns the known city named right before district in text
// (淮安市洪泽区 → 淮安市), or "".
func (p *Places) cityBefore(text, district string) string {
	for full, pl := range p.byFull {
		if pl.parent != "" && strings.Contains(text, full+district) {
			return full
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
