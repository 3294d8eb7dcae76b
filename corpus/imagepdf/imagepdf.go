// Package imagepdf writes a PDF whose pages are gray images and nothing
// else: a scanned document as a scanner makes it. Tests and `make
// fixtures` use it to turn a text PDF (rendered by pdftoppm) into a scan,
// so that OCR is tested on known text.
package imagepdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Gray is an 8-bit gray image, rows top to bottom.
type Gray struct {
	W, H int
	Pix  []byte
}

// ReadPGM reads a binary (P5) 8-bit PGM, as pdftoppm -gray writes it.
func ReadPGM(data []byte) (*Gray, error) {
	if !bytes.HasPrefix(data, []byte("P5")) {
		return nil, errors.New("not a binary PGM")
	}
	pos := 2
	var v [3]int
	for k := range v {
		for pos < len(data) && (data[pos] == ' ' || data[pos] == '\n' || data[pos] == '\r' || data[pos] == '\t' || data[pos] == '#') {
			if data[pos] == '#' {
				for pos < len(data) && data[pos] != '\n' {
					pos++
				}
				continue
			}
			pos++
		}
		start := pos
		for pos < len(data) && data[pos] >= '0' && data[pos] <= '9' {
			pos++
		}
		n, err := strconv.Atoi(string(data[start:pos]))
		if err != nil {
			return nil, errors.New("bad PGM header")
		}
		v[k] = n
	}
	pos++ // the single white space after the header
	w, h := v[0], v[1]
	if v[2] != 255 || w <= 0 || h <= 0 || w > 20000 || h > 20000 || pos+w*h > len(data) {
		return nil, errors.New("unsupported PGM (8-bit gray only)")
	}
	return &Gray{W: w, H: h, Pix: data[pos : pos+w*h]}, nil
}

// Write writes a PDF of one page per image, each image filling a page of
// its size at dpi.
func Write(w io.Writer, pages []*Gray, dpi float64) error {
	var b bytes.Buffer
	var offs []int
	obj := func(body string, stream []byte) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offs), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	n := len(pages)
	// objects: 1 catalog, 2 page tree, then per page: page, content, image
	kids := ""
	for i := range pages {
		kids += fmt.Sprintf("%d 0 R ", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n), nil)
	for i, g := range pages {
		pw, ph := float64(g.W)*72/dpi, float64(g.H)*72/dpi
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>",
			pw, ph, 5+3*i, 4+3*i), nil)
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
		obj(fmt.Sprintf("<< /Length %d >>", len(content)), []byte(content))
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(g.Pix)
		zw.Close()
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>",
			g.W, g.H, z.Len()), z.Bytes())
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	_, err := w.Write(b.Bytes())
	return err
}
