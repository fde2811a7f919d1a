#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL 15 cluster on loopback, then stops and removes it.
#   scripts/with-postgres.sh COMMAND [ARGS...]
# The cluster lives in a fresh temporary folder on its own free port and never touches another
# cluster. PostgreSQL refuses to run as root, so as root the cluster runs as the 'postgres' user
# (created by Debian's package). The command sees JARING_TEST_PG=postgresql://...
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[[ -n $PG_BIN ]] || { echo "with-postgres: PostgreSQL 15 is not installed (run scripts/setup.sh)" >&2; exit 1; }

dir=$(mktemp -d /tmp/jaring-pg.XXXXXX)
chmod 755 "$dir"
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

# A free port: ask the kernel for one, then give it back to PostgreSQL.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
       || shuf -i 20000-60000 -n 1)

cleanup() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$PG_BIN/initdb" -D "$dir/data" -U jaring --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"${as_pg[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U jaring jaring_test

export JARING_TEST_PG="postgresql://jaring@127.0.0.1:$port/jaring_test"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port (temporary, removed at exit)"
"$@"
