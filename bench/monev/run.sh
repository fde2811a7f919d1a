#!/usr/bin/env bash
# Monitoring pages' speed (issue 16: with 38 regencies x 30,000 workers and one of 1,000,000
# settled, the province page's API <= 300 ms, a regency page <= 100 ms, on both engines).
#   bench/monev/run.sh [BUILD_DIR] [WORK_DIR]     ENGINE=sqlite|postgresql (default sqlite)
# JARING=PATH takes that executable instead of BUILD_DIR/src/app/jaring. WORKERS=N (30000) rows
# per regency, LARGE=N (1000000) rows of LARGE_REGENCY (35.14), MEASURED=CODE (35.13) the 30,000
# regency timed beside it, REQUESTS=N (200) and WARM_UP=N (20) per route, REBUILD=1 builds the
# database again even when WORK_DIR has one, REGENCIES=N (38) settles only the first N of the
# list (and always the large and the measured one: a quick run), PAUSE=N (0) waits N seconds
# before timing (lets the load of a restore fade). PostgreSQL runs under scripts/with-postgres.sh.
#
# 1. Data, through the real pipeline, for every regency and city of Jawa Timur (35.01-35.29,
#    35.71-35.79): `jaring demo` (seed 100 + its place in the list; made once in
#    WORK_DIR/demo), with 50 persons of the next regency on the list (a ring) copied onto each
#    list, living there (the same NIK, name and birth date), so that every neighbouring pair
#    shares persons; all lists imported (`--source-kind village`) with the month's death and
#    membership extracts (2025-09) before any month is checked, so each verval sees the others;
#    then per regency `verval run`, the cross-regency findings rejected (kept on both lists:
#    the province's overlap), every other finding accepted, `verval settle` by a verifikator of
#    the province; a program (quota 27 % of the rows, DBHCHT 60 / APBD 40, 2025-09..2025-12)
#    enrolled from the settled list and answered by the branch (tests' enrol_answer.py, 5
#    rejected), September billed and paid; a working-population denominator for 2024 per
#    regency and the province's 2025 target of 33 %. Prints the time of each phase and the
#    total ("built in").
#    SQLite: WORK_DIR/monev-NxWORKERS-LARGE.db (N regencies), kept. PostgreSQL: the cluster of
#    with-postgres.sh lives for one run, so the built database is kept as a pg_dump in
#    WORK_DIR/monev-NxWORKERS-LARGE.pgdump and restored (then VACUUM ANALYZE, as autovacuum
#    would) by the next run. A .built file beside each says when and how long it took.
# 2. `jaring serve` (no --demo) on a free port; a pimpinan of the province signs in and
#    latency.py times the province page, the large regency's page, MEASURED's page and one
#    district's villages: WARM_UP untimed then REQUESTS timed requests each, one after the
#    other (client round trip and the server's own time from its request log). The load
#    average is printed before and after. On PostgreSQL, one more request per route is made
#    with every statement logged, and its statements and round trips are counted. Exit 1 when
#    an answer lacks the settled figures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bench/serve-lib.sh"
build=${1:-$root/build}
work=${2:-$root/bench/out/monev}
jaring=${JARING:-$build/src/app/jaring}
jaring=$(cd "$(dirname "$jaring")" && pwd)/$(basename "$jaring")
engine=${ENGINE:-sqlite}
workers=${WORKERS:-30000}
large=${LARGE:-1000000}
large_regency=${LARGE_REGENCY:-35.14}
measured=${MEASURED:-35.13}
requests=${REQUESTS:-200}
warm_up=${WARM_UP:-20}
period=2025-09
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [[ $engine == postgresql && -z ${JARING_TEST_PG:-} ]]; then
  exec "$root/scripts/with-postgres.sh" env ENGINE=postgresql JARING="$jaring" "$0" "$build" "$work"
fi
[[ -x $jaring ]] || { echo "run.sh: no jaring executable at $jaring" >&2; exit 1; }

regencies=()
for n in $(seq 1 29) $(seq 71 79); do regencies+=("35.$(printf %02d "$n")"); done
if [[ -n ${REGENCIES:-} ]]; then  # a quick run: the first N, the large and the measured one
  chosen=("$large_regency" "$measured")
  for code in "${regencies[@]}"; do
    ((${#chosen[@]} < REGENCIES)) || break
    [[ " ${chosen[*]} " == *" $code "* ]] || chosen+=("$code")
  done
  mapfile -t regencies < <(printf '%s\n' "${chosen[@]}" | sort)
fi
size() { [[ $1 == "$large_regency" ]] && echo "$large" || echo "$workers"; }

name=monev-${#regencies[@]}x$workers-$large
if [[ $engine == sqlite ]]; then
  db_file=$work/$name.db
  db="sqlite:$db_file"
  built_marker=$work/$name.db.built
  sql() { sqlite3 "$db_file" "$1"; }
else
  db=$JARING_TEST_PG
  dump=$work/$name.pgdump
  built_marker=$work/$name.pgdump.built
  sql() { psql -qtA "$db" -c "$1"; }
fi
export JARING_PROGRESS=0

now() { date +%s.%N; }
since() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }
log=$work/build-$engine.log
j() {  # j ARGS...: jaring with the database; output in $work/out, stderr to the build log
  "$jaring" "$@" --db "$db" >"$work/out" 2>>"$log" || {
    echo "run.sh: jaring $* failed:" >&2
    tail -5 "$log" >&2
    exit 1
  }
}
field() { python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])[sys.argv[2]])" "$work/out" "$1"; }

# --- 1. the database -----------------------------------------------------------------------
build_database() {
  : >"$log"
  local start phase
  start=$(now)
  phase=$(now)
  local seed=100 code
  for code in "${regencies[@]}"; do
    seed=$((seed + 1))
    local dir=$work/demo/$code-$(size "$code")
    [[ -f $dir/roster.csv ]] || "$jaring" demo --regency "$code" --workers "$(size "$code")" \
      --seed "$seed" --out "$dir" >/dev/null
  done
  # Each list also holds 50 clean persons of the next regency (none of its planted duplicates,
  # deaths, memberships or bad NIKs; aged 25-55), moved to villages of this regency.
  python3 - "$work/demo" "$workers" "$large" "$large_regency" "${regencies[@]}" <<'EOF'
import csv, os, sys
base, workers, large, large_regency, codes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
folder = lambda code: os.path.join(base, f"{code}-{large if code == large_regency else workers}")
for i, code in enumerate(codes):
    here, other = folder(code), folder(codes[(i + 1) % len(codes)])
    if os.path.exists(os.path.join(here, "list.csv")):
        continue
    troubled = set()
    for name, cols in (("duplicates", ("id_a", "id_b")), ("deaths", ("roster_id",)),
                       ("members", ("roster_id",)), ("bad_nik", ("roster_id",))):
        for r in csv.DictReader(open(os.path.join(other, "truth", name + ".csv"))):
            troubled.update(r[c] for c in cols)
    chosen = []
    for r in csv.DictReader(open(os.path.join(other, "roster.csv"))):
        if r["id"] not in troubled and 25 <= 2025 - int(r["birth_date"][:4]) <= 55:
            chosen.append(r)
            if len(chosen) == 50:
                break
    with open(os.path.join(here, "roster.csv"), newline="") as f:
        reader = csv.DictReader(f)
        header, villages, last_id = reader.fieldnames, set(), 0
        for r in reader:
            villages.add(r["village_code"])
            last_id = max(last_id, int(r["id"]))
    villages = sorted(villages)
    with open(os.path.join(here, "list.tmp"), "w", newline="") as f:
        with open(os.path.join(here, "roster.csv"), newline="") as roster:
            f.write(roster.read())
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        for k, r in enumerate(chosen):
            w.writerow(dict(r, id=str(last_id + 1 + k), village_code=villages[k % len(villages)]))
    os.replace(os.path.join(here, "list.tmp"), os.path.join(here, "list.csv"))
EOF
  echo "demo lists (made once, kept in $work/demo): $(since "$phase") s"
  start=$(now)  # the database's build time starts here

  phase=$(now)
  j migrate
  j user add verif --role verifikator --scope 35
  j user add admin.jatim --role admin_provinsi --scope 35
  for code in "${regencies[@]}"; do
    local dir=$work/demo/$code-$(size "$code") t0 t1 t2
    t0=$(now)
    j import "$dir/list.csv" --regency "$code" --source "Daftar desa" --source-kind village \
      --json --quarantine-report "$work/karantina.xlsx"
    local accepted
    accepted=$(field accepted)
    t1=$(since "$t0")
    t0=$(now)
    j extract import deaths "$dir/deaths.csv" --regency "$code" --period $period --json
    j extract import members "$dir/members.csv" --regency "$code" --period $period --json
    t2=$(since "$t0")
    printf '  %s import %7s s (%d accepted), extracts %5s s\n' "$code" "$t1" "$accepted" "$t2"
  done
  echo "phase import: $(since "$phase") s"

  phase=$(now)
  for code in "${regencies[@]}"; do
    local t0 t_run t_decide t_settle
    t0=$(now)
    j verval run --regency "$code" --period $period --json
    t_run=$(since "$t0")
    t0=$(now)
    j verval decide --regency "$code" --period $period --kind other_regency --reject \
      --reason "terdaftar juga di kabupaten lain, tetap di daftar" --as verif
    j verval decide --regency "$code" --period $period --all --accept \
      --reason "diperiksa bersama desa" --as verif
    t_decide=$(since "$t0")
    t0=$(now)
    j verval settle --regency "$code" --period $period --as verif --minutes "$work/ba.pdf" --json
    t_settle=$(since "$t0")
    printf '  %s verval run %6s s, decide %6s s, settle %6s s (%d persons)\n' "$code" "$t_run" \
      "$t_decide" "$t_settle" "$(field persons)"
  done
  echo "phase verval: $(since "$phase") s"

  phase=$(now)
  for code in "${regencies[@]}"; do
    local rows quota program batch t0
    t0=$(now)
    rows=$(size "$code")
    quota=$((rows * 27 / 100))
    j program add --regency "$code" --name "Perlindungan pekerja rentan 2025" \
      --funding DBHCHT=60,APBD=40 --budget $((quota * 16800 * 4)) --from 2025-09 --to 2025-12 \
      --quota "$quota" --age-max 60 --as admin.jatim --json
    program=$(field id)
    local t1 t_batch t_answer
    t1=$(now)
    j enrol batch --program "$program" --period $period --out "$work/batch.xlsx" --json
    batch=$(field batch)
    t_batch=$(since "$t1")
    j enrol approve "$batch" --as verif --json
    python3 "$root/tests/integration/cli/enrol_answer.py" "$work/batch.xlsx" "$work/answer.csv" \
      --rejected 5 >/dev/null
    t1=$(now)
    j enrol answer "$work/answer.csv" --program "$program" --json
    t_answer=$(since "$t1")
    local started
    started=$(field coverage_started)
    j bill --program "$program" --period $period --json
    j payment add --program "$program" --period $period --amount "$(field total)" \
      --date 2025-09-20 --reference "SP2D-$code-09" --json
    j denominator set --region "$code" --year 2024 --name working_population \
      --value $((rows * 10)) --source "BPS Sakernas Agustus 2024" --source-date 2024-11-05
    printf '  %s program %s: %d covered, billed and paid; %6s s (enrol batch %s s, answer %s s)\n' \
      "$code" "$program" "$started" "$(since "$t0")" "$t_batch" "$t_answer"
  done
  j target set --region 35 --year 2025 --value 0.33 --source "RPJMN 2025-2029"
  echo "phase programs, enrolment, bills, denominators: $(since "$phase") s"
  built_in=$(since "$start")
  echo "built in $built_in s (from the demo lists to the last denominator, on $engine)"
}

echo "engine $engine, jaring $jaring, work $work"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
have_built=no
if [[ -z ${REBUILD:-} && -f $built_marker ]]; then
  if [[ $engine == sqlite && -f $db_file ]]; then
    have_built=yes
  elif [[ $engine == postgresql && -f $dump ]]; then
    t0=$(now)
    pg_restore --no-owner -j 2 -d "$db" "$dump"
    sql "VACUUM ANALYZE" >/dev/null
    echo "restored $dump (and VACUUM ANALYZE) in $(since "$t0") s"
    have_built=yes
  fi
fi
if [[ $have_built == yes ]]; then
  echo "reusing the database built earlier: $(cat "$built_marker")"
  # A database kept from an older tree takes this tree's migrations first (untimed), so that
  # the server does not spend its start-up wait on them.
  t0=$(now)
  "$jaring" migrate --db "$db"
  echo "migrated in $(since "$t0") s"
else
  if [[ $engine == sqlite ]]; then rm -f "$db_file" "$db_file-wal" "$db_file-shm"; fi
  rm -f "$built_marker"
  build_database
  if [[ $engine == postgresql ]]; then
    # What autovacuum does after a load this size within minutes; then keep the database.
    sql "VACUUM ANALYZE" >/dev/null
    pg_dump -Fc -f "$dump.tmp" "$db" && mv "$dump.tmp" "$dump"
  fi
  echo "built in $built_in s on $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)," \
    "$("$jaring" version 2>/dev/null | head -1), tree $(git -C "$root" rev-parse --short HEAD)" >"$built_marker"
fi
echo "registry: $(sql "SELECT COUNT(*) FROM workers") workers; settled regency rows:" \
  "$(sql "SELECT COUNT(*) FROM monev_snapshots WHERE level = 'regency' AND period = '$period'");" \
  "snapshot rows: $(sql "SELECT COUNT(*) FROM monev_snapshots"); overlap rows:" \
  "$(sql "SELECT COUNT(*) FROM monev_overlaps")"

# --- 2. the pages --------------------------------------------------------------------------
password=Monev-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
user=pimpinan.bench$$
printf '%s\n' "$password" | "$jaring" user add "$user" --role pimpinan --scope 35 \
  --password-stdin --db "$db" >/dev/null
port=$(free_port)
serve_log=$work/serve-$engine.log
"$jaring" serve --db "$db" --port "$port" --web "$work/no-web" >"$serve_log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_for_serving "$serve_log" "$server" 120 || exit 1
district=$(sql "SELECT area_code FROM monev_snapshots WHERE regency_code = '$large_regency' AND level = 'district' ORDER BY persons DESC LIMIT 1")
counting=()
if [[ $engine == postgresql ]]; then
  # with-postgres.sh keeps the cluster's log beside its data folder.
  pg_log=$(dirname "$(sql "SHOW data_directory")")/server.log
  [[ ! -r $pg_log ]] || counting=(--pg "$db" --pg-log "$pg_log")
fi
sleep "${PAUSE:-0}"
echo "measured $(date -u '+%Y-%m-%d %H:%M UTC'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
python3 "$here/latency.py" "http://127.0.0.1:$port" "$user" "$password" "$serve_log" 35 $period \
  "$large_regency" "$measured" --district "$district" --requests "$requests" \
  --warm-up "$warm_up" --expect-settled ${#regencies[@]} "${counting[@]}" || rc=$?
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $rc
