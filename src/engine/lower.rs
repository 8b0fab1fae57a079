//! One function per IR variant: a checked expression → a polars expression. Nothing is
//! collected here: the translator only builds lazy expressions.

use crate::builtins::{Aggregate, Func};
use crate::check::{IrExpr, Methodology};
use crate::syntax::ast::{BinOp, CmpOp};
use polars::prelude::*;

/// Column names in the run's frame.
pub fn raw(name: &str) -> String {
    format!("raw:{name}")
}
pub fn val(name: &str) -> String {
    format!("val:{name}")
}
pub fn norm(name: &str) -> String {
    format!("norm:{name}")
}
pub fn grp(name: &str) -> String {
    format!("grp:{name}")
}
pub fn share(name: &str) -> String {
    format!("share:{name}")
}
pub fn con(name: &str) -> String {
    format!("con:{name}")
}
/// A group's contribution to the score.
pub fn gcon(name: &str) -> String {
    format!("cs:{name}")
}
/// The name of a group's member (an indicator or a group), for its share column.
pub fn member_name(m: &Methodology, node: crate::check::NodeRef) -> &str {
    match node {
        crate::check::NodeRef::Indicator(i) => &m.indicators[i].name,
        crate::check::NodeRef::Group(g) => &m.groups[g].name,
    }
}
/// The column of a group's member: an indicator's normalized values, a group's result.
pub fn member_col(m: &Methodology, node: crate::check::NodeRef) -> String {
    match node {
        crate::check::NodeRef::Indicator(i) => norm(&m.indicators[i].name),
        crate::check::NodeRef::Group(g) => grp(&m.groups[g].name),
    }
}
/// The column of an aggregate over records, by its index in `Methodology::record_aggs`.
pub fn record(i: usize) -> String {
    format!("rec:{i}")
}
/// How many records an aggregate over records took, for each region.
pub fn record_kept(i: usize) -> String {
    format!("rec:{i}:kept")
}
/// How many records the region has in the aggregate's record input.
pub fn record_total(i: usize) -> String {
    format!("rec:{i}:total")
}
pub fn miss(name: &str) -> String {
    format!("miss:{name}")
}
/// Where a `by` policy filled a value with the statistic of all regions (1, else 0).
pub fn fallback_col(name: &str) -> String {
    format!("fallback:{name}")
}
/// The value the outlier rule takes (after the missing-data policy).
pub fn pre(name: &str) -> String {
    format!("pre:{name}")
}
/// How the outlier rule treated each region's value (0, 1 winsorized, 2 logarithm).
pub fn mark(name: &str) -> String {
    format!("outlier:{name}")
}
pub const KEY: &str = "__key";
pub const LABEL: &str = "__label";
/// True for regions that no `exclude when` rule excludes.
pub const IN: &str = "__in";
pub const REASON: &str = "__reason";
/// True for ranked regions with a missing value under `missing error` (without detail).
pub const MISSING_ERROR: &str = "__missing_error";
pub const SCORE: &str = "score";
pub const PLACE: &str = "place";
pub const ZONE: &str = "zone";

pub fn null_f64() -> Expr {
    lit(NULL).cast(DataType::Float64)
}

pub use super::udf::{finite, normalized_of, safe_div, weights_present};

/// Statistics across the ranked regions: `x` filtered on `__in`, or `x` itself when the
/// methodology excludes no region (a filter copies the column).
#[derive(Clone, Copy)]
pub struct Ranked {
    pub filter: bool,
}

impl Ranked {
    pub fn new(m: &Methodology) -> Ranked {
        Ranked {
            filter: !m.exclusions.is_empty(),
        }
    }

    /// x over the ranked regions only.
    pub fn of(self, x: Expr) -> Expr {
        if self.filter {
            x.filter(col(IN))
        } else {
            x
        }
    }

    /// Whether each region is ranked (a constant `true` when no rule excludes).
    pub fn flag(self) -> Expr {
        match self.filter {
            true => col(IN),
            false => lit(true),
        }
    }

    /// x where the region is ranked, missing elsewhere.
    pub fn masked(self, x: Expr) -> Expr {
        if self.filter {
            when(col(IN)).then(x).otherwise(null_f64())
        } else {
            x
        }
    }
}

/// Which regions cross-region aggregates run over.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every region (exclusion rules, decided before anything is excluded).
    All,
    /// The ranked regions.
    Ranked,
}

pub struct Lowering<'a> {
    pub m: &'a Methodology,
    pub scope: Scope,
}

impl Lowering<'_> {
    pub fn expr(&self, e: &IrExpr) -> Expr {
        match e {
            IrExpr::Num(v) => lit(*v),
            IrExpr::Bool(b) => lit(*b),
            IrExpr::Column { input, column } => {
                col(format!("{}.{}", self.m.inputs[*input].name, column).as_str())
            }
            IrExpr::Indicator(i) => col(raw(&self.m.indicators[*i].name).as_str()),
            IrExpr::Group(g) => col(grp(&self.m.groups[*g].name).as_str()),
            IrExpr::Record(i) => col(record(*i).as_str()),
            IrExpr::Score => col(SCORE),
            IrExpr::Place => col(PLACE),
            IrExpr::Neg(x) => lit(0.0) - self.expr(x),
            IrExpr::Not(x) => self.expr(x).not(),
            IrExpr::Bin(op, a, b) => self.binary(*op, self.expr(a), self.expr(b)),
            IrExpr::If(c, t, o) => {
                super::udf::if_then_else(self.expr(c), self.expr(t), self.expr(o), is_bool(t))
            }
            IrExpr::Func(f, args) => self.func(*f, args),
            IrExpr::Agg(a, x) => self.aggregate(*a, self.expr(x)),
        }
    }

    fn binary(&self, op: BinOp, a: Expr, b: Expr) -> Expr {
        match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div => safe_div(a, b),
            BinOp::Pow => finite(a.pow(b)),
            BinOp::And => a.and(b),
            BinOp::Or => a.or(b),
            BinOp::Cmp(c) => compare(c, a, b),
            // (the checker allows `in` only inside aggregates over records)
            BinOp::In => lit(NULL).cast(DataType::Boolean),
        }
    }

    fn func(&self, f: Func, args: &[IrExpr]) -> Expr {
        let xs: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect();
        let x = xs[0].clone();
        match f {
            Func::Abs => x.abs(),
            // the logarithm of x ≤ 0 and the root of x < 0 are not finite: missing
            Func::Ln => finite(x.log(lit(std::f64::consts::E))),
            Func::Log10 => finite(x.log(lit(10.0))),
            Func::Sqrt => finite(x.sqrt()),
            Func::Exp => finite(x.exp()),
            Func::Round => {
                let d = match args.get(1) {
                    Some(IrExpr::Num(d)) => *d as u32,
                    _ => 0,
                };
                x.round(d, RoundMode::HalfAwayFromZero)
            }
            Func::Clamp => {
                let low = super::udf::extreme(vec![x, xs[2].clone()], true);
                super::udf::extreme(vec![xs[1].clone(), low], false)
            }
            Func::Min => super::udf::extreme(xs, true),
            Func::Max => super::udf::extreme(xs, false),
            Func::Missing => x.is_null(),
            Func::Coalesce => coalesce(&xs),
        }
    }

    fn over(&self, x: Expr) -> Expr {
        match self.scope {
            Scope::All => x,
            Scope::Ranked => Ranked::new(self.m).of(x),
        }
    }

    fn aggregate(&self, a: Aggregate, x: Expr) -> Expr {
        let o = self.over(x.clone());
        match a {
            Aggregate::Mean => o.mean(),
            Aggregate::Median => o.median(),
            Aggregate::Min => o.min(),
            Aggregate::Max => o.max(),
            Aggregate::Sum => sequential_sum(o),
            Aggregate::Share => safe_div(x, sequential_sum(o)),
            Aggregate::Count => o.count().cast(DataType::Float64),
        }
    }
}

/// The sum of the values present, added in order from 0 (0 without any). polars' own
/// `sum` splits a long column among its threads (every column, in a debug build), so its
/// last bits would change with their number.
fn sequential_sum(x: Expr) -> Expr {
    x.fill_null(lit(0.0))
        .cast(DataType::Float64)
        .cum_sum(false)
        .last()
        .fill_null(lit(0.0))
}

/// a compared with b.
pub fn compare(op: CmpOp, a: Expr, b: Expr) -> Expr {
    match op {
        CmpOp::Eq => a.eq(b),
        CmpOp::Ne => a.neq(b),
        CmpOp::Lt => a.lt(b),
        CmpOp::Le => a.lt_eq(b),
        CmpOp::Gt => a.gt(b),
        CmpOp::Ge => a.gt_eq(b),
    }
}

/// Whether an expression gives a condition (the checker has typed it).
fn is_bool(e: &IrExpr) -> bool {
    match e {
        IrExpr::Bool(_) | IrExpr::Not(_) => true,
        IrExpr::Bin(op, ..) => matches!(op, BinOp::And | BinOp::Or | BinOp::Cmp(_)),
        IrExpr::Func(f, _) => *f == Func::Missing,
        IrExpr::If(_, t, _) => is_bool(t),
        _ => false,
    }
}
