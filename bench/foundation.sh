#!/usr/bin/env bash
# Benchmarks of the foundation: demo generation, bulk insert on both engines, dashboard API.
#   bench/foundation.sh [BUILD_DIR] [ROWS]
# Prints a Markdown table (paste into docs/benchmarks.md). Needs a built tree (make build) and
# PostgreSQL 15 installed (scripts/setup.sh); starts its own throw-away cluster.
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
scripts/with-postgres.sh bash -c "
  /usr/bin/time -f '%e %U %M' -o '$out/time' '$build/tests/integration/storage/storage_insert_bench' postgresql '$rows' >'$out/stdout' 2>'$out/stderr'
  read -r wall user rss <'$out/time'
  printf '| InsertMany $rows workers, PostgreSQL (client process) | %s | %s | %d |\n' \$wall \$user \$((rss / 1024))
  grep -E 'Count|rows/s|server' '$out/stdout' | sed 's/^/    /' >&2 || true
" 2>&1 | grep -v '^with-postgres'
