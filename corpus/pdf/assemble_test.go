package pdf

import "testing"

func TestStartsItem(t *testing.T) {
	for _, s := range []string{"一、总体要求", "（二）强化保障", "3．推进平台建设", "(1)到2025年", "②新增企业", "第三章 附则", "第十条 本办法", "附件2", "附表"} {
		if !startsItem(s) {
			t.Errorf("startsItem(%q) = false", s)
		}
	}
	// the rest of a sentence broken at the line end
	for _, s := range []string{"2）的规定执行", "1.5万元", "2025年底前", "统一部署", "十万元以上"} {
		if startsItem(s) {
			t.Errorf("startsItem(%q) = true", s)
		}
	}
}
