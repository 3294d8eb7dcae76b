package xlsx

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"policyx/schema"
)

// linksMarker opens the references block at the bottom of 概览; it is
// rewritten from there down once the batch's references are resolved.
const linksMarker = "引用关系"

// linkLine is one line of the references block of 概览.
type linkLine struct {
	part     int
	incoming bool   // another document cites this one
	kind     string // schema.Link* kind
	role     string
	title    string // what is cited (or, incoming, the citing document's title)
	number   string
	other    string // the other document's file (and part), "" when not in the database
	book     string // its workbook file name, "" when none
}

func linkText(l linkLine) string {
	s := l.title
	if s != "" && !strings.HasPrefix(s, "《") {
		s = "《" + s + "》"
	}
	if l.number != "" {
		s += "（" + l.number + "）"
	}
	if s == "" {
		s = "（附件，所属通知未找到）"
	}
	return s
}

func linkLineKind(l linkLine) string {
	w := strings.SplitN(linkKindWords(l.kind), "（", 2)[0]
	if l.kind == schema.LinkAttachmentOf {
		if (l.role == schema.RoleAttachment) != l.incoming {
			return "是其附件"
		}
		return "所附附件"
	}
	if l.incoming {
		return "被" + w
	}
	return w
}

// writeTimeLinks are the document's own references as extracted, before
// the batch resolves them.
func writeTimeLinks(docs []*schema.Document) []linkLine {
	var out []linkLine
	for _, d := range docs {
		for _, l := range d.Links {
			title := l.Title
			if l.Role == schema.RoleAttachment {
				title = ""
			}
			if l.Role == schema.RoleNotice {
				title = l.Attachment
			}
			out = append(out, linkLine{part: d.Part, kind: l.Kind, role: l.Role, title: title, number: l.Number})
		}
	}
	return out
}

// overviewLinkRows writes the references block: what the document cites,
// and (after resolution) what cites it, with links to the other workbooks.
func overviewLinkRows(ls []linkLine, multi bool, yield func(row) error) error {
	if err := yield(row{}); err != nil {
		return err
	}
	if err := yield(row{cells: []any{label(linksMarker), label("所引 / 引用本文件的文件"), label("关系"), label("对应文件"), label("")}}); err != nil {
		return err
	}
	if len(ls) == 0 {
		return yield(row{cells: []any{"", "（无）"}})
	}
	for _, l := range ls {
		dir := "所引"
		switch {
		case l.kind == schema.LinkAttachmentOf:
			dir = "附件"
		case l.incoming:
			dir = "引用本文件"
		}
		if multi {
			dir = fmt.Sprintf("第%d部分 %s", l.part, dir)
		}
		var other any = l.other
		if l.other == "" {
			other = "（不在库中）"
		} else if l.book != "" {
			other = link{text: l.other, target: l.book}
		}
		if err := yield(row{cells: []any{dir, linkText(l), linkLineKind(l), other}}); err != nil {
			return err
		}
	}
	return nil
}

type docRef struct {
	id            int64
	path, book    string
	part          int
	title, number string
}

// UpdateLinks rewrites the references block of 概览 in the workbooks whose
// references the batch resolved: those of the files in changed (source
// paths written by this run) with a resolved reference either way, and the
// earlier workbooks such a reference points to or comes from. dir is the
// workbooks' folder. Workbooks are rewritten through a temporary file, by
// up to workers goroutines; a workbook that cannot be rewritten keeps its
// block and is reported in the error.
func UpdateLinks(db *sql.DB, dir string, changed map[string]bool, workers int) error {
	docs := map[int64]*docRef{}
	rows, err := db.Query(`SELECT id, source_path, coalesce(workbook,''), part, coalesce(title,''), coalesce(doc_number,'') FROM documents
		WHERE id IN (SELECT document_id FROM document_links WHERE target_document_id IS NOT NULL
		UNION SELECT target_document_id FROM document_links WHERE target_document_id IS NOT NULL)`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var d docRef
		if err := rows.Scan(&d.id, &d.path, &d.book, &d.part, &d.title, &d.number); err != nil {
			rows.Close()
			return err
		}
		docs[d.id] = &d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// which workbooks: a resolved link with one end written now
	books := map[string]bool{}
	lrows, err := db.Query(`SELECT document_id, target_document_id FROM document_links WHERE target_document_id IS NOT NULL`)
	if err != nil {
		return err
	}
	for lrows.Next() {
		var a, b int64
		if err := lrows.Scan(&a, &b); err != nil {
			lrows.Close()
			return err
		}
		da, db2 := docs[a], docs[b]
		if da == nil || db2 == nil || !(changed[da.path] || changed[db2.path]) {
			continue
		}
		for _, d := range []*docRef{da, db2} {
			if d.book != "" {
				books[d.book] = true
			}
		}
	}
	lrows.Close()
	if err := lrows.Err(); err != nil {
		return err
	}
	if len(books) == 0 {
		return nil
	}
	names := make([]string, 0, len(books))
	for b := range books {
		names = append(names, b)
	}
	sort.Strings(names)
	// the lines of every workbook, read before any is rewritten (one
	// connection: no query while another is read)
	lines := map[string][]linkLine{}
	multi := map[string]bool{}
	for _, b := range names {
		ls, m, err := bookLines(db, b)
		if err != nil {
			return err
		}
		lines[b], multi[b] = ls, m
	}
	if workers < 1 {
		workers = 1
	}
	var mu sync.Mutex
	var errs []string
	jobs := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				if err := rewriteOverviewLinks(filepath.Join(dir, b), lines[b], multi[b]); err != nil {
					mu.Lock()
					errs = append(errs, err.Error())
					mu.Unlock()
				}
			}
		}()
	}
	for _, b := range names {
		jobs <- b
	}
	close(jobs)
	wg.Wait()
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("%d workbooks keep their unresolved references: %s", len(errs), errs[0])
	}
	return nil
}

// bookLines reads the references of every document of one workbook, both
// ways, in part and text order.
func bookLines(db *sql.DB, book string) ([]linkLine, bool, error) {
	const q = `SELECT d.part, 0, l.kind, coalesce(l.role,''),
			CASE WHEN l.role = 'notice' THEN coalesce(l.attachment,'') ELSE coalesce(l.cited_title,'') END,
			coalesce(l.cited_number,''), coalesce(t.source_path,''), coalesce(t.part,0), coalesce(t.workbook,''), coalesce(l.char_start,0), l.id
		FROM documents d JOIN document_links l ON l.document_id = d.id LEFT JOIN documents t ON t.id = l.target_document_id
		WHERE d.workbook = ?
		UNION ALL
		SELECT d.part, 1, l.kind, coalesce(l.role,''),
			CASE WHEN l.role = 'attachment' THEN coalesce(l.attachment, s.title, '') ELSE coalesce(s.title,'') END,
			CASE WHEN l.role = 'attachment' THEN '' ELSE coalesce(s.doc_number,'') END, s.source_path, s.part,
			coalesce(s.workbook,''), 0, l.id
		FROM documents d JOIN document_links l ON l.target_document_id = d.id JOIN documents s ON s.id = l.document_id
		WHERE d.workbook = ?
		ORDER BY 1, 2, 10, 11`
	rows, err := db.Query(q, book, book)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var out []linkLine
	parts := map[int]bool{}
	for rows.Next() {
		var l linkLine
		var in, opart int
		var opath, obook string
		var start, id int64
		if err := rows.Scan(&l.part, &in, &l.kind, &l.role, &l.title, &l.number, &opath, &opart, &obook, &start, &id); err != nil {
			return nil, false, err
		}
		l.incoming = in == 1
		parts[l.part] = true
		if opath != "" {
			l.other = fileName(opath)
			if opart > 1 {
				l.other = fmt.Sprintf("%s 第%d部分", l.other, opart)
			}
			if obook != "" && obook != book {
				l.book = obook
			}
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM documents WHERE workbook = ?`, book).Scan(&n); err != nil {
		return nil, false, err
	}
	return out, n > 1, nil
}

// rewriteOverviewLinks replaces the references block of a workbook's 概览.
func rewriteOverviewLinks(path string, ls []linkLine, multi bool) error {
	if _, err := os.Stat(path); err != nil {
		return nil // no workbook (failed file, -no-xlsx run): nothing to update
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	f.SetZipWriter(fastZip)
	rows, err := f.GetRows(sheetOverview)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	marker := -1
	for i := len(rows) - 1; i >= 0; i-- {
		if len(rows[i]) > 0 && rows[i][0] == linksMarker {
			marker = i + 1 // 1-based
			break
		}
	}
	if marker < 0 {
		return fmt.Errorf("%s: no %s block in %s", path, linksMarker, sheetOverview)
	}
	hdrStyle, _ := f.GetCellStyle(sheetOverview, fmt.Sprintf("A%d", marker))
	dataStyle, _ := f.GetCellStyle(sheetOverview, fmt.Sprintf("B%d", marker+1))
	for r := len(rows); r > marker; r-- {
		if err := f.RemoveRow(sheetOverview, r); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	linkStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontName, Size: 11, Color: "0563C1", Underline: "single"},
		Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	r := marker + 1
	var collect []row
	_ = overviewLinkRows(ls, multi, func(x row) error { collect = append(collect, x); return nil })
	// the first two rows are the blank row and the header, already there
	for _, x := range collect[2:] {
		for c, v := range x.cells {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			switch v := v.(type) {
			case link:
				if err := f.SetCellStr(sheetOverview, ref, v.text); err != nil {
					return err
				}
				tip := v.target
				if err := f.SetCellHyperLink(sheetOverview, ref, v.target, "External", excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
					return err
				}
				if err := f.SetCellStyle(sheetOverview, ref, ref, linkStyle); err != nil {
					return err
				}
				continue
			default:
				if err := f.SetCellStr(sheetOverview, ref, cellText(v)); err != nil {
					return err
				}
			}
			if dataStyle != 0 {
				if err := f.SetCellStyle(sheetOverview, ref, ref, dataStyle); err != nil {
					return err
				}
			}
		}
		r++
	}
	_ = hdrStyle
	return save(f, path)
}
