package place

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every entry parses (Load checks columns, kinds, parents and that no short
// name or 文号 prefix names two places), and the data holds what both the
// metadata extractor and the department normalizer rely on.
func TestLoad(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, p := range g.Places() {
		count[p.Kind]++
		if strings.ContainsAny(p.Name, " \t　") {
			t.Errorf("%q: white space in name", p.Name)
		}
		switch p.Kind {
		case Province:
			if !strings.HasSuffix(p.Name, "省") && !strings.HasSuffix(p.Name, "自治区") && !strings.HasSuffix(p.Name, "市") && !strings.HasSuffix(p.Name, "特别行政区") {
				t.Errorf("%s: not a province-level name", p.Name)
			}
		case City:
			// The usual short name is the full name without 市.
			if len(p.Shorts) > 0 && p.Shorts[0]+"市" != p.Name {
				t.Errorf("%s: short name %q", p.Name, p.Shorts[0])
			}
		case District:
			if pl, _ := g.Lookup(p.Parent); !strings.HasPrefix(p.Name, p.Parent) && (pl.Kind != Province || strings.HasSuffix(p.Parent, "市")) {
				t.Errorf("%s: a district is listed under its city", p.Name)
			}
		}
		for _, a := range p.Abbrevs {
			if utf8.RuneCountInString(a) > 2 {
				t.Errorf("%s: 文号 prefix %q too long", p.Name, a)
			}
		}
	}
	if count[Province] != 34 || count[City] < 250 || count[Nation] != 1 {
		t.Errorf("kinds: %v", count)
	}
}

func TestParseRejectsConflicts(t *testing.T) {
	for _, data := range []string{
		"甲省\tprov\t-\t甲\t-\n", // short name of one rune
		"甲乙省\tprov\t-\t甲乙\t甲\n丙丁省\tprov\t-\t丙丁\t甲\n",                        // one 文号 prefix, two places
		"甲乙省\tprov\t-\t甲乙\t-\n甲乙市\tcity\t甲乙省\t甲乙\t-\n",                      // one short name, two places
		"甲乙市\tcity\t丙丁省\t甲乙\t-\n",                                           // unknown parent
		"甲乙省\tprov\t-\t甲乙\t-\n甲乙省\tprov\t-\t-\t-\n",                         // duplicate
		"丙丁省\tprov\t-\t-\t-\n甲市\tcity\t丙丁省\t-\t-\n乙县\tdistrict\t甲市\t-\t-\n", // district not named after its city
		"甲乙省\tprov\t-\t甲乙\n",                                                // columns
		"甲乙省\tcounty\t-\t-\t-\n",                                            // kind
		"甲乙省\tprov\t-\t丙丁市\t-\n丙丁市\tcity\t甲乙省\t丙丁\t-\n",                     // short name is a full name
	} {
		if _, err := parse(data, "甲乙省\tprov\t-\t-\t-\n", "国务院\n"); err == nil {
			t.Errorf("no error for %q", data)
		}
	}
}

func TestLookups(t *testing.T) {
	g := MustLoad()
	for _, tc := range []struct{ in, want string }{
		{"桂政发〔2018〕51号", "广西壮族自治区"},
		{"柳办发〔2021〕18号", "柳州市"},
		{"穗卫函〔2023〕1930号", "广州市"},
		{"穗埔组通〔2024〕6号", "广州市黄埔区"},
		{"沪府办发〔2025〕17号", "上海市"},
		{"粤府办〔2025〕16号", "广东省"},
		{"滇政发〔2020〕1号", "云南省"},
		{"云政发〔2020〕1号", "云南省"},
		{"国办发〔2018〕128号", National},
		{"某字〔2018〕1号", ""},
	} {
		if got := g.FromDocNumber(tc.in); got != tc.want {
			t.Errorf("FromDocNumber(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if m, f := g.Prefix("广西科技厅"); m != "广西" || f != "广西壮族自治区" {
		t.Errorf("Prefix: %q %q", m, f)
	}
	if m, f := g.Prefix("内蒙古自治区人民政府"); m != "内蒙古自治区" || f != m {
		t.Errorf("Prefix: %q %q", m, f)
	}
	if got := g.FullPrefix("柳州科技局"); got != "" {
		t.Errorf("FullPrefix(柳州科技局) = %q", got)
	}
	if got := g.Full("吉林"); got != "吉林省" {
		t.Errorf("Full(吉林) = %q", got)
	}
	if p, ok := g.Regional("柳州市"); !ok || p.Parent != "广西壮族自治区" {
		t.Errorf("Regional(柳州市) = %+v", p)
	}
	if _, ok := g.Regional("广州市黄埔区"); ok {
		t.Error("a district is not regional")
	}
	if g.CentralPrefix("国务院办公厅") != "国务院" || g.CentralPrefix("柳州市人民政府") != "" {
		t.Error("CentralPrefix")
	}
}

// The one resolver: issuer first, then the longest 文号 prefix, the title's
// organs, the metadata box, the text.
func TestJurisdiction(t *testing.T) {
	g := MustLoad()
	tests := []struct {
		name string
		e    Evidence
		want string
	}{
		{"district issuer of a 直辖市", Evidence{Issuers: []string{"重庆市渝北区人民政府办公室"}}, "重庆市渝北区"},
		{"district issuer of a city", Evidence{Issuers: []string{"广州市海珠区人力资源和社会保障局"}}, "广州市海珠区"},
		{"county", Evidence{Issuers: []string{"重庆市奉节县人民政府"}}, "重庆市奉节县"},
		{"county-level city keeps its name", Evidence{Issuers: []string{"简阳市人民政府"}}, "简阳市"},
		{"Beijing district", Evidence{Issuers: []string{"北京市海淀区人民政府"}}, "北京市海淀区"},
		{"province", Evidence{Issuers: []string{"四川省人民政府办公厅"}}, "四川省"},
		// a city or county signed with its province in front (法律资料网
		// pages): the city's, not the province's
		{"city after its province", Evidence{Issuers: []string{"江西省吉安市人民政府办公室"}}, "吉安市"},
		{"county after its province", Evidence{Issuers: []string{"安徽省太湖县人民政府"}}, "安庆市太湖县"},
		{"district after province and city", Evidence{Issuers: []string{"江苏省淮安市洪泽区人民政府"}}, "淮安市洪泽区"},
		// counter-examples: a zone or a department after the province is
		// the province's; a city of another province is not taken
		{"province zone", Evidence{Issuers: []string{"江西省赣江新区管理委员会"}}, "江西省"},
		{"province bureau", Evidence{Issuers: []string{"广东省林业局"}}, "广东省"},
		{"city of another province", Evidence{Issuers: []string{"江西省南京市场监管协会"}}, "江西省"},
		{"central", Evidence{Issuers: []string{"国务院办公厅"}}, National},
		{"longest 文号 prefix wins", Evidence{DocNumber: "穗埔府规〔2024〕3号"}, "广州市黄埔区"},
		{"city 文号", Evidence{DocNumber: "穗府办〔2023〕5号"}, "广州市"},
		// 东莞 signs 东府〔2021〕54号, not by its 莞; 东营 is 东政发
		{"city 文号 not by its own rune", Evidence{DocNumber: "东府〔2021〕54号"}, "东莞市"},
		{"another 东 city", Evidence{DocNumber: "东政发〔2023〕1号"}, ""},
		{"title prefix", Evidence{TitlePrefix: "上海市人民政府办公厅"}, "上海市"},
		{"issuer before 文号", Evidence{Issuers: []string{"广州市人民政府"}, DocNumber: "穗埔府规〔2024〕3号"}, "广州市"},
		// 青 is 青海's prefix and 青岛's first rune: a 青岛市人民政府公报
		// notice that names 青岛, never 青海, is 青岛's
		{"city sharing a province's rune", Evidence{DocNumber: "青政发〔2019〕1号", Text: "各区、市人民政府,青岛西海岸新区管委,市政府各部门,市直各单位:(责任单位:市人力资源社会保障局、市财政局,各区、市政府,青岛高新区管委)"}, "青岛市"},
		// counter-examples: the province named; no city named
		{"province named", Evidence{DocNumber: "青政发〔2019〕1号", Text: "青海省人民政府决定，西宁市、海东市和青岛市开展对口协作"}, "青海省"},
		{"no city named", Evidence{DocNumber: "青政发〔2019〕1号", Text: "各市州人民政府，省政府各委办厅局"}, "青海省"},
		{"bare district completed from the text", Evidence{Issuers: []string{"洪泽区人民政府"}, Text: "淮安市洪泽区人民政府2023年政府信息公开工作年度报告"}, "淮安市洪泽区"},
		{"bare district completed from the gazetteer", Evidence{Issuers: []string{"渝北区人民政府"}}, "重庆市渝北区"},
		// a one-rune county (泾政〔2023〕1号 is 泾县人民政府's) and districts
		// whose names end like the words 城区, 新区 are places
		{"one-rune county", Evidence{Issuers: []string{"泾县人民政府"}}, "宣城市泾县"},
		{"district ending in 城区", Evidence{Issuers: []string{"亳州市谯城区人民政府办公室"}}, "亳州市谯城区"},
		{"district ending in 新区", Evidence{Issuers: []string{"上海市浦东新区人民政府"}}, "上海市浦东新区"},
		// counter-examples: 主城区 is no district; 城区 alone names three
		{"main urban area", Evidence{Issuers: []string{"亳州市主城区改造指挥部"}}, "亳州市"},
		{"ambiguous one-rune district", Evidence{Issuers: []string{"城区人民政府"}}, ""},
		// a county-level city before a long working body's name, named as
		// 东阳市人民政府 is (the county-level city keeps its name)
		{"county-level city working body", Evidence{Issuers: []string{"东阳市促进残疾人就业工作领导小组办公室"}}, "东阳市"},
		{"county-level city office", Evidence{Issuers: []string{"东阳市人民政府办公室"}}, "东阳市"},
		// counter-example: 城市 is no city
		{"city word", Evidence{Issuers: []string{"城市管理综合执法指挥中心"}}, ""},
		// counter-examples: a zone is not a district; a name shared by two
		// cities' districts is not completed.
		{"zone", Evidence{Issuers: []string{"广州市高新区管委会"}}, "广州市"},
		{"ambiguous bare district", Evidence{Issuers: []string{"鼓楼区人民政府"}}, "鼓楼区"},
		// a shared district name whose city the text names (南京市鼓楼区's
		// 十四五 plan: 在南京“高质量发展的创新名城、高品质生活的美丽古都”建设中)
		{"shared district, city named", Evidence{Issuers: []string{"鼓楼区人民政府"}, Text: "是鼓楼在“争当表率、争做示范、走在前列”中展现更大作为,在南京“高质量发展的创新名城、高品质生活的美丽古都”建设中做出更大贡献的关键阶段"}, "南京市鼓楼区"},
		// counter-example: two of its cities named
		{"shared district, two cities named", Evidence{Issuers: []string{"鼓楼区人民政府"}, Text: "南京、福州两地鼓楼区开展结对交流"}, "鼓楼区"},
		{"nothing", Evidence{}, ""},
	}
	for _, tt := range tests {
		if got := g.Jurisdiction(tt.e); got != tt.want {
			t.Errorf("%s: Jurisdiction(%+v) = %q, want %q", tt.name, tt.e, got, tt.want)
		}
	}
}

func ExampleGazetteer_Jurisdiction() {
	g := MustLoad()
	fmt.Println(g.Jurisdiction(Evidence{Issuers: []string{"重庆市渝北区人民政府"}}))
	fmt.Println(g.Jurisdiction(Evidence{DocNumber: "穗埔府规〔2024〕3号"}))
	// Output:
	// 重庆市渝北区
	// 广州市黄埔区
}

func TestDistrictPrefix(t *testing.T) {
	g := MustLoad()
	for in, want := range map[string]string{
		"静安区人民政府办公室": "静安区",
		"泾县人民政府":     "泾县",
		// counter-examples: words, not districts
		"主城区改造指挥部": "",
		"开发区管委会":   "",
		"县人民政府":    "",
	} {
		if got := g.DistrictPrefix(in); got != want {
			t.Errorf("DistrictPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}
