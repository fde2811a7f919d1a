#!/usr/bin/env bash
# Crash safety of the month's operations (issue 17, item 3): a verval run, settling the month,
# issuing its bill and recording the branch's claim decisions, each killed with SIGKILL as it
# lands, leave the database as it was or fully done, never in between; the audit chain still
# verifies; and re-running the same command completes the operation, nothing twice. On SQLite
# and (when JARING_TEST_PG is set) PostgreSQL. The same method as import_kill_test.sh
# (kill_lib.sh: kill_scenario), on one month built through the real commands:
#   1. a demo roster of JARING_KILL_OPS_WORKERS people (default 20,000) and September's death
#      and membership extracts: `jaring verval run` is killed at fractions of its duration;
#   2. from its uninterrupted run, every finding accepted: `jaring verval settle`;
#   3. from there a program, a batch, the branch's answer (everyone accepted): `jaring bill`;
#   4. from there October's death extract naming JARING_KILL_OPS_CLAIMS covered workers (default
#      2,000; on PostgreSQL JARING_KILL_OPS_PG_CLAIMS, default 300: each decision costs it more),
#      October run, decided and settled: settling opens their JKM cases. The branch then answers
#      with a decision file paying every case: `jaring claim import` moves each case
#      submitted -> approved -> paid in one transaction. The cases are put in `submitted` by SQL
#      (a fixture: the dossier of heirs and papers is eight commands per case, minutes for
#      thousands of cases); everything else goes through jaring.
# The state compared (db_state) counts what each of them writes: workers by status, runs and
# finished runs, findings by state, settled months, their members and monitoring snapshots,
# coverage by end reason, bills, bill lines and their total, claims by state and what was paid,
# claim events, the audit log. After the re-run, running the command once more changes nothing but what it must:
# settling again is refused (exit 5), the same bill is not issued twice, the same decision file
# applies nothing.
#   operations_kill_test.sh PATH/TO/jaring
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
source "$here/kill_lib.sh"
cli_test_setup operations-kill "$1"
export JARING_DATA_DIR="$work/data"

workers=${JARING_KILL_OPS_WORKERS:-20000}
check "demo roster" 0 "$jaring" demo --regency 35.14 --workers "$workers" --seed 5 \
  --out "$work/demo"

last_json() { tail -1 "$work/out"; }
json_field() {
  last_json | python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"
}

state_sql="SELECT k || '=' || CAST(n AS TEXT) FROM (
  SELECT 'workers' AS k, count(*) AS n FROM workers
  UNION ALL SELECT 'workers.' || status, count(*) FROM workers GROUP BY status
  UNION ALL SELECT 'runs', count(*) FROM verval_runs
  UNION ALL SELECT 'runs.finished', count(*) FROM verval_runs WHERE finished_at IS NOT NULL
  UNION ALL SELECT 'findings.' || state, count(*) FROM verval_findings GROUP BY state
  UNION ALL SELECT 'settled', count(*) FROM settled_months
  UNION ALL SELECT 'settled.minutes', count(*) FROM settled_months
    WHERE minutes_checksum IS NOT NULL
  UNION ALL SELECT 'members', count(*) FROM settled_members
  UNION ALL SELECT 'snapshots', count(*) FROM monev_snapshots
  UNION ALL SELECT 'participants', COALESCE(SUM(participants), 0) FROM monev_snapshots
  UNION ALL SELECT 'coverage.' || COALESCE(end_reason, '-'), count(*) FROM coverage_periods
    GROUP BY end_reason
  UNION ALL SELECT 'bills', count(*) FROM bills
  UNION ALL SELECT 'bills.total', COALESCE(SUM(total), 0) FROM bills
  UNION ALL SELECT 'bill_lines', count(*) FROM bill_lines
  UNION ALL SELECT 'claims.' || state, count(*) FROM claims GROUP BY state
  UNION ALL SELECT 'claims.paid_amount', COALESCE(SUM(paid_amount), 0) FROM claims
  UNION ALL SELECT 'claim_events', count(*) FROM claim_events
  UNION ALL SELECT 'audit', count(*) FROM audit_log
) s ORDER BY 1"

# The four operations: each sets op_cmd to its command on the database at the --db URL given.
op_run() { op_cmd=("$jaring" verval run --regency 35.14 --period 2025-09 --db "$1" --json); }
op_settle() {
  op_cmd=("$jaring" verval settle --regency 35.14 --period 2025-09 --as verif.pasuruan
    --minutes "$work/ba-$RANDOM.pdf" --db "$1" --json)
}
op_bill() {
  op_cmd=("$jaring" bill --program "$program" --period 2025-09 --as operator.pasuruan --db "$1"
    --json)
}
op_claims() {
  op_cmd=("$jaring" claim import "$work/keputusan.csv" --regency 35.14 --as operator.pasuruan
    --db "$1" --json)
}
# again OPERATION NAME: runs the operation once more on the database NAME.
again() {
  "$1" "$(db_url "$2")"
  "${op_cmd[@]}"
}

# once_more ENGINE WHAT EXIT OPERATION DONE: the operation once more on the copy its re-run
# completed exits EXIT and leaves it as DONE, the uninterrupted run's database, is.
once_more() {
  check "$1: $2" "$3" again "$4" "$kill_rerun"
  expect "$1: ... and changes nothing" test "$(db_state "$kill_rerun")" = "$(db_state "$5")"
}

# run_engine ENGINE CLAIMS: the whole scenario on one engine, with db_* defined for it.
run_engine() {
  local engine=$1 claims=$2 db
  db_fresh run_base
  db=$(db_url run_base)
  check "$engine: verifier" 0 "$jaring" user add verif.pasuruan --role verifikator \
    --scope 35.14 --db "$db"
  check "$engine: operator" 0 "$jaring" user add operator.pasuruan --role operator \
    --scope 35.14 --db "$db"
  check "$engine: roster" 0 "$jaring" import "$work/demo/roster.csv" --regency 35.14 \
    --source "Demo Pasuruan" --source-kind village --db "$db" --json
  check "$engine: September's deaths" 0 "$jaring" extract import deaths "$work/demo/deaths.csv" \
    --regency 35.14 --period 2025-09 --db "$db" --json
  check "$engine: September's members" 0 "$jaring" extract import members "$work/demo/members.csv" \
    --regency 35.14 --period 2025-09 --db "$db" --json

  # 1. The verval run.
  kill_scenario "$engine" run run_base op_run
  db_drop run_base
  db_drop "$kill_rerun"
  db=$(db_url run_full)
  check "$engine: every finding accepted" 0 "$jaring" verval decide --regency 35.14 \
    --period 2025-09 --all --accept --reason "diperiksa bersama desa" --as verif.pasuruan --db "$db"

  # 2. Settling September.
  kill_scenario "$engine" settle run_full op_settle
  once_more "$engine" "settling again is refused" 5 op_settle settle_full
  db_drop run_full
  db_drop "$kill_rerun"
  db=$(db_url settle_full)
  check "$engine: program" 0 "$jaring" program add --regency 35.14 \
    --name "Perlindungan pekerja rentan DBHCHT 2025" --funding DBHCHT --budget 28000000000 \
    --from 2025-09 --to 2025-12 --db "$db" --json
  program=$(json_field id)
  check "$engine: enrolment batch" 0 "$jaring" enrol batch --program "$program" --period 2025-09 \
    --out "$work/batch.xlsx" --as operator.pasuruan --db "$db" --json
  local batch
  batch=$(json_field batch)
  check "$engine: batch approved" 0 "$jaring" enrol approve "$batch" --as verif.pasuruan --db "$db"
  # The same people in the same batch on both engines: the answer is written once.
  [[ -s $work/answer.csv ]] ||
    python3 "$here/enrol_answer.py" "$work/batch.xlsx" "$work/answer.csv" >/dev/null
  check "$engine: the branch's answer" 0 "$jaring" enrol answer "$work/answer.csv" \
    --program "$program" --as operator.pasuruan --db "$db" --json

  # 3. September's bill.
  kill_scenario "$engine" bill settle_full op_bill
  once_more "$engine" "the bill again is the same bill" 0 op_bill bill_full
  db_drop settle_full
  db_drop "$kill_rerun"

  # 4. October: covered workers die; settling opens their cases; the branch pays them.
  db=$(db_url bill_full)
  python3 - "$work/answer.csv" "$work/demo/roster.csv" "$claims" "$work/deaths-okt.csv" <<'PY'
import csv, sys
accepted = [r["NIK"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
            if r["STATUS"] == "Diterima"]
roster = {r["nik"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig"))}
with open(sys.argv[4], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "nik", "name", "sex", "birth_date", "death_date", "village_code"])
    for i, nik in enumerate(accepted[: int(sys.argv[3])]):
        r = roster[nik]
        w.writerow([str(i + 1), nik, r["name"], r["sex"], r["birth_date"], "2025-10-05",
                    r["village_code"]])
PY
  check "$engine: October's deaths" 0 "$jaring" extract import deaths "$work/deaths-okt.csv" \
    --regency 35.14 --period 2025-10 --db "$db" --json
  check "$engine: October's run" 0 "$jaring" verval run --regency 35.14 --period 2025-10 --db "$db"
  check "$engine: October decided" 0 "$jaring" verval decide --regency 35.14 --period 2025-10 \
    --all --accept --reason "akta kematian diperiksa" --as verif.pasuruan --db "$db"
  check "$engine: October settled" 0 "$jaring" verval settle --regency 35.14 --period 2025-10 \
    --as verif.pasuruan --minutes "$work/ba-okt.pdf" --db "$db" --json
  local opened
  opened=$(json_field claims_opened)
  expect "$engine: settling October opened the $claims cases ($opened)" test "$opened" -ge "$claims"
  db_sql bill_full "UPDATE claims SET state = 'submitted'"
  db_sql bill_full "SELECT id FROM claims ORDER BY id" | awk 'BEGIN {
      print "No. Klaim,NIK,Keputusan,Jumlah,Tanggal Bayar,No. Referensi,Keterangan" }
    { printf "%s,,Dibayar,10000000,25/11/2025,BPJS-JKM-2025-%06d,\n", $1, $1 }' \
    >"$work/keputusan.csv"
  kill_scenario "$engine" claims bill_full op_claims
  check "$engine: the same decisions again" 0 again op_claims "$kill_rerun"
  expect "$engine: ... apply nothing" test "$(json_field applied)" -eq 0
  # (the import itself is recorded: one audit entry, nothing applied)
  expect "$engine: ... and change no case" \
    test "$(db_state "$kill_rerun" | sed 's/audit=[0-9]*//')" \
    = "$(db_state claims_full | sed 's/audit=[0-9]*//')"
  db_drop bill_full
  db_drop claims_full
  db_drop "$kill_rerun"
}

# --- SQLite: a database is a file; copying it (checkpointed, with no writer) copies its state.
db_url() { echo "sqlite:$work/$1.db"; }
db_target() { echo "$work/$1.db"; }
db_fresh() { :; }
db_sql() { sqlite3 "$work/$1.db" "$2"; }
db_state() { db_sql "$1" "$state_sql" | tr '\n' ' '; }
db_copy() {
  sqlite3 "$work/$1.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  cp "$work/$1.db" "$work/$2.db"
}
db_drop() { rm -f "$work/$1.db" "$work/$1.db-wal" "$work/$1.db-shm"; }
run_engine sqlite "${JARING_KILL_OPS_CLAIMS:-2000}"

# --- PostgreSQL: a database is a database of the test's server; a copy is CREATE DATABASE with
# the other as its template (a file copy, seconds even for the whole month).
if [[ -n ${JARING_TEST_PG:-} ]]; then
  prefix="opskill_$$_$RANDOM"
  pg_base=${JARING_TEST_PG%/*}
  pg_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qAtX -c "$1"; }
  db_url() { echo "$pg_base/${prefix}_$1?application_name=${prefix}_$1"; }
  db_target() { echo "${prefix}_$1"; }
  db_fresh() { pg_admin "CREATE DATABASE ${prefix}_$1" >/dev/null; }
  db_sql() {
    PGOPTIONS="-c client_min_messages=warning" psql "$pg_base/${prefix}_$1" -qAtX -c "$2"
  }
  db_state() { db_sql "$1" "$state_sql" | tr '\n' ' '; }
  db_copy() { pg_admin "CREATE DATABASE ${prefix}_$2 TEMPLATE ${prefix}_$1" >/dev/null; }
  db_drop() { pg_admin "DROP DATABASE IF EXISTS ${prefix}_$1" >/dev/null; }
  run_engine postgresql "${JARING_KILL_OPS_PG_CLAIMS:-300}"
  for name in $(pg_admin "SELECT datname FROM pg_database WHERE datname LIKE '${prefix}_%'"); do
    pg_admin "DROP DATABASE IF EXISTS $name" >/dev/null
  done
fi

finish "operations kill"
