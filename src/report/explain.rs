//! `explain`: one region's score as a tree of its groups and indicators, its neighbours,
//! and what decided a shared place.

use super::number as n;

// Numbers for people, with the decimal separator of the chosen language (`665,8`).
fn fmt_num(x: f64) -> String {
    crate::i18n::decimal(n::fmt_num(x))
}
fn opt(x: Option<f64>) -> String {
    crate::i18n::decimal(n::opt(x))
}
fn place_text(p: Option<f64>) -> String {
    crate::i18n::decimal(n::place_text(p))
}
use super::ranking::zone_title;
use crate::check::{Methodology, NodeRef, WeightScheme};
use crate::engine::{Ranking, Row};
use crate::i18n::t;

/// The score of one region as a tree, with its neighbours and what decided any tie.
/// `None` when no region has that key.
pub fn explain(m: &Methodology, r: &Ranking, key: &str) -> Option<String> {
    let idx = r.rows.iter().position(|x| x.key == key)?;
    let row = &r.rows[idx];
    let mut out = String::new();
    out.push_str(&format!("{} — {}\n", row.key, row.label));
    if let Some(reason) = &row.excluded {
        out.push_str(&t("explain-not-ranked", &[("reason", reason.into())]));
        out.push('\n');
        return Some(out);
    }
    let ranked = r.rows.iter().filter(|x| x.place.is_some()).count();
    out.push_str(&t(
        "explain-place",
        &[
            ("place", place_text(row.place).into()),
            ("ranked", ranked.to_string().into()),
            ("ties", ties_words(m).into()),
            ("score", people_number(opt(row.score)).into()),
        ],
    ));
    if let Some(z) = &row.zone {
        let russian = crate::i18n::lang() == crate::i18n::Lang::Ru;
        out.push_str(&t(
            if russian {
                "explain-zone-title"
            } else {
                "explain-zone"
            },
            &[
                ("zone", z.into()),
                ("title", zone_title(r, row.zone.as_deref()).into()),
            ],
        ));
    }
    out.push_str("\n\n");
    let score_group = m.score_index();
    let score_value = row.score;
    out.push_str(&format!(
        "score  {}  = {}\n",
        m.groups[score_group].title,
        opt(score_value)
    ));
    tree(m, r, row, score_group, "", &mut out);
    // Neighbours and ties.
    out.push('\n');
    let show = |x: &Row| {
        format!(
            "  {:>5}  {:<4} {:<40} {}",
            place_text(x.place),
            x.key,
            x.label,
            opt(x.score)
        )
    };
    if idx > 0 && r.rows[idx - 1].place.is_some() {
        out.push_str(&format!(
            "{}\n{}\n",
            t("explain-above", &[]),
            show(&r.rows[idx - 1])
        ));
    }
    out.push_str(&format!("{}\n{}\n", t("explain-this", &[]), show(row)));
    if idx + 1 < r.rows.len() && r.rows[idx + 1].place.is_some() {
        out.push_str(&format!(
            "{}\n{}\n",
            t("explain-below", &[]),
            show(&r.rows[idx + 1])
        ));
    }
    for other in [idx.checked_sub(1), Some(idx + 1)].into_iter().flatten() {
        let Some(o) = r.rows.get(other) else { continue };
        if o.place.is_none() || o.score != row.score {
            continue;
        }
        let decided = (0..r.tie_breakers.len()).find(|&k| row.tie_values[k] != o.tie_values[k]);
        let tb = !r.tie_breakers.is_empty();
        let line = match decided {
            Some(k) => t(
                "explain-tie-decided",
                &[
                    ("key", (&o.key).into()),
                    ("label", (&o.label).into()),
                    ("by", (&r.tie_breakers[k]).into()),
                    ("mine", opt(row.tie_values[k]).into()),
                    ("theirs", opt(o.tie_values[k]).into()),
                ],
            ),
            None if o.place == row.place => t(
                if tb {
                    "explain-shares-place-tb"
                } else {
                    "explain-shares-place"
                },
                &[
                    ("place", place_text(row.place).into()),
                    ("key", (&o.key).into()),
                    ("label", (&o.label).into()),
                ],
            ),
            None => t(
                if tb {
                    "explain-equal-by-key-tb"
                } else {
                    "explain-equal-by-key"
                },
                &[
                    ("key", (&o.key).into()),
                    ("label", (&o.label).into()),
                    ("ties", m.rank.ties.name().into()),
                ],
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    Some(out)
}

/// In Russian, the glossary's words for what English shows by its keyword (`dense`,
/// `minmax`, `sum`, `median`): «равные баллы — одно место», «линейное нормирование»…
fn russian() -> Option<crate::i18n::Lang> {
    (crate::i18n::lang() == crate::i18n::Lang::Ru).then_some(crate::i18n::Lang::Ru)
}

fn ties_words(m: &Methodology) -> String {
    match russian() {
        Some(_) => t(
            match m.rank.ties {
                crate::builtins::TieMethod::Dense => "explain-ties-dense",
                crate::builtins::TieMethod::Competition => "explain-ties-competition",
                crate::builtins::TieMethod::Ordinal => "explain-ties-ordinal",
                crate::builtins::TieMethod::Average => "explain-ties-average",
            },
            &[],
        ),
        None => m.rank.ties.name().to_string(),
    }
}

fn aggregation_words(a: crate::builtins::Aggregation) -> String {
    match russian() {
        Some(l) => super::people::aggregation(l, a),
        None => a.name().to_string(),
    }
}

fn missing_words(p: &crate::builtins::MissingPolicy) -> String {
    match russian() {
        Some(l) => super::people::missing(l, p),
        None => p.text(),
    }
}

/// The normalized value with its normalization: `minmax 0.5`; in Russian «линейное
/// нормирование (от минимума до максимума): 0,5».
fn normalized_step(n: &crate::builtins::Normalization, value: String) -> String {
    match russian() {
        Some(l) => format!("{}: {value}", super::people::normalization(l, n)),
        None => format!("{} {value}", n.name()),
    }
}

/// A number in an explanation's first line: a decimal comma in Russian.
fn people_number(text: String) -> String {
    match russian() {
        Some(_) => text.replace('.', ","),
        None => text,
    }
}

fn weight_text(m: &Methodology, g: usize, w: f64) -> String {
    use crate::builtins::Aggregation;
    let grp = &m.groups[g];
    let summed = grp.aggregation == Aggregation::Sum;
    match grp.scheme {
        WeightScheme::Points => t(
            "explain-weight-points",
            &[("points", crate::i18n::count("count-points", w).into())],
        ),
        WeightScheme::Percent => t(
            "explain-weight-percent",
            &[("w", fmt_num(w * 100.0).into())],
        ),
        WeightScheme::Relative if summed => format!("× {}", fmt_num(w)),
        WeightScheme::Relative => t(
            "explain-weight-relative",
            &[
                ("w", fmt_num(w).into()),
                ("total", fmt_num(grp.total_weight()).into()),
            ],
        ),
        WeightScheme::Equal if summed => t("explain-added-as-is", &[]),
        WeightScheme::Equal => t(
            "explain-weight-equal",
            &[("n", grp.members.len().to_string().into())],
        ),
    }
}

/// Numbers in explanations: four decimals at most.
fn short(x: Option<f64>) -> String {
    x.map(|v| fmt_num((v * 1e4).round() / 1e4))
        .unwrap_or_else(|| "—".into())
}

fn tree(m: &Methodology, r: &Ranking, row: &Row, g: usize, prefix: &str, out: &mut String) {
    let members = &m.groups[g].members;
    for (k, mem) in members.iter().enumerate() {
        let last = k + 1 == members.len();
        let branch = if last { "└─ " } else { "├─ " };
        let cont = if last { "   " } else { "│  " };
        let w = weight_text(m, g, mem.weight);
        match mem.node {
            NodeRef::Group(c) => {
                let v = r
                    .groups
                    .iter()
                    .position(|(n, _)| *n == m.groups[c].name)
                    .and_then(|i| row.groups[i]);
                // (in Russian, a block whose members' points are added: «сумма баллов»)
                let how = match russian() {
                    Some(_)
                        if m.groups[g].aggregation == crate::builtins::Aggregation::Sum
                            && m.groups[g].scheme == WeightScheme::Equal =>
                    {
                        t("explain-points-added", &[])
                    }
                    _ => format!("{}; {w}", aggregation_words(m.groups[c].aggregation)),
                };
                out.push_str(&format!(
                    "{prefix}{branch}{}  {}  = {}  [{how}]\n",
                    m.groups[c].name,
                    m.groups[c].title,
                    short(v),
                ));
                tree(m, r, row, c, &format!("{prefix}{cont}"), out);
            }
            NodeRef::Indicator(i) => {
                let ind = &m.indicators[i];
                let d = &row.indicators[i];
                out.push_str(&format!("{prefix}{branch}{}  {}\n", ind.name, ind.title));
                let mut steps = t("explain-raw", &[("value", short(d.raw).into())]);
                if d.raw.is_none() {
                    steps = t("explain-raw-missing", &[]);
                }
                if !ind.transforms.is_empty() || d.was_missing || d.outlier != 0 {
                    let mut why: Vec<String> = Vec::new();
                    if d.was_missing {
                        why.push(t(
                            "explain-missing-policy",
                            &[("policy", missing_words(&ind.missing).into())],
                        ));
                    }
                    match d.outlier {
                        1 => why.push(t(
                            "explain-outlier-winsorized",
                            &[("value", short(d.value).into())],
                        )),
                        2 => why.push(t("explain-outlier-log", &[])),
                        _ => {}
                    }
                    let why = match why.is_empty() {
                        true => String::new(),
                        false => format!(" [{}]", why.join("; ")),
                    };
                    let v = t("explain-value", &[("value", short(d.value).into())]);
                    steps.push_str(&format!(" → {v}{why}"));
                }
                steps.push_str(&format!(
                    " → {} → {}, {}",
                    normalized_step(&ind.normalization, short(d.normalized)),
                    w,
                    t(
                        "explain-contributes",
                        &[("value", short(d.contribution).into())]
                    )
                ));
                out.push_str(&format!("{prefix}{cont}   {steps}\n"));
                for line in aggregate_lines(m, row, i) {
                    out.push_str(&format!("{prefix}{cont}     {line}\n"));
                }
            }
        }
    }
}

/// The aggregates over records in indicator `i`'s formula, each with the records it
/// took: `share(messages where …): 2 of 4 messages = 0.5`.
fn aggregate_lines(m: &Methodology, row: &Row, i: usize) -> Vec<String> {
    use crate::builtins::RecordAggregate as A;
    use crate::check::IrExpr;
    let mut found = Vec::new();
    m.indicators[i].value.visit(&mut |e| {
        if let IrExpr::Record(k) = e {
            if !found.contains(k) {
                found.push(*k);
            }
        }
    });
    found
        .into_iter()
        .filter_map(|k| {
            let a = &m.record_aggs[k];
            let d = row.aggregates.get(k)?;
            let records = &m.records[a.records].name;
            // (in Russian in words: «число записей «messages», где status = «answered»»)
            let text = match russian() {
                Some(l) => super::formula::aggregate(l, m, k),
                None => m.aggregate_text(k),
            };
            let args = |extra: Vec<(&'static str, crate::i18n::Arg<'static>)>| {
                let mut v: Vec<(&'static str, crate::i18n::Arg<'static>)> = vec![
                    ("text", text.clone().into()),
                    ("kept", d.kept.into()),
                    ("of", d.total.into()),
                    ("records", records.clone().into()),
                ];
                v.extend(extra);
                v
            };
            let line = match a.kind {
                A::Count if a.filter.is_some() => t("explain-agg-count-of", &args(vec![])),
                A::Count => t("explain-agg-count", &args(vec![])),
                A::Share => t(
                    "explain-agg-share",
                    &args(vec![("value", short(d.value).into())]),
                ),
                _ => t(
                    "explain-agg-value",
                    &args(vec![
                        ("value", short(d.value).into()),
                        ("values", crate::i18n::count("count-values", d.kept).into()),
                    ]),
                ),
            };
            Some(line)
        })
        .collect()
}
