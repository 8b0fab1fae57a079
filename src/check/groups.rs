//! Groups and the score: members, weights, aggregations, their order (children first),
//! and the warnings about what the weights can give (W004, W006, W007).

use super::builtins::Kind;
use super::ir::*;
use super::Checker;
use crate::builtins::*;
use crate::diag::{did_you_mean, Diagnostic};
use crate::i18n::t;
use crate::syntax::ast::{self, Span};
use std::collections::HashMap;

impl Checker<'_> {
    pub(super) fn group(
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
        let mut coverage: Option<(f64, Span)> = None;
        for e in &g.entries {
            let m = match e {
                ast::GroupEntry::Note(s, _) => {
                    notes.push(s.value.clone());
                    continue;
                }
                ast::GroupEntry::Coverage(x, sp) => {
                    match (self.const_eval(x), coverage) {
                        (_, Some((_, first))) => {
                            self.error(
                                Diagnostic::error("E408", t("e408-twice", &[]))
                                    .at(*sp, t("e408-twice-label", &[]))
                                    .related(first, t("e204-first", &[]))
                                    .help(t("e408-help", &[])),
                            );
                            ok = false;
                        }
                        (Some(c), None) if c > 0.0 && c <= 1.0 => coverage = Some((c, *sp)),
                        (Some(c), None) => {
                            self.error(
                                Diagnostic::error("E408", t("e408-range", &[]))
                                    .at(x.span, t("e408-range-label", &[("value", pct(c).into())]))
                                    .help(t("e408-help", &[])),
                            );
                            ok = false;
                        }
                        (None, None) => ok = false,
                    }
                    continue;
                }
                ast::GroupEntry::Member(m) => m,
                // written out by `expand` before the checker sees the group
                ast::GroupEntry::Defaults(_) | ast::GroupEntry::Indicator(..) => continue,
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
                let help = did_you_mean(name, cands).unwrap_or_else(|| t("e103-help", &[]));
                self.error(
                    Diagnostic::error("E103", t("e103-message", &[("name", name.into())]))
                        .at(m.name.span, t("e103-label", &[]))
                        .help(help),
                );
                ok = false;
                continue;
            };
            if let Some(first) = member_of.get(name) {
                self.error(
                    Diagnostic::error("E206", t("e206-message", &[("name", name.into())]))
                        .at(m.name.span, t("e206-label", &[]))
                        .related(*first, t("e206-related", &[]))
                        .help(t("e206-help", &[])),
                );
                ok = false;
                continue;
            }
            member_of.insert(name.clone(), m.name.span);
            members.push((node, m));
        }
        if members.is_empty() && ok {
            self.error(
                Diagnostic::error("E207", t("e207-message", &[("group", (&gname).into())]))
                    .at(g.head, t("e207-label", &[]))
                    .help(t("e207-help", &[])),
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
                    (1, _) | (_, 1) => ("E302", "e302-message", "e302-help"),
                    (2, 3) | (3, 2) => ("E303", "e303-message", "e303-help"),
                    _ => ("E307", "e307-message", "e307-help"),
                };
                self.error(
                    Diagnostic::error(code, t(msg, &[("group", (&gname).into())]))
                        .at(m.span, describe_weight(m))
                        .related(
                            first.unwrap().span,
                            t(
                                "weight-here",
                                &[("what", describe_weight(first.unwrap()).into())],
                            ),
                        )
                        .help(t(help, &[])),
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
                            Diagnostic::error("E304", t("e304-message", &[]))
                                .at(w.span, t("e304-label", &[]))
                                .help(t("e304-help", &[])),
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
                        t(
                            "e301-message",
                            &[("group", (&gname).into()), ("sum", pct(sum).into())],
                        ),
                    )
                    .at(g.head, t("e301-label", &[("sum", pct(sum).into())]))
                    .help(t(
                        if sum < 1.0 {
                            "e301-help-add"
                        } else {
                            "e301-help-take"
                        },
                        &[
                            ("sum", pct(sum).into()),
                            ("rest", pct((1.0 - sum).abs()).into()),
                        ],
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
                    let names: Vec<&str> = Aggregation::ALL.iter().map(|(n, _)| *n).collect();
                    self.unknown_builtin(Kind::Aggregation, &a.name, a.span, &names, None);
                    return None;
                }
            },
        };
        if scheme == WeightScheme::Points && aggregation != Aggregation::Sum {
            self.error(
                Diagnostic::error(
                    "E305",
                    t(
                        "e305-message",
                        &[
                            ("group", (&gname).into()),
                            ("aggregation", aggregation.name().into()),
                        ],
                    ),
                )
                .at(g.aggregation.as_ref().unwrap().span, t("e305-label", &[]))
                .help(t("e305-help", &[])),
            );
            ok = false;
        }
        if aggregation == Aggregation::Min && scheme != WeightScheme::Equal {
            self.diags.push(
                Diagnostic::warning("W004", t("w004-message", &[("group", (&gname).into())]))
                    .at(g.aggregation.as_ref().unwrap().span, t("w004-label", &[]))
                    .help(t("w004-help", &[])),
            );
        }
        if matches!(aggregation, Aggregation::Geometric | Aggregation::Harmonic) {
            for (node, m) in &members {
                if let NodeRef::Indicator(i) = node {
                    if let Some(def) = &defs[*i] {
                        if def.normalization.can_reach_zero() {
                            let mut d = Diagnostic::error(
                                "E306",
                                t(
                                    "e306-message",
                                    &[
                                        ("name", (&m.name.name).into()),
                                        ("aggregation", aggregation.name().into()),
                                        ("group", (&gname).into()),
                                    ],
                                ),
                            )
                            .at(
                                m.name.span,
                                t(
                                    "normalized-by",
                                    &[("normalization", def.normalization.name().into())],
                                ),
                            )
                            .help(t("e306-help", &[]));
                            if let Some(s) = norm_spans[*i] {
                                d = d.related(s, t("e306-reaches-zero", &[]));
                            } else {
                                d = d.related(ind_asts[*i].name.span, t("no-normalization", &[]));
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
                                t(
                                    "w006-message",
                                    &[
                                        ("name", (&m.name.name).into()),
                                        ("goalpost", worse.to_string().into()),
                                        ("aggregation", aggregation.name().into()),
                                        ("group", (&gname).into()),
                                    ],
                                ),
                            )
                            .at(
                                m.name.span,
                                t("normalized-by", &[("normalization", "goalposts".into())]),
                            )
                            .help(t("w006-help", &[]));
                            if let Some(s) = norm_spans[*i] {
                                d = d.related(s, t("w006-related", &[]));
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
            coverage: coverage.map(|(c, _)| c),
        })
    }

    /// Children before parents; cycles reported.
    pub(super) fn group_order(
        &mut self,
        groups: &[&ast::Group],
        children: &[Vec<NodeRef>],
    ) -> Option<Vec<usize>> {
        let edges: Vec<Vec<(usize, ())>> = children
            .iter()
            .map(|c| {
                c.iter()
                    .filter_map(|x| match x {
                        NodeRef::Group(g) => Some((*g, ())),
                        NodeRef::Indicator(_) => None,
                    })
                    .collect()
            })
            .collect();
        let mut found = None;
        let order = super::depth_first(&edges, |_, node, k, ()| found = Some((node, k)));
        if let Some((node, k)) = found {
            let name = |i: usize| {
                groups[i]
                    .name
                    .as_ref()
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| "score".into())
            };
            self.error(
                Diagnostic::error("E107", t("e107-groups", &[]))
                    .at(
                        groups[node].head,
                        t(
                            "e107-groups-label",
                            &[("from", name(node).into()), ("to", name(k).into())],
                        ),
                    )
                    .related(groups[k].head, t("e107-groups-related", &[]))
                    .help(t("e107-groups-help", &[])),
            );
        }
        // The score (the last of `groups`, when present) goes last.
        order
    }

    /// W007: where a sum of points can go below 0, each indicator that takes it there.
    pub(super) fn negative_points(
        &mut self,
        m: &Methodology,
        spans: impl Fn(usize) -> (Span, Option<Span>),
    ) {
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
            let normalization = ind.normalization.name();
            let why = if norm.is_none() {
                t("w007-below-zero", &[])
            } else if lo.is_finite() {
                t(
                    "w007-down-to",
                    &[
                        ("normalization", normalization.into()),
                        ("lo", lo.to_string().into()),
                    ],
                )
            } else {
                t("w007-unbounded", &[("normalization", normalization.into())])
            };
            let mut d =
                Diagnostic::warning("W007", t("w007-message", &[("name", (&ind.name).into())]))
                    .at(name, why)
                    .help(t("w007-help", &[]));
            match norm {
                Some(s) => d = d.related(s, t("w007-related", &[])),
                None => d = d.at(name, t("w007-raw", &[])),
            }
            self.diags.push(d);
        }
    }
}

fn describe_weight(m: &ast::Member) -> String {
    match &m.weight {
        None => t("weight-none", &[]),
        Some(w) => match w.kind {
            ast::WeightKind::Points => t("weight-points", &[]),
            ast::WeightKind::Weight if w.value.percent => t("weight-percent", &[]),
            ast::WeightKind::Weight => t("weight-relative", &[]),
        },
    }
}
