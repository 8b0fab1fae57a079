//! `diff --format html`: what a revision does, as a page — the methodology's changes, the
//! correlation figures, a slope chart of places from the old version to the new, a
//! scatter of old against new scores, the biggest moves and every region.

use super::svg::{exact, lerp, px, Svg, A};
use super::words::{self, Words};
use super::{render, zones};
use crate::diff::{Diff, RegionMove};
use crate::engine::Ranking;
use crate::report::number::{fmt_exact, fmt_num, place_text, signed};
use serde::Serialize;

/// The slope chart's frame.
pub const SLOPE_W: f64 = 840.0;
const SLOPE_SIDE: f64 = 290.0;
const SLOPE_TOP: f64 = 28.0;
const SLOPE_ROW: f64 = 14.0;

/// The y of place `p` on the slope chart.
pub fn slope_y(p: f64) -> f64 {
    SLOPE_TOP + (p - 1.0) * SLOPE_ROW
}

fn mv_colour(m: Option<f64>) -> &'static str {
    match m {
        Some(x) if x > 0.0 => "#1e7a3c",
        Some(x) if x < 0.0 => "#b3261e",
        _ => "#9aa4ae",
    }
}

fn who(r: &RegionMove) -> String {
    if r.label.is_empty() {
        r.key.clone()
    } else {
        r.label.clone()
    }
}

/// Places old → new, one line per region ranked on both sides (a region ranked on one
/// side only is a point on that side).
fn slope(d: &Diff, w: &Words) -> String {
    let max = d
        .regions
        .iter()
        .flat_map(|r| [r.old_place, r.new_place])
        .flatten()
        .fold(1.0, f64::max);
    let h = slope_y(max) + 20.0;
    let (xl, xr) = (SLOPE_SIDE, SLOPE_W - SLOPE_SIDE);
    let mut s = Svg::new(SLOPE_W, h, "slope", &w.slope);
    for (x, text, anchor) in [(xl, w.old.as_str(), "end"), (xr, w.new.as_str(), "start")] {
        s.text(
            &[
                ("x", A::N(x)),
                ("y", A::N(14.0)),
                ("text-anchor", A::T(anchor)),
                ("font-weight", A::T("bold")),
                ("font-size", A::N(12.0)),
            ],
            text,
        );
    }
    let mut order: Vec<&RegionMove> = d.regions.iter().collect();
    // moved regions drawn last, over the grey ones
    order.sort_by(|a, b| {
        let m = |r: &RegionMove| r.moved.map_or(0.0, f64::abs);
        m(a).total_cmp(&m(b)).then(a.key.cmp(&b.key))
    });
    for r in order {
        let colour = mv_colour(r.moved);
        let hover = format!(
            "{} — {}\n{}: {} → {}",
            r.key,
            r.label,
            w.place,
            place_text(r.old_place),
            place_text(r.new_place)
        );
        let y1 = r.old_place.map(slope_y);
        let y2 = r.new_place.map(slope_y);
        if let (Some(y1), Some(y2)) = (y1, y2) {
            s.el(
                "line",
                &[
                    ("class", A::T("slope-line")),
                    ("data-key", A::T(&r.key)),
                    ("data-old", A::S(exact(r.old_place.unwrap_or_default()))),
                    ("data-new", A::S(exact(r.new_place.unwrap_or_default()))),
                    ("x1", A::N(xl + 4.0)),
                    ("y1", A::N(y1)),
                    ("x2", A::N(xr - 4.0)),
                    ("y2", A::N(y2)),
                    ("stroke", A::T(colour)),
                    (
                        "stroke-width",
                        A::N(if r.moved == Some(0.0) { 0.8 } else { 1.6 }),
                    ),
                ],
                Some(&hover),
            );
        }
        for (y, x, anchor, place) in [(y1, xl, "end", r.old_place), (y2, xr, "start", r.new_place)]
        {
            let Some(y) = y else { continue };
            let dx = if anchor == "end" { -6.0 } else { 6.0 };
            s.text(
                &[
                    ("x", A::N(x + dx)),
                    ("y", A::N(y + 3.5)),
                    ("text-anchor", A::T(anchor)),
                    ("font-size", A::N(9.5)),
                    ("fill", A::T(colour)),
                ],
                &format!("{} {}", words::number(w, place_text(place)), who(r)),
            );
        }
    }
    s.finish()
}

/// The scatter's frame.
pub const SCATTER: f64 = 460.0;
/// The scatter's margin, on every side.
pub const SCATTER_PAD: f64 = 40.0;

/// The common scale of the scatter's axes: the least and greatest score of either side.
pub fn scatter_scale(d: &Diff) -> (f64, f64) {
    let v = d
        .regions
        .iter()
        .flat_map(|r| [r.old_score, r.new_score])
        .flatten();
    let (lo, hi) = v.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    });
    if lo.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    }
}

/// Old score (x) against new score (y), on one scale, with the diagonal.
fn scatter(d: &Diff, w: &Words, colours: &dyn Fn(Option<&str>) -> String) -> String {
    let (lo, hi) = scatter_scale(d);
    let (a, b) = (SCATTER_PAD, SCATTER - SCATTER_PAD);
    let mut s = Svg::new(SCATTER, SCATTER, "scatter", &w.scatter);
    s.el(
        "rect",
        &[
            ("x", A::N(a)),
            ("y", A::N(a)),
            ("width", A::N(b - a)),
            ("height", A::N(b - a)),
            ("fill", A::T("#f7f9fb")),
            ("stroke", A::T("#c9d1d9")),
        ],
        None,
    );
    s.el(
        "line",
        &[
            ("class", A::T("diagonal")),
            ("x1", A::N(a)),
            ("y1", A::N(b)),
            ("x2", A::N(b)),
            ("y2", A::N(a)),
            ("stroke", A::T("#9aa4ae")),
            ("stroke-dasharray", A::T("4 3")),
        ],
        None,
    );
    for (x, y, t, anchor) in [
        (a, b + 16.0, fmt_num(lo), "start"),
        (b, b + 16.0, fmt_num(hi), "end"),
        (SCATTER / 2.0, b + 30.0, w.old_score.to_string(), "middle"),
    ] {
        s.text(
            &[
                ("x", A::N(x)),
                ("y", A::N(y)),
                ("text-anchor", A::T(anchor)),
                ("font-size", A::N(10.0)),
            ],
            &words::number(w, t),
        );
    }
    s.text(
        &[
            ("x", A::N(12.0)),
            ("y", A::N(SCATTER / 2.0)),
            ("text-anchor", A::T("middle")),
            ("font-size", A::N(10.0)),
            (
                "transform",
                A::S(format!("rotate(-90 12 {})", px(SCATTER / 2.0))),
            ),
        ],
        &w.new_score,
    );
    for r in &d.regions {
        let (Some(o), Some(n)) = (r.old_score, r.new_score) else {
            continue;
        };
        s.el(
            "circle",
            &[
                ("class", A::T("point")),
                ("data-key", A::T(&r.key)),
                ("data-old", A::S(exact(o))),
                ("data-new", A::S(exact(n))),
                ("cx", A::N(lerp(o, lo, hi, a, b))),
                ("cy", A::N(lerp(n, lo, hi, b, a))),
                ("r", A::N(4.0)),
                ("fill", A::S(colours(r.new_zone.as_deref()))),
                ("fill-opacity", A::N(0.85)),
            ],
            Some(&format!(
                "{} — {}\n{}: {}\n{}: {}",
                r.key,
                r.label,
                w.old_score,
                words::number(w, fmt_num(o)),
                w.new_score,
                words::number(w, fmt_num(n))
            )),
        );
    }
    s.finish()
}

#[derive(Serialize)]
struct MoveView {
    key: String,
    label: String,
    old_place: String,
    new_place: String,
    old_sort: String,
    new_sort: String,
    moved: String,
    moved_sort: String,
    class: &'static str,
    old_score: String,
    new_score: String,
    old_zone: String,
    new_zone: String,
    why: String,
}

fn move_view(w: &Words, r: &RegionMove) -> MoveView {
    let why = r
        .note
        .iter()
        .cloned()
        .chain(
            r.top_indicators
                .iter()
                .filter(|(_, v)| *v != 0.0)
                .take(3)
                .map(|(n, v)| {
                    format!(
                        "{n} {}",
                        words::number(w, signed((v * 100.0).round() / 100.0))
                    )
                }),
        )
        .chain(r.old_excluded.iter().map(|e| format!("{}: {e}", w.old)))
        .chain(r.new_excluded.iter().map(|e| format!("{}: {e}", w.new)))
        .collect::<Vec<_>>()
        .join("; ");
    MoveView {
        key: r.key.clone(),
        label: r.label.clone(),
        old_place: words::number(w, place_text(r.old_place)),
        new_place: words::number(w, place_text(r.new_place)),
        old_sort: r.old_place.map(fmt_exact).unwrap_or_default(),
        new_sort: r.new_place.map(fmt_exact).unwrap_or_default(),
        moved: r
            .moved
            .map(|m| words::number(w, signed(m)))
            .unwrap_or_default(),
        moved_sort: r.moved.map(fmt_exact).unwrap_or_default(),
        class: match r.moved {
            Some(m) if m > 0.0 => "up",
            Some(m) if m < 0.0 => "down",
            _ => "",
        },
        old_score: r
            .old_score
            .map(|x| words::number(w, fmt_num(x)))
            .unwrap_or_default(),
        new_score: r
            .new_score
            .map(|x| words::number(w, fmt_num(x)))
            .unwrap_or_default(),
        old_zone: r.old_zone_title.clone().unwrap_or_default(),
        new_zone: r.new_zone_title.clone().unwrap_or_default(),
        why,
    }
}

/// The diff as a page. `new` is the new run, whose zones colour the points.
pub fn diff_html(d: &Diff, new: &Ranking) -> Result<String, String> {
    let w = &words::for_title(&d.new_title);
    let colours = |z: Option<&str>| -> String {
        z.and_then(|z| {
            let i = new.zones.iter().position(|(n, _)| n == z)?;
            Some(zones::css(zones::colour(z, &new.zones[i].1, i).strong))
        })
        .unwrap_or_else(|| "#8a94a0".into())
    };
    let s = &d.summary;
    let figure = |x: Option<f64>| {
        x.map(|v| words::number(w, format!("{v:.3}")))
            .unwrap_or_else(|| "—".into())
    };
    // the biggest moves: up to 10 regions with a move, largest first (d.regions is sorted
    // so), and any region ranked on one side only
    let biggest: Vec<MoveView> = d
        .regions
        .iter()
        .filter(|r| {
            r.moved.is_some_and(|m| m != 0.0) || r.old_place.is_some() != r.new_place.is_some()
        })
        .take(10)
        .map(|r| move_view(w, r))
        .collect();
    let version = |t: &str, v: &Option<String>, side: &crate::diff::SideInfo| {
        let mut out = match v {
            Some(v) => format!("{t} ({v})"),
            None => t.to_string(),
        };
        if let Some(p) = side.value {
            out.push_str(&format!(
                ", {}",
                crate::report::people::period(w.language(), p)
            ));
        }
        out
    };
    // whether the data differ, and the two effects, in the methodology's language
    let lead = crate::i18n::with_lang(w.language(), || super::super::diff::data_lines(d));
    let context = minijinja::context! {
        old_name => version(&d.old_title, &d.old_version, &d.old_side),
        new_name => version(&d.new_title, &d.new_version, &d.new_side),
        lead => lead,
        // (the changes in the methodology's language and the glossary's words)
        changes => crate::i18n::with_lang(w.language(), || {
            d.changes
                .iter()
                .map(|c| {
                    let (area, name, what) = super::super::diff::change_words(c);
                    minijinja::context! { area => area, name => name, what => what }
                })
                .collect::<Vec<_>>()
        }),
        up => s.up,
        down => s.down,
        unchanged => s.unchanged,
        spearman => figure(s.spearman_rho),
        kendall => figure(s.kendall_tau_b),
        top10 => format!("{} / {}", s.top10_overlap.0, s.top10_overlap.1.max(s.top10_overlap.2)),
        slope => slope(d, w),
        scatter => scatter(d, w, &colours),
        biggest => biggest,
        regions => d.regions.iter().map(|r| move_view(w, r)).collect::<Vec<_>>(),
    };
    render(
        "diff.html",
        w,
        &format!("{}: {}", w.diff_title, d.new_title),
        context,
    )
}
