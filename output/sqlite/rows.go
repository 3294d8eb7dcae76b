package sqlite

import "database/sql"

// querier runs a query: a *sql.DB or a *sql.Tx.
type querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// eachRow runs query with args and calls scan for every row; the rows are
// closed when it returns, so another query may follow on a database of one
// connection.
func eachRow(q querier, scan func(*sql.Rows) error, query string, args ...any) error {
	rows, err := q.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
