//! Stages 3 and 4: a checked [`Methodology`] and its regional tables → one polars lazy
//! plan → a [`Ranking`]. The only part of the library that imports polars.

pub mod audit;
pub mod database;
mod dense;
mod frame;
mod lower;
mod missing;
mod plan;
mod records;
mod result;
pub mod sensitivity;
pub mod tally;
mod udf;
pub mod uncertainty;

pub use crate::paths::{confinement, input_path, RunOptions};
pub use frame::{load, LoadedInputs};
pub use records::{chosen_period, write_records_csv};
pub use result::{AggregateDetail, Columns, IndicatorDetail, Ranking, Row, Step};

use crate::check::Methodology;
use crate::data::{DataError, DataErrors};
use polars::prelude::DataFrame;
use std::fmt;

/// Why a run failed.
#[derive(Debug)]
pub enum RunError {
    /// Problems in the input files, each naming the place (`D…` codes).
    Data(DataErrors),
    /// Data problems found while scoring (missing values under `missing error`), each
    /// line naming the region, the indicator and the columns.
    Values {
        /// What is wrong, in one line.
        message: String,
        /// One line per region, indicator and empty column.
        lines: Vec<String>,
        /// How to put it right.
        help: String,
    },
    /// A region named on the command line that the ranking does not have (R002).
    NoRegion(String),
    /// A failure inside the engine: a bug, reported as such.
    Internal(String),
    /// `run --database`: the server, the user, or the query (`B…` codes, or the run's
    /// own code for what stops a run).
    Database {
        /// Its code.
        code: &'static str,
        /// What is wrong, in one line.
        message: String,
        /// How to put it right.
        help: String,
    },
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Data(e) => write!(f, "{e}"),
            RunError::Values {
                message,
                lines,
                help,
            } => {
                let mut text = message.clone();
                for l in lines {
                    text.push_str(&format!("\n  - {l}"));
                }
                write!(
                    f,
                    "{}",
                    crate::i18n::framed(MISSING_VALUES, &text, Some(help))
                )
            }
            RunError::NoRegion(k) => write!(
                f,
                "{}",
                crate::i18n::framed(
                    NO_REGION,
                    &crate::i18n::t("r002-message", &[("key", k.into())]),
                    Some(&crate::i18n::t("r002-help", &[]))
                )
            ),
            RunError::Internal(m) => write!(
                f,
                "{}",
                crate::i18n::framed(
                    INTERNAL,
                    &crate::i18n::t("r900-message", &[("why", m.into())]),
                    None
                )
            ),
            RunError::Database {
                code,
                message,
                help,
            } => write!(f, "{}", crate::i18n::framed(code, message, Some(help))),
        }
    }
}

impl std::error::Error for RunError {}

/// Values missing under `missing error`, found while scoring.
pub const MISSING_VALUES: &str = "R001";
/// A region named on the command line that the ranking does not have.
pub const NO_REGION: &str = "R002";
/// A failure inside the engine: a bug.
pub const INTERNAL: &str = "R900";

impl RunError {
    /// The problems as JSON objects, in the form of `check --format json`'s diagnostics:
    /// `code`, `severity`, `message`, `help`, and where it is — `input`, `file`, `line`
    /// (data errors), `details` (one line per region for missing values).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        let problems: Vec<serde_json::Value> = match self {
            RunError::Data(d) => d
                .errors
                .iter()
                .map(|e| {
                    json!({
                        "code": e.code,
                        "severity": "error",
                        "message": e.message,
                        "input": e.input,
                        "file": e.path,
                        "line": e.line(),
                        "help": e.help,
                    })
                })
                .collect(),
            RunError::Values {
                message,
                lines,
                help,
            } => vec![json!({
                "code": MISSING_VALUES,
                "severity": "error",
                "message": message,
                "details": lines,
                "help": help,
            })],
            RunError::NoRegion(k) => vec![json!({
                "code": NO_REGION,
                "severity": "error",
                "message": format!("no region `{k}` in the ranking"),
                "help": "name a region by its key, as in the key column",
            })],
            RunError::Internal(m) => vec![json!({
                "code": INTERNAL,
                "severity": "error",
                "message": format!("internal error (please report it): {m}"),
            })],
            RunError::Database {
                code,
                message,
                help,
            } => vec![json!({
                "code": code,
                "severity": "error",
                "message": message,
                "help": help,
            })],
        };
        let not_shown = match self {
            RunError::Data(d) => d.not_shown,
            _ => 0,
        };
        json!({ "errors": problems, "not_shown": not_shown })
    }
}

impl From<DataError> for RunError {
    fn from(e: DataError) -> Self {
        RunError::Data(e.into())
    }
}

impl From<DataErrors> for RunError {
    fn from(e: DataErrors) -> Self {
        RunError::Data(e)
    }
}

impl From<polars::error::PolarsError> for RunError {
    fn from(e: polars::error::PolarsError) -> Self {
        RunError::Internal(e.to_string())
    }
}

/// Run a methodology over its inputs and rank the regions, with every indicator's steps
/// (raw, value, normalized, contribution) in each row.
pub fn run(m: &Methodology, opts: &RunOptions) -> Result<Ranking, RunError> {
    run_with(m, opts, true)
}

/// Run, keeping the indicators' steps only when `detail` (they are most of the memory of
/// a large run).
pub fn run_with(m: &Methodology, opts: &RunOptions, detail: bool) -> Result<Ranking, RunError> {
    let (df, notes, profile) = collect(m, opts, detail)?;
    let r = result::extract(m, &df, detail).map(|r| Ranking {
        notes,
        profile,
        ..r
    });
    crate::timing::mark("ranking extracted");
    r
}

/// Run, with the result as columns (for outputs written row by row).
pub fn run_columns(m: &Methodology, opts: &RunOptions, detail: bool) -> Result<Columns, RunError> {
    let (df, notes, profile) = collect(m, opts, detail)?;
    let c = Columns::new(m, &df, detail).map(|mut c| {
        c.meta.notes = notes;
        c.meta.profile = profile;
        c
    });
    crate::timing::mark("columns extracted");
    c
}

/// Runs of at most this many regions are planned with [`SMALL_PLAN`].
const SMALL_RUN: usize = 10_000;

/// What polars' optimizer does for a regional run: coerce and check types, and project
/// columns without the expression engine. The rest — common subexpressions and subplans,
/// pushdowns, clustering — pays on large frames only: on the ПОС example's 85 regions it
/// cost more planning time than it saved (docs/performance.md).
const SMALL_PLAN: polars::prelude::OptFlags = polars::prelude::OptFlags::TYPE_COERCION
    .union(polars::prelude::OptFlags::TYPE_CHECK)
    .union(polars::prelude::OptFlags::FAST_PROJECTION);

/// Load, build the plan, collect; refuse missing values under `missing error`. The
/// frame, and the notes of reading the inputs.
fn collect(
    m: &Methodology,
    opts: &RunOptions,
    detail: bool,
) -> Result<(DataFrame, Vec<crate::notes::Note>, Vec<String>), RunError> {
    let mut inputs = load(m, opts)?;
    let notes = std::mem::take(&mut inputs.notes);
    // Reading freed its blocks and parts: give that memory back before the plan runs
    // (glibc keeps it otherwise; docs/performance.md measures the difference).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
    crate::timing::mark("inputs loaded");
    let large = opts.large_plan.unwrap_or(inputs.frame.height() > SMALL_RUN);
    if opts.dense.unwrap_or(!large) {
        let (df, profile) = dense::collect(m, &inputs, detail, opts.profile)?;
        crate::timing::mark("stages evaluated");
        if missing::has_missing_errors(m, &df)? {
            // name the regions and the empty columns: every step is needed
            let df = match detail {
                true => df,
                false => dense::collect(m, &inputs, true, false)?.0,
            };
            return Err(missing::missing_errors(m, &df));
        }
        let mut notes = notes;
        notes.extend(missing::fallback_notes(m, &df)?);
        return Ok((df, notes, profile));
    }
    // The plan owns the inputs, so that their columns go as soon as nothing needs them.
    let (lf, large) = lazy_plan(m, inputs, opts, detail)?;
    let (df, profile) = if opts.profile {
        let (df, profile) = lf.profile()?;
        (df, profile_lines(&profile)?)
    } else {
        (lf.collect()?, Vec::new())
    };
    crate::timing::mark("plan collected");
    if missing::has_missing_errors(m, &df)? {
        // The messages name the regions and the empty columns: read the inputs again and
        // keep every step (a failed run, so its cost does not matter).
        let df = if detail {
            df
        } else {
            plan::build(m, load(m, opts)?, true, large)?.collect()?
        };
        return Err(missing::missing_errors(m, &df));
    }
    let mut notes = notes;
    notes.extend(missing::fallback_notes(m, &df)?);
    Ok((df, notes, profile))
}

/// The optimized polars plan of a run, as text.
pub fn describe_plan(m: &Methodology, opts: &RunOptions) -> Result<String, RunError> {
    let records = records::describe(m, opts)?;
    let (lf, _) = lazy_plan(m, load(m, opts)?, opts, false)?;
    let regions = lf.describe_optimized_plan()?;
    Ok(match records.is_empty() {
        true => regions,
        false => format!("{records}regions:\n{regions}"),
    })
}

/// The plan of a run as it is collected: for a large frame or a regional one (see
/// [`RunOptions::large_plan`]), with the optimizer passes that size calls for; and which
/// it is.
fn lazy_plan(
    m: &Methodology,
    inputs: LoadedInputs,
    opts: &RunOptions,
    detail: bool,
) -> Result<(polars::prelude::LazyFrame, bool), RunError> {
    let large = opts.large_plan.unwrap_or(inputs.frame.height() > SMALL_RUN);
    let lf = plan::build(m, inputs, detail, large)?;
    Ok(if large {
        (lf, large)
    } else {
        (lf.with_optimizations(SMALL_PLAN), large)
    })
}

/// The time of each node of the plan (`METODIKA_PROFILE=1`), one line each.
fn profile_lines(profile: &DataFrame) -> Result<Vec<String>, RunError> {
    let node = profile.column("node")?.str()?.clone();
    let start = profile
        .column("start")?
        .cast(&polars::prelude::DataType::Float64)?;
    let end = profile
        .column("end")?
        .cast(&polars::prelude::DataType::Float64)?;
    let mut out = Vec::new();
    for ((n, s), e) in node.iter().zip(start.f64()?.iter()).zip(end.f64()?.iter()) {
        let (s, e) = (s.unwrap_or(0.0) / 1000.0, e.unwrap_or(0.0) / 1000.0);
        let n: String = n.unwrap_or("").chars().take(100).collect();
        out.push(format!(
            "[profile] {s:>8.1} … {e:>8.1} ms ({:>6.1} ms)  {n}",
            e - s
        ));
    }
    Ok(out)
}
