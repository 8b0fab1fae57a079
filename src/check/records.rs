//! Record inputs in the checker: the aggregates over them (`count(messages where status
//! == "answered")`), and what a region's formula may not do with them. Their declarations
//! are in `record_inputs`, the expressions inside an aggregate in `record_expr`.

use super::expr::{join_names, Ty};
use super::ir::{IrExpr, RecordAgg};
use super::builtins::Kind;
use super::Checker;
use crate::builtins::RecordAggregate;
use crate::data::records::ColType;
use crate::diag::Diagnostic;
use crate::syntax::ast::*;
use std::collections::BTreeMap;

/// A declared record input, as the checker resolves names against it.
pub(crate) struct DeclaredRecords {
    pub name: String,
    /// Its columns and their types, where the file can be read.
    pub schema: Option<Vec<(String, ColType)>>,
    /// The columns read so far.
    pub used: BTreeMap<String, ColType>,
}

/// The type of a record expression: `None` where the file could not be read (then any
/// use is accepted, and the run reads the types).
pub(super) type RTy = Option<ColType>;

fn ty_name(t: ColType) -> &'static str {
    t.name()
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
                format!("`{name}.{}` is a column of records, many per region", c.name),
                format!(
                    "aggregate it: `mean({name}.{c})`, `sum({name}.{c})`, `count({name} where {c} …)`",
                    c = c.name
                ),
            ),
            None => (
                format!("`{name}` is a record input, many rows per region"),
                format!("count its records: `count({name})`, `count({name} where …)`"),
            ),
        };
        self.error(
            Diagnostic::error("E115", what)
                .at(span, "used outside an aggregate")
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
                    Diagnostic::error("E117", format!("`{}` takes no `where`", func.name))
                        .at(f.span, "a filter of records")
                        .help("`where` filters the records of an aggregate: `count(messages where …)`, `mean(messages.days where …)`"),
                );
                return Some(None);
            }
            return None;
        };
        let records_agg_help = || {
            format!(
                "`{}` aggregates the records of a record input, as in `{}`{}",
                agg.name(),
                agg.example(),
                agg.across()
                    .map(|a| format!("; across regions write `{a}(x)`"))
                    .unwrap_or_default()
            )
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
                    Diagnostic::error("E117", format!("`{}` needs a record input", func.name))
                        .at(span, "no record input named here")
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
                        format!("`{}` aggregates one record input; this names {}", func.name, join_names(names.into_iter())),
                    )
                    .at(span, "several record inputs")
                    .help("aggregate each input on its own and combine the results: `count(a) + count(b)`"),
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
                    format!(
                        "`{}` takes {} argument{}, found {}",
                        func.name,
                        if want_lo == want_hi {
                            want_lo.to_string()
                        } else {
                            format!("{want_lo} or {want_hi}")
                        },
                        if want_hi == 1 { "" } else { "s" },
                        args.len()
                    ),
                )
                .at(span, format!("{} given", args.len()))
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
                    Diagnostic::error(
                        "E117",
                        format!("`{}` counts records: name the record input itself", func.name),
                    )
                    .at(args[0].span, "not a record input")
                    .help(match &args[0].kind {
                        ExprKind::Ref { second: Some(_), .. } => format!(
                            "write `{}({rname} where …)`; to count the distinct values of the column, `count_distinct({})`",
                            func.name,
                            crate::fmt::expr_text(&args[0])
                        ),
                        _ => format!("write `{}({rname} where …)`", func.name),
                    }),
                );
                return Some(None);
            }
            if agg == RecordAggregate::Share && filter.is_none() {
                self.error(
                    Diagnostic::error("E117", "`share` needs a `where`: the share of what")
                        .at(span, "no `where`")
                        .help(format!(
                            "write `share({rname} where status == \"answered\")`"
                        )),
                );
                return Some(None);
            }
        } else {
            if bare(&args[0]) {
                self.error(
                    Diagnostic::error(
                        "E117",
                        format!("`{}` needs a column of `{rname}`", func.name),
                    )
                    .at(args[0].span, "the records themselves, not a value")
                    .help(format!("write `{}({rname}.column)`", func.name)),
                );
                return Some(None);
            }
            let Some((v, t)) = self.rec_expr(&args[0], r) else {
                return Some(None);
            };
            let numbers = matches!(t, None | Some(ColType::Number));
            if !numbers && agg != RecordAggregate::CountDistinct {
                let t = t.map_or("?", ty_name);
                self.error(
                    Diagnostic::error(
                        "E501",
                        format!("`{}` needs numbers, found {t}", func.name),
                    )
                    .at(args[0].span, format!("this is {t}"))
                    .help(format!(
                        "count the records instead: `count({rname} where …)`, or their distinct values: `count_distinct({})`",
                        crate::fmt::expr_text(&args[0])
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
                        Diagnostic::error("E117", "the share of a quantile runs from 0 to 1")
                            .at(args[1].span, format!("{qv} is outside 0..1"))
                            .help("write `quantile(x, 0.9)` or `quantile(x, 90%)`"),
                    );
                    return Some(None);
                }
                q = Some(qv);
            }
        }
        let (filter_ir, filter_text) = match filter {
            Some(f) => {
                let Some((p, t)) = self.rec_expr(f, r) else {
                    return Some(None);
                };
                if let Some(t) = t.filter(|t| *t != ColType::Bool) {
                    self.error(
                        Diagnostic::error(
                            "E501",
                            format!("`where` needs a condition, found {}", ty_name(t)),
                        )
                        .at(f.span, format!("this is {}", ty_name(t)))
                        .help("compare the column with something: `where answer_days <= 30`"),
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
                    Diagnostic::error("E108", format!("`{other}`: periods are `cumulative` or not"))
                        .at(how.unwrap().span, "not `cumulative`")
                        .help("`period quarterly cumulative`: each quarter counts from 1 January; `period quarterly`: each its own three months"),
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
                Diagnostic::error(
                    "E109",
                    format!("`previous` takes 1 argument, found {}", args.len()),
                )
                .at(span, format!("{} given", args.len()))
                .help("write `previous(count(messages))`"),
            );
            return Some(None);
        }
        if self.period.is_none() {
            self.error(
                Diagnostic::error("E118", "`previous` needs the reporting periods")
                    .at(func.span, "which period is the previous one?")
                    .help("declare them in the header: `period quarterly cumulative`"),
            );
            return Some(None);
        }
        let before = self.record_aggs.len();
        let was = std::mem::replace(&mut self.in_previous, true);
        let r = self.expr(&args[0], ctx);
        self.in_previous = was;
        let (x, t) = r?;
        if self.record_aggs.len() == before {
            self.error(
                Diagnostic::error("E118", "`previous` takes aggregates over records")
                    .at(args[0].span, "no aggregate over records here")
                    .help("the previous period's value of an aggregate: `count(messages) / previous(count(messages)) - 1`"),
            );
            return Some(None);
        }
        Some(Some((x, t)))
    }
}
