package normalize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// orgSuffix are the last characters of the name of an organ or body.
const orgSuffix = "厅局委办室府会院部署所站心司行处社联团"

// orgName reports whether run looks like the name of an organ: at least
// four Han characters ending in an organ suffix (广州市财政局).
func orgName(run string) bool {
	n := 0
	for _, r := range run {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	last, _ := utf8.DecodeLastRuneInString(run)
	return n >= 3 && strings.ContainsRune(orgSuffix, last) && !unitWord[run]
}

// unitWord are names of a unit that never stand alone as an issuer: after
// a stray space they are the rest of the name before them (…人民政府 办公厅).
var unitWord = map[string]bool{
	"办公厅": true, "办公室": true, "人民政府": true, "委员会": true, "管委会": true, "常委会": true,
	"管理委员会": true, "党委": true, "党组": true, "政府": true, "总局": true, "分局": true, "支队": true,
}

// orgHead returns the part of run before 关于 (the issuers of a title
// line: 示例总署 国家示例局关于…), or run itself.
func orgHead(run string) string {
	if i := strings.Index(run, "关于"); i > 0 {
		return run[:i]
	}
	return run
}

// placeLed reports whether an organ name starts with a place or a
// national prefix (广州市…, 中共…, 国家…), as each name of a joint issuer
// list does — unlike the second half of a name cut by a stray space
// (人民政府 办公厅).
func placeLed(run string) bool {
	for _, p := range []string{"中共", "国家", "国务院", "中华人民共和国", "全国", "中国"} {
		if strings.HasPrefix(run, p) {
			return true
		}
	}
	i := 0
	for _, r := range run {
		if i >= 8 {
			break
		}
		if strings.ContainsRune("省市区县州盟旗", r) && i >= 1 {
			return true
		}
		i++
	}
	return false
}

var docNumberTail = regexp.MustCompile(`[〔\[［【]\s*\d{4}\s*[〕\]］】]\s*\d{1,5}\s*号$`)

// KeepItemSpaces marks the single spaces between two CJK characters that
// separate items rather than fall inside a word, by doubling them (the
// stray-space step keeps one space of a longer run):
//
//   - between two organ names, one of them led by a place or a national
//     prefix (广州市民政局 广州市财政局, 示例总署 国家示例局关于…: joint
//     issuers), unless one is a bare unit word (人民政府 办公厅);
//   - after a 发文字号 before a title (示科通〔2024〕5号 关于印发…).
//
// Other single spaces between CJK characters are typesetting accidents
// and go (广西壮族自治区 人民政府 办公厅, 关 于 印 发). A line of short
// menu words (首页 政务公开 政策文件) cannot be told from a name with
// stray spaces, so its spaces go too.
func KeepItemSpaces(s string) string {
	if strings.IndexByte(s, ' ') < 0 || len(s) > 1<<20 {
		return s
	}
	runs := strings.Split(s, " ")
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(runs[0])
	book := strings.Count(runs[0], "《") - strings.Count(runs[0], "》")
	for i := 1; i < len(runs); i++ {
		l, r := runs[i-1], runs[i]
		keep := false
		// Inside a cited title 《…》 the names are part of the title.
		if l != "" && r != "" && book <= 0 {
			lr, _ := utf8.DecodeLastRuneInString(l)
			rr, _ := utf8.DecodeRuneInString(r)
			if isCJK(lr) && isCJK(rr) {
				rh, lh := orgHead(r), l
				if k := strings.LastIndexAny(lh, ":："); k >= 0 {
					lh = strings.TrimLeft(lh[k:], ":：") // 发文机关：示例总署
				}
				keep = orgName(lh) && orgName(rh) && (placeLed(lh) || placeLed(rh)) ||
					startsHan(r) && docNumberTail.MatchString(tail(l, 64))
			}
		}
		b.WriteByte(' ')
		if keep {
			b.WriteByte(' ')
		}
		b.WriteString(r)
		book += strings.Count(r, "《") - strings.Count(r, "》")
	}
	return b.String()
}
