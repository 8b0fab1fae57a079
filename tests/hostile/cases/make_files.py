"""Writes the Parquet files and the workbook bomb of the hostile cases
(tests/hostile/cases/*/; committed, rerun to remake them):

    python3 -m venv /tmp/pa && /tmp/pa/bin/pip install pyarrow
    /tmp/pa/bin/python tests/hostile/cases/make_files.py
"""

import datetime
import os
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))


def write(case, name, **cols):
    pq.write_table(pa.table(cols), os.path.join(HERE, case, name))


D = datetime.date

# 06: the year beside the FIFO of 2024
write("06-fifo-records", "y-2025.parquet",
      region=pa.array(["01", "02"]), day=pa.array([D(2025, 1, 5), D(2025, 2, 1)]))

# 12: one record dated 20251-11-15 (pyarrow writes the day number; Python cannot hold it)


def day_number(y, m, d):
    """Days since 1970-01-01 of a proleptic Gregorian date, any year."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


assert day_number(2025, 1, 5) == (D(2025, 1, 5) - D(1970, 1, 1)).days
write("12-far-dates", "p.parquet", region=pa.array(["01", "02", "01"]),
      day=pa.array([day_number(2025, 1, 5), day_number(2025, 11, 1),
                    day_number(20251, 11, 15)], pa.int32()).cast(pa.date32()))

# 13: durations, times of day, NaN and infinities among numbers
for name, col in [
    ("duration.parquet", pa.array([345600000000, 86400000000], pa.duration("us"))),
    ("time.parquet", pa.array([3600000000000, 7200000000000], pa.time64("ns"))),
    ("nan.parquet", pa.array([1.5, float("nan")])),
    ("inf.parquet", pa.array([float("inf"), 2.0])),
]:
    write("13-parquet-types", name, region=pa.array(["01", "02"]),
          day=pa.array([D(2025, 1, 5), D(2025, 2, 1)]), days=col)

# 14: a template whose 2024 file holds dates where 2025's holds numbers
write("14-template-types", "m-2024.parquet", region=pa.array(["01", "02"]),
      day=pa.array([D(2024, 1, 5), D(2024, 2, 1)]),
      days=pa.array([D(2024, 1, 1), D(2024, 1, 2)]))
write("14-template-types", "m-2025.parquet", region=pa.array(["01", "02"]),
      day=pa.array([D(2025, 1, 5), D(2025, 2, 1)]), days=pa.array([3.0, 5.0]))

# 18: 22:30 UTC on 31 March is 01:30 on 1 April in Moscow (the second quarter); 20:00 UTC
# is 23:00 on 31 March (the first)
stamps = [datetime.datetime(2025, 3, 31, 22, 30), datetime.datetime(2025, 3, 31, 20, 0),
          datetime.datetime(2025, 2, 1, 10, 0)]
utc = [s.replace(tzinfo=datetime.timezone.utc) for s in stamps]
write("18-time-zones", "moscow.parquet", region=pa.array(["01", "01", "02"]),
      day=pa.array(utc, pa.timestamp("us", tz="Europe/Moscow")))
write("18-time-zones", "naive.parquet", region=pa.array(["01", "01", "02"]),
      day=pa.array(stamps, pa.timestamp("us")))

# 19: keys that differ only in the spaces around them
write("19-keys-with-spaces", "m.parquet", region=pa.array(["01", " 01", "01 ", "02"]),
      day=pa.array([D(2025, 1, 10), D(2025, 1, 11), D(2025, 1, 12), D(2025, 1, 13)]),
      days=pa.array([1.0, 2.0, 3.0, 4.0]))

# 09: a workbook bomb: 300 MB of one sheet's spaces, deflated to a few hundred kilobytes
with zipfile.ZipFile(os.path.join(HERE, "09-workbook-bomb", "bomb.xlsx"), "w",
                     zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        spaces = b" " * (1 << 20)
        for _ in range(300):
            f.write(spaces)
