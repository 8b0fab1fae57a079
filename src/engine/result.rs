//! The collected frame → a [`Ranking`]: plain data for the outputs, no polars types.

use super::lower::*;
use super::RunError;
use crate::builtins::MissingPolicy;
use crate::check::Methodology;
use crate::data::region_name;
use polars::prelude::*;
use serde::Serialize;

/// The result of a run: one row per input region, ranked rows first by place, then the
/// regions that are not ranked, by key.
#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    pub title: String,
    pub version: Option<String>,
    /// (name, title) of each group other than the score, children first.
    pub groups: Vec<(String, String)>,
    /// (name, title) of each indicator.
    pub indicators: Vec<(String, String)>,
    /// (name, title) of each zone.
    pub zones: Vec<(String, String)>,
    /// The tie-breakers as written.
    pub tie_breakers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The place; a fraction only with `ties average`; `None` for regions not ranked.
    pub place: Option<f64>,
    pub key: String,
    pub label: String,
    pub score: Option<f64>,
    pub zone: Option<String>,
    /// Why the region is not ranked.
    pub excluded: Option<String>,
    /// Each group's result, in the order of [`Ranking::groups`].
    pub groups: Vec<Option<f64>>,
    /// The tie-breakers' values.
    pub tie_values: Vec<Option<f64>>,
    /// Each indicator, in the order of [`Ranking::indicators`].
    pub indicators: Vec<IndicatorDetail>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct IndicatorDetail {
    /// The value of the formula.
    pub raw: Option<f64>,
    /// After transforms and the missing-data policy.
    pub value: Option<f64>,
    /// After normalization.
    pub normalized: Option<f64>,
    /// Its part of the score, in points of the score.
    pub contribution: Option<f64>,
    /// Whether the value was missing before the policy filled it.
    pub was_missing: bool,
}

fn f64s(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>, RunError> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

fn strs(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>, RunError> {
    let c = df.column(name)?;
    Ok(c.str()?.iter().map(|s| s.map(|x| x.to_string())).collect())
}

fn bools(df: &DataFrame, name: &str) -> Result<Vec<bool>, RunError> {
    let c = df.column(name)?;
    Ok(c.bool()?.iter().map(|b| b.unwrap_or(false)).collect())
}

pub fn extract(m: &Methodology, df: &DataFrame, detail: bool) -> Result<Ranking, RunError> {
    let n = df.height();
    let keys: Vec<String> = strs(df, KEY)?
        .into_iter()
        .map(|k| k.unwrap_or_default())
        .collect();
    let labels: Vec<String> = strs(df, LABEL)?
        .into_iter()
        .map(|k| k.unwrap_or_default())
        .collect();
    let included = bools(df, IN)?;

    // Missing values under `missing error`: every region and column at once.
    let mut lines = Vec::new();
    for ind in &m.indicators {
        if ind.missing != MissingPolicy::Error {
            continue;
        }
        let flags = bools(df, &miss(&ind.name))?;
        if !flags.iter().zip(&included).any(|(f, i)| *f && *i) {
            continue;
        }
        let raws = f64s(df, &raw(&ind.name))?;
        let mut cols = Vec::new();
        for (input, c) in &ind.columns {
            let name = format!("{}.{}", m.inputs[*input].name, c);
            cols.push((name.clone(), f64s(df, &name)?));
        }
        for r in 0..n {
            if !(flags[r] && included[r]) {
                continue;
            }
            let empty: Vec<&str> = cols
                .iter()
                .filter(|(_, v)| v[r].is_none())
                .map(|(nm, _)| nm.as_str())
                .collect();
            let why = if !empty.is_empty() {
                format!(
                    "no value in {}",
                    empty
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else if raws[r].is_none() {
                "the formula has no value (division by zero, or the logarithm of a number ≤ 0)"
                    .to_string()
            } else {
                format!(
                    "the value {} is outside the domain of its transform",
                    fmt_num(raws[r].unwrap())
                )
            };
            lines.push(format!(
                "region {}, indicator `{}`: {why}",
                region_name(&keys[r], Some(&labels[r])),
                ind.name
            ));
        }
    }
    if !lines.is_empty() {
        return Err(RunError::Values {
            message: format!("{} missing value(s) where the methodology says `missing error`", lines.len()),
            lines,
            help: "fill in the data, or give the indicator a policy: `missing zero`, `missing median`, `missing exclude`, …".into(),
        });
    }

    let place = f64s(df, PLACE)?;
    let score = f64s(df, SCORE)?;
    let zone = strs(df, ZONE)?;
    let reason = strs(df, REASON)?;
    let groups: Vec<usize> = (0..m.groups.len().saturating_sub(1)).collect();
    let gvals: Vec<Vec<Option<f64>>> = groups
        .iter()
        .map(|&g| f64s(df, &grp(&m.groups[g].name)))
        .collect::<Result<_, _>>()?;
    let tvals: Vec<Vec<Option<f64>>> = (0..m.rank.then.len())
        .map(|i| f64s(df, &format!("tb:{i}")))
        .collect::<Result<_, _>>()?;
    let mut details = Vec::new();
    for ind in m.indicators.iter().filter(|_| detail) {
        details.push((
            f64s(df, &raw(&ind.name))?,
            f64s(df, &val(&ind.name))?,
            f64s(df, &norm(&ind.name))?,
            f64s(df, &con(&ind.name))?,
            bools(df, &miss(&ind.name))?,
        ));
    }
    let rows = (0..n)
        .map(|r| Row {
            place: place[r],
            key: keys[r].clone(),
            label: labels[r].clone(),
            score: if reason[r].is_none() { score[r] } else { None },
            zone: zone[r].clone(),
            excluded: reason[r].clone(),
            groups: gvals.iter().map(|v| v[r]).collect(),
            tie_values: tvals.iter().map(|v| v[r]).collect(),
            indicators: details
                .iter()
                .map(|(a, b, c, d, e)| IndicatorDetail {
                    raw: a[r],
                    value: b[r],
                    normalized: c[r],
                    contribution: d[r],
                    was_missing: e[r],
                })
                .collect(),
        })
        .collect();
    Ok(Ranking {
        title: m.title.clone(),
        version: m.version.clone(),
        groups: groups
            .iter()
            .map(|&g| (m.groups[g].name.clone(), m.groups[g].title.clone()))
            .collect(),
        indicators: m
            .indicators
            .iter()
            .map(|i| (i.name.clone(), i.title.clone()))
            .collect(),
        zones: m
            .zones
            .iter()
            .map(|z| (z.name.clone(), z.title.clone()))
            .collect(),
        tie_breakers: m.rank.then_text.clone(),
        rows,
    })
}

/// A number as shown to people: at most 6 decimals, no trailing zeros, no `-0`.
pub fn fmt_num(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}
