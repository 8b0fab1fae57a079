#!/usr/bin/env python3
"""The comparison behind benches/records.sh: the ПОС rating on records
(methodologies/pos/pos-2025.metodika, the fourth quarter of 2025 and the third for its
growth indicators) over generated Parquet records, against the same rating written by
hand with polars (in memory and streaming) and pandas. Each peer is first checked to
give metodika's ranking; then all are timed with hyperfine and their peak memory read.

Arguments: the venv's python, the data's folder, the number of messages, the number of
runs, the section of docs/performance.md to write (`records` or `records-100m`), and
the peers to time (names from PEERS)."""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

py, data, n, runs, section = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
wanted = sys.argv[6:]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
tmp = tempfile.mkdtemp()
INPUTS = ["messages=" + f"{data}/messages-{{year}}.parquet"] + [
    f"{x}={data}/{x}.parquet" for x in ["organizations", "sites", "votes", "projects"]]
peer = ["benches/peers/pos_records_polars.py", data, "methodologies/pos/regions.csv", "2025-Q4"]
PEERS = {
    "metodika": ["target/release/metodika", "run", "methodologies/pos/pos-2025.metodika", "--period", "2025-Q4",
                 "--format", "csv", *[a for i in INPUTS for a in ("--input", i)]],
    "polars": [py, *peer],
    "polars, streaming": [py, *peer, "--streaming"],
    "pandas": [py, "benches/peers/pos_records_pandas.py", *peer[1:]],
}
cmds = [(name, PEERS[name]) for name in ["metodika", *wanted]]
outs = []
for name, c in cmds:
    path = os.path.join(tmp, name.replace(" ", "_").replace(",", "") + ".csv")
    with open(path, "w") as f:
        subprocess.run(c, stdout=f, stderr=subprocess.DEVNULL, check=True)
    outs.append(path)
for o in outs[1:]:
    subprocess.run([sys.executable, "benches/peers/same_ranking.py", outs[0], o], check=True)
print(f"same ranking from {', '.join(n for n, _ in cmds)}", file=sys.stderr)

js = os.path.join(tmp, "t.json")
args = ["hyperfine", "-N", "--warmup", "1", "--runs", str(runs), "--export-json", js]
for name, c in cmds:
    args += ["-n", name, shlex.join(c)]
subprocess.run(args, stdout=sys.stderr, check=True)
t = {r["command"]: r["median"] for r in json.load(open(js))["results"]}


def peak_mb(c, k=3):
    peaks = []
    for _ in range(k):
        code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
                "stderr=subprocess.DEVNULL, check=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        out = subprocess.run([sys.executable, "-c", code, *c], capture_output=True, text=True, check=True)
        peaks.append(int(out.stdout) / 1024)
    return sorted(peaks)[len(peaks) // 2]


# the size of the columns the methodology reads, as polars holds them in memory
USED = {
    "messages-2025": ["region_code", "created", "answered", "response_days", "rating", "repeat", "reworked"],
    "organizations": ["region_code", "type", "registered", "connected"],
    "sites": ["region_code", "listed", "widget"],
    "votes": ["region_code", "kind", "held", "participants"],
    "projects": ["region_code", "voted", "implemented"],
}
size = subprocess.run([py, "-c", (
    "import polars as pl, sys, json; d = sys.argv[1]; used = json.loads(sys.argv[2]); "
    "print(sum(pl.scan_parquet(f'{d}/{f}.parquet').select(c).collect(engine='streaming').estimated_size() "
    "for f, c in used.items()))"), data, json.dumps(USED)],
    capture_output=True, text=True, check=True).stdout
cols_mb = int(size) / 1048576
file_mb = os.path.getsize(f"{data}/messages-2025.parquet") / 1048576
lines = [f"**Records, {n:,} messages** ({file_mb:.0f} MB of Parquet, 10 columns, 7 read) and the "
         "114,241 bodies and organizations, sites, votes and projects (the columns read: "
         f"{cols_mb:.0f} MB in memory) → the 21 indicators of `pos-2025.metodika` for 2025-Q4 and the "
         "ranking, end to end (`bash benches/records.sh`"
         + (f" with `MESSAGES={n}`" if section != "records" else "") + "):", "",
         "| program | median | ratio to metodika | peak memory | peak / columns read |",
         "| --- | --- | --- | --- | --- |"]
for name, c in cmds:
    p = peak_mb(c)
    lines.append(f"| {name} | {t[name]:.2f} s | {t[name] / t['metodika']:.2f}× | {p:.0f} MB | {p / cols_mb:.2f}× |")
table = "\n".join(lines)
print(table)
doc = "docs/performance.md"
text = open(doc, encoding="utf-8").read()
pattern = rf"(<!-- {re.escape(section)}:begin -->\n).*?(<!-- {re.escape(section)}:end -->)"
new = re.sub(pattern, lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)
if new != text:
    open(doc, "w", encoding="utf-8").write(new)
    print(f"(written into {doc})", file=sys.stderr)
