//! Record inputs (issue 13): every aggregate over records, with filters on text, dates,
//! numbers and conditions, against numbers worked out by hand — from CSV and from
//! Parquet, by every evaluator; regions without records; the errors of bad records.

use crate::util::{assert_close, get, run_text, temp_with};
use metodika::{engine, load, report};

const REGIONS: &str = "region_code,region_name,population\n\
A,Альфа,1000\n\
B,Бета,2000\n\
C,Гамма,4000\n\
D,Дельта,500\n";

/// Nine messages: A has four, B three, C two, D none.
const MESSAGES: &str = "region_code;status;answer_days;rating;created;urgent;author\n\
A;answered;3;5;10.01.2025;да;Иванов\n\
A;answered;12;4;2025-02-03;нет;Петров\n\
A;open;;;15.03.2025;нет;Иванов\n\
A;answered;7;;2025-03-20;нет;Сидорова\n\
B;answered;5;3;2025-01-20;нет;Орлов\n\
B;answered;40;1;2025-01-21;да;Орлов\n\
B;rejected;2;2;2025-03-02;нет;Орлов\n\
C;answered;10;4;2025-02-10;нет;Лебедева\n\
C;answered;9;2;2025-04-11;да;Лебедева\n";

fn methodology(value: &str, missing: &str) -> String {
    format!(
        "methodology \"Записи\" {{ key region_code label region_name }}\n\
         input regions \"regions.csv\"\n\
         records messages \"messages.csv\" {{ date created }}\n\
         indicator v \"V\" {{ value = {value} better higher normalize none missing {missing} }}\n\
         score \"S\" {{ v }}\n"
    )
}

/// The raw value of `value` for A, B, C, D (D has no records).
fn raw(value: &str) -> Vec<Option<f64>> {
    let r = run_text(
        &methodology(value, "value(-1)"),
        &[("regions.csv", REGIONS), ("messages.csv", MESSAGES)],
    )
    .unwrap_or_else(|e| panic!("{value}: {e}"));
    ["A", "B", "C", "D"]
        .iter()
        .map(|k| get(&r, k, "v.raw"))
        .collect()
}

#[track_caller]
fn expect(value: &str, want: [Option<f64>; 4]) {
    let got = raw(value);
    for (k, (g, w)) in ["A", "B", "C", "D"].iter().zip(got.iter().zip(want)) {
        match (g, w) {
            (Some(g), Some(w)) => assert_close(Some(*g), w),
            (None, None) => {}
            _ => panic!("{value}, region {k}: got {g:?}, want {w:?}"),
        }
    }
}

#[test]
fn every_aggregate_by_hand() {
    // counts: D has no records, and counts 0
    expect(
        "count(messages)",
        [Some(4.0), Some(3.0), Some(2.0), Some(0.0)],
    );
    expect(
        "count(messages where status == \"answered\")",
        [Some(3.0), Some(2.0), Some(2.0), Some(0.0)],
    );
    // share: of all the region's records; missing without records
    expect(
        "share(messages where status == \"answered\" and answer_days <= 10)",
        [Some(0.5), Some(1.0 / 3.0), Some(1.0), None],
    );
    // sums count only the values present; 0 without records
    expect(
        "sum(messages.answer_days)",
        [Some(22.0), Some(47.0), Some(19.0), Some(0.0)],
    );
    // means and medians of the values present; missing without records
    expect(
        "mean(messages.rating)",
        [Some(4.5), Some(2.0), Some(3.0), None],
    );
    expect(
        "median(messages.answer_days)",
        [Some(7.0), Some(5.0), Some(9.5), None],
    );
    expect(
        "min(messages.answer_days)",
        [Some(3.0), Some(2.0), Some(9.0), None],
    );
    expect(
        "max(messages.answer_days)",
        [Some(12.0), Some(40.0), Some(10.0), None],
    );
    // the 90% quantile, linear: A's days 3, 7, 12 → 7 + 0.8·5 = 11
    expect(
        "quantile(messages.answer_days, 90%)",
        [Some(11.0), Some(5.0 + 0.8 * 35.0), Some(9.0 + 0.9), None],
    );
    expect(
        "count_distinct(messages.author)",
        [Some(3.0), Some(1.0), Some(1.0), Some(0.0)],
    );
}

#[test]
fn filters_on_text_dates_conditions_and_missing_values() {
    // dates in both spellings compare as dates: A's are Jan 10, Feb 3, Mar 15, Mar 20
    expect(
        "count(messages where created >= 2025-02-01 and created < 2025-04-01)",
        [Some(3.0), Some(1.0), Some(1.0), Some(0.0)],
    );
    expect(
        "count(messages where status in (\"open\", \"rejected\"))",
        [Some(1.0), Some(1.0), Some(0.0), Some(0.0)],
    );
    // a condition column, `not`, `missing`
    expect(
        "count(messages where urgent)",
        [Some(1.0), Some(1.0), Some(1.0), Some(0.0)],
    );
    expect(
        "count(messages where not urgent and not missing(rating))",
        [Some(1.0), Some(2.0), Some(1.0), Some(0.0)],
    );
    // arithmetic on columns; the record input's name may be written
    expect(
        "mean(messages.answer_days * 24 where messages.answer_days * 24 <= 240)",
        [Some(120.0), Some(84.0), Some(228.0), None],
    );
    // a filter that keeps none of a region's records: count 0, no mean
    expect(
        "mean(messages.rating where status == \"closed\")",
        [None, None, None, None],
    );
}

#[test]
fn aggregates_mix_with_region_values_and_the_policy_fills_what_is_missing() {
    expect(
        "count(messages) / regions.population * 1000",
        [Some(4.0), Some(1.5), Some(0.5), Some(0.0)],
    );
    // D has no ratings: `missing median` takes the median of 4.5, 2, 3
    let r = run_text(
        &methodology("mean(messages.rating)", "median"),
        &[("regions.csv", REGIONS), ("messages.csv", MESSAGES)],
    )
    .unwrap();
    assert_close(get(&r, "D", "v.value"), 3.0);
    assert!(r.rows.iter().find(|x| x.key == "D").unwrap().indicators[0].was_missing);
}

fn write_parquet(dir: &std::path::Path) {
    use polars::prelude::*;
    let days = |s: &str| metodika::data::records::parse_date(s).unwrap();
    let mut df = df!(
        "region_code" => ["A", "A", "A", "A", "B", "B", "B", "C", "C"],
        "status" => ["answered", "answered", "open", "answered", "answered", "answered", "rejected", "answered", "answered"],
        "answer_days" => [Some(3i64), Some(12), None, Some(7), Some(5), Some(40), Some(2), Some(10), Some(9)],
        "rating" => [Some(5.0f64), Some(4.0), None, None, Some(3.0), Some(1.0), Some(2.0), Some(4.0), Some(2.0)],
        "urgent" => [true, false, false, false, false, true, false, false, true],
        "author" => ["Иванов", "Петров", "Иванов", "Сидорова", "Орлов", "Орлов", "Орлов", "Лебедева", "Лебедева"],
    )
    .unwrap();
    let created: Vec<i32> = [
        "2025-01-10",
        "2025-02-03",
        "2025-03-15",
        "2025-03-20",
        "2025-01-20",
        "2025-01-21",
        "2025-03-02",
        "2025-02-10",
        "2025-04-11",
    ]
    .iter()
    .map(|d| days(d))
    .collect();
    let created = Series::new("created".into(), created)
        .cast(&DataType::Date)
        .unwrap();
    df.with_column(created.into_column()).unwrap();
    let f = std::fs::File::create(dir.join("messages.parquet")).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
}

/// The streaming engine (which bounds memory by the groups, not the records) and the
/// in-memory one give the same aggregates to the last bit; by default a run streams
/// unless an aggregate adds fractions, whose sum would depend on the order of batches.
#[test]
fn streaming_and_in_memory_aggregates_are_the_same() {
    let dir = temp_with(&[("regions.csv", REGIONS)]);
    write_parquet(dir.path());
    let values = [
        (
            "count(messages where status == \"answered\" and urgent)",
            true,
        ),
        (
            "share(messages where created < 2025-03-01 or missing(answer_days))",
            true,
        ),
        (
            "sum(messages.answer_days where status in (\"answered\", \"open\"))",
            true,
        ),
        ("mean(messages.answer_days * 2 - 1)", true),
        (
            "median(messages.rating) + quantile(messages.answer_days, 0.9)",
            true,
        ),
        (
            "min(messages.rating) + max(messages.answer_days where not urgent)",
            true,
        ),
        ("count_distinct(messages.author where rating >= 2)", true),
        ("mean(messages.rating where not urgent)", false),
        ("sum(messages.answer_days / 3)", false),
    ];
    for (value, streams) in values {
        let text = methodology(value, "zero").replace("messages.csv", "messages.parquet");
        let p = dir.path().join("m.metodika");
        std::fs::write(&p, text).unwrap();
        let mut opts = load::options_for(&p);
        let m = load::load_file(&p, &opts).unwrap().methodology.unwrap();
        let plan = engine::describe_plan(&m, &opts).unwrap();
        assert_eq!(
            plan.contains("aggregated by the streaming engine (every aggregate"),
            streams,
            "{value}: {plan}"
        );
        let mut csvs = Vec::new();
        for streaming in [None, Some(true), Some(false)] {
            opts.streaming = streaming;
            let r = crate::util::same_by_every_evaluator(&m, &opts).unwrap();
            csvs.push(report::csv(&r, true));
        }
        // order-free aggregates: the same by both engines; sums of fractions are
        // added in memory by default (streaming adds them otherwise: `sum(answer_days /
        // 3)` differs in its last bits here)
        assert_eq!(csvs[0], csvs[2], "{value}");
        if streams {
            assert_eq!(csvs[0], csvs[1], "{value}");
        }
    }
}

#[test]
fn parquet_records_give_what_csv_records_give() {
    let value = "share(messages where status == \"answered\" and created < 2025-03-01) \
                 + mean(messages.rating where not urgent) + count_distinct(messages.author) \
                 + quantile(messages.answer_days, 0.5) + sum(messages.answer_days where urgent)";
    let text = methodology(value, "value(-1)");
    let dir = temp_with(&[("regions.csv", REGIONS), ("messages.csv", MESSAGES)]);
    write_parquet(dir.path());
    let run = |file: &str| {
        let p = dir.path().join("m.metodika");
        std::fs::write(&p, text.replace("messages.csv", file)).unwrap();
        let opts = load::options_for(&p);
        let loaded = load::load_file(&p, &opts).unwrap();
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let m = loaded.methodology.unwrap();
        let r = crate::util::same_by_every_evaluator(&m, &opts).unwrap();
        metodika::report::csv(&r, true)
    };
    let (csv, parquet) = (run("messages.csv"), run("messages.parquet"));
    assert_eq!(csv, parquet);
    // A: 2 of 4 answered before March, mean rating 4 (not urgent), 3 authors, median 7
    // days, 3 days urgent: 17.5
    let r = run_text(
        &text,
        &[("regions.csv", REGIONS), ("messages.csv", MESSAGES)],
    )
    .unwrap();
    assert_close(get(&r, "A", "v.raw"), 0.5 + 4.0 + 3.0 + 7.0 + 3.0);
}

#[test]
fn the_checker_knows_the_types_of_record_columns() {
    let dir = temp_with(&[("regions.csv", REGIONS), ("messages.csv", MESSAGES)]);
    let check = |value: &str| -> Vec<String> {
        let p = dir.path().join("m.metodika");
        std::fs::write(&p, methodology(value, "zero")).unwrap();
        let opts = load::options_for(&p);
        let loaded = load::load_file(&p, &opts).unwrap();
        loaded
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect()
    };
    // text compared with a number; a date with text; the mean of text
    let d = check("count(messages where status == 1)");
    assert!(
        d.iter()
            .any(|d| d.starts_with("E501") && d.contains("compares text with a number")),
        "{d:?}"
    );
    let d = check("count(messages where created == \"2025\")");
    assert!(
        d.iter()
            .any(|d| d.starts_with("E501") && d.contains("a date with text")),
        "{d:?}"
    );
    let d = check("mean(messages.author)");
    assert!(
        d.iter()
            .any(|d| d.starts_with("E501") && d.contains("needs numbers, found text")),
        "{d:?}"
    );
    // an unknown column, with a suggestion
    let d = check("count(messages where stauts == \"open\")");
    assert!(
        d.iter()
            .any(|d| d.starts_with("E102") && d.contains("stauts")),
        "{d:?}"
    );
    // a column of the region table inside the filter
    let d = check("count(messages where answer_days <= regions.population)");
    assert!(d.iter().any(|d| d.starts_with("E116")), "{d:?}");
    // a record column outside an aggregate
    let d = check("messages.answer_days");
    assert!(d.iter().any(|d| d.starts_with("E115")), "{d:?}");
}

fn run_err(messages: &str, records_line: &str) -> String {
    let text = methodology("count(messages)", "zero").replace(
        "records messages \"messages.csv\" { date created }",
        records_line,
    );
    run_text(
        &text,
        &[("regions.csv", REGIONS), ("messages.csv", messages)],
    )
    .unwrap_err()
}

#[test]
fn records_of_unknown_regions_stop_the_run_unless_ignored() {
    let extra = format!("{MESSAGES}X;answered;1;5;2025-01-01;нет;Кто-то\nX;open;;;2025-01-02;нет;Кто-то\nY;open;;;2025-01-03;нет;Никто\n");
    let e = run_err(&extra, "records messages \"messages.csv\"");
    assert!(e.contains("D013"), "{e}");
    assert!(e.contains("3 records of 2 regions"), "{e}");
    assert!(e.contains("`X` (2)") && e.contains("`Y` (1)"), "{e}");
    // ignored on request, and counted in a note
    let text = methodology("count(messages)", "zero").replace(
        "records messages \"messages.csv\" { date created }",
        "records messages \"messages.csv\" { unknown ignore }",
    );
    let r = run_text(&text, &[("regions.csv", REGIONS), ("messages.csv", &extra)]).unwrap();
    assert_close(get(&r, "A", "v.raw"), 4.0);
    assert!(
        r.notes
            .iter()
            .any(|n| n.text().contains("3 records of 2 regions") && n.text().contains("left out")),
        "{:?}",
        r.notes
    );
}

#[test]
fn a_record_without_a_key_or_a_bad_date_names_its_line() {
    let no_key = format!("{MESSAGES};answered;1;5;2025-01-01;нет;Кто-то\n");
    let e = run_err(&no_key, "records messages \"messages.csv\"");
    assert!(e.contains("D005") && e.contains("without a key"), "{e}");
    assert!(e.contains(":11"), "the line of the record: {e}");
    // within the rows the checker samples, a slip among dates leaves the column dates
    // (issue 35, item 20: it was "holds text", no cell named): the run names the cell;
    // beyond them, the same
    let bad_date = MESSAGES.replace("15.03.2025", "31.02.2025");
    let e = run_err(
        &bad_date,
        "records messages \"messages.csv\" { date created }",
    );
    assert!(
        e.contains("D012") && e.contains("`31.02.2025` is not a date") && !e.contains("E501"),
        "{e}"
    );
    // a column of text stays text: E501
    let words = MESSAGES.replace("15.03.2025", "весной");
    let e = run_err(&words, "records messages \"messages.csv\" { date created }");
    assert!(
        e.contains("E501") && e.contains("holds text, not dates"),
        "{e}"
    );
    let mut many = MESSAGES.to_string();
    for _ in 0..1000 {
        many.push_str("C;answered;1;5;2025-05-05;нет;Лебедева\n");
    }
    many.push_str("C;answered;1;5;31.02.2025;нет;Лебедева\n");
    let e = run_err(&many, "records messages \"messages.csv\" { date created }");
    assert!(
        e.contains("D012") && e.contains("`31.02.2025` is not a date"),
        "{e}"
    );
    assert!(e.contains(":1011"), "the line of the cell: {e}");
}

/// Parquet keys stored as numbers (`1` for `01`) name their regions by the code's value,
/// and the run warns that the file writes its codes otherwise.
#[test]
fn parquet_keys_stored_as_numbers_are_matched_with_a_warning() {
    use polars::prelude::*;
    let regions = "region_code,region_name,population\n01,Один,10\n02,Два,20\n";
    let dir = temp_with(&[("regions.csv", regions)]);
    let mut df = df!("region_code" => [1i64, 2, 2], "status" => ["a", "b", "a"]).unwrap();
    let f = std::fs::File::create(dir.path().join("m.parquet")).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
    let p = dir.path().join("m.metodika");
    let text = methodology("count(messages)", "zero").replace(
        "records messages \"messages.csv\" { date created }",
        "records messages \"m.parquet\"",
    );
    std::fs::write(&p, text).unwrap();
    let opts = load::options_for(&p);
    let m = load::load_file(&p, &opts).unwrap().methodology.unwrap();
    let r = engine::run(&m, &opts).unwrap();
    assert_close(get(&r, "01", "v.raw"), 1.0);
    assert_close(get(&r, "02", "v.raw"), 2.0);
    assert!(
        r.notes.iter().any(|n| n.warning
            && n.text().contains("3 records of 2 regions")
            && n.text().contains("(`1` for `01`)")),
        "{:?}",
        r.notes
    );
}

/// Run `value` for A, B, C, D under a period scheme, for `period`.
fn in_period(
    value: &str,
    header: &str,
    records: &str,
    period: &str,
) -> Result<Vec<Option<f64>>, String> {
    let text = methodology(value, "value(-1)")
        .replace(
            "{ key region_code label region_name }",
            &format!("{{ key region_code label region_name {header} }}"),
        )
        .replace(
            "records messages \"messages.csv\" { date created }",
            records,
        );
    let dir = temp_with(&[
        ("regions.csv", REGIONS),
        ("messages.csv", MESSAGES),
        ("m.metodika", &text),
    ]);
    let p = dir.path().join("m.metodika");
    let mut opts = load::options_for(&p);
    let loaded = load::load_file(&p, &opts).unwrap();
    let Some(m) = loaded.methodology else {
        return Err(loaded
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect::<Vec<_>>()
            .join("\n"));
    };
    if !period.is_empty() {
        opts.period = Some(metodika::periods::Period::parse(period, m.period.unwrap()).unwrap());
    }
    let r = crate::util::same_by_every_evaluator(&m, &opts)?;
    Ok(["A", "B", "C", "D"]
        .iter()
        .map(|k| get(&r, k, "v.raw"))
        .collect())
}

const DATED: &str = "records messages \"messages.csv\" { date created }";

#[test]
fn a_period_counts_its_records_cumulative_from_january_or_its_own() {
    let q = "period quarterly cumulative";
    // the first quarter: C's April message is not in it
    assert_eq!(
        in_period("count(messages)", q, DATED, "2025-Q1").unwrap(),
        [Some(4.0), Some(3.0), Some(1.0), Some(0.0)]
    );
    // the second, from January
    assert_eq!(
        in_period("count(messages)", q, DATED, "2025-Q2").unwrap(),
        [Some(4.0), Some(3.0), Some(2.0), Some(0.0)]
    );
    // not cumulative: April to June only
    let own = "period quarterly";
    assert_eq!(
        in_period("count(messages)", own, DATED, "2025-Q2").unwrap(),
        [Some(0.0), Some(0.0), Some(1.0), Some(0.0)]
    );
    // a month; without --period, every record
    let m = "period monthly";
    assert_eq!(
        in_period("count(messages)", m, DATED, "2025-03").unwrap(),
        [Some(2.0), Some(1.0), Some(0.0), Some(0.0)]
    );
    assert_eq!(
        in_period("count(messages)", q, DATED, "").unwrap(),
        [Some(4.0), Some(3.0), Some(2.0), Some(0.0)]
    );
    // a stock counts everything up to the period's end
    let stock = "records messages \"messages.csv\" { date created stock }";
    assert_eq!(
        in_period("count(messages)", own, stock, "2025-Q1").unwrap(),
        [Some(4.0), Some(3.0), Some(1.0), Some(0.0)]
    );
}

/// `period_start` and `period_end` in a filter are the days of the period the aggregate
/// counts: a stock's records of that period only, and under `previous(…)` the days of
/// the period before.
#[test]
fn a_filter_compares_dates_with_the_period_it_counts() {
    let m = "period monthly";
    let stock = "records messages \"messages.csv\" { date created stock }";
    let feb = "count(messages where created >= period_start)";
    // February: the stock keeps January and February, the filter February only
    assert_eq!(
        in_period(feb, m, stock, "2025-02").unwrap(),
        [Some(1.0), Some(0.0), Some(1.0), Some(0.0)]
    );
    assert_eq!(
        in_period(&format!("previous({feb})"), m, stock, "2025-03").unwrap(),
        [Some(1.0), Some(0.0), Some(1.0), Some(0.0)]
    );
    // March's records, every one dated before its end
    assert_eq!(
        in_period(
            "count(messages where created <= period_end)",
            m,
            DATED,
            "2025-03"
        )
        .unwrap(),
        [Some(2.0), Some(1.0), Some(0.0), Some(0.0)]
    );
    // without periods there is no period to compare with (E118); a date it is (E501)
    let e = in_period("count(messages where created <= period_end)", "", DATED, "").unwrap_err();
    assert!(
        e.contains("E118") && e.contains("`period_end` needs the reporting periods"),
        "{e}"
    );
    let e = in_period(
        "count(messages where rating <= period_end)",
        m,
        DATED,
        "2025-03",
    )
    .unwrap_err();
    assert!(e.contains("E501"), "{e}");
}

#[test]
fn previous_aggregates_over_the_period_before() {
    let q = "period quarterly";
    // growth from Q1 to Q2 (not cumulative): C has 1 message in each
    let v = in_period(
        "count(messages) - previous(count(messages))",
        q,
        DATED,
        "2025-Q2",
    )
    .unwrap();
    assert_eq!(v, [Some(-4.0), Some(-3.0), Some(0.0), Some(0.0)]);
    // without `--period`, the run is for the period of the newest record (C's April
    // message: 2025-Q2), so `previous` counts the first quarter
    let v = in_period("previous(count(messages))", q, DATED, "").unwrap();
    assert_eq!(v, [Some(4.0), Some(3.0), Some(1.0), Some(0.0)]);
    // without periods in the header, the checker refuses it (E118)
    let e = in_period("previous(count(messages))", "", DATED, "").unwrap_err();
    assert!(e.contains("E118"), "{e}");
    // so it does records without a date under periods
    let e = in_period(
        "count(messages)",
        q,
        "records messages \"messages.csv\"",
        "",
    )
    .unwrap_err();
    assert!(e.contains("E118") && e.contains("no `date`"), "{e}");
}

#[test]
fn a_period_without_records_is_an_error_never_a_ranking_of_zeros() {
    let e = in_period("count(messages)", "period quarterly", DATED, "2025-Q4").unwrap_err();
    assert!(e.contains("D014"), "{e}");
    assert!(e.contains("2025-10-01 … 2025-12-31"), "{e}");
    assert!(
        e.contains("its records run from 2025-01-10 to 2025-04-11"),
        "{e}"
    );
}

/// A methodology of one indicator `value` under cumulative quarters, written beside the
/// data: its folder (kept while the test runs) and its path.
fn quarterly(value: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let text = methodology(value, "zero").replace(
        "{ key region_code label region_name }",
        "{ key region_code label region_name period quarterly cumulative }",
    );
    let dir = temp_with(&[
        ("regions.csv", REGIONS),
        ("messages.csv", MESSAGES),
        ("m.metodika", &text),
    ]);
    let file = dir.path().join("m.metodika");
    (dir, file)
}

/// `--period` as a user writes it: the run counts that period's records; a period the
/// scheme does not write, or one with no records, stops it with a message.
#[test]
fn the_command_line_takes_a_period() {
    let (_dir, file) = quarterly("count(messages)");
    let run = |period: &str| {
        crate::util::bin()
            .args([
                "run",
                file.to_str().unwrap(),
                "--format",
                "csv",
                "--detail",
                "--period",
                period,
            ])
            .output()
            .unwrap()
    };
    let o = crate::util::bin()
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("1 aggregate over 1 record input"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = run("2025-Q1");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8_lossy(&o.stdout).to_string();
    // C has one message in the first quarter (its second is in April)
    let c = csv.lines().find(|l| l.contains(",C,")).unwrap();
    assert!(c.contains(",1,1,"), "{csv}");
    // without `--period`: the period of the newest record, and a note that says so
    let o = crate::util::bin()
        .args(["run", file.to_str().unwrap(), "--format", "csv", "--detail"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("period 2025-Q2 (2025-01-01 … 2025-06-30): that of the newest record (`messages`, 2025-04-"),
        "{err}"
    );
    let csv = String::from_utf8_lossy(&o.stdout).to_string();
    let c = csv.lines().find(|l| l.contains(",C,")).unwrap();
    assert!(c.contains(",2,2,"), "{csv}");
    let o = run("2025-07");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("write it as `2025-Q3`"));
    let o = run("2026-Q1");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("D014") && err.contains("no records of `messages` in 2026-Q1"),
        "{err}"
    );
}

/// `--periods`: place and score in each period, and the change from the first to the
/// last, in every format.
#[test]
fn a_panel_of_periods() {
    let (_dir, file) = quarterly("count(messages where status == \"answered\")");
    let panel = |format: &str| {
        let o = crate::util::bin()
            .args([
                "run",
                file.to_str().unwrap(),
                "--periods",
                "2025-Q1..2025-Q2",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    // answered messages: Q1 A 3, B 2, C 1; Q2 (from January) C has 2
    let csv = panel("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "key,label,2025-Q1.place,2025-Q1.score,2025-Q1.zone,2025-Q2.place,2025-Q2.score,2025-Q2.zone,place_change,score_change"
    );
    let c = csv.lines().find(|l| l.starts_with("C,")).unwrap();
    assert_eq!(c, "C,Гамма,3,1,,2,2,,1,1", "{csv}");
    let a = csv.lines().find(|l| l.starts_with("A,")).unwrap();
    assert_eq!(a, "A,Альфа,1,3,,1,3,,0,0", "{csv}");
    let json: serde_json::Value = serde_json::from_str(&panel("json")).unwrap();
    assert_eq!(json["periods"], serde_json::json!(["2025-Q1", "2025-Q2"]));
    let c = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "C")
        .unwrap();
    assert_eq!(c["periods"][1]["place"], 2.0);
    assert_eq!(c["place_change"], 1.0);
    let table = panel("table");
    assert!(
        table.contains("Q1  Q2  place change  Q2 score") && table.contains("Гамма"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("Гамма") && l.contains("+1")),
        "{table}"
    );
    let md = panel("markdown");
    assert!(
        md.starts_with("### Записи") && md.contains("| C | Гамма |"),
        "{md}"
    );
}

/// explain shows each aggregate over records with the records it took.
#[test]
fn explain_shows_each_aggregate_with_its_counts() {
    let value = "share(messages where status == \"answered\" and answer_days <= 10) + mean(messages.rating) + count(messages where urgent)";
    let text = methodology(value, "zero");
    let dir = temp_with(&[
        ("regions.csv", REGIONS),
        ("messages.csv", MESSAGES),
        ("m.metodika", &text),
    ]);
    let p = dir.path().join("m.metodika");
    let opts = load::options_for(&p);
    let m = load::load_file(&p, &opts).unwrap().methodology.unwrap();
    let r = engine::run(&m, &opts).unwrap();
    let a = metodika::report::explain(&m, &r, "A").unwrap();
    assert!(a.contains("share(messages where status == \"answered\" and answer_days <= 10): 2 of 4 messages = 0.5"), "{a}");
    assert!(
        a.contains("mean(messages.rating) = 4.5 (2 values, of 4 messages)"),
        "{a}"
    );
    assert!(
        a.contains("count(messages where urgent): 1 of 4 messages"),
        "{a}"
    );
    let d = metodika::report::explain(&m, &r, "D").unwrap();
    assert!(d.contains("0 of 0 messages = —"), "{d}");
}

/// diff names what changed in an aggregate over records, comparing trees, not texts.
#[test]
fn diff_names_a_changed_filter() {
    let dir = temp_with(&[("regions.csv", REGIONS), ("messages.csv", MESSAGES)]);
    let checked = |value: &str| {
        let p = dir.path().join("m.metodika");
        std::fs::write(&p, methodology(value, "zero")).unwrap();
        let opts = load::options_for(&p);
        load::load_file(&p, &opts).unwrap().methodology.unwrap()
    };
    let old = checked("share(messages where answer_days <= 30) * 100");
    // the same, written otherwise: no change
    let same = checked("share(messages where (messages.answer_days) <= 30) * 100");
    assert_eq!(metodika::diff::changes(&old, &same), vec![]);
    let new = checked("share(messages where answer_days <= 15) * 100");
    let c = metodika::diff::changes(&old, &new);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].name, "v");
    assert_eq!(
        c[0].what,
        "the filter of `share(messages …)` changed: answer_days <= 30 → answer_days <= 15"
    );
    // in Russian, the two aggregates in words, not the English record (issue 31)
    let said = metodika::i18n::with_lang(metodika::i18n::Lang::Ru, || {
        metodika::report::diff::change_words(&c[0]).2
    });
    assert!(
        said.starts_with("агрегат: ") && said.contains("≤ 30") && said.contains("≤ 15"),
        "{said}"
    );
    assert!(!said.contains("filter") && !said.contains("<="), "{said}");
    let other = checked("count(messages where answer_days <= 30) * 100");
    let c = metodika::diff::changes(&old, &other);
    assert_eq!(
        c[0].what,
        "aggregate: share(messages where answer_days <= 30) → count(messages where answer_days <= 30)"
    );
}

/// `--emit plan` shows each record input's aggregation: a Parquet scan reads only the
/// columns used and only the period's rows, one group_by holds every aggregate.
#[test]
fn the_plan_shows_the_records_scan_and_its_group_by() {
    let dir = temp_with(&[("regions.csv", REGIONS)]);
    write_parquet(dir.path());
    let text = methodology(
        "count(messages where status == \"answered\") + mean(messages.rating)",
        "zero",
    )
    .replace(
        "{ key region_code label region_name }",
        "{ key region_code label region_name period quarterly }",
    )
    .replace("messages.csv", "messages.parquet");
    let p = dir.path().join("m.metodika");
    std::fs::write(&p, text).unwrap();
    let mut opts = load::options_for(&p);
    let m = load::load_file(&p, &opts).unwrap().methodology.unwrap();
    opts.period = Some(metodika::periods::Period::parse("2025-Q1", m.period.unwrap()).unwrap());
    let plan = engine::describe_plan(&m, &opts).unwrap();
    assert!(
        plan.contains("records `messages`, 2025-Q1, aggregated by "),
        "{plan}"
    );
    // a mean of fractions (the ratings are floats in this file) is added in memory
    assert!(
        plan.contains("aggregated by in memory (a sum of fractions would depend on the order"),
        "{plan}"
    );
    assert!(
        plan.contains("AGGREGATE") && plan.contains("rec:0") && plan.contains("rec:1"),
        "{plan}"
    );
    // the scan: only the four columns used, the period's filter pushed into it
    let scan = plan
        .split("Parquet SCAN")
        .nth(1)
        .unwrap_or_else(|| panic!("{plan}"));
    assert!(
        scan.contains("PROJECT 4/7 COLUMNS"),
        "only the columns used: {plan}"
    );
    assert!(
        scan.contains("SELECTION") && scan.contains("created"),
        "the period's filter in the scan: {plan}"
    );
    assert!(plan.contains("regions:"), "{plan}");
}

/// `data/messages-{year}.csv`: one file a year, read as one input; a period reads the
/// files of its years, `previous` those of the period before; without a period, all.
#[test]
fn a_file_a_year_through_a_path_template() {
    let y2024 = "region_code;status;answer_days;rating;created;urgent;author\n\
A;answered;3;5;2024-11-10;да;Иванов\nB;answered;5;4;2024-12-01;нет;Орлов\nB;open;;;2024-12-02;нет;Орлов\n";
    let text = methodology("count(messages) - previous(count(messages))", "zero")
        .replace(
            "{ key region_code label region_name }",
            "{ key region_code label region_name period quarterly }",
        )
        .replace("\"messages.csv\"", "\"data/messages-{year}.csv\"");
    let dir = temp_with(&[
        ("regions.csv", REGIONS),
        ("data/messages-2024.csv", y2024),
        ("data/messages-2025.csv", MESSAGES),
        ("m.metodika", &text),
    ]);
    let p = dir.path().join("m.metodika");
    let loaded = load::load_file(&p, &load::options_for(&p)).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let m = loaded.methodology.unwrap();
    let run = |period: &str| {
        let mut opts = load::options_for(&p);
        opts.period = Some(metodika::periods::Period::parse(period, m.period.unwrap()).unwrap());
        crate::util::same_by_every_evaluator(&m, &opts)
    };
    // 2025-Q1 against 2024-Q4, each from its own file: A 4 − 1, B 3 − 2, C 1 − 0
    let r = run("2025-Q1").unwrap();
    let v: Vec<_> = ["A", "B", "C", "D"]
        .iter()
        .map(|k| get(&r, k, "v.raw"))
        .collect();
    assert_eq!(v, [Some(3.0), Some(1.0), Some(1.0), Some(0.0)]);
    // a year without its file stops the run, naming the file
    let e = run("2026-Q1").unwrap_err();
    assert!(
        e.contains("no file for 2026") && e.contains("messages-2026.csv"),
        "{e}"
    );
}

/// Hostile record files end in a coded error naming the file, never a panic: missing, a
/// folder, binary, a ragged row, a header without the key; a file of only a header is
/// a region table with no records (counts 0).
#[test]
fn hostile_record_files() {
    let text = methodology("count(messages)", "zero").replace(" { date created }", "");
    let run = |files: &[(&str, &str)]| {
        let mut all = vec![("regions.csv", REGIONS)];
        all.extend_from_slice(files);
        run_text(&text, &all)
    };
    let e = run(&[]).unwrap_err();
    assert!(e.contains("D001") || e.contains("W003"), "missing: {e}");
    let e = run(&[(
        "messages.csv",
        "region_code;status\nA;ok\nB;ok;extra;fields\n",
    )])
    .unwrap_err();
    assert!(e.contains("D004") && e.contains(":3"), "ragged: {e}");
    let e = run(&[("messages.csv", "status;days\nok;1\n")]).unwrap_err();
    assert!(
        e.contains("E102") && e.contains("no key column `region_code`"),
        "no key: {e}"
    );
    let e = run(&[("messages.csv", "\u{0}\u{1}\u{2}binary\u{0}")]).unwrap_err();
    assert!(e.contains("D00"), "binary: {e}");
    let r = run(&[("messages.csv", "region_code;status\n")]).unwrap();
    assert_eq!(get(&r, "A", "v.raw"), Some(0.0));
    // a folder where the file should be
    let dir = temp_with(&[("regions.csv", REGIONS), ("m.metodika", &text)]);
    std::fs::create_dir(dir.path().join("messages.csv")).unwrap();
    let p = dir.path().join("m.metodika");
    let opts = load::options_for(&p);
    let loaded = load::load_file(&p, &opts).unwrap();
    let m = loaded.methodology.unwrap();
    let e = engine::run(&m, &opts).unwrap_err().to_string();
    assert!(e.contains("D001"), "a folder: {e}");
}

/// Dates and conditions written as text in a Parquet file (`31.03.2025`, `да`) are told
/// by a sample, as in CSV, and read as dates and conditions; a bad cell names its row.
#[test]
fn parquet_dates_and_conditions_written_as_text() {
    use polars::prelude::*;
    let write = |dir: &std::path::Path, created: [&str; 4]| {
        let mut df = df!(
            "region_code" => ["A", "A", "B", "C"],
            "created" => created,
            "urgent" => ["да", "нет", "нет", "да"],
        )
        .unwrap();
        let f = std::fs::File::create(dir.join("messages.parquet")).unwrap();
        ParquetWriter::new(f).finish(&mut df).unwrap();
    };
    let text = methodology(
        "count(messages where created >= 2025-02-01 and not urgent)",
        "zero",
    )
    .replace("messages.csv", "messages.parquet");
    let dir = temp_with(&[("regions.csv", REGIONS), ("m.metodika", &text)]);
    write(
        dir.path(),
        ["10.01.2025", "2025-03-15", "03.02.2025", "20.03.2025"],
    );
    let p = dir.path().join("m.metodika");
    let opts = load::options_for(&p);
    let loaded = load::load_file(&p, &opts).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let m = loaded.methodology.unwrap();
    let r = crate::util::same_by_every_evaluator(&m, &opts).unwrap();
    let v: Vec<_> = ["A", "B", "C", "D"]
        .iter()
        .map(|k| get(&r, k, "v.raw"))
        .collect();
    assert_eq!(v, [Some(1.0), Some(1.0), Some(0.0), Some(0.0)]);
    // a bad date after the check: the run names the row
    write(
        dir.path(),
        ["10.01.2025", "2025-03-15", "31.02.2025", "20.03.2025"],
    );
    let e = engine::run(&m, &opts).unwrap_err().to_string();
    assert!(
        e.contains("D012") && e.contains("row 3, column `created`: `31.02.2025` is not a date"),
        "{e}"
    );
}

/// Aggregates over records may decide exclusions and break ties, as region columns do.
#[test]
fn aggregates_in_exclusions_and_tie_breakers() {
    let text = methodology("count(messages where status == \"answered\")", "zero")
        .replace(
            "indicator v",
            "exclude when count(messages) == 0 \"нет сообщений\"\nindicator v",
        )
        .replace(
            "score \"S\" { v }",
            "score \"S\" { v }\nrank { ties dense then mean(messages.rating) desc }",
        );
    let r = run_text(
        &text,
        &[("regions.csv", REGIONS), ("messages.csv", MESSAGES)],
    )
    .unwrap();
    let d = r.rows.iter().find(|x| x.key == "D").unwrap();
    assert_eq!(d.excluded.as_deref(), Some("нет сообщений"));
    // B and C both have 2 answered messages; C's mean rating (3) beats B's (2)
    let order: Vec<&str> = r.rows.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(order, ["A", "C", "B", "D"]);
}

/// Under `missing error`, a region whose aggregate has no value is named with the
/// aggregate and the records it had.
#[test]
fn a_missing_aggregate_under_missing_error_is_named() {
    let text = methodology(
        "mean(messages.rating where status == \"answered\")",
        "error",
    );
    let e = run_text(
        &text,
        &[("regions.csv", REGIONS), ("messages.csv", MESSAGES)],
    )
    .unwrap_err();
    assert!(e.contains("R001"), "{e}");
    assert!(
        e.contains("region D (Дельта), indicator `v`: `mean(messages.rating where status == \"answered\")` has no value: 0 of the region's 0 messages counted"),
        "{e}"
    );
}

/// A CSV record file's column types are told from its header and first 1,000 rows (as
/// docs/language.md says), not from the 20 lines its separator is told from: text in
/// row 600 makes a column text; text in row 1,200 is met by the run instead.
#[test]
fn csv_record_types_come_from_a_thousand_rows() {
    use metodika::data::records::{csv_schema, ColType};
    let mut text = String::from("region_code;kind;late;after\n");
    for i in 0..1500 {
        let kind = if i == 600 { "жалоба" } else { "1" };
        let after = if i == 1200 { "позже" } else { "2" };
        text.push_str(&format!("77;{kind};3;{after}\n"));
    }
    let dir = temp_with(&[("r.csv", &text)]);
    let p = dir.path().join("r.csv");
    let schema = csv_schema("r", &p.to_string_lossy(), None).unwrap();
    assert_eq!(
        schema,
        vec![
            ("region_code".to_string(), ColType::Number),
            ("kind".to_string(), ColType::Text),
            ("late".to_string(), ColType::Number),
            ("after".to_string(), ColType::Number),
        ]
    );
}

/// A Parquet record column of durations or times of day is no number: refused by name,
/// never averaged as micro- or nanoseconds; a FIFO as a record file is refused, not waited on.
#[test]
fn parquet_durations_times_and_pipes_are_refused() {
    use polars::prelude::*;
    let regions = "region_code,region_name,population\n01,Один,10\n02,Два,20\n";
    for (ty, want) in [
        (
            DataType::Duration(TimeUnit::Microseconds),
            "holds durations",
        ),
        (DataType::Time, "holds times of day"),
    ] {
        let dir = temp_with(&[("regions.csv", regions)]);
        let days = Series::new("days".into(), [86_400_000_000i64, 2 * 86_400_000_000])
            .cast(&ty)
            .unwrap();
        let mut df = DataFrame::new(
            2,
            vec![
                Series::new("region_code".into(), ["01", "02"]).into_column(),
                days.into_column(),
            ],
        )
        .unwrap();
        let f = std::fs::File::create(dir.path().join("m.parquet")).unwrap();
        ParquetWriter::new(f).finish(&mut df).unwrap();
        let p = dir.path().join("m.metodika");
        let text = methodology("mean(messages.days)", "zero").replace(
            "records messages \"messages.csv\" { date created }",
            "records messages \"m.parquet\"",
        );
        std::fs::write(&p, text).unwrap();
        let opts = load::options_for(&p);
        let loaded = load::load_file(&p, &opts).unwrap();
        let e = match loaded.methodology {
            Some(m) => engine::run(&m, &opts).unwrap_err().to_string(),
            None => {
                metodika::diag::render_all(&loaded.diagnostics, &loaded.file, Default::default())
            }
        };
        assert!(e.contains(want), "{ty}: {e}");
    }
    #[cfg(unix)]
    {
        let dir = temp_with(&[("regions.csv", regions)]);
        let fifo = dir.path().join("m.parquet");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(ok.success());
        let p = dir.path().join("m.metodika");
        let text = methodology("count(messages)", "zero").replace(
            "records messages \"messages.csv\" { date created }",
            "records messages \"m.parquet\"",
        );
        std::fs::write(&p, text).unwrap();
        let out = crate::util::bin().arg("run").arg(&p).output().unwrap();
        let e = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{e}");
        assert!(e.contains("D001") && e.contains("FIFO"), "{e}");
    }
}

/// Every file a `{year}` template matches stays inside the methodology's directory: a year's
/// file that is a link leading out is refused (D011) by `run`, and by `check` too, its
/// contents never shown; a template beside the methodology (no folder) is listed from the
/// current directory, not refused as "cannot list ``".
#[cfg(unix)]
#[test]
fn a_template_never_reads_outside_the_methodologys_directory() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.csv"),
        "region_code;status;answer_days;rating;created;urgent;author\nSECRET-TOKEN-abc123;open;;;2025-01-01;нет;X\n",
    )
    .unwrap();
    let text = methodology("count(messages)", "zero")
        .replace("\"messages.csv\"", "\"m-{year}.csv\"")
        .replace(
            "{ key region_code label region_name }",
            "{ key region_code label region_name period yearly }",
        );
    let dir = temp_with(&[
        ("regions.csv", REGIONS),
        ("m-2024.csv", MESSAGES),
        ("m.metodika", &text),
    ]);
    std::os::unix::fs::symlink(
        outside.path().join("secret.csv"),
        dir.path().join("m-2025.csv"),
    )
    .unwrap();
    let out = crate::util::bin()
        .current_dir(dir.path())
        .args(["run", "m.metodika", "--period", "2025"])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{e}");
    assert!(e.contains("through a link"), "{e}");
    assert!(!e.contains("SECRET-TOKEN"), "{e}");
    let out = crate::util::bin()
        .current_dir(dir.path())
        .args(["check", "m.metodika"])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("through a link") && !e.contains("SECRET-TOKEN"),
        "{e}"
    );
    // allowed on request, as any input outside
    let out = crate::util::bin()
        .current_dir(dir.path())
        .args(["--allow-outside", "check", "m.metodika"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("through a link"));
    // the plain template beside the methodology, from its own directory
    std::fs::remove_file(dir.path().join("m-2025.csv")).unwrap();
    std::fs::write(dir.path().join("m-2025.csv"), MESSAGES).unwrap();
    let out = crate::util::bin()
        .current_dir(dir.path())
        .args(["run", "m.metodika", "--period", "2025"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One far-off record never chooses the period: a date in the year 20251 is refused (D012),
/// and a `9999-12-31` ("no end") alone in its quarter, after a gap, is refused with the
/// day the others end on (D014) — in English and Russian; `--period` still ranks.
#[test]
fn a_far_off_date_never_chooses_the_period() {
    use polars::prelude::*;
    let regions = "region_code,region_name,population\n01,Один,10\n02,Два,20\n";
    let dir = temp_with(&[("regions.csv", regions)]);
    let write = |days: &[i32]| {
        let n = days.len();
        let codes: Vec<&str> = (0..n)
            .map(|i| if i % 2 == 0 { "01" } else { "02" })
            .collect();
        let mut df = DataFrame::new(
            n,
            vec![
                Series::new("region_code".into(), codes).into_column(),
                Series::new("created".into(), days.to_vec())
                    .cast(&DataType::Date)
                    .unwrap()
                    .into_column(),
            ],
        )
        .unwrap();
        let f = std::fs::File::create(dir.path().join("m.parquet")).unwrap();
        ParquetWriter::new(f).finish(&mut df).unwrap();
    };
    let day = |y: i64, m: u32, d: u32| metodika::data::records::days_from_civil(y, m, d) as i32;
    let mut days: Vec<i32> = (0..2000).map(|i| day(2025, 1, 1) + i % 300).collect();
    let p = dir.path().join("m.metodika");
    let text = methodology("count(messages)", "zero")
        .replace(
            "{ key region_code label region_name }",
            "{ key region_code label region_name period quarterly }",
        )
        .replace("\"messages.csv\"", "\"m.parquet\"");
    std::fs::write(&p, text).unwrap();
    let run = |args: &[&str]| {
        let o = crate::util::bin()
            .arg("run")
            .arg(&p)
            .args(args)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    // a year of five digits
    days.push(day(20251, 11, 15));
    write(&days);
    let (code, e) = run(&[]);
    assert_eq!(code, Some(1), "{e}");
    assert!(e.contains("D012") && e.contains("20251-11-15"), "{e}");
    // "no end"
    days.pop();
    days.push(day(9999, 12, 31));
    write(&days);
    let (code, e) = run(&[]);
    assert_eq!(code, Some(1), "{e}");
    assert!(
        e.contains("D014") && e.contains("9999-12-31") && e.contains("9999-Q4"),
        "{e}"
    );
    assert!(
        e.contains("2025-10-27") && e.contains("--period 2025-Q4"),
        "{e}"
    );
    let (_, e) = run(&["--lang", "ru"]);
    assert!(e.contains("без срока") && e.contains("2025-10-27"), "{e}");
    // named, the period ranks
    let (code, e) = run(&["--period", "2025-Q3"]);
    assert_eq!(code, Some(0), "{e}");
    // many records of a late period are a period, not a slip
    days.pop();
    days.extend((0..100).map(|_| day(2026, 5, 1)));
    write(&days);
    let (code, e) = run(&[]);
    assert_eq!(code, Some(0), "{e}");
    assert!(e.contains("2026-Q2"), "{e}");
}

/// Keys written with spaces around them are the region's key: in a CSV file (` A`, `A `)
/// and in Parquet, where each way of writing is grouped apart first, then added up — never
/// one overwriting the other.
#[test]
fn keys_with_spaces_around_them_add_up() {
    use polars::prelude::*;
    let messages = "region_code;status;answer_days;rating;created;urgent;author\n\
A;answered;1;5;2025-01-10;да;И\n A;answered;2;5;2025-01-11;да;И\nA ;answered;3;5;2025-01-12;да;И\n\
B;answered;4;5;2025-01-13;да;И\n";
    let value = "count(messages) + sum(messages.answer_days) / 100";
    let text = methodology(value, "zero");
    let r = run_text(
        &text,
        &[("regions.csv", REGIONS), ("messages.csv", messages)],
    )
    .unwrap();
    assert_close(get(&r, "A", "v.raw"), 3.06);
    assert_close(get(&r, "B", "v.raw"), 1.04);
    // the same in Parquet
    let dir = temp_with(&[("regions.csv", REGIONS)]);
    let mut df = df!(
        "region_code" => ["A", " A", "A ", "B"],
        "answer_days" => [1.0f64, 2.0, 3.0, 4.0],
        "created" => ["2025-01-10", "2025-01-11", "2025-01-12", "2025-01-13"]
    )
    .unwrap();
    let f = std::fs::File::create(dir.path().join("m.parquet")).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
    let p = dir.path().join("m.metodika");
    std::fs::write(&p, text.replace("\"messages.csv\"", "\"m.parquet\"")).unwrap();
    let opts = load::options_for(&p);
    let m = load::load_file(&p, &opts).unwrap().methodology.unwrap();
    let r = crate::util::same_by_every_evaluator(&m, &opts).unwrap();
    assert_close(get(&r, "A", "v.raw"), 3.06);
    assert_close(get(&r, "B", "v.raw"), 1.04);
}

/// A stock counted from a file a year reads every year up to the period's end, not the
/// period's year alone: bodies connected in 2024 still count in 2025-Q1.
#[test]
fn a_stock_over_a_file_a_year_counts_the_years_before() {
    let y2024 = "region_code;status;answer_days;rating;created;urgent;author\n\
A;answered;1;5;2024-03-10;да;И\nA;answered;1;5;2024-12-31;да;И\nB;answered;1;5;2024-06-01;да;И\n";
    let y2025 = "region_code;status;answer_days;rating;created;urgent;author\n\
A;answered;1;5;2025-03-31;да;И\nA;answered;1;5;2025-04-01;да;И\nC;answered;1;5;2025-02-01;нет;И\n";
    let text = methodology("count(messages)", "zero")
        .replace(
            "{ key region_code label region_name }",
            "{ key region_code label region_name period quarterly }",
        )
        .replace(
            "records messages \"messages.csv\" { date created }",
            "records messages \"m-{year}.csv\" { date created  stock }",
        );
    let dir = temp_with(&[
        ("regions.csv", REGIONS),
        ("m-2024.csv", y2024),
        ("m-2025.csv", y2025),
        ("m.metodika", &text),
    ]);
    let p = dir.path().join("m.metodika");
    let loaded = load::load_file(&p, &load::options_for(&p)).unwrap();
    let m = loaded.methodology.unwrap();
    let mut opts = load::options_for(&p);
    opts.period = Some(metodika::periods::Period::parse("2025-Q1", m.period.unwrap()).unwrap());
    let r = crate::util::same_by_every_evaluator(&m, &opts).unwrap();
    // A: two of 2024 and the one on the quarter's last day; not 2025-04-01
    assert_close(get(&r, "A", "v.raw"), 3.0);
    assert_close(get(&r, "B", "v.raw"), 1.0);
    assert_close(get(&r, "C", "v.raw"), 1.0);
    assert_close(get(&r, "D", "v.raw"), 0.0);
}

/// NaN and infinities in a Parquet record file's numbers are refused (D006, counted and
/// named by column), as the CSV reader refuses them — never averaged into a NaN score.
#[test]
fn parquet_numbers_that_are_not_finite_are_refused() {
    use polars::prelude::*;
    let regions = "region_code,region_name,population\n01,Один,10\n02,Два,20\n";
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let dir = temp_with(&[("regions.csv", regions)]);
        let mut df = df!(
            "region_code" => ["01", "02", "02"],
            "answer_days" => [1.0f64, bad, 3.0]
        )
        .unwrap();
        let f = std::fs::File::create(dir.path().join("m.parquet")).unwrap();
        ParquetWriter::new(f).finish(&mut df).unwrap();
        let p = dir.path().join("m.metodika");
        let text = methodology("mean(messages.answer_days)", "zero").replace(
            "records messages \"messages.csv\" { date created }",
            "records messages \"m.parquet\"",
        );
        std::fs::write(&p, text).unwrap();
        let opts = load::options_for(&p);
        let m = load::load_file(&p, &opts).unwrap().methodology.unwrap();
        let e = engine::run(&m, &opts).unwrap_err().to_string();
        assert!(
            e.contains("D006")
                && e.contains("1 value of the column `answer_days` is not a finite number"),
            "{bad}: {e}"
        );
    }
}

/// Every file of a `{year}` template is read by the types `check` found in the newest: a
/// 2024 file whose column holds dates where 2025's holds numbers is refused by name
/// (D009), never averaged as day numbers.
#[test]
fn every_file_of_a_template_is_read_by_the_checked_types() {
    use polars::prelude::*;
    let dir = temp_with(&[("regions.csv", REGIONS)]);
    let write = |year: i32, days: Series| {
        let created = Series::new(
            "created".into(),
            [format!("{year}-01-10"), format!("{year}-02-10")],
        );
        let mut df = DataFrame::new(
            2,
            vec![
                Series::new("region_code".into(), ["A", "B"]).into_column(),
                days.with_name("answer_days".into()).into_column(),
                created.into_column(),
            ],
        )
        .unwrap();
        let f = std::fs::File::create(dir.path().join(format!("m-{year}.parquet"))).unwrap();
        ParquetWriter::new(f).finish(&mut df).unwrap();
    };
    write(
        2024,
        Series::new("d".into(), [19_723i32, 19_724])
            .cast(&DataType::Date)
            .unwrap(),
    );
    write(2025, Series::new("d".into(), [3.0f64, 5.0]));
    let p = dir.path().join("m.metodika");
    let text = methodology("mean(messages.answer_days)", "zero")
        .replace(
            "{ key region_code label region_name }",
            "{ key region_code label region_name period yearly }",
        )
        .replace("\"messages.csv\"", "\"m-{year}.parquet\"");
    std::fs::write(&p, text).unwrap();
    let opts = load::options_for(&p);
    let loaded = load::load_file(&p, &opts).unwrap();
    let m = loaded.methodology.unwrap();
    let mut o = load::options_for(&p);
    o.period = Some(metodika::periods::Period::parse("2025", m.period.unwrap()).unwrap());
    let r = engine::run(&m, &o).unwrap();
    assert_close(get(&r, "A", "v.raw"), 3.0);
    o.period = Some(metodika::periods::Period::parse("2024", m.period.unwrap()).unwrap());
    let e = engine::run(&m, &o).unwrap_err().to_string();
    assert!(e.contains("D009") && e.contains("holds dates"), "{e}");
    assert!(e.contains("m-2024.parquet"), "{e}");
}

/// A timestamp stored with its time zone is dated by its local day there: 22:30 UTC on
/// 31 March is 01:30 on 1 April in Moscow, counted in the second quarter; a timestamp
/// without a zone is dated as written.
#[test]
fn a_timestamp_is_dated_by_its_local_day() {
    use polars::prelude::*;
    let dir = temp_with(&[("regions.csv", REGIONS)]);
    let utc = |y: i64, m: u32, d: u32, h: i64, min: i64| {
        (metodika::data::records::days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60)
            * 1_000_000
    };
    let stamps = Series::new(
        "created".into(),
        [
            utc(2025, 3, 31, 22, 30),
            utc(2025, 3, 31, 20, 0),
            utc(2025, 2, 1, 10, 0),
        ],
    );
    let write = |zone: Option<&str>, file: &str| {
        let ty = DataType::Datetime(
            TimeUnit::Microseconds,
            TimeZone::opt_try_new(zone.map(|z| z.to_string())).unwrap(),
        );
        let mut df = DataFrame::new(
            3,
            vec![
                Series::new("region_code".into(), ["A", "A", "B"]).into_column(),
                stamps
                    .cast(&ty)
                    .unwrap()
                    .with_name("created".into())
                    .into_column(),
            ],
        )
        .unwrap();
        let f = std::fs::File::create(dir.path().join(file)).unwrap();
        ParquetWriter::new(f).finish(&mut df).unwrap();
    };
    write(Some("Europe/Moscow"), "moscow.parquet");
    write(None, "naive.parquet");
    let count = |file: &str, period: &str| {
        let p = dir.path().join("m.metodika");
        let text = methodology("count(messages)", "zero")
            .replace(
                "{ key region_code label region_name }",
                "{ key region_code label region_name period quarterly }",
            )
            .replace("\"messages.csv\"", &format!("\"{file}\""));
        std::fs::write(&p, text).unwrap();
        let mut opts = load::options_for(&p);
        let m = load::load_file(&p, &opts).unwrap().methodology.unwrap();
        opts.period = Some(metodika::periods::Period::parse(period, m.period.unwrap()).unwrap());
        let r = engine::run(&m, &opts).unwrap();
        (get(&r, "A", "v.raw"), get(&r, "B", "v.raw"))
    };
    // Moscow: the 22:30 UTC record is on 1 April there
    assert_eq!(count("moscow.parquet", "2025-Q1"), (Some(1.0), Some(1.0)));
    assert_eq!(count("moscow.parquet", "2025-Q2"), (Some(1.0), Some(0.0)));
    // no zone: dated as written
    assert_eq!(count("naive.parquet", "2025-Q1"), (Some(2.0), Some(1.0)));
}

/// Run the methodology `m.metodika` in `dir` (record files written as bytes beside it).
fn run_in(dir: &std::path::Path) -> Result<engine::Ranking, String> {
    let p = dir.join("m.metodika");
    let opts = load::options_for(&p);
    let loaded = load::load_file(&p, &opts).map_err(|d| d.message.clone())?;
    let Some(m) = loaded.methodology else {
        return Err(format!("{:?}", loaded.diagnostics));
    };
    engine::run(&m, &opts).map_err(|e| e.to_string())
}

/// A record CSV is read as a stream, a block of rows at a time (issue 35: ten million rows
/// were held whole): a file of more rows than a block counts every row of every block, and
/// a bad cell after the first block is still found, with its line.
#[test]
fn a_record_file_longer_than_a_block_counts_every_row() {
    use metodika::data::records::BLOCK_ROWS;
    let rows = BLOCK_ROWS + 51_000;
    let mut text = String::with_capacity(rows * 20);
    text.push_str("region_code;status;days\n");
    // A every row, B every second, C every third, D none: by region, row i goes to the
    // first of A (i % 6 in 0..3), B (3, 4), C (5)
    for i in 0..rows {
        let k = match i % 6 {
            0..=2 => "A",
            3 | 4 => "B",
            _ => "C",
        };
        let status = if i % 2 == 0 { "answered" } else { "open" };
        text.push_str(&format!("{k};{status};{}\n", i % 10));
    }
    let m = methodology(
        "count(messages where status == \"answered\") + sum(messages.days) / 1000000",
        "zero",
    )
    .replace(" { date created }", "");
    // by hand: rows i with i % 6 in {0, 2} are A's answered, {4} B's, none C's (5 odd)
    let (mut want, mut days) = ([0f64; 3], [0f64; 3]);
    for i in 0..rows {
        let r = match i % 6 {
            0..=2 => 0,
            3 | 4 => 1,
            _ => 2,
        };
        want[r] += f64::from(u8::from(i % 2 == 0));
        days[r] += (i % 10) as f64;
    }
    let dir = temp_with(&[("regions.csv", REGIONS), ("m.metodika", &m)]);
    std::fs::write(dir.path().join("messages.csv"), &text).unwrap();
    let r = run_in(dir.path()).unwrap();
    for (k, i) in [("A", 0), ("B", 1), ("C", 2)] {
        assert_close(get(&r, k, "v.raw"), want[i] + days[i] / 1e6);
    }
    assert_eq!(get(&r, "D", "v.raw"), Some(0.0));
    // a bad number past the first block: found, with its line
    let bad_line = BLOCK_ROWS + 40_000;
    let mut lines: Vec<&str> = text.lines().collect();
    let broken = lines[bad_line - 1]
        .replace(";answered;", ";answered;x")
        .replace(";open;", ";open;x");
    lines[bad_line - 1] = &broken;
    std::fs::write(dir.path().join("messages.csv"), lines.join("\n")).unwrap();
    let e = run_in(dir.path()).unwrap_err();
    assert!(
        e.contains("D006") && e.contains(&format!(":{bad_line}")),
        "{e}"
    );
}

/// A record file in Windows-1251 whose first Cyrillic letter comes megabytes in (after
/// the part read first as UTF-8) is read again from its start in the encoding its text
/// shows: no row is counted twice and none lost. A stray byte, a NUL byte and a byte that
/// is not UTF-8 in a file named UTF-8, each far into the file, are refused with their line.
#[test]
fn a_record_file_is_told_its_encoding_as_it_streams() {
    let n = 400_000;
    let mut text = String::from("region_code;status\n");
    for i in 0..n {
        let k = ["A", "B", "C"][i % 3];
        text.push_str(&format!("{k};open\n"));
    }
    for i in 0..30 {
        let k = ["A", "B", "C"][i % 3];
        text.push_str(&format!("{k};отвечено\n"));
    }
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&text);
    assert!(!bad && bytes.len() > 2 << 20);
    let m = methodology("count(messages where status == \"отвечено\")", "zero")
        .replace(" { date created }", "");
    let dir = temp_with(&[("regions.csv", REGIONS), ("m.metodika", &m)]);
    std::fs::write(dir.path().join("messages.csv"), &bytes).unwrap();
    let r = run_in(dir.path()).unwrap();
    for k in ["A", "B", "C"] {
        assert_eq!(get(&r, k, "v.raw"), Some(10.0), "{k}");
    }
    assert!(
        r.notes.iter().any(|n| n.text().contains("windows-1251")),
        "{:?}",
        r.notes
    );
    let count_all = methodology("count(messages)", "zero").replace(" { date created }", "");
    std::fs::write(dir.path().join("m.metodika"), &count_all).unwrap();
    let r = run_in(dir.path()).unwrap();
    assert_eq!(get(&r, "A", "v.raw"), Some(n.div_ceil(3) as f64 + 10.0));

    // UTF-8 with a stray byte on the last line, 400,031 (the header is line 1)
    let mut utf8 = text.clone().into_bytes();
    let at = utf8.len() - "C;отвечено\n".len() + 2;
    utf8[at] = 0xFF;
    std::fs::write(dir.path().join("messages.csv"), &utf8).unwrap();
    let e = run_in(dir.path()).unwrap_err();
    assert!(
        e.contains("D002") && e.contains("line 400031"),
        "stray: {e}"
    );
    // a NUL byte far in
    let mut nul = text.clone().into_bytes();
    let at = nul.len() - 3;
    nul[at] = 0;
    std::fs::write(dir.path().join("messages.csv"), &nul).unwrap();
    let e = run_in(dir.path()).unwrap_err();
    assert!(e.contains("D002") && e.contains("NUL"), "nul: {e}");
    // named UTF-8, a Windows-1251 byte far in
    let named = count_all.replace(
        "\"messages.csv\"",
        "\"messages.csv\" { encoding \"utf-8\" }",
    );
    std::fs::write(dir.path().join("m.metodika"), &named).unwrap();
    std::fs::write(dir.path().join("messages.csv"), &bytes).unwrap();
    let e = run_in(dir.path()).unwrap_err();
    assert!(
        e.contains("D002") && e.contains("line 400002") && e.contains("0xEE"),
        "named: {e}"
    );
}

/// A column empty in the first 1,000 rows (a date of closing, empty while messages are
/// open) is typed by its first filled cells further on, so `date closed` checks; a column
/// empty in the whole file stays numbers.
#[test]
fn a_column_empty_in_the_sample_is_typed_further_on() {
    use metodika::data::records::{csv_schema, ColType};
    let mut text = String::from("region_code;closed;never\n");
    for _ in 0..1500 {
        text.push_str("77;;\n");
    }
    for _ in 0..5 {
        text.push_str("77;2025-03-01;\n");
    }
    let dir = temp_with(&[("r.csv", &text)]);
    let p = dir.path().join("r.csv");
    let schema = csv_schema("r", &p.to_string_lossy(), None).unwrap();
    assert_eq!(
        schema,
        vec![
            ("region_code".to_string(), ColType::Number),
            ("closed".to_string(), ColType::Date),
            ("never".to_string(), ColType::Number),
        ]
    );
    let regions = "region_code,region_name,population\n77,Москва,10\n78,Петербург,5\n";
    let m = "methodology \"Записи\" { key region_code label region_name }\n\
             input regions \"regions.csv\"\n\
             records messages \"r.csv\" { date closed }\n\
             indicator v \"V\" { value = count(messages) better higher normalize none missing zero }\n\
             score \"S\" { v }\n";
    let r = run_text(m, &[("regions.csv", regions), ("r.csv", &text)]).unwrap();
    // (no period: every record counts, dated or not)
    assert_eq!(get(&r, "77", "v.raw"), Some(1505.0));
}
