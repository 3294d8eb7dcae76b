#!/usr/bin/env bash
# pgthroughput.sh — PostgreSQL against SQLite throughput (issue 17: ≥ 0.7×),
# measured honestly on a shared, noisy machine: the same generated files,
# every run a fresh `policyx run -no-xlsx` in its own process (SQLite into a
# new OUTDIR, PostgreSQL into a new schema), the two alternated REPS times
# (order swapped each round), each pair's ratio SQLite time / PostgreSQL
# time printed, then the median ratio with its spread (min–max).
#
# Usage: scripts/pgthroughput.sh                 (own throw-away cluster)
#        FILES=1000 REPS=5 WORKERS=2 PGURL=postgres://… scripts/pgthroughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FILES=${FILES:-1000}
REPS=${REPS:-5}
WORKERS=${WORKERS:-2}
SRC=${SRC:-corpus/samples}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/policyx-pgt.XXXXXX")
chmod 755 "$WORK"
cleanup() {
  [[ -n "${OWNPG:-}" ]] && bash "$ROOT/scripts/pgtmp.sh" stop "$WORK/pg"
  rm -rf "$WORK"
}
trap cleanup EXIT
if [[ -z "${PGURL:-}" ]]; then
  OWNPG=1
  PGURL=$(bash scripts/pgtmp.sh start "$WORK/pg" "${PGPORT:-54378}")
fi
go build -tags sqlite_fts5 -o "$WORK/policyx" ./cmd/policyx
go build -tags sqlite_fts5 -o "$WORK/bench" ./bench
CORPUS=${CORPUS_DIR:-${TMPDIR:-/tmp}/policyx-pgc-corpus-$FILES}
"$WORK/bench" -gen -files "$FILES" -src "$SRC" -dir "$CORPUS" | sed 's/^/pgthroughput: /'
cd "$CORPUS/corpus"
secs() { python3 -c "print(f'{$2-$1:.2f}')"; }
lite() {
  rm -rf "$WORK/lite"; local s e; s=$(date +%s.%N)
  "$WORK/policyx" run -q -no-xlsx -workers "$WORKERS" -o "$WORK/lite" . >/dev/null 2>"$WORK/lite.err" || { cat "$WORK/lite.err"; exit 1; }
  e=$(date +%s.%N); secs "$s" "$e"
}
pg() {
  psql -X -q "$PGURL" -c "DROP SCHEMA IF EXISTS pgt CASCADE" 2>/dev/null
  rm -rf "$WORK/pgout"; local s e; s=$(date +%s.%N)
  "$WORK/policyx" run -q -no-xlsx -workers "$WORKERS" -o "$WORK/pgout" -db "$PGURL" -db-schema pgt . >/dev/null 2>"$WORK/pg.err" || { cat "$WORK/pg.err"; exit 1; }
  e=$(date +%s.%N); secs "$s" "$e"
}
ratios=()
for i in $(seq "$REPS"); do
  if (( i % 2 )); then l=$(lite); p=$(pg); else p=$(pg); l=$(lite); fi
  r=$(python3 -c "print(f'{$l/$p:.2f}')")
  ratios+=("$r")
  echo "pgthroughput: round $i: SQLite ${l} s, PostgreSQL ${p} s, ratio ${r}× ($(uptime | sed 's/.*load average: //'))"
done
python3 - "${ratios[@]}" <<'PY'
import statistics, sys
r = sorted(float(x) for x in sys.argv[1:])
print(f"pgthroughput: PostgreSQL / SQLite throughput: median {statistics.median(r):.2f}×, spread {r[0]:.2f}–{r[-1]:.2f}× over {len(r)} rounds (budget ≥ 0.7×)")
PY
