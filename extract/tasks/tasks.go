// Package tasks extracts tasks and the departments that lead, support or are
// responsible for them.
//
// A unit list is a bracket after a task (（牵头单位：…；配合单位：…）,
// [牵头单位:…], （责任单位：…）, （A、B按职责分工负责）, （A牵头，B参与）), a line
// of its own (责任单位：…) or the 牵头/配合/责任 cells of a table row. The task
// it belongs to is the numbered item that holds it, the heading above it when
// that heading governs no other list, or else the paragraph's lead phrase.
package tasks

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize/dept"
	"policyx/schema"
)

// Extract returns the tasks of doc. doc.Meta, doc.Sections and doc.Tables are
// already filled; names are canonicalized with d.
func Extract(doc *schema.Document, d *dept.Dict) []schema.Task {
	if d == nil || doc == nil || doc.Text == "" {
		return nil
	}
	juris := doc.Meta.Jurisdiction
	if juris == "" {
		juris = d.Jurisdiction(doc.Meta.Issuer, doc.Meta.DocNumber, doc.Text)
	}
	x := &extractor{doc: doc, d: d, juris: juris,
		firstIsLead: reFirstIsLead.MatchString(squeezeString(doc.Text))}
	x.paragraphs()
	var out []schema.Task
	out = append(out, x.textTasks()...)
	out = append(out, x.tableTasks()...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	for i := range out {
		out[i].Section = section(doc.Sections, out[i].Span.Start)
	}
	return out
}

// reFirstIsLead finds a document's statement that the first unit of each
// list leads (列第一位者为牵头单位，下同).
var reFirstIsLead = regexp.MustCompile(`(?:列|排|位)(?:在|于)?(?:第一位|首位|第一)(?:者|的)?(?:单位|部门)?(?:为|是)牵头`)

type extractor struct {
	doc         *schema.Document
	d           *dept.Dict
	juris       string
	firstIsLead bool
	paras       []*para
}

// para is a paragraph of the text with white space squeezed out: sq[i] sits
// at doc.Text[idx[i]].
type para struct {
	sq       string
	idx      []int // byte offset in doc.Text of each byte of sq, plus the end
	heading  bool
	labelEnd int // end of the leading label in sq, 0 when none
	lists    []list
}

// pos maps a byte offset of sq to doc.Text.
func (p *para) pos(i int) int { return p.idx[i] }

// squeeze drops white space and Markdown emphasis from text[start:end].
func squeeze(text string, start, end int) (string, []int) {
	var b strings.Builder
	idx := make([]int, 0, end-start+1)
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || r == '*' || r == '#' || r == '\u200b' || r == '\ufeff' {
			i += n
			continue
		}
		b.WriteString(text[i : i+n])
		for k := 0; k < n; k++ {
			idx = append(idx, i+k)
		}
		i += n
	}
	idx = append(idx, end)
	return b.String(), idx
}

func squeezeString(s string) string {
	sq, _ := squeeze(s, 0, len(s))
	return sq
}

// breakAt reports whether sq position i follows removed white space or starts
// the paragraph: a place where a new item may begin.
func (p *para) breakAt(i int) bool {
	if i == 0 {
		return true
	}
	_, n := utf8.DecodeLastRuneInString(p.sq[:i])
	return p.idx[i] != p.idx[i-n]+n
}

var (
	reLabel = regexp.MustCompile(`^(?:第[一二三四五六七八九十百零〇0-9]+[条章节项]|[（(][一二三四五六七八九十百零〇]+[）)]|[（(][0-9]{1,3}[）)]|[一二三四五六七八九十百]+[、．.]|[0-9]{1,3}(?:[.．][0-9]{1,3})*[、．.](?:[^0-9]|$)|[0-9]{1,3}[)）]|[①-⑳])`)
	// A list label: 牵头单位： … at the start of a list.
	reRole = regexp.MustCompile(`(?:主要)?(?:牵头|配合|责任|主责|负责|协办|参与|协同|协助|承办|主办)(?:责任)?(?:单位|部门)(?:、单位|、部门|及单位)?[:：]|(?:牵头|配合|责任)[:：]`)
	// Another field after a list: 完成时限：…, 时间节点：….
	reOtherField = regexp.MustCompile(`[；;，,。]?\p{Han}{2,6}[:：]`)
	// A paragraph that opens with a list belongs to the one before it.
	reListStart = regexp.MustCompile(`^[（(\[【［]?(?:主要)?(?:牵头|配合|责任|主责)(?:单位|部门)`)
	reTerminal  = regexp.MustCompile(`[。！？；;）)\]】」”"]$`)
)

// label returns the length of the item label at the start of s, 0 if none.
func label(s string) int {
	loc := reLabel.FindStringIndex(s)
	if loc == nil {
		return 0
	}
	l := loc[1]
	// The pattern may take the first rune after "1." to rule out 1.5; give it back.
	if m := s[:l]; len(m) > 0 {
		r, n := utf8.DecodeLastRuneInString(m)
		if r != '.' && r != '．' && r != '、' && r != ')' && r != '）' && !(r >= '①' && r <= '⑳') && !strings.HasSuffix(m, "条") && !strings.HasSuffix(m, "章") && !strings.HasSuffix(m, "节") && !strings.HasSuffix(m, "项") {
			l -= n
		}
	}
	return l
}

// paragraphs builds x.paras from the blocks, re-joining lines that a PDF
// wrapped (a line that does not end a sentence goes on with the next unless
// that one starts an item) and attaching a list that opens a line to the
// paragraph before it.
func (x *extractor) paragraphs() {
	type span struct {
		start, end int
		heading    bool
	}
	var lines []span
	if len(x.doc.Blocks) > 0 {
		for _, b := range x.doc.Blocks {
			if b.Kind == schema.BlockTable || !b.Span.Valid(len(x.doc.Text)) {
				continue
			}
			// A block may still hold several lines.
			s := b.Span.Start
			for s < b.Span.End {
				e := strings.IndexByte(x.doc.Text[s:b.Span.End], '\n')
				if e < 0 {
					e = b.Span.End
				} else {
					e += s
				}
				lines = append(lines, span{s, e, b.Kind == schema.BlockHeading})
				s = e + 1
			}
		}
	} else {
		s := 0
		for s <= len(x.doc.Text) {
			e := strings.IndexByte(x.doc.Text[s:], '\n')
			if e < 0 {
				e = len(x.doc.Text)
			} else {
				e += s
			}
			lines = append(lines, span{s, e, false})
			s = e + 1
		}
	}
	var cur *span
	var curSq string
	flush := func() {
		if cur != nil {
			x.addPara(cur.start, cur.end, cur.heading)
		}
		cur = nil
	}
	for _, l := range lines {
		raw := x.doc.Text[l.start:l.end]
		sq := squeezeString(raw)
		if sq == "" {
			continue
		}
		tabbed := strings.Contains(raw, "\t")
		if cur != nil && !cur.heading && !l.heading && !tabbed {
			joinWrapped := !reTerminal.MatchString(curSq) && label(sq) == 0 && !headingLine(curSq)
			if joinWrapped || reListStart.MatchString(sq) {
				cur.end = l.end
				curSq += sq
				continue
			}
		}
		if cur != nil && reListStart.MatchString(sq) && !tabbed {
			// A list on the line after a heading belongs to the heading.
			cur.end = l.end
			curSq += sq
			continue
		}
		flush()
		c := l
		cur, curSq = &c, sq
		if tabbed {
			flush()
		}
	}
	flush()
}

// headingLine reports whether a paragraph so far is a short numbered
// heading without sentence punctuation ((二)强化资金保障), which the next
// line does not continue.
func headingLine(sq string) bool {
	return label(sq) > 0 && utf8.RuneCountInString(sq) <= 30 && !strings.ContainsAny(sq, "，。,；;")
}

func (x *extractor) addPara(start, end int, heading bool) {
	sq, idx := squeeze(x.doc.Text, start, end)
	p := &para{sq: sq, idx: idx, heading: heading, labelEnd: label(sq)}
	p.lists = x.findLists(p)
	x.paras = append(x.paras, p)
}

// list is one unit list inside a paragraph.
type list struct {
	start, end int // in para.sq: the bracket or label through the list's end
	labelled   bool
	roles      []roleList
}

type roleList struct {
	role  string
	items []string
}

var openers = map[rune]bool{'（': true, '(': true, '[': true, '【': true, '［': true}
var closers = map[rune]bool{'）': true, ')': true, ']': true, '】': true, '］': true}

// matchClose returns the end (after the closer) of the bracket opened at i.
func matchClose(s string, i int) int {
	depth := 0
	for j := i; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case openers[r]:
			depth++
		case closers[r]:
			depth--
			if depth == 0 {
				return j + n
			}
		}
		j += n
	}
	return -1
}

func (x *extractor) findLists(p *para) []list {
	var out []list
	s := p.sq
	covered := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !openers[r] {
			i += n
			continue
		}
		end := matchClose(s, i)
		var inner string
		if end < 0 {
			// An unclosed bracket at the end of the paragraph.
			end = len(s)
			inner = s[i+n:]
		} else {
			_, cn := utf8.DecodeLastRuneInString(s[:end])
			inner = s[i+n : end-cn]
		}
		if l, ok := x.parseBracket(inner); ok {
			l.start, l.end = i, end
			out = append(out, l)
			covered = end
			i = end
			continue
		}
		i += n
	}
	// Unbracketed: 责任单位：… running to the end of the paragraph.
	for _, loc := range reRole.FindAllStringIndex(s, -1) {
		if loc[0] < covered || insideBracket(s, loc[0]) {
			continue
		}
		content := s[loc[0]:]
		if k := strings.IndexAny(content, "。"); k >= 0 {
			content = content[:k]
		}
		roles := x.parseLabelled(content)
		if len(roles) == 0 {
			continue
		}
		out = append(out, list{start: loc[0], end: loc[0] + len(content), labelled: true, roles: roles})
		break
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// insideBracket reports whether position i of s lies inside an open bracket.
func insideBracket(s string, i int) bool {
	depth := 0
	for _, r := range s[:i] {
		if openers[r] {
			depth++
		} else if closers[r] && depth > 0 {
			depth--
		}
	}
	return depth > 0
}

// parseBracket reads the inside of a bracket as a unit list.
func (x *extractor) parseBracket(inner string) (list, bool) {
	if reRole.MatchString(inner) && strings.Index(inner, reRole.FindString(inner)) == 0 {
		roles := x.parseLabelled(inner)
		return list{labelled: true, roles: roles}, len(roles) > 0
	}
	roles := x.parseDuty(inner)
	return list{roles: roles}, len(roles) > 0
}

// parseLabelled splits 牵头单位：A、B；配合单位：C into role lists.
func (x *extractor) parseLabelled(content string) []roleList {
	locs := reRole.FindAllStringIndex(content, -1)
	var out []roleList
	for k, loc := range locs {
		end := len(content)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		lab := content[loc[0]:loc[1]]
		body := content[loc[1]:end]
		if f := reOtherField.FindStringIndex(body); f != nil {
			body = body[:f[0]]
		}
		role := roleOf(lab)
		// 责任单位：市科技局牵头，市财政局配合.
		if role == schema.RoleResponsible {
			if m := reLeadSupp.FindStringSubmatch(strings.TrimRight(body, "。；;，,")); m != nil {
				lead, supp := x.split(m[1], true), x.split(m[2], true)
				if lead != nil && supp != nil {
					out = append(out, roleList{schema.RoleLead, lead}, roleList{schema.RoleSupport, supp})
					continue
				}
			}
		}
		items := x.split(body, false)
		if len(items) == 0 {
			continue
		}
		// 市科技局（牵头）、市财政局: a marked unit leads.
		if marked, rest := leadMarked(items); len(marked) > 0 {
			out = append(out, roleList{schema.RoleLead, marked})
			if len(rest) > 0 {
				out = append(out, roleList{role, rest})
			}
			continue
		}
		if role == schema.RoleResponsible && x.firstIsLead && len(locs) == 1 {
			out = append(out, roleList{schema.RoleLead, items[:1]})
			if len(items) > 1 {
				out = append(out, roleList{role, items[1:]})
			}
			continue
		}
		out = append(out, roleList{role: role, items: items})
	}
	return out
}

var reLeadMark = regexp.MustCompile(`[（(](?:牵头|牵头单位|主责)[）)]$`)

// leadMarked separates the units marked （牵头） from the others.
func leadMarked(items []string) (marked, rest []string) {
	for _, it := range items {
		if loc := reLeadMark.FindStringIndex(it); loc != nil {
			marked = append(marked, it[:loc[0]])
		} else {
			rest = append(rest, it)
		}
	}
	return marked, rest
}

func roleOf(label string) string {
	switch {
	case strings.Contains(label, "牵头"), strings.Contains(label, "主办"):
		return schema.RoleLead
	case strings.Contains(label, "配合"), strings.Contains(label, "协"), strings.Contains(label, "参与"):
		return schema.RoleSupport
	}
	return schema.RoleResponsible
}

var (
	reDutyEnd  = regexp.MustCompile(`(?:按职能分别负责|按职责分别负责|按职责分工负责|按职能分工负责|按职责负责|按职能负责|分别负责|共同负责|牵头负责|负责落实|负责)$`)
	reLeadSupp = regexp.MustCompile(`^由?(.+?)(?:牵头|指导)[，,、]?(.+?)(?:配合|参与|协助|按职责分工负责|按职责负责|负责)$`)
	reLeadOnly = regexp.MustCompile(`^由?(.+?)牵头(?:负责)?$`)
)

// parseDuty reads an unlabelled list: (A、B按职责分工负责), (A负责),
// (A牵头，B、C参与). Every item must look like a unit.
func (x *extractor) parseDuty(inner string) []roleList {
	first := inner
	if k := strings.IndexAny(first, "。；;"); k >= 0 {
		first = first[:k]
	}
	if utf8.RuneCountInString(first) > 200 {
		return nil
	}
	var out []roleList
	if m := reLeadSupp.FindStringSubmatch(first); m != nil {
		lead, supp := x.split(m[1], true), x.split(m[2], true)
		if lead == nil || supp == nil {
			return nil
		}
		return []roleList{{schema.RoleLead, lead}, {schema.RoleSupport, supp}}
	}
	if m := reLeadOnly.FindStringSubmatch(first); m != nil {
		if lead := x.split(m[1], true); lead != nil {
			return []roleList{{schema.RoleLead, lead}}
		}
		return nil
	}
	loc := reDutyEnd.FindStringIndex(first)
	if loc == nil {
		return nil
	}
	items := x.split(first[:loc[0]], true)
	if items == nil {
		return nil
	}
	if x.firstIsLead {
		out = append(out, roleList{schema.RoleLead, items[:1]})
		if len(items) > 1 {
			out = append(out, roleList{schema.RoleSupport, items[1:]})
		}
		return out
	}
	return []roleList{{schema.RoleResponsible, items}}
}

var (
	reTrailer = regexp.MustCompile(`(?:按职能分别负责|按职责分别负责|按职责分工负责|按职能分工负责|按职责负责|按职能负责|分别负责|共同负责|牵头负责|负责落实|负责|牵头|配合|参与|协助)$`)
	reEtc     = regexp.MustCompile(`等(?:部门|单位|有关|相关|各|其他|多|机构|市|区|县|领域|方面|行业|产业|$)`)
)

// split splits a role list on 、，,；; outside brackets, drops trailers and
// 等…, and with strict set returns nil unless every item looks like a unit.
func (x *extractor) split(s string, strict bool) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "：:")
	s = strings.TrimRight(s, "。；;，,、")
	var parts []string
	depth, last := 0, 0
	for i, r := range s {
		switch {
		case openers[r]:
			depth++
		case closers[r]:
			if depth > 0 {
				depth--
			}
		case depth == 0 && (r == '、' || r == '，' || r == ',' || r == '；' || r == ';' || r == '/'):
			parts = append(parts, s[last:i])
			last = i + utf8.RuneLen(r)
		}
	}
	parts = append(parts, s[last:])
	// 各市、县科技局: a bare level word shares the next part's organ.
	for k := 0; k+1 < len(parts); k++ {
		if reBareLevel.MatchString(parts[k]) {
			parts[k+1] = parts[k] + "、" + parts[k+1]
			parts[k] = ""
		}
	}
	var out []string
	for _, p := range parts {
		if p == "" {
			continue
		}
		// 和各/及各: a second unit joined by a conjunction.
		for _, sep := range []string{"和各", "及各", "以及各"} {
			if k := strings.Index(p, sep); k > 0 {
				out = append(out, x.cleanItem(p[:k]))
				p = p[k+len(sep)-len("各"):]
			}
		}
		stop := false
		if loc := reEtc.FindStringIndex(p); loc != nil && loc[0] > 0 && !etcInName(p, loc[0]) {
			p = p[:loc[0]]
			stop = true
		}
		out = append(out, x.cleanItem(p))
		if stop {
			break
		}
	}
	var res []string
	for _, it := range out {
		if it == "" {
			continue
		}
		if strict && !x.unitLike(it) {
			return nil
		}
		res = append(res, it)
	}
	return res
}

// etcInName reports whether the 等 at byte i of p belongs to a word (高等学校).
func etcInName(p string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(p[:i])
	return strings.ContainsRune("高中初平同对均", r)
}

func (x *extractor) cleanItem(p string) string {
	p = strings.TrimSpace(p)
	for {
		q := reTrailer.ReplaceAllString(p, "")
		q = strings.TrimPrefix(q, "由")
		q = strings.Trim(q, "。，,、；;：: ")
		if q == p {
			break
		}
		p = q
	}
	if p == "等" || !hasHan(p) {
		return ""
	}
	return p
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

var unitSuffixes = []string{"部", "委", "局", "厅", "办", "署", "院", "会", "政府", "中心", "行", "社", "台", "室", "队", "处", "团", "所", "校", "学", "馆", "站", "公司", "集团", "企业", "单位", "部门", "机构", "高校", "协会", "分局", "支行", "海关", "总局", "园区", "区", "县", "市", "省"}

// unitLike reports whether s reads as the name of a unit.
func (x *extractor) unitLike(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 30 {
		return false
	}
	// 柳东新区管委会（高新区管委会）: judge the name before its alias.
	if k := strings.IndexAny(s, "（("); k > 0 && (strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")")) {
		s = s[:k]
	}
	if strings.ContainsAny(s, "，。：:；的在对将把向为是") || strings.Contains(s, "由") {
		return false
	}
	for _, suf := range unitSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return x.d.IsOrgan(s)
}

// departments resolves the role lists of one task: prefixes are inherited
// from the list (市科技局、发展改革委 → 市发展改革委) and names canonicalized.
func (x *extractor) departments(roles []roleList) []schema.TaskDept {
	var out []schema.TaskDept
	inherit := ""
	for _, rl := range roles {
		ord := 0
		for k, m := range rl.items {
			full := m
			if p := x.d.Prefix(m); p != "" {
				inherit = p
			} else if inherit != "" && !x.d.HasPrefix(m) && x.inheritable(m) {
				full = inherit + m
			}
			// 黄埔区、天河区人民政府: a bare place shares the next item's organ.
			if isBarePlace(m) {
				for _, next := range rl.items[k+1:] {
					if strings.HasSuffix(next, "人民政府") && isBarePlace(strings.TrimSuffix(next, "人民政府")) {
						full = m + "人民政府"
						break
					}
				}
			}
			name, nj := x.d.Canonical(full, x.juris)
			ord++
			out = append(out, schema.TaskDept{Role: rl.role, Ordinal: ord, Mention: m, Department: name, Jurisdiction: nj})
		}
	}
	return out
}

var reBareLevel = regexp.MustCompile(`^(?:各|有关)?(?:市|县|区|省|自治区|县区|区县|市县)$`)

var reBarePlace = regexp.MustCompile(`^\p{Han}{1,5}[区县市]$`)

func isBarePlace(s string) bool { return reBarePlace.MatchString(s) }

// inheritable reports whether a name without prefix takes the list's prefix:
// a known organ, or a short office name (糖业发展办, 农科院, 绩效办).
func (x *extractor) inheritable(m string) bool {
	if x.d.IsOrgan(m) {
		return true
	}
	if utf8.RuneCountInString(m) > 6 {
		return false
	}
	for _, suf := range []string{"办", "院", "局", "委", "厅", "室", "队", "会", "部"} {
		if strings.HasSuffix(m, suf) {
			return true
		}
	}
	return false
}

// textTasks turns the lists found in paragraphs into tasks.
func (x *extractor) textTasks() []schema.Task {
	var out []schema.Task
	var roles [][]roleList // the role lists of each task in out
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
			out = append(out, t)
			roles = append(roles, append([]roleList(nil), l.roles...))
		}
	}
	return out
}

// taskFor names the task that list l (in paragraph i) belongs to.
func (x *extractor) taskFor(i, li, segStart int, l list) (schema.Task, bool) {
	p := x.paras[i]
	t := schema.Task{Table: -1, Row: -1}
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
				hp := x.paras[h]
				t.Label = hp.sq[:hp.labelEnd]
				t.Title = title(hp.sq[hp.labelEnd:])
				t.Span = schema.Span{Start: hp.pos(0), End: p.pos(l.end)}
				return t, t.Title != ""
			}
		}
		t.Label = seg[lab : lab+ll]
		t.Title = title(seg[lab+ll:])
		t.Span = schema.Span{Start: p.pos(segStart + lab), End: p.pos(l.end)}
		return t, t.Title != ""
	}
	if li == 0 {
		if h := x.governing(i); h >= 0 && x.listsUnder(h) == 1 {
			hp := x.paras[h]
			t.Label = hp.sq[:hp.labelEnd]
			t.Title = title(hp.sq[hp.labelEnd:])
			t.Span = schema.Span{Start: hp.pos(0), End: p.pos(l.end)}
			return t, t.Title != ""
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

var reStrongLabel = regexp.MustCompile(`^(?:第[一二三四五六七八九十百零〇0-9]+条|[（(][一二三四五六七八九十百零〇]+[）)]|[一二三四五六七八九十百]+、)`)

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
			case unicode.Is(unicode.Han, prev) && reStrongLabel.MatchString(seg[q:]):
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

// rank orders item labels from the top: 一、/第一条 1, （一） 2, 1． 3,
// （1） 4, ①/1） 5.
func rank(label string) int {
	r, _ := utf8.DecodeRuneInString(label)
	switch {
	case strings.HasPrefix(label, "第"):
		return 1
	case r == '（' || r == '(':
		r2, _ := utf8.DecodeRuneInString(label[utf8.RuneLen(r):])
		if r2 >= '0' && r2 <= '9' {
			return 4
		}
		return 2
	case r >= '①' && r <= '⑳':
		return 5
	case r >= '0' && r <= '9':
		if strings.HasSuffix(label, ")") || strings.HasSuffix(label, "）") {
			return 5
		}
		return 3
	}
	return 1
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

// section returns the index of the innermost section holding byte offset at.
func section(secs []schema.Section, at int) int {
	best := -1
	for i, s := range secs {
		if s.Span.Start <= at && at < s.Span.End {
			if best < 0 || s.Level >= secs[best].Level {
				best = i
			}
		}
	}
	return best
}

// tableTasks reads tables whose header names 牵头/配合/责任 columns.
func (x *extractor) tableTasks() []schema.Task {
	var out []schema.Task
	var prevHeader []string
	for ti, tb := range x.doc.Tables {
		header := tb.Header
		if blank(header) && len(prevHeader) == len(header) {
			// A continuation of the table before, its header not repeated.
			header = prevHeader
		}
		roles := map[int]string{}
		for c, h := range header {
			if r := headerRole(squeezeString(h)); r != "" {
				roles[c] = r
			}
		}
		if len(roles) == 0 {
			prevHeader = nil
			continue
		}
		prevHeader = header
		nameCol := nameColumn(header, roles)
		if nameCol < 0 {
			continue
		}
		for ri, row := range tb.Rows {
			if row.IsTotal || nameCol >= len(row.Cells) {
				continue
			}
			name := strings.TrimSpace(row.Cells[nameCol])
			if name == "" {
				continue
			}
			var rls []roleList
			cols := make([]int, 0, len(roles))
			for c := range roles {
				cols = append(cols, c)
			}
			sort.Ints(cols)
			for _, role := range []string{roleLeadFirst, schema.RoleLead, schema.RoleSupport, schema.RoleResponsible} {
				for _, c := range cols {
					if roles[c] != role || c >= len(row.Cells) {
						continue
					}
					cell := squeezeString(row.Cells[c])
					if loc := reRole.FindStringIndex(cell); loc != nil && loc[0] == 0 {
						rls = append(rls, x.parseLabelled(cell)...)
						continue
					}
					// Cells of a misread table may hold prose: keep units only.
					var items []string
					for _, it := range x.split(cell, false) {
						if x.unitLike(it) {
							items = append(items, it)
						}
					}
					if len(items) == 0 {
						continue
					}
					if role == roleLeadFirst {
						rls = append(rls, roleList{schema.RoleLead, items[:1]})
						if len(items) > 1 {
							rls = append(rls, roleList{schema.RoleResponsible, items[1:]})
						}
						continue
					}
					rls = append(rls, roleList{role, items})
				}
			}
			deps := x.departments(rls)
			if len(deps) == 0 {
				continue
			}
			out = append(out, schema.Task{
				Label: strings.TrimSpace(row.Seq), Title: strings.TrimRight(strings.Join(strings.Fields(name), " "), "。；;"),
				Span: row.Span, Table: ti, Row: ri, Departments: deps,
			})
		}
	}
	return out
}

// roleLeadFirst marks a column whose first unit leads and the rest are
// responsible.
const roleLeadFirst = "lead-first"

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return len(cells) > 0
}

// headerRole maps a column header to a role ("" when it names none).
func headerRole(h string) string {
	if strings.Contains(h, "处室") || strings.Contains(h, "内牵头") || strings.Contains(h, "内配合") {
		return "" // divisions inside one department
	}
	if strings.Contains(h, "牵头") && reFirstIsLead.MatchString(h) {
		return roleLeadFirst // 责任单位（排第一位的为牵头单位）
	}
	switch {
	case strings.Contains(h, "牵头"), strings.Contains(h, "指导部门"), strings.Contains(h, "主办"):
		return schema.RoleLead
	case strings.Contains(h, "配合"), strings.Contains(h, "协办"), strings.Contains(h, "参与"):
		return schema.RoleSupport
	case strings.Contains(h, "责任单位"), strings.Contains(h, "责任部门"), strings.Contains(h, "负责单位"),
		strings.Contains(h, "负责部门"), strings.Contains(h, "主责"), strings.Contains(h, "实施单位"), strings.Contains(h, "承办"):
		return schema.RoleResponsible
	}
	return ""
}

var nameHeaders = []string{"任务", "事项", "举措", "措施", "指标", "名称", "类别", "项目", "内容"}

// nameColumn picks the column that names a row: a header such as 任务 or
// 工作事项, else the first column that is neither 序号 nor a role.
func nameColumn(header []string, roles map[int]string) int {
	for _, want := range nameHeaders {
		for c, h := range header {
			h = squeezeString(h)
			if _, isRole := roles[c]; isRole || strings.Contains(h, "主要内容") || strings.Contains(h, "创建内容") {
				continue
			}
			if strings.Contains(h, want) {
				return c
			}
		}
	}
	for c, h := range header {
		h = squeezeString(h)
		if _, isRole := roles[c]; isRole || h == "序号" || h == "编号" || h == "" {
			continue
		}
		return c
	}
	return -1
}
