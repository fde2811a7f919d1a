#!/usr/bin/env bash
# `jaring claim quote` exactly as issue 15 writes it: the two "Done when" deaths (the second month
# of membership pays Rp 10.000.000; more than three years with two children in school pay
# Rp 42.000.000 and the scholarship items), a JKK death, the readable summary, a benefits version
# added by the province administrator from July 2026 and events on both sides of it, the built-in
# defaults when no database exists (and none is created), and malformed input refused with exit
# 2. On SQLite and (when JARING_TEST_PG is set) PostgreSQL.
#   claim_quote_cli_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test_setup claim_quote "$1"

last_json() { tail -1 "$work/out"; }
# Asserts on the last stdout line's JSON object q: json_assert 'PYTHON ASSERTION'.
json_assert() { python3 -c "import json,sys; q=json.loads(sys.argv[2]); $1" "$1" "$(last_json)"; }

# The built-in benefits with the JKM lump sum raised to Rp 30.000.000 from 1 July 2026.
cat >"$work/benefits-2026.json" <<'JSON'
{"jaring_policy": 1, "versions": [{"family": "benefits", "effective_from": "2026-07-01",
  "legal_reference": "PP uji 3/2026", "certainty": "confirmed",
  "rules": {
    "jkm": {"lump_sum": 30000000, "periodic": 12000000, "periodic_months": 24, "funeral": 10000000},
    "early_death": {"membership_months": 3, "compensation": 8000000, "funeral": 2000000},
    "scholarship": {"min_paid_months": 36, "max_children": 2, "max_age_exclusive": 23,
      "levels": [{"level": "tk_sd", "per_year": 1500000}, {"level": "smp", "per_year": 2000000},
                 {"level": "sma", "per_year": 3000000},
                 {"level": "perguruan_tinggi", "per_year": 12000000}],
      "ceiling": 174000000},
    "jkk": {"death_income_multiple": 48, "death_at_least_jkm": true, "death_funeral": 10000000,
      "death_periodic": 12000000, "stmb_full_rate_bp": 10000, "stmb_full_months": 12,
      "stmb_after_rate_bp": 5000, "total_disability_rate_bp": 7000,
      "total_disability_income_multiple": 80, "report_within_hours": 48,
      "claim_lapse_years": 5}}}]}
JSON

quote() { "$jaring" claim quote "$@"; }

run_on() {  # run_on LABEL DB_URL
  local label=$1 db=$2
  check "$label: province administrator" 0 "$jaring" user add admin.jatim --role admin_provinsi \
    --scope 35 --db "$db"

  # Done when (1): a death in the second month of membership.
  check "$label: death in the second month" 0 quote --kind jkm --member-since 2025-09-01 \
    --event 2025-10-15 --db "$db" --json
  expect "$label: Rp 10.000.000, compensation and funeral" json_assert "
assert q['eligible'] is True and q['total'] == 10000000, q
assert [i['rule'] for i in q['items']] == ['early_death.compensation', 'early_death.funeral'], q
assert [i['amount'] for i in q['items']] == [8000000, 2000000], q
assert q['membership_months'] == 1 and q['paid_months'] == 1, q
assert list(q) == ['eligible', 'total', 'items', 'reason', 'membership_months', 'paid_months',
                   'legal_reference', 'version_from'], list(q)
assert list(q['items'][0]) == ['name', 'amount', 'rule', 'detail'], q
assert q['version_from'] == '2025-01-01' and 'PP 82/2019' in q['legal_reference'], q
assert '3 bulan pertama' in q['reason'], q"

  # Done when (2): covered more than three years, two children in school.
  check "$label: covered more than three years, two children" 0 quote --kind jkm \
    --member-since 2022-01-01 --event 2025-09-24 --children-in-school 2 --child-levels smp,sma \
    --db "$db" --json
  expect "$label: Rp 42.000.000 plus the scholarship" json_assert "
rules = [i['rule'] for i in q['items']]
assert rules == ['jkm.lump_sum', 'jkm.periodic', 'jkm.funeral', 'scholarship.child',
                 'scholarship.child'], rules
assert sum(i['amount'] for i in q['items'][:3]) == 42000000, q
assert [i['amount'] for i in q['items'][3:]] == [2000000, 3000000], q
assert q['total'] == 47000000 and q['paid_months'] == 44, q
assert all('Rp 174.000.000' in i['detail'] for i in q['items'][3:]), q
assert all(isinstance(i['amount'], int) for i in q['items']) and isinstance(q['total'], int), q"
  check "$label: 35 paid months: no scholarship" 0 quote --kind jkm --member-since 2022-01-01 \
    --event 2025-09-24 --paid-months 35 --children-in-school 2 --db "$db" --json
  expect "$label: Rp 42.000.000 only, the reason says why" json_assert "
assert q['total'] == 42000000 and len(q['items']) == 3, q
assert 'Beasiswa belum berhak: 35 bulan' in q['reason'], q"
  check "$label: readable summary" 0 quote --kind jkm --member-since 2025-09-01 \
    --event 2025-10-15 --db "$db"
  expect "$label: amounts the Indonesian way" grep -q "Rp 10.000.000" "$work/out"
  expect "$label: dates the Indonesian way" grep -q "15 Oktober 2025" "$work/out"

  # A work accident.
  check "$label: JKK death" 0 quote --kind jkk --member-since 2025-01-01 --event 2025-09-24 \
    --income 2000000 --outcome death --as-of 2025-10-01 --db "$db" --json
  expect "$label: 48 x income + funeral + periodic" json_assert "
assert q['total'] == 96000000 + 22000000, q
assert q['items'][0]['rule'] == 'jkk.death_compensation', q
assert q['items'][0]['detail'].startswith('48 × Rp 2.000.000 = Rp 96.000.000'), q"
  check "$label: JKK injury" 0 quote --kind jkk --member-since 2025-01-01 --event 2025-09-24 \
    --income 2000000 --outcome injury --unable-months 14 --as-of 2025-10-01 --db "$db" --json
  expect "$label: care without a ceiling and 14 months of STMB" json_assert "
assert [i['rule'] for i in q['items']] == ['jkk.medical_care', 'jkk.stmb_full', 'jkk.stmb_after'], q
assert q['total'] == 26000000 and q['items'][0]['amount'] == 0, q"
  check "$label: a lapsed JKK claim is a quote" 0 quote --kind jkk --member-since 2025-01-01 \
    --event 2025-02-01 --as-of 2030-02-02 --db "$db" --json
  expect "$label: not eligible, lapsed" json_assert "
assert q['eligible'] is False and q['total'] == 0 and 'kedaluwarsa' in q['reason'], q
assert '1 Februari 2030' in q['reason'], q"
  check "$label: the last day of the claim" 0 quote --kind jkk --member-since 2025-01-01 \
    --event 2025-02-01 --as-of 2030-02-01 --db "$db" --json
  expect "$label: still eligible" json_assert "assert q['eligible'] is True, q"
  check "$label: an event before membership is a quote" 0 quote --kind jkm \
    --member-since 2025-09-01 --event 2025-08-31 --db "$db" --json
  expect "$label: not eligible, before membership" json_assert "
assert q['eligible'] is False and q['total'] == 0 and q['items'] == [], q
assert 'sebelum kepesertaan dimulai' in q['reason'], q"

  # A policy change between two events: the built-in version, then one from July 2026.
  check "$label: before the change is stored" 0 quote --kind jkm --member-since 2022-01-01 \
    --event 2026-07-01 --db "$db" --json
  expect "$label: the built-in Rp 42.000.000" json_assert "assert q['total'] == 42000000, q"
  check "$label: policy add" 0 "$jaring" policy add "$work/benefits-2026.json" --as admin.jatim \
    --db "$db"
  check "$label: the day before the change" 0 quote --kind jkm --member-since 2022-01-01 \
    --event 2026-06-30 --db "$db" --json
  expect "$label: Rp 42.000.000 under the 2025 version" json_assert "
assert q['total'] == 42000000 and q['version_from'] == '2025-01-01', q"
  check "$label: the day of the change" 0 quote --kind jkm --member-since 2022-01-01 \
    --event 2026-07-01 --db "$db" --json
  expect "$label: Rp 52.000.000 under the 2026 version" json_assert "
assert q['total'] == 52000000 and q['version_from'] == '2026-07-01', q
assert q['legal_reference'] == 'PP uji 3/2026' and q['items'][0]['amount'] == 30000000, q"

  # Malformed input: exit 2 with a reason; no version in force: exit 3.
  local base=(--member-since 2025-01-01 --event 2025-09-24 --db "$db")
  check "$label: unknown kind" 2 quote --kind jht "${base[@]}"
  expect "$label: kind message" grep -q "jkm atau jkk" "$work/err"
  check "$label: bad event date" 2 quote --kind jkm --member-since 2025-01-01 --event 24-09-2025 \
    --db "$db"
  expect "$label: date message" grep -q "YYYY-MM-DD" "$work/err"
  check "$label: an event date that does not exist" 2 quote --kind jkm \
    --member-since 2025-01-01 --event 2025-02-30 --db "$db"
  check "$label: missing --event" 2 quote --kind jkm --member-since 2025-01-01 --db "$db"
  check "$label: negative paid months" 2 quote --kind jkm "${base[@]}" --paid-months=-1
  check "$label: more paid months than membership" 2 quote --kind jkm "${base[@]}" \
    --paid-months 10
  check "$label: unknown level" 2 quote --kind jkm "${base[@]}" --children-in-school 1 \
    --child-levels s2
  expect "$label: level message lists the levels" grep -q "tk_sd, smp, sma" "$work/err"
  check "$label: more levels than children" 2 quote --kind jkm "${base[@]}" --child-levels smp
  check "$label: income zero" 2 quote --kind jkk "${base[@]}" --income 0
  check "$label: income not a number" 2 quote --kind jkk "${base[@]}" --income sejuta
  check "$label: unknown outcome" 2 quote --kind jkk "${base[@]}" --outcome cacat
  check "$label: no benefits version in 2024" 3 quote --kind jkm --member-since 2024-01-01 \
    --event 2024-12-31 --db "$db"
}

# Without a database the built-in policy answers, and no database is created.
check "no database: built-in defaults" 0 env -u JARING_DB "$jaring" claim quote --kind jkm \
  --member-since 2022-01-01 --event 2026-07-01 --json
expect "no database: Rp 42.000.000" json_assert "assert q['total'] == 42000000, q"
expect "no database: none created" test ! -e "$work/var/jaring.db"

run_on sqlite "sqlite:$work/claim.db"
if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="claim_quote_cli_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  run_on postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
finish claim_quote_cli
