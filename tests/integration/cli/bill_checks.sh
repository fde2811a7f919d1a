# The money after enrolment, from the command line, exactly as issue 14 writes the commands;
# sourced by enrol_cli_test.sh, which calls bill_checks after September's bill:
#   bill_checks LABEL DB_URL PROGRAM
# A covered worker is found dead in October's death extract (died 20 September); October and
# November are verified and settled; October's bill is the settled covered workers times the
# package; September's bill, issued again now the death is known, prorates the dead worker's line
# by day (enrol_cli_test.sh adds the by-day rule); an invoice with one planted difference of each kind is reconciled (each found,
# nothing else), refused invoices store nothing, a line is resolved with a reason; payments are
# recorded and refused as the rules say; arrears warn for workers three months behind.
# Needs check/expect/json_field/last_json from the caller, $work with demo/, tagihan.xlsx (the
# September bill) and outsider (a roster NIK the program never covered).
invoice_tool="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bill_invoice.py"

settle_month() {  # settle_month LABEL DB MONTH
  check "$1: verval run $3" 0 "$jaring" verval run --regency 35.14 --period "$3" --db "$2"
  check "$1: decide $3" 0 "$jaring" verval decide --regency 35.14 --period "$3" --all \
    --accept --reason "diperiksa bersama desa" --as verif.pasuruan --db "$2"
  check "$1: settle $3" 0 "$jaring" verval settle --regency 35.14 --period "$3" \
    --as verif.pasuruan --minutes "$work/ba-$3.pdf" --db "$2" --json
}

bill_checks() {
  local label=$1 db=$2 program=$3
  # The last person of September's bill dies on 20 September; October's extract says so.
  PYTHONPATH="$(dirname "$invoice_tool")" python3 - "$work/tagihan.xlsx" \
    "$work/demo/roster.csv" "$work/deaths-okt.csv" >"$work/dead" <<'PY'
import csv, sys
from enrol_answer import read_rows
rows = read_rows(sys.argv[1], 2)
h = rows[0]
nik, kpj = rows[-1][h.index("NIK")], rows[-1][h.index("No. KPJ")]
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")):
    if r["nik"] == nik:
        with open(sys.argv[3], "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "nik", "name", "sex", "birth_date", "death_date", "village_code"])
            w.writerow(["1", nik, r["name"], r["sex"], r["birth_date"], "2025-09-20",
                        r["village_code"]])
print(f"{nik}:{kpj}")
PY
  check "$label: October's deaths" 0 "$jaring" extract import deaths "$work/deaths-okt.csv" \
    --regency 35.14 --period 2025-10 --db "$db" --json
  settle_month "$label" "$db" 2025-10
  local persons_okt
  persons_okt=$(json_field persons)

  check "$label: October's bill" 0 "$jaring" bill --program "$program" --period 2025-10 \
    --out "$work/tagihan-okt.xlsx" --as operator.pasuruan --db "$db" --json
  expect "$label: October's bill is the settled covered workers x Rp 16.800, the dead left out" \
    python3 -c "import json,sys
r = json.loads(sys.argv[1]); sep = json.load(open(sys.argv[2]))
assert r['workers'] == sep['workers'] - 1, (r, sep)
assert r['total'] == r['workers'] * 16800 and r['by_source'] == {'DBHCHT': r['total']}, r
assert r['due_date'] == '2025-10-15', r" "$(last_json)" "$work/bill-sep.json"
  local bill_okt
  bill_okt=$(last_json)

  # By day, September billed again now that the death is on record: a second version, the dead
  # worker's line cut at 20 September (from the 1st: 20 of 30 days; from the 16th: 5).
  check "$label: September's bill again, the death known" 0 "$jaring" bill --program "$program" \
    --period 2025-09 --as operator.pasuruan --db "$db" --json
  expect "$label: ... a second version, the dead worker paid to the day of death" \
    python3 -c "import json,sys
r = json.loads(sys.argv[1]); v1 = json.load(open(sys.argv[2])); p = json.load(open(sys.argv[3]))
nik = sys.argv[4].split(':')[0]
half_up = lambda amount, days: (2 * amount * days + 30) // 60
first = 16 if nik in p['mid_month'] else 1
was = half_up(10000, 31 - first) + half_up(6800, 31 - first)
now = half_up(10000, 21 - first) + half_up(6800, 21 - first)
assert now == (11200 if first == 1 else 2800), now
assert r['version'] == 2 and r['workers'] == v1['workers'], (r, v1)
assert r['total'] == v1['total'] - was + now, (r, v1, was, now)
assert r['by_source'] == {'DBHCHT': r['total']}, r" \
    "$(last_json)" "$work/bill-sep.json" "$work/planted.json" "$(cat "$work/dead")"
  last_json >"$work/bill-sep.json"

  # The invoice: one difference of each kind.
  PYTHONPATH="$(dirname "$invoice_tool")" python3 "$invoice_tool" "$work/tagihan-okt.xlsx" \
    "$work/invoice.csv" --dead "$(cat "$work/dead")" --outsider "$(cat "$work/outsider")" \
    --month "Oktober 2025" >"$work/planted-invoice.json"
  check "$label: reconcile" 0 "$jaring" bill reconcile --program "$program" --period 2025-10 \
    --invoice "$work/invoice.csv" --out "$work/selisih.csv" --as operator.pasuruan \
    --db "$db" --json
  expect "$label: each planted difference found, nothing else" python3 -c "import json,sys
r = json.loads(sys.argv[1])
assert list(r)[0] == 'lines', r
assert r['lines'] == {'billed_not_listed': 1, 'listed_not_billed': 1, 'amount_differs': 1,
                      'dead_but_billed': 1, 'duplicate_billed': 1}, r
assert r['open'] == 5 and r['repeated'] is False, r" "$(last_json)"
  local invoice
  invoice=$(json_field id)
  expect "$label: the CSV of lines" python3 -c "import csv,json,sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
assert rows[0][:5] == ['kind', 'nik', 'kpj', 'billed', 'expected'], rows[0]
kinds = {r[0]: r for r in rows[1:]}
p = json.load(open(sys.argv[2]))
assert kinds['amount_differs'][1] == p['amount_differs'] and kinds['amount_differs'][3:5] == ['17000', '16800'], kinds
assert kinds['listed_not_billed'][1] == p['listed_not_billed'] and kinds['listed_not_billed'][3] == '0', kinds
assert kinds['duplicate_billed'][1] == p['duplicate_billed'], kinds
assert kinds['dead_but_billed'][1] == sys.argv[3].split(':')[0], kinds" \
    "$work/selisih.csv" "$work/planted-invoice.json" "$(cat "$work/dead")"
  check "$label: the same invoice again" 0 "$jaring" bill reconcile --program "$program" \
    --period 2025-10 --invoice "$work/invoice.csv" --db "$db" --json
  expect "$label: ... is the same reconciliation" python3 -c "import json,sys
r = json.loads(sys.argv[1]); assert r['id'] == int(sys.argv[2]) and r['repeated'] is True, r" \
    "$(last_json)" "$invoice"

  # Refused invoices: nothing stored (the next good one gets the next number).
  PYTHONPATH="$(dirname "$invoice_tool")" python3 "$invoice_tool" "$work/tagihan-okt.xlsx" \
    "$work/off.csv" --dead "$(cat "$work/dead")" --outsider "$(cat "$work/outsider")" \
    --month "Oktober 2025" --total-off 16800 >/dev/null
  check "$label: an invoice that does not add up is exit 2" 2 "$jaring" bill reconcile \
    --program "$program" --period 2025-10 --invoice "$work/off.csv" --db "$db"
  expect "$label: ... and says so" grep -q "tidak berjumlah" "$work/err"
  PYTHONPATH="$(dirname "$invoice_tool")" python3 "$invoice_tool" "$work/tagihan-okt.xlsx" \
    "$work/sept.csv" --dead "$(cat "$work/dead")" --outsider "$(cat "$work/outsider")" \
    --month "Oktober 2025" --month-of-row "September 2025" >/dev/null
  check "$label: an invoice for another month is exit 2" 2 "$jaring" bill reconcile \
    --program "$program" --period 2025-10 --invoice "$work/sept.csv" --db "$db"
  expect "$label: ... and names it" grep -q "September 2025" "$work/err"
  printf 'NIK,KPJ,Iuran\n%s,77700000001,16800\n' "$(cat "$work/outsider")" >"$work/des.csv"
  check "$label: an invoice for a month not billed is exit 5" 5 "$jaring" bill reconcile \
    --program "$program" --period 2025-12 --invoice "$work/des.csv" --db "$db"

  check "$label: resolve without a reason is exit 2" 2 "$jaring" bill resolve \
    --invoice-id "$invoice" --line 1 --reason "ok" --db "$db"
  check "$label: resolve" 0 "$jaring" bill resolve --invoice-id "$invoice" --line 1 \
    --reason "Selisih Rp 200 dikonfirmasi BPJS sebagai salah ketik" --as operator.pasuruan \
    --db "$db" --json
  expect "$label: ... resolved with its reason" python3 -c "import json,sys
r = json.loads(sys.argv[1]); assert r['state'] == 'resolved' and r['resolved_by'] == 'operator.pasuruan', r" \
    "$(last_json)"
  check "$label: resolving twice is exit 5" 5 "$jaring" bill resolve --invoice-id "$invoice" \
    --line 1 --reason "sekali lagi diperiksa" --db "$db"
  check "$label: a verifier may not resolve" 6 "$jaring" bill resolve --invoice-id "$invoice" \
    --line 2 --reason "tidak berwenang" --as verif.pasuruan --db "$db"

  # November settled and billed; nothing paid: three months behind by 20 November.
  settle_month "$label" "$db" 2025-11
  check "$label: November's bill" 0 "$jaring" bill --program "$program" --period 2025-11 \
    --db "$db" --json
  local workers_nov
  workers_nov=$(json_field workers)
  check "$label: arrears" 0 "$jaring" payment arrears --program "$program" --as-of 2025-11-20 \
    --out "$work/tunggakan.xlsx" --db "$db" --json
  expect "$label: everyone three months behind is warned, cover ends 15 December" \
    python3 -c "import json,sys
r = json.loads(sys.argv[1]); n = int(sys.argv[2]); mid = json.load(open(sys.argv[3]))['mid_month']
assert r['limit_months'] == 3 and r['warnings'] == n and r['lapsed'] == 0, r
assert [m['state'] for m in r['months']] == ['overdue'] * 3, r['months']
w = r['workers'][0]
assert w['level'] == 'warning' and w['months'] == 3 and w['first_month'] == '2025-09', w
assert w['lapses_on'] == '2025-12-15', w
assert w['amount'] == (8400 if w['nik'] in mid else 16800) + 2 * 16800, w
assert r['workers_in_arrears'] == n + 1, r   # the dead worker owes September only" \
    "$(last_json)" "$workers_nov" "$work/planted.json"
  expect "$label: the arrears workbook is an xlsx" python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).testzip()" "$work/tunggakan.xlsx"

  local total_sep
  total_sep=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['total'])" "$work/bill-sep.json")
  local rupiah_sep
  rupiah_sep=$(python3 -c "import sys; print('Rp ' + f'{int(sys.argv[1]):,}'.replace(',', '.'))" "$total_sep")
  check "$label: pay September" 0 "$jaring" payment add --program "$program" --period 2025-09 \
    --amount "$rupiah_sep" --date 2025-11-18 --reference "SP2D-0917/2025" --as operator.pasuruan \
    --db "$db" --json
  expect "$label: ... recorded against September's bill" python3 -c "import json,sys
r = json.loads(sys.argv[1]); assert r['amount'] == int(sys.argv[2]) and r['funding_source'] == 'DBHCHT', r
assert r['repeated'] is False, r" "$(last_json)" "$total_sep"
  check "$label: the same payment again" 0 "$jaring" payment add --program "$program" \
    --period 2025-09 --amount "$total_sep" --date 2025-11-18 --reference "SP2D-0917/2025" \
    --db "$db" --json
  expect "$label: ... is not counted twice" test "$(json_field repeated)" = True
  check "$label: the reference for another payment is exit 4" 4 "$jaring" payment add \
    --program "$program" --period 2025-10 --amount 16800 --date 2025-11-18 \
    --reference "SP2D-0917/2025" --db "$db"
  check "$label: paying more than owed is exit 5" 5 "$jaring" payment add --program "$program" \
    --period 2025-09 --amount 16800 --date 2025-11-19 --reference "SP2D-0918/2025" --db "$db"
  check "$label: a month not billed is exit 5" 5 "$jaring" payment add --program "$program" \
    --period 2025-12 --amount 16800 --date 2025-11-19 --reference "SP2D-0919/2025" --db "$db"
  check "$label: a payment dated in the future is exit 2" 2 "$jaring" payment add \
    --program "$program" --period 2025-10 --amount 16800 --date 2099-01-01 \
    --reference "SP2D-0920/2025" --db "$db"
  check "$label: an amount that is not rupiah is exit 2" 2 "$jaring" payment add \
    --program "$program" --period 2025-10 --amount "16,8" --date 2025-11-19 \
    --reference "SP2D-0921/2025" --db "$db"
  check "$label: a verifier may not pay" 6 "$jaring" payment add --program "$program" \
    --period 2025-10 --amount 16800 --date 2025-11-19 --reference "SP2D-0922/2025" \
    --as verif.pasuruan --db "$db"
  local total_okt
  total_okt=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['total'])" "$bill_okt")
  check "$label: pay October" 0 "$jaring" payment add --program "$program" --period 2025-10 \
    --amount "$total_okt" --date 2025-11-19 --reference "SP2D-1017/2025" --db "$db" --json
  check "$label: arrears after paying" 0 "$jaring" payment arrears --program "$program" \
    --as-of 2025-11-20 --db "$db" --json
  expect "$label: one month behind now, no warnings" python3 -c "import json,sys
r = json.loads(sys.argv[1]); n = int(sys.argv[2])
assert [m['state'] for m in r['months']] == ['paid', 'paid', 'overdue'], r['months']
assert r['warnings'] == 0 and r['workers_in_arrears'] == n, r
assert r['workers'][0]['level'] == 'arrears' and r['workers'][0]['months'] == 1, r" \
    "$(last_json)" "$workers_nov"
  check "$label: payment list" 0 "$jaring" payment list --program "$program" --db "$db" --json
  expect "$label: ... two payments" python3 -c "import json,sys
r = json.loads(sys.argv[1]); assert len(r['payments']) == 2, r" "$(last_json)"
}
