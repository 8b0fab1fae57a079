//! Rankings as text: table, CSV, JSON, Markdown; and the explanation of one region.
//! The column names here are part of the interface (documented in docs/cli.md).

use crate::check::{Methodology, NodeRef, WeightScheme};
use crate::engine::{Ranking, Row};
use serde_json::{json, Map, Value};

pub use crate::engine::result_fmt_num as fmt_num;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "markdown" | "md" => Format::Markdown,
            _ => return None,
        })
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(fmt_num).unwrap_or_default()
}

fn place_text(p: Option<f64>) -> String {
    opt(p)
}

/// The columns of a ranking: (name, values as text).
pub fn columns(r: &Ranking, detail: bool) -> Vec<(String, Vec<String>)> {
    let mut cols: Vec<(String, Vec<String>)> = vec![
        (
            "place".into(),
            r.rows.iter().map(|x| place_text(x.place)).collect(),
        ),
        ("key".into(), r.rows.iter().map(|x| x.key.clone()).collect()),
        (
            "label".into(),
            r.rows.iter().map(|x| x.label.clone()).collect(),
        ),
        (
            "score".into(),
            r.rows.iter().map(|x| opt(x.score)).collect(),
        ),
        (
            "zone".into(),
            r.rows
                .iter()
                .map(|x| x.zone.clone().unwrap_or_default())
                .collect(),
        ),
        (
            "zone_title".into(),
            r.rows.iter().map(|x| zone_title(r, x)).collect(),
        ),
        (
            "excluded".into(),
            r.rows
                .iter()
                .map(|x| x.excluded.clone().unwrap_or_default())
                .collect(),
        ),
    ];
    for (gi, (g, _)) in r.groups.iter().enumerate() {
        cols.push((
            format!("group.{g}"),
            r.rows.iter().map(|x| opt(x.groups[gi])).collect(),
        ));
    }
    if detail {
        for (ii, (ind, _)) in r.indicators.iter().enumerate() {
            cols.push((
                format!("{ind}.raw"),
                r.rows.iter().map(|x| opt(x.indicators[ii].raw)).collect(),
            ));
            cols.push((
                format!("{ind}.value"),
                r.rows.iter().map(|x| opt(x.indicators[ii].value)).collect(),
            ));
            cols.push((
                format!("{ind}.normalized"),
                r.rows
                    .iter()
                    .map(|x| opt(x.indicators[ii].normalized))
                    .collect(),
            ));
            cols.push((
                format!("{ind}.contribution"),
                r.rows
                    .iter()
                    .map(|x| opt(x.indicators[ii].contribution))
                    .collect(),
            ));
        }
    }
    cols
}

fn zone_title(r: &Ranking, row: &Row) -> String {
    row.zone
        .as_ref()
        .and_then(|z| r.zones.iter().find(|(n, _)| n == z))
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

pub fn csv(r: &Ranking, detail: bool) -> String {
    let cols = columns(r, detail);
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(cols.iter().map(|c| c.0.as_str()));
    for i in 0..r.rows.len() {
        let _ = w.write_record(cols.iter().map(|c| c.1[i].as_str()));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn num(x: Option<f64>) -> Value {
    match x {
        Some(v) => {
            let s = fmt_num(v);
            serde_json::from_str(&s).unwrap_or(Value::Null)
        }
        None => Value::Null,
    }
}

pub fn json(r: &Ranking, detail: bool) -> String {
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let mut o = Map::new();
            o.insert("place".into(), num(row.place));
            o.insert("key".into(), json!(row.key));
            o.insert("label".into(), json!(row.label));
            o.insert("score".into(), num(row.score));
            o.insert("zone".into(), json!(row.zone));
            o.insert(
                "zone_title".into(),
                if row.zone.is_some() {
                    json!(zone_title(r, row))
                } else {
                    Value::Null
                },
            );
            o.insert("excluded".into(), json!(row.excluded));
            let groups: Map<String, Value> = r
                .groups
                .iter()
                .zip(&row.groups)
                .map(|((g, _), v)| (g.clone(), num(*v)))
                .collect();
            o.insert("groups".into(), Value::Object(groups));
            if detail {
                let inds: Map<String, Value> = r
                    .indicators
                    .iter()
                    .zip(&row.indicators)
                    .map(|((n, _), d)| {
                        (
                            n.clone(),
                            json!({
                                "raw": num(d.raw),
                                "value": num(d.value),
                                "normalized": num(d.normalized),
                                "contribution": num(d.contribution),
                                "imputed": d.was_missing && d.value.is_some(),
                            }),
                        )
                    })
                    .collect();
                o.insert("indicators".into(), Value::Object(inds));
            }
            Value::Object(o)
        })
        .collect();
    let doc = json!({
        "methodology": { "title": r.title, "version": r.version },
        "rows": rows,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// The human-facing columns: fewer, with titles.
fn display_columns(r: &Ranking, detail: bool) -> Vec<(String, Vec<String>, bool)> {
    let mut cols: Vec<(String, Vec<String>, bool)> = vec![
        (
            "place".into(),
            r.rows.iter().map(|x| place_text(x.place)).collect(),
            true,
        ),
        (
            "key".into(),
            r.rows.iter().map(|x| x.key.clone()).collect(),
            false,
        ),
        (
            "region".into(),
            r.rows.iter().map(|x| x.label.clone()).collect(),
            false,
        ),
        (
            "score".into(),
            r.rows
                .iter()
                .map(|x| x.score.map(|s| format!("{s:.2}")).unwrap_or_default())
                .collect(),
            true,
        ),
    ];
    if !r.zones.is_empty() {
        cols.push((
            "zone".into(),
            r.rows.iter().map(|x| zone_title(r, x)).collect(),
            false,
        ));
    }
    for (gi, (g, _)) in r.groups.iter().enumerate() {
        cols.push((
            g.clone(),
            r.rows
                .iter()
                .map(|x| x.groups[gi].map(|s| format!("{s:.2}")).unwrap_or_default())
                .collect(),
            true,
        ));
    }
    if detail {
        for (ii, (ind, _)) in r.indicators.iter().enumerate() {
            cols.push((
                format!("{ind}.raw"),
                r.rows.iter().map(|x| opt(x.indicators[ii].raw)).collect(),
                true,
            ));
            cols.push((
                format!("{ind}.norm"),
                r.rows
                    .iter()
                    .map(|x| {
                        x.indicators[ii]
                            .normalized
                            .map(|v| format!("{v:.4}"))
                            .unwrap_or_default()
                    })
                    .collect(),
                true,
            ));
            cols.push((
                format!("{ind}.pts"),
                r.rows
                    .iter()
                    .map(|x| {
                        x.indicators[ii]
                            .contribution
                            .map(|v| format!("{v:.2}"))
                            .unwrap_or_default()
                    })
                    .collect(),
                true,
            ));
        }
    }
    cols.push((
        "not ranked".into(),
        r.rows
            .iter()
            .map(|x| x.excluded.clone().unwrap_or_default())
            .collect(),
        false,
    ));
    if r.rows.iter().all(|x| x.excluded.is_none()) {
        cols.pop();
    }
    cols
}

pub fn table(r: &Ranking, detail: bool) -> String {
    let cols = display_columns(r, detail);
    let widths: Vec<usize> = cols
        .iter()
        .map(|(h, v, _)| {
            v.iter()
                .map(|s| width(s))
                .chain([width(h)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    out.push_str(&r.title);
    if let Some(v) = &r.version {
        out.push_str(&format!(" ({v})"));
    }
    out.push('\n');
    let line = |cells: Vec<&str>, out: &mut String| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i] - width(c);
            if i > 0 {
                l.push_str("  ");
            }
            if cols[i].2 {
                l.push_str(&" ".repeat(pad));
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(cols.iter().map(|c| c.0.as_str()).collect(), &mut out);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(rule.iter().map(|s| s.as_str()).collect(), &mut out);
    for i in 0..r.rows.len() {
        line(cols.iter().map(|c| c.1[i].as_str()).collect(), &mut out);
    }
    out
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn markdown(r: &Ranking, detail: bool) -> String {
    let cols = display_columns(r, detail);
    let mut out = format!("### {}", md_escape(&r.title));
    if let Some(v) = &r.version {
        out.push_str(&format!(" ({})", md_escape(v)));
    }
    out.push_str("\n\n|");
    for c in &cols {
        out.push_str(&format!(" {} |", md_escape(&c.0)));
    }
    out.push_str("\n|");
    for c in &cols {
        out.push_str(if c.2 { " ---: |" } else { " --- |" });
    }
    out.push('\n');
    for i in 0..r.rows.len() {
        out.push('|');
        for c in &cols {
            out.push_str(&format!(" {} |", md_escape(&c.1[i])));
        }
        out.push('\n');
    }
    out
}

pub fn render(r: &Ranking, format: Format, detail: bool) -> String {
    match format {
        Format::Table => table(r, detail),
        Format::Csv => csv(r, detail),
        Format::Json => json(r, detail),
        Format::Markdown => markdown(r, detail),
    }
}

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
        out.push_str(&format!(", zone {z} ({})", zone_title(r, row)));
    }
    out.push_str("\n\n");
    let score_group = m.groups.len() - 1;
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
        WeightScheme::Points => format!("{} points", fmt_num(w)),
        WeightScheme::Percent => format!("weight {}%", fmt_num(w * 100.0)),
        WeightScheme::Relative if summed => format!("× {}", fmt_num(w)),
        WeightScheme::Relative => format!("weight {}/{}", fmt_num(w), fmt_num(grp.max_points())),
        WeightScheme::Equal if summed => "summed".to_string(),
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
                    "{prefix}{branch}{}  {}  = {}  ({}, {})\n",
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
            }
        }
    }
}
