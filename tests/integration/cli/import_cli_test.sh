#!/usr/bin/env bash
# `jaring import` as operators and scripts run it (issue 4): the --json contract, dry run,
# re-import, quarantine report, exit codes; on SQLite and (when JARING_TEST_PG is set)
# PostgreSQL. Prints one line per check and "N passed, N failed".
#   import_cli_test.sh PATH/TO/jaring
set -uo pipefail
data=$(realpath "$(dirname "$0")/../../data")
source "$(dirname "$0")/lib.sh"
cli_test_setup import-cli "$1"
field() {  # field FILE KEY: a top-level number of the JSON object in FILE
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}
# The exact contract: one line, one object, these keys in this order, counts that add up.
json_contract() {
  python3 - "$1" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
o = json.loads(lines[0])
assert list(o) == ["read", "accepted", "quarantined", "updated", "unchanged", "merged", "issues"], list(o)
assert all(isinstance(o[k], int) and o[k] >= 0 for k in list(o)[:5])
assert o["quarantined"] + o["accepted"] + o["unchanged"] + o["merged"] == o["read"], o
assert all(isinstance(v, int) and v > 0 for v in o["issues"].values())
PY
}

check "demo roster" 0 "$jaring" demo --regency 35.14 --workers 2000 --seed 3 --out "$work/demo"
roster="$work/demo/roster.csv"
db="sqlite:$work/import.db"
opts=(--regency 35.14 --source "Dinas Pertanian")

check "dry run" 0 "$jaring" import "$roster" "${opts[@]}" --db "$db" --dry-run --json
expect "dry run prints the JSON contract" json_contract "$work/out"
cp "$work/out" "$work/dry.json"
expect "dry run writes no quarantine report" test ! -e "$work/demo/roster.karantina.xlsx"

check "import --json" 0 "$jaring" import "$roster" "${opts[@]}" --db "$db" --json
expect "import prints the JSON contract" json_contract "$work/out"
expect "nothing on stderr in a pipe (no progress bar)" test ! -s "$work/err"
cp "$work/out" "$work/first.json"
expect "read = 2000" test "$(field "$work/first.json" read)" -eq 2000
expect "some rows quarantined (planted bad NIKs)" test "$(field "$work/first.json" quarantined)" -gt 0
expect "dry run wrote nothing: the real import inserts what the dry run counted" \
  test "$(field "$work/first.json" accepted)" -eq "$(field "$work/dry.json" accepted)" -a \
  "$(field "$work/first.json" unchanged)" -eq 0
expect "quarantine report beside the input" test -s "$work/demo/roster.karantina.xlsx"
expect "quarantine report is an xlsx with one row per quarantined row" python3 - \
  "$work/demo/roster.karantina.xlsx" "$(field "$work/first.json" quarantined)" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
rows = len(re.findall(r"<row ", sheet))
assert rows == int(sys.argv[2]) + 1, (rows, sys.argv[2])  # + header
PY

check "re-import" 0 "$jaring" import "$roster" "${opts[@]}" --db "$db" --json
expect "re-import changes nothing" test "$(field "$work/out" accepted)" -eq 0 -a \
  "$(field "$work/out" updated)" -eq 0 -a \
  "$(field "$work/out" unchanged)" -eq "$(field "$work/first.json" accepted)"

# A corrected file: one accepted worker's name changed.
python3 - "$roster" "$work/corrected.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
cells = lines[1].split(",")
cells[3] = "Nama Pembetulan"
lines[1] = ",".join(cells)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
PY
check "corrected file" 0 "$jaring" import "$work/corrected.csv" "${opts[@]}" --db "$db" --json
expect "corrected file updates one row" test "$(field "$work/out" updated)" -eq 1 -a \
  "$(field "$work/out" accepted)" -eq 1

check "human summary" 0 "$jaring" import "$roster" "${opts[@]}" --db "$db" \
  --quarantine-report "$work/k.xlsx"
expect "summary is Indonesian" grep -q 'dibaca' "$work/out"
expect "summary names the report" grep -q "$work/k.xlsx" "$work/out"
expect "explicit report path written" test -s "$work/k.xlsx"

check "messy village list" 0 "$jaring" import "$data/intake/messy_village_list.csv" \
  --regency 35.14 --source "Desa Lebakrejo" --source-kind village --db "$db" --json \
  --quarantine-report "$work/messy.xlsx"
expect "messy list counts as expected" python3 - "$work/out" \
  "$data/intake/messy_village_list.expected.json" <<'PY'
import json, sys
got, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for k in ("read", "accepted", "quarantined", "issues"):
    assert got[k] == want[k], (k, got[k], want[k])
PY

# A village's list as villages type them: title lines above the header (without the file's
# separator), a line of separators only, NIKs with an apostrophe, in digit groups and with a
# trailing space, "Tempat, Tgl Lahir" in one column, a total row at the end; no village column,
# so the village comes from --source ("Desa Gerbo") or --village given by name.
titled="$data/intake/village_list_with_titles.csv"
check "titled village list, village from --source" 0 "$jaring" import "$titled" --regency 35.14 \
  --source "Desa Gerbo" --source-kind village --db "$db" --dry-run --json
expect "titled list: three workers, the total row quarantined" python3 - "$work/out" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
assert (o["read"], o["accepted"], o["quarantined"]) == (4, 3, 1), o
assert o["issues"] == {"SUMMARY_ROW": 1}, o["issues"]
PY
check "village by name and district" 0 "$jaring" import "$titled" --regency 35.14 --source "Dinas Sosial" \
  --village "Gerbo, Purwodadi" --db "$db" --dry-run --json
expect "village by name: three workers" test "$(field "$work/out" accepted)" -eq 3
check "ambiguous village name is exit 2" 2 "$jaring" import "$titled" --regency 35.14 --source "Dinas Sosial" \
  --village "Wonorejo" --db "$db" --dry-run --json
expect "ambiguous village names both districts" grep -q 'Lumbang.*Wonorejo' "$work/err"

check "missing file is exit 2" 2 "$jaring" import "$work/nope.csv" "${opts[@]}" --db "$db"
expect "missing file message" grep -q 'tidak ditemukan' "$work/err"
printf 'Nama,Alamat\nBudi,Dusun Krajan\n' >"$work/no_nik.csv"
check "missing NIK column is exit 2" 2 "$jaring" import "$work/no_nik.csv" "${opts[@]}" --db "$db"
expect "missing column message names NIK" grep -q 'NIK' "$work/err"
check "missing --regency is a usage error" 2 "$jaring" import "$roster" --source x --db "$db"
check "unknown regency is exit 2" 2 "$jaring" import "$roster" --regency 99.99 --source x --db "$db"
check "bad source kind is exit 2" 2 "$jaring" import "$roster" "${opts[@]}" --source-kind kota --db "$db"

if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="impcli_$$_$RANDOM"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  pg="$JARING_TEST_PG?options=-csearch_path%3D$schema"
  check "postgresql import" 0 "$jaring" import "$roster" "${opts[@]}" --db "$pg" --json \
    --quarantine-report "$work/pg.xlsx"
  expect "postgresql JSON contract" json_contract "$work/out"
  expect "postgresql counts equal SQLite's" diff "$work/out" "$work/first.json"
  check "postgresql re-import" 0 "$jaring" import "$roster" "${opts[@]}" --db "$pg" --json \
    --quarantine-report "$work/pg.xlsx"
  expect "postgresql re-import unchanged" test "$(field "$work/out" unchanged)" -eq \
    "$(field "$work/first.json" accepted)"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi

finish "import cli"
