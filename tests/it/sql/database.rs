//! `run --database`: the methodology's query run on a PostgreSQL server (a throwaway
//! cluster that asks for a password), printed exactly as `run` prints it; and each way it
//! goes wrong — a server that is not there, a wrong password (never echoed), tables and
//! columns that are missing or of the wrong type, the run's own stops — a coded error
//! that leaves no output file behind.

use super::engines::*;
use crate::util::{bin, root};
use std::process::Output;

const PASSWORD: &str = "Секрет-42";

fn url(pg: &Postgres, password: &str) -> String {
    format!(
        "postgres://postgres:{}@127.0.0.1:{}/postgres",
        password
            .replace('-', "%2D")
            .replace("Секрет", "%D0%A1%D0%B5%D0%BA%D1%80%D0%B5%D1%82"),
        pg.port
    )
}

fn run(args: &[&str]) -> Output {
    bin().arg("run").args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A `by` policy on a database: the groups' statistics and the warning naming the regions
/// filled from all regions, as `run` prints them.
#[test]
fn a_database_run_warns_of_gaps_filled_from_all_regions() {
    let pg = Postgres::with_password(PASSWORD);
    let m = crate::engine::grouped("mean by t.g");
    let dir = crate::util::temp_with(&[("m.metodika", &m), ("d.csv", crate::engine::GROUPED)]);
    let file = dir.path().join("m.metodika");
    let (ok, _, err) = pg.psql(&load_inputs(&file));
    assert!(ok, "{err}");
    let file = file.to_str().unwrap();
    let here = run(&["--lang", "ru", file]);
    let there = run(&["--lang", "ru", "--database", &url(&pg, PASSWORD), file]);
    assert!(there.status.success(), "{}", text(&there.stderr));
    assert_eq!(text(&here.stdout), text(&there.stdout));
    assert_eq!(text(&here.stderr), text(&there.stderr));
    let all = format!("{}{}", text(&there.stdout), text(&there.stderr));
    assert!(
        all.contains("у 2 регионов (H (Эта), I (Иота)) нет значения"),
        "{all}"
    );
}

/// The ПОС rating from its records, in a database: the same table, CSV (with each
/// indicator's steps) and JSON as `run` over the files; the password from the URL or from
/// PGPASSWORD.
#[test]
fn run_on_a_database_prints_what_run_prints() {
    let pg = Postgres::with_password(PASSWORD);
    let pos = root().join("methodologies/pos/pos-2025.metodika");
    let (ok, _, err) = pg.psql(&load_inputs(&pos));
    assert!(ok, "{err}");
    let db = url(&pg, PASSWORD);
    let pos = pos.to_str().unwrap();
    for format in ["table", "markdown", "csv-excel"] {
        let here = run(&["--format", format, "--period", "2025-Q3", pos]);
        let there = run(&[
            "--format",
            format,
            "--period",
            "2025-Q3",
            "--database",
            &db,
            pos,
        ]);
        assert!(there.status.success(), "{}", text(&there.stderr));
        match format {
            // (unrounded group results: equal within 1e-9, the rest to the byte)
            "csv-excel" => {
                let plain = |o: &Output| {
                    text(&o.stdout)
                        .trim_start_matches('\u{feff}')
                        .replace(',', ".")
                        .replace(';', ",")
                        .replace("\r\n", "\n")
                };
                assert_same(format, &plain(&here), &plain(&there));
            }
            _ => assert_eq!(text(&here.stdout), text(&there.stdout), "--format {format}"),
        }
    }
    let there = run(&[
        "--format",
        "csv",
        "--detail",
        "--period",
        "2025-Q1",
        "--database",
        &db,
        pos,
    ]);
    assert!(there.status.success(), "{}", text(&there.stderr));
    assert_same(
        "--detail",
        &run_csv_with(
            std::path::Path::new(pos),
            &["--detail", "--period", "2025-Q1"],
        ),
        &text(&there.stdout),
    );
    // JSON: the same document, numbers within 1e-9
    let json = |o: Output| -> serde_json::Value { serde_json::from_slice(&o.stdout).unwrap() };
    let here = json(run(&[
        "--format", "json", "--detail", "--period", "2025-Q2", pos,
    ]));
    let there = json(run(&[
        "--format",
        "json",
        "--detail",
        "--period",
        "2025-Q2",
        "--database",
        &db,
        pos,
    ]));
    same_json(&here, &there, "");
    // the password from the environment, the rest from the URL
    let o = bin()
        .args(["run", "--period", "2025-Q3", "--database"])
        .arg(format!(
            "postgres://postgres@127.0.0.1:{}/postgres",
            pg.port
        ))
        .arg(pos)
        .env("PGPASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    // everything from the environment, as psql takes it: the server's socket too
    let o = bin()
        .args(["run", "--period", "2025-Q3", "--database", "postgres://"])
        .arg(pos)
        .env("PGHOST", pg.socket_dir())
        .env("PGPORT", pg.port.to_string())
        .env("PGUSER", "postgres")
        .env("PGDATABASE", "postgres")
        .env("PGPASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    // an output file, written whole
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("рейтинг.xlsx");
    let o = run(&[
        "--format",
        "xlsx",
        "--period",
        "2025-Q3",
        "--database",
        &db,
        "-o",
        out.to_str().unwrap(),
        pos,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    // a title block of five lines (title, edition, effective date, period, day of the
    // run), a blank row, the header and the 85 regions
    assert_eq!(
        sheet.height(),
        92,
        "a title block, a header and the 85 regions"
    );
    assert_eq!(
        sheet.get((3, 0)),
        Some(&calamine::Data::String(
            "Период: III квартал 2025 г. (январь–сентябрь 2025 г., нарастающим итогом)".into()
        ))
    );
}

fn same_json(a: &serde_json::Value, b: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!(
                (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                "{at}: {x} and {y}"
            );
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{at}");
            for (k, (p, q)) in x.iter().zip(y).enumerate() {
                same_json(p, q, &format!("{at}[{k}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys = |o: &serde_json::Map<String, Value>| o.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(x), keys(y), "{at}");
            for (k, p) in x {
                same_json(p, &y[k], &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{at}"),
    }
}

/// Every way a database run goes wrong has its code and a clear message, and leaves the
/// output file as it was (or absent).
#[test]
fn a_failed_database_run_says_why_and_writes_nothing() {
    let pg = Postgres::with_password(PASSWORD);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let before = dir.path().join("before.csv");
    std::fs::write(&before, "what was there\n").unwrap();
    let file = root().join("methodologies/pos/pos-2025-tables.metodika");
    let f = file.to_str().unwrap();
    let expect = |args: &[&str], code: &str, says: &[&str]| {
        for target in [&out, &before] {
            let mut all = args.to_vec();
            all.extend(["--format", "csv", "-o", target.to_str().unwrap(), f]);
            let o = run(&all);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {}", text(&o.stderr));
            let err = text(&o.stderr);
            assert!(err.contains(&format!("[{code}]")), "{args:?}: {err}");
            for s in says {
                assert!(err.contains(s), "{args:?}: `{s}` in {err}");
            }
            assert!(
                !err.contains(PASSWORD) && !err.contains("wrong-one"),
                "{err}"
            );
            assert!(o.stdout.is_empty());
        }
        assert!(!out.exists(), "{args:?}: no output file");
        assert_eq!(
            std::fs::read_to_string(&before).unwrap(),
            "what was there\n"
        );
    };
    // a server that is not there
    let nobody = format!(
        "postgres://postgres:{PASSWORD}@127.0.0.1:{}/postgres",
        free_port()
    );
    expect(
        &["--database", &nobody],
        "B001",
        &["cannot connect to the database at 127.0.0.1"],
    );
    // a wrong password, never shown
    let wrong = url(&pg, "wrong-one");
    expect(
        &["--database", &wrong],
        "B002",
        &["refused the user `postgres`"],
    );
    // no tables at all: each input named
    let db = url(&pg, PASSWORD);
    expect(
        &["--database", &db],
        "B003",
        &[
            "the database has no table \"current\"",
            "--table current=schema.table",
        ],
    );
    // a column missing, one of the wrong type, one table of another name
    let (ok, _, err) = pg.psql(&load_inputs(&file));
    assert!(ok, "{err}");
    let (ok, _, err) = pg.psql(
        "ALTER TABLE \"current\" RENAME COLUMN \"messages_answered\" TO \"messages_answerd\";\n\
         ALTER TABLE \"current\" ALTER COLUMN \"population\" TYPE TEXT;\n\
         ALTER TABLE \"previous\" RENAME TO \"q3\";\n",
    );
    assert!(ok, "{err}");
    expect(
        &["--database", &db],
        "B003",
        &[
            "the table has no column `messages_answered`",
            "messages_answerd",
            "[B004]",
            "the column `population` is `text`, where the methodology reads a number",
            "no table \"previous\"",
        ],
    );
    // --table puts it right for the table; the columns stay wrong
    expect(
        &["--database", &db, "--table", "previous=q3"],
        "B004",
        &["population"],
    );
}

/// What stops a run stops a database run, with the run's code (R001 here), and in
/// Russian too.
#[test]
fn a_database_run_stops_where_run_stops() {
    let pg = Postgres::with_password(PASSWORD);
    let m = "methodology \"Т\" {\n key region_code\n label region_name\n}\ninput t \"d.csv\"\n\
             indicator a \"A\" {\n value = t.y\n better higher\n normalize minmax\n missing error\n}\n\
             score \"S\" { a }\n";
    let data = "region_code,region_name,y\nA,Альфа,1\nB,Бета,\nC,Гамма,3\n";
    let dir = crate::util::temp_with(&[("m.metodika", m), ("d.csv", data)]);
    let file = dir.path().join("m.metodika");
    let (ok, _, err) = pg.psql(&load_inputs(&file));
    assert!(ok, "{err}");
    let db = url(&pg, PASSWORD);
    let o = run(&["--database", &db, file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("error[R001]: no value of `a` in region B under `missing error`"),
        "{err}"
    );
    let o = run(&["--lang", "ru", "--database", &db, file.to_str().unwrap()]);
    let err = text(&o.stderr);
    assert!(
        err.contains("ошибка[R001]: нет значения `a` у региона B при `missing error`"),
        "{err}"
    );
    // JSON, as run's errors are
    let o = run(&[
        "--format",
        "json",
        "--database",
        &db,
        file.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"][0]["code"], "R001");
}

/// Records of a region the tables lack (D013) and a period without records (D014) stop a
/// database run as they stop `run`, told in the user's language.
#[test]
fn a_database_run_over_records_stops_where_run_stops() {
    let pg = Postgres::with_password(PASSWORD);
    let records = format!("{}99;2025-01-02;;open;;;нет\n", super::MESSAGES);
    let m = super::over_records(
        "period quarterly cumulative",
        "date created",
        "share(messages where status == \"answered\")",
    );
    let dir = crate::util::temp_with(&[
        ("m.metodika", &m),
        ("regions.csv", super::REGIONS),
        ("messages.csv", &records),
    ]);
    let file = dir.path().join("m.metodika");
    let (ok, _, err) = pg.psql(&load_inputs(&file));
    assert!(ok, "{err}");
    let db = url(&pg, PASSWORD);
    let f = file.to_str().unwrap();
    for (period, lang, want) in [
        (
            "2025-Q1",
            "en",
            "error[D013]: records of `messages` of a region the region tables do not have: `99`",
        ),
        (
            "2025-Q1",
            "ru",
            "ошибка[D013]: записи `messages` региона, которого нет в таблицах регионов: `99`",
        ),
        (
            "2026-Q1",
            "en",
            "error[D014]: no record of `messages` in 2026-Q1 (",
        ),
        (
            "2026-Q1",
            "ru",
            "ошибка[D014]: нет ни одной записи `messages` за 2026-Q1 (",
        ),
    ] {
        let o = run(&["--lang", lang, "--period", period, "--database", &db, f]);
        assert_eq!(o.status.code(), Some(1));
        let err = text(&o.stderr);
        assert!(err.contains(want), "{period} {lang}: {err}");
    }
}

/// A server that accepts the connection and never answers: the whole start-up is bounded
/// by the connect timeout (`PGCONNECT_TIMEOUT`), then B001 says so — never a wait without
/// end.
#[test]
fn a_silent_server_is_unreachable_after_the_connect_timeout() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // accept, hold the socket open, say nothing
    let held = std::thread::spawn(move || {
        let mut kept = Vec::new();
        for s in listener.incoming().take(2) {
            kept.push(s);
            std::thread::sleep(std::time::Duration::from_secs(5));
        }
    });
    let file = root().join("methodologies/pos/pos-2025-tables.metodika");
    let url = format!("postgres://metodika@127.0.0.1:{port}/db");
    for lang in ["en", "ru"] {
        let o = bin()
            .env("PGCONNECT_TIMEOUT", "1")
            .args(["run", "--database", &url, "--lang", lang])
            .arg(&file)
            .output()
            .unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("[B001]"), "{err}");
        assert!(
            err.contains("did not answer within 1 s") || err.contains("не ответил за 1 с"),
            "{err}"
        );
    }
    drop(held);
}
