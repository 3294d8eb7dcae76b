package corpus

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"policyx/corpus/pdf"
)

// errNoOCR is the error of a scanned PDF read without OCR tools.
var errNoOCR = errors.New("scanned PDF: install tesseract-ocr-chi-sim to read it (apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils)")

// ocrDPI is the resolution pages are rendered at for OCR: text of a
// printed page is 30–40 pixels high, which tesseract reads well, at a
// quarter of the time 300 dpi takes.
const ocrDPI = 150

// ocrTools are the external programs OCR runs: pdftoppm (poppler-utils)
// renders page images, tesseract with chi_sim reads them.
type ocrTools struct {
	tesseract, pdftoppm string
	eng                 bool // the English model is there too (figure lines)
}

// findOCR looks the tools up on PATH and the chi_sim model in the usual
// tessdata folders (or TESSDATA_PREFIX). ok is false when any is missing.
func findOCR() (ocrTools, bool) {
	t, err1 := exec.LookPath("tesseract")
	p, err2 := exec.LookPath("pdftoppm")
	if err1 != nil || err2 != nil {
		return ocrTools{}, false
	}
	dirs := []string{"/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata"}
	if env := os.Getenv("TESSDATA_PREFIX"); env != "" {
		dirs = append([]string{env, filepath.Join(env, "tessdata")}, dirs...)
	}
	for _, d := range dirs {
		if m, _ := filepath.Glob(filepath.Join(d, "chi_sim.traineddata")); len(m) > 0 {
			_, err := os.Stat(filepath.Join(filepath.Dir(m[0]), "eng.traineddata"))
			return ocrTools{tesseract: t, pdftoppm: p, eng: err == nil}, true
		}
	}
	return ocrTools{}, false
}

// ocrPDF renders the given pages of a PDF with pdftoppm and reads them
// with tesseract (chi_sim, two processes when there are several pages),
// returning one page of positioned text for each page asked. Pages whose
// text comes out small (lines under ocrMinLine pixels: the small print of
// a table, or a page scanned at a low resolution) are read again at twice
// the resolution, where tesseract misses fewer characters.
func (t ocrTools) ocrPDF(ctx context.Context, data []byte, pages []pdf.OCRPage) ([]*pdf.Page, error) {
	dir, err := os.MkdirTemp("", "policyx-ocr-")
	if err != nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	chargeOCR(ctx, len(pages))
	out, small, err := t.pass(ctx, dir, in, "a", pages, ocrDPI)
	if len(small) == 0 || ctx.Err() != nil {
		return out, err
	}
	sub := make([]pdf.OCRPage, len(small))
	for k, i := range small {
		sub[k] = pages[i]
	}
	chargeOCR(ctx, len(sub))
	again, _, err2 := t.pass(ctx, dir, in, "b", sub, 2*ocrDPI)
	for k, i := range small {
		if k < len(again) && again[k] != nil {
			out[i] = again[k]
		}
	}
	if err == nil && ctx.Err() == nil {
		err = err2
	}
	return out, err
}

// ocrMinLine is the line height (pixels) under which tesseract misses
// characters.
const ocrMinLine = 26

// pass renders pages at dpi and reads them; small lists the indexes of the
// pages whose lines are under ocrMinLine pixels high.
func (t ocrTools) pass(ctx context.Context, dir, in, tag string, pages []pdf.OCRPage, dpi int) ([]*pdf.Page, []int, error) {
	images := make([]string, len(pages))
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1].Num == pages[j].Num+1 {
			j++
		}
		prefix := filepath.Join(dir, fmt.Sprintf("%s%d", tag, i))
		// Uncompressed gray maps (.pgm): no time spent compressing.
		cmd := exec.CommandContext(ctx, t.pdftoppm, "-r", strconv.Itoa(dpi), "-gray",
			"-f", strconv.Itoa(pages[i].Num), "-l", strconv.Itoa(pages[j].Num), in, prefix)
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, nil, fmt.Errorf("OCR: pdftoppm: %v: %s", err, firstLine(out))
		}
		// pdftoppm names images prefix-N.pgm, N zero-padded to the
		// width of the document's page count.
		found, _ := filepath.Glob(prefix + "-*.pgm")
		byNum := map[int]string{}
		for _, f := range found {
			n, _ := strconv.Atoi(strings.TrimSuffix(f[strings.LastIndexByte(f, '-')+1:], ".pgm"))
			byNum[n] = f
		}
		for k := i; k <= j; k++ {
			images[k] = byNum[pages[k].Num]
		}
		i = j + 1
	}
	out := make([]*pdf.Page, len(pages))
	heights := make([]int, len(pages))
	// Two tesseract processes of one thread each: one model load per
	// process, both cores busy.
	half := (len(pages) + 1) / 2
	parts := [][2]int{{0, half}, {half, len(pages)}}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for k, pr := range parts {
		if pr[0] >= pr[1] {
			continue
		}
		wg.Add(1)
		go func(k, lo, hi int) {
			defer wg.Done()
			r := ocrRun{dir: dir, name: fmt.Sprintf("%s%d", tag, k), dpi: dpi}
			errs[k] = t.tesseract1(ctx, r, images[lo:hi], pages[lo:hi], out[lo:hi], heights[lo:hi])
		}(k, pr[0], pr[1])
	}
	wg.Wait()
	var small []int
	for i, h := range heights {
		if out[i] != nil && h > 0 && h < ocrMinLine {
			small = append(small, i)
		}
	}
	return out, small, errors.Join(errs...)
}

// ocrRun names one tesseract run: its folder, file names and resolution.
type ocrRun struct {
	dir, name string
	dpi       int
}

// tesseract1 reads images with one tesseract process into out, with the
// median line height (pixels) of each page in heights.
func (t ocrTools) tesseract1(ctx context.Context, r ocrRun, images []string, pages []pdf.OCRPage, out []*pdf.Page, heights []int) error {
	var list bytes.Buffer
	idx := []int{} // list line → index in images
	for i, img := range images {
		if img != "" {
			list.WriteString(img + "\n")
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return errors.New("OCR: pdftoppm rendered no page image")
	}
	listFile := filepath.Join(r.dir, "list-"+r.name+".txt")
	if err := os.WriteFile(listFile, list.Bytes(), 0o600); err != nil {
		return fmt.Errorf("OCR: %w", err)
	}
	base := filepath.Join(r.dir, "ocr-"+r.name)
	cmd := exec.CommandContext(ctx, t.tesseract, listFile, base, "-l", "chi_sim", "--psm", "6", "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("OCR: tesseract: %v: %s", err, firstLine(b))
	}
	tsv, err := os.ReadFile(base + ".tsv")
	if err != nil {
		return fmt.Errorf("OCR: %w", err)
	}
	scale := 72.0 / float64(r.dpi)
	byPage := parseTSV(tsv)
	imgs, grids, built := map[int]*grayImage{}, map[int]grid{}, map[int]*pdf.Page{}
	var crops []figureCrop
	for n, words := range byPage {
		if n < 1 || n > len(idx) {
			continue
		}
		i := idx[n-1]
		p := pdf.NewPage(pages[i].W, pages[i].H)
		built[n] = p
		if data, err := os.ReadFile(images[i]); err == nil {
			if img, err := readPGM(data); err == nil {
				imgs[n] = img
				_, grids[n] = imageRules(img, p, pages[i].H, scale, float64(r.dpi)/ocrDPI)
			}
		}
		sortWords(words)
		if imgs[n] != nil && t.eng {
			crops = append(crops, figureCrops(n, words, imgs[n])...)
		}
	}
	var figErr error
	if len(crops) > 0 {
		// A failure of the second reading leaves the first, and says so:
		// the pages are kept, the error becomes the file's OCR warning.
		if figs, err := t.readFigures(ctx, r, imgs, crops); err == nil {
			replaceFigures(byPage, imgs, grids, crops, figs)
		} else {
			figErr = fmt.Errorf("OCR: figures left as the Chinese model read them: %w", err)
		}
	}
	for n, p := range built {
		i := idx[n-1]
		ocrPage(p, byPage[n], pages[i].H, scale, grids[n])
		out[i] = p
		heights[i] = medianLine(byPage[n])
	}
	return figErr
}

// medianLine is the median height of the lines of a page's words.
func medianLine(words []ocrWord) int {
	var hs []int
	for _, w := range words {
		hs = append(hs, w.lineHeight)
	}
	if len(hs) == 0 {
		return 0
	}
	sort.Ints(hs)
	return hs[len(hs)/2]
}

func firstLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// ocrWord is one word of tesseract's TSV, with the box of its line (pixels).
type ocrWord struct {
	line                     [3]int // block, paragraph, line
	left, top, width, height int
	lineTop, lineHeight      int
	text                     string
	conf                     float64 // tesseract's confidence, 0–100
	// a word of a figure line (mergeFigures): placed as a glyph of its
	// own, after a space glyph when space is set
	fig, space bool
}

// parseTSV reads tesseract's TSV output: words (level 5) by page number
// (from 1, the position in the image list) with their line's box (level 4).
func parseTSV(data []byte) map[int][]ocrWord {
	pages := map[int][]ocrWord{}
	lines := map[[4]int][2]int{} // page, block, par, line → top, height
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 {
			continue
		}
		v := make([]int, 10)
		bad := false
		for i := 0; i < 10; i++ {
			n, err := strconv.Atoi(f[i])
			if err != nil {
				bad = true
				break
			}
			v[i] = n
		}
		if bad {
			continue
		}
		key := [4]int{v[1], v[2], v[3], v[4]}
		switch v[0] {
		case 4:
			lines[key] = [2]int{v[7], v[9]}
		case 5:
			// Words of low confidence are kept: dropping them leaves
			// holes in the sentence that cost more than a wrong character.
			text := strings.TrimSpace(f[11])
			if text == "" {
				continue
			}
			lb := lines[key]
			if lb[1] == 0 {
				lb = [2]int{v[7], v[9]}
			}
			conf, _ := strconv.ParseFloat(f[10], 64)
			pages[v[1]] = append(pages[v[1]], ocrWord{line: [3]int{v[2], v[3], v[4]}, left: v[6], top: v[7], width: v[8], height: v[9],
				lineTop: lb[0], lineHeight: lb[1], text: text, conf: conf})
		}
	}
	return pages
}

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

// illegible reports a short line OCR could hardly read (mean confidence
// under 35, two to ten runes: one alone may be the rest of a wrapped cell): a seal's ring over the signature (RH, 认呈,
// 一这), a stain. Text, even misread in places, scores far higher. A line
// with a figure is kept: a table's cell that OCR reads badly ((0%) for
// （%）), or read again by the eng model (mergeFigures).
func illegible(ws []ocrWord) bool {
	runes, conf := 0, 0.0
	for _, w := range ws {
		if w.fig || strings.ContainsAny(w.text, "0123456789%") {
			return false
		}
		runes += len([]rune(strings.Join(strings.Fields(w.text), "")))
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
	median := func(xs []int) float64 {
		if len(xs) == 0 {
			return 0
		}
		xs = slices.Clone(xs)
		slices.Sort(xs)
		return float64(xs[len(xs)/2])
	}
	wide := max(1.25*median(gaps), median(heights)/2)
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

// fixOpeners turns a 《 or 〈 that is closed by ) or ） before any 〉 or 》
// into （, over the lines of a page: OCR reads （ as either, and the
// bracket of a 责任单位 list closes lines later.
func fixOpeners(words []ocrWord) {
	for i := range words {
		rs := []rune(words[i].text)
		changed := false
		for k, r := range rs {
			if (r == '《' || r == '〈') && closedByParen(words, i, k+1) {
				rs[k], changed = '（', true
			}
		}
		if changed {
			words[i].text = string(rs)
		}
	}
}

// closedByParen reports whether the first bracket after rune k of word i
// (within 400 runes) is ) or ）.
func closedByParen(words []ocrWord, i, k int) bool {
	n := 0
	for j := i; j < len(words) && n < 400; j++ {
		rs := []rune(words[j].text)
		if j > i {
			k = 0
		}
		for _, c := range rs[min(k, len(rs)):] {
			n++
			switch c {
			case ')', '）':
				return true
			case '〉', '》', '〈', '《', '（', '(':
				return false
			}
		}
	}
	return false
}

// nestTitles turns 《a《b》c》 into 《a〈b〉c》, over the lines of a page: a
// title mark inside a title mark is the single one (〈〉), which OCR reads
// as the double. Only a pair closed inside a closed outer pair within 200
// characters is changed.
func nestTitles(words []ocrWord) {
	type pos struct{ w, k int }
	var rs [][]rune
	var at []pos
	for i, w := range words {
		r := []rune(w.text)
		rs = append(rs, r)
		for k := range r {
			at = append(at, pos{i, k})
		}
	}
	get := func(n int) rune { return rs[at[n].w][at[n].k] }
	changed := map[int]bool{}
	for n := 0; n < len(at); n++ {
		if get(n) != '《' {
			continue
		}
		// 《 … 《 … 》 … 》 with no other mark between
		var marks []int
		for m := n + 1; m < len(at) && m < n+200 && len(marks) < 3; m++ {
			if c := get(m); c == '《' || c == '》' {
				marks = append(marks, m)
			}
		}
		if len(marks) == 3 && get(marks[0]) == '《' && get(marks[1]) == '》' && get(marks[2]) == '》' {
			rs[at[marks[0]].w][at[marks[0]].k] = '〈'
			rs[at[marks[1]].w][at[marks[1]].k] = '〉'
			changed[at[marks[0]].w], changed[at[marks[1]].w] = true, true
			n = marks[2]
		}
	}
	for i := range changed {
		words[i].text = string(rs[i])
	}
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

// reSpacedDash is a dash between numbers read as 一 with the gaps around
// it as spaces (2024 一 2026年, 3 一5个); without them the 一 is turned
// in ocrPunct's loop.
var reSpacedDash = regexp.MustCompile(`(\d)(?: 一 ?| ?一 )(\d)`)

// reZeroPercent is a header's unit （%） with the space inside the
// full-width bracket read as 0 (营业收入同比增速(0%), or (0%) a word of
// its own in a table's cell).
var reZeroPercent = regexp.MustCompile(`(^|\p{Han}) ?[(（]0%[)）]`)

// reNumeralHeading is a heading line 一、总体要求 whose 、 OCR reads as a
// comma: a short line without other punctuation (a wrapped sentence's
// line that starts 一，协调… is long).
var reNumeralHeading = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}([，,])\p{Han}[^，。；,;:：]{0,18}$`)

// ocrFullWidth are the marks OCR reads as ASCII next to Chinese text.
var ocrFullWidth = map[rune]rune{',': '，', ';': '；', ':': '：', '!': '！', '?': '？'}

// ocrPunct turns the ASCII punctuation OCR reads next to Chinese text into
// the full-width marks Chinese text uses (, → ，, ( → （ …); a full stop
// between two Chinese characters is a misread enumeration comma (、); a
// quotation mark read twice is one.
func ocrPunct(s string) string {
	s = reSpacedDash.ReplaceAllString(s, "$1—$2")
	s = reZeroPercent.ReplaceAllString(s, "$1（%）")
	if m := reNumeralHeading.FindStringSubmatchIndex(s); m != nil {
		s = s[:m[2]] + "、" + s[m[3]:]
	}
	rs := []rune(s)
	han := func(i int) bool { return i >= 0 && i < len(rs) && unicode.Is(unicode.Han, rs[i]) }
	// Chinese context: a Han character or a full-width mark
	cjk := func(i int) bool {
		return han(i) || i >= 0 && i < len(rs) && (rs[i] >= 0x3000 && rs[i] <= 0x303F || rs[i] >= 0xFF00 && rs[i] <= 0xFFEF)
	}
	// 〈 or 《 closed by ) or ） before any 〉 or 》 is a misread （
	for i, r := range rs {
		if r != '〈' && r != '《' {
			continue
		}
		for _, c := range rs[i+1:] {
			if c == '〉' || c == '》' || c == '〈' || c == '《' || c == '（' || c == '(' {
				break
			}
			if c == ')' || c == '）' {
				rs[i] = '（'
				break
			}
		}
	}
	open := false // a ( made full width waits for its )
	for i, r := range rs {
		near := cjk(i-1) || cjk(i+1)
		if fw, ok := ocrFullWidth[r]; ok {
			if near {
				rs[i] = fw
			}
			continue
		}
		switch r {
		case '(':
			if near {
				rs[i], open = '（', true
			}
		case ')':
			if near || open {
				rs[i], open = '）', false
			}
		case '!':
			if near {
				rs[i] = '！'
			}
		case '?':
			if near {
				rs[i] = '？'
			}
		case '.':
			if han(i-1) && han(i+1) {
				rs[i] = '、'
			}
		case '一':
			// a dash between numbers (2021—2023, 3—5个) read as 一
			if i > 0 && i+1 < len(rs) && isASCIIDigit(rs[i-1]) && isASCIIDigit(rs[i+1]) {
				rs[i] = '—'
			}
		}
	}
	rs = ocrQuotes(rs, cjk)
	// a quotation mark read twice (““): Chinese text never doubles one;
	// nor a bracket read twice as 〈 and （ (分解表〈（2021年）)
	out := rs[:0]
	for i, r := range rs {
		if i > 0 && (r == '“' || r == '”') && rs[i-1] == r {
			continue
		}
		if (r == '〈' || r == '《' && !slices.Contains(rs[i:], '》')) && i+1 < len(rs) && rs[i+1] == '（' {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// ocrQuotes restores the Chinese quotation marks of a line that OCR reads
// as ASCII (") or as < and *, or loses between two quoted names:
//   - an opening mark read as < or * before Han text that a closing mark
//     ends within a few characters (<优机优补" → “优机优补");
//   - a closing mark, then a short Han run closed again: the opener
//     between the two was lost (“优机优补”有进有出” → “优机优补”“有进有出”);
//   - a " next to Chinese text opens or closes by the alternation of the
//     marks around it in the line; a line that starts inside a quotation
//     (its first Chinese mark a closer after an even count) starts closed.
func ocrQuotes(rs []rune, cjk func(int) bool) []rune {
	isMark := func(r rune) bool { return r == '“' || r == '”' || r == '"' }
	// the next mark after i within n runes, -1 when none (or another
	// character that is not Han comes first)
	closerWithin := func(i, n int) int {
		for k := i + 1; k < len(rs) && k <= i+n; k++ {
			if rs[k] == '”' || rs[k] == '"' {
				return k
			}
			if !unicode.Is(unicode.Han, rs[k]) {
				return -1
			}
		}
		return -1
	}
	for i, r := range rs {
		if (r == '<' || r == '*') && i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1]) && closerWithin(i, 12) > i+1 {
			rs[i] = '“'
		}
	}
	for i := 0; i < len(rs); i++ {
		if rs[i] != '”' {
			continue
		}
		if k := closerWithin(i, 9); k > i+1 && rs[k] == '”' {
			rs = append(rs[:i+1], append([]rune{'“'}, rs[i+1:]...)...)
		}
	}
	// alternation: inside after an opener, outside after a closer
	inside, seen := false, 0
	for _, r := range rs {
		if r == '“' || r == '”' {
			// a closer after an even count of marks, or an opener after
			// an odd one: the line began inside a quotation
			inside = (seen%2 == 0) == (r == '”')
			break
		}
		if isMark(r) {
			seen++
		}
	}
	if seen%2 == 1 && !slices.ContainsFunc(rs, func(r rune) bool { return r == '“' || r == '”' }) {
		// only " marks, an odd count: the quotation the line is inside
		// at one end is the shorter, a quoted name
		first, last := -1, 0
		for k, r := range rs {
			if r == '"' {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		inside = first < len(rs)-1-last
	}
	for i, r := range rs {
		switch {
		case r == '“':
			inside = true
		case r == '”':
			inside = false
		case r == '"' && (cjk(i-1) || cjk(i+1)):
			if inside {
				rs[i] = '”'
			} else {
				rs[i] = '“'
			}
			inside = !inside
		}
	}
	return rs
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }
