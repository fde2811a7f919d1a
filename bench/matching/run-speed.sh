#!/usr/bin/env bash
# Matching speed and memory: dedupe of demo rosters and link of a roster against its death
# extract, each under /usr/bin/time -v (wall time, peak RSS) with the engine's --report
# (per-stage seconds, candidate pairs, pairs per rule).
#   bench/matching/run-speed.sh [BUILD_DIR] [WORK_DIR] [SIZES...]   (default sizes: 100000 1000000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-matching}
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
    python3 - "$d/$job.report.json" "$d/$job.time.txt" "$n" "$job" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1])); t = open(sys.argv[2]).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", t).group(1)
parts = [float(x) for x in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
cpu = sum(float(re.search(p + r": ([\d.]+)", t).group(1))
          for p in (r"User time \(seconds\)", r"System time \(seconds\)"))
compare = r["seconds"]["compare"]
print(json.dumps({"job": sys.argv[4], "rows": int(sys.argv[3]), "wall_s": round(secs, 1),
                  "cpu_s": round(cpu, 1),
                  "peak_rss_mb": rss // 1024, "candidate_pairs": r["candidate_pairs"],
                  "compare_pairs_per_s": round(r["candidate_pairs"] / compare) if compare else None,
                  "compare_pairs_per_cpu_s": round(r["candidate_pairs"] / r["cpu_seconds"]["compare"])
                  if r["cpu_seconds"]["compare"] else None,
                  "stages_s": {k: round(v, 2) for k, v in r["seconds"].items()},
                  "stages_cpu_s": {k: round(v, 2) for k, v in r["cpu_seconds"].items()}}))
PY
  done
done
