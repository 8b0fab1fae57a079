//! The SQL that `metodika sql` writes, run on PostgreSQL, DuckDB and ClickHouse (chDB): a
//! throwaway PostgreSQL cluster (initdb in a temporary directory, a free port) started and stopped
//! by the test, each input loaded as a table of the values the interpreter reads, and the
//! query's rows held equal to `run --format csv`: the same regions in the same order, the
//! same places and zones, scores and group results within 1e-9.

mod database;
mod engines;

use crate::util::{bin, root};
use engines::*;

/// The methodologies whose inputs are region tables: each one's query on PostgreSQL gives
/// what `run` gives.
#[test]
fn the_sql_of_each_methodology_gives_runs_ranking_on_postgres() {
    let pg = Postgres::start();
    let files = [
        "docs/examples/edition-2025.metodika",
        "methodologies/pos/pos-2025-tables.metodika",
        "methodologies/pos/pos-2026-tables.metodika",
        "methodologies/asem/asem.metodika",
        // from raw data: denominators, `missing mean by`, `outliers auto` on 49 indicators
        "methodologies/asem/asem-raw.metodika",
    ];
    for (k, f) in files.iter().enumerate() {
        let file = root().join(f);
        let schema = format!("m{k}");
        let script = format!(
            "CREATE SCHEMA {schema};\nSET search_path TO {schema};\n{}\n{}",
            load_inputs(&file),
            sql_of(&file)
        );
        let (ok, out, err) = pg.psql(&script);
        assert!(ok, "{f}: {err}");
        let ran = run_csv(&file);
        assert_same(f, &ran, &out);
        let (ok, out, err) = duckdb(&load_inputs_for(&file, "duckdb"), &sql_in(&file, "duckdb"));
        assert!(ok, "{f} on DuckDB: {err}");
        assert_same(&format!("{f} on DuckDB"), &ran, &out);
        let (ok, out, err) = clickhouse(
            &load_inputs_for(&file, "clickhouse"),
            &sql_in(&file, "clickhouse"),
        );
        assert!(ok, "{f} on ClickHouse: {err}");
        assert_same(&format!("{f} on ClickHouse"), &ran, &out);
    }
}

const DATA: &str = "region_code,region_name,x,y,z\n\
A,Альфа,10,1,0\n\
B,Бета,20,2,5\n\
C,Гамма,30,,5\n\
D,Дельта,40,4,10\n\
E,Эпсилон,40,3,2\n\
F,Фи,25,2,7\n";

/// A methodology over DATA: indicators `a` (of x), `b` (of y, which C lacks) and `c` (of
/// z, 0 for A), with `v` for the indicator fields, `groups` for the groups and the score,
/// and `rest` for rank, zones and exclusions.
fn over_data(v: &str, groups: &str, rest: &str) -> String {
    format!(
        "methodology \"Т\" {{\n key region_code\n label region_name\n}}\ninput t \"d.csv\"\n\
         {rest}\n\
         indicator a \"A\" {{\n {v}\n}}\n\
         indicator b \"B\" {{\n value = t.y\n better higher\n normalize minmax\n missing median\n}}\n\
         indicator c \"C\" {{\n value = t.z\n better lower\n normalize minmax(0.01, 1)\n missing zero\n}}\n\
         {groups}\n"
    )
}

/// Every built-in — formulas, transforms, missing policies, normalizations in both
/// directions, aggregations, tie methods, rounding, tie-breakers, zones and exclusions —
/// in a methodology of its own over a small table with gaps and ties: each engine gives
/// what `run --detail` gives.
#[test]
fn every_built_in_gives_runs_values_on_every_engine() {
    let score = "score \"S\" { a  b  c }";
    let mut cases: Vec<String> = Vec::new();
    for n in [
        "minmax",
        "minmax(0, 100)",
        "zscore",
        "goalposts(5, 35)",
        "ratio_to_best",
        "target(25)",
        "rank",
        "bands { >= 30 : 1  >= 20 : 0.5  else : 0 }",
        "none",
    ] {
        for better in ["higher", "lower"] {
            let v = format!("value = t.x\n better {better}\n normalize {n}");
            cases.push(over_data(&v, score, ""));
        }
    }
    for tr in [
        "log",
        "log1p",
        "sqrt",
        "cap(15, 35)",
        "winsorize(25%, 75%)",
        "cap(20, 30), log",
    ] {
        let v = format!(
            "value = t.z\n better higher\n transform {tr}\n normalize minmax\n missing value(-1)"
        );
        cases.push(over_data(&v, score, ""));
    }
    for p in [
        "zero",
        "mean",
        "median",
        "min",
        "max",
        "value(-1)",
        "exclude",
    ] {
        let v = format!("value = t.y\n better higher\n normalize none\n missing {p}");
        cases.push(over_data(&v, score, ""));
    }
    for f in [
        "t.x / sum_of(t.x)",
        "share_of(t.x)",
        "t.x - mean_of(t.x)",
        "t.x / max_of(t.x) + min_of(t.x)",
        "median_of(t.x) + count_of(t.y)",
        "if t.x >= 30 then 1 else 0",
        "if missing(t.y) then -1 else t.y",
        "if t.y > 1 then t.x else 0",
        "coalesce(t.y, 0) + 2 ^ 2",
        "max(t.x, 25) + min(t.z, 5)",
        "clamp(t.x, 15, 35) * 1_000",
        "round(t.x / 3, 1) + abs(-1)",
        "round(t.x / 4) + round(-t.x / 4)",
        // halves, which round away from zero: 2.5 → 3, −2.5 → −3, −0.5 → −1
        "round(t.x / 4) * 10 + round(-t.z / 4)",
        "30% * t.x",
        "-t.x + 50",
        "t.x / t.z",
        "ln(t.z) + log10(t.z) + sqrt(t.z - 3)",
        "(t.z - 5) ^ 0.5 + exp(t.x)",
        "if t.x > 15 and not (t.x > 35) or t.x == 10 then 1 else 0",
    ] {
        let v = format!("value = {f}\n better higher\n normalize minmax\n missing zero");
        cases.push(over_data(&v, score, ""));
    }
    let v = "value = t.x\n better higher\n normalize minmax(0.01, 1)";
    for agg in ["mean", "sum", "geometric", "harmonic", "min"] {
        let g = format!("group g \"G\" {agg} {{ a  c }}\nscore \"S\" {{ g  b }}");
        cases.push(over_data(v, &g, ""));
    }
    cases.push(over_data(
        v,
        "group g \"G\" { a points 60  b points 40 }\nscore \"S\" { g weight 70%  c weight 30% }",
        "",
    ));
    // a group that needs 70% of its members: C lacks `a`, 2 of 3
    for agg in ["mean", "sum", "min"] {
        cases.push(over_data(
            "value = t.y\n better higher\n normalize minmax(0.01, 1)\n missing exclude",
            &format!("group g \"G\" {agg} {{ coverage 70%  a  b  c }}\nscore \"S\" {{ g }}"),
            "",
        ));
    }
    for ties in ["dense", "competition", "ordinal", "average"] {
        let rest = format!("rank {{\n round 1\n ties {ties}\n}}");
        cases.push(over_data(
            "value = t.x\n better higher\n normalize none",
            "score \"S\" { a }",
            &rest,
        ));
        let rest = format!("rank {{\n round 0\n ties {ties}\n then b desc, c asc\n}}");
        cases.push(over_data(v, score, &rest));
    }
    cases.push(over_data(
        v,
        score,
        "zones {\n top \"Первые\" top 2\n mid \"Вторые\" next 2\n low \"Прочие\" otherwise\n}",
    ));
    cases.push(over_data(
        v,
        score,
        "zones {\n hi \"Высокая\" when score >= 0.6\n ok \"Средняя\" when a > 0.2 and place <= 4\n rest \"Прочие\" otherwise\n}",
    ));
    cases.push(over_data(
        v,
        score,
        "exclude when t.x == 40 and t.y < 4 \"нет данных\"\nexclude when missing(t.y) \"пропуск\"",
    ));
    let pg = Postgres::start();
    for (k, m) in cases.iter().enumerate() {
        let dir = crate::util::temp_with(&[("m.metodika", m), ("d.csv", DATA)]);
        let file = dir.path().join("m.metodika");
        // with each indicator's steps and contribution
        on_every_engine(&pg, &format!("c{k}"), &file, &["--detail"]);
    }
}

/// The outlier rule's walk in SQL gives what `run` gives on every engine: winsorizing at
/// the top and the bottom, the logarithm past the limit, a check without an answer, the
/// missing-data policy first, an excluded region treated by the choice over the ranked.
#[test]
fn the_outlier_rule_gives_runs_values_on_every_engine() {
    let pg = Postgres::start();
    let data = crate::engine::outlier_data();
    let dir = crate::util::temp_with(&[
        ("m.metodika", crate::engine::OUTLIER_METHODOLOGY),
        ("d.csv", &data),
    ]);
    let file = dir.path().join("m.metodika");
    on_every_engine(&pg, "o", &file, &["--detail"]);
}

/// `missing mean by` and `median by` give what `run` gives on every engine: the groups'
/// statistics, the fallback where a group has no value or a region none.
#[test]
fn missing_values_by_group_give_runs_values_on_every_engine() {
    let pg = Postgres::start();
    for (k, policy) in ["mean by t.g", "median by t.g"].iter().enumerate() {
        let m = crate::engine::grouped(policy);
        let dir = crate::util::temp_with(&[("m.metodika", &m), ("d.csv", crate::engine::GROUPED)]);
        let file = dir.path().join("m.metodika");
        on_every_engine(&pg, &format!("g{k}"), &file, &["--detail"]);
    }
}

/// `--table` puts an input in a table of another name (a schema's too); an input the
/// methodology does not have, or a malformed pair, is refused on the command line.
#[test]
fn inputs_are_read_from_the_tables_named() {
    let file = root().join("docs/examples/edition-2025.metodika");
    let o = bin()
        .args([
            "sql",
            "--dialect",
            "postgres",
            "--table",
            "data=ratings.regions_2025",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let q = String::from_utf8(o.stdout).unwrap();
    assert!(q.contains("FROM \"ratings\".\"regions_2025\" AS i0"), "{q}");
    // the query runs there
    let pg = Postgres::start();
    let load = load_inputs(&file).replace("\"data\"", "ratings.regions_2025");
    let (ok, out, err) = pg.psql(&format!("CREATE SCHEMA ratings;\n{load}\n{q}"));
    assert!(ok, "{err}");
    assert_same("--table", &run_csv(&file), &out);
    for (pair, want) in [
        (
            "dta=x",
            "--table names `dta`, which is no input of the methodology",
        ),
        ("data", "--table takes INPUT=TABLE, found `data`"),
    ] {
        let o = bin()
            .args(["sql", "--dialect", "postgres", "--table", pair])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{pair}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{err}");
    }
}

/// A query counts one period: a methodology with periods needs `--period` (in the
/// scheme its header declares), one without refuses it; `--table` names record inputs
/// too. Each refusal is on the command line, in the user's language, and prints no query.
#[test]
fn the_period_of_a_query_is_named_on_the_command_line() {
    let records = root().join("methodologies/pos/pos-2025.metodika");
    let tables = root().join("methodologies/pos/pos-2025-tables.metodika");
    for (file, args, lang, want) in [
        (
            &records,
            &[][..],
            "en",
            "the methodology counts its records by period: name the period of the query with --period (as `2025-Q3`)",
        ),
        (
            &records,
            &[][..],
            "ru",
            "методика считает записи по периодам: назовите период запроса через --period (например, `2025-Q3`)",
        ),
        (&records, &["--period", "2025-07"][..], "en", "2025-07"),
        (&tables, &["--period", "2025-Q3"][..], "en", "--period 2025-Q3"),
        (
            &records,
            &["--period", "2025-Q3", "--table", "mesages=x"][..],
            "en",
            "--table names `mesages`, which is no input of the methodology",
        ),
    ] {
        let o = bin()
            .args(["sql", "--dialect", "postgres", "--lang", lang])
            .args(args)
            .arg(file)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let o = bin()
        .args(["sql", "--dialect", "clickhouse", "--period", "2025-Q3"])
        .args(["--table", "messages=warehouse.messages_all"])
        .arg(&records)
        .output()
        .unwrap();
    assert!(o.status.success());
    let q = String::from_utf8_lossy(&o.stdout);
    assert!(
        q.contains("FROM \"warehouse\".\"messages_all\" AS r\n"),
        "{q}"
    );
}

/// `missing error` stops the query as it stops the run, naming the indicator and the
/// region.
#[test]
fn missing_error_stops_the_query_as_it_stops_the_run() {
    let m = over_data(
        "value = t.y\n better higher\n normalize minmax\n missing error",
        "score \"S\" { a  b  c }",
        "",
    );
    let dir = crate::util::temp_with(&[("m.metodika", &m), ("d.csv", DATA)]);
    let file = dir.path().join("m.metodika");
    let o = bin().args(["run"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("R001"));
    let pg = Postgres::start();
    let (ok, _, err) = pg.psql(&format!("{}\n{}", load_inputs(&file), sql_of(&file)));
    assert!(!ok);
    assert!(
        err.contains("R001: `missing error`, no value of `a` in region C"),
        "{err}"
    );
    let (ok, _, err) = duckdb(&load_inputs_for(&file, "duckdb"), &sql_in(&file, "duckdb"));
    assert!(!ok);
    assert!(
        err.contains("R001: `missing error`, no value of `a` in region C"),
        "{err}"
    );
    let (ok, _, err) = clickhouse(
        &load_inputs_for(&file, "clickhouse"),
        &sql_in(&file, "clickhouse"),
    );
    assert!(!ok);
    assert!(
        err.contains("R001: `missing error`, no value of `a` in region C"),
        "{err}"
    );
}

/// 200 methodologies of the ranking's property tests (tests/it/ranking.rs: random
/// normalizations, weights, tie methods and tie-breakers, over random data with ties and
/// gaps): on PostgreSQL, DuckDB and ClickHouse each gives what `run` gives.
#[test]
fn two_hundred_generated_methodologies_give_runs_rankings_on_every_engine() {
    let mut r = crate::util::Rng(2026);
    let pg = Postgres::start();
    let mut ran = Vec::new();
    let (mut duck, mut house) = (Vec::new(), Vec::new());
    let mut texts = Vec::new();
    for k in 0..200 {
        let n = 20 + r.below(40);
        let rows = crate::ranking::data(&mut r, n);
        let w = (
            1.0 + r.below(5) as f64,
            1.0 + r.below(5) as f64,
            1.0 + r.below(3) as f64,
        );
        let m = crate::ranking::methodology(&mut r, w, 1.0);
        let dir =
            crate::util::temp_with(&[("m.metodika", &m), ("d.csv", &crate::ranking::csv(&rows))]);
        let file = dir.path().join("m.metodika");
        let expected = run_csv(&file);
        let (ok, out, err) = pg.psql(&format!(
            "CREATE SCHEMA g{k};\nSET search_path TO g{k};\n{}\n{}",
            load_inputs(&file),
            sql_of(&file)
        ));
        assert!(ok, "case {k}:\n{m}\n{err}");
        assert_same(&format!("case {k} on PostgreSQL:\n{m}"), &expected, &out);
        duck.push((load_inputs_for(&file, "duckdb"), sql_in(&file, "duckdb")));
        house.push((
            load_inputs_for(&file, "clickhouse"),
            sql_in(&file, "clickhouse"),
        ));
        ran.push(expected);
        texts.push(m);
    }
    for (engine, cases) in [("duckdb", &duck), ("chdb", &house)] {
        for (k, got) in many(engine, cases).into_iter().enumerate() {
            let m = &texts[k];
            let out = got.unwrap_or_else(|e| panic!("case {k} on {engine}:\n{m}\n{e}"));
            assert_same(&format!("case {k} on {engine}:\n{m}"), &ran[k], &out);
        }
    }
}

/// Names as users write them — Cyrillic inputs, columns, indicators and groups — are
/// quoted identifiers, and the query runs on every engine as `run` does.
#[test]
fn cyrillic_names_are_quoted_identifiers() {
    let m = "methodology \"Рейтинг\" {\n key код\n label название\n}\n\
             input данные \"d.csv\"\n\
             indicator доля \"Доля в срок\" {\n value = данные.в_срок / данные.всего\n better higher\n normalize minmax\n}\n\
             indicator скорость \"Скорость\" {\n value = данные.дни\n better lower\n normalize goalposts(1, 30)\n}\n\
             group блок \"Блок\" {\n доля weight 60%\n скорость weight 40%\n}\n\
             score \"Итог\" {\n блок\n}\n";
    let data = "код,название,в_срок,всего,дни\n01,Адыгея,90,100,5\n02,Башкортостан,80,100,12\n03,Бурятия,95,100,20\n";
    let dir = crate::util::temp_with(&[("m.metodika", m), ("d.csv", data)]);
    let file = dir.path().join("m.metodika");
    let q = sql_of(&file);
    assert!(
        q.contains("\"group.блок\"")
            && q.contains("FROM \"данные\" AS i0")
            && q.contains("-- Рейтинг"),
        "{q}"
    );
    let ran = run_csv(&file);
    let pg = Postgres::start();
    let (ok, out, err) = pg.psql(&format!("{}\n{q}", load_inputs(&file)));
    assert!(ok, "{err}");
    assert_same("PostgreSQL", &ran, &out);
    let (ok, out, err) = duckdb(&load_inputs_for(&file, "duckdb"), &sql_in(&file, "duckdb"));
    assert!(ok, "{err}");
    assert_same("DuckDB", &ran, &out);
    let (ok, out, err) = clickhouse(
        &load_inputs_for(&file, "clickhouse"),
        &sql_in(&file, "clickhouse"),
    );
    assert!(ok, "{err}");
    assert_same("ClickHouse", &ran, &out);
}

/// The query of `file` with `args` on the three engines, each held equal to `run` with
/// the same arguments.
fn on_every_engine(pg: &Postgres, schema: &str, file: &std::path::Path, args: &[&str]) {
    let name = format!("{} {}", file.display(), args.join(" "));
    let ran = engines::run_csv_with(file, args);
    let script = format!(
        "CREATE SCHEMA {schema};\nSET search_path TO {schema};\n{}\n{}",
        load_inputs(file),
        engines::sql_with(file, "postgres", args)
    );
    let (ok, out, err) = pg.psql(&script);
    assert!(ok, "{name}: {err}");
    assert_same(&format!("{name} on PostgreSQL"), &ran, &out);
    let (ok, out, err) = duckdb(
        &load_inputs_for(file, "duckdb"),
        &engines::sql_with(file, "duckdb", args),
    );
    assert!(ok, "{name} on DuckDB: {err}");
    assert_same(&format!("{name} on DuckDB"), &ran, &out);
    let (ok, out, err) = clickhouse(
        &load_inputs_for(file, "clickhouse"),
        &engines::sql_with(file, "clickhouse", args),
    );
    assert!(ok, "{name} on ClickHouse: {err}");
    assert_same(&format!("{name} on ClickHouse"), &ran, &out);
}

/// The ПОС rating counted from its records — five record tables, a year a file of
/// messages, cumulative quarters, stocks, `previous(…)` reaching into 2024 — gives on
/// each engine what `run` gives, for a first and a third quarter, with `--detail` too.
#[test]
fn the_pos_rating_from_its_records_gives_runs_ranking_on_every_engine() {
    let pg = Postgres::start();
    let pos = root().join("methodologies/pos/pos-2025.metodika");
    on_every_engine(&pg, "q3", &pos, &["--period", "2025-Q3"]);
    on_every_engine(&pg, "q1", &pos, &["--period", "2025-Q1", "--detail"]);
    let revision = root().join("methodologies/pos/pos-2026.metodika");
    on_every_engine(&pg, "r4", &revision, &["--period", "2025-Q4", "--detail"]);
}

const REGIONS: &str = "region_code,region_name,population\n\
01,Адыгея,100\n\
02,Башкортостан,400\n\
03,Бурятия,250\n\
04,Алтай,50\n\
05,Дагестан,300\n";

/// Records with gaps: region 04 has none, dates in both of the run's forms, a decimal
/// comma, an empty rating, conditions in Russian, a record without a date.
const MESSAGES: &str = "region_code;created;answered;status;days;rating;repeat\n\
01;2025-01-10;2025-01-15;answered;5;5;нет\n\
01;2025-02-01;;open;;;да\n\
01;2025-05-03;2025-05-20;answered;17;3;нет\n\
02;15.01.2025;20.01.2025;answered;5;4;нет\n\
02;2025-03-30;2025-04-02;answered;3;;да\n\
02;2025-04-11;2025-04-12;answered;1;5;нет\n\
02;2024-12-20;2025-01-09;answered;20;2;нет\n\
03;2025-02-14;;rejected;;;нет\n\
03;2025-03-01;2025-03-11;answered;10;4;да\n\
03;2025-03-02;2025-03-12;answered;10;4;нет\n\
03;;2025-03-12;answered;2,5;1;нет\n\
05;2025-01-05;2025-01-06;answered;1;5;нет\n\
05;2025-06-01;2025-06-02;answered;1;5;нет\n\
05;2024-11-01;2024-11-30;answered;29;1;нет\n";

/// A methodology over REGIONS and MESSAGES with `header` in its header block, `records`
/// options, and one indicator of `value`.
fn over_records(header: &str, options: &str, value: &str) -> String {
    format!(
        "methodology \"З\" {{\n key region_code\n label region_name\n {header}\n}}\n\
         input regions \"regions.csv\"\n\
         records messages \"messages.csv\" {{ {options} }}\n\
         indicator x \"X\" {{\n value = {value}\n better higher\n normalize minmax\n missing median\n}}\n\
         indicator n \"N\" {{\n value = count(messages) / regions.population\n better higher\n normalize none\n missing zero\n}}\n\
         score \"S\" {{ x  n }}\n"
    )
}

/// Every aggregate over records — with filters on text, numbers, dates and conditions,
/// `missing`, `in`, arithmetic, `period_start`/`period_end`, stocks, `previous`, records
/// of regions the tables lack left out — gives on each engine what `run` gives, with and
/// without periods.
#[test]
fn every_aggregate_over_records_gives_runs_values_on_every_engine() {
    let mut cases: Vec<(String, Vec<&str>)> = Vec::new();
    let plain = |v: &str| (over_records("", "", v), vec![]);
    for v in [
        "count(messages)",
        "count(messages where status == \"answered\")",
        "share(messages where status == \"answered\" and days <= 5)",
        "share(messages where status in (\"open\", \"rejected\"))",
        "share(messages where repeat)",
        "share(messages where not repeat or missing(rating))",
        "sum(messages.days)",
        "sum(messages.days where rating >= 4)",
        "mean(messages.days)",
        "mean(messages.rating where days * 24 <= 240)",
        "median(messages.days)",
        "min(messages.rating)",
        "max(messages.days where status != \"open\")",
        "quantile(messages.days, 0.25)",
        "quantile(messages.days, 90%)",
        "count_distinct(messages.status)",
        "count_distinct(messages.rating where answered >= 2025-03-01)",
        "mean(messages.days / (rating - 4))",
        "count(messages where created <= 2025-03-01) + regions.population / 100",
    ] {
        cases.push(plain(v));
    }
    let q = "period quarterly cumulative";
    let dated = "date created";
    for (v, period) in [
        ("count(messages)", "2025-Q1"),
        ("share(messages where answered <= period_end)", "2025-Q1"),
        ("mean(messages.days where answered >= period_start)", "2025-Q2"),
        (
            "count(messages) / previous(count(messages)) - 1",
            "2025-Q2",
        ),
        ("mean(messages.rating) - previous(mean(messages.rating))", "2025-Q1"),
        (
            "share(messages where answered <= period_end) - previous(share(messages where answered <= period_end))",
            "2025-Q2",
        ),
    ] {
        cases.push((over_records(q, dated, v), vec!["--period", period]));
    }
    // a stock: every record up to the period's end
    cases.push((
        over_records(
            q,
            "date created  stock",
            "count(messages where status == \"answered\")",
        ),
        vec!["--period", "2025-Q1"],
    ));
    // quarters that are not cumulative, and months
    cases.push((
        over_records("period quarterly", dated, "count(messages)"),
        vec!["--period", "2025-Q2"],
    ));
    cases.push((
        over_records(
            "period monthly",
            dated,
            "count(messages) - previous(count(messages))",
        ),
        vec!["--period", "2025-03"],
    ));
    let pg = Postgres::start();
    for (k, (m, args)) in cases.iter().enumerate() {
        let dir = crate::util::temp_with(&[
            ("m.metodika", m),
            ("regions.csv", REGIONS),
            ("messages.csv", MESSAGES),
        ]);
        let file = dir.path().join("m.metodika");
        let mut args = args.clone();
        args.push("--detail");
        on_every_engine(&pg, &format!("c{k}"), &file, &args);
    }
}

/// Backslashes and quotes in the methodology's strings and in a header stay text and a
/// name on every engine: a string ending in a backslash cannot end its literal early and
/// let the next string run as SQL (ClickHouse reads `\'` as a quote; so does PostgreSQL
/// with `standard_conforming_strings` off), nor a header its identifier. The injected
/// `OR 1=1` would count every record; `run` counts none.
#[test]
fn backslashes_and_quotes_never_end_a_literal_or_a_name() {
    let pg = Postgres::start();
    let regions = "region_code,region_name,population,население\\\n01,Адыгея,100,100\n\
                   02,Башкортостан,400,400\n03,Бурятия,250,250\n04,Алтай,50,50\n\
                   05,Дагестан,300,300\n";
    let messages =
        format!("{MESSAGES}01;2025-01-11;;answered\\;;;нет\n02;2025-01-12;;' OR 1=1 --;;;нет\n");
    let value = r#"count(messages where status == "answered\\" or status == " OR 1=1 OR status = ") + count(messages where status == "' OR 1=1 --") / regions."население\\""#;
    let m = over_records("", "", value);
    let dir = crate::util::temp_with(&[
        ("m.metodika", &m),
        ("regions.csv", regions),
        ("messages.csv", &messages),
    ]);
    let file = dir.path().join("m.metodika");
    // run counts one record of each: the backslash and the quote are the status's own
    let opts = metodika::load::options_for(&file);
    let loaded = metodika::load::load_file(&file, &opts).unwrap();
    let m = loaded.methodology.unwrap_or_else(|| {
        panic!(
            "{}",
            metodika::diag::render_all(&loaded.diagnostics, &loaded.file, Default::default())
        )
    });
    let r = metodika::engine::run(&m, &opts).unwrap();
    crate::util::assert_close(crate::util::get(&r, "01", "x.raw"), 1.0);
    crate::util::assert_close(crate::util::get(&r, "02", "x.raw"), 1.0 / 400.0);
    crate::util::assert_close(crate::util::get(&r, "03", "x.raw"), 0.0);
    on_every_engine(&pg, "inj", &file, &["--detail"]);
    // a server that reads backslashes in plain literals as escapes
    let (ok, _, err) = pg.psql("ALTER DATABASE postgres SET standard_conforming_strings = off;");
    assert!(ok, "{err}");
    let (ok, out, _) = pg.psql("SHOW standard_conforming_strings;");
    assert!(ok && out.contains("off"), "{out}");
    on_every_engine(&pg, "inj_off", &file, &["--detail"]);
    // the query says what it is: E'…' for the strings with a backslash
    let sql = engines::sql_with(&file, "postgres", &[]);
    assert!(sql.contains("E'answered\\\\'"), "{sql}");
    let ch = engines::sql_with(&file, "clickhouse", &[]);
    assert!(
        ch.contains("'answered\\\\'") && ch.contains("\"in.regions.население\\\\\""),
        "{ch}"
    );
}

/// What stops a run stops the query, with the run's code: records of a region the
/// tables lack (D013, unless `unknown ignore`: then left out, as the run leaves them), a
/// record without a key (D005), a period without records (D014).
#[test]
fn what_stops_a_run_over_records_stops_the_query() {
    let pg = Postgres::start();
    let unknown = format!("{MESSAGES}99;2025-01-02;;open;;;нет\n");
    let keyless = format!("{MESSAGES};2025-01-02;;open;;;нет\n");
    let q = "period quarterly cumulative";
    let cases = [
        (&unknown, "date created", "2025-Q1", Some("D013")),
        (&unknown, "date created  unknown ignore", "2025-Q1", None),
        (
            &keyless,
            "date created  unknown ignore",
            "2025-Q1",
            Some("D005"),
        ),
        (
            &unknown,
            "date created  unknown ignore",
            "2026-Q1",
            Some("D014"),
        ),
    ];
    for (k, (records, options, period, code)) in cases.into_iter().enumerate() {
        let m = over_records(q, options, "share(messages where status == \"answered\")");
        let dir = crate::util::temp_with(&[
            ("m.metodika", &m),
            ("regions.csv", REGIONS),
            ("messages.csv", records),
        ]);
        let file = dir.path().join("m.metodika");
        let args = ["--period", period];
        let Some(code) = code else {
            on_every_engine(&pg, &format!("s{k}"), &file, &args);
            continue;
        };
        let o = bin().args(["run"]).args(args).arg(&file).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(code), "run: {err}");
        let script = format!(
            "CREATE SCHEMA s{k};\nSET search_path TO s{k};\n{}\n{}",
            load_inputs(&file),
            engines::sql_with(&file, "postgres", &args)
        );
        let (ok, _, err) = pg.psql(&script);
        assert!(
            !ok && err.contains(&format!("{code}: ")),
            "PostgreSQL: {err}"
        );
        let (ok, _, err) = duckdb(
            &load_inputs_for(&file, "duckdb"),
            &engines::sql_with(&file, "duckdb", &args),
        );
        assert!(!ok && err.contains(&format!("{code}: ")), "DuckDB: {err}");
        let (ok, _, err) = clickhouse(
            &load_inputs_for(&file, "clickhouse"),
            &engines::sql_with(&file, "clickhouse", &args),
        );
        assert!(
            !ok && err.contains(&format!("{code}: ")),
            "ClickHouse: {err}"
        );
        if code == "D013" {
            assert!(err.contains("99"), "{err}");
        }
    }
}

/// Every example of the language reference that runs (docs/language.md, over the files of
/// docs/examples) gives on each engine what `run --detail` gives.
#[test]
fn every_example_of_the_language_reference_gives_runs_ranking_on_every_engine() {
    let pg = Postgres::start();
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("docs/examples")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let mut ran = 0;
    for e in crate::language_docs::examples() {
        if e.error.is_some() {
            continue;
        }
        let file = dir.path().join(format!("line-{}.metodika", e.line));
        std::fs::write(&file, &e.code).unwrap();
        let mut args = vec!["--detail"];
        if e.code.contains("\n    period ") {
            args.extend(["--period", "2025-Q1"]);
        }
        on_every_engine(&pg, &format!("l{}", e.line), &file, &args);
        ran += 1;
    }
    assert!(ran >= 20, "{ran} examples");
}
