//! `metodika audit`: the statistical audit as text for people (the flags first, then each
//! table), and as CSV and JSON for scripts (stable English names).

use super::table::{aligned, localize_numbers, markdown};
use super::Format;
use crate::audit::{Audit, BlockAudit, Corr, Flag};
use crate::i18n::t;
use crate::words::number::fmt_exact;
use std::collections::HashMap;

/// The tables of an audit, one of which `--format csv` writes (`--table`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Table {
    /// Each indicator's statistics, raw and normalized
    #[default]
    Statistics,
    /// Every correlation inside the blocks, and with each block and the score
    Correlations,
    /// Each block's Cronbach's alpha and first principal component
    Blocks,
    /// Each member's coefficient in its block's first principal component
    Loadings,
    /// Each indicator's nominal and effective weight
    Weights,
    /// What leaving out each indicator and block does to the ranking
    Drops,
}

impl Table {
    /// Every table, in the order of the workbook's sheets.
    pub const ALL: [Table; 6] = [
        Table::Statistics,
        Table::Correlations,
        Table::Blocks,
        Table::Loadings,
        Table::Weights,
        Table::Drops,
    ];
}

/// A value for machines: exact, empty when missing.
fn ex(x: Option<f64>) -> String {
    x.map(fmt_exact).unwrap_or_default()
}

/// The titles of the indicators and groups, by name.
fn titles(a: &Audit) -> HashMap<&str, &str> {
    let mut out: HashMap<&str, &str> = HashMap::new();
    for i in &a.indicators {
        out.insert(&i.named.name, &i.named.title);
    }
    for b in &a.blocks {
        out.insert(&b.named.name, &b.named.title);
    }
    out
}

/// One table of the audit as CSV.
pub fn csv(a: &Audit, table: Table) -> String {
    csv_with(a, table, None)
}

/// One table of the audit as the CSV people open (`--format csv-excel`, `xlsx`): each
/// indicator and block by its title, kinds, flags and yes or no in the words of the
/// language chosen now, regions by their names; the columns are the machine CSV's, to be
/// headed by [`heading`].
pub fn people_csv(a: &Audit, table: Table) -> String {
    let names = titles(a);
    let score = a
        .blocks
        .last()
        .map(|b| b.named.title.clone())
        .unwrap_or_default();
    let labels: HashMap<&str, &str> = a
        .drops
        .iter()
        .flat_map(|d| {
            d.zone_changes
                .iter()
                .map(|z| (z.key.as_str(), z.label.as_str()))
        })
        .chain(a.left_out.iter().map(|(k, l, _)| (k.as_str(), l.as_str())))
        .collect();
    let name = |cell: &str| -> String {
        match names.get(cell) {
            Some(t) => t.to_string(),
            None if cell == "score" => score.clone(),
            None => cell.to_string(),
        }
    };
    let region = |cell: &str| -> String {
        cell.split(';')
            .filter(|k| !k.is_empty())
            .map(|k| labels.get(k).map_or(k, |l| *l))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let people = |col: &str, cell: &str| -> String {
        match (col, cell) {
            ("indicator" | "block" | "member" | "with", c) => name(c),
            ("unranked" | "zone_changed", c) => region(c),
            ("outlier" | "normalized_outlier" | "treated_outlier", "true") => t("people-yes", &[]),
            ("outlier" | "normalized_outlier", _) => t("people-no", &[]),
            ("treated_outlier", "false") => t("people-no", &[]),
            ("outliers", "passed") => t("audit-outliers-passed", &[]),
            ("outliers", "untreated") => t("audit-outliers-untreated", &[]),
            ("outliers", "winsorized") => t("audit-outliers-winsorized", &[]),
            ("outliers", "log") => t("audit-outliers-log", &[]),
            ("outliers", _) => t("audit-outliers-none", &[]),
            ("kind", "indicator") => t("audit-kind-indicator", &[]),
            ("kind", _) => t("audit-kind-group", &[]),
            ("flag", "more") => t("audit-verdict-more", &[]),
            ("flag", "less") => t("audit-verdict-less", &[]),
            (_, c) => c.to_string(),
        }
    };
    csv_with(a, table, Some(&people))
}

/// The heading people read over a column of the audit's CSV, in `lang`; none for the
/// column of titles (the people's CSV puts them in place of the names).
pub fn heading(lang: crate::i18n::Lang, name: &str) -> Option<String> {
    let w = |id: &str| crate::i18n::t_in(lang, id, &[]);
    if let Some(rest) = name.strip_prefix("treated_") {
        let base = heading(lang, rest)?;
        return Some(crate::i18n::t_in(
            lang,
            "audit-head-treated",
            &[("what", base.into())],
        ));
    }
    if let Some(rest) = name.strip_prefix("normalized_") {
        let base = heading(lang, rest)?;
        return Some(crate::i18n::t_in(
            lang,
            "audit-head-normalized",
            &[("what", base.into())],
        ));
    }
    Some(match name {
        "title" => return None,
        "indicator" => w("audit-col-indicator"),
        "block" => w("audit-col-block"),
        "member" => w("audit-col-member"),
        "with" => w("audit-head-with"),
        "n" => w("audit-head-n"),
        "coverage" => w("audit-col-coverage"),
        "mean" => w("audit-col-mean"),
        "sd" => w("audit-col-sd"),
        "min" => w("audit-col-min"),
        "max" => w("audit-col-max"),
        "zeros" => w("audit-head-zeros"),
        "skewness" => w("audit-col-skewness"),
        "kurtosis" => w("audit-col-kurtosis"),
        "outlier" => w("audit-head-outlier"),
        "outliers" => w("audit-head-outliers"),
        "outliers_points" => w("audit-head-outliers-points"),
        "pearson" => w("audit-head-pearson"),
        "spearman" => w("audit-head-spearman"),
        "members" => w("audit-col-members"),
        "alpha" => w("audit-col-alpha"),
        "alpha_standardized" => w("audit-col-alpha-standardized"),
        "pc1_share" => w("audit-col-pc1"),
        "pc1_regions" => w("audit-head-pc1-regions"),
        "with_parent" => w("audit-col-with-parent"),
        "with_score" => w("audit-col-with-score"),
        "loading" => w("audit-head-loading"),
        "nominal" => w("audit-col-nominal"),
        "correlation" => w("audit-col-with-score"),
        "importance" => w("audit-col-importance"),
        "flag" => w("audit-col-verdict"),
        "kind" => w("audit-head-kind"),
        "mean_shift" => w("audit-col-mean-shift"),
        "max_shift" => w("audit-col-max-shift"),
        "moved" => w("audit-col-moved"),
        "unranked" => w("audit-head-unranked"),
        "zone_changes" => w("audit-col-zone-changes"),
        "zone_changed" => w("audit-head-zone-changed"),
        other => other.to_string(),
    })
}

/// The audit as a workbook for people: what it flags, then a sheet per table, in the
/// language chosen now.
pub fn workbook(a: &Audit) -> Result<Vec<u8>, String> {
    let names = titles(a);
    let title = |n: &str| names.get(n).map_or(n, |t| *t).to_string();
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["flag"]);
    for f in &a.flags {
        let _ = w.write_record([flag_text(f, &title)]);
    }
    if a.flags.is_empty() {
        let _ = w.write_record([t("audit-no-flags", &[])]);
    }
    let flags = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    let mut sheets = vec![(t("audit-sheet-flags", &[]), flags)];
    for table in Table::ALL {
        let name = match table {
            Table::Statistics => t("audit-sheet-statistics", &[]),
            Table::Correlations => t("audit-sheet-correlations", &[]),
            Table::Blocks => t("audit-blocks", &[]),
            Table::Loadings => t("audit-sheet-loadings", &[]),
            Table::Weights => t("audit-sheet-weights", &[]),
            Table::Drops => t("audit-drops", &[]),
        };
        sheets.push((name, people_csv(a, table)));
    }
    let lang = crate::i18n::lang();
    let head = |h: &str| match h {
        "flag" => Some(t("audit-flags-heading", &[])),
        _ => heading(lang, h),
    };
    super::xlsx::sheets_workbook_headed(&sheets, &head)
}

/// A cell for people: (its column's machine name, its text) to the text people read.
type PeopleCell<'a> = &'a dyn Fn(&str, &str) -> String;

/// One table as CSV, each cell of a column passed through `people` where given.
fn csv_with(a: &Audit, table: Table, people: Option<PeopleCell>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = Vec::new();
    let mut row = |cells: Vec<String>| {
        if head.is_empty() {
            head = cells.clone();
            let _ = w.write_record(cells);
            return;
        }
        match people {
            Some(f) => {
                let cells: Vec<String> = head.iter().zip(&cells).map(|(h, c)| f(h, c)).collect();
                let _ = w.write_record(cells);
            }
            None => {
                let _ = w.write_record(cells);
            }
        }
    };
    match table {
        Table::Statistics => {
            let cols = [
                "n", "coverage", "mean", "sd", "min", "max", "zeros", "skewness", "kurtosis",
                "outlier",
            ];
            let mut head: Vec<String> = ["indicator", "title", "block"].map(String::from).into();
            head.extend(cols.iter().map(|c| c.to_string()));
            head.extend(cols.iter().map(|c| format!("normalized_{c}")));
            head.extend(
                [
                    "outliers",
                    "outliers_points",
                    "treated_skewness",
                    "treated_kurtosis",
                    "treated_outlier",
                ]
                .map(String::from),
            );
            row(head);
            for i in &a.indicators {
                let mut r = vec![
                    i.named.name.clone(),
                    i.named.title.clone(),
                    i.block.clone().unwrap_or_default(),
                ];
                for d in [&i.raw, &i.normalized] {
                    r.extend([
                        d.n.to_string(),
                        fmt_exact(d.coverage),
                        ex(d.mean),
                        ex(d.sd),
                        ex(d.min),
                        ex(d.max),
                        d.zeros.to_string(),
                        ex(d.skewness),
                        ex(d.kurtosis),
                        d.outlier.to_string(),
                    ]);
                }
                match &i.outliers {
                    Some(o) => r.extend([
                        choice_name(&o.choice).to_string(),
                        o.points().to_string(),
                        ex(o.after.skewness),
                        ex(o.after.kurtosis),
                        o.after.outlier.to_string(),
                    ]),
                    None => r.extend([
                        "none".to_string(),
                        "0".into(),
                        "".into(),
                        "".into(),
                        "".into(),
                    ]),
                }
                row(r);
            }
        }
        Table::Correlations => {
            row(["block", "member", "with", "pearson", "spearman"]
                .map(String::from)
                .into());
            for b in &a.blocks {
                let mut put = |x: &str, y: &str, c: &Corr| {
                    row(vec![
                        b.named.name.clone(),
                        x.to_string(),
                        y.to_string(),
                        ex(c.pearson),
                        ex(c.spearman),
                    ])
                };
                let k = b.members.len();
                for i in 0..k {
                    for j in i + 1..k {
                        put(
                            &b.members[i].name,
                            &b.members[j].name,
                            &b.correlations[i][j],
                        );
                    }
                }
                for (x, c) in b.members.iter().zip(&b.with_block) {
                    put(&x.name, &b.named.name, c);
                }
                for (x, c) in b.members.iter().zip(&b.with_score) {
                    put(&x.name, "score", c);
                }
            }
        }
        Table::Blocks => {
            row([
                "block",
                "title",
                "members",
                "alpha",
                "alpha_standardized",
                "pc1_share",
                "pc1_regions",
                "with_parent",
                "with_score",
            ]
            .map(String::from)
            .into());
            for b in &a.blocks {
                let c = b.component.as_ref();
                row(vec![
                    b.named.name.clone(),
                    b.named.title.clone(),
                    b.members.len().to_string(),
                    ex(b.alpha),
                    ex(b.alpha_standardized),
                    ex(c.map(|c| c.share)),
                    c.map(|c| c.n.to_string()).unwrap_or_default(),
                    ex(b.with_parent.and_then(|c| c.pearson)),
                    ex(b.block_with_score.and_then(|c| c.pearson)),
                ]);
            }
        }
        Table::Loadings => {
            row(["block", "member", "loading"].map(String::from).into());
            for b in &a.blocks {
                if let Some(c) = &b.component {
                    for (x, l) in b.members.iter().zip(&c.loadings) {
                        row(vec![b.named.name.clone(), x.name.clone(), fmt_exact(*l)]);
                    }
                }
            }
        }
        Table::Weights => {
            row([
                "indicator",
                "title",
                "nominal",
                "correlation",
                "importance",
                "flag",
            ]
            .map(String::from)
            .into());
            for x in &a.weights {
                row(vec![
                    x.named.name.clone(),
                    x.named.title.clone(),
                    fmt_exact(x.nominal),
                    ex(x.correlation),
                    ex(x.importance),
                    x.flag.unwrap_or("").to_string(),
                ]);
            }
        }
        Table::Drops => {
            row([
                "member",
                "kind",
                "title",
                "block",
                "mean_shift",
                "max_shift",
                "moved",
                "unranked",
                "zone_changes",
                "zone_changed",
            ]
            .map(String::from)
            .into());
            for d in &a.drops {
                row(vec![
                    d.named.name.clone(),
                    d.named.kind.to_string(),
                    d.named.title.clone(),
                    d.block.clone(),
                    fmt_exact(d.mean_shift),
                    fmt_exact(d.max_shift),
                    d.moved.to_string(),
                    d.unranked.join(";"),
                    d.zone_changes.len().to_string(),
                    d.zone_changes
                        .iter()
                        .map(|z| z.key.as_str())
                        .collect::<Vec<_>>()
                        .join(";"),
                ]);
            }
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A figure for people: 3 decimals (a correlation, α, skewness), no `-0`.
pub(crate) fn d3(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    format!("{:.3}", if r == 0.0 { 0.0 } else { r })
}

/// A value for people: four significant digits.
pub(crate) fn sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let digits = (3 - x.abs().log10().floor() as i32).clamp(0, 6) as usize;
    let s = format!("{x:.digits$}");
    match s.contains('.') {
        true => s.trim_end_matches('0').trim_end_matches('.').to_string(),
        false => s,
    }
}

/// A share as a percentage for people: `12.5%`.
pub(crate) fn pct(x: f64) -> String {
    format!("{}%", (x * 1000.0).round() / 10.0)
}

/// An optional figure for people.
fn o(x: Option<f64>, f: fn(f64) -> String) -> String {
    x.map(f).unwrap_or_else(|| "—".into())
}

/// The name of what an outlier rule did, as the statistics' CSV writes it.
pub fn choice_name(c: &crate::stages::outliers::Choice) -> &'static str {
    use crate::stages::outliers::Choice;
    match c {
        Choice::Passed => "passed",
        Choice::Untreated => "untreated",
        Choice::Winsorized { .. } => "winsorized",
        Choice::Log { .. } => "log",
    }
}

/// One flag as a sentence, titles in quotes.
pub fn flag_text(f: &Flag, title: &dyn Fn(&str) -> String) -> String {
    let n = |x: f64| crate::i18n::decimal(d3(x));
    match f {
        Flag::Outlier {
            indicator,
            skewness,
            kurtosis,
            normalized,
        } => t(
            if *normalized {
                "audit-flag-outlier-kept"
            } else {
                "audit-flag-outlier"
            },
            &[
                ("title", title(indicator).into()),
                ("skewness", n(*skewness).into()),
                ("kurtosis", n(*kurtosis).into()),
            ],
        ),
        Flag::Redundant { block, a, b, r } | Flag::Negative { block, a, b, r } => t(
            if matches!(f, Flag::Redundant { .. }) {
                "audit-flag-redundant"
            } else {
                "audit-flag-negative"
            },
            &[
                ("a", title(a).into()),
                ("b", title(b).into()),
                ("block", title(block).into()),
                ("r", n(*r).into()),
            ],
        ),
        Flag::Treated {
            indicator,
            choice,
            skewness,
            kurtosis,
        } => {
            use crate::stages::outliers::Choice;
            let after = |x: Option<f64>| x.map_or_else(|| "—".to_string(), n);
            let mut args: Vec<(&'static str, crate::i18n::Arg)> = vec![
                ("title", title(indicator).into()),
                ("skewness", n(skewness.0).into()),
                ("skewness_after", after(skewness.1).into()),
                ("kurtosis", n(kurtosis.0).into()),
                ("kurtosis_after", after(kurtosis.1).into()),
            ];
            let id = match choice {
                Choice::Winsorized { low, high, .. } => {
                    args.push(("points", (low + high).into()));
                    args.push((
                        "side",
                        match (low, high) {
                            (0, _) => "top",
                            (_, 0) => "bottom",
                            _ => "both",
                        }
                        .into(),
                    ));
                    "audit-flag-winsorized"
                }
                _ => "audit-flag-log",
            };
            t(id, &args)
        }
        Flag::Weak { block, member, r } => t(
            "audit-flag-weak",
            &[
                ("member", title(member).into()),
                ("block", title(block).into()),
                ("r", n(*r).into()),
            ],
        ),
        Flag::Incoherent { block, alpha } => t(
            "audit-flag-incoherent",
            &[("block", title(block).into()), ("alpha", n(*alpha).into())],
        ),
        Flag::Weight {
            indicator,
            nominal,
            importance,
        } => t(
            if importance > nominal {
                "audit-flag-more"
            } else {
                "audit-flag-less"
            },
            &[
                ("title", title(indicator).into()),
                ("importance", crate::i18n::decimal(pct(*importance)).into()),
                ("nominal", crate::i18n::decimal(pct(*nominal)).into()),
            ],
        ),
    }
}

/// A table for people in the format asked: its columns by their catalogue ids, each with
/// whether it holds numbers (right-aligned, the decimal separator of the language).
fn people_table(md: bool, columns: &[(&str, bool)], rows: Vec<Vec<String>>) -> String {
    let header: Vec<String> = columns.iter().map(|(id, _)| t(id, &[])).collect();
    let right: Vec<bool> = columns.iter().map(|(_, r)| *r).collect();
    table_of(md, &header, &right, rows)
}

/// A table for people with its headings as written.
fn table_of(md: bool, header: &[String], right: &[bool], rows: Vec<Vec<String>>) -> String {
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|mut r| {
            localize_numbers(&mut r, right);
            r
        })
        .collect();
    match md {
        true => markdown(&header, &rows, right),
        false => aligned(&header, &rows, right),
    }
}

/// A section's heading.
fn section(md: bool, text: &str) -> String {
    match md {
        true => format!("\n#### {}\n\n", super::ranking::md_escape(text)),
        false => format!("\n{text}\n"),
    }
}

/// The correlations inside a block as a matrix, its members numbered.
fn matrix(md: bool, b: &BlockAudit) -> String {
    let k = b.members.len();
    let mut header = vec![t("audit-col-member", &[])];
    header.extend((1..=k).map(|i| i.to_string()));
    header.push(t("audit-col-with-block", &[]));
    header.push(t("audit-col-with-score", &[]));
    let mut right = vec![true; k + 3];
    right[0] = false;
    let rows = (0..k)
        .map(|i| {
            let mut r = vec![format!("{}. {}", i + 1, b.members[i].title)];
            r.extend((0..k).map(|j| match i == j {
                true => String::new(),
                false => o(b.correlations[i][j].pearson, d3),
            }));
            r.push(o(b.with_block[i].pearson, d3));
            r.push(o(b.with_score[i].pearson, d3));
            r
        })
        .collect();
    table_of(md, &header, &right, rows)
}

/// The caption, the regions left out and the flags.
fn heading_and_flags(a: &Audit, md: bool) -> String {
    let names = titles(a);
    let title = |n: &str| names.get(n).map_or(n, |t| *t).to_string();
    let caption = t(
        "audit-caption",
        &[
            ("title", a.title.clone().into()),
            ("ranked", (a.ranked as f64).into()),
        ],
    );
    let mut out = match md {
        true => format!(
            "### {}\n\n{}\n",
            super::ranking::md_escape(&a.title),
            super::ranking::md_escape(&caption)
        ),
        false => format!("{caption}\n"),
    };
    if !a.left_out.is_empty() {
        let who: Vec<String> = a.left_out.iter().map(|(_, l, _)| l.clone()).collect();
        out.push_str(&t(
            "audit-left-out",
            &[
                ("n", (a.left_out.len() as f64).into()),
                ("regions", who.join(", ").into()),
            ],
        ));
        out.push('\n');
    }
    out.push_str(&section(
        md,
        &t("audit-flags", &[("n", (a.flags.len() as f64).into())]),
    ));
    if a.flags.is_empty() {
        out.push_str(&t("audit-no-flags", &[]));
        out.push('\n');
    }
    for f in &a.flags {
        let bullet = if md { "- " } else { "  ⚠ " };
        out.push_str(&format!("{bullet}{}\n", flag_text(f, &title)));
    }
    out
}

/// Each indicator's statistics, raw and normalized, the flagged figures marked.
fn statistics_table(a: &Audit, md: bool) -> String {
    let mut columns = vec![("audit-col-indicator", false)];
    columns.extend(
        [
            "audit-col-coverage",
            "audit-col-mean",
            "audit-col-sd",
            "audit-col-min",
            "audit-col-max",
            "audit-col-skewness",
            "audit-col-kurtosis",
            "audit-col-normalized-skewness",
            "audit-col-normalized-kurtosis",
        ]
        .map(|id| (id, true)),
    );
    let treated = a.indicators.iter().any(|i| i.outliers.is_some());
    if treated {
        columns.extend(
            ["audit-col-treated-skewness", "audit-col-treated-kurtosis"].map(|id| (id, true)),
        );
    }
    let mark = |d: &crate::audit::stats::Describe, x: Option<f64>| {
        let s = o(x, d3);
        if d.outlier {
            format!("{s}⚠")
        } else {
            s
        }
    };
    let rows = a
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.named.title.clone(),
                pct(i.raw.coverage),
                o(i.raw.mean, sig),
                o(i.raw.sd, sig),
                o(i.raw.min, sig),
                o(i.raw.max, sig),
                mark(&i.raw, i.raw.skewness),
                mark(&i.raw, i.raw.kurtosis),
                mark(&i.normalized, i.normalized.skewness),
                mark(&i.normalized, i.normalized.kurtosis),
            ]
            .into_iter()
            .chain(i.outliers.iter().filter(|_| treated).flat_map(|t| {
                [
                    mark(&t.after, t.after.skewness),
                    mark(&t.after, t.after.kurtosis),
                ]
            }))
            .chain(
                (treated && i.outliers.is_none())
                    .then(|| ["—".to_string(), "—".to_string()])
                    .into_iter()
                    .flatten(),
            )
            .collect()
        })
        .collect();
    people_table(md, &columns, rows)
}

/// Each block's α, first component and correlations with its parent and the score.
fn blocks_table(a: &Audit, md: bool) -> String {
    let mut columns = vec![("audit-col-block", false)];
    columns.extend(
        [
            "audit-col-members",
            "audit-col-alpha",
            "audit-col-alpha-standardized",
            "audit-col-pc1",
            "audit-col-with-parent",
            "audit-col-with-score",
        ]
        .map(|id| (id, true)),
    );
    let rows = a
        .blocks
        .iter()
        .map(|b| {
            vec![
                b.named.title.clone(),
                b.members.len().to_string(),
                o(b.alpha, d3),
                o(b.alpha_standardized, d3),
                o(b.component.as_ref().map(|c| c.share), pct),
                o(b.with_parent.and_then(|c| c.pearson), d3),
                o(b.block_with_score.and_then(|c| c.pearson), d3),
            ]
        })
        .collect();
    people_table(md, &columns, rows)
}

/// Each indicator's nominal share beside its effective weight.
fn weights_table(a: &Audit, md: bool) -> String {
    let columns = [
        ("audit-col-indicator", false),
        ("audit-col-nominal", true),
        ("audit-col-importance", true),
        ("audit-col-with-score", true),
        ("audit-col-verdict", false),
    ];
    let rows = a
        .weights
        .iter()
        .map(|w| {
            vec![
                w.named.title.clone(),
                pct(w.nominal),
                o(w.importance, pct),
                o(w.correlation, d3),
                match w.flag {
                    Some("more") => t("audit-verdict-more", &[]),
                    Some(_) => t("audit-verdict-less", &[]),
                    None => String::new(),
                },
            ]
        })
        .collect();
    people_table(md, &columns, rows)
}

/// The regions whose zone a drop-one run changes: all of four or fewer, else three and
/// how many more.
fn zone_changes(d: &crate::audit::DropAudit) -> String {
    let n = d.zone_changes.len();
    let shown = if n <= 4 { n } else { 3 };
    let first: Vec<&str> = d
        .zone_changes
        .iter()
        .take(shown)
        .map(|z| z.label.as_str())
        .collect();
    match (n, n - shown) {
        (0, _) => "0".to_string(),
        (_, 0) => format!("{n}: {}", first.join(", ")),
        (_, more) => format!(
            "{n}: {}",
            t(
                "audit-and-more",
                &[
                    ("names", first.join(", ").into()),
                    ("n", (more as f64).into())
                ]
            )
        ),
    }
}

/// What leaving out each member does to the ranking.
fn drops_table(a: &Audit, md: bool) -> String {
    let columns = [
        ("audit-col-without", false),
        ("audit-col-mean-shift", true),
        ("audit-col-max-shift", true),
        ("audit-col-moved", true),
        ("audit-col-zone-changes", false),
    ];
    let rows = a
        .drops
        .iter()
        .map(|d| {
            vec![
                d.named.title.clone(),
                d3(d.mean_shift),
                sig(d.max_shift),
                d.moved.to_string(),
                zone_changes(d),
            ]
        })
        .collect();
    people_table(md, &columns, rows)
}

/// The audit as text for people: what it flags first, then each table.
fn people(a: &Audit, md: bool) -> String {
    let mut out = heading_and_flags(a, md);
    out.push_str(&section(md, &t("audit-statistics", &[])));
    out.push_str(&statistics_table(a, md));
    out.push_str(&section(md, &t("audit-blocks", &[])));
    out.push_str(&blocks_table(a, md));
    for b in &a.blocks {
        let block = b.named.title.clone();
        out.push_str(&section(
            md,
            &t("audit-correlations-of", &[("block", block.into())]),
        ));
        out.push_str(&matrix(md, b));
    }
    out.push_str(&section(md, &t("audit-weights", &[])));
    out.push_str(&weights_table(a, md));
    out.push_str(&section(md, &t("audit-drops", &[])));
    out.push_str(&drops_table(a, md));
    out
}

/// The audit in a format (`Csv`: the statistics; [`csv`] writes any table).
pub fn render_audit(a: &Audit, format: Format) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(a).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Csv => csv(a, Table::Statistics),
        Format::Table => people(a, false),
        Format::Markdown => people(a, true),
    }
}
