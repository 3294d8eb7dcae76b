package testsupport

import (
	"path/filepath"
	"testing"

	"policyx/schema"
)

func TestBlocks(t *testing.T) {
	doc := Blocks(
		schema.Block{Kind: schema.BlockPara, Text: "附件1"},
		schema.Block{Kind: schema.BlockTable, Rows: [][]string{{"序号", "单位"}, {"1", "市科技局"}}},
		schema.Block{Kind: schema.BlockPara, Text: ""},
		schema.Block{Kind: schema.BlockPara, Text: "说明"},
	)
	if want := "附件1\n序号\t单位\n1\t市科技局\n\n说明"; doc.Text != want {
		t.Errorf("Text = %q, want %q", doc.Text, want)
	}
	for i, b := range doc.Blocks {
		if got := doc.Text[b.Span.Start:b.Span.End]; got != b.Text {
			t.Errorf("block %d: span selects %q, Text is %q", i, got, b.Text)
		}
	}
}

func TestDoc(t *testing.T) {
	doc := Doc("  一、总体要求 \n\n（一）指导思想\n")
	if doc.Text != "一、总体要求\n（一）指导思想" || len(doc.Blocks) != 2 || doc.Blocks[1].Span.Start != len("一、总体要求\n") {
		t.Errorf("doc = %q %+v", doc.Text, doc.Blocks)
	}
	if bs := Lines("甲\n\n乙"); len(bs) != 3 || bs[1].Text != "" {
		t.Errorf("Lines = %+v", bs)
	}
}

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	defer func(u bool) { *update = u }(*update)
	*update = true
	Golden(t, path, "甲\n")
	*update = false
	Golden(t, path, "甲\n")
	if got := ReadFile(t, path); got != "甲\n" {
		t.Errorf("golden file holds %q", got)
	}
}
