// Package sections builds the section outline (一、 （一） 1． (1) ① 附件N).
//
// A heading is a block that opens with a label, as lexicon/outline reads
// it: 第X章 / 第X节 / 第X条 (管理办法 style), 一、, （一）, 1． (also 1. 1、),
// （1）, ①, or 附件N / 附表 (an attachment, always top level), or a
// Markdown/HTML heading block. Labels are
// ranked in that order within their family (章/节/条, and 一、（一）1.（1）①
// with heading blocks); nesting follows the labels the document actually
// uses: a label style already open closes everything below it, a new style
// closes the open ones of its family that rank lower, and nests under the
// rest (so 第一条 nests under 一、 when a document groups articles in parts).
// Level is the resulting depth (1 = top), so a document that goes 一、 → 1.
// gives 1. level 2.
//
// Guards: lines of tables (tab-separated, or numbered lines after a 序号
// header or a …表 caption inside an attachment) are not headings; nor are
// numbers followed by a digit (1.5亿元) or dates. Very long blocks (text that
// a web page flattened onto one line) are also searched for labels that follow
// white space.
package sections

import (
	_ "embed"
	"policyx/extract/internal/mdline"

	"policyx/schema"
)

type heading struct {
	seg   int
	style int
	rank  int
	label string
	title string
}

// Extract returns the outline of doc in document order; Parent indexes the
// returned slice (-1 at the top).
func Extract(doc *schema.Document) []schema.Section {
	segs := segments(doc)
	heads := findHeadings(segs)
	if len(heads) == 0 {
		return nil
	}
	out := make([]schema.Section, 0, len(heads))
	type open struct {
		rank, idx, style int
	}
	var stack []open
	for _, h := range heads {
		if h.style == styleAttach {
			stack = stack[:0]
		} else {
			// close an open section of the same style; else close the open
			// sections of lower rank in the same label family (一、 closes
			// 1.); a label of the other family nests (第一条 under 一、)
			cut := len(stack)
			for i, o := range stack {
				if o.style == h.style && (h.style != styleHeading || o.rank == h.rank) {
					cut = i
					break
				}
			}
			if cut == len(stack) {
				for i, o := range stack {
					if family(o.style) == family(h.style) && o.rank >= h.rank {
						cut = i
						break
					}
				}
			}
			stack = stack[:cut]
		}
		parent := -1
		if len(stack) > 0 {
			parent = stack[len(stack)-1].idx
		}
		out = append(out, schema.Section{
			Parent: parent,
			Level:  len(stack) + 1,
			Label:  h.label,
			Title:  h.title,
			Span:   schema.Span{Start: segs[h.seg].start},
		})
		stack = append(stack, open{rank: h.rank, idx: len(out) - 1, style: h.style})
	}
	// each section ends where the next section that is not inside it starts
	for i := range out {
		end := len(doc.Text)
		for j := i + 1; j < len(out); j++ {
			if !inside(out, j, i) {
				end = lastEnd(segs, out[j].Span.Start)
				break
			}
		}
		if end < out[i].Span.Start {
			end = out[i].Span.Start
		}
		out[i].Span.End = end
	}
	return out
}

// family tells the 章/节/条 labels of regulations from the 一、（一）1. labels
// of plans; ranks compare within a family only.
func family(style int) int {
	switch style {
	case styleChapter, styleSection, styleArticle:
		return 1
	}
	return 2
}

// inside reports whether section j is a descendant of section i.
func inside(s []schema.Section, j, i int) bool {
	for p := s[j].Parent; p >= 0; p = s[p].Parent {
		if p == i {
			return true
		}
	}
	return false
}

// lastEnd is the end of the last segment before offset at.
func lastEnd(segs []seg, at int) int {
	end := at
	for _, s := range segs {
		if s.start >= at {
			break
		}
		end = s.end
	}
	if end > at {
		end = at
	}
	return end
}

func rank(style, level int) int {
	if style == styleHeading {
		// an unlabeled heading of level N ranks with the label styles
		return styleCN*10 + (level-1)*10 - 5
	}
	return style * 10
}

// headingRanks maps heading block levels to the rank of the labels that
// heading blocks of that level carry (## 一、… → level 2 ranks with 一、).
func headingRanks(segs []seg) map[int]int {
	out := map[int]int{}
	for _, s := range segs {
		if s.kind != schema.BlockHeading || s.level <= 0 {
			continue
		}
		st, _, _ := labelOf(mdline.Clean(s.text))
		if st <= styleAttach {
			continue
		}
		r := rank(st, 0)
		if old, ok := out[s.level]; !ok || r < old {
			out[s.level] = r
		}
	}
	return out
}

// headingRank ranks an unlabeled heading of level l: above the labels that
// headings of its level or deeper carry (an unlabeled caption encloses the
// 一、 sections after it), else below the labels of shallower levels.
func headingRank(l int, known map[int]int) int {
	best, found := 0, false
	for lv, r := range known {
		if lv >= l && (!found || r < best) {
			best, found = r, true
		}
	}
	if found {
		return best - 5
	}
	for d := 1; d < 6; d++ {
		if r, ok := known[l-d]; ok {
			return r + 5*d
		}
	}
	return rank(styleHeading, l)
}
