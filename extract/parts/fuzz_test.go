package parts

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzSplit(f *testing.F) {
	f.Add(strings.ReplaceAll(listing, "BODY", body))
	f.Add("甲关于印发乙的通知\n各单位：\n" + body + "\n12\n丙关于丁的意见(甲〔2020〕1号)各部门：" + body)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for i, p := range Split(docOf(s)) {
			if p.Part != i+1 {
				t.Fatalf("part %d numbered %d", i+1, p.Part)
			}
			for _, b := range p.Blocks {
				if !b.Span.Valid(len(p.Text)) || p.Text[b.Span.Start:b.Span.End] != b.Text {
					t.Fatalf("part %d: bad span %v", i+1, b.Span)
				}
			}
		}
	})
}
