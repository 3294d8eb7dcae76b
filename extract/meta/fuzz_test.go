package meta

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzExtract(f *testing.F) {
	f.Add("某市人民政府关于印发某方案的通知\n某政发〔2020〕1号\n各单位：\n现印发。\n某市人民政府\n2020年1月2日")
	f.Add("发文字号:\n成文日期：二〇二〇年十月一日\n标 题:")
	f.Add("关于\n的通知(〔2020〕号)各：")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		m, _ := Extract(docOf(s))
		if m.IssueDate != "" && len(m.IssueDate) != 10 {
			t.Errorf("issue date %q", m.IssueDate)
		}
		if m.DocNumber != "" && (!strings.Contains(m.DocNumber, "〔") || strings.ContainsAny(m.DocNumber, " \t")) {
			t.Errorf("doc number %q", m.DocNumber)
		}
		_ = ParseDate(s)
		_ = NormalizeDocNumber(s)
	})
}
