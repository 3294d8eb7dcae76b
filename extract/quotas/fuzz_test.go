package quotas

import (
	"testing"

	"policyx/schema"
)

// FuzzExtract: any header and cells give quotas without a panic, each with
// a valid span and a row of its table.
func FuzzExtract(f *testing.F) {
	f.Add("单位", "数量（家）", "甲区", "64", "（2021年）")
	f.Add("任务", "2021年", "引进人才（人）", "90%以上", "")
	f.Add("指标", "甲镇", "治理率（%）", "1.2万", "单位：万元")
	f.Fuzz(func(t *testing.T, h0, h1, c0, c1, note string) {
		text := c0 + "\t" + c1
		doc := &schema.Document{Text: text, Meta: schema.Meta{Title: note},
			Tables: []schema.Table{{Ordinal: 1, Title: "目标分解表" + note, UnitNote: note, Header: []string{h0, h1},
				Rows: []schema.TableRow{{Cells: []string{c0, c1}, Span: schema.Span{Start: 0, End: len(text)}},
					{Cells: []string{c1, c0, note}, Span: schema.Span{Start: 0, End: len(text)}}}}}}
		for _, q := range Extract(doc) {
			if !q.Span.Valid(len(doc.Text)) || q.Row < 0 || q.Row >= 2 || q.Source != "table" {
				t.Fatalf("bad quota %+v", q)
			}
		}
	})
}
