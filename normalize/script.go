package normalize

import (
	"strings"

	"policyx/lexicon/script"
	"policyx/schema"
)

// simplify rewrites a document written in traditional characters (a big5
// mirror's copy of 懷政辦發〔2023〕9號) in simplified ones, character by
// character, so that the 文号, the role labels (責任單位) and the units
// (萬元) read as everywhere else. A text in simplified characters is left
// as it is, also where it names 乾隆 or quotes a title in traditional ones.
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
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		b.Text = t.Simplify(b.Text)
		for _, r := range b.Rows {
			for k, c := range r {
				r[k] = t.Simplify(c)
			}
		}
	}
	doc.Diagnostics = append(doc.Diagnostics, schema.Diagnostic{Severity: schema.SevInfo, Stage: "normalize",
		Message: "traditional characters read as simplified ones"})
}
