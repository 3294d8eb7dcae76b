package sections

import (
	"policyx/schema"
	"regexp"
	"strings"
	"unicode/utf8"
)

var reMDHeading = regexp.MustCompile(`^#{1,6}\s`)

// longBlock is the length (runes) from which a block is searched for labels
// inside it.
const longBlock = 300

// flatCuts returns where labels start inside a long flattened block: right
// after white space, a label of a section style; an 附件 only with its colon
// (a reference to an attachment in running text has none).
func flatCuts(text string) []int {
	var cuts []int
	for i := 0; i < len(text); {
		if !isASCIISpace(text[i]) {
			i++
			continue
		}
		for i < len(text) && isASCIISpace(text[i]) {
			i++
		}
		st, label, _ := labelOf(text[i:])
		if st >= 0 && (st != styleAttach || strings.HasSuffix(label, ":") || strings.HasSuffix(label, "：")) {
			cuts = append(cuts, i)
		}
	}
	return cuts
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// seg is a heading candidate: a block or a piece of a long block.
type seg struct {
	start, end int
	text       string
	kind       schema.BlockKind
	level      int
	tabs       bool
	flat       bool // a piece of a long flattened block
}

func segments(doc *schema.Document) []seg {
	var out []seg
	for _, b := range doc.Blocks {
		if b.Kind == schema.BlockTable {
			out = append(out, seg{start: b.Span.Start, end: b.Span.End, text: b.Text, kind: b.Kind, tabs: true})
			continue
		}
		if b.Kind != schema.BlockHeading && utf8.RuneCountInString(b.Text) >= longBlock && strings.Contains(b.Text, " ") {
			cuts := []int{0}
			cuts = append(cuts, flatCuts(b.Text)...)
			cuts = append(cuts, len(b.Text))
			for i := 0; i+1 < len(cuts); i++ {
				if cuts[i] == cuts[i+1] {
					continue
				}
				t := b.Text[cuts[i]:cuts[i+1]]
				out = append(out, seg{start: b.Span.Start + cuts[i], end: b.Span.Start + cuts[i] + len(strings.TrimRight(t, " ")), text: strings.TrimSpace(t), kind: b.Kind, flat: true})
			}
			continue
		}
		sg := seg{start: b.Span.Start, end: b.Span.End, text: b.Text, kind: b.Kind, level: b.Level, tabs: strings.Contains(b.Text, "\t")}
		if m := reMDHeading.FindString(b.Text); m != "" && b.Kind == schema.BlockPara {
			// a Markdown heading the normalizer has not turned into a block
			sg.kind, sg.level = schema.BlockHeading, strings.Count(m, "#")
		}
		out = append(out, sg)
	}
	return out
}
