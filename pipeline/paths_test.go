package pipeline

// Every path accounted for (issue 15): one test per defect.

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"policyx/output/sqlite"
)

// sample returns the bytes of a sample document, with a line that makes
// copy n unique.
func sample(t testing.TB, i, n int) []byte {
	t.Helper()
	names := []string{"000_95a7f77e11e0643b.txt", "002_75b5d77bddcdaf1d.txt", "003_2d8cf891e2a8f1d9.txt"}
	b, err := os.ReadFile(filepath.Join("..", "corpus", "samples", names[i%len(names)]))
	if err != nil {
		t.Fatal(err)
	}
	if n > 0 {
		b = append(b, fmt.Sprintf("\n（本件第%d份）\n", n)...)
	}
	return b
}

func write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fileRow is a files row of one run.
type fileRow struct {
	status, msg string
	doc         sql.NullInt64
}

func fileRows(t testing.TB, db *sql.DB, run int64) map[string]fileRow {
	t.Helper()
	rows, err := db.Query(`SELECT path, status, coalesce(message,''), document_id FROM files WHERE run_id = ?`, run)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]fileRow{}
	for rows.Next() {
		var p []byte
		var r fileRow
		if err := rows.Scan(&p, &r.status, &r.msg, &r.doc); err != nil {
			t.Fatal(err)
		}
		out[string(p)] = r
	}
	return out
}

func count(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func mustRun(t testing.TB, p *Pipeline, paths ...string) *Summary {
	t.Helper()
	sum, err := p.Run(context.Background(), paths)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

// Identical bytes under two names: processed once, both paths recorded and
// linked to the one document, the workbook named after the first path with
// the other on its 概览 sheet; whatever the scheduling, the first path wins;
// a later batch does not move the document to the other name.
func TestDuplicateBytes(t *testing.T) {
	in := t.TempDir()
	a, b, c := filepath.Join(in, "a.md"), filepath.Join(in, "b_copy.md"), filepath.Join(in, "c.md")
	write(t, a, sample(t, 0, 0))
	write(t, b, sample(t, 0, 0))
	write(t, c, sample(t, 1, 0))
	for _, workers := range []int{1, 3} {
		out := filepath.Join(t.TempDir(), "out")
		sum := mustRun(t, testPipeline(t, WithOutDir(out), WithWorkers(workers), WithLog(&bytes.Buffer{})), in)
		db := openDB(t, filepath.Join(out, "policy.db"))
		if sum.Documents != 2 || sum.Processed != 2 || sum.Duplicate != 1 {
			t.Errorf("workers %d: %s, want 2 documents, 2 processed, 1 duplicate", workers, sum)
		}
		if n := count(t, db, `SELECT count(*) FROM documents`); n != 2 {
			t.Errorf("documents = %d, want 2", n)
		}
		fr := fileRows(t, db, sum.RunID)
		if fr[a].status != "processed" || fr[b].status != "duplicate" || fr[b].doc != fr[a].doc || !fr[a].doc.Valid {
			t.Errorf("files rows: a %+v, b %+v", fr[a], fr[b])
		}
		var src, wb string
		db.QueryRow(`SELECT source_path, workbook FROM documents WHERE id = ?`, fr[a].doc.Int64).Scan(&src, &wb)
		if src != a || wb != "a.xlsx" {
			t.Errorf("document of the bytes: source %s workbook %s, want %s a.xlsx", src, wb, a)
		}
		if _, err := os.Stat(filepath.Join(out, "xlsx", "b_copy.xlsx")); err == nil {
			t.Error("b_copy.xlsx written: a workbook in no table")
		}
		f, err := excelize.OpenFile(filepath.Join(out, "xlsx", "a.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("概览")
		f.Close()
		listed := false
		for _, r := range rows {
			if len(r) > 1 && r[0] == "同内容文件" && r[1] == b {
				listed = true
			}
		}
		if !listed {
			t.Errorf("概览 of a.xlsx does not list %s", b)
		}

		// A second batch with b alone: b is a duplicate of the stored a.
		sum2 := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), b)
		fr2 := fileRows(t, db, sum2.RunID)
		db.QueryRow(`SELECT source_path FROM documents WHERE id = ?`, fr[a].doc.Int64).Scan(&src)
		if fr2[b].status != "duplicate" || fr2[b].doc != fr[a].doc || src != a {
			t.Errorf("b alone: %+v, document source %s; want a duplicate of %s", fr2[b], src, a)
		}
	}
}

// Bytes that are not UTF-8 in file names keep two files apart, and editing
// one of them leaves two documents for two files.
func TestNonUTF8Names(t *testing.T) {
	in := t.TempDir()
	x, y := filepath.Join(in, "a\xff.txt"), filepath.Join(in, "a\xfe.txt")
	write(t, x, sample(t, 0, 1))
	write(t, y, sample(t, 1, 2))
	out := filepath.Join(t.TempDir(), "out")
	p := testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{}))
	mustRun(t, p, in)
	write(t, x, sample(t, 0, 3)) // edited
	sum := mustRun(t, p, in)
	db := openDB(t, filepath.Join(out, "policy.db"))
	if n := count(t, db, `SELECT count(*) FROM documents`); n != 2 {
		t.Errorf("documents = %d, want 2 for two files", n)
	}
	if n := count(t, db, `SELECT count(DISTINCT source_path) FROM documents`); n != 2 {
		t.Errorf("distinct source paths = %d, want 2", n)
	}
	fr := fileRows(t, db, sum.RunID)
	if fr[x].status != "processed" || fr[y].status != "unchanged" {
		t.Errorf("files rows by raw path: %+v %+v", fr[x], fr[y])
	}
	if n := count(t, db, `SELECT count(DISTINCT workbook) FROM documents`); n != 2 {
		t.Errorf("distinct workbooks = %d, want 2", n)
	}
}

// Workbooks: one per source path across folders and batches, names cut on a
// character, every documents.workbook a file that exists.
func TestWorkbookNamesAcrossBatches(t *testing.T) {
	in := t.TempDir()
	ax, bx := filepath.Join(in, "A", "x.txt"), filepath.Join(in, "B", "x.txt")
	long := filepath.Join(in, "C", "a"+strings.Repeat("关于印发", 20)+".txt")
	write(t, ax, sample(t, 0, 1))
	write(t, bx, sample(t, 1, 2))
	write(t, long, sample(t, 2, 3))
	out := filepath.Join(t.TempDir(), "out")
	p := testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{}))
	mustRun(t, p, in)
	aBook, _ := os.ReadFile(filepath.Join(out, "xlsx", "x.xlsx"))
	write(t, bx, sample(t, 1, 4)) // B/x.txt edited, run alone
	mustRun(t, p, bx)
	db := openDB(t, filepath.Join(out, "policy.db"))
	books := map[string]string{}
	rows, err := db.Query(`SELECT source_path, workbook FROM documents`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s, w string
		rows.Scan(&s, &w)
		books[s] = w
		if _, err := os.Stat(filepath.Join(out, "xlsx", w)); err != nil {
			t.Errorf("%s: workbook %q does not exist", s, w)
		}
	}
	rows.Close()
	if len(books) != 3 || books[ax] == books[bx] || books[ax] != "x.xlsx" {
		t.Errorf("workbooks %v", books)
	}
	if now, _ := os.ReadFile(filepath.Join(out, "xlsx", "x.xlsx")); !bytes.Equal(now, aBook) {
		t.Error("a run of B/x.txt alone overwrote A/x.txt's workbook")
	}
}

// Deleted inputs: a run says how many stored files are gone; -prune removes
// their rows and workbooks.
func TestDeletedInputs(t *testing.T) {
	in := t.TempDir()
	a, b := filepath.Join(in, "a.txt"), filepath.Join(in, "b.txt")
	write(t, a, sample(t, 0, 1))
	write(t, b, sample(t, 1, 2))
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), in)
	os.Remove(b)
	var log bytes.Buffer
	sum := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&log)), in)
	if sum.Gone != 1 || !strings.Contains(log.String(), "1 stored files no longer exist (use -prune)") {
		t.Errorf("gone %d, log %q", sum.Gone, log.String())
	}
	db := openDB(t, filepath.Join(out, "policy.db"))
	if n := count(t, db, `SELECT count(*) FROM documents WHERE source_path = ?`, b); n != 1 {
		t.Errorf("without -prune the rows of b are kept: %d", n)
	}
	sum = mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&log), WithPrune(true)), in)
	if sum.Pruned != 1 || count(t, db, `SELECT count(*) FROM documents WHERE source_path = ?`, b) != 0 {
		t.Errorf("-prune: pruned %d, rows of b left %d", sum.Pruned, count(t, db, `SELECT count(*) FROM documents WHERE source_path = ?`, b))
	}
	if _, err := os.Stat(filepath.Join(out, "xlsx", "b.xlsx")); err == nil {
		t.Error("-prune left b.xlsx")
	}
	if _, err := os.Stat(filepath.Join(out, "xlsx", "a.xlsx")); err != nil {
		t.Error("-prune removed a.xlsx")
	}
	// A run over another folder prunes nothing of this one.
	other := t.TempDir()
	write(t, filepath.Join(other, "c.txt"), sample(t, 2, 3))
	if sum := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&log), WithPrune(true)), other); sum.Pruned != 0 {
		t.Errorf("pruned %d outside the given paths", sum.Pruned)
	}
}

// Unreadable folders and over-long paths are failed with the OS error, as
// an unreadable file is.
func TestUnreadableFolderAndLongPath(t *testing.T) {
	in := t.TempDir()
	write(t, filepath.Join(in, "ok.txt"), sample(t, 0, 1))
	locked := filepath.Join(in, "locked")
	write(t, filepath.Join(locked, "hidden-from-us.txt"), sample(t, 1, 2))
	// A folder deeper than PATH_MAX: made from inside, one level at a time.
	deep := filepath.Join(in, "deep")
	os.Mkdir(deep, 0o755)
	seg := strings.Repeat("d", 200)
	far := sample(t, 2, 3)
	func() {
		cwd, _ := os.Getwd()
		defer os.Chdir(cwd)
		if err := os.Chdir(deep); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 22; i++ {
			if err := os.Mkdir(seg, 0o755); err != nil {
				t.Fatal(err)
			}
			os.Chdir(seg)
		}
		os.WriteFile("far.txt", far, 0o644)
	}()
	t.Cleanup(func() { os.RemoveAll(deep) })

	out := filepath.Join(t.TempDir(), "out")
	var log bytes.Buffer
	p := testPipeline(t, WithOutDir(out), WithLog(&log))
	p.readDir = func(d string) ([]fs.DirEntry, error) {
		if d == locked {
			return nil, &fs.PathError{Op: "open", Path: d, Err: syscall.EACCES}
		}
		return os.ReadDir(d)
	}
	long := filepath.Join(in, strings.Repeat("长", 100)+".txt") // a 300-byte name
	// Without root, a real unreadable folder too.
	closed := filepath.Join(in, "closed")
	write(t, filepath.Join(closed, "x.txt"), sample(t, 0, 5))
	if os.Geteuid() != 0 {
		os.Chmod(closed, 0)
		t.Cleanup(func() { os.Chmod(closed, 0o755) })
	}
	sum := mustRun(t, p, in, long)
	db := openDB(t, filepath.Join(out, "policy.db"))
	fr := fileRows(t, db, sum.RunID)
	if r := fr[locked]; r.status != "failed" || !strings.Contains(r.msg, "permission denied") {
		t.Errorf("unreadable folder: %+v", r)
	}
	if r := fr[closed]; os.Geteuid() != 0 && (r.status != "failed" || !strings.Contains(r.msg, "permission denied")) {
		t.Errorf("folder with mode 000: %+v", r)
	}
	if r := fr[long]; r.status != "failed" || !strings.Contains(r.msg, "file name too long") {
		t.Errorf("over-long name: %+v", r)
	}
	tooLong := 0
	for p, r := range fr {
		if strings.HasPrefix(p, deep) && r.status == "failed" && strings.Contains(r.msg, "file name too long") {
			tooLong++
		}
	}
	if tooLong == 0 {
		t.Errorf("no failed row for the path past PATH_MAX:\n%s", log.String())
	}
	if fr[filepath.Join(in, "ok.txt")].status != "processed" || sum.Failed < 3 {
		t.Errorf("summary %s", sum)
	}
}

// A workbook that cannot be written is a failure: counted, with its reason.
func TestFailedWorkbook(t *testing.T) {
	in := t.TempDir()
	write(t, filepath.Join(in, "a.txt"), sample(t, 0, 1))
	out := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(filepath.Join(out, "xlsx", "a.xlsx"), 0o755) // a folder where the workbook goes
	write(t, filepath.Join(out, "xlsx", "a.xlsx", "x"), nil)
	sum := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), in)
	if sum.Failed != 1 {
		t.Errorf("failed = %d, want 1 (the workbook): %s", sum.Failed, sum)
	}
	db := openDB(t, filepath.Join(out, "policy.db"))
	if r := fileRows(t, db, sum.RunID)[filepath.Join(in, "a.txt")]; r.status != "failed" || !strings.Contains(r.msg, "workbook") {
		t.Errorf("files row %+v", r)
	}
}

// Two runs on one OUTDIR: the second waits for the first and then finds
// every file unchanged (no work done twice); -no-wait refuses; a waiting run
// leaves the other's temporary workbooks alone.
func TestConcurrentRuns(t *testing.T) {
	in := t.TempDir()
	for i := 0; i < 6; i++ {
		write(t, filepath.Join(in, fmt.Sprintf("f%d.txt", i)), sample(t, i, i+1))
	}
	out := filepath.Join(t.TempDir(), "out")
	var wg sync.WaitGroup
	sums := make([]*Summary, 2)
	logs := make([]bytes.Buffer, 2)
	for k := 0; k < 2; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[k] = mustRun(t, testPipeline(t, WithOutDir(out), WithWorkers(2), WithLog(&logs[k])), in)
		}()
	}
	wg.Wait()
	if sums[0].Processed+sums[1].Processed != 6 || sums[0].Unchanged+sums[1].Unchanged != 6 {
		t.Errorf("runs %s / %s: want the 6 files processed once", sums[0], sums[1])
	}
	if !strings.Contains(logs[0].String()+logs[1].String(), "waiting for it to finish") {
		t.Errorf("the second run did not say it waits: %q %q", logs[0].String(), logs[1].String())
	}

	// Held by another: -no-wait refuses, a waiting run keeps off.
	lock, err := lockOutDir(context.Background(), out, true, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(out, "xlsx", ".tmp-123.xlsx")
	write(t, tmp, []byte("in flight"))
	if _, err := testPipeline(t, WithOutDir(out), WithNoWait(true), WithLog(&bytes.Buffer{})).Run(context.Background(), []string{in}); !errors.Is(err, ErrSetup) || !strings.Contains(err.Error(), "in use by another policyx run") || !strings.Contains(err.Error(), "pid ") {
		t.Errorf("-no-wait: %v", err)
	}
	done := make(chan error)
	go func() {
		_, err := testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})).Run(context.Background(), []string{in})
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	if _, err := os.Stat(tmp); err != nil {
		t.Error("a waiting run deleted the holder's temporary workbook")
	}
	lock.release()
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// A lost lock (the lock file removed) or a database another writer holds
// stops the batch at once: the files after it are not processed.
func TestLockLostStopsBatch(t *testing.T) {
	in := t.TempDir()
	const n = 40
	for i := 0; i < n; i++ {
		write(t, filepath.Join(in, fmt.Sprintf("f%02d.txt", i)), sample(t, i, i+1))
	}
	for _, how := range []string{"lock file removed", "database locked"} {
		t.Run(how, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			p := testPipeline(t, WithOutDir(out), WithWorkers(1), WithLog(&bytes.Buffer{}))
			p.opt.busy = 200 * time.Millisecond
			stopHold := make(chan struct{})
			go func() {
				// Wait for the first file to be stored, then take the lock away.
				dbPath := filepath.Join(out, "policy.db")
				for {
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
				if how == "lock file removed" {
					os.Remove(filepath.Join(out, lockName))
					return
				}
				c, _ := sql.Open("sqlite3", "file:"+dbPath+"?_busy_timeout=5000")
				c.SetMaxOpenConns(1)
				tx, err := c.Begin()
				if err == nil {
					tx.Exec(`INSERT INTO runs (version, pid) VALUES ('other', 1)`)
				}
				<-stopHold
				if tx != nil {
					tx.Rollback()
				}
				c.Close()
			}()
			_, err := p.Run(context.Background(), []string{in})
			close(stopHold)
			if err == nil {
				t.Fatal("no error")
			}
			books, _ := filepath.Glob(filepath.Join(out, "xlsx", "f*.xlsx"))
			if len(books) > n/2 {
				t.Errorf("%d of %d files processed after the lock was lost (%v)", len(books), n, err)
			}
			want := "lock lost"
			if how == "database locked" {
				want = "database is locked"
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want %q", err, want)
			}
		})
	}
}

// Our own output is never read: an OUTDIR inside the input folder, or a
// folder holding a policy.db that policyx wrote.
func TestOwnOutputNotRead(t *testing.T) {
	in := t.TempDir()
	write(t, filepath.Join(in, "a.txt"), sample(t, 0, 1))
	out := filepath.Join(in, "out")
	p := testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{}))
	mustRun(t, p, in)
	sum := mustRun(t, p, in)
	db := openDB(t, filepath.Join(out, "policy.db"))
	fr := fileRows(t, db, sum.RunID)
	if r := fr[out]; r.status != "skipped" || !strings.Contains(r.msg, "output folder") {
		t.Errorf("OUTDIR inside the input: %+v", r)
	}
	for p := range fr {
		if strings.HasPrefix(p, out+string(filepath.Separator)) {
			t.Errorf("read our own output: %s", p)
		}
	}
	// An older output folder of another run, elsewhere in the input.
	other := filepath.Join(t.TempDir(), "in2")
	write(t, filepath.Join(other, "b.txt"), sample(t, 1, 2))
	os.Rename(out, filepath.Join(other, "old-out"))
	out2 := filepath.Join(t.TempDir(), "out2")
	sum = mustRun(t, testPipeline(t, WithOutDir(out2), WithLog(&bytes.Buffer{})), other)
	fr = fileRows(t, openDB(t, filepath.Join(out2, "policy.db")), sum.RunID)
	if r := fr[filepath.Join(other, "old-out")]; r.status != "skipped" || !strings.Contains(r.msg, "policy.db") {
		t.Errorf("folder with a policyx policy.db: %+v (%d rows)", r, len(fr))
	}
}

// A missing path among several is recorded as missing; the rest runs.
func TestMissingPath(t *testing.T) {
	in := t.TempDir()
	write(t, filepath.Join(in, "a.txt"), sample(t, 0, 1))
	out := filepath.Join(t.TempDir(), "out")
	gone := filepath.Join(in, "no-such.txt")
	sum := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), gone, in)
	fr := fileRows(t, openDB(t, filepath.Join(out, "policy.db")), sum.RunID)
	if fr[gone].status != "missing" || fr[filepath.Join(in, "a.txt")].status != "processed" || sum.Missing != 1 {
		t.Errorf("rows %+v, summary %s", fr, sum)
	}
}

// The runs table records every run; documents carry the run that wrote
// them; -force keeps document ids.
func TestRunsTableAndStableIDs(t *testing.T) {
	in := t.TempDir()
	write(t, filepath.Join(in, "a.txt"), sample(t, 0, 1))
	write(t, filepath.Join(in, "b.txt"), sample(t, 1, 2))
	out := filepath.Join(t.TempDir(), "out")
	s1 := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{}), WithRunInfo("9.9", []string{"run", in})), in)
	db := openDB(t, filepath.Join(out, "policy.db"))
	ids := func() string {
		var s string
		db.QueryRow(`SELECT group_concat(id || source_path, ',') FROM (SELECT id, source_path FROM documents ORDER BY id)`).Scan(&s)
		return s
	}
	before := ids()
	s2 := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{}), WithForce(true)), in)
	if after := ids(); after != before {
		t.Errorf("-force renumbered documents: %s → %s", before, after)
	}
	var version, args, status string
	var files, processed int
	db.QueryRow(`SELECT version, args_json, status, n_files, n_processed FROM runs WHERE id = ?`, s1.RunID).Scan(&version, &args, &status, &files, &processed)
	if version != "9.9" || !strings.Contains(args, in) || status != "ok" || files != 2 || processed != 2 {
		t.Errorf("runs row: %s %s %s %d %d", version, args, status, files, processed)
	}
	if n := count(t, db, `SELECT count(*) FROM documents WHERE run_id = ?`, s2.RunID); n != 2 {
		t.Errorf("documents of the forced run: %d", n)
	}
}

// A run killed without a word leaves its runs row "running"; the next run
// marks it interrupted.
func TestKilledRunMarked(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(out, 0o755)
	db, err := sqlite.Open(filepath.Join(out, "policy.db"))
	if err != nil {
		t.Fatal(err)
	}
	id, _ := db.BeginRun("old", nil, 1)
	db.Close()
	in := t.TempDir()
	write(t, filepath.Join(in, "a.txt"), sample(t, 0, 1))
	mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), in)
	var status string
	openDB(t, filepath.Join(out, "policy.db")).QueryRow(`SELECT status FROM runs WHERE id = ?`, id).Scan(&status)
	if status != "interrupted" {
		t.Errorf("killed run: status %q", status)
	}
}

// A read-only OUTDIR is said in those words.
func TestReadOnlyOutDir(t *testing.T) {
	out := t.TempDir()
	in := t.TempDir()
	write(t, filepath.Join(in, "a.txt"), sample(t, 0, 1))
	mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), in)
	if os.Geteuid() == 0 {
		// root writes through permissions: make the folder immutable.
		for _, d := range []string{out, filepath.Join(out, "xlsx")} {
			if err := exec.Command("chattr", "+i", d).Run(); err != nil {
				t.Skip("root without chattr: cannot make a read-only folder")
			}
			t.Cleanup(func() { exec.Command("chattr", "-i", d).Run() })
		}
	} else {
		os.Chmod(out, 0o555)
		t.Cleanup(func() { os.Chmod(out, 0o755) })
	}
	write(t, filepath.Join(in, "b.txt"), sample(t, 1, 2))
	_, err := testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})).Run(context.Background(), []string{in})
	if err == nil || !strings.Contains(err.Error(), "OUTDIR is not writable") {
		t.Errorf("read-only OUTDIR: %v", err)
	}
}

// -force processes bytes again under the path that holds them, so their
// document keeps its path, id and workbook.
func TestForceKeepsOwner(t *testing.T) {
	in := t.TempDir()
	a, b := filepath.Join(in, "a.md"), filepath.Join(in, "b_copy.md")
	write(t, b, sample(t, 0, 0))
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), b)
	db := openDB(t, filepath.Join(out, "policy.db"))
	var id1, id2 int64
	db.QueryRow(`SELECT id FROM documents`).Scan(&id1)
	write(t, a, sample(t, 0, 0))
	sum := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{}), WithForce(true)), in)
	var src, wb string
	db.QueryRow(`SELECT id, source_path, workbook FROM documents`).Scan(&id2, &src, &wb)
	fr := fileRows(t, db, sum.RunID)
	if id2 != id1 || src != b || wb != "b_copy.xlsx" || fr[a].status != "duplicate" || fr[b].status != "processed" {
		t.Errorf("after -force: id %d→%d, source %s, workbook %s, rows %+v", id1, id2, src, wb, fr)
	}
}

// The same file named another way (absolute, then relative) is unchanged,
// not a duplicate of itself.
func TestSameFileOtherName(t *testing.T) {
	in := t.TempDir()
	a := filepath.Join(in, "a.txt")
	write(t, a, sample(t, 0, 1))
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), a)
	t.Chdir(in)
	sum := mustRun(t, testPipeline(t, WithOutDir(out), WithLog(&bytes.Buffer{})), "a.txt")
	if sum.Unchanged != 1 || sum.Duplicate != 0 {
		t.Errorf("the same file by a relative name: %s", sum)
	}
}
