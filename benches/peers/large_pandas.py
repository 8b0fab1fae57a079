#!/usr/bin/env python3
"""The large case (benches/gen_large.py: 1,000,000 units × 25 indicators, three levels of
groups) written by hand with pandas, as an analyst would script it. Reads the CSV or the
Parquet file; prints the ranking as CSV with the columns of metodika's (place, key,
label, score, zone, zone_title, excluded, each group's result).

    python large_pandas.py /tmp/large/units.csv > ranking.csv
    python large_pandas.py /tmp/large/units.csv --ranking-only > ranking.csv   # place, key, score, zone
"""
import sys

import numpy as np
import pandas as pd

KINDS = ["minmax", "goalposts", "zscore", "rank", "ratio_to_best"]


def normalize(x, kind, higher):
    if kind == "minmax":
        lo, hi = x.min(), x.max()
        if hi == lo:
            return pd.Series(1.0, index=x.index)
        return (x - lo) / (hi - lo) if higher else (hi - x) / (hi - lo)
    if kind == "goalposts":
        v = x / 100 if higher else (100 - x) / 100
        return v.clip(0, 1)
    if kind == "zscore":
        sd = x.std()
        z = (x - x.mean()) / sd if sd else x * 0.0
        return z if higher else -z
    if kind == "rank":
        pct = (x.rank(method="average") - 1) / (x.count() - 1)
        return pct if higher else 1 - pct
    if higher:
        return x / x.max() if x.max() else x * 0.0
    return pd.Series(np.where(x <= x.min(), 1.0, x.min() / x), index=x.index)


def main(path, ranking_only=False):
    df = pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)
    norm = [normalize(df[f"x{i:02d}"], KINDS[i % 5], i % 4 != 0) for i in range(25)]
    groups = [sum(norm[g * 5 + k] * (k + 1) for k in range(5)) / 15 for g in range(5)]
    b0 = 0.6 * groups[0] + 0.4 * groups[1]
    b1 = (groups[2] + groups[3] + groups[4]) / 3
    score = 400 * b0 + 600 * b1
    # round half away from zero, as the methodology says
    score = np.sign(score) * np.floor(np.abs(score) * 100 + 0.5) / 100
    named = {f"group.g{g}": groups[g] for g in range(5)} | {"group.b0": b0, "group.b1": b1}
    out = pd.DataFrame({"key": df["unit"], "score": score, **named})
    out = out.sort_values(["score", "key"], ascending=[False, True], kind="stable")
    out["place"] = out["score"].rank(method="min", ascending=False).astype(int)
    for c in ["label", "zone", "zone_title", "excluded"]:
        out[c] = ""
    # the columns of metodika's CSV
    cols = ["place", "key", "label", "score", "zone", "zone_title", "excluded", *named]
    if ranking_only:
        cols = ["place", "key", "score", "zone"]
    out[cols].to_csv(sys.stdout, index=False)


if __name__ == "__main__":
    main(sys.argv[1], "--ranking-only" in sys.argv[2:])
