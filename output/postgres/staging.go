package postgres

// The staging database: the SQLite sink writes a batch into an in-memory
// SQLite database with its own code, and these rows, renumbered into
// blocks of ids allocated in PostgreSQL, are what is copied.

import (
	"fmt"
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
// blocks allocated for this batch.
func (d *DB) renumber(st *stagedTable, base, mins map[string]int64) {
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
	b, own := base[st.t.Name]
	for _, r := range st.rows {
		if own && st.idAt >= 0 {
			r[st.idAt] = b + r[st.idAt].(int64) - st.min
		}
		for _, f := range refs {
			v, ok := r[f.at].(int64)
			if !ok {
				continue
			}
			if b, ok := base[f.table]; ok {
				r[f.at] = b + v - mins[f.table]
			}
		}
	}
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
