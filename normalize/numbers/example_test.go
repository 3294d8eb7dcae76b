package numbers_test

import (
	"fmt"

	"policyx/normalize/numbers"
)

var p = numbers.MustLoad()

func show(s string) {
	for _, q := range p.Scan(s) {
		if !q.Is() {
			continue
		}
		fmt.Printf("%s: %s %s → %s %s", q.Written, q.Value, q.Unit, numbers.FormatValue(q.NormValue), q.NormUnit)
		if q.Range {
			fmt.Printf(" range")
		}
		if q.Shared {
			fmt.Printf(" shared")
		}
		fmt.Println()
	}
}

func ExampleParseNumber() {
	for _, s := range []string{"1,000", "2.2", "244606.56", "一千", "两", "十二", "三百二十九", "一半", "1.4亿", "3千万", "百分之三十"} {
		v, n, ok := numbers.ParseNumber(s)
		fmt.Println(s, numbers.FormatValue(v), n == len(s), ok)
	}
	// Output:
	// 1,000 1000 true true
	// 2.2 2.2 true true
	// 244606.56 244606.56 true true
	// 一千 1000 true true
	// 两 2 true true
	// 十二 12 true true
	// 三百二十九 329 true true
	// 一半 0.5 true true
	// 1.4亿 140000000 true true
	// 3千万 30000000 true true
	// 百分之三十 30 true true
}

func ExampleParser_Scan() {
	show("每年安排不低于1.4亿元")
	show("给予20万元/家的奖励")
	show("最高不超过500万元，合计3千万元")
	show("占比提高到百分之三十，增长52.35%，认定登记额1‰，提高5个百分点")
	show("新增一千家，培育三百二十九项，两个平台")
	show("建立3—5个科技支行，提高1～3个百分点")
	show("分别达到600、300和200家")
	show("规上工业总产值50亿元(含)至300亿元")
	show("高层次人才10人次，服务2,000家次，场地200平方米")
	show("CN300平台、5G网络、2.0T发动机、第25位、“5+5”产业、1/3")
	show("通过1—2年努力，30天内，有效期3年，每5年修订1次，2020年")
	// Output:
	// 1.4亿元: 1.4 亿元 → 140000000 元
	// 20万元/家: 20 万元/家 → 200000 元/家
	// 500万元: 500 万元 → 5000000 元
	// 3千万元: 3 千万元 → 30000000 元
	// 百分之三十: 30 百分之 → 30 %
	// 52.35%: 52.35 % → 52.35 %
	// 1‰: 1 ‰ → 1 ‰
	// 5个百分点: 5 个百分点 → 5 个百分点
	// 一千家: 1000 家 → 1000 家
	// 三百二十九项: 329 项 → 329 项
	// 两个: 2 个 → 2 个
	// 3—5个: 3 个 → 3 个 range
	// 1～3个百分点: 1 个百分点 → 1 个百分点 range
	// 600: 600 家 → 600 家 shared
	// 300: 300 家 → 300 家 shared
	// 200家: 200 家 → 200 家
	// 50亿元(含)至300亿元: 50 亿元 → 5000000000 元 range
	// 10人次: 10 人次 → 10 人次
	// 2,000家次: 2000 家次 → 2000 家次
	// 200平方米: 200 平方米 → 200 平方米
}

func ExampleParser_Comparator() {
	for _, c := range [][2]string{
		{"保有量达到", "以上的基础上"},
		{"每年安排不低于", ""},
		{"研发人员不少于", ""},
		{"技术合同成交额累计突破", ""},
		{"年研发投入超", "的企业达100家"},
		{"给予最高不超过", "资助"},
		{"按照不超过项目总投入的", "给予"},
		{"研发费用总额的", "为上限进行补助"},
		{"专项资金控制在", ""},
		{"产业化项目", "左右"},
		{"力争新增", "高新技术企业"},
		{"达到", ""},
		{"规上工业总产值", "(含)以上"},
	} {
		qs := p.Scan("10家")
		fmt.Printf("%s_%s → %s\n", c[0], c[1], p.Comparator(c[0], c[1], qs[0]))
	}
	// Output:
	// 保有量达到_以上的基础上 → >=
	// 每年安排不低于_ → >=
	// 研发人员不少于_ → >=
	// 技术合同成交额累计突破_ → >=
	// 年研发投入超_的企业达100家 → >=
	// 给予最高不超过_资助 → <=
	// 按照不超过项目总投入的_给予 → <=
	// 研发费用总额的_为上限进行补助 → <=
	// 专项资金控制在_ → <=
	// 产业化项目_左右 → ~
	// 力争新增_高新技术企业 → =
	// 达到_ → =
	// 规上工业总产值_(含)以上 → >=
}

func ExampleGoverning() {
	for _, s := range []string{
		"到2020年，新增",
		"2018年末实现新增高新技术企业",
		"到2022年，力争高新技术企业数量较2017年实现倍增，保有量达到",
		"自2018年起，每年实施",
		"到2020年6月底前完成",
		"2025年12月31日前建成",
		"行动方案（2018—2020年）",
		"2017年以来，累计",
	} {
		d, ok := numbers.Governing(s)
		if !ok {
			fmt.Println(s, "→ none")
			continue
		}
		fmt.Println(s, "→", d)
	}
	// Output:
	// 到2020年，新增 → 2020-12-31
	// 2018年末实现新增高新技术企业 → 2018-12-31
	// 到2022年，力争高新技术企业数量较2017年实现倍增，保有量达到 → 2022-12-31
	// 自2018年起，每年实施 → none
	// 到2020年6月底前完成 → 2020-06-30
	// 2025年12月31日前建成 → 2025-12-31
	// 行动方案（2018—2020年） → none
	// 2017年以来，累计 → none
}

func ExampleParser_Comparator_verb() {
	q := p.Scan("24项")[0]
	fmt.Println(p.Comparator("重点突破汽车零部件技术等", "技术", q))
	fmt.Println(p.Comparator("服务企业突破", "", q))
	// Output:
	// =
	// >=
}

func ExampleDates() {
	for _, d := range numbers.Dates("符合2019年党代会报告，2018年实施329项，（一）2018年末实现，力争2020年达到") {
		fmt.Println(d.Year, d.Kind == numbers.Deadline)
	}
	// Output:
	// 2019 false
	// 2018 true
	// 2018 true
	// 2020 true
}
