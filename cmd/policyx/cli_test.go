package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every command's --help goes to stdout with exit 0, printed once.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"run", "--help"}, {"run", "-h"}, {"dump", "--help"},
		{"export", "--help"}, {"version", "--help"}, {"help", "dump"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Errorf("%v: exit %d", args, code)
		}
		if stdout.Len() == 0 || stderr.Len() != 0 {
			t.Errorf("%v: stdout %d bytes, stderr %q", args, stdout.Len(), stderr.String())
		}
		if n := strings.Count(stdout.String(), "usage: policyx dump"); args[0] == "dump" && n != 1 {
			t.Errorf("dump --help prints its usage %d times", n)
		}
	}
}

// A bad flag or value: the error and one usage line on stderr, exit 1.
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"run", "-timeout", "-5s"}, {"run", "-workers", "0"}, {"run", "-nosuchflag"},
		{"dump", "-x"}, {"dump"}, {"export", "-format", "xls", "-o", "x"}, {"export"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 1 {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if len(lines) != 2 || !strings.HasPrefix(lines[1], "usage: policyx ") {
			t.Errorf("%v: want the error and one usage line, got %q", args, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"frob"}, &stdout, &stderr); code != 1 {
		t.Errorf("unknown command: exit %d", code)
	}
	for _, c := range commands {
		if !strings.Contains(stderr.String(), c) {
			t.Errorf("unknown command: %q does not list %s", stderr.String(), c)
		}
	}
}

func TestConsoleNeverSharesALine(t *testing.T) {
	var b bytes.Buffer
	c := newConsole(&b)
	pw, lw := c.progress(), c.log()
	pw.Write([]byte("\r\033[K[1/3] a.txt"))
	lw.Write([]byte("failed b.txt: bad\n"))
	pw.Write([]byte("\r\033[K[2/3] b.txt"))
	pw.Write([]byte("\r\033[K"))
	lw.Write([]byte("skipped c\n"))
	want := "\r\033[K[1/3] a.txt\r\033[Kfailed b.txt: bad\n\r\033[K[2/3] b.txt\r\033[Kskipped c\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestDumpAndExport(t *testing.T) {
	sample := filepath.Join("..", "..", "corpus", "samples", "000_95a7f77e11e0643b.txt")
	if _, err := os.Stat(sample); err != nil {
		t.Skip(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"dump", sample}, &stdout, &stderr); code != 0 {
		t.Fatalf("dump: exit %d: %s", code, stderr.String())
	}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 64<<20)
	n := 0
	for sc.Scan() {
		n++
		var d map[string]any
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		for _, k := range []string{"source_path", "doc_number", "tables", "targets"} {
			if _, ok := d[k]; !ok {
				t.Errorf("no key %s", k)
			}
		}
	}
	if n == 0 {
		t.Fatal("dump printed nothing")
	}

	out := filepath.Join(t.TempDir(), "out")
	if code := run([]string{"run", "-q", "-no-xlsx", "-o", out, sample}, &stdout, &stderr); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr.String())
	}
	csvDir := filepath.Join(t.TempDir(), "csv")
	stdout.Reset()
	if code := run([]string{"export", "-format", "csv", "-db", filepath.Join(out, "policy.db"), "-o", csvDir}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(csvDir, "*-table-*.csv"))
	if len(files) == 0 {
		t.Fatal("no table CSV written")
	}
	b, _ := os.ReadFile(files[0])
	if !bytes.HasPrefix(b, []byte("\uFEFF")) || !bytes.Contains(b, []byte("\r\n")) {
		t.Errorf("%s: want a UTF-8 BOM and CRLF", files[0])
	}
}
