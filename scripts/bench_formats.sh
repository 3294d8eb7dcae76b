#!/usr/bin/env bash
# Speed of the legacy Word (.doc/.wps) and OFD readers over the files in
# ../shared (issue 19: .doc ≥ 50 files/s, OFD ≥ 200 pages/s).
set -euo pipefail
cd "$(dirname "$0")/.."
go test -tags sqlite_fts5 -count=1 -run '^$' -bench '^Benchmark(DecodeDOC|DecodeOFD)$' -benchtime "${BENCHTIME:-2s}" ./corpus/ |
  awk '/^Benchmark/ { for (i = 1; i <= NF; i++) if ($i ~ /^(files|pages)\//) printf "%s: %s %s\n", $1, $(i-1), $i }'
