#!/usr/bin/env python3
"""Exit 0 when two `place,key,score,zone` CSVs (metodika's own CSV has more columns)
hold the same ranking: the same keys in the same order, places, zones and scores."""
import csv
import sys


def rows(path):
    return [(r["key"], float(r["place"]), round(float(r["score"]), 6), r["zone"]) for r in csv.DictReader(open(path, encoding="utf-8"))]


a, b = rows(sys.argv[1]), rows(sys.argv[2])
if a != b:
    diff = [(x, y) for x, y in zip(a, b) if x != y][:5]
    sys.exit(f"{sys.argv[1]} and {sys.argv[2]} differ ({len(a)} and {len(b)} rows): {diff}")
