//! `metodika uncertainty`: the methodology run again and again with the choices of its
//! `uncertainty` block drawn anew — weights, normalizations, aggregations, missing-data
//! policies, noise on raw values — and each region's places and scores over the
//! replications.
//!
//! A replication is a methodology: [`variant`] writes the drawn choices into a copy of
//! the checked methodology, and the dense evaluator runs it over inputs read once — the
//! same stages as `run`, not a third meaning. Replication `r` draws from its own stream
//! (the seed and `r`), so the result is the same for a seed whatever the order or the
//! thread the replications run on.

use super::dense;
use super::frame::load;
use super::lower::LABEL;
use super::RunError;
use crate::builtins::MissingPolicy;
use crate::check::ir::{Methodology, NodeRef, UncertaintyDef, WeightScheme};
use crate::paths::RunOptions;
use crate::sensitivity::Draws;
use rayon::prelude::*;
use std::collections::HashMap;

/// The methodology of replication `r` (its drawn weights, normalizations, aggregations and
/// missing-data policies written in), and the noise on raw values: (indicator, a factor
/// per region) for `regions` regions.
pub fn variant(
    m: &Methodology,
    u: &UncertaintyDef,
    seed: u64,
    r: u64,
    regions: usize,
) -> (Methodology, Vec<(usize, Vec<f64>)>) {
    let mut v = m.clone();
    v.uncertainty = None;
    let noise = draw_into(&mut v, m, u, seed, r, regions);
    (v, noise)
}

/// One uncertain choice of the block: a factor of the analysis, drawn by one uniform
/// value in [0, 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Factor {
    /// `weights +-p`: the value seeds the draw of every member's factor.
    Weights,
    /// `weight name lo..hi` (its place in the block's ranges): lo + value · (hi − lo).
    Weight(usize),
    /// `normalize …` (its place among them): the nominal or an alternative, by value.
    Normalize(usize),
    /// `aggregate …`.
    Aggregate(usize),
    /// `missing …`.
    Missing(usize),
    /// `noise …`: the value seeds each region's factor.
    Noise(usize),
}

/// The factors of an uncertainty block, in the order written by kind, with their names
/// (`weights`, `weight answered_on_time`, `normalize response_days`, …).
pub fn factors(m: &Methodology, u: &UncertaintyDef) -> Vec<(Factor, String)> {
    let member = |g: usize, k: usize| match m.groups[g].members[k].node {
        NodeRef::Indicator(i) => m.indicators[i].name.clone(),
        NodeRef::Group(h) => m.groups[h].name.clone(),
    };
    let mut out = Vec::new();
    if u.weights.is_some() {
        out.push((Factor::Weights, "weights".to_string()));
    }
    for (k, w) in u.weight_ranges.iter().enumerate() {
        out.push((
            Factor::Weight(k),
            format!("weight {}", member(w.group, w.member)),
        ));
    }
    for (k, (i, _)) in u.normalize.iter().enumerate() {
        out.push((
            Factor::Normalize(k),
            format!("normalize {}", m.indicators[*i].name),
        ));
    }
    for (k, (g, _)) in u.aggregate.iter().enumerate() {
        out.push((
            Factor::Aggregate(k),
            format!("aggregate {}", m.groups[*g].name),
        ));
    }
    for (k, (i, _)) in u.missing.iter().enumerate() {
        out.push((
            Factor::Missing(k),
            format!("missing {}", m.indicators[*i].name),
        ));
    }
    for (k, (i, _)) in u.noise.iter().enumerate() {
        out.push((Factor::Noise(k), format!("noise {}", m.indicators[*i].name)));
    }
    out
}

/// The factors of [`factors`], in its order, as people read them: what each varies, by
/// its title (`нормирование показателя «Срок ответа»`; in English, the names of
/// [`factors`]).
pub fn factor_words(m: &Methodology, u: &UncertaintyDef) -> Vec<crate::notes::Note> {
    use crate::notes::{Note, Value};
    let member = |g: usize, k: usize| match m.groups[g].members[k].node {
        NodeRef::Indicator(i) => (&m.indicators[i].name, &m.indicators[i].title),
        NodeRef::Group(h) => (&m.groups[h].name, &m.groups[h].title),
    };
    let ind = |i: usize| (&m.indicators[i].name, &m.indicators[i].title);
    let say = |id: &'static str, (name, title): (&String, &String)| {
        Note::new(id, &[("name", name.into()), ("title", title.into())])
    };
    let pct = |p: f64| crate::words::number::fmt_num(p * 100.0);
    // (each factor as [`factors`] lists it, so that the two keep one order)
    factors(m, u)
        .iter()
        .map(|(f, _)| match *f {
            Factor::Weights => Note::new(
                "factor-weights",
                &[("p", pct(u.weights.unwrap_or(0.0)).into())],
            ),
            Factor::Weight(k) => {
                let w = &u.weight_ranges[k];
                say("factor-weight", member(w.group, w.member))
            }
            Factor::Normalize(k) => say("factor-normalize", ind(u.normalize[k].0)),
            Factor::Aggregate(k) => {
                let g = &m.groups[u.aggregate[k].0];
                say("factor-aggregate", (&g.name, &g.title))
            }
            Factor::Missing(k) => say("factor-missing", ind(u.missing[k].0)),
            Factor::Noise(k) => {
                let (i, p) = u.noise[k];
                say("factor-noise", ind(i)).with("p", Value::Text(pct(p)))
            }
        })
        .collect()
}

/// Write the choices the factors' values `x` (one per factor, each in [0, 1)) make into
/// `v`, a copy of `m` (whose varied choices are first put back to `m`'s); the noise on
/// raw values for `regions` regions.
pub fn apply(
    v: &mut Methodology,
    m: &Methodology,
    u: &UncertaintyDef,
    factors: &[(Factor, String)],
    x: &[f64],
    regions: usize,
) -> Vec<(usize, Vec<f64>)> {
    for (g, h) in v.groups.iter_mut().zip(&m.groups) {
        g.aggregation = h.aggregation;
        for (a, b) in g.members.iter_mut().zip(&h.members) {
            a.weight = b.weight;
        }
    }
    for (i, _) in &u.normalize {
        v.indicators[*i].normalization = m.indicators[*i].normalization.clone();
    }
    for (i, _) in &u.missing {
        v.indicators[*i].missing = m.indicators[*i].missing.clone();
    }
    // (a value's bits seed the draws it stands for)
    let stream = |x: f64, k: u64| Draws::new(x.to_bits(), k);
    let pick = |x: f64, n: usize| ((x * n as f64) as usize).min(n - 1);
    let mut noise = Vec::new();
    // every weight first, then the ranges (a range sets its member's weight after)
    let mut ordered: Vec<(usize, &(Factor, String))> = factors.iter().enumerate().collect();
    ordered.sort_by_key(|(_, (f, _))| !matches!(f, Factor::Weights));
    for (j, (f, _)) in ordered {
        let x = x[j];
        match *f {
            Factor::Weights => {
                let p = u.weights.unwrap_or(0.0);
                let mut d = stream(x, 0x5745_4947_4854);
                for g in &mut v.groups {
                    if g.scheme == WeightScheme::Equal && g.members.len() < 2 {
                        continue;
                    }
                    let total = g.total_weight();
                    for a in &mut g.members {
                        a.weight *= d.between(1.0 - p, 1.0 + p);
                    }
                    rescale(&mut g.members, None, total);
                }
            }
            Factor::Weight(k) => {
                let w = &u.weight_ranges[k];
                let g = &mut v.groups[w.group];
                let total = g.total_weight();
                g.members[w.member].weight = w.lo + (w.hi - w.lo) * x;
                if g.scheme != WeightScheme::Relative {
                    rescale(&mut g.members, Some(w.member), total);
                }
            }
            Factor::Normalize(k) => {
                let (i, alts) = &u.normalize[k];
                if let Some(a) = pick(x, alts.len() + 1).checked_sub(1) {
                    v.indicators[*i].normalization = alts[a].clone();
                }
            }
            Factor::Aggregate(k) => {
                let (g, alts) = &u.aggregate[k];
                if let Some(a) = pick(x, alts.len() + 1).checked_sub(1) {
                    v.groups[*g].aggregation = alts[a];
                }
            }
            Factor::Missing(k) => {
                let (i, alts) = &u.missing[k];
                if let Some(a) = pick(x, alts.len() + 1).checked_sub(1) {
                    v.indicators[*i].missing = alts[a].clone();
                }
            }
            Factor::Noise(k) => {
                let (i, p) = u.noise[k];
                let mut d = stream(x, 0x4E4F_4953_4500 + k as u64);
                noise.push((
                    i,
                    (0..regions).map(|_| d.between(1.0 - p, 1.0 + p)).collect(),
                ));
            }
        }
    }
    noise
}

/// Write replication `r`'s draws into `v`: each factor's value from the replication's
/// stream of the seed.
fn draw_into(
    v: &mut Methodology,
    m: &Methodology,
    u: &UncertaintyDef,
    seed: u64,
    r: u64,
    regions: usize,
) -> Vec<(usize, Vec<f64>)> {
    let f = factors(m, u);
    apply(v, m, u, &f, &draws(f.len(), seed, r), regions)
}

/// The values of `d` factors in replication `r` of `seed`: the replication's own stream.
fn draws(d: usize, seed: u64, r: u64) -> Vec<f64> {
    let mut s = Draws::new(seed, r);
    (0..d).map(|_| s.unit()).collect()
}

/// Scale the members' weights (all, or all but `fixed`) so that they add up to `total`.
fn rescale(members: &mut [crate::check::ir::MemberDef], fixed: Option<usize>, total: f64) {
    let keep = fixed.map_or(0.0, |k| members[k].weight);
    let rest: f64 = members
        .iter()
        .enumerate()
        .filter(|(j, _)| Some(*j) != fixed)
        .map(|(_, x)| x.weight)
        .sum();
    if rest <= 0.0 {
        return;
    }
    let k = (total - keep) / rest;
    for (j, x) in members.iter_mut().enumerate() {
        if Some(j) != fixed {
            x.weight *= k;
        }
    }
}

/// One run's outcome, region by region in the nominal ranking's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Each region's place (`None`: not ranked).
    pub place: Vec<Option<f64>>,
    /// Each region's score.
    pub score: Vec<Option<f64>>,
    /// Each region's zone: its index among the methodology's zones
    /// ([`Replications::zones`]).
    pub zone: Vec<Option<usize>>,
}

impl Outcome {
    /// No place, score or zone yet for `n` regions.
    fn empty(n: usize) -> Outcome {
        Outcome {
            place: vec![None; n],
            score: vec![None; n],
            zone: vec![None; n],
        }
    }
}

/// Every replication of an uncertainty analysis, with the nominal run.
#[derive(Debug, Clone)]
pub struct Replications {
    /// The regions' keys, in the nominal ranking's order.
    pub keys: Vec<String>,
    /// Their labels.
    pub labels: Vec<String>,
    /// The zones the methodology defines: (name, title).
    pub zones: Vec<(String, String)>,
    /// The nominal run.
    pub nominal: Outcome,
    /// Each replication's outcome, where they were kept ([`replicate`]; not by
    /// [`replicate_tallied`], whose memory does not grow with the replications).
    pub runs: Vec<Outcome>,
    /// What every replication added up to: places, zones, scores.
    pub tally: super::tally::Tally,
    /// The seed drawn from.
    pub seed: u64,
    /// What reading the inputs assumed.
    pub notes: Vec<crate::notes::Note>,
}

/// The index of the zone `name` among the methodology's zones.
fn zone_index(m: &Methodology, name: Option<&str>) -> Option<usize> {
    name.and_then(|z| m.zones.iter().position(|x| x.name == z))
}

/// What every replication of a methodology shares: its uncertainty block and factors,
/// the inputs read once, the nominal run, stages 1–2 and the nominal stage 3.
pub(super) struct Shared<'m> {
    pub m: &'m Methodology,
    pub u: UncertaintyDef,
    pub factors: Vec<(Factor, String)>,
    pub regions: usize,
    pub keys: Vec<String>,
    pub labels: Vec<String>,
    /// Why each region is not ranked, where a rule excludes it.
    pub reasons: Vec<Option<String>>,
    pub nominal: Outcome,
    pub notes: Vec<crate::notes::Note>,
    at: HashMap<String, usize>,
    prepared: dense::Prepared,
    steps: dense::NominalSteps<'m>,
    to_nominal: Vec<usize>,
}

impl<'m> Shared<'m> {
    pub fn new(m: &'m Methodology, opts: &RunOptions) -> Result<Shared<'m>, RunError> {
        let u = m.uncertainty.clone().unwrap_or_default();
        let mut inputs = load(m, opts)?;
        let notes = std::mem::take(&mut inputs.notes);
        let regions = inputs.frame.height();
        // it refuses what `run` refuses (values missing under `missing error`)
        if m.indicators
            .iter()
            .any(|i| i.missing == MissingPolicy::Error)
        {
            let (df, _) = dense::collect(m, &inputs, false, false)?;
            if super::missing::has_missing_errors(m, &df)? {
                let df = dense::collect(m, &inputs, true, false)?.0;
                return Err(super::missing::missing_errors(m, &df));
            }
        }
        // stages 1 and 2 once, stage 3 of the nominal choices once; each replication
        // computes the steps it changes, its groups, score, order, places and zones
        let mut prepared = dense::prepare(m, &inputs)?;
        let labels_loaded: Vec<String> = inputs
            .frame
            .column(LABEL)?
            .str()?
            .iter()
            .map(|k| k.unwrap_or("").to_string())
            .collect();
        let reasons_loaded = prepared.reasons().to_vec();
        prepared.prune(m);
        let steps = dense::nominal_steps(&prepared, m);
        // the nominal run, from them: the order of the ranking is by place, regions on the
        // same place (equal on the score and every tie-breaker) by key, those without a
        // place after, by key
        let o = dense::replicate(&prepared, m, &[], &steps);
        let ranks = prepared.key_ranks();
        let mut order: Vec<usize> = (0..regions).collect();
        order.sort_unstable_by(|&a, &b| {
            let p = |i: usize| o.place[i].map_or((1, 0.0), |p| (0, p));
            let (pa, pb) = (p(a), p(b));
            pa.0.cmp(&pb.0)
                .then(pa.1.total_cmp(&pb.1))
                .then(ranks[a].cmp(&ranks[b]))
        });
        let mut to_nominal = vec![0; regions];
        for (at, &i) in order.iter().enumerate() {
            to_nominal[i] = at;
        }
        let keys: Vec<String> = order.iter().map(|&i| prepared.keys[i].clone()).collect();
        let labels: Vec<String> = order.iter().map(|&i| labels_loaded[i].clone()).collect();
        let reasons: Vec<Option<String>> =
            order.iter().map(|&i| reasons_loaded[i].clone()).collect();
        let at: HashMap<String, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let mut nominal = Outcome::empty(regions);
        for (i, &to) in to_nominal.iter().enumerate() {
            nominal.place[to] = o.place[i];
            nominal.score[to] = o.score[i];
            nominal.zone[to] = o.zone[i];
        }
        Ok(Shared {
            m,
            factors: factors(m, &u),
            u,
            regions,
            keys,
            labels,
            reasons,
            nominal,
            notes,
            at,
            prepared,
            steps,
            to_nominal,
        })
    }

    /// The nominal run's values, region by region in the nominal ranking's order: each
    /// indicator's raw and normalized value, each group's result; and the nominal frame
    /// with its groups, for [`Shared::without`].
    pub fn values(&self) -> (dense::Values, dense::Nominal) {
        let (mut v, nominal) = dense::values(&self.prepared, self.m, &self.steps);
        let order = |col: &mut Vec<Option<f64>>| {
            let mut out = vec![None; col.len()];
            for (i, x) in col.iter().enumerate() {
                out[self.to_nominal[i]] = *x;
            }
            *col = out;
        };
        v.raw.iter_mut().for_each(order);
        v.normalized.iter_mut().for_each(order);
        v.groups.iter_mut().for_each(order);
        for (before, after) in v.outliers.iter_mut().flatten() {
            order(before);
            order(after);
        }
        (v, nominal)
    }

    /// A copy of the methodology for a thread's replications.
    pub fn copy(&self) -> Methodology {
        let mut v = self.m.clone();
        v.uncertainty = None;
        v
    }

    /// The outcome of the factors' values `x`, with `v` (a [`Shared::copy`]) to write
    /// the choices into.
    pub fn run(&self, v: &mut Methodology, x: &[f64]) -> Outcome {
        let noise = apply(v, self.m, &self.u, &self.factors, x, self.regions);
        let o = dense::replicate(&self.prepared, v, &noise, &self.steps);
        self.in_nominal_order(o)
    }

    /// The outcome of the nominal methodology (`v`, a [`Shared::copy`]) with `node` left
    /// out of the score for every region, its weight shared among the members present as
    /// a missing member's is; from the nominal frame with its groups (of
    /// [`Shared::values`]).
    pub fn without(&self, v: &Methodology, groups: &dense::Nominal, node: NodeRef) -> Outcome {
        let o = dense::without(&self.prepared, v, &self.steps, groups, node);
        self.in_nominal_order(o)
    }

    /// A replication's outcome, its regions in the nominal ranking's order.
    fn in_nominal_order(&self, o: dense::Outcome3) -> Outcome {
        let mut out = Outcome::empty(self.regions);
        for (i, z) in o.zone.into_iter().enumerate() {
            let at = self.to_nominal[i];
            out.place[at] = o.place[i];
            out.score[at] = o.score[i];
            out.zone[at] = z;
        }
        out
    }

    /// The factors' values of replication `r` of `seed`.
    fn draw(&self, seed: u64, r: u64) -> Vec<f64> {
        draws(self.factors.len(), seed, r)
    }

    /// The naive plan, for the benchmark: replication `r` as a whole run by the polars
    /// plan, its inputs read again (noise has no place in it).
    fn run_naive(&self, opts: &RunOptions, seed: u64, r: u64) -> Result<Outcome, RunError> {
        let mut v = self.copy();
        apply(
            &mut v,
            self.m,
            &self.u,
            &self.factors,
            &self.draw(seed, r),
            self.regions,
        );
        let ranking = super::run_with(&v, opts, false)?;
        let mut o = Outcome::empty(self.regions);
        for row in ranking.rows {
            let i = self.at[&row.key];
            (o.place[i], o.score[i]) = (row.place, row.score);
            o.zone[i] = zone_index(self.m, row.zone.as_deref());
        }
        Ok(o)
    }
}

/// The threads of the replications, with the stack of the main thread (the evaluator
/// recurses through formulas).
pub(super) fn pool() -> Result<rayon::ThreadPool, RunError> {
    rayon::ThreadPoolBuilder::new()
        .stack_size(64 * 1024 * 1024)
        .build()
        .map_err(|e| {
            RunError::Internal(format!("cannot start the threads of the replications: {e}"))
        })
}

/// Run the nominal methodology and `runs` replications of its uncertainty block (`runs`
/// and `seed` from the block unless given).
pub fn replicate(
    m: &Methodology,
    opts: &RunOptions,
    runs: Option<usize>,
    seed: Option<u64>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Replications, RunError> {
    replicate_keeping(m, opts, runs, seed, progress, true)
}

/// [`replicate`], each replication added to the tally as it comes and not kept: the
/// memory is that of a few thousand replications, whatever their number (`--runs 1000000`).
pub fn replicate_tallied(
    m: &Methodology,
    opts: &RunOptions,
    runs: Option<usize>,
    seed: Option<u64>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Replications, RunError> {
    replicate_keeping(m, opts, runs, seed, progress, false)
}

/// How many replications are run at once on every core before they are added up, in
/// their order.
const CHUNK: u64 = 4096;

fn replicate_keeping(
    m: &Methodology,
    opts: &RunOptions,
    runs: Option<usize>,
    seed: Option<u64>,
    progress: &(dyn Fn(usize) + Sync),
    keep: bool,
) -> Result<Replications, RunError> {
    let sh = Shared::new(m, opts)?;
    let runs = runs.unwrap_or(sh.u.runs);
    let seed = seed.unwrap_or(sh.u.seed);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut tally = super::tally::Tally::new(sh.keys.len(), m.zones.len(), runs);
    let mut outcomes: Vec<Outcome> = Vec::new();
    let pool = pool()?;
    let mut start = 0u64;
    while start < runs as u64 {
        let end = (start + CHUNK).min(runs as u64);
        let chunk: Vec<Outcome> = if opts.dense == Some(false) {
            (start..end)
                .map(|r| {
                    progress(r as usize + 1);
                    sh.run_naive(opts, seed, r)
                })
                .collect::<Result<_, RunError>>()?
        } else {
            pool.install(|| {
                (start..end)
                    .into_par_iter()
                    .map_init(
                        || sh.copy(),
                        |v, r| {
                            let o = sh.run(v, &sh.draw(seed, r));
                            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
                            o
                        },
                    )
                    .collect()
            })
        };
        // added up in the replications' order: the same sums for a seed every time
        for o in &chunk {
            tally.add(o);
        }
        if keep {
            outcomes.extend(chunk);
        }
        start = end;
    }
    Ok(Replications {
        zones: m
            .zones
            .iter()
            .map(|z| (z.name.clone(), z.title.clone()))
            .collect(),
        keys: sh.keys,
        labels: sh.labels,
        nominal: sh.nominal,
        runs: outcomes,
        tally,
        seed,
        notes: sh.notes,
    })
}
