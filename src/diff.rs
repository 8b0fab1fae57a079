//! What a methodology revision (or a new period's data) does to the ranking: moves,
//! rank correlations, attribution of every score change to indicators and groups, and
//! the methodology's own changes as a reviewer reads them.

use crate::check::{GroupDef, IrExpr, Methodology, NodeRef, ZoneDef, ZoneRule};
use crate::engine::Ranking;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One region, old and new.
#[derive(Debug, Clone, Serialize)]
pub struct RegionMove {
    pub key: String,
    pub label: String,
    pub old_place: Option<f64>,
    pub new_place: Option<f64>,
    /// Positions gained (positive: up): how many fewer regions are placed ahead of it than
    /// before. Counted in positions, not in place numbers, so that under dense places a tie
    /// broken above a region does not move it; `None` when not ranked on one side.
    pub moved: Option<f64>,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
    pub old_zone: Option<String>,
    pub new_zone: Option<String>,
    /// The zones' titles, as the rankings show them.
    pub old_zone_title: Option<String>,
    pub new_zone_title: Option<String>,
    /// Why the region moved or its place number changed where its score did not: a tie
    /// broken, places renumbered by ties above it.
    pub note: Option<String>,
    pub old_excluded: Option<String>,
    pub new_excluded: Option<String>,
    /// The indicators whose contributions changed most, (name, change in score points),
    /// largest first; every indicator's change is in `all_indicators`.
    pub top_indicators: Vec<(String, f64)>,
    /// The groups whose contributions changed most, (name, change in score points).
    pub top_groups: Vec<(String, f64)>,
    /// Every indicator's change of contribution; they add up to the change of the
    /// (unrounded) score.
    pub all_indicators: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub regions: usize,
    pub up: usize,
    pub down: usize,
    pub unchanged: usize,
    /// Ranked on one side only.
    pub ranked_changed: usize,
    /// Ranked on neither side (excluded by both versions): unchanged, not moved.
    pub ranked_neither: usize,
    /// Ranked on both sides with the same regions ahead, but another place number (ties
    /// formed or broken above).
    pub renumbered: usize,
    pub largest_up: Vec<(String, f64)>,
    pub largest_down: Vec<(String, f64)>,
    pub zone_changes: Vec<(String, Option<String>, Option<String>)>,
    pub spearman_rho: Option<f64>,
    pub kendall_tau_b: Option<f64>,
    /// How many of the old top 10 (place ≤ 10) are in the new top 10, and the sizes.
    pub top10_overlap: (usize, usize, usize),
    pub max_move: f64,
}

/// A change in the methodology itself.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// `indicator`, `group`, `rank`, `zones`, `exclude`, `header`, `input`
    pub area: String,
    pub name: String,
    pub what: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub old_title: String,
    pub new_title: String,
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    pub changes: Vec<Change>,
    pub summary: Summary,
    /// Sorted by the size of the move, then by new place.
    pub regions: Vec<RegionMove>,
}

/// Indicators in a group's subtree.
fn subtree(m: &Methodology, g: usize, out: &mut Vec<usize>) {
    for mem in &m.groups[g].members {
        match mem.node {
            NodeRef::Indicator(i) => out.push(i),
            NodeRef::Group(c) => subtree(m, c, out),
        }
    }
}

/// Contributions by indicator and by group, of one region.
type Parts = (BTreeMap<String, f64>, BTreeMap<String, f64>);

/// Each indicator's and group's contribution to the score, for every region.
fn contributions(m: &Methodology, r: &Ranking) -> HashMap<String, Parts> {
    let mut groups_of: Vec<(String, Vec<usize>)> = Vec::new();
    for (g, def) in m
        .groups
        .iter()
        .enumerate()
        .take(m.groups.len().saturating_sub(1))
    {
        let mut inds = Vec::new();
        subtree(m, g, &mut inds);
        groups_of.push((def.name.clone(), inds));
    }
    let mut out = HashMap::new();
    for row in &r.rows {
        let mut inds = BTreeMap::new();
        if row.place.is_some() {
            for (i, (name, _)) in r.indicators.iter().enumerate() {
                inds.insert(name.clone(), row.indicators[i].contribution.unwrap_or(0.0));
            }
        }
        let mut groups = BTreeMap::new();
        if row.place.is_some() {
            for (name, members) in &groups_of {
                let s: f64 = members
                    .iter()
                    .map(|&i| row.indicators[i].contribution.unwrap_or(0.0))
                    .sum();
                groups.insert(name.clone(), s);
            }
        }
        out.insert(row.key.clone(), (inds, groups));
    }
    out
}

fn deltas(old: &BTreeMap<String, f64>, new: &BTreeMap<String, f64>) -> Vec<(String, f64)> {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut v: Vec<(String, f64)> = names
        .into_iter()
        .map(|n| {
            (
                n.clone(),
                new.get(n).copied().unwrap_or(0.0) - old.get(n).copied().unwrap_or(0.0),
            )
        })
        .collect();
    v.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    v
}

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

/// Compare two runs.
pub fn diff(old_m: &Methodology, old: &Ranking, new_m: &Methodology, new: &Ranking) -> Diff {
    let old_c = contributions(old_m, old);
    let new_c = contributions(new_m, new);
    let old_rows: HashMap<&str, &crate::engine::Row> =
        old.rows.iter().map(|r| (r.key.as_str(), r)).collect();
    let mut keys: Vec<&str> = new.rows.iter().map(|r| r.key.as_str()).collect();
    for r in &old.rows {
        if !keys.contains(&r.key.as_str()) {
            keys.push(&r.key);
        }
    }
    let new_rows: HashMap<&str, &crate::engine::Row> =
        new.rows.iter().map(|r| (r.key.as_str(), r)).collect();
    let (old_pos, new_pos) = (positions(old), positions(new));
    let title = |r: &Ranking, z: &Option<String>| {
        z.as_ref()
            .and_then(|z| r.zones.iter().find(|(n, _)| n == z))
            .map(|(_, t)| t.clone())
    };
    let tie_rules_changed =
        old_m.rank.ties != new_m.rank.ties || old_m.rank.then_text != new_m.rank.then_text;
    let empty = (BTreeMap::new(), BTreeMap::new());
    let mut regions: Vec<RegionMove> = keys
        .iter()
        .map(|k| {
            let o = old_rows.get(k);
            let n = new_rows.get(k);
            let old_place = o.and_then(|r| r.place);
            let new_place = n.and_then(|r| r.place);
            let (op, np) = (old_pos.get(*k).copied(), new_pos.get(*k).copied());
            let moved = match (op, np) {
                (Some(a), Some(b)) => Some(a as f64 - b as f64),
                _ => None,
            };
            let (old_score, new_score) = (o.and_then(|r| r.score), n.and_then(|r| r.score));
            let note = match moved {
                Some(m) if m != 0.0 && old_score == new_score => Some(if tie_rules_changed {
                    "same score: ties are broken differently".to_string()
                } else {
                    "same score: regions around it changed".to_string()
                }),
                Some(0.0) if old_place != new_place => Some(format!(
                    "the same {} ahead: place numbers shifted by ties above",
                    match op {
                        Some(2) => "region".to_string(),
                        Some(p) => format!("{} regions", p - 1),
                        None => String::new(),
                    }
                )),
                _ => None,
            };
            let (oi, og) = old_c.get(*k).unwrap_or(&empty);
            let (ni, ng) = new_c.get(*k).unwrap_or(&empty);
            let all = deltas(oi, ni);
            let groups = deltas(og, ng);
            RegionMove {
                key: k.to_string(),
                label: n.or(o).map(|r| r.label.clone()).unwrap_or_default(),
                old_place,
                new_place,
                moved,
                old_score,
                new_score,
                old_zone: o.and_then(|r| r.zone.clone()),
                new_zone: n.and_then(|r| r.zone.clone()),
                old_zone_title: o.and_then(|r| title(old, &r.zone)),
                new_zone_title: n.and_then(|r| title(new, &r.zone)),
                note,
                old_excluded: o.and_then(|r| r.excluded.clone()),
                new_excluded: n.and_then(|r| r.excluded.clone()),
                top_indicators: all
                    .iter()
                    .filter(|x| x.1.abs() > 1e-9)
                    .take(3)
                    .cloned()
                    .collect(),
                top_groups: groups
                    .into_iter()
                    .filter(|x| x.1.abs() > 1e-9)
                    .take(3)
                    .collect(),
                all_indicators: all,
            }
        })
        .collect();
    regions.sort_by(|a, b| {
        let ma = a.moved.map(f64::abs).unwrap_or(f64::INFINITY);
        let mb = b.moved.map(f64::abs).unwrap_or(f64::INFINITY);
        mb.total_cmp(&ma)
            .then(
                a.new_place
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.new_place.unwrap_or(f64::MAX)),
            )
            .then(a.key.cmp(&b.key))
    });
    let summary = summarize(&regions);
    Diff {
        old_title: old.title.clone(),
        new_title: new.title.clone(),
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes: changes(old_m, new_m),
        summary,
        regions,
    }
}

/// Each ranked region's position: 1 + the number of regions placed strictly ahead of it
/// (its place under `ties competition`, whatever the methodology's tie method).
fn positions(r: &Ranking) -> HashMap<&str, usize> {
    let mut places: Vec<f64> = r.rows.iter().filter_map(|x| x.place).collect();
    places.sort_by(f64::total_cmp);
    r.rows
        .iter()
        .filter_map(|x| {
            let p = x.place?;
            Some((x.key.as_str(), 1 + places.partition_point(|q| *q < p)))
        })
        .collect()
}

fn summarize(regions: &[RegionMove]) -> Summary {
    let both: Vec<&RegionMove> = regions.iter().filter(|r| r.moved.is_some()).collect();
    let up = both.iter().filter(|r| r.moved.unwrap() > 0.0).count();
    let down = both.iter().filter(|r| r.moved.unwrap() < 0.0).count();
    let mut ups: Vec<(String, f64)> = both
        .iter()
        .filter(|r| r.moved.unwrap() > 0.0)
        .map(|r| (r.key.clone(), r.moved.unwrap()))
        .collect();
    ups.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut downs: Vec<(String, f64)> = both
        .iter()
        .filter(|r| r.moved.unwrap() < 0.0)
        .map(|r| (r.key.clone(), r.moved.unwrap()))
        .collect();
    downs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    ups.truncate(5);
    downs.truncate(5);
    let old_p: Vec<f64> = both.iter().map(|r| r.old_place.unwrap()).collect();
    let new_p: Vec<f64> = both.iter().map(|r| r.new_place.unwrap()).collect();
    let top_old: BTreeSet<&str> = regions
        .iter()
        .filter(|r| r.old_place.is_some_and(|p| p <= 10.0))
        .map(|r| r.key.as_str())
        .collect();
    let top_new: BTreeSet<&str> = regions
        .iter()
        .filter(|r| r.new_place.is_some_and(|p| p <= 10.0))
        .map(|r| r.key.as_str())
        .collect();
    let mut zone_changes: Vec<(String, Option<String>, Option<String>)> = regions
        .iter()
        .filter(|r| r.old_zone != r.new_zone)
        .map(|r| (r.key.clone(), r.old_zone.clone(), r.new_zone.clone()))
        .collect();
    zone_changes.sort();
    Summary {
        regions: regions.len(),
        up,
        down,
        unchanged: both.len() - up - down,
        ranked_changed: regions
            .iter()
            .filter(|r| r.old_place.is_some() != r.new_place.is_some())
            .count(),
        ranked_neither: regions
            .iter()
            .filter(|r| r.old_place.is_none() && r.new_place.is_none())
            .count(),
        renumbered: both
            .iter()
            .filter(|r| r.moved == Some(0.0) && r.old_place != r.new_place)
            .count(),
        largest_up: ups,
        largest_down: downs,
        zone_changes,
        spearman_rho: spearman(&old_p, &new_p),
        kendall_tau_b: kendall_tau_b(&old_p, &new_p),
        top10_overlap: (
            top_old.intersection(&top_new).count(),
            top_old.len(),
            top_new.len(),
        ),
        max_move: both
            .iter()
            .map(|r| r.moved.unwrap().abs())
            .fold(0.0, f64::max),
    }
}

fn fmt_w(g: &GroupDef, w: f64) -> String {
    use crate::check::WeightScheme::*;
    match g.scheme {
        Points => format!("points {}", crate::report::fmt_num(w)),
        Percent => format!("weight {}%", crate::report::fmt_num(w * 100.0)),
        Relative => format!("weight {}", crate::report::fmt_num(w)),
        Equal => "equal weight".into(),
    }
}

fn member_names(m: &Methodology, g: &GroupDef) -> Vec<(String, f64)> {
    g.members
        .iter()
        .map(|x| {
            let n = match x.node {
                NodeRef::Indicator(i) => m.indicators[i].name.clone(),
                NodeRef::Group(c) => m.groups[c].name.clone(),
            };
            (n, x.weight)
        })
        .collect()
}

/// The methodology's own changes, compared on the checked form (so layout, comments and
/// the order of items do not count).
pub fn changes(old: &Methodology, new: &Methodology) -> Vec<Change> {
    let mut out = Vec::new();
    let mut ch = |area: &str, name: &str, what: String| {
        out.push(Change {
            area: area.into(),
            name: name.into(),
            what,
        })
    };
    if old.version != new.version {
        ch(
            "header",
            "version",
            format!(
                "{} → {}",
                old.version.as_deref().unwrap_or("—"),
                new.version.as_deref().unwrap_or("—")
            ),
        );
    }
    if old.key != new.key {
        ch("header", "key", format!("{} → {}", old.key, new.key));
    }
    for i in &new.inputs {
        match old.inputs.iter().find(|o| o.name == i.name) {
            None => ch("input", &i.name, format!("added: \"{}\"", i.path)),
            Some(o) => {
                if o.path != i.path {
                    ch(
                        "input",
                        &i.name,
                        format!("path \"{}\" → \"{}\"", o.path, i.path),
                    );
                }
                if o.encoding != i.encoding {
                    let name = |e: Option<&'static encoding_rs::Encoding>| {
                        e.map_or("told from the text".to_string(), |e| {
                            format!("\"{}\"", e.name())
                        })
                    };
                    ch(
                        "input",
                        &i.name,
                        format!("encoding {} → {}", name(o.encoding), name(i.encoding)),
                    );
                }
            }
        }
    }
    for o in &old.inputs {
        if !new.inputs.iter().any(|i| i.name == o.name) {
            ch("input", &o.name, "removed".into());
        }
    }
    let ex_text =
        |x: &crate::check::Exclusion| format!("when {} \"{}\"", x.condition_text, x.reason);
    let same_ex = |a: &crate::check::Exclusion, b: &crate::check::Exclusion| {
        a.reason == b.reason && same_expr(old, &a.condition, new, &b.condition)
    };
    for x in &new.exclusions {
        if !old.exclusions.iter().any(|o| same_ex(o, x)) {
            ch("exclude", "", format!("added: {}", ex_text(x)));
        }
    }
    for o in &old.exclusions {
        if !new.exclusions.iter().any(|x| same_ex(o, x)) {
            ch("exclude", "", format!("removed: {}", ex_text(o)));
        }
    }
    for ind in &new.indicators {
        let Some(o) = old.indicators.iter().find(|o| o.name == ind.name) else {
            ch(
                "indicator",
                &ind.name,
                format!("added: \"{}\" = {}", ind.title, ind.value_text),
            );
            continue;
        };
        if !same_expr(old, &o.value, new, &ind.value) {
            ch(
                "indicator",
                &ind.name,
                format!("value: {} → {}", o.value_text, ind.value_text),
            );
        }
        if o.better != ind.better {
            ch(
                "indicator",
                &ind.name,
                format!("better: {:?} → {:?}", o.better, ind.better).to_lowercase(),
            );
        }
        if o.transforms != ind.transforms {
            ch(
                "indicator",
                &ind.name,
                format!("transform: {:?} → {:?}", o.transforms, ind.transforms),
            );
        }
        if o.normalization != ind.normalization {
            ch(
                "indicator",
                &ind.name,
                format!(
                    "normalize: {} → {}",
                    norm_text(&o.normalization),
                    norm_text(&ind.normalization)
                ),
            );
        }
        if o.missing != ind.missing {
            ch(
                "indicator",
                &ind.name,
                format!(
                    "missing: {} → {}",
                    policy_text(&o.missing),
                    policy_text(&ind.missing)
                ),
            );
        }
        if o.title != ind.title {
            ch(
                "indicator",
                &ind.name,
                format!("title: \"{}\" → \"{}\"", o.title, ind.title),
            );
        }
    }
    for o in &old.indicators {
        if !new.indicators.iter().any(|i| i.name == o.name) {
            ch("indicator", &o.name, format!("removed: \"{}\"", o.title));
        }
    }
    for g in &new.groups {
        let Some(o) = old.groups.iter().find(|o| o.name == g.name) else {
            ch("group", &g.name, format!("added: \"{}\"", g.title));
            continue;
        };
        if o.aggregation != g.aggregation {
            ch(
                "group",
                &g.name,
                format!(
                    "aggregation: {} → {}",
                    o.aggregation.name(),
                    g.aggregation.name()
                ),
            );
        }
        let (om, nm) = (member_names(old, o), member_names(new, g));
        for (n, w) in &nm {
            match om.iter().find(|x| &x.0 == n) {
                None => ch(
                    "group",
                    &g.name,
                    format!("member added: {n} ({})", fmt_w(g, *w)),
                ),
                Some((_, ow)) if (ow - w).abs() > 1e-12 || o.scheme != g.scheme => ch(
                    "group",
                    &g.name,
                    format!("{n}: {} → {}", fmt_w(o, *ow), fmt_w(g, *w)),
                ),
                _ => {}
            }
        }
        for (n, w) in &om {
            if !nm.iter().any(|x| &x.0 == n) {
                ch(
                    "group",
                    &g.name,
                    format!("member removed: {n} ({})", fmt_w(o, *w)),
                );
            }
        }
    }
    for o in &old.groups {
        if !new.groups.iter().any(|g| g.name == o.name) {
            ch("group", &o.name, format!("removed: \"{}\"", o.title));
        }
    }
    if old.rank.round != new.rank.round {
        ch(
            "rank",
            "round",
            format!("{:?} → {:?}", old.rank.round, new.rank.round)
                .replace("Some(", "")
                .replace(')', "")
                .replace("None", "none"),
        );
    }
    if old.rank.ties != new.rank.ties {
        ch(
            "rank",
            "ties",
            format!("{} → {}", old.rank.ties.name(), new.rank.ties.name()),
        );
    }
    let tb = |m: &Methodology| {
        m.rank
            .then_text
            .iter()
            .zip(&m.rank.then)
            .map(|(t, (_, o))| {
                format!(
                    "{t} {}",
                    if *o == crate::syntax::ast::Order::Asc {
                        "asc"
                    } else {
                        "desc"
                    }
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let same_tb = old.rank.then.len() == new.rank.then.len()
        && old
            .rank
            .then
            .iter()
            .zip(&new.rank.then)
            .all(|((a, oa), (b, ob))| oa == ob && same_expr(old, a, new, b));
    if !same_tb {
        ch(
            "rank",
            "then",
            format!("{} → {}", or_none(&tb(old)), or_none(&tb(new))),
        );
    }
    let same_zone = |a: &ZoneDef, b: &ZoneDef| {
        a.name == b.name
            && a.title == b.title
            && match (&a.rule, &b.rule) {
                (ZoneRule::When(x), ZoneRule::When(y)) => same_expr(old, x, new, y),
                (ZoneRule::Top(x), ZoneRule::Top(y)) | (ZoneRule::Next(x), ZoneRule::Next(y)) => {
                    x == y
                }
                (ZoneRule::Otherwise, ZoneRule::Otherwise) => true,
                _ => false,
            }
    };
    let zone_text = |z: &ZoneDef| format!("{} \"{}\" {}", z.name, z.title, z.rule_text);
    let unchanged = old.zones.len() == new.zones.len()
        && old
            .zones
            .iter()
            .zip(&new.zones)
            .all(|(a, b)| same_zone(a, b));
    if !unchanged {
        let mut any = false;
        for z in &new.zones {
            if !old.zones.iter().any(|o| same_zone(o, z)) {
                any = true;
                let what = if old.zones.iter().any(|o| o.name == z.name) {
                    "now"
                } else {
                    "added"
                };
                ch("zones", &z.name, format!("{what}: {}", zone_text(z)));
            }
        }
        for o in &old.zones {
            if !new.zones.iter().any(|z| same_zone(o, z)) {
                any = true;
                let what = if new.zones.iter().any(|z| z.name == o.name) {
                    "was"
                } else {
                    "removed"
                };
                ch("zones", &o.name, format!("{what}: {}", zone_text(o)));
            }
        }
        if !any {
            ch("zones", "", "order changed".into());
        }
    }
    out
}

/// Whether two expressions, each of its own methodology, mean the same: the same tree,
/// whatever the parentheses, layout or order of declarations (inputs, indicators and
/// groups are compared by name).
pub fn same_expr(ma: &Methodology, a: &IrExpr, mb: &Methodology, b: &IrExpr) -> bool {
    let same = |x: &IrExpr, y: &IrExpr| same_expr(ma, x, mb, y);
    match (a, b) {
        (IrExpr::Num(x), IrExpr::Num(y)) => x == y,
        (IrExpr::Bool(x), IrExpr::Bool(y)) => x == y,
        (
            IrExpr::Column {
                input: i,
                column: c,
            },
            IrExpr::Column {
                input: j,
                column: d,
            },
        ) => c == d && ma.inputs[*i].name == mb.inputs[*j].name,
        (IrExpr::Indicator(i), IrExpr::Indicator(j)) => {
            ma.indicators[*i].name == mb.indicators[*j].name
        }
        (IrExpr::Group(i), IrExpr::Group(j)) => ma.groups[*i].name == mb.groups[*j].name,
        (IrExpr::Score, IrExpr::Score) | (IrExpr::Place, IrExpr::Place) => true,
        (IrExpr::Neg(x), IrExpr::Neg(y)) | (IrExpr::Not(x), IrExpr::Not(y)) => same(x, y),
        (IrExpr::Bin(o, x1, x2), IrExpr::Bin(p, y1, y2)) => o == p && same(x1, y1) && same(x2, y2),
        (IrExpr::If(x1, x2, x3), IrExpr::If(y1, y2, y3)) => {
            same(x1, y1) && same(x2, y2) && same(x3, y3)
        }
        (IrExpr::Func(f, xs), IrExpr::Func(g, ys)) => {
            f == g && xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y))
        }
        (IrExpr::Agg(f, x), IrExpr::Agg(g, y)) => f == g && same(x, y),
        _ => false,
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        "none"
    } else {
        s
    }
}

fn norm_text(n: &crate::builtins::Normalization) -> String {
    use crate::builtins::Normalization::*;
    let f = crate::report::fmt_num;
    match n {
        MinMaxTo(a, b) => format!("minmax({}, {})", f(*a), f(*b)),
        Goalposts(a, b) => format!("goalposts({}, {})", f(*a), f(*b)),
        Target(t) => format!("target({})", f(*t)),
        Bands(bands, e) => {
            let parts: Vec<String> = bands
                .iter()
                .map(|b| format!("{} {} : {}", b.op.symbol(), f(b.threshold), f(b.value)))
                .collect();
            format!("bands {{ {}  else : {} }}", parts.join("  "), f(*e))
        }
        other => other.name().to_string(),
    }
}

fn policy_text(p: &crate::builtins::MissingPolicy) -> String {
    match p {
        crate::builtins::MissingPolicy::Value(v) => {
            format!("value({})", crate::report::fmt_num(*v))
        }
        other => other.name().to_string(),
    }
}
