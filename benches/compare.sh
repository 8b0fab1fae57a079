#!/usr/bin/env bash
# The whole comparison, one command: metodika against the same ratings written by hand
# with pandas and with polars (benches/peers/), on the ПОС example and on the large case
# (1,000,000 units × 25 indicators, CSV and Parquet), plus the criterion benchmarks of the
# library's stages. Every peer is first checked to give metodika's ranking; then all are
# timed with hyperfine and their peak memory read. Prints the tables and writes them into
# docs/performance.md (between the `compare:begin` and `compare:end` marks).
#
#   bash benches/compare.sh            # about 15 minutes after the builds
#   RUNS=3 bash benches/compare.sh     # fewer runs of the large case
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/peers-venv
bash .ci/peers.sh  # the peers' pinned Python environment
if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q hyperfine >&2 || { apt-get update -q >&2 && apt-get install -y -q hyperfine >&2; }
fi
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
cargo bench -q --no-default-features --bench check -- --noplot >&2
cargo bench -q --bench run -- --noplot >&2
large=target/large
if [ ! -f "$large/units.parquet" ]; then
    python3 benches/gen_large.py "$large" >&2
    "$venv/bin/python" -c "import polars as pl, sys; pl.read_csv(sys.argv[1] + '/units.csv').write_parquet(sys.argv[1] + '/units.parquet')" "$large"
fi
"$venv/bin/python" benches/compare.py "$venv/bin/python" "$large" "${RUNS:-5}"
