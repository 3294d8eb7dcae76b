package xlsx

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"

	"policyx/schema"
)

// TestRecurringParts: the second and later workbooks copy their recurring
// parts deflated once; they hold the same parts, checksums and sizes right.
func TestRecurringParts(t *testing.T) {
	dir := t.TempDir()
	dw := NewDocumentWriter()
	recurringParts := dw.recur
	docs := []*schema.Document{synthDoc("a.txt", 1, "甲")}
	var books []map[string][]byte
	for _, n := range []string{"1", "2", "3"} {
		p := filepath.Join(dir, n+".xlsx")
		if err := dw.WriteDocument(p, docs); err != nil {
			t.Fatal(err)
		}
		books = append(books, readChecked(t, p))
	}
	// and WriteDocument, which keeps no parts, writes the same bytes
	alone := filepath.Join(dir, "alone.xlsx")
	if err := WriteDocument(alone, docs); err != nil {
		t.Fatal(err)
	}
	books = append(books, readChecked(t, alone))
	for i := 1; i < len(books); i++ {
		if !reflect.DeepEqual(books[0], books[i]) {
			t.Errorf("workbook %d differs from the first", i+1)
		}
	}
	theme := books[0]["xl/theme/theme1.xml"]
	if p := recurringParts.get("xl/theme/theme1.xml", theme); p == nil || p.content != string(theme) {
		t.Errorf("the theme is not kept deflated")
	}
	// Another name or other bytes are not taken for a kept part.
	if p := recurringParts.get("xl/theme/theme2.xml", theme); p != nil && p.name != "xl/theme/theme2.xml" {
		t.Errorf("a part kept under another name returned")
	}
	other := append(bytes.Clone(theme), ' ')
	if p := recurringParts.get("xl/theme/theme1.xml", other); p != nil {
		t.Errorf("bytes seen once returned deflated")
	}
}
