package pdf

import (
	"sort"
	"unicode/utf16"
)

// cmap is a parsed CMap stream: a ToUnicode map (code → text) or an
// encoding CMap (code → CID), with the code-space ranges that say how many
// bytes a code takes. Each font's CMaps are parsed once per document.
type cmap struct {
	space  []codeRange // code-space ranges, any length 1–4
	uni    map[uint32]string
	uniRng []uniRange // large bfranges kept as ranges
	cid    map[uint32]uint32
	cidRng []cidRange
}

type codeRange struct {
	n      int // bytes
	lo, hi uint32
}

type uniRange struct {
	lo, hi uint32
	base   []uint16 // UTF-16 of the first code; the last unit is incremented
}

type cidRange struct {
	lo, hi, cid uint32
}

// maxExpand is the largest bfrange expanded into the map; larger ranges are
// kept as ranges and searched.
const maxExpand = 1024

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func utf16Text(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // odd length: take the byte as a code unit
		u = append(u, uint16(s[len(s)-1]))
	}
	return string(utf16.Decode(u))
}

// parseCMap reads a CMap program (the decompressed stream). A malformed
// CMap yields what was read before the fault.
func parseCMap(data []byte) *cmap {
	m := &cmap{uni: map[uint32]string{}, cid: map[uint32]uint32{}}
	l := &lexer{b: data}
	l.run(func(op string, a []operand) {
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(a); i += 2 {
				lo, hi := a[i].s, a[i+1].s
				if len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
					continue
				}
				m.space = append(m.space, codeRange{len(lo), codeOf(lo), codeOf(hi)})
			}
		case "endbfchar":
			for i := 0; i+1 < len(a); i += 2 {
				src := a[i].s
				var dst string
				switch a[i+1].kind {
				case opStr:
					dst = utf16Text(a[i+1].s)
				case opName:
					dst = glyphText(a[i+1].s)
				}
				if src != "" {
					m.uni[codeOf(src)] = dst
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(a); i += 3 {
				lo, hi := codeOf(a[i].s), codeOf(a[i+1].s)
				if hi < lo || len(m.uni) > 1<<20 {
					continue
				}
				dst := a[i+2]
				if dst.kind == opArr {
					for k := 0; k < len(dst.arr) && lo+uint32(k) <= hi; k++ {
						m.uni[lo+uint32(k)] = utf16Text(dst.arr[k].s)
					}
					continue
				}
				base := utf16.Encode([]rune(utf16Text(dst.s)))
				if len(base) == 0 {
					continue
				}
				if hi-lo < maxExpand {
					for c := lo; c <= hi; c++ {
						u := append([]uint16(nil), base...)
						u[len(u)-1] += uint16(c - lo)
						m.uni[c] = string(utf16.Decode(u))
					}
				} else {
					m.uniRng = append(m.uniRng, uniRange{lo, hi, base})
				}
			}
		case "endcidchar":
			for i := 0; i+1 < len(a); i += 2 {
				m.cid[codeOf(a[i].s)] = uint32(a[i+1].num)
			}
		case "endcidrange":
			for i := 0; i+2 < len(a); i += 3 {
				lo, hi := codeOf(a[i].s), codeOf(a[i+1].s)
				if hi < lo {
					continue
				}
				m.cidRng = append(m.cidRng, cidRange{lo, hi, uint32(a[i+2].num)})
			}
		}
	})
	sort.Slice(m.space, func(i, j int) bool { return m.space[i].n < m.space[j].n })
	return m
}

// codeLen returns the byte length of the code at the start of s by the
// code-space ranges, or 0 when none matches.
func (m *cmap) codeLen(s string) int {
	for _, r := range m.space {
		if len(s) < r.n {
			continue
		}
		c := codeOf(s[:r.n])
		if r.lo <= c && c <= r.hi {
			return r.n
		}
	}
	return 0
}

func (m *cmap) text(code uint32) (string, bool) {
	if s, ok := m.uni[code]; ok {
		return s, true
	}
	for _, r := range m.uniRng {
		if r.lo <= code && code <= r.hi {
			u := append([]uint16(nil), r.base...)
			u[len(u)-1] += uint16(code - r.lo)
			return string(utf16.Decode(u)), true
		}
	}
	return "", false
}

func (m *cmap) cidOf(code uint32) (uint32, bool) {
	if c, ok := m.cid[code]; ok {
		return c, true
	}
	for _, r := range m.cidRng {
		if r.lo <= code && code <= r.hi {
			return r.cid + code - r.lo, true
		}
	}
	return 0, false
}
