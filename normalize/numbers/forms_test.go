package numbers

import (
	"fmt"
	"strings"
	"testing"
)

// TestScanForms: numbers and units as people write them, each with a real
// sentence and a counter-example.
func TestScanForms(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct {
		name, s, want string
	}{
		{"一半 is 50 %", "职业院校实践性教学课时原则上占总课时一半以上", "50%"},
		{"另一半 is no figure", "支持人才及其另一半在本区就业", ""},
		{"a fraction", "新增用地中工业用地占比不低于三分之一", "33.33%"},
		{"an Arabic fraction", "补助金额不超过项目投资的2分之1", "50%"},
		{"money without 元", "对年产值2000万以上的企业给予奖励", "2e+07元"},
		{"a count with 万 is no money", "年接待游客2000万人次以上", "2e+07人次"},
		{"万 without a money word stays bare", "常住人口超过2000万", ""},
		{"一 after a floor word counts", "原则上至少建设一所符合当地需要的中等职业学校", "1所"},
		{"一 as an article", "建设一所中等职业学校", ""},
		{"a count of events", "举办交流会议不少于10次", "10次"},
		{"a frequency is no count", "每年至少开展1次检查，每5年修订1次", "freq;dur;freq"},
		{"rooms", "建设约100间规范化家庭医生工作室", "100间"},
		{"aircraft and ships", "年产30架无人机，建造200艘船舶", "30架;200艘"},
		{"hours counted", "风电利用小时数达到2000小时", "2000小时"},
		{"hours as a time limit", "申请在24小时内办结", "dur"},
		{"square metres as ㎡", "可申请最高120㎡的人才住房", "120平方米"},
		{"multiples", "分别给予最高2倍、1.5倍年薪", "2倍;1.5倍"},
		{"price per unit", "给予0.2元/千瓦时的补贴，处理费80元/吨", "0.2元/千瓦时;80元/吨"},
		{"classes", "支持签约模式的种类大于3类", "3类"},
		{"a class's name", "支持企业申报二类以上医疗器械上市许可", ""},
		{"a tier with its unit after the upper bound", "年销量2万（含）—5万台（不含）的车型", "20000台"},
		{"a tier in 元", "投资额500万元（含）至1000万元的项目", "5e+06元"},
		{"三元 is a word", "高比容量高压镍钴锰酸锂三元材料研发", ""},
		{"money in Chinese numerals", "给予每人五百元补贴", "500元"},
		{"a magnitude without a number", "培育规模超百亿元的领航企业40户", "1e+10元;40户"},
		{"a magnitude's class is a name", "形成2个超千亿级产业链", "2个"},
		{"charging piles", "新增公共充电设施260根以上，根据需要调整", "260根"},
		{"ages", "年满60周岁的老年人", "60岁"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, q := range pr.Scan(c.s) {
				switch {
				case q.Class == Frequency:
					got = append(got, "freq")
				case q.Class == Duration:
					got = append(got, "dur")
				case q.Is():
					got = append(got, fmt.Sprintf("%g%s", q.NormValue, q.NormUnit))
				}
			}
			if g := strings.Join(got, ";"); g != c.want {
				t.Errorf("%s: got %q, want %q", c.s, g, c.want)
			}
		})
	}
}

// TestComparatorSymbols: ≥ ≤ ＞ ＜ and 大于/小于 written before a number.
func TestComparatorSymbols(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct{ s, want string }{
		{"在签约机构就诊≥1次", ">="},
		{"血压控制率≤50%", "<="},
		{"签约模式的种类大于3类", ">="},
		{"误差小于5%", "<="},
		{"年龄＞60岁", ">="},
		{"就诊1次", "="},
		{"单笔消费满3000元", ">="},
		{"年满60周岁", ">="},
	} {
		qs := pr.Scan(c.s)
		if len(qs) != 1 {
			t.Fatalf("%s: %d quantities", c.s, len(qs))
		}
		if got := pr.Comparator(c.s[:qs[0].Start], c.s[qs[0].End:], qs[0]); got != c.want {
			t.Errorf("%s: got %s, want %s", c.s, got, c.want)
		}
	}
}
