package corpus

import (
	"regexp"
	"slices"
	"unicode"
)

// Repairing the marks OCR misreads: brackets, quotation marks, dashes.

// fixOpeners turns a 《 or 〈 that is closed by ) or ） before any 〉 or 》
// into （, over the lines of a page: OCR reads （ as either, and the
// bracket of a 责任单位 list closes lines later.
func fixOpeners(words []ocrWord) {
	for i := range words {
		rs := []rune(words[i].text)
		changed := false
		for k, r := range rs {
			if (r == '《' || r == '〈') && closedByParen(words, i, k+1) {
				rs[k], changed = '（', true
			}
		}
		if changed {
			words[i].text = string(rs)
		}
	}
}

// closedByParen reports whether the first bracket after rune k of word i
// (within 400 runes) is ) or ）.
func closedByParen(words []ocrWord, i, k int) bool {
	n := 0
	for j := i; j < len(words) && n < 400; j++ {
		rs := []rune(words[j].text)
		if j > i {
			k = 0
		}
		for _, c := range rs[min(k, len(rs)):] {
			n++
			switch c {
			case ')', '）':
				return true
			case '〉', '》', '〈', '《', '（', '(':
				return false
			}
		}
	}
	return false
}

// nestTitles turns 《a《b》c》 into 《a〈b〉c》, over the lines of a page: a
// title mark inside a title mark is the single one (〈〉), which OCR reads
// as the double. Only a pair closed inside a closed outer pair within 200
// characters is changed.
func nestTitles(words []ocrWord) {
	type pos struct{ w, k int }
	var rs [][]rune
	var at []pos
	for i, w := range words {
		r := []rune(w.text)
		rs = append(rs, r)
		for k := range r {
			at = append(at, pos{i, k})
		}
	}
	get := func(n int) rune { return rs[at[n].w][at[n].k] }
	changed := map[int]bool{}
	for n := 0; n < len(at); n++ {
		if get(n) != '《' {
			continue
		}
		// 《 … 《 … 》 … 》 with no other mark between
		var marks []int
		for m := n + 1; m < len(at) && m < n+200 && len(marks) < 3; m++ {
			if c := get(m); c == '《' || c == '》' {
				marks = append(marks, m)
			}
		}
		if len(marks) == 3 && get(marks[0]) == '《' && get(marks[1]) == '》' && get(marks[2]) == '》' {
			rs[at[marks[0]].w][at[marks[0]].k] = '〈'
			rs[at[marks[1]].w][at[marks[1]].k] = '〉'
			changed[at[marks[0]].w], changed[at[marks[1]].w] = true, true
			n = marks[2]
		}
	}
	for i := range changed {
		words[i].text = string(rs[i])
	}
}

// reSpacedDash is a dash between numbers read as 一 with the gaps around
// it as spaces (2024 一 2026年, 3 一5个); without them the 一 is turned
// in ocrPunct's loop.
var reSpacedDash = regexp.MustCompile(`(\d)(?: 一 ?| ?一 )(\d)`)

// reZeroPercent is a header's unit （%） with the space inside the
// full-width bracket read as 0 (营业收入同比增速(0%), or (0%) a word of
// its own in a table's cell).
var reZeroPercent = regexp.MustCompile(`(^|\p{Han}) ?[(（]0%[)）]`)

// reNumeralHeading is a heading line 一、总体要求 whose 、 OCR reads as a
// comma: a short line without other punctuation (a wrapped sentence's
// line that starts 一，协调… is long).
var reNumeralHeading = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}([，,])\p{Han}[^，。；,;:：]{0,18}$`)

// ocrFullWidth are the marks OCR reads as ASCII next to Chinese text.
var ocrFullWidth = map[rune]rune{',': '，', ';': '；', ':': '：', '!': '！', '?': '？'}

// ocrPunct turns the ASCII punctuation OCR reads next to Chinese text into
// the full-width marks Chinese text uses (, → ，, ( → （ …); a full stop
// between two Chinese characters is a misread enumeration comma (、); a
// quotation mark read twice is one.
func ocrPunct(s string) string {
	s = reSpacedDash.ReplaceAllString(s, "$1—$2")
	s = reZeroPercent.ReplaceAllString(s, "$1（%）")
	if m := reNumeralHeading.FindStringSubmatchIndex(s); m != nil {
		s = s[:m[2]] + "、" + s[m[3]:]
	}
	rs := []rune(s)
	han := func(i int) bool { return i >= 0 && i < len(rs) && unicode.Is(unicode.Han, rs[i]) }
	// Chinese context: a Han character or a full-width mark
	cjk := func(i int) bool {
		return han(i) || i >= 0 && i < len(rs) && (rs[i] >= 0x3000 && rs[i] <= 0x303F || rs[i] >= 0xFF00 && rs[i] <= 0xFFEF)
	}
	// 〈 or 《 closed by ) or ） before any 〉 or 》 is a misread （
	for i, r := range rs {
		if r != '〈' && r != '《' {
			continue
		}
		for _, c := range rs[i+1:] {
			if c == '〉' || c == '》' || c == '〈' || c == '《' || c == '（' || c == '(' {
				break
			}
			if c == ')' || c == '）' {
				rs[i] = '（'
				break
			}
		}
	}
	open := false // a ( made full width waits for its )
	for i, r := range rs {
		near := cjk(i-1) || cjk(i+1)
		if fw, ok := ocrFullWidth[r]; ok {
			if near {
				rs[i] = fw
			}
			continue
		}
		switch r {
		case '(':
			if near {
				rs[i], open = '（', true
			}
		case ')':
			if near || open {
				rs[i], open = '）', false
			}
		case '!':
			if near {
				rs[i] = '！'
			}
		case '?':
			if near {
				rs[i] = '？'
			}
		case '.':
			if han(i-1) && han(i+1) {
				rs[i] = '、'
			}
		case '一':
			// a dash between numbers (2021—2023, 3—5个) read as 一
			if i > 0 && i+1 < len(rs) && isASCIIDigit(rs[i-1]) && isASCIIDigit(rs[i+1]) {
				rs[i] = '—'
			}
		}
	}
	rs = ocrQuotes(rs, cjk)
	// a quotation mark read twice (““): Chinese text never doubles one;
	// nor a bracket read twice as 〈 and （ (分解表〈（2021年）)
	out := rs[:0]
	for i, r := range rs {
		if i > 0 && (r == '“' || r == '”') && rs[i-1] == r {
			continue
		}
		if (r == '〈' || r == '《' && !slices.Contains(rs[i:], '》')) && i+1 < len(rs) && rs[i+1] == '（' {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// ocrQuotes restores the Chinese quotation marks of a line that OCR reads
// as ASCII (") or as < and *, or loses between two quoted names:
//   - an opening mark read as < or * before Han text that a closing mark
//     ends within a few characters (<优机优补" → “优机优补");
//   - a closing mark, then a short Han run closed again: the opener
//     between the two was lost (“优机优补”有进有出” → “优机优补”“有进有出”);
//   - a " next to Chinese text opens or closes by the alternation of the
//     marks around it in the line; a line that starts inside a quotation
//     (its first Chinese mark a closer after an even count) starts closed.
func ocrQuotes(rs []rune, cjk func(int) bool) []rune {
	isMark := func(r rune) bool { return r == '“' || r == '”' || r == '"' }
	// the next mark after i within n runes, -1 when none (or another
	// character that is not Han comes first)
	closerWithin := func(i, n int) int {
		for k := i + 1; k < len(rs) && k <= i+n; k++ {
			if rs[k] == '”' || rs[k] == '"' {
				return k
			}
			if !unicode.Is(unicode.Han, rs[k]) {
				return -1
			}
		}
		return -1
	}
	for i, r := range rs {
		if (r == '<' || r == '*') && i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1]) && closerWithin(i, 12) > i+1 {
			rs[i] = '“'
		}
	}
	for i := 0; i < len(rs); i++ {
		if rs[i] != '”' {
			continue
		}
		if k := closerWithin(i, 9); k > i+1 && rs[k] == '”' {
			rs = append(rs[:i+1], append([]rune{'“'}, rs[i+1:]...)...)
		}
	}
	// alternation: inside after an opener, outside after a closer
	inside, seen := false, 0
	for _, r := range rs {
		if r == '“' || r == '”' {
			// a closer after an even count of marks, or an opener after
			// an odd one: the line began inside a quotation
			inside = (seen%2 == 0) == (r == '”')
			break
		}
		if isMark(r) {
			seen++
		}
	}
	if seen%2 == 1 && !slices.ContainsFunc(rs, func(r rune) bool { return r == '“' || r == '”' }) {
		// only " marks, an odd count: the quotation the line is inside
		// at one end is the shorter, a quoted name
		first, last := -1, 0
		for k, r := range rs {
			if r == '"' {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		inside = first < len(rs)-1-last
	}
	for i, r := range rs {
		switch {
		case r == '“':
			inside = true
		case r == '”':
			inside = false
		case r == '"' && (cjk(i-1) || cjk(i+1)):
			if inside {
				rs[i] = '”'
			} else {
				rs[i] = '“'
			}
			inside = !inside
		}
	}
	return rs
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }
