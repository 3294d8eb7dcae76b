package targets

import (
	_ "embed"
	"fmt"
	"strings"

	"policyx/normalize/numbers"
)

//go:embed data/keywords.txt
var keywordsData string

// lists are the keyword lists of data/keywords.txt.
type lists map[string][]string

func parseLists(data string) (lists, error) {
	l := lists{}
	cur := ""
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			cur = line[1 : len(line)-1]
			continue
		}
		if cur == "" {
			return nil, fmt.Errorf("targets: keywords.txt line %d: word outside a [list]", i+1)
		}
		l[cur] = append(l[cur], line)
	}
	return l, nil
}

// res are the loaded resources, built once.
type res struct {
	num *numbers.Parser
	kw  lists
}

var shared = func() *res {
	kw, err := parseLists(keywordsData)
	if err != nil {
		panic(err)
	}
	return &res{num: numbers.MustLoad(), kw: kw}
}()

func (r *res) any(list, s string) bool {
	for _, w := range r.kw[list] {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// framed reports whether a clause that ends at a figure is framed by a
// word such as 围绕 or 依托 at its start (围绕汽车、钢铁…5个传统产业) or
// right before the figure (聚焦1—2个学科): the figure counts what exists.
func (r *res) framed(before string) bool {
	b := strings.TrimPrefix(before, "重点")
	b = strings.TrimPrefix(b, "通过")
	for _, w := range r.kw["frame"] {
		if strings.HasPrefix(b, w) || strings.HasSuffix(before, w) {
			return !r.any("funding", before)
		}
	}
	return false
}

// lastIndex returns the end of the last word of list in s, or -1.
func (r *res) lastIndex(list, s string) int {
	best := -1
	for _, w := range r.kw[list] {
		if k := strings.LastIndex(s, w); k >= 0 && k+len(w) > best {
			best = k + len(w)
		}
	}
	return best
}

func (r *res) suffix(list, s string) string {
	best := ""
	for _, w := range r.kw[list] {
		if strings.HasSuffix(s, w) && len(w) > len(best) {
			best = w
		}
	}
	return best
}

func (r *res) prefix(list, s string) string {
	best := ""
	for _, w := range r.kw[list] {
		if strings.HasPrefix(s, w) && len(w) > len(best) {
			best = w
		}
	}
	return best
}
