package parts

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"policyx/lexicon"
	"policyx/schema"
)

// Chrome reports whether s is a run of listing chrome tokens (14
// 2025-04 1 2 3 首页 信息之窗 …) with at least one page number, date
// fragment or pager word.
func Chrome(s string) bool {
	fs := strings.Fields(s)
	if len(fs) == 0 {
		return false
	}
	strong := false
	for _, f := range fs {
		switch {
		case reDigits.MatchString(f) || reISODate.MatchString(f) || reClock.MatchString(f) || reStrong.MatchString(f):
			strong = true
		case utf8.RuneCountInString(f) <= 8 && !reSentence.MatchString(f) && !reDateCN.MatchString(f) && !strings.HasPrefix(f, "附") && !reOrganEnd.MatchString(f):
		default:
			return false
		}
	}
	return strong
}

var reClock = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?$`)

var (
	reDigits   = regexp.MustCompile(`^\d{1,3}$`)
	reISODate  = regexp.MustCompile(`^\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?(\s+\d{1,2}:\d{2}(:\d{2})?)?$`)
	reStrong   = chromeWordsRE(dataWords.chrome)
	reSentence = regexp.MustCompile(`[。；！？：:，,]`)
	reDateCN   = regexp.MustCompile(`\d{4}\s*年`)
	reOrganEnd = regexp.MustCompile(`(政府|厅|局|委员会|委|部|署|院|办公室|办)$`)
)

//go:embed data/words.txt
var wordsData string

// words are the lists of data/words.txt: chrome (words of a listing page's
// pager, breadcrumb and footer, each a whole token) and footer (openings of
// a footer line).
type words struct {
	chrome, footer []string
}

// parseWords reads data/words.txt; every list must be present and
// non-empty.
func parseWords(data string) (words, error) {
	var w words
	err := lexicon.Load("parts: data/words.txt", data, map[string]*[]string{"chrome": &w.chrome, "footer": &w.footer})
	return w, err
}

// dataWords are the lists of the embedded file, read at start-up: a
// broken file is a build defect (the file is tested).
var dataWords = lexicon.Must(parseWords(wordsData))

// chromeWordList and footerStarts are the lowercased entries of the lists,
// longest first.
var chromeWordList, footerStarts = longestFirst(dataWords.chrome), longestFirst(dataWords.footer)

func longestFirst(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// footerLine reports whether t opens a page footer (版权所有：…).
func footerLine(t string) bool {
	lt := strings.ToLower(strings.TrimSpace(t))
	for _, w := range footerStarts {
		if strings.HasPrefix(lt, w) {
			return true
		}
	}
	return false
}

// chromeRun reports whether t is made only of chrome words, run together or
// separated by spaces and marks (打印本页关闭窗口, 分享到：).
func chromeRun(t string) bool {
	lt := strings.ToLower(strings.TrimSpace(t))
	if lt == "" {
		return false
	}
	for lt != "" {
		r, sz := utf8.DecodeRuneInString(lt)
		if strings.ContainsRune(" \t|/·•:：,，、-", r) {
			lt = lt[sz:]
			continue
		}
		found := false
		for _, w := range chromeWordList {
			if strings.HasPrefix(lt, w) {
				lt, found = lt[len(w):], true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// chromeWordsRE matches a token that is one of words, case-insensitive,
// with an optional colon.
func chromeWordsRE(words []string) *regexp.Regexp {
	qs := make([]string, len(words))
	for i, w := range words {
		qs[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`^(?i:` + strings.Join(qs, "|") + `)[:：]?$`)
}

// chromeLike reports whether a block may be listing chrome: a short line
// without sentence punctuation that is not a date, an organ or an 附件 label.
func chromeLike(b schema.Block) bool {
	if b.Kind == schema.BlockTable {
		return false
	}
	t := clean(b.Text)
	if reDigits.MatchString(t) || reISODate.MatchString(t) || reStrong.MatchString(t) || Chrome(t) || footerLine(t) || chromeRun(t) {
		return true
	}
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 12 || reSentence.MatchString(t) || reDateCN.MatchString(t) {
		return false
	}
	if reOrganEnd.MatchString(t) || strings.HasPrefix(t, "附") {
		return false
	}
	return true
}

// organLine reports whether t is made of organ names only (the issuers'
// line above a title broken after them).
func organLine(t string) bool {
	fs := strings.Fields(t)
	if len(fs) == 0 || utf8.RuneCountInString(t) > 80 {
		return false
	}
	for _, f := range fs {
		if reSentence.MatchString(f) || !reOrganEnd.MatchString(f) {
			return false
		}
	}
	return true
}

func strongChrome(b schema.Block) bool {
	if b.Kind == schema.BlockTable {
		return false
	}
	t := clean(b.Text)
	return reDigits.MatchString(t) || reISODate.MatchString(t) || reStrong.MatchString(t) || Chrome(t) || footerLine(t) || chromeRun(t)
}

// trimChrome returns the end of part [s, e) without its trailing chrome: the
// longest run of chrome-like blocks at the end, when it holds a page number,
// a date fragment or a pager word.
func trimChrome(bl []schema.Block, s, e int) int {
	k := e
	strong := false
	for k > s+1 && chromeLike(bl[k-1]) {
		if strongChrome(bl[k-1]) {
			strong = true
		}
		k--
	}
	if strong {
		return k
	}
	return e
}
