#!/usr/bin/env bash
# Enrolment from the command line, exactly as issue 13 writes the commands: the demo's roster
# imported, September 2025 verified and settled, the Pasuruan program created, a batch selected
# from the settled month (quota and priority respected, counts adding up), approved by a
# verifier (not by the operator who made it), its file read back, and a BPJS answer with planted
# mismatches imported (counts checked exactly), then each refusal: an answer before approval, an
# answer for another program, a KPJ for a person never enrolled, a month outside the program or
# not settled; nothing half-stored; a worker's coverage history. On SQLite and (when
# JARING_TEST_PG is set) PostgreSQL. Then the bills, reconciliation, payments and arrears of
# issue 14 (bill_checks.sh), under a payment-terms version that prorates by day from September
# 2025: two workers start cover on 16 September, and one dies on 20 September.
#   enrol_cli_test.sh PATH/TO/jaring
set -uo pipefail
answer_tool="$(cd "$(dirname "$0")" && pwd)/enrol_answer.py"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/bill_checks.sh"
cli_test_setup enrol "$1"

last_json() { tail -1 "$work/out"; }
json_field() { last_json | python3 -c "import json,sys
v = json.load(sys.stdin)
for k in sys.argv[1].split('.'): v = v[int(k)] if isinstance(v, list) else v[k]
print(v)" "$1"; }

check "demo files" 0 "$jaring" demo --regency 35.14 --workers 800 --seed 11 --out "$work/demo"
cat >"$work/by-day.json" <<'JSON'
{"jaring_policy": 1, "versions": [{"family": "payment_terms", "effective_from": "2025-09-01",
  "legal_reference": "Keputusan uji 9/2025", "certainty": "uncertain",
  "rules": {"due_day": 15, "due_next_working_day": true, "arrears_limit_months": 3,
            "proration": "by_day"}}]}
JSON

run_on() {  # run_on LABEL DB_URL
  local label=$1 db=$2
  check "$label: operator" 0 "$jaring" user add operator.pasuruan --role operator --scope 35.14 \
    --db "$db"
  check "$label: verifier" 0 "$jaring" user add verif.pasuruan --role verifikator --scope 35.14 \
    --db "$db"
  check "$label: province administrator" 0 "$jaring" user add admin.jatim --role admin_provinsi \
    --scope 35 --db "$db"
  check "$label: proration by day from September" 0 "$jaring" policy add "$work/by-day.json" \
    --as admin.jatim --db "$db"
  check "$label: roster" 0 "$jaring" import "$work/demo/roster.csv" --regency 35.14 \
    --source "Demo Pasuruan" --source-kind village --db "$db" --json
  check "$label: program add" 0 "$jaring" program add --regency 35.14 \
    --name "Perlindungan pekerja rentan DBHCHT 2025" --funding DBHCHT --budget 2800000000 \
    --from 2025-09 --to 2025-12 --quota 600 --age-max 60 --as operator.pasuruan --db "$db" --json
  local program
  program=$(json_field id)

  check "$label: a month not settled is exit 5" 5 "$jaring" enrol batch --program "$program" \
    --period 2025-09 --out "$work/none.xlsx" --as operator.pasuruan --db "$db"
  check "$label: a month outside the program is exit 2" 2 "$jaring" enrol batch \
    --program "$program" --period 2025-08 --out "$work/none.xlsx" --db "$db"
  check "$label: verval run" 0 "$jaring" verval run --regency 35.14 --period 2025-09 --db "$db"
  check "$label: decide all" 0 "$jaring" verval decide --regency 35.14 --period 2025-09 --all \
    --accept --reason "diperiksa bersama desa" --as verif.pasuruan --db "$db"
  check "$label: settle" 0 "$jaring" verval settle --regency 35.14 --period 2025-09 \
    --as verif.pasuruan --minutes "$work/ba.pdf" --db "$db" --json
  local persons
  persons=$(json_field persons)

  check "$label: a verifier may not select" 6 "$jaring" enrol batch --program "$program" \
    --period 2025-09 --out "$work/b.xlsx" --as verif.pasuruan --db "$db"
  check "$label: enrol batch" 0 "$jaring" enrol batch --program "$program" --period 2025-09 \
    --out "$work/b.xlsx" --as operator.pasuruan --db "$db" --json
  local batch workers
  batch=$(json_field batch)
  workers=$(json_field workers)
  expect "$label: {\"batch\":N,\"workers\":N} first" python3 -c "import json,sys
r = json.loads(sys.argv[1]); assert list(r)[:2] == ['batch', 'workers'], r
c = r['counts']
assert c['settled'] == int(sys.argv[2]), c
assert c['settled'] == c['ineligible'] + c['already'] + c['eligible'], c
assert c['selected'] + c['waiting'] == c['eligible'] and c['selected'] == r['workers'], c
assert r['workers'] == min(600, c['eligible']) and c['waiting'] > 0, c   # the quota binds
assert c['ineligible'] > 0, c                                            # --age-max 60 leaves some out
assert c['priority_without_data'] == ['extreme_poor'], c" "$(last_json)" "$persons"
  expect "$label: the file is an xlsx" python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).testzip()" "$work/b.xlsx"

  python3 "$answer_tool" "$work/b.xlsx" "$work/a.csv" --name-differs 3 --rejected 2 \
    --unknown 1 --start-mid 2 >"$work/planted.json"
  check "$label: an answer before approval is exit 5" 5 "$jaring" enrol answer "$work/a.csv" \
    --program "$program" --db "$db"
  check "$label: the creator may not approve" 6 "$jaring" enrol approve "$batch" \
    --as operator.pasuruan --db "$db"
  check "$label: enrol approve" 0 "$jaring" enrol approve "$batch" --as verif.pasuruan --db "$db"
  check "$label: approving twice is exit 5" 5 "$jaring" enrol approve "$batch" \
    --as verif.pasuruan --db "$db"

  # A person the program left waiting (beyond the quota) given a KPJ: the wrong file, refused.
  python3 - "$work/b.xlsx" "$work/demo/roster.csv" >"$work/outsider" <<'PY'
import csv, sys, zipfile, re
data = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
sent = set(re.findall(r"<t>(\d{16})</t>", data))
for row in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")):
    nik = row.get("nik") or row.get("NIK") or ""
    if len(nik) == 16 and nik.isdigit() and nik not in sent:
        print(nik); break
PY
  python3 "$answer_tool" "$work/b.xlsx" "$work/wrong.csv" --kpj-for "$(cat "$work/outsider")" \
    >/dev/null
  check "$label: a KPJ for a person never enrolled is exit 2" 2 "$jaring" enrol answer \
    "$work/wrong.csv" --program "$program" --db "$db"
  expect "$label: ... and says so" grep -q "tidak pernah didaftarkan" "$work/err"

  check "$label: enrol answer" 0 "$jaring" enrol answer "$work/a.csv" --program "$program" \
    --as operator.pasuruan --db "$db" --json
  expect "$label: counts as planted" python3 -c "import json,sys
r = json.loads(sys.argv[1]); p = json.load(open(sys.argv[2]))
for k in ('matched', 'unknown', 'rejected', 'name_differs'): assert r[k] == p[k], (k, r, p)
assert r['coverage_started'] == p['matched'] + p['name_differs'], r
assert p['matched'] + p['name_differs'] + p['rejected'] == int(sys.argv[3]), p" \
    "$(last_json)" "$work/planted.json" "$workers"
  check "$label: the same answer again" 0 "$jaring" enrol answer "$work/a.csv" \
    --program "$program" --db "$db" --json
  expect "$label: ... starts no second cover" test "$(json_field coverage_started)" -eq 0

  # Another program's answer: a second program, its own batch; program 1's file refused there.
  check "$label: second program" 0 "$jaring" program add --regency 35.14 --name "APBD 2025" \
    --funding APBD --budget 100000000 --from 2025-09 --to 2025-12 --quota 5 --db "$db" --json
  local program2
  program2=$(json_field id)
  check "$label: answer for another program is exit 2" 2 "$jaring" enrol answer "$work/a.csv" \
    --program "$program2" --db "$db"
  expect "$label: ... and says so" grep -q "program lain" "$work/err"

  check "$label: list" 0 "$jaring" enrol list --program "$program" --db "$db" --json
  expect "$label: the batch is answered" test "$(json_field items.0.status)" = answered

  # The coverage history of a person the branch accepted under the same name.
  local matched_worker
  matched_worker=$(python3 - "$work/a.csv" <<'PY'
import csv, sys
for i, row in enumerate(csv.DictReader(open(sys.argv[1], encoding="utf-8"))):
    if row["STATUS"] == "Diterima" and not row["NAMA PESERTA"].endswith(" Wati"):
        print(row["NIK"]); break
PY
)
  check "$label: coverage history" 0 "$jaring" enrol coverage --regency 35.14 --nik "$matched_worker" \
    --db "$db" --json
  expect "$label: one period, September to December, with its KPJ" python3 -c "import json,sys
r = json.loads(sys.argv[1]); c = r['coverage']
assert len(c) == 1, r
assert c[0]['start'] == '2025-09-01' and c[0]['end'] == '2025-12-31', c
assert c[0]['start_reason'] == 'enrolled' and c[0]['end_reason'] == 'program_end', c
assert len(c[0]['kpj']) == 11 and r['enrolments'][0]['state'] == 'matched', r" "$(last_json)"

  # The month's bill: the accepted persons, Rp 16.800 each, all from DBHCHT; the two who start
  # on 16 September pay 15 of 30 days: JKK Rp 5.000 + JKM Rp 3.400.
  check "$label: bill" 0 "$jaring" bill --program "$program" --period 2025-09 \
    --out "$work/tagihan.xlsx" --as operator.pasuruan --db "$db" --json
  expect "$label: bill counts the covered, reconciled to the rupiah" python3 -c "import json,sys
r = json.loads(sys.argv[1]); p = json.load(open(sys.argv[2]))
assert list(r)[:3] == ['workers', 'total', 'by_source'], r
assert r['workers'] == p['matched'] + p['name_differs'], (r, p)
assert len(p['mid_month']) == 2 and r['proration'] == 'by_day', (p, r)
assert r['total'] == (r['workers'] - 2) * 16800 + 2 * 8400, r
assert r['by_source'] == {'DBHCHT': r['total']}, r
assert r['version'] == 1 and r['due_date'] == '2025-09-15', r
assert r['terbilang'].endswith('rupiah'), r" "$(last_json)" "$work/planted.json"
  local bill_id
  bill_id=$(json_field id)
  last_json >"$work/bill-sep.json"
  expect "$label: the workbook is an xlsx" python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).testzip()" "$work/tagihan.xlsx"
  check "$label: bill again" 0 "$jaring" bill --program "$program" --period 2025-09 --db "$db" --json
  expect "$label: ... the same bill, no new version" test "$(json_field id)" -eq "$bill_id"
  check "$label: a month not settled is exit 5" 5 "$jaring" bill --program "$program" \
    --period 2025-10 --db "$db" --json
  bill_checks "$label" "$db" "$program"
  check "$label: audit chain verifies" 0 "$jaring" audit verify --db "$db"
}

run_on sqlite "sqlite:$work/enrol.db"
if [[ -n "${JARING_TEST_PG:-}" ]]; then
  schema="enrol_cli_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  run_on postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
finish "enrol CLI"
