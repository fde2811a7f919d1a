#!/usr/bin/env bash
# Claims for heirs from the command line, exactly as issue 15 writes the commands: the demo's
# roster imported, September 2025 settled, a program enrols the settled workers (all accepted,
# cover from 1 September). October's death extract says a covered worker died on 5 October
# (the second month): settling October opens the JKM case by itself, Rp 10.000.000, and the
# worker's cover ends that day; another died on 20 August, before the cover began: a case that
# pays nothing, flagged as a late enrolment. A second worker, a member for over three years by the branch's
# figures, dies on 2 November: the operator opens the case, Rp 42.000.000 plus the scholarship
# of two children in school. Heirs in the legal order, the dossier (uploads checked by content,
# papers seen), the workflow with its roles, payment and the clock; each refusal of the issue's
# "Bad input" with nothing half-stored. On SQLite and (JARING_TEST_PG) PostgreSQL.
#   claim_cli_test.sh PATH/TO/jaring
set -uo pipefail
answer_tool="$(cd "$(dirname "$0")" && pwd)/enrol_answer.py"
source "$(dirname "$0")/lib.sh"
cli_test_setup claim "$1"
export JARING_DATA_DIR="$work/data"

last_json() { tail -1 "$work/out"; }
json_field() { last_json | python3 -c "import json,sys
v = json.load(sys.stdin)
for k in sys.argv[1].split('.'): v = v[int(k)] if isinstance(v, list) else v[k]
print(v)" "$1"; }

check "demo files" 0 "$jaring" demo --regency 35.14 --workers 300 --seed 7 --out "$work/demo"
# A small PDF, a PNG named .pdf, and an 11 MB PDF.
printf '%%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n' >"$work/surat.pdf"
printf '\x89PNG\r\n\x1a\n0000' >"$work/foto.pdf"
{ printf '%%PDF-1.4\n'; head -c $((11 * 1024 * 1024)) /dev/zero; } >"$work/besar.pdf"

run_on() {  # run_on LABEL DB_URL
  local label=$1 db=$2
  check "$label: operator" 0 "$jaring" user add operator.pasuruan --role operator --scope 35.14 \
    --db "$db"
  check "$label: verifier" 0 "$jaring" user add verif.pasuruan --role verifikator --scope 35.14 \
    --db "$db"
  check "$label: branch officer" 0 "$jaring" user add bpjs.pasuruan --role bpjs --scope 35.14 \
    --db "$db"
  check "$label: roster" 0 "$jaring" import "$work/demo/roster.csv" --regency 35.14 \
    --source "Demo Pasuruan" --source-kind village --db "$db" --json
  check "$label: program" 0 "$jaring" program add --regency 35.14 \
    --name "Perlindungan pekerja rentan DBHCHT 2025" --funding DBHCHT --budget 2800000000 \
    --from 2025-09 --to 2025-12 --db "$db" --json
  local program
  program=$(json_field id)
  settle() {  # settle MONTH
    check "$label: verval run $1" 0 "$jaring" verval run --regency 35.14 --period "$1" --db "$db"
    check "$label: decide $1" 0 "$jaring" verval decide --regency 35.14 --period "$1" --all \
      --accept --reason "diperiksa bersama desa" --as verif.pasuruan --db "$db"
    check "$label: settle $1" 0 "$jaring" verval settle --regency 35.14 --period "$1" \
      --as verif.pasuruan --minutes "$work/ba-$1.pdf" --db "$db" --json
  }
  settle 2025-09
  check "$label: batch" 0 "$jaring" enrol batch --program "$program" --period 2025-09 \
    --out "$work/b.xlsx" --as operator.pasuruan --db "$db" --json
  local batch
  batch=$(json_field batch)
  check "$label: approve" 0 "$jaring" enrol approve "$batch" --as verif.pasuruan --db "$db"
  python3 "$answer_tool" "$work/b.xlsx" "$work/a.csv" >/dev/null
  check "$label: answer" 0 "$jaring" enrol answer "$work/a.csv" --program "$program" \
    --as operator.pasuruan --db "$db" --json
  # Two accepted workers: the first dies on 5 October, the second on 2 November.
  python3 - "$work/a.csv" "$work/demo/roster.csv" >"$work/pair" <<'PY'
import csv, sys
accepted = [r["NIK"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
            if r["STATUS"] == "Diterima"]
roster = {r["nik"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig"))}
print(accepted[0], accepted[1])
with open("deaths-okt.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "nik", "name", "sex", "birth_date", "death_date", "village_code"])
    for i, died in ((0, "2025-10-05"), (2, "2025-08-20")):
        r = roster[accepted[i]]
        w.writerow([str(i + 1), r["nik"], r["name"], r["sex"], r["birth_date"], died,
                    r["village_code"]])
PY
  local first second
  read -r first second <"$work/pair"
  check "$label: coverage of the second" 0 "$jaring" enrol coverage --regency 35.14 \
    --nik "$second" --db "$db" --json
  local second_id
  second_id=$(json_field worker_id)

  # --- a death found by verval opens its case --------------------------------------------------
  check "$label: October's deaths" 0 "$jaring" extract import deaths "$work/deaths-okt.csv" \
    --regency 35.14 --period 2025-10 --db "$db" --json
  settle 2025-10
  expect "$label: settling October opened two cases" test "$(json_field claims_opened)" -eq 2
  check "$label: claim list" 0 "$jaring" claim list --regency 35.14 --db "$db" --json
  expect "$label: ... JKM, Rp 10.000.000 for a death in the second month; a late enrolment" \
    python3 -c "import json,sys
c = sorted(json.loads(sys.argv[1])['claims'], key=lambda x: x['event_date']); assert len(c) == 2, c
late, c = c
assert c['kind'] == 'jkm' and c['event_date'] == '2025-10-05' and c['source'] == 'verval', c
assert c['state'] == 'reported' and c['eligible'] is True and c['expected_total'] == 10000000, c
assert late['event_date'] == '2025-08-20' and late['eligible'] is False, late
assert late['expected_total'] == 0 and late['failure_cause'] == 'late_enrolment', late" \
    "$(last_json)"
  local early
  early=$(last_json | python3 -c "import json,sys
print([c['id'] for c in json.load(sys.stdin)['claims'] if c['event_date'] == '2025-10-05'][0])")
  check "$label: the dead worker's cover" 0 "$jaring" enrol coverage --regency 35.14 \
    --nik "$first" --db "$db" --json
  expect "$label: ... ends on the day of death" python3 -c "import json,sys
c = json.loads(sys.argv[1])['coverage'][0]
assert c['end'] == '2025-10-05' and c['end_reason'] == 'died', c" "$(last_json)"
  local first_id
  first_id=$(json_field worker_id)
  settle 2025-10
  expect "$label: settling October again opens nothing twice" test "$(json_field claims_opened)" -eq 0
  check "$label: claim show" 0 "$jaring" claim show "$early" --db "$db" --json
  expect "$label: ... the early-death rule, its items and the checklist" python3 -c "import json,sys
c = json.loads(sys.argv[1]); q = c['assessment']['quote']
assert [i['rule'] for i in q['items']] == ['early_death.compensation', 'early_death.funeral'], q
assert sum(i['amount'] for i in q['items']) == 10000000, q
kinds = [d['kind'] for d in c['documents']]
assert 'akta_kematian' in kinds and 'surat_ahli_waris' in kinds, kinds
assert c['clock']['stages'][0]['stage'] == 'detect' and c['clock']['stages'][0]['days'] > 0, c" \
    "$(last_json)"

  # --- the operator opens a case for a long-standing member --------------------------------------
  check "$label: a verifier may not open" 6 "$jaring" claim open --regency 35.14 \
    --worker "$second_id" --kind jkm --event 2025-11-02 --as verif.pasuruan --db "$db"
  check "$label: an event before membership is exit 2" 2 "$jaring" claim open --regency 35.14 \
    --worker "$second_id" --kind jkm --event 2025-08-20 --db "$db"
  expect "$label: ... and says so" grep -q "sebelum kepesertaan" "$work/err"
  check "$label: an event after the recorded death is exit 2" 2 "$jaring" claim open \
    --regency 35.14 --worker "$first_id" --kind jkk --outcome death --event 2025-10-20 \
    --db "$db"
  expect "$label: ... and says so" grep -q "sesudah kematian" "$work/err"
  check "$label: claim open" 0 "$jaring" claim open --regency 35.14 --worker "$second_id" \
    --kind jkm --event 2025-11-02 --member-since 2021-06-01 --paid-months 52 \
    --reporter "Keluarga (istri)" --reported-on 2025-11-03 --as operator.pasuruan --db "$db" \
    --json
  local long
  long=$(json_field id)
  expect "$label: ... Rp 42.000.000 before the children are known" python3 -c "import json,sys
c = json.loads(sys.argv[1]); assert c['expected_total'] == 42000000 and c['eligible'], c
assert c['clock']['stages'][0] == {'stage': 'detect', 'from': '2025-11-02', 'to': '2025-11-03',
  'days': 1, 'target': 30, 'working_days': False, 'overdue': False}, c['clock']" "$(last_json)"
  check "$label: the overdue list" 0 "$jaring" claim list --regency 35.14 --overdue --db "$db" \
    --json
  expect "$label: ... the case reported in November 2025 waits past its dossier target" \
    python3 -c "import json,sys
c = json.loads(sys.argv[1])['claims']; assert [x['id'] for x in c] == [int(sys.argv[2])], c
assert c[0]['stage'] == 'dossier' and c[0]['overdue'] is True and c[0]['stage_days'] > 14, c" \
    "$(last_json)" "$long"
  check "$label: opening it again" 0 "$jaring" claim open --regency 35.14 --worker "$second_id" \
    --kind jkm --event 2025-11-02 --db "$db" --json
  expect "$label: ... is the same case" test "$(json_field id)" = "$long"

  cat >"$work/heirs-wrong.json" <<'JSON'
[{"name": "Siti Aminah", "relation": "spouse", "recipient": true, "payout": "cash"},
 {"name": "Slamet", "relation": "sibling"}]
JSON
  check "$label: a sibling beside a spouse is exit 2" 2 "$jaring" claim heirs "$long" \
    --file "$work/heirs-wrong.json" --db "$db"
  expect "$label: ... naming the closer heir" grep -q "lebih dekat: Siti Aminah" "$work/err"
  cat >"$work/heirs-bank.json" <<'JSON'
[{"name": "Siti Aminah", "relation": "spouse", "recipient": true, "payout": "bank",
  "bank": "BRI", "account_no": "12345", "account_name": "Siti Aminah"}]
JSON
  check "$label: a BRI account of 5 digits is exit 2" 2 "$jaring" claim heirs "$long" \
    --file "$work/heirs-bank.json" --db "$db"
  cat >"$work/heirs.json" <<'JSON'
[{"name": "Siti Aminah", "nik": "3514014506850001", "relation": "spouse", "share_bp": 5000,
  "recipient": true, "payout": "bank", "bank": "BRI", "account_no": "012301000123567",
  "account_name": "Siti Aminah"},
 {"name": "Ahmad Fauzi", "relation": "child", "share_bp": 2500, "school_level": "tk_sd"},
 {"name": "Nur Laila", "relation": "child", "share_bp": 2500, "school_level": "smp"}]
JSON
  check "$label: heirs" 0 "$jaring" claim heirs "$long" --file "$work/heirs.json" \
    --as operator.pasuruan --db "$db" --json
  expect "$label: ... Rp 42.000.000 plus the scholarship of two children" python3 -c "import json,sys
c = json.loads(sys.argv[1]); q = c['assessment']['quote']
rules = [i['rule'] for i in q['items']]
assert rules.count('scholarship.child') == 2, rules
school = [i['amount'] for i in q['items'] if i['rule'] == 'scholarship.child']
assert school == [1500000, 2000000], school
assert c['expected_total'] == 42000000 + 3500000 and q['total'] == c['expected_total'], c" \
    "$(last_json)"

  check "$label: complete before the papers is exit 5" 5 "$jaring" claim move "$long" \
    --to dossier_complete --as operator.pasuruan --db "$db"
  expect "$label: ... naming what is missing" grep -q "Akta kematian" "$work/err"
  check "$label: a PNG named .pdf is exit 2" 2 "$jaring" claim document "$long" \
    --kind akta_kematian --file "$work/foto.pdf" --db "$db"
  check "$label: an 11 MB file is exit 2" 2 "$jaring" claim document "$long" \
    --kind akta_kematian --file "$work/besar.pdf" --db "$db"
  check "$label: a kind not on the checklist is exit 2" 2 "$jaring" claim document "$long" \
    --kind surat_dokter --file "$work/surat.pdf" --db "$db"
  check "$label: death certificate uploaded" 0 "$jaring" claim document "$long" \
    --kind akta_kematian --file "$work/surat.pdf" --as operator.pasuruan --db "$db" --json
  expect "$label: ... stored outside the database under its checksum" python3 -c "import json,sys,hashlib,os
c = json.loads(sys.argv[1]); d = [d for d in c['documents'] if d['kind'] == 'akta_kematian'][0]
sha = hashlib.sha256(open(sys.argv[2], 'rb').read()).hexdigest()
assert d['state'] == 'uploaded' and d['sha256'] == sha and d['content_type'] == 'application/pdf', d
assert os.path.exists(os.path.join(sys.argv[3], 'claim-documents', '35.14', str(c['id']), sha + '.pdf'))" \
    "$(last_json)" "$work/surat.pdf" "$JARING_DATA_DIR"
  for kind in kartu_peserta ktp_peserta kk surat_ahli_waris ktp_ahli_waris buku_nikah \
              buku_tabungan; do
    check "$label: $kind seen on paper" 0 "$jaring" claim document "$long" --kind "$kind" \
      --seen --as operator.pasuruan --db "$db" --json
  done
  check "$label: dossier complete" 0 "$jaring" claim move "$long" --to dossier_complete \
    --as operator.pasuruan --db "$db" --json
  check "$label: heirs are fixed once complete" 5 "$jaring" claim heirs "$long" \
    --file "$work/heirs.json" --db "$db"
  check "$label: submitted" 0 "$jaring" claim move "$long" --to submitted \
    --as operator.pasuruan --db "$db" --json
  check "$label: the operator may not approve" 6 "$jaring" claim move "$long" --to approved \
    --amount 45500000 --as operator.pasuruan --db "$db"
  check "$label: approved by the branch" 0 "$jaring" claim move "$long" --to approved \
    --amount "Rp 45.500.000" --as bpjs.pasuruan --db "$db" --json
  check "$label: paid without a reference is exit 2" 2 "$jaring" claim move "$long" --to paid \
    --paid-on 2025-11-20 --as bpjs.pasuruan --db "$db"
  check "$label: paid" 0 "$jaring" claim move "$long" --to paid --amount 45500000 \
    --paid-on 2025-11-20 --reference "BPJS-JKM-2025-0042" --as bpjs.pasuruan --db "$db" --json
  expect "$label: ... the clock counts the days from death to payment" python3 -c "import json,sys
c = json.loads(sys.argv[1])
assert c['state'] == 'paid' and c['paid_amount'] == 45500000, c
assert c['clock']['days_to_payment'] == 18, c['clock']
assert [e['to'] for e in c['events']] == ['reported', 'dossier_complete', 'submitted', 'approved', 'paid'], c['events']" \
    "$(last_json)"
  check "$label: paying twice is exit 5" 5 "$jaring" claim move "$long" --to paid \
    --amount 1 --paid-on 2025-11-21 --reference X --as bpjs.pasuruan --db "$db"
  check "$label: list of paid cases" 0 "$jaring" claim list --regency 35.14 --state paid \
    --db "$db" --json
  expect "$label: ... one" python3 -c "import json,sys
assert len(json.loads(sys.argv[1])['claims']) == 1" "$(last_json)"

  # --- exchange with the branch and the report ---------------------------------------------------
  cat >"$work/heirs-early.json" <<'JSON'
[{"name": "Sulastri", "relation": "spouse", "recipient": true, "payout": "cash"}]
JSON
  check "$label: early case heirs" 0 "$jaring" claim heirs "$early" --file "$work/heirs-early.json" \
    --db "$db" --json
  for kind in kartu_peserta ktp_peserta kk akta_kematian surat_ahli_waris ktp_ahli_waris \
              buku_nikah; do
    check "$label: early $kind seen" 0 "$jaring" claim document "$early" --kind "$kind" --seen \
      --db "$db" --json
  done
  check "$label: early complete" 0 "$jaring" claim move "$early" --to dossier_complete \
    --db "$db" --json
  check "$label: early submitted" 0 "$jaring" claim move "$early" --to submitted --db "$db" \
    --json
  check "$label: export for the branch" 0 "$jaring" claim export --regency 35.14 \
    --out "$work/diajukan.xlsx" --as operator.pasuruan --db "$db"
  expect "$label: ... the submitted case, with its recipient" python3 -c "
import sys; sys.path.insert(0, sys.argv[3])
from enrol_answer import read_rows
rows = read_rows(sys.argv[1])
assert len(rows) == 2 and rows[0][0] == 'No. Klaim', rows
assert rows[1][0] == sys.argv[2] and 'Sulastri' in rows[1], rows" \
    "$work/diajukan.xlsx" "$early" "$(dirname "$answer_tool")"
  printf 'No. Klaim,Keputusan,Jumlah,Tanggal Bayar,No. Referensi\n%s,mungkin,10000000,25/11/2025,X\n' \
    "$early" >"$work/keputusan-salah.csv"
  check "$label: a decision file with an unknown decision is exit 2" 2 "$jaring" claim import \
    "$work/keputusan-salah.csv" --regency 35.14 --db "$db"
  check "$label: ... nothing applied" 0 "$jaring" claim show "$early" --db "$db" --json
  expect "$label: ... the case still submitted" test "$(json_field state)" = submitted
  {
    echo 'No. Klaim,NIK,Keputusan,Jumlah,Tanggal Bayar,No. Referensi,Keterangan'
    echo "$early,,Dibayar,Rp 10.000.000,25/11/2025,BPJS-JKM-2025-0050,"
    echo "999999,,Disetujui,1000000,,,"
    echo "$long,,Dibayar,45500000,20/11/2025,BPJS-JKM-2025-0042,"
  } >"$work/keputusan.csv"
  check "$label: the branch's decisions" 0 "$jaring" claim import "$work/keputusan.csv" \
    --regency 35.14 --as operator.pasuruan --db "$db" --json
  expect "$label: ... one paid, one already recorded, one unknown listed" python3 -c "import json,sys
r = json.loads(sys.argv[1])
assert (r['lines'], r['applied'], r['repeated']) == (3, 1, 1), r
assert [(m['line'], m['kind']) for m in r['mismatches']] == [(3, 'unknown_claim')], r" "$(last_json)"
  check "$label: the early case" 0 "$jaring" claim show "$early" --db "$db" --json
  expect "$label: ... paid through approved, from the branch's file" python3 -c "import json,sys
c = json.loads(sys.argv[1])
assert c['state'] == 'paid' and c['paid_amount'] == 10000000 and c['paid_on'] == '2025-11-25', c
assert [e['to'] for e in c['events']][-2:] == ['approved', 'paid'], c['events']
assert 'dari berkas BPJS' in c['events'][-1]['note'], c['events']" "$(last_json)"
  check "$label: report" 0 "$jaring" claim report --regency 35.14 --out "$work/laporan.pdf" \
    --db "$db" --json
  expect "$label: ... two paid, Rp 55.500.000, median days to payment" python3 -c "import json,sys
r = json.loads(sys.argv[1])
assert r['cases'] == 3 and r['paid_cases'] == 2 and r['amount_paid'] == 55500000, r
assert r['median_days_to_payment'] == (18 + 51) / 2, r
assert r['by_kind_state'] == {'jkm': {'paid': 2, 'reported': 1}}, r
assert r['program_failures'] == 1 and r['cases_waiting'] == 1, r
assert sum(d['cases'] for d in r['districts']) == 3 and r['months'][0]['month'] == '2025-08', r" \
    "$(last_json)"
  expect "$label: ... the PDF says so" bash -c "pdftotext '$work/laporan.pdf' - | grep -q 'LAPORAN KLAIM'"
  check "$label: report as xlsx" 0 "$jaring" claim report --regency 35.14 \
    --out "$work/laporan.xlsx" --db "$db"
  expect "$label: ... an xlsx" python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).testzip()" "$work/laporan.xlsx"
  check "$label: audit chain verifies" 0 "$jaring" audit verify --db "$db"
}

run_on sqlite "sqlite:$work/claim.db"
if [[ -n "${JARING_TEST_PG:-}" ]]; then
  schema="claim_cli_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  run_on postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
finish "claim CLI"
