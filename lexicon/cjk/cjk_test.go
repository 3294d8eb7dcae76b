package cjk

import (
	"fmt"
	"testing"
)

func ExampleHasHan() {
	fmt.Println(HasHan("2025年"), HasHan("2025-06"), IsHan('〇'), IsHan('。'))
	// Output: true false true false
}

func ExampleRemoveSpace() {
	fmt.Println(RemoveSpace("柳州市 科学技术局\u3000"))
	// Output: 柳州市科学技术局
}

func TestHead(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"发文字号", 100, "发文字号"},
		{"发文字号", 6, "发文"},
		{"发文字号", 7, "发文"}, // inside 字: cut back to its start
		{"ab发", 3, "ab"},
		{"", 3, ""},
	} {
		if got := Head(c.s, c.n); got != c.want {
			t.Errorf("Head(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
