#!/usr/bin/env python3
"""The records case (benches/records/records.metodika) written by hand with pandas, as an
analyst would script it. Prints place, key, label, score, zone as CSV.

    python records_pandas.py DIR
"""
import sys

import pandas as pd

d = sys.argv[1]
regions = pd.read_csv(f"{d}/regions.csv", dtype={"region_code": str})
m = pd.read_parquet(f"{d}/messages.parquet",
                    columns=["region_code", "status", "answer_days", "rating", "urgent", "category"])
answered = m["status"] == "answered"
m["on_time"] = answered & (m["answer_days"] <= 30)
m["urgent_hit"] = m["urgent"] & m["category"].isin(["ЖКХ", "Дороги"])
g = m.groupby("region_code")
agg = pd.DataFrame({
    "on_time": g["on_time"].mean(),
    "n": g.size(),
    "urgent": g["urgent_hit"].mean(),
})
a = m[answered].groupby("region_code")
agg["rating"] = a["rating"].mean()
agg["days"] = a["answer_days"].median()
b = pd.read_parquet(f"{d}/bodies.parquet")
b = b[(b["kind"] == "municipal") & (pd.to_datetime(b["connected_at"]) <= pd.Timestamp(2025, 12, 31))]
conn = b.groupby("region_code").size().rename("conn")
df = regions.set_index("region_code").join(agg).join(conn)
df["n"] = df["n"].fillna(0)
df["conn"] = df["conn"].fillna(0)
df["per_10k"] = df["n"] / df["population"] * 10_000
df["connected"] = df["conn"] / df["population"] * 100_000


def minmax(x, higher):
    lo, hi = x.min(), x.max()
    return (x - lo) / (hi - lo) if higher else (hi - x) / (hi - lo)


df["score"] = pd.concat([
    minmax(df["on_time"], True), minmax(df["rating"], True), minmax(df["per_10k"], True),
    minmax(df["days"], False), minmax(df["urgent"], False), minmax(df["connected"], True),
], axis=1).mean(axis=1)
df = df.reset_index().sort_values(["score", "region_code"], ascending=[False, True])
df["place"] = df["score"].rank(method="min", ascending=False)
df["zone"] = ""
out = df[["place", "region_code", "region_name", "score", "zone"]].rename(columns={"region_code": "key", "region_name": "label"})
sys.stdout.write(out.to_csv(index=False))
