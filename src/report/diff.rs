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

fn why(r: &RegionMove) -> String {
    let mut parts: Vec<String> = r
        .top_groups
        .iter()
        .take(1)
        .map(|(g, d)| format!("[{g} {}]", crate::i18n::decimal(signed(round2(*d)))))
        .collect();
    parts.extend(
        r.top_indicators
            .iter()
            .take(2)
            .map(|(n, d)| format!("{n} {}", crate::i18n::decimal(signed(round2(*d))))),
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
    let label = |k: &str| {
        d.regions
            .iter()
            .find(|r| r.key == k)
            .filter(|r| !r.label.is_empty())
            .map(|r| format!("{k} {}", r.label))
            .unwrap_or_else(|| k.to_string())
    };
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
            ("kept", s.top10_overlap.0.to_string().into()),
            ("old", s.top10_overlap.1.to_string().into()),
            ("new", s.top10_overlap.2.to_string().into()),
        ],
    ));
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

fn diff_rows(d: &Diff) -> Vec<[String; 9]> {
    let rows: Vec<[String; 9]> = d
        .regions
        .iter()
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
                why(r),
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

/// The diff as aligned text: the methodology's changes, the summary, every region.
pub fn diff_table(d: &Diff) -> String {
    let mut out = format!("{}\n\n", diff_header(d));
    if d.changes.is_empty() {
        out.push_str(&t("diff-no-changes", &[]));
        out.push('\n');
    } else {
        out.push_str(&t(
            "diff-changes",
            &[("n", d.changes.len().to_string().into())],
        ));
        out.push('\n');
        for c in &d.changes {
            out.push_str(&format!("  {:<9} {:<22} {}\n", c.area, c.name, c.what));
        }
    }
    out.push('\n');
    for l in summary_lines(d) {
        out.push_str(&l);
        out.push('\n');
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = diff_rows(d).into_iter().map(Vec::from).collect();
    let heads = diff_heads();
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    out.push_str(&aligned(&heads, &rows, &DIFF_RIGHT));
    out
}

/// The diff as Markdown, for a review comment: the regions that moved.
pub fn diff_markdown(d: &Diff) -> String {
    let mut out = format!("### {}\n\n", md_escape_prose(&diff_header(d)));
    out.push_str(&format!("**{}**\n\n", t("diff-md-changes", &[])));
    if d.changes.is_empty() {
        out.push_str(&t("diff-md-none", &[]));
        out.push('\n');
    }
    for c in &d.changes {
        let name = if c.name.is_empty() {
            String::new()
        } else {
            format!(" `{}`", c.name)
        };
        out.push_str(&format!(
            "- {}{}: {}\n",
            c.area,
            name,
            md_escape_prose(&c.what)
        ));
    }
    out.push_str(&format!("\n**{}**\n\n", t("diff-md-consequences", &[])));
    for l in summary_lines(d) {
        out.push_str(&format!("- {}\n", md_escape_prose(&l)));
    }
    let moved: Vec<Vec<String>> = diff_rows(d)
        .into_iter()
        .filter(|r| r[0] != "=")
        .map(Vec::from)
        .collect();
    out.push_str(&format!(
        "\n**{}** ({})\n\n",
        t("diff-md-moved", &[]),
        moved.len()
    ));
    let heads = diff_heads();
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    out.push_str(&super::table::markdown(&heads, &moved, &DIFF_RIGHT));
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
    match format {
        Format::Table => diff_table(d),
        Format::Markdown => diff_markdown(d),
        Format::Csv => diff_csv(d),
        Format::Json => diff_json(d),
    }
}
