//! The `uncertainty` block: the choices a replication of `metodika uncertainty` draws —
//! weights, one member's weight range, alternative normalizations, aggregations and
//! missing-data policies, noise on raw values — each checked against the methodology it
//! varies, so that every replication is a methodology the checker would accept.

use super::ir::{Methodology, NodeRef, UncertaintyDef, WeightRange, WeightScheme};
use super::builtins::Kind;
use super::Checker;
use crate::builtins::{Aggregation, MissingPolicy, Normalization};
use crate::diag::{did_you_mean, Diagnostic};
use crate::syntax::ast::{self, Span, UncertaintyField};
use std::collections::HashMap;

/// What a field of the block varies: `runs`, `weights`, `weight x`, `normalize x`, ….
fn field_key(f: &UncertaintyField) -> String {
    match f {
        UncertaintyField::Runs(..) => "runs".into(),
        UncertaintyField::Seed(..) => "seed".into(),
        UncertaintyField::Weights(..) => "weights".into(),
        UncertaintyField::Weight(x, ..) => format!("weight {}", x.name),
        UncertaintyField::Normalize(x, ..) => format!("normalize {}", x.name),
        UncertaintyField::Aggregate(x, ..) => format!("aggregate {}", x.name),
        UncertaintyField::Missing(x, ..) => format!("missing {}", x.name),
        UncertaintyField::Noise(x, ..) => format!("noise {}", x.name),
    }
}

/// The most replications `runs` may ask for.
pub const MAX_RUNS: usize = 1_000_000;

impl Checker<'_> {
    /// The checked `uncertainty` block of `module` over the checked methodology `m`
    /// (`None` inside: the module has none; `None` outside: it has errors, reported).
    pub(super) fn uncertainty(
        &mut self,
        module: &ast::Module,
        m: &Methodology,
    ) -> Option<Option<UncertaintyDef>> {
        let blocks: Vec<(&ast::Uncertainty, Span)> = module
            .items
            .iter()
            .filter_map(|it| match it {
                ast::Item::Uncertainty(u) => Some((u, u.span)),
                _ => None,
            })
            .collect();
        let Some(u) = self.one_block(blocks, "uncertainty") else {
            return Some(None);
        };
        let errors = self.diags.iter().filter(|d| d.is_error()).count();
        let mut def = UncertaintyDef::default();
        // each field by what it varies (`runs`, `normalize x`): the second is E204
        let keys: Vec<String> = u.fields.iter().map(field_key).collect();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (f, key) in u.fields.iter().zip(&keys) {
            match f {
                UncertaintyField::Runs(n, s) => {
                    if self.first_field(&mut seen, key, *s) {
                        if let Some(v) = self.count(n, "runs", 1, MAX_RUNS as u64) {
                            def.runs = v as usize;
                        }
                    }
                }
                UncertaintyField::Seed(n, s) => {
                    if self.first_field(&mut seen, key, *s) {
                        if let Some(v) = self.count(n, "seed", 0, u64::MAX) {
                            def.seed = v;
                        }
                    }
                }
                UncertaintyField::Weights(n, s) => {
                    if self.first_field(&mut seen, key, *s) {
                        def.weights = self.spread(n);
                    }
                }
                UncertaintyField::Weight(name, lo, hi, s) => {
                    if self.first_field(&mut seen, key, *s) {
                        if let Some(r) = self.weight_range(m, name, lo, hi) {
                            def.weight_ranges.push(r);
                        }
                    }
                }
                UncertaintyField::Normalize(name, alts, s) => {
                    let Some(i) = self.varied_indicator(m, name) else {
                        continue;
                    };
                    if !self.first_field(&mut seen, key, *s) {
                        continue;
                    }
                    let better = Some(m.indicators[i].better);
                    let nominal = &m.indicators[i].normalization;
                    let mut out = Vec::new();
                    for a in alts {
                        let span = match a {
                            ast::Normalize::Call(c) => c.span,
                            ast::Normalize::Bands(b) => b.span,
                        };
                        let Some(n) = self.normalization(a, better) else {
                            continue;
                        };
                        if self.nominal_again(&n == nominal, &out.contains(&n), span, name) {
                            continue;
                        }
                        if !self.fits_its_groups(m, i, &n, span) {
                            continue;
                        }
                        out.push(n);
                    }
                    def.normalize.push((i, out));
                }
                UncertaintyField::Aggregate(name, alts, s) => {
                    let Some(g) = self.varied_group(m, name) else {
                        continue;
                    };
                    if !self.first_field(&mut seen, key, *s) {
                        continue;
                    }
                    let mut out = Vec::new();
                    for a in alts {
                        let Some(agg) = Aggregation::lookup(&a.name) else {
                            let names: Vec<&str> =
                                Aggregation::ALL.iter().map(|(n, _)| *n).collect();
                            self.unknown_builtin(Kind::Aggregation, &a.name, a.span, &names, None);
                            continue;
                        };
                        if self.nominal_again(
                            agg == m.groups[g].aggregation,
                            &out.contains(&agg),
                            a.span,
                            name,
                        ) {
                            continue;
                        }
                        if self.aggregation_fits(m, g, agg, a.span) {
                            out.push(agg);
                        }
                    }
                    def.aggregate.push((g, out));
                }
                UncertaintyField::Missing(name, alts, s) => {
                    let Some(i) = self.varied_indicator(m, name) else {
                        continue;
                    };
                    if !self.first_field(&mut seen, key, *s) {
                        continue;
                    }
                    let mut out: Vec<MissingPolicy> = Vec::new();
                    for c in alts {
                        let Some(p) = self.missing_policy(c) else {
                            continue;
                        };
                        if self.nominal_again(
                            p == m.indicators[i].missing,
                            &out.contains(&p),
                            c.span,
                            name,
                        ) {
                            continue;
                        }
                        out.push(p);
                    }
                    def.missing.push((i, out));
                }
                UncertaintyField::Noise(name, n, s) => {
                    let Some(i) = self.varied_indicator(m, name) else {
                        continue;
                    };
                    if self.first_field(&mut seen, key, *s) {
                        if let Some(p) = self.spread(n) {
                            def.noise.push((i, p));
                        }
                    }
                }
            }
        }
        if self.diags.iter().filter(|d| d.is_error()).count() > errors {
            return None;
        }
        Some(Some(def))
    }

    /// A whole number from `lo` to `hi` (`runs`, `seed`), or E701.
    fn count(&mut self, n: &ast::Number, what: &str, lo: u64, hi: u64) -> Option<u64> {
        let v = self.number(n)?;
        if n.percent || v.fract() != 0.0 || v < lo as f64 || v > hi as f64 {
            self.error(
                Diagnostic::error(
                    "E701",
                    format!("`{what}` must be a whole number from {lo} to {hi}"),
                )
                .at(n.span, format!("{} given", n.text))
                .help(match what {
                    "runs" => "1,000 to 10,000 replications are usual: `runs 10_000`".to_string(),
                    _ => "any whole number, written once so that the draws repeat: `seed 2025`"
                        .to_string(),
                }),
            );
            return None;
        }
        Some(v as u64)
    }

    /// `+-p%`: a spread from 0 to 100% (exclusive), or E702.
    fn spread(&mut self, n: &ast::Number) -> Option<f64> {
        let v = self.number(n)?;
        if !(0.0..1.0).contains(&v) || !n.percent {
            self.error(
                Diagnostic::error(
                    "E702",
                    format!(
                        "a spread of ±{}{} cannot be drawn",
                        n.text,
                        if n.percent { "%" } else { "" }
                    ),
                )
                .at(n.span, "not a percentage from 0% to below 100%")
                .help(
                    "a factor from 1 − p to 1 + p must stay above 0: write a percentage, `+-20%`",
                ),
            );
            return None;
        }
        Some(v)
    }

    /// The indicator an uncertainty field varies, or E703 (with a suggestion).
    fn varied_indicator(&mut self, m: &Methodology, name: &ast::Ident) -> Option<usize> {
        let i = m.indicators.iter().position(|x| x.name == name.name);
        if i.is_none() {
            self.unknown_varied(
                name,
                ("an", "indicator", "indicators"),
                m.indicators.iter().map(|x| x.name.as_str()),
            );
        }
        i
    }

    /// The group an uncertainty field varies, or E703.
    fn varied_group(&mut self, m: &Methodology, name: &ast::Ident) -> Option<usize> {
        let g = m.groups[..m.score_index()]
            .iter()
            .position(|x| x.name == name.name)
            .or((name.name == "score").then(|| m.score_index()));
        if g.is_none() {
            self.unknown_varied(
                name,
                ("a", "group", "groups"),
                m.groups.iter().map(|x| x.name.as_str()),
            );
        }
        g
    }

    /// E703: `name` is not what the field varies — `what`, with its article and its
    /// plural for the list of known names (`an indicator`, `indicators`).
    fn unknown_varied<'a>(
        &mut self,
        name: &ast::Ident,
        (article, what, plural): (&str, &str, &str),
        known: impl IntoIterator<Item = &'a str>,
    ) {
        let known: Vec<&str> = known.into_iter().collect();
        let help = did_you_mean(&name.name, known.iter().copied())
            .unwrap_or_else(|| format!("the {plural} are: {}", known.join(", ")));
        self.error(
            Diagnostic::error("E703", format!("no {what} `{}` to vary", name.name))
                .at(
                    name.span,
                    format!("not {article} {what} of the methodology"),
                )
                .help(help),
        );
    }

    /// `weight name lo..hi`: the member `name` of its group, its range in the group's
    /// units; E703 for an unknown member, E702 for a range that cannot be drawn.
    fn weight_range(
        &mut self,
        m: &Methodology,
        name: &ast::Ident,
        lo: &ast::Number,
        hi: &ast::Number,
    ) -> Option<WeightRange> {
        let node = match m.indicators.iter().position(|x| x.name == name.name) {
            Some(i) => NodeRef::Indicator(i),
            None => match m.groups.iter().position(|g| g.name == name.name) {
                Some(g) => NodeRef::Group(g),
                None => {
                    let names = m
                        .indicators
                        .iter()
                        .map(|x| x.name.as_str())
                        .chain(m.groups.iter().map(|g| g.name.as_str()));
                    self.unknown_varied(
                        name,
                        ("an", "indicator or group", "indicators and groups"),
                        names,
                    );
                    return None;
                }
            },
        };
        let (g, k) = m.groups.iter().enumerate().find_map(|(g, grp)| {
            grp.members
                .iter()
                .position(|x| x.node == node)
                .map(|k| (g, k))
        })?;
        let group = &m.groups[g];
        let (a, b) = (self.number(lo)?, self.number(hi)?);
        let unit = |n: &ast::Number| {
            matches!(
                (group.scheme, n.percent),
                (WeightScheme::Percent, true)
                    | (WeightScheme::Points | WeightScheme::Relative, false)
            )
        };
        let pct = |n: &ast::Number| format!("{}{}", n.text, if n.percent { "%" } else { "" });
        let bad = |why: &str| {
            Diagnostic::error(
                "E702",
                format!(
                    "the weight of `{}` cannot range {}..{}",
                    name.name,
                    pct(lo),
                    pct(hi)
                ),
            )
            .at(Span::new(lo.span.start, hi.span.end), why.to_string())
        };
        if group.scheme == WeightScheme::Equal {
            self.error(bad("its group has no weights").help(format!(
                "give the members of `{}` weights first, or vary them all with `weights +-20%`",
                group.name
            )));
            return None;
        }
        if !unit(lo) || !unit(hi) {
            let example = match group.scheme {
                WeightScheme::Percent => "`weight x 20%..40%` (its group weighs in percentages)",
                WeightScheme::Points => "`weight x 40..80` (its group gives points)",
                _ => "`weight x 1..3` (its group has relative weights)",
            };
            self.error(bad("not in its group's units").help(format!("write {example}")));
            return None;
        }
        if !(a >= 0.0 && a <= b) {
            self.error(
                bad("the least weight must be 0 or more, and not above the greatest")
                    .help("write the least weight first: `weight x 20%..40%`"),
            );
            return None;
        }
        let others: f64 = group
            .members
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, x)| x.weight)
            .sum();
        let total = group.total_weight();
        if group.scheme != WeightScheme::Relative && (b >= total || others <= 0.0) {
            self.error(
                bad("it would leave the other members of its group no weight").help(format!(
                    "the members of `{}` weigh {} in all: keep the range below that",
                    group.name, total
                )),
            );
            return None;
        }
        Some(WeightRange {
            group: g,
            member: k,
            lo: a,
            hi: b,
        })
    }

    /// An alternative equal to the nominal choice, or written twice: E704.
    fn nominal_again(
        &mut self,
        nominal: bool,
        twice: &bool,
        span: Span,
        name: &ast::Ident,
    ) -> bool {
        if nominal || *twice {
            let (msg, help) = match nominal {
                true => (
                    format!("this alternative for `{}` is its nominal choice", name.name),
                    "the nominal choice is drawn anyway: list only the alternatives to it",
                ),
                false => (
                    format!("this alternative for `{}` is listed twice", name.name),
                    "list each alternative once: each is drawn as often as the nominal",
                ),
            };
            self.error(
                Diagnostic::error("E704", msg)
                    .at(span, "the same choice")
                    .help(help),
            );
        }
        nominal || *twice
    }

    /// Whether normalization `n` of indicator `i` suits every group it is a member of
    /// (a geometric or harmonic mean needs members above 0: E306, as for the nominal).
    fn fits_its_groups(
        &mut self,
        m: &Methodology,
        i: usize,
        n: &Normalization,
        span: Span,
    ) -> bool {
        for g in &m.groups {
            let member = g.members.iter().any(|x| x.node == NodeRef::Indicator(i));
            if member
                && matches!(
                    g.aggregation,
                    Aggregation::Geometric | Aggregation::Harmonic
                )
                && n.can_reach_zero()
            {
                self.error(
                    Diagnostic::error(
                        "E306",
                        format!(
                            "`{}` normalized by `{}` can be 0 or negative, which collapses the {} mean of `{}`",
                            m.indicators[i].name,
                            n.name(),
                            g.aggregation.name(),
                            g.name
                        ),
                    )
                    .at(span, "this alternative reaches 0")
                    .help("an alternative must be a normalization the group could have nominally: `minmax(0.01, 1)`"),
                );
                return false;
            }
        }
        true
    }

    /// Whether aggregation `a` suits group `g`: points are summed (E305); a geometric or
    /// harmonic mean needs members above 0 (E306).
    fn aggregation_fits(&mut self, m: &Methodology, g: usize, a: Aggregation, span: Span) -> bool {
        let group = &m.groups[g];
        if group.scheme == WeightScheme::Points && a != Aggregation::Sum {
            self.error(
                Diagnostic::error(
                    "E305",
                    format!(
                        "points are summed, but this alternative aggregates `{}` by `{}`",
                        group.name,
                        a.name()
                    ),
                )
                .at(span, "not `sum`")
                .help("a group that gives points can only be summed; vary its weights instead"),
            );
            return false;
        }
        if matches!(a, Aggregation::Geometric | Aggregation::Harmonic) {
            for x in &group.members {
                let reaches = match x.node {
                    NodeRef::Indicator(i) => m.indicators[i].normalization.can_reach_zero(),
                    NodeRef::Group(_) => false,
                };
                if reaches {
                    let NodeRef::Indicator(i) = x.node else {
                        continue;
                    };
                    self.error(
                        Diagnostic::error(
                            "E306",
                            format!(
                                "`{}` can be 0 or negative, which collapses this alternative {} mean of `{}`",
                                m.indicators[i].name,
                                a.name(),
                                group.name
                            ),
                        )
                        .at(span, format!("`{}` is normalized by `{}`", m.indicators[i].name, m.indicators[i].normalization.name()))
                        .help("normalize its members so that they stay above 0 (`minmax(0.01, 1)`), or choose another alternative"),
                    );
                    return false;
                }
            }
        }
        true
    }
}
