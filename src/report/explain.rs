//! `explain`: one region's score as a tree of its groups and indicators, its neighbours,
//! and what decided a shared place.

use super::number::{count, fmt_num, opt, place_text};
use super::ranking::zone_title;
use crate::check::{Methodology, NodeRef, WeightScheme};
use crate::engine::{Ranking, Row};

/// The score of one region as a tree, with its neighbours and what decided any tie.
/// `None` when no region has that key.
pub fn explain(m: &Methodology, r: &Ranking, key: &str) -> Option<String> {
    let idx = r.rows.iter().position(|x| x.key == key)?;
    let row = &r.rows[idx];
    let mut out = String::new();
    out.push_str(&format!("{} — {}\n", row.key, row.label));
    if let Some(reason) = &row.excluded {
        out.push_str(&format!("not ranked: {reason}\n"));
        return Some(out);
    }
    let ranked = r.rows.iter().filter(|x| x.place.is_some()).count();
    out.push_str(&format!(
        "place {} of {ranked} ({} ties), score {}",
        place_text(row.place),
        m.rank.ties.name(),
        opt(row.score)
    ));
    if let Some(z) = &row.zone {
        out.push_str(&format!(
            ", zone {z} ({})",
            zone_title(r, row.zone.as_deref())
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
        out.push_str(&format!("above:\n{}\n", show(&r.rows[idx - 1])));
    }
    out.push_str(&format!("this:\n{}\n", show(row)));
    if idx + 1 < r.rows.len() && r.rows[idx + 1].place.is_some() {
        out.push_str(&format!("below:\n{}\n", show(&r.rows[idx + 1])));
    }
    for other in [idx.checked_sub(1), Some(idx + 1)].into_iter().flatten() {
        let Some(o) = r.rows.get(other) else { continue };
        if o.place.is_none() || o.score != row.score {
            continue;
        }
        let decided = (0..r.tie_breakers.len()).find(|&t| row.tie_values[t] != o.tie_values[t]);
        match decided {
            Some(t) => out.push_str(&format!(
                "tie on score with {} ({}): decided by `{}` — {} against {}\n",
                o.key,
                o.label,
                r.tie_breakers[t],
                opt(row.tie_values[t]),
                opt(o.tie_values[t])
            )),
            None if o.place == row.place => out.push_str(&format!(
                "shares place {} with {} ({}): equal on the score{}\n",
                place_text(row.place),
                o.key,
                o.label,
                if r.tie_breakers.is_empty() {
                    ""
                } else {
                    " and every tie-breaker"
                }
            )),
            None => out.push_str(&format!(
                "equal with {} ({}) on the score{}; ordered by key (`ties {}`)\n",
                o.key,
                o.label,
                if r.tie_breakers.is_empty() {
                    ""
                } else {
                    " and every tie-breaker"
                },
                m.rank.ties.name()
            )),
        }
    }
    Some(out)
}

fn weight_text(m: &Methodology, g: usize, w: f64) -> String {
    use crate::builtins::Aggregation;
    let grp = &m.groups[g];
    let summed = grp.aggregation == Aggregation::Sum;
    match grp.scheme {
        WeightScheme::Points => count(w, "point", "points"),
        WeightScheme::Percent => format!("weight {}%", fmt_num(w * 100.0)),
        WeightScheme::Relative if summed => format!("× {}", fmt_num(w)),
        WeightScheme::Relative => format!("weight {}/{}", fmt_num(w), fmt_num(grp.total_weight())),
        WeightScheme::Equal if summed => "added as is".to_string(),
        WeightScheme::Equal => format!("weight 1/{}", grp.members.len()),
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
                out.push_str(&format!(
                    "{prefix}{branch}{}  {}  = {}  [{}; {}]\n",
                    m.groups[c].name,
                    m.groups[c].title,
                    short(v),
                    m.groups[c].aggregation.name(),
                    w
                ));
                tree(m, r, row, c, &format!("{prefix}{cont}"), out);
            }
            NodeRef::Indicator(i) => {
                let ind = &m.indicators[i];
                let d = &row.indicators[i];
                out.push_str(&format!("{prefix}{branch}{}  {}\n", ind.name, ind.title));
                let mut steps = format!("raw {}", short(d.raw));
                if d.raw.is_none() {
                    steps = "raw (missing)".into();
                }
                if !ind.transforms.is_empty() || d.was_missing {
                    let why = if d.was_missing {
                        format!(" [missing → {}]", ind.missing.name())
                    } else {
                        String::new()
                    };
                    steps.push_str(&format!(" → value {}{why}", short(d.value)));
                }
                steps.push_str(&format!(
                    " → {} {} → {}, contributes {}",
                    ind.normalization.name(),
                    short(d.normalized),
                    w,
                    short(d.contribution)
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
            let text = m.aggregate_text(k);
            let (kept, of) = (fmt_num(d.kept), fmt_num(d.total));
            let line = match a.kind {
                A::Count if a.filter.is_some() => format!("{text}: {kept} of {of} {records}"),
                A::Count => format!("{text}: {kept} {records}"),
                A::Share => format!("{text}: {kept} of {of} {records} = {}", short(d.value)),
                _ => format!(
                    "{text} = {} ({}, of {of} {records})",
                    short(d.value),
                    count(d.kept, "value", "values")
                ),
            };
            Some(line)
        })
        .collect()
}
