//! Rank correlations between two rankings: Spearman's ρ on fractional ranks and
//! Kendall's τ-b with its tie correction, in O(n log n).

/// Fractional ranks (1-based, ties averaged) of values where lower is better.
fn fractional_ranks(xs: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut ranks = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            ranks[k] = avg;
        }
        i = j + 1;
    }
    ranks
}

/// Spearman's ρ: Pearson's correlation of the fractional ranks (ties handled by
/// averaging). `None` for fewer than two pairs or no variance.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() < 2 || a.len() != b.len() {
        return None;
    }
    let (ra, rb) = (fractional_ranks(a), fractional_ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let mut cov = 0.0;
    let (mut va, mut vb) = (0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        cov += (x - ma) * (y - mb);
        va += (x - ma) * (x - ma);
        vb += (y - mb) * (y - mb);
    }
    if va == 0.0 || vb == 0.0 {
        return None;
    }
    Some(cov / (va * vb).sqrt())
}

/// Kendall's τ-b, which corrects for ties in either ranking, by Knight's O(n log n)
/// algorithm (W. R. Knight, "A computer method for calculating Kendall's tau with
/// ungrouped data", JASA 61, 1966): sort the pairs by `a` then `b`, count the ties, and
/// count the discordant pairs as the swaps a merge sort of `b` makes.
pub fn kendall_tau_b(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len();
    if n < 2 || n != b.len() {
        return None;
    }
    let pairs = |t: u64| t * (t.saturating_sub(1)) / 2;
    // the tied pairs of the runs of equal elements of a sorted sequence
    let tied = |v: &[usize], eq: &dyn Fn(usize, usize) -> bool| -> u64 {
        let (mut total, mut run) = (0, 1u64);
        for w in v.windows(2) {
            if eq(w[0], w[1]) {
                run += 1;
            } else {
                total += pairs(run);
                run = 1;
            }
        }
        total + pairs(run)
    };
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_unstable_by(|&i, &j| a[i].total_cmp(&a[j]).then(b[i].total_cmp(&b[j])));
    let same_a = |i: usize, j: usize| a[i].total_cmp(&a[j]).is_eq();
    let n1 = tied(&idx, &same_a);
    let n3 = tied(&idx, &|i, j| same_a(i, j) && b[i].total_cmp(&b[j]).is_eq());
    let swaps = merge_count(&mut idx, &mut vec![0; n], b);
    let n2 = tied(&idx, &|i, j| b[i].total_cmp(&b[j]).is_eq());
    let n0 = pairs(n as u64);
    let (not_tied_a, not_tied_b) = (n0 - n1, n0 - n2);
    if not_tied_a == 0 || not_tied_b == 0 {
        return None;
    }
    // concordant − discordant
    let s = n0 as i128 - n1 as i128 - n2 as i128 + n3 as i128 - 2 * swaps as i128;
    Some(s as f64 / ((not_tied_a as f64) * (not_tied_b as f64)).sqrt())
}

/// Sort `v` by `key[v[i]]` (stable merge sort), returning how many pairs it found out of
/// order (`key` strictly greater before smaller).
fn merge_count(v: &mut [usize], buf: &mut [usize], key: &[f64]) -> u64 {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut swaps = merge_count(&mut v[..mid], &mut buf[..mid], key)
        + merge_count(&mut v[mid..], &mut buf[mid..], key);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if key[v[j]].total_cmp(&key[v[i]]).is_lt() {
            buf[k] = v[j];
            swaps += (mid - i) as u64;
            j += 1;
        } else {
            buf[k] = v[i];
            i += 1;
        }
        k += 1;
    }
    buf[k..k + mid - i].copy_from_slice(&v[i..mid]);
    k += mid - i;
    buf[k..k + n - j].copy_from_slice(&v[j..n]);
    v.copy_from_slice(&buf[..n]);
    swaps
}
