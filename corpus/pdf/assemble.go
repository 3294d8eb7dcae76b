package pdf

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/lexicon/outline"
	"policyx/schema"
)

// pageNumRe matches a page-number line: "— 21 —", "- 3 -", "-1-", "第 3 页",
// "3/10", "第3页 共10页", a bare number.
var pageNumRe = regexp.MustCompile(`^[\s\-—–－‒―_·•]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／共]\s*\d{1,4}\s*页?)?[\s\-—–－‒―_·•]*$`)

var digitsRe = regexp.MustCompile(`\d+`)

// dropRunning marks page numbers and running headers/footers: among the two
// outermost lines at the top and the bottom of a page (within a tenth of the
// page height of the edge), those that are page numbers, or whose text
// (digits ignored) recurs at that edge on many pages.
func dropRunning(pages []*pageLayout) {
	type cand struct {
		ln  *line
		key string
	}
	var cands []cand
	for _, p := range pages {
		if len(p.lines) == 0 || p.h <= 0 {
			continue
		}
		byY := append([]*line(nil), p.lines...)
		sort.SliceStable(byY, func(i, j int) bool { return byY[i].y > byY[j].y })
		var edge []*line
		for i := 0; i < len(byY) && i < 2 && byY[i].y > p.h*0.90; i++ {
			edge = append(edge, byY[i])
		}
		for i := len(byY) - 1; i >= 0 && i >= len(byY)-2 && byY[i].y < p.h*0.10; i-- {
			edge = append(edge, byY[i])
		}
		for _, ln := range edge {
			if pageNumRe.MatchString(ln.text) {
				ln.drop = true
				continue
			}
			key := "b"
			if ln.y > p.h/2 {
				key = "t"
			}
			cands = append(cands, cand{ln, key + digitsRe.ReplaceAllString(ln.text, "#")})
		}
	}
	count := map[string]int{}
	for _, c := range cands {
		count[c.key]++
	}
	need := max(3, len(pages)*2/5)
	for _, c := range cands {
		if count[c.key] >= need {
			c.ln.drop = true
		}
	}
}

// metrics are document-wide layout measures.
type metrics struct {
	left, right float64 // body text margins
	pitch       float64 // usual baseline distance
}

func measure(pages []*pageLayout) metrics {
	lefts := map[int]int{}
	var rights, pitches []float64
	for _, p := range pages {
		var prev *line
		for _, ln := range p.lines {
			if ln.drop {
				continue
			}
			lefts[int(math.Round(ln.x0))]++
			rights = append(rights, ln.x1)
			if prev != nil {
				d := prev.y - ln.y
				if d > 0 && d < 3*ln.size {
					pitches = append(pitches, d)
				}
			}
			prev = ln
		}
	}
	m := metrics{pitch: 20}
	best := 0
	for x, n := range lefts {
		if n > best || (n == best && float64(x) < m.left) {
			best, m.left = n, float64(x)
		}
	}
	if len(rights) > 0 {
		sort.Float64s(rights)
		m.right = rights[len(rights)*9/10]
	}
	if len(pitches) > 0 {
		sort.Float64s(pitches)
		m.pitch = pitches[len(pitches)/2]
	}
	return m
}

// para is a paragraph being built.
type para struct {
	page  int
	parts []string
	full  bool    // the last line ran to the right margin: it may continue
	size  float64 // the font size of the last line
}

// startsItem reports whether a line opens with an outline label (一、 （一）
// 1． (1) ① 第一章 第一条 附件 …): it starts a paragraph. 1） 1.2. and 第一项
// may be the rest of a sentence broken at the line end, and start none.
func startsItem(s string) bool {
	l, _ := outline.Read(s)
	switch l.Style {
	case outline.None, outline.Item, outline.Multilevel, outline.ArabicClose:
		return false
	}
	return true
}

// assemble turns the pages into blocks in reading order: paragraphs from
// lines, tables from grids, a table continued on the next page merged into
// one (a repeated header row dropped), a paragraph broken by a page break
// re-joined.
func assemble(pages []*pageLayout) []schema.Block {
	dropRunning(pages)
	m := measure(pages)
	var blocks []schema.Block
	var cur *para
	var lastTable *table // the previous block when it is a table
	var lastTableIdx = -1
	flush := func() {
		if cur != nil {
			if t := joinText(cur.parts); t != "" {
				blocks = append(blocks, schema.Block{Kind: schema.BlockPara, Text: t, Page: cur.page})
				lastTable, lastTableIdx = nil, -1
			}
			cur = nil
		}
	}
	for _, p := range pages {
		type item struct {
			y  float64
			ln *line
			tb *table
		}
		var items []item
		for _, ln := range p.lines {
			if !ln.drop {
				items = append(items, item{y: ln.y, ln: ln})
			}
		}
		for _, tb := range p.tables {
			items = append(items, item{y: tb.top, tb: tb})
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].y > items[j].y })
		var prev *line
		first := true
		for _, it := range items {
			if it.tb != nil {
				flush()
				if lastTable != nil && (first || it.tb.text) && sameColumns(lastTable, it.tb) {
					rows := it.tb.rows
					// a row broken by the page break: the first row has no
					// first cell but text in several columns
					if n := len(lastTable.rows); n > 0 && len(rows) > 0 && it.tb.text && continuesRow(rows[0]) {
						for k, c := range rows[0] {
							lastTable.rows[n-1][k] = joinText([]string{lastTable.rows[n-1][k], c})
						}
						rows = rows[1:]
					}
					carryMerged(lastTable.rows, rows, it.tb.topSpan)
					lastTable.rows = append(lastTable.rows, rows...)
					lastTable.rows = dropRepeatedHeader(lastTable.rows)
					blocks[lastTableIdx].Rows = lastTable.rows
					blocks[lastTableIdx].Text = tableText(lastTable.rows)
				} else {
					it.tb.rows = dropRepeatedHeader(it.tb.rows)
					blocks = append(blocks, schema.Block{Kind: schema.BlockTable, Rows: it.tb.rows, Text: tableText(it.tb.rows), Page: p.page})
					lastTable, lastTableIdx = it.tb, len(blocks)-1
				}
				prev = nil
				first = false
				continue
			}
			ln := it.ln
			indent := ln.x0 > m.left+1.2*ln.size
			newPara := cur == nil || indent
			if !newPara && prev != nil {
				if prev.x1 < m.right-2*prev.size ||
					prev.y-ln.y > 1.4*m.pitch ||
					math.Abs(prev.size-ln.size) > 0.15*ln.size {
					newPara = true
				}
			}
			if !newPara && prev == nil && first {
				// first line of a page: continue the previous page's paragraph
				// only when it ran to the margin and this one is not a heading.
				// A full line that ends a sentence continues too: a new
				// paragraph would open indented or with a label, and a page
				// break falls far more often inside a paragraph than exactly
				// after a full last line.
				newPara = !cur.full || startsItem(ln.text) || math.Abs(cur.size-ln.size) > 0.15*ln.size
			}
			if !newPara && startsItem(ln.text) && prev != nil && !strings.HasSuffix(prev.text, "，") {
				newPara = prev.x1 < m.right-0.5*prev.size || endsSentence(prev.text)
			}
			// a line with column gaps is a row of its own (the layout of a
			// table the reader did not rebuild): never joined
			tabbed := strings.Contains(ln.text, "\t")
			if tabbed || (prev != nil && strings.Contains(prev.text, "\t")) {
				newPara = true
			}
			if newPara {
				flush()
				cur = &para{page: p.page}
			}
			cur.parts = append(cur.parts, ln.text)
			cur.full = ln.x1 >= m.right-2*ln.size && !tabbed
			cur.size = ln.size
			prev = ln
			first = false
		}
	}
	flush()
	return blocks
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？；：:;", r)
}

// equalRow reports a row that repeats another: the same characters, however
// the cells wrapped.
func equalRow(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[rune]int{}
	n := 0
	for _, c := range a {
		for _, r := range c {
			if !unicode.IsSpace(r) {
				count[r]++
				n++
			}
		}
	}
	for _, c := range b {
		for _, r := range c {
			if !unicode.IsSpace(r) {
				count[r]--
				n--
			}
		}
	}
	if n != 0 {
		return false
	}
	for _, v := range count {
		if v != 0 {
			return false
		}
	}
	return true
}

// sameColumns reports tables with the same column boundaries.
func sameColumns(a, b *table) bool {
	if len(a.xs) != len(b.xs) || a.text != b.text {
		return false
	}
	if a.text {
		// text columns are measured from their widest cell: compare where
		// the table starts
		return math.Abs(a.xs[0]-b.xs[0]) <= 4
	}
	for i := range a.xs {
		if math.Abs(a.xs[i]-b.xs[i]) > 4 {
			return false
		}
	}
	return true
}

func tableText(rows [][]string) string {
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(r, "\t")
	}
	return strings.Join(lines, "\n")
}

// dropRepeatedHeader removes later copies of the first row: a header
// repeated at the top of every page of a long table.
func dropRepeatedHeader(rows [][]string) [][]string {
	if len(rows) < 3 {
		return rows
	}
	out := rows[:1]
	for _, r := range rows[1:] {
		if !equalRow(r, rows[0]) {
			out = append(out, r)
		}
	}
	return out
}

// carryMerged fills the rest of a merged cell cut by a page break: the
// empty cell at the top of the continued table (span rows in its column)
// takes the text of that column in the last row before the break.
func carryMerged(before, rows [][]string, span []int) {
	if len(before) == 0 {
		return
	}
	last := before[len(before)-1]
	for c, n := range span {
		if c >= len(last) || last[c] == "" {
			continue
		}
		for r := 0; r < n && r < len(rows); r++ {
			if c < len(rows[r]) && rows[r][c] == "" {
				rows[r][c] = last[c]
			}
		}
	}
}

func continuesRow(r []string) bool {
	if len(r) == 0 || strings.TrimSpace(r[0]) != "" {
		return false
	}
	n := 0
	for _, c := range r[1:] {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n >= 2
}
