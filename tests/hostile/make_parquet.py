"""Writes the hostile Parquet files of tests/hostile/ (committed; rerun to remake them).

    python3 -m venv /tmp/pa && /tmp/pa/bin/pip install pyarrow
    /tmp/pa/bin/python tests/hostile/make_parquet.py

Each file has the key column `region_code` (A, B) and a column `v`; tests/it/hostile.rs
says what each must give.
"""

import decimal
import datetime
import os

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = pa.array(["A", "B"])


def write(name, v, key=KEYS, **extra):
    cols = {"region_code": key, "v": v}
    cols.update(extra)
    pq.write_table(pa.table(cols), os.path.join(HERE, name))


D = decimal.Decimal
# A Decimal and a Float16 column the methodology does not use: read only what is used.
write(
    "parquet-unused-decimal.parquet",
    pa.array([1.5, 2.0]),
    other_decimal=pa.array([D("1.10"), D("2.20")], pa.decimal128(10, 2)),
    other_half=pa.array(np.array([1.5, 2.5], dtype=np.float16)),
)
# Decimals read exactly: 0.1 is the nearest f64 to 0.1, not 0.1 + an error.
write("parquet-decimal.parquet", pa.array([D("0.100"), D("2.500")], pa.decimal128(10, 3)))
write("parquet-float16.parquet", pa.array(np.array([1.5, 2.5], dtype=np.float16)))
# Text read by the rules of CSV cells
write("parquet-text-comma.parquet", pa.array(["1,5", "2"]))
write("parquet-text-missing.parquet", pa.array(["н/д", "2"]))
write("parquet-text-bad.parquet", pa.array(["двенадцать", "2"]))
# Types that are not numbers
write("parquet-bool.parquet", pa.array([True, False]))
write("parquet-date.parquet", pa.array([datetime.date(2025, 3, 31), datetime.date(2025, 6, 30)]))
write(
    "parquet-timestamp.parquet",
    pa.array([datetime.datetime(2025, 3, 31, 12), datetime.datetime(2025, 6, 30)], pa.timestamp("us")),
)
write("parquet-binary-key.parquet", pa.array([1.0, 2.0]), key=pa.array([b"A", b"B"], pa.binary()))
