package corpus

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"policyx/schema"
)

// decodeOFD is the OFD reader without OCR, as the tests and the fuzz target
// call it.
func decodeOFD(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return readOFD(ctx, data, lim, false)
}

const ofdTestRoot = `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>/Doc_0/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>`

// ofdFiles returns the parts of an OFD of the given page contents (the
// inside of ofd:Layer), with a template page holding tmpl when not empty.
func ofdFiles(tmpl string, pages ...string) map[string]string {
	var refs strings.Builder
	files := map[string]string{"OFD.xml": ofdTestRoot}
	tplRef := ""
	if tmpl != "" {
		tplRef = `<ofd:TemplatePage ID="7" BaseLoc="Tpls/Tpl_0/Content.xml"/>`
		files["Doc_0/Tpls/Tpl_0/Content.xml"] = ofdPageXML("", tmpl)
	}
	for i, p := range pages {
		loc := "Pages/Page_" + string(rune('0'+i)) + "/Content.xml"
		refs.WriteString(`<ofd:Page ID="` + string(rune('1'+i)) + `" BaseLoc="` + loc + `"/>`)
		t := ""
		if tmpl != "" {
			t = `<ofd:Template TemplateID="7" ZOrder="Background"/>`
		}
		files["Doc_0/"+loc] = ofdPageXML(t, p)
	}
	files["Doc_0/Document.xml"] = `<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>` + tplRef + `</ofd:CommonData><ofd:Pages>` + refs.String() + `</ofd:Pages></ofd:Document>`
	return files
}

func ofdPageXML(template, layer string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">` + template +
		`<ofd:Content><ofd:Layer ID="100">` + layer + `</ofd:Layer></ofd:Content></ofd:Page>`
}

// ofdText is a text object of one line of 5.6 mm (16 pt) characters at
// (x, y) mm, each advancing 5.6 mm.
func ofdText(x, y float64, s string) string {
	n := len([]rune(s))
	return `<ofd:TextObject ID="1" Font="1" Size="5.6" Boundary="` + ftoa(x) + ` ` + ftoa(y) + ` 180 8"><ofd:TextCode X="0" Y="5" DeltaX="g ` +
		itoa(max(n-1, 1)) + ` 5.6">` + s + `</ofd:TextCode></ofd:TextObject>`
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func itoa(n int) string { return strconv.Itoa(n) }

// ofdRule is a filled thin rectangle from (x0, y) to (x1, y), as OFD
// producers draw table rules.
func ofdHRule(x0, x1, y float64) string {
	return `<ofd:PathObject ID="2" Boundary="` + ftoa(x0) + ` ` + ftoa(y) + ` ` + ftoa(x1-x0) + ` 0.3" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L ` +
		ftoa(x1-x0) + ` 0 L ` + ftoa(x1-x0) + ` 0.3 L 0 0.3 C</ofd:AbbreviatedData></ofd:PathObject>`
}

func ofdVRule(x, y0, y1 float64) string {
	return `<ofd:PathObject ID="3" Boundary="` + ftoa(x) + ` ` + ftoa(y0) + ` 0.3 ` + ftoa(y1-y0) + `"><ofd:AbbreviatedData>S 0 0 L 0 ` + ftoa(y1-y0) + `</ofd:AbbreviatedData></ofd:PathObject>`
}

func decodeOFDFiles(t *testing.T, files map[string]string) ([]schema.Block, error) {
	t.Helper()
	blocks, _, err := decodeOFD(context.Background(), zipOf(t, files), DefaultLimits)
	return blocks, err
}

func TestDecodeOFDReadingOrder(t *testing.T) {
	// Objects out of order in the file come out in reading order; an
	// annotation part and a seal are not read; the template's text is.
	page := ofdText(28, 60, "路卫发〔2011〕76号") + ofdText(28, 40, "某某区卫生局文件") +
		ofdText(28, 80, "关于同意某某同志辞职的批复") +
		`<ofd:TextObject ID="9" Font="1" Size="5.6" Boundary="28 100 150 8"><ofd:Clips><ofd:Clip><ofd:Area><ofd:Path><ofd:AbbreviatedData>M 0 0 L 150 0</ofd:AbbreviatedData></ofd:Path></ofd:Area></ofd:Clip></ofd:Clips><ofd:TextCode X="0" Y="5" DeltaX="5.6 5.6 5.6 5.6">区中医院：</ofd:TextCode></ofd:TextObject>`
	files := ofdFiles(ofdText(28, 20, "模板页眉文字"), page)
	files["Doc_0/Annots/Page_0/Annotation.xml"] = `<ofd:PageAnnot xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Annot Type="Stamp"><ofd:Appearance Boundary="0 0 50 50"><ofd:TextObject ID="5" Size="5" Boundary="0 0 50 50"><ofd:TextCode X="0" Y="5">印章文字</ofd:TextCode></ofd:TextObject></ofd:Appearance></ofd:Annot></ofd:PageAnnot>`
	blocks, err := decodeOFDFiles(t, files)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range blocks {
		got = append(got, b.Text)
	}
	want := []string{"模板页眉文字", "某某区卫生局文件", "路卫发〔2011〕76号", "关于同意某某同志辞职的批复", "区中医院："}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks %q\nwant %q", got, want)
	}
}

func TestDecodeOFDRuledTable(t *testing.T) {
	var b strings.Builder
	xs := []float64{20, 60, 100, 150}
	ys := []float64{50, 60, 70, 80}
	for _, y := range ys {
		b.WriteString(ofdHRule(xs[0], xs[3], y))
	}
	for _, x := range xs {
		b.WriteString(ofdVRule(x, ys[0], ys[3]))
	}
	cells := [][]string{{"名称", "类型", "说明"}, {"甲", "整数", "起始位置"}, {"乙", "数组", "索引列表"}}
	for r, row := range cells {
		for c, s := range row {
			b.WriteString(ofdText(xs[c]+2, ys[r]+1, s))
		}
	}
	blocks, err := decodeOFDFiles(t, ofdFiles("", ofdText(20, 30, "表格之前的一段文字。")+b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var tbl *schema.Block
	for i := range blocks {
		if blocks[i].Kind == schema.BlockTable {
			tbl = &blocks[i]
		}
	}
	if tbl == nil {
		t.Fatalf("no table in %+v", blocks)
	}
	if !reflect.DeepEqual(tbl.Rows, cells) {
		t.Errorf("rows %q, want %q", tbl.Rows, cells)
	}
}

func TestOFDDeltas(t *testing.T) {
	c := deltaCursor{d: parseDeltas("g 3 1.5 2 g 2 0.5 x 4 g 0 9")}
	var got []float64
	for v, ok := c.next(); ok; v, ok = c.next() {
		got = append(got, v)
	}
	want := []float64{1.5, 1.5, 1.5, 2, 0.5, 0.5, 4}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDecodeOFDRefuses(t *testing.T) {
	cases := []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"a.txt": "x"}, "not an OFD file: no OFD.xml"},
		{map[string]string{"OFD.xml": ofdTestRoot}, "OFD: document root Doc_0/Document.xml missing"},
		{map[string]string{"OFD.xml": `<ofd:OFD xmlns:ofd="x"><ofd:DocBody/></ofd:OFD>`}, "OFD: OFD.xml names no document"},
		{ofdFiles(""), "OFD: the document has no pages"},
		{ofdFiles("", `<ofd:ImageObject ID="4" Boundary="0 0 210 297" ResourceID="1"/>`), "OFD: no text"},
	}
	for _, c := range cases {
		_, err := decodeOFDFiles(t, c.files)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
}

// TestDecodeOFDSamples reads the OFD samples beside the repository when
// they are there.
func TestDecodeOFDSamples(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "ofd", "gbt33190_excerpt_table.ofd"))
	if err != nil {
		t.Skip("../shared/ofd not here")
	}
	blocks, _, err := decodeOFD(context.Background(), data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		if b.Kind == schema.BlockTable && len(b.Rows) > 0 {
			if want := []string{"名称", "类型", "说明", "可选/必选"}; !reflect.DeepEqual(b.Rows[0], want) {
				t.Errorf("header %q, want %q", b.Rows[0], want)
			}
			return
		}
	}
	t.Error("no table")
}

func FuzzDecodeOFD(f *testing.F) {
	f.Add([]byte(ofdPageXML("", ofdText(20, 30, "第一条 为规范管理，制定本办法。")+ofdHRule(20, 100, 50)+ofdVRule(20, 40, 60))))
	f.Add([]byte(ofdPageXML("", `<ofd:TextObject Boundary="1 2 3 4" CTM="0 1 -1 0 3 0" Size="3"><ofd:TextCode X="1" DeltaX="g 99999999 1">旋转</ofd:TextCode></ofd:TextObject>`)))
	f.Add(zipOf(f, ofdFiles(ofdText(1, 1, "页"), ofdText(20, 30, "正文"))))
	lim := DefaultLimits
	lim.MaxZipEntry = 1 << 20
	lim.MaxDepth = 64
	f.Fuzz(func(t *testing.T, in []byte) {
		data := in
		if !bytes.HasPrefix(in, []byte("PK")) {
			files := ofdFiles("")
			files["Doc_0/Document.xml"] = strings.Replace(files["Doc_0/Document.xml"], "<ofd:Pages>", `<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>`, 1)
			files["Doc_0/Pages/Page_0/Content.xml"] = string(in)
			data = zipOf(t, files)
		}
		blocks, _, _ := decodeOFD(context.Background(), data, lim)
		checkTableBlocks(t, blocks)
	})
}
