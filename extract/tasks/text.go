package tasks

import (
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/lexicon/outline"
	"policyx/schema"
)

// textTasks turns the lists found in paragraphs into tasks.
func (x *extractor) textTasks() []schema.Task {
	var out []schema.Task
	var roles [][]roleList // the role lists of each task in out
	last := map[int]int{}  // paragraph → index in out of its last task
	for i, p := range x.paras {
		for li, l := range p.lists {
			segStart := 0
			if li > 0 {
				segStart = p.lists[li-1].end
			}
			t, ok := x.taskFor(i, li, segStart, l)
			if !ok {
				// （牵头单位：A）（配合单位：B）: a second list right after
				// the first belongs to the same task.
				if li > 0 && len(out) > 0 && strings.Trim(p.sq[segStart:l.start], "。；;，, ") == "" {
					k := len(out) - 1
					roles[k] = append(roles[k], l.roles...)
					out[k].Departments = x.departments(roles[k])
					out[k].Span.End = p.pos(l.end)
				}
				continue
			}
			t.Departments = x.departments(l.roles)
			if len(t.Departments) == 0 {
				continue
			}
			// An unnumbered paragraph after a numbered item that has its own
			// list goes on with that item: its units join the item's. So does
			// an unnumbered sentence after the item's list in its paragraph
			// (a reader that joined the two paragraphs).
			if t.Label == "" {
				j := i // a later sentence of the item's own paragraph
				if _, ok := last[i]; !ok && p.labelEnd == 0 {
					j = x.itemAbove(i)
				}
				if j >= 0 {
					if k, ok := last[j]; ok && out[k].Label != "" {
						roles[k] = append(roles[k], l.roles...)
						out[k].Departments = unionDepts(out[k].Departments, t.Departments)
						out[k].Span.End = t.Span.End
						last[i] = k
						continue
					}
				}
			}
			out = append(out, t)
			roles = append(roles, append([]roleList(nil), l.roles...))
			last[i] = len(out) - 1
		}
	}
	return out
}

// itemAbove returns the numbered paragraph that unnumbered paragraph i
// continues: the nearest paragraph above with a label, when only unnumbered
// paragraphs lie between; -1 when a heading comes first.
func (x *extractor) itemAbove(i int) int {
	for j := i - 1; j >= 0 && j >= i-20; j-- {
		q := x.paras[j]
		if q.heading {
			return -1
		}
		if q.labelEnd > 0 {
			return j
		}
	}
	return -1
}

// unionDepts appends to have the units of add that it does not hold yet
// (same role and name), numbering each role on from its last ordinal.
func unionDepts(have, add []schema.TaskDept) []schema.TaskDept {
	ord := map[string]int{}
	seen := map[[2]string]bool{}
	for _, d := range have {
		ord[d.Role] = max(ord[d.Role], d.Ordinal)
		seen[[2]string{d.Role, d.Department}] = true
	}
	for _, d := range add {
		if seen[[2]string{d.Role, d.Department}] {
			continue
		}
		seen[[2]string{d.Role, d.Department}] = true
		ord[d.Role]++
		d.Ordinal = ord[d.Role]
		have = append(have, d)
	}
	return have
}

// taskFor names the task that list l (in paragraph i) belongs to.
func (x *extractor) taskFor(i, li, segStart int, l list) (schema.Task, bool) {
	p := x.paras[i]
	t := schema.Task{Table: -1, Row: -1}
	// underHead makes the task the item of heading paragraph h, running to
	// the end of the list.
	underHead := func(h int) (schema.Task, bool) {
		hp := x.paras[h]
		t.Label = hp.sq[:hp.labelEnd]
		t.Title = title(hp.sq[hp.labelEnd:])
		t.Span = schema.Span{Start: hp.pos(0), End: p.pos(l.end)}
		return t, t.Title != ""
	}
	// The item label: the last label at a line or word break that runs to
	// its first sentence end without another label (一、总则 (一)目标 1.任务。
	// → 1.).
	seg := p.sq[segStart:l.start]
	var cands []int
	for q := 0; q < len(seg); {
		if (q == 0 || p.breakAt(segStart+q)) && label(seg[q:]) > 0 {
			cands = append(cands, q)
		}
		_, n := utf8.DecodeRuneInString(seg[q:])
		q += n
	}
	if len(cands) == 0 {
		cands = inlineLabels(seg)
	}
	lab := -1
	for k, c := range cands {
		stop := len(seg)
		if e := strings.Index(seg[c:], "。"); e >= 0 {
			stop = c + e
		}
		if k+1 < len(cands) && cands[k+1] < stop {
			continue
		}
		lab = c
	}
	if lab >= 0 {
		ll := label(seg[lab:])
		// （1）…（2）…（责任单位：…）: one list after the last sub-item of an
		// item covers the item.
		if li == 0 && lab == 0 && segStart == 0 && rank(seg[:ll]) >= 4 {
			if h := x.parent(i, rank(seg[:ll])); h >= 0 {
				return underHead(h)
			}
		}
		t.Label = seg[lab : lab+ll]
		t.Title = title(seg[lab+ll:])
		t.Span = schema.Span{Start: p.pos(segStart + lab), End: p.pos(l.end)}
		return t, t.Title != ""
	}
	if li == 0 {
		if h := x.governing(i); h >= 0 && x.listsUnder(h) == 1 {
			return underHead(h)
		}
	}
	if l.labelled && !l.bracketed(p) && x.governing(i) < 0 {
		// 牵头单位：… on its own with no item above it: a page header.
		return t, false
	}
	t.Title = leadPhrase(strings.TrimLeft(seg, "。；;，,、 "))
	t.Span = schema.Span{Start: p.pos(segStart), End: p.pos(l.end)}
	if t.Title == "" || strings.ContainsAny(t.Title, "：:") {
		return t, false
	}
	return t, true
}

// strongLabel reports whether s opens with a label that starts an item
// even inside run-on text: 第一条, （一）, 一、.
func strongLabel(s string) bool {
	l, _ := outline.Read(s)
	switch l.Style {
	case outline.Article, outline.ParenCN:
		return true
	case outline.CNComma:
		return strings.HasSuffix(l.Text, "、")
	}
	return false
}

// inlineLabels finds item labels inside run-on text that lost its line
// breaks (…绿色化(一)支持企业科技创新。…): after a sentence end, or a
// Chinese-numeral label whose title ends within a short heading.
func inlineLabels(seg string) []int {
	var out []int
	prev := rune(0)
	for q, r := range seg {
		if q > 0 && label(seg[q:]) > 0 {
			switch {
			case strings.ContainsRune("。；：！？", prev):
				out = append(out, q)
			case cjk.IsHan(prev) && strongLabel(seg[q:]):
				rest := seg[q+label(seg[q:]):]
				if e := strings.Index(rest, "。"); e >= 0 && utf8.RuneCountInString(rest[:e]) <= maxTitle {
					out = append(out, q)
				}
			}
		}
		prev = r
	}
	return out
}

func (l list) bracketed(p *para) bool {
	r, _ := utf8.DecodeRuneInString(p.sq[l.start:])
	return openers[r]
}

// governing returns the heading or numbered paragraph that paragraph i falls
// under, -1 when a paragraph with its own list comes first.
func (x *extractor) governing(i int) int {
	for j := i - 1; j >= 0 && j >= i-40; j-- {
		q := x.paras[j]
		if len(q.lists) > 0 {
			return -1
		}
		if q.labelEnd > 0 || q.heading {
			return j
		}
	}
	return -1
}

// rank orders item labels from the top (outline's Level): 一、/第一条 1,
// （一） 2, 1． 3, （1） 4, ①/1） 5.
func rank(label string) int {
	l, _ := outline.Read(label)
	return l.Style.Level()
}

// parent returns the item above sub-item paragraph i when the sub-items
// between them carry no list and nothing else below the item does, -1
// otherwise.
func (x *extractor) parent(i, r int) int {
	for j := i - 1; j >= 0 && j >= i-40; j-- {
		q := x.paras[j]
		if len(q.lists) > 0 {
			return -1
		}
		if q.labelEnd > 0 && rank(q.sq[:q.labelEnd]) < r {
			n := 0
			for k := j + 1; k < len(x.paras); k++ {
				pk := x.paras[k]
				if pk.labelEnd > 0 && rank(pk.sq[:pk.labelEnd]) <= rank(q.sq[:q.labelEnd]) || pk.heading {
					break
				}
				n += len(pk.lists)
			}
			if n == 1 {
				return j
			}
			return -1
		}
		if q.heading {
			return -1
		}
	}
	return -1
}

// listsUnder counts the lists below heading h up to the next heading or item.
func (x *extractor) listsUnder(h int) int {
	n := 0
	for j := h + 1; j < len(x.paras); j++ {
		q := x.paras[j]
		if q.labelEnd > 0 || q.heading {
			break
		}
		n += len(q.lists)
	}
	return n
}

// title is the heading phrase at the start of s: up to the first sentence
// end, without the final 。; 【标题】 when the item is written so.
func title(s string) string {
	s = strings.TrimLeft(s, "、．. ：:")
	if strings.HasPrefix(s, "【") {
		if k := strings.Index(s, "】"); k > 0 {
			return s[len("【"):k]
		}
	}
	return leadPhrase(s)
}

const maxTitle = 40

// leadPhrase is the first sentence of s, or its first clause when the
// sentence is long.
func leadPhrase(s string) string {
	end := len(s)
	for i, r := range s {
		if r == '。' || r == '！' || r == '？' || r == '；' || r == ';' {
			end = i
			break
		}
		if openers[r] && reListStart.MatchString(s[i:]) {
			end = i
			break
		}
	}
	out := s[:end]
	if utf8.RuneCountInString(out) > maxTitle {
		// The first clause names the item (加快5G网络建设，铸就…); one that
		// opens with a condition (在政策有效期内，…) says too little, so then
		// whole clauses while they fit, else the sentence cut.
		var cuts []int
		for i, r := range out {
			if r == '，' || r == ',' || r == '：' {
				cuts = append(cuts, i)
			}
		}
		switch {
		case len(cuts) > 0 && utf8.RuneCountInString(out[:cuts[0]]) >= 4 && utf8.RuneCountInString(out[:cuts[0]]) <= maxTitle && !conditional(out):
			out = out[:cuts[0]]
		default:
			cut := 0
			for _, c := range cuts {
				if utf8.RuneCountInString(out[:c]) > maxTitle {
					break
				}
				cut = c
			}
			if cut > 0 && cut != firstOr(cuts) {
				out = out[:cut]
			} else {
				out = truncate(out, maxTitle)
			}
		}
	}
	return strings.TrimRight(out, "：:，,、")
}

func firstOr(c []int) int {
	if len(c) == 0 {
		return -1
	}
	return c[0]
}

// conditional reports whether a sentence opens with a condition or an
// object (在…, 对…, 为…) rather than naming an action.
func conditional(s string) bool {
	for _, p := range []string{"在", "对", "为", "按", "经", "凡", "根据", "如", "若", "对于", "依据", "通过"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func truncate(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}
