package xlsx

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"policyx/output/sqlite"
	"policyx/schema"
)

// Memory of the workbook writers on 10,000 targets, measured as the peak
// resident set (VmHWM) of a fresh process per step, so that one step's
// garbage does not count against another.
//
//	go test -tags sqlite_fts5 -run TestWorkbookMemory -v ./output/xlsx/
//
// POLICYX_XLSX_TARGETS sets another number of targets.

const rssLimitMB = 150

// rssEnv selects the step a child process runs: doc, db or summary.
const rssEnv = "POLICYX_XLSX_RSS_STEP"

func benchTargets() int {
	if n, err := strconv.Atoi(os.Getenv("POLICYX_XLSX_TARGETS")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// vmHWM reads the peak resident set of this process in kB.
func vmHWM() (int, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}

// TestRSSStep is the child process: it runs one step and prints its peak RSS.
func TestRSSStep(t *testing.T) {
	step := os.Getenv(rssEnv)
	if step == "" {
		t.Skip("run by TestWorkbookMemory")
	}
	dir := os.Getenv("POLICYX_XLSX_RSS_DIR")
	n := benchTargets()
	switch step {
	case "doc":
		d := bigDoc("big/many.txt", n)
		if err := WriteDocument(filepath.Join(dir, "many.xlsx"), []*schema.Document{d}); err != nil {
			t.Fatal(err)
		}
	case "db":
		db, err := sqlite.Open(filepath.Join(dir, "policy.db"))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.WriteFile([]*schema.Document{bigDoc("big/many.txt", n)}); err != nil {
			t.Fatal(err)
		}
		db.Close()
	case "summary":
		db, err := sqlite.Open(filepath.Join(dir, "policy.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := WriteSummary(filepath.Join(dir, "summary.xlsx"), db.SQL()); err != nil {
			t.Fatal(err)
		}
	}
	kb, err := vmHWM()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("VmHWM_KB=%d\n", kb)
}

func runStep(t *testing.T, dir, step string) (kb int, took time.Duration) {
	t.Helper()
	t0 := time.Now()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRSSStep$", "-test.v")
	cmd.Env = append(os.Environ(), rssEnv+"="+step, "POLICYX_XLSX_RSS_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("step %s: %v\n%s", step, err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM_KB="); ok {
			kb, _ = strconv.Atoi(v)
		}
	}
	if kb == 0 {
		t.Fatalf("step %s printed no VmHWM:\n%s", step, out)
	}
	return kb, time.Since(t0)
}

func TestWorkbookMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs /proc/self/status")
	}
	if os.Getenv(rssEnv) != "" {
		t.Skip("child")
	}
	dir := t.TempDir()
	n := benchTargets()
	for _, step := range []string{"doc", "db", "summary"} {
		kb, took := runStep(t, dir, step)
		t.Logf("%d targets, %-7s peak RSS %6.1f MB, %v", n, step, float64(kb)/1024, took.Round(time.Millisecond))
		if step != "db" && kb > rssLimitMB*1024 {
			t.Errorf("%s: peak RSS %.1f MB over %d MB", step, float64(kb)/1024, rssLimitMB)
		}
	}
	// the workbooks hold what was asked
	for _, c := range []struct {
		file, sheet string
		rows        int
	}{{"many.xlsx", "指标", n + 1}, {"summary.xlsx", "指标", n + 1}} {
		f, err := excelize.OpenFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.Rows(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for rows.Next() {
			got++
		}
		rows.Close()
		f.Close()
		if got != c.rows {
			t.Errorf("%s %s: %d rows, want %d", c.file, c.sheet, got, c.rows)
		}
	}
}

func BenchmarkWriteDocument(b *testing.B) {
	d := bigDoc("big/many.txt", 2000)
	path := filepath.Join(b.TempDir(), "many.xlsx")
	for b.Loop() {
		if err := WriteDocument(path, []*schema.Document{d}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteSummary(b *testing.B) {
	dir := b.TempDir()
	db := buildDB(b, dir, []*schema.Document{bigDoc("big/many.txt", 2000)})
	defer db.Close()
	path := filepath.Join(dir, "summary.xlsx")
	for b.Loop() {
		if err := WriteSummary(path, db.SQL()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSmallDocument: the workbook of a file of a batch, where the
// fixed parts (styles, theme, relationships) are much of the work.
func BenchmarkWriteSmallDocument(b *testing.B) {
	dw := NewDocumentWriter() // as a batch writes them
	d := synthDoc("a.txt", 1, "甲")
	path := filepath.Join(b.TempDir(), "a.xlsx")
	for b.Loop() {
		if err := dw.WriteDocument(path, []*schema.Document{d}); err != nil {
			b.Fatal(err)
		}
	}
}
