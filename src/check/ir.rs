//! The checked methodology: what the engine runs.
//!
//! Invariant: every name is resolved (columns to their input, members to indicators or
//! groups), every built-in looked up with its constant parameters evaluated and
//! validated, weights are consistent within each group, the group tree has no cycles and
//! its root is the score, indicators are listed so that each comes after the indicators
//! its value refers to, and every expression is well typed.

use crate::builtins::*;
use crate::syntax::ast::{BinOp, Direction, Order, Span};

#[derive(Debug, Clone)]
pub struct Methodology {
    pub title: String,
    pub version: Option<String>,
    pub effective: Option<String>,
    pub notes: Vec<String>,
    /// The column that identifies a region in every input.
    pub key: String,
    /// The column shown as the region's name, and the input it is read from.
    pub label: Option<(usize, String)>,
    pub inputs: Vec<InputDef>,
    pub exclusions: Vec<Exclusion>,
    /// In evaluation order: an indicator comes after those its value refers to.
    pub indicators: Vec<IndicatorDef>,
    /// Children before parents; the last one is the score.
    pub groups: Vec<GroupDef>,
    pub rank: RankDef,
    pub zones: Vec<ZoneDef>,
}

#[derive(Debug, Clone)]
pub struct InputDef {
    pub name: String,
    /// The path as written (or as given on the command line), not yet resolved.
    pub path: String,
    /// The numeric columns the methodology reads from this input, sorted.
    pub columns: Vec<String>,
    /// The encoding named for the file (`encoding "windows-1251"`), if any.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Exclusion {
    pub condition: IrExpr,
    /// The condition as written (canonical text).
    pub condition_text: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct IndicatorDef {
    pub name: String,
    pub title: String,
    pub unit: Option<String>,
    pub value: IrExpr,
    /// The formula as written, for explanations.
    pub value_text: String,
    pub better: Direction,
    pub transforms: Vec<Transform>,
    pub normalization: Normalization,
    pub missing: MissingPolicy,
    pub notes: Vec<String>,
    /// The columns its value reads (directly), as (input, column).
    pub columns: Vec<(usize, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeRef {
    Indicator(usize),
    Group(usize),
}

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

#[derive(Debug, Clone)]
pub struct MemberDef {
    pub node: NodeRef,
    /// Points, the fraction for percentages (0.3), the relative weight, or 1 for equal.
    pub weight: f64,
}

#[derive(Debug, Clone)]
pub struct GroupDef {
    /// `score` for the root.
    pub name: String,
    pub title: String,
    pub aggregation: Aggregation,
    pub scheme: WeightScheme,
    pub members: Vec<MemberDef>,
    pub notes: Vec<String>,
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
}

impl GroupDef {
    /// The sum of the members' weights (for points, the most the group can reach when
    /// every member is at 1).
    pub fn total_weight(&self) -> f64 {
        self.members.iter().map(|m| m.weight).sum()
    }
}

#[derive(Debug, Clone)]
pub struct RankDef {
    pub round: Option<u32>,
    pub ties: TieMethod,
    pub then: Vec<(IrExpr, Order)>,
    /// The tie-breakers as written, for explanations.
    pub then_text: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ZoneDef {
    pub name: String,
    pub title: String,
    pub rule: ZoneRule,
    /// The rule as written (canonical text): `when score >= 600`, `top 20`, `otherwise`.
    pub rule_text: String,
}

#[derive(Debug, Clone)]
pub enum ZoneRule {
    When(IrExpr),
    /// Places 1..=n.
    Top(u32),
    /// The next n places after the zone before it.
    Next(u32),
    Otherwise,
}

/// A resolved, typed expression.
#[derive(Debug, Clone)]
pub enum IrExpr {
    Num(f64),
    Bool(bool),
    Column {
        input: usize,
        column: String,
    },
    /// An indicator's raw value (after its formula, before transforms).
    Indicator(usize),
    /// A group's result.
    Group(usize),
    Score,
    Place,
    Neg(Box<IrExpr>),
    Not(Box<IrExpr>),
    Bin(BinOp, Box<IrExpr>, Box<IrExpr>),
    If(Box<IrExpr>, Box<IrExpr>, Box<IrExpr>),
    Func(Func, Vec<IrExpr>),
    Agg(Aggregate, Box<IrExpr>),
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
