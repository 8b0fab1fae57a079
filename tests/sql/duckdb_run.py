"""Run metodika's SQL on DuckDB (tests/it/sql/): the tables of load.sql, then the
query of query.sql, whose rows are printed as CSV with their header."""
import csv
import sys

import duckdb

load, query = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
con = duckdb.connect()
con.execute(load)
cur = con.execute(query)
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow([d[0] for d in cur.description])
for row in cur.fetchall():
    out.writerow(["" if v is None else (repr(v) if isinstance(v, float) else v) for v in row])
