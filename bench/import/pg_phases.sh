#!/usr/bin/env bash
# Where a PostgreSQL first import spends its time, by statement: the server logs every
# statement of the import that takes 300 ms or more (log_min_duration_statement on a fresh
# database), and this prints them, slowest first, after the run's wall and client CPU.
#   scripts/with-postgres.sh bench/import/pg_phases.sh BUILD_DIR CSV [REGENCY]
# CSV: e.g. bench/out/import/demo-1m/roster.csv (made by bench/import/run.sh). Needs the
# throw-away server of scripts/with-postgres.sh (its log file is read: ../server.log beside the
# data directory). Used for docs/benchmarks.md, "PostgreSQL first import into a fresh
# partition (issue 17, item 1)".
set -euo pipefail
jaring=$(cd "${1:?usage: pg_phases.sh BUILD_DIR CSV [REGENCY]}" && pwd)/src/app/jaring
csv=${2:?usage: pg_phases.sh BUILD_DIR CSV [REGENCY]}
regency=${3:-35.14}
psql -q "$JARING_TEST_PG" -c "DROP DATABASE IF EXISTS phases" -c "CREATE DATABASE phases" \
  -c "ALTER DATABASE phases SET log_min_duration_statement = 300" >/dev/null
db="${JARING_TEST_PG%/*}/phases"
log="$(psql -tA "$JARING_TEST_PG" -c 'SHOW data_directory')/../server.log"
from=$(($(wc -l <"$log") + 1))  # this run's lines only: the log is the server's
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
JARING_PROGRESS=0 /usr/bin/time -f "wall %e s, client CPU %U + %S s" "$jaring" import "$csv" \
  --regency "$regency" --source "Dinas Pertanian" --db "$db" --json >/dev/null
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n "+$from" "$log" | grep -h "duration: " |
  sed -E 's/^.*duration: ([0-9.]+) ms +(statement|execute [^:]*): (.{0,100}).*/\1 ms  \3/' |
  sort -g -r | awk '/CREATE (UNIQUE )?INDEX/ { s += $1 } { print }
    END { printf "index builds: %.1f s\n", s / 1000 }'
