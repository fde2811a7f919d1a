#!/usr/bin/env bash
# Matching speed and memory: dedupe of demo rosters and link of a roster against its death
# extract, each under /usr/bin/time -v (wall time, peak RSS) with the engine's --report
# (per-stage seconds, candidate pairs, pairs per rule).
#   bench/matching/run-speed.sh [BUILD_DIR] [WORK_DIR] [SIZES...]   (default sizes: 100000 1000000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
work=${2:-$(mktemp -d)}
shift $(( $# > 2 ? 2 : $# )) || true
sizes=${*:-100000 1000000}
match=$build/bench/matching/jaring-match
mkdir -p "$work"
for n in $sizes; do
  d=$work/demo$n
  [[ -f $d/roster.csv ]] || "$build/bench/matching/demo-roster" "$n" 1 "$d"
  /usr/bin/time -v "$match" dedupe "$d/roster.csv" --out "$d/pairs.csv" --threads 2 \
      --report "$d/dedupe.report.json" 2> "$d/dedupe.time.txt"
  /usr/bin/time -v "$match" link "$d/roster.csv" "$d/deaths.csv" --out "$d/deaths.pairs.csv" \
      --one-to-one --threads 2 --report "$d/link.report.json" 2> "$d/link.time.txt"
  for job in dedupe link; do
    python3 "$here/speed_summary.py" "$d/$job.report.json" "$d/$job.time.txt" "$n" "$job"
  done
done
