package sqlite

import "database/sql"

// wtx is a write transaction whose statements are prepared once per
// database, not once per use: a batch runs the same few INSERTs for
// thousands of rows, and SQLite compiling each of them again took about a
// tenth of the writer's time. Statements are bound to the transaction on
// first use (Tx.Stmt reuses the compiled statement of the connection) and
// closed with it; callers must not Close them.
type wtx struct {
	*sql.Tx
	cache *stmtCache
	bound map[string]*sql.Stmt
}

// stmtCache holds a database's prepared write statements. A query first
// seen inside a transaction is prepared for that transaction only and
// added to the cache after it (preparing on the database while the
// transaction holds its only connection would wait forever).
type stmtCache struct {
	prepared map[string]*sql.Stmt
	missed   []string
}

func (c *stmtCache) begin(tx *sql.Tx) *wtx {
	return &wtx{Tx: tx, cache: c, bound: map[string]*sql.Stmt{}}
}

// fill prepares on db the queries the last transaction missed.
func (c *stmtCache) fill(db *sql.DB) {
	for _, q := range c.missed {
		if c.prepared[q] != nil {
			continue
		}
		if s, err := db.Prepare(q); err == nil {
			if c.prepared == nil {
				c.prepared = map[string]*sql.Stmt{}
			}
			c.prepared[q] = s
		}
	}
	c.missed = c.missed[:0]
}

func (c *stmtCache) close() {
	for _, s := range c.prepared {
		s.Close()
	}
	c.prepared = nil
}

// Prepare returns the statement of query q bound to the transaction.
func (t *wtx) Prepare(q string) (*sql.Stmt, error) {
	if s := t.bound[q]; s != nil {
		return s, nil
	}
	var s *sql.Stmt
	if p := t.cache.prepared[q]; p != nil {
		s = t.Tx.Stmt(p)
	} else {
		var err error
		if s, err = t.Tx.Prepare(q); err != nil {
			return nil, err
		}
		t.cache.missed = append(t.cache.missed, q)
	}
	t.bound[q] = s
	return s, nil
}

// Exec runs q (one statement) with args.
func (t *wtx) Exec(q string, args ...any) (sql.Result, error) {
	s, err := t.Prepare(q)
	if err != nil {
		return nil, err
	}
	return s.Exec(args...)
}

// Query runs q (one statement) with args.
func (t *wtx) Query(q string, args ...any) (*sql.Rows, error) {
	s, err := t.Prepare(q)
	if err != nil {
		return nil, err
	}
	return s.Query(args...)
}

// QueryRow runs q (one statement) with args.
func (t *wtx) QueryRow(q string, args ...any) *sql.Row {
	s, err := t.Prepare(q)
	if err != nil {
		return t.Tx.QueryRow(q, args...)
	}
	return s.QueryRow(args...)
}
