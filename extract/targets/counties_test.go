package targets

import "testing"

// TestCountyMeasures: failure classes of 若干措施, 招商引资办法 and 资金管理
// 办法 of counties, cities and ministries, each with a real sentence and a
// counter-example that must not change.
func TestCountyMeasures(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  string
	}{
		// a fee rate or an interest rate is a rate
		{"a capped guarantee fee rate", []string{"政府性融资担保机构对小微企业的担保费率不超过1%。"}, "rate 1% <="},
		{"a fee rate among conditions qualifies", []string{"对融资担保机构开展的小微企业融资担保业务，担保费率不超过1%的，按年化担保额的0.5%给予补助。"}, "threshold 1% <=; rate 0.5% ="},
		{"a share of spending is still a goal", []string{"到2025年，力争全市全社会研发经费投入占GDP比重达到2.5%左右。"}, "goal 2.5% ~ 2025-12-31"},
		// counts of conditions
		{"a count of the conditions to meet", []string{"第三条 本办法所鼓励的投资项目，必须符合国家产业政策，同时符合以下两个或两个以上条件："}, ""},
		{"list references to conditions", []string{"四、申请条件", "同时满足1和2两项条件的企业，可申请奖励。"}, ""},
		{"a count picked from conditions", []string{"二、认定条件", "具备以下3项条件中的2项。"}, ""},
		{"a count of projects is no condition count", []string{"到2025年，实施重大技术改造项目20项以上。"}, "goal 20项 >= 2025-12-31"},
		// the base of a share described as it is now
		{"a share of the present staff", []string{"一、申请条件", "合法经营和有一定的自有资金，当年新招用符合上述条件人员数量达到企业现有在职职工人数30%、并与其签订1年以上劳动合同的小微企业。"}, "threshold 30% ="},
		{"a share of the present staff and a tier beside it", []string{"一、申请条件", "小微企业：一年内新招用符合条件的人员数量达到企业现有在职职工人数25%(超过100人的企业达到15%)。"}, "threshold 25% =; threshold 100人 >=; threshold 15% ="},
		{"the present situation is still the past", []string{"现有高新技术企业占规上工业企业比重达到30%。"}, ""},
		// a note between an amount and its bound
		{"a currency note before 以上", []string{"第三条 本办法所鼓励的投资项目，同时符合以下条件：", "（一）新增固定资产投资1000万元(人民币,下同)以上；"}, "threshold 1e+07元 >="},
		{"a currency note before 及以上的", []string{"第四条 固定资产投资额1000万元(人民币,下同)及以上的鼓励类生产性投资项目，由县财政补助给企业。"}, "threshold 1e+07元 >="},
		{"a breakdown note is no bound's note", []string{"到2025年，培育专精特新企业500家（含国家级专精特新“小巨人”企业50家）。"}, "goal 500家 = 2025-12-31; goal 50家 = 2025-12-31"},
		// a size stated with 在, and tiers of two bounds
		{"a size with 在 and a grant after", []string{"第二条 固定资产投资规模在500万元以上，从事有色金属、化工、建材类的企业，分别按缴纳地方税收总额的30%、20%、10%给予奖励。"}, "threshold 5e+06元 >=; rate 30% =; rate 20% =; rate 10% ="},
		{"a tier of two bounds without 的", []string{"投资额在1亿元以上5亿元以下，引荐的乡镇或部门年终目标考核加4分。"}, "threshold 1e+08元 >=; threshold 5e+08元 <=; threshold 4分 ="},
		{"the floor of a tier of two bounds", []string{"投资额在5000万元以上1亿元以下的，引荐的乡镇或部门年终目标考核加2分。"}, "threshold 5e+07元 >=; threshold 1e+08元 <=; threshold 2分 ="},
		{"a level kept with 控制在 is no size", []string{"小微企业综合融资成本控制在5%以内。"}, "goal 5% <="},
		// a window of days when a measure applies is no deadline
		{"a window of days", []string{"2020年2月1日至6月30日，介绍劳动者到本市企业就业的，一次引进50人以上的按每人300元的标准给予职业介绍补贴。"}, "threshold 50人 >=; funding 300元 ="},
		{"a day from which a measure applies", []string{"对2022年1月1日以后首次领取小微企业营业执照的创业人员，给予3万元一次性创业补贴。"}, "funding 30000元 ="},
		{"a day by which a goal holds", []string{"2025年12月31日前，全市建成充电桩5000个。"}, "goal 5000个 = 2025-12-31"},
		// percentage points of a subsidy, caps and floors not reached
		{"points of an interest subsidy", []string{"将信用卡账单分期业务纳入支持范围，年贴息比例为1个百分点。"}, "rate 1个百分点 ="},
		{"points of a share to raise", []string{"到2025年，高新技术产业增加值占规模以上工业增加值比重提高5个百分点以上。"}, "goal 5个百分点 >= 2025-12-31"},
		{"未达 is a cap", []string{"对推进计划投资总额未达2000万元的企业，收回奖补资金。"}, "threshold 2e+07元 <="},
		{"上限 after an amount", []string{"取消单笔贴息500元上限。"}, "funding 500元 <="},
		// grants beside grants
		{"an annual instalment of a grant", []string{"已被认定为国家专精特新小巨人企业，奖励600万元/家，每年200万元。"}, "funding 6e+06元/家 =; funding 2e+06元 = annual"},
		{"a goal after a grant keeps its kind", []string{"对认定的企业奖励20万元，力争年产值达到5000万元。"}, "funding 200000元 =; goal 5e+07元 ="},
		{"a granted amount before another grant's condition", []string{"对当年度认定的国家级高新技术企业奖励20万元，市外国家级高新技术企业整体迁入我区并在有效期内完成落户的，给予10万元奖励。"}, "funding 200000元 =; funding 100000元 ="},
		{"a grant of 1万元 per trip", []string{"组织350人次以上的旅游专列的旅行社，每次每列奖励1万元。"}, "threshold 350人次 >=; funding 10000元 ="},
		{"a count of 1 per unit is the unit a grant is counted in", []string{"每引进1名博士，给予5万元补贴。"}, "funding 50000元 ="},
		{"how a measure is divided", []string{"2021-2025年，中央财政累计安排100亿元以上奖补资金，分三批（每批不超过三年）重点支持1000余家国家级专精特新“小巨人”企业。"}, "funding 1e+10元 >=; goal 1000家 >="},
		// a level changed from one figure to another
		{"the new level of a rate", []string{"大型企业返还比例由不超过30%最高提至不超过50%，政策执行期限至2025年12月底。"}, "rate 50% <="},
		{"the level a change starts from", []string{"目标是市融资担保基金资本金从100亿元增加到184.69亿元。"}, "goal 1.8469e+10元 ="},
		{"a base year's level", []string{"到2025年，全市高新技术企业数量由2020年的500家增加到1000家。"}, "goal 1000家 = 2025-12-31"},
		{"two figures of one sentence without 由", []string{"到2025年，研发投入强度达到2.5%，提至3%的企业不少于100家。"}, "goal 2.5% = 2025-12-31; goal 3% = 2025-12-31; goal 100家 >= 2025-12-31"},
		// persons a rate is counted per
		{"persons before a rate's name", []string{"到2025年，工矿商贸就业人员十万人生产安全事故死亡率下降20%。"}, "goal 20% = 2025-12-31"},
		{"persons after 每", []string{"到2025年，年均每十万人受灾人次控制在15000人次以内。"}, "goal 15000人次 <= 2025-12-31 annual"},
		{"persons trained and a rate after a comma", []string{"到2025年，培训农民工10万人，就业率达到90%。"}, "goal 100000人 = 2025-12-31; goal 90% = 2025-12-31"},
		// a bound on an attribute of the noun after 的
		{"a bound on a size the noun has", []string{"4．工贸。冶金企业高温熔融金属、煤气工艺环节，涉粉作业人数30人以上的金属粉尘、木粉尘企业。"}, "threshold 30人 >="},
		{"a bound on what a verb makes", []string{"建设10个以上的省级示范基地。"}, "goal 10个 >="},
		// weights of the items of an evaluation
		{"the weight of an item", []string{"一、政务服务“一网通办”（25分）", "（一）一体化政务服务平台建设（3分）", "9．各级大厅综合一窗率达到90%以上。"}, "goal 90% >="},
		{"weights of a sum", []string{"半年考评分值=日常监测（60%）+实地调研（20%）+民意调查（10%）+第三方评估（10%）"}, ""},
		{"a score in brackets after a tier keeps", []string{"（1）投资额1万—3万元（4分）；"}, "goal 10000元 >=; threshold 4分 ="},
		// figures framed by what a measure aims at
		{"a frame of 针对", []string{"指导企业用好中日关税减让承诺，针对首年关税为零的2034种、5年内关税减让显著的2725种出口商品，以机械设备、电气设备和纺织服装等为重点，加大市场开拓力度。"}, ""},
		{"针对 and a verb that commits", []string{"针对重点产业链，每年遴选不少于20家链主企业。"}, "goal 20家 >= annual"},
		// a part of a whole is no share paid
		{"a loss kept below a share of GDP", []string{"到2025年，年均因自然灾害直接经济损失占国内生产总值比例<1%。"}, "goal 1% <= 2025-12-31 annual"},
		{"a part of a whole among conditions", []string{"一、申报条件", "（二）年度基础研究投入占总研发支出的比例不低于10%。"}, "threshold 10% >="},
		{"a share of an investment granted stays a rate", []string{"单个项目补助额度原则上不超过项目总投资的30%，且不超过200万元。"}, "rate 30% <=; funding 2e+06元 <="},
		// a relaxed bound
		{"a relaxed cap on age", []string{"二、申报条件", "无刑事犯罪记录，引进时年龄原则上不超过45周岁（个人能力、业绩和贡献突出的可放宽至50周岁）。"}, "threshold 45岁 <=; threshold 50岁 <="},
		{"放宽 without a figure", []string{"二、申报条件", "年龄在35周岁以下，特别优秀的年龄可适当放宽。"}, "threshold 35岁 <="},
		// a bound in brackets after a noun
		{"a bound on an attribute in brackets", []string{"新建国家机关办公建筑、大型公共建筑（单体建筑面积2万平方米以上）、学校、医院、建筑面积15万平方米以上的住宅小区，应当按照绿色建筑标准进行规划、设计及建设。"}, "threshold 20000平方米 >=; threshold 150000平方米 >="},
		{"a breakdown in brackets with a bound", []string{"培育专精特新企业500家（含国家级专精特新“小巨人”企业50家以上）。"}, "goal 500家 =; goal 50家 >="},
		{"a grant's cap in brackets", []string{"按企业机构年度营业收入分档次最高给予实际租金50%的扶持（扶持金额每月每平方米最高50元），扶持期限最多3年。"}, "rate 50% <=; funding 50元 <= monthly"},
		{"ten as the adverb", []string{"做好质监信息宣传工作有着十分重要意义。"}, ""},
		// an annual goal goes on in a clause without a verb
		{"an annual goal's second clause", []string{"高标准培育智能工厂、数字化车间，每年推广应用工业机器人8000台以上，工业人工智能应用100个以上。"}, "goal 8000台 >= annual; goal 100个 >= annual"},
		{"a clause with its own verb", []string{"高标准培育智能工厂，每年推广应用工业机器人8000台以上，新建数字化车间100个。"}, "goal 8000台 >= annual; goal 100个 ="},
		// a list number before a figure (2、1万元 read as 2 and 1万元), tiers
		// heading a colon; the shares after the colon stay as the text gives
		// them, no grant's lead-in naming them rates
		{"list numbers with 、 before figures", []string{"城镇居民住院医疗费用报销：", "1、起付标准以上至1万元以下：一级80%、二级75%、三级70%。", "2、1万元至5万元：一级85%、二级80%、三级75%。", "3、5万元以上：一级90%、二级85%、三级80%。"}, "threshold 10000元 <=; goal 80% =; goal 75% =; goal 70% =; threshold 10000元 >=; goal 85% =; goal 80% =; goal 75% =; threshold 50000元 >=; goal 90% =; goal 85% =; goal 80% ="},
		{"a count heading a colon counts the items after it", []string{"（一）知识产权保护方面5项：知识产权民事、刑事、行政案件“三合一”审判。"}, ""},
		// a total of the items a text holds
		{"the total of a plan's items", []string{"《通知》中任务分解采用表格形式，分为“类别、任务内容、牵头领导、责任单位”4个方面的内容，共149项。"}, ""},
		{"the tasks a named plan holds", []string{"现将《2021年市〈政府工作报告〉任务分解和责任分工方案》（以下简称《方案》）印发给你们，并就抓好《方案》确定的146项工作任务落实通知如下："}, ""},
		{"tasks to complete without a plan's name", []string{"全年完成重点改革任务30项，实施重点项目100项。"}, "goal 30项 =; goal 100项 ="},
		{"a total committed with its year", []string{"到2025年，新建公园12个、口袋公园30个，共42个。"}, "goal 12个 = 2025-12-31; goal 30个 = 2025-12-31; goal 42个 = 2025-12-31"},
		// a meeting's session number
		{"a standing meeting's session", []string{"《关于完善“府院联动”机制的意见》已经市政府十七届61次常务会议审议通过，现印发给你们，请认真贯彻执行。"}, ""},
		{"meetings held as a count", []string{"到2027年，组织召开产业对接会10次以上，形成会议纪要。"}, "goal 10次 >= 2027-12-31"},
		// the present stated at a sentence's start
		{"the present through a sentence", []string{"目前，合作企业已从2家拓展至12家，其中民营企业7家。"}, ""},
		{"the present and a dated commitment", []string{"目前，全市有高新技术企业300家，力争到2025年达到500家。"}, "goal 500家 = 2025-12-31"},
		// money earmarked for a use
		{"a part of a fund earmarked", []string{"按照规定，1亿元专项资金，其中5000万元主要用于对标行动，支持和奖励企业争创标杆企业。"}, "funding 1e+08元 =; funding 5e+07元 ="},
		{"an amount reached is no earmark", []string{"到2025年，全市软件业务收入达到5000万元。"}, "goal 5e+07元 = 2025-12-31"},
		// deductibles
		{"deductibles by hospital level", []string{"城镇职工基本医疗保险和城乡居民基本医疗保险首次住院起付标准为三级医院1000元，二级医院500元，一级医院200元。"}, "threshold 1000元 =; threshold 500元 =; threshold 200元 ="},
		{"a cap paid after a deductible", []string{"起付线为2000元，年度最高支付限额为20万元。"}, "threshold 2000元 =; funding 200000元 <="},
		// 符合条件的 qualifies, it frames nothing
		{"a cap for those who qualify", []string{"据悉，符合条件的小微企业创业担保贷款最高额度为300万元，并按照中国人民银行公布的同期限贷款基准利率的50%给予贷款贴息。"}, "funding 3e+06元 <=; rate 50% ="},
		{"a frame of 符合 that names fields", []string{"符合我市重点发展的新一代信息技术等5个产业方向的项目，优先给予支持。"}, ""},
		// a bare magnitude with a bound after it
		{"projects of a bare magnitude and up", []string{"每年滚动实施1000项亿元以上技术改造项目，引导推动2000家规上工业企业实施技术改造。"}, "goal 1000项 = annual; threshold 1e+08元 >= annual; goal 2000家 = annual"},
		{"a bare magnitude without a bound", []string{"打造千亿级产业集群，实施亿元项目。"}, ""},
		// conditions of an application
		{"a bounded share among conditions", []string{"一、认定条件", "（五）企业近三个会计年度的研究开发费用总额占同期销售收入总额的比例符合如下要求：", "1. 最近一年销售收入小于5,000万元（含）的企业，比例不低于5%；"}, "threshold 5e+07元 <=; threshold 5% >="},
		{"an alternative shares the bound", []string{"一、基本条件", "（五）近3年在其主要产品技术领域每年有专利申请，并至少拥有1项发明专利，或者2项实用新型专利（软件著作权）等自主知识产权。"}, "threshold 1项 >=; threshold 2项 >="},
		{"an alternative in brackets shares the bound", []string{"一、申报条件", "（七）有独立的研发机构，研发机构专职工作人员不少于15人（软件类企业30人）。"}, "threshold 15人 >=; threshold 30人 >="},
		{"a share paid among conditions stays a rate", []string{"三、申报条件", "（三）按不超过项目投资额的30%给予补助。"}, "rate 30% <="},
		// the parts of a fact
		{"parts of a fact after 其中", []string{"全盟现有胡尔奇100余名，其中，国家级非遗代表性传承人、自治区级非遗代表性传承人分别有2人、5人。"}, ""},
		{"parts of a goal after 其中", []string{"到2025年，培育专精特新企业500家，其中，国家级专精特新“小巨人”企业50家。"}, "goal 500家 = 2025-12-31; goal 50家 = 2025-12-31"},
		// a definition in brackets
		{"a definition in brackets qualifies", []string{"对受疫情影响的中小微工业企业(指从业人员≤1000人或营业收入≤4亿元的工业企业)欠费不停水、不停电、不停气。"}, "threshold 1000人 <=; threshold 4e+08元 <="},
	} {
		t.Run(c.name, func(t *testing.T) {
			if b := brief(Extract(doc(c.lines...), segmenter(t))); b != c.want {
				t.Errorf("\n got %s\nwant %s", b, c.want)
			}
		})
	}
}

// TestPastPlanPeriod: a paragraph that opens with a five-year plan's period
// ended before the issue date reviews it; one of the plan still running
// commits.
func TestPastPlanPeriod(t *testing.T) {
	for _, c := range []struct {
		issued string
		want   string
	}{
		{"2021-01-04", ""},
		{"2019-06-30", "goal 1.3e+12斤 >="},
	} {
		d := doc("“十三五”时期，现代农业建设取得重大进展，乡村振兴实现良好开局。粮食年产量连续保持在1.3万亿斤以上。")
		d.Meta.IssueDate = c.issued
		if b := brief(Extract(d, segmenter(t))); b != c.want {
			t.Errorf("issued %s: got %q, want %q", c.issued, b, c.want)
		}
	}
}
