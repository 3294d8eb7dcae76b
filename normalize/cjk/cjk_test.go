package cjk

import "fmt"

func ExampleHasHan() {
	fmt.Println(HasHan("2025年"), HasHan("2025-06"), IsHan('〇'), IsHan('。'))
	// Output: true false true false
}
