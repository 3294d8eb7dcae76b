#!/usr/bin/env bash
# kill9.sh — crash safety of a batch (issue #9).
#
# Builds policyx, makes a largish input (N copies of each sample, one line
# changed per copy so every file has its own SHA-256), and runs it three
# ways into a temp dir:
#   ref    one uninterrupted run;
#   crash  a run killed with SIGKILL midway, then the same command again
#          (the incremental re-run finishes the batch).
# After the kill the database must pass PRAGMA integrity_check and
# foreign_key_check; after the re-run every contract table must hold as
# many rows as the reference, the documents must be the same, and every
# workbook must be a readable zip. Exit status 0 when all holds, 1 on any
# mismatch.
#
# SIG=INT or SIG=TERM sends that signal instead of SIGKILL: the run must
# then exit 130 or 143 with no files row failed (issue 15).
#
# Usage: scripts/kill9.sh            (N=200 copies, about 1000 files)
#        N=40 scripts/kill9.sh       (quicker)
#        KEEP=1 scripts/kill9.sh     (keep the temp dir for inspection)
set -euo pipefail

N=${N:-200}
SIG=${SIG:-KILL}
WORKERS=${WORKERS:-2}
cd "$(dirname "$0")/.."
WORK=$(mktemp -d "${TMPDIR:-/tmp}/policyx-kill9.XXXXXX")
if [[ -z "${KEEP:-}" ]]; then trap 'rm -rf "$WORK"' EXIT; else echo "kill9: keeping $WORK"; fi

go build -tags sqlite_fts5 -o "$WORK/policyx" ./cmd/policyx

mkdir -p "$WORK/in"
for i in $(seq 1 "$N"); do
  for f in corpus/samples/*.txt; do
    b=$(basename "$f" .txt)
    # Change the last line of the copy: the hashes differ, the content
    # the extractors see stays the same but for one line.
    { cat "$f"; printf '\n（本件第%d份）\n' "$i"; } > "$WORK/in/${b}_$(printf %04d "$i").txt"
  done
done
nfiles=$(ls "$WORK/in" | wc -l)
echo "kill9: $nfiles input files"

run() { "$WORK/policyx" run -q -workers "$WORKERS" -o "$1" "$WORK/in" 2>>"$WORK/log.txt"; }

t0=$(date +%s.%N)
set +e; run "$WORK/ref"; rc=$?; set -e
t1=$(date +%s.%N)
if (( rc > 2 || rc == 1 )); then echo "kill9: reference run failed with status $rc"; tail "$WORK/log.txt"; exit 1; fi
ref_secs=$(python3 -c "print(max(0.5, ($t1 - $t0)))")
echo "kill9: reference run ${ref_secs}s (status $rc)"

# The crash: kill -9 at 40% of the reference time.
"$WORK/policyx" run -q -workers "$WORKERS" -o "$WORK/crash" "$WORK/in" 2>>"$WORK/log.txt" &
pid=$!
sleep "$(python3 -c "print($ref_secs * 0.4)")"
if ! kill -0 "$pid" 2>/dev/null; then
  echo "kill9: the run finished before the kill; raise N"; exit 1
fi
kill -s "$SIG" "$pid"
set +e; wait "$pid" 2>/dev/null; krc=$?; set -e
if [[ "$SIG" != KILL ]]; then
  want=$(( 128 + $(kill -l "$SIG") ))
  echo "kill9: SIG$SIG: exit status $krc (want $want)"
  if (( krc != want )); then tail "$WORK/log.txt"; exit 1; fi
  nfail=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM files WHERE status='failed'\").fetchone()[0])" "$WORK/crash/policy.db")
  if (( nfail != 0 )); then echo "kill9: $nfail files rows failed after SIG$SIG"; exit 1; fi
fi

python3 - "$WORK/crash/policy.db" "$nfiles" <<'EOF'
import sqlite3, sys
db, total = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
ic = c.execute("PRAGMA integrity_check").fetchall()
fk = c.execute("PRAGMA foreign_key_check").fetchall()
n = c.execute("SELECT count(DISTINCT source_path) FROM documents").fetchone()[0]
print(f"kill9: after the kill: integrity_check {ic[0][0]}, {len(fk)} foreign-key violations, {n}/{total} files stored")
if ic != [("ok",)] or fk:
    print("kill9: DATABASE DAMAGED:", ic[:5], fk[:5]); sys.exit(1)
if n >= total:
    print("kill9: every file was stored before the kill; raise N"); sys.exit(1)
EOF

leftover=$(find "$WORK/crash" -name '.tmp-*' | wc -l)
set +e; run "$WORK/crash"; rc2=$?; set -e
echo "kill9: re-run status $rc2 ($leftover temp workbooks left by the kill)"

python3 - "$WORK/ref" "$WORK/crash" <<'EOF'
import sqlite3, sys, os, zipfile, hashlib
ref, crash = sys.argv[1], sys.argv[2]
tables = ["documents", "sections", "tables", "table_rows", "checks", "targets",
          "tasks", "task_departments", "departments", "diagnostics"]
def counts(d):
    c = sqlite3.connect(os.path.join(d, "policy.db"))
    have = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    out = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables if t in have}
    docs = hashlib.sha256()
    for row in c.execute("SELECT source_path, source_sha256, part, status, coalesce(title,''), "
                         "coalesce(doc_number,''), length(text) FROM documents ORDER BY source_path, part"):
        docs.update(repr(row).encode())
    out["documents digest"] = docs.hexdigest()[:16]
    ic = c.execute("PRAGMA integrity_check").fetchone()[0]
    out["integrity"] = ic
    return out
a, b = counts(ref), counts(crash)
bad = 0
for k in a:
    mark = "" if a[k] == b.get(k) else "   <-- MISMATCH"
    bad += bool(mark)
    print(f"  {k:18} ref {a[k]!s:>18}  crash+rerun {b.get(k)!s:>18}{mark}")
def books(d):
    x = os.path.join(d, "xlsx")
    names = sorted(n for n in os.listdir(x) if n.endswith(".xlsx") and not n.startswith(".tmp-"))
    broken = []
    for n in names:
        try:
            with zipfile.ZipFile(os.path.join(x, n)) as z:
                if z.testzip() is not None:
                    broken.append(n)
        except zipfile.BadZipFile:
            broken.append(n)
    return names, broken
(na, ba), (nb, bb) = books(ref), books(crash)
print(f"  {'workbooks':18} ref {len(na):>18}  crash+rerun {len(nb):>18}{'' if na == nb else '   <-- MISMATCH'}")
if na != nb or ba or bb:
    bad += 1
    if ba or bb:
        print("  broken workbooks:", ba[:5], bb[:5])
# Every path of the re-run has its files row, none failed, and the killed
# run is marked interrupted.
c = sqlite3.connect(os.path.join(crash, "policy.db"))
have = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
if "files" in have:
    ra = sqlite3.connect(os.path.join(ref, "policy.db"))
    want = ra.execute("SELECT count(*) FROM files").fetchone()[0]
    last = c.execute("SELECT max(id) FROM runs").fetchone()[0]
    got = c.execute("SELECT count(*) FROM files WHERE run_id = ?", (last,)).fetchone()[0]
    failed = c.execute("SELECT count(*) FROM files WHERE status = 'failed'").fetchone()[0]
    runs = c.execute("SELECT group_concat(status, ',') FROM (SELECT status FROM runs ORDER BY id)").fetchone()[0]
    ok = got == want and failed == 0 and runs == "interrupted,ok"
    print(f"  {'files rows':18} ref {want:>18}  crash+rerun {got:>18}{'' if ok else '   <-- MISMATCH'} (failed {failed}, runs {runs})")
    bad += not ok
if bad:
    print("kill9: FAIL"); sys.exit(1)
print("kill9: ok")
EOF
