package postgres

// The run bookkeeping, as in the SQLite sink (output/sqlite/files.go): one
// runs row per policyx run, one files row per path walked or given. Several
// processes run at once here, so a run left "running" is interrupted only
// when the backend of its process is gone.

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"policyx/output/sqlite"
)

// BeginRun records a new run and returns its id; the runs of processes
// that are gone (killed) are marked interrupted first.
func (d *DB) BeginRun(version string, args []string, pid int) (int64, error) {
	if err := d.Flush(); err != nil {
		return 0, err
	}
	ctx := context.Background()
	if args == nil {
		args = []string{}
	}
	a, _ := json.Marshal(args)
	if _, err := d.pool.Exec(ctx, `UPDATE runs r SET status = 'interrupted', message = coalesce(message, 'ended without finishing (killed)')
		WHERE status = 'running' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = r.backend_pid AND a.backend_start = r.backend_start)`); err != nil {
		return 0, err
	}
	var id int64
	if err := d.pool.QueryRow(ctx, allocSQL, "runs", 1).Scan(&id); err != nil {
		return 0, fmt.Errorf("postgres: allocate run id: %w", err)
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO runs (id, version, args_json, pid, started_at, backend_pid, backend_start) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		id, pgText(version), pgText(string(a)), pid, time.Now().UTC().Format(time.RFC3339), int64(d.ownerPID), d.ownerStart)
	return id, err
}

// CountFiles counts the files rows of run by status.
func (d *DB) CountFiles(run int64) (sqlite.RunCounts, error) {
	if err := d.Flush(); err != nil {
		return sqlite.RunCounts{}, err
	}
	rows, err := d.pool.Query(context.Background(), `SELECT status, count(*) FROM files WHERE run_id = $1 GROUP BY status`, run)
	if err != nil {
		return sqlite.RunCounts{}, err
	}
	defer rows.Close()
	return sqlite.ScanCounts(rows)
}

// FinishRun records how run ended, with its files counts. The files rows
// left to another process link to its documents once they are stored.
func (d *DB) FinishRun(run int64, status, message string) error {
	c, err := d.CountFiles(run)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := d.pool.Exec(ctx, `UPDATE files f SET document_id = (SELECT d.id FROM documents d WHERE d.source_sha256 = f.sha256 ORDER BY d.part LIMIT 1)
		WHERE f.run_id = $1 AND f.document_id IS NULL AND f.status IN ('unchanged','duplicate')`, run); err != nil {
		return err
	}
	var msg any
	if message != "" {
		msg = pgText(message)
	}
	_, err = d.pool.Exec(ctx, `UPDATE runs SET finished_at = $1, status = $2, message = $3, n_files = $4, n_processed = $5, n_unchanged = $6,
		n_duplicate = $7, n_skipped = $8, n_failed = $9, n_missing = $10 WHERE id = $11`,
		time.Now().UTC().Format(time.RFC3339), status, msg, c.Files, c.Processed, c.Unchanged, c.Duplicate,
		c.Skipped, c.Failed, c.Missing, run)
	return err
}

// RunFacts counts the documents and facts the paths of run stand for (each
// document once, however many paths share its bytes; failed ones left out).
func (d *DB) RunFacts(run int64) (docs, partial, tables, targets, tasks, checks int, err error) {
	if err = d.Flush(); err != nil {
		return
	}
	err = d.pool.QueryRow(context.Background(), `WITH ds AS (SELECT id, status FROM documents WHERE status != 'failed' AND source_sha256 IN
		(SELECT sha256 FROM files WHERE run_id = $1 AND status IN ('processed','unchanged','duplicate') AND sha256 IS NOT NULL))
		SELECT count(*), count(*) FILTER (WHERE status = 'partial'),
		(SELECT count(*) FROM tables WHERE document_id IN (SELECT id FROM ds)),
		(SELECT count(*) FROM targets WHERE document_id IN (SELECT id FROM ds)),
		(SELECT count(*) FROM tasks WHERE document_id IN (SELECT id FROM ds)),
		(SELECT count(*) FROM checks WHERE document_id IN (SELECT id FROM ds))
		FROM ds`, run).Scan(&docs, &partial, &tables, &targets, &tasks, &checks)
	return
}

// StoredFiles returns every stored SHA-256 with its path and workbook.
func (d *DB) StoredFiles() (map[string]sqlite.StoredFile, error) {
	if err := d.Flush(); err != nil {
		return nil, err
	}
	rows, err := d.pool.Query(context.Background(), `SELECT source_sha256, min(source_path COLLATE "C"), coalesce(max(workbook), ''),
		count(*) FILTER (WHERE status = 'failed') > 0 FROM documents GROUP BY source_sha256`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]sqlite.StoredFile{}
	for rows.Next() {
		var sha string
		var s sqlite.StoredFile
		if err := rows.Scan(&sha, &s.Path, &s.Workbook, &s.Failed); err != nil {
			return nil, err
		}
		out[sha] = s
	}
	return out, rows.Err()
}

// StoredPaths returns every stored source path.
func (d *DB) StoredPaths() ([]sqlite.StoredPath, error) {
	if err := d.Flush(); err != nil {
		return nil, err
	}
	rows, err := d.pool.Query(context.Background(), `SELECT d.id, d.source_path, d.source_sha256, coalesce(d.workbook, ''),
		coalesce((SELECT f.path FROM files f WHERE f.document_id = d.id AND f.display_path = d.source_path ORDER BY f.id DESC LIMIT 1),
		         convert_to(d.source_path, 'UTF8'))
		FROM documents d ORDER BY d.source_path COLLATE "C", d.part`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sqlite.StoredPath
	for rows.Next() {
		var id int64
		var disp, sha, wb string
		var raw []byte
		if err := rows.Scan(&id, &disp, &sha, &wb, &raw); err != nil {
			return nil, err
		}
		out = sqlite.AddStoredPath(out, id, disp, sha, wb, raw)
	}
	return out, rows.Err()
}

// DeleteDocuments deletes documents (and every row that hangs on them) in
// one transaction (-prune); files rows keep their history with no document.
func (d *DB) DeleteDocuments(ids []int64) error {
	if err := d.Flush(); err != nil {
		return err
	}
	ctx := context.Background()
	return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock_shared(hashtext($1))`, d.linksKey()); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM documents WHERE id = ANY($1)`, ids)
		return err
	})
}
