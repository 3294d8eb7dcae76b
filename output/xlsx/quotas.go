package xlsx

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// sheetQuotas is summary.xlsx's sheet of the numbers tables assign.
const sheetQuotas = "指标分解"

// maxQuotaCols caps the indicator × year columns of 指标分解; a batch of
// many unrelated tables would otherwise give a sheet nobody can read.
const maxQuotaCols = 1000

// quotaKey is one column of 指标分解: an indicator in a unit for a year.
type quotaKey struct{ subject, year, unit string }

func (k quotaKey) name() string {
	s := k.subject
	if k.unit != "" {
		s += "（" + k.unit + "）"
	}
	if k.year != "" {
		s += " " + k.year + "年"
	}
	return s
}

// quotaPlace is where a target stands in the batch, as one sortable text:
// its document's path and part, and its position in the text.
const quotaPlace = `printf('%s%s%09d%s%012d', d.source_path, char(1), d.part, char(1), coalesce(t.char_start, 0))`

// quotaSheet is 指标分解: one row per entity (district, city, category,
// task) of the commitment tables, one column per indicator × year, so an
// entity's whole burden is one row. Values are as the table writes them, in
// the unit the column names; ≥/≤/约 precede a value that is not exact.
func quotaSheet(db *sql.DB) (*sheet, error) {
	// Columns and rows come in the order their first figure stands in the
	// batch (document path, part, position), as every other summary sheet
	// orders by path: target ids follow the order workers finish documents
	// in, so ordering by id could change between two runs of one batch.
	rows, err := db.Query(`SELECT coalesce(t.subject,''), coalesce(substr(t.deadline,1,4),''), coalesce(t.unit,''), min(`+quotaPlace+`) AS first
		FROM targets t JOIN documents d ON d.id = t.document_id
		WHERE t.source = 'table' AND coalesce(t.entity,'') <> ''
		GROUP BY 1, 2, 3 ORDER BY first, 1, 2, 3 LIMIT ?`, maxQuotaCols)
	if err != nil {
		return nil, err
	}
	idx := map[quotaKey]int{}
	cols := []column{{name: "对象", max: 30}, {name: "文件", max: 30, noWrap: true}, {name: "表格", max: 40}}
	for rows.Next() {
		var k quotaKey
		var first string
		if err := rows.Scan(&k.subject, &k.year, &k.unit, &first); err != nil {
			rows.Close()
			return nil, err
		}
		idx[k] = len(cols)
		cols = append(cols, column{name: k.name(), max: 18})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	const q = `SELECT t.entity, coalesce(t.subject,''), coalesce(substr(t.deadline,1,4),''), coalesce(t.unit,''),
		coalesce(t.value,''), coalesce(t.comparator,''), d.source_path, tb.attachment, tb.title, tb.ordinal,
		min(` + quotaPlace + `) OVER (PARTITION BY t.entity) AS first
		FROM targets t JOIN documents d ON d.id = t.document_id
		LEFT JOIN table_rows r ON r.id = t.table_row_id
		LEFT JOIN tables tb ON tb.id = r.table_id
		WHERE t.source = 'table' AND coalesce(t.entity,'') <> ''
		ORDER BY first, t.entity, d.source_path, d.part, t.char_start, t.id`
	return &sheet{
		name: sheetQuotas,
		cols: cols,
		rows: func(yield func(row) error) error {
			rs, err := db.Query(q)
			if err != nil {
				return fmt.Errorf("query: %w", err)
			}
			defer rs.Close()
			var cur []any
			var ent string
			var files, tabs []string
			flush := func() error {
				if cur == nil {
					return nil
				}
				cur[0], cur[1], cur[2] = ent, strings.Join(files, "、"), strings.Join(tabs, "、")
				err := yield(row{cells: cur})
				cur, files, tabs = nil, nil, nil
				return err
			}
			for rs.Next() {
				var e, val, cmp, p string
				var k quotaKey
				var att, title sql.NullString
				var ord sql.NullInt64
				var first string
				if err := rs.Scan(&e, &k.subject, &k.year, &k.unit, &val, &cmp, &p, &att, &title, &ord, &first); err != nil {
					return err
				}
				if cur != nil && e != ent {
					if err := flush(); err != nil {
						return err
					}
				}
				if cur == nil {
					cur, ent = make([]any, len(cols)), e
				}
				if f := fileName(p); !contains(files, f) {
					files = append(files, f)
				}
				if ord.Valid {
					if n := tableName(att.String, title.String, int(ord.Int64)); !contains(tabs, n) {
						tabs = append(tabs, n)
					}
				}
				c, ok := idx[k]
				if !ok {
					continue // beyond maxQuotaCols
				}
				cur[c] = quotaCell(cur[c], val, cmp)
			}
			if err := rs.Err(); err != nil {
				return err
			}
			return flush()
		},
	}, nil
}

// quotaCell is a value as 指标分解 shows it: a number when exact, else the
// value behind its comparator (≥90); a second value for the same cell is
// appended (76；80), never lost.
func quotaCell(prev any, val, cmp string) any {
	var v any = val
	if f, err := strconv.ParseFloat(val, 64); err == nil && (cmp == "=" || cmp == "") {
		v = quantity(f)
	} else {
		switch cmp {
		case ">=":
			v = "≥" + val
		case "<=":
			v = "≤" + val
		case "~":
			v = "约" + val
		}
	}
	if prev == nil {
		return v
	}
	return fmt.Sprint(prev) + "；" + fmt.Sprint(v)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
