package meta_test

import (
	"fmt"

	"policyx/extract/meta"
)

func ExampleNormalizeDocNumber() {
	fmt.Println(meta.NormalizeDocNumber("柳办发〔2021〕18 号"))
	fmt.Println(meta.NormalizeDocNumber("桂政发[2018]51号"))
	fmt.Println(meta.NormalizeDocNumber("沪府办发（2025）17号"))
	// Output:
	// 柳办发〔2021〕18号
	// 桂政发〔2018〕51号
	// 沪府办发〔2025〕17号
}

func ExampleParseDate() {
	fmt.Println(meta.ParseDate("2021 年 11月 2 日"))
	fmt.Println(meta.ParseDate("二〇一八年十一月十九日"))
	// Output:
	// 2021-11-02
	// 2018-11-19
}
