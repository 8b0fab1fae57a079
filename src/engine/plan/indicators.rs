//! The indicators' steps in the plan: transforms, the missing-data flags and policies,
//! normalizations — the formulas of `stages::steps`, lowered to polars expressions.

use super::super::lower::*;
use crate::check::Methodology;
use crate::stages::steps::{fallback, impute, normalize, transform, treat, Algebra};
use crate::syntax::ast::CmpOp;
use polars::prelude::*;

/// The formulas of stage 3 (`stages::steps`) as polars expressions: statistics over the
/// ranked regions.
impl Algebra for Ranked {
    type V = Expr;
    type C = Expr;

    fn num(&self, x: f64) -> Expr {
        lit(x)
    }
    fn missing(&self) -> Expr {
        null_f64()
    }
    fn add(&self, a: Expr, b: Expr) -> Expr {
        a + b
    }
    fn sub(&self, a: Expr, b: Expr) -> Expr {
        a - b
    }
    fn mul(&self, a: Expr, b: Expr) -> Expr {
        a * b
    }
    fn div(&self, a: Expr, b: Expr) -> Expr {
        a / b
    }
    fn ln(&self, a: Expr) -> Expr {
        a.log(lit(std::f64::consts::E))
    }
    fn ln_1p(&self, a: Expr) -> Expr {
        a.log1p()
    }
    fn sqrt(&self, a: Expr) -> Expr {
        a.sqrt()
    }
    fn exp(&self, a: Expr) -> Expr {
        a.exp()
    }
    fn cmp(&self, op: CmpOp, a: Expr, b: Expr) -> Expr {
        compare(op, a, b)
    }
    fn or(&self, a: Expr, b: Expr) -> Expr {
        a.or(b)
    }
    fn is_missing(&self, a: Expr) -> Expr {
        a.is_null()
    }
    fn when(&self, c: Expr, then: Expr, otherwise: Expr) -> Expr {
        when(c).then(then).otherwise(otherwise)
    }
    fn fill_missing(&self, a: Expr, with: Expr) -> Expr {
        a.fill_null(with)
    }
    fn normalized_of(&self, out: Expr, v: Expr) -> Expr {
        normalized_of(out, v)
    }
    fn min(&self, v: Expr) -> Expr {
        self.of(v).min()
    }
    fn max(&self, v: Expr) -> Expr {
        self.of(v).max()
    }
    fn mean(&self, v: Expr) -> Expr {
        self.of(v).mean()
    }
    fn median(&self, v: Expr) -> Expr {
        self.of(v).median()
    }
    fn std(&self, v: Expr) -> Expr {
        self.of(v).std(1)
    }
    fn quantile(&self, v: Expr, q: f64) -> Expr {
        self.of(v).quantile(lit(q), QuantileMethod::Linear)
    }
    fn count(&self, v: Expr) -> Expr {
        self.of(v).count().cast(DataType::Float64)
    }
    fn rank(&self, v: Expr) -> Expr {
        let options = RankOptions {
            method: RankMethod::Average,
            descending: false,
        };
        self.masked(v).rank(options, None).cast(DataType::Float64)
    }
    fn within(&self, v: Expr, by: &crate::builtins::GroupBy, median: bool) -> Expr {
        crate::engine::udf::within(v, self.flag(), col(by.frame_name().as_str()), median)
    }
}

impl crate::stages::steps::Treat for Ranked {
    fn outliers(&self, v: Expr, max: usize) -> (Expr, Expr) {
        let ranked = self.flag();
        (
            crate::engine::udf::outliers(v.clone(), ranked.clone(), max, false),
            crate::engine::udf::outliers(v, ranked, max, true),
        )
    }
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
                .fold(col(raw(&ind.name).as_str()), |v, t| transform(&rk, t, v));
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
    let fallbacks: Vec<Expr> = inds
        .iter()
        .filter_map(|ind| {
            let v = fallback(&rk, &ind.missing, col(val(&ind.name).as_str()))?;
            Some(v.alias(fallback_col(&ind.name).as_str()))
        })
        .collect();
    if !fallbacks.is_empty() {
        lf = lf.with_columns(fallbacks);
    }
    let imputed: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            impute(&rk, &ind.missing, col(val(&ind.name).as_str())).alias(val(&ind.name).as_str())
        })
        .collect();
    lf = lf.with_columns(imputed);
    let treated: Vec<Expr> = inds
        .iter()
        .filter_map(|ind| {
            let (v, marks) = treat(&rk, &ind.outliers, col(val(&ind.name).as_str()))?;
            Some([
                v.alias(val(&ind.name).as_str()),
                marks.alias(mark(&ind.name).as_str()),
            ])
        })
        .flatten()
        .collect();
    if !treated.is_empty() {
        lf = lf.with_columns(treated);
    }
    let normalized: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            normalize(
                &rk,
                &ind.normalization,
                ind.better,
                col(val(&ind.name).as_str()),
            )
            .alias(norm(&ind.name).as_str())
        })
        .collect();
    lf.with_columns(normalized)
}
