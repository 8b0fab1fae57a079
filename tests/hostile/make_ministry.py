"""Writes tests/hostile/ministry.xlsx (committed; rerun to remake it).

    python3 -m venv /tmp/ox && /tmp/ox/bin/pip install openpyxl
    /tmp/ox/bin/python tests/hostile/make_ministry.py

A workbook as a ministry sends it: a merged title block, a two-row header made by merged
cells (the code and the name merged down, «Число обращений, ед.» across the years 2024
and 2025 as number cells), headers that need quoting, codes stored as numbers, a row of
Байконур (99) and a note below the table. tests/it/hostile.rs says what it must give.
"""

import os

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Свод"
ws.merge_cells("A1:F1")
ws["A1"] = "Сведения об обращениях граждан в сфере ЖКХ за I квартал 2025 г."
ws["A2"] = "(по данным органов исполнительной власти субъектов)"
ws.merge_cells("A4:A5")
ws["A4"] = "Код"
ws.merge_cells("B4:B5")
ws["B4"] = "Субъект\nРоссийской Федерации"
ws.merge_cells("C4:D4")
ws["C4"] = "Число обращений, ед."
ws["C5"] = 2024
ws["D5"] = 2025
ws.merge_cells("E4:E5")
ws["E4"] = "Численность населения, чел."
ws.merge_cells("F4:F5")
ws["F4"] = "Доля МКД в «хорошем» состоянии, %"
rows = [
    (1, "Республика Адыгея (Адыгея)", 120, 135, 463088, 61.5),
    (2, "Республика Башкортостан", 980, 1010, 4091423, 55.2),
    (7, "Кабардино-Балкарская Республика", 210, 190, 904200, 58.3),
    (77, "г. Москва", 5400, 5650, 13149803, 72.1),
    (99, "г. Байконур", 3, 4, 73200, 40.0),
]
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        ws.cell(row=6 + i, column=1 + j, value=v)
ws["A12"] = "Примечание: данные условные."
wb.save(os.path.join(HERE, "ministry.xlsx"))
