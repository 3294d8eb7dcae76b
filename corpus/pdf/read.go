// Package pdf reads the text of a PDF into schema blocks: paragraphs with
// their page numbers and tables rebuilt from ruling lines and column
// positions.
//
// github.com/ledongthuc/pdf provides the object model (cross-reference,
// objects, stream filters, encryption). Content streams, fonts, CMaps and the
// layout analysis are ours: a text-positioning interpreter places every glyph
// with its advance width (simple fonts by /Widths, CID fonts by /W and /DW,
// ToUnicode parsed once per font and document), lines are rebuilt by
// baseline, words by gaps (a space next to Latin letters and digits, none
// between CJK characters, a tab for a column gap), paragraphs by indentation,
// spacing and line ends, and running headers, footers and page numbers are
// dropped. Tables come from ruling lines (a grid of stroked lines or thin
// filled rectangles, spans expanded) or, without lines, from text that falls
// into the same columns; a table continued on the next page is merged and
// its repeated header dropped.
//
// Every page is read under recover: a bad page becomes a diagnostic and the
// rest of the document stands. A damaged cross-reference table is rebuilt by
// scanning the objects.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	lpdf "github.com/ledongthuc/pdf"

	"policyx/schema"
)

// Options bound what Read does with one untrusted file.
type Options struct {
	MaxPages       int   // pages read; 0 means 2000
	MaxStreamBytes int64 // decoded size of one content stream or CMap; 0 means 64 MiB
	// OCR, when set, reads the pages that have no text layer (scans):
	// it returns their text as positioned glyphs, one Page (or nil) for
	// each page asked, in order.
	OCR func(ctx context.Context, pages []OCRPage) ([]*Page, error)
}

// OCRPage is a page to read by OCR: its number (from 1) and size in points.
type OCRPage struct {
	Num  int
	W, H float64
}

// Errors Read returns (wrapped with details).
var (
	ErrEncrypted = errors.New("encrypted: password required")
	ErrNoText    = errors.New("no extractable text (scanned image?)")
	// ErrScanned is a PDF whose pages are images without a text layer,
	// read without OCR.
	ErrScanned = errors.New("scanned PDF: no text layer")
	ErrNoPages = errors.New("no pages")
	ErrEmpty   = errors.New("empty file")
)

// docState holds what is shared by the pages of one document: the font
// cache, so that every font's CMaps and widths are parsed once.
type docState struct {
	fonts     map[string]*font
	byRes     map[string]map[string]*font // font resource dictionary → name → font
	forms     map[string][]byte           // decoded Form XObjects
	formBytes int
	maxStream int64
}

func (d *docState) font(v lpdf.Value) *font {
	key := v.String()
	if f, ok := d.fonts[key]; ok {
		return f
	}
	f := loadFont(v, d.maxStream)
	d.fonts[key] = f
	return f
}

const stage = "pdf"

// maxWait bounds one Read when the context carries no deadline.
const maxWait = 3 * time.Minute

// Read decodes a PDF into blocks. Diagnostics report pages that could not be
// read; the rest of the document stands. The context is checked between
// pages.
func Read(ctx context.Context, data []byte, opt Options) ([]schema.Block, []schema.Diagnostic, error) {
	type result struct {
		blocks []schema.Block
		diags  []schema.Diagnostic
		err    error
	}
	// The object parser of the library can loop on some malformed files;
	// the time budget bounds the wait (the stuck goroutine is abandoned).
	if _, ok := ctx.Deadline(); !ok {
		// without a budget from the caller, a hard cap still bounds a
		// parser that never returns
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, maxWait)
		defer cancel()
	}
	done := make(chan result, 1)
	go func() {
		b, d, err := read(ctx, data, opt)
		done <- result{b, d, err}
	}()
	select {
	case r := <-done:
		return r.blocks, r.diags, r.err
	case <-ctx.Done():
		select {
		case r := <-done:
			return r.blocks, r.diags, r.err
		case <-time.After(2 * time.Second):
		}
		return nil, nil, fmt.Errorf("malformed PDF: reading did not finish within the time budget: %w", ctx.Err())
	}
}

func read(ctx context.Context, data []byte, opt Options) (blocks []schema.Block, diags []schema.Diagnostic, err error) {
	if opt.MaxPages <= 0 {
		opt.MaxPages = 2000
	}
	if opt.MaxStreamBytes <= 0 {
		opt.MaxStreamBytes = 64 << 20
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("malformed PDF: %v", p)
		}
	}()
	r, err := open(data)
	var pages []lpdf.Value
	if err == nil {
		pages, err = pageList(r, opt.MaxPages)
		if err == nil && len(pages) == 0 {
			err = ErrNoPages
		}
	}
	if err != nil && !errors.Is(err, ErrEncrypted) && !errors.Is(err, ErrEmpty) {
		// a broken cross-reference table: find the objects by scanning
		if fixed := rebuild(data); fixed != nil {
			if r2, err2 := open(fixed); err2 == nil {
				if p2, err2 := pageList(r2, opt.MaxPages); err2 == nil && len(p2) > 0 {
					r, pages, err = r2, p2, nil
					diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: stage,
						Message: "damaged file: cross-reference table rebuilt by scanning the objects"})
				}
			}
		}
	}
	if err != nil {
		return nil, nil, err
	}
	doc := &docState{fonts: map[string]*font{}, byRes: map[string]map[string]*font{}, forms: map[string][]byte{}, maxStream: opt.MaxStreamBytes}
	pcs := make([]*pageContent, 0, len(pages))
	pageDiags := make([][]schema.Diagnostic, 0, len(pages)) // read problems, in page order
	var scanned []OCRPage                                   // pages without a text layer
	for i, pv := range pages {
		if err := ctx.Err(); err != nil {
			diags = append(diags, schema.Diagnostic{Severity: schema.SevError, Stage: stage, Page: i + 1,
				Message: fmt.Sprintf("time budget exhausted: pages %d–%d not read", i+1, len(pages))})
			break
		}
		pc, perr := readPage(doc, pv)
		var pd []schema.Diagnostic
		if perr != nil {
			pd = append(pd, schema.Diagnostic{Severity: schema.SevWarning, Stage: stage, Page: i + 1, Message: perr.Error()})
		}
		if pc != nil && pc.scanned() && (pc.images > 0 || opt.OCR != nil) {
			scanned = append(scanned, OCRPage{Num: i + 1, W: pc.w, H: pc.h})
			pc.glyphs = nil // a scanner's watermark, not the page's text
		}
		pcs = append(pcs, pc)
		pageDiags = append(pageDiags, pd)
	}
	var ocred []int // pages read by OCR
	if len(scanned) > 0 && opt.OCR != nil {
		got, oerr := opt.OCR(ctx, scanned)
		if oerr != nil {
			diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "ocr", Message: oerr.Error()})
		}
		for k, p := range got {
			if k < len(scanned) && p != nil && scanned[k].Num <= len(pcs) {
				pcs[scanned[k].Num-1] = &p.pc
				ocred = append(ocred, scanned[k].Num)
			}
		}
	}
	var laid []*pageLayout
	glyphs := 0
	for i, pc := range pcs {
		diags = append(diags, pageDiags[i]...)
		if pc == nil {
			laid = append(laid, &pageLayout{page: i + 1})
			continue
		}
		glyphs += len(pc.glyphs)
		pl, lerr := safeLayout(pc, i+1)
		if lerr != nil {
			diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: stage, Page: i + 1, Message: lerr.Error()})
		}
		laid = append(laid, pl)
	}
	if len(ocred) > 0 {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "ocr",
			Message: fmt.Sprintf("OCR: page%s without a text layer read by OCR (tesseract chi_sim): check the text", pageNumbers(ocred))})
	} else if len(scanned) > 0 && opt.OCR == nil && glyphs > 0 {
		nums := make([]int, len(scanned))
		for k, p := range scanned {
			nums[k] = p.Num
		}
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "ocr",
			Message: fmt.Sprintf("page%s without a text layer (scanned) not read: install tesseract-ocr-chi-sim to read it", pageNumbers(nums))})
	}
	if glyphs == 0 {
		if len(scanned) > 0 && opt.OCR == nil {
			return nil, diags, ErrScanned
		}
		return nil, diags, ErrNoText
	}
	blocks = assemble(laid)
	return blocks, diags, nil
}

// pageNumbers prints page numbers as ranges: "3", "1–8", "2, 5–6".
func pageNumbers(pages []int) string {
	var b strings.Builder
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%d–%d", pages[i], pages[j])
		} else {
			fmt.Fprintf(&b, "%d", pages[i])
		}
		i = j + 1
	}
	if len(pages) > 1 {
		return "s " + b.String()
	}
	return " " + b.String()
}

var pdfHeader = regexp.MustCompile(`%PDF-\d\.\d`)

// open parses the cross-reference structure, tolerating junk before the
// header and PDF 2.0 headers, and refusing files the library would loop on.
func open(data []byte) (*lpdf.Reader, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	loc := pdfHeader.FindIndex(data[:min(len(data), 1024)])
	if loc == nil {
		return nil, errors.New("not a PDF file: no %PDF header")
	}
	if loc[0] > 0 || data[loc[0]+5] != '1' || !(loc[1] < len(data) && (data[loc[1]] == '\n' || data[loc[1]] == '\r')) {
		// The library insists on "%PDF-1.x" + EOL at offset 0. Offsets in
		// the file are relative to the header, so dropping junk before it
		// keeps them right.
		d := make([]byte, 0, len(data)-loc[0]+1)
		d = append(d, data[loc[0]:]...)
		copy(d, "%PDF-1.7")
		if len(d) > 8 && d[8] != '\n' && d[8] != '\r' {
			d[8] = '\n' // overwrite, not insert: offsets stay
		}
		data = d
	}
	// Bytes after the last %%EOF (a mail gateway's trailer, padding, an
	// update cut short) are not part of the file: the reader looks for
	// startxref at the very end, so it would call a sound file damaged.
	if i := bytes.LastIndex(data, []byte("%%EOF")); i > 0 && len(bytes.TrimSpace(data[i+5:])) > 0 {
		data = data[: i+5 : i+5]
	}
	if err := checkPrevChain(data); err != nil {
		return nil, err
	}
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return nil, fmt.Errorf("%w (%v)", ErrEncrypted, err)
		}
		return nil, err
	}
	return r, nil
}

var (
	objRe     = regexp.MustCompile(`(?:^|[\s>])(\d{1,7})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj\b`)
	rootRe    = regexp.MustCompile(`/Root\s+(\d+)\s+(\d+)\s+R`)
	catalogRe = regexp.MustCompile(`/Type\s*/Catalog\b`)
)

// rebuild writes a new cross-reference table for a file whose own is
// missing or wrong (a bad startxref, a truncated tail): the objects are found
// by scanning for "N G obj", the catalog by the old trailer or its /Type.
// Objects inside object streams are not found, so a file that keeps its
// catalog there stays unreadable. It returns nil when nothing usable is found.
func rebuild(data []byte) []byte {
	if bytes.Contains(data, []byte("/Encrypt")) {
		return nil
	}
	type ent struct{ off, gen int }
	objs := map[int]ent{}
	maxID := 0
	var offs []int
	for _, m := range objRe.FindAllSubmatchIndex(data, -1) {
		id, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		if id <= 0 || id > 8_000_000 {
			continue
		}
		objs[id] = ent{m[2], gen} // a later definition wins, as in an update
		offs = append(offs, m[2])
		maxID = max(maxID, id)
	}
	if len(objs) == 0 {
		return nil
	}
	root := ""
	if ms := rootRe.FindAllSubmatch(data, -1); ms != nil {
		m := ms[len(ms)-1]
		if id, _ := strconv.Atoi(string(m[1])); objs[id].off > 0 {
			root = string(m[1]) + " " + string(m[2])
		}
	}
	if root == "" {
		for id, e := range objs {
			end := len(data)
			if i := sort.SearchInts(offs, e.off+1); i < len(offs) {
				end = offs[i]
			}
			if catalogRe.Match(data[e.off:end]) {
				root = fmt.Sprintf("%d %d", id, e.gen)
				break
			}
		}
	}
	if root == "" {
		return nil
	}
	var b bytes.Buffer
	b.Grow(len(data) + 20*(maxID+1) + 200)
	b.Write(data)
	b.WriteString("\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxID+1)
	for id := 1; id <= maxID; id++ {
		if e, ok := objs[id]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", e.off, e.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s R >>\nstartxref\n%d\n%%%%EOF\n", maxID+1, root, xref)
	return b.Bytes()
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)`)
	prevRe      = regexp.MustCompile(`/Prev\s+(\d+)`)
)

// checkPrevChain follows the /Prev chain of cross-reference sections and
// reports a cycle, which would make the library loop for ever.
func checkPrevChain(data []byte) error {
	tail := data[max(0, len(data)-1024):]
	m := startxrefRe.FindAllSubmatch(tail, -1)
	if m == nil {
		return nil // the library reports it
	}
	off, _ := strconv.Atoi(string(m[len(m)-1][1]))
	seen := map[int]bool{}
	for hop := 0; ; hop++ {
		for off > 0 && off < len(data) && isSpace(data[off]) {
			off++
		}
		if off <= 0 || off >= len(data) {
			return nil
		}
		if seen[off] || hop > 1000 {
			return errors.New("malformed PDF: cross-reference /Prev chain loops")
		}
		seen[off] = true
		region := data[off:]
		var dict []byte
		if bytes.HasPrefix(region, []byte("xref")) {
			i := bytes.Index(region, []byte("trailer"))
			if i < 0 {
				return nil
			}
			dict = region[i:]
			if j := bytes.Index(dict, []byte("startxref")); j >= 0 {
				dict = dict[:j]
			}
		} else {
			dict = region
			if j := bytes.Index(dict, []byte("stream")); j >= 0 {
				dict = dict[:j]
			} else {
				return nil
			}
		}
		pm := prevRe.FindSubmatch(dict)
		if pm == nil {
			return nil
		}
		off, _ = strconv.Atoi(string(pm[1]))
	}
}

// pageList walks the page tree in order. Cycles and runaway trees are cut:
// a node is visited once and the walk is bounded.
func pageList(r *lpdf.Reader, maxPages int) (pages []lpdf.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			if len(pages) == 0 {
				err = fmt.Errorf("malformed PDF: page tree: %v", p)
			}
		}
	}()
	root := r.Trailer().Key("Root").Key("Pages")
	if root.IsNull() {
		return nil, errors.New("malformed PDF: no page tree")
	}
	seen := map[string]bool{}
	visits := 0
	var walk func(n lpdf.Value, depth int)
	walk = func(n lpdf.Value, depth int) {
		if len(pages) >= maxPages || depth > 64 || visits > 4*maxPages+1000 {
			return
		}
		visits++
		kids := n.Key("Kids")
		if n.Key("Type").Name() == "Pages" || (kids.Kind() == lpdf.Array && n.Key("Type").Name() != "Page") {
			key := n.String()
			if seen[key] {
				return
			}
			seen[key] = true
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), depth+1)
			}
			return
		}
		if n.Kind() == lpdf.Dict {
			pages = append(pages, n)
		}
	}
	walk(root, 0)
	return pages, nil
}

// inherited looks a page attribute up the Parent chain.
func inherited(p lpdf.Value, key string) lpdf.Value {
	for i := 0; i < 32 && !p.IsNull(); i++ {
		if v := p.Key(key); !v.IsNull() {
			return v
		}
		p = p.Key("Parent")
	}
	return lpdf.Value{}
}

// readPage interprets one page. A panic in the library or in a malformed
// stream becomes the page's error; what was gathered before it stands.
func readPage(doc *docState, pv lpdf.Value) (pc *pageContent, err error) {
	pc = &pageContent{}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("unreadable page content: %v", p)
		}
	}()
	box := inherited(pv, "CropBox")
	if box.Len() != 4 {
		box = inherited(pv, "MediaBox")
	}
	llx, lly, urx, ury := 0.0, 0.0, 595.0, 842.0
	if box.Len() == 4 {
		a, b, c, d := box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
		llx, lly, urx, ury = min(a, c), min(b, d), max(a, c), max(b, d)
		if urx-llx < 10 || ury-lly < 10 {
			llx, lly, urx, ury = 0, 0, 595, 842
		}
	}
	w, h := urx-llx, ury-lly
	var base mat
	switch (inherited(pv, "Rotate").Int64()%360 + 360) % 360 {
	case 90:
		base = mat{0, -1, 1, 0, -lly, w + llx}
		w, h = h, w
	case 180:
		base = mat{-1, 0, 0, -1, w + llx, h + lly}
	case 270:
		base = mat{0, 1, -1, 0, h + lly, -llx}
		w, h = h, w
	default:
		base = mat{1, 0, 0, 1, -llx, -lly}
	}
	pc.w, pc.h = w, h
	contents := pv.Key("Contents")
	var data []byte
	var firstErr error
	add := func(v lpdf.Value) {
		b, err := readStream(v, doc.maxStream-int64(len(data)))
		if err != nil && firstErr == nil {
			firstErr = err
		}
		data = append(data, b...)
		data = append(data, '\n')
	}
	switch contents.Kind() {
	case lpdf.Stream:
		add(contents)
	case lpdf.Array:
		for i := 0; i < contents.Len() && i < 10000; i++ {
			add(contents.Index(i))
		}
	}
	in := &interp{doc: doc, out: pc, maxOps: 5_000_000}
	in.run(data, inherited(pv, "Resources"), base, 0)
	if firstErr != nil {
		return pc, fmt.Errorf("content stream: %w", firstErr)
	}
	return pc, nil
}

// safeLayout lays a page out; a fault in the analysis loses that page only.
func safeLayout(pc *pageContent, page int) (pl *pageLayout, err error) {
	defer func() {
		if p := recover(); p != nil {
			pl, err = &pageLayout{page: page}, fmt.Errorf("page layout failed: %v", p)
		}
	}()
	return layoutPage(pc, page), nil
}
