package xlsx

import (
	"fmt"
	"strings"

	"policyx/schema"
)

// builder assembles a synthetic normalized text and hands out byte spans.
type builder struct {
	b strings.Builder
}

// line appends s and a newline, returning the span of s.
func (b *builder) line(s string) schema.Span {
	start := b.b.Len()
	b.b.WriteString(s)
	sp := schema.Span{Start: start, End: b.b.Len()}
	b.b.WriteByte('\n')
	return sp
}

// sub is the span of the first occurrence of part inside the span of line.
func (b *builder) sub(line schema.Span, part string) schema.Span {
	s := b.b.String()[line.Start:line.End]
	i := strings.Index(s, part)
	if i < 0 {
		panic("sub: " + part + " not in " + s)
	}
	return schema.Span{Start: line.Start + i, End: line.Start + i + len(part)}
}

// synthDoc builds a policy with every kind of fact: an outline of three
// levels, targets of every kind (one from a table), tasks with all roles, a
// table with a group and a total row, checks, and text that looks like a
// formula.
func synthDoc(path string, part int, title string) *schema.Document {
	var b builder
	d := &schema.Document{Path: path, SHA256: fmt.Sprintf("%064x", len(path)*100+part), Part: part, Format: schema.FormatTXT,
		Status: schema.StatusOK}
	d.Meta = schema.Meta{Title: title, DocNumber: "柳政办〔2023〕12号", Issuer: "柳州市人民政府办公室", IssueDate: "2023-03-15", Jurisdiction: "柳州市"}
	b.line(title)
	s0 := b.line("一、总体目标")
	l1 := b.line("到2025年，全市高新技术企业数量达到1000家以上，研发投入强度达到2.5%左右。")
	s1 := b.line("二、重点任务")
	s2 := b.line("（一）加大财政投入")
	l2 := b.line("市本级财政每年安排科技创新资金不低于1.4亿元，对新认定的企业给予最高500万元奖励。")
	k1 := b.line("1.支持企业研发。牵头单位：市科技局；配合单位：市财政局、市发展改革委；责任单位：各县区人民政府")
	s3 := b.line("（二）=SUM(A1)+cmd|' /C calc'!A0")
	k2 := b.line("2.-引进人才。牵头单位：市人社局")
	l3 := b.line("@研发人员不少于10人的企业。")
	s4 := b.line("附件1")
	tcap := b.line("柳州市重点任务/项目:分解表[2023—2025年]*?")
	t0 := b.line("序号\t项目\t投资(万元)\t责任单位")
	g0 := b.line("一、核心技术")
	r0 := b.line("1\t=HYPERLINK(\"http://x\")\t1,200\t市科技局")
	r1 := b.line("2\t新材料研发\t800\t市工信局")
	r2 := b.line("合计\t\t2000\t")
	_ = g0
	text := b.b.String()
	d.Text = strings.TrimSuffix(text, "\n")
	end := len(d.Text)
	d.Sections = []schema.Section{
		{Parent: -1, Level: 1, Label: "一、", Title: "总体目标", Span: schema.Span{Start: s0.Start, End: l1.End}},
		{Parent: -1, Level: 1, Label: "二、", Title: "重点任务", Span: schema.Span{Start: s1.Start, End: l3.End}},
		{Parent: 1, Level: 2, Label: "（一）", Title: "加大财政投入", Span: schema.Span{Start: s2.Start, End: k1.End}},
		{Parent: 1, Level: 2, Label: "（二）", Title: "=SUM(A1)+cmd|' /C calc'!A0", Span: schema.Span{Start: s3.Start, End: l3.End}},
		{Parent: -1, Level: 1, Label: "附件1", Title: "重点任务分解表", Span: schema.Span{Start: s4.Start, End: end}},
	}
	d.Tables = []schema.Table{{
		Ordinal: 1, Attachment: "附件1", Title: b.b.String()[tcap.Start:tcap.End], UnitNote: "（单位：万元）", Note: "备注：=1+1 不是公式。",
		Header: []string{"序号", "项目", "投资(万元)", "责任单位"},
		Rows: []schema.TableRow{
			{Seq: "1", Group: "一、核心技术", Cells: []string{"1", "=HYPERLINK(\"http://x\")", "1,200", "市科技局"}, Span: r0},
			{Seq: "2", Group: "一、核心技术", Cells: []string{"2", "新材料研发", "800", "市工信局"}, Span: r1},
			{IsTotal: true, Cells: []string{"合计", "", "2000", ""}, Span: r2},
		},
		Span: schema.Span{Start: tcap.Start, End: end},
	}}
	_ = t0
	d.Targets = []schema.Target{
		// deliberately out of order: the sheet sorts by position
		{Section: 2, Kind: schema.KindFunding, Subject: "科技创新资金", Value: "1.4", Unit: "亿元", NormValue: 140000000, NormUnit: "元",
			Comparator: ">=", Period: "annual", Scope: "市本级", Sentence: b.b.String()[l2.Start:l2.End], Span: b.sub(l2, "1.4亿元"), Source: "text", Table: -1, Row: -1},
		{Section: 0, Kind: schema.KindGoal, Subject: "高新技术企业数量", Value: "1000", Unit: "家", NormValue: 1000, NormUnit: "家",
			Comparator: ">=", Deadline: "2025-12-31", Sentence: b.b.String()[l1.Start:l1.End], Span: b.sub(l1, "1000家"), Source: "text", Table: -1, Row: -1},
		{Section: 0, Kind: schema.KindRate, Subject: "研发投入强度", Value: "2.5", Unit: "%", NormValue: 2.5, NormUnit: "%",
			Comparator: "~", Deadline: "2025-12-31", Sentence: b.b.String()[l1.Start:l1.End], Span: b.sub(l1, "2.5%"), Source: "text", Table: -1, Row: -1},
		{Section: 2, Kind: schema.KindFunding, Subject: "新认定企业奖励", Value: "500", Unit: "万元", NormValue: 5000000.5, NormUnit: "元",
			Comparator: "<=", Sentence: b.b.String()[l2.Start:l2.End], Span: b.sub(l2, "500万元"), Source: "text", Table: -1, Row: -1},
		{Section: -1, Kind: schema.KindThreshold, Subject: "-研发人员", Value: "10", Unit: "人", NormValue: 10, NormUnit: "人",
			Comparator: ">=", Sentence: b.b.String()[l3.Start:l3.End], Span: b.sub(l3, "10人"), Source: "text", Table: -1, Row: -1},
		{Section: 4, Kind: schema.KindFunding, Subject: "新材料研发投资", Value: "800", Unit: "万元", NormValue: 8000000, NormUnit: "元",
			Comparator: "=", Deadline: "2024-12-31", Sentence: b.b.String()[r1.Start:r1.End], Span: b.sub(r1, "800"), Source: "table", Table: 0, Row: 1, Entity: "新材料研发"},
	}
	d.Tasks = []schema.Task{
		{Section: 2, Label: "1.", Title: "支持企业研发", Span: k1, Table: -1, Row: -1, Departments: []schema.TaskDept{
			{Role: schema.RoleSupport, Ordinal: 2, Mention: "市发展改革委", Department: "柳州市发展和改革委员会", Jurisdiction: "柳州市"},
			{Role: schema.RoleLead, Ordinal: 1, Mention: "市科技局", Department: "柳州市科学技术局", Jurisdiction: "柳州市"},
			{Role: schema.RoleSupport, Ordinal: 1, Mention: "市财政局", Department: "柳州市财政局", Jurisdiction: "柳州市"},
			{Role: schema.RoleResponsible, Ordinal: 1, Mention: "各县区人民政府", Department: "柳州市各县区人民政府"},
		}},
		{Section: 3, Label: "2.", Title: "-引进人才", Span: k2, Table: -1, Row: -1, Departments: []schema.TaskDept{
			{Role: schema.RoleLead, Ordinal: 1, Mention: "市人社局", Department: "柳州市人力资源和社会保障局", Jurisdiction: "柳州市"},
		}},
		{Section: 4, Label: "1", Title: "=HYPERLINK(\"http://x\")", Span: r0, Table: 0, Row: 0, Departments: []schema.TaskDept{
			{Role: schema.RoleResponsible, Ordinal: 1, Mention: "市科技局", Department: "柳州市科学技术局", Jurisdiction: "柳州市"},
		}},
	}
	d.Checks = []schema.Check{
		{Table: 0, Kind: "sum_mismatch", Message: "合计行“投资(万元)”为2000，各行之和为2000（1200+800）", Span: r2},
		{Table: -1, Kind: "seq_gap", Message: "=序号从1跳到3", Span: k2},
	}
	return d
}

// bigDoc is a document with n targets and n/4 tasks, for the memory
// benchmark.
func bigDoc(path string, n int) *schema.Document {
	var b builder
	d := &schema.Document{Path: path, SHA256: fmt.Sprintf("%064x", n), Part: 1, Format: schema.FormatTXT, Status: schema.StatusOK}
	d.Meta = schema.Meta{Title: "关于印发大量指标测试方案的通知", Jurisdiction: "柳州市"}
	sec := b.line("一、主要目标")
	type pending struct{ line, num schema.Span }
	lines := make([]pending, n)
	for i := 0; i < n; i++ {
		l := b.line(fmt.Sprintf("到%d年，全市第%d类高新技术企业和科技型中小企业数量达到%d家以上，科技创新资金不低于%d万元。", 2020+i%10, i, 100+i, 50+i))
		lines[i] = pending{l, b.sub(l, fmt.Sprintf("%d家", 100+i))}
	}
	d.Text = strings.TrimSuffix(b.b.String(), "\n")
	d.Sections = []schema.Section{{Parent: -1, Level: 1, Label: "一、", Title: "主要目标", Span: schema.Span{Start: sec.Start, End: len(d.Text)}}}
	for i, p := range lines {
		kind, unit, norm, nu := schema.KindGoal, "家", float64(100+i), "家"
		if i%3 == 1 {
			kind, unit, norm, nu = schema.KindFunding, "万元", float64(50+i)*10000, "元"
		}
		d.Targets = append(d.Targets, schema.Target{Section: 0, Kind: kind, Subject: fmt.Sprintf("第%d类高新技术企业", i),
			Value: fmt.Sprint(100 + i), Unit: unit, NormValue: norm, NormUnit: nu, Comparator: ">=",
			Deadline: fmt.Sprintf("%d-12-31", 2020+i%10), Sentence: d.Text[p.line.Start:p.line.End], Span: p.num,
			Source: "text", Table: -1, Row: -1})
		if i%4 == 0 {
			d.Tasks = append(d.Tasks, schema.Task{Section: 0, Label: fmt.Sprintf("%d.", i/4+1), Title: "任务", Span: p.line, Table: -1, Row: -1,
				Departments: []schema.TaskDept{
					{Role: schema.RoleLead, Ordinal: 1, Mention: "市科技局", Department: "柳州市科学技术局"},
					{Role: schema.RoleSupport, Ordinal: 1, Mention: fmt.Sprintf("市第%d局", i%37), Department: fmt.Sprintf("柳州市第%d局", i%37)},
				}})
		}
	}
	return d
}
