// Package links finds the references of a policy document to other ones:
// 《titles》 with or without their （文号）, bare 文号, and the entries of a
// notice's 附件 list (and, in an attachment document, the 附件 headings that
// point back to its notice). Each becomes a schema.Link of kind cites,
// implements (根据/按照/贯彻落实…), repeals (…同时废止), amends (修订/修改)
// or attachment_of. A document never references itself: the plan a notice
// 印发s is the notice's own content and gives no link.
//
// Which document of the database a link names is decided after the batch
// (output/sqlite ResolveLinks), by normalized 文号 first, then by title keys
// (TitleKeys). The trigger words are data (data/words.txt).
package links

import (
	"policyx/lexicon"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"policyx/schema"
)

// maxTitle caps the runes between 《 and 》 (a lost 》 must not swallow the
// document).
const maxTitle = 160

// Extract returns the references of doc, in text order. It needs doc.Meta
// (the document's own title and 文号 are never a reference).
func Extract(doc *schema.Document) []schema.Link {
	text := doc.Text
	self := newSelf(doc.Meta)
	var out []schema.Link
	var taken []schema.Span // citations already read (title + its number)

	// 《titles》, nested marks included (《…〈…〉…》, 《…《…》…》).
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "《")
		if j < 0 {
			break
		}
		start := i + j
		end, ok := closeMark(text, start)
		if !ok {
			i = start + len("《")
			continue
		}
		i = end
		raw := text[start+len("《") : end-len("》")]
		title := CleanTitle(raw)
		sp := schema.Span{Start: start, End: end}
		num := ""
		if nsp, n, ok := numberAfter(text, end); ok {
			num, sp.End = n, nsp.End
			i = sp.End
		}
		taken = append(taken, sp)
		if title == "" || utf8.RuneCountInString(title) < 2 || lexicon.HasSuffixAny(title, loadWords().NotDoc) || isShorthand(title) {
			continue
		}
		if self.is(title, num) || carriedHere(text, sp.End) {
			continue
		}
		out = append(out, schema.Link{Kind: kindOf(text, sp), Title: title, Number: num,
			Sentence: sentence(text, sp), Span: sp})
	}

	// Bare 文号.
	for _, m := range allNumbers(text) {
		sp := schema.Span{Start: m[0], End: m[1]}
		p, ok := numberPrefix(text[m[2]:m[3]])
		if !ok {
			continue
		}
		sp.Start = m[3] - len(p)
		if overlaps(taken, sp) {
			continue
		}
		num := NormNumber(text[sp.Start:sp.End])
		if num == "" || self.is("", num) {
			continue
		}
		out = append(out, schema.Link{Kind: kindOf(text, sp), Number: num, Sentence: sentence(text, sp), Span: sp})
	}

	out = append(out, noticeAttachments(text, self)...)
	out = append(out, attachmentHeadings(doc)...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Span.Start < out[b].Span.Start })
	return out
}

// closeMark returns the end of the 》 closing the 《 at start, counting
// nested 《》; ok is false when none closes within maxTitle runes or a
// paragraph break comes first.
func closeMark(text string, start int) (int, bool) {
	depth, n := 0, 0
	for k, r := range text[start:] {
		switch r {
		case '《':
			depth++
		case '》':
			depth--
			if depth == 0 {
				return start + k + len("》"), true
			}
		case '。', '；':
			return 0, false
		}
		if n++; n > maxTitle {
			return 0, false
		}
	}
	return 0, false
}

// numberAfter reads a （文号） right after a citation's 》.
func numberAfter(text string, at int) (schema.Span, string, bool) {
	rest := text[at:]
	trim := strings.TrimLeft(rest, " \t\n")
	off := at + len(rest) - len(trim)
	var open string
	for _, o := range []string{"（", "(", "〔", "["} {
		if strings.HasPrefix(trim, o) {
			open = o
			break
		}
	}
	if open == "" {
		return schema.Span{}, "", false
	}
	inner := trim[len(open):]
	if len(inner) > 120 {
		inner = inner[:120]
	}
	m := reNumber.FindStringSubmatchIndex(inner)
	if m == nil {
		return schema.Span{}, "", false
	}
	// the number must open the brackets (after white space)
	p, ok := numberPrefix(inner[m[2]:m[3]])
	if !ok || strings.TrimSpace(inner[:m[3]-len(p)]) != "" {
		return schema.Span{}, "", false
	}
	num := NormNumber(inner[m[3]-len(p) : m[1]])
	end := off + len(open) + m[1]
	after := text[end:]
	for _, c := range []string{"）", ")", "〕", "]"} {
		if t := strings.TrimLeft(after, " \t"); strings.HasPrefix(t, c) {
			end += len(after) - len(t) + len(c)
			break
		}
	}
	return schema.Span{Start: at, End: end}, num, num != ""
}

func overlaps(spans []schema.Span, s schema.Span) bool {
	for _, t := range spans {
		if s.Start < t.End && t.Start < s.End {
			return true
		}
	}
	return false
}

// self tells the document's own title and 文号, and what its title
// carries (…关于印发X的通知 → X).
type self struct {
	keys   map[string]bool
	number string
}

func newSelf(m schema.Meta) self {
	s := self{keys: map[string]bool{}, number: m.DocNumber}
	if m.Title != "" {
		t := NormTitle(m.Title)
		s.keys[t] = true
		if c := Carried(t); c != "" {
			s.keys[c] = true
		}
	}
	return s
}

func (s self) is(title, num string) bool {
	if num != "" && num == s.number {
		return true
	}
	return title != "" && s.keys[NormTitle(title)]
}

// carriedHere reports whether the sentence after a citation says the
// document carries it (《…》已经市政府同意，现印发给你们).
func carriedHere(text string, at int) bool {
	rest := text[at:]
	if k := strings.IndexAny(rest, "。；\n《"); k >= 0 {
		rest = rest[:k]
	}
	if len(rest) > 240 {
		rest = rest[:240]
	}
	return lexicon.ContainsAny(compact(rest), loadWords().Carried)
}

// compact drops white space (wrapped lines).
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// clauseBreak ends the clause a trigger word must share with a citation.
const clauseBreak = "。；;！？!?，,：:\n"

// kindOf classifies a citation at sp by the words of its clause.
func kindOf(text string, sp schema.Span) string {
	before := text[:sp.Start]
	if len(before) > 240 {
		before = before[len(before)-240:]
	}
	before = before[clauseStart(before, clauseBreak):]
	cb := compactTail(before)
	after := text[sp.End:]
	if len(after) > 120 {
		after = after[:120]
	}
	ca := compact(after)
	if k := strings.IndexAny(ca, "。；;！？!?，,"); k >= 0 {
		ca = ca[:k]
	}
	// the clause before stops at the previous citation's end for repeal
	// and amend words, which belong to the citation they follow
	prev := cb
	if k := strings.LastIndex(prev, "》"); k >= 0 {
		prev = prev[k:]
	}
	switch {
	case lexicon.ContainsAny(ca, loadWords().Repeals) || lexicon.ContainsAny(prev, loadWords().Repeals):
		return schema.LinkRepeals
	case lexicon.ContainsAny(ca, loadWords().Amends) || lexicon.ContainsAny(prev, loadWords().Amends):
		return schema.LinkAmends
	case lexicon.ContainsAny(cb, loadWords().Implements):
		return schema.LinkImplements
	}
	return schema.LinkCites
}

// clauseStart returns where the clause ending s begins: after the last of
// the break runes that is not inside a 《…》 (a title wrapped over lines
// holds line breaks and commas).
func clauseStart(s, breaks string) int {
	depth := 0
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		switch {
		case r == '》':
			depth++
		case r == '《':
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.ContainsRune(breaks, r):
			return i
		}
		i -= size
	}
	return 0
}

// compactTail is compact for the text before a citation, keeping it
// valid UTF-8 after the byte cut.
func compactTail(s string) string {
	for len(s) > 0 && !utf8.RuneStart(s[0]) {
		s = s[1:]
	}
	return compact(s)
}

// sentence returns the sentence around sp (to 。！？； or a blank line),
// line breaks of wrapped text removed, at most about 200 runes a side.
func sentence(text string, sp schema.Span) string {
	a := sp.Start - len(text[:sp.Start])
	if sp.Start > 600 {
		a = sp.Start - 600
	}
	for a < sp.Start && !utf8.RuneStart(text[a]) {
		a++
	}
	a += clauseStart(text[a:sp.Start], "。！？；\n")
	b := sp.End
	for n := 0; b < len(text) && n < 200; n++ {
		r, size := utf8.DecodeRuneInString(text[b:])
		if r == '\n' {
			break
		}
		b += size
		if strings.ContainsRune("。！？；", r) {
			break
		}
	}
	return CleanTitle(text[a:b])
}

// Attachment lists: 附件：1. … 2. … (one entry a line, or run on in one
// line), or 附件：title for a single attachment.
var (
	reListHead = regexp.MustCompile(`(?m)(?:^|[ \t\x{3000}])[ \t]*附[ \t]*件[ \t]*[:：][ \t]*`)
	reItem     = regexp.MustCompile(`^[ \t]*(?:[0-9]{1,2}|[０-９]{1,2})[ \t]*[.．、]`)
	reItemStop = regexp.MustCompile(`[ \t]+(?:附[ \t]*件|[0-9]{1,2}[ \t]*[.．、]|[一二三四五六七八九十]+、)`)
	reFileExt  = regexp.MustCompile(`(?i)\.(?:docx?|wps|pdf|xlsx?|et|ofd|zip|rar)$`)
	reHeading  = regexp.MustCompile(`^[ \t]*附[ \t]*件[ \t]*([0-9０-９]{0,2})[ \t]*[:：]?[ \t]*(.*)$`)
)

type item struct {
	label string
	title string
	sp    schema.Span
	line  int // index of its line
}

// listHeads is reListHead.FindAllStringIndex(text, -1), run only on the
// lines holding a 附: no match crosses a line, and (?m)^ matches at the
// start of a line as at the start of the text. The whole text took the
// regexp engine a try at every position (~1% of a batch's CPU).
func listHeads(text string) [][]int {
	var out [][]int
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], "附")
		if i < 0 {
			break
		}
		i += from
		start := strings.LastIndexByte(text[:i], '\n') + 1
		end := strings.IndexByte(text[i:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += i
		}
		for _, m := range reListHead.FindAllStringIndex(text[start:end], -1) {
			out = append(out, []int{start + m[0], start + m[1]})
		}
		from = end + 1
	}
	return out
}

// noticeAttachments reads a notice's 附件 list. An entry whose title comes
// again further down (the attachment is in this document) is no link.
func noticeAttachments(text string, self self) []schema.Link {
	var out []schema.Link
	for _, h := range listHeads(text) {
		items := listItems(text, h[1])
		for _, it := range items {
			it.title = reFileExt.ReplaceAllString(it.title, "")
			if it.title == "" || self.is(it.title, "") || inDocument(text, it) {
				continue
			}
			out = append(out, schema.Link{Kind: schema.LinkAttachmentOf, Role: schema.RoleNotice, Title: it.title,
				Attachment: it.title, Sentence: CleanTitle("附件" + it.label + " " + it.title), Span: it.sp})
		}
	}
	return out
}

// listItems reads the entries of a 附件 list that starts at byte at.
func listItems(text string, at int) []item {
	var items []item
	pos := at
	n := 0
	for pos < len(text) {
		le := strings.IndexByte(text[pos:], '\n')
		line := text[pos:]
		if le >= 0 {
			line = text[pos : pos+le]
		}
		if strings.TrimSpace(line) == "" {
			if pos == at && le >= 0 {
				// 附件： alone on its line: the entries follow
				n = 1
				pos += le + 1
				continue
			}
			if n == 0 || le < 0 {
				break
			}
			pos += le + 1
			continue
		}
		if n > 0 && !reItem.MatchString(line) {
			break
		}
		// one line may run several entries on (1.… 2.…)
		rest, off := line, pos
		for rest != "" {
			m := reItem.FindStringIndex(rest)
			label := ""
			if m != nil {
				label = strings.TrimSpace(strings.TrimRight(rest[m[0]:m[1]], ".．、"))
				off += m[1]
				rest = rest[m[1]:]
			} else if n > 0 || len(items) > 0 {
				break
			}
			end := len(rest)
			if k := reItemStop.FindStringIndex(rest); k != nil && k[0] > 0 {
				end = k[0]
			}
			t := strings.TrimRight(strings.TrimSpace(rest[:end]), "；;。，,")
			lead := len(rest[:end]) - len(strings.TrimLeft(rest[:end], " \t"))
			if t != "" && utf8.RuneCountInString(t) <= 100 {
				items = append(items, item{label: label, title: CleanTitle(t),
					sp: schema.Span{Start: off + lead, End: off + lead + len(t)}})
			}
			if m == nil {
				rest = ""
				break
			}
			off += end
			rest = rest[end:]
			// stop at what follows the list on the same line (附件1 …)
			if !reItem.MatchString(rest) {
				break
			}
		}
		n++
		if le < 0 {
			break
		}
		pos += le + 1
	}
	return items
}

// inDocument reports whether an attachment's title comes again after its
// list entry, as a line of its own (its caption): the attachment is part
// of this document.
func inDocument(text string, it item) bool {
	key := NormTitle(it.title)
	if key == "" {
		return false
	}
	rest := text[it.sp.End:]
	ls := strings.Split(rest, "\n")
	for i, l := range ls {
		// a caption may wrap onto the next line
		if i+1 < len(ls) {
			l += ls[i+1]
		}
		nl := NormTitle(l)
		if strings.Contains(nl, key) {
			i := strings.Index(nl, key)
			before := nl[:i]
			if utf8.RuneCountInString(before) <= 8 {
				return true
			}
			if strings.Contains(before, "附件") {
				return true
			}
		}
	}
	return false
}

// attachmentHeadings reads the 附件 headings of a document that is an
// attachment of another (it opens with 附件N and has no 文号 of its own):
// each points back to the notice whose list names it. Stand-alone title
// lines (…工作方案) of such a document count too: a notice lists them
// without the 附件 word.
func attachmentHeadings(doc *schema.Document) []schema.Link {
	text := doc.Text
	if doc.Meta.DocNumber != "" {
		return nil
	}
	first := strings.TrimSpace(firstLine(text))
	if m := reHeading.FindStringSubmatch(first); m == nil || strings.ContainsAny(m[2], "。；") {
		return nil
	}
	var out []schema.Link
	seen := map[string]bool{}
	add := func(title string, sp schema.Span, sent string) {
		title = CleanTitle(strings.TrimRight(title, "：:"))
		k := NormTitle(title)
		if utf8.RuneCountInString(k) < 4 || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, schema.Link{Kind: schema.LinkAttachmentOf, Role: schema.RoleAttachment, Attachment: title,
			Sentence: sent, Span: sp})
	}
	lines := splitLines(text)
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		s := strings.TrimSpace(text[l.Start:l.End])
		if s == "" {
			continue
		}
		if m := reHeading.FindStringSubmatch(s); m != nil && !strings.ContainsAny(m[2], "。；，") {
			title := strings.TrimSpace(m[2])
			sp := l
			if title == "" {
				// the caption is the next non-blank line
				for k := i + 1; k < len(lines) && k <= i+3; k++ {
					if t := strings.TrimSpace(text[lines[k].Start:lines[k].End]); t != "" {
						title, sp.End = t, lines[k].End
						i = k
						break
					}
				}
			}
			// a caption that wraps: its bracket is still open
			for k := i + 1; k < len(lines) && k <= i+2; k++ {
				t := strings.TrimSpace(text[lines[k].Start:lines[k].End])
				if t == "" || strings.ContainsAny(t, "\t。；") {
					break
				}
				// a wrapped caption: its bracket is open, or the next line is
				// only a bracket（2023年版）
				if !unbalanced(title) && !(strings.HasPrefix(t, "（") || strings.HasPrefix(t, "(")) || utf8.RuneCountInString(t) > 40 {
					break
				}
				title, sp.End, i = title+t, lines[k].End, k
			}
			if title != "" && utf8.RuneCountInString(title) <= 100 && !strings.ContainsAny(title, "。；\t") {
				add(title, sp, CleanTitle(text[sp.Start:sp.End]))
			}
			continue
		}
		if standaloneTitle(s) {
			add(s, l, CleanTitle(s))
		}
	}
	return out
}

// standaloneTitle: a short line without sentence punctuation ending in a
// title word (…工作方案), standing between blank lines or at a line start.
func standaloneTitle(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 6 || n > 50 || strings.ContainsAny(s, "。，；：:,;\t、") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("一二三四五六七八九十（(0123456789", r) {
		return false
	}
	return lexicon.HasSuffixAny(s, loadWords().TitleTail)
}

func firstLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

func splitLines(text string) []schema.Span {
	var out []schema.Span
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			out = append(out, schema.Span{Start: start, End: i})
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, schema.Span{Start: start, End: len(text)})
	}
	return out
}

// unbalanced reports whether s opens more brackets than it closes.
func unbalanced(s string) bool {
	return strings.Count(s, "（")+strings.Count(s, "(") > strings.Count(s, "）")+strings.Count(s, ")")
}

// isShorthand reports whether a title is only a genre word (《条例》).
func isShorthand(t string) bool {
	for _, w := range loadWords().Shorthand {
		if t == w {
			return true
		}
	}
	return false
}
