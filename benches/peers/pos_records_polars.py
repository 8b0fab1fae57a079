#!/usr/bin/env python3
"""The ПОС 2025 rating on the platform's records (methodologies/pos/pos-2025.metodika)
written by hand with polars, as an analyst would script it: the records of a quarter
(cumulative from January) and of the quarter before counted into each region's figures
with lazy scans and one group_by per file, then ranked by pos_polars.rank. Prints
`place,key,score,zone` as CSV.

    python pos_records_polars.py methodologies/pos/data/records methodologies/pos/regions.csv 2025-Q4 [--streaming]
"""
import datetime as dt
import os
import sys

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pos_polars import minmax, rank  # noqa: E402

ANSWERED_IN_TIME = 10  # days
ENGINE = "in-memory"  # or "streaming" (--streaming): polars' streaming engine
TYPES = {
    "regional_bodies": "орган власти региона",
    "municipal_bodies": "орган местного самоуправления",
    "subordinate_orgs": "подведомственная организация",
}


def window(period):
    """(1 January, the quarter's last day) of `2025-Q3`, and the period before it."""
    year, q = int(period[:4]), int(period[-1])
    end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
    before = f"{year - 1}-Q4" if q == 1 else f"{year}-Q{q - 1}"
    return dt.date(year, 1, 1), end, before


def figures(data, regions, period):
    """Each region's figures for the period, with the columns of the per-region tables."""
    start, end, _ = window(period)
    col = pl.col
    key = col("region_code")
    answered = col("answered") <= end
    messages = (
        pl.scan_parquet(os.path.join(data, f"messages-{start.year}.parquet"))
        .filter(col("created").is_between(start, end))
        .group_by(key)
        .agg(
            pl.len().alias("messages_total"),
            answered.sum().alias("messages_answered"),
            (answered & (col("response_days") <= ANSWERED_IN_TIME)).sum().alias("answered_on_time"),
            col("response_days").filter(answered).cast(pl.Float64).mean().alias("response_days_avg"),
            (answered & col("rating").is_not_null()).sum().alias("answers_rated"),
            (answered & (col("rating") >= 4)).sum().alias("rated_positive"),
            col("repeat").sum().alias("repeat_complaints"),
            col("reworked").sum().alias("returned_for_rework"),
        )
    )
    connected = col("connected") <= end
    orgs = (
        pl.scan_parquet(os.path.join(data, "organizations.parquet"))
        .filter(col("registered") <= end)
        .group_by(key)
        .agg(
            *[(col("type") == t).sum().alias(f"{n}_total") for n, t in TYPES.items()],
            *[((col("type") == t) & connected).sum().alias(f"{n}_connected") for n, t in TYPES.items()],
        )
    )
    sites = (
        pl.scan_parquet(os.path.join(data, "sites.parquet"))
        .filter(col("listed") <= end)
        .group_by(key)
        .agg(pl.len().alias("sites_total"), (col("widget") <= end).sum().alias("sites_with_widget"))
    )
    vote = col("kind") == "голосование"
    votes = (
        pl.scan_parquet(os.path.join(data, "votes.parquet"))
        .filter(col("held").is_between(start, end))
        .group_by(key)
        .agg(
            vote.sum().alias("votes_held"),
            col("participants").filter(vote).sum().alias("vote_participants"),
            (~vote).sum().alias("hearings_held"),
        )
    )
    projects = (
        pl.scan_parquet(os.path.join(data, "projects.parquet"))
        .filter(col("voted").is_between(start, end))
        .group_by(key)
        .agg(pl.len().alias("projects_voted"), col("implemented").sum().alias("projects_done"))
    )
    out = regions.lazy()
    for part in [messages, orgs, sites, votes, projects]:
        out = out.join(part, on="region_code", how="left")
    counts = [c for c in out.collect_schema().names()
              if c not in ("region_code", "population", "response_days_avg")]
    # a region without records counts 0; its mean answer time stays missing
    return out.with_columns(*[col(c).fill_null(0) for c in counts]).collect(engine=ENGINE)


def main(data, regions_csv, period, *flags):
    global ENGINE
    ENGINE = "streaming" if "--streaming" in flags else "in-memory"
    regions = pl.read_csv(regions_csv, schema_overrides={"code": pl.Utf8}).select(
        pl.col("code").alias("region_code"), pl.col("population_2020").alias("population"))
    _, _, before = window(period)
    c = figures(data, regions, period)
    p = figures(data, regions, before)
    sys.stdout.write(rank(c, p, per_1000=minmax).write_csv())


if __name__ == "__main__":
    main(*sys.argv[1:])
