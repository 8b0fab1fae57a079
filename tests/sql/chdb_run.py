"""Run metodika's SQL on ClickHouse in process, through chDB (tests/it/sql/): the
statements of load.sql one by one, then the query of query.sql, whose rows are printed as
CSV with their header (a NULL as an empty field, as the other engines print it)."""
import csv
import io
import sys

from chdb import session

load, query = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
s = session.Session()
for statement in load.split(";\n"):
    if statement.strip():
        s.query(statement)
rows = csv.reader(io.StringIO(str(s.query(query, "CSVWithNames"))))
out = csv.writer(sys.stdout, lineterminator="\n")
for row in rows:
    out.writerow(["" if v == "\\N" else v for v in row])
