package corpus

import (
	"encoding/xml"
	"strconv"
	"strings"
)

type docxStyle struct {
	name, basedOn string
	outline       int // outline level 0–8 from the style's pPr, -1 none
	numID, ilvl   int // numbering from the style's pPr, numID -1 none
}

type docxStyles map[string]*docxStyle

// docxSkip is the skip callback of the walks over DOCX parts.
func docxSkip(t xml.StartElement) bool { return docxSkipped[t.Name.Local] }

func parseDocxStyles(z *zipArchive, p string, lim Limits) (docxStyles, error) {
	out := docxStyles{}
	var cur *docxStyle
	w := &xmlWalk{part: p, depth: lim.MaxDepth, skip: docxSkip,
		start: func(t xml.StartElement) error {
			if t.Name.Local == "style" {
				cur = &docxStyle{outline: -1, numID: -1}
				if id := attr(t, "styleId"); id != "" && len(out) < 100000 {
					out[id] = cur
				}
				return nil
			}
			if cur != nil {
				cur.set(t)
			}
			return nil
		},
		end: func(t xml.EndElement) {
			if t.Name.Local == "style" {
				cur = nil
			}
		},
	}
	return out, walkZipPart(z, w)
}

// set reads one property element inside a style.
func (st *docxStyle) set(t xml.StartElement) {
	switch t.Name.Local {
	case "name":
		st.name = attr(t, "val")
	case "basedOn":
		st.basedOn = attr(t, "val")
	case "outlineLvl":
		st.outline = atoiDefault(attr(t, "val"), -1)
	case "numId":
		st.numID = atoiDefault(attr(t, "val"), -1)
	case "ilvl":
		st.ilvl = atoiDefault(attr(t, "val"), 0)
	}
}

// headingLevel of a style: "heading N" / "标题 N" names and outline
// levels, following basedOn; "Title" is level 1. 0 when not a heading.
func (s docxStyles) headingLevel(id string) int {
	for i := 0; i < 16 && id != ""; i++ {
		st := s[id]
		if st == nil {
			return headingFromName(id)
		}
		if l := headingFromName(st.name); l > 0 {
			return l
		}
		if st.outline >= 0 && st.outline < 9 {
			return st.outline + 1
		}
		id = st.basedOn
	}
	return 0
}

// isTOC reports a table-of-contents entry style ("toc 1", "目录 2"):
// those paragraphs repeat the headings with page numbers.
func (s docxStyles) isTOC(id string) bool {
	for i := 0; i < 16 && id != ""; i++ {
		name := id
		st := s[id]
		if st != nil {
			name = st.name
		}
		n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
		for _, p := range []string{"toc", "目录"} {
			if rest, ok := strings.CutPrefix(n, p); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
				return true
			}
		}
		if st == nil {
			return false
		}
		id = st.basedOn
	}
	return false
}

// numbering of a style (following basedOn): numID -1 when none.
func (s docxStyles) numbering(id string) (numID, ilvl int) {
	for i := 0; i < 16 && id != ""; i++ {
		st := s[id]
		if st == nil {
			break
		}
		if st.numID >= 0 {
			return st.numID, st.ilvl
		}
		id = st.basedOn
	}
	return -1, 0
}

// headingFromName reads "heading 2", "Heading2", "标题 2", "标题2", "Title".
func headingFromName(name string) int {
	n := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), " ", ""))
	if n == "title" || n == "标题" {
		return 1
	}
	for _, p := range []string{"heading", "标题"} {
		if rest, ok := strings.CutPrefix(n, p); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
			return int(rest[0] - '0')
		}
	}
	return 0
}

func atoiDefault(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}
