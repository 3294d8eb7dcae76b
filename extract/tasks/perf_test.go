package tasks

import (
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// roleWords builds test strings around the pieces reRole matches.
var roleWords = []string{"主要", "牵头", "配合", "责任", "主责", "负责", "协办", "参与", "协同", "协助", "承办", "主办",
	"单位", "部门", "、单位", "、部门", "及单位", ":", "：", "，", "。", "（", "）", "【", "】", "市科技局", "a", "1", "\xe5", " "}

func randomRoleText(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(40); n > 0; n-- {
		b.WriteString(roleWords[r.IntN(len(roleWords))])
	}
	return b.String()
}

func checkRoleLocs(t *testing.T, s string) {
	t.Helper()
	want := reRole.FindAllStringIndex(s, -1)
	if got := roleLocs(s, -1); !reflect.DeepEqual(got, want) {
		t.Fatalf("roleLocs(%q) = %v, want %v", s, got, want)
	}
	if got, want := roleLoc(s), reRole.FindStringIndex(s); !reflect.DeepEqual(got, want) {
		t.Fatalf("roleLoc(%q) = %v, want %v", s, got, want)
	}
}

// roleLocs must find exactly what the regexp over the whole string finds.
func TestRoleLocsSameAsRegexp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		checkRoleLocs(t, randomRoleText(r))
	}
}

func FuzzRoleLocs(f *testing.F) {
	f.Add("主要牵头单位：市科技局；配合单位、部门：市财政局")
	f.Add("（责任单位:市科技局）牵头：")
	f.Fuzz(func(t *testing.T, s string) { checkRoleLocs(t, s) })
}

var reTerminalRef = regexp.MustCompile(`[。！？；;）)\]】」”"]$`)

// joined must answer as the regexp and headingLine over the whole
// concatenation did.
func TestJoinedSameAsConcatenation(t *testing.T) {
	lines := []string{"(二)强化资金保障", "一、总体要求", "加快", "推进。", "；", "(1)", "abc", "”", "）", strings.Repeat("长", 40), "1.5亿元", "，", "\xe5"}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5000; i++ {
		var j joined
		all := ""
		for n := 1 + r.IntN(8); n > 0; n-- {
			l := lines[r.IntN(len(lines))]
			j.add(l)
			all += l
			if got, want := j.terminal(), reTerminalRef.MatchString(all); got != want {
				t.Fatalf("terminal after %q = %v, want %v", all, got, want)
			}
			if got, want := j.heading(), headingLine(all); got != want {
				t.Fatalf("heading after %q = %v, want %v", all, got, want)
			}
		}
	}
}

// BenchmarkExtractSample measures a sample document, line by line as a
// text file delivers it.
func BenchmarkExtractSample(b *testing.B) {
	data, err := os.ReadFile("../../corpus/samples/004_50654645d7287975.txt")
	if err != nil {
		b.Skip(err)
	}
	d := loadDict(b)
	doc := docFrom("# juris: 柳州市\n" + string(data))
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(doc, d)
	}
}

// BenchmarkExtractWrapped measures one long paragraph hard-wrapped into
// many short lines (PDF text): joining them must stay linear.
func BenchmarkExtractWrapped(b *testing.B) {
	d := loadDict(b)
	var s strings.Builder
	for i := 0; i < 2000; i++ {
		s.WriteString("支持制造业企业加快关键核心技术攻关\n")
	}
	doc := docFrom(s.String())
	b.SetBytes(int64(s.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(doc, d)
	}
}

// firstIsLead must answer as the regexp over the whole text.
func TestFirstIsLeadSameAsRegexp(t *testing.T) {
	words := []string{"列", "排", "位", "在", "于", "第一位", "首位", "第一", "者", "的", "单位", "部门", "为", "是", "牵头", "，", "x", "\xe5"}
	r := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := r.IntN(30); n > 0; n-- {
			b.WriteString(words[r.IntN(len(words))])
		}
		if s := b.String(); firstIsLead(s) != reFirstIsLead.MatchString(s) {
			t.Fatalf("firstIsLead(%q) = %v", s, firstIsLead(s))
		}
	}
}
