package quotas

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"policyx/internal/testsupport"
	"policyx/schema"
)

// a case is one document's metadata and tables, as JSON in testdata/*.json;
// the quotas read from it are compared with testdata/*.golden.
type tcase struct {
	Title     string   `json:"title"`
	IssueDate string   `json:"issue_date"`
	Juris     string   `json:"jurisdiction"`
	Sections  []string `json:"sections"` // headings enclosing every table
	Tables    []struct {
		Title    string     `json:"title"`
		UnitNote string     `json:"unit_note"`
		Header   []string   `json:"header"`
		Rows     [][]string `json:"rows"`
	} `json:"tables"`
}

func load(t *testing.T, path string) *schema.Document {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c tcase
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	doc := &schema.Document{Meta: schema.Meta{Title: c.Title, IssueDate: c.IssueDate, Jurisdiction: c.Juris}}
	for i, s := range c.Sections {
		doc.Sections = append(doc.Sections, schema.Section{Parent: i - 1, Level: i + 1, Title: s, Span: schema.Span{Start: 0, End: 1 << 20}})
	}
	for i, tb := range c.Tables {
		st := schema.Table{Ordinal: i + 1, Title: tb.Title, UnitNote: tb.UnitNote, Header: tb.Header, Span: schema.Span{Start: i * 10, End: i*10 + 5}}
		for _, r := range tb.Rows {
			st.Rows = append(st.Rows, schema.TableRow{Cells: r, IsTotal: len(r) > 0 && (strings.HasPrefix(r[0], "合计") || len(r) > 1 && strings.HasPrefix(r[1], "合计"))})
		}
		doc.Tables = append(doc.Tables, st)
	}
	return doc
}

func format(qs []schema.Target) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "t%d r%d | %s | %s | %s %s | %s %s | %s | %s | %s\n",
			q.Table+1, q.Row+1, q.Entity, q.Subject, q.Value, q.Unit, strconv.FormatFloat(q.NormValue, 'f', -1, 64), q.NormUnit, q.Comparator, q.Deadline, q.Kind)
	}
	if b.Len() == 0 {
		return "(no quotas)\n"
	}
	return b.String()
}

// TestGolden covers every table shape: district × indicator, city × year,
// task × year with 牵头单位, category × 数量, and tables of past statistics
// that give none.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) < 5 {
		t.Fatalf("want the golden cases in testdata, found %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got := format(Extract(load(t, f)))
			testsupport.Golden(t, strings.TrimSuffix(f, ".json")+".golden", got)
		})
	}
}

func TestVocab(t *testing.T) {
	if _, err := parseVocab(wordsFile); err != nil {
		t.Fatal(err)
	}
	if _, err := parseVocab("nosuchlist: a\n"); err == nil {
		t.Error("an unknown list is an error")
	}
}

func TestReadCell(t *testing.T) {
	p := loadParser()
	for _, c := range []struct {
		cell, unit string
		ok         bool
		norm       float64
		normUnit   string
		cmp        string
	}{
		{"64", "家", true, 64, "家", "="},
		{"1.9%", "", true, 1.9, "%", "="},
		{"90%以上", "", true, 90, "%", ">="},
		{"≥50%", "", true, 50, "%", ">="},
		{"244606.56", "万元", true, 2446065600, "元", "="},
		{"3.5亿元", "万元", true, 350000000, "元", "="},
		{"约20", "个", true, 20, "个", "~"},
		{"0", "亿元", true, 0, "元", "="},
		{"1.2万", "家", true, 12000, "家", "="},
		{"64*", "家", true, 64, "家", "="},
		{"1.5亿", "万元", true, 150000000, "元", "="},
		{"2000.50", "万元", true, 20005000, "元", "="},
		{"3-5", "个", true, 3, "个", ">="},
		// not quotas
		{"/", "家", false, 0, "", ""},
		{"", "家", false, 0, "", ""},
		{"不低于全国平均水平", "%", false, 0, "", ""},
		{"2023年达到80%，力争2035年达到95%", "", false, 0, "", ""},
		{"2025年底", "", false, 0, "", ""},
		{"3年", "", false, 0, "", ""},
		{"2021-2023", "", false, 0, "", ""},
		{"2025", "", false, 0, "", ""},
		{"0772-2826612", "", false, 0, "", ""},
	} {
		got, ok := readCell(p, c.cell, c.unit)
		if ok != c.ok {
			t.Errorf("readCell(%q, %q) ok = %v, want %v", c.cell, c.unit, ok, c.ok)
			continue
		}
		if ok && (got.q.NormValue != c.norm || got.q.NormUnit != c.normUnit || got.cmp != c.cmp) {
			t.Errorf("readCell(%q, %q) = %g %s %s, want %g %s %s", c.cell, c.unit, got.q.NormValue, got.q.NormUnit, got.cmp, c.norm, c.normUnit, c.cmp)
		}
	}
}

func TestTitleIndicator(t *testing.T) {
	v := loadVocab()
	for _, c := range []struct{ title, juris, want string }{
		{"各地级市新增规上工业企业年度目标安排表", "", "新增规上工业企业"},
		{"各县（市、区）农村污水治理任务分解表（2024年）", "", "农村污水治理"},
		{"某省各市主要目标分解表", "某省", ""},
		{"重点项目计划表", "", "重点项目"},
	} {
		if got := v.titleIndicator(c.title, c.juris); got != c.want {
			t.Errorf("titleIndicator(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

func TestTitleYears(t *testing.T) {
	for _, c := range []struct {
		title string
		a, b  int
	}{
		{"各区目标分解表（2024年）", 2024, 0},
		{"主要目标分解表（2024—2026年）", 2024, 2026},
		{"监测指标体系（2023年版）", 0, 0},
		{"平台创建计划表", 0, 0},
	} {
		a, b := titleYears(c.title)
		if a != c.a || b != c.b {
			t.Errorf("titleYears(%q) = %d, %d; want %d, %d", c.title, a, b, c.a, c.b)
		}
	}
}

// A row's name loses the list number it opens with (lexicon/outline's
// labels), not a figure or a year.
func TestStripNumLead(t *testing.T) {
	for in, want := range map[string]string{
		"1.柳州市": "柳州市", "2、桂林市": "桂林市", "（三）梧州市": "梧州市", "(4) 北海市": " 北海市", "四、防城港市": "防城港市",
		"⑤钦州市": "钦州市", "1 贵港市": " 贵港市", "1.2.玉林市": "玉林市",
		"南宁市": "南宁市", "2023年": "2023年", "1.5倍": "1.5倍", "1234 百色市": "1234 百色市", "一是贺州市": "一是贺州市",
	} {
		if got := stripNumLead(in); got != want {
			t.Errorf("stripNumLead(%q) = %q, want %q", in, got, want)
		}
	}
}
