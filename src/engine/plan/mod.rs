//! The run as one lazy plan: exclusions → indicators (raw, transformed, imputed,
//! normalized) → groups → score → sort with tie-breakers → places → zones.

use super::frame::LoadedInputs;
use super::lower::*;
use super::RunError;
use crate::builtins::*;
use crate::check::{IrExpr, Methodology, ZoneRule};
use crate::syntax::ast::Order;
use polars::prelude::*;

mod groups;
mod indicators;

use groups::{add_groups, by_group, contributions, group_levels};
use indicators::{indicator_levels, indicator_steps};

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

/// Build the whole run as one lazy plan.
/// `detail`: keep each indicator's raw, transformed, normalized values and contribution,
/// and the input columns that name missing values under `missing error`; without it,
/// only the flags of those missing values.
pub fn build(m: &Methodology, inputs: LoadedInputs, detail: bool) -> Result<LazyFrame, RunError> {
    let keys_sorted = inputs.keys_sorted;
    let rk = Ranked::new(m);
    let mut lf = inputs.frame.lazy();

    // Exclusions: the first rule that holds gives the reason.
    let all = Lowering {
        m,
        scope: Scope::All,
    };
    let reason = when_chain(
        m.exclusions
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
    lf = lf
        .with_column(reason.alias(REASON))
        .with_column(col(REASON).is_null().alias(IN));

    // Indicators' raw values, level by level.
    let low = Lowering {
        m,
        scope: Scope::Ranked,
    };
    let levels = indicator_levels(m);
    let max_level = levels.iter().copied().max().unwrap_or(0);
    for level in 0..=max_level {
        let exprs: Vec<Expr> = m
            .indicators
            .iter()
            .zip(&levels)
            .filter(|(_, l)| **l == level)
            .map(|(ind, _)| {
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
    let glevels = group_levels(m);
    let gmax = glevels.iter().copied().max().unwrap_or(0);
    if detail {
        // Every step of every indicator is kept: all at once.
        let all: Vec<usize> = (0..m.indicators.len()).collect();
        lf = indicator_steps(m, rk, lf, &all);
        for level in 0..=gmax {
            let here: Vec<usize> = (0..m.groups.len())
                .filter(|&g| glevels[g] == level)
                .collect();
            lf = add_groups(m, lf, &here, true);
        }
        lf = contributions(m, lf, gmax, &glevels);
    } else {
        lf = by_group(m, rk, lf, &glevels);
    }

    // The score, rounded as the rank block says; regions with no score are not ranked.
    let score_g = m.score();
    let mut score = col(grp(&score_g.name).as_str());
    if let Some(d) = m.rank.round {
        score = score.round(d, RoundMode::HalfAwayFromZero);
    }
    lf = lf.with_column(score.alias(SCORE)).with_column(
        when(col(REASON).is_null().and(col(SCORE).is_null()))
            .then(lit("no indicator has a value for this region"))
            .otherwise(col(REASON))
            .alias(REASON),
    );
    let ranked_flag = col(REASON).is_null();

    // Tie-breakers as columns, then one explicit multi-key sort.
    let ranked_low = Lowering {
        m,
        scope: Scope::Ranked,
    };
    let tbs: Vec<Expr> = m
        .rank
        .then
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
    let mut by = vec![when(ranked_flag.clone())
        .then(col(SCORE))
        .otherwise(null_f64())];
    let mut desc = vec![true];
    for (i, (_, o)) in m.rank.then.iter().enumerate() {
        by.push(
            when(ranked_flag.clone())
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
    lf = lf.sort_by_exprs(
        by,
        SortMultipleOptions::default()
            .with_order_descending_multi(desc)
            .with_nulls_last_multi(vec![true; n_by])
            .with_maintain_order(true)
            .with_multithreaded(true),
    );

    // Places.
    let pos = ranked_flag.clone().cast(DataType::Int64).cum_sum(false);
    let mut changed = col(SCORE).neq_missing(col(SCORE).shift(lit(1)));
    for i in 0..m.rank.then.len() {
        let c = col(format!("tb:{i}").as_str());
        changed = changed.or(c.clone().neq_missing(c.shift(lit(1))));
    }
    let new_block = changed.or(pos.clone().eq(lit(1i64)));
    lf = lf.with_columns([pos.alias("__pos"), new_block.alias("__new")]);
    lf = lf.with_column(
        when(ranked_flag.clone())
            .then(col("__new").cast(DataType::Int64).cum_sum(false))
            .otherwise(lit(-1i64))
            .alias("__block"),
    );
    let place = match m.rank.ties {
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
    lf = lf.with_column(
        when(ranked_flag.clone())
            .then(place)
            .otherwise(null_f64())
            .alias(PLACE),
    );

    // Zones: the first that holds.
    if !m.zones.is_empty() {
        let mut pairs = vec![(ranked_flag.clone().not(), null_str())];
        let mut taken = 0u64;
        let mut otherwise = null_str();
        for z in &m.zones {
            let name = lit(z.name.as_str());
            match &z.rule {
                ZoneRule::When(e) => pairs.push((ranked_low.expr(e).fill_null(lit(false)), name)),
                ZoneRule::Top(n) => {
                    taken = *n as u64;
                    pairs.push((col(PLACE).lt_eq(lit(taken as f64)), name));
                }
                ZoneRule::Next(n) => {
                    let lo = taken;
                    taken += *n as u64;
                    pairs.push((
                        col(PLACE)
                            .gt(lit(lo as f64))
                            .and(col(PLACE).lt_eq(lit(taken as f64))),
                        name,
                    ));
                }
                ZoneRule::Otherwise => otherwise = name,
            }
        }
        lf = lf.with_column(when_chain(pairs, otherwise).alias(ZONE));
    } else {
        lf = lf.with_column(null_str().alias(ZONE));
    }
    // Keep what the results need.
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
    Ok(lf.select(keep))
}
