//! A diff as text: the methodology's changes, the summary, and every region's move.

use super::number::{fmt_exact, fmt_num, signed};
use super::ranking::{md_escape_prose, num};
use super::table::aligned;
use super::Format;
use crate::diff::{Diff, RegionMove};
use crate::i18n::t;
use serde_json::Value;

fn move_text(r: &RegionMove) -> String {
    match r.moved {
        Some(0.0) => "=".into(),
        Some(m) => signed(m),
        None => "—".into(),
    }
}

fn place_or(r: Option<f64>, excluded: &Option<String>) -> String {
    match (r, excluded) {
        (Some(p), _) => fmt_num(p),
        (None, Some(_)) => t("diff-excluded", &[]),
        (None, None) => t("diff-absent", &[]),
    }
}

/// A zone as people read it: its title (its name when it has none), `—` for none.
fn zone_name(name: &Option<String>, title: &Option<String>) -> String {
    title
        .clone()
        .filter(|t| !t.is_empty())
        .or_else(|| name.clone())
        .unwrap_or_else(|| "—".into())
}

fn zone_move(r: &RegionMove) -> String {
    let (a, b) = (
        zone_name(&r.old_zone, &r.old_zone_title),
        zone_name(&r.new_zone, &r.new_zone_title),
    );
    if r.old_zone == r.new_zone {
        b
    } else {
        format!("{a} → {b}")
    }
}

/// What moved a region most: its largest group and indicators, by name — in Russian by
/// title («Работа с сообщениями»), as people read them.
fn why(r: &RegionMove, titles: &std::collections::BTreeMap<String, String>) -> String {
    let named = |n: &str| match (crate::i18n::lang(), titles.get(n)) {
        (crate::i18n::Lang::Ru, Some(t)) => format!("«{t}»"),
        _ => n.to_string(),
    };
    let mut parts: Vec<String> = r
        .top_groups
        .iter()
        .take(1)
        .map(|(g, d)| {
            format!(
                "[{} {}]",
                named(g),
                crate::i18n::decimal(signed(round2(*d)))
            )
        })
        .collect();
    parts.extend(
        r.top_indicators
            .iter()
            .take(2)
            .map(|(n, d)| format!("{} {}", named(n), crate::i18n::decimal(signed(round2(*d))))),
    );
    parts.extend(r.note.clone());
    parts.join(", ")
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn opt2(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())
}

fn stat(x: Option<f64>) -> String {
    x.map(|v| crate::i18n::decimal(format!("{v:.3}")))
        .unwrap_or_else(|| "—".into())
}

fn diff_header(d: &Diff) -> String {
    let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".into());
    if d.old_title == d.new_title {
        format!(
            "{}: {} → {}",
            d.new_title,
            v(&d.old_version),
            v(&d.new_version)
        )
    } else {
        format!(
            "{} ({}) → {} ({})",
            d.old_title,
            v(&d.old_version),
            d.new_title,
            v(&d.new_version)
        )
    }
}

fn summary_lines(d: &Diff) -> Vec<String> {
    let s = &d.summary;
    let label = |k: &str| d.region_name(k);
    let mut line = t(
        "diff-summary",
        &[
            (
                "regions",
                crate::i18n::count("count-regions", s.regions as f64).into(),
            ),
            ("up", s.up.to_string().into()),
            ("down", s.down.to_string().into()),
            ("unchanged", s.unchanged.to_string().into()),
        ],
    );
    if s.ranked_changed > 0 {
        line.push_str(&t(
            "diff-one-side",
            &[("n", s.ranked_changed.to_string().into())],
        ));
    }
    if s.ranked_neither > 0 {
        line.push_str(&t(
            "diff-neither",
            &[("n", s.ranked_neither.to_string().into())],
        ));
    }
    let mut out = vec![line];
    if s.renumbered > 0 {
        out.push(t(
            "diff-renumbered",
            &[(
                "regions",
                crate::i18n::count("count-regions", s.renumbered as f64).into(),
            )],
        ));
    }
    out.push(t(
        "diff-correlations",
        &[
            ("rho", stat(s.spearman_rho).into()),
            ("tau", stat(s.kendall_tau_b).into()),
        ],
    ));
    let (kept, old, new) = s.top10_overlap;
    out.push(match kept == old && old == new {
        true => t("diff-top10-same", &[("old", old.into())]),
        false => t(
            "diff-top10",
            &[
                ("kept", kept.into()),
                ("old", old.into()),
                ("new", new.into()),
            ],
        ),
    });
    if !s.largest_up.is_empty() {
        let list = s
            .largest_up
            .iter()
            .map(|(k, m)| format!("{} ({})", label(k), crate::i18n::decimal(signed(*m))))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(t("diff-largest-up", &[("list", list.into())]));
    }
    if !s.largest_down.is_empty() {
        let list = s
            .largest_down
            .iter()
            .map(|(k, m)| format!("{} ({})", label(k), crate::i18n::decimal(signed(*m))))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(t("diff-largest-down", &[("list", list.into())]));
    }
    let places = |v: &[(String, f64, String)]| {
        v.iter()
            .map(|(k, p, why)| match why.is_empty() {
                true => format!("{} ({})", label(k), fmt_num(*p)),
                false => format!("{} ({}; {why})", label(k), fmt_num(*p)),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !s.left.is_empty() {
        out.push(t("diff-left", &[("list", places(&s.left).into())]));
    }
    if !s.entered.is_empty() {
        out.push(t("diff-entered", &[("list", places(&s.entered).into())]));
    }
    if s.zone_changes.is_empty() {
        out.push(t("diff-zones-none", &[]));
    } else {
        let titles = |k: &str, a: &Option<String>, b: &Option<String>| match d
            .regions
            .iter()
            .find(|r| r.key == k)
        {
            Some(r) => (
                zone_name(a, &r.old_zone_title),
                zone_name(b, &r.new_zone_title),
            ),
            None => (zone_name(a, &None), zone_name(b, &None)),
        };
        let list = s
            .zone_changes
            .iter()
            .map(|(k, a, b)| {
                let (a, b) = titles(k, a, b);
                format!("{} {a} → {b}", label(k))
            })
            .collect::<Vec<_>>()
            .join("; ");
        out.push(t(
            "diff-zones",
            &[
                ("n", s.zone_changes.len().to_string().into()),
                ("list", list.into()),
            ],
        ));
    }
    out
}

/// Whether a region is worth a row in a review: it moved, changed zone, or left or
/// entered the ranking.
fn eventful(r: &RegionMove) -> bool {
    r.moved.is_some_and(|m| m != 0.0)
        || r.old_zone != r.new_zone
        || r.old_place.is_some() != r.new_place.is_some()
}

fn diff_rows(d: &Diff) -> Vec<[String; 9]> {
    rows_of(d, d.regions.iter())
}

fn rows_of<'a>(d: &Diff, regions: impl Iterator<Item = &'a RegionMove>) -> Vec<[String; 9]> {
    let rows: Vec<[String; 9]> = regions
        .map(|r| {
            [
                move_text(r),
                place_or(r.old_place, &r.old_excluded),
                place_or(r.new_place, &r.new_excluded),
                r.key.clone(),
                r.label.clone(),
                opt2(r.old_score),
                opt2(r.new_score),
                zone_move(r),
                why(r, &d.titles),
            ]
        })
        .collect();
    // numbers with the language's decimal separator (the right-aligned columns)
    rows.into_iter()
        .map(|mut row| {
            super::table::localize_numbers(&mut row, &DIFF_RIGHT);
            row
        })
        .collect()
}

/// The region table's headings, in the interface's language.
fn diff_heads() -> Vec<String> {
    [
        "diff-col-move",
        "diff-col-old",
        "diff-col-new",
        "diff-col-key",
        "diff-col-region",
        "diff-col-old-score",
        "diff-col-new-score",
        "diff-col-zone",
        "diff-col-changes",
    ]
    .iter()
    .map(|id| t(id, &[]))
    .collect()
}

/// Which columns of the region table are numbers, aligned right.
const DIFF_RIGHT: [bool; 9] = [true, true, true, false, false, true, true, false, false];

/// A change of the methodology as people read it in the chosen language: in Russian the
/// area and the change's words in the glossary's terms («показатель», «добавлен:»,
/// «вес 60 баллов → 50 баллов»); in English as the change was recorded. (The CSV, JSON
/// and workbook keep the recorded words for scripts.)
pub fn change_words(c: &crate::diff::Change) -> (String, String, String) {
    if crate::i18n::lang() != crate::i18n::Lang::Ru {
        return (c.area.clone(), c.name.clone(), c.what.clone());
    }
    let (area, name) = change_names(c);
    match &c.said {
        // (an uncertainty line says what it varies: its key is the block's code)
        Some(said @ crate::diff::Said::Uncertainty(..)) => {
            (area, String::new(), said_words(c, said))
        }
        Some(said) => (area, name, said_words(c, said)),
        None => (area, name, recorded_words(c)),
    }
}

/// A typed change in the words of the language chosen now.
fn said_words(c: &crate::diff::Change, said: &crate::diff::Said) -> String {
    use super::people;
    use crate::diff::Said;
    let lang = crate::i18n::lang();
    let two =
        |id: &str, was: String, now: String| t(id, &[("was", was.into()), ("now", now.into())]);
    let weight = |scheme, w| people::weight(lang, scheme, w);
    let criteria = |xs: &[(String, bool)]| match xs.is_empty() {
        true => t("diff-said-none", &[]),
        false => xs
            .iter()
            .map(|(what, desc)| {
                let id = if *desc {
                    "diff-said-desc"
                } else {
                    "diff-said-asc"
                };
                t(id, &[("what", what.into())])
            })
            .collect::<Vec<_>>()
            .join(", "),
    };
    match said {
        Said::IndicatorAdded {
            formula,
            better,
            normalization,
            weight: w,
        } => t(
            "diff-said-added",
            &[
                ("title", (&c.title).into()),
                ("formula", formula.into()),
                ("better", people::better(lang, *better).into()),
                (
                    "normalization",
                    people::normalization(lang, normalization).into(),
                ),
                (
                    "weight",
                    w.as_ref()
                        .map(|(scheme, w, group)| {
                            t(
                                "diff-said-weight-in",
                                &[
                                    ("weight", weight(*scheme, *w).into()),
                                    ("group", group.into()),
                                ],
                            )
                        })
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
        Said::Value(was, now) => two("diff-said-value", was.clone(), now.clone()),
        Said::Aggregate(was, now) => two("diff-said-aggregate", was.clone(), now.clone()),
        Said::Better(was, now) => two(
            "diff-said-better",
            people::better(lang, *was),
            people::better(lang, *now),
        ),
        Said::Normalize(was, now) => two(
            "diff-said-normalize",
            people::normalization(lang, was),
            people::normalization(lang, now),
        ),
        Said::Missing(was, now) => two(
            "diff-said-missing",
            people::missing(lang, was),
            people::missing(lang, now),
        ),
        Said::Outliers(was, now) => two(
            "diff-said-outliers",
            people::outliers(lang, was),
            people::outliers(lang, now),
        ),
        Said::Aggregation(was, now) => two(
            "diff-said-aggregation",
            people::aggregation(lang, *was),
            people::aggregation(lang, *now),
        ),
        Said::Weight { member, was, now } => t(
            "diff-said-weight",
            &[
                ("member", member.into()),
                ("was", weight(was.0, was.1).into()),
                ("now", weight(now.0, now.1).into()),
            ],
        ),
        Said::MemberAdded(member, scheme, w) => t(
            "diff-said-member-added",
            &[
                ("member", member.into()),
                ("weight", weight(*scheme, *w).into()),
            ],
        ),
        Said::MemberRemoved(member, scheme, w) => t(
            "diff-said-member-removed",
            &[
                ("member", member.into()),
                ("weight", weight(*scheme, *w).into()),
            ],
        ),
        Said::Then(was, now) => two("diff-said-then", criteria(was), criteria(now)),
        Said::Zone(was, now) => match (was, now) {
            (None, Some(now)) => t("diff-said-added-line", &[("what", now.into())]),
            (Some(was), None) => t("diff-said-removed-line", &[("what", was.into())]),
            (Some(was), Some(now)) => two("diff-said-then", was.clone(), now.clone()),
            (None, None) => String::new(),
        },
        Said::Uncertainty(was, now) => match (was, now) {
            (None, Some(now)) => t(
                "diff-said-added-line",
                &[("what", uncertainty_line(now).into())],
            ),
            (Some(was), None) => t(
                "diff-said-removed-line",
                &[("what", uncertainty_line(was).into())],
            ),
            (Some(was), Some(now)) => two(
                "diff-said-then",
                uncertainty_line(was),
                uncertainty_line(now),
            ),
            (None, None) => String::new(),
        },
    }
}

/// A line of an uncertainty block in the words of the language chosen now: «веса всех
/// показателей и блоков ±20 %», «нормирование показателя «…»: линейное нормирование или …».
fn uncertainty_line(l: &crate::diff::UncertaintyLine) -> String {
    use super::people;
    use crate::diff::UncertaintyLine as L;
    let lang = crate::i18n::lang();
    let pct = |p: f64| people::number(lang, p * 100.0);
    let or = |xs: Vec<String>| xs.join(&format!(" {} ", t("diff-said-or", &[])));
    let line = |id: &str, title: &str, alts: Vec<String>| {
        t(
            id,
            &[("title", title.into()), ("alternatives", or(alts).into())],
        )
    };
    match l {
        L::Runs(n) => t("unc-line-runs", &[("n", (*n).into())]),
        L::Seed(s) => t("unc-line-seed", &[("seed", s.to_string().into())]),
        L::Weights(p) => t("unc-line-weights", &[("p", pct(*p).into())]),
        L::Weight(member, scheme, lo, hi) => t(
            "unc-line-weight",
            &[
                ("member", member.into()),
                ("lo", people::weight(lang, *scheme, *lo).into()),
                ("hi", people::weight(lang, *scheme, *hi).into()),
            ],
        ),
        L::Normalize(title, alts) => line(
            "unc-line-normalize",
            title,
            alts.iter()
                .map(|n| people::normalization(lang, n))
                .collect(),
        ),
        L::Aggregate(title, alts) => line(
            "unc-line-aggregate",
            title,
            alts.iter().map(|a| people::aggregation(lang, *a)).collect(),
        ),
        L::Missing(title, alts) => line(
            "unc-line-missing",
            title,
            alts.iter().map(|p| people::missing(lang, p)).collect(),
        ),
        L::Noise(title, p) => t(
            "unc-line-noise",
            &[("title", title.into()), ("p", pct(*p).into())],
        ),
    }
}

/// A change's area and name in the language chosen now.
fn change_names(c: &crate::diff::Change) -> (String, String) {
    let area = match c.area.as_str() {
        "header" => t("diff-area-header", &[]),
        "input" => t("diff-area-input", &[]),
        "exclude" => t("diff-area-exclude", &[]),
        "indicator" => t("diff-area-indicator", &[]),
        "group" => t("diff-area-group", &[]),
        "rank" => t("diff-area-rank", &[]),
        "zones" => t("diff-area-zones", &[]),
        "uncertainty" => t("diff-area-uncertainty", &[]),
        "score" => t("diff-area-score", &[]),
        other => other.to_string(),
    };
    let name = match (c.area.as_str(), c.name.as_str()) {
        ("header", "version") => t("diff-name-version", &[]),
        ("header", "key") => t("diff-name-key", &[]),
        ("rank", "then") => t("diff-name-then", &[]),
        ("rank", "ties") => t("diff-name-ties", &[]),
        ("rank", "round") => t("diff-name-round", &[]),
        _ => c.name.clone(),
    };
    (area, name)
}

/// A change's recorded text, its prefixes in the language chosen now.
fn recorded_words(c: &crate::diff::Change) -> String {
    let mut what = c.what.clone();
    for (from, id) in [
        ("member added: ", "diff-member-added"),
        ("member removed: ", "diff-member-removed"),
        ("added: ", "diff-added"),
        ("removed: ", "diff-removed"),
        ("normalize: ", "diff-normalize"),
        ("missing: ", "diff-missing"),
        ("better: ", "diff-better"),
        ("value: ", "diff-value"),
        ("title: ", "diff-title"),
    ] {
        if let Some(rest) = what.strip_prefix(from) {
            what = format!("{} {rest}", t(id, &[]));
        }
        // (a member's change: `answered_on_time: points 100 → points 120`)
        if let Some(at) = what.find(&format!(": {from}")) {
            what = format!(
                "{}: {} {}",
                &what[..at],
                t(id, &[]),
                &what[at + 2 + from.len()..]
            );
        }
    }
    // weights: `points 60` → «60 баллов», `weight 40%` → «вес 40 %»
    let mut out = String::new();
    let mut rest = what.as_str();
    while let Some(at) = rest.find("points ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 7..];
        let n: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        match n.parse::<f64>() {
            Ok(x) if !n.is_empty() => {
                out.push_str(&crate::i18n::decimal(crate::i18n::count("count-points", x)));
                rest = &after[n.len()..];
            }
            _ => {
                out.push_str("points ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("maximum ", &format!("{} ", t("diff-maximum", &[])))
        .replace(
            "; better higher",
            &format!("; {}", t("diff-better-higher", &[])),
        )
        .replace(
            "; better lower",
            &format!("; {}", t("diff-better-lower", &[])),
        )
        .replace("; normalize ", &format!("; {} ", t("diff-normalize", &[])))
        .replace("equal weight", &t("diff-equal-weight", &[]))
        .replace("weight ", &format!("{} ", t("diff-weight", &[])))
}

/// A side as the comparison line says it: its source and period.
fn side_words(s: &crate::diff::SideInfo) -> String {
    match (&s.period, &s.window) {
        (Some(p), Some(w)) => t(
            "diff-side",
            &[
                ("source", (&s.source).into()),
                ("period", format!("{p} ({w})").into()),
            ],
        ),
        _ => t("diff-side-no-period", &[("source", (&s.source).into())]),
    }
}

/// The lines that come first in a review: the sides compared, the gate's verdict and its
/// reasons, whether the data differ.
fn lead_lines(d: &Diff) -> Vec<String> {
    let mut out = Vec::new();
    if !d.old_side.source.is_empty() {
        out.push(t(
            "diff-compared",
            &[
                ("old", side_words(&d.old_side).into()),
                ("new", side_words(&d.new_side).into()),
            ],
        ));
    }
    if let Some(g) = &d.gate {
        let id = if g.passed {
            "gate-passed"
        } else {
            "gate-failed"
        };
        out.push(t(id, &[("rules", g.rules.join(" ").into())]));
        out.extend(g.reasons.iter().map(|r| format!("  {r}")));
    }
    match (d.data_changed, &d.effects_unsplit) {
        (Some(false), _) => out.push(t("diff-data-same", &[])),
        (Some(true), unsplit) => {
            let why = match d.old_side.period != d.new_side.period {
                true => "diff-why-period",
                false => "diff-why-files",
            };
            out.push(match unsplit {
                None if d.changes.is_empty() => t("diff-data-only", &[("why", t(why, &[]).into())]),
                None => t("diff-data-changed", &[("why", t(why, &[]).into())]),
                Some(reason) => t(
                    "diff-data-changed-unsplit",
                    &[("why", t(why, &[]).into()), ("reason", reason.into())],
                ),
            });
        }
        (None, _) => {}
    }
    out
}

/// Whether the data differ and, when split, the two effects: the lines a page shows
/// (without the gate, which is the command line's).
pub(crate) fn data_lines(d: &Diff) -> Vec<String> {
    let mut out: Vec<String> = lead_lines(&Diff {
        gate: None,
        old_side: crate::diff::SideInfo::default(),
        ..d.clone()
    });
    out.extend(effect_lines(d));
    out
}

/// The two effects, a line each, when the data differ and the change could be split.
fn effect_lines(d: &Diff) -> Vec<String> {
    let Some(e) = &d.effects else {
        return Vec::new();
    };
    let words = |s: &crate::diff::Summary| {
        t(
            "diff-effect-summary",
            &[
                ("up", s.up.into()),
                ("down", s.down.into()),
                ("max", crate::i18n::count("count-places", s.max_move).into()),
                ("zones", s.zone_changes.len().into()),
                ("out", (s.left.len() + s.entered.len()).into()),
            ],
        )
    };
    vec![
        t(
            "diff-effect-methodology",
            &[("summary", words(&e.methodology).into())],
        ),
        t("diff-effect-data", &[("summary", words(&e.data).into())]),
    ]
}

/// The regions a review lists: those that moved, changed zone, left or entered, largest
/// first; the `top` largest when asked.
fn review_rows(d: &Diff, top: Option<usize>) -> Vec<Vec<String>> {
    rows_of(
        d,
        d.regions
            .iter()
            .filter(|r| eventful(r))
            .take(top.unwrap_or(usize::MAX)),
    )
    .into_iter()
    .map(Vec::from)
    .collect()
}

/// The diff as aligned text: the methodology's changes, the summary, every region.
pub fn diff_table(d: &Diff) -> String {
    diff_table_top(d, None)
}

/// [`diff_table`], the region table cut to the `top` largest of the regions that moved,
/// changed zone, left or entered (every region without `top`).
pub fn diff_table_top(d: &Diff, top: Option<usize>) -> String {
    let mut out = format!("{}\n", diff_header(d));
    for l in lead_lines(d) {
        out.push_str(&l);
        out.push('\n');
    }
    out.push('\n');
    if d.changes.is_empty() {
        out.push_str(&t("diff-no-changes", &[]));
        out.push('\n');
    } else {
        out.push_str(&t(
            "diff-changes",
            &[("n", d.changes.len().to_string().into())],
        ));
        out.push('\n');
        let words: Vec<(String, String, String)> = d.changes.iter().map(change_words).collect();
        // (columns as wide as their widest entry, at least as before)
        let (wa, wn) = match crate::i18n::lang() {
            crate::i18n::Lang::En => (9, 22),
            crate::i18n::Lang::Ru => (
                words.iter().map(|w| w.0.chars().count()).max().unwrap_or(0),
                words
                    .iter()
                    .map(|w| w.1.chars().count())
                    .max()
                    .unwrap_or(0)
                    .clamp(12, 30),
            ),
        };
        for ((area, name, what), c) in words.into_iter().zip(&d.changes) {
            let from = c
                .from
                .as_ref()
                .map(|f| format!(" ({})", t("diff-from", &[("file", f.as_str().into())])))
                .unwrap_or_default();
            out.push_str(&format!("  {area:<wa$} {name:<wn$} {what}{from}\n"));
        }
    }
    out.push('\n');
    for l in summary_lines(d).into_iter().chain(effect_lines(d)) {
        out.push_str(&l);
        out.push('\n');
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = match top {
        None => diff_rows(d).into_iter().map(Vec::from).collect(),
        Some(_) => review_rows(d, top),
    };
    let heads = diff_heads();
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    out.push_str(&aligned(&heads, &rows, &DIFF_RIGHT));
    out
}

/// The diff as Markdown, for a review comment: first the sides compared and the gate's
/// verdict, then the methodology's changes and what they did, then — folded — the regions
/// that moved, changed zone, left or entered (the `top` largest when asked).
pub fn diff_markdown(d: &Diff) -> String {
    diff_markdown_top(d, None)
}

/// [`diff_markdown`] with its region table cut to the `top` largest.
pub fn diff_markdown_top(d: &Diff, top: Option<usize>) -> String {
    let mut out = format!("### {}\n\n", md_escape_prose(&diff_header(d)));
    for l in lead_lines(d) {
        match l.strip_prefix("  ") {
            Some(reason) => out.push_str(&format!("  - {}\n", md_escape_prose(reason))),
            None => out.push_str(&format!("- **{}**\n", md_escape_prose(&l))),
        }
    }
    out.push_str(&format!("\n**{}**\n\n", t("diff-md-changes", &[])));
    if d.changes.is_empty() {
        out.push_str(&t("diff-md-none", &[]));
        out.push('\n');
    }
    for c in &d.changes {
        let (area, name, what) = change_words(c);
        let name = match (name.is_empty(), c.title.is_empty()) {
            (true, _) => String::new(),
            (false, true) => format!(" `{name}`"),
            (false, false) => format!(" `{name}` «{}»", md_escape_prose(&c.title)),
        };
        let from = c
            .from
            .as_ref()
            .map(|f| format!(" ({})", t("diff-from", &[("file", f.as_str().into())])))
            .unwrap_or_default();
        out.push_str(&format!(
            "- {area}{name}: {}{from}\n",
            md_escape_prose(&what)
        ));
    }
    out.push_str(&format!("\n**{}**\n\n", t("diff-md-consequences", &[])));
    for l in summary_lines(d).into_iter().chain(effect_lines(d)) {
        out.push_str(&format!("- {}\n", md_escape_prose(&l)));
    }
    let all = d.regions.iter().filter(|r| eventful(r)).count();
    if all == 0 {
        return out;
    }
    let rows = review_rows(d, top);
    let title = match rows.len() < all {
        true => t(
            "diff-md-regions-top",
            &[("top", rows.len().into()), ("n", all.into())],
        ),
        false => t("diff-md-regions", &[("n", all.into())]),
    };
    out.push_str(&format!(
        "\n<details><summary>{}</summary>\n\n",
        md_escape_prose(&title)
    ));
    let heads = diff_heads();
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    out.push_str(&super::table::markdown(&heads, &rows, &DIFF_RIGHT));
    out.push_str("\n</details>\n");
    out
}

/// The diff as CSV, one row per region (the columns are in docs/cli.md).
pub fn diff_csv(d: &Diff) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "key",
        "label",
        "old_place",
        "new_place",
        "moved",
        "old_score",
        "new_score",
        "old_zone",
        "new_zone",
        "old_excluded",
        "new_excluded",
        "largest_changes",
        "old_zone_title",
        "new_zone_title",
        "note",
    ]);
    for r in &d.regions {
        let changes: Vec<String> = r
            .top_indicators
            .iter()
            .map(|(n, v)| format!("{n} {}", signed(*v)))
            .collect();
        let _ = w.write_record([
            r.key.clone(),
            r.label.clone(),
            r.old_place.map(fmt_exact).unwrap_or_default(),
            r.new_place.map(fmt_exact).unwrap_or_default(),
            r.moved.map(fmt_exact).unwrap_or_default(),
            r.old_score.map(fmt_exact).unwrap_or_default(),
            r.new_score.map(fmt_exact).unwrap_or_default(),
            r.old_zone.clone().unwrap_or_default(),
            r.new_zone.clone().unwrap_or_default(),
            r.old_excluded.clone().unwrap_or_default(),
            r.new_excluded.clone().unwrap_or_default(),
            changes.join("; "),
            r.old_zone_title.clone().unwrap_or_default(),
            r.new_zone_title.clone().unwrap_or_default(),
            r.note.clone().unwrap_or_default(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The diff as JSON: everything (`changes`, `summary`, `regions`).
pub fn diff_json(d: &Diff) -> String {
    let mut s =
        serde_json::to_string_pretty(&round_json(serde_json::to_value(d).unwrap_or(Value::Null)))
            .unwrap_or_default();
    s.push('\n');
    s
}

/// Numbers in JSON as the ranking's JSON prints them (shortest exact, integers bare).
fn round_json(v: Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => num(Some(f)),
            _ => Value::Number(n),
        },
        Value::Array(a) => Value::Array(a.into_iter().map(round_json).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, round_json(v))).collect()),
        other => other,
    }
}

/// The diff in a format.
pub fn render_diff(d: &Diff, format: Format) -> String {
    render_diff_top(d, format, None)
}

/// The diff in a format, the text's and Markdown's region table cut to the `top` largest.
pub fn render_diff_top(d: &Diff, format: Format, top: Option<usize>) -> String {
    match format {
        Format::Table => diff_table_top(d, top),
        Format::Markdown => diff_markdown_top(d, top),
        Format::Csv => diff_csv(d),
        Format::Json => diff_json(d),
    }
}

/// A diff's parts as a review page shows them: the lead lines, the changes, the summary
/// and the two effects, the region table (the `top` largest).
pub fn review_parts(d: &Diff, top: Option<usize>) -> crate::report::html::ReviewSection {
    let changes = d
        .changes
        .iter()
        .map(|c| {
            let (area, name, what) = change_words(c);
            let title = match c.title.is_empty() {
                true => String::new(),
                false => format!(" «{}»", c.title),
            };
            let from = c
                .from
                .as_ref()
                .map(|f| format!(" ({})", t("diff-from", &[("file", f.as_str().into())])))
                .unwrap_or_default();
            format!("{area} {name}{title}: {what}{from}")
        })
        .collect();
    crate::report::html::ReviewSection {
        name: String::new(),
        lead: lead_lines(d)
            .into_iter()
            .map(|l| l.trim().to_string())
            .collect(),
        changes,
        summary: summary_lines(d)
            .into_iter()
            .chain(effect_lines(d))
            .collect(),
        heads: diff_heads(),
        rows: review_rows(d, top),
    }
}
