#!/usr/bin/env bash
# An import is one transaction (issue 4, item 5): `jaring import` killed with SIGKILL at any
# moment leaves the database as it was or fully done, never in between; the audit chain still
# verifies; and re-running the same command completes the import. On SQLite and (when
# JARING_TEST_PG is set) PostgreSQL.
#
# How: one uninterrupted run measures how long the import takes (D); then, each time from the
# same starting state (an earlier small import, so the database is not empty), the import is
# killed at 20 %, 50 %, 80 %, 90 %, 95 % and 105 % of D. After each kill the counts of workers,
# batches, quarantined rows and audit entries must equal either the starting state's or the
# uninterrupted run's. The late kills land while rows are written or committed, and the test
# requires at least one kill to have caught the import's transaction holding written rows.
#   import_kill_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test_setup import-kill "$1"

big_rows=${JARING_KILL_TEST_ROWS:-120000}
check "small roster" 0 "$jaring" demo --regency 35.14 --workers 1500 --seed 5 --out "$work/small"
check "big roster" 0 "$jaring" demo --regency 35.14 --workers "$big_rows" --seed 6 --out "$work/big"
opts=(--regency 35.14 --source "Dinas Pertanian" --json)

# counts ENGINE TARGET: "workers batches quarantined audit" of the database.
counts() {
  local q="SELECT (SELECT count(*) FROM workers) || ' ' || (SELECT count(*) FROM import_batches)
           || ' ' || (SELECT count(*) FROM quarantine_rows) || ' ' || (SELECT count(*) FROM audit_log)"
  if [[ $1 == sqlite ]]; then sqlite3 "$2" "$q"
  else PGOPTIONS="-c search_path=$2 -c client_min_messages=warning" psql "$JARING_TEST_PG" -qtAc "$q"; fi
}

# Seconds (with fractions) since the epoch.
now() { date +%s.%N; }

# writing ENGINE TARGET: "yes" when this run's import transaction has written rows at this
# moment: SQLite's write-ahead log of this run's own database file holds frames; on PostgreSQL
# the run's own backend (its connections are named after the run's schema, application_name)
# holds a transaction id. Other tests writing to the same server at the same time do not count.
writing() {
  if [[ $1 == sqlite ]]; then
    [[ $(stat -c %s "$2-wal" 2>/dev/null || echo 0) -gt 0 ]] && echo yes || echo no
  else
    [[ $(PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qtAc \
      "SELECT count(*) FROM pg_stat_activity WHERE backend_xid IS NOT NULL
         AND application_name = '$2' AND pid <> pg_backend_pid()") -gt 0 ]] && echo yes || echo no
  fi
}

# kill_at SECONDS ENGINE TARGET COMMAND...: runs COMMAND, SIGKILLs it after SECONDS unless it
# ended first; prints "killed while writing", "killed before writing" or "finished".
kill_at() {
  local delay=$1 engine=$2 target=$3
  shift 3
  "$@" >"$work/out" 2>"$work/err" &
  local pid=$!
  local deadline
  deadline=$(python3 -c "print($(now) + $delay)")
  while kill -0 "$pid" 2>/dev/null; do
    if python3 -c "import sys; sys.exit(0 if $(now) >= $deadline else 1)"; then
      local state
      state=$(writing "$engine" "$target")
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
      [[ $state == yes ]] && echo "killed while writing" || echo "killed before writing"
      return
    fi
    sleep 0.05
  done
  wait "$pid" 2>/dev/null
  echo finished
}

# run_engine ENGINE: the whole scenario on one engine. fresh_db NAME must print a --db URL and
# the target for `counts` ("URL TARGET") for a new, empty database called NAME.
run_engine() {
  local engine=$1
  read -r base_url base_target < <(fresh_db base)
  check "$engine: small import" 0 "$jaring" import "$work/small/roster.csv" "${opts[@]}" --db "$base_url"
  local before
  before=$(counts "$engine" "$base_target")

  read -r full_url full_target < <(copy_db base full)
  local start end duration
  start=$(now)
  check "$engine: uninterrupted import" 0 "$jaring" import "$work/big/roster.csv" "${opts[@]}" --db "$full_url"
  end=$(now)
  duration=$(python3 -c "print($end - $start)")
  cp "$work/out" "$work/full.json"
  local done_state
  done_state=$(counts "$engine" "$full_target")
  echo "     $engine: before [$before], done [$done_state], uninterrupted ${duration%.*} s"

  local killed=0 mid_write=0 fraction url target outcome state rerun_url rerun_target
  for fraction in 0.2 0.5 0.8 0.9 0.95 1.05; do
    read -r url target < <(copy_db base "kill${fraction/./_}")
    outcome=$(kill_at "$(python3 -c "print($duration * $fraction)")" "$engine" "$target" \
      "$jaring" import "$work/big/roster.csv" "${opts[@]}" --db "$url")
    [[ $outcome == killed* ]] && killed=$((killed + 1))
    [[ $outcome == "killed while writing" ]] && mid_write=$((mid_write + 1))
    state=$(counts "$engine" "$target")
    expect "$engine: $outcome at ${fraction} x D leaves [$state]: as before or fully done" \
      test "$state" = "$before" -o "$state" = "$done_state"
    if [[ $state == "$before" ]]; then rerun_url=$url rerun_target=$target; fi
    expect "$engine: audit chain verifies after the $outcome run at ${fraction} x D" \
      "$jaring" audit verify --db "$url"
  done
  expect "$engine: at least three runs were killed before they ended" test "$killed" -ge 3
  expect "$engine: at least one run was killed while it was writing rows" test "$mid_write" -ge 1
  # Re-running an interrupted import (the last one that left the state as before) completes
  # it: the same counts as the uninterrupted run.
  check "$engine: re-run completes" 0 "$jaring" import "$work/big/roster.csv" "${opts[@]}" --db "$rerun_url"
  state=$(counts "$engine" "$rerun_target")
  expect "$engine: after the re-run [$state] = [$done_state]" test "$state" = "$done_state"
}

# --- SQLite: a database is a file; copying it (with no writer running) copies its state.
fresh_db() { echo "sqlite:$work/$1.db $work/$1.db"; }
copy_db() {
  cp "$work/$1.db" "$work/$2.db"
  echo "sqlite:$work/$2.db $work/$2.db"
}
run_engine sqlite
expect "sqlite: integrity check after the kills" \
  test "$(sqlite3 "$work/kill1_05.db" 'PRAGMA integrity_check')" = ok

# --- PostgreSQL: a database is a schema; a copy is the same small import into a new schema.
if [[ -n ${JARING_TEST_PG:-} ]]; then
  prefix="impkill_$$_$RANDOM"
  pg_url() { echo "$JARING_TEST_PG?options=-csearch_path%3D$1&application_name=$1"; }
  new_schema() {
    PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $1" >/dev/null
  }
  fresh_db() {
    new_schema "${prefix}_$1"
    echo "$(pg_url "${prefix}_$1") ${prefix}_$1"
  }
  copy_db() {
    new_schema "${prefix}_$2"
    "$jaring" import "$work/small/roster.csv" "${opts[@]}" --db "$(pg_url "${prefix}_$2")" >/dev/null
    echo "$(pg_url "${prefix}_$2") ${prefix}_$2"
  }
  run_engine postgresql
  for schema in base full kill0_2 kill0_5 kill0_8 kill0_9 kill0_95 kill1_05; do
    PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc \
      "DROP SCHEMA IF EXISTS ${prefix}_$schema CASCADE" >/dev/null
  done
fi

finish "import kill"
