package place

import (
	"strings"
	"testing"
)

// The generated county-level divisions (data/counties.tsv): every province of
// the mainland has them, full names resolve to the right parent, a bare name
// shared by several places resolves to none of them.
func TestCountiesEveryProvince(t *testing.T) {
	g := MustLoad()
	per := map[string]int{}
	for _, p := range g.Places() {
		if p.Kind != District {
			continue
		}
		prov := p.Parent
		if pl, _ := g.Lookup(prov); pl.Kind == City {
			prov = pl.Parent
		}
		per[prov]++
	}
	n := 0
	for _, p := range g.Places() {
		if p.Kind != Province || strings.HasSuffix(p.Name, "特别行政区") || p.Name == "台湾省" {
			continue
		}
		n++
		if per[p.Name] == 0 {
			t.Errorf("%s: no county-level divisions", p.Name)
		}
	}
	if n != 31 || per["河北省"] < 150 || per["北京市"] != 16 || per["重庆市"] != 38 {
		t.Errorf("%d provinces; divisions per province %v", n, per)
	}
}

func TestCountiesResolve(t *testing.T) {
	g := MustLoad()
	for _, tc := range []struct{ full, parent string }{
		{"武汉市江岸区", "武汉市"},
		{"沈阳市铁西区", "沈阳市"},
		{"鞍山市铁西区", "鞍山市"},
		{"恩施土家族苗族自治州来凤县", "恩施土家族苗族自治州"},
		{"锡林郭勒盟正蓝旗", "锡林郭勒盟"},
		{"北京市朝阳区", "北京市"},     // 直辖市 district
		{"重庆市城口县", "重庆市"},     // 直辖市 county
		{"上海市崇明区", "上海市"},     // 直辖市 district not entered by hand
		{"仙桃市", "湖北省"},        // 省直辖县级市
		{"济源市", "河南省"},        // 省直辖县级市
		{"陵水黎族自治县", "海南省"},    // 省直辖县
		{"广州市黄埔区", "广州市"},     // entered by hand too
		{"恩施土家族苗族自治州", "湖北省"}, // a prefecture-level 自治州
		{"喀什地区", "新疆维吾尔自治区"},
	} {
		p, ok := g.Lookup(tc.full)
		if !ok || p.Parent != tc.parent {
			t.Errorf("Lookup(%s) = %+v %v, want parent %s", tc.full, p, ok, tc.parent)
		}
	}
	// The hand-entered row wins over the generated one and keeps its 文号 prefix.
	if p, _ := g.Lookup("广州市黄埔区"); len(p.Abbrevs) == 0 {
		t.Errorf("广州市黄埔区 lost its 文号 prefix: %+v", p)
	}
	for _, tc := range []struct{ issuer, want string }{
		{"成都市武侯区人民政府", "成都市武侯区"},
		{"武侯区人民政府", "成都市武侯区"}, // a bare name of one place only
		{"上海市崇明区人民政府", "上海市崇明区"},
		{"崇明区人民政府", "上海市崇明区"},
		{"仙桃市人民政府", "仙桃市"},
		{"沈阳市铁西区人民政府", "沈阳市铁西区"},
		{"铁西区人民政府", "铁西区"}, // counter-examples: shared bare names
		{"朝阳区人民政府", "朝阳区"},
		{"鼓楼区人民政府", "鼓楼区"},
	} {
		if got := g.Jurisdiction(Evidence{Issuers: []string{tc.issuer}}); got != tc.want {
			t.Errorf("Jurisdiction(%s) = %q, want %q", tc.issuer, got, tc.want)
		}
	}
	for _, bare := range []string{"朝阳区", "鼓楼区", "铁西区", "市中区", "通州区"} {
		if got := g.District(bare); got != "" {
			t.Errorf("District(%s) = %q, want none: the name is shared", bare, got)
		}
		if _, ok := g.Lookup(bare); ok {
			t.Errorf("Lookup(%s) resolves a shared bare name", bare)
		}
	}
	if got := g.District("渝北区"); got != "重庆市渝北区" {
		t.Errorf("District(渝北区) = %q", got)
	}
}

// The generated rows merge with the hand-entered ones: a place in both must
// agree; generated rows carry no hand facts; a full name is never a shared
// bare name.
func TestParseCounties(t *testing.T) {
	const hand = "甲省\tprov\t-\t甲甲\t甲\n乙市\tcity\t甲省\t-\t乙\n乙市丙区\tdistrict\t乙市\t-\t乙丙\n"
	const central = "国务院\n"
	ok := "甲省\tprov\t-\t-\t-\n乙市\tcity\t甲省\t-\t-\n乙市丙区\tdistrict\t乙市\t-\t-\n乙市丁县\tdistrict\t乙市\t-\t-\n戊市\tdistrict\t甲省\t-\t-\n"
	g, err := parse(hand, ok, central)
	if err != nil {
		t.Fatal(err)
	}
	if g.District("丁县") != "乙市丁县" || g.FromDocNumber("乙丙发〔2024〕1号") != "乙市丙区" || g.District("戊市") != "戊市" {
		t.Errorf("merge: %v", g.bare)
	}
	for _, counties := range []string{
		"乙市\tcity\t丙省\t-\t-\n",                                 // disagrees with places.tsv
		"乙市丙区\tcity\t甲省\t-\t-\n",                               // kind disagrees
		"乙市丁县\tdistrict\t乙市\t-\t丁\n",                           // a generated 文号 prefix
		"乙市丁县\tdistrict\t乙市\t-\t-\n乙市丁县\tdistrict\t乙市\t-\t-\n", // duplicate
		"甲省戊市\tdistrict\t甲省\t-\t-\n",                           // a province-direct name with its province
		"乙市丁县\tdistrict\t乙市\t-\t-\n丁县\tdistrict\t甲省\t-\t-\n",   // a full name that is a shared bare name
		"乙市丁县\tdistrict\t己市\t-\t-\n",                           // unknown parent
	} {
		if _, err := parse(hand, counties, central); err == nil {
			t.Errorf("no error for %q", counties)
		}
	}
}
