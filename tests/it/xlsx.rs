//! `--format xlsx`, read back: every value of every sheet equals the CSV's (calamine, as
//! a spreadsheet reads it), keys like `01` stay text, the methodology's sheet lists the
//! indicators as checked; the ranking's header is frozen, filtered, its zones filled.

use crate::util::root;
use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};
use std::process::Command;

const POS: &str = "methodologies/pos/pos-2025-tables.metodika";

fn metodika(args: &[&str]) -> std::process::Output {
    crate::util::bin()
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook")
}

/// A sheet for people holds the CSV's values below its title block, under the people's
/// headings: the rows from the one whose first cell is `first_heading`, the CSV's columns
/// but `dropped` (the zone's identifier), cell by cell. The header's row.
fn same_values_below(
    wb: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: &str,
    first_heading: &str,
    csv_text: &str,
    dropped: &[&str],
) -> usize {
    let range = wb
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{sheet}: {e}"));
    let h = (0..range.height())
        .find(|&r| range.get((r, 0)) == Some(&Data::String(first_heading.into())))
        .unwrap_or_else(|| panic!("{sheet}: no row headed {first_heading}"));
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect();
    let kept: Vec<usize> = (0..rows[0].len())
        .filter(|&c| !dropped.contains(&&rows[0][c]))
        .collect();
    assert_eq!(range.height(), h + rows.len(), "{sheet}");
    for (r, rec) in rows.iter().enumerate().skip(1) {
        for (c, &ci) in kept.iter().enumerate() {
            let want = &rec[ci];
            let at = (h + r, c);
            match range.get(at).unwrap_or(&Data::Empty) {
                Data::Empty => assert!(want.is_empty(), "{sheet} {at:?}: empty, CSV {want}"),
                Data::Float(v) => assert_eq!(*v, want.parse::<f64>().unwrap(), "{sheet} {at:?}"),
                Data::String(x) => assert_eq!(x, want, "{sheet} {at:?}"),
                other => panic!("{sheet} {at:?}: {other:?}"),
            }
        }
    }
    h
}

fn xml(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn a_run_as_a_workbook_holds_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("рейтинг.xlsx");
    let o = metodika(&[
        "run",
        POS,
        "--detail",
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let mut wb = workbook(bytes.clone());
    // a Russian methodology's workbook is Russian, whatever the command line's language
    assert_eq!(wb.sheet_names(), ["Рейтинг", "Показатели", "Методика"]);
    let plain = String::from_utf8(metodika(&["run", POS, "--format", "csv"]).stdout).unwrap();
    let h = same_values_below(&mut wb, "Рейтинг", "Место", &plain, &["zone"]);
    let range = wb.worksheet_range("Рейтинг").unwrap();
    // the title block: the methodology's title, then its edition and the day of the run
    let loaded = metodika::load_file(
        &root().join(POS),
        &metodika::load::options_for(&root().join(POS)),
    )
    .unwrap();
    let m = loaded.methodology.unwrap();
    assert_eq!(range.get((0, 0)), Some(&Data::String(m.title.clone())));
    let heads: Vec<String> = (0..range.width())
        .filter_map(|c| match range.get((h, c)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        heads[..6],
        [
            "Место",
            "Код",
            "Регион",
            "Итоговый балл",
            "Зона",
            "Не участвует в рейтинге: причина"
        ]
    );
    // the blocks by their titles
    for g in &m.groups[..m.groups.len() - 1] {
        assert!(heads.contains(&g.title), "{} in {heads:?}", g.title);
    }
    // keys stay text: `01`, not 1
    assert!(matches!(range.get((h + 1, 1)), Some(Data::String(k)) if k.len() == 2));
    // the indicators: key, label and each indicator's columns of `--detail`
    let detail =
        String::from_utf8(metodika(&["run", POS, "--format", "csv", "--detail"]).stdout).unwrap();
    let skip = 7 + m.groups.len() - 1;
    let mut w = csv::Writer::from_writer(Vec::new());
    for rec in csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(detail.as_bytes())
        .records()
    {
        let rec = rec.unwrap();
        let fields: Vec<&str> = [&rec[1], &rec[2]]
            .into_iter()
            .chain(rec.iter().skip(skip))
            .collect();
        w.write_record(fields).unwrap();
    }
    let indicators = String::from_utf8(w.into_inner().unwrap()).unwrap();
    same_values_below(&mut wb, "Показатели", "Код", &indicators, &[]);
    // the methodology in words: an indicator a row, by its title, its formula in words,
    // its identifier in the last column
    let range = wb.worksheet_range("Методика").unwrap();
    let h = (0..range.height())
        .find(|&r| range.get((r, 0)) == Some(&Data::String("Показатель".into())))
        .unwrap();
    assert_eq!(range.height(), h + m.indicators.len() + 1);
    for (i, ind) in m.indicators.iter().enumerate() {
        assert_eq!(
            range.get((h + i + 1, 0)),
            Some(&Data::String(ind.title.clone()))
        );
        assert_eq!(
            range.get((h + i + 1, 1)),
            Some(&Data::String(metodika::report::formula::formula(
                metodika::i18n::Lang::Ru,
                &m,
                &ind.value
            )))
        );
        assert_eq!(
            range.get((h + i + 1, 9)),
            Some(&Data::String(ind.name.clone()))
        );
    }
    // the ranking: header frozen under the title block, filtered; zones filled green,
    // yellow and red; scores at the rank's rounding
    let sheet = xml(&bytes, "xl/worksheets/sheet1.xml");
    let first = h_of_ranking(&bytes);
    assert!(
        sheet.contains(&format!(
            r#"<pane ySplit="{first}" topLeftCell="A{}" activePane="bottomLeft" state="frozen"/>"#,
            first + 1
        )),
        "{sheet:.2000}"
    );
    assert!(sheet.contains(&format!(r#"<autoFilter ref="A{first}:"#)));
    let styles = xml(&bytes, "xl/styles.xml");
    for colour in ["FFC6EFCE", "FFFFEB9C", "FFFFC7CE"] {
        assert!(styles.contains(colour), "{colour}");
    }
    assert!(styles.contains(r#"formatCode="0.00""#));
}

/// The row (from 1) of the ranking sheet's header.
fn h_of_ranking(bytes: &[u8]) -> usize {
    let mut wb = workbook(bytes.to_vec());
    let range = wb.worksheet_range("Рейтинг").unwrap();
    (0..range.height())
        .find(|&r| range.get((r, 0)) == Some(&Data::String("Место".into())))
        .unwrap()
        + 1
}

#[test]
fn a_diff_and_the_other_outputs_as_workbooks() {
    let o = metodika(&[
        "diff",
        POS,
        "methodologies/pos/pos-2026-tables.metodika",
        "--format",
        "xlsx",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb = workbook(o.stdout);
    // for people, in the methodology's language (Russian here, the command line English)
    assert_eq!(
        wb.sheet_names(),
        ["Перемещения", "Изменения методики", "Сравниваемые стороны"]
    );
    let csv_text = String::from_utf8(
        metodika(&[
            "diff",
            POS,
            "methodologies/pos/pos-2026-tables.metodika",
            "--format",
            "csv",
        ])
        .stdout,
    )
    .unwrap();
    // every value of the CSV below the people's headings, the zones' identifiers left out
    // beside their titles
    same_values_below(
        &mut wb,
        "Перемещения",
        "Код",
        &csv_text,
        &["old_zone", "new_zone"],
    );
    let moves = wb.worksheet_range("Перемещения").unwrap();
    assert_eq!(
        moves.get((0, 2)),
        Some(&Data::String("Место (было)".into()))
    );
    // the changes in the glossary's words, with titles
    let changes = wb.worksheet_range("Изменения методики").unwrap();
    assert!(changes.height() > 2);
    let heads: Vec<String> = (0..4)
        .map(|c| changes.get((0, c)).unwrap().to_string())
        .collect();
    assert_eq!(heads, ["Раздел", "Обозначение", "Название", "Изменение"]);
    let said: Vec<String> = changes.rows().skip(1).map(|r| r[3].to_string()).collect();
    assert!(
        said.iter().any(|w| w
            == "нормирование: пороговая шкала → нормирование по целевым значениям от 0,5 до 0,9"),
        "{said:?}"
    );
    assert!(!said
        .iter()
        .any(|w| w.contains("goalposts") || w.contains("points ")));
    // each side's source and period
    let sides = wb.worksheet_range("Сравниваемые стороны").unwrap();
    assert_eq!(sides.get((1, 0)), Some(&Data::String("было".into())));
    assert_eq!(sides.get((1, 1)), Some(&Data::String(POS.into())));
    assert_eq!(
        sides.get((2, 1)),
        Some(&Data::String(
            "methodologies/pos/pos-2026-tables.metodika".into()
        ))
    );
    assert_eq!(sides.get((1, 4)), Some(&Data::String("нет".into())));
    // uncertainty: one sheet, the CSV's
    let o = metodika(&["uncertainty", POS, "--runs", "30", "--format", "xlsx"]);
    assert!(o.status.success());
    let mut wb = workbook(o.stdout);
    let csv_text = String::from_utf8(
        metodika(&["uncertainty", POS, "--runs", "30", "--format", "csv"]).stdout,
    )
    .unwrap();
    // (for people: the sheet and the headings in the methodology's language, the zone's
    // identifier left out beside the shares of its title)
    same_values_below(&mut wb, "Неопределённость", "Код", &csv_text, &["zone"]);
}

/// Excluded regions get a sheet of their own, with their reasons; keys stay text.
#[test]
fn exclusions_have_their_sheet() {
    let dir = crate::util::temp_with(&[
        (
            "d.csv",
            "code,name,x,flag\n01,Адыгея,1,0\n02,\"Алтай, Республика\",2,1\n03,Бурятия,3,0\n",
        ),
        (
            "m.metodika",
            "methodology \"Исключения\" { key code  label name }\ninput d \"d.csv\"\n\
             exclude when d.flag == 1 \"нет данных за квартал\"\n\
             indicator x \"Икс\" = d.x  better higher\nscore \"Итог\" { x }\n",
        ),
    ]);
    let out = dir.path().join("out.xlsx");
    let m = dir.path().join("m.metodika");
    let o = metodika(&[
        "run",
        m.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb = workbook(std::fs::read(&out).unwrap());
    assert_eq!(wb.sheet_names(), ["Рейтинг", "Методика", "Не участвуют"]);
    let ex = wb.worksheet_range("Не участвуют").unwrap();
    let h = (0..ex.height())
        .find(|&r| ex.get((r, 0)) == Some(&Data::String("Код".into())))
        .unwrap();
    assert_eq!(ex.height(), h + 2);
    assert_eq!(ex.get((h + 1, 0)), Some(&Data::String("02".into())));
    assert_eq!(
        ex.get((h + 1, 1)),
        Some(&Data::String("Алтай, Республика".into()))
    );
    assert_eq!(
        ex.get((h + 1, 2)),
        Some(&Data::String("нет данных за квартал".into()))
    );
    let csv_text =
        String::from_utf8(metodika(&["run", m.to_str().unwrap(), "--format", "csv"]).stdout)
            .unwrap();
    same_values_below(&mut wb, "Рейтинг", "Место", &csv_text, &["zone"]);
}

/// A workbook is never printed to a terminal (here a pseudo-terminal made by `script`,
/// from util-linux): the command says what to do instead, writes nothing, exits 2.
#[test]
fn a_workbook_is_not_printed_to_a_terminal() {
    let cmd = format!(
        "{} run {POS} --format xlsx; echo status=$?",
        env!("CARGO_BIN_EXE_metodika")
    );
    let o = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("METODIKA_LANG", "en")
        .current_dir(root())
        .output()
        .expect("script (util-linux)");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("a workbook is not printed to a terminal: give --output"),
        "{text}"
    );
    assert!(text.contains("status=2"), "{text}");
    assert!(!text.contains("PK"), "{text}");
}

/// The run's notes are kept as messages, not sentences: the page of a Russian methodology
/// says them in Russian even when the command line speaks English, which says them in
/// English on standard error (issue 31).
#[test]
fn the_runs_notes_on_a_russian_page_are_russian_whatever_the_command_lines_language() {
    let o = crate::util::bin()
        .args([
            "run",
            "zhkh.metodika",
            "--period",
            "2025-Q3",
            "--format",
            "html",
        ])
        .env("METODIKA_LANG", "en")
        .current_dir(root().join("methodologies/zhkh"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = String::from_utf8(o.stdout).unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    // the warning (codes written as numbers) and the note (Байконур left out), in Russian
    // and in the page's words (quarters in words, «» for backticks), the warning marked
    assert!(
        page.contains("⚠ записи «appeals» (обращения.csv), III квартал 2025 г.: у 234 записей 9 регионов код записан иначе"),
        "{page}"
    );
    assert!(
        page.contains("пропущена 1 запись региона, которого нет в таблице регионов"),
        "{page}"
    );
    assert!(!page.contains("records `appeals`") && !page.contains("2025-Q3"));
    // the command line's own: English, as `warning:` and `note:`
    assert!(
        err.contains(
            "warning: records `appeals` (обращения.csv), 2025-Q3: 234 records of 9 regions"
        ),
        "{err}"
    );
    assert!(
        err.contains("note: records `appeals` (обращения.csv), 2025-Q3: 1 record of 1 region not in the region tables left out"),
        "{err}"
    );
}

/// The analyses' tables people open — the Excel CSV and the workbook of `uncertainty`,
/// `sensitivity` and `diff` — are headed in the methodology's language, whatever the
/// command line's; each choice of a sensitivity analysis in words. The machine CSV keeps
/// its names (issue 31).
#[test]
fn the_analyses_tables_for_people_speak_the_methodologys_language() {
    const M: &str = "methodologies/pos/pos-2025-tables.metodika";
    let run = |args: &[&str]| {
        let o = crate::util::bin()
            .args(args)
            .env("METODIKA_LANG", "en")
            .current_dir(root())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let header = |bytes: Vec<u8>| {
        let text = String::from_utf8(bytes).unwrap();
        text.trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    let unc = header(run(&[
        "uncertainty",
        M,
        "--runs",
        "20",
        "--format",
        "csv-excel",
    ]));
    assert!(
        unc.starts_with("Код;Регион;Место;Итоговый балл;Медианное место;Место, 5-й процентиль")
            && unc.contains(";Доля прогонов: Зелёная зона;")
            && unc.contains(";Доля прогонов с местом не ниже 10-го;"),
        "{unc}"
    );
    let sens = String::from_utf8(run(&[
        "sensitivity",
        M,
        "--runs",
        "8",
        "--format",
        "csv-excel",
    ]))
    .unwrap();
    assert!(
        sens.contains("Варьируемое допущение;Индекс первого порядка;")
            && sens.contains("\nвеса всех показателей и блоков ±20 %;")
            && sens.contains(
                "\nнормирование показателя «Среднее время подготовки ответа» (response_days);"
            ),
        "{sens}"
    );
    let diff = header(run(&[
        "diff",
        M,
        "methodologies/pos/pos-2026-tables.metodika",
        "--format",
        "csv-excel",
    ]));
    assert!(
        diff.starts_with("Код;Регион;Место (было);Место (стало);Перемещение (мест);")
            && diff.ends_with(";Зона (было);Зона (стало);Примечание"),
        "{diff}"
    );
    // the workbooks: a sheet named in Russian, the same headings, codes kept as text
    for (args, sheet) in [
        (
            vec!["uncertainty", M, "--runs", "20", "--format", "xlsx"],
            "Неопределённость",
        ),
        (
            vec!["sensitivity", M, "--runs", "8", "--format", "xlsx"],
            "Чувствительность",
        ),
    ] {
        let mut wb = workbook(run(&args));
        assert_eq!(wb.sheet_names(), [sheet]);
        let range = wb.worksheet_range(sheet).unwrap();
        let first = match range.get((0, 0)) {
            Some(Data::String(s)) => s.clone(),
            other => panic!("{other:?}"),
        };
        assert!(
            first == "Код" || first == "Варьируемое допущение",
            "{first}"
        );
        if first == "Код" {
            // `01` stays `01`: a code, never a number
            assert!(range
                .rows()
                .skip(1)
                .any(|r| r[0] == Data::String("01".into())));
        }
    }
    // the machine CSV: the stable names
    let csv = header(run(&["uncertainty", M, "--runs", "20", "--format", "csv"]));
    assert!(
        csv.starts_with("key,label,place,score,zone,place_median"),
        "{csv}"
    );
}

/// What people take away from a Russian methodology — the workbook, the Excel CSV, the
/// page — speaks Russian in the glossary's words (issue 31): no English heading, no code
/// word (`minmax`, `dense`, `when score`, `otherwise`, `2025-Q3`), no backtick; the period
/// in words, the effective date as 01.01.2025, the regions of a zone counted with the
/// noun's right form.
#[test]
fn a_russian_methodologys_workbook_csv_and_page_speak_russian() {
    const RECORDS: &str = "methodologies/pos/pos-2025.metodika";
    let code = [
        "minmax",
        "dense",
        "when score",
        "otherwise",
        "2025-Q",
        "`",
        "goalposts",
        "higher",
        "lower",
        "zscore",
    ];
    let cyrillic = |s: &str| {
        s.chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
    };
    let run = |format: &str, detail: bool| {
        let mut args = vec!["run", RECORDS, "--period", "2025-Q3", "--format", format];
        if detail {
            args.push("--detail");
        }
        let o = crate::util::bin()
            .args(&args)
            .env("METODIKA_LANG", "ru")
            .current_dir(root())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    // the workbook: every cell of every sheet
    let mut wb = workbook(run("xlsx", true));
    for sheet in wb.sheet_names() {
        assert!(cyrillic(&sheet), "sheet {sheet}");
        let range = wb.worksheet_range(&sheet).unwrap();
        let h = (0..range.height())
            .find(|&r| matches!(range.get((r, 0)), Some(Data::String(s)) if s == "Место" || s == "Код" || s == "Показатель"))
            .unwrap_or_else(|| panic!("{sheet}: no header"));
        for c in 0..range.width() {
            if let Some(Data::String(head)) = range.get((h, c)) {
                assert!(cyrillic(head), "{sheet}: heading {head}");
            }
        }
        for (r, row) in range.rows().enumerate() {
            for cell in row {
                if let Data::String(s) = cell {
                    for w in code {
                        assert!(!s.contains(w), "{sheet} row {r}: {w} in {s}");
                    }
                }
            }
        }
        if sheet == "Рейтинг" {
            let top: Vec<String> = (0..h)
                .filter_map(|r| match range.get((r, 0)) {
                    Some(Data::String(s)) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            assert!(
                top.iter().any(|l| l == "Действует с: 01.01.2025"),
                "{top:?}"
            );
            assert!(
                top.iter().any(|l| l
                    == "Период: III квартал 2025 г. (январь–сентябрь 2025 г., нарастающим итогом)"),
                "{top:?}"
            );
        }
    }
    // the Excel CSV's headings
    let excel = String::from_utf8(run("csv-excel", true)).unwrap();
    let header = excel.trim_start_matches('\u{feff}').lines().next().unwrap();
    for head in header.split(';') {
        assert!(cyrillic(head), "Excel CSV heading {head}");
    }
    // the page's text
    let page = String::from_utf8(run("html", false)).unwrap();
    let cut = |s: &str, open: &str, close: &str| {
        let mut out = String::new();
        let mut rest = s;
        while let Some(a) = rest.find(open) {
            out.push_str(&rest[..a]);
            rest = rest[a..]
                .find(close)
                .map_or("", |b| &rest[a + b + close.len()..]);
        }
        out + rest
    };
    let text = cut(&cut(&page, "<script", "</script>"), "<style", "</style>");
    let text = cut(&text, "<", ">");
    for w in code {
        assert!(!text.contains(w), "the page shows {w}");
    }
    assert!(text.contains("балл не ниже 650") && text.contains("остальные регионы"));
    assert!(text.contains("Действует с") && text.contains("01.01.2025"));
    assert!(text.contains("III квартал 2025 г."));
    // every «N регион…» with the noun's right form
    for (i, _) in text.match_indices(" регион") {
        let before = text[..i]
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or("");
        let Ok(n) = before.parse::<u64>() else {
            continue;
        };
        let word: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let want = match (n % 10, n % 100) {
            (1, r) if r != 11 => "регион",
            (2..=4, r) if !(12..=14).contains(&r) => "региона",
            _ => "регионов",
        };
        assert_eq!(word, want, "{n} {word}");
    }
}

/// A formula as people read it (issue 31): the ПОС rule's share of connected regional
/// bodies, in the workbook's methodology sheet, in the words and signs of a document.
#[test]
fn the_methodology_sheet_writes_formulas_in_words() {
    let o = metodika(&[
        "run",
        "methodologies/pos/pos-2025.metodika",
        "--period",
        "2025-Q3",
        "--format",
        "xlsx",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb = workbook(o.stdout);
    let range = wb.worksheet_range("Методика").unwrap();
    let row = (0..range.height())
        .find(|&r| {
            range.get((r, 0))
                == Some(&Data::String(
                    "Доля подключённых региональных органов власти".into(),
                ))
        })
        .expect("the indicator's row");
    assert_eq!(
        range.get((row, 1)),
        Some(&Data::String(
            "[число записей «organizations», где type = «орган власти региона» и connected ≤ конец периода] / [число записей «organizations», где type = «орган власти региона»]"
                .into()
        ))
    );
    // no code: no `==`, `<=`, `where`, `count(`
    for r in 0..range.height() {
        if let Some(Data::String(f)) = range.get((r, 1)) {
            for code in ["==", "<=", ">=", " where ", "count(", "share("] {
                assert!(!f.contains(code), "{code} in {f}");
            }
        }
    }
}

/// A run that takes the period of the newest record (no `--period`) names that period in
/// its workbook's title block too.
#[test]
fn a_workbook_names_the_period_the_run_took() {
    let o = metodika(&[
        "run",
        "methodologies/pos/pos-2025.metodika",
        "--format",
        "xlsx",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb = workbook(o.stdout);
    let range = wb.worksheet_range("Рейтинг").unwrap();
    let top: Vec<String> = (0..6)
        .filter_map(|r| match range.get((r, 0)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        top.iter().any(|l| l
            == "Период: IV квартал 2025 г. (январь–декабрь 2025 г., нарастающим итогом)"),
        "{top:?}"
    );
}
