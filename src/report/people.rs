//! What people read in the reports, in the methodology's language and the glossary's
//! words: the headings of a ranking's and an analysis' columns, the lines above a table.
//! The words for a methodology itself (periods, dates, zone rules, normalizations) are
//! [`crate::words`]'s, re-exported here. The workbook, the Excel CSV and the page speak
//! the methodology's language whatever the command line's (a Russian methodology's
//! workbook is Russian on an English machine); machine formats keep their names.

use crate::check::Methodology;
use crate::i18n::{t_in, Lang};
use crate::periods::Period;
pub use crate::words::*;

/// The heading people read over a ranking's column named `name` (its machine name, as
/// `--format csv` writes it): «Место», a block's or an indicator's title; `None` for the
/// zone's identifier, which people do not read (its title is the column «Зона»).
pub fn ranking_heading(lang: Lang, r: &crate::engine::Ranking, name: &str) -> Option<String> {
    let w = |id: &str| t_in(lang, id, &[]);
    Some(match name {
        "place" => w("people-place"),
        "key" => w("people-key"),
        "label" => w("people-region"),
        "score" => w("people-score"),
        "zone" => return None,
        "zone_title" => w("people-zone"),
        "excluded" => w("people-excluded"),
        _ => {
            if let Some(g) = name.strip_prefix("group.") {
                return Some(
                    r.groups
                        .iter()
                        .find(|(n, _)| n == g)
                        .map_or_else(|| g.to_string(), |(_, t)| t.clone()),
                );
            }
            let (ind, step) = name.rsplit_once('.')?;
            let title = r
                .indicators
                .iter()
                .find(|(n, _)| n == ind)
                .map_or_else(|| ind.to_string(), |(_, t)| t.clone());
            let id = match step {
                "raw" => "people-raw",
                "value" => "people-value",
                "normalized" => "people-normalized",
                "contribution" => "people-points",
                _ => return Some(name.to_string()),
            };
            t_in(lang, id, &[("title", title.into())])
        }
    })
}

/// The heading people read over a column of an analysis' CSV (`diff`, `uncertainty`,
/// `sensitivity`) in `lang`, `zones` the methodology's (name, title); none to leave the
/// column out (a zone's identifier, beside its title or its shares).
pub fn analysis_heading(lang: Lang, zones: &[(String, String)], name: &str) -> Option<String> {
    let w = |id: &str| t_in(lang, id, &[]);
    let side = |id: &str, what: String| t_in(lang, id, &[("what", what.into())]);
    let base = |name: &str| -> Option<String> {
        Some(match name {
            "key" => w("people-key"),
            "label" => w("people-region"),
            "place" => w("people-place"),
            "score" => w("people-score"),
            "excluded" => w("people-excluded"),
            "zone_title" => w("people-zone"),
            _ => return None,
        })
    };
    if let Some(b) = base(name) {
        return Some(b);
    }
    if let Some(rest) = name.strip_prefix("old_") {
        return base(rest).map(|b| side("people-col-old", b));
    }
    if let Some(rest) = name.strip_prefix("new_") {
        return base(rest).map(|b| side("people-col-new", b));
    }
    Some(match name {
        "zone" | "old_zone" | "new_zone" => return None,
        "moved" => w("people-col-moved"),
        "largest_changes" => w("people-col-largest-changes"),
        "note" => w("people-col-note"),
        "place_median" => w("people-col-place-median"),
        "place_p05" => w("people-col-place-p05"),
        "place_p95" => w("people-col-place-p95"),
        "score_mean" => w("people-col-score-mean"),
        "score_p05" => w("people-col-score-p05"),
        "score_p95" => w("people-col-score-p95"),
        "ranked" => w("people-col-ranked"),
        "factor" => w("people-col-choice"),
        "first" => w("people-col-first"),
        "first_ci" => w("people-col-first-ci"),
        "total" => w("people-col-total"),
        "total_ci" => w("people-col-total-ci"),
        "area" => w("people-col-area"),
        "name" => w("people-col-name"),
        "title" => w("people-col-title"),
        "what" => w("people-col-what"),
        "side" => w("people-col-side"),
        "source" => w("people-col-source"),
        "period" => w("people-col-period"),
        "window" => w("people-col-window"),
        "data_changed" => w("people-col-data-changed"),
        _ => {
            if let Some(n) = name.strip_prefix("p_top") {
                return Some(t_in(lang, "people-col-p-top", &[("n", n.into())]));
            }
            let Some(zone) = name.strip_prefix("p_") else {
                return Some(name.to_string());
            };
            let title = zones
                .iter()
                .find(|(n, _)| n == zone)
                .map_or(zone, |(_, t)| t.as_str());
            t_in(lang, "people-col-p-zone", &[("zone", title.into())])
        }
    })
}

/// The lines above a table people read: the methodology's title, its edition, the date it
/// takes effect, the period counted and the day of the run.
pub fn title_block(lang: Lang, m: &Methodology, period: Option<Period>) -> Vec<String> {
    let w = |id: &str| t_in(lang, id, &[]);
    let mut lines = vec![m.title.clone()];
    if let Some(v) = &m.version {
        lines.push(format!("{}: {v}", w("people-version")));
    }
    if let Some(e) = &m.effective {
        lines.push(format!("{}: {}", w("people-effective"), date(lang, e)));
    }
    if let Some(p) = period {
        lines.push(format!("{}: {}", w("people-period"), self::period(lang, p)));
    }
    lines.push(format!("{}: {}", w("people-made"), date(lang, &today())));
    lines
}

/// Today (UTC) as `2025-01-01`, or the day of `SOURCE_DATE_EPOCH` when it is set (so
/// that a workbook made twice from the same inputs is the same file, as reproducible
/// builds ask).
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    crate::data::records::date_text(secs.div_euclid(86_400) as i32)
}
