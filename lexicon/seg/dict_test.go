package seg

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestCoreDictSources: every word of data/zh_core.txt is frequent in gse's
// dictionary or lies inside an entry of the lexicons gen_dict.go is given
// (the go:generate line) — nothing comes from documents.
func TestCoreDictSources(t *testing.T) {
	src, err := os.ReadFile("seg.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^//go:generate go run gen_dict.go -min (\d+) (.*)$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("no go:generate line for gen_dict.go")
	}
	minFreq, _ := strconv.ParseFloat(string(m[1]), 64)
	lex := ""
	for _, f := range strings.Fields(string(m[2])) {
		if strings.Contains(f, "samples") || strings.Contains(f, "shared") || strings.Contains(f, "corpus") {
			t.Errorf("gen_dict.go is given documents: %s", f)
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lex += string(b) + "\n"
	}
	bad := 0
	for _, line := range strings.Split(coreDict, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		freq, _ := strconv.ParseFloat(f[1], 64)
		if freq >= minFreq {
			continue
		}
		if !strings.ContainsFunc(f[0], func(r rune) bool { return unicode.Is(unicode.Han, r) }) || !strings.Contains(lex, f[0]) {
			if bad++; bad <= 10 {
				t.Errorf("%q (frequency %v) is neither frequent nor in a lexicon", f[0], freq)
			}
		}
	}
}
