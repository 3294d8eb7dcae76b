package corpus

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/richardlehane/mscfb"

	"policyx/schema"
)

// decodeDOC reads a legacy Word 97–2003 binary file (.doc, .dot, and the
// .wps files of WPS Office, which write the same format): the OLE2
// compound file, the File Information Block, the piece table (CLX) with
// its 8-bit (compressed) and UTF-16 pieces, and the paragraph properties
// (PAPX) that mark table rows. Only the main document text is read:
// footnotes, headers, comments and text boxes are separate stories.
//
// Paragraph marks end paragraphs; cell marks (0x07) end table cells, and
// the paragraph whose properties say "row end" (sprmPFTtp) ends a row. The
// rows go through the same table code as DOCX (spans from the cell
// boundaries, vertical merges repeated, layout tables read as text, caption
// rows split off), so tables, targets and tasks come out the same. Of a
// field (0x13 instruction 0x14 result 0x15) the result is kept. Pictures,
// drawn objects, note references and other special characters are dropped.
//
// Blocks carry Page 0, as for DOCX.
func decodeDOC(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	if !isOLE(data) {
		if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			return nil, nil, errors.New("not a Word 97-2003 file: a zip archive (a .docx?), rename it .docx")
		}
		if bytes.HasPrefix(data, []byte("{\\rtf")) {
			return nil, nil, errors.New("not a Word 97-2003 file: an RTF file, convert it to .docx")
		}
		return nil, nil, errors.New("not a Word 97-2003 file (no OLE2 compound-file signature): damaged, or an old WPS format")
	}
	st, err := docStreams(data, lim)
	if err != nil {
		return nil, nil, err
	}
	f, err := parseFIB(st.word)
	if err != nil {
		return nil, nil, err
	}
	table := st.table0
	if f.whichTable {
		table = st.table1
	}
	if table == nil {
		return nil, nil, fmt.Errorf("damaged Word file: no %dTable stream", map[bool]int{false: 0, true: 1}[f.whichTable])
	}
	pieces, err := readPieces(st.word, table, f)
	if err != nil {
		return nil, nil, err
	}
	var diags []schema.Diagnostic
	warn := func(format string, a ...any) {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "doc", Message: fmt.Sprintf(format, a...)})
	}
	text, fcs, cut := docText(st.word, pieces, f.ccpText, lim)
	if cut {
		warn("text longer than the limit cut")
	}
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	props, perr := readPAPX(st.word, table, f)
	if perr != nil {
		warn("paragraph properties unreadable (%v): table rows guessed", perr)
	}
	b := &docBuilder{ctx: ctx, props: props, guessRows: perr != nil || props.empty()}
	b.p = &docxParser{ctx: ctx, lim: lim, num: newNumberState(readDocLists(table, f)), part: "WordDocument", cells: docxMaxCells}
	b.run(text, fcs)
	diags = append(diags, b.p.diags...)
	return b.p.blocks, diags, nil
}

// docStreamSet holds the streams of a Word file that are read.
type docStreamSet struct {
	word, table0, table1 []byte
}

// docStreams reads the WordDocument and table streams of the compound
// file, each capped at Limits.MaxZipEntry.
func docStreams(data []byte, lim Limits) (*docStreamSet, error) {
	if bytes.Contains(data, utf16le("EncryptedPackage")) {
		return nil, errors.New("encrypted: password required (save it without a password)")
	}
	if err := cfbCounts(data); err != nil {
		return nil, fmt.Errorf("damaged compound (OLE2) file: %w", err)
	}
	cf, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("damaged compound (OLE2) file: %v", err)
	}
	st := &docStreamSet{}
	max := lim.MaxZipEntry
	if max <= 0 {
		max = DefaultLimits.MaxZipEntry
	}
	names := 0
	for e, err := cf.Next(); err == nil; e, err = cf.Next() {
		if names++; names > 100000 {
			break
		}
		var dst *[]byte
		switch e.Name {
		case "WordDocument":
			dst = &st.word
		case "0Table":
			dst = &st.table0
		case "1Table":
			dst = &st.table1
		default:
			continue
		}
		if len(e.Path) > 0 || *dst != nil {
			continue // a stream of an embedded object, or a second copy
		}
		if e.Size > max {
			return nil, fmt.Errorf("stream %s exceeds %s", e.Name, byteSize(max))
		}
		b, err := io.ReadAll(io.LimitReader(e, max+1))
		if err != nil {
			return nil, fmt.Errorf("damaged compound (OLE2) file: stream %s: %v", e.Name, err)
		}
		*dst = b
	}
	if st.word == nil {
		if st.table0 == nil && st.table1 == nil {
			return nil, errors.New("not a Word document: an OLE2 file without a WordDocument stream (an Excel or PowerPoint file?)")
		}
		return nil, errors.New("damaged Word file: no WordDocument stream")
	}
	return st, nil
}

// fib is what is read of the File Information Block.
type fib struct {
	nFib       uint16
	whichTable bool // text tables in 1Table (else 0Table)
	ccpText    int  // characters of the main document
	fcClx      uint32
	lcbClx     uint32
	fcPapx     uint32 // PlcBtePapx
	lcbPapx    uint32
	fcStshf    uint32 // the style sheet (STSH)
	lcbStshf   uint32
	fcPlfLst   uint32 // list definitions (PlfLst, then their LVLs)
	lcbPlfLst  uint32
	fcPlfLfo   uint32 // list instances (PlfLfo)
	lcbPlfLfo  uint32
}

// parseFIB reads the FIB at the start of the WordDocument stream.
func parseFIB(w []byte) (*fib, error) {
	le := binary.LittleEndian
	if len(w) < 34 || le.Uint16(w) != 0xA5EC {
		if len(w) >= 2 && le.Uint16(w) == 0xA5DC {
			return nil, errors.New("Word 6/95 format not supported: save it as .docx")
		}
		return nil, errors.New("damaged Word file: no File Information Block")
	}
	f := &fib{nFib: le.Uint16(w[2:])}
	flags := le.Uint16(w[10:])
	if flags&0x0100 != 0 || flags&0x8000 != 0 {
		return nil, errors.New("encrypted: password required (save it without a password)")
	}
	if f.nFib < 101 {
		return nil, fmt.Errorf("Word 6/95 format (nFib %d) not supported: save it as .docx", f.nFib)
	}
	f.whichTable = flags&0x0200 != 0
	pos := 32
	csw := int(le.Uint16(w[pos:]))
	pos += 2 + 2*csw
	if pos+2 > len(w) {
		return nil, errors.New("damaged Word file: short FIB")
	}
	cslw := int(le.Uint16(w[pos:]))
	lw := pos + 2
	pos = lw + 4*cslw
	if cslw < 4 || pos+2 > len(w) {
		return nil, errors.New("damaged Word file: short FIB")
	}
	f.ccpText = int(int32(le.Uint32(w[lw+12:])))
	cb := int(le.Uint16(w[pos:]))
	blob := pos + 2
	pair := func(i int) (uint32, uint32) {
		o := blob + 8*i
		if i >= cb || o+8 > len(w) {
			return 0, 0
		}
		return le.Uint32(w[o:]), le.Uint32(w[o+4:])
	}
	f.fcClx, f.lcbClx = pair(33)
	f.fcPapx, f.lcbPapx = pair(13)
	f.fcStshf, f.lcbStshf = pair(1)
	f.fcPlfLst, f.lcbPlfLst = pair(73)
	f.fcPlfLfo, f.lcbPlfLfo = pair(74)
	if f.ccpText < 0 || f.lcbClx == 0 {
		return nil, errors.New("damaged Word file: no piece table")
	}
	return f, nil
}

// piece is one run of the piece table: CPs [cp, cpEnd) stored at byte fc
// of the WordDocument stream, 8-bit when compressed, else UTF-16LE.
type piece struct {
	cp, cpEnd  int
	fc         int
	compressed bool
}

// readPieces reads the piece table from the CLX.
func readPieces(w, table []byte, f *fib) ([]piece, error) {
	le := binary.LittleEndian
	start, end := int(f.fcClx), int(f.fcClx)+int(f.lcbClx)
	if start < 0 || end > len(table) || start >= end {
		return nil, errors.New("damaged Word file: piece table outside the table stream")
	}
	clx := table[start:end]
	for i := 0; i < len(clx); {
		switch clx[i] {
		case 0x01: // Prc: property modifiers, skipped
			if i+3 > len(clx) {
				return nil, errors.New("damaged Word file: bad piece table")
			}
			i += 3 + int(int16(le.Uint16(clx[i+1:])))
		case 0x02:
			if i+5 > len(clx) {
				return nil, errors.New("damaged Word file: bad piece table")
			}
			lcb := int(le.Uint32(clx[i+1:]))
			plc := clx[i+5:]
			if lcb < 16 || lcb > len(plc) || (lcb-4)%12 != 0 {
				return nil, errors.New("damaged Word file: bad piece table")
			}
			n := (lcb - 4) / 12
			ps := make([]piece, 0, n)
			for k := 0; k < n; k++ {
				cp, cpEnd := int(le.Uint32(plc[4*k:])), int(le.Uint32(plc[4*k+4:]))
				raw := le.Uint32(plc[4*(n+1)+8*k+2:])
				p := piece{cp: cp, cpEnd: cpEnd, fc: int(raw & 0x3FFFFFFF), compressed: raw&0x40000000 != 0}
				if p.compressed {
					p.fc /= 2
				}
				if cpEnd > cp {
					ps = append(ps, p)
				}
			}
			return ps, nil
		default:
			return nil, errors.New("damaged Word file: bad piece table")
		}
	}
	return nil, errors.New("damaged Word file: no piece descriptors")
}

// cfbCounts checks the sector counts of a compound file's header against
// the file's size before mscfb reads it: mscfb sizes its tables by them
// (a directory of 4,294,967,295 sectors asked for 34 GB, from a 6 KB
// file), and every sector counted must be in the file.
func cfbCounts(data []byte) error {
	if len(data) < 512 {
		return nil // mscfb refuses it
	}
	shift := binary.LittleEndian.Uint16(data[30:32])
	if shift != 9 && shift != 12 {
		return nil // mscfb refuses it
	}
	sectors := uint64(len(data)>>shift) + 1
	for _, f := range []struct {
		name string
		at   int
	}{{"directory", 40}, {"FAT", 44}, {"mini FAT", 64}, {"DIFAT", 72}} {
		if n := uint64(binary.LittleEndian.Uint32(data[f.at : f.at+4])); n > sectors {
			return fmt.Errorf("header counts %d %s sectors, the file holds %d", n, f.name, sectors-1)
		}
	}
	return nil
}
