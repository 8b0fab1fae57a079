//! The dense evaluator: the [`Stages`] of a regional run computed directly on vectors,
//! one per column, without building a polars plan. For the 85 regions of a ministry's
//! rating, planning a lazy query costs more than the whole computation (several
//! milliseconds against a few hundred microseconds: docs/performance.md); large runs keep
//! the polars plan, which streams, frees columns early and uses every core.
//!
//! It is a second lowering of the same stages, not a second meaning: each step mirrors
//! its polars lowering (`engine::plan`, `engine::lower`, `engine::udf`), and the
//! statistics are polars' own kernels (`stats`), so that both give the same frame to the
//! last bit — which `tests/it/engine.rs` checks for every methodology of the corpus.
//! The frame it returns has the columns, names and order of the plan's, so the results
//! are read by the same code.

mod columns;
mod expr;
mod replicate;
mod stats;
mod steps;

pub use replicate::Values;
pub(super) use replicate::{
    nominal_steps, replicate, values, without, Nominal, NominalSteps, Outcome3,
};

use super::frame::LoadedInputs;
use super::lower::*;
use super::RunError;
use crate::builtins::{MissingPolicy, Outliers, TieMethod};
use crate::check::Methodology;
use crate::stages::{Stages, Take};
use crate::syntax::ast::Order;
use columns::Columns;
use expr::{at, finite, holds, tot_cmp, Nums, Scope};
use foldhash::HashMap;
use polars::prelude::*;
use std::cmp::Ordering;
use std::time::Instant;
use steps::GroupColumns;

/// Noise on raw values: (indicator, a factor per region).
pub(super) type Noise = [(usize, Vec<f64>)];

/// The run's columns, by the names the polars plan gives them.
pub(crate) struct Frame<'m> {
    m: &'m Methodology,
    /// The number of regions.
    n: usize,
    /// Numeric columns.
    nums: Columns,
    /// Flags that are never missing (`__in`, `miss:…`).
    flags: HashMap<String, Vec<bool>>,
    /// Whether each region is left in by the exclusion rules.
    included: Vec<bool>,
    /// Whether statistics over the ranked regions leave any out (some rule excludes).
    filter: bool,
    /// The text columns of `by` groups, by their names (`GroupBy::frame_name`).
    texts: Texts,
}

/// The text columns of `by` groups, shared by every frame of a run.
pub(super) type Texts = std::sync::Arc<Vec<(String, Vec<Option<String>>)>>;

impl Frame<'_> {
    /// A numeric column (every name asked for was computed before: a stage's order).
    fn num(&self, name: &str) -> Nums {
        // (a column of one value stands for that value in every row)
        self.nums
            .get(name)
            .cloned()
            .unwrap_or_else(|| vec![None; self.n])
    }
}

/// Run the stages of `m` over the loaded inputs: the frame the polars plan would collect
/// (the same columns, in the same order of rows), and, with `profile`, the time of each
/// stage.
pub(super) fn collect(
    m: &Methodology,
    inputs: &LoadedInputs,
    detail: bool,
    profile: bool,
) -> Result<(DataFrame, Vec<String>), RunError> {
    let mut times: Vec<(&str, f64)> = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, times: &mut Vec<(&str, f64)>| {
        if profile {
            times.push((name, clock.elapsed().as_secs_f64() * 1000.0));
            clock = Instant::now();
        }
    };
    let p = prepare(m, inputs)?;
    lap("exclusions and raw values", &mut times);
    let st = Stages::of(m);
    let mut f = p.frame(m);
    // Stages 3 and 4.
    f.indicator_steps(None);
    lap("indicator steps", &mut times);
    for level in &st.group_levels {
        for &g in level {
            f.group(&m.groups[g], &GroupColumns::of(m, &m.groups[g]), detail);
        }
    }
    if detail {
        f.contributions(&st.group_levels);
    }
    lap("groups", &mut times);
    let (perm, reason, zone) = ranking(&st, &mut f, p.reason.clone(), &p.key_rank);
    lap("order, places and zones", &mut times);

    let idx = IdxCa::from_vec(
        PlSmallStr::EMPTY,
        perm.iter().map(|&i| i as IdxSize).collect(),
    );
    let zone = zone
        .iter()
        .map(|z| z.map(|k| st.zones[k].name.to_string()))
        .collect();
    let out = frame(&f, &inputs.frame, &idx, reason, zone, detail)?;
    lap("frame", &mut times);
    let lines = times
        .iter()
        .map(|(name, ms)| format!("[profile] {ms:>8.3} ms  {name} (dense evaluator)"))
        .collect();
    Ok((out, lines))
}

/// Stages 1 and 2 of a run — the exclusions and every indicator's raw value — with the
/// input columns: what the replications of `metodika uncertainty` share.
pub(super) struct Prepared {
    n: usize,
    nums: Columns,
    included: Vec<bool>,
    reason: Vec<Option<String>>,
    /// The regions' keys, in the loaded frame's order.
    pub keys: Vec<String>,
    /// Each region's key's place among the keys in their order (the last tie-breaker of
    /// the order, compared as a number rather than as text in every comparison).
    key_rank: Vec<u32>,
    filter: bool,
    texts: Texts,
}

impl Prepared {
    /// Why each region is excluded by a rule, in the loaded order.
    pub(super) fn reasons(&self) -> &[Option<String>] {
        &self.reason
    }

    /// Each region's key's place among the keys, in the loaded order.
    pub(super) fn key_ranks(&self) -> &[u32] {
        &self.key_rank
    }

    /// Keep only the columns a replication reads after stage 2: the raw values, and the
    /// inputs and aggregates the tie-breakers and zone rules refer to.
    pub(super) fn prune(&mut self, m: &Methodology) {
        use crate::check::IrExpr as E;
        let mut keep: Vec<String> = m.indicators.iter().map(|i| raw(&i.name)).collect();
        let mut refs = |e: &E| {
            e.visit(&mut |x| match x {
                E::Column { input, column } => {
                    keep.push(format!("{}.{}", m.inputs[*input].name, column))
                }
                E::Record(i) => keep.push(record(*i)),
                _ => {}
            })
        };
        for (e, _) in &m.rank.then {
            refs(e);
        }
        for z in &m.zones {
            if let crate::check::ZoneRule::When(e) = &z.rule {
                refs(e);
            }
        }
        self.nums.retain(|k| keep.iter().any(|c| c == k));
    }

    /// A frame of `m` (the methodology prepared, or a replication of it) from here.
    fn frame<'m>(&self, m: &'m Methodology) -> Frame<'m> {
        self.frame_with(m, self.nums.clone())
    }

    /// A frame of `m` from here, with `nums` for its columns (the nominal steps').
    fn frame_with<'m>(&self, m: &'m Methodology, nums: Columns) -> Frame<'m> {
        Frame {
            m,
            n: self.n,
            nums,
            flags: HashMap::default(),
            included: self.included.clone(),
            filter: self.filter,
            texts: self.texts.clone(),
        }
    }
}

/// Stages 1 and 2 over the loaded inputs.
pub(super) fn prepare(m: &Methodology, inputs: &LoadedInputs) -> Result<Prepared, RunError> {
    let st = Stages::of(m);
    let df = &inputs.frame;
    let n = df.height();
    let mut f = Frame {
        m,
        n,
        nums: Columns::default(),
        flags: HashMap::default(),
        included: vec![true; n],
        filter: !m.exclusions.is_empty(),
        texts: Default::default(),
    };
    let mut texts = Vec::new();
    for c in df.columns() {
        let name = c.name().as_str();
        if name.starts_with(crate::builtins::GroupBy::FRAME_PREFIX) {
            let v = c.str()?.iter().map(|s| s.map(String::from)).collect();
            texts.push((name.to_string(), v));
        } else if name != KEY && name != LABEL {
            let v = c.cast(&DataType::Float64)?;
            f.nums.insert(name, v.f64()?.iter().collect());
        }
    }
    // Stage 1: the first rule that holds gives the reason.
    let mut reason: Vec<Option<String>> = vec![None; n];
    let conditions: Vec<Vec<Option<bool>>> = st
        .exclusions
        .iter()
        .map(|x| f.eval(&x.condition, Scope::All).flags())
        .collect();
    for (i, r) in reason.iter_mut().enumerate() {
        *r = st
            .exclusions
            .iter()
            .zip(&conditions)
            .find(|(_, c)| holds(at(c, i)))
            .map(|(x, _)| x.reason.clone());
    }
    f.included = reason.iter().map(Option::is_none).collect();
    f.texts = std::sync::Arc::new(texts);

    // Stage 2: raw values, level by level.
    for level in &st.raw_levels {
        let values: Vec<(String, Nums)> = level
            .iter()
            .map(|&i| {
                let ind = &m.indicators[i];
                // (one value for all — a constant formula — stays one, as in polars)
                let v = f.eval(&ind.value, Scope::Ranked).nums();
                // input columns are numbers, finite since they were read
                let v = match ind.value {
                    crate::check::IrExpr::Column { .. } => v,
                    _ => v.into_iter().map(finite).collect(),
                };
                (raw(&ind.name), v)
            })
            .collect();
        f.nums.extend(values);
    }
    let keys: Vec<String> = df
        .column(KEY)?
        .str()?
        .iter()
        .map(|k| k.unwrap_or("").to_string())
        .collect();
    Ok(Prepared {
        n,
        nums: f.nums,
        included: f.included,
        reason,
        key_rank: key_ranks(&keys),
        keys,
        filter: !m.exclusions.is_empty(),
        texts: f.texts,
    })
}

impl Frame<'_> {
    /// Each listed indicator's raw values times its factors, region by region.
    fn add_noise(&mut self, noise: &[(usize, Vec<f64>)]) {
        for (i, factors) in noise {
            if let Some(v) = self.nums.get_mut(&raw(&self.m.indicators[*i].name)) {
                let full = expr::full(v, self.n);
                *v = full
                    .iter()
                    .zip(factors)
                    .map(|(x, k)| x.map(|x| x * k))
                    .collect();
            }
        }
    }
}

/// Stages 5 and 6 over a frame whose groups are computed, its rows as they are: the
/// score (a region without one is not ranked) and the tie-breakers go into the frame;
/// the order (as indices of the rows), which rows are ranked, and the reasons.
fn scored(
    st: &Stages,
    f: &mut Frame,
    mut reason: Vec<Option<String>>,
    keys: &[u32],
) -> (Vec<usize>, Vec<bool>, Vec<Option<String>>) {
    let m = f.m;
    let n = f.n;
    // Stage 5: the score; a region without one is not ranked.
    let mut score = f.num(&grp(&m.groups[st.score.group].name));
    if let Some(d) = st.score.round {
        score = stats::round(&score, d);
    }
    for (r, s) in reason.iter_mut().zip(&score) {
        if r.is_none() && s.is_none() {
            *r = Some("no indicator has a value for this region".into());
        }
    }
    f.nums.insert(SCORE, score);
    let ranked: Vec<bool> = reason.iter().map(Option::is_none).collect();

    // Stage 6: the tie-breakers, then the order.
    let tbs: Vec<Nums> = st
        .order
        .tie_breakers
        .iter()
        .map(|(e, _)| {
            let v = f.eval(e, Scope::Ranked).nums();
            (0..n).map(|r| finite(at(&v, r))).collect()
        })
        .collect();
    let perm = order(st, &f.nums[SCORE], &tbs, &ranked, keys);
    for (i, t) in tbs.into_iter().enumerate() {
        f.nums.insert(format!("tb:{i}"), t);
    }
    (perm, ranked, reason)
}

/// Stages 5 to 7 over a frame whose groups are computed: the score, the order, the
/// places and zones; the frame's rows are put in that order (as in the plan, which sorts
/// before places and zones). The order (as indices of the rows before), the reasons and
/// the zones (each the index of a zone of the methodology).
fn ranking(
    st: &Stages,
    f: &mut Frame,
    reason: Vec<Option<String>>,
    keys: &[u32],
) -> (Vec<usize>, Vec<Option<String>>, Vec<Option<usize>>) {
    let n = f.n;
    let (perm, ranked, reason) = scored(st, f, reason, keys);
    f.nums.reorder(n, &perm);
    for v in f.flags.values_mut() {
        *v = perm.iter().map(|&i| v[i]).collect();
    }
    f.included = perm.iter().map(|&i| f.included[i]).collect();
    let reason: Vec<Option<String>> = perm.iter().map(|&i| reason[i].clone()).collect();
    let ranked: Vec<bool> = perm.iter().map(|&i| ranked[i]).collect();
    let place = places(st, f, &ranked);
    f.nums.insert(PLACE, place);
    let zone = zones(st, f, &ranked);
    (perm, reason, zone)
}

/// Each key's place among the keys in their order (unique keys: a permutation).
fn key_ranks(keys: &[String]) -> Vec<u32> {
    let mut by: Vec<usize> = (0..keys.len()).collect();
    by.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut rank = vec![0u32; keys.len()];
    for (r, &i) in by.iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

/// Stage 6, the order: ranked regions by score (higher first), each tie-breaker in its
/// direction, then by key; missing values after the others; regions not ranked last.
fn order(st: &Stages, score: &Nums, tbs: &[Nums], ranked: &[bool], keys: &[u32]) -> Vec<usize> {
    let masked = |v: &Nums, i: usize| if ranked[i] { v[i] } else { None };
    let score: Nums = (0..score.len()).map(|i| masked(score, i)).collect();
    // nulls last whatever the direction
    let by = |a: Option<f64>, b: Option<f64>, desc: bool| match (a, b) {
        (None, None) => Ordering::Equal,
        (None, _) => Ordering::Greater,
        (_, None) => Ordering::Less,
        (Some(x), Some(y)) if desc => tot_cmp(y, x),
        (Some(x), Some(y)) => tot_cmp(x, y),
    };
    // The score packed into a number whose order is the order wanted (higher first, none
    // last), and the key's place among the keys: the sort compares numbers, and reads the
    // tie-breakers only where the score is equal (the keys are unique: the order is total,
    // and an unstable sort gives it).
    let packed = |x: Option<f64>| match x {
        None => u64::MAX,
        Some(v) => {
            // (polars' order: -0 equal to 0)
            let b = (v + 0.0).to_bits();
            let ascending = if b >> 63 == 1 { !b } else { b | 1 << 63 };
            !ascending
        }
    };
    let mut items: Vec<(u64, u32, u32)> = (0..score.len())
        .map(|i| (packed(score[i]), keys[i], i as u32))
        .collect();
    if st.order.tie_breakers.is_empty() {
        items.sort_unstable();
    } else {
        items.sort_unstable_by(|x, y| {
            let (a, b) = (x.2 as usize, y.2 as usize);
            x.0.cmp(&y.0)
                .then_with(|| {
                    st.order
                        .tie_breakers
                        .iter()
                        .zip(tbs)
                        .map(|((_, o), t)| by(masked(t, a), masked(t, b), *o == Order::Desc))
                        .find(|o| o.is_ne())
                        .unwrap_or(Ordering::Equal)
                })
                .then(x.1.cmp(&y.1))
        });
    }
    items.into_iter().map(|(_, _, i)| i as usize).collect()
}

/// Stage 6, the places, over rows in order: blocks of regions equal on the score and
/// every tie-breaker, placed by the tie method.
fn places(st: &Stages, f: &Frame, ranked: &[bool]) -> Nums {
    let score = &f.nums[SCORE];
    let tbs: Vec<&Nums> = (0..st.order.tie_breakers.len())
        .map(|i| &f.nums[&format!("tb:{i}")])
        .collect();
    let differs = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (None, None) => false,
        (Some(x), Some(y)) => tot_cmp(x, y) != Ordering::Equal,
        _ => true,
    };
    let n = f.n;
    let mut pos = vec![0i64; n];
    let mut block = vec![-1i64; n];
    let mut new = vec![false; n];
    let (mut p, mut b) = (0i64, 0i64);
    for r in 0..n {
        p += i64::from(ranked[r]);
        pos[r] = p;
        let prev = |v: &Nums| if r == 0 { None } else { v[r - 1] };
        new[r] =
            differs(score[r], prev(score)) || tbs.iter().any(|t| differs(t[r], prev(t))) || p == 1;
        if ranked[r] {
            b += i64::from(new[r]);
            block[r] = b;
        }
    }
    let place: Vec<f64> = match st.order.ties {
        TieMethod::Dense => block.iter().map(|&b| b as f64).collect(),
        TieMethod::Ordinal => pos.iter().map(|&p| p as f64).collect(),
        TieMethod::Competition => {
            let mut best = i64::MIN;
            (0..n)
                .map(|r| {
                    best = best.max(if new[r] { pos[r] } else { 0 });
                    best as f64
                })
                .collect()
        }
        TieMethod::Average => {
            let mut sums: HashMap<i64, (i64, usize)> = HashMap::default();
            for r in 0..n {
                let e = sums.entry(block[r]).or_insert((0, 0));
                e.0 += pos[r];
                e.1 += 1;
            }
            (0..n)
                .map(|r| {
                    let (s, c) = sums[&block[r]];
                    s as f64 / c as f64
                })
                .collect()
        }
    };
    (0..n).map(|r| ranked[r].then_some(place[r])).collect()
}

/// Stage 7, over rows in order: each ranked region's zone, the first that takes it (its
/// index among the methodology's zones).
fn zones(st: &Stages, f: &Frame, ranked: &[bool]) -> Vec<Option<usize>> {
    let place = &f.nums[PLACE];
    let conditions: Vec<Option<Vec<Option<bool>>>> = st
        .zones
        .iter()
        .map(|z| match z.take {
            Take::When(e) => Some(f.eval(e, Scope::Ranked).flags()),
            _ => None,
        })
        .collect();
    (0..f.n)
        .map(|r| {
            if !ranked[r] {
                return None;
            }
            for (k, (z, c)) in st.zones.iter().zip(&conditions).enumerate() {
                let takes = match (&z.take, c) {
                    (Take::When(_), Some(c)) => holds(at(c, r)),
                    (Take::Places { after, upto }, _) => {
                        place[r].is_some_and(|p| p > *after as f64 && p <= *upto as f64)
                    }
                    (Take::Rest, _) => true,
                    _ => false,
                };
                if takes {
                    return Some(k);
                }
            }
            None
        })
        .collect()
}

/// The frame of the plan's `keep`: the same columns, in the same order.
fn frame(
    f: &Frame,
    df: &DataFrame,
    idx: &IdxCa,
    reason: Vec<Option<String>>,
    zone: Vec<Option<String>>,
    detail: bool,
) -> Result<DataFrame, RunError> {
    let m = f.m;
    let num = |name: &str| Column::new(name.into(), expr::full(&f.num(name), f.n));
    let flag = |name: &str| Column::new(name.into(), f.flags[name].clone());
    let mut cols = vec![
        df.column(KEY)?.take(idx)?,
        df.column(LABEL)?.take(idx)?,
        Column::new(REASON.into(), reason),
        Column::new(IN.into(), f.included.clone()),
        num(SCORE),
        num(PLACE),
        Column::new(ZONE.into(), zone),
    ];
    for g in &m.groups {
        cols.push(num(&grp(&g.name)));
    }
    if detail {
        for g in &m.groups[..m.score_index()] {
            cols.push(num(&gcon(&g.name)));
        }
    }
    for i in 0..m.rank.then.len() {
        cols.push(num(&format!("tb:{i}")));
    }
    for ind in m.indicators.iter().filter(|i| i.missing.by().is_some()) {
        cols.push(num(&fallback_col(&ind.name)));
    }
    if !detail {
        let errors: Vec<&Vec<bool>> = m
            .indicators
            .iter()
            .filter(|ind| ind.missing == MissingPolicy::Error)
            .map(|ind| &f.flags[&miss(&ind.name)])
            .collect();
        let any: Vec<bool> = (0..f.n)
            .map(|r| f.included[r] && errors.iter().any(|e| e[r]))
            .collect();
        cols.push(Column::new(MISSING_ERROR.into(), any));
    }
    let mut input_cols: Vec<String> = Vec::new();
    for ind in &m.indicators {
        if !detail {
            continue;
        }
        for c in [
            raw(&ind.name),
            val(&ind.name),
            norm(&ind.name),
            con(&ind.name),
        ] {
            cols.push(num(&c));
        }
        cols.push(flag(&miss(&ind.name)));
        if ind.outliers != Outliers::None {
            cols.push(num(&mark(&ind.name)));
        }
        if ind.missing == MissingPolicy::Error {
            for (i, c) in &ind.columns {
                let name = format!("{}.{}", m.inputs[*i].name, c);
                if !input_cols.contains(&name) {
                    input_cols.push(name);
                }
            }
        }
    }
    for c in &input_cols {
        cols.push(num(c));
    }
    // each aggregate over records with its counts, for explanations
    if detail {
        for i in 0..m.record_aggs.len() {
            for c in [record(i), record_kept(i), record_total(i)] {
                cols.push(num(&c));
            }
        }
    }
    Ok(DataFrame::new(f.n, cols)?)
}
