-- quotas: the numbers read out of commitment tables (targets with source =
-- 'table'), each with its table's caption, its row's cells and its document.
-- Re-created on every open, after the column migrations (it needs
-- targets.entity), so a changed definition takes effect.
DROP VIEW IF EXISTS quotas;
CREATE VIEW quotas AS
SELECT t.id            AS target_id,
       t.document_id,
       d.source_path,
       d.title         AS document_title,
       tb.id           AS table_id,
       tb.ordinal      AS table_ordinal,
       tb.attachment   AS table_attachment,
       tb.title        AS table_title,
       tb.unit_note    AS table_unit_note,
       t.table_row_id,
       r.row_index,
       r.cells_json    AS row_cells_json,
       t.entity,
       t.subject,
       t.value,
       t.unit,
       t.norm_value,
       t.norm_unit,
       t.comparator,
       t.deadline,
       t.kind,
       t.char_start,
       t.char_end
FROM targets t
JOIN documents d ON d.id = t.document_id
LEFT JOIN table_rows r ON r.id = t.table_row_id
LEFT JOIN tables tb ON tb.id = r.table_id
WHERE t.source = 'table';
