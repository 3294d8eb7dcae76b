package numbers

import (
	"strings"
	"unicode/utf8"
)

// Comparator returns the comparator of a quantity from the words around
// it: before is the text of its clause up to the number, after the text
// from the end of the quantity to the end of its clause. A word after the
// number (以上, 以内, 左右) wins over one before it; among the words before,
// the nearest wins. Without any it is "=". A range or a 多/余 quantity is a
// floor unless a word says otherwise.
func (p *Parser) Comparator(before, after string, q Quantity) string {
	// words after: only directly after the quantity, possibly behind (含)
	// or a note (人民币，下同)
	a := SkipNote(strings.TrimLeft(after, " "))
	for _, k := range p.after {
		if strings.HasPrefix(a, k.word) {
			if k.word == "以下" || k.word == "以内" {
				// 以下简称 is no comparator
				if strings.HasPrefix(a, "以下简称") || strings.HasPrefix(a, "以下称") {
					continue
				}
			}
			return k.cmp
		}
	}
	if q.Range || q.More {
		return ">="
	}
	bestEnd, bestLen, cmp := -1, 0, ""
	for _, k := range p.before {
		i := strings.LastIndex(before, k.word)
		if i < 0 {
			continue
		}
		end := i + len(k.word)
		// a one-character word must touch the number (超500万元, 约10项)
		if (k.adj || utf8.RuneCountInString(k.word) == 1) && end != len(before) && !adjacent(before[end:]) && !(utf8.RuneCountInString(k.word) > 1 && shareOfBase(before[end:], q)) {
			continue
		}
		if end > bestEnd || end == bestEnd && len(k.word) > bestLen {
			bestEnd, bestLen, cmp = end, len(k.word), k.cmp
		}
	}
	if cmp != "" {
		// 不低于 contains 低于: the longer word ending at the same place won
		return cmp
	}
	return "="
}

// SkipNote drops a short bracketed note without figures at the start of
// after: (含), （不含）, (人民币,下同) stand between an amount and its 以上
// (新增固定资产投资1000万元(人民币,下同)以上). A note with a figure
// (（含国家级50家）) says more than the bound and stays.
func SkipNote(after string) string {
	for _, open := range []string{"(", "（"} {
		if !strings.HasPrefix(after, open) {
			continue
		}
		k := strings.IndexAny(after, ")）")
		if k < 0 {
			return after
		}
		note := after[len(open):k]
		if utf8.RuneCountInString(note) > 12 || strings.ContainsAny(note, "0123456789(（") {
			return after
		}
		_, sz := utf8.DecodeRuneInString(after[k:])
		return after[k+sz:]
	}
	return after
}

// shareOfBase reports whether the words between a comparator and a share
// name the base it is a share of (超过本单位在职职工总人数的30%, 高于上年
// 的1.5倍): the comparator bounds the share.
func shareOfBase(gap string, q Quantity) bool {
	if q.Class != Percent && q.Class != Permille && q.Class != Multiple {
		return false
	}
	// 超过部分的1%: the excess is the base, not a bound
	if strings.HasPrefix(gap, "部分") {
		return false
	}
	return strings.HasSuffix(gap, "的") && utf8.RuneCountInString(gap) <= 20 && !strings.ContainsAny(gap, "，,；;。：:")
}

// adjacent reports whether the words between a comparator and its number
// still let it apply: 累计突破, 首次突破 stand before it, so only a few
// adverbs may stand between (突破累计…)
func adjacent(gap string) bool {
	switch gap {
	case "", "了", "到", "至":
		return true
	}
	return false
}
