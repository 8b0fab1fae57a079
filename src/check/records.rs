//! Record inputs in the checker: the aggregates over them (`count(messages where status
//! == "answered")`), and what a region's formula may not do with them. Their declarations
//! are in `record_inputs`, the expressions inside an aggregate in `record_expr`.

use super::builtins::Kind;
use super::expr::{join_names, Ty};
use super::ir::{IrExpr, RecordAgg};
use super::Checker;
use crate::builtins::RecordAggregate;
use crate::data::records::ColType;
use crate::diag::Diagnostic;
use crate::i18n::t;
use crate::syntax::ast::*;
use std::collections::BTreeMap;

/// A declared record input, as the checker resolves names against it.
pub(crate) struct DeclaredRecords {
    pub name: String,
    /// Its columns and their types, where the file can be read.
    pub schema: Option<Vec<(String, ColType)>>,
    /// The columns read so far.
    pub used: BTreeMap<String, ColType>,
    /// The names given to headers (`column оценка = "Оценка, баллы"`): name, header.
    pub aliases: Vec<(String, String)>,
}

impl DeclaredRecords {
    /// The header a name reads: the one it was given to, or the name itself.
    pub fn real(&self, name: &str) -> String {
        self.aliases
            .iter()
            .find(|(a, _)| a == name)
            .map_or_else(|| name.to_string(), |(_, h)| h.clone())
    }
}

/// The type of a record expression: `None` where the file could not be read (then any
/// use is accepted, and the run reads the types).
pub(super) type RTy = Option<ColType>;

/// A column type in a message, in the chosen language: "a number", "text", "a date",
/// "true or false".
pub(super) fn ty_name(ty: ColType) -> String {
    ty.in_words()
}

impl Checker<'_> {
    pub(super) fn records_index(&self, name: &str) -> Option<usize> {
        self.records.iter().position(|r| r.name == name)
    }

    /// The record inputs an expression names (`messages` or `messages.column`).
    fn records_named(&self, e: &Expr, out: &mut Vec<usize>) {
        match &e.kind {
            ExprKind::Ref { first, .. } => {
                if let Some(r) = self.records_index(&first.name) {
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
            ExprKind::Call { args, filter, .. } => {
                for a in args {
                    self.records_named(a, out);
                }
                if let Some(f) = filter {
                    self.records_named(f, out);
                }
            }
            ExprKind::Unary { operand, .. } => self.records_named(operand, out),
            ExprKind::Binary { lhs, rhs, .. } => {
                self.records_named(lhs, out);
                self.records_named(rhs, out);
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.records_named(cond, out);
                self.records_named(then, out);
                self.records_named(otherwise, out);
            }
            ExprKind::Paren(x) => self.records_named(x, out),
            ExprKind::Tuple(xs) => xs.iter().for_each(|x| self.records_named(x, out)),
            ExprKind::Number(_) | ExprKind::Text(_) | ExprKind::Date(_) => {}
        }
    }

    /// A record input or one of its columns used as a region's value (E115).
    pub(super) fn record_outside(&mut self, r: usize, column: Option<&Ident>, span: Span) {
        let name = self.records[r].name.clone();
        let (what, help) = match column {
            Some(c) => (
                t(
                    "e115-column",
                    &[("input", (&name).into()), ("column", (&c.name).into())],
                ),
                t(
                    "e115-column-help",
                    &[("input", (&name).into()), ("column", (&c.name).into())],
                ),
            ),
            None => (
                t("e115-input", &[("input", (&name).into())]),
                t("e115-input-help", &[("input", (&name).into())]),
            ),
        };
        self.error(
            Diagnostic::error("E115", what)
                .at(span, t("e115-label", &[]))
                .help(help),
        );
    }

    /// A call of a record aggregate (`count(messages where …)`): its value for each
    /// region. `None` when the call is not over records (an element-wise `min`, a
    /// function across regions); `Some(None)` when it is, and is wrong (reported).
    pub(super) fn record_call(
        &mut self,
        func: &Ident,
        args: &[Expr],
        filter: Option<&Expr>,
        span: Span,
    ) -> Option<Option<(IrExpr, Ty)>> {
        let agg = RecordAggregate::lookup(&func.name);
        let mut named = Vec::new();
        for a in args {
            self.records_named(a, &mut named);
        }
        if let Some(f) = filter {
            self.records_named(f, &mut named);
        }
        let Some(agg) = agg else {
            if let Some(f) = filter {
                self.error(
                    Diagnostic::error("E117", t("e117-no-where", &[("name", (&func.name).into())]))
                        .at(f.span, t("e117-no-where-label", &[]))
                        .help(t("e117-no-where-help", &[])),
                );
                return Some(None);
            }
            return None;
        };
        let records_agg_help = || {
            let help = t(
                "e117-aggregates-help",
                &[
                    ("name", agg.name().into()),
                    ("example", agg.example().into()),
                ],
            );
            match agg.across() {
                Some(a) => format!("{help}; {}", t("e117-across-help", &[("name", a.into())])),
                None => help,
            }
        };
        let r = match named.as_slice() {
            [r] => *r,
            [] => {
                // `min(a, b)` and `max(a, b)` of region values stay element-wise
                if filter.is_none() && agg.is_also_elementwise() {
                    return None;
                }
                if self.records.is_empty() && filter.is_none() {
                    // no record inputs: an unknown function, as before
                    return None;
                }
                self.error(
                    Diagnostic::error(
                        "E117",
                        t("e117-needs-input", &[("name", (&func.name).into())]),
                    )
                    .at(span, t("e117-needs-input-label", &[]))
                    .help(records_agg_help()),
                );
                return Some(None);
            }
            many => {
                let names: Vec<&str> = many
                    .iter()
                    .map(|&r| self.records[r].name.as_str())
                    .collect();
                self.error(
                    Diagnostic::error(
                        "E117",
                        t(
                            "e117-several",
                            &[
                                ("name", (&func.name).into()),
                                ("inputs", join_names(names.into_iter()).into()),
                            ],
                        ),
                    )
                    .at(span, t("e117-several-label", &[]))
                    .help(t("e117-several-help", &[])),
                );
                return Some(None);
            }
        };
        let rname = self.records[r].name.clone();
        let bare = |e: &Expr| matches!(&e.kind, ExprKind::Ref { first, second: None } if first.name == rname);
        let (want_lo, want_hi) = agg.arity();
        if args.len() < want_lo || args.len() > want_hi {
            self.error(
                Diagnostic::error(
                    "E109",
                    t(
                        "e109-message",
                        &[
                            ("name", (&func.name).into()),
                            (
                                "want",
                                if want_lo == want_hi {
                                    want_lo.to_string()
                                } else {
                                    format!("{want_lo}{}{want_hi}", t("word-or", &[]))
                                }
                                .into(),
                            ),
                            ("got", args.len().into()),
                        ],
                    ),
                )
                .at(span, t("e109-label", &[("got", args.len().into())]))
                .help(records_agg_help()),
            );
            return Some(None);
        }
        let mut value = None;
        let mut value_text = None;
        let mut q = None;
        if agg.counts_records() {
            if !bare(&args[0]) {
                self.error(
                    Diagnostic::error("E117", t("e117-counts", &[("name", (&func.name).into())]))
                        .at(args[0].span, t("e117-counts-label", &[]))
                        .help(match &args[0].kind {
                            ExprKind::Ref {
                                second: Some(_), ..
                            } => t(
                                "e117-counts-column-help",
                                &[
                                    ("name", (&func.name).into()),
                                    ("input", (&rname).into()),
                                    ("column", crate::fmt::expr_text(&args[0]).into()),
                                ],
                            ),
                            _ => t(
                                "e117-counts-help",
                                &[("name", (&func.name).into()), ("input", (&rname).into())],
                            ),
                        }),
                );
                return Some(None);
            }
            if agg == RecordAggregate::Share && filter.is_none() {
                self.error(
                    Diagnostic::error("E117", t("e117-share", &[]))
                        .at(span, t("e117-share-label", &[]))
                        .help(t("e117-share-help", &[("input", (&rname).into())])),
                );
                return Some(None);
            }
        } else {
            if bare(&args[0]) {
                self.error(
                    Diagnostic::error(
                        "E117",
                        t(
                            "e117-needs-column",
                            &[("name", (&func.name).into()), ("input", (&rname).into())],
                        ),
                    )
                    .at(args[0].span, t("e117-needs-column-label", &[]))
                    .help(t(
                        "e117-needs-column-help",
                        &[("name", (&func.name).into()), ("input", (&rname).into())],
                    )),
                );
                return Some(None);
            }
            let Some((v, ty)) = self.rec_expr(&args[0], r) else {
                return Some(None);
            };
            let numbers = matches!(ty, None | Some(ColType::Number));
            if !numbers && agg != RecordAggregate::CountDistinct {
                let ty = ty.map_or("?".to_string(), ty_name);
                self.error(
                    Diagnostic::error(
                        "E501",
                        t(
                            "e501-numbers",
                            &[("name", (&func.name).into()), ("got", (&ty).into())],
                        ),
                    )
                    .at(args[0].span, t("e501-this-is", &[("what", ty.into())]))
                    .help(t(
                        "e501-numbers-help",
                        &[
                            ("input", (&rname).into()),
                            ("column", crate::fmt::expr_text(&args[0]).into()),
                        ],
                    )),
                );
                return Some(None);
            }
            value = Some(v);
            value_text = Some(crate::fmt::expr_text(&args[0]));
            if agg == RecordAggregate::Quantile {
                let qv = self.const_eval(&args[1])?;
                if !(0.0..=1.0).contains(&qv) {
                    self.error(
                        Diagnostic::error("E117", t("e117-quantile", &[]))
                            .at(
                                args[1].span,
                                t("e117-quantile-label", &[("q", qv.to_string().into())]),
                            )
                            .help(t("e117-quantile-help", &[])),
                    );
                    return Some(None);
                }
                q = Some(qv);
            }
        }
        let (filter_ir, filter_text) = match filter {
            Some(f) => {
                let Some((p, ty)) = self.rec_expr(f, r) else {
                    return Some(None);
                };
                if let Some(ty) = ty.filter(|ty| *ty != ColType::Bool) {
                    self.error(
                        Diagnostic::error("E501", t("e501-where", &[("got", ty_name(ty).into())]))
                            .at(f.span, t("e501-this-is", &[("what", ty_name(ty).into())]))
                            .help(t("e501-where-help", &[])),
                    );
                    return Some(None);
                }
                (Some(p), Some(crate::fmt::expr_text(f)))
            }
            None => (None, None),
        };
        self.record_aggs.push(RecordAgg {
            records: r,
            kind: agg,
            q,
            previous: self.in_previous,
            value,
            filter: filter_ir,
            value_text,
            filter_text,
        });
        Some(Some((IrExpr::Record(self.record_aggs.len() - 1), Ty::Num)))
    }
}

impl Checker<'_> {
    /// `period quarterly cumulative` in the header.
    pub(super) fn period_scheme(
        &mut self,
        every: &Ident,
        how: Option<&Ident>,
    ) -> Option<crate::periods::Scheme> {
        use crate::periods::{Every, Scheme};
        let Some(e) = Every::lookup(&every.name) else {
            self.unknown_builtin(
                Kind::Period,
                &every.name,
                every.span,
                &["monthly", "quarterly", "yearly"],
                None,
            );
            return None;
        };
        let cumulative = match how.map(|h| h.name.as_str()) {
            None => false,
            Some("cumulative") => true,
            Some(other) => {
                self.error(
                    Diagnostic::error("E108", t("e108-cumulative", &[("word", other.into())]))
                        .at(how.unwrap().span, t("e108-cumulative-label", &[]))
                        .help(t("e108-cumulative-help", &[])),
                );
                return None;
            }
        };
        Some(Scheme {
            every: e,
            cumulative,
        })
    }

    /// `previous(x)`: `x`, its aggregates over records taken over the period before the
    /// one run (`Some(None)` when wrong, reported; `None`: not `previous`).
    pub(super) fn previous_call(
        &mut self,
        func: &Ident,
        args: &[Expr],
        span: Span,
        ctx: super::expr::Ctx,
    ) -> Option<Option<(IrExpr, Ty)>> {
        if func.name != "previous" {
            return None;
        }
        if args.len() != 1 {
            self.error(
                Diagnostic::error("E109", t("e109-previous", &[("got", args.len().into())]))
                    .at(span, t("e109-label", &[("got", args.len().into())]))
                    .help(t("e109-previous-help", &[])),
            );
            return Some(None);
        }
        if self.period.is_none() {
            self.error(
                Diagnostic::error("E118", t("e118-periods", &[]))
                    .at(func.span, t("e118-periods-label", &[]))
                    .help(t("e118-periods-help", &[])),
            );
            return Some(None);
        }
        // `previous(previous(…))` would ask for the period two back, which a run does not
        // read: refused, never flattened into one `previous`
        if self.in_previous {
            self.error(
                Diagnostic::error("E118", t("e118-nested", &[]))
                    .at(func.span, t("e118-nested-label", &[]))
                    .help(t("e118-nested-help", &[])),
            );
            return Some(None);
        }
        let before = self.record_aggs.len();
        let was = std::mem::replace(&mut self.in_previous, true);
        let r = self.expr(&args[0], ctx);
        self.in_previous = was;
        // (an error inside is reported there: this is still `previous`, not an unknown name)
        let Some((x, ty)) = r else {
            return Some(None);
        };
        if self.record_aggs.len() == before {
            self.error(
                Diagnostic::error("E118", t("e118-aggregates", &[]))
                    .at(args[0].span, t("e118-aggregates-label", &[]))
                    .help(t("e118-aggregates-help", &[])),
            );
            return Some(None);
        }
        Some(Some((x, ty)))
    }
}
