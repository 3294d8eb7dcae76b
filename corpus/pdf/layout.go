package pdf

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one text line: glyphs sharing a baseline, left to right.
type line struct {
	x0, x1, y float64
	size      float64
	text      string // segments joined by a tab
	segs      []span // runs of text separated by a column gap
	drop      bool   // header, footer or page number
}

// span is a run of a line's text between column gaps.
type span struct {
	x0, x1 float64
	size   float64
	text   string
	cuts   []cut // places a column boundary may fall inside the span
}

// cut is a gap inside a span: the text from byte at starts at x, the text
// before it ends at end.
type cut struct {
	x, end float64
	at     int
}

// split cuts the span at c.
func (sp span) split(c cut) (span, span) {
	l := span{x0: sp.x0, x1: c.end, size: sp.size, text: strings.TrimSpace(sp.text[:c.at])}
	r := span{x0: c.x, x1: sp.x1, size: sp.size, text: strings.TrimSpace(sp.text[c.at:])}
	for _, k := range sp.cuts {
		if k.at < c.at {
			l.cuts = append(l.cuts, k)
		} else if k.at > c.at {
			k.at -= c.at
			r.cuts = append(r.cuts, k)
		}
	}
	return l, r
}

// table is a grid rebuilt from ruling lines.
type table struct {
	top, bottom float64 // page y of the upper and lower edge
	xs          []float64
	rows        [][]string
	text        bool // rebuilt from text positions, not ruling lines
	// topSpan[c] counts the rows that an empty cell merged down from the
	// top edge covers in column c (0: none): the rest of a merged cell cut
	// by a page break, whose text stands on the page before
	topSpan []int
}

// pageLayout is one page's lines (outside tables) and tables.
type pageLayout struct {
	page   int
	w, h   float64
	lines  []*line
	tables []*table
}

func layoutPage(pc *pageContent, page int) *pageLayout {
	pl := &pageLayout{page: page, w: pc.w, h: pc.h}
	glyphs := pc.glyphs
	// drop glyphs outside the page: hidden or clipped text
	kept := glyphs[:0]
	for _, g := range glyphs {
		if g.x < -5 || g.x > pc.w+5 || g.y < -5 || g.y > pc.h+5 || g.size <= 0 {
			continue
		}
		kept = append(kept, g)
	}
	glyphs = kept
	tables, rest := findTables(pc.segs, glyphs)
	ttables, lines := findTextTables(buildLines(rest))
	pl.tables = append(tables, ttables...)
	sort.SliceStable(pl.tables, func(i, j int) bool { return pl.tables[i].top > pl.tables[j].top })
	pl.lines = lines
	return pl
}

func isLatin(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '%' || r == '.'
}

// buildLines groups glyphs into lines by baseline and joins them into text,
// with a space for a gap next to Latin letters or digits and for a wide gap.
func buildLines(glyphs []glyph) []*line {
	if len(glyphs) == 0 {
		return nil
	}
	gs := make([]glyph, len(glyphs))
	copy(gs, glyphs)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	var groups [][]glyph
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i == len(gs) || gs[start].y-gs[i].y > 0.4*math.Max(gs[start].size, gs[i].size) {
			groups = append(groups, gs[start:i])
			start = i
		}
	}
	lines := make([]*line, 0, len(groups))
	var gb gapBuffers
	for _, grp := range groups {
		sort.SliceStable(grp, func(i, j int) bool { return grp[i].x < grp[j].x })
		// drop the same glyph drawn twice (fake bold, shadow)
		kept := grp[:1]
		for _, g := range grp[1:] {
			p := kept[len(kept)-1]
			if g.text == p.text && math.Abs(g.x-p.x) < 0.3*g.size {
				continue
			}
			kept = append(kept, g)
		}
		if ln := joinLine(kept, gb.usual(kept)); ln != nil {
			lines = append(lines, ln)
		}
	}
	return lines
}

// gapBuffers are reused across the lines of a page.
type gapBuffers struct{ gaps, cjk []float64 }

// usual returns the usual gap between glyphs of one line: justification
// spreads them evenly, a column gap stands out. Gaps between CJK characters
// tell the justification (digits and Latin letters keep their spacing);
// other gaps only when there are too few of those.
func (gb *gapBuffers) usual(grp []glyph) float64 {
	gaps, cjk := gb.gaps[:0], gb.cjk[:0]
	var prevG *glyph
	for i := range grp {
		if grp[i].text == " " {
			continue
		}
		if prevG != nil {
			gap := grp[i].x - (prevG.x + prevG.w)
			gaps = append(gaps, gap)
			pr, _ := utf8.DecodeLastRuneInString(prevG.text)
			cr, _ := utf8.DecodeRuneInString(grp[i].text)
			if !isLatin(pr) && !isLatin(cr) {
				cjk = append(cjk, gap)
			}
		}
		prevG = &grp[i]
	}
	gb.gaps, gb.cjk = gaps, cjk
	switch {
	case len(cjk) >= 3:
		sort.Float64s(cjk)
		return math.Max(0, cjk[len(cjk)/4]) // tab gaps may be many: take a low quantile
	case len(gaps) >= 4:
		sort.Float64s(gaps)
		return math.Max(0, gaps[len(gaps)/4])
	}
	return 0
}

// joinLine joins the glyphs of one baseline (sorted by x) into a line of
// segments split at column gaps; nil when it holds no text.
func joinLine(grp []glyph, usual float64) *line {
	ln := &line{y: grp[0].y, x0: math.Inf(1)}
	var b strings.Builder
	var sizes []float64
	var sp span
	var prevG *glyph
	spaced := false // a space glyph since the previous glyph
	for i := range grp {
		g := &grp[i]
		if g.text == " " {
			spaced = true
			continue
		}
		if prevG == nil {
			sp = span{x0: g.x}
			ln.x0 = g.x
		} else {
			gap := g.x - (prevG.x + prevG.w)
			pr, _ := utf8.DecodeLastRuneInString(prevG.text)
			cr, _ := utf8.DecodeRuneInString(g.text)
			sz := math.Max(g.size, prevG.size)
			latin := isLatin(pr) || isLatin(cr)
			mixed := isLatin(pr) != isLatin(cr)
			colGap := gap > usual+0.4*sz && ((!latin && !spaced && gap > 0.45*sz) ||
				(mixed && !spaced && gap > 0.45*sz) ||
				(latin && !spaced && gap > 0.6*sz) || gap > 2.5*sz)
			switch {
			case colGap:
				sp.text = strings.TrimSpace(b.String())
				ln.segs = append(ln.segs, sp)
				b.Reset()
				sp = span{x0: g.x}
			case spaced || (gap > 0.2*sz && latin):
				b.WriteByte(' ')
				sp.cuts = append(sp.cuts, cut{x: g.x, end: prevG.x + prevG.w, at: b.Len()})
			case gap > 0.1*sz:
				sp.cuts = append(sp.cuts, cut{x: g.x, end: prevG.x + prevG.w, at: b.Len()})
			}
		}
		spaced = false
		b.WriteString(g.text)
		sizes = append(sizes, g.size)
		if e := g.x + g.w; e > sp.x1 {
			sp.x1 = e
		}
		prevG = g
	}
	if prevG == nil {
		return nil
	}
	sp.text = strings.TrimSpace(b.String())
	ln.segs = append(ln.segs, sp)
	sort.Float64s(sizes)
	ln.size = sizes[len(sizes)/2]
	texts := make([]string, 0, len(ln.segs))
	for _, s := range ln.segs {
		texts = append(texts, s.text)
		ln.x1 = math.Max(ln.x1, s.x1)
	}
	ln.text = strings.TrimSpace(strings.Join(texts, "\t"))
	if ln.text == "" {
		return nil
	}
	return ln
}

// joinText joins wrapped lines of one paragraph or cell: no separator
// between CJK characters, a space between Latin words.
func joinText(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			s := b.String()
			pr, _ := utf8.DecodeLastRuneInString(s)
			cr, _ := utf8.DecodeRuneInString(p)
			if pr < 0x2E80 && pr != '-' && pr != '/' && isLatin(cr) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}
