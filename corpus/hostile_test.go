package corpus

import (
	"context"
	"strings"
	"testing"

	"policyx/schema"
)

func TestSniffBinary(t *testing.T) {
	cases := []struct {
		data string
		at   int
		bin  bool
	}{
		{"关于印发的通知\n一、总体要求\n", -1, false},
		{"%PDF-1.7\n", 0, true},
		{"PK\x03\x04word/document.xml", 0, true},
		{"\x89PNG\r\n", 0, true},
		{"正文\x00\x00", 6, true},
		{"", -1, false},
	}
	for _, c := range cases {
		at, bin := sniffBinary([]byte(c.data))
		if at != c.at || bin != c.bin {
			t.Errorf("sniffBinary(%q) = %d, %v; want %d, %v", c.data, at, bin, c.at, c.bin)
		}
	}
}

// TestDecodeRefuses checks the errors Decode gives before any reader runs
// or for files a reader cannot take: short, with the path, saying what to
// do.
func TestDecodeRefuses(t *testing.T) {
	ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	encrypted := append(append(append([]byte{}, ole...), make([]byte, 600)...), utf16le("EncryptedPackage")...)
	wordZip := zipOf(t, docxFiles(wPara("x"), nil))
	lim := DefaultLimits
	lim.MaxFileBytes = 1 << 10
	cases := []struct {
		path   string
		format schema.Format
		data   []byte
		want   string
	}{
		{"a.txt", schema.FormatTXT, nil, "a.txt: empty file"},
		{"b.txt", schema.FormatTXT, []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj"), "b.txt: not text: a PDF file, rename it .pdf"},
		{"c.html", schema.FormatHTML, wordZip, "c.html: not text: a zip archive (a Word document?), rename it .docx"},
		{"d.pdf", schema.FormatPDF, wordZip, "d.pdf: not a PDF: a zip archive (a Word document?), rename it .docx"},
		{"e.docx", schema.FormatDOCX, []byte("%PDF-1.4\n"), "e.docx: not a DOCX file: a PDF file, rename it .pdf"},
		{"f.docx", schema.FormatDOCX, encrypted, "f.docx: encrypted: password required"},
		{"g.xlsx", schema.FormatXLSX, encrypted, "g.xlsx: encrypted: password required"},
		{"h.docx", schema.FormatDOCX, append(ole, make([]byte, 600)...), "h.docx: not a zip archive: a legacy Office (OLE2) file"},
		{"i.txt", schema.FormatTXT, make([]byte, 2000), "i.txt: file exceeds 1 KiB"},
		{"j.md", schema.FormatMD, []byte("\x7fELF\x02\x01"), "j.md: not text: an executable"},
		{"k.pdf", schema.FormatPDF, []byte("\n<!DOCTYPE html><html><body>404</body></html>"), "k.pdf: not a PDF: a web page (HTML), rename it .html"},
	}
	r := New(WithLimits(lim))
	for _, c := range cases {
		_, err := r.Decode(context.Background(), c.path, c.format, c.data)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.path, err, c.want)
		}
	}
}

func TestDecodeTimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Decode(ctx, "a.docx", schema.FormatDOCX, zipOf(t, docxFiles(wPara("正文"), nil)))
	if err == nil || err.Error() != "a.docx: timeout" {
		t.Errorf("error %v, want a.docx: timeout", err)
	}
}
