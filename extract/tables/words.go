package tables

import (
	_ "embed"
	"sync"

	"policyx/lexicon"
	"policyx/normalize/numbers"
)

//go:embed words.txt
var wordsFile string

// vocab is the extractor's word lists, parsed once from words.txt.
type vocab struct {
	total, subtotal, note, seqhead, deptsuffix, qualifier, kvlabel, stackname, stackvalue []string
}

// loadParser loads the number parser once: it tells a 单位 column's units.
var loadParser = sync.OnceValue(numbers.MustLoad)

// loadVocab parses words.txt once; the embedded file is tested.
var loadVocab = sync.OnceValue(func() *vocab { return lexicon.Must(parseVocab(wordsFile)) })

func parseVocab(s string) (*vocab, error) {
	v := &vocab{}
	err := lexicon.Load("tables: words.txt", s, map[string]*[]string{
		"total": &v.total, "subtotal": &v.subtotal, "note": &v.note,
		"seqhead": &v.seqhead, "deptsuffix": &v.deptsuffix, "qualifier": &v.qualifier, "kvlabel": &v.kvlabel,
		"stackname": &v.stackname, "stackvalue": &v.stackvalue,
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}
