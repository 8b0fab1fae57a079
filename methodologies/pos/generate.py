#!/usr/bin/env python3
"""Synthetic Feedback Platform (ПОС) figures for the 85 regions, 2025, by quarter.

The figures are invented but plausible: scaled to each region's population, with
regional spread, cumulative from January as the published rating is, and with the
oddities real data has (see ODDITIES below). A fixed seed and a PRNG of our own
(splitmix64) make the output byte-identical on every machine and Python version.

    python3 methodologies/pos/generate.py            # rewrites methodologies/pos/data/
    python3 methodologies/pos/generate.py --out DIR  # writes elsewhere (used by the tests)

The regions (codes, names, federal districts, population at 1 January 2020) come from
regions.csv beside this script; see README.md there for the sources.
"""

import argparse
import csv
import math
import os

SEED = 20250101
HERE = os.path.dirname(os.path.abspath(__file__))

# The oddities, by region code.
NO_VOTES = "87"       # Чукотский АО held no votes in 2025
MISSING_DAYS = "07"   # Кабардино-Балкарская Республика: no average answer time in Q4
OUTLIER = "89"        # Ямало-Ненецкий АО: an outlier in vote participation
TIE = ("28", "13")    # Амурская область and Республика Мордовия report identical figures


class Rng:
    """splitmix64: small, fast and the same everywhere."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def uniform(self, lo, hi):
        return lo + (hi - lo) * (self.next_u64() >> 11) / float(1 << 53)

    def normal(self, mu, sigma):
        u1 = max(self.uniform(0.0, 1.0), 1e-12)
        u2 = self.uniform(0.0, 1.0)
        return mu + sigma * math.sqrt(-2.0 * math.log(u1)) * math.cos(2 * math.pi * u2)


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


# Share of the year's messages, votes, … received by the end of each quarter.
CUMULATIVE = [0.23, 0.49, 0.75, 1.0]

COLUMNS = [
    "region_code", "region_name", "federal_district", "population",
    "messages_total", "messages_answered", "answered_on_time", "response_days_avg",
    "answers_rated", "rated_positive", "repeat_complaints", "returned_for_rework",
    "regional_bodies_total", "regional_bodies_connected",
    "municipal_bodies_total", "municipal_bodies_connected",
    "subordinate_orgs_total", "subordinate_orgs_connected",
    "sites_total", "sites_with_widget",
    "votes_held", "vote_participants", "hearings_held", "hearing_participants",
    "projects_voted", "projects_done",
]


def region_profile(rng, pop):
    """Yearly totals and end-of-year shares for one region."""
    k = pop / 1000.0
    quality = rng.normal(0.0, 1.0)  # one latent 'how well the region works' factor
    p = {}
    p["messages_year"] = k * clamp(rng.normal(38, 12), 8, 90)
    p["answered"] = clamp(0.965 + 0.012 * quality + rng.normal(0, 0.01), 0.88, 0.999)
    p["on_time"] = clamp(0.90 + 0.035 * quality + rng.normal(0, 0.03), 0.70, 0.995)
    p["days"] = clamp(8.5 - 2.2 * quality + rng.normal(0, 1.5), 2.0, 22.0)
    p["rated"] = clamp(rng.normal(0.22, 0.06), 0.06, 0.45)
    p["positive"] = clamp(0.68 + 0.06 * quality + rng.normal(0, 0.06), 0.35, 0.95)
    p["repeat"] = clamp(0.035 - 0.008 * quality + rng.normal(0, 0.01), 0.005, 0.09)
    p["rework"] = clamp(0.02 - 0.005 * quality + rng.normal(0, 0.008), 0.002, 0.06)
    p["regional_bodies"] = int(clamp(rng.normal(45, 12), 20, 90))
    p["municipal_bodies"] = int(clamp(80 + k * 0.09 + rng.normal(0, 40), 25, 900))
    p["subordinate"] = int(clamp(150 + k * 0.35 + rng.normal(0, 60), 40, 3500))
    p["sites"] = int(clamp(60 + k * 0.05 + rng.normal(0, 20), 20, 600))
    base_conn = clamp(0.86 + 0.05 * quality + rng.normal(0, 0.05), 0.55, 1.0)
    p["conn_regional"] = clamp(base_conn + 0.08, 0.6, 1.0)
    p["conn_municipal"] = clamp(base_conn + rng.normal(0, 0.05), 0.45, 1.0)
    p["conn_subordinate"] = clamp(base_conn - 0.1 + rng.normal(0, 0.07), 0.3, 1.0)
    p["widget"] = clamp(base_conn - 0.05 + rng.normal(0, 0.08), 0.3, 1.0)
    p["votes_year"] = max(1.0, k / 1000.0 * clamp(rng.normal(9, 4), 1, 25))
    p["participation"] = clamp(rng.normal(0.06, 0.03) + 0.01 * quality, 0.004, 0.16)
    p["hearings_year"] = max(1.0, k / 100.0 * clamp(rng.normal(2.5, 1.2), 0.3, 7))
    p["hearing_participation"] = clamp(rng.normal(0.004, 0.002), 0.0005, 0.012)
    p["projects_per_vote"] = clamp(rng.normal(2.2, 0.8), 0.5, 5.0)
    p["done"] = clamp(0.62 + 0.08 * quality + rng.normal(0, 0.1), 0.2, 1.0)
    return p


def quarter_row(rng, region, p, q):
    """Figures at the end of quarter q (0-based), cumulative from January."""
    c = CUMULATIVE[q]
    # connection grows through the year towards its end-of-year share
    grow = 0.82 + 0.18 * (q + 1) / 4.0
    total = int(round(p["messages_year"] * c * rng.uniform(0.97, 1.03)))
    answered = int(round(total * clamp(p["answered"] - (3 - q) * 0.004, 0.5, 1.0)))
    on_time = int(round(answered * p["on_time"]))
    rated = int(round(answered * p["rated"]))
    positive = int(round(rated * p["positive"]))
    votes = int(round(p["votes_year"] * c))
    participants = int(round(region["population"] * p["participation"] * c))
    projects = int(round(votes * p["projects_per_vote"]))
    # projects are carried out with a lag: fewer are done early in the year
    done = int(round(projects * p["done"] * (0.5 + 0.5 * c)))
    row = {
        "region_code": region["code"],
        "region_name": region["name"],
        "federal_district": region["federal_district"],
        "population": region["population"],
        "messages_total": total,
        "messages_answered": answered,
        "answered_on_time": on_time,
        "response_days_avg": round(p["days"] * rng.uniform(0.9, 1.1), 1),
        "answers_rated": rated,
        "rated_positive": positive,
        "repeat_complaints": int(round(total * p["repeat"])),
        "returned_for_rework": int(round(total * p["rework"])),
        "regional_bodies_total": p["regional_bodies"],
        "regional_bodies_connected": int(round(p["regional_bodies"] * min(1.0, p["conn_regional"] * grow))),
        "municipal_bodies_total": p["municipal_bodies"],
        "municipal_bodies_connected": int(round(p["municipal_bodies"] * min(1.0, p["conn_municipal"] * grow))),
        "subordinate_orgs_total": p["subordinate"],
        "subordinate_orgs_connected": int(round(p["subordinate"] * min(1.0, p["conn_subordinate"] * grow))),
        "sites_total": p["sites"],
        "sites_with_widget": int(round(p["sites"] * min(1.0, p["widget"] * grow))),
        "votes_held": votes,
        "vote_participants": participants,
        "hearings_held": int(round(p["hearings_year"] * c)),
        "hearing_participants": int(round(region["population"] * p["hearing_participation"] * c)),
        "projects_voted": projects,
        "projects_done": done,
    }
    return row


def load_regions():
    with open(os.path.join(HERE, "regions.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        {
            "code": r["code"],
            "name": r["name"],
            "federal_district": r["federal_district"],
            "population": int(r["population_2020"]),
        }
        for r in rows
    ]


def generate():
    rng = Rng(SEED)
    regions = load_regions()
    profiles = {r["code"]: region_profile(rng, r["population"]) for r in regions}
    # The tie: two regions of nearly the same population (Амурская область and
    # Республика Мордовия differ by 0.02%) report the same figures, and both work well
    # above every per-capita goalpost of the methodology, so that every indicator of the
    # two is equal and they share a place.
    a, b = TIE
    boost = profiles[a]
    boost["messages_year"] = 80.0 * next(r for r in regions if r["code"] == a)["population"] / 1000.0
    boost["votes_year"] = max(boost["votes_year"], 30.0)
    boost["participation"] = 0.15
    boost["hearings_year"] = max(boost["hearings_year"], 60.0)
    boost["hearing_participation"] = 0.011
    boost["projects_per_vote"] = 4.5
    boost["subordinate"] = 1600
    quarters = []
    for q in range(4):
        qrng = Rng(SEED + 1 + q)
        rows = [quarter_row(qrng, r, profiles[r["code"]], q) for r in regions]
        by_code = {row["region_code"]: row for row in rows}
        for col in COLUMNS[4:]:
            by_code[b][col] = by_code[a][col]
        # No votes at all in one region.
        for col in ["votes_held", "vote_participants", "projects_voted", "projects_done"]:
            by_code[NO_VOTES][col] = 0
        # An outlier: one region reports vote participation far above everyone else.
        by_code[OUTLIER]["vote_participants"] = int(by_code[OUTLIER]["population"] * 0.9 * CUMULATIVE[q])
        # A missing figure in the last quarter.
        if q == 3:
            by_code[MISSING_DAYS]["response_days_avg"] = None
        quarters.append(rows)
    return quarters


def fmt(v, decimal_comma):
    if v is None:
        return "н/д" if decimal_comma else ""
    if isinstance(v, float):
        s = f"{v:.1f}"
        return s.replace(".", ",") if decimal_comma else s
    return str(v)


# How each quarter's file is exported, as regional offices do it.
DIALECTS = [
    # (separator, decimal comma, encoding, BOM)
    (",", False, "utf-8", False),
    (",", False, "utf-8", False),
    (";", True, "cp1251", False),
    (";", True, "utf-8", True),
]


def write(out_dir, quarters):
    os.makedirs(out_dir, exist_ok=True)
    for q, rows in enumerate(quarters):
        sep, dec, enc, bom = DIALECTS[q]
        lines = [sep.join(COLUMNS)]
        for row in rows:
            cells = []
            for c in COLUMNS:
                cell = fmt(row[c], dec)
                if sep in cell or '"' in cell:
                    cell = '"' + cell.replace('"', '""') + '"'
                cells.append(cell)
            lines.append(sep.join(cells))
        data = ("\r\n".join(lines) + "\r\n").encode(enc)
        if bom:
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(out_dir, f"2025-q{q + 1}.csv"), "wb") as f:
            f.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "data"))
    args = ap.parse_args()
    write(args.out, generate())


if __name__ == "__main__":
    main()
