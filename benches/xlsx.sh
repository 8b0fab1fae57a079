#!/usr/bin/env bash
# The large case (1,000,000 units × 25 indicators, benches/gen_large.py, in target/large)
# written as an Excel workbook (`run --format xlsx`, rust_xlsxwriter in constant-memory
# mode) beside the same run written as CSV: time (hyperfine) and peak memory (the
# maximum resident set, /usr/bin/time). The workbook is checked first: it opens, and its
# ranking sheet has a row per unit. Writes the table into docs/performance.md (between
# `xlsx:begin` and `xlsx:end`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
bin=target/release/metodika
large=target/large
if [ ! -f "$large/units.csv" ]; then
    python3 benches/gen_large.py "$large" >&2
fi
m=$large/large.metodika
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" run "$m" --format xlsx -o "$tmp/check.xlsx" 2>/dev/null
python3 - "$tmp/check.xlsx" <<'PY'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
dim = re.search(rb'<dimension ref="A1:([A-Z]+)(\d+)"/>', z.read("xl/worksheets/sheet1.xml")[:2000])
assert dim and int(dim.group(2)) == 1_000_001, dim
PY
hyperfine -N --warmup 1 --runs "${RUNS:-3}" --export-json "$tmp/t.json" \
    "$bin run $m --format csv -o $tmp/out.csv" \
    "$bin run $m --format xlsx -o $tmp/out.xlsx" >&2
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
csv_kb=$(peak "$bin" run "$m" --format csv -o "$tmp/out.csv")
xlsx_kb=$(peak "$bin" run "$m" --format xlsx -o "$tmp/out.xlsx")
python3 - "$tmp/t.json" "$csv_kb" "$xlsx_kb" "$(stat -c %s "$tmp/out.csv")" "$(stat -c %s "$tmp/out.xlsx")" <<'PY'
import json, re, sys
t = json.load(open(sys.argv[1]))["results"]
csv_kb, xlsx_kb, csv_b, xlsx_b = map(int, sys.argv[2:6])
rows = [("`run --format csv`", t[0]["median"], csv_kb, csv_b),
        ("`run --format xlsx`", t[1]["median"], xlsx_kb, xlsx_b)]
table = "| output (1,000,000 units × 25 indicators, release) | time, median | peak memory | file |\n|---|---|---|---|\n"
for name, s, kb, b in rows:
    table += f"| {name} | {s:.2f} s | {kb / 1024:.0f} MB | {b / 1e6:.0f} MB |\n"
print(table, end="")
doc = "docs/performance.md"
text = open(doc).read()
new = re.sub(r"(<!-- xlsx:begin -->\n).*?(<!-- xlsx:end -->)", lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
assert new != text or table in text, "docs/performance.md has no xlsx marks"
open(doc, "w").write(new)
PY
