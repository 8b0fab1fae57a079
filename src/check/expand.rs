//! The compact forms, written out: an indicator written inside a group becomes a
//! top-level indicator (just before its group) and a member of the group with its weight,
//! and every indicator takes the fields it does not write from the `defaults` of its group
//! (for one written inside a group), then from the file's. The checker checks the result,
//! so that a compact file and the same file written out check, run, explain and diff
//! alike; spans still point where the text is, a default's into its `defaults` block.

use crate::diag::{Diagnostic, Span};
use crate::i18n::t;
use crate::syntax::ast::*;

/// The module written out, and the problems of its `defaults` blocks.
pub fn expand(m: &Module) -> (Module, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut file: Option<&Defaults> = None;
    for item in &m.items {
        if let Item::Defaults(d) = item {
            once(&mut file, d, &t("defaults-of-file", &[]), &mut diags);
            fields_once(d, &mut diags);
        }
    }
    let mut items = Vec::with_capacity(m.items.len());
    for item in &m.items {
        match item {
            Item::Defaults(_) => {}
            Item::Indicator(ind) => items.push(Item::Indicator(with_defaults(ind, None, file))),
            Item::Group(g) | Item::Score(g) => {
                let mut own: Option<&Defaults> = None;
                let name = g.name.as_ref().map_or(t("defaults-of-score", &[]), |n| {
                    t("defaults-of-group", &[("name", (&n.name).into())])
                });
                for e in &g.entries {
                    if let GroupEntry::Defaults(d) = e {
                        once(&mut own, d, &name, &mut diags);
                        fields_once(d, &mut diags);
                    }
                }
                let inline = g
                    .entries
                    .iter()
                    .any(|e| matches!(e, GroupEntry::Indicator(..)));
                if let (Some(d), false) = (own, inline) {
                    diags.push(
                        Diagnostic::warning(
                            "W008",
                            t("w008-message", &[("whose", (&name).into())]),
                        )
                        .at(d.span, t("w008-label", &[]))
                        .help(t("w008-help", &[])),
                    );
                }
                let mut group = g.clone();
                group.entries = g
                    .entries
                    .iter()
                    .filter_map(|e| match e {
                        GroupEntry::Defaults(_) => None,
                        GroupEntry::Indicator(ind, w, span) => {
                            items.push(Item::Indicator(with_defaults(ind, own, file)));
                            Some(GroupEntry::Member(Member {
                                name: ind.name.clone(),
                                weight: w.clone(),
                                span: *span,
                            }))
                        }
                        other => Some(other.clone()),
                    })
                    .collect();
                items.push(match item {
                    Item::Score(_) => Item::Score(group),
                    _ => Item::Group(group),
                });
            }
            other => items.push(other.clone()),
        }
    }
    (Module { items }, diags)
}

/// A second `defaults` where one is allowed: E105.
fn once<'a>(
    slot: &mut Option<&'a Defaults>,
    d: &'a Defaults,
    whose: &str,
    diags: &mut Vec<Diagnostic>,
) {
    match slot {
        Some(first) => diags.push(
            Diagnostic::error("E105", t("e105-defaults", &[("whose", whose.into())]))
                .at(
                    Span::new(d.span.start, d.span.start + "defaults".len()),
                    t("e105-defaults-label", &[]),
                )
                .related(
                    Span::new(first.span.start, first.span.start + "defaults".len()),
                    t("e105-first-defined", &[]),
                )
                .help(t("e105-defaults-help", &[])),
        ),
        None => *slot = Some(d),
    }
}

/// A field given twice in one `defaults` block: E204.
fn fields_once(d: &Defaults, diags: &mut Vec<Diagnostic>) {
    for (i, f) in d.fields.iter().enumerate() {
        if let Some(first) = d.fields[..i].iter().find(|x| x.keyword() == f.keyword()) {
            diags.push(
                Diagnostic::error(
                    "E204",
                    t("e204-defaults", &[("keyword", f.keyword().into())]),
                )
                .at(f.span(), t("e204-defaults-label", &[]))
                .related(first.span(), t("e204-first", &[]))
                .help(t("e204-defaults-help", &[])),
            );
        }
    }
}

/// The indicator with the fields it does not write taken from `group`'s defaults, then
/// the file's, in the order of the keywords of a written-out indicator.
fn with_defaults(ind: &Indicator, group: Option<&Defaults>, file: Option<&Defaults>) -> Indicator {
    let mut out = ind.clone();
    out.line = false;
    for kw in ["better", "transform", "normalize", "missing", "outliers"] {
        if ind.fields.iter().any(|f| f.keyword() == kw) {
            continue;
        }
        let from = |d: Option<&Defaults>| {
            d.and_then(|d| d.fields.iter().find(|f| f.keyword() == kw).cloned())
        };
        if let Some(f) = from(group).or_else(|| from(file)) {
            out.fields.push(f);
        }
    }
    out
}
