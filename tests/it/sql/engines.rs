//! The engines the SQL runs on in the tests: a throwaway PostgreSQL cluster, DuckDB and
//! chDB (in the peers' environment), each input loaded as a table of the values the
//! interpreter reads, and the comparison of a result with `run`'s.

use crate::util::{bin, root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A PostgreSQL cluster of the test's own, stopped (and removed) when dropped.
pub struct Postgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    /// The password of `postgres`, when the cluster asks for one (on 127.0.0.1 too).
    password: Option<String>,
    /// As root, the server runs as the `postgres` user (initdb refuses root).
    as_user: Option<&'static str>,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Postgres {
    /// A cluster that trusts its users, on a socket only.
    pub fn start() -> Postgres {
        Postgres::start_as(None)
    }

    /// A cluster whose user `postgres` has `password`, asked for (SCRAM) on its socket
    /// and on 127.0.0.1.
    pub fn with_password(password: &str) -> Postgres {
        Postgres::start_as(Some(password))
    }

    /// The directory of the cluster's socket.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    fn start_as(password: Option<&str>) -> Postgres {
        crate::util::ensure_part("postgres", "postgres.sh", || {
            std::fs::read_dir("/usr/lib/postgresql").is_ok_and(|d| {
                d.filter_map(|e| e.ok())
                    .any(|e| e.path().join("bin/initdb").exists())
            }) && std::process::Command::new("psql")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
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
            password: password.map(String::from),
        };
        let data = pg.dir.path().join("data");
        let pwfile = pg.dir.path().join("pw");
        let mut args = vec![
            "-D".to_string(),
            data.to_str().unwrap().into(),
            "-U".into(),
            "postgres".into(),
            "-E".into(),
            "UTF8".into(),
            "--locale=C".into(),
        ];
        match password {
            Some(p) => {
                std::fs::write(&pwfile, p).unwrap();
                if let Some(u) = as_user {
                    let _ = Command::new("chown").arg(u).arg(&pwfile).status();
                }
                args.push("--auth=scram-sha-256".into());
                args.push(format!("--pwfile={}", pwfile.display()));
            }
            None => args.push("--auth=trust".into()),
        }
        let args: Vec<&str> = args.iter().map(|a| a.as_str()).collect();
        pg.run("initdb", &args);
        let listen = match password {
            Some(_) => "127.0.0.1",
            None => "",
        };
        let opts = format!(
            "-p {} -k {} -c listen_addresses='{listen}'",
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
    pub fn psql(&self, sql: &str) -> (bool, String, String) {
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
            .env("PGPASSWORD", self.password.as_deref().unwrap_or(""))
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
pub fn load_inputs(file: &Path) -> String {
    load_inputs_for(file, "postgres")
}

/// [`load_inputs`] for an engine (`postgres`, `duckdb` or `clickhouse`: nullable columns,
/// tables in memory).
pub fn load_inputs_for(file: &Path, engine: &str) -> String {
    let clickhouse = engine == "clickhouse";
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
            texts: &input.texts,
            encoding: input.encoding,
        };
        let path = dir.join(&input.path);
        let t = match metodika::data::workbook::is_workbook(&path) {
            true => metodika::data::workbook::read_workbook(
                path.to_str().unwrap(),
                &w,
                &input.read_as(),
            ),
            false => metodika::data::read_csv(path.to_str().unwrap(), &w),
        }
        .expect("the input reads");
        // (quoted as the query quotes: a backslash in a header escaped for ClickHouse)
        let dialect = match engine {
            "clickhouse" => metodika::sql::Dialect::ClickHouse,
            "duckdb" => metodika::sql::Dialect::DuckDb,
            _ => metodika::sql::Dialect::Postgres,
        };
        let q = |s: &str| metodika::sql::in_dialect(dialect, || metodika::sql::ident(s));
        let (text, num, engine) = match clickhouse {
            true => ("Nullable(String)", "Nullable(Float64)", " ENGINE = Memory"),
            false => ("TEXT", "DOUBLE PRECISION", ""),
        };
        let mut cols = vec![format!("{} {text}", q(&m.key))];
        if let Some(l) = label {
            cols.push(format!("{} {text}", q(l)));
        }
        cols.extend(input.columns.iter().map(|c| format!("{} {num}", q(c))));
        // (a group's column read as text; one also read as numbers is a number column)
        let texts: Vec<&(String, Vec<Option<String>>)> = t
            .texts
            .iter()
            .filter(|(c, _)| !input.columns.contains(c))
            .collect();
        cols.extend(texts.iter().map(|(c, _)| format!("{} {text}", q(c))));
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
            for (_, v) in &texts {
                vals.push(v[r].as_deref().map_or("NULL".into(), lit));
            }
            sql.push_str(&format!(
                "INSERT INTO {} VALUES ({});\n",
                q(&input.name),
                vals.join(", ")
            ));
        }
    }
    sql.push_str(&load_records(file, &m, engine));
    sql
}

/// The statements that create and fill a table for each record input, with the records
/// the run reads (written as CSV by the library, then loaded by the engine in bulk).
fn load_records(file: &Path, m: &metodika::check::Methodology, engine: &str) -> String {
    use metodika::data::records::ColType;
    use std::hash::{Hash, Hasher};
    let opts = metodika::load::options_for(file);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    file.canonicalize().unwrap().hash(&mut h);
    let cache = root()
        .join("target/sql-records")
        .join(format!("{:016x}", h.finish()));
    std::fs::create_dir_all(&cache).unwrap();
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut sql = String::new();
    for (ri, r) in m.records.iter().enumerate() {
        // (written anew each time, under a name of its own, then renamed: tests that load
        // the same records at once each see a whole file)
        let csv = cache.join(format!("{ri}.csv"));
        let part = tempfile::NamedTempFile::new_in(&cache).unwrap();
        let cols = metodika::engine::write_records_csv(m, ri, &opts, part.path())
            .unwrap_or_else(|e| panic!("{}: {e:?}", r.name));
        part.persist(&csv).unwrap();
        let ty = |t: ColType| match (engine, t) {
            ("clickhouse", ColType::Number) => "Nullable(Float64)",
            ("clickhouse", ColType::Text) => "Nullable(String)",
            ("clickhouse", ColType::Date) => "Nullable(Date32)",
            ("clickhouse", ColType::Bool) => "Nullable(Bool)",
            (_, ColType::Number) => "DOUBLE PRECISION",
            (_, ColType::Text) => "TEXT",
            (_, ColType::Date) => "DATE",
            (_, ColType::Bool) => "BOOLEAN",
        };
        let defs: Vec<String> = cols
            .iter()
            .map(|(c, t)| format!("{} {}", q(c), ty(*t)))
            .collect();
        let path = csv.display().to_string();
        match engine {
            "clickhouse" => sql.push_str(&format!(
                "CREATE TABLE {t} ({d}) ENGINE = Memory;\nINSERT INTO {t} SELECT * FROM file({p}, 'CSVWithNames', {s});\n",
                t = q(&r.name),
                d = defs.join(", "),
                p = lit(&path),
                s = lit(&defs.join(", "))
            )),
            "duckdb" => sql.push_str(&format!(
                "CREATE TABLE {t} ({d});\nCOPY {t} FROM {p} (FORMAT csv, HEADER true);\n",
                t = q(&r.name),
                d = defs.join(", "),
                p = lit(&path)
            )),
            _ => sql.push_str(&format!(
                "CREATE TABLE {t} ({d});\n\\copy {t} FROM {p} WITH (FORMAT csv, HEADER true)\n",
                t = q(&r.name),
                d = defs.join(", "),
                p = lit(&path)
            )),
        }
    }
    sql
}

pub fn run_csv(file: &Path) -> String {
    run_csv_with(file, &[])
}

/// `run --format csv` with more arguments (`--period`, `--detail`).
pub fn run_csv_with(file: &Path, args: &[&str]) -> String {
    stdout_of(&[&["run", "--format", "csv"], args], file)
}

/// What metodika prints with `args` then `file`, which must succeed.
fn stdout_of(args: &[&[&str]], file: &Path) -> String {
    let o = bin().args(args.concat()).arg(file).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

pub fn sql_of(file: &Path) -> String {
    sql_in(file, "postgres")
}

pub fn sql_in(file: &Path, dialect: &str) -> String {
    sql_with(file, dialect, &[])
}

/// `sql` with more arguments (`--period`, `--detail`).
pub fn sql_with(file: &Path, dialect: &str, args: &[&str]) -> String {
    stdout_of(&[&["sql", "--dialect", dialect], args], file)
}

/// DuckDB (in the peers' environment, .ci/peers.sh): the tables of `load`, then `query`;
/// (status, the rows as CSV, standard error).
pub fn duckdb(load: &str, query: &str) -> (bool, String, String) {
    python_engine("duckdb_run.py", load, query)
}

/// ClickHouse in process, through chDB (the peers' environment): as [`duckdb`].
pub fn clickhouse(load: &str, query: &str) -> (bool, String, String) {
    python_engine("chdb_run.py", load, query)
}

fn python_engine(script: &str, load: &str, query: &str) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (l, q) = (dir.path().join("load.sql"), dir.path().join("query.sql"));
    std::fs::write(&l, load).unwrap();
    std::fs::write(&q, query).unwrap();
    let o = Command::new(crate::example::peers_python())
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
pub fn assert_same(name: &str, ours: &str, theirs: &str) {
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

/// Many cases on DuckDB or chDB in one process (tests/sql/many.py): each case's rows as
/// CSV, or its error.
pub fn many(engine: &str, cases: &[(String, String)]) -> Vec<Result<String, String>> {
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
    let o = Command::new(crate::example::peers_python())
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
