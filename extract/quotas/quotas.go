// Package quotas reads the numbers that commitment tables assign — a
// 目标分解表 by district, a 年度目标安排表 by city and year, a 创建计划表 with
// a 数量 column, a task table with year columns — as targets with source
// "table": one per numeric cell, with the row's name as entity, the column's
// (or the row's, or the caption's) indicator as subject, the column's or the
// caption's year as deadline, and the unit of the header, the row, the
// table's unit note or the cell.
//
// It reads the tables the tables extractor produced (doc.Tables) and skips
// tables of past statistics, decided from the table and its context: the
// document's genre (an annual report), the caption and the enclosing
// headings (现状, 完成情况), and columns of past years or present values.
package quotas

import (
	"fmt"
	"policyx/lexicon"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"policyx/extract/tables"
	"policyx/normalize/numbers"
	"policyx/schema"
)

var loadParser = sync.OnceValue(numbers.MustLoad)

// Extract returns the quotas of doc, in table and row order.
func Extract(doc *schema.Document) []schema.Target {
	return ExtractWith(doc, loadParser())
}

// ExtractWith is Extract with a loaded number parser.
func ExtractWith(doc *schema.Document, p *numbers.Parser) []schema.Target {
	v := loadVocab()
	if lexicon.ContainsAny(tables.Key(doc.Meta.Title), v.pastDoc) {
		return nil
	}
	docYear := 0
	if len(doc.Meta.IssueDate) >= 4 {
		docYear, _ = strconv.Atoi(doc.Meta.IssueDate[:4])
	} else if a, _ := titleYears(doc.Meta.Title); a > 0 {
		// undated: the first year the title names (…行动方案（2018—2020年）)
		docYear = a
	}
	var out []schema.Target
	for ti := range doc.Tables {
		t := &doc.Tables[ti]
		if v.pastTable(doc, t) {
			continue
		}
		out = append(out, v.table(doc, p, ti, docYear)...)
	}
	return out
}

// pastTable reports a table of past statistics from its caption and the
// headings above it.
func (v *vocab) pastTable(doc *schema.Document, t *schema.Table) bool {
	cap := tables.Key(t.Title)
	if lexicon.ContainsAny(cap, v.pastCtx) {
		return true
	}
	if !lexicon.ContainsAny(cap, v.commitCtx) {
		c := reBracket.ReplaceAllString(cap, "")
		c = strings.TrimSuffix(strings.TrimSuffix(c, "表"), "一览")
		if lexicon.HasSuffixAny(c, v.pastEnd) {
			return true
		}
	}
	for _, s := range doc.Sections {
		if s.Span.Start <= t.Span.Start && t.Span.Start < s.Span.End {
			if k := tables.Key(s.Title); lexicon.ContainsAny(k, v.pastCtx) && !lexicon.ContainsAny(k, v.taskVerb) {
				return true
			}
		}
	}
	return false
}

var (
	reBracket   = regexp.MustCompile(`[（(][^（()）]*[)）]`)
	reTailUnit  = regexp.MustCompile(`[（(]([^（()）]{1,16})[)）]$`)
	reHeadYear  = regexp.MustCompile(`^((?:19|20)\d\d)(?:年度|年)?(?:[-—–~～至到]+((?:19|20)\d\d)(?:年度|年)?)?`)
	reTitleYear = regexp.MustCompile(`((?:19|20)\d\d)\s*(?:年|年度)?\s*(?:[-—–~～至到]+\s*((?:19|20)\d\d))?\s*年`)
	reDateCell  = regexp.MustCompile(`^(?:19|20)\d\d(?:年|[-/－—–~～至]\d)`)
	reRowYear   = regexp.MustCompile(`^((?:19|20)\d\d)(?:年度|年)?(?:目标|计划|任务)?$`)
	reYearNum   = regexp.MustCompile(`^(?:19[5-9]\d|20\d\d)$`)
	reNumLead   = regexp.MustCompile(`^\d{1,3}(?:[.．、]|\s)\s*|^[（(][一二三四五六七八九十\d]{1,3}[)）]\s*|^[一二三四五六七八九十]{1,3}、\s*|^[①-⑳]\s*`)
	reNumber    = regexp.MustCompile(`\d+(?:,\d{3})*(?:\.\d+)?`)
	reLead      = regexp.MustCompile(`^(?:各|全)[^、，,（(]{0,6}(?:市|县|区|州|盟|旗|单位|部门|地)(?:[、和及与][^、，,（(]{0,6}(?:市|县|区|州|单位|部门))*`)
)

// column is what a header says about its column.
type column struct {
	skip    bool
	unitCol bool
	year    int
	unit    string // unit from the header, "" when none
	subject string // header without unit and year
}

func (v *vocab) header(p *numbers.Parser, h string, docYear int) column {
	k := tables.Key(h)
	var c column
	if k == "" {
		return c
	}
	if tables.IsSeqHeader(k) || tables.IsTotalLabel(k) || lexicon.ContainsAny(k, v.skipCol) {
		c.skip = true
		return c
	}
	if lexicon.ContainsAny(k, v.pastCol) && !lexicon.ContainsAny(k, v.commitCol) {
		c.skip = true
		return c
	}
	var subj []string
	for _, part := range strings.Split(k, "/") {
		for {
			m := reTailUnit.FindStringSubmatchIndex(part)
			if m == nil {
				break
			}
			inner := part[m[2]:m[3]]
			u := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(inner, "单位"), "计量单位"), ":：")
			if isUnit(p, u) {
				if c.unit == "" {
					c.unit = u
				}
			} else if lexicon.ContainsAny(inner, v.pastCol) && !lexicon.ContainsAny(inner, v.commitCol) {
				c.skip = true
				return c
			}
			part = part[:m[0]]
		}
		if strings.HasSuffix(part, "%") {
			part = strings.TrimSuffix(part, "%")
			if c.unit == "" {
				c.unit = "%"
			}
		}
		if m := reHeadYear.FindStringSubmatch(part); m != nil {
			y, _ := strconv.Atoi(m[1])
			if m[2] != "" {
				y, _ = strconv.Atoi(m[2]) // 2021—2023年: by the range's end
			}
			c.year = y
			part = part[len(m[0]):]
		}
		part = strings.Trim(part, "：:、 ")
		if part != "" {
			subj = append(subj, part)
		}
	}
	c.subject = strings.Join(subj, "")
	if c.year > 0 && docYear > 0 && c.year < docYear {
		c.skip = true // a past year's column
	}
	return c
}

// isUnit reports a unit of the number vocabulary (家, 亿元, %, 万元/家).
func isUnit(p *numbers.Parser, u string) bool {
	if u == "" || strings.ContainsAny(u, "0123456789.,") {
		return false
	}
	qs := p.Scan("1" + u)
	return len(qs) == 1 && qs[0].Start == 0 && qs[0].End == len("1"+u)
}

// cell is a numeric cell read with its unit.
type cell struct {
	q   numbers.Quantity
	cmp string
}

// footMarks are marks after a name or figure that point to a note (64*,
// 出院患者手术占比▲).
const footMarks = "*＊※▲△★☆"

// multipliers may stand between a number and its unit (1.2万家, 3亿元).
var multipliers = []string{"万亿", "千万", "百万", "千亿", "百亿", "亿", "万", "千", "百"}

var symbolCmp = []struct{ sym, cmp string }{
	{"≥", ">="}, {"≧", ">="}, {">=", ">="}, {"＞", ">="}, {">", ">="},
	{"≤", "<="}, {"≦", "<="}, {"<=", "<="}, {"＜", "<="}, {"<", "<="},
}

// cellWords may stand around the number of a numeric cell.
var cellWords = []string{"及以上", "以上", "以下", "以内", "左右", "上下", "大约", "约", "不低于", "不少于", "不小于",
	"不超过", "不高于", "不大于", "达到", "超过", "突破", "力争", "至少", "最高", "最多", "控制在", "(含)", "（含）"}

func onlyCellWords(s string) bool {
	for s != "" {
		hit := false
		for _, w := range cellWords {
			if strings.HasPrefix(s, w) {
				s = s[len(w):]
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// readCell reads a cell that is only a number with its unit or
// comparator; unit is the unit the header, row or table gives.
func readCell(p *numbers.Parser, s, unit string) (cell, bool) {
	k := strings.TrimRight(tables.Key(s), footMarks)
	if k == "" || tables.IsEmptyMark(k) || reDateCell.MatchString(k) {
		return cell{}, false
	}
	sym := ""
	for _, sc := range symbolCmp {
		if strings.HasPrefix(k, sc.sym) {
			sym = sc.cmp
			k = k[len(sc.sym):]
			break
		}
	}
	loc := reNumber.FindStringIndex(k)
	if loc == nil {
		return cell{}, false
	}
	pre, num, post := k[:loc[0]], k[loc[0]:loc[1]], k[loc[1]:]
	qs := p.Scan(k)
	if len(qs) == 0 && unit != "" {
		// the header's unit after the number, and after its multiplier
		// (1.2万 in a （家） column; 1.2亿 in a （万元） column is 1.2亿元)
		mult := ""
		for _, m := range multipliers {
			if strings.HasPrefix(post, m) {
				mult = m
				break
			}
		}
		u := unit
		if mult != "" {
			for _, m := range multipliers {
				if b := strings.TrimPrefix(unit, m); b != unit && isUnit(p, b) {
					u = b
					break
				}
			}
		}
		k = pre + num + mult + u + post[len(mult):]
		qs = p.Scan(k)
	}
	var q numbers.Quantity
	switch len(qs) {
	case 0:
		// a bare number without any unit; not a year (2025 in a column of
		// completion years)
		f, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil || !onlyCellWords(pre) || !onlyCellWords(post) || reYearNum.MatchString(num) {
			return cell{}, false
		}
		q = numbers.Quantity{Start: len(pre), End: len(pre) + len(num), Value: strings.ReplaceAll(num, ",", ""), Num: f, NormValue: f, Class: numbers.Count}
	case 1:
		q = qs[0]
		if !onlyCellWords(k[:q.Start]) || !onlyCellWords(k[q.End:]) {
			return cell{}, false
		}
	default:
		return cell{}, false
	}
	if q.Class == numbers.Duration || q.Class == numbers.Frequency {
		return cell{}, false
	}
	cmp := sym
	if cmp == "" {
		cmp = p.Comparator(k[:q.Start], k[q.End:], q)
	}
	return cell{q: q, cmp: cmp}, true
}

// layout is what the header, the caption and the columns' cells say about
// a table: which column names the rows, where the figures start, the units
// and indicators around them.
type layout struct {
	cols              []column
	first             int // first column of figures
	ent               int // the column naming the rows
	unitCol           int // a 计量单位 column, -1 when none
	noteUnit          string
	stem              string // what a 数量 column counts (创新平台 of 创新平台类别)
	titleInd          string // the caption's indicator
	titleY1, titleY2  int
	rowsAreIndicators bool
}

func cellAt(r schema.TableRow, c int) string {
	if c < len(r.Cells) {
		return r.Cells[c]
	}
	return ""
}

// layout reads the shape of table t; ok is false when it has no column of
// figures or none naming its rows.
func (v *vocab) layout(doc *schema.Document, p *numbers.Parser, t *schema.Table, docYear int) (*layout, bool) {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r.Cells))
	}
	if n < 2 || len(t.Rows) == 0 {
		return nil, false
	}
	l := &layout{cols: make([]column, n), first: -1, ent: -1, unitCol: -1}
	for c := range n {
		h := ""
		if c < len(t.Header) {
			h = t.Header[c]
		}
		l.cols[c] = v.header(p, h, docYear)
	}
	if t.UnitNote != "" {
		k := strings.Trim(tables.Key(t.UnitNote), "()（）")
		if i := strings.LastIndexAny(k, ":："); i >= 0 {
			k = k[i+1:]
		}
		if isUnit(p, k) {
			l.noteUnit = k
		}
	}
	// unit columns (计量单位), numeric and text cells per column
	numeric := make([]int, n)
	texts := make([]int, n)
	distinct := make([]map[string]bool, n)
	for c := range n {
		distinct[c] = map[string]bool{}
		if l.cols[c].skip {
			continue
		}
		units, all := 0, 0
		for _, r := range t.Rows {
			s := tables.Key(cellAt(r, c))
			if s == "" || tables.IsEmptyMark(s) {
				continue
			}
			all++
			if isUnit(p, s) {
				units++
			}
			if _, ok := readCell(p, s, l.cols[c].unit); ok {
				numeric[c]++
			} else {
				texts[c]++
				distinct[c][s] = true
			}
		}
		if all > 0 && units*10 >= all*6 {
			l.cols[c].unitCol = true
			if l.unitCol < 0 {
				l.unitCol = c
			}
		}
	}
	for c := 1; c < n && l.first < 0; c++ {
		if !l.cols[c].skip && !l.cols[c].unitCol && numeric[c] > 0 && anyText(texts[:c]) {
			l.first = c
		}
	}
	if l.first <= 0 {
		return nil, false
	}
	// the row names: the text column left of the figures with the most
	// distinct names (二级指标 rather than the 一级指标 it repeats)
	for c := 0; c < l.first; c++ {
		if l.cols[c].skip || l.cols[c].unitCol || texts[c] == 0 {
			continue
		}
		if l.ent < 0 || len(distinct[c]) > len(distinct[l.ent]) {
			l.ent = c
		}
	}
	if l.ent < 0 {
		return nil, false
	}
	entHead := ""
	if l.ent < len(t.Header) {
		entHead = tables.Key(t.Header[l.ent])
	}
	l.rowsAreIndicators = lexicon.ContainsAny(entHead, v.indicatorHead)
	if !l.rowsAreIndicators && entHead != "" && !lexicon.HasSuffixAny(entHead, v.placeHead) {
		l.stem = entHead
		for _, w := range v.catStrip {
			l.stem = strings.TrimSuffix(l.stem, w)
		}
	}
	l.titleInd = v.titleIndicator(t.Title, doc.Meta.Jurisdiction)
	l.titleY1, l.titleY2 = titleYears(t.Title)
	return l, true
}

// table reads the quotas of table ti.
func (v *vocab) table(doc *schema.Document, p *numbers.Parser, ti, docYear int) []schema.Target {
	t := &doc.Tables[ti]
	l, ok := v.layout(doc, p, t, docYear)
	if !ok {
		return nil
	}
	sec := sectionOf(doc, t.Span.Start)
	var out []schema.Target
	prevEntity := ""
	for ri, r := range t.Rows {
		if r.IsTotal {
			continue
		}
		raw := strings.TrimSpace(cellAt(r, l.ent))
		if raw == "" {
			raw = prevEntity // a merged name cell the reader left empty
		}
		prevEntity = raw
		if raw == "" || tables.IsTotalLabel(raw) {
			continue
		}
		out = append(out, v.row(doc, p, l, ti, ri, sec, raw, docYear)...)
	}
	return out
}

// row reads the quotas of row ri, named raw.
func (v *vocab) row(doc *schema.Document, p *numbers.Parser, l *layout, ti, ri, sec int, raw string, docYear int) []schema.Target {
	t := &doc.Tables[ti]
	r := t.Rows[ri]
	entity := strings.TrimSpace(strings.TrimRight(reNumLead.ReplaceAllString(raw, ""), footMarks))
	rowName, rowUnit := entity, ""
	k := tables.Key(entity)
	if m := reTailUnit.FindStringSubmatchIndex(k); m != nil && isUnit(p, k[m[2]:m[3]]) {
		rowUnit, rowName = k[m[2]:m[3]], k[:m[0]] // 引育人才数量（人）
	}
	if l.unitCol >= 0 {
		if u := tables.Key(cellAt(r, l.unitCol)); isUnit(p, u) {
			rowUnit = u
		}
	}
	rowIsIndicator := l.rowsAreIndicators || rowUnit != "" && l.unitCol < 0
	// rows of years (年度 | 目标值): the row's year is the deadline; a past
	// year's row is a statistic
	rowYear := 0
	if m := reRowYear.FindStringSubmatch(tables.Key(entity)); m != nil {
		rowYear, _ = strconv.Atoi(m[1])
		if docYear > 0 && rowYear < docYear {
			return nil
		}
		rowIsIndicator = false
	}
	spans := cellSpans(doc.Text, r)
	var out []schema.Target
	for c := l.first; c < len(l.cols); c++ {
		col := l.cols[c]
		if c == l.ent || col.skip || col.unitCol {
			continue
		}
		unit := col.unit
		if unit == "" {
			unit = rowUnit
		}
		if unit == "" {
			unit = l.noteUnit
		}
		s := cellAt(r, c)
		ce, ok := readCell(p, s, unit)
		if !ok {
			continue
		}
		subject := col.subject
		generic := subject == "" || lexicon.EqualsAny(subject, v.generic)
		switch {
		case !generic:
		case rowIsIndicator:
			subject = rowName
		case rowYear > 0 && l.titleInd != "":
			subject = l.titleInd
		case l.stem != "" && subject != "" && rowYear == 0:
			subject = l.stem + subject
		case l.titleInd != "":
			subject = l.titleInd
		case subject == "":
			subject = rowName
		}
		ent := entity
		if rowIsIndicator && !generic && col.year == 0 && lexicon.HasSuffixAny(col.subject, v.placeHead) && utf8.RuneCountInString(col.subject) <= 10 {
			// a transposed table: indicators down, districts across
			ent, subject = col.subject, rowName
		}
		year := col.year
		for _, y := range []int{rowYear, l.titleY2, l.titleY1} {
			if year == 0 {
				year = y
			}
		}
		deadline := ""
		if year > 0 {
			deadline = fmt.Sprintf("%d-12-31", year)
		}
		span := r.Span
		if c < len(spans) && spans[c].End > 0 {
			span = spans[c]
		}
		kind := schema.KindGoal
		switch ce.q.Class {
		case numbers.Percent, numbers.Permille, numbers.Points:
			kind = schema.KindRate
		}
		head := ""
		if c < len(t.Header) {
			head = t.Header[c]
		}
		out = append(out, schema.Target{
			Section: sec, Kind: kind, Subject: subject, Entity: ent,
			Value: ce.q.Value, Unit: ce.q.Unit, NormValue: ce.q.NormValue, NormUnit: ce.q.NormUnit,
			Comparator: ce.cmp, Deadline: deadline,
			Sentence: sentence(t.Title, entity, head, s),
			Span:     span, Source: "table", Table: ti, Row: ri,
		})
	}
	return out
}

// cellSpans finds each cell of r in text, left to right inside the row's
// span. A cell the reader repeated from a horizontally merged cell, written
// once, gets the span of its first copy; a cell not found keeps a zero span.
func cellSpans(text string, r schema.TableRow) []schema.Span {
	out := make([]schema.Span, len(r.Cells))
	if !r.Span.Valid(len(text)) {
		return out
	}
	pos := r.Span.Start
	for c, cell := range r.Cells {
		s := strings.TrimSpace(cell)
		if s == "" {
			continue
		}
		if i := strings.Index(text[pos:r.Span.End], s); i >= 0 {
			out[c] = schema.Span{Start: pos + i, End: pos + i + len(s)}
			pos = out[c].End
		} else if c > 0 && strings.TrimSpace(r.Cells[c-1]) == s {
			out[c] = out[c-1]
		}
	}
	return out
}

func anyText(ts []int) bool {
	for _, x := range ts {
		if x > 0 {
			return true
		}
	}
	return false
}

func sentence(title, entity, head, cell string) string {
	var b strings.Builder
	if title != "" {
		b.WriteString(title)
		b.WriteString("：")
	}
	b.WriteString(entity)
	if head != "" {
		b.WriteString(" ")
		b.WriteString(head)
	}
	b.WriteString(" ")
	b.WriteString(strings.TrimSpace(cell))
	return b.String()
}

// titleIndicator is what a caption says is counted: 各设区市科技成果转化年度目标安排表
// → 科技成果转化. "" when nothing is left.
func (v *vocab) titleIndicator(title, juris string) string {
	k := tables.Key(title)
	k = reBracket.ReplaceAllString(k, "")
	k = reTitleYear.ReplaceAllString(k, "")
	if juris != "" {
		k = strings.TrimPrefix(k, tables.Key(juris))
	}
	for _, w := range v.titleLead {
		if strings.HasPrefix(k, w) {
			if m := reLead.FindString(k); m != "" {
				k = k[len(m):]
			}
			break
		}
	}
	for changed := true; changed && k != ""; {
		changed = false
		for _, w := range v.titleEnd {
			if strings.HasSuffix(k, w) && k != w {
				k = strings.TrimSuffix(k, w)
				changed = true
			}
		}
	}
	k = strings.Trim(k, "、，,：: ")
	if lexicon.EqualsAny(k, v.titleEnd) || lexicon.EqualsAny(k, v.generic) {
		return ""
	}
	return k
}

// titleYears returns the year a caption names, or the two ends of its
// range (…分解表（2021—2023年）).
func titleYears(title string) (int, int) {
	k := tables.Key(title)
	m := reTitleYear.FindStringSubmatchIndex(k)
	if m == nil || strings.HasPrefix(k[m[1]:], "版") {
		// 指标体系（2023年版) names an edition, not a year to reach
		return 0, 0
	}
	ms := []string{k[m[0]:m[1]], k[m[2]:m[3]], ""}
	if m[4] >= 0 {
		ms[2] = k[m[4]:m[5]]
	}
	return yearsOf(ms)
}

func yearsOf(m []string) (int, int) {
	if m == nil {
		return 0, 0
	}
	a, _ := strconv.Atoi(m[1])
	b := 0
	if m[2] != "" {
		b, _ = strconv.Atoi(m[2])
	}
	return a, b
}

// sectionOf is the innermost section holding byte offset at, -1 when none.
func sectionOf(doc *schema.Document, at int) int {
	best := -1
	for i, s := range doc.Sections {
		if s.Span.Start <= at && at < s.Span.End {
			if best < 0 || s.Span.Start >= doc.Sections[best].Span.Start {
				best = i
			}
		}
	}
	return best
}
