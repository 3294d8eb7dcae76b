package tables

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/schema"
)

// reSeqRow is a row of a numbered list table in extracted text: 12 名称… or
// 12. 名称…; reSeqEnd a row whose 序号 the extraction put after the first
// line of its name (…产品研61).
var (
	reSeqRow    = regexp.MustCompile(`^(\d{1,4})(?:[.．、]\s*|\s+)(\S.*)$`)
	reSeqEnd    = regexp.MustCompile(`^(\D.*?)(\d{1,4})$`)
	reGluedNote = regexp.MustCompile(`(?:<p>)?(?:备注|注|说明)[:：]`)
)

// seqTables finds tables of extracted text whose header line starts with
// 序号 and whose rows start with their number, one row per line (the
// name cell may wrap onto the next line).
func (v *vocab) seqTables(ls []line, used []bool) []*table {
	opens := func(i int) bool { return len(ls[i].cells) == 0 && v.seqHeaderLine(ls[i].text) }
	return claimTables(ls, used, opens, func(i int) (*table, int) { return v.seqTable(ls, used, i) })
}

func (v *vocab) seqHeaderLine(s string) bool {
	k := key(s)
	if runeLen(k) > 60 || strings.HasSuffix(k, "。") {
		return false
	}
	for _, w := range v.seqhead {
		if strings.HasPrefix(k, w) && len(k) > len(w) {
			return true
		}
	}
	return false
}

// seqTable builds the table under the header line ls[h].
func (v *vocab) seqTable(ls []line, used []bool, h int) (*table, int) {
	header := v.seqHeader(ls, h)
	n := len(header)
	if n < 2 {
		return nil, h
	}
	b := &seqBuilder{v: v, ls: ls, used: used, hkey: key(ls[h].text), n: n,
		t: &table{first: h, last: h, header: header, start: ls[h].span.Start, end: ls[h].span.End}}
	for k := h + 1; k < len(ls) && b.take(k); k++ {
	}
	if len(b.raws) < 2 {
		return nil, h
	}
	b.t.rows = v.seqRows(b.raws, n)
	return b.t, b.t.last
}

// seqHeader is the cells of the header line ls[h]. A header printed
// without gaps is split after header words to the width of the first row.
func (v *vocab) seqHeader(ls []line, h int) []string {
	var header []string
	for _, f := range v.splitJammed(splitFrags(ls[h], h)) {
		header = append(header, f.text)
	}
	for k := h + 1; k < len(ls) && k <= h+3; k++ {
		if m := reSeqRow.FindStringSubmatch(ls[k].text); m != nil {
			if w := 1 + len(v.restCells(m[2], 99)); w > len(header) {
				header = splitHeaderWords(header, w)
			}
			break
		}
	}
	return header
}

// seqBuilder collects the rows, groups and notes of a numbered list table
// line by line.
type seqBuilder struct {
	v         *vocab
	ls        []line
	used      []bool
	hkey      string // the header line in key form
	n         int    // columns
	t         *table
	raws      []rawRow
	group     string // the current group heading
	prev      int    // the last 序号
	inNote    bool   // the last note goes on on the next line
	noteLines int    // lines added to the last note
}

// extend makes ls[k] the table's last line.
func (b *seqBuilder) extend(k int) { b.t.last, b.t.end = k, b.ls[k].span.End }

// next is the first line after k that is no page artefact.
func (b *seqBuilder) next(k int) int {
	for k++; k < len(b.ls) && reArtefact.MatchString(key(b.ls[k].text)); k++ {
	}
	return k
}

// isRow reports a free line ls[k] that opens a row: a 序号 and its text.
func (b *seqBuilder) isRow(k int) bool {
	if k >= len(b.ls) || b.used[k] || len(b.ls[k].cells) > 0 {
		return false
	}
	m := reSeqRow.FindStringSubmatch(b.ls[k].text)
	if m == nil {
		return false
	}
	for _, u := range []string{"年", "月", "日", "%"} {
		if strings.HasPrefix(m[2], u) {
			return false
		}
	}
	// 3 项，共 5 项: a figure and its unit, not a 序号
	for _, u := range []string{"项", "个", "家", "条", "人", "名", "万", "亿", "元"} {
		if rest, ok := strings.CutPrefix(m[2], u); ok {
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !cjk.IsHan(r) {
				return false
			}
		}
	}
	return true
}

// addRow adds the row of 序号 seq with the text rest after it.
func (b *seqBuilder) addRow(seq, rest string, sp schema.Span) {
	// a repeated header or a note the extraction glued onto the row
	if i := strings.LastIndex(rest, "序号"); i > 0 && key(rest[i:]) == b.hkey {
		rest = rest[:i]
	}
	if loc := reGluedNote.FindStringIndex(rest); loc != nil && loc[0] > 0 {
		note := noteText(rest[loc[0]:])
		b.t.addNote(note, sp)
		b.inNote = !noteEnds(note)
		b.noteLines = 0
		rest = rest[:loc[0]]
	}
	cells := []string{seq}
	if b.n == 2 {
		cells = append(cells, strings.TrimSpace(rest))
	} else {
		cells = append(cells, b.v.restCells(rest, b.n-1)...)
	}
	b.raws = append(b.raws, rawRow{cells: cells, group: b.group, span: sp, rest: rest})
}

// take adds line ls[k] to the table; false when the table ended before it.
func (b *seqBuilder) take(k int) bool {
	v, l, t := b.v, b.ls[k], b.t
	if b.used[k] || len(l.cells) > 0 {
		return false
	}
	txt := key(l.text)
	switch {
	case reArtefact.MatchString(txt):
		return true
	case txt == b.hkey:
		b.extend(k)
		return true
	case b.noteGoesOn(k, txt):
		t.notes[len(t.notes)-1] += l.text
		t.noteSpans[len(t.noteSpans)-1].End = l.span.End
		b.extend(k)
		b.noteLines++
		b.inNote = v.noteOpen(t.notes[len(t.notes)-1], txt)
		return true
	}
	if len(t.notes) > 0 && !v.isNote(txt) {
		return false // nothing but notes after a note
	}
	b.inNote = false
	if m := reSeqRow.FindStringSubmatch(l.text); b.isRow(k) && m != nil {
		n, _ := strconv.Atoi(m[1])
		if b.prev > 0 && n > b.prev+20 {
			return false
		}
		b.prev = n
		b.addRow(m[1], m[2], l.span)
		b.extend(k)
		return true
	}
	if v.isNote(txt) || v.countStatement(txt) {
		t.addNote(l.text, l.span)
		b.extend(k)
		b.inNote = v.noteOpen(txt, txt)
		b.noteLines = 0
		return true
	}
	if v.isTotal(strings.Fields(l.text)[0]) {
		b.raws = append(b.raws, rawRow{cells: v.restCells(l.text, b.n), group: b.group, span: l.span})
		b.extend(k)
		return true
	}
	if reHeading.MatchString(txt) && v.groupLike(txt) && b.isRow(b.next(k)) {
		b.group = l.text
		t.addGroup(b.group, l.span)
		b.extend(k)
		return true
	}
	if m := reSeqEnd.FindStringSubmatch(l.text); m != nil && b.prev > 0 {
		if n, _ := strconv.Atoi(m[2]); n == b.prev+1 && runeLen(m[1]) <= 60 && !v.stopLine(l) {
			b.prev = n
			b.addRow(m[2], m[1], l.span)
			b.extend(k)
			return true
		}
	}
	return b.wrapName(k, txt)
}

// noteGoesOn reports a line ls[k] (txt in key form) that continues the
// last note.
func (b *seqBuilder) noteGoesOn(k int, txt string) bool {
	return b.inNote && b.noteLines < 8 && !b.isRow(k) && !b.v.seqHeaderLine(b.ls[k].text) && !reAttach.MatchString(txt) &&
		!reHeading.MatchString(txt) && runeLen(txt) <= 80 && !(endsTitle(txt) && runeLen(txt) < 40)
}

// noteOpen reports whether a note, whose last line is last, goes on: a
// count statement while it is unfinished, other notes until a line ends
// with 。.
func (v *vocab) noteOpen(note, last string) bool {
	if v.countStatement(note) {
		return unfinished(last)
	}
	return !noteEnds(last)
}

// wrapName adds ls[k] (txt in key form) to the name of the last row when
// it is the wrapped end of that name: a short line followed by a row, a
// note, a total or the end.
func (b *seqBuilder) wrapName(k int, txt string) bool {
	v, l := b.v, b.ls[k]
	if len(b.raws) == 0 || v.stopLine(l) || runeLen(txt) > 40 {
		return false
	}
	nk := b.next(k)
	if !(nk >= len(b.ls) || b.isRow(nk) || b.rowEndsBefore(b.ls[nk].text)) {
		return false
	}
	r := &b.raws[len(b.raws)-1]
	if r.rest != "" && b.n > 2 {
		r.rest += l.text
		r.cells = append(r.cells[:1], v.restCells(r.rest, b.n-1)...)
	} else {
		c := len(r.cells) - 1
		for c > 0 && (r.cells[c] == "" || v.isValue(r.cells[c])) {
			c--
		}
		r.cells[c] += l.text
	}
	r.span.End = l.span.End
	b.extend(k)
	return true
}

// rowEndsBefore reports a line s before which a row's wrapped name ends:
// the header repeated, a note, a row whose 序号 stands last, a total.
func (b *seqBuilder) rowEndsBefore(s string) bool {
	v := b.v
	return key(s) == b.hkey || v.isNote(s) || v.countStatement(s) ||
		reSeqEnd.MatchString(s) || len(strings.Fields(s)) > 0 && v.isTotal(strings.Fields(s)[0])
}

// seqRows aligns the collected rows to n columns and marks the totals.
func (v *vocab) seqRows(raws []rawRow, n int) []schema.TableRow {
	var rows []schema.TableRow
	prof := v.profile(raws, n)
	for _, r := range raws {
		cells := v.align(r.cells, prof, n)
		row := schema.TableRow{Group: r.group, Cells: cells, Span: r.span}
		for c, s := range cells {
			if c < 2 && v.isTotal(s) {
				row.IsTotal = true
			}
		}
		if !row.IsTotal {
			row.Seq = cells[0]
		}
		rows = append(rows, row)
	}
	return rows
}

// restCells splits the text after a 序号 into m cells at spaces, keeping
// bracketed text and Latin words inside their cell.
func (v *vocab) restCells(rest string, m int) []string {
	var toks []string
	depth := 0
	for _, w := range strings.Fields(rest) {
		if len(toks) > 0 && (depth > 0 || latinJoin(toks[len(toks)-1], w)) {
			toks[len(toks)-1] += " " + w
		} else {
			toks = append(toks, w)
		}
		depth += strings.Count(w, "（") + strings.Count(w, "(") - strings.Count(w, "）") - strings.Count(w, ")")
		if depth < 0 {
			depth = 0
		}
	}
	if len(toks) <= m {
		return toks
	}
	// too many: join the surplus into the longest text cell
	for len(toks) > m {
		best := -1
		for i := 0; i+1 < len(toks); i++ {
			if v.isValue(toks[i]) || v.isValue(toks[i+1]) {
				continue
			}
			if best < 0 || runeLen(toks[i])+runeLen(toks[i+1]) > runeLen(toks[best])+runeLen(toks[best+1]) {
				best = i
			}
		}
		if best < 0 {
			best = len(toks) - 2
		}
		toks[best] += " " + toks[best+1]
		toks = append(toks[:best+1], toks[best+2:]...)
	}
	return toks
}

// latinJoin reports a space that sits inside a name: next to a Latin word
// (高品质 MPV整车, 面向 5G 应用).
func latinJoin(a, b string) bool {
	isLatin := func(r byte) bool { return r < 0x80 && r != ' ' }
	return isLatin(a[len(a)-1]) && !reNumber.MatchString(a) || isLatin(b[0]) && !reNumber.MatchString(b) && !isEmptyMark(b)
}

// unfinished reports a statement cut short by a line break: it ends with a
// figure or a comma.
func unfinished(s string) bool {
	k := strings.TrimRight(key(s), "。")
	for _, u := range []string{"项", "条", "个"} {
		if strings.HasSuffix(k, u) {
			return false
		}
	}
	return true
}

// noteEnds reports a note line that closes the note: it ends with 。, or
// only an 附件 label the extraction glued on follows the last 。.
func noteEnds(s string) bool {
	k := key(reTag.ReplaceAllString(s, ""))
	i := strings.LastIndex(k, "。")
	if i < 0 {
		return false
	}
	rest := k[i+len("。"):]
	return rest == "" || reAttachPrefix.MatchString(rest)
}

// headerEnds are the last words of header cells, where a header printed
// without gaps may be cut: 领域名称|人才和团队数量.
var headerEnds = []string{"名称", "类别", "内容", "单位", "部门", "时间", "时限", "地区", "指标", "目标", "数量"}

func splitHeaderWords(h []string, want int) []string {
	out := append([]string(nil), h...)
	for len(out) < want {
		done := false
		for c := 0; c < len(out) && !done; c++ {
			for _, w := range headerEnds {
				i := strings.Index(out[c], w)
				if i < 0 {
					continue
				}
				rest := out[c][i+len(w):]
				r, _ := utf8.DecodeRuneInString(rest)
				if rest == "" || !cjk.IsHan(r) {
					continue
				}
				out = append(out[:c+1], out[c:]...)
				out[c], out[c+1] = out[c][:i+len(w)], rest
				done = true
				break
			}
		}
		if !done {
			break
		}
	}
	return out
}
