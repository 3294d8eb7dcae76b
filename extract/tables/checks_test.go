package tables

import (
	"strings"
	"testing"
)

func kinds(t *testing.T, src string) []string {
	t.Helper()
	doc := docFromText(src)
	_, cs := Extract(doc)
	var out []string
	for _, c := range cs {
		if !c.Span.Valid(len(doc.Text)) || c.Message == "" {
			t.Errorf("check without place or message: %+v", c)
		}
		out = append(out, c.Kind+": "+c.Message)
	}
	return out
}

func TestChecks(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // substrings, one per expected check, in order
	}{
		{"seq_gap", "序号\t名称\n1\t甲\n2\t乙\n4\t丁\n", []string{"seq_gap: 序号从 2 跳到 4"}},
		{"seq_repeat", "序号\t名称\n1\t甲\n2\t乙\n2\t丙\n3\t丁\n", []string{"seq_repeat: 序号 2 重复"}},
		{"restart_under_group", "序号\t名称\n一、甲类\n1\t甲\n2\t乙\n二、乙类\n1\t丙\n2\t丁\n", nil},
		{"sum_mismatch_total_row", "序号\t地区\t数量\n1\t甲\t3\n2\t乙\t4\n合计\t\t8\n", []string{"sum_mismatch: 数量列：各行之和为 7，合计行为 8"}},
		{"sum_holds", "序号\t地区\t数量\t金额\n1\t甲\t3\t1.5\n2\t乙\t4\t2.25\n合计\t\t7\t3.75\n", nil},
		{"sum_mismatch_top_row", "地区\t企业\t项目\t人数\n全市\t10\t20\t31\n东区\t4\t8\t10\n西区\t6\t12\t20\n", []string{"sum_mismatch: 人数列：以下各行之和为 30，首行全市为 31"}},
		{"sum_mismatch_whole_area_last", "地区\t企业\t人数\n东区\t4\t10\n西区\t6\t20\n北区\t1\t2\n全市\t12\t32\n", []string{"sum_mismatch: 企业列：其余各行之和为 11，全市行为 12"}},
		{"whole_area_not_in_total", "地区\t企业\t人数\n东区\t4\t10\n西区\t6\t20\n全市\t10\t30\n合计\t10\t30\n", nil},
		{"slash_is_empty", "地区\t企业\t项目\t人数\n全市\t10\t20\t30\n东区\t4\t/\t10\n西区\t6\t20\t20\n", nil},
		{"count_mismatch_groups", "序号\t名称\n一、甲类\n1\t甲\n2\t乙\n二、乙类\n1\t丙\n合计：甲类 3 项，乙类 1 项，共 4 项\n",
			[]string{"count_mismatch: 甲类：说明为 3 项，表中列有 2 项", "count_mismatch: 说明为共 4 项，表中列有 3 项"}},
		{"count_holds_parts", "序号\t名称\n1\t甲\n2\t乙\n3\t丙\n备注：省级项目共 1 项，市级项目共 2 项，合计 3 项。每年实施 5 项以上。\n", nil},
		{"count_mismatch_title", "重点任务清单（共4项）\n序号\t任务\t牵头单位\n一、创新平台\n1\t建设重点实验室\t市科技局\n2\t建设技术中心\t市工信局\n二、人才\n3\t引进人才\t市人社局\n", []string{"count_mismatch: 重点任务清单（共4项）：标明共 4 项，表中列有 3 项"}},
		{"count_holds_title", "重点任务清单（共3项）\n序号\t任务\t牵头单位\n1\t建设重点实验室\t市科技局\n2\t建设技术中心\t市工信局\n3\t引进人才\t市人社局\n", nil},
		{"count_note_total", "序号\t名称\n1\t甲\n2\t乙\n注：共 3 项。\n", []string{"count_mismatch: 说明为共 3 项，表中列有 2 项"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := kinds(t, tc.src)
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %d checks %q", got, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("check %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

// TestWholeAreaByJurisdiction: a first row naming the document's
// jurisdiction is the whole of its parts, so each column that disagrees is
// a finding; without the name, one agreeing column of two does not make the
// first row a sum.
func TestWholeAreaByJurisdiction(t *testing.T) {
	src := "单位\t企业数量（家）\t项目数量（项）\n某市\t10\t5\n甲区\t4\t2\n乙区\t5\t3\n"
	for _, juris := range []string{"某市", ""} {
		doc := docFromText(src)
		doc.Meta.Jurisdiction = juris
		_, cs := Extract(doc)
		want := 0
		if juris != "" {
			want = 1
		}
		if len(cs) != want || want == 1 && !strings.Contains(cs[0].Message, "企业数量（家）列：以下各行之和为 9，首行某市为 10") {
			t.Errorf("jurisdiction %q: checks %+v", juris, cs)
		}
	}
}
