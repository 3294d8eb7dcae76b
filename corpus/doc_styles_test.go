package corpus

import (
	"encoding/binary"
	"reflect"
	"testing"
	"unicode/utf16"
)

// stsh builds a style sheet of the given styles (sti, name; sti < 0 an
// empty slot) with a 10-byte STD base.
func stsh(styles []struct {
	sti  int
	name string
}) []byte {
	le := binary.LittleEndian
	b := le.AppendUint16(nil, 4) // cbStshi
	b = le.AppendUint16(b, uint16(len(styles)))
	b = le.AppendUint16(b, 10) // cbSTDBaseInFile
	for _, s := range styles {
		if s.sti < 0 {
			b = le.AppendUint16(b, 0)
			continue
		}
		std := le.AppendUint16(nil, uint16(s.sti))
		std = append(std, make([]byte, 8)...)
		u := utf16.Encode([]rune(s.name))
		std = le.AppendUint16(std, uint16(len(u)))
		for _, c := range u {
			std = le.AppendUint16(std, c)
		}
		std = le.AppendUint16(std, 0)
		b = le.AppendUint16(b, uint16(len(std)))
		b = append(b, std...)
	}
	return b
}

func TestHeadingStyles(t *testing.T) {
	sh := stsh([]struct {
		sti  int
		name string
	}{
		{0, "Normal"},      // 正文: no heading
		{2, "heading 2"},   // built-in Heading 2 (sti 2), whatever its name
		{-1, ""},           // an empty slot
		{0x0FFE, "标题 3"},   // a user style named as a heading
		{0x0FFE, "标题样式说明"}, // a user style that only starts like one
		{62, "标题"},         // the Title style: not a heading level
	})
	f := &fib{fcStshf: 0, lcbStshf: uint32(len(sh))}
	got := headingStyles(sh, f)
	want := map[int]int{1: 2, 3: 3}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("headingStyles = %v, want %v", got, want)
	}
	// a damaged style sheet: none
	if got := headingStyles(sh[:7], &fib{lcbStshf: 7}); len(got) != 0 {
		t.Errorf("damaged: %v", got)
	}
}

// paraStyle is an STD of a 10-byte base: style type stk, base style and
// the sprms of its paragraph properties (UpxPapx).
func paraStyle(stk, base int, name string, sprms []byte) []byte {
	le := binary.LittleEndian
	std := le.AppendUint16(nil, 0x0FFE)
	std = le.AppendUint16(std, uint16(stk|base<<4))
	std = append(std, make([]byte, 6)...)
	u := utf16.Encode([]rune(name))
	std = le.AppendUint16(std, uint16(len(u)))
	for _, c := range u {
		std = le.AppendUint16(std, c)
	}
	std = le.AppendUint16(std, 0)
	upx := append([]byte{0, 0}, sprms...)
	std = le.AppendUint16(std, uint16(len(upx)))
	return append(std, upx...)
}

func TestStyleLists(t *testing.T) {
	le := binary.LittleEndian
	styles := [][]byte{
		paraStyle(1, 0x0FFF, "Normal", nil),
		paraStyle(1, 0, "一级标题", sprmList(1, 0)),
		paraStyle(1, 1, "一级标题（续）", nil),                  // inherits the list
		paraStyle(1, 1, "无编号", []byte{0x0B, 0x46, 0, 0}), // its own "no list"
		paraStyle(2, 0, "字符", sprmList(1, 0)),            // a character style: no paragraphs
		paraStyle(1, 0, "二级标题", sprmList(1, 1)[:4]),      // list without level: level 0
	}
	sh := le.AppendUint16(nil, 4)
	sh = le.AppendUint16(sh, uint16(len(styles)))
	sh = le.AppendUint16(sh, 10)
	for _, s := range styles {
		sh = le.AppendUint16(sh, uint16(len(s)))
		sh = append(sh, s...)
	}
	got := styleLists(sh, &fib{lcbStshf: uint32(len(sh))})
	want := map[int]docStyleList{
		1: {ilfo: 1, hasIlfo: true},
		2: {ilfo: 1, hasIlfo: true},
		5: {ilfo: 1, hasIlfo: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("styleLists = %v, want %v", got, want)
	}
	for cut := 0; cut < len(sh); cut += 5 {
		styleLists(sh[:cut], &fib{lcbStshf: uint32(cut)}) // no panic
	}
}
