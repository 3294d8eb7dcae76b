package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

	"policyx/schema"
)

func pagedDoc() *schema.Document {
	p1 := "一、总体要求\n"
	p2 := "到2020年新增 1000家\n高新技术企业。"
	text := p1 + p2
	d := testDoc("p.pdf", "shaP", 1)
	d.Format = schema.FormatPDF
	d.Text = text
	d.Blocks = []schema.Block{
		{Kind: schema.BlockHeading, Text: strings.TrimSpace(p1), Page: 2, Span: schema.Span{Start: 0, End: len(p1) - 1}},
		{Kind: schema.BlockPara, Text: p2, Page: 3, Span: schema.Span{Start: len(p1), End: len(text)}},
	}
	num := strings.Index(text, "1000家")
	// the extractor's sentence with its white space dropped
	d.Targets[0].Span = schema.Span{Start: num, End: num + len("1000家")}
	d.Targets[0].Sentence = "到2020年新增1000家高新技术企业。"
	d.Sections[0].Span = schema.Span{Start: 0, End: len(text)}
	d.Tables[0].Header = []string{"序号", "数量（家）"}
	d.Tables[0].Rows[0].Cells = []string{"1", "20"}
	d.Tables[0].Rows[0].Span = schema.Span{Start: len(p1), End: len(p1) + 3}
	d.Tables[0].Span = schema.Span{Start: len(p1), End: len(text)}
	return d
}

func TestProvenance(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.WriteFile([]*schema.Document{pagedDoc()}); err != nil {
		t.Fatal(err)
	}
	var page, pageEnd, nPages, pStart int
	var exact bool
	var sent string
	if err := db.SQL().QueryRow(`SELECT t.page, t.page_end, d.n_pages, d.page_start, t.sentence,
		substr(d.text, t.sentence_start + 1, t.sentence_end - t.sentence_start) = t.sentence
		FROM targets t JOIN documents d ON d.id = t.document_id`).Scan(&page, &pageEnd, &nPages, &pStart, &sent, &exact); err != nil {
		t.Fatal(err)
	}
	if page != 3 || pageEnd != 3 || nPages != 3 || pStart != 2 {
		t.Errorf("page %d–%d, n_pages %d, page_start %d; want 3–3, 3, 2", page, pageEnd, nPages, pStart)
	}
	if !exact || sent != "到2020年新增 1000家\n高新技术企业。" {
		t.Errorf("sentence %q exact=%v", sent, exact)
	}
	var nv float64
	var nu, header string
	if err := db.SQL().QueryRow(`SELECT norm_value, norm_unit, header FROM table_cells WHERE col = 1 AND value = '20'`).Scan(&nv, &nu, &header); err != nil {
		t.Fatal(err)
	}
	if nv != 20 || nu != "家" || header != "数量（家）" {
		t.Errorf("cell 20: %v %q %q", nv, nu, header)
	}
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM v_tasks WHERE department_id IS NOT NULL AND role = 'lead'`).Scan(&n)
	if n != 1 {
		t.Errorf("v_tasks with department_id: %d, want 1", n)
	}
	db.SQL().QueryRow(`SELECT count(*) FROM v_targets WHERE page = 3 AND section_title = '总体要求'`).Scan(&n)
	if n != 1 {
		t.Errorf("v_targets: %d, want 1", n)
	}
	db.SQL().QueryRow(`SELECT count(*) FROM v_tables WHERE page_start = 3`).Scan(&n)
	if n != 1 {
		t.Errorf("v_tables: %d, want 1", n)
	}
}

// A sentence the extractor could not place is stored as given, without
// offsets, rather than at a wrong place.
func TestExactSentenceNotFound(t *testing.T) {
	s, sp := schema.ExactSentence(&schema.Document{Text: "甲乙丙"}, schema.Target{Sentence: "丁", Span: schema.Span{Start: 0, End: 3}})
	if s != "丁" || sp != (schema.Span{}) {
		t.Errorf("got %q %v", s, sp)
	}
}

func TestFullTextRebuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !db.FullText() {
		db.Close()
		t.Skip("built without FTS5")
	}
	if err := db.WriteFile([]*schema.Document{pagedDoc()}); err != nil {
		t.Fatal(err)
	}
	count := func(d *DB, q string) int {
		var n int
		if err := d.SQL().QueryRow(`SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?`, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(db, "高新技术企业"); n != 1 {
		t.Errorf("match 高新技术企业 = %d, want 1", n)
	}
	// What a build without FTS5 leaves: documents changed, the flag set.
	db.SQL().Exec(`INSERT INTO fts_state (name, stale) VALUES ('documents_fts', 1)`)
	db.SQL().Exec(`INSERT INTO documents (source_path, source_sha256, format, status, text) VALUES ('b.txt', 'shaB', 'txt', 'ok', '脑机接口产业')`)
	db.Close()
	db, err = Open(path, WithTokenizer(func(s string) []string { return []string{s} }))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !strings.Contains(db.Notice(), "rebuilt") {
		t.Errorf("notice %q, want rebuilt", db.Notice())
	}
	if n := count(db, "脑机接口"); n != 1 {
		t.Errorf("match 脑机接口 after rebuild = %d, want 1", n)
	}
	var snip string
	db.SQL().QueryRow(`SELECT snippet(documents_fts, 0, '[', ']', '…', 8) FROM documents_fts WHERE documents_fts MATCH '脑机接口'`).Scan(&snip)
	if snip != "[脑机接口]产业" {
		t.Errorf("snippet %q", snip)
	}
}
