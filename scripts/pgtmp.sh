#!/usr/bin/env bash
# pgtmp.sh — a throw-away PostgreSQL cluster for tests and benchmarks.
#
#   url=$(scripts/pgtmp.sh start DIR [PORT])   initdb + start in DIR (socket only,
#                                               no TCP), prints the URL for -db
#   scripts/pgtmp.sh stop DIR                   stop it and remove DIR
#
# Uses the server binaries on PATH or of Debian's postgresql package
# (/usr/lib/postgresql/*/bin). The server never runs as root: as root it runs
# as the user postgres (the package creates it).
set -euo pipefail
cmd=${1:?usage: pgtmp.sh start|stop DIR [PORT]}
dir=${2:?usage: pgtmp.sh start|stop DIR [PORT]}
port=${3:-54329}
bindir=$(dirname "$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)")
if [[ ! -x "$bindir/pg_ctl" ]]; then
  echo "pgtmp: no PostgreSQL server found (apt-get install postgresql)" >&2
  exit 1
fi
as() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
start)
  mkdir -p "$dir"
  [[ $(id -u) == 0 ]] && chown postgres "$dir"
  as "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "postgres://postgres@localhost:$port/postgres?host=$dir"
  ;;
stop)
  if [[ -d "$dir/data" ]]; then as "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  ;;
*) echo "pgtmp: unknown command $cmd" >&2; exit 1 ;;
esac
