//go:build ignore

// gen_dict writes data/zh_core.txt, the part of gse's simplified-Chinese
// dictionary that policyx loads: every word with frequency ≥ minFreq, plus
// every rarer word that occurs in a reference corpus of policy text (the
// sample and real documents). Loading the whole dictionary takes ~1.6 s and
// ~220 MB; this core loads in a fraction of that and segments policy text
// the same way on the words that matter.
//
//	go run gen_dict.go [-min 20] CORPUS_DIR...
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
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
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
	seen := map[string]bool{}
	for _, root := range flag.Args() {
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			if !utf8.Valid(b) {
				if d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil {
					b = d
				}
			}
			rs := []rune(string(b))
			for i := range rs {
				for n := 2; n <= 8 && i+n <= len(rs); n++ {
					seen[string(rs[i:i+n])] = true
				}
			}
			return nil
		})
	}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		freq, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		if freq >= *minFreq || seen[f[0]] {
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
