"""Run many cases of metodika's SQL in one process (tests/it/sql/): the arguments are
the engine (duckdb or chdb), then pairs of files, load.sql and query.sql; each case's rows
are printed as CSV after a line `=== N`, or its error after `=== N error`."""
import csv
import io
import sys

engine, files = sys.argv[1], sys.argv[2:]
out = csv.writer(sys.stdout, lineterminator="\n")
for n in range(len(files) // 2):
    load, query = (open(p, encoding="utf-8").read() for p in files[2 * n : 2 * n + 2])
    try:
        if engine == "duckdb":
            import duckdb

            con = duckdb.connect()
            con.execute(load)
            cur = con.execute(query)
            rows = [[d[0] for d in cur.description]] + [
                ["" if v is None else (repr(v) if isinstance(v, float) else v) for v in r]
                for r in cur.fetchall()
            ]
        else:
            from chdb import session

            s = session.Session()
            for statement in load.split(";\n"):
                if statement.strip():
                    s.query(statement)
            got = csv.reader(io.StringIO(str(s.query(query, "CSVWithNames"))))
            rows = [["" if v == "\\N" else v for v in r] for r in got]
            s.close()
        print(f"=== {n}")
        out.writerows(rows)
    except Exception as e:  # reported to the test, which names the case
        print(f"=== {n} error")
        print(str(e).replace("\n", " "))
    sys.stdout.flush()
