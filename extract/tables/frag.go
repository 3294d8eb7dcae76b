package tables

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/schema"
)

// frag is one piece of a line of PDF-extracted table text: a whole line, or
// one of the space-separated tokens of a line. A cell is one frag or the
// wrapped lines of one cell in order.
type frag struct {
	text        string
	span        schema.Span
	line        int
	first, last bool // first / last token of its line
}

// unitWords follow a figure as a separate token in extracted text: 2021 年.
var unitWords = map[string]bool{"年": true, "月": true, "日": true, "个": true, "家": true, "项": true, "人": true, "元": true, "万元": true, "亿元": true, "%": true}

// splitFrags cuts a line into tokens at runs of spaces, re-joining a figure
// and its unit (2021 年) and letter-spaced words (单 位).
func splitFrags(l line, li int) []frag {
	type tok struct{ s, e int }
	var toks []tok
	txt := l.text
	i := 0
	for i < len(txt) {
		for i < len(txt) && (txt[i] == ' ' || txt[i] == '\t') {
			i++
		}
		if i >= len(txt) {
			break
		}
		j := i
		for j < len(txt) && txt[j] != ' ' && txt[j] != '\t' {
			j++
		}
		if j-i > 1 && strings.Trim(txt[i:j], "/") == "" {
			// "//": two empty-mark cells printed without a gap
			for k := i; k < j; k++ {
				toks = append(toks, tok{k, k + 1})
			}
		} else {
			toks = append(toks, tok{i, j})
		}
		i = j
	}
	var out []tok
	for _, t := range toks {
		if n := len(out); n > 0 {
			prev := txt[out[n-1].s:out[n-1].e]
			cur := txt[t.s:t.e]
			r, _ := utf8.DecodeLastRuneInString(prev)
			c, _ := utf8.DecodeRuneInString(cur)
			joinUnit := r >= '0' && r <= '9' && (unitWords[cur] || strings.HasPrefix(cur, "年") || strings.HasPrefix(cur, "月"))
			joinSpaced := runeLen(prev) == 1 && runeLen(cur) == 1 && cjk.IsHan(r) && cjk.IsHan(c)
			if joinUnit || joinSpaced {
				out[n-1].e = t.e
				continue
			}
		}
		out = append(out, t)
	}
	fs := make([]frag, len(out))
	for k, t := range out {
		s := strings.ReplaceAll(txt[t.s:t.e], " ", "")
		fs[k] = frag{text: s, span: schema.Span{Start: l.span.Start + t.s, End: l.span.Start + t.e}, line: li, first: k == 0, last: k == len(out)-1}
	}
	return fs
}

// valueLine reports a line of two or more figures (a table row, or part of
// one, in extracted text).
func (v *vocab) valueLine(l line) bool {
	if len(l.cells) > 0 || len(l.text) > 360 || !strings.ContainsAny(l.text, "0123456789/") || !strings.Contains(l.text, " ") {
		return false
	}
	fs := splitFrags(l, 0)
	n := 0
	for _, f := range fs {
		if v.isValue(f.text) {
			n++
		}
	}
	return n >= 2 && n*2 >= len(fs)-1
}

// stopLine reports a line that cannot belong to a table of extracted text.
func (v *vocab) stopLine(l line) bool {
	k := key(l.text)
	switch {
	case reAttach.MatchString(k), strings.HasPrefix(k, "附件") && runeLen(k) < 40:
		return true
	case reDateEnd.MatchString(k), strings.Contains(k, "印发"), strings.HasPrefix(k, "抄送"):
		return true
	case strings.HasSuffix(k, "。") || runeLen(k) > 60:
		return true
	case reHeading.MatchString(k) && runeLen(k) > 4:
		return true
	case v.isNote(k), l.heading:
		return true
	}
	return false
}

// fragTables finds tables in extracted text outside the cell tables.
func (v *vocab) fragTables(ls []line, used []bool) []*table {
	opens := func(i int) bool { return v.valueLine(ls[i]) }
	return claimTables(ls, used, opens, func(i int) (*table, int) { return v.fragTable(ls, used, i) })
}

// claimTables tries build at each unused line that opens accepts. A table's
// lines are marked used and the scan goes on after end, the last line build
// looked at; after a rejected table (nil) too, so that its body is not tried
// again.
func claimTables(ls []line, used []bool, opens func(i int) bool, build func(i int) (t *table, end int)) []*table {
	var out []*table
	for i := 0; i < len(ls); i++ {
		if used[i] || !opens(i) {
			continue
		}
		t, end := build(i)
		if t == nil {
			i = max(i, end)
			continue
		}
		for k := t.first; k <= t.last; k++ {
			used[k] = true
		}
		out = append(out, t)
		i = end
	}
	return out
}

// fragTable builds the table around the figures line ls[vi].
func (v *vocab) fragTable(ls []line, used []bool, vi int) (*table, int) {
	h := v.fragHeaderStart(ls, used, vi)
	if h == vi {
		return nil, vi
	}
	e, values := v.fragBodyEnd(ls, used, vi)
	if values < 2 {
		return nil, e
	}
	var hf, df []frag
	for k := h; k <= e; k++ {
		if reArtefact.MatchString(key(ls[k].text)) {
			continue
		}
		fs := splitFrags(ls[k], k)
		if k < vi {
			hf = append(hf, fs...)
		} else {
			df = append(df, fs...)
		}
	}
	hf = v.splitJammed(hf)
	hcells := headerCells(hf)
	// does the first figures line start its row? If not, the last header
	// cells are the leading cells of the first row.
	if len(df) > 0 && v.isValue(df[0].text) && !v.completeRow(splitFrags(ls[vi], vi)) {
		p := 1
		for c, hc := range hcells {
			if isValueHeader(hc.text) {
				p = max(c, 1)
				break
			}
		}
		if p < len(hcells) {
			cut := len(hcells) - p
			df = append(append([]frag(nil), hf[hcells[cut].from:]...), df...)
			hcells = hcells[:cut]
		}
	}
	header := make([]string, len(hcells))
	for c, hc := range hcells {
		header[c] = hc.text
	}
	header = fitHeader(header, v.fragRowWidth(ls, vi, e, len(header)))
	rows := v.fragRows(df, header)
	if len(rows) < 2 || !v.plausible(header, rows) {
		return nil, e
	}
	t := &table{first: h, last: e, header: header, rows: rows,
		start: ls[h].span.Start, end: ls[e].span.End}
	return t, e
}

// fragHeaderStart returns the first header line over the figures line
// ls[vi]: the short lines above it, up to the caption; vi when there is
// none.
func (v *vocab) fragHeaderStart(ls []line, used []bool, vi int) int {
	h := vi
	for k := vi - 1; k >= 0 && vi-k <= 80; k-- {
		l := ls[k]
		if used[k] || len(l.cells) > 0 {
			break
		}
		txt := key(l.text)
		if reArtefact.MatchString(txt) {
			h = k
			continue
		}
		if reUnit.MatchString(txt) || v.stopLine(l) || v.valueLine(l) {
			break
		}
		if strings.Contains(txt, "表") && endsTitle(txt) && runeLen(txt) >= 4 {
			break // the caption
		}
		if runeLen(txt) > 30 {
			break
		}
		h = k
	}
	return h
}

// fragBodyEnd returns the last line of the body from the figures line
// ls[vi] on, down to the next caption, sentence or end mark, and how many
// of its lines hold figures.
func (v *vocab) fragBodyEnd(ls []line, used []bool, vi int) (e, values int) {
	e = vi
	for k := vi; k < len(ls) && k < vi+3000; k++ {
		l := ls[k]
		if used[k] || len(l.cells) > 0 {
			break
		}
		if reArtefact.MatchString(key(l.text)) {
			continue
		}
		if v.stopLine(l) {
			break
		}
		if txt := key(l.text); strings.Contains(txt, "表") && endsTitle(txt) && runeLen(txt) >= 8 && !v.valueLine(l) {
			break
		}
		if v.valueLine(l) {
			values++
		}
		e = k
	}
	return e, values
}

// fragRowWidth is the width of a full row: the commonest count of cells of
// the body lines ls[vi..e] that hold a whole row (the wider on a tie), or
// n, the header's, when fewer than two lines agree.
func (v *vocab) fragRowWidth(ls []line, vi, e, n int) int {
	counts := map[int]int{}
	for k := vi; k <= e; k++ {
		fs := splitFrags(ls[k], k)
		if v.completeRow(fs) {
			counts[len(fs)]++
		}
	}
	w, best := n, 0
	for c, cnt := range counts {
		if cnt > best || cnt == best && c > w {
			w, best = c, cnt
		}
	}
	if best < 2 {
		return n
	}
	return w
}

// hcell is a header cell assembled from frags; from is its first frag.
type hcell struct {
	text string
	from int
}

// headerCells joins wrapped header lines into cells. A cell's lines share
// one width and only its last line is shorter; a bracketed unit line （家）
// ends the cell it follows; tokens of one line are separate cells.
func headerCells(fs []frag) []hcell {
	var cells []hcell
	closed := true
	var lastW int
	for i, f := range fs {
		w := width(f.text)
		newCell := closed || !f.first
		if !newCell && reParen.MatchString(f.text) {
			cells[len(cells)-1].text += f.text
			closed = true
			continue
		}
		if !newCell {
			switch {
			case w > lastW+1:
				newCell = true
			case w < lastW-1 && i+1 < len(fs) && fs[i+1].first && !reParen.MatchString(fs[i+1].text) &&
				!endsParen(f.text) && abs(width(fs[i+1].text)-w) <= 1:
				newCell = true
			}
		}
		if newCell {
			cells = append(cells, hcell{text: f.text, from: i})
		} else {
			cells[len(cells)-1].text += f.text
		}
		lastW = w
		closed = endsParen(f.text) || !f.last
	}
	return cells
}

func endsParen(s string) bool { return strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")") }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// fitHeader brings the header to n columns: a cell without a unit standing
// before cells with units is their upper-level header (科技服务业/新增入库企业（家）).
func fitHeader(h []string, n int) []string {
	for extra := len(h) - n; extra > 0; extra-- {
		parent := -1
		for c := 1; c+1 < len(h); c++ {
			if !isValueHeader(h[c]) && isValueHeader(h[c+1]) {
				parent = c
				break
			}
		}
		if parent < 0 {
			break
		}
		var out []string
		out = append(out, h[:parent]...)
		end := len(h)
		for c := parent + 1; c < len(h); c++ {
			if !isValueHeader(h[c]) {
				end = c
				break
			}
		}
		for c := parent + 1; c < end; c++ {
			out = append(out, h[parent]+"/"+h[c])
		}
		out = append(out, h[end:]...)
		h = out
	}
	for len(h) < n {
		h = append(h, "")
	}
	return h
}

// plausible rejects what the dynamic programming made of text that is no
// table: long header cells, figure columns without figures, runaway cells.
func (v *vocab) plausible(header []string, rows []schema.TableRow) bool {
	named := 0
	for _, h := range header {
		if runeLen(h) > 40 {
			return false
		}
		if h != "" {
			named++
		}
	}
	if named < 2 {
		return false
	}
	vals, all := 0, 0
	for _, r := range rows {
		for c, s := range r.Cells {
			if s == "" {
				continue
			}
			if runeLen(s) > 80 {
				return false
			}
			if isValueHeader(header[c]) {
				all++
				if v.isValue(s) || v.hasQualifierPrefix(s) {
					vals++
				}
			}
		}
	}
	return all > 0 && vals*10 >= all*7
}

// completeRow reports a line holding a whole row: a name then figures, or a
// 序号, a name, then figures.
func (v *vocab) completeRow(fs []frag) bool {
	if len(fs) >= 3 && reSeq.MatchString(fs[0].text) && !v.isValue(fs[1].text) {
		fs = fs[1:]
	}
	if len(fs) < 2 || v.isValue(fs[0].text) {
		return false
	}
	for _, f := range fs[1:] {
		if !v.isValue(f.text) {
			return false
		}
	}
	return true
}

var reJam = regexp.MustCompile(`^(\d{4}年|.+?[)）])(\p{Han}.*)$`)

// splitJammed separates header words that extraction printed without a
// gap: 序号设区市, 2020年合计, 数量（个）依托单位.
func (v *vocab) splitJammed(fs []frag) []frag {
	var out []frag
	for _, f := range fs {
		for {
			cut := 0
			if v.isSeqHead(f.text) {
				break // 序号 itself, not 序 jammed onto 号
			}
			for _, w := range v.seqhead {
				if strings.HasPrefix(f.text, w) && len(f.text) > len(w) && len(f.text) == f.span.Len() {
					cut = len(w)
					break
				}
			}
			if cut == 0 && len(f.text) == f.span.Len() {
				if m := reJam.FindStringSubmatch(f.text); m != nil && runeLen(m[1]) <= 16 {
					cut = len(m[1])
				}
			}
			if cut == 0 {
				break
			}
			a, b := f, f
			a.text, a.span.End, a.last = f.text[:cut], f.span.Start+cut, false
			b.text, b.span.Start, b.first = f.text[cut:], f.span.Start+cut, false
			out = append(out, a)
			f = b
		}
		out = append(out, f)
	}
	return out
}

// lineIsRow reports whether the line starting at fs[i] holds one whole row.
func (v *vocab) lineIsRow(fs []frag, i, n int) bool {
	j := i
	for j < len(fs) && fs[j].line == fs[i].line {
		j++
	}
	return j-i == n && v.completeRow(fs[i:j])
}
