#!/usr/bin/env python3
"""The ПОС 2025 rating on the platform's records (methodologies/pos/pos-2025.metodika)
written by hand with pandas, as an analyst would script it: each file read with the
columns needed, the quarter's records (cumulative from January) and the previous
quarter's counted into each region's figures with boolean masks and groupby, then
ranked by pos_pandas.rank. Prints `place,key,score,zone` as CSV.

    python pos_records_pandas.py methodologies/pos/data/records methodologies/pos/regions.csv 2025-Q4
"""
import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pos_pandas import minmax, rank  # noqa: E402
from pos_records_polars import ANSWERED_IN_TIME, TYPES, window  # noqa: E402  (plain Python)


def read(path, columns):
    return pd.read_parquet(path, columns=columns)


def figures(data, regions, period):
    """Each region's figures for the period, with the columns of the per-region tables."""
    start, end = (pd.Timestamp(d) for d in window(period)[:2])
    m = read(os.path.join(data, f"messages-{start.year}.parquet"),
             ["region_code", "created", "answered", "response_days", "rating", "repeat", "reworked"])
    m = m[(pd.to_datetime(m.created) >= start) & (pd.to_datetime(m.created) <= end)]
    answered = pd.to_datetime(m.answered) <= end
    f = pd.DataFrame({
        "region_code": m.region_code,
        "messages_total": 1,
        "messages_answered": answered,
        "answered_on_time": answered & (m.response_days <= ANSWERED_IN_TIME),
        "days": m.response_days.where(answered).astype("float64"),
        "answers_rated": answered & m.rating.notna(),
        "rated_positive": answered & (m.rating >= 4),
        "repeat_complaints": m.repeat,
        "returned_for_rework": m.reworked,
    })
    g = f.groupby("region_code")
    msg = g.sum(numeric_only=True).drop(columns="days")
    msg["response_days_avg"] = g.days.mean()

    o = read(os.path.join(data, "organizations.parquet"), ["region_code", "type", "registered", "connected"])
    o = o[pd.to_datetime(o.registered) <= end]
    connected = pd.to_datetime(o.connected) <= end
    of = pd.DataFrame({"region_code": o.region_code})
    for n, t in TYPES.items():
        of[f"{n}_total"] = o.type == t
        of[f"{n}_connected"] = (o.type == t) & connected
    orgs = of.groupby("region_code").sum()

    s = read(os.path.join(data, "sites.parquet"), ["region_code", "listed", "widget"])
    s = s[pd.to_datetime(s.listed) <= end]
    sites = pd.DataFrame({"region_code": s.region_code, "sites_total": 1,
                          "sites_with_widget": pd.to_datetime(s.widget) <= end}).groupby("region_code").sum()

    v = read(os.path.join(data, "votes.parquet"), ["region_code", "kind", "held", "participants"])
    held = pd.to_datetime(v.held)
    v = v[(held >= start) & (held <= end)]
    vote = v.kind == "голосование"
    votes = pd.DataFrame({"region_code": v.region_code, "votes_held": vote,
                          "vote_participants": v.participants.where(vote, 0),
                          "hearings_held": ~vote}).groupby("region_code").sum()

    p = read(os.path.join(data, "projects.parquet"), ["region_code", "voted", "implemented"])
    voted = pd.to_datetime(p.voted)
    p = p[(voted >= start) & (voted <= end)]
    projects = pd.DataFrame({"region_code": p.region_code, "projects_voted": 1,
                             "projects_done": p.implemented}).groupby("region_code").sum()

    out = regions.join([msg, orgs, sites, votes, projects], how="left")
    counts = [c for c in out.columns if c not in ("population", "response_days_avg")]
    # a region without records counts 0; its mean answer time stays missing
    out[counts] = out[counts].fillna(0)
    return out


def main(data, regions_csv, period):
    regions = pd.read_csv(regions_csv, dtype={"code": str}).rename(
        columns={"code": "region_code", "population_2020": "population"})
    regions = regions.set_index("region_code")[["population"]]
    _, _, before = window(period)
    sys.stdout.write(rank(figures(data, regions, period), figures(data, regions, before),
                          per_1000=minmax).to_csv(index=False))


if __name__ == "__main__":
    main(*sys.argv[1:4])
