#!/usr/bin/env bash
# Whole-process comparison: metodika against the same ПОС 2025 rating written by hand with
# pandas and with polars (benches/peers/). Each peer is first checked to produce the same
# ranking; then all are timed with hyperfine. Prints a Markdown table for docs/performance.md.
#
#   bash benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/peers-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pandas polars
fi
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
out=$(mktemp -d)
cur=methodologies/pos/data/2025-q4.csv
prev=methodologies/pos/data/2025-q3.csv
target/release/metodika run methodologies/pos/pos-2025.metodika --format csv > "$out/metodika.csv"
"$venv/bin/python" benches/peers/pos_pandas.py "$cur" "$prev" > "$out/pandas.csv"
"$venv/bin/python" benches/peers/pos_polars.py "$cur" "$prev" > "$out/polars.csv"
python3 benches/peers/same_ranking.py "$out/metodika.csv" "$out/pandas.csv"
python3 benches/peers/same_ranking.py "$out/metodika.csv" "$out/polars.csv"
echo "same ranking: metodika, pandas, polars (85 regions)" >&2
hyperfine -N --warmup 3 --runs 20 --export-json "$out/times.json" \
    -n metodika "target/release/metodika run methodologies/pos/pos-2025.metodika --format csv" \
    -n pandas "$venv/bin/python benches/peers/pos_pandas.py $cur $prev" \
    -n polars "$venv/bin/python benches/peers/pos_polars.py $cur $prev" >&2
python3 - "$out/times.json" "$venv/bin/python" <<'PY'
import json, subprocess, sys
res = json.load(open(sys.argv[1]))["results"]
base = next(r for r in res if r["command"] == "metodika")["median"]
ver = subprocess.run([sys.argv[2], "-c", "import pandas, polars, numpy; print(f'pandas {pandas.__version__}, polars {polars.__version__}, numpy {numpy.__version__}')"], capture_output=True, text=True).stdout.strip()
print(f"ПОС 2025, 85 regions, end to end ({ver}):\n")
print("| program | median | ratio to metodika |")
print("| --- | --- | --- |")
for r in res:
    print(f"| {r['command']} | {r['median'] * 1000:.1f} ms | {r['median'] / base:.1f}× |")
PY
