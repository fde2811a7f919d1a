#!/usr/bin/env bash
# `jaring dedupe` and `jaring link` end to end, as a newcomer runs them, on a small hand-made
# roster whose answer is known (tests/data/match_cli/README.md): the pairs found are exactly
# the true ones, the outputs are well formed, a saved model gives the same answer, and the
# command stays quiet in a pipe.
#   match_cli_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
data=$(realpath "$(dirname "$0")/../../data/match_cli")
cli_test_setup match "$1"

ids() { cut -d, -f1,2 "$1"; }  # the pairs of a PAIRS.csv, by id, header included

check "dedupe the roster" 0 "$jaring" dedupe "$data/roster.csv" --out "$work/pairs.csv" \
  --clusters "$work/clusters.csv" --report "$work/report.json" --model "$work/model.json"
expect "dedupe finds exactly the four true duplicates" diff <(ids "$work/pairs.csv") "$data/expected_dedupe.csv"
expect "nothing on stderr in a pipe" test ! -s "$work/err"
expect "PAIRS header" test "$(head -1 "$work/pairs.csv")" = "left_id,right_id,probability"
expect "probabilities reach the default threshold 0.9" \
  awk -F, 'NR > 1 && ($3 < 0.9 || $3 > 1) { bad = 1 } END { exit bad }' "$work/pairs.csv"
expect "clusters: one line per row" test "$(($(wc -l <"$work/clusters.csv") - 1))" -eq 16
expect "clusters: r02 is in r01's cluster" grep -qx 'r02,r01' "$work/clusters.csv"
expect "clusters: the twin r08 is alone" grep -qx 'r08,r08' "$work/clusters.csv"
expect "clusters: the son r10 is alone" grep -qx 'r10,r10' "$work/clusters.csv"
expect "report counts the rows" grep -q '"rows": 16' "$work/report.json"
expect "report counts the pairs" grep -q '"output_pairs": 4' "$work/report.json"
expect "model saved" grep -q '"fields"' "$work/model.json"

check "dedupe again with the saved model" 0 "$jaring" dedupe "$data/roster.csv" \
  --out "$work/pairs2.csv" --model "$work/model.json"
expect "same pairs with the saved model" diff <(ids "$work/pairs2.csv") "$data/expected_dedupe.csv"

check "dedupe with --explain" 0 "$jaring" dedupe "$data/roster.csv" --out "$work/explained.csv" --explain
expect "explain adds each field's level and weight" \
  grep -q '^left_id,right_id,probability,match_weight,nik_level,nik_weight,' "$work/explained.csv"
expect "explain keeps the same pairs" diff <(ids "$work/explained.csv") "$data/expected_dedupe.csv"
expect "r11/r12's NIK agrees in its Excel-damaged form (level one_edit)" \
  bash -c "grep '^r11,r12,' '$work/explained.csv' | cut -d, -f5 | grep -qx one_edit"

check "link the roster to the death extract, one to one" 0 "$jaring" link "$data/roster.csv" \
  "$data/deaths.csv" --out "$work/deaths.csv" --one-to-one
expect "link finds exactly the two deaths (not the twin, not a namesake)" \
  diff <(ids "$work/deaths.csv") "$data/expected_link.csv"

check "a missing file is a usage error" 2 "$jaring" dedupe "$work/nope.csv" --out "$work/x.csv"
printf 'id,name\n1,Ani\n' >"$work/noid.csv"
check "a spec column missing from both files leaves a usable spec" 0 "$jaring" dedupe "$work/noid.csv" --out "$work/y.csv"
expect "one row: no pairs" test "$(wc -l <"$work/y.csv")" -eq 1

finish "match cli"
