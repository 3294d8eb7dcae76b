package sqlite

import (
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"policyx/extract/links"
	"policyx/lexicon/place"
)

type pairTarget struct {
	id, doc   int64
	subject   string
	value     float64
	unit      string
	year      string
	entity    string // table quota's entity, or a text target's scope
	fromTable bool
	toks      []string
	weight    int
	increment bool
	rate      bool
	unscoped  bool
}

// level ranks jurisdictions: nation 4, province 3, city 2, district 1.
func level(g *place.Gazetteer, j string) int {
	if j == "" {
		return 0
	}
	if g != nil {
		if p, ok := g.Lookup(j); ok {
			switch p.Kind {
			case place.Nation:
				return 4
			case place.Province:
				return 3
			case place.City:
				return 2
			case place.District:
				return 1
			}
		}
	}
	switch {
	case j == place.National:
		return 4
	case strings.HasSuffix(j, "省") || strings.HasSuffix(j, "自治区"):
		return 3
	case strings.HasSuffix(j, "区") || strings.HasSuffix(j, "县") || strings.HasSuffix(j, "旗"):
		return 1
	case strings.HasSuffix(j, "市") || strings.HasSuffix(j, "州") || strings.HasSuffix(j, "盟"):
		return 2
	}
	return 0
}

// fullPlace maps an entity or scope (柳州, 柳州市) to a full place name.
func fullPlace(g *place.Gazetteer, e string) string {
	e = strings.TrimSpace(e)
	if e == "" {
		return ""
	}
	if g != nil {
		if _, ok := g.Lookup(e); ok {
			return e
		}
		if f := g.Full(e); f != "" {
			return f
		}
	}
	return e
}

// pairTargets rebuilds target_pairs: for every document with a
// jurisdiction, its own targets (no narrower place) paired with the
// targets a higher document sets for that place (a quota table's row, a
// target scoped to it) or, for rates, the targets of the higher documents
// it cites.
func pairTargets(tx *sql.Tx, docs map[int64]*linkDoc, tok func(string) []string) error {
	if _, err := tx.Exec(`DELETE FROM target_pairs`); err != nil {
		return err
	}
	all, err := readPairTargets(tx, docs)
	if err != nil {
		return err
	}
	markIndicators(all, tok)
	refs, err := upperRefs(tx)
	if err != nil {
		return err
	}
	g, err := place.Load()
	if err != nil {
		return fmt.Errorf("target pairs: %w", err)
	}
	ids := sortedIDs(docs)
	p := newPairer(g, docs, ids, all, refs)
	ins, err := tx.Prepare(`INSERT INTO target_pairs (upper_target_id, lower_target_id, upper_document_id, lower_document_id,
		indicator, year, upper_value, lower_value, unit, relation, basis, score) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, id := range ids {
		for _, c := range p.documentPairs(id) {
			if err := insertPair(ins, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// readPairTargets reads the targets that can pair: with a deadline, a
// normalized unit and a subject, of a document of docs.
func readPairTargets(tx *sql.Tx, docs map[int64]*linkDoc) ([]*pairTarget, error) {
	var hasEntity int
	if err := tx.QueryRow(`SELECT count(*) FROM pragma_table_info('targets') WHERE name = 'entity'`).Scan(&hasEntity); err != nil {
		return nil, err
	}
	entity := "''"
	if hasEntity > 0 {
		entity = "coalesce(t.entity,'')"
	}
	var all []*pairTarget
	err := eachRow(tx, func(rows *sql.Rows) error {
		var t pairTarget
		var scope, ent, src string
		if err := rows.Scan(&t.id, &t.doc, &t.subject, &t.value, &t.unit, &t.year, &scope, &ent, &src); err != nil {
			return err
		}
		if _, ok := docs[t.doc]; !ok || t.year == "" {
			return nil
		}
		t.fromTable = src == "table"
		t.entity = ent
		if t.entity == "" {
			t.entity = scope
		}
		t.unscoped = t.entity == ""
		t.rate = t.unit == "%" || t.unit == "‰" || t.unit == "个百分点"
		all = append(all, &t)
		return nil
	}, `SELECT t.id, t.document_id, coalesce(t.subject,''), coalesce(t.norm_value,0), coalesce(t.norm_unit,''),
		substr(t.deadline,1,4), coalesce(t.scope,''), `+entity+`, coalesce(t.source,'text')
		FROM targets t WHERE t.deadline IS NOT NULL AND t.norm_unit IS NOT NULL AND t.subject IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	return all, nil
}

// markIndicators sets the indicator tokens of every target and whether it
// counts an increment.
func markIndicators(all []*pairTarget, tok func(string) []string) {
	w := links.DataWords()
	generic := map[string]bool{}
	for _, x := range w.Generic {
		generic[x] = true
	}
	for _, t := range all {
		t.toks, t.weight = indicatorTokens(t.subject, tok, generic)
		for _, x := range w.Increment {
			if strings.Contains(t.subject, x) {
				t.increment = true
			}
		}
	}
}

// upperRefs maps every document to the documents its resolved references
// implement or cite.
func upperRefs(tx *sql.Tx) (map[int64][]int64, error) {
	refs := map[int64][]int64{}
	err := eachRow(tx, func(rows *sql.Rows) error {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		refs[a] = append(refs[a], b)
		return nil
	}, `SELECT DISTINCT document_id, target_document_id FROM document_links
		WHERE target_document_id IS NOT NULL AND kind IN ('implements','cites')`)
	if err != nil {
		return nil, err
	}
	return refs, nil
}

// sortedIDs returns the ids of docs, smallest first.
func sortedIDs(docs map[int64]*linkDoc) []int64 {
	ids := make([]int64, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	return ids
}

// quotaKey files a target assigned to a place.
type quotaKey struct{ place, year, unit string }

// pairer finds the pairs of targets between lower and higher documents.
type pairer struct {
	g     *place.Gazetteer
	docs  map[int64]*linkDoc
	quota map[quotaKey][]*pairTarget // targets assigned to a place, of the canonical documents
	byDoc map[int64][]*pairTarget    // every target by document
	refs  map[int64][]int64          // the higher documents a document cites
}

// pairCand is a candidate pair and its score.
type pairCand struct {
	up, low *pairTarget
	score   float64
	common  string
	basis   string
}

func newPairer(g *place.Gazetteer, docs map[int64]*linkDoc, ids []int64, all []*pairTarget, refs map[int64][]int64) *pairer {
	p := &pairer{g: g, docs: docs, quota: map[quotaKey][]*pairTarget{}, byDoc: map[int64][]*pairTarget{}, refs: refs}
	isCanon := canonicalDocs(docs, ids)
	for _, t := range all {
		p.byDoc[t.doc] = append(p.byDoc[t.doc], t)
		if !t.unscoped && isCanon[t.doc] {
			k := quotaKey{fullPlace(g, t.entity), t.year, t.unit}
			p.quota[k] = append(p.quota[k], t)
		}
	}
	return p
}

// canonicalDocs picks the upper candidates: one document of each set of
// copies (same title and 文号), the first by id.
func canonicalDocs(docs map[int64]*linkDoc, ids []int64) map[int64]bool {
	canon := map[string]int64{}
	isCanon := map[int64]bool{}
	for _, id := range ids {
		k := links.NormTitle(docs[id].title) + "|" + docs[id].number
		if docs[id].title == "" {
			k = fmt.Sprint(id)
		}
		if _, ok := canon[k]; !ok {
			canon[k] = id
			isCanon[id] = true
		}
	}
	return isCanon
}

// documentPairs pairs the targets of document id with those of higher
// documents: one lower target per upper target, and one upper per lower,
// best score first.
func (p *pairer) documentPairs(id int64) []pairCand {
	ld := p.docs[id]
	if ld.juris == "" || len(p.byDoc[id]) == 0 {
		return nil
	}
	best := p.candidates(id)
	cs := make([]pairCand, 0, len(best))
	for _, c := range best {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].score != cs[b].score {
			return cs[a].score > cs[b].score
		}
		return cs[a].up.id < cs[b].up.id
	})
	var out []pairCand
	usedLow := map[int64]bool{}
	for _, c := range cs {
		if usedLow[c.low.id] {
			continue
		}
		usedLow[c.low.id] = true
		out = append(out, c)
	}
	return out
}

// candidates returns, for every upper target, the best lower target of
// document id.
func (p *pairer) candidates(id int64) map[int64]pairCand {
	ld := p.docs[id]
	lv := level(p.g, ld.juris)
	best := map[int64]pairCand{} // upper target → best lower target of this document
	try := func(u, l *pairTarget, basis string) {
		if u.doc == l.doc || u.year != l.year || u.unit != l.unit || u.increment != l.increment {
			return
		}
		s, common := likeness(u, l)
		if s < minLikeness {
			return
		}
		if b, ok := best[u.id]; !ok || s > b.score {
			best[u.id] = pairCand{u, l, s, common, basis}
		}
	}
	for _, l := range p.byDoc[id] {
		if !l.unscoped {
			continue // a lower target of a narrower place is not the document's own
		}
		for _, u := range p.quota[quotaKey{ld.juris, l.year, l.unit}] {
			ud := p.docs[u.doc]
			if ud.juris == ld.juris || (lv > 0 && level(p.g, ud.juris) > 0 && level(p.g, ud.juris) <= lv) {
				continue
			}
			basis := "scope"
			if u.fromTable {
				basis = "quota"
			}
			try(u, l, basis)
		}
		for _, up := range p.refs[id] {
			ud := p.docs[up]
			if ud == nil || ud.juris == ld.juris || (lv > 0 && level(p.g, ud.juris) <= lv) {
				continue
			}
			for _, u := range p.byDoc[up] {
				if u.unscoped && u.rate {
					try(u, l, "link")
				}
			}
		}
	}
	return best
}

// insertPair writes one pair: how the lower value relates to the upper
// one, under the shorter of the two indicators.
func insertPair(ins *sql.Stmt, c pairCand) error {
	rel := "same"
	switch d := c.low.value - c.up.value; {
	case math.Abs(d) <= 1e-9*math.Max(1, math.Abs(c.up.value)):
	case d > 0:
		rel = "raised"
	default:
		rel = "lowered"
	}
	var year any = c.up.year
	if y, err := parseYear(c.up.year); err == nil {
		year = y
	}
	indicator := c.up.subject
	if utf8.RuneCountInString(c.low.subject) < utf8.RuneCountInString(indicator) {
		indicator = c.low.subject
	}
	_, err := ins.Exec(c.up.id, c.low.id, c.up.doc, c.low.doc, indicator, year, c.up.value, c.low.value, c.up.unit,
		rel, c.basis, math.Round(c.score*100)/100)
	return err
}

func parseYear(s string) (int, error) {
	var y int
	_, err := fmt.Sscanf(s, "%d", &y)
	return y, err
}
