#!/usr/bin/env bash
# Workbook memory: peak RSS of writing a per-file workbook and summary.xlsx
# for 10,000 synthetic targets, each step in a fresh process (limit 150 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
go test -tags sqlite_fts5 -count=1 -run '^TestWorkbookMemory$' -v ./output/xlsx/ | grep -E "peak RSS|^(ok|FAIL|---)"
