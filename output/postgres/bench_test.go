package postgres_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"policyx/output/postgres"
	"policyx/output/sqlite"
	"policyx/pipeline"
	"policyx/schema"
)

// BenchmarkWrite compares the writers alone: the samples' documents (each
// file under b.N new hashes) into SQLite and into PostgreSQL, in batches of
// 32 files as the pipeline writes them.
func BenchmarkWrite(b *testing.B) {
	url := os.Getenv("POLICYX_TEST_PG")
	p, err := pipeline.New()
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "corpus", "samples", "*.txt"))
	var docs [][]*schema.Document
	for _, f := range files {
		d, err := p.Process(context.Background(), f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	batch := func(i int) [][]*schema.Document {
		var out [][]*schema.Document
		for k := 0; k < 32; k++ {
			src := docs[k%len(docs)]
			var cp []*schema.Document
			for _, d := range src {
				c := *d
				c.SHA256 = fmt.Sprintf("%d-%d", i, k)
				c.Path = fmt.Sprintf("f%d-%d.txt", i, k)
				cp = append(cp, &c)
			}
			out = append(out, cp)
		}
		return out
	}
	b.Run("sqlite", func(b *testing.B) {
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "p.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			if err := db.WriteFiles(batch(i)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*32)/time.Since(t0).Seconds(), "files/s")
	})
	b.Run("postgres", func(b *testing.B) {
		if url == "" {
			b.Skip("POLICYX_TEST_PG is unset")
		}
		name := fmt.Sprintf("policyx_bench_%d", os.Getpid())
		db, err := postgres.Open(context.Background(), url, postgres.WithSchema(name))
		if err != nil {
			b.Fatal(err)
		}
		defer func() {
			db.Pool().Exec(context.Background(), "DROP SCHEMA "+name+" CASCADE")
			db.Close()
		}()
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			if err := db.WriteFiles(batch(i)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*32)/time.Since(t0).Seconds(), "files/s")
	})
}
