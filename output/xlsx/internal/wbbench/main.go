// Command wbbench measures the CPU the workbook writers take, apart from
// the rest of the pipeline: it extracts the documents of the given folders
// once, then writes their per-document workbooks, and summary.xlsx from a
// database, several times, one at a time, and prints the CPU seconds
// (user + system, this process: garbage collection included) of each round.
//
//	go run -tags sqlite_fts5 ./output/xlsx/internal/wbbench -db OUT/policy.db -rounds 5 FOLDER…
//
// A machine shared with other work slows a round's wall time more than its
// CPU time; the smallest of the rounds is the steadiest figure.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"syscall"
	"time"

	"policyx/output/sqlite"
	"policyx/output/xlsx"
	"policyx/pipeline"
	"policyx/schema"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	dbPath := flag.String("db", "", "database to write summary.xlsx from (none: no summary)")
	rounds := flag.Int("rounds", 3, "rounds")
	out := flag.String("o", "", "folder for the workbooks (default: a temporary folder)")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the rounds here")
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*dbPath, *out, *rounds, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(dbPath, out string, rounds int, dirs []string) error {
	if out == "" {
		d, err := os.MkdirTemp("", "wbbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		out = d
	}
	docs, err := extract(dirs)
	if err != nil {
		return err
	}
	var db *sqlite.DB
	if dbPath != "" {
		if db, err = sqlite.Open(dbPath); err != nil {
			return err
		}
		defer db.Close()
	}
	var docCPU, sumCPU []float64
	books := xlsx.NewDocumentWriter() // as a batch writes them
	for r := 0; r < rounds; r++ {
		runtime.GC()
		t0 := cpu()
		for i, ds := range docs {
			if err := books.WriteDocument(filepath.Join(out, fmt.Sprintf("%05d.xlsx", i)), ds); err != nil {
				return err
			}
		}
		runtime.GC()
		docCPU = append(docCPU, (cpu() - t0).Seconds())
		var wall time.Duration
		if db != nil {
			t0, w0 := cpu(), time.Now()
			if err := xlsx.WriteSummary(filepath.Join(out, "summary.xlsx"), db.SQL()); err != nil {
				return err
			}
			wall = time.Since(w0)
			runtime.GC()
			sumCPU = append(sumCPU, (cpu() - t0).Seconds())
		}
		fmt.Printf("round %d: %d document workbooks %.2f s CPU", r+1, len(docs), docCPU[r])
		if db != nil {
			fmt.Printf(", summary %.2f s CPU, %.2f s wall", sumCPU[r], wall.Seconds())
		}
		fmt.Println()
	}
	fmt.Printf("min: document workbooks %.2f s CPU, summary %.2f s CPU\n", minOf(docCPU), minOf(sumCPU))
	return nil
}

func minOf(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	return v[0]
}

// extract processes every file of dirs once.
func extract(dirs []string) ([][]*schema.Document, error) {
	p, err := pipeline.New()
	if err != nil {
		return nil, err
	}
	if err := p.Load(); err != nil {
		return nil, err
	}
	var out [][]*schema.Document
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			ds, err := p.Process(context.Background(), path)
			if err != nil || len(ds) == 0 {
				return nil // a file that fails has no workbook
			}
			for _, doc := range ds {
				if doc != nil {
					doc.Path = path
				}
			}
			out = append(out, ds)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
