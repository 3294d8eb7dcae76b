package postgres

// The staging database: the SQLite sink writes a batch into an in-memory
// SQLite database with its own code, and these rows, renumbered into
// blocks of ids allocated in PostgreSQL, are what is copied.

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// table rows read from the staging database.
type stagedTable struct {
	t    *Table
	cols []string
	rows [][]any
	min  int64 // smallest id (when the table has an id)
	n    int64 // ids to allocate
	idAt int   // index of the id column, -1 when none
}

// notCopied are the staging tables that are SQLite's own bookkeeping.
var notCopied = map[string]bool{"fts_state": true}

// readStaging reads every table of the staging database.
func (d *DB) readStaging() (map[string]*stagedTable, error) {
	out := map[string]*stagedTable{}
	for i := range d.der.Tables {
		t := &d.der.Tables[i]
		if notCopied[t.Name] {
			continue
		}
		st, err := d.readTable(t)
		if err != nil {
			return nil, err
		}
		if st != nil {
			out[t.Name] = st
		}
	}
	return out, nil
}

// readTable reads the rows of one staging table, nil when it has none.
func (d *DB) readTable(t *Table) (*stagedTable, error) {
	st := &stagedTable{t: t, idAt: -1}
	for j, c := range t.Columns {
		st.cols = append(st.cols, c.Name)
		if c.Name == "id" && strings.Contains(strings.ToUpper(c.Decl), "PRIMARY KEY") {
			st.idAt = j
		}
	}
	rows, err := d.mem.SQL().Query("SELECT " + strings.Join(st.cols, ", ") + " FROM " + t.Name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Name, err)
	}
	defer rows.Close()
	var lo, hi int64
	for rows.Next() {
		r := make([]any, len(st.cols))
		ptr := make([]any, len(r))
		for k := range r {
			ptr[k] = &r[k]
		}
		if err := rows.Scan(ptr...); err != nil {
			return nil, err
		}
		for k, v := range r {
			switch x := v.(type) {
			case []byte:
				r[k] = pgText(string(x))
			case string:
				r[k] = pgText(x)
			}
		}
		if st.idAt >= 0 {
			id, _ := r[st.idAt].(int64)
			if len(st.rows) == 0 || id < lo {
				lo = id
			}
			if len(st.rows) == 0 || id > hi {
				hi = id
			}
		}
		st.rows = append(st.rows, r)
	}
	if err := rows.Err(); err != nil || len(st.rows) == 0 {
		return nil, err
	}
	if st.idAt >= 0 {
		st.min, st.n = lo, hi-lo+1
	}
	return st, nil
}

// renumber moves a staged table's ids, and the ids it references, into the
// blocks allocated for this batch; documents move as docIDs says.
func (d *DB) renumber(st *stagedTable, base, mins map[string]int64, docIDs map[int64]int64) {
	type ref struct {
		at    int
		table string
	}
	var refs []ref
	for j, c := range st.t.Columns {
		if c.Ref != "" {
			refs = append(refs, ref{j, c.Ref})
		}
	}
	move := func(table string, v int64) int64 {
		if table == "documents" {
			return docIDs[v]
		}
		if b, ok := base[table]; ok {
			return b + v - mins[table]
		}
		return v
	}
	for _, r := range st.rows {
		if st.idAt >= 0 {
			r[st.idAt] = move(st.t.Name, r[st.idAt].(int64))
		}
		for _, f := range refs {
			if v, ok := r[f.at].(int64); ok {
				r[f.at] = move(f.table, v)
			}
		}
	}
}

// documentIDs gives the staged documents their ids: the one a document of
// the same bytes and part has (the SQLite sink keeps ids across
// re-processing), else the next of a block taken from id_alloc.
func (d *DB) documentIDs(ctx context.Context, st *stagedTable) (map[int64]int64, error) {
	is, ip := colIndex(st.cols, "source_sha256"), colIndex(st.cols, "part")
	var shas []string
	for _, r := range st.rows {
		shas = append(shas, r[is].(string))
	}
	old := map[string]int64{}
	rows, err := d.pool.Query(ctx, `SELECT source_sha256, part, id FROM documents WHERE source_sha256 = ANY($1)`, shas)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var sha string
		var part, id int64
		if err := rows.Scan(&sha, &part, &id); err != nil {
			rows.Close()
			return nil, err
		}
		old[fmt.Sprintf("%s\x00%d", sha, part)] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(st.rows, func(i, j int) bool { return st.rows[i][st.idAt].(int64) < st.rows[j][st.idAt].(int64) })
	ids := map[int64]int64{}
	var fresh []int64
	for _, r := range st.rows {
		if id, ok := old[fmt.Sprintf("%v\x00%v", r[is], r[ip])]; ok {
			ids[r[st.idAt].(int64)] = id
		} else {
			fresh = append(fresh, r[st.idAt].(int64))
		}
	}
	base, err := d.allocate(ctx, map[string]int64{"documents": int64(len(fresh))})
	if err != nil {
		return nil, err
	}
	for k, v := range fresh {
		ids[v] = base["documents"] + int64(k)
	}
	return ids, nil
}

func (d *DB) clearStaging() {
	db := d.mem.SQL()
	order := d.der.order()
	db.Exec("PRAGMA foreign_keys = OFF")
	for i := len(order) - 1; i >= 0; i-- {
		db.Exec("DELETE FROM " + order[i])
	}
	db.Exec("PRAGMA foreign_keys = ON")
}
