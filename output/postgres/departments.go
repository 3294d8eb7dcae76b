package postgres

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
)

// upsertDepartments merges the batch's departments into the table in name
// order (so concurrent writers lock rows in one order): the jurisdiction of
// the batch when it has one, the union of the aliases — what the SQLite sink
// does with a read and an update. Names new here take ids in the order the
// SQLite sink would give them (the staging order); the rows of the batch
// that name a department take the id it has here.
func (d *DB) upsertDepartments(ctx context.Context, tx pgx.Tx, st *stagedTable, staged map[string]*stagedTable) error {
	in := colIndex(st.cols, "name")
	names := make([]string, len(st.rows))
	for i, r := range st.rows {
		names[i], _ = r[in].(string)
	}
	old := map[string]bool{}
	rows, err := tx.Query(ctx, `SELECT name FROM departments WHERE name = ANY($1)`, names)
	if err != nil {
		return fmt.Errorf("postgres: departments: %w", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		old[n] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// New names: ids from id_alloc, in staging (SQLite) order.
	sort.SliceStable(st.rows, func(i, j int) bool { return st.rows[i][st.idAt].(int64) < st.rows[j][st.idAt].(int64) })
	newID := map[int64]int64{}
	var fresh []int64
	for _, r := range st.rows {
		if n, _ := r[in].(string); !old[n] {
			fresh = append(fresh, r[st.idAt].(int64))
		}
	}
	if len(fresh) > 0 {
		var first int64
		if err := tx.QueryRow(ctx, allocSQL, "departments", int64(len(fresh))).Scan(&first); err != nil {
			return fmt.Errorf("postgres: departments ids: %w", err)
		}
		for k, id := range fresh {
			newID[id] = first + int64(k)
		}
	}
	sort.SliceStable(st.rows, func(i, j int) bool { return fmt.Sprint(st.rows[i][in]) < fmt.Sprint(st.rows[j][in]) })
	ids, err := d.upsertDepartmentRows(ctx, tx, st, newID)
	if err != nil {
		return err
	}
	for _, other := range staged {
		for j, c := range other.t.Columns {
			if c.Ref != "departments" {
				continue
			}
			for _, r := range other.rows {
				if v, ok := r[j].(int64); ok {
					if id, ok := ids[v]; ok {
						r[j] = id
					}
				}
			}
		}
	}
	return nil
}

// upsertDepartmentRows inserts or merges st's rows, in their order, in one
// statement and returns the id each staged id has here.
func (d *DB) upsertDepartmentRows(ctx context.Context, tx pgx.Tx, st *stagedTable, newID map[int64]int64) (map[int64]int64, error) {
	var sets, unnest []string
	cols := make([][]any, len(st.cols))
	for i, c := range st.cols {
		unnest = append(unnest, fmt.Sprintf("$%d::%s[]", i+1, arrayType(st.t.Columns[i].Decl)))
		switch c {
		case "id", "name":
		case "aliases_json":
			sets = append(sets, "aliases_json = merge_aliases(departments.aliases_json, excluded.aliases_json)")
		default:
			sets = append(sets, fmt.Sprintf("%s = coalesce(excluded.%s, departments.%s)", c, c, c))
		}
	}
	in := colIndex(st.cols, "name")
	for _, r := range st.rows {
		for i, v := range r {
			if i == st.idAt {
				// An existing name keeps its id; NOT NULL is checked before
				// the conflict, so it gets a placeholder no row has.
				id, ok := newID[v.(int64)]
				if !ok {
					id = -v.(int64)
				}
				v = id
			}
			cols[i] = append(cols[i], v)
		}
	}
	q := fmt.Sprintf("INSERT INTO departments (%s) SELECT * FROM unnest(%s) ON CONFLICT (name) DO UPDATE SET %s RETURNING id, name",
		strings.Join(st.cols, ", "), strings.Join(unnest, ", "), strings.Join(sets, ", "))
	args := make([]any, len(cols))
	for i, c := range cols {
		args[i] = typedArray(arrayType(st.t.Columns[i].Decl), c)
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: departments: %w", err)
	}
	defer rows.Close()
	byName := map[string]int64{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("postgres: departments: %w", err)
		}
		byName[name] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: departments: %w", err)
	}
	ids := map[int64]int64{}
	for _, r := range st.rows {
		n, _ := r[in].(string)
		ids[r[st.idAt].(int64)] = byName[n]
	}
	return ids, nil
}

// arrayType is the PostgreSQL element type of a derived column declaration.
func arrayType(decl string) string {
	switch f := strings.Fields(strings.ToUpper(decl)); {
	case len(f) == 0:
		return "text"
	case f[0] == "BIGINT":
		return "bigint"
	case f[0] == "DOUBLE":
		return "float8"
	case f[0] == "BYTEA":
		return "bytea"
	}
	return "text"
}

// typedArray is vs as a slice pgx encodes as an array of typ (nil: NULL).
func typedArray(typ string, vs []any) any {
	switch typ {
	case "bigint":
		return typed[int64](vs)
	case "float8":
		return typed[float64](vs)
	case "bytea":
		out := make([][]byte, len(vs))
		for i, v := range vs {
			switch x := v.(type) {
			case []byte:
				out[i] = x
			case string:
				out[i] = []byte(x)
			}
		}
		return out
	}
	return typed[string](vs)
}

func typed[T any](vs []any) []*T {
	out := make([]*T, len(vs))
	for i, v := range vs {
		if x, ok := v.(T); ok {
			out[i] = &x
		}
	}
	return out
}
