package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

func counts(t *testing.T, db string) map[string]int {
	t.Helper()
	c, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out := map[string]int{}
	for _, tb := range []string{"documents", "sections", "tables", "table_rows", "targets", "tasks", "task_departments", "checks"} {
		var n int
		if err := c.QueryRow("SELECT count(*) FROM " + tb).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

func TestRunExitStatus(t *testing.T) {
	in := t.TempDir()
	sample, err := os.ReadFile("../../corpus/samples/002_75b5d77bddcdaf1d.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(in, "good.txt"), sample, 0o644)
	os.WriteFile(filepath.Join(in, "bad.docx"), []byte("not a zip"), 0o644)
	os.WriteFile(filepath.Join(in, "photo.jpg"), []byte{0xff, 0xd8}, 0o644)
	out := filepath.Join(t.TempDir(), "out")

	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "-o", out, in}, &stdout, &stderr); code != 2 {
		t.Fatalf("exit %d, want 2 (one file failed); stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "bad.docx") || !strings.Contains(stderr.String(), "photo.jpg") {
		t.Errorf("stderr should name the failed and the skipped file:\n%s", stderr.String())
	}
	first := counts(t, filepath.Join(out, "policy.db"))
	if first["documents"] != 2 {
		t.Errorf("documents = %d, want 2 (one ok, one failed)", first["documents"])
	}
	for _, wb := range []string{"good.xlsx", "summary.xlsx"} {
		if _, err := os.Stat(filepath.Join(out, "xlsx", wb)); err != nil {
			t.Errorf("workbook %s: %v", wb, err)
		}
	}
	stdout.Reset()
	stderr.Reset()
	run([]string{"run", "-o", out, in}, &stdout, &stderr)
	if again := counts(t, filepath.Join(out, "policy.db")); !equal(first, again) {
		t.Errorf("re-run changed row counts: %v → %v", first, again)
	}
	run([]string{"run", "-force", "-o", out, in}, &stdout, &stderr)
	if again := counts(t, filepath.Join(out, "policy.db")); !equal(first, again) {
		t.Errorf("forced re-run changed row counts: %v → %v", first, again)
	}

	if code := run([]string{"run", "-nosuchflag"}, &stdout, &stderr); code != 1 {
		t.Errorf("bad flag: exit %d, want 1", code)
	}
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o644)
	if code := run([]string{"run", "-o", blocker, in}, &stdout, &stderr); code != 1 {
		t.Errorf("unwritable OUTDIR: exit %d, want 1", code)
	}
	stdout.Reset()
	if code := run([]string{"version"}, &stdout, &stderr); code != 0 || !strings.HasPrefix(stdout.String(), "policyx ") {
		t.Errorf("version: %d %q", code, stdout.String())
	}
}

func equal(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}
