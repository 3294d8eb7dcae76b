-- Full-text search. Needs FTS5 (go-sqlite3 build tag sqlite_fts5); a build
-- without it writes everything else and marks the index stale, and the next
-- build with FTS5 rebuilds it (see docs/schema.md, "Full-text search").

-- Trigram index over documents.text (external content: no copy of the text).
-- Finds any string of 3 or more characters, whatever the segmentation:
--   SELECT d.id, d.title FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
--   WHERE documents_fts MATCH '"最低生活保障"';
-- snippet(documents_fts, 0, '[', ']', '…', 16) shows the hit in the original
-- text; instr(d.text, '最低生活保障') - 1 is its code-point offset.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(text, content = 'documents', content_rowid = 'id', tokenize = 'trigram');

-- Word index over the gse segmentation (tokens joined by spaces): finds
-- whole words, including two-character ones such as 低保.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_words USING fts5(tokens, tokenize = 'unicode61');
