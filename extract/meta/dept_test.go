package meta

import (
	"testing"

	"policyx/lexicon/dept"
)

// TestExtractWithDepartments expands an abbreviated issuer taken from the
// title through the department dictionary.
func TestExtractWithDepartments(t *testing.T) {
	d, err := dept.Load()
	if err != nil {
		t.Fatal(err)
	}
	doc := docOf(`自治区科技厅关于印发某某指引的通知(桂科规字〔2025〕9号)
各有关单位：
现将《某某指引》印发给你们，请遵照执行。
2025年4月8日
某某指引
一、总体要求`)
	m, _ := ExtractWith(doc, d)
	if m.Issuer != "广西壮族自治区科学技术厅" || m.Jurisdiction != "广西壮族自治区" || m.DocNumber != "桂科规字〔2025〕9号" || m.IssueDate != "2025-04-08" {
		t.Errorf("got %+v", m)
	}
	m, _ = Extract(doc) // without the dictionary the prefix still resolves
	if m.Issuer != "广西壮族自治区科技厅" {
		t.Errorf("without dictionary: issuer %q", m.Issuer)
	}
}

func TestCentral(t *testing.T) {
	p := mustPlaces()
	for _, o := range []string{"最高人民法院", "中共中央办公厅", "国家发展改革委", "中国银行保险监督管理委员会", "全国人大常委会办公厅"} {
		if got := p.FromOrgan(o); got != Central {
			t.Errorf("FromOrgan(%q) = %q", o, got)
		}
	}
}
