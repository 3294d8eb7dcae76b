package postgres

import (
	"context"
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
	db := out.SQL()
	pgCols, err := d.columns(ctx, d.pool)
	if err != nil {
		return err
	}
	if _, err := db.Exec("PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	copyTable := func(table string, cols []string, dst string, dstCols []string) error {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",")
		stmt, err := tx.Prepare(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", dst, strings.Join(dstCols, ", "), ph))
		if err != nil {
			return err
		}
		defer stmt.Close()
		rows, err := d.pool.Query(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY 1", strings.Join(cols, ", "), table))
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
				return fmt.Errorf("%s: %w", table, err)
			}
		}
		return rows.Err()
	}
	for _, name := range d.der.order() {
		t := d.der.Table(name)
		var cols []string
		for _, c := range t.Columns {
			if pgCols[name+"."+c.Name] {
				cols = append(cols, c.Name)
			}
		}
		if len(cols) == 0 || notCopied[name] {
			continue
		}
		if err := copyTable(name, cols, name, cols); err != nil {
			return fmt.Errorf("export %s: %w", name, err)
		}
	}
	if out.FullText() {
		// The gse words as stored; the trigram index is FTS5's own.
		if err := copyTable("documents_fts", []string{"document_id", "tokens"}, "documents_words", []string{"rowid", "tokens"}); err != nil {
			return fmt.Errorf("export documents_words: %w", err)
		}
		if _, err := tx.Exec(`INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')`); err != nil {
			return fmt.Errorf("export documents_fts: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.Exec("PRAGMA foreign_keys = ON")
	return err
}
