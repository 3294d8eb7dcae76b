package schema

import _ "embed"

// DDL creates every table of the output database. It is idempotent
// (CREATE … IF NOT EXISTS) and ends by setting PRAGMA user_version.
//
//go:embed ddl.sql
var DDL string

// FTSDDL creates documents_fts, the FTS5 index over the gse tokens. It
// fails with "no such module: fts5" where SQLite was built without FTS5; the
// rest of the database does not depend on it.
//
//go:embed fts.sql
var FTSDDL string

// UserVersion is the contract version written to PRAGMA user_version.
// Renaming or dropping anything CONTRACT.md lists requires bumping it.
const UserVersion = 1

// ViewsDDL (re)creates the views v_targets, v_tasks, v_tables. It runs
// after DDL and the column migrations, since views name added columns.
//
//go:embed views.sql
var ViewsDDL string

// Descriptions holds the descriptions of tables and columns that are not
// written as comments in the DDL ("table.column text" lines), for
// docs/schema.md (package schemadoc).
//
//go:embed descriptions.txt
var Descriptions string

// ApplicationID is written to PRAGMA application_id (ddl.sql): "polx". A
// database with another non-zero application_id, or none and tables of its
// own, is not policyx's and is never written.
const ApplicationID = 0x706f6c78

// QuotasDDL creates the view quotas (targets read out of tables, with their
// table and row). It runs after the column migrations: it reads
// targets.entity, which an older database gains by ALTER TABLE.
//
//go:embed quotas.sql
var QuotasDDL string
