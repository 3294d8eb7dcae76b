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
		{"一 、空格", CNComma, 1, "一 、", "空格"},
		{"（ 二 ）空格", ParenCN, 2, "（ 二 ）", "空格"},
		{"两、两也是二", CNComma, 2, "两、", "两也是二"},
		{"一百零一、", CNComma, 101, "一百零一、", ""},
		{"第 3 条 规定", Article, 3, "第 3 条", " 规定"},
		{"第一编 总则", Chapter, 1, "第一编", " 总则"},
		{"第二项任务", Item, 2, "第二项", "任务"},
		{"2.3.完善机制", Multilevel, 3, "2.3.", "完善机制"},
		{"1.2.3、细化", Multilevel, 3, "1.2.3、", "细化"},
		{"3）开展试点", ArabicClose, 3, "3）", "开展试点"},
		{"⑵加强监管", ParenArabic, 2, "⑵", "加强监管"},
		{"⒊推进", ArabicDot, 3, "⒊", "推进"},
		{"1﹒加强组织领导", ArabicDot, 1, "1﹒", "加强组织领导"}, // small full stop, as PDF text leaves it
		{"二﹒重点任务", CNComma, 2, "二﹒", "重点任务"},
		{"附表2 任务清单", Attachment, 2, "附表2", " 任务清单"},
		{"附 件 3", Attachment, 3, "附 件 3", ""},
		{"附件", Attachment, 0, "附件", ""},
		{"附录", Attachment, 0, "附录", ""},
	}
	for _, c := range cases {
		l, rest, ok := Parse(c.line)
		if !ok || l.Style != c.style || l.Value != c.value || l.Text != c.text || rest != c.rest {
			t.Errorf("Parse(%q) = %+v, %q, %v; want %v %d %q %q", c.line, l, rest, ok, c.style, c.value, c.text, c.rest)
		}
	}
	// counter-examples: no label opens these lines
	for _, line := range []string{"1.5万元", "一是加强领导", "第一批试点", "(注)", "二〇二三年", "统一部署",
		"1、2、3号楼", "1﹒5万元", "1.1 标题", "2025.加强", "(2025)", "一，二", "万、千", "一千、", "第3页", "附则", "一二三四五六、"} {
		if l, _, ok := Parse(line); ok {
			t.Errorf("Parse(%q) = %+v, want no label", line, l)
		}
	}
}

func TestRead(t *testing.T) {
	// Read does not skip leading spaces; its length is the label's bytes.
	if l, n := Read("（一）加强"); l.Style != ParenCN || n != len("（一）") {
		t.Errorf("Read = %+v, %d", l, n)
	}
	if _, n := Read(" 一、"); n != 0 {
		t.Errorf("Read read past a leading space: %d", n)
	}
}

func TestLevel(t *testing.T) {
	for _, c := range []struct {
		line  string
		level int
	}{{"第一条", 1}, {"一、", 1}, {"（一）", 2}, {"1．", 3}, {"1.1.", 3}, {"（1）", 4}, {"①", 5}, {"1）", 5}, {"附件1", 0}} {
		l, _, _ := Parse(c.line)
		if got := l.Style.Level(); got != c.level {
			t.Errorf("Level(%q) = %d, want %d", c.line, got, c.level)
		}
	}
}

func TestNumeral(t *testing.T) {
	for n, want := range map[int]string{0: "〇", 7: "七", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 100: "一百", 101: "一百〇一", 105: "一百〇五", 1005: "一千〇五", 110: "一百一十", 12000: "一万二千", 100000: "100000", -1: "-1"} {
		if got := Numeral(n); got != want {
			t.Errorf("Numeral(%d) = %q, want %q", n, got, want)
		}
	}
	for n := 0; n <= 99999; n++ {
		if v, ok := Value(Numeral(n)); !ok || v != n {
			t.Fatalf("Value(Numeral(%d)) = %d, %v", n, v, ok)
		}
	}
	if got := LegalNumeral(12); got != "拾贰" {
		t.Errorf("LegalNumeral(12) = %q", got)
	}
	if got := Figures(2025); got != "二〇二五" {
		t.Errorf("Figures(2025) = %q", got)
	}
	if r, ok := CircledNumber(20); !ok || r != '⑳' {
		t.Errorf("CircledNumber(20) = %q, %v", r, ok)
	}
	if _, ok := CircledNumber(21); ok {
		t.Errorf("CircledNumber(21) ok")
	}
}

func Example() {
	for _, line := range []string{"（二）两项重点任务", "第十二条 附则", "③年产值"} {
		l, rest, _ := Parse(line)
		fmt.Println(l.Style, l.Value, rest)
	}
	v, _ := Value("两百零五")
	fmt.Println(v, Numeral(v))
	l, n := Read("1.2.完善机制")
	fmt.Println(l.Style, l.Value, l.Style.Level(), n)
	// Output:
	// paren-cn 2 两项重点任务
	// article 12  附则
	// circled 3 年产值
	// 205 二百〇五
	// multilevel 2 3 4
}
