#!/usr/bin/env bash
# The Python peers' environment (benches/peers/*.py: the same ratings written by hand with
# pandas and polars; SALib, whose Sobol' estimates the sensitivity tests compare with), under target/, pinned: `cargo test` checks the ПОС golden ranking
# against them, and benches/*.sh time them; openpyxl and msoffcrypto-tool, which make the
# workbooks the workbook tests read (tests/workbooks/make.py: title blocks, merged cells,
# error values, a password); DuckDB and chDB (ClickHouse in process), which run the SQL metodika writes
# (tests/it/sql/).
# Made in a folder of its own and renamed into place when whole: the environment is all
# there or not at all (the tests run this under a lock when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/peers-venv
if "$venv/bin/python" -c "import pandas, polars, pyarrow, numpy, SALib, openpyxl, msoffcrypto, duckdb, chdb" 2>/dev/null; then
    exit 0
fi
mkdir -p target
tmp=$(mktemp -d target/peers-venv.part.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp"
"$tmp/bin/python" -m pip install -q pandas==3.1.1 polars==2.1.0 pyarrow==26.0.1 numpy==2.4.6 SALib==1.6.0 openpyxl==3.1.5 msoffcrypto-tool==6.1.0 duckdb==2.0.0 chdb==4.4.0
# (the environment is used through bin/python alone, which finds its packages wherever
# the folder stands)
rm -rf "$venv"
mv "$tmp" "$venv"
# (mktemp made it 0700: readable by others, as any folder under target/)
chmod 755 "$venv"
trap - EXIT
