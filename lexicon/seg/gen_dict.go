//go:build ignore

// gen_dict writes data/zh_core.txt, the part of gse's simplified-Chinese
// dictionary that policyx loads. It is built from two sources only, never
// from documents (sample, real or otherwise):
//
//   - gse's own frequencies: every word at least -min frequent;
//   - our lexicons (the LEXICON files: policy terms, department and organ
//     names, places, keyword lists): every rarer gse word that occurs inside
//     one of their entries, so that the parts of a policy term or an organ
//     name are segmented as gse would with its whole dictionary.
//
// Loading the whole dictionary takes ~1.6 s and ~220 MB; this core loads in
// a fraction of that (make bench: "segmenter ready").
//
//	go run gen_dict.go [-min 20] [-o data/zh_core.txt] LEXICON...
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	minFreq := flag.Float64("min", 20, "keep every word at least this frequent")
	out := flag.String("o", "data/zh_core.txt", "output file")
	flag.Parse()
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		fail(err)
	}
	raw, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh", "s_1.txt"))
	if err != nil {
		fail(err)
	}
	// every substring (2–8 runes) of every Han run of the lexicon entries
	inLexicon := map[string]bool{}
	for _, path := range flag.Args() {
		b, err := os.ReadFile(path)
		if err != nil {
			fail(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			for _, run := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
				rs := []rune(run)
				for i := range rs {
					for n := 2; n <= 8 && i+n <= len(rs); n++ {
						inLexicon[string(rs[i:i+n])] = true
					}
				}
			}
		}
	}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || !utf8.ValidString(f[0]) {
			continue
		}
		freq, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		if freq >= *minFreq || inLexicon[f[0]] {
			lines = append(lines, sc.Text())
		}
	}
	sort.Strings(lines)
	if err := os.WriteFile(*out, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("%s: %d words\n", *out, len(lines))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen_dict:", err)
	os.Exit(1)
}
