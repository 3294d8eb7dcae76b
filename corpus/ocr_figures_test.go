package corpus

import (
	"strings"
	"testing"
	"unicode"
)

// inkLine draws a line of text as blocks of ink, the way a scan of a table
// row looks to the column projections: a Han character a 20×20 square, a
// digit 9×16, a 1 or a point narrow, a slash 7 wide and taller than a
// digit; one pixel between the characters of a word, eight for a space.
// It returns the image and the box of each space-separated word.
func inkLine(s string) (*grayImage, []ocrWord) {
	img := &grayImage{W: 600, H: 60, Pix: make([]byte, 600*60)}
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	fill := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.Pix[y*img.W+x] = 0
			}
		}
	}
	var words []ocrWord
	x := 10
	for _, w := range strings.Fields(s) {
		wd := ocrWord{line: [3]int{1, 1, 1}, left: x, top: 20, height: 20, lineTop: 20, lineHeight: 20, text: w}
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Han, r):
				fill(x, 20, x+20, 40)
				x += 20
			case r == '1':
				fill(x+2, 24, x+5, 40)
				x += 6
			case r == '.':
				fill(x, 37, x+2, 40)
				x += 3
			case r == '/':
				fill(x, 22, x+7, 42)
				x += 7
			default:
				fill(x, 24, x+9, 40)
				x += 9
			}
			x++
		}
		wd.width = x - 1 - wd.left
		words = append(words, wd)
		x += 8
	}
	return img, words
}

// lineText is the text of a merged line: its words, with a space where
// one is marked.
func lineText(ws []ocrWord) string {
	var b strings.Builder
	for k, w := range ws {
		if k > 0 && w.space {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

func texts(ws []ocrWord) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.text)
	}
	return out
}

func TestFigureLine(t *testing.T) {
	for in, want := range map[string]bool{
		"鱼峰区 28 64 / 12 / / 303.35 1 58709.82 30": true,
		"11 13 15 市委组":                            true,
		"90%以":                                    true,
		"到 2023 年，力争建立 3—5 个科技支行": false, // prose with figures
		"柳办发〔2021〕18 号":           false,
	} {
		var ws []ocrWord
		for _, f := range strings.Fields(in) {
			ws = append(ws, ocrWord{text: f})
		}
		if got := figureLine(ws); got != want {
			t.Errorf("figureLine(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestMergeFigures(t *testing.T) {
	img, ws := inkLine("鱼峰区 28 64 / 12 / / 303.35")
	// the Chinese model: slashes read as 1, the spaces lost
	chi := []ocrWord{ws[0], ws[1], ws[2]}
	chi[2].text, chi[2].width = "6411211303.35", ws[len(ws)-1].left+ws[len(ws)-1].width-ws[2].left
	// the English model: the figures right, the Han characters garbage
	eng := append([]ocrWord(nil), ws...)
	eng[0].text = "HEX"
	got, ok := mergeFigures(chi, eng, img, true, true)
	if !ok || lineText(got) != "鱼峰区 28 64 / 12 / / 303.35" {
		t.Errorf("mergeFigures = %q %v", texts(got), ok)
	}
	// without the English model's figures the line is not merged
	if _, ok := mergeFigures(chi, []ocrWord{eng[0]}, img, true, true); ok {
		t.Error("merged without figures")
	}
}

func TestMergeFiguresHanReadAsDigit(t *testing.T) {
	// 县 read as 6 by the English model: its ink is taller than the digits
	img, ws := inkLine("三江县 68 15 20")
	eng := append([]ocrWord(nil), ws...)
	eng[0].text = "6"
	got, ok := mergeFigures(ws[:1], eng, img, true, true)
	if !ok || lineText(got) != "三江县 68 15 20" {
		t.Errorf("mergeFigures = %q %v", texts(got), ok)
	}
}

func TestSplitSlashes(t *testing.T) {
	img, ws := inkLine("19 11/5 //18")
	got, _ := mergeFigures(ws[:1], ws, img, true, true)
	if lineText(got) != "19 11 / 5 / / 18" {
		t.Errorf("slash marks: %q", lineText(got))
	}
	// a page without a slash standing alone: a date keeps its slashes
	img, ws = inkLine("2021/11/3 30")
	got, _ = mergeFigures(ws[:1], ws, img, true, false)
	if lineText(got) != "2021/11/3 30" {
		t.Errorf("date: %q", lineText(got))
	}
}

func TestSplitGaps(t *testing.T) {
	// "1 58709.82" read as one word: the ink shows the space
	img, ws := inkLine("303.35 1 58709.82 30")
	eng := []ocrWord{ws[0], ws[1], ws[3]}
	eng[1].text, eng[1].width = "158709.82", ws[2].left+ws[2].width-ws[1].left
	got, _ := mergeFigures(eng[:1], eng, img, true, true)
	if lineText(got) != "303.35 1 58709.82 30" {
		t.Errorf("split: %q", lineText(got))
	}
	// no gap in the ink: the number stays whole
	img, ws = inkLine("303.35 158709.82 30")
	got, _ = mergeFigures(ws[:1], ws, img, true, true)
	if lineText(got) != "303.35 158709.82 30" {
		t.Errorf("whole: %q", lineText(got))
	}
}

func TestItemLabel(t *testing.T) {
	const lh = 20
	w := func(left, width int, s string) ocrWord {
		return ocrWord{left: left, width: width, height: lh, lineHeight: lh, text: s}
	}
	// 1．强化… : the point lost, its square left empty
	if got := itemLabel([]ocrWord{w(120, 13, "1"), w(149, 53, "强化")}, lh); got[0].text != "1．" {
		t.Errorf("lost point: %q", got[0].text)
	}
	// 4，拓展… : the point read as a comma
	if got := itemLabel([]ocrWord{w(120, 20, "4，"), w(142, 53, "拓展")}, lh); got[0].text != "4．" {
		t.Errorf("comma: %q", got[0].text)
	}
	// 1 个广西… : a number in a sentence, a space's gap
	in := []ocrWord{w(120, 13, "1"), w(139, 20, "个")}
	if got := itemLabel(in, lh); got[0].text != "1" {
		t.Errorf("sentence: %q", got[0].text)
	}
}

func TestBracketsOverLines(t *testing.T) {
	words := func(s ...string) []ocrWord {
		var ws []ocrWord
		for i, x := range s {
			ws = append(ws, ocrWord{line: [3]int{1, 1, i}, text: x})
		}
		return ws
	}
	join := func(ws []ocrWord) string { return strings.Join(texts(ws), "|") }
	// the opener of a 责任单位 list read as 《, closed lines later
	ws := words("项。《责任单位：市科技局、", "市财政局）")
	fixOpeners(ws)
	if got := join(ws); got != "项。（责任单位：市科技局、|市财政局）" {
		t.Errorf("fixOpeners: %q", got)
	}
	ws = words("学习《条例", "》（2021年）") // a real title mark stays
	fixOpeners(ws)
	if got := join(ws); got != "学习《条例|》（2021年）" {
		t.Errorf("fixOpeners title: %q", got)
	}
	// a title inside a title
	ws = words("关于印发《关于落实《科技强桂三年", "行动方案》的实施方案》的通知")
	nestTitles(ws)
	if got := join(ws); got != "关于印发《关于落实〈科技强桂三年|行动方案〉的实施方案》的通知" {
		t.Errorf("nestTitles: %q", got)
	}
	ws = words("《条例》和《办法》") // two titles side by side stay
	nestTitles(ws)
	if got := join(ws); got != "《条例》和《办法》" {
		t.Errorf("nestTitles side by side: %q", got)
	}
}

func TestFigurePrefix(t *testing.T) {
	for in, want := range map[string]string{
		"90%L":  "90%", // 90%以 as the English model reads it
		"2023F": "2023",
		"90%":   "90%",
		"HEX":   "HEX",
		"3D":    "3D", // too short a head: as it is
		"12ab3": "12ab3",
	} {
		if got := figurePrefix(ocrWord{text: in, width: 40}).text; got != want {
			t.Errorf("figurePrefix(%q) = %q, want %q", in, got, want)
		}
	}
}
