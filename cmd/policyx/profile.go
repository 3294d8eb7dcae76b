package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// profiles are the -cpuprofile and -memprofile files of a run (make bench,
// speed work): Go's pprof format, read with `go tool pprof`.
type profiles struct {
	cpu, mem string
}

func profileFlags(fs *flag.FlagSet, pr *profiles) {
	fs.StringVar(&pr.cpu, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	fs.StringVar(&pr.mem, "memprofile", "", "write a heap profile at the end of the run to this file (go tool pprof)")
}

// start starts the CPU profile; the returned function stops it and writes
// the heap profile. Errors are reported on w and do not stop the run.
func (pr *profiles) start(w io.Writer) func() {
	var cpu *os.File
	if pr.cpu != "" {
		f, err := os.Create(pr.cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(w, "policyx: -cpuprofile: %v\n", err)
		} else {
			cpu = f
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if pr.mem == "" {
			return
		}
		f, err := os.Create(pr.mem)
		if err == nil {
			runtime.GC()
			err = pprof.Lookup("allocs").WriteTo(f, 0)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(w, "policyx: -memprofile: %v\n", err)
		}
	}
}
