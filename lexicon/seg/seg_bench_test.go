package seg

import (
	"os"
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCut(b *testing.B) {
	s, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("../../corpus/samples/001_2e82e574e34112c7.txt")
	if err != nil {
		b.Skip(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Cut(text)
	}
}
