//! Variance-based sensitivity: Sobol' first-order and total indices from Saltelli's
//! design, with bootstrap confidence intervals — and the random draws every analysis of
//! uncertainty shares. Polars-free: the engine evaluates the model, this module reads
//! its outputs.
//!
//! The design (Saltelli 2010): two N × d matrices A and B of independent uniform draws,
//! and for each factor j the matrix A_B^j — A with its column j from B. The model is run
//! on every row of A, of B and of each A_B^j: N·(d + 2) runs, laid out as SALib lays
//! them out (`calc_second_order=False`): row i gives f(A_i), f(A_B^1_i), …, f(A_B^d_i),
//! f(B_i). The outputs are centred and scaled by their standard deviation, as SALib does
//! (the estimators are biased for outputs far from 0); then, with V the variance of the
//! outputs of A and B together,
//!
//! - first order (Saltelli 2010): S_j = mean(f(B) · (f(A_B^j) − f(A))) / V;
//! - total (Jansen 1999): T_j = mean((f(A) − f(A_B^j))²) / (2V);
//!
//! and each confidence interval is z · the standard deviation of the index over
//! bootstrap resamples of the N rows (z for 95%: 1.96). The tests hold the indices equal
//! to SALib's on the same outputs, and near the analytic indices of test functions.

/// splitmix64: a small generator whose stream is fixed by its definition, so that a seed
/// gives the same draws on every machine and in every version (a general-purpose
/// crate's sampling algorithms may change between its versions).
#[derive(Debug, Clone)]
pub struct Draws(u64);

impl Draws {
    /// Stream `k` of `seed` (a replication's, a row's of a design).
    pub fn new(seed: u64, k: u64) -> Draws {
        let mut d = Draws(seed ^ k.wrapping_mul(0xD1B5_4A32_D192_ED03));
        d.next_u64();
        d
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    pub fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform among 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }
}

/// The standard normal quantile of 0.975: a 95% interval is ± this many standard
/// deviations.
pub const Z95: f64 = 1.959_963_984_540_054;

/// One factor's indices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Indices {
    /// The first-order index: the share of the output's variance the factor explains
    /// alone.
    pub first: f64,
    /// Half the width of its 95% confidence interval.
    pub first_ci: f64,
    /// The total index: the share it explains with all its interactions.
    pub total: f64,
    /// Half the width of its 95% confidence interval.
    pub total_ci: f64,
}

/// The Saltelli design: rows of A and B (N × d uniform draws, stream `2i` and `2i + 1`
/// of `seed`).
pub fn design(n: usize, d: usize, seed: u64) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let rows = |k: u64| {
        let mut r = Draws::new(seed, k);
        (0..d).map(|_| r.unit()).collect::<Vec<f64>>()
    };
    let a = (0..n as u64).map(|i| rows(2 * i)).collect();
    let b = (0..n as u64).map(|i| rows(2 * i + 1)).collect();
    (a, b)
}

/// The rows the model is run on, in SALib's layout: for each i, A_i, A_B^1_i … A_B^d_i,
/// B_i.
pub fn runs(a: &[Vec<f64>], b: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let d = a.first().map_or(0, Vec::len);
    let mut out = Vec::with_capacity(a.len() * (d + 2));
    for (ai, bi) in a.iter().zip(b) {
        out.push(ai.clone());
        for j in 0..d {
            let mut r = ai.clone();
            r[j] = bi[j];
            out.push(r);
        }
        out.push(bi.clone());
    }
    out
}

fn mean(x: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = x.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    s / n as f64
}

/// The population variance of the outputs of A and B together (SALib: `np.var(np.r_[A,
/// B])`), 0 when they do not spread.
fn variance(a: &[f64], b: &[f64]) -> f64 {
    let all = || a.iter().chain(b).copied();
    let (lo, hi) = all().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    if hi - lo <= f64::EPSILON {
        return 0.0;
    }
    let m = mean(all());
    mean(all().map(|v| (v - m) * (v - m)))
}

/// (first, total) of factor j over the rows `rows` (all of them, or a resample).
fn estimate(ya: &[f64], yb: &[f64], yab: &[f64], rows: &[usize]) -> (f64, f64) {
    let a: Vec<f64> = rows.iter().map(|&i| ya[i]).collect();
    let b: Vec<f64> = rows.iter().map(|&i| yb[i]).collect();
    let ab: Vec<f64> = rows.iter().map(|&i| yab[i]).collect();
    let v = variance(&a, &b);
    if v <= f64::EPSILON {
        return (0.0, 0.0);
    }
    let first = mean((0..a.len()).map(|i| b[i] * (ab[i] - a[i]))) / v;
    let total = 0.5 * mean((0..a.len()).map(|i| (a[i] - ab[i]) * (a[i] - ab[i]))) / v;
    (first, total)
}

/// The sample standard deviation (n − 1).
fn std1(x: &[f64]) -> f64 {
    let m = mean(x.iter().copied());
    (x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() as f64 - 1.0)).sqrt()
}

/// Sobol' indices of `d` factors from the outputs `y` of [`runs`] (N·(d + 2) values in
/// its layout), with `resamples` bootstrap resamples drawn from `seed`.
pub fn sobol(y: &[f64], d: usize, resamples: usize, seed: u64) -> Vec<Indices> {
    let step = d + 2;
    let n = y.len() / step;
    // centred and scaled, as SALib does
    let m = mean(y.iter().copied());
    let sd = mean(y.iter().map(|v| (v - m) * (v - m))).sqrt();
    let y: Vec<f64> = match sd > 0.0 {
        true => y.iter().map(|v| (v - m) / sd).collect(),
        false => vec![0.0; y.len()],
    };
    let ya: Vec<f64> = (0..n).map(|i| y[i * step]).collect();
    let yb: Vec<f64> = (0..n).map(|i| y[i * step + step - 1]).collect();
    let all: Vec<usize> = (0..n).collect();
    let boot: Vec<Vec<usize>> = (0..resamples as u64)
        .map(|k| {
            let mut r = Draws::new(seed ^ 0xB007_57A9, k);
            (0..n).map(|_| r.below(n)).collect()
        })
        .collect();
    (0..d)
        .map(|j| {
            let yab: Vec<f64> = (0..n).map(|i| y[i * step + 1 + j]).collect();
            let (first, total) = estimate(&ya, &yb, &yab, &all);
            let (fs, ts): (Vec<f64>, Vec<f64>) =
                boot.iter().map(|r| estimate(&ya, &yb, &yab, r)).unzip();
            let ci = |x: &[f64]| if x.len() > 1 { Z95 * std1(x) } else { 0.0 };
            Indices {
                first,
                first_ci: ci(&fs),
                total,
                total_ci: ci(&ts),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indices of a model on the unit cube, by the design and the estimators.
    fn indices(f: impl Fn(&[f64]) -> f64, d: usize, n: usize) -> Vec<Indices> {
        let (a, b) = design(n, d, 11);
        let y: Vec<f64> = runs(&a, &b).iter().map(|x| f(x)).collect();
        sobol(&y, d, 50, 3)
    }

    /// A linear model of independent uniform factors: S_j = T_j = a_j² / Σ a_k².
    #[test]
    fn a_linear_model_has_its_analytic_indices() {
        let a = [1.0, 2.0, 3.0, 0.0];
        let s = indices(|x| x.iter().zip(&a).map(|(x, a)| a * x).sum(), 4, 20_000);
        let total: f64 = a.iter().map(|a| a * a).sum();
        for (j, ix) in s.iter().enumerate() {
            let want = a[j] * a[j] / total;
            assert!((ix.first - want).abs() < 0.03, "S{j} {} ≠ {want}", ix.first);
            assert!((ix.total - want).abs() < 0.03, "T{j} {} ≠ {want}", ix.total);
            assert!(ix.first_ci > 0.0 || want == 0.0);
        }
    }

    /// The Ishigami function (a = 7, b = 0.1) on [−π, π]³: S = (0.3139, 0.4424, 0),
    /// T = (0.5576, 0.4424, 0.2437) — x₃ acts only with x₁.
    #[test]
    fn the_ishigami_function_has_its_analytic_indices() {
        let pi = std::f64::consts::PI;
        let f = |u: &[f64]| {
            let x: Vec<f64> = u.iter().map(|u| -pi + 2.0 * pi * u).collect();
            x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
        };
        let s = indices(f, 3, 40_000);
        let (first, total) = ([0.3139, 0.4424, 0.0], [0.5576, 0.4424, 0.2437]);
        for j in 0..3 {
            assert!((s[j].first - first[j]).abs() < 0.04, "S{j} {:?}", s[j]);
            assert!((s[j].total - total[j]).abs() < 0.04, "T{j} {:?}", s[j]);
        }
    }

    /// A model that does not depend on its inputs has no indices (SALib gives 0 too).
    #[test]
    fn a_constant_model_has_zero_indices() {
        for ix in indices(|_| 5.0, 3, 100) {
            assert_eq!(
                (ix.first, ix.total, ix.first_ci, ix.total_ci),
                (0.0, 0.0, 0.0, 0.0)
            );
        }
    }
}
