#!/usr/bin/env python3
"""A large case for docs/performance.md: 1,000,000 units × 25 indicators (CSV), and a
methodology with three levels of groups.

    python3 benches/gen_large.py /tmp/large [ROWS]   # writes units.csv and large.metodika
"""
import argparse
import os

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("out", nargs="?", default="/tmp/large",
                help="the folder to write units.csv and large.metodika into (default /tmp/large)")
ap.add_argument("rows", nargs="?", type=int, default=1_000_000,
                help="how many units (default 1,000,000)")
args = ap.parse_args()
out, rows = args.out, args.rows
if rows < 1:
    ap.error("rows must be at least 1")
os.makedirs(out, exist_ok=True)
state = 12345


def rnd():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
    return (state >> 11) / float(1 << 53)


cols = [f"x{i:02d}" for i in range(25)]
with open(os.path.join(out, "units.csv"), "w") as f:
    f.write("unit," + ",".join(cols) + "\n")
    for r in range(rows):
        f.write(f"u{r:07d}," + ",".join(f"{rnd() * 100:.3f}" for _ in cols) + "\n")
lines = ['methodology "Большой случай" {', "    key unit", "}", "", 'input t "units.csv"', ""]
norms = ["minmax", "goalposts(0, 100)", "zscore", "rank", "ratio_to_best"]
for i, c in enumerate(cols):
    lines += [f'indicator i{i:02d} "Показатель {i}" {{', f"    value     = t.{c}",
              f"    better    {'higher' if i % 4 else 'lower'}", f"    normalize {norms[i % 5]}", "}", ""]
# three levels: 5 groups of 5 → 2 blocks → score
for g in range(5):
    lines.append(f'group g{g} "Группа {g}" {{')
    lines += [f"    i{g * 5 + k:02d} weight {k + 1}" for k in range(5)]
    lines += ["}", ""]
lines += ['group b0 "Блок 0" {', "    g0 weight 60%", "    g1 weight 40%", "}", "",
          'group b1 "Блок 1" {', "    g2", "    g3", "    g4", "}", "",
          'score "Итог" sum {', "    b0 points 400", "    b1 points 600", "}", "",
          "rank {", "    round 2", "    ties  competition", "}"]
with open(os.path.join(out, "large.metodika"), "w") as f:
    f.write("\n".join(lines) + "\n")
