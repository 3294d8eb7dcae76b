package xlsx

import (
	"strings"
	"testing"
)

// The fast path of runeWidth must agree with the width table everywhere.
func TestRuneWidthFastPath(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		if got, want := runeWidth(r), runeWidthTable(r); got != want {
			t.Fatalf("runeWidth(%U) = %v, want %v", r, got, want)
		}
	}
}

func BenchmarkDisplayWidth(b *testing.B) {
	s := strings.Repeat("到2025年，全市高新技术企业达到1000家（牵头单位：市科技局）", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		displayWidth(s)
	}
}
