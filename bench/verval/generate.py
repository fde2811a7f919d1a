#!/usr/bin/env python3
"""Independent generator of hard, realistic verval test data with the truth.

Writes a regency's worker roster as village lists give it (duplicates, look-alikes, damaged
NIKs, old spellings), a month of the civil registry's death extract, a BPJS membership extract
and, optionally, a neighbouring regency's roster, plus truth/ files saying which rows are the
same person. Python 3 standard library only; deterministic for a --seed (one random.Random
drawn in a fixed order; no set or hash order is ever iterated). See README.md for what is
planted and at which default rate; every rate can be changed with --rate KEY=VALUE.

Written without reading jaring's matching engine or its demo generator, on purpose: the data
must not share the engine authors' assumptions.
"""

import argparse
import bisect
import csv
import gc
import json
import math
import os
import random
import sys
import time
from itertools import accumulate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import names as N  # noqa: E402  (the tables beside this file)

# ------------------------------------------------------------------------------------ rates
# Population structure: probabilities per household drawn (twins, father_son, siblings,
# couple) or per roster person created (dup2, dup3, namesake ...).
RATES = {
    "dup2": 0.050,                # person listed exactly twice in the roster
    "dup3": 0.006,                # person listed three times
    "twins": 0.004,               # household draw is a pair of twins
    "twin_shadow": 0.35,          # ... of whom only one is on the roster
    "father_son": 0.012,          # household draw is a father and son with the same name
    "father_shadow": 0.6,         # ... the father is not on the roster (always when 65+)
    "son_bin": 0.3,               # ... the son's rows add "bin <father>"
    "siblings": 0.03,             # household draw is 2-3 siblings on one KK and address
    "couple": 0.08,               # household draw is husband and wife on one KK
    "namesake": 0.010,            # roster person gets a namesake in the same village, same
                                  # birth year, different birth day (and so NIK), also listed
    "birth_placeholder": 0.06,    # people born before 1975 registered as 01-01 or 31-12
    "old_spelling": 0.15,         # official (KTP) name of someone born before 1975 keeps the
                                  # pre-1972 spelling (Soeparman, Djoko, Tjahjono)
    "phone": 0.55,                # person has a phone number
    "nik_elsewhere": 0.08,        # NIK issued in another East-Javanese regency
    "nik_other_district": 0.12,   # NIK issued in another district of the same regency
    # deaths (Dukcapil extract of the month)
    "deaths_per_1000": 5.0,       # roster persons who die in the month, per 1000 (the real
                                  # rate is ~0.5; raised so that small sets have positives)
    "other_deaths": 4.0,          # deaths of people not on the roster, per roster death
    "namesake_deaths": 0.30,      # of which namesakes of a roster person (same village, sex,
                                  # name, birth year; other birth date and NIK), per roster death
    "father_deaths": 0.10,        # fathers (not listed) of a listed son with the same name
    "twin_deaths": 0.03,          # unlisted twins of a listed twin
    "late_registration": 0.10,    # death registered this month but died up to 11 months ago
    "death_moved": 0.08,          # Dukcapil's domicile of a listed person is another village
    "death_nik_damage": 0.15,     # dead person's first roster row has its NIK missing/damaged
    "death_old_name": 0.15,       # dead person's first roster row spells the name differently
    # BPJS membership extract
    "members_pu": 0.015,          # roster persons who are wage-earner (PU) members
    "members_bpu": 0.020,         # roster persons who are already non-wage (BPU) members
    "member_two_kpj": 0.10,       # a member holds two KPJ numbers (two member rows)
    "other_members": 3.0,         # non-roster members per roster member
    "namesake_members": 0.30,     # non-roster namesakes (same name, sex, birth year) per
                                  # roster member
    "father_members": 0.05,       # unlisted fathers with the son's name, per roster member
    # neighbouring regency
    "overlap": 0.03,              # share of A's roster persons also listed by B
    "overlap_border": 0.7,        # ... of whom listed in B's border districts
    "neighbour_namesakes": 0.01,  # B's own namesakes of A's persons (same name, sex, year)
}
# Per-listing variations: (rate on a person's first listing, on each further listing of the
# roster, on B's listing of an A person, on a BPJS member row). NIK, birth and village
# variations are exclusive within their group (at most one NIK damage per row).
OPS = {
    "name.spelling": (0.04, 0.25, 0.20, 0.10),
    "name.muhammad": (0.10, 0.50, 0.40, 0.40),
    "name.title": (0.02, 0.08, 0.05, 0.03),
    "name.first_word": (0.01, 0.08, 0.06, 0.05),
    "name.join_split": (0.02, 0.08, 0.06, 0.03),
    "name.typo": (0.01, 0.06, 0.05, 0.03),
    "name.bin": (0.005, 0.03, 0.03, 0.0),
    "name.spacing": (0.01, 0.01, 0.01, 0.0),
    "nik.missing": (0.03, 0.12, 0.08, 0.03),
    "nik.digit": (0.004, 0.04, 0.03, 0.01),
    "nik.transpose": (0.003, 0.03, 0.02, 0.005),
    "nik.excel0": (0.01, 0.04, 0.04, 0.01),
    "nik.excel_e": (0.003, 0.02, 0.02, 0.0),
    "nik.invalid": (0.003, 0.01, 0.01, 0.005),
    "nik.format": (0.005, 0.01, 0.01, 0.0),
    "kk.missing": (0.05, 0.15, 0.20, 0.0),
    "kk.excel0": (0.01, 0.04, 0.04, 0.0),
    "birth.year": (0.005, 0.06, 0.05, 0.02),
    "birth.swap": (0.003, 0.04, 0.03, 0.01),
    "birth.placeholder": (0.0, 0.0, 0.0, 0.02),
    "village.moved": (0.0, 0.06, 0.0, 0.0),
    "village.work": (0.0, 0.05, 0.0, 0.0),
    "phone.changed": (0.0, 0.25, 0.30, 0.0),
    "phone.dropped": (0.0, 0.25, 0.30, 0.0),
    "address.wording": (0.0, 0.60, 1.0, 0.0),
    "occupation.wording": (0.0, 0.30, 0.30, 0.0),
    "birth_place.wording": (0.0, 0.30, 0.30, 0.0),
}
LISTINGS = ("first", "dup", "neighbour", "member")
NIK_OPS = ("nik.missing", "nik.digit", "nik.transpose", "nik.excel0", "nik.excel_e",
           "nik.invalid", "nik.format")
BIRTH_OPS = ("birth.year", "birth.swap", "birth.placeholder")
VILLAGE_OPS = ("village.moved", "village.work")
NAME_OPS = ("name.spelling", "name.muhammad", "name.join_split", "name.first_word",
            "name.typo", "name.bin", "name.title", "name.spacing")
OTHER_OPS = ("kk.missing", "kk.excel0", "phone.changed", "phone.dropped", "address.wording",
             "occupation.wording", "birth_place.wording")

HEADER_ROSTER = ["id", "nik", "kk", "name", "sex", "birth_place", "birth_date", "address",
                 "village_code", "occupation", "phone"]
HEADER_DEATHS = ["id", "nik", "name", "sex", "birth_date", "death_date", "village_code"]
HEADER_MEMBERS = ["id", "nik", "name", "birth_date", "kpj", "segment"]

# person fields (plain lists, no per-person objects)
(P_SEX, P_Y, P_M, P_D, P_NAME, P_NIK, P_KK, P_VIL, P_DUSUN, P_RT, P_RW, P_OCC, P_PHONE,
 P_BPLACE, P_MAD, P_TITLE, P_FATHER, P_COPIES, P_OLD, P_REG) = range(20)

DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def dim(y, m):
    if m == 2 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0):
        return 29
    return DAYS_IN_MONTH[m - 1]


class Table:
    """Items with Zipf weights 1/rank^s, or explicit (item, weight) pairs."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items, s=None):
        if s is None:
            self.items = [i for i, _ in items]
            weights = [w for _, w in items]
        else:
            self.items = list(items)
            weights = [1.0 / (r + 1) ** s for r in range(len(items))]
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rnd):
        return self.items[bisect.bisect_right(self.cum, rnd() * self.total)]


# ------------------------------------------------------------------------ spelling and names
def _old_token(tok):
    """EYD spelling -> pre-1972 (Van Ophuijsen/Soewandi): u->oe, j->dj, y->j, c->tj, kh->ch."""
    if tok.endswith(".") or tok in N.MUH_SET or tok in N.ACH_SET or tok in N.ABD_SET:
        return tok
    out = []
    i, n = 0, len(tok)
    while i < n:
        ch = tok[i]
        lo = ch.lower()
        up = ch.isupper()
        if lo == "k" and i + 1 < n and tok[i + 1].lower() == "h":
            out.append("Ch" if up else "ch")
            i += 2
            continue
        if lo == "u":
            out.append("Oe" if up else "oe")
        elif lo == "j":
            out.append("Dj" if up else "dj")
        elif lo == "y":
            out.append("J" if up else "j")
        elif lo == "c":
            out.append("Tj" if up else "tj")
        else:
            out.append(ch)
        i += 1
    old = "".join(out)
    return old.upper() if tok.isupper() else old


def to_old(name):
    return " ".join(_old_token(t) for t in name.split(" "))


def to_new(name):
    """pre-1972 -> EYD: oe->u, dj->j, tj->c, ch->kh, remaining j->y (sj->sy, nj->ny)."""
    return " ".join(_new_token(t) for t in name.split(" "))


def _new_token(tok):
    if tok.endswith(".") or tok in N.MUH_SET or tok.title() in N.MUH_SET:
        return tok  # Moch., Mochammad: not old spelling
    s = tok
    for a, b in (("oe", "u"), ("Oe", "U"), ("OE", "U"), ("tj", "c"), ("Tj", "C"), ("TJ", "C"),
                 ("ch", "kh"), ("Ch", "Kh"), ("CH", "KH"), ("dj", "\x01"), ("Dj", "\x02"),
                 ("DJ", "\x02")):
        s = s.replace(a, b)
    s = s.replace("j", "y").replace("J", "Y")
    return s.replace("\x01", "j").replace("\x02", "J")


TYPO_SUBS = [("y", "i"), ("i", "y"), ("f", "p"), ("p", "f"), ("z", "j"), ("kh", "h"),
             ("h", ""), ("th", "t"), ("dh", "d"), ("iyah", "iah"), ("iah", "iyah"), ("u", "o"),
             ("o", "u"), ("e", "i"), ("i", "e"), ("mm", "m"), ("m", "mm"), ("n", "m"),
             ("ng", "n"), ("a", "o"), ("s", "z"), ("t", "d"), ("ri", "ry")]
SPLIT_PREFIXES = ("Nurul", "Nur", "Abdul", "Sri", "Siti", "Moh", "Umi", "Dwi", "Tri", "Eko")
# first words that lists run into the next one (Nur Hayati -> Nurhayati, Abdul Rohman)
JOIN_FIRST = frozenset(("Nur", "Noer", "Nurul", "Abdul", "Sri", "Umi", "Siti", "Moh", "Muh"))


class Generator:
    def __init__(self, args, rates, ops):
        self.args = args
        self.rates = rates
        self.ops = ops
        self.rng = random.Random(args.seed)
        self.rnd = self.rng.random
        self.nik_serial = {}
        self.kk_serial = {}
        self.kpj_seen = set()
        year, month = (int(x) for x in args.month.split("-"))
        self.ref_y, self.ref_m = year, month
        self.tty = sys.stderr.isatty()
        self.t0 = time.time()
        self.stats = {}
        self._build_tables()
        self.op_plan = self._plan_ops()

    # ------------------------------------------------------------------- setup
    def _build_tables(self):
        s = 0.9
        self.t_jav_m_old = Table(N.JAV_M_OLD, s)
        self.t_jav_m_old_first = Table(N.JAV_M_OLD_FIRST, s)
        self.t_jav_m_old_last = Table(N.JAV_M_OLD_LAST, s)
        self.t_jav_f_old = Table(N.JAV_F_OLD, s)
        self.t_siti2 = Table(N.SITI_2, s)
        self.t_sri2 = Table(N.SRI_2, s)
        self.t_nur2 = Table(N.NUR_2, s)
        self.t_umi2 = Table(N.UMI_2, s)
        self.t_mad_m_old = Table(N.MAD_M_OLD, s)
        self.t_mad_m_core = Table(N.MAD_M_CORE, s)
        self.t_mad_f_old = Table(N.MAD_F_OLD, s)
        self.t_muh_old = Table(N.MUH_OLD)
        self.t_muh_new = Table(N.MUH_NEW)
        self.t_abdul2 = Table(N.ABDUL_2, s)
        self.t_ach2 = Table(N.ACHMAD_2, s)
        self.t_islam_m = Table(N.ISLAM_M, s)
        self.t_islam_m3 = Table(N.ISLAM_M_3, s)
        self.t_jav_m_new = Table(N.JAV_M_NEW, s)
        self.t_jav_m_new_last = Table(N.JAV_M_NEW_LAST, s)
        self.t_islam_f_first = Table(N.ISLAM_F_FIRST, 0.7)
        self.t_islam_f = Table(N.ISLAM_F, s)
        self.t_jav_f_new = Table(N.JAV_F_NEW, s)
        self.t_jav_f_new_last = Table(N.JAV_F_NEW_LAST, s)
        self.t_single_m = Table(N.SINGLE_M_NEW, s)
        self.t_single_f = Table(N.SINGLE_F_NEW, s)
        self.t_title_l = Table(N.TITLE_PREFIX_L)
        self.t_title_p = Table(N.TITLE_PREFIX_P)
        self.t_title_suffix = Table(N.TITLE_SUFFIX)
        self.t_occ = Table([(i, w) for i, (_, _, w) in enumerate(N.OCCUPATIONS)])
        self.t_dusun = Table(N.DUSUN, 0.6)
        # birth years of listed workers: ages 15-64 at the extract's month, older-skewed
        years = []
        for y in range(self.ref_y - 64, self.ref_y - 14):
            a = self.ref_y - y
            w = 1.0 if 28 <= a <= 58 else (0.3 + 0.7 * (a - 15) / 13 if a < 28 else
                                          1.0 - (a - 58) * 0.1)
            years.append((y, w))
        self.t_year = Table(years)
        # birth years of people dying (not listed): mostly old
        years = [(y, math.exp(-(((self.ref_y - y) - 72) / 13.0) ** 2) + 0.04)
                 for y in range(self.ref_y - 100, self.ref_y - 17)]
        self.t_death_year = Table(years)
        years = [(y, 1.0) for y in range(self.ref_y - 58, self.ref_y - 18)]
        self.t_member_year = Table(years)
        self.kk_dates = ["%02d%02d%02d" % (d, m, y % 100) for y in range(2008, 2025)
                         for m in range(1, 13) for d in range(1, dim(y, m) + 1)]

    def progress(self, msg):
        if self.tty:
            sys.stderr.write("\r%6.1fs %s\x1b[K" % (time.time() - self.t0, msg))
            sys.stderr.flush()

    # ------------------------------------------------------------------- drawing helpers
    def make_region(self, areas, code):
        rnd = self.rnd
        reg = {"code": code}
        rname = areas["regencies"][code]
        reg["fullname"] = rname
        reg["name"] = town_name(rname)
        dists = [d for d in areas["districts_by_regency"][code]]
        reg["districts"] = dists  # list of (code, name)
        dist_index = {d[0]: i for i, d in enumerate(dists)}
        vils = areas["villages_by_regency"][code]
        reg["vil_code"] = [v[0] for v in vils]
        reg["vil_name"] = [v[2] for v in vils]
        reg["vil_dist"] = [dist_index[v[1]] for v in vils]
        reg["vil_kel"] = [v[0][9] == "1" for v in vils]
        reg["dist_vils"] = [[] for _ in dists]
        for i, di in enumerate(reg["vil_dist"]):
            reg["dist_vils"][di].append(i)
        # villages differ in size (log-normal-ish weights)
        weights = [self.rng.lognormvariate(0, 0.6) for _ in vils]
        reg["vil_table"] = Table(list(zip(range(len(vils)), weights)))
        # Madurese share per district (high on the north coast of Pasuruan/Probolinggo)
        reg["dist_mad"] = [min(0.9, max(0.03, self.rng.betavariate(1.2, 2.2))) for _ in dists]
        # each village has a few dusun (or lingkungan) and its own list style
        reg["vil_dusun"] = []
        reg["vil_style"] = []
        for i in range(len(vils)):
            k = 2 + int(rnd() * 5)
            ds = []
            while len(ds) < k:
                d = self.t_dusun.pick(rnd)
                if rnd() < 0.15:
                    d += N.DUSUN_SUFFIX[int(rnd() * len(N.DUSUN_SUFFIX))]
                if d not in ds:
                    ds.append(d)
            if rnd() < 0.7 and "Krajan" not in ds and not reg["vil_kel"][i]:
                ds[0] = "Krajan"
            reg["vil_dusun"].append(ds)
            reg["vil_style"].append(self.new_style())
        reg["dist6"] = [d[0].replace(".", "") for d in dists]
        return reg

    def new_style(self):
        """How one list is typed: upper case, address style, occupation vocabulary, phone."""
        rnd = self.rnd
        return (rnd() < 0.6, int(rnd() * 8), rnd() < 0.3, int(rnd() * 4), int(rnd() * 4))

    def birth_date(self, y, old_ok=True):
        rnd = self.rnd
        if old_ok and y < 1975 and rnd() < self.rates["birth_placeholder"]:
            return (1, 1) if rnd() < 0.75 else (12, 31)
        m = 1 + int(rnd() * 12)
        return m, 1 + int(rnd() * dim(y, m))

    def new_nik(self, dist6, sex, y, m, d, consecutive=False):
        prefix = "%s%02d%02d%02d" % (dist6, d + 40 if sex == "P" else d, m, y % 100)
        last = self.nik_serial.get(prefix, 0)
        serial = last + 1 if consecutive else last + 1 + int(self.rnd() * 4)
        self.nik_serial[prefix] = serial
        return "%s%04d" % (prefix, serial)

    def new_kk(self, dist6):
        """KK: district of issue, issue date ddmmyy (2008-2024), serial."""
        rnd = self.rnd
        prefix = dist6 + self.kk_dates[int(rnd() * len(self.kk_dates))]
        serial = self.kk_serial.get(prefix, 0) + 1 + int(rnd() * 3)
        self.kk_serial[prefix] = serial
        return "%s%04d" % (prefix, serial)

    def new_phone(self):
        rnd = self.rnd
        p = N.PHONE_PREFIXES[int(rnd() * len(N.PHONE_PREFIXES))]
        n = 7 + int(rnd() * 3)
        return "%s%0*d" % (p, n, int(rnd() * 10 ** n))

    def nik_district(self, reg, di, mad):
        r = self.rnd()
        if r < self.rates["nik_elsewhere"]:
            other = self.areas["ej_districts"]
            if mad and self.rnd() < 0.6:
                other = self.areas["madura_districts"]
            return other[int(self.rnd() * len(other))]
        if r < self.rates["nik_elsewhere"] + self.rates["nik_other_district"]:
            return reg["dist6"][int(self.rnd() * len(reg["dist6"]))]
        return reg["dist6"][di]

    def birth_place(self, reg, dist6, di, mad, y):
        rnd = self.rnd
        if dist6[:4] != reg["dist6"][0][:4]:
            return self.areas["town_of"][dist6[:4]]
        if mad and y < 1980 and rnd() < 0.3:
            return N.MADURA_TOWNS[int(rnd() * 4)]
        if rnd() < 0.1:
            return N.EAST_JAVA_TOWNS[int(rnd() * len(N.EAST_JAVA_TOWNS))]
        return reg["name"] if rnd() < 0.7 else reg["districts"][di][1]

    def gen_name(self, sex, y, mad):
        """Official (KTP) name, by sex, generation and Javanese/Madurese background."""
        rnd = self.rnd
        r = rnd()
        gen = 0 if y < 1975 else (2 if y >= 1988 else (0 if rnd() < 0.5 else 2))
        must_two = y >= 2005  # Permendagri 73/2022: new documents have two words or more
        muh = self.t_muh_new if must_two else self.t_muh_old
        if sex == "L":
            if gen == 0:
                if mad:
                    if r < 0.55 and not must_two:
                        return self.t_mad_m_old.pick(rnd)
                    if r < 0.80:
                        return muh.pick(rnd) + " " + self.t_mad_m_core.pick(rnd)
                    if r < 0.90:
                        return ("Abdul " if must_two or rnd() < 0.6 else "Abd. ") + \
                            self.t_abdul2.pick(rnd)
                    return ("Achmad " if rnd() < 0.5 else "Ahmad ") + self.t_ach2.pick(rnd)
                if r < 0.60 and not must_two:
                    return self.t_jav_m_old.pick(rnd)
                if r < 0.72:
                    return muh.pick(rnd) + " " + self.t_islam_m.pick(rnd)
                if r < 0.78:
                    return ("Achmad " if rnd() < 0.4 else "Ahmad ") + self.t_ach2.pick(rnd)
                if r < 0.85:
                    return "Abdul " + self.t_abdul2.pick(rnd)
                return self.t_jav_m_old_first.pick(rnd) + " " + self.t_jav_m_old_last.pick(rnd)
            if r < 0.10 and not must_two:
                return self.t_single_m.pick(rnd)
            if r < 0.45:
                n = muh.pick(rnd) + " " + self.t_islam_m.pick(rnd)
            elif r < 0.57:
                n = ("Achmad " if rnd() < 0.3 else "Ahmad ") + self.t_islam_m.pick(rnd)
            elif r < 0.62:
                n = "Abdul " + self.t_abdul2.pick(rnd)
            else:
                n = self.t_jav_m_new.pick(rnd)
                if rnd() < 0.85 or must_two:
                    n += " " + self.t_jav_m_new_last.pick(rnd)
                return n
            if rnd() < 0.45:
                n += " " + self.t_islam_m3.pick(rnd)
            return n
        # women
        if gen == 0:
            if mad:
                if r < 0.50 and not must_two:
                    return self.t_mad_f_old.pick(rnd)
                if r < 0.82:
                    return "Siti " + (self.t_siti2.pick(rnd) if rnd() < 0.6
                                      else self.t_mad_f_old.pick(rnd))
                return "Nur " + self.t_nur2.pick(rnd)
            if r < 0.55 and not must_two:
                return self.t_jav_f_old.pick(rnd)
            if r < 0.75:
                return "Siti " + self.t_siti2.pick(rnd)
            if r < 0.87:
                return "Sri " + self.t_sri2.pick(rnd)
            if r < 0.93:
                return "Nur " + self.t_nur2.pick(rnd)
            if r < 0.96:
                return "Umi " + self.t_umi2.pick(rnd)
            return self.t_jav_f_old.pick(rnd) + " " + self.t_jav_f_old.pick(rnd)
        if r < 0.08 and not must_two:
            return self.t_single_f.pick(rnd)
        if r < 0.50:
            n = self.t_islam_f_first.pick(rnd) + " " + self.t_islam_f.pick(rnd)
            if rnd() < 0.3:
                n += " " + self.t_jav_f_new_last.pick(rnd)
            return n
        first = self.t_jav_f_new.pick(rnd)
        n = first + " " + self.t_jav_f_new_last.pick(rnd)
        if rnd() < 0.15:
            pre = self.t_jav_f_new.pick(rnd)
            if pre != first:
                n = pre + " " + n
        return n

    def father_name(self, y_child, mad):
        y = y_child - 22 - int(self.rnd() * 15)
        return call_name(self.gen_name("L", y, mad))

    def maybe_old(self, name, y):
        if y < 1975 and self.rnd() < self.rates["old_spelling"]:
            old = to_old(name)
            if old != name:
                return old, True
        return name, False

    # ------------------------------------------------------------------- persons
    def household(self, reg, vi, y_head=None):
        """[kk, village, dusun, rt, rw, phone] of a new household in village vi."""
        rnd = self.rnd
        di = reg["vil_dist"][vi]
        kk = self.new_kk(reg["dist6"][di])
        ds = reg["vil_dusun"][vi]
        dusun = ds[int(rnd() * rnd() * len(ds))]  # first dusun (Krajan) the biggest
        rt = 1 + int(rnd() * 25)
        rw = 1 + int(rnd() * min(12, 1 + rt // 2))
        phone = self.new_phone() if rnd() < self.rates["phone"] else ""
        return [kk, vi, dusun, rt, rw, phone]

    def person(self, reg, hh, sex, y, m=None, d=None, name=None, mad=None, dist6=None,
               consecutive=False, own_phone=True):
        rnd = self.rnd
        vi = hh[1]
        di = reg["vil_dist"][vi]
        if mad is None:
            mad = rnd() < reg["dist_mad"][di]
        if m is None:
            m, d = self.birth_date(y)
        old = False
        if name is None:
            name, old = self.maybe_old(self.gen_name(sex, y, mad), y)
        if dist6 is None:
            dist6 = self.nik_district(reg, di, mad)
        nik = self.new_nik(dist6, sex, y, m, d, consecutive)
        phone = hh[5]
        if own_phone and rnd() < 0.5:
            phone = self.new_phone() if rnd() < self.rates["phone"] else ""
        title = ""
        r = rnd()
        if y < 1980 and r < 0.05:
            title = (self.t_title_l if sex == "L" else self.t_title_p).pick(rnd)
        elif 1970 <= y < 1998 and r < 0.065:
            title = self.t_title_suffix.pick(rnd)
        p = [sex, y, m, d, name, nik, hh[0], vi, hh[2], hh[3], hh[4], self.t_occ.pick(rnd),
             phone, self.birth_place(reg, dist6, di, mad, y), mad, title,
             "", 0, old, reg["code"]]
        return p

    def roster_copies(self):
        r = self.rnd()
        if r < self.rates["dup3"]:
            return 3
        if r < self.rates["dup3"] + self.rates["dup2"]:
            return 2
        return 1

    def namesake_of(self, reg, p, listed):
        """Same official name, sex, village and birth year; another birth day (so NIK)."""
        rnd = self.rnd
        while True:
            m, d = self.birth_date(p[P_Y], old_ok=False)
            if (m, d) != (p[P_M], p[P_D]):
                break
        hh = self.household(reg, p[P_VIL])
        if rnd() < 0.5:
            hh[2] = p[P_DUSUN]
        q = self.person(reg, hh, p[P_SEX], p[P_Y], m, d, name=p[P_NAME], mad=p[P_MAD])
        q[P_OLD] = p[P_OLD]
        if listed:
            q[P_COPIES] = self.roster_copies()
        return q

    def populate(self, reg, rows_wanted, plant):
        """Persons of a regency until their listings reach rows_wanted. With plant, also the
        look-alikes (twins, fathers and sons, siblings, namesakes) and the unlisted shadows."""
        rnd = self.rnd
        R = self.rates
        persons = []
        look = []          # (i, j, kind): two different persons who look alike
        shadow_fathers = []  # (father i, son j): father unlisted, same name
        shadow_twins = []    # (unlisted twin i, listed twin j)
        rows = 0
        vt = reg["vil_table"]
        t_year = self.t_year
        cut_twins = R["twins"]
        cut_fs = cut_twins + R["father_son"]
        cut_sib = cut_fs + R["siblings"]
        cut_cpl = cut_sib + R["couple"]
        while rows < rows_wanted:
            if self.tty and len(persons) % 20000 == 0:
                self.progress("%s: %d persons" % (reg["code"], len(persons)))
            vi = vt.pick(rnd)
            hh = self.household(reg, vi)
            r = rnd() if plant else 1.0
            start = len(persons)
            if r < cut_twins:
                y = self.ref_y - 17 - int(rnd() * 23)
                m, d = self.birth_date(y, old_ok=False)
                a, sa, b, sb = N.TWIN_PAIRS[int(rnd() * len(N.TWIN_PAIRS))]
                if rnd() < 0.6:
                    pre = (N.TWIN_PREFIX_MIXED if sa != sb else
                           N.TWIN_PREFIX_L if sa == "L" else N.TWIN_PREFIX_P)
                    pre = pre[int(rnd() * len(pre))] + " "
                    a, b = pre + a, pre + b
                mad = rnd() < reg["dist_mad"][reg["vil_dist"][vi]]
                dist6 = self.nik_district(reg, reg["vil_dist"][vi], mad)
                p1 = self.person(reg, hh, sa, y, m, d, name=a, mad=mad, dist6=dist6,
                                 own_phone=False)
                p2 = self.person(reg, hh, sb, y, m, d, name=b, mad=mad, dist6=dist6,
                                 consecutive=(sa == sb), own_phone=rnd() < 0.4)
                p2[P_BPLACE] = p1[P_BPLACE]
                p2[P_FATHER] = p1[P_FATHER]
                p1[P_COPIES] = self.roster_copies()
                persons += [p1, p2]
                if rnd() < R["twin_shadow"]:
                    shadow_twins.append((start + 1, start))
                else:
                    p2[P_COPIES] = self.roster_copies()
                    look.append((start, start + 1, "twins"))
            elif r < cut_fs:
                ys = self.ref_y - 18 - int(rnd() * 27)
                yf = ys - 22 - int(rnd() * 17)
                mad = rnd() < reg["dist_mad"][reg["vil_dist"][vi]]
                name = self.gen_name("L", yf, mad)
                father = self.person(reg, hh, "L", yf, name=name, mad=mad)
                father[P_NAME], father[P_OLD] = self.maybe_old(name, yf)
                same_kk = rnd() < 0.5
                hs = hh if same_kk else self.household(reg, vi)
                son = self.person(reg, hs, "L", ys, name=name, mad=mad)
                # "!": this son's lists usually write "bin <father>"
                son[P_FATHER] = ("!" if rnd() < R["son_bin"] else "") + call_name(name)
                son[P_COPIES] = self.roster_copies()
                persons += [father, son]
                if yf <= self.ref_y - 65 or rnd() < R["father_shadow"]:
                    shadow_fathers.append((start, start + 1))
                else:
                    father[P_COPIES] = self.roster_copies()
                    look.append((start, start + 1, "father_son"))
            elif r < cut_sib:
                k = 2 if rnd() < 0.8 else 3
                y = self.ref_y - 18 - int(rnd() * 30)
                mad = rnd() < reg["dist_mad"][reg["vil_dist"][vi]]
                first = None
                for j in range(k):
                    sex = "L" if rnd() < 0.5 else "P"
                    q = self.person(reg, hh, sex, y, mad=mad, own_phone=rnd() < 0.5)
                    toks = q[P_NAME].split(" ")
                    if j == 0:
                        first = (sex, toks[0]) if len(toks) >= 2 else None
                    elif first and first[0] == sex and len(toks) >= 2 and rnd() < 0.5:
                        # parents reuse a first element: Siti Aminah, Siti Fatimah
                        if toks[-1] != first[1]:
                            q[P_NAME] = first[1] + " " + toks[-1]
                    q[P_COPIES] = self.roster_copies()
                    persons.append(q)
                    y += 1 + int(rnd() * 7)
                    if y > self.ref_y - 15:
                        break
                for i in range(start, len(persons)):
                    for j in range(i + 1, len(persons)):
                        look.append((i, j, "siblings"))
            elif r < cut_cpl:
                y = t_year.pick(rnd)
                mad = rnd() < reg["dist_mad"][reg["vil_dist"][vi]]
                h = self.person(reg, hh, "L", y, mad=mad, own_phone=False)
                yw = min(self.ref_y - 16, y + int(rnd() * 8))
                w = self.person(reg, hh, "P", yw, mad=mad, own_phone=rnd() < 0.5)
                h[P_COPIES] = self.roster_copies()
                w[P_COPIES] = self.roster_copies()
                persons += [h, w]
            else:
                q = self.person(reg, hh, "L" if rnd() < 0.52 else "P", t_year.pick(rnd))
                q[P_COPIES] = self.roster_copies()
                persons.append(q)
            if plant:
                end = len(persons)
                for i in range(start, end):
                    if persons[i][P_COPIES] and rnd() < R["namesake"]:
                        persons.append(self.namesake_of(reg, persons[i], True))
                        look.append((i, len(persons) - 1, "namesake"))
            for i in range(start, len(persons)):
                rows += persons[i][P_COPIES]
        # trim to the exact number of rows: drop listings from the end
        i = len(persons) - 1
        while rows > rows_wanted:
            c = persons[i][P_COPIES]
            if c:
                cut = min(c, rows - rows_wanted)
                persons[i][P_COPIES] = c - cut
                rows -= cut
            i -= 1
        return persons, look, shadow_fathers, shadow_twins

    # ------------------------------------------------------------------- rendering
    def _plan_ops(self):
        """Per listing kind, the variations as a sequence of independent events (an exclusive
        group such as the NIK damages is one event), with, for each start position s, the
        cumulative probabilities that the first event to happen from s on is s, s+1, ...
        choose_ops then needs one random number per event that happens, plus one."""
        plan = []
        for w in range(len(LISTINGS)):
            events = []  # (rate, [ops], cumulative rates within the group)
            for group in (NIK_OPS, BIRTH_OPS, VILLAGE_OPS):
                items = [(op, self.ops[op][w]) for op in group if self.ops[op][w] > 0]
                if items:
                    cum = list(accumulate(r for _, r in items))
                    if cum[-1] > 1.0:
                        sys.exit("rates of %s add up to more than 1" % ", ".join(group))
                    events.append((cum[-1], [op for op, _ in items], cum))
            for op in NAME_OPS + OTHER_OPS:
                rate = self.ops[op][w]
                if rate > 1.0:
                    sys.exit("rate of %s is more than 1" % op)
                if rate > 0:
                    events.append((rate, [op], [rate]))
            firsts = []
            for start in range(len(events)):
                cum, none_yet, acc = [], 1.0, 0.0
                for rate, _, _ in events[start:]:
                    acc += none_yet * rate
                    cum.append(acc)
                    none_yet *= 1.0 - rate
                firsts.append(cum)
            plan.append((events, firsts))
        return plan

    def choose_ops(self, which):
        """Variations for one listing; `which` indexes LISTINGS. Each event happens
        independently with its rate (drawn as "which event happens next")."""
        rnd = self.rnd
        events, firsts = self.op_plan[which]
        chosen = []
        s = 0
        n = len(events)
        while s < n:
            cum = firsts[s]
            k = bisect.bisect_right(cum, rnd())
            if k >= len(cum):
                break
            s += k
            rate, names, gcum = events[s]
            chosen.append(names[0] if len(names) == 1 else
                          names[bisect.bisect_right(gcum, rnd() * rate)])
            s += 1
        return chosen

    def render_name(self, p, ops, tags):
        rnd = self.rnd
        name = p[P_NAME]
        father = p[P_FATHER]
        if not p[P_TITLE] and not father.startswith("!") and \
                not any(op.startswith("name.") for op in ops):
            return name
        toks = name.split(" ")
        if "name.muhammad" in ops:
            for k, t in enumerate(toks):
                for group in (N.MUH_SET, N.ACH_SET, N.ABD_SET, N.NUR_SET):
                    if t in group:
                        alts = (N.MUH_ALL if group is N.MUH_SET else N.ACH_ALL if group is
                                N.ACH_SET else N.ABD_ALL if group is N.ABD_SET else N.NUR_ALL)
                        alt = alts[int(rnd() * len(alts))]
                        if alt == t:
                            alt = alts[(alts.index(t) + 1) % len(alts)]
                        toks[k] = alt
                        tags.append("name.muhammad")
                        break
                else:
                    continue
                break
        if "name.spelling" in ops and (p[P_Y] < 1980 or rnd() < 0.15):
            cur = " ".join(toks)
            alt = to_new(cur) if p[P_OLD] else to_old(cur)
            if alt != cur:
                toks = alt.split(" ")
                tags.append("name.spelling")
        if "name.join_split" in ops:
            split_at = None
            for k, t in enumerate(toks):
                for pre in SPLIT_PREFIXES:
                    if t.startswith(pre) and len(t) >= len(pre) + 3 and t[len(pre)].islower():
                        split_at = (k, pre)
                        break
                if split_at:
                    break
            joinable = [k for k in range(len(toks) - 1)
                        if toks[k] in JOIN_FIRST and not toks[k + 1].endswith(".")]
            if split_at and (not joinable or rnd() < 0.5):
                k, pre = split_at
                t = toks[k]
                toks[k:k + 1] = [pre, t[len(pre)].upper() + t[len(pre) + 1:]]
                tags.append("name.join_split")
            elif joinable:
                k = joinable[int(rnd() * len(joinable))]
                toks[k:k + 2] = [toks[k] + toks[k + 1].lower()]
                tags.append("name.join_split")
        if "name.first_word" in ops and len(toks) >= 2:
            # the short form a list writes: the first word (Eko Prasetyo -> Eko), but after
            # Muhammad, Ahmad, Abdul or Siti the call name (Moch. Rofiq -> Rofiq) or the first
            # two words (Muhammad Rizki Pratama -> Muhammad Rizki)
            t0 = toks[0]
            if t0 in N.MUH_SET or t0 in N.ACH_SET or t0 in N.ABD_SET or t0 == "Siti":
                toks = toks[:2] if len(toks) >= 3 and rnd() < 0.5 else toks[1:2]
            else:
                toks = toks[:1]
            tags.append("name.first_word")
        if "name.typo" in ops:
            k = int(rnd() * len(toks))
            t = toks[k]
            for _ in range(6):
                a, b = TYPO_SUBS[int(rnd() * len(TYPO_SUBS))]
                pos = t.find(a, 1)
                if pos > 0:
                    t2 = t[:pos] + b + t[pos + len(a):]
                    if len(t2) >= 3:
                        toks[k] = t2
                        tags.append("name.typo")
                        break
        bin_ = ""
        if "name.bin" in ops and not father:  # drawn when first needed, kept for the person
            father = p[P_FATHER] = self.father_name(p[P_Y], p[P_MAD])
        if father and ("name.bin" in ops or (father[0] == "!" and rnd() < 0.7)):
            bin_ = (" bin " if p[P_SEX] == "L" else " binti ") + father.lstrip("!")
            tags.append("name.bin")
        out = " ".join(toks) + bin_
        title = p[P_TITLE]
        if "name.title" in ops or (title and rnd() < 0.3):
            if not title:
                r = rnd()
                title = ((self.t_title_l if p[P_SEX] == "L" else self.t_title_p).pick(rnd)
                         if r < 0.75 or p[P_Y] < 1970 else self.t_title_suffix.pick(rnd))
            if title[0] == "S" and "." in title:
                out = out + ", " + title
            else:
                out = title + " " + out
            tags.append("name.title")
        return out

    def render_nik(self, nik, op):
        rnd = self.rnd
        if op == "nik.missing":
            r = rnd()
            return "" if r < 0.85 else ("-" if r < 0.95 else "0")
        if op == "nik.digit":
            pos = int(rnd() * 16)
            dg = str((int(nik[pos]) + 1 + int(rnd() * 9)) % 10)
            return nik[:pos] + dg + nik[pos + 1:]
        if op == "nik.transpose":
            cands = [i for i in range(15) if nik[i] != nik[i + 1]]
            i = cands[int(rnd() * len(cands))]
            return nik[:i] + nik[i + 1] + nik[i] + nik[i + 2:]
        if op == "nik.excel0":
            return nik[:15] + "0" if nik[15] != "0" else None
        if op == "nik.excel_e":
            mant = (nik[0] + "." + nik[1:6]).rstrip("0").rstrip(".")
            return mant + "E+15"
        if op == "nik.invalid":
            r = rnd()
            pos = 1 + int(rnd() * 14)
            if r < 0.4:
                return nik[:pos] + nik[pos + 1:]
            if r < 0.7:
                return nik[:pos] + nik[pos] + nik[pos:]
            zeros = [i for i in range(16) if nik[i] == "0"]
            if zeros:
                i = zeros[int(rnd() * len(zeros))]
                return nik[:i] + "O" + nik[i + 1:]
            return nik[:15]
        if op == "nik.format":
            r = rnd()
            if r < 0.4:
                return "'" + nik
            if r < 0.8:
                return " ".join((nik[0:4], nik[4:8], nik[8:12], nik[12:16]))
            return nik + " "
        return nik

    def render_address(self, reg, vi, dusun, rt, rw, style, upper):
        kel = reg["vil_kel"][vi]
        D = "Lingkungan" if kel else "Dusun"
        d = "Lingk." if kel else "Dsn."
        if style == 0:
            s = "%s %s RT %03d RW %03d" % (D, dusun, rt, rw)
        elif style == 1:
            s = "%s %s RT %02d RW %02d" % (d, dusun, rt, rw)
        elif style == 2:
            s = "%s %s RT.%03d/RW.%03d" % (d.rstrip("."), dusun, rt, rw)
        elif style == 3:
            s = "%s %02d/%02d" % (dusun, rt, rw)
        elif style == 4:
            s = "RT %d RW %d %s %s" % (rt, rw, D, dusun)
        elif style == 5:
            s = "%s %s" % (D, dusun)
        elif style == 6:
            s = "%s %s Rt %02d Rw %02d" % (d.rstrip("."), dusun, rt, rw)
        else:
            s = "%s RT %02d/%02d" % (dusun, rt, rw)
        return s.upper() if upper else s

    @staticmethod
    def render_phone(p, fmt):
        if not p:
            return ""
        if fmt == 1:
            return "62" + p[1:]
        if fmt == 2:
            return "+62 %s-%s-%s" % (p[1:4], p[4:8], p[8:])
        if fmt == 3:
            return "%s %s %s" % (p[:4], p[4:8], p[8:])
        return p

    def render_bplace(self, reg, bp, fmt, upper):
        if bp in self.areas["kab_towns"]:  # "Kab. Surabaya" would be wrong: it is a city
            bp = (bp, "Kab. " + bp, "Kabupaten " + bp, bp)[fmt]
        return bp.upper() if upper else bp

    def render_row(self, reg, p, which, style, force=()):
        """One listing of person p: the CSV fields after `id`, and the variation tags."""
        rnd = self.rnd
        ops = self.choose_ops(which)
        for op in force:
            if op.startswith("nik."):
                ops = [o for o in ops if not o.startswith("nik.")]
            ops.append(op)
        tags = []
        upper, addr_style, ktp_occ, phone_fmt, bp_fmt = style
        nik = p[P_NIK]
        y, m, d = p[P_Y], p[P_M], p[P_D]
        vi, kk, dusun, rt, rw = p[P_VIL], p[P_KK], p[P_DUSUN], p[P_RT], p[P_RW]
        phone = p[P_PHONE]
        addr_suffix = ""
        occ_prog, occ_ktp, _ = N.OCCUPATIONS[p[P_OCC]]
        occ = occ_ktp if ktp_occ else occ_prog
        bp = p[P_BPLACE]
        if ops:  # most first listings have none: skip the checks
            for op in ops:
                if op.startswith("nik."):
                    out = self.render_nik(nik, op)
                    if out is not None:
                        nik = out
                        tags.append(op)
                    break
            if "birth.year" in ops:
                y += 1 if rnd() < 0.5 else -1
                d = min(d, dim(y, m))
                tags.append("birth.year")
            elif "birth.swap" in ops and d <= 12 and d != m:
                m, d = d, m
                tags.append("birth.swap")
            elif "birth.placeholder" in ops and (m, d) != (1, 1):
                m, d = 1, 1
                tags.append("birth.placeholder")
            if "village.moved" in ops or "village.work" in ops:
                di = reg["vil_dist"][vi]
                pool = reg["dist_vils"][di] if rnd() < 0.5 else None
                while True:
                    nv = (pool[int(rnd() * len(pool))] if pool
                          else int(rnd() * len(reg["vil_code"])))
                    if nv != vi:
                        break
                if "village.moved" in ops:
                    hh = self.household(reg, nv)
                    kk = hh[0] if rnd() < 0.7 else ""
                    dusun, rt, rw = hh[2], hh[3], hh[4]
                    tags.append("village.moved")
                else:
                    if rnd() < 0.5:
                        addr_suffix = " Ds. " + reg["vil_name"][vi]
                    else:
                        ds = reg["vil_dusun"][nv]
                        dusun = ds[int(rnd() * len(ds))]
                    tags.append("village.work")
                vi = nv
            if "kk.missing" in ops and kk:
                kk = ""
                tags.append("kk.missing")
            elif "kk.excel0" in ops and kk and kk[15] != "0":
                kk = kk[:15] + "0"
                tags.append("kk.excel0")
            if "phone.dropped" in ops and phone:
                phone = ""
                tags.append("phone.dropped")
            elif "phone.changed" in ops:
                phone = self.new_phone()
                tags.append("phone.changed")
            if "address.wording" in ops:
                addr_style = (addr_style + 1 + int(rnd() * 7)) % 8
                tags.append("address.wording")
            if "occupation.wording" in ops:
                alts = N.OCCUPATION_ALT[occ_prog]
                occ = alts[int(rnd() * len(alts))] if not ktp_occ else occ_prog
                tags.append("occupation.wording")
            if "birth_place.wording" in ops:
                if bp in self.areas["towns"]:
                    bp_fmt = (bp_fmt + 1 + int(rnd() * 3)) % 4
                else:  # a district written where another list writes the regency
                    bp = self.areas["town_of"][p[P_REG].replace(".", "")]
                tags.append("birth_place.wording")
        name = self.render_name(p, ops, tags)
        if upper:
            name = name.upper()
        if "name.spacing" in ops:  # a doubled or trailing blank
            name = name.replace(" ", "  ", 1) if " " in name and rnd() < 0.5 else name + " "
            tags.append("name.spacing")
        address = self.render_address(reg, vi, dusun, rt, rw, addr_style, upper)
        if addr_suffix:
            address += addr_suffix.upper() if upper else addr_suffix
        return [nik, kk, name, p[P_SEX], self.render_bplace(reg, bp, bp_fmt, upper),
                "%04d-%02d-%02d" % (y, m, d), address, reg["vil_code"][vi],
                occ.upper() if upper else occ, self.render_phone(phone, phone_fmt)], tags

    # ------------------------------------------------------------------- outputs
    def sample_weighted(self, idx, weight, k):
        """k distinct items of idx, drawn with probability proportional to weight(item)."""
        if k <= 0 or not idx:
            return []
        k = min(k, len(idx))
        t = Table([(i, weight(i)) for i in idx])
        seen = set()
        out = []
        rnd = self.rnd
        while len(out) < k:
            i = t.pick(rnd)
            if i not in seen:
                seen.add(i)
                out.append(i)
        return out

    def run(self):
        a = self.args
        out = a.out
        os.makedirs(os.path.join(out, "truth"), exist_ok=True)
        self.areas = load_areas(a.areas, [a.regency[:2]] +
                                ([a.neighbour[:2]] if a.neighbour else []))
        for code in (a.regency, a.neighbour):
            if code and code not in self.areas["villages_by_regency"]:
                sys.exit("unknown regency code %s (dotted, e.g. 35.14)" % code)
        A = self.make_region(self.areas, a.regency)
        B = self.make_region(self.areas, a.neighbour) if a.neighbour else None
        rnd = self.rnd
        R = self.rates

        # ---- regency A's people and who is listed how often
        PA, look, shadow_fathers, shadow_twins = self.populate(A, a.workers, plant=True)
        listed = [i for i, p in enumerate(PA) if p[P_COPIES]]
        ref_y = self.ref_y

        # ---- who dies this month, who is a member, who is also listed by B
        n_dead = int(round(len(listed) * R["deaths_per_1000"] / 1000.0))
        dead = self.sample_weighted(
            listed, lambda i: math.exp((ref_y - PA[i][P_Y] - 45) / 10.0), n_dead)
        dead_set = set(dead)
        n_pu = int(round(len(listed) * R["members_pu"]))
        n_bpu = int(round(len(listed) * R["members_bpu"]))
        mem = self.rng.sample(listed, min(len(listed), n_pu + n_bpu))
        mem_seg = {i: ("PU" if k < n_pu else "BPU") for k, i in enumerate(mem)}
        overlap = []
        if B:
            n_ov = int(round(len(listed) * R["overlap"]))
            border = set(int(rnd() * len(A["districts"])) for _ in range(3))
            overlap = self.sample_weighted(
                listed, lambda i: 8.0 if A["vil_dist"][PA[i][P_VIL]] in border else 1.0,
                n_ov)

        # ---- roster rows
        self.progress("rendering roster")
        rows = []  # [person, fields..., tags]
        op_counts = {"first": {}, "dup": {}}
        n_death_forced = {"nik": 0, "name": 0}
        for i in listed:
            p = PA[i]
            style = A["vil_style"][p[P_VIL]]
            for c in range(p[P_COPIES]):
                force = ()
                if c == 0 and i in dead_set:
                    f = []
                    if rnd() < R["death_nik_damage"]:
                        r = rnd()
                        f.append("nik.missing" if r < 0.5 else "nik.excel0" if r < 0.75
                                 else "nik.digit")
                        n_death_forced["nik"] += 1
                    if rnd() < R["death_old_name"]:
                        f.append("name.spelling" if rnd() < 0.5 else "name.muhammad")
                        n_death_forced["name"] += 1
                    force = f
                which = 0 if c == 0 else 1
                if c > 0:
                    style = self.new_style()
                fields, tags = self.render_row(A, p, which, style, force)
                cnt = op_counts["first" if c == 0 else "dup"]
                for t in tags:
                    cnt[t] = cnt.get(t, 0) + 1
                rows.append((i, fields, tags))
        self.rng.shuffle(rows)
        person_rows = {}
        w = self.digits(len(rows))
        with open(os.path.join(out, "roster.csv"), "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(HEADER_ROSTER)
            buf = []
            for k, (i, fields, tags) in enumerate(rows):
                rid = "R%0*d" % (w, k + 1)
                person_rows.setdefault(i, []).append(rid)
                buf.append([rid] + fields)
                if len(buf) == 50000:
                    wr.writerows(buf)
                    buf = []
            wr.writerows(buf)
        with open(os.path.join(out, "truth", "roster_rows.csv"), "w", newline="") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(["roster_id", "person", "variations"])
            wr.writerows(("R%0*d" % (w, k + 1), i, ";".join(tags))
                         for k, (i, _, tags) in enumerate(rows))
        del rows

        # ---- truth: duplicates and look-alikes
        n_pairs = 0
        with open(os.path.join(out, "truth", "duplicates.csv"), "w", newline="") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(["left_id", "right_id"])
            for i in listed:
                ids = person_rows[i]
                for x in range(len(ids)):
                    for y in range(x + 1, len(ids)):
                        wr.writerow(sorted((ids[x], ids[y])))
                        n_pairs += 1
        look_counts = {}
        with open(os.path.join(out, "truth", "lookalikes.csv"), "w", newline="") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(["left_id", "right_id", "kind"])
            for i, j, kind in look:
                if i in person_rows and j in person_rows:
                    look_counts[kind] = look_counts.get(kind, 0) + 1
                    for x in person_rows[i]:
                        for y in person_rows[j]:
                            wr.writerow(sorted((x, y)) + [kind])

        # ---- deaths
        self.progress("deaths")
        # a listed look-alike of a dead listed person must not be linked either
        partners = {}
        for i, j, kind in look:
            if kind == "siblings":  # other names: no temptation worth recording
                continue
            partners.setdefault(i, []).append(("listed_" + kind, j))
            partners.setdefault(j, []).append(("listed_" + kind, i))
        drecs = []  # (fields, roster person or -1, [(trap kind, listed look-alike)])
        for i in dead:
            fields = self.death_fields(A, PA[i])
            if rnd() < R["death_moved"]:  # moved since the list was made
                fields[5] = A["vil_code"][A["vil_table"].pick(rnd)]
            drecs.append((fields, i, partners.get(i, [])))
        n_rd = len(dead)
        n_other = int(round(n_rd * R["other_deaths"]))
        n_ns = min(n_other, int(round(n_rd * R["namesake_deaths"])))
        n_fa = min(n_other - n_ns, int(round(n_rd * R["father_deaths"])), len(shadow_fathers))
        n_tw = min(n_other - n_ns - n_fa, int(round(n_rd * R["twin_deaths"])),
                   len(shadow_twins))
        for i in self.rng.sample(listed, min(n_ns, len(listed))):
            q = self.namesake_of(A, PA[i], False)
            drecs.append((self.death_fields(A, q), -1, [("namesake", i)]))
        for f_i, s_i in self.rng.sample(shadow_fathers, n_fa):
            drecs.append((self.death_fields(A, PA[f_i]), -1, [("father", s_i)]))
        for t_i, l_i in self.rng.sample(shadow_twins, n_tw):
            drecs.append((self.death_fields(A, PA[t_i]), -1, [("twin", l_i)]))
        for _ in range(n_other - n_ns - n_fa - n_tw):
            vi = A["vil_table"].pick(rnd)
            q = self.person(A, self.household(A, vi), "L" if rnd() < 0.55 else "P",
                            self.t_death_year.pick(rnd))
            drecs.append((self.death_fields(A, q), -1, []))
        self.rng.shuffle(drecs)
        w = self.digits(len(drecs))
        trap_counts = {"deaths": {}, "members": {}, "neighbour": {}}
        with open(os.path.join(out, "deaths.csv"), "w", newline="", encoding="utf-8") as f, \
                open(os.path.join(out, "truth", "deaths.csv"), "w", newline="") as t, \
                open(os.path.join(out, "truth", "death_traps.csv"), "w", newline="") as tt:
            wr, wt, wtt = (csv.writer(x, lineterminator="\n") for x in (f, t, tt))
            wr.writerow(HEADER_DEATHS)
            wt.writerow(["roster_id", "death_id"])
            wtt.writerow(["roster_id", "death_id", "kind"])
            for k, (fields, i, traps) in enumerate(drecs):
                did = "D%0*d" % (w, k + 1)
                wr.writerow([did] + fields)
                if i >= 0:
                    for rid in person_rows[i]:
                        wt.writerow([rid, did])
                self.write_traps(wtt, traps, person_rows, did, trap_counts["deaths"])

        # ---- BPJS members
        self.progress("members")
        mrecs = []  # (person list, segment, roster person or -1, [(trap kind, person)])
        for i in mem:
            seg = mem_seg[i]
            mrecs.append((PA[i], seg, i, partners.get(i, [])))
            if rnd() < R["member_two_kpj"]:
                seg2 = seg if rnd() < 0.5 else ("BPU" if seg == "PU" else "PU")
                mrecs.append((PA[i], seg2, i, partners.get(i, [])))
        n_rm = len(mem)
        n_other = int(round(n_rm * R["other_members"]))
        n_ns = min(n_other, int(round(n_rm * R["namesake_members"])))
        n_fa = min(n_other - n_ns, int(round(n_rm * R["father_members"])),
                   len(shadow_fathers))
        for i in self.rng.sample(listed, min(n_ns, len(listed))):
            q = self.namesake_of(A, PA[i], False)
            mrecs.append((q, "PU" if rnd() < 0.5 else "BPU", -1, [("namesake", i)]))
        for f_i, s_i in self.rng.sample(shadow_fathers, n_fa):
            mrecs.append((PA[f_i], "BPU", -1, [("father", s_i)]))
        for _ in range(n_other - n_ns - n_fa):
            reg = A if (not B or rnd() < 0.7) else B
            vi = reg["vil_table"].pick(rnd)
            q = self.person(reg, self.household(reg, vi), "L" if rnd() < 0.6 else "P",
                            self.t_member_year.pick(rnd))
            mrecs.append((q, "PU" if rnd() < 0.6 else "BPU", -1, []))
        self.rng.shuffle(mrecs)
        w = self.digits(len(mrecs))
        mem_op_counts = {}
        with open(os.path.join(out, "members.csv"), "w", newline="", encoding="utf-8") as f, \
                open(os.path.join(out, "truth", "members.csv"), "w", newline="") as t, \
                open(os.path.join(out, "truth", "member_traps.csv"), "w", newline="") as tt:
            wr, wt, wtt = (csv.writer(x, lineterminator="\n") for x in (f, t, tt))
            wr.writerow(HEADER_MEMBERS)
            wt.writerow(["roster_id", "member_id", "segment"])
            wtt.writerow(["roster_id", "member_id", "kind"])
            for k, (q, seg, i, traps) in enumerate(mrecs):
                mid = "M%0*d" % (w, k + 1)
                fields, tags = self.render_row(A if q[P_REG] == A["code"] else B, q, 3,
                                               (True, 0, False, 0, 0))
                for tg in tags:
                    mem_op_counts[tg] = mem_op_counts.get(tg, 0) + 1
                wr.writerow([mid, fields[0], fields[2], fields[5], self.new_kpj(), seg])
                if i >= 0:
                    for rid in person_rows[i]:
                        wt.writerow([rid, mid, seg])
                self.write_traps(wtt, traps, person_rows, mid, trap_counts["members"])

        # ---- neighbouring regency B
        nb_counts = {}
        if B:
            self.progress("neighbour")
            n_b = a.neighbour_workers if a.neighbour_workers is not None else a.workers // 2
            n_ns = int(round(len(listed) * R["neighbour_namesakes"]))
            own_rows = max(0, n_b - len(overlap) - n_ns)
            PB, _, _, _ = self.populate(B, own_rows, plant=False)
            brecs = []  # (fields, A person or -1, trap kind, trap person)
            for q in PB:
                st = B["vil_style"][q[P_VIL]]
                for c in range(q[P_COPIES]):
                    brecs.append((self.render_row(B, q, 0, st)[0], -1, "", -1))
            border_b = [int(rnd() * len(B["districts"])) for _ in range(3)]
            for i in overlap:
                p = PA[i]
                if rnd() < R["overlap_border"]:
                    pool = B["dist_vils"][border_b[int(rnd() * 3)]]
                    bv = pool[int(rnd() * len(pool))]
                else:
                    bv = B["vil_table"].pick(rnd)
                # B's listing of an A person: A's NIK and KK, a village (and maybe an address)
                # of B, B's own typing and damage.
                q = list(p)
                q[P_VIL] = bv
                home = " Ds. " + A["vil_name"][p[P_VIL]]
                if rnd() < 0.5:
                    ds = B["vil_dusun"][bv]
                    q[P_DUSUN] = ds[int(rnd() * len(ds))]
                    home = ""
                r = rnd()
                if r < 0.4:
                    q[P_KK] = ""
                elif r < 0.5:
                    q[P_KK] = self.new_kk(B["dist6"][B["vil_dist"][bv]])
                fields, tags = self.render_row(B, q, 2, B["vil_style"][bv])
                if home:
                    fields[6] += home.upper() if B["vil_style"][bv][0] else home
                for tg in tags:
                    nb_counts[tg] = nb_counts.get(tg, 0) + 1
                brecs.append((fields, i, "", -1))
            for i in self.rng.sample(listed, min(n_ns, len(listed))):
                p = PA[i]
                bv = B["vil_table"].pick(rnd)
                while True:
                    m, d = self.birth_date(p[P_Y], old_ok=False)
                    if (m, d) != (p[P_M], p[P_D]):
                        break
                q = self.person(B, self.household(B, bv), p[P_SEX], p[P_Y], m, d,
                                name=p[P_NAME], mad=p[P_MAD])
                brecs.append((self.render_row(B, q, 0, B["vil_style"][bv])[0], -1,
                              "namesake", i))
            self.rng.shuffle(brecs)
            w = self.digits(len(brecs))
            with open(os.path.join(out, "neighbour.csv"), "w", newline="",
                      encoding="utf-8") as f, \
                    open(os.path.join(out, "truth", "other_regency.csv"), "w",
                         newline="") as t, \
                    open(os.path.join(out, "truth", "neighbour_traps.csv"), "w",
                         newline="") as tt:
                wr, wt, wtt = (csv.writer(x, lineterminator="\n") for x in (f, t, tt))
                wr.writerow(HEADER_ROSTER)
                wt.writerow(["roster_id", "neighbour_id"])
                wtt.writerow(["roster_id", "neighbour_id", "kind"])
                for k, (fields, i, kind, ti) in enumerate(brecs):
                    nid = "N%0*d" % (w, k + 1)
                    wr.writerow([nid] + fields)
                    if i >= 0:
                        for rid in person_rows[i]:
                            wt.writerow([rid, nid])
                    if kind:
                        trap_counts["neighbour"][kind] = \
                            trap_counts["neighbour"].get(kind, 0) + 1
                        for rid in person_rows[ti]:
                            wtt.writerow([rid, nid, kind])
            n_b_rows = len(brecs)
        else:
            for name in ("other_regency.csv", "neighbour_traps.csv"):
                path = os.path.join(out, "truth", name)
                if os.path.exists(path):
                    os.remove(path)
            n_b_rows = 0

        copies = {}
        for i in listed:
            c = PA[i][P_COPIES]
            copies[c] = copies.get(c, 0) + 1
        stats = {
            "params": {"regency": a.regency, "neighbour": a.neighbour, "workers": a.workers,
                       "seed": a.seed, "month": a.month},
            "rates": self.rates,
            "ops": {k: dict(zip(LISTINGS, v)) for k, v in self.ops.items()},
            "roster_rows": sum(len(v) for v in person_rows.values()),
            "roster_persons": len(listed),
            "persons_by_listings": {str(k): copies[k] for k in sorted(copies)},
            "duplicate_pairs": n_pairs,
            "lookalike_person_pairs": look_counts,
            "variations_first_listing": dict(sorted(op_counts["first"].items())),
            "variations_further_listings": dict(sorted(op_counts["dup"].items())),
            "deaths_rows": len(drecs),
            "deaths_of_roster_persons": n_rd,
            "death_rows_first_listing_forced": n_death_forced,
            "death_traps": trap_counts["deaths"],
            "member_rows": len(mrecs),
            "roster_persons_members": {"PU": n_pu, "BPU": n_bpu},
            "member_traps": trap_counts["members"],
            "member_row_variations": dict(sorted(mem_op_counts.items())),
            "neighbour_rows": n_b_rows,
            "overlap_persons": len(overlap),
            "neighbour_variations_on_overlap": dict(sorted(nb_counts.items())),
            "neighbour_traps": trap_counts["neighbour"],
        }
        with open(os.path.join(out, "truth", "stats.json"), "w") as f:
            json.dump(stats, f, indent=1, sort_keys=False)
            f.write("\n")
        write_truth_readme(os.path.join(out, "truth", "README.md"), bool(B))
        if self.tty:
            sys.stderr.write("\r%6.1fs done: %d roster rows\x1b[K\n"
                             % (time.time() - self.t0, stats["roster_rows"]))
        return stats

    @staticmethod
    def write_traps(writer, traps, person_rows, other_id, counts):
        for kind, ti in traps:
            if ti in person_rows:
                counts[kind] = counts.get(kind, 0) + 1
                for rid in person_rows[ti]:
                    writer.writerow([rid, other_id, kind])

    @staticmethod
    def digits(n):
        return max(6, len(str(n)))

    def death_fields(self, reg, p):
        """Dukcapil's record: the official name in capitals, the valid NIK, the domicile."""
        rnd = self.rnd
        m = self.ref_m
        y = self.ref_y
        if rnd() < self.rates["late_registration"]:
            back = 1 + int(rnd() * 11)
            m -= back
            while m < 1:
                m += 12
                y -= 1
        d = 1 + int(rnd() * dim(y, m))
        if (y, m) == (self.ref_y, self.ref_m):
            d = 1 + int(rnd() * min(dim(y, m), 28))
        return [p[P_NIK], p[P_NAME].upper(), p[P_SEX],
                "%04d-%02d-%02d" % (p[P_Y], p[P_M], p[P_D]),
                "%04d-%02d-%02d" % (y, m, d), reg["vil_code"][p[P_VIL]]]

    def new_kpj(self):
        rnd = self.rnd
        while True:
            k = "%02d%09d" % (8 + int(rnd() * 18), int(rnd() * 1e9))
            if k not in self.kpj_seen:
                self.kpj_seen.add(k)
                return k


def town_name(regency_name):
    return regency_name.replace("Kabupaten ", "").replace("Kota ", "")


def call_name(name):
    """What a father is called after `bin`: a single name whole, else its last word."""
    toks = name.split(" ")
    return name if len(toks) == 1 else toks[-1]


def load_areas(areas_dir, provinces):
    def rows(name, prefix=""):
        with open(os.path.join(areas_dir, name), newline="", encoding="utf-8") as f:
            next(f)
            # only the provinces' villages are parsed (the list has 83,000)
            return list(csv.reader(line for line in f if line.startswith(prefix)))
    prefixes = tuple(p + "." for p in provinces)
    regencies = {c: n for c, _, n in rows("regencies.csv")}
    districts_by_regency = {}
    for c, rc, n in rows("districts.csv"):
        districts_by_regency.setdefault(rc, []).append((c, n))
    villages_by_regency = {}
    for c, dc, n in rows("villages.csv", prefixes):
        villages_by_regency.setdefault(dc[:5], []).append((c, dc, n))
    # districts where a NIK issued elsewhere comes from: regency A's province
    ej = [c.replace(".", "") for rc in sorted(districts_by_regency)
          if rc.startswith(prefixes[0]) for c, _ in districts_by_regency[rc]]
    madura = [d for d in ej if d[:4] in ("3526", "3527", "3528", "3529")] or ej
    town_of = {}
    for c, n in regencies.items():
        if c.startswith(prefixes):
            town_of[c.replace(".", "")] = town_name(n)
    return {"regencies": regencies, "districts_by_regency": districts_by_regency,
            "villages_by_regency": villages_by_regency, "ej_districts": ej,
            "madura_districts": madura, "town_of": town_of,
            "towns": frozenset(town_of.values()) | frozenset(N.EAST_JAVA_TOWNS) |
            frozenset(N.MADURA_TOWNS),
            "kab_towns": frozenset(town_name(n) for c, n in regencies.items()
                                   if c.startswith(prefixes) and n.startswith("Kabupaten "))}


TRUTH_README = """# Truth of this generated set

Written by bench/verval/generate.py; `stats.json` has the parameters, every rate used and the
counts of what was planted. Ids: roster `R…`, neighbour `N…`, deaths `D…`, members `M…`.
Row order and ids are random: nothing about a row's id tells its person.

- `duplicates.csv` (left_id,right_id): every pair of roster rows that are the same person
  (a person listed 3 times gives 3 pairs). Pairs are transitively closed.
- `deaths.csv` (roster_id,death_id): every roster row of a person who died (all rows of a
  person listed twice), with that person's record in deaths.csv.
- `members.csv` (roster_id,member_id,segment): every roster row of a person who is a BPJS
  member, with each of that person's member rows (two KPJ numbers give two member ids);
  segment PU (wage earner) or BPU (non-wage), as in members.csv.
- `other_regency.csv` (roster_id,neighbour_id): every roster row of a person whom the
  neighbouring regency also lists, with each such neighbour row. Only with --neighbour.
- `roster_rows.csv` (roster_id,person,variations): the person (an opaque number) behind each
  roster row and the variations applied to this row (see bench/verval/README.md), separated
  by `;`. Rows of one person share `person`.
- `lookalikes.csv` (left_id,right_id,kind): pairs of roster rows that are DIFFERENT persons
  planted to look alike: `namesake` (same name, sex, village, birth year), `father_son`
  (same name, a generation apart), `twins` (same KK, birth date, address, rhyming names,
  NIKs differing in the serial or the sex part of the day), `siblings` (same KK and address).
- `death_traps.csv` (roster_id,death_id,kind): deaths that must NOT be linked to these roster
  rows: `namesake` (an unlisted person with the same name, sex, village and birth year; another
  birth date and NIK), `father` (the unlisted father with the listed son's name), `twin` (the
  unlisted twin of a listed twin), and `listed_namesake`, `listed_twins`, `listed_father_son`:
  the death is of a listed person whose listed look-alike (lookalikes.csv) is alive.
- `member_traps.csv` (roster_id,member_id,kind): members that are not these roster persons,
  same kinds (`namesake`, `father`, `listed_...`).
- `neighbour_traps.csv` (roster_id,neighbour_id,kind): the neighbour's own namesakes of
  roster persons (same name, sex, birth year; another person).
"""


def write_truth_readme(path, with_neighbour):
    text = TRUTH_README
    if not with_neighbour:
        text += "\nThis set was generated without --neighbour: no neighbour files.\n"
    with open(path, "w") as f:
        f.write(text)


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default_areas = os.path.join(here, "..", "..", "node_modules", "idn-area-data", "data")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--regency", required=True, help="regency A, e.g. 35.14")
    ap.add_argument("--neighbour", help="regency B, e.g. 35.13")
    ap.add_argument("--workers", type=int, required=True, help="roster rows of regency A")
    ap.add_argument("--neighbour-workers", type=int,
                    help="rows of B's roster (default: half of --workers)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--month", default="2025-10", help="month of the death extract, YYYY-MM")
    ap.add_argument("--areas", default=default_areas,
                    help="folder of idn-area-data's CSVs (default: the repo's node_modules)")
    ap.add_argument("--deaths-per-1000", type=float, help="rate deaths_per_1000")
    ap.add_argument("--duplicates", type=float, help="rate dup2 (share listed twice)")
    ap.add_argument("--overlap", type=float, help="rate overlap (share also listed by B)")
    ap.add_argument("--rate", action="append", default=[], metavar="KEY=VALUE",
                    help="set a rate of RATES, or a listing variation as OP=first,dup,"
                         "neighbour,member (e.g. nik.missing=0.03,0.2,0.1,0.03)")
    ap.add_argument("--list-rates", action="store_true", help="print the rates and exit")
    return ap.parse_args(argv)


def configure(args):
    rates = dict(RATES)
    ops = {k: tuple(v) for k, v in OPS.items()}
    if args.deaths_per_1000 is not None:
        rates["deaths_per_1000"] = args.deaths_per_1000
    if args.duplicates is not None:
        rates["dup2"] = args.duplicates
    if args.overlap is not None:
        rates["overlap"] = args.overlap
    for kv in args.rate:
        key, _, val = kv.partition("=")
        if key in rates:
            rates[key] = float(val)
        elif key in ops:
            vals = [float(x) for x in val.split(",")]
            if len(vals) == 1:
                vals = vals * 4
            if len(vals) != 4:
                sys.exit("%s needs 1 or 4 values" % key)
            ops[key] = tuple(vals)
        else:
            sys.exit("unknown rate %s (see --list-rates)" % key)
    return rates, ops


def main(argv=None):
    if argv is None and "--list-rates" in sys.argv[1:]:
        rates, ops = configure(parse_args(["--regency", "x", "--workers", "0", "--out", "x"] +
                                          [a for a in sys.argv[1:] if a != "--list-rates"]))
        json.dump({"rates": rates, "ops": {k: dict(zip(LISTINGS, v)) for k, v in ops.items()}},
                  sys.stdout, indent=1)
        print()
        return 0
    args = parse_args(argv)
    rates, ops = configure(args)
    if not os.path.exists(os.path.join(args.areas, "villages.csv")):
        sys.exit("region list not found in %s: run `npm ci --no-audit --no-fund` in the repo or "
                 "pass --areas" % args.areas)
    # Millions of small lists and no cycles: the cyclic collector would rescan them all, over
    # and over, for nothing (57 s -> 37 s of CPU for 1M rows).
    gc.disable()
    Generator(args, rates, ops).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
