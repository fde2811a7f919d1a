#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md, one after the other (never two at once: on a 2-core
# machine they would time each other), through the scripts that each section of that page
# names. `make bench` runs this after `make build`.
#   bench/run-all.sh [--quick|--full] [BUILD_DIR] [WORK_DIR]
#   make bench                  quick (the default): small sizes, a few minutes on 2 cores;
#                               checks that every benchmark runs, not the documented figures
#   BENCH=full make bench       full: the sizes behind the documented figures (1M rows, the
#                               10M roster: about 10 GB of memory and half an hour or more)
# BENCH=quick|full chooses the mode when no flag is given; BENCH_ONLY="import registry" runs
# only the named sections (foundation, import, quality, speed, link, registry, cards, bills,
# monev).
# WORK_DIR (default bench/out/MODE, ignored by git) keeps every input, output and log
# (run-all.log); a quick run starts from an empty one, a full run reuses the inputs it finds
# (the 10M roster takes minutes to write), so delete it to start over.
# The public linkage sets come from ../shared/data beside the checkout (FEBRL=DIR and
# SPLINK=DIR point elsewhere); when they are absent their sets are skipped, said so in the log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${BENCH:-quick}
case ${1:-} in
  --quick) mode=quick; shift ;;
  --full) mode=full; shift ;;
  --*) echo "usage: bench/run-all.sh [--quick|--full] [BUILD_DIR] [WORK_DIR]" >&2; exit 2 ;;
esac
[[ $mode == quick || $mode == full ]] || { echo "run-all.sh: BENCH must be quick or full, not '$mode'" >&2; exit 2; }
build=${1:-build}
[[ -d $build ]] || { echo "run-all.sh: no build directory '$build': run make build first" >&2; exit 1; }
build=$(cd "$build" && pwd)
work=${2:-$root/bench/out/$mode}
if [[ $mode == quick && -z ${2:-} ]]; then rm -rf "$work"; fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
log=$work/run-all.log
exec > >(tee -a "$log") 2>&1

# What the scripts need from the build (make build makes all of them).
missing=()
for tool in src/app/jaring bench/import/csv-to-xlsx bench/matching/jaring-match \
            bench/matching/demo-roster src/intake/intake_bench src/domain/domain_test \
            tests/integration/storage/storage_insert_bench bench/bills/bill-bench; do
  [[ -x $build/$tool ]] || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "run-all.sh: missing in $build: ${missing[*]} (run make build)" >&2
  exit 1
fi

export FEBRL=${FEBRL:-$root/../shared/data/febrl}
export SPLINK=${SPLINK:-$root/../shared/data/splink_datasets}
for set in "FEBRL:$FEBRL:dataset1.csv" "Splink:$SPLINK:fake_1000.csv"; do
  IFS=: read -r name dir probe <<<"$set"
  if [[ -f $dir/$probe ]]; then
    echo "run-all.sh: $name sets from $dir (licence: $dir/PROVENANCE.md)"
  else
    echo "run-all.sh: no $name data in $dir: its sets are skipped (set ${name^^}=DIR to use a copy elsewhere)"
  fi
done

if [[ $mode == quick ]]; then
  rows=100000 xlsx_rows=10000 speed_sizes="100000" link_runs=1 link_workers=100000 \
    link_rows=10000 registry_workers=100000 card_workers=5000 card_requests=500 \
    bill_workers=100000 monev=(REGENCIES=4 WORKERS=2000 LARGE=20000 REQUESTS=50)
else
  rows=1000000 xlsx_rows=100000 speed_sizes="100000 1000000 10000000" link_runs=3 \
    link_workers=1000000 link_rows=100000 registry_workers=1000000 card_workers=28448 \
    card_requests=2000 bill_workers=1000000 monev=(REGENCIES=38 WORKERS=30000 LARGE=1000000)
fi

failed=()
declare -A took
# section NAME COMMAND...: runs one benchmark unless BENCH_ONLY leaves it out; a failure is
# reported at the end and does not stop the others.
section() {
  local name=$1 start rc=0
  shift
  if [[ -n ${BENCH_ONLY:-} && " $BENCH_ONLY " != *" $name "* ]]; then return 0; fi
  echo
  echo "## $name ($mode; $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "\$ $(printf '%q ' "$@")"
  start=$(date +%s)
  (cd "$root" && "$@") || rc=$?
  took[$name]=$(($(date +%s) - start))
  if ((rc != 0)); then
    echo "run-all.sh: $name failed (exit $rc)"
    failed+=("$name")
  fi
}

echo "# jaring benchmarks, $mode mode: build $build, work $work"
echo "# $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
start_all=$(date +%s)

section foundation bench/foundation.sh "$build" "$rows"
section import env ROWS="$rows" XLSX_ROWS="$xlsx_rows" bench/import/run.sh "$build" "$work/import"
section quality bench/matching/run-quality.sh "$build" "$work/quality"
# shellcheck disable=SC2086  # the sizes are separate arguments
section speed bench/matching/run-speed.sh "$build" "$work/matching" $speed_sizes
section link bench/matching/run-link-100k.sh "$build" "$work/matching" "$link_runs" \
  "$link_workers" "$link_rows"
section registry env WORKERS="$registry_workers" bench/registry/run.sh "$build" "$work/registry"
# shellcheck disable=SC2016  # $JARING_TEST_PG is expanded inside with-postgres.sh's cluster
section registry-postgresql scripts/with-postgres.sh env WORKERS="$registry_workers" bash -c \
  'JARING_BENCH_DB=$JARING_TEST_PG exec bench/registry/run.sh "$0" "$1"' "$build" "$work/registry"
section cards env WORKERS="$card_workers" REQUESTS="$card_requests" bench/cards/run.sh "$build" "$work/cards"
section bills "$build/bench/bills/bill-bench" sqlite "$bill_workers" "$work"
# shellcheck disable=SC2016
section bills-postgresql scripts/with-postgres.sh bash -c \
  'exec "$0/bench/bills/bill-bench" postgresql "$1" "$2"' "$build" "$bill_workers" "$work"
section monev env "${monev[@]}" bench/monev/run.sh "$build" "$work/monev"
section monev-postgresql env ENGINE=postgresql "${monev[@]}" bench/monev/run.sh "$build" "$work/monev"

echo
echo "# done in $(($(date +%s) - start_all)) s ($mode mode); per section:"
for name in foundation import quality speed link registry registry-postgresql cards bills \
  bills-postgresql monev monev-postgresql; do
  [[ -z ${took[$name]:-} ]] || echo "#   $name ${took[$name]} s"
done
echo "# log: $log"
if ((${#failed[@]})); then
  echo "run-all.sh: failed: ${failed[*]}" >&2
  exit 1
fi
