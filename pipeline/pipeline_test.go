package pipeline

import (
	"reflect"
	"testing"

	"policyx/corpus"
)

func TestWorkbookNames(t *testing.T) {
	var ins []corpus.Input
	for _, p := range []string{"x/a.pdf", "x/a/p.html", "x/b.txt", "x/b/p.txt", "x/summary.txt", "x/c:d.txt", "../../etc/passwd", "x/..txt"} {
		ins = append(ins, corpus.Input{Path: p})
	}
	got := workbookNames(ins)
	want := []string{"a.xlsx", "p.xlsx", "b.xlsx", "p-2.xlsx", "summary-2.xlsx", "c_d.xlsx", "passwd.xlsx", "document.xlsx"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("workbookNames = %q, want %q", got, want)
	}
}
