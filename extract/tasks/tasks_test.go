package tasks

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"policyx/internal/testsupport"
	"policyx/lexicon/dept"
	"policyx/schema"
)

func loadDict(t testing.TB) *dept.Dict {
	t.Helper()
	d, err := dept.Load()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// docFrom builds a document from text the way the normalizer delivers it:
// one paragraph block per line. A first line "# juris: X" sets the
// jurisdiction.
func docFrom(text string) *schema.Document {
	juris := ""
	if strings.HasPrefix(text, "# juris: ") {
		line, rest, _ := strings.Cut(text, "\n")
		juris = strings.TrimPrefix(line, "# juris: ")
		text = rest
	}
	var bs []schema.Block
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		bs = append(bs, schema.Block{Kind: schema.BlockPara, Text: line})
	}
	doc := testsupport.Blocks(bs...)
	doc.Meta.Jurisdiction = juris
	return doc
}

// render prints tasks one per line with their departments below.
func render(doc *schema.Document, tasks []schema.Task) string {
	var b strings.Builder
	for _, t := range tasks {
		fmt.Fprintf(&b, "%s|%s", t.Label, t.Title)
		if t.Table >= 0 {
			fmt.Fprintf(&b, " [table %d row %d]", t.Table, t.Row)
		}
		fmt.Fprintf(&b, "\n")
		for _, d := range t.Departments {
			fmt.Fprintf(&b, "\t%s %d %s → %s (%s)\n", d.Role, d.Ordinal, d.Mention, d.Department, d.Jurisdiction)
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	d := loadDict(t)
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := docFrom(string(in))
			tasks := Extract(doc, d)
			for _, tk := range tasks {
				if !tk.Span.Valid(len(doc.Text)) || tk.Span.Start >= tk.Span.End {
					t.Errorf("%s: bad span %v", tk.Title, tk.Span)
				}
			}
			got := render(doc, tasks)
			testsupport.Golden(t, strings.TrimSuffix(f, ".txt")+".golden", got)
		})
	}
}

func TestSplit(t *testing.T) {
	x := &extractor{d: loadDict(t)}
	tests := []struct {
		in   string
		want []string
	}{
		{"市科技局、市发展改革委", []string{"市科技局", "市发展改革委"}},
		{"自治区科技厅、工业和信息化厅，各设区市人民政府", []string{"自治区科技厅", "工业和信息化厅", "各设区市人民政府"}},
		{"市国资委;各县区人民政府、柳东新区管委会(高新区管委会)", []string{"市国资委", "各县区人民政府", "柳东新区管委会(高新区管委会)"}},
		{"自治区科技厅、国资委按职能分别负责", []string{"自治区科技厅", "国资委"}},
		{"自治区科技厅、工业和信息化厅按职责分工负责", []string{"自治区科技厅", "工业和信息化厅"}},
		{"区投资促进局、区科技局等各产业、招商主管部门", []string{"区投资促进局", "区科技局"}},
		{"工业和信息化部、农业农村部等", []string{"工业和信息化部", "农业农村部"}},
		{"市税务局、市通信管理局等；各区政府", []string{"市税务局", "市通信管理局", "各区政府"}},
		{"区投资促进局、区科技局等各产业、招商主管部门；各街道", []string{"区投资促进局", "区科技局", "各街道"}},
		{"各市、县科技局", []string{"各市、县科技局"}},
		{"市科协，各有关区、县级市", []string{"市科协", "各有关区、县级市"}},
		{"市科协，越秀区、县级市", []string{"市科协", "越秀区", "县级市"}},
		{"市退役军人事务局,各县市、区政府", []string{"市退役军人事务局", "各县市、区政府"}},
		// a 马鞍山 民营经济 实施细则: the zones are no level of the counties
		{"市商务局,各县区、开发园区", []string{"市商务局", "各县区", "开发园区"}},
		{"中国民航局和各地方人民政府", []string{"中国民航局", "各地方人民政府"}},
		{"国家发展改革委、财政部会同有关部门负责", []string{"国家发展改革委", "财政部", "有关部门"}},
		{"有关县区人民政府和新区管委会", []string{"有关县区人民政府和新区管委会"}},
		{"中马钦州产业园及有关科技园区，有关高等学校", []string{"中马钦州产业园及有关科技园区", "有关高等学校"}},
		{"人民银行柳州市中心支行、柳州银保监分局", []string{"人民银行柳州市中心支行", "柳州银保监分局"}},
		{"市工业和信息化局、市\n发展改革委", []string{"市工业和信息化局", "市发展改革委"}},
		{"…", nil},
		{"市工业和信息化局，各区政府，以下均需各区政府落实，不再列出", []string{"市工业和信息化局", "各区政府"}},
		// a 韶关 若干政策措施: the note after the units is none of them
		{"市税务局、市财政局,排在首位的为牵头单位,下同", []string{"市税务局", "市财政局"}},
		{"市发展改革局、市工业和信息化局、市财政局", []string{"市发展改革局", "市工业和信息化局", "市财政局"}},
	}
	for _, tt := range tests {
		got := x.split(squeezeString(tt.in), false)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInherit(t *testing.T) {
	x := &extractor{d: loadDict(t), juris: "柳州市"}
	tests := []struct {
		items []string
		want  []string
	}{
		{[]string{"市科技局", "发展改革委", "工业和信息化局"}, []string{"柳州市科学技术局", "柳州市发展和改革委员会", "柳州市工业和信息化局"}},
		{[]string{"市商务局", "外事办", "园区办", "柳州海关"}, []string{"柳州市商务局", "柳州市人民政府外事办公室", "柳州市园区办", "柳州海关"}},
		{[]string{"市委组织部", "宣传部"}, []string{"中共柳州市委组织部", "中共柳州市委宣传部"}},
		{[]string{"自治区科技厅", "工业和信息化厅", "农科院"}, []string{"广西壮族自治区科学技术厅", "广西壮族自治区工业和信息化厅", "广西壮族自治区农科院"}},
		{[]string{"有关县区人民政府和新区管委会", "市委组织部"}, []string{"有关县区人民政府和新区管委会", "中共柳州市委组织部"}},
		// a zone's 管委会 keeps its own name; an office still inherits
		{[]string{"市科委", "中关村管委会", "发展改革委"}, []string{"柳州市科学技术委员会", "中关村管委会", "柳州市发展和改革委员会"}},
	}
	for _, tt := range tests {
		deps := x.departments([]roleList{{schema.RoleResponsible, tt.items}})
		var got []string
		for _, d := range deps {
			got = append(got, d.Department)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("departments(%q) = %q, want %q", tt.items, got, tt.want)
		}
	}
}

// A role column's cell may say who leads with a duty sentence (a 咸阳 放管服
// 要点 and a 下陆区 责任分解 wrote these after their items; task tables put
// them in the 责任单位 cell). A plain list keeps the column's role.
func TestCellRoles(t *testing.T) {
	x := &extractor{d: loadDict(t)}
	tests := []struct {
		cell, role string
		want       []roleList
	}{
		{"市政府办公室、市行政审批制度改革工作领导小组办公室牵头,市级各有关部门及各县市区政府按职责分工负责", schema.RoleResponsible, []roleList{
			{schema.RoleLead, []string{"市政府办公室", "市行政审批制度改革工作领导小组办公室"}},
			{schema.RoleSupport, []string{"市级各有关部门", "各县市区政府"}},
		}},
		{"区卫健局、区创文办牵头，区疫情防控指挥部成员单位", schema.RoleResponsible, []roleList{
			{schema.RoleLead, []string{"区卫健局", "区创文办"}},
			{schema.RoleResponsible, []string{"区疫情防控指挥部成员单位"}},
		}},
		{"区疫情防控指挥部成员单位、各街办(新区)", schema.RoleResponsible, []roleList{
			{schema.RoleResponsible, []string{"区疫情防控指挥部成员单位", "各街办(新区)"}},
		}},
	}
	for _, tt := range tests {
		if got := x.cellRoles(squeezeString(tt.cell), tt.role); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("cellRoles(%q, %s) = %v, want %v", tt.cell, tt.role, got, tt.want)
		}
	}
}

func TestTableRows(t *testing.T) {
	doc := docFrom("# juris: 柳州市\n附件2\n表")
	doc.Tables = []schema.Table{{
		Header: []string{"任务", "2021年", "2022年", "2023年", "牵头单位", "责任单位"},
		Rows: []schema.TableRow{
			{Cells: []string{"全社会研发投入强度", "1.9%", "2.2%", "不低于全国平均水平", "市财政局", "市科技局、市市场\n监管局、人民银行柳州市中心支行"}, Span: schema.Span{Start: 0, End: 3}},
			{Cells: []string{"合计", "", "", "", "", ""}, IsTotal: true},
		},
	}, {
		Header: []string{"序号", "创新平台类别", "数量（个）", "主要创建内容", "牵头部门", "主要配合部门、单位"},
		Rows: []schema.TableRow{
			{Seq: "1", Cells: []string{"1", "国家工业设计中心", "1", "创建1个", "市工业和信息化局", "有关企业"}},
		},
	}, {
		Header: []string{"序号", "重点任务", "责任单位（排在第一位的为牵头单位）"},
		Rows: []schema.TableRow{
			{Seq: "1", Cells: []string{"1", "推进数字化转型。", "市工业和信息化局、市科技局"}},
			{Seq: "2", Cells: []string{"2", "完善标准", "牵头单位：市市场监管局；配合单位：市科技局"}},
		},
	}, {
		Header: []string{"序号", "工作事项", "主要内容", "牵头单位", "配合单位", "市卫健委内牵头处室"},
		Rows: []schema.TableRow{
			{Seq: "1", Cells: []string{"1", "建立家庭医生制度", "内容", "市卫生健康委", "市医保局、市财政局", "基层处"}},
		},
	}, {
		Header: []string{"", "", "", "", "", ""}, // continued on the next page
		Rows: []schema.TableRow{
			{Seq: "2", Cells: []string{"2", "加强宣传引导", "内容", "各区政府", "", ""}},
		},
	}, {
		Header: []string{"序号", "重点工作", "工作内容"},
		Rows: []schema.TableRow{
			{Seq: "1", Cells: []string{"1", "建设创新平台", "建设一批实验室。（责任单位：市科技局、市财政局）"}},
			{Seq: "2", Cells: []string{"2", "其他", "无"}},
		},
	}}
	got := render(doc, Extract(doc, loadDict(t)))
	want := `|全社会研发投入强度 [table 0 row 0]
	lead 1 市财政局 → 柳州市财政局 (柳州市)
	responsible 1 市科技局 → 柳州市科学技术局 (柳州市)
	responsible 2 市市场监管局 → 柳州市市场监督管理局 (柳州市)
	responsible 3 人民银行柳州市中心支行 → 中国人民银行柳州市中心支行 (柳州市)
1|国家工业设计中心 [table 1 row 0]
	lead 1 市工业和信息化局 → 柳州市工业和信息化局 (柳州市)
	support 1 有关企业 → 有关企业 ()
1|推进数字化转型 [table 2 row 0]
	lead 1 市工业和信息化局 → 柳州市工业和信息化局 (柳州市)
	responsible 1 市科技局 → 柳州市科学技术局 (柳州市)
2|完善标准 [table 2 row 1]
	lead 1 市市场监管局 → 柳州市市场监督管理局 (柳州市)
	support 1 市科技局 → 柳州市科学技术局 (柳州市)
1|建立家庭医生制度 [table 3 row 0]
	lead 1 市卫生健康委 → 柳州市卫生健康委员会 (柳州市)
	support 1 市医保局 → 柳州市医疗保障局 (柳州市)
	support 2 市财政局 → 柳州市财政局 (柳州市)
2|加强宣传引导 [table 4 row 0]
	lead 1 各区政府 → 各区人民政府 ()
1|建设创新平台 [table 5 row 0]
	responsible 1 市科技局 → 柳州市科学技术局 (柳州市)
	responsible 2 市财政局 → 柳州市财政局 (柳州市)
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func FuzzExtract(f *testing.F) {
	d := loadDict(f)
	for _, s := range []string{
		"1.任务。（牵头单位：市科技局；配合单位：市财政局）",
		"（一）加强领导。(自治区科技厅、工业和信息化厅按职责分工负责)",
		"责任单位：\n市科技局（",
		"[牵头单位:;配合单位:]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := docFrom(s)
		for _, tk := range Extract(doc, d) {
			if !tk.Span.Valid(len(doc.Text)) {
				t.Fatalf("span %v outside text of %d bytes", tk.Span, len(doc.Text))
			}
		}
	})
}

func TestFirstIsLeadStatement(t *testing.T) {
	for in, want := range map[string]bool{
		"列第一位者为牵头单位，下同":                  true,
		"责任分解中,列第一位的责任单位为牵头单位或汇总单位。":     true,
		"除标注为“牵头”单位外,列第一位的为牵头或汇总单位,下同":   true,
		"列第一位的责任单位要加强协调,及时报告进展情况。":       false,
		"责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)": true,
		"第一责任单位要会同牵头部门抓好落实。":             false,
		"第一为牵头": false,
		"各牵头单位和汇总单位要及时向市政府报告重点工作完成情况。": false,
	} {
		if got := firstIsLead(in); got != want {
			t.Errorf("firstIsLead(%q) = %v, want %v", in, got, want)
		}
	}
}

// A bracket of bare units (a 嘉兴 民营经济 实施方案) where the document says
// the first unit leads: it leads and the others support; the note and
// 各县市、区政府 (the governments of the county-level cities and districts)
// are no units of their own. Without the statement all are responsible.
func TestParseBareFirstIsLead(t *testing.T) {
	in := squeezeString("市税务局、市财政局、市科技局、市人力社保局、市退役军人事务局,各县市、区政府,列第一位的为牵头单位,下同")
	x := &extractor{d: loadDict(t), firstIsLead: true}
	got, ok := x.parseBare(in)
	want := []roleList{
		{schema.RoleLead, []string{"市税务局"}},
		{schema.RoleSupport, []string{"市财政局", "市科技局", "市人力社保局", "市退役军人事务局", "各县市、区政府"}},
	}
	if !ok || !reflect.DeepEqual(got.roles, want) {
		t.Errorf("parseBare = %v %v, want %v", got.roles, ok, want)
	}
	x.firstIsLead = false
	got, _ = x.parseBare(squeezeString("市税务局、市财政局"))
	want = []roleList{{schema.RoleResponsible, []string{"市税务局", "市财政局"}}}
	if !reflect.DeepEqual(got.roles, want) {
		t.Errorf("parseBare (no statement) = %v, want %v", got.roles, want)
	}
}

// 按职责分工配合 ends the supporting units as 配合 does (an Anhui RCEP
// 行动方案 wrote it after 7 of its 22 measures; all 7 were dropped).
func TestParseDutySupportByDuty(t *testing.T) {
	x := &extractor{d: loadDict(t)}
	for in, want := range map[string][]roleList{
		"合肥海关牵头，省贸促会、省商务厅按职责分工配合": {
			{schema.RoleLead, []string{"合肥海关"}},
			{schema.RoleSupport, []string{"省贸促会", "省商务厅"}},
		},
		"省商务厅牵头，合肥海关配合": {
			{schema.RoleLead, []string{"省商务厅"}},
			{schema.RoleSupport, []string{"合肥海关"}},
		},
	} {
		if got := x.parseDuty(squeezeString(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("parseDuty(%q) = %v, want %v", in, got, want)
		}
	}
}

// A bracketed list (A、B负责) is read when every name is a unit: a known
// organ under its level word (市残联) is one; a phrase ending so is not.
func TestParseDutyKnownOrgan(t *testing.T) {
	x := &extractor{d: loadDict(t)}
	got := x.parseDuty("市残联、市财政局、市税务局负责")
	want := []roleList{{schema.RoleResponsible, []string{"市残联", "市财政局", "市税务局"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseDuty = %v, want %v", got, want)
	}
	if got := x.parseDuty("由各地结合实际、自行负责"); got != nil {
		t.Errorf("parseDuty(phrase) = %v, want nil", got)
	}
}

func TestParseLabelledLeadThenRest(t *testing.T) {
	x := &extractor{d: loadDict(t)}
	got := x.parseLabelled("责任单位:省政府办公厅、省财政厅牵头,省商务厅、省文化广电和旅游厅(除标注为“牵头”单位外,列第一位的为牵头或汇总单位,下同)")
	want := []roleList{{schema.RoleLead, []string{"省政府办公厅", "省财政厅"}}, {schema.RoleResponsible, []string{"省商务厅", "省文化广电和旅游厅"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseLabelled = %v, want %v", got, want)
	}
	// 牵头 inside a duty phrase is no split: the list stays whole
	got = x.parseLabelled("责任单位:省财政厅、省发展改革委")
	want = []roleList{{schema.RoleResponsible, []string{"省财政厅", "省发展改革委"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseLabelled = %v, want %v", got, want)
	}
}

func TestParseLabelledLenticular(t *testing.T) {
	x := &extractor{d: loadDict(t)}
	got := x.parseLabelled("【责任单位】市市场监管局、市公安局")
	want := []roleList{{schema.RoleResponsible, []string{"市市场监管局", "市公安局"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseLabelled = %v, want %v", got, want)
	}
	// 【政策解读】 is no role label
	if got := roleLoc("【政策解读】市市场监管局发布"); got != nil {
		t.Errorf("roleLoc = %v, want nil", got)
	}
}

func TestCollectiveOf(t *testing.T) {
	for _, tc := range []struct {
		items []string
		k     int
		want  string
	}{
		{[]string{"人力资源社会保障厅", "各盟市行政公署", "人民政府"}, 2, "各盟市"},
		{[]string{"各县（市、区）人民政府", "管委会"}, 1, "各县（市、区）"},
		// a named organ after a collective keeps its own reading
		{[]string{"各盟市行政公署", "财政厅"}, 1, ""},
		// 人民政府 after a single unit is that unit's government
		{[]string{"自治区党委组织部", "人民政府"}, 1, ""},
	} {
		if got := collectiveOf(tc.items, tc.k); got != tc.want {
			t.Errorf("collectiveOf(%q, %d) = %q, want %q", tc.items, tc.k, got, tc.want)
		}
	}
}

// A field on the line after a list (责任单位:市建设局 / 时限要求:持续推进)
// ends the list where the unit name ends, not six runes before its colon.
func TestParseLabelledFieldOnNextLine(t *testing.T) {
	x := &extractor{d: loadDict(t)}
	for in, want := range map[string][]string{
		"责任单位:市建设局时限要求:持续推进":             {"市建设局"},
		"责任单位:市发改委、市财政局时限要求:持续推进":        {"市发改委", "市财政局"},
		"责任单位:市行政审批局、住建局、司法局完成时间:2019年底": {"市行政审批局", "住建局", "司法局"},
		// counter-examples: a field after a mark is cut at the mark; a
		// level word alone is no unit name
		"责任单位:市财政局;完成时限:2019年6月底": {"市财政局"},
		"责任单位:市建设局时间:持续推进":        {"市建设局"},
	} {
		got := x.parseLabelled(in)
		if len(got) != 1 || !reflect.DeepEqual(got[0].items, want) {
			t.Errorf("parseLabelled(%q) = %v, want %v", in, got, want)
		}
	}
}

// Table headers read as the list labels do: 协同责任单位 (安徽 重点工作
// 责任分解: 牵头责任单位 / 协同责任单位) supports, and a header that says its
// first unit leads (排名第一的为牵头单位) leads with the first.
func TestHeaderRole(t *testing.T) {
	for h, want := range map[string]string{
		"牵头责任单位": schema.RoleLead,
		"协同责任单位": schema.RoleSupport,
		"协助单位":   schema.RoleSupport,
		"责任单位（排名第一的为牵头单位）": roleLeadFirst,
		"责任单位（第一个为牵头单位）":   roleLeadFirst,
		// counter-examples
		"责任单位":      schema.RoleResponsible,
		"市卫健委内配合处室": "",
		"完成时限":      "",
	} {
		if got := headerRole(h); got != want {
			t.Errorf("headerRole(%q) = %q, want %q", h, got, want)
		}
	}
}

// The townships and communities stand as units in a collective (责任单位:
// 各街道,区市场局 in 鞍山市立山区's 分工方案), so a duty bracket that names
// them reads: （市财政局牵头，各镇乡（街道）配合）.
func TestUnitLikeLocal(t *testing.T) {
	x := &extractor{d: loadDict(t)}
	for in, want := range map[string]bool{
		"各街道":     true,
		"各镇乡（街道）": true,
		"各村（社区）":  true,
		"区市场局":    true,
		// counter-examples: a place word outside a collective; a phrase
		"城乡":   false,
		"统筹城乡": false,
	} {
		if got := x.unitLike(in); got != want {
			t.Errorf("unitLike(%q) = %v, want %v", in, got, want)
		}
	}
	got := x.parseDuty("市财政局牵头，各镇乡（街道）配合")
	if len(got) != 2 || got[1].role != schema.RoleSupport || got[1].items[0] != "各镇乡（街道）" {
		t.Errorf("parseDuty = %v, want 市财政局 leading and 各镇乡（街道） supporting", got)
	}
}
