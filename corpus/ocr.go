package corpus

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

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
	hs := make([]int, 0, len(words))
	for _, w := range words {
		hs = append(hs, w.lineHeight)
	}
	return medianInt(hs)
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
