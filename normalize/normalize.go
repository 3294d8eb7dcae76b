// Package normalize cleans text: width folding, stray spaces, re-joined
// hard-wrapped lines, page artefacts and flattened web text. It turns a
// Document's raw reader blocks into the normalized Document.Text that every
// Span points into.
//
// Character-level steps are x/text transform.Transformers (FoldSpaces,
// FoldWidth, RemoveCJKSpaces; Chars chains them). Block-level steps work on
// []schema.Block where an empty BlockPara stands for a blank line:
// Headings, DropPageArtefacts, DropPageChrome, RejoinFragments,
// SplitFlattened, JoinWrapped, DropDuplicateBody. Document runs them all, in
// that order (SplitFlattened twice), then KeepItemSpaces (spaces that separate joint
// issuers, or a 发文字号 from a title, survive the stray-space step) and the
// character chain. Every step is linear in the size of its input.
package normalize

import (
	"strings"

	"golang.org/x/text/transform"

	"policyx/schema"
)

// Line normalizes one line of text with the whole character chain: Unicode
// spaces folded, full-width digits and Latin letters folded to half-width,
// stray spaces between CJK characters removed, outer space trimmed, and a
// full-width full stop between digits made a decimal point.
func Line(s string) string {
	return line(Chars(), s)
}

// line is Line with a chain built once by the caller (Chars): building one
// allocates its buffers, which per table cell was most of normalizing a
// table.
func line(chars transform.Transformer, s string) string {
	return foldDecimalPoint(strings.TrimSpace(applyChars(chars, s)))
}

// foldDecimalPoint turns a full-width full stop between two digits into a
// decimal point (２．５％ → 2.5%); a label such as "1．" keeps its "．".
func foldDecimalPoint(s string) string {
	const fw = "．"
	if !strings.Contains(s, fw) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, fw)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := i + len(fw)
		b.WriteString(s[:i])
		if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' && j < len(s) && s[j] >= '0' && s[j] <= '9' {
			b.WriteByte('.')
		} else {
			b.WriteString(fw)
		}
		s = s[j:]
	}
}

// Document normalizes doc.Blocks in place and builds doc.Text: blocks are
// joined by "\n" and each block's Span set to its place in the text, so that
// doc.Text[b.Span.Start:b.Span.End] == b.Text. Table blocks get their cells
// normalized (a line break inside a cell becomes a space) and their Text
// set to rows joined by "\n", cells by "\t". Empty blocks are dropped.
func Document(doc *schema.Document) {
	simplify(doc)
	pre := prefold()
	blocks := make([]schema.Block, 0, len(doc.Blocks))
	for _, b := range doc.Blocks {
		if b.Kind == schema.BlockTable {
			blocks = append(blocks, b)
			continue
		}
		b.Text = applyPre(pre, b.Text)
		if !strings.ContainsAny(b.Text, "\n\r") {
			blocks = append(blocks, b)
			continue
		}
		// A reader's block holding line breaks: a heading stays one
		// line, a paragraph becomes one block per line.
		parts := strings.FieldsFunc(b.Text, func(r rune) bool { return r == '\n' || r == '\r' })
		if b.Kind == schema.BlockHeading {
			b.Text = strings.Join(parts, " ")
			blocks = append(blocks, b)
			continue
		}
		for _, p := range parts {
			nb := b
			nb.Text = p
			blocks = append(blocks, nb)
		}
	}
	blocks = Headings(blocks)
	blocks = DropPageArtefacts(blocks)
	blocks = DropPageChrome(blocks)
	blocks = DropChromeLines(blocks)
	blocks = DropContents(blocks)
	blocks = RejoinFragments(blocks)
	// Split long lines before joining (so that the pieces of a flattened
	// line are measured as lines), and again after (flattened text that
	// was then hard-wrapped, as when a web page is printed to PDF).
	blocks = SplitFlattened(blocks)
	blocks = JoinWrapped(blocks)
	blocks = SplitFlattened(blocks)
	blocks = DropDuplicateBody(blocks)

	chars := Chars()
	var text strings.Builder
	out := blocks[:0]
	for _, blk := range blocks {
		if blk.Kind == schema.BlockTable {
			if !normalizeTable(&blk, chars) {
				continue
			}
		} else {
			blk.Text = line(chars, KeepItemSpaces(blk.Text))
			if blk.Text == "" {
				continue
			}
		}
		if text.Len() > 0 {
			text.WriteByte('\n')
		}
		start := text.Len()
		text.WriteString(blk.Text)
		blk.Span = schema.Span{Start: start, End: text.Len()}
		out = append(out, blk)
	}
	doc.Blocks = out
	doc.Text = text.String()
}

// normalizeTable normalizes every cell and builds the table's Text. A line
// break inside a cell (several paragraphs in one cell) becomes one space,
// and tabs inside a cell become spaces, so the Text keeps one row per line
// and one cell per tab. It reports false for a table without any text.
func normalizeTable(blk *schema.Block, chars transform.Transformer) bool {
	any := false
	lines := make([]string, 0, len(blk.Rows))
	for i, row := range blk.Rows {
		for j, cell := range row {
			if strings.ContainsAny(cell, "\n\r\t") {
				parts := strings.FieldsFunc(cell, func(r rune) bool { return r == '\n' || r == '\r' })
				for k := range parts {
					parts[k] = line(chars, strings.ReplaceAll(parts[k], "\t", " "))
				}
				cell = strings.Join(parts, " ")
			} else {
				cell = line(chars, cell)
			}
			blk.Rows[i][j] = strings.TrimSpace(cell)
			if cell != "" {
				any = true
			}
		}
		lines = append(lines, strings.Join(row, "\t"))
	}
	blk.Text = strings.Join(lines, "\n")
	return any
}
