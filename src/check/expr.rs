//! Resolving and typing expressions, and evaluating constant ones.

use super::ir::IrExpr;
use super::Checker;
use crate::builtins::{Aggregate, Func};
use crate::diag::{did_you_mean, Diagnostic};
use crate::syntax::ast::*;

/// Where an expression stands decides what it may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// An indicator's `value`: columns, other indicators, aggregates.
    Value,
    /// `exclude when`: columns and aggregates only (exclusions come before indicators).
    Exclude,
    /// `then` of `rank`: also groups and `score`.
    TieBreak,
    /// `zones`: also groups, `score` and `place`.
    Zone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Num,
    Bool,
}

impl Ty {
    fn name(self) -> &'static str {
        match self {
            Ty::Num => "a number",
            Ty::Bool => "a condition (true or false)",
        }
    }
}

impl Checker<'_> {
    /// Resolve `e`; on error, the diagnostics are recorded and `None` comes back.
    pub(super) fn expr(&mut self, e: &Expr, ctx: Ctx) -> Option<(IrExpr, Ty)> {
        match &e.kind {
            ExprKind::Number(n) => self.number(n).map(|v| (IrExpr::Num(v), Ty::Num)),
            ExprKind::Paren(x) => self.expr(x, ctx),
            ExprKind::Ref { first, second } => self.reference(first, second.as_ref(), ctx),
            ExprKind::Unary { op, operand } => {
                let (x, t) = self.expr(operand, ctx)?;
                match op {
                    UnOp::Neg => {
                        self.expect(t, Ty::Num, operand.span, "`-`")?;
                        Some((IrExpr::Neg(Box::new(x)), Ty::Num))
                    }
                    UnOp::Not => {
                        self.expect(t, Ty::Bool, operand.span, "`not`")?;
                        Some((IrExpr::Not(Box::new(x)), Ty::Bool))
                    }
                }
            }
            ExprKind::Binary {
                op: BinOp::In, lhs, ..
            } => {
                self.error(
                    Diagnostic::error("E501", "`in` compares a column of records with a list of values")
                        .at(e.span, "not inside an aggregate over records")
                        .help("inside an aggregate: `count(messages where category in (\"ЖКХ\", \"Дороги\"))`; for region values, `x == 1 or x == 2`"),
                );
                let _ = self.expr(lhs, ctx);
                None
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let l = self.expr(lhs, ctx);
                let r = self.expr(rhs, ctx);
                let ((l, lt), (r, rt)) = (l?, r?);
                let what = format!("`{}`", op.symbol());
                let (operand, result) = match op {
                    BinOp::And | BinOp::Or => (Ty::Bool, Ty::Bool),
                    BinOp::Cmp(_) => (Ty::Num, Ty::Bool),
                    _ => (Ty::Num, Ty::Num),
                };
                let a = self.expect(lt, operand, lhs.span, &what);
                let b = self.expect(rt, operand, rhs.span, &what);
                a?;
                b?;
                Some((IrExpr::Bin(*op, Box::new(l), Box::new(r)), result))
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let c = self.expr(cond, ctx);
                let t = self.expr(then, ctx);
                let o = self.expr(otherwise, ctx);
                let ((c, ct), (t, tt), (o, ot)) = (c?, t?, o?);
                self.expect(ct, Ty::Bool, cond.span, "`if`")?;
                if tt != ot {
                    self.error(
                        Diagnostic::error("E501", "the branches of `if` have different types")
                            .at(otherwise.span, format!("this is {}", ot.name()))
                            .related(then.span, format!("this is {}", tt.name()))
                            .help("both branches must be numbers, or both conditions"),
                    );
                    return None;
                }
                Some((IrExpr::If(Box::new(c), Box::new(t), Box::new(o)), tt))
            }
            ExprKind::Call { func, args, filter } => {
                if filter.is_none() {
                    if let Some(r) = self.previous_call(func, args, e.span, ctx) {
                        return r;
                    }
                }
                if let Some(r) = self.record_call(func, args, filter.as_deref(), e.span) {
                    return r;
                }
                self.call(func, args, e.span, ctx)
            }
            ExprKind::Text(_) | ExprKind::Date(_) | ExprKind::Tuple(_) => {
                let what = match &e.kind {
                    ExprKind::Text(_) => "text",
                    ExprKind::Date(_) => "a date",
                    _ => "a list of values",
                };
                self.error(
                    Diagnostic::error("E501", format!("{what} is not a region's value"))
                        .at(e.span, format!("this is {what}"))
                        .help("text, dates and lists are compared with the columns of records, inside an aggregate: `count(messages where status == \"answered\")`"),
                );
                None
            }
        }
    }

    fn expect(&mut self, got: Ty, want: Ty, span: Span, what: &str) -> Option<()> {
        if got == want {
            return Some(());
        }
        let help = match want {
            Ty::Num => "a condition cannot be used as a number; write `if … then 1 else 0`",
            Ty::Bool => "compare the number with something: `x > 0`",
        };
        self.error(
            Diagnostic::error(
                "E501",
                format!("{what} needs {}, found {}", want.name(), got.name()),
            )
            .at(span, format!("this is {}", got.name()))
            .help(help),
        );
        None
    }

    pub(super) fn number(&mut self, n: &Number) -> Option<f64> {
        match n.value() {
            Some(v) => Some(v),
            None => {
                self.error(
                    Diagnostic::error("E005", "the number is too large")
                        .at(n.span, "does not fit a 64-bit floating-point number")
                        .help("numbers must be below about 1.8e308"),
                );
                None
            }
        }
    }

    fn reference(
        &mut self,
        first: &Ident,
        second: Option<&Ident>,
        ctx: Ctx,
    ) -> Option<(IrExpr, Ty)> {
        if let Some(r) = self.records_index(&first.name) {
            let span = match second {
                Some(c) => first.span.to(c.span),
                None => first.span,
            };
            self.record_outside(r, second, span);
            return None;
        }
        if let Some(col) = second {
            let Some(input) = self.input_index(&first.name) else {
                let help = did_you_mean(&first.name, self.inputs.iter().map(|i| i.name.as_str()))
                    .unwrap_or_else(|| {
                        format!(
                            "the inputs are: {}",
                            join_names(self.inputs.iter().map(|i| i.name.as_str()))
                        )
                    });
                self.error(
                    Diagnostic::error("E101", format!("unknown input `{}`", first.name))
                        .at(first.span, "no input has this name")
                        .help(help),
                );
                return None;
            };
            if !self.column_exists(input, &col.name, col.span) {
                return None;
            }
            self.use_column(input, &col.name);
            return Some((
                IrExpr::Column {
                    input,
                    column: col.name.clone(),
                },
                Ty::Num,
            ));
        }
        let name = first.name.as_str();
        match name {
            "score" if matches!(ctx, Ctx::TieBreak | Ctx::Zone) => {
                return Some((IrExpr::Score, Ty::Num))
            }
            "place" if ctx == Ctx::Zone => return Some((IrExpr::Place, Ty::Num)),
            "true" => return Some((IrExpr::Bool(true), Ty::Bool)),
            "false" => return Some((IrExpr::Bool(false), Ty::Bool)),
            _ => {}
        }
        if let Some(&g) = self.group_index.get(name) {
            if matches!(ctx, Ctx::TieBreak | Ctx::Zone) {
                return Some((IrExpr::Group(g), Ty::Num));
            }
            self.error(
                Diagnostic::error("E504", format!("group `{name}` cannot be used here"))
                    .at(first.span, "a group's result is known only after scoring")
                    .help(
                        "groups, `score` and `place` can be used in `rank { then … }` and `zones`",
                    ),
            );
            return None;
        }
        if (name == "score" || name == "place") && self.indicator_index(name).is_none() {
            self.error(
                Diagnostic::error("E504", format!("`{name}` cannot be used here"))
                    .at(first.span, "known only after scoring")
                    .help(if name == "score" {
                        "`score` can be used in `rank { then … }` and `zones`"
                    } else {
                        "`place` can be used in `zones`"
                    }),
            );
            return None;
        }
        if let Some(i) = self.indicator_index(name) {
            if ctx == Ctx::Exclude {
                self.error(
                    Diagnostic::error(
                        "E504",
                        format!("indicator `{name}` cannot be used in `exclude`"),
                    )
                    .at(
                        first.span,
                        "exclusions are decided before indicators are computed",
                    )
                    .help("refer to the input columns the indicator is computed from"),
                );
                return None;
            }
            self.indicator_refs.push((i, first.span));
            return Some((IrExpr::Indicator(i), Ty::Num));
        }
        // A bare column: the one input that has it.
        let holders: Vec<usize> = (0..self.inputs.len())
            .filter(|&i| {
                self.headers[i]
                    .as_ref()
                    .is_some_and(|h| h.contains(&first.name))
            })
            .collect();
        match holders.len() {
            1 => {
                self.use_column(holders[0], name);
                Some((
                    IrExpr::Column {
                        input: holders[0],
                        column: name.to_string(),
                    },
                    Ty::Num,
                ))
            }
            0 if self.inputs.len() == 1 && self.headers[0].is_none() => {
                self.use_column(0, name);
                Some((
                    IrExpr::Column {
                        input: 0,
                        column: name.to_string(),
                    },
                    Ty::Num,
                ))
            }
            0 => {
                let mut candidates: Vec<&str> =
                    self.indicators.iter().map(|i| i.name.as_str()).collect();
                for h in self.headers.iter().flatten() {
                    candidates.extend(h.iter().map(|s| s.as_str()));
                }
                let help = did_you_mean(name, candidates).unwrap_or_else(|| {
                    if self.headers.iter().any(|h| h.is_none()) {
                        "some inputs could not be read; name the column as `input.column`".into()
                    } else {
                        "not an indicator, nor a column of any input".into()
                    }
                });
                self.error(
                    Diagnostic::error("E104", format!("unknown name `{name}`"))
                        .at(first.span, "not an indicator or a column")
                        .help(help),
                );
                None
            }
            _ => {
                let names: Vec<String> = holders
                    .iter()
                    .map(|&i| format!("`{}.{}`", self.inputs[i].name, name))
                    .collect();
                self.error(
                    Diagnostic::error("E106", format!("column `{name}` is in several inputs"))
                        .at(first.span, "which input?")
                        .help(format!("write {}", names.join(" or "))),
                );
                None
            }
        }
    }

    fn call(&mut self, func: &Ident, args: &[Expr], span: Span, ctx: Ctx) -> Option<(IrExpr, Ty)> {
        let resolved: Vec<Option<(IrExpr, Ty)>> = args.iter().map(|a| self.expr(a, ctx)).collect();
        if let Some(agg) = Aggregate::lookup(&func.name) {
            if args.len() != 1 {
                self.arity_error(func, span, 1, Some(1), args.len());
                return None;
            }
            let (x, t) = resolved.into_iter().next().flatten()?;
            self.expect(t, Ty::Num, args[0].span, &format!("`{}`", agg.name()))?;
            return Some((IrExpr::Agg(agg, Box::new(x)), Ty::Num));
        }
        let Some(f) = Func::lookup(&func.name) else {
            let funcs: Vec<&str> = Func::ALL.iter().map(|(n, _)| *n).collect();
            let aggs: Vec<&str> = Aggregate::ALL.iter().map(|(n, _)| *n).collect();
            let across = Some(("across regions", aggs.as_slice()));
            self.unknown_builtin("function", &func.name, func.span, &funcs, across);
            return None;
        };
        let (lo, hi) = f.arity();
        if args.len() < lo || hi.is_some_and(|h| args.len() > h) {
            self.arity_error(func, span, lo, hi, args.len());
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (r, a) in resolved.into_iter().zip(args) {
            match r {
                Some((x, t)) => {
                    ok &= self
                        .expect(t, Ty::Num, a.span, &format!("`{}`", f.name()))
                        .is_some();
                    out.push(x);
                }
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        if f == Func::Round {
            if let Some(d) = args.get(1) {
                match self.const_eval(d) {
                    Some(v) if (0.0..=15.0).contains(&v) && v.fract() == 0.0 => {}
                    Some(_) => {
                        self.error(
                            Diagnostic::error(
                                "E111",
                                "`round` takes a whole number of decimals from 0 to 15",
                            )
                            .at(d.span, "not a whole number from 0 to 15")
                            .help("write `round(x, 2)` for two decimals"),
                        );
                        return None;
                    }
                    None => return None,
                }
            }
        }
        let ty = if f == Func::Missing {
            Ty::Bool
        } else {
            Ty::Num
        };
        Some((IrExpr::Func(f, out), ty))
    }

    fn arity_error(&mut self, func: &Ident, span: Span, lo: usize, hi: Option<usize>, got: usize) {
        let want = match hi {
            Some(h) if h == lo => format!("{lo}"),
            Some(h) => format!("{lo} to {h}"),
            None => format!("at least {lo}"),
        };
        self.error(
            Diagnostic::error(
                "E109",
                format!(
                    "`{}` takes {want} argument{}, found {got}",
                    func.name,
                    if want == "1" { "" } else { "s" }
                ),
            )
            .at(span, format!("{got} given"))
            .help(format!("`{}` takes {want}", func.name)),
        );
    }

    /// Evaluate a constant expression (parameters of built-ins).
    pub(super) fn const_eval(&mut self, e: &Expr) -> Option<f64> {
        let v = match &e.kind {
            ExprKind::Number(n) => return self.number(n),
            ExprKind::Paren(x) => return self.const_eval(x),
            ExprKind::Unary {
                op: UnOp::Neg,
                operand,
            } => -self.const_eval(operand)?,
            ExprKind::Binary { op, lhs, rhs }
                if !matches!(op, BinOp::And | BinOp::Or | BinOp::Cmp(_)) =>
            {
                let a = self.const_eval(lhs);
                let b = self.const_eval(rhs);
                let (a, b) = (a?, b?);
                match op {
                    BinOp::Add => a + b,
                    BinOp::Sub => a - b,
                    BinOp::Mul => a * b,
                    BinOp::Div => a / b,
                    _ => a.powf(b),
                }
            }
            ExprKind::Call {
                func,
                args,
                filter: None,
            } if args.len() == 1 && Func::lookup(&func.name).is_some() => {
                let x = self.const_eval(&args[0])?;
                match func.name.as_str() {
                    "ln" => x.ln(),
                    "log10" => x.log10(),
                    "sqrt" => x.sqrt(),
                    "exp" => x.exp(),
                    "abs" => x.abs(),
                    "round" => x.round(),
                    _ => return self.not_constant(e),
                }
            }
            _ => return self.not_constant(e),
        };
        if !v.is_finite() {
            self.error(
                Diagnostic::error("E005", "this parameter has no finite value")
                    .at(e.span, format!("evaluates to {v}"))
                    .help("check for division by zero or the logarithm of a non-positive number"),
            );
            return None;
        }
        Some(v)
    }

    fn not_constant(&mut self, e: &Expr) -> Option<f64> {
        self.error(
            Diagnostic::error("E110", "a parameter must be a constant")
                .at(e.span, "this depends on the data")
                .help("parameters take numbers and arithmetic on them: `goalposts(ln(100), ln(75000))`"),
        );
        None
    }
}

pub(super) fn join_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if v.is_empty() {
        "(none)".into()
    } else {
        v.join(", ")
    }
}

/// The value of a part of a formula made of numbers alone (`10 ^ 400`), `None` where it
/// depends on the data; an error (E005) at the smallest such part that has no finite
/// value, which would otherwise leave every region without a value at run time.
pub(super) fn fold_constants(e: &Expr) -> Result<Option<f64>, Box<Diagnostic>> {
    let v = match &e.kind {
        // a literal beyond f64 is reported by the checker as it is typed
        ExprKind::Number(n) => return Ok(n.value()),
        ExprKind::Paren(x) => return fold_constants(x),
        ExprKind::Unary {
            op: UnOp::Neg,
            operand,
        } => return Ok(fold_constants(operand)?.map(|v| -v)),
        ExprKind::Binary { op, lhs, rhs } => {
            let (a, b) = (fold_constants(lhs)?, fold_constants(rhs)?);
            let (Some(a), Some(b)) = (a, b) else {
                return Ok(None);
            };
            match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div if b == 0.0 => {
                    return Err(Box::new(
                        Diagnostic::error("E005", "this constant divides by zero")
                            .at(e.span, "the divisor is 0")
                            .help("a division by zero leaves every region without a value"),
                    ))
                }
                BinOp::Div => a / b,
                BinOp::Pow => a.powf(b),
                _ => return Ok(None),
            }
        }
        ExprKind::Unary { operand, .. } => {
            fold_constants(operand)?;
            return Ok(None);
        }
        ExprKind::Call { args, .. } => {
            for a in args {
                fold_constants(a)?;
            }
            return Ok(None);
        }
        ExprKind::Text(_) | ExprKind::Date(_) | ExprKind::Tuple(_) => return Ok(None),
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            fold_constants(cond)?;
            fold_constants(then)?;
            fold_constants(otherwise)?;
            return Ok(None);
        }
        ExprKind::Ref { .. } => return Ok(None),
    };
    if v.is_finite() {
        return Ok(Some(v));
    }
    let what = if v.is_nan() {
        "has no value".to_string()
    } else {
        format!(
            "overflows to {}infinity",
            if v < 0.0 { "minus " } else { "" }
        )
    };
    Err(Box::new(
        Diagnostic::error("E005", format!("this constant {what}"))
            .at(e.span, "beyond the range of a 64-bit floating-point number (about ±1.8e308)")
            .help("numbers and the results of arithmetic on them must stay finite: check the exponent, or divide before multiplying"),
    ))
}
