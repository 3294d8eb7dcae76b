package corpus

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Word's list numbering in a .doc ([MS-DOC] 2.9.147 PlfLst, 2.9.131
// PlfLfo): the list definitions (LSTF, each with 1 or 9 levels, LVL) and
// the list instances (LFO) that paragraphs name by ilfo (sprmPIlfo, 1-based)
// and ilvl (sprmPIlvl). They are read into the same structure as a .docx's
// numbering.xml, so labels are counted and rendered by numberState: an
// LSTF is an abstract list, an LFO a list instance (numId = ilfo).

const (
	docMaxLists  = 10000 // LSTFs and LFOs read
	docLVLFSize  = 28
	docLSTFSize  = 28
	docLFOSize   = 16
	docLFOLVLLen = 8
)

// docNfc names the MSONFC number formats ([MS-DOC] 2.2.1.3) by their
// numFmt equivalents, indexed by nfc; formatNumber renders those it knows.
var docNfc = [...]string{
	"decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter",
	"ordinal", "cardinalText", "ordinalText", "hex", "chicago",
	"ideographDigital", "japaneseCounting", "aiueo", "iroha", "decimalFullWidth",
	"decimalHalfWidth", "japaneseLegal", "japaneseDigitalTenThousand", "decimalEnclosedCircle", "decimalFullWidth2",
	"aiueoFullWidth", "irohaFullWidth", "decimalZero", "bullet", "ganada",
	"chosung", "decimalEnclosedFullstop", "decimalEnclosedParen", "decimalEnclosedCircleChinese", "ideographEnclosedCircle",
	"ideographTraditional", "ideographZodiac", "ideographZodiacTraditional", "taiwaneseCounting", "ideographLegalTraditional",
	"taiwaneseCountingThousand", "taiwaneseDigital", "chineseCounting", "chineseLegalSimplified", "chineseCountingThousand",
	"decimal", "koreanDigital", "koreanCounting", "koreanLegal", "koreanDigital2",
}

// readDocLists reads the list definitions and instances of the table
// stream; nil when there are none or they are damaged.
func readDocLists(table []byte, f *fib) *docxNumbering {
	lstStart, lstEnd := int(f.fcPlfLst), int(f.fcPlfLst)+int(f.lcbPlfLst)
	if f.lcbPlfLst < 2 || lstStart < 0 || lstEnd > len(table) || lstStart >= lstEnd {
		return nil
	}
	le := binary.LittleEndian
	n := &docxNumbering{abstract: map[int]*[9]numLevel{}, nums: map[int]*docxNum{}}
	plf := table[lstStart:lstEnd]
	cLst := int(int16(le.Uint16(plf)))
	if cLst <= 0 || cLst > docMaxLists || 2+cLst*docLSTFSize > len(plf) {
		return nil
	}
	byLsid := map[uint32]int{}
	pos := lstEnd // the LVLs follow the PlfLst
	for i := 0; i < cLst; i++ {
		lstf := plf[2+i*docLSTFSize:]
		lsid := le.Uint32(lstf)
		nlvl := 9
		if lstf[26]&1 != 0 { // fSimpleList
			nlvl = 1
		}
		levels := new([9]numLevel)
		for k := 0; k < nlvl; k++ {
			lvl, size, ok := parseDocLVL(table, pos)
			if !ok {
				return nil
			}
			levels[k] = lvl
			pos += size
		}
		n.abstract[i] = levels
		if _, dup := byLsid[lsid]; !dup {
			byLsid[lsid] = i
		}
	}
	readDocLFOs(table, f, n, byLsid)
	return n
}

// readDocLFOs reads the list instances: each names its list by lsid and
// may override the start of some levels (LFOLVL.fStartAt), which makes it
// a list counted on its own.
func readDocLFOs(table []byte, f *fib, n *docxNumbering, byLsid map[uint32]int) {
	le := binary.LittleEndian
	start, end := int(f.fcPlfLfo), int(f.fcPlfLfo)+int(f.lcbPlfLfo)
	if f.lcbPlfLfo < 4 || start < 0 || end > len(table) || start >= end {
		return
	}
	plf := table[start:end]
	cLfo := int(int32(le.Uint32(plf)))
	if cLfo <= 0 || cLfo > docMaxLists || 4+cLfo*docLFOSize > len(plf) {
		return
	}
	clfolvl := make([]int, cLfo)
	for i := 0; i < cLfo; i++ {
		lfo := plf[4+i*docLFOSize:]
		abs, ok := byLsid[le.Uint32(lfo)]
		if !ok {
			continue
		}
		clfolvl[i] = int(lfo[12])
		n.nums[i+1] = &docxNum{abstractID: abs, override: map[int]*numLevel{}}
	}
	// LFOData, parallel to the LFOs: a CP, then the LFOLVLs
	pos := start + 4 + cLfo*docLFOSize
	for i := 0; i < cLfo; i++ {
		pos += 4
		for k := 0; k < clfolvl[i] && k < 9; k++ {
			if pos+docLFOLVLLen > len(table) {
				return
			}
			at, flags := int(int32(le.Uint32(table[pos:]))), le.Uint32(table[pos+4:])
			pos += docLFOLVLLen
			ilvl := int(flags & 0xF)
			var lvl numLevel
			if flags&0x20 != 0 { // fFormatting: a whole LVL follows
				l, size, ok := parseDocLVL(table, pos)
				if !ok {
					return
				}
				lvl, pos = l, pos+size
			}
			num := n.nums[i+1]
			if num == nil || ilvl >= 9 {
				continue
			}
			if flags&0x10 != 0 { // fStartAt
				lvl.start = at
				num.restart = true
			}
			if lvl.defined || flags&0x10 != 0 {
				o := lvl
				num.override[ilvl] = &o
			}
		}
	}
}

// parseDocLVL reads one LVL at pos: the LVLF, the paragraph and character
// sprms it skips, and the level text (xst), whose characters 0x00–0x08
// stand for the numbers of levels 1–9 (rendered as %1–%9).
func parseDocLVL(table []byte, pos int) (numLevel, int, bool) {
	le := binary.LittleEndian
	if pos < 0 || pos+docLVLFSize+2 > len(table) {
		return numLevel{}, 0, false
	}
	lvlf := table[pos:]
	l := numLevel{start: int(int32(le.Uint32(lvlf))), defined: true}
	nfc := lvlf[4]
	switch {
	case int(nfc) < len(docNfc):
		l.fmt = docNfc[nfc]
	case nfc == 0xFF:
		l.fmt = "none"
	default:
		l.fmt = "nfc" + strconv.Itoa(int(nfc)) // unknown: formatNumber refuses it
	}
	l.isLgl = lvlf[5]&0x04 != 0
	switch lvlf[15] {
	case 1:
		l.suff = "space"
	case 2:
		l.suff = "nothing"
	}
	size := docLVLFSize + int(lvlf[25]) + int(lvlf[24]) // grpprlPapx, grpprlChpx
	if pos+size+2 > len(table) {
		return numLevel{}, 0, false
	}
	cch := int(le.Uint16(table[pos+size:]))
	size += 2
	if cch > 255 || pos+size+2*cch > len(table) {
		return numLevel{}, 0, false
	}
	u := make([]uint16, cch)
	for i := range u {
		u[i] = le.Uint16(table[pos+size+2*i:])
	}
	size += 2 * cch
	var b strings.Builder
	for _, r := range utf16.Decode(u) {
		if r <= 8 {
			b.WriteString("%" + strconv.Itoa(int(r)+1))
			continue
		}
		b.WriteRune(r)
	}
	l.text = b.String()
	return l, size, true
}
