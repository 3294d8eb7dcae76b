package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// buildPDF writes a PDF from object bodies (object i+1 is objs[i]) with a
// correct cross-reference table; root is the catalog's object number.
func buildPDF(objs []string, trailerExtra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, x)
	return b.Bytes()
}

func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// cidHex encodes CIDs as a hex string for an Identity-H font.
func cidHex(cids ...int) string {
	var s strings.Builder
	s.WriteByte('<')
	for _, c := range cids {
		fmt.Fprintf(&s, "%04X", c)
	}
	s.WriteByte('>')
	return s.String()
}

// grid draws a ruled table: column edges xs, row edges ys (top first).
func grid(xs, ys []float64) string {
	var s strings.Builder
	s.WriteString("0.5 w\n")
	for _, y := range ys {
		fmt.Fprintf(&s, "%g %g m %g %g l S\n", xs[0], y, xs[len(xs)-1], y)
	}
	for _, x := range xs {
		fmt.Fprintf(&s, "%g %g m %g %g l S\n", x, ys[0], x, ys[len(ys)-1])
	}
	return s.String()
}

const toUnicode = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
4 beginbfchar
<0001> <4E2D>
<0002> <6587>
<0003> <8868>
<0004> <683C>
endbfchar
1 beginbfrange
<0010> <0019> <0030>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

// samplePDF is a two-page document: a CID (Identity-H, /W widths) heading,
// a Latin paragraph in a simple font, and a ruled table that continues on
// page 2 under a repeated header row, with page numbers at the foot.
func samplePDF() []byte {
	widths := strings.TrimSpace(strings.Repeat("500 ", 95))
	// page 1
	var p1 strings.Builder
	p1.WriteString("BT /F2 16 Tf 1 0 0 1 72 760 Tm " + cidHex(1, 2, 3, 4) + " Tj ET\n")
	// a word-spaced Latin paragraph over two lines, positioned by TJ kerning
	p1.WriteString("BT /F1 12 Tf 72 730 Td [(Hello)-500(world,)] TJ 0 -16 Td (second line.) Tj ET\n")
	// CID text whose glyph widths come from /W: digits are 500 wide
	p1.WriteString("BT /F2 12 Tf 72 690 Td " + cidHex(1, 0x12, 0x10, 0x12, 0x13) + " Tj ET\n")
	p1.WriteString(grid([]float64{72, 172, 372}, []float64{660, 640, 620, 600}))
	cell := func(x, y float64, s string) string {
		return fmt.Sprintf("BT /F1 10 Tf %g %g Td (%s) Tj ET\n", x+4, y+6, s)
	}
	p1.WriteString(cell(72, 640, "No") + cell(172, 640, "Item"))
	p1.WriteString(cell(72, 620, "1") + cell(172, 620, "alpha"))
	p1.WriteString(cell(72, 600, "2") + cell(172, 600, "beta"))
	p1.WriteString("BT /F1 10 Tf 280 40 Td (- 1 -) Tj ET\n")
	var p2 strings.Builder
	p2.WriteString(grid([]float64{72, 172, 372}, []float64{780, 760, 740, 720}))
	p2.WriteString(cell(72, 760, "No") + cell(172, 760, "Item"))
	p2.WriteString(cell(72, 740, "3") + cell(172, 740, "gamma"))
	p2.WriteString(cell(72, 720, "4") + cell(172, 720, "delta"))
	p2.WriteString("BT /F2 12 Tf 72 680 Td " + cidHex(3, 4) + " Tj ET\n")
	p2.WriteString("BT /F1 10 Tf 280 40 Td (- 2 -) Tj ET\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 6 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 7 0 R >>",
		"<< /Font << /F1 8 0 R /F2 9 0 R >> >>",
		stream("", p1.String()),
		stream("", p2.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" + widths + "] >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [10 0 R] /ToUnicode 11 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [16 25 500] >>",
		stream("", toUnicode),
	}
	return buildPDF(objs, "")
}

type goldenBlock struct {
	Kind string
	Page int
	Text string     `json:",omitempty"`
	Rows [][]string `json:",omitempty"`
}

func golden(t *testing.T, name string, blocks []schema.Block) {
	t.Helper()
	var got []goldenBlock
	for _, b := range blocks {
		g := goldenBlock{Kind: b.Kind.String(), Page: b.Page, Rows: b.Rows}
		if b.Kind != schema.BlockTable {
			g.Text = b.Text
		}
		got = append(got, g)
	}
	js, _ := json.MarshalIndent(got, "", "  ")
	testsupport.Golden(t, filepath.Join("testdata", name+".golden.json"), string(js)+"\n")
}

func TestReadGolden(t *testing.T) {
	data := samplePDF()
	blocks, diags, err := Read(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	golden(t, "sample", blocks)
}

func TestReadSample(t *testing.T) {
	blocks, _, err := Read(context.Background(), samplePDF(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var tables, paras []schema.Block
	for _, b := range blocks {
		if b.Kind == schema.BlockTable {
			tables = append(tables, b)
		} else {
			paras = append(paras, b)
		}
	}
	if len(tables) != 1 {
		t.Fatalf("want one table merged across pages, got %d", len(tables))
	}
	if got := len(tables[0].Rows); got != 5 {
		t.Errorf("want header + 4 rows (repeated header dropped), got %d: %v", got, tables[0].Rows)
	}
	if len(paras) == 0 || paras[0].Text != "中文表格" {
		t.Errorf("CID heading: got %+v", paras)
	}
	text := ""
	for _, p := range paras {
		text += p.Text + "\n"
		if strings.Contains(p.Text, "- 1 -") || strings.Contains(p.Text, "- 2 -") {
			t.Errorf("page number kept: %q", p.Text)
		}
	}
	for _, want := range []string{"Hello world, second line.", "中2023"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if paras[len(paras)-1].Page != 2 {
		t.Errorf("last paragraph page = %d, want 2", paras[len(paras)-1].Page)
	}
}

// brokenCorpus holds malformed files that must fail with a clear error.
func brokenCorpus() map[string][]byte {
	good := samplePDF()
	m := map[string][]byte{}
	m["empty"] = nil
	m["truncated"] = good[:len(good)/2]
	m["truncated-header"] = good[:40]
	i := bytes.LastIndex(good, []byte("startxref\n"))
	m["wrong-startxref"] = append(append([]byte{}, good[:i]...), []byte("startxref\n17\n%%EOF\n")...)
	enc := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <" + strings.Repeat("11", 32) + "> /U <" + strings.Repeat("22", 32) + "> >>",
	}, "/Encrypt 3 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] ")
	m["encrypted"] = enc
	m["page-tree-loop"] = buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 5 >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 5 /Parent 2 0 R >>",
	}, "")
	m["self-reference"] = buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"2 0 R",
	}, "")
	// a /Prev chain pointing back at itself
	pl := samplePDF()
	j := bytes.LastIndex(pl, []byte("startxref\n"))
	var off int
	fmt.Sscanf(string(pl[j+len("startxref\n"):]), "%d", &off)
	m["prev-loop"] = bytes.Replace(pl, []byte("/Root 1 0 R "), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d ", off)), 1)
	m["no-text"] = buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		stream("", "0 0 m 100 100 l S"),
	}, "")
	m["garbage"] = []byte("%PDF-1.4\n" + strings.Repeat("(((((<<<<[[[[ ", 1000))
	return m
}

func TestBrokenFiles(t *testing.T) {
	// "" wants some error; "repaired" wants blocks and a diagnostic saying
	// the cross-reference table was rebuilt.
	wantErr := map[string]string{
		"empty":            "empty file",
		"truncated":        "repaired",
		"truncated-header": "",
		"wrong-startxref":  "repaired",
		"encrypted":        "encrypted: password required",
		"page-tree-loop":   "",
		"self-reference":   "",
		"prev-loop":        "repaired",
		"no-text":          "no extractable text (scanned image?)",
		"garbage":          "",
	}
	for name, data := range brokenCorpus() {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			done := make(chan error, 1)
			var blocks []schema.Block
			var diags []schema.Diagnostic
			go func() {
				var err error
				blocks, diags, err = Read(ctx, data, Options{})
				done <- err
			}()
			select {
			case err := <-done:
				if wantErr[name] == "repaired" {
					if err != nil || len(blocks) == 0 || len(diags) == 0 || !strings.Contains(diags[0].Message, "rebuilt") {
						t.Fatalf("not repaired: err %v, %d blocks, diagnostics %v", err, len(blocks), diags)
					}
					return
				}
				if err == nil {
					t.Fatalf("no error")
				}
				if w := wantErr[name]; w != "" && !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
				t.Logf("%s: %v", name, err)
			case <-time.After(10 * time.Second):
				t.Fatal("hang")
			}
		})
	}
}

func TestErrorsAreWrapped(t *testing.T) {
	_, _, err := Read(context.Background(), nil, Options{})
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("got %v", err)
	}
}

func TestMaxPages(t *testing.T) {
	blocks, _, err := Read(context.Background(), samplePDF(), Options{MaxPages: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		if b.Page > 1 {
			t.Errorf("block from page %d read past the cap", b.Page)
		}
	}
}

func FuzzReadPDF(f *testing.F) {
	f.Add(samplePDF())
	for _, d := range brokenCorpus() {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		Read(ctx, data, Options{MaxPages: 20, MaxStreamBytes: 1 << 20})
	})
}

// borderlessPDF draws a table without ruling lines over two pages: cells
// placed at column stops (as a word processor renders tab-separated text),
// the header repeated on page 2, a note after the table.
func borderlessPDF() []byte {
	widths := strings.TrimSpace(strings.Repeat("500 ", 95))
	row := func(y float64, cells ...string) string {
		var s strings.Builder
		xs := []float64{72, 130, 300}
		for i, c := range cells {
			if c == "" {
				continue
			}
			fmt.Fprintf(&s, "BT /F1 12 Tf %g %g Td (%s) Tj ET\n", xs[i], y, c)
		}
		return s.String()
	}
	var p1, p2 strings.Builder
	p1.WriteString("BT /F1 12 Tf 72 780 Td (Plan of works) Tj ET\n")
	p1.WriteString(row(740, "No", "Item", "Amount"))
	p1.WriteString(row(712, "1", "roads", "120"))
	p1.WriteString(row(684, "2", "bridges", "45"))
	p2.WriteString(row(780, "No", "Item", "Amount"))
	p2.WriteString(row(752, "3", "tunnels", "7"))
	p2.WriteString(row(724, "", "Total", "172"))
	p2.WriteString("BT /F1 12 Tf 72 680 Td (Note: amounts in millions, to be reviewed every year by the board.) Tj ET\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 6 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 7 0 R >>",
		"<< /Font << /F1 8 0 R >> >>",
		stream("", p1.String()),
		stream("", p2.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" + widths + "] >>",
	}
	return buildPDF(objs, "")
}

func TestReadBorderless(t *testing.T) {
	blocks, _, err := Read(context.Background(), borderlessPDF(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "borderless", blocks)
	var tables int
	for _, b := range blocks {
		if b.Kind == schema.BlockTable {
			tables++
			if len(b.Rows) != 5 || len(b.Rows[0]) != 3 {
				t.Errorf("want 5 rows of 3 cells (header once), got %q", b.Rows)
			}
		}
	}
	if tables != 1 {
		t.Errorf("want one table across both pages, got %d", tables)
	}
}

// TestRealDocuments reads the shared sample PDFs when they are present.
// TestTrailingBytesAndUpdates: bytes after %%EOF and an incremental update
// are a sound file, read without a "damaged" diagnostic.
func TestTrailingBytesAndUpdates(t *testing.T) {
	base := samplePDF()
	trailing := append(append([]byte{}, base...), []byte("\n\x00\x00mail gateway trailer\n")...)
	// an incremental update: one new object, a new xref section with /Prev
	prev := bytes.LastIndex(base, []byte("startxref\n"))
	var prevOff int
	fmt.Sscanf(string(base[prev+len("startxref\n"):]), "%d", &prevOff)
	var u bytes.Buffer
	u.Write(base)
	size := bytes.Count(base, []byte(" obj\n")) + 1
	off := u.Len()
	fmt.Fprintf(&u, "%d 0 obj\n<< /Producer (edit) >>\nendobj\n", size)
	x := u.Len()
	fmt.Fprintf(&u, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size, off, size+1, prevOff, x)
	for name, data := range map[string][]byte{"trailing bytes": trailing, "incremental update": u.Bytes(),
		"update then trailing bytes": append(u.Bytes(), "garbage"...)} {
		blocks, diags, err := Read(context.Background(), data, Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, d := range diags {
			if strings.Contains(d.Message, "damaged") {
				t.Errorf("%s: %s", name, d.Message)
			}
		}
		if len(blocks) == 0 {
			t.Errorf("%s: no blocks", name)
		}
	}
}

func TestRealDocuments(t *testing.T) {
	// ../shared beside the repository root (no absolute paths in tests)
	path := filepath.Join("..", "..", "..", "shared", "realdocs", "js_huaian_hongze_2023_zfxxgk_ndbg.pdf")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip("shared documents not present")
	}
	blocks, _, err := Read(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range blocks {
		if b.Kind == schema.BlockTable && b.Page == 3 && len(b.Rows) >= 20 {
			found = true // the request table of pages 3–4, merged
		}
		if b.Kind != schema.BlockTable && pageNumRe.MatchString(b.Text) {
			t.Errorf("page number kept: %q", b.Text)
		}
	}
	if !found {
		t.Error("the table spanning pages 3–4 was not rebuilt as one table")
	}
}

func TestParseNum(t *testing.T) {
	for s, want := range map[string]float64{"12": 12, "-3.5": -3.5, ".25": 0.25, "+7.": 7, "0.001": 0.001, "1-2": 0, "-": 0, "123456789012345678": 123456789012345678} {
		if got := parseNum([]byte(s)); math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("parseNum(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFormsEncodingsWatermark: text inside a Form XObject is read, a Type0
// font with the predefined GBK-EUC-H encoding and no ToUnicode decodes as
// GBK, and diagonal watermark text is dropped.
func TestFormsEncodingsWatermark(t *testing.T) {
	gbk := "<C4E3BAC3>" // 你好 in GBK
	content := "BT /F1 12 Tf 72 700 Td " + gbk + " Tj ET\n/Fm1 Do\n" +
		"BT /F1 40 Tf 0.7 0.7 -0.7 0.7 200 300 Tm " + gbk + " Tj ET\n"
	form := "BT /F1 12 Tf 72 650 Td <CAC0BDE7> Tj ET" // 世界
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /Contents 4 0 R >>",
		stream("", content),
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [7 0 R] >>",
		stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>", form),
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>",
	}
	blocks, _, err := Read(context.Background(), buildPDF(objs, ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range blocks {
		text = append(text, b.Text)
	}
	got := strings.Join(text, "|")
	if got != "你好|世界" {
		t.Errorf("got %q, want 你好|世界 (form text read, watermark dropped)", got)
	}
}

// TestRotatedPage: a landscape page made by /Rotate 90 reads upright.
func TestRotatedPage(t *testing.T) {
	content := "q 0 1 -1 0 595 0 cm BT /F1 12 Tf 72 500 Td (first) Tj 200 0 Td (line) Tj ET BT /F1 12 Tf 72 300 Td (second) Tj ET Q"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths [" + strings.TrimSpace(strings.Repeat("500 ", 95)) + "] >>",
	}
	blocks, _, err := Read(context.Background(), buildPDF(objs, ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range blocks {
		text = append(text, b.Text)
	}
	if got := strings.Join(text, "|"); got != "first\tline|second" {
		t.Errorf("got %q", got)
	}
}

// TestBadPage: a page whose content cannot be decoded is reported and the
// other pages stand.
func TestBadPage(t *testing.T) {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 6 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 7 0 R >>",
		"<< /Font << /F1 8 0 R >> >>",
		stream("/Filter /NoSuchDecode", "garbage"),
		stream("", "BT /F1 12 Tf 72 700 Td (survivor) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	blocks, diags, err := Read(context.Background(), buildPDF(objs, ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 1 || blocks[0].Text != "survivor" || blocks[0].Page != 2 {
		t.Errorf("blocks %+v", blocks)
	}
	if len(diags) != 1 || diags[0].Page != 1 {
		t.Errorf("want one diagnostic for page 1, got %v", diags)
	}
}
