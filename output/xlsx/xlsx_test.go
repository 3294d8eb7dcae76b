package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"policyx/output/sqlite"
	"policyx/schema"
)

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func rowsOf(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func cellAt(rows [][]string, r, c int) string {
	if r < len(rows) && c < len(rows[r]) {
		return rows[r][c]
	}
	return ""
}

// colOf finds a header in row hdr (0-based) and returns its column number (1-based).
func colOf(t *testing.T, rows [][]string, hdr int, name string) int {
	t.Helper()
	for i, h := range rows[hdr] {
		if h == name {
			return i + 1
		}
	}
	t.Fatalf("no column %q in %q", name, rows[hdr])
	return 0
}

func ref(c, r int) string {
	s, _ := excelize.CoordinatesToCellName(c, r)
	return s
}

// checkCommon checks what every sheet must have: a frozen header, an
// autofilter, valid names, no formula anywhere, and text that looks like a
// formula in the text format.
func checkCommon(t *testing.T, f *excelize.File, headerRows map[string]int) {
	t.Helper()
	filters := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = true
		}
	}
	seen := map[string]bool{}
	for _, name := range f.GetSheetList() {
		if n := utf8.RuneCountInString(name); n > 31 || n == 0 {
			t.Errorf("sheet name %q has %d characters", name, n)
		}
		if strings.ContainsAny(name, `[]:*?/\`) {
			t.Errorf("sheet name %q has a forbidden character", name)
		}
		if seen[strings.ToLower(name)] {
			t.Errorf("sheet name %q twice", name)
		}
		seen[strings.ToLower(name)] = true
		p, err := f.GetPanes(name)
		if err != nil {
			t.Fatal(err)
		}
		want := headerRows[name]
		if want == 0 {
			want = 1
		}
		if !p.Freeze || p.YSplit != want {
			t.Errorf("sheet %q: panes %+v, want frozen above row %d", name, p, want+1)
		}
		if !filters[name] {
			t.Errorf("sheet %q: no autofilter", name)
		}
		rows := rowsOf(t, f, name)
		for r, cells := range rows {
			for c, v := range cells {
				cell := ref(c+1, r+1)
				if fm, _ := f.GetCellFormula(name, cell); fm != "" {
					t.Errorf("%s!%s: formula %q", name, cell, fm)
				}
				if formulaLike(v) {
					typ, _ := f.GetCellType(name, cell)
					if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
						t.Errorf("%s!%s %q: type %v, want a string", name, cell, v, typ)
					}
					sid, _ := f.GetCellStyle(name, cell)
					st, _ := f.GetStyle(sid)
					if st == nil || st.NumFmt != 49 {
						t.Errorf("%s!%s %q: not in the text format", name, cell, v)
					}
				}
			}
		}
	}
}

func TestWriteDocument(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.xlsx")
	d := synthDoc("in/柳州.txt", 1, "柳州市人民政府办公室关于印发柳州市科技创新三年行动方案的通知")
	if err := WriteDocument(path, []*schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	sheets := f.GetSheetList()
	if len(sheets) != 6 || sheets[0] != "概览" || sheets[1] != "指标" || sheets[2] != "任务分工" || sheets[3] != "任务分工（逐部门）" || sheets[5] != "核查" {
		t.Fatalf("sheets %q", sheets)
	}
	tbl := sheets[4]
	if !strings.HasPrefix(tbl, "附件1 柳州市重点任务") || utf8.RuneCountInString(tbl) != 31 {
		t.Errorf("table sheet %q", tbl)
	}
	checkCommon(t, f, map[string]int{tbl: 3})

	// 指标: header, order by position, numbers, dates, words, paths
	rows := rowsOf(t, f, "指标")
	var want []string
	for _, c := range targetCols {
		want = append(want, c.name)
	}
	if !reflect.DeepEqual(rows[0], want) {
		t.Errorf("指标 header %q", rows[0])
	}
	if len(rows) != 7 {
		t.Fatalf("指标: %d rows", len(rows))
	}
	var subjects []string
	for _, r := range rows[1:] {
		subjects = append(subjects, r[0])
	}
	if got := strings.Join(subjects, ","); got != "高新技术企业数量,研发投入强度,科技创新资金,新认定企业奖励,-研发人员,新材料研发投资" {
		t.Errorf("指标 order %s", got)
	}
	norm, dl := colOf(t, rows, 0, "标准值"), colOf(t, rows, 0, "期限")
	for _, c := range []struct {
		row        int
		col        int
		raw, shown string
	}{
		{4, norm, "140000000", "140,000,000"},
		{5, norm, "5000000.5", "5,000,000.50"},
		{2, norm, "1000", "1000"},
		{2, dl, "46022", "2025-12-31"},
	} {
		cell := ref(c.col, c.row)
		typ, _ := f.GetCellType("指标", cell)
		raw, _ := f.GetCellValue("指标", cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue("指标", cell)
		if (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) || raw != c.raw || shown != c.shown {
			t.Errorf("指标!%s: type %v raw %q shown %q, want number %q shown %q", cell, typ, raw, shown, c.raw, c.shown)
		}
	}
	if g := cellAt(rows, 1, colOf(t, rows, 0, "比较")-1); g != "≥ 不低于" {
		t.Errorf("comparator %q", g)
	}
	if g := cellAt(rows, 3, colOf(t, rows, 0, "类型")-1); g != "资金（funding）" {
		t.Errorf("kind %q", g)
	}
	if g := cellAt(rows, 3, colOf(t, rows, 0, "所在章节")-1); g != "二、重点任务 > （一）加大财政投入" {
		t.Errorf("section path %q", g)
	}
	if g := cellAt(rows, 5, colOf(t, rows, 0, "所在章节")-1); !strings.HasPrefix(g, "二、重点任务 > （二）=SUM") {
		t.Errorf("section path by containment %q", g)
	}
	if g := cellAt(rows, 6, colOf(t, rows, 0, "来源")-1); !strings.HasSuffix(g, "第2行") || !strings.HasPrefix(g, "表格：附件1") {
		t.Errorf("table source %q", g)
	}
	if g := cellAt(rows, 3, colOf(t, rows, 0, "周期")-1); g != "每年" {
		t.Errorf("period %q", g)
	}
	// the sentence column wraps
	sc := colOf(t, rows, 0, "原句")
	sid, _ := f.GetCellStyle("指标", ref(sc, 2))
	if st, _ := f.GetStyle(sid); st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("sentence not wrapped")
	}
	if st, _ := f.GetStyle(sid); st.Font == nil || st.Font.Family != fontName {
		t.Errorf("font %+v", st.Font)
	}
	if w, _ := f.GetColWidth("指标", "A"); w < 18 || w > 30 {
		t.Errorf("subject column width %v", w)
	}

	// 任务分工: one row per task and role, lead first, departments in order
	rows = rowsOf(t, f, "任务分工")
	if len(rows) != 6 {
		t.Fatalf("任务分工: %d rows: %q", len(rows), rows)
	}
	role, dep, men := colOf(t, rows, 0, "角色")-1, colOf(t, rows, 0, "部门（规范名称）")-1, colOf(t, rows, 0, "原文写法")-1
	for i, w := range [][3]string{
		{"牵头", "柳州市科学技术局", "市科技局"},
		{"责任", "柳州市各县区人民政府", "各县区人民政府"},
		{"配合", "柳州市财政局、柳州市发展和改革委员会", "市财政局、市发展改革委"},
		{"牵头", "柳州市人力资源和社会保障局", "市人社局"},
		{"责任", "柳州市科学技术局", "市科技局"},
	} {
		if g := [3]string{cellAt(rows, i+1, role), cellAt(rows, i+1, dep), cellAt(rows, i+1, men)}; g != w {
			t.Errorf("任务分工 row %d: %q, want %q", i+2, g, w)
		}
	}

	// the table as in the source
	rows = rowsOf(t, f, tbl)
	if !strings.HasPrefix(cellAt(rows, 0, 0), "附件1 ") || cellAt(rows, 1, 0) != "（单位：万元）" || cellAt(rows, 2, 2) != "投资(万元)" {
		t.Errorf("table head %q", rows[:3])
	}
	if cellAt(rows, 3, 0) != "一、核心技术" {
		t.Errorf("group row %q", rows[3])
	}
	for _, c := range []string{"A4", "A7", "C7"} {
		sid, _ := f.GetCellStyle(tbl, c)
		if st, _ := f.GetStyle(sid); st.Font == nil || !st.Font.Bold {
			t.Errorf("%s!%s not bold", tbl, c)
		}
	}
	if raw, _ := f.GetCellValue(tbl, "C5", excelize.Options{RawCellValue: true}); raw != "1200" {
		t.Errorf("1,200 as %q", raw)
	}
	if g := cellAt(rows, len(rows)-1, 0); g != "备注：=1+1 不是公式。" {
		t.Errorf("note %q", g)
	}

	// 概览: metadata and the outline with facts per section
	rows = rowsOf(t, f, "概览")
	kv := map[string]string{}
	outline := map[string][]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			kv[r[0]] = r[1]
		}
		if len(r) >= 5 {
			outline[r[0]] = r[2:5]
		}
	}
	if kv["文号"] != "柳政办〔2023〕12号" || kv["指标数"] != "6" || kv["成文日期"] != "2023-03-15" {
		t.Errorf("概览 %q", kv)
	}
	if g := outline["二、"]; !reflect.DeepEqual(g, []string{"3", "2", "0"}) {
		t.Errorf("outline 二、 %q", g)
	}
	if g := outline["附件1"]; !reflect.DeepEqual(g, []string{"1", "1", "1"}) {
		t.Errorf("outline 附件1 %q", g)
	}
	rows = rowsOf(t, f, "核查")
	if len(rows) != 3 || cellAt(rows, 1, 1) == "" {
		t.Errorf("核查 %q", rows)
	}
}

func TestWriteDocumentParts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.xlsx")
	a := synthDoc("in/list.html", 1, "第一个政策")
	b := synthDoc("in/list.html", 2, "第二个政策")
	if err := WriteDocument(path, []*schema.Document{a, b}); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	sheets := f.GetSheetList()
	if len(sheets) != 7 || !strings.HasPrefix(sheets[4], "P1 附件1") || !strings.HasPrefix(sheets[5], "P2 附件1") {
		t.Fatalf("sheets %q", sheets)
	}
	checkCommon(t, f, map[string]int{sheets[4]: 3, sheets[5]: 3})
	rows := rowsOf(t, f, "指标")
	if rows[0][0] != "部分" || len(rows) != 13 || rows[1][0] != "1" || rows[12][0] != "2" || rows[12][1] != "第二个政策" {
		t.Errorf("指标 parts: %d rows, %q / %q", len(rows), rows[0], rows[len(rows)-1])
	}
	rows = rowsOf(t, f, "概览")
	var parts []string
	for _, r := range rows {
		if strings.HasPrefix(cellAt([][]string{r}, 0, 0), "第") && strings.HasSuffix(r[0], "部分") {
			parts = append(parts, r[0]+" "+cellAt([][]string{r}, 0, 1))
		}
	}
	if !reflect.DeepEqual(parts, []string{"第1部分 第一个政策", "第2部分 第二个政策"}) {
		t.Errorf("概览 parts %q", parts)
	}
}

// zipParts reads every part of a workbook but the timestamped ones.
func zipParts(t *testing.T, path string) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		if zf.Name == "docProps/core.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = b
	}
	return out
}

func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	docs := []*schema.Document{synthDoc("a.txt", 1, "甲"), synthDoc("a.txt", 2, "乙")}
	p1, p2 := filepath.Join(dir, "1.xlsx"), filepath.Join(dir, "2.xlsx")
	if err := WriteDocument(p1, docs); err != nil {
		t.Fatal(err)
	}
	if err := WriteDocument(p2, docs); err != nil {
		t.Fatal(err)
	}
	a, b := zipParts(t, p1), zipParts(t, p2)
	if len(a) != len(b) {
		t.Fatalf("%d parts vs %d", len(a), len(b))
	}
	for n, x := range a {
		if !bytes.Equal(x, b[n]) {
			t.Errorf("part %s differs", n)
		}
	}
}

// buildDB stores synthetic files in a fresh database and writes their
// workbooks into dir, as the pipeline does.
func buildDB(t testing.TB, dir string, files ...[]*schema.Document) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(dir, "policy.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, docs := range files {
		if docs[0].Status != schema.StatusFailed {
			base := filepath.Base(docs[0].Path)
			name := strings.TrimSuffix(base, filepath.Ext(base)) + ".xlsx"
			if err := WriteDocument(filepath.Join(dir, name), docs); err != nil {
				t.Fatal(err)
			}
			for _, d := range docs {
				d.Workbook = name
			}
		}
		if err := db.WriteFile(docs); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestWriteSummary(t *testing.T) {
	dir := t.TempDir()
	failed := &schema.Document{Path: "in/坏.pdf", SHA256: strings.Repeat("f", 64), Part: 1, Format: schema.FormatPDF,
		Status: schema.StatusFailed, Err: "in/坏.pdf: not a PDF"}
	db := buildDB(t, dir,
		[]*schema.Document{synthDoc("in/b/一.txt", 1, "=甲方案")},
		[]*schema.Document{synthDoc("in/a.html", 1, "乙方案"), synthDoc("in/a.html", 2, "丙方案")},
		[]*schema.Document{failed},
	)
	defer db.Close()
	path := filepath.Join(dir, "summary.xlsx")
	if err := WriteSummary(path, db.SQL()); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"文件", "指标", "任务分工", "任务分工（逐部门）", "牵头部门", "年度指标", "指标分解", "核查", "引用关系", "上下级对照"}) {
		t.Fatalf("sheets %q", got)
	}
	checkCommon(t, f, nil)

	rows := rowsOf(t, f, "文件")
	if len(rows) != 5 {
		t.Fatalf("文件: %d rows", len(rows))
	}
	wb := colOf(t, rows, 0, "工作簿")
	if rows[1][0] != "a.html" || rows[1][len(rows[1])-1] != "in/a.html" {
		t.Errorf("文件 row 2: %q", rows[1])
	}
	for r, want := range []string{"a.xlsx", "a.xlsx", "一.xlsx", ""} {
		ok, target, err := f.GetCellHyperLink("文件", ref(wb, r+2))
		if err != nil || ok != (want != "") || target != want {
			t.Errorf("文件 row %d (%s): link %v %q %v, want %q", r+2, rows[r+1][0], ok, target, err, want)
		}
	}
	if g := cellAt(rows, 4, colOf(t, rows, 0, "状态")-1); g != "失败" {
		t.Errorf("failed status %q", g)
	}
	if raw, _ := f.GetCellValue("文件", ref(colOf(t, rows, 0, "成文日期"), 2), excelize.Options{RawCellValue: true}); raw != "45000" {
		t.Errorf("issue date raw %q", raw)
	}

	rows = rowsOf(t, f, "指标")
	if len(rows) != 1+3*6 {
		t.Fatalf("指标: %d rows", len(rows))
	}
	if g := cellAt(rows, 3, colOf(t, rows, 0, "所在章节")-1); g != "二、重点任务 > （一）加大财政投入" {
		t.Errorf("section path %q", g)
	}
	if g := cellAt(rows, 5, colOf(t, rows, 0, "所在章节")-1); !strings.HasPrefix(g, "二、重点任务 > （二）=SUM") {
		t.Errorf("section path by containment %q", g)
	}
	if g := cellAt(rows, 6, colOf(t, rows, 0, "来源")-1); !strings.HasPrefix(g, "表格：附件1") || !strings.HasSuffix(g, "第2行") {
		t.Errorf("table source %q", g)
	}
	norm := colOf(t, rows, 0, "标准值")
	if shown, _ := f.GetCellValue("指标", ref(norm, 4)); shown != "140,000,000" {
		t.Errorf("money %q", shown)
	}

	rows = rowsOf(t, f, "任务分工")
	if len(rows) != 1+3*5 {
		t.Fatalf("任务分工: %d rows", len(rows))
	}
	if g := cellAt(rows, 3, colOf(t, rows, 0, "部门（规范名称）")-1); g != "柳州市财政局、柳州市发展和改革委员会" {
		t.Errorf("support departments %q", g)
	}

	rows = rowsOf(t, f, "牵头部门")
	if len(rows) < 3 || rows[1][0] != "柳州市科学技术局" || !reflect.DeepEqual(rows[1][2:7], []string{"3", "3", "0", "6", "3"}) ||
		rows[2][0] != "柳州市人力资源和社会保障局" {
		t.Errorf("牵头部门 %q", rows)
	}

	rows = rowsOf(t, f, "年度指标")
	if cellAt(rows, 1, 0) != "2024" || cellAt(rows, 1, 1) != "3" || cellAt(rows, 2, 0) != "2025" || cellAt(rows, 2, 1) != "6" {
		t.Errorf("年度指标 %q", rows)
	}
	if c := colOf(t, rows, 0, "其中表格分解"); cellAt(rows, 1, c-1) != "3" {
		t.Errorf("年度指标 quotas by year %q", rows)
	}
	if _, ok := zipParts(t, path)["xl/charts/chart1.xml"]; !ok {
		t.Errorf("no chart")
	}
	// 指标分解: one row per entity, one column per indicator × year; the
	// same entity in three documents is one row, its three values kept
	rows = rowsOf(t, f, "指标分解")
	if len(rows) != 2 || cellAt(rows, 1, 0) != "新材料研发" || cellAt(rows, 0, 3) != "新材料研发投资（万元） 2024年" ||
		cellAt(rows, 1, 3) != "800；800；800" || !strings.HasPrefix(cellAt(rows, 1, 2), "附件1") {
		t.Errorf("指标分解 %q", rows)
	}
	rows = rowsOf(t, f, "核查")
	if len(rows) != 1+3*2 {
		t.Errorf("核查: %d rows", len(rows))
	}

	// the same database gives the same summary
	again := filepath.Join(dir, "summary-again.xlsx")
	if err := WriteSummary(again, db.SQL()); err != nil {
		t.Fatal(err)
	}
	a, b := zipParts(t, path), zipParts(t, again)
	if len(a) != len(b) {
		t.Fatalf("%d parts vs %d", len(a), len(b))
	}
	for n, x := range a {
		if !bytes.Equal(x, b[n]) {
			t.Errorf("summary part %s differs:\n%s\n%s", n, x, b[n])
		}
	}
}

func TestSheetNames(t *testing.T) {
	n := newSheetNames()
	for _, c := range []struct{ in, want string }{
		{"概览", "概览"},
		{"概览", "概览(2)"},
		{"附件1 a/b:c[d]*e?f\\g", "附件1 a／b：c（d）＊e？f＼g"},
		{"'引号'", "’引号’"},
		{"", "表9"},
		{"History", "History(2)"},
		{strings.Repeat("长", 40), strings.Repeat("长", 31)},
		{strings.Repeat("长", 40), strings.Repeat("长", 28) + "(2)"},
		{"附件2 市委和市级国家机关各部委办局主要目标分解表（2021—2023年）", "附件2 市委和市级国家机关各部委办局主要目标分解表"},
	} {
		fb := "表9"
		if g := n.take(c.in, fb); g != c.want {
			t.Errorf("take(%q) = %q, want %q", c.in, g, c.want)
		}
	}
}

func TestTableName(t *testing.T) {
	for _, c := range []struct {
		att, title string
		ord        int
		want       string
	}{
		{"附件1", "重点任务分工表", 1, "附件1 重点任务分工表"},
		{"附件1", "附件1：重点任务分工表", 1, "附件1：重点任务分工表"},
		{"", "分工表", 3, "表3 分工表"},
		{"附表", "", 2, "附表"},
		{"", "", 2, "表2"},
	} {
		if g := tableName(c.att, c.title, c.ord); g != c.want {
			t.Errorf("tableName(%q, %q, %d) = %q, want %q", c.att, c.title, c.ord, g, c.want)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, w := range map[string]float64{"abc": 3, "指标": 4, "1.4亿元": 7, "（一）": 6, "a\n指标数量": 8} {
		if g := displayWidth(s); g != w {
			t.Errorf("displayWidth(%q) = %v, want %v", s, g, w)
		}
	}
}

func TestWriteDocumentEmpty(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.xlsx")
	d := &schema.Document{Path: "in/bad.pdf", Part: 1, Status: schema.StatusPartial, Err: "page 3: unreadable"}
	if err := WriteDocument(path, []*schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"概览", "指标", "任务分工", "任务分工（逐部门）", "核查"}) {
		t.Fatalf("sheets %q", got)
	}
	checkCommon(t, f, nil)
	rows := rowsOf(t, f, "概览")
	found := false
	for _, r := range rows {
		if len(r) > 1 && r[0] == "说明" && r[1] == "page 3: unreadable" {
			found = true
		}
	}
	if !found {
		t.Errorf("概览 has no error line: %q", rows)
	}
	if err := WriteDocument(filepath.Join(dir, "none.xlsx"), nil); err != nil {
		t.Fatal(err)
	}
}

func TestLargeQuantityGrouped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.xlsx")
	d := &schema.Document{Path: "q.txt", Part: 1, Targets: []schema.Target{
		{Kind: schema.KindGoal, Subject: "装机容量", Value: "10", Unit: "亿千瓦", NormValue: 1e9, NormUnit: "千瓦", Section: -1, Table: -1, Row: -1},
		{Kind: schema.KindGoal, Subject: "年份样", Value: "2020", Unit: "个", NormValue: 2020, NormUnit: "个", Section: -1, Table: -1, Row: -1},
	}}
	if err := WriteDocument(path, []*schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	rows := rowsOf(t, f, "指标")
	c := colOf(t, rows, 0, "标准值")
	for r, want := range []string{"1,000,000,000", "2020"} {
		if got, _ := f.GetCellValue("指标", ref(c, r+2)); got != want {
			t.Errorf("row %d: %q, want %q", r+2, got, want)
		}
	}
}

// Control characters, broken UTF-8 and overlong text still give a workbook
// that opens.
func TestOddText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd.xlsx")
	long := strings.Repeat("很长的句子", 8000) // over Excel's 32767 characters
	d := &schema.Document{Path: "odd\x01.txt", Part: 1, Meta: schema.Meta{Title: "标题\x0b\xff\xfe"}, Targets: []schema.Target{
		{Kind: "odd", Subject: "\x00主体\x1f", Sentence: long, Section: -1, Table: -1, Row: -1, Deadline: "2020-13-45"},
	}, Tables: []schema.Table{{Title: "[]:*?/\\'", Header: []string{"a", "a", ""}, Rows: []schema.TableRow{{Cells: []string{"1", "x", "y", "z"}}}}}}
	if err := WriteDocument(path, []*schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	checkCommon(t, f, map[string]int{f.GetSheetList()[4]: 2})
	rows := rowsOf(t, f, "指标")
	if len(rows) != 2 || rows[1][colOf(t, rows, 0, "期限")-1] != "2020-13-45" {
		t.Errorf("指标 %q", rows)
	}
}

// TestQuotaSheetOrder: 指标分解 is the same whatever order the documents
// were written in (target ids follow the order workers finish documents).
func TestQuotaSheetOrder(t *testing.T) {
	docs := func() [][]*schema.Document {
		return [][]*schema.Document{
			{synthDoc("in/b/一.txt", 1, "甲方案")},
			{synthDoc("in/a.html", 1, "乙方案"), synthDoc("in/a.html", 2, "丙方案")},
		}
	}
	var got [][][]string
	for i, order := range [][]int{{0, 1}, {1, 0}} {
		dir := t.TempDir()
		d := docs()
		db := buildDB(t, dir, d[order[0]], d[order[1]])
		path := filepath.Join(dir, "summary.xlsx")
		err := WriteSummary(path, db.SQL())
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rowsOf(t, open(t, path), "指标分解"))
		if len(got[i]) < 2 {
			t.Fatalf("指标分解 %q", got[i])
		}
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("指标分解 depends on the writing order:\n%q\n%q", got[0], got[1])
	}
}
