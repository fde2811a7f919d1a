"""Tests of bench/verval/generate.py and evaluate.py (python3 -m unittest, stdlib only).

Generates two small sets (and one more per seed/hash check) into a temporary folder and checks
the headers, determinism, the consistency of the truth with the files, the NIK rules on rows
that were not damaged on purpose, that the planted traps are not in the truth, and that the
planted rates come out as configured.
"""

import csv
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import evaluate  # noqa: E402
import generate  # noqa: E402

AREAS = os.path.join(HERE, "..", "..", "node_modules", "idn-area-data", "data")
GEN = os.path.join(HERE, "generate.py")
FILES = ["roster.csv", "neighbour.csv", "deaths.csv", "members.csv", "truth/duplicates.csv",
         "truth/deaths.csv", "truth/members.csv", "truth/other_regency.csv",
         "truth/roster_rows.csv", "truth/lookalikes.csv", "truth/death_traps.csv",
         "truth/member_traps.csv", "truth/neighbour_traps.csv", "truth/stats.json",
         "truth/README.md"]


def run(out, *extra, seed=7, workers=3000, env=None):
    cmd = [sys.executable, GEN, "--regency", "35.14", "--neighbour", "35.13", "--workers",
           str(workers), "--seed", str(seed), "--out", out] + list(extra)
    subprocess.run(cmd, check=True, env=env)


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def load_json(path):
    with open(path) as f:
        return json.load(f)


def districts():
    with open(os.path.join(AREAS, "districts.csv"), newline="") as f:
        return {r["code"].replace(".", "") for r in csv.DictReader(f)}


def nik_problems(nik, codes):
    """Why nik breaks the NIK rules (empty list when it follows them)."""
    if not re.fullmatch(r"\d{16}", nik):
        return ["not 16 digits"]
    out = []
    if nik[:6] not in codes or nik[4:6] == "00":
        out.append("district")
    day, month, yy, serial = int(nik[6:8]), int(nik[8:10]), int(nik[10:12]), nik[12:]
    if day > 40:
        day -= 40
    try:
        datetime.date(2000 + yy if yy < 30 else 1900 + yy, month, day)
    except ValueError:
        if not (month == 2 and day == 29):  # the century decides; checked with the row
            out.append("date")
    if serial == "0000":
        out.append("serial")
    return out


@unittest.skipUnless(os.path.exists(os.path.join(AREAS, "villages.csv")),
                     "node_modules/idn-area-data missing: run npm ci")
class GeneratedSet(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="verval-test-")
        cls.a = os.path.join(cls.tmp, "a")
        run(cls.a)
        cls.big = os.path.join(cls.tmp, "big")
        run(cls.big, seed=3, workers=20000)
        cls.roster = read(os.path.join(cls.a, "roster.csv"))
        cls.rows = {r["roster_id"]: r for r in read(os.path.join(cls.a, "truth/roster_rows.csv"))}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, name, base=None):
        return os.path.join(base or self.a, name)

    def test_headers(self):
        self.assertEqual(header(self.path("roster.csv")), generate.HEADER_ROSTER)
        self.assertEqual(header(self.path("neighbour.csv")), generate.HEADER_ROSTER)
        self.assertEqual(header(self.path("deaths.csv")), generate.HEADER_DEATHS)
        self.assertEqual(header(self.path("members.csv")), generate.HEADER_MEMBERS)
        self.assertEqual(",".join(generate.HEADER_ROSTER),
                         "id,nik,kk,name,sex,birth_place,birth_date,address,village_code,"
                         "occupation,phone")
        self.assertEqual(",".join(generate.HEADER_DEATHS),
                         "id,nik,name,sex,birth_date,death_date,village_code")
        self.assertEqual(",".join(generate.HEADER_MEMBERS), "id,nik,name,birth_date,kpj,segment")
        for name, cols in (("duplicates.csv", ["left_id", "right_id"]),
                           ("deaths.csv", ["roster_id", "death_id"]),
                           ("members.csv", ["roster_id", "member_id", "segment"]),
                           ("other_regency.csv", ["roster_id", "neighbour_id"])):
            self.assertEqual(header(self.path("truth/" + name)), cols)

    def test_exact_row_count_and_fields(self):
        self.assertEqual(len(self.roster), 3000)
        with open(os.path.join(AREAS, "villages.csv"), newline="") as f:
            villages = {r["code"] for r in csv.DictReader(f)}
        for r in self.roster:
            self.assertIn(r["sex"], ("L", "P"))
            self.assertRegex(r["birth_date"], r"^\d{4}-\d{2}-\d{2}$")
            datetime.date.fromisoformat(r["birth_date"])
            self.assertIn(r["village_code"], villages)
            self.assertTrue(r["village_code"].startswith("35.14."))
            self.assertTrue(r["name"].strip())
        for r in read(self.path("neighbour.csv")):
            self.assertTrue(r["village_code"].startswith("35.13."))
        for r in read(self.path("members.csv")):
            self.assertRegex(r["kpj"], r"^\d{11}$")
            self.assertIn(r["segment"], ("PU", "BPU"))
        kpj = [r["kpj"] for r in read(self.path("members.csv"))]
        self.assertEqual(len(kpj), len(set(kpj)))

    def test_deterministic_for_a_seed_whatever_the_hash_seed(self):
        b = os.path.join(self.tmp, "b")
        env = dict(os.environ, PYTHONHASHSEED="12345")
        run(b, env=env)
        for name in FILES:
            with open(self.path(name), "rb") as f1, open(os.path.join(b, name), "rb") as f2:
                self.assertEqual(f1.read(), f2.read(), name)
        c = os.path.join(self.tmp, "c")
        run(c, seed=8)
        with open(self.path("roster.csv"), "rb") as f1, \
                open(os.path.join(c, "roster.csv"), "rb") as f2:
            self.assertNotEqual(f1.read(), f2.read())

    def test_truth_ids_exist(self):
        ids = {r["id"] for r in self.roster}
        nb = {r["id"] for r in read(self.path("neighbour.csv"))}
        dth = {r["id"] for r in read(self.path("deaths.csv"))}
        mem = {r["id"]: r for r in read(self.path("members.csv"))}
        self.assertEqual(set(self.rows), ids)
        for r in read(self.path("truth/duplicates.csv")):
            self.assertIn(r["left_id"], ids)
            self.assertIn(r["right_id"], ids)
            self.assertLess(r["left_id"], r["right_id"])
        for r in read(self.path("truth/deaths.csv")):
            self.assertIn(r["roster_id"], ids)
            self.assertIn(r["death_id"], dth)
        for r in read(self.path("truth/members.csv")):
            self.assertIn(r["roster_id"], ids)
            self.assertEqual(mem[r["member_id"]]["segment"], r["segment"])
        for r in read(self.path("truth/other_regency.csv")):
            self.assertIn(r["roster_id"], ids)
            self.assertIn(r["neighbour_id"], nb)
        for name, other in (("lookalikes.csv", ids), ("death_traps.csv", dth),
                            ("member_traps.csv", set(mem)), ("neighbour_traps.csv", nb)):
            for r in read(self.path("truth/" + name)):
                self.assertIn(list(r.values())[0], ids, name)
                self.assertIn(list(r.values())[1], other, name)

    def test_duplicates_are_the_closed_pairs_of_persons(self):
        by_person = {}
        for rid, r in self.rows.items():
            by_person.setdefault(r["person"], []).append(rid)
        want = {tuple(sorted((a, b))) for ids in by_person.values()
                for i, a in enumerate(ids) for b in ids[i + 1:]}
        got = {(r["left_id"], r["right_id"]) for r in read(self.path("truth/duplicates.csv"))}
        self.assertEqual(got, want)
        self.assertTrue(any(len(v) == 3 for v in by_person.values()))
        # every row of a dead person is linked to the death
        deaths = {}
        for r in read(self.path("truth/deaths.csv")):
            deaths.setdefault(r["death_id"], set()).add(r["roster_id"])
        for rids in deaths.values():
            person = {self.rows[x]["person"] for x in rids}
            self.assertEqual(len(person), 1)
            self.assertEqual(rids, set(by_person[person.pop()]))

    def test_undamaged_niks_follow_the_rules(self):
        codes = districts()
        checked = 0
        for r in self.roster:
            tags = self.rows[r["id"]]["variations"].split(";")
            if any(t.startswith("nik.") for t in tags):
                continue
            self.assertEqual(nik_problems(r["nik"], codes), [], r)
            day = int(r["nik"][6:8])
            self.assertEqual(r["sex"], "P" if day > 40 else "L", r)
            if not any(t.startswith("birth.") for t in tags):
                y, m, d = r["birth_date"].split("-")
                self.assertEqual(r["nik"][6:12], "%02d%s%s" % (int(d) + (40 if day > 40 else 0),
                                                               m, y[2:]), r)
            checked += 1
        self.assertGreater(checked, 2500)
        for r in read(self.path("deaths.csv")):  # Dukcapil's own NIKs are all valid
            self.assertEqual(nik_problems(r["nik"], codes), [], r)
        # the damage tags describe what is in the file
        for r in self.roster:
            tags = self.rows[r["id"]]["variations"].split(";")
            if "nik.excel_e" in tags:
                self.assertRegex(r["nik"], r"^\d\.\d{0,5}E\+15$")
            if "nik.excel0" in tags:
                self.assertRegex(r["nik"], r"^\d{15}0$")
            if "nik.missing" in tags:
                self.assertIn(r["nik"], ("", "-", "0"))

    def test_niks_unique_per_person(self):
        nik_person = {}
        for r in self.roster:
            tags = self.rows[r["id"]]["variations"]
            if "nik." in tags:
                continue
            nik_person.setdefault(r["nik"], set()).add(self.rows[r["id"]]["person"])
        self.assertTrue(all(len(v) == 1 for v in nik_person.values()))

    def test_traps_are_not_truth(self):
        traps = read(self.path("truth/death_traps.csv", self.big))
        self.assertTrue({"namesake", "father"} <= {t["kind"] for t in traps})
        truth_d = {(r["roster_id"], r["death_id"])
                   for r in read(self.path("truth/deaths.csv", self.big))}
        for t in traps:
            self.assertNotIn((t["roster_id"], t["death_id"]), truth_d)
        roster = {r["id"]: r for r in read(self.path("roster.csv", self.big))}
        rows = {r["roster_id"]: r for r in read(self.path("truth/roster_rows.csv", self.big))}
        deaths = {r["id"]: r for r in read(self.path("deaths.csv", self.big))}
        checked = 0
        for t in traps:
            d, r = deaths[t["death_id"]], roster[t["roster_id"]]
            if t["kind"] != "namesake" or rows[r["id"]]["variations"]:
                continue
            # same official name, sex, village and birth year; another birth date and NIK
            self.assertEqual(d["name"], r["name"].upper())
            self.assertEqual(d["sex"], r["sex"])
            self.assertEqual(d["village_code"], r["village_code"])
            self.assertEqual(d["birth_date"][:4], r["birth_date"][:4])
            self.assertNotEqual(d["birth_date"], r["birth_date"])
            self.assertNotEqual(d["nik"], r["nik"])
            checked += 1
        self.assertGreater(checked, 5)
        dups = {(r["left_id"], r["right_id"]) for r in read(self.path("truth/duplicates.csv"))}
        for r in read(self.path("truth/lookalikes.csv")):
            self.assertNotIn((r["left_id"], r["right_id"]), dups)
        tm = {(r["roster_id"], r["member_id"]) for r in read(self.path("truth/members.csv"))}
        for r in read(self.path("truth/member_traps.csv")):
            self.assertNotIn((r["roster_id"], r["member_id"]), tm)
        other = {(r["roster_id"], r["neighbour_id"])
                 for r in read(self.path("truth/other_regency.csv"))}
        nb_traps = read(self.path("truth/neighbour_traps.csv"))
        self.assertTrue(nb_traps)
        for r in nb_traps:
            self.assertNotIn((r["roster_id"], r["neighbour_id"]), other)

    def test_twins_and_namesakes_look_alike(self):
        roster = {r["id"]: r for r in read(self.path("roster.csv", self.big))}
        rows = {r["roster_id"]: r for r in read(self.path("truth/roster_rows.csv", self.big))}
        kinds = Counter()
        for r in read(self.path("truth/lookalikes.csv", self.big)):
            a, b = roster[r["left_id"]], roster[r["right_id"]]
            clean = not rows[a["id"]]["variations"] and not rows[b["id"]]["variations"]
            kinds[r["kind"]] += 1
            if not clean:
                continue
            if r["kind"] == "twins":
                self.assertEqual(a["birth_date"], b["birth_date"])
                self.assertEqual(a["kk"], b["kk"])
                self.assertEqual(a["nik"][:6], b["nik"][:6])
                self.assertEqual(a["nik"][8:12], b["nik"][8:12])
                self.assertNotEqual(a["nik"], b["nik"])
            if r["kind"] == "namesake":
                self.assertEqual(a["name"].upper(), b["name"].upper())
                self.assertEqual(a["birth_date"][:4], b["birth_date"][:4])
                self.assertNotEqual(a["birth_date"], b["birth_date"])
                self.assertEqual(a["village_code"], b["village_code"])
            if r["kind"] == "father_son":
                # the father's KTP may keep the old spelling (Soetrisno / Sutrisno)
                x, y = (n["name"].upper().split(" BIN ")[0] for n in (a, b))
                self.assertTrue(x == y or generate.to_old(x) == y or generate.to_old(y) == x,
                                (x, y))
        for k in ("twins", "namesake", "father_son", "siblings"):
            self.assertGreater(kinds[k], 0, k)

    def test_rates(self):
        st = load_json(self.path("truth/stats.json", self.big))
        persons = st["roster_persons"]
        listings = st["persons_by_listings"]
        self.assertEqual(st["roster_rows"], 20000)
        self.assertAlmostEqual(listings["2"] / persons, generate.RATES["dup2"], delta=0.01)
        self.assertAlmostEqual(listings["3"] / persons, generate.RATES["dup3"], delta=0.004)
        self.assertEqual(st["deaths_of_roster_persons"],
                         round(persons * generate.RATES["deaths_per_1000"] / 1000))
        self.assertEqual(st["deaths_rows"], st["deaths_of_roster_persons"] +
                         round(st["deaths_of_roster_persons"] * generate.RATES["other_deaths"]))
        self.assertEqual(st["roster_persons_members"]["PU"],
                         round(persons * generate.RATES["members_pu"]))
        self.assertEqual(st["overlap_persons"], round(persons * generate.RATES["overlap"]))
        n_first = persons
        n_dup = st["roster_rows"] - persons
        first = st["variations_first_listing"]
        dup = st["variations_further_listings"]
        for op, delta in (("nik.missing", 0.006), ("kk.missing", 0.01)):
            self.assertAlmostEqual(first[op] / n_first, generate.OPS[op][0], delta=delta, msg=op)
        for op, delta in (("nik.missing", 0.04), ("birth.year", 0.03)):
            self.assertAlmostEqual(dup[op] / n_dup, generate.OPS[op][1], delta=delta, msg=op)
        # the namesake rate: planted pairs of persons per roster person
        self.assertAlmostEqual(st["lookalike_person_pairs"]["namesake"] / persons,
                               generate.RATES["namesake"], delta=0.004)

    def test_rate_override(self):
        d = os.path.join(self.tmp, "override")
        run(d, "--rate", "nik.missing=0.5,0.5,0.5,0.5", "--deaths-per-1000", "20",
            "--duplicates", "0.2", workers=2000)
        st = load_json(os.path.join(d, "truth", "stats.json"))
        persons = st["roster_persons"]
        self.assertAlmostEqual(st["variations_first_listing"]["nik.missing"] / persons, 0.5,
                               delta=0.05)
        self.assertAlmostEqual(st["persons_by_listings"]["2"] / persons, 0.2, delta=0.03)
        self.assertEqual(st["deaths_of_roster_persons"], round(persons * 20 / 1000))


@unittest.skipUnless(os.path.exists(os.path.join(AREAS, "villages.csv")),
                     "node_modules/idn-area-data missing: run npm ci")
class Evaluate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="verval-eval-")
        run(cls.tmp, workers=2000, seed=11)
        cls.truth = evaluate.Truth(os.path.join(cls.tmp, "truth"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def findings(self):
        t = self.truth
        rows = [{"kind": "duplicate", "worker": a, "other": b} for a, b in sorted(t.dups)]
        rows += [{"kind": "died", "worker": a, "other": b} for a, b in sorted(t.deaths)]
        rows += [{"kind": "member_wage" if s == "PU" else "member_other", "worker": a,
                  "other": b} for (a, b), s in sorted(t.members.items())]
        rows += [{"kind": "other_regency", "worker": a, "other": "35.13"}
                 for a in sorted(t.other)]
        return rows

    def test_perfect_findings_score_one(self):
        res = evaluate.evaluate_findings(self.truth, self.findings())
        for kind in ("died", "member_wage", "member_other", "member"):
            self.assertEqual(res[kind]["pairs"]["f1"], 1.0, kind)
        self.assertEqual(res["duplicate"]["pairs"]["f1"], 1.0)
        self.assertEqual(res["duplicate"]["clusters"]["f1"], 1.0)
        self.assertEqual(res["other_regency"]["f1"], 1.0)

    def test_errors_are_counted(self):
        rows = self.findings()
        traps = sorted(self.truth.death_traps)
        rows.append({"kind": "died", "worker": traps[0][0], "other": traps[0][1]})
        dropped = next(r for r in rows if r["kind"] == "died")
        rows.remove(dropped)
        res = evaluate.evaluate_findings(self.truth, rows, ["died"])["died"]
        self.assertEqual(res["pairs"]["fp"], 1)
        self.assertEqual(res["pairs"]["fn"], 1)
        self.assertEqual(sum(res["false_positives_on_traps"].values()), 1)

    def test_clusters_close_transitively(self):
        by_person = {}
        for rid, p in self.truth.person.items():
            by_person.setdefault(p, []).append(rid)
        three = sorted(v for v in by_person.values() if len(v) == 3)[0]
        a, b, c = sorted(three)
        res = evaluate.score_duplicates(self.truth, [(a, b), (b, c)])
        self.assertEqual(res["pairs"]["tp"], 2)
        self.assertEqual(res["clusters"]["tp"], 3)
        self.assertEqual(res["clusters"]["predicted"], 3)

    def test_pairs_input_either_way_round(self):
        path = os.path.join(self.tmp, "pairs.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["left_id", "right_id", "probability"])
            for i, (r, d) in enumerate(sorted(self.truth.deaths)):
                w.writerow([d, r, 0.99] if i % 2 else [r, d, 0.4])
        res = evaluate.evaluate_pairs(self.truth, evaluate.read_csv(path), "died", None)
        self.assertEqual(res["died"]["pairs"]["f1"], 1.0)
        res = evaluate.evaluate_pairs(self.truth, evaluate.read_csv(path), "died", 0.5)
        self.assertLess(res["died"]["pairs"]["recall"], 0.6)


if __name__ == "__main__":
    unittest.main()
