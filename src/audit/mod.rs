//! `metodika audit`: the statistical audit that defends a rating (the OECD/JRC Handbook's
//! steps of analysis, as COINr and the JRC's audits of published indices report them) —
//! each indicator's statistics before and after normalization, the correlations inside
//! each block and with its parent and the score, each block's Cronbach's α and first
//! principal component, each indicator's effective weight beside its nominal one, and
//! what leaving out each indicator and each block does to the ranking. docs/audit.md
//! explains each figure, its formula, how to read it, and its source.
//!
//! Everything is computed over the ranked regions: those excluded by a rule, or without
//! a score, are left out and counted.

pub mod stats;

use crate::check::ir::{Methodology, NodeRef};
use crate::engine::audit::Runs;
use crate::engine::uncertainty::Outcome;
use serde::Serialize;
use stats::{Component, Describe};

/// A pair of members whose correlation is above this is flagged as redundant.
pub const REDUNDANT: f64 = 0.9;
/// A member whose correlation with its block is below this is flagged as weak.
pub const WEAK: f64 = 0.3;
/// A block whose Cronbach's α is below this is flagged as incoherent (Nunnally's 0.7).
pub const COHERENT: f64 = 0.7;
/// An indicator whose importance is more than this many times its nominal share, or less
/// than its inverse, is flagged.
pub const WEIGHT_RATIO: f64 = 2.0;

/// A node of the methodology: its name and title.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// Its name in the methodology.
    pub name: String,
    /// Its title.
    pub title: String,
    /// `indicator` or `group`.
    pub kind: &'static str,
}

impl Named {
    fn of(m: &Methodology, node: NodeRef) -> Named {
        match node {
            NodeRef::Indicator(i) => Named {
                name: m.indicators[i].name.clone(),
                title: m.indicators[i].title.clone(),
                kind: "indicator",
            },
            NodeRef::Group(g) => Named {
                name: m.groups[g].name.clone(),
                title: m.groups[g].title.clone(),
                kind: "group",
            },
        }
    }
}

/// One indicator's statistics.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorAudit {
    /// The indicator.
    #[serde(flatten)]
    pub named: Named,
    /// The group it is a member of.
    pub block: Option<String>,
    /// Of its raw value: the formula's, before transforms.
    pub raw: Describe,
    /// Of its normalized value.
    pub normalized: Describe,
    /// What its outlier rule did, and the statistics before and after (none without a
    /// rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outliers: Option<Treated>,
}

/// An indicator's outlier rule at work: its values before (after the missing-data
/// policy) and after.
#[derive(Debug, Clone, Serialize)]
pub struct Treated {
    /// What the rule did.
    pub choice: crate::stages::outliers::Choice,
    /// The values the rule took.
    pub before: Describe,
    /// The values it gave.
    pub after: Describe,
}

impl Treated {
    /// The points winsorized (COINr's count), 0 for anything else.
    pub fn points(&self) -> usize {
        match self.choice {
            crate::stages::outliers::Choice::Winsorized { low, high, .. } => low + high,
            _ => 0,
        }
    }
}

/// Two correlations of the same pair: Pearson's and Spearman's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Corr {
    /// Pearson's.
    pub pearson: Option<f64>,
    /// Spearman's.
    pub spearman: Option<f64>,
}

impl Corr {
    fn of(a: &[Option<f64>], b: &[Option<f64>]) -> Corr {
        Corr {
            pearson: stats::pearson(a, b),
            spearman: stats::spearman(a, b),
        }
    }
}

/// One group's figures: over its members' values (an indicator's normalized value, a
/// group's result).
#[derive(Debug, Clone, Serialize)]
pub struct BlockAudit {
    /// The group.
    #[serde(flatten)]
    pub named: Named,
    /// Its members, in the order written.
    pub members: Vec<Named>,
    /// The correlation of each pair of members (a square matrix, in the members' order).
    pub correlations: Vec<Vec<Corr>>,
    /// The regions each pair's correlation is over.
    #[serde(skip)]
    pub pairs: Vec<Vec<usize>>,
    /// Each member's correlation with the group's result.
    pub with_block: Vec<Corr>,
    /// Each member's correlation with the score.
    pub with_score: Vec<Corr>,
    /// The group's correlation with the group it is a member of (none for the score).
    pub with_parent: Option<Corr>,
    /// The group's correlation with the score (none for the score).
    pub block_with_score: Option<Corr>,
    /// Cronbach's α from the members' covariances.
    pub alpha: Option<f64>,
    /// Cronbach's α from their correlations.
    pub alpha_standardized: Option<f64>,
    /// The first principal component of the standardized members.
    pub component: Option<Component>,
}

/// One indicator's nominal and effective weight.
#[derive(Debug, Clone, Serialize)]
pub struct WeightAudit {
    /// The indicator.
    #[serde(flatten)]
    pub named: Named,
    /// Its share of the score by the weights written, through every level.
    pub nominal: f64,
    /// Pearson's correlation of its normalized value with the score.
    pub correlation: Option<f64>,
    /// The squared correlation, rescaled so that the indicators' add up to 1.
    pub importance: Option<f64>,
    /// `more` or `less` where importance and nominal share differ by more than
    /// [`WEIGHT_RATIO`] times.
    pub flag: Option<&'static str>,
}

/// A region whose zone a drop-one run changes.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneChange {
    /// Its key.
    pub key: String,
    /// Its name.
    pub label: String,
    /// Its zone in the nominal run (a title).
    pub from: Option<String>,
    /// Its zone without the member.
    pub to: Option<String>,
}

/// What leaving out one member does to the ranking.
#[derive(Debug, Clone, Serialize)]
pub struct DropAudit {
    /// The member left out.
    #[serde(flatten)]
    pub named: Named,
    /// The group it is a member of.
    pub block: String,
    /// The mean absolute change of place over the regions ranked both times.
    pub mean_shift: f64,
    /// The largest.
    pub max_shift: f64,
    /// The regions whose place changes.
    pub moved: usize,
    /// The regions no longer ranked without it (no member left with a value).
    pub unranked: Vec<String>,
    /// The regions whose zone changes.
    pub zone_changes: Vec<ZoneChange>,
}

/// What the audit flags, most telling first.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum Flag {
    /// An indicator's raw value is skewed with heavy tails (|skewness| ≥ 2, kurtosis ≥ 3.5).
    Outlier {
        /// The indicator.
        indicator: String,
        /// Its skewness.
        skewness: f64,
        /// Its kurtosis.
        kurtosis: f64,
        /// Whether its normalized value is still flagged.
        normalized: bool,
    },
    /// The outlier rule changed an indicator's values: the shape before and after.
    Treated {
        /// The indicator.
        indicator: String,
        /// What the rule did.
        choice: crate::stages::outliers::Choice,
        /// The skewness before and after.
        skewness: (f64, Option<f64>),
        /// The kurtosis before and after.
        kurtosis: (f64, Option<f64>),
    },
    /// Two members of a block correlate above [`REDUNDANT`].
    Redundant {
        /// The block.
        block: String,
        /// The first member.
        a: String,
        /// The second.
        b: String,
        /// Pearson's correlation.
        r: f64,
    },
    /// Two members of a block correlate negatively, significantly at the 5% level.
    Negative {
        /// The block.
        block: String,
        /// The first member.
        a: String,
        /// The second.
        b: String,
        /// Pearson's correlation.
        r: f64,
    },
    /// A member correlates with its block below [`WEAK`].
    Weak {
        /// The block.
        block: String,
        /// The member.
        member: String,
        /// Pearson's correlation.
        r: f64,
    },
    /// A block's Cronbach's α is below [`COHERENT`].
    Incoherent {
        /// The block.
        block: String,
        /// Its α.
        alpha: f64,
    },
    /// An indicator's importance differs from its nominal share by more than
    /// [`WEIGHT_RATIO`] times.
    Weight {
        /// The indicator.
        indicator: String,
        /// Its nominal share.
        nominal: f64,
        /// Its importance.
        importance: f64,
    },
}

/// The audit of a methodology's run.
#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    /// The methodology's title.
    pub title: String,
    /// The regions ranked: what every figure is computed over.
    pub ranked: usize,
    /// The regions left out: excluded by a rule, or without a score (key, name, reason —
    /// the rule's, or none).
    pub left_out: Vec<(String, String, Option<String>)>,
    /// What the audit flags.
    pub flags: Vec<Flag>,
    /// Each indicator's statistics.
    pub indicators: Vec<IndicatorAudit>,
    /// Each group's figures, children first, the score last.
    pub blocks: Vec<BlockAudit>,
    /// Each indicator's nominal and effective weight.
    pub weights: Vec<WeightAudit>,
    /// Each member left out in turn.
    pub drops: Vec<DropAudit>,
    /// What reading the inputs assumed.
    #[serde(skip)]
    pub notes: Vec<crate::notes::Note>,
}

/// The audit of the runs of `m`.
pub fn audit(m: &Methodology, runs: &Runs) -> Audit {
    let ranked: Vec<usize> = (0..runs.keys.len())
        .filter(|&i| runs.nominal.place[i].is_some())
        .collect();
    let left_out = (0..runs.keys.len())
        .filter(|&i| runs.nominal.place[i].is_none())
        .map(|i| {
            (
                runs.keys[i].clone(),
                runs.labels[i].clone(),
                runs.reasons[i].clone(),
            )
        })
        .collect();
    let over_ranked =
        |v: &[Option<f64>]| -> Vec<Option<f64>> { ranked.iter().map(|&i| v[i]).collect() };
    let score = over_ranked(&runs.nominal.score);
    // (a member's values: an indicator's normalized value, a group's result; the score as
    // ranked, rounded where the rank block says so)
    let values = |node: NodeRef| -> Vec<Option<f64>> {
        match node {
            NodeRef::Indicator(i) => over_ranked(&runs.normalized[i]),
            NodeRef::Group(g) if g == m.score_index() => score.clone(),
            NodeRef::Group(g) => over_ranked(&runs.groups[g]),
        }
    };
    let indicators: Vec<IndicatorAudit> = (0..m.indicators.len())
        .map(|i| IndicatorAudit {
            named: Named::of(m, NodeRef::Indicator(i)),
            block: m
                .parent(NodeRef::Indicator(i))
                .map(|g| m.groups[g].name.clone()),
            raw: stats::describe(&over_ranked(&runs.raw[i])),
            normalized: stats::describe(&values(NodeRef::Indicator(i))),
            outliers: runs.outliers[i].as_ref().map(|(before, after)| {
                let before = over_ranked(before);
                let present: Vec<f64> = before
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|x| x.is_finite())
                    .collect();
                let max = match m.indicators[i].outliers {
                    crate::builtins::Outliers::Auto(n) => n,
                    crate::builtins::Outliers::None => 0,
                };
                Treated {
                    choice: crate::stages::outliers::choose(&present, max),
                    before: stats::describe(&before),
                    after: stats::describe(&over_ranked(after)),
                }
            }),
        })
        .collect();
    crate::timing::mark("audit: each indicator's statistics");
    let blocks: Vec<BlockAudit> = (0..m.groups.len())
        .map(|g| block(m, g, &values, &score))
        .collect();
    crate::timing::mark("audit: statistics and correlations");
    let weights = weights(m, &values, &score);
    let drops = drops(m, runs);
    let flags = flags(&indicators, &blocks, &weights);
    crate::timing::mark("audit: weights, drops and flags");
    Audit {
        title: m.title.clone(),
        ranked: ranked.len(),
        left_out,
        flags,
        indicators,
        blocks,
        weights,
        drops,
        notes: runs.notes.clone(),
    }
}

/// The figures of group `g`.
fn block(
    m: &Methodology,
    g: usize,
    values: &dyn Fn(NodeRef) -> Vec<Option<f64>>,
    score: &[Option<f64>],
) -> BlockAudit {
    let group = &m.groups[g];
    let cols: Vec<Vec<Option<f64>>> = group.members.iter().map(|x| values(x.node)).collect();
    let own = values(NodeRef::Group(g));
    let refs: Vec<&[Option<f64>]> = cols.iter().map(Vec::as_slice).collect();
    let up = m.parent(NodeRef::Group(g));
    // (each column's ranks once; each pair once, the matrix mirrored)
    let ready: Vec<stats::Ready> = cols.iter().map(|c| stats::Ready::new(c)).collect();
    let (own_ready, score_ready) = (stats::Ready::new(&own), stats::Ready::new(score));
    let corr = |a: &stats::Ready, b: &stats::Ready| {
        let (pearson, spearman) = a.corr(b);
        Corr { pearson, spearman }
    };
    let k = cols.len();
    let mut correlations = vec![
        vec![
            Corr {
                pearson: None,
                spearman: None
            };
            k
        ];
        k
    ];
    for i in 0..k {
        for j in i..k {
            let c = corr(&ready[i], &ready[j]);
            correlations[i][j] = c;
            correlations[j][i] = c;
        }
    }
    BlockAudit {
        named: Named::of(m, NodeRef::Group(g)),
        members: group.members.iter().map(|x| Named::of(m, x.node)).collect(),
        correlations,
        pairs: cols
            .iter()
            .map(|a| cols.iter().map(|b| stats::pairs_present(a, b)).collect())
            .collect(),
        with_block: ready.iter().map(|c| corr(c, &own_ready)).collect(),
        with_score: ready.iter().map(|c| corr(c, &score_ready)).collect(),
        with_parent: up.map(|p| Corr::of(&own, &values(NodeRef::Group(p)))),
        block_with_score: (g != m.score_index()).then(|| Corr::of(&own, score)),
        alpha: stats::cronbach(&refs, false),
        alpha_standardized: stats::cronbach(&refs, true),
        component: stats::first_component(&refs),
    }
}

/// The span of a node's values by the methodology alone: an indicator's, the width of
/// its normalization's range (1 where the range has no bound: `zscore`, `none`); a
/// group's, the sum of its members' weighted spans for a sum, their weighted mean for the
/// means, the smallest for a minimum.
pub fn span(m: &Methodology, node: NodeRef) -> f64 {
    match node {
        NodeRef::Indicator(i) => {
            let (lo, hi) = m.indicators[i].normalization.range();
            if lo.is_finite() && hi.is_finite() {
                hi - lo
            } else {
                1.0
            }
        }
        NodeRef::Group(g) => {
            let group = &m.groups[g];
            let spans = group.members.iter().map(|x| (x.weight, span(m, x.node)));
            let weighted: f64 = spans.clone().map(|(w, s)| w * s).sum();
            match group.aggregation {
                crate::builtins::Aggregation::Sum => weighted,
                crate::builtins::Aggregation::Min => {
                    spans.map(|(_, s)| s).fold(f64::INFINITY, f64::min)
                }
                _ => {
                    let total = group.total_weight();
                    if total > 0.0 {
                        weighted / total
                    } else {
                        0.0
                    }
                }
            }
        }
    }
}

/// Each node's nominal share of the score: the span its weight gives it in its group
/// (its weight times its [`span`]) as a share of its group's, times its group's share,
/// up to the score. Where every member spans the same (a framework of means over values
/// normalized alike) this is the weight's share of the group's total, as COINr's
/// effective weights; where blocks of points are summed it is their points' share.
pub fn nominal_share(m: &Methodology, node: NodeRef) -> f64 {
    let Some(g) = m.parent(node) else {
        return 0.0;
    };
    let group = &m.groups[g];
    let part = |x: &crate::check::ir::MemberDef| x.weight * span(m, x.node);
    let total: f64 = group.members.iter().map(part).sum();
    let own = group
        .members
        .iter()
        .find(|x| x.node == node)
        .map_or(0.0, part);
    let share = if total > 0.0 { own / total } else { 0.0 };
    match g == m.score_index() {
        true => share,
        false => share * nominal_share(m, NodeRef::Group(g)),
    }
}

/// The indicators' nominal shares and importances.
fn weights(
    m: &Methodology,
    values: &dyn Fn(NodeRef) -> Vec<Option<f64>>,
    score: &[Option<f64>],
) -> Vec<WeightAudit> {
    let r: Vec<Option<f64>> = (0..m.indicators.len())
        .map(|i| stats::pearson(&values(NodeRef::Indicator(i)), score))
        .collect();
    let total: f64 = r.iter().flatten().map(|r| r * r).sum();
    (0..m.indicators.len())
        .map(|i| {
            let node = NodeRef::Indicator(i);
            let nominal = nominal_share(m, node);
            let importance = r[i].filter(|_| total > 0.0).map(|r| r * r / total);
            let flag = importance.and_then(|imp| {
                if nominal <= 0.0 {
                    None
                } else if imp > WEIGHT_RATIO * nominal {
                    Some("more")
                } else if imp * WEIGHT_RATIO < nominal {
                    Some("less")
                } else {
                    None
                }
            });
            WeightAudit {
                named: Named::of(m, node),
                nominal,
                correlation: r[i],
                importance,
                flag,
            }
        })
        .collect()
}

/// The zone of a region in an outcome, by its title.
fn zone_title(m: &Methodology, z: Option<usize>) -> Option<String> {
    z.map(|z| m.zones[z].title.clone())
}

/// What each drop-one run changes.
fn drops(m: &Methodology, runs: &Runs) -> Vec<DropAudit> {
    runs.without
        .iter()
        .map(|(node, o)| {
            let (sum, max, moved, n, unranked) = shifts(&runs.nominal, o, &runs.keys);
            let zone_changes = (0..runs.keys.len())
                .filter(|&i| runs.nominal.zone[i] != o.zone[i])
                .map(|i| ZoneChange {
                    key: runs.keys[i].clone(),
                    label: runs.labels[i].clone(),
                    from: zone_title(m, runs.nominal.zone[i]),
                    to: zone_title(m, o.zone[i]),
                })
                .collect();
            DropAudit {
                named: Named::of(m, *node),
                block: m
                    .parent(*node)
                    .map_or(String::new(), |g| m.groups[g].name.clone()),
                mean_shift: if n > 0 { sum / n as f64 } else { 0.0 },
                max_shift: max,
                moved,
                unranked,
                zone_changes,
            }
        })
        .collect()
}

/// The sum and the largest of the absolute changes of place, the regions moved, the
/// regions ranked both times, and those ranked only in the nominal run.
fn shifts(a: &Outcome, b: &Outcome, keys: &[String]) -> (f64, f64, usize, usize, Vec<String>) {
    let (mut sum, mut max, mut moved, mut n) = (0.0, 0.0f64, 0, 0);
    let mut unranked = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        match (a.place[i], b.place[i]) {
            (Some(x), Some(y)) => {
                let d = (x - y).abs();
                sum += d;
                max = max.max(d);
                moved += usize::from(d > 0.0);
                n += 1;
            }
            (Some(_), None) => unranked.push(key.clone()),
            _ => {}
        }
    }
    (sum, max, moved, n, unranked)
}

/// The flags, most telling first: outliers, redundant pairs, negative pairs, weak
/// members, incoherent blocks, weights.
fn flags(
    indicators: &[IndicatorAudit],
    blocks: &[BlockAudit],
    weights: &[WeightAudit],
) -> Vec<Flag> {
    let mut out = Vec::new();
    for ind in indicators {
        use crate::stages::outliers::Choice;
        if let Some(t) = &ind.outliers {
            if let (Choice::Winsorized { .. } | Choice::Log { .. }, Some(g), Some(k)) =
                (t.choice, t.before.skewness, t.before.kurtosis)
            {
                out.push(Flag::Treated {
                    indicator: ind.named.name.clone(),
                    choice: t.choice,
                    skewness: (g, t.after.skewness),
                    kurtosis: (k, t.after.kurtosis),
                });
                continue;
            }
        }
        if let (true, Some(g), Some(k)) = (ind.raw.outlier, ind.raw.skewness, ind.raw.kurtosis) {
            out.push(Flag::Outlier {
                indicator: ind.named.name.clone(),
                skewness: g,
                kurtosis: k,
                normalized: ind.normalized.outlier,
            });
        }
    }
    let pairs = |b: &BlockAudit| {
        let k = b.members.len();
        (0..k).flat_map(move |i| (i + 1..k).map(move |j| (i, j)))
    };
    for b in blocks {
        for (i, j) in pairs(b) {
            if let Some(r) = b.correlations[i][j].pearson.filter(|&r| r > REDUNDANT) {
                out.push(Flag::Redundant {
                    block: b.named.name.clone(),
                    a: b.members[i].name.clone(),
                    b: b.members[j].name.clone(),
                    r,
                });
            }
        }
    }
    for b in blocks {
        for (i, j) in pairs(b) {
            let n = b.pairs[i][j];
            let negative = |r: f64| r < 0.0 && stats::significant(r, n);
            if let Some(r) = b.correlations[i][j].pearson.filter(|&r| negative(r)) {
                out.push(Flag::Negative {
                    block: b.named.name.clone(),
                    a: b.members[i].name.clone(),
                    b: b.members[j].name.clone(),
                    r,
                });
            }
        }
    }
    for b in blocks {
        for (x, c) in b.members.iter().zip(&b.with_block) {
            if let Some(r) = c.pearson.filter(|&r| r < WEAK) {
                out.push(Flag::Weak {
                    block: b.named.name.clone(),
                    member: x.name.clone(),
                    r,
                });
            }
        }
    }
    for b in blocks {
        if let Some(alpha) = b.alpha.filter(|&a| a < COHERENT) {
            out.push(Flag::Incoherent {
                block: b.named.name.clone(),
                alpha,
            });
        }
    }
    for w in weights {
        if let (Some(_), Some(importance)) = (w.flag, w.importance) {
            out.push(Flag::Weight {
                indicator: w.named.name.clone(),
                nominal: w.nominal,
                importance,
            });
        }
    }
    out
}
