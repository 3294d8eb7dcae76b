package tasks

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/lexicon/outline"
	"policyx/schema"
)

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
	b.Grow(end - start)
	idx := make([]int, 0, end-start+1)
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if squeezed(r) {
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

// squeezed reports whether squeeze drops r.
func squeezed(r rune) bool {
	return unicode.IsSpace(r) || r == '*' || r == '#' || r == '\u200b' || r == '\ufeff'
}

// squeezeString is the text of squeeze(s, 0, len(s)), without the offsets.
func squeezeString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !squeezed(r) {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
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
	// A list label: 牵头单位： … at the start of a list.
	// 【责任单位】 … in lenticular brackets, without a colon.
	reRole = regexp.MustCompile(`(?:主要)?(?:牵头|配合|责任|主责|负责|协办|参与|协同|协助|承办|主办)(?:责任)?(?:单位|部门)(?:、单位|、部门|及单位)?[:：]|(?:牵头|配合|责任)[:：]|【(?:牵头|配合|责任|主责|协办|参与|协同)(?:责任)?(?:单位|部门)】`)
	// Another field after a list: 完成时限：…, 时间节点：….
	reOtherField = regexp.MustCompile(`[；;，,。]?\p{Han}{2,6}[:：]`)
	// A paragraph that opens with a list belongs to the one before it. One
	// ^ outside the alternation: with a ^ in each branch Go's regexp tried
	// every position of the line (30 times slower on a line of 200
	// characters that does not match).
	reListStart = regexp.MustCompile(`^(?:[（(\[【［]?(?:主要)?(?:牵头|配合|责任|主责|协同|协办|协助|参与)(?:责任)?(?:单位|部门)|(?:牵头负责|牵头|责任|分管|联系)(?:市|省|区|县)?领导[:：])`)
)

// label returns the length of the item label at the start of s (一、 （一）
// 1． 1.2. (1) 1） ① 第一条 …), 0 if none. An attachment label opens no
// item.
func label(s string) int {
	l, n := outline.Read(s)
	if l.Style == outline.Attachment {
		return 0
	}
	return n
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
	var curSq joined
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
			joinWrapped := !curSq.terminal() && label(sq) == 0 && !curSq.heading()
			if joinWrapped || reListStart.MatchString(sq) {
				cur.end = l.end
				curSq.add(sq)
				continue
			}
		}
		if cur != nil && reListStart.MatchString(sq) && !tabbed {
			// A list on the line after a heading belongs to the heading.
			cur.end = l.end
			curSq.add(sq)
			continue
		}
		flush()
		c := l
		cur, curSq = &c, joined{}
		curSq.add(sq)
		if tabbed {
			flush()
		}
	}
	flush()
}

// joined is what paragraphs needs of the squeezed lines joined so far,
// kept in constant space (concatenating every line was quadratic in a long
// paragraph): the last line, and the whole text while it is short enough to
// be a heading line.
type joined struct {
	head string // all lines so far, "" once long
	long bool   // longer than any headingLine
	last string // the last line
}

// headingMax is the byte length beyond which headingLine is false: more
// than 30 runes.
const headingMax = 30 * utf8.UTFMax

func (j *joined) add(sq string) {
	j.last = sq
	if j.long || len(j.head)+len(sq) > headingMax {
		j.long, j.head = true, ""
		return
	}
	j.head += sq
}

// terminal reports whether the text so far ends a sentence: its last rune
// is one of terminals.
func (j *joined) terminal() bool {
	r, _ := utf8.DecodeLastRuneInString(j.last)
	return strings.ContainsRune(terminals, r)
}

func (j *joined) heading() bool { return !j.long && headingLine(j.head) }

// terminals are the runes that end a sentence or a bracketed aside.
const terminals = "。！？；;）)]】」”\""

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
