package tables

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

//go:embed words.txt
var wordsFile string

// vocab is the extractor's word lists, parsed once from words.txt.
type vocab struct {
	total, subtotal, note, seqhead, deptsuffix, qualifier, kvlabel []string
}

var loadVocab = sync.OnceValue(func() *vocab {
	v, err := parseVocab(wordsFile)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return v
})

func parseVocab(s string) (*vocab, error) {
	v := &vocab{}
	lists := map[string]*[]string{
		"total": &v.total, "subtotal": &v.subtotal, "note": &v.note,
		"seqhead": &v.seqhead, "deptsuffix": &v.deptsuffix, "qualifier": &v.qualifier, "kvlabel": &v.kvlabel,
	}
	for n, ln := range strings.Split(s, "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		k, rest, ok := strings.Cut(ln, ":")
		dst := lists[strings.TrimSpace(k)]
		if !ok || dst == nil {
			return nil, &vocabError{line: n + 1, text: ln}
		}
		*dst = append(*dst, strings.Fields(rest)...)
	}
	for k, l := range lists {
		if len(*l) == 0 {
			return nil, &vocabError{text: "empty list " + k}
		}
	}
	return v, nil
}

type vocabError struct {
	line int
	text string
}

func (e *vocabError) Error() string {
	return "tables: words.txt line " + strconv.Itoa(e.line) + ": bad entry " + e.text
}
