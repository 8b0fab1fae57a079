//! The run as stages, independent of any back end: what each stage computes is stated
//! here once, and every back end lowers the same [`Stages`] — the polars plan
//! (`engine::plan`) and the dense evaluator of regional runs (`engine::dense`), held
//! equal to the last bit by the tests, and the SQL of `metodika sql` (`crate::sql`), held
//! equal to `run` on PostgreSQL, DuckDB and ClickHouse. A back end decides *how*
//! (expressions, columns, memory); it never decides *what*.
//!
//! 1. **Exclusions** ([`Stages::exclusions`]): over all regions, the first rule whose
//!    condition holds gives the region's reason; a condition on a missing value does not
//!    hold. Excluded regions are not ranked, and no statistic counts them.
//! 2. **Raw values** ([`Stages::raw_levels`]): each indicator's formula, level by level (a
//!    level refers only to lower ones). Cross-region aggregates in a formula are over the
//!    ranked regions. A value that is not finite is missing.
//! 3. **Indicator steps** (per indicator, in [`crate::check::IndicatorDef`]): its
//!    transforms in the order written, then its missing-data policy (statistics over the
//!    ranked regions; `error` flags the region, `exclude` leaves the indicator out for
//!    it), then its outlier rule (COINr's treatment, [`outliers`]), then its normalization (statistics over the ranked regions, mirrored for
//!    `better lower` — see [`crate::builtins::Normalization`]). Their formulas are
//!    written once, in [`steps`], over the operations each back end provides.
//! 4. **Groups** ([`Stages::group_levels`]): children before parents. A group combines
//!    its members' results by its aggregation ([`crate::builtins::Aggregation`]); a member
//!    without a value is left out and its weight shared among the members present (so a
//!    sum of points keeps its total); a group none of whose members has a value has none.
//!    Their formulas, and each member's share of the result, are written once, in
//!    [`groups`], over the operations each back end provides.
//! 5. **Score** ([`Stages::score`]): the root group's result, rounded half away from zero
//!    to `round` decimals when the rank block says so. A region without a score is not
//!    ranked ("no indicator has a value for this region").
//! 6. **Order and places** ([`Stages::order`]): ranked regions by score (higher first),
//!    then by each tie-breaker in turn (a tie-breaker is missing → after those that have
//!    one), then by key; places by the tie method among regions equal on the score and
//!    every tie-breaker. Regions not ranked come after, by key, without a place.
//! 7. **Zones** ([`Stages::zones`]): for each ranked region, the first zone that takes
//!    it; a region no zone takes has none.

pub mod groups;
pub mod outliers;
pub mod steps;

use crate::builtins::TieMethod;
use crate::check::{Exclusion, IrExpr, Methodology, NodeRef, ZoneRule};
use crate::syntax::ast::Order;

/// The stages of a run of a checked methodology.
pub struct Stages<'m> {
    /// The methodology the stages are of.
    pub methodology: &'m Methodology,
    /// Stage 1: the exclusion rules, the first that holds giving the reason.
    pub exclusions: &'m [Exclusion],
    /// Stage 2: the indicators whose raw values can be computed together: level 0 refers
    /// to no indicator, each next level only to those before it.
    pub raw_levels: Vec<Vec<usize>>,
    /// Stage 4: the groups that can be computed together, children first: level 0 has
    /// only indicators as members.
    pub group_levels: Vec<Vec<usize>>,
    /// Stage 5: the score.
    pub score: ScoreStage,
    /// Stage 6: the order and the places.
    pub order: OrderStage<'m>,
    /// Stage 7: the zones, in order, each with the regions it may take.
    pub zones: Vec<ZoneStage<'m>>,
}

/// Stage 5: the score.
pub struct ScoreStage {
    /// The group whose result is the score (the root).
    pub group: usize,
    /// The decimals it is rounded to (half away from zero) before ranking.
    pub round: Option<u32>,
}

/// Stage 6: the order of the ranked regions and their places.
pub struct OrderStage<'m> {
    /// After the score (higher first), each tie-breaker with its direction.
    pub tie_breakers: &'m [(IrExpr, Order)],
    /// How regions equal on the score and every tie-breaker are placed.
    pub ties: TieMethod,
}

/// Stage 7: a zone and the ranked regions it may take (the first zone that takes a region
/// is its zone).
pub struct ZoneStage<'m> {
    /// The zone's name.
    pub name: &'m str,
    /// Which ranked regions it may take.
    pub take: Take<'m>,
}

/// The ranked regions a zone may take.
pub enum Take<'m> {
    /// Those for which the condition holds (a missing value does not).
    When(&'m IrExpr),
    /// Those placed after `after` and at most at `upto` (`top 20` is 0..20, a `next 30`
    /// after it 20..50).
    Places {
        /// The last place before the zone's.
        after: u64,
        /// The zone's last place.
        upto: u64,
    },
    /// Every ranked region (`otherwise`).
    Rest,
}

impl<'m> Stages<'m> {
    /// The stages of a run of `m`.
    pub fn of(m: &'m Methodology) -> Stages<'m> {
        let mut taken = 0u64;
        let zones = m
            .zones
            .iter()
            .map(|z| ZoneStage {
                name: &z.name,
                take: match &z.rule {
                    ZoneRule::When(e) => Take::When(e),
                    ZoneRule::Top(n) => {
                        taken = u64::from(*n);
                        Take::Places {
                            after: 0,
                            upto: taken,
                        }
                    }
                    ZoneRule::Next(n) => {
                        let after = taken;
                        taken += u64::from(*n);
                        Take::Places { after, upto: taken }
                    }
                    ZoneRule::Otherwise => Take::Rest,
                },
            })
            .collect();
        Stages {
            methodology: m,
            exclusions: &m.exclusions,
            raw_levels: by_level(&raw_levels(m)),
            group_levels: by_level(&group_levels(m)),
            score: ScoreStage {
                group: m.score_index(),
                round: m.rank.round,
            },
            order: OrderStage {
                tie_breakers: &m.rank.then,
                ties: m.rank.ties,
            },
            zones,
        }
    }
}

/// Stage 2's aggregates over records, as each back end computes them together: those of
/// one record input over one window (the period run, or the one before for
/// `previous(…)`), as (record input, previous, the aggregates' indices), inputs in order,
/// the period run before the one before.
pub fn aggregation_sets(m: &Methodology) -> Vec<(usize, bool, Vec<usize>)> {
    let mut out = Vec::new();
    for ri in 0..m.records.len() {
        for previous in [false, true] {
            let aggs: Vec<usize> = (0..m.record_aggs.len())
                .filter(|&i| {
                    m.record_aggs[i].records == ri && m.record_aggs[i].previous == previous
                })
                .collect();
            if !aggs.is_empty() {
                out.push((ri, previous, aggs));
            }
        }
    }
    out
}

/// Items grouped by their level, levels in order.
fn by_level(levels: &[usize]) -> Vec<Vec<usize>> {
    let top = levels.iter().copied().max().map_or(0, |l| l + 1);
    let mut out = vec![Vec::new(); top];
    for (i, &l) in levels.iter().enumerate() {
        out[l].push(i);
    }
    out
}

/// The level of each indicator: 0 for those that refer to no other indicator.
fn raw_levels(m: &Methodology) -> Vec<usize> {
    let mut levels = vec![0usize; m.indicators.len()];
    for (i, ind) in m.indicators.iter().enumerate() {
        let mut deps = Vec::new();
        ind.value.visit(&mut |x| {
            if let IrExpr::Indicator(d) = x {
                deps.push(*d);
            }
        });
        levels[i] = deps.iter().map(|&d| levels[d] + 1).max().unwrap_or(0);
    }
    levels
}

/// The level of each group: 0 for those whose members are all indicators.
fn group_levels(m: &Methodology) -> Vec<usize> {
    let mut levels = vec![0usize; m.groups.len()];
    for (g, def) in m.groups.iter().enumerate() {
        levels[g] = def
            .members
            .iter()
            .filter_map(|x| match x.node {
                NodeRef::Group(c) => Some(levels[c] + 1),
                NodeRef::Indicator(_) => None,
            })
            .max()
            .unwrap_or(0);
    }
    levels
}
