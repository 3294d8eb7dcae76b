package xlsx

import (
	"archive/zip"
	"database/sql"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

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
	// the E cell links to the summary's 引用关系; it also gives the workbook
	// the link style the rewrite after the batch uses
	if err := yield(row{cells: []any{label(linksMarker), label("所引 / 引用本文件的文件"), label("关系"), label("对应文件"),
		link{text: "汇总表 引用关系", target: "summary.xlsx"}}}); err != nil {
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
	books := map[string]string{} // workbook → its source path
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
				books[d.book] = d.path
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
		ls, m, err := bookLines(db, books[b], b)
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
func bookLines(db *sql.DB, path, book string) ([]linkLine, bool, error) {
	const q = `SELECT d.part, 0, l.kind, coalesce(l.role,''),
			CASE WHEN l.role = 'notice' THEN coalesce(l.attachment,'') ELSE coalesce(l.cited_title,'') END,
			coalesce(l.cited_number,''), coalesce(t.source_path,''), coalesce(t.part,0), coalesce(t.workbook,''), coalesce(l.char_start,0), l.id
		FROM documents d JOIN document_links l ON l.document_id = d.id LEFT JOIN documents t ON t.id = l.target_document_id
		WHERE d.source_path = ?
		UNION ALL
		SELECT d.part, 1, l.kind, coalesce(l.role,''),
			CASE WHEN l.role = 'attachment' THEN coalesce(l.attachment, s.title, '') ELSE coalesce(s.title,'') END,
			CASE WHEN l.role = 'attachment' THEN '' ELSE coalesce(s.doc_number,'') END, s.source_path, s.part,
			coalesce(s.workbook,''), 0, l.id
		FROM documents d JOIN document_links l ON l.target_document_id = d.id JOIN documents s ON s.id = l.document_id
		WHERE d.source_path = ?
		ORDER BY 1, 2, 10, 11`
	// by source_path (indexed): workbook is a late column, reading it
	// means reading past each document's text
	rows, err := db.Query(q, path, path)
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
	if err := db.QueryRow(`SELECT count(*) FROM documents WHERE source_path = ?`, path).Scan(&n); err != nil {
		return nil, false, err
	}
	return out, n > 1, nil
}

// rewriteOverviewLinks replaces the references block of a workbook's 概览
// in place: the sheet's XML from the block's header row to the end of its
// rows is written anew (HYPERLINK cells, the styles of the block as
// written), every other part of the file is copied as it is. Opening and
// saving the whole workbook would cost ten times as much.
func rewriteOverviewLinks(path string, ls []linkLine, multi bool) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil // no workbook (failed file, -no-xlsx run): nothing to update
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	sheetPath, err := overviewPart(&zr.Reader)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var sheetXML []byte
	for _, f := range zr.File {
		if f.Name == sheetPath {
			if sheetXML, err = readZipFile(f, 64<<20); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	if sheetXML == nil {
		return fmt.Errorf("%s: no %s", path, sheetPath)
	}
	out, err := replaceLinkRows(string(sheetXML), ls, multi)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if out == string(sheetXML) {
		return nil // the block says this already: the file stays as it is
	}
	return replaceFile(path, func(tmp io.Writer) error {
		zw := zip.NewWriter(tmp)
		for _, f := range zr.File {
			if f.Name != sheetPath {
				if err := zw.Copy(f); err != nil {
					return err
				}
				continue
			}
			w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
			if err != nil {
				return err
			}
			if _, err := io.WriteString(w, out); err != nil {
				return err
			}
		}
		return zw.Close()
	})
}

func readZipFile(f *zip.File, max int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: larger than %d bytes", f.Name, max)
	}
	return b, nil
}

var (
	reSheetEntry = regexp.MustCompile(`<sheet [^>]*name="` + sheetOverview + `"[^>]*r:id="([^"]+)"`)
	reRelEntry   = regexp.MustCompile(`<Relationship [^>]*>`)
	reRelID      = regexp.MustCompile(`Id="([^"]+)"`)
	reRelTarget  = regexp.MustCompile(`Target="([^"]+)"`)
	reCellStyle  = regexp.MustCompile(`<c r="([A-Z]+)[0-9]+"[^>]*? s="([0-9]+)"[^>]*>`)
	reAutoFilter = regexp.MustCompile(`(<autoFilter ref="\$?A\$?1:\$?[A-Z]+\$?)[0-9]+"`)
	reDimension  = regexp.MustCompile(`(<dimension ref="A1:[A-Z]+)[0-9]+"`)
)

// overviewPart finds the zip part of the 概览 sheet.
func overviewPart(zr *zip.Reader) (string, error) {
	var wb, rels []byte
	for _, f := range zr.File {
		var err error
		switch f.Name {
		case "xl/workbook.xml":
			wb, err = readZipFile(f, 8<<20)
		case "xl/_rels/workbook.xml.rels":
			rels, err = readZipFile(f, 8<<20)
		}
		if err != nil {
			return "", err
		}
	}
	m := reSheetEntry.FindSubmatch(wb)
	if m == nil {
		return "", fmt.Errorf("no sheet %s", sheetOverview)
	}
	for _, r := range reRelEntry.FindAll(rels, -1) {
		id, t := reRelID.FindSubmatch(r), reRelTarget.FindSubmatch(r)
		if id == nil || t == nil || string(id[1]) != string(m[1]) {
			continue
		}
		target := string(t[1])
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(target, "/"), nil
		}
		return "xl/" + target, nil
	}
	return "", fmt.Errorf("no part for sheet %s", sheetOverview)
}

// replaceLinkRows rewrites the rows after the block's header row.
func replaceLinkRows(x string, ls []linkLine, multi bool) (string, error) {
	k := strings.LastIndex(x, "<t>"+linksMarker+"</t>")
	if k < 0 {
		return "", fmt.Errorf("no %s block in %s", linksMarker, sheetOverview)
	}
	rs := strings.LastIndex(x[:k], "<row ")
	re := strings.Index(x[k:], "</row>")
	end := strings.Index(x, "</sheetData>")
	if rs < 0 || re < 0 || end < k {
		return "", fmt.Errorf("%s: malformed sheet", sheetOverview)
	}
	re += k + len("</row>")
	var hdrRow int
	if _, err := fmt.Sscanf(x[rs:], `<row r="%d"`, &hdrRow); err != nil {
		return "", fmt.Errorf("%s: row number: %w", sheetOverview, err)
	}
	styles := map[string]string{} // column → style of the block as written
	for _, m := range reCellStyle.FindAllStringSubmatch(x[rs:re], -1) {
		if m[1] == "E" {
			styles["link"] = m[2]
		}
	}
	old := x[re:end]
	for _, m := range reCellStyle.FindAllStringSubmatch(old, 200) {
		if strings.Contains(m[0], `t="str"`) {
			continue // a HYPERLINK cell of an earlier rewrite
		}
		if _, ok := styles[m[1]]; !ok {
			styles[m[1]] = m[2]
		}
	}
	var rows []row
	_ = overviewLinkRows(ls, multi, func(r row) error { rows = append(rows, r); return nil })
	var b strings.Builder
	n := hdrRow
	for _, r := range rows[2:] { // the blank row and the header stay
		n++
		fmt.Fprintf(&b, `<row r="%d">`, n)
		for c, v := range r.cells {
			col := string(rune('A' + c))
			st := styles[col]
			if st == "" {
				st = styles["B"]
			}
			attr := ""
			switch v := v.(type) {
			case link:
				if s := styles["link"]; s != "" {
					attr = ` s="` + s + `"`
				} else if st != "" {
					attr = ` s="` + st + `"`
				}
				formula := `HYPERLINK("` + strings.ReplaceAll(v.target, `"`, `""`) + `","` + strings.ReplaceAll(v.text, `"`, `""`) + `")`
				fmt.Fprintf(&b, `<c r="%s%d"%s t="str"><f>%s</f><v>%s</v></c>`, col, n, attr, xmlEscape(formula), xmlEscape(v.text))
				continue
			}
			if st != "" {
				attr = ` s="` + st + `"`
			}
			fmt.Fprintf(&b, `<c r="%s%d"%s t="inlineStr"><is><t>%s</t></is></c>`, col, n, attr, xmlEscape(cellText(v)))
		}
		b.WriteString(`</row>`)
	}
	out := x[:re] + b.String() + x[end:]
	out = reAutoFilter.ReplaceAllString(out, "${1}"+strconv.Itoa(n)+`"`)
	out = reDimension.ReplaceAllString(out, "${1}"+strconv.Itoa(n)+`"`)
	return out, nil
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
