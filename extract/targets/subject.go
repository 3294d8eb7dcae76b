package targets

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize/numbers"
	"policyx/schema"
)

// subject reads what the figure counts or funds from the words around it.
func (x *extractor) subject(cs string, q numbers.Quantity, cl0, cl1 int, kind string) string {
	before := cs[cl0:q.Start]
	// 第十八条政府风险补偿金余额…: an item label run onto the text
	if k, _ := listMarker(before); k > 0 {
		before = before[k:]
	}
	after := cs[q.End:cl1]
	for _, w := range []string{"(含)", "（含）", "及以上", "以上", "以下", "以内", "左右", "的"} {
		after = strings.TrimPrefix(after, w)
	}
	// strip link words and per-unit words at the end of before: 数量达到 →
	// 数量; 保障标准为每人每月 → 保障标准
	for {
		w := x.kw.Link.suffix(before)
		if w == "" {
			w = x.kw.PerUnit.suffix(before)
		}
		if w == "" {
			break
		}
		before = strings.TrimSuffix(before, w)
	}
	back := x.tailNoun(before)
	fwd := x.headNoun(after)
	for _, w := range []string{"和", "及", "与", "或", "、"} {
		fwd = strings.TrimSuffix(fwd, w)
	}
	// 约1000名达到国际服务标准的家庭医生: the noun after a clause in 的
	if fwd == "" {
		if k := strings.Index(after, "的"); k > 0 && !strings.ContainsAny(after[:k], "0123456789") {
			if h := x.headNoun(after[k+len("的"):]); !strings.HasSuffix(h, "的") {
				fwd = h
			}
		}
	}
	// （以下简称…项目） names the measure, not what is funded
	if strings.HasPrefix(fwd, "（以下") || strings.HasPrefix(fwd, "(以下") {
		fwd = ""
	}
	// 建设50所学校和150个专业: the words before 和 belong to the figure
	// before
	if listGapWord(lastRune(before)) && cl0 > 0 && strings.IndexAny(before, "，,：:；;") < 0 && fwd != "" {
		back = ""
	}
	// 示范项目新增15个: the noun before the verb
	if back == "" && fwd == "" {
		if v := x.kw.Verb.suffix(before); v != "" {
			if b := x.tailNoun(strings.TrimSuffix(before, v)); utf8.RuneCountInString(b) >= 2 {
				back = b
			}
		}
	}
	// 每年最多奖励10家企业: a quota counts what follows the grant verb
	if kind == schema.KindGoal && fwd != "" && x.kw.Funding.suffix(before) != "" {
		return fwd
	}
	// 高效稀土永磁电机研发等3项技术: the list and what it lists
	if strings.HasSuffix(before, "等") && back != "" && fwd != "" && kind == schema.KindGoal {
		return back + "等" + fwd
	}
	switch {
	case kind == schema.KindFunding || kind == schema.KindRate:
		// who gets it and what it is: 立项项目 资助; 立项项目 项目总投入
		obj := x.object(cs[:q.Start])
		s := back
		if kind == schema.KindFunding && fwd != "" || kind == schema.KindRate && (back == "" || strings.HasSuffix(before, "按")) && fwd != "" {
			s = fwd
		}
		s = strings.TrimSuffix(s, "的")
		if obj != "" && !strings.Contains(s, obj) {
			s = obj + " " + s
		}
		return strings.TrimSpace(s)
	case back != "" && (fwd == "" || utf8.RuneCountInString(back) >= 2 && !x.endsVerb(cs[cl0:q.Start])):
		return back
	case fwd != "":
		if strings.HasSuffix(cs[cl0:q.Start], "新增") {
			return "新增" + fwd
		}
		return fwd
	}
	return back
}

// stripLinks drops link words (达到, 不少于 …) at the end of s.
func (x *extractor) stripLinks(s string) string {
	for {
		w := x.kw.Link.suffix(s)
		if w == "" {
			return s
		}
		s = strings.TrimSuffix(s, w)
	}
}

// stripPerUnit drops per-unit and per-time words (每年, 每人每月) at the
// end of s.
func (x *extractor) stripPerUnit(s string) string {
	for {
		w := x.kw.PerUnit.suffix(s)
		if w == "" {
			return s
		}
		s = strings.TrimSuffix(s, w)
	}
}

// genericSubject reports whether a grant's subject says nothing of its
// purpose (资金, 支持, 专项).
func genericSubject(s string) bool {
	switch s {
	case "", "资金", "经费", "支持", "专项", "控制", "补助", "奖励", "资助", "激励", "补贴":
		return true
	}
	return utf8.RuneCountInString(s) <= 1
}

func (x *extractor) endsVerb(s string) bool {
	for {
		w := x.kw.Link.suffix(s)
		if w == "" {
			break
		}
		s = strings.TrimSuffix(s, w)
	}
	return x.kw.Verb.suffix(s) != "" || s == ""
}

// tailNoun takes the noun phrase at the end of s: tokens back to a verb,
// a time word or punctuation.
func (x *extractor) tailNoun(s string) string {
	if s == "" || x.sg == nil {
		return s
	}
	toks := x.sg.Cut(s)
	end := len(s)
	k := len(toks)
	for k > 0 && (funcWord[toks[k-1]] || strings.TrimSpace(toks[k-1]) == "") {
		end -= len(toks[k-1])
		k--
	}
	start := end
	n := 0
	for k > 0 {
		t := toks[k-1]
		stop := isPunct(t) || x.isVerbTok(t) || t == "年" || strings.ContainsAny(t, "0123456789") || n >= 12
		if stop && n <= 1 && !isPunct(t) && !strings.ContainsAny(t, "0123456789") && t != "年" && n > 0 {
			// 土地建成率: a one-character tail takes the word before it
			stop = false
		}
		if stop || funcWord[t] && t != "的" && t != "和" && t != "及" && t != "与" && n > 0 {
			break
		}
		n += utf8.RuneCountInString(t)
		start -= len(t)
		k--
	}
	out := strings.TrimPrefix(strings.TrimSpace(s[start:end]), "的")
	// a phrase cut by the length limit keeps its head after 的
	// (…提供引才服务的人力资源服务机构 → 人力资源服务机构)
	if n >= 12 {
		if k := strings.LastIndex(out, "的"); k >= 0 && utf8.RuneCountInString(out[k+len("的"):]) >= 2 {
			out = out[k+len("的"):]
		}
	}
	// a conjunction opens no subject: 且研发投入 → 研发投入
	for _, w := range []string{"且", "并", "而"} {
		if r := strings.TrimPrefix(out, w); len(r) < len(out) && utf8.RuneCountInString(r) >= 2 {
			out = r
			break
		}
	}
	return out
}

// headNoun takes the noun phrase at the start of s, brackets included:
// 校校企(校企)联合创新中心.
func (x *extractor) headNoun(s string) string {
	if s == "" || x.sg == nil {
		return ""
	}
	toks := x.sg.Cut(s)
	end := 0
	n := 0
	depth := 0
loop:
	for _, t := range toks {
		switch t {
		case "(", "（":
			// 号源（其中专家号源不低于30%）: a bracket with a figure of its
			// own ends the phrase
			if depth == 0 && bracketFigure(s[end:]) {
				break loop
			}
			depth++
			end += len(t)
			continue
		case ")", "）":
			if depth == 0 {
				break
			}
			depth--
			end += len(t)
			continue
		}
		if depth == 0 && (isPunct(t) || x.isVerbTok(t) || t == "等" || t == "不" || strings.ContainsAny(t, "0123456789") || n >= 30) {
			break
		}
		end += len(t)
		n += utf8.RuneCountInString(t)
	}
	out := s[:end]
	if depth > 0 {
		if k := strings.LastIndexAny(out, "(（"); k >= 0 {
			out = out[:k]
		}
	}
	// 具有辐射引领作用的高水平专业化产教融合实训基地: a long phrase keeps
	// its head after the last 的
	if utf8.RuneCountInString(out) > 16 {
		if k := strings.LastIndex(out, "的"); k >= 0 && utf8.RuneCountInString(out[k+len("的"):]) >= 2 {
			out = out[k+len("的"):]
		}
	}
	return strings.TrimSpace(out)
}

// funcWord are tokens that end no subject: 花生种植、收获机械化率分别为
// 55%和65%.
var funcWord = map[string]bool{"和": true, "及": true, "与": true, "或": true, "均": true, "分别": true, "的": true, "等": true, "为": true, "是": true, "将": true, "要": true, "到": true, "在": true}

func (x *extractor) isVerbTok(t string) bool {
	switch t {
	case "总额", "总数", "合计", "总计", "总量":
		return false // nouns among the link words
	}
	return x.kw.Verb.has(t) || x.kw.Link.has(t) || x.kw.ShareVerb.has(t)
}

func isPunct(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsPunct(r) || unicode.IsSymbol(r) || strings.ContainsRune("，。；：、（）《》“”", r)
}

// object returns the beneficiary of a grant: 对首次通过认定的企业给予… →
// 首次通过认定的企业.
func (x *extractor) object(s string) string {
	k := strings.LastIndex(s, "对")
	if k < 0 {
		return ""
	}
	o := s[k+len("对"):]
	o = strings.TrimPrefix(o, "于")
	for _, sep := range []string{"，", ",", "给予", "按照", "按", "予以", "每"} {
		if e := strings.Index(o, sep); e >= 0 {
			o = o[:e]
		}
	}
	return shortObject(o)
}

// shortObject shortens a long object of 对 without cutting a word: the head
// noun after the last 的 (依法经营、成立未满3年的人力资源服务机构 →
// 人力资源服务机构), else the shortest tail after a list or bracket mark.
func shortObject(o string) string {
	const most = 24
	if utf8.RuneCountInString(o) <= most {
		return o
	}
	if k := strings.LastIndex(o, "的"); k >= 0 {
		if h := o[k+len("的"):]; utf8.RuneCountInString(h) >= 2 && utf8.RuneCountInString(h) <= most {
			return h
		}
	}
	for i, r := range o {
		if strings.ContainsRune("、，,）)；;", r) {
			if t := strings.TrimLeft(o[i+utf8.RuneLen(r):], "、，,；;"); utf8.RuneCountInString(t) <= most && utf8.RuneCountInString(t) >= 2 {
				return t
			}
		}
	}
	return o
}

// scope: a list of places before 分别 that pairs with a list of figures.
func (x *extractor) scope(cs string, q numbers.Quantity, all []numbers.Quantity) (string, bool) {
	if !q.Shared && !strings.Contains(cs[:q.Start], "分别") {
		return "", false
	}
	k := strings.LastIndex(cs[:q.Start], "分别")
	if k < 0 {
		return "", false
	}
	// the figures of this list
	var list []numbers.Quantity
	for _, o := range all {
		if o.Start > k && o.Unit == q.Unit && (len(list) == 0 || listGapOK(cs[list[len(list)-1].End:o.Start])) {
			list = append(list, o)
		}
	}
	idx := -1
	for i, o := range list {
		if o.Start == q.Start {
			idx = i
		}
	}
	if idx < 0 || len(list) < 2 {
		return "", false
	}
	// names before 分别: the last run of X、Y、Z (和 W)
	head := cs[:k]
	if c := strings.LastIndexAny(head, "，,：:；"); c >= 0 {
		_, sz := utf8.DecodeRuneInString(head[c:])
		head = head[c+sz:]
	}
	head = strings.TrimPrefix(head, "其中")
	parts := splitNames(head)
	if len(parts) != len(list) {
		// the places may open the sentence, a clause or two before:
		// 甲区、乙区的X为…，其Y每人每月分别为…
		if ps := earlierPlaces(cs[:k], len(list)); ps != nil {
			return ps[idx], true
		}
		return "", false
	}
	// 南宁、柳州、桂林 are places (scope); 战略性新兴企业、专精特新企业 are
	// subjects
	place := true
	for _, p := range parts {
		if utf8.RuneCountInString(p) > 4 && !strings.ContainsAny(string([]rune(p)[len([]rune(p))-1:]), "市区县省州镇乡") || notPlace(p) {
			place = false
		}
	}
	if !place {
		if idx == 0 {
			return x.tailNoun(parts[0]), false
		}
		return parts[idx], false
	}
	return parts[idx], true
}

// placeSuffix ends the name of an administrative area.
const placeSuffix = "市区县州旗镇乡省"

// earlierPlaces finds, in the two clauses before the one holding 分别, a
// list of n names that all end with a place suffix (甲区、乙区、丙县).
// Only such unmistakable places qualify: a list of subjects or of
// categories in an earlier clause is no scope.
func earlierPlaces(before string, n int) []string {
	cl := strings.FieldsFunc(before, func(r rune) bool { return strings.ContainsRune("，,：:；", r) })
	if len(cl) < 2 {
		return nil
	}
	cl = cl[:len(cl)-1] // the clause of 分别 was tried already
	for i := len(cl) - 1; i >= 0 && i >= len(cl)-2; i-- {
		ps := splitNames(strings.TrimPrefix(cl[i], "其中"))
		if len(ps) != n {
			continue
		}
		ok := true
		for _, p := range ps {
			r := []rune(p)
			if len(r) < 2 || len(r) > 8 || !strings.ContainsRune(placeSuffix, r[len(r)-1]) {
				ok = false
			}
		}
		if ok {
			return ps
		}
	}
	return nil
}

// notPlace reports whether a short name ends with a word for bodies or
// things (瞪羚企业, 骨干人才), which no place name does.
func notPlace(p string) bool {
	for _, w := range []string{"企业", "公司", "机构", "单位", "人才", "项目", "平台", "中心", "基地", "园区", "产品", "学校", "医院"} {
		if strings.HasSuffix(p, w) {
			return true
		}
	}
	return false
}

func listGapOK(g string) bool {
	for _, r := range g {
		if !strings.ContainsRune("、，,和及与或0123456789.", r) {
			return false
		}
	}
	return true
}

// splitNames splits 南宁、柳州、桂林3市的高新技术企业数量 into 南宁 柳州 桂林.
func splitNames(s string) []string {
	s = strings.ReplaceAll(s, "和", "、")
	s = strings.ReplaceAll(s, "及", "、")
	ps := strings.Split(s, "、")
	if len(ps) < 2 {
		return nil
	}
	last := ps[len(ps)-1]
	// cut the tail after the last name: 桂林3市的… → 桂林
	end := len(last)
	for i, r := range last {
		if r < utf8.RuneSelf || strings.ContainsRune("的等市区县", r) && i > 0 {
			end = i
			break
		}
	}
	// 甲区、乙区、丙区的…: keep the suffix the other names keep
	if end < len(last) {
		r, sz := utf8.DecodeRuneInString(last[end:])
		if strings.ContainsRune("市区县", r) && strings.HasSuffix(ps[0], string(r)) {
			end += sz
		}
	}
	ps[len(ps)-1] = last[:end]
	first := ps[0]
	if utf8.RuneCountInString(first) > 6 && utf8.RuneCountInString(ps[1]) <= 4 {
		r := []rune(first)
		ps[0] = string(r[len(r)-utf8.RuneCountInString(ps[1]):])
	}
	for _, p := range ps {
		if p == "" {
			return nil
		}
	}
	return ps
}

// bracketFigure reports whether the bracket opening s holds a figure or a
// part (其中…).
func bracketFigure(s string) bool {
	_, sz := utf8.DecodeRuneInString(s)
	in := s[sz:]
	if k := strings.IndexAny(in, ")）"); k >= 0 {
		in = in[:k]
	}
	return strings.HasPrefix(in, "其中") || strings.ContainsAny(in, "0123456789%")
}
