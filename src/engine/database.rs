//! `run --database postgres://…`: the query of `metodika sql` (lowered from the same
//! stages as the polars plan) run on a PostgreSQL server whose tables hold the inputs,
//! and its rows read back into a [`Ranking`] that every output prints as it prints a run.
//!
//! Before the query, each table the methodology reads is looked up and its columns
//! checked — every missing table or column and every column of the wrong type reported at
//! once (B003, B004), each naming the input and the table. A server that cannot be
//! reached (B001), a user it refuses (B002, without the password), and a query it fails
//! (B005) each have a code; what stops a run stops the query, and is reported with the
//! run's code (R001, D005, D013, D014).

use super::{Ranking, Row, RunError};
use crate::check::Methodology;
use crate::data::records::ColType;
use crate::data::{DataError, DataErrors};
use crate::i18n::t;
use crate::sql::{translate, Target};
use postgres::{Client, Config, NoTls};
use std::time::Duration;

/// A server that cannot be reached.
pub const UNREACHABLE: &str = "B001";
/// A user the server refuses.
pub const REFUSED: &str = "B002";
/// A table or a column that the database does not have.
pub const NO_TABLE: &str = "B003";
/// A column whose type is not what the methodology reads.
pub const WRONG_TYPE: &str = "B004";
/// A query the server failed.
pub const FAILED: &str = "B005";

/// The connection that `url` names, completed as `psql` completes it from the
/// environment (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`,
/// `PGCONNECT_TIMEOUT`); the text of what does not read, without the password.
pub fn config(url: &str) -> Result<Config, String> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let mut c: Config = url.parse().map_err(|e: postgres::Error| {
        t(
            "db-url",
            &[("why", without_password(&with_causes(&e), url).into())],
        )
    })?;
    if c.get_hosts().is_empty() {
        match env("PGHOST") {
            Some(h) if h.starts_with('/') => {
                c.host_path(h);
            }
            Some(h) => {
                c.host(&h);
            }
            None if std::path::Path::new("/var/run/postgresql").is_dir() => {
                c.host_path("/var/run/postgresql");
            }
            None => {
                c.host("localhost");
            }
        }
    }
    if c.get_ports().is_empty() {
        if let Some(p) = env("PGPORT").and_then(|p| p.parse().ok()) {
            c.port(p);
        }
    }
    if c.get_user().is_none() {
        let user = env("PGUSER")
            .or_else(|| env("USER"))
            .unwrap_or_else(|| "postgres".into());
        c.user(&user);
    }
    if c.get_password().is_none() {
        if let Some(p) = env("PGPASSWORD") {
            c.password(p);
        }
    }
    if c.get_dbname().is_none() {
        if let Some(d) = env("PGDATABASE") {
            c.dbname(&d);
        }
    }
    if c.get_connect_timeout().is_none() {
        let secs = env("PGCONNECT_TIMEOUT")
            .and_then(|s| s.parse().ok())
            .unwrap_or(10);
        c.connect_timeout(Duration::from_secs(secs));
    }
    c.application_name("metodika");
    Ok(c)
}

/// An error with its causes (`error connecting to server: Connection refused`).
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let said = c.to_string();
        if !text.contains(&said) {
            text.push_str(&format!(": {said}"));
        }
        cause = c.source();
    }
    text
}

/// `text` with the password of `url` (between `:` and `@` of its user part) masked.
fn without_password(text: &str, url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let user_part = rest.split_once('@').map(|(u, _)| u);
    match user_part.and_then(|u| u.split_once(':')).map(|(_, p)| p) {
        Some(p) if !p.is_empty() => text.replace(p, "***"),
        _ => text.to_string(),
    }
}

/// Where the connection goes, for messages: host (or socket directory) and port.
fn place(c: &Config) -> String {
    let host = match c.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => String::new(),
    };
    format!("{host}:{}", c.get_ports().first().copied().unwrap_or(5432))
}

fn problem(code: &'static str, message: String, help: String) -> RunError {
    RunError::Database {
        code,
        message,
        help,
    }
}

/// Run `m`'s query for `target` on the server `config` names; the ranking as `run`
/// gives it (with each indicator's steps under `detail`).
pub fn run_database(
    m: &Methodology,
    config: &Config,
    target: &Target,
) -> Result<Ranking, RunError> {
    let mut client = connect(config)?;
    check_tables(m, &mut client, target)?;
    let target = Target {
        run_columns: true,
        ..*target
    };
    let query = translate(m, &target);
    // (doubles printed in their shortest exact form, whatever the server's setting)
    client
        .batch_execute("SET extra_float_digits = 3")
        .map_err(failed)?;
    // (the simple protocol, as psql sends a script: the values come as text — a double
    // in its shortest exact form — and the server plans the query as it plans psql's)
    let rows: Vec<postgres::SimpleQueryRow> = client
        .simple_query(&query)
        .map_err(failed)?
        .into_iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => Some(r),
            _ => None,
        })
        .collect();
    read_rows(m, &rows, target.detail)
}

/// The connection, its whole start-up (the TCP connection, TLS refused, the server's
/// greeting, the password) bounded by the connect timeout: a server that accepts and stays
/// silent is unreachable after that time (B001), never waited on (the client's own timeout
/// bounds the TCP connection alone).
fn connect(config: &Config) -> Result<Client, RunError> {
    let limit = config
        .get_connect_timeout()
        .copied()
        .unwrap_or(Duration::from_secs(10));
    let (tx, rx) = std::sync::mpsc::channel();
    let c = config.clone();
    // (a thread left waiting on a silent server ends with the process)
    std::thread::spawn(move || {
        let _ = tx.send(c.connect(NoTls));
    });
    let connected = match rx.recv_timeout(limit) {
        Ok(c) => c,
        Err(_) => {
            let user = config.get_user().unwrap_or_default();
            return Err(problem(
                UNREACHABLE,
                t(
                    "db-unreachable",
                    &[
                        ("user", user.into()),
                        ("place", place(config).into()),
                        (
                            "why",
                            t(
                                "db-silent",
                                &[("seconds", limit.as_secs().to_string().into())],
                            )
                            .into(),
                        ),
                    ],
                ),
                t("db-unreachable-help", &[]),
            ));
        }
    };
    connected.map_err(|e| {
        // refused: the server's reason (or the client's: a password asked for and not
        // given) names the user, never the password; anything else, unreachable
        let (refused, why) = match e.as_db_error() {
            Some(db) => (true, db.message().to_string()),
            None => {
                let why = with_causes(&e);
                (why.contains("password"), why)
            }
        };
        let (code, message, help) = match refused {
            true => (REFUSED, "db-refused", "db-refused-help"),
            false => (UNREACHABLE, "db-unreachable", "db-unreachable-help"),
        };
        let user = config.get_user().unwrap_or_default();
        problem(
            code,
            t(
                message,
                &[
                    ("user", user.into()),
                    ("place", place(config).into()),
                    ("why", why.into()),
                ],
            ),
            t(help, &[]),
        )
    })
}

/// Whether a column of PostgreSQL type `found` (as `format_type` writes it) holds what
/// the methodology reads as `wanted`.
fn fits(found: &str, wanted: ColType) -> bool {
    let numeric = [
        "smallint",
        "integer",
        "bigint",
        "real",
        "double precision",
        "numeric",
    ];
    match wanted {
        ColType::Text => true,
        ColType::Number => numeric.iter().any(|n| found.starts_with(n)),
        ColType::Date => found == "date" || found.starts_with("timestamp"),
        ColType::Bool => found == "boolean",
    }
}

/// Every table the query reads, with the columns it reads and their types: each missing
/// table or column, and each column of another type, reported together.
fn check_tables(m: &Methodology, client: &mut Client, target: &Target) -> Result<(), RunError> {
    let mut wanted: Vec<(&str, Vec<(String, ColType)>)> = Vec::new();
    for (i, input) in m.inputs.iter().enumerate() {
        let mut cols = vec![(m.key.clone(), ColType::Text)];
        if let Some((li, l)) = &m.label {
            if *li == i {
                cols.push((l.clone(), ColType::Text));
            }
        }
        cols.extend(input.columns.iter().map(|c| (c.clone(), ColType::Number)));
        wanted.push((&input.name, cols));
    }
    for (ri, r) in m.records.iter().enumerate() {
        if !m.record_aggs.iter().any(|a| a.records == ri) {
            continue;
        }
        let mut cols = vec![(r.key.clone(), ColType::Text)];
        cols.extend(r.columns.iter().filter(|(c, _)| *c != r.key).cloned());
        wanted.push((&r.name, cols));
    }
    let mut problems = DataErrors::default();
    for (input, cols) in wanted {
        let table = target.table(input);
        let exists = client
            .query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])
            .map_err(failed)?
            .get::<_, bool>(0);
        if !exists {
            problems.push(
                DataError::new(
                    NO_TABLE,
                    input,
                    &table,
                    t("db-no-table", &[("table", table.as_str().into())]),
                )
                .help(t("db-no-table-help", &[("input", input.into())])),
            );
            continue;
        }
        let found = client
            .query(
                "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod) \
                 FROM pg_attribute a \
                 WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped \
                 ORDER BY a.attnum",
                &[&table],
            )
            .map_err(failed)?;
        let found: Vec<(String, String)> = found.iter().map(|r| (r.get(0), r.get(1))).collect();
        for (c, ty) in cols {
            match found.iter().find(|(n, _)| *n == c) {
                None => {
                    let hint = crate::diag::did_you_mean(&c, found.iter().map(|(n, _)| n.as_str()));
                    problems.push(
                        DataError::new(
                            NO_TABLE,
                            input,
                            &table,
                            t("db-no-column", &[("column", c.as_str().into())]),
                        )
                        .help(hint.unwrap_or_else(|| t("db-no-column-help", &[]))),
                    );
                }
                Some((_, sql_type)) if !fits(sql_type, ty) => problems.push(
                    DataError::new(
                        WRONG_TYPE,
                        input,
                        &table,
                        t(
                            "db-wrong-type",
                            &[
                                ("column", c.as_str().into()),
                                ("found", sql_type.as_str().into()),
                                ("wanted", ty.in_words().into()),
                            ],
                        ),
                    )
                    .help(t(
                        match ty {
                            ColType::Number => "db-wrong-type-number",
                            ColType::Date => "db-wrong-type-date",
                            _ => "db-wrong-type-bool",
                        },
                        &[],
                    )),
                ),
                Some(_) => {}
            }
        }
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems.into()),
    }
}

/// A query the server failed: the run's own stops under their codes (the query stops
/// with the code at the head of its message), anything else B005.
fn failed(e: postgres::Error) -> RunError {
    let why = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => with_causes(&e),
    };
    for code in ["R001", "D005", "D013", "D014"] {
        if let Some(at) = why.find(&format!("{code}: ")) {
            let said = why[at + code.len() + 2..].trim_end_matches('"');
            let told = in_words(code, said).unwrap_or_else(|| said.to_string());
            return problem(code, told, t("db-stop-help", &[]));
        }
    }
    problem(
        FAILED,
        t("db-failed", &[("why", why.into())]),
        t("db-failed-help", &[]),
    )
}

/// What the query said of a run's stop (its text is the query's, in English: see
/// `crate::sql`), told in the user's language; `None` for a text of another form.
fn in_words(code: &str, said: &str) -> Option<String> {
    // the names are between backticks: `missing error`, `NAME` …
    let parts: Vec<&str> = said.split('`').collect();
    let after = |mark: &str| said.split_once(mark).map(|(_, r)| r.trim());
    Some(match code {
        "R001" => t(
            "db-r001",
            &[
                ("indicator", (*parts.get(3)?).into()),
                ("region", after(" in region ")?.into()),
            ],
        ),
        "D005" => t(
            "db-d005",
            &[
                ("input", (*parts.get(1)?).into()),
                ("key", (*parts.get(3)?).into()),
            ],
        ),
        "D013" => t(
            "db-d013",
            &[
                ("input", (*parts.get(1)?).into()),
                ("region", after("do not have: ")?.into()),
            ],
        ),
        "D014" => {
            let rest = after("` in ")?;
            let (period, window) = rest.split_once(" (")?;
            let window = window.split_once(')')?.0;
            let (period, before) = match period.split_once(", the period before") {
                Some((p, _)) => (p, true),
                None => (period, false),
            };
            t(
                if before {
                    "db-d014-previous"
                } else {
                    "db-d014"
                },
                &[
                    ("input", (*parts.get(1)?).into()),
                    ("period", period.into()),
                    ("window", window.into()),
                ],
            )
        }
        _ => return None,
    })
}

/// The query's rows as a ranking.
fn read_rows(
    m: &Methodology,
    rows: &[postgres::SimpleQueryRow],
    detail: bool,
) -> Result<Ranking, RunError> {
    let mut ranking = Ranking::of(m);
    let text = |r: &postgres::SimpleQueryRow, c: &str| -> Result<Option<String>, RunError> {
        Ok(r.try_get(c).map_err(failed)?.map(String::from))
    };
    let num = |r: &postgres::SimpleQueryRow, c: &str| -> Result<Option<f64>, RunError> {
        match r.try_get(c).map_err(failed)? {
            None => Ok(None),
            Some(v) => v
                .parse::<f64>()
                .map(|x| x.is_finite().then_some(x))
                .map_err(|e| RunError::Internal(format!("`{c}` = `{v}`: {e}"))),
        }
    };
    let score = m.score_index();
    // each indicator's regions a `by` policy filled from all regions
    let mut fell: Vec<Vec<String>> = vec![Vec::new(); m.indicators.len()];
    for r in rows {
        // each indicator's steps (with `detail`; a run without has none)
        let step = |ind: &str, s: &str| num(r, &format!("{ind}.{s}"));
        let indicators = match detail {
            true => m
                .indicators
                .iter()
                .map(|ind| {
                    let n = ind.name.as_str();
                    Ok(super::IndicatorDetail {
                        raw: step(n, "raw")?,
                        value: step(n, "value")?,
                        normalized: step(n, "normalized")?,
                        contribution: step(n, "contribution")?,
                        was_missing: num(r, &format!("missing.{n}"))? == Some(1.0),
                        outlier: match ind.outliers {
                            crate::builtins::Outliers::None => 0,
                            _ => num(r, &format!("outlier.{n}"))?.map_or(0, |k| k as u8),
                        },
                    })
                })
                .collect::<Result<_, RunError>>()?,
            false => Vec::new(),
        };
        ranking.rows.push(Row {
            place: num(r, "place")?,
            key: text(r, "key")?.unwrap_or_default(),
            label: text(r, "label")?.unwrap_or_default(),
            score: num(r, "score")?,
            zone: text(r, "zone")?,
            excluded: text(r, "excluded")?,
            groups: (0..score)
                .map(|g| num(r, &format!("group.{}", m.groups[g].name)))
                .collect::<Result<_, _>>()?,
            tie_values: (0..m.rank.then.len())
                .map(|i| num(r, &format!("tie.{i}")))
                .collect::<Result<_, _>>()?,
            group_contributions: Vec::new(),
            indicators,
            aggregates: Vec::new(),
        });
        let row = ranking.rows.last().filter(|x| x.excluded.is_none());
        for (ind, regions) in m.indicators.iter().zip(&mut fell) {
            if let Some(row) = row.filter(|_| ind.missing.by().is_some()) {
                if num(r, &format!("fallback.{}", ind.name))? == Some(1.0) {
                    let label = Some(row.label.as_str()).filter(|l| !l.is_empty());
                    regions.push(crate::data::region_name(&row.key, label));
                }
            }
        }
    }
    for (ind, regions) in m.indicators.iter().zip(&fell) {
        ranking
            .notes
            .extend(super::missing::fallback_note(ind, regions));
    }
    Ok(ranking)
}
