//! The groups in the plan: each group's result from its members' (sums added in a fixed
//! order), the members' shares and contributions, and the order that keeps memory low
//! without `--detail`.

use super::super::lower::*;
use super::indicators::indicator_steps;
use super::ratio;
use crate::builtins::*;
use crate::check::{GroupDef, IrExpr, Methodology, NodeRef, ZoneRule};
use crate::stages::groups;
use polars::prelude::*;
use std::collections::HashSet;

/// The sum of expressions that have no missing values, added in a fixed order (a balanced
/// tree, so that hundreds of members make a shallow expression). polars' `sum_horizontal`
/// adds three or more columns in the order its threads finish, which changes the last
/// bits of a sum with the number of threads.
pub(super) fn pairwise_sum(mut es: Vec<Expr>) -> Expr {
    while es.len() > 1 {
        let mut next = Vec::with_capacity(es.len().div_ceil(2));
        let mut it = es.into_iter();
        while let Some(a) = it.next() {
            next.push(match it.next() {
                Some(b) => a + b,
                None => a,
            });
        }
        es = next;
    }
    es.pop().expect("a group has members")
}

/// A group's result and each member's share of it (in the units of the result), in three
/// stages so that no sum over the members is repeated: the weights present and the total
/// of the weighted terms, then the result, then the shares — the formulas of
/// `stages::groups`, the intermediate values as columns.
pub(super) fn group_exprs(m: &Methodology, g: &GroupDef, shares: bool) -> [Vec<Expr>; 3] {
    // (statistics over the ranked regions are not needed across a group's members)
    let a = Ranked { filter: false };
    let xs: Vec<Expr> = g
        .members
        .iter()
        .map(|x| col(member_col(m, x.node).as_str()))
        .collect();
    let ws: Vec<f64> = g.members.iter().map(|x| x.weight).collect();
    let w_total = g.total_weight();
    let (wp, tt) = (format!("wp:{}", g.name), format!("tt:{}", g.name));
    let s = groups::sums(&a, &xs, &ws, g.coverage);
    let stage1 = vec![s.wp.alias(wp.as_str()), s.tt.alias(tt.as_str())];
    let s = groups::Sums {
        wp: col(wp.as_str()),
        tt: col(tt.as_str()),
    };
    let name = grp(&g.name);
    let result = groups::result(&a, g.aggregation, &xs, &ws, w_total, &s);
    let stage2 = vec![result.alias(name.as_str())];
    let stage3 = g
        .members
        .iter()
        .zip(&xs)
        .filter(|_| shares)
        .map(|(mm, x)| {
            groups::share(
                &a,
                g.aggregation,
                (x, mm.weight),
                w_total,
                &s,
                col(name.as_str()),
            )
            .alias(share(member_name(m, mm.node)).as_str())
        })
        .collect();
    [stage1, stage2, stage3]
}

/// The operations of stage 4 as polars expressions: sums in a fixed order, the weights
/// present and the quotients by the run's own functions.
impl groups::GroupAlgebra for Ranked {
    fn sum(&self, terms: Vec<Expr>) -> Expr {
        pairwise_sum(terms)
    }
    fn weights_present(&self, xs: &[Expr], ws: &[f64]) -> Expr {
        weights_present(xs.to_vec(), ws.to_vec())
    }
    fn smallest(&self, xs: &[Expr]) -> Expr {
        polars::lazy::dsl::min_horizontal(xs).expect("a group has members")
    }
    fn finite(&self, v: Expr) -> Expr {
        finite(v)
    }
    fn safe_div(&self, a: Expr, b: Expr) -> Expr {
        safe_div(a, b)
    }
    fn ratio(&self, a: Expr, b: Expr) -> Expr {
        ratio(a, b)
    }
}

/// Some groups' results (and, with `shares`, their members' shares), stage by stage:
/// groups whose members are all computed already.
pub(super) fn add_groups(
    m: &Methodology,
    mut lf: LazyFrame,
    groups: &[usize],
    shares: bool,
) -> LazyFrame {
    let stages: Vec<[Vec<Expr>; 3]> = groups
        .iter()
        .map(|&g| group_exprs(m, &m.groups[g], shares))
        .collect();
    for k in 0..3 {
        let exprs: Vec<Expr> = stages.iter().flat_map(|s| s[k].clone()).collect();
        if !exprs.is_empty() {
            lf = lf.with_columns(exprs);
        }
    }
    lf
}

/// Each group's and indicator's contribution to the score, top down.
pub(super) fn contributions(
    m: &Methodology,
    mut lf: LazyFrame,
    levels: &[Vec<usize>],
) -> LazyFrame {
    let score_g = m.score();
    // a member's part of the score: its share of its parent's result, scaled as the
    // parent's contribution is to that result
    let part = |name: &str, parent: usize| {
        let p = &m.groups[parent].name;
        col(share(name).as_str()) * ratio(col(gcon(p).as_str()), col(grp(p).as_str()))
    };
    lf = lf.with_column(col(grp(&score_g.name).as_str()).alias(gcon(&score_g.name).as_str()));
    let score_index = m.score_index();
    for level in levels.iter().rev() {
        let exprs: Vec<Expr> = level
            .iter()
            .filter(|&&gi| gi != score_index)
            .map(|&gi| (gi, &m.groups[gi]))
            .map(|(gi, g)| match m.parent(NodeRef::Group(gi)) {
                Some(p) => part(&g.name, p).alias(gcon(&g.name).as_str()),
                // a group outside the score contributes nothing to it
                None => null_f64().alias(gcon(&g.name).as_str()),
            })
            .collect();
        if !exprs.is_empty() {
            lf = lf.with_columns(exprs);
        }
    }
    let cons: Vec<Expr> = m
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| match m.parent(NodeRef::Indicator(i)) {
            Some(p) => part(&ind.name, p).alias(con(&ind.name).as_str()),
            None => null_f64().alias(con(&ind.name).as_str()),
        })
        .collect();
    if !cons.is_empty() {
        lf = lf.with_columns(cons);
    }

    lf
}

/// The columns that the tie-breakers and zones name.
pub(super) fn later_columns(m: &Methodology) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let later = m
        .rank
        .then
        .iter()
        .map(|(e, _)| e)
        .chain(m.zones.iter().filter_map(|z| match &z.rule {
            ZoneRule::When(e) => Some(e),
            _ => None,
        }));
    for e in later {
        e.visit(&mut |x| {
            let c = match x {
                IrExpr::Column { input, column } => {
                    format!("{}.{}", m.inputs[*input].name, column)
                }
                IrExpr::Indicator(i) => raw(&m.indicators[*i].name),
                IrExpr::Record(i) => record(*i),
                _ => return,
            };
            if !out.contains(&c) {
                out.push(c);
            }
        });
    }
    out
}

/// Without `--detail`: the indicators' steps and the groups a group (or, where a level
/// has many, a few groups) at a time, each group's indicator columns let go as soon as
/// the group has its result, so that the normalized values of all indicators are never
/// in memory at once.
pub(super) fn by_group(
    m: &Methodology,
    rk: Ranked,
    mut lf: LazyFrame,
    levels: &[Vec<usize>],
) -> LazyFrame {
    let later = later_columns(m);
    // What the rest of the run needs besides the groups' own columns.
    let mut live: Vec<String> = [KEY, LABEL, REASON, IN].map(String::from).to_vec();
    live.extend(m.indicators.iter().map(|i| raw(&i.name)));
    // the groups of `by` the indicators' policies take
    for g in m.indicators.iter().filter_map(|i| i.missing.by()) {
        if !live.contains(&g.frame_name()) {
            live.push(g.frame_name());
        }
    }
    for c in &later {
        if !live.contains(c) {
            live.push(c.clone());
        }
    }
    // The inputs' columns go now, but where raw values share them.
    lf = lf.select(live.iter().map(|c| col(c.as_str())).collect::<Vec<_>>());
    // Steps: the groups level by level, children first; a level's groups one at a time,
    // or a few at a time when there are many (at most 8 steps a level: every step is a
    // few nodes of the plan, each with the whole frame's schema).
    const STEPS_PER_LEVEL: usize = 8;
    let mut grouped = vec![false; m.indicators.len()];
    let mut steps: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for here in levels {
        for chunk in here.chunks(here.len().div_ceil(STEPS_PER_LEVEL).max(1)) {
            let mut inds = Vec::new();
            for &g in chunk {
                for x in &m.groups[g].members {
                    if let NodeRef::Indicator(i) = x.node {
                        grouped[i] = true;
                        inds.push(i);
                    }
                }
            }
            steps.push((chunk.to_vec(), inds));
        }
    }
    let ungrouped: Vec<usize> = (0..m.indicators.len()).filter(|&i| !grouped[i]).collect();
    steps.push((Vec::new(), ungrouped));
    let mut flags: Vec<String> = Vec::new();
    for (groups, inds) in steps {
        lf = indicator_steps(m, rk, lf, &inds);
        let mut gone: HashSet<String> = HashSet::new();
        for i in &inds {
            let ind = &m.indicators[*i];
            if ind.missing == MissingPolicy::Error {
                flags.push(miss(&ind.name));
                live.push(miss(&ind.name));
            }
            if ind.missing.by().is_some() {
                live.push(fallback_col(&ind.name));
            }
            // a raw value named later stays
            if !later.contains(&raw(&ind.name)) {
                gone.insert(raw(&ind.name));
            }
        }
        live.retain(|c| !gone.contains(c));
        lf = add_groups(m, lf, &groups, false);
        live.extend(groups.iter().map(|&g| grp(&m.groups[g].name)));
        lf = lf.select(live.iter().map(|c| col(c.as_str())).collect::<Vec<_>>());
    }
    // The missing values under `missing error` as one flag (a run with any is run again
    // with every step to name them).
    let any = match flags.is_empty() {
        true => lit(false),
        false => polars::lazy::dsl::any_horizontal(
            flags.iter().map(|c| col(c.as_str())).collect::<Vec<_>>(),
        )
        .expect("flags"),
    };
    let flagged: HashSet<&String> = flags.iter().collect();
    live.retain(|c| !flagged.contains(c));
    live.push(MISSING_ERROR.to_string());
    lf.with_column(any.and(col(IN)).alias(MISSING_ERROR))
        .select(live.iter().map(|c| col(c.as_str())).collect::<Vec<_>>())
}
