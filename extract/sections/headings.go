package sections

import (
	"policyx/extract/internal/mdline"
	ol "policyx/lexicon/outline"
	"policyx/schema"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Headings: which labeled lines open a section (not table rows, attachment
// listings or captions), and unlabeled heading blocks.

var (
	reCaption = regexp.MustCompile(`(表|清单|名单|目录|一览)\s*([（(][^）)]*[）)])?$`)
	reFileExt = regexp.MustCompile(`(?i)\.(docx?|pdf|xlsx?|wps|ofd|zip|rar)\b`)
	reSentEnd = regexp.MustCompile(`[。；;！？!?]`)
)

// reYearRange is a caption's second line (2021-2023年).
var reYearRange = regexp.MustCompile(`^[（(]\s*\d{4}\s*年?\s*[-—–－~至]+\s*\d{4}\s*年?\s*[)）]$`)

// reMetaField is a line of a page's metadata list (- **发布机构**：…).
var reMetaField = regexp.MustCompile(`^\p{Han}{2,8}\s*[：:]`)

// reDocFile is a file name in a crawler's heading (文档：…计划.md).
var reDocFile = regexp.MustCompile(`(?i)\.(md|txt|html?|docx?|pdf)\b`)

func findHeadings(segs []seg) []heading {
	var out []heading
	// bare attachment labels later in the text make 附件：xxx lines listings
	bareAttachAfter := make([]bool, len(segs)+1)
	for i := len(segs) - 1; i >= 0; i-- {
		bareAttachAfter[i] = bareAttachAfter[i+1] || isBareAttach(segs[i])
	}
	levelRank := headingRanks(segs)
	tableMode := false // after a 序号 header or an attachment's …表 caption
	tabTable := false  // inside tab-separated table lines
	inAttach := false
	listing := false      // inside an 附件： listing of attachment names
	last := map[int]int{} // last number seen per label style
	for i, s := range segs {
		if s.kind == schema.BlockTable {
			continue // its rows are no headings; the lines after it may be
		}
		t := mdline.Clean(s.text)
		if t == "" {
			continue
		}
		if s.tabs {
			tabTable = true
			continue
		}
		if strings.HasPrefix(t, "序号") {
			tableMode = true
			continue
		}
		n := utf8.RuneCountInString(t)
		if tableMode && n >= 60 && reSentEnd.MatchString(t) {
			tableMode = false
		}
		style, label, rest := labelOf(t)
		if tabTable {
			// a short labeled line between tab rows is a group heading of the
			// table (一、核心技术); any other line ends the table
			if style >= 0 && style != styleAttach && n <= 30 && i+1 < len(segs) && segs[i+1].tabs {
				continue
			}
			tabTable = false
		}

		if style < 0 {
			listing = false
			if s.kind == schema.BlockHeading && s.level > 0 && !tableMode {
				if h, ok := unlabeled(i, s, t, out, levelRank, segs); ok {
					out = append(out, h)
				}
			}
			if inAttach && reCaption.MatchString(t) && n <= 80 && !reSentEnd.MatchString(t) {
				tableMode = true
			}
			continue
		}
		if style == styleAttach {
			if isListing(t, rest, bareAttachAfter[i+1]) {
				listing = true
				continue
			}
			listing = false
			tableMode = false
			inAttach = true
			last = map[int]int{}
			title := titleOf(rest)
			if rest == "" {
				// a bare 附件1: its caption is the next short line
				for k := i + 1; k < len(segs) && k <= i+2; k++ {
					c := mdline.Clean(segs[k].text)
					if c != "" && !segs[k].tabs && segs[k].kind != schema.BlockTable && utf8.RuneCountInString(c) <= 80 && !reSentEnd.MatchString(c) {
						if k+1 < len(segs) {
							// a caption wrapped after 海南省 / 年, or before its …表
							n := mdline.Clean(segs[k+1].text)
							if captionLine(segs[k+1], n) && (captionGoesOn(c) || !reCaption.MatchString(c) && reCaption.MatchString(n)) || reYearRange.MatchString(n) {
								c += n
							}
						}
						title = titleOfN(c, maxCaption)
						break
					}
				}
			}
			out = append(out, heading{seg: i, style: style, rank: rank(style, 0), label: label, title: title})
			continue
		}
		if listing && style == styleNum && n <= 80 {
			continue // 2. 某某计划表 under 附件：1. …
		}
		listing = false
		if tableMode && style != styleChapter {
			// the next number of the outline ends a text table (三、 after
			// 二、's tables); a table's own group rows start again at 一、
			if v := labelValue(label); v == 0 || v != last[style]+1 || (style != styleCN && style != styleArticle) {
				continue
			}
			tableMode = false
		}
		if !plausible(style, rest) {
			continue
		}
		if s.flat {
			rest = flatHead(rest)
		}
		title := titleOf(rest)
		if style == styleCN || style == styleChapter || style == styleSection {
			if g, ok := gluedHead(rest); ok {
				title = g
			}
		}
		out = append(out, heading{seg: i, style: style, rank: rank(style, 0), label: label, title: title})
		last[style] = labelValue(label)
	}
	return out
}

// captionGoesOn reports whether a caption line stops where a wrapped title
// goes on: after a place or year word, a conjunction, or an open bracket.
func captionGoesOn(c string) bool {
	c = compact(c)
	if strings.Count(c, "（")+strings.Count(c, "(") > strings.Count(c, "）")+strings.Count(c, ")") {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(c)
	return strings.ContainsRune("省市县区州年的和与及、暨", last)
}

// captionLine reports whether segment s (cleaned text t) can continue a
// caption: short, unlabeled, no sentence, not a table row.
func captionLine(s seg, t string) bool {
	if t == "" || s.tabs || s.kind == schema.BlockTable || utf8.RuneCountInString(t) > 40 || reSentEnd.MatchString(t) {
		return false
	}
	st, _, _ := labelOf(t)
	return st < 0 && !strings.HasPrefix(t, "（") && !strings.HasPrefix(t, "(")
}

// flatHead cuts the heading phrase of a flattened line at the white space
// that separates it from its paragraph (建设目标 重点围绕… → 建设目标), but not
// at spaces inside a spaced-out heading (总 则).
func flatHead(rest string) string {
	for i := 0; i < len(rest); i++ {
		if rest[i] != ' ' {
			continue
		}
		next := strings.TrimLeft(rest[i:], " ")
		word := next
		if j := strings.IndexByte(next, ' '); j >= 0 {
			word = next[:j]
		}
		if utf8.RuneCountInString(word) >= 4 {
			return rest[:i]
		}
	}
	return rest
}

func isBareAttach(s seg) bool {
	if s.kind == schema.BlockTable {
		return false
	}
	st, _, rest := labelOf(mdline.Clean(s.text))
	if st != styleAttach {
		return false
	}
	return rest == "" || utf8.RuneCountInString(rest) <= 60 && !strings.ContainsAny(rest, "：:") && !reFileExt.MatchString(rest) && !listStart(rest)
}

// listStart reports whether rest opens with a list number (1. or （1）).
func listStart(rest string) bool {
	l, _ := ol.Read(rest)
	return l.Style == ol.ArabicDot || l.Style == ol.ParenArabic
}

// isListing reports whether an 附件 line lists the attachments of a notice
// (附件：1. 某某表 2. …) rather than starting one.
func isListing(t, rest string, bareLater bool) bool {
	if reFileExt.MatchString(rest) || listStart(rest) {
		return true
	}
	colon := strings.ContainsAny(t[:len(t)-len(rest)], "：:")
	if colon && rest != "" && bareLater {
		return true
	}
	return utf8.RuneCountInString(rest) > 80
}

// metaField reports whether s is a short label: value line of a page's
// metadata list (文档类型：政策类).
func metaField(s seg) bool {
	t := mdline.Clean(s.text)
	return s.kind != schema.BlockHeading && !s.tabs && utf8.RuneCountInString(t) <= 60 && !reSentEnd.MatchString(t) && reMetaField.MatchString(t)
}

// unlabeled makes a section of a heading block without a label, unless it is
// the document's title or a 文件 masthead.
func unlabeled(i int, s seg, t string, prev []heading, levelRank map[int]int, segs []seg) (heading, bool) {
	if strings.HasSuffix(t, "文件") || strings.Contains(t, "关于") || utf8.RuneCountInString(t) > 60 {
		return heading{}, false
	}
	if reDocFile.MatchString(t) {
		return heading{}, false // a crawler's heading naming the saved file
	}
	if i+2 < len(segs) && metaField(segs[i+1]) && metaField(segs[i+2]) {
		return heading{}, false // the heading of a page's metadata list
	}
	if len(prev) == 0 && s.level <= 1 {
		return heading{}, false // the title
	}
	return heading{seg: i, style: styleHeading, rank: headingRank(s.level, levelRank), label: "", title: titleOf(t)}, true
}
