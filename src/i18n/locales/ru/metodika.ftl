# Сообщения metodika по-русски. У каждого сообщения есть английский двойник в
# ../en/metodika.ftl с теми же подстановками (tests/it/i18n.rs следит за этим).

## числа со словами, в нужной форме: 1 место, 2 места, 5 мест, 1,5 места

count-places = { $n ->
    [one] { $n } место
    [few] { $n } места
    [many] { $n } мест
   *[other] { $n } места
}
count-points = { $n ->
    [one] { $n } балл
    [few] { $n } балла
    [many] { $n } баллов
   *[other] { $n } балла
}
count-regions = { $n ->
    [one] { $n } регион
    [few] { $n } региона
    [many] { $n } регионов
   *[other] { $n } региона
}
count-values = { $n ->
    [one] { $n } значение
    [few] { $n } значения
    [many] { $n } значений
   *[other] { $n } значения
}
count-replications = { $n ->
    [one] { $n } повторение
    [few] { $n } повторения
    [many] { $n } повторений
   *[other] { $n } повторения
}
count-runs = { $n ->
    [one] { $n } расчёт
    [few] { $n } расчёта
    [many] { $n } расчётов
   *[other] { $n } расчёта
}
count-periods = { $n ->
    [one] { $n } период
    [few] { $n } периода
    [many] { $n } периодов
   *[other] { $n } периода
}

# the decimal separator of numbers written for people
number-decimal = ,

## рейтинг таблицей (в CSV и JSON столбцы называются по-английски, как всегда)

col-place = место
col-key = код
col-region = регион
col-score = балл
col-zone = зона
col-not-ranked = исключён

## explain

explain-not-ranked = не участвует в рейтинге: { $reason }
explain-place = место { $place } из { $ranked } (равенство: { $ties }), балл { $score }
explain-zone = , зона { $zone } ({ $title })
explain-above = выше:
explain-this = этот регион:
explain-below = ниже:
explain-tie-decided = равный балл с { $key } ({ $label }): решил `{ $by }` — { $mine } против { $theirs }
explain-shares-place = делит место { $place } с { $key } ({ $label }): равный балл
explain-shares-place-tb = делит место { $place } с { $key } ({ $label }): равны балл и все дополнительные критерии
explain-equal-by-key = равный балл с { $key } ({ $label }); порядок по коду (`ties { $ties }`)
explain-equal-by-key-tb = равны балл и все дополнительные критерии с { $key } ({ $label }); порядок по коду (`ties { $ties }`)
explain-weight-percent = вес { $w }%
explain-weight-relative = вес { $w }/{ $total }
explain-weight-equal = вес 1/{ $n }
explain-added-as-is = складывается как есть
explain-raw = исходное { $value }
explain-raw-missing = исходное (нет данных)
explain-value = значение { $value }
explain-missing-policy = нет данных → { $policy }
explain-contributes = вклад { $value }
explain-agg-count-of = { $text }: { $kept } из { $of } ({ $records })
explain-agg-count = { $text }: { $kept } ({ $records })
explain-agg-share = { $text }: { $kept } из { $of } ({ $records }) = { $value }
explain-agg-value = { $text } = { $value } ({ $values }, из { $of } ({ $records }))

## diff

diff-col-move = сдвиг
diff-col-old = было
diff-col-new = стало
diff-col-key = код
diff-col-region = регион
diff-col-old-score = балл был
diff-col-new-score = балл стал
diff-col-zone = зона
diff-col-changes = что сдвинуло (баллы)
diff-excluded = искл.
diff-absent = нет
diff-no-changes = методика: без изменений
diff-changes = изменения методики ({ $n }):
diff-md-changes = Изменения методики
diff-md-none = нет
diff-md-consequences = Последствия
diff-md-moved = Регионы, сменившие место
diff-summary = { $regions }: поднялись { $up }, опустились { $down }, без изменений { $unchanged }
diff-one-side = , в рейтинге только одной редакции { $n }
diff-neither = , ни в одной редакции { $n }
diff-renumbered = { $regions }: впереди те же регионы, но номер места другой (выше возникло или разрешилось равенство)
diff-correlations = ρ Спирмена = { $rho }, τ-b Кендалла = { $tau }; первая десятка: осталось { $kept } из { $old } (в новой десятке { $new })
diff-largest-up = больше всего поднялись: { $list }
diff-largest-down = больше всего опустились: { $list }
diff-zones-none = смена зон: нет
diff-zones = смена зон ({ $n }): { $list }

## страницы HTML (заголовки на языке методики)

html-version = Редакция
html-effective = Действует с
html-period = Период
html-notes = Примечания
html-run-notes = Сведения о расчёте
html-ranking = Рейтинг
html-place = Место
html-region = Регион
html-key = Код
html-score = Балл
html-zone = Зона
html-zones = Зоны
html-regions-in-zone = регионов
html-excluded = Исключён
html-exclusions = Не участвуют в рейтинге
html-reason = Причина
html-no-exclusions = Все регионы участвуют в рейтинге.
html-scores-chart = Баллы регионов
html-map = Карта
html-map-note = Точка — административный центр региона; цвет — зона; место и балл — при наведении.
html-map-missing = Нет на карте
html-no-map = Регионы рейтинга не найдены в справочнике субъектов РФ: карта не строится.
html-blocks = Блоки
html-points-of = из
html-explanations = Расчёт балла по каждому региону
html-explanations-note = Раскройте регион, чтобы увидеть, из чего сложился его балл.
html-sort-note = Щелчок по заголовку столбца сортирует таблицу.
html-made-by = Отчёт построен
html-places-word = мест
html-points-word = баллов
html-diff-title = Что меняет новая редакция
html-old = Было
html-new = Стало
html-changes = Изменения методики
html-no-changes = Методика не изменилась: различаются данные.
html-summary = Итог
html-moved-up = поднялись
html-moved-down = опустились
html-unchanged = без изменений
html-spearman = ρ Спирмена
html-kendall = τ-b Кендалла
html-top10 = В первой десятке остались
html-slope = Места: было → стало
html-scatter = Баллы: было и стало
html-scatter-note = Точка над диагональю — балл вырос.
html-biggest-moves = Наибольшие перемещения
html-moved = Сдвиг
html-why = Что сдвинуло
html-all-regions = Все регионы
html-old-place = Место было
html-new-place = Место стало
html-old-score = Балл был
html-new-score = Балл стал
html-uncertainty-title = Насколько устойчивы места
html-replications = Повторений расчёта
html-nominal-place = Место
html-median-place = Медиана места
html-interval = 5–95%
html-mean-score = Средний балл
html-top-n = В первых
html-intervals-chart = Интервалы мест
html-intervals-note = Линия — места в 90% повторений, точка — медиана, ромб — место по методике.
html-map-source = Координаты административных центров: справочники регионов и городов HFLabs (CC BY-SA 4.0, данные DaData.ru).

## командная строка

cli-wrote = записан { $file } ({ $what })
cli-no-region = нет региона с кодом `{ $key }`
