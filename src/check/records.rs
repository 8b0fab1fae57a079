//! Record inputs in the checker: `records` declarations, the aggregates over them
//! (`count(messages where status == "answered")`) and their typed expressions — columns
//! of text, dates, numbers and conditions, compared only with their like.

use super::expr::{join_names, Ty};
use super::ir::IrExpr;
use super::Checker;
use crate::builtins::RecordAggregate;
use crate::data::records::{date_literal, ColType};
use crate::diag::{did_you_mean, Diagnostic};
use crate::syntax::ast::*;
use std::collections::BTreeMap;

/// A checked record input: many rows per region.
#[derive(Debug, Clone)]
pub struct RecordsDef {
    /// Its name (`messages`).
    pub name: String,
    /// The path as written (or as given on the command line), not yet resolved.
    pub path: String,
    /// The column holding each record's region.
    pub key: String,
    /// The column dating each record (`date created_at`), for periods.
    pub date: Option<String>,
    /// `unknown ignore`: records of regions not in the region tables are left out (and
    /// counted) instead of stopping the run.
    pub ignore_unknown: bool,
    /// The encoding named for a CSV file.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The columns the methodology reads, with their types, sorted by name.
    pub columns: Vec<(String, ColType)>,
    /// Where it is declared.
    pub span: Span,
}

/// An aggregate over a record input: one value per region.
#[derive(Debug, Clone)]
pub struct RecordAgg {
    /// The record input, by its index in `Methodology::records`.
    pub records: usize,
    /// What it computes.
    pub kind: RecordAggregate,
    /// The `q` of `quantile(x, q)`.
    pub q: Option<f64>,
    /// What it aggregates (`None` for `count` and `share`, which count records).
    pub value: Option<RecExpr>,
    /// `where …`: the records it counts (`None`: all of the region's).
    pub filter: Option<RecExpr>,
    /// The canonical text of the value's argument, and of the filter.
    pub value_text: Option<String>,
    /// The canonical text of the filter.
    pub filter_text: Option<String>,
}

/// An expression over one record's columns.
#[derive(Debug, Clone, PartialEq)]
pub enum RecExpr {
    /// A number.
    Num(f64),
    /// A text literal.
    Text(String),
    /// A date, in days since 1970-01-01.
    Date(i32),
    /// `true` or `false`.
    Bool(bool),
    /// A column of the record input, with its type.
    Column(String, ColType),
    /// `-x`.
    Neg(Box<RecExpr>),
    /// `not x`.
    Not(Box<RecExpr>),
    /// Arithmetic, a comparison, `and`, `or`.
    Bin(BinOp, Box<RecExpr>, Box<RecExpr>),
    /// `x in (a, b, …)`.
    In(Box<RecExpr>, Vec<RecExpr>),
    /// `missing(x)`.
    Missing(Box<RecExpr>),
}

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
type RTy = Option<ColType>;

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
            value,
            filter: filter_ir,
            value_text,
            filter_text,
        });
        Some(Some((IrExpr::Record(self.record_aggs.len() - 1), Ty::Num)))
    }

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
                    None => match first.name.as_str() {
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

/// A `records` declaration, checked.
pub(super) struct RecordsDecl {
    pub name: String,
    pub path: String,
    pub key: String,
    pub date: Option<String>,
    pub ignore_unknown: bool,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub span: Span,
}

impl Checker<'_> {
    /// Declare the record inputs: their fields, files and columns. `taken`: the names of
    /// the region inputs, which a record input may not reuse.
    pub(super) fn declare_records(
        &mut self,
        m: &Module,
        key: Option<&Ident>,
        taken: &[(String, Span)],
    ) -> Vec<RecordsDecl> {
        let mut out: Vec<RecordsDecl> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for item in &m.items {
            let Item::Records(r) = item else { continue };
            let first = taken
                .iter()
                .find(|(n, _)| *n == r.name.name)
                .map(|(_, s)| *s)
                .or_else(|| {
                    out.iter()
                        .zip(&spans)
                        .find(|(d, _)| d.name == r.name.name)
                        .map(|(_, s)| *s)
                });
            if let Some(first) = first {
                self.duplicate("input", &r.name, first);
                continue;
            }
            let mut seen: std::collections::HashMap<&str, Span> = Default::default();
            let (mut rkey, mut date, mut ignore, mut encoding) = (None, None, false, None);
            for f in &r.fields {
                let (kw, span) = match f {
                    RecordsField::Key(k) => ("key", k.span),
                    RecordsField::Date(d) => ("date", d.span),
                    RecordsField::Unknown(u) => ("unknown", u.span),
                    RecordsField::Encoding(e) => ("encoding", e.span),
                };
                if !self.first_field(&mut seen, kw, span) {
                    continue;
                }
                match f {
                    RecordsField::Key(k) => rkey = Some(k.clone()),
                    RecordsField::Date(d) => date = Some(d.clone()),
                    RecordsField::Unknown(u) => match u.name.as_str() {
                        "ignore" => ignore = true,
                        "error" => ignore = false,
                        other => self.error(
                            Diagnostic::error("E108", format!("`unknown {other}`: no such choice"))
                                .at(u.span, "`ignore` or `error`")
                                .help("`unknown ignore` leaves out (and counts) the records of regions the region tables do not have; `unknown error`, the default, stops the run"),
                        ),
                    },
                    RecordsField::Encoding(e) => encoding = self.encoding(e),
                }
            }
            let key_ident = rkey.or_else(|| key.cloned());
            let name = r.name.name.clone();
            let path = r.path.value.clone();
            let mut schema = None;
            if let Some(why) = self.header_source.refuse(&name, &path) {
                self.error(
                    Diagnostic::error("E113", format!("input `{name}` is outside the methodology's directory"))
                        .at(r.path.span, why)
                        .help(format!(
                            "keep the data beside the methodology, or allow it: `--input {name}=PATH` or `--allow-outside`"
                        )),
                );
            } else {
                match self.header_source.record_schema(&name, &path, encoding) {
                    Ok(s) => schema = Some(s),
                    Err(why) if !why.is_empty() => self.diags.push(
                        Diagnostic::warning(
                            "W003",
                            format!("the columns of records `{name}` could not be read"),
                        )
                        .at(r.path.span, why)
                        .help("their names and types are not checked; `run` will need the file"),
                    ),
                    Err(_) => {}
                }
            }
            let mut decl = DeclaredRecords {
                name: name.clone(),
                schema,
                used: BTreeMap::new(),
            };
            if let (Some(k), Some(s)) = (&key_ident, &decl.schema) {
                match s.iter().find(|(c, _)| *c == k.name) {
                    None => {
                        let help = did_you_mean(&k.name, s.iter().map(|(c, _)| c.as_str()))
                            .unwrap_or_else(|| {
                                format!("name the column of the region: `records {name} \"…\" {{ key column }}`")
                            });
                        self.error(
                            Diagnostic::error(
                                "E102",
                                format!("records `{name}` have no key column `{}`", k.name),
                            )
                            .at(k.span, "no such column")
                            .related(r.name.span, "every record needs its region")
                            .help(help),
                        );
                    }
                    Some((_, t)) if matches!(t, ColType::Date | ColType::Bool) => {
                        self.error(
                            Diagnostic::error(
                                "E501",
                                format!(
                                    "the key column `{}` of records `{name}` holds {}",
                                    k.name,
                                    t.name()
                                ),
                            )
                            .at(k.span, "not a region's key")
                            .help(
                                "the key column holds the region's code, as in the region tables",
                            ),
                        );
                    }
                    Some(_) => {}
                }
            }
            if let (Some(d), Some(s)) = (&date, &decl.schema) {
                match s.iter().find(|(c, _)| *c == d.name) {
                    None => {
                        let help = did_you_mean(&d.name, s.iter().map(|(c, _)| c.as_str()))
                            .unwrap_or_else(|| "name the column that dates each record".into());
                        self.error(
                            Diagnostic::error(
                                "E102",
                                format!("records `{name}` have no column `{}`", d.name),
                            )
                            .at(d.span, "no such column")
                            .help(help),
                        );
                    }
                    Some((_, t)) if *t != ColType::Date => {
                        self.error(
                            Diagnostic::error(
                                "E501",
                                format!("`date {}` holds {}, not dates", d.name, t.name()),
                            )
                            .at(d.span, format!("this column holds {}", t.name()))
                            .help(
                                "name the column that dates each record (2025-03-31 or 31.03.2025)",
                            ),
                        );
                    }
                    Some(_) => {
                        decl.used.insert(d.name.clone(), ColType::Date);
                    }
                }
            }
            self.records.push(decl);
            spans.push(r.name.span);
            out.push(RecordsDecl {
                name,
                path,
                key: key_ident.map(|k| k.name).unwrap_or_default(),
                date: date.map(|d| d.name),
                ignore_unknown: ignore,
                encoding,
                span: r.span,
            });
        }
        out
    }

    /// The checked record inputs, with the columns the methodology reads.
    pub(super) fn records_defs(&self, decls: Vec<RecordsDecl>) -> Vec<RecordsDef> {
        decls
            .into_iter()
            .zip(&self.records)
            .map(|(d, r)| RecordsDef {
                name: d.name,
                path: d.path,
                key: d.key,
                date: d.date,
                ignore_unknown: d.ignore_unknown,
                encoding: d.encoding,
                columns: r.used.iter().map(|(c, t)| (c.clone(), *t)).collect(),
                span: d.span,
            })
            .collect()
    }
}
