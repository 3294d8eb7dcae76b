package quantity

import (
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	v, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Units) == 0 || len(v.Comparators) == 0 || len(v.UnitStop) == 0 || len(v.MoneyWords) == 0 {
		t.Fatalf("empty vocabulary: %d units, %d comparators, %d unit-stop, %d money words",
			len(v.Units), len(v.Comparators), len(v.UnitStop), len(v.MoneyWords))
	}
	if u := v.Units[1]; u.Name != "万元" || u.Norm != "元" || u.Factor != 1e4 || u.Class != Money {
		t.Errorf("second unit = %+v, want 万元 → 元 ×10000 money", u)
	}
}

func TestValidation(t *testing.T) {
	for _, tc := range []struct {
		unit bool
		cols string
		err  string
	}{
		{true, "万元\t元\t10000\tmoney", ""},
		{true, "万元\t元\t10000\tcash", `unknown class "cash"`},
		{true, "万元\t元\tten\tmoney", "factor"},
		{true, "万元 元 10000 money", "want 4 columns"},
		{false, "before\t>=\t不低于", ""},
		{false, "after\t>=\t突破\tadj", ""},
		{false, "before\t>\t高于", `comparator ">"`},
		{false, "around\t~\t左右", `position "around"`},
	} {
		v := &Vocab{}
		f := v.comparator
		if tc.unit {
			f = v.unit
		}
		err := f(strings.Split(tc.cols, "\t"))
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%q: err = %v, want %q", tc.cols, err, tc.err)
		}
	}
}
