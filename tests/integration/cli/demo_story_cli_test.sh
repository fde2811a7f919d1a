#!/usr/bin/env bash
# The demo story (services/demo_story.hpp, docs/demo.md) from the command line, on SQLite and
# (JARING_TEST_PG) PostgreSQL: `jaring demo story --out DIR` writes the truth files, `jaring demo
# seed --story` tells the story into an empty database, and what the database then holds is
# counted against those files, independently of the seeding's own report:
#   - three regencies with the truth's roster rows; July and August 2025 settled in each;
#   - the programs with the articles' quotas and budgets (Probolinggo's PAK as its newest line);
#   - cover started for everyone the branch accepted, from 1 August 2025; the branch's refusals;
#   - one JKM case opened by verval for each covered death of August in the truth, Rp 10.000.000,
#     and none else;
#   - the other_regency findings of July: exactly one per side that verifies a planted pair while
#     the person is still on the other list, decided as the truth says, and no others. Tolerance
#     zero: the index's first rule (same NIK and birth date) has recall 1 for these persons, whose
#     two registrations share NIK and birth date by construction, and the plan checks that the
#     rosters share no other NIK (a coincidence of name key, birth date and sex under rules 3-4
#     between three generated rosters is not expected; were one to happen the story's fixed seeds
#     would show it on every run, and this test would name it);
#   - two seeders started at once on the empty database tell it once (one reports it told, the
#     other that it found workers); seeding again changes nothing; the audit chain verifies;
#   - the newcomer's month: `jaring serve --demo-story` on the told database starts without
#     seeding, offers September 2025 and its extracts for each story regency; importing them,
#     running and settling September opens the case of the truth's September death.
# Prints the seeding's wall time per engine (docs/demo.md quotes it).
#   demo_story_cli_test.sh PATH/TO/jaring
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test_setup demo-story "$1"
export JARING_DATA_DIR="$work/data"

check "story files" 0 "$jaring" demo story --out "$work/story"
check "story files again" 0 "$jaring" demo story --out "$work/again"
expect "... byte for byte the same" diff -r "$work/story" "$work/again"

# sql DB QUERY: rows of a query, fields separated by |, on either engine.
sql() {
  if [[ $1 == sqlite:* ]]; then
    sqlite3 -separator '|' "${1#sqlite:}" "$2"
  else
    PGOPTIONS="-c client_min_messages=warning -c search_path=$schema" \
      psql "$JARING_TEST_PG" -qAt -F '|' -c "$2"
  fi
}

run_on() {  # run_on LABEL DB_URL
  local label=$1 db=$2
  # Two seeders start at once on the empty database: one tells the story, the other finds it.
  local started=$SECONDS a b
  "$jaring" demo seed --story --db "$db" --json >"$work/seed-a" 2>"$work/seed-a.err" &
  a=$!
  "$jaring" demo seed --story --db "$db" --json >"$work/seed-b" 2>"$work/seed-b.err" &
  b=$!
  local rc_a=0 rc_b=0
  wait "$a" || rc_a=$?
  expect "$label: first seeder exits 0" test "$rc_a" -eq 0
  wait "$b" || rc_b=$?
  expect "$label: second seeder exits 0" test "$rc_b" -eq 0
  if [ "$rc_a" -ne 0 ] || [ "$rc_b" -ne 0 ]; then  # what the failing one said last
    tail -n 3 "$work/seed-a.err" "$work/seed-b.err" | sed 's/^/     /'
  fi
  echo "     $label: story seeded in $((SECONDS - started)) s (wall, both seeders)"
  sed 's/^/     /' "$work/seed-a.err" "$work/seed-b.err" | grep -v 'demo story:' | head -5
  expect "$label: ... exactly one told the story, September left open" python3 - \
    "$work/seed-a" "$work/seed-b" "$work/seed-$label.json" <<'PY'
import json, sys
reports = [json.loads(open(p).read().strip().splitlines()[-1]) for p in sys.argv[1:3]]
told = [r for r in reports if r["seeded"]]
assert len(told) == 1, reports
idle = [r for r in reports if not r["seeded"]][0]
assert idle["told_before"] and idle["accounts"] == [] and idle["regencies"] == [], idle
r = told[0]
assert r["open_month"] == "2025-09", r
assert {a["username"] for a in r["accounts"]} >= {"operator", "verifikator", "pimpinan.jatim",
  "operator.probolinggo", "verifikator.tuban"}, r["accounts"]
print(f"     the story took {r['seconds']:.1f} s")
open(sys.argv[3], "w").write(json.dumps(r))
PY

  sql "$db" "SELECT regency_code, COUNT(*) FROM workers GROUP BY regency_code ORDER BY 1" \
    >"$work/rows-$label"
  sql "$db" "SELECT regency_code, period, MAX(version), MAX(persons) FROM settled_months GROUP BY regency_code, period ORDER BY 1, 2" \
    >"$work/settled-$label"
  sql "$db" "SELECT p.regency_code, p.id, p.name, p.quota, (SELECT b.amount FROM program_budget_lines b WHERE b.regency_code = p.regency_code AND b.program_id = p.id ORDER BY b.id DESC LIMIT 1), (SELECT COUNT(*) FROM program_budget_lines b WHERE b.regency_code = p.regency_code AND b.program_id = p.id), (SELECT b.quota FROM program_budget_lines b WHERE b.regency_code = p.regency_code AND b.program_id = p.id AND b.quota IS NOT NULL ORDER BY b.id DESC LIMIT 1) FROM programs p ORDER BY p.id" \
    >"$work/programs-$label"
  sql "$db" "SELECT c.regency_code, c.program_id, w.source_id, c.start_date FROM coverage_periods c JOIN workers w ON w.id = c.worker_id ORDER BY 1, 2, 3" \
    >"$work/coverage-$label"
  sql "$db" "SELECT m.regency_code, b.program_id, m.nik, m.state FROM enrolment_members m JOIN enrolment_batches b ON b.regency_code = m.regency_code AND b.id = m.batch_id WHERE m.state = 'rejected' ORDER BY 1, 2, 3" \
    >"$work/refused-$label"
  sql "$db" "SELECT COUNT(*) FROM settled_months" >"$work/months-$label"
  for code in 35.14 35.13 35.23; do
    check "$label: claims of $code" 0 "$jaring" claim list --regency "$code" --db "$db" --json
    cp "$work/out" "$work/claims-$label-$code.json"
    for period in 2025-07 2025-08; do
      check "$label: findings of $code $period" 0 "$jaring" verval findings --regency "$code" \
        --period "$period" --out "$work/findings-$label-$code-$period.csv" --db "$db"
    done
  done
  expect "$label: the database holds the truth's story" python3 - "$work/story" "$work" "$label" <<'PY'
import csv, json, sys
from collections import Counter, defaultdict
story, work, label = sys.argv[1:]
def rows(path): return list(csv.DictReader(open(path, encoding="utf-8-sig")))
def sql(name): return [line.rstrip("\n").split("|") for line in open(f"{work}/{name}-{label}") if line.strip()]
ok = True
def must(cond, what):
    global ok
    if not cond:
        ok = False
        print("     mismatch:", what)

regencies = {r["regency_code"]: r for r in rows(f"{story}/truth/regencies.csv")}
counts = {code: int(n) for code, n in sql("rows")}
must(counts == {c: int(r["roster_rows"]) for c, r in regencies.items()}, f"rows {counts}")

settled = defaultdict(dict)
for code, period, version, persons in sql("settled"):
    settled[code][period] = int(persons)
for code in regencies:
    must(sorted(settled[code]) == ["2025-07", "2025-08"], f"{code} settled {dict(settled[code])}")
    must(0 < settled[code]["2025-08"] <= settled[code]["2025-07"] < counts[code],
         f"{code} persons {settled[code]} of {counts[code]} rows")

# Programs: ids 1..4 in the truth's order, quotas, budgets (Probolinggo: the PAK's budget, two lines,
# and the PAK's quota in force while the program keeps the quota it was created with).
programs = rows(f"{story}/truth/programs.csv")
stored = sql("programs")
must(len(stored) == len(programs), f"{len(stored)} programs stored")
ids = {}
for n, (p, s) in enumerate(zip(programs, stored), start=1):
    code, pid, name, quota, budget, lines, in_force = s
    ids[(p["regency_code"], p["program"])] = int(pid)
    want_budget = int(p["revision_budget"] or p["budget"])
    must((code, int(pid), name, int(quota)) == (p["regency_code"], n, p["name"], int(p["quota"])),
         f"program {s} vs {p}")
    must(int(budget) == want_budget and int(lines) == (2 if p["revision_budget"] else 1),
         f"program {pid} budget {budget} ({lines} lines), truth {want_budget}")
    want_quota = int(p["planned_quota"] or p["quota"])
    must(int(in_force) == want_quota, f"program {pid} quota in force {in_force}, truth {want_quota}")

# Cover: from 1 August 2025 only, never for the branch's refusals; refusals stored as rejected.
coverage = sql("coverage")
must(all(start == "2025-08-01" for *_, start in coverage), "a cover not starting 2025-08-01")
covered = {(c, int(p), int(s)) for c, p, s, _ in coverage}
refusals = rows(f"{story}/truth/branch_refusals.csv")
for f in refusals:
    key = (f["regency_code"], ids[(f["regency_code"], f["program"])], int(f["roster_id"]))
    must(key not in covered, f"refused person covered: {key}")
refused = {(c, int(p), nik) for c, p, nik, _ in sql("refused")}
must(refused == {(f["regency_code"], ids[(f["regency_code"], f["program"])], f["nik"]) for f in refusals},
     f"refused {sorted(refused)}")
per_program = Counter((c, p) for c, p, _ in covered)
for p in programs:
    n = per_program[(p["regency_code"], ids[(p["regency_code"], p["program"])])]
    must(0 < n <= int(p["quota"]), f"program {p['regency_code']}/{p['program']}: {n} covered")

# Claims: one per covered death of August, opened by verval, Rp 10.000.000; September's not yet.
deaths = rows(f"{story}/truth/covered_deaths.csv")
for code in regencies:
    listed = json.loads(open(f"{work}/claims-{label}-{code}.json").read().strip().splitlines()[-1])
    claims = listed["claims"] if isinstance(listed, dict) else listed
    got = sorted((c["nik"], c["event_date"], c["kind"], c["source"], c["expected_total"]) for c in claims)
    want = sorted((d["nik"], d["death_date"], "jkm", "verval", int(d["benefit"]))
                  for d in deaths if d["regency_code"] == code and d["period"] == "2025-08")
    must(got == want, f"{code} claims {got} vs {want}")
    for d in deaths:
        if d["regency_code"] == code:
            key = (code, ids[(code, d["program"])], int(d["roster_id"]))
            must(key in covered, f"covered death not covered: {key}")

# Cross-regency findings of July: exactly the truth's decisions; besides them only the truth's
# coincidences (two people the index cannot tell apart), each rejected.
coincident = set()
for c in rows(f"{story}/truth/cross_regency_coincidences.csv"):
    coincident |= {(c["regency_a"], c["id_a"], c["regency_b"]), (c["regency_b"], c["id_b"], c["regency_a"])}
want = {}
for c in rows(f"{story}/truth/cross_regency.csv"):
    want[(c["source_regency"], c["source_id"], c["copy_regency"])] = c["source_decision"]
    if c["copy_decision"]:
        want[(c["copy_regency"], c["copy_id"], c["source_regency"])] = c["copy_decision"]
got = {}
for code in regencies:
    for f in rows(f"{work}/findings-{label}-{code}-2025-07.csv"):
        if f["kind"] == "other_regency":
            got[(code, f["worker"], f["other"])] = f["state"]
missing = sorted(set(want) - set(got))
coincidences = {k: v for k, v in got.items() if k not in want and k in coincident}
extra = sorted(k for k in got if k not in want and k not in coincident)
wrong = sorted(k for k in set(want) & set(got) if want[k] != got[k])
print(f"     {label}: other_regency findings {len(got)}: planted {len(want)} (missing {len(missing)}, decided otherwise {len(wrong)}), coincidences {len(coincidences)}, unexplained {len(extra)}")
must(not missing and not extra and not wrong, f"missing {missing[:5]} extra {extra[:5]} wrong {wrong[:5]}")
must(set(coincidences.values()) <= {"rejected"}, f"a coincidence accepted: {coincidences}")

# August: both_keep persons found again on both sides and kept; nothing else of the kind.
keep = set()
for c in rows(f"{story}/truth/cross_regency.csv"):
    if c["outcome"] == "both_keep":
        keep |= {(c["source_regency"], c["source_id"]), (c["copy_regency"], c["copy_id"])}
august = {(code, f["worker"]): f["state"] for code in regencies
          for f in rows(f"{work}/findings-{label}-{code}-2025-08.csv")
          if f["kind"] == "other_regency" and (code, f["worker"], f["other"]) not in coincident}
must(set(august) == keep and set(august.values()) == {"rejected"}, f"August other_regency {len(august)} vs {len(keep)}")

# Every planted death of July decided accepted; no died finding accepted that the truth lacks.
for code in regencies:
    planted = {(d["roster_id"], d["death_id"]) for d in rows(f"{story}/{code}/truth/deaths.csv")}
    accepted = {(f["worker"], f["other"]) for f in rows(f"{work}/findings-{label}-{code}-2025-07.csv")
                if f["kind"] == "died" and f["state"] == "accepted"}
    must(accepted <= planted, f"{code}: deaths accepted outside the truth {sorted(accepted - planted)[:5]}")
    print(f"     {label} {code}: July deaths accepted {len(accepted)} of {len(planted)} planted")
sys.exit(0 if ok else 1)
PY

  check "$label: seed again" 0 "$jaring" demo seed --story --db "$db" --json
  expect "$label: ... nothing to do" python3 -c "import json,sys
r = json.loads(sys.argv[1])
assert not r['seeded'] and r['told_before'] and r['accounts'] == [] and r['regencies'] == [], r" \
    "$(tail -1 "$work/out")"
  local rows_now months_now
  rows_now=$(sql "$db" "SELECT regency_code, COUNT(*) FROM workers GROUP BY regency_code ORDER BY 1")
  months_now=$(sql "$db" "SELECT COUNT(*) FROM settled_months")
  expect "$label: ... same workers" test "$rows_now" == "$(cat "$work/rows-$label")"
  expect "$label: ... same settled months" test "$months_now" == "$(cat "$work/months-$label")"
  check "$label: audit chain verifies" 0 "$jaring" audit verify --db "$db"

  # The newcomer's month through the server, which must not seed again.
  "$jaring" serve --port 0 --db "$db" --demo-story --web "$work/noweb" >"$work/serve.out" \
    2>"$work/serve.err" &
  local pid=$! url=""
  for _ in $(seq 1 300); do
    url=$(sed -n 's|^jaring: serving \(http://[^ ]*\).*|\1|p' "$work/serve.out")
    [[ -n $url ]] && break
    sleep 0.1
  done
  expect "$label: serve --demo-story starts on the told database" test -n "$url"
  expect "$label: ... without telling the story again" \
    bash -c "! grep -qE 'demo story|other workers' '$work/serve.out'"
  local jar="$work/cookies-$label"
  curl -s -c "$jar" -H 'Content-Type: application/json' \
    -d '{"username":"operator","password":"demo-jaring-2025"}' "$url/api/v1/session" >/dev/null
  curl -s -b "$jar" "$url/api/v1/regencies" >"$work/regencies-$label.json"
  curl -s -b "$jar" -o "$work/sept-deaths-$label.csv" "$url/api/v1/regencies/35.14/demo-extracts/deaths.csv"
  curl -s -b "$jar" -o "$work/sept-members-$label.csv" "$url/api/v1/regencies/35.14/demo-extracts/members.csv"
  # The province's monev page as the province's pimpinan opens it (no month asked).
  local province_jar="$work/cookies-province-$label"
  curl -s -c "$province_jar" -H 'Content-Type: application/json' \
    -d '{"username":"pimpinan.jatim","password":"demo-jaring-2025"}' "$url/api/v1/session" >/dev/null
  curl -s -b "$province_jar" "$url/api/v1/provinces/35/coverage" >"$work/province-$label.json"
  kill "$pid"
  wait "$pid"
  expect "$label: ... September offered, its extract the truth's" python3 - "$work/story" "$work" "$label" <<'PY'
import json, sys
story, work, label = sys.argv[1:]
regencies = {r["code"]: r.get("demo_period") for r in json.load(open(f"{work}/regencies-{label}.json"))["items"]}
assert regencies.get("35.14") == "2025-09", regencies
assert open(f"{work}/sept-deaths-{label}.csv", "rb").read() == open(f"{story}/35.14/deaths-2025-09.csv", "rb").read()
assert open(f"{work}/sept-members-{label}.csv", "rb").read() == open(f"{story}/35.14/members.csv", "rb").read()
PY
  expect "$label: ... the province page opens on August, with the PAK's quota as the plan" \
    python3 - "$work/story" "$work/province-$label.json" <<'PY'
import csv, json, sys
from collections import Counter
story, page = sys.argv[1], json.load(open(sys.argv[2]))
# The newest month the regencies settled, not this month: the plan is the quota in force then.
assert page["period"] == "2025-08", page["period"]
planned = Counter()
for p in csv.DictReader(open(f"{story}/truth/programs.csv")):
    planned[p["regency_code"]] += int(p["planned_quota"] or p["quota"])
shown = {r["code"]: r for r in page["regencies"] if r["period"]}
assert sorted(shown) == sorted(planned), sorted(shown)
for code, quota in planned.items():
    r = shown[code]
    assert r["period"] == "2025-08" and r["planned_quota"] == quota, (code, r["planned_quota"], quota)
    assert abs(r["planned_coverage"] - quota / r["denominator"]["value"]) < 1e-12, r
by_plan = sorted(shown.values(), key=lambda r: -max(r["planned_coverage"], r["coverage"]))
assert [r["planned_rank"] for r in by_plan] == [1, 2, 3], [(r["code"], r["planned_rank"]) for r in by_plan]
PY
  check "$label: import September's deaths" 0 "$jaring" extract import deaths \
    "$work/sept-deaths-$label.csv" --regency 35.14 --period 2025-09 --db "$db" --json
  check "$label: import September's members" 0 "$jaring" extract import members \
    "$work/sept-members-$label.csv" --regency 35.14 --period 2025-09 --db "$db" --json
  check "$label: verval September" 0 "$jaring" verval run --regency 35.14 --period 2025-09 --db "$db"
  check "$label: decide September" 0 "$jaring" verval decide --regency 35.14 --period 2025-09 \
    --all --accept --reason "dicek" --as verifikator --db "$db"
  check "$label: settle September" 0 "$jaring" verval settle --regency 35.14 --period 2025-09 \
    --as verifikator --minutes "$work/ba-$label.pdf" --db "$db" --json
  expect "$label: ... the truth's September death opens its case" python3 - "$work/story" "$(tail -1 "$work/out")" <<'PY'
import csv, json, sys
story, settled = sys.argv[1], json.loads(sys.argv[2])
want = [d for d in csv.DictReader(open(f"{story}/truth/covered_deaths.csv")) if d["regency_code"] == "35.14" and d["period"] == "2025-09"]
assert len(want) == 1 and settled["claims_opened"] == 1, (want, settled)
PY
}

run_on sqlite "sqlite:$work/story.db"
if [[ -n "${JARING_TEST_PG:-}" ]]; then
  schema="demo_story_cli_$$"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "CREATE SCHEMA $schema" >/dev/null
  run_on postgresql "$JARING_TEST_PG?options=-csearch_path%3D$schema"
  PGOPTIONS="-c client_min_messages=warning" psql "$JARING_TEST_PG" -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
finish "demo story CLI"
