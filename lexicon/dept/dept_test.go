package dept

import (
	"fmt"
	"strings"
	"testing"
)

func load(t testing.TB) *Dict {
	t.Helper()
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Every entry maps its mention to exactly one canonical name, and no two
// entries of the same kind give one short form two expansions.
func TestDictionaryConsistent(t *testing.T) {
	d := load(t)
	if len(d.organs) < 200 {
		t.Errorf("only %d organs", len(d.organs))
	}
	for m, o := range d.organs {
		if strings.ContainsAny(m, " \t　") {
			t.Errorf("%q: white space in mention", m)
		}
		// A full local name read back is itself (科学技术局 → 科学技术局).
		if o.kind == kindGov && o.local != "" && !strings.Contains(o.local, "{J}") {
			if back, ok := d.organs[o.local]; ok && back.local != o.local {
				t.Errorf("%q → %q, but %q → %q", m, o.local, o.local, back.local)
			}
		}
		if o.kind == kindNat {
			if back, ok := d.organs[o.national]; ok && back.national != o.national {
				t.Errorf("%q → %q, but %q → %q", m, o.national, o.national, back.national)
			}
		}
		// A mention of a national organ does not also read as a local one.
		if o.kind == kindNat {
			for _, lw := range levelWords {
				if strings.HasPrefix(m, lw) && d.known(strings.TrimPrefix(m, lw)) {
					t.Errorf("%q reads as %s + %s", m, lw, strings.TrimPrefix(m, lw))
				}
			}
		}
		name, _ := d.Canonical("市"+m, "柳州市")
		if o.kind != kindNat && o.local != "" && !strings.Contains(name, "柳州市") {
			t.Errorf("市%s → %q lacks the jurisdiction", m, name)
		}
	}
}

func TestCanonical(t *testing.T) {
	d := load(t)
	tests := []struct{ mention, juris, want, wantJuris string }{
		// 柳州 (a city of 广西)
		{"市科技局", "柳州市", "柳州市科学技术局", "柳州市"},
		{"市工业和信息化局", "柳州市", "柳州市工业和信息化局", "柳州市"},
		{"市工信局", "柳州市", "柳州市工业和信息化局", "柳州市"},
		{"市发展改革委", "柳州市", "柳州市发展和改革委员会", "柳州市"},
		{"市国资委", "柳州市", "柳州市人民政府国有资产监督管理委员会", "柳州市"},
		{"市人力资源社会保障局", "柳州市", "柳州市人力资源和社会保障局", "柳州市"},
		{"市住房城乡建设局", "柳州市", "柳州市住房和城乡建设局", "柳州市"},
		{"市市场监管局", "柳州市", "柳州市市场监督管理局", "柳州市"},
		{"市卫生健康委", "柳州市", "柳州市卫生健康委员会", "柳州市"},
		{"市应急局", "柳州市", "柳州市应急管理局", "柳州市"},
		{"市文化广电旅游局", "柳州市", "柳州市文化广电和旅游局", "柳州市"},
		{"市科协", "柳州市", "柳州市科学技术协会", "柳州市"},
		{"市委组织部", "柳州市", "中共柳州市委组织部", "柳州市"},
		{"市委政法委", "柳州市", "中共柳州市委政法委员会", "柳州市"},
		{"市税务局", "柳州市", "国家税务总局柳州市税务局", "柳州市"},
		{"市重点办", "柳州市", "柳州市重点办", "柳州市"},
		{"市政数局", "广州市", "广州市政务服务数据管理局", "广州市"},
		{"市资规局", "杭州市", "杭州市自然资源和规划局", "杭州市"},
		{"省退役军人厅", "河南省", "河南省退役军人事务厅", "河南省"},
		{"省国动办", "河南省", "河南省国防动员办公室", "河南省"},
		{"市财政局", "柳州市", "柳州市财政局", "柳州市"},
		{"团市委", "柳州市", "共青团柳州市委员会", "柳州市"},
		{"人民银行柳州市中心支行", "柳州市", "中国人民银行柳州市中心支行", "柳州市"},
		// 人行 is short for 人民银行 before a branch
		{"人行柳州市中心支行", "柳州市", "中国人民银行柳州市中心支行", "柳州市"},
		{"人行广州市分行", "广州市", "中国人民银行广州市分行", "广州市"},
		{"人行道改造", "柳州市", "人行道改造", ""},
		{"柳州银保监分局", "柳州市", "中国银行保险监督管理委员会柳州监管分局", "柳州市"},
		{"柳东新区管委会(高新区管委会)", "柳州市", "柳东新区管委会(高新区管委会)", ""},
		{"市财政局(市金融办)", "柳州市", "柳州市财政局(柳州市人民政府金融工作办公室)", "柳州市"},
		{"各县区科技局（科工贸局）", "柳州市", "各县区科技局（科工贸局）", ""},
		{"各县区人民政府", "柳州市", "各县区人民政府", ""},
		{"各区政府", "广州市", "各区人民政府", ""},
		{"有关县区人民政府和新区管委会", "柳州市", "有关县区人民政府和新区管委会", ""},
		{"市科技领导小组成员单位", "柳州市", "柳州市科技领导小组成员单位", "柳州市"},
		{"自治区科技厅", "柳州市", "广西壮族自治区科学技术厅", "广西壮族自治区"},
		// 广西壮族自治区
		{"自治区科技厅", "广西壮族自治区", "广西壮族自治区科学技术厅", "广西壮族自治区"},
		{"自治区工业和信息化厅", "广西壮族自治区", "广西壮族自治区工业和信息化厅", "广西壮族自治区"},
		{"自治区发展改革委", "广西壮族自治区", "广西壮族自治区发展和改革委员会", "广西壮族自治区"},
		{"自治区国资委", "广西壮族自治区", "广西壮族自治区人民政府国有资产监督管理委员会", "广西壮族自治区"},
		{"自治区人力资源社会保障厅", "广西壮族自治区", "广西壮族自治区人力资源和社会保障厅", "广西壮族自治区"},
		{"自治区卫生健康委员会", "广西壮族自治区", "广西壮族自治区卫生健康委员会", "广西壮族自治区"},
		{"自治区编办", "广西壮族自治区", "中共广西壮族自治区委员会机构编制委员会办公室", "广西壮族自治区"},
		{"自治区党委金融办", "广西壮族自治区", "中共广西壮族自治区委员会金融委员会办公室", "广西壮族自治区"},
		{"自治区市场监管局", "广西壮族自治区", "广西壮族自治区市场监督管理局", "广西壮族自治区"},
		{"市直各部门", "柳州市", "柳州市直各部门", "柳州市"},
		{"区直有关部门", "广西壮族自治区", "广西壮族自治区直有关部门", "广西壮族自治区"},
		{"自治区各相关部门", "广西壮族自治区", "广西壮族自治区各相关部门", "广西壮族自治区"},
		{"国家税务总局广西壮族自治区税务局", "广西壮族自治区", "国家税务总局广西壮族自治区税务局", "广西壮族自治区"},
		{"广西税务局", "广西壮族自治区", "国家税务总局广西壮族自治区税务局", "广西壮族自治区"},
		{"广西科学院", "广西壮族自治区", "广西科学院", ""},
		{"各设区市人民政府", "广西壮族自治区", "各设区市人民政府", ""},
		{"桂林市人民政府", "广西壮族自治区", "桂林市人民政府", "桂林市"},
		// 广州 and a district of it
		{"市工业和信息化局", "广州市", "广州市工业和信息化局", "广州市"},
		{"市政务服务数据管理局", "广州市", "广州市政务服务数据管理局", "广州市"},
		{"黄埔区人民政府", "广州市", "广州市黄埔区人民政府", "广州市黄埔区"},
		{"区科技局", "广州市黄埔区", "广州市黄埔区科学技术局", "广州市黄埔区"},
		{"区委组织部", "广州市黄埔区", "中共广州市黄埔区委组织部", "广州市黄埔区"},
		{"市工业和信息化局", "广州市黄埔区", "广州市工业和信息化局", "广州市"},
		{"省通信管理局", "广州市", "广东省通信管理局", "广东省"},
		// 上海 (a 直辖市)
		{"市科委", "上海市", "上海市科学技术委员会", "上海市"},
		{"市经济信息化委", "上海市", "上海市经济和信息化委员会", "上海市"},
		{"市住房城乡建设管理委", "上海市", "上海市住房和城乡建设管理委员会", "上海市"},
		{"市规划资源局", "上海市", "上海市规划和自然资源局", "上海市"},
		{"市药品监管局", "上海市", "上海市药品监督管理局", "上海市"},
		{"市委组织部", "上海市", "中共上海市委组织部", "上海市"},
		// other provinces, cities and districts: standard short names
		{"市经济信息委", "重庆市", "重庆市经济和信息化委员会", "重庆市"},
		{"市文化旅游委", "重庆市", "重庆市文化和旅游发展委员会", "重庆市"},
		{"区科信局", "北京市海淀区", "北京市海淀区科学技术和信息化局", "北京市海淀区"},
		{"区发展改革委", "重庆市渝北区", "重庆市渝北区发展和改革委员会", "重庆市渝北区"},
		{"县科技局", "重庆市奉节县", "重庆市奉节县科学技术局", "重庆市奉节县"},
		{"团市委", "重庆市", "共青团重庆市委员会", "重庆市"},
		{"市规划自然资源委", "北京市", "北京市规划和自然资源委员会", "北京市"},
		{"市人力社保局", "杭州市", "杭州市人力资源和社会保障局", "杭州市"},
		{"区科委", "北京市海淀区", "北京市海淀区科学技术委员会", "北京市海淀区"},
		{"省经济信息化厅", "四川省", "四川省经济和信息化厅", "四川省"},
		{"省委组织部", "四川省", "中共四川省委员会组织部", "四川省"},
		{"团省委", "四川省", "共青团四川省委员会", "四川省"},
		{"省科协", "四川省", "四川省科学技术协会", "四川省"},
		{"市新经济委", "成都市", "成都市新经济发展委员会", "成都市"},
		{"区科经委", "上海市浦东新区", "上海市浦东新区科技和经济委员会", "上海市浦东新区"},
		{"区市监局", "广州市黄埔区", "广州市黄埔区市场监督管理局", "广州市黄埔区"},
		{"团区委", "广州市黄埔区", "共青团广州市黄埔区委员会", "广州市黄埔区"},
		{"区科协", "广州市黄埔区", "广州市黄埔区科学技术协会", "广州市黄埔区"},
		// renamed or ambiguous short names keep their wording: 金融局 is not
		// the former 地方金融监督管理局
		{"区金融局", "广州市黄埔区", "广州市黄埔区金融局", "广州市黄埔区"},
		{"省地方金融监管局", "广东省", "广东省地方金融监督管理局", "广东省"},
		// 省政府金融办 is the government's 金融办; 政府 before an organ of its
		// own (市政府办公室) stays as it is
		{"省政府金融办", "河南省", "河南省人民政府金融工作办公室", "河南省"},
		{"市政府办公室", "开封市", "开封市人民政府办公室", "开封市"},
		{"市政府法制办", "开封市", "开封市政府法制办", "开封市"},
		{"省工业和信息化委", "河南省", "河南省工业和信息化委员会", "河南省"},
		// more standard short names: 交运局, 规资局, 粮储局
		{"区交运局", "昆明市官渡区", "昆明市官渡区交通运输局", "昆明市官渡区"},
		{"市规资局", "长沙市", "长沙市规划和自然资源局", "长沙市"},
		{"省粮储局", "河南省", "河南省粮食和物资储备局", "河南省"},
		// 浙江's short names: 省人力社保厅, 省委改革办
		{"省人力社保厅", "浙江省", "浙江省人力资源和社会保障厅", "浙江省"},
		{"省委改革办", "浙江省", "中共浙江省委员会全面深化改革委员会办公室", "浙江省"},
		{"市人力社保局", "杭州市", "杭州市人力资源和社会保障局", "杭州市"},
		// collective and zone units keep their mention
		{"各相关单位", "广州市黄埔区", "各相关单位", ""},
		{"高新区管委会", "广州市", "高新区管委会", ""},
		// national
		{"工业和信息化部", National, "工业和信息化部", National},
		{"发展改革委", National, "国家发展和改革委员会", National},
		{"国家发展改革委", "柳州市", "国家发展和改革委员会", National},
		{"国资委", National, "国务院国有资产监督管理委员会", National},
		{"市场监管总局", National, "国家市场监督管理总局", National},
		{"邮政局", National, "国家邮政局", National},
		{"市邮政局", "杭州市", "杭州市邮政管理局", "杭州市"},
		{"标准委", National, "国家标准化管理委员会", National},
		{"中国民航局", National, "中国民用航空局", National},
		{"市科技局", "广西壮族自治区柳州市", "柳州市科学技术局", "柳州市"},
		{"县科技局", "融安县", "融安县科学技术局", "融安县"},
		// courts take the level of the jurisdiction (鹤岗 鹤政发〔2025〕4号
		// is signed by 鹤岗市中级人民法院; 包头市中院; 市检察院)
		{"市法院", "鹤岗市", "鹤岗市中级人民法院", "鹤岗市"},
		{"市中院", "包头市", "包头市中级人民法院", "包头市"},
		{"市中级法院", "包头市", "包头市中级人民法院", "包头市"},
		{"市检察院", "梅州市", "梅州市人民检察院", "梅州市"},
		{"省法院", "江苏省", "江苏省高级人民法院", "江苏省"},
		{"省高院", "江苏省", "江苏省高级人民法院", "江苏省"},
		{"市法院", "上海市", "上海市高级人民法院", "上海市"},
		{"区法院", "广州市海珠区", "广州市海珠区人民法院", "广州市海珠区"},
		{"市中院", "安庆市太湖县", "安庆市中级人民法院", "安庆市"},
		// counter-examples: a county-level city's court is a basic court;
		// a court with no jurisdiction keeps its mention
		{"市法院", "简阳市", "简阳市人民法院", "简阳市"},
		{"市法院", "", "市法院", ""},
		// the provincial branch of a central administration (协同责任单位:
		// 省发展改革委、省经济和信息化厅、省财政厅、合肥海关、省税务局、
		// 省外汇管理局等)
		{"省外汇管理局", "安徽省", "国家外汇管理局安徽省分局", "安徽省"},
		{"省外汇局", "安徽省", "国家外汇管理局安徽省分局", "安徽省"},
		// counter-example: in a national document it is the administration
		{"外汇局", National, "国家外汇管理局", National},
		// 市场局 for the market regulator (责任单位:各街道,区市场局)
		{"区市场局", "鞍山市立山区", "鞍山市立山区市场监督管理局", "鞍山市立山区"},
		{"市市场局", "鞍山市", "鞍山市市场监督管理局", "鞍山市"},
		// counter-example: the usual short name reads as before
		{"区市场监管局", "鞍山市立山区", "鞍山市立山区市场监督管理局", "鞍山市立山区"},
		// Party offices written short (县委办、县政府办; 县委台办 in
		// 联系县精神文明办、团县委、县妇联、县委台办、县文联等单位)
		{"县委办", "岳阳市华容县", "中共岳阳市华容县委办公室", "岳阳市华容县"},
		{"县委台办", "岳阳市华容县", "中共岳阳市华容县委台湾工作办公室", "岳阳市华容县"},
		{"市委外办", "岳阳市", "中共岳阳市委外事工作委员会办公室", "岳阳市"},
		{"市委编委办", "岳阳市", "中共岳阳市委机构编制委员会办公室", "岳阳市"},
		{"县教体局", "岳阳市华容县", "岳阳市华容县教育体育局", "岳阳市华容县"},
		// counter-examples: the office of the government and the full
		// Party office name are unchanged
		{"县政府办", "岳阳市华容县", "岳阳市华容县人民政府办公室", "岳阳市华容县"},
		{"市委办公室", "岳阳市", "中共岳阳市委办公室", "岳阳市"},
		{"市外办", "岳阳市", "岳阳市人民政府外事办公室", "岳阳市"},
		// unknown jurisdiction keeps the mention
		{"市科技局", "", "市科技局", ""},
	}
	for _, tt := range tests {
		got, gj := d.Canonical(tt.mention, tt.juris)
		if got != tt.want || gj != tt.wantJuris {
			t.Errorf("Canonical(%q, %q) = %q, %q; want %q, %q", tt.mention, tt.juris, got, gj, tt.want, tt.wantJuris)
		}
	}
}

// A bare bracketed list is read as units only when every name is a known
// organ under its own prefix.
func TestKnownUnit(t *testing.T) {
	d := load(t)
	for m, want := range map[string]bool{
		"市科委": true, "市经济信息化委": true, "区委组织部": true, "团区委": true,
		"省科技厅": true, "国家发展改革委": true, "广州市黄埔区科技局": true,
		"市重点办": false, "含城市基础设施配套费": false, "发展改革委": false,
		"市场主体": false, "区内企业": false, "市民": false,
	} {
		if got := d.KnownUnit(m); got != want {
			t.Errorf("KnownUnit(%q) = %v, want %v", m, got, want)
		}
	}
}

func TestHasPrefix(t *testing.T) {
	d := load(t)
	for m, want := range map[string]bool{
		"市科技局": true, "自治区科技厅": true, "市委组织部": true, "区科技局": true,
		"广西科学院": true, "各设区市人民政府": true, "国家税务总局柳州市税务局": true,
		"人民银行柳州市中心支行": true, "人行柳州市中心支行": true, "柳州银保监分局": true, "工业和信息化部": true,
		"工业和信息化厅": false, "发展改革委": false, "国资委": false, "市场监管局": false,
		"农科院": false, "绩效办": false, "卫生健康委员会": false, "林业和园林局": false,
	} {
		if got := d.HasPrefix(m); got != want {
			t.Errorf("HasPrefix(%q) = %v, want %v", m, got, want)
		}
	}
}

func TestJurisdiction(t *testing.T) {
	d := load(t)
	tests := []struct{ issuer, docNo, text, want string }{
		{"柳州市人民政府", "", "", "柳州市"},
		{"", "桂政发〔2018〕51号", "", "广西壮族自治区"},
		{"", "柳政规〔2019〕19号", "", "柳州市"},
		{"", "", "国务院关于加快推进农业机械化的指导意见\n国发〔2018〕42号", National},
		{"", "", "上海市人民政府办公厅关于印发…的通知", "上海市"},
	}
	for _, tt := range tests {
		if got := d.Jurisdiction(tt.issuer, tt.docNo, tt.text); got != tt.want {
			t.Errorf("Jurisdiction(%q, %q, %q) = %q, want %q", tt.issuer, tt.docNo, tt.text, got, tt.want)
		}
	}
}

func TestGSEWords(t *testing.T) {
	w := load(t).GSEWords()
	for _, want := range []string{"科学技术局 1000 nt\n", "发展和改革委员会 1000 nt\n", "广西壮族自治区 1000 nt\n"} {
		if !strings.Contains(w, want) {
			t.Errorf("GSEWords lacks %q", want)
		}
	}
}

func ExampleDict_Canonical() {
	d, _ := Load()
	fmt.Println(d.Canonical("市科技局", "柳州市"))
	fmt.Println(d.Canonical("自治区人力资源社会保障厅", "广西壮族自治区"))
	fmt.Println(d.Canonical("市委组织部", "柳州市"))
	fmt.Println(d.Canonical("市经济信息化委", "上海市"))
	fmt.Println(d.Canonical("发展改革委", "中华人民共和国"))
	fmt.Println(d.Canonical("各设区市人民政府", "广西壮族自治区"))
	// Output:
	// 柳州市科学技术局 柳州市
	// 广西壮族自治区人力资源和社会保障厅 广西壮族自治区
	// 中共柳州市委组织部 柳州市
	// 上海市经济和信息化委员会 上海市
	// 国家发展和改革委员会 中华人民共和国
	// 各设区市人民政府
}

func TestNationalBody(t *testing.T) {
	d := load(t)
	for _, m := range []string{"国家药监局医疗器械技术审评检查长三角分中心", "国家药品监督管理局医疗器械技术审评检查长三角分中心"} {
		if got, j := d.Canonical(m, "上海市"); got != "国家药品监督管理局医疗器械技术审评检查长三角分中心" || j != National {
			t.Errorf("Canonical(%q) = %q, %q", m, got, j)
		}
	}
}
