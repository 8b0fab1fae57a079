//! The statistics over regions, by the very kernels polars runs for the same expressions
//! (its mean, median, quantiles, standard deviation, rank and rounding), so that the
//! dense evaluator and the polars plan agree to the last bit; the sum is the sequential
//! one that both lower `sum_of` to.

use super::expr::Nums;
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
    value(series(v).median_reduce())
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

/// The `q` quantile of the values present, interpolated linearly.
pub fn quantile(v: &Nums, q: f64) -> Option<f64> {
    value(series(v).quantile_reduce(q, QuantileMethod::Linear))
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

/// Each value rounded half away from zero to `d` decimals.
pub fn round(v: &Nums, d: u32) -> Nums {
    match series(v).round(d, RoundMode::HalfAwayFromZero) {
        Ok(r) => r.f64().map(|c| c.iter().collect()).unwrap_or_default(),
        Err(_) => v.clone(),
    }
}
