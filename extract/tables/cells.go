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
	// a row spanning the whole table at the top is its caption
	for i+1 < len(ls) && ls[i].isTable && ls[i+1].block == ls[i].block {
		s, ok := spanned(ls[i].cells)
		if !ok {
			break
		}
		k := key(s)
		switch {
		case reUnit.MatchString(k):
			t.unit = s
		case t.title == "":
			if m := reAttachPrefix.FindStringSubmatch(k); m != nil {
				t.attach = m[1] + m[2]
				s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s[strings.Index(s, m[1])+len(m[1]):]), "0123456789一二三四五六七八九十 ：:"))
			}
			t.title = s
		}
		i++
	}
	hdr := ls[i].cells
	if v.rowLooksData(hdr) && !ls[i].isTable {
		return nil, i + 1
	}
	j := i + 1
	var header []string
	var colmap []int // raw column → header column, for rows of the raw header's width
	if v.rowLooksData(hdr) {
		// a table block without a header row
		header = make([]string, len(hdr))
		j = i
	} else {
		header, colmap = mergeHeader(hdr)
		// further header rows: two- and three-level headers
		for n := 0; n < 3 && j < len(ls) && len(ls[j].cells) >= 2 && ls[j].block == ls[i].block && ls[i].isTable &&
			!v.rowLooksData(ls[j].cells) && (spans(hdr) || spans(ls[j].cells)) && len(ls[j].cells) == len(hdr) && !isSpanned(ls[j].cells); n++ {
			if n == 0 {
				header = twoLevel(hdr, ls[j].cells) // the raw row: its empty cells are spanned
			} else {
				header = twoLevel(header, ls[j].cells)
			}
			colmap = nil
			j++
		}
		if colmap == nil && len(header) != len(hdr) {
			header, colmap = mergeHeader(hdr)
		}
	}
	hkey := nonEmptyKey(hdr)
	hrunes := headerRunes(ls[i:j])
	var raws []rawRow
	group := ""
	block := ls[i].block
	for ; j < len(ls); j++ {
		l := ls[j]
		if l.isTable && l.block != block && continuesTable(ls, t.last, j) {
			if n := wrappedHeader(ls, j, hrunes); n > 0 {
				// the header repeated on the next page, wrapped otherwise
				j += n - 1
				block = ls[j].block
				t.last, t.end = j, ls[j].span.End
				continue
			}
		}
		if l.isTable || len(l.cells) >= 2 {
			if l.isTable && l.block != block && !sameKey(nonEmptyKey(l.cells), hkey) &&
				(!continuesTable(ls, t.last, j) || len(l.cells) != len(hdr) && len(l.cells) != len(header) || !v.rowLooksData(l.cells) && !v.looksContinued(l.cells)) {
				break
			}
			cont := l.isTable && l.block != block
			block = l.block
			if sameKey(nonEmptyKey(l.cells), hkey) || (len(colmap) > 0 && sameKey(nonEmptyKey(l.cells), nonEmptyKey(header))) {
				// a header repeated after a page break
				t.last = j
				t.end = l.span.End
				continue
			}
			if len(l.cells) > 0 && v.isSeqHead(l.cells[0]) {
				break // another table's header
			}
			ne := nonEmpty(l.cells)
			if len(ne) == 0 {
				continue
			}
			if sp, ok := spanned(l.cells); ok {
				ne = []string{sp}
			}
			if len(ne) == 1 && len(header) >= 2 {
				s := ne[0]
				switch {
				case v.isNote(s) || v.countStatement(s):
					t.addNote(noteText(s), l.span)
					t.last, t.end = j, l.span.End
					continue
				case l.isTable && j+1 < len(ls) && ls[j+1].block == l.block && !v.rowLooksData(ls[j+1].cells) &&
					nonEmptyKey(ls[j+1].cells) != hkey && !isSpanned(ls[j+1].cells):
					// a spanned caption over a new header: the next table
					goto done
				case l.isTable && j+1 < len(ls) && ls[j+1].isTable && ls[j+1].block != l.block &&
					len(ls[j+1].cells) != len(l.cells) && !v.rowLooksData(ls[j+1].cells) && !sameKey(nonEmptyKey(ls[j+1].cells), hkey):
					// a spanned row closing its block over a table of
					// another shape: that table's caption
					goto done
				case v.captionAhead(s, ls, j, hkey):
					goto done
				case v.groupLike(s) && v.rowsFollow(ls, j):
					group = s
					t.addGroup(s, l.span)
					t.last, t.end = j, l.span.End
					continue
				}
			}
			cells := l.cells
			merged := false
			if len(colmap) > 0 && len(cells) == len(colmap) {
				cells = applyColmap(cells, colmap, len(header))
				merged = true
			}
			raws = append(raws, rawRow{cells: cells, group: group, span: l.span, merged: merged, cont: cont})
			t.last, t.end = j, l.span.End
			continue
		}
		// a plain line inside a cell table
		s := l.text
		if ls[t.last].isTable {
			nt := j + 1
			for nt < len(ls) && nt <= j+2 && !ls[nt].isTable {
				nt++
			}
			if nt < len(ls) && ls[nt].isTable && ls[nt].block != block && len(ls[nt].cells) == len(hdr) &&
				continuesTable(ls, t.last, nt) && (v.rowLooksData(ls[nt].cells) || v.looksContinued(ls[nt].cells)) {
				continue // lines lost between two pages of one table
			}
		}
		if reArtefact.MatchString(s) {
			continue
		}
		if v.isNote(s) || v.countStatement(s) {
			t.addNote(noteText(s), l.span)
			t.last, t.end = j, l.span.End
			continue
		}
		// a row whose tab the extraction lost: 102. 名称
		if m := reSeqRow.FindStringSubmatch(s); m != nil && len(t.notes) == 0 && len(header) >= 2 && v.isSeqHead(header[0]) && v.rowsFollow(ls, j) {
			cells := append([]string{strings.TrimSpace(s[:len(s)-len(m[2])])}, v.restCells(m[2], len(header)-1)...)
			raws = append(raws, rawRow{cells: cells, group: group, span: l.span})
			t.last, t.end = j, l.span.End
			continue
		}
		if v.captionAhead(s, ls, j, hkey) {
			break
		}
		if len(t.notes) == 0 && v.groupLike(s) && v.rowsFollow(ls, j) {
			group = s
			t.addGroup(s, l.span)
			t.last, t.end = j, l.span.End
			continue
		}
		break
	}
done:
	if len(raws) == 0 {
		return nil, i + 1
	}
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
	return t, t.last + 1
}

// fillBreaks finds, in a table of a PDF, the rows where a vertically merged
// label cell continues past a page break (see fillAcrossBreak). The PDF
// reader joins the pages of a table into one block, so the break shows only
// as the empty cells: a label that two rows repeat (a merged cell the reader
// expanded) followed by an empty cell in the same column.
func (v *vocab) fillBreaks(rows []schema.TableRow) {
	for k := 2; k < len(rows); k++ {
		a, b, r := rows[k-2], rows[k-1], rows[k]
		for c := 0; c < len(r.Cells) && c < len(a.Cells) && c < len(b.Cells); c++ {
			if v.isValue(b.Cells[c]) {
				break
			}
			if r.Cells[c] == "" && b.Cells[c] != "" && a.Cells[c] == b.Cells[c] {
				v.fillAcrossBreak(rows, k)
				break
			}
		}
	}
}

// fillAcrossBreak fills the label cells of the rows from k on that a
// vertically merged cell covers when it continues on the next page: the
// reader repeats a merged cell in every row of its page, but the rows of
// the next page show it empty. A column is filled where the two rows above
// the break hold the same label and the rows below leave it empty, down to
// the first row that has its own label there or a new label in a column to
// its left.
func (v *vocab) fillAcrossBreak(rows []schema.TableRow, k int) {
	if k < 2 {
		return
	}
	a, b := rows[k-2], rows[k-1]
	if a.IsTotal || b.IsTotal {
		return
	}
	for c := 0; c < len(b.Cells) && c < len(a.Cells); c++ {
		lab := b.Cells[c]
		if lab == "" || a.Cells[c] != lab || v.isValue(lab) {
			if v.isValue(lab) {
				return // labels stand left of the figures
			}
			continue
		}
		for j := k; j < len(rows); j++ {
			r := &rows[j]
			if c >= len(r.Cells) || r.Cells[c] != "" || r.IsTotal && c > 0 {
				break
			}
			left := true
			for c2 := 0; c2 < c; c2++ {
				if c2 < len(r.Cells) && r.Cells[c2] != rows[k-1].Cells[c2] && !(j > k && r.Cells[c2] == rows[j-1].Cells[c2]) {
					left = false
				}
			}
			if !left || len(nonEmpty(r.Cells)) == 0 {
				break
			}
			r.Cells[c] = lab
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

// headerRunes counts the characters of the header rows.
func headerRunes(rows []line) map[rune]int {
	m := map[rune]int{}
	for _, r := range rows {
		for _, c := range r.cells {
			for _, ch := range key(c) {
				m[ch]++
			}
		}
	}
	return m
}

// wrappedHeader reports the header repeated at ls[j] after a page break
// with its cells wrapped otherwise (序号|创新平台类|数量 over 别|(个)): up to
// three rows, over at most two table blocks, holding exactly the characters
// of the header. It returns the number of rows, 0 when there is none.
func wrappedHeader(ls []line, j int, want map[rune]int) int {
	total := 0
	for _, n := range want {
		total += n
	}
	if total < 4 {
		return 0
	}
	got := map[rune]int{}
	seen, blocks := 0, 0
	for k := j; k < len(ls) && k < j+3 && ls[k].isTable; k++ {
		if k == j || ls[k].block != ls[k-1].block {
			if blocks++; blocks > 2 {
				return 0
			}
		}
		if len(ls[k].cells) == 0 || reSeq.MatchString(key(ls[k].cells[0])) {
			return 0
		}
		for _, c := range ls[k].cells {
			for _, ch := range key(c) {
				if got[ch]++; got[ch] > want[ch] {
					return 0
				}
				seen++
			}
		}
		if seen == total {
			return k - j + 1
		}
	}
	return 0
}

// dropSpannedCols merges the columns a header cell spans when the rows
// span them too: readers repeat a colspan cell's text in every column it
// covers (本年处理决定数量 ×3 over 550 ×3).
func dropSpannedCols(header []string, raws []rawRow) ([]string, []rawRow) {
	n := len(header)
	drop := make([]bool, n)
	any := false
	for c := 1; c < n; c++ {
		if header[c] == "" || header[c] != header[c-1] {
			continue
		}
		same := true
		for _, r := range raws {
			if len(r.cells) == n && r.cells[c] != r.cells[c-1] && r.cells[c] != "" {
				same = false
				break
			}
		}
		if same {
			drop[c], any = true, true
		}
	}
	if !any {
		return header, raws
	}
	keep := func(cells []string) []string {
		var out []string
		for c, s := range cells {
			if !drop[c] {
				out = append(out, s)
			}
		}
		return out
	}
	out := make([]rawRow, len(raws))
	for i, r := range raws {
		out[i] = r
		if len(r.cells) == n {
			out[i].cells = keep(r.cells)
		}
	}
	return keep(header), out
}

// continuesTable reports whether the table block at ls[j] continues the table
// ending at ls[last] (a page break: nothing but artefacts between).
func continuesTable(ls []line, last, j int) bool {
	gap := 0
	for k := last + 1; k < j; k++ {
		if reArtefact.MatchString(ls[k].text) {
			continue
		}
		// a line or two the reader lost at the page break
		if gap++; gap > 2 || runeLen(ls[k].text) > 60 || ls[k].heading {
			return false
		}
	}
	return true
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

// mergeHeader drops empty header cells that stand for a spanned column and
// returns the mapping of raw columns onto the remaining ones.
func mergeHeader(hdr []string) ([]string, []int) {
	var out []string
	colmap := make([]int, len(hdr))
	merged := false
	for c, h := range hdr {
		if h == "" && c > 0 && c < len(hdr)-1 {
			colmap[c] = len(out) - 1
			merged = true
			continue
		}
		colmap[c] = len(out)
		out = append(out, h)
	}
	if !merged {
		return out, nil
	}
	return out, colmap
}

// applyColmap maps a raw row onto the merged header: of the cells of one
// spanned column the last non-empty one (the finer category) stands.
func applyColmap(cells []string, colmap []int, n int) []string {
	out := make([]string, n)
	for c, s := range cells {
		if s != "" {
			out[colmap[c]] = s
		}
	}
	return out
}

// spans reports a header row with a spanned cell (repeated or empty cells).
func spans(hdr []string) bool {
	for c := 1; c < len(hdr); c++ {
		if hdr[c] == "" || hdr[c] == hdr[c-1] {
			return true
		}
	}
	return false
}

// twoLevel combines two header rows: a cell spanning several columns over
// its sub-columns gives 上级/下级.
func twoLevel(top, sub []string) []string {
	n := max(len(top), len(sub))
	get := func(r []string, c int) string {
		if c < len(r) {
			return r[c]
		}
		return ""
	}
	// fill spanned (empty) top cells from the left
	tops := make([]string, n)
	for c := 0; c < n; c++ {
		tops[c] = get(top, c)
		if tops[c] == "" && c > 0 && get(sub, c) != "" {
			tops[c] = tops[c-1]
		}
	}
	out := make([]string, n)
	for c := 0; c < n; c++ {
		t, s := tops[c], get(sub, c)
		spanned := (c > 0 && tops[c-1] == t) || (c+1 < n && tops[c+1] == t)
		switch {
		case s == "" || s == t || strings.HasSuffix(t, "/"+s):
			out[c] = t
		case t == "":
			out[c] = s
		case spanned:
			out[c] = t + "/" + s
		default:
			out[c] = t + s
		}
	}
	return out
}

// colProfile says, per column, whether its cells are mostly figures.
type colProfile struct {
	numeric []bool
}

func (v *vocab) profile(raws []rawRow, n int) colProfile {
	vals := make([]int, n)
	all := make([]int, n)
	for _, r := range raws {
		if len(r.cells) != n {
			continue
		}
		for c, s := range r.cells {
			if s == "" {
				continue
			}
			all[c]++
			if v.isValue(s) {
				vals[c]++
			}
		}
	}
	p := colProfile{numeric: make([]bool, n)}
	for c := range n {
		p.numeric[c] = all[c] > 0 && vals[c]*2 > all[c]
	}
	return p
}

// align fits a row of the wrong width to n columns: extra empty cells go,
// missing cells are placed where figures meet figure columns.
func (v *vocab) align(cells []string, p colProfile, n int) []string {
	if len(cells) == n {
		return cells
	}
	if len(cells) > n {
		out := append([]string(nil), cells...)
		// drop empty cells until it fits, from the right
		for c := len(out) - 1; c >= 0 && len(out) > n; c-- {
			if out[c] == "" {
				out = append(out[:c], out[c+1:]...)
			}
		}
		if len(out) > n {
			out[n-1] = strings.Join(out[n-1:], " ")
			out = out[:n]
		}
		return out
	}
	// dynamic programming: place len(cells) cells in order into n columns
	m := len(cells)
	fit := func(s string, c int) float64 {
		if s == "" {
			return 0
		}
		isNum := v.isValue(s)
		switch {
		case isNum && p.numeric[c]:
			return 2
		case isNum && !p.numeric[c]:
			return -2
		case !isNum && p.numeric[c]:
			return -1
		}
		return 0.2
	}
	const neg = -1e9
	// best[i][c]: best score placing cells[:i] into columns[:c]
	best := make([][]float64, m+1)
	from := make([][]int8, m+1) // 1 = cell placed at column c-1, 0 = column c-1 left empty
	for i := range best {
		best[i] = make([]float64, n+1)
		from[i] = make([]int8, n+1)
		for c := range best[i] {
			best[i][c] = neg
		}
	}
	best[0][0] = 0
	for i := 0; i <= m; i++ {
		for c := 0; c < n; c++ {
			if best[i][c] == neg {
				continue
			}
			// leave column c empty; trailing gaps are free
			skip := -0.5
			if i == m {
				skip = 0
			}
			if s := best[i][c] + skip; s > best[i][c+1] {
				best[i][c+1], from[i][c+1] = s, 0
			}
			if i < m {
				if s := best[i][c] + fit(cells[i], c); s > best[i+1][c+1] {
					best[i+1][c+1], from[i+1][c+1] = s, 1
				}
			}
		}
	}
	out := make([]string, n)
	i, c := m, n
	for c > 0 {
		if from[i][c] == 1 {
			out[c-1] = cells[i-1]
			i--
		}
		c--
	}
	return out
}

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
