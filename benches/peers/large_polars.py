#!/usr/bin/env python3
"""The large case (benches/gen_large.py: 1,000,000 units × 25 indicators, three levels of
groups) written by hand with polars, as an analyst would script it. Reads the CSV or the
Parquet file; prints the ranking as CSV with the columns of metodika's (place, key,
label, score, zone, zone_title, excluded, each group's result).

    python large_polars.py /tmp/large/units.csv > ranking.csv
    python large_polars.py /tmp/large/units.csv --ranking-only > ranking.csv   # place, key, score, zone
"""
import sys

import polars as pl

KINDS = ["minmax", "goalposts", "zscore", "rank", "ratio_to_best"]


def normalize(x, kind, higher):
    if kind == "minmax":
        lo, hi = x.min(), x.max()
        v = (x - lo) / (hi - lo) if higher else (hi - x) / (hi - lo)
        return pl.when(hi == lo).then(1.0).otherwise(v)
    if kind == "goalposts":
        v = x / 100 if higher else (100 - x) / 100
        return v.clip(0, 1)
    if kind == "zscore":
        sd = x.std()
        z = pl.when(sd == 0).then(0.0).otherwise((x - x.mean()) / sd)
        return z if higher else -z
    if kind == "rank":
        pct = (x.rank("average") - 1) / (x.count() - 1)
        return pct if higher else 1 - pct
    # ratio to the best
    if higher:
        return pl.when(x.max() == 0).then(0.0).otherwise(x / x.max())
    return pl.when(x <= x.min()).then(1.0).otherwise(x.min() / x)


def main(path, ranking_only=False):
    df = pl.read_parquet(path) if path.endswith(".parquet") else pl.read_csv(path)
    # step by step, as an analyst would: each normalization computed once, then the
    # groups from those columns, then the blocks and the score
    xs = [f"x{i:02d}" for i in range(25)]
    df = df.select(
        "unit",
        *[normalize(pl.col(c), KINDS[i % 5], i % 4 != 0).alias(f"n{i:02d}") for i, c in enumerate(xs)],
    )
    df = df.select(
        "unit",
        *[(sum(pl.col(f"n{g * 5 + k:02d}") * (k + 1) for k in range(5)) / 15).alias(f"group.g{g}")
          for g in range(5)],
    )
    df = df.with_columns(
        (0.6 * pl.col("group.g0") + 0.4 * pl.col("group.g1")).alias("group.b0"),
        ((pl.col("group.g2") + pl.col("group.g3") + pl.col("group.g4")) / 3).alias("group.b1"),
    )
    df = df.with_columns(
        (400 * pl.col("group.b0") + 600 * pl.col("group.b1")).round(2, mode="half_away_from_zero").alias("score")
    )
    # one sort; places (competition: ties share the first position) from the sorted rows
    out = (
        df.rename({"unit": "key"})
        .sort(["score", "key"], descending=[True, False])
        .with_columns(
            pl.when(pl.col("score") != pl.col("score").shift(1))
            .then(pl.int_range(1, pl.len() + 1))
            .otherwise(None)
            .forward_fill()
            .fill_null(1)
            .cast(pl.Float64)
            .alias("place"),
            *[pl.lit(None, pl.Utf8).alias(c) for c in ["label", "zone", "zone_title", "excluded"]],
        )
    )
    named = [f"group.g{g}" for g in range(5)] + ["group.b0", "group.b1"]
    if ranking_only:
        out.select("place", "key", "score", "zone").write_csv(sys.stdout)
        return
    # the columns of metodika's CSV
    out.select("place", "key", "label", "score", "zone", "zone_title", "excluded",
               *named).write_csv(sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], "--ranking-only" in sys.argv[2:])
