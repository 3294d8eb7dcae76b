package sqlite

import (
	"database/sql"
	"fmt"
	"sort"

	"policyx/extract/links"
	"policyx/schema"
)

// writeLinks stores a document's references (document_links); they are
// resolved after the batch by ResolveLinks.
func writeLinks(tx *wtx, docID int64, doc *schema.Document, cs func(schema.Span) (any, any)) error {
	if len(doc.Links) == 0 {
		return nil
	}
	stmt, err := tx.Prepare(`INSERT INTO document_links (document_id, kind, cited_title, cited_number, char_start, char_end,
		sentence, attachment, role) VALUES (?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
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
	out := map[int64]*linkDoc{}
	err := eachRow(d.db, func(rows *sql.Rows) error {
		var x linkDoc
		if err := rows.Scan(&x.id, &x.title, &x.number, &x.juris, &x.issue); err != nil {
			return err
		}
		out[x.id] = &x
		return nil
	}, `SELECT id, coalesce(title,''), coalesce(doc_number,''), coalesce(jurisdiction,''), coalesce(issue_date,'')
		FROM documents WHERE status != 'failed'`)
	if err != nil {
		return nil, err
	}
	return out, nil
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

// refIndex finds the document a reference names.
type refIndex struct {
	byNumber, byTitle index // documents by normalized 文号 and by title key
	attached, listed  index // attachment title → documents that head / list it
}

// resolve sets the target of every reference of docs (document_links),
// writing only the rows whose resolution changed.
func resolve(tx *sql.Tx, docs map[int64]*linkDoc) error {
	x := &refIndex{byNumber: index{}, byTitle: index{}, attached: index{}, listed: index{}}
	for _, id := range sortedIDs(docs) {
		dc := docs[id]
		if n := links.NormNumber(dc.number); n != "" {
			x.byNumber.add(n, id)
		} else {
			x.byNumber.add(dc.number, id)
		}
		for _, k := range links.TitleKeys(dc.title) {
			x.byTitle.add(k, id)
		}
	}
	all, err := x.readLinks(tx, docs)
	if err != nil {
		return err
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
		target, by := x.target(r)
		same := (target == 0 && !r.target.Valid) || (r.target.Valid && r.target.Int64 == target)
		if r.role == schema.RoleAttachment {
			// an attachment names what it is attached to: its title and 文号
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

// readLinks reads the references of docs, in document order, and files
// the attachment titles that documents head or list.
func (x *refIndex) readLinks(tx *sql.Tx, docs map[int64]*linkDoc) ([]linkRow, error) {
	var all []linkRow
	err := eachRow(tx, func(rows *sql.Rows) error {
		var r linkRow
		if err := rows.Scan(&r.id, &r.doc, &r.kind, &r.title, &r.number, &r.attachment, &r.role, &r.target, &r.by,
			&r.curTitle, &r.curNumber); err != nil {
			return err
		}
		if _, ok := docs[r.doc]; !ok {
			return nil // a failed document's rows stay unresolved
		}
		all = append(all, r)
		if r.kind == schema.LinkAttachmentOf {
			switch r.role {
			case schema.RoleAttachment:
				x.attached.add(links.NormTitle(r.attachment), r.doc)
			case schema.RoleNotice:
				x.listed.add(links.NormTitle(r.attachment), r.doc)
			}
		}
		return nil
	}, `SELECT id, document_id, kind, coalesce(cited_title,''), coalesce(cited_number,''), coalesce(attachment,''),
		coalesce(role,''), target_document_id, resolved_by, cited_title, cited_number FROM document_links ORDER BY document_id, id`)
	if err != nil {
		return nil, err
	}
	for _, ix := range []index{x.attached, x.listed} {
		for k, v := range ix {
			sort.Slice(v, func(a, b int) bool { return v[a] < v[b] })
			ix[k] = v
		}
	}
	return all, nil
}

// target returns the document reference r names and how it was found
// (attachment, number, title); 0 when none.
func (x *refIndex) target(r linkRow) (int64, string) {
	switch r.role {
	case schema.RoleAttachment:
		if id, ok := x.listed.pick(links.NormTitle(r.attachment), r.doc); ok {
			return id, "attachment"
		}
		return 0, "" // an attachment is found by its title in a notice's list only
	case schema.RoleNotice:
		if id, ok := x.attached.pick(links.NormTitle(r.attachment), r.doc); ok {
			return id, "attachment"
		}
	}
	num := links.NormNumber(r.number)
	if num == "" {
		num = r.number
	}
	if num != "" {
		if id, ok := x.byNumber.pick(num, r.doc); ok {
			return id, "number"
		}
	}
	if r.title != "" {
		for _, k := range links.TitleKeys(r.title) {
			if id, ok := x.byTitle.pick(k, r.doc); ok {
				return id, "title"
			}
		}
	}
	return 0, ""
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
