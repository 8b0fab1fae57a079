#!/usr/bin/env bash
# The ПОС report end to end: `run --format html` on the example (85 regions, counted from
# its records), beside the same run printed as CSV, and the diff page of the two editions;
# hyperfine, release build. The page is checked first (85 rows of the ranking, the map,
# every explanation), and reading a workbook input is timed beside its CSV. Writes the
# table into docs/performance.md (between `html:begin` and `html:end`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
bin=target/release/metodika
pos=methodologies/pos/pos-2025.metodika
new=methodologies/pos/pos-2026.metodika
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" run "$pos" --format html -o "$tmp/check.html" 2>/dev/null
python3 - "$tmp/check.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
assert page.count('<tr data-key="') == 85, "85 rows"
assert page.count('class="point"') == 85, "85 points on the map"
assert page.count('<details data-key="') == 85, "85 explanations"
PY
# a workbook input: the example's regional table of the table form, as .xlsx
python3 - "$tmp" <<'PY'
import csv, os, sys, zipfile
from xml.sax.saxutils import escape
out = sys.argv[1]
rows = list(csv.reader(open("methodologies/pos/data/2025-q4.csv", encoding="utf-8-sig"), delimiter=";"))
def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
def cell(r, c, v):
    try:
        float(v)
        if v.startswith("0") and len(v) > 1 and "." not in v:
            raise ValueError
        return f'<c r="{col(c)}{r}"><v>{v}</v></c>'
    except ValueError:
        return f'<c r="{col(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
sheet = "".join(f'<row r="{r + 1}">' + "".join(cell(r + 1, c, v) for c, v in enumerate(row) if v != "") + "</row>" for r, row in enumerate(rows))
files = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet}</sheetData></worksheet>',
}
with zipfile.ZipFile(os.path.join(out, "q4.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        z.writestr(name, text)
PY
tables=methodologies/pos/pos-2025-tables.metodika
wb_args="--input current=$tmp/q4.xlsx"
cmp <("$bin" run "$tables" --format csv 2>/dev/null) <("$bin" run "$tables" $wb_args --format csv 2>/dev/null)
hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json "$tmp/t.json" \
    "$bin run $pos --format csv -o $tmp/out.csv" \
    "$bin run $pos --format html -o $tmp/out.html" \
    "$bin diff $pos $new --format html -o $tmp/diff.html" \
    "$bin run $tables --format csv -o $tmp/t.csv" \
    "$bin run $tables --format html -o $tmp/t.html" \
    "$bin run $tables $wb_args --format csv -o $tmp/w.csv" >&2
python3 - "$tmp/t.json" "$(stat -c %s "$tmp/out.html")" <<'PY'
import json, re, sys
t = [r["median"] for r in json.load(open(sys.argv[1]))["results"]]
size = int(sys.argv[2])
table = "| what (the ПОС example, 85 regions, release) | time, median |\n|---|---|\n"
table += f"| `run pos-2025 --format csv` (records read and counted) | {t[0] * 1000:.1f} ms |\n"
table += f"| `run pos-2025 --format html` (the page: {size / 1000:.0f} kB) | {t[1] * 1000:.1f} ms |\n"
table += f"| `diff pos-2025 pos-2026 --format html` (two runs and the page) | {t[2] * 1000:.1f} ms |\n"
table += f"| `run pos-2025-tables --format csv` (the quarter's table as CSV) | {t[3] * 1000:.1f} ms |\n"
table += f"| `run pos-2025-tables --format html` (the report from the quarter's tables) | {t[4] * 1000:.1f} ms |\n"
table += f"| `run pos-2025-tables --format csv` with the table as an .xlsx workbook (`--input current=q4.xlsx`) | {t[5] * 1000:.1f} ms |\n"
print(table, end="")
doc = "docs/performance.md"
text = open(doc).read()
new = re.sub(r"(<!-- html:begin -->\n).*?(<!-- html:end -->)", lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
assert new != text or table in text, "docs/performance.md has no html marks"
open(doc, "w").write(new)
PY
