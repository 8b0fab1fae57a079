#!/usr/bin/env bash
# `metodika audit` (issue 32): the ПОС example (methodologies/pos/pos-2025-tables.metodika,
# 85 regions, 21 indicators, 3 blocks: 24 drop-one runs) beside `metodika run` of the same
# file, and on records (pos-2025.metodika, about 200,000 messages); then the large case
# (benches/gen_large.py: 1,000,000 units × 25 indicators, 7 groups: 32 drop-one runs),
# its time and peak memory. Writes the table into docs/performance.md (between
# `audit:begin` and `audit:end`).
#   bash benches/audit.sh            # RUNS=… for fewer runs of the ПОС example
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
bin=target/release/metodika
large=target/large
[ -f "$large/units.csv" ] || python3 benches/gen_large.py "$large" >&2
tmp=$(mktemp -d)
tables=methodologies/pos/pos-2025-tables.metodika
records=methodologies/pos/pos-2025.metodika
hyperfine -N --warmup 2 --runs "${RUNS:-20}" --export-json "$tmp/pos.json" \
    "$bin audit $tables --format csv --output $tmp/a.csv" \
    "$bin run $tables --format csv --output $tmp/r.csv" >&2
hyperfine -N --warmup 1 --runs "${RUNS:-10}" --export-json "$tmp/records.json" \
    "$bin audit $records --format csv --output $tmp/a.csv" \
    "$bin run $records --format csv --output $tmp/r.csv" >&2
/usr/bin/time -v "$bin" --allow-outside audit "$large/large.metodika" --format csv \
    --output "$tmp/large.csv" 2> "$tmp/large.time"
python3 - "$tmp" <<'PY'
import json, re, sys
tmp = sys.argv[1]
pos = [r["median"] for r in json.load(open(f"{tmp}/pos.json"))["results"]]
rec = [r["median"] for r in json.load(open(f"{tmp}/records.json"))["results"]]
t = open(f"{tmp}/large.time").read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
parts = [float(x) for x in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
table = "\n".join([
    "**Audit** (`metodika audit`, the CSV of its statistics; release build, two cores; "
    "`bash benches/audit.sh`):", "",
    "| case | `audit` | `run` of the same file |",
    "| --- | --- | --- |",
    f"| the ПОС example on tables (85 regions, 21 indicators, 24 drop-one runs) | {pos[0]*1000:.0f} ms | {pos[1]*1000:.0f} ms |",
    f"| the ПОС example on records (about 200,000 messages) | {rec[0]*1000:.0f} ms | {rec[1]*1000:.0f} ms |",
    f"| the large case (1,000,000 units × 25 indicators, 32 drop-one runs) | {secs:.1f} s, peak {peak:.0f} MB | |",
])
print(table)
doc = "docs/performance.md"
text = open(doc, encoding="utf-8").read()
new = re.sub(r"(<!-- audit:begin -->\n).*?(<!-- audit:end -->)",
             lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)
open(doc, "w", encoding="utf-8").write(new)
PY
