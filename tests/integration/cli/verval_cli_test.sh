#!/usr/bin/env bash
# The monthly verval from the command line, exactly as issue 12 writes the commands: the demo's
# roster imported, its death and membership extracts imported (twice: the second changes
# nothing), a run, the findings CSV checked against the demo's truth, settling refused while
# findings are open, a bulk decision, the month settled with its berita acara, and the registry
# export with each worker's source id. On SQLite and (when JARING_TEST_PG is set) PostgreSQL.
#   verval_cli_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test_setup verval "$1"

last_json() { tail -1 "$work/out"; }
# A field of the last stdout line's JSON object: json_field PATH (e.g. findings.died).
json_field() { last_json | python3 -c "import json,sys
v = json.load(sys.stdin)
for k in sys.argv[1].split('.'): v = v[k]
print(v)" "$1"; }

check "demo files" 0 "$jaring" demo --regency 35.14 --workers 1500 --seed 5 --out "$work/demo"
demo="$work/demo"
period=2025-07

run_on() {  # run_on LABEL DB_URL
  local label=$1 db=$2
  check "$label: verifikator account" 0 "$jaring" user add verif.pasuruan --role verifikator \
    --scope 35.14 --db "$db"
  check "$label: import the roster" 0 "$jaring" import "$demo/roster.csv" --regency 35.14 \
    --source "Demo Pasuruan" --source-kind village --db "$db" --json

  check "$label: import deaths" 0 "$jaring" extract import deaths "$demo/deaths.csv" \
    --regency 35.14 --period $period --db "$db" --json
  local rows
  rows=$(($(wc -l <"$demo/deaths.csv") - 1))
  expect "$label: deaths summary counts every row read" test "$(json_field read)" -eq "$rows"
  expect "$label: deaths all accepted" test "$(json_field accepted)" -eq "$rows"
  check "$label: deaths again" 0 "$jaring" extract import deaths "$demo/deaths.csv" \
    --regency 35.14 --period $period --db "$db" --json
  expect "$label: the same file again changes nothing" test "$(json_field unchanged)" -eq "$rows"
  check "$label: import members" 0 "$jaring" extract import members "$demo/members.csv" \
    --regency 35.14 --period $period --db "$db" --json
  expect "$label: members summary has quarantined" test "$(json_field quarantined)" -eq 0
  check "$label: extract with no period is a usage error" 2 "$jaring" extract import deaths \
    "$demo/deaths.csv" --regency 35.14 --db "$db"
  check "$label: extract of another kind is refused" 2 "$jaring" extract import births \
    "$demo/deaths.csv" --regency 35.14 --period $period --db "$db"

  check "$label: verval run" 0 "$jaring" verval run --regency 35.14 --period $period --db "$db" --json
  expect "$label: run JSON has the kinds, automatic and to_review" \
    python3 -c "import json,sys; r=json.loads(sys.argv[1]); k=r['findings']
assert set(['duplicate','died','member_wage','member_other','other_regency','invalid_nik','nik_mismatch','age','domicile','changed']) <= set(k), k
assert isinstance(r['automatic'], int) and isinstance(r['to_review'], int)" "$(last_json)"
  expect "$label: the run quiet on stderr in a pipe" test ! -s "$work/err"

  check "$label: findings CSV" 0 "$jaring" verval findings --regency 35.14 --period $period \
    --out "$work/findings.csv" --db "$db"
  expect "$label: findings header" test "$(head -1 "$work/findings.csv")" = \
    "kind,worker,other,confidence,action,state"
  check "$label: export CSV" 0 "$jaring" export --regency 35.14 --out "$work/registry.csv" --db "$db"
  expect "$label: export carries source_id" bash -c "head -1 '$work/registry.csv' | grep -q ',source_id,'"
  # Every died finding is a planted death (worker = roster id, other = death row id), and every
  # planted death of a person on the registry (the import quarantines some roster rows, e.g.
  # aged 65 by now) is found, once per extract row.
  expect "$label: died findings are the planted deaths" python3 - "$work/findings.csv" \
    "$demo/truth/deaths.csv" "$work/registry.csv" <<'EOF'
import csv, sys
found = {(r["worker"], r["other"]) for r in csv.DictReader(open(sys.argv[1])) if r["kind"] == "died"}
truth = {(r["roster_id"], r["death_id"]) for r in csv.DictReader(open(sys.argv[2]))}
on_registry = {r["source_id"] for r in csv.DictReader(open(sys.argv[3], encoding="utf-8-sig"))}
rows = {d for w, d in truth if w in on_registry}
assert len(rows) >= 5, rows
assert found <= truth, found - truth
assert {d for _, d in found} == rows, rows - {d for _, d in found}
EOF
  expect "$label: duplicate findings are planted pairs" python3 - "$work/findings.csv" \
    "$demo/truth/duplicates.csv" <<'EOF'
import csv, sys
found = {tuple(sorted((int(r["worker"]), int(r["other"]))))
         for r in csv.DictReader(open(sys.argv[1])) if r["kind"] == "duplicate"}
truth = {(int(r["id_a"]), int(r["id_b"])) for r in csv.DictReader(open(sys.argv[2]))}
assert len(found) > 0 and len(found - truth) <= len(found) // 100, found - truth
EOF
  expect "$label: states and actions are the documented words" python3 - "$work/findings.csv" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    assert r["action"] in ("automatic", "review"), r
    assert r["state"] in ("open", "accepted", "rejected", "deferred"), r
    assert 0 <= float(r["confidence"]) <= 1, r
EOF

  check "$label: settling with open findings is exit 5" 5 "$jaring" verval settle --regency 35.14 \
    --period $period --as verif.pasuruan --minutes "$work/early.pdf" --db "$db"
  expect "$label: no minutes written while refused" test ! -e "$work/early.pdf"
  check "$label: a decision needs --as" 2 "$jaring" verval decide --regency 35.14 \
    --period $period --all --accept --reason "x" --db "$db"
  check "$label: decide all" 0 "$jaring" verval decide --regency 35.14 --period $period --all \
    --accept --reason "diperiksa bersama desa" --as verif.pasuruan --db "$db"
  check "$label: settle" 0 "$jaring" verval settle --regency 35.14 --period $period \
    --as verif.pasuruan --minutes "$work/ba.pdf" --findings "$work/temuan.xlsx" --db "$db" --json
  expect "$label: minutes are a PDF" test "$(head -c 5 "$work/ba.pdf")" = "%PDF-"
  expect "$label: findings workbook written" test -s "$work/temuan.xlsx"
  expect "$label: minutes name the regency and month" bash -c \
    "pdftotext '$work/ba.pdf' - | tr -s ' \n' ' ' | grep -qi 'Juli 2025'"
  check "$label: settling again is refused" 5 "$jaring" verval settle --regency 35.14 \
    --period $period --as verif.pasuruan --minutes "$work/again.pdf" --db "$db"

  check "$label: export xlsx" 0 "$jaring" export --regency 35.14 --out "$work/registry.xlsx" --db "$db"
  expect "$label: xlsx is a zip" test "$(head -c 2 "$work/registry.xlsx")" = "PK"
  rm -f "$work/ba.pdf" "$work/temuan.xlsx" "$work/registry.csv" "$work/registry.xlsx"
}

run_on sqlite "sqlite:$work/verval.db"
if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="verval_cli_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  run_on postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
finish verval_cli
