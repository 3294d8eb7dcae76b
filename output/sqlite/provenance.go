package sqlite

import (
	"database/sql"
	"regexp"
	"strings"
	"unicode"

	"policyx/normalize/numbers"
	"policyx/schema"
)

// headerUnit is the unit in a column header: 数量（家）, 金额(万元).
var headerUnit = regexp.MustCompile(`[（(]([^（()）]{1,6})[)）]\s*$`)

// writeCells stores the cells of one table row in long form, with the
// number and unit normalized where the cell is a single quantity (the unit
// from the cell, else from the column header).
func writeCells(stmt *sql.Stmt, num *numbers.Parser, tableID, rowID int64, t schema.Table, row schema.TableRow) error {
	for c, v := range row.Cells {
		var header any
		h := ""
		if c < len(t.Header) {
			h = t.Header[c]
			header = null(h)
		}
		var nv, nu any
		if q, ok := cellQuantity(num, v, h, t.UnitNote); ok {
			nv, nu = q.NormValue, null(q.NormUnit)
		}
		if _, err := stmt.Exec(tableID, rowID, c, header, text(v), nv, nu); err != nil {
			return err
		}
	}
	return nil
}

func cellQuantity(num *numbers.Parser, v, header, unitNote string) (numbers.Quantity, bool) {
	c := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == ',' {
			return -1
		}
		return r
	}, v)
	if c == "" || num == nil {
		return numbers.Quantity{}, false
	}
	if qs := num.Scan(c); len(qs) == 1 && qs[0].End-qs[0].Start >= len(c)-len("以上") {
		return qs[0], true
	}
	x, n, ok := numbers.ParseNumber(c)
	if !ok || n != len(c) {
		return numbers.Quantity{}, false
	}
	for _, src := range []string{header, unitNote} {
		if m := headerUnit.FindStringSubmatch(src); m != nil {
			u := strings.TrimPrefix(strings.TrimPrefix(m[1], "单位:"), "单位：")
			if qs := num.Scan(c + u); len(qs) == 1 {
				return qs[0], true
			}
		}
	}
	return numbers.Quantity{Num: x, NormValue: x}, true
}

// pages returns the first and last page of sp as SQL values (NULL when the
// document has no pages or sp is unset).
func pages(pg *schema.Pager, sp schema.Span) (any, any) {
	a, b := pg.Span(sp)
	if a == 0 {
		return nil, nil
	}
	return a, b
}
