#!/usr/bin/env bash
# The load test (issue 17, item 4): 200 signed-in users on one `jaring serve` over loopback.
#   bench/load/run.sh [--short|--soak] [BUILD_DIR] [WORK_DIR]    ENGINE=sqlite|postgresql
#   --short (the default): 30 s of load, the form `make test` runs (tests/load/CMakeLists.txt)
#   --soak: 10 minutes, the documented run (docs/benchmarks.md, "Load")
# USERS=N (200), SESSIONS=N (signed-in sessions the users share: the short form 28, two per
# account, since 200 sign-ins cost a minute of argon2 on a busy machine; the soak 0, one per
# user), DURATION=S (overrides the form's), THINK_MS=N (2000: mean think time between
# two actions of one user), IMPORT_EVERY=S (5: at most one import starts this often),
# PAGE_P99_MS=N (300), PAGE_P50_MS=N (0: not checked), MEMORY_TOLERANCE (0.10) and MEMORY_SLACK_MB (16): load.py's goals.
# THREADS=N is serve's --threads (its default: one per core). JARING=PATH takes that executable instead of BUILD_DIR/src/app/jaring. PostgreSQL runs under
# scripts/with-postgres.sh (or on $JARING_TEST_PG when it is set).
#
# 1. The database: the demo story (`jaring demo seed --story`: three regencies, 75,848 workers,
#    two settled months, programs, bills, claims; docs/demo.md). SQLite: WORK_DIR/story.db,
#    made once and copied for each run (REBUILD=1 makes it again); PostgreSQL: seeded into a
#    database of the run's own in the cluster (dropped at the end).
# 2. The accounts, made with `jaring user add` on that database (passwords random): per story
#    regency two operators, a verifikator and a pimpinan; for the province (35) a pimpinan and
#    an admin_provinsi: 14 accounts, written to WORK_DIR/accounts.json for load.py.
# 3. The import files: per regency 20 clean persons of a `jaring demo` list of that regency
#    (another seed, so new persons: the first import adds them, every later one updates their
#    phone numbers): WORK_DIR/imports/CODE.csv.
# 4. `jaring serve` on a free port (request log in WORK_DIR/serve-ENGINE.log), then load.py
#    (bench/load/load.py says what it does and judges); the database's counts before and after
#    (workers, import batches, audit rows) show how much the run wrote; the server is stopped
#    with SIGTERM and must exit cleanly. Exit status: load.py's, or 1 when the server died.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bench/serve-lib.sh"
form=short
case ${1:-} in
  --short) shift ;;
  --soak) form=soak; shift ;;
  --*) echo "usage: bench/load/run.sh [--short|--soak] [BUILD_DIR] [WORK_DIR]" >&2; exit 2 ;;
esac
build=${1:-$root/build}
work=${2:-$root/bench/out/load}
jaring=${JARING:-$build/src/app/jaring}
jaring=$(cd "$(dirname "$jaring")" && pwd)/$(basename "$jaring")
engine=${ENGINE:-sqlite}
if [[ $form == soak ]]; then
  duration=${DURATION:-600} sessions=${SESSIONS:-0}
else
  duration=${DURATION:-30} sessions=${SESSIONS:-28}
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [[ $engine == postgresql && -z ${JARING_TEST_PG:-} ]]; then
  exec "$root/scripts/with-postgres.sh" env ENGINE=postgresql JARING="$jaring" "$0" "--$form" \
    "$build" "$work"
fi
[[ -x $jaring ]] || { echo "run.sh: no jaring executable at $jaring" >&2; exit 1; }
export JARING_PROGRESS=0 JARING_DATA_DIR=$work/data
now() { date +%s.%N; }
since() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }

# --- 1. the database -----------------------------------------------------------------------
echo "load test ($form, $duration s) on $engine: jaring $jaring, work $work"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
if [[ $engine == sqlite ]]; then
  story=$work/story.db
  if [[ -n ${REBUILD:-} || ! -f $story ]]; then
    rm -f "$story" "$story.tmp"
    "$jaring" demo seed --story --db "sqlite:$story.tmp" >"$work/seed.log" 2>&1 ||
      { tail -5 "$work/seed.log" >&2; exit 1; }
    mv "$story.tmp" "$story"
    echo "demo story seeded in $(since "$t0") s (kept in $story)"
  fi
  rm -f "$work/load.db" "$work/load.db-wal" "$work/load.db-shm"
  cp "$story" "$work/load.db"
  db=sqlite:$work/load.db
  sql() { sqlite3 "$work/load.db" "$1"; }
else
  # A database of its own in the cluster (the tests share it), dropped at the end.
  pg_db=load_$$
  psql "$JARING_TEST_PG" -qc "CREATE DATABASE $pg_db" >/dev/null
  trap 'psql "$JARING_TEST_PG" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true' EXIT
  db=${JARING_TEST_PG%/*}/$pg_db
  "$jaring" demo seed --story --db "$db" >"$work/seed.log" 2>&1 || { tail -5 "$work/seed.log" >&2; exit 1; }
  echo "demo story seeded in $(since "$t0") s"
  sql() { psql -qtA "$db" -c "$1"; }
fi

# --- 2. the accounts -----------------------------------------------------------------------
regencies=(35.14 35.13 35.23)
accounts=()
add_user() {  # add_user NAME ROLE SCOPE
  local password
  password=Beban-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" | "$jaring" user add "$1" --role "$2" --scope "$3" --password-stdin \
    --db "$db" >/dev/null
  accounts+=("{\"username\": \"$1\", \"password\": \"$password\", \"role\": \"$2\", \"scope\": \"$3\"}")
}
run_id=$$
for code in "${regencies[@]}"; do
  tag=${code/./}
  add_user "beban.op1.$tag.$run_id" operator "$code"
  add_user "beban.op2.$tag.$run_id" operator "$code"
  add_user "beban.verif.$tag.$run_id" verifikator "$code"
  add_user "beban.pimpinan.$tag.$run_id" pimpinan "$code"
done
add_user "beban.pimpinan.35.$run_id" pimpinan 35
add_user "beban.admin.35.$run_id" admin_provinsi 35
(IFS=,; echo "[${accounts[*]}]") >"$work/accounts.json"

# --- 3. the import files -------------------------------------------------------------------
mkdir -p "$work/imports"
for code in "${regencies[@]}"; do
  [[ -f $work/imports/$code.csv ]] && continue
  "$jaring" demo --regency "$code" --workers 200 --seed 1717 --out "$work/imports/$code" >/dev/null
  python3 - "$work/imports/$code" "$work/imports/$code.csv" <<'EOF'
import csv, os, sys
folder, out = sys.argv[1], sys.argv[2]
troubled = set()
for name, cols in (("duplicates", ("id_a", "id_b")), ("deaths", ("roster_id",)),
                   ("members", ("roster_id",)), ("bad_nik", ("roster_id",))):
    path = os.path.join(folder, "truth", name + ".csv")
    if os.path.exists(path):
        for r in csv.DictReader(open(path)):
            troubled.update(r[c] for c in cols)
with open(os.path.join(folder, "roster.csv"), newline="") as f:
    reader = csv.DictReader(f)
    rows = [r for r in reader if r["id"] not in troubled and 25 <= 2025 - int(r["birth_date"][:4]) <= 55][:20]
    header = reader.fieldnames
with open(out, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
EOF
done

counts() {
  echo "workers $(sql "SELECT COUNT(*) FROM workers"), import batches" \
    "$(sql "SELECT COUNT(*) FROM import_batches"), audit rows $(sql "SELECT COUNT(*) FROM audit_log")," \
    "sessions $(sql "SELECT COUNT(*) FROM sessions")"
}
before=$(counts)

# --- 4. the server and the load ------------------------------------------------------------
port=$(free_port)
serve_log=$work/serve-$engine.log
threads=()
[[ -z ${THREADS:-} ]] || threads=(--threads "$THREADS")
"$jaring" serve --db "$db" --port "$port" --web "$work/no-web" "${threads[@]}" >"$serve_log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; [[ -z ${pg_db:-} ]] || psql "$JARING_TEST_PG" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true' EXIT
wait_for_serving "$serve_log" "$server" 120 || exit 1
echo "server pid $server on port $port, $(ls /proc/$server/task | wc -l) threads"
echo "measured $(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$("$jaring" version 2>/dev/null | head -1), tree $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
rc=0
python3 "$here/load.py" "http://127.0.0.1:$port" --accounts "$work/accounts.json" --pid "$server" \
  --users "${USERS:-200}" --sessions "$sessions" --duration "$duration" --think-ms "${THINK_MS:-2000}" \
  --import-dir "$work/imports" --import-every "${IMPORT_EVERY:-5}" \
  --page-p99-ms "${PAGE_P99_MS:-300}" --page-p50-ms "${PAGE_P50_MS:-0}" --memory-tolerance "${MEMORY_TOLERANCE:-0.10}" \
  --memory-slack-mb "${MEMORY_SLACK_MB:-16}" --json "$work/result-$engine-$form.json" || rc=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! kill -0 "$server" 2>/dev/null; then
  echo "run.sh: the server died during the load:" >&2
  tail -5 "$serve_log" >&2
  exit 1
fi
kill -TERM "$server"
server_rc=0
wait "$server" || server_rc=$?
trap '[[ -z ${pg_db:-} ]] || psql "$JARING_TEST_PG" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true' EXIT
echo "database before: $before"
echo "database after:  $(counts)"
if ((server_rc != 0)); then
  echo "run.sh: the server exited with $server_rc after SIGTERM" >&2
  exit 1
fi
exit $rc
