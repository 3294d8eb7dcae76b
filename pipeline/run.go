package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"policyx/corpus"
	"policyx/normalize"
	"policyx/output/sqlite"
	"policyx/schema"
)

// job is one file to process, with the later paths holding the same bytes.
type job struct {
	e        *entry
	dups     []*entry
	workbook string // file name inside OUTDIR/xlsx
}

// FileResult is the outcome of one processed file.
type FileResult struct {
	job         *job
	Input       corpus.Input
	Docs        []*schema.Document
	Err         error // the file failed
	Interrupted bool  // the run stopped before the file was done: nothing of it is stored
	SHA256      string
	Workbook    string // path of the workbook
	// WorkbookErr is why the file's workbook could not be written.
	WorkbookErr error
	elsewhere   bool // another process stores the file (claimed)
}

// Summary of a run: the counts of its files rows by status, and the
// documents and facts these files stand for.
type Summary struct {
	Files, Processed, Unchanged, Duplicate, Skipped, Failed, Missing int
	Documents, Partial, Tables, Targets, Tasks, Checks               int
	// Gone counts stored files under the run's paths that no longer
	// exist; Pruned those of them removed (-prune).
	Gone, Pruned int
	RunID        int64
	Elapsed      time.Duration
	InputBytes   int64
	// Links counts the references of the whole database after resolution
	// (document_links, how many resolved, target_pairs).
	Links sqlite.LinkStats
}

func (s *Summary) String() string {
	out := fmt.Sprintf("%d files, %d documents, %d tables, %d targets, %d tasks, %d checks, %d failed, %d unchanged, %d skipped, %d processed, %d duplicate, %d missing, %.2fs",
		s.Files, s.Documents, s.Tables, s.Targets, s.Tasks, s.Checks, s.Failed, s.Unchanged, s.Skipped, s.Processed, s.Duplicate, s.Missing, s.Elapsed.Seconds())
	if s.Pruned > 0 {
		out += fmt.Sprintf(", %d pruned", s.Pruned)
	}
	return out
}

// ErrSetup marks errors that stop the run itself (exit status 1).
var ErrSetup = errors.New("setup")

// Run processes paths (files or folders) into the output folder. Every path
// given or walked gets a row in the files table of this run. When ctx is
// cancelled (a signal: see SignalContext) the run stops taking files, drops
// the ones under way, writes the summary and returns it with the cause.
func (p *Pipeline) Run(ctx context.Context, paths []string) (*Summary, error) {
	t0 := time.Now()
	sum := &Summary{}
	xdir := filepath.Join(p.opt.outDir, "xlsx")
	lock, db, err := p.openOut(ctx, xdir)
	if err != nil {
		return nil, err
	}
	defer lock.release()
	defer db.Close()
	version := p.opt.version
	if version == "" {
		version = "dev"
	}
	run, err := db.BeginRun(version, p.opt.args, os.Getpid())
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	sum.RunID = run
	// Workbooks are written to .tmp-* and renamed; a killed run may have
	// left some behind. This run holds the lock: none is another's.
	if stale, err := filepath.Glob(filepath.Join(xdir, ".tmp-*.xlsx")); err == nil {
		for _, f := range stale {
			os.Remove(f)
		}
	}

	// Stop at once on a lost lock or a failed write, as on a signal.
	rctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)

	w := p.walker()
	entries := w.walk(paths)
	if err := p.gone(db, paths, w.seen, sum); err != nil {
		return p.finish(db, sum, t0, fmt.Errorf("%w: %v", ErrSetup, err))
	}
	stored, err := db.StoredFiles()
	if err != nil {
		return p.finish(db, sum, t0, fmt.Errorf("%w: %v", ErrSetup, err))
	}
	now, jobs := p.plan(rctx, entries, stored)
	if err := p.nameWorkbooks(db, jobs); err != nil {
		return p.finish(db, sum, t0, fmt.Errorf("%w: %v", ErrSetup, err))
	}
	for _, it := range now {
		p.logRows(it.Files)
	}
	if err := writeItems(db, run, now); err != nil {
		return p.finish(db, sum, t0, fmt.Errorf("%w: %v", ErrSetup, err))
	}

	c := &collector{db: db, run: run, lock: lock, stop: stop, sum: sum, changed: sum.Pruned > 0,
		done: map[*job]bool{}, written: map[string]bool{}}
	prog := newProgress(p.opt.progress, len(jobs))
	c.results = pool(rctx, p.opt.workers, len(jobs), p.claimed(db, jobs, func(i int) FileResult { return p.processJob(rctx, jobs[i], xdir) }))
	for r := range c.results {
		p.collect(c, r, prog)
	}
	prog.done()
	if c.writeErr != nil {
		return p.finish(db, sum, t0, fmt.Errorf("%w: %v", ErrSetup, c.writeErr))
	}
	// The files the run did not get to.
	var left []sqlite.Item
	for _, j := range jobs {
		if !c.done[j] {
			left = append(left, interruptedItem(j, "interrupted before it was read"))
		}
	}
	if err := writeItems(db, run, left); err != nil {
		return p.finish(db, sum, t0, fmt.Errorf("%w: %v", ErrSetup, err))
	}
	if err := p.afterBatch(db, sum, xdir, c); err != nil {
		return p.finish(db, sum, t0, err)
	}
	return p.finish(db, sum, t0, context.Cause(ctx))
}

// finish records how the run ended and fills the summary from the files
// table.
func (p *Pipeline) finish(db store, sum *Summary, t0 time.Time, err error) (*Summary, error) {
	c, cerr := db.CountFiles(sum.RunID)
	if cerr == nil {
		sum.Files, sum.Processed, sum.Unchanged, sum.Duplicate = c.Files, c.Processed, c.Unchanged, c.Duplicate
		sum.Skipped, sum.Failed, sum.Missing = c.Skipped, c.Failed, c.Missing
	}
	sum.Documents, sum.Partial, sum.Tables, sum.Targets, sum.Tasks, sum.Checks, _ = db.RunFacts(sum.RunID)
	status, msg := sqlite.RunOK, ""
	var in *Interrupted
	switch {
	case errors.As(err, &in):
		status, msg = sqlite.RunInterrupted, in.Error()
	case err != nil:
		status, msg = sqlite.RunError, err.Error()
	case sum.Failed > 0 || sum.Missing > 0:
		status = sqlite.RunFailed
	}
	db.FinishRun(sum.RunID, status, msg)
	sum.Elapsed = time.Since(t0)
	return sum, err
}

// probeWritable makes sure files can be created in dir.
func probeWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return notWritable(dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

func (p *Pipeline) walker() *walker {
	w := newWalker(p.opt.outDir)
	if p.readDir != nil {
		w.readDir = p.readDir
	}
	return w
}

// gone finds the stored files under paths that no longer exist; with
// -prune it removes their rows and workbooks, else it says how many.
func (p *Pipeline) gone(db store, paths []string, seen map[string]bool, sum *Summary) error {
	sps, err := db.StoredPaths()
	if err != nil {
		return err
	}
	var roots []string
	for _, r := range paths {
		roots = append(roots, filepath.Clean(r))
	}
	under := func(p string) bool {
		for _, r := range roots {
			if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) || r == "." && !filepath.IsAbs(p) && p != ".." && !strings.HasPrefix(p, ".."+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	var ids []int64
	var books []string
	for _, sp := range sps {
		raw := filepath.Clean(sp.Raw)
		if seen[raw] || !under(raw) {
			continue
		}
		if _, err := os.Lstat(raw); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		sum.Gone++
		ids = append(ids, sp.IDs...)
		if sp.Workbook != "" {
			books = append(books, sp.Workbook)
		}
	}
	if sum.Gone == 0 {
		return nil
	}
	if !p.opt.prune {
		fmt.Fprintf(p.opt.log, "policyx: %d stored files no longer exist (use -prune)\n", sum.Gone)
		return nil
	}
	if err := db.DeleteDocuments(ids); err != nil {
		return err
	}
	for _, b := range books {
		os.Remove(filepath.Join(p.opt.outDir, "xlsx", b))
	}
	sum.Pruned = sum.Gone
	fmt.Fprintf(p.opt.log, "policyx: pruned %d stored files that no longer exist\n", sum.Pruned)
	return nil
}

// item is what the writer stores for a processed job.
func (r FileResult) item() sqlite.Item {
	j := r.job
	if r.Interrupted {
		return interruptedItem(j, "interrupted before it was finished: nothing stored")
	}
	if r.elsewhere {
		return elsewhereItem(j)
	}
	it := sqlite.Item{Docs: r.Docs}
	docSHA := ""
	if len(r.Docs) > 0 {
		docSHA = r.Docs[0].SHA256
	}
	self := row(j.e, sqlite.FileProcessed, "", docSHA)
	self.SHA256 = r.SHA256
	dupMsg := "same bytes as " + j.e.display
	switch {
	case r.Err != nil:
		self.Status, self.Message = sqlite.FileFailed, r.Err.Error()
		dupMsg += ", which failed"
	case r.WorkbookErr != nil:
		self.Status, self.Message = sqlite.FileFailed, "workbook: "+r.WorkbookErr.Error()
	default:
		for _, d := range r.Docs {
			if d.Status == schema.StatusPartial && self.Message == "" {
				self.Message = "partial: " + d.Err
			}
		}
	}
	it.Files = append(it.Files, self)
	for _, d := range j.dups {
		it.Files = append(it.Files, row(d, sqlite.FileDuplicate, dupMsg, docSHA))
	}
	return it
}

// maxBatch bounds how many files one database transaction takes.
const maxBatch = 32

// writeBatch stores the processed files of a batch in one transaction. When
// that fails, it writes them one by one so that the error names its file and
// the files before it are kept.
func writeBatch(db store, run int64, batch []FileResult) error {
	items := make([]sqlite.Item, len(batch))
	for i, r := range batch {
		items[i] = r.item()
	}
	if db.WriteItems(run, items) == nil {
		return nil
	}
	for i, it := range items {
		if err := db.WriteItems(run, []sqlite.Item{it}); err != nil {
			return fmt.Errorf("%s: write database: %w", batch[i].job.e.display, err)
		}
	}
	return nil
}

// logRows writes the per-file lines of rows that are not processed.
func (p *Pipeline) logRows(rows []sqlite.FileRow) {
	for _, f := range rows {
		switch f.Status {
		case sqlite.FileSkipped, sqlite.FileMissing:
			fmt.Fprintf(p.opt.log, "%s %s: %s\n", f.Status, f.Display, f.Message)
		case sqlite.FileFailed:
			fmt.Fprintf(p.opt.log, "failed %s: %s\n", f.Display, f.Message)
		}
	}
}

// account logs one processed file's outcome.
func (p *Pipeline) account(sum *Summary, r FileResult, prog *progress) {
	sum.InputBytes += r.job.e.size
	switch {
	case r.Interrupted:
	case r.Err != nil:
		fmt.Fprintf(p.opt.log, "failed %s\n", r.Err)
	case r.WorkbookErr != nil:
		fmt.Fprintf(p.opt.log, "failed %s: workbook: %v\n", r.job.e.display, r.WorkbookErr)
	}
	prog.tick(r.job.e.display)
}

// processJob processes one file and writes its workbook. Workbooks are
// written here, in parallel, not by the single database writer, which would
// become the bottleneck of the batch. The workbook comes before the
// database: a run killed in between leaves the file unrecorded, so the next
// run processes it again.
func (p *Pipeline) processJob(ctx context.Context, j *job, xdir string) FileResult {
	in := corpus.Input{Path: j.e.path, Format: j.e.format, Size: j.e.size}
	r := p.processFile(ctx, in)
	r.job = j
	if r.Interrupted {
		return r
	}
	for _, d := range r.Docs {
		d.Path = j.e.display
		for _, x := range j.dups {
			d.SameBytes = append(d.SameBytes, x.display)
		}
	}
	if r.Err != nil || p.opt.noWorkbooks {
		return r
	}
	r.Workbook = filepath.Join(xdir, j.workbook)
	if r.WorkbookErr = p.books.WriteDocument(r.Workbook, r.Docs); r.WorkbookErr == nil {
		for _, d := range r.Docs {
			d.Workbook = j.workbook
		}
	}
	return r
}

// processFile reads, normalizes and extracts one file. It never panics: a
// panic anywhere in the stages becomes the file's error. When ctx ends (the
// run stops) the file is dropped: Interrupted, not failed.
func (p *Pipeline) processFile(ctx context.Context, in corpus.Input) (res FileResult) {
	res = FileResult{Input: in}
	fail := func(sha string, err error) FileResult {
		if ctx.Err() != nil {
			res.Interrupted = true
			return res
		}
		if sha == "" {
			sha = corpus.Hash([]byte("unreadable:" + in.Path))
		}
		res.Err = err
		res.Docs = []*schema.Document{{Path: in.Path, SHA256: sha, Part: 1, Format: in.Format, Status: schema.StatusFailed, Err: err.Error()}}
		return res
	}
	defer func() {
		if r := recover(); r != nil {
			res = fail("", fmt.Errorf("%s: internal error: %v", in.Path, r))
		}
	}()
	data, err := p.reader.ReadBytes(in.Path)
	if err != nil {
		return fail("", err)
	}
	sha := corpus.Hash(data)
	res.SHA256 = sha
	if in.Format == "" {
		_, ferr := corpus.FormatOf(in.Path)
		return fail(sha, fmt.Errorf("%s: %w", in.Path, ferr))
	}

	// Load the dictionaries before the clock starts: loading is not the
	// file's time.
	if err := p.Load(); err != nil {
		return fail(sha, err)
	}
	fctx, bud, stop := withBudget(ctx, p.opt.timeout)
	defer stop()
	type out struct {
		docs []*schema.Document
		err  error
	}
	ch := make(chan out, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- out{err: fmt.Errorf("%s: internal error: %v", in.Path, r)}
			}
		}()
		docs, err := p.stages(fctx, in, data)
		ch <- out{docs, err}
	}()
	select {
	case o := <-ch:
		if o.err != nil {
			return fail(sha, o.err)
		}
		if ctx.Err() != nil {
			res.Interrupted = true
			return res
		}
		res.Docs = o.docs
		return res
	case <-fctx.Done():
		// The stages check the context between steps, but one step may
		// run on. Hold this worker a while for it, so runaway files do not
		// pile up in memory; then move on regardless. A stopped run waits
		// less.
		wait := p.opt.timeout
		if ctx.Err() != nil {
			wait = 2 * time.Second
		}
		grace := time.NewTimer(wait)
		defer grace.Stop()
		select {
		case <-ch:
		case <-grace.C:
		}
		return fail(sha, fmt.Errorf("%s: timeout after %s", in.Path, bud.total()))
	}
}

func (p *Pipeline) stages(ctx context.Context, in corpus.Input, data []byte) ([]*schema.Document, error) {
	if err := p.Load(); err != nil {
		return nil, err
	}
	doc, err := p.reader.Decode(ctx, in.Path, in.Format, data)
	if err != nil {
		return nil, err
	}
	// A reader that had to cut, repair or guess makes the result partial:
	// the facts stand, and the first such problem says why.
	var doubt string
	for _, d := range doc.Diagnostics {
		if d.Severity >= schema.SevWarning {
			doubt = fmt.Sprintf("%s: %s", in.Path, d.String())
			break
		}
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s: timeout", in.Path)
	}
	normalize.Document(doc)
	docs := p.ext.Split(doc)
	for _, d := range docs {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: timeout", in.Path)
		}
		p.ext.Run(d)
		if d.Status == "" {
			d.Status = schema.StatusOK
		}
		if doubt != "" && d.Status == schema.StatusOK {
			d.Status, d.Err = schema.StatusPartial, doubt
		}
	}
	return docs, nil
}

// resolveLinks resolves the references of the whole database after a
// batch that changed it (a document loaded now may be what earlier ones
// cite) and counts them.
func (p *Pipeline) resolveLinks(db store, sum *Summary, changed bool) error {
	if !changed {
		st, err := db.LinkCounts()
		sum.Links = st
		return err
	}
	var tok func(string) []string
	if p.Load() == nil && p.seg != nil {
		tok = p.seg.Words
	}
	st, err := db.ResolveLinks(tok)
	if err != nil {
		return err
	}
	sum.Links = st
	return nil
}
