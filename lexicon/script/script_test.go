package script

import (
	"testing"
	"unicode/utf8"
)

// 懷化 (怀化) notice as a big5 mirror serves it.
const huaihua = "經市人民政府同意,現將《懷化市貫徹落實〈關于打好經濟增長主動仗實現經濟運行整體好轉的若干政策措施〉實施方案》印發給你們,請認真組織實施。(責任單位:市商務局、市財政局)"

func TestTraditional(t *testing.T) {
	tb := MustLoad()
	for in, want := range map[string]bool{
		huaihua: true,
		// counter-examples: the same notice in simplified characters; a
		// simplified text naming 乾隆 and quoting a traditional title; a
		// short traditional phrase gives too little to tell
		"经市人民政府同意,现将《怀化市贯彻落实〈关于打好经济增长主动仗实现经济运行整体好转的若干政策措施〉实施方案》印发给你们,请认真组织实施。(责任单位:市商务局、市财政局)": false,
		"依托乾隆时期修建的古建筑群，参照《臺灣地區文化資產保存法》等经验，建设文化旅游融合发展示范区，到2025年接待游客突破1000万人次。":                  false,
		"責任單位": false,
	} {
		if got := tb.Traditional(in); got != want {
			t.Errorf("Traditional(%.20q…) = %v, want %v", in, got, want)
		}
	}
}

func TestSimplify(t *testing.T) {
	tb := MustLoad()
	for in, want := range map[string]string{
		"懷政辦發〔2023〕9號":          "怀政办发〔2023〕9号",
		"(責任單位:市商務局、市財政局)":      "(责任单位:市商务局、市财政局)",
		"給予3萬元-5萬元的資金支持":        "给予3万元-5万元的资金支持",
		"2023年3月15日 怀化市人民政府办公室": "2023年3月15日 怀化市人民政府办公室", // simplified stays
	} {
		got := tb.Simplify(in)
		if got != want {
			t.Errorf("Simplify(%q) = %q, want %q", in, got, want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
			t.Errorf("Simplify(%q) changed the length", in)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, bad := range []string{"發\t发\n發\t发\n", "發\t發\n", "發展\t发展\n", "發\n"} {
		if _, err := parse(bad); err == nil {
			t.Errorf("parse(%q) = nil error", bad)
		}
	}
}
