#!/usr/bin/env python3
"""One JSON line for a timed matching run: wall and CPU seconds, peak RSS (from /usr/bin/time -v),
candidate pairs, compare pairs per second and per CPU-second, per-stage seconds (from --report).
  speed_summary.py REPORT.json TIME.txt ROWS JOB
"""
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
