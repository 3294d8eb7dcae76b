package meta

import (
	"fmt"

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
