package corpus

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"policyx/schema"
)

// docxItem is a paragraph or a finished table on its way to a container.
type docxItem struct {
	kind  schema.BlockKind
	text  string
	level int
	rows  [][]string
}

const (
	ctCell = iota + 1
	ctTextBox
)

// docxContainer collects the items of a table cell or a text box.
type docxContainer struct {
	kind  int
	items []docxItem
	// cell properties
	span   int
	vmerge int // 0 none, 1 restart, 2 continue
}

type docxPara struct {
	buf      strings.Builder
	style    string
	numID    int        // -1 unset
	ilvl     int        // -1 unset
	outline  int        // -1 unset
	after    []docxItem // text boxes anchored in the paragraph
	overflow bool
}

type docxRow struct {
	cells         []*docxContainer
	before, after int
}

type docxTable struct {
	rows []*docxRow
}

// docxMaxCells caps the expanded table cells of one document: spans can
// make a few bytes of XML into many cells.
const docxMaxCells = 4_000_000

type docxParser struct {
	ctx    context.Context
	lim    Limits
	styles docxStyles
	num    *numberState
	part   string

	blocks []schema.Block
	diags  []schema.Diagnostic

	paras      []*docxPara
	tables     []*docxTable
	containers []*docxContainer
	runs       int                        // open w:r elements
	hiddenRun  int                        // level (runs) of the open run marked w:vanish, 0 none
	cells      int                        // table cells left to expand (docxMaxCells)
	chunk      func(id string) []docxItem // content of a w:altChunk
	text       int                        // open w:t elements
	ppr        int                        // open w:pPr elements
	trpr       int
}

func (p *docxParser) parse(r io.Reader) error {
	w := &xmlWalk{part: p.part, depth: p.lim.MaxDepth, ctx: p.ctx,
		skip: func(t xml.StartElement) bool {
			return docxSkipped[t.Name.Local] || (t.Name.Local == "Fallback" && isMCNS(t.Name))
		},
		start: func(t xml.StartElement) error { p.start(t); return nil },
		end:   p.end,
		text: func(t xml.CharData) {
			if p.text > 0 && len(p.paras) > 0 {
				p.write(string(t))
			}
		},
	}
	err := w.run(r)
	var te *xmlTokenError
	if err == nil || errors.As(err, &te) {
		p.flush()
	}
	return err
}

func (p *docxParser) para() *docxPara {
	if len(p.paras) == 0 {
		return nil
	}
	return p.paras[len(p.paras)-1]
}

func (p *docxParser) write(s string) {
	pa := p.para()
	if pa == nil || pa.overflow || (p.hiddenRun > 0 && p.hiddenRun == p.runs) {
		return
	}
	if p.lim.MaxLineBytes > 0 && pa.buf.Len()+len(s) > p.lim.MaxLineBytes {
		pa.overflow = true
		p.diags = append(p.diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "docx",
			Message: fmt.Sprintf("paragraph longer than %s cut", byteSize(int64(p.lim.MaxLineBytes)))})
		return
	}
	pa.buf.WriteString(s)
}

func (p *docxParser) start(t xml.StartElement) {
	local := t.Name.Local
	if local == "t" && (isWordNS(t.Name) || isMathNS(t.Name)) {
		p.text++
		return
	}
	if !isWordNS(t.Name) {
		return
	}
	pa := p.para()
	switch local {
	case "p":
		p.paras = append(p.paras, &docxPara{numID: -1, ilvl: -1, outline: -1})
	case "pPr":
		p.ppr++
	case "trPr":
		p.trpr++
	case "r":
		p.runs++
	case "pStyle":
		if pa != nil && p.ppr > 0 {
			pa.style = attr(t, "val")
		}
	case "numId":
		if pa != nil && p.ppr > 0 {
			pa.numID = atoiDefault(attr(t, "val"), -1)
		}
	case "ilvl":
		if pa != nil && p.ppr > 0 {
			pa.ilvl = atoiDefault(attr(t, "val"), 0)
		}
	case "outlineLvl":
		if pa != nil && p.ppr > 0 {
			pa.outline = atoiDefault(attr(t, "val"), -1)
		}
	case "tab", "ptab":
		if p.runs > 0 && p.ppr == 0 {
			p.write("\t")
		}
	case "br", "cr":
		if p.runs > 0 {
			p.write("\n")
		}
	case "vanish":
		// Hidden text, in a run's properties (not the paragraph mark's).
		if p.runs > 0 && p.ppr == 0 && onOff(t) {
			p.hiddenRun = p.runs
		}
	case "noBreakHyphen":
		if p.runs > 0 {
			p.write("-")
		}
	case "sym":
		// Symbol-font characters sit in the private use area; keep the
		// others.
		if v, err := strconv.ParseUint(attr(t, "char"), 16, 32); err == nil && p.runs > 0 {
			if r := rune(v); r >= 0x20 && !(r >= 0xE000 && r <= 0xF8FF) && utf8.ValidRune(r) {
				p.write(string(r))
			}
		}
	case "tbl":
		p.tables = append(p.tables, &docxTable{})
	case "tr":
		if tb := p.table(); tb != nil {
			tb.rows = append(tb.rows, &docxRow{})
		}
	case "gridBefore", "gridAfter":
		if row := p.row(); row != nil && p.trpr > 0 {
			v := clampInt(atoiDefault(attr(t, "val"), 0), 0, 64)
			if local == "gridBefore" {
				row.before = v
			} else {
				row.after = v
			}
		}
	case "tc":
		p.containers = append(p.containers, &docxContainer{kind: ctCell, span: 1})
	case "gridSpan":
		if c := p.container(); c != nil && c.kind == ctCell {
			c.span = clampInt(atoiDefault(attr(t, "val"), 1), 1, 64)
		}
	case "vMerge":
		if c := p.container(); c != nil && c.kind == ctCell {
			if attr(t, "val") == "restart" {
				c.vmerge = 1
			} else {
				c.vmerge = 2
			}
		}
	case "txbxContent":
		p.containers = append(p.containers, &docxContainer{kind: ctTextBox})
	case "altChunk":
		if p.chunk != nil {
			for _, it := range p.chunk(attr(t, "id")) {
				p.deliver(it)
			}
		}
	}
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

func (p *docxParser) table() *docxTable {
	if len(p.tables) == 0 {
		return nil
	}
	return p.tables[len(p.tables)-1]
}

func (p *docxParser) row() *docxRow {
	tb := p.table()
	if tb == nil || len(tb.rows) == 0 {
		return nil
	}
	return tb.rows[len(tb.rows)-1]
}

func (p *docxParser) container() *docxContainer {
	if len(p.containers) == 0 {
		return nil
	}
	return p.containers[len(p.containers)-1]
}

func (p *docxParser) end(t xml.EndElement) {
	local := t.Name.Local
	if local == "t" && (isWordNS(t.Name) || isMathNS(t.Name)) {
		if p.text > 0 {
			p.text--
		}
		return
	}
	if !isWordNS(t.Name) {
		return
	}
	switch local {
	case "p":
		p.endPara()
	case "pPr":
		p.ppr = max(0, p.ppr-1)
	case "trPr":
		p.trpr = max(0, p.trpr-1)
	case "r":
		if p.hiddenRun == p.runs {
			p.hiddenRun = 0
		}
		p.runs = max(0, p.runs-1)
	case "tc":
		if c := p.container(); c != nil && c.kind == ctCell {
			p.containers = p.containers[:len(p.containers)-1]
			if row := p.row(); row != nil && len(row.cells) < 1024 {
				row.cells = append(row.cells, c)
			}
		}
	case "tbl":
		if len(p.tables) > 0 {
			tb := p.tables[len(p.tables)-1]
			p.tables = p.tables[:len(p.tables)-1]
			p.endTable(tb)
		}
	case "txbxContent":
		if c := p.container(); c != nil && c.kind == ctTextBox {
			p.containers = p.containers[:len(p.containers)-1]
			if pa := p.para(); pa != nil {
				pa.after = append(pa.after, c.items...)
			} else {
				for _, it := range c.items {
					p.deliver(it)
				}
			}
		}
	}
}

// endPara finishes the innermost paragraph: list label, heading level.
func (p *docxParser) endPara() {
	pa := p.para()
	if pa == nil {
		return
	}
	p.paras = p.paras[:len(p.paras)-1]
	numID, ilvl := pa.numID, pa.ilvl
	if numID < 0 && pa.style != "" {
		numID, ilvl = p.styles.numbering(pa.style)
	}
	if ilvl < 0 {
		ilvl = 0
	}
	text := pa.buf.String()
	if numID > 0 {
		if label := p.num.next(numID, ilvl); label != "" && strings.TrimSpace(text) != "" {
			text = label + strings.TrimLeft(text, " \t")
		}
	}
	it := docxItem{kind: schema.BlockPara, text: text}
	level := 0
	if pa.outline >= 0 && pa.outline < 9 {
		level = pa.outline + 1
	} else if pa.style != "" {
		level = p.styles.headingLevel(pa.style)
	}
	if level > 0 {
		it.kind, it.level = schema.BlockHeading, level
	}
	if strings.TrimSpace(text) != "" && !(pa.style != "" && p.styles.isTOC(pa.style)) {
		p.deliver(it)
	}
	for _, a := range pa.after {
		p.deliver(a)
	}
}

// deliver hands a finished item to the innermost open cell or text box,
// else makes it a block.
func (p *docxParser) deliver(it docxItem) {
	if c := p.container(); c != nil {
		if len(c.items) < 100000 {
			c.items = append(c.items, it)
		}
		return
	}
	p.emit(it)
}

func (p *docxParser) emit(it docxItem) {
	b := schema.Block{Kind: it.kind, Text: it.text, Level: it.level}
	if it.kind == schema.BlockTable {
		b.Rows = it.rows
		lines := make([]string, len(it.rows))
		for i, r := range it.rows {
			lines[i] = strings.Join(r, "\t")
		}
		b.Text = strings.Join(lines, "\n")
	}
	p.blocks = append(p.blocks, b)
}

// flush emits what is still open at the end of a damaged file.
func (p *docxParser) flush() {
	for len(p.paras) > 0 {
		p.endPara()
	}
	for len(p.containers) > 0 {
		c := p.containers[len(p.containers)-1]
		p.containers = p.containers[:len(p.containers)-1]
		if c.kind == ctCell {
			if row := p.row(); row != nil {
				row.cells = append(row.cells, c)
			}
		} else {
			for _, it := range c.items {
				p.deliver(it)
			}
		}
	}
	for len(p.tables) > 0 {
		tb := p.tables[len(p.tables)-1]
		p.tables = p.tables[:len(p.tables)-1]
		p.endTable(tb)
	}
}
