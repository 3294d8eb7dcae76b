package corpus

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// zipOf makes a zip archive of name → content, in name order.
func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const docxTestNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// docxFiles returns the parts of a minimal DOCX around body (the content
// of w:body); extra parts (word/styles.xml, word/numbering.xml) are added
// as given.
func docxFiles(body string, extra map[string]string) map[string]string {
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + docxTestNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range extra {
		files[k] = v
	}
	return files
}

func wPara(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func wStyled(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func wListed(numID, ilvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, numID, text)
}

func wCell(props, text string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + wPara(text) + `</w:tc>`
}

const docxTestStyles = `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + docxTestNS + `>
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/></w:style>
<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My Head"/><w:basedOn w:val="a3"/></w:style>
<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Article"><w:name w:val="Article"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
</w:styles>`

const docxTestNumbering = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + docxTestNS + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1条"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="3">
 <w:lvl w:ilvl="0"><w:start w:val="1"/>
  <mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>
  <w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="4">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="thaiLetters"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`

// docxListStyleStyles and docxListStyleNumbering make lists the way a Word
// list style does: abstract list 11 only names the style (w:numStyleLink),
// the style's numbering (numId 20) leads to abstract list 10, which holds
// the levels. Abstract list 12 names a style without numbering: no labels.
const docxListStyleStyles = `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + docxTestNS + `>
<w:style w:type="numbering" w:styleId="GovList"><w:name w:val="公文编号"/><w:pPr><w:numPr><w:numId w:val="20"/></w:numPr></w:pPr></w:style>
<w:style w:type="numbering" w:styleId="EmptyList"><w:name w:val="空编号"/></w:style>
</w:styles>`

const docxListStyleNumbering = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + docxTestNS + `>
<w:abstractNum w:abstractNumId="10"><w:styleLink w:val="GovList"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11"><w:numStyleLink w:val="GovList"/></w:abstractNum>
<w:abstractNum w:abstractNumId="12"><w:numStyleLink w:val="EmptyList"/></w:abstractNum>
<w:num w:numId="20"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="21"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="22"><w:abstractNumId w:val="12"/></w:num>
</w:numbering>`

// docxCases are the golden cases: name → document body and extra parts.
var docxCases = []struct {
	name  string
	body  string
	extra map[string]string
}{
	{"paragraphs", wPara("第一段") + wPara("  ") + `<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>制表位不是文字</w:t></w:r></w:p>` +
		// tracked changes: deleted text dropped, inserted kept, old properties ignored
		`<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:r><w:t>文本</w:t></w:r></w:p>` +
		// footnote reference and field code
		`<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
		// hidden run, ruby text, table of contents
		`<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>文字</w:t></w:r></w:p>` +
		`<w:p><w:r><w:ruby><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>音</w:t></w:r></w:p>` +
		wStyled("TOC1", "一、总体要求\t3") + wStyled("toc 2", "（一）指导思想\t3") +
		`<w:sectPr/>`, nil},
	{"headings", wStyled("1", "一级标题") + wStyled("a3", "二级标题") + wStyled("MyHead", "继承的二级标题") +
		wStyled("Outline", "大纲级别三") + wStyled("Title", "文件标题") + wStyled("Heading4", "无样式表的标题") +
		`<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>段落大纲级别</w:t></w:r></w:p>` + wStyled("Normal", "正文"),
		map[string]string{"word/styles.xml": docxTestStyles}},
	{"numbering", wListed(1, 0, "总体要求") + wListed(1, 1, "指导思想") + wListed(1, 2, "第一项") + wListed(1, 2, "第二项") +
		wListed(1, 3, "圈号") + wListed(1, 1, "基本原则") + wListed(1, 2, "重新编号") +
		wListed(1, 0, "主要任务") + wListed(2, 0, "项目符号") + wStyled("Article", "按样式编号") + wStyled("Article", "第二条内容") +
		wListed(4, 2, "另起编号") + wListed(5, 0, "自定义格式") + wListed(6, 0, "未知格式") + wListed(1, 0, "") +
		wListed(7, 0, "共享抽象定义继续编号") + wListed(99, 0, "未定义的列表"),
		map[string]string{"word/numbering.xml": docxTestNumbering, "word/styles.xml": docxTestStyles}},
	// lists of a Word list style number as the style's definition, and
	// with the style's own instance as one list; a style without
	// numbering gives no label
	{"list-style", wListed(21, 0, "提升农业综合生产能力和质量效益") + wListed(21, 1, "稳定发展粮油生产") + wListed(21, 1, "促进“菜篮子”产业提质增效") +
		wListed(20, 0, "实施常态化精准帮扶") + wListed(21, 1, "健全常态化帮扶政策体系") + wListed(22, 0, "未定义编号的列表样式"),
		map[string]string{"word/numbering.xml": docxListStyleNumbering, "word/styles.xml": docxListStyleStyles}},
	{"tables", `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + wCell("", "序号") + wCell("", "任务") + wCell("", "牵头单位") + `</w:tr>` +
		`<w:tr>` + wCell(`<w:gridSpan w:val="3"/>`, "一、产业发展") + `</w:tr>` +
		`<w:tr>` + wCell("", "1") + wCell("", "建设平台") + wCell(`<w:vMerge w:val="restart"/>`, "市发展改革委") + `</w:tr>` +
		`<w:tr>` + wCell("", "2") + wCell("", "培育企业") + wCell(`<w:vMerge/>`, "") + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + wCell("", "合计") + wCell("", "2") + `</w:tr>` +
		`<w:tr>` + wCell("", "") + wCell("", "") + wCell("", "") + `</w:tr>` +
		`<w:tr>` + `<w:tc>` + wPara("多段") + wPara("合并") + wPara("ABC") + wPara("123") + `<w:p><w:r><w:t>换行</w:t><w:br/><w:t>连接</w:t></w:r></w:p></w:tc>` +
		wCell("", "") +
		wCell("", "带\t制表") + `</w:tr>` +
		`<w:tr>` + wCell(`<w:gridSpan w:val="3"/>`, "备注：资金以年度预算为准，由各单位统筹安排。") + `</w:tr>` +
		`</w:tbl>` + wPara("表后段落") +
		// a one-cell frame around a heading, a paragraph and a table
		`<w:tbl><w:tr><w:tc>` + wStyled("Heading2", "框内标题") + wPara("框内段落") +
		`<w:tbl><w:tr>` + wCell("", "A") + wCell("", "B") + `</w:tr></w:tbl></w:tc></w:tr></w:tbl>` +
		// a layout table: a text column beside a column holding a table
		`<w:tbl><w:tr>` + wCell("", "左栏") + `<w:tc>` + wPara("右栏") + `<w:tbl><w:tr>` + wCell("", "内") + wCell("", "表") +
		`</w:tr><w:tr>` + wCell("", "第二") + wCell("", "行") + `</w:tr></w:tbl></w:tc></w:tr></w:tbl>` +
		// one column: lines, not a table
		`<w:tbl><w:tr>` + wCell("", "单列一") + `</w:tr><w:tr>` + wCell("", "单列二") + `</w:tr></w:tbl>`, nil},
	{"textbox", `<w:p><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>` +
		wPara("文本框内容") + `</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>` +
		wPara("文本框内容") + `</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` + wPara("后续段落"), nil},
}

func renderReaderBlocks(bs []schema.Block) string {
	var b strings.Builder
	for _, blk := range bs {
		switch blk.Kind {
		case schema.BlockTable:
			fmt.Fprintf(&b, "table\n")
			for _, r := range blk.Rows {
				fmt.Fprintf(&b, "  | %s |\n", strings.Join(r, " | "))
			}
		case schema.BlockHeading:
			fmt.Fprintf(&b, "heading %d %q\n", blk.Level, blk.Text)
		default:
			fmt.Fprintf(&b, "para %q\n", blk.Text)
		}
	}
	return b.String()
}

func renderReaderDiags(ds []schema.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s: %s\n", d.Severity, d.Message)
	}
	return b.String()
}

func TestDecodeDOCXGolden(t *testing.T) {
	for _, c := range docxCases {
		t.Run(c.name, func(t *testing.T) {
			data := zipOf(t, docxFiles(c.body, c.extra))
			blocks, diags, err := decodeDOCX(context.Background(), data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			checkTableBlocks(t, blocks)
			testsupport.Golden(t, filepath.Join("testdata", "docx", c.name+".golden"), renderReaderBlocks(blocks)+renderReaderDiags(diags))
		})
	}
}

// checkTableBlocks checks what every reader promises about table blocks.
func checkTableBlocks(t testing.TB, blocks []schema.Block) {
	t.Helper()
	for i, b := range blocks {
		if b.Kind != schema.BlockTable {
			continue
		}
		lines := make([]string, len(b.Rows))
		for j, r := range b.Rows {
			if len(r) != len(b.Rows[0]) {
				t.Errorf("block %d: row %d has %d cells, row 0 has %d", i, j, len(r), len(b.Rows[0]))
			}
			for _, c := range r {
				if strings.ContainsAny(c, "\t\n") {
					t.Errorf("block %d: cell %q holds a tab or newline", i, c)
				}
			}
			lines[j] = strings.Join(r, "\t")
		}
		if b.Text != strings.Join(lines, "\n") {
			t.Errorf("block %d: Text is not its rows", i)
		}
	}
}

func TestDecodeDOCXErrors(t *testing.T) {
	small := DefaultLimits
	small.MaxZipEntry = 1 << 20
	small.MaxZipEntries = 8
	small.MaxDepth = 64
	deep := strings.Repeat("<w:sdt><w:sdtContent>", 40) + wPara("深") + strings.Repeat("</w:sdtContent></w:sdt>", 40)
	many := map[string]string{}
	for i := range 9 {
		many[fmt.Sprintf("f%d.xml", i)] = "x"
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a zip archive"},
		{"text", []byte("这不是压缩包"), "not a zip archive"},
		{"ole", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), "OLE2"},
		{"truncated zip", zipOf(t, docxFiles(wPara("x"), nil))[:60], "not a zip archive"},
		{"no document", zipOf(t, map[string]string{"word/styles.xml": docxTestStyles}), "no word/document.xml: not a Word document"},
		{"workbook", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), "this is an Excel workbook"},
		{"too many entries", zipOf(t, many), "zip has 9 entries, more than the limit of 8"},
		{"bomb", zipBomb(t, "word/document.xml", 1<<30), "zip entry word/document.xml exceeds 1 MiB"},
		{"real bomb", zipBombDeflated(t, 2<<20), "zip entry word/document.xml exceeds 1 MiB"},
		{"deep", zipOf(t, docxFiles(deep, nil)), "nested deeper than 64 levels"},
		{"broken xml", zipOf(t, map[string]string{"word/document.xml": "<w:document><<<"}), "XML error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := decodeDOCX(context.Background(), c.data, small)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// TestDecodeDOCXDamagedEnd keeps the paragraphs read before a damaged end.
func TestDecodeDOCXDamagedEnd(t *testing.T) {
	files := docxFiles(wPara("完整段落")+wPara("第二段"), nil)
	doc := files["word/document.xml"]
	files["word/document.xml"] = doc[:strings.Index(doc, "第二段")+len("第二段")] + "</w:t></w:r></w:p><w:p><w:r"
	blocks, diags, err := decodeDOCX(context.Background(), zipOf(t, files), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got := renderReaderBlocks(blocks) + renderReaderDiags(diags)
	if !strings.Contains(got, `para "完整段落"`) || !strings.Contains(got, `para "第二段"`) || !strings.Contains(got, "text after it is lost") {
		t.Errorf("got\n%s", got)
	}
}

// zipBomb writes one stored entry that declares size bytes but holds few:
// the declared size alone must stop the reader.
func zipBomb(t testing.TB, name string, size uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	body := []byte("<w:document/>")
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(body),
		CompressedSize64: uint64(len(body)), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBombDeflated deflates n bytes of a repeated paragraph into word/document.xml.
func zipBombDeflated(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	para := []byte(wPara("炸弹"))
	for written := 0; written < n; written += len(para) {
		w.Write(para)
	}
	zw.Close()
	return buf.Bytes()
}

func TestFormatNumber(t *testing.T) {
	for _, c := range []struct {
		n       int
		f, want string
	}{{11, "chineseCounting", "十一"}, {101, "chineseCountingThousand", "一百〇一"}, {12, "chineseLegalSimplified", "拾贰"},
		{2025, "ideographDigital", "二〇二五"}, {3, "decimalEnclosedCircle", "③"}, {21, "decimalEnclosedCircle", "21"}, {3, "ideographTraditional", "丙"}} {
		if got, ok := formatNumber(c.n, c.f); !ok || got != c.want {
			t.Errorf("formatNumber(%d, %s) = %q, %v, want %q", c.n, c.f, got, ok, c.want)
		}
	}
}

func ExampleReader_Decode_docx() {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>总则</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`</w:body></w:document>`))
	zw.Close()
	doc, err := New().Decode(context.Background(), "a.docx", schema.FormatDOCX, buf.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range doc.Blocks {
		fmt.Printf("%s %d %q\n", b.Kind, b.Level, b.Text)
	}
	// Output:
	// heading 1 "总则"
	// table 0 "序号\t任务"
}

// FuzzDecodeDOCX feeds document.xml content (wrapped in a zip) or, when
// the input is itself a zip, the raw bytes.
func FuzzDecodeDOCX(f *testing.F) {
	for _, c := range docxCases {
		f.Add([]byte(docxFiles(c.body, nil)["word/document.xml"]))
	}
	f.Add(zipOf(f, docxFiles(docxCases[3].body, map[string]string{"word/numbering.xml": docxTestNumbering, "word/styles.xml": docxTestStyles})))
	lim := DefaultLimits
	lim.MaxZipEntry = 1 << 20
	lim.MaxDepth = 64
	f.Fuzz(func(t *testing.T, in []byte) {
		data := in
		if !bytes.HasPrefix(in, []byte("PK")) {
			data = zipOf(t, map[string]string{"word/document.xml": string(in), "word/numbering.xml": docxTestNumbering, "word/styles.xml": docxTestStyles})
		}
		blocks, _, _ := decodeDOCX(context.Background(), data, lim)
		checkTableBlocks(t, blocks)
	})
}

func TestDecodeDOCXUTF16(t *testing.T) {
	doc := docxFiles(wPara("统一编码"), nil)["word/document.xml"]
	doc = strings.Replace(doc, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	u16 := []byte{0xFF, 0xFE}
	for _, r := range doc {
		if r > 0xFFFF {
			t.Fatal("test text outside the BMP")
		}
		u16 = append(u16, byte(r), byte(r>>8))
	}
	blocks, _, err := decodeDOCX(context.Background(), zipOf(t, map[string]string{"word/document.xml": string(u16)}), DefaultLimits)
	if err != nil || len(blocks) != 1 || blocks[0].Text != "统一编码" {
		t.Fatalf("blocks %+v, error %v", blocks, err)
	}
}

// TestDOCXCellBudget: spans cannot blow a few bytes of XML up into
// millions of cells.
func TestDOCXCellBudget(t *testing.T) {
	row := `<w:tr>` + wCell("", "序") + strings.Repeat(wCell(`<w:gridSpan w:val="64"/>`, "宽"), 4) + `</w:tr>`
	doc := docxFiles(`<w:tbl>`+strings.Repeat(row, 10)+`</w:tbl>`, nil)["word/document.xml"]
	p := &docxParser{ctx: context.Background(), lim: DefaultLimits, num: newNumberState(nil), part: "word/document.xml", cells: 1000}
	if err := p.parse(strings.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	if len(p.blocks) != 1 || len(p.blocks[0].Rows) != 3 || len(p.blocks[0].Rows[0]) != 257 {
		t.Fatalf("got %d blocks, want one table of 3 rows of 257 cells", len(p.blocks))
	}
	if d := renderReaderDiags(p.diags); !strings.Contains(d, "7 rows of a table dropped") {
		t.Errorf("diagnostics %q", d)
	}
}

// TestDecodeDOCXAltChunk reads content imported from a web page part.
func TestDecodeDOCXAltChunk(t *testing.T) {
	mht := "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n" +
		"Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"<html><body><h2>=E7=AC=AC=E4=BA=8C=E7=AB=A0</h2><table><tr><td>=E5=BA=8F=E5=8F=B7</td><td>=E4=BB=BB=E5=8A=A1</td></tr><tr><td>1</td><td>a</td></tr></table></body></html>\r\n--B--\r\n"
	files := docxFiles(wPara("前言")+`<w:altChunk r:id="rId9"/>`+`<w:altChunk r:id="rId10"/>`+`<w:altChunk r:id="rId11"/>`+wPara("结尾"), map[string]string{
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk1.htm"/>` +
			`<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="/word/chunk2.mht"/>` +
			`<Relationship Id="rId11" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk3.rtf"/></Relationships>`,
		"word/chunk1.htm": `<html><body><h1>第一章</h1><p>导入的正文。</p></body></html>`,
		"word/chunk2.mht": mht,
		"word/chunk3.rtf": `{\rtf1 x}`,
	})
	blocks, diags, err := decodeDOCX(context.Background(), zipOf(t, files), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	testsupport.Golden(t, filepath.Join("testdata", "docx", "altchunk.golden"), renderReaderBlocks(blocks)+renderReaderDiags(diags))
}
