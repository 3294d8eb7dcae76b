package tables

import (
	"regexp"
	"slices"
	"strings"

	"policyx/schema"
)

// rawRow is a data row before its cells are aligned to the header.
type rawRow struct {
	cells  []string
	group  string
	span   schema.Span
	merged bool   // cells already mapped to the header columns
	rest   string // the text after the 序号, for rows of extracted text
	cont   bool   // the first row of the table's next block (next page)
}

// parseCells reads a table of cell lines (tab-separated lines or table
// block rows) starting at ls[i]. It returns the table and the index after
// its last line, or nil when ls[i] does not start a table.
func (v *vocab) parseCells(ls []line, i int) (*table, int) {
	if ls[i].isTable {
		end := i
		for end < len(ls) && ls[end].isTable && ls[end].block == ls[i].block {
			end++
		}
		if v.notTable(ls[i:end]) {
			return nil, end
		}
	}
	t := &table{first: i, last: i, start: ls[i].span.Start, end: ls[i].span.End}
	i = t.topCaption(ls, i)
	hdr := ls[i].cells
	if v.rowLooksData(hdr) && !ls[i].isTable {
		return nil, i + 1
	}
	header, colmap, j := v.cellHeader(ls, i)
	p := &cellParser{v: v, ls: ls, t: t, hdr: hdr, header: header, colmap: colmap,
		hkey: nonEmptyKey(hdr), hrunes: headerRunes(ls[i:j]), block: ls[i].block}
	for ; j < len(ls); j++ {
		var ok bool
		if j, ok = p.take(j); !ok {
			break
		}
	}
	if len(p.raws) == 0 {
		return nil, i + 1
	}
	v.cellRows(t, ls, header, p.raws)
	return t, t.last + 1
}

// cellParser reads the body of a cell table line by line.
type cellParser struct {
	v      *vocab
	ls     []line
	t      *table
	hdr    []string // the raw header row
	header []string
	colmap []int
	hkey   string       // the raw header row in key form
	hrunes map[rune]int // the characters of the header rows
	raws   []rawRow
	group  string // the current group heading
	block  int    // the block of the last row
}

// extend makes ls[j] the table's last line.
func (p *cellParser) extend(j int) { p.t.last, p.t.end = j, p.ls[j].span.End }

// take adds line ls[j] to the table; false when the table ended before it.
// A header repeated over several rows after a page break is taken whole:
// the index returned is its last row.
func (p *cellParser) take(j int) (int, bool) {
	l := p.ls[j]
	if l.isTable && l.block != p.block && continuesTable(p.ls, p.t.last, j) {
		if n := wrappedHeader(p.ls, j, p.hrunes); n > 0 {
			// the header repeated on the next page, wrapped otherwise
			j += n - 1
			p.block = p.ls[j].block
			p.extend(j)
			return j, true
		}
	}
	if l.isTable || len(l.cells) >= 2 {
		return j, p.cellRow(j)
	}
	return j, p.plainLine(j)
}

// cellRow takes a row of cells.
func (p *cellParser) cellRow(j int) bool {
	v, ls, l := p.v, p.ls, p.ls[j]
	if l.isTable && l.block != p.block && !sameKey(nonEmptyKey(l.cells), p.hkey) &&
		(!continuesTable(ls, p.t.last, j) || len(l.cells) != len(p.hdr) && len(l.cells) != len(p.header) || !v.rowLooksData(l.cells) && !v.looksContinued(l.cells)) {
		return false
	}
	cont := l.isTable && l.block != p.block
	p.block = l.block
	if sameKey(nonEmptyKey(l.cells), p.hkey) || (len(p.colmap) > 0 && sameKey(nonEmptyKey(l.cells), nonEmptyKey(p.header))) {
		// a header repeated after a page break
		p.extend(j)
		return true
	}
	if len(l.cells) > 0 && v.isSeqHead(l.cells[0]) {
		return false // another table's header
	}
	ne := nonEmpty(l.cells)
	if len(ne) == 0 {
		return true
	}
	if sp, ok := spanned(l.cells); ok {
		ne = []string{sp}
	}
	if len(ne) == 1 && len(p.header) >= 2 {
		if done, keep := p.spannedRow(j, ne[0]); done {
			return keep
		}
	}
	cells := l.cells
	merged := false
	if len(p.colmap) > 0 && len(cells) == len(p.colmap) {
		cells = applyColmap(cells, p.colmap, len(p.header))
		merged = true
	}
	p.raws = append(p.raws, rawRow{cells: cells, group: p.group, span: l.span, merged: merged, cont: cont})
	p.extend(j)
	return true
}

// spannedRow takes a row ls[j] of one text s: a note, a group heading, or
// the caption of the next table, which ends this one (keep false). done is
// false for a row of data.
func (p *cellParser) spannedRow(j int, s string) (done, keep bool) {
	v, ls, l := p.v, p.ls, p.ls[j]
	switch {
	case v.isNote(s) || v.countStatement(s):
		p.t.addNote(noteText(s), l.span)
		p.extend(j)
		return true, true
	case l.isTable && j+1 < len(ls) && ls[j+1].block == l.block && !v.rowLooksData(ls[j+1].cells) &&
		nonEmptyKey(ls[j+1].cells) != p.hkey && !isSpanned(ls[j+1].cells):
		// a spanned caption over a new header: the next table
		return true, false
	case l.isTable && j+1 < len(ls) && ls[j+1].isTable && ls[j+1].block != l.block &&
		len(ls[j+1].cells) != len(l.cells) && !v.rowLooksData(ls[j+1].cells) && !sameKey(nonEmptyKey(ls[j+1].cells), p.hkey):
		// a spanned row closing its block over a table of another shape:
		// that table's caption
		return true, false
	case v.captionAhead(s, ls, j, p.hkey):
		return true, false
	case v.groupLike(s) && v.rowsFollow(ls, j):
		p.group = s
		p.t.addGroup(s, l.span)
		p.extend(j)
		return true, true
	}
	return false, false
}

// plainLine takes a plain line inside a cell table.
func (p *cellParser) plainLine(j int) bool {
	v, ls, t := p.v, p.ls, p.t
	l := ls[j]
	s := l.text
	if ls[t.last].isTable && p.lostAtBreak(j) {
		return true // lines lost between two pages of one table
	}
	if reArtefact.MatchString(s) {
		return true
	}
	if v.isNote(s) || v.countStatement(s) {
		t.addNote(noteText(s), l.span)
		p.extend(j)
		return true
	}
	// a row whose tab the extraction lost: 102. 名称
	if m := reSeqRow.FindStringSubmatch(s); m != nil && len(t.notes) == 0 && len(p.header) >= 2 && v.isSeqHead(p.header[0]) && v.rowsFollow(ls, j) {
		cells := append([]string{strings.TrimSpace(s[:len(s)-len(m[2])])}, v.restCells(m[2], len(p.header)-1)...)
		p.raws = append(p.raws, rawRow{cells: cells, group: p.group, span: l.span})
		p.extend(j)
		return true
	}
	if v.captionAhead(s, ls, j, p.hkey) {
		return false
	}
	if len(t.notes) == 0 && v.groupLike(s) && v.rowsFollow(ls, j) {
		p.group = s
		t.addGroup(s, l.span)
		p.extend(j)
		return true
	}
	return false
}

// lostAtBreak reports a plain line ls[j] within two lines of a table block
// that continues the table on the next page.
func (p *cellParser) lostAtBreak(j int) bool {
	ls := p.ls
	nt := j + 1
	for nt < len(ls) && nt <= j+2 && !ls[nt].isTable {
		nt++
	}
	return nt < len(ls) && ls[nt].isTable && ls[nt].block != p.block && len(ls[nt].cells) == len(p.hdr) &&
		continuesTable(ls, p.t.last, nt) && (p.v.rowLooksData(ls[nt].cells) || p.v.looksContinued(ls[nt].cells))
}

// cellRows fits the rows read to the header and marks totals and 序号.
func (v *vocab) cellRows(t *table, ls []line, header []string, raws []rawRow) {
	t.dropTrailingGroups(ls, raws)
	header, raws = dropSpannedCols(header, raws)
	t.header = header
	seqCol := -1
	for c, h := range header {
		if v.isSeqHead(h) {
			seqCol = c
			break
		}
	}
	prof := v.profile(raws, len(header))
	for _, r := range raws {
		cells := r.cells
		if !r.merged {
			cells = v.align(cells, prof, len(header))
		}
		row := schema.TableRow{Group: r.group, Cells: cells, Span: r.span}
		for c, s := range cells {
			if c < 2 && v.isTotal(s) {
				row.IsTotal = true
			}
		}
		if row.IsTotal && len(cells) > 1 && cells[1] == cells[0] {
			// 合计 spanning two cells, repeated by the reader: printed once
			cells = append([]string{cells[0], ""}, cells[2:]...)
			row.Cells = cells
		}
		if seqCol >= 0 && !row.IsTotal {
			row.Seq = cells[seqCol]
		}
		t.rows = append(t.rows, row)
	}
	for k, r := range raws {
		if r.cont {
			v.fillAcrossBreak(t.rows, k)
		}
	}
}

// dropTrailingGroups gives back group lines that no row follows: the
// heading of the next section (三、…情况) read as a group at the table's end.
func (t *table) dropTrailingGroups(ls []line, raws []rawRow) {
	end := 0
	for _, r := range raws {
		end = max(end, r.span.End)
	}
	for _, sp := range t.noteSpans {
		end = max(end, sp.End)
	}
	if t.end <= end {
		return
	}
	for g, sp := range t.groupSpans {
		if sp.Start >= end {
			delete(t.groupSpans, g)
		}
	}
	for t.last > t.first && ls[t.last].span.Start >= end {
		t.last--
	}
	t.end = ls[t.last].span.End
}

// captionAhead reports a caption line s at ls[j] over the header of
// another table (任务分工表 over 任务|牵头单位|完成时限), where a group heading
// would stand over rows.
func (v *vocab) captionAhead(s string, ls []line, j int, hkey string) bool {
	if !endsTitle(s) || j+1 >= len(ls) || len(ls[j+1].cells) < 2 {
		return false
	}
	cells := ls[j+1].cells
	if sameKey(nonEmptyKey(cells), hkey) || v.rowLooksData(cells) {
		return false
	}
	named := false
	for _, c := range cells {
		k := key(c)
		if k == "" || runeLen(k) > 12 || v.isValue(c) {
			return false
		}
		if v.isSeqHead(k) {
			named = true
		}
		for _, w := range headerEnds {
			if strings.HasSuffix(k, w) {
				named = true
			}
		}
	}
	return named
}

// rowLooksData reports a row that starts with a 序号 or holds figures only.
func (v *vocab) rowLooksData(cells []string) bool {
	ne := nonEmpty(cells)
	if len(ne) == 0 {
		return true
	}
	if reSeq.MatchString(key(cells[0])) {
		return true
	}
	vals := 0
	for _, c := range ne {
		if v.isValue(c) && !reYear.MatchString(key(c)) {
			vals++
		}
	}
	return vals*2 > len(ne)
}

// groupLike reports a heading row inside a table: 一、核心技术.
func (v *vocab) groupLike(s string) bool {
	k := key(s)
	if k == "" || runeLen(k) > 30 || v.isTotal(k) || reSeq.MatchString(k) || reSeqRow.MatchString(s) {
		return false
	}
	if strings.HasSuffix(k, "。") || strings.HasSuffix(k, "；") {
		return false
	}
	return true
}

// rowsFollow reports whether a cell row follows ls[j] closely, so that a
// short line there is a group heading and not the prose after the table.
func (v *vocab) rowsFollow(ls []line, j int) bool {
	if ls[j].heading || strings.HasPrefix(ls[j].text, "#") {
		return false
	}
	for k := j + 1; k < len(ls) && k <= j+2; k++ {
		if len(ls[k].cells) >= 2 {
			return !v.isSeqHead(ls[k].cells[0])
		}
		if !reArtefact.MatchString(ls[k].text) {
			return false
		}
	}
	return false
}

// countStatement reports a line such as 合计：核心技术44项，共123项.
func (v *vocab) countStatement(s string) bool {
	k := key(s)
	for _, w := range v.total {
		if strings.HasPrefix(k, w+"：") || strings.HasPrefix(k, w+":") {
			return reCount.MatchString(k)
		}
	}
	return false
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			out = append(out, c)
		}
	}
	return out
}

func nonEmptyKey(cells []string) string {
	var b strings.Builder
	for _, c := range cells {
		if k := key(c); k != "" {
			b.WriteString(k)
			b.WriteByte('|')
		}
	}
	return b.String()
}

func sameKey(a, b string) bool { return a != "" && a == b }

// spanned returns the text of a row whose cells all hold the same text (a
// cell spanning the whole row, as readers expand colspan).
func spanned(cells []string) (string, bool) {
	ne := nonEmpty(cells)
	if len(ne) == 0 || len(cells) < 2 {
		return "", false
	}
	for _, c := range ne[1:] {
		if c != ne[0] {
			return "", false
		}
	}
	if len(ne) == 1 && len(cells) > 2 {
		return ne[0], true
	}
	return ne[0], len(ne) == len(cells)
}

// notTable reports a table block that holds no table: a key–value box
// (索引号： … 发文机关： …, 联系人|张三), a signature block (the issuers over
// their dates), a numbered list without a header (1.|某某办法), or a layout
// table holding the page text.
func (v *vocab) notTable(rows []line) bool {
	cols, kv, cells, dates, below := 0, 0, 0, 0, 0
	for ri, r := range rows {
		cols = max(cols, len(r.cells))
		for c, s := range r.cells {
			if runeLen(s) > 1200 {
				return true
			}
			if s == "" {
				continue
			}
			cells++
			k := strings.TrimRight(key(s), "：:")
			if c%2 == 0 && (strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":") || slices.Contains(v.kvlabel, k)) {
				kv++
			}
			if ri > 0 {
				below++
				if reDateCell.MatchString(k) {
					dates++
				}
			}
		}
	}
	if cols < 2 || len(rows) < 2 || kv*3 >= cells || below > 0 && dates == below {
		return true
	}
	// a numbered list: two columns, no header, every row a 序号 and a text
	if cols == 2 {
		for _, r := range rows {
			if len(r.cells) != 2 || !reSeq.MatchString(key(r.cells[0])) || v.isValue(r.cells[1]) {
				return false
			}
		}
		return true
	}
	return false
}

// reDateCell is a cell holding a date alone (2025年5月30日).
var reDateCell = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)

// addNote adds a note line of t and where it stands.
func (t *table) addNote(s string, sp schema.Span) {
	t.notes = append(t.notes, s)
	t.noteSpans = append(t.noteSpans, sp)
}

// noteText is a note line without its markup tags.
func noteText(s string) string { return strings.TrimSpace(reTag.ReplaceAllString(s, "")) }

func (t *table) addGroup(g string, sp schema.Span) {
	if t.groupSpans == nil {
		t.groupSpans = map[string]schema.Span{}
	}
	if _, ok := t.groupSpans[g]; !ok {
		t.groupSpans[g] = sp
	}
}

// looksContinued reports a first row of a table block that continues the
// previous page: its leading cells are empty (spanned from above).
func (v *vocab) looksContinued(cells []string) bool {
	return len(cells) >= 2 && cells[0] == ""
}

func isSpanned(cells []string) bool {
	_, ok := spanned(cells)
	return ok
}
