//! Expressions over the columns of one record input: typed (numbers, text, dates,
//! conditions), compared only with their like; what else a filter may not name.

use super::expr::join_names;
use super::records::ty_name;
use super::records::RTy;
use super::{Checker, RecExpr};
use crate::data::records::{date_literal, ColType};
use crate::diag::{did_you_mean_as, Diagnostic};
use crate::i18n::t;
use crate::syntax::ast::*;

impl Checker<'_> {
    /// A column of record input `r` (E102 with a suggestion when it has none).
    fn rec_column(&mut self, r: usize, c: &Ident) -> Option<(RecExpr, RTy)> {
        let real = self.records[r].real(&c.name);
        let c = &Ident {
            name: real,
            span: c.span,
        };
        let rec = &self.records[r];
        let Some(schema) = &rec.schema else {
            // the file could not be read: the run reads the type
            let t = ColType::Number;
            self.records[r].used.entry(c.name.clone()).or_insert(t);
            return Some((RecExpr::Column(c.name.clone(), t), None));
        };
        match schema.iter().find(|(n, _)| *n == c.name) {
            Some((_, t)) => {
                let t = *t;
                self.records[r].used.insert(c.name.clone(), t);
                Some((RecExpr::Column(c.name.clone(), t), Some(t)))
            }
            None => {
                let help = did_you_mean_as(
                    &c.name,
                    schema.iter().map(|(n, _)| n.as_str()),
                    crate::syntax::column_text,
                )
                .unwrap_or_else(|| {
                    t(
                        "e102-columns",
                        &[(
                            "columns",
                            join_names(schema.iter().map(|(n, _)| n.as_str())).into(),
                        )],
                    )
                });
                let name = rec.name.clone();
                self.error(
                    Diagnostic::error(
                        "E102",
                        t(
                            "e102-records",
                            &[("input", (&name).into()), ("column", (&c.name).into())],
                        ),
                    )
                    .at(c.span, t("e102-label", &[]))
                    .help(help),
                );
                None
            }
        }
    }

    /// Whether record input `r` has the column `name` (or its columns are unknown).
    fn has_rec_column(&self, r: usize, name: &str) -> bool {
        let name = self.records[r].real(name);
        let name = name.as_str();
        self.records[r]
            .schema
            .as_ref()
            .is_some_and(|s| s.iter().any(|(c, _)| c == name))
    }

    /// Something outside record input `r` named inside its aggregate (E116).
    fn foreign(&mut self, r: usize, what: String, span: Span) {
        let name = self.records[r].name.clone();
        let region = self
            .inputs
            .first()
            .map_or("regions".to_string(), |i| i.name.clone());
        self.error(
            Diagnostic::error(
                "E116",
                t(
                    "e116-message",
                    &[("what", what.into()), ("input", (&name).into())],
                ),
            )
            .at(span, t("e116-label", &[("input", (&name).into())]))
            .help(t(
                "e116-help",
                &[("input", (&name).into()), ("regions", region.into())],
            )),
        );
    }

    /// An expression over the columns of record input `r`.
    pub(super) fn rec_expr(&mut self, e: &Expr, r: usize) -> Option<(RecExpr, RTy)> {
        match &e.kind {
            ExprKind::Number(n) => Some((RecExpr::Num(self.number(n)?), Some(ColType::Number))),
            ExprKind::Text(s) => Some((RecExpr::Text(s.value.clone()), Some(ColType::Text))),
            ExprKind::Date(d) => match date_literal(d) {
                Some(days) => Some((RecExpr::Date(days), Some(ColType::Date))),
                None => {
                    self.error(
                        Diagnostic::error(
                            "E112",
                            t("e112-message", &[("date", d.to_string().into())]),
                        )
                        .at(e.span, t("e112-label", &[]))
                        .help(t("e112-help", &[])),
                    );
                    None
                }
            },
            ExprKind::Paren(x) => self.rec_expr(x, r),
            ExprKind::Ref { first, second } => {
                let rname = self.records[r].name.clone();
                match second {
                    Some(c) if first.name == rname => self.rec_column(r, c),
                    Some(c) => {
                        let known = self.input_index(&first.name).is_some()
                            || self.records_index(&first.name).is_some();
                        if known {
                            self.foreign(r, format!("`{}.{}`", first.name, c.name), e.span);
                        } else {
                            self.error(
                                Diagnostic::error(
                                    "E101",
                                    t("e101-message", &[("name", (&first.name).into())]),
                                )
                                .at(first.span, t("e101-label", &[]))
                                .help(t("e101-records-help", &[("input", (&rname).into())])),
                            );
                        }
                        None
                    }
                    None => match first.name.as_str() {
                        "period_start" | "period_end" if !self.has_rec_column(r, &first.name) => {
                            if self.period.is_none() {
                                self.error(
                                    Diagnostic::error(
                                        "E118",
                                        t("e118-day", &[("name", (&first.name).into())]),
                                    )
                                    .at(e.span, t("e118-day-label", &[]))
                                    .help(t("e118-periods-help", &[])),
                                );
                                return None;
                            }
                            Some((
                                RecExpr::PeriodDay(first.name == "period_end"),
                                Some(ColType::Date),
                            ))
                        }
                        "true" => Some((RecExpr::Bool(true), Some(ColType::Bool))),
                        "false" => Some((RecExpr::Bool(false), Some(ColType::Bool))),
                        n if n == rname => {
                            self.error(
                                Diagnostic::error(
                                    "E117",
                                    t("e117-input-value", &[("input", (&rname).into())]),
                                )
                                .at(e.span, t("e117-input-value-label", &[]))
                                .help(t("e117-input-value-help", &[("input", (&rname).into())])),
                            );
                            None
                        }
                        n => {
                            let real = self.records[r].real(n);
                            let own = self.records[r]
                                .schema
                                .as_ref()
                                .is_none_or(|s| s.iter().any(|(c, _)| *c == real));
                            let elsewhere = self.indicator_index(n).is_some()
                                || self
                                    .headers
                                    .iter()
                                    .flatten()
                                    .any(|h| h.iter().any(|c| c == n));
                            if !own && elsewhere {
                                let what = if self.indicator_index(n).is_some() {
                                    t("e116-indicator", &[("name", n.into())])
                                } else {
                                    t("e116-region-column", &[("name", n.into())])
                                };
                                self.foreign(r, what, e.span);
                                return None;
                            }
                            self.rec_column(r, first)
                        }
                    },
                }
            }
            ExprKind::Unary { op, operand } => {
                let (x, t) = self.rec_expr(operand, r)?;
                let (want, out): (ColType, fn(Box<RecExpr>) -> RecExpr) = match op {
                    UnOp::Neg => (ColType::Number, RecExpr::Neg),
                    UnOp::Not => (ColType::Bool, RecExpr::Not),
                };
                self.rec_expect(
                    t,
                    want,
                    operand.span,
                    if want == ColType::Number {
                        "`-`"
                    } else {
                        "`not`"
                    },
                )?;
                Some((out(Box::new(x)), Some(want)))
            }
            ExprKind::Binary { op, lhs, rhs } if *op == BinOp::In => {
                let (x, xt) = self.rec_expr(lhs, r)?;
                let items: Vec<&Expr> = match &rhs.kind {
                    ExprKind::Tuple(xs) => xs.iter().collect(),
                    ExprKind::Paren(x) => vec![x.as_ref()],
                    _ => {
                        self.error(
                            Diagnostic::error("E501", t("e501-in-list", &[]))
                                .at(rhs.span, t("e501-in-list-label", &[]))
                                .help(t("e501-in-list-help", &[])),
                        );
                        return None;
                    }
                };
                let mut list = Vec::new();
                for it in items {
                    let (v, vt) = self.rec_expr(it, r)?;
                    if !matches!(
                        v,
                        RecExpr::Num(_) | RecExpr::Text(_) | RecExpr::Date(_) | RecExpr::Bool(_)
                    ) {
                        self.error(
                            Diagnostic::error("E110", t("e110-in", &[]))
                                .at(it.span, t("e110-in-label", &[]))
                                .help(t("e110-in-help", &[])),
                        );
                        return None;
                    }
                    self.rec_same(xt, vt, lhs.span, it.span, "`in`")?;
                    list.push(v);
                }
                Some((RecExpr::In(Box::new(x), list), Some(ColType::Bool)))
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let l = self.rec_expr(lhs, r);
                let rr = self.rec_expr(rhs, r);
                let ((l, lt), (rv, rt)) = (l?, rr?);
                let what = format!("`{}`", op.symbol());
                let out = match op {
                    BinOp::And | BinOp::Or => {
                        let a = self.rec_expect(lt, ColType::Bool, lhs.span, &what);
                        let b = self.rec_expect(rt, ColType::Bool, rhs.span, &what);
                        a?;
                        b?;
                        ColType::Bool
                    }
                    BinOp::Cmp(c) => {
                        self.rec_same(lt, rt, lhs.span, rhs.span, &what)?;
                        let ordered = matches!(c, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge);
                        if ordered && matches!(lt.or(rt), Some(ColType::Text | ColType::Bool)) {
                            let ty = lt.or(rt).map_or("?".to_string(), ty_name);
                            self.error(
                                Diagnostic::error(
                                    "E501",
                                    t(
                                        "e501-order",
                                        &[("what", (&what).into()), ("got", (&ty).into())],
                                    ),
                                )
                                .at(e.span, t("e501-order-label", &[("got", ty.into())]))
                                .help(t("e501-order-help", &[])),
                            );
                            return None;
                        }
                        ColType::Bool
                    }
                    _ => {
                        let a = self.rec_expect(lt, ColType::Number, lhs.span, &what);
                        let b = self.rec_expect(rt, ColType::Number, rhs.span, &what);
                        a?;
                        b?;
                        ColType::Number
                    }
                };
                Some((RecExpr::Bin(*op, Box::new(l), Box::new(rv)), Some(out)))
            }
            ExprKind::Call { func, args, filter }
                if func.name == "missing" && filter.is_none() && args.len() == 1 =>
            {
                let (x, _) = self.rec_expr(&args[0], r)?;
                Some((RecExpr::Missing(Box::new(x)), Some(ColType::Bool)))
            }
            ExprKind::Call { func, .. } => {
                let name = self.records[r].name.clone();
                self.error(
                    Diagnostic::error(
                        "E117",
                        t(
                            "e117-inside",
                            &[("name", (&func.name).into()), ("input", (&name).into())],
                        ),
                    )
                    .at(e.span, t("e117-inside-label", &[]))
                    .help(t("e117-inside-help", &[])),
                );
                None
            }
            ExprKind::If { .. } | ExprKind::Tuple(_) => {
                let name = self.records[r].name.clone();
                self.error(
                    Diagnostic::error("E117", t("e117-this-inside", &[("input", (&name).into())]))
                        .at(e.span, t("e117-inside-label", &[]))
                        .help(t("e117-inside-help", &[])),
                );
                None
            }
        }
    }

    fn rec_expect(&mut self, got: RTy, want: ColType, span: Span, what: &str) -> Option<()> {
        match got {
            None => Some(()),
            Some(ty) if ty == want => Some(()),
            Some(ty) => {
                self.error(
                    Diagnostic::error(
                        "E501",
                        t(
                            "e501-needs",
                            &[
                                ("what", what.into()),
                                ("want", ty_name(want).into()),
                                ("got", ty_name(ty).into()),
                            ],
                        ),
                    )
                    .at(span, t("e501-this-is", &[("what", ty_name(ty).into())]))
                    .help(t("e501-records-help", &[])),
                );
                None
            }
        }
    }

    /// Two sides that must have the same type (a comparison, `in`).
    fn rec_same(&mut self, a: RTy, b: RTy, sa: Span, sb: Span, what: &str) -> Option<()> {
        match (a, b) {
            (Some(x), Some(y)) if x != y => {
                self.error(
                    Diagnostic::error(
                        "E501",
                        t(
                            "e501-compares",
                            &[
                                ("what", what.into()),
                                ("a", ty_name(x).into()),
                                ("b", ty_name(y).into()),
                            ],
                        ),
                    )
                    .at(sb, t("e501-this-is", &[("what", ty_name(y).into())]))
                    .related(sa, t("e501-this-is", &[("what", ty_name(x).into())]))
                    .help(t("e501-records-help", &[])),
                );
                None
            }
            _ => Some(()),
        }
    }
}
