package tables

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"policyx/schema"
)

var (
	// reCount finds "核心技术44项" / "共123项" in a statement (text in key form).
	reCount      = regexp.MustCompile(`(\d+)(?:项|条|个)`)
	reCountIn    = regexp.MustCompile(`([^，,；;：:。、\d]*?)(\d+)(项|条)`)
	reGroupCount = regexp.MustCompile(`[（(]共(\d+)(?:项|条|个)[)）]`)
	reSeqNum     = regexp.MustCompile(`^(\d{1,4})[.．、]?$`)
	reSubSeq     = regexp.MustCompile(`^(?:[（(]\d{1,3}[)）]|\d{1,3}[.．]\d{1,3}[.．]?|[①-⑳])$`)
)

// check runs the consistency checks on table ti.
func (v *vocab) check(ti int, t *schema.Table, raw *table, juris string) []schema.Check {
	var out []schema.Check
	out = append(out, seqChecks(ti, t)...)
	out = append(out, v.sumChecks(ti, t, v.wholeArea(t, juris))...)
	for n, note := range raw.notes {
		out = append(out, countChecks(ti, t, note, raw.noteSpans[n])...)
	}
	out = append(out, groupCounts(ti, t, raw)...)
	out = append(out, titleCount(ti, t)...)
	return out
}

// titleCount compares a caption that states the count of its items
// (重点任务清单（共4项）) with the rows; a section heading taken as the
// caption (三、申请办理情况（共2项）) counts what its section holds.
func titleCount(ti int, t *schema.Table) []schema.Check {
	m := reGroupCount.FindStringSubmatch(key(t.Title))
	if m == nil || reHeading.MatchString(key(t.Title)) {
		return nil
	}
	want, _ := strconv.Atoi(m[1])
	got := 0
	for _, n := range itemCounts(t.Rows) {
		got += n
	}
	if got == want {
		return nil
	}
	return []schema.Check{{Table: ti, Kind: "count_mismatch", Span: t.Span, Message: fmt.Sprintf("%s：标明共 %d 项，表中列有 %d 项", t.Title, want, got)}}
}

// groupCounts compares a group heading that states its count
// (一、知识产权保护方面（共5项）) with the rows under it.
func groupCounts(ti int, t *schema.Table, raw *table) []schema.Check {
	var out []schema.Check
	for g, span := range raw.groupSpans {
		m := reGroupCount.FindStringSubmatch(key(g))
		if m == nil {
			continue
		}
		want, _ := strconv.Atoi(m[1])
		got := itemCounts(t.Rows)[g]
		if got != want {
			out = append(out, schema.Check{Table: ti, Kind: "count_mismatch", Span: span,
				Message: fmt.Sprintf("%s：标明共 %d 项，表中列有 %d 项", g, want, got)})
		}
	}
	sortChecks(out)
	return out
}

func sortChecks(cs []schema.Check) {
	sort.Slice(cs, func(a, b int) bool { return cs[a].Span.Start < cs[b].Span.Start })
}

// seqChecks reports 序号 that skip or repeat. Numbering may restart at 1
// (under a new group heading).
func seqChecks(ti int, t *schema.Table) []schema.Check {
	var out []schema.Check
	prev := 0
	have := false
	var last schema.TableRow
	for _, r := range t.Rows {
		if r.IsTotal {
			continue
		}
		m := reSeqNum.FindStringSubmatch(key(r.Seq))
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		rowspan := n == prev && sameItem(last, r)
		last = r
		switch {
		case !have || n == 1 || n == prev+1 || rowspan:
		case n == prev:
			out = append(out, schema.Check{Table: ti, Kind: "seq_repeat", Span: r.Span,
				Message: fmt.Sprintf("序号 %d 重复出现（上一行也是 %d）", n, prev)})
		case n > prev+1:
			out = append(out, schema.Check{Table: ti, Kind: "seq_gap", Span: r.Span,
				Message: fmt.Sprintf("序号从 %d 跳到 %d，缺 %s", prev, n, missing(prev, n))})
		default:
			out = append(out, schema.Check{Table: ti, Kind: "seq_repeat", Span: r.Span,
				Message: fmt.Sprintf("序号 %d 出现在 %d 之后，编号回退", n, prev)})
		}
		prev, have = n, true
	}
	return out
}

// sameItem reports two rows of one item whose 序号 and name cells a reader
// repeated from a cell spanning both rows.
func sameItem(a, b schema.TableRow) bool {
	same := 0
	for c := 0; c < len(a.Cells) && c < len(b.Cells) && c < 3; c++ {
		if a.Cells[c] != "" && a.Cells[c] == b.Cells[c] {
			same++
		}
	}
	return same >= 2
}

func missing(a, b int) string {
	var s []string
	for k := a + 1; k < b && len(s) < 5; k++ {
		s = append(s, strconv.Itoa(k))
	}
	if b-a-1 > 5 {
		s = append(s, "…")
	}
	return strings.Join(s, "、")
}

var reWholeArea = regexp.MustCompile(`^全(?:市|区|省|县|州|盟|旗|镇|乡)$`)

// wholeArea returns the row that names the whole area the other rows
// divide — the document's jurisdiction (柳州市 over its districts) or 全市 —
// or -1 when no single row does.
func (v *vocab) wholeArea(t *schema.Table, juris string) int {
	j := key(juris)
	found := -1
	for i, r := range t.Rows {
		if r.IsTotal {
			continue
		}
		name := key(firstText(r.Cells))
		if name == "" || !(j != "" && name == j || reWholeArea.MatchString(name)) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = i
	}
	return found
}

// sumChecks compares the figure columns with total rows: a 合计 row against
// the rows above it (a 小计 row against the rows since the previous total or
// group), and a row that is the sum of the rest (a city over its districts)
// against that sum: the row whole that names the whole area, else a first
// row whose figures mostly are the sums.
func (v *vocab) sumChecks(ti int, t *schema.Table, whole int) []schema.Check {
	if len(t.Header) == 0 || len(t.Rows) < 3 {
		return nil
	}
	s := &sums{ti: ti, t: t, numeric: v.numericCols(t), whole: whole}
	out := v.totalChecks(s)
	var data []schema.TableRow
	for _, r := range t.Rows {
		if !r.IsTotal {
			data = append(data, r)
		}
	}
	if whole > 0 && len(data) >= 3 {
		return append(out, s.wholeChecks()...)
	}
	if len(data) >= 3 && len(data) == len(t.Rows) {
		out = append(out, s.topRowChecks()...)
	}
	return out
}

// sums is a table whose columns sumChecks adds up.
type sums struct {
	ti      int
	t       *schema.Table
	numeric []bool // the figure columns
	whole   int    // the row naming the whole area, -1 when none
}

// numericCols are the columns where most data rows hold numbers, other than
// the 序号 and rates.
func (v *vocab) numericCols(t *schema.Table) []bool {
	n := len(t.Header)
	seqCol := -1
	for c, h := range t.Header {
		if v.isSeqHead(h) {
			seqCol = c
		}
	}
	numeric := make([]bool, n)
	for c := range n {
		if c == seqCol {
			continue
		}
		nums, all := 0, 0
		for _, r := range t.Rows {
			if r.IsTotal || c >= len(r.Cells) || r.Cells[c] == "" {
				continue
			}
			all++
			if _, ok := number(r.Cells[c]); ok || isEmptyMark(r.Cells[c]) {
				nums++
			}
		}
		numeric[c] = all >= 2 && nums*10 >= all*8 && !ratioHeader(t.Header[c])
	}
	return numeric
}

// colSum sums column c over rows (got, with dec decimals) for the figure of
// row r in it (want); ok is false when there is nothing to compare: no
// figure, a percentage, or fewer than two figures summed.
func (s *sums) colSum(r schema.TableRow, rows []schema.TableRow, c int) (got, want float64, dec int, ok bool) {
	if !s.numeric[c] || c >= len(r.Cells) {
		return 0, 0, 0, false
	}
	want, ok = number(r.Cells[c])
	if !ok || strings.HasSuffix(key(r.Cells[c]), "%") {
		return 0, 0, 0, false
	}
	cnt := 0
	for _, row := range rows {
		if c >= len(row.Cells) {
			continue
		}
		if f, ok := number(row.Cells[c]); ok {
			got += f
			cnt++
			dec = max(dec, decimals(row.Cells[c]))
		}
	}
	return got, want, dec, cnt >= 2
}

// mismatch is a sum_mismatch finding on row r in column c.
func (s *sums) mismatch(r schema.TableRow, c int, format string, got float64, dec int) schema.Check {
	return schema.Check{Table: s.ti, Kind: "sum_mismatch", Span: r.Span,
		Message: fmt.Sprintf(format, s.t.Header[c], fmtNum(got, dec), key(firstText(r.Cells)), r.Cells[c])}
}

// totalChecks compares every total row with the rows it adds up.
func (v *vocab) totalChecks(s *sums) []schema.Check {
	var out []schema.Check
	t := s.t
	lastTotal := 0
	for i, r := range t.Rows {
		if !r.IsTotal {
			continue
		}
		sub := false
		for _, c := range r.Cells[:min(2, len(r.Cells))] {
			if v.isSubtotal(c) {
				sub = true
			}
		}
		var part []schema.TableRow
		for k := 0; k < i; k++ {
			if t.Rows[k].IsTotal || k == s.whole {
				continue
			}
			if sub && (k < lastTotal || t.Rows[k].Group != r.Group) {
				continue
			}
			part = append(part, t.Rows[k])
		}
		if sub {
			lastTotal = i + 1
		}
		out = append(out, s.totalRowChecks(r, part)...)
	}
	return out
}

// totalRowChecks compares total row r with the rows part it adds up.
func (s *sums) totalRowChecks(r schema.TableRow, part []schema.TableRow) []schema.Check {
	var out []schema.Check
	// rows of sub-items（1）, 1.1 under an item: the total may count the
	// items alone
	var top []schema.TableRow
	for _, row := range part {
		if !reSubSeq.MatchString(key(row.Seq)) {
			top = append(top, row)
		}
	}
	for c := range len(s.t.Header) {
		if got, want, dec, ok := s.colSum(r, part, c); ok && !near(got, want, dec, decimals(r.Cells[c])) {
			if len(top) < len(part) {
				if g2, _, d2, ok2 := s.colSum(r, top, c); ok2 && near(g2, want, d2, decimals(r.Cells[c])) {
					continue
				}
			}
			out = append(out, s.mismatch(r, c, "%s列：各行之和为 %s，%s行为 %s", got, dec))
		}
	}
	return out
}

// wholeChecks compares a named whole-area row below the first with the
// other rows: every column that disagrees with its parts is a finding.
func (s *sums) wholeChecks() []schema.Check {
	var out []schema.Check
	var rest []schema.TableRow
	for i, r := range s.t.Rows {
		if !r.IsTotal && i != s.whole {
			rest = append(rest, r)
		}
	}
	top := s.t.Rows[s.whole]
	for c := range len(s.t.Header) {
		if got, want, dec, ok := s.colSum(top, rest, c); ok && !near(got, want, dec, decimals(top.Cells[c])) {
			out = append(out, s.mismatch(top, c, "%s列：其余各行之和为 %s，%s行为 %s", got, dec))
		}
	}
	return out
}

// topRowChecks compares the first row of a table without total rows with
// the rows below it, when it names the whole area or most of its figures
// are their sums.
func (s *sums) topRowChecks() []schema.Check {
	top, rest := s.t.Rows[0], s.t.Rows[1:]
	type cmp struct {
		c   int
		got float64
		dec int
	}
	var hits, misses []cmp
	for c := range len(s.t.Header) {
		got, want, dec, ok := s.colSum(top, rest, c)
		if !ok {
			continue
		}
		x := cmp{c, got, dec}
		if near(got, want, dec, decimals(top.Cells[c])) {
			if want != 0 {
				hits = append(hits, x)
			}
		} else {
			misses = append(misses, x)
		}
	}
	if s.whole != 0 && (len(hits) < 2 || len(hits) <= len(misses)) {
		return nil
	}
	var out []schema.Check
	for _, x := range misses {
		out = append(out, s.mismatch(top, x.c, "%s列：以下各行之和为 %s，首行%s为 %s", x.got, x.dec))
	}
	return out
}

func firstText(cells []string) string {
	for _, c := range cells {
		if c != "" {
			if _, ok := number(c); !ok {
				return c
			}
		}
	}
	return ""
}

func near(got, want float64, dec, wdec int) bool {
	tol := 0.5 * math.Pow(10, -float64(min(dec, wdec)))
	if dec > 0 || wdec > 0 {
		tol = math.Max(tol, 0.011)
	} else {
		tol = 1e-9
	}
	return math.Abs(got-want) <= tol
}

func fmtNum(f float64, dec int) string {
	return strconv.FormatFloat(f, 'f', dec, 64)
}

// countChecks compares a count statement (合计：A 44项，B 17项，共123项 /
// 备注：…共 N 项) with the rows: named parts against the rows of the group of
// that name, the total against all rows.
func countChecks(ti int, t *schema.Table, stmt string, span schema.Span) []schema.Check {
	var out []schema.Check
	for _, sent := range strings.Split(key(reTag.ReplaceAllString(stmt, "")), "。") {
		out = append(out, countSentence(ti, t, sent, span)...)
	}
	return out
}

func countSentence(ti int, t *schema.Table, k string, span schema.Span) []schema.Check {
	ms := reCountIn.FindAllStringSubmatch(k, -1)
	if len(ms) == 0 {
		return nil
	}
	groups := itemCounts(t.Rows)
	var order []string
	rows := 0
	for _, r := range t.Rows {
		if r.IsTotal {
			continue
		}
		if len(order) == 0 || order[len(order)-1] != r.Group {
			order = append(order, r.Group)
		}
	}
	for _, n := range groups {
		rows += n
	}
	var out []schema.Check
	type part struct {
		name string
		n    int
	}
	var parts []part
	total, haveTotal := 0, false
	for _, m := range ms {
		name := m[1]
		n, _ := strconv.Atoi(m[2])
		isTot := false
		for _, w := range []string{"合计", "总计", "共计", "总共", "共"} {
			if strings.HasSuffix(name, w) || name == w {
				trimmed := strings.TrimSuffix(name, w)
				// "…项目共16项" is a part with a name; a bare 共/合计 is the total
				if trimmed == "" || strings.HasSuffix(w, "计") {
					isTot = true
				} else {
					name = trimmed
				}
				break
			}
		}
		if isTot {
			total, haveTotal = n, true
			continue
		}
		parts = append(parts, part{name, n})
	}
	// named parts against groups
	matched := 0
	for _, p := range parts {
		for _, g := range order {
			if g != "" && p.name != "" && strings.Contains(key(g), p.name) {
				matched++
				if groups[g] != p.n {
					out = append(out, schema.Check{Table: ti, Kind: "count_mismatch", Span: span,
						Message: fmt.Sprintf("%s：说明为 %d 项，表中列有 %d 项", p.name, p.n, groups[g])})
				}
				break
			}
		}
	}
	if !haveTotal {
		if len(parts) == 1 && matched == 0 && strings.HasPrefix(k, "共") {
			total, haveTotal = parts[0].n, true
		} else {
			return out
		}
	}
	if total != rows {
		out = append(out, schema.Check{Table: ti, Kind: "count_mismatch", Span: span,
			Message: fmt.Sprintf("说明为共 %d 项，表中列有 %d 项", total, rows)})
	}
	if len(parts) >= 2 && matched == 0 {
		s := 0
		for _, p := range parts {
			s += p.n
		}
		if s != total {
			out = append(out, schema.Check{Table: ti, Kind: "count_mismatch", Span: span,
				Message: fmt.Sprintf("分项之和为 %d 项，合计为 %d 项", s, total)})
		}
	}
	return out
}

// ratioHeader reports a column of rates or shares, whose figures do not add up.
func ratioHeader(h string) bool {
	k := key(h)
	for _, w := range []string{"%", "率", "比重", "增速", "占比", "比例", "强度", "平均", "均值", "人均", "增长", "单价", "标准"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// itemCounts counts the items of each group: rows, except that rows sharing
// one 序号 (a cell spanning them) are one item.
func itemCounts(rows []schema.TableRow) map[string]int {
	out := map[string]int{}
	seen := map[string]bool{}
	for _, r := range rows {
		if r.IsTotal {
			continue
		}
		if r.Seq != "" {
			k := r.Group + "\x00" + key(r.Seq)
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out[r.Group]++
	}
	return out
}
