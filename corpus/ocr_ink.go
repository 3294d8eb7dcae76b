package corpus

import (
	"sort"
	"strings"
)

// The ink of a line of a page image, for the figure lines (ocr_figures.go):
// where the gaps between glyphs are, how tall the glyphs are.

// lineInk is the ink of one line of a page image: rows y0..y1 (the line's
// box with a margin of a quarter of its height). Without an image the
// boxes stand for the ink.
type lineInk struct {
	img    *grayImage
	y0, y1 int
	dark   byte // pixels darker than this are ink
}

// newLineInk is the ink of the line of w. Ink is what is darker than
// halfway between the paper (the line's median) and the darkest pixel: the
// paper of a photographed page is not white.
func newLineInk(img *grayImage, w ocrWord) lineInk {
	m := w.lineHeight / 4
	l := lineInk{img: img, y0: w.lineTop - m, y1: w.lineTop + w.lineHeight + m, dark: ocrDark}
	if img == nil {
		return l
	}
	l.y0, l.y1 = max(0, l.y0), min(img.H, l.y1)
	var hist [256]int
	n := 0
	for y := l.y0; y < l.y1; y++ {
		for _, v := range img.Pix[y*img.W : (y+1)*img.W] {
			hist[v]++
			n++
		}
	}
	ink, paper, c := -1, 255, 0
	for v, k := range hist {
		if k > 0 && ink < 0 {
			ink = v
		}
		c += k
		if c*2 >= n {
			paper = v
			break
		}
	}
	if ink >= 0 && paper-ink >= 64 {
		l.dark = byte(paper - (paper-ink)/2)
	}
	return l
}

// blank reports a column without ink (or outside the image).
func (l lineInk) blank(x int) bool {
	if x < 0 || x >= l.img.W {
		return true
	}
	for y := l.y0; y < l.y1; y++ {
		if l.img.Pix[y*l.img.W+x] < l.dark {
			return false
		}
	}
	return true
}

// height is the height of the ink in the columns of w: first to last
// row with ink.
func (l lineInk) height(w ocrWord) int {
	if l.img == nil {
		return w.height
	}
	top, bottom := -1, -1
	for y := l.y0; y < l.y1; y++ {
		row := l.img.Pix[y*l.img.W:]
		for x := max(0, w.left); x < min(l.img.W, w.left+w.width); x++ {
			if row[x] < l.dark {
				if top < 0 {
					top = y
				}
				bottom = y
				break
			}
		}
	}
	if top < 0 {
		return 0
	}
	return bottom - top + 1
}

// gapBefore is the run of blank columns left of the glyph at the left
// edge x of a word (the edge found within a few columns of x: boxes are
// not exact).
func (l lineInk) gapBefore(x int) int {
	if l.img == nil {
		return 1 << 20
	}
	x = l.edge(x, -1)
	n := 0
	for x-n-1 >= 0 && l.blank(x-n-1) {
		n++
	}
	return n
}

// gapAfter is the run of blank columns right of the glyph at the right
// edge x (exclusive) of a word.
func (l lineInk) gapAfter(x int) int {
	if l.img == nil {
		return 1 << 20
	}
	x = l.edge(x-1, 1)
	n := 0
	for x+n+1 < l.img.W && l.blank(x+n+1) {
		n++
	}
	return n
}

// edge is the outermost ink column of the glyph at x in direction dir
// (-1 left, 1 right): from x outwards while there is ink, or, when x is
// blank, inwards to the first ink; a few columns at most.
func (l lineInk) edge(x, dir int) int {
	const most = 6
	if l.blank(x) {
		for k := 0; k < most && l.blank(x); k++ {
			x -= dir
		}
		return x
	}
	for k := 0; k < most && !l.blank(x+dir); k++ {
		x += dir
	}
	return x
}

// splitGaps cuts a word of digits at the gaps of ink wider than space
// inside it: the model loses the space after a narrow digit (1 58709.82
// read as 158709.82), whose side bearings make it look like the gap
// between two digits; the ink shows it wider. The characters left of a gap
// are counted by the width of a digit (dw, pixels), the point and 1
// narrower; a word whose ink does not fit its characters (its box takes
// in a neighbour) is left whole.
func (l lineInk) splitGaps(w ocrWord, space int, dw float64) []ocrWord {
	rs := []rune(w.text)
	if l.img == nil || dw <= 0 || len(rs) < 2 || strings.Trim(w.text, "0123456789.%") != "" {
		return []ocrWord{w}
	}
	adv := advances(rs)
	x0 := l.edge(w.left, -1)
	x1 := l.edge(w.left+w.width-1, 1) + 1
	var cuts, at []int // character index, first column after the gap
	start, prev, run := x0, 0, 0
	for x := x0; x < x1; x++ {
		if l.blank(x) {
			run++
			continue
		}
		if run > space {
			n := float64(x-run-start) / dw // characters left of the gap
			k := prev + 1
			for k < len(rs)-1 && abs(adv[k+1]-adv[prev]-n) < abs(adv[k]-adv[prev]-n) {
				k++
			}
			if abs(adv[k]-adv[prev]-n) <= 0.5 {
				cuts, at = append(cuts, k), append(at, x)
				start, prev = x, k
			}
		}
		run = 0
	}
	if len(cuts) == 0 || abs(float64(x1-start)/dw-(adv[len(rs)]-adv[prev])) > 0.7 {
		return []ocrWord{w}
	}
	var out []ocrWord
	from, left := 0, x0
	for i, k := range append(cuts, len(rs)) {
		p := w
		p.text = string(rs[from:k])
		right := x1
		if i < len(cuts) {
			right = at[i] - space
		}
		p.left, p.width = left, right-left
		out = append(out, p)
		from = k
		if i < len(at) {
			left = at[i]
		}
	}
	return out
}

// advances are the running widths of characters in digit widths.
func advances(rs []rune) []float64 {
	adv := make([]float64, len(rs)+1)
	for i, r := range rs {
		a := 1.0
		switch r {
		case '.':
			a = 0.4
		case '1':
			a = 0.6
		}
		adv[i+1] = adv[i] + a
	}
	return adv
}

// digitWidth is the median width of a digit's ink in the words of digits
// (pixels per digit width of advances).
func (l lineInk) digitWidth(ws []ocrWord) float64 {
	var v []float64
	for _, w := range ws {
		rs := []rune(w.text)
		if l.img == nil || len(rs) < 2 || strings.Trim(w.text, "0123456789.") != "" {
			continue
		}
		x0, x1 := l.edge(w.left, -1), l.edge(w.left+w.width-1, 1)+1
		v = append(v, float64(x1-x0)/advances(rs)[len(rs)])
	}
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	return v[len(v)/2]
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
