//! Stage 2: [`ast::Module`] → [`Methodology`]: names resolved, everything validated.
//! Every problem in a file is reported in one run; warnings are kept apart from errors.

pub mod bounds;
mod builtins;
mod columns;
pub mod expand;
mod expr;
mod groups;
mod indicators;
pub mod ir;
mod items;
mod ranking;
mod record_expr;
mod record_inputs;
mod records;
pub mod uncertainty;

pub use ir::*;

use crate::diag::Diagnostic;
use crate::syntax::ast::{self, Span};
use std::collections::{BTreeSet, HashMap};

/// What the checker may learn about the data: the column names of each input.
pub trait Headers {
    /// The column names of input `name` whose path is written as `path`; `Err` says why
    /// they cannot be read (the checker then warns and checks no column of that input).
    fn columns(
        &self,
        name: &str,
        path: &str,
        how: &crate::data::ReadAs,
    ) -> Result<Vec<String>, String>;
    /// Why input `name` at `path` may not be read at all (E113); `None` when it may.
    fn refuse(&self, _name: &str, _path: &str) -> Option<String> {
        None
    }
    /// The columns of record input `name` and their types; `Err` says why they cannot
    /// be read (empty: not looked at, as when checking a file on its own).
    fn record_schema(
        &self,
        _name: &str,
        _path: &str,
        _encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Vec<(String, crate::data::records::ColType)>, String> {
        Err(String::new())
    }
}

/// Checks no column names: for checking a file on its own.
pub struct NoHeaders;

impl Headers for NoHeaders {
    fn columns(&self, _: &str, _: &str, _: &crate::data::ReadAs) -> Result<Vec<String>, String> {
        Err(String::new())
    }
}

/// The result of checking: the methodology when there is no error, and every diagnostic.
#[derive(Debug)]
pub struct Checked {
    /// The checked methodology; `None` when there is any error.
    pub methodology: Option<Methodology>,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// The errors: any one of them stops a run.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
    /// The warnings: the methodology runs, but a reviewer should look.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
}

/// Check a parsed module.
pub fn check(module: &ast::Module, headers: &dyn Headers) -> Checked {
    check_revision(module, headers, None)
}

/// [`check`] a revision merged with its bases, whose text starts at `base_from` of the
/// chain's text: what the bases hold and the revision changes is told at the revision.
pub fn check_revision(
    module: &ast::Module,
    headers: &dyn Headers,
    base_from: Option<usize>,
) -> Checked {
    // the compact forms written out: indicators inside groups, `defaults`
    let (expanded, early) = expand::expand(module);
    let defaults = defaults_spans(module);
    let module = &expanded;
    let mut c = Checker {
        diags: Vec::new(),
        inputs: Vec::new(),
        headers: Vec::new(),
        aliases: Vec::new(),
        indicators: Vec::new(),
        indicator_index: HashMap::new(),
        group_index: HashMap::new(),
        indicator_refs: Vec::new(),
        used_columns: Vec::new(),
        used_texts: Vec::new(),
        records: Vec::new(),
        record_aggs: Vec::new(),
        period: None,
        in_previous: false,
        header_source: headers,
        base_from: base_from.unwrap_or(usize::MAX),
        set_in_revision: base_from.map_or_else(HashMap::new, |b| set_in_revision(module, b)),
    };
    let methodology = c.run(module);
    let mut diagnostics = c.diags;
    for item in &module.items {
        let values: Vec<&ast::Expr> = match item {
            ast::Item::Indicator(ind) => ind
                .fields
                .iter()
                .filter_map(|f| match f {
                    ast::IndicatorField::Value(e, _) => Some(e),
                    _ => None,
                })
                .collect(),
            ast::Item::Exclude(x) => vec![&x.condition],
            _ => Vec::new(),
        };
        for e in values {
            if let Err(d) = expr::fold_constants(e) {
                diagnostics.push(*d);
            }
        }
    }
    diagnostics.extend(early);
    // a default's problem once, not once for every indicator that takes it
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| match d.span {
        Some(s)
            if defaults
                .iter()
                .any(|b| b.start <= s.start && s.end <= b.end) =>
        {
            seen.insert((d.code, s))
        }
        _ => true,
    });
    crate::diag::sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(|d| d.is_error());
    Checked {
        methodology: if has_errors { None } else { methodology },
        diagnostics,
    }
}

/// Where the `defaults` blocks of a module are.
fn defaults_spans(m: &ast::Module) -> Vec<Span> {
    let mut out = Vec::new();
    for item in &m.items {
        match item {
            ast::Item::Defaults(d) => out.push(d.span),
            ast::Item::Group(g) | ast::Item::Score(g) => {
                for e in &g.entries {
                    if let ast::GroupEntry::Defaults(d) = e {
                        out.push(d.span);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A declared input, before its columns are known.
pub(crate) struct DeclaredInput {
    pub name: String,
}

/// A declared indicator.
pub(crate) struct DeclaredIndicator {
    pub name: String,
}

pub(crate) struct Checker<'a> {
    diags: Vec<Diagnostic>,
    inputs: Vec<DeclaredInput>,
    /// Column names of each input, where readable.
    headers: Vec<Option<Vec<String>>>,
    /// The names given to headers of each input (`column население = "…"`): name, header.
    aliases: Vec<Vec<(String, String)>>,
    indicators: Vec<DeclaredIndicator>,
    indicator_index: HashMap<String, usize>,
    group_index: HashMap<String, usize>,
    /// Indicators referred to by the expression being resolved.
    indicator_refs: Vec<(usize, Span)>,
    used_columns: Vec<BTreeSet<String>>,
    /// The columns read as text, each input's (`by regions.district`).
    used_texts: Vec<BTreeSet<String>>,
    /// The record inputs, as declared.
    records: Vec<records::DeclaredRecords>,
    /// The aggregates over records found so far (`IrExpr::Record` indexes them).
    record_aggs: Vec<RecordAgg>,
    /// The reporting periods the header declares.
    period: Option<crate::periods::Scheme>,
    /// Inside `previous(…)`.
    in_previous: bool,
    header_source: &'a dyn Headers,
    /// Where the bases' text starts in a revision's chain (`usize::MAX` for a plain file).
    base_from: usize,
    /// The choices a revision sets (`normalize`, `missing`, `aggregate`) of an indicator or
    /// group, and where it sets them.
    set_in_revision: HashMap<(String, &'static str), Span>,
}

/// The normalizations, missing-data policies and aggregations written in the revision's
/// own text (before `base_from`), by the indicator's or group's name.
fn set_in_revision(m: &ast::Module, base_from: usize) -> HashMap<(String, &'static str), Span> {
    let mut out = HashMap::new();
    for item in &m.items {
        match item {
            ast::Item::Indicator(ind) => {
                for f in &ind.fields {
                    let what = match f {
                        ast::IndicatorField::Normalize(..) => "normalize",
                        ast::IndicatorField::Missing(..) => "missing",
                        _ => continue,
                    };
                    if f.span().start < base_from {
                        out.insert((ind.name.name.clone(), what), f.span());
                    }
                }
            }
            ast::Item::Group(g) => {
                if let (Some(n), Some(a)) = (&g.name, &g.aggregation) {
                    if a.span.start < base_from {
                        out.insert((n.name.clone(), "aggregate"), a.span);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

impl Checker<'_> {
    pub(crate) fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn input_index(&self, name: &str) -> Option<usize> {
        self.inputs.iter().position(|i| i.name == name)
    }

    fn indicator_index(&self, name: &str) -> Option<usize> {
        self.indicator_index.get(name).copied()
    }

    /// The header a name reads in `input`: the one it was given to, or the name itself.
    fn real(&self, input: usize, name: &str) -> String {
        self.aliases[input]
            .iter()
            .find(|(a, _)| a == name)
            .map_or_else(|| name.to_string(), |(_, h)| h.clone())
    }

    /// Whether `input` has a column `name`, by its header or a name given to one.
    fn has_column(&self, input: usize, name: &str) -> bool {
        self.aliases[input].iter().any(|(a, _)| a == name)
            || self.headers[input]
                .as_ref()
                .is_some_and(|h| h.iter().any(|c| c == name))
    }

    fn use_column(&mut self, input: usize, column: &str) {
        self.used_columns[input].insert(column.to_string());
    }

    /// Whether `column` can be read from `input`; reports E102 when the header says no.
    fn column_exists(&mut self, input: usize, column: &str, span: Span) -> bool {
        if self.aliases[input].iter().any(|(a, _)| a == column) {
            return true;
        }
        let Some(h) = &self.headers[input] else {
            return true;
        };
        if h.iter().any(|c| c == column) {
            return true;
        }
        let names = h
            .iter()
            .map(|s| s.as_str())
            .chain(self.aliases[input].iter().map(|(a, _)| a.as_str()));
        let help = crate::diag::did_you_mean_as(column, names, crate::syntax::column_text)
            .unwrap_or_else(|| {
                let columns = expr::join_names(h.iter().map(|s| s.as_str()));
                crate::i18n::t("e102-columns", &[("columns", columns.into())])
            });
        let name = self.inputs[input].name.clone();
        self.error(
            Diagnostic::error(
                "E102",
                crate::i18n::t(
                    "e102-message",
                    &[
                        ("input", name.into()),
                        ("column", crate::syntax::column_text(column).into()),
                    ],
                ),
            )
            .at(span, crate::i18n::t("e102-label", &[]))
            .help(help),
        );
        false
    }
}

/// Children before parents: the nodes `0..n` in a depth-first order along `edges` (each
/// node's `(target, what)` pairs). At the first edge that closes a cycle, `cycle` is called
/// with the path from the root of the search to the edge's source, the source, the target
/// and the edge's `what` — once; the order is `None` then.
pub(super) fn depth_first<E: Copy>(
    edges: &[Vec<(usize, E)>],
    mut cycle: impl FnMut(&[usize], usize, usize, E),
) -> Option<Vec<usize>> {
    let n = edges.len();
    let mut state = vec![0u8; n]; // 0 new, 1 on the path, 2 done
    let mut order = Vec::with_capacity(n);
    let mut found = false;
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        // (node, index of its next edge); iterative, so that no chain is too deep
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&(target, what)) = edges[node].get(*next) else {
                state[node] = 2;
                order.push(node);
                stack.pop();
                continue;
            };
            *next += 1;
            match state[target] {
                0 => {
                    state[target] = 1;
                    stack.push((target, 0));
                }
                1 if !found => {
                    let path: Vec<usize> = stack.iter().map(|(x, _)| *x).collect();
                    cycle(&path, node, target, what);
                    found = true;
                }
                _ => {}
            }
        }
    }
    (!found).then_some(order)
}
