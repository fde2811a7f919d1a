#!/usr/bin/env bash
# Registry list/search latency on a 1,000,000-worker regency, through `jaring serve`.
#   bench/registry/run.sh BUILD_DIR [WORK_DIR]          # SQLite in WORK_DIR/db-WORKERS.sqlite
#   JARING_BENCH_DB=postgresql://... bench/registry/run.sh BUILD_DIR [WORK_DIR]   # PostgreSQL
#   (e.g. scripts/with-postgres.sh sh -c 'JARING_BENCH_DB=$JARING_TEST_PG bench/registry/run.sh build')
# WORKERS=N (default 1000000) sizes the regency for a quick run; REPEAT=N (default 10) calls of
# each query.
# 1. jaring demo --workers WORKERS (seed 1) -> roster.csv
# 2. jaring import roster.csv (ImportService -> InsertMany): at 1,000,000 rows 877,247 are
#    accepted, the rest quarantined; topped up to exactly WORKERS rows by copying accepted rows
#    (122,753 at 1M) with their first NIK digit changed to 9 (keys and flags copied with them).
# 3. jaring serve --demo on a free port; bench/registry/latency.py signs in as the demo
#    operator and times each query REPEAT times (p50/p95/max), printing the load average around.
set -euo pipefail
build=${1:?build dir}
work=${2:-$(mktemp -d /tmp/jaring-registry-bench.XXXXXX)}
jaring=$build/src/app/jaring
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../serve-lib.sh"
workers=${WORKERS:-1000000}
repeat=${REPEAT:-10}
db=${JARING_BENCH_DB:-sqlite:$work/db-$workers.sqlite}
demo=$work/demo$workers
mkdir -p "$work"
[[ -f $demo/roster.csv ]] || "$jaring" demo --workers "$workers" --regency 35.14 --seed 1 --out "$demo"
if [[ $db == sqlite:* ]]; then
  sql() { sqlite3 "${db#sqlite:}" "$1"; }
  imported() { [[ -f ${db#sqlite:} ]]; }
else
  sql() { psql -qtA "$db" -c "$1"; }
  imported() { [[ $(psql -qtA "$db" -c "SELECT to_regclass('workers') IS NOT NULL") == t ]]; }
fi
if ! imported; then
  JARING_PROGRESS=0 /usr/bin/time -v "$jaring" import "$demo/roster.csv" --regency 35.14 \
    --source "Dinas Pertanian" --db "$db" --json 2> "$work/import.time"
  grep -E "Elapsed|User time|Maximum resident" "$work/import.time"
  cols="regency_code, kk, name, name_original, sex, birth_place, birth_date, address, village_code, district_code, occupation, phone, status, source, created_at, updated_at, name_key, has_issues"
  n=$(sql "SELECT $workers - COUNT(*) FROM workers WHERE regency_code = '35.14'")
  sql "INSERT INTO workers (nik, $cols) SELECT '9' || substr(nik, 2), $cols FROM workers WHERE regency_code = '35.14' ORDER BY id LIMIT $n"
  # SQLite: no ANALYZE, as jaring never runs it, so the plans measured are the ones a regency
  # gets. PostgreSQL: autovacuum vacuums and analyses a table after a load this size (the
  # import rewrites every row once to link it to its batch) within minutes; do it now.
  [[ $db == sqlite:* ]] || sql "VACUUM ANALYZE workers"
fi
port=$(free_port)
"$jaring" serve --db "$db" --demo --port "$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server' EXIT
# The first start on a database imported before migration 0007 builds its indexes (~40 s).
wait_for_serving "$work/serve.log" "$server" 300 || exit 1
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/latency.py" "http://127.0.0.1:$port" 35.14 "$repeat"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
