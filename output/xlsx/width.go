package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// displayWidth is the width of s in Excel column units: an East Asian wide
// character counts as two. For text of several lines, the widest line.
func displayWidth(s string) float64 {
	w, best := 0.0, 0.0
	for _, r := range s {
		if r == '\n' {
			best = math.Max(best, w)
			w = 0
			continue
		}
		w += runeWidth(r)
	}
	return math.Max(best, w)
}

// runeWidth is the display width of r: 2 for an East Asian wide character.
// ASCII and the CJK ideographs, most of the text, skip the table lookup
// (TestRuneWidthFastPath checks every rune against it).
func runeWidth(r rune) float64 {
	switch {
	case r < 0x80:
		return 1
	case r >= 0x4e00 && r <= 0x9fa5:
		return 2
	}
	return runeWidthTable(r)
}

func runeWidthTable(r rune) float64 {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		if r < 0x2000 && r >= 0x80 { // Latin-1 and Greek ambiguity: narrow in practice
			return 1
		}
		return 2
	}
	return 1
}

// text of a cell as shown, for measuring.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case plain:
		return string(v)
	case label:
		return string(v)
	case heading:
		return string(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case quantity:
		if grouped(float64(v)) {
			return cellText(money(v))
		}
		return strconv.FormatFloat(float64(v), 'f', -1, 64)
	case money:
		s := strconv.FormatFloat(math.Abs(float64(v)), 'f', 2, 64)
		s = strings.TrimSuffix(s, ".00")
		n := len(s)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			n = i
		}
		return s + strings.Repeat(",", (n-1)/3) // only the length matters
	case date:
		return string(v)
	case link:
		return v.text
	case indented:
		return strings.Repeat("  ", v.level) + v.text
	}
	return fmt.Sprint(v)
}

// lineHeight is the height of one line of 11-point CJK text, in points.
const lineHeight = 14.6

// wrappedLines estimates how many lines s takes when wrapped in a column of
// width colWidth. displayWidth counts a CJK character as two units, as
// Excel draws it with 等线 11 pt; LibreOffice's substitute CJK fonts are
// narrower, so rows there come out a little taller than their text: better
// than a row that hides text where the analyst works.
func wrappedLines(s string, colWidth float64) int {
	usable := math.Max(colWidth-1, 2)
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil(displayWidth(l)/usable)))
	}
	return n
}

// grouped says whether a quantity is shown with thousands separators.
func grouped(v float64) bool { return v == math.Trunc(v) && math.Abs(v) >= 10000 && math.Abs(v) < 1e15 }
