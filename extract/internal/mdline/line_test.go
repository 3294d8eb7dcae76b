package mdline

import "fmt"

func ExampleClean() {
	fmt.Printf("%q %q %q\n", Clean("## **一、总体要求** ##"), Clean("> - 第一条"), Clean("　正文　"))
	// Output: "一、总体要求" "第一条" "正文"
}
