#!/usr/bin/env bash
# Pages per second of the PDF reader (corpus/pdf) and of pdftotext on the
# same files in the same run. Usage: scripts/bench_pdf.sh [FILE.pdf ...]
# (default: the PDF renditions of the samples and the real PDFs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
if [ $# -gt 0 ]; then files=("$@"); else
  SHARED=${SHARED:-../shared}
  [ -d "$SHARED" ] || { echo "bench_pdf: $SHARED (the shared documents) is missing; set SHARED= or pass files" >&2; exit 1; }
  files=("$SHARED"/renditions/pdf/*.pdf "$SHARED"/realdocs/*.pdf)
fi
abs=()
for f in "${files[@]}"; do abs+=("$(readlink -f "$f")"); done
list=$(IFS=:; echo "${abs[*]}")
PDFBENCH_FILES="$list" go test -count=1 -run '^$' -bench BenchmarkPages -benchtime "${ROUNDS}x" ./corpus/pdf/ |
  grep 'pages/s'
if command -v pdftotext >/dev/null; then
  pages=0
  for f in "${abs[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/{print $2}'))); done
  pdftotext "${abs[0]}" /dev/null # warm the font configuration
  s=$(date +%s.%N)
  for r in $(seq "$ROUNDS"); do for f in "${abs[@]}"; do pdftotext "$f" /dev/null; done; done
  e=$(date +%s.%N)
  python3 -c "p=$pages*$ROUNDS; t=$e-$s; print(f'pdftotext:   {p} pages in {t:.3f} s = {p/t:.0f} pages/s')"
  s=$(date +%s.%N)
  for r in $(seq "$ROUNDS"); do for f in "${abs[@]}"; do pdftotext -layout "$f" /dev/null; done; done
  e=$(date +%s.%N)
  python3 -c "p=$pages*$ROUNDS; t=$e-$s; print(f'pdftotext -layout: {p} pages in {t:.3f} s = {p/t:.0f} pages/s')"
else
  echo "pdftotext not installed (apt-get install poppler-utils)"
fi
