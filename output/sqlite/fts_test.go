package sqlite

import (
	"path/filepath"
	"testing"

	"policyx/schema"
)

// A file written again keeps its ids; unchanged text and tokens are not
// re-indexed, changed ones are, and both indexes stay whole.
func TestFullTextRewrite(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.FullText() {
		t.Skip("built without FTS5")
	}
	match := func(table, q string) int {
		var n int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM `+table+` WHERE `+table+` MATCH ?`, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	whole := func(when string) {
		for _, tb := range []string{"documents_fts", "documents_words"} {
			if _, err := db.SQL().Exec(`INSERT INTO ` + tb + ` (` + tb + `) VALUES ('integrity-check')`); err != nil {
				t.Errorf("%s: %s: %v", when, tb, err)
			}
		}
	}
	doc := func(text string, tokens ...string) []*schema.Document {
		d := testDoc("a.txt", "sha1", 1)
		d.Text, d.Tokens, d.Sections, d.Targets = text, tokens, nil, nil
		return []*schema.Document{d}
	}
	steps := []struct {
		text   string
		tokens []string
		hit    [2]string // in documents_fts, documents_words
		gone   [2]string
	}{
		{"培育高新技术企业", []string{"培育", "高新技术企业"}, [2]string{"高新技术", "培育"}, [2]string{"脑机接口", "脑机"}},
		{"培育高新技术企业", []string{"培育", "高新技术企业"}, [2]string{"高新技术", "培育"}, [2]string{"脑机接口", "脑机"}},             // again (-force)
		{"培育高新技术企业", []string{"培育", "高新", "技术", "企业"}, [2]string{"高新技术", "技术"}, [2]string{"脑机接口", "高新技术企业"}}, // other tokens
		{"发展脑机接口产业", []string{"培育", "高新", "技术", "企业"}, [2]string{"脑机接口", "技术"}, [2]string{"高新技术", "脑机"}},     // other text
		{"发展脑机接口产业", []string{"发展", "脑机", "接口", "产业"}, [2]string{"脑机接口", "脑机"}, [2]string{"高新技术", "技术"}},
	}
	for i, s := range steps {
		if err := db.WriteFile(doc(s.text, s.tokens...)); err != nil {
			t.Fatal(err)
		}
		whole(s.text)
		for k, tb := range []string{"documents_fts", "documents_words"} {
			if n := match(tb, s.hit[k]); n != 1 {
				t.Errorf("step %d: %s MATCH %s = %d, want 1", i, tb, s.hit[k], n)
			}
			if n := match(tb, s.gone[k]); n != 0 {
				t.Errorf("step %d: %s MATCH %s = %d, want 0", i, tb, s.gone[k], n)
			}
		}
	}
	// Two writes of the same file in one batch.
	if err := db.WriteFiles([][]*schema.Document{doc("培育高新技术企业", "培育"), doc("发展脑机接口产业", "发展")}); err != nil {
		t.Fatal(err)
	}
	whole("batch")
	if match("documents_fts", "脑机接口") != 1 || match("documents_fts", "高新技术") != 0 || match("documents_words", "发展") != 1 || match("documents_words", "培育") != 0 {
		t.Error("a file written twice in one batch: the index does not hold the second")
	}
}
