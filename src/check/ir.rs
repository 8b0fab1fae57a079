//! The checked methodology: what the engine runs.
//!
//! Invariant: every name is resolved (columns to their input, members to indicators or
//! groups), every built-in looked up with its constant parameters evaluated and
//! validated, weights are consistent within each group, the group tree has no cycles and
//! its root is the score, indicators are listed so that each comes after the indicators
//! its value refers to, and every expression is well typed.

use crate::builtins::*;
use crate::data::records::ColType;
use crate::syntax::ast::{BinOp, Direction, Order, Span};

/// A checked methodology: every name resolved, every type checked; what the engine runs.
#[derive(Debug, Clone)]
pub struct Methodology {
    /// The title (`methodology "…"`).
    pub title: String,
    /// The version (`version "2025.1"`), when written.
    pub version: Option<String>,
    /// The date it takes effect (`effective "2025-01-01"`), when written.
    pub effective: Option<String>,
    /// Its notes, as written.
    pub notes: Vec<String>,
    /// The column that identifies a region in every input.
    pub key: String,
    /// The column shown as the region's name, and the input it is read from.
    pub label: Option<(usize, String)>,
    /// The inputs, in the order written.
    pub inputs: Vec<InputDef>,
    /// The record inputs (many rows per region), in the order written.
    pub records: Vec<super::RecordsDef>,
    /// The reporting periods (`period quarterly cumulative`), when declared.
    pub period: Option<crate::periods::Scheme>,
    /// The aggregates over records, each one value per region (`IrExpr::Record`).
    pub record_aggs: Vec<super::RecordAgg>,
    /// The exclusion rules, in the order written: the first that holds gives the reason.
    pub exclusions: Vec<Exclusion>,
    /// In evaluation order: an indicator comes after those its value refers to.
    pub indicators: Vec<IndicatorDef>,
    /// Children before parents; the last one is the score.
    pub groups: Vec<GroupDef>,
    /// The `rank` block (its defaults when there is none).
    pub rank: RankDef,
    /// The zones, in the order written; empty without a `zones` block.
    pub zones: Vec<ZoneDef>,
    /// The `uncertainty` block: the choices that could have been made otherwise.
    pub uncertainty: Option<UncertaintyDef>,
}

/// The checked `uncertainty` block: what a replication of `metodika uncertainty` draws.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertaintyDef {
    /// How many replications (`runs`; 1,000 unless written).
    pub runs: usize,
    /// The seed of the draws (`seed`; 1 unless written).
    pub seed: u64,
    /// `weights +-p`: every member's weight times a factor drawn from 1−p..1+p.
    pub weights: Option<f64>,
    /// `weight name lo..hi`: one member's weight drawn from lo..hi, in its group's units.
    pub weight_ranges: Vec<WeightRange>,
    /// `normalize indicator: …`: the alternatives to an indicator's normalization.
    pub normalize: Vec<(usize, Vec<Normalization>)>,
    /// The alternatives of [`normalize`](Self::normalize) as written (`goalposts(30%, 90%)`).
    pub normalize_text: Vec<Vec<String>>,
    /// `aggregate group: …`: the alternatives to a group's aggregation.
    pub aggregate: Vec<(usize, Vec<Aggregation>)>,
    /// `missing indicator: …`: the alternatives to an indicator's missing-data policy.
    pub missing: Vec<(usize, Vec<MissingPolicy>)>,
    /// `noise indicator +-p`: its raw values times a factor drawn from 1−p..1+p, region by
    /// region.
    pub noise: Vec<(usize, f64)>,
}

impl Default for UncertaintyDef {
    /// A block that varies nothing: 1,000 replications of seed 1.
    fn default() -> Self {
        UncertaintyDef {
            runs: 1_000,
            seed: 1,
            weights: None,
            weight_ranges: Vec::new(),
            normalize: Vec::new(),
            normalize_text: Vec::new(),
            aggregate: Vec::new(),
            missing: Vec::new(),
            noise: Vec::new(),
        }
    }
}

/// One member's weight range.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightRange {
    /// The group it is a member of.
    pub group: usize,
    /// Its place among the group's members.
    pub member: usize,
    /// The least weight.
    pub lo: f64,
    /// The greatest weight.
    pub hi: f64,
}

/// An input file of the methodology.
#[derive(Debug, Clone)]
pub struct InputDef {
    /// Its name (`current`).
    pub name: String,
    /// The path as written (or as given on the command line), not yet resolved.
    pub path: String,
    /// The numeric columns the methodology reads from this input, sorted.
    pub columns: Vec<String>,
    /// The columns it reads as text (the groups of `by`), sorted.
    pub texts: Vec<String>,
    /// The encoding named for the file (`encoding "windows-1251"`), if any.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// A workbook's sheet (`sheet "Лист1"`), if named.
    pub sheet: Option<String>,
    /// The row of a workbook's header, from 1 (`header 3`), if named.
    pub header_row: Option<u32>,
    /// Where it is declared.
    pub span: Span,
}

impl InputDef {
    /// How its file is read: encoding, sheet, header row.
    pub fn read_as(&self) -> crate::data::ReadAs {
        crate::data::ReadAs {
            encoding: self.encoding,
            sheet: self.sheet.clone(),
            header_row: self.header_row,
        }
    }
}

/// An `exclude when` rule.
#[derive(Debug, Clone)]
pub struct Exclusion {
    /// The condition, over all regions.
    pub condition: IrExpr,
    /// The condition as written (canonical text).
    pub condition_text: String,
    /// The reason the regions it excludes show.
    pub reason: String,
}

/// A checked indicator.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    /// Its name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its unit (`unit "%"`), when written.
    pub unit: Option<String>,
    /// Its formula (its raw value).
    pub value: IrExpr,
    /// The formula as written, for explanations.
    pub value_text: String,
    /// Which end is better.
    pub better: Direction,
    /// Its transforms, in the order applied.
    pub transforms: Vec<Transform>,
    /// The transforms as written (`winsorize(5%, 95%)`), `none` when there are none.
    pub transforms_text: String,
    /// Its normalization (`none` when not written).
    pub normalization: Normalization,
    /// The normalization as written (`goalposts(30%, 90%)`), `none` when not written.
    pub normalization_text: String,
    /// What to do where it has no value.
    pub missing: MissingPolicy,
    /// Its outlier rule, after the missing-data policy (`none` when not written).
    pub outliers: Outliers,
    /// Its notes.
    pub notes: Vec<String>,
    /// The columns its value reads (directly), as (input, column).
    pub columns: Vec<(usize, String)>,
}

/// A member of a group: an indicator or another group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeRef {
    /// An indicator, by its index in [`Methodology::indicators`].
    Indicator(usize),
    /// A group, by its index in [`Methodology::groups`].
    Group(usize),
}

/// How a group's members are weighted (the same for every member).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightScheme {
    /// `points N` on every member.
    Points,
    /// `weight N%` on every member, adding up to 100%.
    Percent,
    /// `weight N` on every member, divided by their sum.
    Relative,
    /// No weights: every member counts the same.
    Equal,
}

/// A member of a group and its weight.
#[derive(Debug, Clone)]
pub struct MemberDef {
    /// The member.
    pub node: NodeRef,
    /// Points, the fraction for percentages (0.3), the relative weight, or 1 for equal.
    pub weight: f64,
}

/// A checked group (the score is the last).
#[derive(Debug, Clone)]
pub struct GroupDef {
    /// `score` for the root.
    pub name: String,
    /// Its title.
    pub title: String,
    /// How it combines its members.
    pub aggregation: Aggregation,
    /// How its members are weighted.
    pub scheme: WeightScheme,
    /// Its members, in the order written.
    pub members: Vec<MemberDef>,
    /// Its notes.
    pub notes: Vec<String>,
    /// `coverage 60%`: the share of its members a region needs a value of, else the
    /// group has none for it.
    pub coverage: Option<f64>,
}

impl Methodology {
    /// The index of the score among the groups: the last, since children come first.
    pub fn score_index(&self) -> usize {
        self.groups.len() - 1
    }

    /// The score: the root group.
    pub fn score(&self) -> &GroupDef {
        &self.groups[self.score_index()]
    }

    /// The group `node` is a member of (none for the score, or for an indicator no group
    /// lists).
    pub fn parent(&self, node: NodeRef) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.members.iter().any(|x| x.node == node))
    }
}

impl Methodology {
    /// An aggregate over records as written: `share(messages where status == "answered")`,
    /// `previous(count(messages))`.
    pub fn aggregate_text(&self, i: usize) -> String {
        let a = &self.record_aggs[i];
        let mut t = format!(
            "{}({}",
            a.kind.name(),
            a.value_text
                .as_deref()
                .unwrap_or(&self.records[a.records].name)
        );
        if let Some(q) = a.q {
            t.push_str(&format!(", {q}"));
        }
        if let Some(f) = &a.filter_text {
            t.push_str(&format!(" where {f}"));
        }
        t.push(')');
        if a.previous {
            t = format!("previous({t})");
        }
        t
    }
}

impl GroupDef {
    /// The sum of the members' weights (for points, the most the group can reach when
    /// every member is at 1).
    pub fn total_weight(&self) -> f64 {
        self.members.iter().map(|m| m.weight).sum()
    }
}

/// The `rank` block.
#[derive(Debug, Clone)]
pub struct RankDef {
    /// `round N`: the decimals the score is rounded to before ranking.
    pub round: Option<u32>,
    /// How equal regions are placed.
    pub ties: TieMethod,
    /// The tie-breakers, in order, each with its direction.
    pub then: Vec<(IrExpr, Order)>,
    /// The tie-breakers as written, for explanations.
    pub then_text: Vec<String>,
}

/// A zone.
#[derive(Debug, Clone)]
pub struct ZoneDef {
    /// Its name (`green`).
    pub name: String,
    /// Its title (`Зелёная зона`).
    pub title: String,
    /// Which regions it takes.
    pub rule: ZoneRule,
    /// The rule as written (canonical text): `when score >= 600`, `top 20`, `otherwise`.
    pub rule_text: String,
}

/// Which ranked regions a zone takes.
#[derive(Debug, Clone)]
pub enum ZoneRule {
    /// Those for which the condition holds.
    When(IrExpr),
    /// Places 1..=n.
    Top(u32),
    /// The next n places after the zone before it.
    Next(u32),
    /// Every ranked region no earlier zone took.
    Otherwise,
}

/// A resolved, typed expression.
#[derive(Debug, Clone)]
pub enum IrExpr {
    /// A number.
    Num(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A column of an input.
    Column {
        /// The input, by its index in [`Methodology::inputs`].
        input: usize,
        /// The column's name.
        column: String,
    },
    /// An indicator's raw value (after its formula, before transforms).
    Indicator(usize),
    /// A group's result.
    Group(usize),
    /// The region's score.
    Score,
    /// The region's place.
    Place,
    /// `-x`.
    Neg(Box<IrExpr>),
    /// `not x`.
    Not(Box<IrExpr>),
    /// A binary operation.
    Bin(BinOp, Box<IrExpr>, Box<IrExpr>),
    /// `if c then a else b`.
    If(Box<IrExpr>, Box<IrExpr>, Box<IrExpr>),
    /// An element-wise function.
    Func(Func, Vec<IrExpr>),
    /// A cross-region aggregate.
    Agg(Aggregate, Box<IrExpr>),
    /// An aggregate over records, by its index in [`Methodology::record_aggs`]: one value
    /// per region.
    Record(usize),
}

impl IrExpr {
    /// The direct subexpressions.
    fn children_mut(&mut self) -> Vec<&mut IrExpr> {
        match self {
            IrExpr::Neg(x) | IrExpr::Not(x) | IrExpr::Agg(_, x) => vec![x],
            IrExpr::Bin(_, a, b) => vec![a, b],
            IrExpr::If(a, b, c) => vec![a, b, c],
            IrExpr::Func(_, args) => args.iter_mut().collect(),
            _ => Vec::new(),
        }
    }

    /// Call `f` on this expression and every subexpression, parents first.
    pub fn visit(&self, f: &mut impl FnMut(&IrExpr)) {
        f(self);
        match self {
            IrExpr::Neg(x) | IrExpr::Not(x) | IrExpr::Agg(_, x) => x.visit(f),
            IrExpr::Bin(_, a, b) => {
                a.visit(f);
                b.visit(f);
            }
            IrExpr::If(a, b, c) => {
                a.visit(f);
                b.visit(f);
                c.visit(f);
            }
            IrExpr::Func(_, args) => args.iter().for_each(|a| a.visit(f)),
            _ => {}
        }
    }

    /// Call `f` on this expression and every subexpression, mutably.
    pub fn visit_mut(&mut self, f: &mut impl FnMut(&mut IrExpr)) {
        f(self);
        for c in self.children_mut() {
            c.visit_mut(f);
        }
    }
}

/// A checked record input: many rows per region.
#[derive(Debug, Clone)]
pub struct RecordsDef {
    /// Its name (`messages`).
    pub name: String,
    /// The path as written (or as given on the command line), not yet resolved.
    pub path: String,
    /// The column holding each record's region.
    pub key: String,
    /// The column dating each record (`date created_at`), for periods.
    pub date: Option<String>,
    /// `unknown ignore`: records of regions not in the region tables are left out (and
    /// counted) instead of stopping the run.
    pub ignore_unknown: bool,
    /// `stock`: a period counts the records dated up to its end, not only within it.
    pub stock: bool,
    /// The encoding named for a CSV file.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The columns the methodology reads, with their types, sorted by name.
    pub columns: Vec<(String, ColType)>,
    /// Where it is declared.
    pub span: Span,
}

/// An aggregate over a record input: one value per region.
#[derive(Debug, Clone)]
pub struct RecordAgg {
    /// The record input, by its index in `Methodology::records`.
    pub records: usize,
    /// What it computes.
    pub kind: RecordAggregate,
    /// The `q` of `quantile(x, q)`.
    pub q: Option<f64>,
    /// Inside `previous(…)`: over the records of the period before the one run.
    pub previous: bool,
    /// What it aggregates (`None` for `count` and `share`, which count records).
    pub value: Option<RecExpr>,
    /// `where …`: the records it counts (`None`: all of the region's).
    pub filter: Option<RecExpr>,
    /// The canonical text of the value's argument, and of the filter.
    pub value_text: Option<String>,
    /// The canonical text of the filter.
    pub filter_text: Option<String>,
}

/// An expression over one record's columns.
#[derive(Debug, Clone, PartialEq)]
pub enum RecExpr {
    /// A number.
    Num(f64),
    /// A text literal.
    Text(String),
    /// A date, in days since 1970-01-01.
    Date(i32),
    /// `true` or `false`.
    Bool(bool),
    /// A column of the record input, with its type.
    Column(String, ColType),
    /// `-x`.
    Neg(Box<RecExpr>),
    /// `not x`.
    Not(Box<RecExpr>),
    /// Arithmetic, a comparison, `and`, `or`.
    Bin(BinOp, Box<RecExpr>, Box<RecExpr>),
    /// `x in (a, b, …)`.
    In(Box<RecExpr>, Vec<RecExpr>),
    /// `missing(x)`.
    Missing(Box<RecExpr>),
    /// `period_start` (`false`) or `period_end` (`true`): the first or last day of the
    /// period the aggregate counts (the run's, or the one before for `previous(…)`).
    PeriodDay(bool),
}
