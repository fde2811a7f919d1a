#!/usr/bin/env bash
# Server time of the public card check, /cek/<token> and /api/v1/cards/<token>/status (issue 14:
# <= 5 ms), through `jaring serve` on the demo regency.
#   bench/cards/run.sh BUILD_DIR [WORK_DIR]        # SQLite in WORK_DIR/cards-WORKERS.sqlite
#   JARING_BENCH_DB=postgresql://... bench/cards/run.sh BUILD_DIR [WORK_DIR]   # PostgreSQL
# WORKERS=N (default 28448, the demo regency) sizes the registry, QUOTA=N (default 1000) the
# program and so the cards issued, REQUESTS=N (default 2000) the checks timed per route,
# WRITER_SECONDS=N (default 5; 0: no step 3) how long the writer of step 3 holds the lock.
# 1. jaring demo -> roster.csv, imported; September 2025 verified and settled; a program (to
#    the end of next year, so its cards hold today) enrolled (its batch answered by tests/integration/cli/enrol_answer.py, one row rejected)
#    and a card issued for each covered worker (jaring card issue --json: the tokens), as
#    tests/integration/cli/card_cli_test.sh does.
# 2. jaring serve on a free port; latency.py checks the cards REQUESTS times per route over one
#    keep-alive connection on loopback, and reads each request's server time from the server's
#    own request log ("us": from the parsed request to the response built: routing, the
#    signature check and the database reads; not the socket write). It prints p50/p95/p99/max
#    of both, and the load average around.
# 3. SQLite: the page again, for as long as another connection holds the write lock (below).
# Exit 1 when any check did not answer that the card holds.
set -euo pipefail
build=$(cd "${1:?build dir}" && pwd)
work=${2:-$(mktemp -d /tmp/jaring-cards-bench.XXXXXX)}
jaring=$build/src/app/jaring
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bench/serve-lib.sh"
workers=${WORKERS:-28448}
quota=${QUOTA:-1000}
requests=${REQUESTS:-2000}
writer_seconds=${WRITER_SECONDS:-5}
mkdir -p "$work"
work=$(cd "$work" && pwd)
db=${JARING_BENCH_DB:-sqlite:$work/cards-$workers.sqlite}
demo=$work/demo$workers
export JARING_DATA_DIR=$work/data-$workers  # the card-signing key
export JARING_PROGRESS=0
[[ -f $demo/roster.csv ]] || "$jaring" demo --workers "$workers" --regency 35.14 --seed 1 --out "$demo" >/dev/null
if [[ $db == sqlite:* ]]; then
  sql() { sqlite3 "${db#sqlite:}" "$1"; }
else
  sql() { psql -qtA "$db" -c "$1"; }
fi
j() { "$jaring" "$@" --db "$db"; }
field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().splitlines()[-1])[sys.argv[1]])" "$1"; }

tokens=$work/tokens-$workers.txt
# Set up once per database (a PostgreSQL cluster of with-postgres.sh lives for one run).
if [[ ! -s $tokens || $(sql "SELECT COUNT(*) FROM cards" 2>/dev/null || echo 0) -eq 0 ]]; then
  echo "setting up: $workers workers, a program of $quota ($(date -u '+%H:%M:%S'))"
  j migrate >/dev/null
  j user add operator.pasuruan --role operator --scope 35.14 >/dev/null
  j user add verif.pasuruan --role verifikator --scope 35.14 >/dev/null
  j import "$demo/roster.csv" --regency 35.14 --source "Demo Pasuruan" --source-kind village \
    --json >/dev/null 2>"$work/import.err"
  # Cover from the demo's settled month to the end of next year, so that the cards hold today.
  program=$(j program add --regency 35.14 --name "Perlindungan pekerja rentan DBHCHT" \
    --funding DBHCHT --budget 2800000000 --from 2025-09 --to "$(($(date -u +%Y) + 1))-12" \
    --quota "$quota" --age-max 60 --as operator.pasuruan --json | field id)
  j verval run --regency 35.14 --period 2025-09 >/dev/null
  j verval decide --regency 35.14 --period 2025-09 --all --accept \
    --reason "diperiksa bersama desa" --as verif.pasuruan >/dev/null
  j verval settle --regency 35.14 --period 2025-09 --as verif.pasuruan \
    --minutes "$work/ba.pdf" >/dev/null
  batch=$(j enrol batch --program "$program" --period 2025-09 --out "$work/batch.xlsx" \
    --as operator.pasuruan --json | field batch)
  j enrol approve "$batch" --as verif.pasuruan >/dev/null
  python3 "$root/tests/integration/cli/enrol_answer.py" "$work/batch.xlsx" "$work/answer.csv" \
    --rejected 1 >/dev/null
  j enrol answer "$work/answer.csv" --program "$program" --as operator.pasuruan --json >/dev/null
  j card issue --program "$program" --out "$work/cards.pdf" --as operator.pasuruan --json |
    tail -1 | python3 -c "import json,sys
for item in json.load(sys.stdin)['items']: print(item['token'])" > "$tokens.tmp"
  mv "$tokens.tmp" "$tokens"
fi
echo "cards: $(wc -l < "$tokens") issued; registry: $(sql "SELECT COUNT(*) FROM workers") workers ($db)"

port=$(free_port)
log=$work/serve.log
"$jaring" serve --db "$db" --port "$port" > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
wait_for_serving "$log" "$server" 60 || exit 1
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
python3 "$here/latency.py" "http://127.0.0.1:$port" "$tokens" "$requests" "$log" || rc=$?
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# 3. The page again while another connection holds SQLite's write lock (BEGIN IMMEDIATE and an
#    UPDATE of every worker, as any write transaction of jaring takes it), for WRITER_SECONDS,
#    then rolls back, so every run times the same. A check that began a write transaction (as
#    before Database::BeginRead) waited for that lock (busy_timeout, 10 s) and then failed.
if ((writer_seconds > 0)) && [[ $db == sqlite:* ]]; then
  python3 - "${db#sqlite:}" "$writer_seconds" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE workers SET phone = phone")
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")
PY
  writer=$!
  held=no
  for _ in $(seq 100); do  # until the writer holds the lock
    if ! sqlite3 "${db#sqlite:}" ".timeout 0" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; then
      held=yes
      break
    fi
    sleep 0.05
  done
  echo "while a writer holds the write lock for ${writer_seconds} s (held: $held);" \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 "$here/latency.py" "http://127.0.0.1:$port" "$tokens" "$requests" "$log" --only-page \
    --while-pid "$writer" || rc=$?
  wait "$writer" || rc=1
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
exit $rc
