package sqlite

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"policyx/schema"
)

// Replacing a document's rows follows foreign keys from sections, targets,
// tasks and checks: each has an index, so a replace does not scan tables.
func TestForeignKeyIndexes(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range [][2]string{{"targets", "section_id"}, {"tasks", "section_id"}, {"sections", "parent_id"},
		{"targets", "table_row_id"}, {"tasks", "table_row_id"}, {"checks", "table_id"}, {"documents", "run_id"}} {
		var n int
		err := db.SQL().QueryRow(`SELECT count(*) FROM pragma_index_list(?) l, pragma_index_info(l.name) i WHERE i.seqno = 0 AND i.name = ?`,
			tc[0], tc[1]).Scan(&n)
		if err != nil || n == 0 {
			t.Errorf("%s.%s has no index (%v)", tc[0], tc[1], err)
		}
	}
	var app int
	db.SQL().QueryRow("PRAGMA application_id").Scan(&app)
	if app != schema.ApplicationID {
		t.Errorf("application_id = %#x", app)
	}
}

// A SQLite file that is not ours is refused and left as it was: no table
// added, no WAL.
func TestForeignDatabaseRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "policy.db")
	c, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(`CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine')`); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if db, err := Open(path); !errors.Is(err, ErrForeign) {
		if db != nil {
			db.Close()
		}
		t.Fatalf("Open of a foreign database: %v", err)
	}
	c, _ = sql.Open("sqlite3", "file:"+path)
	defer c.Close()
	var n int
	var mode string
	c.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n)
	c.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if n != 1 || mode != "delete" {
		t.Errorf("foreign database touched: %d objects, journal_mode %s", n, mode)
	}
}

// A path that held other bytes is replaced, unless a path of the same run
// is linked to those bytes (they are that path's now): the delete must not
// take them.
func TestWriteKeepsLinkedBytes(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run, _ := db.BeginRun("t", nil, 1)
	if err := db.WriteItems(run, []Item{{Docs: []*schema.Document{testDoc("a.txt", "sha1", 1), testDoc("a.txt", "sha1", 2)},
		Files: []FileRow{{Path: "a.txt", Display: "a.txt", SHA256: "sha1", Status: FileProcessed, DocSHA256: "sha1"}}}}); err != nil {
		t.Fatal(err)
	}
	run2, _ := db.BeginRun("t", nil, 1)
	// b.txt holds a.txt's old bytes (linked), then a.txt gets new bytes.
	if err := db.WriteItems(run2, []Item{
		{Files: []FileRow{{Path: "b.txt", Display: "b.txt", SHA256: "sha1", Status: FileDuplicate, DocSHA256: "sha1"}}},
		{Docs: []*schema.Document{testDoc("a.txt", "sha2", 1)}, Files: []FileRow{{Path: "a.txt", Display: "a.txt", SHA256: "sha2", Status: FileProcessed, DocSHA256: "sha2"}}},
	}); err != nil {
		t.Fatal(err)
	}
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM documents WHERE source_sha256 = 'sha1'`).Scan(&n)
	if n != 2 {
		t.Errorf("the bytes b.txt is linked to: %d of 2 parts kept", n)
	}
	db.SQL().QueryRow(`SELECT count(*) FROM documents WHERE source_sha256 = 'sha1' AND source_path = 'b.txt'`).Scan(&n)
	if n != 2 {
		t.Errorf("a.txt's old bytes: %d of 2 parts stored under b.txt", n)
	}
	var linked sql.NullInt64
	db.SQL().QueryRow(`SELECT document_id FROM files WHERE run_id = ? AND path = CAST('b.txt' AS BLOB)`, run2).Scan(&linked)
	if !linked.Valid {
		t.Error("b.txt lost its document")
	}
	c, _ := db.CountFiles(run2)
	if c.Files != 2 || c.Processed != 1 || c.Duplicate != 1 {
		t.Errorf("CountFiles = %+v", c)
	}
}

// An OUTDIR whose name holds URI characters is a folder like any other.
func TestOddOutDirName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "o?u#t%25 x")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := Open(filepath.Join(dir, "policy.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(filepath.Join(dir, "policy.db")); err != nil {
		t.Error(err)
	}
}
