//! A formula (`IrExpr`) as an SQL expression over the columns of a CTE, with the
//! interpreter's meaning: a missing value stays missing, a condition on one is missing
//! (and `if` on a missing condition has no value), what has no finite value is missing,
//! and a cross-region aggregate runs over the ranked regions (over every region in the
//! exclusion rules, decided before anything is excluded).

use super::algebra::{self, number, RANKED};
use super::{col_group, col_input, col_raw, ident, Dialect};
use crate::builtins::{Aggregate, Func};
use crate::check::{IrExpr, Methodology};

/// Formulas over the CTE `from`.
pub struct Lower<'a> {
    pub m: &'a Methodology,
    pub dialect: Dialect,
    pub from: &'a str,
    /// Whether cross-region aggregates run over the ranked regions only.
    pub ranked_only: bool,
}

impl Lower<'_> {
    pub fn expr(&self, e: &IrExpr) -> String {
        match e {
            IrExpr::Num(v) => number(*v),
            IrExpr::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            IrExpr::Column { input, column } => col_input(&self.m.inputs[*input].name, column),
            IrExpr::Indicator(i) => col_raw(&self.m.indicators[*i].name),
            IrExpr::Group(g) => col_group(&self.m.groups[*g].name),
            IrExpr::Score => "\"score\"".into(),
            IrExpr::Place => "\"place\"".into(),
            IrExpr::Record(i) => super::records::col_record(*i),
            IrExpr::Neg(x) => format!("(0 - {})", self.expr(x)),
            IrExpr::Not(x) => format!("(NOT {})", self.expr(x)),
            IrExpr::Bin(op, a, b) => algebra::binary(*op, &self.expr(a), &self.expr(b)),
            IrExpr::If(c, th, o) => format!(
                "(CASE WHEN {c} THEN {} WHEN NOT {c} THEN {} END)",
                self.expr(th),
                self.expr(o),
                c = self.expr(c)
            ),
            IrExpr::Func(f, args) => self.func(*f, args),
            IrExpr::Agg(a, x) => self.aggregate(*a, x),
        }
    }

    fn func(&self, f: Func, args: &[IrExpr]) -> String {
        let xs: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
        let x = &xs[0];
        // missing where any argument is
        let all_present = |xs: &[String]| {
            xs.iter()
                .map(|x| format!("{x} IS NULL"))
                .collect::<Vec<_>>()
                .join(" OR ")
        };
        match f {
            Func::Abs => format!("ABS({x})"),
            Func::Ln => algebra::ln(x),
            Func::Log10 => algebra::log10(self.dialect, x),
            Func::Sqrt => algebra::sqrt(x),
            Func::Exp => algebra::exp(x),
            Func::Round => {
                let d = match args.get(1) {
                    Some(IrExpr::Num(d)) => *d as u32,
                    _ => 0,
                };
                algebra::round(x, d)
            }
            Func::Clamp => format!(
                "(CASE WHEN {} THEN NULL ELSE GREATEST({}, LEAST({x}, {})) END)",
                all_present(&xs),
                xs[1],
                xs[2]
            ),
            Func::Min => format!(
                "(CASE WHEN {} THEN NULL ELSE LEAST({}) END)",
                all_present(&xs),
                xs.join(", ")
            ),
            Func::Max => format!(
                "(CASE WHEN {} THEN NULL ELSE GREATEST({}) END)",
                all_present(&xs),
                xs.join(", ")
            ),
            Func::Missing => format!("({x} IS NULL)"),
            Func::Coalesce => format!("COALESCE({})", xs.join(", ")),
        }
    }

    /// A cross-region aggregate: a scalar subquery over the CTE read.
    fn aggregate(&self, a: Aggregate, x: &IrExpr) -> String {
        let v = self.expr(x);
        let filter = if self.ranked_only {
            format!(" WHERE {RANKED}")
        } else {
            String::new()
        };
        let over = |agg: &str| format!("(SELECT {agg} FROM {}{filter})", ident(self.from));
        match a {
            Aggregate::Mean => over(&format!("AVG({v})")),
            Aggregate::Median => over(&algebra::quantile_of(self.dialect, &v, 0.5)),
            Aggregate::Min => over(&format!("MIN({v})")),
            Aggregate::Max => over(&format!("MAX({v})")),
            Aggregate::Sum => over(&format!("COALESCE(SUM({v}), 0)")),
            Aggregate::Share => algebra::div(&v, &over(&format!("COALESCE(SUM({v}), 0)"))),
            Aggregate::Count => over(&format!("CAST(COUNT({v}) AS DOUBLE PRECISION)")),
        }
    }
}
