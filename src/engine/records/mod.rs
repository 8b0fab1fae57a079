//! Record inputs in a run: each read once — a Parquet file scanned for the columns the
//! methodology uses only, a CSV file through `data::records` — and all of its aggregates
//! computed in one `group_by(key).agg(…)`, each aggregate's `where` inside its
//! expression. The results join the regions as columns `rec:{i}` of the loaded frame, so
//! that every back end reads an aggregate as it reads an input column.
//!
//! A region without records counts 0 and sums 0; its other aggregates are missing.
//! Records of a region the region tables lack stop the run (D013, with the keys and their
//! counts) unless the input says `unknown ignore`; a record without a key stops it (D005).

use super::lower::{record, record_kept, record_total, KEY};
use super::RunError;
use crate::check::{Methodology, RecordsDef};
use crate::i18n::t;
mod export;
mod exprs;
mod read;
pub use export::write_records_csv;

use super::frame::readable;
use crate::data::keys::{Found, KeyIndex};
use crate::data::{codes, DataError, DataErrors};
use crate::notes::Note;
use crate::paths::{input_path, RunOptions};
use crate::stages::aggregation_sets;
use exprs::{aggregation, date_lit, order_free};
use polars::prelude::*;
use read::{files_of, first_without_key, read_records};
use std::collections::HashMap;

/// Compute every aggregate over records and add them to the regions' frame as `rec:{i}`
/// columns, in the frame's order of regions; notes of what reading assumed or left out.
pub(super) fn add_aggregates(
    m: &Methodology,
    opts: &RunOptions,
    frame: &mut DataFrame,
    notes: &mut Vec<Note>,
) -> Result<(), RunError> {
    if m.record_aggs.is_empty() {
        return Ok(());
    }
    let (period, note) = run_period(m, opts)?;
    notes.extend(note);
    let with_period;
    let opts = match opts.period == period {
        true => opts,
        false => {
            with_period = RunOptions {
                period,
                ..opts.clone()
            };
            &with_period
        }
    };
    let keys: Vec<String> = frame
        .column(KEY)?
        .str()?
        .iter()
        .map(|k| k.unwrap_or("").to_string())
        .collect();
    let row_of = KeyIndex::new(keys.iter().map(|k| k.as_str()));
    let mut problems = DataErrors::default();
    let mut added: Vec<(String, Vec<Option<f64>>)> = Vec::new();
    for (ri, previous, aggs) in aggregation_sets(m) {
        let r = &m.records[ri];
        {
            let window = match (opts.period, previous) {
                (None, false) => None,
                (Some(p), false) => Some(p),
                (Some(p), true) => Some(p.previous()),
                (None, true) => {
                    problems.push(
                        DataError::new(codes::PERIOD, &r.name, &r.path, t("d014-previous", &[]))
                            .help(t("d014-previous-help", &[])),
                    );
                    continue;
                }
            };
            let asked = previous.then_some(opts.period).flatten();
            match one_input(m, opts, r, &aggs, (window, asked), &row_of, &keys) {
                Ok((cols, note)) => {
                    added.extend(cols);
                    notes.extend(note);
                }
                Err(e) => problems.append(e),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    added.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, values) in added {
        frame.with_column(Column::new(name.into(), values))?;
    }
    Ok(())
}

type Added = (Vec<(String, Vec<Option<f64>>)>, Vec<Note>);

/// One record input: read, aggregate, and map onto the regions.
fn one_input(
    m: &Methodology,
    opts: &RunOptions,
    r: &RecordsDef,
    aggs: &[usize],
    (window, previous_of): (
        Option<crate::periods::Period>,
        Option<crate::periods::Period>,
    ),
    row_of: &KeyIndex,
    keys: &[String],
) -> Result<Added, DataErrors> {
    let path = readable(&r.name, &r.path, opts)?;
    let shown = path.display().to_string();
    let internal = |e: PolarsError| {
        DataErrors::from(DataError::new(
            codes::UNREADABLE,
            &r.name,
            &shown,
            e.to_string(),
        ))
    };
    let (lf, note, blank_line) = read_records(r, &path, window, opts)?;
    if let (true, Some(p), Some(date)) = (crate::timing::enabled(), window, &r.date) {
        for file in files_of(r, &path, Some(p), opts)? {
            if let Some((n, all, rows, total)) = crate::paths::is_parquet(&file)
                .then(|| read::row_groups_read(&file, date, p.window(), r.stock))
                .flatten()
            {
                crate::timing::mark(&format!(
                    "records `{}`, {p}: {}: reads {n} of {all} row groups ({rows} of {total} rows) by the statistics of `{date}`",
                    r.name,
                    file.display()
                ));
            }
        }
    }
    // Only the records of the period: dated within it (up to its end for a stock).
    let whole = lf.clone();
    let (lf, undated) = match (window, &r.date) {
        (Some(p), Some(date)) => {
            let undated =
                rows(lf.clone().filter(col(date.as_str()).is_null())).map_err(internal)?;
            (in_window(lf, r, Some(p)), undated)
        }
        _ => (lf, 0),
    };
    let mut lf = lf;
    let streaming = match opts.streaming {
        Some(s) => s,
        None => order_free(m, aggs, lf.collect_schema().map_err(internal)?.as_ref()),
    };
    // a Parquet file's numbers may be NaN or infinite, which a CSV cell never is
    let parquet = crate::paths::is_parquet(&path);
    let finite: Vec<&str> = match parquet {
        true => r
            .columns
            .iter()
            .filter(|(c, t)| *t == crate::data::records::ColType::Number && *c != r.key)
            .map(|(c, _)| c.as_str())
            .collect(),
        false => Vec::new(),
    };
    let aggregate = |lf: LazyFrame| {
        let plan = aggregation(lf, m, aggs, window, &finite);
        match streaming {
            true => plan
                .collect_with_engine(Engine::Streaming)
                .map(|q| q.unwrap_single()),
            false => plan.collect(),
        }
        .map_err(internal)
    };
    let mut out = aggregate(lf.clone())?;
    for c in &finite {
        let bad = out
            .column(&format!("__not_finite.{c}"))
            .and_then(|s| s.cast(&DataType::Int64))
            .ok()
            .and_then(|s| s.i64().ok().and_then(|s| s.sum()))
            .unwrap_or(0);
        if bad > 0 {
            return Err(DataError::new(
                codes::NOT_A_NUMBER,
                &r.name,
                &shown,
                t(
                    "d006-not-finite-records",
                    &[("n", (bad as u64).into()), ("column", (*c).into())],
                ),
            )
            .help(t("d006-not-finite-records-help", &[]))
            .into());
        }
    }
    // Keys written otherwise than the regions' codes (` 01`, `1`, `1.0` for `01`) are
    // grouped apart; where two of them name one region, the records are grouped again with
    // each such key written as the region's code, so that they add up — and those written
    // with another value than the code are still told in the warning
    let shared = shared_regions(&out, row_of, keys).map_err(internal)?;
    let mut remapped: Vec<(String, String, u64)> = Vec::new();
    if !shared.is_empty() {
        let written_counts: HashMap<String, u64> = out
            .column(KEY)
            .and_then(|k| {
                Ok((
                    k.str()?.clone(),
                    out.column("__records")?.cast(&DataType::UInt64)?,
                ))
            })
            .map(|(k, n)| {
                let n = n
                    .u64()
                    .map(|n| n.iter().collect::<Vec<_>>())
                    .unwrap_or_default();
                k.iter()
                    .zip(n)
                    .filter_map(|(k, n)| Some((k?.to_string(), n.unwrap_or(0))))
                    .collect()
            })
            .map_err(internal)?;
        for (written, code) in &shared {
            if written.trim() != code {
                let n = written_counts.get(written).copied().unwrap_or(0);
                remapped.push((written.trim().to_string(), code.clone(), n));
            }
        }
        let mut key = col(KEY);
        for (written, code) in shared.iter().rev() {
            key = when(col(KEY).eq(lit(written.as_str())))
                .then(lit(code.as_str()))
                .otherwise(key);
        }
        out = aggregate(lf.with_column(key.alias(KEY)))?;
    }
    crate::timing::mark(&format!(
        "records `{}`{}: aggregated {}",
        r.name,
        window.map_or(String::new(), |p| format!(", {p}")),
        if streaming {
            "by the streaming engine"
        } else {
            "in memory"
        }
    ));
    let out_keys: Vec<Option<String>> = out
        .column(KEY)
        .map_err(internal)?
        .str()
        .map_err(internal)?
        .iter()
        .map(|k| k.map(|s| s.trim().to_string()))
        .collect();
    let counts: Vec<u64> = out
        .column("__records")
        .map_err(internal)?
        .cast(&DataType::UInt64)
        .map_err(internal)?
        .u64()
        .map_err(internal)?
        .iter()
        .map(|c| c.unwrap_or(0))
        .collect();
    // A period without records (the group_by counted every record it kept).
    if let (Some(p), Some(date)) = (window, &r.date) {
        let kept: u64 = counts.iter().sum();
        if kept == 0 {
            return Err(empty_period(r, &shown, p, whole, date, previous_of).into());
        }
        if crate::timing::enabled() {
            let all = rows(whole).map_err(internal)?;
            crate::timing::mark(&format!(
                "records `{}`: {kept} of {all} records in {p}",
                r.name
            ));
        }
    }
    // Records without a key, and records of regions not in the region tables.
    let mut problems = DataErrors::default();
    let mut unknown: Vec<(String, u64)> = Vec::new();
    let mut by_value: Vec<(String, String, u64)> = Vec::new();
    let mut targets: Vec<Option<usize>> = Vec::with_capacity(out_keys.len());
    for (k, &n) in out_keys.iter().zip(&counts) {
        match k.as_deref() {
            None | Some("") => {
                let first = match blank_line {
                    Some(line) => (line, String::new()),
                    None => first_without_key(r, &files_of(r, &path, window, opts)?),
                };
                let mut e = DataError::new(
                    codes::NO_KEY,
                    &r.name,
                    &shown,
                    t(
                        "d005-records",
                        &[
                            ("n", n.into()),
                            ("key", (&r.key).into()),
                            ("first", (&first.1).into()),
                        ],
                    ),
                )
                .help(t("d005-records-help", &[]));
                if let Some(l) = first.0 {
                    e = e.at_line(l);
                }
                problems.push(e);
                targets.push(None);
            }
            Some(key) => match row_of.find(key) {
                Some(found) => {
                    if let Found::ByValue(row) = found {
                        by_value.push((key.to_string(), keys[row].clone(), n));
                    }
                    targets.push(Some(found.row()));
                }
                None => {
                    unknown.push((key.to_string(), n));
                    targets.push(None);
                }
            },
        }
    }
    unknown.sort();
    by_value.extend(remapped);
    by_value.sort();
    let mut left_out = None;
    if !unknown.is_empty() {
        let total: u64 = unknown.iter().map(|(_, n)| n).sum();
        // `unknown ignore` that would leave out every record of the period: a key written
        // otherwise, never a ranking on nothing
        if r.ignore_unknown && targets.iter().all(Option::is_none) {
            problems.push(
                DataError::new(
                    codes::UNKNOWN_REGIONS,
                    &r.name,
                    &shown,
                    t(
                        "d013-all-unknown",
                        &[("records", total.into()), ("keys", listed(&unknown).into())],
                    ),
                )
                .help(t(
                    "d013-all-unknown-help",
                    &[("example", keys[0].as_str().into())],
                )),
            );
        } else if r.ignore_unknown {
            left_out = Some(
                Note::new(
                    "note-unknown-left-out",
                    &[
                        ("input", (&r.name).into()),
                        ("file", (&shown).into()),
                        (
                            "period",
                            window.map_or(String::new(), |p| format!(", {p}")).into(),
                        ),
                        ("records", total.into()),
                        ("regions", unknown.len().into()),
                    ],
                )
                .with("keys", listed_value(&unknown)),
            );
        } else {
            problems.push(
                DataError::new(
                    codes::UNKNOWN_REGIONS,
                    &r.name,
                    &shown,
                    t(
                        "d013-message",
                        &[
                            ("records", total.to_string().into()),
                            ("regions", unknown.len().to_string().into()),
                            ("keys", listed(&unknown).into()),
                        ],
                    ),
                )
                .help(
                    leading_zeros_hint(&unknown, keys)
                        .unwrap_or_else(|| t("d013-help", &[("input", (&r.name).into())])),
                ),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let n = keys.len();
    let mut cols = Vec::new();
    let column = |name: &str, empty: Option<f64>| -> Result<Vec<Option<f64>>, DataErrors> {
        let mut values = vec![empty; n];
        let got = out
            .column(name)
            .map_err(internal)?
            .cast(&DataType::Float64)
            .map_err(internal)?;
        for (v, t) in got.f64().map_err(internal)?.iter().zip(&targets) {
            if let Some(row) = t {
                values[*row] = v.filter(|x| x.is_finite());
            }
        }
        Ok(values)
    };
    let total = column("__records", Some(0.0))?;
    for &i in aggs {
        let empty = m.record_aggs[i].kind.when_empty();
        cols.push((record(i), column(&record(i), empty)?));
        cols.push((record_kept(i), column(&record_kept(i), Some(0.0))?));
        cols.push((record_total(i), total.clone()));
    }
    let undated = (undated > 0).then(|| {
        Note::new(
            "note-undated",
            &[
                ("input", (&r.name).into()),
                ("file", (&shown).into()),
                ("n", undated.into()),
            ],
        )
    });
    let mut notes: Vec<Note> = note.into_iter().chain(left_out).chain(undated).collect();
    notes.extend(by_value_warning(r, &shown, window, &by_value));
    notes.extend(silent_regions(r, window, keys, &targets, &counts));
    Ok((cols, notes))
}

/// How many rows a frame has. (Counted as a sum of ones, not by `len()`: polars adds the
/// `len()` of the parts of a union — the files of a `{year}` template — in a type this
/// build does not have, "casting from UInt32 to UInt128 not supported".)
fn rows(lf: LazyFrame) -> PolarsResult<u64> {
    let df = lf
        .select([col(KEY)
            .is_null()
            .or(col(KEY).is_not_null())
            .cast(DataType::Int64)
            .sum()
            .alias("n")])
        .collect()?;
    Ok(df
        .column("n")?
        .cast(&DataType::UInt64)?
        .u64()?
        .get(0)
        .unwrap_or(0))
}

/// The records of the period (all without one): dated within it, or up to its end for
/// a stock.
fn in_window(lf: LazyFrame, r: &RecordsDef, window: Option<crate::periods::Period>) -> LazyFrame {
    let (Some(p), Some(date)) = (window, &r.date) else {
        return lf;
    };
    let (start, end) = p.window();
    let d = col(date.as_str());
    let inside = match r.stock {
        true => d.lt_eq(date_lit(end)),
        false => d.clone().gt_eq(date_lit(start)).and(d.lt_eq(date_lit(end))),
    };
    lf.filter(inside)
}

/// The plans of the record inputs' aggregations, as `--emit plan` shows them: the scan
/// (only the columns used, only the period's rows) and the one `group_by` of each.
pub(super) fn describe(m: &Methodology, opts: &RunOptions) -> Result<String, RunError> {
    let mut out = String::new();
    let (period, _) = run_period(m, opts)?;
    let opts = &RunOptions {
        period,
        ..opts.clone()
    };
    for (ri, previous, aggs) in aggregation_sets(m) {
        let r = &m.records[ri];
        {
            let window = match previous {
                false => opts.period,
                true => opts.period.map(|p| p.previous()),
            };
            let path = input_path(&r.name, &r.path, opts);
            let mut lf = read_records(r, &path, window, opts)?.0;
            let engine = t(
                match opts.streaming {
                    Some(true) => "plan-streaming-asked",
                    Some(false) => "plan-memory-asked",
                    None if order_free(m, &aggs, lf.collect_schema()?.as_ref()) => "plan-streaming",
                    None => "plan-memory",
                },
                &[],
            );
            let plan = aggregation(in_window(lf, r, window), m, &aggs, window, &[])
                .describe_optimized_plan()?;
            let when = match window {
                Some(p) if previous => format!(", {p} {}", t("plan-previous", &[])),
                Some(p) => format!(", {p}"),
                None => String::new(),
            };
            let head = t(
                "plan-records",
                &[
                    ("input", (&r.name).into()),
                    ("when", when.into()),
                    ("engine", engine.into()),
                ],
            );
            out.push_str(&format!("{head}:\n{plan}\n\n"));
        }
    }
    Ok(out)
}

/// The period a run counts: the one `--period` names, else the period of the newest dated
/// record (as `run` takes it), when the methodology declares periods — for titling what
/// people read (the workbook's «Период»). The records' dates are scanned again.
pub fn chosen_period(m: &Methodology, opts: &RunOptions) -> Option<crate::periods::Period> {
    if opts.period.is_some() || m.record_aggs.is_empty() {
        return opts.period;
    }
    run_period(m, opts).ok().and_then(|(p, _)| p)
}

/// The run's period: the one `--period` names, or — when the methodology declares
/// periods and the run names none — the period of its newest dated record, with a note
/// that says so. `None` without periods: every record counts.
fn run_period(
    m: &Methodology,
    opts: &RunOptions,
) -> Result<(Option<crate::periods::Period>, Option<Note>), RunError> {
    let (None, Some(scheme)) = (opts.period, m.period) else {
        return Ok((opts.period, None));
    };
    let mut newest: Option<(i32, &str)> = None;
    let mut problems = DataErrors::default();
    for (ri, _, _) in aggregation_sets(m) {
        let r = &m.records[ri];
        let Some(date) = &r.date else { continue };
        let path = match readable(&r.name, &r.path, opts) {
            Ok(p) => p,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let lf = match read_records(r, &path, None, opts) {
            Ok((lf, _, _)) => lf,
            Err(e) => {
                problems.append(e);
                continue;
            }
        };
        match newest_day(r, &path, lf, date, scheme) {
            Ok(Some(d)) if newest.is_none_or(|(n, _)| d > n) => newest = Some((d, &r.name)),
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let Some((day, name)) = newest else {
        // (the file read: the one `--input` names, or the one written)
        let r = m
            .records
            .iter()
            .find(|r| r.date.is_some())
            .unwrap_or(&m.records[0]);
        let file = input_path(&r.name, &r.path, opts);
        return Err(DataErrors::from(
            DataError::new(
                codes::PERIOD,
                &r.name,
                &file.display().to_string(),
                t("d014-undated", &[]),
            )
            .help(t("d014-undated-help", &[])),
        )
        .into());
    };
    let p = crate::periods::Period::containing(day, scheme);
    let note = Note::new(
        "note-period",
        &[
            ("period", p.to_string().into()),
            ("window", p.window_text().into()),
            ("input", name.into()),
            ("day", crate::data::records::date_text(day).into()),
        ],
    );
    Ok((Some(p), Some(note)))
}

/// The first day of the year 1 and the last of the year 9999: the calendar dates are read
/// in, as the CSV reader reads them.
const FIRST_DAY: i32 = -719_162;
const LAST_DAY: i32 = 2_932_896;

/// The first value of column `c` of `df` as a whole number.
fn first_i64(df: &DataFrame, c: &str) -> Option<i64> {
    df.column(c)
        .ok()?
        .cast(&DataType::Int64)
        .ok()?
        .i64()
        .ok()?
        .get(0)
}

/// The day of the newest record of `r` that chooses the run's period: refused where a date
/// lies outside the calendar (D012: a year 20251, a day number gone wrong), or where the
/// newest period holds a handful of records after a gap with none (a `9999-12-31` meaning
/// "no end"): a far-off record never chooses the period alone (D014, naming the record's
/// day and where the others end).
fn newest_day(
    r: &RecordsDef,
    path: &std::path::Path,
    lf: LazyFrame,
    date: &str,
    scheme: crate::periods::Scheme,
) -> Result<Option<i32>, DataError> {
    let shown = path.display().to_string();
    let internal =
        |e: PolarsError| DataError::new(codes::UNREADABLE, &r.name, &shown, e.to_string());
    let day = col(date).cast(DataType::Int32);
    let df = lf
        .clone()
        .select([
            day.clone().max().alias("max"),
            day.clone().min().alias("min"),
            day.clone().count().alias("n"),
            day.clone()
                .gt(lit(LAST_DAY))
                .or(day.clone().lt(lit(FIRST_DAY)))
                .sum()
                .alias("outside"),
        ])
        .collect()
        .map_err(internal)?;
    let get = |c: &str| first_i64(&df, c);
    let (Some(max), Some(min)) = (get("max"), get("min")) else {
        return Ok(None);
    };
    let (max, min) = (max as i32, min as i32);
    let outside = get("outside").unwrap_or(0);
    if outside > 0 {
        let far = if max > LAST_DAY { max } else { min };
        return Err(DataError::new(
            codes::BAD_CELL,
            &r.name,
            &shown,
            t(
                "d012-outside-calendar",
                &[
                    ("n", (outside as u64).into()),
                    ("column", date.into()),
                    ("day", crate::data::records::date_text(far).into()),
                ],
            ),
        )
        .help(t("d012-outside-calendar-help", &[])));
    }
    // the newest period, its own span and the one before it: a gap with no record
    // between the rest and a handful of records is a mistaken date, not a period
    let newest = crate::periods::Period::containing(max, scheme);
    let own = crate::periods::Scheme {
        cumulative: false,
        ..scheme
    };
    let here = crate::periods::Period {
        scheme: own,
        ..newest
    };
    let before = here.previous();
    let (start, _) = here.window();
    let (b_start, _) = before.window();
    let total = get("n").unwrap_or(0).max(1);
    let df = lf
        .select([
            day.clone().gt_eq(lit(start)).sum().alias("here"),
            day.clone()
                .gt_eq(lit(b_start))
                .and(day.clone().lt(lit(start)))
                .sum()
                .alias("before"),
            day.clone()
                .filter(day.clone().lt(lit(b_start)))
                .max()
                .alias("rest"),
        ])
        .collect()
        .map_err(internal)?;
    let get2 = |c: &str| first_i64(&df, c);
    let in_newest = get2("here").unwrap_or(0);
    let in_before = get2("before").unwrap_or(0);
    let rest = get2("rest");
    // a few records (at most 1 in 1,000, and at most 10) alone in the newest period,
    // none in the period before, and others before that; or, however many, records
    // after two years without any (a `9999-12-31` in a small file)
    let few = in_newest * 1000 <= total && in_newest <= 10;
    let far = rest.is_some_and(|rest| rest < i64::from(start) - 731);
    if let (true, 0, Some(rest)) = (few || far, in_before, rest) {
        return Err(DataError::new(
            codes::PERIOD,
            &r.name,
            &shown,
            t(
                "d014-far-off",
                &[
                    ("n", (in_newest as u64).into()),
                    ("day", crate::data::records::date_text(max).into()),
                    ("period", newest.to_string().into()),
                    ("rest", crate::data::records::date_text(rest as i32).into()),
                    ("column", date.into()),
                ],
            ),
        )
        .help(t(
            "d014-far-off-help",
            &[(
                "period",
                crate::periods::Period::containing(rest as i32, scheme)
                    .to_string()
                    .into(),
            )],
        )));
    }
    Ok(Some(max))
}

/// No record of the input in the period: D014, with the days the records cover.
fn empty_period(
    r: &RecordsDef,
    shown: &str,
    p: crate::periods::Period,
    lf: LazyFrame,
    date: &str,
    previous_of: Option<crate::periods::Period>,
) -> DataError {
    let range = lf
        .select([col(date).min().alias("a"), col(date).max().alias("b")])
        .collect()
        .ok()
        .and_then(|df| {
            let get = |c: &str| -> Option<i32> {
                df.column(c)
                    .ok()?
                    .cast(&DataType::Int32)
                    .ok()?
                    .i32()
                    .ok()?
                    .get(0)
            };
            Some((get("a")?, get("b")?))
        });
    let covers = match range {
        Some((a, b)) => t(
            "d014-covers",
            &[
                ("from", crate::data::records::date_text(a).into()),
                ("to", crate::data::records::date_text(b).into()),
            ],
        ),
        None => t("d014-no-dated", &[]),
    };
    // `previous(…)` asked for the period before the run's: say so, and which file holds it
    if let Some(run) = previous_of {
        let file = shown.replace("{year}", &p.year.to_string());
        return DataError::new(
            codes::PERIOD,
            &r.name,
            shown,
            t(
                "d014-previous-empty",
                &[
                    ("input", (&r.name).into()),
                    ("period", p.to_string().into()),
                    ("window", p.window_text().into()),
                    ("run", run.to_string().into()),
                    ("covers", covers.into()),
                ],
            ),
        )
        .help(t(
            "d014-previous-empty-help",
            &[
                ("period", p.to_string().into()),
                ("file", file.into()),
                ("next", run.next().to_string().into()),
            ],
        ));
    }
    DataError::new(
        codes::PERIOD,
        &r.name,
        shown,
        t(
            "d014-empty",
            &[
                ("input", (&r.name).into()),
                ("period", p.to_string().into()),
                ("window", p.window_text().into()),
                ("covers", covers.into()),
            ],
        ),
    )
    .help(t("d014-empty-help", &[]))
}

/// Keys and their counts, the first ten.
fn listed(keys: &[(String, u64)]) -> String {
    listed_value(keys).to_string()
}

/// Keys and their counts, the first ten, and how many more, for a note.
fn listed_value(keys: &[(String, u64)]) -> crate::notes::Value {
    const MAX: usize = 10;
    let parts: Vec<String> = keys
        .iter()
        .take(MAX)
        .map(|(k, n)| format!("`{k}` ({n})"))
        .collect();
    crate::notes::Value::List(parts, keys.len().saturating_sub(MAX))
}

/// When the unknown keys are the region keys without their leading zeros (`1` for
/// `01`), the file stores keys as numbers: say so.
fn leading_zeros_hint(unknown: &[(String, u64)], keys: &[String]) -> Option<String> {
    let stripped: HashMap<&str, &str> = keys
        .iter()
        .filter(|k| k.starts_with('0') && k.len() > 1)
        .map(|k| (k.trim_start_matches('0'), k.as_str()))
        .collect();
    let (k, region) = unknown
        .iter()
        .find_map(|(k, _)| stripped.get(k.as_str()).map(|r| (k, *r)))?;
    Some(t(
        "d013-leading-zeros-help",
        &[("region", region.into()), ("key", k.into())],
    ))
}

/// The keys of `out` (grouped as written) that share a region with another key: each such
/// key written, and the region's code, in the order of the keys.
fn shared_regions(
    out: &DataFrame,
    row_of: &KeyIndex,
    keys: &[String],
) -> PolarsResult<Vec<(String, String)>> {
    let mut rows: HashMap<usize, Vec<String>> = HashMap::new();
    for k in out.column(KEY)?.str()?.iter().flatten() {
        if let Some(f) = row_of.find(k) {
            rows.entry(f.row()).or_default().push(k.to_string());
        }
    }
    let mut shared: Vec<(String, String)> = rows
        .into_iter()
        .filter(|(_, written)| written.len() > 1)
        .flat_map(|(row, written)| {
            written
                .into_iter()
                .filter(move |w| *w != keys[row])
                .map(move |w| (w, keys[row].clone()))
        })
        .collect();
    shared.sort();
    Ok(shared)
}

/// A warning that records were matched to regions by the value of their keys (`1` for
/// `01`): right by the rule, but the file writes its codes otherwise than the region tables.
fn by_value_warning(
    r: &RecordsDef,
    shown: &str,
    window: Option<crate::periods::Period>,
    by_value: &[(String, String, u64)],
) -> Option<Note> {
    let (written, code, _) = by_value.first()?;
    let records: u64 = by_value.iter().map(|(_, _, n)| n).sum();
    let regions: std::collections::BTreeSet<&str> =
        by_value.iter().map(|(_, c, _)| c.as_str()).collect();
    Some(Note::warning(
        "warn-keys-by-value",
        &[
            ("input", (&r.name).into()),
            ("file", shown.into()),
            (
                "period",
                window.map_or(String::new(), |p| format!(", {p}")).into(),
            ),
            ("records", records.into()),
            ("regions", regions.len().into()),
            ("written", written.into()),
            ("code", code.into()),
        ],
    ))
}

/// A warning for the regions that have no record in the period while most others have
/// many: likely a key written otherwise, never a silent zero. "Many": at least three
/// regions in four have records, and the median region has at least 100 (a small count,
/// projects or votes of a quarter, may well be none in a small region).
fn silent_regions(
    r: &RecordsDef,
    window: Option<crate::periods::Period>,
    keys: &[String],
    targets: &[Option<usize>],
    counts: &[u64],
) -> Option<Note> {
    let mut per_region = vec![0u64; keys.len()];
    for (t, &n) in targets.iter().zip(counts) {
        if let Some(row) = t {
            per_region[*row] += n;
        }
    }
    let silent: Vec<&str> = keys
        .iter()
        .zip(&per_region)
        .filter(|(_, n)| **n == 0)
        .map(|(k, _)| k.as_str())
        .collect();
    if silent.is_empty() || silent.len() * 4 > keys.len() {
        return None;
    }
    let mut sorted = per_region.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    if median < 100 {
        return None;
    }
    let listed: Vec<String> = silent.iter().take(10).map(|k| format!("`{k}`")).collect();
    let list = crate::notes::Value::List(listed, silent.len().saturating_sub(10));
    Some(
        Note::warning(
            "warn-regions-without-records",
            &[
                ("input", (&r.name).into()),
                (
                    "period",
                    window.map_or(String::new(), |p| format!(", {p}")).into(),
                ),
                ("n", silent.len().into()),
                ("median", median.into()),
            ],
        )
        .with("keys", list),
    )
}
