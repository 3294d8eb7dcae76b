package parts

import (
	"strings"
	"testing"
)

// Titles as printed on real pages: the notice of the 国家医疗保障局办公室
// (2024) and the heading of its interpretation on the same site; the 黑龙江
// notice and its 【文字解读】 heading.
const (
	drgNotice = "国家医疗保障局办公室关于印发按病组和病种分值付费2.0版分组方案并深入推进相关工作的通知"
	drgInterp = "《关于印发按病组（DRG）和病种分值（DIP）付费2.0版分组方案并深入推进相关工作的通知》政策解读"
	hljNotice = "黑龙江省人民政府关于印发《黑龙江省深入实施“人工智能+”行动的实施方案》的通知"
	hljInterp = "【文字解读】《黑龙江省深入实施“人工智能+”行动的实施方案》政策解读"
)

func TestSplitDropsInterpretation(t *testing.T) {
	interp := "一、起草背景\n" + body + "\n二、主要内容\n" + body
	for _, tc := range []struct{ name, text, notWant string }{
		{"after a notice", drgNotice + "\n医保办发〔2024〕9号\n各省、自治区、直辖市医疗保障局：\n" + body + "\n" + drgInterp + "\n" + interp, "起草背景"},
		{"tagged, after a titled page without 主送", "黑龙江省深入实施“人工智能+”行动的实施方案\n" + body + "\n" + hljInterp + "\n" + interp, "起草背景"},
	} {
		parts := Split(docOf(tc.text))
		if len(parts) != 1 {
			t.Fatalf("%s: got %d parts, want 1", tc.name, len(parts))
		}
		if strings.Contains(parts[0].Text, tc.notWant) || strings.Contains(parts[0].Text, "解读") {
			t.Errorf("%s: the interpretation stayed in the policy:\n%s", tc.name, parts[0].Text)
		}
		if !strings.Contains(parts[0].Text, body) {
			t.Errorf("%s: the policy lost its body", tc.name)
		}
	}
}

func TestSplitInterpretationBetweenPolicies(t *testing.T) {
	text := drgNotice + "\n医保办发〔2024〕9号\n各省、自治区、直辖市医疗保障局：\n" + body + "\n" + drgInterp + "\n一、起草背景\n" + body +
		"\n" + hljNotice + "\n黑政发〔2025〕3号\n各市（地）人民政府，省政府各直属单位：\n" + body
	parts := Split(docOf(text))
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	if strings.Contains(parts[0].Text, "起草背景") {
		t.Errorf("part 1 kept the interpretation")
	}
	if !strings.HasPrefix(parts[1].Text, hljNotice) {
		t.Errorf("part 2 starts %q", parts[1].Text[:60])
	}
}

// What must not change: a policy's own item on interpretation work, an
// interpretation printed above the policy, and a heading naming a document
// the titled page never printed.
func TestSplitKeepsInterpretationWords(t *testing.T) {
	for _, text := range []string{
		drgNotice + "\n各省、自治区、直辖市医疗保障局：\n" + body + "\n（三）加强政策解读\n" + body,
		drgNotice + "\n各省、自治区、直辖市医疗保障局：\n" + body + "\n做好《关于印发按病组（DRG）和病种分值（DIP）付费2.0版分组方案并深入推进相关工作的通知》政策解读。\n" + body,
		"网站首页 政策解读\n" + hljInterp + "\n一、起草背景\n" + body + "\n黑龙江省深入实施“人工智能+”行动的实施方案\n" + body,
		"某某实施方案\n" + body + "\n" + hljInterp + "\n" + body,
	} {
		doc := docOf(text)
		want := doc.Text
		parts := Split(doc)
		if len(parts) != 1 || parts[0].Text != want {
			t.Errorf("changed: %d parts, text %q…", len(parts), parts[0].Text[:90])
		}
	}
}
