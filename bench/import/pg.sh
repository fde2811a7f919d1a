#!/usr/bin/env bash
# The PostgreSQL half of the import benchmark; run by run.sh under scripts/with-postgres.sh,
# which sets JARING_TEST_PG. Usage: pg.sh JARING WORK CSV XLSX
# (run.sh exports csv_label, xlsx_label, pg_csv_goal and xlsx_goal: the inputs' sizes and goals.)
set -euo pipefail
jaring=$1 WORK=$2 csv=$3 xlsx=$4
RESULTS=$WORK/results.tsv
here=$(cd "$(dirname "$0")" && pwd)
source "$here/measure.sh"
# The postmaster: its CPU and its children's count as the server's (measure, SERVER_PID).
SERVER_PID=$(head -1 "$(psql -tA "$JARING_TEST_PG" -c 'SHOW data_directory')/postmaster.pid")

# One fresh database per run, on the throw-away server.
fresh_db() {
  psql -q "$JARING_TEST_PG" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
  echo "${JARING_TEST_PG%/*}/$1"
}

db=$(fresh_db bench_csv)
measure pg_first postgresql "${csv_label:-1M CSV}" "${pg_csv_goal-30}" -- "$jaring" import "$csv" --regency 35.14 \
  --source "Dinas Pertanian" --db "$db" --json
echo "workers stored: $(psql -tA "$db" -c 'SELECT COUNT(*) FROM workers')" >&2
db=$(fresh_db bench_xlsx)
measure pg_xlsx postgresql "${xlsx_label:-100k XLSX}" "${xlsx_goal-10}" -- "$jaring" import "$xlsx" --regency 35.14 \
  --source "Desa Lebakrejo" --db "$db" --json
