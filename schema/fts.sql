-- Full-text search over the gse segmentation: tokens joined by spaces.
-- Needs FTS5 (go-sqlite3 build tag sqlite_fts5).
-- Query: SELECT d.title FROM documents_fts f JOIN documents d ON d.id = f.rowid
--        WHERE documents_fts MATCH '高新技术企业';
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(tokens, tokenize = 'unicode61');
