package xlsx

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"policyx/schema"
)

// Fixed sheet names of a document workbook.
const (
	sheetOverview = "概览"
	sheetTargets  = "指标"
	sheetTasks    = "任务分工"
	sheetTaskDept = "任务分工（逐部门）"
	sheetChecks   = "核查"
)

// WriteDocument writes the workbook of one input file (all its parts) to
// path, through a temporary file renamed into place. Sheets: 概览 (metadata,
// counts, outline), 指标, 任务分工, one sheet per extracted table, 核查.
// A batch writes its workbooks through one DocumentWriter instead.
func WriteDocument(path string, docs []*schema.Document) error {
	return writeDocument(path, docs, nil)
}

// DocumentWriter writes the workbooks of a batch: the parts that come again
// from one workbook to the next (theme, styles, relationships) are deflated
// once and copied (parts.go). One DocumentWriter serves every worker of a
// run; the workbooks are the same bytes as WriteDocument's.
type DocumentWriter struct{ recur *recurParts }

// NewDocumentWriter returns a DocumentWriter for one batch.
func NewDocumentWriter() *DocumentWriter { return &DocumentWriter{recur: newRecurParts()} }

// WriteDocument writes a workbook as the package's WriteDocument does.
func (dw *DocumentWriter) WriteDocument(path string, docs []*schema.Document) error {
	return writeDocument(path, docs, dw.recur)
}

func writeDocument(path string, docs []*schema.Document, recur *recurParts) error {
	var ds []*schema.Document
	for _, d := range docs {
		if d != nil {
			ds = append(ds, d)
		}
	}
	w, err := newWriter()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer w.close()
	w.recur = recur
	multi := len(ds) > 1
	for _, n := range []string{sheetOverview, sheetTargets, sheetTasks, sheetTaskDept, sheetChecks} {
		w.names.take(n, n)
	}
	bc := newBookCtx(path, ds)
	sheets := []*sheet{overviewSheet(ds, bc), targetsSheet(ds, multi, bc), tasksSheet(ds, multi), taskDeptSheet(ds, multi, bc)}
	for _, d := range ds {
		for i := range d.Tables {
			sheets = append(sheets, tableSheet(w.names, d, i, multi))
		}
	}
	sheets = append(sheets, checksSheet(ds, multi))
	for _, s := range sheets {
		if err := w.write(s); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return save(w, path)
}

// docIndex answers position questions about one document's facts.
type docIndex struct {
	d     *schema.Document
	paths []string // section path of every section
}

func newDocIndex(d *schema.Document) *docIndex {
	x := &docIndex{d: d, paths: make([]string, len(d.Sections))}
	for i, s := range d.Sections {
		name := sectionName(s.Label, s.Title)
		// parents come first; guard against a bad Parent all the same
		if p := s.Parent; p >= 0 && p < i {
			x.paths[i] = x.paths[p] + pathSep + name
		} else {
			x.paths[i] = name
		}
	}
	return x
}

// section is the section a fact belongs to: its own index when valid, else
// the innermost section containing sp, -1 when none.
func (x *docIndex) section(i int, sp schema.Span) int {
	if i >= 0 && i < len(x.d.Sections) {
		return i
	}
	best := -1
	for j, s := range x.d.Sections {
		if s.Span.Start <= sp.Start && sp.End <= s.Span.End && sp != (schema.Span{}) {
			if best < 0 || s.Span.Len() <= x.d.Sections[best].Span.Len() {
				best = j
			}
		}
	}
	return best
}

func (x *docIndex) path(i int, sp schema.Span) string {
	if j := x.section(i, sp); j >= 0 {
		return x.paths[j]
	}
	return ""
}

// text returns the normalized text under sp, or "" when sp is not valid.
func (x *docIndex) text(sp schema.Span) string {
	if sp.Len() <= 0 || !sp.Valid(len(x.d.Text)) {
		return ""
	}
	return x.d.Text[sp.Start:sp.End]
}

func (x *docIndex) tableName(i int) string {
	if i < 0 || i >= len(x.d.Tables) {
		return ""
	}
	t := x.d.Tables[i]
	ord := t.Ordinal
	if ord == 0 {
		ord = i + 1
	}
	return tableName(t.Attachment, t.Title, ord)
}

// source says where a fact was read: 正文, or the table and its row.
func (x *docIndex) source(src string, table, rowIdx int) string {
	if table >= 0 && table < len(x.d.Tables) {
		s := "表格：" + x.tableName(table)
		if rowIdx >= 0 {
			s += " 第" + strconv.Itoa(rowIdx+1) + "行"
		}
		return s
	}
	return sourceWords(src)
}

// partCols are the first columns of a sheet when a file holds several
// documents: every row says which one it belongs to.
func partCols(multi bool) []column {
	if !multi {
		return nil
	}
	return []column{{name: "部分"}, {name: "文件标题", max: titleWidth, noWrap: true}}
}

func partCells(multi bool, d *schema.Document) []any {
	if !multi {
		return nil
	}
	return []any{d.Part, d.Meta.Title}
}

func overviewSheet(docs []*schema.Document, bc *bookCtx) *sheet {
	return &sheet{
		name: sheetOverview,
		// the outline below has its own header row for the last three columns
		cols: []column{{name: "项目", max: 18}, {name: "内容", max: 80, left: true}, {min: 8}, {min: 8}, {min: 8}},
		rows: func(yield func(row) error) error {
			for _, r := range bc.overview {
				if err := yield(r); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// bookCtx is what the sheets of one workbook share: the rows of 概览
// (made once) with the sheet row of every section's outline line, and the
// link from the workbook to each source file.
type bookCtx struct {
	overview []row
	secRow   map[[2]int]int // {document, section} → row of 概览
	source   []string       // per document: the source file, relative to the workbook
}

func newBookCtx(path string, docs []*schema.Document) *bookCtx {
	bc := &bookCtx{secRow: map[[2]int]int{}}
	add := func(r row) error { bc.overview = append(bc.overview, r); return nil }
	// back to the batch's summary, next to this workbook
	add(row{cells: []any{"汇总", link{text: summaryName, target: summaryName}}})
	dir, _ := filepath.Abs(filepath.Dir(path))
	for k, d := range docs {
		if k > 0 {
			add(row{})
		}
		overviewRows(d, len(docs) > 1, add)
		// the outline ends the block: one line per section, in order
		for i := range d.Sections {
			bc.secRow[[2]int{k, i}] = len(bc.overview) - len(d.Sections) + i + 2 // 1-based, below the header row
		}
		src := ""
		if abs, err := filepath.Abs(d.Path); err == nil && d.Path != "" {
			if rel, err := filepath.Rel(dir, abs); err == nil {
				src = filepath.ToSlash(rel)
			}
		}
		bc.source = append(bc.source, src)
	}
	overviewLinkRows(writeTimeLinks(docs), len(docs) > 1, add) // doclinks.go
	return bc
}

// summaryName is the file name of the batch's summary workbook.
const summaryName = "summary.xlsx"

// sectionCell is the section path of a fact, linked to its outline line in
// 概览 when known.
func (bc *bookCtx) sectionCell(k int, x *docIndex, sec int, sp schema.Span) any {
	p := x.path(sec, sp)
	if r, ok := bc.secRow[[2]int{k, x.section(sec, sp)}]; ok && p != "" {
		return link{text: p, target: fmt.Sprintf("'%s'!B%d", sheetOverview, r), loc: true}
	}
	return p
}

// pageCell is the page of a fact in the source (paged inputs), linked to
// the source file at that page; nil when the input has no pages.
func pageCell(src string, page int) any {
	if page <= 0 {
		return nil
	}
	if src == "" {
		return page
	}
	return link{text: strconv.Itoa(page), target: src + "#page=" + strconv.Itoa(page)}
}

func overviewRows(d *schema.Document, multi bool, yield func(row) error) error {
	var rows []row
	add := func(kind rowKind, cells ...any) { rows = append(rows, row{cells: cells, kind: kind}) }
	if multi {
		add(rowPart, "第"+strconv.Itoa(d.Part)+"部分", d.Meta.Title)
	}
	add(rowData, "标题", d.Meta.Title)
	add(rowData, "文号", d.Meta.DocNumber)
	add(rowData, "发文机关", d.Meta.Issuer)
	add(rowData, "成文日期", date(d.Meta.IssueDate))
	add(rowData, "适用地区", d.Meta.Jurisdiction)
	add(rowData, "源文件", d.Path)
	for _, p := range d.SameBytes {
		add(rowData, "同内容文件", p)
	}
	add(rowData, "格式", string(d.Format))
	add(rowData, "处理状态", statusWords(string(d.Status)))
	if d.Err != "" {
		add(rowData, "说明", d.Err)
	}
	add(rowData, "章节数", len(d.Sections))
	add(rowData, "表格数", len(d.Tables))
	add(rowData, "指标数", len(d.Targets))
	kinds := map[string]int{}
	for _, t := range d.Targets {
		kinds[t.Kind]++
	}
	for _, k := range []string{schema.KindGoal, schema.KindFunding, schema.KindRate, schema.KindThreshold} {
		add(rowData, indented{text: "其中 " + strings.SplitN(kindWords(k), "（", 2)[0], level: 1}, kinds[k])
	}
	nd := 0
	for _, t := range d.Tasks {
		nd += len(t.Departments)
	}
	add(rowData, "任务数", len(d.Tasks))
	add(rowData, "分工部门条目", nd)
	add(rowData, "核查发现", len(d.Checks))
	warn := 0
	for _, g := range d.Diagnostics {
		if g.Severity >= schema.SevWarning {
			warn++
		}
	}
	if warn > 0 {
		add(rowData, "提取警告", warn)
	}
	rows = append(rows, row{})
	add(rowData, label("编号"), label("章节"), label("指标"), label("任务"), label("表格"))
	if len(d.Sections) == 0 {
		add(rowData, "", "（未识别出章节）")
	}
	for _, s := range d.Sections {
		var nt, nk, nb int
		in := func(sp schema.Span) bool { return s.Span.Start <= sp.Start && sp.End <= s.Span.End && sp.Len() > 0 }
		for _, t := range d.Targets {
			if in(t.Span) {
				nt++
			}
		}
		for _, t := range d.Tasks {
			if in(t.Span) {
				nk++
			}
		}
		for _, t := range d.Tables {
			if in(t.Span) {
				nb++
			}
		}
		lvl := s.Level - 1
		if lvl < 0 {
			lvl = 0
		}
		add(rowData, strings.TrimSpace(s.Label), indented{text: strings.TrimSpace(s.Title), level: lvl}, nt, nk, nb)
	}
	for _, r := range rows {
		if err := yield(r); err != nil {
			return err
		}
	}
	return nil
}

var targetCols = []column{
	{name: "指标", max: 30},
	{name: "对象", max: 24}, // the row's name of a number read from a table (鱼峰区)
	{name: "数值（原文）", max: 14},
	{name: "单位", max: 12},
	{name: "比较", max: 12},
	{name: "标准值", max: 20},
	{name: "标准单位", max: 12},
	{name: "期限", min: 12},
	{name: "周期"},
	{name: "范围", max: 24},
	{name: "类型", max: 20},
	{name: "所在章节", max: 40},
	{name: "来源", max: 24},
	{name: "页码", min: 6},
	{name: "原句", max: wideText},
}

func targetCells(x *docIndex, t *schema.Target, sec, page any) []any {
	var norm any = quantity(t.NormValue)
	if strings.HasPrefix(t.NormUnit, "元") {
		norm = money(t.NormValue)
	}
	if t.Value == "" && t.NormValue == 0 {
		norm = nil
	}
	return []any{t.Subject, t.Entity, t.Value, t.Unit, comparatorWords(t.Comparator), norm, t.NormUnit,
		date(t.Deadline), periodWords(t.Period), t.Scope, kindWords(t.Kind), sec,
		x.source(t.Source, t.Table, t.Row), page, t.Sentence}
}

// docView is one document of a workbook as a fact sheet reads it: its
// index k among the workbook's documents, its positions and its pages.
type docView struct {
	k  int
	d  *schema.Document
	x  *docIndex
	pg *schema.Pager
}

// inTextOrder calls fn with the facts of every document of docs, document
// by document, each document's facts ordered by start, their position in
// the text (ties keep their order).
func inTextOrder[T any](docs []*schema.Document, facts func(d *schema.Document) []T, start func(f *T) int, fn func(v docView, f *T) error) error {
	for k, d := range docs {
		v := docView{k: k, d: d, x: newDocIndex(d), pg: schema.NewPager(d)}
		fs := facts(d)
		order := make([]int, len(fs))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return start(&fs[order[a]]) < start(&fs[order[b]]) })
		for _, i := range order {
			if err := fn(v, &fs[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// eachTask calls fn with every task of docs in text order.
func eachTask(docs []*schema.Document, fn func(v docView, t *schema.Task) error) error {
	return inTextOrder(docs, func(d *schema.Document) []schema.Task { return d.Tasks }, func(t *schema.Task) int { return t.Span.Start }, fn)
}

func targetsSheet(docs []*schema.Document, multi bool, bc *bookCtx) *sheet {
	return &sheet{
		name: sheetTargets,
		cols: append(partCols(multi), targetCols...),
		rows: func(yield func(row) error) error {
			targets := func(d *schema.Document) []schema.Target { return d.Targets }
			start := func(t *schema.Target) int { return t.Span.Start }
			return inTextOrder(docs, targets, start, func(v docView, t *schema.Target) error {
				d, x := v.d, v.x
				sp := t.Span
				if sp == (schema.Span{}) && t.Table >= 0 && t.Table < len(d.Tables) && t.Row >= 0 && t.Row < len(d.Tables[t.Table].Rows) {
					sp = d.Tables[t.Table].Rows[t.Row].Span
				}
				p0, _ := v.pg.Span(sp)
				cells := append(partCells(multi, d), targetCells(x, t, bc.sectionCell(v.k, x, t.Section, t.Span), pageCell(bc.source[v.k], p0))...)
				return yield(row{cells: cells})
			})
		},
	}
}

func checksSheet(docs []*schema.Document, multi bool) *sheet {
	return &sheet{
		name: sheetChecks,
		cols: append(partCols(multi), column{name: "类型", max: 28}, column{name: "表格", max: 36},
			column{name: "说明", max: wideText}, column{name: "原文", max: 50}),
		rows: func(yield func(row) error) error {
			for _, d := range docs {
				x := newDocIndex(d)
				for _, c := range d.Checks {
					cells := append(partCells(multi, d), checkKindWords(c.Kind), x.tableName(c.Table), c.Message, excerpt(x.text(c.Span), 120))
					if err := yield(row{cells: cells}); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
}
