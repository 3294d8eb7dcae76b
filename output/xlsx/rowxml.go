package xlsx

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// The rows of a streamed sheet are encoded here, not by excelize's
// StreamWriter.SetRow: one pass over the rows instead of two (the widths are
// measured while the rows are written, see sheetOut), no boxing of every
// cell, no per-cell look-ups. The XML is byte for byte what SetRow of
// excelize v2.11.0 writes for the values this package gives it (inline
// strings, numbers, dates); the functions marked "as excelize" follow that
// version's code (BSD-3-Clause).

// xcell is one encoded cell value: t is the cell type ("" for a number,
// "inlineStr"), v the number or the inline text, escaped, space whether the
// text keeps its leading or trailing white space.
type xcell struct {
	t     string
	v     string
	space bool
	none  bool // no value: the cell carries its style only
}

// appendRowStart writes <row r="n"> with the height when ht > 0.
func appendRowStart(b []byte, n int, ht float64) []byte {
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, '"')
	if ht > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, ht, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	return append(b, '>')
}

// appendCell writes the cell at column col (1-based) of row n, as
// excelize's writeCell.
func appendCell(b []byte, col, n, style int, c xcell) []byte {
	b = append(b, `<c r="`...)
	b = appendColName(b, col)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	if c.t != "" {
		b = append(b, ` t="`...)
		b = append(b, c.t...)
		b = append(b, '"')
	}
	b = append(b, '>')
	switch {
	case c.none:
	case c.t == "inlineStr":
		b = append(b, `<is><t`...)
		if c.space {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = append(b, c.v...)
		b = append(b, `</t></is>`...)
	case c.v != "":
		b = append(b, `<v>`...)
		b = append(b, c.v...) // a number: nothing to escape
		b = append(b, `</v>`...)
	}
	return append(b, `</c>`...)
}

// appendColName writes the column letters of col (1 → A, 27 → AA).
func appendColName(b []byte, col int) []byte {
	var tmp [4]byte
	i := len(tmp)
	for col > 0 {
		col--
		i--
		tmp[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, tmp[i:]...)
}

// textCell is an inline string cell, as excelize's setInlineStr.
func textCell(s string) xcell {
	v, space := trimCellValue(s)
	return xcell{t: "inlineStr", v: v, space: space}
}

func intCell(v int64) xcell { return xcell{v: strconv.FormatInt(v, 10)} }

// floatCell is a number cell (the caller turns NaN and ±Inf into text).
func floatCell(v float64) xcell { return xcell{v: strconv.FormatFloat(v, 'f', -1, 64)} }

// timeCell is a date cell, as excelize's setCellTime in a workbook of the
// 1900 date system: the Excel serial day, text for a time before 1900.
func timeCell(t time.Time) xcell {
	_, offset := t.In(t.Location()).Zone()
	t = t.Add(time.Duration(offset) * time.Second)
	if x := excelTime(t); x > 0 {
		return xcell{v: strconv.FormatFloat(x, 'f', -1, 64)}
	}
	s := t.Format(time.RFC3339Nano)
	_, space := trimCellValue(s)
	return xcell{t: "inlineStr", v: s, space: space}
}

var (
	excelMinTime1900      = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelBuggyPeriodStart = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
)

// excelTime is excelize's timeToExcelTime for the 1900 date system.
func excelTime(t time.Time) float64 {
	const day = 24 * time.Hour
	const maxDuration = 290 * 364 * day
	date := excelMinTime1900
	if t.Before(date) {
		return 0
	}
	tt, diff, result := t, t.Sub(date), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / day)
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(date)
	}
	rem := diff % day
	result += float64(diff-rem)/float64(day) + float64(rem)/float64(day)
	if t.After(excelBuggyPeriodStart) {
		result++
	}
	return result
}

// totalCellChars is Excel's limit on the characters of a cell.
const totalCellChars = 32767

// trimCellValue is excelize's trimCellValue with escaping: the text cut to
// Excel's limit of UTF-16 units, XML-escaped (line breaks kept), characters
// XML cannot hold replaced, and _xHHHH_ sequences escaped; space says
// whether it starts or ends with white space.
func trimCellValue(s string) (string, bool) {
	if len(s) > totalCellChars { // UTF-16 units never outnumber UTF-8 bytes
		s = truncateUTF16(s, totalCellChars)
	}
	if s == "" {
		return "", false
	}
	space := false
	for _, c := range [...]byte{s[0], s[len(s)-1]} {
		if c == 9 || c == 10 || c == 13 || c == 32 {
			space = true
		}
	}
	s = escapeText(s)
	if strings.Contains(s, "_x") {
		s = bstrMarshal(s)
	}
	return s, space
}

func truncateUTF16(s string, n int) string {
	cnt := 0
	for i, r := range s {
		if cnt += utf16.RuneLen(r); cnt > n {
			return s[:i]
		}
	}
	return s
}

// escapeText is encoding/xml's EscapeText with line feeds kept as they are
// (excelize turns "&#xA;" back into "\n"). Text with nothing to escape is
// returned as it is.
func escapeText(s string) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x80 && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>' {
			i++ // the common case: printable ASCII
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			continue
		case '\r':
			esc = "&#xD;"
		default:
			if !inCharacterRange(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			continue
		}
		b = append(b, s[last:i-width]...)
		b = append(b, esc...)
		last = i
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// inCharacterRange is encoding/xml's test of a character XML may hold.
func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's: text that reads as an escaped character
// (_x0041_) is escaped itself, so that it stays as written.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// nanCell is excelize's text for a float it cannot write as a number.
func nanCell(v float64) xcell {
	if math.IsNaN(v) {
		return textCell("NaN")
	}
	if v > 0 {
		return textCell("+Inf")
	}
	return textCell("-Inf")
}

// numberCell is a float written as excelize's setCellFloat: text for NaN
// and ±Inf.
func numberCell(v float64) xcell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nanCell(v)
	}
	return floatCell(v)
}
