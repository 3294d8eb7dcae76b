-- policyx output database, contract v1 (see ../shared/eval/CONTRACT.md and README.md).
-- Character offsets (char_start, char_end) count Unicode code points in
-- documents.text, end exclusive.
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS documents (
  id            INTEGER PRIMARY KEY,
  source_path   TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  part          INTEGER NOT NULL DEFAULT 1,
  format        TEXT NOT NULL,
  title         TEXT,
  doc_number    TEXT,
  issuer        TEXT,
  issue_date    TEXT,
  jurisdiction  TEXT,
  status        TEXT NOT NULL CHECK (status IN ('ok','partial','failed')),
  error         TEXT,
  text          TEXT,
  n_pages       INTEGER,
  page_start    INTEGER,
  page_end      INTEGER,
  workbook      TEXT,
  run_id        INTEGER REFERENCES runs(id),
  processed_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (source_sha256, part)
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(source_path);

CREATE TABLE IF NOT EXISTS sections (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  parent_id   INTEGER REFERENCES sections(id) ON DELETE CASCADE,
  level       INTEGER NOT NULL,
  label       TEXT,
  title       TEXT,
  char_start  INTEGER NOT NULL,
  char_end    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sections_document ON sections(document_id);

CREATE TABLE IF NOT EXISTS tables (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  attachment  TEXT,
  title       TEXT,
  unit_note   TEXT,
  note        TEXT,
  header_json TEXT NOT NULL,
  n_rows      INTEGER NOT NULL,
  char_start  INTEGER NOT NULL,
  char_end    INTEGER NOT NULL,
  page        INTEGER,
  page_end    INTEGER
);
CREATE INDEX IF NOT EXISTS tables_document ON tables(document_id);

CREATE TABLE IF NOT EXISTS table_rows (
  id          INTEGER PRIMARY KEY,
  table_id    INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  row_index   INTEGER NOT NULL,
  seq         TEXT,
  group_label TEXT,
  is_total    INTEGER NOT NULL DEFAULT 0,
  cells_json  TEXT NOT NULL,
  char_start  INTEGER,
  char_end    INTEGER,
  page        INTEGER,
  page_end    INTEGER
);
CREATE INDEX IF NOT EXISTS table_rows_table ON table_rows(table_id);

-- Every cell of table_rows.cells_json in long form, so SQL can filter cells.
CREATE TABLE IF NOT EXISTS table_cells (
  table_id   INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  row_id     INTEGER NOT NULL REFERENCES table_rows(id) ON DELETE CASCADE,
  col        INTEGER NOT NULL,
  header     TEXT,
  value      TEXT NOT NULL,
  norm_value REAL,
  norm_unit  TEXT,
  PRIMARY KEY (row_id, col)
);
CREATE INDEX IF NOT EXISTS table_cells_table ON table_cells(table_id);

CREATE TABLE IF NOT EXISTS checks (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_id    INTEGER REFERENCES tables(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  message     TEXT NOT NULL,
  char_start  INTEGER,
  char_end    INTEGER
);
CREATE INDEX IF NOT EXISTS checks_document ON checks(document_id);

CREATE TABLE IF NOT EXISTS targets (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section_id   INTEGER REFERENCES sections(id) ON DELETE SET NULL,
  kind         TEXT NOT NULL,
  subject      TEXT,
  value        TEXT,
  unit         TEXT,
  norm_value   REAL,
  norm_unit    TEXT,
  comparator   TEXT,
  deadline     TEXT,
  period       TEXT,
  scope        TEXT,
  sentence     TEXT,
  char_start   INTEGER,
  char_end     INTEGER,
  source       TEXT NOT NULL DEFAULT 'text',
  table_row_id INTEGER REFERENCES table_rows(id) ON DELETE SET NULL,
  page         INTEGER,
  page_end     INTEGER,
  sentence_start INTEGER,
  sentence_end   INTEGER,
  entity       TEXT  -- the row's name cell of a quota (source = 'table')
);
CREATE INDEX IF NOT EXISTS targets_document ON targets(document_id);

CREATE TABLE IF NOT EXISTS tasks (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section_id   INTEGER REFERENCES sections(id) ON DELETE SET NULL,
  label        TEXT,
  title        TEXT,
  char_start   INTEGER,
  char_end     INTEGER,
  table_row_id INTEGER REFERENCES table_rows(id) ON DELETE SET NULL,
  page         INTEGER,
  page_end     INTEGER
);
CREATE INDEX IF NOT EXISTS tasks_document ON tasks(document_id);

CREATE TABLE IF NOT EXISTS task_departments (
  task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('lead','support','responsible')),
  ordinal    INTEGER NOT NULL,
  mention    TEXT NOT NULL,
  department TEXT NOT NULL,
  department_id INTEGER REFERENCES departments(id),
  PRIMARY KEY (task_id, role, ordinal)
);
CREATE INDEX IF NOT EXISTS task_departments_department ON task_departments(department);

CREATE TABLE IF NOT EXISTS departments (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  jurisdiction TEXT,
  aliases_json TEXT NOT NULL DEFAULT '[]'
);

-- Positioned problems found while reading or extracting (not contract v1).
CREATE TABLE IF NOT EXISTS diagnostics (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  severity    TEXT NOT NULL,
  stage       TEXT NOT NULL,
  page        INTEGER,
  char_start  INTEGER,
  char_end    INTEGER,
  message     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS diagnostics_document ON diagnostics(document_id);

-- Bookkeeping of the full-text indexes of fts.sql: a build without FTS5 that
-- changed documents sets stale, and the next build with FTS5 rebuilds them.
CREATE TABLE IF NOT EXISTS fts_state (
  name  TEXT PRIMARY KEY,
  stale INTEGER NOT NULL DEFAULT 0
);


-- One row per `policyx run` (not contract v1): what was asked and how it ended.
CREATE TABLE IF NOT EXISTS runs (
  id          INTEGER PRIMARY KEY,
  version     TEXT NOT NULL,
  args_json   TEXT NOT NULL DEFAULT '[]',
  pid         INTEGER NOT NULL,
  started_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  finished_at TEXT,
  status      TEXT NOT NULL DEFAULT 'running'
              CHECK (status IN ('running','ok','failed','interrupted','error')),
  message     TEXT,
  n_files     INTEGER NOT NULL DEFAULT 0,
  n_processed INTEGER NOT NULL DEFAULT 0,
  n_unchanged INTEGER NOT NULL DEFAULT 0,
  n_duplicate INTEGER NOT NULL DEFAULT 0,
  n_skipped   INTEGER NOT NULL DEFAULT 0,
  n_failed    INTEGER NOT NULL DEFAULT 0,
  n_missing   INTEGER NOT NULL DEFAULT 0
);

-- One row per path walked or given, per run (not contract v1): what became
-- of it. path holds the name's bytes exactly; display_path is its UTF-8 form
-- (invalid bytes as \xHH), the same as documents.source_path.
CREATE TABLE IF NOT EXISTS files (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  path         BLOB NOT NULL,
  display_path TEXT NOT NULL,
  sha256       TEXT,
  status       TEXT NOT NULL
               CHECK (status IN ('processed','unchanged','duplicate','skipped','failed','missing')),
  message      TEXT,
  document_id  INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  UNIQUE (run_id, path)
);
CREATE INDEX IF NOT EXISTS files_path ON files(path);
CREATE INDEX IF NOT EXISTS files_document ON files(document_id);

-- Foreign keys that replacing a document's rows follows (ON DELETE).
CREATE INDEX IF NOT EXISTS sections_parent ON sections(parent_id);
CREATE INDEX IF NOT EXISTS targets_section ON targets(section_id);
CREATE INDEX IF NOT EXISTS targets_table_row ON targets(table_row_id);
CREATE INDEX IF NOT EXISTS tasks_section ON tasks(section_id);
CREATE INDEX IF NOT EXISTS tasks_table_row ON tasks(table_row_id);
CREATE INDEX IF NOT EXISTS checks_table ON checks(table_id);
-- References between documents (issue 18): a 《title》, a 文号 or a 附件 list
-- entry of document_id, and the document of this database it names
-- (target_document_id, NULL until one is loaded). Resolution runs after
-- every batch over the whole database (output/sqlite ResolveLinks).
CREATE TABLE IF NOT EXISTS document_links (
  id                 INTEGER PRIMARY KEY,
  document_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind               TEXT NOT NULL CHECK (kind IN ('cites','implements','repeals','amends','attachment_of')),
  cited_title        TEXT,
  cited_number       TEXT,
  target_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  char_start         INTEGER,
  char_end           INTEGER,
  sentence           TEXT,
  attachment         TEXT,  -- attachment_of: the attachment's title
  role               TEXT,  -- attachment_of: 'notice' (row in the notice) or 'attachment' (row in the attachment)
  resolved_by        TEXT   -- 'number', 'title' or 'attachment'; NULL when unresolved
);
CREATE INDEX IF NOT EXISTS document_links_document ON document_links(document_id);
CREATE INDEX IF NOT EXISTS document_links_target ON document_links(target_document_id);

-- Targets of a lower-level document paired with those of a higher-level one
-- for the same indicator and year (filled by ResolveLinks): the higher one
-- assigns the lower one's jurisdiction a quota (a table row or a scoped
-- target), or the lower one implements or cites it.
CREATE TABLE IF NOT EXISTS target_pairs (
  id                INTEGER PRIMARY KEY,
  upper_target_id   INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  lower_target_id   INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  upper_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  lower_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  indicator         TEXT,
  year              INTEGER,
  upper_value       REAL,
  lower_value       REAL,
  unit              TEXT,
  relation          TEXT CHECK (relation IN ('same','raised','lowered')),
  basis             TEXT,  -- 'quota' (table row of the lower jurisdiction), 'scope' (text target scoped to it), 'link'
  score             REAL   -- indicator likeness, 0..1
);
CREATE INDEX IF NOT EXISTS target_pairs_upper ON target_pairs(upper_target_id);
CREATE INDEX IF NOT EXISTS target_pairs_lower ON target_pairs(lower_target_id);
CREATE INDEX IF NOT EXISTS target_pairs_udoc ON target_pairs(upper_document_id);
CREATE INDEX IF NOT EXISTS target_pairs_ldoc ON target_pairs(lower_document_id);

-- documents_fts, the full-text index, is in fts.sql: it needs SQLite's FTS5
-- (build tag sqlite_fts5) and is left out where that is missing.

PRAGMA user_version = 1;
-- Marks the file as a policyx database ("polx"); policyx refuses any other.
PRAGMA application_id = 1886350456;
