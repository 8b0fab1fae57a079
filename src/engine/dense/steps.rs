//! Stages 3 and 4 on vectors: each indicator's transforms, missing-data policy and
//! normalization (the formulas of `stages::steps`), then the groups, children first,
//! with the members' shares and contributions — as `engine::plan::groups` lowers them.

use super::expr::{
    at, compare, div_kernel, finite, full, holds, map, safe_div, tot_cmp, zip2, Flags, Nums,
};
use super::{stats, Frame};
use crate::check::{GroupDef, IndicatorDef, NodeRef};
use crate::engine::lower::{
    con, fallback_col, gcon, grp, mark, member_name, miss, norm, pre, raw, share, val,
};
use crate::stages::groups;
use crate::stages::steps::{fallback, impute, normalize, transform, treat, Algebra};
use crate::syntax::ast::CmpOp;
use std::cmp::Ordering;

fn eq(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| tot_cmp(a, b) == Ordering::Equal)
}

fn div(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / b?)
}

/// The formulas of stage 3 (`stages::steps`) on vectors, as polars computes them:
/// statistics over the ranked regions by polars' own kernels, one value for all kept as
/// one (so that a division by it is polars' multiplication by its reciprocal).
impl Algebra for Frame<'_> {
    type V = Nums;
    type C = Flags;

    fn num(&self, x: f64) -> Nums {
        vec![Some(x)]
    }
    fn missing(&self) -> Nums {
        vec![None]
    }
    fn add(&self, a: Nums, b: Nums) -> Nums {
        zip2(&a, &b, |x, y| Some(x? + y?))
    }
    fn sub(&self, a: Nums, b: Nums) -> Nums {
        zip2(&a, &b, |x, y| Some(x? - y?))
    }
    fn mul(&self, a: Nums, b: Nums) -> Nums {
        zip2(&a, &b, |x, y| Some(x? * y?))
    }
    fn div(&self, a: Nums, b: Nums) -> Nums {
        div_kernel(&a, &b)
    }
    fn ln(&self, a: Nums) -> Nums {
        map(&a, |x| x.map(|v| v.log(std::f64::consts::E)))
    }
    fn ln_1p(&self, a: Nums) -> Nums {
        map(&a, |x| x.map(f64::ln_1p))
    }
    fn sqrt(&self, a: Nums) -> Nums {
        map(&a, |x| x.map(f64::sqrt))
    }
    fn exp(&self, a: Nums) -> Nums {
        map(&a, |x| x.map(f64::exp))
    }
    fn cmp(&self, op: CmpOp, a: Nums, b: Nums) -> Flags {
        compare(op, &a, &b)
    }
    fn or(&self, a: Flags, b: Flags) -> Flags {
        zip2(&a, &b, |x, y| match (x, y) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        })
    }
    fn is_missing(&self, a: Nums) -> Flags {
        a.iter().map(|x| Some(x.is_none())).collect()
    }
    fn when(&self, c: Flags, then: Nums, otherwise: Nums) -> Nums {
        let n = c.len().max(then.len()).max(otherwise.len());
        (0..n)
            .map(|i| match holds(at(&c, i)) {
                true => at(&then, i),
                false => at(&otherwise, i),
            })
            .collect()
    }
    fn fill_missing(&self, a: Nums, with: Nums) -> Nums {
        zip2(&a, &with, |x, w| x.or(w))
    }
    fn normalized_of(&self, out: Nums, v: Nums) -> Nums {
        zip2(&out, &v, |o, x| x.and(finite(o)))
    }
    fn min(&self, v: Nums) -> Nums {
        vec![stats::min(&self.ranked(&v))]
    }
    fn max(&self, v: Nums) -> Nums {
        vec![stats::max(&self.ranked(&v))]
    }
    fn mean(&self, v: Nums) -> Nums {
        vec![stats::mean(&self.ranked(&v))]
    }
    fn median(&self, v: Nums) -> Nums {
        vec![stats::median(&self.ranked(&v))]
    }
    fn std(&self, v: Nums) -> Nums {
        vec![stats::std(&self.ranked(&v))]
    }
    fn quantile(&self, v: Nums, q: f64) -> Nums {
        vec![stats::quantile(&self.ranked(&v), q)]
    }
    fn count(&self, v: Nums) -> Nums {
        let present = self.ranked(&v).iter().filter(|x| x.is_some()).count();
        vec![Some(present as f64)]
    }
    fn rank(&self, v: Nums) -> Nums {
        let masked: Nums = full(&v, self.n)
            .into_iter()
            .zip(&self.included)
            .map(|(x, &r)| if r || !self.filter { x } else { None })
            .collect();
        stats::rank_average(&masked)
    }
    fn within(&self, v: Nums, by: &crate::builtins::GroupBy, median: bool) -> Nums {
        let name = by.frame_name();
        let groups: Vec<Option<&str>> = match self.texts.iter().find(|(n, _)| *n == name) {
            Some((_, g)) => g.iter().map(|x| x.as_deref()).collect(),
            None => vec![None; self.n],
        };
        let ranked: Vec<bool> = (0..self.n)
            .map(|i| !self.filter || self.included[i])
            .collect();
        crate::stages::steps::within_groups(&full(&v, self.n), &ranked, &groups, median)
    }
}

impl crate::stages::steps::Treat for Frame<'_> {
    fn outliers(&self, v: Nums, max: usize) -> (Nums, Nums) {
        let present: Vec<f64> = self
            .ranked(&v)
            .into_iter()
            .flatten()
            .filter(|x| x.is_finite())
            .collect();
        let choice = crate::stages::outliers::choose(&present, max);
        let treated = map(&v, |x| choice.apply(x));
        let marks = map(&v, |x| x.map(|_| choice.mark(x)));
        (treated, marks)
    }
}

/// The operations of stage 4 on vectors, as polars computes them: sums in the fixed
/// balanced order, the weights present one value for all when no member is missing (so
/// that a division by them is polars' multiplication by the reciprocal), quotients by
/// `engine::udf::safe_div` on whole columns.
impl groups::GroupAlgebra for Frame<'_> {
    fn sum(&self, terms: Vec<Nums>) -> Nums {
        let n = terms.iter().map(Vec::len).max().unwrap_or(1);
        let mut buf = Vec::with_capacity(terms.len() * n);
        for t in &terms {
            buf.extend((0..n).map(|i| at(t, i).unwrap_or(0.0)));
        }
        pairwise_columns(&mut buf, terms.len(), n)
            .into_iter()
            .map(Some)
            .collect()
    }
    fn weights_present(&self, xs: &[Nums], ws: &[f64]) -> Nums {
        if xs.iter().all(|x| x.iter().all(Option::is_some)) {
            return vec![Some(ws.iter().sum())];
        }
        let n = xs.iter().map(Vec::len).max().unwrap_or(1);
        let mut wp = vec![0.0; n];
        for (x, w) in xs.iter().zip(ws) {
            for (i, p) in wp.iter_mut().enumerate() {
                if at(x, i).is_some() {
                    *p += w;
                }
            }
        }
        wp.into_iter().map(Some).collect()
    }
    fn smallest(&self, xs: &[Nums]) -> Nums {
        let n = xs.iter().map(Vec::len).max().unwrap_or(1);
        let mut out: Nums = vec![None; n];
        for x in xs {
            for (i, s) in out.iter_mut().enumerate() {
                if let Some(v) = at(x, i) {
                    *s = Some(s.map_or(v, |s| s.min(v)));
                }
            }
        }
        out
    }
    fn finite(&self, v: Nums) -> Nums {
        map(&v, finite)
    }
    fn safe_div(&self, a: Nums, b: Nums) -> Nums {
        zip2(&a, &b, safe_div)
    }
    fn ratio(&self, a: Nums, b: Nums) -> Nums {
        zip2(&a, &b, ratio)
    }
}

impl Frame<'_> {
    /// The values of the ranked regions (all, when no region is excluded by a rule).
    fn ranked(&self, v: &Nums) -> Nums {
        self.over(v, super::expr::Scope::Ranked)
    }

    /// Stage 3 for every indicator: its value after transforms, whether that was missing,
    /// the value after its policy, the normalized value.
    /// With `reuse` (the nominal run's steps, and a replication's noise; the frame
    /// starts from the nominal one's columns), an indicator whose raw values have no
    /// noise takes its normalized values as they were computed once: the nominal
    /// run's, already in the frame, or those of the alternatives its policy and
    /// normalization are ([`super::NominalSteps`]).
    pub fn indicator_steps(&mut self, reuse: Option<(&super::NominalSteps<'_>, &super::Noise)>) {
        let m = self.m;
        for (i, ind) in m.indicators.iter().enumerate() {
            if let Some((nominal, noise)) = reuse {
                let same = &nominal.m.indicators[i];
                if same.transforms == ind.transforms
                    && same.outliers == ind.outliers
                    && !noise.iter().any(|(k, _)| *k == i)
                {
                    // (a replication reads only the normalized values: its groups'
                    // members; the value after the policy and the flags are for
                    // explanations)
                    if same.missing == ind.missing && same.normalization == ind.normalization {
                        continue;
                    }
                    if let Some((name, v)) = nominal.alternative(i, ind) {
                        self.nums.share(name.clone(), v.clone());
                        continue;
                    }
                }
            }
            self.indicator_step(i);
        }
    }

    /// Stage 3 for the indicator `i`.
    pub fn indicator_step(&mut self, i: usize) {
        let IndicatorDef {
            name,
            transforms,
            missing,
            outliers,
            normalization,
            better,
            ..
        } = &self.m.indicators[i];
        let mut v = self.num(&raw(name));
        for t in transforms {
            v = transform(&*self, t, v);
        }
        let absent = full(&v, self.n).iter().map(|x| x.is_none()).collect();
        self.flags.insert(miss(name), absent);
        if let Some(fb) = fallback(&*self, missing, v.clone()) {
            self.nums.insert(fallback_col(name), fb);
        }
        let mut v = impute(&*self, missing, v);
        if let Some((treated, marks)) = treat(&*self, outliers, v.clone()) {
            self.nums.insert(mark(name), marks);
            self.nums.insert(pre(name), v);
            v = treated;
        }
        let normalized = normalize(&*self, normalization, *better, v.clone());
        self.nums.insert(val(name), v);
        self.nums.insert(norm(name), normalized);
    }

    /// Stage 4 for one group: its result and, with `shares`, each member's share of it —
    /// the formulas of `stages::groups` on vectors.
    pub fn group(&mut self, g: &GroupDef, names: &GroupColumns, shares: bool) {
        let m = self.m;
        let n = self.n;
        // (a member's column, one value for all spread to rows; none: no value anywhere)
        let xs: Vec<Nums> = names
            .members
            .iter()
            .map(|c| match self.nums.get(c) {
                Some(v) if v.len() == n => v.clone(),
                Some(v) => full(v, n),
                None => vec![None; n],
            })
            .collect();
        let ws: Vec<f64> = g.members.iter().map(|x| x.weight).collect();
        let w_total = g.total_weight();
        let a = &*self;
        let s = groups::sums(a, &xs, &ws, g.coverage);
        let result = groups::result(a, g.aggregation, &xs, &ws, w_total, &s);
        let added: Vec<(String, Nums)> = match shares {
            false => Vec::new(),
            true => g
                .members
                .iter()
                .zip(&xs)
                .map(|(mm, x)| {
                    let sh = groups::share(
                        a,
                        g.aggregation,
                        (x, mm.weight),
                        w_total,
                        &s,
                        result.clone(),
                    );
                    (share(member_name(m, mm.node)), full(&sh, n))
                })
                .collect(),
        };
        let result = full(&result, n);
        self.nums.extend(added);
        self.nums.insert(names.result.clone(), result);
    }
    /// Each group's and indicator's contribution to the score, top down.
    pub fn contributions(&mut self, levels: &[Vec<usize>]) {
        let m = self.m;
        let part = |f: &Frame, name: &str, parent: usize| {
            let p = &m.groups[parent].name;
            let scale = zip2(&f.num(&gcon(p)), &f.num(&grp(p)), ratio);
            zip2(&f.num(&share(name)), &scale, |a, b| Some(a? * b?))
        };
        let score = m.score();
        self.nums
            .insert(gcon(&score.name), self.num(&grp(&score.name)));
        for level in levels.iter().rev() {
            for &gi in level.iter().filter(|&&gi| gi != m.score_index()) {
                let g = &m.groups[gi];
                let c = match m.parent(NodeRef::Group(gi)) {
                    Some(p) => part(self, &g.name, p),
                    None => vec![None; self.n],
                };
                self.nums.insert(gcon(&g.name), c);
            }
        }
        for (i, ind) in m.indicators.iter().enumerate() {
            let c = match m.parent(NodeRef::Indicator(i)) {
                Some(p) => part(self, &ind.name, p),
                None => vec![None; self.n],
            };
            self.nums.insert(con(&ind.name), c);
        }
    }
}

/// a / b, 0 where b is 0 (for shares of a result of 0).
fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    if eq(b, 0.0) {
        Some(0.0)
    } else {
        div(a, b)
    }
}

/// The sum of each row's `k` terms in the fixed balanced order of
/// `engine::plan::groups::pairwise_sum`, every row at once: `buf` holds `k` columns of
/// `n` values, one after another; each pass adds neighbouring columns (0+1, 2+3, …) into
/// the front half, as polars does level by level.
fn pairwise_columns(buf: &mut [f64], k: usize, n: usize) -> Vec<f64> {
    let mut len = k;
    while len > 1 {
        let half = len.div_ceil(2);
        for j in 0..half {
            // (column j is written after columns 2j and 2j + 1 are read, row by row:
            // it lies before both)
            let (a, b, out) = (2 * j * n, (2 * j + 1) * n, j * n);
            if 2 * j + 1 < len {
                for i in 0..n {
                    buf[out + i] = buf[a + i] + buf[b + i];
                }
            } else {
                buf.copy_within(a..a + n, out);
            }
        }
        len = half;
    }
    if len == 0 {
        vec![0.0; n]
    } else {
        buf[..n].to_vec()
    }
}

/// The names of a group's columns: its members' (an indicator's normalized values, a
/// group's result) and its result's — made once for the many replications of
/// `metodika uncertainty`.
pub struct GroupColumns {
    members: Vec<String>,
    result: std::sync::Arc<str>,
}

impl GroupColumns {
    /// The names of the columns of `g`, a group of `m`.
    pub fn of(m: &crate::check::Methodology, g: &GroupDef) -> GroupColumns {
        GroupColumns {
            members: g
                .members
                .iter()
                .map(|x| crate::engine::lower::member_col(m, x.node))
                .collect(),
            result: grp(&g.name).into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pairwise_columns;

    /// The sum in the fixed balanced order of `engine::plan::groups::pairwise_sum`.
    fn pairwise_sum(xs: &mut [f64]) -> f64 {
        // in place: each pass adds neighbours (0+1, 2+3, …) into the front half, as polars
        // does level by level
        let mut len = xs.len();
        while len > 1 {
            let half = len.div_ceil(2);
            for i in 0..half {
                xs[i] = if 2 * i + 1 < len {
                    xs[2 * i] + xs[2 * i + 1]
                } else {
                    xs[2 * i]
                };
            }
            len = half;
        }
        if len == 0 {
            0.0
        } else {
            xs[0]
        }
    }

    #[test]
    fn columns_are_summed_as_each_row_alone() {
        let mut d = crate::sensitivity::Draws::new(11, 0);
        for k in 0..20 {
            for n in [1, 2, 7, 85] {
                let buf: Vec<f64> = (0..k * n).map(|_| (d.unit() - 0.3) * 1e3).collect();
                let sums = pairwise_columns(&mut buf.clone(), k, n);
                for (i, s) in sums.iter().enumerate() {
                    let mut row: Vec<f64> = (0..k).map(|j| buf[j * n + i]).collect();
                    assert_eq!(s.to_bits(), pairwise_sum(&mut row).to_bits(), "k={k} n={n}");
                }
            }
        }
    }
}
