//! Hover text: what a name is, in the words of the methodology and its data.

use super::{Analysis, Columns, Sym};
use crate::builtins::docs;
use crate::builtins::Aggregation;
use crate::check::{Methodology, NodeRef, WeightScheme};
use crate::diag::Span;
use crate::i18n::t;
use crate::syntax::ast::*;
use std::fmt::Write;

pub fn hover(a: &Analysis, offset: usize, columns: &dyn Columns) -> Option<(Span, String)> {
    let o = a.at(offset)?;
    // the compact forms written out: an indicator with its defaults, a group with the
    // indicators written inside it as members
    // (a revision: the module merged with its base)
    let m = &match &a.merged {
        Some((merged, _)) => merged.clone(),
        None => crate::check::expand::expand(a.module.as_ref()?).0,
    };
    let text = match &o.sym {
        Sym::Indicator(n) => indicator(a, m, n)?,
        Sym::Group(n) => group(a, m, Some(n))?,
        Sym::Input(n) | Sym::Records(n) => input(m, n, columns)?,
        Sym::Column(input, col) => match given_header(m, input, col) {
            Some(header) => format!(
                "{}\n\n{}",
                t(
                    "hover-given-name",
                    &[
                        ("column", col.into()),
                        ("input", input.into()),
                        ("header", crate::syntax::string_text(header).into()),
                    ]
                ),
                column(input, header, columns)
            ),
            None => column(input, col, columns),
        },
        Sym::KeyColumn(which, col) => {
            let (head, line) = if *which == "key" {
                ("hover-key-column", "hover-key-column-line")
            } else {
                ("hover-label-column", "hover-label-column-line")
            };
            format!("{}\n\n{}", t(head, &[("column", col.into())]), t(line, &[]))
        }
        Sym::Builtin(kind, name) => {
            let d = docs::doc(*kind, name)?;
            format!(
                "**{}** ({})\n\n```metodika\n{}\n```\n{}",
                d.name,
                d.kind.noun(),
                d.signature,
                d.line_in_words()
            )
        }
        Sym::Zone(n) => zone(a, m, n)?,
        Sym::Result(n) if n == "score" => t("hover-score", &[]),
        Sym::Result(_) => t("hover-place", &[]),
    };
    Some((o.span, text))
}

fn indicator(a: &Analysis, m: &Module, name: &str) -> Option<String> {
    let ind = m.items.iter().find_map(|i| match i {
        Item::Indicator(x) if x.name.name == name => Some(x),
        _ => None,
    })?;
    let mut s = format!(
        "{}\n",
        t(
            "hover-indicator",
            &[("name", name.into()), ("title", (&ind.title.value).into())]
        )
    );
    for f in &ind.fields {
        match f {
            IndicatorField::Value(e, _) => {
                let _ = write!(s, "\n```metodika\nvalue = {}\n```\n", a.slice(e.span));
            }
            IndicatorField::Note(..) => {}
            other => {
                let span = other.span();
                let body = a.slice(span)[other.keyword().len()..].trim();
                let from = if span.start < ind.span.start || span.end > ind.span.end {
                    format!(" {}", t("hover-from-defaults", &[]))
                } else {
                    String::new()
                };
                let _ = writeln!(s, "- {}: `{body}`{from}", other.keyword());
            }
        }
    }
    if !ind
        .fields
        .iter()
        .any(|f| matches!(f, IndicatorField::Normalize(..)))
    {
        s.push_str(&format!("{}\n", t("hover-normalize-none", &[])));
    }
    weights(a, m, name, &mut s);
    let indicator = |m: &Methodology| {
        let i = m.indicators.iter().position(|i| i.name == name)?;
        Some(NodeRef::Indicator(i))
    };
    share(a.methodology.as_ref(), indicator, &mut s);
    for f in &ind.fields {
        if let IndicatorField::Note(n, _) = f {
            let _ = write!(s, "\n{}\n", n.value);
        }
    }
    Some(s)
}

/// The groups `name` is a member of, with its weight as written.
fn weights(a: &Analysis, m: &Module, name: &str, s: &mut String) {
    for item in &m.items {
        if let Item::Group(g) | Item::Score(g) = item {
            for e in &g.entries {
                if let GroupEntry::Member(mb) = e {
                    if mb.name.name == name {
                        let gname = g.name.as_ref().map_or("score", |n| n.name.as_str());
                        let w = mb.weight.as_ref().map_or_else(
                            || t("hover-equal-weight", &[]),
                            |w| a.slice(w.span).to_string(),
                        );
                        let _ = writeln!(
                            s,
                            "{}",
                            t(
                                "hover-in-group",
                                &[("group", gname.into()), ("weight", w.into())]
                            )
                        );
                    }
                }
            }
        }
    }
}

/// Its share of the most the score can reach, through the groups it is in.
fn share(m: Option<&Methodology>, node: impl Fn(&Methodology) -> Option<NodeRef>, s: &mut String) {
    let Some(m) = m else {
        let _ = writeln!(s, "{}", t("hover-share-later", &[]));
        return;
    };
    let node = node(m);
    let Some(node) = node else { return };
    match of_score(m, m.score_index(), node) {
        Some(Some(f)) => {
            let _ = write!(
                s,
                "{}",
                t(
                    "hover-share",
                    &[(
                        "share",
                        crate::i18n::decimal(crate::builtins::pct((f * 1e4).round() / 1e4)).into()
                    )]
                )
            );
            let score = m.score();
            if score.scheme == WeightScheme::Points {
                let _ = write!(
                    s,
                    " {}",
                    t(
                        "hover-share-points",
                        &[
                            (
                                "points",
                                crate::i18n::decimal(fmt_num(f * score.total_weight())).into()
                            ),
                            ("max", score.total_weight().into()),
                        ]
                    )
                );
            }
            s.push('\n');
        }
        Some(None) => {
            let _ = writeln!(s, "{}", t("hover-share-min", &[]));
        }
        None => {
            let _ = writeln!(s, "{}", t("hover-share-none", &[]));
        }
    }
}

fn fmt_num(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    format!("{r}")
}

/// The share of group `g`'s result that `node` makes: `None` when not in it,
/// `Some(None)` when a `min` aggregation leaves it unfixed.
fn of_score(m: &Methodology, g: usize, node: NodeRef) -> Option<Option<f64>> {
    let group = &m.groups[g];
    let total = group.total_weight();
    for mb in &group.members {
        let here = if mb.node == node {
            Some(Some(1.0))
        } else if let NodeRef::Group(c) = mb.node {
            of_score(m, c, node)
        } else {
            None
        };
        if let Some(inner) = here {
            if group.aggregation == Aggregation::Min {
                return Some(None);
            }
            let w = match group.scheme {
                WeightScheme::Equal => 1.0 / group.members.len() as f64,
                _ if total > 0.0 => mb.weight / total,
                _ => 0.0,
            };
            return Some(inner.map(|f| f * w));
        }
    }
    None
}

fn group(a: &Analysis, m: &Module, name: Option<&str>) -> Option<String> {
    let g = m.items.iter().find_map(|i| match i {
        Item::Group(g) if g.name.as_ref().map(|n| n.name.as_str()) == name => Some(g),
        _ => None,
    })?;
    let name = name?;
    let agg = g.aggregation.as_ref().map_or_else(
        || t("hover-aggregation-default", &[]),
        |a| format!("`{}`", a.name),
    );
    let members = g
        .entries
        .iter()
        .filter(|e| matches!(e, GroupEntry::Member(_)))
        .count();
    let mut s = format!(
        "{}\n",
        t(
            "hover-group",
            &[
                ("name", name.into()),
                ("title", (&g.title.value).into()),
                ("aggregation", agg.into()),
                ("members", members.into()),
            ]
        )
    );
    weights(a, m, name, &mut s);
    let group = |m: &Methodology| {
        Some(NodeRef::Group(
            m.groups.iter().position(|g| g.name == name)?,
        ))
    };
    share(a.methodology.as_ref(), group, &mut s);
    Some(s)
}

fn input(m: &Module, name: &str, columns: &dyn Columns) -> Option<String> {
    let (what, path) = m.items.iter().find_map(|i| match i {
        Item::Input(x) if x.name.name == name => Some(("input", &x.path.value)),
        Item::Records(x) if x.name.name == name => Some(("records", &x.path.value)),
        _ => None,
    })?;
    let head = if what == "input" {
        "hover-input"
    } else {
        "hover-records"
    };
    let mut s = format!(
        "{}\n\n",
        t(head, &[("name", name.into()), ("path", path.into())])
    );
    match columns.columns(name) {
        Ok(cols) => {
            let _ = writeln!(
                s,
                "{}",
                t(
                    "hover-columns",
                    &[
                        ("n", cols.len().into()),
                        (
                            "columns",
                            cols.iter()
                                .map(|(c, _)| format!("`{c}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into()
                        ),
                    ]
                )
            );
        }
        Err(why) => {
            let _ = writeln!(s, "{}", t("hover-columns-unknown", &[("why", why.into())]));
        }
    }
    Some(s)
}

/// The header a name is given to in `input` (`column население = "…"`), if it is one.
fn given_header<'m>(m: &'m Module, input: &str, name: &str) -> Option<&'m str> {
    super::given_names(m, input)
        .into_iter()
        .find(|c| c.name.name == name)
        .map(|c| c.header.value.as_str())
}

fn column(input: &str, col: &str, columns: &dyn Columns) -> String {
    let mut s = format!(
        "{}\n\n",
        t(
            "hover-column",
            &[
                ("column", crate::syntax::column_text(col).into()),
                ("input", input.into())
            ]
        )
    );
    match columns.columns(input) {
        Ok(cols) => match cols.iter().find(|(c, _)| c == col) {
            Some((_, Some(ty))) => {
                let _ = write!(s, "{}", t("hover-type", &[("type", ty.in_words().into())]));
            }
            Some((_, None)) => s.push_str(&t("hover-type-unknown", &[])),
            None => s.push_str(&t("hover-not-in-header", &[])),
        },
        Err(why) => {
            let _ = write!(s, "{}", t("hover-not-read", &[("why", why.into())]));
        }
    }
    s
}

fn zone(a: &Analysis, m: &Module, name: &str) -> Option<String> {
    m.items.iter().find_map(|i| match i {
        Item::Zones(z) => z.zones.iter().find(|x| x.name.name == name).map(|x| {
            format!(
                "{}\n\n```metodika\n{}\n```",
                t(
                    "hover-zone",
                    &[("name", name.into()), ("title", (&x.title.value).into())]
                ),
                a.slice(x.rule_span)
            )
        }),
        _ => None,
    })
}
