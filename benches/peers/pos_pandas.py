#!/usr/bin/env python3
"""The ПОС 2025 rating (methodologies/pos/pos-2025-tables.metodika) written by hand with pandas,
as an analyst would script it. Prints `place,key,score,zone` as CSV.

    python pos_pandas.py methodologies/pos/data/2025-q4.csv methodologies/pos/data/2025-q3.csv
"""
import sys

import numpy as np
import pandas as pd


def read(path, encoding):
    df = pd.read_csv(path, sep=";", decimal=",", encoding=encoding, na_values=["н/д"],
                     dtype={"region_code": str})
    return df.set_index("region_code")


def goalposts(x, lo, hi, higher=True):
    v = (x - lo) / (hi - lo) if higher else (hi - x) / (hi - lo)
    return v.clip(0, 1)


def minmax(x, higher=True):
    lo, hi = x.min(), x.max()
    if hi == lo:
        return pd.Series(1.0, index=x.index)
    return (x - lo) / (hi - lo) if higher else (hi - x) / (hi - lo)


def div(a, b):
    return (a / b.where(b != 0)).replace([np.inf, -np.inf], np.nan)


def main(current, previous):
    c = read(current, "utf-8-sig")
    p = read(previous, "cp1251")
    sys.stdout.write(rank(c, p).to_csv(index=False))


def rank(c, p, per_1000=lambda x: goalposts(x, 10, 60)):
    """The ranking of the regions of `c` (this period's figures, indexed by region)
    against `p` (the previous period's), as `place,key,score,zone`; `per_1000`
    normalizes messages per 1,000 residents (pos-2025-tables: goalposts 10..60;
    pos-2025 on records: minmax)."""
    p = p.reindex(c.index)
    conn = c.regional_bodies_connected + c.municipal_bodies_connected + c.subordinate_orgs_connected
    total = c.regional_bodies_total + c.municipal_bodies_total + c.subordinate_orgs_total
    pconn = p.regional_bodies_connected + p.municipal_bodies_connected + p.subordinate_orgs_connected
    ptotal = p.regional_bodies_total + p.municipal_bodies_total + p.subordinate_orgs_total

    raw = pd.DataFrame(index=c.index)
    raw["regional_connected"] = div(c.regional_bodies_connected, c.regional_bodies_total)
    raw["municipal_connected"] = div(c.municipal_bodies_connected, c.municipal_bodies_total)
    raw["subordinate_connected"] = div(c.subordinate_orgs_connected, c.subordinate_orgs_total)
    raw["widget_sites"] = div(c.sites_with_widget, c.sites_total)
    raw["connected_per_100k"] = div(conn, c.population) * 100_000
    raw["connection_growth"] = div(conn, total) - div(pconn, ptotal)
    raw["answered"] = div(c.messages_answered, c.messages_total)
    raw["answered_on_time"] = div(c.answered_on_time, c.messages_answered)
    raw["response_days"] = c.response_days_avg
    raw["satisfaction"] = div(c.rated_positive, c.answers_rated)
    raw["rated_share"] = div(c.answers_rated, c.messages_answered)
    raw["repeat_complaints"] = div(c.repeat_complaints, c.messages_total)
    raw["rework"] = div(c.returned_for_rework, c.messages_total)
    raw["messages_per_1000"] = div(c.messages_total, c.population) * 1000
    raw["messages_growth"] = div(c.messages_total, p.messages_total) - 1
    raw["votes_per_100k"] = div(c.votes_held, c.population) * 100_000
    raw["participation"] = div(c.vote_participants, c.population)
    raw["participants_per_vote"] = div(c.vote_participants, c.votes_held)
    raw["hearings_per_100k"] = div(c.hearings_held, c.population) * 100_000
    raw["projects_per_100k"] = div(c.projects_voted, c.population) * 100_000
    raw["projects_done"] = div(c.projects_done, c.projects_voted)

    v = raw.copy()
    v["response_days"] = v.response_days.fillna(v.response_days.median())
    ppv = v.participants_per_vote
    v["participants_per_vote"] = ppv.clip(ppv.quantile(0.05), ppv.quantile(0.95)).fillna(0)
    v["projects_done"] = v.projects_done.fillna(0)
    assert not v.isna().any().any(), "missing values where the methodology says `missing error`"

    n = pd.DataFrame(index=c.index)
    n["regional_connected"] = goalposts(v.regional_connected, 0.5, 1)
    n["municipal_connected"] = goalposts(v.municipal_connected, 0.5, 1)
    n["subordinate_connected"] = minmax(v.subordinate_connected)
    n["widget_sites"] = (v.widget_sites / 0.95).clip(upper=1)
    n["connected_per_100k"] = goalposts(v.connected_per_100k, 25, 150)
    n["connection_growth"] = minmax(v.connection_growth)
    n["answered"] = goalposts(v.answered, 0.85, 1)
    n["answered_on_time"] = minmax(v.answered_on_time)
    n["response_days"] = goalposts(v.response_days, 1, 30, higher=False)
    s = v.satisfaction
    n["satisfaction"] = np.select([s >= 0.85, s >= 0.75, s >= 0.65, s >= 0.5], [1, 0.75, 0.5, 0.25], 0)
    n["rated_share"] = minmax(v.rated_share)
    n["repeat_complaints"] = minmax(v.repeat_complaints, higher=False)
    n["rework"] = minmax(v.rework, higher=False)
    n["messages_per_1000"] = per_1000(v.messages_per_1000)
    mg = v.messages_growth.max()
    n["messages_growth"] = v.messages_growth / mg if mg != 0 else 0.0
    n["votes_per_100k"] = goalposts(v.votes_per_100k, 0, 2)
    n["participation"] = goalposts(v.participation, 0, 0.12)
    n["participants_per_vote"] = minmax(v.participants_per_vote)
    n["hearings_per_100k"] = goalposts(v.hearings_per_100k, 0, 5)
    n["projects_per_100k"] = goalposts(v.projects_per_100k, 0, 6)
    n["projects_done"] = minmax(v.projects_done)

    points = {
        "regional_connected": 60, "municipal_connected": 60, "subordinate_connected": 50,
        "widget_sites": 50, "connected_per_100k": 40, "connection_growth": 40,
        "answered": 50, "answered_on_time": 100, "response_days": 60, "satisfaction": 80,
        "rated_share": 30, "repeat_complaints": 40, "rework": 30, "messages_per_1000": 40,
        "messages_growth": 20, "votes_per_100k": 40, "participation": 60,
        "participants_per_vote": 30, "hearings_per_100k": 30, "projects_per_100k": 30,
        "projects_done": 60,
    }
    score = sum(n[k] * w for k, w in points.items())
    score = np.sign(score) * np.floor(np.abs(score) * 10 + 0.5) / 10  # round 1, half away from zero

    out = pd.DataFrame({"score": score, "t1": raw.answered_on_time, "t2": raw.satisfaction})
    out["key"] = out.index
    out = out.sort_values(["score", "t1", "t2", "key"], ascending=[False, False, False, True])
    block = (out[["score", "t1", "t2"]] != out[["score", "t1", "t2"]].shift()).any(axis=1)
    out["place"] = block.cumsum()
    out["zone"] = np.select([out.score >= 650, out.score >= 500], ["green", "yellow"], "red")
    return out[["place", "key", "score", "zone"]]


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
