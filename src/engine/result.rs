//! The collected frame → a [`Ranking`]: plain data for the outputs, no polars types.

use super::lower::*;
use super::missing::bools;
use super::RunError;
use crate::check::Methodology;
use polars::prelude::*;
use polars_arrow::array::{Array, PrimitiveArray};
use serde::Serialize;

/// The result of a run: one row per input region, ranked rows first by place, then the
/// regions that are not ranked, by key.
#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    /// The methodology's title.
    pub title: String,
    /// The methodology's version, when it has one.
    pub version: Option<String>,
    /// (name, title) of each group other than the score, children first.
    pub groups: Vec<(String, String)>,
    /// (name, title) of each indicator.
    pub indicators: Vec<(String, String)>,
    /// (name, title) of each zone.
    pub zones: Vec<(String, String)>,
    /// The tie-breakers as written.
    pub tie_breakers: Vec<String>,
    /// Every region of the inputs, ranked ones first by place, then the others by key.
    pub rows: Vec<Row>,
    /// What the reading of the inputs assumed and the user should know (an encoding
    /// told from the text), one line each, naming the input.
    #[serde(skip)]
    pub notes: Vec<crate::notes::Note>,
    /// `rank { round N }`: the decimals the score is compared at, which the table shows.
    #[serde(skip)]
    pub score_decimals: Option<u32>,
    /// With `RunOptions::profile`: the time of each node of the plan, one line each.
    #[serde(skip)]
    pub profile: Vec<String>,
}

impl Ranking {
    /// The ranking of `m` without rows: its titles, groups, indicators, zones and
    /// tie-breakers.
    pub fn of(m: &Methodology) -> Ranking {
        Ranking {
            title: m.title.clone(),
            version: m.version.clone(),
            groups: (0..m.score_index())
                .map(|g| (m.groups[g].name.clone(), m.groups[g].title.clone()))
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
            rows: Vec::new(),
            notes: Vec::new(),
            score_decimals: m.rank.round,
            profile: Vec::new(),
        }
    }
}

/// One region's result.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The place; a fraction only with `ties average`; `None` for regions not ranked.
    pub place: Option<f64>,
    /// The region's key.
    pub key: String,
    /// The region's name (the label column), empty without one.
    pub label: String,
    /// The score, rounded as `rank { round N }` says; `None` for a region not ranked.
    pub score: Option<f64>,
    /// The zone's name; `None` for a region not ranked or without zones.
    pub zone: Option<String>,
    /// Why the region is not ranked.
    pub excluded: Option<String>,
    /// Each group's result, in the order of [`Ranking::groups`].
    pub groups: Vec<Option<f64>>,
    /// The tie-breakers' values.
    pub tie_values: Vec<Option<f64>>,
    /// Each group's part of the score, in points of the score, in the order of
    /// [`Ranking::groups`] (with `detail` only; empty without).
    #[serde(skip)]
    pub group_contributions: Vec<Option<f64>>,
    /// Each indicator, in the order of [`Ranking::indicators`].
    pub indicators: Vec<IndicatorDetail>,
    /// Each aggregate over records (`Methodology::record_aggs`), with `detail` only.
    #[serde(skip)]
    pub aggregates: Vec<AggregateDetail>,
}

/// An aggregate over records for one region: its value and how many records it took.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct AggregateDetail {
    /// Its value.
    pub value: Option<f64>,
    /// The records its `where` kept (for an aggregate of values, the values present
    /// among them).
    pub kept: f64,
    /// All the region's records in the input (within the period).
    pub total: f64,
}

/// One indicator's steps for one region.
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
    /// What the outlier rule did with the value: 0 nothing, 1 winsorized (replaced by
    /// the bound), 2 the logarithm of the rule.
    #[serde(skip_serializing_if = "is_zero")]
    pub outlier: u8,
}

fn is_zero(x: &u8) -> bool {
    *x == 0
}

/// A run's result as columns, straight from the collected frame: the large outputs are
/// written from it row by row, without a [`Row`] for each region.
pub struct Columns {
    /// Titles, groups, indicators, zones; `rows` is empty.
    pub meta: Ranking,
    n: usize,
    key: StringChunked,
    label: StringChunked,
    zone: StringChunked,
    reason: StringChunked,
    /// Whether each region is ranked (no reason), read once for every cell that asks.
    ranked: Vec<bool>,
    /// Numbers, the collected frame's buffers shared.
    place: Nums,
    score: Nums,
    groups: Vec<Nums>,
    /// Each group's contribution (with `detail` only).
    group_cons: Vec<Nums>,
    ties: Vec<Nums>,
    /// Each indicator's raw, value, normalized, contribution (with `detail` only).
    steps: Vec<[Nums; 4]>,
    /// Each aggregate over records: value, records kept, records (with `detail` only).
    aggs: Vec<[Nums; 3]>,
    was_missing: Vec<Vec<bool>>,
    /// Each indicator's outlier marks (none without a rule; with `detail` only).
    marks: Vec<Option<Nums>>,
}

/// Which step of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The value of the formula.
    Raw,
    /// After transforms and the missing-data policy.
    Value,
    /// After normalization.
    Normalized,
    /// Its part of the score.
    Contribution,
}

/// A column of numbers from the collected frame, its buffer shared (no copy).
struct Nums(PrimitiveArray<f64>);

impl Nums {
    /// The value at row `r`; `None` where missing (or NaN, never a value).
    fn at(&self, r: usize) -> Option<f64> {
        (self.0.is_valid(r) && !self.0.value(r).is_nan()).then(|| self.0.value(r))
    }
}

fn nums(df: &DataFrame, name: &str) -> Result<Nums, RunError> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    let ca = c.f64()?.rechunk();
    let arr = ca
        .downcast_iter()
        .next()
        .cloned()
        .unwrap_or_else(|| polars_arrow::array::PrimitiveArray::from_vec(Vec::new()));
    Ok(Nums(arr))
}

fn texts(df: &DataFrame, name: &str) -> Result<StringChunked, RunError> {
    Ok(df.column(name)?.str()?.rechunk().into_owned())
}

impl Columns {
    /// The result of a frame without missing values under `missing error`.
    pub fn new(m: &Methodology, df: &DataFrame, detail: bool) -> Result<Columns, RunError> {
        let groups: Vec<usize> = (0..m.score_index()).collect();
        let mut steps = Vec::new();
        let mut was_missing = Vec::new();
        let mut marks = Vec::new();
        for ind in m.indicators.iter().filter(|_| detail) {
            steps.push([
                nums(df, &raw(&ind.name))?,
                nums(df, &val(&ind.name))?,
                nums(df, &norm(&ind.name))?,
                nums(df, &con(&ind.name))?,
            ]);
            was_missing.push(bools(df, &miss(&ind.name))?);
            marks.push(match ind.outliers {
                crate::builtins::Outliers::None => None,
                _ => Some(nums(df, &mark(&ind.name))?),
            });
        }
        let reason = texts(df, REASON)?;
        let aggs = (0..m.record_aggs.len())
            .filter(|_| detail)
            .map(|i| {
                Ok([
                    nums(df, &record(i))?,
                    nums(df, &record_kept(i))?,
                    nums(df, &record_total(i))?,
                ])
            })
            .collect::<Result<_, RunError>>()?;
        Ok(Columns {
            meta: Ranking {
                groups: groups
                    .iter()
                    .map(|&g| (m.groups[g].name.clone(), m.groups[g].title.clone()))
                    .collect(),
                ..Ranking::of(m)
            },
            n: df.height(),
            key: texts(df, KEY)?,
            label: texts(df, LABEL)?,
            zone: texts(df, ZONE)?,
            ranked: reason.iter().map(|r| r.is_none()).collect(),
            reason,
            place: nums(df, PLACE)?,
            score: nums(df, SCORE)?,
            groups: groups
                .iter()
                .map(|&g| nums(df, &grp(&m.groups[g].name)))
                .collect::<Result<_, _>>()?,
            group_cons: groups
                .iter()
                .filter(|_| detail)
                .map(|&g| nums(df, &gcon(&m.groups[g].name)))
                .collect::<Result<_, _>>()?,
            ties: (0..m.rank.then.len())
                .map(|i| nums(df, &format!("tb:{i}")))
                .collect::<Result<_, _>>()?,
            steps,
            was_missing,
            marks,
            aggs,
        })
    }

    /// The number of regions.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether there are no regions.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The place of region `r` (`None` when not ranked).
    pub fn place(&self, r: usize) -> Option<f64> {
        self.place.at(r)
    }

    /// The key of region `r`.
    pub fn key(&self, r: usize) -> &str {
        self.key.get(r).unwrap_or("")
    }

    /// The label of region `r` (empty without one).
    pub fn label(&self, r: usize) -> &str {
        self.label.get(r).unwrap_or("")
    }

    /// The score of a ranked region.
    pub fn score(&self, r: usize) -> Option<f64> {
        self.score.at(r).filter(|_| self.ranked(r))
    }

    /// The zone of region `r` (`None` when not ranked or without zones).
    pub fn zone(&self, r: usize) -> Option<&str> {
        self.zone.get(r)
    }

    /// Why the region is not ranked.
    pub fn excluded(&self, r: usize) -> Option<&str> {
        self.reason.get(r)
    }

    /// Whether region `r` is ranked: what is computed over the ranked regions has a value
    /// only for them. An excluded region keeps its indicators' raw values (what its data
    /// give, which show why it is excluded), and nothing after them.
    fn ranked(&self, r: usize) -> bool {
        self.ranked[r]
    }

    /// The result of group `g` (in the order of the groups of [`Ranking`]); `None` for a
    /// region not ranked.
    pub fn group(&self, r: usize, g: usize) -> Option<f64> {
        self.groups[g].at(r).filter(|_| self.ranked(r))
    }

    /// The contribution of group `g` to the score (with `detail`); `None` for a region not
    /// ranked.
    pub fn group_contribution(&self, r: usize, g: usize) -> Option<f64> {
        self.group_cons.get(g)?.at(r).filter(|_| self.ranked(r))
    }

    /// The value of tie-breaker `t`; `None` for a region not ranked.
    pub fn tie_value(&self, r: usize, t: usize) -> Option<f64> {
        self.ties[t].at(r).filter(|_| self.ranked(r))
    }

    /// A step of indicator `i` (`None` without `detail`); only the raw value for a region
    /// not ranked.
    pub fn step(&self, r: usize, i: usize, step: Step) -> Option<f64> {
        let s = self.steps.get(i)?;
        let v = match step {
            Step::Raw => return s[0].at(r),
            Step::Value => &s[1],
            Step::Normalized => &s[2],
            Step::Contribution => &s[3],
        };
        v.at(r).filter(|_| self.ranked(r))
    }

    /// The ranking as rows.
    pub fn into_ranking(self) -> Ranking {
        let rows = (0..self.n)
            .map(|r| Row {
                place: self.place(r),
                key: self.key(r).to_string(),
                label: self.label(r).to_string(),
                score: self.score(r),
                zone: self.zone(r).map(String::from),
                excluded: self.excluded(r).map(String::from),
                groups: (0..self.groups.len()).map(|g| self.group(r, g)).collect(),
                tie_values: (0..self.ties.len()).map(|t| self.tie_value(r, t)).collect(),
                group_contributions: (0..self.group_cons.len())
                    .map(|g| self.group_contribution(r, g))
                    .collect(),
                indicators: (0..self.steps.len())
                    .map(|i| IndicatorDetail {
                        raw: self.step(r, i, Step::Raw),
                        value: self.step(r, i, Step::Value),
                        normalized: self.step(r, i, Step::Normalized),
                        contribution: self.step(r, i, Step::Contribution),
                        was_missing: self.was_missing[i][r],
                        outlier: self.marks[i]
                            .as_ref()
                            .and_then(|k| k.at(r))
                            .map_or(0, |k| k as u8),
                    })
                    .collect(),
                aggregates: self
                    .aggs
                    .iter()
                    .map(|[v, k, t]| AggregateDetail {
                        value: v.at(r),
                        kept: k.at(r).unwrap_or(0.0),
                        total: t.at(r).unwrap_or(0.0),
                    })
                    .collect(),
            })
            .collect();
        Ranking { rows, ..self.meta }
    }
}

/// The ranking from a collected frame without missing values under `missing error`.
pub fn extract(m: &Methodology, df: &DataFrame, detail: bool) -> Result<Ranking, RunError> {
    Ok(Columns::new(m, df, detail)?.into_ranking())
}
