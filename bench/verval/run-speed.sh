#!/usr/bin/env bash
# Verval speed (issue 12): a full monthly run over a regency of WORKERS workers with a death
# extract of about WORKERS/10 rows and a membership extract of about WORKERS rows, on SQLite or
# PostgreSQL; then the review queue's first page through HTTP (p50/p95 of 20 requests).
#   bench/verval/run-speed.sh [BUILD_DIR]          ENGINE=sqlite|postgresql WORKERS=1000000
# PostgreSQL runs under scripts/with-postgres.sh (a throw-away cluster). Data comes from the
# independent generator (bench/verval/generate.py, seed 7); it is made once per size in
# bench/out/verval-speed/. Prints what it measured, one line per step, and the run's JSON.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
jaring=$build/src/app/jaring
workers=${WORKERS:-1000000}
engine=${ENGINE:-sqlite}
work=$root/bench/out/verval-speed
data=$work/data-$workers
mkdir -p "$work"

if [[ $engine == postgresql && -z ${JARING_TEST_PG:-} ]]; then
  exec "$root/scripts/with-postgres.sh" env ENGINE=postgresql WORKERS="$workers" "$0" "$build"
fi

if [[ ! -f $data/members.csv ]]; then
  echo "== generating $workers workers (seed 7)"
  # 20 deaths per 1000 with 4 others each: ~WORKERS/10 death rows; 27 other members per roster
  # member (3.5 % of the roster): ~WORKERS membership rows.
  python3 "$root/bench/verval/generate.py" --regency 35.14 --workers "$workers" --seed 7 \
    --out "$data" --deaths-per-1000 20 --rate other_members=27
fi
echo "roster $(($(wc -l <"$data/roster.csv") - 1)) rows, deaths $(($(wc -l <"$data/deaths.csv") - 1)), members $(($(wc -l <"$data/members.csv") - 1))"

if [[ $engine == sqlite ]]; then
  db_file=$work/verval-$workers.db
  rm -f "$db_file" "$db_file-wal" "$db_file-shm"
  db="sqlite:$db_file"
else
  schema="verval_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema"
  db="$JARING_TEST_PG?options=-csearch_path%3D$schema"
fi

timed() {  # timed LABEL COMMAND...: wall seconds and peak memory of COMMAND
  local label=$1
  shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/mem" "$@" >"$work/out" 2>"$work/err" || {
    cat "$work/err" >&2
    exit 1
  }
  end=$(date +%s.%N)
  printf '%-28s %7.1f s  %6d MB peak\n' "$label" "$(python3 -c "print($end - $start)")" \
    "$(($(cat "$work/mem") / 1024))"
}

export JARING_PROGRESS=0
timed "import roster" "$jaring" import "$data/roster.csv" --regency 35.14 --source "Daftar desa" \
  --db "$db" --json --quarantine-report "$work/karantina.xlsx"
timed "import deaths extract" "$jaring" extract import deaths "$data/deaths.csv" --regency 35.14 \
  --period 2025-10 --db "$db" --json
timed "import members extract" "$jaring" extract import members "$data/members.csv" \
  --regency 35.14 --period 2025-10 --db "$db" --json
timed "verval run ($engine)" "$jaring" verval run --regency 35.14 --period 2025-10 --db "$db" --json
tail -1 "$work/out"

# The review queue's first page, as a verifier's browser asks for it.
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" | "$jaring" user add verif.bench --role verifikator --scope 35.14 \
  --password-stdin --db "$db" >/dev/null
"$jaring" serve --port 0 --db "$db" --web "$work/noweb" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'http://[0-9.:]*' "$work/serve.out" 2>/dev/null | head -1) && [[ -n $url ]] && break
  sleep 0.2
done
jar=$work/cookies
session=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"verif.bench\",\"password\":\"$password\"}" "$url/api/v1/session")
if grep -q must_change_password\":true <<<"$session"; then
  csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$session")
  new="$password-Baru9"
  curl -s -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d "{\"current_password\":\"$password\",\"new_password\":\"$new\"}" \
    "$url/api/v1/session/password" >/dev/null
  curl -s -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"verif.bench\",\"password\":\"$new\"}" "$url/api/v1/session" >/dev/null
fi
times=()
for _ in $(seq 1 20); do
  times+=("$(curl -s -b "$jar" -o /dev/null -w '%{time_total}' \
    "$url/api/v1/regencies/35.14/verval/findings?period=2025-10&state=open&limit=50")")
done
printf '%s\n' "${times[@]}" | python3 -c '
import sys
t = sorted(float(x) * 1000 for x in sys.stdin)
print("review queue first page      p50 %.0f ms  p95 %.0f ms  (20 requests, 50 findings each)" % (t[len(t) // 2], t[int(len(t) * 0.95) - 1]))'
kill $server
wait $server 2>/dev/null || true
if [[ $engine == postgresql ]]; then
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
