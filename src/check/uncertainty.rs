//! The `uncertainty` block: the choices a replication of `metodika uncertainty` draws —
//! weights, one member's weight range, alternative normalizations, aggregations and
//! missing-data policies, noise on raw values — each checked against the methodology it
//! varies, so that every replication is a methodology the checker would accept.

use super::builtins::Kind;
use super::ir::{Methodology, NodeRef, UncertaintyDef, WeightRange, WeightScheme};
use super::Checker;
use crate::builtins::{Aggregation, MissingPolicy, Normalization};
use crate::diag::{did_you_mean, Diagnostic};
use crate::i18n::t;
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
                    let mut texts = Vec::new();
                    for a in alts {
                        let span = match a {
                            ast::Normalize::Call(c) => c.span,
                            ast::Normalize::Bands(b) => b.span,
                        };
                        let Some(n) = self.normalization(a, better) else {
                            continue;
                        };
                        if self.nominal_again(
                            &n == nominal,
                            &out.contains(&n),
                            span,
                            name,
                            "normalize",
                        ) {
                            continue;
                        }
                        if !self.fits_its_groups(m, i, &n, span) {
                            continue;
                        }
                        out.push(n);
                        texts.push(crate::fmt::normalize_text(a));
                    }
                    def.normalize.push((i, out));
                    def.normalize_text.push(texts);
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
                            "aggregate",
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
                            "missing",
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
                    t(
                        "e701-message",
                        &[
                            ("what", what.into()),
                            ("lo", lo.to_string().into()),
                            ("hi", hi.to_string().into()),
                        ],
                    ),
                )
                .at(n.span, t("e109-label", &[("got", (&n.text).into())]))
                .help(match what {
                    "runs" => t("e701-runs-help", &[]),
                    _ => t("e701-seed-help", &[]),
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
                    t(
                        "e702-spread",
                        &[(
                            "spread",
                            format!("{}{}", n.text, if n.percent { "%" } else { "" }).into(),
                        )],
                    ),
                )
                .at(n.span, t("e702-spread-label", &[]))
                .help(t("e702-spread-help", &[])),
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
                ["e703-indicator", "e703-indicator-label", "e703-indicators"],
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
                ["e703-group", "e703-group-label", "e703-groups"],
                m.groups.iter().map(|x| x.name.as_str()),
            );
        }
        g
    }

    /// E703: `name` is not what the field varies — the ids of the message, the label and
    /// the list of known names.
    fn unknown_varied<'a>(
        &mut self,
        name: &ast::Ident,
        [message, label, every]: [&str; 3],
        known: impl IntoIterator<Item = &'a str>,
    ) {
        let known: Vec<&str> = known.into_iter().collect();
        let help = did_you_mean(&name.name, known.iter().copied())
            .unwrap_or_else(|| t(every, &[("names", known.join(", ").into())]));
        self.error(
            Diagnostic::error("E703", t(message, &[("name", (&name.name).into())]))
                .at(name.span, t(label, &[]))
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
                        ["e703-member", "e703-member-label", "e703-members"],
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
                t(
                    "e702-weight",
                    &[
                        ("name", (&name.name).into()),
                        ("lo", pct(lo).into()),
                        ("hi", pct(hi).into()),
                    ],
                ),
            )
            .at(Span::new(lo.span.start, hi.span.end), t(why, &[]))
        };
        if group.scheme == WeightScheme::Equal {
            self.error(bad("e702-no-weights").help(t(
                "e702-no-weights-help",
                &[("group", (&group.name).into())],
            )));
            return None;
        }
        if !unit(lo) || !unit(hi) {
            let example = match group.scheme {
                WeightScheme::Percent => "e702-units-percent-help",
                WeightScheme::Points => "e702-units-points-help",
                _ => "e702-units-relative-help",
            };
            self.error(bad("e702-units").help(t(example, &[])));
            return None;
        }
        if !(a >= 0.0 && a <= b) {
            self.error(bad("e702-order").help(t("e702-order-help", &[])));
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
            self.error(bad("e702-leaves-none").help(t(
                "e702-leaves-none-help",
                &[
                    ("group", (&group.name).into()),
                    ("total", total.to_string().into()),
                ],
            )));
            return None;
        }
        Some(WeightRange {
            group: g,
            member: k,
            lo: a,
            hi: b,
        })
    }

    /// An alternative equal to the nominal choice, or written twice: E704. An alternative
    /// of a base's block that a revision made the nominal choice (`change indicator x {
    /// normalize … }`) is dropped with a warning at the revision's change (W009).
    fn nominal_again(
        &mut self,
        nominal: bool,
        twice: &bool,
        span: Span,
        name: &ast::Ident,
        what: &'static str,
    ) -> bool {
        if nominal && span.start >= self.base_from {
            if let Some(&at) = self.set_in_revision.get(&(name.name.clone(), what)) {
                self.diags.push(
                    Diagnostic::warning(
                        "W009",
                        t(
                            "w009-message",
                            &[("name", (&name.name).into()), ("what", what.into())],
                        ),
                    )
                    .at(at, t("w009-label", &[]))
                    .related(span, t("w009-related", &[]))
                    .help(t("w009-help", &[])),
                );
                return true;
            }
        }
        if nominal || *twice {
            let (msg, help) = match nominal {
                true => ("e704-nominal", "e704-nominal-help"),
                false => ("e704-twice", "e704-twice-help"),
            };
            self.error(
                Diagnostic::error("E704", t(msg, &[("name", (&name.name).into())]))
                    .at(span, t("e704-label", &[]))
                    .help(t(help, &[])),
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
                        t(
                            "e306-alternative-normalization",
                            &[
                                ("name", (&m.indicators[i].name).into()),
                                ("normalization", n.name().into()),
                                ("aggregation", g.aggregation.name().into()),
                                ("group", (&g.name).into()),
                            ],
                        ),
                    )
                    .at(span, t("e306-alternative-label", &[]))
                    .help(t("e306-alternative-help", &[])),
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
                    t(
                        "e305-alternative",
                        &[
                            ("group", (&group.name).into()),
                            ("aggregation", a.name().into()),
                        ],
                    ),
                )
                .at(span, t("e305-alternative-label", &[]))
                .help(t("e305-alternative-help", &[])),
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
                            t(
                                "e306-alternative-aggregation",
                                &[
                                    ("name", (&m.indicators[i].name).into()),
                                    ("aggregation", a.name().into()),
                                    ("group", (&group.name).into()),
                                ],
                            ),
                        )
                        .at(
                            span,
                            t(
                                "e306-alternative-aggregation-label",
                                &[
                                    ("name", (&m.indicators[i].name).into()),
                                    ("normalization", m.indicators[i].normalization.name().into()),
                                ],
                            ),
                        )
                        .help(t("e306-alternative-aggregation-help", &[])),
                    );
                    return false;
                }
            }
        }
        true
    }
}
