package links

import (
	_ "embed"
	"sync"

	"policyx/lexicon"
)

//go:embed data/words.txt
var wordsData string

// Words are the word lists of data/words.txt, by section.
type Words struct {
	Implements, Repeals, Amends, Issue, Carried []string
	NotDoc, TitleTail, Generic, Increment       []string
	Shorthand, NumberCut                        []string
}

// parseWords reads the [section] lists of data/words.txt; every section
// must be present and non-empty.
func parseWords(data string) (Words, error) {
	var w Words
	err := lexicon.Load("links: data/words.txt", data, map[string]*[]string{
		"implements": &w.Implements, "repeals": &w.Repeals, "amends": &w.Amends,
		"issue": &w.Issue, "carried": &w.Carried, "notdoc": &w.NotDoc,
		"titletail": &w.TitleTail, "generic": &w.Generic, "increment": &w.Increment,
		"shorthand": &w.Shorthand, "numbercut": &w.NumberCut,
	})
	return w, err
}

// loadWords parses the word lists once; they are never written after.
var loadWords = sync.OnceValue(func() Words {
	w, err := parseWords(wordsData)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return w
})

// DataWords returns the word lists (read-only).
func DataWords() Words { return loadWords() }
