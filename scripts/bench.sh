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
./bin/bench -mb "$MB" -src "corpus/samples,$SHARED/realdocs" ${BENCH_CPUPROFILE:+-cpuprofile $BENCH_CPUPROFILE}
if [ -f scripts/bench_pdf.sh ]; then echo "== PDF pages/s"; bash scripts/bench_pdf.sh; fi
if [ -f scripts/bench_xlsx.sh ]; then echo "== workbook memory"; bash scripts/bench_xlsx.sh; fi
if [ -f scripts/bench_formats.sh ]; then echo "== .doc files/s, OFD pages/s"; bash scripts/bench_formats.sh; fi
