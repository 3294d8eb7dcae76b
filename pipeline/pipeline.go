// Package pipeline wires the stages: walk → read → normalize → split →
// extract → write. A pool of workers processes files; one writer goroutine
// owns the SQLite database and writes each file in one transaction. A file
// that fails is recorded as failed and the batch goes on.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"policyx/corpus"
	"policyx/extract"
	"policyx/normalize"
	"policyx/normalize/dept"
	"policyx/normalize/seg"
	"policyx/output/sqlite"
	"policyx/output/xlsx"
	"policyx/schema"
)

// Options of a run.
type options struct {
	outDir      string
	workers     int
	force       bool
	timeout     time.Duration
	progress    io.Writer // nil: no progress line
	log         io.Writer // per-file errors and skips
	noWorkbooks bool
	limits      corpus.Limits
}

// Option configures a Pipeline.
type Option func(*options)

// WithOutDir sets the output folder (default "out").
func WithOutDir(d string) Option { return func(o *options) { o.outDir = d } }

// WithWorkers sets the number of document workers (default: number of CPUs).
func WithWorkers(n int) Option { return func(o *options) { o.workers = n } }

// WithForce re-processes files already stored as ok.
func WithForce(f bool) Option { return func(o *options) { o.force = f } }

// WithTimeout sets the time budget of one file (default 60 s).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithProgress writes a progress line to w (normally stderr on a terminal).
func WithProgress(w io.Writer) Option { return func(o *options) { o.progress = w } }

// WithLog writes per-file errors and skipped files to w (default stderr).
func WithLog(w io.Writer) Option { return func(o *options) { o.log = w } }

// WithoutWorkbooks skips the Excel output (benchmarks of the core).
func WithoutWorkbooks() Option { return func(o *options) { o.noWorkbooks = true } }

// WithLimits sets the reader limits.
func WithLimits(l corpus.Limits) Option { return func(o *options) { o.limits = l } }

// Pipeline holds the shared resources; build it once, Run it on batches.
// The dictionaries and the segmenter are loaded on first use, so a re-run
// over unchanged files does not pay for them.
type Pipeline struct {
	opt    options
	reader *corpus.Reader

	once    sync.Once
	ext     *extract.Extractor
	seg     *seg.Segmenter
	loadErr error
	// SegmenterLoad is how long loading the dictionaries took (0 until used).
	SegmenterLoad time.Duration
}

// New returns a pipeline.
func New(opts ...Option) (*Pipeline, error) {
	o := options{outDir: "out", workers: runtime.NumCPU(), timeout: 60 * time.Second, log: os.Stderr, limits: corpus.DefaultLimits}
	for _, f := range opts {
		f(&o)
	}
	if o.workers < 1 {
		o.workers = 1
	}
	return &Pipeline{opt: o, reader: corpus.New(corpus.WithLimits(o.limits))}, nil
}

// Load loads the department dictionary and the segmenter (once).
func (p *Pipeline) Load() error {
	p.once.Do(func() {
		t0 := time.Now()
		d, err := dept.Load()
		if err != nil {
			p.loadErr = err
			return
		}
		sg, err := seg.Load(seg.WithWords(d.GSEWords()))
		if err != nil {
			p.loadErr = err
			return
		}
		p.ext = extract.New(extract.WithSegmenter(sg), extract.WithDepartments(d))
		p.seg = sg
		p.SegmenterLoad = time.Since(t0)
	})
	return p.loadErr
}

// FileResult is the outcome of one input file.
type FileResult struct {
	Input    corpus.Input
	Docs     []*schema.Document
	Err      error // the file failed
	Skipped  bool  // unchanged since an ok run (incremental)
	SHA256   string
	Workbook string
	// WorkbookErr is why the file's workbook could not be written.
	WorkbookErr error
}

// Summary of a run.
type Summary struct {
	Files, Documents, Tables, Targets, Tasks, Checks int
	Failed, Partial, Unchanged                       int
	Skipped                                          []corpus.Skipped
	Elapsed                                          time.Duration
	InputBytes                                       int64
	// Links counts the references of the whole database after resolution
	// (document_links, how many resolved, target_pairs).
	Links sqlite.LinkStats
}

func (s *Summary) String() string {
	return fmt.Sprintf("%d files, %d documents, %d tables, %d targets, %d tasks, %d checks, %d failed, %d unchanged, %d skipped, %.2fs",
		s.Files, s.Documents, s.Tables, s.Targets, s.Tasks, s.Checks, s.Failed, s.Unchanged, len(s.Skipped), s.Elapsed.Seconds())
}

// ErrSetup marks errors that stop the run itself (exit status 1).
var ErrSetup = errors.New("setup")

// Run processes paths (files or folders) into the output folder.
func (p *Pipeline) Run(ctx context.Context, paths []string) (*Summary, error) {
	t0 := time.Now()
	sum := &Summary{}
	inputs, skipped, err := corpus.Walk(paths)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	sum.Skipped = skipped
	for _, s := range skipped {
		fmt.Fprintf(p.opt.log, "skipped %s: %s\n", s.Path, s.Reason)
	}
	if err := os.MkdirAll(filepath.Join(p.opt.outDir, "xlsx"), 0o755); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	db, err := sqlite.Open(filepath.Join(p.opt.outDir, "policy.db"))
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
	summaryPath := filepath.Join(p.opt.outDir, "xlsx", "summary.xlsx")
	// Workbooks are written to .tmp-* and renamed; a killed run may have
	// left some behind.
	if stale, err := filepath.Glob(filepath.Join(p.opt.outDir, "xlsx", ".tmp-*.xlsx")); err == nil {
		for _, f := range stale {
			os.Remove(f)
		}
	}
	names := workbookNames(inputs)
	jobs := make(chan int)
	results := make(chan FileResult, p.opt.workers)
	var wg sync.WaitGroup
	for w := 0; w < p.opt.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := p.processFile(ctx, done, inputs[i], filepath.Join(p.opt.outDir, "xlsx", names[i]))
				// Workbooks are written here, in parallel, not by the
				// single database writer, which would become the
				// bottleneck of the batch. The workbook comes before the
				// database: a run killed in between leaves the file
				// unrecorded, so the next run processes it again.
				if !r.Skipped && r.Workbook != "" && !p.opt.noWorkbooks && r.Err == nil {
					name := filepath.Base(r.Workbook)
					if r.WorkbookErr = xlsx.WriteDocument(r.Workbook, r.Docs); r.WorkbookErr != nil {
						name = ""
					}
					for _, d := range r.Docs {
						d.Workbook = name
					}
				}
				results <- r
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range inputs {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	prog := newProgress(p.opt.progress, len(inputs))
	var writeErr error
	changed := false
	written := map[string]bool{} // source paths stored by this run
	for r := range results {
		// Results that queued up while the last batch was written go into
		// one transaction: the writer catches up instead of falling behind
		// by one commit per file. The queue is bounded (the results channel
		// and maxBatch), so memory stays flat.
		batch := []FileResult{r}
	drain:
		for len(batch) < maxBatch {
			select {
			case r2, ok := <-results:
				if !ok {
					break drain
				}
				batch = append(batch, r2)
			default:
				break drain
			}
		}
		if writeErr == nil {
			writeErr = writeBatch(db, batch)
		}
		for _, r := range batch {
			p.account(db, sum, r, prog)
			if !r.Skipped {
				changed = true
				for _, d := range r.Docs {
					written[d.Path] = true
				}
			}
		}
	}
	prog.done()
	if writeErr != nil {
		return sum, fmt.Errorf("%w: %v", ErrSetup, writeErr)
	}
	if err := p.resolveLinks(db, sum, changed); err != nil {
		return sum, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	if changed && !p.opt.noWorkbooks {
		// 概览 of the workbooks whose references the batch resolved
		if err := xlsx.UpdateLinks(db.SQL(), filepath.Join(p.opt.outDir, "xlsx"), written, p.opt.workers); err != nil {
			fmt.Fprintf(p.opt.log, "workbooks: %v\n", err)
		}
	}
	if _, err := os.Stat(summaryPath); !p.opt.noWorkbooks && (changed || err != nil) {
		if err := xlsx.WriteSummary(summaryPath, db.SQL()); err != nil {
			return sum, fmt.Errorf("%w: summary workbook: %v", ErrSetup, err)
		}
	}
	sum.Elapsed = time.Since(t0)
	return sum, ctx.Err()
}

// resolveLinks resolves the references of the whole database after a
// batch that changed it (a document loaded now may be what earlier ones
// cite) and counts them.
func (p *Pipeline) resolveLinks(db *sqlite.DB, sum *Summary, changed bool) error {
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

// maxBatch bounds how many files one database transaction takes.
const maxBatch = 32

// writeBatch stores the processed files of a batch in one transaction. When
// that fails, it writes them one by one so that the error names its file and
// the files before it are kept.
func writeBatch(db *sqlite.DB, batch []FileResult) error {
	var files [][]*schema.Document
	for _, r := range batch {
		if !r.Skipped {
			files = append(files, r.Docs)
		}
	}
	if len(files) == 0 || db.WriteFiles(files) == nil {
		return nil
	}
	for _, r := range batch {
		if r.Skipped {
			continue
		}
		if err := db.WriteFile(r.Docs); err != nil {
			return fmt.Errorf("%s: write database: %w", r.Input.Path, err)
		}
	}
	return nil
}

// account adds one file's outcome to the summary and the log.
func (p *Pipeline) account(db *sqlite.DB, sum *Summary, r FileResult, prog *progress) {
	sum.Files++
	sum.InputBytes += r.Input.Size
	if r.Skipped {
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
		prog.tick(r.Input.Path)
		return
	}
	if r.Err != nil {
		sum.Failed++
		fmt.Fprintf(p.opt.log, "failed %s\n", r.Err)
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
	if r.WorkbookErr != nil {
		fmt.Fprintf(p.opt.log, "workbook %s: %v\n", r.Workbook, r.WorkbookErr)
	}
	prog.tick(r.Input.Path)
}

// processFile reads, normalizes and extracts one file. It never panics: a
// panic anywhere in the stages becomes the file's error.
func (p *Pipeline) processFile(ctx context.Context, done map[string]bool, in corpus.Input, workbook string) (res FileResult) {
	res = FileResult{Input: in, Workbook: workbook}
	fail := func(sha string, err error) FileResult {
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
	if !p.opt.force {
		if done[sha] {
			if _, err := os.Stat(workbook); err == nil || p.opt.noWorkbooks {
				res.Skipped = true
				return res
			}
		}
	}
	if in.Format == "" {
		_, ferr := corpus.FormatOf(in.Path)
		return fail(sha, fmt.Errorf("%s: %w", in.Path, ferr))
	}

	// Load the dictionaries before the clock starts: loading is not the
	// file's time.
	if err := p.Load(); err != nil {
		return fail(sha, err)
	}
	fctx, cancel := context.WithTimeout(ctx, p.opt.timeout)
	defer cancel()
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
		res.Docs = o.docs
		return res
	case <-fctx.Done():
		// The stages check the context between steps, but one step may
		// run on. Hold this worker a while for it, so runaway files do not
		// pile up in memory; then move on regardless.
		grace := time.NewTimer(p.opt.timeout)
		defer grace.Stop()
		select {
		case <-ch:
		case <-grace.C:
		}
		return fail(sha, fmt.Errorf("%s: timeout after %s", in.Path, p.opt.timeout))
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

var unsafeName = regexp.MustCompile(`[\x00-\x1f/\\:*?"<>|]+`)

// workbookNames gives every input a workbook file name inside OUTDIR/xlsx:
// its base name with the extension replaced, unsafe characters replaced, and
// a numeric suffix where two inputs share a name.
func workbookNames(inputs []corpus.Input) []string {
	out := make([]string, len(inputs))
	used := map[string]int{"summary.xlsx": 1}
	for i, in := range inputs {
		base := filepath.Base(in.Path)
		base = strings.TrimSuffix(base, filepath.Ext(base))
		base = unsafeName.ReplaceAllString(base, "_")
		base = strings.Trim(base, ". ")
		if base == "" {
			base = "document"
		}
		if len(base) > 150 {
			base = base[:150]
		}
		name := base + ".xlsx"
		for n := 2; used[name] > 0; n++ {
			name = fmt.Sprintf("%s-%d.xlsx", base, n)
		}
		used[name]++
		out[i] = name
	}
	return out
}

type progress struct {
	w     io.Writer
	total int
	n     int
	start time.Time
	shown bool
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: total, start: time.Now()}
}

func (p *progress) tick(path string) {
	p.n++
	if p.w == nil || time.Since(p.start) < time.Second {
		return
	}
	p.shown = true
	fmt.Fprintf(p.w, "\r\033[K[%d/%d] %s", p.n, p.total, filepath.Base(path))
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// Process reads one file and runs every stage on it without writing
// anything: for debugging (policyx dump) and tests.
func (p *Pipeline) Process(ctx context.Context, path string) ([]*schema.Document, error) {
	f, err := corpus.FormatOf(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := p.reader.ReadBytes(path)
	if err != nil {
		return nil, err
	}
	return p.stages(ctx, corpus.Input{Path: path, Format: f, Size: int64(len(data))}, data)
}
