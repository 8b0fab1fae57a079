//! What a methodology revision (or a new period's data) does to the ranking: moves,
//! rank correlations, attribution of every score change to indicators and groups, and
//! the methodology's own changes as a reviewer reads them.

use crate::check::{GroupDef, Methodology, NodeRef};
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
    /// Places gained (positive: up); `None` when not ranked on one side.
    pub moved: Option<f64>,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
    pub old_zone: Option<String>,
    pub new_zone: Option<String>,
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

/// Kendall's τ-b, which corrects for ties in either ranking.
pub fn kendall_tau_b(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() < 2 || a.len() != b.len() {
        return None;
    }
    let (mut concordant, mut discordant, mut ties_a, mut ties_b) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..a.len() {
        for j in i + 1..a.len() {
            let da = a[i].total_cmp(&a[j]) as i64;
            let db = b[i].total_cmp(&b[j]) as i64;
            if da == 0 && db == 0 {
                continue;
            }
            if da == 0 {
                ties_a += 1;
            } else if db == 0 {
                ties_b += 1;
            } else if da == db {
                concordant += 1;
            } else {
                discordant += 1;
            }
        }
    }
    let n1 = (concordant + discordant + ties_a) as f64;
    let n2 = (concordant + discordant + ties_b) as f64;
    if n1 == 0.0 || n2 == 0.0 {
        return None;
    }
    Some((concordant - discordant) as f64 / (n1 * n2).sqrt())
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
    let empty = (BTreeMap::new(), BTreeMap::new());
    let mut regions: Vec<RegionMove> = keys
        .iter()
        .map(|k| {
            let o = old_rows.get(k);
            let n = new_rows.get(k);
            let old_place = o.and_then(|r| r.place);
            let new_place = n.and_then(|r| r.place);
            let moved = match (old_place, new_place) {
                (Some(a), Some(b)) => Some(a - b),
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
                old_score: o.and_then(|r| r.score),
                new_score: n.and_then(|r| r.score),
                old_zone: o.and_then(|r| r.zone.clone()),
                new_zone: n.and_then(|r| r.zone.clone()),
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
        Points => format!("points {}", crate::engine::result_fmt_num(w)),
        Percent => format!("weight {}%", crate::engine::result_fmt_num(w * 100.0)),
        Relative => format!("weight {}", crate::engine::result_fmt_num(w)),
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
    let ex = |m: &Methodology| {
        m.exclusions
            .iter()
            .map(|x| format!("when {} \"{}\"", x.condition_text, x.reason))
            .collect::<Vec<_>>()
    };
    let (eo, en) = (ex(old), ex(new));
    for x in &en {
        if !eo.contains(x) {
            ch("exclude", "", format!("added: {x}"));
        }
    }
    for x in &eo {
        if !en.contains(x) {
            ch("exclude", "", format!("removed: {x}"));
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
        if o.value_text != ind.value_text {
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
    if tb(old) != tb(new) {
        ch(
            "rank",
            "then",
            format!("{} → {}", or_none(&tb(old)), or_none(&tb(new))),
        );
    }
    let zones = |m: &Methodology| {
        m.zones
            .iter()
            .map(|z| format!("{} \"{}\" {}", z.name, z.title, z.rule_text))
            .collect::<Vec<_>>()
    };
    let (zo, zn) = (zones(old), zones(new));
    if zo != zn {
        for z in &zn {
            if !zo.contains(z) {
                ch("zones", "", format!("now: {z}"));
            }
        }
        for z in &zo {
            if !zn.contains(z) {
                ch("zones", "", format!("was: {z}"));
            }
        }
        if zn.iter().all(|z| zo.contains(z)) && zo.iter().all(|z| zn.contains(z)) {
            ch("zones", "", "order changed".into());
        }
    }
    out
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
    let f = crate::engine::result_fmt_num;
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
            format!("value({})", crate::engine::result_fmt_num(*v))
        }
        other => other.name().to_string(),
    }
}
