package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"policyx/output/postgres"
)

// exportCmd copies a database into another form. Sources and targets:
//
//	-db postgres://… -o FILE.db   PostgreSQL schema → a new SQLite database
//	                              with the contract's tables (score.py reads it)
func exportCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", os.Getenv("POLICYX_DB"), "PostgreSQL database to export (postgres://…); default $POLICYX_DB")
	dbSchema := fs.String("db-schema", postgres.DefaultSchema, "PostgreSQL schema of -db")
	out := fs.String("o", "", "SQLite database to create (must not exist)")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	if fs.NArg() != 0 || *out == "" || !postgres.IsURL(*db) {
		fmt.Fprintln(stderr, "usage: policyx export -db postgres://… [-db-schema policyx] -o FILE.db")
		return 1
	}
	return exportPostgres(*db, *dbSchema, *out, stderr)
}

func exportPostgres(url, schemaName, out string, stderr io.Writer) int {
	ctx := context.Background()
	pg, err := postgres.Open(ctx, url, postgres.WithSchema(schemaName))
	if err != nil {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
		return 1
	}
	defer pg.Close()
	if err := pg.ExportSQLite(ctx, out); err != nil {
		fmt.Fprintf(stderr, "policyx: export: %v\n", err)
		return 1
	}
	return 0
}
