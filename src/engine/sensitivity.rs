//! `metodika sensitivity`: which uncertain choice the ranking depends on. Each line of the
//! `uncertainty` block is a factor; Saltelli's design runs the methodology N·(d + 2)
//! times and [`crate::sensitivity::sobol`] reads the outputs — the mean absolute shift of
//! places from the nominal ranking (as COINr does), or one region's place.

use super::uncertainty::{pool, Outcome, Shared};
use super::RunError;
use crate::check::ir::Methodology;
use crate::paths::RunOptions;
use crate::sensitivity::{design, runs, sobol, Indices};
use rayon::prelude::*;

/// What the indices explain.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// The mean over regions of |place − nominal place| (regions ranked in both).
    MeanShift,
    /// One region's place: its key and label.
    Place(String, String),
}

/// A sensitivity analysis.
#[derive(Debug, Clone)]
pub struct Sensitivity {
    /// Each factor's name (`weights`, `normalize response_days`, …).
    pub factors: Vec<String>,
    /// Each factor as people read it (see [`super::uncertainty::factor_words`]).
    pub factor_words: Vec<crate::notes::Note>,
    /// Each factor's indices.
    pub indices: Vec<Indices>,
    /// What they explain.
    pub output: Output,
    /// N: the rows of each of A and B.
    pub n: usize,
    /// The seed of the design and the bootstrap.
    pub seed: u64,
    /// The design: A and B (N × d).
    pub a: Vec<Vec<f64>>,
    /// See `a`.
    pub b: Vec<Vec<f64>>,
    /// The outputs, N·(d + 2), in SALib's layout.
    pub y: Vec<f64>,
    /// The mean and the variance of the output over A and B.
    pub mean: f64,
    /// See `mean`.
    pub variance: f64,
    /// What reading the inputs assumed.
    pub notes: Vec<crate::notes::Note>,
}

/// The bootstrap resamples of the confidence intervals.
pub const RESAMPLES: usize = 100;

/// The Sobol' indices of the methodology's uncertain choices, from a design of `n` rows.
pub fn sensitivity(
    m: &Methodology,
    opts: &RunOptions,
    n: usize,
    seed: Option<u64>,
    region: Option<&str>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Sensitivity, RunError> {
    let sh = Shared::new(m, opts)?;
    let seed = seed.unwrap_or(sh.u.seed);
    let output = match region {
        None => Output::MeanShift,
        Some(k) => match sh.keys.iter().position(|x| x == k) {
            Some(i) => Output::Place(k.to_string(), sh.labels[i].clone()),
            None => return Err(RunError::NoRegion(k.to_string())),
        },
    };
    let d = sh.factors.len();
    let (a, b) = design(n, d, seed);
    let rows = runs(&a, &b);
    let at = match &output {
        Output::Place(k, _) => sh.keys.iter().position(|x| x == k),
        Output::MeanShift => None,
    };
    let value = |o: &Outcome| -> f64 {
        match at {
            Some(i) => o.place[i].unwrap_or(f64::NAN),
            None => {
                let shifts: Vec<f64> = o
                    .place
                    .iter()
                    .zip(&sh.nominal.place)
                    .filter_map(|(p, q)| Some((p.as_ref()? - q.as_ref()?).abs()))
                    .collect();
                shifts.iter().sum::<f64>() / shifts.len().max(1) as f64
            }
        }
    };
    let done = std::sync::atomic::AtomicUsize::new(0);
    let y: Vec<f64> = pool()?.install(|| {
        rows.par_iter()
            .map_init(
                || sh.copy(),
                |v, x| {
                    let y = value(&sh.run(v, x));
                    progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
                    y
                },
            )
            .collect()
    });
    let step = d + 2;
    let ab: Vec<f64> = (0..n)
        .flat_map(|i| [y[i * step], y[i * step + step - 1]])
        .collect();
    let mean = ab.iter().sum::<f64>() / ab.len().max(1) as f64;
    let variance = ab.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / ab.len().max(1) as f64;
    Ok(Sensitivity {
        factors: sh.factors.iter().map(|(_, name)| name.clone()).collect(),
        factor_words: super::uncertainty::factor_words(sh.m, &sh.u),
        indices: sobol(&y, d, RESAMPLES, seed),
        output,
        n,
        seed,
        a,
        b,
        y,
        mean,
        variance,
        notes: sh.notes,
    })
}
