package outline

import (
	"fmt"
	"testing"
)

func TestValue(t *testing.T) {
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"一", 1, true}, {"十", 10, true}, {"十二", 12, true}, {"二十", 20, true},
		{"三十一", 31, true}, {"两", 2, true}, {"两百", 200, true}, {"一百零五", 105, true},
		{"〇", 0, true}, {"零", 0, true}, {"一千二百", 1200, true}, {"三万", 30000, true},
		{"一千二百万", 12000000, true}, {"两亿", 200000000, true},
		{"", 0, false}, {"十a", 0, false}, {"第一", 0, false},
	}
	for _, c := range cases {
		if got, ok := Value(c.in); got != c.want || ok != c.ok {
			t.Errorf("Value(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestDigit(t *testing.T) {
	for r, want := range map[rune]int{'两': 2, '二': 2, '〇': 0, '零': 0, '九': 9} {
		if got, ok := Digit(r); !ok || got != want {
			t.Errorf("Digit(%q) = %d, %v", r, got, ok)
		}
	}
	// 十 is a unit, ○ (a bullet) and 0 are no Chinese digits
	for _, r := range "十○0壹" {
		if _, ok := Digit(r); ok {
			t.Errorf("Digit(%q) ok", r)
		}
	}
	if m := DigitMap[float64](); m['两'] != 2 || len(m) != 12 {
		t.Errorf("DigitMap: %v", m)
	}
}

func TestPrefix(t *testing.T) {
	if v, n := Prefix("十二项任务"); v != 12 || n != len("十二") {
		t.Errorf("Prefix = %d, %d", v, n)
	}
	if _, n := Prefix("项目"); n != 0 {
		t.Errorf("Prefix(项目) read %d bytes", n)
	}
}

func TestParse(t *testing.T) {
	cases := []struct {
		line  string
		style Style
		value int
		text  string
		rest  string
	}{
		{"一、总体要求", CNComma, 1, "一、", "总体要求"},
		{"十二、保障措施", CNComma, 12, "十二、", "保障措施"},
		{"（三）加强组织领导。", ParenCN, 3, "（三）", "加强组织领导。"},
		{"(二)强化要素保障", ParenCN, 2, "(二)", "强化要素保障"},
		{"1.实施创新主体培育行动", ArabicDot, 1, "1.", "实施创新主体培育行动"},
		{"2．推进平台建设", ArabicDot, 2, "2．", "推进平台建设"},
		{"３、全角数字", ArabicDot, 3, "３、", "全角数字"},
		{"（1）到2025年", ParenArabic, 1, "（1）", "到2025年"},
		{"(10)其他", ParenArabic, 10, "(10)", "其他"},
		{"②新增企业", Circled, 2, "②", "新增企业"},
		{"第一条 为了规范管理", Article, 1, "第一条", " 为了规范管理"},
		{"第三章 附则", Chapter, 3, "第三章", " 附则"},
		{"第二部分 重点任务", Chapter, 2, "第二部分", " 重点任务"},
		{"附件1", Attachment, 1, "附件1", ""},
		{"附件二：指标分解表", Attachment, 2, "附件二", "：指标分解表"},
		{"　　一、缩进的标题", CNComma, 1, "一、", "缩进的标题"},
	}
	for _, c := range cases {
		l, rest, ok := Parse(c.line)
		if !ok || l.Style != c.style || l.Value != c.value || l.Text != c.text || rest != c.rest {
			t.Errorf("Parse(%q) = %+v, %q, %v; want %v %d %q %q", c.line, l, rest, ok, c.style, c.value, c.text, c.rest)
		}
	}
	// counter-examples: no label opens these lines
	for _, line := range []string{"1.5万元", "一是加强领导", "第一批试点", "(注)", "二〇二三年", "统一部署"} {
		if l, _, ok := Parse(line); ok {
			t.Errorf("Parse(%q) = %+v, want no label", line, l)
		}
	}
}

func Example() {
	for _, line := range []string{"（二）两项重点任务", "第十二条 附则", "③年产值"} {
		l, rest, _ := Parse(line)
		fmt.Println(l.Style, l.Value, rest)
	}
	v, _ := Value("两百零五")
	fmt.Println(v)
	// Output:
	// paren-cn 2 两项重点任务
	// article 12  附则
	// circled 3 年产值
	// 205
}
