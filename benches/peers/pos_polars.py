#!/usr/bin/env python3
"""The ПОС 2025 rating (methodologies/pos/pos-2025-tables.metodika) written by hand with polars,
as an analyst would script it. Prints `place,key,score,zone` as CSV.

    python pos_polars.py methodologies/pos/data/2025-q4.csv methodologies/pos/data/2025-q3.csv
"""
import io
import sys

import polars as pl


def read(path, encoding):
    text = open(path, "rb").read().decode(encoding)
    return pl.read_csv(io.StringIO(text), separator=";", decimal_comma=True,
                       null_values=["н/д"], schema_overrides={"region_code": pl.Utf8})


def div(a, b):
    return pl.when(b != 0).then(a / b)


def goalposts(x, lo, hi, higher=True):
    v = (x - lo) / (hi - lo) if higher else (hi - x) / (hi - lo)
    return v.clip(0, 1)


def minmax(x, higher=True):
    lo, hi = x.min(), x.max()
    v = (x - lo) / (hi - lo) if higher else (hi - x) / (hi - lo)
    return pl.when(hi == lo).then(1.0).otherwise(v)


POINTS = {
    "regional_connected": 60, "municipal_connected": 60, "subordinate_connected": 50,
    "widget_sites": 50, "connected_per_100k": 40, "connection_growth": 40,
    "answered": 50, "answered_on_time": 100, "response_days": 60, "satisfaction": 80,
    "rated_share": 30, "repeat_complaints": 40, "rework": 30, "messages_per_1000": 40,
    "messages_growth": 20, "votes_per_100k": 40, "participation": 60,
    "participants_per_vote": 30, "hearings_per_100k": 30, "projects_per_100k": 30,
    "projects_done": 60,
}


def main(current, previous):
    c = read(current, "utf-8-sig")
    p = read(previous, "cp1251")
    sys.stdout.write(rank(c, p).write_csv())


def rank(c, p, per_1000=lambda x: goalposts(x, 10, 60)):
    """The ranking of the regions of `c` (this period's figures) against `p` (the
    previous period's), as `place,key,score,zone`; `per_1000` normalizes messages per
    1,000 residents (pos-2025-tables: goalposts 10..60; pos-2025 on records: minmax)."""
    p = p.select(
        "region_code",
        *[pl.col(x).alias("p_" + x) for x in [
            "regional_bodies_connected", "municipal_bodies_connected", "subordinate_orgs_connected",
            "regional_bodies_total", "municipal_bodies_total", "subordinate_orgs_total", "messages_total"]])
    df = c.join(p, on="region_code", how="left")
    col = pl.col
    conn = col("regional_bodies_connected") + col("municipal_bodies_connected") + col("subordinate_orgs_connected")
    total = col("regional_bodies_total") + col("municipal_bodies_total") + col("subordinate_orgs_total")
    pconn = col("p_regional_bodies_connected") + col("p_municipal_bodies_connected") + col("p_subordinate_orgs_connected")
    ptotal = col("p_regional_bodies_total") + col("p_municipal_bodies_total") + col("p_subordinate_orgs_total")
    raw = df.select(
        col("region_code"),
        div(col("regional_bodies_connected"), col("regional_bodies_total")).alias("regional_connected"),
        div(col("municipal_bodies_connected"), col("municipal_bodies_total")).alias("municipal_connected"),
        div(col("subordinate_orgs_connected"), col("subordinate_orgs_total")).alias("subordinate_connected"),
        div(col("sites_with_widget"), col("sites_total")).alias("widget_sites"),
        (div(conn, col("population")) * 100_000).alias("connected_per_100k"),
        (div(conn, total) - div(pconn, ptotal)).alias("connection_growth"),
        div(col("messages_answered"), col("messages_total")).alias("answered"),
        div(col("answered_on_time"), col("messages_answered")).alias("answered_on_time"),
        col("response_days_avg").cast(pl.Float64).alias("response_days"),
        div(col("rated_positive"), col("answers_rated")).alias("satisfaction"),
        div(col("answers_rated"), col("messages_answered")).alias("rated_share"),
        div(col("repeat_complaints"), col("messages_total")).alias("repeat_complaints"),
        div(col("returned_for_rework"), col("messages_total")).alias("rework"),
        (div(col("messages_total"), col("population")) * 1000).alias("messages_per_1000"),
        (div(col("messages_total"), col("p_messages_total")) - 1).alias("messages_growth"),
        (div(col("votes_held"), col("population")) * 100_000).alias("votes_per_100k"),
        div(col("vote_participants"), col("population")).alias("participation"),
        div(col("vote_participants"), col("votes_held")).alias("participants_per_vote"),
        (div(col("hearings_held"), col("population")) * 100_000).alias("hearings_per_100k"),
        (div(col("projects_voted"), col("population")) * 100_000).alias("projects_per_100k"),
        div(col("projects_done"), col("projects_voted")).alias("projects_done"),
    )
    ppv = col("participants_per_vote")
    val = raw.with_columns(
        col("response_days").fill_null(col("response_days").median()),
        ppv.clip(ppv.quantile(0.05, "linear"), ppv.quantile(0.95, "linear")).fill_null(0),
        col("projects_done").fill_null(0),
    )
    s = col("satisfaction")
    mg = col("messages_growth")
    norm = val.select(
        col("region_code"),
        goalposts(col("regional_connected"), 0.5, 1).alias("regional_connected"),
        goalposts(col("municipal_connected"), 0.5, 1).alias("municipal_connected"),
        minmax(col("subordinate_connected")).alias("subordinate_connected"),
        (col("widget_sites") / 0.95).clip(upper_bound=1).alias("widget_sites"),
        goalposts(col("connected_per_100k"), 25, 150).alias("connected_per_100k"),
        minmax(col("connection_growth")).alias("connection_growth"),
        goalposts(col("answered"), 0.85, 1).alias("answered"),
        minmax(col("answered_on_time")).alias("answered_on_time"),
        goalposts(col("response_days"), 1, 30, higher=False).alias("response_days"),
        pl.when(s >= 0.85).then(1.0).when(s >= 0.75).then(0.75).when(s >= 0.65).then(0.5)
        .when(s >= 0.5).then(0.25).otherwise(0.0).alias("satisfaction"),
        minmax(col("rated_share")).alias("rated_share"),
        minmax(col("repeat_complaints"), higher=False).alias("repeat_complaints"),
        minmax(col("rework"), higher=False).alias("rework"),
        per_1000(col("messages_per_1000")).alias("messages_per_1000"),
        pl.when(mg.max() == 0).then(0.0).otherwise(mg / mg.max()).alias("messages_growth"),
        goalposts(col("votes_per_100k"), 0, 2).alias("votes_per_100k"),
        goalposts(col("participation"), 0, 0.12).alias("participation"),
        minmax(col("participants_per_vote")).alias("participants_per_vote"),
        goalposts(col("hearings_per_100k"), 0, 5).alias("hearings_per_100k"),
        goalposts(col("projects_per_100k"), 0, 6).alias("projects_per_100k"),
        minmax(col("projects_done")).alias("projects_done"),
    )
    score = pl.sum_horizontal([col(k) * w for k, w in POINTS.items()])
    out = (
        norm.select(col("region_code").alias("key"), score.round(1, mode="half_away_from_zero").alias("score"))
        .join(raw.select(col("region_code").alias("key"), col("answered_on_time").alias("t1"),
                         col("satisfaction").alias("t2")), on="key")
        .sort(["score", "t1", "t2", "key"], descending=[True, True, True, False])
        .with_columns(
            pl.any_horizontal([col(x).ne_missing(col(x).shift(1)) for x in ["score", "t1", "t2"]])
            .cum_sum().alias("place"))
        .with_columns(pl.when(col("score") >= 650).then(pl.lit("green"))
                      .when(col("score") >= 500).then(pl.lit("yellow")).otherwise(pl.lit("red")).alias("zone"))
    )
    return out.select("place", "key", "score", "zone")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
