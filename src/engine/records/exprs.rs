//! Record aggregates as polars expressions: a filter, element-wise (so that a
//! streaming `group_by` aggregates it as it reads), each aggregate and how many records
//! it took, all of one record input in one `group_by(key)`; and whether they may stream.

use super::super::lower::{record, record_kept, KEY};
use crate::builtins::RecordAggregate;
use crate::check::{Methodology, RecExpr};
use crate::data::records::ColType;
use crate::syntax::ast::BinOp;
use polars::prelude::*;

/// A day as a polars date.
pub(super) fn date_lit(days: i32) -> Expr {
    lit(days).cast(DataType::Date)
}

/// The first and last day of the period an aggregate counts, for `period_start` and
/// `period_end`.
type Days = Option<(i32, i32)>;

/// The polars expression of a record expression, over the record frame's columns.
fn rec_expr(e: &RecExpr, w: Days) -> Expr {
    match e {
        RecExpr::PeriodDay(end) => match w {
            Some((a, b)) => date_lit(if *end { b } else { a }),
            None => lit(NULL).cast(DataType::Date),
        },
        RecExpr::Num(v) => lit(*v),
        RecExpr::Text(t) => lit(t.as_str()),
        RecExpr::Date(d) => date_lit(*d),
        RecExpr::Bool(b) => lit(*b),
        RecExpr::Column(c, ColType::Number) => col(c.as_str()).cast(DataType::Float64),
        RecExpr::Column(c, _) => col(c.as_str()),
        RecExpr::Neg(x) => lit(0.0) - rec_expr(x, w),
        RecExpr::Not(x) => rec_expr(x, w).not(),
        RecExpr::Missing(x) => rec_expr(x, w).is_null(),
        RecExpr::In(x, items) => {
            let x = rec_expr(x, w);
            items
                .iter()
                .map(|i| x.clone().eq(rec_expr(i, w)))
                .reduce(|a, b| a.or(b))
                .unwrap_or(lit(false))
        }
        RecExpr::Bin(op, a, b) => {
            let (a, b) = (rec_expr(a, w), rec_expr(b, w));
            match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => crate::engine::udf::safe_div(a, b),
                BinOp::Pow => crate::engine::udf::finite(a.pow(b)),
                BinOp::And => a.and(b),
                BinOp::Or => a.or(b),
                BinOp::In => lit(NULL).cast(DataType::Boolean),
                BinOp::Cmp(c) => crate::engine::lower::compare(*c, a, b),
            }
        }
    }
}

/// Whether the aggregates give the same numbers in any order of the records: counts,
/// shares, extremes, medians, quantiles and distinct values do; sums and means do when
/// they add whole numbers (exact in a float below 2^53), not fractions.
pub(super) fn order_free(m: &Methodology, aggs: &[usize], schema: &Schema) -> bool {
    fn whole(e: &RecExpr, schema: &Schema) -> bool {
        match e {
            RecExpr::Num(v) => v.fract() == 0.0 && v.abs() < 9.0e15,
            RecExpr::Bool(_) => true,
            RecExpr::Column(c, _) => schema
                .get(c.as_str())
                .is_some_and(|t| t.is_integer() || *t == DataType::Boolean),
            RecExpr::Neg(x) => whole(x, schema),
            RecExpr::Bin(BinOp::Add | BinOp::Sub | BinOp::Mul, a, b) => {
                whole(a, schema) && whole(b, schema)
            }
            _ => false,
        }
    }
    aggs.iter().all(|&i| {
        let a = &m.record_aggs[i];
        match a.kind {
            RecordAggregate::Sum | RecordAggregate::Mean => {
                a.value.as_ref().is_some_and(|v| whole(v, schema))
            }
            _ => true,
        }
    })
}

/// The aggregate's expression within `group_by(key)`.
fn agg_expr(a: &crate::check::RecordAgg, w: Days) -> Expr {
    let keep = a
        .filter
        .as_ref()
        .map(|f| rec_expr(f, w).fill_null(lit(false)));
    let counted = || match &keep {
        Some(k) => k.clone().sum().cast(DataType::Float64),
        None => len().cast(DataType::Float64),
    };
    let values = || {
        let v = rec_expr(a.value.as_ref().expect("the checker gives a value"), w);
        // (kept values, the others missing: element-wise, which a streaming
        // `group_by` aggregates as it reads)
        match &keep {
            Some(k) => when(k.clone()).then(v).otherwise(lit(NULL)),
            None => v,
        }
    };
    match a.kind {
        RecordAggregate::Count => counted(),
        RecordAggregate::Share => counted() / len().cast(DataType::Float64),
        RecordAggregate::Sum => values().cast(DataType::Float64).sum(),
        RecordAggregate::Mean => values().cast(DataType::Float64).mean(),
        RecordAggregate::Median => values().cast(DataType::Float64).median(),
        RecordAggregate::Min => values().cast(DataType::Float64).min(),
        RecordAggregate::Max => values().cast(DataType::Float64).max(),
        RecordAggregate::Quantile => values()
            .cast(DataType::Float64)
            .quantile(lit(a.q.unwrap_or(0.5)), QuantileMethod::Linear),
        RecordAggregate::CountDistinct => values().drop_nulls().n_unique().cast(DataType::Float64),
    }
}

/// How many records an aggregate took: those its `where` keeps, or, for an aggregate of
/// values, the values present among them (for explanations: "3 of 4 messages").
fn kept_expr(a: &crate::check::RecordAgg, w: Days) -> Expr {
    let keep = a
        .filter
        .as_ref()
        .map(|f| rec_expr(f, w).fill_null(lit(false)));
    match (&a.value, keep) {
        (None, Some(k)) => k.sum().cast(DataType::Float64),
        (None, None) => len().cast(DataType::Float64),
        (Some(v), k) => {
            let v = rec_expr(v, w);
            let v = match k {
                Some(k) => when(k).then(v).otherwise(lit(NULL)),
                None => v,
            };
            v.count().cast(DataType::Float64)
        }
    }
}

/// Every aggregate of one record input in one `group_by(key)`, with how many records
/// each took and how many each region has.
pub(super) fn aggregation(
    lf: LazyFrame,
    m: &Methodology,
    aggs: &[usize],
    window: Option<crate::periods::Period>,
    finite: &[&str],
) -> LazyFrame {
    let w = window.map(|p| p.window());
    let mut exprs: Vec<Expr> = Vec::new();
    for &i in aggs {
        let a = &m.record_aggs[i];
        exprs.push(agg_expr(a, w).alias(record(i).as_str()));
        exprs.push(kept_expr(a, w).alias(record_kept(i).as_str()));
    }
    exprs.push(len().alias("__records"));
    // the values of these columns that are not finite numbers (NaN, ±inf from a Parquet
    // file), counted in the same scan
    for c in finite {
        let x = col(*c).cast(DataType::Float64);
        exprs.push(
            x.clone()
                .is_nan()
                .or(x.is_infinite())
                .cast(DataType::Int64)
                .sum()
                .alias(format!("__not_finite.{c}").as_str()),
        );
    }
    lf.group_by([col(KEY)]).agg(exprs)
}
