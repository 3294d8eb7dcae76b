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
// over, and a batch's rows, its departments, its files rows and its claims'
// completion are committed in one transaction. A re-processed document
// keeps its id and departments new here take ids in the order SQLite gives
// them, so one process's run stores the very rows of a SQLite run.
//
// Files: setup.go (schema, version check), write.go and staging.go (the
// batch writer), departments.go, claims.go, runs.go (runs and files rows,
// what the pipeline reads back), links.go (references resolved after the
// batch), export.go (→ SQLite), ddl.go (the DDL derived from SQLite's).
package postgres

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
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

// DB is an open PostgreSQL sink. Its writing methods (WriteItems,
// BeginRun, ResolveLinks …) must be called from one goroutine; Claim may be
// called from any.
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
	// One transaction runs in the background (inflight) while the items
	// that follow are staged (pending); after a failed write every later
	// one fails.
	inflight chan error
	sticky   error
	pending  *batch // staged, for the next transaction
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

// linksKey is the advisory lock of the schema's references: ResolveLinks
// holds it exclusively, every transaction that adds or deletes documents
// shares it, so a resolution reads and rewrites a database that does not
// change under it.
func (d *DB) linksKey() string { return "policyx links " + d.schema }

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

func colIndex(cols []string, name string) int {
	for i, c := range cols {
		if c == name {
			return i
		}
	}
	return -1
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
