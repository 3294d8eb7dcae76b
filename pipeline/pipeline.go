// Package pipeline wires the stages: walk → read → normalize → split →
// extract → write. A pool of workers processes files; one writer goroutine
// owns the SQLite database and writes each file in one transaction. A file
// that fails is recorded as failed and the batch goes on.
package pipeline

import (
	"context"

	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"policyx/corpus"
	"policyx/extract"
	"policyx/output/xlsx"

	"policyx/lexicon/dept"
	"policyx/lexicon/seg"
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
	prune       bool
	noWait      bool
	version     string
	args        []string
	busy        time.Duration // SQLite busy timeout; 0: the default
	dbURL       string        // PostgreSQL (WithDB); "" for OUTDIR/policy.db
	dbSchema    string
}

// Option configures a Pipeline.
type Option func(*options)

// WithOutDir sets the output folder (default "out").
func WithOutDir(d string) Option { return func(o *options) { o.outDir = d } }

// WithWorkers sets the number of document workers (default: number of CPUs).
func WithWorkers(n int) Option { return func(o *options) { o.workers = n } }

// WithForce re-processes files already stored as ok.
func WithForce(f bool) Option { return func(o *options) { o.force = f } }

// WithTimeout sets the time budget of one file (default 60 s); each page
// read by OCR adds a quarter of it (see ocrBudget).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithProgress writes a progress line to w (normally stderr on a terminal).
func WithProgress(w io.Writer) Option { return func(o *options) { o.progress = w } }

// WithLog writes per-file errors and skipped files to w (default stderr).
func WithLog(w io.Writer) Option { return func(o *options) { o.log = w } }

// WithoutWorkbooks skips the Excel output (benchmarks of the core).
func WithoutWorkbooks() Option { return func(o *options) { o.noWorkbooks = true } }

// WithLimits sets the reader limits.
func WithLimits(l corpus.Limits) Option { return func(o *options) { o.limits = l } }

// WithPrune removes the rows and workbooks of stored files that no longer
// exist under the paths of the run.
func WithPrune(b bool) Option { return func(o *options) { o.prune = b } }

// WithNoWait makes a run refuse an OUTDIR another run holds (ErrBusy)
// instead of waiting for it.
func WithNoWait(b bool) Option { return func(o *options) { o.noWait = b } }

// WithRunInfo sets what the runs table records of the command: the
// program's version and its arguments.
func WithRunInfo(version string, args []string) Option {
	return func(o *options) { o.version, o.args = version, args }
}

// Pipeline holds the shared resources; build it once, Run it on batches.
// The dictionaries and the segmenter are loaded on first use, so a re-run
// over unchanged files does not pay for them.
type Pipeline struct {
	opt    options
	reader *corpus.Reader
	books  *xlsx.DocumentWriter // the per-file workbooks, shared by the workers

	once    sync.Once
	ext     *extract.Extractor
	seg     *seg.Segmenter
	loadErr error
	// SegmenterLoad is how long loading the dictionaries took (0 until used).
	SegmenterLoad time.Duration
	// readDir replaces os.ReadDir in the walk (tests).
	readDir func(string) ([]fs.DirEntry, error)
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
	return &Pipeline{opt: o, reader: corpus.New(corpus.WithLimits(o.limits)), books: xlsx.NewDocumentWriter()}, nil
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
		ext, err := extract.New(extract.WithSegmenter(sg), extract.WithDepartments(d))
		if err != nil {
			p.loadErr = err
			return
		}
		p.ext = ext
		p.seg = sg
		p.SegmenterLoad = time.Since(t0)
	})
	return p.loadErr
}

// segWords segments text with the loaded segmenter (nil when it cannot
// load): for rebuilding the word index of an older database.
func (p *Pipeline) segWords(text string) []string {
	if p.Load() != nil || p.seg == nil {
		return nil
	}
	return p.seg.Words(text)
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
