//! Replications of `metodika uncertainty` on the dense evaluator: stages 1–2 prepared
//! once ([`super::Prepared`]), the nominal stage 3 reused where a draw leaves an
//! indicator as it is, stages 5–7 by the run's own functions.

use super::expr::full;
use super::*;
use crate::builtins::Normalization;
use crate::check::IndicatorDef;
use std::sync::Arc;

/// Stages 5 to 7 with the frame's rows left as they are: only the score and the
/// tie-breakers are put in order for the places; the zones are taken row by row. The
/// same as [`ranking`] where no zone rule computes over the regions (`mean_of`, …),
/// whose sums would follow the rows' order. Each row's place and zone.
fn ranking_in_place(
    st: &Stages,
    f: &mut Frame,
    reason: Vec<Option<String>>,
    keys: &[u32],
) -> (Nums, Vec<Option<usize>>) {
    let n = f.n;
    let (perm, ranked, _) = scored(st, f, reason, keys);
    let sorted = |v: &Nums| -> Nums { perm.iter().map(|&i| v[i]).collect() };
    let mut nums = Columns::default();
    nums.insert(SCORE, sorted(&f.nums[SCORE]));
    for i in 0..st.order.tie_breakers.len() {
        let k = format!("tb:{i}");
        let v = sorted(&f.nums[&k]);
        nums.insert(k, v);
    }
    let in_order = Frame {
        m: f.m,
        n,
        nums,
        flags: HashMap::default(),
        included: perm.iter().map(|&i| f.included[i]).collect(),
        filter: f.filter,
        // (places read no group of `by`: stage 3 is done)
        texts: Default::default(),
    };
    let ranked_sorted: Vec<bool> = perm.iter().map(|&i| ranked[i]).collect();
    let place_sorted = places(st, &in_order, &ranked_sorted);
    let mut place = vec![None; n];
    for (r, &i) in perm.iter().enumerate() {
        place[i] = place_sorted[r];
    }
    f.nums.insert(PLACE, place.clone());
    let zone = zones(st, f, &ranked);
    (place, zone)
}

/// One replication of `metodika uncertainty`: `m` (the prepared methodology with its
/// drawn choices written in) from the prepared stages 1 and 2, with noise on raw values.
/// Indicators whose steps are those of the nominal run (`nominal`: its frame after stage
/// 3) take them from there. `without`: a member left out of the score for every region,
/// as a member without a value is (`metodika audit`'s drop-one runs). Each region's
/// place, score and zone, in the prepared order.
pub(in crate::engine) fn replicate(
    p: &Prepared,
    m: &Methodology,
    noise: &[(usize, Vec<f64>)],
    nominal: &NominalSteps<'_>,
) -> Outcome3 {
    // (the stages of the nominal methodology: a replication changes weights and
    // built-ins, never which stage comes when)
    let st = &nominal.stages;
    // (the nominal frame after stage 3: its columns shared, not copied)
    let mut f = p.frame_with(m, nominal.nums.clone());
    f.add_noise(noise);
    f.indicator_steps(Some((nominal, noise)));
    for level in &st.group_levels {
        for &g in level {
            f.group(&m.groups[g], &nominal.groups[g], false);
        }
    }
    outcome(p, st, nominal, f)
}

/// A drop-one run of `metodika audit`: the nominal methodology `m` with `node` left out
/// of the score for every region, as a member without a value is; from the nominal
/// frame with its groups' results (`groups`, of [`values`]), only the groups above the
/// member computed again. Each region's place, score and zone, in the prepared order.
pub(in crate::engine) fn without(
    p: &Prepared,
    m: &Methodology,
    nominal: &NominalSteps<'_>,
    groups: &Nominal,
    node: crate::check::NodeRef,
) -> Outcome3 {
    let st = &nominal.stages;
    let mut f = p.frame_with(m, groups.0.clone());
    f.nums.insert(member_col(m, node), vec![None; p.n]);
    // (the groups above the member, children first: the others are the nominal ones)
    let mut above = vec![false; m.groups.len()];
    let mut at = node;
    while let Some(g) = m.parent(at) {
        above[g] = true;
        at = crate::check::NodeRef::Group(g);
    }
    for level in &st.group_levels {
        for &g in level.iter().filter(|&&g| above[g]) {
            f.group(&m.groups[g], &nominal.groups[g], false);
        }
    }
    outcome(p, st, nominal, f)
}

/// Stages 5–7 of a replication's frame: each region's place, score and zone, in the
/// prepared order.
fn outcome(p: &Prepared, st: &Stages, nominal: &NominalSteps<'_>, mut f: Frame) -> Outcome3 {
    if nominal.zones_by_row {
        let (place, zone) = ranking_in_place(st, &mut f, p.reason.clone(), &p.key_rank);
        let score = f.nums.remove(SCORE).unwrap_or_default();
        return Outcome3 { place, score, zone };
    }
    let (perm, _, zone) = ranking(st, &mut f, p.reason.clone(), &p.key_rank);
    let mut out = Outcome3 {
        place: vec![None; p.n],
        score: vec![None; p.n],
        zone: vec![None; p.n],
    };
    for (row, &i) in perm.iter().enumerate() {
        out.place[i] = f.nums[PLACE][row];
        out.score[i] = f.nums[SCORE][row];
        out.zone[i] = zone[row];
    }
    out
}

/// The nominal frame with every group's result: what a drop-one run starts from.
pub(in crate::engine) struct Nominal(Columns);

/// The nominal run's values, in the prepared order of regions.
pub struct Values {
    /// Each indicator's raw value (its formula's).
    pub raw: Vec<Nums>,
    /// Each indicator's normalized value.
    pub normalized: Vec<Nums>,
    /// Each group's result (the score's last).
    pub groups: Vec<Nums>,
    /// Each indicator's values before and after its outlier rule (none without one).
    pub outliers: Vec<Option<(Nums, Nums)>>,
}

/// Each indicator's raw and normalized value and each group's result of the nominal
/// methodology `m`, from the prepared stages 1–2 and the nominal stage 3; and the frame
/// with the groups' results, for the drop-one runs ([`without`]).
pub(in crate::engine) fn values(
    p: &Prepared,
    m: &Methodology,
    nominal: &NominalSteps<'_>,
) -> (Values, Nominal) {
    let mut f = p.frame_with(m, nominal.nums.clone());
    for level in &nominal.stages.group_levels {
        for &g in level {
            f.group(&m.groups[g], &nominal.groups[g], false);
        }
    }
    let column = |name: &str| full(&f.num(name), p.n);
    let values = Values {
        raw: m.indicators.iter().map(|i| column(&raw(&i.name))).collect(),
        normalized: m
            .indicators
            .iter()
            .map(|i| column(&norm(&i.name)))
            .collect(),
        groups: m.groups.iter().map(|g| column(&grp(&g.name))).collect(),
        outliers: m
            .indicators
            .iter()
            .map(|i| match i.outliers {
                crate::builtins::Outliers::None => None,
                _ => Some((column(&pre(&i.name)), column(&val(&i.name)))),
            })
            .collect(),
    };
    (values, Nominal(f.nums))
}

/// A replication's places, scores and zones, in the prepared order of regions.
pub(in crate::engine) struct Outcome3 {
    pub place: Nums,
    pub score: Nums,
    /// (the index of each region's zone among the methodology's zones)
    pub zone: Vec<Option<usize>>,
}

/// The nominal run's stage 3, for the indicators a replication does not change.
pub(in crate::engine) struct NominalSteps<'m> {
    pub(super) m: &'m Methodology,
    stages: Stages<'m>,
    /// No zone rule computes over the regions: zones can be taken row by row.
    zones_by_row: bool,
    pub(super) nums: Columns,
    /// The names of each group's columns.
    groups: Vec<GroupColumns>,
    /// The normalized values of each alternative of the uncertainty block (an
    /// indicator's normalization and missing-data policy, other than the nominal
    /// pair), computed once.
    alternatives: Vec<Alternative>,
}

/// An indicator's normalized values under an alternative normalization or policy.
struct Alternative {
    indicator: usize,
    normalization: Normalization,
    missing: MissingPolicy,
    /// The column's name.
    name: Arc<str>,
    column: Arc<Nums>,
}

impl NominalSteps<'_> {
    /// The normalized values of the indicator `i` defined as `ind`, if they are those of
    /// an alternative computed once.
    pub(super) fn alternative(
        &self,
        i: usize,
        ind: &IndicatorDef,
    ) -> Option<(&Arc<str>, &Arc<Nums>)> {
        self.alternatives
            .iter()
            .find(|a| {
                a.indicator == i && a.missing == ind.missing && a.normalization == ind.normalization
            })
            .map(|a| (&a.name, &a.column))
    }
}

/// The normalized values of every alternative normalization and missing-data policy of
/// `m`'s uncertainty block, each pair of an indicator's alternatives (the nominal one
/// among them) but the nominal pair: stage 3 of that indicator alone.
fn alternatives(p: &Prepared, m: &Methodology) -> Vec<Alternative> {
    let Some(u) = &m.uncertainty else {
        return Vec::new();
    };
    let mut varied: Vec<usize> = u.normalize.iter().map(|(i, _)| *i).collect();
    varied.extend(u.missing.iter().map(|(i, _)| *i));
    varied.sort_unstable();
    varied.dedup();
    let mut out = Vec::new();
    // (a copy of `m` whose indicator `i` takes each pair in turn)
    let mut v = m.clone();
    for i in varied {
        let nominal = &m.indicators[i];
        let name: Arc<str> = norm(&nominal.name).into();
        let mut norms = vec![nominal.normalization.clone()];
        for (k, alts) in &u.normalize {
            if *k == i {
                norms.extend(alts.iter().cloned());
            }
        }
        let mut policies = vec![nominal.missing.clone()];
        for (k, alts) in &u.missing {
            if *k == i {
                policies.extend(alts.iter().cloned());
            }
        }
        for (a, normalization) in norms.iter().enumerate() {
            for (b, missing) in policies.iter().enumerate() {
                if a == 0 && b == 0 {
                    continue;
                }
                v.indicators[i].normalization = normalization.clone();
                v.indicators[i].missing = missing.clone();
                let mut f = p.frame(&v);
                f.indicator_step(i);
                if let Some(column) = f.nums.shared(&name) {
                    out.push(Alternative {
                        indicator: i,
                        normalization: normalization.clone(),
                        missing: missing.clone(),
                        name: name.clone(),
                        column,
                    });
                }
            }
        }
        v.indicators[i] = nominal.clone();
    }
    out
}

/// Stage 3 of the nominal methodology, once.
pub(in crate::engine) fn nominal_steps<'m>(p: &Prepared, m: &'m Methodology) -> NominalSteps<'m> {
    let mut f = p.frame(m);
    f.indicator_steps(None);
    let mut over_regions = false;
    for z in &m.zones {
        if let crate::check::ZoneRule::When(e) = &z.rule {
            e.visit(&mut |x| over_regions |= matches!(x, crate::check::IrExpr::Agg(..)));
        }
    }
    NominalSteps {
        m,
        stages: Stages::of(m),
        zones_by_row: !over_regions,
        nums: f.nums,
        groups: m.groups.iter().map(|g| GroupColumns::of(m, g)).collect(),
        alternatives: alternatives(p, m),
    }
}
