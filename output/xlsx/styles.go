package xlsx

import "github.com/xuri/excelize/v2"

// fontName is the workbook font: the Office font made for Chinese text; a
// system without it substitutes its own CJK font.
const fontName = "等线"

// Number formats.
const (
	fmtMoney  = "#,##0"
	fmtMoney2 = "#,##0.00"
	fmtDate   = "yyyy-mm-dd"
)

// styleKey is everything a cell's look depends on; styles are made on first
// use, so the order of style ids follows the (deterministic) order of cells.
type styleKey struct {
	bold, wrap, header, fill, part, title, link bool
	left                                        bool // numbers too
	center                                      bool
	text                                        bool // the text number format "@"
	border                                      bool // thin grid lines: a cell of a data range
	numFmt                                      string
	indent                                      int
}

type styles struct {
	f   *excelize.File
	ids map[styleKey]int
}

func newStyles(f *excelize.File) *styles { return &styles{f: f, ids: map[styleKey]int{}} }

func (s *styles) id(k styleKey) (int, error) {
	if id, ok := s.ids[k]; ok {
		return id, nil
	}
	font := &excelize.Font{Family: fontName, Size: 11, Bold: k.bold || k.header}
	st := &excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "top", WrapText: k.wrap, Indent: k.indent}}
	if k.left || k.indent > 0 { // an indent shows only on left-aligned cells
		st.Alignment.Horizontal = "left"
	}
	if k.center {
		st.Alignment.Horizontal = "center"
	}
	switch {
	case k.header:
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
		st.Border = []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}}
		st.Alignment.Vertical = "center"
		st.Alignment.Horizontal = "center"
	case k.fill:
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	}
	if k.border {
		bottom := "BFBFBF"
		if k.header {
			bottom = "8EA9DB"
		}
		st.Border = []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
			{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: bottom, Style: 1}}
	}
	if k.part {
		font.Size = 12
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	}
	if k.title {
		font.Size = 14
		font.Bold = true
		st.Alignment.Vertical = "center"
	}
	if k.link {
		font.Color = "0563C1"
		font.Underline = "single"
	}
	if k.text {
		st.NumFmt = 49 // "@"
	}
	if k.numFmt != "" {
		nf := k.numFmt
		st.CustomNumFmt = &nf
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	s.ids[k] = id
	return id, nil
}
