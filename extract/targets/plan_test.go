package targets

import "testing"

func TestPlanEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"到“十四五”末，", 2025},
		{"至\"十五五\"期末，", 2030},
		{"“十三五”时期末，", 2020},
		{"到十四五规划期末", 2025},
		{"“十四五”期间，", 0},
		{"《“十四五”末期评估》", 0},
		{"三十五年", 0},
	} {
		d, ok := planEnd(c.in)
		if got := map[bool]int{true: d.Year}[ok]; got != c.want {
			t.Errorf("planEnd(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}
