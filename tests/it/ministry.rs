//! A ministry's own files (issue: headers as written, codes as numbers, not one record
//! lost): headers named quoted or by a name given once, title blocks and merged headers,
//! region codes matched by value with a warning, the header's fields in any order,
//! `--period` and regions by name in `explain` and `diff`, a revision over its base's
//! `uncertainty` block, and D014 under `previous(…)`.

use crate::util::{assert_close, bin, get, root, run_text, temp_with};
use metodika::{engine, load};
use std::path::Path;

/// A region table as a ministry sends it: a title block, headers with commas, units,
/// «», % and a line break folded to a space, decimal commas.
const MINISTRY: &str = "\
Сведения о жилищном фонде субъектов Российской Федерации;;;;
по состоянию на 01.01.2025;;;;
;;;;
Код;Субъект Российской Федерации;Численность населения, чел.;Число МКД, ед.;\"Доля МКД в «хорошем»
состоянии, %\"
01;Республика Адыгея (Адыгея);463088;4120;61,5
02;Республика Башкортостан;4091423;28115;55,2
07;Кабардино-Балкарская Республика;904200;3985;58,3
77;г. Москва;13149803;33012;72,1
";

/// Appeals as the platform exports them: codes as numbers (`1` for `01`), a Байконур row.
const APPEALS: &str = "\
Код субъекта,Дата обращения,\"Оценка, баллы\",Статус
1,2025-01-10,5,решено
1,2025-02-11,3,решено
2,2025-03-01,4,в работе
7,2025-01-05,2,решено
77,2025-03-31,5,решено
77.0,2025-03-31,4,решено
99,2025-02-02,5,решено
";

const METHODOLOGY: &str = r#"methodology "Рейтинг по обращениям в сфере ЖКХ" {
    key    "Код"
    label  "Субъект Российской Федерации"
    period quarterly
    note   "Квартальный рейтинг"
}

input regions "ministry.csv" {
    column население = "Численность населения, чел."
}

records appeals "appeals.csv" {
    key "Код субъекта"
    date "Дата обращения"
    unknown ignore
    column оценка = "Оценка, баллы"
}

indicator мкд "Число МКД на 1000 жителей" {
    value     = regions."Число МКД, ед." / население * 1000
    better    higher
    normalize minmax
}

indicator хорошие "Доля МКД в хорошем состоянии" {
    value     = regions."Доля МКД в «хорошем» состоянии, %"
    better    higher
    normalize minmax
}

indicator обращения "Обращения на 100 тыс. жителей" {
    value     = count(appeals) / население * 100_000
    better    lower
    normalize minmax
}

indicator оценка_средняя "Средняя оценка решённых обращений" {
    value     = mean(appeals.оценка where appeals."Статус" == "решено")
    better    higher
    normalize minmax
    missing   zero
}

score "Итоговый балл" mean {
    мкд
    хорошие
    обращения
    оценка_средняя
}
"#;

fn ministry_files() -> Vec<(&'static str, &'static str)> {
    vec![("ministry.csv", MINISTRY), ("appeals.csv", APPEALS)]
}

#[test]
fn headers_as_written_are_named_quoted_or_by_a_given_name() {
    let r = run_text(METHODOLOGY, &ministry_files()).unwrap();
    // the label as written, the key as the table writes it
    let row = r.rows.iter().find(|x| x.key == "07").expect("07");
    assert_eq!(row.label, "Кабардино-Балкарская Республика");
    assert_close(get(&r, "01", "мкд.raw"), 4120.0 / 463_088.0 * 1000.0);
    assert_close(get(&r, "77", "мкд.raw"), 33_012.0 / 13_149_803.0 * 1000.0);
    // a header with a line break in the cell: its white space folded to one space
    assert_close(get(&r, "02", "хорошие.raw"), 55.2);
    // 2025-Q1, the newest period: `1` and `01` one region, `77.0` is `77`
    assert_close(get(&r, "01", "обращения.raw"), 2.0 / 463_088.0 * 100_000.0);
    assert_close(
        get(&r, "77", "обращения.raw"),
        2.0 / 13_149_803.0 * 100_000.0,
    );
    assert_close(get(&r, "07", "обращения.raw"), 1.0 / 904_200.0 * 100_000.0);
    // a record column named by a given name, filtered by a quoted header
    assert_close(get(&r, "01", "оценка_средняя.raw"), 4.0);
    assert_close(get(&r, "77", "оценка_средняя.raw"), 4.5);
    assert_close(get(&r, "07", "оценка_средняя.raw"), 2.0);
    assert_eq!(get(&r, "02", "оценка_средняя.raw"), None);
    // nothing in silence: the codes matched by value are a warning, Байконур a note
    let warning = r
        .notes
        .iter()
        .find(|n| n.warning)
        .map(|n| n.text())
        .unwrap_or_else(|| panic!("no warning in {:?}", r.notes));
    assert!(
        warning.contains("(`1` for `01`)") && warning.contains("matched by the code's value"),
        "{warning}"
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.text().contains("`99` (1)") && n.text().contains("left out")),
        "{:?}",
        r.notes
    );
}

#[test]
fn fmt_keeps_quoted_headers_and_given_names() {
    let ast = metodika::syntax::parse(METHODOLOGY).unwrap();
    let once = metodika::fmt::format(&ast, METHODOLOGY);
    assert!(once.contains("regions.\"Число МКД, ед.\""), "{once}");
    // `Код` is a word: written bare
    assert!(once.contains("key       Код\n"), "{once}");
    assert!(
        once.contains("label     \"Субъект Российской Федерации\""),
        "{once}"
    );
    assert!(
        once.contains("column население = \"Численность населения, чел.\""),
        "{once}"
    );
    assert!(once.contains("column оценка = \"Оценка, баллы\""), "{once}");
    let again = metodika::fmt::format(&metodika::syntax::parse(&once).unwrap(), &once);
    assert_eq!(once, again, "fmt is not stable");
    // the same tree: only layout differs
    let a = serde_json::to_string(&ast).unwrap();
    let b = serde_json::to_string(&metodika::syntax::parse(&once).unwrap()).unwrap();
    assert_eq!(a, b);
    // a quoted header that is a word is written bare
    let src = "methodology \"Т\" {\n    key \"code\"\n}\ninput t \"t.csv\"\nindicator a \"А\" = t.\"a\"\n";
    let out = metodika::fmt::format(&metodika::syntax::parse(src).unwrap(), src);
    assert!(
        out.contains("key       code") && out.contains("= t.a"),
        "{out}"
    );
}

#[test]
fn a_header_with_escapes_is_written_back_escaped() {
    let src = "methodology \"Т\" {\n    key \"Код\\tрегиона\"\n}\ninput t \"t.csv\"\nindicator a \"А\" = t.\"Доля \\\"хороших\\\", %\"\n";
    let ast = metodika::syntax::parse(src).unwrap();
    let out = metodika::fmt::format(&ast, src);
    assert!(out.contains(r#"t."Доля \"хороших\", %""#), "{out}");
    assert!(out.contains(r#"key       "Код\tрегиона""#), "{out}");
}

#[test]
fn names_given_to_headers_are_checked() {
    let text = METHODOLOGY.replace(
        "column население = \"Численность населения, чел.\"",
        "column население = \"Численность населения\"\n    column население = \"Число МКД, ед.\"",
    );
    let e = run_text(&text, &ministry_files()).unwrap_err();
    // the header is not in the file: the nearest header, quoted as it would be written
    assert!(e.contains("E102"), "{e}");
    assert!(
        e.contains("did you mean `\"Численность населения, чел.\"`?"),
        "{e}"
    );
    // a name given twice
    assert!(e.contains("E122") && e.contains("given twice"), "{e}");
    // a name that is another column's header
    let text = METHODOLOGY.replace(
        "column население = \"Численность населения, чел.\"",
        "column население = \"Численность населения, чел.\"\n    column Код = \"Число МКД, ед.\"",
    );
    let e = run_text(&text, &ministry_files()).unwrap_err();
    assert!(
        e.contains("E122") && e.contains("already has a column `Код`"),
        "{e}"
    );
}

/// Every order of `items`, by Heap's algorithm.
fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    let mut a = items.to_vec();
    let mut out = vec![a.clone()];
    let mut c = vec![0usize; a.len()];
    let mut i = 0;
    while i < a.len() {
        if c[i] < i {
            a.swap(if i % 2 == 0 { 0 } else { c[i] }, i);
            out.push(a.clone());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

#[test]
fn the_header_parses_in_any_order_of_its_fields() {
    let fields = [
        "version \"1\"",
        "effective 2025-01-01",
        "key \"Код\"",
        "label name",
        "note \"n\"",
        "missing zero",
    ];
    for period in ["period quarterly", "period quarterly cumulative"] {
        let mut all: Vec<&str> = fields.to_vec();
        all.push(period);
        let orders = permutations(&all);
        assert_eq!(orders.len(), 5040);
        for order in orders {
            let src = format!("methodology \"Т\" {{\n    {}\n}}\n", order.join("\n    "));
            let m =
                metodika::syntax::parse(&src).unwrap_or_else(|e| panic!("{src}\n{}", e[0].message));
            let metodika::syntax::ast::Item::Header(h) = &m.items[0] else {
                panic!("no header")
            };
            assert_eq!(h.fields.len(), all.len(), "{src}");
            let p = h
                .fields
                .iter()
                .find_map(|f| match f {
                    metodika::syntax::ast::HeaderField::Period(a, b, _) => Some((a, b)),
                    _ => None,
                })
                .unwrap();
            assert_eq!(p.0.name, "quarterly");
            assert_eq!(p.1.is_some(), period.ends_with("cumulative"), "{src}");
        }
    }
}

/// The ПОС example copied to a scratch directory.
fn pos_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("methodologies/pos"), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Places and scores of `file` in `dir` for 2025-Q3, and the run's notes.
/// Each region's key, place and score.
type Places = Vec<(String, Option<f64>, Option<f64>)>;

fn ranked(dir: &Path, file: &str) -> (Places, Vec<metodika::notes::Note>) {
    let p = dir.join(file);
    let mut opts = load::options_for(&p);
    let loaded = load::load_file(&p, &opts).unwrap();
    let m = loaded.methodology.unwrap_or_else(|| {
        panic!(
            "{}",
            metodika::diag::render_all(&loaded.diagnostics, &loaded.file, Default::default())
        )
    });
    opts.period = Some(metodika::periods::Period::parse("2025-Q3", m.period.unwrap()).unwrap());
    let r = engine::run(&m, &opts).unwrap_or_else(|e| panic!("{e}"));
    let rows = r
        .rows
        .iter()
        .map(|x| (x.key.clone(), x.place, x.score))
        .collect();
    (rows, r.notes)
}

/// `01` → `1`: a code as a number writes it.
fn unpadded(code: &str) -> String {
    match code.trim_start_matches('0') {
        "" => "0".to_string(),
        s => s.to_string(),
    }
}

fn write_parquet_with_numeric_keys(file: &Path) {
    use polars::prelude::*;
    let mut df = LazyFrame::scan_parquet(
        PlRefPath::new(file.to_string_lossy().as_ref()),
        ScanArgsParquet::default(),
    )
    .unwrap()
    .with_column(col("region_code").cast(DataType::Int64))
    .collect()
    .unwrap();
    assert_eq!(df.column("region_code").unwrap().dtype(), &DataType::Int64);
    let f = std::fs::File::create(file).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
}

#[test]
fn the_pos_example_ranks_the_same_with_its_codes_written_as_numbers() {
    let base = pos_copy();
    let (want, notes) = ranked(base.path(), "pos-2025.metodika");
    assert_eq!(want.len(), 85);
    assert!(
        !notes.iter().any(|n| n.warning),
        "the example itself warns: {notes:?}"
    );
    let regions = std::fs::read_to_string(base.path().join("regions.csv")).unwrap();
    let unpadded_regions: String = regions
        .lines()
        .enumerate()
        .map(|(i, l)| match (i, l.split_once(',')) {
            (0, _) | (_, None) => format!("{l}\n"),
            (_, Some((code, rest))) => format!("{},{rest}\n", unpadded(code)),
        })
        .collect();
    assert!(unpadded_regions.contains("\n1,Республика Адыгея"));

    // 1. the region table's codes as numbers in a CSV
    let d = pos_copy();
    std::fs::write(d.path().join("regions.csv"), &unpadded_regions).unwrap();
    let (got, notes) = ranked(d.path(), "pos-2025.metodika");
    let as_numbers: Vec<_> = want.iter().map(|(k, p, s)| (unpadded(k), *p, *s)).collect();
    assert_eq!(got, as_numbers, "region CSV");
    assert!(notes.iter().any(|n| n.warning), "{notes:?}");

    // 2. the region table as a workbook, its codes number cells
    let d = pos_copy();
    {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (r, line) in regions.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(x) if r > 0 && (c == 0 || c == 8) => ws.write_number(r, c, x),
                    _ => ws.write_string(r, c, cell),
                }
                .unwrap();
            }
        }
        wb.save(d.path().join("regions.xlsx")).unwrap();
    }
    let text = std::fs::read_to_string(d.path().join("pos-2025.metodika"))
        .unwrap()
        .replace("\"regions.csv\"", "\"regions.xlsx\"");
    std::fs::write(d.path().join("pos-2025.metodika"), text).unwrap();
    let (got, _) = ranked(d.path(), "pos-2025.metodika");
    assert_eq!(got, as_numbers, "region workbook with number cells");

    // 3. the records as CSV, their codes as numbers
    let d = pos_copy();
    let p = d.path().join("pos-2025.metodika");
    let opts = load::options_for(&p);
    let m = load::load_file(&p, &opts).unwrap().methodology.unwrap();
    let mut text = std::fs::read_to_string(&p).unwrap();
    for (ri, r) in m.records.iter().enumerate() {
        let csv = d.path().join(format!("{}.csv", r.name));
        metodika::engine::write_records_csv(&m, ri, &opts, &csv).unwrap();
        let t = std::fs::read_to_string(&csv).unwrap();
        let numbers: String = t
            .lines()
            .enumerate()
            .map(|(i, l)| match (i, l.split_once(',')) {
                (0, _) | (_, None) => format!("{l}\n"),
                (_, Some((code, rest))) => format!("{},{rest}\n", unpadded(code)),
            })
            .collect();
        std::fs::write(&csv, numbers).unwrap();
        text = text.replace(&format!("\"{}\"", r.path), &format!("\"{}.csv\"", r.name));
    }
    std::fs::write(&p, text).unwrap();
    let (got, notes) = ranked(d.path(), "pos-2025.metodika");
    assert_eq!(got, want, "record CSVs with codes as numbers");
    assert!(
        notes
            .iter()
            .any(|n| n.warning && n.text().contains("`1` for `01`")),
        "{notes:?}"
    );

    // 4. the records as Parquet, their codes integers
    let d = pos_copy();
    for e in std::fs::read_dir(d.path().join("data/records")).unwrap() {
        write_parquet_with_numeric_keys(&e.unwrap().path());
    }
    let (got, notes) = ranked(d.path(), "pos-2025.metodika");
    assert_eq!(got, want, "record Parquet with integer codes");
    assert!(notes.iter().any(|n| n.warning), "{notes:?}");
}

/// A methodology over `regions.csv` (`code`, `name`) and `messages.csv` (its `options`):
/// one indicator a (name, value), the score their mean.
fn over_messages(options: &str, indicators: &[(&str, &str)]) -> String {
    let mut m = format!(
        "methodology \"Т\" {{\n    key   code\n    label name\n}}\ninput regions \"regions.csv\"\n\
         records messages \"messages.csv\" {options}\n"
    );
    for (name, value) in indicators {
        m.push_str(&format!(
            "indicator {name} \"{name}\" {{\n    value = {value}\n    better higher\n    normalize minmax\n}}\n"
        ));
    }
    let names: Vec<&str> = indicators.iter().map(|(n, _)| *n).collect();
    m.push_str(&format!("score \"Балл\" mean {{ {} }}\n", names.join(" ")));
    m
}

#[test]
fn keys_written_two_ways_add_up_in_one_region() {
    // `01`, ` 01`, `1` and `1.0` in one file: one region's records, counted together
    let regions = "code,name,pop\n01,Адыгея,10\n02,Башкортостан,20\n";
    let messages = "code,x\n01,1\n 01,2\n1,3\n1.0,4\n02,5\n";
    let m = over_messages(
        "",
        &[
            ("n", "count(messages)"),
            ("s", "sum(messages.x)"),
            ("md", "median(messages.x)"),
        ],
    );
    let r = run_text(&m, &[("regions.csv", regions), ("messages.csv", messages)]).unwrap();
    assert_close(get(&r, "01", "n.raw"), 4.0);
    assert_close(get(&r, "01", "s.raw"), 10.0);
    assert_close(get(&r, "01", "md.raw"), 2.5);
    assert_close(get(&r, "02", "n.raw"), 1.0);
    // counted together, and still told: `1` and `1.0` write the code `01` otherwise
    assert!(
        r.notes.iter().any(|n| n.warning
            && n.text().contains("2 records of 1 region")
            && n.text().contains("(`1` for `01`)")),
        "{:?}",
        r.notes
    );
}

#[test]
fn a_region_without_records_while_others_have_many_is_a_warning() {
    let mut regions = String::from("code,name,pop\n");
    let mut messages = String::from("code,x\n");
    for i in 1..=8 {
        regions.push_str(&format!("R{i},Регион {i},10\n"));
        if i != 3 {
            for _ in 0..100 {
                messages.push_str(&format!("R{i},1\n"));
            }
        }
    }
    let m = over_messages("", &[("n", "count(messages)")]);
    let r = run_text(
        &m,
        &[("regions.csv", &regions), ("messages.csv", &messages)],
    )
    .unwrap();
    let w = r
        .notes
        .iter()
        .find(|n| n.warning)
        .map(|n| n.text())
        .unwrap_or_else(|| panic!("no warning: {:?}", r.notes));
    assert!(
        w.contains("1 region has no record")
            && w.contains("`R3`")
            && w.contains("median region has 100"),
        "{w}"
    );
}

#[test]
fn a_workbook_with_a_title_block_and_merged_header_cells() {
    // row 1 a merged title; rows 3–4 the header: «Код» and «Субъект» merged down, «Число
    // обращений» merged across its years
    let dir = tempfile::tempdir().unwrap();
    {
        use rust_xlsxwriter::{Format, Workbook};
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let f = Format::new();
        ws.merge_range(0, 0, 0, 4, "Сведения об обращениях граждан", &f)
            .unwrap();
        ws.merge_range(2, 0, 3, 0, "Код", &f).unwrap();
        ws.merge_range(2, 1, 3, 1, "Субъект\nРоссийской Федерации", &f)
            .unwrap();
        ws.merge_range(2, 2, 2, 3, "Число обращений, ед.", &f)
            .unwrap();
        ws.write_number(3, 2, 2024.0).unwrap();
        ws.write_number(3, 3, 2025.0).unwrap();
        ws.merge_range(2, 4, 3, 4, "Население, чел.", &f).unwrap();
        let rows = [
            (1.0, "Адыгея", 10.0, 12.0, 100.0),
            (7.0, "Кабардино-Балкария", 30.0, 27.0, 300.0),
        ];
        for (i, (code, name, a, b, pop)) in rows.iter().enumerate() {
            let r = 4 + i as u32;
            ws.write_number(r, 0, *code).unwrap();
            ws.write_string(r, 1, *name).unwrap();
            ws.write_number(r, 2, *a).unwrap();
            ws.write_number(r, 3, *b).unwrap();
            ws.write_number(r, 4, *pop).unwrap();
        }
        wb.save(dir.path().join("обращения.xlsx")).unwrap();
    }
    let headers = metodika::data::workbook::read_workbook_header(
        "data",
        &dir.path().join("обращения.xlsx").to_string_lossy(),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(
        headers,
        [
            "Код",
            "Субъект Российской Федерации",
            "Число обращений, ед. 2024",
            "Число обращений, ед. 2025",
            "Население, чел."
        ]
    );
    // init writes a starter that checks and runs without touching the workbook
    let out = bin()
        .current_dir(dir.path())
        .args(["init", "обращения.xlsx"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let starter = std::fs::read_to_string(dir.path().join("обращения.metodika")).unwrap();
    assert!(starter.contains("key       Код\n"), "{starter}");
    assert!(
        starter.contains("data.\"Число обращений, ед. 2025\""),
        "{starter}"
    );
    assert!(
        starter.contains("\"Число обращений, ед. 2025\" {")
            || starter.contains("\"Число обращений, ед. 2025\""),
        "{starter}"
    );
    let run = bin()
        .current_dir(dir.path())
        .args(["run", "обращения.metodika", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}\n{starter}",
        String::from_utf8_lossy(&run.stderr)
    );
    let csv = String::from_utf8_lossy(&run.stdout);
    assert!(csv.contains("Кабардино-Балкария"), "{csv}");
}

#[test]
fn explain_takes_a_period_and_a_region_by_code_or_name() {
    let pos = root().join("methodologies/pos/pos-2025.metodika");
    let run = |args: &[&str]| {
        let out = bin().arg("explain").arg(&pos).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, by_code, e) = run(&["--region", "07", "--period", "2025-Q1"]);
    assert_eq!(code, Some(0), "{e}");
    assert!(by_code.contains("Кабардино-Балкарская"), "{by_code}");
    let (_, without_zero, _) = run(&["--region", "7", "--period", "2025-Q1"]);
    assert_eq!(by_code, without_zero);
    let (_, by_name, _) = run(&[
        "--region",
        "Кабардино-Балкарская Республика",
        "--period",
        "2025-Q1",
    ]);
    assert_eq!(by_code, by_name);
    // another quarter, another explanation
    let (code, q3, e) = run(&["--region", "07", "--period", "2025-Q3"]);
    assert_eq!(code, Some(0), "{e}");
    assert_ne!(by_code, q3);
    // a word of one region's name, and of several
    let (code, moscow, e) = run(&["--region", "Москва", "--period", "2025-Q1"]);
    assert_eq!(code, Some(0), "{e}");
    assert!(moscow.contains("Москва"), "{moscow}");
    let (code, _, e) = run(&["--region", "Республика", "--period", "2025-Q1"]);
    assert_eq!(code, Some(2), "{e}");
    assert!(e.contains("several regions"), "{e}");
    // in Russian, a code not found suggests by code and name
    let out = bin()
        .arg("explain")
        .arg(&pos)
        .args(["--region", "Масква", "--lang", "ru"])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("нет региона") && e.contains("`Москва`"), "{e}");
}

#[test]
fn diff_compares_two_quarters_under_one_methodology() {
    let pos = root().join("methodologies/pos/pos-2025.metodika");
    let out = bin()
        .arg("diff")
        .arg(&pos)
        .args([
            "--old-period",
            "2025-Q2",
            "--new-period",
            "2025-Q3",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let moved = j["regions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["old_place"] != r["new_place"])
        .count();
    assert!(moved > 0, "two quarters rank alike: {j}");
    // --period for both sides: the same quarter, nothing moves
    let out = bin()
        .arg("diff")
        .arg(&pos)
        .args(["--period", "2025-Q2", "--format", "json"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        j["regions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["old_place"] == r["new_place"]),
        "{j}"
    );
}

#[test]
fn d014_under_previous_names_the_quarter_and_the_file() {
    // only 2025's messages: Q1's `previous(…)` asks for 2024-Q4
    let d = pos_copy();
    std::fs::remove_file(d.path().join("data/records/messages-2024.parquet")).unwrap();
    std::fs::copy(
        d.path().join("data/records/messages-2025.parquet"),
        d.path().join("data/records/messages.parquet"),
    )
    .unwrap();
    let p = d.path().join("pos-2025.metodika");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("messages-{year}.parquet", "messages.parquet");
    std::fs::write(&p, text).unwrap();
    for (lang, want) in [
        (
            "en",
            [
                "2024-Q4",
                "the period before 2025-Q1",
                "`previous(…)`",
                "rank from 2025-Q2",
            ],
        ),
        (
            "ru",
            [
                "2024-Q4",
                "предыдущий период к 2025-Q1",
                "`previous(…)`",
                "начиная с 2025-Q2",
            ],
        ),
    ] {
        let out = bin()
            .arg("run")
            .arg(&p)
            .args(["--period", "2025-Q1", "--lang", lang])
            .output()
            .unwrap();
        let e = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{e}");
        assert!(e.contains("D014"), "{e}");
        for w in want {
            assert!(e.contains(w), "{lang}: {w} missing from {e}");
        }
        assert!(e.contains("messages.parquet"), "{e}");
    }
}

#[test]
fn a_revision_may_make_an_alternative_of_its_bases_block_its_nominal_choice() {
    let dir = temp_with(&[
        (
            "t.csv",
            "code,name,a,b\nA,Альфа,1,10\nB,Бета,2,30\nC,Гамма,3,20\n",
        ),
        (
            "base.metodika",
            r#"methodology "База" {
    key   code
    label name
}
input t "t.csv"
indicator a "А" {
    value = t.a
    better higher
    normalize minmax
}
indicator b "Б" {
    value = t.b
    better higher
    normalize minmax
}
score "Балл" mean { a b }
uncertainty {
    runs 10
    normalize a: zscore | rank
}
"#,
        ),
        (
            "rev.metodika",
            r#"methodology "Редакция 2" {
    extends "base.metodika"
    version "2"
}
change indicator a {
    normalize zscore
}
"#,
        ),
    ]);
    let p = dir.path().join("rev.metodika");
    let opts = load::options_for(&p);
    let loaded = load::load_file(&p, &opts).unwrap();
    let m = loaded.methodology.as_ref().unwrap_or_else(|| {
        panic!(
            "{}",
            metodika::diag::render_all(&loaded.diagnostics, &loaded.file, Default::default())
        )
    });
    // the alternative that is now nominal is dropped; the other stays
    let u = m.uncertainty.as_ref().unwrap();
    assert_eq!(u.normalize.len(), 1);
    assert_eq!(u.normalize[0].1.len(), 1);
    // a warning, in the revision's file
    let w = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == "W009")
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let at = w.span.unwrap();
    assert_eq!(&loaded.file.text[at.start..at.end], "normalize zscore");
    assert!(
        loaded.others.iter().all(|(_, d)| d.is_empty()),
        "{:?}",
        loaded.others
    );
}

/// The header shapes of real ministry exports: the key's header, the label's, and the
/// value columns' (units, commas, parentheses, «», №, %, dots, line breaks, years as
/// headers, reserved words, names that fold to the same identifier).
const KEYS: &[&str] = &[
    "Код",
    "Код субъекта",
    "Код ОКАТО",
    "код региона",
    "region_code",
];
const LABELS: &[&str] = &[
    "Субъект Российской Федерации",
    "Наименование субъекта РФ",
    "Субъект РФ",
    "Регион",
    "region_name",
];
const VALUES: &[&[&str]] = &[
    &["Численность населения, чел.", "Число МКД, ед."],
    &[
        "Площадь жилищного фонда, тыс. кв. м",
        "Доля ветхого жилья, %",
    ],
    &["2023", "2024", "2025"],
    &[
        "Обращения (всего)",
        "Обращения, всего",
        "Обращения (решено)",
    ],
    &["Доля ответов в срок, %", "Средняя оценка (1–5)"],
    &["appeals_total", "appeals.resolved"],
    &[
        "Число обращений\nна 100 тыс. жителей",
        "Доля «положительных» оценок, %",
    ],
    &["№ 1. Подключение", "№ 2. Ответы в срок"],
    &[
        "Показатель 1 (ед.)",
        "Показатель 2 (руб.)",
        "Показатель 3 (%)",
    ],
    &["value", "if", "score"],
    &["Исполнено, тыс. руб.", "План, тыс. руб.", "% исполнения"],
    &["Итого\n(гр. 3 + гр. 4)", "в т.ч. в электронном виде"],
];

/// One file of a ministry: its format, and whether it has a title block, merged header
/// cells (workbooks), its years as number cells and its codes as numbers.
struct Shape {
    key: &'static str,
    label: &'static str,
    values: &'static [&'static str],
    workbook: bool,
    title: bool,
    merged: bool,
    codes_as_numbers: bool,
    sep: char,
}

fn shapes() -> Vec<Shape> {
    let mut out = Vec::new();
    let mut i = 0usize;
    for (v, values) in VALUES.iter().enumerate() {
        for k in 0..KEYS.len() {
            let workbook = (v + k) % 2 == 0;
            out.push(Shape {
                key: KEYS[(k + v) % KEYS.len()],
                label: LABELS[(k * 3 + v) % LABELS.len()],
                values,
                workbook,
                title: i % 3 != 1,
                merged: workbook && i.is_multiple_of(4),
                codes_as_numbers: workbook && i.is_multiple_of(3),
                sep: if i.is_multiple_of(2) { ';' } else { ',' },
            });
            i += 1;
        }
    }
    out
}

const REGIONS: &[(&str, &str)] = &[
    ("01", "Республика Адыгея (Адыгея)"),
    ("02", "Республика Башкортостан"),
    ("07", "Кабардино-Балкарская Республика"),
    ("50", "Московская область"),
    ("77", "г. Москва"),
    ("92", "г. Севастополь"),
];

fn write_shape(dir: &Path, n: usize, s: &Shape) -> String {
    let value = |r: usize, c: usize| ((r * 7 + c * 13) % 29) as f64 + 0.5 * c as f64 + 1.0;
    if s.workbook {
        use rust_xlsxwriter::{Format, Workbook};
        let name = format!("данные {n}.xlsx");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let f = Format::new();
        let width = 2 + s.values.len() as u16;
        let mut top = 0u32;
        if s.title {
            ws.merge_range(
                0,
                0,
                0,
                width - 1,
                "Сведения для рейтинга субъектов Российской Федерации",
                &f,
            )
            .unwrap();
            ws.write_string(1, 0, "по состоянию на 01.01.2025").unwrap();
            top = 3;
        }
        let header_cell = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, h: &str| {
            match h.parse::<f64>() {
                Ok(x) => ws.write_number(r, c, x),
                Err(_) => ws.write_string(r, c, h),
            }
            .map(|_| ())
            .unwrap();
        };
        let first_row = if s.merged {
            // a two-row header: key and label merged down, a title over the values
            ws.merge_range(top, 0, top + 1, 0, s.key, &f).unwrap();
            ws.merge_range(top, 1, top + 1, 1, s.label, &f).unwrap();
            ws.merge_range(top, 2, top, width - 1, "Показатели", &f)
                .unwrap();
            for (c, h) in s.values.iter().enumerate() {
                header_cell(ws, top + 1, 2 + c as u16, h);
            }
            top + 2
        } else {
            header_cell(ws, top, 0, s.key);
            header_cell(ws, top, 1, s.label);
            for (c, h) in s.values.iter().enumerate() {
                header_cell(ws, top, 2 + c as u16, h);
            }
            top + 1
        };
        for (r, (code, label)) in REGIONS.iter().enumerate() {
            let row = first_row + r as u32;
            if s.codes_as_numbers {
                ws.write_number(row, 0, code.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                ws.write_string(row, 0, *code).unwrap();
            }
            ws.write_string(row, 1, *label).unwrap();
            for c in 0..s.values.len() {
                ws.write_number(row, 2 + c as u16, value(r, c)).unwrap();
            }
        }
        wb.save(dir.join(&name)).unwrap();
        name
    } else {
        let name = format!("данные {n}.csv");
        let q = |h: &str| {
            if h.contains(['"', '\n', s.sep]) {
                format!("\"{}\"", h.replace('"', "\"\""))
            } else {
                h.to_string()
            }
        };
        let sep = s.sep.to_string();
        let pad = sep.repeat(1 + s.values.len());
        let mut text = String::new();
        if s.title {
            text.push_str(&format!(
                "Сведения для рейтинга субъектов Российской Федерации{pad}\n"
            ));
            text.push_str(&format!("по состоянию на 01.01.2025{pad}\n{pad}\n"));
        }
        let mut header = vec![q(s.key), q(s.label)];
        header.extend(s.values.iter().map(|h| q(h)));
        text.push_str(&header.join(&sep));
        text.push('\n');
        for (r, (code, label)) in REGIONS.iter().enumerate() {
            let mut row = vec![code.to_string(), q(label)];
            for c in 0..s.values.len() {
                let v = value(r, c).to_string();
                row.push(if s.sep == ';' { v.replace('.', ",") } else { v });
            }
            text.push_str(&row.join(&sep));
            text.push('\n');
        }
        std::fs::write(dir.join(&name), text).unwrap();
        name
    }
}

#[test]
fn init_writes_a_starter_that_checks_and_runs_for_every_header_shape() {
    let shapes = shapes();
    assert!(shapes.len() >= 50, "{} shapes", shapes.len());
    assert!(shapes.iter().any(|s| s.merged) && shapes.iter().any(|s| s.codes_as_numbers));
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (n, s) in shapes.iter().enumerate() {
        let data = write_shape(dir.path(), n, s);
        let out = bin()
            .current_dir(dir.path())
            .args(["init", &data])
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!(
                "{data}: init: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let starter = Path::new(&data).with_extension("metodika");
        let text = std::fs::read_to_string(dir.path().join(&starter)).unwrap();
        // every value column is an indicator, its header its title
        for h in s.values.iter() {
            let title = match s.merged {
                true => format!("Показатели {}", metodika::data::header_name(h)),
                false => metodika::data::header_name(h),
            };
            if !text.contains(&metodika::syntax::string_text(&title)) {
                failures.push(format!("{data}: no indicator titled {title:?}:\n{text}"));
            }
        }
        for cmd in ["check", "run"] {
            let out = bin()
                .current_dir(dir.path())
                .arg(cmd)
                .arg(&starter)
                .output()
                .unwrap();
            if !out.status.success() {
                failures.push(format!(
                    "{data}: {cmd}: {}\n{text}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            } else if cmd == "run" {
                let table = String::from_utf8_lossy(&out.stdout);
                for (_, label) in REGIONS {
                    if !table.contains(label) {
                        failures.push(format!("{data}: {label} not ranked:\n{table}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn init_writes_a_header_with_a_line_break_into_comments_on_one_line() {
    let csv = "code,name,\"note\nexclude when data.b < 40 \"\"нет данных\"\"\n#\",b\nA,Альфа,1,50\nB,Бета,2,30\nC,Гамма,3,20\n";
    let dir = temp_with(&[("t.csv", csv)]);
    let out = bin()
        .current_dir(dir.path())
        .args(["init", "t.csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("t.metodika")).unwrap();
    let m = metodika::syntax::parse(&text).unwrap();
    assert!(
        !m.items
            .iter()
            .any(|i| matches!(i, metodika::syntax::ast::Item::Exclude(_))),
        "the header's text became live:\n{text}"
    );
    let out = bin()
        .current_dir(dir.path())
        .args(["run", "t.metodika", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.lines().skip(1).all(|l| l.ends_with(',')),
        "nothing excluded: {csv}"
    );
}

#[test]
fn unknown_ignore_never_leaves_out_every_record() {
    // keys that match no region at all, even by value: refused, not a ranking on nothing
    let regions = "code,name,pop\nA01,Адыгея,10\nA02,Башкортостан,20\n";
    let messages = "code,x\n1,1\n2,2\n1\u{200b},3\n";
    let m = over_messages("{ unknown ignore }", &[("n", "count(messages)")]);
    let e = run_text(&m, &[("regions.csv", regions), ("messages.csv", messages)]).unwrap_err();
    assert!(
        e.contains("D013") && e.contains("every record of the period"),
        "{e}"
    );
    assert!(e.contains("`A01`"), "the help shows a code as written: {e}");
}

/// Between region tables too: the second table's `1` is the first's `01`, with a warning
/// naming the table; a code neither has by value is still D010.
#[test]
fn region_tables_match_codes_by_value() {
    let m = "methodology \"Т\" {\n    key   code\n    label name\n}\ninput a \"a.csv\"\ninput b \"b.csv\"\nindicator x \"X\" {\n    value = a.x + b.y\n    better higher\n    normalize minmax\n}\nscore \"Балл\" mean { x }\n";
    let a = "code,name,x\n01,Адыгея,1\n02,Башкортостан,2\n10,Карелия,3\n";
    let b = "code,y\n1,10\n2.0,20\n10,30\n";
    let r = run_text(m, &[("a.csv", a), ("b.csv", b)]).unwrap();
    assert_close(get(&r, "01", "x.raw"), 11.0);
    assert_close(get(&r, "02", "x.raw"), 22.0);
    assert_close(get(&r, "10", "x.raw"), 33.0);
    assert!(
        r.notes.iter().any(|n| n.warning
            && n.text().contains("input `b`")
            && n.text().contains("2 regions' codes")
            && n.text().contains("(`1` for `01`)")),
        "{:?}",
        r.notes
    );
    let e = run_text(m, &[("a.csv", a), ("b.csv", "code,y\n1,10\n3,20\n10,30\n")]).unwrap_err();
    assert!(e.contains("D010"), "{e}");
}
