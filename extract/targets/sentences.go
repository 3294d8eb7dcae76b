package targets

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/normalize/numbers"
)

// compact is a text with white space dropped, mapped to byte offsets of
// doc.Text.
type compact struct {
	s   string
	off []int // off[i] = doc.Text offset of s[i]; off[len(s)] = end
}

func newCompact(text string, start, end int) compact {
	// at most one byte (and offset) per byte of the text: sized once
	n := max(end-start, 0)
	var b strings.Builder
	b.Grow(n)
	off := make([]int, 0, n+1)
	prevKeep := rune(0)
	for i := start; i < end; {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || r == '*' && strings.HasPrefix(text[i:], "**") || r == '*' && i > 0 && text[i-1] == '*' {
			// keep one space between two ASCII alphanumerics (2018 2019, R D),
			// but mend a year a PDF broke (到20 27 年)
			nr, _ := utf8.DecodeRuneInString(text[i+sz:])
			if r == ' ' && isASCIIAlnum(prevKeep) && isASCIIAlnum(nr) && i+sz < end && !brokenYear(text, i) && !brokenNumber(text, i) {
				b.WriteByte(' ')
				off = append(off, i)
				prevKeep = ' '
			}
			i += sz
			continue
		}
		b.WriteString(text[i : i+sz])
		for k := 0; k < sz; k++ {
			off = append(off, i+k)
		}
		prevKeep = r
		i += sz
	}
	off = append(off, end)
	return compact{s: b.String(), off: off}
}

// brokenYear reports whether the space at text[i] splits a year: 20 27年.
func brokenYear(text string, i int) bool {
	a, b := digitsAround(text, i)
	rest := strings.TrimLeft(text[b:], " ")
	return (i-a)+(b-i-1) == 4 && strings.HasPrefix(rest, "年")
}

// digitsAround returns the start of the digits that end at text[i] and the
// end of those that begin at text[i+1].
func digitsAround(text string, i int) (a, b int) {
	a = i
	for a > 0 && isDigitByte(text[a-1]) {
		a--
	}
	b = i + 1
	for b < len(text) && isDigitByte(text[b]) {
		b++
	}
	return a, b
}

// brokenNumber reports whether the space at text[i] splits a short number
// a PDF letter-spaced inside Chinese text: 联合创新中心2 0 个.
func brokenNumber(text string, i int) bool {
	a, b := digitsAround(text, i)
	if i-a == 0 || i-a > 2 || b-i-1 == 0 || b-i-1 > 2 || a == 0 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:a])
	after, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[b:], " "))
	return before >= utf8.RuneSelf && unicode.Is(unicode.Han, before) && unicode.Is(unicode.Han, after)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// sentence is a compact sentence of a paragraph.
type sentence struct {
	c          compact
	start, end int // in doc.Text
	first      bool
}

func splitSentences(text string, p para) []sentence {
	var out []sentence
	s := p.start
	flush := func(e int) {
		if strings.TrimSpace(text[s:e]) != "" {
			out = append(out, sentence{c: newCompact(text, s, e), start: s, end: e})
		}
		s = e
	}
	for i := p.start; i < p.end; {
		r, sz := utf8.DecodeRuneInString(text[i:])
		i += sz
		if strings.ContainsRune("。；;！!？?", r) {
			// keep a closing quote or bracket with its sentence
			for i < p.end {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if strings.ContainsRune("”’」）)*", r2) {
					i += s2
					continue
				}
				break
			}
			flush(i)
		}
	}
	flush(p.end)
	if len(out) > 0 {
		out[0].first = true
	}
	return out
}

func firstClause(s string) string {
	if k := strings.IndexAny(s, "，,"); k >= 0 {
		return s[:k]
	}
	return s
}

func sentenceText(text string, st sentence) string {
	s := strings.TrimSpace(text[st.start:st.end])
	s = strings.ReplaceAll(s, "\n", "")
	s = strings.ReplaceAll(s, "**", "")
	return s
}

// clause returns the bounds of the clause holding [a, b) of s: between
// commas, colons and sentence ends.
func clause(s string, a, b int) (int, int) {
	lo := 0
	for _, sep := range []string{"，", ",", "：", ":", "；", "。"} {
		if k := strings.LastIndex(s[:a], sep); k >= 0 && k+len(sep) > lo {
			lo = k + len(sep)
		}
	}
	hi := len(s)
	// a note right after the figure (人民币，下同) is no clause end
	b += len(s[b:]) - len(numbers.SkipNote(s[b:]))
	for _, sep := range []string{"，", ",", "：", ":", "；", "。", "、"} {
		if k := strings.Index(s[b:], sep); k >= 0 && b+k < hi {
			hi = b + k
		}
	}
	return lo, hi
}

// toComma returns s up to its first comma or sentence end.
func toComma(s string) string {
	if k := strings.IndexAny(s, "，,；;。"); k >= 0 {
		return s[:k]
	}
	return s
}

// lastRune returns the last character of s as a string.
func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}
