package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"

	"policyx/output/sqlite"
)

// ExportSQLite copies every table that the SQLite DDL and this PostgreSQL
// schema share (the contract's tables among them) into a new SQLite
// database at path, ids unchanged, and the full-text tokens into its
// documents_fts: the scorer and the summary workbook read that file. path
// must not exist.
func (d *DB) ExportSQLite(ctx context.Context, path string) (err error) {
	if err := d.Flush(); err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s: exists; export writes a new database", path)
	}
	out, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
		}
	}()
	tables, err := d.tables(ctx, d.pool)
	if err != nil {
		return err
	}
	return withoutForeignKeys(out.SQL(), func(tx *sql.Tx) error {
		for _, t := range tables {
			if len(t.have) == 0 || notCopied[t.Name] {
				continue
			}
			if err := copyToSQLite(ctx, d.pool, tx, t.Name, t.have, t.Name, t.have); err != nil {
				return fmt.Errorf("export %s: %w", t.Name, err)
			}
		}
		if !out.FullText() {
			return nil
		}
		// The gse words as stored; the trigram index is FTS5's own.
		if err := copyToSQLite(ctx, d.pool, tx, "documents_fts", []string{"document_id", "tokens"}, "documents_words", []string{"rowid", "tokens"}); err != nil {
			return fmt.Errorf("export documents_words: %w", err)
		}
		if _, err := tx.Exec(`INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')`); err != nil {
			return fmt.Errorf("export documents_fts: %w", err)
		}
		return nil
	})
}

// withoutForeignKeys runs fn in one transaction of the SQLite database db
// with its foreign keys off (rows are copied in table order, not in
// reference order), committed when fn returns nil.
func withoutForeignKeys(db *sql.DB, fn func(tx *sql.Tx) error) error {
	if _, err := db.Exec("PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer db.Exec("PRAGMA foreign_keys = ON")
	return sqlite.InTx(db, fn)
}

// copyToSQLite copies the columns cols of the PostgreSQL table src, read
// through q, into the columns dstCols of the SQLite table dst.
func copyToSQLite(ctx context.Context, q querier, tx *sql.Tx, src string, cols []string, dst string, dstCols []string) error {
	ph := strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",")
	stmt, err := tx.Prepare(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", dst, strings.Join(dstCols, ", "), ph))
	if err != nil {
		return err
	}
	defer stmt.Close()
	rows, err := q.Query(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY 1", strings.Join(cols, ", "), src))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		if _, err := stmt.Exec(vals...); err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
	}
	return rows.Err()
}
