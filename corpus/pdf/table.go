package pdf

import (
	"math"
	"sort"
)

const segTol = 2.0 // points: ruling lines closer than this are one line

// mergeSegs joins collinear, touching segments of one orientation.
func mergeSegs(ss []seg, horiz bool) []seg {
	key := func(s seg) (float64, float64, float64) {
		if horiz {
			return s.y0, s.x0, s.x1
		}
		return s.x0, s.y0, s.y1
	}
	sort.Slice(ss, func(i, j int) bool {
		ki, ai, _ := key(ss[i])
		kj, aj, _ := key(ss[j])
		if math.Abs(ki-kj) > segTol/2 {
			return ki < kj
		}
		return ai < aj
	})
	var out []seg
	for _, s := range ss {
		k, a, b := key(s)
		if n := len(out); n > 0 {
			pk, pa, pb := key(out[n-1])
			if math.Abs(pk-k) <= segTol/2 && a <= pb+segTol {
				_ = pa
				if b > pb {
					if horiz {
						out[n-1].x1 = b
					} else {
						out[n-1].y1 = b
					}
				}
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

type unionFind []int

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int) { u[u.find(a)] = u.find(b) }

func newUF(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// cluster returns sorted representative values of vs merged within tol.
func cluster(vs []float64, tol float64) []float64 {
	sort.Float64s(vs)
	var out []float64
	for _, v := range vs {
		if n := len(out); n > 0 && v-out[n-1] <= tol {
			continue
		}
		out = append(out, v)
	}
	return out
}

// findTables rebuilds ruled tables: connected groups of horizontal and
// vertical lines form a grid; a missing inner line merges cells (the span is
// expanded: the text is repeated in every covered slot). It returns the
// tables and the glyphs outside them.
func findTables(segs []seg, glyphs []glyph) ([]*table, []glyph) {
	var hs, vs []seg
	for _, s := range segs {
		if s.horizontal() {
			hs = append(hs, s)
		} else {
			vs = append(vs, s)
		}
	}
	if len(hs) < 2 || len(vs) < 2 {
		return nil, glyphs
	}
	hs = mergeSegs(hs, true)
	vs = mergeSegs(vs, false)
	if len(hs)*len(vs) > 4_000_000 {
		return nil, glyphs
	}
	u := newUF(len(hs) + len(vs))
	const t = 3.0
	for i, h := range hs {
		for j, v := range vs {
			if v.x0 >= h.x0-t && v.x0 <= h.x1+t && h.y0 >= v.y0-t && h.y0 <= v.y1+t {
				u.union(i, len(hs)+j)
			}
		}
	}
	comps := map[int][]int{}
	for i := range hs {
		comps[u.find(i)] = append(comps[u.find(i)], i)
	}
	for j := range vs {
		r := u.find(len(hs) + j)
		comps[r] = append(comps[r], len(hs)+j)
	}
	var tables []*table
	used := make([]bool, len(glyphs))
	for _, members := range comps {
		var ch, cv []seg
		for _, m := range members {
			if m < len(hs) {
				ch = append(ch, hs[m])
			} else {
				cv = append(cv, vs[m-len(hs)])
			}
		}
		if len(ch) < 2 || len(cv) < 2 {
			continue
		}
		tb := buildGrid(ch, cv, glyphs, used)
		if tb != nil {
			tables = append(tables, tb)
		}
	}
	sort.Slice(tables, func(i, j int) bool { return tables[i].top > tables[j].top })
	var rest []glyph
	for i, g := range glyphs {
		if !used[i] {
			rest = append(rest, g)
		}
	}
	return tables, rest
}

func covers(ss []seg, at, from, to float64, horiz bool) bool {
	// a line at `at` covering the middle of [from, to]
	mid := (from + to) / 2
	for _, s := range ss {
		if horiz {
			if math.Abs(s.y0-at) <= segTol && s.x0 <= mid && s.x1 >= mid {
				return true
			}
		} else if math.Abs(s.x0-at) <= segTol && s.y0 <= mid && s.y1 >= mid {
			return true
		}
	}
	return false
}

func buildGrid(hs, vs []seg, glyphs []glyph, used []bool) *table {
	xs, ys := gridLines(hs, vs)
	nr, nc := len(ys)-1, len(xs)-1
	if nr < 1 || nc < 1 || nr*nc < 2 || nr*nc > 40000 {
		return nil
	}
	if xs[nc]-xs[0] < 20 || ys[0]-ys[nr] < 8 {
		return nil
	}
	// a boundary that separates nothing is an artefact of misaligned lines
	sepV := func(c, r int) bool { return covers(vs, xs[c], ys[r+1], ys[r], false) }
	sepH := func(r, c int) bool { return covers(hs, ys[r], xs[c], xs[c+1], true) }
	xs, ys = keepSeparating(xs, ys, sepV, sepH)
	nr, nc = len(ys)-1, len(xs)-1
	if nc < 2 || nr < 1 {
		return nil // a frame or a single column: text in a box, not a table
	}
	return fillGrid(xs, ys, sepV, sepH, glyphs, used)
}

// gridLines returns the column boundaries (ascending) and the row
// boundaries (top to bottom) of a ruled grid.
func gridLines(hs, vs []seg) (xs, ys []float64) {
	var xv, yv []float64
	for _, v := range vs {
		xv = append(xv, v.x0)
	}
	for _, h := range hs {
		yv = append(yv, h.y0)
	}
	// a table cut by a page break may lack its outer border: the ends of
	// the perpendicular lines mark it
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		lo, hi = math.Min(lo, v.y0), math.Max(hi, v.y1)
	}
	yv = append(yv, lo, hi)
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, h := range hs {
		lo, hi = math.Min(lo, h.x0), math.Max(hi, h.x1)
	}
	xv = append(xv, lo, hi)
	xs = cluster(xv, segTol)
	ys = cluster(yv, segTol) // ascending
	// rows top to bottom
	for i, j := 0, len(ys)-1; i < j; i, j = i+1, j-1 {
		ys[i], ys[j] = ys[j], ys[i]
	}
	return xs, ys
}

// keepSeparating drops the inner boundaries that separate no cell.
func keepSeparating(xs, ys []float64, sepV, sepH func(int, int) bool) ([]float64, []float64) {
	nr, nc := len(ys)-1, len(xs)-1
	return separating(xs, nr, sepV), separating(ys, nc, sepH)
}

// separating returns the boundaries bs[i] that sep(i, j) reports as
// separating for some j < across, and the two outer ones.
func separating(bs []float64, across int, sep func(i, j int) bool) []float64 {
	n := len(bs) - 1
	out := []float64{bs[0]}
	for i := 1; i < n; i++ {
		for j := 0; j < across; j++ {
			if sep(i, j) {
				out = append(out, bs[i])
				break
			}
		}
	}
	return append(out, bs[n])
}

// fillGrid merges the cells no line separates, puts the glyphs into cells
// and reads each cell's text.
func fillGrid(xs, ys []float64, sepV, sepH func(int, int) bool, glyphs []glyph, used []bool) *table {
	nr, nc := len(ys)-1, len(xs)-1
	cell := func(r, c int) int { return r*nc + c }
	u := newUF(nr * nc)
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			if c+1 < nc && !sepV(c+1, r) {
				u.union(cell(r, c), cell(r, c+1))
			}
			if r+1 < nr && !sepH(r+1, c) {
				u.union(cell(r, c), cell(r+1, c))
			}
		}
	}
	// glyphs into cells
	cellGlyphs := map[int][]glyph{}
	left, right, top, bottom := xs[0], xs[nc], ys[0], ys[nr]
	for i, g := range glyphs {
		cx, cy := g.x+g.w/2, g.y+g.size*0.3
		if cx < left || cx > right || cy > top || cy < bottom {
			continue
		}
		c := sort.SearchFloat64s(xs, cx) - 1
		r := sort.Search(len(ys), func(k int) bool { return ys[k] < cy }) - 1
		if c < 0 || c >= nc || r < 0 || r >= nr {
			continue
		}
		used[i] = true
		root := u.find(cell(r, c))
		cellGlyphs[root] = append(cellGlyphs[root], g)
	}
	texts := map[int]string{}
	for root, gs := range cellGlyphs {
		var parts []string
		for _, ln := range buildLines(gs) {
			for _, sp := range ln.segs {
				parts = append(parts, sp.text)
			}
		}
		texts[root] = joinText(parts)
	}
	// an empty cell merged down from the top edge over two rows or more:
	// spanEnd[c] is the first row below it
	spanEnd := make([]int, nc)
	for c := 0; c < nc && nr > 1; c++ {
		top := u.find(cell(0, c))
		if texts[top] != "" || u.find(cell(1, c)) != top {
			continue
		}
		for spanEnd[c] = 1; spanEnd[c] < nr && u.find(cell(spanEnd[c], c)) == top; spanEnd[c]++ {
		}
	}
	tb := &table{top: top, bottom: bottom, xs: xs, topSpan: make([]int, nc)}
	for r := 0; r < nr; r++ {
		row := make([]string, nc)
		empty := true
		for c := 0; c < nc; c++ {
			row[c] = texts[u.find(cell(r, c))]
			if row[c] != "" {
				empty = false
			}
		}
		if !empty {
			tb.rows = append(tb.rows, row)
			for c := range spanEnd {
				if r < spanEnd[c] {
					tb.topSpan[c]++
				}
			}
		}
	}
	if len(tb.rows) == 0 {
		return nil
	}
	return tb
}
