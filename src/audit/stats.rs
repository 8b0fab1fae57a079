//! The statistics of an audit, each as its source defines it (docs/audit.md gives the
//! formulas and the sources): the description of one column, Pearson's and Spearman's
//! correlations over the pairs present, Cronbach's α as COINr's `get_cronbach` computes
//! it, and the first principal component of a block as COINr's `get_PCA` does.
//!
//! Written here rather than taken from a crate: each is a few lines of sums over at most
//! a few thousand values, and the sums run in the regions' order, so the figures are the
//! same on every machine and thread count; the one iterative method, the eigenvalues of a
//! block's correlation matrix, is Jacobi's, whose result does not depend on a starting
//! vector (a block has a few dozen members at most).

/// The description of one column of values over the ranked regions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Describe {
    /// The regions with a value.
    pub n: usize,
    /// The share of the ranked regions with a value.
    pub coverage: f64,
    /// The mean of the values present.
    pub mean: Option<f64>,
    /// Their standard deviation (n − 1 in the denominator).
    pub sd: Option<f64>,
    /// The smallest value.
    pub min: Option<f64>,
    /// The largest value.
    pub max: Option<f64>,
    /// The number of values equal to 0.
    pub zeros: usize,
    /// The skewness (e1071 type 2, Excel's SKEW): at least 3 values, not all equal.
    pub skewness: Option<f64>,
    /// The excess kurtosis (e1071 type 2, Excel's KURT): at least 4 values, not all equal.
    pub kurtosis: Option<f64>,
    /// |skewness| ≥ 2 and kurtosis ≥ 3.5: the JRC's flag of outliers.
    pub outlier: bool,
}

pub use crate::stages::outliers::{KURTOSIS_LIMIT, SKEWNESS_LIMIT};

/// The values present of a column.
fn present(v: &[Option<f64>]) -> Vec<f64> {
    v.iter()
        .flatten()
        .copied()
        .filter(|x| x.is_finite())
        .collect()
}

/// The description of `v` (one value per ranked region, `None` where it has none).
pub fn describe(v: &[Option<f64>]) -> Describe {
    let x = present(v);
    let n = x.len();
    let nf = n as f64;
    let mean = (n > 0).then(|| x.iter().sum::<f64>() / nf);
    let m = mean.unwrap_or(0.0);
    let s2: f64 = x.iter().map(|xi| (xi - m) * (xi - m)).sum();
    let sd = (n > 1).then(|| (s2 / (nf - 1.0)).sqrt());
    let (skewness, kurtosis) = crate::stages::outliers::shape(&x);
    let outlier = matches!((skewness, kurtosis), (Some(g), Some(k))
        if g.abs() >= SKEWNESS_LIMIT && k >= KURTOSIS_LIMIT);
    Describe {
        n,
        coverage: if v.is_empty() {
            0.0
        } else {
            nf / v.len() as f64
        },
        mean,
        sd,
        min: x.iter().copied().reduce(f64::min),
        max: x.iter().copied().reduce(f64::max),
        zeros: x.iter().filter(|&&xi| xi == 0.0).count(),
        skewness,
        kurtosis,
        outlier,
    }
}

/// The pairs of values where both columns have one.
fn pairs(a: &[Option<f64>], b: &[Option<f64>]) -> (Vec<f64>, Vec<f64>) {
    a.iter()
        .zip(b)
        .filter_map(|(x, y)| match (x, y) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Some((*x, *y)),
            _ => None,
        })
        .unzip()
}

/// The covariance of two columns of equal length (n − 1), and the sums of squares of each.
fn co(x: &[f64], y: &[f64]) -> (f64, f64, f64) {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    (sxy, sxx, syy)
}

/// The fewest pairs a correlation is computed from.
pub const MIN_PAIRS: usize = 3;

/// Pearson's correlation of the complete values of `x` and `y`: none with fewer than
/// [`MIN_PAIRS`] pairs, or where either is constant over them.
pub fn pearson_of(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() < MIN_PAIRS {
        return None;
    }
    let (sxy, sxx, syy) = co(x, y);
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Whether a correlation `r` over `n` pairs differs from 0 at the 5% level (two-sided),
/// by Fisher's transformation: |atanh(r)| · √(n − 3) > 1.959964 (for 85 regions, |r| above
/// about 0.213).
pub fn significant(r: f64, n: usize) -> bool {
    n > 3 && r.abs() < 1.0 && r.atanh().abs() * ((n - 3) as f64).sqrt() > 1.959_963_984_540_054
        || r.abs() >= 1.0
}

/// The number of regions where both columns have a value.
pub fn pairs_present(a: &[Option<f64>], b: &[Option<f64>]) -> usize {
    let finite = |x: &Option<f64>| x.is_some_and(f64::is_finite);
    a.iter()
        .zip(b)
        .filter(|(x, y)| finite(x) && finite(y))
        .count()
}

/// Pearson's correlation over the regions where both columns have a value (R's
/// `cor(use = "pairwise.complete.obs")`).
pub fn pearson(a: &[Option<f64>], b: &[Option<f64>]) -> Option<f64> {
    let (x, y) = pairs(a, b);
    pearson_of(&x, &y)
}

/// The ranks of `x`, 1 for the smallest, tied values sharing the mean of their ranks.
pub fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<(f64, u32)> = x.iter().enumerate().map(|(i, &v)| (v, i as u32)).collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && order[j + 1].0 == order[i].0 {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &(_, k) in &order[i..=j] {
            r[k as usize] = mean;
        }
        i = j + 1;
    }
    r
}

/// A column made ready for many correlations: where every region has a value, the values
/// and their ranks once (Spearman's of two such columns is Pearson's of the ranks, with no
/// pairs to gather); else the pairs are gathered for each correlation.
pub struct Ready<'a> {
    values: &'a [Option<f64>],
    complete: Option<(Vec<f64>, Vec<f64>)>,
}

impl<'a> Ready<'a> {
    /// `values` made ready.
    pub fn new(values: &'a [Option<f64>]) -> Ready<'a> {
        let all: Option<Vec<f64>> = values.iter().map(|v| v.filter(|x| x.is_finite())).collect();
        Ready {
            values,
            complete: all.map(|v| {
                let r = ranks(&v);
                (v, r)
            }),
        }
    }

    /// Pearson's and Spearman's correlation with `other`, over the regions where both
    /// have a value: the same as [`pearson`] and [`spearman`].
    pub fn corr(&self, other: &Ready) -> (Option<f64>, Option<f64>) {
        match (&self.complete, &other.complete) {
            (Some((va, ra)), Some((vb, rb))) => (pearson_of(va, vb), pearson_of(ra, rb)),
            _ => (
                pearson(self.values, other.values),
                spearman(self.values, other.values),
            ),
        }
    }
}

/// Spearman's correlation over the regions where both columns have a value: Pearson's of
/// their ranks, ties sharing the mean rank (R's `cor(method = "spearman")`).
pub fn spearman(a: &[Option<f64>], b: &[Option<f64>]) -> Option<f64> {
    let (x, y) = pairs(a, b);
    pearson_of(&ranks(&x), &ranks(&y))
}

/// Cronbach's α of a block's members as COINr's `get_cronbach` computes it: from the
/// covariances over pairs present (`raw`) or the correlations (`standardized`),
/// `α = k² · σ̄ / Σσ`, σ̄ the mean of the elements off the diagonal, Σσ the sum of all
/// of them. None for fewer than two members or where a pair has too few regions.
pub fn cronbach(cols: &[&[Option<f64>]], standardized: bool) -> Option<f64> {
    let k = cols.len();
    if k < 2 {
        return None;
    }
    let (mut all, mut diag) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let (x, y) = pairs(cols[i], cols[j]);
            if x.len() < MIN_PAIRS {
                return None;
            }
            let v = match standardized {
                true => match i == j {
                    true => 1.0,
                    false => pearson_of(&x, &y)?,
                },
                false => co(&x, &y).0 / (x.len() as f64 - 1.0),
            };
            all += v;
            if i == j {
                diag += v;
            }
        }
    }
    let kf = k as f64;
    let off = (all - diag) / (kf * (kf - 1.0));
    (all != 0.0).then(|| kf * kf * off / all)
}

/// The first principal component of a block.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Component {
    /// The share of the members' variance it explains (its eigenvalue ÷ k).
    pub share: f64,
    /// Each member's coefficient (the unit eigenvector, signed so that they sum to 0 or
    /// more; R's `prcomp(scale = TRUE)$rotation[, 1]` up to the sign).
    pub loadings: Vec<f64>,
    /// The regions it is computed over: those with a value of every member.
    pub n: usize,
}

/// The first principal component of the standardized members (COINr's `get_PCA`: the
/// regions with every member, `prcomp(center = TRUE, scale = TRUE)`). None for fewer than
/// two members, fewer than [`MIN_PAIRS`] such regions or a constant member.
pub fn first_component(cols: &[&[Option<f64>]]) -> Option<Component> {
    let k = cols.len();
    if k < 2 {
        return None;
    }
    let rows: Vec<usize> = (0..cols[0].len())
        .filter(|&r| cols.iter().all(|c| c[r].is_some_and(f64::is_finite)))
        .collect();
    let complete: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| rows.iter().map(|&r| c[r].unwrap_or(0.0)).collect())
        .collect();
    let mut a = vec![vec![0.0; k]; k];
    for i in 0..k {
        a[i][i] = 1.0;
        for j in 0..i {
            let r = pearson_of(&complete[i], &complete[j])?;
            a[i][j] = r;
            a[j][i] = r;
        }
    }
    let (values, vectors) = jacobi(a);
    let top = (0..k).max_by(|&i, &j| values[i].total_cmp(&values[j]).then(j.cmp(&i)))?;
    let mut loadings: Vec<f64> = (0..k).map(|i| vectors[i][top]).collect();
    if loadings.iter().sum::<f64>() < 0.0 {
        loadings.iter_mut().for_each(|x| *x = -*x);
    }
    Some(Component {
        share: values[top] / k as f64,
        loadings,
        n: rows.len(),
    })
}

/// The eigenvalues of a symmetric matrix and its eigenvectors (as columns), by Jacobi's
/// cyclic method.
pub fn jacobi(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let k = a.len();
    let mut v: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..k).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    for _sweep in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|i| (0..k).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                if a[p][q] == 0.0 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in a.iter_mut() {
                    let (arp, arq) = (row[p], row[q]);
                    row[p] = c * arp - s * arq;
                    row[q] = s * arp + c * arq;
                }
                let (ap, aq) = (a[p].clone(), a[q].clone());
                for r in 0..k {
                    a[p][r] = c * ap[r] - s * aq[r];
                    a[q][r] = s * ap[r] + c * aq[r];
                }
                for row in v.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - s * vq;
                    row[q] = s * vp + c * vq;
                }
            }
        }
    }
    ((0..k).map(|i| a[i][i]).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(x: &[f64]) -> Vec<Option<f64>> {
        x.iter().map(|&v| Some(v)).collect()
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a value");
        assert!((a - b).abs() < 1e-12, "{a} ≠ {b}");
    }

    /// 1, 2, 3, 4, 10 by hand: mean 4, deviations −3 −2 −1 0 6, Σd² = 50, Σd³ = 180,
    /// Σd⁴ = 1394; g = √5·180/50^1.5 · √20/3 = 1.6970562…; k = (6·(5·1394/2500 − 3)
    /// \+ 6)·4/(3·2) = 3.152; sd = √12.5 (pandas' skew() and kurt(): 1.697056274847714
    /// and 3.1519999999999984).
    #[test]
    fn a_column_is_described_as_excel_and_e1071_type_2_do() {
        let mut v = some(&[1.0, 2.0, 3.0, 4.0, 10.0]);
        v.push(None);
        let d = describe(&v);
        assert_eq!((d.n, d.zeros), (5, 0));
        assert!((d.coverage - 5.0 / 6.0).abs() < 1e-15);
        close(d.mean, 4.0);
        close(d.sd, 12.5f64.sqrt());
        close(d.min, 1.0);
        close(d.max, 10.0);
        let g = 5f64.sqrt() * 180.0 / 50f64.powf(1.5) * 20f64.sqrt() / 3.0;
        close(d.skewness, g);
        close(d.skewness, 1.697056274847714);
        close(d.kurtosis, 3.152);
        assert!(!d.outlier);
        // one large value among many small ones: flagged
        let mut w = vec![1.0; 20];
        w[0] = 100.0;
        w[1] = 2.0;
        assert!(describe(&some(&w)).outlier);
        // too few values, or all equal: no shape
        let c = describe(&some(&[3.0, 3.0, 3.0, 3.0]));
        assert_eq!((c.skewness, c.kurtosis, c.sd), (None, None, Some(0.0)));
        assert_eq!(describe(&some(&[1.0, 2.0, 4.0])).kurtosis, None);
        assert_eq!(describe(&[]).mean, None);
    }

    /// x = 1 2 3 4 5, y = 2 4 5 4 5: Σdxdy = 6, Σdx² = 10, Σdy² = 6 → r = 6/√60; ranks of
    /// y: 1, 2.5, 4.5, 2.5, 4.5 → Spearman = 0.7378647873726218 (R: cor(x, y, method =
    /// "spearman")).
    #[test]
    fn correlations_are_pearsons_and_spearmans_over_the_pairs_present() {
        let x = some(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        let y = some(&[2.0, 4.0, 5.0, 4.0, 5.0]);
        close(pearson(&x, &y), 6.0 / 60f64.sqrt());
        close(spearman(&x, &y), 0.7378647873726218);
        assert_eq!(ranks(&[2.0, 4.0, 5.0, 4.0, 5.0]), [1.0, 2.5, 4.5, 2.5, 4.5]);
        // a missing value leaves its pair out
        let mut z = y.clone();
        z[4] = None;
        close(
            pearson(&x, &z),
            pearson_of(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.0, 5.0, 4.0]).unwrap(),
        );
        assert_eq!(pearson(&x, &some(&[1.0; 5])), None);
        assert_eq!(pearson(&x[..2], &y[..2]), None);
        // 85 regions: |r| above tanh(1.96/√82) = 0.2131… differs from 0 at 5%
        assert!(significant(-0.214, 85) && !significant(-0.213, 85));
        assert!(!significant(0.9, 3) && significant(1.0, 3));
        assert_eq!(pairs_present(&x, &z), 4);
        // made ready once: the same figures
        let (rx, ry, rz) = (Ready::new(&x), Ready::new(&y), Ready::new(&z));
        assert_eq!(rx.corr(&ry), (pearson(&x, &y), spearman(&x, &y)));
        assert_eq!(rx.corr(&rz), (pearson(&x, &z), spearman(&x, &z)));
    }

    /// Two members x = 1 2 3 4, y = 2 2 4 4: var 5/3 and 4/3, cov 4/3; Σσ = 17/3,
    /// σ̄ = 4/3 → α = 4·(4/3)/(17/3) = 16/17; r = (4/3)/√(20/9) → α_std = 2r/(1 + r).
    #[test]
    fn cronbachs_alpha_is_coinrs() {
        let x = some(&[1.0, 2.0, 3.0, 4.0]);
        let y = some(&[2.0, 2.0, 4.0, 4.0]);
        close(cronbach(&[&x, &y], false), 16.0 / 17.0);
        let r = (4.0 / 3.0) / (20.0f64 / 9.0).sqrt();
        close(cronbach(&[&x, &y], true), 2.0 * r / (1.0 + r));
        assert_eq!(cronbach(&[&x], false), None);
    }

    /// Two members correlated r: the eigenvalues of [[1, r], [r, 1]] are 1 ± r, the first
    /// component (1, 1)/√2 explains (1 + r)/2; three members with one unrelated.
    #[test]
    fn the_first_component_is_that_of_the_correlation_matrix() {
        let x = some(&[1.0, 2.0, 3.0, 4.0]);
        let y = some(&[2.0, 2.0, 4.0, 4.0]);
        let r = pearson(&x, &y).unwrap();
        let c = first_component(&[&x, &y]).unwrap();
        close(Some(c.share), (1.0 + r) / 2.0);
        close(Some(c.loadings[0]), 0.5f64.sqrt());
        close(Some(c.loadings[1]), 0.5f64.sqrt());
        assert_eq!(c.n, 4);
        // a matrix whose eigenvalues are known: diag(3, 1, 2) rotated
        let (vals, vecs) = jacobi(vec![
            vec![2.0, 1.0, 0.0],
            vec![1.0, 2.0, 0.0],
            vec![0.0, 0.0, 2.0],
        ]);
        let mut sorted = vals.clone();
        sorted.sort_by(f64::total_cmp);
        for (a, b) in sorted.iter().zip([1.0, 2.0, 3.0]) {
            assert!((a - b).abs() < 1e-12);
        }
        let top = vals.iter().position(|&v| (v - 3.0).abs() < 1e-9).unwrap();
        assert!((vecs[0][top].abs() - 0.5f64.sqrt()).abs() < 1e-12);
        assert!(vecs[2][top].abs() < 1e-12);
    }
}
