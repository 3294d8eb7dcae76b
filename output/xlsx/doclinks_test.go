package xlsx

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"policyx/schema"
)

func TestOverviewLinksRewrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.xlsx")
	d := synthDoc("in/a.txt", 1, "甲方案")
	d.Links = []schema.Link{{Kind: schema.LinkImplements, Title: "广东省制造业数字化转型实施方案", Number: "粤府〔2021〕45号"}}
	if err := WriteDocument(path, []*schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(t, open(t, path), sheetOverview)
	last := strings.Join(rows[len(rows)-1], "|")
	if !strings.Contains(last, "《广东省制造业数字化转型实施方案》（粤府〔2021〕45号）") || !strings.Contains(last, "不在库中") {
		t.Fatalf("write-time block: %q", last)
	}
	ls := []linkLine{
		{part: 1, kind: schema.LinkImplements, title: "广东省制造业数字化转型实施方案", number: "粤府〔2021〕45号", other: "b.txt", book: "b.xlsx"},
		{part: 1, incoming: true, kind: schema.LinkCites, title: "广州市某区实施细则", other: "c.txt", book: "c.xlsx"},
	}
	if err := rewriteOverviewLinks(path, ls, false); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err = f.GetRows(sheetOverview)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rows[len(rows)-2], "|") + "\n" + strings.Join(rows[len(rows)-1], "|")
	want := "所引|《广东省制造业数字化转型实施方案》（粤府〔2021〕45号）|贯彻落实|b.txt\n引用本文件|《广州市某区实施细则》|被引用|c.txt"
	if got != want {
		t.Errorf("rewritten block:\n%s\nwant\n%s", got, want)
	}
	ref := "D" + strconv.Itoa(len(rows))
	if fm, _ := f.GetCellFormula(sheetOverview, ref); fm != `HYPERLINK("c.xlsx","c.txt")` {
		t.Errorf("%s formula %q", ref, fm)
	}
	// rewriting again replaces, never appends
	if err := rewriteOverviewLinks(path, ls[:1], false); err != nil {
		t.Fatal(err)
	}
	if n := len(rowsOf(t, open(t, path), sheetOverview)); n != len(rows)-1 {
		t.Errorf("second rewrite: %d rows, want %d", n, len(rows)-1)
	}
}
