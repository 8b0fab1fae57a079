//! Resolving and typing expressions, and evaluating constant ones.

use super::builtins::Kind;
use super::ir::IrExpr;
use super::Checker;
use crate::builtins::{Aggregate, Func};
use crate::diag::{did_you_mean, Diagnostic};
use crate::i18n::t;
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
    fn name(self) -> String {
        match self {
            Ty::Num => t("ty-number", &[]),
            Ty::Bool => t("ty-condition", &[]),
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
                    Diagnostic::error("E501", t("e501-in", &[]))
                        .at(e.span, t("e501-in-label", &[]))
                        .help(t("e501-in-help", &[])),
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
                let th = self.expr(then, ctx);
                let o = self.expr(otherwise, ctx);
                let ((c, ct), (th, tt), (o, ot)) = (c?, th?, o?);
                self.expect(ct, Ty::Bool, cond.span, "`if`")?;
                if tt != ot {
                    self.error(
                        Diagnostic::error("E501", t("e501-branches", &[]))
                            .at(
                                otherwise.span,
                                t("e501-this-is", &[("what", ot.name().into())]),
                            )
                            .related(then.span, t("e501-this-is", &[("what", tt.name().into())]))
                            .help(t("e501-branches-help", &[])),
                    );
                    return None;
                }
                Some((IrExpr::If(Box::new(c), Box::new(th), Box::new(o)), tt))
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
                let what = t(
                    match &e.kind {
                        ExprKind::Text(_) => "ty-text",
                        ExprKind::Date(_) => "ty-date",
                        _ => "ty-list",
                    },
                    &[],
                );
                self.error(
                    Diagnostic::error("E501", t("e501-not-a-value", &[("what", (&what).into())]))
                        .at(e.span, t("e501-this-is", &[("what", what.into())]))
                        .help(t("e501-not-a-value-help", &[])),
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
            Ty::Num => t("e501-needs-number-help", &[]),
            Ty::Bool => t("e501-needs-condition-help", &[]),
        };
        self.error(
            Diagnostic::error(
                "E501",
                t(
                    "e501-needs",
                    &[
                        ("what", what.into()),
                        ("want", want.name().into()),
                        ("got", got.name().into()),
                    ],
                ),
            )
            .at(span, t("e501-this-is", &[("what", got.name().into())]))
            .help(help),
        );
        None
    }

    pub(super) fn number(&mut self, n: &Number) -> Option<f64> {
        match n.value() {
            Some(v) => Some(v),
            None => {
                self.error(
                    Diagnostic::error("E005", t("e005-too-large", &[]))
                        .at(n.span, t("e005-too-large-label", &[]))
                        .help(t("e005-too-large-help", &[])),
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
                        t(
                            "e101-inputs-are",
                            &[(
                                "inputs",
                                join_names(self.inputs.iter().map(|i| i.name.as_str())).into(),
                            )],
                        )
                    });
                self.error(
                    Diagnostic::error("E101", t("e101-message", &[("name", (&first.name).into())]))
                        .at(first.span, t("e101-label", &[]))
                        .help(help),
                );
                return None;
            };
            if !self.column_exists(input, &col.name, col.span) {
                return None;
            }
            let column = self.real(input, &col.name);
            self.use_column(input, &column);
            return Some((IrExpr::Column { input, column }, Ty::Num));
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
                Diagnostic::error("E504", t("e504-group", &[("name", name.into())]))
                    .at(first.span, t("e504-group-label", &[]))
                    .help(t("e504-group-help", &[])),
            );
            return None;
        }
        if (name == "score" || name == "place") && self.indicator_index(name).is_none() {
            self.error(
                Diagnostic::error("E504", t("e504-here", &[("name", name.into())]))
                    .at(first.span, t("e504-here-label", &[]))
                    .help(if name == "score" {
                        t("e504-score-help", &[])
                    } else {
                        t("e504-place-help", &[])
                    }),
            );
            return None;
        }
        if let Some(i) = self.indicator_index(name) {
            if ctx == Ctx::Exclude {
                self.error(
                    Diagnostic::error("E504", t("e504-exclude", &[("name", name.into())]))
                        .at(first.span, t("e504-exclude-label", &[]))
                        .help(t("e504-exclude-help", &[])),
                );
                return None;
            }
            self.indicator_refs.push((i, first.span));
            return Some((IrExpr::Indicator(i), Ty::Num));
        }
        // A bare column: the one input that has it.
        let holders: Vec<usize> = (0..self.inputs.len())
            .filter(|&i| self.has_column(i, name))
            .collect();
        match holders.len() {
            1 => {
                let column = self.real(holders[0], name);
                self.use_column(holders[0], &column);
                Some((
                    IrExpr::Column {
                        input: holders[0],
                        column,
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
                        t("e104-unread-help", &[])
                    } else {
                        t("e104-help", &[])
                    }
                });
                self.error(
                    Diagnostic::error("E104", t("e104-message", &[("name", name.into())]))
                        .at(first.span, t("e104-label", &[]))
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
                    Diagnostic::error("E106", t("e106-message", &[("name", name.into())]))
                        .at(first.span, t("e106-label", &[]))
                        .help(t(
                            "e106-help",
                            &[("columns", names.join(&t("word-or", &[])).into())],
                        )),
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
            let across = t("builtin-across-regions", &[]);
            let across = Some((across.as_str(), aggs.as_slice()));
            self.unknown_builtin(Kind::Function, &func.name, func.span, &funcs, across);
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
                            Diagnostic::error("E111", t("e111-round-decimals", &[]))
                                .at(d.span, t("e111-round-decimals-label", &[]))
                                .help(t("e111-round-decimals-help", &[])),
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
            Some(h) if h == lo => t("e109-exactly", &[("n", lo.into())]),
            Some(h) => t("e109-between", &[("lo", lo.into()), ("hi", h.into())]),
            None => t("e109-at-least", &[("n", lo.into())]),
        };
        self.error(
            Diagnostic::error(
                "E109",
                t(
                    "e109-message",
                    &[
                        ("name", (&func.name).into()),
                        ("want", (&want).into()),
                        ("got", got.into()),
                    ],
                ),
            )
            .at(span, t("e109-label", &[("got", got.into())]))
            .help(t(
                "e109-help",
                &[("name", (&func.name).into()), ("want", want.into())],
            )),
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
                Diagnostic::error("E005", t("e005-parameter", &[]))
                    .at(
                        e.span,
                        t("e005-parameter-label", &[("value", v.to_string().into())]),
                    )
                    .help(t("e005-parameter-help", &[])),
            );
            return None;
        }
        Some(v)
    }

    fn not_constant(&mut self, e: &Expr) -> Option<f64> {
        self.error(
            Diagnostic::error("E110", t("e110-message", &[]))
                .at(e.span, t("e110-label", &[]))
                .help(t("e110-help", &[])),
        );
        None
    }
}

pub(super) fn join_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<String> = names
        .map(|n| format!("`{}`", crate::syntax::column_text(n)))
        .collect();
    if v.is_empty() {
        t("word-none", &[])
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
                        Diagnostic::error("E005", t("e005-divides", &[]))
                            .at(e.span, t("e005-divides-label", &[]))
                            .help(t("e005-divides-help", &[])),
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
    let message = if v.is_nan() {
        "e005-no-value"
    } else if v < 0.0 {
        "e005-minus-infinity"
    } else {
        "e005-infinity"
    };
    Err(Box::new(
        Diagnostic::error("E005", t(message, &[]))
            .at(e.span, t("e005-range-label", &[]))
            .help(t("e005-range-help", &[])),
    ))
}
