// Package script reads documents written in traditional characters: the
// copies of mainland policies that big5 mirrors and 繁體 versions of
// government sites serve (懷政辦發〔2023〕9號, 責任單位：市商務局). Every rule
// and word list of policyx is written in simplified characters; such a text
// is simplified character by character before it is read.
package script

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"policyx/lexicon"
	"policyx/lexicon/cjk"
)

//go:embed data/traditional.tsv
var traditionalTSV string

// Table maps traditional characters to simplified ones. Get it with Load;
// it is read-only.
type Table struct {
	simple map[rune]rune
}

var load = sync.OnceValues(func() (*Table, error) { return parse(traditionalTSV) })

// Load returns the embedded table, parsed once.
func Load() (*Table, error) { return load() }

// MustLoad is Load for callers of the tested embedded data.
func MustLoad() *Table { return lexicon.Must(Load()) }

func parse(data string) (*Table, error) {
	t := &Table{simple: map[rune]rune{}}
	err := lexicon.Rows("traditional.tsv", data, func(f []string) error {
		if len(f) != 2 || utf8.RuneCountInString(f[0]) != 1 || utf8.RuneCountInString(f[1]) != 1 {
			return fmt.Errorf("want one character and its simplified one, got %q", f)
		}
		from, _ := utf8.DecodeRuneInString(f[0])
		to, _ := utf8.DecodeRuneInString(f[1])
		if _, dup := t.simple[from]; dup || from == to {
			return fmt.Errorf("%q listed twice or mapped to itself", f[0])
		}
		t.simple[from] = to
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("script: %w", err)
	}
	return t, nil
}

// Minimum share of traditional characters among the Han characters of a
// text written in them: 發, 關, 於, 會, 為, 國 … make a fifth or more of a
// policy in traditional script, while a simplified one holds next to none
// (a name such as 乾 in 乾隆, a quoted title).
const (
	minShare = 0.05
	minCount = 20
)

// Traditional reports whether text is written in traditional characters.
func (t *Table) Traditional(text string) bool {
	han, trad := 0, 0
	for _, r := range text {
		if !cjk.IsHan(r) {
			continue
		}
		han++
		if _, ok := t.simple[r]; ok {
			trad++
		}
	}
	return trad >= minCount && float64(trad) >= minShare*float64(han)
}

// Simplify maps every traditional character of s to its simplified one;
// the result has as many code points as s.
func (t *Table) Simplify(s string) string {
	return strings.Map(func(r rune) rune {
		if to, ok := t.simple[r]; ok {
			return to
		}
		return r
	}, s)
}
