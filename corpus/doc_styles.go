package corpus

import (
	"encoding/binary"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// reHeadingStyle is the name of a heading style: Heading 1, 标题 2.
var reHeadingStyle = regexp.MustCompile(`^(?i:heading|标题)\s*([1-9])$`)

// headingStyles reads the style sheet (STSH) for the heading level (1–9)
// of each style index that is a heading style: a built-in one (sti 1–9)
// or one named Heading N or 标题 N. A damaged style sheet gives none.
func headingStyles(table []byte, f *fib) map[int]int {
	le := binary.LittleEndian
	out := map[int]int{}
	start, end := int(f.fcStshf), int(f.fcStshf)+int(f.lcbStshf)
	if f.lcbStshf < 4 || start < 0 || end > len(table) || start >= end {
		return out
	}
	sh := table[start:end]
	cbStshi := int(le.Uint16(sh))
	if 2+cbStshi > len(sh) || cbStshi < 4 {
		return out
	}
	cstd := int(le.Uint16(sh[2:]))
	cbBase := int(le.Uint16(sh[4:]))
	pos := 2 + cbStshi
	for istd := 0; istd < cstd && istd < 4096 && pos+2 <= len(sh); istd++ {
		cb := int(le.Uint16(sh[pos:]))
		pos += 2
		if cb == 0 {
			continue
		}
		if pos+cb > len(sh) {
			break
		}
		std := sh[pos : pos+cb]
		pos += cb
		if len(std) < 2 {
			continue
		}
		if sti := int(le.Uint16(std) & 0x0FFF); sti >= 1 && sti <= 9 {
			out[istd] = sti
			continue
		}
		if m := reHeadingStyle.FindStringSubmatch(styleName(std, cbBase)); m != nil {
			out[istd], _ = strconv.Atoi(m[1])
		}
	}
	return out
}

// styleName is the name of a style (STD): after its base (cbBase bytes), a
// count of UTF-16 characters and the characters.
func styleName(std []byte, cbBase int) string {
	if cbBase <= 0 || cbBase+2 > len(std) {
		return ""
	}
	n := int(binary.LittleEndian.Uint16(std[cbBase:]))
	p := cbBase + 2
	if n == 0 || p+2*n > len(std) {
		return ""
	}
	u := make([]uint16, n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(std[p+2*i:])
	}
	return string(utf16.Decode(u))
}
