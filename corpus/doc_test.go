package corpus

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"policyx/schema"
)

// cfbOf writes a minimal OLE2 compound file (version 3, 512-byte sectors)
// holding the given streams, each padded to 4096 bytes so none goes to the
// mini stream.
func cfbOf(streams map[string][]byte) []byte {
	le := binary.LittleEndian
	names := make([]string, 0, len(streams))
	for n := range streams {
		names = append(names, n)
	}
	// directory siblings must be ordered: shorter names first, then by
	// upper-case name
	sortNames(names)
	var body [][]byte // sectors after FAT and directory
	starts := make([]int, len(names))
	sizes := make([]int, len(names))
	for i, n := range names {
		d := streams[n]
		if len(d) < 4096 {
			d = append(append([]byte{}, d...), make([]byte, 4096-len(d))...)
		}
		if len(d)%512 != 0 {
			d = append(d, make([]byte, 512-len(d)%512)...)
		}
		starts[i] = 2 + len(body)
		sizes[i] = len(d)
		for k := 0; k < len(d); k += 512 {
			body = append(body, d[k:k+512])
		}
	}
	const end, fatSect, free = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
	fat := make([]byte, 512)
	for i := range 128 {
		le.PutUint32(fat[4*i:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], end) // directory: one sector
	for i := range names {
		n := sizes[i] / 512
		for k := 0; k < n; k++ {
			next := uint32(starts[i] + k + 1)
			if k == n-1 {
				next = end
			}
			le.PutUint32(fat[4*(starts[i]+k):], next)
		}
	}
	dir := make([]byte, 512)
	entry := func(i int, name string, typ byte, left, right, child uint32, start, size int) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], left)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], uint32(start))
		le.PutUint32(e[120:], uint32(size))
	}
	entry(0, "Root Entry", 5, free, free, 1, end, 0)
	for i, n := range names {
		right := uint32(free)
		if i+1 < len(names) {
			right = uint32(i + 2)
		}
		entry(i+1, n, 2, free, right, free, starts[i], sizes[i])
	}
	hdr := make([]byte, 512)
	copy(hdr, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(hdr[24:], 0x3E)
	le.PutUint16(hdr[26:], 3)
	le.PutUint16(hdr[28:], 0xFFFE)
	le.PutUint16(hdr[30:], 9)
	le.PutUint16(hdr[32:], 6)
	le.PutUint32(hdr[44:], 1) // FAT sectors
	le.PutUint32(hdr[48:], 1) // first directory sector
	le.PutUint32(hdr[56:], 4096)
	le.PutUint32(hdr[60:], end)
	le.PutUint32(hdr[68:], end)
	for i := range 109 {
		le.PutUint32(hdr[76+4*i:], free)
	}
	le.PutUint32(hdr[76:], 0)
	out := append(append(hdr, fat...), dir...)
	for _, s := range body {
		out = append(out, s...)
	}
	return out
}

func sortNames(n []string) {
	for i := 1; i < len(n); i++ {
		for j := i; j > 0 && (len(n[j]) < len(n[j-1]) || len(n[j]) == len(n[j-1]) && strings.ToUpper(n[j]) < strings.ToUpper(n[j-1])); j-- {
			n[j], n[j-1] = n[j-1], n[j]
		}
	}
}

// docPara is one paragraph of a test .doc: its text (without its mark),
// its mark (0x0D, or 0x07 for a cell or row end) and its property sprms.
type docPara struct {
	text  string
	mark  rune
	sprms []byte
}

// sprm helpers
func sprmInTable() []byte { return []byte{0x16, 0x24, 1} }
func sprmTtp() []byte     { return []byte{0x17, 0x24, 1} }

// sprmTDef is sprmTDefTable for cells with the given boundaries (twips)
// and vertical merge flags (0 none, 3 first, 1 continued).
func sprmTDef(edges []int, vmerge []int) []byte {
	le := binary.LittleEndian
	nc := len(edges) - 1
	op := []byte{0x08, 0xD6, 0, 0}
	body := []byte{byte(nc)}
	for _, e := range edges {
		body = le.AppendUint16(body, uint16(int16(e)))
	}
	for i := 0; i < nc; i++ {
		tc := make([]byte, 20)
		if i < len(vmerge) {
			le.PutUint16(tc, uint16(vmerge[i]<<5))
		}
		body = append(body, tc...)
	}
	le.PutUint16(op[2:], uint16(len(body)+1))
	return append(op, body...)
}

// docOf builds a Word 97 binary file of paragraphs (UTF-16 text in one
// piece, or 8-bit when compressed), with flags added to the FIB's.
func docOf(paras []docPara, compressed bool, flags uint16) []byte {
	return docWithLists(paras, compressed, flags, nil, nil, nil)
}

// docWithLists is docOf with list definitions (a PlfLst followed by its
// LVLs: lst; a PlfLfo with its LFOData: lfo) in the table stream.
func docWithLists(paras []docPara, compressed bool, flags uint16, lst, lvls, lfo []byte) []byte {
	le := binary.LittleEndian
	var text []rune
	type run struct {
		cpStart, cpEnd int
		sprms          []byte
	}
	var runs []run
	for _, p := range paras {
		s := len(text)
		text = append(text, []rune(p.text)...)
		text = append(text, p.mark)
		runs = append(runs, run{s, len(text), p.sprms})
	}
	const textAt = 0x800
	word := make([]byte, textAt)
	cw := 2
	if compressed {
		cw = 1
	}
	for _, r := range text {
		if compressed {
			word = append(word, byte(r))
		} else {
			word = le.AppendUint16(word, uint16(r))
		}
	}
	for len(word)%512 != 0 {
		word = append(word, 0)
	}
	// paragraph properties: one FKP page per paragraph, so that none
	// overflows
	fkpAt := len(word)
	for _, r := range runs {
		fkp := make([]byte, 512)
		le.PutUint32(fkp[0:], uint32(textAt+cw*r.cpStart))
		le.PutUint32(fkp[4:], uint32(textAt+cw*r.cpEnd))
		papx := append([]byte{0, 0}, r.sprms...) // istd 0
		if len(papx)%2 == 1 {
			papx = append(papx, 0)
		}
		top := (511 - 2 - len(papx)) &^ 1
		fkp[top+1] = byte(len(papx) / 2)
		copy(fkp[top+2:], papx)
		fkp[8] = byte(top / 2)
		fkp[511] = 1
		word = append(word, fkp...)
	}
	// FIB
	le.PutUint16(word[0:], 0xA5EC)
	le.PutUint16(word[2:], 0xC1)
	le.PutUint16(word[10:], 0x0200|flags) // 1Table
	le.PutUint16(word[32:], 14)
	lw := 34 + 28 + 2
	le.PutUint16(word[34+28:], 22)
	le.PutUint32(word[lw+12:], uint32(len(text)))
	blob := lw + 88 + 2
	le.PutUint16(word[lw+88:], 93)
	// table stream: CLX then PlcBtePapx
	var table []byte
	clxAt := len(table)
	fc := uint32(textAt)
	if compressed {
		fc = uint32(textAt*2) | 0x40000000
	}
	plc := le.AppendUint32(nil, 0)
	plc = le.AppendUint32(plc, uint32(len(text)))
	pcd := make([]byte, 8)
	le.PutUint32(pcd[2:], fc)
	plc = append(plc, pcd...)
	table = append(table, 2)
	table = le.AppendUint32(table, uint32(len(plc)))
	table = append(table, plc...)
	clxLen := len(table) - clxAt
	papxAt := len(table)
	for _, r := range runs {
		table = le.AppendUint32(table, uint32(textAt+cw*r.cpStart))
	}
	table = le.AppendUint32(table, uint32(textAt+cw*len(text)))
	for i := range runs {
		table = le.AppendUint32(table, uint32(fkpAt/512+i))
	}
	pair := func(i int, off, n int) {
		le.PutUint32(word[blob+8*i:], uint32(off))
		le.PutUint32(word[blob+8*i+4:], uint32(n))
	}
	pair(33, clxAt, clxLen)
	pair(13, papxAt, len(table)-papxAt)
	if lst != nil {
		pair(73, len(table), len(lst))
		table = append(append(table, lst...), lvls...)
		pair(74, len(table), len(lfo))
		table = append(table, lfo...)
	}
	return cfbOf(map[string][]byte{"WordDocument": word, "1Table": table})
}

func blockTexts(blocks []schema.Block) []string {
	var out []string
	for _, b := range blocks {
		if b.Kind == schema.BlockTable {
			var rows []string
			for _, r := range b.Rows {
				rows = append(rows, strings.Join(r, "|"))
			}
			out = append(out, "T:"+strings.Join(rows, "/"))
			continue
		}
		out = append(out, b.Text)
	}
	return out
}

func TestDecodeDOCParagraphsAndFields(t *testing.T) {
	paras := []docPara{
		{text: "关于印发实施方案的通知", mark: 0x0D},
		{text: "一、总体要求\u0013 PAGEREF _Toc1 \\h \u00143\u0015", mark: 0x0D},
		{text: "到2025年，完成改造\u0001100\u0008个。\u000b第二行", mark: 0x0D},
		{text: "", mark: 0x0D},
	}
	for _, compressed := range []bool{false, true} {
		ps := paras
		if compressed {
			ps = []docPara{{text: "Plan 2025: 100 sites", mark: 0x0D}, {text: "caf\u00e9 \u0093ok\u0094", mark: 0x0D}}
		}
		// compressed text is cp1252: 0x93/0x94 are curly quotes
		blocks, _, err := decodeDOC(context.Background(), docOf(ps, compressed, 0), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"关于印发实施方案的通知", "一、总体要求3", "到2025年，完成改造100个。\n第二行"}
		if compressed {
			want = []string{"Plan 2025: 100 sites", "café \u201cok\u201d"}
		}
		if got := blockTexts(blocks); !reflect.DeepEqual(got, want) {
			t.Errorf("compressed %v: %q\nwant %q", compressed, got, want)
		}
	}
}

func TestDecodeDOCTable(t *testing.T) {
	row := func(vm ...int) []byte {
		return append(append(sprmInTable(), sprmTtp()...), sprmTDef([]int{0, 1000, 3000, 5000}, vm)...)
	}
	cell := func(s string) docPara { return docPara{text: s, mark: 0x07, sprms: sprmInTable()} }
	paras := []docPara{
		{text: "附件1", mark: 0x0D},
		cell("序号"), cell("任务"), cell("牵头单位"), {mark: 0x07, sprms: row()},
		cell("1"), {text: "推进", mark: 0x0D, sprms: sprmInTable()}, cell("改造"), cell("市发展改革委"), {mark: 0x07, sprms: row(0, 0, 3)},
		cell("2"), cell("建设"), cell(""), {mark: 0x07, sprms: row(0, 0, 1)},
		{text: "表后文字", mark: 0x0D},
	}
	blocks, _, err := decodeDOC(context.Background(), docOf(paras, false, 0), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"附件1", "T:序号|任务|牵头单位/1|推进改造|市发展改革委/2|建设|市发展改革委", "表后文字"}
	if got := blockTexts(blocks); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestDecodeDOCRefuses(t *testing.T) {
	good := docOf([]docPara{{text: "正文", mark: 0x0D}}, false, 0)
	cases := []struct {
		data []byte
		want string
	}{
		{docOf([]docPara{{text: "正文", mark: 0x0D}}, false, 0x0100), "encrypted: password required"},
		{[]byte("PK\x03\x04rest"), "not a Word 97-2003 file: a zip archive"},
		{[]byte("plain text"), "not a Word 97-2003 file"},
		{good[:600], "damaged compound (OLE2) file"},
		{cfbOf(map[string][]byte{"Workbook": []byte("x")}), "not a Word document: an OLE2 file without a WordDocument stream"},
		{cfbOf(map[string][]byte{"WordDocument": make([]byte, 100)}), "damaged Word file: no File Information Block"},
	}
	for _, c := range cases {
		_, _, err := decodeDOC(context.Background(), c.data, DefaultLimits)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
}

// TestDecodeDOCTwin reads the real WPS .doc beside the repository and
// checks it against its PDF twin's text: the same paragraphs, up to the
// spaces the PDF rendering adds.
func TestDecodeDOCTwin(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "realdocs")
	data, err := os.ReadFile(filepath.Join(dir, "hainan_2024_nongji_butie_ssfa.doc"))
	if err != nil {
		t.Skip("../shared/realdocs not here")
	}
	blocks, diags, err := decodeDOC(context.Background(), data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Errorf("diagnostics %v", diags)
	}
	text := strings.Join(blockTexts(blocks), "\n")
	for _, want := range []string{"2024—2026年海南省", "单机补贴限额原则上不超过5万元", "每年12月20日前", "21.1.1平地机"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func FuzzDecodeDOC(f *testing.F) {
	f.Add(docOf([]docPara{{text: "正文\u0013 X \u0014结果\u0015", mark: 0x0D}, {text: "甲", mark: 0x07, sprms: sprmInTable()},
		{mark: 0x07, sprms: append(append(sprmInTable(), sprmTtp()...), sprmTDef([]int{0, 100}, []int{3})...)}}, false, 0))
	f.Add(docOf([]docPara{{text: "plain", mark: 0x0D}}, true, 0))
	lst, lvls, lfo := docListTables()
	f.Add(docWithLists([]docPara{{text: "项", mark: 0x0D, sprms: sprmList(2, 1)}}, false, 0, lst, lvls, lfo))
	lim := DefaultLimits
	lim.MaxZipEntry = 1 << 20
	f.Fuzz(func(t *testing.T, in []byte) {
		blocks, _, _ := decodeDOC(context.Background(), in, lim)
		checkTableBlocks(t, blocks)
		// the same bytes as the WordDocument stream of a good file
		if len(in) > 34 {
			data := cfbOf(map[string][]byte{"WordDocument": in, "1Table": in, "0Table": in})
			blocks, _, _ = decodeDOC(context.Background(), data, lim)
			checkTableBlocks(t, blocks)
		}
	})
}

// TestCFBCounts: a compound file whose header counts more sectors than the
// file holds is refused before mscfb sizes a table by the count (a 6 KB
// fuzz input asked it for 34 GB: testdata/fuzz/FuzzDecodeDOC); a good
// file passes.
func TestCFBCounts(t *testing.T) {
	good := docOf([]docPara{{text: "正文", mark: 0x0D}}, false, 0)
	if err := cfbCounts(good); err != nil {
		t.Errorf("good file: %v", err)
	}
	bad := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(bad[40:44], 0xFFFFFFFF)
	_, _, err := decodeDOC(context.Background(), bad, DefaultLimits)
	if err == nil || !strings.Contains(err.Error(), "damaged compound (OLE2) file: header counts 4294967295 directory sectors") {
		t.Errorf("error %v", err)
	}
}
