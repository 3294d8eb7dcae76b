package links

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// allNumbers must find exactly what the expression finds on the whole text.
func TestAllNumbersSameAsWholeText(t *testing.T) {
	parts := []string{"号", "第", "国务院办公厅", "省人民政府", "发", "〔", "〕", "(", ")", "（", "）", "[", "]", "【", "】",
		"2018", "２０１９", "1999", "51", "５", "0", " ", "\n", "关于印发", "的通知", "𠀀", "，", "a"}
	texts := []string{"", "号", "国办发〔2018〕51号", "桂政发[2018] 51 号和粤府〔2019〕1号、国发（2020）３号",
		strings.Repeat("政府", 80) + "〔2018〕51号", "号" + strings.Repeat("研", 200) + "发〔2018〕51号号"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 800 {
		var b strings.Builder
		pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
		for n := rng.IntN(120); n > 0; n-- {
			if rng.IntN(8) > 0 {
				b.WriteString(parts[rng.IntN(len(parts))])
				continue
			}
			// a 文号, maybe with a long prefix or too much white space
			b.WriteString(strings.Repeat(pick("市", "𠀀", "政"), 1+rng.IntN(20)) + pick("", " ", "\n", "    ") +
				pick("〔", "[", "(", "（", "［", "【", "〈") + pick("", " ") + pick("2018", "２０１９", "1899") + pick("", "   ") +
				pick("〕", "]", ")", "）", "］", "】", "〉") + pick("", "第", " 第 ") + pick("51", "５", "123456") + pick("", " ", "    ") + "号")
		}
		texts = append(texts, b.String())
	}
	found := 0
	for _, s := range texts {
		found += len(reNumber.FindAllStringIndex(s, -1))
		if got, want := allNumbers(s), reNumber.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", s, got, want)
		}
	}
	if found < 100 {
		t.Fatalf("only %d numbers in the generated texts: the test proves little", found)
	}
}

func FuzzAllNumbers(f *testing.F) {
	f.Add("桂政发[2018] 51 号和粤府〔2019〕1号")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := allNumbers(s), reNumber.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", s, got, want)
		}
	})
}
