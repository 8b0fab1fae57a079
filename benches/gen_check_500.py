#!/usr/bin/env python3
"""Writes benches/check-500.metodika: a 500-line methodology over the ПОС data, for the
`check` benchmark (python3 benches/gen_check_500.py)."""
import os

COLS = ["messages_total", "messages_answered", "answered_on_time", "answers_rated",
        "rated_positive", "repeat_complaints", "returned_for_rework", "votes_held",
        "vote_participants", "hearings_held", "projects_voted", "projects_done",
        "sites_with_widget", "subordinate_orgs_connected", "municipal_bodies_connected"]
NORMS = ["minmax", "goalposts(0, 1)", "zscore", "rank", "ratio_to_best", "target(0.5)",
         "minmax(0.01, 1)"]
out = ['# Нагрузочная методика для бенчмарка `check`: 42 показателя в 7 группах.',
       'methodology "Бенчмарк проверки" {', '    version   "1"', '    key       region_code',
       '    label     region_name', '    missing   median', '}', '',
       'input current  "../methodologies/pos/data/2025-q4.csv"',
       'input previous "../methodologies/pos/data/2025-q3.csv"', '']
names = []
for i in range(42):
    a, b = COLS[i % len(COLS)], COLS[(i * 7 + 3) % len(COLS)]
    name = f"показатель_{i:02d}"
    names.append(name)
    out += [f'indicator {name} "Показатель №{i}" {{',
            f'    value     = current.{a} / (current.{b} + 1) * 100 - previous.{a} / (previous.{b} + 1) * 100',
            f'    better    {"higher" if i % 3 else "lower"}',
            f'    unit      "п.п."',
            f'    transform cap(-1000, 1000)',
            f'    normalize {NORMS[i % len(NORMS)]}',
            f'    note      "Разница долей {a} и {b} к прошлому кварталу."',
            '}', '']
for g in range(7):
    out.append(f'group блок_{g} "Блок {g}" {{')
    for n in names[g * 6:(g + 1) * 6]:
        out.append(f'    {n} points 10')
    out += ['}', '']
out.append('score "Итог" sum {')
out += [f'    блок_{g}' for g in range(7)]
out += ['}', '', 'rank {', '    round 1', '    ties  dense',
        '    then  показатель_01 desc, показатель_02 asc', '}', '', 'zones {',
        '    green  "Зелёная зона" when score >= 300', '    yellow "Жёлтая зона"  when score >= 200',
        '    red    "Красная зона" otherwise', '}']
while len(out) < 500:
    out.insert(1, '# ' + '—' * 20)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-500.metodika"), "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
