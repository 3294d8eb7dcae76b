package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"policyx/output/postgres"
	"policyx/output/sqlite"
	"policyx/output/xlsx"
	"policyx/schema"
)

// Sink is where a run's rows go: the SQLite database in OUTDIR (the
// default) or a PostgreSQL schema (WithDB). The pipeline's single writer
// calls WriteFiles; DoneSet, Stored and WriteSummary read back.
type Sink interface {
	DoneSet() (map[string]bool, error)
	WriteFiles(files [][]*schema.Document) error
	WriteFile(docs []*schema.Document) error
	Stored(sha string) ([]sqlite.StoredDoc, error)
	// WriteSummary writes summary.xlsx from everything stored.
	WriteSummary(path string) error
	Close() error
}

// Claimer is a Sink that several processes share: a worker claims a file by
// its SHA-256 before extracting it and leaves it when Claim says no (another
// process has it, or finished it during this run). redo asks for a file
// finished before this run started (-force, or its workbook is missing).
type Claimer interface {
	Claim(sha string, redo bool) (bool, error)
}

// WithDB sends the rows to the PostgreSQL database at url (postgres://…)
// into schema (default "policyx") instead of OUTDIR/policy.db.
func WithDB(url, schema string) Option {
	return func(o *options) { o.dbURL, o.dbSchema = url, schema }
}

type sqliteSink struct{ *sqlite.DB }

func (s sqliteSink) WriteSummary(path string) error { return xlsx.WriteSummary(path, s.SQL()) }

type pgSink struct {
	*postgres.DB
	tmpDir string
}

// WriteSummary exports the PostgreSQL tables to a temporary SQLite file and
// writes the summary from it: one summary writer, whose queries are SQLite's.
func (s pgSink) WriteSummary(path string) error {
	tmp := filepath.Join(s.tmpDir, fmt.Sprintf(".summary-%d-%d.db", os.Getpid(), time.Now().UnixNano()))
	defer func() {
		for _, suf := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suf)
		}
	}()
	if err := s.ExportSQLite(context.Background(), tmp); err != nil {
		return err
	}
	db, err := sqlite.Open(tmp)
	if err != nil {
		return err
	}
	defer db.Close()
	return xlsx.WriteSummary(path, db.SQL())
}

// openSink opens the run's database.
func (p *Pipeline) openSink(ctx context.Context) (Sink, error) {
	if p.opt.dbURL != "" {
		if !postgres.IsURL(p.opt.dbURL) {
			return nil, fmt.Errorf("-db %q: want postgres://… or postgresql://…", p.opt.dbURL)
		}
		opts := []postgres.Option{postgres.WithClaimTTL(max(15*time.Minute, 4*p.opt.timeout))}
		if p.opt.dbSchema != "" {
			opts = append(opts, postgres.WithSchema(p.opt.dbSchema))
		}
		db, err := postgres.Open(ctx, p.opt.dbURL, opts...)
		if err != nil {
			return nil, err
		}
		return pgSink{DB: db, tmpDir: p.opt.outDir}, nil
	}
	db, err := sqlite.Open(filepath.Join(p.opt.outDir, "policy.db"))
	if err != nil {
		return nil, err
	}
	return sqliteSink{db}, nil
}
