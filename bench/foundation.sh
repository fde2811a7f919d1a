#!/usr/bin/env bash
# Benchmarks of the foundation: demo generation, the embedded region index, intake validation,
# bulk insert on both engines and the dashboard's counts after it.
#   bench/foundation.sh [BUILD_DIR] [ROWS]     (ROWS default 1000000)
# Prints a Markdown table (paste into docs/benchmarks.md); the dashboard counts and the intake
# issue counts go to stderr. Needs a built tree (make build: jaring, intake_bench,
# storage_insert_bench, domain_test) and PostgreSQL 15 installed (scripts/setup.sh); starts its
# own throw-away cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rows=${2:-1000000}
jaring=$build/src/app/jaring
out=$(mktemp -d /tmp/jaring-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
export JARING_PROGRESS=0

measure() {  # measure LABEL COMMAND... -> "| LABEL | wall s | user s | peak MB |"
  local label=$1
  shift
  /usr/bin/time -f '%e %U %M' -o "$out/time" "$@" >"$out/stdout" 2>"$out/stderr" || {
    echo "bench: $label failed" >&2; cat "$out/stderr" >&2; return 1; }
  read -r wall user rss <"$out/time"
  printf '| %s | %s | %s | %d |\n' "$label" "$wall" "$user" $((rss / 1024))
}

echo "| what | wall s | CPU (user) s | peak RSS MB |"
echo "| --- | ---: | ---: | ---: |"
measure "jaring demo --workers $rows (roster + deaths + members + truth)" \
  "$jaring" demo --regency 35.14 --workers "$rows" --seed 1 --out "$out/demo"
measure "jaring demo --workers 28448" "$jaring" demo --workers 28448 --out "$out/demo-small"
measure "InsertMany $rows workers, SQLite" \
  "$build/tests/integration/storage/storage_insert_bench" sqlite "$rows"
grep -E 'Count|rows/s' "$out/stdout" | sed 's/^/    /' >&2 || true
measure "Intake validation, $rows canonical rows (intake_bench, one thread)" \
  "$build/src/intake/intake_bench" "$rows"
sed 's/^/    /' "$out/stdout" >&2
# The region index: domain_test times one parse of the embedded idn-area-data (CPU and wall).
"$build/src/domain/domain_test" --gtest_filter=RegionIndexTest.EmbeddedLoadIsFast >"$out/stdout" 2>&1 || {
  echo "bench: region index test failed" >&2; cat "$out/stdout" >&2; exit 1; }
sed -nE 's/.*RegionIndex parse of ([0-9]+) regions: ([0-9.]+) ms CPU, ([0-9.]+) ms wall.*/| Region index parse (\1 districts and villages, embedded) | \3 ms | \2 ms | — |/p' "$out/stdout"
scripts/with-postgres.sh bash -c "
  /usr/bin/time -f '%e %U %M' -o '$out/time' '$build/tests/integration/storage/storage_insert_bench' postgresql '$rows' >'$out/stdout' 2>'$out/stderr'
  read -r wall user rss <'$out/time'
  printf '| InsertMany $rows workers, PostgreSQL (client process) | %s | %s | %d |\n' \$wall \$user \$((rss / 1024))
  grep -E 'Count|rows/s|server' '$out/stdout' | sed 's/^/    /' >&2 || true
" 2>&1 | grep -v '^with-postgres'
