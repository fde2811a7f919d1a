#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a PAIRS.csv (left_id,right_id,probability) against truth.

Truth kinds:
  febrl    rec-<N>-org / rec-<N>-dup-<k>: same <N> = same entity (dataset1..4)
  dsgen    numeric rec_id: same id without its last digit = same entity (FEBRL dsgen series)
  column   an entity column in the input CSV(s): --entity-column cluster (Splink sets)
  pairs    a CSV of true pairs: --truth FILE with two id columns (demo truth)
Dedupe truth counts unordered pairs inside one file; link truth (two inputs) counts left x right.
With --clusters (a CLUSTERS.csv: id,cluster_id) the pairs judged are every pair inside a cluster
instead of the PAIRS.csv rows: the pairwise quality of the clustering.
Prints one JSON line: {"precision":..,"recall":..,"f1":..,"tp":..,"fp":..,"fn":..}.
"""
import argparse, csv, itertools, json, re, sys
from collections import defaultdict

def read_rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        text = f.read().replace(', ', ',')
    rows = list(csv.reader(text.splitlines()))
    return rows[0], rows[1:]

def entity_of(kind, rid, row=None, col=None):
    if kind == 'febrl':
        m = re.match(r'rec-(\d+)', rid)
        return m.group(1) if m else rid
    if kind == 'dsgen':
        return rid[:-1]
    return row[col]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pairs', default=None)
    ap.add_argument('--clusters', default=None)
    ap.add_argument('--input', nargs='+', required=True)
    ap.add_argument('--kind', choices=['febrl', 'dsgen', 'column', 'pairs'], required=True)
    ap.add_argument('--id-column', default=None)
    ap.add_argument('--entity-column', default='cluster')
    ap.add_argument('--truth', default=None)
    ap.add_argument('--threshold', type=float, default=None,
                    help='re-threshold the probability column (must be >= the run threshold)')
    a = ap.parse_args()

    link = len(a.input) == 2
    true_pairs = set()
    if a.kind == 'pairs':
        with open(a.truth, newline='') as f:
            r = csv.reader(f); next(r)
            for row in r:
                x, y = row[0], row[1]
                true_pairs.add((x, y) if link else tuple(sorted((x, y))))
    else:
        sides = []
        for path in a.input:
            header, rows = read_rows(path)
            idc = header.index(a.id_column) if a.id_column else 0
            ec = header.index(a.entity_column) if a.kind == 'column' else None
            groups = defaultdict(list)
            for row in rows:
                if not row: continue
                groups[entity_of(a.kind, row[idc].strip(), row, ec)].append(row[idc].strip())
            sides.append(groups)
        if link:
            for e, left in sides[0].items():
                for x in left:
                    for y in sides[1].get(e, []):
                        true_pairs.add((x, y))
        else:
            for members in sides[0].values():
                for x, y in itertools.combinations(sorted(members), 2):
                    true_pairs.add((x, y))
    found = set()
    if a.clusters:
        members = defaultdict(list)
        with open(a.clusters, newline='') as f:
            for row in csv.DictReader(f):
                members[row['cluster_id']].append(row['id'])
        for ids in members.values():
            for x, y in itertools.combinations(sorted(ids), 2):
                found.add((x, y))
    else:
        with open(a.pairs, newline='') as f:
            r = csv.reader(f); next(r)
            for row in r:
                if a.threshold is not None and float(row[2]) < a.threshold: continue
                x, y = row[0], row[1]
                found.add((x, y) if link else tuple(sorted((x, y))))
    tp = len(found & true_pairs); fp = len(found - true_pairs); fn = len(true_pairs - found)
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    print(json.dumps({'precision': round(p, 4), 'recall': round(rc, 4), 'f1': round(f1, 4),
                      'tp': tp, 'fp': fp, 'fn': fn, 'true_pairs': len(true_pairs)}))

if __name__ == '__main__':
    main()
