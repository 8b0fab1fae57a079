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
    [one] { $n } прогон
    [few] { $n } прогона
    [many] { $n } прогонов
   *[other] { $n } прогона
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
explain-place = место { $place } из { $ranked } ({ $ties }), балл { $score }
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
explain-outlier-winsorized = выброс: значение заменено на { $value }
explain-outlier-log = обработка выбросов: ln(x − min + 0,01·(max − min))
explain-contributes = вклад { $value }
explain-agg-count-of = { $text }: { $kept } из { $of ->
    [one] { $of } записи
   *[other] { $of } записей
} `{ $records }`
explain-agg-count = { $text }: { $kept ->
    [one] { $kept } запись
    [few] { $kept } записи
   *[other] { $kept } записей
} `{ $records }`
explain-agg-share = { $text }: { $kept } из { $of ->
    [one] { $of } записи
   *[other] { $of } записей
} `{ $records }` = { $value }
explain-agg-value = { $text } = { $value } ({ $values } из { $of ->
    [one] { $of } записи
   *[other] { $of } записей
} `{ $records }`)

## diff

diff-col-move = перемещение
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
diff-summary = { $regions }: поднялись { $up }, опустились { $down }, без изменений { $unchanged }
diff-one-side = , в рейтинге только одной редакции { $n }
diff-neither = , ни в одной редакции { $n }
diff-renumbered = { $regions }: впереди те же регионы, но номер места другой (выше возникло или разрешилось равенство)
diff-correlations = ρ Спирмена = { $rho }, τ-b Кендалла = { $tau }
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
html-moved = Перемещение
html-why = Что сдвинуло
html-all-regions = Все регионы
html-old-place = Место было
html-new-place = Место стало
html-old-score = Балл был
html-new-score = Балл стал
html-uncertainty-title = Насколько устойчивы места
html-replications = Прогонов расчёта
html-nominal-place = Место
html-median-place = Медиана места
html-interval = 5–95%
html-mean-score = Средний балл
html-top-n = В первых
html-intervals-chart = Интервалы мест
html-intervals-note = Линия — места в 90 % прогонов, точка — медиана, ромб — место по методике.
html-map-source = Координаты административных центров: справочники регионов и городов HFLabs (CC BY-SA 4.0, данные DaData.ru).

## проверка: блоки и веса

e103-message = неизвестный показатель или блок `{ $name }`
e103-label = не определён
e103-help = членами блока бывают показатели и блоки, определённые в этом файле
e206-message = `{ $name }` входит в блоки дважды
e206-label = второе вхождение
e206-related = уже входит здесь
e206-help = каждый показатель и каждый блок входят ровно в один блок; соберите вес в одном месте
e207-message = в `{ $group }` нет членов
e207-label = пусто
e207-help = перечислите показатели или блоки, из которых он состоит
e302-message = баллы и веса смешаны в одном блоке `{ $group }`
e302-help = дайте всем членам `points N` либо всем — `weight`
e303-message = процентные и относительные веса смешаны в `{ $group }`
e303-help = дайте всем членам `weight N%` (в сумме 100%) либо всем — относительный `weight N`
e307-message = у одних членов `{ $group }` вес есть, у других нет
e307-help = дайте вес всем членам или никому (равные веса)
weight-here = здесь { $what }
e304-message = вес должен быть положительным числом
e304-label = не положительный вес
e304-help = уберите член блока вместо того, чтобы давать ему нулевой вес; баллы — обычные числа
e301-message = веса `{ $group }` в сумме дают { $sum }, а не 100%
e301-label = сумма весов { $sum }
e301-help-add = сумма весов { $sum }; добавьте { $rest }, чтобы получить 100%
e301-help-take = сумма весов { $sum }; уберите { $rest }, чтобы получить 100%
e305-message = баллы складываются, а `{ $group }` агрегируется через `{ $aggregation }`
e305-label = не `sum`
e305-help = уберите агрегацию (баллы складываются) или используйте веса вместо баллов
w004-message = `{ $group }` берёт наименьший член; его веса не используются
w004-label = веса не учитываются
w004-help = уберите веса или агрегируйте через `mean`

## проверка: места и зоны

e111-round-message = `round` принимает целое число знаков после запятой от 0 до 15
e111-round-label = вне допустимого
e111-round-help = `round 0` округляет балл до целых перед расстановкой мест
e502-message = дополнительный критерий должен быть числом, а здесь условие
e502-label = условие не упорядочивает регионы
e502-help = разрешайте равенство показателем, блоком или столбцом: `then satisfaction desc`
e503-message = у дополнительного критерия нужен порядок `asc` или `desc`
e503-label = в какую сторону?
e503-help = напишите `{ $tb } desc`, если выигрывает большее, `{ $tb } asc`, если меньшее
e602-unreachable = в зону `{ $zone }` никто не попадёт
e602-after-catch-all = после зоны для всех остальных
e602-catch-all-here = все оставшиеся регионы уже попадают сюда
e602-catch-all-help = зона, которая берёт всех остальных, должна быть последней
e602-overlaps = зона `{ $zone }` перекрывается предыдущей
e602-overlaps-label = все регионы с баллом ≥ { $threshold } уже в одной из прежних зон
e602-overlaps-related = эта зона берёт их раньше
e602-overlaps-help = зоны проверяются по порядку: перечисляйте пороги от большего к меньшему
e602-taken = места с 1 по { $n } уже заняты
e602-taken-related = этой зоной
e602-taken-help = для мест после прежней зоны используйте `next N`
e111-places-message = число мест должно быть целым, от 1
e111-places-label = не целое положительное число
e111-places-help = `top 20` берёт места с 1 по 20
e603-message = `next` должна следовать за зоной `top` или `next`
e603-label = после чего?
e603-help = начните с `top N`, затем `next M` возьмёт M мест после неё
e601-message = зоны могут оставить регионы без зоны
e601-label = регион, не подошедший ни под одну зону, останется без неё
e601-help = закончите зоной для всех остальных: `{ $zone } "…" otherwise`

## проверка: элементы файла

did-you-mean = может быть, `{ $name }`?
e105-second-header = второй заголовок `methodology`
e105-second-header-label = второй заголовок
e105-first-header = первый заголовок здесь
e105-second-header-help = файл описывает одну методику; объедините два заголовка
e201-message = в файле нет заголовка `methodology`
e201-label = ожидался перед этим
e201-help = начните файл с `methodology "Название" {"{"} key region_code {"}"}`
e202-message = в заголовке не назван ключевой столбец
e202-label = у этой методики нет `key`
e202-help = добавьте `key region_code` — столбец, по которому регион узнаётся в каждом файле данных
e105-second-score = второй `score`
e105-second-score-label = второй score
e105-first-score = первый score здесь
e105-second-score-help = у методики один итоговый балл; сделайте другой блоком (`group`)
e205-message = в методике нет `score`
e205-label = не сказано, из чего складывается балл
e205-help = добавьте `score "Итоговый балл" {"{"} group_a  group_b {"}"}` с членами верхнего уровня
w001-message = показатель `{ $name }` не входит в итоговый балл
w001-label = не входит ни в один блок
w001-help = добавьте его в блок или удалите, если он больше не часть методики
w002-message = блок `{ $name }` не входит в итоговый балл
w002-label = не входит ни в score, ни в другой блок
w002-help = добавьте его в score или в другой блок
e105-second-block = второй блок `{ $keyword }`
e105-second-block-label = второй
e105-first-block = первый здесь
e105-second-block-help = объедините два блока
e105-twice = `{ $name }` определено дважды
e105-label-input = второй файл данных с этим именем
e105-label-indicator = второй показатель с этим именем
e105-label-group = второй блок с этим именем
e105-label-zone = вторая зона с этим именем
e105-first-defined = впервые определено здесь
e105-twice-help = переименуйте одно из них: у показателей, блоков и таблиц данных имена должны быть разными
e204-message = `{ $keyword }` указано дважды
e204-label = второй раз
e204-first = впервые указано здесь
e204-help = оставьте одно `{ $keyword }`
e102-message = у файла данных `{ $input }` нет столбца `{ $column }`
e102-label = нет такого столбца
e102-columns = его столбцы: { $columns }

## проверка: файлы данных и пересмотры

e112-message = `{ $date }` — не дата
e112-label = такого дня нет
e112-help = даты пишутся ГГГГ-ММ-ДД: `2025-01-01`
e120-not-read = базовая редакция `{ $base }` здесь не прочитана
e120-not-read-label = пересмотр другой методики
e120-not-read-help = пересмотр проверяется вместе с базовой редакцией, когда читается из своего файла: `metodika check ФАЙЛ`
e121-no-base = `{ $what }` для `{ $name }`: эта методика ничего не расширяет
e121-no-base-label = пересмотр базовой редакции
e121-no-base-help = назовите базовую редакцию в заголовке: `extends "pos-2025.metodika"`
e203-no-input = у методики нет файла данных
e203-no-input-label = в этом файле нет `input`
e203-no-input-help = добавьте `input current "data/regions.csv"`
e113-message = файл данных `{ $input }` вне папки методики
e113-help = держите данные рядом с методикой или разрешите это: `--input { $input }=ПУТЬ` или `--allow-outside`
w003-message = не удалось прочитать столбцы файла данных `{ $input }`
w003-help = названия его столбцов не проверяются; для `run` файл понадобится
key-column-related = ключевой столбец нужен в каждом файле данных

## справка командной строки (примеры выполняются в тестах)

help-long-about = metodika читает методику рейтинга, записанную в файле *.metodika, проверяет её, рассчитывает по данным регионов и ранжирует регионы.
help-about = Проверка, форматирование и расчёт методик рейтингов регионов
help-arg-color = Цвет в сообщениях об ошибках: auto, always или never
help-arg-allow-outside = Разрешить путям к данным выходить за папку методики (абсолютные пути, `..`, ссылки)
help-arg-lang = Язык таблиц и объяснений: `ru` или `en` (по умолчанию METODIKA_LANG, затем локаль: LC_ALL, LC_MESSAGES, LANG)
help-check = Проверить файлы методик и сообщить обо всех ошибках в них
help-check-format = `text` для людей, `json` для редакторов и CI, `github`, `gitlab`, `sarif` или `junit` для систем рецензирования
help-check-allow = Не показывать предупреждение: его код, например W007 (можно повторять)
help-check-deny = Считать предупреждения ошибками: `warnings` — все, или код (можно повторять)
help-check-inputs = Взять другой файл для таблицы данных: ИМЯ=ПУТЬ (можно повторять)
help-expand = Напечатать всю методику, которая получается из файла, в каноническом виде: пересмотр (`extends`) вместе с базовой редакцией, компактные формы записаны полностью
help-expand-inputs = Взять другой файл для таблицы данных: ИМЯ=ПУТЬ (можно повторять)
help-sql = Напечатать методику одним запросом SQL для хранилища (PostgreSQL, DuckDB, ClickHouse): по CTE на этап, столбцы `run --format csv`
help-sql-dialect = Диалект SQL
help-sql-tables = Таблица базы, в которой лежат данные: ИМЯ=схема.таблица (можно повторять; по умолчанию — имя файла данных)
help-sql-inputs = Взять другой файл для таблицы данных: ИМЯ=ПУТЬ (можно повторять; проверка читает его заголовок)
help-sql-period = Учитывать только записи этого периода (`2025-Q3`, `2025-07`, `2025`), как `run --period`; нужен, когда в заголовке методики объявлены периоды
help-sql-detail = Добавить столбцы `run --detail`: по каждому показателю исходное значение, значение, нормированное значение и вклад
help-fmt = Переписать файлы методик в каноническом виде (комментарии сохраняются)
help-fmt-check = Ничего не менять; выйти с кодом 1 и назвать файлы, которые изменились бы
help-fmt-diff = С --check: показать, что изменилось бы, в виде унифицированного diff
help-run = Рассчитать методику по её данным и напечатать рейтинг
help-run-inputs = Взять другой файл для таблицы данных: ИМЯ=ПУТЬ (можно повторять)
help-run-output = Записать в этот файл вместо стандартного вывода (файл записывается целиком или не создаётся)
help-run-detail = Добавить по каждому показателю исходное значение, нормированное значение и вклад
help-run-emit = Что напечатать
help-run-period = Учитывать только записи этого периода (`2025-Q3`, `2025-07`, `2025`), как задаёт `period` в заголовке
help-run-periods = Панель: место в каждом периоде от ПЕРВОГО до ПОСЛЕДНЕГО (`2025-Q1..2025-Q4`), изменение между первым и последним, балл и зона в последнем (с --detail — и балл в каждом периоде)
help-diff = Сравнить две методики (или одну методику на двух наборах данных): кто сдвинулся, насколько и почему
help-diff-old = Старая методика: путь или `git:REV:PATH` (её данные — из той же ревизии)
help-diff-new = Новая методика (если не указана — старая, для сравнения периодов)
help-diff-inputs = Взять другой файл для таблицы данных обеих методик: ИМЯ=ПУТЬ (можно повторять)
help-diff-old-inputs = Взять другой файл для таблицы данных только старого расчёта
help-diff-new-inputs = Взять другой файл для таблицы данных только нового расчёта
help-diff-output = Записать в этот файл вместо стандартного вывода (файл записывается целиком или не создаётся)
help-diff-period = Учитывать только записи этого периода, в обоих расчётах
help-diff-old-period = Период старого расчёта (`--old-period 2025-Q2 --new-period 2025-Q3` сравнивает два квартала по одной методике)
help-diff-new-period = Период нового расчёта
help-diff-fail-on-move = Выйти с кодом 3, если какой-либо регион переместился больше чем на N мест, вышел из рейтинга или вошёл в него (для проверок в CI)
help-diff-fail-on-exclusion = Выйти с кодом 3, если регион вышел из рейтинга или вошёл в него
help-diff-fail-on-zone-change = Выйти с кодом 3, если регион сменил зону
help-diff-top = В тексте и Markdown показать только N наибольших из регионов, которые переместились, сменили зону, вышли из рейтинга или вошли в него
help-uncertainty = Насколько устойчиво место: методика повторяется с заново разыгранными решениями блока `uncertainty`; по каждому региону медиана места и её интервал 5–95%, средний балл, вероятность каждой зоны и попадания в первые N
help-uncertainty-inputs = Взять другой файл для таблицы данных: ИМЯ=ПУТЬ (можно повторять)
help-uncertainty-output = Записать в этот файл вместо стандартного вывода (файл записывается целиком или не создаётся)
help-uncertainty-runs = Сколько прогонов (по умолчанию `runs` блока)
help-uncertainty-seed = Начальное значение генератора (по умолчанию `seed` блока)
help-uncertainty-top = Вероятность места среди первых N
help-uncertainty-period = Учитывать только записи этого периода, как `run --period`
help-uncertainty-naive = Считать каждый прогон отдельным расчётом polars, заново читая файлы данных (наивный план, для замера; без шума)
help-sensitivity = От какого неопределённого решения зависит рейтинг: индексы Соболя первого порядка и полные по каждой строке блока `uncertainty` (план Салтелли, N·(d + 2) расчётов)
help-sensitivity-inputs = Взять другой файл для таблицы данных: ИМЯ=ПУТЬ (можно повторять)
help-sensitivity-output = Записать в этот файл вместо стандартного вывода (файл записывается целиком или не создаётся)
help-sensitivity-runs = N, строки плана: N·(d + 2) расчётов для d решений
help-sensitivity-seed = Начальное значение генератора плана (по умолчанию `seed` блока)
help-sensitivity-region = Объяснять место этого региона вместо среднего перемещения по местам
help-sensitivity-period = Учитывать только записи этого периода, как `run --period`
help-explain = Объяснить балл одного региона: дерево блоков и показателей, соседи, равные баллы
help-explain-region = Регион: его код (`07` или `7`), название или слово из названия (`Москва`)
help-explain-period = Учитывать только записи этого периода, как `run --period`
help-init = Создать заготовку методики по таблице регионов (CSV, Parquet или .xlsx): код и название, по показателю на каждый числовой столбец, равные веса, места и три зоны, с комментариями о том, что решить дальше
help-init-data = Таблица регионов: строка на регион
help-init-key = Столбец, по которому различаются регионы (если не указан — находится по названиям и значениям)
help-init-label = Столбец с названиями регионов (если не указан — находится)
help-init-output = Файл методики, который нужно записать (никогда поверх существующего; по умолчанию ДАННЫЕ с расширением .metodika)
help-lsp = Языковой сервер для редакторов: ошибки по ходу набора, подсказки при наведении, переход к определению, ссылки, дополнение, форматирование, переименование, структура и подсветка (LSP через stdin и stdout; docs/editors.md описывает настройку VS Code, Neovim и Helix)
help-lsp-stdio = Общаться через stdin и stdout: единственный способ и способ по умолчанию (клиенты редакторов его передают)
help-completions = Напечатать сценарий дополнения команд для оболочки
help-completions-shell = bash, zsh, fish, powershell или elvish
help-man = Напечатать страницу руководства (roff) или записать по странице на каждую команду в папку
help-man-dir = Записать сюда metodika.1 и metodika-КОМАНДА.1 вместо печати metodika.1
help-after-main =
    Примеры:
      $ metodika check methodologies/pos/pos-2025.metodika
      $ metodika run methodologies/pos/pos-2025.metodika
      $ metodika diff methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika

    Коды выхода: 0 успех; 1 в методике или данных есть ошибки (или `fmt --check` изменил бы файл); 2 неверна командная строка либо файл нельзя прочитать или записать; 3 `diff --fail-on-move N` обнаружил сдвиг больше N мест.

    Документация: docs/language.md (язык), docs/cli.md (эта программа), docs/workflow.ru.md (работа методиста).
help-after-check =
    Примеры:
      $ metodika check methodologies/pos/pos-2025.metodika
      $ metodika check --format json methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika
      $ metodika check methodologies/pos/pos-2025-tables.metodika --input current=methodologies/pos/data/2025-q4.csv

    Коды выхода: 0 ошибок нет (предупреждения могут быть); 1 есть ошибки, у каждой код, место и подсказка; 2 неверна командная строка.
help-after-sql =
    Примеры:
      $ metodika sql methodologies/pos/pos-2025-tables.metodika --dialect postgres
      $ metodika sql methodologies/pos/pos-2025-tables.metodika --dialect duckdb --table current=ratings.q4_2025 --table previous=ratings.q3_2025

      $ metodika sql methodologies/pos/pos-2025.metodika --dialect clickhouse --period 2025-Q3 --table messages=platform.messages_all

    Запрос читает каждый файл данных и файл записей из таблицы с его именем (или названной через --table) со столбцами, которые читает методика, и возвращает по строке на регион в порядке `run`; переводится любая конструкция. Как: docs/sql.md.

    Коды выхода: 0 напечатано; 1 в методике ошибки; 2 неверна командная строка (в том числе --table или --period).
help-after-expand =
    Примеры:
      $ metodika expand methodologies/pos/pos-2026.metodika
      $ metodika expand methodologies/asem/asem.metodika

    Коды выхода: 0 напечатано; 1 в файле или в файле, который он расширяет, есть ошибки (каждая показана в своём файле); 2 неверна командная строка.
help-after-fmt =
    Примеры:
      $ metodika fmt --check methodologies/pos/pos-2025.metodika
      $ metodika fmt methodologies/pos/pos-2026.metodika

    Коды выхода: 0 готово (или, с --check, ничего не изменилось бы); 1 в файле синтаксические ошибки либо он изменился бы при --check; 2 неверна командная строка.
help-after-run =
    Примеры:
      $ metodika run methodologies/pos/pos-2025.metodika
      $ metodika run methodologies/pos/pos-2025.metodika --period 2025-Q3 --format html --output q3.html
      $ metodika run methodologies/pos/pos-2025.metodika --periods 2025-Q1..2025-Q4

    Коды выхода: 0 рейтинг напечатан; 1 в методике или данных есть ошибки (сообщается о каждой — с файлом, строкой, столбцом и регионом); 2 неверна командная строка либо файл данных или --output нельзя прочитать или записать.
help-after-explain =
    Примеры:
      $ metodika explain methodologies/pos/pos-2025.metodika --region 28
      $ metodika explain methodologies/pos/pos-2025-tables.metodika --region 77

    Коды выхода: 0 объяснено; 1 в методике или данных есть ошибки либо региона нет в данных; 2 неверна командная строка.
help-after-diff =
    Примеры:
      $ metodika diff methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika --format html --output diff.html
      $ metodika diff methodologies/pos/pos-2025-tables.metodika --new-input current=methodologies/pos/data/2025-q4.csv
      $ metodika diff git:HEAD:methodologies/pos/pos-2025.metodika methodologies/pos/pos-2025.metodika --fail-on-move 5

    Коды выхода: 0 сравнено; 1 в одной из методик или её данных есть ошибки; 2 неверна командная строка или источник git: нельзя прочитать; 3 с --fail-on-move N регион сдвинулся больше чем на N мест.
help-after-uncertainty =
    Примеры:
      $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika
      $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika --runs 2000 --seed 7 --top 5
      $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika --format html --output places.html

    Коды выхода: 0 готово; 1 в методике или данных есть ошибки; 2 неверна командная строка или в методике нет блока uncertainty.
help-after-sensitivity =
    Примеры:
      $ metodika sensitivity methodologies/pos/pos-2025-tables.metodika --runs 500
      $ metodika sensitivity methodologies/pos/pos-2025-tables.metodika --runs 500 --region 28

    Коды выхода: 0 готово; 1 в методике или данных есть ошибки либо регион не участвует в рейтинге; 2 неверна командная строка или в методике нет блока uncertainty.
help-after-init =
    Примеры:
      $ metodika init methodologies/pos/data/2025-q4.csv --output starter.metodika
      $ metodika init methodologies/pos/data/2025-q4.csv --key region_code --label region_name --output rating.metodika

    Коды выхода: 0 записано (проверяется без ошибок; дальше прочтите комментарии); 2 отказ с кодом: I001 файл уже есть, I002 нет столбца, похожего на код региона, I003 нет числовых столбцов, I004 нет такого столбца, I005 данные вне папки методики, I006 файл нельзя записать, I007 книга или файл Parquet не читается либо файл слишком велик для таблицы регионов.
help-after-completions =
    Примеры:
      $ metodika completions bash > metodika.bash
      $ metodika completions zsh > _metodika
      $ metodika completions fish > metodika.fish

    Bash: положите сценарий в ~/.local/share/bash-completion/completions/metodika; zsh: `_metodika` в папку из $fpath; fish: ~/.config/fish/completions/metodika.fish.

    Коды выхода: 0 напечатано; 2 неверна командная строка.
help-after-man =
    Примеры:
      $ metodika man > metodika.1
      $ metodika man --dir man

    `man ./metodika.1` открывает её; с --dir — страница на программу и на каждую команду (metodika-run.1, …).

    Коды выхода: 0 записано; 2 неверна командная строка или страницу нельзя записать.
help-after-lsp =
    Примеры:
      $ metodika lsp
      $ metodika lsp --stdio

    Его запускает редактор (docs/editors.md показывает, как для VS Code, Neovim и Helix). Он отвечает JSON-RPC в stdout и больше ничего туда не пишет; о своих сбоях сообщает в stderr. Файлы данных находятся от папки каждого файла методики, как их находит `metodika check`.

    Коды выхода: 0 редактор его остановил (`shutdown`, затем `exit`); 1 соединение оборвалось иначе; 2 неверна командная строка.

## командная строка

cli-wrote = записан { $file }: { $what }
cli-no-region = нет региона с кодом или названием `{ $key }`
cli-region-several = `{ $query }` встречается в названиях нескольких регионов: { $regions }; укажите регион кодом или полным названием

## проверка: показатели

word-or = {" "}или{" "}
e501-value = значение показателя должно быть числом, а здесь условие
e501-value-label = это условие
e501-value-help = чтобы считать условие числом, напишите `if … then 1 else 0`
e203-indicator = у показателя `{ $name }` нет `{ $keyword }`
e203-required = `{ $keyword }` обязательно
e203-value-help = добавьте, что измеряется: `value = таблица.столбец`
e203-better-help = добавьте, в какую сторону лучше: `better higher` или `better lower` (здесь или сразу для многих показателей в `defaults`)
e107-itself = `{ $name }` ссылается сам на себя
e107-itself-label = это сам показатель, а не столбец
e107-the-indicator = показатель
e107-itself-help = значение показателя не может использовать сам показатель; переименуйте показатель или столбец, который имелся в виду
e107-itself-column-help = `{ $name }` без имени файла данных здесь означает сам показатель; столбец с этим именем пишется { $columns }
e107-cycle = показатели ссылаются друг на друга по кругу
e107-cycle-label = `{ $from }` ссылается здесь на `{ $to }`
e107-cycle-related = а тот зависит от показателя, который на него ссылается
e107-cycle-help = круг: { $cycle }

## проверка: выражения

word-none = (нет)
ty-number = число
ty-condition = условие (истина или ложь)
ty-text = текст
ty-date = дата
ty-list = список значений
e501-this-is = это { $what }
e501-in = `in` сравнивает столбец записей со списком значений
e501-in-label = не внутри агрегата по записям
e501-in-help = внутри агрегата: `count(messages where category in ("ЖКХ", "Дороги"))`; для значений региона — `x == 1 or x == 2`
e501-branches = у ветвей `if` разные типы
e501-branches-help = обе ветви должны быть числами или обе — условиями
e501-not-a-value = { $what } — не значение региона
e501-not-a-value-help = текст, даты и списки сравниваются со столбцами записей внутри агрегата: `count(messages where status == "answered")`
e501-needs = { $what } ждёт значение типа «{ $want }», а здесь { $got }
e501-needs-number-help = условие нельзя использовать как число; напишите `if … then 1 else 0`
e501-needs-condition-help = сравните число с чем-нибудь: `x > 0`
e005-too-large = слишком большое число
e005-too-large-label = не помещается в 64-битное число с плавающей точкой
e005-too-large-help = числа должны быть меньше примерно 1.8e308
e101-inputs-are = файлы данных: { $inputs }
e101-message = неизвестный файл данных `{ $name }`
e101-label = файла данных с таким именем нет
e504-group = блок `{ $name }` здесь использовать нельзя
e504-group-label = результат блока известен только после подсчёта баллов
e504-group-help = блоки, `score` и `place` можно использовать в `rank {"{"} then … {"}"}` и `zones`
e504-here = `{ $name }` здесь использовать нельзя
e504-here-label = известно только после подсчёта баллов
e504-score-help = `score` можно использовать в `rank {"{"} then … {"}"}` и `zones`
e504-place-help = `place` можно использовать в `zones`
e504-exclude = показатель `{ $name }` нельзя использовать в `exclude`
e504-exclude-label = исключения решаются до того, как считаются показатели
e504-exclude-help = сошлитесь на столбцы файла данных, из которых считается показатель
e104-message = неизвестное имя `{ $name }`
e104-label = не показатель и не столбец
e104-help = ни показателя, ни столбца какого-либо файла данных с таким именем нет
e104-unread-help = некоторые файлы данных не прочитаны; назовите столбец как `таблица.столбец`
e106-message = столбец `{ $name }` есть в нескольких файлах данных
e106-label = какой файл данных?
e106-help = напишите { $columns }
builtin-across-regions = по всем регионам
e111-round-decimals = `round` принимает целое число знаков после запятой от 0 до 15
e111-round-decimals-label = не целое число от 0 до 15
e111-round-decimals-help = для двух знаков напишите `round(x, 2)`
e109-exactly = { $n }
e109-between = от { $lo } до { $hi }
e109-at-least = не меньше { $n }
e109-message = `{ $name }` принимает аргументов: { $want }, а передано { $got }
e109-label = передано { $got }
e109-help = `{ $name }` принимает аргументов: { $want }
e005-parameter = у этого параметра нет конечного значения
e005-parameter-label = получается { $value }
e005-parameter-help = проверьте, нет ли деления на ноль или логарифма неположительного числа
e110-message = параметр должен быть постоянным
e110-label = это зависит от данных
e110-help = параметры — это числа и арифметика над ними: `goalposts(ln(100), ln(75000))`
e005-divides = эта постоянная делит на ноль
e005-divides-label = делитель равен 0
e005-divides-help = деление на ноль оставит все регионы без значения
e005-no-value = у этой постоянной нет значения
e005-infinity = эта постоянная уходит в бесконечность
e005-minus-infinity = эта постоянная уходит в минус бесконечность
e005-range-label = за пределами 64-битного числа с плавающей точкой (примерно ±1.8e308)
e005-range-help = числа и результаты арифметики над ними должны оставаться конечными: проверьте показатель степени или делите раньше, чем умножаете

## проверка: встроенные функции и способы

e108-function = неизвестная функция `{ $name }`
e108-function-label = такой функции нет
e108-function-all = функции: { $names }
e108-missing = неизвестный способ обработки пропусков `{ $name }`
e108-missing-label = такого способа нет
e108-missing-all = способы обработки пропусков: { $names }
e108-outliers = неизвестное правило обработки выбросов `{ $name }`
e108-outliers-label = такого правила нет
e108-outliers-all = правила обработки выбросов: { $names }
e108-transform = неизвестное преобразование `{ $name }`
e108-transform-label = такого преобразования нет
e108-transform-all = преобразования: { $names }
e108-normalization = неизвестный способ нормирования `{ $name }`
e108-normalization-label = такого способа нормирования нет
e108-normalization-all = способы нормирования: { $names }
e108-aggregation = неизвестный способ агрегирования `{ $name }`
e108-aggregation-label = такого способа нет
e108-aggregation-all = способы агрегирования: { $names }
e108-tie = неизвестный способ делить места `{ $name }`
e108-tie-label = такого способа нет
e108-tie-all = способы делить места: { $names }
e108-period = неизвестный период `{ $name }`
e108-period-label = такого периода нет
e108-period-all = периоды: { $names }
e109-builtin = `{ $name }` принимает аргументов: { $want }, а передано { $got }
e109-no-arguments = `{ $name }` не принимает аргументов
e402-equality = полосы сравнивают через `>=`, `>`, `<=` или `<`
e402-equality-label = полоса с равенством
e402-equality-help = полосы — это пороги: `>= 80% : 1`
e402-mixed = в полосах смешаны `>=` и `<=`
e402-mixed-label = эта полоса идёт в другую сторону
e402-mixed-related = направление задаёт первая полоса
e402-mixed-help = перечисляйте пороги от лучшего вниз через `>=` или от лучшего вверх через `<=`
e402-order = полосы не по порядку
e402-order-label = до этой полосы дело никогда не дойдёт
e402-order-related = эти значения уже забирает полоса выше
e402-order-down-help = с `>=` перечисляйте пороги от большего к меньшему
e402-order-up-help = с `<=` перечисляйте пороги от меньшего к большему
w005-message = полосы награждают худшее направление
w005-label = значения растут к худшему концу
w005-help = полосы дают значения как написано; проверьте `better` и значения полос
e114-message = кодировки `{ $name }` не существует
e114-label = неизвестная кодировка
e114-help = русские файлы обычно в "utf-8", "windows-1251", "koi8-r" или "ibm866"
e119-twice = `{ $option }` у файла данных `{ $input }` написано дважды
e119-twice-label = написано ещё раз здесь
e119-twice-help = оставьте одно
e119-encoding = файл данных `{ $input }` — книга Excel: кодировки у неё нет
e119-encoding-label = кодировка бывает у файлов CSV
e119-encoding-help = уберите `encoding`: книга сама говорит свою
e119-not-a-workbook-help = `sheet` и `header` — для файлов .xlsx; заголовок файла CSV — его первая строка
e119-no-sheets = файл данных `{ $input }` — не книга Excel: листов у него нет
e119-no-sheets-label = лист у файла, который не книга
e119-no-header-row = файл данных `{ $input }` — не книга Excel: строку заголовка у него не назначить
e119-no-header-row-label = строка заголовка у файла, который не книга
e119-row = `header { $row }`: строки листа — с 1 по 1048576
e119-row-label = такой строки нет
e119-row-help = назовите строку с именами столбцов так, как её нумерует Excel: `header 3`
e406-outliers = `outliers auto(N)`: N — наибольшее число винзоризуемых значений, целое от 1 до { $max }
e406-outliers-label = { $n }: не целое число от 1 до { $max }
e406-outliers-help = например, `outliers auto(5)`, как по умолчанию в COINr; `outliers auto` означает то же
e407-by-policy = `by` пишется с `mean` или `median`, а не с `{ $policy }`
e407-by-policy-label = группа для правила, которому она не нужна
e407-by-policy-help = напишите `missing mean by regions.district` или `missing median by regions.district` либо уберите `by`
e407-by-column = после `by` — столбец входных данных
e407-by-column-label = это не столбец входных данных
e407-by-column-help = назовите входные данные и столбец: `by regions.district`
e408-range = `coverage` — доля составляющих, больше 0 и не больше 100 %
e408-range-label = { $value }
e408-twice = `coverage` указано в группе дважды
e408-twice-label = указано ещё раз
e408-help = например, `coverage 60%`: у региона должны быть значения не менее 60 % составляющих
e404-cap = `cap({ $lo }, { $hi })`: нижняя граница не ниже верхней
e404-cap-help = пишите границы по порядку: `cap(lo, hi)`, где lo < hi
e403-winsorize = `winsorize` ждёт две доли, 0 ≤ нижняя < верхняя ≤ 100%
e403-winsorize-label = нижняя { $lo }, верхняя { $hi }
e403-winsorize-help = например, `winsorize(5%, 95%)`
e404-minmax = `minmax({ $lo }, { $hi })`: нижний конец не ниже верхнего
e404-minmax-help = результат идёт от lo (худший) до hi (лучший): напишите `minmax(0.01, 1)`
e401-goalposts = goalposts({ $lo }, { $hi }): нижняя граница не ниже верхней
e401-goalposts-help = пишите `goalposts(lo, hi)`, где lo < hi; при `better lower` направление задаёт `better`, а не порядок
e405-target = `target({ $target })`: цель должна быть положительной
e405-target-label = не положительная
e405-target-help = результат — x / цель, не больше 1; для других шкал есть `goalposts`
e109-bands = `bands` без полос
e109-bands-label = полосы не заданы
e109-bands-help = напишите `bands {"{"} >= 80% : 1  >= 60% : 0.5  else : 0 {"}"}`

## проверка: блоки, продолжение

normalized-by = нормирован через `{ $normalization }`
no-normalization = без нормирования: берётся исходное значение
e306-message = `{ $name }` может быть 0 или меньше, и тогда среднее `{ $aggregation }` блока `{ $group }` обнуляется
e306-help = нормируйте так, чтобы значение оставалось больше 0: `minmax(0.01, 1)` или `goalposts(lo, hi)` с худшей границей за пределами любых значений региона
e306-reaches-zero = это нормирование доходит до 0
w006-message = `{ $name }` равен 0 у региона на худшей границе { $goalpost } или за ней, и среднее `{ $aggregation }` блока `{ $group }` обнуляется
w006-help = вынесите худшую границу за пределы любых значений региона (ИЧР ПРООН ставит для ожидаемой продолжительности жизни 20 лет) или нормируйте через `minmax(0.01, 1)`
w006-related = 0 на этой границе
e107-groups = блоки входят друг в друга по кругу
e107-groups-label = `{ $from }` содержит `{ $to }`
e107-groups-related = а та прямо или через другие содержит первую
e107-groups-help = блок не может входить сам в себя; уберите одно из вхождений
w007-message = `{ $name }` может дать региону отрицательные баллы
w007-below-zero = может быть меньше 0
w007-down-to = `{ $normalization }` опускается до { $lo }
w007-unbounded = у `{ $normalization }` нет нижней границы
w007-help = нормируйте на 0..1 (`minmax`, `goalposts`, `rank`) или оставьте, если регион и должен терять баллы
w007-related = это нормирование даёт значения меньше 0
w007-raw = не нормирован: берётся исходное значение
weight-none = без веса
weight-points = баллы
weight-percent = вес в процентах
weight-relative = относительный вес
e102-label-column = ни у одного файла данных нет столбца названий `{ $column }`
e102-label-help = ни у одного файла данных нет такого столбца
e105-reserved = `{ $name }` — зарезервированное имя
e105-reserved-label = зарезервировано
e105-reserved-help = `score` и `place` называют итог рейтинга; выберите другое имя
e501-condition = здесь нужно условие, а стоит число
e501-condition-label = это число
e501-condition-help = сравните его с чем-нибудь: `x > 0`, `missing(x)`

## проверка: неопределённость

e701-message = `{ $what }` должно быть целым числом от { $lo } до { $hi }
e701-runs-help = обычно от 1 000 до 10 000 прогонов: `runs 10_000`
e701-seed-help = любое целое число, записанное один раз, чтобы розыгрыши повторялись: `seed 2025`
e702-spread = разброс ±{ $spread } разыграть нельзя
e702-spread-label = не процент от 0% до менее чем 100%
e702-spread-help = множитель от 1 − p до 1 + p должен оставаться больше 0: напишите процент, `+-20%`
e703-indicator = нет показателя `{ $name }`, чтобы его менять
e703-indicator-label = не показатель этой методики
e703-indicators = показатели: { $names }
e703-group = нет блока `{ $name }`, чтобы его менять
e703-group-label = не блок этой методики
e703-groups = блоки: { $names }
e703-member = нет показателя или блока `{ $name }`, чтобы менять
e703-member-label = не показатель и не блок этой методики
e703-members = показатели и блоки: { $names }
e702-weight = вес `{ $name }` не может меняться в пределах { $lo }..{ $hi }
e702-no-weights = у его блока нет весов
e702-no-weights-help = сначала задайте веса членам `{ $group }` или меняйте их все через `weights +-20%`
e702-units = не в единицах его блока
e702-units-percent-help = напишите `weight x 20%..40%` (веса блока — в процентах)
e702-units-points-help = напишите `weight x 40..80` (блок даёт баллы)
e702-units-relative-help = напишите `weight x 1..3` (у блока относительные веса)
e702-order = наименьший вес должен быть не меньше 0 и не больше наибольшего
e702-order-help = пишите сначала наименьший вес: `weight x 20%..40%`
e702-leaves-none = остальным членам блока не осталось бы веса
e702-leaves-none-help = члены `{ $group }` весят всего { $total }: держите пределы ниже
e704-nominal = эта альтернатива для `{ $name }` совпадает с исходным выбором
e704-nominal-help = исходный выбор разыгрывается и так: перечислите только альтернативы ему
e704-twice = эта альтернатива для `{ $name }` указана дважды
e704-twice-help = укажите каждую альтернативу один раз: каждая разыгрывается так же часто, как исходная
w009-message = блок `uncertainty` базовой редакции называет `{ $what }` показателя `{ $name }` из этой редакции альтернативой: она исключена из альтернатив
w009-label = теперь это основной вариант
w009-related = здесь указан как альтернатива
w009-help = основной вариант участвует в расчёте и так; чтобы варьировать его, перечислите другие варианты в блоке `uncertainty` новой редакции
e704-label = тот же выбор
e306-alternative-normalization = `{ $name }` при нормировании `{ $normalization }` может быть 0 или меньше, и тогда среднее `{ $aggregation }` блока `{ $group }` обнуляется
e306-alternative-label = эта альтернатива доходит до 0
e306-alternative-help = альтернативой может быть только нормирование, допустимое для блока и в исходной методике: `minmax(0.01, 1)`
e305-alternative = баллы суммируются, а эта альтернатива агрегирует `{ $group }` через `{ $aggregation }`
e305-alternative-label = не `sum`
e305-alternative-help = блок, который даёт баллы, можно только суммировать; меняйте лучше его веса
e306-alternative-aggregation = `{ $name }` может быть 0 или меньше, и тогда альтернативное среднее `{ $aggregation }` блока `{ $group }` обнуляется
e306-alternative-aggregation-label = `{ $name }` нормирован через `{ $normalization }`
e306-alternative-aggregation-help = нормируйте его членов так, чтобы они оставались больше 0 (`minmax(0.01, 1)`), или выберите другую альтернативу

## проверка: умолчания

defaults-of-file = файла
defaults-of-score = итогового балла
defaults-of-group = блока `{ $name }`
w008-message = умолчания { $whose } не относятся ни к одному показателю
w008-label = в этом блоке не написано ни одного показателя
w008-help = `defaults` блока — для показателей, написанных внутри него (`indicator x "X" = data.x`); для всех показателей поставьте их в начало файла
e105-defaults = у { $whose } `defaults` дважды
e105-defaults-label = определено ещё раз здесь
e105-defaults-help = соберите все умолчания в одном блоке `defaults`
e204-defaults = `{ $keyword }` задано в `defaults` дважды
e204-defaults-label = задано ещё раз здесь
e204-defaults-help = оставьте одно из них

## проверка: записи

ty-true-or-false = истина или ложь
e115-column = `{ $input }.{ $column }` — столбец записей, их у региона много
e115-column-help = сверните его: `mean({ $input }.{ $column })`, `sum({ $input }.{ $column })`, `count({ $input } where { $column } …)`
e115-input = `{ $input }` — файл записей, строк у региона много
e115-input-help = посчитайте его записи: `count({ $input })`, `count({ $input } where …)`
e115-label = использовано вне агрегата
e117-no-where = `{ $name }` не принимает `where`
e117-no-where-label = отбор записей
e117-no-where-help = `where` отбирает записи для агрегата: `count(messages where …)`, `mean(messages.days where …)`
e117-aggregates-help = `{ $name }` считается по записям файла записей, например `{ $example }`
e117-across-help = по всем регионам пишется `{ $name }(x)`
e117-needs-input = `{ $name }` нужен файл записей
e117-needs-input-label = файл записей здесь не назван
e117-several = `{ $name }` считается по одному файлу записей, а здесь названы { $inputs }
e117-several-label = несколько файлов записей
e117-several-help = посчитайте каждый файл записей отдельно и соедините результаты: `count(a) + count(b)`
e117-counts = `{ $name }` считает записи: назовите сам файл записей
e117-counts-label = не файл записей
e117-counts-column-help = напишите `{ $name }({ $input } where …)`; число различных значений столбца — `count_distinct({ $column })`
e117-counts-help = напишите `{ $name }({ $input } where …)`
e117-share = `share` нужен `where`: доля чего?
e117-share-label = нет `where`
e117-share-help = напишите `share({ $input } where status == "answered")`
e117-needs-column = `{ $name }` нужен столбец `{ $input }`
e117-needs-column-label = это сами записи, а не значение
e117-needs-column-help = напишите `{ $name }({ $input }.столбец)`
e501-numbers = `{ $name }` ждёт числа, а здесь { $got }
e501-numbers-help = посчитайте лучше записи: `count({ $input } where …)` или их различные значения: `count_distinct({ $column })`
e117-quantile = доля квантиля — от 0 до 1
e117-quantile-label = { $q } вне 0..1
e117-quantile-help = напишите `quantile(x, 0.9)` или `quantile(x, 90%)`
e501-where = `where` ждёт условие, а здесь { $got }
e501-where-help = сравните столбец с чем-нибудь: `where answer_days <= 30`
e108-cumulative = `{ $word }`: периоды бывают `cumulative` или без него
e108-cumulative-label = не `cumulative`
e108-cumulative-help = `period quarterly cumulative`: каждый квартал считается с 1 января; `period quarterly`: каждый — свои три месяца
e109-previous = `previous` принимает 1 аргумент, а передано { $got }
e109-previous-help = напишите `previous(count(messages))`
e118-periods = `previous` нужны отчётные периоды
e118-periods-label = какой период предыдущий?
e118-periods-help = объявите их в заголовке: `period quarterly cumulative`
e118-nested = `previous` внутри `previous`: период на два назад не читается
e118-nested-label = уже внутри `previous(…)`
e118-nested-help = оберните агрегаты предыдущего периода одним `previous(…)`: `previous(a + b)`, а не `previous(a + previous(b))`
e118-aggregates = `previous` принимает агрегаты по записям
e118-aggregates-label = здесь нет агрегата по записям
e118-aggregates-help = значение агрегата за предыдущий период: `count(messages) / previous(count(messages)) - 1`
e102-records = у записей `{ $input }` нет столбца `{ $column }`
e116-message = { $what } внутри агрегата по `{ $input }`
e116-label = не столбец `{ $input }`
e116-help = агрегат и его `where` читают столбцы одного файла записей; со значениями региона соединяйте снаружи: `count({ $input } where …) / { $regions }.population`
e116-indicator = показатель `{ $name }`
e116-region-column = столбец регионов `{ $name }`
e101-records-help = столбцы записей пишутся `{ $input }.столбец` или просто по имени внутри агрегата
e118-day = `{ $name }` нужны отчётные периоды
e118-day-label = какой период?
e117-input-value = `{ $input }` — файл записей, а не значение
e117-input-value-label = это сами записи
e117-input-value-help = назовите столбец: `{ $input }.столбец`; записи считаются через `count({ $input } where …)`
e501-in-list = `in` ждёт список в скобках
e501-in-list-label = не список
e501-in-list-help = напишите `status in ("answered", "closed")`
e110-in = значения `in` должны быть постоянными
e110-in-label = это зависит от записи
e110-in-help = напишите сами значения: `category in ("ЖКХ", "Дороги")`
e501-order = { $what } упорядочивает числа и даты, а здесь { $got }
e501-order-label = у значений типа «{ $got }» нет порядка
e501-order-help = текст и условия сравнивайте через `==`, `!=` или `in (…)`
e117-inside = `{ $name }` нельзя использовать внутри агрегата по `{ $input }`
e117-this-inside = это нельзя использовать внутри агрегата по `{ $input }`
e117-inside-label = для записей недоступно
e117-inside-help = внутри агрегата: столбцы, числа, текст и даты, арифметика, сравнения, `and`, `or`, `not`, `in (…)`, `missing(…)`
e501-records-help = сравнивайте столбец со значением его типа: `status == "answered"`, `answer_days <= 30`, `created >= 2025-01-01`
e501-compares = { $what } сравнивает несравнимое: слева { $a }, справа { $b }
e108-unknown = `unknown { $word }`: такого выбора нет
e108-unknown-label = `ignore` или `error`
e108-unknown-help = `unknown ignore` пропускает (и считает) записи регионов, которых нет в таблицах регионов; `unknown error`, по умолчанию, останавливает расчёт
e119-records = файл записей `{ $input }` — книга Excel
e119-records-label = записи читаются из файлов CSV или Parquet
e119-records-help = сохраните лист с записями как CSV (UTF-8) или выгрузите в Parquet
w003-records = столбцы записей `{ $input }` прочитать не удалось
w003-records-help = их имена и типы не проверены; `run` понадобится файл
e102-records-key = у записей `{ $input }` нет ключевого столбца `{ $column }`
e102-records-key-help = назовите столбец региона: `records { $input } "…" {"{"} key столбец {"}"}`
e102-records-key-related = каждой записи нужен её регион
e501-key = ключевой столбец `{ $column }` записей `{ $input }` содержит значения типа «{ $got }»
e501-key-label = не ключ региона
e501-key-help = в ключевом столбце — код региона, как в таблицах регионов
e102-date-help = назовите столбец с датой каждой записи
e501-date = в `date { $column }` значения типа «{ $got }», а не даты
e501-date-label = в этом столбце значения типа «{ $got }»
e501-date-help = назовите столбец с датой каждой записи (2025-03-31 или 31.03.2025)
e118-date = у записей `{ $input }` нет `date`, а периодам она нужна
e118-date-label = к какому периоду относится каждая запись?
e118-date-help = назовите столбец с датой каждой записи: `records { $input } "…" {"{"} date created {"}"}`

## проверка: пересмотры

e120-label = базовая редакция
e120-outside = базовая редакция `{ $base }` вне папки методики: { $why }
e120-outside-help = держите редакции методики в её папке или разрешите это: `--allow-outside`
e120-unreadable = базовую редакцию `{ $base }` прочитать нельзя: { $why }
e120-unreadable-help = `extends` называет файл методики относительно этого файла
e120-long = больше { $n } методик расширяют одна другую
e120-long-help = расширяйте предыдущую редакцию, а не длинную цепочку редакций
e120-cycle = `extends` по кругу: { $cycle }
e120-cycle-help = методика не может расширять саму себя или ту, что расширяет её
e121-not-in-base-label = нет в базовой редакции
e121-change-indicator = в базовой редакции нет показателя `{ $name }`, чтобы его изменить
e121-change-indicator-help = новый показатель пишется `indicator ИМЯ "Название" {"{"} … {"}"}`
e121-change-group = в базовой редакции нет блока `{ $name }`, чтобы его изменить
e121-change-group-help = итоговый балл пишется целиком: `score "Название" {"{"} … {"}"}`
e121-remove-indicator = в базовой редакции нет показателя `{ $name }`, чтобы его убрать
e121-remove-indicator-help = назовите показатель базовой редакции
e121-remove-group = в базовой редакции нет блока `{ $name }`, чтобы его убрать
e121-remove-group-help = назовите блок базовой редакции
e121-has-indicator = в базовой редакции уже есть показатель `{ $name }`
e121-has-indicator-label = второй показатель с этим именем
e121-has-indicator-help = чтобы изменить его, напишите `change indicator { $name } {"{"} … {"}"}` с изменяемыми полями; новому показателю нужно новое имя
e121-has-group = в базовой редакции уже есть блок `{ $name }`
e121-has-group-label = второй блок с этим именем
e121-has-group-help = чтобы изменить его состав, напишите `change group { $name } {"{"} … {"}"}`; новому блоку нужно новое имя
e121-twice-indicator = показатель `{ $name }` изменяется в этом файле дважды
e121-twice-group = блок `{ $name }` изменяется в этом файле дважды
e121-twice-label = изменяется ещё раз здесь
e121-twice-help = соберите все его изменения в одном блоке `change`
e121-twice-first = впервые изменяется здесь
e122-twice = имя `{ $name }` дано дважды в `{ $input }`
e122-twice-label = дано повторно
e122-first = впервые дано здесь
e122-twice-help = дайте каждому столбцу своё имя
e122-clash = в `{ $input }` уже есть столбец `{ $name }`
e122-clash-label = такой заголовок есть у столбца файла
e122-clash-help = выберите другое имя или используйте столбец `{ $name }` как есть

## чтение и разбор

e007-message = не удаётся прочитать `{ $file }`: { $why }
e007-help = укажите путь к файлу методики (*.metodika)
e006-file = `{ $file }` слишком велик (больше предела в { $limit ->
    [one] { $limit } байт
    [few] { $limit } байта
   *[other] { $limit } байт
})
e006-text = файл слишком велик: { $size ->
    [one] { $size } байт
    [few] { $size } байта
   *[other] { $size } байт
} при пределе в { $limit ->
    [one] { $limit } байт
    [few] { $limit } байта
   *[other] { $limit } байт
}
e006-help = методика — это несколько сотен строк; тот ли это файл?
e003-message = `{ $file }` — не текст в UTF-8 (неверный байт по смещению { $offset }, строка { $line })
e003-help = сохраните файл в UTF-8; если он из Windows, перекодируйте из Windows-1251 (например, `iconv -f cp1251 -t utf-8`)
e002-long = выражение слишком длинное
e002-long-label = больше { $n } операций в одном выражении
e002-help = разбейте выражение на несколько показателей или упростите его
e002-brackets = скобки вложены слишком глубоко
e002-prefix = знаки перед значением вложены слишком глубоко
e002-if = выражения `if` вложены слишком глубоко
e002-deep = выражение вложено слишком глубоко
e002-deep-label = здесь больше { $n } уровней вложенности
e004-message = файл пуст
e004-help = методика начинается с `methodology "Название" {"{"} key … {"}"}`
e001-internal = внутренний сбой разбора
ide-base-errors = { $file }: ошибок в базовой редакции — { $n }, первая в строке { $line }: { $first }
ide-base-errors-help = откройте { $file }, чтобы их увидеть
ide-base-errors-label = в базовой редакции
parse-eof = конец файла
parse-long-token = `{ $token }…` ({ $n ->
    [one] { $n } знак
    [few] { $n } знака
   *[other] { $n } знаков
})
parse-number = число
parse-name = имя
parse-string = строка в кавычках
parse-date = дата (ГГГГ-ММ-ДД)
parse-expression = выражение
parse-operator = знак операции
parse-builtin = имя встроенной функции
parse-band = полоса (`>= 80% : 1`)
parse-zone = зона
e001-unexpected = неожиданно: { $found }
e001-expected = ожидалось: { $expected }; найдено: { $found }
e001-label = здесь не ожидалось
e001-score-name = у итогового балла нет имени
e001-score-name-label = здесь имя
e001-score-name-help = итоговый балл пишется `score "Название" {"{"} … {"}"}`; сослаться на него — `score`; уберите `{ $name }`
e001-string = строка не закрыта
e001-string-label = строка открывается здесь
e001-string-help = закройте её знаком `"` на той же строке: строка не переносится (перевод строки пишется `\n`)
e001-opened = открыта здесь
e001-opened-after = открыта здесь после `{ $opener }`
e001-unclosed = эта { $bracket } нигде не закрыта
e001-unclosed-help = поставьте { $bracket } там, где она кончается, перед следующим элементом
e001-keyword-help = `{ $word }` — ключевое слово и не может называть показатель, блок или зону; столбец с таким именем пишется `таблица.{ $word }`
e001-equals-help = сравнение пишется `==`
e001-and-help = пишите `and`
e001-or-help = пишите `or`
e001-comma-help = дробная часть отделяется точкой: `0.5`, а не `0,5`
e001-brace-help = не пропущена ли `{"}"}` или не опечатка ли в ключевом слове?
e001-quotes-help = названия и пути пишутся в двойных кавычках: "…"

## файлы

outside-absolute = абсолютный путь
outside-not-relative = не простой относительный путь
outside-climbs = путь выходит за пределы папки методики
outside-link = путь ведёт по ссылке в { $target }
file-not-found = файл не найден: { $file }
file-unreadable = не удаётся прочитать { $file }: { $why }
parquet-no-engine = файлы Parquet читает движок расчёта, а эта сборка без него

## итог проверки

count-errors = { $n ->
    [one] { $n } ошибка
    [few] { $n } ошибки
    [many] { $n } ошибок
   *[other] { $n } ошибки
}
count-warnings = { $n ->
    [one] { $n } предупреждение
    [few] { $n } предупреждения
    [many] { $n } предупреждений
   *[other] { $n } предупреждения
}
count-indicators = { $n ->
    [one] { $n } показатель
    [few] { $n } показателя
    [many] { $n } показателей
   *[other] { $n } показателя
}
count-groups = { $n ->
    [one] { $n } блок
    [few] { $n } блока
    [many] { $n } блоков
   *[other] { $n } блока
}
count-members = { $n ->
    [one] { $n } составляющей
   *[other] { $n } составляющих
}
count-aggregates = { $n ->
    [one] { $n } агрегат
    [few] { $n } агрегата
    [many] { $n } агрегатов
   *[other] { $n } агрегата
}
count-record-inputs = { $n ->
    [one] { $n } файлу записей
   *[other] { $n } файлам записей
}
check-ok = ошибок нет
check-nothing-run = { $errors }; ничего не посчитано
check-maximum = максимум { $points }
check-unbounded-points = баллы без предела
check-bounds = от { $lo } до { $hi }
check-unbounded = без пределов
check-mean = итоговый балл — { $aggregation } { $members }, { $bounds }
check-aggregates = { $aggregates } по { $inputs }

## ошибки данных и расчёта

count-problems = { $n ->
    [one] ещё { $n } ошибка
    [few] ещё { $n } ошибки
    [many] ещё { $n } ошибок
   *[other] ещё { $n } ошибки
}
count-missing-values = { $n ->
    [one] { $n } пропущенное значение
    [few] { $n } пропущенных значения
    [many] { $n } пропущенных значений
   *[other] { $n } пропущенного значения
}
input-problem = файл данных `{ $input }` ({ $place }): { $message }
problems-more = и { $more } (всего { $total })
r002-message = региона `{ $key }` в рейтинге нет
r002-help = называйте регион его ключом, как в ключевом столбце
r900-message = внутренняя ошибка (пожалуйста, сообщите о ней): { $why }
r001-message = { $values } для показателей, где пропуски не допускаются (`missing error`, по умолчанию)
r001-help = заполните данные, задайте показателю способ обработки пропусков (`missing zero`, `missing median`, `missing exclude`, …) или оставьте такие регионы без места: `exclude when missing(ВХОД.СТОЛБЕЦ) "почему"`
r001-no-value-in = нет значения в { $columns }
r001-overflow = формула переполняется: значение за пределами ±1.8e308 (степень, произведение или экспонента слишком велики для 64-битного числа)
r001-division = в формуле деление на ноль
r001-domain = формула берёт логарифм или корень числа вне его области (≤ 0, или < 0 для корня)
r001-no-value = у формулы нет значения (деление на ноль, логарифм числа ≤ 0 или переполнение)
r001-transform = значение { $value } вне области определения его преобразования
r001-line = регион { $region }, показатель `{ $indicator }`: { $why }
r001-aggregate = у `{ $aggregate }` нет значения: учтено { $kept } из { $total ->
    [one] { $total } записи
   *[other] { $total } записей
} `{ $records }` региона
cell-not-a-number = — не число
cell-not-finite = — не конечное число
cell-several-lines = занимает несколько строк: не оставлена ли открытой кавычка?
cell-long = { $head }… ({ $n ->
    [one] { $n } знак
    [few] { $n } знака
   *[other] { $n } знаков
})
d001-message = файл не читается: { $why }
d001-not-found-help = пути в методике отсчитываются от её файла; другой файл называется так: `--input ИМЯ=ПУТЬ`
d008-empty-file = файл пуст
d008-empty-file-help = выгрузите таблицу со строкой заголовка и одной строкой на регион
d008-no-rows = в таблице нет строк
d008-header-only = у таблицы есть заголовок, но нет строк
d008-header-only-help = выгрузите по одной строке на регион
d002-utf32 = файл в UTF-32, такой не читается
d002-utf32-help = сохраните его в UTF-8 (или UTF-16)
note-bom = прочитан как { $encoding } (файл начинается с метки порядка байтов)
d002-named-utf8 = файл назван UTF-8, но в строке { $line }, столбце { $column } стоит байт { $byte }, которого в UTF-8 нет
d002-named-utf8-help = сохраните файл в UTF-8 или назовите его кодировку: `encoding "windows-1251"`
d002-inner-bom = в строке { $line } посреди текста невидимая метка порядка байтов (U+FEFF)
d002-inner-bom-help = уберите её: она остаётся от склейки файлов, каждый из которых с неё начинался
d002-name-it-help = назовите кодировку после пути: `input ИМЯ "файл.csv" encoding "windows-1251"` (или "koi8-r", "ibm866", …) или сохраните файл в UTF-8
d002-stray = файл в UTF-8, но в нём неверных последовательностей байтов: { $bad }; первая — байт { $byte } в строке { $line }, столбце { $column }
d002-stray-help = исправьте или уберите лишние байты (файл обрезан или склеен посреди символа?) или назовите кодировку, если это не UTF-8
d002-too-few = файл не в UTF-8, и байтов вне ASCII в нём слишком мало ({ $n }), чтобы понять кодировку (возможно, { $encoding })
d002-unknown = файл не в UTF-8, и его кодировку не определить (и не { $encoding })
note-guessed = не UTF-8: прочитан как { $encoding } (определено по тексту); `encoding "{ $label }"` после пути говорит это явно
d002-nul = в файле нулевые байты: это UTF-16 без метки порядка байтов или вовсе не текстовая таблица
d002-nul-help = сохраните его как CSV в UTF-8 (или Windows-1251)
d003-twice = столбец `{ $column }` в заголовке дважды (столбцы { $first } и { $second })
d003-twice-help = переименуйте один из них
d003-no-column = нет столбца `{ $column }` (прочитано как { $encoding }, разделитель `{ $separator }`)
d003-no-column-help = проверьте строку заголовка файла
d003-unreadable = заголовок не читается: { $why }
d004-unreadable = строка { $line }: { $why }
d004-help = проверьте, нет ли лишнего разделителя или незакрытой кавычки в этой строке
d004-width = строка { $line } содержит { $fields ->
    [one] { $fields } поле
    [few] { $fields } поля
   *[other] { $fields } полей
}, а заголовок — { $width }
d005-message = в строке { $line } пусто в ключевом столбце `{ $key }`
d005-help = в каждой строке нужен ключ региона
d006-message = регион { $region }, столбец `{ $column }` (строка { $line }): `{ $cell }` { $what }
d006-help = в числах можно писать десятичную запятую или точку; если значения нет, оставьте ячейку пустой или напишите `-` или `н/д`
d007-message = регион { $region } встречается дважды (строки { $first } и { $second })
d007-help = у каждого региона должна быть ровно одна строка
d011-message = отказано: { $why }
d011-help = укажите `--input { $input }=ПУТЬ` или `--allow-outside`
d010-only-in = есть в `{ $here }`, но нет в `{ $there }`: { $regions }
d010-message = файлы данных охватывают разные регионы; { $parts }
d010-help = в каждом файле данных должно быть по строке на каждый регион
list-and-more = { $items } и ещё { $n }

## рамка каждого сообщения

diag-help = подсказка
diag-error = ошибка

## книги Excel

d015-format = книга в этом формате не читается: только .xlsx и .xlsm
d015-format-help = откройте её в Excel или LibreOffice и сохраните как книгу Excel (.xlsx)
d015-unpacks-to = книга распаковывается в объём больше, чем нужен таблице: { $size } МБ, на части { $part } (предел { $limit } МБ)
d015-unpacks-to-help = сохраните таблицу отдельно как новую книгу или как CSV; таблица регионов распаковывается в несколько мегабайт
d015-password = книга защищена паролем
d015-password-help = сохраните копию без пароля (Excel: Файл → Сведения → Защита книги → Зашифровать с использованием пароля, пустой пароль)
d015-damaged = файл не читается как книга Excel (не повреждён ли он?): { $why }
d015-save-again-help = откройте её в Excel или LibreOffice и сохраните заново как .xlsx
d015-no-such-sheet = в книге нет листа `{ $sheet }` (её листы: { $sheets })
d015-no-such-sheet-help = назовите один из её листов: `sheet "…"`
d015-no-sheet = в книге нет листов
d015-no-sheet-help = сохраните таблицу на листе
d015-sheet-unreadable = лист `{ $sheet }` не читается: { $why }
d015-sheet-damaged = лист `{ $sheet }` не читается (не повреждён ли файл?): { $why }
d015-too-many-cells = на листе `{ $sheet }` больше { $n } ячеек
d015-too-many-cells-help = таблица регионов — это строка на регион: сохраните одну таблицу как CSV или Parquet
d003-empty-row = строка { $row } листа `{ $sheet }` (`header { $row }`) пуста
d003-empty-row-help = назовите строку, в которой имена столбцов
d015-empty-sheet = лист `{ $sheet }` пуст
d015-empty-sheet-help = назовите лист, на котором таблица: `sheet "…"`
d003-no-header = в первых { $n } строках листа `{ $sheet }` нет строки заголовка, состоящей только из имён столбцов
d003-no-header-help = назовите строку заголовка: `header 3`
d015-merged = в заголовке (строка { $row }) объединены ячейки { $cells } над столбцами значений
d015-merged-help = разъедините ячейки заголовка и дайте каждому столбцу своё имя или впишите имена столбцов в строку под объединённой ячейкой
d003-empty-header = ячейка заголовка { $cell } пуста, а в её столбце есть значения ({ $below })
d003-empty-header-help = дайте столбцу заголовок или удалите столбец: столбец без заголовка нельзя назвать
d003-not-a-name = в ячейке заголовка { $cell } { $value }, а не имя столбца
d003-not-a-name-help = в строке заголовка — имена столбцов; другую строку назовите через `header N`
cell-number = число { $value }
cell-flag = логическое значение { $value }
cell-date = дата { $value }
cell-error = значение ошибки { $value }
cell-value-not-a-number = { $value } — не число
d003-no-column-sheet = в заголовке листа `{ $sheet }` (строка { $row }) нет столбца `{ $column }`
d003-no-column-sheet-help = проверьте строку заголовка или назовите её: `header N`
d005-sheet = в строке { $row } нет ключа в столбце `{ $key }` ({ $cell })
d006-formula-help = формула в ячейке даёт ошибку: исправьте её в книге или оставьте ячейку пустой, если значения нет
d006-sheet = регион { $region }, столбец `{ $column }` ({ $cell }): { $what }
d007-sheet = регион { $region } встречается дважды ({ $first } и { $second })
d008-sheet = у листа `{ $sheet }` есть заголовок (строка { $row }), но под ним нет строк
d008-sheet-help = по строке на регион, сразу под заголовком
note-rows-left = лист `{ $sheet }`: таблица заканчивается перед пустой строкой { $row }; { $n ->
    [one] { $n } строка ниже неё не прочитана
    [few] { $n } строки ниже неё не прочитаны
    [many] { $n } строк ниже неё не прочитаны
   *[other] { $n } строки ниже неё не прочитаны
}

## файлы Parquet

d006-row = регион { $region }, столбец `{ $column }` (строка { $row }): { $what }
cell-value-not-finite = { $value } — не конечное число
d009-booleans = логические значения
d009-dates = даты
d009-binary = двоичные данные
d009-durations = длительности
d009-times = время суток
d009-other = значения, которые не числа
d009-holds = в столбце `{ $column }` { $what } (тип { $type }), а не числа
d009-type = столбец `{ $column }` типа { $type }, а не число
d003-no-column-plain = нет столбца `{ $column }`
d009-key = ключевой столбец `{ $column }` типа { $type }: регионы им не назвать
d009-key-help = в ключевом столбце — текст или целые числа
d009-label = столбец названий `{ $column }` типа { $type }: регионы им не назвать
d009-label-help = в столбце названий — текст или целые числа
d005-row = в строке { $row } пусто в ключевом столбце `{ $key }`
d007-rows = регион { $region } встречается дважды (строки { $first } и { $second })

## файлы записей

d008-records-help = выгрузите записи со строкой заголовка
d003-no-column-records = нет столбца `{ $column }` (разделитель `{ $separator }`)
d004-row = строка не читается: { $why }
d004-records-help = в каждой строке должно быть столько полей, сколько в заголовке
d012-cell = столбец `{ $column }`: `{ $cell }` { $what }
d006-records-help = в столбце числа (так прочитано по первым строкам)
cell-not-a-date = — не дата
d012-date-help = пишите даты как 2025-03-31 или 31.03.2025 (в столбце даты)
cell-not-a-flag = — не «истина» и не «ложь»
d012-flag-help = пишите true или false (или да, нет): в столбце условия
d009-not-dates = в столбце `{ $column }` значения типа { $type }, а не даты
d009-not-dates-help = храните даты в Parquet как даты (или дату со временем) либо как текст: 2025-03-31
d012-row = строка { $row }, столбец `{ $column }`: `{ $cell }` { $what }
template-no-file = нет файла за { $year } год: { $file } (по шаблону { $template })
template-in-folder = { $template }: `{"{"}year{"}"}` может стоять только в имени файла
template-cannot-list = не удаётся прочитать папку { $folder }: { $why }
template-no-match = ни один файл не подходит под шаблон { $template }
records-header-only = в файле есть заголовок, но пока нет ни одной записи: типы его столбцов неизвестны
d001-template-help = шаблон называет по файлу на год: по `{ $template }` читается файл каждого года, которого касается период, с годом на месте `{"{"}year{"}"}`
note-records = записи `{ $input }` ({ $file }): { $note }
d005-first-row = , первая в строке { $row }
d014-previous = `previous(…)` нужен период, за который идёт расчёт
d014-previous-help = назовите его: `metodika run ФАЙЛ --period 2025-Q3`
d005-records = записей без ключа (`{ $key }` пуст): { $n }{ $first }
d005-records-help = каждой записи нужен ключ её региона
note-unknown-left-out = записи `{ $input }` ({ $file }){ $period }: { $records ->
    [one] пропущена { $records } запись
    [few] пропущены { $records } записи
    [many] пропущено { $records } записей
   *[other] пропущено { $records } записи
} { $regions ->
    [one] региона, которого нет в таблице регионов
   *[other] регионов, которых нет в таблице регионов ({ $regions })
} (`unknown ignore`): { $keys }
d013-message = записей регионов, которых нет в таблицах регионов: { $records } (регионов: { $regions }): { $keys }
d013-all-unknown = все записи периода относятся к регионам, которых нет в таблицах регионов ({ $records ->
    [one] { $records } запись
    [few] { $records } записи
   *[many] { $records } записей
}): { $keys }; `unknown ignore` пропустил бы их все
d013-all-unknown-help = в ключевом столбце нет ни одного кода региона в том виде, в каком его пишут таблицы регионов (`{ $example }`): тот ли это столбец и так ли записаны коды?
d013-help = исправьте ключи или пропускайте такие записи: `records { $input } "…" {"{"} unknown ignore {"}"}`
d013-leading-zeros-help = в таблицах регионов ключи записаны текстом (`{ $region }`), а в этом файле числами (`{ $key }`): храните ключевой столбец как текст, с ведущими нулями
note-undated = записи `{ $input }` ({ $file }): пропущено записей без даты, вне всякого периода, — { $n }
d014-undated = ни одна запись не датирована: расчёту не из чего взять период
d014-undated-help = заполните столбец дат записей или назовите период: `--period 2025-Q3`
note-period = период { $period } ({ $window }): по последней записи (`{ $input }`, { $day }); другой период можно указать ключом `--period`
d014-covers = записи файла охватывают период с { $from } по { $to }
d014-no-dated = датированных записей нет
d014-empty = нет записей `{ $input }` за { $period } ({ $window }): { $covers }
d012-outside-calendar = { $n ->
    [one] { $n } запись датирована
    [few] { $n } записи датированы
   *[many] { $n } записей датированы
} вне календаря (годы с 1 по 9999) в столбце `{ $column }`, например { $day }
d012-outside-calendar-help = исправьте даты (год из пяти цифр — опечатка): такая запись выбрала бы период или не попала бы ни в один
d014-far-off = { $n ->
    [1] самая поздняя запись столбца `{ $column }` ({ $day }) одна попадает
   *[other] самые поздние записи столбца `{ $column }` ({ $n }, до { $day }) одни попадают
} в { $period }: в предыдущем периоде записей нет, а остальные заканчиваются { $rest }
d014-far-off-help = дата вроде 9999-12-31 означает «без срока», а не период: исправьте её или укажите период: `--period { $period }`
d006-not-finite-records = { $n ->
    [one] { $n } значение столбца `{ $column }` — не конечное число
    [few] { $n } значения столбца `{ $column }` — не конечные числа
   *[many] { $n } значений столбца `{ $column }` — не конечные числа
} (NaN или бесконечность)
d006-not-finite-records-help = оставьте значение пустым, где его нет; NaN и бесконечности не числа рейтинга
d014-previous-empty = нет записей `{ $input }` за { $period } ({ $window }) — предыдущий период к { $run }, который запрашивает `previous(…)`: { $covers }
d014-previous-empty-help = добавьте записи за { $period } (файл `{ $file }`) или рассчитывайте рейтинг начиная с { $next } — первого периода, для которого в данных есть предыдущий
d014-empty-help = без записей за период все регионы ранжировались бы ни на чём: выберите период, который данные покрывают
and-more = и ещё { $n }

## init

i001-message = { $file } уже существует
i001-help = init никогда не перезаписывает файл: назовите другой через `--output ФАЙЛ`
file-unwritable = не удаётся записать { $file }: { $why }
i006-help = проверьте, что его папка существует и в неё можно писать
i004-key = в { $file } нет столбца `{ $column }` для ключа
i004-label = в { $file } нет столбца `{ $column }` для названий
i-columns-are = его столбцы: { $columns }
i002-message = ни один столбец { $file } не похож на ключ регионов (заполнен и различен в каждой строке, назван вроде `code` или текстовый)
i002-help = назовите его: `--key СТОЛБЕЦ` (столбцы: { $columns })
i004-label-is-key = `{ $column }` — ключ; названия — в другом столбце
i004-label-is-key-help = уберите `--label` или назовите столбец с названиями регионов
i-skipped-not-numbers = `{ $column }` (не числа)
i003-message = в { $file } нет числового столбца, из которого сделать показатель
i003-help = в таблице регионов — столбец ключа и по числовому столбцу на показатель
i003-skipped = пропущены: { $columns }
i-summary = { $indicators } из { $columns ->
    [one] { $columns } столбца
   *[other] { $columns } столбцов
}; ключ `{ $key }`
i-summary-label = , названия `{ $label }`
i-summary-skipped = ; { $n ->
    [one] пропущен { $n } столбец
    [few] пропущены { $n } столбца
   *[other] пропущено { $n } столбцов
}
i006-no-directory = не найти папку { $file }
i006-no-directory-help = назовите файл методики в существующей папке
i005-message = { $data } вне папки { $file }
i005-help = методика читает файлы данных из своей папки и ниже: положите её рядом с данными или выше
i007-workbook-help = проверьте книгу
i007-too-large = { $file }: { $size } МБ — это не таблица регионов (строка на регион)
i007-too-large-help = дайте таблицу регионов; записи считаются по файлам записей `records` методики (docs/language.md)
i007-file-help = проверьте файл
i007-parquet = { $file }: не читается как Parquet: { $why }
i007-parquet-help = дайте таблицу регионов в CSV или в файле Parquet, который читает polars
count-regions-without = { $n ->
    [one] у { $n } региона
   *[other] у { $n } регионов
}
init-intro =
    Начальная методика, сделанная `metodika init` из { $data }.
    Каждый выбор ниже — заготовка. Решите по порядку:
      1. какие столбцы вообще показатели (сейчас каждый числовой столбец — показатель);
      2. для каждого — лучше больше (`better higher`) или меньше (`better lower`);
      3. как привести их к одной шкале (сейчас `normalize minmax`; docs/language.md);
      4. что значит пропуск (сейчас `missing error`: расчёт остановится и назовёт его);
      5. блоки и веса (сейчас один блок с равными весами), деление мест и зоны.
    Затем `metodika check` этого файла и `metodika run`.
init-left-out = Не вошедшие столбцы:
init-decide-better = РЕШИТЕ: лучше ли больше `{ $column }`? Не абсолютная ли это величина, которую нужно пересчитать на 100 000 жителей?
init-decide-missing = РЕШИТЕ: { $regions } здесь нет значения; `missing median` даст им медиану.
init-decide-blocks = РЕШИТЕ: блоки показателей (`group`) и вес каждого.
init-score = Итоговый балл
init-decide-rank = РЕШИТЕ: округление перед расстановкой мест и то, как равные баллы делят места.
init-decide-zones =
    РЕШИТЕ: зоны — по местам (как сейчас: трети из { $n ->
        [one] { $n } региона
       *[other] { $n } регионов
    }) или по баллу
    (`when score >= 0.6`).
init-zone-top = Верхняя треть
init-zone-middle = Средняя треть
init-zone-bottom = Нижняя треть
init-next = дальше: прочтите его комментарии, затем `metodika check { $file }` и `metodika run { $file }`

## ошибки самой командной строки

diag-note = примечание
diag-warning = предупреждение
warn-input-keys-by-value = таблица данных `{ $input }` ({ $file }): { $n ->
    [one] код { $n } региона записан
   *[other] коды { $n } регионов записаны
} иначе, чем в `{ $first }` (`{ $written }` вместо `{ $code }`); они сопоставлены по числовому значению кода — храните ключевой столбец как текст, как в `{ $first }`
warn-keys-by-value = записи `{ $input }` ({ $file }){ $period }: у { $records ->
    [one] { $records } записи
   *[other] { $records } записей
} { $regions ->
    [one] { $regions } региона
   *[other] { $regions } регионов
} код записан иначе, чем в таблице регионов (`{ $written }` вместо `{ $code }`); они сопоставлены по числовому значению кода — храните ключевой столбец как текст, как в таблице регионов
warn-regions-without-records = записи `{ $input }`{ $period }: { $n ->
    [one] у { $n } региона
   *[other] у { $n } регионов
} нет ни одной записи, тогда как у региона-медианы их { $median }: { $keys } — возможно, код региона записан в файле иначе?
period-not-yearly = `{ $text }` — не год: пишите `{ $example }`
period-not-quarterly = `{ $text }` — не квартал: пишите `{ $example }`
period-not-monthly = `{ $text }` — не месяц: пишите `{ $example }`
cli-input-pair = --input ждёт ИМЯ=ПУТЬ, а здесь `{ $found }`
cli-expand-failed = { $file }: не удаётся записать целиком
cli-formatted = отформатирован { $file }
cli-would-reformat = был бы переформатирован { $file }
cli-stdout = не удаётся писать в стандартный вывод: { $why }
cli-no-periods = `{ $option }`: в методике не объявлены периоды (добавьте в заголовок `period quarterly cumulative`)
cli-periods-range = `--periods { $range }`: напишите первый и последний период: `{ $example }..{ $example }`
cli-periods-too-many = `--periods { $range }`: в одной панели больше { $max ->
    [one] { $max } периода
   *[other] { $max } периодов
}; укажите диапазон короче
cli-periods-order = `--periods { $range }`: последний период должен идти после первого
cli-nothing-written = { $why }; ничего не записано
cli-a-panel = ряд периодов
cli-no-page = `--format html`: у команды { $what } нет отчёта HTML; его делают `run`, `diff` и `uncertainty` (здесь берите csv, json, markdown, csv-excel или xlsx)
cli-workbook-terminal = книга Excel не печатается в терминал: укажите --output ФАЙЛ.xlsx (или перенаправьте стандартный вывод в файл)
output-dangling-link = { $file } — символическая ссылка на несуществующий файл; укажите настоящий путь
output-not-a-file = { $file } — { $kind }: результат пишется только в обычный файл
output-read-only = { $file } только для чтения: он не заменяется (разрешите запись или выберите другое имя)
output-protected = { $file } — { $what } этого расчёта: запись результата туда уничтожила бы его
cli-manual-failed = не удаётся сделать страницу руководства: { $why }
cli-wrote-manual = страницы руководства записаны в { $dir }
cli-no-uncertainty = { $file }: в методике нет блока `uncertainty`, из которого разыгрывать (docs/uncertainty.md: `uncertainty {"{"} weights +-20% {"}"}`)
cli-runs-zero = `--runs 0`: нужен хотя бы один прогон
cli-runs-max = `--runs`: не больше { $n ->
    [one] { $n } прогона
   *[other] { $n } прогонов
}
cli-no-uncertainty-sensitivity = { $file }: в методике нет блока `uncertainty`, чей выбор взвешивать (docs/uncertainty.md)
cli-varies-nothing = блок `uncertainty` ничего не меняет: назовите выбор, например `weights +-20%`
cli-design-runs = `--runs { $runs }`: плану нужно от 2 до { $rows ->
    [one] { $rows } строки
   *[other] { $rows } строк
} и всего не больше { $all } расчётов ({ $choices } выборов: N·{ $per } расчётов)
kind-fifo = именованный канал (FIFO)
kind-device = устройство
kind-socket = сокет
kind-directory = папка
kind-link = символическая ссылка
kind-file = обычный файл
kind-other = не обычный файл
kind-not-regular = это { $kind }, а не обычный файл
output-the-methodology = файл методики
output-input = файл данных `{ $name }`

## слова clap

clap-usage = Использование:
clap-commands = Команды
clap-arguments = Аргументы
clap-options = Параметры
clap-command = КОМАНДА
clap-help-command = Показать эту справку или справку по названным командам
clap-help-short = Показать справку (подробнее — '--help')
clap-help-long = Показать справку (кратко — '-h')
clap-version = Показать версию
clap-default = [по умолчанию: { $value }]
clap-possible-values = [значения: { $values }]
clap-possible-values-title = Значения
clap-unknown-argument = неизвестный аргумент '{ $arg }'
clap-unknown-command = неизвестная команда '{ $command }'
clap-value-required = у '{ $arg }' нужно значение, а его нет
clap-invalid-value = недопустимое значение '{ $value }' для '{ $arg }'
clap-missing = не указаны обязательные аргументы:
clap-missing-command = нужна команда: { $commands }
clap-conflict = аргумент '{ $arg }' нельзя использовать вместе с '{ $other }'
clap-twice = аргумент '{ $arg }' нельзя указывать несколько раз
clap-too-many = лишнее значение '{ $value }' для '{ $arg }'; больше значений не ждали
clap-number-of-values = неверное число значений у '{ $arg }'
clap-no-equals = значение '{ $arg }' задаётся через знак равенства
clap-tip = совет
clap-similar-command = есть похожая команда: '{ $name }'
clap-similar-argument = есть похожий аргумент: '{ $name }'
clap-similar-value = есть похожее значение: '{ $name }'
clap-as-value = чтобы передать '{ $arg }' как значение, напишите '-- { $arg }'
clap-more = Подробнее: '--help'.
help-value-csv-excel = CSV для Excel с русскими настройками: `;`, десятичные запятые, UTF-8 с BOM, CRLF
help-value-xlsx = книга Excel (в файл или в стандартный вывод, если это не терминал)
help-value-html = самодостаточный отчёт HTML: графики, карта, объяснение каждого региона (run, diff, uncertainty и audit)
help-value-ranking = рейтинг (по умолчанию)
help-value-plan = оптимизированный план polars, без расчёта
clap-help-plain = Показать справку
warn-group-fallback-mean = «{ $title }»: { $n ->
    [one] у { $n } региона ({ $regions })
   *[other] у { $n } регионов ({ $regions })
  } нет значения, и в группе по «{ $column }» значений нет — пропуск замещён средним по всем регионам рейтинга
warn-group-fallback-median = «{ $title }»: { $n ->
    [one] у { $n } региона ({ $regions })
   *[other] у { $n } регионов ({ $regions })
  } нет значения, и в группе по «{ $column }» значений нет — пропуск замещён медианой по всем регионам рейтинга
note-input = файл данных `{ $input }` ({ $file }): { $note }
files-and = { $a } и { $b }

## неопределённость и чувствительность таблицей

col-median = медиана
col-interval = 5–95%
col-mean = среднее
col-top = первые { $n }
uncertainty-caption = { $title }: { $replications } (начальное значение генератора { $seed }); места: медиана и интервал 5–95 %; зоны и первые { $top }: доля прогонов
sensitivity-mean-shift = среднее перемещение по местам относительно исходного рейтинга
sensitivity-place-of = место { $key } { $label }
sensitivity-caption = { $title }: как { $output } зависит от { $choices ->
    [one] { $choices } варьируемого допущения
   *[other] { $choices } варьируемых допущений
} (среднее { $mean }, дисперсия { $variance }); индексы Соболя по плану Салтелли, N = { $n } ({ $runs ->
    [one] { $runs } расчёт
    [few] { $runs } расчёта
   *[other] { $runs } расчётов
}), начальное значение генератора { $seed }, 95-процентные доверительные интервалы (бутстреп)
col-choice = варьируемое допущение
col-first-order = первого порядка
col-total = полный
col-period-place = { $period } место
col-period-score = { $period } балл
col-places = изменение мест

## --emit plan

plan-records = записи `{ $input }`{ $when }, агрегаты { $engine }
plan-previous = (предыдущий)
plan-streaming-asked = потоковым движком (как задано)
plan-memory-asked = в памяти (как задано)
plan-streaming = потоковым движком (каждый агрегат даёт то же при любом порядке записей)
plan-memory = в памяти (сумма дробей зависела бы от порядка, в котором потоковый движок читает записи)

## SQL

sql-table-pair = --table ждёт ВХОД=ТАБЛИЦА, а здесь `{ $found }`
sql-table-unknown = --table называет `{ $input }`, а такого файла данных в методике нет

sql-period-needed = методика считает записи по периодам: назовите период запроса через --period (например, `{ $example }`)

## run --database
db-url = --database не читается как подключение к PostgreSQL (`postgres://пользователь@хост:порт/база`): { $why }
db-unreachable = не удалось подключиться к базе данных { $place }: { $why }
db-silent = сервер принял соединение, но не ответил за { $seconds } с
db-unreachable-help = проверьте хост и порт в --database (или PGHOST и PGPORT) и что сервер запущен и принимает подключения отсюда
db-refused = база данных { $place } не пустила пользователя `{ $user }`: { $why }
db-refused-help = проверьте пользователя и пароль в --database (или PGUSER и PGPASSWORD); пароль не показывается
db-no-table = в базе данных нет таблицы { $table }
db-no-table-help = загрузите данные `{ $input }` в таблицу с его именем или назовите его таблицу через --table { $input }=схема.таблица
db-no-column = в таблице нет столбца `{ $column }`
db-no-column-help = запрос читает те же столбцы, что и методика, под теми же именами
db-wrong-type = столбец `{ $column }` имеет тип `{ $found }`, а методика читает { $wanted }
db-wrong-type-number = храните числа в числовом столбце (double precision, numeric, integer)
db-wrong-type-date = храните даты в столбце `date` (или `timestamp`)
db-wrong-type-bool = храните условия в столбце `boolean`
db-stop-help = запрос останавливается там же, где `metodika run`, с тем же кодом (docs/language.md)
db-failed = база данных не выполнила запрос: { $why }
db-failed-help = `metodika sql ФАЙЛ --dialect postgres` покажет запрос; его таблицы должны содержать данные, как описано в docs/sql.md
cli-database-html = отчёт HTML объясняет каждое число по шагам самого расчёта: постройте его через `metodika run` по файлам, без --database
help-run-database = Выполнить запрос методики на сервере PostgreSQL, в таблицах которого лежат данные: postgres://пользователь@хост:порт/база (чего нет в адресе, берётся из переменных PG*; пароль не печатается)
help-run-tables = С --database: таблица базы, в которой лежат данные: ИМЯ=схема.таблица (можно повторять; по умолчанию — имя файла данных)
db-r001 = нет значения `{ $indicator }` у региона { $region } при `missing error`
db-d005 = записи `{ $input }` без ключа региона (`{ $key }`)
db-d013 = записи `{ $input }` региона, которого нет в таблицах регионов: `{ $region }`
db-d014 = нет ни одной записи `{ $input }` за { $period } ({ $window })
db-d014-previous = нет ни одной записи `{ $input }` за { $period }, период перед расчётным ({ $window })

## What people read: periods, zone rules, normalizations in the glossary's words (report::people)
people-year = { $year } г.
people-quarter = { $quarter } квартал { $year } г.
people-month = { $month } { $year } г.
people-months = { $from }–{ $to } { $year } г.
people-cumulative = { $period } ({ $months }, нарастающим итогом)
people-month-1 = январь
people-month-2 = февраль
people-month-3 = март
people-month-4 = апрель
people-month-5 = май
people-month-6 = июнь
people-month-7 = июль
people-month-8 = август
people-month-9 = сентябрь
people-month-10 = октябрь
people-month-11 = ноябрь
people-month-12 = декабрь
people-zone-otherwise = остальные регионы
people-zone-top = { $n ->
    [one] первое место
    [few] первые { $n } места
    [many] первые { $n } мест
   *[other] первые { $n } места
}
people-zone-next = { $n ->
    [one] следующее место
    [few] следующие { $n } места
    [many] следующие { $n } мест
   *[other] следующие { $n } места
}
people-and = { $a } и { $b }
people-score-ge = балл не ниже { $x }
people-score-gt = балл выше { $x }
people-score-le = балл не выше { $x }
people-score-lt = балл ниже { $x }
people-score-eq = балл { $x }
people-score-ne = балл не равен { $x }
people-place-ge = место не выше { $x }-го
people-place-gt = место ниже { $x }-го
people-place-le = места с 1-го по { $x }-е
people-place-lt = места выше { $x }-го
people-place-eq = { $x }-е место
people-place-ne = место не { $x }-е
people-better-higher = чем больше, тем лучше
people-better-lower = чем меньше, тем лучше
people-norm-minmax = линейное нормирование (от минимума до максимума)
people-norm-minmax-to = линейное нормирование на отрезок от { $a } до { $b }
people-norm-zscore = стандартизация (z-оценка)
people-norm-goalposts = нормирование по целевым значениям от { $a } до { $b }
people-norm-ratio-to-best = отношение к лучшему значению
people-norm-target = отношение к целевому значению { $x } (не более 1)
people-norm-rank = нормирование по рангу
people-norm-bands = пороговая шкала
people-norm-none = без нормирования
people-outliers-none = выбросы не обрабатываются
people-outliers-auto = выбросы обрабатываются, как в COINr: винзоризация не более { $n ->
    [one] { $n } значения
   *[other] { $n } значений
  }, иначе логарифм
people-missing-error = пропуски не допускаются
people-missing-zero = пропуск замещается нулём
people-missing-mean = пропуск замещается средним по регионам
people-missing-median = пропуск замещается медианой по регионам
people-missing-min = пропуск замещается наименьшим значением
people-missing-max = пропуск замещается наибольшим значением
people-missing-value = пропуск замещается значением { $x }
people-missing-mean-by = пропуск замещается средним по группе «{ $by }» (если в группе нет значений — по всем регионам)
people-missing-median-by = пропуск замещается медианой по группе «{ $by }» (если в группе нет значений — по всем регионам)
people-missing-exclude = при пропуске показатель не учитывается, его вес делится между остальными
people-weight-equal = равный
people-agg-mean = среднее арифметическое
people-agg-geometric = среднее геометрическое
people-agg-harmonic = среднее гармоническое
people-agg-sum = сумма
people-agg-min = минимум
people-sheet-ranking = Рейтинг
people-sheet-indicators = Показатели
people-sheet-methodology = Методика
people-sheet-exclusions = Не участвуют
# the columns of an analysis' table for people (diff, uncertainty, sensitivity)
people-col-old = { $what } (было)
people-col-new = { $what } (стало)
people-col-moved = Перемещение (мест)
people-col-largest-changes = Что сильнее всего изменило балл
people-col-note = Примечание
people-col-place-median = Медианное место
people-col-place-p05 = Место, 5-й процентиль
people-col-place-p95 = Место, 95-й процентиль
people-col-score-mean = Средний балл
people-col-score-p05 = Балл, 5-й процентиль
people-col-score-p95 = Балл, 95-й процентиль
people-col-p-zone = Доля прогонов: { $zone }
people-col-p-top = Доля прогонов с местом не ниже { $n }-го
people-col-ranked = Прогоны, в которых регион участвует в рейтинге
people-col-choice = Варьируемое допущение
people-col-first = Индекс первого порядка
people-col-first-ci = Индекс первого порядка: ± (95 %)
people-col-total = Полный индекс
people-col-total-ci = Полный индекс: ± (95 %)
people-col-area = Раздел
people-col-name = Обозначение
people-col-title = Название
people-col-what = Изменение
people-col-side = Сторона
people-col-source = Методика
people-col-period = Период
people-col-window = Даты
people-col-data-changed = Данные различаются
people-sheet-moves = Перемещения
people-sheet-changes = Изменения методики
people-sheet-sides = Сравниваемые стороны
people-side-old = было
people-side-new = стало
people-yes = да
people-no = нет
people-sheet-uncertainty = Неопределённость
people-sheet-sensitivity = Чувствительность
people-place = Место
people-key = Код
people-region = Регион
people-score = Итоговый балл
people-zone = Зона
people-excluded = Не участвует в рейтинге: причина
people-raw = { $title }: исходное значение
people-value = { $title }: после преобразования
people-normalized = { $title }: нормированное значение
people-points = { $title }: баллы
people-indicator = Показатель
people-formula = Расчёт
people-better = Направление
people-transform = Преобразование
people-normalize = Нормирование
people-missing = Пропущенные значения
people-block = Блок
people-weight = Вес
people-note = Примечание
people-version = Редакция
people-effective = Действует с
people-period = Период
people-made = Дата расчёта
people-identifier = Идентификатор

explain-ties-dense = равные баллы — одно место, следующее место без пропуска
explain-ties-competition = равные баллы — одно место, следующие места пропускаются
explain-ties-ordinal = равные баллы — места по порядку кодов
explain-ties-average = равные баллы — среднее из мест
explain-zone-title = , { $title }
explain-weight-points = вес { $points }

check-line = { $file }: { $ok }: { $summary }{ $warnings }
check-summary = { $indicators }, { $groups }; { $scheme }{ $records }
count-members-indicators = { $n ->
    [one] { $n } показателя
   *[other] { $n } показателей
}
count-members-groups = { $n ->
    [one] { $n } блока
   *[other] { $n } блоков
}
clap-options-placeholder = [ПАРАМЕТРЫ]
clap-command-placeholder = <КОМАНДА>
help-pos-file = Файл методики (*.metodika)
help-pos-files = Файлы методик (*.metodika)
help-name-file = ФАЙЛ

explain-points-added = сумма баллов
# the choices of an uncertainty block, as a sensitivity table names them
factor-weights = веса всех показателей и блоков ±{ $p } %
factor-weight = вес «{ $title }» ({ $name })
factor-normalize = нормирование показателя «{ $title }» ({ $name })
factor-aggregate = способ агрегирования блока «{ $title }» ({ $name })
factor-missing = правило для пропусков показателя «{ $title }» ({ $name })
factor-noise = погрешность значений показателя «{ $title }» ({ $name }) ±{ $p } %
sensitivity-noise = индекс первого порядка не отличается от нуля в пределах погрешности (отрицательное значение — погрешность оценки): { $choices }
sensitivity-nothing = не меняет ни одного места: { $choices }
# a methodology's change in words (diff, review, the diff page)
diff-said-added = добавлен: «{ $title }» = { $formula }; { $better }; { $normalization }{ $weight }
diff-said-weight-in = ; вес { $weight } в блоке «{ $group }»
diff-said-value = формула: { $was } → { $now }
diff-said-aggregate = агрегат: { $was } → { $now }
diff-said-better = направление: { $was } → { $now }
diff-said-normalize = нормирование: { $was } → { $now }
diff-said-outliers = выбросы: { $was } → { $now }
diff-said-missing = пропуски: { $was } → { $now }
diff-said-aggregation = способ агрегирования: { $was } → { $now }
diff-said-weight = «{ $member }»: { $was } → { $now }
diff-said-member-added = добавлен в блок: «{ $member }» ({ $weight })
diff-said-member-removed = исключён из блока: «{ $member }» ({ $weight })
diff-said-then = { $was } → { $now }
diff-said-desc = { $what } по убыванию
diff-said-asc = { $what } по возрастанию
diff-said-none = нет
diff-said-added-line = добавлено: { $what }
diff-said-removed-line = удалено: { $what }
diff-said-or = или
unc-line-runs = { $n ->
    [one] { $n } прогон
    [few] { $n } прогона
   *[many] { $n } прогонов
}
unc-line-seed = начальное значение генератора { $seed }
unc-line-weights = веса всех показателей и блоков ±{ $p } %
unc-line-weight = вес «{ $member }» от { $lo } до { $hi }
unc-line-normalize = нормирование показателя «{ $title }»: { $alternatives }
unc-line-aggregate = способ агрегирования блока «{ $title }»: { $alternatives }
unc-line-missing = правило для пропусков показателя «{ $title }»: { $alternatives }
unc-line-noise = погрешность значений показателя «{ $title }» ±{ $p } %
diff-area-header = заголовок
diff-area-input = данные
diff-area-exclude = исключение
diff-area-indicator = показатель
diff-area-group = блок
diff-area-rank = ранжирование
diff-area-zones = зоны
diff-area-uncertainty = неопределённость
diff-name-version = редакция
diff-name-key = ключ
diff-name-then = доп. критерии
diff-name-ties = равные баллы
diff-name-round = округление
diff-member-added = добавлен в блок:
diff-member-removed = убран из блока:
diff-added = добавлен:
diff-removed = удалён:
diff-normalize = нормирование:
diff-missing = пропуски:
diff-better = направление:
diff-value = расчёт:
diff-title = название:
diff-equal-weight = равный вес
diff-weight = вес
panel-month-1 = янв.
panel-month-2 = февр.
panel-month-3 = март
panel-month-4 = апр.
panel-month-5 = май
panel-month-6 = июнь
panel-month-7 = июль
panel-month-8 = авг.
panel-month-9 = сент.
panel-month-10 = окт.
panel-month-11 = нояб.
panel-month-12 = дек.
col-score-change = изменение балла
panel-title-year = { $title }, { $year } г.
col-step-raw = { $title }, исх.
col-step-norm = { $title }, норм.
col-step-pts = { $title }, баллы

## подсказки языкового сервера (ide::hover)
hover-given-name = **столбец `{ $column }`** таблицы `{ $input }`: имя, данное заголовку { $header }
hover-key-column = **ключевой столбец `{ $column }`**
hover-key-column-line = Столбец, по которому узнаётся регион в каждой таблице регионов: по нему соединяются строки таблиц.
hover-label-column = **столбец названий `{ $column }`**
hover-label-column-line = Столбец с названиями регионов, которые показывает рейтинг.
hover-score = **score**: итоговый балл региона (после округления, по которому ранжируют).
hover-place = **place**: место региона в рейтинге.
hover-indicator = **показатель `{ $name }`** — { $title }
hover-from-defaults = (из `defaults`)
hover-normalize-none = - нормирование: `none` (не указано)
hover-equal-weight = равный вес
hover-in-group = - в блоке `{ $group }`: { $weight }
hover-share-later = - доля максимума: будет видна, когда в файле не останется ошибок
hover-share = - доля максимума: { $share }
hover-share-points = ({ $points } из { $max ->
    [one] { $max } балла
   *[other] { $max } баллов
})
hover-share-min = - доля максимума: не постоянна (блок `min` берёт наименьшую составляющую)
hover-share-none = - доля максимума: 0 (не входит в итоговый балл)
hover-aggregation-default = среднее или сумма (не указано)
hover-group = **блок `{ $name }`** — { $title }

    - способ сложения: { $aggregation }
    - составляющих: { $members }
hover-input = **таблица данных `{ $name }`**: `{ $path }`
hover-records = **файл записей `{ $name }`**: `{ $path }`
hover-columns = { $n ->
    [one] { $n } столбец
    [few] { $n } столбца
   *[other] { $n } столбцов
}: { $columns }
hover-columns-unknown = Столбцы неизвестны: { $why }
hover-column = **столбец `{ $column }`** таблицы `{ $input }`
hover-type = Тип: { $type }
hover-type-unknown = Тип: по файлу не определить
hover-not-in-header = В заголовке файла такого столбца нет.
hover-not-read = Файл не прочитан: { $why }
hover-zone = **зона `{ $name }`** — { $title }
gate-left = { $region }: { $place }-е место → не участвует в рейтинге
gate-entered = { $region }: не участвовал в рейтинге → { $place }-е место
gate-moved = { $region }: { $old }-е место → { $new }-е ({ $moved })
gate-fail-move = перемещения больше разрешённых --fail-on-move { $allowed } (выход из рейтинга и вход в него тоже): { $list }
gate-fail-exclusion = регионы, вышедшие из рейтинга или вошедшие в него (--fail-on-exclusion): { $list }
gate-fail-zone = { $n ->
    [one] { $n } регион сменил зону
    [few] { $n } региона сменили зону
   *[many] { $n } регионов сменили зону
} (--fail-on-zone-change): { $list }
gate-passed = Проверка пройдена ({ $rules })
gate-failed = Проверка не пройдена ({ $rules })
diff-compared = Сравниваются: { $old } → { $new }
diff-side = { $source }, { $period }
diff-side-no-period = { $source }
diff-data-same = Данные обеих сторон одинаковы: все изменения вызваны методикой.
diff-data-changed = Данные сторон различаются ({ $why }): ниже изменения разделены на действие методики и действие данных.
diff-data-changed-unsplit = Данные сторон различаются ({ $why }), и разделить изменения нельзя: { $reason }.
diff-why-period = другой период
diff-why-files = другие файлы
diff-effect-methodology = Действие методики (новая редакция на прежних данных): { $summary }
diff-effect-data = Действие данных (новая редакция, прежние данные → новые): { $summary }
diff-effect-summary = поднялись { $up }, опустились { $down }, наибольшее перемещение { $max }, { $zones ->
    [one] { $zones } смена зоны
    [few] { $zones } смены зоны
   *[many] { $zones } смен зоны
}, { $out ->
    [one] { $out } регион вышел из рейтинга или вошёл в него
    [few] { $out } региона вышли из рейтинга или вошли в него
   *[many] { $out } регионов вышли из рейтинга или вошли в него
}
diff-unsplit-inputs = новая редакция читает файлы данных, которых у прежней стороны нет ({ $names })
diff-unsplit-run = новая редакция не рассчитывается на прежних данных: { $why }
diff-left = вышли из рейтинга: { $list }
diff-entered = вошли в рейтинг: { $list }
diff-md-regions = Регионы: перемещения, смена зоны, выход из рейтинга и вход в него ({ $n })
diff-md-regions-top = Регионы: { $top } наибольших из { $n } (перемещения, смена зоны, выход из рейтинга и вход в него)
diff-top10 = первая десятка: { $kept } из прежних { $old } остаются в новой (в ней { $new ->
    [one] { $new } регион
    [few] { $new } региона
   *[many] { $new } регионов
} с учётом равных мест)
diff-top10-same = первая десятка: те же { $old ->
    [one] { $old } регион
    [few] { $old } региона
   *[many] { $old } регионов
}
diff-data-only = Методика на обеих сторонах одна, а данные различаются ({ $why }): все изменения вызваны данными.
help-value-github = команды GitHub Actions: замечания на строках запроса на слияние
help-value-gitlab = отчёт GitLab Code Quality (JSON)
help-value-sarif = SARIF 2.1.0 для систем анализа кода и рецензирования
help-value-junit = JUnit XML: по тесту на файл
git-shallow-help = Это неполный клон (так по умолчанию в CI): загрузите историю, `git fetch --deepen=50` или `git fetch --unshallow` (GitHub Actions: `fetch-depth: 0`; GitLab CI: `GIT_DEPTH: 0`), или саму ревизию: `{ $fetch }`.
git-fetch-help = Сначала загрузите её: `{ $fetch }`.
git-no-rev = в git здесь нет ревизии `{ $rev }`.
git-rev-dash = `{ $rev }` — не ревизия: ревизия не начинается с `-`
git-cannot-show = git не может показать `{ $spec }`: { $why }
git-cannot-list = git не может перечислить `{ $spec }`: { $why }
git-outside = `{ $path }` — вне репозитория: путь `git:` не выходит за его пределы
cli-stdin-once = стандартный ввод (`-`) читается один раз: укажите `-` только для одного файла
diff-renamed = `{ $new }` в { $rev } назывался `{ $old }`: сравнивается с ним
diff-new-file = `{ $file }` — новый файл: в { $rev } его нет, сравнивать не с чем (проверьте и рассчитайте его отдельно)
diff-old-broken = в `{ $old }` есть ошибки (см. выше), сравнивать не с чем: `{ $new }` проверяется и рассчитывается
review-index = подготовленные изменения
review-tree = рабочее дерево
review-title = Рецензия методик: { $base } → { $head }
review-not-a-repository = `review` работает в репозитории git: { $why }
review-why-changed = изменён файл методики
review-why-data = изменены данные ({ $files })
review-why-base = затронута редакция, которую она дополняет (`{ $base }`)
review-ok = ошибок нет
review-not-canonical = не в каноническом виде (`fmt`)
review-gate-passed = пройдена
review-gate-failed = не пройдена
review-new = новая
review-base-broken = в прежней редакции были ошибки
review-failed = не проверяется или не рассчитывается
review-none = Изменение не затрагивает ни одной методики.
review-verdict-passed = Все методики проверяются, записаны в каноническом виде и проходят проверку.
review-verdict-failed = Не все методики проверяются, записаны в каноническом виде и проходят проверку: см. таблицу.
review-col-methodology = методика
review-col-why = почему
review-col-periods = периоды
review-col-changes = изменения правил
review-col-moved = переместились
review-col-largest = наибольшее перемещение
review-col-zones = смена зон
review-col-out-in = вышли/вошли
review-col-check = проверка
review-col-gate = проверка CI
help-review-base = Ревизия, с которой сравнивается изменение (`origin/main`, база слияния)
help-review-head = Ревизия изменения (по умолчанию рабочее дерево)
help-review-staged = Рецензировать подготовленное (индекс): то, что попадёт в коммит
help-review-paths = Только методики в этих путях
help-review-format = Формат вывода: комментарий к рецензии (markdown), выровненный текст (table), json, sarif или страница (html)
help-review-fail-on-move = Не пройти (код 3), если регион переместился больше чем на N мест, вышел из рейтинга или вошёл в него
help-review-fail-on-exclusion = Не пройти (код 3), если регион вышел из рейтинга или вошёл в него
help-review-fail-on-zone-change = Не пройти (код 3), если регион сменил зону
help-review-top = В таблице каждой методики только N наибольших из переместившихся регионов
help-review = Что изменение делает с методиками репозитория: затронутые им (изменённые, дополняющие изменённую или с изменёнными данными) проверяются и сравниваются с редакцией в базе, в одной рецензии с итогом в начале
help-after-review =
    Примеры:
      $ metodika review --base HEAD
      $ metodika review --base HEAD --staged --format table
      $ metodika review --base HEAD methodologies/pos --fail-on-move 10 --fail-on-zone-change

    Коды выхода: 0 все затронутые методики проверяются, в каноническом виде и проходят проверку; 1 в одной есть ошибки или она не в каноническом виде; 2 неверна командная строка или нет ревизии; 3 проверка CI не пройдена.
diff-area-score = итоговый балл
diff-maximum = максимум
diff-better-higher = чем больше, тем лучше
diff-better-lower = чем меньше, тем лучше
diff-from = из `{ $file }`
review-effect = Изменения методики перемещают { $moved ->
    [one] { $moved } регион
    [few] { $moved } региона
   *[many] { $moved } регионов
} (наибольшее перемещение { $max }) и меняют зону у { $zones ->
    [one] { $zones } региона
   *[other] { $zones } регионов
}.

## metodika audit
help-audit = Обосновать рейтинг: статистика каждого показателя (асимметрия, эксцесс, выбросы), корреляции внутри блоков, альфа Кронбаха и первая главная компонента, фактические веса рядом с номинальными и что меняет в рейтинге исключение каждого показателя и блока
help-audit-inputs = Взять другой файл для таблицы данных: ИМЯ=ПУТЬ (можно несколько раз)
help-audit-table = Какую таблицу выводит `--format csv` (в json и xlsx — все таблицы)
help-audit-output = Записать в этот файл (целиком или никак) вместо стандартного вывода
help-audit-period = Учитывать только записи этого периода, как `run --period`
help-after-audit =
    Примеры:
      $ metodika audit methodologies/pos/pos-2025-tables.metodika
      $ metodika audit methodologies/pos/pos-2025-tables.metodika --format csv --table weights
      $ metodika audit methodologies/pos/pos-2025-tables.metodika --format xlsx --output audit.xlsx

    Коды выхода: 0 готово; 1 в методике или данных есть ошибки; 2 неверна командная строка.
help-value-statistics = Статистика каждого показателя: исходные и нормированные значения
help-value-correlations = Все корреляции внутри блоков, с блоком и с итоговым баллом
help-value-blocks = Альфа Кронбаха и первая главная компонента каждого блока
help-value-loadings = Коэффициент каждого элемента блока в его первой главной компоненте
help-value-weights = Номинальный и фактический вес каждого показателя
help-value-drops = Что меняет в рейтинге исключение каждого показателя и блока
count-audited = { $n ->
    [one] проанализирован { $n } регион рейтинга
    [few] проанализированы { $n } региона рейтинга
    [many] проанализированы { $n } регионов рейтинга
   *[other] проанализированы { $n } региона рейтинга
}
audit-caption = { $title }: статистический анализ показателей по { $ranked ->
    [one] { $ranked } региону рейтинга
   *[other] { $ranked } регионам рейтинга
}
audit-left-out = Не учитываются ни в одном показателе анализа: { $n ->
    [one] { $n } регион вне рейтинга
    [few] { $n } региона вне рейтинга
    [many] { $n } регионов вне рейтинга
   *[other] { $n } региона вне рейтинга
} ({ $regions }).
audit-flags = Что отмечено ({ $n })
audit-flags-heading = Что отмечено
audit-no-flags = Ничего: нет выбросов, избыточных или отрицательно связанных пар, слабых показателей, несогласованных блоков и весов, далёких от фактического влияния.
audit-flag-winsorized = «{ $title }»: выбросы обработаны — { $points ->
    [one] заменено { $points } значение
    [few] заменено { $points } значения
   *[other] заменено { $points } значений
  } { $side ->
    [top] сверху
    [bottom] снизу
   *[both] сверху и снизу
  }; асимметрия { $skewness } → { $skewness_after }, эксцесс { $kurtosis } → { $kurtosis_after }
audit-flag-log = «{ $title }»: выбросы обработаны логарифмом ln(x − min + 0,01·(max − min)), винзоризация не помогла; асимметрия { $skewness } → { $skewness_after }, эксцесс { $kurtosis } → { $kurtosis_after }
audit-flag-outlier = «{ $title }»: сильная асимметрия и тяжёлые хвосты (асимметрия { $skewness }, эксцесс { $kurtosis }); нормированное значение могут определять несколько регионов — стоит рассмотреть преобразование
audit-flag-outlier-kept = «{ $title }»: сильная асимметрия и тяжёлые хвосты (асимметрия { $skewness }, эксцесс { $kurtosis }), и после нормирования тоже; баллы определяют несколько регионов — стоит рассмотреть преобразование
audit-flag-redundant = «{ $a }» и «{ $b }» в блоке «{ $block }» коррелируют на уровне { $r }: блок, возможно, учитывает одно и то же дважды
audit-flag-negative = «{ $a }» и «{ $b }» в блоке «{ $block }» связаны отрицательно ({ $r }): внутри блока один показатель гасит другой
audit-flag-weak = «{ $member }» коррелирует со своим блоком «{ $block }» лишь на уровне { $r }: показатель измеряет не то, что блок
audit-flag-incoherent = «{ $block }»: альфа Кронбаха { $alpha } ниже 0,7 — показатели блока не измеряют одно и то же
audit-flag-more = «{ $title }» влияет сильнее своего веса: фактический вес { $importance } при номинальной доле { $nominal }
audit-flag-less = «{ $title }» влияет слабее своего веса: фактический вес { $importance } при номинальной доле { $nominal }
audit-statistics = Показатели: исходные значения
audit-col-indicator = показатель
audit-col-coverage = полнота данных
audit-col-mean = среднее
audit-col-sd = ст. откл.
audit-col-min = мин.
audit-col-max = макс.
audit-col-skewness = асимметрия
audit-col-kurtosis = эксцесс
audit-col-normalized-skewness = нормир.: асимметрия
audit-col-normalized-kurtosis = нормир.: эксцесс
audit-blocks = Блоки
audit-col-block = блок
audit-col-members = элементов
audit-col-alpha = альфа Кронбаха
audit-col-alpha-standardized = стандартизованная альфа
audit-col-pc1 = первая компонента
audit-col-with-parent = r с вышестоящим блоком
audit-col-with-score = r с итоговым баллом
audit-correlations-of = Корреляции (Пирсона) в блоке «{ $block }»
audit-col-member = элемент блока
audit-col-with-block = r с блоком
audit-weights = Веса: номинальные и фактические
audit-col-nominal = номинальная доля
audit-col-importance = фактический вес
audit-col-verdict = вывод
audit-verdict-more = влияет сильнее своего веса
audit-verdict-less = влияет слабее своего веса
audit-drops = Исключение по одному
audit-col-without = без
audit-col-mean-shift = средний сдвиг мест
audit-col-max-shift = наибольший сдвиг
audit-col-moved = регионов сменили место
audit-col-zone-changes = смена зоны
audit-and-more = { $names } и ещё { $n }
audit-kind-indicator = показатель
audit-kind-group = блок
audit-head-treated = после обработки выбросов: { $what }
audit-head-outliers = обработка выбросов
audit-head-outliers-points = заменено значений
audit-outliers-none = нет
audit-outliers-passed = не потребовалась
audit-outliers-untreated = не проводилась (мало значений или все равны)
audit-outliers-winsorized = винзоризация
audit-outliers-log = логарифм
audit-col-treated-skewness = после обработки выбросов: асимметрия
audit-col-treated-kurtosis = после обработки выбросов: эксцесс
audit-head-normalized = нормированное значение: { $what }
audit-head-with = с чем
audit-head-n = регионов со значением
audit-head-zeros = нулевых значений
audit-head-outlier = выброс
audit-head-pearson = коэффициент корреляции Пирсона
audit-head-spearman = коэффициент корреляции Спирмена
audit-head-pc1-regions = регионов в расчёте компоненты
audit-head-loading = коэффициент в первой главной компоненте
audit-head-kind = вид
audit-head-unranked = регионы, выпадающие из рейтинга
audit-head-zone-changed = регионы, меняющие зону
audit-sheet-flags = Выводы
audit-sheet-statistics = Показатели
audit-sheet-weights = Веса
audit-sheet-correlations = Корреляции
audit-sheet-loadings = Главные компоненты
audit-page-title = Статистический анализ показателей
audit-page-heatmap-note = Корреляции (Пирсона) между элементами каждого блока: красным — где два показателя растут вместе, синим — где один растёт, когда другой падает; номера — как в списке под картой.
audit-page-weights-note = Для каждого показателя — номинальная доля в итоговом балле по установленным весам (контур) и фактический вес (заливка): квадрат корреляции с итоговым баллом, пересчитанный так, чтобы сумма по показателям была 100 %. Отмечено, где они различаются больше чем вдвое.
audit-page-drops-note = Для каждого показателя и блока — рейтинг без него (его вес распределяется между остальными элементами блока): наибольший сдвиг места (контур) и средний сдвиг (заливка); отмечено, где регион меняет зону.
audit-page-caption = По { $ranked ->
    [one] { $ranked } региону рейтинга
   *[other] { $ranked } регионам рейтинга
}: статистика показателей, корреляции внутри блоков, фактические веса и что меняет в рейтинге исключение каждого элемента.
audit-page-raw = исходные значения
audit-page-normalized = нормированные значения
