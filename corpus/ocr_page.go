package corpus

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/corpus/pdf"
	"policyx/lexicon/cjk"
)

// Placing the words of a scanned page: lines, their size, the page's foot.

// ocrPage turns the words of one page into glyphs, line by line: each word
// a glyph in a line between the vertical rules of a table (g), so that the
// table code can put the words into the cells, else each line one glyph,
// as OCR gaps between words are too irregular to find columns in.
func ocrPage(p *pdf.Page, words []ocrWord, h, scale float64, g grid) {
	sortWords(words)
	fixOpeners(words)
	nestTitles(words)
	var lines [][]ocrWord
	for i := 0; i < len(words); {
		j := i
		for j+1 < len(words) && words[j+1].line == words[i].line {
			j++
		}
		lines = append(lines, words[i:j+1])
		i = j + 1
	}
	lines = lines[:len(lines)-pageFoot(lines, h/scale, g)]
	body := bodyHeight(lines)
	for _, ws := range lines {
		ruled := g.holds(lineRows(ws[0]))
		if !ruled && illegible(ws) {
			continue
		}
		ocrLine(p, ws, h, scale, ruled, body)
	}
}

// illegible reports a short line OCR could hardly read: mean confidence
// under 35, two to ten runes (a seal's ring over the signature: RH, 认呈,
// 一这; a stain). Text, even misread in places, scores far higher. Kept: a
// single rune, which may be the rest of a wrapped cell, and a line with a
// figure, a table's cell OCR reads badly ((0%) for （%）) or read again by
// the eng model (mergeFigures).
func illegible(ws []ocrWord) bool {
	runes, conf := 0, 0.0
	for _, w := range ws {
		if w.fig || strings.ContainsAny(w.text, "0123456789%") {
			return false
		}
		runes += utf8.RuneCountInString(cjk.RemoveSpace(w.text))
		conf += w.conf
	}
	return runes >= 2 && runes <= 10 && conf < 35*float64(len(ws))
}

// bodyHeight is the median size (pixels) of a page's lines: the size of
// its body text.
func bodyHeight(lines [][]ocrWord) int {
	hs := make([]int, 0, len(lines))
	for _, ws := range lines {
		hs = append(hs, lineSize(ws))
	}
	return medianInt(hs)
}

// lineSize is the height of a line's characters: its box's or the median
// of its words', whichever is less. Noise only ever adds height: a tall
// mark or stain grows the line's box (28-pixel characters in a 44-pixel
// box), and OCR gives words boxes of the line's full height with its
// marks (农垦 / 总局 / ：, 45 pixels in a 29-pixel line).
func lineSize(ws []ocrWord) int {
	hs := make([]int, 0, len(ws))
	for _, w := range ws {
		hs = append(hs, w.height)
	}
	t, b := lineRows(ws[0])
	return min(b-t, medianInt(hs))
}

func medianInt(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// pageFoot counts the lines at the end of a page (hPx pixels high) that
// are its furniture, not its text: in the page's bottom fifth, set off
// from the lines above by a wider gap than the page's lines have between
// them (and more than half a line), outside a table's rules (g), and
// either a page number (OCR reads it as 5, 123, 上 or _: three runes or
// fewer, one of them Han at most) or
// hardly legible (a scanner app's mark in the corner, 吕归 00000 00). Left
// in, they split the paragraph that runs on to the next page.
func pageFoot(lines [][]ocrWord, hPx float64, g grid) int {
	if len(lines) < 3 {
		return 0
	}
	var heights, gaps []int
	for k, ws := range lines {
		t, b := lineRows(ws[0])
		heights = append(heights, b-t)
		if k > 0 {
			if _, above := lineRows(lines[k-1][0]); t > above {
				gaps = append(gaps, t-above)
			}
		}
	}
	wide := max(1.25*float64(medianInt(gaps)), float64(medianInt(heights))/2)
	n := 0
	for k := len(lines) - 1; k > 0; k-- {
		top, _ := lineRows(lines[k][0])
		_, above := lineRows(lines[k-1][0])
		runes, han, conf := 0, 0, 0.0
		for _, w := range lines[k] {
			for _, r := range w.text {
				if !unicode.IsSpace(r) && !strings.ContainsRune("—–-一_~", r) {
					runes++
				}
				if unicode.Is(unicode.Han, r) {
					han++
				}
			}
			conf += w.conf
		}
		conf /= float64(len(lines[k]))
		short := runes <= 3 && han <= 1 // 5, 123, 上: not 附件2
		if float64(top) < 0.8*hPx || float64(top-above) <= wide || !short && conf >= 45 || g.holds(lineRows(lines[k][0])) {
			break
		}
		n++
	}
	return n
}

// lineRows is the rows (image pixels) of the line a word stands on.
func lineRows(w ocrWord) (top, bottom int) {
	if w.lineHeight > 0 {
		return w.lineTop, w.lineTop + w.lineHeight
	}
	return w.top, w.top + w.height
}

// sortWords puts words in the order of their lines, each line left to right.
func sortWords(words []ocrWord) {
	sort.SliceStable(words, func(i, j int) bool {
		if words[i].line != words[j].line {
			return lessLine(words[i].line, words[j].line)
		}
		return words[i].left < words[j].left
	})
}

func lessLine(a, b [3]int) bool {
	for k := 0; k < 3; k++ {
		if a[k] != b[k] {
			return a[k] < b[k]
		}
	}
	return false
}

// pageNumberLine is a page number as OCR reads "— 3 —": the dashes often
// come out as 一.
var pageNumberLine = regexp.MustCompile(`^[一—–\-_~]{1,2}\s*(\d{1,4})\s*[一—–\-_~]{1,2}$`)

// ocrLine places one line on its baseline: its words as glyphs, or the
// whole line as one. Punctuation is fixed over the whole line.
//
// A line's size is the height of its characters (lineSize), or the body's (body)
// when it is within a fifth of it: OCR boxes vary by 10–20 % from line to
// line of one paragraph, enough for the layout to start a new paragraph
// there; a title's size (二号 against 三号, +37 %) stays apart.
func ocrLine(p *pdf.Page, ws []ocrWord, h, scale float64, byWord bool, body int) {
	lh := ws[0].lineHeight
	if lh <= 0 {
		lh = ws[0].height
	}
	sz := lineSize(ws)
	if body > 0 && 5*max(sz-body, body-sz) <= body {
		sz = body
	}
	base, size := h-float64(ws[0].lineTop+lh)*scale, float64(sz)*scale
	ws = itemLabel(ws, lh)
	var rs []rune
	starts, ends := make([]int, len(ws)), make([]int, len(ws))
	for k, wd := range ws {
		w := []rune(wd.text)
		// a space where a gap touches a Latin letter or digit, as the
		// PDF layout puts one (柳州市 422 701); in a figure line where
		// the ink shows one
		if wd.fig && wd.space || !wd.fig && k > 0 && len(rs) > 0 && (isLatinOrDigit(rs[len(rs)-1]) || isLatinOrDigit(w[0])) &&
			float64(wd.left-(ws[k-1].left+ws[k-1].width)) > 0.25*float64(lh) {
			rs = append(rs, ' ')
		}
		starts[k] = len(rs)
		rs = append(rs, w...)
		ends[k] = len(rs)
	}
	line := ocrPunct(string(rs))
	if m := pageNumberLine.FindStringSubmatch(line); m != nil || !byWord && !ws[0].fig {
		if m != nil {
			line = "— " + m[1] + " —"
		}
		x0 := float64(ws[0].left) * scale
		x1 := float64(ws[len(ws)-1].left+ws[len(ws)-1].width) * scale
		p.Glyph(x0, base, x1-x0, size, line, false)
		return
	}
	// each word a glyph at its place, so the layout finds the columns of
	// a table of figures as it does in a text PDF. The line's fixes are
	// cut back into its words where they kept its length; one that put a
	// mark in or took runes out is redone word by word.
	fixed := []rune(line)
	for k, wd := range ws {
		if k > 0 && starts[k] > ends[k-1] {
			x := float64(ws[k-1].left+ws[k-1].width) * scale
			p.Glyph(x, base, math.Max(0, float64(wd.left)*scale-x), size, " ", false)
		}
		text := ocrPunct(string(rs[starts[k]:ends[k]]))
		if len(fixed) == len(rs) {
			text = string(fixed[starts[k]:ends[k]])
		}
		p.Glyph(float64(wd.left)*scale, base, float64(wd.width)*scale, size, text, false)
	}
}

// reLabelWord is the first word of a numbered item as OCR reads "1．":
// the number, with the full-width point read as a comma or lost.
var reLabelWord = regexp.MustCompile(`^(\d{1,2})[，,]?$`)

// itemLabel restores the label of a numbered item (1．强化…) at the start
// of a line, whose full-width point OCR reads as a comma or drops: the
// number is followed by a comma, or by a gap of at least half the line's
// height (the empty rest of the point's square; a space between a number
// and a word is a third of it) and then a Han character.
func itemLabel(ws []ocrWord, lh int) []ocrWord {
	if len(ws) < 2 || !hasHanStart(ws[1].text) {
		return ws
	}
	m := reLabelWord.FindStringSubmatch(ws[0].text)
	if m == nil || m[0] == m[1] && 2*(ws[1].left-(ws[0].left+ws[0].width)) < lh {
		return ws
	}
	out := append([]ocrWord{ws[0]}, ws[1:]...)
	out[0].text = m[1] + "．"
	return out
}
