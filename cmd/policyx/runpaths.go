package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"policyx/pipeline"
)

// runPathFlags adds the flags of the run's bookkeeping: pruning and the
// OUTDIR lock.
func runPathFlags(fs *flag.FlagSet, ro *runOpts) {
	fs.BoolVar(&ro.prune, "prune", false, "remove the rows and workbooks of stored files that no longer exist under the given paths")
	fs.BoolVar(&ro.noWait, "no-wait", false, "refuse an OUTDIR another policyx run is writing instead of waiting for it")
}

// defaultInput is read when no PATH is given, inside the policyx repository
// only.
const defaultInput = "corpus/samples"

// inputPaths returns the paths of a run: those given, or the sample
// documents when run from the repository's root.
func inputPaths(args []string) ([]string, error) {
	if len(args) > 0 {
		return args, nil
	}
	mod, err := os.ReadFile("go.mod")
	if st, serr := os.Stat(defaultInput); err == nil && serr == nil && st.IsDir() &&
		strings.HasPrefix(strings.TrimSpace(string(mod)), "module policyx") {
		return []string{defaultInput}, nil
	}
	wd, _ := os.Getwd()
	return nil, fmt.Errorf("no PATH given, and %s is not the policyx repository (the default %s/ is read only there): name the files or folders to read, e.g. policyx run -o out ~/policies",
		filepath.Clean(wd), defaultInput)
}

// runStatus prints the outcome of a run and returns the exit status: 0 all
// read, 2 some path failed or is missing, 1 the run could not proceed,
// 130/143 stopped by SIGINT/SIGTERM.
func runStatus(sum *pipeline.Summary, err error, quiet bool, stdout, stderr io.Writer) int {
	var in *pipeline.Interrupted
	interrupted := errors.As(err, &in)
	if err != nil && !interrupted {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
	}
	if sum != nil && !quiet {
		fmt.Fprintf(stdout, "policyx: %s\n", sum)
		fmt.Fprintf(stdout, "policyx: references: %s\n", sum.Links)
	}
	switch {
	case interrupted:
		fmt.Fprintln(stderr, "policyx: interrupted")
		return in.ExitCode()
	case err != nil && (errors.Is(err, pipeline.ErrSetup) || sum == nil):
		return 1
	case err != nil || sum.Failed > 0 || sum.Missing > 0:
		return 2
	}
	return 0
}
