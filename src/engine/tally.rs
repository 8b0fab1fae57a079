//! What `metodika uncertainty` keeps of its replications, as they stream: for each region
//! the count of each place, of each zone, the scores' mean and percentiles — so that the
//! memory of a million replications is that of a thousand.
//!
//! Places are counted exactly (a place is a whole number, or a half under `ties average`:
//! each is a key of a histogram of at most two per region), so their percentiles and the
//! probability of the top N are exact whatever the number of replications. The scores'
//! 5% and 95% percentiles are exact while the scores of all replications fit in
//! [`EXACT_SCORES`] values (a thousand replications of 85 regions take 85,000); beyond, they
//! are estimated as the replications stream by the P² algorithm (Jain & Chlamtac, 1985),
//! in the replications' order, the same for a seed every time. The mean score is exact
//! always, added in the replications' order.

use super::uncertainty::Outcome;
use std::collections::BTreeMap;

/// The most scores kept to give their percentiles exactly (8 bytes each: 160 MB).
pub const EXACT_SCORES: usize = 20_000_000;

/// One region's tally.
#[derive(Debug, Clone)]
pub struct RegionTally {
    /// Each place (twice it, a whole number: `ties average` gives halves) and how often.
    pub places: BTreeMap<i64, u64>,
    /// In how many replications it was ranked.
    pub ranked: u64,
    /// How often in each zone of the methodology.
    pub zones: Vec<u64>,
    /// The first score.
    pub first: Option<f64>,
    /// The sum of each score less the first, in replication order.
    pub shift: f64,
    /// How many scores.
    pub scored: u64,
    scores: Scores,
}

#[derive(Debug, Clone)]
enum Scores {
    Exact(Vec<f64>),
    Streamed(Box<(P2, P2)>),
}

/// Every region's tally over the replications.
#[derive(Debug, Clone)]
pub struct Tally {
    /// Each region's, in the nominal ranking's order.
    pub regions: Vec<RegionTally>,
    /// How many replications.
    pub runs: usize,
}

impl Tally {
    /// An empty tally of `regions` regions and `zones` zones, for `runs` replications (which
    /// decides whether the scores are kept for exact percentiles).
    pub fn new(regions: usize, zones: usize, runs: usize) -> Tally {
        let exact = runs.saturating_mul(regions) <= EXACT_SCORES;
        Tally {
            regions: (0..regions)
                .map(|_| RegionTally {
                    places: BTreeMap::new(),
                    ranked: 0,
                    zones: vec![0; zones],
                    first: None,
                    shift: 0.0,
                    scored: 0,
                    scores: match exact {
                        true => Scores::Exact(Vec::new()),
                        false => Scores::Streamed(Box::new((P2::new(0.05), P2::new(0.95)))),
                    },
                })
                .collect(),
            runs: 0,
        }
    }

    /// One more replication, in replication order.
    pub fn add(&mut self, o: &Outcome) {
        self.runs += 1;
        for (i, t) in self.regions.iter_mut().enumerate() {
            if let Some(p) = o.place.get(i).copied().flatten() {
                *t.places.entry((p * 2.0).round() as i64).or_insert(0) += 1;
                t.ranked += 1;
            }
            if let Some(z) = o.zone.get(i).copied().flatten() {
                if let Some(c) = t.zones.get_mut(z) {
                    *c += 1;
                }
            }
            if let Some(s) = o.score.get(i).copied().flatten() {
                let first = *t.first.get_or_insert(s);
                t.shift += s - first;
                t.scored += 1;
                match &mut t.scores {
                    Scores::Exact(v) => v.push(s),
                    Scores::Streamed(ab) => {
                        ab.0.add(s);
                        ab.1.add(s);
                    }
                }
            }
        }
    }
}

impl RegionTally {
    /// The nearest-rank percentile `p` of its places (the smallest place with at least p
    /// of the ranked replications at or below it).
    pub fn place_percentile(&self, p: f64) -> Option<f64> {
        let n = self.ranked;
        if n == 0 {
            return None;
        }
        let k = ((p * n as f64).ceil() as u64).clamp(1, n);
        let mut seen = 0;
        for (&twice, &c) in &self.places {
            seen += c;
            if seen >= k {
                return Some(twice as f64 / 2.0);
            }
        }
        None
    }

    /// How often it was ranked at `top` or above.
    pub fn within(&self, top: f64) -> u64 {
        self.places
            .range(..=(top * 2.0).floor() as i64)
            .map(|(_, c)| c)
            .sum()
    }

    /// The mean score, and its 5% and 95% percentiles (nearest rank while exact).
    pub fn scores(&self) -> Option<(f64, f64, f64)> {
        let first = self.first?;
        let mean = first + self.shift / self.scored as f64;
        match &self.scores {
            Scores::Exact(v) => {
                let mut sorted = v.clone();
                sorted.sort_by(f64::total_cmp);
                Some((mean, percentile(&sorted, 0.05), percentile(&sorted, 0.95)))
            }
            Scores::Streamed(ab) => Some((mean, ab.0.value()?, ab.1.value()?)),
        }
    }
}

/// The nearest-rank percentile `p` of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    let k = ((p * n as f64).ceil() as usize).clamp(1, n);
    sorted[k - 1]
}

/// The P² estimate of one quantile, in constant memory (five markers): Jain, R. and
/// Chlamtac, I. (1985), "The P² algorithm for dynamic calculation of quantiles and
/// histograms without storing observations", Communications of the ACM 28(10).
#[derive(Debug, Clone)]
pub struct P2 {
    p: f64,
    heights: [f64; 5],
    positions: [f64; 5],
    desired: [f64; 5],
    increments: [f64; 5],
    count: usize,
}

impl P2 {
    /// The estimate of the quantile `p` (0 to 1), of no value yet.
    pub fn new(p: f64) -> P2 {
        P2 {
            p,
            heights: [0.0; 5],
            positions: [1.0, 2.0, 3.0, 4.0, 5.0],
            desired: [1.0, 1.0 + 2.0 * p, 1.0 + 4.0 * p, 3.0 + 2.0 * p, 5.0],
            increments: [0.0, p / 2.0, p, (1.0 + p) / 2.0, 1.0],
            count: 0,
        }
    }

    /// One more value.
    pub fn add(&mut self, x: f64) {
        if self.count < 5 {
            self.heights[self.count] = x;
            self.count += 1;
            if self.count == 5 {
                self.heights.sort_by(f64::total_cmp);
            }
            return;
        }
        self.count += 1;
        let h = &mut self.heights;
        let k = if x < h[0] {
            h[0] = x;
            0
        } else if x >= h[4] {
            h[4] = x;
            3
        } else {
            (0..4).find(|&i| h[i] <= x && x < h[i + 1]).unwrap_or(3)
        };
        for i in k + 1..5 {
            self.positions[i] += 1.0;
        }
        for i in 0..5 {
            self.desired[i] += self.increments[i];
        }
        for i in 1..4 {
            let d = self.desired[i] - self.positions[i];
            let (n, q) = (self.positions, self.heights);
            if (d >= 1.0 && n[i + 1] - n[i] > 1.0) || (d <= -1.0 && n[i - 1] - n[i] < -1.0) {
                let s = d.signum();
                // the parabolic prediction, or the linear one where it leaves the bracket
                let parabolic = q[i]
                    + s / (n[i + 1] - n[i - 1])
                        * ((n[i] - n[i - 1] + s) * (q[i + 1] - q[i]) / (n[i + 1] - n[i])
                            + (n[i + 1] - n[i] - s) * (q[i] - q[i - 1]) / (n[i] - n[i - 1]));
                self.heights[i] = if q[i - 1] < parabolic && parabolic < q[i + 1] {
                    parabolic
                } else {
                    let j = if s > 0.0 { i + 1 } else { i - 1 };
                    q[i] + s * (q[j] - q[i]) / (n[j] - n[i])
                };
                self.positions[i] += s;
            }
        }
    }

    /// The estimate; with five values or fewer, the nearest-rank percentile of them.
    pub fn value(&self) -> Option<f64> {
        match self.count {
            0 => None,
            n if n <= 5 => {
                let mut v = self.heights[..n].to_vec();
                v.sort_by(f64::total_cmp);
                Some(percentile(&v, self.p))
            }
            _ => Some(self.heights[2]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p2_estimates_the_percentiles_of_a_known_distribution() {
        // 0, 1, …, 99,999 in a shuffled order: the 5% and 95% percentiles are 5,000 and 95,000
        let n = 100_000u64;
        let (mut a, mut b) = (P2::new(0.05), P2::new(0.95));
        for i in 0..n {
            let x = ((i * 7_919) % n) as f64;
            a.add(x);
            b.add(x);
        }
        assert!(
            (a.value().unwrap() - 4_999.0).abs() < 100.0,
            "{:?}",
            a.value()
        );
        assert!(
            (b.value().unwrap() - 94_999.0).abs() < 100.0,
            "{:?}",
            b.value()
        );
    }

    #[test]
    fn places_are_counted_exactly() {
        let mut t = Tally::new(1, 2, 4);
        for (p, z) in [(1.0, 0), (2.5, 1), (2.5, 1), (4.0, 1)] {
            t.add(&Outcome {
                place: vec![Some(p)],
                score: vec![Some(p * 10.0)],
                zone: vec![Some(z)],
            });
        }
        let r = &t.regions[0];
        assert_eq!(r.place_percentile(0.5), Some(2.5));
        assert_eq!(r.place_percentile(0.05), Some(1.0));
        assert_eq!(r.place_percentile(0.95), Some(4.0));
        assert_eq!(r.within(2.0), 1);
        assert_eq!(r.within(3.0), 3);
        assert_eq!(r.zones, [1, 3]);
        assert_eq!(r.scores(), Some((25.0, 10.0, 40.0)));
    }
}
