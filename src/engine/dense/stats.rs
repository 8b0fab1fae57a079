//! The statistics over regions, by the very kernels polars runs for the same expressions
//! (its mean, median, quantiles, standard deviation, rank and rounding), so that the
//! dense evaluator and the polars plan agree to the last bit; the sum is the sequential
//! one that both lower `sum_of` to. The quantiles and the rounding are polars' kernels
//! written out here, step for step: they run in every replication of `metodika
//! uncertainty`, where building a column or waiting for polars' threads cost more than
//! the arithmetic (docs/performance.md). The tests hold every evaluator equal on every
//! methodology of the corpus and the docs.

use super::expr::{tot_cmp, Nums};
use polars::prelude::*;

fn series(v: &Nums) -> Series {
    Series::new(PlSmallStr::EMPTY, v.as_slice())
}

fn value(s: PolarsResult<Scalar>) -> Option<f64> {
    s.ok().and_then(|s| s.value().extract::<f64>())
}

/// The mean of the values present; missing without any.
pub fn mean(v: &Nums) -> Option<f64> {
    value(series(v).mean_reduce())
}

/// The median of the values present.
pub fn median(v: &Nums) -> Option<f64> {
    quantile(v, 0.5)
}

/// The smallest value present.
pub fn min(v: &Nums) -> Option<f64> {
    value(series(v).min_reduce())
}

/// The largest value present.
pub fn max(v: &Nums) -> Option<f64> {
    value(series(v).max_reduce())
}

/// The sample standard deviation (n − 1) of the values present.
pub fn std(v: &Nums) -> Option<f64> {
    value(series(v).std_reduce(1))
}

/// The `q` quantile of the values present, interpolated linearly: polars' kernel
/// (`quantile_idx`, `linear_interpol` and the sort of its generic path in polars-core),
/// step for step, index arithmetic included — but sorted on the calling thread. polars
/// sorts a column with missing values on its own thread pool, and a replication of
/// `metodika uncertainty`, already on a thread of its own pool, then waits for one of
/// polars' threads: with two cores that wait was most of a replication's time.
pub fn quantile(v: &Nums, q: f64) -> Option<f64> {
    let length = v.len();
    let nulls = v.iter().filter(|x| x.is_none()).count();
    if nulls == length {
        return None;
    }
    let mut vals: Vec<f64> = v.iter().flatten().copied().collect();
    if vals.len() == 1 && nulls == 0 {
        return Some(vals[0]);
    }
    // (polars' sorted column holds the missing values first, as zeros)
    let float_idx = (vals.len() as f64 - 1.0) * q + nulls as f64;
    let idx = (float_idx as usize).clamp(0, length - 1);
    let top = float_idx.ceil() as usize;
    vals.sort_unstable_by(|a, b| tot_cmp(*a, *b));
    let lower = vals[idx - nulls];
    if top == idx {
        return Some(lower);
    }
    let upper = vals[idx + 1 - nulls];
    Some(if lower == upper {
        lower
    } else {
        (float_idx - idx as f64) * (upper - lower) + lower
    })
}

/// The sum of the values present, added in order from 0 (0 without any): what
/// `sum_of` is, in every back end, whatever the number of threads.
pub fn sum(v: &Nums) -> f64 {
    v.iter().fold(0.0, |a, x| a + x.unwrap_or(0.0))
}

/// Each value's rank among those present, ties sharing the mean of their ranks; missing
/// where the value is.
pub fn rank_average(v: &Nums) -> Nums {
    let r = series(v).rank(
        RankOptions {
            method: RankMethod::Average,
            descending: false,
        },
        None,
    );
    match r.cast(&DataType::Float64) {
        Ok(r) => r.f64().map(|c| c.iter().collect()).unwrap_or_default(),
        Err(_) => vec![None; v.len()],
    }
}

/// Each value rounded half away from zero to `d` decimals: polars' kernel (`round` of
/// polars-ops for a column of floats) written out for the decimals a methodology can
/// state, without building a column; beyond them, polars' own.
pub fn round(v: &Nums, d: u32) -> Nums {
    if d == 0 {
        return v.iter().map(|x| x.map(f64::round)).collect();
    }
    if d < 300 {
        let multiplier = 10.0_f64.powi(d as i32);
        return v
            .iter()
            .map(|x| {
                x.map(|val| {
                    let ret = (val * multiplier).round() / multiplier;
                    if ret.is_finite() {
                        ret
                    } else {
                        val
                    }
                })
            })
            .collect();
    }
    match series(v).round(d, RoundMode::HalfAwayFromZero) {
        Ok(r) => r.f64().map(|c| c.iter().collect()).unwrap_or_default(),
        Err(_) => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers of every size and sign, halves at many decimals among them, with missing
    /// values here and there (a seeded generator: the same numbers every time).
    fn samples(seed: u64, n: usize) -> Nums {
        let mut d = crate::sensitivity::Draws::new(seed, 0);
        (0..n)
            .map(|i| {
                let scale = 10f64.powi((d.unit() * 12.0) as i32 - 4);
                let x = (d.unit() - 0.5) * scale;
                match i % 7 {
                    3 => None,
                    5 => Some((x * 1000.0).trunc() / 1000.0 + 0.0005),
                    _ => Some(x),
                }
            })
            .collect()
    }

    fn polars_quantile(v: &Nums, q: f64) -> Option<f64> {
        value(series(v).quantile_reduce(q, QuantileMethod::Linear))
    }

    #[test]
    fn quantiles_are_polars_own_to_the_bit() {
        for seed in 0..200 {
            let n = 1 + seed as usize % 90;
            let mut v = samples(seed, n);
            if seed % 3 == 0 {
                v.retain(Option::is_some);
            }
            for q in [0.0, 0.05, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 0.95, 1.0] {
                let (a, b) = (quantile(&v, q), polars_quantile(&v, q));
                assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{v:?} q={q}");
            }
            assert_eq!(median(&v), value(series(&v).median_reduce()));
        }
        assert_eq!(quantile(&vec![None; 4], 0.5), None);
        assert_eq!(quantile(&Vec::new(), 0.5), None);
    }

    #[test]
    fn rounding_is_polars_own_to_the_bit() {
        let v = samples(7, 5_000);
        for d in [0, 1, 2, 3, 4, 6, 9, 12, 15, 300, 320] {
            let polars: Nums = series(&v)
                .round(d, RoundMode::HalfAwayFromZero)
                .unwrap()
                .f64()
                .unwrap()
                .iter()
                .collect();
            let ours = round(&v, d);
            for (a, b) in ours.iter().zip(&polars) {
                assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "d={d}");
            }
        }
    }
}
