//! A panel: one methodology run for several periods (`run --periods 2025-Q1..2025-Q4`):
//! each region's place and score in each period, and the change from the first to the
//! last.

use super::number::{fmt_exact, place_text, signed};
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
    /// The score in every period too (`--detail`), not only in the last.
    pub detail: bool,
}

/// A period's heading in a panel for people: `I кв.` (`Q1`), a month's short name, or the
/// year — with the year after it when the panel spans several (`I кв. 2025`).
fn period_heading(name: &str, years: bool) -> String {
    use crate::i18n::{lang, t, Lang};
    let (year, rest) = name.split_once('-').unwrap_or((name, ""));
    let short = if let Some(q) = rest.strip_prefix('Q') {
        let roman = ["", "I", "II", "III", "IV"]
            .get(q.parse::<usize>().unwrap_or(0))
            .copied()
            .unwrap_or("");
        match lang() {
            Lang::Ru => format!("{roman} кв."),
            Lang::En => format!("Q{q}"),
        }
    } else if let Ok(m) = rest.parse::<u32>() {
        t(PANEL_MONTHS[(m.clamp(1, 12) - 1) as usize], &[])
    } else {
        return name.to_string();
    };
    if years {
        format!("{short} {year}")
    } else {
        short
    }
}

/// The months' short names for a panel's headings.
const PANEL_MONTHS: [&str; 12] = [
    "panel-month-1",
    "panel-month-2",
    "panel-month-3",
    "panel-month-4",
    "panel-month-5",
    "panel-month-6",
    "panel-month-7",
    "panel-month-8",
    "panel-month-9",
    "panel-month-10",
    "panel-month-11",
    "panel-month-12",
];

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
            // (the year once, in the caption, when every period is of one year)
            let year_of = |n: &str| n.split('-').next().unwrap_or(n).to_string();
            let years = names.iter().any(|n| year_of(n) != year_of(names[0]));
            let mut header: Vec<String> = vec![t("col-key", &[]), t("col-region", &[])];
            for n in &names {
                let h = period_heading(n, years);
                if p.detail {
                    header.push(t("col-period-place", &[("period", h.as_str().into())]));
                    header.push(t("col-period-score", &[("period", h.as_str().into())]));
                } else {
                    header.push(h);
                }
            }
            header.push(t("col-places", &[]));
            if p.detail {
                header.push(t("col-score-change", &[]));
            }
            let last = names
                .last()
                .map(|n| period_heading(n, years))
                .unwrap_or_default();
            if !p.detail {
                header.push(t("col-period-score", &[("period", last.as_str().into())]));
            }
            let zones = p.periods.last().is_some_and(|(_, r)| !r.zones.is_empty());
            if zones {
                header.push(t("col-zone", &[]));
            }
            let n = header.len();
            let right: Vec<bool> = (0..n).map(|i| i >= 2 && !(zones && i == n - 1)).collect();
            let one = |x: Option<f64>| x.map(|v| format!("{v:.1}")).unwrap_or_default();
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    let mut r = vec![l.key.clone(), l.label.clone()];
                    for (place, score, _) in &l.cells {
                        r.push(place_text(*place));
                        if p.detail {
                            r.push(one(*score));
                        }
                    }
                    let (dp, ds) = change(l);
                    r.push(dp.map(signed).unwrap_or_default());
                    if p.detail {
                        r.push(
                            ds.map(|d| {
                                let s = format!("{d:.1}");
                                if d > 0.0 {
                                    format!("+{s}")
                                } else {
                                    s
                                }
                            })
                            .unwrap_or_default(),
                        );
                    }
                    let (_, score, zone) = l.cells.last().cloned().unwrap_or_default();
                    if !p.detail {
                        r.push(one(score));
                    }
                    if zones {
                        let ranking = &p.periods[p.periods.len() - 1].1;
                        r.push(match zone {
                            Some(z) => super::ranking::zone_title(ranking, Some(&z)),
                            None => String::new(),
                        });
                    }
                    super::table::localize_numbers(&mut r, &right);
                    r
                })
                .collect();
            let hdr: Vec<&str> = header.iter().map(|s| s.as_str()).collect();
            let title = if years {
                p.title.clone()
            } else {
                t(
                    "panel-title-year",
                    &[
                        ("title", p.title.as_str().into()),
                        ("year", year_of(names[0]).into()),
                    ],
                )
            };
            if format == Format::Markdown {
                let title = md_escape(&title);
                return format!("### {title}\n\n{}", markdown(&hdr, &rows, &right));
            }
            format!("{title}\n{}", aligned(&hdr, &rows, &right))
        }
    }
}
