package numbers

import "testing"

// TestComparatorForbidding: 不得 before a comparator word keeps its
// direction (不得超过 is a cap, not 超过 a floor).
func TestComparatorForbidding(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct{ before, want string }{
		{"补贴比例不得超过", "<="},
		{"单价不得高于", "<="},
		{"投资额不得低于", ">="},
		{"人员不得少于", ">="},
		{"规模超过", ">="},
		{"计划投资总额未达", "<="},
		{"计划投资总额未达到", "<="},
	} {
		q := pr.Scan("10家")[0]
		if got := pr.Comparator(c.before, "", q); got != c.want {
			t.Errorf("%s: got %s, want %s", c.before, got, c.want)
		}
	}
}

// TestUnitStop: a one-character unit that begins a word is no unit, unless
// the word goes on into unit plus word.
func TestUnitStop(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct {
		s    string
		want int
	}{
		{"培育10名优产品", 0},
		{"认定不超过20名优秀管理人", 1},
		{"每年遴选不超过1000名优秀高技能人才", 1},
		{"打造5个名优品牌", 1},
		{"涉及4部门", 0},
		{"遴选20名技能工匠", 1},
	} {
		if got := len(pr.Scan(c.s)); got != c.want {
			t.Errorf("%s: %d quantities, want %d", c.s, got, c.want)
		}
	}
}

// TestComparatorAfterAnd: 及以下 is a cap as 及以上 is a floor (单户担保金额
// 500万元及以下的小微企业); a plain 及 after a figure is no comparator. A
// short note between the amount and the word (新增固定资产投资1000万元(人民币,
// 下同)以上) leaves it the amount's; a note with a figure does not.
func TestComparatorAfterAnd(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct{ after, want string }{
		{"及以下的小微企业", "<="},
		{"及以上的企业", ">="},
		{"（含）及以下", "<="},
		{"(人民币,下同)以上", ">="},
		{"（不含）以下", "<="},
		{"（含国家级50家）以上", "="},
		{"及配套资金", "="},
	} {
		q := pr.Scan("500万元")[0]
		if got := pr.Comparator("单户担保金额", c.after, q); got != c.want {
			t.Errorf("%s: got %s, want %s", c.after, got, c.want)
		}
	}
}

// TestCountUnits: weights and places counted in their own units, not as
// money: 粮食产量500亿斤 beside 收入 is no amount of 元; 处 is a count of
// sites unless a word begins with it (3处室).
func TestCountUnits(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct{ s, unit string }{
		{"居民人均可支配收入增长与经济增长基本同步、粮食产量500亿斤左右", "斤"},
		{"新建口袋公园50处", "处"},
		{"年产值2000万以上", "元"},
		{"内设3处室", ""},
	} {
		qs := pr.Scan(c.s)
		got := ""
		for _, q := range qs {
			if q.Is() {
				got = q.NormUnit
			}
		}
		if got != c.unit {
			t.Errorf("%s: unit %q, want %q", c.s, got, c.unit)
		}
	}
}

// TestComparatorNegated: 不超 and 不多于 negate a floor word (超, 多于) and
// cap; 至多 caps; 或以上 / 或以下 and 为限 bound from after the figure.
func TestComparatorNegated(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct{ before, after, want string }{
		{"每家企业补贴不超", "", "<="},
		{"年营业收入超", "", ">="},
		{"评审专家人数不多于", "", "<="},
		{"评审专家人数多于", "", ">="},
		{"每人至多", "", "<="},
		{"补贴金额不超出", "", "<="},
		{"人数", "或以上单数组成", ">="},
		{"人数", "或以下", "<="},
		{"以", "为限", "<="},
		{"人数", "为宜", "="},
	} {
		q := pr.Scan("5人")[0]
		if got := pr.Comparator(c.before, c.after, q); got != c.want {
			t.Errorf("%s…%s: got %s, want %s", c.before, c.after, got, c.want)
		}
	}
}

// TestBareMagnitudeList: a bare magnitude counts after a floor word, and so
// do the members of its list after a verb; alone after a verb it is none.
func TestBareMagnitudeList(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct {
		s    string
		want int
	}{
		{"突破百项前沿关键核心技术，形成百项标志性产品，打造百家领军企业", 3},
		{"形成百项标志性产品，打造百家领军企业", 0},
		{"突破百项关键技术。形成百项标志性产品", 1},
	} {
		if got := len(pr.Scan(c.s)); got != c.want {
			t.Errorf("%s: %d quantities, want %d", c.s, got, c.want)
		}
	}
}

// TestComparatorShareOfBase: a comparator word that must touch its number
// still bounds a share whose base stands between (超过…总人数的30%); a count
// keeps the rule (重点突破…的24项 is no floor).
func TestComparatorShareOfBase(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct{ before, num, want string }{
		{"当期接收见习人员人数超过本单位在职职工总人数的", "30%", ">="},
		{"租金低于市场租金的", "70%", "<="},
		{"年薪高于上年度的", "1.5倍", ">="},
		{"重点突破关键核心技术的", "24项", "="},
		{"超过本单位在职职工总人数，占", "30%", "="},
		{"如超过则仅交超过部分的", "1%", "="},
	} {
		q := pr.Scan(c.num)[0]
		if got := pr.Comparator(c.before, "", q); got != c.want {
			t.Errorf("%s%s: got %s, want %s", c.before, c.num, got, c.want)
		}
	}
}

// TestTenAsAdverb: 十分 before an adjective or verb is the adverb "very",
// no score of ten; a score of ten in digits or with more numerals stays.
func TestTenAsAdverb(t *testing.T) {
	pr := MustLoad()
	for _, c := range []struct {
		s    string
		want int
	}{
		{"做好质监信息宣传工作有着十分重要意义", 0},
		{"对产品质量安全尤其是食品质量安全十分关注", 0},
		{"考核得分在10分以上", 1},
		{"总分为一百二十分", 1},
	} {
		if got := len(pr.Scan(c.s)); got != c.want {
			t.Errorf("%s: %d quantities, want %d", c.s, got, c.want)
		}
	}
}
