#!/usr/bin/env bash
# Registry list/search latency on a 1,000,000-worker regency, SQLite, through `jaring serve`.
#   bench/registry/run.sh BUILD_DIR [WORK_DIR]
# 1. jaring demo --workers 1000000 (seed 1) -> roster.csv
# 2. jaring import roster.csv (ImportService -> InsertMany): 877,659 accepted, the rest
#    quarantined; topped up to exactly 1,000,000 rows by copying 122,341 accepted rows with
#    their first NIK digit changed to 9 (keys and flags copied with them).
# 3. jaring serve --demo on a free port; bench/registry/latency.py signs in as the demo
#    operator and times each query 10 times (p50/p95/max).
set -euo pipefail
build=${1:?build dir}
work=${2:-$(mktemp -d /tmp/jaring-registry-bench.XXXXXX)}
jaring=$build/src/app/jaring
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
[[ -f $work/demo/roster.csv ]] || "$jaring" demo --workers 1000000 --regency 35.14 --seed 1 --out "$work/demo"
if [[ ! -f $work/db.sqlite ]]; then
  JARING_PROGRESS=0 /usr/bin/time -v "$jaring" import "$work/demo/roster.csv" --regency 35.14 \
    --source "Dinas Pertanian" --db "sqlite:$work/db.sqlite" --json 2> "$work/import.time"
  grep -E "Elapsed|User time|Maximum resident" "$work/import.time"
  cols="regency_code, kk, name, name_original, sex, birth_place, birth_date, address, village_code, district_code, occupation, phone, status, source, created_at, updated_at, name_key, has_issues"
  n=$(sqlite3 "$work/db.sqlite" "SELECT 1000000 - COUNT(*) FROM workers WHERE regency_code = '35.14'")
  sqlite3 "$work/db.sqlite" "INSERT INTO workers (nik, $cols) SELECT '9' || substr(nik, 2), $cols FROM workers WHERE regency_code = '35.14' ORDER BY id LIMIT $n; ANALYZE;"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$jaring" serve --db "sqlite:$work/db.sqlite" --demo --port "$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 60); do grep -q serving "$work/serve.log" && break; sleep 1; done
python3 "$here/latency.py" "http://127.0.0.1:$port" 35.14 10
