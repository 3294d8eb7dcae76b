package tables

import (
	"policyx/lexicon/cjk"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

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

func (v *vocab) seqTable(ls []line, used []bool, h int) (*table, int) {
	var header []string
	for _, f := range v.splitJammed(splitFrags(ls[h], h)) {
		header = append(header, f.text)
	}
	hkey := key(ls[h].text)
	// a header printed without gaps: split after header words to the
	// width of the first row
	for k := h + 1; k < len(ls) && k <= h+3; k++ {
		if m := reSeqRow.FindStringSubmatch(ls[k].text); m != nil {
			if w := 1 + len(v.restCells(m[2], 99)); w > len(header) {
				header = splitHeaderWords(header, w)
			}
			break
		}
	}
	n := len(header)
	if n < 2 {
		return nil, h
	}
	t := &table{first: h, last: h, header: header, start: ls[h].span.Start, end: ls[h].span.End}
	var raws []rawRow
	group := ""
	prev := 0
	inNote := false
	noteLines := 0
	next := func(k int) int { // next line that is no page artefact
		for k++; k < len(ls) && reArtefact.MatchString(key(ls[k].text)); k++ {
		}
		return k
	}
	isRow := func(k int) bool {
		if k >= len(ls) || used[k] || len(ls[k].cells) > 0 {
			return false
		}
		m := reSeqRow.FindStringSubmatch(ls[k].text)
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
	addRow := func(seq, rest string, sp schema.Span) {
		// a repeated header or a note the extraction glued onto the row
		if i := strings.LastIndex(rest, "序号"); i > 0 && key(rest[i:]) == hkey {
			rest = rest[:i]
		}
		if loc := reGluedNote.FindStringIndex(rest); loc != nil && loc[0] > 0 {
			note := noteText(rest[loc[0]:])
			t.addNote(note, sp)
			inNote = !noteEnds(note)
			noteLines = 0
			rest = rest[:loc[0]]
		}
		cells := []string{seq}
		if n == 2 {
			cells = append(cells, strings.TrimSpace(rest))
		} else {
			cells = append(cells, v.restCells(rest, n-1)...)
		}
		raws = append(raws, rawRow{cells: cells, group: group, span: sp, rest: rest})
	}
	k := h + 1
	for ; k < len(ls); k++ {
		l := ls[k]
		if used[k] || len(l.cells) > 0 {
			break
		}
		txt := key(l.text)
		switch {
		case reArtefact.MatchString(txt):
			continue
		case txt == hkey:
			t.last, t.end = k, l.span.End
			continue
		case inNote && noteLines < 8 && !isRow(k) && !v.seqHeaderLine(l.text) && !reAttach.MatchString(txt) &&
			!reHeading.MatchString(txt) && runeLen(txt) <= 80 && !(endsTitle(txt) && runeLen(txt) < 40):
			t.notes[len(t.notes)-1] += l.text
			t.noteSpans[len(t.noteSpans)-1].End = l.span.End
			t.last, t.end = k, l.span.End
			noteLines++
			if v.countStatement(t.notes[len(t.notes)-1]) {
				inNote = unfinished(txt)
			} else {
				inNote = !noteEnds(txt)
			}
			continue
		}
		if len(t.notes) > 0 && !v.isNote(txt) {
			break // nothing but notes after a note
		}
		inNote = false
		if m := reSeqRow.FindStringSubmatch(l.text); isRow(k) && m != nil {
			n, _ := strconv.Atoi(m[1])
			if prev > 0 && n > prev+20 {
				break
			}
			prev = n
			addRow(m[1], m[2], l.span)
			t.last, t.end = k, l.span.End
			continue
		}
		if v.isNote(txt) || v.countStatement(txt) {
			t.addNote(l.text, l.span)
			t.last, t.end = k, l.span.End
			if v.countStatement(txt) {
				inNote = unfinished(txt)
			} else {
				inNote = !noteEnds(txt)
			}
			noteLines = 0
			continue
		}
		if v.isTotal(strings.Fields(l.text)[0]) {
			cells := v.restCells(l.text, n)
			raws = append(raws, rawRow{cells: cells, group: group, span: l.span})
			t.last, t.end = k, l.span.End
			continue
		}
		if reHeading.MatchString(txt) && v.groupLike(txt) && isRow(next(k)) {
			group = l.text
			t.addGroup(group, l.span)
			t.last, t.end = k, l.span.End
			continue
		}
		if m := reSeqEnd.FindStringSubmatch(l.text); m != nil && prev > 0 {
			if n, _ := strconv.Atoi(m[2]); n == prev+1 && runeLen(m[1]) <= 60 && !v.stopLine(l) {
				prev = n
				addRow(m[2], m[1], l.span)
				t.last, t.end = k, l.span.End
				continue
			}
		}
		// the wrapped end of the previous row's name
		if len(raws) > 0 && !v.stopLine(l) && runeLen(txt) <= 40 {
			nk := next(k)
			if nk >= len(ls) || isRow(nk) || key(ls[nk].text) == hkey || v.isNote(ls[nk].text) || v.countStatement(ls[nk].text) ||
				reSeqEnd.MatchString(ls[nk].text) || len(strings.Fields(ls[nk].text)) > 0 && v.isTotal(strings.Fields(ls[nk].text)[0]) {
				r := &raws[len(raws)-1]
				if r.rest != "" && n > 2 {
					r.rest += l.text
					r.cells = append(r.cells[:1], v.restCells(r.rest, n-1)...)
				} else {
					c := len(r.cells) - 1
					for c > 0 && (r.cells[c] == "" || v.isValue(r.cells[c])) {
						c--
					}
					r.cells[c] += l.text
				}
				r.span.End = l.span.End
				t.last, t.end = k, l.span.End
				continue
			}
		}
		break
	}
	if len(raws) < 2 {
		return nil, h
	}
	prof := v.profile(raws, n)
	seqCol := 0
	for _, r := range raws {
		cells := v.align(r.cells, prof, n)
		row := schema.TableRow{Group: r.group, Cells: cells, Span: r.span}
		for c, s := range cells {
			if c < 2 && v.isTotal(s) {
				row.IsTotal = true
			}
		}
		if !row.IsTotal {
			row.Seq = cells[seqCol]
		}
		t.rows = append(t.rows, row)
	}
	return t, t.last
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
