package corpus

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Figure lines. The Chinese model reads rows of figures badly: "/" comes
// out as 1, 7 or /1, "%" as 9% or %0, and the spaces between short
// figures are lost (6 8 / 5 → 6815). Lines made mostly of figures are read
// a second time with the English model, which knows these marks, each
// line cropped from the page image; its figures replace the Chinese
// model's, and the spaces between figures are taken from the ink of the
// image rather than from either model.

// figureLine reports a line that is mostly figures: at least three
// digits, slashes or percent signs, and twice as many as its Han
// characters (a line of prose with a date or a number is not one).
func figureLine(ws []ocrWord) bool {
	fig, han := 0, 0
	for _, w := range ws {
		for _, r := range w.text {
			switch {
			case isASCIIDigit(r) || r == '/' || r == '%':
				fig++
			case unicode.Is(unicode.Han, r):
				han++
			}
		}
	}
	return fig >= 3 && fig >= 2*han
}

// reFigureWord is a word of figures as the English model reads it: digits,
// slashes, points, percent signs, dashes, in brackets or not.
var reFigureWord = regexp.MustCompile(`^[(（]?[0-9./%,\-]*[0-9/%][0-9./%,\-]*[)）]?$`)

// reFigureHead is the figure at the start of a word the English model
// reads on into the Han characters after it (90%L for 90%以).
var reFigureHead = regexp.MustCompile(`^[0-9.]*[0-9][0-9.]*%?`)

// figurePrefix is the figure at the head of a word whose rest is letters
// (a Han character read by the English model), its box cut to the
// figure's share; any other word as it is.
func figurePrefix(w ocrWord) ocrWord {
	head := reFigureHead.FindString(w.text)
	rest := w.text[len(head):]
	if len(head) < 2 || rest == "" || strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return w
	}
	// a Han character is about two digits wide
	w.width = w.width * len(head) / (len(head) + 2*utf8.RuneCountInString(rest))
	w.text = head
	return w
}

// ocrBox is a rectangle of a page image, in pixels.
type ocrBox struct{ x0, y0, x1, y1 int }

// lineBox is the box of a line's words, with a margin of a quarter of its
// height, inside the image.
func lineBox(ws []ocrWord, img *grayImage) ocrBox {
	b := ocrBox{x0: ws[0].left, y0: ws[0].lineTop, x1: ws[0].left + ws[0].width, y1: ws[0].lineTop + ws[0].lineHeight}
	for _, w := range ws {
		b.x0, b.x1 = min(b.x0, w.left), max(b.x1, w.left+w.width)
		b.y0, b.y1 = min(b.y0, w.top), max(b.y1, w.top+w.height)
	}
	m := (b.y1 - b.y0) / 4
	return ocrBox{max(0, b.x0-m), max(0, b.y0-m), min(img.W, b.x1+m), min(img.H, b.y1+m)}
}

// crop writes the box of img as a PGM file.
func crop(img *grayImage, b ocrBox, path string) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "P5\n%d %d\n255\n", b.x1-b.x0, b.y1-b.y0)
	for y := b.y0; y < b.y1; y++ {
		buf.Write(img.Pix[y*img.W+b.x0 : y*img.W+b.x1])
	}
	return os.WriteFile(path, buf.Bytes(), 0o600)
}

// figureCrop is one figure line to read again: its page, the words of the
// line (indexes into the page's words) and its box in the page image.
type figureCrop struct {
	page  int
	words []int
	box   ocrBox
}

// figureCrops lists the figure lines of a page's words (sorted by line).
func figureCrops(page int, words []ocrWord, img *grayImage) []figureCrop {
	var out []figureCrop
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].line == words[i].line {
			j++
		}
		if figureLine(words[i:j]) {
			idx := make([]int, 0, j-i)
			for k := i; k < j; k++ {
				idx = append(idx, k)
			}
			out = append(out, figureCrop{page: page, words: idx, box: lineBox(words[i:j], img)})
		}
		i = j
	}
	return out
}

// readFigures reads the crops with the English model, one tesseract
// process for all, and returns the words of each crop in page pixels.
func (t ocrTools) readFigures(ctx context.Context, r ocrRun, imgs map[int]*grayImage, crops []figureCrop) ([][]ocrWord, error) {
	var list bytes.Buffer
	for k, c := range crops {
		f := filepath.Join(r.dir, fmt.Sprintf("fig-%s-%d.pgm", r.name, k))
		if err := crop(imgs[c.page], c.box, f); err != nil {
			return nil, fmt.Errorf("OCR: %w", err)
		}
		list.WriteString(f + "\n")
	}
	listFile := filepath.Join(r.dir, "figlist-"+r.name+".txt")
	if err := os.WriteFile(listFile, list.Bytes(), 0o600); err != nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	base := filepath.Join(r.dir, "fig-"+r.name)
	cmd := exec.CommandContext(ctx, t.tesseract, listFile, base, "-l", "eng", "--psm", "7", "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("OCR: tesseract (eng): %v: %s", err, firstLine(b))
	}
	tsv, err := os.ReadFile(base + ".tsv")
	if err != nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	out := make([][]ocrWord, len(crops))
	for n, ws := range parseTSV(tsv) {
		if n < 1 || n > len(crops) {
			continue
		}
		b := crops[n-1].box
		for i := range ws {
			ws[i].left += b.x0
			ws[i].top += b.y0
		}
		out[n-1] = ws
	}
	return out, nil
}

// mergeFigures is a figure line of the Chinese model's words (chi, one
// line) with the English model's figures (eng) in place of the Chinese
// model's reading of them, split at the gaps of ink at least a space wide.
// The boxes of the
// Chinese model's characters are loose, so an English figure is taken on
// the evidence of the ink: it is not taller than the digits of the line
// (a Han character read as a digit is) or does not lie over a Han
// character of the Chinese reading. The Chinese model's Han characters
// stay; its other words give way to the figures they overlap. ok is false
// when no figure is taken.
//
// Joined (a page without ruling lines), the words are the tokens of the
// line: each marked fig, with space set where a space goes before it.
func mergeFigures(chi, eng []ocrWord, img *grayImage, join, slashMarks bool) ([]ocrWord, bool) {
	chi = splitHan(chi)
	ink := newLineInk(img, chi[0])
	var figs []ocrWord
	var hs []int
	for _, e := range eng {
		e = figurePrefix(e)
		if reFigureWord.MatchString(e.text) {
			figs = append(figs, e)
			if strings.Trim(e.text, "0123456789.") == "" {
				hs = append(hs, ink.height(e))
			}
		}
	}
	digit := median(hs)
	var kept []ocrWord
	for _, f := range figs {
		if digit == 0 || strings.Trim(f.text, "0123456789.") != "" || ink.height(f)*10 <= digit*12 || !overHan(f, chi) {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 {
		return nil, false
	}
	var ws []ocrWord
	for _, c := range chi {
		over := false
		for _, f := range kept {
			over = over || !hasHan(c.text) && overlap(c, f) > 0
		}
		if !over {
			ws = append(ws, c)
		}
	}
	space := max(2, (digit*40+50)/100)
	if digit == 0 {
		space = max(2, chi[0].lineHeight/4)
	}
	for i := range kept {
		kept[i].line, kept[i].lineTop, kept[i].lineHeight = chi[0].line, chi[0].lineTop, chi[0].lineHeight
	}
	dw := ink.digitWidth(kept)
	type item struct {
		w   ocrWord
		fig bool
	}
	var items []item
	for _, c := range ws {
		items = append(items, item{c, false})
	}
	for _, f := range kept {
		if slashMarks && reSlashes.MatchString(f.text) || f.text == "//" {
			for _, p := range splitSlashes(f) {
				for _, q := range ink.splitGaps(p, space, dw) {
					items = append(items, item{q, true})
				}
			}
			continue
		}
		for _, q := range ink.splitGaps(f, space, dw) {
			items = append(items, item{q, true})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].w.left < items[j].w.left })
	sorted := make([]ocrWord, len(items))
	fig := map[int]bool{}
	for i, it := range items {
		sorted[i], fig[i] = it.w, it.fig
	}
	if !join {
		return sorted, true
	}
	return tokens(sorted, fig, ink, space), true
}

// tokens marks the words of a merged figure line (sorted; fig[k] for the
// English model's figures) as tokens of a figure line, each with space set
// where the ink shows one before it; words without a space between them
// become one, and the boxes are put in order and apart.
func tokens(sorted []ocrWord, fig map[int]bool, ink lineInk, space int) []ocrWord {
	for k := range sorted {
		sorted[k].fig = true
		if k == 0 {
			continue
		}
		p, w := sorted[k-1], sorted[k]
		var gap int
		switch {
		case fig[k-1] && fig[k]:
			gap = space // the model's words
		case hasHanEnd(p.text) && hasHanStart(w.text):
			gap = 0
		case fig[k-1] || !fig[k] && !hasHanEnd(p.text):
			gap = ink.gapAfter(p.left + p.width)
		default:
			gap = ink.gapBefore(w.left)
		}
		sorted[k].space = gap >= space
	}
	// words without a space between them are one glyph: the loose boxes
	// of the Chinese model's characters must not look like column gaps
	out := sorted[:1]
	for _, w := range sorted[1:] {
		if w.space {
			out = append(out, w)
			continue
		}
		last := &out[len(out)-1]
		x1 := max(last.left+last.width, w.left+w.width)
		last.text += w.text
		last.width = x1 - last.left
	}
	// the boxes in order and apart, so that the layout keeps the words'
	// order and puts the spaces between them
	for k := 1; k < len(out); k++ {
		p, w := &out[k-1], &out[k]
		if w.left <= p.left {
			r := w.left + w.width
			w.left = p.left + 2
			w.width = max(1, r-w.left)
		}
		if p.left+p.width >= w.left {
			p.width = max(1, w.left-p.left-1)
		}
	}
	return out
}

func median(v []int) int {
	if len(v) == 0 {
		return 0
	}
	v = append([]int(nil), v...)
	sort.Ints(v)
	return v[len(v)/2]
}

// reSlashes is a word of figures with a slash glued to a figure or to
// another slash (11/5, /7//, //): in a line where a slash stands alone as
// the mark of an empty cell, the model has lost the spaces around these.
var reSlashes = regexp.MustCompile(`//|/[0-9]|[0-9.%]/`)

// splitSlashes cuts a figure word before and after each slash, the box
// shared in proportion (a slash half a digit).
func splitSlashes(w ocrWord) []ocrWord {
	rs := []rune(w.text)
	var parts []string
	cur := ""
	for _, r := range rs {
		if r == '/' {
			if cur != "" {
				parts = append(parts, cur)
			}
			parts = append(parts, "/")
			cur = ""
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		parts = append(parts, cur)
	}
	adv := func(s string) int {
		n := 0
		for _, r := range s {
			n += 2
			if r == '/' || r == '.' {
				n--
			}
		}
		return n
	}
	total := adv(w.text)
	var out []ocrWord
	acc := 0
	for _, p := range parts {
		q := w
		q.text = p
		q.left = w.left + w.width*acc/total
		acc += adv(p)
		q.width = w.left + w.width*acc/total - q.left
		out = append(out, q)
	}
	return out
}

// splitHan splits words at the boundaries of Han and other characters
// (市422 → 市, 422), the box shared in proportion to the characters' widths
// (a Han character twice a digit).
func splitHan(ws []ocrWord) []ocrWord {
	var out []ocrWord
	for _, w := range ws {
		rs := []rune(w.text)
		wid := func(r rune) int {
			if unicode.Is(unicode.Han, r) {
				return 2
			}
			return 1
		}
		total := 0
		for _, r := range rs {
			total += wid(r)
		}
		start, acc, accStart := 0, 0, 0
		for i := 1; i <= len(rs); i++ {
			acc += wid(rs[i-1])
			if i < len(rs) && unicode.Is(unicode.Han, rs[i]) == unicode.Is(unicode.Han, rs[i-1]) {
				continue
			}
			p := w
			p.text = string(rs[start:i])
			p.left = w.left + w.width*accStart/total
			p.width = w.width*acc/total - w.width*accStart/total
			out = append(out, p)
			start, accStart = i, acc
		}
	}
	return out
}

// overHan reports a word lying over a Han character of the Chinese
// reading for at least half its width.
func overHan(w ocrWord, chi []ocrWord) bool {
	for _, c := range chi {
		if hasHan(c.text) && 2*overlap(w, c) >= w.width {
			return true
		}
	}
	return false
}

func overlap(a, b ocrWord) int {
	return max(0, min(a.left+a.width, b.left+b.width)-max(a.left, b.left))
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func hasHanEnd(s string) bool {
	rs := []rune(s)
	return len(rs) > 0 && unicode.Is(unicode.Han, rs[len(rs)-1])
}

func hasHanStart(s string) bool {
	rs := []rune(s)
	return len(rs) > 0 && unicode.Is(unicode.Han, rs[0])
}

// replaceFigures puts the merged reading of each figure line in place of
// the line's words.
// In a line between a table's vertical rules (grids[page]) the words stay
// apart, for the table code to put into cells.
func replaceFigures(byPage map[int][]ocrWord, imgs map[int]*grayImage, grids map[int]grid, crops []figureCrop, figs [][]ocrWord) {
	drop := map[int]map[int]bool{}
	add := map[int][]ocrWord{}
	// a slash standing alone on a page marks empty cells there
	slashMarks := map[int]bool{}
	for k, c := range crops {
		for _, w := range figs[k] {
			slashMarks[c.page] = slashMarks[c.page] || w.text == "/"
		}
	}
	for k, c := range crops {
		words := byPage[c.page]
		line := make([]ocrWord, len(c.words))
		for i, w := range c.words {
			line[i] = words[w]
		}
		joined := len(line) == 0 || !grids[c.page].holds(lineRows(line[0]))
		m, ok := mergeFigures(line, figs[k], imgs[c.page], joined, slashMarks[c.page])
		if !ok {
			continue
		}
		if drop[c.page] == nil {
			drop[c.page] = map[int]bool{}
		}
		for _, w := range c.words {
			drop[c.page][w] = true
		}
		add[c.page] = append(add[c.page], m...)
	}
	for n, d := range drop {
		var kept []ocrWord
		for i, w := range byPage[n] {
			if !d[i] {
				kept = append(kept, w)
			}
		}
		kept = append(kept, add[n]...)
		sortWords(kept)
		byPage[n] = kept
	}
}
