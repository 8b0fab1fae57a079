#!/usr/bin/env bash
# The records case, one command: the ПОС rating on the platform's records
# (methodologies/pos/pos-2025.metodika) over 10,000,000 messages of 2025 and the full
# register of bodies and organizations, sites, votes and projects (Parquet, written by
# methodologies/pos/generate_records.py), against the same rating written by hand with
# polars (in memory, streaming) and pandas (benches/peers/pos_records_*.py). Every peer
# is first checked to give metodika's ranking; then all are timed with hyperfine and
# their peak memory read. Writes the table into docs/performance.md (between
# `records:begin` and `records:end`).
#
#   bash benches/records.sh                         # 10,000,000 messages
#   MESSAGES=100000000 bash benches/records.sh      # 100 million: metodika and polars'
#                                                   # streaming run (section records-100m)
#   MESSAGES=1000000 RUNS=3 bash benches/records.sh # a quick look (section records)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/peers-venv
bash .ci/peers.sh  # the peers' pinned Python environment
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
n=${MESSAGES:-10000000}
data=target/pos-records-$n
if [ ! -f "$data/projects.parquet" ]; then
    "$venv/bin/python" methodologies/pos/generate_records.py --messages "$n" --years 2025 --out "$data"
fi
if [ "$n" -ge 50000000 ]; then
    "$venv/bin/python" benches/records/compare.py "$venv/bin/python" "$data" "$n" "${RUNS:-3}" records-100m \
        "polars, streaming"
else
    "$venv/bin/python" benches/records/compare.py "$venv/bin/python" "$data" "$n" "${RUNS:-5}" records \
        "polars" "polars, streaming" "pandas"
fi
