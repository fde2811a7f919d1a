#!/usr/bin/env bash
# Issue 5's "link 1,000,000 x 100,000": the seed-1 1M demo roster against the 100,000-row death
# extract of make-deaths-100k.sh, `link --one-to-one --threads 2` at the default threshold and at
# 0.99 (the death-link threshold of run-quality.sh), each RUNS times under /usr/bin/time -v with
# --report. One JSON line per run: the load average before and after (the machine may be shared),
# speed_summary.py's figures, and precision/recall against the roster's truth/deaths.csv (only
# ids 1..49,887 of the extract are roster people; every link to another row is a false positive).
#   bench/matching/run-link-100k.sh [BUILD_DIR] [WORK_DIR] [RUNS] [WORKERS] [ROWS]
# WORKERS and ROWS (defaults 1000000 and 100000) size the roster and the extract for a quick run
# (e.g. 100000 10000); "100k" in the names stands for ROWS then.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
work=${2:-$(mktemp -d)}
runs=${3:-2}
workers=${4:-1000000}
extract_rows=${5:-100000}
match=$build/bench/matching/jaring-match
d=$work/demo$workers
if (( extract_rows % 1000 == 0 )); then deaths=$d/deaths$(( extract_rows / 1000 ))k.csv; else deaths=$d/deaths$extract_rows.csv; fi
[[ -f $deaths ]] || "$here/make-deaths-100k.sh" "$build" "$work" "$workers" "$extract_rows"
rows=$(( $(wc -l < "$d/roster.csv") - 1 + $(wc -l < "$deaths") - 1 ))
load() { cut -d' ' -f1-3 /proc/loadavg; }

for run in $(seq "$runs"); do
  for threshold in default 0.99; do
    job=link100k-$threshold-$run
    args=(--one-to-one --threads 2 --report "$d/$job.report.json")
    [[ $threshold == default ]] || args+=(--threshold "$threshold")
    before=$(load)
    /usr/bin/time -v "$match" link "$d/roster.csv" "$deaths" --out "$d/$job.pairs.csv" \
        "${args[@]}" 2> "$d/$job.time.txt"
    after=$(load)
    echo "{\"threshold\": \"$threshold\", \"run\": $run, \"load_before\": \"$before\"," \
         "\"load_after\": \"$after\"," \
         "\"speed\": $(python3 "$here/speed_summary.py" "$d/$job.report.json" "$d/$job.time.txt" \
                       "$rows" link)," \
         "\"quality\": $(python3 "$here/evaluate.py" --pairs "$d/$job.pairs.csv" --kind pairs \
                         --input "$d/roster.csv" "$deaths" --truth "$d/truth/deaths.csv")}"
  done
done
