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

// upsertDepartmentRows inserts or merges st's rows in their order and
// returns the id each staged id has here.
func (d *DB) upsertDepartmentRows(ctx context.Context, tx pgx.Tx, st *stagedTable, newID map[int64]int64) (map[int64]int64, error) {
	var sets []string
	ph := make([]string, len(st.cols))
	for i, c := range st.cols {
		ph[i] = fmt.Sprintf("$%d", i+1)
		switch c {
		case "id", "name":
		case "aliases_json":
			sets = append(sets, "aliases_json = merge_aliases(departments.aliases_json, excluded.aliases_json)")
		default:
			sets = append(sets, fmt.Sprintf("%s = coalesce(excluded.%s, departments.%s)", c, c, c))
		}
	}
	q := fmt.Sprintf("INSERT INTO departments (%s) VALUES (%s) ON CONFLICT (name) DO UPDATE SET %s RETURNING id",
		strings.Join(st.cols, ", "), strings.Join(ph, ", "), strings.Join(sets, ", "))
	b := &pgx.Batch{}
	for _, r := range st.rows {
		args := append([]any(nil), r...)
		// An existing name keeps its id; NOT NULL is checked before the
		// conflict, so it gets a placeholder no row has.
		args[st.idAt] = -r[st.idAt].(int64)
		if id, ok := newID[r[st.idAt].(int64)]; ok {
			args[st.idAt] = id
		}
		b.Queue(q, args...)
	}
	ids := map[int64]int64{}
	br := tx.SendBatch(ctx, b)
	defer br.Close()
	for _, r := range st.rows {
		var id int64
		if err := br.QueryRow().Scan(&id); err != nil {
			return nil, fmt.Errorf("postgres: departments: %w", err)
		}
		ids[r[st.idAt].(int64)] = id
	}
	return ids, br.Close()
}
