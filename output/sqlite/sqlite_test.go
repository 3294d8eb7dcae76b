package sqlite

import (
	"path/filepath"
	"testing"

	"policyx/schema"
)

func testDoc(path, sha string, part int) *schema.Document {
	text := "一、总体要求\n到2020年新增1000家高新技术企业。（牵头单位：市科技局）"
	return &schema.Document{
		Path: path, SHA256: sha, Part: part, Format: schema.FormatTXT, Text: text, Status: schema.StatusOK,
		Meta:     schema.Meta{Title: "测试", Jurisdiction: "柳州市"},
		Sections: []schema.Section{{Parent: -1, Level: 1, Label: "一、", Title: "总体要求", Span: schema.Span{Start: 0, End: len(text)}}},
		Tables: []schema.Table{{Ordinal: 1, Header: []string{"序号", "名称"}, Rows: []schema.TableRow{
			{Seq: "1", Cells: []string{"1", "甲"}}, {IsTotal: true, Cells: []string{"合计", ""}}}}},
		Targets: []schema.Target{{Section: 0, Kind: schema.KindGoal, Value: "1000", Unit: "家", NormValue: 1000, NormUnit: "家",
			Comparator: "=", Deadline: "2020-12-31", Span: schema.Span{Start: 25, End: 32}, Table: -1, Row: -1}},
		Tasks: []schema.Task{{Section: 0, Title: "总体要求", Table: 0, Row: 0, Departments: []schema.TaskDept{
			{Role: schema.RoleLead, Mention: "市科技局", Department: "柳州市科学技术局", Jurisdiction: "柳州市"}}}},
		Checks: []schema.Check{{Table: 0, Kind: "seq_gap", Message: "序号 1 → 3"}},
		Tokens: []string{"总体", "要求"},
	}
}

func TestWriteFileReplaces(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < 2; i++ {
		if err := db.WriteFile([]*schema.Document{testDoc("a.txt", "sha1", 1), testDoc("a.txt", "sha1", 2)}); err != nil {
			t.Fatal(err)
		}
	}
	c, err := db.Counts()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"documents": 2, "sections": 2, "tables": 2, "table_rows": 4, "checks": 2, "targets": 2, "tasks": 2, "task_departments": 2, "departments": 1}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("%s = %d, want %d", k, c[k], v)
		}
	}
	// The same path with new content replaces the old rows.
	if err := db.WriteFile([]*schema.Document{testDoc("a.txt", "sha2", 1)}); err != nil {
		t.Fatal(err)
	}
	c, _ = db.Counts()
	if c["documents"] != 1 {
		t.Errorf("documents after content change = %d, want 1", c["documents"])
	}
	done, err := db.DoneSet()
	if err != nil || !done["sha2"] || done["sha1"] {
		t.Errorf("DoneSet = %v, %v", done, err)
	}
	// Offsets are stored as code points, not bytes.
	var start int
	if err := db.SQL().QueryRow("SELECT char_start FROM targets").Scan(&start); err != nil {
		t.Fatal(err)
	}
	text := testDoc("", "", 1).Text
	if want := len([]rune(text[:25])); start != want {
		t.Errorf("char_start = %d, want %d (code points)", start, want)
	}
	var v int
	db.SQL().QueryRow("PRAGMA user_version").Scan(&v)
	if v != schema.UserVersion {
		t.Errorf("user_version = %d", v)
	}
}

// WriteFiles stores a batch as WriteFile would one file after the other,
// and a bad file leaves nothing of its batch behind.
func TestWriteFilesBatch(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	batch := [][]*schema.Document{
		{testDoc("a.txt", "sha1", 1)},
		{testDoc("b.txt", "sha2", 1), testDoc("b.txt", "sha2", 2)},
		{testDoc("a.txt", "sha3", 1)}, // a.txt changed within the batch: replaces sha1
	}
	if err := db.WriteFiles(batch); err != nil {
		t.Fatal(err)
	}
	c, err := db.Counts()
	if err != nil {
		t.Fatal(err)
	}
	if c["documents"] != 3 || c["tasks"] != 3 || c["departments"] != 1 {
		t.Errorf("counts = %v, want 3 documents, 3 tasks, 1 department", c)
	}
	if err := db.WriteFiles([][]*schema.Document{{testDoc("c.txt", "sha4", 1)}, {}}); err == nil {
		t.Error("a batch with an empty file: no error")
	}
	c, _ = db.Counts()
	if c["documents"] != 3 {
		t.Errorf("documents after a failed batch = %d, want 3", c["documents"])
	}
}
