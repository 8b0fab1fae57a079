#!/usr/bin/env bash
# 10,000 replications of the ПОС example (methodologies/pos/pos-2025-tables.metodika: 85
# regions, 21 indicators, every weight ±20%, two alternative normalizations) by
# `metodika uncertainty`, beside the naive plan (each replication a whole run by the
# polars plan, its inputs read again: timed on 200 replications, its time per
# replication times 10,000). Both give the same bytes (checked here, and in the tests).
# Writes the table into docs/performance.md (between `uncertainty:begin` and `:end`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
m=methodologies/pos/pos-2025-tables.metodika
bin=target/release/metodika
cmp <("$bin" uncertainty "$m" --runs 200 --format csv) <("$bin" uncertainty "$m" --runs 200 --format csv --naive)
tmp=$(mktemp -d)
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$tmp/fast.json" \
    "$bin uncertainty $m --format csv --output $tmp/out.csv" >&2
hyperfine -N --runs 3 --export-json "$tmp/naive.json" \
    "$bin uncertainty $m --runs 200 --format csv --naive --output $tmp/naive.csv" >&2
python3 - "$tmp" <<'PY'
import json, re, sys
tmp = sys.argv[1]
fast = json.load(open(f"{tmp}/fast.json"))["results"][0]["median"]
naive = json.load(open(f"{tmp}/naive.json"))["results"][0]["median"] / 200 * 10_000
table = "\n".join([
    "**Uncertainty**: 10,000 replications of the ПОС example (85 regions, 21 indicators, every "
    "weight ±20%, two alternative normalizations), end to end, release build, two cores "
    "(`bash benches/uncertainty.sh`):", "",
    "| plan | 10,000 replications | per replication |",
    "| --- | --- | --- |",
    f"| `metodika uncertainty` (stages 1–2 once, the nominal steps reused, replications on every core) | {fast:.2f} s | {fast / 10_000 * 1e6:.0f} µs |",
    f"| naive: each replication a whole run by the polars plan (measured on 200) | {naive:.0f} s | {naive / 10_000 * 1e3:.1f} ms |",
])
print(table)
doc = "docs/performance.md"
text = open(doc, encoding="utf-8").read()
new = re.sub(r"(<!-- uncertainty:begin -->\n).*?(<!-- uncertainty:end -->)",
             lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)
open(doc, "w", encoding="utf-8").write(new)
PY
