#!/usr/bin/env bash
# pgconcurrent.sh — several policyx processes feeding one PostgreSQL database
# (issue 17). Makes a synthetic corpus with the bench generator (FILES files,
# default 10,000) and checks:
#   1. four `policyx run -db postgres://…` processes started together on
#      overlapping halves (A = the first 60 %, B = the last 60 %; two processes
#      on each) store every file exactly once: the files they processed add up
#      to FILES, and every table holds as many rows as one SQLite run of the
#      same files; no deadlock in the server log, no error;
#   2. the same with one process killed by SIGKILL midway and its command run
#      again: still equal.
# Prints the times (SQLite run, four PostgreSQL processes) and exits 1 on any
# mismatch. Slow (minutes): not part of CI.
#
# Usage: scripts/pgconcurrent.sh                 (own throw-away cluster)
#        PGURL=postgres://… scripts/pgconcurrent.sh
#        FILES=2000 SRC=corpus/samples KEEP=1 scripts/pgconcurrent.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FILES=${FILES:-10000}
SRC=${SRC:-corpus/samples}
WORKERS=${WORKERS:-2}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/policyx-pgc.XXXXXX")
chmod 755 "$WORK"  # the server (user postgres) lives in $WORK/pg
cleanup() {
  [[ -n "${OWNPG:-}" ]] && bash "$ROOT/scripts/pgtmp.sh" stop "$WORK/pg"
  if [[ -z "${KEEP:-}" ]]; then rm -rf "$WORK"; else echo "pgconcurrent: keeping $WORK"; fi
}
trap cleanup EXIT
if [[ -z "${PGURL:-}" ]]; then
  OWNPG=1
  PGURL=$(bash scripts/pgtmp.sh start "$WORK/pg" "${PGPORT:-54377}")
fi
PSQL() { psql -X -q -t -A "$PGURL" "$@"; }

go build -tags sqlite_fts5 -o "$WORK/policyx" ./cmd/policyx
go build -tags sqlite_fts5 -o "$WORK/bench" ./bench
CORPUS=${CORPUS_DIR:-${TMPDIR:-/tmp}/policyx-pgc-corpus-$FILES}
"$WORK/bench" -gen -files "$FILES" -src "$SRC" -dir "$CORPUS" | sed 's/^/pgconcurrent: /'
mapfile -t all < <(cd "$CORPUS/corpus" && ls | sort)
n=${#all[@]}
a_end=$(( n * 6 / 10 )); b_start=$(( n * 4 / 10 ))
half_a=("${all[@]:0:$a_end}"); half_b=("${all[@]:$b_start}")
echo "pgconcurrent: $n files; half A ${#half_a[@]} files, half B ${#half_b[@]} files, overlap $(( a_end - b_start ))"

tables="documents sections tables table_rows checks targets tasks task_departments departments diagnostics document_links target_pairs"
# counts DB: "table rows" lines for a SQLite file or a PostgreSQL schema.
resolved="SELECT count(*) FROM document_links WHERE target_document_id IS NOT NULL"
lite_counts() { for t in $tables; do echo "$t $(sqlite3 "$1" "SELECT count(*) FROM $t")"; done; echo "links_resolved $(sqlite3 "$1" "$resolved")"; }
pg_counts() { for t in $tables; do echo "$t $(PSQL -c "SELECT count(*) FROM $1.$t")"; done; echo "links_resolved $(PSQL -c "SET search_path = $1; $resolved" | tail -1)"; }

cd "$CORPUS/corpus"
s=$(date +%s.%N)
"$WORK/policyx" run -q -no-xlsx -workers "$WORKERS" -o "$WORK/lite" . 2>"$WORK/lite.err" || { cat "$WORK/lite.err"; exit 1; }
e=$(date +%s.%N)
lite_t=$(python3 -c "print(f'{$e-$s:.1f}')")
echo "pgconcurrent: one SQLite run: ${lite_t} s"
lite_counts "$WORK/lite/policy.db" > "$WORK/lite.counts"

# run4 SCHEMA [KILL_AFTER]: the four processes; with KILL_AFTER seconds, the
# second is killed with SIGKILL then and run again after the others end.
run4() {
  local schema=$1 kill_after=${2:-} pids=() i rc=0
  local -a halves=(A B A B)
  s=$(date +%s.%N)
  for i in 0 1 2 3; do
    if [[ ${halves[$i]} == A ]]; then set -- "${half_a[@]}"; else set -- "${half_b[@]}"; fi
    "$WORK/policyx" run -no-xlsx -workers "$WORKERS" -o "$WORK/out-$schema-$i" -db "$PGURL" -db-schema "$schema" "$@" \
      >"$WORK/$schema-$i.out" 2>"$WORK/$schema-$i.err" &
    pids+=($!)
  done
  if [[ -n "$kill_after" ]]; then
    sleep "$kill_after"
    kill -9 "${pids[1]}"
    echo "pgconcurrent: killed process 2 (pid ${pids[1]}) after ${kill_after} s"
  fi
  for i in 0 1 2 3; do
    if ! wait "${pids[$i]}"; then
      if [[ -n "$kill_after" && $i == 1 ]]; then continue; fi
      echo "pgconcurrent: process $((i+1)) failed:"; cat "$WORK/$schema-$i.err"; rc=1
    fi
  done
  if [[ -n "$kill_after" ]]; then
    set -- "${half_b[@]}"
    "$WORK/policyx" run -no-xlsx -workers "$WORKERS" -o "$WORK/out-$schema-1" -db "$PGURL" -db-schema "$schema" "$@" \
      >"$WORK/$schema-1.out" 2>"$WORK/$schema-1.err" || { echo "pgconcurrent: re-run failed:"; cat "$WORK/$schema-1.err"; rc=1; }
  fi
  e=$(date +%s.%N)
  echo "pgconcurrent: [$schema] four processes: $(python3 -c "print(f'{$e-$s:.1f}')") s"
  local processed=0 line p f
  for i in 0 1 2 3; do
    line=$(grep -E '^policyx: [0-9]+ files' "$WORK/$schema-$i.out" || true)
    p=$(sed -E 's/.* ([0-9]+) processed.*/\1/' <<<"$line")
    f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
    echo "pgconcurrent: [$schema] process $((i+1)): $line"
    processed=$(( processed + p + f ))
  done
  pg_counts "$schema" > "$WORK/$schema.counts"
  if [[ -z "$kill_after" ]]; then
    echo "pgconcurrent: [$schema] files processed, all processes together: $processed (want $n)"
    [[ $processed == "$n" ]] || rc=1
  fi
  local claims; claims=$(PSQL -c "SELECT count(*) FROM $schema.claims WHERE done_at IS NOT NULL")
  echo "pgconcurrent: [$schema] files finished (claims): $claims (want $n)"
  [[ $claims == "$n" ]] || rc=1
  paste -d' ' "$WORK/lite.counts" "$WORK/$schema.counts" | awk -v s="$schema" '{ m = ($2 == $4) ? "" : "  MISMATCH"; printf "pgconcurrent: [%s] %-17s SQLite %8d  PostgreSQL %8d%s\n", s, $1, $2, $4, m }'
  cmp -s "$WORK/lite.counts" "$WORK/$schema.counts" || rc=1
  return $rc
}

status=0
run4 pgc_together || status=1
# Kill midway: at about half the time the first round took.
half=$(python3 -c "print(max(5, int(($e-$s)/2)))")
run4 pgc_kill9 "$half" || status=1
if [[ -n "${OWNPG:-}" ]]; then
  dl=$(grep -c "deadlock detected" "$WORK/pg/server.log" || true)
  echo "pgconcurrent: deadlocks in the server log: $dl"
  [[ $dl == 0 ]] || status=1
fi
# The export reads back what the scorer reads.
"$WORK/policyx" export -db "$PGURL" -db-schema pgc_kill9 -o "$WORK/export.db"
lite_counts "$WORK/export.db" | cmp -s - "$WORK/lite.counts" && echo "pgconcurrent: export: same counts as SQLite" || { echo "pgconcurrent: export counts differ"; status=1; }
q="SELECT d.source_sha256, d.part, d.status, coalesce(d.title,''), (SELECT count(*) FROM targets t WHERE t.document_id = d.id), (SELECT count(*) FROM tasks t WHERE t.document_id = d.id), (SELECT count(*) FROM table_rows r JOIN tables b ON b.id = r.table_id WHERE b.document_id = d.id) FROM documents d ORDER BY 1, 2"
if cmp -s <(sqlite3 "$WORK/export.db" "$q") <(sqlite3 "$WORK/lite/policy.db" "$q"); then
  echo "pgconcurrent: export: every document with the same status, title and fact counts as SQLite"
else
  echo "pgconcurrent: export: documents differ from SQLite"; status=1
fi
[[ $status == 0 ]] && echo "pgconcurrent: OK" || echo "pgconcurrent: FAILED"
exit $status
