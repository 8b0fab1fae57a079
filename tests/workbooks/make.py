"""Workbooks as regional offices send them, for tests/it/workbooks.rs: made anew by each
test run with openpyxl (and msoffcrypto-tool for the password), into the directory given.

  regions.xlsx      a title block above the table (merged title, a date line), numbers
                    stored as numbers and as text (decimal commas, thousands spaces, н/д,
                    empty), notes below the table after an empty row; a second sheet
                    «Сводная 2025» with the same table under another header row
  regions.csv       the same table as CSV, as the run must read it
  errors.xlsx       a formula's error value (#DIV/0!), TRUE, a date and a word in number
                    columns, a region twice, a row without a key
  merged.xlsx       merged cells in the header
  empty.xlsx        an empty first sheet
  protected.xlsx    regions.xlsx encrypted with the password «secret»
  corrupt.xlsx      regions.xlsx cut short
"""
import datetime
import os
import sys

import msoffcrypto
from msoffcrypto.format.ooxml import OOXMLFile
import openpyxl

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

ROWS = [
    # code, name, messages, answered (as stored in the workbook)
    ("01", "Республика Адыгея", 1200, 1100),
    ("02", "Республика Башкортостан", "3 456", "3 001"),
    ("03", "Республика Бурятия", 980, "912,5"),
    ("04", "Республика Алтай", 410, "н/д"),
    ("05", "Республика Дагестан", 2200.0, None),
    ("77", "Москва", 15000, 14250),
]


def table(ws, first_row):
    ws.cell(first_row, 1, "code")
    ws.cell(first_row, 2, "name")
    ws.cell(first_row, 3, "messages")
    ws.cell(first_row, 4, "answered")
    for i, r in enumerate(ROWS):
        for j, v in enumerate(r):
            if v is not None:
                ws.cell(first_row + 1 + i, j + 1, v)


wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Лист1"
ws["A1"] = "Сведения о работе с сообщениями граждан"
ws.merge_cells("A1:D1")
ws["A2"] = "по состоянию на"
ws["B2"] = datetime.date(2025, 12, 31)
table(ws, 4)
last = 4 + len(ROWS)
ws.cell(last + 2, 1, "Источник: ведомственная отчётность")
ws.cell(last + 3, 1, "Примечание: н/д — нет данных")
ws2 = wb.create_sheet("Сводная 2025")
ws2["A1"] = "Сводная таблица"
table(ws2, 2)
wb.save(os.path.join(out, "regions.xlsx"))


def plain(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return '"' + v + '"' if "," in v else v
    return str(v)


with open(os.path.join(out, "regions.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("code,name,messages,answered\n")
    for r in ROWS:
        f.write(",".join(plain(v) for v in r) + "\n")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Лист1"
table(ws, 1)
ws["D3"] = "#DIV/0!"  # an error value, as a failed formula leaves it
ws["C4"] = True
ws["D5"] = datetime.date(2025, 3, 31)
ws["C6"] = "много"
ws["A7"] = "01"  # the region of row 2 again
ws.cell(8, 2, "Без кода")
ws.cell(8, 3, 5)
wb.save(os.path.join(out, "errors.xlsx"))

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Лист1"
ws["A1"] = "code"
ws["B1"] = "Сообщения"
ws.merge_cells("B1:C1")
ws["D1"] = "answered"
for i, r in enumerate(ROWS):
    ws.cell(2 + i, 1, r[0])
    ws.cell(2 + i, 2, 1)
    ws.cell(2 + i, 3, 2)
    ws.cell(2 + i, 4, 3)
wb.save(os.path.join(out, "merged.xlsx"))

wb = openpyxl.Workbook()
wb.active.title = "Пустой"
table(wb.create_sheet("Данные"), 1)
wb.save(os.path.join(out, "empty.xlsx"))

with open(os.path.join(out, "regions.xlsx"), "rb") as f, open(os.path.join(out, "protected.xlsx"), "wb") as g:
    office = OOXMLFile(f)
    office.encrypt("secret", g)

with open(os.path.join(out, "regions.xlsx"), "rb") as f:
    data = f.read()
with open(os.path.join(out, "corrupt.xlsx"), "wb") as f:
    f.write(data[: len(data) // 2])
