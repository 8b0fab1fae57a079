//! Checking the items of a module: header, inputs, indicators, groups, rank, zones.

use super::expr::{join_names, Ctx, Ty};
use super::ir::*;
use super::{Checker, DeclaredIndicator, DeclaredInput};
use crate::builtins::*;
use crate::diag::{did_you_mean, Diagnostic};
use crate::fmt::expr_text;
use crate::syntax::ast::{self, Item, Span};
use std::collections::{BTreeSet, HashMap};

/// What a built-in call resolved to: its name and constant arguments.
struct Resolved {
    name: String,
    args: Vec<f64>,
}

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
                Diagnostic::error("E105", "a second `methodology` header")
                    .at(extra.title.span, "second header")
                    .related(headers[0].title.span, "first header here")
                    .help("a file describes one methodology; merge the two headers"),
            );
        }
        let header = headers.first().copied();
        if header.is_none() {
            let at = m.items.first().map(|i| i.span()).unwrap_or_default();
            self.error(
                Diagnostic::error("E201", "the file has no `methodology` header")
                    .at(Span::new(at.start, at.start), "expected before this")
                    .help("start the file with `methodology \"Title\" { key region_code }`"),
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
                };
                if kw != "note" {
                    if let Some(first) = seen.get(kw) {
                        self.duplicate_field(kw, f.span(), *first);
                        continue;
                    }
                    seen.insert(kw, f.span());
                }
                match f {
                    ast::HeaderField::Version(s, _) => version = Some(s.value.clone()),
                    ast::HeaderField::Effective(d, sp) => {
                        if !valid_date(d) {
                            self.error(
                                Diagnostic::error("E112", format!("`{d}` is not a date"))
                                    .at(*sp, "no such day")
                                    .help("dates are written YYYY-MM-DD: `2025-01-01`"),
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
                }
            }
            if key.is_none() {
                self.error(
                    Diagnostic::error("E202", "the header does not name the key column")
                        .at(h.title.span, "this methodology has no `key`")
                        .help("add `key region_code`: the column that identifies a region in every input"),
                );
            }
        }

        // ---- inputs
        let mut input_defs: Vec<(String, String, Span, Span)> = Vec::new();
        let mut encodings: Vec<Option<&'static encoding_rs::Encoding>> = Vec::new();
        for item in &m.items {
            if let Item::Input(i) = item {
                if let Some(first) = input_defs.iter().find(|d| d.0 == i.name.name) {
                    self.duplicate("input", &i.name, first.2);
                    continue;
                }
                input_defs.push((
                    i.name.name.clone(),
                    i.path.value.clone(),
                    i.name.span,
                    i.path.span,
                ));
                encodings.push(i.encoding.as_ref().and_then(|e| self.encoding(e)));
            }
        }
        if input_defs.is_empty() {
            let at = header.map(|h| h.title.span).unwrap_or_default();
            self.error(
                Diagnostic::error("E203", "the methodology has no input")
                    .at(at, "no `input` in this file")
                    .help("add `input current \"data/regions.csv\"`"),
            );
        }
        for ((name, path, _, path_span), encoding) in input_defs.iter().zip(&encodings) {
            self.inputs.push(DeclaredInput { name: name.clone() });
            self.used_columns.push(BTreeSet::new());
            if let Some(why) = self.header_source.refuse(name, path) {
                self.error(
                    Diagnostic::error("E113", format!("input `{name}` is outside the methodology's directory"))
                        .at(*path_span, why)
                        .help(format!(
                            "keep the data beside the methodology, or allow it: `--input {name}=PATH` or `--allow-outside`"
                        )),
                );
                self.headers.push(None);
                continue;
            }
            match self.header_source.columns(name, path, *encoding) {
                Ok(cols) => self.headers.push(Some(cols)),
                Err(why) => {
                    if !why.is_empty() {
                        self.diags.push(
                            Diagnostic::warning(
                                "W003",
                                format!("the columns of input `{name}` could not be read"),
                            )
                            .at(*path_span, why)
                            .help("its column names are not checked; `run` will need the file"),
                        );
                    }
                    self.headers.push(None);
                }
            }
        }
        if let Some(k) = &key {
            for (i, def) in input_defs.iter().enumerate() {
                if !self.column_exists(i, &k.name, k.span) {
                    let d = self.diags.last_mut().unwrap();
                    d.related.push(crate::diag::Related {
                        span: def.3,
                        label: "every input needs the key column".into(),
                    });
                }
            }
        }
        let mut label_def = None;
        if let Some(l) = &label {
            let holder = (0..self.inputs.len())
                .find(|&i| {
                    self.headers[i]
                        .as_ref()
                        .is_some_and(|h| h.contains(&l.name))
                })
                .or_else(|| (0..self.inputs.len()).find(|&i| self.headers[i].is_none()));
            match holder {
                Some(i) => label_def = Some((i, l.name.clone())),
                None if !self.inputs.is_empty() => {
                    let cols: Vec<&str> = self
                        .headers
                        .iter()
                        .flatten()
                        .flatten()
                        .map(|s| s.as_str())
                        .collect();
                    let help = did_you_mean(&l.name, cols)
                        .unwrap_or_else(|| "no input has this column".into());
                    self.error(
                        Diagnostic::error(
                            "E102",
                            format!("no input has the label column `{}`", l.name),
                        )
                        .at(l.span, "no such column")
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
                            Diagnostic::error("E105", format!("`{}` is a reserved name", n.name))
                                .at(n.span, "reserved")
                                .help("`score` and `place` name the result of the ranking; choose another name"),
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
                Diagnostic::error("E105", "a second `score`")
                    .at(extra.head, "second score")
                    .related(scores[0].head, "first score here")
                    .help("a methodology has one score; make the other a `group`"),
            );
        }
        if let (true, Some(h)) = (scores.is_empty(), header) {
            self.error(
                Diagnostic::error("E205", "the methodology has no `score`")
                    .at(h.title.span, "nothing says how the score is made")
                    .help("add `score \"Итоговый балл\" { group_a  group_b }` naming the top-level members"),
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
            let (def, d, ns) = self.indicator(ind, default_missing);
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
                    Diagnostic::warning("W001", format!("indicator `{}` is never used in the score", ind.name.name))
                        .at(ind.name.span, "not a member of any group")
                        .help("add it to a group, or delete it if it is no longer part of the methodology"),
                );
            }
        }
        for g in &group_asts {
            let n = g.name.as_ref().unwrap();
            if !member_of.contains_key(&n.name) {
                self.diags.push(
                    Diagnostic::warning(
                        "W002",
                        format!("group `{}` is never used in the score", n.name),
                    )
                    .at(n.span, "not a member of the score or of any group")
                    .help("add it to the score or to another group"),
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
                encoding: encodings[i],
                span: *span,
            })
            .collect();
        let m = Methodology {
            title,
            version,
            effective,
            notes,
            key: key?.name,
            label: label_def,
            inputs,
            exclusions,
            indicators,
            groups,
            rank,
            zones,
        };
        self.negative_points(&m, |i| {
            let old = order[i];
            (ind_asts[old].name.span, norm_spans[old])
        });
        Some(m)
    }

    /// W007: where a sum of points can go below 0, each indicator that takes it there.
    fn negative_points(&mut self, m: &Methodology, spans: impl Fn(usize) -> (Span, Option<Span>)) {
        let mut found = Vec::new();
        for (g, grp) in m.groups.iter().enumerate() {
            if grp.aggregation == Aggregation::Sum && m.group_range(g).lo < 0.0 {
                m.negative_indicators(g, &mut found);
            }
        }
        for i in found {
            let ind = &m.indicators[i];
            let (lo, _) = ind.normalization.range();
            let (name, norm) = spans(i);
            let why = if norm.is_none() {
                "can be below 0".to_string()
            } else if lo.is_finite() {
                format!("`{}` goes down to {lo}", ind.normalization.name())
            } else {
                format!("`{}` has no lower bound", ind.normalization.name())
            };
            let mut d = Diagnostic::warning(
                "W007",
                format!("`{}` can give a region negative points", ind.name),
            )
            .at(name, why)
            .help("normalize it on 0..1 (`minmax`, `goalposts`, `rank`), or keep it if a region is meant to lose points");
            match norm {
                Some(s) => d = d.related(s, "this normalization gives values below 0"),
                None => d = d.at(name, "not normalized: the raw value is used"),
            }
            self.diags.push(d);
        }
    }

    /// The one block of a kind (`rank`, `zones`); a second is refused.
    fn one_block<'a, T>(&mut self, blocks: Vec<(&'a T, Span)>, keyword: &str) -> Option<&'a T> {
        let head = |s: Span| Span::new(s.start, s.start + keyword.len());
        for (_, extra) in blocks.iter().skip(1) {
            self.error(
                Diagnostic::error("E105", format!("a second `{keyword}` block"))
                    .at(head(*extra), "second")
                    .related(head(blocks[0].1), "first here")
                    .help("merge the two blocks"),
            );
        }
        blocks.first().map(|(b, _)| *b)
    }

    fn duplicate(&mut self, what: &str, name: &ast::Ident, first: Span) {
        self.error(
            Diagnostic::error("E105", format!("`{}` is defined twice", name.name))
                .at(name.span, format!("this {what} has the name"))
                .related(first, "first defined here")
                .help("rename one of them: indicators, groups and inputs each need a unique name"),
        );
    }

    fn duplicate_field(&mut self, kw: &str, span: Span, first: Span) {
        self.error(
            Diagnostic::error("E204", format!("`{kw}` is given twice"))
                .at(span, "second time")
                .related(first, "first given here")
                .help(format!("keep one `{kw}`")),
        );
    }

    fn condition(&mut self, e: &ast::Expr, ctx: Ctx) -> Option<IrExpr> {
        let (x, t) = self.expr(e, ctx)?;
        if t != Ty::Bool {
            self.error(
                Diagnostic::error("E501", "a condition is needed here, found a number")
                    .at(e.span, "this is a number")
                    .help("compare it with something: `x > 0`, `missing(x)`"),
            );
            return None;
        }
        Some(x)
    }

    /// Look up a built-in call in a table of (name, argument counts), evaluating its
    /// constant arguments.
    fn builtin(
        &mut self,
        c: &ast::Call,
        kind: &str,
        table: &[(&str, &[usize])],
    ) -> Option<Resolved> {
        let name = c.name.name.as_str();
        let Some((_, arities)) = table.iter().find(|(n, _)| *n == name) else {
            let help = did_you_mean(name, table.iter().map(|(n, _)| *n)).unwrap_or_else(|| {
                format!(
                    "the {kind}s are: {}",
                    join_names(table.iter().map(|(n, _)| *n))
                )
            });
            self.error(
                Diagnostic::error("E108", format!("unknown {kind} `{name}`"))
                    .at(c.name.span, format!("not a {kind}"))
                    .help(help),
            );
            return None;
        };
        let given = c.args.as_ref().map(|a| a.len()).unwrap_or(0);
        if !arities.contains(&given) {
            let want: Vec<String> = arities.iter().map(|a| a.to_string()).collect();
            self.error(
                Diagnostic::error(
                    "E109",
                    format!(
                        "`{name}` takes {} argument(s), found {given}",
                        want.join(" or ")
                    ),
                )
                .at(c.span, format!("{given} given"))
                .help(builtin_example(name)),
            );
            return None;
        }
        let mut args = Vec::new();
        let mut ok = true;
        for a in c.args.iter().flatten() {
            match self.const_eval(a) {
                Some(v) => args.push(v),
                None => ok = false,
            }
        }
        ok.then(|| Resolved {
            name: name.to_string(),
            args,
        })
    }

    fn missing_policy(&mut self, c: &ast::Call) -> Option<MissingPolicy> {
        let r = self.builtin(c, "missing-data policy", MISSING_POLICIES)?;
        Some(match r.name.as_str() {
            "error" => MissingPolicy::Error,
            "zero" => MissingPolicy::Zero,
            "mean" => MissingPolicy::Mean,
            "median" => MissingPolicy::Median,
            "min" => MissingPolicy::Min,
            "max" => MissingPolicy::Max,
            "value" => MissingPolicy::Value(r.args[0]),
            _ => MissingPolicy::Exclude,
        })
    }

    fn transform(&mut self, c: &ast::Call) -> Option<Transform> {
        let r = self.builtin(c, "transform", TRANSFORMS)?;
        Some(match r.name.as_str() {
            "log" => Transform::Log,
            "log1p" => Transform::Log1p,
            "sqrt" => Transform::Sqrt,
            "cap" => {
                let (lo, hi) = (r.args[0], r.args[1]);
                if lo >= hi {
                    self.error(
                        Diagnostic::error(
                            "E404",
                            format!("`cap({lo}, {hi})`: the lower bound is not below the upper"),
                        )
                        .at(c.span, "lo ≥ hi")
                        .help("write the bounds in order: `cap(lo, hi)` with lo < hi"),
                    );
                    return None;
                }
                Transform::Cap(lo, hi)
            }
            _ => {
                let (lo, hi) = (r.args[0], r.args[1]);
                if !((0.0..1.0).contains(&lo) && lo < hi && hi <= 1.0) {
                    self.error(
                        Diagnostic::error(
                            "E403",
                            "`winsorize` needs two shares with 0 ≤ low < high ≤ 100%",
                        )
                        .at(c.span, format!("low {} and high {}", pct(lo), pct(hi)))
                        .help("for example `winsorize(5%, 95%)`"),
                    );
                    return None;
                }
                Transform::Winsorize(lo, hi)
            }
        })
    }

    fn normalization(
        &mut self,
        n: &ast::Normalize,
        better: Option<ast::Direction>,
    ) -> Option<Normalization> {
        match n {
            ast::Normalize::Bands(b) => self.bands(b, better),
            ast::Normalize::Call(c) => {
                let r = self.builtin(c, "normalization", NORMALIZATIONS)?;
                Some(match r.name.as_str() {
                    "minmax" if r.args.is_empty() => Normalization::MinMax,
                    "minmax" => {
                        let (lo, hi) = (r.args[0], r.args[1]);
                        if lo >= hi {
                            self.error(
                                Diagnostic::error("E404", format!("`minmax({lo}, {hi})`: the lower end is not below the upper"))
                                    .at(c.span, "lo ≥ hi")
                                    .help("the result runs from lo (worst) to hi (best): write `minmax(0.01, 1)`"),
                            );
                            return None;
                        }
                        Normalization::MinMaxTo(lo, hi)
                    }
                    "zscore" => Normalization::ZScore,
                    "goalposts" => {
                        let (lo, hi) = (r.args[0], r.args[1]);
                        if lo >= hi {
                            self.error(
                                Diagnostic::error("E401", format!("goalposts({lo}, {hi}): the lower goalpost is not below the upper"))
                                    .at(c.span, "lo ≥ hi")
                                    .help("write `goalposts(lo, hi)` with lo < hi; for `better lower` the direction is set by `better`, not by the order"),
                            );
                            return None;
                        }
                        Normalization::Goalposts(lo, hi)
                    }
                    "ratio_to_best" => Normalization::RatioToBest,
                    "target" => {
                        let t = r.args[0];
                        if t <= 0.0 {
                            self.error(
                                Diagnostic::error("E405", format!("`target({t})`: the target must be positive"))
                                    .at(c.span, "not positive")
                                    .help("the result is x / target capped at 1; use `goalposts` for other scales"),
                            );
                            return None;
                        }
                        Normalization::Target(t)
                    }
                    "rank" => Normalization::Rank,
                    "bands" => {
                        self.error(
                            Diagnostic::error("E109", "`bands` needs its bands")
                                .at(c.span, "no bands given")
                                .help("write `bands { >= 80% : 1  >= 60% : 0.5  else : 0 }`"),
                        );
                        return None;
                    }
                    _ => Normalization::None,
                })
            }
        }
    }

    fn bands(&mut self, b: &ast::Bands, better: Option<ast::Direction>) -> Option<Normalization> {
        use ast::CmpOp::*;
        let mut out = Vec::new();
        let mut ok = true;
        for band in &b.bands {
            let t = self.const_eval(&band.threshold);
            let v = self.const_eval(&band.value);
            match (t, v) {
                (Some(t), Some(v)) => out.push((
                    band,
                    Band {
                        op: band.op,
                        threshold: t,
                        value: v,
                    },
                )),
                _ => ok = false,
            }
        }
        let otherwise = self.const_eval(&b.otherwise);
        if !ok {
            return None;
        }
        let otherwise = otherwise?;
        if out.is_empty() {
            return Some(Normalization::Bands(Vec::new(), otherwise));
        }
        let down = matches!(out[0].1.op, Ge | Gt);
        for (band, bd) in &out {
            if matches!(bd.op, Eq | Ne) {
                self.error(
                    Diagnostic::error("E402", "bands compare with `>=`, `>`, `<=` or `<`")
                        .at(band.span, "an equality band")
                        .help("bands are thresholds: `>= 80% : 1`"),
                );
                return None;
            }
            if matches!(bd.op, Ge | Gt) != down {
                self.error(
                    Diagnostic::error("E402", "bands mix `>=` with `<=`")
                        .at(band.span, "this band goes the other way")
                        .related(out[0].0.span, "the first band sets the direction")
                        .help("list thresholds from the best down with `>=`, or from the best up with `<=`"),
                );
                return None;
            }
        }
        for w in out.windows(2) {
            let (a, b2) = (&w[0], &w[1]);
            let ordered = if down {
                b2.1.threshold < a.1.threshold
            } else {
                b2.1.threshold > a.1.threshold
            };
            if !ordered {
                self.error(
                    Diagnostic::error("E402", "bands are out of order")
                        .at(b2.0.threshold.span, "this band can never be reached")
                        .related(
                            a.0.threshold.span,
                            "an earlier band already takes these values",
                        )
                        .help(if down {
                            "with `>=` list the thresholds from the highest down"
                        } else {
                            "with `<=` list the thresholds from the lowest up"
                        }),
                );
                return None;
            }
        }
        // Direction: with `>=` bands, higher values come first; their values should then
        // not rise for `better higher`.
        if let Some(dir) = better {
            let vals: Vec<f64> = out.iter().map(|x| x.1.value).chain([otherwise]).collect();
            let falls = vals.windows(2).all(|w| w[1] <= w[0]);
            let rises = vals.windows(2).all(|w| w[1] >= w[0]);
            let suspicious = match (dir, down) {
                (ast::Direction::Higher, true) | (ast::Direction::Lower, false) => rises && !falls,
                _ => falls && !rises,
            };
            if suspicious {
                self.diags.push(
                    Diagnostic::warning("W005", "the bands reward the worse direction")
                        .at(b.span, "values rise towards the worse end")
                        .help("bands give their values as written; check `better` and the band values"),
                );
            }
        }
        Some(Normalization::Bands(
            out.into_iter().map(|x| x.1).collect(),
            otherwise,
        ))
    }

    /// The encoding an input names, by its WHATWG label (`windows-1251`, `cp1251`,
    /// `koi8-r`, `utf-8`, …); E114 for a name no encoding has.
    fn encoding(&mut self, e: &ast::Str) -> Option<&'static encoding_rs::Encoding> {
        match encoding_rs::Encoding::for_label(e.value.trim().as_bytes()) {
            Some(enc) if enc != encoding_rs::REPLACEMENT => Some(enc),
            _ => {
                self.error(
                    Diagnostic::error("E114", format!("no encoding is called `{}`", e.value))
                        .at(e.span, "unknown encoding")
                        .help("Russian files are mostly \"utf-8\", \"windows-1251\", \"koi8-r\" or \"ibm866\""),
                );
                None
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn indicator(
        &mut self,
        ind: &ast::Indicator,
        default_missing: MissingPolicy,
    ) -> (Option<IndicatorDef>, Vec<(usize, Span)>, Option<Span>) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut value = None;
        let mut value_text = String::new();
        let mut better = None;
        let mut unit = None;
        let mut transforms = Vec::new();
        let mut normalization = None;
        let mut norm_ast = None;
        let mut norm_span = None;
        let mut missing = None;
        let mut notes = Vec::new();
        let mut ok = true;
        self.indicator_refs.clear();
        for f in &ind.fields {
            let kw = f.keyword();
            if kw != "note" {
                if let Some(first) = seen.get(kw) {
                    self.duplicate_field(kw, f.span(), *first);
                    ok = false;
                    continue;
                }
                seen.insert(kw, f.span());
            }
            match f {
                ast::IndicatorField::Value(e, _) => {
                    value_text = expr_text(e);
                    match self.expr(e, Ctx::Value) {
                        Some((x, Ty::Num)) => value = Some(x),
                        Some((_, Ty::Bool)) => {
                            self.error(
                                Diagnostic::error(
                                    "E501",
                                    "an indicator's value must be a number, found a condition",
                                )
                                .at(e.span, "this is a condition")
                                .help(
                                    "write `if … then 1 else 0` to count a condition as a number",
                                ),
                            );
                            ok = false;
                        }
                        None => ok = false,
                    }
                }
                ast::IndicatorField::Better(d, _) => better = Some(*d),
                ast::IndicatorField::Unit(s, _) => unit = Some(s.value.clone()),
                ast::IndicatorField::Transform(cs, _) => {
                    for c in cs {
                        match self.transform(c) {
                            Some(t) => transforms.push(t),
                            None => ok = false,
                        }
                    }
                }
                ast::IndicatorField::Normalize(n, sp) => {
                    norm_ast = Some(n);
                    norm_span = Some(*sp);
                }
                ast::IndicatorField::Missing(c, _) => match self.missing_policy(c) {
                    Some(p) => missing = Some(p),
                    None => ok = false,
                },
                ast::IndicatorField::Note(s, _) => notes.push(s.value.clone()),
            }
        }
        if let Some(n) = norm_ast {
            match self.normalization(n, better) {
                Some(n) => normalization = Some(n),
                None => ok = false,
            }
        }
        let refs = std::mem::take(&mut self.indicator_refs);
        for (kw, what) in [
            ("value", "what is measured: `value = input.column`"),
            (
                "better",
                "which way is better: `better higher` or `better lower`",
            ),
        ] {
            if !seen.contains_key(kw) {
                self.error(
                    Diagnostic::error(
                        "E203",
                        format!("indicator `{}` has no `{kw}`", ind.name.name),
                    )
                    .at(ind.name.span, format!("`{kw}` is required"))
                    .help(format!("add {what}")),
                );
                ok = false;
            }
        }
        let columns = value.as_ref().map(columns_of).unwrap_or_default();
        let def = if ok {
            Some(IndicatorDef {
                name: ind.name.name.clone(),
                title: ind.title.value.clone(),
                unit,
                value: value.unwrap(),
                value_text,
                better: better.unwrap(),
                transforms,
                normalization: normalization.unwrap_or(Normalization::None),
                missing: missing.unwrap_or(default_missing),
                notes,
                columns,
            })
        } else {
            None
        };
        (def, refs, norm_span)
    }

    /// Topological order of indicators by the references in their values.
    fn indicator_order(
        &mut self,
        asts: &[&ast::Indicator],
        deps: &[Vec<(usize, Span)>],
    ) -> Option<Vec<usize>> {
        let n = asts.len();
        let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
        let mut order = Vec::new();
        let mut reported = false;
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            // Iterative DFS: (node, next dependency index).
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if *next < deps[node].len() {
                    let (dep, span) = deps[node][*next];
                    *next += 1;
                    match state[dep] {
                        0 => {
                            state[dep] = 1;
                            stack.push((dep, 0));
                        }
                        1 if !reported && dep == node => {
                            // `value = LPI` in `indicator LPI`: the indicator itself,
                            // where a column of the same name was meant
                            let name = asts[node].name.name.as_str();
                            let with_column: Vec<String> = self
                                .inputs
                                .iter()
                                .zip(&self.headers)
                                .filter(|(_, h)| {
                                    h.as_ref().is_none_or(|h| h.iter().any(|c| c == name))
                                })
                                .map(|(i, _)| format!("`{}.{name}`", i.name))
                                .collect();
                            let help = if with_column.is_empty() {
                                "an indicator's value cannot use the indicator itself; rename the indicator or the column it means".to_string()
                            } else {
                                format!(
                                    "a bare `{name}` here is the indicator itself; the column of that name is written {}",
                                    with_column.join(" or ")
                                )
                            };
                            self.error(
                                Diagnostic::error("E107", format!("`{name}` refers to itself"))
                                    .at(span, "the indicator itself, not a column")
                                    .related(asts[node].name.span, "the indicator")
                                    .help(help),
                            );
                            reported = true;
                        }
                        1 if !reported => {
                            let pos = stack.iter().position(|(x, _)| *x == dep).unwrap();
                            let cycle: Vec<&str> = stack[pos..]
                                .iter()
                                .map(|(x, _)| asts[*x].name.name.as_str())
                                .chain([asts[dep].name.name.as_str()])
                                .collect();
                            self.error(
                                Diagnostic::error(
                                    "E107",
                                    "indicators refer to each other in a cycle",
                                )
                                .at(
                                    span,
                                    format!(
                                        "`{}` refers to `{}` here",
                                        asts[node].name.name, asts[dep].name.name
                                    ),
                                )
                                .related(
                                    asts[dep].name.span,
                                    "which depends on the indicator that refers to it",
                                )
                                .help(format!("the cycle: {}", cycle.join(" → "))),
                            );
                            reported = true;
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        (!reported).then_some(order)
    }

    fn group(
        &mut self,
        g: &ast::Group,
        defs: &[Option<IndicatorDef>],
        norm_spans: &[Option<Span>],
        member_of: &mut HashMap<String, Span>,
        ind_asts: &[&ast::Indicator],
    ) -> Option<GroupDef> {
        let gname = g
            .name
            .as_ref()
            .map(|n| n.name.clone())
            .unwrap_or_else(|| "score".into());
        let mut ok = true;
        let mut members: Vec<(NodeRef, &ast::Member)> = Vec::new();
        let mut notes = Vec::new();
        for e in &g.entries {
            let m = match e {
                ast::GroupEntry::Note(s, _) => {
                    notes.push(s.value.clone());
                    continue;
                }
                ast::GroupEntry::Member(m) => m,
            };
            let name = &m.name.name;
            let node = if let Some(i) = self.indicator_index(name) {
                NodeRef::Indicator(i)
            } else if let Some(&gi) = self.group_index.get(name) {
                NodeRef::Group(gi)
            } else {
                let mut cands: Vec<&str> =
                    self.indicators.iter().map(|i| i.name.as_str()).collect();
                cands.extend(self.group_index.keys().map(|s| s.as_str()));
                let help = did_you_mean(name, cands).unwrap_or_else(|| {
                    "members are indicators or groups defined in this file".into()
                });
                self.error(
                    Diagnostic::error("E103", format!("unknown indicator or group `{name}`"))
                        .at(m.name.span, "not defined")
                        .help(help),
                );
                ok = false;
                continue;
            };
            if let Some(first) = member_of.get(name) {
                self.error(
                    Diagnostic::error("E206", format!("`{name}` is a member twice"))
                        .at(m.name.span, "second membership")
                        .related(*first, "already a member here")
                        .help("each indicator and group belongs to exactly one group; split its weight into one place"),
                );
                ok = false;
                continue;
            }
            member_of.insert(name.clone(), m.name.span);
            members.push((node, m));
        }
        if members.is_empty() && ok {
            self.error(
                Diagnostic::error("E207", format!("`{gname}` has no members"))
                    .at(g.head, "empty")
                    .help("list the indicators or groups it is made of"),
            );
            return None;
        }
        // Weights
        let kind = |m: &ast::Member| match &m.weight {
            None => 0,
            Some(w) => match w.kind {
                ast::WeightKind::Points => 1,
                ast::WeightKind::Weight if w.value.percent => 2,
                ast::WeightKind::Weight => 3,
            },
        };
        let scheme = match members.first().map(|(_, m)| kind(m)) {
            Some(1) => WeightScheme::Points,
            Some(2) => WeightScheme::Percent,
            Some(3) => WeightScheme::Relative,
            _ => WeightScheme::Equal,
        };
        let first = members.first().map(|(_, m)| *m);
        let mut weights = Vec::new();
        for (_, m) in &members {
            let k = kind(m);
            let want = match scheme {
                WeightScheme::Equal => 0,
                WeightScheme::Points => 1,
                WeightScheme::Percent => 2,
                WeightScheme::Relative => 3,
            };
            if k != want {
                let (code, msg, help) = match (want, k) {
                    (1, _) | (_, 1) => ("E302", "points and weights are mixed in one group", "give every member `points N`, or every member `weight`"),
                    (2, 3) | (3, 2) => ("E303", "percentage and relative weights are mixed", "give every member `weight N%` (adding up to 100%) or every member a relative `weight N`"),
                    _ => ("E307", "some members have a weight and some do not", "give every member a weight, or none (equal weights)"),
                };
                self.error(
                    Diagnostic::error(code, format!("{msg} in `{gname}`"))
                        .at(m.span, describe_weight(m))
                        .related(
                            first.unwrap().span,
                            format!("{} here", describe_weight(first.unwrap())),
                        )
                        .help(help),
                );
                ok = false;
                continue;
            }
            let w = match &m.weight {
                None => 1.0,
                Some(w) => {
                    let Some(v) = self.number(&w.value) else {
                        ok = false;
                        continue;
                    };
                    if v <= 0.0 || (w.value.percent && matches!(w.kind, ast::WeightKind::Points)) {
                        self.error(
                            Diagnostic::error("E304", "a weight must be a positive number")
                                .at(w.span, "not a positive weight")
                                .help("remove the member rather than giving it no weight; points are plain numbers"),
                        );
                        ok = false;
                        continue;
                    }
                    v
                }
            };
            weights.push(w);
        }
        if ok && scheme == WeightScheme::Percent {
            let sum: f64 = weights.iter().sum();
            if (sum - 1.0).abs() > 1e-9 {
                self.error(
                    Diagnostic::error(
                        "E301",
                        format!("the weights of `{gname}` add up to {}, not 100%", pct(sum)),
                    )
                    .at(g.head, format!("weights add up to {}", pct(sum)))
                    .help(format!(
                        "weights add up to {}; {} {} to reach 100%",
                        pct(sum),
                        if sum < 1.0 { "add" } else { "take away" },
                        pct((1.0 - sum).abs())
                    )),
                );
                ok = false;
            }
        }
        // Aggregation
        let aggregation = match &g.aggregation {
            None if scheme == WeightScheme::Points => Aggregation::Sum,
            None => Aggregation::Mean,
            Some(a) => match Aggregation::lookup(&a.name) {
                Some(x) => x,
                None => {
                    let help = did_you_mean(&a.name, Aggregation::ALL.iter().map(|(n, _)| *n))
                        .unwrap_or_else(|| "aggregations: mean geometric harmonic sum min".into());
                    self.error(
                        Diagnostic::error("E108", format!("unknown aggregation `{}`", a.name))
                            .at(a.span, "not an aggregation")
                            .help(help),
                    );
                    return None;
                }
            },
        };
        if scheme == WeightScheme::Points && aggregation != Aggregation::Sum {
            self.error(
                Diagnostic::error(
                    "E305",
                    format!(
                        "points are summed, but `{gname}` is aggregated by `{}`",
                        aggregation.name()
                    ),
                )
                .at(g.aggregation.as_ref().unwrap().span, "not `sum`")
                .help(
                    "remove the aggregation (points are summed), or use weights instead of points",
                ),
            );
            ok = false;
        }
        if aggregation == Aggregation::Min && scheme != WeightScheme::Equal {
            self.diags.push(
                Diagnostic::warning(
                    "W004",
                    format!("`{gname}` takes the smallest member; its weights are not used"),
                )
                .at(g.aggregation.as_ref().unwrap().span, "weights are ignored")
                .help("remove the weights, or aggregate by `mean`"),
            );
        }
        if matches!(aggregation, Aggregation::Geometric | Aggregation::Harmonic) {
            for (node, m) in &members {
                if let NodeRef::Indicator(i) = node {
                    if let Some(def) = &defs[*i] {
                        if def.normalization.can_reach_zero() {
                            let mut d = Diagnostic::error(
                                "E306",
                                format!(
                                    "`{}` can be 0 or negative, which collapses the {} mean of `{gname}`",
                                    m.name.name,
                                    aggregation.name()
                                ),
                            )
                            .at(m.name.span, format!("normalized by `{}`", def.normalization.name()))
                            .help("normalize it so that it stays above 0: `minmax(0.01, 1)`, or `goalposts(lo, hi)` with the worse goalpost beyond every value a region can have");
                            if let Some(s) = norm_spans[*i] {
                                d = d.related(s, "this normalization reaches 0");
                            } else {
                                d = d.related(
                                    ind_asts[*i].name.span,
                                    "no normalization: the raw value is used",
                                );
                            }
                            self.error(d);
                            ok = false;
                        } else if let Normalization::Goalposts(lo, hi) = def.normalization {
                            // 0 for every region at or beyond the worse goalpost
                            let worse = if def.better == ast::Direction::Lower {
                                hi
                            } else {
                                lo
                            };
                            let mut d = Diagnostic::warning(
                                "W006",
                                format!(
                                    "`{}` is 0 for a region at or beyond its goalpost {}, which collapses the {} mean of `{gname}` to 0",
                                    m.name.name,
                                    worse,
                                    aggregation.name()
                                ),
                            )
                            .at(m.name.span, "normalized by `goalposts`")
                            .help("put the worse goalpost beyond every value a region can have (UNDP's HDI sets life expectancy's at 20 years), or normalize by `minmax(0.01, 1)`");
                            if let Some(s) = norm_spans[*i] {
                                d = d.related(s, "0 at this goalpost");
                            }
                            self.diags.push(d);
                        }
                    }
                }
            }
        }
        if !ok {
            return None;
        }
        Some(GroupDef {
            name: gname,
            title: g.title.value.clone(),
            aggregation,
            scheme,
            members: members
                .iter()
                .zip(weights)
                .map(|((node, _), weight)| MemberDef {
                    node: *node,
                    weight,
                })
                .collect(),
            notes,
        })
    }

    /// Children before parents; cycles reported.
    fn group_order(
        &mut self,
        groups: &[&ast::Group],
        children: &[Vec<NodeRef>],
    ) -> Option<Vec<usize>> {
        let n = groups.len();
        let mut state = vec![0u8; n];
        let mut order = Vec::new();
        let mut ok = true;
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let kids: Vec<usize> = children[node]
                    .iter()
                    .filter_map(|c| match c {
                        NodeRef::Group(g) => Some(*g),
                        _ => None,
                    })
                    .collect();
                if *next < kids.len() {
                    let k = kids[*next];
                    *next += 1;
                    match state[k] {
                        0 => {
                            state[k] = 1;
                            stack.push((k, 0));
                        }
                        1 => {
                            if ok {
                                let name = |i: usize| {
                                    groups[i]
                                        .name
                                        .as_ref()
                                        .map(|x| x.name.clone())
                                        .unwrap_or_else(|| "score".into())
                                };
                                self.error(
                                    Diagnostic::error("E107", "groups contain each other in a cycle")
                                        .at(groups[node].head, format!("`{}` contains `{}`", name(node), name(k)))
                                        .related(groups[k].head, "which contains, directly or not, the first")
                                        .help("a group cannot be inside itself; remove one of the memberships"),
                                );
                            }
                            ok = false;
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        // The score (the last of `groups`, when present) goes last.
        ok.then_some(order)
    }

    fn rank(&mut self, m: &ast::Module) -> Option<RankDef> {
        let mut rank = RankDef {
            round: None,
            ties: TieMethod::Dense,
            then: Vec::new(),
            then_text: Vec::new(),
        };
        let blocks: Vec<(&ast::Rank, Span)> = m
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rank(r) => Some((r, r.span)),
                _ => None,
            })
            .collect();
        let blocks = self.one_block(blocks, "rank");
        let Some(r) = blocks else {
            return Some(rank);
        };
        let mut ok = true;
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for f in &r.fields {
            let kw = match f {
                ast::RankField::Round(..) => "round",
                ast::RankField::Ties(..) => "ties",
                ast::RankField::Then(..) => "then",
            };
            if let Some(first) = seen.get(kw) {
                self.duplicate_field(kw, f.span(), *first);
                ok = false;
                continue;
            }
            seen.insert(kw, f.span());
            match f {
                ast::RankField::Round(n, _) => match self.number(n) {
                    Some(v) if v <= 15.0 && v.fract() == 0.0 => rank.round = Some(v as u32),
                    Some(_) => {
                        self.error(
                            Diagnostic::error(
                                "E111",
                                "`round` takes a whole number of decimals from 0 to 15",
                            )
                            .at(n.span, "out of range")
                            .help("`round 0` rounds the score to whole points before ranking"),
                        );
                        ok = false;
                    }
                    None => ok = false,
                },
                ast::RankField::Ties(t, _) => match TieMethod::lookup(&t.name) {
                    Some(x) => rank.ties = x,
                    None => {
                        let help = did_you_mean(&t.name, TieMethod::ALL.iter().map(|(n, _)| *n))
                            .unwrap_or_else(|| {
                                "tie methods: dense competition ordinal average".into()
                            });
                        self.error(
                            Diagnostic::error("E108", format!("unknown tie method `{}`", t.name))
                                .at(t.span, "not a tie method")
                                .help(help),
                        );
                        ok = false;
                    }
                },
                ast::RankField::Then(tbs, _) => {
                    for tb in tbs {
                        let r = self.expr(&tb.expr, Ctx::TieBreak);
                        match r {
                            Some((_, Ty::Bool)) => {
                                self.error(
                                    Diagnostic::error("E502", "a tie-breaker must be a number, found a condition")
                                        .at(tb.expr.span, "a condition does not order regions")
                                        .help("break ties by an indicator, a group, or a column: `then satisfaction desc`"),
                                );
                                ok = false;
                            }
                            Some((x, Ty::Num)) => match tb.order {
                                Some(o) => {
                                    rank.then.push((x, o));
                                    rank.then_text.push(expr_text(&tb.expr));
                                }
                                None => {
                                    self.error(
                                        Diagnostic::error("E503", "a tie-breaker needs `asc` or `desc`")
                                            .at(tb.expr.span, "which way?")
                                            .help(format!("write `{} desc` if larger wins, `{} asc` if smaller wins", expr_text(&tb.expr), expr_text(&tb.expr))),
                                    );
                                    ok = false;
                                }
                            },
                            None => ok = false,
                        }
                    }
                }
            }
        }
        ok.then_some(rank)
    }

    fn zones(&mut self, m: &ast::Module) -> Option<Vec<ZoneDef>> {
        let blocks: Vec<(&ast::Zones, Span)> = m
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Zones(z) => Some((z, z.span)),
                _ => None,
            })
            .collect();
        let blocks = self.one_block(blocks, "zones");
        let Some(z) = blocks else {
            return Some(Vec::new());
        };
        let mut ok = true;
        let mut out = Vec::new();
        let mut names: HashMap<&str, Span> = HashMap::new();
        let mut catch_all: Option<Span> = None;
        // (threshold, strict, span) of the previous `score >= c` zone.
        let mut prev_threshold: Option<(f64, Span)> = None;
        let mut prev_top: Option<(u32, Span)> = None;
        let mut prev_kind_places = false;
        for zone in &z.zones {
            if let Some(first) = names.get(zone.name.name.as_str()) {
                self.duplicate("zone", &zone.name, *first);
                ok = false;
            }
            names.insert(&zone.name.name, zone.name.span);
            if let Some(ca) = catch_all {
                self.error(
                    Diagnostic::error(
                        "E602",
                        format!("zone `{}` can never be reached", zone.name.name),
                    )
                    .at(zone.span, "after the catch-all zone")
                    .related(ca, "every remaining region is already placed here")
                    .help("the zone that takes all remaining regions must come last"),
                );
                ok = false;
                continue;
            }
            let rule = match &zone.rule {
                ast::ZoneRule::When(e) => {
                    prev_kind_places = false;
                    if let Some((t, _)) = score_threshold(e) {
                        if let Some((pt, ps)) = prev_threshold {
                            if t >= pt {
                                self.error(
                                    Diagnostic::error("E602", format!("zone `{}` overlaps the zone before it", zone.name.name))
                                        .at(e.span, format!("every region with score ≥ {t} is already in an earlier zone"))
                                        .related(ps, "this zone takes them first")
                                        .help("zones are tried in order: list thresholds from the highest down"),
                                );
                                ok = false;
                            }
                        }
                        prev_threshold = Some((t, e.span));
                    }
                    match self.condition(e, Ctx::Zone) {
                        Some(c) => ZoneRule::When(c),
                        None => {
                            ok = false;
                            continue;
                        }
                    }
                }
                ast::ZoneRule::Top(n) | ast::ZoneRule::Next(n) => {
                    let is_top = matches!(zone.rule, ast::ZoneRule::Top(_));
                    let v = match self.number(n) {
                        Some(v) if v >= 1.0 && v.fract() == 0.0 && v <= u32::MAX as f64 => v as u32,
                        Some(_) => {
                            self.error(
                                Diagnostic::error(
                                    "E111",
                                    "a number of places must be a whole number from 1",
                                )
                                .at(n.span, "not a whole positive number")
                                .help("`top 20` takes places 1 to 20"),
                            );
                            ok = false;
                            continue;
                        }
                        None => {
                            ok = false;
                            continue;
                        }
                    };
                    if !is_top && !prev_kind_places {
                        self.error(
                            Diagnostic::error("E603", "`next` must follow a `top` or `next` zone")
                                .at(zone.rule_span, "next after what?")
                                .help(
                                    "start with `top N`, then `next M` takes the M places after it",
                                ),
                        );
                        ok = false;
                        continue;
                    }
                    if is_top {
                        if let Some((pv, ps)) = prev_top {
                            if v <= pv {
                                self.error(
                                    Diagnostic::error(
                                        "E602",
                                        format!("zone `{}` can never be reached", zone.name.name),
                                    )
                                    .at(
                                        zone.rule_span,
                                        format!("places 1 to {v} are already taken"),
                                    )
                                    .related(ps, "by this zone")
                                    .help("use `next N` for the places after an earlier zone"),
                                );
                                ok = false;
                            }
                        }
                        prev_top = Some((v, zone.rule_span));
                    }
                    prev_kind_places = true;
                    if is_top {
                        ZoneRule::Top(v)
                    } else {
                        ZoneRule::Next(v)
                    }
                }
                ast::ZoneRule::Otherwise | ast::ZoneRule::Rest => {
                    catch_all = Some(zone.span);
                    ZoneRule::Otherwise
                }
            };
            let rule_text = match &zone.rule {
                ast::ZoneRule::When(e) => format!("when {}", expr_text(e)),
                ast::ZoneRule::Top(n) => format!("top {}", n.text),
                ast::ZoneRule::Next(n) => format!("next {}", n.text),
                ast::ZoneRule::Otherwise | ast::ZoneRule::Rest => "otherwise".into(),
            };
            out.push(ZoneDef {
                name: zone.name.name.clone(),
                title: zone.title.value.clone(),
                rule,
                rule_text,
            });
        }
        if catch_all.is_none() && !z.zones.is_empty() {
            let last = z.zones.last().unwrap();
            self.error(
                Diagnostic::error("E601", "the zones may leave regions out")
                    .at(last.span, "a region that matches no zone would have none")
                    .help(format!(
                        "end with a zone that takes the rest: `{} \"…\" otherwise`",
                        suggest_last_zone(&z.zones)
                    )),
            );
            ok = false;
        }
        ok.then_some(out)
    }
}

fn suggest_last_zone(zones: &[ast::Zone]) -> &'static str {
    if zones.iter().any(|z| z.name.name == "red") {
        "other"
    } else {
        "red"
    }
}

/// `score >= c` or `score > c`: the threshold.
fn score_threshold(e: &ast::Expr) -> Option<(f64, bool)> {
    if let ast::ExprKind::Binary {
        op: ast::BinOp::Cmp(c),
        lhs,
        rhs,
    } = &e.kind
    {
        if let (
            ast::ExprKind::Ref {
                first,
                second: None,
            },
            ast::ExprKind::Number(n),
        ) = (&lhs.kind, &rhs.kind)
        {
            if first.name == "score" {
                return match c {
                    ast::CmpOp::Ge => Some((n.value()?, false)),
                    ast::CmpOp::Gt => Some((n.value()?, true)),
                    _ => None,
                };
            }
        }
    }
    None
}

fn describe_weight(m: &ast::Member) -> String {
    match &m.weight {
        None => "no weight".into(),
        Some(w) => match w.kind {
            ast::WeightKind::Points => "points".into(),
            ast::WeightKind::Weight if w.value.percent => "a percentage weight".into(),
            ast::WeightKind::Weight => "a relative weight".into(),
        },
    }
}

fn builtin_example(name: &str) -> String {
    match name {
        "minmax" => "`minmax` or `minmax(lo, hi)`".into(),
        "goalposts" => "`goalposts(lo, hi)`".into(),
        "target" => "`target(t)`".into(),
        "cap" => "`cap(lo, hi)`".into(),
        "winsorize" => "`winsorize(5%, 95%)`".into(),
        "value" => "`value(0)`".into(),
        n => format!("`{n}` takes no arguments"),
    }
}

/// A share as a percentage, without float noise.
pub(crate) fn pct(x: f64) -> String {
    let v = (x * 100.0 * 1e6).round() / 1e6;
    format!("{v}%")
}

fn valid_date(d: &str) -> bool {
    let parts: Vec<u32> = d.split('-').filter_map(|p| p.parse().ok()).collect();
    if parts.len() != 3 {
        return false;
    }
    let (y, m, day) = (parts[0], parts[1], parts[2]);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    day >= 1 && day <= days
}

fn columns_of(e: &IrExpr) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    e.visit(&mut |x| {
        if let IrExpr::Column { input, column } = x {
            if !out.iter().any(|(i, c)| i == input && c == column) {
                out.push((*input, column.clone()));
            }
        }
    });
    out
}

fn remap_expr(e: &mut IrExpr, ind: &[usize], grp: &[usize]) {
    e.visit_mut(&mut |x| match x {
        IrExpr::Indicator(i) => *i = ind[*i],
        IrExpr::Group(g) => *g = grp[*g],
        _ => {}
    });
}
