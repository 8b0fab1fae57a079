//! The indicators' steps in the plan: raw values level by level, transforms, the
//! missing-data flags and policies, normalizations — statistics over the ranked regions.

use super::super::lower::*;
use super::when_chain;
use crate::builtins::*;
use crate::check::Methodology;
use crate::syntax::ast::Direction;
use polars::prelude::*;

pub(super) fn transform(rk: Ranked, t: &Transform, v: Expr) -> Expr {
    match t {
        Transform::Log => when(v.clone().gt(lit(0.0)))
            .then(v.log(lit(std::f64::consts::E)))
            .otherwise(null_f64()),
        Transform::Log1p => when(v.clone().gt(lit(-1.0)))
            .then(v.log1p())
            .otherwise(null_f64()),
        Transform::Sqrt => when(v.clone().gt_eq(lit(0.0)))
            .then(v.sqrt())
            .otherwise(null_f64()),
        Transform::Cap(lo, hi) => clamp(v, lit(*lo), lit(*hi)),
        Transform::Winsorize(plo, phi) => {
            let qlo = rk.of(v.clone()).quantile(lit(*plo), QuantileMethod::Linear);
            let qhi = rk.of(v.clone()).quantile(lit(*phi), QuantileMethod::Linear);
            clamp(v, qlo, qhi)
        }
    }
}

pub(super) fn clamp(v: Expr, lo: Expr, hi: Expr) -> Expr {
    when(v.clone().lt(lo.clone()))
        .then(lo)
        .when(v.clone().gt(hi.clone()))
        .then(hi)
        .otherwise(v)
}

pub(super) fn impute(rk: Ranked, p: &MissingPolicy, v: Expr) -> Expr {
    match p {
        MissingPolicy::Error | MissingPolicy::Exclude => v,
        MissingPolicy::Zero => v.fill_null(lit(0.0)),
        MissingPolicy::Value(x) => v.fill_null(lit(*x)),
        MissingPolicy::Mean => v.clone().fill_null(rk.of(v).mean()),
        MissingPolicy::Median => v.clone().fill_null(rk.of(v).median()),
        MissingPolicy::Min => v.clone().fill_null(rk.of(v).min()),
        MissingPolicy::Max => v.clone().fill_null(rk.of(v).max()),
    }
}

pub(super) fn normalize(rk: Ranked, n: &Normalization, better: Direction, v: Expr) -> Expr {
    let higher = better == Direction::Higher;
    let mn = || rk.of(v.clone()).min();
    let mx = || rk.of(v.clone()).max();
    let minmax = || {
        let span = mx() - mn();
        let num = if higher {
            v.clone() - mn()
        } else {
            mx() - v.clone()
        };
        when(span.clone().eq(lit(0.0)))
            .then(lit(1.0))
            .otherwise(num / span)
    };
    let out = match n {
        Normalization::MinMax => minmax(),
        Normalization::MinMaxTo(lo, hi) => lit(*lo) + lit(hi - lo) * minmax(),
        Normalization::ZScore => {
            let mean = rk.of(v.clone()).mean();
            let sd = rk.of(v.clone()).std(1);
            let z = when(sd.clone().eq(lit(0.0)).or(sd.clone().is_null()))
                .then(lit(0.0))
                .otherwise((v.clone() - mean) / sd);
            if higher {
                z
            } else {
                lit(0.0) - z
            }
        }
        Normalization::Goalposts(lo, hi) => {
            let x = if higher {
                (v.clone() - lit(*lo)) / lit(hi - lo)
            } else {
                (lit(*hi) - v.clone()) / lit(hi - lo)
            };
            clamp(x, lit(0.0), lit(1.0))
        }
        Normalization::RatioToBest => {
            if higher {
                when(mx().eq(lit(0.0)))
                    .then(lit(0.0))
                    .otherwise(v.clone() / mx())
            } else {
                when(v.clone().lt_eq(mn()))
                    .then(lit(1.0))
                    .otherwise(mn() / v.clone())
            }
        }
        Normalization::Target(t) => {
            if higher {
                clamp(v.clone() / lit(*t), lit(f64::NEG_INFINITY), lit(1.0))
            } else {
                when(v.clone().lt_eq(lit(*t)))
                    .then(lit(1.0))
                    .otherwise(lit(*t) / v.clone())
            }
        }
        Normalization::Rank => {
            let w = rk.masked(v.clone());
            let r = w.clone().rank(
                RankOptions {
                    method: RankMethod::Average,
                    descending: false,
                },
                None,
            );
            let n = w.count().cast(DataType::Float64);
            let pct = when(n.clone().lt_eq(lit(1.0)))
                .then(lit(1.0))
                .otherwise((r.cast(DataType::Float64) - lit(1.0)) / (n - lit(1.0)));
            if higher {
                pct
            } else {
                lit(1.0) - pct
            }
        }
        Normalization::Bands(bands, otherwise) => {
            let pairs = bands
                .iter()
                .map(|b| {
                    let t = lit(b.threshold);
                    let c = match b.op {
                        crate::syntax::ast::CmpOp::Ge => v.clone().gt_eq(t),
                        crate::syntax::ast::CmpOp::Gt => v.clone().gt(t),
                        crate::syntax::ast::CmpOp::Le => v.clone().lt_eq(t),
                        _ => v.clone().lt(t),
                    };
                    (c, lit(b.value))
                })
                .collect();
            when_chain(pairs, lit(*otherwise))
        }
        Normalization::None => {
            if higher {
                v.clone()
            } else {
                lit(0.0) - v.clone()
            }
        }
    };
    // A missing value stays missing (the policy has already had its say).
    normalized_of(out, v)
}

/// Transforms, the missing-data flags, imputation and normalization of some indicators.
pub(super) fn indicator_steps(
    m: &Methodology,
    rk: Ranked,
    mut lf: LazyFrame,
    which: &[usize],
) -> LazyFrame {
    if which.is_empty() {
        return lf;
    }
    let inds: Vec<&crate::check::IndicatorDef> = which.iter().map(|&i| &m.indicators[i]).collect();
    let transformed: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            let v = ind
                .transforms
                .iter()
                .fold(col(raw(&ind.name).as_str()), |v, t| transform(rk, t, v));
            v.alias(val(&ind.name).as_str())
        })
        .collect();
    lf = lf.with_columns(transformed);
    let flags: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            col(val(&ind.name).as_str())
                .is_null()
                .alias(miss(&ind.name).as_str())
        })
        .collect();
    lf = lf.with_columns(flags);
    let imputed: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            impute(rk, &ind.missing, col(val(&ind.name).as_str())).alias(val(&ind.name).as_str())
        })
        .collect();
    lf = lf.with_columns(imputed);
    let normalized: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            normalize(
                rk,
                &ind.normalization,
                ind.better,
                col(val(&ind.name).as_str()),
            )
            .alias(norm(&ind.name).as_str())
        })
        .collect();
    lf.with_columns(normalized)
}
