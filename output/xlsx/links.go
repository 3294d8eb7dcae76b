package xlsx

import (
	"database/sql"
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"

	"policyx/schema"
)

// Sheet names of the references in summary.xlsx.
const (
	sheetLinks = "引用关系"
	sheetPairs = "上下级对照"
)

// maxPairRows caps 上下级对照 (written in the normal mode for its colours).
const maxPairRows = 20000

func linkKindWords(k string) string {
	switch k {
	case schema.LinkCites:
		return "引用（cites）"
	case schema.LinkImplements:
		return "贯彻落实（implements）"
	case schema.LinkRepeals:
		return "废止（repeals）"
	case schema.LinkAmends:
		return "修订（amends）"
	case schema.LinkAttachmentOf:
		return "附件（attachment_of）"
	}
	return k
}

func resolvedWords(by string) string {
	switch by {
	case "number":
		return "按文号"
	case "title":
		return "按标题"
	case "attachment":
		return "按附件标题"
	}
	return "未找到"
}

func relationWords(r string) string {
	switch r {
	case "same":
		return "持平"
	case "raised":
		return "提高"
	case "lowered":
		return "降低"
	}
	return r
}

func basisWords(b string) string {
	switch b {
	case "quota":
		return "上级分解表"
	case "scope":
		return "上级对本地的目标"
	case "link":
		return "所引上级文件"
	}
	return b
}

// linksSheet is 引用关系: every reference of the database, resolved or not,
// with a link to the workbook of the document it names.
func linksSheet(db *sql.DB, books map[string]string) *sheet {
	const q = `SELECT d.source_path, d.part, coalesce(d.title,''), l.kind, coalesce(l.role,''), coalesce(l.cited_title,''),
		coalesce(l.cited_number,''), coalesce(l.attachment,''), coalesce(l.resolved_by,''),
		coalesce(t.source_path,''), coalesce(t.part,0), coalesce(t.title,''), coalesce(l.sentence,'')
		FROM document_links l JOIN documents d ON d.id = l.document_id
		LEFT JOIN documents t ON t.id = l.target_document_id
		ORDER BY d.source_path, d.part, d.id, l.char_start, l.id`
	cols := append([]column(nil), docCols...)
	cols = append(cols, column{name: "类型", max: 24}, column{name: "所引标题", max: 40}, column{name: "所引文号", max: 24},
		column{name: "附件", max: 30}, column{name: "对应文件", max: 30}, column{name: "对应文件标题", max: titleWidth},
		column{name: "匹配方式", max: 12}, column{name: "原句", max: wideText})
	return &sheet{
		name: sheetLinks,
		cols: cols,
		rows: stream(db, q, func(r *sql.Rows) ([]any, error) {
			var p, title, kind, role, ctitle, cnum, att, by, tp, ttitle, sent string
			var part, tpart int
			if err := r.Scan(&p, &part, &title, &kind, &role, &ctitle, &cnum, &att, &by, &tp, &tpart, &ttitle, &sent); err != nil {
				return nil, err
			}
			k := linkKindWords(kind)
			if kind == schema.LinkAttachmentOf {
				if role == schema.RoleAttachment {
					k = "是其附件（attachment_of）"
				} else {
					k = "所附附件（attachment_of）"
				}
			}
			var target any = ""
			if tp != "" {
				name := fileName(tp)
				if tpart > 1 {
					name = fmt.Sprintf("%s 第%d部分", name, tpart)
				}
				target = name
				if b, ok := books[tp]; ok {
					target = link{text: name, target: b}
				}
			}
			return []any{fileName(p), part, title, k, ctitle, cnum, att, target, ttitle, resolvedWords(by), excerpt(sent, 300)}, nil
		}),
	}
}

type pairRow struct {
	indicator, unit, basis, relation   string
	year                               int
	upPath, upTitle, lowPath, lowTitle string
	upPart, lowPart                    int
	up, low                            float64
	upVal, lowVal, upSent, lowSent     string
	upEntity                           string
}

// pairsSheet writes 上下级对照 in the normal mode: the difference cell is
// green where the lower document raised the higher one's number, orange
// where it lowered it.
func (w *writer) pairsSheet(db *sql.DB, books map[string]string) error {
	ps, err := readPairRows(db)
	if err != nil {
		return err
	}
	hdr := []string{"指标", "年份", "单位", "上级文件", "上级文件标题", "上级数值", "下级文件", "下级文件标题", "下级数值", "差值（下级−上级）", "关系", "依据", "上级原句", "下级原句"}
	widths := []float64{24, 8, 8, 24, 30, 12, 24, 30, 12, 14, 8, 16, 50, 50}
	hid, err := w.st.id(styleKey{header: true, wrap: true})
	if err != nil {
		return err
	}
	name, err := w.normalSheet(sheetPairs, hdr, hid, widths)
	if err != nil {
		return err
	}
	sh := &pairSheet{w: w, name: name, books: books, ncol: len(hdr)}
	if err := sh.styles(); err != nil {
		return err
	}
	for i, x := range ps {
		if err := sh.row(i+2, x); err != nil {
			return err
		}
	}
	if err := w.freezeHeader(name, len(hdr), len(ps)+1); err != nil {
		return err
	}
	if len(ps) == 0 {
		ref, _ := excelize.CoordinatesToCellName(1, 3)
		return w.f.SetCellStr(name, ref, "（没有上下级文件对同一指标、同一年份的目标）")
	}
	return nil
}

// readPairRows reads the rows of 上下级对照 (at most maxPairRows).
func readPairRows(db *sql.DB) ([]pairRow, error) {
	rows, err := db.Query(`SELECT coalesce(p.indicator,''), coalesce(p.unit,''), coalesce(p.basis,''), coalesce(p.relation,''),
		coalesce(p.year,0), du.source_path, du.part, coalesce(du.title,''), dl.source_path, dl.part, coalesce(dl.title,''),
		coalesce(p.upper_value,0), coalesce(p.lower_value,0), coalesce(u.value,''), coalesce(l.value,''),
		coalesce(u.sentence,''), coalesce(l.sentence,''), coalesce(nullif(u.entity,''), u.scope, '')
		FROM target_pairs p JOIN targets u ON u.id = p.upper_target_id JOIN targets l ON l.id = p.lower_target_id
		JOIN documents du ON du.id = p.upper_document_id JOIN documents dl ON dl.id = p.lower_document_id
		ORDER BY p.year, p.indicator, p.id LIMIT ?`, maxPairRows)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []pairRow
	for rows.Next() {
		var x pairRow
		if err := rows.Scan(&x.indicator, &x.unit, &x.basis, &x.relation, &x.year, &x.upPath, &x.upPart, &x.upTitle,
			&x.lowPath, &x.lowPart, &x.lowTitle, &x.up, &x.low, &x.upVal, &x.lowVal, &x.upSent, &x.lowSent, &x.upEntity); err != nil {
			return nil, err
		}
		ps = append(ps, x)
	}
	return ps, rows.Err()
}

// pairSheet writes the rows of 上下级对照.
type pairSheet struct {
	w                    *writer
	name                 string
	books                map[string]string // source path → its workbook
	ncol                 int
	data, link, up, down int // styles: a cell, a link, a raised and a lowered difference
}

func (p *pairSheet) styles() error {
	var err error
	if p.data, err = p.w.st.id(styleKey{wrap: true}); err != nil {
		return err
	}
	if p.link, err = p.w.st.id(styleKey{link: true}); err != nil {
		return err
	}
	font := &excelize.Font{Family: fontName, Size: 11, Bold: true}
	if p.up, err = p.w.f.NewStyle(&excelize.Style{Font: font, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}},
		Alignment: &excelize.Alignment{Vertical: "top"}}); err != nil {
		return err
	}
	p.down, err = p.w.f.NewStyle(&excelize.Style{Font: font, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
		Alignment: &excelize.Alignment{Vertical: "top"}})
	return err
}

// row writes pair x as sheet row r.
func (p *pairSheet) row(r int, x pairRow) error {
	f := p.w.f
	ref, _ := excelize.CoordinatesToCellName(1, r)
	diff := x.low - x.up
	if math.Abs(diff) < 1e-9 {
		diff = 0
	}
	ind := x.indicator
	if x.upEntity != "" {
		ind += "（" + x.upEntity + "）"
	}
	vals := []any{ind, x.year, x.unit, "", x.upTitle, x.up, "", x.lowTitle, x.low, diff, relationWords(x.relation),
		basisWords(x.basis), excerpt(x.upSent, 300), excerpt(x.lowSent, 300)}
	if err := f.SetSheetRow(p.name, ref, &vals); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(p.ncol, r)
	if err := f.SetCellStyle(p.name, ref, end, p.data); err != nil {
		return err
	}
	if err := p.docCell(r, 4, x.upPath, x.upPart); err != nil {
		return err
	}
	if err := p.docCell(r, 7, x.lowPath, x.lowPart); err != nil {
		return err
	}
	dref, _ := excelize.CoordinatesToCellName(10, r)
	switch x.relation {
	case "raised":
		return f.SetCellStyle(p.name, dref, dref, p.up)
	case "lowered":
		return f.SetCellStyle(p.name, dref, dref, p.down)
	}
	return nil
}

// docCell writes the file (and part) of a document in cell (c, r), linked
// to its workbook when there is one.
func (p *pairSheet) docCell(r int, c int, path string, part int) error {
	f := p.w.f
	ref, _ := excelize.CoordinatesToCellName(c, r)
	txt := fileName(path)
	if part > 1 {
		txt = fmt.Sprintf("%s 第%d部分", txt, part)
	}
	if err := f.SetCellStr(p.name, ref, txt); err != nil {
		return err
	}
	if b, ok := p.books[path]; ok {
		if err := f.SetCellHyperLink(p.name, ref, b, "External"); err != nil {
			return err
		}
		return f.SetCellStyle(p.name, ref, ref, p.link)
	}
	return nil
}

// linkSheets writes 引用关系 and 上下级对照 of summary.xlsx.
func (w *writer) linkSheets(db *sql.DB, books map[string]string) error {
	s := linksSheet(db, books)
	w.names.take(s.name, s.name)
	if err := w.write(s); err != nil {
		return err
	}
	if err := w.pairsSheet(db, books); err != nil {
		return fmt.Errorf("sheet %s: %w", sheetPairs, err)
	}
	return nil
}
