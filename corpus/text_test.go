package corpus

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// txRender prints blocks one per line: kind, level, page, text; table rows
// indented.
func txRender(blocks []schema.Block, diags []schema.Diagnostic) string {
	var b strings.Builder
	for _, blk := range blocks {
		switch blk.Kind {
		case schema.BlockTable:
			fmt.Fprintf(&b, "table p%d\n", blk.Page)
			for _, r := range blk.Rows {
				fmt.Fprintf(&b, "  | %s |\n", strings.Join(r, " | "))
			}
		case schema.BlockHeading:
			fmt.Fprintf(&b, "heading %d p%d %q\n", blk.Level, blk.Page, blk.Text)
		default:
			fmt.Fprintf(&b, "para p%d %q\n", blk.Page, blk.Text)
		}
	}
	for _, d := range diags {
		fmt.Fprintf(&b, "%s: %s\n", d.Severity, d.Message)
	}
	return b.String()
}

// TestDecodeTextGolden reads every input in testdata/text and compares the
// blocks with the .golden file beside it.
func TestDecodeTextGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "text", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			blocks, diags, err := decodeText(context.Background(), data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range blocks {
				if !utf8.ValidString(b.Text) {
					t.Errorf("invalid UTF-8 in %q", b.Text)
				}
			}
			testsupport.Golden(t, f+".golden", txRender(blocks, diags))
		})
	}
	if n < 5 {
		t.Fatalf("only %d inputs in testdata/text", n)
	}
}

// A .txt file holding an article's HTML (a crawler's dump of 国发〔2016〕73号
// with &nbsp;-padded signature lines) is read as HTML, so its signature date
// stands alone on its line; text that only mentions a tag stays text.
func TestDecodePlainMarkup(t *testing.T) {
	pad := strings.Repeat("&nbsp; ", 28)
	page := "<p style=\"text-align:center;\">\r\n\t<span style=\"font-family:楷体;\">国发〔2016〕73号</span>\r\n</p>\r\n" +
		"<p align=\"\">\r\n\t" + pad + "国务院\r\n</p>\r\n<p align=\"\">\r\n\t" + pad + "2016年12月15日\r\n</p>\r\n"
	blocks, diags, err := decodePlain(context.Background(), []byte(page), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, b := range blocks {
		lines = append(lines, strings.TrimSpace(b.Text))
	}
	if !slices.Contains(lines, "2016年12月15日") || !slices.Contains(lines, "国发〔2016〕73号") {
		t.Errorf("blocks = %q, want the 文号 and the date on lines of their own", lines)
	}
	if len(diags) == 0 || !strings.Contains(diags[len(diags)-1].Message, "HTML") {
		t.Errorf("diagnostics = %v, want a note that the file was read as HTML", diags)
	}
	// counter-examples: plain text, also one that mentions a tag, stays text
	for _, plain := range []string{
		"国务院关于印发“十三五”国家信息化规划的通知\n国发〔2016〕73号\n",
		"<附件>\n换行用<br>标记，段落用<p>标记，表格用<table>标记。\n",
	} {
		blocks, _, err := decodePlain(context.Background(), []byte(plain), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(blocks[0].Text); got != strings.Split(plain, "\n")[0] {
			t.Errorf("decodePlain(%q) first block %q, want the first line as text", plain, got)
		}
	}
}

func TestDecodeTextBinary(t *testing.T) {
	for _, data := range [][]byte{
		[]byte("PK\x03\x04\x14\x00\x00\x00"),
		append([]byte("正常的开头\n"), bytes.Repeat([]byte{0x01, 0x02, 0x03, 0x04}, 100)...),
	} {
		_, _, err := decodeText(context.Background(), data, DefaultLimits)
		if err == nil || !strings.Contains(err.Error(), "not text (binary data at byte") {
			t.Errorf("%q: err = %v, want binary data error", data[:8], err)
		}
	}
	// A stray control character is tolerated.
	if _, _, err := decodeText(context.Background(), []byte("标题\x07\n正文"), DefaultLimits); err != nil {
		t.Errorf("stray BEL: %v", err)
	}
}

// TestDecodeTextLongLine feeds a line longer than MaxLineBytes: it is cut
// there with a warning (BenchmarkDecodeTextLongLine times a 50 MB line).
func TestDecodeTextLongLine(t *testing.T) {
	lim := DefaultLimits
	lim.MaxLineBytes = 1 << 16
	line := bytes.Repeat([]byte("长"), 4*lim.MaxLineBytes/3)
	data := append(append([]byte("标题\n"), line...), "\n结尾"...)
	blocks, diags, err := decodeText(context.Background(), data, lim)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 3 || len(blocks[1].Text) > lim.MaxLineBytes || !utf8.ValidString(blocks[1].Text) || blocks[2].Text != "结尾" {
		t.Errorf("got %d blocks, line of %d bytes", len(blocks), len(blocks[1].Text))
	}
	if len(diags) != 1 || diags[0].Severity != schema.SevWarning {
		t.Errorf("diags = %v", diags)
	}
}

// BenchmarkDecodeTextLongLine reads one 50 MB line, cut at MaxLineBytes.
func BenchmarkDecodeTextLongLine(b *testing.B) {
	line := bytes.Repeat([]byte("长"), 50<<20/3)
	data := append(append([]byte("标题\n"), line...), "\n结尾"...)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := decodeText(context.Background(), data, DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeTextMostlyUTF8 keeps a UTF-8 file with one broken byte as UTF-8.
func TestDecodeTextMostlyUTF8(t *testing.T) {
	data := []byte("关于印发行动方案的通知\n各有关单位：\xff现将方案印发给你们。\n")
	blocks, diags, err := decodeText(context.Background(), data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if blocks[0].Text != "关于印发行动方案的通知" || len(diags) != 1 || diags[0].Severity != schema.SevWarning {
		t.Errorf("blocks %q diags %v", blocks[0].Text, diags)
	}
}

func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{
		"# 标题\n\n正文第一行\r\n正文\f第二页\n- 3 -\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"\xef\xbb\xbf\xd6\xd0\xce\xc4",
		"\xff\xfe\x2d\x4e\x87\x65",
		"**粗体**[链接](http://x)\r\r\n",
	} {
		f.Add([]byte(s))
	}
	lim := DefaultLimits
	lim.MaxLineBytes = 64
	f.Fuzz(func(t *testing.T, data []byte) {
		blocks, _, err := decodeText(context.Background(), data, lim)
		if err != nil {
			return
		}
		for _, b := range blocks {
			if !utf8.ValidString(b.Text) {
				t.Fatalf("invalid UTF-8 %q", b.Text)
			}
			if len(b.Text) > lim.MaxLineBytes {
				t.Fatalf("line of %d bytes over the cap", len(b.Text))
			}
			if b.Kind == schema.BlockTable {
				for _, r := range b.Rows {
					if len(r) != len(b.Rows[0]) {
						t.Fatalf("ragged table %q", b.Rows)
					}
				}
			}
		}
	})
}

// A '>' before a figure is a comparator: the 2025年 cell of a 主要指标 table
// (全社会研发经费投入增长（%） 7 >7 预期性) keeps it; a quote marker still goes.
func TestDecodeTextComparatorCell(t *testing.T) {
	in := "全社会研发经费投入增长（%）\n7\n>7\n>=50%\n> 引用的一段话\n"
	blocks, _, err := decodeText(context.Background(), []byte(in), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range blocks {
		if s := strings.TrimSpace(b.Text); s != "" {
			got = append(got, s)
		}
	}
	want := []string{"全社会研发经费投入增长（%）", "7", ">7", ">=50%", "引用的一段话"}
	if !slices.Equal(got, want) {
		t.Errorf("blocks = %q, want %q", got, want)
	}
}
