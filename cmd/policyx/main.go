// Command policyx turns Chinese government policy documents into facts:
// metadata, outline, tables, targets and tasks, written to SQLite and Excel.
//
//	policyx run [-o OUTDIR] [flags] [PATH ...]
//	policyx version
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"policyx/pipeline"
	"policyx/schema"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `policyx turns Chinese government policy documents (text, Markdown, saved web
pages, PDF, DOCX, XLSX) into metadata, outlines, tables, targets and tasks,
written to SQLite and Excel workbooks.

Usage:
  policyx run [-o OUTDIR] [flags] [PATH ...]
  policyx version
  policyx dump [-blocks] FILE   (print what policyx extracts from FILE as JSON)

PATH is a file or a folder (walked recursively); default corpus/samples/.
Writes OUTDIR/policy.db and OUTDIR/xlsx/ (a workbook per input file and
summary.xlsx). Files already stored as ok (same SHA-256) are skipped unless
-force.

Exit status: 0 every file processed, 2 some files failed, 1 the run could not
proceed (bad flags, unwritable OUTDIR).

Flags of run:
`

func main() {
	pipeline.TuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		fs, _ := runFlags(stderr)
		fs.PrintDefaults()
		return 1
	}
	switch args[0] {
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "policyx %s (contract user_version %d, %s)\n", version, schema.UserVersion, runtime.Version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		fs, _ := runFlags(stdout)
		fs.PrintDefaults()
		return 0
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "dump":
		return dumpCmd(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "policyx: unknown command %q (want run or version; see policyx --help)\n", args[0])
	return 1
}

type runOpts struct {
	out      string
	workers  int
	force    bool
	timeout  time.Duration
	noXLSX   bool
	quiet    bool
	progress bool
	prune    bool
	noWait   bool
}

func runFlags(w io.Writer) (*flag.FlagSet, *runOpts) {
	ro := &runOpts{}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.StringVar(&ro.out, "o", "out", "output folder: policy.db and xlsx/ are written here")
	fs.IntVar(&ro.workers, "workers", runtime.NumCPU(), "documents processed in parallel")
	fs.BoolVar(&ro.force, "force", false, "re-process files already stored as ok (default: skip unchanged files)")
	fs.DurationVar(&ro.timeout, "timeout", 60*time.Second, "time budget of one file; a file past it fails with \"timeout\"")
	fs.BoolVar(&ro.noXLSX, "no-xlsx", false, "write only the database, no workbooks")
	fs.BoolVar(&ro.quiet, "q", false, "no summary line")
	fs.BoolVar(&ro.progress, "progress", isTerminal(os.Stderr), "show a progress line on stderr (default: when stderr is a terminal)")
	runPathFlags(fs, ro)
	fs.Usage = func() {
		fmt.Fprint(w, usage)
		fs.PrintDefaults()
	}
	return fs, ro
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	fs, ro := runFlags(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 1
	}
	paths, err := inputPaths(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
		return 1
	}
	opts := []pipeline.Option{
		pipeline.WithOutDir(ro.out), pipeline.WithWorkers(ro.workers), pipeline.WithForce(ro.force),
		pipeline.WithTimeout(ro.timeout), pipeline.WithLog(stderr),
	}
	if ro.progress {
		opts = append(opts, pipeline.WithProgress(stderr))
	}
	if ro.noXLSX {
		opts = append(opts, pipeline.WithoutWorkbooks())
	}
	opts = append(opts, pipeline.WithPrune(ro.prune), pipeline.WithNoWait(ro.noWait), pipeline.WithRunInfo(version, args))
	p, err := pipeline.New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
		return 1
	}
	ctx, stop := pipeline.SignalContext(context.Background())
	defer stop()
	sum, err := p.Run(ctx, paths)
	return runStatus(sum, err, ro.quiet, stdout, stderr)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// dumpCmd prints the extracted documents of one file as JSON, without
// writing any output: for inspecting what the stages see.
func dumpCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dump", flag.ContinueOnError)
	fs.SetOutput(stderr)
	blocks := fs.Bool("blocks", false, "include the blocks and the normalized text")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: policyx dump [-blocks] FILE")
		return 1
	}
	p, err := pipeline.New(pipeline.WithLog(stderr))
	if err != nil {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
		return 1
	}
	docs, err := p.Process(context.Background(), fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	for _, d := range docs {
		if !*blocks {
			d.Blocks, d.Text = nil, ""
		}
		d.Tokens = nil
		if err := enc.Encode(d); err != nil {
			fmt.Fprintf(stderr, "policyx: %v\n", err)
			return 1
		}
	}
	return 0
}
