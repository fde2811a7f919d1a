#!/usr/bin/env bash
# A 100,000-row death extract for the seed-1 demo roster (issue 5's "link 1,000,000 x 100,000"):
# the roster's own deaths.csv (its ids and truth/deaths.csv unchanged), topped up with the
# deaths.csv rows of demo rosters of other seeds (2, 3, ...: deceased people who are not on the
# roster, as most of a civil-registry extract is), renumbered after the first part.
#   bench/matching/make-deaths-100k.sh [BUILD_DIR] [WORK_DIR] [WORKERS] [ROWS]
# Writes WORK_DIR/demoWORKERS/deathsROWS.csv, ROWS written as 100k when a multiple of 1,000
# (defaults: 1000000 workers, 100000 rows: demo1000000/deaths100k.csv); the rosters are made as
# run-speed.sh makes them (WORK_DIR/demoWORKERS, WORK_DIR/demoWORKERS-seedS).
#
# Every seed numbers NIK serials from 0001 per district and birth date, so another seed's
# people carry NIKs that roster people hold (about 15 % of a 1M seed-2 death extract). A real
# extract cannot: a NIK is one person's. Rows whose NIK is on the roster or already in the
# extract are skipped (and counted); rows without a NIK are kept, as are namesakes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
work=${2:-$(mktemp -d)}
workers=${3:-1000000}
rows=${4:-100000}
demo=$build/bench/matching/demo-roster
# deaths_name ROWS: the extract's file name, "deaths100k.csv" for 100000.
deaths_name() { if (( $1 % 1000 == 0 )); then echo "deaths$(( $1 / 1000 ))k.csv"; else echo "deaths$1.csv"; fi; }
d=$work/demo$workers
mkdir -p "$work"
[[ -f $d/roster.csv ]] || "$demo" "$workers" 1 "$d"

others=()
for seed in 2 3 4 5; do
  o=$work/demo$workers-seed$seed
  [[ -f $o/deaths.csv ]] || "$demo" "$workers" "$seed" "$o"
  others+=("$o/deaths.csv")
  # Enough rows (before skipping) for the top-up? Each seed gives ~5 % of WORKERS.
  have=$(( $(wc -l < "$d/deaths.csv") - 1 ))
  for f in "${others[@]}"; do have=$(( have + ( $(wc -l < "$f") - 1 ) * 80 / 100 )); done
  (( have >= rows )) && break
done

python3 - "$d/roster.csv" "$d/deaths.csv" "$rows" "$d/$(deaths_name "$rows")" "${others[@]}" <<'PY'
import csv, sys
roster, own, rows, out, others = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
with open(roster, newline='') as f:
    r = csv.reader(f); nik = next(r).index('nik')
    taken = {row[nik] for row in r if row[nik]}
with open(own, newline='') as f:
    header, *mine = list(csv.reader(f))
nik = header.index('nik')
if len(mine) > rows: sys.exit(f'the roster\'s own extract has {len(mine)} rows, more than {rows}')
taken |= {row[nik] for row in mine if row[nik]}
added, skipped = [], {}
for path in others:
    with open(path, newline='') as f:
        r = csv.reader(f)
        if next(r) != header: sys.exit(f'{path}: another header')
        for row in r:
            if len(mine) + len(added) == rows: break
            if row[nik] and row[nik] in taken:
                skipped[path] = skipped.get(path, 0) + 1
                continue
            if row[nik]: taken.add(row[nik])
            row[0] = str(len(mine) + len(added) + 1)
            added.append(row)
if len(mine) + len(added) < rows: sys.exit(f'only {len(mine) + len(added)} rows; add seeds')
with open(out, 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n'); w.writerow(header); w.writerows(mine); w.writerows(added)
print(f'{out}: {len(mine)} rows of the roster\'s own extract (ids 1..{len(mine)}) + {len(added)} '
      f'of other seeds (ids {len(mine) + 1}..{rows}); skipped for a NIK already taken: '
      + ', '.join(f'{n} of {p}' for p, n in skipped.items()), file=sys.stderr)
PY
