#!/usr/bin/env bash
# concurrent.sh — two `policyx run` on one OUTDIR started together (issue 15):
# the second waits for the first and then finds every file unchanged, so
# both finish in about the time of one run, with no work done twice.
#
# Usage: scripts/concurrent.sh         (N=40 copies of each sample)
# Prints the time of one run alone and of the two together, and the files
# rows of each run; exit 1 when the pair takes over 1.3x one run or a file
# was processed twice.
set -euo pipefail
N=${N:-40}
cd "$(dirname "$0")/.."
WORK=$(mktemp -d "${TMPDIR:-/tmp}/policyx-concurrent.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
go build -tags sqlite_fts5 -o "$WORK/policyx" ./cmd/policyx
mkdir -p "$WORK/in"
for i in $(seq 1 "$N"); do
  for f in corpus/samples/*.txt; do
    { cat "$f"; printf '\n（本件第%d份）\n' "$i"; } > "$WORK/in/$(basename "$f" .txt)_$i.txt"
  done
done
now() { date +%s.%N; }
t0=$(now); "$WORK/policyx" run -q -o "$WORK/one" "$WORK/in"; t1=$(now)
"$WORK/policyx" run -q -o "$WORK/two" "$WORK/in" 2>"$WORK/a.err" & a=$!
"$WORK/policyx" run -q -o "$WORK/two" "$WORK/in" 2>"$WORK/b.err" & b=$!
wait $a; wait $b; t2=$(now)
python3 - "$WORK" "$t0" "$t1" "$t2" <<'PY'
import sqlite3, sys
w, t0, t1, t2 = sys.argv[1], *map(float, sys.argv[2:])
one, two = t1 - t0, t2 - t1
c = sqlite3.connect(f"{w}/two/policy.db")
runs = c.execute("SELECT id, status, n_processed, n_unchanged, n_files FROM runs ORDER BY id").fetchall()
processed = sum(r[2] for r in runs)
files = runs[0][4]  # paths of one run
print(f"concurrent: one run {one:.1f}s; two together {two:.1f}s ({two/one:.2f}x)")
for r in runs:
    print(f"  run {r[0]}: {r[1]}, {r[2]} processed, {r[3]} unchanged of {r[4]}")
ok = two <= 1.3 * one and processed == files
print("concurrent: ok" if ok else "concurrent: FAIL")
sys.exit(0 if ok else 1)
PY
