//! `--format html`: one self-contained page for people — a ranking, a diff, or an
//! uncertainty analysis — with inline CSS and SVG, a few lines of inline script for
//! sorting (the page reads the same without it), a print stylesheet for A4, and a
//! Content-Security-Policy that lets the page fetch nothing at all.
//!
//! The pages are minijinja templates (`templates/`), auto-escaped: every text that comes
//! from a file under review — a region's name, a note, a reason — is shown as text. The
//! charts are SVG from `svg.rs` and the map from `geo.rs`; their markup is the only text the
//! templates take as it is.

pub mod audit;
pub mod diff;
mod geo;
mod svg;
pub mod uncertainty;
pub(crate) mod words;

use super::number::{fmt_exact, fmt_num, place_text};
use super::zones;
use crate::check::Methodology;
use crate::engine::Ranking;
use minijinja::{Environment, Value};
use serde::Serialize;
pub use svg::escape;
use svg::Bar;
use words::Words;

const CSS: &str = include_str!("templates/style.css");
const JS: &str = include_str!("templates/sort.js");

/// The templates, each by its name.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, text) in [
        ("base.html", include_str!("templates/base.html")),
        ("ranking.html", include_str!("templates/ranking.html")),
        ("diff.html", include_str!("templates/diff.html")),
        ("review.html", include_str!("templates/review.html")),
        (
            "uncertainty.html",
            include_str!("templates/uncertainty.html"),
        ),
        ("audit.html", include_str!("templates/audit.html")),
        ("run_notes.html", include_str!("templates/run_notes.html")),
    ] {
        // the templates are the program's own, tested: a broken one is a bug, told as
        // the error of the render below
        let _ = env.add_template(name, text);
    }
    // every value shown escaped, as the templates' auto-escape does, and its bidirectional
    // controls written visibly (`<U+202E>`): a name from the data cannot reorder the text
    // around it
    env.set_formatter(|out, state, value| {
        if let Some(s) = value.as_str() {
            let shown = crate::report::ranking::visible_controls(s);
            if shown.len() != s.len() {
                return minijinja::escape_formatter(out, state, &Value::from(shown.as_ref()));
            }
        }
        minijinja::escape_formatter(out, state, value)
    });
    env
}

/// The Content-Security-Policy source of the pages' one script: `sha256-…` of its text,
/// so that no other script — one that data slipped into the page, say — would run.
fn script_hash() -> &'static str {
    use base64::Engine;
    use sha2::Digest;
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let digest = sha2::Sha256::digest(JS.as_bytes());
        format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    })
}

/// Render the template `name` with `context` plus what every page has.
fn render(name: &str, w: &Words, page_title: &str, context: Value) -> Result<String, String> {
    let env = environment();
    let base = minijinja::context! {
        w => Value::from_serialize(w),
        page_title => page_title,
        tool_version => env!("CARGO_PKG_VERSION"),
        css => CSS,
        js => JS,
        script_hash => script_hash(),
    };
    let t = env
        .get_template(name)
        .map_err(|e| format!("internal error (please report it): template {name}: {e}"))?;
    t.render(minijinja::context! { ..context, ..base })
        .map_err(|e| format!("internal error (please report it): template {name}: {e:#}"))
}

/// The credit of the map's coordinates, shown in the footer of a page with a map.
pub fn map_source(w: &Words) -> String {
    crate::i18n::t_in(w.language(), "html-map-source", &[])
}

/// A zone as the pages show it.
#[derive(Serialize)]
struct ZoneView {
    name: String,
    title: String,
    rule: String,
    fill: String,
    strong: String,
    count: String,
}

fn zone_views(m: &Methodology, r: &Ranking) -> Vec<ZoneView> {
    let lang = super::people::lang(&m.title);
    r.zones
        .iter()
        .enumerate()
        .map(|(i, (name, title))| {
            let c = zones::colour(name, title, i);
            ZoneView {
                name: name.clone(),
                title: title.clone(),
                rule: m
                    .zones
                    .iter()
                    .find(|z| &z.name == name)
                    .map(|z| super::people::zone_rule(lang, &z.rule, &z.rule_text))
                    .unwrap_or_default(),
                fill: zones::css(c.fill),
                strong: zones::css(c.strong),
                count: crate::i18n::t_in(
                    lang,
                    "count-regions",
                    &[(
                        "n",
                        r.rows
                            .iter()
                            .filter(|x| x.zone.as_deref() == Some(name))
                            .count()
                            .into(),
                    )],
                ),
            }
        })
        .collect()
}

/// The colour of a row's zone: (light, strong), grey for a region in no zone.
fn row_colour(r: &Ranking, zone: Option<&str>) -> (String, String) {
    zone.and_then(|z| {
        let i = r.zones.iter().position(|(n, _)| n == z)?;
        let c = zones::colour(z, &r.zones[i].1, i);
        Some((zones::css(c.fill), zones::css(c.strong)))
    })
    .unwrap_or_else(|| ("#ffffff".into(), "#8a94a0".into()))
}

/// A score for people: at the decimals the ranking compares at (at least 1, at most 6),
/// in the page's language.
fn score_text(w: &Words, r: &Ranking, x: Option<f64>) -> String {
    x.map(|x| {
        let s = match r.score_decimals {
            Some(d) => format!("{x:.*}", d.min(6) as usize),
            None => fmt_num(x),
        };
        words::number(w, s)
    })
    .unwrap_or_default()
}

#[derive(Serialize)]
struct Cell {
    shown: String,
    sort: String,
}

#[derive(Serialize)]
struct RowView {
    key: String,
    label: String,
    place: String,
    place_sort: String,
    score: String,
    score_sort: String,
    zone: Option<String>,
    zone_title: String,
    fill: String,
    excluded: Option<String>,
    blocks: Vec<Cell>,
}

#[derive(Serialize)]
struct Block {
    name: String,
    title: String,
    max: Option<String>,
    svg: String,
}

#[derive(Serialize)]
struct Explanation {
    key: String,
    summary: String,
    text: String,
}

/// The blocks of the score: the groups that are its members, as (index among the
/// ranking's groups, index among the methodology's).
fn blocks(m: &Methodology, r: &Ranking) -> Vec<(usize, usize)> {
    m.score()
        .members
        .iter()
        .filter_map(|mem| match mem.node {
            crate::check::NodeRef::Group(g) => {
                let name = &m.groups[g].name;
                let i = r.groups.iter().position(|(n, _)| n == name)?;
                Some((i, g))
            }
            crate::check::NodeRef::Indicator(_) => None,
        })
        .collect()
}

/// The hover text of a region's mark: its name, place and score.
fn hover(w: &Words, r: &Ranking, row: &crate::engine::Row) -> String {
    let mut s = format!("{} — {}", row.key, row.label);
    if let Some(p) = row.place {
        s.push_str(&format!(
            "\n{}: {}\n{}: {}",
            w.place,
            words::number(w, place_text(Some(p))),
            w.score,
            score_text(w, r, row.score)
        ));
    }
    if let Some(z) = &row.zone {
        s.push_str(&format!(
            "\n{}: {}",
            w.zone,
            super::ranking::zone_title(r, Some(z))
        ));
    }
    if let Some(e) = &row.excluded {
        s.push_str(&format!("\n{}: {e}", w.excluded));
    }
    s
}

/// A ranking (run with detail, so that each region's explanation is complete) as a page.
/// `period` is the period counted, when the command named one.
pub fn ranking_html(
    m: &Methodology,
    r: &Ranking,
    period: Option<&str>,
    run_notes: &[crate::notes::Note],
) -> Result<String, String> {
    // (the explanations and the run's notes in the methodology's language too)
    crate::i18n::with_lang(words::lang_of(&m.title), || {
        ranking_page(m, r, period, run_notes)
    })
}

fn ranking_page(
    m: &Methodology,
    r: &Ranking,
    period: Option<&str>,
    run_notes: &[crate::notes::Note],
) -> Result<String, String> {
    let w = &words::for_title(&m.title);
    let blocks = blocks(m, r);
    let ranked: Vec<&crate::engine::Row> = r.rows.iter().filter(|x| x.place.is_some()).collect();
    let rows: Vec<RowView> = r
        .rows
        .iter()
        .map(|row| RowView {
            key: row.key.clone(),
            label: row.label.clone(),
            place: words::number(w, place_text(row.place)),
            place_sort: row.place.map(fmt_exact).unwrap_or_default(),
            score: score_text(w, r, row.score),
            score_sort: row.score.map(fmt_exact).unwrap_or_default(),
            zone: row.zone.clone(),
            zone_title: super::ranking::zone_title(r, row.zone.as_deref()),
            fill: row_colour(r, row.zone.as_deref()).0,
            excluded: row.excluded.clone(),
            blocks: blocks
                .iter()
                .map(|&(i, _)| Cell {
                    shown: row.groups[i]
                        .map(|v| words::number(w, format!("{v:.1}")))
                        .unwrap_or_default(),
                    sort: row.groups[i].map(fmt_exact).unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    // the bars: every ranked region by place, on the score's scale
    let score_max = scale_max(m.score_range().hi, ranked.iter().filter_map(|x| x.score));
    let bars: Vec<Bar> = ranked
        .iter()
        .map(|row| Bar {
            key: &row.key,
            label: bar_label(row),
            value: row.score.unwrap_or(0.0),
            shown: score_text(w, r, row.score),
            colour: row_colour(r, row.zone.as_deref()).1,
            hover: hover(w, r, row),
        })
        .collect();
    let bars_svg = svg::bars(&bars, score_max, 15.0, "bars scores", &w.scores_chart);
    // one chart per block, its regions by the block's result
    let block_charts: Vec<Block> = blocks
        .iter()
        .map(|&(i, g)| {
            let hi = m.group_range(g).hi;
            let mut order: Vec<&&crate::engine::Row> = ranked.iter().collect();
            order.sort_by(|a, b| {
                let (x, y) = (
                    a.groups[i].unwrap_or(f64::NEG_INFINITY),
                    b.groups[i].unwrap_or(f64::NEG_INFINITY),
                );
                y.total_cmp(&x).then(a.key.cmp(&b.key))
            });
            let items: Vec<Bar> = order
                .iter()
                .map(|row| Bar {
                    key: &row.key,
                    label: bar_label(row),
                    value: row.groups[i].unwrap_or(0.0),
                    shown: row.groups[i]
                        .map(|v| words::number(w, format!("{v:.1}")))
                        .unwrap_or_default(),
                    colour: row_colour(r, row.zone.as_deref()).1,
                    hover: hover(w, r, row),
                })
                .collect();
            let title = r.groups[i].1.clone();
            Block {
                name: r.groups[i].0.clone(),
                max: hi.is_finite().then(|| words::number(w, fmt_num(hi))),
                svg: svg::bars(
                    &items,
                    scale_max(hi, items.iter().map(|b| b.value)),
                    9.0,
                    "bars block",
                    &title,
                ),
                title,
            }
        })
        .collect();
    // the map: the regions found in the reference data, when at least half are
    let places = geo::places();
    let mut points = Vec::new();
    let mut unmapped = Vec::new();
    for row in &r.rows {
        match geo::find(&places, &row.key, &row.label) {
            Some(p) => points.push(geo::MapPoint {
                point: svg::Point {
                    key: &row.key,
                    colour: row_colour(r, row.zone.as_deref()).1,
                    hover: hover(w, r, row),
                },
                lat: p.lat,
                lon: p.lon,
                short: geo::written(p.short_name),
            }),
            None => unmapped.push(format!("{} {}", row.key, row.label).trim().to_string()),
        }
    }
    let has_map = !r.rows.is_empty() && points.len() * 2 >= r.rows.len();
    let map = has_map.then(|| geo::map(&points, &w.map));
    let excluded: Vec<Value> = r
        .rows
        .iter()
        .filter_map(|row| {
            let reason = row.excluded.as_ref()?;
            Some(minijinja::context! { key => &row.key, label => &row.label, reason => reason })
        })
        .collect();
    let explanations: Vec<Explanation> = r
        .rows
        .iter()
        .map(|row| Explanation {
            key: row.key.clone(),
            summary: match row.place {
                Some(_) => format!(
                    "{} · {} — {} · {}",
                    words::number(w, place_text(row.place)),
                    row.key,
                    row.label,
                    score_text(w, r, row.score)
                ),
                None => format!("{} — {} · {}", row.key, row.label, w.excluded),
            },
            text: super::people::prose(
                w.language(),
                &super::explain(m, r, &row.key).unwrap_or_default(),
            ),
        })
        .collect();
    let lang = w.language();
    let period = period.map(|p| super::people::period_text(lang, m, p));
    let effective = m.effective.as_deref().map(|e| super::people::date(lang, e));
    let run_notes: Vec<String> = run_notes
        .iter()
        .map(|n| n.on_page(|t| super::people::prose(lang, t)))
        .collect();
    let context = minijinja::context! {
        title => &m.title,
        version => &m.version,
        effective => effective,
        period => period,
        notes => &m.notes,
        zones => zone_views(m, r),
        blocks => blocks.iter().map(|&(i, _)| minijinja::context!{ title => &r.groups[i].1 }).collect::<Vec<_>>(),
        rows => rows,
        bars => bars_svg,
        map => map,
        unmapped => if has_map { unmapped } else { Vec::new() },
        map_source => has_map.then(|| map_source(w)),
        block_charts => block_charts,
        excluded => excluded,
        explanations => explanations,
        run_notes => run_notes,
    };
    render("ranking.html", w, &m.title, context)
}

/// The label of a region beside its bar: its name, else its key.
fn bar_label(row: &crate::engine::Row) -> &str {
    if row.label.is_empty() {
        &row.key
    } else {
        &row.label
    }
}

/// The top of a chart's scale: the methodology's maximum where it has one, else the
/// largest value (1 when there is none above 0).
fn scale_max(hi: f64, values: impl Iterator<Item = f64>) -> f64 {
    if hi.is_finite() && hi > 0.0 {
        return hi;
    }
    let m = values.filter(|v| v.is_finite()).fold(0.0, f64::max);
    if m > 0.0 {
        m
    } else {
        1.0
    }
}

/// One methodology of a review page: its name and its comparison's parts, as words.
#[derive(Serialize)]
pub struct ReviewSection {
    /// The methodology: its title and path.
    pub name: String,
    /// The sides, the gate, the data (the lines a review leads with).
    pub lead: Vec<String>,
    /// The methodology's changes, each a line.
    pub changes: Vec<String>,
    /// The summary and the two effects.
    pub summary: Vec<String>,
    /// The region table: its headings and rows.
    pub heads: Vec<String>,
    /// (the rows of the region table)
    pub rows: Vec<Vec<String>>,
}

/// `review --format html`: the summary table first, each methodology's comparison folded
/// below, in the language of the command line; every text escaped, no script but the
/// page's own.
pub fn review_html(
    title: &str,
    verdict: (bool, &str),
    summary: (Vec<String>, Vec<Vec<String>>),
    sections: Vec<ReviewSection>,
) -> Result<String, String> {
    let w = words::Words::of(crate::i18n::lang());
    let sections: Vec<Value> = sections
        .into_iter()
        .map(|s| {
            Value::from_serialize(minijinja::context! {
                name => s.name, lead => s.lead, changes => s.changes, summary => s.summary,
                heads => s.heads, rows => s.rows,
                changes_title => crate::i18n::t("diff-md-changes", &[]),
                consequences_title => crate::i18n::t("diff-md-consequences", &[]),
                no_changes => crate::i18n::t("diff-md-none", &[]),
            })
        })
        .collect();
    let context = minijinja::context! {
        title => title,
        passed => if verdict.0 { "true" } else { "false" },
        verdict => verdict.1,
        heads => summary.0,
        rows => summary.1,
        none => crate::i18n::t("review-none", &[]),
        sections => sections,
    };
    render("review.html", &w, title, context)
}
