#!/usr/bin/env python3
"""The comparison behind benches/sql.sh: the query `metodika sql` writes, run inside
PostgreSQL (a throwaway cluster), DuckDB and ClickHouse (chDB, in process), against
`metodika run` over the files — for the large case (1,000,000 units × 25 indicators) and
for the ПОС rating on 10,000,000 records. Each engine's rows are first checked to be
`run`'s ranking (keys in order, places, zones; scores and group results within 1e-9);
then the queries are timed (the tables loaded beforehand, as a warehouse holds them),
and each engine's plan is read for how many times it scans each record table.

Arguments: the venv's python, the large case's folder, the records' folder, the number
of runs. Writes docs/performance.md between `sql:begin` and `sql:end`."""
import csv
import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import duckdb
from chdb import session

py, large, records, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
M = "target/release/metodika"
tmp = tempfile.mkdtemp()
RECORD_TABLES = ["messages", "organizations", "sites", "votes", "projects"]
INPUTS = ["--input", f"messages={records}/messages-{{year}}.parquet"] + [
    a for x in RECORD_TABLES[1:] for a in ("--input", f"{x}={records}/{x}.parquet")]
CASES = {
    "large": {
        "file": f"{large}/large.metodika",
        "args": [],
        "title": "**Large case** (1,000,000 units × 25 indicators, three levels of groups)",
    },
    "records": {
        "file": "methodologies/pos/pos-2025.metodika",
        "args": ["--period", "2025-Q4"],
        "title": "**ПОС on records** (10,000,000 messages and the register of 114,241 bodies, "
                 "sites, votes, projects; 2025-Q4 and the quarter before)",
    },
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def median_time(f, k):
    ts = []
    for _ in range(k):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


# --- a throwaway PostgreSQL cluster --------------------------------------------------------
pgbin = next(os.path.join("/usr/lib/postgresql", v, "bin") for v in sorted(os.listdir("/usr/lib/postgresql"))
             if os.path.exists(os.path.join("/usr/lib/postgresql", v, "bin", "initdb")))
pgdir = tempfile.mkdtemp(prefix="metodika-pg-")
as_root = os.getuid() == 0
pre = ["runuser", "-u", "postgres", "--"] if as_root else []
if as_root:
    shutil.chown(pgdir, "postgres")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
subprocess.run(pre + [f"{pgbin}/initdb", "-D", f"{pgdir}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C"], check=True, stdout=subprocess.DEVNULL)
subprocess.run(pre + [f"{pgbin}/pg_ctl", "-D", f"{pgdir}/data", "-l", f"{pgdir}/log", "-w", "-o",
                      f"-p {port} -k {pgdir} -c listen_addresses='' -c shared_buffers=1GB -c work_mem=256MB",
                      "start"], check=True, stdout=subprocess.DEVNULL)
PSQL = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", pgdir, "-p", str(port), "-U", "postgres", "-d", "postgres"]
DB_URL = "postgres://"
DB_ENV = dict(os.environ, PGHOST=pgdir, PGPORT=str(port), PGUSER="postgres", PGDATABASE="postgres")


def psql(sql, csv_out=False):
    path = os.path.join(tmp, "script.sql")
    open(path, "w", encoding="utf-8").write(sql)
    return subprocess.run(PSQL + (["--csv"] if csv_out else []) + ["-f", path], check=True,
                          capture_output=True, text=True).stdout


def stop_pg():
    subprocess.run(pre + [f"{pgbin}/pg_ctl", "-D", f"{pgdir}/data", "-m", "fast", "stop"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(pgdir, ignore_errors=True)


# --- the tables, loaded once into each engine ---------------------------------------------
duck = duckdb.connect()
chdir = tempfile.mkdtemp(prefix="metodika-ch-")
ch = session.Session(chdir)
PG_TYPES = {"VARCHAR": "TEXT", "BIGINT": "BIGINT", "INTEGER": "INTEGER", "TINYINT": "SMALLINT",
            "SMALLINT": "SMALLINT", "DATE": "DATE", "BOOLEAN": "BOOLEAN", "DOUBLE": "DOUBLE PRECISION"}


def load(table, select):
    """A table from a DuckDB SELECT: into DuckDB, into PostgreSQL (through a CSV file) and
    into ClickHouse (MergeTree, through a Parquet file)."""
    duck.execute(f'CREATE TABLE "{table}" AS {select}')
    cols = duck.execute(f'DESCRIBE "{table}"').fetchall()
    out = os.path.join(tmp, f"{table}.csv")
    duck.execute(f"COPY \"{table}\" TO '{out}' (HEADER, DELIMITER ',')")
    defs = ", ".join(f'"{c[0]}" {PG_TYPES[c[1]]}' for c in cols)
    psql(f'CREATE TABLE "{table}" ({defs});\n\\copy "{table}" FROM \'{out}\' WITH (FORMAT csv, HEADER true)\n'
         f'ANALYZE "{table}";\n')
    pq = os.path.join(tmp, f"{table}.parquet")
    duck.execute(f"COPY \"{table}\" TO '{pq}' (FORMAT parquet)")
    ch.query(f"CREATE TABLE \"{table}\" ENGINE = MergeTree ORDER BY tuple() AS SELECT * FROM file('{pq}', Parquet)")
    os.remove(out)
    os.remove(pq)


log("loading the tables into PostgreSQL, DuckDB and ClickHouse")
load("t", f"SELECT * FROM read_parquet('{large}/units.parquet')")
load("regions", "SELECT code, name, CAST(population_2020 AS DOUBLE) AS population_2020 "
                "FROM read_csv('methodologies/pos/regions.csv', all_varchar = true)")
load("messages", f"SELECT * FROM read_parquet('{records}/messages-2025.parquet')")
for x in RECORD_TABLES[1:]:
    load(x, f"SELECT * FROM read_parquet('{records}/{x}.parquet')")
n_messages = duck.execute('SELECT COUNT(*) FROM "messages"').fetchone()[0]


# --- the same ranking ---------------------------------------------------------------------
def table_of(text):
    return list(csv.reader(io.StringIO(text)))


def same(name, ours, theirs):
    a, b = table_of(ours), table_of(theirs)
    if a[0] != b[0] or len(a) != len(b):
        sys.exit(f"{name}: header or rows differ: {a[0]} / {b[0]}, {len(a)} / {len(b)} rows")
    for r, (x, y) in enumerate(zip(a[1:], b[1:]), 1):
        for c, (p, q) in enumerate(zip(x, y)):
            try:
                u, v = float(p), float(q)
                ok = abs(u - v) <= 1e-9 * max(abs(u), 1.0)
            except ValueError:
                ok = p == ("" if q == "\\N" else q) or p == q
            if not ok:
                sys.exit(f"{name}: row {r}, column {a[0][c]}: run gives {p!r}, the engine {q!r}")


def duck_csv(q):
    cur = duck.execute(q)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([d[0] for d in cur.description])
    for row in cur.fetchall():
        w.writerow(["" if v is None else (repr(v) if isinstance(v, float) else v) for v in row])
    return out.getvalue()


def ch_csv(q):
    return str(ch.query(q, "CSVWithNames"))


def scans(engine, q):
    """How many times the plan reads each record table (and the plan's scan lines)."""
    body = "\n".join(line for line in q.splitlines() if not line.startswith("--")).rstrip().rstrip(";")
    if engine == "PostgreSQL":
        plan = psql("EXPLAIN (COSTS OFF)\n" + body + ";\n")
        count = {t: len(re.findall(rf'Seq Scan on "?{t}"?\b', plan)) for t in RECORD_TABLES}
        lines = [line.strip() for line in plan.splitlines() if "Seq Scan on" in line]
    elif engine == "DuckDB":
        plan = "\n".join(r[1] for r in duck.execute("EXPLAIN " + body).fetchall())
        count = {t: len(re.findall(rf"Table: (?:memory\.main\.)?{t}\b", plan)) for t in RECORD_TABLES}
        lines = [f"{k}: {v}" for k, v in count.items()]
    else:
        main, settings = body.rsplit("SETTINGS", 1)
        plan = str(ch.query("EXPLAIN actions = 1 " + main + " SETTINGS " + settings, "TSV"))
        count = {t: len(re.findall(rf"ReadFromMergeTree \(default\.{t}\)", plan)) for t in RECORD_TABLES}
        lines = [line.strip().replace("\\\\", "\\") for line in plan.splitlines() if "ReadFromMergeTree" in line]
    return count, lines


results = {}
plans = {}
for case, spec in CASES.items():
    f, args = spec["file"], spec["args"]
    extra = INPUTS if case == "records" else []
    log(f"{case}: metodika run")
    ran = subprocess.run([M, "run", "--format", "csv", *args, *extra, f], check=True, capture_output=True,
                         text=True).stdout
    sql = {d: subprocess.run([M, "sql", "--dialect", d, *args, f], check=True, capture_output=True,
                             text=True).stdout for d in ["postgres", "duckdb", "clickhouse"]}
    engines = {
        "PostgreSQL": lambda q=sql["postgres"]: psql(q, csv_out=True),
        "DuckDB": lambda q=sql["duckdb"]: duck_csv(q),
        "ClickHouse (chDB)": lambda q=sql["clickhouse"]: ch_csv(q),
    }
    row = {}
    k = runs if case == "records" else max(1, runs // 2)
    row["metodika run"] = median_time(
        lambda: subprocess.run([M, "run", "--format", "csv", *args, *extra, f], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), k)
    for name, go in engines.items():
        log(f"{case}: {name}")
        same(f"{case} on {name}", ran, go())
        row[name] = median_time(go, k)
    # PostgreSQL through metodika, end to end: connect, check the tables, query, print
    db = lambda: subprocess.run([M, "run", "--format", "csv", *args, "--database", DB_URL, f], check=True,
                                capture_output=True, text=True, env=DB_ENV).stdout
    same(f"{case}: run --database", ran, db())
    row["metodika run --database (PostgreSQL)"] = median_time(db, k)
    results[case] = row
    if case == "records":
        plans = {name: scans(name, sql[d]) for name, d in
                 [("PostgreSQL", "postgres"), ("DuckDB", "duckdb"), ("ClickHouse (chDB)", "clickhouse")]}
stop_pg()
shutil.rmtree(chdir, ignore_errors=True)

# --- the tables of docs/performance.md ------------------------------------------------------
versions = f"PostgreSQL {pgbin.split('/')[-2]}, DuckDB {duckdb.__version__}, chDB {__import__('chdb').__version__}"
lines = [f"Measured by `bash benches/sql.sh` ({versions}; medians of {runs} runs of the records case, "
         f"{max(1, runs // 2)} of the large case). The engines' times are the query's alone, on tables loaded "
         "beforehand, as a warehouse holds them; `metodika run` reads the files (CSV, Parquet) itself; "
         "`run --database` is the whole command: connecting, checking the tables, the query, the ranking printed. "
         "Every engine's rows were first checked to be `run`'s ranking (places and zones exact, numbers within 1e-9).",
         ""]
for case, row in results.items():
    lines += [CASES[case]["title"] + ":", "", "| engine | median | ratio to `metodika run` |", "| --- | --- | --- |"]
    base = row["metodika run"]
    for name, t in row.items():
        lines.append(f"| {name} | {t:.2f} s | {t / base:.2f}× |")
    lines.append("")
lines += [f"Each record table is scanned once by the generated query ({n_messages:,} messages; the scans in "
          "each engine's plan of the records case):", "",
          "| engine | " + " | ".join(RECORD_TABLES) + " |", "| --- |" + " --- |" * len(RECORD_TABLES)]
for name, (count, _) in plans.items():
    lines.append(f"| {name} | " + " | ".join(str(count[t]) for t in RECORD_TABLES) + " |")
lines += ["", "The scans in PostgreSQL's plan (`EXPLAIN`), one per record table:", "", "```"]
lines += plans["PostgreSQL"][1]
lines += ["```", "", "And in ClickHouse's (`EXPLAIN actions = 1`):", "", "```"]
lines += plans["ClickHouse (chDB)"][1]
lines += ["```"]
for name, (count, _) in plans.items():
    bad = {t: c for t, c in count.items() if c != 1}
    if bad:
        sys.exit(f"{name} scans a record table other than once: {bad}")
text = "\n".join(lines)
print(text)
doc = open("docs/performance.md", encoding="utf-8").read()
begin, end = "<!-- sql:begin -->", "<!-- sql:end -->"
if begin in doc:
    head, rest = doc.split(begin, 1)
    doc = head + begin + "\n" + text + "\n" + end + rest.split(end, 1)[1]
else:
    doc = doc.rstrip("\n") + "\n\n## In a database\n\n" + begin + "\n" + text + "\n" + end + "\n"
open("docs/performance.md", "w", encoding="utf-8").write(doc)
