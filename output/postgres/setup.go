package postgres

// Creating the schema: the tables derived from the SQLite DDL (ddl.go),
// PostgreSQL's own tables, and the contract version check.

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/jackc/pgx/v5"

	"policyx/schema"
)

const extraDDL = `
CREATE TABLE IF NOT EXISTS documents_fts (
  document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  tokens      TEXT NOT NULL,
  tsv         tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED
);
CREATE INDEX IF NOT EXISTS documents_fts_tsv ON documents_fts USING gin (tsv);
CREATE TABLE IF NOT EXISTS claims (
  sha256      TEXT PRIMARY KEY,
  owner_pid   INTEGER NOT NULL,
  owner_start TIMESTAMPTZ NOT NULL,
  expires     TIMESTAMPTZ NOT NULL,
  done_at     TIMESTAMPTZ,
  status      TEXT
);
CREATE INDEX IF NOT EXISTS files_sha256 ON files(sha256);
ALTER TABLE runs ADD COLUMN IF NOT EXISTS backend_pid INTEGER, ADD COLUMN IF NOT EXISTS backend_start TIMESTAMPTZ;
CREATE TABLE IF NOT EXISTS id_alloc (
  tbl  TEXT PRIMARY KEY,
  next BIGINT NOT NULL
);
CREATE OR REPLACE FUNCTION merge_aliases(a TEXT, b TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce('[' || string_agg(to_json(x)::text, ',' ORDER BY x COLLATE "C") || ']', '[]')
  FROM (SELECT jsonb_array_elements_text(coalesce(a, '[]')::jsonb) AS x
        UNION SELECT jsonb_array_elements_text(coalesce(b, '[]')::jsonb)) s
$$;
`

// setup creates the schema under an advisory lock (several processes start
// together) and checks the contract version in schema_version.
func (d *DB) setup(ctx context.Context) error {
	tx, err := d.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('policyx schema ' || $1::text))`, d.schema); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+d.schema); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	var v int
	err = tx.QueryRow(ctx, `SELECT version FROM schema_version`).Scan(&v)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		if _, err := tx.Exec(ctx, `INSERT INTO schema_version VALUES ($1)`, schema.UserVersion); err != nil {
			return err
		}
	case err != nil:
		return err
	case v != schema.UserVersion:
		return fmt.Errorf("schema_version is %d, this policyx writes %d: use another -db-schema", v, schema.UserVersion)
	}
	tables, err := d.tables(ctx, tx)
	if err != nil {
		return err
	}
	for _, t := range tables { // referenced tables first
		if _, err := tx.Exec(ctx, t.SQL); err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		if len(t.have) == 0 {
			continue
		}
		// Columns added to the DDL after the table was created here.
		for _, c := range t.missing {
			if _, err := tx.Exec(ctx, fmt.Sprintf("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s", t.Name, c.Name, addable(c.Decl))); err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
		}
	}
	for _, ix := range d.der.Indexes {
		if _, err := tx.Exec(ctx, ix); err != nil {
			return fmt.Errorf("%s: %w", ix, err)
		}
	}
	if _, err := tx.Exec(ctx, extraDDL); err != nil {
		return err
	}
	for _, v := range d.der.Views {
		if _, err := tx.Exec(ctx, "SAVEPOINT view"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, v.SQL); err != nil {
			d.Skipped = append(d.Skipped, v.Name)
			if _, err := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT view"); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.Exec(ctx, "RELEASE SAVEPOINT view"); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

var reNotNull = regexp.MustCompile(`(?i)\s+(NOT\s+NULL|PRIMARY\s+KEY|UNIQUE)\b`)

// addable drops the constraints ALTER TABLE ADD COLUMN cannot meet on a
// table that has rows.
func addable(decl string) string { return reNotNull.ReplaceAllString(decl, "") }

// table is a table of the derived schema with the columns it has in the
// database (have, in DDL order) and those it lacks.
type table struct {
	*Table
	have    []string
	missing []Column
}

// tables returns the tables of the derived schema, referenced tables
// first, with the columns they have in d's schema.
func (d *DB) tables(ctx context.Context, q querier) ([]table, error) {
	rows, err := q.Query(ctx, `SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = $1`, d.schema)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		have[s] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []table
	for _, name := range d.der.order() {
		t := table{Table: d.der.Table(name)}
		for _, c := range t.Columns {
			if have[name+"."+c.Name] {
				t.have = append(t.have, c.Name)
			} else {
				t.missing = append(t.missing, c)
			}
		}
		out = append(out, t)
	}
	return out, nil
}
