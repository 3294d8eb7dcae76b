package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

	"policyx/schema"
)

// TestQuotasView: a quota (a target read from a table row) is in the view
// quotas with its entity, its table's caption and its row's cells; a text
// target is not.
func TestQuotasView(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := testDoc("a.txt", "sha1", 1)
	d.Tables[0].Title = "各区目标分解表"
	d.Targets = append(d.Targets, schema.Target{Section: 0, Kind: schema.KindGoal, Subject: "高新技术企业数量", Value: "64",
		Unit: "家", NormValue: 64, NormUnit: "家", Comparator: "=", Deadline: "2021-12-31", Source: "table", Table: 0, Row: 0, Entity: "甲"})
	if err := db.WriteFile([]*schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	var ent, title, cells string
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*), max(entity), max(table_title), max(row_cells_json) FROM quotas`).Scan(&n, &ent, &title, &cells); err != nil {
		t.Fatal(err)
	}
	if n != 1 || ent != "甲" || title != "各区目标分解表" || cells != `["1","甲"]` {
		t.Errorf("quotas: %d %q %q %q", n, ent, title, cells)
	}
}

// TestEntityMigration: a database written before targets.entity existed
// gains the column (and the view) when opened.
func TestEntityMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE targets (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, section_id INTEGER,
		kind TEXT NOT NULL, subject TEXT, value TEXT, unit TEXT, norm_value REAL, norm_unit TEXT, comparator TEXT,
		deadline TEXT, period TEXT, scope TEXT, sentence TEXT, char_start INTEGER, char_end INTEGER,
		source TEXT NOT NULL DEFAULT 'text', table_row_id INTEGER); PRAGMA user_version = 1;`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.WriteFile([]*schema.Document{testDoc("a.txt", "sha1", 1)}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM pragma_table_info('targets') WHERE name = 'entity'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("entity column: %d %v", n, err)
	}
	if err := db.SQL().QueryRow(`SELECT count(*) FROM quotas`).Scan(&n); err != nil {
		t.Fatal(err)
	}
}
