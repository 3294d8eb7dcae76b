package tasks

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/lexicon/dept"
	"policyx/schema"
)

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

var openers = map[rune]bool{'（': true, '(': true, '[': true, '【': true, '［': true, '〔': true}
var closers = map[rune]bool{'）': true, ')': true, ']': true, '】': true, '］': true, '〕': true}

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
		l, ok := x.parseBracket(inner)
		if !ok && trailing(s, i, end) {
			l, ok = x.parseBare(inner)
		}
		if ok {
			l.start, l.end = i, end
			out = append(out, l)
			covered = end
			i = end
			continue
		}
		i += n
	}
	// Unbracketed: 责任单位：… running to the end of its sentence; the
	// sentence after it may hold the next role (牵头单位：A。配合单位：B。).
	first := true
	for _, loc := range roleLocs(s, -1) {
		if loc[0] < covered || insideBracket(s, loc[0]) {
			continue
		}
		// a later list must open its sentence
		if !first && !strings.HasSuffix(s[:loc[0]], "。") {
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
		covered = loc[0] + len(content)
		first = false
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// roleMaxLen bounds the byte length of a reRole match: 主要 牵头 责任 单位
// 、单位 and the colon.
const roleMaxLen = 48

// roleLocs returns reRole.FindAllStringIndex(s, n) without running the
// regexp over the whole paragraph. Every match ends with a colon (or 】), holds no
// other, and is at most roleMaxLen bytes long, so the matches are those
// found in the window before each colon.
func roleLocs(s string, n int) [][]int {
	var out [][]int
	from := 0 // after the last colon
	for from < len(s) && (n < 0 || len(out) < n) {
		k := strings.IndexAny(s[from:], ":：】")
		if k < 0 {
			break
		}
		c := from + k
		_, w := utf8.DecodeRuneInString(s[c:])
		lo := max(from, c-roleMaxLen)
		if loc := reRole.FindStringIndex(s[lo : c+w]); loc != nil {
			out = append(out, []int{lo + loc[0], lo + loc[1]})
		}
		from = c + w
	}
	return out
}

// roleLoc is reRole.FindStringIndex(s), found as roleLocs does.
func roleLoc(s string) []int {
	if locs := roleLocs(s, 1); len(locs) > 0 {
		return locs[0]
	}
	return nil
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
	// The label opens the bracket, maybe after a short qualifier (市级责任单位：).
	if loc := roleLoc(inner); loc != nil && utf8.RuneCountInString(inner[:loc[0]]) <= 4 && !strings.ContainsAny(inner[:loc[0]], "，,。；;：:、") {
		roles := x.parseLabelled(inner[loc[0]:])
		return list{labelled: true, roles: roles}, len(roles) > 0
	}
	roles := x.parseDuty(inner)
	return list{roles: roles}, len(roles) > 0
}

// trailing reports whether the bracket s[i:end] ends its paragraph
// (…提升产业能级。（市科委、市经济信息化委）), maybe before a final 。, or
// is the whole paragraph, on a line of its own after the item's text.
func trailing(s string, i, end int) bool {
	return strings.Trim(s[end:], "。；;") == "" && (i > 0 || label(s) == 0)
}

// parseBare reads a trailing bracket that holds only unit names, with no
// role label or duty verb (（市科委、市经济信息化委）): the units are
// responsible. Every item must be a known organ with a level or place
// prefix, or a collective, so a bracketed remark or example is not read;
// in a longer list, a few names the dictionary lacks (上海金融监管局) may
// stand among at least twice as many known ones when they read as units.
func (x *extractor) parseBare(inner string) (list, bool) {
	items := x.split(inner, true)
	if len(items) == 0 {
		return list{}, false
	}
	known, odd := 0, 0
	for k, it := range items {
		// 市科委、经济信息化委: a later item may leave its prefix to the first.
		switch {
		case dept.IsCollective(it) || x.d.KnownUnit(it) || k > 0 && x.d.IsOrgan(it):
			known++
		case k > 0 && x.unitLike(it):
			odd++
		default:
			return list{}, false
		}
	}
	if odd > 0 && known < 2*odd+1 {
		return list{}, false
	}
	// （市税务局、市财政局，各县市、区政府，列第一位的为牵头单位，下同）:
	// where the document says the first unit leads, it leads and the others
	// support, as in a list with a duty verb (parseDuty).
	if x.firstIsLead {
		roles := []roleList{{schema.RoleLead, items[:1]}}
		if len(items) > 1 {
			roles = append(roles, roleList{schema.RoleSupport, items[1:]})
		}
		return list{roles: roles}, true
	}
	return list{roles: []roleList{{schema.RoleResponsible, items}}}, true
}

// unitEnds are the last runes of unit names (市建设局, 县人民政府, 管委会).
const unitEnds = "局委厅办院会府部室心司处门站所行团联社校队组馆区县市州"

// otherField returns where another field (完成时限：…) starts in the body of
// a role list, -1 when none. After a mark (；完成时限：) the field starts at
// the mark. Without one, the field stood on the next line (责任单位：市建设局
// / 时限要求：持续推进) and squeezing joined them: the field name is the
// longest tail of two runes or more after the end of a unit name, not the
// six runes before the colon (市建|设局时限要求：).
func otherField(body string) int {
	f := reOtherField.FindStringIndex(body)
	if f == nil {
		return -1
	}
	if r, _ := utf8.DecodeRuneInString(body[f[0]:]); !cjk.IsHan(r) {
		return f[0]
	}
	_, cn := utf8.DecodeLastRuneInString(body[:f[1]])
	colon := f[1] - cn
	for i := f[0]; utf8.RuneCountInString(body[i:colon]) >= 2; {
		if unitBefore(body[:i]) {
			return i
		}
		_, n := utf8.DecodeRuneInString(body[i:])
		i += n
	}
	return f[0]
}

// unitBefore reports whether s ends with a unit name of two runes or more
// (市建设局, not the level word 市 alone).
func unitBefore(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	if !strings.ContainsRune(unitEnds, last) {
		return false
	}
	name := s
	if k := strings.LastIndexAny(s, "、，,；;（("); k >= 0 {
		_, n := utf8.DecodeRuneInString(s[k:])
		name = s[k+n:]
	}
	return utf8.RuneCountInString(name) >= 2
}

// parseLabelled splits 牵头单位：A、B；配合单位：C into role lists.
func (x *extractor) parseLabelled(content string) []roleList {
	locs := roleLocs(content, -1)
	var out []roleList
	for k, loc := range locs {
		end := len(content)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		lab := content[loc[0]:loc[1]]
		body := content[loc[1]:end]
		if f := otherField(body); f >= 0 {
			body = body[:f]
		}
		// 〔责任单位：A、B按职责分工负责。具体任务均涉及…，下同。〕: a full
		// stop ends the list
		if k := strings.Index(body, "。"); k >= 0 {
			body = body[:k]
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
		// 责任单位：省政府办公厅、省财政厅牵头，省商务厅: the units before
		// 牵头 lead, the rest keep the label's role.
		if role == schema.RoleResponsible {
			if lead, rest := x.leadThenRest(body); lead != nil {
				out = append(out, roleList{schema.RoleLead, lead}, roleList{role, rest})
				continue
			}
		}
		items := x.split(body, false)
		if len(items) == 0 {
			continue
		}
		// 责任单位：市人力社保局、市农业农村局分别牵头: every unit leads.
		if role == schema.RoleResponsible && reAllLead.MatchString(strings.TrimRight(body, "。；;，, ")) {
			out = append(out, roleList{schema.RoleLead, items})
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

// leadThenRest splits 省政府办公厅、省财政厅牵头，省商务厅、省文旅厅 at
// 牵头 and a comma: both sides must be unit lists; nil otherwise.
func (x *extractor) leadThenRest(body string) (lead, rest []string) {
	loc := reLeadComma.FindStringIndex(body)
	if loc == nil || loc[0] == 0 {
		return nil, nil
	}
	lead = x.split(body[:loc[0]], true)
	rest = x.split(body[loc[1]:], true)
	if lead == nil || rest == nil {
		return nil, nil
	}
	return lead, rest
}

var reLeadComma = regexp.MustCompile(`牵头[，,]`)

var reAllLead = regexp.MustCompile(`(?:分别|共同)牵头(?:负责)?$`)

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
	reLeadSupp = regexp.MustCompile(`^由?(.+?)(?:牵头|指导)[，,、]?(.+?)(?:按职责分工配合|配合|参与|协助|按职责分工负责|按职责负责|负责)$`)
	reLeadOnly = regexp.MustCompile(`^由?(.+?)(?:分别|共同)?牵头(?:负责)?$`)
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
	first = dropTimeClauses(first)
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

// reTime marks a deadline clause (2023年底前完成, 长期坚持).
var reTime = regexp.MustCompile(`[0-9]{4}年|年底|年内|月底|季度|前完成|长期|持续推进|持续实施`)

// dropTimeClauses removes deadline clauses from a duty statement:
// 2023年底前完成，市科技局负责 → 市科技局负责.
func dropTimeClauses(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '，' || r == ',' })
	if len(parts) < 2 {
		return s
	}
	var keep []string
	for _, p := range parts {
		if !reTime.MatchString(p) {
			keep = append(keep, p)
		}
	}
	if len(keep) == len(parts) || len(keep) == 0 {
		return s
	}
	return strings.Join(keep, "，")
}
