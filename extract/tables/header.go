package tables

import "strings"

// topCaption reads the rows spanning the whole table at its top, from
// ls[i] on, as its caption (title, 附件 label, unit note); it returns the
// index of the first other row.
func (t *table) topCaption(ls []line, i int) int {
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
	return i
}

// cellHeader reads the header rows from ls[i]: the header, the mapping of
// raw columns onto it (for rows of the raw header's width; nil when none)
// and the index of the first row below it.
func (v *vocab) cellHeader(ls []line, i int) ([]string, []int, int) {
	hdr := ls[i].cells
	if v.rowLooksData(hdr) {
		// a table block without a header row
		return make([]string, len(hdr)), nil, i
	}
	j := i + 1
	header, colmap := mergeHeader(hdr, nil)
	// further header rows: two- and three-level headers
	for n := 0; n < 3 && v.subHeader(ls, i, j); n++ {
		if n == 0 {
			header = twoLevel(hdr, ls[j].cells) // the raw row: its empty cells are spanned
		} else {
			header = twoLevel(header, ls[j].cells)
		}
		colmap = nil
		j++
	}
	if colmap == nil && len(header) != len(hdr) {
		header, colmap = mergeHeader(hdr, nil)
	}
	if colmap != nil {
		if keep := v.unitCols(ls, i, j); keep != nil {
			header, colmap = mergeHeader(hdr, keep)
		}
	}
	return header, colmap, j
}

// unitCols marks the columns without a header cell of the table block
// whose header row is ls[i] and first body row ls[j] that hold units (a 指标
// cell spanning the 指标 and 单位 columns: 研发经费投入强度 | %): they are
// columns of their own, not a finer category of the column on their left.
func (v *vocab) unitCols(ls []line, i, j int) []bool {
	hdr := ls[i].cells
	p := loadParser()
	var keep []bool
	for c := 1; c < len(hdr)-1; c++ {
		if hdr[c] != "" {
			continue
		}
		units, others := 0, 0
		for k := j; k < len(ls) && ls[k].block == ls[i].block && ls[k].isTable; k++ {
			if len(ls[k].cells) != len(hdr) || ls[k].cells[c] == "" {
				continue
			}
			if p.IsUnit(key(ls[k].cells[c])) {
				units++
			} else {
				others++
			}
		}
		if units >= 2 && others == 0 {
			if keep == nil {
				keep = make([]bool, len(hdr))
			}
			keep[c] = true
		}
	}
	return keep
}

// subHeader reports a row ls[j] of the table block of the header row ls[i]
// that is a further header row under it.
func (v *vocab) subHeader(ls []line, i, j int) bool {
	hdr := ls[i].cells
	return j < len(ls) && len(ls[j].cells) >= 2 && ls[j].block == ls[i].block && ls[i].isTable &&
		!v.rowLooksData(ls[j].cells) && (spans(hdr) || spans(ls[j].cells)) && len(ls[j].cells) == len(hdr) && !isSpanned(ls[j].cells) &&
		!holdsFigure(ls[j].cells)
}

// holdsFigure reports a row with a cell that is a figure other than a year:
// a data row (创新投入 | 研发经费投入强度 | % | 2.1 | 2.8 | 预期性 under a
// header whose 指标 spans two columns), never a header row (2021 under 年度目标).
func holdsFigure(cells []string) bool {
	for _, c := range cells {
		if f, ok := number(c); ok && !(f >= 1900 && f <= 2100 && f == float64(int(f))) {
			return true
		}
	}
	return false
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
// covers (本年处理决定数量 ×3 over 550 ×3), or leave it empty: a column
// without a header whose text never stands beside text on its left is the
// second grid column of the header on its left (a Word page's 城乡居民医保
// colspan=2 over 50元/月 colspan=2 in most rows, over ""|14400元/年 in one).
func dropSpannedCols(header []string, raws []rawRow) ([]string, []rawRow) {
	n := len(header)
	drop := make([]bool, n)
	any := false
	for c := 1; c < n; c++ {
		if header[c] == "" && header[c-1] != "" && len(raws) > 0 {
			drop[c] = foldable(raws, n, c)
			any = any || drop[c]
			continue
		}
		if header[c] != header[c-1] {
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
			switch {
			case !drop[c]:
				out = append(out, s)
			case header[c] == "" && header[c-1] != "" && out[len(out)-1] == "":
				out[len(out)-1] = s // the spanned column's text, written in its second grid column
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

// foldable reports that column c, which has no header of its own, is a
// second grid column of the header cell on its left: no full row of raws
// has text in both.
func foldable(raws []rawRow, n, c int) bool {
	for _, r := range raws {
		if len(r.cells) != n {
			if r.group == "" {
				return false
			}
			continue
		}
		if r.cells[c] != "" && r.cells[c-1] != "" {
			return false
		}
	}
	return true
}

// mergeHeader drops empty header cells that stand for a spanned column,
// but for the columns keep marks, and returns the mapping of raw columns
// onto the remaining ones.
func mergeHeader(hdr []string, keep []bool) ([]string, []int) {
	var out []string
	colmap := make([]int, len(hdr))
	merged := false
	for c, h := range hdr {
		if h == "" && c > 0 && c < len(hdr)-1 && (keep == nil || !keep[c]) {
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
