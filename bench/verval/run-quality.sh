#!/usr/bin/env bash
# Verval quality (issue 12) on independent data: the whole product path, as a newcomer runs it.
# A regency's roster and a neighbour's are imported (jaring import), the month's extracts too
# (jaring extract import), verval runs (jaring verval run), and its findings (jaring verval
# findings) are scored against the generator's truth (bench/verval/evaluate.py), per kind:
# died (all findings, and the automatic ones alone), duplicate (pairwise, after closing
# clusters: rows merged at import count as found), member_wage + member_other, other_regency.
#   bench/verval/run-quality.sh [BUILD_DIR]      WORKERS=50000 SEED=11 ENGINE=sqlite|postgresql
# Prints one JSON line per score; the data and findings stay in bench/out/verval-quality/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
jaring=$build/src/app/jaring
workers=${WORKERS:-50000}
seed=${SEED:-11}
engine=${ENGINE:-sqlite}
work=$root/bench/out/verval-quality/$workers-$seed
mkdir -p "$work"

if [[ $engine == postgresql && -z ${JARING_TEST_PG:-} ]]; then
  exec "$root/scripts/with-postgres.sh" env ENGINE=postgresql WORKERS="$workers" SEED="$seed" \
    "$0" "$build"
fi
if [[ ! -f $work/data/truth/deaths.csv ]]; then
  python3 "$root/bench/verval/generate.py" --regency 35.14 --neighbour 35.13 --workers "$workers" \
    --seed "$seed" --out "$work/data"
fi
if [[ $engine == sqlite ]]; then
  rm -f "$work/verval.db"*
  db="sqlite:$work/verval.db"
else
  schema="vq_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema"
  db="$JARING_TEST_PG?options=-csearch_path%3D$schema"
fi
export JARING_PROGRESS=0
q() { "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; }
q "$jaring" import "$work/data/roster.csv" --regency 35.14 --source "Daftar pekerja rentan" \
  --db "$db" --json --quarantine-report "$work/karantina.xlsx"
echo "{\"step\": \"import roster\", \"result\": $(tail -1 "$work/out")}"
q "$jaring" import "$work/data/neighbour.csv" --regency 35.13 --source "Daftar pekerja rentan" \
  --db "$db" --json --quarantine-report "$work/karantina-35.13.xlsx"
q "$jaring" extract import deaths "$work/data/deaths.csv" --regency 35.14 --period 2025-10 \
  --db "$db" --json
q "$jaring" extract import members "$work/data/members.csv" --regency 35.14 --period 2025-10 \
  --db "$db" --json
q "$jaring" verval run --regency 35.14 --period 2025-10 --db "$db" --json
echo "{\"step\": \"verval run\", \"result\": $(tail -1 "$work/out")}"
q "$jaring" verval findings --regency 35.14 --period 2025-10 --out "$work/findings.csv" --db "$db"
q "$jaring" export --regency 35.14 --out "$work/registry.csv" --db "$db"
q "$jaring" export --regency 35.13 --out "$work/registry-35.13.csv" --db "$db"
# One line per score: precision, recall and F1 against all the truth, and recall against the
# truth about rows that got into the registry (the import quarantines rows it cannot take, e.g.
# a NIK of 15 digits; they wait for a person to fix them and no run can find them until then).
score() {  # score LABEL KIND [EVALUATE ARGS...]
  local label=$1 kind=$2
  shift 2
  local all reached
  all=$(python3 "$root/bench/verval/evaluate.py" --truth "$work/data/truth" \
    --findings "$work/findings.csv" --kind "$kind" "$@")
  reached=$(python3 "$root/bench/verval/evaluate.py" --truth "$work/data/truth" \
    --findings "$work/findings.csv" --kind "$kind" --reached "$work/registry.csv" \
    --reached-neighbour "$work/registry-35.13.csv" "$@")
  python3 -c '
import json, sys
label, kind, every, reached = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
def pick(result):
    r = result[kind]
    return r.get("clusters") or r.get("pairs") or r
a, b = pick(every), pick(reached)
print(json.dumps({"score": label, "precision": a["precision"], "recall": a["recall"], "f1": a["f1"],
                  "truth": a["truth"], "recall_of_registry_rows": b["recall"],
                  "f1_of_registry_rows": b["f1"], "registry_truth": b["truth"]}))' \
    "$label" "$kind" "$all" "$reached"
}
score "died (all)" died
score "died (automatic)" died --action automatic
score "duplicate (clusters closed)" duplicate
score "member_wage" member_wage
score "member_other" member_other
score "other_regency" other_regency
if [[ $engine == postgresql ]]; then
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE"
fi
