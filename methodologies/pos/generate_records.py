#!/usr/bin/env python3
"""Synthetic Feedback Platform (ПОС) records for the 85 regions, 2024 and 2025, as Parquet.

The records the platform itself holds, from which pos-2025.metodika and pos-2026.metodika
count their indicators: citizens' messages, the register of bodies and organizations with
the day each was connected, official sites with the day the platform's widget was put on
them, votes and public hearings, and projects put to the vote. Each region keeps the
latent "how well it works" factor of generate.py (the same seed, the same draws), so the
regions that do well in the per-region tables do well here.

    python generate_records.py                      # the committed sample, into data/records/
    python generate_records.py --full --out DIR     # full size: about 1.9 million messages a year
    python generate_records.py --messages 10000000 --years 2025 --out DIR  # benchmarks

The committed sample keeps one message in twenty (`--scale 0.05`); every other record
is at full size. It needs numpy and pyarrow (.ci/peers.sh makes a pinned environment
with both); with the same versions the files are the same byte for byte.
"""

import argparse
import datetime as dt
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402  (the regions and their latent profiles)

YEARS = [2024, 2025]
# Messages a year per 1,000 residents, against generate.py's per-region rate.
MESSAGE_RATE = 0.35
ANSWERED = "ответ дан"
IN_WORK = "на рассмотрении"
REJECTED = "отклонено"
CATEGORIES = ["ЖКХ", "Дороги", "Благоустройство", "Здравоохранение", "Образование",
              "Транспорт", "Социальная защита", "Экология", "Прочее"]
CATEGORY_P = [0.27, 0.16, 0.15, 0.11, 0.08, 0.08, 0.06, 0.04, 0.05]
ORG_TYPES = ["орган власти региона", "орган местного самоуправления", "подведомственная организация"]
VOTE = "голосование"
HEARING = "публичные слушания"
# Records of a region code that is not one of the 85 (the Baikonur complex's code, as
# some exports carry it): the methodologies leave them out, and the run says how many.
FOREIGN = "99"
EPOCH = dt.date(1970, 1, 1)


def day(y, m, d):
    return (dt.date(y, m, d) - EPOCH).days


def profiles():
    """The regions and generate.py's profiles, drawn in the same order."""
    regions = generate.load_regions()
    rng = generate.Rng(generate.SEED)
    return regions, {r["code"]: generate.region_profile(rng, r["population"]) for r in regions}


def messages(path, year, regions, prof, scale, seed):
    """One year's messages, written month by month (a row group a month, in the order
    they came): created, status, answered, response days, rating, flags."""
    rng = np.random.default_rng([seed, year])
    year_end = day(year, 12, 31)
    volume = 0.9 if year == 2024 else 1.0
    codes = [r["code"] for r in regions] + [FOREIGN]
    tmp = path + ".tmp"
    writer = None
    first_id = (year - 2000) * 1_000_000_000 + 1
    for month in range(1, 13):
        start = day(year, month, 1)
        end = (day(year + 1, 1, 1) if month == 12 else day(year, month + 1, 1)) - 1
        parts = []
        for code in codes:
            if code == FOREIGN:
                p = prof[regions[0]["code"]]
                rate = 40 * scale * 20
            else:
                p = prof[code]
                rate = p["messages_year"] * MESSAGE_RATE * volume * scale
            n = int(rng.poisson(rate / 12))
            created = rng.integers(start, end + 1, n)
            # later messages are more often still in work at the export (15 January)
            age = (year_end + 15) - created
            answered_p = np.clip(p["answered"] - np.where(age < 25, 0.5, 0.0), 0.0, 1.0)
            u = rng.random(n)
            status = np.where(u < answered_p, 0, np.where(u < answered_p + 0.012, 2, 1))
            on_time = rng.random(n) < p["on_time"]
            quick = 1 + np.floor(rng.gamma(2.0, p["days"] / 3.0, n)).clip(0, 9)
            late = 11 + np.floor(rng.exponential(8.0, n))
            days = np.where(on_time, quick, late).astype(np.int32)
            is_answered = status == 0
            rated = is_answered & (rng.random(n) < np.clip(0.8 + rng.normal(0, 0.04), 0.6, 0.95))
            positive = rng.random(n) < p["positive"]
            rating = np.where(positive, rng.integers(4, 6, n), rng.integers(1, 4, n)).astype(np.int8)
            parts.append((code, n, {
                "category": rng.choice(len(CATEGORIES), n, p=CATEGORY_P).astype(np.int32),
                "status": status.astype(np.int32),
                "created": created.astype(np.int32),
                "answered": (created + days).astype(np.int32),
                "response_days": days,
                "rating": rating,
                "repeat": rng.random(n) < p["repeat"],
                "reworked": rng.random(n) < p["rework"],
                "is_answered": is_answered,
                "rated": rated,
            }))
        cat = {k: np.concatenate([x[2][k] for x in parts]) for k in parts[0][2]}
        region = np.concatenate([np.full(x[1], i, dtype=np.int32) for i, x in enumerate(parts)])
        # the export's order: by the day a message came, then by region
        order = np.lexsort([region, cat["created"]])
        cat = {k: v[order] for k, v in cat.items()}
        region = region[order]
        n = len(region)
        not_answered = ~cat["is_answered"]
        t = pa.table({
            "id": pa.array(np.arange(first_id, first_id + n, dtype=np.int64)),
            "region_code": pa.DictionaryArray.from_arrays(pa.array(region), codes).cast(pa.string()),
            "category": pa.DictionaryArray.from_arrays(pa.array(cat["category"]), CATEGORIES).cast(pa.string()),
            "status": pa.DictionaryArray.from_arrays(pa.array(cat["status"]),
                                                     [ANSWERED, IN_WORK, REJECTED]).cast(pa.string()),
            "created": pa.array(cat["created"]).cast(pa.date32()),
            "answered": pa.array(cat["answered"], mask=not_answered).cast(pa.date32()),
            "response_days": pa.array(cat["response_days"], mask=not_answered),
            "rating": pa.array(cat["rating"], mask=~cat["rated"]),
            "repeat": pa.array(cat["repeat"]),
            "reworked": pa.array(cat["reworked"]),
        })
        first_id += n
        if writer is None:
            writer = pq.ParquetWriter(tmp, t.schema, compression="zstd")
        writer.write_table(t, row_group_size=2_000_000)
    writer.close()
    os.replace(tmp, path)


def organizations(regions, prof, seed):
    """The register: every body and organization, the day it was registered, the day it
    was connected to the platform (empty if it is not)."""
    rng = np.random.default_rng([seed, 1])
    rows = {"region_code": [], "type": [], "registered": [], "connected": []}
    for r in regions:
        p = prof[r["code"]]
        for t, n, share in [(0, p["regional_bodies"], p["conn_regional"]),
                            (1, p["municipal_bodies"], p["conn_municipal"]),
                            (2, int(p["subordinate"] * 1.45), p["conn_subordinate"])]:
            # most were registered long ago; a few join through the years
            registered = np.where(rng.random(n) < 0.93, rng.integers(day(2019, 1, 1), day(2024, 1, 1), n),
                                  rng.integers(day(2024, 1, 1), day(2026, 1, 1), n))
            # connected by the end of 2025 with the profile's share, a fifth of them in 2025
            connected = rng.random(n) < share
            when = np.where(rng.random(n) < 0.8, rng.integers(day(2021, 1, 1), day(2025, 1, 1), n),
                            rng.integers(day(2025, 1, 1), day(2026, 1, 1), n))
            when = np.maximum(when, registered)
            rows["region_code"] += [r["code"]] * n
            rows["type"] += [ORG_TYPES[t]] * n
            rows["registered"] += registered.tolist()
            rows["connected"] += [int(w) if c else None for w, c in zip(when, connected)]
    return pa.table({
        "region_code": pa.array(rows["region_code"], pa.string()),
        "type": pa.array(rows["type"], pa.string()),
        "registered": pa.array(rows["registered"], pa.int32()).cast(pa.date32()),
        "connected": pa.array(rows["connected"], pa.int32()).cast(pa.date32()),
    })


def sites(regions, prof, seed):
    """Official sites: the day each was listed, the day the widget was put on it."""
    rng = np.random.default_rng([seed, 2])
    rows = {"region_code": [], "site": [], "listed": [], "widget": []}
    for r in regions:
        p = prof[r["code"]]
        n = p["sites"]
        listed = rng.integers(day(2018, 1, 1), day(2024, 6, 1), n)
        has = rng.random(n) < p["widget"]
        when = np.maximum(np.where(rng.random(n) < 0.8, rng.integers(day(2022, 1, 1), day(2025, 1, 1), n),
                                   rng.integers(day(2025, 1, 1), day(2026, 1, 1), n)), listed)
        rows["region_code"] += [r["code"]] * n
        rows["site"] += [f"site-{r['code']}-{i + 1}.gov.ru" for i in range(n)]
        rows["listed"] += listed.tolist()
        rows["widget"] += [int(w) if h else None for w, h in zip(when, has)]
    return pa.table({
        "region_code": pa.array(rows["region_code"], pa.string()),
        "site": pa.array(rows["site"], pa.string()),
        "listed": pa.array(rows["listed"], pa.int32()).cast(pa.date32()),
        "widget": pa.array(rows["widget"], pa.int32()).cast(pa.date32()),
    })


def votes(regions, prof, seed):
    """Votes and public hearings held in 2024–2025, with their participants, and the
    projects put to each vote, with whether each was carried out."""
    rng = np.random.default_rng([seed, 3])
    v = {"region_code": [], "kind": [], "held": [], "participants": []}
    pr = {"region_code": [], "voted": [], "implemented": []}
    for r in regions:
        code, pop = r["code"], r["population"]
        p = prof[code]
        for year in YEARS:
            start, end = day(year, 1, 1), day(year, 12, 31)
            n_votes = 0 if code == generate.NO_VOTES else max(1, int(rng.poisson(p["votes_year"])))
            share = 0.9 if code == generate.OUTLIER else p["participation"]
            held = np.sort(rng.integers(start, end + 1, n_votes))
            people = rng.multinomial(int(pop * share), np.full(n_votes, 1.0 / n_votes)) if n_votes else []
            v["region_code"] += [code] * n_votes
            v["kind"] += [VOTE] * n_votes
            v["held"] += held.tolist()
            v["participants"] += [int(x) for x in people]
            n_h = max(1, int(rng.poisson(p["hearings_year"])))
            v["region_code"] += [code] * n_h
            v["kind"] += [HEARING] * n_h
            v["held"] += np.sort(rng.integers(start, end + 1, n_h)).tolist()
            v["participants"] += rng.poisson(pop * p["hearing_participation"] / n_h, n_h).tolist()
            for h in held:
                k = max(1, int(rng.poisson(p["projects_per_vote"])))
                # projects voted early in the year are more often carried out by its end
                done_p = p["done"] * (0.5 + 0.5 * (end - h) / 365.0)
                pr["region_code"] += [code] * k
                pr["voted"] += [int(h)] * k
                pr["implemented"] += (rng.random(k) < done_p).tolist()
    vt = pa.table({
        "region_code": pa.array(v["region_code"], pa.string()),
        "kind": pa.array(v["kind"], pa.string()),
        "held": pa.array(v["held"], pa.int32()).cast(pa.date32()),
        "participants": pa.array(v["participants"], pa.int64()),
    })
    pt = pa.table({
        "region_code": pa.array(pr["region_code"], pa.string()),
        "voted": pa.array(pr["voted"], pa.int32()).cast(pa.date32()),
        "implemented": pa.array(pr["implemented"], pa.bool_()),
    })
    return vt, pt


def write(table, path):
    """A Parquet file written whole: to a temporary name, then renamed."""
    tmp = path + ".tmp"
    pq.write_table(table, tmp, compression="zstd", row_group_size=1_000_000)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "data", "records"))
    ap.add_argument("--scale", type=float, default=0.05,
                    help="the share of messages kept (1 = full size); other records are full size")
    ap.add_argument("--full", action="store_true", help="full size: --scale 1")
    ap.add_argument("--messages", type=int,
                    help="about this many messages in the last year (sets --scale; benchmarks)")
    ap.add_argument("--years", default=",".join(map(str, YEARS)))
    args = ap.parse_args()
    scale = 1.0 if args.full else args.scale
    os.makedirs(args.out, exist_ok=True)
    regions, prof = profiles()
    if args.messages:
        # the expected number of messages of a year at full size (the last year: 1.0)
        full = sum(prof[r["code"]]["messages_year"] * MESSAGE_RATE for r in regions)
        scale = args.messages / full
    seed = generate.SEED
    for year in [int(y) for y in args.years.split(",")]:
        messages(os.path.join(args.out, f"messages-{year}.parquet"), year, regions, prof, scale, seed)
    write(organizations(regions, prof, seed), os.path.join(args.out, "organizations.parquet"))
    write(sites(regions, prof, seed), os.path.join(args.out, "sites.parquet"))
    vt, pt = votes(regions, prof, seed)
    write(vt, os.path.join(args.out, "votes.parquet"))
    write(pt, os.path.join(args.out, "projects.parquet"))


if __name__ == "__main__":
    main()
