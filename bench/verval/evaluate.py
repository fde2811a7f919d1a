#!/usr/bin/env python3
"""Scores verval findings (or a matcher's pairs) against the truth of bench/verval/generate.py.

  evaluate.py --truth DIR/truth --findings FINDINGS.csv [--kind died] [--action automatic]
  evaluate.py --truth DIR/truth --pairs PAIRS.csv --kind duplicate|died|members|other_regency
              [--threshold T]

FINDINGS.csv: kind,worker,other,confidence,action,state; worker is a roster id; other is the
other roster id (duplicate), the death id (died), the member id (member_wage, member_other) or
the neighbour regency's code (other_regency). PAIRS.csv: left_id,right_id,probability as
written by `jaring dedupe` / `jaring link` (for link, the roster on either side).

Prints one JSON object, per kind: precision, recall, F1 and counts. Duplicates are scored
pairwise on the pairs given and again after closing them transitively into clusters;
other_regency per roster worker; died and members per pair and per roster worker. Each kind
also says how many false positives hit a planted look-alike (namesake, twin, father...) and
the recall per variation of the rows involved. Python 3 standard library only.
"""

import argparse
import csv
import json
import sys
from collections import Counter


def prf(tp, predicted, truth):
    p = tp / predicted if predicted else (1.0 if not truth else 0.0)
    r = tp / truth if truth else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 6), "recall": round(r, 6), "f1": round(f, 6), "tp": tp,
            "fp": predicted - tp, "fn": truth - tp, "predicted": predicted, "truth": truth}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def pair(a, b):
    return (a, b) if a <= b else (b, a)


class Truth:
    def __init__(self, folder):
        self.folder = folder
        rows = read_csv(folder + "/roster_rows.csv")
        self.person = {r["roster_id"]: r["person"] for r in rows}
        self.tags = {r["roster_id"]: [t for t in r["variations"].split(";") if t]
                     for r in rows}
        self.dups = {pair(r["left_id"], r["right_id"])
                     for r in read_csv(folder + "/duplicates.csv")}
        self.lookalikes = {pair(r["left_id"], r["right_id"]): r["kind"]
                           for r in read_csv(folder + "/lookalikes.csv")}
        self.deaths = {(r["roster_id"], r["death_id"]) for r in read_csv(folder + "/deaths.csv")}
        self.death_traps = {(r["roster_id"], r["death_id"]): r["kind"]
                            for r in read_csv(folder + "/death_traps.csv")}
        self.members = {(r["roster_id"], r["member_id"]): r["segment"]
                        for r in read_csv(folder + "/members.csv")}
        self.member_traps = {(r["roster_id"], r["member_id"]): r["kind"]
                             for r in read_csv(folder + "/member_traps.csv")}
        try:
            other_rows = read_csv(folder + "/other_regency.csv")
            self.other = {r["roster_id"] for r in other_rows}
            self.neighbour_of = {r["roster_id"]: r["neighbour_id"] for r in other_rows}
            self.neighbour_traps = {r["roster_id"]: r["kind"]
                                    for r in read_csv(folder + "/neighbour_traps.csv")}
        except FileNotFoundError:
            self.other, self.neighbour_traps = None, {}


    def restrict(self, registry, merged, neighbour_registry=None):
        """Keeps only the truth about roster rows that got into the registry (`registry`), or,
        for duplicates, were merged into a row that did at import (`merged`). A row the import
        quarantined, say for a broken NIK, waits for a person to fix it and no run can find it
        until then; a merged row's deaths and memberships are found under the row it joined."""
        joined = registry | merged
        self.dups = {p for p in self.dups if p[0] in joined and p[1] in joined}
        self.deaths = {p for p in self.deaths if p[0] in registry}
        self.members = {p: s for p, s in self.members.items() if p[0] in registry}
        if self.other is not None:
            self.other = {w for w in self.other if w in registry and (
                neighbour_registry is None or self.neighbour_of[w] in neighbour_registry)}


def registry_ids(registry_csv):
    with open(registry_csv, newline="", encoding="utf-8-sig") as f:
        return {r["source_id"] for r in csv.DictReader(f)}


def reached_rows(registry_csv, findings):
    """The roster ids in the registry export (its source_id column), and those merged at import
    (a duplicate finding that applied itself names the merged row as its worker)."""
    registry = registry_ids(registry_csv)
    merged = {r["worker"] for r in findings
              if r["kind"] == "duplicate" and r["worker"] not in registry}
    return registry, merged


def trap_hits(predicted, truth_set, traps):
    """False positives that land on a planted look-alike, by kind."""
    hits = Counter(traps[x] for x in predicted if x not in truth_set and x in traps)
    return dict(sorted(hits.items()))


def recall_by_variation(truth_items, found, tags_of):
    total, hit = Counter(), Counter()
    for item in truth_items:
        tags = set(tags_of(item)) or {"(none)"}
        for t in tags:
            total[t] += 1
            if item in found:
                hit[t] += 1
    return {t: {"truth": total[t], "recall": round(hit[t] / total[t], 4)}
            for t in sorted(total)}


def score_duplicates(truth, pairs):
    pred = {pair(a, b) for a, b in pairs if a != b}
    tp = len(pred & truth.dups)
    out = {"pairs": prf(tp, len(pred), len(truth.dups))}
    # transitive closure: union-find over the predicted pairs
    parent = {}

    def find(x):
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in pred:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    ids = {x for p in pred for x in p}
    size = Counter(find(x) for x in ids)
    closed = sum(n * (n - 1) // 2 for n in size.values())
    ctp = sum(1 for a, b in truth.dups if a in ids and b in ids and find(a) == find(b))
    out["clusters"] = prf(ctp, closed, len(truth.dups))
    out["clusters"]["largest"] = max(size.values()) if size else 0
    out["false_positives_on_lookalikes"] = trap_hits(pred, truth.dups, truth.lookalikes)
    out["recall_by_variation"] = recall_by_variation(
        truth.dups, pred, lambda p: truth.tags.get(p[0], []) + truth.tags.get(p[1], []))
    return out


def score_links(truth_pairs, traps, pairs, tags_of):
    pred = set(pairs)
    tp = len(pred & truth_pairs)
    out = {"pairs": prf(tp, len(pred), len(truth_pairs))}
    pw = {w for w, _ in pred}
    tw = {w for w, _ in truth_pairs}
    out["workers"] = prf(len(pw & tw), len(pw), len(tw))
    out["false_positives_on_traps"] = trap_hits(pred, truth_pairs, traps)
    out["recall_by_variation"] = recall_by_variation(truth_pairs, pred, tags_of)
    return out


def score_other_regency(truth, workers):
    if truth.other is None:
        return {"error": "the set was generated without --neighbour"}
    pred = set(workers)
    out = prf(len(pred & truth.other), len(pred), len(truth.other))
    out["false_positives_on_traps"] = dict(sorted(Counter(
        truth.neighbour_traps[w] for w in pred
        if w not in truth.other and w in truth.neighbour_traps).items()))
    out["recall_by_variation"] = recall_by_variation(
        truth.other, pred, lambda w: truth.tags.get(w, []))
    return out


def evaluate_findings(truth, rows, kinds=None):
    by_kind = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r)
    result = {}
    tags_row = (lambda p: truth.tags.get(p[0], []))
    wanted = kinds or sorted(set(by_kind) | {"duplicate", "died", "member_wage",
                                             "member_other"} |
                             ({"other_regency"} if truth.other is not None else set()))
    for kind in wanted:
        rs = by_kind.get(kind, [])
        if kind == "duplicate":
            result[kind] = score_duplicates(truth, [(r["worker"], r["other"]) for r in rs])
        elif kind == "died":
            result[kind] = score_links(truth.deaths, truth.death_traps,
                                       [(r["worker"], r["other"]) for r in rs], tags_row)
        elif kind in ("member_wage", "member_other"):
            seg = "PU" if kind == "member_wage" else "BPU"
            want = {k for k, s in truth.members.items() if s == seg}
            result[kind] = score_links(want, truth.member_traps,
                                       [(r["worker"], r["other"]) for r in rs], tags_row)
        elif kind == "other_regency":
            result[kind] = score_other_regency(truth, [r["worker"] for r in rs])
        else:
            result[kind] = {"findings": len(rs), "note": "no truth for this kind"}
    if kinds is None or {"member_wage", "member_other"} & set(kinds):
        both = [(r["worker"], r["other"]) for r in rows
                if r["kind"] in ("member_wage", "member_other")]
        result["member"] = score_links(set(truth.members), truth.member_traps, both, tags_row)
    return result


def evaluate_pairs(truth, rows, kind, threshold):
    pairs = []
    for r in rows:
        if threshold is not None and float(r.get("probability") or 0) < threshold:
            continue
        a, b = r["left_id"], r["right_id"]
        if kind != "duplicate" and a not in truth.person and b in truth.person:
            a, b = b, a  # linked the other way round
        pairs.append((a, b))
    tags_row = (lambda p: truth.tags.get(p[0], []))
    if kind == "duplicate":
        return {kind: score_duplicates(truth, pairs)}
    if kind == "died":
        return {kind: score_links(truth.deaths, truth.death_traps, pairs, tags_row)}
    if kind == "other_regency":  # `jaring link roster.csv neighbour.csv`: per roster worker
        return {kind: score_other_regency(truth, [a for a, _ in pairs])}
    out = {"member": score_links(set(truth.members), truth.member_traps, pairs, tags_row)}
    for seg, name in (("PU", "member_wage"), ("BPU", "member_other")):
        want = {k for k, s in truth.members.items() if s == seg}
        found = sum(1 for p in pairs if p in want)
        out[name] = {"recall": round(found / len(want), 6) if want else 1.0,
                     "tp": found, "truth": len(want)}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--truth", required=True, help="the truth/ folder of a generated set")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--findings", help="FINDINGS.csv: kind,worker,other,confidence,action,state")
    src.add_argument("--pairs", help="PAIRS.csv of jaring dedupe/link: left_id,right_id,probability")
    ap.add_argument("--kind", help="only this kind (findings); with --pairs: duplicate, died, "
                    "members or other_regency")
    ap.add_argument("--action", help="only findings with this action (e.g. automatic)")
    ap.add_argument("--state", help="only findings in this state")
    ap.add_argument("--min-confidence", type=float, help="only findings at least this confident")
    ap.add_argument("--reached", help="with --findings: the registry export (jaring export, "
                    "with its source_id column); scores only the truth about rows that got "
                    "into the registry")
    ap.add_argument("--reached-neighbour", help="with --reached: the neighbour regency's registry "
                    "export; other_regency is scored only where its record got in too")
    ap.add_argument("--threshold", type=float, help="with --pairs: only pairs at least this "
                    "probable")
    a = ap.parse_args(argv)
    truth = Truth(a.truth.rstrip("/"))
    if a.pairs:
        if a.kind not in ("duplicate", "died", "members", "other_regency"):
            ap.error("--pairs needs --kind duplicate, died, members or other_regency")
        result = evaluate_pairs(truth, read_csv(a.pairs), a.kind, a.threshold)
    else:
        rows = read_csv(a.findings)
        if rows and not {"kind", "worker", "other"} <= set(rows[0]):
            ap.error("FINDINGS.csv needs the columns kind,worker,other,confidence,action,state")
        if a.reached:
            neighbour = registry_ids(a.reached_neighbour) if a.reached_neighbour else None
            truth.restrict(*reached_rows(a.reached, rows), neighbour)
        if a.action:
            rows = [r for r in rows if r.get("action") == a.action]
        if a.state:
            rows = [r for r in rows if r.get("state") == a.state]
        if a.min_confidence is not None:
            rows = [r for r in rows if float(r.get("confidence") or 0) >= a.min_confidence]
        result = evaluate_findings(truth, rows, [a.kind] if a.kind else None)
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
