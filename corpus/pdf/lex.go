package pdf

import (
	"strconv"
)

// Operand kinds of the content-stream lexer.
const (
	opNum = iota + 1
	opStr
	opName
	opArr
	opOther // dict, bool, null: kept only as a placeholder
)

// operand is one operand of a content-stream or CMap operator.
type operand struct {
	kind byte
	num  float64
	s    string // string bytes or name
	arr  []operand
}

// lexer tokenizes a PDF content stream or CMap: numbers, strings, names,
// arrays, dictionaries and operators. It never panics and always advances,
// so a malformed stream ends in bounded time.
type lexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// run calls do for every operator with its operands. Arrays nest up to a
// fixed depth.
func (l *lexer) run(do func(op string, args []operand)) {
	var stack []operand
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return
		}
		c := l.b[l.pos]
		switch {
		case c == '[':
			l.pos++
			stack = append(stack, operand{kind: opArr, arr: l.array(0)})
		case c == ']' || c == ')' || c == '>' || c == '{' || c == '}':
			l.pos++
		default:
			o, kw := l.value()
			if kw != "" {
				switch kw {
				case "true", "false", "null":
					stack = append(stack, operand{kind: opOther})
					continue
				case "BI":
					l.skipInlineImage()
					stack = stack[:0]
					continue
				}
				do(kw, stack)
				stack = stack[:0]
				continue
			}
			if len(stack) < 1024 {
				stack = append(stack, o)
			}
		}
	}
}

// array reads array elements up to the closing bracket.
func (l *lexer) array(depth int) []operand {
	var out []operand
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return out
		}
		c := l.b[l.pos]
		switch c {
		case ']':
			l.pos++
			return out
		case '[':
			l.pos++
			sub := l.array(depth + 1)
			if depth < 8 {
				out = append(out, operand{kind: opArr, arr: sub})
			}
		case ')', '>', '{', '}':
			l.pos++
		default:
			o, kw := l.value()
			if kw != "" {
				// an operator inside an array: malformed; end the array
				l.pos -= len(kw)
				return out
			}
			out = append(out, o)
		}
	}
}

// value reads one non-array token. It returns a keyword (operator) in kw.
func (l *lexer) value() (operand, string) {
	c := l.b[l.pos]
	switch {
	case c == '(':
		l.pos++
		return operand{kind: opStr, s: l.literal()}, ""
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.skipDict()
			return operand{kind: opOther}, ""
		}
		l.pos++
		return operand{kind: opStr, s: l.hex()}, ""
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return operand{kind: opName, s: unescapeName(l.b[start:l.pos])}, ""
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		start := l.pos
		l.pos++
		for l.pos < len(l.b) {
			d := l.b[l.pos]
			if d == '.' || (d >= '0' && d <= '9') || d == '-' || d == '+' {
				l.pos++
				continue
			}
			break
		}
		return operand{kind: opNum, num: parseNum(l.b[start:l.pos])}, ""
	}
	start := l.pos
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	if l.pos == start { // a stray delimiter
		l.pos++
		return operand{kind: opOther}, ""
	}
	return operand{}, string(l.b[start:l.pos])
}

func unescapeName(b []byte) string {
	for i := 0; i < len(b); i++ {
		if b[i] == '#' {
			out := make([]byte, 0, len(b))
			for j := 0; j < len(b); j++ {
				if b[j] == '#' && j+2 < len(b) {
					if v, err := strconv.ParseUint(string(b[j+1:j+3]), 16, 8); err == nil {
						out = append(out, byte(v))
						j += 2
						continue
					}
				}
				out = append(out, b[j])
			}
			return string(out)
		}
	}
	return string(b)
}

func (l *lexer) literal() string {
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *lexer) hex() string {
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
			half = false
		} else {
			hi = v
			half = true
		}
	}
	if half {
		out = append(out, hi<<4)
	}
	return string(out)
}

// skipDict skips a << … >> dictionary, nested ones included.
func (l *lexer) skipDict() {
	depth := 0
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
			depth++
			l.pos += 2
		case c == '>' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '>':
			depth--
			l.pos += 2
			if depth <= 0 {
				return
			}
		case c == '(':
			l.pos++
			l.literal()
		case c == '<':
			l.pos++
			l.hex()
		default:
			l.pos++
		}
	}
}

// skipInlineImage skips BI … ID <data> EI.
func (l *lexer) skipInlineImage() {
	for l.pos+1 < len(l.b) {
		if l.b[l.pos] == 'I' && l.b[l.pos+1] == 'D' && (l.pos == 0 || isSpace(l.b[l.pos-1])) &&
			(l.pos+2 >= len(l.b) || isSpace(l.b[l.pos+2])) {
			l.pos += 3
			break
		}
		l.pos++
	}
	for l.pos+1 < len(l.b) {
		if l.b[l.pos] == 'E' && l.b[l.pos+1] == 'I' && isSpace(l.b[l.pos-1]) &&
			(l.pos+2 >= len(l.b) || isSpace(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
	l.pos = len(l.b)
}

// parseNum reads a PDF number (sign, digits, one point) without allocating;
// anything odd goes to strconv, and garbage is 0.
func parseNum(b []byte) float64 {
	i, neg := 0, false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	var v float64
	scale := 0.0
	digits := 0
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if digits > 15 {
				f, err := strconv.ParseFloat(string(b), 64)
				if err != nil {
					return 0
				}
				return f
			}
			if scale > 0 {
				v += float64(c-'0') / scale
				scale *= 10
			} else {
				v = v*10 + float64(c-'0')
			}
		case c == '.' && scale == 0:
			scale = 10
		default:
			return 0 // "1-2", "--3": malformed
		}
	}
	if neg {
		v = -v
	}
	return v
}
