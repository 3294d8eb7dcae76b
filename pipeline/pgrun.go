package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"policyx/corpus"
	"policyx/output/xlsx"
	"policyx/schema"
)

// runShared is Run for a database that several processes share
// (PostgreSQL, WithDB): no OUTDIR lock and no runs/files bookkeeping (those
// are the SQLite path's); every file is claimed by its SHA-256 in the
// database before it is extracted, so overlapping batches of several
// processes extract each file once. Unchanged files (stored and not failed)
// are skipped as with SQLite; -force re-processes them.
func (p *Pipeline) runShared(ctx context.Context, paths []string) (*Summary, error) {
	t0 := time.Now()
	sum := &Summary{}
	inputs, skipped, err := corpus.Walk(paths)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	sum.Skipped = len(skipped)
	for _, s := range skipped {
		fmt.Fprintf(p.opt.log, "skipped %s: %s\n", s.Path, s.Reason)
	}
	xdir := filepath.Join(p.opt.outDir, "xlsx")
	if err := os.MkdirAll(xdir, 0o755); err != nil {
		return nil, notWritable(p.opt.outDir, err)
	}
	db, err := p.openSink(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	defer db.Close()
	done := map[string]bool{}
	if !p.opt.force {
		if done, err = db.DoneSet(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSetup, err)
		}
	}
	books := sharedBooks(inputs)

	results := pool(ctx, p.opt.workers, len(inputs), func(i int) sharedResult {
		r, skip := p.sharedFile(ctx, db, done, inputs[i], filepath.Join(xdir, books[i]))
		return sharedResult{r, skip}
	})

	prog := newProgress(p.opt.progress, len(inputs))
	var writeErr error
	changed := false
	for r := range results {
		batch := drain(r, results)
		var files [][]*schema.Document
		for _, r := range batch {
			if !r.skip && !r.Interrupted && len(r.Docs) > 0 {
				files = append(files, r.Docs)
			}
		}
		if writeErr == nil && len(files) > 0 {
			if writeErr = db.WriteFiles(files); writeErr != nil {
				// One by one, so that the error names its file.
				writeErr = nil
				for _, f := range files {
					if err := db.WriteFile(f); err != nil {
						writeErr = fmt.Errorf("%s: write database: %w", f[0].Path, err)
						break
					}
				}
			}
		}
		for _, r := range batch {
			sum.Files++
			sum.InputBytes += r.Input.Size
			switch {
			case r.Interrupted:
			case r.skip:
				sum.Unchanged++
				if stored, err := db.Stored(r.SHA256); err == nil {
					for _, d := range stored {
						sum.Documents++
						sum.Tables += d.Tables
						sum.Targets += d.Targets
						sum.Tasks += d.Tasks
						sum.Checks += d.Checks
					}
				}
			default:
				changed = true
				sum.Processed++
				if r.Err != nil {
					sum.Failed++
					fmt.Fprintf(p.opt.log, "failed %s\n", r.Err)
				}
				if r.WorkbookErr != nil {
					fmt.Fprintf(p.opt.log, "workbook %s: %v\n", r.Workbook, r.WorkbookErr)
				}
				for _, d := range r.Docs {
					if d.Status == schema.StatusFailed {
						continue
					}
					if d.Status == schema.StatusPartial {
						sum.Partial++
					}
					sum.Documents++
					sum.Tables += len(d.Tables)
					sum.Targets += len(d.Targets)
					sum.Tasks += len(d.Tasks)
					sum.Checks += len(d.Checks)
				}
			}
			prog.tick(r.Input.Path)
		}
	}
	prog.done()
	if f, ok := db.(interface{ Flush() error }); ok && writeErr == nil {
		writeErr = f.Flush() // the batch written in the background
	}
	if writeErr != nil {
		return sum, fmt.Errorf("%w: %v", ErrSetup, writeErr)
	}
	summaryPath := filepath.Join(xdir, "summary.xlsx")
	if _, err := os.Stat(summaryPath); !p.opt.noWorkbooks && (changed || err != nil) {
		if err := db.WriteSummary(summaryPath); err != nil {
			return sum, fmt.Errorf("%w: summary workbook: %v", ErrSetup, err)
		}
	}
	sum.Elapsed = time.Since(t0)
	return sum, ctx.Err()
}

type sharedResult struct {
	FileResult
	skip bool // unchanged, or another process has it
}

// sharedFile claims, processes and writes the workbook of one file. skip:
// unchanged since an ok run, or claimed by another process.
func (p *Pipeline) sharedFile(ctx context.Context, db Sink, done map[string]bool, in corpus.Input, workbook string) (FileResult, bool) {
	claim := func(sha string, redo bool) bool {
		c, ok := db.(Claimer)
		if !ok {
			return true
		}
		got, err := c.Claim(sha, redo)
		if err != nil {
			fmt.Fprintf(p.opt.log, "%s: %v\n", in.Path, err)
			return false
		}
		return got
	}
	data, err := p.reader.ReadBytes(in.Path)
	sha := corpus.Hash([]byte("unreadable:" + in.Path))
	if err == nil {
		sha = corpus.Hash(data)
	}
	data = nil
	redo := p.opt.force
	if !p.opt.force && done[sha] {
		if _, err := os.Stat(workbook); err == nil || p.opt.noWorkbooks {
			return FileResult{Input: in, SHA256: sha}, true
		}
		redo = true
	}
	if !claim(sha, redo) {
		return FileResult{Input: in, SHA256: sha}, true
	}
	r := p.processFile(ctx, in)
	if r.Interrupted || r.Err != nil || p.opt.noWorkbooks {
		return r, false
	}
	r.Workbook = workbook
	name := filepath.Base(workbook)
	if r.WorkbookErr = xlsx.WriteDocument(workbook, r.Docs); r.WorkbookErr != nil {
		name = ""
	}
	for _, d := range r.Docs {
		d.Workbook = name
	}
	return r, false
}

// sharedBooks names the workbook of each input: its base name, -2, -3 …
// when taken.
func sharedBooks(inputs []corpus.Input) []string {
	names := map[string]bool{"summary.xlsx": true}
	books := make([]string, len(inputs))
	for i, in := range inputs {
		base := workbookBase(in.Path)
		name := base + ".xlsx"
		for k := 2; names[name]; k++ {
			name = fmt.Sprintf("%s-%d.xlsx", base, k)
		}
		names[name] = true
		books[i] = name
	}
	return books
}
