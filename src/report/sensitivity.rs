//! `metodika sensitivity`: each uncertain choice's first-order and total Sobol' index,
//! with their 95% intervals.

use super::number::fmt_exact;
use super::ranking::md_escape;
use super::table::{aligned, markdown};
use super::Format;
use crate::engine::sensitivity::{Output, Sensitivity};
use crate::i18n::t;
use serde_json::json;

/// What the indices explain, in words.
fn output_text(s: &Sensitivity) -> String {
    match &s.output {
        Output::MeanShift => t("sensitivity-mean-shift", &[]),
        Output::Place(k, label) => t(
            "sensitivity-place-of",
            &[("key", k.into()), ("label", label.into())],
        ),
    }
}

/// An index and its interval for people: `0.62 ± 0.05`.
fn pm(x: f64, ci: f64) -> String {
    // (an estimate that rounds to 0 is 0, not −0)
    let r = |v: f64| if (v * 1000.0).round() == 0.0 { 0.0 } else { v };
    format!("{:.3} ± {:.3}", r(x), r(ci))
}

/// What the indices do not say by themselves, a line each: the choices whose first-order
/// index is within its interval of zero (a negative one is the estimate's noise, not an
/// effect), and those that change no place at all (a total index of 0 ± 0).
fn noise_notes(s: &Sensitivity) -> String {
    let round = |v: f64| (v * 1000.0).round() == 0.0;
    let noise: Vec<String> = s
        .factor_words
        .iter()
        .zip(&s.indices)
        .filter(|(_, ix)| !(round(ix.total) && round(ix.total_ci)))
        .filter(|(_, ix)| ix.first < 0.0 || ix.first.abs() <= ix.first_ci)
        .map(|(f, _)| f.text())
        .collect();
    let nothing: Vec<String> = s
        .factor_words
        .iter()
        .zip(&s.indices)
        .filter(|(_, ix)| round(ix.total) && round(ix.total_ci))
        .map(|(f, _)| f.text())
        .collect();
    let mut out = String::new();
    if !noise.is_empty() {
        out.push_str(&t(
            "sensitivity-noise",
            &[("choices", noise.join(", ").into())],
        ));
        out.push('\n');
    }
    if !nothing.is_empty() {
        out.push_str(&t(
            "sensitivity-nothing",
            &[("choices", nothing.join(", ").into())],
        ));
        out.push('\n');
    }
    out
}

/// The analysis as the CSV people open (`--format csv-excel`, `xlsx`): the columns of
/// [`render_sensitivity`]'s CSV, each choice in words in the language chosen now.
pub fn people_csv(s: &Sensitivity) -> String {
    csv_of(s, s.factor_words.iter().map(|f| f.text()))
}

/// The CSV of the indices, each choice named by `names` (in the factors' order).
fn csv_of(s: &Sensitivity, names: impl Iterator<Item = String>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["factor", "first", "first_ci", "total", "total_ci"]);
    for (f, ix) in names.zip(&s.indices) {
        let _ = w.write_record([
            f,
            fmt_exact(ix.first),
            fmt_exact(ix.first_ci),
            fmt_exact(ix.total),
            fmt_exact(ix.total_ci),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The analysis in a format.
pub fn render_sensitivity(title: &str, s: &Sensitivity, format: Format) -> String {
    let d = s.factors.len();
    let runs = s.n * (d + 2);
    match format {
        Format::Json => {
            let factors: Vec<serde_json::Value> = s
                .factors
                .iter()
                .zip(&s.indices)
                .map(|(f, ix)| {
                    json!({"factor": f, "first": ix.first, "first_ci": ix.first_ci,
                           "total": ix.total, "total_ci": ix.total_ci})
                })
                .collect();
            let output = match &s.output {
                Output::MeanShift => json!({"mean_shift": true}),
                Output::Place(k, l) => json!({"place_of": k, "label": l}),
            };
            let mut t = serde_json::to_string_pretty(&json!({
                "title": title, "output": output, "n": s.n, "runs": runs, "seed": s.seed,
                "mean": s.mean, "variance": s.variance, "factors": factors,
            }))
            .unwrap_or_default();
            t.push('\n');
            t
        }
        Format::Csv => csv_of(s, s.factors.iter().cloned()),
        Format::Table | Format::Markdown => {
            let caption = t(
                "sensitivity-caption",
                &[
                    ("title", title.into()),
                    ("output", output_text(s).into()),
                    ("choices", d.into()),
                    (
                        "mean",
                        crate::i18n::decimal(format!("{:.3}", s.mean)).into(),
                    ),
                    (
                        "variance",
                        crate::i18n::decimal(format!("{:.3}", s.variance)).into(),
                    ),
                    ("n", s.n.to_string().into()),
                    ("runs", runs.into()),
                    ("seed", s.seed.to_string().into()),
                ],
            );
            let header = [
                t("col-choice", &[]),
                t("col-first-order", &[]),
                t("col-total", &[]),
            ];
            let header: Vec<&str> = header.iter().map(|s| s.as_str()).collect();
            let right = [false, true, true];
            let rows: Vec<Vec<String>> = s
                .factor_words
                .iter()
                .zip(&s.indices)
                .map(|(f, ix)| {
                    let mut row = vec![
                        f.text(),
                        pm(ix.first, ix.first_ci),
                        pm(ix.total, ix.total_ci),
                    ];
                    super::table::localize_numbers(&mut row, &right);
                    row
                })
                .collect();
            if format == Format::Markdown {
                let (title, caption) = (md_escape(title), md_escape(&caption));
                let notes = md_escape(&noise_notes(s));
                return format!(
                    "### {title}\n\n{caption}\n\n{}{}",
                    markdown(&header, &rows, &right),
                    if notes.is_empty() {
                        String::new()
                    } else {
                        format!("\n{notes}")
                    }
                );
            }
            let notes = noise_notes(s);
            format!("{caption}\n{}{notes}", aligned(&header, &rows, &right))
        }
    }
}
