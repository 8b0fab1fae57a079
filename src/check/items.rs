//! Checking a module's items in order — the header and the inputs here, then each kind
//! of item in its own file — and building the [`Methodology`] from them.

use super::expr::{Ctx, Ty};
use super::ir::*;
use super::{Checker, DeclaredIndicator, DeclaredInput};
use crate::builtins::*;
use crate::diag::{did_you_mean, Diagnostic};
use crate::fmt::expr_text;
use crate::i18n::t;
use crate::syntax::ast::{self, Item, Span};
use std::collections::{BTreeSet, HashMap};

impl Checker<'_> {
    pub(super) fn run(&mut self, m: &ast::Module) -> Option<Methodology> {
        // ---- header
        let headers: Vec<&ast::Header> = m
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Header(h) => Some(h),
                _ => None,
            })
            .collect();
        for extra in headers.iter().skip(1) {
            self.error(
                Diagnostic::error("E105", t("e105-second-header", &[]))
                    .at(extra.title.span, t("e105-second-header-label", &[]))
                    .related(headers[0].title.span, t("e105-first-header", &[]))
                    .help(t("e105-second-header-help", &[])),
            );
        }
        let header = headers.first().copied();
        if header.is_none() {
            let at = m.items.first().map(|i| i.span()).unwrap_or_default();
            self.error(
                Diagnostic::error("E201", t("e201-message", &[]))
                    .at(Span::new(at.start, at.start), t("e201-label", &[]))
                    .help(t("e201-help", &[])),
            );
        }
        let mut title = String::new();
        let mut version = None;
        let mut effective = None;
        let mut notes = Vec::new();
        let mut key: Option<ast::Ident> = None;
        let mut label: Option<ast::Ident> = None;
        let mut default_missing = MissingPolicy::Error;
        if let Some(h) = header {
            title = h.title.value.clone();
            let mut seen: HashMap<&str, Span> = HashMap::new();
            for f in &h.fields {
                let kw = match f {
                    ast::HeaderField::Version(..) => "version",
                    ast::HeaderField::Effective(..) => "effective",
                    ast::HeaderField::Key(..) => "key",
                    ast::HeaderField::Label(..) => "label",
                    ast::HeaderField::Note(..) => "note",
                    ast::HeaderField::Missing(..) => "missing",
                    ast::HeaderField::Period(..) => "period",
                    ast::HeaderField::Extends(..) => "extends",
                };
                if !self.first_field(&mut seen, kw, f.span()) {
                    continue;
                }
                match f {
                    ast::HeaderField::Version(s, _) => version = Some(s.value.clone()),
                    ast::HeaderField::Effective(d, sp) => {
                        if !valid_date(d) {
                            self.error(
                                Diagnostic::error("E112", t("e112-message", &[("date", d.into())]))
                                    .at(*sp, t("e112-label", &[]))
                                    .help(t("e112-help", &[])),
                            );
                        }
                        effective = Some(d.clone())
                    }
                    ast::HeaderField::Key(k, _) => key = Some(k.clone()),
                    ast::HeaderField::Label(l, _) => label = Some(l.clone()),
                    ast::HeaderField::Note(s, _) => notes.push(s.value.clone()),
                    ast::HeaderField::Missing(c, _) => {
                        if let Some(p) = self.missing_policy(c) {
                            default_missing = p;
                        }
                    }
                    ast::HeaderField::Period(every, how, _) => {
                        self.period = self.period_scheme(every, how.as_ref());
                    }
                    // a revision is merged with its base before checking (`load`): one
                    // left here was not read
                    ast::HeaderField::Extends(s, _) => self.error(
                        Diagnostic::error(
                            "E120",
                            t("e120-not-read", &[("base", (&s.value).into())]),
                        )
                        .at(s.span, t("e120-not-read-label", &[]))
                        .help(t("e120-not-read-help", &[])),
                    ),
                }
            }
            if key.is_none() {
                self.error(
                    Diagnostic::error("E202", t("e202-message", &[]))
                        .at(h.title.span, t("e202-label", &[]))
                        .help(t("e202-help", &[])),
                );
            }
        }

        // `change` and `remove` are merged into the base before checking (`load`): one
        // left here is in a file that extends nothing
        for item in &m.items {
            let (what, name, at) = match item {
                Item::Change(c) => ("change", &c.name.name, c.span),
                Item::Remove(r) => ("remove", &r.name.name, r.span),
                _ => continue,
            };
            self.error(
                Diagnostic::error(
                    "E121",
                    t(
                        "e121-no-base",
                        &[("what", what.into()), ("name", name.into())],
                    ),
                )
                .at(at, t("e121-no-base-label", &[]))
                .help(t("e121-no-base-help", &[])),
            );
        }

        // ---- inputs
        let mut input_defs: Vec<(String, String, Span, Span)> = Vec::new();
        let mut encodings: Vec<crate::data::ReadAs> = Vec::new();
        let mut given: Vec<&[ast::ColumnAlias]> = Vec::new();
        for item in &m.items {
            if let Item::Input(i) = item {
                if let Some(first) = input_defs.iter().find(|d| d.0 == i.name.name) {
                    self.duplicate("input", &i.name, first.2);
                    continue;
                }
                given.push(&i.columns);
                input_defs.push((
                    i.name.name.clone(),
                    i.path.value.clone(),
                    i.name.span,
                    i.path.span,
                ));
                encodings.push(self.read_as(i));
            }
        }
        if input_defs.is_empty() {
            let at = header.map(|h| h.title.span).unwrap_or_default();
            self.error(
                Diagnostic::error("E203", t("e203-no-input", &[]))
                    .at(at, t("e203-no-input-label", &[]))
                    .help(t("e203-no-input-help", &[])),
            );
        }
        for ((name, path, _, path_span), encoding) in input_defs.iter().zip(&encodings) {
            self.inputs.push(DeclaredInput { name: name.clone() });
            self.used_columns.push(BTreeSet::new());
            self.used_texts.push(BTreeSet::new());
            if let Some(why) = self.header_source.refuse(name, path) {
                self.error(
                    Diagnostic::error("E113", t("e113-message", &[("input", name.into())]))
                        .at(*path_span, why)
                        .help(t("e113-help", &[("input", name.into())])),
                );
                self.headers.push(None);
                continue;
            }
            match self.header_source.columns(name, path, encoding) {
                Ok(cols) => self.headers.push(Some(cols)),
                Err(why) => {
                    if !why.is_empty() {
                        self.diags.push(
                            Diagnostic::warning(
                                "W003",
                                t("w003-message", &[("input", name.into())]),
                            )
                            .at(*path_span, why)
                            .help(t("w003-help", &[])),
                        );
                    }
                    self.headers.push(None);
                }
            }
        }
        for (i, (name, ..)) in input_defs.iter().enumerate() {
            let headers = self.headers[i].clone();
            let aliases = self.declare_aliases(name, given[i], headers.as_deref(), false);
            self.aliases.push(aliases);
        }
        // `key код` where an input gives that name to its header `"Код"`: the key is the
        // header, read by that name in every input
        if let Some(k) = &mut key {
            if let Some(real) = (0..self.inputs.len())
                .map(|i| self.real(i, &k.name))
                .find(|r| *r != k.name)
            {
                if !(0..self.inputs.len()).any(|i| {
                    self.headers[i]
                        .as_ref()
                        .is_some_and(|h| h.contains(&k.name))
                }) {
                    k.name = real;
                }
            }
        }
        if let Some(k) = &key {
            for (i, def) in input_defs.iter().enumerate() {
                if !self.column_exists(i, &k.name, k.span) {
                    let d = self.diags.last_mut().unwrap();
                    d.related.push(crate::diag::Related {
                        span: def.3,
                        label: t("key-column-related", &[]),
                    });
                }
            }
        }
        let taken: Vec<(String, Span)> = input_defs
            .iter()
            .map(|(n, _, s, _)| (n.clone(), *s))
            .collect();
        let record_decls = self.declare_records(m, key.as_ref(), &taken);
        let mut label_def = None;
        if let Some(l) = &label {
            let holder = (0..self.inputs.len())
                .find(|&i| self.has_column(i, &l.name))
                .or_else(|| (0..self.inputs.len()).find(|&i| self.headers[i].is_none()));
            match holder {
                Some(i) => label_def = Some((i, self.real(i, &l.name))),
                None if !self.inputs.is_empty() => {
                    let cols: Vec<&str> = self
                        .headers
                        .iter()
                        .flatten()
                        .flatten()
                        .map(|s| s.as_str())
                        .collect();
                    let help =
                        did_you_mean(&l.name, cols).unwrap_or_else(|| t("e102-label-help", &[]));
                    self.error(
                        Diagnostic::error(
                            "E102",
                            t("e102-label-column", &[("column", (&l.name).into())]),
                        )
                        .at(l.span, t("e102-label", &[]))
                        .help(help),
                    );
                }
                None => {}
            }
        }

        // ---- declare indicators and groups
        let mut ind_asts: Vec<&ast::Indicator> = Vec::new();
        let mut names: HashMap<String, Span> = HashMap::new();
        for item in &m.items {
            if let Item::Indicator(ind) = item {
                if let Some(first) = names.get(&ind.name.name) {
                    self.duplicate("indicator", &ind.name, *first);
                    continue;
                }
                names.insert(ind.name.name.clone(), ind.name.span);
                self.indicator_index
                    .insert(ind.name.name.clone(), self.indicators.len());
                self.indicators.push(DeclaredIndicator {
                    name: ind.name.name.clone(),
                });
                ind_asts.push(ind);
            }
        }
        let mut group_asts: Vec<&ast::Group> = Vec::new();
        let mut scores: Vec<&ast::Group> = Vec::new();
        for item in &m.items {
            match item {
                Item::Group(g) => {
                    let n = g.name.as_ref().unwrap();
                    if let Some(first) = names.get(&n.name) {
                        self.duplicate("group", n, *first);
                        continue;
                    }
                    if n.name == "score" || n.name == "place" {
                        self.error(
                            Diagnostic::error(
                                "E105",
                                t("e105-reserved", &[("name", (&n.name).into())]),
                            )
                            .at(n.span, t("e105-reserved-label", &[]))
                            .help(t("e105-reserved-help", &[])),
                        );
                        continue;
                    }
                    names.insert(n.name.clone(), n.span);
                    self.group_index.insert(n.name.clone(), group_asts.len());
                    group_asts.push(g);
                }
                Item::Score(g) => scores.push(g),
                _ => {}
            }
        }
        for extra in scores.iter().skip(1) {
            self.error(
                Diagnostic::error("E105", t("e105-second-score", &[]))
                    .at(extra.head, t("e105-second-score-label", &[]))
                    .related(scores[0].head, t("e105-first-score", &[]))
                    .help(t("e105-second-score-help", &[])),
            );
        }
        if let (true, Some(h)) = (scores.is_empty(), header) {
            self.error(
                Diagnostic::error("E205", t("e205-message", &[]))
                    .at(h.title.span, t("e205-label", &[]))
                    .help(t("e205-help", &[])),
            );
        }

        // ---- exclusions
        let mut exclusions: Vec<Exclusion> = Vec::new();
        for item in &m.items {
            if let Item::Exclude(x) = item {
                if let Some(cond) = self.condition(&x.condition, Ctx::Exclude) {
                    exclusions.push(Exclusion {
                        condition: cond,
                        condition_text: expr_text(&x.condition),
                        reason: x.reason.value.clone(),
                    });
                }
            }
        }

        // ---- indicators
        let mut defs: Vec<Option<IndicatorDef>> = Vec::new();
        let mut deps: Vec<Vec<(usize, Span)>> = Vec::new();
        let mut norm_spans: Vec<Option<Span>> = Vec::new();
        for ind in &ind_asts {
            let (def, d, ns) = self.indicator(ind, default_missing.clone());
            defs.push(def);
            deps.push(d);
            norm_spans.push(ns);
        }
        let order = self.indicator_order(&ind_asts, &deps);

        // ---- groups
        let mut group_defs: Vec<Option<GroupDef>> = Vec::new();
        let mut member_of: HashMap<String, Span> = HashMap::new();
        let all_groups: Vec<&ast::Group> = group_asts
            .iter()
            .copied()
            .chain(scores.first().copied())
            .collect();
        let mut children: Vec<Vec<NodeRef>> = Vec::new();
        for g in &all_groups {
            let def = self.group(g, &defs, &norm_spans, &mut member_of, &ind_asts);
            children.push(
                def.as_ref()
                    .map(|d| d.members.iter().map(|m| m.node).collect())
                    .unwrap_or_default(),
            );
            group_defs.push(def);
        }
        let group_order = self.group_order(&all_groups, &children);
        for (i, ind) in ind_asts.iter().enumerate() {
            if !member_of.contains_key(&ind.name.name) && defs[i].is_some() {
                self.diags.push(
                    Diagnostic::warning(
                        "W001",
                        t("w001-message", &[("name", (&ind.name.name).into())]),
                    )
                    .at(ind.name.span, t("w001-label", &[]))
                    .help(t("w001-help", &[])),
                );
            }
        }
        for g in &group_asts {
            let n = g.name.as_ref().unwrap();
            if !member_of.contains_key(&n.name) {
                self.diags.push(
                    Diagnostic::warning("W002", t("w002-message", &[("name", (&n.name).into())]))
                        .at(n.span, t("w002-label", &[]))
                        .help(t("w002-help", &[])),
                );
            }
        }

        // ---- rank and zones
        let rank = self.rank(m);
        let zones = self.zones(m);

        if self.diags.iter().any(|d| d.is_error()) {
            return None;
        }
        // Renumber indicators into evaluation order, and groups children-first.
        let order = order?;
        let group_order = group_order?;
        let mut ind_new = vec![0; defs.len()];
        for (new, &old) in order.iter().enumerate() {
            ind_new[old] = new;
        }
        let mut grp_new = vec![0; group_defs.len()];
        for (new, &old) in group_order.iter().enumerate() {
            grp_new[old] = new;
        }
        let remap = |e: &mut IrExpr| remap_expr(e, &ind_new, &grp_new);
        let mut indicators: Vec<IndicatorDef> =
            order.iter().map(|&i| defs[i].clone().unwrap()).collect();
        for ind in &mut indicators {
            remap(&mut ind.value);
        }
        let mut groups: Vec<GroupDef> = group_order
            .iter()
            .map(|&g| group_defs[g].clone().unwrap())
            .collect();
        for g in &mut groups {
            for m in &mut g.members {
                m.node = match m.node {
                    NodeRef::Indicator(i) => NodeRef::Indicator(ind_new[i]),
                    NodeRef::Group(i) => NodeRef::Group(grp_new[i]),
                };
            }
        }
        let mut rank = rank?;
        for (e, _) in &mut rank.then {
            remap(e);
        }
        let mut zones = zones?;
        for z in &mut zones {
            if let ZoneRule::When(e) = &mut z.rule {
                remap(e);
            }
        }
        for x in &mut exclusions {
            remap(&mut x.condition);
        }
        let inputs = input_defs
            .iter()
            .enumerate()
            .map(|(i, (name, path, span, _))| InputDef {
                name: name.clone(),
                path: path.clone(),
                columns: self.used_columns[i].iter().cloned().collect(),
                texts: self.used_texts[i].iter().cloned().collect(),
                encoding: encodings[i].encoding,
                sheet: encodings[i].sheet.clone(),
                header_row: encodings[i].header_row,
                span: *span,
            })
            .collect();
        let records = self.records_defs(record_decls);
        let record_aggs = std::mem::take(&mut self.record_aggs);
        let methodology = Methodology {
            title,
            version,
            effective,
            notes,
            key: key?.name,
            label: label_def,
            inputs,
            records,
            period: self.period,
            record_aggs,
            exclusions,
            indicators,
            groups,
            rank,
            zones,
            uncertainty: None,
        };
        let module = m;
        let mut m = methodology;
        m.uncertainty = self.uncertainty(module, &m)?;
        self.negative_points(&m, |i| {
            let old = order[i];
            (ind_asts[old].name.span, norm_spans[old])
        });
        Some(m)
    }

    /// The one block of a kind (`rank`, `zones`); a second is refused.
    pub(super) fn one_block<'a, T>(
        &mut self,
        blocks: Vec<(&'a T, Span)>,
        keyword: &str,
    ) -> Option<&'a T> {
        let head = |s: Span| Span::new(s.start, s.start + keyword.len());
        for (_, extra) in blocks.iter().skip(1) {
            self.error(
                Diagnostic::error(
                    "E105",
                    t("e105-second-block", &[("keyword", keyword.into())]),
                )
                .at(head(*extra), t("e105-second-block-label", &[]))
                .related(head(blocks[0].1), t("e105-first-block", &[]))
                .help(t("e105-second-block-help", &[])),
            );
        }
        blocks.first().map(|(b, _)| *b)
    }

    pub(super) fn duplicate(&mut self, what: &str, name: &ast::Ident, first: Span) {
        self.error(
            Diagnostic::error("E105", t("e105-twice", &[("name", (&name.name).into())]))
                .at(
                    name.span,
                    t(
                        match what {
                            "input" => "e105-label-input",
                            "indicator" => "e105-label-indicator",
                            "group" => "e105-label-group",
                            _ => "e105-label-zone",
                        },
                        &[],
                    ),
                )
                .related(first, t("e105-first-defined", &[]))
                .help(t("e105-twice-help", &[])),
        );
    }

    /// Whether field `kw` (at `span`) is given for the first time in its block (`note`
    /// may repeat); a second one is E204.
    pub(super) fn first_field<'k>(
        &mut self,
        seen: &mut HashMap<&'k str, Span>,
        kw: &'k str,
        span: Span,
    ) -> bool {
        if kw == "note" {
            return true;
        }
        if let Some(&first) = seen.get(kw) {
            self.error(
                Diagnostic::error("E204", t("e204-message", &[("keyword", kw.into())]))
                    .at(span, t("e204-label", &[]))
                    .related(first, t("e204-first", &[]))
                    .help(t("e204-help", &[("keyword", kw.into())])),
            );
            return false;
        }
        seen.insert(kw, span);
        true
    }

    pub(super) fn condition(&mut self, e: &ast::Expr, ctx: Ctx) -> Option<IrExpr> {
        let (x, ty) = self.expr(e, ctx)?;
        if ty != Ty::Bool {
            self.error(
                Diagnostic::error("E501", t("e501-condition", &[]))
                    .at(e.span, t("e501-condition-label", &[]))
                    .help(t("e501-condition-help", &[])),
            );
            return None;
        }
        Some(x)
    }
}

fn valid_date(d: &str) -> bool {
    crate::data::records::parse_date(d).is_some()
}

fn remap_expr(e: &mut IrExpr, ind: &[usize], grp: &[usize]) {
    e.visit_mut(&mut |x| match x {
        IrExpr::Indicator(i) => *i = ind[*i],
        IrExpr::Group(g) => *g = grp[*g],
        _ => {}
    });
}
