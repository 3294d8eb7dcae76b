#!/usr/bin/env bash
# Sorted dumps of every table for the samples, the renditions and the real
# documents, into DIR (default out-dumps): compare two trees with diff -r to
# show that a refactor changed no output.
#   bash scripts/dumps.sh out-dumps-before ; …change… ; bash scripts/dumps.sh out-dumps-after
#   diff -r out-dumps-before out-dumps-after
set -u
DIR=${1:-out-dumps}
SHARED=${SHARED:-../shared}
BIN=${BIN:-bin/policyx}
mkdir -p "$DIR"
for set in samples:corpus/samples renditions:$SHARED/renditions realdocs:$SHARED/realdocs; do
  name=${set%%:*}; src=${set#*:}
  rm -rf "$DIR/run-$name"
  "$BIN" run -q -no-xlsx -workers 1 -o "$DIR/run-$name" "$src" >/dev/null 2>&1
  python3 scripts/dumpdb.py "$DIR/run-$name/policy.db" > "$DIR/$name.txt"
  rm -rf "$DIR/run-$name"
  echo "$name: $(wc -l < "$DIR/$name.txt") rows"
done
