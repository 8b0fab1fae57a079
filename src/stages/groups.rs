//! Stage 4's formulas — a group's result from its members' results, and each member's
//! share of it — written once, over the operations a back end provides ([`GroupAlgebra`]).
//! The polars plan (`engine::plan::groups`), the dense evaluator (`engine::dense::steps`)
//! and the SQL (`sql::groups`) each lower them; a new aggregation is its declaration in
//! `builtins.rs` and its formula here.
//!
//! A member without a value is left out, its weight shared among the members present: the
//! weights present (`wp`) and the total of the weighted terms (`tt`, a missing member
//! counting 0) are computed first, once, then the result, then the shares. A group none of
//! whose members has a value has none.

use super::steps::Algebra;
use crate::builtins::Aggregation;
use crate::syntax::ast::CmpOp;

/// What stage 4 needs beyond [`Algebra`]: operations across a group's members, row by row.
pub trait GroupAlgebra: Algebra {
    /// The sum of values none of which is missing, added in the back end's fixed order (a
    /// balanced tree for the plan and the dense evaluator, so that the last bit does not
    /// depend on the number of threads).
    fn sum(&self, terms: Vec<Self::V>) -> Self::V;
    /// The total weight of the members present, row by row — one value for all where no
    /// member is missing anywhere (the sum of `ws` in order).
    fn weights_present(&self, xs: &[Self::V], ws: &[f64]) -> Self::V;
    /// The smallest member present; missing where none is (or, where the back end cannot
    /// say so, a value above every member: only compared with 0 or guarded by `wp`).
    fn smallest(&self, xs: &[Self::V]) -> Self::V;
    /// The value, missing where it is not a finite number.
    fn finite(&self, v: Self::V) -> Self::V;
    /// a ÷ b, missing where b is 0 or the quotient is not a finite number.
    fn safe_div(&self, a: Self::V, b: Self::V) -> Self::V;
    /// a ÷ b, 0 where b is 0 (a share of a total of 0).
    fn ratio(&self, a: Self::V, b: Self::V) -> Self::V;
}

/// Stage 4's first step for a group: the weights of the members present and the total of
/// the weighted terms.
pub struct Sums<V> {
    /// The weights of the members present.
    pub wp: V,
    /// Σ w·x over the members, a missing member counting 0.
    pub tt: V,
}

/// A member's weighted term: w·x, 0 where it has no value.
fn term<A: GroupAlgebra>(a: &A, x: A::V, w: f64) -> A::V {
    a.mul(a.fill_missing(x, a.num(0.0)), a.num(w))
}

/// The weights present and the total of the weighted terms of members `xs` weighing `ws`.
/// With a `coverage` (`coverage 60%`), a region whose members with a value are fewer than
/// that share of them has no weight present — and so no result, and its members no share.
pub fn sums<A: GroupAlgebra>(a: &A, xs: &[A::V], ws: &[f64], coverage: Option<f64>) -> Sums<A::V> {
    let terms = xs.iter().zip(ws).map(|(x, w)| term(a, x.clone(), *w));
    let mut wp = a.weights_present(xs, ws);
    if let Some(c) = coverage {
        // (the share present, n_present ÷ n, against the share written: 3 ÷ 5 is 60%
        // exactly)
        let present = a.weights_present(xs, &vec![1.0; xs.len()]);
        let share = a.div(present, a.num(xs.len() as f64));
        wp = a.when(a.cmp(CmpOp::Lt, share, a.num(c)), a.num(0.0), wp);
    }
    Sums {
        wp,
        tt: a.sum(terms.collect()),
    }
}

/// A group's result by its aggregation (see [`Aggregation`]) from its members `xs`
/// weighing `ws` (in all `w_total`) and their [`sums`]: none where no member has a value,
/// or where it is not a finite number. A geometric or harmonic mean with a member at 0
/// or below is 0.
pub fn result<A: GroupAlgebra>(
    a: &A,
    agg: Aggregation,
    xs: &[A::V],
    ws: &[f64],
    w_total: f64,
    s: &Sums<A::V>,
) -> A::V {
    let zero = || a.num(0.0);
    let collapses = || a.cmp(CmpOp::Le, a.smallest(xs), zero());
    let each = |f: &dyn Fn(&A::V, f64) -> A::V| xs.iter().zip(ws).map(|(x, w)| f(x, *w)).collect();
    let r = match agg {
        Aggregation::Mean => a.safe_div(s.tt.clone(), s.wp.clone()),
        Aggregation::Sum => a.mul(s.tt.clone(), a.safe_div(a.num(w_total), s.wp.clone())),
        Aggregation::Geometric => {
            // members missing count as ln 1 = 0; members ≤ 0 collapse the mean to 0
            let logs = a.sum(each(&|x, w| {
                a.mul(a.fill_missing(a.finite(a.ln(x.clone())), zero()), a.num(w))
            }));
            a.when(collapses(), zero(), a.exp(a.div(logs, s.wp.clone())))
        }
        Aggregation::Harmonic => {
            let inverses = a.sum(each(&|x, w| {
                a.fill_missing(a.safe_div(a.num(w), x.clone()), zero())
            }));
            a.when(collapses(), zero(), a.safe_div(s.wp.clone(), inverses))
        }
        Aggregation::Min => a.smallest(xs),
    };
    a.when(
        a.cmp(CmpOp::Eq, s.wp.clone(), zero()),
        a.missing(),
        a.finite(r),
    )
}

/// A member's share of its group's result (`result`), in the units of the result: exactly
/// its weighted term for a mean or a sum, in proportion to its weighted term for the other
/// aggregations; none for a member without a value.
pub fn share<A: GroupAlgebra>(
    a: &A,
    agg: Aggregation,
    (x, w): (&A::V, f64),
    w_total: f64,
    s: &Sums<A::V>,
    result: A::V,
) -> A::V {
    let t = term(a, x.clone(), w);
    let sh = match agg {
        Aggregation::Mean => a.mul(t, a.safe_div(a.num(1.0), s.wp.clone())),
        Aggregation::Sum => a.mul(t, a.safe_div(a.num(w_total), s.wp.clone())),
        Aggregation::Geometric | Aggregation::Harmonic | Aggregation::Min => {
            a.mul(result, a.ratio(t, s.tt.clone()))
        }
    };
    a.when(a.is_missing(x.clone()), a.missing(), sh)
}
