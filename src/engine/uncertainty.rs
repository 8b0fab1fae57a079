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
use super::frame::{load, LoadedInputs};
use super::lower::{KEY, LABEL, PLACE, SCORE, ZONE};
use super::RunError;
use crate::check::ir::{Methodology, UncertaintyDef, WeightScheme};
use crate::paths::RunOptions;
use rayon::prelude::*;
use std::collections::HashMap;

/// splitmix64: a small generator whose stream is fixed by its definition, so that a seed
/// gives the same draws on every machine and in every version (a general-purpose
/// crate's sampling algorithms may change between its versions).
struct Draws(u64);

impl Draws {
    /// The stream of replication `r` of `seed`.
    fn new(seed: u64, r: u64) -> Draws {
        let mut d = Draws(seed ^ r.wrapping_mul(0xD1B5_4A32_D192_ED03));
        d.next();
        d
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [lo, hi).
    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// One of `n` (0 the nominal choice), each as likely.
    fn pick(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }
}

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

/// Write replication `r`'s draws into `v`, a copy of `m` (whose varied choices are first
/// put back to `m`'s): the noise on raw values.
fn draw_into(
    v: &mut Methodology,
    m: &Methodology,
    u: &UncertaintyDef,
    seed: u64,
    r: u64,
    regions: usize,
) -> Vec<(usize, Vec<f64>)> {
    for (g, h) in v.groups.iter_mut().zip(&m.groups) {
        g.aggregation = h.aggregation;
        for (x, y) in g.members.iter_mut().zip(&h.members) {
            x.weight = y.weight;
        }
    }
    for (i, _) in &u.normalize {
        v.indicators[*i].normalization = m.indicators[*i].normalization.clone();
    }
    for (i, _) in &u.missing {
        v.indicators[*i].missing = m.indicators[*i].missing;
    }
    let mut d = Draws::new(seed, r);
    // every weight, independently, then each group brought back to its total
    if let Some(p) = u.weights {
        for g in &mut v.groups {
            if g.scheme == WeightScheme::Equal && g.members.len() < 2 {
                continue;
            }
            let total = g.total_weight();
            for x in &mut g.members {
                x.weight *= d.between(1.0 - p, 1.0 + p);
            }
            rescale(&mut g.members, None, total);
        }
    }
    // one member's weight from its range; the others share the rest of the total
    for w in &u.weight_ranges {
        let g = &mut v.groups[w.group];
        let total = g.total_weight();
        g.members[w.member].weight = d.between(w.lo, w.hi);
        if g.scheme != WeightScheme::Relative {
            rescale(&mut g.members, Some(w.member), total);
        }
    }
    for (i, alts) in &u.normalize {
        let k = d.pick(alts.len() + 1);
        if k > 0 {
            v.indicators[*i].normalization = alts[k - 1].clone();
        }
    }
    for (g, alts) in &u.aggregate {
        let k = d.pick(alts.len() + 1);
        if k > 0 {
            v.groups[*g].aggregation = alts[k - 1];
        }
    }
    for (i, alts) in &u.missing {
        let k = d.pick(alts.len() + 1);
        if k > 0 {
            v.indicators[*i].missing = alts[k - 1];
        }
    }
    u.noise
        .iter()
        .map(|(i, p)| {
            (
                *i,
                (0..regions).map(|_| d.between(1.0 - p, 1.0 + p)).collect(),
            )
        })
        .collect()
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
    /// Each region's zone.
    pub zone: Vec<Option<String>>,
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
    /// Each replication's outcome.
    pub runs: Vec<Outcome>,
    /// The seed drawn from.
    pub seed: u64,
    /// What reading the inputs assumed.
    pub notes: Vec<String>,
}

/// The outcome of a methodology run by the dense evaluator over loaded inputs, in the
/// order of `keys`.
fn outcome(
    m: &Methodology,
    inputs: &LoadedInputs,
    noise: &[(usize, Vec<f64>)],
    keys: &HashMap<String, usize>,
) -> Result<Outcome, RunError> {
    let (df, _) = dense::collect_with(m, inputs, false, false, noise)?;
    let n = keys.len();
    let mut out = Outcome {
        place: vec![None; n],
        score: vec![None; n],
        zone: vec![None; n],
    };
    let k = df.column(KEY)?.str()?.clone();
    let place = df.column(PLACE)?.f64()?.clone();
    let score = df.column(SCORE)?.f64()?.clone();
    let zone = df.column(ZONE)?.str()?.clone();
    for i in 0..df.height() {
        let Some(&at) = k.get(i).and_then(|k| keys.get(k)) else {
            continue;
        };
        out.place[at] = place.get(i);
        out.score[at] = score.get(i);
        out.zone[at] = zone.get(i).map(str::to_string);
    }
    Ok(out)
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
    let u = m.uncertainty.clone().unwrap_or(UncertaintyDef {
        runs: 1_000,
        seed: 1,
        weights: None,
        weight_ranges: Vec::new(),
        normalize: Vec::new(),
        aggregate: Vec::new(),
        missing: Vec::new(),
        noise: Vec::new(),
    });
    let runs = runs.unwrap_or(u.runs);
    let seed = seed.unwrap_or(u.seed);
    let mut inputs = load(m, opts)?;
    let notes = std::mem::take(&mut inputs.notes);
    let regions = inputs.frame.height();
    // the nominal run gives the order of the rows
    let (df, _) = dense::collect_with(m, &inputs, false, false, &[])?;
    let keys: Vec<String> = df
        .column(KEY)?
        .str()?
        .iter()
        .map(|k| k.unwrap_or("").to_string())
        .collect();
    let labels: Vec<String> = df
        .column(LABEL)?
        .str()?
        .iter()
        .map(|k| k.unwrap_or("").to_string())
        .collect();
    let at: HashMap<String, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), i))
        .collect();
    let nominal = outcome(m, &inputs, &[], &at)?;
    // stages 1 and 2 once, stage 3 of the nominal choices once; each replication computes
    // the steps it changes, its groups, score, order, places and zones
    let mut prepared = dense::prepare(m, &inputs)?;
    prepared.prune(m);
    let steps = dense::nominal_steps(&prepared, m);
    let to_nominal: Vec<usize> = prepared.keys.iter().map(|k| at[k]).collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    // (threads with the stack of the main thread: the evaluator recurses through formulas)
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(64 * 1024 * 1024)
        .build()
        .map_err(|e| {
            RunError::Internal(format!("cannot start the threads of the replications: {e}"))
        })?;
    if opts.dense == Some(false) {
        // the naive plan, for the benchmark: each replication a whole run by the polars
        // plan, its inputs read again (noise has no place in it)
        let runs: Vec<Outcome> = (0..runs as u64)
            .map(|r| {
                let (v, _) = variant(m, &u, seed, r, regions);
                let ranking = super::run_with(&v, opts, false)?;
                let mut o = Outcome {
                    place: vec![None; regions],
                    score: vec![None; regions],
                    zone: vec![None; regions],
                };
                for row in ranking.rows {
                    let i = at[&row.key];
                    (o.place[i], o.score[i], o.zone[i]) = (row.place, row.score, row.zone);
                }
                progress(r as usize + 1);
                Ok(o)
            })
            .collect::<Result<_, RunError>>()?;
        return Ok(Replications {
            keys,
            labels,
            zones: m
                .zones
                .iter()
                .map(|z| (z.name.clone(), z.title.clone()))
                .collect(),
            nominal,
            runs,
            seed,
            notes,
        });
    }
    let runs: Vec<Outcome> = pool.install(|| {
        (0..runs as u64)
            .into_par_iter()
            .map_init(
                || {
                    let mut v = m.clone();
                    v.uncertainty = None;
                    v
                },
                |v, r| {
                    let noise = draw_into(v, m, &u, seed, r, regions);
                    let o = dense::replicate(&prepared, v, &noise, &steps);
                    let mut out = Outcome {
                        place: vec![None; regions],
                        score: vec![None; regions],
                        zone: vec![None; regions],
                    };
                    for (i, z) in o.zone.into_iter().enumerate() {
                        let at = to_nominal[i];
                        out.place[at] = o.place[i];
                        out.score[at] = o.score[i];
                        out.zone[at] = z;
                    }
                    progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
                    out
                },
            )
            .collect()
    });
    Ok(Replications {
        keys,
        labels,
        zones: m
            .zones
            .iter()
            .map(|z| (z.name.clone(), z.title.clone()))
            .collect(),
        nominal,
        runs,
        seed,
        notes,
    })
}
