package schema

import _ "embed"

// DDL creates every table of the output database. It is idempotent
// (CREATE … IF NOT EXISTS) and ends by setting PRAGMA user_version.
//
//go:embed ddl.sql
var DDL string

// UserVersion is the contract version written to PRAGMA user_version.
// Renaming or dropping anything CONTRACT.md lists requires bumping it.
const UserVersion = 1
