//! A panel: one methodology run for several periods (`run --periods 2025-Q1..2025-Q4`):
//! each region's place and score in each period, and the change from the first to the
//! last.

use super::number::{fmt_exact, fmt_num, place_text, signed};
use super::ranking::md_escape;
use super::table::{aligned, markdown};
use super::Format;
use crate::engine::Ranking;
use serde_json::json;

/// The rankings of one methodology over consecutive periods.
pub struct Panel {
    /// The methodology's title.
    pub title: String,
    /// Each period's name and ranking, in order.
    pub periods: Vec<(String, Ranking)>,
}

/// One region across the periods.
struct Line {
    key: String,
    label: String,
    /// (place, score, zone) in each period.
    cells: Vec<(Option<f64>, Option<f64>, Option<String>)>,
}

impl Panel {
    /// The regions in the order of the last period's ranking (then those only in earlier
    /// ones, by key), each with its place, score and zone in every period.
    fn lines(&self) -> Vec<Line> {
        let mut order: Vec<(String, String)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (_, r) in self.periods.iter().rev() {
            for row in &r.rows {
                if seen.insert(row.key.clone()) {
                    order.push((row.key.clone(), row.label.clone()));
                }
            }
        }
        order
            .into_iter()
            .map(|(key, label)| {
                let cells = self
                    .periods
                    .iter()
                    .map(|(_, r)| match r.rows.iter().find(|x| x.key == key) {
                        Some(x) => (x.place, x.score, x.zone.clone()),
                        None => (None, None, None),
                    })
                    .collect();
                Line { key, label, cells }
            })
            .collect()
    }
}

/// The change from the first period to the last: places gained (positive: up), and the
/// score's difference; missing where either period has none.
fn change(l: &Line) -> (Option<f64>, Option<f64>) {
    let (first, last) = (l.cells.first(), l.cells.last());
    match (first, last) {
        (Some(a), Some(b)) => (
            a.0.zip(b.0).map(|(p, q)| p - q),
            a.1.zip(b.1).map(|(s, t)| t - s),
        ),
        _ => (None, None),
    }
}

/// The panel in a format.
pub fn render_panel(p: &Panel, format: Format) -> String {
    let lines = p.lines();
    let names: Vec<&str> = p.periods.iter().map(|(n, _)| n.as_str()).collect();
    match format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = lines
                .iter()
                .map(|l| {
                    let (dp, ds) = change(l);
                    let periods: Vec<serde_json::Value> = names
                        .iter()
                        .zip(&l.cells)
                        .map(|(n, (place, score, zone))| {
                            json!({"period": n, "place": place, "score": score, "zone": zone})
                        })
                        .collect();
                    json!({
                        "key": l.key, "label": l.label, "periods": periods,
                        "place_change": dp, "score_change": ds,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&json!({
                "title": p.title, "periods": names, "rows": rows,
            }))
            .unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let mut header = vec!["key".to_string(), "label".to_string()];
            for n in &names {
                header.push(format!("{n}.place"));
                header.push(format!("{n}.score"));
                header.push(format!("{n}.zone"));
            }
            header.push("place_change".into());
            header.push("score_change".into());
            let _ = w.write_record(&header);
            let exact = |x: Option<f64>| x.map(fmt_exact).unwrap_or_default();
            for l in &lines {
                let mut rec = vec![l.key.clone(), l.label.clone()];
                for (place, score, zone) in &l.cells {
                    rec.push(exact(*place));
                    rec.push(exact(*score));
                    rec.push(zone.clone().unwrap_or_default());
                }
                let (dp, ds) = change(l);
                rec.push(exact(dp));
                rec.push(exact(ds));
                let _ = w.write_record(&rec);
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
        Format::Table | Format::Markdown => {
            use crate::i18n::t;
            let mut header: Vec<String> = vec![t("col-key", &[]), t("col-region", &[])];
            for n in &names {
                header.push(t("col-period-place", &[("period", (*n).into())]));
                header.push(t("col-period-score", &[("period", (*n).into())]));
            }
            header.push(t("col-places", &[]));
            header.push(t("col-score", &[]));
            let right: Vec<bool> = (0..header.len()).map(|i| i >= 2).collect();
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    let mut r = vec![l.key.clone(), l.label.clone()];
                    for (place, score, _) in &l.cells {
                        r.push(place_text(*place));
                        r.push(score.map(fmt_num).unwrap_or_default());
                    }
                    let (dp, ds) = change(l);
                    r.push(dp.map(signed).unwrap_or_default());
                    r.push(ds.map(signed).unwrap_or_default());
                    super::table::localize_numbers(&mut r, &right);
                    r
                })
                .collect();
            let hdr: Vec<&str> = header.iter().map(|s| s.as_str()).collect();
            if format == Format::Markdown {
                let title = md_escape(&p.title);
                return format!("### {title}\n\n{}", markdown(&hdr, &rows, &right));
            }
            format!("{}\n{}", p.title, aligned(&hdr, &rows, &right))
        }
    }
}
