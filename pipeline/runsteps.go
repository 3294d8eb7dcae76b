package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"policyx/output/sqlite"
	"policyx/output/xlsx"
)

// openOut prepares OUTDIR for a run: the workbook folder, a write probe,
// the OUTDIR lock and the database.
func (p *Pipeline) openOut(ctx context.Context, xdir string) (*outLock, store, error) {
	if err := os.MkdirAll(xdir, 0o755); err != nil {
		return nil, nil, notWritable(p.opt.outDir, err)
	}
	if err := probeWritable(p.opt.outDir); err != nil {
		return nil, nil, err
	}
	lock, err := lockOutDir(ctx, p.opt.outDir, p.opt.noWait, p.opt.log)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	if p.opt.dbURL != "" {
		db, err := p.openPostgres(ctx)
		if err != nil {
			lock.release()
			return nil, nil, fmt.Errorf("%w: %v", ErrSetup, err)
		}
		return lock, db, nil
	}
	var dbOpts []sqlite.OpenOption
	if p.opt.busy > 0 {
		dbOpts = append(dbOpts, sqlite.WithBusyTimeout(p.opt.busy))
	}
	dbOpts = append(dbOpts, sqlite.WithTokenizer(p.segWords))
	db, err := sqlite.Open(filepath.Join(p.opt.outDir, "policy.db"), dbOpts...)
	if err != nil {
		lock.release()
		if errors.Is(err, sqlite.ErrReadOnly) {
			return nil, nil, fmt.Errorf("%w: OUTDIR is not writable: %v", ErrSetup, err)
		}
		return nil, nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	if n := db.Notice(); n != "" {
		fmt.Fprintf(p.opt.log, "policyx: %s\n", n)
	}
	return lock, db, nil
}

// writeItems writes the files rows of items in transactions of maxBatch.
func writeItems(db store, run int64, items []sqlite.Item) error {
	for i := 0; i < len(items); i += maxBatch {
		if err := db.WriteItems(run, items[i:min(i+maxBatch, len(items))]); err != nil {
			return err
		}
	}
	return nil
}

// pool runs work(0) … work(n-1) on workers goroutines until ctx is done;
// the channel closes when every worker has stopped. The channel holds up to
// maxBatch results: while the single writer commits a batch the workers go
// on instead of waiting for it (with room for only one result per worker
// they did, the writer's time added to theirs), and the writer then takes
// what queued up in one transaction.
func pool[R any](ctx context.Context, workers, n int, work func(i int) R) <-chan R {
	jobs := make(chan int)
	results := make(chan R, max(workers, maxBatch))
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- work(i)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	return results
}

// collector holds what the writer learnt from the results so far.
type collector struct {
	db      store
	run     int64
	lock    *outLock
	stop    context.CancelCauseFunc
	sum     *Summary
	results <-chan FileResult

	writeErr error
	changed  bool
	done     map[*job]bool
	written  map[string]bool // source paths stored by this run
}

// collect writes result r with the results that queued up behind it.
func (p *Pipeline) collect(c *collector, r FileResult, prog *progress) {
	batch := drain(r, c.results)
	if c.writeErr == nil {
		if c.writeErr = c.lock.held(); c.writeErr == nil {
			c.writeErr = writeBatch(c.db, c.run, batch)
		}
		if c.writeErr != nil {
			c.stop(c.writeErr)
		}
	}
	for _, r := range batch {
		c.done[r.job] = true
		if c.writeErr == nil {
			p.account(c.sum, r, prog)
			c.changed = c.changed || !r.Interrupted
			for _, d := range r.Docs {
				c.written[d.Path] = true
			}
		}
	}
}

// drain returns first and the results that queued up while the last batch
// was written, for one transaction: the writer catches up instead of
// falling behind by one commit per file. The queue is bounded (the results
// channel and maxBatch), so memory stays flat.
func drain[T any](first T, results <-chan T) []T {
	batch := []T{first}
	for len(batch) < maxBatch {
		select {
		case r, ok := <-results:
			if !ok {
				return batch
			}
			batch = append(batch, r)
		default:
			return batch
		}
	}
	return batch
}

// afterBatch resolves the references of the batch and rewrites the
// workbooks that show them and the summary workbook.
func (p *Pipeline) afterBatch(db store, sum *Summary, xdir string, c *collector) error {
	if err := p.resolveLinks(db, sum, c.changed); err != nil {
		return fmt.Errorf("%w: %v", ErrSetup, err)
	}
	summaryPath := filepath.Join(xdir, "summary.xlsx")
	_, serr := os.Stat(summaryPath)
	if p.opt.noWorkbooks || !c.changed && serr == nil {
		return nil
	}
	err := p.readBack(db, func(q *sql.DB) error {
		if c.changed {
			// 概览 of the workbooks whose references the batch resolved
			if err := xlsx.UpdateLinks(q, xdir, c.written, p.opt.workers); err != nil {
				fmt.Fprintf(p.opt.log, "workbooks: %v\n", err)
			}
		}
		return xlsx.WriteSummary(summaryPath, q)
	})
	if err != nil {
		return fmt.Errorf("%w: summary workbook: %v", ErrSetup, err)
	}
	return nil
}
