// Package place is the gazetteer shared by the extractors and the
// department normalizer: provinces, prefecture-level cities, their short
// names and 文号 abbreviations, county-level divisions (区, 县, 县级市) under
// their cities, and the name prefixes of central (national) organs; and the
// one jurisdiction resolver (Jurisdiction) that metadata and tasks use. The data
// (data/places.tsv, data/central.txt) is embedded and parsed once by Load;
// the Gazetteer is read-only and safe for concurrent use.
package place

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"policyx/lexicon"
)

//go:embed data/places.tsv
var placesTSV string

//go:embed data/central.txt
var centralTXT string

// National is the jurisdiction of central organs and of 国发/国办 文号.
const National = "中华人民共和国"

// Kinds of place in data/places.tsv.
const (
	Province = "prov"     // 省, 自治区, 直辖市, 特别行政区
	City     = "city"     // prefecture-level city
	District = "district" // county-level: 区, 县, 县级市, under a city or 直辖市
	Nation   = "nation"   // 中华人民共和国 (listed for its 文号 prefixes)
)

// Place is one gazetteer entry.
type Place struct {
	Name    string   // full name: 广西壮族自治区, 柳州市, 广州市黄埔区
	Kind    string   // Province, City, District or Nation
	Parent  string   // province of a city, city of a district, "" otherwise
	Shorts  []string // short names of two runes or more, usual first (柳州)
	Abbrevs []string // 文号 prefixes (柳, 穗埔, 国发)
}

// Regional reports whether p is a province or a city: the places whose
// names (full or short) are looked for in text.
func (p Place) Regional() bool { return p.Kind == Province || p.Kind == City }

// Gazetteer is the loaded place data.
type Gazetteer struct {
	list    []Place             // file order
	byName  map[string]int      // full name → index in list
	short   map[string]string   // short name → full name
	abbrevs []abbrev            // 文号 prefixes, longest first
	central []string            // central organ prefixes, longest first
	names   map[rune][]name     // regional full and short names by first rune, longest first
	bare    map[string][]string // district name without its city → full names
}

type abbrev struct{ prefix, full string }

type name struct {
	name, full string
	isFull     bool
}

var (
	loadOnce sync.Once
	loaded   *Gazetteer
	loadErr  error
)

// Load parses the embedded gazetteer once and returns it.
func Load() (*Gazetteer, error) {
	loadOnce.Do(func() { loaded, loadErr = parse(placesTSV, centralTXT) })
	return loaded, loadErr
}

// MustLoad is Load for callers whose data is the tested embedded data: a
// failure is a build defect.
func MustLoad() *Gazetteer { return lexicon.Must(Load()) }

func list(s string) []string {
	if s == "-" || s == "" {
		return nil
	}
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func parse(places, central string) (*Gazetteer, error) {
	g := &Gazetteer{byName: map[string]int{}, short: map[string]string{}, names: map[rune][]name{}, bare: map[string][]string{}}
	abbrevOf := map[string]string{}
	err := lexicon.Rows("place: places.tsv", places, func(f []string) error {
		if len(f) != 5 {
			return fmt.Errorf("want 5 columns, have %d", len(f))
		}
		p := Place{Name: f[0], Kind: f[1], Parent: f[2], Shorts: list(f[3]), Abbrevs: list(f[4])}
		if p.Parent == "-" {
			p.Parent = ""
		}
		switch p.Kind {
		case Province, Nation:
			if p.Parent != "" {
				return fmt.Errorf("%s: a %s has no parent", p.Name, p.Kind)
			}
		case City, District:
			want := Province
			if p.Kind == District {
				want = City
			}
			i, ok := g.byName[p.Parent]
			// A 直辖市 (北京市) is a province that holds districts itself.
			municipal := ok && p.Kind == District && g.list[i].Kind == Province && strings.HasSuffix(p.Parent, "市")
			if !ok || g.list[i].Kind != want && !municipal {
				return fmt.Errorf("%s: parent %q is not a known %s listed before it", p.Name, p.Parent, want)
			}
			if p.Kind == District {
				b := strings.TrimPrefix(p.Name, p.Parent)
				if b == p.Name || !(strings.HasSuffix(b, "区") || strings.HasSuffix(b, "县") || strings.HasSuffix(b, "市") || strings.HasSuffix(b, "旗")) {
					return fmt.Errorf("%s: a district is its city's name and a 区/县/市/旗 name", p.Name)
				}
				g.bare[b] = append(g.bare[b], p.Name)
			}
		default:
			return fmt.Errorf("%s: unknown kind %q", p.Name, p.Kind)
		}
		if _, dup := g.byName[p.Name]; dup {
			return fmt.Errorf("duplicate place %q", p.Name)
		}
		if p.Kind != City && p.Kind != Province && len(p.Shorts) > 0 {
			return fmt.Errorf("%s: only provinces and cities have short names", p.Name)
		}
		for _, s := range p.Shorts {
			if utf8.RuneCountInString(s) < 2 {
				return fmt.Errorf("%s: short name %q has less than two runes", p.Name, s)
			}
			if other, dup := g.short[s]; dup {
				return fmt.Errorf("short name %q names %s and %s", s, other, p.Name)
			}
			g.short[s] = p.Name
		}
		for _, a := range p.Abbrevs {
			if other, dup := abbrevOf[a]; dup {
				return fmt.Errorf("文号 prefix %q names %s and %s", a, other, p.Name)
			}
			abbrevOf[a] = p.Name
			g.abbrevs = append(g.abbrevs, abbrev{a, p.Name})
		}
		g.byName[p.Name] = len(g.list)
		g.list = append(g.list, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for s, full := range g.short {
		if _, dup := g.byName[s]; dup {
			return nil, fmt.Errorf("place: places.tsv: short name %q of %s is a full name", s, full)
		}
	}
	err = lexicon.Rows("place: central.txt", central, func(f []string) error {
		if len(f) != 1 {
			return fmt.Errorf("want 1 column, have %d", len(f))
		}
		g.central = append(g.central, f[0])
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, p := range g.list {
		if !p.Regional() {
			continue
		}
		g.addName(name{p.Name, p.Name, true})
		for _, s := range p.Shorts {
			g.addName(name{s, p.Name, false})
		}
	}
	for r := range g.names {
		ns := g.names[r]
		sort.SliceStable(ns, func(i, j int) bool { return len(ns[i].name) > len(ns[j].name) })
	}
	sort.SliceStable(g.abbrevs, func(i, j int) bool { return len(g.abbrevs[i].prefix) > len(g.abbrevs[j].prefix) })
	sort.SliceStable(g.central, func(i, j int) bool { return len(g.central[i]) > len(g.central[j]) })
	return g, nil
}

func (g *Gazetteer) addName(n name) {
	r, _ := utf8.DecodeRuneInString(n.name)
	g.names[r] = append(g.names[r], n)
}

// Places returns every entry in file order. The slice is shared: do not
// modify it.
func (g *Gazetteer) Places() []Place { return g.list }

// Lookup returns the place of a full name.
func (g *Gazetteer) Lookup(full string) (Place, bool) {
	i, ok := g.byName[full]
	if !ok {
		return Place{}, false
	}
	return g.list[i], true
}

// Regional returns the province or city of a full name.
func (g *Gazetteer) Regional(full string) (Place, bool) {
	p, ok := g.Lookup(full)
	if !ok || !p.Regional() {
		return Place{}, false
	}
	return p, true
}

// District returns the full name of a county-level division written
// without its city (渝北区 → 重庆市渝北区), "" when it is unknown or names
// divisions of several cities (鼓楼区).
func (g *Gazetteer) District(bare string) string {
	if fs := g.bare[bare]; len(fs) == 1 {
		return fs[0]
	}
	return ""
}

// Full returns the full name of a short name (柳州 → 柳州市), "" if unknown.
func (g *Gazetteer) Full(short string) string { return g.short[short] }

// Prefix returns the longest province or city name, full or short, that s
// starts with, and the full name it stands for; "", "" when none.
func (g *Gazetteer) Prefix(s string) (match, full string) {
	r, _ := utf8.DecodeRuneInString(s)
	for _, n := range g.names[r] {
		if strings.HasPrefix(s, n.name) {
			return n.name, n.full
		}
	}
	return "", ""
}

// FullPrefix returns the longest full name of a province or city that s
// starts with, "" when none.
func (g *Gazetteer) FullPrefix(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	for _, n := range g.names[r] {
		if n.isFull && strings.HasPrefix(s, n.name) {
			return n.name
		}
	}
	return ""
}

// FromDocNumber returns the place a 文号 names by its longest known prefix
// (桂政发 → 广西壮族自治区, 穗埔组通 → 广州市黄埔区, 国办发 → 中华人民共和国),
// "" when none.
func (g *Gazetteer) FromDocNumber(num string) string {
	for _, a := range g.abbrevs {
		if strings.HasPrefix(num, a.prefix) {
			return a.full
		}
	}
	return ""
}

// CentralPrefix returns the longest name of a central organ that organ
// starts with (国务院 in 国务院办公厅, 海关总署), "" when none.
func (g *Gazetteer) CentralPrefix(organ string) string {
	for _, c := range g.central {
		if strings.HasPrefix(organ, c) {
			return c
		}
	}
	return ""
}
