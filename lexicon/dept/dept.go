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
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"policyx/lexicon"
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
func MustLoad() *Dict { return lexicon.Must(Load()) }

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func (d *Dict) loadOrgans(text string) error {
	return lexicon.Rows("dept: organs.tsv", text, func(f []string) error {
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

// known reports whether s is an organ of the dictionary.
func (d *Dict) known(s string) bool {
	_, ok := d.organs[s]
	return ok
}

// IsOrgan reports whether s (without prefix) is a known organ.
func (d *Dict) IsOrgan(s string) bool { return d.known(cjk.RemoveSpace(s)) }

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
