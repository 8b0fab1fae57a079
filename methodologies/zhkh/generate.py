#!/usr/bin/env python3
"""Writes the synthetic data of the housing-and-utilities example as a ministry sends it.

регионы.csv: the region table, as Excel saves it to CSV: a title block, `;` between
fields, decimal commas, headers with units, commas, «» and a line break in a cell. The
codes, names and populations are Rosstat's 2020 figures from ../shared/reference/ru-regions.csv
(the first 12 regions); the housing figures are made up.

обращения.csv: citizens' appeals about housing and utilities in 2025, as a platform
exports them: the region's code written as a number (`1` for `01`), one appeal from
Байконур (`99`), which is not a region of the table. Made up, deterministic (no seed
from the clock): `python3 generate.py` writes the same files.
"""
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "..", "..", "shared", "reference", "ru-regions.csv")


def regions():
    if os.path.exists(REFERENCE):
        with open(REFERENCE, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))[:12]
        return [(r["code"], r["name"], int(r["population_2020"])) for r in rows]
    # the same 12 rows, for a checkout without ../shared
    with open(os.path.join(HERE, "регионы.csv"), encoding="utf-8") as f:
        lines = f.read().split("\n")[5:]
    out = []
    for l in lines:
        if l.strip():
            c = l.split(";")
            out.append((c[0], c[1], int(c[2])))
    return out


def lcg(seed):
    x = seed
    while True:
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield x >> 33


def main(out_dir):
    rs = regions()
    g = lcg(2025)
    text = io.StringIO()
    text.write("Сведения о жилищном фонде субъектов Российской Федерации;;;;\n")
    text.write("по состоянию на 01.01.2025 (данные условные);;;;\n;;;;\n")
    text.write('Код;Субъект Российской Федерации;Численность населения, чел.;Число МКД, ед.;'
               '"Доля МКД в «хорошем»\nсостоянии, %"\n')
    for code, name, pop in rs:
        mkd = pop // (60 + next(g) % 90)
        good = 40 + (next(g) % 400) / 10
        text.write(f"{code};{name};{pop};{mkd};{str(good).replace('.', ',')}\n")
    with open(os.path.join(out_dir, "регионы.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(text.getvalue())

    statuses = ["решено", "решено", "решено", "в работе", "отклонено"]
    appeals = io.StringIO()
    appeals.write('Код субъекта,Дата обращения,"Оценка, баллы",Статус\n')
    for code, _, pop in rs:
        n = 20 + pop // 200_000 + next(g) % 15
        for _ in range(n):
            month = 1 + next(g) % 12
            day = 1 + next(g) % 28
            status = statuses[next(g) % len(statuses)]
            score = 1 + next(g) % 5 if status == "решено" else ""
            appeals.write(f"{int(code)},2025-{month:02d}-{day:02d},{score},{status}\n")
    appeals.write("99,2025-02-02,5,решено\n")
    with open(os.path.join(out_dir, "обращения.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(appeals.getvalue())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else HERE)
