package sections

import (
	_ "embed"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Titles: the heading phrase after a label.

var reTitleEnd = regexp.MustCompile(`[。；;！？!?：:]`)

// titleOf is the heading phrase of the text after a label: up to the first
// sentence end, the content of a leading 【…】, at most maxTitle runes.
func titleOf(rest string) string { return titleOfN(rest, maxTitle) }

// titleOfN is titleOf with a limit of max runes (an attachment's caption
// may be longer than a heading).
func titleOfN(rest string, maxTitle int) string {
	// a ? after the label is a character lost in decoding (第一条? 为…)
	rest = strings.TrimSpace(strings.TrimLeft(rest, "：: ?？\u00a0"))
	if strings.HasPrefix(rest, "【") {
		if i := strings.Index(rest, "】"); i > 0 {
			return compact(rest[len("【"):i])
		}
	}
	if loc := reTitleEnd.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	rest = compact(rest)
	if utf8.RuneCountInString(rest) > maxTitle {
		if i := strings.IndexAny(rest, "，,："); i > 0 && utf8.RuneCountInString(rest[:i]) <= maxTitle {
			return rest[:i]
		}
		rs := []rune(rest)
		return string(rs[:maxTitle])
	}
	return rest
}

const maxTitle = 50

// maxCaption is the limit for an attachment's caption line.
const maxCaption = 80

// gluedLen is the length (runes) from which the title of a top heading is
// taken for a heading phrase run into its paragraph.
const gluedLen = 30

// gluedHead cuts the title of a top heading whose phrase runs into the
// paragraph without punctuation (总体要求以习近平新时代… → 总体要求): when the
// text up to the first sentence end is longer than gluedLen, before the first
// word that opens prose, at least two runes in and not inside another such
// word (坚持以习近平…). ok is false when rest is no such case.
func gluedHead(rest string) (string, bool) {
	phrase := strings.TrimSpace(strings.TrimLeft(rest, "：: "))
	if strings.HasPrefix(phrase, "【") {
		return "", false
	}
	if loc := reTitleEnd.FindStringIndex(phrase); loc != nil {
		phrase = phrase[:loc[0]]
	}
	phrase = compact(phrase)
	if utf8.RuneCountInString(phrase) <= gluedLen {
		return "", false
	}
	type hit struct{ at, end int }
	var hits []hit
	for _, w := range loadVocab().proseOpeners {
		for off := 0; ; {
			i := strings.Index(phrase[off:], w)
			if i < 0 {
				break
			}
			hits = append(hits, hit{off + i, off + i + len(w)})
			off += i + len(w)
		}
	}
	cut := -1
	for _, h := range hits {
		if utf8.RuneCountInString(phrase[:h.at]) < 2 || cut >= 0 && h.at >= cut {
			continue
		}
		covered := false
		for _, o := range hits {
			if o.at < h.at && o.end > h.at {
				covered = true
				break
			}
		}
		if !covered {
			cut = h.at
		}
	}
	if cut < 0 || utf8.RuneCountInString(phrase[:cut]) > gluedLen || strings.ContainsAny(phrase[:cut], "，,、") {
		return "", false
	}
	return strings.TrimSpace(phrase[:cut]), true
}

// compact removes spaces next to CJK characters (总 则 → 总则).
func compact(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' || r == '\u3000' || r == '\t' {
			if i > 0 && i+1 < len(rs) && rs[i-1] < utf8.RuneSelf && rs[i+1] < utf8.RuneSelf && rs[i-1] != ' ' {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
