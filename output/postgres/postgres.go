// Package postgres writes documents and their facts into a PostgreSQL schema
// (policyx by default) with the tables, columns and meaning of the SQLite
// sink (schema/ddl.sql, ../shared/eval/CONTRACT.md), so that any number of
// policyx processes on any number of machines can feed one database.
//
// Rows are produced by the SQLite sink's own code into an in-memory SQLite
// staging database, one batch at a time, and copied to PostgreSQL with COPY
// (ids renumbered from per-table blocks), so both sinks store the same rows by
// construction. Coordination is the database's: every input file is claimed
// by its SHA-256 in the claims table (INSERT … ON CONFLICT … WHERE stale), a
// claim whose process died (its backend is gone) or expired may be taken
// over, and a batch's rows, its departments and its claims' completion are
// committed in one transaction.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"policyx/output/sqlite"
	"policyx/schema"
)

// DefaultSchema is the PostgreSQL schema policyx writes into.
const DefaultSchema = "policyx"

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://).
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

type options struct {
	schema   string
	claimTTL time.Duration
}

// Option configures Open.
type Option func(*options)

// WithSchema sets the PostgreSQL schema (default "policyx").
func WithSchema(s string) Option { return func(o *options) { o.schema = s } }

// WithClaimTTL sets how long a claim holds when its process is alive but
// silent (default 15 minutes); a claim of a process whose connection is gone
// is free at once.
func WithClaimTTL(d time.Duration) Option { return func(o *options) { o.claimTTL = d } }

// DB is an open PostgreSQL sink. WriteFiles must be called from one
// goroutine; Claim may be called from any.
type DB struct {
	pool   *pgxpool.Pool
	lease  *pgx.Conn // its backend identifies this process's claims
	schema string
	der    *Derived
	mem    *sqlite.DB // staging: the SQLite sink's rows of one batch
	// Skipped lists the views of the SQLite DDL PostgreSQL did not accept.
	Skipped    []string
	ownerPID   uint32
	ownerStart time.Time
	runStart   time.Time
	ttl        time.Duration
	// One batch is written in the background while the pipeline stages
	// the next (inflight); after a failed write every later one fails.
	inflight chan error
	sticky   error
}

var identRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Open connects to the database at url, creates or checks the schema and
// returns the sink.
func Open(ctx context.Context, url string, opts ...Option) (*DB, error) {
	o := options{schema: DefaultSchema, claimTTL: 15 * time.Minute}
	for _, f := range opts {
		f(&o)
	}
	if !identRe.MatchString(o.schema) {
		return nil, fmt.Errorf("postgres: schema name %q: want letters, digits and _", o.schema)
	}
	der, err := Derive(schema.DDL + ";\n" + schema.ViewsDDL + ";\n" + schema.QuotasDDL)
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = o.schema
	if cfg.MaxConns < 4 {
		cfg.MaxConns = 4
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	d := &DB{pool: pool, schema: o.schema, der: der, ttl: o.claimTTL}
	fail := func(err error) (*DB, error) {
		d.Close()
		return nil, err
	}
	if err := d.setup(ctx); err != nil {
		return fail(fmt.Errorf("postgres: schema %s: %w", o.schema, err))
	}
	if d.lease, err = pgx.ConnectConfig(ctx, cfg.ConnConfig.Copy()); err != nil {
		return fail(fmt.Errorf("postgres: %w", err))
	}
	if err := d.lease.QueryRow(ctx, `SELECT pid, backend_start, now() FROM pg_stat_activity WHERE pid = pg_backend_pid()`).
		Scan(&d.ownerPID, &d.ownerStart, &d.runStart); err != nil {
		return fail(fmt.Errorf("postgres: claim identity: %w", err))
	}
	if d.mem, err = sqlite.Open(":memory:", sqlite.WithoutFullText()); err != nil {
		return fail(fmt.Errorf("postgres: staging database: %w", err))
	}
	return d, nil
}

// Close closes the connections.
func (d *DB) Close() error {
	err := d.Flush()
	if d.mem != nil {
		d.mem.Close()
	}
	if d.lease != nil {
		d.lease.Close(context.Background())
	}
	d.pool.Close()
	return err
}

// Pool exposes the connection pool (reports, tests, export).
func (d *DB) Pool() *pgxpool.Pool { return d.pool }

// Schema is the PostgreSQL schema name.
func (d *DB) Schema() string { return d.schema }

const extraDDL = `
CREATE TABLE IF NOT EXISTS documents_fts (
  document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  tokens      TEXT NOT NULL,
  tsv         tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED
);
CREATE INDEX IF NOT EXISTS documents_fts_tsv ON documents_fts USING gin (tsv);
CREATE TABLE IF NOT EXISTS claims (
  sha256      TEXT PRIMARY KEY,
  owner_pid   INTEGER NOT NULL,
  owner_start TIMESTAMPTZ NOT NULL,
  expires     TIMESTAMPTZ NOT NULL,
  done_at     TIMESTAMPTZ,
  status      TEXT
);
CREATE TABLE IF NOT EXISTS id_alloc (
  tbl  TEXT PRIMARY KEY,
  next BIGINT NOT NULL
);
CREATE OR REPLACE FUNCTION merge_aliases(a TEXT, b TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce('[' || string_agg(to_json(x)::text, ',' ORDER BY x COLLATE "C") || ']', '[]')
  FROM (SELECT jsonb_array_elements_text(coalesce(a, '[]')::jsonb) AS x
        UNION SELECT jsonb_array_elements_text(coalesce(b, '[]')::jsonb)) s
$$;
`

// setup creates the schema under an advisory lock (several processes start
// together) and checks the contract version in schema_version.
func (d *DB) setup(ctx context.Context) error {
	tx, err := d.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('policyx schema ' || $1::text))`, d.schema); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+d.schema); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	var v int
	err = tx.QueryRow(ctx, `SELECT version FROM schema_version`).Scan(&v)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		if _, err := tx.Exec(ctx, `INSERT INTO schema_version VALUES ($1)`, schema.UserVersion); err != nil {
			return err
		}
	case err != nil:
		return err
	case v != schema.UserVersion:
		return fmt.Errorf("schema_version is %d, this policyx writes %d: use another -db-schema", v, schema.UserVersion)
	}
	have, err := d.columns(ctx, tx)
	if err != nil {
		return err
	}
	for _, name := range d.der.order() { // referenced tables first
		t := d.der.Table(name)
		if _, err := tx.Exec(ctx, t.SQL); err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		if !tableExisted(have, t.Name) {
			continue
		}
		// Columns added to the DDL after the table was created here.
		for _, c := range t.Columns {
			if have[t.Name+"."+c.Name] {
				continue
			}
			if _, err := tx.Exec(ctx, fmt.Sprintf("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s", t.Name, c.Name, addable(c.Decl))); err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
		}
	}
	for _, ix := range d.der.Indexes {
		if _, err := tx.Exec(ctx, ix); err != nil {
			return fmt.Errorf("%s: %w", ix, err)
		}
	}
	if _, err := tx.Exec(ctx, extraDDL); err != nil {
		return err
	}
	for _, v := range d.der.Views {
		if _, err := tx.Exec(ctx, "SAVEPOINT view"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, v.SQL); err != nil {
			d.Skipped = append(d.Skipped, v.Name)
			if _, err := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT view"); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.Exec(ctx, "RELEASE SAVEPOINT view"); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

func tableExisted(have map[string]bool, table string) bool {
	for k := range have {
		if strings.HasPrefix(k, table+".") {
			return true
		}
	}
	return false
}

var reNotNull = regexp.MustCompile(`(?i)\s+(NOT\s+NULL|PRIMARY\s+KEY|UNIQUE)\b`)

// addable drops the constraints ALTER TABLE ADD COLUMN cannot meet on a
// table that has rows.
func addable(decl string) string { return reNotNull.ReplaceAllString(decl, "") }

// DoneSet returns the SHA-256 of every file stored and not failed.
func (d *DB) DoneSet() (map[string]bool, error) {
	if err := d.Flush(); err != nil {
		return nil, err
	}
	ctx := context.Background()
	rows, err := d.pool.Query(ctx, `SELECT source_sha256 FROM documents GROUP BY source_sha256 HAVING sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out[s] = true
	}
	return out, rows.Err()
}

// Stored returns the documents stored for a file's SHA-256 with their facts
// counted.
func (d *DB) Stored(sha string) ([]sqlite.StoredDoc, error) {
	rows, err := d.pool.Query(context.Background(), `SELECT d.id, d.source_path, d.part, d.format, coalesce(d.title,''), coalesce(d.doc_number,''),
		coalesce(d.issuer,''), coalesce(d.issue_date,''), coalesce(d.jurisdiction,''), d.status, coalesce(d.error,''),
		(SELECT count(*) FROM tables t WHERE t.document_id = d.id),
		(SELECT count(*) FROM targets t WHERE t.document_id = d.id),
		(SELECT count(*) FROM tasks t WHERE t.document_id = d.id),
		(SELECT count(*) FROM checks t WHERE t.document_id = d.id)
		FROM documents d WHERE d.source_sha256 = $1 ORDER BY d.part`, sha)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sqlite.StoredDoc
	for rows.Next() {
		var s sqlite.StoredDoc
		var part int64
		var nt, ng, nk, nc int64
		if err := rows.Scan(&s.ID, &s.Path, &part, &s.Format, &s.Meta.Title, &s.Meta.DocNumber, &s.Meta.Issuer,
			&s.Meta.IssueDate, &s.Meta.Jurisdiction, &s.Status, &s.Err, &nt, &ng, &nk, &nc); err != nil {
			return nil, err
		}
		s.Part, s.Tables, s.Targets, s.Tasks, s.Checks = int(part), int(nt), int(ng), int(nk), int(nc)
		out = append(out, s)
	}
	return out, rows.Err()
}

// Claim takes the file with this SHA-256 for this process. It returns false
// when another live process holds it, or when it was finished since this
// run started (or before, unless redo, or it failed then). A claim is taken
// over when its process's backend is gone or it expired.
func (d *DB) Claim(sha string, redo bool) (bool, error) {
	tag, err := d.pool.Exec(context.Background(), `INSERT INTO claims AS c (sha256, owner_pid, owner_start, expires)
		VALUES ($1, $2, $3, now() + $4 * interval '1 second')
		ON CONFLICT (sha256) DO UPDATE SET owner_pid = excluded.owner_pid, owner_start = excluded.owner_start,
			expires = excluded.expires, done_at = NULL, status = NULL
		WHERE (c.done_at IS NULL AND (c.expires < now() OR NOT EXISTS (
				SELECT 1 FROM pg_stat_activity a WHERE a.pid = c.owner_pid AND a.backend_start = c.owner_start)))
		   OR (c.done_at IS NOT NULL AND c.done_at < $5 AND ($6 OR c.status = 'failed'))`,
		sha, int64(d.ownerPID), d.ownerStart, d.ttl.Seconds(), d.runStart, redo)
	if err != nil {
		return false, fmt.Errorf("postgres: claim %s: %w", sha, err)
	}
	return tag.RowsAffected() == 1, nil
}

// WriteFile stores the documents of one input file.
func (d *DB) WriteFile(docs []*schema.Document) error {
	return d.WriteFiles([][]*schema.Document{docs})
}

// table rows read from the staging database.
type stagedTable struct {
	t    *Table
	cols []string
	rows [][]any
	min  int64 // smallest id (when the table has an id)
	n    int64 // ids to allocate
	idAt int   // index of the id column, -1 when none
}

// WriteFiles stores several input files in one transaction, replacing what
// was stored for the same SHA-256 or path, and marks their claims done.
func (d *DB) WriteFiles(files [][]*schema.Document) error {
	if len(files) == 0 {
		return nil
	}
	for _, docs := range files {
		if len(docs) == 0 {
			return errors.New("postgres: WriteFile with no documents")
		}
	}
	if err := d.Flush(); err != nil {
		return err
	}
	ctx := context.Background()
	if err := d.mem.WriteFiles(files); err != nil {
		d.clearStaging()
		return err
	}
	staged, err := d.readStaging()
	d.clearStaging()
	if err != nil {
		return fmt.Errorf("postgres: staging: %w", err)
	}
	// Ids: one block per table, taken outside the write transaction so
	// that concurrent writers do not queue on id_alloc.
	done := make(chan error, 1)
	d.inflight = done
	go func() { done <- d.send(ctx, files, staged) }()
	return nil
}

// Flush waits for the batch being written and returns the first write
// error of this sink.
func (d *DB) Flush() error {
	if d.inflight != nil {
		if err := <-d.inflight; err != nil && d.sticky == nil {
			d.sticky = err
		}
		d.inflight = nil
	}
	return d.sticky
}

// send allocates the ids of a staged batch and writes it in one
// transaction, again when PostgreSQL picked it as a deadlock victim.
func (d *DB) send(ctx context.Context, files [][]*schema.Document, staged map[string]*stagedTable) error {
	base := map[string]int64{}
	var tabs []string
	for name, st := range staged {
		if st.n > 0 {
			tabs = append(tabs, name)
		}
	}
	sort.Strings(tabs)
	if len(tabs) > 0 {
		b := &pgx.Batch{}
		for _, name := range tabs {
			b.Queue(`INSERT INTO id_alloc AS a (tbl, next) VALUES ($1, $2 + 1) ON CONFLICT (tbl) DO UPDATE SET next = a.next + $2 RETURNING next - $2`, name, staged[name].n)
		}
		br := d.pool.SendBatch(ctx, b)
		for _, name := range tabs {
			var v int64
			if err := br.QueryRow().Scan(&v); err != nil {
				br.Close()
				return fmt.Errorf("postgres: allocate ids: %w", err)
			}
			base[name] = v
		}
		if err := br.Close(); err != nil {
			return err
		}
	}
	mins := map[string]int64{}
	for name, st := range staged {
		mins[name] = st.min
	}
	for _, st := range staged {
		d.renumber(st, base, mins)
	}
	var shas, paths []string
	status := map[string]string{}
	tokens := map[string]string{}
	for _, docs := range files {
		shas = append(shas, docs[0].SHA256)
		paths = append(paths, text(docs[0].Path))
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
	var fts [][]any
	if st := staged["documents"]; st != nil {
		is, ip := colIndex(st.cols, "source_sha256"), colIndex(st.cols, "part")
		for _, r := range st.rows {
			if tk, ok := tokens[fmt.Sprintf("%v\x00%v", r[is], r[ip])]; ok {
				fts = append(fts, []any{r[st.idAt], tk})
			}
		}
	}
	sort.Strings(shas)
	var done, doneStatus []string
	for _, s := range shas {
		if len(done) > 0 && done[len(done)-1] == s {
			continue
		}
		done = append(done, s)
		doneStatus = append(doneStatus, status[s])
	}
	var err2 error
	for attempt := 0; attempt < 8; attempt++ {
		err2 = d.writeTx(ctx, staged, fts, shas, paths, done, doneStatus)
		var pe *pgconn.PgError
		if err2 == nil || !errors.As(err2, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	return err2
}

func (d *DB) writeTx(ctx context.Context, staged map[string]*stagedTable, fts [][]any, shas, paths, done, doneStatus []string) error {
	tx, err := d.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `DELETE FROM documents WHERE source_sha256 = ANY($1) OR source_path = ANY($2)`, shas, paths); err != nil {
		return fmt.Errorf("postgres: delete old rows: %w", err)
	}
	for _, name := range d.der.order() {
		st := staged[name]
		if st == nil || len(st.rows) == 0 {
			continue
		}
		if name == "departments" {
			ids, err := d.upsertDepartments(ctx, tx, st)
			if err != nil {
				return err
			}
			// Rows that name a department take the id it has here.
			for _, other := range staged {
				for j, c := range other.t.Columns {
					if c.Ref != "departments" {
						continue
					}
					for _, r := range other.rows {
						if v, ok := r[j].(int64); ok {
							if id, ok := ids[v]; ok {
								r[j] = id
							}
						}
					}
				}
			}
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{name}, st.cols, pgx.CopyFromRows(st.rows)); err != nil {
			return fmt.Errorf("postgres: copy %s: %w", name, err)
		}
	}
	if len(fts) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"documents_fts"}, []string{"document_id", "tokens"}, pgx.CopyFromRows(fts)); err != nil {
			return fmt.Errorf("postgres: copy documents_fts: %w", err)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO claims AS c (sha256, owner_pid, owner_start, expires, done_at, status)
		SELECT s, $2, $3, now(), now(), st FROM unnest($1::text[], $4::text[]) AS u(s, st)
		ON CONFLICT (sha256) DO UPDATE SET done_at = now(), status = excluded.status`,
		done, int64(d.ownerPID), d.ownerStart, doneStatus); err != nil {
		return fmt.Errorf("postgres: finish claims: %w", err)
	}
	return tx.Commit(ctx)
}

// upsertDepartments merges the batch's departments into the table in name
// order (so concurrent writers lock rows in one order): the jurisdiction of
// the batch when it has one, the union of the aliases — what the SQLite sink
// does with a read and an update.
func (d *DB) upsertDepartments(ctx context.Context, tx pgx.Tx, st *stagedTable) (map[int64]int64, error) {
	in := colIndex(st.cols, "name")
	sort.Slice(st.rows, func(i, j int) bool { return fmt.Sprint(st.rows[i][in]) < fmt.Sprint(st.rows[j][in]) })
	var sets []string
	ph := make([]string, len(st.cols))
	for i, c := range st.cols {
		ph[i] = fmt.Sprintf("$%d", i+1)
		switch c {
		case "id", "name":
		case "aliases_json":
			sets = append(sets, "aliases_json = merge_aliases(departments.aliases_json, excluded.aliases_json)")
		default:
			sets = append(sets, fmt.Sprintf("%s = coalesce(excluded.%s, departments.%s)", c, c, c))
		}
	}
	q := fmt.Sprintf("INSERT INTO departments (%s) VALUES (%s) ON CONFLICT (name) DO UPDATE SET %s RETURNING id",
		strings.Join(st.cols, ", "), strings.Join(ph, ", "), strings.Join(sets, ", "))
	b := &pgx.Batch{}
	for _, r := range st.rows {
		b.Queue(q, r...)
	}
	ids := map[int64]int64{}
	br := tx.SendBatch(ctx, b)
	for _, r := range st.rows {
		var id int64
		if err := br.QueryRow().Scan(&id); err != nil {
			br.Close()
			return nil, fmt.Errorf("postgres: departments: %w", err)
		}
		if v, ok := r[st.idAt].(int64); ok {
			ids[v] = id
		}
	}
	if err := br.Close(); err != nil {
		return nil, fmt.Errorf("postgres: departments: %w", err)
	}
	return ids, nil
}

func colIndex(cols []string, name string) int {
	for i, c := range cols {
		if c == name {
			return i
		}
	}
	return -1
}

// notCopied are the staging tables that are SQLite's own bookkeeping.
var notCopied = map[string]bool{"fts_state": true}

// readStaging reads every table of the staging database.
func (d *DB) readStaging() (map[string]*stagedTable, error) {
	out := map[string]*stagedTable{}
	db := d.mem.SQL()
	for i := range d.der.Tables {
		t := &d.der.Tables[i]
		if notCopied[t.Name] {
			continue
		}
		st := &stagedTable{t: t, idAt: -1}
		for j, c := range t.Columns {
			st.cols = append(st.cols, c.Name)
			if c.Name == "id" && strings.Contains(strings.ToUpper(c.Decl), "PRIMARY KEY") {
				st.idAt = j
			}
		}
		rows, err := db.Query("SELECT " + strings.Join(st.cols, ", ") + " FROM " + t.Name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Name, err)
		}
		var lo, hi int64
		for rows.Next() {
			r := make([]any, len(st.cols))
			ptr := make([]any, len(r))
			for k := range r {
				ptr[k] = &r[k]
			}
			if err := rows.Scan(ptr...); err != nil {
				rows.Close()
				return nil, err
			}
			for k, v := range r {
				switch x := v.(type) {
				case []byte:
					r[k] = pgText(string(x))
				case string:
					r[k] = pgText(x)
				}
			}
			if st.idAt >= 0 {
				id, _ := r[st.idAt].(int64)
				if len(st.rows) == 0 || id < lo {
					lo = id
				}
				if len(st.rows) == 0 || id > hi {
					hi = id
				}
			}
			st.rows = append(st.rows, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(st.rows) > 0 {
			if st.idAt >= 0 {
				st.min, st.n = lo, hi-lo+1
			}
			out[t.Name] = st
		}
	}
	return out, nil
}

// renumber moves a staged table's ids, and the ids it references, into the
// blocks allocated for this batch.
func (d *DB) renumber(st *stagedTable, base, mins map[string]int64) {
	type ref struct {
		at    int
		table string
	}
	var refs []ref
	for j, c := range st.t.Columns {
		if c.Ref != "" {
			refs = append(refs, ref{j, c.Ref})
		}
	}
	for _, r := range st.rows {
		if st.idAt >= 0 {
			r[st.idAt] = base[st.t.Name] + r[st.idAt].(int64) - st.min
		}
		for _, f := range refs {
			v, ok := r[f.at].(int64)
			if !ok {
				continue
			}
			if b, ok := base[f.table]; ok {
				r[f.at] = b + v - mins[f.table]
			}
		}
	}
}

func (d *DB) clearStaging() {
	db := d.mem.SQL()
	order := d.der.order()
	db.Exec("PRAGMA foreign_keys = OFF")
	for i := len(order) - 1; i >= 0; i-- {
		db.Exec("DELETE FROM " + order[i])
	}
	db.Exec("PRAGMA foreign_keys = ON")
}

// pgText makes a string storable in PostgreSQL text: valid UTF-8 without NUL.
func pgText(s string) string {
	s = text(s)
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	}
	return s
}

func text(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// Counts returns the number of rows of every table of the derived schema.
func (d *DB) Counts() (map[string]int, error) {
	if err := d.Flush(); err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, t := range d.der.Tables {
		var n int64
		if err := d.pool.QueryRow(context.Background(), "SELECT count(*) FROM "+t.Name).Scan(&n); err != nil {
			return nil, err
		}
		out[t.Name] = int(n)
	}
	return out, nil
}

// querier is what a pool and a transaction share for reading.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// columns returns the set of "table.column" names in d's schema.
func (d *DB) columns(ctx context.Context, q querier) (map[string]bool, error) {
	rows, err := q.Query(ctx, `SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = $1`, d.schema)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out[s] = true
	}
	return out, rows.Err()
}
