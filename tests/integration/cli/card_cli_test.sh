#!/usr/bin/env bash
# Membership cards from the command line (issue 14, item 4): the demo's roster imported,
# September 2025 settled, a program enrolled and answered (as enrol_cli_test.sh does), then the
# cards issued as A4 sheets of ten: the PDF holds each name, masked NIK and KPJ and never a full
# NIK; the signing key sits outside the database (0600) with its public half beside it; a token
# verifies with the database and offline with only the public key, a tampered one does not, the
# period's end expires it, a re-issue revokes the earlier card, and the worker's death revokes
# the card. On SQLite and (when JARING_TEST_PG is set) PostgreSQL.
#   card_cli_test.sh PATH/TO/jaring
set -uo pipefail
answer_tool="$(cd "$(dirname "$0")" && pwd)/enrol_answer.py"
source "$(dirname "$0")/lib.sh"
cli_test_setup card "$1"

last_json() { tail -1 "$work/out"; }
json_field() { last_json | python3 -c "import json,sys
v = json.load(sys.stdin)
for k in sys.argv[1].split('.'): v = v[int(k)] if isinstance(v, list) else v[k]
print(v)" "$1"; }

check "demo files" 0 "$jaring" demo --regency 35.14 --workers 400 --seed 11 --out "$work/demo"

run_on() {  # run_on LABEL DB_URL SQL_COMMAND...
  local label=$1 db=$2
  shift 2
  local sql=("$@")
  export JARING_DATA_DIR="$work/data-$label"
  check "$label: operator" 0 "$jaring" user add operator.pasuruan --role operator --scope 35.14 \
    --db "$db"
  check "$label: verifier" 0 "$jaring" user add verif.pasuruan --role verifikator --scope 35.14 \
    --db "$db"
  check "$label: auditor" 0 "$jaring" user add auditor.pasuruan --role auditor --scope 35.14 \
    --db "$db"
  check "$label: roster" 0 "$jaring" import "$work/demo/roster.csv" --regency 35.14 \
    --source "Demo Pasuruan" --source-kind village --db "$db" --json
  check "$label: program add" 0 "$jaring" program add --regency 35.14 \
    --name "Perlindungan pekerja rentan DBHCHT 2025" --funding DBHCHT --budget 2800000000 \
    --from 2025-09 --to 2025-12 --quota 23 --age-max 60 --as operator.pasuruan --db "$db" --json
  local program
  program=$(json_field id)
  check "$label: verval run" 0 "$jaring" verval run --regency 35.14 --period 2025-09 --db "$db"
  check "$label: decide all" 0 "$jaring" verval decide --regency 35.14 --period 2025-09 --all \
    --accept --reason "diperiksa bersama desa" --as verif.pasuruan --db "$db"
  check "$label: settle" 0 "$jaring" verval settle --regency 35.14 --period 2025-09 \
    --as verif.pasuruan --minutes "$work/ba.pdf" --db "$db" --json
  check "$label: enrol batch" 0 "$jaring" enrol batch --program "$program" --period 2025-09 \
    --out "$work/b.xlsx" --as operator.pasuruan --db "$db" --json
  local batch sent
  batch=$(json_field batch)
  sent=$(json_field workers)
  expect "$label: the quota binds" test "$sent" -eq 23
  check "$label: enrol approve" 0 "$jaring" enrol approve "$batch" --as verif.pasuruan --db "$db"
  python3 "$answer_tool" "$work/b.xlsx" "$work/a.csv" --rejected 1 >"$work/planted.json"
  check "$label: enrol answer" 0 "$jaring" enrol answer "$work/a.csv" --program "$program" \
    --as operator.pasuruan --db "$db" --json
  local covered
  covered=$(json_field coverage_started)
  expect "$label: 22 covered (23 sent, 1 rejected)" test "$covered" -eq $((sent - 1))

  # Printing shows persons: an auditor (no export, no enrolment) may not.
  check "$label: an auditor may not print cards" 6 "$jaring" card issue --program "$program" \
    --out "$work/no.pdf" --as auditor.pasuruan --db "$db"
  expect "$label: ... and nothing was written" test ! -e "$work/no.pdf"
  check "$label: card issue" 0 "$jaring" card issue --program "$program" --out "$work/cards.pdf" \
    --as operator.pasuruan --db "$db" --json
  cp "$work/out" "$work/issued.json"
  expect "$label: a card for each covered worker" test "$(json_field cards)" -eq "$covered"
  expect "$label: three A4 pages of ten" python3 -c "import re,sys
pages = int(re.search(r'Pages:\s+(\d+)', sys.stdin.read()).group(1)); assert pages == 3, pages" \
    < <(pdfinfo "$work/cards.pdf")
  expect "$label: the pages are A4" grep -q "595.276 x 841.89 pts" < <(pdfinfo "$work/cards.pdf")

  # The key: outside the database, private, its public half beside it and published.
  expect "$label: the secret key is 0600" test "$(stat -c %a "$JARING_DATA_DIR/card-signing.key")" = 600
  check "$label: card key" 0 "$jaring" card key --db "$db" --json
  expect "$label: ... the published key is the file's" test "$(json_field public_key)" = \
    "$(cat "$JARING_DATA_DIR/card-signing.pub")"

  # The PDF: each card's name, masked NIK and KPJ; no full NIK anywhere.
  pdftotext -layout "$work/cards.pdf" "$work/cards.txt"
  "${sql[@]}" "SELECT w.id, w.name, w.nik, c.kpj FROM workers w JOIN coverage_periods c ON c.worker_id = w.id WHERE c.program_id = $program ORDER BY w.id" >"$work/people.txt"
  expect "$label: names, masked NIKs and KPJs printed, full NIKs never" python3 - "$work/people.txt" "$work/cards.txt" <<'PY'
import sys
people = [l.split("|") for l in open(sys.argv[1]).read().splitlines() if l.strip()]
text = open(sys.argv[2]).read()
assert len(people) == 22, len(people)
flat = " ".join(text.split())
for wid, name, nik, kpj in people:
    assert " ".join(name.split()) in flat, name
    assert kpj in flat, kpj
    assert nik not in text, "full NIK printed"
    assert nik[:4] + "*" * 12 in flat, nik[:4]
PY

  local token worker other
  token=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['items'][0]['token'])" "$work/issued.json")
  worker=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['items'][0]['worker_id'])" "$work/issued.json")
  other=$(python3 -c "import json,sys; i=json.load(open(sys.argv[1]))['items'][1]; print(i['worker_id'], i['token'])" "$work/issued.json")
  check "$label: card verify" 0 "$jaring" card verify "$token" --on 2025-10-15 --db "$db" --json
  expect "$label: ... valid, initials and the period only" python3 -c "import json,sys
r = json.loads(sys.argv[1]); assert list(r)[:3] == ['valid', 'status', 'period'], r
assert r['valid'] is True and r['status'] == 'valid', r
assert r['period'] == 'September 2025 \u2013 Desember 2025', r
assert r['initials'].endswith('.') and r['registry_checked'] is True, r" "$(last_json)"
  expect "$label: the token holds no NIK" python3 - "$token" "$work/people.txt" <<'PY'
import base64, sys
payload = base64.urlsafe_b64decode(sys.argv[1].split(".")[0] + "==").decode()
for line in open(sys.argv[2]):
    wid, name, nik, kpj = line.rstrip("\n").split("|")
    assert nik not in payload and kpj not in payload and name not in payload, payload
PY
  check "$label: offline with the public key" 0 "$jaring" card verify "$token" \
    --key "$JARING_DATA_DIR/card-signing.pub" --on 2025-10-15 --json
  expect "$label: ... says the registry was not checked" test "$(json_field registry_checked)" = False
  check "$label: offline after the period: expired, exit 5" 5 "$jaring" card verify "$token" \
    --key "$JARING_DATA_DIR/card-signing.pub" --on 2026-01-01 --json
  expect "$label: ... status expired" test "$(json_field status)" = expired
  local tampered
  tampered=$(python3 -c "import sys; t = sys.argv[1]; i = 7; print(t[:i] + ('A' if t[i] != 'A' else 'B') + t[i+1:])" "$token")
  check "$label: a tampered token is exit 2" 2 "$jaring" card verify "$tampered" --db "$db" --json
  expect "$label: ... not valid" test "$(json_field valid)" = False
  check "$label: a truncated token is exit 2" 2 "$jaring" card verify "${token:0:60}" \
    --key "$JARING_DATA_DIR/card-signing.pub"

  # Re-issued: the earlier card of that worker is revoked, the new one holds.
  check "$label: re-issue one card" 0 "$jaring" card issue --program "$program" \
    --worker "${other%% *}" --single --out "$work/one.pdf" --db "$db" --json
  expect "$label: ... its second card" test "$(json_field items.0.serial)" -eq 2
  expect "$label: ... one card-sized page" grep -q "242.646 x 153.071 pts" < <(pdfinfo "$work/one.pdf")
  check "$label: the earlier card is revoked, exit 5" 5 "$jaring" card verify "${other#* }" \
    --on 2025-10-15 --db "$db" --json
  expect "$label: ... as re-issued" test "$(json_field reason)" = reissued

  # The worker dies: the card shows revoked.
  "${sql[@]}" "UPDATE workers SET status = 'meninggal' WHERE id = $worker" >/dev/null
  check "$label: the dead worker's card is exit 5" 5 "$jaring" card verify "$token" --on 2025-10-15 \
    --db "$db" --json
  expect "$label: ... revoked, died" python3 -c "import json,sys
r = json.loads(sys.argv[1]); assert r['valid'] is False and r['status'] == 'revoked', r
assert r['reason'] == 'died', r" "$(last_json)"
  check "$label: list" 0 "$jaring" card list --program "$program" --db "$db" --json
  expect "$label: ... 23 cards, one revoked" python3 -c "import json,sys
items = json.loads(sys.argv[1])['items']; assert len(items) == 23, len(items)
assert sum(1 for i in items if i['revoke_reason'] == 'reissued') == 1, items" "$(last_json)"
  check "$label: audit chain verifies" 0 "$jaring" audit verify --db "$db"
}

run_on sqlite "sqlite:$work/cards.db" sqlite3 "$work/cards.db"
if [[ -n "${JARING_TEST_PG:-}" ]]; then
  schema="card_cli_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  pg_sql() { PGOPTIONS="-c search_path=$schema" psql "$JARING_TEST_PG" -qAt -F '|' -c "$1"; }
  run_on postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema" pg_sql
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
finish "card CLI"
