//! Stage 3's formulas — each transform, missing-data policy and normalization — written
//! once, over the operations a back end provides ([`Algebra`]). The polars plan lowers
//! them to lazy expressions (`engine::plan::indicators`), the dense evaluator to vectors
//! (`engine::dense`); a new normalization is its declaration in `builtins.rs` and its
//! formula here, and every back end has it.
//!
//! A value `V` is an indicator's value for every region, or one value for all (a
//! constant, a statistic); a condition `C` likewise. Arithmetic on a missing value gives
//! a missing value; a condition on one is missing, and `when` takes a missing condition
//! as not holding.

use crate::builtins::{MissingPolicy, Normalization, Outliers, Transform};
use crate::syntax::ast::{CmpOp, Direction};

/// The operations a back end provides for the formulas of the indicator steps.
pub trait Algebra {
    /// Values: one per region, or one for all.
    type V: Clone;
    /// Conditions: one per region, or one for all.
    type C: Clone;

    /// A constant.
    fn num(&self, x: f64) -> Self::V;
    /// No value.
    fn missing(&self) -> Self::V;
    /// a + b.
    fn add(&self, a: Self::V, b: Self::V) -> Self::V;
    /// a − b.
    fn sub(&self, a: Self::V, b: Self::V) -> Self::V;
    /// a × b.
    fn mul(&self, a: Self::V, b: Self::V) -> Self::V;
    /// a ÷ b, as IEEE division gives it (±∞ or NaN for a divisor of 0: the caller
    /// guards, or [`Algebra::normalized_of`] drops what is not finite).
    fn div(&self, a: Self::V, b: Self::V) -> Self::V;
    /// The natural logarithm.
    fn ln(&self, a: Self::V) -> Self::V;
    /// ln(1 + a).
    fn ln_1p(&self, a: Self::V) -> Self::V;
    /// The square root.
    fn sqrt(&self, a: Self::V) -> Self::V;
    /// e to the power a.
    fn exp(&self, a: Self::V) -> Self::V;
    /// a compared with b (NaN above every number and equal to itself).
    fn cmp(&self, op: CmpOp, a: Self::V, b: Self::V) -> Self::C;
    /// a or b (three-valued).
    fn or(&self, a: Self::C, b: Self::C) -> Self::C;
    /// Whether a is missing (never missing itself).
    fn is_missing(&self, a: Self::V) -> Self::C;
    /// `then` where the condition holds, `otherwise` where it does not or is missing.
    fn when(&self, c: Self::C, then: Self::V, otherwise: Self::V) -> Self::V;
    /// a, with `with` where a is missing.
    fn fill_missing(&self, a: Self::V, with: Self::V) -> Self::V;
    /// The normalized value `out` of a value `v`: missing where `v` is missing or `out`
    /// is not a finite number.
    fn normalized_of(&self, out: Self::V, v: Self::V) -> Self::V;

    /// Statistics of the values present among the ranked regions (one value; missing
    /// without any): the smallest.
    fn min(&self, v: Self::V) -> Self::V;
    /// The largest.
    fn max(&self, v: Self::V) -> Self::V;
    /// The mean.
    fn mean(&self, v: Self::V) -> Self::V;
    /// The median.
    fn median(&self, v: Self::V) -> Self::V;
    /// The sample standard deviation (n − 1).
    fn std(&self, v: Self::V) -> Self::V;
    /// The `q` quantile, interpolated linearly.
    fn quantile(&self, v: Self::V, q: f64) -> Self::V;
    /// How many values are present.
    fn count(&self, v: Self::V) -> Self::V;
    /// Each ranked region's rank among them, 1 for the lowest, ties sharing the mean of
    /// their ranks; missing where the value is, and for regions not ranked.
    fn rank(&self, v: Self::V) -> Self::V;
    /// Each region's group's mean (or median) of `v` ([`within_groups`]): over the ranked
    /// regions of its group (`by`) with a value; missing where there are none, and for a
    /// region in no group.
    fn within(&self, v: Self::V, by: &crate::builtins::GroupBy, median: bool) -> Self::V;
}

/// The outlier rule, for the back ends that compute it value by value (the dense
/// evaluator and the polars plan call [`super::outliers::choose`]); the SQL walks its
/// steps for every treated indicator at once (`sql::outliers`).
pub trait Treat: Algebra {
    /// COINr's outlier treatment of `v` ([`super::outliers`]), winsorizing at most `max`
    /// points, decided over the ranked regions' values present and applied to every
    /// region: the treated values, and each region's mark (0 untouched, 1 its value
    /// winsorized, 2 taken by the logarithm; missing where the value is).
    fn outliers(&self, v: Self::V, max: usize) -> (Self::V, Self::V);
}

/// Each region's group's mean (or median, interpolated as [`Algebra::median`]) of
/// `values`, over the ranked regions of the group with a value (COINr's `i_mean_grp` and
/// `i_median_grp`), summed in the regions' order; missing where the group has none, and
/// for a region in no group (`groups[i]` is `None`).
pub fn within_groups(
    values: &[Option<f64>],
    ranked: &[bool],
    groups: &[Option<&str>],
    median: bool,
) -> Vec<Option<f64>> {
    use std::collections::BTreeMap;
    let mut members: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for ((v, &r), g) in values.iter().zip(ranked).zip(groups) {
        if let (Some(v), true, Some(g)) = (v, r, g) {
            if v.is_finite() {
                members.entry(g).or_default().push(*v);
            }
        }
    }
    let stat: BTreeMap<&str, f64> = members
        .into_iter()
        .map(|(g, mut xs)| {
            let s = match median {
                false => xs.iter().sum::<f64>() / xs.len() as f64,
                true => {
                    xs.sort_by(f64::total_cmp);
                    let h = (xs.len() - 1) as f64 * 0.5;
                    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
                    xs[lo] + (xs[hi] - xs[lo]) * (h - lo as f64)
                }
            };
            (g, s)
        })
        .collect();
    groups
        .iter()
        .map(|g| g.and_then(|g| stat.get(g).copied()))
        .collect()
}

/// `v` clamped to [lo, hi]: below lo → lo, above hi → hi (a missing bound clamps
/// nothing on its side).
pub fn clamp<A: Algebra>(a: &A, v: A::V, lo: A::V, hi: A::V) -> A::V {
    let above = a.when(a.cmp(CmpOp::Gt, v.clone(), hi.clone()), hi, v.clone());
    a.when(a.cmp(CmpOp::Lt, v, lo.clone()), lo, above)
}

/// A transform of `v`.
pub fn transform<A: Algebra>(a: &A, t: &Transform, v: A::V) -> A::V {
    let only =
        |op: CmpOp, bound: f64, x: A::V| a.when(a.cmp(op, v.clone(), a.num(bound)), x, a.missing());
    match t {
        Transform::Log => only(CmpOp::Gt, 0.0, a.ln(v.clone())),
        Transform::Log1p => only(CmpOp::Gt, -1.0, a.ln_1p(v.clone())),
        Transform::Sqrt => only(CmpOp::Ge, 0.0, a.sqrt(v.clone())),
        Transform::Cap(lo, hi) => clamp(a, v, a.num(*lo), a.num(*hi)),
        Transform::Winsorize(plo, phi) => {
            let (qlo, qhi) = (a.quantile(v.clone(), *plo), a.quantile(v.clone(), *phi));
            clamp(a, v, qlo, qhi)
        }
    }
}

/// The missing-data policy's value where `v` is missing (`error` and `exclude` leave it
/// missing: the run refuses it, the group leaves the indicator out).
pub fn impute<A: Algebra>(a: &A, p: &MissingPolicy, v: A::V) -> A::V {
    let with = match p {
        MissingPolicy::Error | MissingPolicy::Exclude => return v,
        MissingPolicy::Zero => a.num(0.0),
        MissingPolicy::Value(x) => a.num(*x),
        MissingPolicy::Mean => a.mean(v.clone()),
        MissingPolicy::Median => a.median(v.clone()),
        MissingPolicy::Min => a.min(v.clone()),
        MissingPolicy::Max => a.max(v.clone()),
        // the group's statistic, else the overall one
        MissingPolicy::MeanBy(g) => {
            a.fill_missing(a.within(v.clone(), g, false), a.mean(v.clone()))
        }
        MissingPolicy::MedianBy(g) => {
            a.fill_missing(a.within(v.clone(), g, true), a.median(v.clone()))
        }
    };
    a.fill_missing(v, with)
}

/// The outlier rule's values of `v` and marks ([`Algebra::outliers`]); none without a rule.
pub fn treat<A: Treat>(a: &A, o: &Outliers, v: A::V) -> Option<(A::V, A::V)> {
    match o {
        Outliers::None => None,
        Outliers::Auto(max) => Some(a.outliers(v, *max)),
    }
}

/// For a policy `by` a group: 1 where the region's value is missing and its group has
/// none either (the statistic of all regions fills it), 0 elsewhere; none for other
/// policies. What the notes of a run say.
pub fn fallback<A: Algebra>(a: &A, p: &MissingPolicy, v: A::V) -> Option<A::V> {
    let median = matches!(p, MissingPolicy::MedianBy(_));
    let w = a.within(v.clone(), p.by()?, median);
    let none = a.when(a.is_missing(w), a.num(1.0), a.num(0.0));
    Some(a.when(a.is_missing(v), none, a.num(0.0)))
}

/// The normalized value of `v`, mirrored for `better lower` where the normalization is
/// (see [`Normalization`]); missing where `v` is, or where the formula gives no finite
/// number.
pub fn normalize<A: Algebra>(a: &A, n: &Normalization, better: Direction, v: A::V) -> A::V {
    let higher = better == Direction::Higher;
    let neg = |x: A::V| a.sub(a.num(0.0), x);
    let eq0 = |x: A::V| a.cmp(CmpOp::Eq, x, a.num(0.0));
    let minmax = || {
        let (mn, mx) = (a.min(v.clone()), a.max(v.clone()));
        let span = a.sub(mx.clone(), mn.clone());
        let num = match higher {
            true => a.sub(v.clone(), mn),
            false => a.sub(mx, v.clone()),
        };
        a.when(eq0(span.clone()), a.num(1.0), a.div(num, span))
    };
    let out = match n {
        Normalization::MinMax => minmax(),
        Normalization::MinMaxTo(lo, hi) => a.add(a.num(*lo), a.mul(a.num(hi - lo), minmax())),
        Normalization::ZScore => {
            let (mean, sd) = (a.mean(v.clone()), a.std(v.clone()));
            let flat = a.or(eq0(sd.clone()), a.is_missing(sd.clone()));
            let z = a.when(flat, a.num(0.0), a.div(a.sub(v.clone(), mean), sd));
            if higher {
                z
            } else {
                neg(z)
            }
        }
        Normalization::Goalposts(lo, hi) => {
            let x = match higher {
                true => a.sub(v.clone(), a.num(*lo)),
                false => a.sub(a.num(*hi), v.clone()),
            };
            clamp(a, a.div(x, a.num(hi - lo)), a.num(0.0), a.num(1.0))
        }
        Normalization::RatioToBest => {
            if higher {
                let mx = a.max(v.clone());
                a.when(eq0(mx.clone()), a.num(0.0), a.div(v.clone(), mx))
            } else {
                let mn = a.min(v.clone());
                let best = a.cmp(CmpOp::Le, v.clone(), mn.clone());
                a.when(best, a.num(1.0), a.div(mn, v.clone()))
            }
        }
        Normalization::Target(t) => {
            if higher {
                let x = a.div(v.clone(), a.num(*t));
                clamp(a, x, a.num(f64::NEG_INFINITY), a.num(1.0))
            } else {
                let reached = a.cmp(CmpOp::Le, v.clone(), a.num(*t));
                a.when(reached, a.num(1.0), a.div(a.num(*t), v.clone()))
            }
        }
        Normalization::Rank => {
            let r = a.rank(v.clone());
            // (the values present among the ranked regions: as many as the ranks, without
            // computing the ranks a second time)
            let count = a.count(v.clone());
            let one = a.num(1.0);
            let pct = a.div(a.sub(r, one.clone()), a.sub(count.clone(), one.clone()));
            let pct = a.when(a.cmp(CmpOp::Le, count, one.clone()), one.clone(), pct);
            if higher {
                pct
            } else {
                a.sub(one, pct)
            }
        }
        Normalization::Bands(bands, otherwise) => {
            bands.iter().rev().fold(a.num(*otherwise), |rest, b| {
                let op = match b.op {
                    CmpOp::Ge | CmpOp::Gt | CmpOp::Le => b.op,
                    _ => CmpOp::Lt,
                };
                a.when(
                    a.cmp(op, v.clone(), a.num(b.threshold)),
                    a.num(b.value),
                    rest,
                )
            })
        }
        Normalization::None => {
            if higher {
                v.clone()
            } else {
                neg(v.clone())
            }
        }
    };
    // A missing value stays missing (the policy has already had its say).
    a.normalized_of(out, v)
}
