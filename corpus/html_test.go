package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// TestDecodeHTMLGolden reads every page in testdata/html and compares the
// blocks with the .golden file beside it.
func TestDecodeHTMLGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("only %d pages in testdata/html", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			blocks, diags, err := decodeHTML(context.Background(), data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			htmlInvariants(t, blocks)
			testsupport.Golden(t, strings.TrimSuffix(f, ".html")+".golden", txRender(blocks, diags))
		})
	}
}

func htmlInvariants(t testing.TB, blocks []schema.Block) {
	t.Helper()
	for _, b := range blocks {
		if !utf8.ValidString(b.Text) {
			t.Fatalf("invalid UTF-8 %q", b.Text)
		}
		if b.Kind == schema.BlockTable {
			if len(b.Rows) == 0 {
				t.Fatal("empty table")
			}
			for _, r := range b.Rows {
				if len(r) != len(b.Rows[0]) {
					t.Fatalf("ragged table %q", b.Rows)
				}
			}
		}
	}
}

func TestDecodeHTMLChrome(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "html", "chrome.html"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, _, err := decodeHTML(context.Background(), data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, b := range blocks {
		all.WriteString(b.Text)
		for _, r := range b.Rows {
			all.WriteString(strings.Join(r, " "))
		}
		all.WriteByte('\n')
	}
	text := all.String()
	for _, gone := range []string{"不是正文", "首页", "导航一", "当前位置", "注释里", "请启用脚本", "隐藏的", "相关文件", "热点专题", "分享到", "打印本页", "版权所有", "网站标识码", "font-size", "相关新闻", "一图读懂", "相关链接", "音频解读", "超万项", "我要信访"} {
		if strings.Contains(text, gone) {
			t.Errorf("chrome %q kept", gone)
		}
	}
	for _, kept := range []string{"示政发〔2024〕1号", "各区人民政府", "一、总体要求", "任务分工表.docx", "市工业和信息化局\n各区政府"} {
		if !strings.Contains(text, kept) {
			t.Errorf("content %q lost", kept)
		}
	}
}

// TestDecodeHTMLDeep nests 100,000 <div>s: the depth cap keeps the text
// (BenchmarkDecodeHTMLDeep times it).
func TestDecodeHTMLDeep(t *testing.T) {
	const n = 100000
	page := "<html><body>" + strings.Repeat("<div>", n) + "<p>最深处的正文</p>" + strings.Repeat("</div>", n) + "<p>之后的正文</p></body></html>"
	blocks, diags, err := decodeHTML(context.Background(), []byte(page), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 || blocks[0].Text != "最深处的正文" || blocks[1].Text != "之后的正文" {
		t.Errorf("blocks = %+v", blocks)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "nesting deeper") {
		t.Errorf("diags = %v", diags)
	}
}

// BenchmarkDecodeHTMLDeep reads 100,000 nested <div>s: the depth cap keeps
// the reader linear.
func BenchmarkDecodeHTMLDeep(b *testing.B) {
	const n = 100000
	page := []byte("<html><body>" + strings.Repeat("<div>", n) + "<p>最深处的正文</p>" + strings.Repeat("</div>", n) + "<p>之后的正文</p></body></html>")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, _, err := decodeHTML(context.Background(), page, DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeHTMLSpans checks span expansion edge cases: rowspan="0", huge
// spans, a cell spilling past the table width.
func TestDecodeHTMLSpans(t *testing.T) {
	page := `<table>
<tr><td rowspan="0">甲</td><td colspan="100000">乙</td></tr>
<tr><td>丙</td></tr>
<tr><td>丁</td><td>戊</td><td>己</td></tr>
</table>`
	blocks, _, err := decodeHTML(context.Background(), []byte(page), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	htmlInvariants(t, blocks)
	if len(blocks) != 1 || blocks[0].Kind != schema.BlockTable {
		t.Fatalf("blocks = %+v", blocks)
	}
	for i, r := range blocks[0].Rows {
		if r[0] != "甲" {
			t.Errorf("row %d: rowspan=0 cell not repeated: %q", i, r)
		}
	}
}

func TestDecodeHTMLCharset(t *testing.T) {
	// GB18030 bytes without a declaration are detected.
	data := []byte("<p>\xd6\xd0\xce\xc4\xce\xc4\xbc\xfe</p>")
	blocks, _, err := decodeHTML(context.Background(), data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 1 || blocks[0].Text != "中文文件" {
		t.Errorf("blocks = %+v", blocks)
	}
	if _, _, err := decodeHTML(context.Background(), []byte("<p>a\x00b</p>"), DefaultLimits); err == nil {
		t.Error("NUL byte accepted")
	}
}

func FuzzDecodeHTML(f *testing.F) {
	for _, s := range []string{
		"<html><body><nav><a href=/>首页</a></nav><h1>标题</h1><p>正文<br>第二行</p></body></html>",
		"<table><tr><td rowspan=2 colspan=2>合并</td><td>x</td></tr><tr><td>y</td></tr></table>",
		"<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>",
		"<meta charset=gbk><p>\xd6\xd0\xce\xc4</p>",
		"<div><div><p>未闭合<li>项<td>格",
		"<pre>一\n二</pre><script>x</script><!-- c -->",
	} {
		f.Add([]byte(s))
	}
	lim := DefaultLimits
	lim.MaxDepth = 16
	f.Fuzz(func(t *testing.T, data []byte) {
		blocks, _, err := decodeHTML(context.Background(), data, lim)
		if err != nil {
			return
		}
		htmlInvariants(t, blocks)
	})
}

// floodPages are floods of stray end tags, unclosed cells, paragraphs and
// list items.
var floodPages = map[string]string{
	"stray ends": strings.Repeat("<b>", 600) + strings.Repeat("</i>", 200000) + "<p>正文</p>",
	"cells":      "<table>" + strings.Repeat("<tr><td>甲<td>乙", 50000) + "</table>",
	"paragraphs": strings.Repeat("<p>段落", 100000),
	"lists":      strings.Repeat("<li>条目", 100000),
}

// TestDecodeHTMLFloods reads each flood whole. Its speed (it stays linear)
// is BenchmarkDecodeHTMLFloods' business; the one-minute limit here only
// catches a hang, so a loaded machine does not fail it.
func TestDecodeHTMLFloods(t *testing.T) {
	for name, page := range floodPages {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		blocks, _, err := decodeHTML(ctx, []byte(page), DefaultLimits)
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(blocks) == 0 {
			t.Errorf("%s: no blocks", name)
		}
		htmlInvariants(t, blocks)
	}
}

// TestDecodeHTMLHiddenFallback reads a page whose article is hidden until a
// script shows it.
func TestDecodeHTMLHiddenFallback(t *testing.T) {
	page := `<div class="nav"><a href="/">首页</a></div><div id="content" style="display: none"><p>` +
		strings.Repeat("各有关单位：现将《示例办法》印发给你们，请认真贯彻执行。", 10) + `</p></div><p>页脚</p>`
	blocks, diags, err := decodeHTML(context.Background(), []byte(page), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 || !strings.HasPrefix(blocks[0].Text, "各有关单位") || len(diags) != 1 {
		t.Errorf("blocks %+v diags %v", blocks, diags)
	}
}

// TestDecodeHTMLMisdeclared reads a page saved as UTF-8 that still declares
// gb2312.
func TestDecodeHTMLMisdeclared(t *testing.T) {
	page := `<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>各有关单位：</p>`
	blocks, _, err := decodeHTML(context.Background(), []byte(page), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 1 || blocks[0].Text != "各有关单位：" {
		t.Errorf("blocks = %+v", blocks)
	}
}

// TestDecodeHTMLScriptData reads a page whose article exists only escaped
// inside a script's data block; a page whose scripts hold only short
// strings or no Chinese text stays empty.
func TestDecodeHTMLScriptData(t *testing.T) {
	content := strings.Repeat(`\u003cp\u003e到2025年，智能终端产业规模突破8000亿元，培育10家以上具有全球竞争力的龙头企业。\u003c/p\u003e`, 5)
	page := `<html><head><title>x</title></head><body><div id="app"></div><script>window.__INITIAL_STATE__={"article":{"title":"上海市人民政府办公厅关于印发《上海市促进智能终端产业高质量发展行动方案》的通知","wh":"沪府办发〔2023〕16号","content":"` + content + `"}}</script></body></html>`
	blocks, diags, err := decodeHTML(context.Background(), []byte(page), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 7 || blocks[0].Kind != schema.BlockHeading || !strings.HasPrefix(blocks[0].Text, "上海市人民政府办公厅关于") ||
		blocks[1].Text != "沪府办发〔2023〕16号" || !strings.HasPrefix(blocks[2].Text, "到2025年") || len(diags) != 1 {
		t.Errorf("blocks %+v diags %v", blocks, diags)
	}
	// counter-example: analytics and config strings are not an article
	page = `<p>页脚</p><script>var cfg={"site":"` + strings.Repeat("abcdefghij", 20) + `","name":"上海市人民政府网站"};</script>`
	if blocks, _, _ := decodeHTML(context.Background(), []byte(page), DefaultLimits); len(blocks) != 1 {
		t.Errorf("counter-example: blocks %+v", blocks)
	}
}

// BenchmarkDecodeHTMLFloods measures the floods of TestDecodeHTMLFloods
// (make bench compares sizes to see they stay linear).
func BenchmarkDecodeHTMLFloods(b *testing.B) {
	for name, page := range floodPages {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for i := 0; i < b.N; i++ {
				if _, _, err := decodeHTML(context.Background(), []byte(page), DefaultLimits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
