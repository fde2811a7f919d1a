#!/usr/bin/env bash
# The hostile input catalogue (issue 17, item 5; docs/hostile-input.md): each input of
# tests/data/hostile/manifest.json through `jaring import` and the HTTP API of `jaring serve`,
# checked against its expected refusal or handling by hostile_input.py, on SQLite and (when
# JARING_TEST_PG is set) PostgreSQL, each in a fresh database.
#   hostile_input_test.sh PATH/TO/jaring
set -uo pipefail
runner="$(cd "$(dirname "$0")" && pwd)/hostile_input.py"
source "$(dirname "$0")/lib.sh"
cli_test_setup hostile "$1"

mkdir -p "$work/sqlite"
python3 "$runner" "$jaring" "sqlite:$work/sqlite/hostile.db" "sqlite3 $work/sqlite/hostile.db" \
  "$work/sqlite"
expect "SQLite: every hostile input handled as the catalogue says" test $? -eq 0

if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="hostile_$$_$RANDOM"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  mkdir -p "$work/pg"
  PGOPTIONS="-c search_path=$schema" python3 "$runner" "$jaring" \
    "$JARING_TEST_PG?options=-csearch_path%3D$schema" "psql $JARING_TEST_PG -tAqX -F | -c" \
    "$work/pg"
  expect "PostgreSQL: every hostile input handled as the catalogue says" test $? -eq 0
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
elif [[ -n ${JARING_REQUIRE_PG:-} ]]; then
  failed=$((failed + 1)); echo "FAIL PostgreSQL required but JARING_TEST_PG is unset"
fi
finish "hostile"
