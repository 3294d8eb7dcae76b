package pipeline

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Interrupted is the cause of a run's context when a signal stopped it. The
// run stops taking files, drops the ones under way (nothing of them is
// stored, none is recorded as failed), writes the summary and returns it.
type Interrupted struct{ Signal os.Signal }

func (e *Interrupted) Error() string { return "interrupted (" + e.Signal.String() + ")" }

// ExitCode is the conventional status of a process ended by the signal:
// 130 for SIGINT, 143 for SIGTERM.
func (e *Interrupted) ExitCode() int {
	if s, ok := e.Signal.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// SignalContext returns a context cancelled with an *Interrupted cause on
// the first SIGINT or SIGTERM. A second signal ends the process at once
// (the database stays sound: every file is one transaction). stop releases
// the signals.
func SignalContext(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		n := 0
		for {
			select {
			case s := <-ch:
				n++
				in := &Interrupted{Signal: s}
				if n > 1 {
					fmt.Fprintln(os.Stderr, "policyx: interrupted again: stopping now")
					os.Exit(in.ExitCode())
				}
				cancel(in)
			case <-done:
				return
			}
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}
