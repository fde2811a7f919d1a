#!/usr/bin/env bash
# Monitoring (issue 16) from the command line, on two regencies of the demo generator with
# persons planted in both: each regency's month imported, verified and settled, a program's
# batch answered, the bill paid; then `jaring coverage` for each regency and for the province,
# `jaring target set` and `jaring denominator set`, every figure compared with counts made here,
# from the demo's truth files and the files the test itself wrote (the plant of cross-regency
# persons, the branch's answer). On SQLite and (when JARING_TEST_PG is set) PostgreSQL.
#   monev_cli_test.sh PATH/TO/jaring
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
cli_test_setup monev "$1"

last_json() { tail -1 "$work/out"; }
period=2025-09

check "demo Pasuruan" 0 "$jaring" demo --regency 35.14 --workers 1500 --seed 5 --out "$work/a"
check "demo Probolinggo" 0 "$jaring" demo --regency 35.13 --workers 1200 --seed 9 --out "$work/b"
# Forty clean Pasuruan persons (no planted duplicate, death, membership or bad NIK) are also on
# Probolinggo's list, living there now: the same NIK, name and birth date.
check "plant cross-regency persons" 0 python3 - "$work/a" "$work/b" <<'EOF'
import csv, sys
a, b = sys.argv[1], sys.argv[2]
def ids(path, *cols):
    out = set()
    for r in csv.DictReader(open(path)):
        for c in cols:
            out.add(r[c])
    return out
troubled = (ids(a + "/truth/duplicates.csv", "id_a", "id_b") | ids(a + "/truth/deaths.csv", "roster_id")
            | ids(a + "/truth/members.csv", "roster_id") | ids(a + "/truth/bad_nik.csv", "roster_id"))
rows_a = list(csv.DictReader(open(a + "/roster.csv")))
with open(b + "/roster.csv") as f:
    reader = csv.DictReader(f)
    header, rows_b = reader.fieldnames, list(reader)
villages_b = sorted({r["village_code"] for r in rows_b})
clean = [r for r in rows_a if r["id"] not in troubled and 25 <= 2025 - int(r["birth_date"][:4]) <= 55]
chosen = clean[:40]
next_id = max(int(r["id"]) for r in rows_b) + 1
with open(b + "/roster.csv", "a", newline="") as f, open("cross.csv", "w", newline="") as t:
    w, tw = csv.DictWriter(f, fieldnames=header), csv.writer(t)
    tw.writerow(["id_a", "id_b"])
    for k, r in enumerate(chosen):
        moved = dict(r, id=str(next_id + k), village_code=villages_b[k % len(villages_b)])
        w.writerow(moved)
        tw.writerow([r["id"], moved["id"]])
EOF

# A JSON value: jget FILE PATH (dots; list indexes as numbers).
jget() { python3 -c "import json,sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split('.'): v = v[int(k)] if isinstance(v, list) else v[k]
print(json.dumps(v) if isinstance(v, (dict, list)) else v)" "$1" "$2"; }

settle_month() {  # settle_month LABEL DB REGENCY
  local label=$1 db=$2 regency=$3
  check "$label $regency: verval run" 0 "$jaring" verval run --regency "$regency" --period $period \
    --db "$db" --json
  cp "$work/out" "$work/run-$regency.json"
  if [[ $regency == 35.13 ]]; then
    # Probolinggo takes the first twenty doubly-registered persons off its list (Pasuruan
    # covers them) and keeps the others.
    local n=0
    for id in $($sql "SELECT id FROM verval_findings WHERE regency_code = '35.13' AND kind = 'other_regency' ORDER BY worker_id LIMIT 20"); do
      "$jaring" verval decide --regency 35.13 --period $period --finding "$id" --accept \
        --reason "dicakup Kab. Pasuruan" --as verif --db "$db" >/dev/null 2>&1 && n=$((n + 1))
    done
    expect "$label: twenty taken off Probolinggo's list" test "$n" -eq 20
    check "$label: keep the other doubles" 0 "$jaring" verval decide --regency 35.13 \
      --period $period --kind other_regency --reject --reason "tetap di daftar" --as verif --db "$db"
  else
    check "$label: Pasuruan keeps its doubles" 0 "$jaring" verval decide --regency 35.14 \
      --period $period --kind other_regency --reject --reason "tetap di daftar" --as verif --db "$db"
  fi
  check "$label $regency: decide the rest" 0 "$jaring" verval decide --regency "$regency" \
    --period $period --all --accept --reason "diperiksa bersama desa" --as verif --db "$db"
  check "$label $regency: settle" 0 "$jaring" verval settle --regency "$regency" --period $period \
    --as verif --minutes "$work/ba-$regency.pdf" --db "$db" --json
  cp "$work/out" "$work/settle-$regency.json"
  check "$label $regency: export" 0 "$jaring" export --regency "$regency" \
    --out "$work/registry-$regency.csv" --db "$db"
}

run_on() {  # run_on LABEL DB_URL SQL_COMMAND...
  local label=$1 db=$2
  shift 2
  sql="$*"
  check "$label: verifikator" 0 "$jaring" user add verif --role verifikator --scope 35 --db "$db"
  check "$label: admin daerah" 0 "$jaring" user add admin.pasuruan --role admin_daerah \
    --scope 35.14 --db "$db"
  for pair in "35.14 a" "35.13 b"; do
    set -- $pair
    check "$label $1: import roster" 0 "$jaring" import "$work/$2/roster.csv" --regency "$1" \
      --source "Demo" --source-kind village --db "$db" --json
    cp "$work/out" "$work/import-$1.json"
    check "$label $1: deaths" 0 "$jaring" extract import deaths "$work/$2/deaths.csv" \
      --regency "$1" --period $period --db "$db" --json
    check "$label $1: members" 0 "$jaring" extract import members "$work/$2/members.csv" \
      --regency "$1" --period $period --db "$db" --json
  done
  settle_month "$label" "$db" 35.14
  settle_month "$label" "$db" 35.13

  # Before any program: persons but no participants; no denominator yet.
  check "$label: coverage before a program" 0 "$jaring" coverage --regency 35.14 --period $period \
    --db "$db" --json
  expect "$label: no denominator, no coverage" python3 -c "import json,sys
m = json.loads(sys.argv[1])
assert m['participants'] == 0 and m['denominator'] is None and m['coverage'] is None, m" "$(last_json)"

  # Pasuruan's program, its batch answered by the branch: cover from 1 September.
  check "$label: program" 0 "$jaring" program add --regency 35.14 --name "Pekerja rentan 2025" \
    --funding DBHCHT=70,APBD=30 --budget 2800000000 --from 2025-09 --to 2025-12 \
    --quota 1600 --as admin.pasuruan --db "$db" --json
  local program
  program=$(jget "$work/out" id)
  check "$label: batch" 0 "$jaring" enrol batch --program "$program" --period $period \
    --out "$work/batch.xlsx" --db "$db" --json
  local batch
  batch=$(jget "$work/out" batch)
  check "$label: approve" 0 "$jaring" enrol approve "$batch" --as verif --db "$db"
  check "$label: branch answer" 0 python3 "$here/enrol_answer.py" "$work/batch.xlsx" \
    "$work/answer.csv" --rejected 7
  check "$label: answer" 0 "$jaring" enrol answer "$work/answer.csv" --program "$program" \
    --db "$db" --json
  cp "$work/out" "$work/answer.json"

  check "$label: target set" 0 "$jaring" target set --region 35 --year 2025 --value 0.33 \
    --source "RPJMN 2025-2029" --db "$db" --json
  check "$label: a target over 100 % is refused" 2 "$jaring" target set --region 35 --year 2025 \
    --value 33 --db "$db"
  check "$label: denominator Pasuruan" 0 "$jaring" denominator set --region 35.14 --year 2024 \
    --name working_population --value 9000 --source "BPS Sakernas Agustus 2024" --db "$db" --json
  check "$label: denominator Probolinggo" 0 "$jaring" denominator set --region 35.13 --year 2025 \
    --name working_population --value 6000 --source "BPS Sakernas Agustus 2025" --db "$db"
  check "$label: BPU universe Pasuruan" 0 "$jaring" denominator set --region 35.14 --year 2025 \
    --name bpu_universe --value 4000 --source "Survei Disnaker 2025" --as admin.pasuruan \
    --db "$db"
  check "$label: a regency admin cannot set another regency's" 6 "$jaring" denominator set \
    --region 35.13 --year 2025 --name bpu_universe --value 1 --source x --as admin.pasuruan \
    --db "$db"
  check "$label: a denominator without a source is refused" 2 "$jaring" denominator set \
    --region 35.14 --year 2025 --name informal_workers --value 10 --source " " --db "$db"

  # Two districts of Pasuruan with denominators (the first with 2024's and a later 2025's),
  # a district of Probolinggo and a village of Pasuruan: the regency's district table takes the
  # newest of each of its own districts only.
  read -r first_district second_district a_village < <(python3 -c "
import csv, sys
villages = sorted({r['Kode desa'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig'))})
districts = sorted({v[:8] for v in villages})
print(districts[0], districts[1], villages[0])" "$work/registry-35.14.csv")
  for spec in "$first_district 2024 500" "$first_district 2025 400" "$second_district 2024 700" \
              "35.13.01 2025 300" "$a_village 2025 50"; do
    read -r region year value <<<"$spec"
    check "$label: denominator $region $year" 0 "$jaring" denominator set --region "$region" \
      --year "$year" --name working_population --value "$value" --source "Survei Disnaker" \
      --db "$db"
  done
  echo "$first_district $second_district" >"$work/districts-with-denominators"
  check "$label: coverage Pasuruan" 0 "$jaring" coverage --regency 35.14 --period $period \
    --db "$db" --json
  cp "$work/out" "$work/cov-a.json"
  check "$label: coverage Probolinggo" 0 "$jaring" coverage --regency 35.13 --period $period \
    --db "$db" --json
  cp "$work/out" "$work/cov-b.json"
  expect "$label: regency figures agree with the files" python3 - "$work" <<'EOF'
import csv, json, sys
w = sys.argv[1]
a, b = json.load(open(w + "/cov-a.json")), json.load(open(w + "/cov-b.json"))
for m, code, d in ((a, "35.14", "a"), (b, "35.13", "b")):
    imported = json.load(open(w + "/import-%s.json" % code))
    settled = json.load(open(w + "/settle-%s.json" % code))
    diff = m["difference"]
    # rows: every record the list brought into the registry; persons: the settled list.
    assert m["rows"] == imported["accepted"], (m["rows"], imported)
    assert m["persons"] == settled["persons"], (m["persons"], settled)
    assert m["rows"] - m["persons"] == sum(diff.values()), m
    # The dead: the planted deaths of records on the registry (demo truth), each found.
    registry = {r["source_id"]: r for r in csv.DictReader(open(w + "/registry-%s.csv" % code, encoding="utf-8-sig"))}
    dead = {r["roster_id"] for r in csv.DictReader(open(w + "/%s/truth/deaths.csv" % d)) if r["roster_id"] in registry}
    assert abs(diff["died"] - len(dead)) <= max(2, len(dead) // 20), (diff["died"], len(dead))
    # Duplicates: one record off the list per planted second entry on the registry.
    pairs = [r for r in csv.DictReader(open(w + "/%s/truth/duplicates.csv" % d))
             if r["id_a"] in registry and r["id_b"] in registry]
    assert abs(diff["duplicates"] - len(pairs)) <= max(3, len(pairs) // 20), (diff["duplicates"], len(pairs))
cross = list(csv.DictReader(open(w + "/cross.csv")))
# Probolinggo took 20 of its 40 doubly-registered persons off; Pasuruan kept all of them.
assert b["difference"]["other_regency"] == 20, b["difference"]
assert a["difference"]["other_regency"] == 0, a["difference"]
# Participants: the branch accepted every line but the 7 rejected, cover from 1 September.
answer = [r for r in csv.DictReader(open(w + "/answer.csv")) if r["STATUS"] == "Diterima"]
assert a["participants"] == len(answer) == json.load(open(w + "/answer.json"))["coverage_started"], a["participants"]
assert b["participants"] == 0
# Coverage: participants over the named denominator (2024's, the newest before 2025), target 33 %
# from the province, BPU coverage over the BPU universe, planned = the quota.
assert a["denominator"]["name"] == "working_population" and a["denominator"]["value"] == 9000
assert a["denominator"]["year"] == 2024 and a["denominator"]["source"] == "BPS Sakernas Agustus 2024"
assert abs(a["coverage"] - len(answer) / 9000) < 1e-12, a["coverage"]
assert abs(a["reported_coverage"] - a["rows"] / 9000) < 1e-12
assert abs(a["cleaned_coverage"] - a["persons"] / 9000) < 1e-12
assert a["target"] == 0.33 and a["target_detail"]["region_code"] == "35"
assert abs(a["bpu_coverage"] - len(answer) / 4000) < 1e-12
assert a["planned"]["quota"] == 1600 and abs(a["planned"]["coverage"] - 1600 / 9000) < 1e-12
# Funding shares: 70 / 30 of the participants, largest remainder.
funding = {f["source"]: f["participants"] for f in a["funding"]}
assert sum(funding.values()) == len(answer) and abs(funding["DBHCHT"] - 0.7 * len(answer)) < 1, funding
assert a["programs"][0]["participants"] == len(answer) and a["programs"][0]["quota"] == 1600
# No month paid yet: BPJS counts nobody in full.
assert a["bpjs_view"]["participants"] == 0, a["bpjs_view"]
# Districts: every district of the regency, their persons summing to the regency's.
assert sum(x["persons"] for x in a["districts"]) == a["persons"]
assert sum(x["participants"] for x in a["districts"]) == a["participants"]
assert [x["rank"] for x in a["districts"] if x["rank"]] == list(range(1, 1 + sum(1 for x in a["districts"] if x["rank"])))
assert a["trend"][-1]["period"] == "2025-09" and a["unsettled_months"] == []
# District denominators: the newest up to the month's year of each district that has one.
first, second = open(w + "/districts-with-denominators").read().split()
by_code = {x["code"]: x for x in a["districts"]}
for code, value in ((first, 400), (second, 700)):
    x = by_code[code]
    assert x["denominator"]["value"] == value, x
    assert abs(x["coverage"] - x["participants"] / value) < 1e-12, x
assert all(x.get("denominator") is None for c, x in by_code.items() if c not in (first, second)), a["districts"]
assert all(x.get("denominator") is None for x in b["districts"] if x["code"] != "35.13.01")
EOF

  # The month paid in full: each participant has 1 of BPJS's 6 months.
  check "$label: bill" 0 "$jaring" bill --program "$program" --period $period --db "$db" --json
  local total
  total=$(jget "$work/out" total)
  check "$label: payment" 0 "$jaring" payment add --program "$program" --period $period \
    --amount "$total" --date 2025-09-20 --reference SP2D-1 --db "$db" --json
  check "$label: coverage after payment" 0 "$jaring" coverage --regency 35.14 --period $period \
    --db "$db" --json
  expect "$label: one paid month counts a sixth" python3 -c "import json,sys
m = json.loads(sys.argv[1])
assert abs(m['bpjs_view']['participants'] - m['participants'] * 0.166) < 1e-6, m['bpjs_view']
assert m['budget']['paid'] == int(sys.argv[2]) and m['budget']['budget'] == 2800000000, m['budget']" \
    "$(last_json)" "$total"

  check "$label: province" 0 "$jaring" coverage --province 35 --period $period --db "$db" --json
  cp "$work/out" "$work/prov.json"
  expect "$label: province ranks and overlaps" python3 - "$work" <<'EOF'
import csv, json, sys
w = sys.argv[1]
p = json.load(open(w + "/prov.json"))
rows = {r["code"]: r for r in p["regencies"]}
assert len(rows) == 38, len(rows)  # every regency and city of Jawa Timur
a, b = rows["35.14"], rows["35.13"]
assert a["rank"] == 1 and a["coverage"] > 0, a        # the only one with participants
assert b["rank"] == 2 and b["coverage"] == 0, b       # a denominator, nobody covered yet
assert all(r["rank"] == 0 for c, r in rows.items() if c not in ("35.14", "35.13"))
assert a["planned_rank"] == 1 and abs(a["planned_coverage"] - 1600 / 9000) < 1e-12
assert a["target"] == 0.33
# Twenty persons are on both lists (Pasuruan kept all forty, Probolinggo twenty): one pair,
# the smaller of the two regencies' counts.
pairs = p["overlap"]["pairs"]
assert pairs == [{"a": "35.13", "b": "35.14", "persons": 20}], pairs
assert p["overlap"]["persons"] == 20
assert p["overlap"]["persons_total"] == a["persons"] + b["persons"]
# No province figure: the province divides by the sum of the two regencies' working population
# (9,000 of 2024 and 6,000), over only their participants, and names the 36 without one.
o = p["overlap"]
assert o["denominator"]["name"] == "working_population" and o["denominator"]["value"] == 15000, o["denominator"]
assert o["denominator"]["source"] == "Jumlah penyebut 2 dari 38 kabupaten/kota", o["denominator"]
assert o["participants_counted"] == a["participants"] + b["participants"]
assert sorted(o["without_denominator"]) == sorted(c for c in rows if c not in ("35.14", "35.13"))
assert abs(o["coverage"] - o["participants_counted"] / 15000) < 1e-12, o
assert abs(o["coverage_after_overlap"] - (o["participants_counted"] - 20) / 15000) < 1e-12, o
EOF
  # --- The monev report (services/monev_report.hpp): PDF, .xlsx and charts ----------------
  check "$label: monev report Pasuruan" 0 "$jaring" coverage --regency 35.14 --period $period \
    --pdf "$work/monev-a.pdf" --xlsx "$work/monev-a.xlsx" --charts "$work/charts-a" --db "$db" --json
  cp "$work/out" "$work/cov-a2.json"
  check "$label: the regency admin writes the report" 0 "$jaring" coverage --regency 35.14 \
    --period $period --pdf "$work/monev-a-admin.pdf" --as admin.pasuruan --db "$db"
  check "$label: another regency's report is not found" 3 "$jaring" coverage --regency 35.13 \
    --period $period --pdf "$work/monev-b-admin.pdf" --as admin.pasuruan --db "$db"
  check "$label: no report before any settled month" 5 "$jaring" coverage --regency 35.14 \
    --period 2025-08 --pdf "$work/monev-none.pdf" --db "$db"
  check "$label: pdftotext" 0 pdftotext -layout "$work/monev-a.pdf" "$work/monev-a.txt"
  check "$label: pdfinfo" 0 pdfinfo "$work/monev-a.pdf"
  cp "$work/out" "$work/monev-a.info"
  check "$label: pdfimages" 0 pdfimages -list "$work/monev-a.pdf"
  cp "$work/out" "$work/monev-a.images"
  expect "$label: the PDF says what the JSON says" python3 - "$work" <<'EOF'
import json, re, sys
w = sys.argv[1]
m = json.load(open(w + "/cov-a2.json"))
text = open(w + "/monev-a.txt").read()
flat = " ".join(text.split())
def count(n): return f"{n:,}".replace(",", ".")
def pct(x):  # as FormatPercent: half away from zero on the figure read
    import math
    return ("%.2f" % (math.floor(x * 10000 + 1e-7 + 0.5) / 100)).replace(".", ",") + " %"
for needle in ("Kabupaten Pasuruan", "September 2025", m["denominator"]["source"],
               m["denominator"]["label"], "LAPORAN MONITORING DAN EVALUASI", "Keadaan data per",
               "Masalah yang masih terbuka", "Sumber data"):
    assert needle in flat, needle
for d in m["denominators"]:  # every denominator of the year, with its source
    assert d["source"] in flat and count(d["value"]) in flat, d
assert pct(m["coverage"]) in flat, (pct(m["coverage"]), "coverage")
assert pct(m["reported_coverage"]) in flat and pct(m["cleaned_coverage"]) in flat
assert pct(m["target"]) in flat, "target"
assert "versi %d" % m["version"] in flat, "version"
# The difference: each cause's count on its line of the table, and the two ends.
labels = {"duplicates": "dikurangi: Data ganda", "other_regency": "dikurangi: Terdaftar di kabupaten/kota lain",
          "died": "dikurangi: Meninggal dunia", "ineligible": "dikurangi: Tidak memenuhi syarat",
          "other_removed": "dikurangi: Dikeluarkan karena alasan lain"}
for key, label in labels.items():
    line = next(l for l in text.splitlines() if label in l)
    numbers = re.findall(r"\s(\d[\d.]*)\s", line + " ")
    assert numbers and numbers[0] == count(m["difference"][key]), (key, line, m["difference"][key])
assert re.search(r"Baris daftar yang dikirim\s+%s\b" % re.escape(count(m["rows"])), text), "rows"
assert re.search(r"Orang setelah verval\s+%s\b" % re.escape(count(m["persons"])), text), "persons"
# Every district is in the table; money as Rupiah.
for d in m["districts"]:
    assert d["name"] in flat, d["name"]
assert "Rp " in flat
info = open(w + "/monev-a.info").read()
pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
assert pages >= 4, pages
assert "Laporan Monitoring dan Evaluasi Kabupaten Pasuruan September 2025" in info, info
# Three charts drawn on the server: difference, trend, districts.
images = [l for l in open(w + "/monev-a.images").read().splitlines()[2:] if l.strip()]
assert len(images) == 3, images
assert all(int(l.split()[3]) == 1280 for l in images), images  # 160 mm at 8 px/mm
EOF
  expect "$label: the same report as the regency admin" python3 -c "
import sys; assert open(sys.argv[1], 'rb').read()[:5] == b'%PDF-'" "$work/monev-a-admin.pdf"
  expect "$label: the workbook's sheets and typed cells" python3 - "$work" <<'EOF'
import json, re, sys, zipfile
w = sys.argv[1]
m = json.load(open(w + "/cov-a2.json"))
z = zipfile.ZipFile(w + "/monev-a.xlsx")
names = re.findall(r'<sheet [^>]*name="([^"]+)"', z.read("xl/workbook.xml").decode())
assert names == ["Ringkasan", "Tren", "Kecamatan", "Program", "Sumber dana", "Masalah", "Sumber data"], names
def rows(n):  # a sheet's rows, cells by column: inline text as str, numbers as float
    out = []
    for row in re.findall(r"<row [^>]*>(.*?)</row>", z.read("xl/worksheets/sheet%d.xml" % n).decode(), re.S):
        cells = {}
        for ref, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
            col = 0
            for ch in ref: col = col * 26 + ord(ch) - 64
            text = re.search(r"<t[^>]*>(.*?)</t>", body or "", re.S)
            number = re.search(r"<v>(.*?)</v>", body or "")
            cells[col - 1] = (text.group(1) if 'inlineStr' in attrs and text
                              else float(number.group(1)) if number else None)
        out.append([cells.get(i) for i in range(max(cells) + 1 if cells else 0)])
    return out
summary = {r[0]: r for r in rows(1)[1:]}
assert summary["Peserta"][1] == m["participants"] and abs(summary["Peserta"][2] - m["coverage"]) < 1e-12, summary["Peserta"]
assert summary["Orang setelah verval"][1] == m["persons"]
assert summary["Baris daftar yang dikirim"][1] == m["rows"]
trend = rows(2)[1:]
assert [r[0] for r in trend] == [t["period"] for t in m["trend"]] and trend[-1][4] == m["participants"]
districts = rows(3)[1:]
assert len(districts) == len(m["districts"]) and sum(r[5] for r in districts) == m["participants"]
programs = rows(4)[1:]
assert programs[0][1] == 1600 and programs[0][2] == m["participants"], programs
funding = {r[0]: r[2] for r in rows(5)[1:]}
assert funding == {f["source"]: f["participants"] for f in m["funding"]}, funding
problems = {r[0]: r for r in rows(6)[1:]}
assert problems["Klaim melewati target waktu"][1] == m["claims"]["overdue"]
assert problems["Bulan tagihan lewat jatuh tempo belum lunas"][1] == m["budget"]["arrears_months"]
sources = rows(7)[1:]
used = m["denominator"]
assert any(r[0] == "Penyebut" and r[6] == used["source"] and r[4] == used["value"] and r[3] == used["year"]
           and r[-1] == "ya" for r in sources), sources
assert len([r for r in sources if r[0] == "Penyebut"]) == len(m["denominators"]), sources
EOF
  expect "$label: charts as PNG files" python3 - "$work/charts-a" <<'EOF'
import struct, sys
for name in ("difference", "trend", "districts"):
    data = open("%s/%s.png" % (sys.argv[1], name), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", name
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1280 and height > 300, (name, width, height)
EOF
  check "$label: monev report of the province" 0 "$jaring" coverage --province 35 --period $period \
    --pdf "$work/monev-prov.pdf" --xlsx "$work/monev-prov.xlsx" --charts "$work/charts-prov" \
    --db "$db" --json
  check "$label: province pdftotext" 0 pdftotext -layout "$work/monev-prov.pdf" "$work/monev-prov.txt"
  expect "$label: the province's report ranks as the JSON does" python3 - "$work" <<'EOF'
import json, re, sys, zipfile
w = sys.argv[1]
p = json.load(open(w + "/prov.json"))
flat = " ".join(open(w + "/monev-prov.txt").read().split())
def pct(x):  # as FormatPercent: half away from zero on the figure read
    import math
    return ("%.2f" % (math.floor(x * 10000 + 1e-7 + 0.5) / 100)).replace(".", ",") + " %"
rows = {r["code"]: r for r in p["regencies"]}
a = rows["35.14"]
line = next(l for l in open(w + "/monev-prov.txt").read().splitlines() if "Kabupaten Pasuruan" in l)
assert re.match(r"\s*%d\s+Kabupaten Pasuruan\s+September 2025\s" % a["rank"], line), line
assert pct(a["coverage"]) in line, (line, pct(a["coverage"]))
assert "Terdaftar di dua kabupaten/kota" in flat and "BPS Sakernas Agustus 2025" in flat  # Probolinggo's
# The summed denominator says whose participants count and who is left out.
assert "Jumlah penyebut 2 dari 38 kabupaten/kota" in flat, flat[:2000]
assert "2 kabupaten/kota yang memiliki penyebut; tanpa penyebut, tidak dihitung: " in flat
assert "Kabupaten Pacitan" in flat.split("tidak dihitung:")[1][:4000]
z = zipfile.ZipFile(w + "/monev-prov.xlsx")
names = re.findall(r'<sheet [^>]*name="([^"]+)"', z.read("xl/workbook.xml").decode())
assert names == ["Ringkasan", "Peringkat", "Tumpang tindih"], names
sheet = z.read("xl/worksheets/sheet2.xml").decode()
assert len(re.findall(r"<row ", sheet)) == 1 + len(p["regencies"])
overlap = z.read("xl/worksheets/sheet3.xml").decode()
assert len(re.findall(r"<row ", overlap)) == 1 + len(p["overlap"]["pairs"])
EOF
  expect "$label: the province's ranking chart" test -s "$work/charts-prov/ranking.png"
  # --- end of the monev report block ------------------------------------------------------

  # A PAK that raises the quota (as Probolinggo's 18.000 -> 24.250): the planned figure follows at
  # once, for the regency and in the province's planned ranking; the actual one does not move.
  check "$label: PAK with a quota" 0 "$jaring" program revise "$program" --budget 3000000000 \
    --quota 2400 --decree "Perbup 90/2025" --date 2025-09-25 --db "$db" --json
  check "$label: coverage after the PAK" 0 "$jaring" coverage --regency 35.14 --period $period \
    --db "$db" --json
  cp "$work/out" "$work/cov-pak.json"
  check "$label: province after the PAK" 0 "$jaring" coverage --province 35 --period $period \
    --db "$db" --json
  cp "$work/out" "$work/prov-pak.json"
  expect "$label: planned = the PAK's quota" python3 - "$work" <<'EOF'
import json, sys
w = sys.argv[1]
before, after = json.load(open(w + "/cov-a2.json")), json.load(open(w + "/cov-pak.json"))
assert after["planned"]["quota"] == 2400 and abs(after["planned"]["coverage"] - 2400 / 9000) < 1e-12, after["planned"]
assert after["participants"] == before["participants"] and after["coverage"] == before["coverage"]
assert after["programs"][0]["quota"] == 2400, after["programs"]
p = json.load(open(w + "/prov-pak.json"))
a = next(r for r in p["regencies"] if r["code"] == "35.14")
assert a["planned_quota"] == 2400 and abs(a["planned_coverage"] - 2400 / 9000) < 1e-12, a
EOF

  check "$label: neither --regency nor --province is a usage error" 2 "$jaring" coverage \
    --period $period --db "$db"
  check "$label: an unknown regency is not found" 3 "$jaring" coverage --regency 35.99 \
    --period $period --db "$db"
  check "$label: denominators listed" 0 "$jaring" denominator list --region 35.14 --db "$db" --json
  expect "$label: two denominators of Pasuruan" test "$(jget "$work/out" denominators.0.name)" = \
    "working_population"
  # District boundaries: features placed by code (with or without dots) or by name.
  python3 - "$work/kec.geojson" <<'EOF'
import json, sys
square = {"type": "Polygon", "coordinates": [[[112.0, -7.6], [112.1, -7.6], [112.1, -7.7], [112.0, -7.6]]]}
features = [{"type": "Feature", "properties": {"KODE": "351401"}, "geometry": square},
            {"type": "Feature", "properties": {"kode": "35.14.02"}, "geometry": square},
            {"type": "Feature", "properties": {"name": "Atlantis"}, "geometry": square}]
json.dump({"type": "FeatureCollection", "features": features}, open(sys.argv[1], "w"))
EOF
  check "$label: boundaries" 0 "$jaring" boundaries import "$work/kec.geojson" --regency 35.14 \
    --db "$db" --json
  expect "$label: two features placed, one not" python3 -c "import json,sys
r = json.loads(sys.argv[1]); assert r == {'features': 3, 'matched': 2, 'unmatched': ['Atlantis']}, r" \
    "$(last_json)"
  echo '{"type":"Feature"}' > "$work/bad.geojson"
  check "$label: not a FeatureCollection" 2 "$jaring" boundaries import "$work/bad.geojson" \
    --regency 35.14 --db "$db"
  check "$label: audit chain" 0 "$jaring" audit verify --db "$db"
}

run_on sqlite "sqlite:$work/monev.db" sqlite3 "$work/monev.db"
if [[ -n ${JARING_TEST_PG:-} ]]; then
  schema="monev_cli_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  pg_sql() { PGOPTIONS="-c search_path=$schema" psql "$JARING_TEST_PG" -qAt -c "$1"; }
  run_on postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema" pg_sql
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
finish monev_cli
