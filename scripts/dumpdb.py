#!/usr/bin/env python3
"""Sorted, run-independent dump of every table of a policyx database.

    python3 scripts/dumpdb.py out/policy.db > dump.txt

One line per row, "table<TAB>col=value<TAB>…", sorted, so two runs of the
same inputs compare with diff. Columns that change from run to run (clock
times, durations, run ids, auto-increment ids, output paths) are left out,
and foreign keys to auto-increment ids are replaced by nothing: rows are
compared by what they say, not by the number they were given.
"""
import sqlite3
import sys

VOLATILE = {
    "id", "run_id", "started_at", "finished_at", "processed_at", "created_at",
    "updated_at", "duration_ms", "elapsed_ms", "mtime", "xlsx_path", "host", "pid",
    "document_id", "table_id", "target_id", "task_id", "row_id", "file_id",
    "link_id", "to_document_id", "from_document_id", "rowid", "args_json",
}


def main(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%fts%' ORDER BY name")]
    # Full-text tables are dumped through their virtual table; their shadow
    # tables (name_data, name_idx, …) hold encoded blobs.
    virtual = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL%'")]
    tables = [t for t in tables if not any(t.startswith(v + "_") for v in virtual)]
    out = []
    for t in tables:
        cols = [r[1] for r in db.execute("PRAGMA table_info(%s)" % t)]
        keep = [c for c in cols if c.lower() not in VOLATILE]
        if not keep:
            continue
        for row in db.execute("SELECT %s FROM %s" % (",".join('"%s"' % c for c in keep), t)):
            out.append(t + "\t" + "\t".join("%s=%s" % (c, "" if v is None else str(v).replace("\n", "\\n"))
                                           for c, v in zip(keep, row)))
    out.sort()
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


if __name__ == "__main__":
    main(sys.argv[1])
