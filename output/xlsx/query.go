package xlsx

import (
	"database/sql"
	"fmt"
)

// stream runs q and yields one row per result row; q runs once per call.
// The query is read and its rows made on a goroutine of their own, handed
// over in batches, while the caller writes the rows before them: SQLite
// and the sheet's encoding each get a core. The database handle may be
// limited to one connection: the goroutine has ended, its rows closed, when
// stream returns.
func stream(db *sql.DB, q string, scan func(*sql.Rows) ([]any, error)) func(func(row) error) error {
	return func(yield func(row) error) error {
		batches := make(chan []row, 4)
		stop := make(chan struct{})
		var qerr error
		go func() {
			defer close(batches)
			qerr = readRows(db, q, scan, batches, stop)
		}()
		var err error
		for b := range batches {
			for _, r := range b {
				if err == nil {
					err = yield(r)
				}
			}
			if err != nil && stop != nil {
				close(stop) // the reader stops; its batches are drained
				stop = nil
			}
		}
		if err != nil {
			return err
		}
		return qerr
	}
}

// streamBatch is how many rows stream hands over at a time.
const streamBatch = 256

// readRows sends the rows of q to out in batches until stop is closed.
func readRows(db *sql.DB, q string, scan func(*sql.Rows) ([]any, error), out chan<- []row, stop <-chan struct{}) error {
	rows, err := db.Query(q)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	batch := make([]row, 0, streamBatch)
	send := func() bool {
		select {
		case out <- batch:
			batch = make([]row, 0, streamBatch)
			return true
		case <-stop:
			return false
		}
	}
	for rows.Next() {
		cells, err := scan(rows)
		if err != nil {
			return err
		}
		if batch = append(batch, row{cells: cells}); len(batch) == streamBatch && !send() {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		send()
	}
	return nil
}
