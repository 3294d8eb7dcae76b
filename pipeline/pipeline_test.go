package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func jobsOf(paths ...string) []*job {
	var js []*job
	for _, p := range paths {
		js = append(js, &job{e: &entry{path: p, display: displayPath(p)}})
	}
	return js
}

func TestWorkbookNames(t *testing.T) {
	js := jobsOf("x/a.pdf", "x/b.txt", "x/summary.txt", "x/c:d.txt", "../../etc/passwd", "x/..txt")
	got := workbookNames(js, map[string]string{}, map[string]string{"summary.xlsx": "\x00"})
	want := []string{"a.xlsx", "b.xlsx", "summary-", "c_d.xlsx", "passwd.xlsx", "document.xlsx"}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("%s: workbook %q, want %q…", js[i].e.path, got[i], want[i])
		}
	}
}

// Two paths with one base name get two workbooks, the second with a short
// hash of its path; a later run keeps every path's name (stored), so a
// run of B/x.txt alone does not take A/x.txt's workbook.
func TestWorkbookNamesUniquePerPath(t *testing.T) {
	got := workbookNames(jobsOf("A/x.txt", "B/x.txt"), map[string]string{}, map[string]string{})
	if got[0] != "x.xlsx" || got[1] == "x.xlsx" || !strings.HasPrefix(got[1], "x-") {
		t.Fatalf("names %q", got)
	}
	byPath := map[string]string{"A/x.txt": got[0], "B/x.txt": got[1]}
	used := map[string]string{got[0]: "A/x.txt", got[1]: "B/x.txt"}
	if again := workbookNames(jobsOf("B/x.txt"), byPath, used); again[0] != got[1] {
		t.Errorf("B/x.txt alone: %q, want %q", again[0], got[1])
	}
	// A new C/x.txt takes neither.
	used2 := map[string]string{"x.xlsx": "A/x.txt"}
	if c := workbookNames(jobsOf("C/x.txt"), map[string]string{}, used2); c[0] == "x.xlsx" {
		t.Errorf("C/x.txt took A's workbook")
	}
}

// A long CJK name is cut on a character boundary: the name is valid UTF-8.
func TestWorkbookNameCutOnCharacter(t *testing.T) {
	long := "x/" + strings.Repeat("关于印发", 20) + "a.txt" // 240 bytes of 3-byte characters
	for _, pre := range []string{"", "a", "ab"} {
		got := workbookNames(jobsOf(strings.Replace(long, "x/", "x/"+pre, 1)), map[string]string{}, map[string]string{})[0]
		if !utf8.ValidString(got) || len(got) > maxNameBytes+len(".xlsx") {
			t.Errorf("prefix %q: name %q (%d bytes) is not valid UTF-8 within %d bytes", pre, got, len(got), maxNameBytes)
		}
	}
}

// Names with bytes that are not UTF-8 stay distinct.
func TestDisplayPathDistinct(t *testing.T) {
	a, b := displayPath("d/a\xff.txt"), displayPath("d/a\xfe.txt")
	if a == b || !utf8.ValidString(a) || a != `d/a\xff.txt` {
		t.Errorf("displayPath: %q %q", a, b)
	}
	if displayPath("d/政策.txt") != "d/政策.txt" {
		t.Error("valid names must stay as they are")
	}
	n := workbookNames(jobsOf("d/a\xff.txt", "d/a\xfe.txt"), map[string]string{}, map[string]string{})
	if n[0] == n[1] {
		t.Errorf("one workbook for two names: %q", n)
	}
}
