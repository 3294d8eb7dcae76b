package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the tests run this binary as policyx (POLICYX_TEST_MAIN=1),
// to send it signals.
func TestMain(m *testing.M) {
	if os.Getenv("POLICYX_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func copies(t *testing.T, dir string, n int) {
	t.Helper()
	data, err := os.ReadFile("../../corpus/samples/002_75b5d77bddcdaf1d.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(dir, 0o755)
	for i := 0; i < n; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.txt", i)), append(data, fmt.Sprintf("\n（第%d份）\n", i)...), 0o644)
	}
}

// SIGINT and SIGTERM: intake stops, the files under way are dropped (none
// recorded as failed), summary.xlsx is written, "interrupted", exit 130 and
// 143; a re-run completes the batch.
func TestSignals(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	const n = 12
	copies(t, in, n)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			cmd := exec.Command(os.Args[0], "run", "-workers", "1", "-o", out, in)
			cmd.Env = append(os.Environ(), "POLICYX_TEST_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			dbPath := filepath.Join(out, "policy.db")
			deadline := time.Now().Add(60 * time.Second)
			for time.Now().Before(deadline) {
				if c, err := sql.Open("sqlite3", "file:"+dbPath+"?mode=ro"); err == nil {
					var k int
					c.QueryRow(`SELECT count(*) FROM files WHERE status = 'processed'`).Scan(&k)
					c.Close()
					if k > 0 {
						break
					}
				}
				time.Sleep(20 * time.Millisecond)
			}
			cmd.Process.Signal(tc.sig)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit %v, want %d; stderr:\n%s", err, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr does not say interrupted:\n%s", stderr.String())
			}
			c, err := sql.Open("sqlite3", "file:"+dbPath)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			var failed, rows, docs int
			var status string
			c.QueryRow(`SELECT count(*) FROM files WHERE status = 'failed'`).Scan(&failed)
			c.QueryRow(`SELECT count(*) FROM files`).Scan(&rows)
			c.QueryRow(`SELECT status FROM runs ORDER BY id DESC LIMIT 1`).Scan(&status)
			if failed != 0 || rows != n || status != "interrupted" {
				t.Errorf("after %s: %d failed rows, %d rows for %d files, run %s", tc.sig, failed, rows, n, status)
			}
			if _, err := os.Stat(filepath.Join(out, "xlsx", "summary.xlsx")); err != nil {
				t.Errorf("no summary.xlsx: %v", err)
			}
			var so, se bytes.Buffer
			if code := run([]string{"run", "-o", out, in}, &so, &se); code != 0 {
				t.Fatalf("re-run: exit %d\n%s", code, se.String())
			}
			c.QueryRow(`SELECT count(*) FROM documents WHERE status = 'ok'`).Scan(&docs)
			if docs != n {
				t.Errorf("after the re-run %d documents, want %d", docs, n)
			}
		})
	}
}

// A missing path among several is reported and the rest runs (exit 2); the
// default input is read only inside the repository; a foreign database is
// refused with a message.
func TestRunPaths(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	copies(t, in, 1)
	out := filepath.Join(t.TempDir(), "out")
	var so, se bytes.Buffer
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	if code := run([]string{"run", "-o", out, missing, in}, &so, &se); code != 2 {
		t.Errorf("missing path: exit %d, want 2\n%s", code, se.String())
	}
	if !strings.Contains(se.String(), "missing "+missing) || !strings.Contains(so.String(), "1 processed") {
		t.Errorf("missing path: stdout %q stderr %q", so.String(), se.String())
	}

	t.Chdir(t.TempDir())
	se.Reset()
	if code := run([]string{"run", "-o", "out"}, &so, &se); code != 1 || !strings.Contains(se.String(), "not the policyx repository") {
		t.Errorf("no PATH outside the repository: exit %d, %q", code, se.String())
	}

	foreign := t.TempDir()
	c, _ := sql.Open("sqlite3", "file:"+filepath.Join(foreign, "policy.db"))
	c.Exec(`CREATE TABLE mine (x)`)
	c.Close()
	se.Reset()
	if code := run([]string{"run", "-o", foreign, in}, &so, &se); code != 1 || !strings.Contains(se.String(), "not a policyx database") {
		t.Errorf("foreign database: exit %d, %q", code, se.String())
	}
}
