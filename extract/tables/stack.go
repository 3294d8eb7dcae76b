package tables

import (
	"regexp"
	"strings"

	"policyx/lexicon"
	"policyx/lexicon/cjk"
	"policyx/schema"
)

// A stacked table gives one cell per line, row after row: the 主要指标 box
// of a 规划 as web pages and some PDFs render it (指标 / 2020年 / 2025年 /
// 属性 / 全社会研发经费投入增长（%） / 7 / >7 / 预期性 …). Its header is a
// run of short header cells that opens with a name column (序号, 指标, 类别)
// and holds a value column (a year, 属性, 目标值); its rows are runs of as
// many lines, each cell of the shape its column asks for.

// colKind is what a stacked table's column holds.
type colKind int

const (
	colName  colKind = iota // the row's name (指标, 类别)
	colSeq                  // 序号: a number
	colValue                // a year or 目标值 column: a short figure
	colAttr                 // 属性: 预期性, 约束性
)

var (
	reYearCol   = regexp.MustCompile(`^(?:19|20)\d\d年`)
	reStackStop = regexp.MustCompile(`[。；;，,：:]`)
	reDigit     = regexp.MustCompile(`\d`)
	reYearOnly  = regexp.MustCompile(`^\d{4}年$`) // a year column's header, not its value
)

const (
	stackMinCols   = 3
	stackMaxCols   = 8
	stackHeadRunes = 12 // longest header cell
	stackNameRunes = 40 // longest name cell
	stackValRunes  = 24 // longest value cell
	stackAttrRunes = 5  // longest 属性 cell
)

// stackTables finds the stacked tables among the free lines.
func (v *vocab) stackTables(ls []line, used []bool) []*table {
	opens := func(i int) bool { return v.stackFree(ls, used, i) && v.stackFirstHead(ls[i].text) }
	return claimTables(ls, used, opens, func(i int) (*table, int) { return v.stackTable(ls, used, i) })
}

// stackFree reports a plain line no other table took.
func (v *vocab) stackFree(ls []line, used []bool, i int) bool {
	return i < len(ls) && !used[i] && len(ls[i].cells) == 0 && !ls[i].isTable && !ls[i].heading
}

// stackFirstHead reports the first cell of a stacked header: 序号, 指标…
func (v *vocab) stackFirstHead(s string) bool {
	k := key(s)
	return runeLen(k) <= stackHeadRunes && (anyWord(v.seqhead, prefixOf(k)) || anyWord(v.stackname, prefixOf(k)))
}

// stackHeadKind tells whether s is a header cell of a stacked table and
// the kind of its column.
func (v *vocab) stackHeadKind(s string) (colKind, bool) {
	k := key(s)
	if k == "" || runeLen(k) > stackHeadRunes || reStackStop.MatchString(k) || reHeading.MatchString(k) {
		return 0, false
	}
	switch {
	case reYearCol.MatchString(k):
		if reDigit.MatchString(k[len("2025年"):]) {
			return 0, false
		}
		return colValue, true
	case reDigit.MatchString(k):
		return 0, false
	case anyWord(v.seqhead, prefixOf(k)) && runeLen(k) <= 2:
		return colSeq, true
	case strings.Contains(k, "属性"):
		return colAttr, true
	case lexicon.ContainsAny(k, v.stackvalue):
		return colValue, true
	case lexicon.ContainsAny(k, v.stackname):
		return colName, true
	}
	return 0, false
}

// stackTable builds the stacked table whose header starts at ls[h].
func (v *vocab) stackTable(ls []line, used []bool, h int) (*table, int) {
	var header []string
	var kinds []colKind
	values := 0
	for k := h; v.stackFree(ls, used, k) && len(header) <= stackMaxCols; k++ {
		kind, ok := v.stackHeadKind(ls[k].text)
		if !ok {
			break
		}
		header = append(header, cjk.RemoveSpace(ls[k].text)) // 指　　标 is 指标
		kinds = append(kinds, kind)
		if kind == colValue || kind == colAttr {
			values++
		}
	}
	n := len(header)
	if n < stackMinCols || n > stackMaxCols || values == 0 || kinds[0] == colValue || kinds[0] == colAttr {
		return nil, h
	}
	t := &table{first: h, last: h + n - 1, header: header, start: ls[h].span.Start, end: ls[h+n-1].span.End}
	group := ""
	for j := h + n; j < len(ls); {
		if cells, ok := v.stackRow(ls, used, j, kinds); ok {
			j = t.addStackRow(ls, j, cells, kinds, group)
			continue
		}
		if cells, ok := v.stackRow(ls, used, j, kinds[1:]); ok && len(t.rows) > 0 && kinds[0] == colName && kinds[1] == colName {
			// a category cell spanning rows is printed in its first row only
			j = t.addStackRow(ls, j, append([]string{""}, cells...), kinds, group)
			continue
		}
		if v.stackGroup(ls, used, j) {
			if _, ok := v.stackRow(ls, used, j+1, kinds); ok {
				group = ls[j].text
				t.addGroup(group, ls[j].span)
				j++
				continue
			}
		}
		break
	}
	if len(t.rows) < 2 {
		return nil, h
	}
	return t, t.last
}

// addStackRow adds the row read from the lines from j and returns the line
// after it. Rows under a category column name their category as the group.
func (t *table) addStackRow(ls []line, j int, cells []string, kinds []colKind, group string) int {
	m := len(cells)
	if cells[0] == "" && kinds[0] == colName {
		m--
		cells[0] = t.rows[len(t.rows)-1].Cells[0]
	}
	r := schema.TableRow{Group: group, Cells: cells, Span: schema.Span{Start: ls[j].span.Start, End: ls[j+m-1].span.End}}
	for c, kind := range kinds {
		if kind == colSeq {
			r.Seq = cells[c]
		}
	}
	t.rows = append(t.rows, r)
	t.last, t.end = j+m-1, ls[j+m-1].span.End
	return j + m
}

// stackRow reads the row of len(kinds) lines from ls[j] when every line is
// free and has the shape of its column, and a value column holds a figure.
func (v *vocab) stackRow(ls []line, used []bool, j int, kinds []colKind) ([]string, bool) {
	cells := make([]string, len(kinds))
	figure := false
	for c, kind := range kinds {
		if !v.stackFree(ls, used, j+c) {
			return nil, false
		}
		s := ls[j+c].text
		k := key(s)
		if strings.HasSuffix(k, "。") || strings.HasSuffix(k, "；") {
			return nil, false
		}
		switch kind {
		case colSeq:
			if !reSeq.MatchString(k) {
				return nil, false
			}
		case colAttr:
			if runeLen(k) > stackAttrRunes || !strings.HasSuffix(k, "性") {
				return nil, false
			}
		case colValue:
			if runeLen(k) > stackValRunes || reYearOnly.MatchString(k) {
				return nil, false
			}
			figure = figure || reDigit.MatchString(k)
		case colName:
			if runeLen(k) > stackNameRunes || reSeq.MatchString(k) || isNumeric(k) || reHeading.MatchString(k) || lexicon.EqualsAny(k, v.stackname) {
				return nil, false
			}
		}
		cells[c] = s
	}
	return cells, figure
}

// stackGroup reports a group heading line inside a stacked table: 一、经济发展.
func (v *vocab) stackGroup(ls []line, used []bool, j int) bool {
	if !v.stackFree(ls, used, j) {
		return false
	}
	k := key(ls[j].text)
	return reHeading.MatchString(k) && runeLen(k) <= 20 && !reStackStop.MatchString(k)
}

// isNumeric reports a cell that is only a figure, with or without a comparator.
func isNumeric(k string) bool {
	_, ok := number(strings.TrimLeft(k, "<>≤≥＜＞"))
	return ok
}
