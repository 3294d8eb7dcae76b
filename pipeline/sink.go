package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"policyx/output/postgres"
	"policyx/output/sqlite"
)

// store is where a run's rows go: the SQLite database in OUTDIR (the
// default) or a PostgreSQL schema (WithDB), which several processes share.
// Both keep the same rows with the same meaning: runs and files rows, the
// documents and their facts, references resolved after the batch.
type store interface {
	BeginRun(version string, args []string, pid int) (int64, error)
	FinishRun(run int64, status, message string) error
	CountFiles(run int64) (sqlite.RunCounts, error)
	RunFacts(run int64) (docs, partial, tables, targets, tasks, checks int, err error)
	StoredFiles() (map[string]sqlite.StoredFile, error)
	StoredPaths() ([]sqlite.StoredPath, error)
	WriteItems(run int64, items []sqlite.Item) error
	DeleteDocuments(ids []int64) error
	LinkCounts() (sqlite.LinkStats, error)
	ResolveLinks(tok func(string) []string) (sqlite.LinkStats, error)
	Close() error
}

// claimer is a store that several processes share: a worker claims a file
// by its SHA-256 before extracting it and leaves it to the process that
// has it, or finished it during this run, when Claim says no.
type claimer interface {
	Claim(sha string, redo bool) (bool, error)
}

// WithDB sends the rows to the PostgreSQL database at url (postgres://…)
// into schema (default "policyx") instead of OUTDIR/policy.db.
func WithDB(url, schema string) Option {
	return func(o *options) { o.dbURL, o.dbSchema = url, schema }
}

// openPostgres opens the PostgreSQL schema of WithDB.
func (p *Pipeline) openPostgres(ctx context.Context) (*postgres.DB, error) {
	if !postgres.IsURL(p.opt.dbURL) {
		return nil, fmt.Errorf("-db %q: want postgres://… or postgresql://…", p.opt.dbURL)
	}
	opts := []postgres.Option{postgres.WithClaimTTL(max(15*time.Minute, 4*p.opt.timeout))}
	if p.opt.dbSchema != "" {
		opts = append(opts, postgres.WithSchema(p.opt.dbSchema))
	}
	return postgres.Open(ctx, p.opt.dbURL, opts...)
}

// readBack calls fn with a SQLite handle on everything stored, for the
// workbooks that read the whole database: the database itself, or an
// export of the PostgreSQL schema to a temporary file in OUTDIR (one
// workbook writer, whose queries are SQLite's).
func (p *Pipeline) readBack(db store, fn func(*sql.DB) error) error {
	pg, ok := db.(*postgres.DB)
	if !ok {
		return fn(db.(*sqlite.DB).SQL())
	}
	tmp := filepath.Join(p.opt.outDir, fmt.Sprintf(".export-%d-%d.db", os.Getpid(), time.Now().UnixNano()))
	defer func() {
		for _, suf := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suf)
		}
	}()
	if err := pg.ExportSQLite(context.Background(), tmp); err != nil {
		return err
	}
	x, err := sqlite.Open(tmp)
	if err != nil {
		return err
	}
	defer x.Close()
	return fn(x.SQL())
}
