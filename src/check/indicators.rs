//! Indicators: each one's formula, direction, transforms, normalization and missing-data
//! policy; and their order of evaluation (an indicator after those it refers to).

use super::expr::{Ctx, Ty};
use super::ir::*;
use super::Checker;
use crate::builtins::*;
use crate::diag::Diagnostic;
use crate::fmt::expr_text;
use crate::i18n::t;
use crate::syntax::ast::{self, Span};
use std::collections::HashMap;

impl Checker<'_> {
    #[allow(clippy::type_complexity)]
    pub(super) fn indicator(
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
        let mut transforms_text = Vec::new();
        let mut normalization = None;
        let mut norm_ast = None;
        let mut norm_span = None;
        let mut missing = None;
        let mut outliers = Outliers::None;
        let mut notes = Vec::new();
        let mut ok = true;
        self.indicator_refs.clear();
        for f in &ind.fields {
            let kw = f.keyword();
            if !self.first_field(&mut seen, kw, f.span()) {
                ok = false;
                continue;
            }
            match f {
                ast::IndicatorField::Value(e, _) => {
                    value_text = expr_text(e);
                    match self.expr(e, Ctx::Value) {
                        Some((x, Ty::Num)) => value = Some(x),
                        Some((_, Ty::Bool)) => {
                            self.error(
                                Diagnostic::error("E501", t("e501-value", &[]))
                                    .at(e.span, t("e501-value-label", &[]))
                                    .help(t("e501-value-help", &[])),
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
                        transforms_text.push(crate::fmt::call_text(c));
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
                ast::IndicatorField::Outliers(c, _) => match self.outlier_rule(c) {
                    Some(o) => outliers = o,
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
        for (kw, help) in [("value", "e203-value-help"), ("better", "e203-better-help")] {
            if !seen.contains_key(kw) {
                self.error(
                    Diagnostic::error(
                        "E203",
                        t(
                            "e203-indicator",
                            &[("name", (&ind.name.name).into()), ("keyword", kw.into())],
                        ),
                    )
                    .at(ind.name.span, t("e203-required", &[("keyword", kw.into())]))
                    .help(t(help, &[])),
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
                transforms_text: match transforms_text.is_empty() {
                    true => "none".into(),
                    false => transforms_text.join(", "),
                },
                normalization_text: norm_ast
                    .map(crate::fmt::normalize_text)
                    .unwrap_or_else(|| "none".into()),
                normalization: normalization.unwrap_or(Normalization::None),
                missing: missing.unwrap_or(default_missing),
                outliers,
                notes,
                columns,
            })
        } else {
            None
        };
        (def, refs, norm_span)
    }

    /// Topological order of indicators by the references in their values.
    pub(super) fn indicator_order(
        &mut self,
        asts: &[&ast::Indicator],
        deps: &[Vec<(usize, Span)>],
    ) -> Option<Vec<usize>> {
        let mut found: Option<(Vec<usize>, usize, usize, Span)> = None;
        let order = super::depth_first(deps, |path, node, dep, span| {
            found = Some((path.to_vec(), node, dep, span));
        });
        let Some((path, node, dep, span)) = found else {
            return order;
        };
        if dep == node {
            // `value = LPI` in `indicator LPI`: the indicator itself, where a column of the
            // same name was meant
            let name = asts[node].name.name.as_str();
            let with_column: Vec<String> = self
                .inputs
                .iter()
                .zip(&self.headers)
                .filter(|(_, h)| h.as_ref().is_none_or(|h| h.iter().any(|c| c == name)))
                .map(|(i, _)| format!("`{}.{name}`", i.name))
                .collect();
            let help = if with_column.is_empty() {
                t("e107-itself-help", &[])
            } else {
                t(
                    "e107-itself-column-help",
                    &[
                        ("name", name.into()),
                        ("columns", with_column.join(&t("word-or", &[])).into()),
                    ],
                )
            };
            self.error(
                Diagnostic::error("E107", t("e107-itself", &[("name", name.into())]))
                    .at(span, t("e107-itself-label", &[]))
                    .related(asts[node].name.span, t("e107-the-indicator", &[]))
                    .help(help),
            );
            return None;
        }
        let pos = path.iter().position(|x| *x == dep).unwrap_or(0);
        let cycle: Vec<&str> = path[pos..]
            .iter()
            .map(|x| asts[*x].name.name.as_str())
            .chain([asts[dep].name.name.as_str()])
            .collect();
        self.error(
            Diagnostic::error("E107", t("e107-cycle", &[]))
                .at(
                    span,
                    t(
                        "e107-cycle-label",
                        &[
                            ("from", (&asts[node].name.name).into()),
                            ("to", (&asts[dep].name.name).into()),
                        ],
                    ),
                )
                .related(asts[dep].name.span, t("e107-cycle-related", &[]))
                .help(t("e107-cycle-help", &[("cycle", cycle.join(" → ").into())])),
        );
        None
    }
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
