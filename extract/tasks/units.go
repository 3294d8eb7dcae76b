package tasks

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/lexicon/dept"
	"policyx/schema"
)

// Splitting a role list into its units, cleaning each, and turning them
// into departments.

var (
	reTrailer = regexp.MustCompile(`(?:按职责分工配合|按职能分别负责|按职责分别负责|按职责分工负责|按职能分工负责|按职责负责|按职能负责|分别负责|共同负责|牵头负责|负责落实|负责|分别牵头|共同牵头|牵头|配合|参与|协助)$`)
	reEtc     = regexp.MustCompile(`等(?:部门|单位|有关|相关|各|其他|多|机构|市|区|县|领域|方面|行业|产业|$)`)
)

// split splits a role list on 、，,；; outside brackets, drops trailers and
// 等…, and with strict set returns nil unless every item looks like a unit.
func (x *extractor) split(s string, strict bool) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "：:")
	s = strings.TrimRight(s, "。；;，,、")
	var parts []string
	var semi []bool // the part follows a ；, which starts a new group
	depth, last, afterSemi := 0, 0, false
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
			semi = append(semi, afterSemi)
			afterSemi = r == '；' || r == ';'
			last = i + utf8.RuneLen(r)
		}
	}
	parts = append(parts, s[last:])
	semi = append(semi, afterSemi)
	// 各市、县科技局: a bare level word shares the next part's organ, when
	// that part names a level too (各县区、开发园区 are two units).
	for k := 0; k+1 < len(parts); k++ {
		if reBareLevel.MatchString(parts[k]) && levelFirst(parts[k+1]) {
			parts[k+1] = parts[k] + "、" + parts[k+1]
			parts[k] = ""
		}
	}
	var out []string
	stopped := false
	for k, p := range parts {
		// 市通信管理局等；各区政府: 等 ends its group, not the list
		if p == "" || stopped && !semi[k] {
			continue
		}
		stopped = false
		// 和各/及各, 会同: a second unit joined by a conjunction (the 各
		// stays with it: 国家发展改革委会同有关部门 → 国家发展改革委, 有关部门).
		for _, sep := range []string{"和各", "及各", "以及各", "会同"} {
			if k := strings.Index(p, sep); k > 0 {
				out = append(out, x.cleanItem(p[:k]))
				p = p[k+len(strings.TrimSuffix(sep, "各")):]
			}
		}
		stop := false
		if loc := reEtc.FindStringIndex(p); loc != nil && loc[0] > 0 && !etcInName(p, loc[0]) {
			p = p[:loc[0]]
			stop = true
		}
		out = append(out, x.cleanItem(p))
		stopped = stop
	}
	var res []string
	for _, it := range out {
		if it == "" {
			continue
		}
		// 市卫生健康委(除标注“分别牵头”外,列第一位为牵头单位,下同): a note
		// bracketed after the last unit ends the list
		note := false
		if k := noteBracket(it); k > 0 {
			it, note = it[:k], true
		}
		// 市税务局、市财政局，排在首位的为牵头单位，下同: the note after the
		// last unit, set off by a comma rather than a bracket, ends the list.
		if firstIsLead(it) {
			break
		}
		if strict && !x.unitLike(it) {
			return nil
		}
		if note {
			res = append(res, it)
			break
		}
		if reProse.MatchString(it) {
			// 以下均需各区政府落实，不再列出: a note, not a unit; it ends the list.
			break
		}
		res = append(res, it)
	}
	return res
}

// noteBracket returns where a bracket closing item starts when it holds a
// note (reProse) rather than an alias, or 0.
func noteBracket(item string) int {
	r, _ := utf8.DecodeLastRuneInString(item)
	if !closers[r] {
		return 0
	}
	k := strings.LastIndexAny(item, "（(")
	if k <= 0 || !reProse.MatchString(item[k:]) {
		return 0
	}
	return k
}

// reProse marks a note written into a unit list.
var reProse = regexp.MustCompile(`以下|下同|不再|均需|均由|列出|其中|分别由|根据|按照|依据|要求`)

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
	if p == "等" || !cjk.HasHan(p) {
		return ""
	}
	return p
}

var unitSuffixes = []string{"部", "委", "局", "厅", "办", "署", "院", "会", "政府", "中心", "行", "社", "台", "室", "队", "处", "团", "所", "校", "学", "馆", "站", "公司", "集团", "企业", "单位", "部门", "机构", "高校", "协会", "分局", "支行", "海关", "总局", "园区", "区", "县", "市", "省"}

// localEnds end the names of the levels below a county, which stand as
// units only in a collective (各镇乡街道).
var localEnds = []string{"镇", "乡", "街道", "村", "社区", "苏木"}

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
	// 各镇乡街道, 各镇（街道）, 各村（社区）: the townships and communities
	if dept.IsCollective(s) {
		for _, suf := range localEnds {
			if strings.HasSuffix(s, suf) {
				return true
			}
		}
	}
	// 市残联: a known organ under its level word
	if p := x.d.Prefix(s); p != "" && x.d.IsOrgan(strings.TrimPrefix(s, p)) {
		return true
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
			} else if q := collectiveOf(rl.items, k); q != "" {
				full = q + m // 各盟市行政公署、人民政府: 各盟市人民政府
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

var reBareLevel = regexp.MustCompile(`^(?:各有关|各相关|各|有关|相关)?(?:市|县|区|省|自治区|县区|区县|市县|县市)$`)

// levelFirst reports whether s opens with a level word (县科技局, 区政府).
func levelFirst(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("市县区省州盟旗乡镇自", r)
}

var reBarePlace = regexp.MustCompile(`^\p{Han}{1,5}[区县市]$`)

func isBarePlace(s string) bool { return reBarePlace.MatchString(s) }

// inheritable reports whether a name without prefix takes the list's prefix:
// a known organ, or a short office name (糖业发展办, 农科院, 绩效办) other
// than a zone's 管委会.
func (x *extractor) inheritable(m string) bool {
	if x.d.IsOrgan(m) {
		return true
	}
	// A zone's committee is named after its zone (中关村管委会,
	// 生物岛管委会), never after the list's 市/区.
	if strings.HasSuffix(m, "管委会") || strings.HasSuffix(m, "管理委员会") {
		return false
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
