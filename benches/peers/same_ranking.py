#!/usr/bin/env python3
"""Exit 0 when two ranking CSVs hold the same ranking: the same keys in the same order,
places, zones and scores — and, where both files have them, the same group results (to
the 6 decimals metodika prints)."""
import csv
import sys


def rows(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


def ranking(rs):
    return [(r["key"], float(r["place"]), round(float(r["score"]), 6), r["zone"]) for r in rs]


a, b = rows(sys.argv[1]), rows(sys.argv[2])
ra, rb = ranking(a), ranking(b)
if ra != rb:
    diff = [(x, y) for x, y in zip(ra, rb) if x != y][:5]
    sys.exit(f"{sys.argv[1]} and {sys.argv[2]} differ ({len(ra)} and {len(rb)} rows): {diff}")
groups = [c for c in (a[0].keys() if a else []) if c.startswith("group.") and b and c in b[0]]
for c in groups:
    for x, y in zip(a, b):
        if abs(float(x[c]) - float(y[c])) > 1e-6:
            sys.exit(f"{c} differs for {x['key']}: {x[c]} and {y[c]}")
