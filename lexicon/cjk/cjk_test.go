package cjk

import "fmt"

func ExampleHasHan() {
	fmt.Println(HasHan("2025年"), HasHan("2025-06"), IsHan('〇'), IsHan('。'))
	// Output: true false true false
}

func ExampleRemoveSpace() {
	fmt.Println(RemoveSpace("柳州市 科学技术局\u3000"))
	// Output: 柳州市科学技术局
}
