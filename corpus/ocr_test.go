package corpus

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"policyx/corpus/imagepdf"
	"policyx/corpus/pdf"
	"policyx/schema"
)

func TestOCRPunct(t *testing.T) {
	cases := map[string]string{
		"《家)": "（家）", // 《 or 〈 closed by ) is a misread （
		"成员单位)〈四)促进科技成果转化":           "成员单位）（四）促进科技成果转化",
		"贯彻《科学技术进步法》(2021年)":         "贯彻《科学技术进步法》（2021年）", // a real 《》 stays
		"各省,自治区(农牧)厅(局.委);":          "各省，自治区（农牧）厅（局、委）；",
		"科技强桂三年行动方案(2021一2023年)":     "科技强桂三年行动方案（2021—2023年）",
		"主要目标分解表〈（2021 年）":           "主要目标分解表（2021 年）",
		"关于印发《(2021年)规划》":            "关于印发《（2021年）规划》",
		"目标分解表《(2021年)":              "目标分解表（2021年）",
		"一，总体要求":                     "一、总体要求",
		"十二,保障措施":                    "十二、保障措施",
		"一，协调推进区域间政策，确保区域间的政策实施相互协调": "一，协调推进区域间政策，确保区域间的政策实施相互协调",
		"建立3一5个科技支行":                 "建立3—5个科技支行",
		"力争建立 3 一5 个科技支行":            "力争建立 3—5 个科技支行",
		"按照 2024 一 2026 年农机购置":       "按照 2024—2026 年农机购置",
		"一、总体要求 一 2 一":               "一、总体要求 一 2 一", // no number before it
		"营业收入同比增速(0%)":               "营业收入同比增速（%）",
		"(0%)":                       "（%）",
		"增速 (0%)":                    "增速（%）",
		"增速(0%以上)":                   "增速（0%以上）",
		"Plan A (2025). Done, ok":    "Plan A (2025). Done, ok", // Latin text keeps its marks
		"第一条 一二三":                    "第一条 一二三",
		"“优机优补”““有进有出”":              "“优机优补”“有进有出”", // a quotation mark read twice
	}
	for in, want := range cases {
		if got := ocrPunct(in); got != want {
			t.Errorf("ocrPunct(%q) = %q, want %q", in, got, want)
		}
	}
}

// tsvOf writes tesseract TSV rows: one line (level 4) of words (level 5)
// per entry, words as left,width,text.
func tsvOf(lines [][]ocrWord) []byte {
	var b strings.Builder
	b.WriteString("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n")
	row := func(level, line, word, left, top, w, h int, conf, text string) {
		b.WriteString(strings.Join([]string{itoa(level), "1", "1", "1", itoa(line), itoa(word), itoa(left), itoa(top), itoa(w), itoa(h), conf, text}, "\t") + "\n")
	}
	for i, ws := range lines {
		last := ws[len(ws)-1]
		row(4, i+1, 0, ws[0].left, ws[0].top, last.left+last.width-ws[0].left, ws[0].height, "-1", "")
		for k, w := range ws {
			row(5, i+1, k+1, w.left, w.top, w.width, w.height, "91.5", w.text)
		}
	}
	return []byte(b.String())
}

func TestOCRPageText(t *testing.T) {
	const lh = 40
	word := func(left, top, w int, s string) ocrWord {
		return ocrWord{left: left, top: top, width: w, height: lh, text: s}
	}
	tsv := tsvOf([][]ocrWord{
		{word(300, 200, 200, "关于印发"), word(505, 200, 160, "实施方案"), word(670, 200, 80, "的通知")},
		{word(200, 300, 400, "各区人民政府,"), word(610, 300, 200, "市各部门:")},
		{word(280, 360, 300, "到2025年,完成"), word(600, 360, 60, "100"), word(670, 360, 80, "个。")},
		{word(580, 1600, 30, "一"), word(615, 1600, 30, "2"), word(650, 1600, 30, "一")},
	})
	pages := parseTSV(tsv)
	if len(pages[1]) != 11 {
		t.Fatalf("words %d, want 11", len(pages[1]))
	}
	got := pageTexts(t, pages[1])
	text := strings.Join(got, "\n")
	for _, want := range []string{"关于印发实施方案的通知", "各区人民政府，市各部门：", "到2025年，完成 100个。"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
	if strings.Contains(text, "2") && strings.Contains(text, "一2一") {
		t.Errorf("page number kept as text: %q", text)
	}
}

// grid draws a table grid of dark lines on a white image.
func gridImage(w, h int, xs, ys []int) *imagepdf.Gray {
	g := &imagepdf.Gray{W: w, H: h, Pix: bytes.Repeat([]byte{255}, w*h)}
	for _, y := range ys {
		for x := xs[0]; x <= xs[len(xs)-1]; x++ {
			g.Pix[y*w+x], g.Pix[(y+1)*w+x] = 0, 0
		}
	}
	for _, x := range xs {
		for y := ys[0]; y <= ys[len(ys)-1]+1; y++ {
			g.Pix[y*w+x] = 0
		}
	}
	return g
}

func TestImageRulesTable(t *testing.T) {
	xs, ys := []int{100, 400, 700, 1000}, []int{300, 360, 420}
	img := gridImage(1240, 1754, xs, ys)
	// a character-sized stroke is not a rule
	for y := 500; y < 530; y++ {
		img.Pix[y*img.W+200] = 0
	}
	scale := 72.0 / ocrDPI
	p := pdf.NewPage(595, 842)
	n, g := imageRules(img, p, 842, scale, 1)
	if n != len(xs)+len(ys) {
		t.Errorf("%d rules, want %d", n, len(xs)+len(ys))
	}
	rows := ocrTable(t, p, g, [][]ocrWord{
		{tableWord(120, 315, 80, "任务"), tableWord(420, 315, 120, "牵头单位"), tableWord(720, 315, 120, "完成时限")},
		{tableWord(120, 375, 160, "建设平台"), tableWord(420, 375, 120, "市科技局"), tableWord(720, 375, 120, "2023年")},
	})
	if want := [][]string{{"任务", "牵头单位", "完成时限"}, {"建设平台", "市科技局", "2023年"}}; !equalRows(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
}

// tableWord is a word of a line 30 pixels high.
func tableWord(left, top, w int, s string) ocrWord {
	return ocrWord{left: left, top: top, width: w, height: 30, text: s}
}

// ocrTable places the lines of words on page p with the rules g and
// returns the rows of the first table the layout finds (nil if none).
func ocrTable(t *testing.T, p *pdf.Page, g grid, lines [][]ocrWord) [][]string {
	t.Helper()
	ocrPage(p, parseTSV(tsvOf(lines))[1], 842, 72.0/ocrDPI, g)
	blocks, _, err := pdf.Layout(context.Background(), []*pdf.Page{p})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		if b.Kind == schema.BlockTable {
			return b.Rows
		}
	}
	t.Errorf("no table in %+v", blocks)
	return nil
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "|") != strings.Join(b[i], "|") {
			return false
		}
	}
	return true
}

// scannedPDF is a one-page image-only PDF.
func scannedPDF(t *testing.T) []byte {
	var b bytes.Buffer
	img := gridImage(600, 800, []int{50, 300, 550}, []int{100, 200})
	if err := imagepdf.Write(&b, []*imagepdf.Gray{img}, 72); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestScannedPDFWithoutOCR(t *testing.T) {
	_, err := New(WithoutOCR()).Decode(context.Background(), "scan.pdf", schema.FormatPDF, scannedPDF(t))
	if err == nil || err.Error() != "scan.pdf: "+errNoOCR.Error() {
		t.Errorf("error %v, want %q", err, errNoOCR)
	}
	if !strings.Contains(errNoOCR.Error(), "scanned PDF: install tesseract-ocr-chi-sim to read it") {
		t.Errorf("message %q", errNoOCR)
	}
}

// TestOCRScannedPage scans page 1 of a text rendition of a sample and reads
// it back by OCR: the title must come out and the document be marked as
// read by OCR. It needs tesseract (chi_sim) and pdftoppm, and ../shared.
func TestOCRScannedPage(t *testing.T) {
	_, scan := scannedSamplePage(t)
	doc, err := New().Decode(context.Background(), "scan.pdf", schema.FormatPDF, scan)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range doc.Blocks {
		text = append(text, b.Text)
	}
	if all := strings.Join(text, ""); !strings.Contains(all, "科技强桂三年行动方案") {
		t.Errorf("OCR text lacks the title: %q", all)
	}
	found := false
	for _, d := range doc.Diagnostics {
		found = found || (d.Severity == schema.SevWarning && strings.Contains(d.Message, "OCR: page 1 "))
	}
	if !found {
		t.Errorf("no OCR diagnostic in %v", doc.Diagnostics)
	}
}

// scannedSamplePage is page 1 of a text rendition of a sample, rasterized
// and wrapped as an image-only PDF, with the OCR tools; it skips when
// tesseract (chi_sim), pdftoppm or ../shared is missing.
func scannedSamplePage(t *testing.T) (ocrTools, []byte) {
	t.Helper()
	if testing.Short() {
		t.Skip("OCR is slow")
	}
	tools, ok := findOCR()
	if !ok {
		t.Skip("tesseract with chi_sim or pdftoppm not installed")
	}
	src := filepath.Join("..", "..", "shared", "renditions", "pdf", "003_2d8cf891e2a8f1d9.pdf")
	if _, err := os.Stat(src); err != nil {
		t.Skip("../shared/renditions not here")
	}
	dir := t.TempDir()
	cmd := exec.Command(tools.pdftoppm, "-r", "150", "-gray", "-f", "1", "-l", "1", src, filepath.Join(dir, "p"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	if len(files) != 1 {
		t.Fatalf("rendered %v", files)
	}
	data, _ := os.ReadFile(files[0])
	img, err := imagepdf.ReadPGM(data)
	if err != nil {
		t.Fatal(err)
	}
	var scan bytes.Buffer
	if err := imagepdf.Write(&scan, []*imagepdf.Gray{img}, 150); err != nil {
		t.Fatal(err)
	}
	return tools, scan.Bytes()
}

// TestOCRFiguresFailure: when the English model's second reading of the
// figure lines fails, the page keeps the Chinese model's reading and the
// failure is said (it becomes the file's OCR warning), never silent.
func TestOCRFiguresFailure(t *testing.T) {
	tools, scan := scannedSamplePage(t)
	if !tools.eng {
		t.Skip("tesseract's eng model not installed")
	}
	wrap := filepath.Join(t.TempDir(), "tesseract")
	script := "#!/bin/sh\ncase \"$*\" in *\"-l eng\"*) echo 'eng: failed' >&2; exit 1;; esac\nexec " + tools.tesseract + " \"$@\"\n"
	if err := os.WriteFile(wrap, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	tools.tesseract = wrap
	pages, err := tools.ocrPDF(context.Background(), scan, []pdf.OCRPage{{Num: 1, W: 595, H: 842}})
	if len(pages) != 1 || pages[0] == nil {
		t.Fatalf("pages %v, error %v", pages, err)
	}
	if err == nil || !strings.Contains(err.Error(), "figures left as the Chinese model read them") {
		t.Errorf("error %v, want the figures' failure said", err)
	}
}

// TestOCRRuledPageText: the last page of a scanned 公文 has ruling lines,
// the 版记's horizontal rules under the text, and a photographed page may
// show its edge as one dark vertical run; neither makes the lines of text a
// table, whose words would be kept apart (gaps read as cell breaks: 实施	方案，
// 并报	农业农村部	备案). Words stay apart only between two vertical
// rules (TestImageRulesTable).
func TestOCRRuledPageText(t *testing.T) {
	img := gridImage(1240, 1754, []int{100, 1140}, []int{1500, 1560})
	// the 版记 has no sides: clear the two vertical rules the grid drew
	for y := 0; y < img.H; y++ {
		for _, x := range []int{100, 101, 1140, 1141} {
			img.Pix[y*img.W+x] = 255
		}
	}
	// the shadow of the page's edge beside the first line
	for y := 180; y < 320; y++ {
		img.Pix[y*img.W+30] = 0
	}
	scale := 72.0 / ocrDPI
	p := pdf.NewPage(595, 842)
	n, g := imageRules(img, p, 842, scale, 1)
	if n != 3 || len(g.vert) != 1 {
		t.Fatalf("%d rules, %d vertical, want 3 and 1", n, len(g.vert))
	}
	const lh = 40
	word := func(left, top, w int, s string) ocrWord {
		return ocrWord{left: left, top: top, width: w, height: lh, text: s}
	}
	words := parseTSV(tsvOf([][]ocrWord{
		{word(150, 200, 80, "实施"), word(300, 200, 160, "方案，并报"), word(520, 200, 200, "农业农村部"), word(790, 200, 40, "备案"), word(900, 200, 120, "后实施。")},
		{word(150, 1510, 260, "农业农村部办公厅"), word(800, 1510, 300, "2025年1月24日印发")},
	}))[1]
	ocrPage(p, words, 842, scale, g)
	blocks, _, err := pdf.Layout(context.Background(), []*pdf.Page{p})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range blocks {
		if b.Kind == schema.BlockTable {
			t.Errorf("a table: %q", b.Rows)
		}
		got = append(got, b.Text)
	}
	text := strings.Join(got, "\n")
	if !strings.Contains(text, "实施方案，并报农业农村部备案后实施。") || strings.Contains(text, "\t") {
		t.Errorf("text %q, want the first line whole", text)
	}
}

// TestOCRQuotes: quotation marks as OCR reads them on a real scanned 意见
// (农业农村部办公厅, 2025): " for either mark, < or * for an opener, and the
// opener between two quoted names lost. Marks that are right stay.
func TestOCRQuotes(t *testing.T) {
	cases := map[string]string{
		"加力推进“优机优补\"“有进有出，加快":      "加力推进“优机优补”“有进有出，加快",
		"加快建立健全<优机优补\"“有进有出\"工作机制": "加快建立健全“优机优补”“有进有出”工作机制",
		"分区推进\"优机优补\"“有远有出工作":      "分区推进“优机优补”“有远有出工作",
		"要围绕*优机优补\"“有进有出工作":        "要围绕“优机优补”“有进有出工作",
		"与应用补贴“优机优补”有进有出”的意见":      "与应用补贴“优机优补”“有进有出”的意见",
		"要特别注重解决\"无机可用\"问题":        "要特别注重解决“无机可用”问题",
		// a line that begins inside a quotation
		"机”的作业监测，做好“优机\"作业": "机”的作业监测，做好“优机”作业",
		"优补\"范围内的机具":        "优补”范围内的机具",
		// right already, or not quotation marks
		"“优机优补”“有进有出”工作":   "“优机优补”“有进有出”工作",
		"指标值<5%的企业":        "指标值<5%的企业",
		"注*本表数据":           "注*本表数据",
		"print(\"hello\")": "print(\"hello\")",
	}
	for in, want := range cases {
		if got := ocrPunct(in); got != want {
			t.Errorf("ocrPunct(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOCRTableWordFixes: in a table row the line's fixes are cut back into
// its words; a fix that changes the line's length (a quotation mark
// read twice, a unit （%） read as (0%)) is redone word by word, and the
// words keep their cells.
func TestOCRTableWordFixes(t *testing.T) {
	img := gridImage(1240, 1754, []int{100, 400, 700, 1000}, []int{300, 360, 420})
	p := pdf.NewPage(595, 842)
	_, g := imageRules(img, p, 842, 72.0/ocrDPI, 1)
	rows := ocrTable(t, p, g, [][]ocrWord{
		{tableWord(120, 315, 80, "任务"), tableWord(420, 315, 120, "同比增速"), tableWord(560, 315, 60, "(0%)"), tableWord(720, 315, 120, "牵头单位")},
		{tableWord(120, 375, 160, "““优机优补”"), tableWord(420, 375, 60, "30"), tableWord(720, 375, 120, "市科技局")},
	})
	if want := [][]string{{"任务", "同比增速（%）", "牵头单位"}, {"“优机优补”", "30", "市科技局"}}; !equalRows(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
}

// TestOCRPageFoot: the foot of a photographed page as tesseract reads it
// (a real scanned 意见, 150 dpi, 1755 pixels high): the page number read as
// 5 or 上 and the scanner app's mark in the corner go; a paragraph's short
// last line right under the text, and a 版记 line, stay.
func TestOCRPageFoot(t *testing.T) {
	line := func(top, h int, conf float64, text string) []ocrWord {
		return []ocrWord{{lineTop: top, lineHeight: h, top: top, height: h, conf: conf, text: text}}
	}
	body := [][]ocrWord{
		line(1267, 44, 91, "农机装备，通过农机创新产品、特定补贴支持等政策措施，推动将"),
		line(1326, 43, 87, "更多有利于国产化替代的短板、创新机具加快纳入补贴范围。"),
		line(1384, 44, 89, "2.加快过时落后机具补贴退坡退出。各省要建立退坡退出补"),
		line(1443, 44, 84, "贴机制，对区域内保有量明显过多、技术相对落后群众反映问题"),
	}
	for _, c := range []struct {
		name string
		foot [][]ocrWord
		want int
	}{
		{"page number and mark", [][]ocrWord{line(1522, 20, 62, "5"), line(1672, 64, 34, "吕归 00000 00")}, 2},
		{"page number read as a character", [][]ocrWord{line(1522, 20, 13, "上")}, 1},
		{"short last line of the text", [][]ocrWord{line(1502, 44, 90, "市场。")}, 0},
		{"版记 line", [][]ocrWord{line(1560, 40, 80, "农业农村部办公厅 2025年1月24日印发")}, 0},
		{"no foot", nil, 0},
	} {
		lines := append(append([][]ocrWord(nil), body...), c.foot...)
		if got := pageFoot(lines, 1754, grid{}); got != c.want {
			t.Errorf("%s: %d lines of page foot, want %d", c.name, got, c.want)
		}
	}
	// a table without rules whose cells stand one under the other, one
	// short line each (a rendered PDF of a sample, scanned): the page's
	// own spacing, not the foot's
	var cells [][]ocrWord
	for i, text := range []string{"单位", "高新技术企业", "工业总产值", "（亿元）", "高新区四至范", "围内规模以上", "工业企业总产", "产值"} {
		cells = append(cells, line(1380+30*i, 19, 90, text))
	}
	if got := pageFoot(cells, 1754, grid{}); got != 0 {
		t.Errorf("stacked cells: %d lines of page foot, want 0", got)
	}
	// a heading that opens the next part at the page's foot
	if got := pageFoot(append(append([][]ocrWord(nil), body...), line(1560, 44, 88, "附件 2")), 1754, grid{}); got != 0 {
		t.Errorf("附件 2: %d lines of page foot, want 0", got)
	}
}

// TestOCRLineSize: the boxes OCR gives one paragraph's lines vary (a
// stain makes one 44 pixels high among lines of 32; a word's box takes
// the height of its marks), and the layout started a new paragraph at
// every change of size. The characters' height decides, snapped to the
// body's; a title in a larger size stays apart. Heights from a real scan
// at 150 dpi.
func TestOCRLineSize(t *testing.T) {
	// the words of a line spread from left to the right margin (x 1036)
	mk := func(line, top, lineH, left int, words []string, heights []int) []ocrWord {
		runes := 0
		for _, w := range words {
			runes += utf8.RuneCountInString(w)
		}
		per := (1036 - left) / runes
		var ws []ocrWord
		x := left
		for i, w := range words {
			n := utf8.RuneCountInString(w)
			ws = append(ws, ocrWord{line: [3]int{1, 1, line}, left: x, top: top, width: per * n, height: heights[i], lineTop: top, lineHeight: lineH, text: w, conf: 90})
			x += per * n
		}
		return ws
	}
	if got := lineSize(mk(1, 1457, 44, 170, []string{"施相互", "协调，", "促进"}, []int{27, 57, 28})); got != 28 {
		t.Errorf("stained line: size %d, want 28", got)
	}
	if got := lineSize(mk(1, 1071, 29, 178, []string{"农垦", "总局", "："}, []int{29, 45, 45})); got != 29 {
		t.Errorf("short line: size %d, want 29", got)
	}
	var words []ocrWord
	words = append(words, mk(1, 700, 42, 300, []string{"关于加力推进农机购置", "与应用补贴的意见"}, []int{38, 38})...) // title, 38 px
	words = append(words, mk(2, 1289, 33, 171, []string{"西北区域包括陕西、甘肃、", "青海、宁夏、新疆等5省。", "各区"}, []int{28, 65, 28})...)
	words = append(words, mk(3, 1348, 32, 170, []string{"域要建立协同工作机制，共同", "研究制定工作实施方案和推进"}, []int{28, 29})...)
	words = append(words, mk(4, 1409, 32, 170, []string{"路径；加强区域间协作，确保区域", "间的政策实"}, []int{27, 28})...)
	words = append(words, mk(5, 1457, 44, 170, []string{"施相互协调，", "促进市场公平竞争，共同维护农机产品全国统一大"}, []int{27, 28})...)
	words = append(words, mk(6, 1518, 31, 170, []string{"市场。"}, []int{28})...)
	words[len(words)-1].width = 90
	got := pageTexts(t, words)
	if len(got) != 2 || !strings.HasPrefix(got[1], "西北区域") || !strings.HasSuffix(got[1], "全国统一大市场。") {
		t.Errorf("blocks %q, want the title and one paragraph", got)
	}
}

// TestGridHolds: a table's cells lie between vertical rules that a
// horizontal one joins; a seal's ring (two upright sides, nothing across
// them) is no table, and the short line OCR hardly reads inside it
// (RH, 认呈, mean confidence 0–32) is dropped, not kept as cells; a cell
// with a figure read as badly, (0%), stays.
func TestGridHolds(t *testing.T) {
	table := gridImage(1240, 1754, []int{100, 400, 700, 1000}, []int{300, 360, 420})
	_, g := imageRules(table, pdf.NewPage(595, 842), 842, 72.0/ocrDPI, 1)
	if !g.holds(315, 345) {
		t.Errorf("a table's row is not held by its grid %+v", g)
	}
	ring := gridImage(1240, 1754, []int{100}, []int{1500, 1560}) // the 版记's rules
	for y := 700; y < 900; y++ {
		ring.Pix[y*ring.W+700], ring.Pix[y*ring.W+900] = 0, 0
	}
	_, g = imageRules(ring, pdf.NewPage(595, 842), 842, 72.0/ocrDPI, 1)
	if len(g.vert) < 2 || g.holds(780, 810) {
		t.Errorf("a ring's inside is held: %+v", g)
	}
	seal := []ocrWord{{text: "RH", conf: 10}, {text: "一这", conf: 32}}
	if illegible([]ocrWord{{text: "(0%)", conf: 10}}) || illegible([]ocrWord{{text: "平", conf: 18}}) {
		t.Errorf("a figure cell or a cell's last character is illegible")
	}
	if !illegible(seal) || illegible([]ocrWord{{text: "施透明度。", conf: 92}}) {
		t.Errorf("illegible: seal %v, text line %v", illegible(seal), !illegible([]ocrWord{{text: "施透明度。", conf: 92}}))
	}
}

// pageTexts places the words on an A4 page without rules and returns the
// texts of the blocks the layout makes of them.
func pageTexts(t *testing.T, words []ocrWord) []string {
	t.Helper()
	p := pdf.NewPage(595, 842)
	ocrPage(p, words, 842, 72.0/ocrDPI, grid{})
	blocks, _, err := pdf.Layout(context.Background(), []*pdf.Page{p})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range blocks {
		got = append(got, b.Text)
	}
	return got
}
