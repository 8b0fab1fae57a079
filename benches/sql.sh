#!/usr/bin/env bash
# The SQL case, one command: the query `metodika sql` writes, run in PostgreSQL (a
# throwaway cluster), DuckDB and ClickHouse (chDB) beside `metodika run` — the large case
# (1,000,000 units × 25 indicators) and the ПОС rating on 10,000,000 records. Each
# engine is first checked to give `run`'s ranking, and each plan to scan every record
# table once; then the queries are timed. Writes docs/performance.md (between
# `sql:begin` and `sql:end`).
#
#   bash benches/sql.sh            # about half an hour after the builds
#   RUNS=1 bash benches/sql.sh     # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/peers-venv
bash .ci/peers.sh     # DuckDB and chDB
bash .ci/postgres.sh  # PostgreSQL's server
cargo build --release -q
large=target/large
if [ ! -f "$large/units.parquet" ]; then
    python3 benches/gen_large.py "$large" >&2
    "$venv/bin/python" -c "import polars as pl, sys; pl.read_csv(sys.argv[1] + '/units.csv').write_parquet(sys.argv[1] + '/units.parquet')" "$large"
fi
records=target/pos-records-10000000
if [ ! -f "$records/projects.parquet" ]; then
    "$venv/bin/python" methodologies/pos/generate_records.py --messages 10000000 --years 2025 --out "$records"
fi
"$venv/bin/python" benches/sql/compare.py "$venv/bin/python" "$large" "$records" "${RUNS:-3}"
