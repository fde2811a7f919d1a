#!/usr/bin/env bash
# Import speed (issue 4): a 1,000,000-row canonical CSV and a 100,000-row .xlsx, into SQLite
# and PostgreSQL, each under /usr/bin/time -v (wall, user + sys CPU, peak RSS).
#   bench/import/run.sh BUILD_DIR [WORK_DIR]
# Needs the targets jaring and csv-to-xlsx built in BUILD_DIR (make build builds both). Inputs
# are made once per WORK_DIR and reused: `jaring demo --workers 1000000 --seed 1` (its
# roster.csv) and the first 100,000 rows of a `jaring demo --workers 100000 --seed 2` roster
# written as .xlsx by csv-to-xlsx (formats::XlsxWriter). Smaller sizes for a quick run:
# ROWS=100000 XLSX_ROWS=10000 (the goal column is filled only at the default sizes, which the
# goals are about). CSV_TO_XLSX=PATH takes csv-to-xlsx from another build (to time an older
# commit's jaring, which may not have it). Runs, in order:
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
to_xlsx=${CSV_TO_XLSX:-$build/bench/import/csv-to-xlsx}
rows=${ROWS:-1000000}
xlsx_rows=${XLSX_ROWS:-100000}
# "1M", "100k", "2500": the inputs' sizes as the table names them.
size_label() { awk -v n="$1" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000;
  else if (n % 1000 == 0) printf "%dk", n / 1000; else printf "%d", n }'; }
csv_label="$(size_label "$rows") CSV"
xlsx_label="$(size_label "$xlsx_rows") XLSX"
# Goals (issue 4) are for the default sizes only.
csv_goal=""; xlsx_goal=""; pg_csv_goal=""
[[ $rows != 1000000 ]] || { csv_goal=20; pg_csv_goal=30; }
[[ $xlsx_rows != 100000 ]] || xlsx_goal=10
export csv_label xlsx_label pg_csv_goal xlsx_goal
RESULTS=$WORK/results.tsv
source "$here/measure.sh"
for tool in "$jaring" "$to_xlsx"; do
  [[ -x $tool ]] || { echo "run.sh: $tool missing (build jaring and csv-to-xlsx)" >&2; exit 1; }
done

# ---- Inputs
csv_dir=$WORK/demo-$(size_label "$rows" | tr 'MK' 'mk')
xlsx_dir=$WORK/demo-$(size_label "$xlsx_rows" | tr 'MK' 'mk')-seed2
csv=$csv_dir/roster.csv
xlsx=$WORK/roster-$(size_label "$xlsx_rows" | tr 'MK' 'mk').xlsx
[[ -f $csv ]] || "$jaring" demo --workers "$rows" --regency 35.14 --seed 1 --out "$csv_dir" >&2
if [[ ! -f $xlsx ]]; then
  [[ -f $xlsx_dir/roster.csv ]] ||
    "$jaring" demo --workers "$xlsx_rows" --regency 35.14 --seed 2 --out "$xlsx_dir" >&2
  "$to_xlsx" "$xlsx_dir/roster.csv" "$xlsx" "$xlsx_rows" >&2
fi
: >"$RESULTS"

# ---- SQLite
if [[ ${ONLY_PG:-0} != 1 ]]; then
  db=$WORK/sqlite-csv.db
  rm -f "$db" "$db-wal" "$db-shm"
  measure sqlite_first sqlite "$csv_label" "$csv_goal" -- "$jaring" import "$csv" --regency 35.14 \
    --source "Dinas Pertanian" --db "sqlite:$db" --json
  measure sqlite_again sqlite "$csv_label" "" -- "$jaring" import "$csv" --regency 35.14 \
    --source "Dinas Pertanian" --db "sqlite:$db" --json
  # The same file again must change nothing: nothing accepted or updated, every accepted row of
  # the first import unchanged.
  if [[ $(json_field "$WORK/sqlite_again.json" accepted) != 0 ||
        $(json_field "$WORK/sqlite_again.json" updated) != 0 ||
        $(json_field "$WORK/sqlite_again.json" unchanged) != $(json_field "$WORK/sqlite_first.json" accepted) ]]; then
    echo "run.sh: the re-import changed something" >&2
    exit 1
  fi
  measure sqlite_dry sqlite "$csv_label" "" -- "$jaring" import "$csv" --regency 35.14 \
    --source "Dinas Sosial" --db "sqlite:$db" --dry-run --json
  db=$WORK/sqlite-xlsx.db
  rm -f "$db" "$db-wal" "$db-shm"
  measure sqlite_xlsx sqlite "$xlsx_label" "$xlsx_goal" -- "$jaring" import "$xlsx" --regency 35.14 \
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
