package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/schema"
)

// RejoinFragments re-joins numbers, units and dates that a crawler or a
// browser's copy put each on a line of their own:
//
//	到 / 2030 / 年，培育 / 10 / 家以上领军企业。 → 到2030年，培育10家以上领军企业。
//	京政发〔 / 2023 / 〕 / 21 / 号                 → 京政发〔2023〕21号
//	2023 / 年 / 9 / 月 / 8 / 日                    → 2023年9月8日
//
// A run of fragment lines (a bare number, or a bare unit, date word or
// 文号 bracket) alternating number and unit is joined; the line before it
// joins when it does not end a sentence and the run is not a whole date on
// its own (a date under a signature stays on its line); the line after it
// joins when the run ends with a number and that line starts with a unit
// (年，培育). Two bare numbers in a row are never joined (a table's column
// of numbers); the step only runs when a document holds two such runs.
func RejoinFragments(blocks []schema.Block) []schema.Block {
	type run struct{ from, to int } // fragment blocks [from, to)
	var runs []run
	for i := 0; i < len(blocks); {
		if fragmentKind(blocks[i]) == fragNone {
			i++
			continue
		}
		j := i + 1
		for j < len(blocks) && fragmentKind(blocks[j]) != fragNone && !(fragmentKind(blocks[j]) == fragNumber && fragmentKind(blocks[j-1]) == fragNumber) {
			j++
		}
		for j > i+1 && isDash(blocks[j-1]) {
			j-- // a dash after the last number is a table's empty cell, not a range
		}
		if fragmentKind(blocks[i]) == fragUnit && !isBracket(blocks[i]) {
			// a unit before any number is a table's unit cell (地区生产总值 /
			// 亿元 / 3500), not the unit of the number after it
			i++
			continue
		}
		if qualifies(blocks, i, j) {
			runs = append(runs, run{i, j})
		}
		i = j
	}
	if len(runs) < 2 {
		return blocks
	}
	drop := make([]bool, len(blocks))
	owner := make([]int, len(blocks)) // the block that holds k's text now
	for k := range owner {
		owner[k] = k
	}
	for _, r := range runs {
		var b strings.Builder
		for k := r.from; k < r.to; k++ {
			b.WriteString(strings.TrimSpace(blocks[k].Text))
		}
		joined := b.String()
		endsNumber := fragmentKind(blocks[r.to-1]) == fragNumber
		head := r.from // the block that receives the run
		if r.from > 0 && joinsBefore(blocks[owner[r.from-1]], joined) {
			p := owner[r.from-1]
			head = p
			blocks[p].Text = strings.TrimRight(blocks[p].Text, " \t") + joined
		} else {
			blocks[r.from].Text = joined
		}
		for k := r.from; k < r.to; k++ {
			if k != head {
				drop[k], owner[k] = true, head
			}
		}
		if n := r.to; endsNumber && n < len(blocks) && blocks[n].Kind == schema.BlockPara && startsUnit(blocks[n].Text) {
			blocks[head].Text += strings.TrimSpace(blocks[n].Text)
			drop[n], owner[n] = true, head
		}
	}
	return without(blocks, drop)
}

const (
	fragNone = iota
	fragNumber
	fragUnit
)

var (
	reFragNumber = regexp.MustCompile(`^[0-9][0-9.,]{0,11}%?$`)
	reFragUnit   = regexp.MustCompile(`^(?:[〔〕\[\]［］（）()—－\-~～至]|[年月日号个家项所间台套座条件批名户吨亩倍次类岁天]|万元|亿元|万|亿|元|人|%|％|万千瓦|千瓦|平方米|公里|小时)$`)
	reWholeDate  = regexp.MustCompile(`^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日$`)
)

// perWords open with a unit's character but are no unit: 年均每百万人口…,
// 人均地区生产总值 name a table row after the row's 序号, never the unit of
// the number before them.
var perWords = []string{"年均", "年平均", "人均"}

// isDash reports a block that is a dash alone (—, －, -, ~).
func isDash(b schema.Block) bool {
	t := strings.TrimSpace(b.Text)
	return fragmentKind(b) == fragUnit && strings.Trim(t, "—－-~～") == ""
}

// isBracket reports a block that is a bracket of a 文号 or a figure alone.
func isBracket(b schema.Block) bool {
	t := strings.TrimSpace(b.Text)
	return t != "" && strings.Trim(t, "〔〕[]［］（）()") == ""
}

// fragmentKind tells whether a block is a bare number, a bare unit or
// neither.
func fragmentKind(b schema.Block) int {
	if b.Kind != schema.BlockPara {
		return fragNone
	}
	t := strings.TrimSpace(b.Text)
	switch {
	case t == "" || len(t) > 16:
		return fragNone
	case reFragNumber.MatchString(t):
		return fragNumber
	case reFragUnit.MatchString(t):
		return fragUnit
	}
	return fragNone
}

// qualifies reports whether fragment blocks [i, j) are a split quantity: a
// number with a unit inside the run or at the start of the next line.
func qualifies(blocks []schema.Block, i, j int) bool {
	hasNum, hasUnit := false, false
	for k := i; k < j; k++ {
		switch fragmentKind(blocks[k]) {
		case fragNumber:
			hasNum = true
		case fragUnit:
			hasUnit = true
		}
	}
	if !hasNum {
		return false
	}
	if hasUnit {
		return true
	}
	return j < len(blocks) && blocks[j].Kind == schema.BlockPara && startsUnit(blocks[j].Text)
}

// joinsBefore reports whether the run joins the paragraph before it: that
// paragraph goes on (到, 京政发〔, 建设) and the run is not a date alone.
func joinsBefore(prev schema.Block, run string) bool {
	if prev.Kind != schema.BlockPara || reWholeDate.MatchString(run) || fragmentKind(prev) == fragNumber {
		return false // two bare numbers are a table's cells
	}
	t := strings.TrimRight(prev.Text, " \t")
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return !terminal(r) && !strings.ContainsRune("：:）)", r)
}

// startsUnit reports whether s starts with a unit, date word or closing
// 文号 bracket that a number before it would take (年，培育; 家以上).
func startsUnit(s string) bool {
	s = strings.TrimSpace(s)
	for _, w := range perWords {
		if strings.HasPrefix(s, w) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r != utf8.RuneError && strings.ContainsRune("年月日号个家项所间台套座条件批名户吨亩倍次类岁天万亿元人%％〕", r)
}
