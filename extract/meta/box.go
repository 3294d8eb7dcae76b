package meta

import (
	"policyx/lexicon/cjk"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The metadata box of a saved web page: label lines (发文字号: …) with the
// value on the same line or the next.

type boxField int

const (
	boxNone boxField = iota
	boxDocNum
	boxDate
	boxTitle
	boxIssuer
	boxPublisher // the organ that published the page (发布机构)
	boxOther
)

var boxLabels = map[string]boxField{
	"发文字号": boxDocNum, "文号": boxDocNum, "发文文号": boxDocNum, "政策文号": boxDocNum, "文件编号": boxDocNum, "发文号": boxDocNum, "文件字号": boxDocNum,
	"成文日期": boxDate, "成文时间": boxDate,
	"标题": boxTitle, "政策名": boxTitle, "政策名称": boxTitle, "文件名称": boxTitle, "文件标题": boxTitle, "政策标题": boxTitle, "名称": boxTitle,
	"发文机关": boxIssuer, "发文单位": boxIssuer, "发布机关": boxIssuer, "制发机关": boxIssuer, "发文机构": boxIssuer,
	"索引号": boxOther, "主题分类": boxOther, "分类": boxOther, "发布日期": boxOther, "发布时间": boxOther, "日期": boxOther,
	"效力状态": boxOther, "文件状态": boxOther, "文件下载": boxOther, "相关解读": boxOther, "主题词": boxOther,
	"实施日期": boxOther, "失效日期": boxOther, "失效时间": boxOther, "统一编号": boxOther, "网址": boxOther, "链接": boxOther,
	"来源": boxOther, "信息来源": boxOther, "发布机构": boxPublisher, "公文种类": boxOther, "牵头单位": boxOther, "公开方式": boxOther,
	"详情页链接": boxOther, "具体链接": boxOther, "原文链接": boxOther, "检索时间": boxOther, "检索关键词": boxOther,
	"文档类型": boxOther, "产业类型": boxOther, "体裁分类": boxOther, "生成日期": boxOther, "有效性": boxOther, "组配分类": boxOther,
	"信息分类": boxOther, "是否有效": boxOther,
}

// boxLabelField looks a label up with its spaces (and the runes in drop)
// left out: "发 文 字 号" and "*发文字号" are 发文字号.
func boxLabelField(label, drop string) (boxField, bool) {
	label = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u3000' || strings.ContainsRune(drop, r) {
			return -1
		}
		return r
	}, label)
	f, ok := boxLabels[label]
	return f, ok
}

// boxLabel splits "发文字号：桂政发〔2018〕51号" into its field and value.
func boxLabel(s string) (boxField, string, bool) {
	i := strings.IndexAny(s, ":：")
	if t := strings.TrimLeft(s, " \t"); strings.HasPrefix(t, "[") || strings.HasPrefix(t, "【") {
		// [ 发文字号 ] or 【发文字号】: the closing bracket ends the label
		if k := strings.IndexAny(s, "]】"); k > 0 {
			f, ok := boxLabelField(s[:k], "[【")
			if !ok {
				return boxNone, "", false
			}
			_, n := utf8.DecodeRuneInString(s[k:])
			return f, strings.TrimSpace(s[k+n:]), true
		}
	}
	if i < 0 || i > 40 {
		return boxNone, "", false
	}
	f, ok := boxLabelField(s[:i], "*")
	if !ok {
		return boxNone, "", false
	}
	sep := ":"
	if strings.HasPrefix(s[i:], "：") {
		sep = "："
	}
	v := strings.TrimSpace(strings.Trim(strings.TrimSpace(s[i+len(sep):]), "*"))
	return f, v, true
}

// reBoxLabelAny finds box labels inside a line (索引号：… 成文日期：… on one
// line, or run together by a page's layout).
var reBoxLabelAny = regexp.MustCompile(boxLabelPattern)

// reBoxLabelHead is reBoxLabelAny anchored at the start: it tells in one
// step whether a line opens with a label.
var reBoxLabelHead = regexp.MustCompile(`^(?:` + boxLabelPattern + `)`)

// boxLabelPattern is a label before its colon (发文字号：…), or a label in
// brackets without one ([ 发文字号 ] …, 【发文字号】…).
var boxLabelPattern = `(?:(` + boxLabelAlt + `)[ \t]*\**[ \t]*[:：]|[\[【][ \t]*(?:` + boxLabelAlt + `)[ \t]*[\]】])`

// boxLabelAlt is every box label, longest first, spaces allowed between its
// runes (标 题, 文　　号).
var boxLabelAlt = func() string {
	keys := make([]string, 0, len(boxLabels))
	for k := range boxLabels {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
	})
	for i, k := range keys {
		var b strings.Builder
		for j, r := range k {
			if j > 0 {
				b.WriteString(`[ \t]*`)
			}
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
		keys[i] = b.String()
	}
	return strings.Join(keys, "|")
}()

// boxFields splits a line into its label: value pairs; nil when the line does
// not start with a label.
func boxFields(s string) [][2]string {
	// Only marks and spaces may stand before the first label, and a label
	// starts with a letter: the first label, if any, starts where they end.
	// Checking there first keeps the many lines without a label (long
	// flattened web text among them) from a scan of the whole line.
	// A box copied as a markdown table (| 文 号: | 六盘水府办发〔2022〕10号 |)
	// opens with a bar.
	p := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("-*#| ", r) && !unicode.IsSpace(r) })
	if p < 0 || !reBoxLabelHead.MatchString(s[p:]) || strings.TrimSpace(strings.Trim(s[:p], "-*#| ")) != "" {
		return nil
	}
	locs := reBoxLabelAny.FindAllStringIndex(s[p:], -1)
	for _, l := range locs {
		l[0] += p
		l[1] += p
	}
	return labelValues(s, locs)
}

// labelValues pairs each label found in s at locs with the text up to the
// next label.
func labelValues(s string, locs [][]int) [][2]string {
	var out [][2]string
	for k, loc := range locs {
		end := len(s)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		out = append(out, [2]string{s[loc[0]:loc[1]], s[loc[1]:end]})
	}
	return out
}

// readBox reads label lines (发文字号: …) of a saved page's metadata box,
// with the value on the same line or the next.
func (x *extractor) readBox() {
	x.boxLines = map[int]bool{}
	limit := len(x.lines)
	if limit > 80 {
		limit = 80
	}
	for i := 0; i < limit; i++ {
		fields := boxFields(x.lines[i].text)
		if fields == nil {
			// 成文日期 2018-03-28 发布日期 2018-03-30: a box without colons
			if d := bareDateField(x.lines[i].text); d != "" {
				x.boxLines[i] = true
				x.setBox(boxDate, d)
			} else if f, v := gluedField(x.lines[i].text); f != boxNone {
				x.boxLines[i] = true
				x.setBox(f, v)
			} else if n := innerDocNum(x.lines[i].text); n != "" {
				x.boxLines[i] = true
				x.setBox(boxDocNum, n)
			}
			continue
		}
		x.boxLines[i] = true
		for k, fv := range fields {
			f, _, _ := boxLabel(fv[0])
			v := strings.TrimSpace(strings.Trim(strings.TrimSpace(fv[1]), "*|"))
			v = strings.TrimSpace(strings.Trim(v, "|"))
			if v == "" && k == len(fields)-1 && i+1 < len(x.lines) && x.valueLine(x.lines[i+1].text, f) {
				v = x.lines[i+1].text
				x.boxLines[i+1] = true
				i++
			}
			x.setBox(f, v)
		}
	}
}

// reBareDate is a 成文日期 label without a colon, its date after a space.
var reBareDate = regexp.MustCompile(`^成文(?:日期|时间)[ \t]+((?:19|20)\d{2}-\d{1,2}-\d{1,2})\b`)

// bareDateField returns the date of a line that opens with 成文日期 and a
// space before an ISO date, or "".
func bareDateField(s string) string {
	if m := reBareDate.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		return m[1]
	}
	return ""
}

// reGluedLabel is a title or 文号 label without a colon at the start of a
// line, its value run onto it (标 题河南省人民政府关于…的通知, 发文字号豫政〔2015〕24号
// 时 效…) or apart by a bar (文号 | 汉政办发〔2021〕88号 |), as a box laid out
// in table cells gives it once the normalizer drops the spaces between Han.
var reGluedLabel = regexp.MustCompile(`^[ \t|]*(标[ \t]*题|文件名称|文件标题|政策名称|发文字号|文[ \t]*号)[ \t|]*`)

// gluedField reads a line that opens with a title or 文号 label without a
// colon. The value must be what the label says: a notice title
// (…关于…的通知) or a 文号 at its start; boxNone otherwise.
func gluedField(s string) (boxField, string) {
	m := reGluedLabel.FindStringSubmatch(s)
	if m == nil {
		return boxNone, ""
	}
	f, _ := boxLabelField(m[1], "")
	rest := s[len(m[0]):]
	switch f {
	case boxTitle:
		t := CompactTitle(rest)
		if reTitleEnd.MatchString(t) && hasTitleWord(t) && !strings.ContainsAny(t, "。；") {
			return boxTitle, t
		}
	case boxDocNum:
		if n := reDocNumAt.FindString(rest); n != "" {
			return boxDocNum, n
		}
	}
	return boxNone, ""
}

// reInnerDocNumLabel is a 文号 label inside a box line, its value run onto it.
var reInnerDocNumLabel = regexp.MustCompile(`(?:发文字号|文[ \t]*号)[ \t|]*`)

// innerDocNum returns the 文号 of a box line without colons that opens with
// another label (发布机构区人民政府办公室文 号蔡政办〔2023〕1号), or "".
func innerDocNum(s string) string {
	t := strings.TrimLeft(s, " \t|")
	if !reGluedHead.MatchString(t) {
		return ""
	}
	for _, loc := range reInnerDocNumLabel.FindAllStringIndex(t, -1) {
		if n := reDocNumAt.FindString(t[loc[1]:]); n != "" {
			return n
		}
	}
	return ""
}

// reGluedHead is a box label at the start of a line, with or without a
// colon after it.
var reGluedHead = regexp.MustCompile(`^(?:` + boxLabelAlt + `)`)

// valueLine reports whether next can be the value of an empty label of kind f.
func (x *extractor) valueLine(next string, f boxField) bool {
	if boxFields(next) != nil || runeLen(next) > 120 {
		return false
	}
	if f == boxTitle {
		return true
	}
	if f != boxIssuer && f != boxPublisher && (hasTitleWord(next) || x.p.organLine(next) != nil) {
		// an empty 主题词 before 国务院办公厅 / 关于…的函: the title's
		// first line, not the label's value
		return false
	}
	// an empty 主题词: must not swallow the title that follows the box
	return runeLen(next) <= 60 && !strings.Contains(next, "关于") && !reTitleEnd.MatchString(next)
}

func (x *extractor) setBox(f boxField, v string) {
	if v == "" || v == "无" {
		return
	}
	switch f {
	case boxDocNum:
		if x.box.docNum == "" {
			x.box.docNum = NormalizeDocNumber(v)
		}
		if x.box.docNum == "" && reDecreeValue.MatchString(v) {
			x.box.docNum = cjk.RemoveSpace(v) // 国令第707号
		}
	case boxDate:
		if x.box.date == "" {
			x.box.date = ParseDate(v)
		}
	case boxTitle:
		if x.box.title == "" {
			x.box.title = CompactTitle(stripTitleDocNum(v))
		}
	case boxIssuer:
		if x.box.issuer == "" {
			x.box.issuer = strings.TrimSpace(v)
		}
	case boxPublisher:
		if x.box.publisher == "" {
			x.box.publisher = strings.TrimSpace(v)
		}
	}
}
