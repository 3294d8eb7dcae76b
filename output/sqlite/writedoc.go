package sqlite

import (
	"database/sql"

	"policyx/normalize/numbers"
	"policyx/schema"
)

// docWriter writes the rows of one document inside a transaction: the
// document, then its sections, tables, checks, targets, tasks, links and
// diagnostics, each table's rows pointing at the ids written before it.
type docWriter struct {
	tx    *wtx
	doc   *schema.Document
	num   *numbers.Parser
	depts map[string]*deptAgg
	off   *schema.Offsets
	pg    *schema.Pager

	docID  int64
	secIDs []int64
	tabIDs []int64
	rowIDs [][]int64
}

func writeDoc(tx *wtx, doc *schema.Document, depts map[string]*deptAgg, fts *ftsQueue, keys rowKeys, num *numbers.Parser) error {
	w := &docWriter{tx: tx, doc: doc, num: num, depts: depts, off: schema.NewOffsets(doc.Text), pg: schema.NewPager(doc)}
	if err := w.document(fts, keys); err != nil {
		return err
	}
	for _, step := range []func() error{w.sections, w.tables, w.checks, w.targets, w.tasks,
		func() error { return writeLinks(tx, w.docID, doc, w.cs) }, w.diagnostics} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// cs returns the code-point offsets of sp (NULLs for an empty document).
func (w *docWriter) cs(sp schema.Span) (any, any) {
	if sp == (schema.Span{}) && w.doc.Text == "" {
		return nil, nil
	}
	return w.off.Rune(sp.Start), w.off.Rune(sp.End)
}

// secID, tabID and rowID return the stored id of a section, table or table
// row by its index in the document, NULL when there is none.
func (w *docWriter) secID(i int) any {
	if i >= 0 && i < len(w.secIDs) {
		return w.secIDs[i]
	}
	return nil
}

func (w *docWriter) tabID(t int) any {
	if t >= 0 && t < len(w.tabIDs) {
		return w.tabIDs[t]
	}
	return nil
}

func (w *docWriter) rowID(t, r int) any {
	if t >= 0 && t < len(w.rowIDs) && r >= 0 && r < len(w.rowIDs[t]) {
		return w.rowIDs[t][r]
	}
	return nil
}

func (w *docWriter) document(fts *ftsQueue, keys rowKeys) error {
	doc := w.doc
	status := doc.Status
	if status == "" {
		status = schema.StatusOK
	}
	var nPages, pageStart, pageEnd any
	if w.pg.Max > 0 {
		nPages, pageStart, pageEnd = w.pg.Max, w.pg.Min, w.pg.Max
	}
	res, err := w.tx.Exec(`INSERT INTO documents (source_path, source_sha256, part, format, title, doc_number, issuer, issue_date,
		jurisdiction, status, error, text, n_pages, workbook, id, run_id, page_start, page_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		text(doc.Path), doc.SHA256, doc.Part, string(doc.Format), null(doc.Meta.Title), null(doc.Meta.DocNumber),
		null(doc.Meta.Issuer), null(doc.Meta.IssueDate), null(doc.Meta.Jurisdiction), string(status), null(doc.Err),
		text(doc.Text), nPages, null(doc.Workbook), keys.idArg(), keys.runArg(), pageStart, pageEnd)
	if err != nil {
		return err
	}
	w.docID, _ = res.LastInsertId()
	if fts != nil {
		fts.add(w.docID, text(doc.Text), doc.Tokens)
	}
	return nil
}

func (w *docWriter) sections() error {
	w.secIDs = make([]int64, len(w.doc.Sections))
	stmt, err := w.tx.Prepare(`INSERT INTO sections (document_id, parent_id, level, label, title, char_start, char_end) VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	for i, s := range w.doc.Sections {
		var parent any
		if s.Parent >= 0 && s.Parent < i {
			parent = w.secIDs[s.Parent]
		}
		a, b := w.cs(s.Span)
		r, err := stmt.Exec(w.docID, parent, s.Level, null(s.Label), null(s.Title), a, b)
		if err != nil {
			return err
		}
		w.secIDs[i], _ = r.LastInsertId()
	}
	return nil
}

func (w *docWriter) tables() error {
	w.tabIDs = make([]int64, len(w.doc.Tables))
	w.rowIDs = make([][]int64, len(w.doc.Tables))
	rowStmt, err := w.tx.Prepare(`INSERT INTO table_rows (table_id, row_index, seq, group_label, is_total, cells_json, char_start, char_end, page, page_end) VALUES (?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	cellStmt, err := w.tx.Prepare(`INSERT INTO table_cells (table_id, row_id, col, header, value, norm_value, norm_unit) VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	for i, t := range w.doc.Tables {
		a, b := w.cs(t.Span)
		ord := t.Ordinal
		if ord == 0 {
			ord = i + 1
		}
		p0, p1 := pages(w.pg, t.Span)
		r, err := w.tx.Exec(`INSERT INTO tables (document_id, ordinal, attachment, title, unit_note, note, header_json, n_rows, char_start, char_end, page, page_end)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, w.docID, ord, null(t.Attachment), null(t.Title), null(t.UnitNote), null(t.Note),
			jsonStrings(t.Header), len(t.Rows), a, b, p0, p1)
		if err != nil {
			return err
		}
		w.tabIDs[i], _ = r.LastInsertId()
		if err := w.tableRows(rowStmt, cellStmt, i, t); err != nil {
			return err
		}
	}
	return nil
}

// tableRows writes the rows and cells of table i.
func (w *docWriter) tableRows(rowStmt, cellStmt *sql.Stmt, i int, t schema.Table) error {
	w.rowIDs[i] = make([]int64, len(t.Rows))
	for j, row := range t.Rows {
		a, b := w.cs(row.Span)
		total := 0
		if row.IsTotal {
			total = 1
		}
		p0, p1 := pages(w.pg, row.Span)
		r, err := rowStmt.Exec(w.tabIDs[i], j, null(row.Seq), null(row.Group), total, jsonStrings(row.Cells), a, b, p0, p1)
		if err != nil {
			return err
		}
		w.rowIDs[i][j], _ = r.LastInsertId()
		if err := writeCells(cellStmt, w.num, w.tabIDs[i], w.rowIDs[i][j], t, row); err != nil {
			return err
		}
	}
	return nil
}

func (w *docWriter) checks() error {
	for _, c := range w.doc.Checks {
		a, b := w.cs(c.Span)
		if _, err := w.tx.Exec(`INSERT INTO checks (document_id, table_id, kind, message, char_start, char_end) VALUES (?,?,?,?,?,?)`,
			w.docID, w.tabID(c.Table), c.Kind, text(c.Message), a, b); err != nil {
			return err
		}
	}
	return nil
}

func (w *docWriter) targets() error {
	doc := w.doc
	stmt, err := w.tx.Prepare(`INSERT INTO targets (document_id, section_id, kind, subject, value, unit, norm_value, norm_unit,
		comparator, deadline, period, scope, sentence, char_start, char_end, source, table_row_id, entity, page, page_end, sentence_start, sentence_end)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	for _, t := range doc.Targets {
		a, b := w.cs(t.Span)
		src := t.Source
		if src == "" {
			src = "text"
		}
		p0, p1 := pages(w.pg, t.Span)
		if t.Span == (schema.Span{}) && t.Source == "table" && t.Table >= 0 && t.Table < len(doc.Tables) &&
			t.Row >= 0 && t.Row < len(doc.Tables[t.Table].Rows) {
			p0, p1 = pages(w.pg, doc.Tables[t.Table].Rows[t.Row].Span)
		}
		sent, sp := schema.ExactSentence(doc, t)
		var s0, s1 any
		if sp.End > sp.Start {
			s0, s1 = w.off.Rune(sp.Start), w.off.Rune(sp.End)
		}
		if _, err := stmt.Exec(w.docID, w.secID(t.Section), t.Kind, null(t.Subject), null(t.Value), null(t.Unit), t.NormValue,
			null(t.NormUnit), null(t.Comparator), null(t.Deadline), null(t.Period), null(t.Scope), null(sent), a, b,
			src, w.rowID(t.Table, t.Row), null(t.Entity), p0, p1, s0, s1); err != nil {
			return err
		}
	}
	return nil
}

func (w *docWriter) tasks() error {
	depStmt, err := w.tx.Prepare(`INSERT OR IGNORE INTO task_departments (task_id, role, ordinal, mention, department) VALUES (?,?,?,?,?)`)
	if err != nil {
		return err
	}
	for _, t := range w.doc.Tasks {
		a, b := w.cs(t.Span)
		p0, p1 := pages(w.pg, t.Span)
		r, err := w.tx.Exec(`INSERT INTO tasks (document_id, section_id, label, title, char_start, char_end, table_row_id, page, page_end) VALUES (?,?,?,?,?,?,?,?,?)`,
			w.docID, w.secID(t.Section), null(t.Label), null(t.Title), a, b, w.rowID(t.Table, t.Row), p0, p1)
		if err != nil {
			return err
		}
		taskID, _ := r.LastInsertId()
		if err := w.taskDepartments(depStmt, taskID, t); err != nil {
			return err
		}
	}
	return nil
}

// taskDepartments writes the departments of one task and gathers their
// mentions for the departments table.
func (w *docWriter) taskDepartments(stmt *sql.Stmt, taskID int64, t schema.Task) error {
	for k, dp := range t.Departments {
		ord := dp.Ordinal
		if ord == 0 {
			ord = k + 1
		}
		if _, err := stmt.Exec(taskID, dp.Role, ord, text(dp.Mention), text(dp.Department)); err != nil {
			return err
		}
		ag := w.depts[dp.Department]
		if ag == nil {
			ag = &deptAgg{juris: dp.Jurisdiction, mentions: map[string]bool{}}
			w.depts[dp.Department] = ag
		}
		ag.mentions[dp.Mention] = true
	}
	return nil
}

func (w *docWriter) diagnostics() error {
	stmt, err := w.tx.Prepare(`INSERT INTO diagnostics (document_id, severity, stage, page, char_start, char_end, message) VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	for _, dg := range w.doc.Diagnostics {
		var a, b, page any
		if dg.Span != (schema.Span{}) {
			a, b = w.cs(dg.Span)
		}
		if dg.Page > 0 {
			page = dg.Page
		}
		if _, err := stmt.Exec(w.docID, dg.Severity.String(), dg.Stage, page, a, b, text(dg.Message)); err != nil {
			return err
		}
	}
	return nil
}
