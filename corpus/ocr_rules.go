package corpus

import (
	"policyx/corpus/imagepdf"
	"policyx/corpus/pdf"
)

// grayImage is a page image as pdftoppm -gray writes it.
type grayImage = imagepdf.Gray

func readPGM(data []byte) (*grayImage, error) { return imagepdf.ReadPGM(data) }

// Ruling lines in a page image: runs of dark pixels at least this long
// (pixels at ocrDPI). Horizontal rules are long; vertical ones may be as
// short as a table row of one line, but longer than a character stroke.
const (
	ocrMinHRule = 90 // 15 mm
	ocrMinVRule = 48 // 8 mm, more than a character at the sizes of body text
	ocrDark     = 140
)

// grid holds a page's ruling lines (image pixels): where a table is
// drawn. A line of words between two vertical rules that a horizontal one
// joins is a table row, read word by word; a line elsewhere is text, also
// on a page whose other rules are drawn: the horizontal lines of the 版记
// under the last page's text, the 红头's separator, the page edge's
// shadow in a photographed scan (one vertical run), a seal's ring (two
// curved sides, no rule across them).
type grid struct {
	vert  []vrule
	horiz []hrule
}

type vrule struct{ x, top, bottom int }

type hrule struct{ y, left, right int }

// holds reports whether the rows top..bottom lie between two vertical
// rules that a horizontal rule joins (a table's sides and its top, bottom
// or a row's border).
func (g grid) holds(top, bottom int) bool {
	const tol = 6
	var vs []vrule
	for _, v := range g.vert {
		if top < v.bottom && v.top < bottom {
			vs = append(vs, v)
		}
	}
	for a := range vs {
		for b := range vs {
			if vs[b].x-vs[a].x < 2*tol {
				continue
			}
			for _, h := range g.horiz {
				if h.left <= vs[a].x+tol && h.right >= vs[b].x-tol &&
					h.y >= min(vs[a].top, vs[b].top)-tol && h.y <= max(vs[a].bottom, vs[b].bottom)+tol {
					return true
				}
			}
		}
	}
	return false
}

// imageRules finds the horizontal and vertical ruling lines of a page image
// (table borders) and adds them to the page as strokes, so the PDF table
// code can rebuild the grid and put the OCR words into its cells. It
// returns how many it found and where.
func imageRules(img *grayImage, p *pdf.Page, pageH, scale, zoom float64) (n int, g grid) {
	minH, minV, thick := int(ocrMinHRule*zoom), int(ocrMinVRule*zoom), int(4*zoom)
	type run struct{ a, b, at int }
	// horizontal: dark runs per row, merged with the runs of the rows
	// just above (a rule two or three pixels thick)
	var open []run
	emitH := func(r run, rows int) {
		if rows <= thick {
			y := pageH - (float64(r.at)+float64(rows)/2)*scale
			p.Stroke(float64(r.a)*scale, y, float64(r.b)*scale, y)
			n++
			g.horiz = append(g.horiz, hrule{r.at + rows/2, r.a, r.b})
		}
	}
	hRuns := func(y int) []run {
		var out []run
		row := img.Pix[y*img.W : (y+1)*img.W]
		for x := 0; x < img.W; {
			if row[x] >= ocrDark {
				x++
				continue
			}
			s := x
			for x < img.W && (row[x] < ocrDark || (x+1 < img.W && row[x+1] < ocrDark)) { // a one-pixel break is bridged
				x++
			}
			if x-s >= minH {
				out = append(out, run{s, x, y})
			}
		}
		return out
	}
	rows := map[int]int{} // open run index → rows so far
	for y := 0; y < img.H; y++ {
		cur := hRuns(y)
		var next []run
		nextRows := map[int]int{}
		used := make([]bool, len(open))
		for _, c := range cur {
			merged := false
			for i, o := range open {
				if !used[i] && c.a < o.b && o.a < c.b {
					used[i] = true
					nextRows[len(next)] = rows[i] + 1
					next = append(next, run{min(c.a, o.a), max(c.b, o.b), o.at})
					merged = true
					break
				}
			}
			if !merged {
				nextRows[len(next)] = 1
				next = append(next, c)
			}
		}
		for i, o := range open {
			if !used[i] {
				emitH(o, rows[i])
			}
		}
		open, rows = next, nextRows
	}
	for i, o := range open {
		emitH(o, rows[i])
	}
	// vertical: dark runs per column, kept when the column next to them
	// is not dark all along (a rule, not the side of a filled area)
	for x := 0; x < img.W; x++ {
		for y := 0; y < img.H; {
			if img.Pix[y*img.W+x] >= ocrDark {
				y++
				continue
			}
			s := y
			for y < img.H && (img.Pix[y*img.W+x] < ocrDark || (y+1 < img.H && img.Pix[(y+1)*img.W+x] < ocrDark)) {
				y++
			}
			if y-s < minV || !thinColumn(img, x, s, y, thick) {
				continue
			}
			// one stroke per rule: skip the rule's other pixel columns
			if x > 0 && darkRun(img, x-1, s, y) {
				continue
			}
			xp := float64(x) * scale
			p.Stroke(xp, pageH-float64(s)*scale, xp, pageH-float64(y)*scale)
			n++
			g.vert = append(g.vert, vrule{x, s, y})
		}
	}
	return n, g
}

// darkRun reports whether column x is dark over most of rows s..e.
func darkRun(img *grayImage, x, s, e int) bool {
	n := 0
	for y := s; y < e; y++ {
		if img.Pix[y*img.W+x] < ocrDark {
			n++
		}
	}
	return n*10 >= (e-s)*9
}

// thinColumn reports that the dark run of column x over rows s..e is a
// line at most thick pixels wide.
func thinColumn(img *grayImage, x, s, e, thick int) bool {
	w := 1
	for k := 1; k <= thick+1 && x+k < img.W; k++ {
		if !darkRun(img, x+k, s, e) {
			break
		}
		w++
	}
	return w <= thick
}
