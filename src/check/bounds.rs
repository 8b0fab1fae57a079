//! What a group's result can be, whatever the data: the range that `check` reports
//! ("maximum 1000 points", "unbounded") and that warns of negative points (W007).
//!
//! Each normalization states its own range ([`crate::builtins::Normalization::range`]); a group combines
//! its members' ranges by its aggregation. The functions are monotone in every member, so
//! the group's least value is the aggregation of the members' least values, and likewise
//! the most — unless a member may be left out (`missing exclude`), when the remaining
//! members share its weight and the range widens to the members' extremes.

use super::ir::{GroupDef, Methodology, NodeRef};
use crate::builtins::{Aggregation, MissingPolicy};

/// A closed range of values; either end may be infinite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// The least value (−∞ where unbounded).
    pub lo: f64,
    /// The greatest value (+∞ where unbounded).
    pub hi: f64,
}

impl Range {
    /// Whether both ends are finite.
    pub fn is_bounded(&self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }
}

impl Methodology {
    /// The range of a member's result: an indicator's normalized value, or a group's.
    pub fn node_range(&self, node: NodeRef) -> Range {
        match node {
            NodeRef::Indicator(i) => {
                let (lo, hi) = self.indicators[i].normalization.range();
                Range { lo, hi }
            }
            NodeRef::Group(g) => self.group_range(g),
        }
    }

    /// The range of group `g`'s result.
    pub fn group_range(&self, g: usize) -> Range {
        let grp = &self.groups[g];
        let ranges: Vec<Range> = grp
            .members
            .iter()
            .map(|m| self.node_range(m.node))
            .collect();
        if grp.members.iter().any(|m| self.may_be_left_out(m.node)) {
            return widened(grp, &ranges);
        }
        let lo: Vec<f64> = ranges.iter().map(|r| r.lo).collect();
        let hi: Vec<f64> = ranges.iter().map(|r| r.hi).collect();
        Range {
            lo: combine(grp, &lo),
            hi: combine(grp, &hi),
        }
    }

    /// The range of the score.
    pub fn score_range(&self) -> Range {
        self.group_range(self.score_index())
    }

    /// Whether a member can be missing for a ranked region, its weight going to the others.
    fn may_be_left_out(&self, node: NodeRef) -> bool {
        match node {
            NodeRef::Indicator(i) => self.indicators[i].missing == MissingPolicy::Exclude,
            NodeRef::Group(g) => self.groups[g]
                .members
                .iter()
                .all(|m| self.may_be_left_out(m.node)),
        }
    }

    /// The indicators under group `g` whose normalized value can be below 0, each once.
    pub fn negative_indicators(&self, g: usize, out: &mut Vec<usize>) {
        for m in &self.groups[g].members {
            match m.node {
                NodeRef::Indicator(i) => {
                    if self.indicators[i].normalization.range().0 < 0.0 && !out.contains(&i) {
                        out.push(i);
                    }
                }
                NodeRef::Group(c) => {
                    if self.group_range(c).lo < 0.0 {
                        self.negative_indicators(c, out)
                    }
                }
            }
        }
    }
}

/// The group's aggregation applied to one end of every member's range.
fn combine(grp: &GroupDef, v: &[f64]) -> f64 {
    let w = || grp.members.iter().map(|m| m.weight).zip(v.iter().copied());
    let total = grp.total_weight();
    let least = v.iter().copied().fold(f64::INFINITY, f64::min);
    match grp.aggregation {
        Aggregation::Sum => w().filter(|(w, _)| *w != 0.0).map(|(w, x)| w * x).sum(),
        Aggregation::Mean => {
            w().filter(|(w, _)| *w != 0.0)
                .map(|(w, x)| w * x)
                .sum::<f64>()
                / total
        }
        // a power mean lies between the least and the most member; 0 or less collapses it
        Aggregation::Geometric if least > 0.0 => {
            (w().map(|(w, x)| w * x.ln()).sum::<f64>() / total).exp()
        }
        Aggregation::Harmonic if least > 0.0 => {
            let s: f64 = w().filter(|(_, x)| x.is_finite()).map(|(w, x)| w / x).sum();
            if s == 0.0 {
                f64::INFINITY
            } else {
                total / s
            }
        }
        Aggregation::Geometric | Aggregation::Harmonic | Aggregation::Min => least,
    }
}

/// The range when members may be left out: the weights of the members present add up to
/// the group's total, spread in any way over them.
fn widened(grp: &GroupDef, ranges: &[Range]) -> Range {
    let lo = ranges.iter().map(|r| r.lo).fold(f64::INFINITY, f64::min);
    let hi = ranges
        .iter()
        .map(|r| r.hi)
        .fold(f64::NEG_INFINITY, f64::max);
    match grp.aggregation {
        Aggregation::Sum => {
            // (the checker refuses weights of 0: the total is positive)
            let t = grp.total_weight();
            Range {
                lo: t * lo,
                hi: t * hi,
            }
        }
        Aggregation::Mean | Aggregation::Geometric | Aggregation::Harmonic | Aggregation::Min => {
            Range { lo, hi }
        }
    }
}
