//! The outlier rule `outliers auto(N)`: COINr's default treatment (`Treat` with
//! `winsorise`, `log_CT` and `check_SkewKurt`, R/treat.R of COINr 1.x), step for step.
//!
//! Over the values present of the ranked regions (after the missing-data policy):
//!
//! 1. Fewer than 4 values, or all equal: no treatment (COINr stops with an error or
//!    returns the values untreated; the rule says so in the notes).
//! 2. The values pass when |skewness| < 2 **or** kurtosis < 3.5 (e1071 type 2, excess
//!    kurtosis): then nothing is done.
//! 3. While they fail and fewer than N points are winsorized: if the skewness is ≥ 0,
//!    every value equal to the largest takes the largest of the others; otherwise every
//!    value equal to the smallest takes the smallest of the others. The points winsorized
//!    are counted as COINr counts them: those moved at the last step at the top plus those
//!    moved at the last step at the bottom (each step at one end moves every point moved
//!    before at that end again, since they are tied with the largest).
//! 4. If they pass, the winsorized values are the result: every value clamped to the
//!    smallest and largest values reached (on the side that was winsorized).
//! 5. If they still fail, the winsorization is dropped and `ln(x − min + 0.01·(max −
//!    min))` of the values as they were is the result (COINr's `log_CT`, `combine_treat =
//!    FALSE`).
//!
//! A treatment is a [`Choice`] made once from the ranked values; every region's value,
//! ranked or not, is then treated by it ([`Choice::apply`]). The dense evaluator and the
//! polars plan call [`choose`]; the SQL walks the same steps as CTEs (`sql::outliers`),
//! and the equality tests hold the three equal.

/// The JRC's and COINr's thresholds: a column passes when |skewness| is below the first
/// or the kurtosis below the second.
pub const SKEWNESS_LIMIT: f64 = 2.0;
/// See [`SKEWNESS_LIMIT`].
pub const KURTOSIS_LIMIT: f64 = 3.5;
/// The most points `outliers auto(N)` may winsorize.
pub const MAX_POINTS: usize = 20;
/// COINr's default number of points.
pub const DEFAULT_POINTS: usize = 5;

/// The skewness and excess kurtosis of `x` as e1071's type 2 (Excel's SKEW and KURT,
/// COINr's `skew` and `kurt`): the skewness from 3 values, the kurtosis from 4, neither
/// when the values are all equal.
pub fn shape(x: &[f64]) -> (Option<f64>, Option<f64>) {
    let n = x.len();
    let nf = n as f64;
    if n == 0 {
        return (None, None);
    }
    let m = x.iter().sum::<f64>() / nf;
    let (mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0);
    for &xi in x {
        let d = xi - m;
        s2 += d * d;
        s3 += d * d * d;
        s4 += d * d * d * d;
    }
    let skewness = (n > 2 && s2 > 0.0)
        .then(|| nf.sqrt() * s3 / s2.powf(1.5) * (nf * (nf - 1.0)).sqrt() / (nf - 2.0));
    let kurtosis = (n > 3 && s2 > 0.0).then(|| {
        ((nf + 1.0) * (nf * s4 / (s2 * s2) - 3.0) + 6.0) * (nf - 1.0) / ((nf - 2.0) * (nf - 3.0))
    });
    (skewness, kurtosis)
}

/// Whether values of this shape pass COINr's check (`None`: the check has no answer).
pub fn passes(skewness: Option<f64>, kurtosis: Option<f64>) -> Option<bool> {
    let (g, k) = (skewness?, kurtosis?);
    Some(g.abs() < SKEWNESS_LIMIT || k < KURTOSIS_LIMIT)
}

/// What the rule did with an indicator's values.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(tag = "treatment", rename_all = "snake_case")]
pub enum Choice {
    /// Nothing: the values pass as they are.
    Passed,
    /// Nothing: fewer than 4 values, or a check without an answer (values all equal).
    Untreated,
    /// Winsorized: values below `lo` take `lo`, above `hi` take `hi` (`None`: that side
    /// untouched); `low` and `high` points moved at each end, as COINr counts them.
    Winsorized {
        /// The lowest value kept, when the bottom was winsorized.
        lo: Option<f64>,
        /// The highest value kept, when the top was winsorized.
        hi: Option<f64>,
        /// Points moved at the bottom.
        low: usize,
        /// Points moved at the top.
        high: usize,
    },
    /// `ln(x − min + 0.01·(max − min))` of the values (min and max of the ranked values).
    Log {
        /// The smallest ranked value.
        min: f64,
        /// The largest ranked value.
        max: f64,
    },
}

impl Choice {
    /// A region's value treated (`None` stays `None`; a logarithm of a number ≤ 0 — a
    /// region not ranked below the ranked minimum — is missing).
    pub fn apply(&self, x: Option<f64>) -> Option<f64> {
        let x = x?;
        match *self {
            Choice::Passed | Choice::Untreated => Some(x),
            Choice::Winsorized { lo, hi, .. } => {
                let x = match hi {
                    Some(h) if x > h => h,
                    _ => x,
                };
                Some(match lo {
                    Some(l) if x < l => l,
                    _ => x,
                })
            }
            Choice::Log { min, max } => {
                let y = x - min + 0.01 * (max - min);
                (y > 0.0).then(|| y.ln())
            }
        }
    }

    /// How a region's value was treated: 0 untouched, 1 winsorized (its value moved),
    /// 2 taken by the logarithm.
    pub fn mark(&self, x: Option<f64>) -> f64 {
        match (*self, x) {
            (_, None) | (Choice::Passed | Choice::Untreated, _) => 0.0,
            (Choice::Log { .. }, Some(_)) => 2.0,
            (Choice::Winsorized { lo, hi, .. }, Some(x)) => {
                let moved = hi.is_some_and(|h| x > h) || lo.is_some_and(|l| x < l);
                if moved {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }
}

/// COINr's treatment of the values `x` (the ranked regions' values present), winsorizing
/// at most `max` points.
pub fn choose(x: &[f64], max: usize) -> Choice {
    if x.len() < 4 {
        return Choice::Untreated;
    }
    let check = |v: &[f64]| {
        let (g, k) = shape(v);
        passes(g, k).map(|p| (p, g.unwrap_or(0.0)))
    };
    let Some((mut pass, mut g)) = check(x) else {
        return Choice::Untreated;
    };
    if pass {
        return Choice::Passed;
    }
    let mut v = x.to_vec();
    // the points moved at the last step at each end (COINr's `imax`, `imin`)
    let (mut high, mut low) = (0usize, 0usize);
    let (mut hi, mut lo) = (None, None);
    while !pass && high + low < max {
        let top = g >= 0.0;
        let end = match top {
            true => v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            false => v.iter().copied().fold(f64::INFINITY, f64::min),
        };
        let rest = v.iter().copied().filter(|&y| y != end);
        let next = match top {
            true => rest.fold(f64::NEG_INFINITY, f64::max),
            false => rest.fold(f64::INFINITY, f64::min),
        };
        if !next.is_finite() {
            // (every value equal: COINr's check has no answer)
            return Choice::Untreated;
        }
        let mut moved = 0;
        for y in v.iter_mut().filter(|y| **y == end) {
            *y = next;
            moved += 1;
        }
        match top {
            true => (high, hi) = (moved, Some(next)),
            false => (low, lo) = (moved, Some(next)),
        }
        match check(&v) {
            Some((p, s)) => (pass, g) = (p, s),
            None => return Choice::Untreated,
        }
    }
    if pass {
        return Choice::Winsorized { lo, hi, low, high };
    }
    let min = x.iter().copied().fold(f64::INFINITY, f64::min);
    let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Choice::Log { min, max }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// COINr's own example of `Treat.numeric` and `winsorise` (R/treat.R): 1..10, 30, 100.
    fn example() -> Vec<f64> {
        let mut x: Vec<f64> = (1..=10).map(f64::from).collect();
        x.extend([30.0, 100.0]);
        x
    }

    #[test]
    fn the_shape_is_e1071_type_2() {
        // by hand for 1, 2, 3, 10: mean 4, d = −3 −2 −1 6, Σd² = 50, Σd³ = 180, Σd⁴ = 1394
        let (g, k) = shape(&[1.0, 2.0, 3.0, 10.0]);
        let g_hand = 4f64.sqrt() * 180.0 / 50f64.powf(1.5) * 12f64.sqrt() / 2.0;
        let k_hand = (5.0 * (4.0 * 1394.0 / 2500.0 - 3.0) + 6.0) * 3.0 / 2.0;
        assert!((g.unwrap() - g_hand).abs() < 1e-12, "{g:?} {g_hand}");
        assert!((k.unwrap() - k_hand).abs() < 1e-12, "{k:?} {k_hand}");
        assert_eq!(shape(&[2.0, 2.0, 2.0, 2.0]), (None, None));
        assert_eq!(shape(&[1.0, 2.0]), (None, None));
    }

    #[test]
    fn coinrs_example_winsorizes_the_two_outliers_one_by_one() {
        // 1..10, 30, 100: skewness 3.2, kurtosis 10.8 fail; 100 → 30 (skewness 1.96
        // passes): one point at the top, the largest value kept 30.
        let x = example();
        let (g, k) = shape(&x);
        assert!(g.unwrap() > 2.0 && k.unwrap() > 3.5);
        let c = choose(&x, 5);
        assert_eq!(
            c,
            Choice::Winsorized {
                lo: None,
                hi: Some(30.0),
                low: 0,
                high: 1
            }
        );
        let treated: Vec<f64> = x.iter().map(|&v| c.apply(Some(v)).unwrap()).collect();
        assert_eq!(treated[11], 30.0);
        assert_eq!(treated[10], 30.0);
        assert_eq!(c.mark(Some(100.0)), 1.0);
        assert_eq!(
            c.mark(Some(30.0)),
            0.0,
            "30 was not moved: it is the value kept"
        );
        assert_eq!(passes(shape(&treated).0, shape(&treated).1), Some(true));
    }

    #[test]
    fn past_the_limit_the_logarithm_of_the_values_as_they_were() {
        // 0 × 20, 1, 1000, 2000: the zeros keep the kurtosis high whatever is winsorized
        let mut x = vec![0.0; 20];
        x.extend([1.0, 1000.0, 2000.0]);
        let c = choose(&x, 1);
        assert_eq!(
            c,
            Choice::Log {
                min: 0.0,
                max: 2000.0
            }
        );
        assert_eq!(c.apply(Some(0.0)), Some(20f64.ln()));
        assert_eq!(c.apply(Some(1000.0)), Some(1020f64.ln()));
        assert_eq!(
            c.apply(Some(-30.0)),
            None,
            "below the ranked minimum: no logarithm"
        );
        assert_eq!(c.mark(Some(5.0)), 2.0);
        assert_eq!(c.apply(None), None);
    }

    #[test]
    fn ties_move_together_and_count_as_coinr_counts_them() {
        // two equal largest values move at once: two points at the first step
        let mut x: Vec<f64> = (1..=30).map(f64::from).collect();
        x.extend([500.0, 500.0]);
        let c = choose(&x, 5);
        match c {
            Choice::Winsorized { hi, high, low, .. } => {
                assert_eq!(hi, Some(30.0));
                assert_eq!((high, low), (2, 0));
            }
            other => panic!("{other:?}"),
        }
        // a limit of 1 point is reached by that first step: the two points count 2 ≥ 1
        // (COINr checks the limit before a step, not within one)
        assert!(matches!(choose(&x, 1), Choice::Winsorized { high: 2, .. }));
    }

    #[test]
    fn a_negative_skew_winsorizes_the_bottom() {
        let x: Vec<f64> = example().iter().map(|v| -v).collect();
        assert_eq!(
            choose(&x, 5),
            Choice::Winsorized {
                lo: Some(-30.0),
                hi: None,
                low: 1,
                high: 0
            }
        );
    }

    #[test]
    fn too_few_or_equal_values_are_left_as_they_are() {
        assert_eq!(choose(&[1.0, 2.0, 300.0], 5), Choice::Untreated);
        assert_eq!(choose(&[3.0; 10], 5), Choice::Untreated);
        assert_eq!(choose(&[1.0, 2.0, 3.0, 4.0, 5.0], 5), Choice::Passed);
    }

    /// COINr's `winsorise` as written in R (the loop over the whole vector), against which
    /// [`choose`] is held on many vectors: the same values after treatment.
    fn coinr(x: &[f64], winmax: usize) -> Vec<f64> {
        let pass = |v: &[f64]| {
            let (g, k) = shape(v);
            passes(g, k)
        };
        if pass(x) != Some(false) {
            return x.to_vec();
        }
        let mut v = x.to_vec();
        let (mut imax, mut imin): (Vec<usize>, Vec<usize>) = (vec![], vec![]);
        let mut passing = false;
        while !passing && imax.len() + imin.len() < winmax {
            if shape(&v).0.unwrap() >= 0.0 {
                let m = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                imax = (0..v.len()).filter(|&i| v[i] == m).collect();
                let r = (0..v.len())
                    .filter(|i| !imax.contains(i))
                    .map(|i| v[i])
                    .fold(f64::NEG_INFINITY, f64::max);
                imax.iter().for_each(|&i| v[i] = r);
            } else {
                let m = v.iter().copied().fold(f64::INFINITY, f64::min);
                imin = (0..v.len()).filter(|&i| v[i] == m).collect();
                let r = (0..v.len())
                    .filter(|i| !imin.contains(i))
                    .map(|i| v[i])
                    .fold(f64::INFINITY, f64::min);
                imin.iter().for_each(|&i| v[i] = r);
            }
            match pass(&v) {
                Some(p) => passing = p,
                None => return x.to_vec(),
            }
        }
        if passing {
            return v;
        }
        let (mn, mx) = (
            x.iter().copied().fold(f64::INFINITY, f64::min),
            x.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        );
        x.iter().map(|y| (y - mn + 0.01 * (mx - mn)).ln()).collect()
    }

    #[test]
    fn the_choice_gives_what_coinrs_loop_gives() {
        // vectors of heavy tails at either end, with ties, from a fixed generator
        let mut seed = 0x9e3779b97f4a7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut kinds = [0usize; 4];
        for case in 0..3000 {
            let n = 4 + (next() * 60.0) as usize;
            let x: Vec<f64> = (0..n)
                .map(|_| {
                    let u = next();
                    let tail = (1.0 / (1.0 - u * 0.999)).powf(1.0 + 2.0 * next());
                    let v = (tail * 4.0).round() / 4.0;
                    if case % 3 == 0 {
                        -v
                    } else {
                        v
                    }
                })
                .collect();
            let max = 1 + case % 7;
            let c = choose(&x, max);
            kinds[match c {
                Choice::Passed => 0,
                Choice::Untreated => 1,
                Choice::Winsorized { .. } => 2,
                Choice::Log { .. } => 3,
            }] += 1;
            let ours: Vec<f64> = x.iter().map(|&v| c.apply(Some(v)).unwrap()).collect();
            assert_eq!(ours, coinr(&x, max), "case {case}: {x:?}, {c:?}");
        }
        // passing, winsorized and the logarithm each met many times (an answerless
        // check is `too_few_or_equal_values_are_left_as_they_are`'s)
        assert!([0, 2, 3].iter().all(|&k| kinds[k] > 20), "{kinds:?}");
    }
}
