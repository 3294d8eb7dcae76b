package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/schema"
)

// SplitFlattened splits long lines of flattened web text — whole policies
// on one line, paragraphs separated by a single space — into one block per
// paragraph or heading. A line of at least 100 Chinese characters is split
// at a run of spaces that
//
//   - follows a sentence end (。；：！？), a 发文字号 (柳政规〔2025〕3号) or a full
//     date (2025年4月8日);
//   - precedes an outline label (一、 (一) （一） 1. 附件 第一条 （此件…);
//   - precedes a full date, after a short segment (the issuer of a
//     signature block);
//   - follows a short "key：value" segment in Han (公开方式：主动公开) before
//     Han text;
//   - follows a short segment that ends like a document title (…的通知,
//     …若干措施, …办法（试行）), is a short heading after a label
//     ((一)建设目标), or is all in brackets ((此件公开发布)).
func SplitFlattened(blocks []schema.Block) []schema.Block {
	var out []schema.Block
	for i, b := range blocks {
		if b.Kind != schema.BlockPara || len(b.Text) < 300 || strings.IndexByte(b.Text, ' ') < 0 || displayWidth(head(b.Text, 1024)) < 200 && len(b.Text) <= 1024 {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		parts := splitLine(strings.TrimSpace(b.Text))
		if len(parts) <= 1 {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		if out == nil {
			out = make([]schema.Block, 0, len(blocks)+len(parts))
			out = append(out, blocks[:i]...)
		}
		for _, p := range parts {
			nb := b
			nb.Text = p
			out = append(out, nb)
		}
	}
	if out == nil {
		return blocks
	}
	return out
}

// splitLine cuts one flattened line into paragraphs.
func splitLine(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); {
		if s[i] != ' ' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j == len(s) {
			break
		}
		if splitHere(s[start:i], s[j:]) {
			parts = append(parts, s[start:i])
			start = j
		}
		i = j
	}
	return append(parts, s[start:])
}

// splitHere decides whether to split between seg (the text since the last
// split) and rest at a run of spaces.
func splitHere(seg, rest string) bool {
	if seg == "" || bareLabel(seg) {
		return false
	}
	if endsSentence(seg) || StartsWithLabel(rest) {
		return true
	}
	t := tail(seg, 64)
	if docNumberEnd.MatchString(t) || fullDateEnd.MatchString(t) {
		return true
	}
	short := len(seg) <= 240 && utf8.RuneCountInString(seg) <= 80
	if short && utf8.RuneCountInString(seg) <= 24 && labelledHeading(seg) && startsHan(rest) {
		return true // a heading: (一)建设目标 重点围绕…
	}
	if short && noticeEnd.MatchString(t) {
		return true // (此件公开发布)
	}
	if utf8.RuneCountInString(seg) <= 20 && fieldSeg.MatchString(seg) && startsHan(rest) {
		return true // 公开方式：主动公开
	}
	if short && fullDateStart.MatchString(head(rest, 32)) && utf8.RuneCountInString(seg) <= 40 {
		return true
	}
	if short && docTitleEnd.MatchString(t) && hasCJK(head(rest, 8)) {
		return true
	}
	return false
}

// bareLabel reports whether seg is an outline label alone, perhaps with a
// stray mark ("第一条?" where a character was lost in a charset
// conversion): the text it labels follows the space.
func bareLabel(seg string) bool {
	if len(seg) > 32 {
		return false
	}
	rest, ok := paraLabel(seg)
	return ok && strings.Trim(rest, " ?？:：、.．\ufffd") == ""
}

// fieldSeg matches a short "key：value" segment of an information line
// (公开方式：主动公开) without clause punctuation.
var fieldSeg = regexp.MustCompile(`^\p{Han}{2,6}[:：]\s*\p{Han}{1,12}$`)

// labelledHeading reports whether seg is a label followed by a short title
// without clause punctuation: "(一)建设目标", "二、功能定位".
func labelledHeading(seg string) bool {
	rest, ok := paraLabel(head(seg, 64))
	rest = strings.TrimSpace(rest)
	return ok && utf8.RuneCountInString(rest) >= 2 && !strings.ContainsAny(rest, "，,。；;：: 0123456789")
}
