//! The run as one lazy plan: exclusions → indicators (raw, transformed, imputed,
//! normalized) → groups → score → sort with tie-breakers → places → zones.

use super::frame::LoadedInputs;
use super::lower::*;
use super::RunError;
use crate::builtins::*;
use crate::check::{IrExpr, Methodology};
use crate::stages::{Stages, Take};
use crate::syntax::ast::Order;
use polars::prelude::*;

mod groups;
mod indicators;

use groups::{add_groups, by_group, contributions};
use indicators::indicator_steps;

/// `when c1 then v1 when c2 then v2 … otherwise z`, nested from the end.
pub(super) fn when_chain(pairs: Vec<(Expr, Expr)>, otherwise: Expr) -> Expr {
    pairs
        .into_iter()
        .rev()
        .fold(otherwise, |acc, (c, v)| when(c).then(v).otherwise(acc))
}

/// a / b, 0 where b is 0 (for shares of a result of 0).
pub(super) fn ratio(a: Expr, b: Expr) -> Expr {
    when(b.clone().eq(lit(0.0))).then(lit(0.0)).otherwise(a / b)
}

fn null_str() -> Expr {
    lit(NULL).cast(DataType::String)
}

/// Build the whole run as one lazy plan: the methodology's [`Stages`], each lowered by a
/// function of its own.
/// `detail`: keep each indicator's raw, transformed, normalized values and contribution,
/// and the input columns that name missing values under `missing error`; without it,
/// only the flags of those missing values. `large`: plan for a large frame (group by
/// group, columns let go as soon as possible) rather than for few regions (every step at
/// once: fewer nodes to plan).
pub fn build(
    m: &Methodology,
    inputs: LoadedInputs,
    detail: bool,
    large: bool,
) -> Result<LazyFrame, RunError> {
    let st = Stages::of(m);
    let keys_sorted = inputs.keys_sorted;
    let lf = inputs.frame.lazy();
    let lf = exclusions(&st, lf);
    let lf = raw_values(&st, lf);
    let lf = indicators_and_groups(&st, lf, detail, large);
    let lf = score(&st, lf);
    let lf = order(&st, lf, keys_sorted);
    let lf = places(&st, lf)?;
    let lf = zones(&st, lf);
    Ok(keep(m, lf, detail))
}

/// Stage 1: the reason of each excluded region (the first rule that holds), and the flag
/// of the regions no rule excludes.
fn exclusions(st: &Stages, lf: LazyFrame) -> LazyFrame {
    let all = Lowering {
        m: st.methodology,
        scope: Scope::All,
    };
    let reason = when_chain(
        st.exclusions
            .iter()
            .map(|x| {
                (
                    all.expr(&x.condition).fill_null(lit(false)),
                    lit(x.reason.as_str()),
                )
            })
            .collect(),
        null_str(),
    );
    lf.with_column(reason.alias(REASON))
        .with_column(col(REASON).is_null().alias(IN))
}

/// Stage 2: the indicators' raw values, level by level.
fn raw_values(st: &Stages, mut lf: LazyFrame) -> LazyFrame {
    let m = st.methodology;
    let low = Lowering {
        m,
        scope: Scope::Ranked,
    };
    for level in &st.raw_levels {
        let exprs: Vec<Expr> = level
            .iter()
            .map(|&i| {
                let ind = &m.indicators[i];
                let v = low.expr(&ind.value);
                // input columns are numbers, finite since they were read
                let v = match ind.value {
                    IrExpr::Column { .. } => v,
                    _ => finite(v.cast(DataType::Float64)),
                };
                v.alias(raw(&ind.name).as_str())
            })
            .collect();
        if !exprs.is_empty() {
            lf = lf.with_columns(exprs);
        }
    }
    lf
}

/// Stages 3 and 4: each indicator's steps and each group's result. With `detail` every
/// step of every indicator at once, the members' shares and the contributions; for a
/// large run without `detail`, group by group, letting each group's indicator columns go
/// when it has its result; for a small one, every step at once.
fn indicators_and_groups(st: &Stages, mut lf: LazyFrame, detail: bool, large: bool) -> LazyFrame {
    let m = st.methodology;
    let rk = Ranked::new(m);
    if !detail && large {
        return by_group(m, rk, lf, &st.group_levels);
    }
    let all: Vec<usize> = (0..m.indicators.len()).collect();
    lf = indicator_steps(m, rk, lf, &all);
    for here in &st.group_levels {
        lf = add_groups(m, lf, here, detail);
    }
    if detail {
        contributions(m, lf, &st.group_levels)
    } else {
        missing_error_flag(m, lf)
    }
}

/// The missing values under `missing error` as one flag (a run with any is run again
/// with every step to name them).
fn missing_error_flag(m: &Methodology, lf: LazyFrame) -> LazyFrame {
    let flags: Vec<Expr> = m
        .indicators
        .iter()
        .filter(|ind| ind.missing == MissingPolicy::Error)
        .map(|ind| col(miss(&ind.name).as_str()))
        .collect();
    let any = if flags.is_empty() {
        lit(false)
    } else {
        polars::lazy::dsl::any_horizontal(flags).expect("flags")
    };
    lf.with_column(any.and(col(IN)).alias(MISSING_ERROR))
}

/// Stage 5: the score, rounded as the rank block says; regions with no score are not
/// ranked.
fn score(st: &Stages, lf: LazyFrame) -> LazyFrame {
    let mut score = col(grp(&st.methodology.groups[st.score.group].name).as_str());
    if let Some(d) = st.score.round {
        score = score.round(d, RoundMode::HalfAwayFromZero);
    }
    lf.with_column(score.alias(SCORE)).with_column(
        when(col(REASON).is_null().and(col(SCORE).is_null()))
            .then(lit("no indicator has a value for this region"))
            .otherwise(col(REASON))
            .alias(REASON),
    )
}

/// Whether a region is ranked (after stage 5).
fn ranked_flag() -> Expr {
    col(REASON).is_null()
}

/// Stage 6, the order: the tie-breakers as columns, then one explicit multi-key sort.
fn order(st: &Stages, mut lf: LazyFrame, keys_sorted: bool) -> LazyFrame {
    let ranked_low = Lowering {
        m: st.methodology,
        scope: Scope::Ranked,
    };
    let tbs: Vec<Expr> = st
        .order
        .tie_breakers
        .iter()
        .enumerate()
        .map(|(i, (e, _))| {
            finite(ranked_low.expr(e).cast(DataType::Float64)).alias(format!("tb:{i}").as_str())
        })
        .collect();
    if !tbs.is_empty() {
        lf = lf.with_columns(tbs);
    }
    // Ranked regions have a score, the others none: nulls last puts them after.
    let mut by = vec![when(ranked_flag()).then(col(SCORE)).otherwise(null_f64())];
    let mut desc = vec![true];
    for (i, (_, o)) in st.order.tie_breakers.iter().enumerate() {
        by.push(
            when(ranked_flag())
                .then(col(format!("tb:{i}").as_str()))
                .otherwise(null_f64()),
        );
        desc.push(*o == Order::Desc);
    }
    // Ties by key: rows already in key order stay so in a stable sort.
    if !keys_sorted {
        by.push(col(KEY));
        desc.push(false);
    }
    let n_by = by.len();
    lf.sort_by_exprs(
        by,
        SortMultipleOptions::default()
            .with_order_descending_multi(desc)
            .with_nulls_last_multi(vec![true; n_by])
            .with_maintain_order(true)
            .with_multithreaded(true),
    )
}

/// Stage 6, the places: blocks of regions equal on the score and every tie-breaker,
/// placed by the tie method.
fn places(st: &Stages, mut lf: LazyFrame) -> Result<LazyFrame, RunError> {
    let pos = ranked_flag().cast(DataType::Int64).cum_sum(false);
    let mut changed = col(SCORE).neq_missing(col(SCORE).shift(lit(1)));
    for i in 0..st.order.tie_breakers.len() {
        let c = col(format!("tb:{i}").as_str());
        changed = changed.or(c.clone().neq_missing(c.shift(lit(1))));
    }
    let new_block = changed.or(pos.clone().eq(lit(1i64)));
    lf = lf.with_columns([pos.alias("__pos"), new_block.alias("__new")]);
    lf = lf.with_column(
        when(ranked_flag())
            .then(col("__new").cast(DataType::Int64).cum_sum(false))
            .otherwise(lit(-1i64))
            .alias("__block"),
    );
    let place = match st.order.ties {
        TieMethod::Dense => col("__block").cast(DataType::Float64),
        TieMethod::Ordinal => col("__pos").cast(DataType::Float64),
        // the position of the block's first row: positions grow down the sorted rows
        TieMethod::Competition => when(col("__new"))
            .then(col("__pos"))
            .otherwise(lit(0i64))
            .cum_max(false)
            .cast(DataType::Float64),
        TieMethod::Average => col("__pos")
            .cast(DataType::Float64)
            .mean()
            .over([col("__block")])?,
    };
    Ok(lf.with_column(
        when(ranked_flag())
            .then(place)
            .otherwise(null_f64())
            .alias(PLACE),
    ))
}

/// Stage 7: each ranked region's zone, the first that takes it.
fn zones(st: &Stages, lf: LazyFrame) -> LazyFrame {
    if st.zones.is_empty() {
        return lf.with_column(null_str().alias(ZONE));
    }
    let ranked_low = Lowering {
        m: st.methodology,
        scope: Scope::Ranked,
    };
    let mut pairs = vec![(ranked_flag().not(), null_str())];
    let mut otherwise = null_str();
    for z in &st.zones {
        let name = lit(z.name);
        match &z.take {
            Take::When(e) => pairs.push((ranked_low.expr(e).fill_null(lit(false)), name)),
            Take::Places { after, upto } => pairs.push((
                col(PLACE)
                    .gt(lit(*after as f64))
                    .and(col(PLACE).lt_eq(lit(*upto as f64))),
                name,
            )),
            Take::Rest => {
                otherwise = name;
                break;
            }
        }
    }
    lf.with_column(when_chain(pairs, otherwise).alias(ZONE))
}

/// The columns the results need.
fn keep(m: &Methodology, lf: LazyFrame, detail: bool) -> LazyFrame {
    let mut keep = vec![
        col(KEY),
        col(LABEL),
        col(REASON),
        col(IN),
        col(SCORE),
        col(PLACE),
        col(ZONE),
    ];
    for g in &m.groups {
        keep.push(col(grp(&g.name).as_str()));
    }
    // with the steps, each group's part of the score (what `diff` attributes changes to)
    if detail {
        for g in &m.groups[..m.score_index()] {
            keep.push(col(gcon(&g.name).as_str()));
        }
    }
    for i in 0..m.rank.then.len() {
        keep.push(col(format!("tb:{i}").as_str()));
    }
    // Each indicator's steps and what names the regions and columns of missing values
    // under `missing error` when asked for; else the one flag of such values.
    if !detail {
        keep.push(col(MISSING_ERROR));
    }
    let mut input_cols: Vec<String> = Vec::new();
    for ind in &m.indicators {
        let errors = ind.missing == MissingPolicy::Error;
        let cols = if detail {
            vec![
                raw(&ind.name),
                val(&ind.name),
                norm(&ind.name),
                con(&ind.name),
                miss(&ind.name),
            ]
            .into_iter()
            .chain((ind.outliers != Outliers::None).then(|| mark(&ind.name)))
            .collect()
        } else {
            Vec::new()
        };
        keep.extend(cols.iter().map(|c| col(c.as_str())));
        if errors && detail {
            for (i, c) in &ind.columns {
                let name = format!("{}.{}", m.inputs[*i].name, c);
                if !input_cols.contains(&name) {
                    input_cols.push(name);
                }
            }
        }
    }
    keep.extend(input_cols.iter().map(|c| col(c.as_str())));
    for ind in m.indicators.iter().filter(|i| i.missing.by().is_some()) {
        keep.push(col(fallback_col(&ind.name).as_str()));
    }
    // each aggregate over records with its counts, for explanations
    if detail {
        for i in 0..m.record_aggs.len() {
            for c in [record(i), record_kept(i), record_total(i)] {
                keep.push(col(c.as_str()));
            }
        }
    }
    lf.select(keep)
}
