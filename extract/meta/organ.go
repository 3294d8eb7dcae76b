package meta

import (
	"policyx/lexicon"
	"policyx/lexicon/cjk"
	"policyx/lexicon/outline"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// organEnds are the words an organ's name ends with.
var organEnds = []string{"人民政府", "政府", "办公厅", "办公室", "厅", "局", "委员会", "委", "部", "署", "院", "办", "中心", "海关", "分行",
	"银行", "管委会", "党委", "工委", "联合会", "协会", "研究所", "总队", "集团", "公司", "分局", "支行"}

// organEnd reports whether s ends with one of organEnds. (A $-anchored
// regexp scans all of s: splitRunTogether asks at every rune, which was
// quadratic.)
func organEnd(s string) bool { return lexicon.HasSuffixAny(s, organEnds) }

// reDistrict matches a county-level name at the start of a string.
var reDistrict = regexp.MustCompile(`^\p{Han}{1,4}?(区|县|旗)`)

// reUnknownPlace finds a city/county not in the gazetteer: XX市人民政府.
var reUnknownPlace = regexp.MustCompile(`^(\p{Han}{2,8}?(?:市|县|区|州|盟))(?:人民政府|政府|委员会|委|[\p{Han}]{0,10}?(?:局|厅|委|办))`)

// reCentralSuffix matches central ministries named without place (财政部).
var reCentralSuffix = regexp.MustCompile(`^[\p{Han}]{2,12}(部|总局|总署)$`)

// manyOrganWords end the 等N部门 tail of an abbreviated issuer in a title.
var manyOrganWords = []string{"部门", "单位", "家单位", "厅局", "委办局"}

// trimManyOrgans removes the 等N部门 tail (等5部门, 等两个单位, 等 12 家单位)
// of an abbreviated issuer in a title; N is in figures or a Chinese numeral.
func trimManyOrgans(s string) string {
	const space = " \t\n\f\r"
	for _, w := range manyOrganWords {
		r, ok := strings.CutSuffix(s, w)
		if !ok {
			continue
		}
		r = strings.TrimRight(strings.TrimSuffix(r, "个"), space)
		n := strings.TrimRightFunc(r, func(c rune) bool { return c >= '0' && c <= '9' || outline.IsNumeral(c) })
		if n == r {
			continue
		}
		if head, ok := strings.CutSuffix(strings.TrimRight(n, space), "等"); ok {
			return head
		}
	}
	return s
}

// organStarts begin a new organ when two names are run together without a
// space (中共柳州市委办公室柳州市人民政府办公室).
var organStarts = []string{"中共", "中国", "中华人民共和国", "国家", "国务院", "共青团"}

// noSplitAfter are central organs whose local branches carry their name in
// front (国家税务总局广西壮族自治区税务局).
var noSplitAfter = []string{"国家税务总局", "中国人民银行", "国家金融监督管理总局", "中国证券监督管理委员会", "国家外汇管理局", "中国银行保险监督管理委员会"}

// isOrgan reports whether s looks like one organ's name.
func isOrgan(s string) bool {
	n := runeLen(s)
	if n < 2 || n > 40 || !cjk.HasHan(s) {
		return false
	}
	if strings.ContainsAny(s, "。，,；;：:！？《》") || !pairedQuotes(s) {
		return false
	}
	if strings.HasSuffix(s, "顶部") || strings.HasSuffix(s, "底部") {
		return false // 返回顶部: a page's link, not a 部
	}
	return organEnd(s)
}

// pairedQuotes reports whether s has no quotes but whole pairs of short
// quoted names, as the working bodies do (文成县公共服务“七优享”工程工作专班
// 办公室, “双减”工作领导小组办公室).
func pairedQuotes(s string) bool {
	for {
		i := strings.Index(s, "“")
		j := strings.Index(s, "”")
		switch {
		case i < 0 && j < 0:
			return true
		case i < 0 || j < i || runeLen(s[i:j]) > 12:
			return false
		}
		s = s[j+len("”"):]
	}
}

// splitOrgans splits a signature line or title prefix into organ names:
// on white space and 、, and between names run together.
func (p *Places) splitOrgans(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '、' }) {
		if reEntityLeft.MatchString(f) {
			continue // 国务院办公厅 &sp; (a page's mangled &nbsp;)
		}
		out = append(out, p.splitRunTogether(f)...)
	}
	return out
}

// reEntityLeft is an HTML entity a page escaped twice or mangled, left in
// the text as written (&nbsp;, &sp;, &#160;).
var reEntityLeft = regexp.MustCompile(`^&#?[A-Za-z0-9]{1,8};?$`)

func (p *Places) splitRunTogether(s string) []string {
	var out []string
	last := 0
	for i := 0; i < len(s); {
		_, sz := utf8.DecodeRuneInString(s[i:])
		if i > last && organEnd(s[last:i]) && (p.startsOrgan(s[i:]) || levelStart(s[i:])) && !lexicon.EqualsAny(s[last:i], noSplitAfter) {
			out = append(out, s[last:i])
			last = i
		}
		i += sz
	}
	return append(out, s[last:])
}

// levelStart reports whether s starts an abbreviated organ (市财政局 after
// 市民政局): a level prefix, not a word like 市场 or 区域.
func levelStart(s string) bool {
	for _, lp := range levelPrefixes {
		if rest, ok := strings.CutPrefix(s, lp); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return rest != "" && !strings.ContainsRune("场域级内外", r)
		}
	}
	return false
}

// startsOrgan reports whether s begins with a word that starts an organ's
// full name: a known place (a district too: 中共静安区委办公室静安区人民政府
// 办公室), 中共, 国家, a central organ ….
func (p *Places) startsOrgan(s string) bool {
	for _, w := range organStarts {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	if p.g.FullPrefix(s) != "" || p.g.DistrictPrefix(s) != "" {
		return true
	}
	return runeLen(p.g.CentralPrefix(s)) >= 3
}

// organLine returns the organs of a line made only of organ names (a
// signature line), or nil.
func (p *Places) organLine(s string) []string {
	if strings.Contains(s, "代章") {
		s = reSealTail.ReplaceAllString(s, "")
	}
	s = strings.TrimSpace(s)
	if s == "" || runeLen(s) > 160 {
		return nil
	}
	orgs := p.splitOrgans(s)
	for _, o := range orgs {
		if !isOrgan(o) {
			return nil
		}
	}
	return orgs
}

// levelPrefixes are the 市/自治区/省 prefixes that an abbreviated organ name
// resolves against the document's jurisdiction.
var levelPrefixes = []string{"自治区", "省", "市", "区", "县"}

// expandOrgan resolves an abbreviated organ (自治区科技厅) against juris,
// through canon when given; a name that already carries a place stays.
func (p *Places) expandOrgan(o, juris string, canon Canonicalizer) string {
	if o == "" {
		return o
	}
	abbreviated := false
	for _, lp := range levelPrefixes {
		if strings.HasPrefix(o, lp) {
			abbreviated = true
			break
		}
	}
	if !abbreviated {
		return o
	}
	if canon != nil && juris != "" {
		if name, _ := canon.Canonical(o, juris); name != "" && name != o {
			return name
		}
	}
	return p.placeOrgan(o, juris)
}

// placeOrgan resolves the level prefix of an abbreviated organ to the place
// of jurisdiction juris, keeping the rest as written (市工业和信息化局 in a
// 深圳市 document → 深圳市工业和信息化局); o itself when it cannot.
func (p *Places) placeOrgan(o, juris string) string {
	if juris == "" || juris == Central {
		return o
	}
	// resolve the level prefix by hand
	prov := juris
	if pl, ok := p.g.Regional(juris); ok && pl.Parent != "" {
		prov = pl.Parent
	}
	switch {
	case strings.HasPrefix(o, "自治区") && strings.HasSuffix(prov, "自治区"):
		return prov + strings.TrimPrefix(o, "自治区")
	case strings.HasPrefix(o, "省") && strings.HasSuffix(prov, "省"):
		return prov + strings.TrimPrefix(o, "省")
	case strings.HasPrefix(o, "市") && !p.IsProvince(juris) || strings.HasPrefix(o, "市") && strings.HasSuffix(juris, "市"):
		city := juris
		if i := strings.Index(juris, "市"); i >= 0 {
			city = juris[:i+len("市")]
		}
		return city + strings.TrimPrefix(o, "市")
	case (strings.HasPrefix(o, "区") || strings.HasPrefix(o, "县")) && (strings.HasSuffix(juris, "区") || strings.HasSuffix(juris, "县")):
		return juris + o[len("区"):]
	}
	return o
}

// issuerPrefix returns the organs' part of a title: before 关于, or before
// 印发/转发 when the title starts with the organs.
func issuerPrefix(title string) string {
	i := strings.Index(title, "关于")
	for _, w := range []string{"印发", "转发"} {
		if j := strings.Index(title, w); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i <= 0 {
		return ""
	}
	return title[:i]
}

// titleOrgans reads the issuers from a title prefix (自治区科技厅等5部门 →
// 自治区科技厅).
func (x *extractor) titleOrgans(prefix string) []string {
	prefix = trimManyOrgans(prefix)
	orgs := x.p.splitOrgans(prefix)
	var out []string
	for _, o := range orgs {
		if isOrgan(o) {
			out = append(out, o)
		}
	}
	return out
}

// fullTitle spells out the abbreviated organs a title starts with
// (市工业和信息化局关于… → 深圳市工业和信息化局关于…): web pages and their
// metadata boxes drop the place, the title as issued names it.
func (x *extractor) fullTitle(title, prefix, juris string) string {
	if prefix == "" || !strings.HasPrefix(title, prefix) {
		return title
	}
	head := prefix
	for _, o := range x.titleOrgans(prefix) {
		full := x.p.placeOrgan(o, juris)
		if full == o || strings.Contains(head, full) {
			continue
		}
		if i := strings.Index(head, o); i >= 0 && organBoundary(head[:i]) {
			head = head[:i] + full + head[i+len(o):]
		}
	}
	return head + title[len(prefix):]
}

// organBoundary reports whether an organ can start after s: at the start, or
// after a separator or the end of another organ's name (not inside 广州市…).
func organBoundary(s string) bool {
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("、，, \u3000局厅委办府会部院室处署行", r)
}

// ownTitle is the policy's own title when the file has no notice wrapper:
// the first short heading-like line.
// A line of issuers followed by a title line joins it (洪泽区人民政府 /
