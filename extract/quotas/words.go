package quotas

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"policyx/extract/tables"
)

//go:embed data/words.txt
var wordsFile string

// vocab is the extractor's word lists, parsed once from data/words.txt.
type vocab struct {
	generic, indicatorHead, placeHead, catStrip, skipCol, pastCol, commitCol,
	pastDoc, pastCtx, taskVerb, pastEnd, commitCtx, titleEnd, titleLead []string
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
		"generic": &v.generic, "indicatorhead": &v.indicatorHead, "placehead": &v.placeHead,
		"catstrip": &v.catStrip, "skipcol": &v.skipCol, "pastcol": &v.pastCol, "commitcol": &v.commitCol,
		"pastdoc": &v.pastDoc, "pastctx": &v.pastCtx, "taskverb": &v.taskVerb, "pastend": &v.pastEnd, "commitctx": &v.commitCtx,
		"titleend": &v.titleEnd, "titlelead": &v.titleLead,
	}
	for n, ln := range strings.Split(s, "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		k, rest, ok := strings.Cut(ln, ":")
		dst := lists[strings.TrimSpace(k)]
		if !ok || dst == nil {
			return nil, fmt.Errorf("quotas: words.txt line %d: bad entry %q", n+1, ln)
		}
		for _, w := range strings.Fields(rest) {
			*dst = append(*dst, tables.Key(w))
		}
	}
	for k, l := range lists {
		if len(*l) == 0 {
			return nil, fmt.Errorf("quotas: words.txt: empty list %s", k)
		}
	}
	return v, nil
}

func containsAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasSuffixAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func equalsAny(s string, ws []string) bool {
	for _, w := range ws {
		if s == w {
			return true
		}
	}
	return false
}
