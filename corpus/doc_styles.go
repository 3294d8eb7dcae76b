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
	out := map[int]int{}
	eachStyle(table, f, func(istd int, std []byte, cbBase int) {
		if sti := int(binary.LittleEndian.Uint16(std) & 0x0FFF); sti >= 1 && sti <= 9 {
			out[istd] = sti
			return
		}
		if m := reHeadingStyle.FindStringSubmatch(styleName(std, cbBase)); m != nil {
			out[istd], _ = strconv.Atoi(m[1])
		}
	})
	return out
}

// eachStyle calls fn for every style (STD, at least 4 bytes) of the style
// sheet with its index and the size of its base (cbSTDBaseInFile).
func eachStyle(table []byte, f *fib, fn func(istd int, std []byte, cbBase int)) {
	le := binary.LittleEndian
	start, end := int(f.fcStshf), int(f.fcStshf)+int(f.lcbStshf)
	if f.lcbStshf < 4 || start < 0 || end > len(table) || start >= end {
		return
	}
	sh := table[start:end]
	cbStshi := int(le.Uint16(sh))
	if 2+cbStshi > len(sh) || cbStshi < 4 {
		return
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
		if len(std) >= 4 {
			fn(istd, std, cbBase)
		}
	}
}

// docStyleList is the list numbering a paragraph style gives its
// paragraphs (sprmPIlfo, sprmPIlvl in its paragraph properties).
type docStyleList struct {
	ilfo, ilvl int
	hasIlfo    bool
}

// styleLists reads the list numbering of the paragraph styles, each
// inheriting its base style's when it has none of its own.
func styleLists(table []byte, f *fib) map[int]docStyleList {
	le := binary.LittleEndian
	own := map[int]docStyleList{}
	base := map[int]int{}
	eachStyle(table, f, func(istd int, std []byte, cbBase int) {
		if std[2]&0x0F != 1 { // stk: paragraph styles only
			return
		}
		base[istd] = int(le.Uint16(std[2:]) >> 4)
		p := cbBase
		if cbBase <= 0 || p+2 > len(std) {
			return
		}
		p += 2 + 2*int(le.Uint16(std[p:])) + 2 // xstzName, with its terminator
		if p+2 > len(std) {
			return
		}
		cb := int(le.Uint16(std[p:])) // the first UPX: UpxPapx (istd, grpprl)
		if cb < 2 || p+2+cb > len(std) {
			return
		}
		if pp := paraSprms(std[p+4 : p+2+cb]); pp.hasIlfo {
			own[istd] = docStyleList{ilfo: pp.ilfo, ilvl: pp.ilvl, hasIlfo: true}
		}
	})
	out := map[int]docStyleList{}
	for istd := range base {
		at := istd
		for hop := 0; hop < 10; hop++ {
			if sl, ok := own[at]; ok {
				if sl.ilfo > 0 {
					out[istd] = sl
				}
				break
			}
			b, ok := base[at]
			if !ok || b == at || b == 0x0FFF {
				break
			}
			at = b
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
