//! The `rank` and `zones` blocks: rounding, ties, tie-breakers; zones by score, by place
//! and `otherwise`.

use super::builtins::Kind;
use super::expr::{Ctx, Ty};
use super::ir::*;
use super::Checker;
use crate::builtins::*;
use crate::diag::Diagnostic;
use crate::fmt::expr_text;
use crate::i18n::t;
use crate::i18n::t as tr;
use crate::syntax::ast::{self, Item, Span};
use std::collections::HashMap;

impl Checker<'_> {
    pub(super) fn rank(&mut self, m: &ast::Module) -> Option<RankDef> {
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
            if !self.first_field(&mut seen, kw, f.span()) {
                ok = false;
                continue;
            }
            match f {
                ast::RankField::Round(n, _) => match self.number(n) {
                    Some(v) if v <= 15.0 && v.fract() == 0.0 => rank.round = Some(v as u32),
                    Some(_) => {
                        self.error(
                            Diagnostic::error("E111", t("e111-round-message", &[]))
                                .at(n.span, t("e111-round-label", &[]))
                                .help(t("e111-round-help", &[])),
                        );
                        ok = false;
                    }
                    None => ok = false,
                },
                ast::RankField::Ties(t, _) => match TieMethod::lookup(&t.name) {
                    Some(x) => rank.ties = x,
                    None => {
                        let names: Vec<&str> = TieMethod::ALL.iter().map(|(n, _)| *n).collect();
                        self.unknown_builtin(Kind::TieMethod, &t.name, t.span, &names, None);
                        ok = false;
                    }
                },
                ast::RankField::Then(tbs, _) => {
                    for tb in tbs {
                        let r = self.expr(&tb.expr, Ctx::TieBreak);
                        match r {
                            Some((_, Ty::Bool)) => {
                                self.error(
                                    Diagnostic::error("E502", t("e502-message", &[]))
                                        .at(tb.expr.span, t("e502-label", &[]))
                                        .help(t("e502-help", &[])),
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
                                        Diagnostic::error("E503", t("e503-message", &[]))
                                            .at(tb.expr.span, t("e503-label", &[]))
                                            .help(t(
                                                "e503-help",
                                                &[("tb", expr_text(&tb.expr).into())],
                                            )),
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

    pub(super) fn zones(&mut self, m: &ast::Module) -> Option<Vec<ZoneDef>> {
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
                        t("e602-unreachable", &[("zone", (&zone.name.name).into())]),
                    )
                    .at(zone.span, t("e602-after-catch-all", &[]))
                    .related(ca, t("e602-catch-all-here", &[]))
                    .help(t("e602-catch-all-help", &[])),
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
                                    Diagnostic::error(
                                        "E602",
                                        tr("e602-overlaps", &[("zone", (&zone.name.name).into())]),
                                    )
                                    .at(
                                        e.span,
                                        tr(
                                            "e602-overlaps-label",
                                            &[("threshold", t.to_string().into())],
                                        ),
                                    )
                                    .related(ps, tr("e602-overlaps-related", &[]))
                                    .help(tr("e602-overlaps-help", &[])),
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
                                Diagnostic::error("E111", t("e111-places-message", &[]))
                                    .at(n.span, t("e111-places-label", &[]))
                                    .help(t("e111-places-help", &[])),
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
                            Diagnostic::error("E603", t("e603-message", &[]))
                                .at(zone.rule_span, t("e603-label", &[]))
                                .help(t("e603-help", &[])),
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
                                        t(
                                            "e602-unreachable",
                                            &[("zone", (&zone.name.name).into())],
                                        ),
                                    )
                                    .at(
                                        zone.rule_span,
                                        t("e602-taken", &[("n", v.to_string().into())]),
                                    )
                                    .related(ps, t("e602-taken-related", &[]))
                                    .help(t("e602-taken-help", &[])),
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
                Diagnostic::error("E601", t("e601-message", &[]))
                    .at(last.span, t("e601-label", &[]))
                    .help(t(
                        "e601-help",
                        &[("zone", suggest_last_zone(&z.zones).into())],
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
