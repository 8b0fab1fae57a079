#!/usr/bin/env python3
"""The comparison behind benches/records.sh. Arguments: the venv's python, the data's
folder, the number of messages, the number of runs."""
import json
import os
import re
import subprocess
import sys
import tempfile

py, data, n, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
tmp = tempfile.mkdtemp()
cmds = [
    ("metodika", ["target/release/metodika", "run", f"{data}/records.metodika", "--format", "csv"]),
    ("polars", [py, "benches/peers/records_polars.py", data]),
    ("polars, streaming", [py, "benches/peers/records_polars.py", data, "--streaming"]),
    ("pandas", [py, "benches/peers/records_pandas.py", data]),
]
outs = []
for name, c in cmds:
    path = os.path.join(tmp, name.replace(" ", "_").replace(",", "") + ".csv")
    with open(path, "w") as f:
        subprocess.run(c, stdout=f, check=True)
    outs.append(path)
for o in outs[1:]:
    subprocess.run([sys.executable, "benches/peers/same_ranking.py", outs[0], o], check=True)
print(f"same ranking from {', '.join(n for n, _ in cmds)}", file=sys.stderr)

js = os.path.join(tmp, "t.json")
args = ["hyperfine", "-N", "--warmup", "1", "--runs", str(runs), "--export-json", js]
for name, c in cmds:
    args += ["-n", name, " ".join(c)]
subprocess.run(args, stdout=sys.stderr, check=True)
t = {r["command"]: r["median"] for r in json.load(open(js))["results"]}


def peak_mb(c, k=3):
    peaks = []
    for _ in range(k):
        code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        out = subprocess.run([sys.executable, "-c", code, *c], capture_output=True, text=True, check=True)
        peaks.append(int(out.stdout) / 1024)
    return sorted(peaks)[len(peaks) // 2]


# the size of the columns the methodology reads, as polars holds them in memory
size = subprocess.run([py, "-c", (
    "import polars as pl, sys; d = sys.argv[1]; "
    "m = pl.read_parquet(d + '/messages.parquet', columns=['region_code', 'status', 'answer_days', 'rating', 'urgent', 'category']); "
    "b = pl.read_parquet(d + '/bodies.parquet'); print(m.estimated_size() + b.estimated_size())"), data],
    capture_output=True, text=True, check=True).stdout
cols_mb = int(size) / 1048576
file_mb = os.path.getsize(f"{data}/messages.parquet") / 1048576
lines = [f"**Records**: {n:,} messages ({file_mb:.0f} MB of Parquet, 10 columns, 6 read: "
         f"{cols_mb:.0f} MB in memory) and 118,000 connected bodies → 6 indicators counted from "
         "records and the ranking, end to end (`bash benches/records.sh`):", "",
         "| program | median | ratio to metodika | peak memory | peak / columns read |",
         "| --- | --- | --- | --- | --- |"]
for name, c in cmds:
    p = peak_mb(c)
    lines.append(f"| {name} | {t[name]:.2f} s | {t[name] / t['metodika']:.2f}× | {p:.0f} MB | {p / cols_mb:.2f}× |")
table = "\n".join(lines)
print(table)
doc = "docs/performance.md"
text = open(doc, encoding="utf-8").read()
new = re.sub(r"(<!-- records:begin -->\n).*?(<!-- records:end -->)", lambda m: m.group(1) + table + "\n" + m.group(2),
             text, flags=re.S)
if new != text:
    open(doc, "w", encoding="utf-8").write(new)
    print(f"(written into {doc})", file=sys.stderr)
