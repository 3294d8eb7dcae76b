package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"policyx/schema"
)

// readChecked reads every part of a workbook, its checksum checked.
func readChecked(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %s: %v", path, zf.Name, err)
		}
		if zf.Name != "docProps/core.xml" { // a timestamp
			out[zf.Name] = b
		}
	}
	return out
}

// TestPackedSheets: worksheets whose rows are deflated in the background
// (here every one) hold the same parts as those deflated in place, in a zip
// whose checksums and sizes hold.
func TestPackedSheets(t *testing.T) {
	dir := t.TempDir()
	docs := []*schema.Document{synthDoc("a.txt", 1, "甲"), synthDoc("a.txt", 2, "乙")}
	db := buildDB(t, dir, []*schema.Document{bigDoc("big/many.txt", 300)}, docs)
	defer db.Close()
	write := func(min int64, name string) (map[string][]byte, map[string][]byte) {
		defer func(n int64) { packMin = n }(packMin)
		packMin = min
		s, d := filepath.Join(dir, name+"-summary.xlsx"), filepath.Join(dir, name+"-doc.xlsx")
		if err := WriteSummary(s, db.SQL()); err != nil {
			t.Fatal(err)
		}
		if err := WriteDocument(d, docs); err != nil {
			t.Fatal(err)
		}
		return readChecked(t, s), readChecked(t, d)
	}
	s1, d1 := write(1<<62, "inplace")
	s2, d2 := write(1, "packed")
	for _, c := range []struct {
		what string
		a, b map[string][]byte
	}{{"summary", s1, s2}, {"document", d1, d2}} {
		if len(c.a) != len(c.b) {
			t.Errorf("%s: %d parts, packed %d", c.what, len(c.a), len(c.b))
		}
		for n, x := range c.a {
			if !bytes.Equal(x, c.b[n]) {
				t.Errorf("%s: part %s differs when packed", c.what, n)
			}
		}
	}
}
