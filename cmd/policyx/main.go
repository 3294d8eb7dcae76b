// Command policyx turns Chinese government policy documents into facts:
// metadata, outline, tables, targets and tasks, written to SQLite and Excel.
//
//	policyx run [-o OUTDIR] [flags] [PATH ...]
//	policyx dump [-blocks] FILE ...
//	policyx export -format csv -o DIR [-db OUTDIR/policy.db]
//	policyx version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"policyx/pipeline"
	"policyx/schema"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `policyx turns Chinese government policy documents (text, Markdown, saved web
pages, PDF — scanned pages through tesseract when installed —, DOCX, DOC/WPS,
OFD, XLSX) into metadata, outlines, tables, targets, tasks and references,
written to SQLite (or PostgreSQL) and Excel workbooks.

Usage:
  policyx run [-o OUTDIR] [flags] [PATH ...]   process documents (below)
  policyx dump [-blocks] FILE ...              print what policyx extracts, as JSON Lines
  policyx export -format csv -o DIR [-db DB]   write every table of a database as CSV
  policyx export -db postgres://… -o FILE.db   PostgreSQL → SQLite (the contract's tables)
  policyx version                              print the version
  policyx help [COMMAND]                       this help, or a command's

PATH is a file or a folder (walked recursively); default corpus/samples/.
Writes OUTDIR/policy.db and OUTDIR/xlsx/ (a workbook per input file and
summary.xlsx). Files already stored as ok (same SHA-256) are skipped unless
-force.

Exit status: 0 every file processed, 2 some files failed or a PATH is missing,
1 the run could not proceed (bad flags, unwritable OUTDIR, OUTDIR held by another
run with -no-wait), 130/143 interrupted by SIGINT/SIGTERM. Every path is recorded
in the files table of policy.db with what became of it; one run at a time
writes an OUTDIR (a second one waits).

Flags of run:
`

func main() {
	pipeline.TuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// commands lists every command, for dispatch and for "unknown command".
var commands = []string{"run", "dump", "export", "version", "help"}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		fs, _ := runFlags(stderr)
		fs.PrintDefaults()
		return 1
	}
	switch args[0] {
	case "version", "-version", "--version":
		if len(args) > 1 && isHelp(args[1]) {
			fmt.Fprintln(stdout, "usage: policyx version\n\nPrints the version, the database contract version and the Go version.")
			return 0
		}
		fmt.Fprintf(stdout, "policyx %s (contract user_version %d, %s)\n", version, schema.UserVersion, runtime.Version())
		return 0
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[1] != "help" && !isHelp(args[1]) {
			return run([]string{args[1], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		fs, _ := runFlags(stdout)
		fs.PrintDefaults()
		return 0
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "dump":
		return dumpCmd(args[1:], stdout, stderr)
	case "export":
		return exportCmd(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "policyx: unknown command %q; commands: %s (policyx --help)\n", args[0], strings.Join(commands, ", "))
	return 1
}

func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// parseFlags parses a command's flags the same way for every command:
// -h/--help prints the whole help on stdout (exit 0); a bad flag prints
// the error and one usage line on stderr (exit 1). ok is false when the
// command must stop with code.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, synopsis string, help func(io.Writer)) (ok bool, code int) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		help(stdout)
		return false, 0
	}
	if err != nil {
		return false, usageError(stderr, fs.Name(), synopsis, err.Error())
	}
	return true, 0
}

// usageError prints "policyx CMD: msg" and one usage line; exit status 1.
func usageError(stderr io.Writer, cmd, synopsis, msg string) int {
	fmt.Fprintf(stderr, "policyx %s: %s\nusage: %s (policyx %s --help for more)\n", cmd, msg, synopsis, cmd)
	return 1
}

const runSynopsis = "policyx run [-o OUTDIR] [flags] [PATH ...]"

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
	db       string // PostgreSQL URL (-db, POLICYX_DB)
	dbSchema string
	prof     profiles
}

func runFlags(w io.Writer) (*flag.FlagSet, *runOpts) {
	ro := &runOpts{}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.StringVar(&ro.out, "o", "out", "output folder: policy.db and xlsx/ are written here")
	fs.IntVar(&ro.workers, "workers", runtime.NumCPU(), "documents processed in parallel")
	fs.BoolVar(&ro.force, "force", false, "re-process files already stored as ok (default: skip unchanged files)")
	fs.DurationVar(&ro.timeout, "timeout", 60*time.Second, "time budget of one file; each page read by OCR adds a quarter of it (an 8-page scan: 60s + 8×15s); a file past it fails with \"timeout\"")
	fs.BoolVar(&ro.noXLSX, "no-xlsx", false, "write only the database, no workbooks")
	fs.BoolVar(&ro.quiet, "q", false, "quiet: no per-file lines (skipped, failed …) and no summary line; errors that stop the run still print")
	fs.StringVar(&ro.db, "db", os.Getenv("POLICYX_DB"), "write the rows to this PostgreSQL database (postgres://user@host/db) instead of OUTDIR/policy.db; default $POLICYX_DB")
	fs.StringVar(&ro.dbSchema, "db-schema", "policyx", "PostgreSQL schema of -db")
	fs.BoolVar(&ro.progress, "progress", isTerminal(os.Stderr), "show a progress line on stderr (default: when stderr is a terminal)")
	runPathFlags(fs, ro)
	profileFlags(fs, &ro.prof)
	fs.Usage = func() {
		fmt.Fprint(w, usage)
		fs.PrintDefaults()
	}
	return fs, ro
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	fs, ro := runFlags(stderr)
	if ok, code := parseFlags(fs, args, stdout, stderr, runSynopsis, func(w io.Writer) {
		fmt.Fprint(w, usage)
		fs.SetOutput(w)
		fs.PrintDefaults()
	}); !ok {
		return code
	}
	if msg := ro.validate(); msg != "" {
		return usageError(stderr, "run", runSynopsis, msg)
	}
	con := newConsole(stderr)
	logw := io.Writer(con.log())
	if ro.quiet {
		logw = io.Discard
	}
	paths, err := inputPaths(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
		return 1
	}
	opts := []pipeline.Option{
		pipeline.WithOutDir(ro.out), pipeline.WithWorkers(ro.workers), pipeline.WithForce(ro.force),
		pipeline.WithTimeout(ro.timeout), pipeline.WithLog(logw),
	}
	if ro.progress {
		opts = append(opts, pipeline.WithProgress(con.progress()))
	}
	if ro.noXLSX {
		opts = append(opts, pipeline.WithoutWorkbooks())
	}
	opts = append(opts, pipeline.WithPrune(ro.prune), pipeline.WithNoWait(ro.noWait), pipeline.WithRunInfo(version, args))
	if ro.db != "" {
		opts = append(opts, pipeline.WithDB(ro.db, ro.dbSchema))
	}
	p, err := pipeline.New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
		return 1
	}
	ctx, stop := pipeline.SignalContext(context.Background())
	defer stop()
	stopProf := ro.prof.start(stderr)
	sum, err := p.Run(ctx, paths)
	stopProf()
	return runStatus(sum, err, ro.quiet, stdout, stderr)
}

// validate checks flag values the flag package accepts but a run cannot use.
func (ro *runOpts) validate() string {
	switch {
	case ro.workers < 1:
		return fmt.Sprintf("-workers %d: must be at least 1", ro.workers)
	case ro.timeout <= 0:
		return fmt.Sprintf("-timeout %v: must be positive (e.g. 60s, 5m)", ro.timeout)
	case ro.out == "":
		return "-o: empty output folder"
	}
	return ""
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
