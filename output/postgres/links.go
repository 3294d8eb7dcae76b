package postgres

// References between documents are resolved by the SQLite sink's own code
// (output/sqlite ResolveLinks) over a copy of what it reads — documents
// (without their text), document_links and targets — in the staging
// database; what changed is written back in the same transaction, which
// holds the schema's links lock exclusively: writers of other processes
// wait, and each process resolves the whole database after its last batch,
// so the last one to finish leaves every reference resolved.

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"

	"policyx/output/sqlite"
)

// LinkCounts counts the stored references, resolved ones and target pairs.
func (d *DB) LinkCounts() (sqlite.LinkStats, error) {
	var s sqlite.LinkStats
	if err := d.Flush(); err != nil {
		return s, err
	}
	err := d.pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM document_links), (SELECT count(*) FROM document_links WHERE target_document_id IS NOT NULL),
		(SELECT count(*) FROM target_pairs)`).Scan(&s.Links, &s.Resolved, &s.Pairs)
	return s, err
}

// resolveReads are the tables ResolveLinks reads, with the columns left out.
var resolveReads = []struct{ table, skip string }{{"documents", "text"}, {"document_links", ""}, {"targets", ""}}

// ResolveLinks finds, for every reference of the database, the document it
// names and rebuilds target_pairs, as the SQLite sink does. tok segments
// indicator subjects (gse).
func (d *DB) ResolveLinks(tok func(string) []string) (sqlite.LinkStats, error) {
	if err := d.Flush(); err != nil {
		return sqlite.LinkStats{}, err
	}
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, d.linksKey()); err != nil {
			return err
		}
		d.clearStaging()
		defer d.clearStaging()
		if err := d.stageLinks(ctx, tx); err != nil {
			return fmt.Errorf("postgres: resolve links: %w", err)
		}
		if _, err := d.mem.ResolveLinks(tok); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		if err := d.writeLinks(ctx, tx); err != nil {
			return fmt.Errorf("postgres: resolve links: %w", err)
		}
		return nil
	})
	if err != nil {
		return sqlite.LinkStats{}, err
	}
	return d.LinkCounts()
}

// stageLinks copies what ResolveLinks reads into the staging database.
func (d *DB) stageLinks(ctx context.Context, tx pgx.Tx) error {
	tables, err := d.tables(ctx, tx)
	if err != nil {
		return err
	}
	return withoutForeignKeys(d.mem.SQL(), func(lt *sql.Tx) error {
		for _, t := range tables {
			for _, r := range resolveReads {
				if r.table != t.Name {
					continue
				}
				var cols []string
				for _, c := range t.have {
					if c != r.skip {
						cols = append(cols, c)
					}
				}
				if err := copyToSQLite(ctx, tx, lt, t.Name, cols, t.Name, cols); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// writeLinks writes back the references whose resolution changed and the
// target pairs.
func (d *DB) writeLinks(ctx context.Context, tx pgx.Tx) error {
	mem := d.mem.SQL()
	rows, err := mem.Query(`SELECT id, target_document_id, resolved_by, cited_title, cited_number FROM document_links`)
	if err != nil {
		return err
	}
	var res [][]any
	for rows.Next() {
		var id int64
		var target sql.NullInt64
		var by, title, number sql.NullString
		if err := rows.Scan(&id, &target, &by, &title, &number); err != nil {
			rows.Close()
			return err
		}
		res = append(res, []any{id, nullable(target.Int64, target.Valid), nullable(by.String, by.Valid),
			nullable(title.String, title.Valid), nullable(number.String, number.Valid)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE link_res (id BIGINT, target BIGINT, by TEXT, title TEXT, number TEXT) ON COMMIT DROP`); err != nil {
		return err
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"link_res"}, []string{"id", "target", "by", "title", "number"}, pgx.CopyFromRows(res)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE document_links l SET target_document_id = r.target, resolved_by = r.by, cited_title = r.title, cited_number = r.number
		FROM link_res r WHERE l.id = r.id AND (l.target_document_id IS DISTINCT FROM r.target OR l.resolved_by IS DISTINCT FROM r.by
			OR l.cited_title IS DISTINCT FROM r.title OR l.cited_number IS DISTINCT FROM r.number)`); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM target_pairs`); err != nil {
		return err
	}
	st, err := d.readTable(d.der.Table("target_pairs"))
	if err != nil || st == nil {
		return err
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"target_pairs"}, st.cols, pgx.CopyFromRows(st.rows))
	return err
}

func nullable[T any](v T, ok bool) any {
	if !ok {
		return nil
	}
	return v
}
