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
	text      string
	drop      bool // header, footer or page number
}

// table is a grid rebuilt from ruling lines.
type table struct {
	top, bottom float64 // page y of the upper and lower edge
	xs          []float64
	rows        [][]string
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
	pl.tables = tables
	pl.lines = buildLines(rest)
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
	for _, grp := range groups {
		sort.SliceStable(grp, func(i, j int) bool { return grp[i].x < grp[j].x })
		var b strings.Builder
		ln := &line{x0: grp[0].x, y: grp[0].y}
		var prev *glyph
		var sizes []float64
		for i := range grp {
			g := &grp[i]
			if prev != nil {
				// the same glyph drawn twice (fake bold, shadow)
				if g.text == prev.text && math.Abs(g.x-prev.x) < 0.3*g.size {
					continue
				}
				gap := g.x - (prev.x + prev.w)
				pr, _ := utf8.DecodeLastRuneInString(prev.text)
				cr, _ := utf8.DecodeRuneInString(g.text)
				sz := math.Max(g.size, prev.size)
				if gap > 1.5*sz || (gap > 0.2*sz && (isLatin(pr) || isLatin(cr))) {
					b.WriteByte(' ')
				}
			}
			b.WriteString(g.text)
			sizes = append(sizes, g.size)
			if e := g.x + g.w; e > ln.x1 {
				ln.x1 = e
			}
			prev = g
		}
		sort.Float64s(sizes)
		ln.size = sizes[len(sizes)/2]
		ln.text = strings.TrimSpace(b.String())
		if ln.text != "" {
			lines = append(lines, ln)
		}
	}
	return lines
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
