package postgres

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"policyx/output/sqlite"
	"policyx/schema"
)

// The tests that need a server read its URL from POLICYX_TEST_PG
// (.ci/run starts a throw-away cluster and sets it), e.g.
// POLICYX_TEST_PG='postgres://postgres@localhost:54329/postgres?host=/tmp/pg'.
func testURL(t testing.TB) string {
	u := os.Getenv("POLICYX_TEST_PG")
	if u == "" {
		t.Skip("POLICYX_TEST_PG is unset: no PostgreSQL to test against (.ci/run starts one)")
	}
	return u
}

// openFresh opens a schema of the test's own, dropped at the end.
func openFresh(t testing.TB, opts ...Option) (*DB, string) {
	u := testURL(t)
	name := fmt.Sprintf("policyx_test_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	db, err := Open(context.Background(), u, append([]Option{WithSchema(name)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Pool().Exec(context.Background(), "DROP SCHEMA "+name+" CASCADE")
		db.Close()
	})
	return db, name
}

func testDoc(path, sha string, part int) *schema.Document {
	text := "一、总体要求\n到2020年新增1000家高新技术企业。（牵头单位：市科技局）"
	return &schema.Document{
		Path: path, SHA256: sha, Part: part, Format: schema.FormatTXT, Text: text, Status: schema.StatusOK,
		Meta: schema.Meta{Title: "测试", Jurisdiction: "柳州市"},
		Sections: []schema.Section{{Parent: -1, Level: 1, Label: "一、", Title: "总体要求", Span: schema.Span{Start: 0, End: len(text)}},
			{Parent: 0, Level: 2, Label: "（一）", Title: "目标", Span: schema.Span{Start: 19, End: len(text)}}},
		Tables: []schema.Table{{Ordinal: 1, Header: []string{"序号", "名称"}, Rows: []schema.TableRow{
			{Seq: "1", Cells: []string{"1", "甲"}}, {IsTotal: true, Cells: []string{"合计", ""}}}}},
		Targets: []schema.Target{{Section: 1, Kind: schema.KindGoal, Value: "1000", Unit: "家", NormValue: 1000, NormUnit: "家",
			Comparator: "=", Deadline: "2020-12-31", Span: schema.Span{Start: 25, End: 32}, Table: 0, Row: 1}},
		Tasks: []schema.Task{{Section: 0, Title: "总体要求", Table: 0, Row: 0, Departments: []schema.TaskDept{
			{Role: schema.RoleLead, Mention: "市科技局", Department: "柳州市科学技术局", Jurisdiction: "柳州市"}}}},
		Checks: []schema.Check{{Table: 0, Kind: "seq_gap", Message: "序号 1 → 3"}},
		Tokens: []string{"总体", "要求", "高新技术企业"},
	}
}

// TestDerive: every table and column of the SQLite DDL has its PostgreSQL
// counterpart, and the contract's tables are among them.
func TestDerive(t *testing.T) {
	d, err := Derive(schema.DDL)
	if err != nil {
		t.Fatal(err)
	}
	mem, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	// Full-text tables (FTS5 and their shadow tables) have their own
	// PostgreSQL form (documents_fts.tsv).
	rows, err := mem.SQL().Query(`SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.sql NOT LIKE 'CREATE VIRTUAL%'
		AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL%' AND m.name LIKE v.name || '\_%' ESCAPE '\')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var tab, col string
		rows.Scan(&tab, &col)
		n++
		pt := d.Table(tab)
		if pt == nil {
			t.Errorf("table %s: not derived for PostgreSQL", tab)
			continue
		}
		found := false
		for _, c := range pt.Columns {
			found = found || c.Name == col
		}
		if !found {
			t.Errorf("%s.%s: not derived for PostgreSQL", tab, col)
		}
	}
	if n == 0 {
		t.Fatal("no SQLite columns read")
	}
	for _, c := range []string{"documents", "sections", "tables", "table_rows", "checks", "targets", "tasks", "task_departments", "departments"} {
		if d.Table(c) == nil {
			t.Errorf("contract table %s missing", c)
		}
	}
	// Referenced tables come first.
	pos := map[string]int{}
	for i, n := range d.order() {
		pos[n] = i
	}
	for _, tb := range d.Tables {
		for _, c := range tb.Columns {
			if c.Ref != "" && c.Ref != tb.Name && pos[c.Ref] > pos[tb.Name] {
				t.Errorf("%s before %s, which it references", tb.Name, c.Ref)
			}
		}
	}
}

// TestSchemaInPostgres: the derived schema is accepted by PostgreSQL and
// has every column of the SQLite DDL; the version is checked.
func TestSchemaInPostgres(t *testing.T) {
	db, name := openFresh(t)
	ctx := context.Background()
	have := map[string]bool{}
	rows, err := db.Pool().Query(ctx, `SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = $1`, name)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		have[s] = true
	}
	rows.Close()
	for _, tb := range db.der.Tables {
		for _, c := range tb.Columns {
			if !have[tb.Name+"."+c.Name] {
				t.Errorf("%s.%s missing in PostgreSQL", tb.Name, c.Name)
			}
		}
	}
	if len(db.Skipped) > 0 {
		t.Logf("views PostgreSQL did not accept: %v", db.Skipped)
	}
	if _, err := db.Pool().Exec(ctx, `UPDATE schema_version SET version = version + 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, testURL(t), WithSchema(name)); err == nil || !strings.Contains(err.Error(), "schema_version") {
		t.Errorf("Open of a newer schema: %v, want a schema_version error", err)
	}
	db.Pool().Exec(ctx, `UPDATE schema_version SET version = version - 1`)
}

// TestWriteSameAsSQLite: the same files written to both sinks give the same
// rows (ids aside), replaced on re-write, searchable, and exported back.
func TestWriteSameAsSQLite(t *testing.T) {
	db, _ := openFresh(t)
	lite, err := sqlite.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	batches := [][][]*schema.Document{
		{{testDoc("a.txt", "sha1", 1), testDoc("a.txt", "sha1", 2)}, {testDoc("b.txt", "sha3", 1)}},
		{{testDoc("a.txt", "sha1", 1), testDoc("a.txt", "sha1", 2)}}, // the same again: replaced
		{{testDoc("b.txt", "sha4", 1)}},                              // new bytes at a path: replaced
	}
	other := testDoc("c.txt", "sha5", 1)
	other.Tasks[0].Departments = append(other.Tasks[0].Departments, schema.TaskDept{Role: schema.RoleSupport, Mention: "科技局", Department: "柳州市科学技术局"})
	batches = append(batches, [][]*schema.Document{{other}})
	for _, b := range batches {
		if err := db.WriteFiles(b); err != nil {
			t.Fatal(err)
		}
		if err := lite.WriteFiles(b); err != nil {
			t.Fatal(err)
		}
	}
	pc, err := db.Counts()
	if err != nil {
		t.Fatal(err)
	}
	lc, _ := lite.Counts()
	for k, v := range lc {
		if pc[k] != v {
			t.Errorf("%s: PostgreSQL %d rows, SQLite %d", k, pc[k], v)
		}
	}
	if pc["documents"] != 4 {
		t.Errorf("documents = %d, want 4", pc["documents"])
	}
	ctx := context.Background()
	var aliases, juris string
	if err := db.Pool().QueryRow(ctx, `SELECT aliases_json, jurisdiction FROM departments WHERE name = '柳州市科学技术局'`).Scan(&aliases, &juris); err != nil {
		t.Fatal(err)
	}
	var la, lj string
	lite.SQL().QueryRow(`SELECT aliases_json, jurisdiction FROM departments WHERE name = '柳州市科学技术局'`).Scan(&la, &lj)
	if aliases != la || juris != lj {
		t.Errorf("departments: PostgreSQL %s %s, SQLite %s %s", aliases, juris, la, lj)
	}
	var hits int
	if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM documents_fts WHERE tsv @@ to_tsquery('simple', '高新技术企业')`).Scan(&hits); err != nil || hits != 4 {
		t.Errorf("full-text hits = %d, %v; want 4", hits, err)
	}
	stored, err := db.StoredFiles()
	if err != nil || stored["sha4"].Failed || stored["sha4"].Path != "b.txt" || len(stored) != 3 {
		t.Errorf("StoredFiles = %v, %v", stored, err)
	}
	var nt, ng int
	if err := db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM tables t JOIN documents d ON d.id = t.document_id WHERE d.source_sha256 = 'sha5'),
		(SELECT count(*) FROM targets t JOIN documents d ON d.id = t.document_id WHERE d.source_sha256 = 'sha5')`).Scan(&nt, &ng); err != nil || nt != 1 || ng != 1 {
		t.Errorf("sha5: %d tables, %d targets, %v; want 1, 1", nt, ng, err)
	}

	out := filepath.Join(t.TempDir(), "x.db")
	if err := db.ExportSQLite(ctx, out); err != nil {
		t.Fatal(err)
	}
	x, err := sqlite.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	xc, _ := x.Counts()
	for k, v := range lc {
		if xc[k] != v {
			t.Errorf("export %s: %d rows, SQLite %d", k, xc[k], v)
		}
	}
	// Same rows, ids aside: the targets with their sections and table rows.
	q := `SELECT d.source_path, d.part, s.label, r.row_index, t.value, t.char_start, t.char_end
		FROM targets t JOIN documents d ON d.id = t.document_id LEFT JOIN sections s ON s.id = t.section_id
		LEFT JOIN table_rows r ON r.id = t.table_row_id ORDER BY 1, 2`
	if a, b := dump(t, x, q), dump(t, lite, q); a != b {
		t.Errorf("exported targets differ:\n%s\nSQLite:\n%s", a, b)
	}
	if x.FullText() {
		var n int
		x.SQL().QueryRow(`SELECT count(*) FROM documents_words WHERE documents_words MATCH '高新技术企业'`).Scan(&n)
		if n != 4 {
			t.Errorf("exported full-text hits = %d, want 4", n)
		}
	}
	if err := db.ExportSQLite(ctx, out); err == nil {
		t.Error("export over an existing file: no error")
	}
}

func dump(t *testing.T, db *sqlite.DB, q string) string {
	rows, err := db.SQL().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		rows.Scan(p...)
		out = append(out, fmt.Sprint(v...))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// TestClaims: a file is handed to one process; the claim of a process that
// is gone is free at once; a finished file is not claimed again in the run
// but is by a later run with redo.
func TestClaims(t *testing.T) {
	a, name := openFresh(t)
	ctx := context.Background()
	b, err := Open(ctx, testURL(t), WithSchema(name))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	claim := func(d *DB, sha string, redo bool) bool {
		ok, err := d.Claim(sha, redo)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !claim(a, "s1", false) || claim(b, "s1", false) || claim(b, "s1", true) {
		t.Fatal("s1 claimed twice")
	}
	if err := a.WriteFile([]*schema.Document{testDoc("a.txt", "s1", 1)}); err != nil {
		t.Fatal(err)
	}
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if claim(b, "s1", false) || claim(b, "s1", true) {
		t.Error("s1 finished during b's run and claimed again")
	}
	// A process that dies leaves its claims to the others.
	if !claim(a, "s2", false) {
		t.Fatal("s2 not claimed")
	}
	a.lease.Close(ctx)
	deadline := time.Now().Add(5 * time.Second)
	for !claim(b, "s2", false) {
		if time.Now().After(deadline) {
			t.Fatal("claim of a closed connection not taken over")
		}
		time.Sleep(50 * time.Millisecond)
	}
	a.lease = nil
	// A later run: finished files are left unless redo.
	c, err := Open(ctx, testURL(t), WithSchema(name))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if claim(c, "s1", false) || !claim(c, "s1", true) {
		t.Error("later run: s1 claimed without redo or not with it")
	}
}

// A path that held other bytes is replaced, unless a files row of the same
// run links to those bytes (another path of the run has them): then they
// stay, every part, under that path, as the SQLite sink keeps them
// (sqlite.TestWriteKeepsLinkedBytes). Whether the linking row came in an
// earlier batch or in the same one; without it the old bytes go.
func TestWriteKeepsLinkedBytes(t *testing.T) {
	ctx := context.Background()
	dup := sqlite.Item{Files: []sqlite.FileRow{{Path: "b.txt", Display: "b.txt", SHA256: "sha1", Status: sqlite.FileDuplicate, DocSHA256: "sha1"}}}
	repl := sqlite.Item{Docs: []*schema.Document{testDoc("a.txt", "sha2", 1)},
		Files: []sqlite.FileRow{{Path: "a.txt", Display: "a.txt", SHA256: "sha2", Status: sqlite.FileProcessed, DocSHA256: "sha2"}}}
	for _, tc := range []struct {
		name   string
		writes [][]sqlite.Item
		kept   bool
	}{
		{"same batch", [][]sqlite.Item{{dup, repl}}, true},
		{"earlier batch", [][]sqlite.Item{{dup}, {repl}}, true},
		{"not linked", [][]sqlite.Item{{repl}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openFresh(t)
			q := func(sql string, args ...any) (n int) {
				t.Helper()
				if err := db.Pool().QueryRow(ctx, sql, args...).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			run, err := db.BeginRun("t", nil, 1)
			if err != nil {
				t.Fatal(err)
			}
			old := []*schema.Document{testDoc("a.txt", "sha1", 1), testDoc("a.txt", "sha1", 2)}
			if err := db.WriteItems(run, []sqlite.Item{{Docs: old,
				Files: []sqlite.FileRow{{Path: "a.txt", Display: "a.txt", SHA256: "sha1", Status: sqlite.FileProcessed, DocSHA256: "sha1"}}}}); err != nil {
				t.Fatal(err)
			}
			db.Flush()
			run2, _ := db.BeginRun("t", nil, 1)
			for _, items := range tc.writes {
				if err := db.WriteItems(run2, items); err != nil {
					t.Fatal(err)
				}
				if err := db.Flush(); err != nil {
					t.Fatal(err)
				}
			}
			n := q(`SELECT count(*) FROM documents WHERE source_sha256 = 'sha1'`)
			if !tc.kept {
				if n != 0 {
					t.Errorf("a.txt's old bytes, linked to no path of the run, kept: %d parts", n)
				}
				return
			}
			if n != 2 {
				t.Fatalf("the bytes b.txt is linked to: %d parts stored, want 2", n)
			}
			if m := q(`SELECT count(*) FROM documents WHERE source_sha256 = 'sha1' AND source_path = 'b.txt'`); m != 2 {
				t.Errorf("a.txt's old bytes: %d of 2 parts under b.txt", m)
			}
			if m := q(`SELECT count(*) FROM files f JOIN documents d ON d.id = f.document_id WHERE f.run_id = $1 AND f.path = 'b.txt'::bytea AND d.source_sha256 = 'sha1'`, run2); m != 1 {
				t.Error("b.txt lost its document")
			}
			if m := q(`SELECT count(*) FROM documents WHERE source_sha256 = 'sha2' AND source_path = 'a.txt'`); m != 1 {
				t.Errorf("a.txt's new bytes: %d documents", m)
			}
		})
	}
}
