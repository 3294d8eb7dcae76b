package sqlite

import (
	"path/filepath"
	"testing"
)

// TestAutomerge: both full-text indexes merge at ftsAutomerge segments a
// level, on a new database and on one opened again.
func TestAutomerge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	for range 2 {
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if !db.FullText() {
			db.Close()
			t.Skip("no FTS5 in this build")
		}
		for _, tb := range []string{"documents_fts", "documents_words"} {
			var v int
			if err := db.SQL().QueryRow(`SELECT v FROM ` + tb + `_config WHERE k = 'automerge'`).Scan(&v); err != nil {
				t.Fatalf("%s: %v", tb, err)
			}
			if v != ftsAutomerge {
				t.Errorf("%s: automerge %d, want %d", tb, v, ftsAutomerge)
			}
		}
		db.Close()
	}
}
