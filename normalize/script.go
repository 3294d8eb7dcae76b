package normalize

import (
	"regexp"
	"strings"

	"policyx/lexicon/script"
	"policyx/schema"
)

// rePinyinGloss is the toned pinyin some converting mirrors print after a
// character (印發(fā), 區(qū)): a gloss, not text; it broke 文号 (絳政辦發(fā)〔2023〕14號)
// and titles.
var rePinyinGloss = regexp.MustCompile(`(\p{Han})\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)`)

// simplify rewrites a document written in traditional characters (a big5
// mirror's copy of 懷政辦發〔2023〕9號) in simplified ones, character by
// character, so that the 文号, the role labels (責任單位) and the units
// (萬元) read as everywhere else. A text in simplified characters is left
// as it is, also where it names 乾隆 or quotes a title in traditional ones.
// The pinyin glosses of such copies go with the conversion.
func simplify(doc *schema.Document) {
	t := script.MustLoad()
	var all strings.Builder
	for _, b := range doc.Blocks {
		all.WriteString(b.Text)
		for _, r := range b.Rows {
			for _, c := range r {
				all.WriteString(c)
			}
		}
	}
	if !t.Traditional(all.String()) {
		return
	}
	simple := func(s string) string { return t.Simplify(rePinyinGloss.ReplaceAllString(s, "$1")) }
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		b.Text = simple(b.Text)
		for _, r := range b.Rows {
			for k, c := range r {
				r[k] = simple(c)
			}
		}
	}
	doc.Diagnostics = append(doc.Diagnostics, schema.Diagnostic{Severity: schema.SevInfo, Stage: "normalize",
		Message: "traditional characters read as simplified ones"})
}
