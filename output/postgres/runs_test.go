package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policyx/output/postgres"
	"policyx/output/sqlite"
	"policyx/pipeline"
)

// TestRunRowsLinksPruneAsSQLite: a PostgreSQL run of the samples, exported,
// holds the runs and files rows, the resolved references and the target
// pairs of a SQLite run of the same files (ids included: one worker); so
// does a second run with a file gone and -prune.
func TestRunRowsLinksPruneAsSQLite(t *testing.T) {
	url := os.Getenv("POLICYX_TEST_PG")
	if url == "" {
		t.Skip("POLICYX_TEST_PG is unset: no PostgreSQL to test against (.ci/run starts one)")
	}
	ctx := context.Background()
	name := fmt.Sprintf("policyx_runs_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	samples, _ := filepath.Glob(filepath.Join("..", "..", "corpus", "samples", "*.txt"))
	for _, f := range samples {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, filepath.Base(f)), b, 0o644)
	}
	defer func() {
		if pg, err := postgres.Open(ctx, url, postgres.WithSchema(name)); err == nil {
			pg.Pool().Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
			pg.Close()
		}
	}()
	run := func(out string, opts ...pipeline.Option) {
		t.Helper()
		opts = append(opts, pipeline.WithOutDir(filepath.Join(dir, out)), pipeline.WithLog(io.Discard),
			pipeline.WithoutWorkbooks(), pipeline.WithWorkers(1))
		p, err := pipeline.New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Run(ctx, []string{in}); err != nil {
			t.Fatal(err)
		}
	}
	queries := []string{
		`SELECT status, coalesce(message,''), n_files, n_processed, n_unchanged, n_duplicate, n_skipped, n_failed, n_missing FROM runs ORDER BY id`,
		`SELECT r.id, f.display_path, f.status, coalesce(f.message,''), coalesce(f.sha256,''), coalesce(f.document_id,0) FROM files f JOIN runs r ON r.id = f.run_id ORDER BY 1, 2`,
		`SELECT document_id, kind, coalesce(cited_title,''), coalesce(target_document_id,0), coalesce(resolved_by,'') FROM document_links ORDER BY id`,
		`SELECT upper_target_id, lower_target_id, upper_document_id, lower_document_id, indicator, relation, basis FROM target_pairs ORDER BY 1, 2`,
	}
	compare := func(step string) {
		t.Helper()
		x := filepath.Join(dir, step+".db")
		pg, err := postgres.Open(ctx, url, postgres.WithSchema(name))
		if err != nil {
			t.Fatal(err)
		}
		err = pg.ExportSQLite(ctx, x)
		pg.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range queries {
			a, b := rowsOf(t, filepath.Join(dir, "lite", "policy.db"), q), rowsOf(t, x, q)
			if a != b {
				t.Errorf("%s: %s\nSQLite:\n%s\nPostgreSQL:\n%s", step, q, a, b)
			}
			if a == "" && !strings.Contains(q, "target_pairs") {
				t.Errorf("%s: %s: no rows", step, q)
			}
		}
	}
	run("lite")
	run("pg", pipeline.WithDB(url, name))
	compare("first")
	os.Remove(filepath.Join(in, filepath.Base(samples[0])))
	run("lite", pipeline.WithPrune(true))
	run("pg", pipeline.WithDB(url, name), pipeline.WithPrune(true))
	compare("prune")
}

func rowsOf(t *testing.T, path, q string) string {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return scanAll(t, db.SQL(), q)
}

func scanAll(t *testing.T, db *sql.DB, q string) string {
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		rows.Scan(p...)
		out = append(out, fmt.Sprint(v...))
	}
	return strings.Join(out, "\n")
}
