#!/usr/bin/env bash
# Programs and rule versions from the command line, exactly as issue 13 writes the commands: the
# Pasuruan program (Rp 2.800.000.000 DBHCHT, September-December 2025, 28.448 workers at
# Rp 16.800) created, simulated (the JSON numbers checked), revised with a PAK and simulated
# again; the six-month reading of docs/domain.md with its Rp 67.558.400 shortfall; bad input
# refused with exit 2 or 5 and nothing stored; a policy file added (the built-in defaults stored
# first), refused when it overlaps, and shown. On SQLite and (when JARING_TEST_PG is set)
# PostgreSQL.
#   program_cli_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test_setup program "$1"

last_json() { tail -1 "$work/out"; }
# A field of the last stdout line's JSON object: json_field PATH (e.g. budget_lines.1.decree).
json_field() { last_json | python3 -c "import json,sys
v = json.load(sys.stdin)
for k in sys.argv[1].split('.'): v = v[int(k)] if isinstance(v, list) else v[k]
print(v)" "$1"; }

cat >"$work/policy-2026.json" <<'JSON'
{"jaring_policy": 1, "versions": [{"family": "contribution", "effective_from": "2026-07-01",
  "legal_reference": "PP uji 1/2026", "certainty": "uncertain",
  "rules": {"brackets": [{"income_up_to": 1000000, "basis": 1000000}, {"income_up_to": 20700000}],
            "jkk_rate_bp": 100, "jkm_amount": 8000, "jht_rate_bp": 200}}]}
JSON

run_on() {  # run_on LABEL DB_URL
  local label=$1 db=$2
  check "$label: province administrator" 0 "$jaring" user add admin.jatim --role admin_provinsi \
    --scope 35 --db "$db"
  check "$label: regency operator" 0 "$jaring" user add operator.pasuruan --role operator \
    --scope 35.14 --db "$db"
  check "$label: pimpinan" 0 "$jaring" user add pimpinan.pasuruan --role pimpinan --scope 35.14 \
    --db "$db"

  check "$label: program add" 0 "$jaring" program add --regency 35.14 \
    --name "Perlindungan pekerja rentan DBHCHT 2025" --funding DBHCHT --budget 2800000000 \
    --from 2025-09 --to 2025-12 --quota 28448 --as operator.pasuruan --db "$db" --json
  local id
  id=$(json_field id)
  expect "$label: add prints {\"id\":N}" test "$(last_json)" = "{\"id\":$id}"

  check "$label: simulate" 0 "$jaring" program simulate "$id" --db "$db" --json
  expect "$label: Pasuruan numbers" python3 -c "import json,sys; s=json.loads(sys.argv[1])
assert s['monthly_cost'] == 477926400, s
assert s['whole_months'] == 5 and s['covered_until'] == '2026-01', s
assert s['workers_until_end'] == 41666, s
assert s['shortfall'] == 0 and s['surplus'] == 888294400, s
assert s['left'] == 410368000 and s['shortfall_next_month'] == 67558400, s
assert s['next_month'] == '2026-02' and s['workers'] == 28448, s
assert all(isinstance(v, int) for k, v in s.items() if k not in ('covered_until', 'next_month', 'from', 'to', 'workers_basis')), s
assert list(s)[:5] == ['monthly_cost', 'whole_months', 'covered_until', 'workers_until_end', 'shortfall'], list(s)" \
    "$(last_json)"
  check "$label: simulate 45.000 workers from November" 0 "$jaring" program simulate "$id" \
    --workers 45000 --from 2025-11 --db "$db" --json
  expect "$label: from November" test "$(json_field cost_until_end)" -eq 1512000000
  # A PAK priced: Probolinggo's 6.250 more workers (18.000 -> 24.250) from October to December.
  check "$label: simulate a PAK" 0 "$jaring" program simulate "$id" --add-workers 6250 \
    --add-from 2025-10 --db "$db" --json
  expect "$label: PAK cost 6.250 x Rp 16.800 x 3 months" test "$(json_field pak.cost)" -eq 315000000
  expect "$label: PAK within the budget" test "$(json_field pak.shortfall)" -eq 0
  check "$label: a PAK before the simulated month is exit 2" 2 "$jaring" program simulate "$id" \
    --from 2025-11 --add-workers 10 --add-from 2025-10 --db "$db"
  check "$label: simulate for people" 0 "$jaring" program simulate "$id" --db "$db"
  expect "$label: amounts written the Indonesian way" grep -q "Rp 477.926.400" "$work/out"

  check "$label: revise (PAK)" 0 "$jaring" program revise "$id" --budget 3.200.000.000 \
    --decree "Perbup Pasuruan 88/2025" --date 2025-10-15 --as operator.pasuruan --db "$db"
  check "$label: show" 0 "$jaring" program show "$id" --db "$db" --json
  expect "$label: two budget lines, the newest current" test "$(json_field budget)" -eq 3200000000
  expect "$label: the original line kept" test "$(json_field budget_lines.0.amount)" -eq 2800000000
  expect "$label: the decree kept" test "$(json_field budget_lines.1.decree)" = \
    "Perbup Pasuruan 88/2025"
  check "$label: simulate after the PAK" 0 "$jaring" program simulate "$id" --db "$db" --json
  expect "$label: six whole months now" test "$(json_field whole_months)" -eq 6

  # July to December (docs/domain.md): six months cost Rp 2.867.558.400.
  check "$label: six-month program" 0 "$jaring" program add --regency 35.14 --name "Juli-Desember" \
    --funding DBHCHT=60,APBD=40 --budget 2800000000 --from 2025-07 --to 2025-12 --quota 28448 \
    --db "$db" --json
  local six
  six=$(json_field id)
  check "$label: simulate six months" 0 "$jaring" program simulate "$six" --db "$db" --json
  expect "$label: short of the period's end by Rp 67.558.400" test "$(json_field shortfall)" -eq 67558400
  expect "$label: covered until November" test "$(json_field covered_until)" = 2025-11

  # A PAK that also raises the quota (Probolinggo's 18.000 -> 24.250): the quota in force is the
  # PAK's, the program keeps the one it was created with, the simulator prices the new quota.
  check "$label: PAK with a quota" 0 "$jaring" program revise "$six" --budget 3.400.000.000 \
    --quota 30000 --decree "Perbup Pasuruan 90/2025" --date 2025-08-20 --db "$db" --json
  expect "$label: the PAK's answer names the quota" test "$(json_field quota)" -eq 30000
  check "$label: show after the quota PAK" 0 "$jaring" program show "$six" --db "$db" --json
  expect "$label: quota in force" test "$(json_field quota)" -eq 30000
  expect "$label: original quota kept" test "$(json_field original_quota)" -eq 28448
  expect "$label: the original line's quota" test "$(json_field budget_lines.0.quota)" -eq 28448
  expect "$label: the PAK line's quota" test "$(json_field budget_lines.1.quota)" -eq 30000
  check "$label: a budget-only PAK" 0 "$jaring" program revise "$six" --budget 3.500.000.000 \
    --decree "Perbup Pasuruan 91/2025" --date 2025-09-01 --db "$db" --json
  check "$label: show after the budget-only PAK" 0 "$jaring" program show "$six" --db "$db" --json
  expect "$label: the quota stays the PAK's" test "$(json_field quota)" -eq 30000
  expect "$label: the budget-only line sets no quota" test "$(json_field budget_lines.2.quota)" = None
  check "$label: simulate the new quota" 0 "$jaring" program simulate "$six" --db "$db" --json
  expect "$label: the simulator's workers are the quota in force" test "$(json_field workers)" -eq 30000
  check "$label: show for people" 0 "$jaring" program show "$six" --db "$db"
  expect "$label: the PAK's quota printed" grep -q "kuota 30.000" "$work/out"

  # Bad input: exit 2 (or 5), an Indonesian message, nothing stored.
  local common=(--regency 35.14 --name X --from 2025-09 --to 2025-12 --db "$db")
  check "$label: budget zero" 2 "$jaring" program add "${common[@]}" --funding DBHCHT --budget 0
  expect "$label: budget message in Indonesian" grep -q "Anggaran harus lebih dari Rp 0" "$work/err"
  check "$label: budget negative" 2 "$jaring" program add "${common[@]}" --funding DBHCHT --budget -5
  check "$label: period ends before it starts" 2 "$jaring" program add --regency 35.14 --name X \
    --funding DBHCHT --budget 1000 --from 2025-12 --to 2025-09 --db "$db"
  expect "$label: period message" grep -q "sebelum dimulai" "$work/err"
  check "$label: shares not 100 %" 2 "$jaring" program add "${common[@]}" \
    --funding DBHCHT=60,APBD=30 --budget 1000
  expect "$label: shares message" grep -q "100 %, bukan 90 %" "$work/err"
  check "$label: unknown funding source" 2 "$jaring" program add "${common[@]}" --funding APBN \
    --budget 1000
  check "$label: ages beyond the law" 2 "$jaring" program add "${common[@]}" --funding DBHCHT \
    --budget 1000 --age-min 10 --age-max 70
  check "$label: no contribution schedule in 2024" 5 "$jaring" program add --regency 35.14 \
    --name X --funding DBHCHT --budget 1000 --from 2024-09 --to 2025-02 --db "$db"
  check "$label: pimpinan may not add" 6 "$jaring" program add "${common[@]}" --funding DBHCHT \
    --budget 1000 --as pimpinan.pasuruan
  check "$label: revise with budget zero" 2 "$jaring" program revise "$id" --budget 0 \
    --decree X --date 2025-10-20 --db "$db"
  check "$label: revise with a bad date" 2 "$jaring" program revise "$id" --budget 10 \
    --decree X --date 20-10-2025 --db "$db"
  check "$label: revise with a negative quota" 2 "$jaring" program revise "$id" --budget 10 \
    --quota -5 --decree X --date 2025-10-20 --db "$db"
  expect "$label: quota message" grep -q "Kuota tidak boleh negatif" "$work/err"
  check "$label: revise an unknown program" 3 "$jaring" program revise 999999 --budget 10 \
    --decree X --date 2025-10-20 --db "$db"
  check "$label: simulate outside the period" 2 "$jaring" program simulate "$id" --from 2026-03 \
    --db "$db" --json
  check "$label: show after refusals" 0 "$jaring" program show "$id" --db "$db" --json
  expect "$label: still two budget lines" python3 -c "import json,sys
assert len(json.loads(sys.argv[1])['budget_lines']) == 2" "$(last_json)"
  check "$label: the next program gets the next id" 0 "$jaring" program add --regency 35.14 \
    --name "Berikutnya" --funding CSR --budget 1000000 --from 2026-01 --to 2026-01 --quota 10 \
    --db "$db" --json
  expect "$label: refused programs took no id" test "$(json_field id)" -eq $((six + 1))

  # Rule versions: shown (built in), added by the province administrator, refused twice.
  check "$label: policy show" 0 "$jaring" policy show --date 2025-10-01 --db "$db" --json
  expect "$label: four built-in versions" python3 -c "import json,sys
p = json.loads(sys.argv[1]); assert p['jaring_policy'] == 1 and len(p['versions']) == 4, p" \
    "$(cat "$work/out")"
  check "$label: operator may not add policy" 6 "$jaring" policy add "$work/policy-2026.json" \
    --as operator.pasuruan --db "$db"
  check "$label: policy add" 0 "$jaring" policy add "$work/policy-2026.json" --as admin.jatim \
    --db "$db"
  expect "$label: the defaults stored first" grep -q "4 versi kebijakan bawaan" "$work/out"
  check "$label: the same version again overlaps" 2 "$jaring" policy add \
    "$work/policy-2026.json" --as admin.jatim --db "$db"
  expect "$label: overlap message" grep -qi "tumpang tindih\|bertumpuk\|berlaku" "$work/err"
  check "$label: policy show after the change" 0 "$jaring" policy show --date 2026-08-01 \
    --db "$db" --json
  expect "$label: JKM Rp 8.000 from July 2026" python3 -c "import json,sys
p = json.loads(sys.argv[1]); c = [v for v in p['versions'] if v['family'] == 'contribution'][0]
assert c['effective_from'] == '2026-07-01' and c['rules']['jkm_amount'] == 8000, c" \
    "$(cat "$work/out")"
  check "$label: a missing policy file" 3 "$jaring" policy add "$work/nothing.json" --db "$db"
  check "$label: audit trail intact" 0 "$jaring" audit verify --db "$db"
}

run_on sqlite "sqlite:$work/program.db"
if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="program_cli_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  run_on postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
finish program_cli
