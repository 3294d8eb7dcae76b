package corpus

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"policyx/corpus/pdf"
	"policyx/schema"
)

// decodeOFDWithOCR reads an OFD file (GB/T 33190, the national fixed-layout
// format): a zip of XML parts. OFD.xml names the document root
// (Document.xml), which lists the pages in order; each page's Content.xml
// (after its template page, if any) holds text objects — TextCode runs
// placed by X/Y and DeltaX (with its "g N d" repeats) inside the object's
// Boundary and CTM, with their font size — and path objects. They are
// turned into the same positioned glyphs and ruling lines as a PDF page, so
// lines, paragraphs and ruled tables come out of the PDF layout code.
// Annotations (Annots), signatures and seals are separate parts and are not
// read: they are not body text. The pages that are a scan (no text, one
// image covering the page) are read by OCR (ofd_ocr.go) when tesseract is
// installed, unless the reader was made WithoutOCR.
func (r *Reader) decodeOFDWithOCR(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return readOFD(ctx, data, lim, !r.noOCR)
}

func readOFD(ctx context.Context, data []byte, lim Limits, ocr bool) ([]schema.Block, []schema.Diagnostic, error) {
	z, err := openZip(data, lim)
	if err != nil {
		return nil, nil, err
	}
	root, err := ofdDocRoot(z, lim)
	if err != nil {
		return nil, nil, err
	}
	doc, err := ofdDocument(z, root, lim)
	if err != nil {
		return nil, nil, err
	}
	var diags []schema.Diagnostic
	warn := func(page int, format string, a ...any) {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "ofd", Page: page, Message: fmt.Sprintf(format, a...)})
	}
	if len(doc.pages) == 0 {
		return nil, nil, errors.New("OFD: the document has no pages")
	}
	maxPages := lim.MaxPages
	if maxPages <= 0 {
		maxPages = DefaultLimits.MaxPages
	}
	if len(doc.pages) > maxPages {
		warn(0, "more than %d pages: the rest not read", maxPages)
		doc.pages = doc.pages[:maxPages]
	}
	pages := make([]*pdf.Page, len(doc.pages))
	for i, pg := range doc.pages {
		if ctx.Err() != nil {
			return nil, diags, ctx.Err()
		}
		p, err := doc.readPage(z, pg, lim)
		if err != nil {
			var big *entryTooBig
			if errors.As(err, &big) {
				return nil, diags, err
			}
			warn(i+1, "%v", err)
		}
		pages[i] = p
	}
	if ocr {
		if done := doc.ocrOFD(ctx, z, pages, warn); len(done) > 0 {
			diags = append(diags, ofdOCRDiag(done))
		}
	}
	blocks, ldiags, err := pdf.Layout(ctx, pages)
	diags = append(diags, ldiags...)
	if errors.Is(err, pdf.ErrNoText) {
		return nil, diags, errors.New("OFD: no text (pages of images only? install tesseract-ocr-chi-sim to read scanned pages)")
	}
	return blocks, diags, err
}

// ofdDocRoot reads OFD.xml for the first document's root part.
func ofdDocRoot(z *zipArchive, lim Limits) (string, error) {
	if !z.has("OFD.xml") {
		if z.has("word/document.xml") {
			return "", errors.New("not an OFD file: a Word document (.docx), rename it .docx")
		}
		return "", errors.New("not an OFD file: no OFD.xml")
	}
	var root string
	var text strings.Builder
	in := false
	w := &xmlWalk{part: "OFD.xml", depth: lim.MaxDepth,
		start: func(t xml.StartElement) error {
			in = t.Name.Local == "DocRoot"
			return nil
		},
		end: func(t xml.EndElement) {
			if t.Name.Local == "DocRoot" && root == "" {
				root = strings.TrimSpace(text.String())
			}
			in = false
			text.Reset()
		},
		text: func(c xml.CharData) {
			if in && text.Len() < 4096 {
				text.Write(c)
			}
		},
	}
	if err := walkZipPart(z, w); err != nil {
		return "", err
	}
	if root == "" {
		return "", errors.New("OFD: OFD.xml names no document (DocRoot)")
	}
	return ofdPath("", root), nil
}

// ofdPath resolves a location inside the package: absolute from the
// package root when it starts with "/", else relative to dir.
func ofdPath(dir, loc string) string {
	loc = strings.ReplaceAll(strings.TrimSpace(loc), `\`, "/")
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(path.Clean(loc), "/")
	}
	return strings.TrimPrefix(path.Join(dir, loc), "/")
}

// ofdDoc is what is read of Document.xml: the default page size, the
// template pages and the pages in order.
type ofdDoc struct {
	w, h      float64 // mm
	templates map[string]string
	pages     []ofdPageRef
	res       []string              // resource files (PublicRes, DocumentRes)
	media     map[string]string     // MultiMedia ID → location
	images    map[string][]ofdImage // page location → its images
	hasText   map[string]bool       // page location → it has text objects
}

type ofdPageRef struct {
	loc string
}

// ofdDocument reads the document root.
func ofdDocument(z *zipArchive, root string, lim Limits) (*ofdDoc, error) {
	if !z.has(root) {
		return nil, fmt.Errorf("OFD: document root %s missing", root)
	}
	dir := path.Dir(root)
	d := &ofdDoc{w: 210, h: 297, templates: map[string]string{}, images: map[string][]ofdImage{}, hasText: map[string]bool{}}
	var text strings.Builder
	stack := []string{}
	w := &xmlWalk{part: root, depth: lim.MaxDepth,
		skip: func(t xml.StartElement) bool { return t.Name.Local == "Outlines" || t.Name.Local == "Actions" },
		start: func(t xml.StartElement) error {
			stack = append(stack, t.Name.Local)
			text.Reset()
			switch t.Name.Local {
			case "Page":
				if len(d.pages) < 100000 {
					d.pages = append(d.pages, ofdPageRef{loc: ofdPath(dir, attr(t, "BaseLoc"))})
				}
			case "TemplatePage":
				if len(d.templates) < 1000 {
					d.templates[attr(t, "ID")] = ofdPath(dir, attr(t, "BaseLoc"))
				}
			}
			return nil
		},
		end: func(t xml.EndElement) {
			if t.Name.Local == "PhysicalBox" && len(stack) >= 2 && stack[len(stack)-2] == "PageArea" {
				if b := ofdNumbers(text.String()); len(b) == 4 && b[2] > 1 && b[3] > 1 {
					d.w, d.h = b[2], b[3]
				}
			}
			if (t.Name.Local == "PublicRes" || t.Name.Local == "DocumentRes") && len(d.res) < 16 {
				d.res = append(d.res, ofdPath(dir, text.String()))
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		},
		text: func(c xml.CharData) {
			if text.Len() < 4096 {
				text.Write(c)
			}
		},
	}
	if err := walkZipPart(z, w); err != nil {
		return nil, err
	}
	d.media = ofdResources(z, d.res, lim)
	return d, nil
}

// ofdNumbers reads a space-separated list of numbers (at most 64: boxes,
// matrices, path arguments).
func ofdNumbers(s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		if len(out) == 64 {
			break
		}
		if v, err := strconv.ParseFloat(f, 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// ofdDeltas is a DeltaX list kept as runs, "g N d" being N times d.
type ofdDeltas []ofdRun

type ofdRun struct {
	n int
	v float64
}

func parseDeltas(s string) ofdDeltas {
	f := strings.Fields(s)
	var out ofdDeltas
	for i := 0; i < len(f) && len(out) < 1<<20; i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			v, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 == nil && err2 == nil && n > 0 {
				out = append(out, ofdRun{n, v})
			}
			i += 2
			continue
		}
		if v, err := strconv.ParseFloat(f[i], 64); err == nil {
			out = append(out, ofdRun{1, v})
		}
	}
	return out
}

// cursor walks the deltas in order.
type deltaCursor struct {
	d    ofdDeltas
	i, k int // run, index inside it
}

// next returns the next delta, ok false past the end.
func (c *deltaCursor) next() (float64, bool) {
	for c.i < len(c.d) && c.k >= c.d[c.i].n {
		c.i, c.k = c.i+1, 0
	}
	if c.i >= len(c.d) {
		return 0, false
	}
	c.k++
	return c.d[c.i].v, true
}
