package pdf

import (
	"context"
	"fmt"

	"policyx/schema"
)

// Page is one page of positioned glyphs and ruling lines built by another
// reader — a fixed-layout format (OFD) or OCR of a scanned page — so that
// lines, paragraphs and ruled tables come out of the same layout code as
// PDF text. Coordinates are in points, y up, origin at the page's lower
// left.
type Page struct {
	pc pageContent
}

// NewPage returns an empty page of the given size in points.
func NewPage(w, h float64) *Page {
	return &Page{pc: pageContent{w: w, h: h}}
}

// Glyph places text (one character, or a word of OCR) with its baseline
// starting at (x, y), advance w and font size. Whitespace text counts as a
// space between words. Text beyond the glyph cap is dropped.
func (p *Page) Glyph(x, y, w, size float64, text string, rotated bool) {
	if text == "" || len(p.pc.glyphs) >= maxGlyphs {
		return
	}
	if isBlank(text) {
		text = " "
	}
	p.pc.glyphs = append(p.pc.glyphs, glyph{x: x, y: y, w: w, size: size, text: text, rotated: rotated})
}

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != 0x3000 && r != 0xA0 {
			return false
		}
	}
	return true
}

// Stroke adds a stroked segment: an axis-parallel one becomes a ruling line.
func (p *Page) Stroke(x0, y0, x1, y1 float64) { p.pc.addRule(x0, y0, x1, y1) }

// Fill adds a filled outline (points x0 y0 x1 y1 …): a thin one is a rule
// drawn as a rectangle and becomes a ruling line through its middle.
func (p *Page) Fill(pts []float64) {
	if len(pts) < 4 {
		return
	}
	path := make([]seg, 0, len(pts)/2)
	for i := 2; i+1 < len(pts); i += 2 {
		path = append(path, seg{pts[i-2], pts[i-1], pts[i], pts[i+1]})
	}
	p.pc.addFill(identity, path)
}

// Image records an image on the page covering w × h points.
func (p *Page) Image(w, h float64) { p.pc.addImage(mat{w, 0, 0, h, 0, 0}) }

// HasText reports whether the page holds any glyph.
func (p *Page) HasText() bool {
	for _, g := range p.pc.glyphs {
		if g.text != " " {
			return true
		}
	}
	return false
}

// Layout lays out pages (page numbers from 1) into blocks as Read does
// with PDF pages: running headers and footers dropped, paragraphs joined
// across lines and pages, tables from ruling lines or text columns, a
// table continued on the next page merged. A page whose layout fails
// becomes a diagnostic. ErrNoText when no page holds text.
func Layout(ctx context.Context, pages []*Page) ([]schema.Block, []schema.Diagnostic, error) {
	var diags []schema.Diagnostic
	laid := make([]*pageLayout, 0, len(pages))
	glyphs := 0
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return nil, diags, err
		}
		if p == nil {
			laid = append(laid, &pageLayout{page: i + 1})
			continue
		}
		glyphs += len(p.pc.glyphs)
		pl, err := safeLayout(&p.pc, i+1)
		if err != nil {
			diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: stage, Page: i + 1, Message: err.Error()})
		}
		laid = append(laid, pl)
	}
	if glyphs == 0 {
		return nil, diags, ErrNoText
	}
	blocks, err := safeAssemble(laid)
	return blocks, diags, err
}

func safeAssemble(laid []*pageLayout) (blocks []schema.Block, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("layout failed: %v", p)
		}
	}()
	return assemble(laid), nil
}
