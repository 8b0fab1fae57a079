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
pub fn miss(name: &str) -> String {
    format!("miss:{name}")
}
pub const KEY: &str = "__key";
pub const LABEL: &str = "__label";
/// True for regions that no `exclude when` rule excludes.
pub const IN: &str = "__in";
pub const REASON: &str = "__reason";
pub const SCORE: &str = "score";
pub const PLACE: &str = "place";
pub const ZONE: &str = "zone";

pub fn null_f64() -> Expr {
    lit(NULL).cast(DataType::Float64)
}

/// x where it is a finite number, missing elsewhere: NaN and infinity never go further.
pub fn finite(x: Expr) -> Expr {
    when(x.clone().is_finite()).then(x).otherwise(null_f64())
}

/// a / b, missing where b is 0.
pub fn safe_div(a: Expr, b: Expr) -> Expr {
    when(b.clone().eq(lit(0.0)))
        .then(null_f64())
        .otherwise(a / b)
}

/// x over the ranked regions only (for statistics across regions).
pub fn ranked(x: Expr) -> Expr {
    x.filter(col(IN))
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
            IrExpr::Score => col(SCORE),
            IrExpr::Place => col(PLACE),
            IrExpr::Neg(x) => lit(0.0) - self.expr(x),
            IrExpr::Not(x) => self.expr(x).not(),
            IrExpr::Bin(op, a, b) => self.binary(*op, self.expr(a), self.expr(b)),
            IrExpr::If(c, t, o) => {
                let c = self.expr(c);
                when(c.clone().is_null())
                    .then(lit(NULL))
                    .when(c)
                    .then(self.expr(t))
                    .otherwise(self.expr(o))
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
            BinOp::Cmp(c) => match c {
                CmpOp::Eq => a.eq(b),
                CmpOp::Ne => a.neq(b),
                CmpOp::Lt => a.lt(b),
                CmpOp::Le => a.lt_eq(b),
                CmpOp::Gt => a.gt(b),
                CmpOp::Ge => a.gt_eq(b),
            },
        }
    }

    fn func(&self, f: Func, args: &[IrExpr]) -> Expr {
        let xs: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect();
        let x = xs[0].clone();
        match f {
            Func::Abs => x.abs(),
            Func::Ln => when(x.clone().gt(lit(0.0)))
                .then(x.log(lit(std::f64::consts::E)))
                .otherwise(null_f64()),
            Func::Log10 => when(x.clone().gt(lit(0.0)))
                .then(x.log(lit(10.0)))
                .otherwise(null_f64()),
            Func::Sqrt => when(x.clone().gt_eq(lit(0.0)))
                .then(x.sqrt())
                .otherwise(null_f64()),
            Func::Exp => finite(x.exp()),
            Func::Round => {
                let d = match args.get(1) {
                    Some(IrExpr::Num(d)) => *d as u32,
                    _ => 0,
                };
                x.round(d, RoundMode::HalfAwayFromZero)
            }
            Func::Clamp => {
                let (lo, hi) = (xs[1].clone(), xs[2].clone());
                when(x.clone().lt(lo.clone()))
                    .then(lo)
                    .when(x.clone().gt(hi.clone()))
                    .then(hi)
                    .otherwise(x)
            }
            Func::Min | Func::Max => {
                let any_null = xs
                    .iter()
                    .map(|e| e.clone().is_null())
                    .reduce(|a, b| a.or(b))
                    .unwrap();
                let pick = xs[1..].iter().fold(x, |acc, e| {
                    let take_acc = if f == Func::Min {
                        acc.clone().lt_eq(e.clone())
                    } else {
                        acc.clone().gt_eq(e.clone())
                    };
                    when(take_acc).then(acc).otherwise(e.clone())
                });
                when(any_null).then(null_f64()).otherwise(pick)
            }
            Func::Missing => x.is_null(),
            Func::Coalesce => xs[1..].iter().fold(x, |acc, e| {
                when(acc.clone().is_not_null())
                    .then(acc)
                    .otherwise(e.clone())
            }),
        }
    }

    fn over(&self, x: Expr) -> Expr {
        match self.scope {
            Scope::All => x,
            Scope::Ranked => ranked(x),
        }
    }

    fn aggregate(&self, a: Aggregate, x: Expr) -> Expr {
        let o = self.over(x.clone());
        match a {
            Aggregate::Mean => o.mean(),
            Aggregate::Median => o.median(),
            Aggregate::Min => o.min(),
            Aggregate::Max => o.max(),
            Aggregate::Sum => o.sum(),
            Aggregate::Share => safe_div(x, o.sum()),
            Aggregate::Count => o.count().cast(DataType::Float64),
        }
    }
}
