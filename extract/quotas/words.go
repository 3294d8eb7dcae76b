package quotas

import (
	_ "embed"
	"sync"

	"policyx/extract/tables"
	"policyx/lexicon"
)

//go:embed data/words.txt
var wordsFile string

// vocab is the extractor's word lists, parsed once from data/words.txt.
type vocab struct {
	generic, indicatorHead, placeHead, catStrip, skipCol, pastCol, commitCol,
	pastDoc, pastCtx, taskVerb, pastEnd, commitCtx, titleEnd, titleLead []string
}

// loadVocab parses data/words.txt once; the embedded file is tested.
var loadVocab = sync.OnceValue(func() *vocab { return lexicon.Must(parseVocab(wordsFile)) })

func parseVocab(s string) (*vocab, error) {
	v := &vocab{}
	lists := map[string]*[]string{
		"generic": &v.generic, "indicatorhead": &v.indicatorHead, "placehead": &v.placeHead,
		"catstrip": &v.catStrip, "skipcol": &v.skipCol, "pastcol": &v.pastCol, "commitcol": &v.commitCol,
		"pastdoc": &v.pastDoc, "pastctx": &v.pastCtx, "taskverb": &v.taskVerb, "pastend": &v.pastEnd, "commitctx": &v.commitCtx,
		"titleend": &v.titleEnd, "titlelead": &v.titleLead,
	}
	if err := lexicon.Load("quotas: words.txt", s, lists); err != nil {
		return nil, err
	}
	// words are compared in key form
	for _, l := range lists {
		for i, w := range *l {
			(*l)[i] = tables.Key(w)
		}
	}
	return v, nil
}
