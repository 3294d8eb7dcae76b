package tasks

import "testing"

// squeezeString is squeeze without the offsets.
func TestSqueezeString(t *testing.T) {
	for _, s := range []string{"", "  ", "（一）**加强 组织领导**。\n牵头单位：市发展改革委\u200b", "# 标题\ufeff\t其他", "abc def"} {
		want, _ := squeeze(s, 0, len(s))
		if got := squeezeString(s); got != want {
			t.Errorf("squeezeString(%q) = %q, want %q", s, got, want)
		}
	}
}
