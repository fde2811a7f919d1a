#!/usr/bin/env bash
# Import speed (issue 4): a 1,000,000-row canonical CSV and a 100,000-row .xlsx, into SQLite
# and PostgreSQL, each under /usr/bin/time -v (wall, user + sys CPU, peak RSS).
#   bench/import/run.sh BUILD_DIR [WORK_DIR]
# Needs the targets jaring and csv-to-xlsx built in BUILD_DIR. Inputs are made once per
# WORK_DIR and reused: `jaring demo --workers 1000000 --seed 1` (its roster.csv) and the first
# 100,000 rows of a `jaring demo --workers 100000 --seed 2` roster written as .xlsx by
# csv-to-xlsx (formats::XlsxWriter). Runs, in order:
#   SQLite: first import of the 1M CSV into an empty database; the same file again (checked to
#   change nothing); --dry-run of it; the 100k .xlsx into another empty database.
#   PostgreSQL (scripts/with-postgres.sh, a throw-away server): the first import and the .xlsx.
# Prints a markdown table; the raw figures stay in WORK_DIR/results.tsv, each run's --json
# summary and time report beside it. For PostgreSQL the server's CPU seconds (the postmaster
# and its children) are measured beside jaring's own. Set SKIP_PG=1 to skip PostgreSQL, or
# ONLY_PG=1 to run only PostgreSQL.
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [WORK_DIR]}" && pwd)
WORK=${2:-$(mktemp -d /tmp/jaring-import-bench.XXXXXX)}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jaring=$build/src/app/jaring
to_xlsx=$build/bench/import/csv-to-xlsx
RESULTS=$WORK/results.tsv
source "$here/measure.sh"
for tool in "$jaring" "$to_xlsx"; do
  [[ -x $tool ]] || { echo "run.sh: $tool missing (build jaring and csv-to-xlsx)" >&2; exit 1; }
done

# ---- Inputs
csv=$WORK/demo-1m/roster.csv
xlsx=$WORK/roster-100k.xlsx
[[ -f $csv ]] || "$jaring" demo --workers 1000000 --regency 35.14 --seed 1 --out "$WORK/demo-1m" >&2
if [[ ! -f $xlsx ]]; then
  [[ -f $WORK/demo-100k/roster.csv ]] ||
    "$jaring" demo --workers 100000 --regency 35.14 --seed 2 --out "$WORK/demo-100k" >&2
  "$to_xlsx" "$WORK/demo-100k/roster.csv" "$xlsx" 100000 >&2
fi
: >"$RESULTS"

# ---- SQLite
if [[ ${ONLY_PG:-0} != 1 ]]; then
  db=$WORK/sqlite-csv.db
  rm -f "$db" "$db-wal" "$db-shm"
  measure sqlite_first sqlite "1M CSV" 20 -- "$jaring" import "$csv" --regency 35.14 \
    --source "Dinas Pertanian" --db "sqlite:$db" --json
  measure sqlite_again sqlite "1M CSV" "" -- "$jaring" import "$csv" --regency 35.14 \
    --source "Dinas Pertanian" --db "sqlite:$db" --json
  # The same file again must change nothing: nothing accepted or updated, every accepted row of
  # the first import unchanged.
  if [[ $(json_field "$WORK/sqlite_again.json" accepted) != 0 ||
        $(json_field "$WORK/sqlite_again.json" updated) != 0 ||
        $(json_field "$WORK/sqlite_again.json" unchanged) != $(json_field "$WORK/sqlite_first.json" accepted) ]]; then
    echo "run.sh: the re-import changed something" >&2
    exit 1
  fi
  measure sqlite_dry sqlite "1M CSV" "" -- "$jaring" import "$csv" --regency 35.14 \
    --source "Dinas Sosial" --db "sqlite:$db" --dry-run --json
  db=$WORK/sqlite-xlsx.db
  rm -f "$db" "$db-wal" "$db-shm"
  measure sqlite_xlsx sqlite "100k XLSX" 10 -- "$jaring" import "$xlsx" --regency 35.14 \
    --source "Desa Lebakrejo" --db "sqlite:$db" --json
fi

# ---- PostgreSQL
if [[ ${SKIP_PG:-0} != 1 ]]; then
  "$root/scripts/with-postgres.sh" bash "$here/pg.sh" "$jaring" "$WORK" "$csv" "$xlsx" >&2
fi

# ---- Table
echo "| engine | input | run | wall | jaring CPU (user + sys) | server CPU | peak RSS | goal | load before |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |"
awk -F'\t' '
  BEGIN { names["sqlite_first"] = "first import"; names["sqlite_again"] = "re-import (unchanged)"
          names["sqlite_dry"] = "dry run"; names["sqlite_xlsx"] = "first import"
          names["pg_first"] = "first import"; names["pg_xlsx"] = "first import" }
  {
    goal = ""
    if ($7 != "") goal = sprintf("≤ %s s %s, ≤ 1 GB %s", $7, ($4 <= $7 ? "✔" : "✘"), ($6 <= 1024 ? "✔" : "✘"))
    server = ($9 == "" ? "(in process)" : $9 " s")
    printf "| %s | %s | %s | %.1f s | %.1f s | %s | %d MB | %s | %s |\n", ($1 == "sqlite" ? "SQLite" : "PostgreSQL"), $2, names[$3], $4, $5, server, $6, goal, $8
  }' "$RESULTS"
