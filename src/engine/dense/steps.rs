//! Stages 3 and 4 on vectors: each indicator's transforms, missing-data policy and
//! normalization (statistics over the ranked regions), then the groups, children first,
//! with the members' shares and contributions — as `engine::plan::{indicators, groups}`
//! lower them.

use super::expr::{at, finite, full, holds, map, safe_div, tot_cmp, zip2, Nums};
use super::{stats, Frame};
use crate::builtins::*;
use crate::check::{GroupDef, IndicatorDef, NodeRef};
use crate::engine::lower::{con, gcon, grp, member_name, miss, norm, raw, share, val};
use crate::syntax::ast::{CmpOp, Direction};
use std::cmp::Ordering;

/// Clamp to [lo, hi]: below `lo` → lo, above `hi` → hi (a missing bound clamps nothing).
fn clamp(v: Option<f64>, lo: Option<f64>, hi: Option<f64>) -> Option<f64> {
    let lt = |a: Option<f64>, b: Option<f64>| Some(tot_cmp(a?, b?) == Ordering::Less);
    if holds(lt(v, lo)) {
        lo
    } else if holds(lt(hi, v)) {
        hi
    } else {
        v
    }
}

fn eq(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| tot_cmp(a, b) == Ordering::Equal)
}

fn le(a: Option<f64>, b: Option<f64>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if tot_cmp(x, y) != Ordering::Greater)
}

fn sub(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? - b?)
}

fn div(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / b?)
}

/// A column divided by a single value, as polars' kernel does it: times its reciprocal
/// (`alone`: the column is itself a single value, divided as it is).
fn by(a: Option<f64>, d: Option<f64>, alone: bool) -> Option<f64> {
    if alone {
        div(a, d)
    } else {
        Some(a? * (1.0 / d?))
    }
}

impl Frame<'_> {
    /// The values of the ranked regions (all, when no region is excluded by a rule).
    fn ranked(&self, v: &Nums) -> Nums {
        self.over(v, super::expr::Scope::Ranked)
    }

    fn transform(&self, t: &Transform, v: Nums) -> Nums {
        match t {
            Transform::Log => map(&v, |x| x.filter(|&x| x > 0.0).map(|x| x.ln_log())),
            Transform::Log1p => map(&v, |x| x.filter(|&x| x > -1.0).map(f64::ln_1p)),
            Transform::Sqrt => map(&v, |x| x.filter(|&x| x >= 0.0).map(f64::sqrt)),
            Transform::Cap(lo, hi) => map(&v, |x| clamp(x, Some(*lo), Some(*hi))),
            Transform::Winsorize(plo, phi) => {
                let r = self.ranked(&v);
                let (qlo, qhi) = (stats::quantile(&r, *plo), stats::quantile(&r, *phi));
                map(&v, |x| clamp(x, qlo, qhi))
            }
        }
    }

    fn impute(&self, p: &MissingPolicy, v: Nums) -> Nums {
        let fill = match p {
            MissingPolicy::Error | MissingPolicy::Exclude => return v,
            MissingPolicy::Zero => Some(0.0),
            MissingPolicy::Value(x) => Some(*x),
            MissingPolicy::Mean => stats::mean(&self.ranked(&v)),
            MissingPolicy::Median => stats::median(&self.ranked(&v)),
            MissingPolicy::Min => stats::min(&self.ranked(&v)),
            MissingPolicy::Max => stats::max(&self.ranked(&v)),
        };
        map(&v, |x| x.or(fill))
    }

    fn normalize(&self, n: &Normalization, better: Direction, v: &Nums) -> Nums {
        let higher = better == Direction::Higher;
        let alone = v.len() == 1;
        let r = self.ranked(v);
        let (mn, mx) = (stats::min(&r), stats::max(&r));
        let minmax = |x: Option<f64>| {
            let span = sub(mx, mn);
            let num = if higher { sub(x, mn) } else { sub(mx, x) };
            if eq(span, 0.0) {
                Some(1.0)
            } else {
                by(num, span, alone)
            }
        };
        let out: Nums = match n {
            Normalization::MinMax => map(v, minmax),
            Normalization::MinMaxTo(lo, hi) => {
                let d = hi - lo;
                map(v, |x| Some(lo + d * minmax(x)?))
            }
            Normalization::ZScore => {
                let (mean, sd) = (stats::mean(&r), stats::std(&r));
                map(v, |x| {
                    let z = if sd.is_none() || eq(sd, 0.0) {
                        Some(0.0)
                    } else {
                        by(sub(x, mean), sd, alone)
                    };
                    if higher {
                        z
                    } else {
                        sub(Some(0.0), z)
                    }
                })
            }
            Normalization::Goalposts(lo, hi) => {
                let d = Some(hi - lo);
                map(v, |x| {
                    let y = if higher {
                        by(sub(x, Some(*lo)), d, alone)
                    } else {
                        by(sub(Some(*hi), x), d, alone)
                    };
                    clamp(y, Some(0.0), Some(1.0))
                })
            }
            Normalization::RatioToBest => map(v, |x| {
                if higher {
                    if eq(mx, 0.0) {
                        Some(0.0)
                    } else {
                        by(x, mx, alone)
                    }
                } else if le(x, mn) {
                    Some(1.0)
                } else {
                    div(mn, x)
                }
            }),
            Normalization::Target(t) => map(v, |x| {
                if higher {
                    clamp(by(x, Some(*t), alone), Some(f64::NEG_INFINITY), Some(1.0))
                } else if le(x, Some(*t)) {
                    Some(1.0)
                } else {
                    div(Some(*t), x)
                }
            }),
            Normalization::Rank => {
                let w: Nums = if self.filter {
                    full(v, self.n)
                        .into_iter()
                        .zip(&self.included)
                        .map(|(x, &r)| if r { x } else { None })
                        .collect()
                } else {
                    full(v, self.n)
                };
                let ranks = stats::rank_average(&w);
                let count = w.iter().filter(|x| x.is_some()).count() as f64;
                map(&ranks, |rk| {
                    let pct = if count <= 1.0 {
                        Some(1.0)
                    } else {
                        Some((rk? - 1.0) * (1.0 / (count - 1.0)))
                    };
                    if higher {
                        pct
                    } else {
                        sub(Some(1.0), pct)
                    }
                })
            }
            Normalization::Bands(bands, otherwise) => map(v, |x| {
                for b in bands {
                    let c = x.map(|x| {
                        let o = tot_cmp(x, b.threshold);
                        match b.op {
                            CmpOp::Ge => o != Ordering::Less,
                            CmpOp::Gt => o == Ordering::Greater,
                            CmpOp::Le => o != Ordering::Greater,
                            _ => o == Ordering::Less,
                        }
                    });
                    if holds(c) {
                        return Some(b.value);
                    }
                }
                Some(*otherwise)
            }),
            Normalization::None => map(v, |x| if higher { x } else { sub(Some(0.0), x) }),
        };
        // A missing value stays missing (the policy has already had its say).
        zip2(&out, v, |o, x| x.and(finite(o)))
    }

    /// Stage 3 for every indicator: its value after transforms, whether that was missing,
    /// the value after its policy, the normalized value.
    pub fn indicator_steps(&mut self) {
        let m = self.m;
        for ind in &m.indicators {
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
                v = self.transform(t, v);
            }
            let absent = full(&v, self.n).iter().map(|x| x.is_none()).collect();
            self.flags.insert(miss(name), absent);
            let v = self.impute(missing, v);
            let normalized = self.normalize(normalization, *better, &v);
            self.nums.insert(val(name), v);
            self.nums.insert(norm(name), normalized);
        }
    }

    fn member(&self, node: NodeRef) -> Nums {
        let m = self.m;
        match node {
            NodeRef::Indicator(i) => self.num(&norm(&m.indicators[i].name)),
            NodeRef::Group(g) => self.num(&grp(&m.groups[g].name)),
        }
    }

    /// Stage 4 for one group: its result and, with `shares`, each member's share of it.
    pub fn group(&mut self, g: &GroupDef, shares: bool) {
        let m = self.m;
        let xs: Vec<Nums> = g.members.iter().map(|x| self.member(x.node)).collect();
        let ws: Vec<f64> = g.members.iter().map(|x| x.weight).collect();
        let n = self.n;
        let w_total = g.total_weight();
        // Without a missing member anywhere, polars holds the weights present as one
        // value, and divides by it as by a single value.
        let complete = xs.iter().all(|x| x.iter().all(Option::is_some));
        let mut results = Vec::with_capacity(n);
        let mut parts: Vec<(Option<f64>, Option<f64>)> = Vec::with_capacity(n);
        for i in 0..n {
            let row: Vec<Option<f64>> = xs.iter().map(|x| at(x, i)).collect();
            let wp = row
                .iter()
                .zip(&ws)
                .fold(0.0, |s, (x, w)| if x.is_some() { s + w } else { s });
            let terms: Vec<f64> = row
                .iter()
                .zip(&ws)
                .map(|(x, w)| x.unwrap_or(0.0) * w)
                .collect();
            let tt = pairwise_sum(terms);
            let smallest = row.iter().flatten().copied().reduce(f64::min);
            let collapses = smallest.is_some_and(|s| s <= 0.0);
            let result = match g.aggregation {
                Aggregation::Mean => safe_div(Some(tt), Some(wp)),
                Aggregation::Sum => safe_div(Some(w_total), Some(wp)).map(|s| tt * s),
                Aggregation::Geometric => {
                    let logs = row
                        .iter()
                        .zip(&ws)
                        .map(|(x, w)| finite(x.map(|v| v.ln_log())).unwrap_or(0.0) * w)
                        .collect();
                    if collapses {
                        Some(0.0)
                    } else {
                        by(Some(pairwise_sum(logs)), Some(wp), !complete).map(f64::exp)
                    }
                }
                Aggregation::Harmonic => {
                    let inv = row
                        .iter()
                        .zip(&ws)
                        .map(|(x, w)| safe_div(Some(*w), *x).unwrap_or(0.0))
                        .collect();
                    if collapses {
                        Some(0.0)
                    } else {
                        safe_div(Some(wp), Some(pairwise_sum(inv)))
                    }
                }
                Aggregation::Min => smallest,
            };
            results.push(if wp == 0.0 { None } else { finite(result) });
            parts.push((Some(tt), Some(wp)));
        }
        if shares {
            for (k, mm) in g.members.iter().enumerate() {
                let name = member_name(m, mm.node);
                let sh: Nums = (0..n)
                    .map(|i| {
                        let x = at(&xs[k], i)?;
                        let t = x * ws[k];
                        let (tt, wp) = parts[i];
                        match g.aggregation {
                            Aggregation::Mean => Some(t * safe_div(Some(1.0), wp)?),
                            Aggregation::Sum => Some(t * safe_div(Some(w_total), wp)?),
                            _ => Some(results[i]? * ratio(Some(t), tt)?),
                        }
                    })
                    .collect();
                self.nums.insert(share(name), sh);
            }
        }
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
fn pairwise_sum(mut xs: Vec<f64>) -> f64 {
    while xs.len() > 1 {
        xs = xs
            .chunks(2)
            .map(|p| if p.len() == 2 { p[0] + p[1] } else { p[0] })
            .collect();
    }
    xs.pop().unwrap_or(0.0)
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
