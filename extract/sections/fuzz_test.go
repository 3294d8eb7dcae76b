package sections

import (
	"testing"
	"unicode/utf8"
)

func FuzzExtract(f *testing.F) {
	f.Add("一、甲\n（一）乙\n1.丙\n(1)丁\n①戊\n附件1\n序号\t名称\n1.\t某")
	f.Add("第一章 总 则\n第一条 【甲】乙。\n# 标题\n## 二、丙")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		doc := docOf(s)
		secs := Extract(doc)
		for i, sec := range secs {
			if !sec.Span.Valid(len(doc.Text)) || sec.Span.Start > sec.Span.End {
				t.Fatalf("section %d span %v", i, sec.Span)
			}
			if sec.Parent >= i || sec.Parent < -1 || sec.Level < 1 {
				t.Fatalf("section %d parent %d level %d", i, sec.Parent, sec.Level)
			}
		}
	})
}
