package parts

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/schema"
)

// A page often prints the interpretation (解读) of a policy right after the
// policy: a heading such as 《…》政策解读, 关于《…》的解读, 【文字解读】《…》
// or …负责人就《…》答记者问, then the background and main points of the
// policy retold. The interpretation is no part of the policy (its 一、二、
// would become the policy's outline, its figures targets again), so a part
// ends before it.

// reInterp is an interpretation heading: a short line naming a document in
// 《》 and ending in 解读 / 答记者问 / 问答, or opening with a 【…解读】 tag.
var reInterp = regexp.MustCompile(`^(?:【[^】]{0,8}(?:解读|图解)】.*|.*《[^》]+》.{0,12}(?:解读|答记者问|问答|图解))$`)

// interpHeading reports whether block b is an interpretation heading.
func interpHeading(b schema.Block) bool {
	if b.Kind == schema.BlockTable {
		return false
	}
	t := clean(b.Text)
	if t == "" || utf8.RuneCountInString(t) > 120 || strings.ContainsAny(t, "。；") || notTitleStart(t) {
		return false
	}
	return reInterp.MatchString(cjk.RemoveSpace(t))
}

// cutInterp returns the end of the part [s, e) without an interpretation
// that follows the policy: the first interpretation heading after at least
// minBody runes of the part, or e. When the part does not open with a notice
// head (headed false), the heading must name a document whose name the part
// printed before it (the page's title line), so that an interpretation
// printed above its policy is never taken for one below it.
func cutInterp(bl []schema.Block, s, e int, headed bool) int {
	n := 0
	var seen strings.Builder
	for i := s; i < e; i++ {
		if n >= minBody && interpHeading(bl[i]) && (headed || namedBefore(bl[i].Text, seen.String())) {
			return i
		}
		n += utf8.RuneCountInString(bl[i].Text)
		if !headed {
			seen.WriteString(cjk.RemoveSpace(bl[i].Text))
		}
	}
	return e
}

// namedBefore reports whether the document the heading names in 《》 occurs
// in before.
func namedBefore(heading, before string) bool {
	t := cjk.RemoveSpace(heading)
	i := strings.Index(t, "《")
	j := strings.LastIndex(t, "》")
	if i < 0 || j <= i {
		return false
	}
	name := t[i+len("《") : j]
	return utf8.RuneCountInString(name) >= 4 && strings.Contains(before, name)
}
