//! What a methodology revision (or a new period's data) does to the ranking: moves,
//! rank correlations, attribution of every score change to indicators and groups, and
//! the methodology's own changes as a reviewer reads them.
//!
//! * this module: the regions' moves and the summary;
//! * [`stats`]: Spearman's ρ and Kendall's τ-b;
//! * `changes`: the methodology's changes ([`changes()`], [`same_expr`]).

mod changes;
pub mod stats;

pub use changes::{anchor, changes, same_expr};
pub use stats::{kendall_tau_b, spearman};

use crate::check::Methodology;
use crate::engine::Ranking;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One region, old and new.
#[derive(Debug, Clone, Serialize)]
pub struct RegionMove {
    /// The region's key.
    pub key: String,
    /// The region's name (the label), from the new run where it has one.
    pub label: String,
    /// Its place in the old ranking; `None` when not ranked there.
    pub old_place: Option<f64>,
    /// Its place in the new ranking; `None` when not ranked there.
    pub new_place: Option<f64>,
    /// Positions gained (positive: up): how many fewer regions are placed ahead of it than
    /// before. Counted in positions, not in place numbers, so that under dense places a tie
    /// broken above a region does not move it; `None` when not ranked on one side.
    pub moved: Option<f64>,
    /// Its old score.
    pub old_score: Option<f64>,
    /// Its new score.
    pub new_score: Option<f64>,
    /// Its old zone's name.
    pub old_zone: Option<String>,
    /// Its new zone's name.
    pub new_zone: Option<String>,
    /// The zones' titles, as the rankings show them.
    pub old_zone_title: Option<String>,
    /// Its new zone's title.
    pub new_zone_title: Option<String>,
    /// Why the region moved or its place number changed where its score did not: a tie
    /// broken, places renumbered by ties above it.
    pub note: Option<String>,
    /// Why it was not ranked in the old run.
    pub old_excluded: Option<String>,
    /// Why it is not ranked in the new run.
    pub new_excluded: Option<String>,
    /// The indicators whose contributions changed most, (name, change in score points),
    /// largest first; every indicator's change is in `all_indicators`.
    pub top_indicators: Vec<(String, f64)>,
    /// The groups whose contributions changed most, (name, change in score points).
    pub top_groups: Vec<(String, f64)>,
    /// Every indicator's change of contribution; they add up to the change of the
    /// (unrounded) score.
    pub all_indicators: Vec<(String, f64)>,
}

/// What the revision does to the ranking as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The regions in either run.
    pub regions: usize,
    /// Regions ranked in both that moved up.
    pub up: usize,
    /// Regions ranked in both that moved down.
    pub down: usize,
    /// Regions ranked in both with the same regions ahead.
    pub unchanged: usize,
    /// Ranked on one side only.
    pub ranked_changed: usize,
    /// Ranked on neither side (excluded by both versions): unchanged, not moved.
    pub ranked_neither: usize,
    /// Ranked on both sides with the same regions ahead, but another place number (ties
    /// formed or broken above).
    pub renumbered: usize,
    /// The five largest moves up: (key, positions gained).
    pub largest_up: Vec<(String, f64)>,
    /// The five largest moves down: (key, positions lost, negative).
    pub largest_down: Vec<(String, f64)>,
    /// Every region whose zone changed: (key, old zone, new zone), by key.
    pub zone_changes: Vec<(String, Option<String>, Option<String>)>,
    /// Spearman's ρ between the places of the regions ranked in both.
    pub spearman_rho: Option<f64>,
    /// Kendall's τ-b between the places of the regions ranked in both.
    pub kendall_tau_b: Option<f64>,
    /// How many of the old top 10 (place ≤ 10) are in the new top 10, and the sizes.
    pub top10_overlap: (usize, usize, usize),
    /// The largest move either way, in positions, of the regions ranked on both sides.
    pub max_move: f64,
    /// The regions ranked before and not now: (key, old place, why not ranked now).
    pub left: Vec<(String, f64, String)>,
    /// The regions ranked now and not before: (key, new place, why not ranked before).
    pub entered: Vec<(String, f64, String)>,
}

/// One side of a diff as a reviewer needs it said: where it comes from and which period
/// its data were counted for.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct SideInfo {
    /// The methodology as named on the command line (`git:origin/main:pos.metodika`, a path).
    pub source: String,
    /// The period counted (`2025-Q4`), when the methodology declares periods.
    pub period: Option<String>,
    /// The period in words as the run took it (`2025-01-01 … 2025-12-31`).
    pub window: Option<String>,
    /// The period itself (for people's words: «III квартал 2025 г.»).
    #[serde(skip)]
    pub value: Option<crate::periods::Period>,
}

/// The rules of a CI gate (`diff --fail-on-move N --fail-on-exclusion --fail-on-zone-change`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GateRules {
    /// Fail when a region moves more than N positions, or leaves or enters the ranking.
    pub max_move: Option<f64>,
    /// Fail when a region leaves or enters the ranking.
    pub exclusion: bool,
    /// Fail when a region changes zone.
    pub zone_change: bool,
}

impl GateRules {
    /// Whether any rule is set.
    pub fn any(&self) -> bool {
        self.max_move.is_some() || self.exclusion || self.zone_change
    }
}

/// The verdict of the gate: passed, or failed with each reason.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Gate {
    /// The rules, as the command line gave them (`--fail-on-move 5`, …).
    pub rules: Vec<String>,
    /// Whether every rule held.
    pub passed: bool,
    /// Why it failed: one line a broken rule, naming the regions.
    pub reasons: Vec<String>,
}

/// A change of periods or data split in two (the methodology's effect and the data's), by
/// running the new methodology on the old side's data.
#[derive(Debug, Clone, Serialize)]
pub struct Effects {
    /// The old methodology on the old data → the new methodology on the old data.
    pub methodology: Summary,
    /// The new methodology on the old data → the new methodology on the new data.
    pub data: Summary,
}

/// A change in the methodology itself.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// `indicator`, `group`, `rank`, `zones`, `exclude`, `header`, `input`
    pub area: String,
    /// What it is about (an indicator's or group's name; empty for the module's own).
    pub name: String,
    /// What changed, as a reviewer reads it (`normalize: minmax → zscore`).
    pub what: String,
    /// The title of what it is about (an indicator's, a group's, a zone's), empty when it
    /// has none.
    pub title: String,
    /// The file of the new edition where it is written (for a review tool to put it on
    /// the edited line), empty when not known ([`anchor`]).
    pub file: String,
    /// Its line there, from 1.
    pub line: Option<usize>,
    /// The file it comes from when the new edition inherits it from the edition it
    /// extends (a change of the base, not of the revision itself).
    pub from: Option<String>,
    /// The change typed, for the outputs that say it in words (none where
    /// [`what`](Self::what) is all there is).
    #[serde(skip)]
    pub said: Option<Said>,
}

/// A change typed, so that people's outputs say it in the glossary's words rather than in
/// the language's code: each side's value, and titles where there are.
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// A new indicator: its formula in words (in the methodology's language), its
    /// direction, normalization and weight (with its group's title), when a group counts it.
    IndicatorAdded {
        /// Its formula in words.
        formula: String,
        /// Which end is better.
        better: crate::syntax::ast::Direction,
        /// Its normalization.
        normalization: crate::builtins::Normalization,
        /// Its weight: the scheme, the weight and the group's title.
        weight: Option<(crate::check::WeightScheme, f64, String)>,
    },
    /// An indicator's formula, in words, each in its methodology's language.
    Value(String, String),
    /// An aggregate over records in an indicator's formula (its filter or itself), in
    /// words, each in its methodology's language.
    Aggregate(String, String),
    /// An indicator's direction.
    Better(crate::syntax::ast::Direction, crate::syntax::ast::Direction),
    /// An indicator's normalization.
    Normalize(
        crate::builtins::Normalization,
        crate::builtins::Normalization,
    ),
    /// An indicator's missing-data policy.
    Missing(
        crate::builtins::MissingPolicy,
        crate::builtins::MissingPolicy,
    ),
    /// An indicator's outlier rule.
    Outliers(crate::builtins::Outliers, crate::builtins::Outliers),
    /// A group's aggregation.
    Aggregation(crate::builtins::Aggregation, crate::builtins::Aggregation),
    /// A member's weight: its title, and each side's scheme and weight.
    Weight {
        /// The member's title.
        member: String,
        /// The old scheme and weight.
        was: (crate::check::WeightScheme, f64),
        /// The new ones.
        now: (crate::check::WeightScheme, f64),
    },
    /// A member added to a group (its title, the scheme and weight).
    MemberAdded(String, crate::check::WeightScheme, f64),
    /// A member taken out of a group.
    MemberRemoved(String, crate::check::WeightScheme, f64),
    /// The tie-breakers: each side's, as (what, in words; descending).
    Then(Vec<(String, bool)>, Vec<(String, bool)>),
    /// A zone: each side's title and rule in words (in its methodology's language), when
    /// it has the zone.
    Zone(Option<String>, Option<String>),
    /// A line of the uncertainty block: each side's, when it has it.
    Uncertainty(Option<UncertaintyLine>, Option<UncertaintyLine>),
}

/// A line of an `uncertainty` block, typed; indicators and groups by their titles.
#[derive(Debug, Clone, PartialEq)]
pub enum UncertaintyLine {
    /// `runs N`.
    Runs(usize),
    /// `seed S`.
    Seed(u64),
    /// `weights +-p`.
    Weights(f64),
    /// `weight name lo..hi`: the member's title, its group's scheme, the range.
    Weight(String, crate::check::WeightScheme, f64, f64),
    /// `normalize indicator: …`: its title and the alternatives.
    Normalize(String, Vec<crate::builtins::Normalization>),
    /// `aggregate group: …`.
    Aggregate(String, Vec<crate::builtins::Aggregation>),
    /// `missing indicator: …`.
    Missing(String, Vec<crate::builtins::MissingPolicy>),
    /// `noise indicator +-p`.
    Noise(String, f64),
}

/// Two runs compared: the methodology's changes, the summary, every region.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The old methodology's title.
    pub old_title: String,
    /// The new methodology's title.
    pub new_title: String,
    /// The old methodology's version.
    pub old_version: Option<String>,
    /// The new methodology's version.
    pub new_version: Option<String>,
    /// The methodology's own changes.
    pub changes: Vec<Change>,
    /// What they do to the ranking as a whole.
    pub summary: Summary,
    /// Sorted by the size of the move, then by new place.
    pub regions: Vec<RegionMove>,
    /// The titles of the indicators and groups of both editions, by name (the new
    /// edition's where both have one), for the outputs people read.
    #[serde(skip)]
    pub titles: std::collections::BTreeMap<String, String>,
    /// The old side: its source and period.
    pub old_side: SideInfo,
    /// The new side.
    pub new_side: SideInfo,
    /// Whether the two sides' data differ (another period, or another content of an
    /// input's files); `None` when not compared.
    pub data_changed: Option<bool>,
    /// When the data differ: the methodology's effect and the data's, each on its own;
    /// `None` when they do not, or cannot be split.
    pub effects: Option<Effects>,
    /// Why the effects could not be split, when the data differ.
    pub effects_unsplit: Option<String>,
    /// The gate's verdict, when a rule was given.
    pub gate: Option<Gate>,
}

impl Diff {
    /// A region as the texts name it: its key and its name (`77 Москва`), the key alone
    /// when it has no name.
    pub fn region_name(&self, key: &str) -> String {
        self.regions
            .iter()
            .find(|r| r.key == key)
            .filter(|r| !r.label.is_empty())
            .map(|r| format!("{key} {}", r.label))
            .unwrap_or_else(|| key.to_string())
    }
}

/// Contributions by indicator and by group, of one region.
type Parts = (BTreeMap<String, f64>, BTreeMap<String, f64>);

/// Each indicator's and group's contribution to the score, for every ranked region, as
/// the run computed them (a run with `detail`).
fn contributions(r: &Ranking) -> HashMap<String, Parts> {
    let mut out = HashMap::new();
    for row in r.rows.iter().filter(|row| row.place.is_some()) {
        let inds = r
            .indicators
            .iter()
            .zip(&row.indicators)
            .map(|((name, _), d)| (name.clone(), d.contribution.unwrap_or(0.0)))
            .collect();
        let groups = r
            .groups
            .iter()
            .zip(&row.group_contributions)
            .map(|((name, _), c)| (name.clone(), c.unwrap_or(0.0)))
            .collect();
        out.insert(row.key.clone(), (inds, groups));
    }
    out
}

fn deltas(old: &BTreeMap<String, f64>, new: &BTreeMap<String, f64>) -> Vec<(String, f64)> {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut v: Vec<(String, f64)> = names
        .into_iter()
        .map(|n| {
            (
                n.clone(),
                new.get(n).copied().unwrap_or(0.0) - old.get(n).copied().unwrap_or(0.0),
            )
        })
        .collect();
    v.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    v
}

/// Compare two runs.
pub fn diff(old_m: &Methodology, old: &Ranking, new_m: &Methodology, new: &Ranking) -> Diff {
    let old_c = contributions(old);
    let new_c = contributions(new);
    let old_rows: HashMap<&str, &crate::engine::Row> =
        old.rows.iter().map(|r| (r.key.as_str(), r)).collect();
    let mut keys: Vec<&str> = new.rows.iter().map(|r| r.key.as_str()).collect();
    for r in &old.rows {
        if !keys.contains(&r.key.as_str()) {
            keys.push(&r.key);
        }
    }
    let new_rows: HashMap<&str, &crate::engine::Row> =
        new.rows.iter().map(|r| (r.key.as_str(), r)).collect();
    let (old_pos, new_pos) = (positions(old), positions(new));
    let title = |r: &Ranking, z: &Option<String>| {
        z.as_ref()
            .and_then(|z| r.zones.iter().find(|(n, _)| n == z))
            .map(|(_, t)| t.clone())
    };
    let tie_rules_changed =
        old_m.rank.ties != new_m.rank.ties || old_m.rank.then_text != new_m.rank.then_text;
    let empty = (BTreeMap::new(), BTreeMap::new());
    let mut regions: Vec<RegionMove> = keys
        .iter()
        .map(|k| {
            let o = old_rows.get(k);
            let n = new_rows.get(k);
            let old_place = o.and_then(|r| r.place);
            let new_place = n.and_then(|r| r.place);
            let (op, np) = (old_pos.get(*k).copied(), new_pos.get(*k).copied());
            let moved = match (op, np) {
                (Some(a), Some(b)) => Some(a as f64 - b as f64),
                _ => None,
            };
            let (old_score, new_score) = (o.and_then(|r| r.score), n.and_then(|r| r.score));
            let note = match moved {
                Some(m) if m != 0.0 && old_score == new_score => Some(if tie_rules_changed {
                    "same score: ties are broken differently".to_string()
                } else {
                    "same score: regions around it changed".to_string()
                }),
                Some(0.0) if old_place != new_place => Some(format!(
                    "the same {} ahead: place numbers shifted by ties above",
                    match op {
                        Some(2) => "region".to_string(),
                        Some(p) => format!("{} regions", p - 1),
                        None => String::new(),
                    }
                )),
                _ => None,
            };
            let (oi, og) = old_c.get(*k).unwrap_or(&empty);
            let (ni, ng) = new_c.get(*k).unwrap_or(&empty);
            let all = deltas(oi, ni);
            let groups = deltas(og, ng);
            RegionMove {
                key: k.to_string(),
                label: n.or(o).map(|r| r.label.clone()).unwrap_or_default(),
                old_place,
                new_place,
                moved,
                old_score,
                new_score,
                old_zone: o.and_then(|r| r.zone.clone()),
                new_zone: n.and_then(|r| r.zone.clone()),
                old_zone_title: o.and_then(|r| title(old, &r.zone)),
                new_zone_title: n.and_then(|r| title(new, &r.zone)),
                note,
                old_excluded: o.and_then(|r| r.excluded.clone()),
                new_excluded: n.and_then(|r| r.excluded.clone()),
                top_indicators: all
                    .iter()
                    .filter(|x| x.1.abs() > 1e-9)
                    .take(3)
                    .cloned()
                    .collect(),
                top_groups: groups
                    .into_iter()
                    .filter(|x| x.1.abs() > 1e-9)
                    .take(3)
                    .collect(),
                all_indicators: all,
            }
        })
        .collect();
    regions.sort_by(|a, b| {
        let ma = a.moved.map(f64::abs).unwrap_or(f64::INFINITY);
        let mb = b.moved.map(f64::abs).unwrap_or(f64::INFINITY);
        mb.total_cmp(&ma)
            .then(
                a.new_place
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.new_place.unwrap_or(f64::MAX)),
            )
            .then(a.key.cmp(&b.key))
    });
    let summary = summarize(&regions);
    Diff {
        old_title: old.title.clone(),
        new_title: new.title.clone(),
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes: changes(old_m, new_m),
        summary,
        regions,
        titles: old
            .indicators
            .iter()
            .chain(&old.groups)
            .chain(new.indicators.iter().chain(&new.groups))
            .cloned()
            .collect(),
        old_side: SideInfo::default(),
        new_side: SideInfo::default(),
        data_changed: None,
        effects: None,
        effects_unsplit: None,
        gate: None,
    }
}

/// The verdict of `rules` on `d`: each broken rule with the regions that broke it. A
/// region that leaves or enters the ranking breaks `--fail-on-move` whatever N is (its
/// move has no size: it is the largest there is).
pub fn gate(d: &Diff, rules: GateRules) -> Gate {
    let s = &d.summary;
    let name = |k: &str| d.region_name(k);
    let fmt = crate::words::number::fmt_num;
    let mut rules_said = Vec::new();
    let mut reasons = Vec::new();
    let out_in = || -> Vec<String> {
        let mut v: Vec<String> = s
            .left
            .iter()
            .map(|(k, p, _)| {
                crate::i18n::t(
                    "gate-left",
                    &[("region", name(k).into()), ("place", fmt(*p).into())],
                )
            })
            .collect();
        v.extend(s.entered.iter().map(|(k, p, _)| {
            crate::i18n::t(
                "gate-entered",
                &[("region", name(k).into()), ("place", fmt(*p).into())],
            )
        }));
        v
    };
    if let Some(n) = rules.max_move {
        rules_said.push(format!("--fail-on-move {}", fmt(n)));
        let mut over: Vec<&RegionMove> = d
            .regions
            .iter()
            .filter(|r| r.moved.is_some_and(|m| m.abs() > n))
            .collect();
        over.sort_by(|a, b| {
            let (x, y) = (a.moved.unwrap_or(0.0).abs(), b.moved.unwrap_or(0.0).abs());
            y.total_cmp(&x).then(a.key.cmp(&b.key))
        });
        let mut broke: Vec<String> = over
            .iter()
            .map(|r| {
                crate::i18n::t(
                    "gate-moved",
                    &[
                        ("region", name(&r.key).into()),
                        ("old", r.old_place.map(fmt).unwrap_or_default().into()),
                        ("new", r.new_place.map(fmt).unwrap_or_default().into()),
                        (
                            "moved",
                            crate::i18n::count("count-places", r.moved.unwrap_or(0.0).abs()).into(),
                        ),
                    ],
                )
            })
            .collect();
        broke.extend(out_in());
        if !broke.is_empty() {
            reasons.push(crate::i18n::t(
                "gate-fail-move",
                &[("allowed", fmt(n).into()), ("list", list(&broke).into())],
            ));
        }
    }
    if rules.exclusion {
        rules_said.push("--fail-on-exclusion".to_string());
        let broke = out_in();
        if !broke.is_empty() {
            reasons.push(crate::i18n::t(
                "gate-fail-exclusion",
                &[("list", list(&broke).into())],
            ));
        }
    }
    if rules.zone_change {
        rules_said.push("--fail-on-zone-change".to_string());
        if !s.zone_changes.is_empty() {
            let words = |z: &Option<String>, title: Option<&Option<String>>| {
                title
                    .and_then(|t| t.clone())
                    .filter(|t| !t.is_empty())
                    .or_else(|| z.clone())
                    .unwrap_or_else(|| "—".into())
            };
            let broke: Vec<String> = s
                .zone_changes
                .iter()
                .map(|(k, a, b)| {
                    let r = d.regions.iter().find(|r| &r.key == k);
                    format!(
                        "{}: {} → {}",
                        name(k),
                        words(a, r.map(|r| &r.old_zone_title)),
                        words(b, r.map(|r| &r.new_zone_title))
                    )
                })
                .collect();
            reasons.push(crate::i18n::t(
                "gate-fail-zone",
                &[
                    ("n", s.zone_changes.len().into()),
                    ("list", list(&broke).into()),
                ],
            ));
        }
    }
    Gate {
        rules: rules_said,
        passed: reasons.is_empty(),
        reasons,
    }
}

/// At most eight items, then how many more.
fn list(items: &[String]) -> String {
    let mut out = items.iter().take(8).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > 8 {
        out.push_str(&format!(
            "; {}",
            crate::i18n::t("and-more", &[("n", (items.len() - 8).into())])
        ));
    }
    out
}

/// Each ranked region's position: 1 + the number of regions placed strictly ahead of it
/// (its place under `ties competition`, whatever the methodology's tie method).
fn positions(r: &Ranking) -> HashMap<&str, usize> {
    let mut places: Vec<f64> = r.rows.iter().filter_map(|x| x.place).collect();
    places.sort_by(f64::total_cmp);
    r.rows
        .iter()
        .filter_map(|x| {
            let p = x.place?;
            Some((x.key.as_str(), 1 + places.partition_point(|q| *q < p)))
        })
        .collect()
}

fn summarize(regions: &[RegionMove]) -> Summary {
    let both: Vec<&RegionMove> = regions.iter().filter(|r| r.moved.is_some()).collect();
    let up = both.iter().filter(|r| r.moved.unwrap() > 0.0).count();
    let down = both.iter().filter(|r| r.moved.unwrap() < 0.0).count();
    let mut ups: Vec<(String, f64)> = both
        .iter()
        .filter(|r| r.moved.unwrap() > 0.0)
        .map(|r| (r.key.clone(), r.moved.unwrap()))
        .collect();
    ups.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut downs: Vec<(String, f64)> = both
        .iter()
        .filter(|r| r.moved.unwrap() < 0.0)
        .map(|r| (r.key.clone(), r.moved.unwrap()))
        .collect();
    downs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    ups.truncate(5);
    downs.truncate(5);
    let old_p: Vec<f64> = both.iter().map(|r| r.old_place.unwrap()).collect();
    let new_p: Vec<f64> = both.iter().map(|r| r.new_place.unwrap()).collect();
    let top_old: BTreeSet<&str> = regions
        .iter()
        .filter(|r| r.old_place.is_some_and(|p| p <= 10.0))
        .map(|r| r.key.as_str())
        .collect();
    let top_new: BTreeSet<&str> = regions
        .iter()
        .filter(|r| r.new_place.is_some_and(|p| p <= 10.0))
        .map(|r| r.key.as_str())
        .collect();
    let mut zone_changes: Vec<(String, Option<String>, Option<String>)> = regions
        .iter()
        .filter(|r| r.old_zone != r.new_zone)
        .map(|r| (r.key.clone(), r.old_zone.clone(), r.new_zone.clone()))
        .collect();
    zone_changes.sort();
    Summary {
        regions: regions.len(),
        up,
        down,
        unchanged: both.len() - up - down,
        ranked_changed: regions
            .iter()
            .filter(|r| r.old_place.is_some() != r.new_place.is_some())
            .count(),
        ranked_neither: regions
            .iter()
            .filter(|r| r.old_place.is_none() && r.new_place.is_none())
            .count(),
        renumbered: both
            .iter()
            .filter(|r| r.moved == Some(0.0) && r.old_place != r.new_place)
            .count(),
        largest_up: ups,
        largest_down: downs,
        zone_changes,
        spearman_rho: spearman(&old_p, &new_p),
        kendall_tau_b: kendall_tau_b(&old_p, &new_p),
        top10_overlap: (
            top_old.intersection(&top_new).count(),
            top_old.len(),
            top_new.len(),
        ),
        max_move: both
            .iter()
            .map(|r| r.moved.unwrap().abs())
            .fold(0.0, f64::max),
        left: regions
            .iter()
            .filter_map(|r| match (r.old_place, r.new_place) {
                (Some(p), None) => {
                    Some((r.key.clone(), p, r.new_excluded.clone().unwrap_or_default()))
                }
                _ => None,
            })
            .collect(),
        entered: regions
            .iter()
            .filter_map(|r| match (r.old_place, r.new_place) {
                (None, Some(p)) => {
                    Some((r.key.clone(), p, r.old_excluded.clone().unwrap_or_default()))
                }
                _ => None,
            })
            .collect(),
    }
}
