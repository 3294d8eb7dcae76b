package corpus

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"strings"

	"policyx/schema"
)

// decodeDOCX reads a Word (OOXML) file: the main document part with
// paragraphs, list labels computed from numbering.xml, heading styles from
// styles.xml, tables (gridSpan and vMerge expanded) and text boxes.
// Footnotes, endnotes, comments, headers and footers are separate parts and
// are not read. Deleted text of tracked changes is dropped, inserted text
// kept.
//
// Table cells: a cell covered by a vertical merge (w:vMerge continue)
// repeats the text of the merged cell above it, and a cell spanning several
// grid columns (w:gridSpan) repeats its text in each, so every row stands
// on its own. The paragraphs of one cell are joined without a separator
// (a space only between two Latin letters or digits), as Chinese text is
// written. As in HTML, a table of one column or one that holds another
// table is page layout: its cells' paragraphs and inner tables are read in
// order as ordinary blocks. A title row merged across the
// top of a table and a note row (备注：…) at its foot become paragraphs
// before and after the table (see splitCaptionRows).
//
// Blocks carry Page 0: a DOCX file has no fixed pages.
func decodeDOCX(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	z, err := openZip(data, lim)
	if err != nil {
		return nil, nil, err
	}
	var diags []schema.Diagnostic
	warn := func(format string, a ...any) {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "docx", Message: fmt.Sprintf(format, a...)})
	}
	main := docxMainPart(z)
	if !z.has(main) {
		if z.has("xl/workbook.xml") {
			return nil, nil, fmt.Errorf("no %s: this is an Excel workbook, rename it .xlsx", main)
		}
		return nil, nil, fmt.Errorf("no %s: not a Word document (or a damaged one)", main)
	}
	rels, relIDs := readRels(z, lim, relsPath(main))
	part := func(kind, def string) string {
		if t, ok := rels[kind]; ok {
			return t
		}
		return path.Join(path.Dir(main), def)
	}
	var styles docxStyles
	if p := part("styles", "styles.xml"); z.has(p) {
		styles, err = parseDocxStyles(z, p, lim)
		if err != nil {
			warn("styles ignored: %v", err)
		}
	}
	var num *docxNumbering
	if p := part("numbering", "numbering.xml"); z.has(p) {
		num, err = parseDocxNumbering(z, p, lim)
		if err != nil {
			warn("list numbering ignored: %v", err)
			num = nil
		}
	}
	num.linkStyles(styles)
	rc, err := z.open(main)
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	p := &docxParser{ctx: ctx, lim: lim, styles: styles, num: newNumberState(num), part: main, cells: docxMaxCells}
	p.chunk = func(id string) []docxItem {
		items, err := altChunk(ctx, z, lim, relIDs[id])
		if err != nil {
			p.diags = append(p.diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "docx", Message: err.Error()})
		}
		return items
	}
	err = p.parse(rc)
	diags = append(diags, p.diags...)
	if err != nil {
		var big *entryTooBig
		if errors.As(err, &big) || len(p.blocks) == 0 || ctx.Err() != nil {
			return p.blocks, diags, err
		}
		// A damaged end: keep what was read, say where it stopped.
		warn("%v (text after it is lost)", err)
	}
	return p.blocks, diags, nil
}

// docxMainPart finds the main document part through _rels/.rels, else
// the usual word/document.xml.
func docxMainPart(z *zipArchive) string {
	if z.has("_rels/.rels") {
		rc, err := z.open("_rels/.rels")
		if err == nil {
			defer rc.Close()
			for _, r := range parseRels(rc, "", z.lim) {
				if strings.HasSuffix(r.typ, "/officeDocument") && r.target != "" {
					if f := z.file(r.target); f != nil {
						return f.Name
					}
				}
			}
		}
	}
	return "word/document.xml"
}

// isWordNS reports a WordprocessingML element (transitional or strict), or
// one without a namespace (hand-made files).
func isWordNS(n xml.Name) bool {
	return n.Space == "" || strings.Contains(n.Space, "wordprocessingml")
}

func isMathNS(n xml.Name) bool { return strings.Contains(n.Space, "officeDocument/2006/math") }

func isMCNS(n xml.Name) bool { return strings.Contains(n.Space, "markup-compatibility") }

// onOff reads a w:b-like toggle: absent val means on.
func onOff(se xml.StartElement) bool {
	switch attr(se, "val") {
	case "0", "false", "off":
		return false
	}
	return true
}

// docxSkipped are elements whose whole content is ignored: tracked-change
// history (old properties, deleted and moved-away text), field
// instructions, and markup-compatibility fallbacks (the same content as
// the preferred choice).
var docxSkipped = map[string]bool{
	"pPrChange": true, "rPrChange": true, "tblPrChange": true, "trPrChange": true,
	"tcPrChange": true, "sectPrChange": true, "tblGridChange": true, "numberingChange": true,
	"del": true, "moveFrom": true, "delText": true, "instrText": true, "delInstrText": true,
	"fldData": true, "footnote": true, "endnote": true, "comment": true,
	"rt": true, // ruby (phonetic guide) text above the base text
}
