//! `audit --format html`: the statistical audit as a page in the methodology's language —
//! what it flags, the statistics with the flagged cells marked, a correlation heatmap per
//! block, each indicator's effective weight beside its nominal share, and what leaving
//! out each member does to the ranking.

use super::svg::{exact, Svg, A};
use super::words;
use crate::audit::{Audit, BlockAudit};
use crate::i18n::t;
use crate::report::audit::flag_text;
use serde::Serialize;

/// The width of the page's charts.
const WIDTH: f64 = 820.0;

/// The colour of a correlation: white at 0, red towards 1, blue towards −1.
fn heat(r: f64) -> String {
    let r = r.clamp(-1.0, 1.0);
    let (to, k) = if r >= 0.0 {
        ((192.0, 57.0, 43.0), r)
    } else {
        ((46.0, 109.0, 164.0), -r)
    };
    let mix = |c: f64| (255.0 + (c - 255.0) * k).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(to.0), mix(to.1), mix(to.2))
}

/// A figure for people on the page (three decimals), in the page's language.
fn n3(x: f64) -> String {
    crate::i18n::decimal(crate::report::audit::d3(x))
}

/// A share for people on the page: `12,5%`.
fn pct(x: f64) -> String {
    crate::i18n::decimal(crate::report::audit::pct(x))
}

/// The heatmap of a block's correlations (Pearson), its members numbered as in the list
/// beside it.
fn heatmap(b: &BlockAudit) -> String {
    let k = b.members.len();
    let cell = 36.0;
    let left = 28.0;
    let top = 22.0;
    let size = left + cell * k as f64 + 4.0;
    let label = t(
        "audit-correlations-of",
        &[("block", b.named.title.clone().into())],
    );
    let mut s = Svg::new(size, top + cell * k as f64 + 4.0, "heatmap", &label);
    for i in 0..k {
        let at = left + cell * i as f64 + cell / 2.0;
        s.text(
            &[
                ("x", A::N(at)),
                ("y", A::N(top - 8.0)),
                ("text-anchor", A::T("middle")),
                ("font-size", A::N(10.0)),
            ],
            &(i + 1).to_string(),
        );
        s.text(
            &[
                ("x", A::N(left - 6.0)),
                ("y", A::N(top + cell * i as f64 + cell / 2.0 + 3.0)),
                ("text-anchor", A::T("end")),
                ("font-size", A::N(10.0)),
            ],
            &(i + 1).to_string(),
        );
    }
    for i in 0..k {
        for j in 0..k {
            let (x, y) = (left + cell * j as f64, top + cell * i as f64);
            let r = b.correlations[i][j].pearson;
            let fill = match (i == j, r) {
                (true, _) => "#eef1f4".to_string(),
                (false, Some(r)) => heat(r),
                (false, None) => "#ffffff".to_string(),
            };
            let hover = format!(
                "{} — {}: r = {}",
                b.members[i].title,
                b.members[j].title,
                r.map(n3).unwrap_or_else(|| "—".into())
            );
            s.el(
                "rect",
                &[
                    ("class", A::T("cell")),
                    (
                        "data-key",
                        A::S(format!("{}:{}", b.members[i].name, b.members[j].name)),
                    ),
                    ("data-i", A::S(i.to_string())),
                    ("data-j", A::S(j.to_string())),
                    ("data-r", A::S(r.map(exact).unwrap_or_default())),
                    ("x", A::N(x)),
                    ("y", A::N(y)),
                    ("width", A::N(cell - 1.0)),
                    ("height", A::N(cell - 1.0)),
                    ("fill", A::S(fill)),
                ],
                (i != j).then_some(hover.as_str()),
            );
            if let (false, Some(r)) = (i == j, r) {
                s.text(
                    &[
                        ("x", A::N(x + cell / 2.0)),
                        ("y", A::N(y + cell / 2.0 + 3.0)),
                        ("text-anchor", A::T("middle")),
                        ("font-size", A::N(9.0)),
                        (
                            "fill",
                            A::T(if r.abs() > 0.6 { "#ffffff" } else { "#1d2733" }),
                        ),
                    ],
                    &n3(r).replace("0,", ",").replace("0.", "."),
                );
            }
        }
    }
    s.finish()
}

/// One row of [`paired`]: a member's two values.
struct Pair {
    /// The member's name (its `data-key`).
    key: String,
    /// Its title, shown in full above the bars.
    title: String,
    /// The value drawn outlined.
    a: f64,
    /// The value drawn filled.
    b: f64,
    /// Both as text, beside the bars and on hover.
    shown: String,
    /// Marked.
    flagged: bool,
}

/// Paired bars, one row per item with its full title above them: each item's two values
/// (the first drawn outlined, the second filled) on one scale from 0 to `max`.
fn paired(items: &[Pair], max: f64, label: &str, class: &str) -> String {
    let row = 34.0;
    let area = WIDTH - 2.0;
    let scale = if max > 0.0 { area / max } else { 0.0 };
    let mut s = Svg::new(WIDTH, row * items.len() as f64 + 6.0, class, label);
    for (i, p) in items.iter().enumerate() {
        let Pair {
            key,
            title,
            a,
            b,
            shown,
            flagged,
        } = p;
        let y = 4.0 + row * i as f64;
        s.text(
            &[
                ("x", A::N(0.0)),
                ("y", A::N(y + 10.0)),
                ("font-size", A::N(11.0)),
                (
                    "font-weight",
                    A::T(if *flagged { "bold" } else { "normal" }),
                ),
            ],
            &format!("{}{title}", if *flagged { "⚠ " } else { "" }),
        );
        // (the first value outlined, the second filled, each with both on hover)
        let bars = [
            ("outlined", *a, 14.0, "#ffffff", "#5b6672"),
            (
                "filled",
                *b,
                22.0,
                if *flagged { "#c0392b" } else { "#2e6da4" },
                "none",
            ),
        ];
        for (class, value, dy, fill, stroke) in bars {
            s.el(
                "rect",
                &[
                    ("class", A::T(class)),
                    ("data-key", A::T(key)),
                    ("data-value", A::S(exact(value))),
                    ("x", A::N(0.0)),
                    ("y", A::N(y + dy)),
                    ("width", A::N(value.max(0.0) * scale)),
                    ("height", A::N(7.0)),
                    ("fill", A::T(fill)),
                    ("stroke", A::T(stroke)),
                ],
                Some(shown),
            );
        }
        s.text(
            &[
                ("x", A::N(WIDTH)),
                ("y", A::N(y + 10.0)),
                ("text-anchor", A::T("end")),
                ("font-size", A::N(10.0)),
                ("fill", A::T("#5b6672")),
            ],
            shown,
        );
    }
    s.finish()
}

#[derive(Serialize)]
struct StatRow {
    name: String,
    title: String,
    block: String,
    coverage: String,
    mean: String,
    sd: String,
    min: String,
    max: String,
    skewness: String,
    kurtosis: String,
    outlier: bool,
    normalized_skewness: String,
    normalized_kurtosis: String,
    normalized_outlier: bool,
}

#[derive(Serialize)]
struct BlockView {
    name: String,
    title: String,
    members: Vec<String>,
    alpha: String,
    alpha_standardized: String,
    pc1: String,
    with_parent: String,
    with_score: String,
    incoherent: bool,
    heatmap: String,
}

/// The audit as a page, in the methodology's language.
pub fn audit_html(a: &Audit) -> Result<String, String> {
    let lang = words::lang_of(&a.title);
    let w = &words::Words::of(lang);
    crate::i18n::with_lang(lang, || page(a, w))
}

fn page(a: &Audit, w: &words::Words) -> Result<String, String> {
    let o = |x: Option<f64>, f: fn(f64) -> String| x.map(f).unwrap_or_else(|| "—".into());
    let sig = |x: f64| crate::i18n::decimal(crate::report::audit::sig(x));
    let titles: std::collections::HashMap<&str, &str> = a
        .indicators
        .iter()
        .map(|i| (i.named.name.as_str(), i.named.title.as_str()))
        .chain(
            a.blocks
                .iter()
                .map(|b| (b.named.name.as_str(), b.named.title.as_str())),
        )
        .collect();
    let title = |n: &str| titles.get(n).map_or(n, |t| *t).to_string();
    let flags: Vec<String> = a.flags.iter().map(|f| flag_text(f, &title)).collect();
    let stats: Vec<StatRow> = a
        .indicators
        .iter()
        .map(|i| StatRow {
            name: i.named.name.clone(),
            title: i.named.title.clone(),
            block: i.block.as_deref().map(&title).unwrap_or_default(),
            coverage: pct(i.raw.coverage),
            mean: o(i.raw.mean, sig),
            sd: o(i.raw.sd, sig),
            min: o(i.raw.min, sig),
            max: o(i.raw.max, sig),
            skewness: o(i.raw.skewness, n3),
            kurtosis: o(i.raw.kurtosis, n3),
            outlier: i.raw.outlier,
            normalized_skewness: o(i.normalized.skewness, n3),
            normalized_kurtosis: o(i.normalized.kurtosis, n3),
            normalized_outlier: i.normalized.outlier,
        })
        .collect();
    let blocks: Vec<BlockView> = a
        .blocks
        .iter()
        .map(|b| BlockView {
            name: b.named.name.clone(),
            title: b.named.title.clone(),
            members: b.members.iter().map(|m| m.title.clone()).collect(),
            alpha: o(b.alpha, n3),
            alpha_standardized: o(b.alpha_standardized, n3),
            pc1: o(b.component.as_ref().map(|c| c.share), pct),
            with_parent: o(b.with_parent.and_then(|c| c.pearson), n3),
            with_score: o(b.block_with_score.and_then(|c| c.pearson), n3),
            incoherent: b.alpha.is_some_and(|x| x < crate::audit::COHERENT),
            heatmap: heatmap(b),
        })
        .collect();
    let weight_items: Vec<Pair> = a
        .weights
        .iter()
        .map(|x| Pair {
            key: x.named.name.clone(),
            title: x.named.title.clone(),
            a: x.nominal,
            b: x.importance.unwrap_or(0.0),
            shown: format!(
                "{}: {} · {}: {}",
                t("audit-col-nominal", &[]),
                pct(x.nominal),
                t("audit-col-importance", &[]),
                o(x.importance, pct)
            ),
            flagged: x.flag.is_some(),
        })
        .collect();
    let wmax = weight_items
        .iter()
        .map(|x| x.a.max(x.b))
        .fold(0.0, f64::max);
    let weights = paired(&weight_items, wmax, &t("audit-weights", &[]), "weights");
    let drop_items: Vec<Pair> = a
        .drops
        .iter()
        .map(|d| Pair {
            key: d.named.name.clone(),
            title: d.named.title.clone(),
            a: d.max_shift,
            b: d.mean_shift,
            shown: format!(
                "{}: {} · {}: {} · {}: {}",
                t("audit-col-mean-shift", &[]),
                n3(d.mean_shift),
                t("audit-col-max-shift", &[]),
                sig(d.max_shift),
                t("audit-col-zone-changes", &[]),
                d.zone_changes.len()
            ),
            flagged: false,
        })
        .collect();
    let dmax = drop_items.iter().map(|x| x.a).fold(0.0, f64::max);
    let drops = paired(&drop_items, dmax, &t("audit-drops", &[]), "drops");
    let left_out: Vec<String> = a.left_out.iter().map(|(_, l, _)| l.clone()).collect();
    let lang = w.language();
    let run_notes: Vec<String> = a
        .notes
        .iter()
        .map(|n| n.on_page(|t| super::super::people::prose(lang, t)))
        .collect();
    let heading = |id: &str| t(id, &[]);
    let context = minijinja::context! {
        title => a.title.clone(),
        page_heading => heading("audit-page-title"),
        caption => t("audit-page-caption", &[("ranked", (a.ranked as f64).into())]),
        raw_heading => heading("audit-page-raw"),
        normalized_heading => heading("audit-page-normalized"),
        left_out => (!left_out.is_empty()).then(|| t("audit-left-out", &[("n", (left_out.len() as f64).into()), ("regions", left_out.join(", ").into())])),
        flags_heading => t("audit-flags", &[("n", (flags.len() as f64).into())]),
        no_flags => heading("audit-no-flags"),
        flags => flags,
        stats_heading => heading("audit-statistics"),
        stats => stats,
        h => minijinja::context! {
            indicator => heading("audit-col-indicator"),
            block => heading("audit-col-block"),
            coverage => heading("audit-col-coverage"),
            mean => heading("audit-col-mean"),
            sd => heading("audit-col-sd"),
            min => heading("audit-col-min"),
            max => heading("audit-col-max"),
            skewness => heading("audit-col-skewness"),
            kurtosis => heading("audit-col-kurtosis"),
            normalized_skewness => heading("audit-col-normalized-skewness"),
            normalized_kurtosis => heading("audit-col-normalized-kurtosis"),
            members => heading("audit-col-members"),
            alpha => heading("audit-col-alpha"),
            alpha_standardized => heading("audit-col-alpha-standardized"),
            pc1 => heading("audit-col-pc1"),
            with_parent => heading("audit-col-with-parent"),
            with_score => heading("audit-col-with-score"),
            nominal => heading("audit-col-nominal"),
            importance => heading("audit-col-importance"),
            mean_shift => heading("audit-col-mean-shift"),
            max_shift => heading("audit-col-max-shift"),
        },
        blocks_heading => heading("audit-blocks"),
        blocks => blocks,
        heatmap_note => heading("audit-page-heatmap-note"),
        weights_heading => heading("audit-weights"),
        weights_note => heading("audit-page-weights-note"),
        weights => weights,
        drops_heading => heading("audit-drops"),
        drops_note => heading("audit-page-drops-note"),
        drops => drops,
        run_notes => run_notes,
    };
    super::render(
        "audit.html",
        w,
        &format!("{}: {}", t("audit-page-title", &[]), a.title),
        context,
    )
}
