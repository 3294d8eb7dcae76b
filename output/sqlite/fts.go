package sqlite

import (
	"database/sql"
	"fmt"
	"strings"

	"policyx/schema"
)

// The full-text indexes (schema/fts.sql) need SQLite's FTS5, which
// go-sqlite3 compiles in only with -tags sqlite_fts5. Both kinds of build
// must work on one database:
//
//   - a build without FTS5 writes everything else and sets fts_state.stale,
//     printing a notice once at open;
//   - a build with FTS5 creates the indexes when missing and rebuilds them
//     when stale (flag set, or their row count differs from documents).
//
// documents_fts is an external-content trigram index over documents.text,
// rebuilt by FTS5 itself; documents_words holds the gse tokens and is
// rebuilt with the tokenizer given to Open (WithTokenizer).

const ftsStale = `INSERT INTO fts_state (name, stale) VALUES ('documents_fts', 1)
	ON CONFLICT(name) DO UPDATE SET stale = 1`

func markStale(tx execer) error {
	_, err := tx.Exec(ftsStale)
	return err
}

// execer runs one statement: a *sql.Tx or a *wtx.
type execer interface {
	Exec(query string, args ...any) (sql.Result, error)
}

func noModule(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such module")
}

// openFTS creates or checks the full-text indexes. It returns whether they
// can be maintained by this build and a notice for the user.
func openFTS(db *sql.DB, words func(string) []string) (bool, string, error) {
	// CREATE … IF NOT EXISTS of an existing FTS5 table succeeds even
	// without FTS5: ask SQLite whether it has the module.
	var has bool
	if err := db.QueryRow(`SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&has); err != nil {
		return false, "", err
	}
	if !has {
		var n int
		_ = db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('documents_fts', 'documents_words')`).Scan(&n)
		return false, notice(n > 0), nil
	}
	// An index of an older policyx (documents_fts over gse tokens) is
	// replaced by the trigram one.
	var old string
	_ = db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'documents_fts'`).Scan(&old)
	if old != "" && !strings.Contains(old, "trigram") {
		if _, err := db.Exec(`DROP TABLE documents_fts`); err != nil {
			if noModule(err) {
				return false, notice(true), nil
			}
			return false, "", err
		}
	}
	if _, err := db.Exec(ftsDDL()); err != nil {
		if noModule(err) {
			var n int
			_ = db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('documents_fts', 'documents_words')`).Scan(&n)
			return false, notice(n > 0), nil
		}
		return false, "", err
	}
	if err := tuneMerge(db); err != nil {
		return false, "", err
	}
	var stale, nDocs, nFTS, nWords int
	_ = db.QueryRow(`SELECT coalesce(max(stale), 0) FROM fts_state`).Scan(&stale)
	if err := db.QueryRow(`SELECT count(*) FROM documents WHERE text IS NOT NULL AND text != ''`).Scan(&nDocs); err != nil {
		return false, "", err
	}
	if err := db.QueryRow(`SELECT count(*) FROM documents_fts_docsize`).Scan(&nFTS); err != nil {
		return false, "", err
	}
	if err := db.QueryRow(`SELECT count(*) FROM documents_words`).Scan(&nWords); err != nil {
		return false, "", err
	}
	if stale == 0 && nFTS == nDocs && (nWords == nDocs || words == nil) {
		return true, "", nil
	}
	if err := rebuildFTS(db, words); err != nil {
		return false, "", fmt.Errorf("rebuild: %w", err)
	}
	msg := fmt.Sprintf("full-text index rebuilt (%d documents)", nDocs)
	if words == nil {
		msg += "; documents_words not rebuilt (no segmenter): re-run with -force to refill it"
	}
	return true, msg, nil
}

// ftsAutomerge is the automerge setting of both indexes (FTS5's default is
// 4): how many segments of one level wait before they are merged into one.
// Every batch of files adds a segment to each index; at 4, the merging of
// them rewrote the index again and again: on the 20 MB bench corpus the
// trigram index alone took 1.3–1.5 s CPU to build at 4, 1.15 at 8, 0.89 at
// 16 (its inserts by batches of 32 files, 3 runs each). At 16 a query reads
// at most 15 segments per level instead of 3 (a 1 GB batch: 3 levels);
// what a search finds is the same.
const ftsAutomerge = 16

// tuneMerge sets the merge policy of both indexes (kept by FTS5 in its
// config table, so set on every open: a database of an older policyx gets
// it too).
func tuneMerge(db *sql.DB) error {
	for _, t := range []string{"documents_fts", "documents_words"} {
		if _, err := db.Exec(fmt.Sprintf(`INSERT INTO %s (%s, rank) VALUES ('automerge', %d)`, t, t, ftsAutomerge)); err != nil {
			return fmt.Errorf("%s: automerge: %w", t, err)
		}
	}
	return nil
}

func notice(exists bool) string {
	if exists {
		return "full-text index skipped: this policyx was built without FTS5 (-tags sqlite_fts5); the index is marked stale and a build with FTS5 rebuilds it"
	}
	return "full-text index skipped: this policyx was built without FTS5 (-tags sqlite_fts5)"
}

// ftsDDL is schema.FTSDDL; a function so tests can see one place.
func ftsDDL() string { return ftsSQL }

func rebuildFTS(db *sql.DB, words func(string) []string) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.Exec(`INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')`); err != nil {
		return err
	}
	if words != nil {
		if _, err = tx.Exec(`DELETE FROM documents_words`); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT id, text FROM documents WHERE text IS NOT NULL AND text != ''`)
		if err != nil {
			return err
		}
		type doc struct {
			id   int64
			text string
		}
		var docs []doc
		for rows.Next() {
			var d doc
			if err := rows.Scan(&d.id, &d.text); err != nil {
				rows.Close()
				return err
			}
			docs = append(docs, d)
		}
		rows.Close()
		for _, d := range docs {
			if _, err = tx.Exec(`INSERT INTO documents_words (rowid, tokens) VALUES (?, ?)`, d.id, strings.Join(words(d.text), " ")); err != nil {
				return err
			}
		}
	}
	if _, err = tx.Exec(`DELETE FROM fts_state`); err != nil {
		return err
	}
	return tx.Commit()
}

// ftsDelete removes from both indexes the documents the query selects (by
// id), before those rows are deleted: an external-content index is told
// the old text.
func ftsDelete(tx *sql.Tx, idQuery string, args ...any) error {
	if _, err := tx.Exec(`INSERT INTO documents_fts (documents_fts, rowid, text)
		SELECT 'delete', id, text FROM documents WHERE id IN (`+idQuery+`) AND text IS NOT NULL AND text != ''`, args...); err != nil {
		return err
	}
	_, err := tx.Exec(`DELETE FROM documents_words WHERE rowid IN (`+idQuery+`)`, args...)
	return err
}

// ftsQueue holds a transaction's changes to both full-text indexes, in
// order, until apply writes them just before the commit. FTS5 writes its
// pending changes out as a new index segment at every savepoint, and the
// other statements of a file (foreign keys, cascades) open one: changed file
// by file, the index took one small segment per file and the merging of
// them (about half of the writer's CPU on the bench batch); queued, a
// batch of files makes one segment.
type ftsQueue struct {
	ops []ftsOp
}

type ftsOp struct {
	del    bool
	id     int64
	text   string // the text indexed, or the old text to remove
	tokens string // space-joined gse tokens: inserted, or the old ones (words says whether there were)
	words  bool   // a removal: the document had a documents_words row
	// keepText and keepWords mark a removal and the insertion of the same
	// id that follows it with the same text (tokens): a file processed
	// again (-force) keeps its ids, and re-indexing unchanged text
	// (tokenizing it once to delete and once to insert) was most of the
	// writer's work in such a run. Both ops are skipped; the index ends
	// as it would have.
	keepText, keepWords bool
}

// remove queues the removal of the documents the query selects (by id)
// from both indexes, with their old text and tokens read now, before
// their rows go.
func (q *ftsQueue) remove(tx *wtx, idQuery string, args ...any) error {
	rows, err := tx.Query(`SELECT d.id, coalesce(d.text, ''), w.rowid IS NOT NULL, coalesce(w.tokens, '')
		FROM documents d LEFT JOIN documents_words w ON w.rowid = d.id WHERE d.id IN (`+idQuery+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		op := ftsOp{del: true}
		if err := rows.Scan(&op.id, &op.text, &op.words, &op.tokens); err != nil {
			return err
		}
		q.ops = append(q.ops, op)
	}
	return rows.Err()
}

// add queues the indexing of one document's text and tokens.
func (q *ftsQueue) add(id int64, txt string, tokens []string) {
	if txt == "" {
		return
	}
	q.ops = append(q.ops, ftsOp{id: id, text: txt, tokens: text(strings.Join(tokens, " "))})
}

// keep pairs every removal with the next insertion of its id and marks
// what both can skip (ftsOp.keepText, keepWords).
func (q *ftsQueue) keep() {
	removed := map[int64]int{} // id → index of its last removal not yet paired
	for i := range q.ops {
		op := &q.ops[i]
		if op.del {
			removed[op.id] = i
			continue
		}
		j, ok := removed[op.id]
		if !ok {
			continue
		}
		delete(removed, op.id)
		old := &q.ops[j]
		if old.text == op.text {
			old.keepText, op.keepText = true, true
		}
		if old.words && old.tokens == op.tokens {
			old.keepWords, op.keepWords = true, true
		}
	}
}

// apply writes the queued changes in their order and empties the queue.
func (q *ftsQueue) apply(tx *wtx) error {
	if len(q.ops) == 0 {
		return nil
	}
	q.keep()
	stmts := make([]*sql.Stmt, 4)
	for i, s := range []string{
		`INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', ?, ?)`,
		`DELETE FROM documents_words WHERE rowid = ?`,
		`INSERT INTO documents_fts (rowid, text) VALUES (?, ?)`,
		`INSERT INTO documents_words (rowid, tokens) VALUES (?, ?)`,
	} {
		st, err := tx.Prepare(s)
		if err != nil {
			return err
		}
		stmts[i] = st
	}
	for _, op := range q.ops {
		var err error
		switch {
		case op.del:
			if op.text != "" && !op.keepText {
				_, err = stmts[0].Exec(op.id, op.text)
			}
			if err == nil && !op.keepWords {
				_, err = stmts[1].Exec(op.id)
			}
		default:
			if !op.keepText {
				_, err = stmts[2].Exec(op.id, op.text)
			}
			if err == nil && !op.keepWords {
				_, err = stmts[3].Exec(op.id, op.tokens)
			}
		}
		if err != nil {
			return err
		}
	}
	q.ops = q.ops[:0]
	return nil
}

var ftsSQL = schema.FTSDDL

// WithTokenizer gives Open the word segmentation (gse) it needs to rebuild
// documents_words when that index is missing or stale. Without it only the
// trigram index documents_fts is rebuilt.
func WithTokenizer(words func(string) []string) OpenOption {
	return func(o *openOptions) { o.words = words }
}
