// Package normalize cleans text: width folding, stray spaces, re-joined
// hard-wrapped lines, page artefacts and site chrome. It turns a Document's
// raw reader blocks into the normalized Document.Text that every Span points
// into.
package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"

	"golang.org/x/text/width"

	"policyx/schema"
)

// foldable are the full-width forms folded to ASCII: digits, Latin letters,
// the percent sign and the ideographic space. Chinese punctuation （），：；
// stays as written.
var foldable = &unicode.RangeTable{R16: []unicode.Range16{
	{Lo: 0x3000, Hi: 0x3000, Stride: 1},
	{Lo: 0xFF05, Hi: 0xFF05, Stride: 1},
	{Lo: 0xFF10, Hi: 0xFF19, Stride: 1},
	{Lo: 0xFF21, Hi: 0xFF3A, Stride: 1},
	{Lo: 0xFF41, Hi: 0xFF5A, Stride: 1},
}}

// foldWidth folds full-width digits and Latin letters with x/text's width.
var foldWidth = runes.If(runes.In(foldable), width.Fold, nil)

// Line normalizes one line of text: full-width digits and Latin letters
// folded to half-width.
func Line(s string) string {
	out, _, err := transform.String(foldWidth, s)
	if err != nil {
		return s
	}
	return out
}

// Document normalizes doc.Blocks in place and builds doc.Text: blocks are
// joined by "\n" and each block's Span set to its place in the text.
func Document(doc *schema.Document) {
	var b strings.Builder
	out := doc.Blocks[:0]
	for _, blk := range doc.Blocks {
		if blk.Kind == schema.BlockTable {
			for i, row := range blk.Rows {
				for j := range row {
					blk.Rows[i][j] = strings.TrimSpace(Line(row[j]))
				}
			}
			lines := make([]string, len(blk.Rows))
			for i, row := range blk.Rows {
				lines[i] = strings.Join(row, "\t")
			}
			blk.Text = strings.Join(lines, "\n")
		} else {
			blk.Text = strings.TrimSpace(Line(blk.Text))
			if blk.Text == "" {
				continue
			}
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		start := b.Len()
		b.WriteString(blk.Text)
		blk.Span = schema.Span{Start: start, End: b.Len()}
		out = append(out, blk)
	}
	doc.Blocks = out
	doc.Text = b.String()
}
