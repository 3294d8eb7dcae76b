package tasks

import (
	"strings"
	"testing"
)

// BenchmarkExtractRunOn measures a flattened page: one long line of items.
func BenchmarkExtractRunOn(b *testing.B) {
	d := loadDict(b)
	item := "(一)支持企业科技创新。支持制造业企业加快产业关键核心技术攻关及产业化，促进创新成果转化。(责任单位:市科技局、发展改革委、工业和信息化局、市场监管局、财政局) "
	doc := docFrom("# juris: 柳州市\n" + strings.Repeat(item, 300))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(doc, d)
	}
}
