#!/usr/bin/env bash
# 10,000 replications of the ПОС example (methodologies/pos/pos-2025-tables.metodika: 85
# regions, 21 indicators, every weight ±20%, two alternative normalizations) by
# `metodika uncertainty`, beside the naive plan (each replication a whole run by the
# polars plan, its inputs read again: timed on 200 replications, its time per
# replication times 10,000). Both give the same bytes (checked here, and in the tests).
# Then `metodika sensitivity` with d = 10 uncertain choices and N = 2,000 (24,000 runs).
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
# d = 10: the example's methodology with a block of ten choices
mkdir -p "$tmp/d10"
cp -r methodologies/pos/data "$tmp/d10/"
sed '/^# ---- Насколько устойчивы места/,$d' "$m" > "$tmp/d10/pos.metodika"
cat >> "$tmp/d10/pos.metodika" <<'BLOCK'
uncertainty {
    seed      2025
    weights   +-20%
    weight    answered_on_time 80..120
    weight    participation 40..80
    weight    regional_connected 40..80
    normalize response_days: minmax
    normalize satisfaction: goalposts(50%, 90%)
    normalize connected_per_100k: minmax
    normalize answered_on_time: goalposts(80%, 100%)
    missing   response_days: mean
    noise     satisfaction +-5%
}
BLOCK
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$tmp/sens.json" \
    "$bin sensitivity $tmp/d10/pos.metodika --runs 2000 --format csv --output $tmp/sens.csv" >&2
hyperfine -N --runs 3 --export-json "$tmp/naive.json" \
    "$bin uncertainty $m --runs 200 --format csv --naive --output $tmp/naive.csv" >&2
python3 - "$tmp" <<'PY'
import json, re, sys
tmp = sys.argv[1]
fast = json.load(open(f"{tmp}/fast.json"))["results"][0]["median"]
naive = json.load(open(f"{tmp}/naive.json"))["results"][0]["median"] / 200 * 10_000
sens = json.load(open(f"{tmp}/sens.json"))["results"][0]["median"]
table = "\n".join([
    "**Uncertainty**: 10,000 replications of the ПОС example (85 regions, 21 indicators, every "
    "weight ±20%, two alternative normalizations), end to end, release build, two cores "
    "(`bash benches/uncertainty.sh`):", "",
    "| plan | 10,000 replications | per replication |",
    "| --- | --- | --- |",
    f"| `metodika uncertainty` (stages 1–2 once, the nominal steps and each alternative's normalized values once, replications on every core) | {fast:.2f} s | {fast / 10_000 * 1e6:.0f} µs |",
    f"| naive: each replication a whole run by the polars plan (measured on 200) | {naive:.0f} s | {naive / 10_000 * 1e3:.1f} ms |",
    "",
    "**Sensitivity**: `metodika sensitivity` of the same example with d = 10 uncertain choices "
    "(every weight ±20%, three members' weight ranges, four alternative normalizations, an "
    "alternative missing-data policy, noise on one indicator), N = 2,000: 24,000 runs, "
    f"**{sens:.2f} s** ({sens / 24_000 * 1e6:.0f} µs a run).",
])
print(table)
doc = "docs/performance.md"
text = open(doc, encoding="utf-8").read()
new = re.sub(r"(<!-- uncertainty:begin -->\n).*?(<!-- uncertainty:end -->)",
             lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)
open(doc, "w", encoding="utf-8").write(new)
PY
