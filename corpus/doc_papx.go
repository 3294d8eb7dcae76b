package corpus

import (
	"encoding/binary"
	"errors"
	"sort"
)

// papx is what is read of one paragraph's properties.
type papx struct {
	inTable  bool
	ttp      bool // row end mark (sprmPFTtp)
	innerTtp bool // row end of a nested table (flattened)
	outline  int  // sprmPOutLvl 0–8, -1 none
	istd     int  // the paragraph's style
	ilfo     int  // list instance (sprmPIlfo), 0 none
	ilvl     int  // list level (sprmPIlvl)
	hasIlfo  bool // ilfo set by the paragraph, not its style
	hasIlvl  bool
	edges    []int
	cells    []docCellFlags
}

// docCellFlags are the merge flags of one cell (TC80.tcgrf): horz 1 first
// of a horizontal merge, 2 merged into the previous cell; vert 3 first of
// a vertical merge, 1 merged with the cell above.
type docCellFlags struct{ horz, vert int }

// docProps maps stream offsets to paragraph properties.
type docProps struct {
	runs []papxRun
}

type papxRun struct {
	fc, fcEnd int
	pp        papx
}

func (d *docProps) empty() bool { return d == nil || len(d.runs) == 0 }

// at returns the properties of the paragraph holding the character at fc.
func (d *docProps) at(fc int) papx {
	if d == nil {
		return papx{outline: -1}
	}
	i := sort.Search(len(d.runs), func(i int) bool { return d.runs[i].fcEnd > fc })
	if i < len(d.runs) && d.runs[i].fc <= fc {
		return d.runs[i].pp
	}
	return papx{outline: -1}
}

// readPAPX reads the paragraph properties: the PlcBtePapx in the table
// stream points to 512-byte pages (FKPs) of the WordDocument stream, each
// mapping stream ranges to property lists (sprms).
func readPAPX(w, table []byte, f *fib) (*docProps, error) {
	le := binary.LittleEndian
	start, end := int(f.fcPapx), int(f.fcPapx)+int(f.lcbPapx)
	if f.lcbPapx == 0 {
		return &docProps{}, nil
	}
	if start < 0 || end > len(table) || start >= end || (end-start-4)%8 != 0 {
		return nil, errors.New("paragraph property table outside the table stream")
	}
	plc := table[start:end]
	n := (len(plc) - 4) / 8
	d := &docProps{}
	seen := map[int]bool{}
	for k := 0; k < n; k++ {
		pn := int(le.Uint32(plc[4*(n+1)+4*k:]) & 0x3FFFFF)
		if seen[pn] {
			continue
		}
		seen[pn] = true
		off := pn * 512
		if off+512 > len(w) {
			return d, errors.New("paragraph property page outside the document stream")
		}
		fkp := w[off : off+512]
		crun := int(fkp[511])
		if 4*(crun+1)+13*crun > 511 {
			continue
		}
		for i := 0; i < crun; i++ {
			run := papxRun{fc: int(le.Uint32(fkp[4*i:])), fcEnd: int(le.Uint32(fkp[4*i+4:])), pp: papx{outline: -1}}
			if bo := int(fkp[4*(crun+1)+13*i]) * 2; bo > 0 && bo < 511 {
				run.pp = parsePapx(fkp, bo)
			}
			d.runs = append(d.runs, run)
		}
		if len(d.runs) > 1_000_000 {
			break
		}
	}
	sort.SliceStable(d.runs, func(i, j int) bool { return d.runs[i].fc < d.runs[j].fc })
	// a paragraph of a heading style without an outline level of its own
	// is a heading of the style's level
	levels := headingStyles(table, f)
	// a paragraph of a list style without a list of its own is numbered
	// by the style's list
	lists := styleLists(table, f)
	for i := range d.runs {
		pp := &d.runs[i].pp
		if pp.outline < 0 && levels[pp.istd] > 0 {
			pp.outline = levels[pp.istd] - 1
		}
		if sl, ok := lists[pp.istd]; ok && !pp.hasIlfo {
			pp.ilfo = sl.ilfo
			if !pp.hasIlvl {
				pp.ilvl = sl.ilvl
			}
		}
	}
	return d, nil
}

// parsePapx reads a PapxInFkp at offset bo of an FKP: a size, the style
// index and the sprms.
func parsePapx(fkp []byte, bo int) papx {
	pp := papx{outline: -1}
	cb := int(fkp[bo])
	var g []byte
	if cb != 0 {
		g = fkp[bo+1 : min(511, bo+1+2*cb-1)]
	} else if bo+1 < 511 {
		g = fkp[bo+2 : min(511, bo+2+2*int(fkp[bo+1]))]
	}
	if len(g) < 2 {
		return pp
	}
	istd := int(binary.LittleEndian.Uint16(g))
	pp = paraSprms(g[2:])
	pp.istd = istd
	return pp
}

// paraSprms reads the paragraph properties policyx uses from a grpprl (a
// paragraph's or a paragraph style's).
func paraSprms(g []byte) papx {
	pp := papx{outline: -1}
	eachSprm(g, func(op uint16, arg []byte) {
		switch op {
		case 0x2416:
			pp.inTable = len(arg) > 0 && arg[0] != 0
		case 0x2417:
			pp.ttp = len(arg) > 0 && arg[0] != 0
		case 0x244C:
			pp.innerTtp = len(arg) > 0 && arg[0] != 0
		case 0x460B:
			if len(arg) == 2 {
				pp.ilfo, pp.hasIlfo = int(int16(binary.LittleEndian.Uint16(arg))), true
			}
		case 0x260A:
			if len(arg) > 0 {
				pp.ilvl, pp.hasIlvl = int(arg[0]), true
			}
		case 0x2640:
			if len(arg) > 0 {
				pp.outline = int(arg[0])
			}
		case 0xD608:
			pp.edges, pp.cells = tableDef(arg)
		}
	})
	return pp
}

// eachSprm calls fn for every property modifier of a grpprl with its
// operand.
func eachSprm(g []byte, fn func(op uint16, arg []byte)) {
	le := binary.LittleEndian
	for i := 0; i+2 <= len(g); {
		op := le.Uint16(g[i:])
		i += 2
		n := 0
		switch op >> 13 {
		case 0, 1:
			n = 1
		case 2, 4, 5:
			n = 2
		case 3:
			n = 4
		case 7:
			n = 3
		case 6:
			switch {
			case op == 0xD608 || op == 0xD606: // table definitions: 2-byte size
				if i+2 > len(g) {
					return
				}
				n = 2 + int(le.Uint16(g[i:])) - 1
			case i < len(g) && g[i] == 255 && op == 0xC615:
				return // sprmPChgTabs with its long form: rest unread
			case i < len(g):
				n = 1 + int(g[i])
			default:
				return
			}
		}
		if n < 0 || i+n > len(g) {
			return
		}
		fn(op, g[i:i+n])
		i += n
	}
}

// tableDef reads sprmTDefTable: the cell boundaries of a row (twips) and
// each cell's merge flags.
func tableDef(arg []byte) ([]int, []docCellFlags) {
	le := binary.LittleEndian
	if len(arg) < 3 {
		return nil, nil
	}
	a := arg[2:] // after the size
	nc := int(a[0])
	if nc == 0 || 1+2*(nc+1) > len(a) {
		return nil, nil
	}
	edges := make([]int, nc+1)
	for i := range edges {
		edges[i] = int(int16(le.Uint16(a[1+2*i:])))
	}
	tcs := a[1+2*(nc+1):]
	var cells []docCellFlags
	for i := 0; i < nc && 20*i+2 <= len(tcs); i++ {
		g := le.Uint16(tcs[20*i:])
		cells = append(cells, docCellFlags{horz: int(g & 3), vert: int(g>>5) & 3})
	}
	return edges, cells
}
