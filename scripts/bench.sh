#!/usr/bin/env bash
# make bench: batch throughput against raw gse, segmenter start-up, the
# five samples' wall time, and (when present) the PDF and workbook benches.
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS=sqlite_fts5
SHARED=${SHARED:-../shared}
MB=${BENCH_MB:-100}
go build -tags $TAGS -o bin/policyx ./cmd/policyx
go build -tags $TAGS -o bin/bench ./bench
echo "== segmenter start-up"
./bin/bench -seg
echo "== five samples, wall time (fresh output folder)"
rm -rf /tmp/policyx-bench-samples
s=$(date +%s.%N); ./bin/policyx run -q -o /tmp/policyx-bench-samples corpus/samples; e=$(date +%s.%N)
python3 -c "print(f'samples: {$e-$s:.2f} s wall')"
echo "== batch of ${MB} MB"
# With BENCH_PG=1 (a throw-away cluster, scripts/pgtmp.sh) or BENCH_PG_URL the
# same batch also runs into PostgreSQL, for its throughput against SQLite's.
# BENCH_REPEAT=n: n fresh runs, each followed by raw gse in its own process
# (ratio median and spread, for a shared machine). The end-to-end runs write
# the database and the workbooks (as policyx run without -no-xlsx); as many
# database-only runs before them give the core's ratio (bench -core=false
# leaves them out).
PGDIR=""
if [[ -n "${BENCH_PG:-}" && -z "${BENCH_PG_URL:-}" ]]; then
  PGDIR=$(mktemp -d /tmp/policyx-bench-pg.XXXXXX); chmod 755 "$PGDIR"
  trap 'bash scripts/pgtmp.sh stop "$PGDIR"' EXIT
  BENCH_PG_URL=$(bash scripts/pgtmp.sh start "$PGDIR/pg" 54388)
fi
./bin/bench -mb "$MB" -repeat "${BENCH_REPEAT:-1}" -src "corpus/samples,$SHARED/realdocs" ${BENCH_CPUPROFILE:+-cpuprofile $BENCH_CPUPROFILE} ${BENCH_PG_URL:+-db "$BENCH_PG_URL"}
# BENCH_GB=1: a 1 GB batch (about 17,000 files) in its own process, peak RSS
# of `policyx run` on SQLite (budget 300 MB); with BENCH_PG or BENCH_PG_URL the
# same files again into a fresh PostgreSQL schema (dropped after), side by
# side: wall, CPU, peak RSS of each (the server's own CPU and memory are not
# in the PostgreSQL figures). Slow: minutes each.
if [[ -n "${BENCH_GB:-}" ]]; then
  echo "== batch of ${BENCH_GB} GB, peak RSS"
  ./bin/bench -gen -mb $((BENCH_GB * 1024)) -src "corpus/samples,$SHARED/realdocs" -dir /tmp/policyx-bench-gb
  rm -rf /tmp/policyx-bench-gb/out
  /usr/bin/time -f "${BENCH_GB} GB batch, SQLite: %e s wall, %U s user, %S s system, peak RSS %M KB" \
    ./bin/policyx run -q -o /tmp/policyx-bench-gb/out /tmp/policyx-bench-gb/corpus || true
  if [[ -n "${BENCH_PG_URL:-}" ]]; then
    gbschema=policyx_bench_gb_$$
    rm -rf /tmp/policyx-bench-gb/out-pg
    /usr/bin/time -f "${BENCH_GB} GB batch, PostgreSQL: %e s wall, %U s user, %S s system, peak RSS %M KB" \
      ./bin/policyx run -q -o /tmp/policyx-bench-gb/out-pg -db "$BENCH_PG_URL" -db-schema "$gbschema" /tmp/policyx-bench-gb/corpus || true
    psql -X -q "$BENCH_PG_URL" -c "DROP SCHEMA IF EXISTS $gbschema CASCADE" >/dev/null 2>&1 || true
  fi
fi
if [ -f scripts/bench_pdf.sh ]; then echo "== PDF pages/s"; bash scripts/bench_pdf.sh; fi
if [ -f scripts/bench_xlsx.sh ]; then echo "== workbook memory"; bash scripts/bench_xlsx.sh; fi
if [ -f scripts/bench_formats.sh ]; then echo "== .doc files/s, OFD pages/s"; bash scripts/bench_formats.sh; fi
