package postgres

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"policyx/output/sqlite"
	"policyx/schema"
)

// WriteFile stores the documents of one input file.
func (d *DB) WriteFile(docs []*schema.Document) error {
	return d.WriteFiles([][]*schema.Document{docs})
}

// WriteFiles stores several input files in one transaction, replacing what
// was stored for the same SHA-256 or path, and marks their claims done.
func (d *DB) WriteFiles(files [][]*schema.Document) error {
	items := make([]sqlite.Item, len(files))
	for i, docs := range files {
		if len(docs) == 0 {
			return errors.New("postgres: WriteFile with no documents")
		}
		items[i] = sqlite.Item{Docs: docs}
	}
	return d.WriteItems(0, items)
}

// batch is what one write transaction stores.
type batch struct {
	run    int64
	files  [][]*schema.Document
	staged map[string]*stagedTable
	rows   []sqlite.FileRow // files rows of run
}

// WriteItems stores a batch of items of run (0: none) as the SQLite sink
// does: the documents of each item replace what was stored for the same
// SHA-256 or path, their claims are marked done, and the files rows
// follow, linked to their documents. The rows are staged at once; one
// transaction at a time runs in the background, and the items that arrive
// while it runs go together in the next (up to maxPending files), so a
// slower server gets larger transactions instead of a queue. An error
// comes with a later call or Flush.
func (d *DB) WriteItems(run int64, items []sqlite.Item) error {
	if len(items) == 0 {
		return nil
	}
	d.poll()
	if d.sticky != nil {
		return d.sticky
	}
	if d.pending != nil && d.pending.run != run {
		if err := d.Flush(); err != nil {
			return err
		}
	}
	if d.pending == nil {
		d.pending = &batch{run: run}
	}
	var files [][]*schema.Document
	for _, it := range items {
		if len(it.Docs) > 0 {
			files = append(files, it.Docs)
		}
		d.pending.rows = append(d.pending.rows, it.Files...)
	}
	if len(files) > 0 {
		if err := d.mem.WriteFiles(files); err != nil { // one staging transaction: nothing of it kept
			return fmt.Errorf("postgres: staging: %w", err)
		}
		d.pending.files = append(d.pending.files, files...)
	}
	if d.inflight == nil || len(d.pending.files) >= maxPending {
		return d.launch()
	}
	return nil
}

// maxPending bounds the files staged while a transaction runs.
const maxPending = 128

// launch waits for the transaction under way and starts the next with
// every pending item.
func (d *DB) launch() error {
	if err := d.wait(); err != nil {
		return err
	}
	b := d.pending
	d.pending = nil
	if len(b.files) > 0 {
		var err error
		b.staged, err = d.readStaging()
		d.clearStaging()
		if err != nil {
			return fmt.Errorf("postgres: staging: %w", err)
		}
	}
	done := make(chan error, 1)
	d.inflight = done
	go func() { done <- d.send(context.Background(), b) }()
	return nil
}

// Flush writes what is pending, waits for it and returns the first write
// error of this sink.
func (d *DB) Flush() error {
	if d.pending != nil && d.sticky == nil {
		if err := d.launch(); err != nil {
			return err
		}
	}
	return d.wait()
}

// wait waits for the transaction under way.
func (d *DB) wait() error {
	if d.inflight != nil {
		if err := <-d.inflight; err != nil && d.sticky == nil {
			d.sticky = err
		}
		d.inflight = nil
	}
	return d.sticky
}

// poll notes the end of the transaction under way, if it ended.
func (d *DB) poll() {
	if d.inflight == nil {
		return
	}
	select {
	case err := <-d.inflight:
		d.inflight = nil
		if err != nil && d.sticky == nil {
			d.sticky = err
		}
	default:
	}
}

// allocate takes a block of n ids of each table, outside the write
// transaction so that concurrent writers do not queue on id_alloc, and
// returns the first id of each block.
func (d *DB) allocate(ctx context.Context, need map[string]int64) (map[string]int64, error) {
	var tabs []string
	for name, n := range need {
		if n > 0 {
			tabs = append(tabs, name)
		}
	}
	sort.Strings(tabs)
	base := map[string]int64{}
	if len(tabs) == 0 {
		return base, nil
	}
	b := &pgx.Batch{}
	for _, name := range tabs {
		b.Queue(allocSQL, name, need[name])
	}
	br := d.pool.SendBatch(ctx, b)
	defer br.Close()
	for _, name := range tabs {
		var v int64
		if err := br.QueryRow().Scan(&v); err != nil {
			return nil, fmt.Errorf("postgres: allocate ids: %w", err)
		}
		base[name] = v
	}
	return base, br.Close()
}

// allocSQL takes $2 ids of table $1 and returns the first.
const allocSQL = `INSERT INTO id_alloc AS a (tbl, next) VALUES ($1, $2 + 1) ON CONFLICT (tbl) DO UPDATE SET next = a.next + $2 RETURNING next - $2`

// send allocates the ids of a staged batch and writes it in one
// transaction, again when PostgreSQL picked it as a deadlock victim.
func (d *DB) send(ctx context.Context, b *batch) error {
	need := map[string]int64{"files": int64(len(b.rows))}
	mins := map[string]int64{}
	for name, st := range b.staged {
		switch name {
		case "departments": // ids for new names only, in the transaction
		case "documents": // documentIDs
		default:
			need[name] = st.n
		}
		mins[name] = st.min
	}
	base, err := d.allocate(ctx, need)
	if err != nil {
		return err
	}
	var docIDs map[int64]int64
	if st := b.staged["documents"]; st != nil {
		if docIDs, err = d.documentIDs(ctx, st); err != nil {
			return fmt.Errorf("postgres: document ids: %w", err)
		}
	}
	for _, st := range b.staged {
		d.renumber(st, base, mins, docIDs)
	}
	if st := b.staged["documents"]; st != nil && b.run != 0 {
		if j := colIndex(st.cols, "run_id"); j >= 0 {
			for _, r := range st.rows {
				r[j] = b.run
			}
		}
	}
	w := d.prepare(b, base["files"])
	for attempt := 0; attempt < 8; attempt++ {
		err = d.writeTx(ctx, b, w)
		var pe *pgconn.PgError
		if err == nil || !errors.As(err, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	return err
}

// written is a batch as its transaction's statements take it.
type written struct {
	fts              [][]any  // documents_fts rows
	shas, paths      []string // of the stored files (documents replaced)
	done, doneStatus []string // claims finished, sorted, with their status
	files            fileRows
}

// fileRows are the files rows of a batch, column by column.
type fileRows struct {
	id                                 []int64
	path                               [][]byte
	display, sha, status, message, doc []string
}

func (d *DB) prepare(b *batch, firstFile int64) *written {
	w := &written{}
	status := map[string]string{}
	tokens := map[string]string{}
	for _, docs := range b.files {
		w.shas = append(w.shas, docs[0].SHA256)
		w.paths = append(w.paths, text(docs[0].Path))
		s := "ok"
		for _, doc := range docs {
			if doc.Status == schema.StatusFailed {
				s = "failed"
			}
			if len(doc.Tokens) > 0 {
				tokens[fmt.Sprintf("%s\x00%d", doc.SHA256, doc.Part)] = text(strings.Join(doc.Tokens, " "))
			}
		}
		status[docs[0].SHA256] = s
	}
	if st := b.staged["documents"]; st != nil {
		is, ip := colIndex(st.cols, "source_sha256"), colIndex(st.cols, "part")
		for _, r := range st.rows {
			if tk, ok := tokens[fmt.Sprintf("%v\x00%v", r[is], r[ip])]; ok {
				w.fts = append(w.fts, []any{r[st.idAt], tk})
			}
		}
	}
	w.done = append([]string(nil), w.shas...)
	sort.Strings(w.done)
	w.done = compactStrings(w.done)
	for _, s := range w.done {
		w.doneStatus = append(w.doneStatus, status[s])
	}
	// One row per path (the last, as INSERT OR REPLACE leaves it).
	last := map[string]int{}
	for i, f := range b.rows {
		last[f.Path] = i
	}
	for i, f := range b.rows {
		if last[f.Path] != i {
			continue
		}
		fr := &w.files
		fr.id = append(fr.id, firstFile+int64(len(fr.id)))
		fr.path = append(fr.path, []byte(f.Path))
		fr.display = append(fr.display, pgText(f.Display))
		fr.sha = append(fr.sha, f.SHA256)
		fr.status = append(fr.status, f.Status)
		fr.message = append(fr.message, pgText(f.Message))
		fr.doc = append(fr.doc, f.DocSHA256)
	}
	return w
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func (d *DB) writeTx(ctx context.Context, b *batch, w *written) error {
	return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock_shared(hashtext($1))`, d.linksKey()); err != nil {
			return err
		}
		if len(w.shas) > 0 {
			if err := d.writeDocs(ctx, tx, b.run, b.staged, w); err != nil {
				return err
			}
		}
		if len(w.files.id) > 0 {
			if _, err := tx.Exec(ctx, insertFiles, b.run, w.files.id, w.files.path, w.files.display, w.files.sha,
				w.files.status, w.files.message, w.files.doc); err != nil {
				return fmt.Errorf("postgres: files rows: %w", err)
			}
		}
		if len(w.shas) > 0 && b.run != 0 {
			if _, err := tx.Exec(ctx, moveLinked, w.shas, w.paths, b.run); err != nil {
				return fmt.Errorf("postgres: move kept documents: %w", err)
			}
		}
		return nil
	})
}

// deleteStale deletes the documents the files of a batch replace (as the
// SQLite sink's staleOf): the same bytes ($1), and other bytes stored under
// their paths ($2) unless a files row of the run ($3), stored or in the
// batch ($4, the SHA-256s its rows link to), links to those bytes: another
// path of the run has them, and moveLinked gives them to it. Linked by
// SHA-256, so every part of a file is kept, not only its first.
const deleteStale = `DELETE FROM documents d WHERE d.source_sha256 = ANY($1) OR (d.source_path = ANY($2)
	AND d.source_sha256 <> ALL($4::text[])
	AND NOT EXISTS (SELECT 1 FROM files f JOIN documents k ON k.id = f.document_id WHERE f.run_id = $3 AND k.source_sha256 = d.source_sha256))`

// moveLinked gives the bytes a path of the batch ($2) held before, kept by
// deleteStale, to the first path of run $3 linked to them (the SQLite
// sink's moveLinked); $1 are the batch's own SHA-256s.
const moveLinked = `UPDATE documents d SET source_path = (SELECT f.display_path FROM files f JOIN documents k ON k.id = f.document_id
		WHERE f.run_id = $3 AND k.source_sha256 = d.source_sha256 ORDER BY f.id LIMIT 1)
	WHERE d.source_path = ANY($2) AND d.source_sha256 <> ALL($1)
	AND EXISTS (SELECT 1 FROM files f JOIN documents k ON k.id = f.document_id WHERE f.run_id = $3 AND k.source_sha256 = d.source_sha256)`

// insertFiles writes files rows of run $1 (INSERT OR REPLACE of the SQLite
// sink), each linked to the first part stored for its document SHA-256.
const insertFiles = `INSERT INTO files AS f (id, run_id, path, display_path, sha256, status, message, document_id)
	SELECT u.id, $1, u.p, u.dp, nullif(u.s, ''), u.st, nullif(u.m, ''),
		(SELECT d.id FROM documents d WHERE d.source_sha256 = u.ds ORDER BY d.part LIMIT 1)
	FROM unnest($2::bigint[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(id, p, dp, s, st, m, ds)
	ON CONFLICT (run_id, path) DO UPDATE SET id = excluded.id, display_path = excluded.display_path, sha256 = excluded.sha256,
		status = excluded.status, message = excluded.message, document_id = excluded.document_id`

// writeDocs replaces the documents of the batch's files and marks their
// claims done.
func (d *DB) writeDocs(ctx context.Context, tx pgx.Tx, run int64, staged map[string]*stagedTable, w *written) error {
	linked := []string{} // what the batch's files rows link to (never NULL: <> ALL(NULL) is NULL)
	if run != 0 {
		linked = append(linked, w.files.doc...)
	}
	if _, err := tx.Exec(ctx, deleteStale, w.shas, w.paths, run, linked); err != nil {
		return fmt.Errorf("postgres: delete old rows: %w", err)
	}
	for _, name := range d.der.order() {
		st := staged[name]
		if st == nil || len(st.rows) == 0 {
			continue
		}
		if name == "departments" {
			if err := d.upsertDepartments(ctx, tx, st, staged); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{name}, st.cols, pgx.CopyFromRows(st.rows)); err != nil {
			return fmt.Errorf("postgres: copy %s: %w", name, err)
		}
	}
	if len(w.fts) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"documents_fts"}, []string{"document_id", "tokens"}, pgx.CopyFromRows(w.fts)); err != nil {
			return fmt.Errorf("postgres: copy documents_fts: %w", err)
		}
	}
	// files rows of runs under way (a process that left these bytes to
	// this one) link to the documents now stored.
	if _, err := tx.Exec(ctx, `UPDATE files f SET document_id = (SELECT d.id FROM documents d WHERE d.source_sha256 = f.sha256 ORDER BY d.part LIMIT 1)
		WHERE f.sha256 = ANY($1) AND f.document_id IS NULL AND f.status IN ('unchanged','duplicate')
		AND f.run_id IN (SELECT id FROM runs WHERE status = 'running')`, w.done); err != nil {
		return fmt.Errorf("postgres: relink files rows: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO claims AS c (sha256, owner_pid, owner_start, expires, done_at, status)
		SELECT s, $2, $3, now(), now(), st FROM unnest($1::text[], $4::text[]) AS u(s, st)
		ON CONFLICT (sha256) DO UPDATE SET done_at = now(), status = excluded.status`,
		w.done, int64(d.ownerPID), d.ownerStart, w.doneStatus); err != nil {
		return fmt.Errorf("postgres: finish claims: %w", err)
	}
	return nil
}
