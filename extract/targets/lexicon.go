package targets

import (
	_ "embed"
	"reflect"
	"strings"
	"unicode/utf8"

	lex "policyx/lexicon"
	"policyx/normalize/numbers"
)

//go:embed data/keywords.txt
var keywordsData string

// words is one keyword list of data/keywords.txt.
type words []string

// contains reports whether s holds any of the words.
func (w words) contains(s string) bool { return lex.ContainsAny(s, w) }

// prefix returns the longest word that s begins with, or "".
func (w words) prefix(s string) string { return w.longest(s, strings.HasPrefix) }

// suffix returns the longest word that s ends with, or "".
func (w words) suffix(s string) string { return w.longest(s, strings.HasSuffix) }

func (w words) longest(s string, match func(s, word string) bool) string {
	best := ""
	for _, k := range w {
		if match(s, k) && len(k) > len(best) {
			best = k
		}
	}
	return best
}

// first returns the byte offset of the earliest word in s, or -1.
func (w words) first(s string) int {
	k := -1
	for _, x := range w {
		if i := strings.Index(s, x); i >= 0 && (k < 0 || i < k) {
			k = i
		}
	}
	return k
}

// last returns the byte offset of the latest word in s, or -1.
func (w words) last(s string) int {
	k := -1
	for _, x := range w {
		if i := strings.LastIndex(s, x); i > k {
			k = i
		}
	}
	return k
}

// has reports whether t is one of the words.
func (w words) has(t string) bool { return lex.EqualsAny(t, w) }

// lexicon holds the keyword lists of the extractor; the list tag is the
// [section] name in data/keywords.txt. Every list must be present and
// non-empty, and no other list may appear.
type lexicon struct {
	Background   words `list:"background"`    // section titles of past or present figures
	PastSentence words `list:"past_sentence"` // words before a figure that make it the past
	Past         words `list:"past"`          // words in a figure's clause that state a fact
	Funding      words `list:"funding"`       // verbs that make money a grant
	FundNoun     words `list:"fundnoun"`      // nouns of money set aside
	Rate         words `list:"rate"`          // a percentage of a base amount
	Condition    words `list:"condition"`     // titles and lead-ins of conditions
	Entity       words `list:"entity"`        // subjects a threshold qualifies
	Tier         words `list:"tier"`          // words that make a figure a tier
	Link         words `list:"link"`          // words between a subject and its figure
	Verb         words `list:"verb"`          // verbs that end a subject read backwards
	Frame        words `list:"frame"`         // framing words of figures that exist
	PartNoun     words `list:"part_noun"`     // parts of a whole
	ListedNoun   words `list:"listed_noun"`   // places counted after a list
	ReportTitle  words `list:"report_title"`  // titles of a report on a past year
	PerUnit      words `list:"per_unit"`      // per whom and per what time
	Have         words `list:"have"`          // verbs of having before a qualifier
	ShareVerb    words `list:"share_verb"`    // verbs that set a share aside
	ShareUse     words `list:"share_use"`     // words after a share that spend it
	Grant        words `list:"grant"`         // nouns of a grant a share is paid as
	PerHead      words `list:"per_head"`      // per-head words of a standard
	Compare      words `list:"compare"`       // comparisons with a past period
	FrameVerb    words `list:"frame_verb"`    // verbs that commit after a frame
	Basis        words `list:"basis"`         // lead-ins naming what goals follow
	PerStep      words `list:"per_step"`      // 每新增…: the step a grant is counted by
	CondNoun     words `list:"cond_noun"`     // nouns of listed conditions a count counts
	ShareLink    words `list:"share_link"`    // words before the base of a share
	KeepLevel    words `list:"keep_level"`    // verbs with 在 that bound a level to keep
	PointRate    words `list:"point_rate"`    // what percentage points of are a rate
	ChangeTo     words `list:"change_to"`     // verbs of 由A…B that set a new level
	RateVerb     words `list:"rate_verb"`     // verbs after a rate's name
	TaskNoun     words `list:"task_noun"`     // the items a plan holds
	Deductible   words `list:"deductible"`    // amounts above which costs are paid
}

// parseLexicon reads the [list] sections of data into a lexicon.
func parseLexicon(data string) (*lexicon, error) {
	lx := &lexicon{}
	v := reflect.ValueOf(lx).Elem()
	dst := map[string]*[]string{}
	for i := 0; i < v.NumField(); i++ {
		dst[v.Type().Field(i).Tag.Get("list")] = new([]string)
	}
	if err := lex.Load("targets: keywords.txt", data, dst); err != nil {
		return nil, err
	}
	for i := 0; i < v.NumField(); i++ {
		v.Field(i).Set(reflect.ValueOf(words(*dst[v.Type().Field(i).Tag.Get("list")])))
	}
	return lx, nil
}

// res are the loaded resources, built once.
type res struct {
	num *numbers.Parser
	kw  *lexicon
}

var shared = func() *res {
	kw, err := parseLexicon(keywordsData)
	if err != nil {
		panic(err)
	}
	return &res{num: numbers.MustLoad(), kw: kw}
}()

// framed reports whether a clause that ends at a figure is framed by a
// word such as 围绕 or 依托 at its start (围绕汽车、钢铁…5个传统产业) or
// right before the figure (聚焦1—2个学科): the figure counts what exists.
func (r *res) framed(before string) bool {
	// 符合条件的小微企业创业担保贷款最高额度为300万元: 符合…的 qualifies
	// whom the figure is for, it frames nothing
	before = dropQualifier(before)
	b := strings.TrimPrefix(before, "重点")
	b = strings.TrimPrefix(b, "通过")
	for _, w := range r.kw.Frame {
		if strings.HasSuffix(before, w) {
			return !r.kw.Funding.contains(before)
		}
		// 面向全区中小企业每年遴选不超过10名: a verb after the frame
		// commits to the figure
		if strings.HasPrefix(b, w) {
			return !r.kw.Funding.contains(before) && !r.kw.FrameVerb.contains(b[len(w):])
		}
	}
	return false
}

// dropQualifier drops a short 符合…条件的 (符合条件的, 符合上述规定的) at
// the start of a clause.
func dropQualifier(s string) string {
	rest, ok := strings.CutPrefix(s, "符合")
	if !ok {
		return s
	}
	k := strings.Index(rest, "的")
	if k < 0 || utf8.RuneCountInString(rest[:k]) > 8 || strings.ContainsAny(rest[:k], "0123456789、") {
		return s
	}
	// 符合条件的, 符合上述规定的; not 符合我市重点发展的…5个产业方向
	if !numbers.HasAnySuffix(rest[:k], "条件", "规定", "要求", "标准") {
		return s
	}
	return rest[k+len("的"):]
}
