package corpus

import (
	"context"
	"encoding/binary"
	"reflect"
	"testing"
	"unicode/utf16"
)

// docLVL is one LVL of a test list: start, MSONFC format, follow (0 tab,
// 1 space, 2 nothing) and level text with 0x00–0x08 for level numbers,
// with a paragraph sprm in its grpprlPapx as Word writes (indents).
func docLVL(start int, nfc byte, follow byte, xst string) []byte {
	le := binary.LittleEndian
	lvlf := make([]byte, 28)
	le.PutUint32(lvlf, uint32(start))
	lvlf[4], lvlf[15] = nfc, follow
	papx := []byte{0x0F, 0x84, 0x20, 0x03} // sprmPDxaLeft
	lvlf[25] = byte(len(papx))
	b := append(lvlf, papx...)
	u := utf16.Encode([]rune(xst))
	b = le.AppendUint16(b, uint16(len(u)))
	for _, c := range u {
		b = le.AppendUint16(b, c)
	}
	return b
}

// docListTables is one nine-level list (lsid 7: 一、 （一） 1.) with two
// instances: ilfo 1, and ilfo 2 restarting level 1 at 1.
func docListTables() (lst, lvls, lfo []byte) {
	le := binary.LittleEndian
	lst = le.AppendUint16(nil, 1)
	lstf := make([]byte, 28)
	le.PutUint32(lstf, 7)
	lst = append(lst, lstf...)
	lvls = append(lvls, docLVL(1, 37, 2, "\x00、")...)
	lvls = append(lvls, docLVL(1, 37, 2, "（\x01）")...)
	lvls = append(lvls, docLVL(1, 0, 2, "\x02.")...)
	for k := 3; k < 9; k++ {
		lvls = append(lvls, docLVL(1, 0, 0, string(rune(k))+".")...)
	}
	lfo = le.AppendUint32(nil, 2)
	for i := 0; i < 2; i++ {
		l := make([]byte, 16)
		le.PutUint32(l, 7)
		l[12] = byte(i) // clfolvl: the second overrides one level
		lfo = append(lfo, l...)
	}
	lfo = append(lfo, make([]byte, 4)...) // LFOData 1: cp
	lfo = append(lfo, make([]byte, 4)...) // LFOData 2: cp, one LFOLVL
	lfo = le.AppendUint32(lfo, 1)
	lfo = le.AppendUint32(lfo, 0x10|1) // ilvl 1, fStartAt
	return lst, lvls, lfo
}

func sprmList(ilfo, ilvl int) []byte {
	return []byte{0x0B, 0x46, byte(ilfo), 0, 0x0A, 0x26, byte(ilvl)}
}

// TestDecodeDOCListLabels: paragraphs numbered by Word's lists get their
// labels as the DOCX reader renders them; typed labels stay as they are.
func TestDecodeDOCListLabels(t *testing.T) {
	paras := []docPara{
		{text: "2023年全区经济社会发展的主要预期目标", mark: 0x0D, sprms: sprmList(1, 0)},
		{text: "地区生产总值增长7%以上", mark: 0x0D, sprms: sprmList(1, 1)},
		{text: "规上工业增加值增长12%以上", mark: 0x0D, sprms: sprmList(1, 1)},
		{text: "到2025年，全区规上工业企业达到100家", mark: 0x0D, sprms: sprmList(1, 2)},
		{text: "加强民营经济资源要素支持", mark: 0x0D, sprms: sprmList(1, 0)},
		{text: "激发创意热情汇聚源头活水", mark: 0x0D, sprms: sprmList(1, 1)},
		{text: "二、主要任务", mark: 0x0D}, // typed: unchanged
		{text: "固定资产投资增长10%以上", mark: 0x0D, sprms: sprmList(2, 1)},
		{text: "（三）加快项目建设", mark: 0x0D, sprms: sprmList(0, 0)},
	}
	lst, lvls, lfo := docListTables()
	blocks, _, err := decodeDOC(context.Background(), docWithLists(paras, false, 0, lst, lvls, lfo), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"一、2023年全区经济社会发展的主要预期目标",
		"（一）地区生产总值增长7%以上",
		"（二）规上工业增加值增长12%以上",
		"1.到2025年，全区规上工业企业达到100家",
		"二、加强民营经济资源要素支持",
		"（一）激发创意热情汇聚源头活水",
		"二、主要任务",
		"（一）固定资产投资增长10%以上",
		"（三）加快项目建设",
	}
	if got := blockTexts(blocks); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// damaged list tables: no labels, no panic
	for cut := 0; cut < len(lvls); cut += 7 {
		data := docWithLists(paras[:2], false, 0, lst, lvls[:cut], lfo)
		if _, _, err := decodeDOC(context.Background(), data, DefaultLimits); err != nil {
			t.Fatal(err)
		}
	}
}
