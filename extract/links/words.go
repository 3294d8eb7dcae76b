package links

import (
	_ "embed"
	"strings"
)

//go:embed data/words.txt
var wordsData string

// Words are the word lists of data/words.txt, by section.
type Words struct {
	Implements, Repeals, Amends, Issue, Carried []string
	NotDoc, TitleTail, Generic, Increment       []string
	Shorthand, NumberCut                        []string
}

// parseWords reads the [section] lists of data/words.txt.
func parseWords(data string) Words {
	lists := map[string][]string{}
	sec := ""
	for _, l := range strings.Split(data, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") {
			sec = l[1 : len(l)-1]
			continue
		}
		lists[sec] = append(lists[sec], l)
	}
	return Words{
		Implements: lists["implements"], Repeals: lists["repeals"], Amends: lists["amends"],
		Issue: lists["issue"], Carried: lists["carried"], NotDoc: lists["notdoc"],
		TitleTail: lists["titletail"], Generic: lists["generic"], Increment: lists["increment"],
		Shorthand: lists["shorthand"], NumberCut: lists["numbercut"],
	}
}

// words is parsed once; it is never written after.
var words = parseWords(wordsData)

// DataWords returns the word lists (read-only).
func DataWords() Words { return words }

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
