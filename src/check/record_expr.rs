//! Expressions over the columns of one record input: typed (numbers, text, dates,
//! conditions), compared only with their like; what else a filter may not name.

use super::expr::join_names;
use super::records::RTy;
use super::{Checker, RecExpr};
use crate::data::records::{date_literal, ColType};
use crate::diag::{did_you_mean, Diagnostic};
use crate::syntax::ast::*;

fn ty_name(t: ColType) -> &'static str {
    t.name()
}

impl Checker<'_> {
    /// A column of record input `r` (E102 with a suggestion when it has none).
    fn rec_column(&mut self, r: usize, c: &Ident) -> Option<(RecExpr, RTy)> {
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
                let help = did_you_mean(&c.name, schema.iter().map(|(n, _)| n.as_str()))
                    .unwrap_or_else(|| {
                        format!(
                            "its columns are: {}",
                            join_names(schema.iter().map(|(n, _)| n.as_str()))
                        )
                    });
                let name = rec.name.clone();
                self.error(
                    Diagnostic::error(
                        "E102",
                        format!("records `{name}` have no column `{}`", c.name),
                    )
                    .at(c.span, "no such column")
                    .help(help),
                );
                None
            }
        }
    }

    /// Whether record input `r` has the column `name` (or its columns are unknown).
    fn has_rec_column(&self, r: usize, name: &str) -> bool {
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
            Diagnostic::error("E116", format!("{what} inside an aggregate over `{name}`"))
                .at(span, format!("not a column of `{name}`"))
                .help(format!(
                    "an aggregate and its `where` read the columns of one record input; combine with region values outside it: `count({name} where …) / {region}.population`"
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
                        Diagnostic::error("E112", format!("`{d}` is not a date"))
                            .at(e.span, "no such day")
                            .help("write dates as 2025-03-31"),
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
                                Diagnostic::error("E101", format!("unknown input `{}`", first.name))
                                    .at(first.span, "no input has this name")
                                    .help(format!("the columns of the records are written `{rname}.column`, or bare inside the aggregate")),
                            );
                        }
                        None
                    }
                    None => {
                        match first.name.as_str() {
                            "period_start" | "period_end"
                                if !self.has_rec_column(r, &first.name) =>
                            {
                                if self.period.is_none() {
                                    self.error(
                                    Diagnostic::error("E118", format!("`{}` needs the reporting periods", first.name))
                                        .at(e.span, "which period?")
                                        .help("declare them in the header: `period quarterly cumulative`"),
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
                                Diagnostic::error("E117", format!("`{rname}` is the record input, not a value"))
                                    .at(e.span, "the records themselves")
                                    .help(format!("name a column: `{rname}.column`; count records with `count({rname} where …)`")),
                            );
                                None
                            }
                            n => {
                                let own = self.records[r]
                                    .schema
                                    .as_ref()
                                    .is_none_or(|s| s.iter().any(|(c, _)| c == n));
                                let elsewhere = self.indicator_index(n).is_some()
                                    || self
                                        .headers
                                        .iter()
                                        .flatten()
                                        .any(|h| h.iter().any(|c| c == n));
                                if !own && elsewhere {
                                    let what = if self.indicator_index(n).is_some() {
                                        format!("indicator `{n}`")
                                    } else {
                                        format!("region column `{n}`")
                                    };
                                    self.foreign(r, what, e.span);
                                    return None;
                                }
                                self.rec_column(r, first)
                            }
                        }
                    }
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
                let (x, t) = self.rec_expr(lhs, r)?;
                let items: Vec<&Expr> = match &rhs.kind {
                    ExprKind::Tuple(xs) => xs.iter().collect(),
                    ExprKind::Paren(x) => vec![x.as_ref()],
                    _ => {
                        self.error(
                            Diagnostic::error("E501", "`in` needs a list in parentheses")
                                .at(rhs.span, "not a list")
                                .help("write `status in (\"answered\", \"closed\")`"),
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
                            Diagnostic::error("E110", "the values of `in` must be constants")
                                .at(it.span, "this depends on the record")
                                .help("write the values themselves: `category in (\"ЖКХ\", \"Дороги\")`"),
                        );
                        return None;
                    }
                    self.rec_same(t, vt, lhs.span, it.span, "`in`")?;
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
                            let t = lt.or(rt).map_or("?", ty_name);
                            self.error(
                                Diagnostic::error(
                                    "E501",
                                    format!("{what} orders numbers and dates, not {t}"),
                                )
                                .at(e.span, format!("{t} has no order"))
                                .help("compare text and conditions with `==`, `!=` or `in (…)`"),
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
                    Diagnostic::error("E117", format!("`{}` cannot be used inside an aggregate over `{name}`", func.name))
                        .at(e.span, "not available on records")
                        .help("inside an aggregate: columns, numbers, text and dates, arithmetic, comparisons, `and`, `or`, `not`, `in (…)`, `missing(…)`"),
                );
                None
            }
            ExprKind::If { .. } | ExprKind::Tuple(_) => {
                let name = self.records[r].name.clone();
                self.error(
                    Diagnostic::error("E117", format!("this cannot be used inside an aggregate over `{name}`"))
                        .at(e.span, "not available on records")
                        .help("inside an aggregate: columns, numbers, text and dates, arithmetic, comparisons, `and`, `or`, `not`, `in (…)`, `missing(…)`"),
                );
                None
            }
        }
    }

    fn rec_expect(&mut self, got: RTy, want: ColType, span: Span, what: &str) -> Option<()> {
        match got {
            None => Some(()),
            Some(t) if t == want => Some(()),
            Some(t) => {
                self.error(
                    Diagnostic::error(
                        "E501",
                        format!("{what} needs {}, found {}", ty_name(want), ty_name(t)),
                    )
                    .at(span, format!("this is {}", ty_name(t)))
                    .help("compare a column with a value of its type: `status == \"answered\"`, `answer_days <= 30`, `created >= 2025-01-01`"),
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
                        format!("{what} compares {} with {}", ty_name(x), ty_name(y)),
                    )
                    .at(sb, format!("this is {}", ty_name(y)))
                    .related(sa, format!("this is {}", ty_name(x)))
                    .help("compare a column with a value of its type: `status == \"answered\"`, `answer_days <= 30`, `created >= 2025-01-01`"),
                );
                None
            }
            _ => Some(()),
        }
    }
}
