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
	"policyx/schema"
)

// writeLinks stores a document's references (document_links); they are
// resolved after the batch by ResolveLinks.
func writeLinks(tx *sql.Tx, docID int64, doc *schema.Document, cs func(schema.Span) (any, any)) error {
	if len(doc.Links) == 0 {
		return nil
	}
	stmt, err := tx.Prepare(`INSERT INTO document_links (document_id, kind, cited_title, cited_number, char_start, char_end,
		sentence, attachment, role) VALUES (?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, l := range doc.Links {
		a, b := cs(l.Span)
		if _, err := stmt.Exec(docID, l.Kind, null(l.Title), null(l.Number), a, b, null(l.Sentence), null(l.Attachment),
			null(l.Role)); err != nil {
			return err
		}
	}
	return nil
}

// LinkStats counts the references of the database after resolution.
type LinkStats struct {
	Links, Resolved, Pairs int
}

func (s LinkStats) String() string {
	return fmt.Sprintf("%d links, %d resolved, %d target pairs", s.Links, s.Resolved, s.Pairs)
}

// LinkCounts counts the stored references, resolved ones and target pairs.
func (d *DB) LinkCounts() (LinkStats, error) {
	var s LinkStats
	err := d.db.QueryRow(`SELECT (SELECT count(*) FROM document_links), (SELECT count(*) FROM document_links WHERE target_document_id IS NOT NULL),
		(SELECT count(*) FROM target_pairs)`).Scan(&s.Links, &s.Resolved, &s.Pairs)
	return s, err
}

type linkDoc struct {
	id                          int64
	title, number, juris, issue string
}

// ResolveLinks finds, for every reference of the database, the document it
// names (by normalized 文号 first, then by title keys; an attachment by its
// title in the notice's 附件 list), and rebuilds target_pairs. It runs over
// the whole database, so a document loaded later links back to earlier
// ones; a reference never resolves to its own document, so cycles and
// self-citations are harmless. tok segments indicator subjects (gse); nil
// falls back to character pairs. One transaction.
func (d *DB) ResolveLinks(tok func(string) []string) (st LinkStats, err error) {
	docs, err := d.linkDocs()
	if err != nil {
		return st, err
	}
	err = inTx(d.db, func(tx *sql.Tx) error {
		if err := resolve(tx, docs); err != nil {
			return fmt.Errorf("resolve links: %w", err)
		}
		if err := pairTargets(tx, docs, tok); err != nil {
			return fmt.Errorf("target pairs: %w", err)
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	return d.LinkCounts()
}

func (d *DB) linkDocs() (map[int64]*linkDoc, error) {
	rows, err := d.db.Query(`SELECT id, coalesce(title,''), coalesce(doc_number,''), coalesce(jurisdiction,''), coalesce(issue_date,'')
		FROM documents WHERE status != 'failed'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]*linkDoc{}
	for rows.Next() {
		var x linkDoc
		if err := rows.Scan(&x.id, &x.title, &x.number, &x.juris, &x.issue); err != nil {
			return nil, err
		}
		out[x.id] = &x
	}
	return out, rows.Err()
}

type linkRow struct {
	id, doc                               int64
	kind, title, number, attachment, role string
	target                                sql.NullInt64
	by, curTitle, curNumber               sql.NullString
}

// index maps keys to document ids, smallest first.
type index map[string][]int64

func (x index) add(k string, id int64) {
	if k != "" {
		x[k] = append(x[k], id)
	}
}

// pick returns the first id of the key other than self.
func (x index) pick(k string, self int64) (int64, bool) {
	for _, id := range x[k] {
		if id != self {
			return id, true
		}
	}
	return 0, false
}

func resolve(tx *sql.Tx, docs map[int64]*linkDoc) error {
	ids := make([]int64, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	byNumber, byTitle := index{}, index{}
	for _, id := range ids {
		dc := docs[id]
		if n := links.NormNumber(dc.number); n != "" {
			byNumber.add(n, id)
		} else {
			byNumber.add(dc.number, id)
		}
		for _, k := range links.TitleKeys(dc.title) {
			byTitle.add(k, id)
		}
	}
	rows, err := tx.Query(`SELECT id, document_id, kind, coalesce(cited_title,''), coalesce(cited_number,''), coalesce(attachment,''),
		coalesce(role,''), target_document_id, resolved_by, cited_title, cited_number FROM document_links ORDER BY document_id, id`)
	if err != nil {
		return err
	}
	var all []linkRow
	attached, listed := index{}, index{} // attachment title → documents that head / list it
	for rows.Next() {
		var r linkRow
		if err := rows.Scan(&r.id, &r.doc, &r.kind, &r.title, &r.number, &r.attachment, &r.role, &r.target, &r.by,
			&r.curTitle, &r.curNumber); err != nil {
			rows.Close()
			return err
		}
		if _, ok := docs[r.doc]; !ok {
			continue // a failed document's rows stay unresolved
		}
		all = append(all, r)
		if r.kind == schema.LinkAttachmentOf {
			switch r.role {
			case schema.RoleAttachment:
				attached.add(links.NormTitle(r.attachment), r.doc)
			case schema.RoleNotice:
				listed.add(links.NormTitle(r.attachment), r.doc)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range []index{attached, listed} {
		for k, v := range x {
			sort.Slice(v, func(a, b int) bool { return v[a] < v[b] })
			x[k] = v
		}
	}
	upd, err := tx.Prepare(`UPDATE document_links SET target_document_id = ?, resolved_by = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	updAtt, err := tx.Prepare(`UPDATE document_links SET target_document_id = ?, resolved_by = ?, cited_title = ?, cited_number = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer updAtt.Close()
	for _, r := range all {
		var target int64
		by := ""
		switch {
		case r.role == schema.RoleAttachment:
			if id, ok := listed.pick(links.NormTitle(r.attachment), r.doc); ok {
				target, by = id, "attachment"
			}
		case r.role == schema.RoleNotice:
			if id, ok := attached.pick(links.NormTitle(r.attachment), r.doc); ok {
				target, by = id, "attachment"
			}
		}
		if target == 0 && r.role != schema.RoleAttachment {
			num := links.NormNumber(r.number)
			if num == "" {
				num = r.number
			}
			if num != "" {
				if id, ok := byNumber.pick(num, r.doc); ok {
					target, by = id, "number"
				}
			}
			if target == 0 && r.title != "" {
				for _, k := range links.TitleKeys(r.title) {
					if id, ok := byTitle.pick(k, r.doc); ok {
						target, by = id, "title"
						break
					}
				}
			}
		}
		same := (target == 0 && !r.target.Valid) || (r.target.Valid && r.target.Int64 == target)
		if r.role == schema.RoleAttachment {
			var t, n any
			if target != 0 {
				t, n = null(docs[target].title), null(docs[target].number)
			}
			if same && nullEq(r.curTitle, t) && nullEq(r.curNumber, n) {
				continue
			}
			if _, err := updAtt.Exec(idOrNil(target), nullStr(by), t, n, r.id); err != nil {
				return err
			}
			continue
		}
		if same && r.by.String == by {
			continue
		}
		if _, err := upd.Exec(idOrNil(target), nullStr(by), r.id); err != nil {
			return err
		}
	}
	return nil
}

func idOrNil(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullEq(a sql.NullString, b any) bool {
	s, _ := b.(string)
	if b == nil {
		return !a.Valid
	}
	return a.Valid && a.String == s
}

// ---- target pairs ----

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

func pairTargets(tx *sql.Tx, docs map[int64]*linkDoc, tok func(string) []string) error {
	if _, err := tx.Exec(`DELETE FROM target_pairs`); err != nil {
		return err
	}
	g, _ := place.Load()
	var hasEntity int
	if err := tx.QueryRow(`SELECT count(*) FROM pragma_table_info('targets') WHERE name = 'entity'`).Scan(&hasEntity); err != nil {
		return err
	}
	entity := "''"
	if hasEntity > 0 {
		entity = "coalesce(t.entity,'')"
	}
	rows, err := tx.Query(`SELECT t.id, t.document_id, coalesce(t.subject,''), coalesce(t.norm_value,0), coalesce(t.norm_unit,''),
		substr(t.deadline,1,4), coalesce(t.scope,''), ` + entity + `, coalesce(t.source,'text')
		FROM targets t WHERE t.deadline IS NOT NULL AND t.norm_unit IS NOT NULL AND t.subject IS NOT NULL`)
	if err != nil {
		return err
	}
	var all []*pairTarget
	for rows.Next() {
		var t pairTarget
		var scope, ent, src string
		if err := rows.Scan(&t.id, &t.doc, &t.subject, &t.value, &t.unit, &t.year, &scope, &ent, &src); err != nil {
			rows.Close()
			return err
		}
		if _, ok := docs[t.doc]; !ok || t.year == "" {
			continue
		}
		t.fromTable = src == "table"
		t.entity = ent
		if t.entity == "" {
			t.entity = scope
		}
		t.unscoped = t.entity == ""
		t.rate = t.unit == "%" || t.unit == "‰" || t.unit == "个百分点"
		all = append(all, &t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
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

	// Upper candidates: one document of each set of copies (same title and 文号).
	canon := map[string]int64{}
	ids := make([]int64, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
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
	type qkey struct{ place, year, unit string }
	quota := map[qkey][]*pairTarget{}  // assigned to a place
	byDoc := map[int64][]*pairTarget{} // every target by document
	for _, t := range all {
		byDoc[t.doc] = append(byDoc[t.doc], t)
		if !t.unscoped && isCanon[t.doc] {
			k := qkey{fullPlace(g, t.entity), t.year, t.unit}
			quota[k] = append(quota[k], t)
		}
	}
	// Lower documents' resolved references to higher ones.
	lrows, err := tx.Query(`SELECT DISTINCT document_id, target_document_id FROM document_links
		WHERE target_document_id IS NOT NULL AND kind IN ('implements','cites')`)
	if err != nil {
		return err
	}
	refs := map[int64][]int64{}
	for lrows.Next() {
		var a, b int64
		if err := lrows.Scan(&a, &b); err != nil {
			lrows.Close()
			return err
		}
		refs[a] = append(refs[a], b)
	}
	lrows.Close()

	ins, err := tx.Prepare(`INSERT INTO target_pairs (upper_target_id, lower_target_id, upper_document_id, lower_document_id,
		indicator, year, upper_value, lower_value, unit, relation, basis, score) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	type cand struct {
		up, low *pairTarget
		score   float64
		common  string
		basis   string
	}
	for _, id := range ids {
		ld := docs[id]
		lowers := byDoc[id]
		if ld.juris == "" || len(lowers) == 0 {
			continue
		}
		lv := level(g, ld.juris)
		best := map[int64]cand{} // upper target → best lower target of this document
		try := func(u, l *pairTarget, basis string) {
			if u.doc == l.doc || u.year != l.year || u.unit != l.unit || u.increment != l.increment {
				return
			}
			s, common := likeness(u, l)
			if s < minLikeness {
				return
			}
			if b, ok := best[u.id]; !ok || s > b.score {
				best[u.id] = cand{u, l, s, common, basis}
			}
		}
		for _, l := range lowers {
			if !l.unscoped {
				continue // a lower target of a narrower place is not the document's own
			}
			for _, u := range quota[qkey{ld.juris, l.year, l.unit}] {
				ud := docs[u.doc]
				if ud.juris == ld.juris || (lv > 0 && level(g, ud.juris) > 0 && level(g, ud.juris) <= lv) {
					continue
				}
				basis := "scope"
				if u.fromTable {
					basis = "quota"
				}
				try(u, l, basis)
			}
			for _, up := range refs[id] {
				ud := docs[up]
				if ud == nil || ud.juris == ld.juris || (lv > 0 && level(g, ud.juris) <= lv) {
					continue
				}
				for _, u := range byDoc[up] {
					if u.unscoped && u.rate {
						try(u, l, "link")
					}
				}
			}
		}
		// one lower target per upper target, and one upper per lower
		cs := make([]cand, 0, len(best))
		for _, c := range best {
			cs = append(cs, c)
		}
		sort.Slice(cs, func(a, b int) bool {
			if cs[a].score != cs[b].score {
				return cs[a].score > cs[b].score
			}
			return cs[a].up.id < cs[b].up.id
		})
		usedLow := map[int64]bool{}
		for _, c := range cs {
			if usedLow[c.low.id] {
				continue
			}
			usedLow[c.low.id] = true
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
			if _, err := ins.Exec(c.up.id, c.low.id, c.up.doc, c.low.doc, indicator, year, c.up.value, c.low.value, c.up.unit,
				rel, c.basis, math.Round(c.score*100)/100); err != nil {
				return err
			}
		}
	}
	return nil
}

func parseYear(s string) (int, error) {
	var y int
	_, err := fmt.Sscanf(s, "%d", &y)
	return y, err
}

// minLikeness is the share of the shorter indicator's token weight two
// indicators must have in common.
const minLikeness = 0.6

// indicatorTokens segments a subject and drops generic tokens and
// punctuation; weight is the runes of what is left.
func indicatorTokens(s string, tok func(string) []string, generic map[string]bool) ([]string, int) {
	var ts []string
	if tok != nil {
		ts = tok(s)
	} else {
		r := []rune(s)
		for i := 0; i+1 < len(r); i++ {
			ts = append(ts, string(r[i:i+2]))
		}
	}
	var out []string
	w := 0
	seen := map[string]bool{}
	for _, t := range ts {
		t = strings.TrimSpace(t)
		if t == "" || generic[t] || seen[t] || !hasHan(t) {
			continue
		}
		seen[t] = true
		out = append(out, t)
		w += utf8.RuneCountInString(t)
	}
	return out, w
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// likeness compares two indicators by their gse tokens: each token of one
// is matched by the longest run of runes it shares with a token of the
// other (gse keeps compounds whole: 科技成果转化 and 重大科技成果 share
// 科技成果), runs under two runes do not count; the matched weight over the
// smaller indicator's weight, and the matched runs.
func likeness(a, b *pairTarget) (float64, string) {
	if a.weight == 0 || b.weight == 0 {
		return 0, ""
	}
	wa, ca := cover(a.toks, b.toks)
	wb, cb := cover(b.toks, a.toks)
	w, common := wa, ca
	if wb > wa {
		w, common = wb, cb
	}
	if w < 2 {
		return 0, ""
	}
	m := a.weight
	if b.weight < m {
		m = b.weight
	}
	s := float64(w) / float64(m)
	if s > 1 {
		s = 1
	}
	return s, common
}

func cover(xs, ys []string) (int, string) {
	w := 0
	var parts []string
	for _, x := range xs {
		best := ""
		for _, y := range ys {
			if c := longestCommon(x, y); utf8.RuneCountInString(c) > utf8.RuneCountInString(best) {
				best = c
			}
		}
		if n := utf8.RuneCountInString(best); n >= 2 {
			w += n
			parts = append(parts, best)
		}
	}
	return w, strings.Join(parts, "")
}

// longestCommon is the longest run of runes a and b share.
func longestCommon(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	best, at := 0, 0
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			if ra[i-1] == rb[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > best {
					best, at = cur[j], i
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return string(ra[at-best : at])
}
