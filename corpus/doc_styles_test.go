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
