package targets

import (
	"fmt"
	"strings"
	"testing"

	"policyx/schema"
)

// TestClasses: the failure classes of real documents from other provinces,
// each with a real sentence and a counter-example.
func TestClasses(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  string
	}{
		// comparators and numbers as people write them
		{"≥ before a count", []string{"三、认定条件", "（二）在签约机构就诊≥1次的签约居民。"}, "threshold 1次 >="},
		{"大于 before classes", []string{"到2025年，支持签约模式的种类大于3类。"}, "goal 3类 >= 2025-12-31"},
		{"a plain count of classes describes", []string{"落实低保、孤儿以及计生特别扶助家庭等6类困难群体免费签约基本包政策。"}, ""},
		{"a class's name is no count", []string{"支持企业申报二类以上医疗器械上市许可。"}, ""},
		{"一半 as a rate of a whole", []string{"到2022年，职业院校实践性教学课时原则上占总课时一半以上。"}, "goal 50% >= 2022-12-31"},
		{"另一半 is no figure", []string{"支持引进人才及其另一半在本区创业。"}, ""},
		{"三分之一", []string{"到2025年，新增用地中工业用地占比不低于三分之一。"}, "goal 33.33% >= 2025-12-31"},
		{"multiples are rates", []string{"参照同一岗位等级人员，分别给予最高2倍、1.5倍年薪。"}, "rate 2倍 <=; rate 1.5倍 <="},
		{"money without 元", []string{"对年产值2000万以上的企业，给予一次性奖励10万元。"}, "threshold 2e+07元 >=; funding 100000元 ="},
		{"㎡ as 平方米", []string{"可申请最高120㎡的人才住房。"}, "goal 120平方米 <="},
		{"per-unit prices", []string{"对新建储能项目按0.2元/千瓦时给予补贴。"}, "funding 0.2元/千瓦时 ="},
		{"tiers, one threshold each at its lower bound", []string{"对年销量2万（含）—5万台（不含）的车型，每台奖励500元；5万台（含）以上的车型，每台奖励800元。"}, "threshold 20000台 >=; funding 500元 =; threshold 50000台 >=; funding 800元 ="},
		{"a floor on a noun a grant follows", []string{"对年销量1万台以上的车型，给予奖励。"}, "threshold 10000台 >="},
		{"a dated floor on a noun is a goal", []string{"到2025年，新能源汽车年销量达到10万台以上。"}, "goal 100000台 >= 2025-12-31"},
		{"满 is a floor", []string{"单笔消费满3000元的，给予10%的补贴。"}, "threshold 3000元 >=; rate 10% ="},
		{"以下 includes its number", []string{"对营业收入10亿元以下的企业，给予最高50万元奖励。"}, "threshold 1e+09元 <=; funding 500000元 <="},
		{"及以下 qualifies whom a measure supports", []string{"担保机构要重点支持单户担保金额500万元及以下的小微企业和“三农”主体。"}, "threshold 5e+06元 <="},
		{"及以下 qualifies the subject of a share", []string{"其中单户担保金额500万元及以下的占比不得低于50%。"}, "threshold 5e+06元 <=; goal 50% >="},
		{"以内 naming the grant is its cap", []string{"对项目给予500万元以内的补助。"}, "funding 5e+06元 <="},
		{"ages in 周岁", []string{"年满60周岁的老年人可免费乘车。"}, "threshold 60岁 >="},
		{"a tier boundary from both sides is one threshold", []string{"（三）评价得分60分以上为合格。", "（四）评价得分低于60分为不合格。"}, "threshold 60分 >="},
		{"a tier boundary from both sides, the cap first", []string{"其中，对单户担保金额500万元及以下的小微企业收取的担保费率原则上不超过1%，对单户担保金额500万元以上的小微企业收取的担保费率原则上不超过1.5%。"}, "threshold 5e+06元 <=; rate 1% <=; rate 1.5% <="},
		{"a tier range and the tier below", []string{"规上工业总产值50亿元（含）至300亿元的为二级产业园区；", "规上工业总产值50亿元以下的为三级产业园区。"}, "threshold 5e+09元 >="},
		{"a floor and a later cap of another clause are two", []string{"鼓励年度研发经费超过1000万元的科技型企业与高校合作。", "对年度研发经费不足1000万元但与高校有合作基础的企业给予支持。"}, "threshold 1e+07元 >=; threshold 1e+07元 <="},
		// deadlines
		{"a label before the opening year", []string{"具体指标：到2022年，职业院校教学条件基本达标。推动建设300个产教融合实训基地。"}, "goal 300个 = 2022-12-31"},
		{"bullets take the year of their paragraph", []string{"到2025年，全市数字经济发展取得显著成效。", "——产业规模持续壮大，核心产业增加值达到1000亿元。", "——培育省级以上创新平台50个。", "加大投入，给予最高100万元奖励。"}, "goal 1e+11元 = 2025-12-31; goal 50个 = 2025-12-31; funding 1e+06元 <="},
		{"bullets after a paragraph without a year", []string{"全市数字经济发展取得显著成效。", "——培育省级以上创新平台50个。"}, "goal 50个 ="},
		{"a year's lead-in governs the list below", []string{"三、工作任务", "到2025年，实现以下目标：", "1.新增高新技术企业100家。", "2.研发投入强度达到3%。", "四、保障措施", "（一）培育企业10家。"}, "goal 100家 = 2025-12-31; goal 3% = 2025-12-31; goal 10家 ="},
		{"a year's sentence without a lead-in governs its paragraph", []string{"三、工作任务", "到2025年，新增高新技术企业100家。", "1.培育企业10家。"}, "goal 100家 = 2025-12-31; goal 10家 ="},
		{"力争 and a year govern the number", []string{"签约居民续约率较上一年增加，力争2023年达到60%。"}, "goal 60% = 2023-12-31"},
		{"a magnitude without a number qualifies", []string{"力争到2025年形成在全球市场具有核心竞争力、规模超百亿元的领航企业40户。"}, "threshold 1e+10元 >= 2025-12-31; goal 40户 = 2025-12-31"},
		{"过 is a floor", []string{"到2025年，纳税过1亿元的企业达30家。"}, "threshold 1e+08元 >= 2025-12-31; goal 30家 = 2025-12-31"},
		{"whom a measure applies to", []string{"对投资500万元以上的农业产业化项目，实行工程报建手续全程代办。"}, "threshold 5e+06元 >="},
		{"a cap on a grant after 对 is funding", []string{"对符合条件的企业给予最高50万元的奖励。"}, "funding 500000元 <="},
		{"a dated share to reach is a goal", []string{"到2025年，规模化供水工程覆盖农村人口比例达到85%。"}, "goal 85% = 2025-12-31"},
		{"an intensity of spending is a goal", []string{"到2025年，研发经费投入强度达到2.5%。"}, "goal 2.5% = 2025-12-31"},
		{"a share of spending granted is a rate", []string{"按研发经费投入的10%给予补助。"}, "rate 10% ="},
		{"a share of a cost is a rate", []string{"补贴比例不超过项目投资的30%。"}, "rate 30% <="},
		{"a share of GDP is a goal", []string{"到2025年，力争全社会研发经费投入占GDP比重达到2.5%左右。"}, "goal 2.5% ~ 2025-12-31"},
		// less common units
		{"charging piles", []string{"全年新增公共充电设施260根以上。"}, "goal 260根 >="},
		{"a count of events", []string{"到2027年，举办交流会议不少于10次。"}, "goal 10次 >= 2027-12-31"},
		{"a frequency is no target", []string{"每年至少开展1次监督检查。"}, ""},
		{"a service standard is no target", []string{"对登记失业人员提供1次政策宣介、1次职业指导、3次岗位推荐和1次职业培训机会。"}, ""},
		{"a list of event counts with a comparator", []string{"组织不少于6次培训活动、10次对接活动。"}, "goal 6次 >=; goal 10次 ="},
		{"a dated list of event counts", []string{"到2025年，举办3次推介会、5次对接会。"}, "goal 3次 = 2025-12-31; goal 5次 = 2025-12-31"},
		{"rooms", []string{"力争建设约100间规范化家庭医生工作室。"}, "goal 100间 ~"},
		{"一 after a floor word", []string{"每个地市原则上至少建设一所中等职业学校。"}, "goal 1所 >="},
		{"一 as an article", []string{"建设一所中等职业学校。"}, ""},
		{"hours counted", []string{"到2025年，风电年利用小时数达到2000小时以上。"}, "goal 2000小时 >= 2025-12-31"},
		{"hours as a time limit", []string{"申请材料齐全的，在24小时内办结。"}, ""},
		// kind
		{"a share set aside", []string{"推动二级及以上医疗机构预留30%的号源（其中专家号源不低于30%）给基层医疗卫生机构。"}, "rate 30% =; rate 30% >="},
		{"a share spent", []string{"年签约服务费的80%用于签约服务人员的薪酬分配，20%用于基层医疗卫生机构统筹。"}, "rate 80% =; rate 20% ="},
		{"a share of a grant", []string{"可申请最高90平方米50%租金补贴的人才住房。"}, "goal 90平方米 <=; rate 50% ="},
		{"a share of companies is a goal", []string{"到2025年，50%以上的规上企业实现数字化转型。"}, "goal 50% >= 2025-12-31"},
		{"a per-head standard", []string{"对在校学生按每生每年1000元的标准发放。", "特困人员照料护理标准为每人每月300元。"}, "funding 1000元 = annual; funding 300元 = monthly"},
		{"每月 of another clause", []string{"每月15日前报送工作进展，对新认定的企业给予一次性奖励10万元。"}, "funding 100000元 ="},
		{"a growth condition", []string{"对年度营业收入同比增长15%以上的企业，给予奖励。"}, "threshold 15% >="},
		{"a growth of the past", []string{"全区规上工业增加值同比增长8.5%。"}, ""},
		{"a dated growth goal", []string{"到2025年，数字经济核心产业增加值同比增长10%。"}, "goal 10% = 2025-12-31"},
		{"a floor in a definition qualifies", []string{"本办法所称骨干企业，是指年营业收入5000万元以上的企业。"}, "threshold 5e+07元 >="},
		{"a share of a base spent on a grant", []string{"鼓励机构将奖励资金总额中50%以上的比例，用于骨干人员补助。"}, "rate 50% >="},
		{"an inclusion note restates its bound", []string{"辖区范围内6亩以下(不含6亩)的土地使用审批，由区政府负责。"}, "goal 6亩 <="},
		{"an inclusion note of a floor", []string{"（一）评价得分90分（含90分）以上为优秀。"}, "threshold 90分 >="},
		{"a session's name", []string{"根据区十届人大四次会议通过的《政府工作报告》，到2020年，新建农村公路100公里。"}, "goal 100公里 = 2020-12-31"},
		{"a count of meetings", []string{"到2020年，召开4次会议研究产业发展。"}, "goal 4次 = 2020-12-31"},
		{"a numbered condition's first sentence holds its figure", []string{"二、入驻条件", "（二）申请入驻单位团队人员数量应不少于（含）3人。10人以上可申请独立办公场地。"}, "threshold 3人 >=; threshold 10人 >="},
		{"a heading line restated by its body", []string{"（五）转化400项重大科技成果", "实施重大科技成果转化行动，转化400项重大科技成果。"}, "goal 400项 ="},
		{"a heading line restated in other words", []string{"1.新建5G基站1万个。到2025年，全市新建5G基站10000个以上，实现重点区域全覆盖。"}, "goal 10000个 >= 2025-12-31"},
		{"a heading line that is the goal", []string{"（一）地区生产总值增长7%以上 责任单位：区发改局", "（二）规上工业增加值增长12%以上 责任单位：区经信局"}, "goal 7% >=; goal 12% >="},
		{"the count of the items listed below", []string{"一、推广的改革举措（共23项）", "（一）知识产权保护方面5项：知识产权民事、刑事、行政案件“三合一”审判。"}, ""},
		{"a package of measures by its count", []string{"2.落实好提振市场信心90条措施。（省发展改革委负责）"}, ""},
		{"measures to make, dated", []string{"到2025年，制定10条措施支持民营企业。"}, "goal 10条 = 2025-12-31"},
		{"amounts listed after a grant's lead-in", []string{"奖励标准为：国家级50万元、省级20万元、市级10万元。"}, "funding 500000元 =; funding 200000元 =; funding 100000元 ="},
		{"amounts listed under a grant's lead-in", []string{"三、奖励措施", "对认定的企业给予奖励，奖励标准如下：", "（一）国家级50万元；", "（二）省级20万元。", "四、保障措施", "（一）地区生产总值达到5000亿元。"}, "funding 500000元 =; funding 200000元 =; goal 5e+11元 ="},
		{"amounts listed after a goal's lead-in", []string{"主要目标：到2025年，地区生产总值达到5000亿元。"}, "goal 5e+11元 = 2025-12-31"},
		{"last year is the past", []string{"去年全市新增高新技术企业500家，带动就业1.2万人。"}, ""},
		{"last year's base of a condition", []string{"对营业收入较去年增长20%以上的企业，给予10万元奖励。"}, "threshold 20% >=; funding 100000元 ="},
		{"a list of bare magnitudes", []string{"到2025年，突破百项前沿关键核心技术，形成百项标志性产品，打造百家领军企业。"}, "goal 100项 >= 2025-12-31; goal 100项 = 2025-12-31; goal 100家 = 2025-12-31"},
		{"a bare magnitude after a verb alone", []string{"到2025年，形成百项标志性产品。"}, ""},
		{"a list number running into a figure", []string{"三、资助对象", "符合以下条件之一的经济困难且失能（失智）的老年人：", "1.80周岁及以上的；", "2.纯老家庭人员。"}, "threshold 80岁 >="},
		{"a list number and a space before a figure", []string{"四、资助对象", "5. 100周岁及以上的；"}, "threshold 100岁 >="},
		{"a figure opening a paragraph outside a list", []string{"五、支持方式", "1.5亿元以上的项目优先支持。"}, "threshold 1.5e+08元 >="},
		{"a household's size", []string{"按以下顺序分配：", "1.3人户家庭；", "2.2人户中2人均年满60周岁的家庭。"}, "threshold 60岁 >="},
		{"persons in households", []string{"到2025年，帮扶困难群众2000人，覆盖500户家庭。"}, "goal 2000人 = 2025-12-31; goal 500户 = 2025-12-31"},
		{"未满 and 不满 are caps", []string{"（1）未满35周岁参保人员个人不缴费；（2）年满60周岁的老年人免费乘车。"}, "threshold 35岁 <=; threshold 60岁 >="},
		{"the next member of a list of articles", []string{"依照本办法第十二条、十三条规定执行，给予50万元奖励。"}, "funding 500000元 ="},
		{"a list of counted items", []string{"到2025年，新建公园12个、十三个口袋公园。"}, "goal 12个 = 2025-12-31; goal 13个 = 2025-12-31"},
		{"an inclusion note of a range", []string{"（1）1万—3万元（含1万元，不含3万元）（4分）；"}, "goal 10000元 >=; threshold 4分 ="},
		{"years counted are a duration", []string{"从出生之日起享受相应的2个年度城乡居民医保待遇。"}, ""},
		{"a full-width slash of per-unit money", []string{"给予20万元／家的奖励，补贴不足200元的，按照200元／月予以发放。"}, "funding 200000元/家 =; threshold 200元 <=; funding 200元 = monthly"},
		{"a breakdown in brackets", []string{"到2025年，培育专精特新企业500家（含国家级专精特新“小巨人”企业50家）。"}, "goal 500家 = 2025-12-31; goal 50家 = 2025-12-31"},
		{"a section on last year's work is the past", []string{"一、2024年工作总结", "全年新增高新技术企业120家，完成技术合同成交额50亿元。", "二、2025年工作计划", "力争新增高新技术企业150家以上。"}, "goal 150家 >="},
		{"a plan's execution is the past", []string{"一、2024年国民经济和社会发展计划执行情况", "全市地区生产总值增长5.2%。", "二、2025年主要预期目标", "地区生产总值增长5%左右。"}, "goal 5% ~ 2025-12-31"},
		{"a fine is no target", []string{"拒不改正的，处1万元以上10万元以下的罚款；违法所得5万元以上的，并处违法所得1倍以上5倍以下的罚款。"}, "threshold 50000元 >="},
		{"a grant beside a fine's clause", []string{"对符合条件的企业，给予10万元奖励，不得用于缴纳罚款。"}, "funding 100000元 ="},
		{"a fine named first", []string{"对违反规定的，处以罚款5万元。"}, ""},
		{"a grant to an office", []string{"考核优秀的，奖励所在街道办事处5万元。"}, "funding 50000元 ="},
		// restatements
		{"equal wording under two items is two grants", []string{"（一）加强应用性基础研究。按照规定分阶段给予不超过总投入30%、最高3000万元的经费支持。", "（十）培育未来产业集聚区。按照规定分阶段给予不超过总投入30%、最高3000万元的经费支持。"}, "rate 30% <=; funding 3e+07元 <=; rate 30% <=; funding 3e+07元 <="},
		{"a passage held twice", []string{"对当年基金零报销的参保人员，次年提高大病保险最高支付限额3800元。两项激励额度可累加。", "对当年基金零报销的参保人员，次年提高大病保险最高支付限额3800元。两项激励额度可累加。"}, "funding 3800元 <="},
		{"a figure restated within one sentence is one", []string{"到2025年，高新技术企业数量达到750家，使高新技术企业数量达到750家。"}, "goal 750家 = 2025-12-31"},
		// what is not a target
		{"the base a measure starts from", []string{"在巩固落实好生均财政拨款水平达到12000元的基础上，逐步提高拨款水平。"}, ""},
		{"a committed base", []string{"到2020年，在确保高新技术企业保有量达到460家以上的基础上，力争新增220家。"}, "goal 460家 >= 2020-12-31; goal 220家 = 2020-12-31"},
		{"a frame with a verb commits", []string{"面向全区中小企业每年遴选不超过10名新星企业家。"}, "goal 10名 <= annual"},
		{"a frame without a verb describes", []string{"依托南宁、柳州、桂林、北海4个国家级高新区，推动产业集聚。"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if b := brief(Extract(doc(c.lines...), segmenter(t))); b != c.want {
				t.Errorf("\n got %s\nwant %s", b, c.want)
			}
		})
	}
}

// tableDoc builds a document of text lines followed by one table whose rows
// are tab-separated lines.
func tableDoc(lines []string, rows [][]string) *schema.Document {
	d := doc(lines...)
	var b strings.Builder
	b.WriteString(d.Text)
	tb := schema.Table{Ordinal: 1}
	tb.Span.Start = b.Len() + 1
	for _, r := range rows {
		b.WriteByte('\n')
		start := b.Len()
		b.WriteString(strings.Join(r, "\t"))
		tb.Rows = append(tb.Rows, schema.TableRow{Cells: r, Span: schema.Span{Start: start, End: b.Len()}})
		d.Blocks = append(d.Blocks, schema.Block{Kind: schema.BlockTable, Text: strings.Join(r, "\t"), Span: schema.Span{Start: start, End: b.Len()}})
	}
	tb.Span.End = b.Len()
	d.Text = b.String()
	d.Tables = []schema.Table{tb}
	return d
}

// TestSentenceCells: a table cell that is a sentence is read like text; a
// cell that only holds a number is a quota, and a figure the text commits
// again is not repeated.
func TestSentenceCells(t *testing.T) {
	body := []string{"到2023年，重点人群签约服务覆盖率达80%以上，重点人群续约率达80%以上。"}
	rows := [][]string{
		{"签约数量指标", "1.重点人群签约服务覆盖率", "较上一年增加。2023年达到80%，力争2035年达到95%。"},
		{"服务效果", "10.签约居民续约率", "较上一年增加，力争2023年达到80%。"},
		{"服务效果", "12.签约基本包居民在签约机构就诊率", "较上一年增加，力争2023年达到60%。", "就诊人数指在签约机构就诊≥1次的签约基本包居民。"},
		{"服务效果", "13.签约居民建档率", "较上一年增加，力争2023年达到80%。"},
		{"服务效果", "15.签约高血压患者血压控制率", "≥50%"},
	}
	got := Extract(tableDoc(body, rows), segmenter(t))
	want := "goal 80% >= 2023-12-31; goal 80% >= 2023-12-31; goal 95% = 2035-12-31; goal 60% = 2023-12-31; threshold 1次 >=; goal 80% = 2023-12-31"
	if b := brief(got); b != want {
		t.Errorf("\n got %s\nwant %s", b, want)
	}
	var subj []string
	for _, x := range got {
		subj = append(subj, x.Subject)
	}
	if s := strings.Join(subj, "|"); !strings.Contains(s, "签约基本包居民在签约机构就诊率") || !strings.Contains(s, "签约居民建档率") {
		t.Errorf("cell targets take the row's name: %s", s)
	}
}

// TestPlanOfYear: a year naming a plan governs the figures of its sentence;
// a year naming an event does not.
func TestPlanOfYear(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"做实做细基层医生全科能力提升工程2023年培训计划，培养不少于3500名基层医生。", "goal 3500名 >= 2023-12-31"},
		{"结合2019年党代会精神，培养不少于3500名基层医生。", "goal 3500名 >="},
	} {
		if b := brief(Extract(doc(c.line), segmenter(t))); b != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.line, b, c.want)
		}
	}
}

// TestCellListNumber: a cell's list number followed by a space is no part
// of the figure after it (1. 18—40周岁 is no 1.18 岁).
func TestCellListNumber(t *testing.T) {
	rows := [][]string{
		{"基础指标", "年龄", "1. 18—40周岁（含40周岁）（30分）。2. 40周岁以上的，每增加1岁少加2分。"},
		{"基础指标", "学历", "1.5倍于基础分值的，加20分。"},
	}
	got := Extract(tableDoc([]string{"积分指标及分值表"}, rows), segmenter(t))
	var ages []string
	for _, x := range got {
		if x.NormUnit == "岁" {
			ages = append(ages, fmt.Sprintf("%g", x.NormValue))
		}
	}
	if s := strings.Join(ages, " "); s != "18 40" {
		t.Errorf("ages %q, want \"18 40\"", s)
	}
}
