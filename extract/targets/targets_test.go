package targets

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"policyx/internal/testsupport"
	"policyx/lexicon/seg"
	"policyx/schema"
)

var (
	sgOnce sync.Once
	sg     *seg.Segmenter
)

func segmenter(t testing.TB) *seg.Segmenter {
	sgOnce.Do(func() {
		s, err := seg.Load()
		if err != nil {
			t.Fatal(err)
		}
		sg = s
	})
	return sg
}

// doc builds a document of one paragraph block per line; a line starting
// with "TABLE:" becomes a table block of tab-separated cells.
func doc(lines ...string) *schema.Document {
	var bs []schema.Block
	for _, l := range lines {
		kind := schema.BlockPara
		if strings.HasPrefix(l, "TABLE:") {
			kind = schema.BlockTable
			l = strings.TrimPrefix(l, "TABLE:")
		}
		bs = append(bs, schema.Block{Kind: kind, Text: l})
	}
	return testsupport.Blocks(bs...)
}

func brief(ts []schema.Target) string {
	var out []string
	for _, t := range ts {
		s := fmt.Sprintf("%s %g%s %s", t.Kind, t.NormValue, t.NormUnit, t.Comparator)
		if t.Deadline != "" {
			s += " " + t.Deadline
		}
		if t.Period != "" {
			s += " " + t.Period
		}
		if t.Scope != "" {
			s += " @" + t.Scope
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

func TestExtract(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  string
	}{
		// what is not a target
		{"background section", []string{"一、现实基础", "我区科技进步贡献率达到52.35%，国家重点实验室只有3家。", "二、主要目标", "到2020年，新增高新技术企业1000家以上。"}, "goal 1000家 >= 2020-12-31"},
		{"past statement", []string{"2017年广西综合科技创新水平指数仅为44.84，位居全国第25位。"}, ""},
		{"identifiers and names", []string{"研发满足国六b排放法规的2.0T发动机和CN300平台，建设5G网络，发展“5+5”产业，落实柳发〔2018〕14号文件。"}, ""},
		{"durations and frequencies", []string{"通过1—2年的努力，申请在30天内办结，有效期3年，每5年修订1次。"}, ""},
		{"natural days and quarters", []string{"自公示结束之日起30个自然日内未签订入驻协议的，视为自动放弃；连续3个季度营业收入增长的企业优先推荐。"}, ""},
		{"vague magnitudes", []string{"力争高新技术企业数量实现倍增，培育数以万计的产教融合型企业。"}, ""},
		{"dates", []string{"本方案自2019年1月1日起施行。"}, ""},
		{"table rows", []string{"TABLE:1\t国家工业设计中心\t3", "1\t国家重点实验室\t1"}, ""},
		{"enumeration count", []string{"成果形式分著作、论文、调研报告三种。"}, ""},
		{"framed count", []string{"依托南宁、柳州、桂林、北海4个国家级高新区，启动申报。"}, ""},
		{"markup", []string{"width: 100%;"}, ""},
		{"heading restating its body", []string{"4. 新增1000家高新技术企业。到2020年，新增高新技术企业1000家以上。"}, "goal 1000家 >= 2020-12-31"},
		{"per one", []string{"每引进1名高级工，给予1000元引才补贴。"}, "funding 1000元 ="},
		{"per year is no per one", []string{"到2025年，覆盖率每年提升1个百分点。", "满意度每年提升1～3个百分点。"}, "goal 1个百分点 = 2025-12-31 annual; goal 1个百分点 >= annual"},
		{"since founding in a grant's condition", []string{"机构自成立以来首次达到1亿元的，给予最高30万元奖励。", "2017年以来，累计投入资金10亿元。"}, "threshold 1e+08元 =; funding 300000元 <="},
		{"formula", []string{"签约服务覆盖率=签约居民人数/常住人口数*100%。"}, ""},
		{"list counted by a colon", []string{"（一）知识产权保护方面5项：知识产权案件“三合一”审判；"}, ""},
		{"small chinese numeral in prose", []string{"职业教育与普通教育是两种不同教育类型。"}, ""},
		{"total line of a table", []string{"合计：核心技术44项，共性技术17项，共123项"}, ""},
		{"parts of a whole", []string{"考核指标体系由质量、效率、满意度等3个方面的指标构成。", "补贴范围为12大类30个小类45个品目。", "（二）科技金融方面7项。"}, ""},
		{"places counted by a list", []string{"北京、天津、重庆等5个地区先行先试，积累了经验。"}, ""},
		// what is
		{"a list closed by 等 that commits", []string{"到2025年，突破材料、装备等8项技术。"}, "goal 8项 = 2025-12-31"},
		{"discount is a rate", []string{"使用平台付费按照第一年免费，第二年折扣优惠40%执行。"}, "rate 40% ="},
		{"forbidding comparator", []string{"补贴比例不得超过40%。"}, "rate 40% <="},
		{"grant after a condition closed by 的", []string{"年度营业收入超过3亿元且增速高于20%的，给予最高200万元奖励。"}, "threshold 3e+08元 >=; threshold 20% >=; funding 2e+06元 <="},
		{"count in a condition closed by 的", []string{"举办营业性演出超50场的，经认定，按投资额的10%给予奖励。"}, "threshold 50场 >=; rate 10% ="},
		{"condition over two clauses", []string{"年度演出场次超过80场，全年票房超过50万元的演艺空间，经认定，给予最高100万元奖励。"}, "threshold 80场 >=; threshold 500000元 >=; funding 1e+06元 <="},
		{"dated goals are no condition", []string{"到2027年，形成50个智能产品，培育8家有影响力的龙头企业，支持建设创新中心。"}, "goal 50个 = 2027-12-31; goal 8家 = 2027-12-31"},
		{"a quota of qualified items", []string{"每年评选不超过3个绩效显著的公共服务平台，给予最高100万元奖励。"}, "goal 3个 <= annual; funding 1e+06元 <= annual"},
		{"condition followed by a verb", []string{"原则上购机价格在5000元以上的鼓励非现金方式支付。"}, "threshold 5000元 >="},
		{"a grant named after an entity word", []string{"每引进1个项目，经认定给予最高20万元项目服务奖。"}, "funding 200000元 <="},
		{"每年 of an earlier grant", []string{"给予每个机构每年20万元运营补贴，每引进1个项目，给予最高10万元服务奖。"}, "funding 200000元 = annual; funding 100000元 <="},
		{"qualifier of a later count", []string{"到2026年，培育年产值超50亿元、具有较强竞争力的骨干企业3家。"}, "threshold 5e+09元 >= 2026-12-31; goal 3家 = 2026-12-31"},
		{"qualifier after a verb of having", []string{"到2026年，培育具备5个以上应用场景的工厂不少于8个。"}, "threshold 5个 >= 2026-12-31; goal 8个 >= 2026-12-31"},
		{"a list is no qualifier", []string{"到2026年，引育3家以上龙头企业、8家以上骨干企业。"}, "goal 3家 >= 2026-12-31; goal 8家 >= 2026-12-31"},
		{"a bracketed part is no qualifier", []string{"到2026年，获得新技术50项以上（其中核心技术5项以上）。"}, "goal 50项 >= 2026-12-31; goal 5项 >= 2026-12-31"},
		{"a quota is no threshold", []string{"本条款每年最多奖励6家企业。"}, "goal 6家 <= annual"},
		{"amounts paid by a later verb", []string{"对新落户的人才，按博士8万元、硕士4万元的标准给予落户奖励。"}, "funding 80000元 =; funding 40000元 ="},
		{"amount per year", []string{"对租赁场地的机构，给予最高不超过5万元/年的场租补贴。"}, "funding 50000元 <= annual"},
		{"per-person standard", []string{"（一）全市最低生活保障标准为每人每月1200元。"}, "funding 1200元 = monthly"},
		{"cap among conditions", []string{"四、申报条件", "（三）择优给予奖励，金额最高20万元。"}, "funding 200000元 <="},
		{"qualifying amount", []string{"对年度研发经费不足1000万元但与高校有合作基础的企业给予支持。"}, "threshold 1e+07元 <="},
		{"tiers written after the list", []string{"营业收入首次达到5000万元、1亿元、2亿元以上的，给予奖励。"}, "threshold 5e+07元 >=; threshold 1e+08元 >=; threshold 2e+08元 >="},
		{"section year", []string{"二、发展目标", "到2023年末，建成产业集聚区。", "——产业规模达1000亿元。"}, "goal 1e+11元 = 2023-12-31"},
		{"year after a basis clause", []string{"二、发展目标", "根据《上海市推进农业高质量发展行动方案（2021-2025年）》相关目标任务，到2025年，主要粮食作物耕种收综合机械化率达到98%以上。建成5-8个林果机械化生产示范基地。"}, "goal 98% >= 2025-12-31; goal 5个 >= 2025-12-31"},
		{"basis clause without a year", []string{"根据2020年统计口径，新增孵化器10个。"}, "goal 10个 ="},
		{"fund noun after a cap", []string{"引育国际性科技组织，开展联合研究等活动，按照规定给予最高500万元的开办经费，并每年给予最高200万元的经费支持。"}, "funding 5e+06元 <=; funding 2e+06元 <= annual"},
		{"entity after a cap", []string{"年销量1万台以上的车型，每台奖励500元。"}, "threshold 10000台 >=; funding 500元 ="},
		// 丽水市 2023 and 德州 2023 (lishui.gov.cn, gqrdw.cn/zhengce/720.html)
		{"figures in a list of goals", []string{"力争引进20亿级项目不少于12个、50亿级项目不少于2个,努力实现百亿级重大产业项目接二连三再突破。"}, "goal 12个 >=; goal 2个 >="},
		{"growth of funds set aside", []string{"2023年,争取上级专项资金增长10%以上,力争地方政府专项债券资金10亿元。"}, "goal 10% >= 2023-12-31; funding 1e+09元 = 2023-12-31"},
		{"share of a loan is a rate", []string{"对新认定的省级“独角兽”“瞪羚”企业,按企业上年度实际贷款总额的50%给予贴息扶持。"}, "rate 50% ="},
		// 德清县 2024 (deqing.gov.cn), half-width punctuation as published
		{"condition joined by 或", []string{"对服务县内同行业企业超30家或连接设备超1千台的平台,奖励100万元;"}, "threshold 30家 >=; threshold 1000台 >=; funding 1e+06元 ="},
		{"dated goal with a condition joined by 或", []string{"到2025年,培育年营业收入超100亿元或利润超10亿元的企业达到5家。"}, "threshold 1e+10元 >= 2025-12-31; threshold 1e+09元 >= 2025-12-31; goal 5家 = 2025-12-31"},
		// ../shared/realdocs/hainan_2024_nongji_butie_ssfa.pdf
		{"floor naming what a cap is granted for", []string{"100 马力以上拖拉机单机补贴限额不超过 10 万元，200 马力以上动力换挡或无级变速拖拉机单机补贴限额不超过 25 万元。"}, "threshold 100马力 >=; funding 100000元 <=; threshold 200马力 >=; funding 250000元 <="},
		{"floor of a goal beside a grant", []string{"建设10个以上示范基地，给予每个基地最高50万元补助。"}, "goal 10个 >=; funding 500000元 <="},
		{"end of a five-year plan", []string{"二、发展目标", "到“十四五”末，全市高新技术企业达到1000家，PM2.5平均浓度控制在30微克/立方米以内。"}, "goal 1000家 = 2025-12-31; goal 30微克/立方米 <= 2025-12-31"},
		{"during a five-year plan", []string{"“十四五”期间，累计培育专精特新企业500家。"}, "goal 500家 ="},
		// chacewang.com/newsdetail/news748437.html (a county's 若干措施)
		{"step a grant is counted by", []string{"给予一次性奖励10万元,并按照产值每新增1000万元奖励2万元的标准给予增量奖励,每家企业最高奖励300万元。"}, "funding 100000元 =; funding 20000元 =; funding 3e+06元 <="},
		{"yearly increase is no step", []string{"到2025年，每年新增规模以上工业企业50家。"}, "goal 50家 = 2025-12-31 annual"},
		// 济宁市任城区 2021 (sd.010b.com/policy/detail/171633.html); realdocs wenlv
		{"inclusion note before 以上", []string{"评价总分值在90分(含90分)以上,所有关键项均达到要求。"}, "threshold 90分 >="},
		{"inclusion note in a range", []string{"单场演出售票 5000 人（含）—10000 人（不含）的，给予单场最高 3 万元奖励。"}, "threshold 5000人 >=; funding 30000元 <="},
		{"floor and deadline", []string{"到2022年，高新技术企业保有量达到560家以上。"}, "goal 560家 >= 2022-12-31"},
		{"start year is no deadline", []string{"自2018年起，每年实施20项以上的重大科技项目。"}, "goal 20项 >= annual"},
		{"year-end", []string{"2018年末实现新增高新技术企业500家。"}, "goal 500家 = 2018-12-31"},
		{"paragraph year", []string{"（三）主要目标。到2023年，高新技术企业数量达到750家；技术合同成交额累计突破100亿元。"}, "goal 750家 = 2023-12-31; goal 1e+10元 >= 2023-12-31"},
		{"list with scopes", []string{"其中南宁、柳州、桂林3市的高新技术企业数量分别达到600、300和200家。"}, "goal 600家 = @南宁; goal 300家 = @柳州; goal 200家 = @桂林"},
		{"list of districts keeps their suffix", []string{"到2025年，城中区、城东区、城西区的科技型中小企业数量分别达到80家、90家、100家。"}, "goal 80家 = 2025-12-31 @城中区; goal 90家 = 2025-12-31 @城东区; goal 100家 = 2025-12-31 @城西区"},
		{"places in an earlier clause", []string{"甲山县、乙水县的城镇低保标准为每人每月1100元，其农村低保标准每人每月分别为800元、760元。"}, "funding 1100元 = monthly; funding 800元 = monthly @甲山县; funding 760元 = monthly @乙水县"},
		{"earlier places of another length", []string{"甲山县、乙水县、丙河县的城镇低保标准为每人每月1100元，其农村低保标准每人每月分别为800元、760元。"}, "funding 1100元 = monthly; funding 800元 = monthly; funding 760元 = monthly"},
		{"earlier list of categories is no scope", []string{"获得国家、省级技术能手称号的职工，分别给予2万元、1万元奖励。"}, "funding 20000元 =; funding 10000元 ="},
		{"list longer than its figures", []string{"其中东城、西城、南城、北城的孵化器数量分别达到12个和8个。"}, "goal 12个 =; goal 8个 ="},
		{"list of subjects is no scope", []string{"到2026年，培育科技型企业、瞪羚企业分别达到300家、40家。"}, "goal 300家 = 2026-12-31; goal 40家 = 2026-12-31"},
		{"per-unit funding", []string{"对首次通过高新技术企业认定的企业给予20万元/家的奖励。"}, "funding 200000元/家 ="},
		{"cap and rate", []string{"对立项项目按照不超过项目总投入的20%给予最高不超过1000万元支持。"}, "rate 20% <=; funding 1e+07元 <="},
		{"annual budget", []string{"每年市级财政安排不低于1.4亿元资金。"}, "funding 1.4e+08元 >= annual"},
		{"threshold and goal", []string{"到2023年，年研发投入超500万元的企业达100家。"}, "threshold 5e+06元 >= 2023-12-31; goal 100家 = 2023-12-31"},
		{"condition section", []string{"四、认定条件", "（二）研发人员不少于10人。"}, "threshold 10人 >="},
		{"tiers", []string{"对生产规模首次突破100亿元、50亿元台阶的企业给予奖励。"}, "threshold 1e+10元 >=; threshold 5e+09元 >="},
		{"range floor", []string{"到2027年，建设3—5个人工智能产业园区。"}, "goal 3个 >= 2027-12-31"},
		{"about", []string{"每年实施关键核心技术产业化项目10项左右。"}, "goal 10项 ~ annual"},
		{"chinese numerals", []string{"到2020年，培育三百二十九家科技型企业，建设两个研究院。"}, "goal 329家 = 2020-12-31; goal 2个 = 2020-12-31"},
		{"written percent", []string{"到2025年，研发人员占比提高到百分之三十。"}, "goal 30% = 2025-12-31"},
		{"percentage points", []string{"到2023年，战略性新兴产业比重提高5个百分点以上。"}, "goal 5个百分点 >= 2023-12-31"},
		{"spaces around numbers", []string{"到 2023年，高新技术企业数量达到 750家，贡献率达到 52.35 %。"}, "goal 750家 = 2023-12-31; goal 52.35% = 2023-12-31"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := doc(c.lines...)
			got := Extract(d, segmenter(t))
			if b := brief(got); b != c.want {
				t.Errorf("\n got %s\nwant %s", b, c.want)
			}
			for _, x := range got {
				if !x.Span.Valid(len(d.Text)) || x.Span.Len() == 0 {
					t.Errorf("bad span %+v", x.Span)
				}
				if x.Source != "text" || x.Table != -1 || x.Row != -1 {
					t.Errorf("bad source %+v", x)
				}
			}
		})
	}
}

func TestKeywordsData(t *testing.T) {
	if _, err := parseLexicon(keywordsData); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, data string }{
		{"unknown list", "[nosuch]\nword\n"},
		{"word outside a list", "word\n"},
		{"missing lists", "[verb]\n建设\n"},
	} {
		if _, err := parseLexicon(c.data); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile("../../corpus/samples/004_50654645d7287975.txt")
	if err != nil {
		b.Skip(err)
	}
	d := doc(strings.Split(string(data), "\n")...)
	s := segmenter(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(d, s)
	}
}

// TestSubjects: subjects are whole words and skip per-unit words.
func TestSubjects(t *testing.T) {
	for _, c := range []struct {
		name, line, want string
	}{
		{"words before 和 belong to the figure before", "到2022年，建设50所高水平职业学校和150个骨干专业。", "高水平职业学校|骨干专业"},
		{"the noun before a verb", "到2027年，全国性试点示范项目新增15个。", "全国性试点示范项目"},
		{"a long phrase keeps its head", "推动建设300个具有辐射引领作用的高水平专业化产教融合实训基地。", "高水平专业化产教融合实训基地"},
		{"a later year shares the subject", "到2023年，每万人口家庭医生数不低于3人，到2025年不低于3.5人。", "每万人口家庭医生数|每万人口家庭医生数"},
		{"a 以下简称 note is no subject", "对获批的重点实验室，给予一次性扶持800万元（以下简称实验室扶持项目）。", "获批的重点实验室 一次性扶持"},
		{"the noun after a verb", "推动制定不少于8项国家标准。", "国家标准"},
		{"首次 is no part of a subject", "年度营业收入首次达到8000万元的，给予奖励。", "年度营业收入"},
		{"a quota counts what follows 最多奖励", "本条款每年最多奖励8家企业。", "企业"},
		{"a conjunction opens no subject", "（四）销售收入不低于100万元且研发投入累计不低于300万元。", "销售收入|研发投入"},
		{"the noun after a clause in 的", "力争培训约800名达到国际服务标准的家庭医生。", "家庭医生"},
		{"per-unit words are no subject", "（一）全市最低生活保障标准为每人每月1200元。", "全市最低生活保障标准"},
		{"a long object keeps its head noun", "对依法经营、无重大安全事故、注册成立时间未满3年的人力资源服务机构，给予最高100万元奖励。", "人力资源服务机构 奖励"},
		{"a list member shares its subject", "农村特困人员基本生活标准每人每月分别为2000元、2100元。", "农村特困人员基本生活标准|农村特困人员基本生活标准"},
		// 花都区中小企业助保贷业务管理办法 (2024, lukkaal/DataExtract POLICY_TEST)
		{"an article label run onto the text", "第十八条政府风险补偿金余额保持在5000万元以上。", "政府风险补偿金余额"},
		{"a bracketed label run onto the text", "（三）企业研发投入强度达到3%以上的，给予10万元奖励。", "企业研发投入强度|奖励"},
		{"the sentence's noun before 为", "（二）边缘家庭救助标准按保障标准的1.5倍确定，为每人每月1800元。", "保障标准|边缘家庭救助标准"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, x := range Extract(doc(c.line), segmenter(t)) {
				got = append(got, x.Subject)
			}
			if g := strings.Join(got, "|"); g != c.want {
				t.Errorf("got %q, want %q", g, c.want)
			}
		})
	}
}

// TestReportYear: in a report on a year, that year's figures are the past.
func TestReportYear(t *testing.T) {
	d := doc("2022年，我区主动公开政府信息800条。", "到2025年，新增公开目录50个。")
	d.Meta.Title = "某区人民政府2022年政府信息公开工作年度报告"
	if b := brief(Extract(d, segmenter(t))); b != "goal 50个 = 2025-12-31" {
		t.Errorf("got %s", b)
	}
}
