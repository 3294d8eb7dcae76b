-- Views for the joins everyone writes. Re-created on every open, after the
-- tables and their added columns exist, so a changed definition takes effect.

-- One row per target with its document and section: what analysts query.
DROP VIEW IF EXISTS v_targets;
CREATE VIEW v_targets AS
SELECT
  t.id            AS target_id,      -- targets.id
  t.document_id,                     -- documents.id
  d.title         AS document_title, -- documents.title
  d.doc_number,                      -- 发文字号 of the document
  d.issuer,                          -- issuing organ(s) of the document
  d.source_path,                     -- input path of the document
  s.label         AS section_label,  -- label of the innermost section (一、, （二）…)
  s.title         AS section_title,  -- title of the innermost section
  t.kind,                            -- goal, funding, rate or threshold
  t.subject,                         -- what is counted or funded
  t.value,                           -- the number as written
  t.unit,                            -- unit as written
  t.norm_value,                      -- value in the base unit
  t.norm_unit,                       -- base unit
  t.comparator,                      -- >=, <=, = or ~
  t.deadline,                        -- YYYY-MM-DD or NULL
  t.period,                          -- annual, monthly … or NULL
  t.scope,                           -- who/where it applies to, or NULL
  t.sentence,                        -- the source sentence, exact text
  t.source,                          -- text or table
  t.page,                            -- 1-based page of the number (paged inputs)
  t.char_start,                      -- code-point offset of the number in documents.text
  t.char_end                         -- end of the number, exclusive
FROM targets t
JOIN documents d ON d.id = t.document_id
LEFT JOIN sections s ON s.id = t.section_id;

-- One row per task × department, with its role and document.
DROP VIEW IF EXISTS v_tasks;
CREATE VIEW v_tasks AS
SELECT
  k.id            AS task_id,        -- tasks.id
  k.document_id,                     -- documents.id
  d.title         AS document_title, -- documents.title
  d.doc_number,                      -- 发文字号 of the document
  k.label         AS task_label,     -- the task's label as written
  k.title         AS task_title,     -- the task's heading phrase
  s.title         AS section_title,  -- title of the innermost section
  td.role,                           -- lead, support or responsible
  td.ordinal,                        -- 1-based position within its role list
  td.mention,                        -- the unit as written
  td.department,                     -- canonical full name
  td.department_id,                  -- departments.id
  k.page                             -- 1-based page of the task (paged inputs)
FROM tasks k
JOIN documents d ON d.id = k.document_id
JOIN task_departments td ON td.task_id = k.id
LEFT JOIN sections s ON s.id = k.section_id;

-- One row per table with its document and page range.
DROP VIEW IF EXISTS v_tables;
CREATE VIEW v_tables AS
SELECT
  tb.id           AS table_id,       -- tables.id
  tb.document_id,                    -- documents.id
  d.title         AS document_title, -- documents.title
  d.doc_number,                      -- 发文字号 of the document
  d.source_path,                     -- input path of the document
  tb.ordinal,                        -- 1-based order in its document
  tb.attachment,                     -- 附件1, 附表 … or NULL
  tb.title,                          -- caption line
  tb.n_rows,                         -- number of table_rows
  tb.page         AS page_start,     -- first page of the table (paged inputs)
  tb.page_end                        -- last page of the table
FROM tables tb
JOIN documents d ON d.id = tb.document_id;
