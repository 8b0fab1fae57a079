//! One function per IR variant: a checked expression evaluated on the frame's vectors,
//! with the very semantics of its polars lowering (`engine::lower`): missing values
//! propagate, `and`/`or` are three-valued, comparisons order NaN above every number, a
//! division by 0 and a value that is not finite are missing.

use super::stats;
use super::Frame;
use crate::builtins::{Aggregate, Func};
use crate::check::IrExpr;
use crate::syntax::ast::{BinOp, CmpOp};
use std::cmp::Ordering;

/// Numbers, one per region, or one for all (a constant, a statistic): length 1.
pub type Nums = Vec<Option<f64>>;
/// Conditions, one per region or one for all.
pub type Flags = Vec<Option<bool>>;

/// A value of an expression.
#[derive(Clone, Debug)]
pub enum Val {
    /// Numbers.
    Num(Nums),
    /// Conditions.
    Bool(Flags),
}

impl Val {
    /// As numbers (a condition is 1 or 0, as polars casts it).
    pub fn nums(self) -> Nums {
        match self {
            Val::Num(v) => v,
            Val::Bool(b) => b
                .into_iter()
                .map(|x| x.map(|t| if t { 1.0 } else { 0.0 }))
                .collect(),
        }
    }

    /// As conditions.
    pub fn flags(self) -> Flags {
        match self {
            Val::Bool(b) => b,
            Val::Num(v) => v.into_iter().map(|x| x.map(|f| f != 0.0)).collect(),
        }
    }
}

/// The value at row `i` of a vector of length n or 1 (broadcast).
pub fn at<T: Copy>(v: &[Option<T>], i: usize) -> Option<T> {
    if v.len() == 1 {
        v[0]
    } else {
        v[i]
    }
}

/// The vector with one value per row (a single value repeated).
pub fn full<T: Copy>(v: &[Option<T>], n: usize) -> Vec<Option<T>> {
    (0..n).map(|i| at(v, i)).collect()
}

/// Row by row over two vectors, broadcasting one of length 1.
pub fn zip2<A: Copy, B: Copy, C>(
    a: &[Option<A>],
    b: &[Option<B>],
    f: impl Fn(Option<A>, Option<B>) -> Option<C>,
) -> Vec<Option<C>> {
    let n = a.len().max(b.len());
    (0..n).map(|i| f(at(a, i), at(b, i))).collect()
}

/// The same vector, each value through `f`.
pub fn map<A: Copy, C>(a: &[Option<A>], f: impl Fn(Option<A>) -> Option<C>) -> Vec<Option<C>> {
    a.iter().map(|&x| f(x)).collect()
}

/// x where it is a finite number, missing elsewhere.
pub fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

/// polars' order of numbers: NaN equal to NaN and above everything, -0 equal to 0.
pub fn tot_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// a / b, missing where b is 0 or the quotient is not finite.
pub fn safe_div(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(p), Some(q)) if q != 0.0 => finite(Some(p / q)),
        _ => None,
    }
}

/// x / y by polars' kernel: by a single divisor (a constant, a statistic), a column is
/// multiplied by its reciprocal; otherwise each value is divided.
pub fn div_kernel(x: &Nums, y: &Nums) -> Nums {
    if y.len() == 1 && x.len() != 1 {
        let inv = y[0].map(|d| 1.0 / d);
        return map(x, |v| Some(v? * inv?));
    }
    zip2(x, y, |a, b| Some(a? / b?))
}

/// x / y, missing where y is 0 or the quotient is not finite — as `engine::udf::safe_div`
/// computes it: by the kernel when nothing is missing and every quotient is finite.
pub fn safe_div_cols(x: &Nums, y: &Nums) -> Nums {
    if x.iter().all(Option::is_some) && y.iter().all(Option::is_some) {
        let q = div_kernel(x, y);
        if q.iter().all(|v| v.is_some_and(f64::is_finite)) {
            return q;
        }
    }
    zip2(x, y, safe_div)
}

/// Whether a condition holds (a missing one does not): polars' `when`.
pub fn holds(c: Option<bool>) -> bool {
    c == Some(true)
}

/// a compared with b (NaN above every number and equal to itself).
pub fn compare(op: CmpOp, a: &Nums, b: &Nums) -> Flags {
    zip2(a, b, |p, q| Some(test(op, tot_cmp(p?, q?))))
}

fn test(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
    }
}

fn cmp(op: CmpOp, a: Val, b: Val) -> Flags {
    match (a, b) {
        (Val::Bool(x), Val::Bool(y)) => zip2(&x, &y, |p, q| Some(test(op, p?.cmp(&q?)))),
        (a, b) => compare(op, &a.nums(), &b.nums()),
    }
}

/// `x ^ e` as polars computes it: a single exponent of 1, 0.5 or a whole number from 2
/// to 9 by repeated multiplication, others by `powf`.
fn pow(x: &Nums, e: &Nums) -> Nums {
    if e.len() == 1 {
        let Some(k) = e[0] else {
            return vec![None; x.len()];
        };
        return match k {
            1.0 => x.clone(),
            0.5 => map(x, |v| v.map(f64::sqrt)),
            k if k.fract() == 0.0 && k < 10.0 && k > 1.0 => {
                let mut out = x.clone();
                for _ in 1..(k as u8) {
                    out = zip2(&out, x, |a, b| Some(a? * b?));
                }
                out
            }
            k => map(x, |v| v.map(|b| b.powf(k))),
        };
    }
    zip2(x, e, |b, k| Some(b?.powf(k?)))
}

/// The smallest (or largest) argument for each row; missing if any argument is.
pub fn extreme(args: &[Nums], smallest: bool) -> Nums {
    let n = args.iter().map(Vec::len).max().unwrap_or(1);
    (0..n)
        .map(|i| {
            let mut acc: Option<f64> = None;
            for a in args {
                let x = at(a, i)?;
                acc = Some(match acc {
                    None => x,
                    Some(v) if smallest => v.min(x),
                    Some(v) => v.max(x),
                });
            }
            acc
        })
        .collect()
}

/// Which regions cross-region aggregates run over.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every region (exclusion rules).
    All,
    /// The ranked regions.
    Ranked,
}

impl Frame<'_> {
    /// The value of `e` for each region.
    pub fn eval(&self, e: &IrExpr, scope: Scope) -> Val {
        let m = self.m;
        match e {
            IrExpr::Num(v) => Val::Num(vec![Some(*v)]),
            IrExpr::Bool(b) => Val::Bool(vec![Some(*b)]),
            IrExpr::Column { input, column } => {
                Val::Num(self.num(&format!("{}.{}", m.inputs[*input].name, column)))
            }
            IrExpr::Indicator(i) => Val::Num(self.num(&super::raw(&m.indicators[*i].name))),
            IrExpr::Group(g) => Val::Num(self.num(&super::grp(&m.groups[*g].name))),
            IrExpr::Record(i) => Val::Num(self.num(&crate::engine::lower::record(*i))),
            IrExpr::Score => Val::Num(self.num(super::SCORE)),
            IrExpr::Place => Val::Num(self.num(super::PLACE)),
            IrExpr::Neg(x) => Val::Num(zip2(&[Some(0.0)], &self.eval(x, scope).nums(), |a, b| {
                Some(a? - b?)
            })),
            IrExpr::Not(x) => Val::Bool(map(&self.eval(x, scope).flags(), |b| b.map(|t| !t))),
            IrExpr::Bin(op, a, b) => self.binary(*op, self.eval(a, scope), self.eval(b, scope)),
            IrExpr::If(c, t, o) => {
                let c = self.eval(c, scope).flags();
                let pick = |t: &[Option<bool>], o: &[Option<bool>]| {
                    let n = c.len().max(t.len()).max(o.len());
                    (0..n)
                        .map(|i| match at(&c, i)? {
                            true => at(t, i),
                            false => at(o, i),
                        })
                        .collect::<Flags>()
                };
                match (self.eval(t, scope), self.eval(o, scope)) {
                    (Val::Bool(t), Val::Bool(o)) => Val::Bool(pick(&t, &o)),
                    (t, o) => {
                        let (t, o) = (t.nums(), o.nums());
                        let n = c.len().max(t.len()).max(o.len());
                        Val::Num(
                            (0..n)
                                .map(|i| match at(&c, i)? {
                                    true => at(&t, i),
                                    false => at(&o, i),
                                })
                                .collect(),
                        )
                    }
                }
            }
            IrExpr::Func(f, args) => self.func(*f, args, scope),
            IrExpr::Agg(a, x) => self.aggregate(*a, self.eval(x, scope), scope),
        }
    }

    fn binary(&self, op: BinOp, a: Val, b: Val) -> Val {
        let num = |f: fn(f64, f64) -> f64| {
            Val::Num(zip2(&a.clone().nums(), &b.clone().nums(), |x, y| {
                Some(f(x?, y?))
            }))
        };
        match op {
            BinOp::Add => num(|x, y| x + y),
            BinOp::Sub => num(|x, y| x - y),
            BinOp::Mul => num(|x, y| x * y),
            BinOp::Div => Val::Num(safe_div_cols(&a.nums(), &b.nums())),
            BinOp::Pow => Val::Num(map(&pow(&a.nums(), &b.nums()), finite)),
            BinOp::And => Val::Bool(zip2(&a.flags(), &b.flags(), |x, y| match (x, y) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            })),
            BinOp::Or => Val::Bool(zip2(&a.flags(), &b.flags(), |x, y| match (x, y) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            })),
            BinOp::Cmp(c) => Val::Bool(cmp(c, a, b)),
            // (the checker allows `in` only inside aggregates over records)
            BinOp::In => Val::Bool(vec![None]),
        }
    }

    fn func(&self, f: Func, args: &[IrExpr], scope: Scope) -> Val {
        if f == Func::Missing {
            let x = self.eval(&args[0], scope);
            let missing = match x {
                Val::Num(v) => v.iter().map(|x| Some(x.is_none())).collect(),
                Val::Bool(v) => v.iter().map(|x| Some(x.is_none())).collect(),
            };
            return Val::Bool(missing);
        }
        let xs: Vec<Nums> = args.iter().map(|a| self.eval(a, scope).nums()).collect();
        let x = &xs[0];
        let unary = |g: fn(f64) -> f64| Val::Num(map(x, |v| finite(v.map(g))));
        match f {
            Func::Abs => Val::Num(map(x, |v| v.map(f64::abs))),
            // the logarithm of x ≤ 0 and the root of x < 0 are not finite: missing
            Func::Ln => unary(|v| v.log(std::f64::consts::E)),
            Func::Log10 => unary(|v| v.log(10.0)),
            Func::Sqrt => unary(f64::sqrt),
            Func::Exp => unary(f64::exp),
            Func::Round => {
                let d = match args.get(1) {
                    Some(IrExpr::Num(d)) => *d as u32,
                    _ => 0,
                };
                Val::Num(stats::round(x, d))
            }
            Func::Clamp => {
                let low = extreme(&[x.clone(), xs[2].clone()], true);
                Val::Num(extreme(&[xs[1].clone(), low], false))
            }
            Func::Min => Val::Num(extreme(&xs, true)),
            Func::Max => Val::Num(extreme(&xs, false)),
            Func::Coalesce => {
                let n = xs.iter().map(Vec::len).max().unwrap_or(1);
                Val::Num((0..n).map(|i| xs.iter().find_map(|c| at(c, i))).collect())
            }
            Func::Missing => unreachable!("handled above"),
        }
    }

    /// `x` over the regions of the scope (every region, or the ranked ones).
    pub fn over(&self, x: &Nums, scope: Scope) -> Nums {
        let full: Nums = (0..self.n).map(|i| at(x, i)).collect();
        match scope {
            Scope::Ranked if self.filter => full
                .into_iter()
                .zip(&self.included)
                .filter(|(_, &r)| r)
                .map(|(v, _)| v)
                .collect(),
            _ => full,
        }
    }

    fn aggregate(&self, a: Aggregate, x: Val, scope: Scope) -> Val {
        let x = x.nums();
        let o = self.over(&x, scope);
        let one = |v: Option<f64>| Val::Num(vec![v]);
        match a {
            Aggregate::Mean => one(stats::mean(&o)),
            Aggregate::Median => one(stats::median(&o)),
            Aggregate::Min => one(stats::min(&o)),
            Aggregate::Max => one(stats::max(&o)),
            Aggregate::Sum => one(Some(stats::sum(&o))),
            Aggregate::Share => Val::Num(safe_div_cols(&x, &vec![Some(stats::sum(&o))])),
            Aggregate::Count => one(Some(o.iter().filter(|v| v.is_some()).count() as f64)),
        }
    }
}
