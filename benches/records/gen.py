#!/usr/bin/env python3
"""The records case for docs/performance.md: the 85 regions (methodologies/pos/regions.csv,
populations of 2020), N messages from citizens in proportion to population (Parquet, 10
columns) and 118,000 connected bodies, seeded, so every run writes the same files.

    python benches/records/gen.py OUT [MESSAGES]   # default 10,000,000 messages

Needs numpy and polars (benches/records.sh installs them into target/peers-venv).
"""
import os
import sys
from datetime import date

import numpy as np
import polars as pl

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
os.makedirs(out, exist_ok=True)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
regions = pl.read_csv(os.path.join(root, "methodologies/pos/regions.csv"), schema_overrides={"code": pl.String})
regions.select(
    pl.col("code").alias("region_code"), pl.col("name").alias("region_name"),
    pl.col("population_2020").alias("population"),
).write_csv(os.path.join(out, "regions.csv"))
codes = regions["code"].to_numpy()
pop = regions["population_2020"].to_numpy().astype(float)
rng = np.random.default_rng(2025)
# each region its own habits: how often it answers, how fast, how well
answer_rate = rng.uniform(0.75, 0.98, len(codes))
speed = rng.uniform(5, 25, len(codes))
quality = rng.uniform(3.0, 4.6, len(codes))
region = rng.choice(len(codes), size=n, p=pop / pop.sum())
answered = rng.random(n) < answer_rate[region]
status = np.where(answered, "answered", np.where(rng.random(n) < 0.5, "open", "rejected"))
days = np.where(answered, np.round(rng.exponential(speed[region]), 1), np.nan)
rating = np.clip(np.round(rng.normal(quality[region], 1.0)), 1, 5)
rated = answered & (rng.random(n) > 0.2)
start = (date(2025, 1, 1) - date(1970, 1, 1)).days
created = start + rng.integers(0, 365, n)
categories = np.array(["ЖКХ", "Дороги", "Здравоохранение", "Образование", "Транспорт", "Благоустройство"])
messages = pl.DataFrame({
    "region_code": codes[region],
    "category": categories[rng.integers(0, len(categories), n)],
    "status": status,
    "created": pl.Series(created.astype(np.int32)).cast(pl.Date),
    "answer_days": days,
    "rating": pl.Series(np.where(rated, rating, np.nan)).fill_nan(None).cast(pl.Int8),
    "urgent": rng.random(n) < 0.1,
    "channel": np.array(["portal", "app", "widget", "mail"])[rng.integers(0, 4, n)],
    "author": rng.integers(0, n // 3 + 1, n),
    "id": np.arange(n),
})
messages = messages.with_columns(pl.col("answer_days").fill_nan(None))
messages.write_parquet(os.path.join(out, "messages.parquet"), row_group_size=1_000_000)
m = 118_000
b_region = rng.choice(len(codes), size=m, p=pop / pop.sum())
kinds = np.array(["regional", "municipal", "subordinate"])
bodies = pl.DataFrame({
    "region_code": codes[b_region],
    "kind": kinds[rng.choice(3, size=m, p=[0.1, 0.5, 0.4])],
    "connected_at": pl.Series((start - 400 + rng.integers(0, 765, m)).astype(np.int32)).cast(pl.Date),
})
bodies.write_parquet(os.path.join(out, "bodies.parquet"))
with open(os.path.join(out, "records.metodika"), "w") as f:
    f.write(open(os.path.join(root, "benches/records/records.metodika")).read())
print(f"{n} messages, {m} bodies in {out}", file=sys.stderr)
