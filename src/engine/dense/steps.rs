//! Stages 3 and 4 on vectors: each indicator's transforms, missing-data policy and
//! normalization (the formulas of `stages::steps`), then the groups, children first,
//! with the members' shares and contributions — as `engine::plan::groups` lowers them.

use super::expr::{
    at, compare, div_kernel, finite, full, holds, map, safe_div, tot_cmp, zip2, Flags, Nums,
};
use super::{stats, Frame};
use crate::builtins::Aggregation;
use crate::check::{GroupDef, IndicatorDef, NodeRef};
use crate::engine::lower::{con, gcon, grp, member_name, miss, norm, raw, share, val};
use crate::stages::steps::{impute, normalize, transform, Algebra};
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
}

impl Frame<'_> {
    /// The values of the ranked regions (all, when no region is excluded by a rule).
    fn ranked(&self, v: &Nums) -> Nums {
        self.over(v, super::expr::Scope::Ranked)
    }

    /// Stage 3 for every indicator: its value after transforms, whether that was missing,
    /// the value after its policy, the normalized value.
    /// With `reuse` (the nominal run's steps, and a replication's noise), an indicator
    /// whose transforms, policy and normalization are the nominal ones and whose raw
    /// values have no noise takes the nominal steps as they are.
    pub fn indicator_steps(&mut self, reuse: Option<(&super::NominalSteps<'_>, &super::Noise)>) {
        let m = self.m;
        for (i, ind) in m.indicators.iter().enumerate() {
            if let Some((nominal, noise)) = reuse {
                let same = &nominal.m.indicators[i];
                if same.missing == ind.missing
                    && same.normalization == ind.normalization
                    && same.transforms == ind.transforms
                    && !noise.iter().any(|(k, _)| *k == i)
                {
                    // (a replication reads only the normalized values: its groups'
                    // members; the value after the policy and the flags are for
                    // explanations)
                    let c = norm(&ind.name);
                    let v = nominal.nums[&c].clone();
                    self.nums.insert(c, v);
                    continue;
                }
            }
            let IndicatorDef {
                name,
                transforms,
                missing,
                normalization,
                better,
                ..
            } = ind;
            let mut v = self.num(&raw(name));
            for t in transforms {
                v = transform(&*self, t, v);
            }
            let absent = full(&v, self.n).iter().map(|x| x.is_none()).collect();
            self.flags.insert(miss(name), absent);
            let v = impute(&*self, missing, v);
            let normalized = normalize(&*self, normalization, *better, v.clone());
            self.nums.insert(val(name), v);
            self.nums.insert(norm(name), normalized);
        }
    }

    /// Stage 4 for one group: its result and, with `shares`, each member's share of it.
    pub fn group(&mut self, g: &GroupDef, shares: bool) {
        let m = self.m;
        // (the members' columns borrowed, not copied)
        let names: Vec<String> = g.members.iter().map(|x| member_column(m, x.node)).collect();
        let absent: Nums = vec![None; self.n];
        let xs: Vec<&Nums> = names
            .iter()
            .map(|c| self.nums.get(c).unwrap_or(&absent))
            .collect();
        let ws: Vec<f64> = g.members.iter().map(|x| x.weight).collect();
        let n = self.n;
        let w_total = g.total_weight();
        // Without a missing member anywhere, polars holds the weights present as one
        // value, and divides by it as by a single value.
        let complete = xs.iter().all(|x| x.iter().all(Option::is_some));
        let mut results = Vec::with_capacity(n);
        let mut parts: Vec<(Option<f64>, Option<f64>)> = Vec::with_capacity(n);
        // (buffers of one row, reused from row to row)
        let mut row: Vec<Option<f64>> = Vec::with_capacity(xs.len());
        let mut terms: Vec<f64> = Vec::with_capacity(xs.len());
        for i in 0..n {
            row.clear();
            row.extend(xs.iter().map(|x| at(x, i)));
            let wp = row
                .iter()
                .zip(&ws)
                .fold(0.0, |s, (x, w)| if x.is_some() { s + w } else { s });
            terms.clear();
            terms.extend(row.iter().zip(&ws).map(|(x, w)| x.unwrap_or(0.0) * w));
            let tt = pairwise_sum(&mut terms);
            let smallest = row.iter().flatten().copied().reduce(f64::min);
            let collapses = smallest.is_some_and(|s| s <= 0.0);
            let result = match g.aggregation {
                Aggregation::Mean => safe_div(Some(tt), Some(wp)),
                Aggregation::Sum => safe_div(Some(w_total), Some(wp)).map(|s| tt * s),
                Aggregation::Geometric => {
                    terms.clear();
                    terms.extend(
                        row.iter()
                            .zip(&ws)
                            .map(|(x, w)| finite(x.map(|v| v.ln_log())).unwrap_or(0.0) * w),
                    );
                    if collapses {
                        Some(0.0)
                    } else {
                        let total = pairwise_sum(&mut terms);
                        let mean = match complete {
                            true => total * (1.0 / wp),
                            false => total / wp,
                        };
                        Some(mean.exp())
                    }
                }
                Aggregation::Harmonic => {
                    terms.clear();
                    terms.extend(
                        row.iter()
                            .zip(&ws)
                            .map(|(x, w)| safe_div(Some(*w), *x).unwrap_or(0.0)),
                    );
                    if collapses {
                        Some(0.0)
                    } else {
                        safe_div(Some(wp), Some(pairwise_sum(&mut terms)))
                    }
                }
                Aggregation::Min => smallest,
            };
            results.push(if wp == 0.0 { None } else { finite(result) });
            parts.push((Some(tt), Some(wp)));
        }
        let mut added: Vec<(String, Nums)> = Vec::new();
        if shares {
            for (k, mm) in g.members.iter().enumerate() {
                let name = member_name(m, mm.node);
                let sh: Nums = (0..n)
                    .map(|i| {
                        let x = at(xs[k], i)?;
                        let t = x * ws[k];
                        let (tt, wp) = parts[i];
                        match g.aggregation {
                            Aggregation::Mean => Some(t * safe_div(Some(1.0), wp)?),
                            Aggregation::Sum => Some(t * safe_div(Some(w_total), wp)?),
                            _ => Some(results[i]? * ratio(Some(t), tt)?),
                        }
                    })
                    .collect();
                added.push((share(name), sh));
            }
        }
        self.nums.extend(added);
        self.nums.insert(grp(&g.name), results);
    }

    /// Each group's and indicator's contribution to the score, top down.
    pub fn contributions(&mut self, levels: &[Vec<usize>]) {
        let m = self.m;
        let parent_of = |node: NodeRef| {
            m.groups
                .iter()
                .position(|g| g.members.iter().any(|x| x.node == node))
        };
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
                let c = match parent_of(NodeRef::Group(gi)) {
                    Some(p) => part(self, &g.name, p),
                    None => vec![None; self.n],
                };
                self.nums.insert(gcon(&g.name), c);
            }
        }
        for (i, ind) in m.indicators.iter().enumerate() {
            let c = match parent_of(NodeRef::Indicator(i)) {
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

/// The column of a group's member: an indicator's normalized values, a group's result.
fn member_column(m: &crate::check::Methodology, node: NodeRef) -> String {
    match node {
        NodeRef::Indicator(i) => norm(&m.indicators[i].name),
        NodeRef::Group(g) => grp(&m.groups[g].name),
    }
}

/// The natural logarithm as polars computes `log(x, e)`.
trait LnLog {
    fn ln_log(self) -> f64;
}

impl LnLog for f64 {
    fn ln_log(self) -> f64 {
        self.log(std::f64::consts::E)
    }
}
