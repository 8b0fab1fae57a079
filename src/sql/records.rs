//! Record inputs in the query, with the interpreter's meaning (`engine::records`): each
//! record table read by one `GROUP BY` of its region key, every aggregate of the input —
//! over the period run and, for `previous(…)`, the one before — in that one scan, each
//! aggregate's `where` (and its window) inside its expression. The results join the
//! regions as columns `rec.{i}`, which formulas read as they read an input column.
//!
//! A region without records counts 0 and sums 0; its other aggregates are missing. The
//! run's stops are the query's: records of a region the region tables lack (unless the
//! input says `unknown ignore`), records without a key, and a period without records
//! each make the query fail with the code and what the run would say (D013, D005, D014).

use super::algebra::{self, number};
use super::{ident, text, Dialect, Writer};
use crate::builtins::RecordAggregate;
use crate::check::{RecExpr, RecordAgg, RecordsDef};
use crate::data::records::{date_text, ColType};
use crate::periods::Period;
use crate::stages::aggregation_sets;

/// The column of aggregate `i` in the regions' CTE.
pub(crate) fn col_record(i: usize) -> String {
    ident(&format!("rec.{i}"))
}

/// The CTE of a record input's aggregates.
fn cte_name(r: &RecordsDef) -> String {
    format!("records.{}", r.name)
}

/// A day as a date literal.
fn date_lit(d: Dialect, day: i32) -> String {
    let ty = match d {
        Dialect::ClickHouse => "Date32",
        _ => "DATE",
    };
    format!("CAST({} AS {ty})", text(&date_text(day)))
}

/// The type of a date that may be missing.
fn date_type(d: Dialect) -> &'static str {
    match d {
        Dialect::ClickHouse => "Nullable(Date32)",
        _ => "DATE",
    }
}

/// The type of a condition that may be missing.
fn bool_type(d: Dialect) -> &'static str {
    match d {
        Dialect::ClickHouse => "Nullable(Bool)",
        _ => "BOOLEAN",
    }
}

/// A column of the record table, as the run reads it: numbers as doubles, dates as dates
/// (a time after the date dropped).
fn column(d: Dialect, c: &str, ty: ColType) -> String {
    let t = match ty {
        ColType::Number => d.num(),
        ColType::Text => d.text(),
        ColType::Date => date_type(d),
        ColType::Bool => bool_type(d),
    };
    format!("CAST(r.{} AS {t})", ident(c))
}

/// An expression over one record, for an aggregate counting the period `window`.
fn rec(d: Dialect, e: &RecExpr, window: Option<(i32, i32)>) -> String {
    let go = |x: &RecExpr| rec(d, x, window);
    match e {
        RecExpr::PeriodDay(end) => match window {
            Some((a, b)) => date_lit(d, if *end { b } else { a }),
            None => format!("CAST(NULL AS {})", date_type(d)),
        },
        RecExpr::Num(v) => number(*v),
        RecExpr::Text(t) => text(t),
        RecExpr::Date(day) => date_lit(d, *day),
        RecExpr::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        RecExpr::Column(c, ty) => column(d, c, *ty),
        RecExpr::Neg(x) => format!("(0 - {})", go(x)),
        RecExpr::Not(x) => format!("(NOT {})", go(x)),
        RecExpr::Missing(x) => format!("({} IS NULL)", go(x)),
        RecExpr::In(x, items) => {
            let x = go(x);
            let arms: Vec<String> = items.iter().map(|i| format!("{x} = {}", go(i))).collect();
            match arms.is_empty() {
                true => "FALSE".into(),
                false => format!("({})", arms.join(" OR ")),
            }
        }
        RecExpr::Bin(op, a, b) => algebra::binary(*op, &go(a), &go(b)),
    }
}

/// The records of a window: dated within it, or up to its end for a stock (`None`: every
/// record counts).
fn in_window(d: Dialect, r: &RecordsDef, window: Option<(i32, i32)>) -> Option<String> {
    let ((start, end), date) = (window?, r.date.as_ref()?);
    let day = column(d, date, ColType::Date);
    Some(match r.stock {
        true => format!("{day} <= {}", date_lit(d, end)),
        false => format!(
            "{day} >= {} AND {day} <= {}",
            date_lit(d, start),
            date_lit(d, end)
        ),
    })
}

/// How many records a condition keeps (all without one).
fn counted(keep: &Option<String>) -> String {
    match keep {
        Some(k) => format!("SUM(CASE WHEN {k} THEN 1 ELSE 0 END)"),
        None => "COUNT(*)".into(),
    }
}

/// An aggregate's expression within the `GROUP BY` of its record input (`scanned`: the
/// scan keeps the window's records only).
fn aggregate(
    d: Dialect,
    r: &RecordsDef,
    a: &RecordAgg,
    window: Option<(i32, i32)>,
    scanned: bool,
) -> String {
    let inside = in_window(d, r, window).filter(|_| !scanned);
    let filter = a.filter.as_ref().map(|f| rec(d, f, window));
    let keep = match (&inside, &filter) {
        (Some(w), Some(f)) => Some(format!("({w}) AND {f}")),
        (Some(w), None) => Some(w.clone()),
        (None, Some(f)) => Some(f.clone()),
        (None, None) => None,
    };
    let num = d.num();
    let values = || {
        let v = rec(
            d,
            a.value.as_ref().expect("the checker gives a value"),
            window,
        );
        match &keep {
            Some(k) => format!("CASE WHEN {k} THEN {v} END"),
            None => v,
        }
    };
    let as_num = |x: String| format!("CAST({x} AS {num})");
    match a.kind {
        RecordAggregate::Count => as_num(counted(&keep)),
        RecordAggregate::Share => algebra::div(&as_num(counted(&keep)), &as_num(counted(&inside))),
        RecordAggregate::Sum => format!("COALESCE({}, 0)", as_num(format!("SUM({})", values()))),
        RecordAggregate::Mean => as_num(format!("AVG({})", values())),
        RecordAggregate::Median => as_num(algebra::quantile_of(d, &values(), 0.5)),
        RecordAggregate::Quantile => as_num(algebra::quantile_of(d, &values(), a.q.unwrap_or(0.5))),
        RecordAggregate::Min => as_num(format!("MIN({})", values())),
        RecordAggregate::Max => as_num(format!("MAX({})", values())),
        RecordAggregate::CountDistinct => as_num(format!("COUNT(DISTINCT {})", values())),
    }
}

/// A value that stops the query with `message` (SQL text) when it is not NULL, and is 0
/// otherwise: the text does not read as a number, so the engine's error shows it (a type
/// that is not nullable: ClickHouse casts what does not read to a nullable one as NULL).
fn stop_unless_null(message: &str) -> String {
    format!("CAST(COALESCE({message}, '0') AS DOUBLE PRECISION)")
}

/// The record inputs joined to the regions.
pub(super) struct RecordJoins {
    /// The joins (`FULL JOIN "records.messages" AS r0 ON …`).
    pub joins: Vec<String>,
    /// The columns of the joined rows: each aggregate (`rec.N`) and each input's check.
    pub joined: Vec<(String, String)>,
    /// The aggregates' columns of the regions, each with its input's check added.
    pub cols: Vec<(String, String)>,
}

impl Writer<'_> {
    /// The record inputs' CTEs (one scan each); their joins to the regions, with the
    /// checks of what stops a run.
    pub(super) fn records(&mut self) -> RecordJoins {
        let d = self.target.dialect;
        let m = self.m;
        let mut joins = Vec::new();
        let mut cols = Vec::new();
        let mut joined = Vec::new();
        let sets = aggregation_sets(m);
        for (ri, r) in m.records.iter().enumerate() {
            // the windows this input's aggregates count (the period run, the one before),
            // each with its aggregates
            let windows: Vec<(bool, Option<Period>, &[usize])> = sets
                .iter()
                .filter(|(i, _, _)| *i == ri)
                .map(|(_, previous, aggs)| {
                    let p = self.target.period;
                    let p = if *previous {
                        p.map(|p| p.previous())
                    } else {
                        p
                    };
                    (*previous, p, aggs.as_slice())
                })
                .collect();
            if windows.is_empty() {
                continue;
            }
            // (with one window, the scan's WHERE keeps its records only)
            let one = windows.len() == 1;
            let key = format!("TRIM({})", column(d, &r.key, ColType::Text));
            let mut sel = vec![
                format!("    {key} AS \"k\""),
                "    1 AS \"present\"".to_string(),
            ];
            for &(_, p, aggs) in &windows {
                for &i in aggs {
                    sel.push(format!(
                        "    {} AS {}",
                        aggregate(d, r, &m.record_aggs[i], p.map(|p| p.window()), one),
                        col_record(i)
                    ));
                }
            }
            let mut inside = Vec::new();
            for (k, (_, p, _)) in windows.iter().enumerate() {
                let w = in_window(d, r, p.map(|p| p.window()));
                sel.push(format!(
                    "    {} AS \"n.{k}\"",
                    counted(&w.clone().filter(|_| !one))
                ));
                inside.extend(w);
            }
            let name = cte_name(r);
            let body = format!(
                "  SELECT\n{}\n  FROM {} AS r{}\n  GROUP BY {key}",
                sel.join(",\n"),
                self.table(&r.name),
                match inside.is_empty() {
                    true => String::new(),
                    false => format!("\n  WHERE ({})", inside.join(") OR (")),
                }
            );
            self.ctes.push((name.clone(), body));
            // The checks, as windows over the joined rows (the records' CTE is read once:
            // an engine that inlines a CTE would scan the table again for a subquery). The
            // join is FULL, so that records of no region join as rows of their own (`k`
            // NULL, left out after the checks).
            let rk = format!("r{ri}.\"k\"");
            let unknown = match r.ignore_unknown {
                true => String::new(),
                false => " OR i0.".to_string() + &ident(&m.key) + " IS NULL",
            };
            // (cast to a nullable text: ClickHouse's MIN of no rows of a text that is not
            // nullable is '', not NULL)
            let bad = format!(
                "MIN(CASE WHEN r{ri}.\"present\" = 1 AND ({rk} IS NULL OR {rk} = ''{unknown}) THEN CAST(COALESCE({rk}, '') AS {}) END) OVER ()",
                d.text()
            );
            let message = format!(
                "(CASE WHEN {bad} = '' THEN {} ELSE {} END || {bad})",
                text(&format!(
                    "D005: records of `{}` without a region key (`{}`)",
                    r.name, r.key
                )),
                text(&format!(
                    "D013: records of `{}` of a region the region tables do not have: ",
                    r.name
                ))
            );
            let mut stops = vec![stop_unless_null(&message)];
            for (k, (previous, p, _)) in windows.iter().enumerate() {
                let Some(p) = p else { continue };
                let total = format!("SUM(r{ri}.\"n.{k}\") OVER ()");
                let message = format!(
                    "({} || CASE WHEN COALESCE({total}, 0) = 0 THEN '0' END)",
                    text(&format!(
                        "D014: no record of `{}` in {p}{} ({}); records: ",
                        r.name,
                        if *previous { ", the period before" } else { "" },
                        p.window_text()
                    ))
                );
                stops.push(stop_unless_null(&message));
            }
            let check = ident(&format!("check.{}", r.name));
            joined.push((stops.join(" + "), check.clone()));
            joins.push(format!(
                "FULL JOIN {} AS r{ri} ON {rk} = CAST(i0.{} AS {})",
                ident(&name),
                ident(&m.key),
                d.text()
            ));
            for &i in windows.iter().flat_map(|w| w.2) {
                let v = format!("r{ri}.{}", col_record(i));
                let v = match m.record_aggs[i].kind.when_empty() {
                    Some(e) => format!("COALESCE({v}, {})", number(e)),
                    None => v,
                };
                joined.push((v, col_record(i)));
                // (a check is 0 unless it stops the query)
                cols.push((format!("({} + {check})", col_record(i)), col_record(i)));
            }
        }
        RecordJoins {
            joins,
            joined,
            cols,
        }
    }
}
