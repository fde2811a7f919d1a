#!/usr/bin/env bash
# Slow clients and oversized bodies cannot exhaust `jaring serve` (issue 17, item 4): a fresh
# database with one operator, the server on a free port, then bench/load/abuse.py (500 slow
# connections held while a signed-in client is answered promptly; 413 for oversized bodies,
# declared and chunked, without the server buffering them; the slow ones closed by the idle
# timeout). SQLite, then PostgreSQL when JARING_TEST_PG is set (a database of its own).
#   tests/load/abuse_test.sh JARING_BIN
set -euo pipefail
jaring=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bench/serve-lib.sh"
work=$(mktemp -d /tmp/jaring-abuse.XXXXXX)
server=
cleanup() {
  [[ -z $server ]] || kill "$server" 2>/dev/null || true
  [[ -z ${pg_db:-} ]] || psql "$JARING_TEST_PG" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export JARING_DATA_DIR=$work/data JARING_PROGRESS=0

run() {  # run ENGINE DB_URL
  local engine=$1 db=$2 password port rc=0
  password=Abuse-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
  "$jaring" migrate --db "$db" >/dev/null
  printf '%s\n' "$password" | "$jaring" user add penguji --role operator --scope 35.14 \
    --password-stdin --db "$db" >/dev/null
  port=$(free_port)
  "$jaring" serve --db "$db" --port "$port" --web "$work/no-web" --log-level warn >"$work/serve-$engine.log" 2>&1 &
  server=$!
  wait_for_serving "$work/serve-$engine.log" "$server" 60 || return 1
  echo "== $engine: server pid $server, port $port"
  python3 "$root/bench/load/abuse.py" "http://127.0.0.1:$port" --username penguji \
    --password "$password" --pid "$server" || rc=$?
  kill -0 "$server" 2>/dev/null || { echo "the server died"; rc=1; }
  kill -TERM "$server"
  wait "$server" || { echo "the server exited with $? after SIGTERM"; rc=1; }
  server=
  return $rc
}

failed=0
run sqlite "sqlite:$work/abuse.db" || failed=1
if [[ -n ${JARING_TEST_PG:-} ]]; then
  pg_db=abuse_$$
  psql "$JARING_TEST_PG" -qc "CREATE DATABASE $pg_db" >/dev/null
  run postgresql "${JARING_TEST_PG%/*}/$pg_db" || failed=1
elif [[ ${JARING_REQUIRE_PG:-} == 1 ]]; then
  echo "FAIL PostgreSQL required but JARING_TEST_PG is unset"
  failed=1
fi
exit $failed
