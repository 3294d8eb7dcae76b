package xlsx

import (
	"regexp"
	"strconv"
	"strings"

	"policyx/schema"
)

var (
	plainNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$`)
	groupNumber = regexp.MustCompile(`^-?[1-9][0-9]{0,2}(,[0-9]{3}){1,4}(\.[0-9]{1,6})?$`)
)

// tableCell writes a table cell that is a plain number as a number, so that
// the analyst can add it up; everything else stays text as written.
func tableCell(s string) any {
	t := strings.TrimSpace(s)
	switch {
	case plainNumber.MatchString(t):
		if v, err := strconv.ParseFloat(t, 64); err == nil {
			return v
		}
	case groupNumber.MatchString(t):
		if v, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64); err == nil {
			return money(v)
		}
	}
	return s
}

func tableSheet(names *sheetNames, d *schema.Document, i int, multi bool) *sheet {
	x := newDocIndex(d)
	t := &d.Tables[i]
	full := x.tableName(i)
	want := full
	if multi {
		want = "P" + strconv.Itoa(d.Part) + " " + full
	}
	s := &sheet{name: names.take(want, "表"+strconv.Itoa(i+1))}
	ncol := len(t.Header)
	for _, r := range t.Rows {
		ncol = max(ncol, len(r.Cells))
	}
	if ncol == 0 {
		ncol = 1
	}
	// a few columns may be wide; many share the width of a screen
	capW := min(max(200/float64(ncol), 16), 60)
	for c := 0; c < ncol; c++ {
		h := ""
		if c < len(t.Header) {
			h = strings.TrimSpace(t.Header[c])
		}
		if h == "" {
			h = "列" + strconv.Itoa(c+1)
		}
		seq := h == "序号" || h == "编号"
		s.cols = append(s.cols, column{name: h, max: capW, center: seq})
	}
	caption := full
	if multi {
		caption = "第" + strconv.Itoa(d.Part) + "部分 " + caption
	}
	s.title = append(s.title, row{cells: []any{heading(caption)}})
	if t.UnitNote != "" {
		s.title = append(s.title, row{cells: []any{t.UnitNote}})
	}
	if t.Note != "" {
		s.after = append(s.after, row{cells: []any{t.Note}})
	}
	s.rows = func(yield func(row) error) error {
		group := ""
		for _, r := range t.Rows {
			if r.Group != group {
				group = r.Group
				if group != "" {
					if err := yield(row{cells: []any{group}, kind: rowGroup}); err != nil {
						return err
					}
				}
			}
			cells := make([]any, len(r.Cells))
			for c, v := range r.Cells {
				cells[c] = tableCell(v)
			}
			kind := rowData
			if r.IsTotal {
				kind = rowBold
			}
			if err := yield(row{cells: cells, kind: kind}); err != nil {
				return err
			}
		}
		return nil
	}
	return s
}
