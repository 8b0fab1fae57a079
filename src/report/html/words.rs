//! The report's headings, in the methodology's language: Russian when its title is
//! written in Cyrillic, English otherwise; the words are the catalogue's
//! (`src/i18n/locales`, the `html-…` messages).

use crate::i18n::{t_in, Lang};
use serde::Serialize;

/// Every heading and caption of the reports.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    /// The decimal separator of numbers for people (`number-decimal`).
    #[serde(skip)]
    pub decimal: String,
    pub lang: String,
    pub version: String,
    pub effective: String,
    pub period: String,
    pub notes: String,
    pub run_notes: String,
    pub ranking: String,
    pub place: String,
    pub region: String,
    pub key: String,
    pub score: String,
    pub zone: String,
    pub zones: String,
    pub excluded: String,
    pub exclusions: String,
    pub reason: String,
    pub no_exclusions: String,
    pub scores_chart: String,
    pub map: String,
    pub map_note: String,
    pub map_missing: String,
    pub no_map: String,
    pub blocks: String,
    pub points_of: String,
    pub explanations: String,
    pub explanations_note: String,
    pub sort_note: String,
    pub made_by: String,
    pub places_word: String,
    pub points_word: String,
    pub diff_title: String,
    pub old: String,
    pub new: String,
    pub changes: String,
    pub no_changes: String,
    pub summary: String,
    pub moved_up: String,
    pub moved_down: String,
    pub unchanged: String,
    pub spearman: String,
    pub kendall: String,
    pub top10: String,
    pub slope: String,
    pub scatter: String,
    pub scatter_note: String,
    pub biggest_moves: String,
    pub moved: String,
    pub why: String,
    pub all_regions: String,
    pub old_place: String,
    pub new_place: String,
    pub old_score: String,
    pub new_score: String,
    pub uncertainty_title: String,
    pub replications: String,
    pub nominal_place: String,
    pub median_place: String,
    pub interval: String,
    pub mean_score: String,
    pub top_n: String,
    pub intervals_chart: String,
    pub intervals_note: String,
}

impl Words {
    /// The language of the words.
    pub fn language(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or(Lang::En)
    }

    /// The words of `lang`.
    pub fn of(lang: Lang) -> Words {
        let w = |id: &str| t_in(lang, id, &[]);
        Words {
            decimal: w("number-decimal"),
            lang: lang.code().to_string(),
            version: w("html-version"),
            effective: w("html-effective"),
            period: w("html-period"),
            notes: w("html-notes"),
            run_notes: w("html-run-notes"),
            ranking: w("html-ranking"),
            place: w("html-place"),
            region: w("html-region"),
            key: w("html-key"),
            score: w("html-score"),
            zone: w("html-zone"),
            zones: w("html-zones"),
            excluded: w("html-excluded"),
            exclusions: w("html-exclusions"),
            reason: w("html-reason"),
            no_exclusions: w("html-no-exclusions"),
            scores_chart: w("html-scores-chart"),
            map: w("html-map"),
            map_note: w("html-map-note"),
            map_missing: w("html-map-missing"),
            no_map: w("html-no-map"),
            blocks: w("html-blocks"),
            points_of: w("html-points-of"),
            explanations: w("html-explanations"),
            explanations_note: w("html-explanations-note"),
            sort_note: w("html-sort-note"),
            made_by: w("html-made-by"),
            places_word: w("html-places-word"),
            points_word: w("html-points-word"),
            diff_title: w("html-diff-title"),
            old: w("html-old"),
            new: w("html-new"),
            changes: w("html-changes"),
            no_changes: w("html-no-changes"),
            summary: w("html-summary"),
            moved_up: w("html-moved-up"),
            moved_down: w("html-moved-down"),
            unchanged: w("html-unchanged"),
            spearman: w("html-spearman"),
            kendall: w("html-kendall"),
            top10: w("html-top10"),
            slope: w("html-slope"),
            scatter: w("html-scatter"),
            scatter_note: w("html-scatter-note"),
            biggest_moves: w("html-biggest-moves"),
            moved: w("html-moved"),
            why: w("html-why"),
            all_regions: w("html-all-regions"),
            old_place: w("html-old-place"),
            new_place: w("html-new-place"),
            old_score: w("html-old-score"),
            new_score: w("html-new-score"),
            uncertainty_title: w("html-uncertainty-title"),
            replications: w("html-replications"),
            nominal_place: w("html-nominal-place"),
            median_place: w("html-median-place"),
            interval: w("html-interval"),
            mean_score: w("html-mean-score"),
            top_n: w("html-top-n"),
            intervals_chart: w("html-intervals-chart"),
            intervals_note: w("html-intervals-note"),
        }
    }
}

/// The language of a methodology titled `title`.
pub fn lang_of(title: &str) -> Lang {
    crate::words::lang(title)
}

/// The words for a methodology titled `title`.
pub fn for_title(title: &str) -> Words {
    Words::of(lang_of(title))
}

/// A number for people in the report's language (a decimal comma in Russian: the
/// catalogue's `number-decimal`).
pub fn number(w: &Words, text: String) -> String {
    if w.decimal == "." {
        text
    } else {
        text.replace('.', &w.decimal)
    }
}
