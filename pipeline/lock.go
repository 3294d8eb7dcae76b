package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lockName is the lock file of an OUTDIR: one writer at a time. It holds
// the PID of the run that has it; the lock itself is flock(2), which the
// kernel drops when that process ends, however it ends.
const lockName = "policyx.lock"

// ErrBusy marks an OUTDIR locked by another run when the caller would not
// wait (-no-wait).
var ErrBusy = errors.New("OUTDIR is in use by another policyx run")

// ErrLockLost marks a run whose OUTDIR lock file was removed or replaced.
var ErrLockLost = errors.New("OUTDIR lock lost")

type outLock struct {
	f    *os.File
	path string
}

// lockOutDir takes the lock of outDir. When another run holds it, it waits
// (saying so on log) or, with noWait, fails with ErrBusy.
func lockOutDir(ctx context.Context, outDir string, noWait bool, log io.Writer) (*outLock, error) {
	path := filepath.Join(outDir, lockName)
	said := false
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, notWritable(outDir, err)
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			l := &outLock{f: f, path: path}
			// The file may have been removed and made anew between open
			// and lock: then this lock is on a file nobody else sees.
			if l.held() != nil {
				f.Close()
				continue
			}
			f.Truncate(0)
			f.WriteAt([]byte(fmt.Sprintf("pid %d\n", os.Getpid())), 0)
			return l, nil
		}
		holder := lockHolder(f)
		f.Close()
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: lock: %w", path, err)
		}
		if noWait {
			return nil, fmt.Errorf("%w (%s, %s): not waiting (-no-wait)", ErrBusy, outDir, holder)
		}
		if !said {
			fmt.Fprintf(log, "policyx: %s is in use by another policyx run (%s): waiting for it to finish (-no-wait to refuse)\n", outDir, holder)
			said = true
		}
		select {
		case <-ctx.Done():
			return nil, context.Cause(ctx)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func lockHolder(f *os.File) string {
	b := make([]byte, 64)
	n, _ := f.ReadAt(b, 0)
	s := strings.TrimSpace(string(b[:n]))
	if pid, ok := strings.CutPrefix(s, "pid "); ok {
		if _, err := strconv.Atoi(pid); err == nil {
			return s
		}
	}
	return "pid unknown"
}

// held checks that the lock file at its path is still the one locked.
func (l *outLock) held() error {
	a, err := l.f.Stat()
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrLockLost, l.path, err)
	}
	b, err := os.Stat(l.path)
	if err != nil || !os.SameFile(a, b) {
		return fmt.Errorf("%w: %s was removed or replaced while this run held it; stopped", ErrLockLost, l.path)
	}
	return nil
}

func (l *outLock) release() {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}

// notWritable words an error creating files in OUTDIR.
func notWritable(outDir string, err error) error {
	if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EPERM) {
		return fmt.Errorf("%w: OUTDIR is not writable: %s: %v", ErrSetup, outDir, err)
	}
	return fmt.Errorf("%w: %v", ErrSetup, err)
}
