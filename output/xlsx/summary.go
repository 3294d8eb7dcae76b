package xlsx

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet names of summary.xlsx.
const (
	sheetFiles = "文件"
	sheetDepts = "牵头部门"
	sheetYears = "年度指标"
)

// WriteSummary writes summary.xlsx from the database: 文件 (every document,
// with a link to its workbook), 指标, 任务分工, 牵头部门 (departments by the
// tasks they lead, are responsible for, support), 年度指标 (targets by
// deadline year, with a chart), 指标分解 (the numbers tables assign, one row
// per entity) and 核查. Rows are streamed from queries, so
// memory does not grow with the batch. The database handle may be limited to
// one connection: no query is run while another is being read.
func WriteSummary(path string, db *sql.DB) error {
	w, err := newWriter()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer w.close()
	links, err := workbookLinks(db, filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	files := filesSheet(db, links)
	notes, err := overflowNotes(db)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	files.after = append(files.after, notes...)
	dir, _ := filepath.Abs(filepath.Dir(path))
	for _, s := range []*sheet{files, allTargetsSheet(db, dir), allTasksSheet(db), allTaskDeptSheet(db, dir), deptSheet(db)} {
		w.names.take(s.name, s.name)
		if err := w.write(s); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := w.yearsSheet(db); err != nil {
		return fmt.Errorf("%s: sheet %s: %w", path, sheetYears, err)
	}
	qs, err := quotaSheet(db)
	if err != nil {
		return fmt.Errorf("%s: sheet %s: %w", path, sheetQuotas, err)
	}
	w.names.take(qs.name, qs.name)
	if err := w.write(qs); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	s := allChecksSheet(db)
	w.names.take(s.name, s.name)
	if err := w.write(s); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := w.linkSheets(db, links); err != nil { // 引用关系, 上下级对照 (links.go)
		return fmt.Errorf("%s: %w", path, err)
	}
	return save(w, path)
}

// overflowNotes says, for the 文件 sheet, which summary sheets go past
// Excel's 1,048,576 rows and continue on further sheets (指标 (2) …).
func overflowNotes(db *sql.DB) ([]row, error) {
	var out []row
	for _, c := range []struct{ sheet, table string }{{sheetFiles, "documents"}, {sheetTargets, "targets"}, {sheetTasks, "tasks"}, {sheetChecks, "checks"}} {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM " + c.table).Scan(&n); err != nil {
			return nil, err
		}
		per := sheetRows(0)
		if n <= per {
			continue
		}
		parts := (n + per - 1) / per
		more := fmt.Sprintf("%s (2)", c.sheet)
		if parts > 2 {
			more = fmt.Sprintf("%s (2) 至 %s (%d)", c.sheet, c.sheet, parts)
		}
		out = append(out, row{cells: []any{fmt.Sprintf("工作表 %s 共 %d 行，超过 Excel 每个工作表 %d 行的上限，续见工作表 %s。", c.sheet, n, sheetRowLimit, more)}})
	}
	return out, nil
}

// workbookLinks maps every stored source path to the file name of its
// workbook (documents.workbook, as the pipeline wrote it), when that workbook
// exists next to the summary (a failed file has none).
func workbookLinks(db *sql.DB, dir string) (map[string]string, error) {
	rows, err := db.Query(`SELECT source_path, max(workbook) FROM documents WHERE workbook IS NOT NULL GROUP BY source_path`)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for rows.Next() {
		var p, n string
		if err := rows.Scan(&p, &n); err != nil {
			rows.Close()
			return nil, err
		}
		names[p] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for p, n := range names {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			delete(names, p)
		}
	}
	return names, nil
}

func filesSheet(db *sql.DB, links map[string]string) *sheet {
	const q = `SELECT d.source_path, d.part, d.format, d.status, coalesce(d.error,''), coalesce(d.title,''),
		coalesce(d.doc_number,''), coalesce(d.issuer,''), coalesce(d.issue_date,''), coalesce(d.jurisdiction,''),
		(SELECT count(*) FROM sections x WHERE x.document_id = d.id),
		(SELECT count(*) FROM tables x WHERE x.document_id = d.id),
		(SELECT count(*) FROM targets x WHERE x.document_id = d.id),
		(SELECT count(*) FROM tasks x WHERE x.document_id = d.id),
		(SELECT count(*) FROM checks x WHERE x.document_id = d.id)
		FROM documents d ORDER BY d.source_path, d.part, d.id`
	return &sheet{
		name: sheetFiles,
		cols: []column{{name: "文件", max: fileNameWidth, noWrap: true}, {name: "部分"}, {name: "工作簿", max: fileNameWidth, noWrap: true},
			{name: "标题", max: 50}, {name: "文号", max: 22}, {name: "发文机关", max: 30}, {name: "成文日期", min: 12},
			{name: "适用地区", max: 20}, {name: "状态"}, {name: "说明", max: 40}, {name: "章节"}, {name: "表格"},
			{name: "指标"}, {name: "任务"}, {name: "核查"}, {name: "格式"}, {name: "路径", max: 40, noWrap: true}},
		rows: stream(db, q, func(r *sql.Rows) ([]any, error) {
			var p, format, status, errText, title, num, issuer, day, juris string
			var part, ns, nb, nt, nk, nc int
			if err := r.Scan(&p, &part, &format, &status, &errText, &title, &num, &issuer, &day, &juris, &ns, &nb, &nt, &nk, &nc); err != nil {
				return nil, err
			}
			var wb any
			if n, ok := links[p]; ok {
				wb = link{text: n, target: n}
			}
			return []any{fileName(p), part, wb, title, num, issuer, date(day), juris, statusWords(status), errText,
				ns, nb, nt, nk, nc, format, p}, nil
		}),
	}
}

// sectionPaths is a CTE giving every section its path: nodes separated by
// \x1e, label and title by \x1f (formatted by formatPath).
const sectionPaths = `WITH RECURSIVE sp(id, path, depth) AS (
	SELECT id, coalesce(label,'') || char(31) || coalesce(title,''), 1 FROM sections WHERE parent_id IS NULL
	UNION ALL
	SELECT s.id, sp.path || char(30) || coalesce(s.label,'') || char(31) || coalesce(s.title,''), sp.depth + 1
	FROM sections s JOIN sp ON s.parent_id = sp.id WHERE sp.depth < 32)
`

// innermost is a subquery for the innermost section containing the span of
// the fact row alias a, for facts stored without a section.
func innermost(a string) string {
	return `(SELECT s.id FROM sections s WHERE s.document_id = ` + a + `.document_id
		AND s.char_start <= ` + a + `.char_start AND ` + a + `.char_end <= s.char_end AND ` + a + `.char_end > ` + a + `.char_start
		ORDER BY s.char_end - s.char_start, s.id DESC LIMIT 1)`
}

func formatPath(p string) string {
	if p == "" {
		return ""
	}
	nodes := strings.Split(p, "\x1e")
	for i, n := range nodes {
		lbl, title, _ := strings.Cut(n, "\x1f")
		nodes[i] = sectionName(lbl, title)
	}
	return strings.Join(nodes, pathSep)
}

// tableSource formats the source of a fact read from a table row.
func tableSource(src string, att, title sql.NullString, ord, rowIdx sql.NullInt64) string {
	if !ord.Valid {
		return sourceWords(src)
	}
	s := "表格：" + tableName(att.String, title.String, int(ord.Int64))
	if rowIdx.Valid {
		s += " 第" + strconv.FormatInt(rowIdx.Int64+1, 10) + "行"
	}
	return s
}

// fileName is how the fact sheets name a source file: its base name (the
// 文件 sheet has the whole path).
func fileName(p string) string { return filepath.Base(filepath.FromSlash(p)) }

// docCols are the first columns of the summary's fact sheets.
var docCols = []column{{name: "文件", max: fileNameWidth, noWrap: true}, {name: "部分"}, {name: "文件标题", max: titleWidth, noWrap: true}}

// sourceFrom is the source path p relative to the folder dir of a workbook
// ("" when it cannot be made relative), for links to the source.
func sourceFrom(dir, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil || p == "" {
		return ""
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(rel)
}

func allTargetsSheet(db *sql.DB, dir string) *sheet {
	q := sectionPaths + `SELECT d.source_path, d.part, coalesce(d.title,''), t.kind, coalesce(t.subject,''), coalesce(t.entity,''),
		coalesce(t.value,''), coalesce(t.unit,''), t.norm_value, coalesce(t.norm_unit,''), coalesce(t.comparator,''),
		coalesce(t.deadline,''), coalesce(t.period,''), coalesce(t.scope,''), coalesce(sp.path,''), t.source,
		tb.attachment, tb.title, tb.ordinal, r.row_index, coalesce(t.sentence,''), coalesce(t.page, 0)
		FROM targets t JOIN documents d ON d.id = t.document_id
		LEFT JOIN sp ON sp.id = coalesce(t.section_id, ` + innermost("t") + `)
		LEFT JOIN table_rows r ON r.id = t.table_row_id
		LEFT JOIN tables tb ON tb.id = r.table_id
		ORDER BY d.source_path, d.part, d.id, t.char_start, t.id`
	return &sheet{
		name: sheetTargets,
		cols: append(append([]column(nil), docCols...), targetCols...),
		rows: stream(db, q, func(r *sql.Rows) ([]any, error) {
			var p, title, kind, subj, ent, val, unit, nunit, cmp, dl, period, scope, path, src, sent string
			var part, page int
			var norm sql.NullFloat64
			var att, ttitle sql.NullString
			var ord, ri sql.NullInt64
			if err := r.Scan(&p, &part, &title, &kind, &subj, &ent, &val, &unit, &norm, &nunit, &cmp, &dl, &period, &scope,
				&path, &src, &att, &ttitle, &ord, &ri, &sent, &page); err != nil {
				return nil, err
			}
			var nv any
			if norm.Valid && !(val == "" && norm.Float64 == 0) {
				nv = quantity(norm.Float64)
				if strings.HasPrefix(nunit, "元") {
					nv = money(norm.Float64)
				}
			}
			return []any{fileName(p), part, title, subj, ent, val, unit, comparatorWords(cmp), nv, nunit, date(dl), periodWords(period),
				scope, kindWords(kind), formatPath(path), tableSource(src, att, ttitle, ord, ri), pageCell(sourceFrom(dir, p), page), sent}, nil
		}),
	}
}

// allTaskDeptSheet is 任务分工（逐部门） across the batch: one row per
// task and department (v_tasks), so that it pivots.
func allTaskDeptSheet(db *sql.DB, dir string) *sheet {
	q := sectionPaths + `SELECT d.source_path, d.part, coalesce(d.title,''), coalesce(k.label,''), coalesce(k.title,''),
		coalesce(td.role,''), td.ordinal, coalesce(td.department,''), coalesce(td.mention,''),
		coalesce(sp.path,''), tb.attachment, tb.title, tb.ordinal, r.row_index, coalesce(k.page, 0)
		FROM tasks k JOIN documents d ON d.id = k.document_id
		LEFT JOIN task_departments td ON td.task_id = k.id
		LEFT JOIN sp ON sp.id = coalesce(k.section_id, ` + innermost("k") + `)
		LEFT JOIN table_rows r ON r.id = k.table_row_id
		LEFT JOIN tables tb ON tb.id = r.table_id
		ORDER BY d.source_path, d.part, d.id, k.char_start, k.id,
			CASE td.role WHEN 'lead' THEN 0 WHEN 'responsible' THEN 1 WHEN 'support' THEN 2 ELSE 3 END, td.ordinal`
	cols := append([]column(nil), docCols...)
	cols = append(cols, taskDeptCols...)
	return &sheet{
		name: sheetTaskDept,
		cols: cols,
		rows: stream(db, q, func(r *sql.Rows) ([]any, error) {
			var p, title, lbl, ktitle, role, dept, mention, path string
			var part, page int
			var ordinal sql.NullInt64
			var att, ttitle sql.NullString
			var ord, ri sql.NullInt64
			if err := r.Scan(&p, &part, &title, &lbl, &ktitle, &role, &ordinal, &dept, &mention, &path, &att, &ttitle, &ord, &ri, &page); err != nil {
				return nil, err
			}
			var o any
			if ordinal.Valid {
				o = ordinal.Int64
			}
			return []any{fileName(p), part, title, lbl, ktitle, roleWords(role), o, dept, mention, formatPath(path),
				tableSource("", att, ttitle, ord, ri), pageCell(sourceFrom(dir, p), page)}, nil
		}),
	}
}

func allTasksSheet(db *sql.DB) *sheet {
	q := sectionPaths + `SELECT d.source_path, d.part, coalesce(d.title,''), coalesce(k.label,''), coalesce(k.title,''),
		coalesce(td.role,''),
		coalesce(group_concat(td.department, '、' ORDER BY td.ordinal),''),
		coalesce(group_concat(td.mention, '、' ORDER BY td.ordinal),''),
		coalesce(sp.path,''), tb.attachment, tb.title, tb.ordinal, r.row_index
		FROM tasks k JOIN documents d ON d.id = k.document_id
		LEFT JOIN task_departments td ON td.task_id = k.id
		LEFT JOIN sp ON sp.id = coalesce(k.section_id, ` + innermost("k") + `)
		LEFT JOIN table_rows r ON r.id = k.table_row_id
		LEFT JOIN tables tb ON tb.id = r.table_id
		GROUP BY k.id, td.role
		ORDER BY d.source_path, d.part, d.id, k.char_start, k.id,
			CASE td.role WHEN 'lead' THEN 0 WHEN 'responsible' THEN 1 WHEN 'support' THEN 2 ELSE 3 END`
	cols := append([]column(nil), docCols...)
	cols = append(cols, taskCols[:len(taskCols)-1]...) // no task text: it would read every document's text per task
	return &sheet{
		name: sheetTasks,
		cols: cols,
		rows: stream(db, q, func(r *sql.Rows) ([]any, error) {
			var p, title, lbl, ktitle, role, depts, mentions, path string
			var part int
			var att, ttitle sql.NullString
			var ord, ri sql.NullInt64
			if err := r.Scan(&p, &part, &title, &lbl, &ktitle, &role, &depts, &mentions, &path, &att, &ttitle, &ord, &ri); err != nil {
				return nil, err
			}
			return []any{fileName(p), part, title, lbl, ktitle, roleWords(role), depts, mentions, formatPath(path),
				tableSource("", att, ttitle, ord, ri)}, nil
		}),
	}
}

func deptSheet(db *sql.DB) *sheet {
	const q = `SELECT td.department, coalesce(dp.jurisdiction,''),
		count(DISTINCT CASE WHEN td.role = 'lead' THEN td.task_id END) AS lead,
		count(DISTINCT CASE WHEN td.role = 'responsible' THEN td.task_id END),
		count(DISTINCT CASE WHEN td.role = 'support' THEN td.task_id END),
		count(DISTINCT td.task_id) AS total,
		count(DISTINCT k.document_id),
		coalesce((SELECT group_concat(value, '、') FROM json_each(dp.aliases_json)),'')
		FROM task_departments td JOIN tasks k ON k.id = td.task_id
		LEFT JOIN departments dp ON dp.name = td.department
		GROUP BY td.department
		ORDER BY lead DESC, total DESC, td.department`
	return &sheet{
		name: sheetDepts,
		cols: []column{{name: "部门", max: 44}, {name: "所属地区", max: 20}, {name: "牵头任务数"}, {name: "责任任务数"},
			{name: "配合任务数"}, {name: "任务合计"}, {name: "涉及文件数"}, {name: "原文写法", max: 60}},
		rows: stream(db, q, func(r *sql.Rows) ([]any, error) {
			var name, juris, aliases string
			var lead, resp, sup, total, docs int
			if err := r.Scan(&name, &juris, &lead, &resp, &sup, &total, &docs, &aliases); err != nil {
				return nil, err
			}
			return []any{name, juris, lead, resp, sup, total, docs, excerpt(aliases, 300)}, nil
		}),
	}
}

func allChecksSheet(db *sql.DB) *sheet {
	const q = `SELECT d.source_path, d.part, coalesce(d.title,''), c.kind, tb.attachment, tb.title, tb.ordinal, c.message
		FROM checks c JOIN documents d ON d.id = c.document_id
		LEFT JOIN tables tb ON tb.id = c.table_id
		ORDER BY d.source_path, d.part, d.id, c.char_start, c.id`
	cols := append([]column(nil), docCols...)
	cols = append(cols, column{name: "类型", max: 28}, column{name: "表格", max: 36}, column{name: "说明", max: wideText})
	return &sheet{
		name: sheetChecks,
		cols: cols,
		rows: stream(db, q, func(r *sql.Rows) ([]any, error) {
			var p, title, kind, msg string
			var part int
			var att, ttitle sql.NullString
			var ord sql.NullInt64
			if err := r.Scan(&p, &part, &title, &kind, &att, &ttitle, &ord, &msg); err != nil {
				return nil, err
			}
			tname := ""
			if ord.Valid {
				tname = tableName(att.String, ttitle.String, int(ord.Int64))
			}
			return []any{fileName(p), part, title, checkKindWords(kind), tname, msg}, nil
		}),
	}
}

// yearRow is one line of 年度指标.
type yearRow struct {
	year                                        int
	n, goal, funding, rate, thres, docs, quotas int
}

// Page geometry of 年度指标: a default row in points, the chart's height in
// pixels, and the printable height of a landscape A4 page in points (21 cm
// less the default margins and header/footer).
const (
	rowPoints   = 15
	chartHeight = 300
	pagePoints  = 470
)

// yearsSheet writes 年度指标 in the normal (not streamed) mode, which
// AddChart needs; it has one row per year, so it stays small.
func (w *writer) yearsSheet(db *sql.DB) error {
	ys, undated, err := readYears(db)
	if err != nil {
		return err
	}
	f := w.f
	hdr := []string{"期限年份", "指标数", "目标", "资金", "比例", "门槛", "涉及文件数", "其中表格分解"}
	hid, err := w.st.id(styleKey{header: true, wrap: true, border: true})
	if err != nil {
		return err
	}
	widths := make([]float64, len(hdr))
	for i, h := range hdr {
		widths[i] = displayWidth(h) + 4
	}
	name, err := w.normalSheet(sheetYears, hdr, hid, widths)
	if err != nil {
		return err
	}
	did, err := w.st.id(styleKey{})
	if err != nil {
		return err
	}
	gid, err := w.st.id(styleKey{border: true})
	if err != nil {
		return err
	}
	for i, y := range ys {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(name, ref, &[]any{y.year, y.n, y.goal, y.funding, y.rate, y.thres, y.docs, y.quotas}); err != nil {
			return err
		}
		end, _ := excelize.CoordinatesToCellName(len(hdr), i+2)
		if err := f.SetCellStyle(name, ref, end, gid); err != nil {
			return err
		}
	}
	last := len(ys) + 1
	if err := w.freezeHeader(name, len(hdr), last); err != nil {
		return err
	}
	note := fmt.Sprintf("无期限的指标：%d 条（不计入上表）", undated)
	ref, _ := excelize.CoordinatesToCellName(1, max(last, 2)+2)
	if err := f.SetCellStr(name, ref, note); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, ref, ref, did); err != nil {
		return err
	}
	if len(ys) == 0 {
		return nil
	}
	return w.yearsChart(name, hdr, last)
}

// readYears reads the targets counted by deadline year, a year without
// targets between two with targets given as a row of zeros, and the count
// of targets without a deadline year.
func readYears(db *sql.DB) ([]yearRow, int, error) {
	rows, err := db.Query(`SELECT CAST(substr(deadline,1,4) AS INTEGER) AS y, count(*),
		sum(kind = 'goal'), sum(kind = 'funding'), sum(kind = 'rate'), sum(kind = 'threshold'), count(DISTINCT document_id),
		sum(source = 'table')
		FROM targets WHERE deadline GLOB '[0-9][0-9][0-9][0-9]*' GROUP BY y ORDER BY y`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var ys []yearRow
	for rows.Next() {
		var y yearRow
		if err := rows.Scan(&y.year, &y.n, &y.goal, &y.funding, &y.rate, &y.thres, &y.docs, &y.quotas); err != nil {
			return nil, 0, err
		}
		ys = append(ys, y)
	}
	rows.Close() // before the next query: the database may have one connection
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var undated int
	if err := db.QueryRow(`SELECT count(*) FROM targets WHERE deadline IS NULL OR deadline NOT GLOB '[0-9][0-9][0-9][0-9]*'`).Scan(&undated); err != nil {
		return nil, 0, err
	}
	// A year without targets is shown as 0, so the chart's axis is honest.
	if len(ys) > 1 && ys[len(ys)-1].year-ys[0].year < 60 {
		var full []yearRow
		for i, y := range ys {
			if i > 0 {
				for g := ys[i-1].year + 1; g < y.year; g++ {
					full = append(full, yearRow{year: g})
				}
			}
			full = append(full, y)
		}
		ys = full
	}
	return ys, undated, nil
}

// yearsChart draws the targets per year of 年度指标 (header hdr, data down
// to row last) below the table.
func (w *writer) yearsChart(name string, hdr []string, last int) error {
	f := w.f
	// Below the table and as wide as it, so that it prints with it.
	px := 0.0
	for _, h := range hdr {
		px += (displayWidth(h) + 4) * 7.5
	}
	chartRow := max(last, 2) + 4
	at, _ := excelize.CoordinatesToCellName(1, chartRow)
	// The chart must not straddle a page: when the table above and the
	// chart do not fit one landscape A4 page, the chart starts a new one.
	if float64(chartRow-1)*rowPoints+chartHeight*0.75 > pagePoints {
		if err := f.InsertPageBreak(name, at); err != nil {
			return err
		}
	}
	q := "'" + name + "'!"
	axis := excelize.Font{Family: fontName, Color: "404040"}
	// AddChart declares the image types in map order: sort them, so the
	// same database gives the same file.
	defer func() {
		if ct := f.ContentTypes; ct != nil {
			sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
		}
	}()
	return f.AddChart(name, at, &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       q + "$B$1",
			Categories: fmt.Sprintf("%s$A$2:$A$%d", q, last),
			Values:     fmt.Sprintf("%s$B$2:$B$%d", q, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "各年份到期的指标数", Font: &excelize.Font{Family: fontName, Size: 12, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: uint(max(px, 480)), Height: chartHeight},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		XAxis:     excelize.ChartAxis{Font: axis},
		YAxis:     excelize.ChartAxis{Font: axis, MajorGridLines: true},
	})
}
