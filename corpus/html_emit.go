package corpus

import (
	"strings"

	"policyx/schema"
)

// blocksLen counts the visible runes of blocks.
func blocksLen(blocks []schema.Block) int {
	n := 0
	for _, b := range blocks {
		n += visibleLen(b.Text)
		for _, r := range b.Rows {
			for _, c := range r {
				n += visibleLen(c)
			}
		}
	}
	return n
}

// visibleLen counts the runes of s that are not white space.
func visibleLen(s string) int {
	n := 0
	for _, r := range s {
		if r > ' ' && r != 0xA0 && r != 0x3000 {
			n++
		}
	}
	return n
}

// htmlEmitter turns the tree into blocks.
type htmlEmitter struct {
	blocks []schema.Block
	buf    strings.Builder
	pre    int // depth inside <pre>

	showHidden bool // emit elements hidden by style (fallback)
}

// flush ends the current paragraph.
func (e *htmlEmitter) flush() {
	if e.buf.Len() == 0 {
		return
	}
	t := e.buf.String()
	e.buf.Reset()
	if e.pre > 0 {
		for _, line := range strings.Split(t, "\n") {
			e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockPara, Text: line})
		}
		return
	}
	if strings.TrimSpace(t) != "" {
		e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockPara, Text: strings.TrimSpace(t)})
	}
}

// text appends a text run, collapsing ASCII white space like a browser
// (non-breaking and ideographic spaces are kept for the normalizer).
func (e *htmlEmitter) text(s string) {
	if e.pre > 0 {
		e.buf.WriteString(s)
		return
	}
	space := e.buf.Len() > 0 && isHTMLSpace(lastByte(&e.buf))
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			if !space && e.buf.Len() > 0 {
				e.buf.WriteByte(' ')
			}
			space = true
			continue
		}
		e.buf.WriteRune(r)
		space = false
	}
}

func isHTMLSpace(b byte) bool { return b == ' ' }

func lastByte(b *strings.Builder) byte {
	s := b.String()
	return s[len(s)-1]
}

func (e *htmlEmitter) walk(n *hnode) {
	if n.tag == "" {
		e.text(n.text)
		return
	}
	if e.dropped(n) {
		if blockElements[n.tag] {
			e.flush()
		}
		return
	}
	switch n.tag {
	case "br", "hr":
		if e.pre > 0 {
			e.buf.WriteByte('\n')
			return
		}
		e.flush()
		return
	case "table":
		e.flush()
		e.table(n)
		return
	case "h1", "h2", "h3", "h4", "h5", "h6":
		e.flush()
		start := len(e.blocks)
		for _, c := range n.children {
			e.walk(c)
		}
		e.flush()
		// A heading holding several lines (a <br> inside) stays one
		// heading.
		var parts []string
		for _, b := range e.blocks[start:] {
			if b.Kind == schema.BlockTable {
				return // a table inside a heading: keep what we have
			}
			parts = append(parts, b.Text)
		}
		e.blocks = e.blocks[:start]
		if t := strings.TrimSpace(strings.Join(parts, " ")); t != "" {
			e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockHeading, Text: t, Level: int(n.tag[1] - '0')})
		}
		return
	case "pre", "xmp", "listing", "plaintext":
		e.flush()
		e.pre++
		for _, c := range n.children {
			e.walk(c)
		}
		e.flush()
		e.pre--
		return
	}
	block := blockElements[n.tag]
	if block {
		e.flush()
	}
	for _, c := range n.children {
		e.walk(c)
	}
	if block {
		e.flush()
	}
}
