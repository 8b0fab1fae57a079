//! `metodika uncertainty`: each region's nominal place beside what the replications give —
//! the median place and its 5–95% interval, the mean score and its interval, the
//! probability of each zone and of the top N.
//!
//! Places and scores over the replications are summarized by nearest-rank percentiles
//! (the smallest value with at least p of the replications at or below it), so that a
//! place interval is made of places a region actually took.

use super::number::{fmt_exact, fmt_num, place_text};
use super::ranking::md_escape;
use super::table::{aligned, markdown};
use super::Format;
use crate::engine::uncertainty::Replications;
use crate::i18n::t;
use rayon::prelude::*;
use serde_json::json;

/// One region over the replications.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Its key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// Its nominal place, score and zone.
    pub nominal: (Option<f64>, Option<f64>, Option<String>),
    /// The median place, and the 5% and 95% percentiles of places.
    pub place: Option<(f64, f64, f64)>,
    /// The mean score, and the 5% and 95% percentiles of scores.
    pub score: Option<(f64, f64, f64)>,
    /// The share of replications in each zone of the methodology, in its order.
    pub zones: Vec<f64>,
    /// The share of replications in which it is ranked within the top N.
    pub top: f64,
    /// In how many replications it is ranked.
    pub ranked: usize,
}

/// Each region's summary, in the nominal ranking's order, from the replications' tally
/// (`engine::tally`: places exact, scores' percentiles exact up to its limit).
pub fn summarize(r: &Replications, top: usize) -> Vec<Summary> {
    let runs = r.tally.runs.max(1) as f64;
    (0..r.keys.len())
        .into_par_iter()
        .map(|i| {
            let t = &r.tally.regions[i];
            let place = t
                .place_percentile(0.5)
                .and_then(|m| Some((m, t.place_percentile(0.05)?, t.place_percentile(0.95)?)));
            Summary {
                key: r.keys[i].clone(),
                label: r.labels[i].clone(),
                nominal: (
                    r.nominal.place[i],
                    r.nominal.score[i],
                    r.nominal.zone[i].map(|z| r.zones[z].0.clone()),
                ),
                place,
                score: t.scores(),
                zones: t.zones.iter().map(|&c| c as f64 / runs).collect(),
                top: t.within(top as f64) as f64 / runs,
                ranked: t.ranked as usize,
            }
        })
        .collect()
}

/// A share as a percentage for people: `87%`, `<1%` for a share above 0 that rounds to
/// 0, `>99%` for one below 1 that rounds to 100.
fn percent(x: f64) -> String {
    let p = (x * 100.0).round();
    match x {
        x if x > 0.0 && p == 0.0 => "<1%".into(),
        x if x < 1.0 && p == 100.0 => ">99%".into(),
        _ => format!("{p}%"),
    }
}

/// The analysis in a format.
pub fn render_uncertainty(title: &str, r: &Replications, top: usize, format: Format) -> String {
    let rows = summarize(r, top);
    let exact = |x: Option<f64>| x.map(fmt_exact).unwrap_or_default();
    match format {
        Format::Json => {
            let regions: Vec<serde_json::Value> = rows
                .iter()
                .map(|s| {
                    let zones: serde_json::Map<String, serde_json::Value> = r
                        .zones
                        .iter()
                        .zip(&s.zones)
                        .map(|((z, _), p)| (z.clone(), json!(p)))
                        .collect();
                    json!({
                        "key": s.key, "label": s.label,
                        "nominal": {"place": s.nominal.0, "score": s.nominal.1, "zone": s.nominal.2},
                        "place": s.place.map(|(m, a, b)| json!({"median": m, "p05": a, "p95": b})),
                        "score": s.score.map(|(m, a, b)| json!({"mean": m, "p05": a, "p95": b})),
                        "zones": zones,
                        "top": s.top,
                        "ranked": s.ranked,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&json!({
                "title": title, "runs": r.tally.runs, "seed": r.seed, "top": top,
                "regions": regions,
            }))
            .unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let mut header: Vec<String> = [
                "key",
                "label",
                "place",
                "score",
                "zone",
                "place_median",
                "place_p05",
                "place_p95",
                "score_mean",
                "score_p05",
                "score_p95",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            header.extend(r.zones.iter().map(|(z, _)| format!("p_{z}")));
            header.push(format!("p_top{top}"));
            header.push("ranked".into());
            let _ = w.write_record(&header);
            for s in &rows {
                let mut rec = vec![
                    s.key.clone(),
                    s.label.clone(),
                    exact(s.nominal.0),
                    exact(s.nominal.1),
                    s.nominal.2.clone().unwrap_or_default(),
                ];
                rec.extend(
                    [
                        s.place.map(|p| p.0),
                        s.place.map(|p| p.1),
                        s.place.map(|p| p.2),
                    ]
                    .map(exact),
                );
                rec.extend(
                    [
                        s.score.map(|p| p.0),
                        s.score.map(|p| p.1),
                        s.score.map(|p| p.2),
                    ]
                    .map(exact),
                );
                rec.extend(s.zones.iter().map(|p| fmt_exact(*p)));
                rec.push(fmt_exact(s.top));
                rec.push(s.ranked.to_string());
                let _ = w.write_record(&rec);
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
        Format::Table | Format::Markdown => {
            let mut header: Vec<String> = [
                "col-place",
                "col-key",
                "col-region",
                "col-median",
                "col-interval",
                "col-score",
                "col-mean",
                "col-interval",
            ]
            .iter()
            .map(|id| t(id, &[]))
            .collect();
            // (people read the zones' titles; the CSV keeps their names)
            header.extend(r.zones.iter().map(|(z, title)| {
                if title.is_empty() {
                    z.clone()
                } else {
                    title.clone()
                }
            }));
            header.push(t("col-top", &[("n", top.to_string().into())]));
            let right: Vec<bool> = (0..header.len()).map(|i| i != 1 && i != 2).collect();
            let range = |a: f64, b: f64| format!("{}–{}", fmt_num(a), fmt_num(b));
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|s| {
                    let mut c = vec![
                        place_text(s.nominal.0),
                        s.key.clone(),
                        s.label.clone(),
                        s.place.map(|p| fmt_num(p.0)).unwrap_or_default(),
                        s.place.map(|p| range(p.1, p.2)).unwrap_or_default(),
                        s.nominal.1.map(fmt_num).unwrap_or_default(),
                        // (the mean to two decimals: more would be noise of the draws)
                        s.score
                            .map(|p| fmt_num((p.0 * 100.0).round() / 100.0))
                            .unwrap_or_default(),
                        s.score.map(|p| range(p.1, p.2)).unwrap_or_default(),
                    ];
                    c.extend(s.zones.iter().map(|p| percent(*p)));
                    c.push(percent(s.top));
                    super::table::localize_numbers(&mut c, &right);
                    c
                })
                .collect();
            let caption = t(
                "uncertainty-caption",
                &[
                    ("title", title.into()),
                    (
                        "replications",
                        crate::i18n::count("count-replications", r.tally.runs as f64).into(),
                    ),
                    ("seed", r.seed.to_string().into()),
                    ("top", top.to_string().into()),
                ],
            );
            let hdr: Vec<&str> = header.iter().map(|s| s.as_str()).collect();
            if format == Format::Markdown {
                let (title, caption) = (md_escape(title), md_escape(&caption));
                return format!(
                    "### {title}\n\n{caption}\n\n{}",
                    markdown(&hdr, &table, &right)
                );
            }
            format!("{caption}\n{}", aligned(&hdr, &table, &right))
        }
    }
}
