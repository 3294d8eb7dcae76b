package seg

import (
	"strings"
	"testing"
)

func TestLoadAndCut(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(s.Words("到2020年新增1000家高新技术企业"), "|")
	if !strings.Contains(got, "高新技术企业") {
		t.Errorf("Words = %s, want 高新技术企业 whole", got)
	}
}
