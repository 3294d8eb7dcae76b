package links

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// reNumber finds a 发文字号: an organ prefix, the year in any of the brackets
// people type (〔〕 [] () （） ［］ 【】), the serial and 号. The prefix is cut
// further by numberPrefix.
var reNumber = regexp.MustCompile(`(\p{Han}{1,16})\s{0,3}[〔\[(（［【〈]\s{0,3}((?:19|20)[0-9]{2}|[１２][０-９]{3})\s{0,3}[〕\])）］】〉]\s{0,3}第?\s{0,3}([0-9０-９]{1,5})\s{0,3}号`)

// maxNumberBytes bounds the bytes of a reNumber match: 16 Han characters of
// up to 4 bytes, the white space, the brackets, a year and a serial in
// full-width digits, 第 and 号 come to 121; a little more for safety.
const maxNumberBytes = 128

// allNumbers is reNumber.FindAllStringSubmatchIndex(text, -1), computed on
// the stretches of text that end with a 号 and reach maxNumberBytes before
// it (overlapping stretches merged) instead of on the whole text: every
// match ends with 号, so every match lies inside one stretch, and the
// matches of a stretch are those of the whole text there. The expression
// starts with a character class tried at every position, which made it the
// costliest step of the stage.
func allNumbers(text string) [][]int {
	var out [][]int
	lo, hi := 0, -1 // the stretch being grown; none yet
	flush := func() {
		for _, m := range reNumber.FindAllStringSubmatchIndex(text[lo:hi], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += lo
				}
			}
			out = append(out, m)
		}
	}
	const hao = "号"
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], hao)
		if j < 0 {
			break
		}
		end := i + j + len(hao)
		start := max(0, end-maxNumberBytes)
		for start > 0 && !utf8.RuneStart(text[start]) {
			start--
		}
		if hi >= 0 && start <= hi {
			hi = end
		} else {
			if hi >= 0 {
				flush()
			}
			lo, hi = start, end
		}
		i = end
	}
	if hi >= 0 {
		flush()
	}
	return out
}

// numberPrefix trims words that precede the organ prefix of a 文号; ok is
// false when nothing plausible is left.
func numberPrefix(p string) (string, bool) {
	for _, w := range loadWords().NumberCut {
		if i := strings.LastIndex(p, w); i >= 0 {
			p = p[i+len(w):]
		}
	}
	for changed := true; changed; {
		changed = false
		for _, list := range [][]string{loadWords().Implements, loadWords().Issue, loadWords().Repeals, loadWords().Amends} {
			for _, w := range list {
				if strings.HasPrefix(p, w) && len(p) > len(w) {
					p, changed = p[len(w):], true
				}
			}
		}
	}
	if n := utf8.RuneCountInString(p); n > 10 {
		r := []rune(p)
		p = string(r[n-6:])
	}
	return p, p != ""
}

// NormNumber returns a 文号 as the database stores it: 〔〕 around the year,
// half-width digits, no spaces ("桂政发[2018] 51 号" → 桂政发〔2018〕51号); ""
// when s holds none.
func NormNumber(s string) string {
	m := reNumber.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	p, ok := numberPrefix(m[1])
	if !ok {
		return ""
	}
	return p + "〔" + width.Narrow.String(m[2]) + "〕" + strings.TrimLeft(width.Narrow.String(m[3]), "0") + "号"
}

// CleanTitle removes the line breaks and spaces a wrapped or PDF-extracted
// title picked up between Chinese characters; a space between two Latin
// words or digits stays (one).
func CleanTitle(s string) string {
	var b strings.Builder
	rs := []rune(strings.TrimSpace(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if i > 0 && j < len(rs) && latin(rs[i-1]) && latin(rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

func latin(r rune) bool { return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// titleFold maps the marks and brackets titles are written with to one form.
var titleFold = strings.NewReplacer(
	"《", "", "》", "", "〈", "", "〉", "", "<", "", ">", "",
	"“", "", "”", "", "‘", "", "’", "", "\"", "", "'", "", "「", "", "」", "",
	"（", "(", "）", ")", "［", "(", "］", ")", "【", "(", "】", ")", "[", "(", "]", ")",
	"—", "-", "–", "-", "－", "-", "―", "-", "~", "-", "～", "-", "〜", "-", "至", "-",
	"，", ",", "、", ",", "：", ":", "·", "", "•", "",
)

// NormTitle is the key titles are matched by: no marks, quotes or spaces,
// one kind of bracket and dash, half-width letters and digits, lower case.
func NormTitle(s string) string {
	s = width.Fold.String(s)
	s = titleFold.Replace(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	// "-" inside a year range only: 2018-2020年 (至 also became -).
	return s
}

var (
	reYearRange = regexp.MustCompile(`\((?:19|20)[0-9]{2}(?:-(?:19|20)?[0-9]{2,4})?年?\)`)
	reCarrier   = regexp.MustCompile(`^(?:.*?关于)?(?:印发|转发|颁发|颁布|发布|下发|公布)(.+?)的(?:通知|决定|函)$`)
)

// Carried returns what a notice's title carries (…关于印发X的通知 → X), ""
// when the title is no such notice. t is a NormTitle key.
func Carried(t string) string {
	if m := reCarrier.FindStringSubmatch(t); m != nil {
		return m[1]
	}
	return ""
}

// TitleKeys returns the keys a title is found by, best first: the title
// itself, what it carries, and both without year ranges and without the
// issuer before 关于. Keys are NormTitle forms; none is shorter than four
// runes.
func TitleKeys(title string) []string {
	t := NormTitle(title)
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if utf8.RuneCountInString(k) >= 4 && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	add(t)
	c := Carried(t)
	add(c)
	for _, k := range []string{t, c} {
		if k == "" {
			continue
		}
		add(reYearRange.ReplaceAllString(k, ""))
		if i := strings.Index(k, "关于"); i > 0 {
			rest := k[i+len("关于"):]
			add(rest)
			add(reYearRange.ReplaceAllString(rest, ""))
		}
	}
	return out
}
