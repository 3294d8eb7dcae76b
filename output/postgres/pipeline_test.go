package postgres_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"policyx/output/postgres"
	"policyx/output/sqlite"
	"policyx/pipeline"
)

// TestPipelineTwoProcessesSameAsSQLite: two pipelines started together on
// the samples write into one PostgreSQL schema; every file is stored once
// and every table has the rows of one SQLite run.
func TestPipelineTwoProcessesSameAsSQLite(t *testing.T) {
	url := os.Getenv("POLICYX_TEST_PG")
	if url == "" {
		t.Skip("POLICYX_TEST_PG is unset: no PostgreSQL to test against (.ci/run starts one)")
	}
	samples := filepath.Join("..", "..", "corpus", "samples")
	ctx := context.Background()
	name := fmt.Sprintf("policyx_pipe_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)

	dir := t.TempDir()
	p, err := pipeline.New(pipeline.WithOutDir(filepath.Join(dir, "lite")), pipeline.WithLog(io.Discard), pipeline.WithoutWorkbooks())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Run(ctx, []string{samples}); err != nil {
		t.Fatal(err)
	}
	lite, err := sqlite.Open(filepath.Join(dir, "lite", "policy.db"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := lite.Counts()
	lite.Close()

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := pipeline.New(pipeline.WithOutDir(filepath.Join(dir, fmt.Sprint("pg", i))), pipeline.WithLog(io.Discard),
				pipeline.WithDB(url, name), pipeline.WithWorkers(2))
			if err != nil {
				errs[i] = err
				return
			}
			_, errs[i] = p.Run(ctx, []string{samples})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	pg, err := postgres.Open(ctx, url, postgres.WithSchema(name))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		pg.Pool().Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
		pg.Close()
	}()
	got, err := pg.Counts()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: PostgreSQL %d rows, SQLite %d", k, got[k], v)
		}
	}
	// Both summaries were written from the database.
	for i := 0; i < 2; i++ {
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprint("pg", i), "xlsx", "summary.xlsx")); err != nil {
			t.Error(err)
		}
	}
}
