package sections

import (
	_ "embed"
	"sync"

	"policyx/lexicon"
)

//go:embed data/words.txt
var wordsFile string

// vocab is the extractor's word lists, parsed once from data/words.txt.
type vocab struct {
	// proseOpeners are the words a section's paragraph opens with.
	proseOpeners []string
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
	if err := lexicon.Load("sections: words.txt", s, map[string]*[]string{"proseopeners": &v.proseOpeners}); err != nil {
		return nil, err
	}
	return v, nil
}
