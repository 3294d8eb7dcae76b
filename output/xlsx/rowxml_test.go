package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeRow is the XML excelize's StreamWriter writes for one row of
// values in style 1, height ht.
func excelizeRow(t *testing.T, vals []any, ht float64) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	cells := make([]any, len(vals))
	for i, v := range vals {
		cells[i] = excelize.Cell{StyleID: 1, Value: v}
	}
	if err := sw.SetRow("A7", cells, excelize.RowOpts{Height: ht}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range z.File {
		if e.Name == "xl/worksheets/sheet1.xml" {
			r, _ := e.Open()
			b, _ := io.ReadAll(r)
			s := string(b)
			return s[strings.Index(s, "<row "):strings.Index(s, "</sheetData>")]
		}
	}
	t.Fatal("no sheet1.xml")
	return ""
}

// TestRowXMLAsExcelize: the rows encoded here are byte for byte those of
// excelize's StreamWriter, for text that needs escaping, white space at
// the ends, text that reads as an escaped character, characters XML cannot
// hold, invalid UTF-8, overlong text, numbers, NaN and dates.
func TestRowXMLAsExcelize(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	long := strings.Repeat("长", 20000) + strings.Repeat("a", 20000)
	texts := []string{"", "plain", "中文，标点。", " lead", "trail\n", "\tx", "a&b<c>d\"e'f", "line1\nline2\r\n", "ctl\x01\x1f",
		"bad\xffutf8", "\uFFFD", "_x0041_ and _x005F_x0041_ _x005F_", "x_x12G4_", "=SUM(A1)", "😀 astral", long}
	var vals []any
	var want []xcell
	for _, s := range texts {
		vals = append(vals, s)
		want = append(want, textCell(s))
	}
	for _, v := range []int64{0, -5, 1234567890123} {
		vals = append(vals, v)
		want = append(want, intCell(v))
	}
	for _, v := range []float64{0, 1.5, -2.25e-7, 1e21, 123456789.123, math.NaN(), math.Inf(1), math.Inf(-1)} {
		vals = append(vals, v)
		want = append(want, numberCell(v))
	}
	for _, d := range []string{"2025-12-31", "1900-01-01", "1900-02-28", "1900-03-01", "1899-12-30", "0001-01-01", "2300-06-15", "9999-12-31"} {
		vals = append(vals, day(d))
		want = append(want, timeCell(day(d)))
	}
	for _, ht := range []float64{0, 31.2, 409} {
		b := appendRowStart(nil, 7, ht)
		for i, x := range want {
			b = appendCell(b, i+1, 7, 1, x)
		}
		b = append(b, "</row>"...)
		if got, exp := string(b), excelizeRow(t, vals, ht); got != exp {
			for i := 0; i < min(len(got), len(exp)); i++ {
				if got[i] != exp[i] {
					lo := max(0, i-80)
					t.Fatalf("height %v: differs at byte %d:\n got …%q\nwant …%q", ht, i, got[lo:min(len(got), i+80)], exp[lo:min(len(exp), i+80)])
				}
			}
			t.Fatalf("height %v: lengths %d and %d", ht, len(got), len(exp))
		}
	}
	// a style-only cell, and columns past Z
	b := appendCell(nil, 28, 3, 5, xcell{none: true})
	if string(b) != `<c r="AB3" s="5"></c>` {
		t.Errorf("style-only cell: %s", b)
	}
	for col, name := range map[int]string{1: "A", 26: "Z", 27: "AA", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := string(appendColName(nil, col)); got != name {
			t.Errorf("column %d: %s, want %s", col, got, name)
		}
	}
}

// TestSpoolPatches: rows past the spool's memory go to its temporary file,
// and the row tags patched in at the end land where they belong, in
// memory and in the file.
func TestSpoolPatches(t *testing.T) {
	var s spool
	defer s.close()
	var want bytes.Buffer
	row := bytes.Repeat([]byte("x"), 1000)
	for i := 0; s.pos() < spoolMem+3*spoolBlock; i++ {
		if i%5000 == 7 {
			tag := []byte("<row " + strings.Repeat("y", i%13) + ">")
			s.patches = append(s.patches, rowPatch{at: s.pos(), tag: tag})
			want.Write(tag)
		}
		s.buf = append(s.buf, row...)
		want.Write(row)
		if err := s.sync(); err != nil {
			t.Fatal(err)
		}
	}
	if s.tmp == nil || len(s.patches) < 3 {
		t.Fatalf("spool never reached its file (%d bytes, %d patches)", s.pos(), len(s.patches))
	}
	var got bytes.Buffer
	if err := s.writeTo(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("spool gave %d bytes, want %d (or they differ)", got.Len(), want.Len())
	}
}
