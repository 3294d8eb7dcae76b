package targets

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/schema"
)

// line is one line of doc.Text.
type line struct {
	start, end int
	skip       bool // table row
	heading    bool // a heading block
}

func (x *extractor) lines() []line {
	text := x.doc.Text
	var ls []line
	for i := 0; i <= len(text); {
		j := strings.IndexByte(text[i:], '\n')
		end := len(text)
		if j >= 0 {
			end = i + j
		}
		ls = append(ls, line{start: i, end: end})
		if j < 0 {
			break
		}
		i = end + 1
	}
	inSpan := func(a, b int, s schema.Span) bool { return a < s.End && s.Start < b }
	prevSkip := false
	for k := range ls {
		l := &ls[k]
		t := text[l.start:l.end]
		tt := strings.TrimSpace(t)
		if strings.Contains(tt, "\t") || cellsLine(tt) {
			l.skip = true
		}
		// the total line of a table: 合计：核心技术44项，…
		if prevSkip && (strings.HasPrefix(tt, "合计") || strings.HasPrefix(tt, "总计") || strings.HasPrefix(tt, "合 计")) {
			l.skip = true
		}
		if tt != "" {
			prevSkip = l.skip
		}
		if b := x.blockAt(l.start); b != nil && l.end <= b.Span.End {
			if b.Kind == schema.BlockTable {
				l.skip = true
			}
			if b.Kind == schema.BlockHeading {
				l.heading = true
			}
		}
		for _, tb := range x.doc.Tables {
			if inSpan(l.start, l.end, tb.Span) {
				// a note after the table stays prose
				if !strings.Contains(t, "备注") && !strings.HasPrefix(strings.TrimSpace(t), "注") {
					l.skip = true
				}
			}
		}
	}
	return ls
}

// cellsLine reports whether a line is a row of table cells separated by
// spaces (PDF text): several short fields, at least two of them numbers,
// and no sentence punctuation.
func cellsLine(t string) bool {
	if strings.ContainsAny(t, "，。；,;") {
		return false
	}
	f := strings.Fields(t)
	if len(f) < 2 {
		return false
	}
	nums := 0
	for _, c := range f {
		if utf8.RuneCountInString(c) > 20 {
			return false
		}
		if c != "" && (c[0] >= '0' && c[0] <= '9') {
			nums++
		}
	}
	return nums >= 2 || nums >= 1 && len(f) >= 3
}

// listMarker returns the byte length of a list label at the start of s
// (一、 （一） 1． 1. (1) ① 第一条) and its type (1 一、, 2 （一）, 3 1.,
// 4 (1), 5 ①, 6 第X条, 7 第X章), or 0.
func listMarker(s string) (n, level int) {
	s0 := s
	s = strings.TrimLeft(s, "#* ")
	off := len(s0) - len(s)
	r, sz := utf8.DecodeRuneInString(s)
	switch {
	case r == '（' || r == '(':
		j := sz
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if isCN(r2) || unicode.IsDigit(r2) {
				j += s2
				continue
			}
			break
		}
		if j > sz && j < len(s) && (strings.HasPrefix(s[j:], "）") || strings.HasPrefix(s[j:], ")")) && j-sz <= 9 {
			c := "）"
			if strings.HasPrefix(s[j:], ")") {
				c = ")"
			}
			lv := 2
			if unicode.IsDigit(rune(s[sz])) {
				lv = 4
			}
			return off + j + len(c), lv
		}
	case isCN(r) && r != '十' || r == '十':
		j := 0
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if isCN(r2) {
				j += s2
				continue
			}
			break
		}
		if j > 0 && j <= 9 && strings.HasPrefix(s[j:], "、") {
			return off + j + len("、"), 1
		}
	case r >= '0' && r <= '9':
		j := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j <= 2 {
			for _, sep := range []string{"．", ".", "、"} {
				if strings.HasPrefix(s[j:], sep) && !(sep == "." && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
					return off + j + len(sep), 3
				}
			}
		}
	case r >= '①' && r <= '⑳':
		return off + sz, 5
	case r == '第':
		for _, w := range []struct {
			s  string
			ty int
		}{{"条", 6}, {"章", 7}, {"节", 7}} {
			if k := strings.Index(s, w.s); k > len("第") && k <= 15 {
				ok := true
				for _, r2 := range s[len("第"):k] {
					if !isCN(r2) && !unicode.IsDigit(r2) && r2 != '百' && r2 != '零' {
						ok = false
					}
				}
				if ok {
					return off + k + len(w.s), w.ty
				}
			}
		}
	}
	return 0, 0
}

// markerRank orders label types from the outermost: 第X章, 一、, 第X条,
// （一）, 1., (1), ①; Markdown/HTML headings by their level. A state set
// under a heading of some rank ends at the next heading of the same or an
// outer rank.
func markerRank(ty int) int {
	switch ty {
	case 7:
		return 1
	case 1:
		return 2
	case 6:
		return 3
	case 2:
		return 4
	case 3:
		return 5
	case 4:
		return 6
	case 5:
		return 7
	}
	if ty > 100 {
		return ty - 100
	}
	return 2
}

func isCN(r rune) bool { return strings.ContainsRune("一二三四五六七八九十", r) }

// para is a paragraph: lines joined where a hard wrap split a sentence.
type para struct {
	start, end int
	heading    bool
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " *")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。；;！!？?：:", r)
}

func (x *extractor) paragraphs(ls []line) []para {
	text := x.doc.Text
	var ps []para
	var cur *para
	for _, l := range ls {
		t := strings.TrimSpace(text[l.start:l.end])
		if l.skip {
			cur = nil
			continue
		}
		if t == "" {
			continue
		}
		m, _ := listMarker(t)
		hard := cur == nil || l.heading || m > 0 || strings.HasPrefix(t, "#") ||
			endsSentence(text[cur.start:cur.end]) || utf8.RuneCountInString(strings.TrimSpace(text[lastLineStart(text, cur.end):cur.end])) < 15 ||
			strings.HasPrefix(t, "附件") || cur.heading
		if hard {
			ps = append(ps, para{start: l.start, end: l.end, heading: l.heading || strings.HasPrefix(t, "#")})
			cur = &ps[len(ps)-1]
			continue
		}
		cur.end = l.end
	}
	// flattened web text: a whole policy on one line, headings inline
	var out []para
	for _, p := range ps {
		st := p.start
		for i := p.start; i < p.end; {
			r, sz := utf8.DecodeRuneInString(text[i:])
			i += sz
			if r != ' ' && r != '\u3000' {
				continue
			}
			if m, ty := listMarker(text[i:p.end]); m > 0 && ty != 5 && i > st {
				out = append(out, para{start: st, end: i - sz, heading: p.heading && st == p.start})
				st = i
			}
		}
		out = append(out, para{start: st, end: p.end, heading: p.heading && st == p.start})
	}
	return out
}

func lastLineStart(text string, end int) int {
	i := strings.LastIndexByte(text[:end], '\n')
	return i + 1
}

// numberedFigures finds the paragraphs whose list number runs into a figure
// (1.80周岁及以上的；, 5. 100周岁及以上的；, 2、1万元至5万元：), which would
// read as 1.80, 5.100 and a list of 2 and 1万元: a number and dot with a
// space after it, or whose neighbour opens
// with the next or the previous number. It maps the paragraph's start to
// the byte length of the number and its dot.
func numberedFigures(text string, ps []para) map[int]int {
	lead := func(p para) (n, k int, spaced, digit bool) {
		return leadNumber(text[p.start:p.end])
	}
	var out map[int]int
	for i, p := range ps {
		n, k, spaced, digit := lead(p)
		if !digit {
			continue
		}
		ok := spaced
		for _, j := range []int{i - 1, i + 1} {
			if j < 0 || j >= len(ps) {
				continue
			}
			if m, _, _, _ := lead(ps[j]); m > 0 && (m == n-1 || m == n+1) {
				ok = true
			}
		}
		if ok {
			if out == nil {
				out = map[int]int{}
			}
			out[p.start] = k
		}
	}
	return out
}

// leadNumber reads the list number opening t (1. / 2． / 3、): its value n, the
// byte length k of the number and its dot, whether a space follows the dot
// and whether a digit comes next.
func leadNumber(t string) (n, k int, spaced, digit bool) {
	t = strings.TrimLeft(t, " \t\u3000")
	for k < len(t) && k < 2 && t[k] >= '0' && t[k] <= '9' {
		n = n*10 + int(t[k]-'0')
		k++
	}
	if k == 0 {
		return 0, 0, false, false
	}
	sep := ""
	for _, d := range []string{".", "．", "、"} {
		if strings.HasPrefix(t[k:], d) {
			sep = d
		}
	}
	if sep == "" {
		return 0, 0, false, false
	}
	rest := t[k+len(sep):]
	body := strings.TrimLeft(rest, " \u3000")
	return n, k + len(sep), len(body) < len(rest), body != "" && body[0] >= '0' && body[0] <= '9'
}
