#!/usr/bin/env python3
"""The records case (benches/records/records.metodika) written by hand with polars, as an
analyst would script it: scan the Parquet files, aggregate by region, join, normalize,
score, rank. Prints place, key, label, score, zone as CSV.

    python records_polars.py DIR [--streaming]
"""
import sys

import polars as pl

d = sys.argv[1]
engine = "streaming" if "--streaming" in sys.argv else "in-memory"
regions = pl.read_csv(f"{d}/regions.csv", schema_overrides={"region_code": pl.String})
answered = pl.col("status") == "answered"
agg = (
    pl.scan_parquet(f"{d}/messages.parquet")
    .group_by("region_code")
    .agg(
        on_time=(answered & (pl.col("answer_days") <= 30)).fill_null(False).sum() / pl.len(),
        rating=pl.col("rating").filter(answered).cast(pl.Float64).mean(),
        n=pl.len(),
        days=pl.col("answer_days").filter(answered).median(),
        urgent=(pl.col("urgent") & pl.col("category").is_in(["ЖКХ", "Дороги"])).fill_null(False).sum() / pl.len(),
    )
    .collect(engine=engine)
)
bodies = (
    pl.scan_parquet(f"{d}/bodies.parquet")
    .filter((pl.col("kind") == "municipal") & (pl.col("connected_at") <= pl.date(2025, 12, 31)))
    .group_by("region_code")
    .agg(conn=pl.len())
    .collect(engine=engine)
)
df = (
    regions.join(agg, on="region_code", how="left")
    .join(bodies, on="region_code", how="left")
    .with_columns(pl.col("n").fill_null(0), pl.col("conn").fill_null(0))
    .with_columns(
        per_10k=pl.col("n") / pl.col("population") * 10_000,
        connected=pl.col("conn") / pl.col("population") * 100_000,
    )
)


def minmax(c, higher):
    lo, hi = pl.col(c).min(), pl.col(c).max()
    return (pl.col(c) - lo) / (hi - lo) if higher else (hi - pl.col(c)) / (hi - lo)


df = df.with_columns(
    score=pl.mean_horizontal(
        minmax("on_time", True), minmax("rating", True), minmax("per_10k", True),
        minmax("days", False), minmax("urgent", False), minmax("connected", True),
    )
)
df = df.sort(["score", "region_code"], descending=[True, False])
df = df.with_columns(place=pl.col("score").rank("min", descending=True), zone=pl.lit(""))
sys.stdout.write(
    df.select(pl.col("place"), pl.col("region_code").alias("key"), pl.col("region_name").alias("label"),
              pl.col("score"), pl.col("zone")).write_csv()
)
