package sqlite

// The run bookkeeping of the database: whose file it is (application_id),
// the runs table (one row per policyx run) and the files table (one row per
// path walked or given, per run).

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"policyx/schema"
)

// OpenOption configures Open.
type OpenOption func(*openOptions)

type openOptions struct {
	busy  time.Duration
	words func(string) []string // segmenter for rebuilding documents_words
	noFTS bool                  // WithoutFullText
}

// WithoutFullText opens the database without its full-text indexes (a
// staging database whose rows are copied elsewhere: output/postgres).
func WithoutFullText() OpenOption { return func(o *openOptions) { o.noFTS = true } }

// WithBusyTimeout sets how long a write waits for a lock held by another
// connection before it fails with "database is locked" (default 10 s).
func WithBusyTimeout(d time.Duration) OpenOption { return func(o *openOptions) { o.busy = d } }

// uriPath escapes what a file: URI would read as its own (%, ? and #),
// so that any folder name works as OUTDIR.
func uriPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// ErrForeign marks a database that policyx did not write.
var ErrForeign = errors.New("not a policyx database")

// ErrReadOnly marks an output database that cannot be written.
var ErrReadOnly = errors.New("OUTDIR is not writable")

// owner checks, before anything is written, that the file at path is empty
// or a policyx database (application_id, or an older policyx database
// without one: user_version 1), then switches on WAL.
func owner(db *sql.DB, path string) error {
	var app, uv, objects int
	if err := db.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return readOnly(fmt.Errorf("%s: not a database: %w", path, err))
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&uv); err != nil {
		return fmt.Errorf("%s: not a database: %w", path, err)
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&objects); err != nil {
		return fmt.Errorf("%s: not a database: %w", path, err)
	}
	switch {
	case app == schema.ApplicationID || (app == 0 && objects == 0):
	case app == 0 && uv == schema.UserVersion:
		// Written by a policyx from before application_id: adopted.
	default:
		return fmt.Errorf("%s: %w (application_id %#x, user_version %d, %d tables/indexes of its own): policyx does not touch it; use another output folder",
			path, ErrForeign, app, uv, objects)
	}
	if uv != 0 && uv != schema.UserVersion {
		return fmt.Errorf("%s: database has user_version %d, this policyx writes %d: use another output folder", path, uv, schema.UserVersion)
	}
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return readOnly(fmt.Errorf("%s: %w", path, err))
	}
	return nil
}

// readOnly turns SQLite's words for a file it may not write into
// ErrReadOnly.
func readOnly(err error) error {
	if err == nil {
		return nil
	}
	m := err.Error()
	if strings.Contains(m, "readonly database") || strings.Contains(m, "unable to open database file") {
		return fmt.Errorf("%w: %v", ErrReadOnly, err)
	}
	return err
}

// afterMigrate creates what needs columns migrate may just have added.
func afterMigrate(db *sql.DB) error {
	_, err := db.Exec(`CREATE INDEX IF NOT EXISTS documents_run ON documents(run_id)`)
	return err
}

// rowKeys are the keys of a document row that the writer, not the
// document, decides: its id (kept across re-processing) and its run.
type rowKeys struct {
	id  int64 // 0: a new id
	run int64 // 0: none
}

func (k rowKeys) idArg() any {
	if k.id == 0 {
		return nil
	}
	return k.id
}

func (k rowKeys) runArg() any {
	if k.run == 0 {
		return nil
	}
	return k.run
}

// staleOf selects the documents a file (?1 its SHA-256, ?2 its path) replaces:
// the same bytes, and other bytes stored under the same path, unless a
// files row of run ?3 links to them (another path of the run has those bytes).
const staleOf = `SELECT id FROM documents WHERE source_sha256 = ?1 OR (source_path = ?2 AND source_sha256 != ?1
	AND id NOT IN (SELECT document_id FROM files WHERE run_id = ?3 AND document_id IS NOT NULL))`

// moveLinked gives the bytes a path held before (?2, other than ?1) to the
// first path of run ?3 linked to them.
const moveLinked = `UPDATE documents SET source_path = (SELECT f.display_path FROM files f WHERE f.run_id = ?3 AND f.document_id = documents.id ORDER BY f.id LIMIT 1)
	WHERE source_path = ?2 AND source_sha256 != ?1 AND id IN (SELECT document_id FROM files WHERE run_id = ?3 AND document_id IS NOT NULL)`

// partIDs returns the ids of the parts stored for sha, by part number.
func partIDs(tx *wtx, sha string) (map[int]int64, error) {
	ids := map[int]int64{}
	err := eachRow(tx, func(rows *sql.Rows) error {
		var part int
		var id int64
		if err := rows.Scan(&part, &id); err != nil {
			return err
		}
		ids[part] = id
		return nil
	}, `SELECT part, id FROM documents WHERE source_sha256 = ?`, sha)
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// Run statuses (runs.status).
const (
	RunRunning     = "running"
	RunOK          = "ok"
	RunFailed      = "failed" // some files failed
	RunInterrupted = "interrupted"
	RunError       = "error" // the run could not go on
)

// File statuses (files.status).
const (
	FileProcessed = "processed"
	FileUnchanged = "unchanged"
	FileDuplicate = "duplicate"
	FileSkipped   = "skipped"
	FileFailed    = "failed"
	FileMissing   = "missing"
)

// BeginRun records a new run and returns its id. Runs left "running" by a
// process that is gone (killed) are marked interrupted first: the caller
// holds the OUTDIR lock, so no other run is live.
func (d *DB) BeginRun(version string, args []string, pid int) (int64, error) {
	if args == nil {
		args = []string{}
	}
	a, _ := json.Marshal(args)
	if _, err := d.db.Exec(`UPDATE runs SET status = 'interrupted', message = coalesce(message, 'ended without finishing (killed)')
		WHERE status = 'running'`); err != nil {
		return 0, readOnly(err)
	}
	res, err := d.db.Exec(`INSERT INTO runs (version, args_json, pid, started_at) VALUES (?, ?, ?, ?)`,
		text(version), text(string(a)), pid, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return 0, readOnly(err)
	}
	return res.LastInsertId()
}

// RunCounts are the counts of a run's files rows by status.
type RunCounts struct {
	Files, Processed, Unchanged, Duplicate, Skipped, Failed, Missing int
}

// add counts n files rows of status s.
func (c *RunCounts) add(s string, n int) {
	c.Files += n
	switch s {
	case FileProcessed:
		c.Processed = n
	case FileUnchanged:
		c.Unchanged = n
	case FileDuplicate:
		c.Duplicate = n
	case FileSkipped:
		c.Skipped = n
	case FileFailed:
		c.Failed = n
	case FileMissing:
		c.Missing = n
	}
}

// CountFiles counts the files rows of run by status.
func (d *DB) CountFiles(run int64) (RunCounts, error) {
	rows, err := d.db.Query(`SELECT status, count(*) FROM files WHERE run_id = ? GROUP BY status`, run)
	if err != nil {
		return RunCounts{}, err
	}
	defer rows.Close()
	return ScanCounts(rows)
}

// Rows is what database/sql and pgx rows share.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ScanCounts reads (status, count) rows of files into counts.
func ScanCounts(rows Rows) (RunCounts, error) {
	var c RunCounts
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return c, err
		}
		c.add(s, n)
	}
	return c, rows.Err()
}

// InTx runs fn in one transaction of db: committed when fn returns nil,
// rolled back otherwise.
func InTx(db *sql.DB, fn func(tx *sql.Tx) error) error { return inTx(db, fn) }

// FinishRun records how run ended, with its files counts.
func (d *DB) FinishRun(run int64, status, message string) error {
	c, err := d.CountFiles(run)
	if err != nil {
		return err
	}
	_, err = d.db.Exec(`UPDATE runs SET finished_at = ?, status = ?, message = ?, n_files = ?, n_processed = ?, n_unchanged = ?,
		n_duplicate = ?, n_skipped = ?, n_failed = ?, n_missing = ? WHERE id = ?`,
		time.Now().UTC().Format(time.RFC3339), status, null(message), c.Files, c.Processed, c.Unchanged, c.Duplicate,
		c.Skipped, c.Failed, c.Missing, run)
	return err
}

// FileRow is one files row: a path and what became of it.
type FileRow struct {
	Path    string // raw bytes of the name
	Display string // valid UTF-8 form (documents.source_path)
	SHA256  string // of the file's bytes; "" when not read
	Status  string
	Message string
	// DocSHA256 finds the document the row links to (its source_sha256):
	// the file's own SHA-256, or the one a failed unreadable file was
	// stored under; "" for none.
	DocSHA256 string
}

// Item is what the writer stores for one path: the documents of its bytes
// when it was processed (nil otherwise) and the files rows it accounts for
// (its own and those of its duplicates).
type Item struct {
	Docs  []*schema.Document
	Files []FileRow
}

// WriteItems stores a batch of items of run in one transaction: documents
// first, then the files rows linked to them.
func (d *DB) WriteItems(run int64, items []Item) error {
	if len(items) == 0 {
		return nil
	}
	var fts *ftsQueue
	if d.fts {
		fts = &ftsQueue{}
	}
	defer d.stmts.fill(d.db)
	return inTx(d.db, func(stx *sql.Tx) error {
		tx := d.stmts.begin(stx)
		for _, it := range items {
			if len(it.Docs) > 0 {
				if err := writeFile(tx, it.Docs, fts, run, d.num); err != nil {
					return err
				}
			}
			for _, f := range it.Files {
				if err := insertFile(tx, run, f); err != nil {
					return fmt.Errorf("%s: files row: %w", f.Display, err)
				}
			}
		}
		if fts != nil {
			return fts.apply(tx)
		}
		return nil
	})
}

func insertFile(tx *wtx, run int64, f FileRow) error {
	_, err := tx.Exec(`INSERT OR REPLACE INTO files (run_id, path, display_path, sha256, status, message, document_id)
		VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM documents WHERE source_sha256 = ? ORDER BY part LIMIT 1))`,
		run, []byte(f.Path), text(f.Display), null(f.SHA256), f.Status, null(f.Message), f.DocSHA256)
	return err
}

// StoredFile is what the database holds for one SHA-256.
type StoredFile struct {
	Path     string // source_path of part 1
	Workbook string // "" when none
	Failed   bool   // some part failed: process the bytes again
}

// StoredFiles returns every stored SHA-256 with its path and workbook.
func (d *DB) StoredFiles() (map[string]StoredFile, error) {
	out := map[string]StoredFile{}
	err := eachRow(d.db, func(rows *sql.Rows) error {
		var sha string
		var s StoredFile
		if err := rows.Scan(&sha, &s.Path, &s.Workbook, &s.Failed); err != nil {
			return err
		}
		out[sha] = s
		return nil
	}, `SELECT source_sha256, min(source_path), coalesce(max(workbook), ''), sum(status = 'failed') > 0
		FROM documents GROUP BY source_sha256`)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// StoredPath is a stored source path with its bytes as last walked.
type StoredPath struct {
	Display  string   // documents.source_path
	Raw      string   // the name's bytes (files.path), Display when unknown
	Workbook string   // "" when none
	IDs      []int64  // its documents
	SHA256   []string // their source_sha256
}

// StoredPaths returns every stored source path.
func (d *DB) StoredPaths() ([]StoredPath, error) {
	var out []StoredPath
	err := eachRow(d.db, func(rows *sql.Rows) error {
		var id int64
		var disp, sha, wb string
		var raw []byte
		if err := rows.Scan(&id, &disp, &sha, &wb, &raw); err != nil {
			return err
		}
		out = AddStoredPath(out, id, disp, sha, wb, raw)
		return nil
	}, `SELECT d.id, d.source_path, d.source_sha256, coalesce(d.workbook, ''),
		coalesce((SELECT f.path FROM files f WHERE f.document_id = d.id AND f.display_path = d.source_path ORDER BY f.id DESC LIMIT 1),
		         CAST(d.source_path AS BLOB))
		FROM documents d ORDER BY d.source_path, d.part`)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AddStoredPath adds a document row, read in source path order, to the
// stored paths out.
func AddStoredPath(out []StoredPath, id int64, disp, sha, wb string, raw []byte) []StoredPath {
	if n := len(out); n > 0 && out[n-1].Display == disp {
		out[n-1].IDs = append(out[n-1].IDs, id)
		out[n-1].SHA256 = append(out[n-1].SHA256, sha)
		if out[n-1].Workbook == "" {
			out[n-1].Workbook = wb
		}
		return out
	}
	return append(out, StoredPath{Display: disp, Raw: string(raw), Workbook: wb, IDs: []int64{id}, SHA256: []string{sha}})
}

// DeleteDocuments deletes documents (and every row that hangs on them) in
// one transaction; files rows keep their history with no document.
func (d *DB) DeleteDocuments(ids []int64) error {
	return inTx(d.db, func(tx *sql.Tx) error {
		for _, id := range ids {
			if d.fts {
				if err := ftsDelete(tx, `SELECT ?`, id); err != nil {
					return err
				}
			} else if err := markStale(tx); err != nil {
				return err
			}
			if _, err := tx.Exec(`DELETE FROM documents WHERE id = ?`, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// RunFacts counts the documents and facts the paths of run stand for (each
// document once, however many paths share its bytes; failed ones left out).
func (d *DB) RunFacts(run int64) (docs, partial, tables, targets, tasks, checks int, err error) {
	err = d.db.QueryRow(`WITH ds AS (SELECT id, status FROM documents WHERE status != 'failed' AND source_sha256 IN
		(SELECT sha256 FROM files WHERE run_id = ? AND status IN ('processed','unchanged','duplicate') AND sha256 IS NOT NULL))
		SELECT count(*), coalesce(sum(status = 'partial'), 0),
		(SELECT count(*) FROM tables WHERE document_id IN (SELECT id FROM ds)),
		(SELECT count(*) FROM targets WHERE document_id IN (SELECT id FROM ds)),
		(SELECT count(*) FROM tasks WHERE document_id IN (SELECT id FROM ds)),
		(SELECT count(*) FROM checks WHERE document_id IN (SELECT id FROM ds))
		FROM ds`, run).Scan(&docs, &partial, &tables, &targets, &tasks, &checks)
	return
}
