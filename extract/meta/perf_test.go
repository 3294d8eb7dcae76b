package meta

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// boxFieldsScan is boxFields as it was: every label of the whole line first.
func boxFieldsScan(s string) [][2]string {
	locs := reBoxLabelAny.FindAllStringIndex(s, -1)
	if len(locs) == 0 || strings.TrimSpace(strings.Trim(s[:locs[0][0]], "-*#| ")) != "" {
		return nil
	}
	return labelValues(s, locs)
}

// boxFields must answer as the scan of the whole line did.
func TestBoxFieldsSameAsScan(t *testing.T) {
	var lines []string
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	pieces := []string{"-", "*", "#", "|", " ", "\t", "\u3000", "- ", "标 题", "发文字号", "文　　号", "索引号", "成文日期", "：", ":", "**",
		"桂政发〔2018〕51号", "关于", "x", "\xe5", "名称", "发布日期"}
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := r.IntN(12); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		lines = append(lines, b.String())
	}
	for _, l := range lines {
		if got, want := boxFields(l), boxFieldsScan(l); !reflect.DeepEqual(got, want) {
			t.Fatalf("boxFields(%q) = %q, want %q", l, got, want)
		}
	}
}

// BenchmarkBoxFieldsLongLine measures a flattened web page: long lines
// without a label at their start.
func BenchmarkBoxFieldsLongLine(b *testing.B) {
	line := strings.Repeat("为深入贯彻落实党中央国务院决策部署，加快推进产业高质量发展，现提出如下意见。", 200) + "发布日期：2020年6月1日"
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		boxFields(line)
	}
}

// BenchmarkExtract measures the metadata of a sample document.
func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile("../../corpus/samples/004_50654645d7287975.txt")
	if err != nil {
		b.Skip(err)
	}
	doc := docOf(string(data))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Extract(doc)
	}
}

// organEnd must answer as the regexp it replaced.
func TestOrganEndSameAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`(人民政府|政府|办公厅|办公室|厅|局|委员会|委|部|署|院|办|中心|海关|分行|银行|管委会|党委|工委|联合会|协会|研究所|总队|集团|公司|分局|支行)$`)
	words := append([]string{"柳州市", "中共", "x", " ", "\xe5", "人民", "公"}, organEnds...)
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := r.IntN(5); n > 0; n-- {
			b.WriteString(words[r.IntN(len(words))])
		}
		if s := b.String(); organEnd(s) != re.MatchString(s) {
			t.Fatalf("organEnd(%q) = %v", s, organEnd(s))
		}
	}
}

// trimManyOrgans must answer as the regexp it replaced on the characters
// that regexp knew (it also reads 两, 零 and the other outline numerals).
func TestTrimManyOrgansSameAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`等\s*[\d一二三四五六七八九十]+\s*(个)?(部门|单位|家单位|厅局|委办局)$`)
	words := []string{"等", "5", "12", "一", "十", "个", "家", " ", "部门", "单位", "家单位", "厅局", "委办局", "市科技局", "x", "\xe5"}
	r := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.IntN(7); n > 0; n-- {
			b.WriteString(words[r.IntN(len(words))])
		}
		if s := b.String(); trimManyOrgans(s) != re.ReplaceAllString(s, "") {
			t.Fatalf("trimManyOrgans(%q) = %q, want %q", s, trimManyOrgans(s), re.ReplaceAllString(s, ""))
		}
	}
}
