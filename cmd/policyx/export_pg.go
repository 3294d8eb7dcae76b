package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"policyx/output/postgres"
)

// defaultSource is $POLICYX_DB when it names a PostgreSQL database, else
// out/policy.db.
func defaultSource() string {
	if u := os.Getenv("POLICYX_DB"); postgres.IsURL(u) {
		return u
	}
	return filepath.Join("out", "policy.db")
}

// exportSQLite copies a SQLite source into a new SQLite file.
func exportSQLite(src *sql.DB, dest string, stdout io.Writer) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s: exists; export writes a new database", dest)
	}
	_, err := src.Exec("VACUUM INTO ?", dest)
	return err
}

// exportPostgres exports a PostgreSQL schema: -format sqlite copies the
// tables the SQLite DDL shares with it into a new SQLite file; any other
// format goes through such a copy in a temporary folder.
func exportPostgres(url, schemaName, format string, ex exporter, dest string, stdout, stderr io.Writer) int {
	ctx := context.Background()
	pg, err := postgres.Open(ctx, url, postgres.WithSchema(schemaName))
	if err != nil {
		fmt.Fprintf(stderr, "policyx export: %v\n", err)
		return 1
	}
	defer pg.Close()
	if format == "sqlite" {
		if err := pg.ExportSQLite(ctx, dest); err != nil {
			fmt.Fprintf(stderr, "policyx export: %v\n", err)
			return 1
		}
		return 0
	}
	tmp, err := os.MkdirTemp("", "policyx-export-")
	if err != nil {
		fmt.Fprintf(stderr, "policyx export: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	db := filepath.Join(tmp, "policy.db")
	if err := pg.ExportSQLite(ctx, db); err != nil {
		fmt.Fprintf(stderr, "policyx export: %v\n", err)
		return 1
	}
	src, err := openSource(db)
	if err != nil {
		fmt.Fprintf(stderr, "policyx export: %v\n", err)
		return 1
	}
	defer src.Close()
	if err := ex(src, dest, stdout); err != nil {
		fmt.Fprintf(stderr, "policyx export: %s: %v\n", strings.TrimSpace(format), err)
		return 1
	}
	return 0
}
