package numbers

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLoadData(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	valid := map[Class]bool{Money: true, Percent: true, Permille: true, Points: true, Count: true, Score: true, Age: true, Duration: true, Frequency: true, Multiple: true}
	for name, u := range p.units {
		if !valid[u.Class] || u.Factor <= 0 || u.Norm == "" {
			t.Errorf("unit %q: bad entry %+v", name, u)
		}
	}
	for _, k := range append(p.before, p.after...) {
		if k.cmp != ">=" && k.cmp != "<=" && k.cmp != "~" {
			t.Errorf("comparator word %q: bad comparator %q", k.word, k.cmp)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1,000", "2.2", "244606.56", "一千", "两", "十二", "三百二十九", "一半", "1.4亿", "3千万", "百分之三十", "百分之", "1,00", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, n, ok := ParseNumber(s)
		if n < 0 || n > len(s) {
			t.Fatalf("ParseNumber(%q) consumed %d of %d bytes", s, n, len(s))
		}
		if ok && n == 0 {
			t.Fatalf("ParseNumber(%q) ok without consuming", s)
		}
		if ok && v < 0 {
			t.Fatalf("ParseNumber(%q) = %v < 0", s, v)
		}
	})
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func FuzzDeadline(f *testing.F) {
	for _, s := range []string{"到2020年，新增", "2018年末实现", "自2018年起", "到2020年6月底前", "2025年12月31日前", "（2018—2020年）", "2017年以来", "2024年2月29日", "2023年13月"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range Dates(s) {
			if d.Start < 0 || d.End > len(s) || d.Start >= d.End {
				t.Fatalf("Dates(%q): bad span %+v", s, d)
			}
			if !dateRE.MatchString(d.String()) {
				t.Fatalf("Dates(%q): bad date %q", s, d.String())
			}
		}
		Governing(s)
	})
}

func FuzzScan(f *testing.F) {
	p := MustLoad()
	for _, s := range []string{"分别达到600、300和200家", "3—5个", "50亿元(含)至300亿元", "百分之三十", "20万元/家", "CN300", "一千万元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range p.Scan(s) {
			if q.Start < 0 || q.End > len(s) || q.Start >= q.End {
				t.Fatalf("Scan(%q): bad span %+v", s, q)
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[q.Start:q.End]) {
				t.Fatalf("Scan(%q): span cuts a character: %+v", s, q)
			}
			if q.Written != s[q.Start:q.End] || strings.TrimSpace(q.Value) == "" {
				t.Fatalf("Scan(%q): inconsistent %+v", s, q)
			}
		}
	})
}
