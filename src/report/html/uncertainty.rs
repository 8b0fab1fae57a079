//! `uncertainty --format html`: how solid each place is, as a page — per region the
//! interval of places over the replications beside the methodology's own place, and the
//! probability of each zone.

use super::svg::{exact, lerp, Svg, A};
use super::words::{self, Words};
use super::{render, zones};
use crate::engine::uncertainty::Replications;
use crate::report::number::{fmt_num, place_text};
use crate::report::uncertainty::{summarize, Summary};
use serde::Serialize;

/// The interval chart's width.
pub const WIDTH: f64 = 820.0;
/// The width of the label column on the chart's left.
pub const LABEL: f64 = 230.0;
const ROW: f64 = 13.0;

/// The x of place `p` on a chart of `max` places.
pub fn place_x(p: f64, max: f64) -> f64 {
    lerp(p, 1.0, max.max(2.0), LABEL + 10.0, WIDTH - 20.0)
}

fn intervals(rows: &[Summary], w: &Words, colour: &dyn Fn(Option<&str>) -> String) -> String {
    let max = rows
        .iter()
        .filter_map(|s| s.place.map(|p| p.2).or(s.nominal.0))
        .fold(1.0, f64::max);
    let ranked: Vec<&Summary> = rows.iter().filter(|s| s.nominal.0.is_some()).collect();
    let h = ROW * ranked.len() as f64 + 24.0;
    let mut s = Svg::new(WIDTH, h, "intervals", &w.intervals_chart);
    for p in [1.0, (max / 2.0).round(), max] {
        let x = place_x(p, max);
        s.el(
            "line",
            &[
                ("x1", A::N(x)),
                ("y1", A::N(14.0)),
                ("x2", A::N(x)),
                ("y2", A::N(h)),
                ("stroke", A::T("#e1e5ea")),
            ],
            None,
        );
        s.text(
            &[
                ("x", A::N(x)),
                ("y", A::N(10.0)),
                ("text-anchor", A::T("middle")),
                ("font-size", A::N(9.0)),
            ],
            &fmt_num(p),
        );
    }
    for (i, r) in ranked.iter().enumerate() {
        let y = 20.0 + ROW * i as f64 + ROW / 2.0;
        let name = if r.label.is_empty() { &r.key } else { &r.label };
        s.text(
            &[
                ("x", A::N(LABEL - 6.0)),
                ("y", A::N(y + 3.0)),
                ("text-anchor", A::T("end")),
                ("font-size", A::N(9.0)),
            ],
            &format!("{} {name}", place_text(r.nominal.0)),
        );
        let c = colour(r.nominal.2.as_deref());
        let hover = format!(
            "{} — {}\n{}: {}\n{}: {}\n{}: {}",
            r.key,
            r.label,
            w.nominal_place,
            place_text(r.nominal.0),
            w.median_place,
            r.place.map(|p| fmt_num(p.0)).unwrap_or_default(),
            w.interval,
            r.place
                .map(|p| format!("{}–{}", fmt_num(p.1), fmt_num(p.2)))
                .unwrap_or_default()
        );
        s.group(&[("class", A::T("interval")), ("data-key", A::T(&r.key))]);
        if let Some((med, lo, hi)) = r.place {
            s.el(
                "line",
                &[
                    ("class", A::T("range")),
                    ("data-lo", A::S(exact(lo))),
                    ("data-hi", A::S(exact(hi))),
                    ("x1", A::N(place_x(lo, max))),
                    ("y1", A::N(y)),
                    ("x2", A::N(place_x(hi, max))),
                    ("y2", A::N(y)),
                    ("stroke", A::S(c.clone())),
                    ("stroke-width", A::N(3.0)),
                    ("stroke-linecap", A::T("round")),
                ],
                Some(&hover),
            );
            s.el(
                "circle",
                &[
                    ("class", A::T("median")),
                    ("cx", A::N(place_x(med, max))),
                    ("cy", A::N(y)),
                    ("r", A::N(3.2)),
                    ("fill", A::T("#1d2733")),
                ],
                Some(&hover),
            );
        }
        if let Some(p) = r.nominal.0 {
            let x = place_x(p, max);
            s.el(
                "path",
                &[
                    ("class", A::T("nominal")),
                    (
                        "d",
                        A::S(format!(
                            "M{} {}l4 4l-4 4l-4 -4z",
                            super::svg::px(x),
                            super::svg::px(y - 4.0)
                        )),
                    ),
                    ("fill", A::T("#ffffff")),
                    ("stroke", A::T("#1d2733")),
                ],
                Some(&hover),
            );
        }
        s.close_group();
    }
    s.finish()
}

#[derive(Serialize)]
struct RowView {
    key: String,
    label: String,
    place: String,
    median: String,
    interval: String,
    score: String,
    mean: String,
    zones: Vec<String>,
    top: String,
    fill: String,
}

fn percent(w: &Words, x: f64) -> String {
    let p = (x * 100.0).round();
    let s = match x {
        x if x > 0.0 && p == 0.0 => "<1".to_string(),
        x if x < 1.0 && p == 100.0 => ">99".to_string(),
        _ => format!("{p}"),
    };
    words::number(w, format!("{s}%"))
}

/// The analysis as a page.
pub fn uncertainty_html(title: &str, r: &Replications, top: usize) -> Result<String, String> {
    let w = &words::for_title(title);
    let colour = |z: Option<&str>| -> (String, String) {
        z.and_then(|z| {
            let i = r.zones.iter().position(|(n, _)| n == z)?;
            let c = zones::colour(z, &r.zones[i].1, i);
            Some((zones::css(c.fill), zones::css(c.strong)))
        })
        .unwrap_or_else(|| ("#ffffff".into(), "#8a94a0".into()))
    };
    let rows = summarize(r, top);
    let num = |x: f64| words::number(w, fmt_num(x));
    let views: Vec<RowView> = rows
        .iter()
        .map(|s| RowView {
            key: s.key.clone(),
            label: s.label.clone(),
            place: words::number(w, place_text(s.nominal.0)),
            median: s.place.map(|p| num(p.0)).unwrap_or_default(),
            interval: s
                .place
                .map(|p| format!("{}–{}", num(p.1), num(p.2)))
                .unwrap_or_default(),
            score: s.nominal.1.map(num).unwrap_or_default(),
            mean: s
                .score
                .map(|p| num((p.0 * 100.0).round() / 100.0))
                .unwrap_or_default(),
            zones: s.zones.iter().map(|p| percent(w, *p)).collect(),
            top: percent(w, s.top),
            fill: colour(s.nominal.2.as_deref()).0,
        })
        .collect();
    let chart = intervals(&rows, w, &|z| colour(z).1);
    // the run's notes in the page's language, as the ranking's page says them
    let lang = w.language();
    let run_notes: Vec<String> = crate::i18n::with_lang(words::lang_of(title), || {
        r.notes
            .iter()
            .map(|n| n.on_page(|t| super::super::people::prose(lang, t)))
            .collect()
    });
    let context = minijinja::context! {
        title => title,
        runs => r.tally.runs,
        seed => r.seed,
        top => top,
        zones => r.zones.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
        rows => views,
        chart => chart,
        run_notes => run_notes,
    };
    render(
        "uncertainty.html",
        w,
        &format!("{}: {title}", w.uncertainty_title),
        context,
    )
}
