#!/usr/bin/env bash
# The records case, one command: 10,000,000 messages and 118,000 connected bodies
# (Parquet, benches/records/gen.py) through benches/records/records.metodika, against
# the same indicators written by hand with polars and with pandas (benches/peers/
# records_*.py). Every peer is first checked to give metodika's ranking; then all are
# timed with hyperfine and their peak memory read. Writes the table into
# docs/performance.md (between `records:begin` and `records:end`).
#
#   bash benches/records.sh               # 10,000,000 messages
#   MESSAGES=1000000 RUNS=3 bash benches/records.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/peers-venv
bash .ci/peers.sh  # the peers' pinned Python environment
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
n=${MESSAGES:-10000000}
data=target/records-$n
if [ ! -f "$data/messages.parquet" ]; then
    "$venv/bin/python" benches/records/gen.py "$data" "$n"
fi
"$venv/bin/python" benches/records/compare.py "$venv/bin/python" "$data" "$n" "${RUNS:-5}"
