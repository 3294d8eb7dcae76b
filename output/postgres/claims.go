package postgres

import (
	"context"
	"fmt"
)

// Claim takes the file with this SHA-256 for this process. It returns false
// when another live process holds it, or when it was finished since this
// run started (or before, unless redo, or it failed then). A claim is taken
// over when its process's backend is gone or it expired.
func (d *DB) Claim(sha string, redo bool) (bool, error) {
	tag, err := d.pool.Exec(context.Background(), `INSERT INTO claims AS c (sha256, owner_pid, owner_start, expires)
		VALUES ($1, $2, $3, now() + $4 * interval '1 second')
		ON CONFLICT (sha256) DO UPDATE SET owner_pid = excluded.owner_pid, owner_start = excluded.owner_start,
			expires = excluded.expires, done_at = NULL, status = NULL
		WHERE (c.done_at IS NULL AND (c.expires < now() OR NOT EXISTS (
				SELECT 1 FROM pg_stat_activity a WHERE a.pid = c.owner_pid AND a.backend_start = c.owner_start)))
		   OR (c.done_at IS NOT NULL AND c.done_at < $5 AND ($6 OR c.status = 'failed'))`,
		sha, int64(d.ownerPID), d.ownerStart, d.ttl.Seconds(), d.runStart, redo)
	if err != nil {
		return false, fmt.Errorf("postgres: claim %s: %w", sha, err)
	}
	return tag.RowsAffected() == 1, nil
}
