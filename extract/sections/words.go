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

// loadVocab parses the embedded file once; it is tested, so an error is a
// build fault and panics.
var loadVocab = sync.OnceValue(func() *vocab { return lexicon.Must(parseVocab(wordsFile)) })

func parseVocab(s string) (*vocab, error) {
	v := &vocab{}
	if err := lexicon.Load("sections: words.txt", s, map[string]*[]string{"proseopeners": &v.proseOpeners}); err != nil {
		return nil, err
	}
	return v, nil
}
