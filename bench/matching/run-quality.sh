#!/usr/bin/env bash
# Matching quality on the public sets and on demo rosters: one line of JSON per data set
# (pairwise precision, recall, F1 against the planted or published truth).
#   bench/matching/run-quality.sh [BUILD_DIR] [WORK_DIR]
# BUILD_DIR holds bench/matching/jaring-match and demo-roster (default build; make build builds
# both). The public sets are read from ../shared/data beside the checkout (febrl/ and
# splink_datasets/, each with its PROVENANCE.md and licence); FEBRL=DIR and SPLINK=DIR point
# elsewhere. A set whose files are absent is skipped with a message, not an error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
work=${2:-$(mktemp -d)}
match=$build/bench/matching/jaring-match
eval=$here/evaluate.py
febrl=${FEBRL:-$root/../shared/data/febrl}
splink=${SPLINK:-$root/../shared/data/splink_datasets}
threshold=${THRESHOLD:-0.5}
mkdir -p "$work"

report() { echo "{\"set\": \"$1\", \"result\": $2}"; }

# have FILE...: all present; otherwise say which set is skipped and why.
have() {
  local set=$1 f
  shift
  for f in "$@"; do
    [[ -f $f ]] || { echo "run-quality.sh: $f missing: $set skipped" >&2; return 1; }
  done
}

# FEBRL dataset1..4 use ", " separators: strip the space so column names are plain.
febrl_sets=(dataset1 dataset2 dataset3 dataset4a dataset4b)
febrl_files=()
for d in "${febrl_sets[@]}"; do febrl_files+=("$febrl/$d.csv"); done
if have "FEBRL dataset1-4 (set FEBRL=DIR)" "${febrl_files[@]}"; then
  for d in "${febrl_sets[@]}"; do sed 's/, /,/g' "$febrl/$d.csv" > "$work/$d.csv"; done
  for d in dataset1 dataset2 dataset3; do
    "$match" dedupe "$work/$d.csv" --out "$work/$d.pairs.csv" --spec "$here/febrl.json" --threshold "$threshold"
    report "febrl-$d" "$("$eval" --pairs "$work/$d.pairs.csv" --input "$work/$d.csv" --kind febrl)"
  done
  "$match" link "$work/dataset4a.csv" "$work/dataset4b.csv" --out "$work/d4.pairs.csv" --spec "$here/febrl.json" \
    --one-to-one --threshold "$threshold"
  report "febrl-dataset4-link" "$("$eval" --pairs "$work/d4.pairs.csv" --input "$work/dataset4a.csv" "$work/dataset4b.csv" --kind febrl)"
fi

series=$febrl/febrl-0.4.2-dsgen-series
[[ -d $series ]] || echo "run-quality.sh: $series missing: the FEBRL dsgen sets skipped (set FEBRL=DIR)" >&2
[[ -d $series ]] && for s in A C; do for n in 1000 10000; do
  f=$series/dedup/dataset_${s}_$n.csv
  have "dsgen $s $n" "$f" || continue
  "$match" dedupe "$f" --out "$work/$s$n.pairs.csv" --spec "$here/febrl_dsgen.json" --threshold "$threshold"
  report "dsgen-$s-$n" "$("$eval" --pairs "$work/$s$n.pairs.csv" --input "$f" --kind dsgen)"
done; done
[[ -d $series ]] && for s in D F; do for n in 1000 10000; do
  l=$series/link/dataset_${s}_org_$n.csv; r=$series/link/dataset_${s}_dup_$n.csv
  have "dsgen $s $n link" "$l" "$r" || continue
  "$match" link "$l" "$r" --out "$work/$s$n.pairs.csv" --spec "$here/febrl_dsgen.json" --one-to-one --threshold "$threshold"
  report "dsgen-$s-$n-link" "$("$eval" --pairs "$work/$s$n.pairs.csv" --input "$l" "$r" --kind dsgen)"
done; done

if have "Splink fake_1000 (set SPLINK=DIR)" "$splink/fake_1000.csv"; then
  "$match" dedupe "$splink/fake_1000.csv" --out "$work/fake.pairs.csv" --spec "$here/splink_fake_1000.json" --threshold "$threshold"
  report "splink-fake_1000" "$("$eval" --pairs "$work/fake.pairs.csv" --input "$splink/fake_1000.csv" --kind column --entity-column cluster)"
fi
h=$splink/historical_figures_with_errors_50k.csv
if have "Splink historical_50k (set SPLINK=DIR)" "$h"; then
  "$match" dedupe "$h" --out "$work/hist.pairs.csv" --spec "$here/splink_historical_50k.json" --threshold "$threshold" \
    --clusters "$work/hist.clusters.csv"
  report "splink-historical_50k" "$("$eval" --pairs "$work/hist.pairs.csv" --input "$h" --kind column --entity-column cluster)"
  report "splink-historical_50k-clusters" "$("$eval" --clusters "$work/hist.clusters.csv" --input "$h" --kind column --entity-column cluster)"
fi

# Demo roster with planted truth (same generator as `jaring demo`), and the death extract.
if [[ -x $build/bench/matching/demo-roster ]]; then
  "$build/bench/matching/demo-roster" 100000 1 "$work/demo100k"
  d=$work/demo100k
  "$match" dedupe "$d/roster.csv" --out "$d/pairs.csv" --threshold "$threshold"
  report "demo-100k-dedupe" "$("$eval" --pairs "$d/pairs.csv" --input "$d/roster.csv" --kind pairs --truth "$d/truth/duplicates.csv")"
  "$match" link "$d/roster.csv" "$d/deaths.csv" --out "$d/deaths.pairs.csv" --one-to-one --threshold "${DEATH_THRESHOLD:-0.99}"
  report "demo-100k-deaths-link" "$("$eval" --pairs "$d/deaths.pairs.csv" --input "$d/roster.csv" "$d/deaths.csv" --kind pairs --truth "$d/truth/deaths.csv")"
fi
