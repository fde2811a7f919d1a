#!/usr/bin/env bash
# An import is one transaction (issue 4, item 5): `jaring import` killed with SIGKILL at any
# moment leaves the database as it was or fully done, never in between; the audit chain still
# verifies; and re-running the same command completes the import. On SQLite and (when
# JARING_TEST_PG is set) PostgreSQL.
#
# How (kill_lib.sh, kill_scenario): one uninterrupted run measures how long the import takes (D);
# then, each time from the same starting state (an earlier small import, so the database is not
# empty), the import is killed at 20 %, 50 %, 80 %, 90 %, 95 % and 105 % of D (and, should none
# of them catch it writing, at the first sign of written rows). After each kill the counts of workers, batches, quarantined rows
# and audit entries must equal either the starting state's or the uninterrupted run's. The test
# requires at least one kill to have caught the import's transaction holding written rows and
# left the database as before.
# On PostgreSQL a second scenario kills the first import of a regency that has no workers yet,
# which goes into a fresh partition attached at its end (migration 0019).
#   import_kill_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/kill_lib.sh"
cli_test_setup import-kill "$1"

big_rows=${JARING_KILL_TEST_ROWS:-120000}
check "small roster" 0 "$jaring" demo --regency 35.14 --workers 1500 --seed 5 --out "$work/small"
check "big roster" 0 "$jaring" demo --regency 35.14 --workers "$big_rows" --seed 6 --out "$work/big"
opts=(--regency 35.14 --source "Dinas Pertanian" --json)

# What an import changes: workers, batches, quarantined rows, audit entries.
state_sql="SELECT (SELECT count(*) FROM workers) || ' ' || (SELECT count(*) FROM import_batches)
  || ' ' || (SELECT count(*) FROM quarantine_rows) || ' ' || (SELECT count(*) FROM audit_log)"
op_import() { op_cmd=("$jaring" import "$work/big/roster.csv" "${opts[@]}" --db "$1"); }

# run_engine ENGINE: the small import into a new database "base", then the kills.
run_engine() {
  local engine=$1
  db_fresh base
  check "$engine: small import" 0 "$jaring" import "$work/small/roster.csv" "${opts[@]}" \
    --db "$(db_url base)"
  kill_scenario "$engine" import base op_import
}

# --- SQLite: a database is a file; copying it (with no writer running) copies its state. Each
# killed file passes SQLite's integrity check before it goes.
db_url() { echo "sqlite:$work/$1.db"; }
db_target() { echo "$work/$1.db"; }
db_fresh() { :; }
db_state() { sqlite3 "$work/$1.db" "$state_sql"; }
db_copy() { cp "$work/$1.db" "$work/$2.db"; }
db_drop() {
  [[ $1 == *kill* ]] && expect "sqlite: integrity check of $1" \
    test "$(sqlite3 "$work/$1.db" 'PRAGMA integrity_check')" = ok
  rm -f "$work/$1.db" "$work/$1.db-wal" "$work/$1.db-shm"
}
run_engine sqlite

# --- PostgreSQL: a database is a schema; a copy is the same small import into a new schema.
if [[ -n ${JARING_TEST_PG:-} ]]; then
  prefix="impkill_$$_$RANDOM"
  pg() { PGOPTIONS="-c client_min_messages=warning $1" psql "$JARING_TEST_PG" -qtAc "$2"; }
  db_url() {
    echo "$JARING_TEST_PG?options=-csearch_path%3D${prefix}_$1&application_name=${prefix}_$1"
  }
  db_target() { echo "${prefix}_$1"; }
  db_fresh() { pg "" "CREATE SCHEMA ${prefix}_$1" >/dev/null; }
  db_state() { pg "-c search_path=${prefix}_$1" "$state_sql"; }
  db_copy() {
    db_fresh "$2"
    "$jaring" import "$work/small/roster.csv" "${opts[@]}" --db "$(db_url "$2")" >/dev/null
  }
  db_drop() { pg "" "DROP SCHEMA IF EXISTS ${prefix}_$1 CASCADE" >/dev/null; }
  run_engine postgresql
  # The first import of a regency that has no workers yet (35.09 beside the base's 35.14): it
  # loads a fresh table, builds its indexes and attaches it as the regency's partition, all in
  # the import's transaction (migration 0019, storage/sql/worker_partitions.hpp).
  check "big roster of a second regency" 0 "$jaring" demo --regency 35.09 --workers "$big_rows" \
    --seed 7 --out "$work/big-jember"
  op_first_import() {
    op_cmd=("$jaring" import "$work/big-jember/roster.csv" --regency 35.09 --source "Dinas Pertanian"
            --json --db "$1")
  }
  kill_scenario postgresql firstimport base op_first_import
  expect "postgresql: the first import made the regency's partition" test \
    "$(pg "-c search_path=${prefix}_$kill_rerun" "SELECT count(*) FROM pg_inherits
        WHERE inhrelid = 'workers_35_09'::regclass AND inhparent = 'workers'::regclass")" = 1
  for schema in $(pg "" "SELECT nspname FROM pg_namespace WHERE nspname LIKE '${prefix}_%'"); do
    pg "" "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
  done
fi

finish "import kill"
