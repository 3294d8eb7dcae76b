package corpus

import (
	"context"
	"fmt"

	"policyx/schema"
)

// decodeHTML reads a saved web page into blocks of visible text in page
// order.
//
//   - The charset comes from a BOM; bytes that are valid UTF-8 are read
//     as UTF-8 (a page saved by a browser keeps its old <meta charset>);
//     else from <meta charset> or <meta http-equiv>; else GB18030.
//   - The page is tokenized (not parsed with the HTML5 tree builder, whose
//     scope checks are quadratic in nesting depth) into a light tree whose
//     depth is capped at Limits.MaxDepth; deeper elements are flattened into
//     their capped ancestor.
//   - Invisible content goes: <head>, <script>, <style>, <noscript>,
//     <template>, form controls, comments, elements hidden by
//     style="display:none" or the hidden attribute.
//   - Site chrome goes: <nav>, <header>, <footer>, <aside>, and elements
//     whose class or id names navigation, menus, footers, breadcrumbs,
//     sidebars, sharing, copyright, search boxes … — unless they hold a lot of
//     plain (non-link) text, so a wrapper with an unlucky class name cannot
//     take the article with it — and link-dense containers (most of their
//     text inside <a>, links to attached files not counted).
//   - Block elements (p, div, li, h1–h6, br, tr, td …) end blocks; h1–h6
//     become BlockHeadings with their Level.
//   - A <table> that holds another table or a heading, has a single
//     column, or has at most two rows with a long cell, is page layout: its cells are read as ordinary blocks. Any other table becomes
//     one BlockTable with rowspan/colspan expanded: a rowspan cell's text is
//     repeated in every row it covers; a colspan cell's text stands in the
//     first column it covers and the others get "". Several paragraphs
//     inside one cell are joined by "\n" (the normalizer turns that into a
//     space).
func decodeHTML(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	s, diags, err := decodeHTMLBytes(data)
	if err != nil {
		return nil, nil, err
	}
	maxDepth := lim.withDefaults().MaxDepth
	root, deep, err := buildHTMLTree(ctx, s, maxDepth)
	if err != nil {
		return nil, diags, err
	}
	if deep > 0 {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "html",
			Message: fmt.Sprintf("nesting deeper than %d: %d elements flattened", maxDepth, deep)})
	}
	measure(root)
	e := &htmlEmitter{}
	e.walk(root)
	e.flush()
	blocks := cleanHTMLBlocks(e.blocks)
	if blocksLen(blocks) < 100 {
		// Almost nothing visible: some pages hide their content until
		// a script shows it. Read the hidden elements too.
		h := &htmlEmitter{showHidden: true}
		h.walk(root)
		h.flush()
		if hb := cleanHTMLBlocks(h.blocks); blocksLen(hb) > 2*blocksLen(blocks) {
			blocks = hb
			diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "html",
				Message: "little visible text: read elements hidden by style too"})
		}
	}
	if blocksLen(blocks) < 100 {
		// Still nothing: the article may sit escaped in a script's data.
		if sb := scriptArticle(ctx, s, maxDepth); blocksLen(sb) > 2*blocksLen(blocks) {
			blocks = sb
			diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "html",
				Message: "no visible article: read the one in the page's script data"})
		}
	}
	return blocks, diags, nil
}
