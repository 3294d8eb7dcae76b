// Package sqlite writes documents and their facts into the policyx SQLite
// database (contract: ../shared/eval/CONTRACT.md, DDL: schema/ddl.sql).
//
// Every input file is written in one transaction, keyed by the SHA-256 of its
// bytes: re-running replaces a file's rows instead of adding to them, and an
// interrupted run leaves only whole files behind.
package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	_ "github.com/mattn/go-sqlite3" // database/sql driver "sqlite3"

	"policyx/normalize/numbers"
	"policyx/schema"
)

// DB is an open output database. Its methods must be called from one
// goroutine (the pipeline's single writer).
type DB struct {
	db     *sql.DB
	fts    bool // documents_fts exists (SQLite has FTS5)
	num    *numbers.Parser
	notice string
	stmts  stmtCache // prepared write statements
}

// Open opens or creates the database at path, applies the DDL and checks
// the contract version.
func Open(path string, opts ...OpenOption) (*DB, error) {
	oo := openOptions{busy: 10 * time.Second}
	for _, f := range opts {
		f(&oo)
	}
	// WAL is switched on only once the file is known to be ours (owner).
	dsn := fmt.Sprintf("file:%s?_synchronous=NORMAL&_foreign_keys=on&_busy_timeout=%d", uriPath(path), oo.busy.Milliseconds())
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if err := owner(db, path); err != nil {
		db.Close()
		return nil, err
	}
	if _, err := db.Exec(schema.DDL); err != nil {
		db.Close()
		return nil, readOnly(fmt.Errorf("%s: create schema: %w", path, err))
	}
	if err := migrate(db); err != nil {
		db.Close()
		return nil, readOnly(fmt.Errorf("%s: migrate schema: %w", path, err))
	}
	if err := afterMigrate(db); err != nil {
		db.Close()
		return nil, readOnly(fmt.Errorf("%s: migrate schema: %w", path, err))
	}
	if _, err := db.Exec(schema.ViewsDDL); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: create views: %w", path, err)
	}
	if _, err := db.Exec(schema.QuotasDDL); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: create view quotas: %w", path, err)
	}
	if oo.noFTS {
		return &DB{db: db, num: numbers.MustLoad()}, nil
	}
	fts, notice, err := openFTS(db, oo.words)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: full-text index: %w", path, err)
	}
	return &DB{db: db, fts: fts, num: numbers.MustLoad(), notice: notice}, nil
}

// Notice is what Open has to tell the user about the database (the
// full-text index skipped or rebuilt), "" when nothing.
func (d *DB) Notice() string { return d.notice }

// FullText reports whether the database has its full-text index.
func (d *DB) FullText() bool { return d.fts }

// Close closes the database.
func (d *DB) Close() error {
	d.stmts.close()
	return d.db.Close()
}

// SQL exposes the underlying handle for read-only queries (reports, tests).
func (d *DB) SQL() *sql.DB { return d.db }

// DoneSet returns the SHA-256 of every file stored and not failed (ok or
// partial: reading the same bytes again gives the same result), read once
// at the start of a run so workers need not query the database. Failed
// files are tried again.
func (d *DB) DoneSet() (map[string]bool, error) {
	out := map[string]bool{}
	err := eachRow(d.db, func(rows *sql.Rows) error {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		out[s] = true
		return nil
	}, `SELECT source_sha256 FROM documents GROUP BY source_sha256 HAVING sum(status = 'failed') = 0`)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Stored returns the documents stored for a file's SHA-256, with their facts
// counted (for summaries of skipped files).
func (d *DB) Stored(sha string) ([]StoredDoc, error) {
	var out []StoredDoc
	err := eachRow(d.db, func(rows *sql.Rows) error {
		var s StoredDoc
		if err := rows.Scan(&s.ID, &s.Path, &s.Part, &s.Format, &s.Meta.Title, &s.Meta.DocNumber, &s.Meta.Issuer,
			&s.Meta.IssueDate, &s.Meta.Jurisdiction, &s.Status, &s.Err, &s.Tables, &s.Targets, &s.Tasks, &s.Checks); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	}, `SELECT d.id, d.source_path, d.part, d.format, coalesce(d.title,''), coalesce(d.doc_number,''),
		coalesce(d.issuer,''), coalesce(d.issue_date,''), coalesce(d.jurisdiction,''), d.status, coalesce(d.error,''),
		(SELECT count(*) FROM tables t WHERE t.document_id = d.id),
		(SELECT count(*) FROM targets t WHERE t.document_id = d.id),
		(SELECT count(*) FROM tasks t WHERE t.document_id = d.id),
		(SELECT count(*) FROM checks t WHERE t.document_id = d.id)
		FROM documents d WHERE d.source_sha256 = ? ORDER BY d.part`, sha)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// StoredDoc is a document row as stored, with fact counts.
type StoredDoc struct {
	ID                             int64
	Path                           string
	Part                           int
	Format                         string
	Meta                           schema.Meta
	Status                         string
	Err                            string
	Tables, Targets, Tasks, Checks int
}

// null maps "" to NULL and makes sure what is stored is valid UTF-8, as the
// contract promises downstream tools.
func null(s string) any {
	if s == "" {
		return nil
	}
	return text(s)
}

// text returns s with invalid UTF-8 sequences replaced by U+FFFD.
func text(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func jsonStrings(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// WriteFile stores all documents (parts) of one input file in one
// transaction, replacing what was stored before for the same SHA-256 (the
// ids are kept) or the same path. docs must share Path and SHA256.
func (d *DB) WriteFile(docs []*schema.Document) error {
	return d.WriteFiles([][]*schema.Document{docs})
}

// WriteFiles stores several input files (each one WriteFile's docs) in one
// transaction: the same statements in the same order as one WriteFile per
// file, with one commit instead of one per file. On error nothing of the
// batch is stored.
func (d *DB) WriteFiles(files [][]*schema.Document) (err error) {
	for _, docs := range files {
		if len(docs) == 0 {
			return errors.New("sqlite: WriteFile with no documents")
		}
	}
	items := make([]Item, len(files))
	for i, docs := range files {
		items[i] = Item{Docs: docs}
	}
	return d.WriteItems(0, items)
}

// inTx runs fn in one transaction of db: committed when fn returns nil,
// rolled back otherwise.
func inTx(db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func writeFile(tx *wtx, docs []*schema.Document, fts *ftsQueue, run int64, num *numbers.Parser) (err error) {
	path, sha := docs[0].Path, docs[0].SHA256
	ids, err := partIDs(tx, sha)
	if err != nil {
		return err
	}
	// Replaced: the rows of the same bytes, and what this path held before
	// (other bytes) unless a path of this run is linked to it (staleOf).
	if fts != nil {
		if err = fts.remove(tx, staleOf, sha, text(path), run); err != nil {
			return err
		}
	} else if err = markStale(tx); err != nil {
		// the index, if a build with FTS5 made one, no longer matches
		return err
	}
	if _, err = tx.Exec(`DELETE FROM documents WHERE id IN (`+staleOf+`)`, sha, text(path), run); err != nil {
		return err
	}
	if _, err = tx.Exec(moveLinked, sha, text(path), run); err != nil {
		return err
	}
	depts := map[string]*deptAgg{}
	for _, doc := range docs {
		if err = writeDoc(tx, doc, depts, fts, rowKeys{id: ids[doc.Part], run: run}, num); err != nil {
			return fmt.Errorf("%s: part %d: %w", doc.Path, doc.Part, err)
		}
	}
	if err = upsertDepartments(tx, depts); err != nil {
		return err
	}
	_, err = tx.Exec(`UPDATE task_departments SET department_id = (SELECT id FROM departments WHERE name = task_departments.department)
		WHERE department_id IS NULL AND task_id IN (SELECT t.id FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.source_sha256 = ?)`, sha)
	return err
}

type deptAgg struct {
	juris    string
	mentions map[string]bool
}

func upsertDepartments(tx *wtx, depts map[string]*deptAgg) error {
	names := make([]string, 0, len(depts))
	for n := range depts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ag := depts[n]
		var aliasesJSON string
		var juris sql.NullString
		err := tx.QueryRow(`SELECT aliases_json, jurisdiction FROM departments WHERE name = ?`, n).Scan(&aliasesJSON, &juris)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			var old []string
			_ = json.Unmarshal([]byte(aliasesJSON), &old)
			for _, m := range old {
				ag.mentions[m] = true
			}
			if ag.juris == "" && juris.Valid {
				ag.juris = juris.String
			}
		}
		ms := make([]string, 0, len(ag.mentions))
		for m := range ag.mentions {
			ms = append(ms, m)
		}
		sort.Strings(ms)
		if _, err := tx.Exec(`INSERT INTO departments (name, jurisdiction, aliases_json) VALUES (?,?,?)
			ON CONFLICT(name) DO UPDATE SET jurisdiction = excluded.jurisdiction, aliases_json = excluded.aliases_json`,
			text(n), null(ag.juris), jsonStrings(ms)); err != nil {
			return err
		}
	}
	return nil
}

// Counts returns the number of rows of every contract table, for tests and
// run summaries.
func (d *DB) Counts() (map[string]int, error) {
	out := map[string]int{}
	for _, t := range []string{"documents", "sections", "tables", "table_rows", "checks", "targets", "tasks", "task_departments", "departments"} {
		var n int
		if err := d.db.QueryRow("SELECT count(*) FROM " + t).Scan(&n); err != nil {
			return nil, err
		}
		out[t] = n
	}
	return out, nil
}

// added lists columns added to contract v1 tables after their first
// release; CREATE TABLE IF NOT EXISTS does not add them to an older database.
var added = []struct{ table, column, decl string }{
	{"documents", "workbook", "TEXT"},
	{"documents", "run_id", "INTEGER REFERENCES runs(id)"},
	{"targets", "entity", "TEXT"},
	{"documents", "page_start", "INTEGER"},
	{"documents", "page_end", "INTEGER"},
	{"tables", "page", "INTEGER"},
	{"tables", "page_end", "INTEGER"},
	{"table_rows", "page", "INTEGER"},
	{"table_rows", "page_end", "INTEGER"},
	{"targets", "page", "INTEGER"},
	{"targets", "page_end", "INTEGER"},
	{"targets", "sentence_start", "INTEGER"},
	{"targets", "sentence_end", "INTEGER"},
	{"tasks", "page", "INTEGER"},
	{"tasks", "page_end", "INTEGER"},
	{"task_departments", "department_id", "INTEGER REFERENCES departments(id)"},
}

func migrate(db *sql.DB) error {
	for _, a := range added {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`, a.table, a.column).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := db.Exec(fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", a.table, a.column, a.decl)); err != nil {
				return err
			}
		}
	}
	return nil
}
