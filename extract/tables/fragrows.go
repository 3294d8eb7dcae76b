package tables

import (
	"math"
	"strings"

	"policyx/schema"
)

// fragRows cuts the data frags into cells and rows of len(header) columns
// by dynamic programming: figure columns want figures, unit columns want
// names ending in 局/委/…, a cell's wrapped lines share one width.
func (v *vocab) fragRows(fs []frag, header []string) []schema.TableRow {
	// long tables go in chunks cut before lines that hold a whole row, so
	// the dynamic programming stays small
	const chunk = 3000
	if len(fs) > chunk {
		var rows []schema.TableRow
		start := 0
		for i := chunk; i < len(fs); i++ {
			if fs[i].first && i-start >= chunk && v.lineIsRow(fs, i, len(header)) {
				rows = append(rows, v.fragRows(fs[start:i], header)...)
				start = i
			}
		}
		if start > 0 {
			return append(rows, v.fragRows(fs[start:], header)...)
		}
	}
	rows := v.fragRowsWith(fs, header, nil)
	// second pass: columns mostly "/" take a missing cell more readily
	return v.fragRowsWith(fs, header, slashShares(rows, len(header)))
}

// slashShares is, per column, the share of its non-empty cells that are an
// empty mark ("/").
func slashShares(rows []schema.TableRow, n int) []float64 {
	slash := make([]float64, n)
	for c := range n {
		marks, all := 0, 0
		for _, r := range rows {
			if r.Cells[c] != "" {
				all++
				if isEmptyMark(r.Cells[c]) {
					marks++
				}
			}
		}
		if all > 0 {
			slash[c] = float64(marks) / float64(all)
		}
	}
	return slash
}

// fragRowsWith cuts fs into rows of len(header) cells; slash, when not
// nil, is slashShares of a first cut.
func (v *vocab) fragRowsWith(fs []frag, header []string, slash []float64) []schema.TableRow {
	if len(header) < 2 || len(fs) == 0 {
		return nil
	}
	cells, ok := newFragCutter(v, fs, header, slash).cut()
	if !ok {
		return nil
	}
	rows := fragCellRows(fs, cells, len(header))
	v.markFragTotals(rows, header)
	return rows
}

// fragCutter is the dynamic programming of fragRowsWith: which runs of
// frags make the cells of which columns.
type fragCutter struct {
	v       *vocab
	fs      []frag
	w       []int // display width of every frag
	n       int   // columns
	valCol  []bool
	deptCol []bool
	slash   []float64
	shapes  map[[2]int]cellShape
}

// cellShape is the shape of a candidate cell fs[i:j], whatever its column.
type cellShape struct {
	join                              float64 // cost of its line joins
	val, qual, digit, empty, num, dep bool
}

// fragCell is one cell of the cut: column c holds fs[i:j]; i < 0 for a
// column left empty.
type fragCell struct {
	c    int
	i, j int
}

func newFragCutter(v *vocab, fs []frag, header []string, slash []float64) *fragCutter {
	n := len(header)
	x := &fragCutter{v: v, fs: fs, n: n, valCol: make([]bool, n), deptCol: make([]bool, n), slash: slash,
		w: make([]int, len(fs)), shapes: map[[2]int]cellShape{}}
	for c, h := range header {
		x.valCol[c] = isValueHeader(h)
		k := key(h)
		x.deptCol[c] = !x.valCol[c] && (strings.ContainsAny(k, "部门牵头责任配合") || strings.HasSuffix(k, "单位") && runeLen(k) > 2)
	}
	for i, f := range fs {
		x.w[i] = width(f.text)
	}
	return x
}

// joinable reports frags k and k+1 on consecutive lines (a wrap).
func (x *fragCutter) joinable(k int) bool { return x.fs[k].last && x.fs[k+1].first }

func (x *fragCutter) shape(i, j int) cellShape {
	if sh, ok := x.shapes[[2]int{i, j}]; ok {
		return sh
	}
	var sh cellShape
	var b strings.Builder
	w := x.w
	for k := i; k < j; k++ {
		b.WriteString(x.fs[k].text)
		if k > i && !reParen.MatchString(x.fs[k].text) {
			if w[k] > w[k-1]+1 {
				sh.join += 2
			}
			if k-1 > i && w[k-1] < w[k-2]-1 {
				sh.join += 2
			}
		}
	}
	txt := b.String()
	sh.val = x.v.isValue(txt)
	sh.qual = x.v.hasQualifierPrefix(txt)
	sh.digit = strings.ContainsAny(txt, "0123456789")
	sh.empty = isEmptyMark(txt)
	_, sh.num = number(txt)
	sh.dep = x.v.endsDept(txt)
	x.shapes[[2]int{i, j}] = sh
	return sh
}

// cellCost is the cost of fs[i:j] as a cell of column c.
func (x *fragCutter) cellCost(i, j, c int) float64 {
	sh := x.shape(i, j)
	cost := sh.join
	if !x.valCol[c] {
		if sh.val && !sh.empty {
			cost += 2
		}
		if x.deptCol[c] && !sh.dep {
			cost += 1.5
		}
		return cost
	}
	if x.slash != nil {
		if sh.empty && x.slash[c] < 0.3 || sh.num && x.slash[c] > 0.7 {
			cost += 0.5
		}
	}
	switch {
	case sh.val:
	case sh.qual:
		cost += 0.5
	case sh.digit:
		cost += 1.5
	default:
		cost += 2.5
	}
	return cost
}

// breakCost is the cost of ending a cell of column c that starts at fs[i]
// before fs[j] where the two are one wrapped line.
func (x *fragCutter) breakCost(i, j, c int) float64 {
	if j >= len(x.fs) || !x.joinable(j-1) {
		return 0
	}
	a, b := x.fs[j-1].text, x.fs[j].text
	w := x.w
	switch {
	case reParen.MatchString(b):
		return 3
	case strings.HasSuffix(a, "、") || strings.HasSuffix(a, "，") || strings.HasSuffix(a, ",") || strings.HasSuffix(a, "（"):
		return 2
	case w[j] > w[j-1]+1:
		return 0
	case j-1 > i && w[j-1] < w[j-2]-1:
		return 0
	case x.shape(j-1, j).val || x.shape(j, j+1).val:
		return 0
	case x.deptCol[c] && x.shape(j-1, j).dep:
		return 0.5
	}
	return 1
}

// fragStep is how the dynamic programming reached a state: from state
// (i, c), placing fs[i:j] in column c; j < 0 for a skipped column.
type fragStep struct{ i, c, j int }

// cut finds the cheapest cells, in order; ok is false when none cover the
// frags.
func (x *fragCutter) cut() ([]fragCell, bool) {
	best, bk := x.solve()
	F := len(x.fs)
	end, endCost := -1, math.Inf(1)
	for i := 1; i <= F; i++ {
		if s := best[i][0] + 1.5*float64(F-i); s < endCost {
			end, endCost = i, s
		}
	}
	if end < 0 {
		return nil, false
	}
	// walk back: collect cells per column
	var cells []fragCell
	i, c := end, 0
	for i > 0 || c > 0 {
		b := bk[i][c]
		if b.j >= 0 {
			cells = append(cells, fragCell{b.c, b.i, b.j})
		} else {
			cells = append(cells, fragCell{b.c, -1, -1})
		}
		i, c = b.i, b.c
	}
	for l, r := 0, len(cells)-1; l < r; l, r = l+1, r-1 {
		cells[l], cells[r] = cells[r], cells[l]
	}
	return cells, true
}

// solve fills best[i][c], the least cost of placing fs[:i] with the next
// cell in column c, and the step that reached each state.
func (x *fragCutter) solve() ([][]float64, [][]fragStep) {
	F, n := len(x.fs), x.n
	inf := math.Inf(1)
	best := make([][]float64, F+1)
	bk := make([][]fragStep, F+1)
	for i := range best {
		best[i] = make([]float64, n)
		bk[i] = make([]fragStep, n)
		for c := range best[i] {
			best[i][c] = inf
		}
	}
	best[0][0] = 0
	for i := 0; i <= F; i++ {
		for c := 0; c < n; c++ {
			cur := best[i][c]
			if cur == inf {
				continue
			}
			if x.valCol[c] && c+1 < n {
				skip := 3.0
				if x.slash != nil {
					skip -= x.slash[c]
				}
				if s := cur + skip; s < best[i][c+1] {
					best[i][c+1], bk[i][c+1] = s, fragStep{i, c, -1}
				}
			}
			for j := i + 1; j <= F && j <= i+12; j++ {
				if j-1 > i && !x.joinable(j-2) {
					break
				}
				s := cur + x.cellCost(i, j, c) + x.breakCost(i, j, c)
				nc := (c + 1) % n
				if s < best[j][nc] {
					best[j][nc], bk[j][nc] = s, fragStep{i, c, j}
				}
			}
		}
	}
	return best, bk
}

// fragCellRows assembles the cells of the cut into rows of n cells; a row
// starts at every cell of column 0.
func fragCellRows(fs []frag, cells []fragCell, n int) []schema.TableRow {
	var rows []schema.TableRow
	var row *schema.TableRow
	for _, ce := range cells {
		if ce.c == 0 {
			rows = append(rows, schema.TableRow{Cells: make([]string, n), Span: schema.Span{Start: -1}})
			row = &rows[len(rows)-1]
		}
		if ce.i < 0 {
			continue
		}
		var b strings.Builder
		for k := ce.i; k < ce.j; k++ {
			b.WriteString(fs[k].text)
		}
		row.Cells[ce.c] = b.String()
		if row.Span.Start < 0 {
			row.Span.Start = fs[ce.i].span.Start
		}
		row.Span.End = fs[ce.j-1].span.End
	}
	return rows
}

// markFragTotals marks the total rows and sets every other row's 序号.
func (v *vocab) markFragTotals(rows []schema.TableRow, header []string) {
	seqCol := -1
	for c, h := range header {
		if v.isSeqHead(h) {
			seqCol = c
		}
	}
	for r := range rows {
		for c, s := range rows[r].Cells {
			if c < 2 && v.isTotal(s) {
				rows[r].IsTotal = true
			}
		}
		// 合计 stands in the 序号 column when that is empty
		if cs := rows[r].Cells; rows[r].IsTotal && seqCol == 0 && len(cs) > 1 && cs[0] == "" && v.isTotal(cs[1]) {
			cs[0], cs[1] = cs[1], ""
		}
		if seqCol >= 0 && !rows[r].IsTotal {
			rows[r].Seq = rows[r].Cells[seqCol]
		}
	}
}
