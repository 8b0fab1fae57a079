#!/usr/bin/env python3
"""The comparison behind benches/compare.sh (run it through that script: it builds,
installs the peers and makes the data). Arguments: the venv's python, the large case's
folder, the number of runs of the large case."""
import json
import os
import re
import shlex
import resource
import subprocess
import sys
import tempfile

py, large, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
tmp = tempfile.mkdtemp()
bin_ = "target/release/metodika"
pos = "methodologies/pos/pos-2025-tables.metodika"
cur, prev = "methodologies/pos/data/2025-q4.csv", "methodologies/pos/data/2025-q3.csv"


def cmd(kind, data=None, ranking_only=False):
    if kind == "metodika" and data is None:
        return [bin_, "run", pos, "--format", "csv"]
    if kind == "metodika":
        return [bin_, "--allow-outside", "run", f"{large}/large.metodika", "--input", f"t={data}",
                "--format", "csv"]
    if data is None:
        return [py, f"benches/peers/pos_{kind}.py", cur, prev]
    return [py, f"benches/peers/large_{kind}.py", data] + (["--ranking-only"] if ranking_only else [])


def same(cmds, what):
    """Run each command; all must print the same ranking."""
    outs = []
    for name, c in cmds:
        path = os.path.join(tmp, name.replace(" ", "_") + ".csv")
        with open(path, "w") as f:
            subprocess.run(c, stdout=f, check=True)
        outs.append(path)
    for o in outs[1:]:
        subprocess.run([sys.executable, "benches/peers/same_ranking.py", outs[0], o], check=True)
    print(f"same ranking from {', '.join(n for n, _ in cmds)} ({what})", file=sys.stderr)


def peak_mb(c, n=3):
    """The median peak resident memory of `n` runs, in MB."""
    peaks = []
    for _ in range(n):
        code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        out = subprocess.run([sys.executable, "-c", code, *c], capture_output=True, text=True, check=True)
        peaks.append(int(out.stdout) / 1024)
    return sorted(peaks)[len(peaks) // 2]


def timed(cmds, warmup, n):
    js = os.path.join(tmp, "t.json")
    args = ["hyperfine", "-N", "--warmup", str(warmup), "--runs", str(n), "--export-json", js]
    for name, c in cmds:
        args += ["-n", name, shlex.join(c)]
    subprocess.run(args, stdout=sys.stderr, check=True)
    return {r["command"]: r["median"] for r in json.load(open(js))["results"]}


versions = subprocess.run([py, "-c", "import pandas, polars, numpy; print(f'pandas {pandas.__version__}, polars {polars.__version__}, numpy {numpy.__version__}')"],
                          capture_output=True, text=True, check=True).stdout.strip()
lines = [f"Measured by `bash benches/compare.sh` ({versions}; medians of hyperfine runs; peak",
         "memory is the median of three runs' maximum resident set).", ""]

def criterion_medians():
    """Every criterion benchmark's median, in ms, by title (groups are folders within)."""
    out = {}
    for d, _, files in os.walk("target/criterion"):
        if os.path.basename(d) == "new" and "estimates.json" in files:
            title = json.load(open(os.path.join(d, "benchmark.json")))["title"]
            out[title] = json.load(open(os.path.join(d, "estimates.json")))["median"]["point_estimate"] / 1e6
    return out


criterion = criterion_medians()

# The ПОС example
c_pos = [(k, cmd(k)) for k in ["metodika", "pandas", "polars"]]
same(c_pos, "ПОС 2025, 85 regions")
start = ("starting metodika (fmt --check)", [bin_, "fmt", "--check", pos])
imports = [("importing pandas", [py, "-c", "import pandas"]), ("importing polars", [py, "-c", "import polars"])]
t = timed(c_pos + [start] + imports, 3, 20)
lines += ["**ПОС 2025**, 85 regions, end to end:", "",
          "| program | median | ratio to metodika | peak memory |", "| --- | --- | --- | --- |"]
for k, c in c_pos:
    lines.append(f"| {k} | {t[k] * 1000:.1f} ms | {t[k] / t['metodika']:.1f}× | {peak_mb(c):.0f} MB |")
# The floor of a regional run: starting the process (and reading the methodology), and
# reading both inputs (criterion, in process); the run against it.
lines += ["", f"Most of the peers' time here is Python's: starting it and importing pandas takes "
          f"{t['importing pandas'] * 1000:.0f} ms, importing polars {t['importing polars'] * 1000:.0f} ms — "
          f"the rest of their scripts {(t['pandas'] - t['importing pandas']) * 1000:.0f} ms and "
          f"{(t['polars'] - t['importing polars']) * 1000:.0f} ms; metodika's run in process takes "
          f"{criterion.get('ПОС: run (read, plan, collect)', 0.0):.1f} ms (criterion, below)."]
floor = t[start[0]] * 1000 + criterion.get("ПОС: read the inputs", 0.0)
lines += ["", f"The floor of a regional run — starting the process ({t[start[0]] * 1000:.1f} ms, `metodika fmt "
          f"--check`) and reading both inputs ({criterion.get('ПОС: read the inputs', 0.0):.2f} ms in process) — is "
          f"{floor:.1f} ms: **the ПОС run takes {t['metodika'] * 1000 / floor:.1f}× its floor**."]

# The large case
size = subprocess.run([py, "-c", "import polars as pl, sys; print(pl.read_parquet(sys.argv[1]).estimated_size())",
                       f"{large}/units.parquet"], capture_output=True, text=True, check=True).stdout
size_mb = int(size) / 1e6 / 1.048576
for fmt in ["csv", "parquet"]:
    data = f"{large}/units.{fmt}"
    c_l = [(f"{k}", cmd(k, data)) for k in ["metodika", "pandas", "polars"]]
    c_l += [(f"{k}, ranking only", cmd(k, data, True)) for k in ["pandas", "polars"]]
    same(c_l, f"large case, {fmt}")
    t = timed(c_l, 1, runs)
    file_mb = os.path.getsize(data) / 1048576
    lines += ["", f"**Large case, {fmt.upper()}** ({file_mb:.0f} MB file; 1,000,000 units × 25 indicators, "
              f"{size_mb:.0f} MB in memory as a polars frame), end to end:", "",
              "| program | median | ratio to metodika | peak memory | peak / input in memory |",
              "| --- | --- | --- | --- | --- |"]
    for k, c in c_l:
        p = peak_mb(c)
        lines.append(f"| {k} | {t[k]:.2f} s | {t[k] / t['metodika']:.2f}× | {p:.0f} MB | {p / size_mb:.2f}× |")

# criterion
lines += ["", "**Library stages** (criterion, in-process medians; `cargo bench --no-default-features --bench check`, "
          "`cargo bench --bench run`):", "", "| stage | median |", "| --- | --- |"]
for title, med in sorted(criterion.items()):
    lines.append(f"| {title} | {med:.2f} ms |")

table = "\n".join(lines)
print(table)
doc = "docs/performance.md"
text = open(doc, encoding="utf-8").read()
new = re.sub(r"(<!-- compare:begin -->\n).*?(<!-- compare:end -->)", lambda m: m.group(1) + table + "\n" + m.group(2),
             text, flags=re.S)
if new != text:
    open(doc, "w", encoding="utf-8").write(new)
    print(f"(written into {doc})", file=sys.stderr)
