package xlsx

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"
)

// TestStreamStops: rows come in order across batches; a sheet that stops
// early (an error while writing) or a row that does not scan ends the
// query, and the database's one connection is free again at once.
func TestStreamStops(t *testing.T) {
	db := buildDB(t, t.TempDir())
	defer db.Close()
	const q = `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000) SELECT i FROM c`
	scan := func(r *sql.Rows) ([]any, error) {
		var i int
		if err := r.Scan(&i); err != nil {
			return nil, err
		}
		if i == 1500 {
			return nil, errors.New("bad row 1500")
		}
		return []any{i}, nil
	}
	stop := errors.New("stop")
	n := 0
	err := stream(db.SQL(), q, scan)(func(r row) error {
		n++
		if r.cells[0] != n {
			t.Fatalf("row %d holds %v", n, r.cells[0])
		}
		if n == 700 {
			return stop
		}
		return nil
	})
	if err != stop || n != 700 {
		t.Fatalf("stopped at %d: %v", n, err)
	}
	n = 0
	err = stream(db.SQL(), q, scan)(func(row) error { n++; return nil })
	if err == nil || err.Error() != "bad row 1500" || n > 1499 {
		t.Fatalf("scan error: %v after %d rows", err, n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var one int
	if err := db.SQL().QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		t.Fatalf("connection still held: %v", err)
	}
}
