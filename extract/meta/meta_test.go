package meta

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// docOf builds a normalized document from text, one block per non-empty line.
func docOf(text string) *schema.Document {
	doc := testsupport.Doc(text)
	doc.Part = 1
	return doc
}

func TestNormalizeDocNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"甲政发〔2020〕7号", "甲政发〔2020〕7号"},
		{"甲政发[2020]7号", "甲政发〔2020〕7号"},
		{"甲政发［2020］7号", "甲政发〔2020〕7号"},
		{"甲政发【2020】7号", "甲政发〔2020〕7号"},
		{"甲政发(2020)7号", "甲政发〔2020〕7号"},
		{"甲政发（2020）7号", "甲政发〔2020〕7号"},
		{"甲办发〔2020〕 17 号", "甲办发〔2020〕17号"},
		{"财建„2009‟165号", "财建〔2009〕165号"},
		{"„引号‟中的2009年", ""},
		{"甲办发 〔 2020 〕17号", "甲办发〔2020〕17号"},
		{"发文字号：乙科规字〔2023〕3号", "发文字号：乙科规字〔2023〕3号"[len("发文字号："):]},
		{"无", ""},
		{"2023年5月", ""},
	} {
		if got := NormalizeDocNumber(tc.in); got != tc.want {
			t.Errorf("NormalizeDocNumber(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The digits of a Chinese date come from lexicon/outline.
func TestDateDigits(t *testing.T) {
	sorted := func(s string) string { rs := []rune(s); slices.Sort(rs); return string(rs) }
	if got, want := dateDigits(true), sorted("〇○零OΟ0一二三四五六七八九"); got != want {
		t.Errorf("year digits %q, want %q", got, want)
	}
	if got, want := dateDigits(false), sorted("一二三四五六七八九"); got != want {
		t.Errorf("month digits %q, want %q", got, want)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2019年4月10日", "2019-04-10"},
		{"2021 年 11月 2 日", "2021-11-02"},
		{"2025年02月06日", "2025-02-06"},
		{"二〇一八年十一月十九日", "2018-11-19"},
		{"二○二○年一月三十一日", "2020-01-31"},
		{"二〇二一年十二月十日", "2021-12-10"},
		{"2025-06-30", "2025-06-30"},
		{"2025/6/3", "2025-06-03"},
		{"2025年13月1日", ""},
		{"第三季度", ""},
	} {
		if got := ParseDate(tc.in); got != tc.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTrimManyOrgans(t *testing.T) {
	for in, want := range map[string]string{
		"自治区科技厅等5部门":     "自治区科技厅",
		"市发展改革委等两部门":     "市发展改革委",
		"市教育局等 12 家单位":   "市教育局",
		"市科技局、市财政局等十个部门": "市科技局、市财政局",
		"市科技局等部门":        "市科技局等部门", // no count: not the tail
		"市人力资源和社会保障局":    "市人力资源和社会保障局",
	} {
		if got := trimManyOrgans(in); got != want {
			t.Errorf("trimManyOrgans(%q) = %q, want %q", in, got, want)
		}
	}
}

// The body's first heading and an attachment label line are read with
// lexicon/outline.
func TestBodyStartAttachLine(t *testing.T) {
	for in, want := range map[string]bool{
		"一、总体要求": true, "第一章 总则": true, "第一条 为了规范专项资金管理": true, "第一部分 发展基础": true,
		"二、重点任务": false, "第一节 一般规定": false, "（一）主要目标": false, "一是加强组织领导": false,
	} {
		if got := bodyStart(in); got != want {
			t.Errorf("bodyStart(%q) = %v", in, got)
		}
	}
	for in, want := range map[string]bool{
		"附件": true, "附件2：": true, "附件 3": true, "附表1:": true, "附件一": true,
		"附件2：重点项目清单": false, "附件说明": false, "附则": false,
	} {
		if got := attachLine(in); got != want {
			t.Errorf("attachLine(%q) = %v", in, got)
		}
	}
}

func TestCompactTitle(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"某某市人民政府 关于印发 某某方案的通知", "某某市人民政府关于印发某某方案的通知"},
		{"## 推进 5G 网络建设的意见", "推进5G网络建设的意见"},
		{"Type A 标准", "Type A标准"},
	} {
		if got := CompactTitle(tc.in); got != tc.want {
			t.Errorf("CompactTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFromOrgan(t *testing.T) {
	p := mustPlaces()
	for _, tc := range []struct{ in, want string }{
		{"广西壮族自治区科学技术厅", "广西壮族自治区"},
		{"中共柳州市委办公室", "柳州市"},
		{"广州市海珠区教育局", "广州市海珠区"},
		{"广州市人民政府", "广州市"},
		{"国务院办公厅", Central},
		{"海关总署", Central},
		{"财政部", Central},
		{"国家税务总局广西壮族自治区税务局", "广西壮族自治区"},
		{"甲乙市人民政府", "甲乙市"},
		{"广州开发区管理委员会", "广州市"},
	} {
		if got := p.FromOrgan(tc.in); got != tc.want {
			t.Errorf("FromOrgan(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplitOrgans(t *testing.T) {
	p := mustPlaces()
	for _, tc := range []struct{ in, want string }{
		{"中共南宁市委办公室 南宁市人民政府办公室", "中共南宁市委办公室|南宁市人民政府办公室"},
		{"中共南宁市委办公室南宁市人民政府办公室", "中共南宁市委办公室|南宁市人民政府办公室"},
		{"广东省财政厅广东省教育厅", "广东省财政厅|广东省教育厅"},
		{"国家税务总局广东省税务局中华人民共和国广州海关", "国家税务总局广东省税务局|中华人民共和国广州海关"},
		{"国务院办公厅", "国务院办公厅"},
		{"市民政局市财政局", "市民政局|市财政局"},
		{"区委办公室区政府办公室", "区委办公室|区政府办公室"},
		{"自治区人民政府办公厅", "自治区人民政府办公厅"},
		// a mangled &nbsp; after the name (国办发〔1996〕32号 on its site)
		{"国务院办公厅         &sp;", "国务院办公厅"},
		{"国务院办公厅 &nbsp; &#160;", "国务院办公厅"},
		// counter-example: a name holding an & is no entity
		{"市R&D服务中心", "市R&D服务中心"},
	} {
		if got := strings.Join(p.splitOrgans(tc.in), "|"); got != tc.want {
			t.Errorf("splitOrgans(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestExtractGolden runs Extract over testdata/*.txtar: each archive holds an
// "in" text and a "want" file of field: value lines.
func TestExtractGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			files := parseArchive(string(data))
			in, want := files["in"], files["want"]
			m, _ := Extract(docOf(in))
			got := map[string]string{"title": m.Title, "doc_number": m.DocNumber, "issuer": m.Issuer, "issue_date": m.IssueDate, "jurisdiction": m.Jurisdiction}
			for _, l := range strings.Split(strings.TrimSpace(want), "\n") {
				k, v, _ := strings.Cut(l, ":")
				k, v = strings.TrimSpace(k), strings.TrimSpace(v)
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

// parseArchive reads a txtar-style archive: "-- name --" lines start files.
func parseArchive(s string) map[string]string {
	out := map[string]string{}
	name := ""
	for _, l := range strings.SplitAfter(s, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") {
			name = strings.TrimSpace(t[3 : len(t)-3])
			continue
		}
		if name != "" {
			out[name] += l
		}
	}
	return out
}

func TestZoneDistrict(t *testing.T) {
	p := mustPlaces()
	for _, c := range []struct{ organ, city, want string }{
		{"广州南沙经济技术开发区科学技术局", "广州市", "广州市南沙区"},
		{"广州开发区管理委员会", "广州市", ""},
		{"柳州高新区管委会", "柳州市", ""},
		{"广州市海珠区人力资源和社会保障局", "广州市海珠区", ""},
	} {
		if got := p.zoneDistrict(c.organ, c.city); got != c.want {
			t.Errorf("zoneDistrict(%q, %q) = %q, want %q", c.organ, c.city, got, c.want)
		}
	}
}

func TestUnwrapBook(t *testing.T) {
	for in, want := range map[string]string{
		"《浙江省人民政府办公厅关于印发2019年政府工作报告重点工作责任分解的通知》": "浙江省人民政府办公厅关于印发2019年政府工作报告重点工作责任分解的通知",
		"关于印发《上海市脑机接口未来产业培育行动方案（2025-2030年）》的通知": "关于印发《上海市脑机接口未来产业培育行动方案（2025-2030年）》的通知",
		"《关于印发〈办法〉的通知》和《细则》":                     "《关于印发〈办法〉的通知》和《细则》",
		// a wrapped title's quoted name comes back to 《》
		"《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》": "北京市人民政府办公厅关于印发《北京市2016年政务公开工作要点》的通知",
	} {
		if got := unwrapBook(in); got != want {
			t.Errorf("unwrapBook(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGluedField(t *testing.T) {
	for _, tc := range []struct {
		in   string
		f    boxField
		want string
	}{
		{"标 题河南省人民政府关于印发促进经济平稳健康发展若干政策措施的通知", boxTitle, "河南省人民政府关于印发促进经济平稳健康发展若干政策措施的通知"},
		{"发文字号豫政〔2015〕24号 时 效根据《决定》", boxDocNum, "豫政〔2015〕24号"},
		{"文号 | 汉政办发〔2021〕88号 | 成文日期: | 2021年09月28日 |", boxDocNum, "汉政办发〔2021〕88号"},
		// a body sentence that opens with the word 标题 or 文号 is no box line
		{"标题党现象要坚决纠正，关于此事的通知另行下发。", boxNone, ""},
		{"文号一律按规定编排。", boxNone, ""},
	} {
		f, v := gluedField(tc.in)
		if f != tc.f || v != tc.want {
			t.Errorf("gluedField(%q) = %v, %q; want %v, %q", tc.in, f, v, tc.f, tc.want)
		}
	}
}

func TestInnerDocNum(t *testing.T) {
	for in, want := range map[string]string{
		"发布机构区人民政府办公室文 号蔡政办〔2023〕1号": "蔡政办〔2023〕1号",
		// a body sentence citing a 文号 is no box line
		"根据上级文件要求,文号为桂政发〔2018〕51号的通知继续有效。": "",
		"发布机构区人民政府办公室文 号":                  "",
	} {
		if got := innerDocNum(in); got != want {
			t.Errorf("innerDocNum(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCityOfDocNum(t *testing.T) {
	p := mustPlaces()
	for _, tc := range []struct{ num, text, prov, want string }{
		{"菏政办字〔2023〕1号", "现将《菏泽市深化新旧动能转换推动绿色低碳高质量发展分工落实方案》印发给你们", "山东省", "菏泽市"},
		// two cities of the province open with 济 and both are named
		{"济政发〔2023〕1号", "济南市、济宁市要加强协作", "山东省", ""},
		// the city the 文号 opens with is not named
		{"菏政办字〔2023〕1号", "经省政府同意，现印发给你们", "山东省", ""},
		// a city's jurisdiction is kept
		{"菏政办字〔2023〕1号", "菏泽市", "青岛市", ""},
	} {
		if got := p.cityOfDocNum(tc.num, tc.text, tc.prov); got != tc.want {
			t.Errorf("cityOfDocNum(%q, %q, %q) = %q, want %q", tc.num, tc.text, tc.prov, got, tc.want)
		}
	}
}

func TestAnnounceNumberLine(t *testing.T) {
	for in, want := range map[string]bool{
		"国家税务总局公告2023年第3号":            true,
		"财政部、税务总局公告2023年第12号":         true,
		"根据国家税务总局公告2023年第3号的规定，现公告如下": false,
	} {
		if got := reAnnounce.MatchString(in); got != want {
			t.Errorf("reAnnounce(%q) = %v, want %v", in, got, want)
		}
	}
}

// The 附注 under a signature is no title (辽源市人民政府办公室 / 2024年4月22日
// / (此件公开发布) / 辽源市2024年营商环境优化重点行动方案).
func TestTitleLikeBracketed(t *testing.T) {
	for in, want := range map[string]bool{
		"(此件公开发布)":             false,
		"（此件主动公开）":             false,
		"（征求意见稿）":              false,
		"辽源市2024年营商环境优化重点行动方案": true,
		// counter-examples: brackets inside or at the end of a title
		"厦门市聚焦企业关切进一步落实优化营商环境政策的若干措施（试行）": true,
		"（一）加强组织领导（市发改委）":                 true,
	} {
		if got := titleLike(in); got != want {
			t.Errorf("titleLike(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCountyOfDocNum(t *testing.T) {
	p := mustPlaces()
	for _, tc := range []struct{ num, text, juris, want string }{
		{"华政发〔2021〕2号", "来源:华容县政府 2021-03-23", "", "岳阳市华容县"},
		{"华政发〔2021〕2号", "来源:华容县政府 2021-03-23", "湖南省", "岳阳市华容县"},
		// counter-examples: a county of another province than the one
		// found; no county named; two counties opening with the rune
		{"华政发〔2021〕2号", "来源:华容县政府", "广东省", ""},
		{"华政发〔2021〕2号", "各乡镇人民政府、县直各单位", "", ""},
		{"泾政〔2023〕1号", "泾县、泾阳县两地合作", "", ""},
	} {
		if got := p.countyOfDocNum(tc.num, tc.text, tc.juris); got != tc.want {
			t.Errorf("countyOfDocNum(%q, %q, %q) = %q, want %q", tc.num, tc.text, tc.juris, got, tc.want)
		}
	}
}

// A working body's quoted name is an organ; a line with an unpaired or long
// quote is not (文成县公共服务“七优享”工程工作专班办公室).
func TestIsOrganQuotes(t *testing.T) {
	for in, want := range map[string]bool{
		"文成县公共服务“七优享”工程工作专班办公室": true,
		"县“双减”工作领导小组办公室":        true,
		"县政府办公室": true,
		// counter-examples
		"“七优享”工程工作专班办公室”":           false,
		"打响“宜学文成教育高质量发展示范县建设”品牌办公室": false,
	} {
		if got := isOrgan(in); got != want {
			t.Errorf("isOrgan(%q) = %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]bool{
		"(文成县人民政府办公室代章)": true,
		"（代章）":           true,
		"(此件公开发布)":       false,
	} {
		if got := reSealNote.MatchString(in); got != want {
			t.Errorf("reSealNote(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestOnlyCounty(t *testing.T) {
	p := mustPlaces()
	for _, tc := range []struct{ head, juris, want string }{
		{"来源:华容县政府   2021-03-23 10:56", "", "岳阳市华容县"},
		{"来源:华容县政府   2021-03-23 10:56", "岳阳市", "岳阳市华容县"},
		// counter-examples: two counties named; one outside the city
		// found before; none named (县直各单位 is none)
		{"华容县、平江县人民政府", "", ""},
		{"来源:华容县政府", "玉林市", ""},
		{"各乡镇人民政府、县直各单位:", "", ""},
	} {
		if got := p.onlyCounty(tc.head, tc.juris); got != tc.want {
			t.Errorf("onlyCounty(%q, %q) = %q, want %q", tc.head, tc.juris, got, tc.want)
		}
	}
}

// A signature line may carry its 代章 note (…工作专班办公室（文成县人民政府
// 办公室代章）); a line that is only the note names no organ.
func TestOrganLineSealNote(t *testing.T) {
	p := mustPlaces()
	for in, want := range map[string]string{
		"文成县公共服务“七优享”工程工作专班办公室（文成县人民政府办公室代章）": "文成县公共服务“七优享”工程工作专班办公室",
		"（文成县人民政府办公室代章）":                      "",
		// counter-example: a bracket that is no 代章 note
		"东阳市人民政府办公室（此件公开发布）": "",
	} {
		if got := strings.Join(p.organLine(in), "|"); got != want {
			t.Errorf("organLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLeadPlace(t *testing.T) {
	p := mustPlaces()
	for in, want := range map[string]string{
		"新昌县森林火灾事故应急预案":        "新昌县",
		"辽源市2024年营商环境优化重点行动方案": "辽源市",
		// counter-examples: no place first; a word that is no place
		"关于印发某某方案的通知": "",
		"城市管理综合执法办法":  "",
	} {
		if got := p.leadPlace(in); got != want {
			t.Errorf("leadPlace(%q) = %q, want %q", in, got, want)
		}
	}
}

// A collection site numbers the documents it gathers 第一篇:…; a plan's part
// heading 第一篇 总体要求 still opens the body.
func TestBodyStartCollectionItem(t *testing.T) {
	for in, want := range map[string]bool{
		"第一篇:湖南省人民政府办公厅文件": false,
		"第一篇：湖南省人民政府办公厅文件": false,
		"第一篇 总体要求":         true,
		"第一章 总则":           true,
		"一、总体要求":           true,
	} {
		if got := bodyStart(in); got != want {
			t.Errorf("bodyStart(%q) = %v, want %v", in, got, want)
		}
	}
}
