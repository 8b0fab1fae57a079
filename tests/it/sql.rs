//! The SQL that `metodika sql` writes, run on a real PostgreSQL: a throwaway cluster
//! (initdb in a temporary directory, a free port, its socket there) started and stopped
//! by the test, each input loaded as a table of the values the interpreter reads, and the
//! query's rows held equal to `run --format csv`: the same regions in the same order, the
//! same places and zones, scores and group results within 1e-9.

use crate::util::{bin, root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A PostgreSQL cluster of the test's own, stopped (and removed) when dropped.
struct Postgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    /// As root, the server runs as the `postgres` user (initdb refuses root).
    as_user: Option<&'static str>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Postgres {
    fn start() -> Postgres {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL's binaries (.ci/postgres.sh installs them)")
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("bin"))
            .find(|p| p.join("initdb").exists())
            .expect("initdb under /usr/lib/postgresql/*/bin");
        let dir = tempfile::tempdir().unwrap();
        let root_user = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false);
        let as_user = root_user.then_some("postgres");
        if let Some(u) = as_user {
            let ok = Command::new("chown")
                .args(["-R", u])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(ok.success());
        }
        let pg = Postgres {
            dir,
            bin,
            port: free_port(),
            as_user,
        };
        let data = pg.dir.path().join("data");
        pg.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        let opts = format!(
            "-p {} -k {} -c listen_addresses=''",
            pg.port,
            pg.dir.path().display()
        );
        let log = pg.dir.path().join("log");
        pg.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &opts,
                "-l",
                log.to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        pg
    }

    fn command(&self, tool: &str) -> Command {
        let path = self.bin.join(tool);
        match self.as_user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        }
    }

    fn run(&self, tool: &str, args: &[&str]) -> String {
        let o = self.command(tool).args(args).output().unwrap();
        assert!(
            o.status.success(),
            "{tool} {args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// psql on the cluster, with `sql` as its script; (status, standard output, standard
    /// error).
    fn psql(&self, sql: &str) -> (bool, String, String) {
        let script = self.dir.path().join("script.sql");
        std::fs::write(&script, sql).unwrap();
        if self.as_user.is_some() {
            let _ = Command::new("chmod").arg("644").arg(&script).status();
        }
        let o = Command::new("psql")
            .args([
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "--csv",
                "-U",
                "postgres",
            ])
            .args(["-h", self.dir.path().to_str().unwrap()])
            .args(["-p", &self.port.to_string(), "-d", "postgres", "-f"])
            .arg(&script)
            .output()
            .unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = self
            .command("pg_ctl")
            .args(["-D", data.to_str().unwrap(), "-m", "immediate", "stop"])
            .output();
    }
}

/// A literal of SQL text.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The statements that create and fill a table for each input of the methodology `file`,
/// with the values the interpreter reads (its CSV reader: decimal commas, encodings).
fn load_inputs(file: &Path) -> String {
    load_inputs_for(file, false)
}

/// [`load_inputs`] for ClickHouse (`clickhouse`: nullable columns, tables in memory).
fn load_inputs_for(file: &Path, clickhouse: bool) -> String {
    let opts = metodika::load::options_for(file);
    let loaded = metodika::load::load_file(file, &opts).expect("the methodology loads");
    let Some(m) = loaded.methodology else {
        let msgs: Vec<String> = loaded
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        panic!("{}: {msgs:?}", file.display());
    };
    let dir = file.parent().unwrap();
    let mut sql = String::new();
    for (i, input) in m.inputs.iter().enumerate() {
        let label = m.label.as_ref().filter(|(li, _)| *li == i).map(|(_, l)| l);
        let w = metodika::data::Wanted {
            input: &input.name,
            key: &m.key,
            label: label.map(|l| l.as_str()),
            label_required: label.is_some(),
            columns: &input.columns,
            encoding: input.encoding,
        };
        let path = dir.join(&input.path);
        let t = metodika::data::read_csv(path.to_str().unwrap(), &w).expect("the input reads");
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let (text, num, engine) = match clickhouse {
            true => ("Nullable(String)", "Nullable(Float64)", " ENGINE = Memory"),
            false => ("TEXT", "DOUBLE PRECISION", ""),
        };
        let mut cols = vec![format!("{} {text}", q(&m.key))];
        if let Some(l) = label {
            cols.push(format!("{} {text}", q(l)));
        }
        cols.extend(input.columns.iter().map(|c| format!("{} {num}", q(c))));
        sql.push_str(&format!(
            "CREATE TABLE {} ({}){engine};\n",
            q(&input.name),
            cols.join(", ")
        ));
        for r in 0..t.keys.len() {
            let mut vals = vec![lit(&t.keys[r])];
            if let Some(ls) = &t.labels {
                vals.push(lit(&ls[r]));
            }
            for (_, v) in &t.columns {
                let x = v[r];
                vals.push(if x.is_nan() {
                    "NULL".into()
                } else {
                    format!("CAST('{x:?}' AS DOUBLE PRECISION)")
                });
            }
            sql.push_str(&format!(
                "INSERT INTO {} VALUES ({});\n",
                q(&input.name),
                vals.join(", ")
            ));
        }
    }
    sql
}

fn run_csv(file: &Path) -> String {
    let o = bin()
        .args(["run", "--format", "csv"])
        .arg(file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn sql_of(file: &Path) -> String {
    sql_in(file, "postgres")
}

fn sql_in(file: &Path, dialect: &str) -> String {
    let o = bin()
        .args(["sql", "--dialect", dialect])
        .arg(file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// DuckDB (in the peers' environment, .ci/peers.sh): the tables of `load`, then `query`;
/// (status, the rows as CSV, standard error).
fn duckdb(load: &str, query: &str) -> (bool, String, String) {
    python_engine("duckdb_run.py", load, query)
}

/// ClickHouse in process, through chDB (the peers' environment): as [`duckdb`].
fn clickhouse(load: &str, query: &str) -> (bool, String, String) {
    python_engine("chdb_run.py", load, query)
}

fn python_engine(script: &str, load: &str, query: &str) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (l, q) = (dir.path().join("load.sql"), dir.path().join("query.sql"));
    std::fs::write(&l, load).unwrap();
    std::fs::write(&q, query).unwrap();
    let o = Command::new(root().join("target/peers-venv/bin/python"))
        .arg(root().join("tests/sql").join(script))
        .args([&l, &q])
        .output()
        .expect("the peers' Python (.ci/peers.sh)");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Two CSV tables of a ranking, equal: the same header, and row by row the same texts,
/// numbers within 1e-9.
fn assert_same(name: &str, ours: &str, theirs: &str) {
    let rows = |s: &str| -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(s.as_bytes());
        r.records()
            .map(|x| x.unwrap().iter().map(|c| c.to_string()).collect())
            .collect()
    };
    let (a, b) = (rows(ours), rows(theirs));
    assert_eq!(a[0], b[0], "{name}: the header");
    assert_eq!(a.len(), b.len(), "{name}: the rows");
    for (r, (x, y)) in a.iter().zip(&b).enumerate().skip(1) {
        for (c, (p, q)) in x.iter().zip(y).enumerate() {
            let same = match (p.parse::<f64>(), q.parse::<f64>()) {
                (Ok(u), Ok(v)) => (u - v).abs() <= 1e-9 * u.abs().max(1.0),
                _ => p == q,
            };
            assert!(
                same,
                "{name}: row {r}, column `{}`: run gives `{p}`, the engine `{q}`",
                a[0][c]
            );
        }
    }
}

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
        let (ok, out, err) = duckdb(&load_inputs(&file), &sql_in(&file, "duckdb"));
        assert!(ok, "{f} on DuckDB: {err}");
        assert_same(&format!("{f} on DuckDB"), &ran, &out);
        let (ok, out, err) =
            clickhouse(&load_inputs_for(&file, true), &sql_in(&file, "clickhouse"));
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
/// in a methodology of its own over a small table with gaps and ties: PostgreSQL gives
/// what `run` gives.
#[test]
fn every_built_in_gives_runs_values_on_postgres() {
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
        let script = format!(
            "CREATE SCHEMA c{k};\nSET search_path TO c{k};\n{}\n{}",
            load_inputs(&file),
            sql_of(&file)
        );
        let (ok, out, err) = pg.psql(&script);
        assert!(ok, "case {k}:\n{m}\n{err}");
        let ran = run_csv(&file);
        assert_same(&format!("case {k}:\n{m}"), &ran, &out);
        let (ok, out, err) = duckdb(&load_inputs(&file), &sql_in(&file, "duckdb"));
        assert!(ok, "case {k} on DuckDB:\n{m}\n{err}");
        assert_same(&format!("case {k} on DuckDB:\n{m}"), &ran, &out);
        let (ok, out, err) =
            clickhouse(&load_inputs_for(&file, true), &sql_in(&file, "clickhouse"));
        assert!(ok, "case {k} on ClickHouse:\n{m}\n{err}");
        assert_same(&format!("case {k} on ClickHouse:\n{m}"), &ran, &out);
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

/// What does not translate yet is refused at once, each construct named with the
/// dialect, and no query is printed: record inputs, for now.
#[test]
fn what_does_not_translate_is_refused_by_name() {
    let records = root().join("methodologies/pos/pos-2025.metodika");
    let o = bin()
        .args(["sql", "--dialect", "postgres"])
        .arg(&records)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("S001").count(), 5, "{err}");
    assert!(
        err.contains("record input `messages` (aggregates over records) is not translated to postgres SQL yet")
            && err.contains("docs/sql.md"),
        "{err}"
    );
    // in Russian too
    let o = bin()
        .args(["sql", "--dialect", "postgres", "--lang", "ru"])
        .arg(&records)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "вход записей `messages` (свёртки по записям): в SQL для postgres пока не переводится"
        ),
        "{err}"
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
    let (ok, _, err) = duckdb(&load_inputs(&file), &sql_in(&file, "duckdb"));
    assert!(!ok);
    assert!(
        err.contains("R001: `missing error`, no value of `a` in region C"),
        "{err}"
    );
    let (ok, _, err) = clickhouse(&load_inputs_for(&file, true), &sql_in(&file, "clickhouse"));
    assert!(!ok);
    assert!(
        err.contains("R001: `missing error`, no value of `a` in region C"),
        "{err}"
    );
}

/// Many cases on DuckDB or chDB in one process (tests/sql/many.py): each case's rows as
/// CSV, or its error.
fn many(engine: &str, cases: &[(String, String)]) -> Vec<Result<String, String>> {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![engine.to_string()];
    for (k, (load, query)) in cases.iter().enumerate() {
        let (l, q) = (
            dir.path().join(format!("{k}.load")),
            dir.path().join(format!("{k}.sql")),
        );
        std::fs::write(&l, load).unwrap();
        std::fs::write(&q, query).unwrap();
        args.push(l.display().to_string());
        args.push(q.display().to_string());
    }
    let o = Command::new(root().join("target/peers-venv/bin/python"))
        .arg(root().join("tests/sql/many.py"))
        .args(&args)
        .output()
        .expect("the peers' Python (.ci/peers.sh)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let mut out = Vec::new();
    for part in text.split("=== ").skip(1) {
        let (head, body) = part.split_once('\n').unwrap_or((part, ""));
        out.push(match head.ends_with("error") {
            true => Err(body.to_string()),
            false => Ok(body.to_string()),
        });
    }
    assert_eq!(out.len(), cases.len());
    out
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
        duck.push((load_inputs(&file), sql_in(&file, "duckdb")));
        house.push((load_inputs_for(&file, true), sql_in(&file, "clickhouse")));
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
    let (ok, out, err) = duckdb(&load_inputs(&file), &sql_in(&file, "duckdb"));
    assert!(ok, "{err}");
    assert_same("DuckDB", &ran, &out);
    let (ok, out, err) = clickhouse(&load_inputs_for(&file, true), &sql_in(&file, "clickhouse"));
    assert!(ok, "{err}");
    assert_same("ClickHouse", &ran, &out);
}
