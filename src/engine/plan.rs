//! The run as one lazy plan: exclusions → indicators (raw, transformed, imputed,
//! normalized) → groups → score → sort with tie-breakers → places → zones.

use super::frame::LoadedInputs;
use super::lower::*;
use super::RunError;
use crate::builtins::*;
use crate::check::{GroupDef, IrExpr, Methodology, NodeRef, ZoneRule};
use crate::syntax::ast::{Direction, Order};
use polars::prelude::*;
use std::collections::HashSet;

/// `when c1 then v1 when c2 then v2 … otherwise z`, nested from the end.
fn when_chain(pairs: Vec<(Expr, Expr)>, otherwise: Expr) -> Expr {
    pairs
        .into_iter()
        .rev()
        .fold(otherwise, |acc, (c, v)| when(c).then(v).otherwise(acc))
}

/// a / b, 0 where b is 0 (for shares of a result of 0).
fn ratio(a: Expr, b: Expr) -> Expr {
    when(b.clone().eq(lit(0.0))).then(lit(0.0)).otherwise(a / b)
}

fn null_str() -> Expr {
    lit(NULL).cast(DataType::String)
}

/// Dependency level of each indicator: 0 for those that refer to no other indicator.
fn indicator_levels(m: &Methodology) -> Vec<usize> {
    let mut levels = vec![0usize; m.indicators.len()];
    for (i, ind) in m.indicators.iter().enumerate() {
        let mut r = Vec::new();
        ind.value.visit(&mut |x| {
            if let IrExpr::Indicator(d) = x {
                r.push(*d);
            }
        });
        levels[i] = r.iter().map(|&d| levels[d] + 1).max().unwrap_or(0);
    }
    levels
}

fn group_levels(m: &Methodology) -> Vec<usize> {
    let mut levels = vec![0usize; m.groups.len()];
    for (g, def) in m.groups.iter().enumerate() {
        levels[g] = def
            .members
            .iter()
            .filter_map(|x| match x.node {
                NodeRef::Group(c) => Some(levels[c] + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0);
    }
    levels
}

pub fn member_name(m: &Methodology, node: NodeRef) -> &str {
    match node {
        NodeRef::Indicator(i) => &m.indicators[i].name,
        NodeRef::Group(g) => &m.groups[g].name,
    }
}

fn member_col(m: &Methodology, node: NodeRef) -> String {
    match node {
        NodeRef::Indicator(i) => norm(&m.indicators[i].name),
        NodeRef::Group(g) => grp(&m.groups[g].name),
    }
}

fn transform(rk: Ranked, t: &Transform, v: Expr) -> Expr {
    match t {
        Transform::Log => when(v.clone().gt(lit(0.0)))
            .then(v.log(lit(std::f64::consts::E)))
            .otherwise(null_f64()),
        Transform::Log1p => when(v.clone().gt(lit(-1.0)))
            .then(v.log1p())
            .otherwise(null_f64()),
        Transform::Sqrt => when(v.clone().gt_eq(lit(0.0)))
            .then(v.sqrt())
            .otherwise(null_f64()),
        Transform::Cap(lo, hi) => clamp(v, lit(*lo), lit(*hi)),
        Transform::Winsorize(plo, phi) => {
            let qlo = rk.of(v.clone()).quantile(lit(*plo), QuantileMethod::Linear);
            let qhi = rk.of(v.clone()).quantile(lit(*phi), QuantileMethod::Linear);
            clamp(v, qlo, qhi)
        }
    }
}

fn clamp(v: Expr, lo: Expr, hi: Expr) -> Expr {
    when(v.clone().lt(lo.clone()))
        .then(lo)
        .when(v.clone().gt(hi.clone()))
        .then(hi)
        .otherwise(v)
}

fn impute(rk: Ranked, p: &MissingPolicy, v: Expr) -> Expr {
    match p {
        MissingPolicy::Error | MissingPolicy::Exclude => v,
        MissingPolicy::Zero => v.fill_null(lit(0.0)),
        MissingPolicy::Value(x) => v.fill_null(lit(*x)),
        MissingPolicy::Mean => v.clone().fill_null(rk.of(v).mean()),
        MissingPolicy::Median => v.clone().fill_null(rk.of(v).median()),
        MissingPolicy::Min => v.clone().fill_null(rk.of(v).min()),
        MissingPolicy::Max => v.clone().fill_null(rk.of(v).max()),
    }
}

fn normalize(rk: Ranked, n: &Normalization, better: Direction, v: Expr) -> Expr {
    let higher = better == Direction::Higher;
    let mn = || rk.of(v.clone()).min();
    let mx = || rk.of(v.clone()).max();
    let minmax = || {
        let span = mx() - mn();
        let num = if higher {
            v.clone() - mn()
        } else {
            mx() - v.clone()
        };
        when(span.clone().eq(lit(0.0)))
            .then(lit(1.0))
            .otherwise(num / span)
    };
    let out = match n {
        Normalization::MinMax => minmax(),
        Normalization::MinMaxTo(lo, hi) => lit(*lo) + lit(hi - lo) * minmax(),
        Normalization::ZScore => {
            let mean = rk.of(v.clone()).mean();
            let sd = rk.of(v.clone()).std(1);
            let z = when(sd.clone().eq(lit(0.0)).or(sd.clone().is_null()))
                .then(lit(0.0))
                .otherwise((v.clone() - mean) / sd);
            if higher {
                z
            } else {
                lit(0.0) - z
            }
        }
        Normalization::Goalposts(lo, hi) => {
            let x = if higher {
                (v.clone() - lit(*lo)) / lit(hi - lo)
            } else {
                (lit(*hi) - v.clone()) / lit(hi - lo)
            };
            clamp(x, lit(0.0), lit(1.0))
        }
        Normalization::RatioToBest => {
            if higher {
                when(mx().eq(lit(0.0)))
                    .then(lit(0.0))
                    .otherwise(v.clone() / mx())
            } else {
                when(v.clone().lt_eq(mn()))
                    .then(lit(1.0))
                    .otherwise(mn() / v.clone())
            }
        }
        Normalization::Target(t) => {
            if higher {
                clamp(v.clone() / lit(*t), lit(f64::NEG_INFINITY), lit(1.0))
            } else {
                when(v.clone().lt_eq(lit(*t)))
                    .then(lit(1.0))
                    .otherwise(lit(*t) / v.clone())
            }
        }
        Normalization::Rank => {
            let w = rk.masked(v.clone());
            let r = w.clone().rank(
                RankOptions {
                    method: RankMethod::Average,
                    descending: false,
                },
                None,
            );
            let n = w.count().cast(DataType::Float64);
            let pct = when(n.clone().lt_eq(lit(1.0)))
                .then(lit(1.0))
                .otherwise((r.cast(DataType::Float64) - lit(1.0)) / (n - lit(1.0)));
            if higher {
                pct
            } else {
                lit(1.0) - pct
            }
        }
        Normalization::Bands(bands, otherwise) => {
            let pairs = bands
                .iter()
                .map(|b| {
                    let t = lit(b.threshold);
                    let c = match b.op {
                        crate::syntax::ast::CmpOp::Ge => v.clone().gt_eq(t),
                        crate::syntax::ast::CmpOp::Gt => v.clone().gt(t),
                        crate::syntax::ast::CmpOp::Le => v.clone().lt_eq(t),
                        _ => v.clone().lt(t),
                    };
                    (c, lit(b.value))
                })
                .collect();
            when_chain(pairs, lit(*otherwise))
        }
        Normalization::None => {
            if higher {
                v.clone()
            } else {
                lit(0.0) - v.clone()
            }
        }
    };
    // A missing value stays missing (the policy has already had its say).
    normalized_of(out, v)
}

/// A group's result and each member's share of it (in the units of the result), in three
/// stages so that no sum over the members is repeated: the weights present and the total
/// of the weighted terms, then the result, then the shares.
/// The sum of expressions that have no missing values, added in a fixed order (a balanced
/// tree, so that hundreds of members make a shallow expression). polars' `sum_horizontal`
/// adds three or more columns in the order its threads finish, which changes the last
/// bits of a sum with the number of threads.
fn pairwise_sum(mut es: Vec<Expr>) -> Expr {
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

fn group_exprs(m: &Methodology, g: &GroupDef, shares: bool) -> [Vec<Expr>; 3] {
    let xs: Vec<Expr> = g
        .members
        .iter()
        .map(|x| col(member_col(m, x.node).as_str()))
        .collect();
    let sum = |es: Vec<Expr>| pairwise_sum(es);
    let (wp, tt) = (format!("wp:{}", g.name), format!("tt:{}", g.name));
    // Σ a·w over present members, and Σ w·x
    let w_present = weights_present(xs.clone(), g.members.iter().map(|mm| mm.weight).collect());
    let term =
        |mm: &crate::check::MemberDef, x: &Expr| x.clone().fill_null(lit(0.0)) * lit(mm.weight);
    // (missing members count as 0: the sum ignores them)
    let terms = pairwise_sum(
        g.members
            .iter()
            .zip(&xs)
            .map(|(mm, x)| term(mm, x))
            .collect(),
    );
    let stage1 = vec![w_present.alias(wp.as_str()), terms.alias(tt.as_str())];
    let (wp, tt) = (col(wp.as_str()), col(tt.as_str()));
    let w_total = g.total_weight();
    // The smallest member present; 0 or less collapses geometric and harmonic means.
    let smallest = polars::lazy::dsl::min_horizontal(&xs).expect("a group has members");
    let result = match g.aggregation {
        Aggregation::Mean => safe_div(tt.clone(), wp.clone()),
        Aggregation::Sum => tt.clone() * safe_div(lit(w_total), wp.clone()),
        Aggregation::Geometric => {
            let logs = g.members.iter().zip(&xs).map(|(mm, x)| {
                // members missing count as ln 1 = 0; members ≤ 0 are handled below
                finite(x.clone().log(lit(std::f64::consts::E))).fill_null(lit(0.0)) * lit(mm.weight)
            });
            when(smallest.clone().lt_eq(lit(0.0)))
                .then(lit(0.0))
                .otherwise((sum(logs.collect()) / wp.clone()).exp())
        }
        Aggregation::Harmonic => {
            let inv = g
                .members
                .iter()
                .zip(&xs)
                .map(|(mm, x)| safe_div(lit(mm.weight), x.clone()).fill_null(lit(0.0)));
            when(smallest.clone().lt_eq(lit(0.0)))
                .then(lit(0.0))
                .otherwise(safe_div(wp.clone(), sum(inv.collect())))
        }
        Aggregation::Min => smallest,
    };
    let result = when(wp.clone().eq(lit(0.0)))
        .then(null_f64())
        .otherwise(finite(result));
    let name = grp(&g.name);
    let stage2 = vec![result.alias(name.as_str())];
    // Shares: linear aggregations split exactly; the others in proportion to w·x.
    let linear_scale = match g.aggregation {
        Aggregation::Mean => Some(safe_div(lit(1.0), wp.clone())),
        Aggregation::Sum => Some(safe_div(lit(w_total), wp.clone())),
        _ => None,
    };
    let stage3 = g
        .members
        .iter()
        .zip(&xs)
        .filter(|_| shares)
        .map(|(mm, x)| {
            let t = term(mm, x);
            let sh = match &linear_scale {
                Some(s) => t * s.clone(),
                None => col(name.as_str()) * ratio(t, tt.clone()),
            };
            when(x.clone().is_null())
                .then(null_f64())
                .otherwise(sh)
                .alias(share(member_name(m, mm.node)).as_str())
        })
        .collect();
    [stage1, stage2, stage3]
}

/// Some groups' results (and, with `shares`, their members' shares), stage by stage:
/// groups whose members are all computed already.
fn add_groups(m: &Methodology, mut lf: LazyFrame, groups: &[usize], shares: bool) -> LazyFrame {
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
fn contributions(m: &Methodology, mut lf: LazyFrame, gmax: usize, glevels: &[usize]) -> LazyFrame {
    let score_g = m.groups.last().expect("the score group");
    let parent_of = |node: NodeRef| -> Option<usize> {
        m.groups
            .iter()
            .position(|g| g.members.iter().any(|x| x.node == node))
    };
    let cs = |name: &str| format!("cs:{name}");
    lf = lf.with_column(col(grp(&score_g.name).as_str()).alias(cs(&score_g.name).as_str()));
    let score_index = m.groups.len() - 1;
    for level in (0..=gmax).rev() {
        let exprs: Vec<Expr> = m
            .groups
            .iter()
            .enumerate()
            .filter(|(gi, _)| glevels[*gi] == level && *gi != score_index)
            .map(|(gi, g)| match parent_of(NodeRef::Group(gi)) {
                Some(p) => {
                    let p = &m.groups[p];
                    (col(share(&g.name).as_str())
                        * ratio(col(cs(&p.name).as_str()), col(grp(&p.name).as_str())))
                    .alias(cs(&g.name).as_str())
                }
                // a group outside the score contributes nothing to it
                None => null_f64().alias(cs(&g.name).as_str()),
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
        .map(|(i, ind)| match parent_of(NodeRef::Indicator(i)) {
            Some(p) => {
                let p = &m.groups[p];
                (col(share(&ind.name).as_str())
                    * ratio(col(cs(&p.name).as_str()), col(grp(&p.name).as_str())))
                .alias(con(&ind.name).as_str())
            }
            None => null_f64().alias(con(&ind.name).as_str()),
        })
        .collect();
    if !cons.is_empty() {
        lf = lf.with_columns(cons);
    }

    lf
}

/// Transforms, the missing-data flags, imputation and normalization of some indicators.
fn indicator_steps(m: &Methodology, rk: Ranked, mut lf: LazyFrame, which: &[usize]) -> LazyFrame {
    if which.is_empty() {
        return lf;
    }
    let inds: Vec<&crate::check::IndicatorDef> = which.iter().map(|&i| &m.indicators[i]).collect();
    let transformed: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            let v = ind
                .transforms
                .iter()
                .fold(col(raw(&ind.name).as_str()), |v, t| transform(rk, t, v));
            v.alias(val(&ind.name).as_str())
        })
        .collect();
    lf = lf.with_columns(transformed);
    let flags: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            col(val(&ind.name).as_str())
                .is_null()
                .alias(miss(&ind.name).as_str())
        })
        .collect();
    lf = lf.with_columns(flags);
    let imputed: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            impute(rk, &ind.missing, col(val(&ind.name).as_str())).alias(val(&ind.name).as_str())
        })
        .collect();
    lf = lf.with_columns(imputed);
    let normalized: Vec<Expr> = inds
        .iter()
        .map(|ind| {
            normalize(
                rk,
                &ind.normalization,
                ind.better,
                col(val(&ind.name).as_str()),
            )
            .alias(norm(&ind.name).as_str())
        })
        .collect();
    lf.with_columns(normalized)
}

/// The columns that the tie-breakers and zones name.
fn later_columns(m: &Methodology) -> Vec<String> {
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
fn by_group(m: &Methodology, rk: Ranked, mut lf: LazyFrame, glevels: &[usize]) -> LazyFrame {
    let later = later_columns(m);
    // What the rest of the run needs besides the groups' own columns.
    let mut live: Vec<String> = [KEY, LABEL, REASON, IN].map(String::from).to_vec();
    live.extend(m.indicators.iter().map(|i| raw(&i.name)));
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
    for level in 0..=glevels.iter().copied().max().unwrap_or(0) {
        let here: Vec<usize> = (0..m.groups.len())
            .filter(|&g| glevels[g] == level)
            .collect();
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

/// Build the whole run as one lazy plan.
/// `detail`: keep each indicator's raw, transformed, normalized values and contribution,
/// and the input columns that name missing values under `missing error`; without it,
/// only the flags of those missing values.
pub fn build(m: &Methodology, inputs: LoadedInputs, detail: bool) -> Result<LazyFrame, RunError> {
    let keys_sorted = inputs.keys_sorted;
    let rk = Ranked::new(m);
    let mut lf = inputs.frame.lazy();

    // Exclusions: the first rule that holds gives the reason.
    let all = Lowering {
        m,
        scope: Scope::All,
    };
    let reason = when_chain(
        m.exclusions
            .iter()
            .map(|x| {
                (
                    all.expr(&x.condition).fill_null(lit(false)),
                    lit(x.reason.as_str()),
                )
            })
            .collect(),
        null_str(),
    );
    lf = lf
        .with_column(reason.alias(REASON))
        .with_column(col(REASON).is_null().alias(IN));

    // Indicators' raw values, level by level.
    let low = Lowering {
        m,
        scope: Scope::Ranked,
    };
    let levels = indicator_levels(m);
    let max_level = levels.iter().copied().max().unwrap_or(0);
    for level in 0..=max_level {
        let exprs: Vec<Expr> = m
            .indicators
            .iter()
            .zip(&levels)
            .filter(|(_, l)| **l == level)
            .map(|(ind, _)| {
                let v = low.expr(&ind.value);
                // input columns are numbers, finite since they were read
                let v = match ind.value {
                    IrExpr::Column { .. } => v,
                    _ => finite(v.cast(DataType::Float64)),
                };
                v.alias(raw(&ind.name).as_str())
            })
            .collect();
        if !exprs.is_empty() {
            lf = lf.with_columns(exprs);
        }
    }
    let glevels = group_levels(m);
    let gmax = glevels.iter().copied().max().unwrap_or(0);
    if detail {
        // Every step of every indicator is kept: all at once.
        let all: Vec<usize> = (0..m.indicators.len()).collect();
        lf = indicator_steps(m, rk, lf, &all);
        for level in 0..=gmax {
            let here: Vec<usize> = (0..m.groups.len())
                .filter(|&g| glevels[g] == level)
                .collect();
            lf = add_groups(m, lf, &here, true);
        }
        lf = contributions(m, lf, gmax, &glevels);
    } else {
        lf = by_group(m, rk, lf, &glevels);
    }

    // The score, rounded as the rank block says; regions with no score are not ranked.
    let score_g = m.groups.last().expect("the score group");
    let mut score = col(grp(&score_g.name).as_str());
    if let Some(d) = m.rank.round {
        score = score.round(d, RoundMode::HalfAwayFromZero);
    }
    lf = lf.with_column(score.alias(SCORE)).with_column(
        when(col(REASON).is_null().and(col(SCORE).is_null()))
            .then(lit("no indicator has a value for this region"))
            .otherwise(col(REASON))
            .alias(REASON),
    );
    let ranked_flag = col(REASON).is_null();

    // Tie-breakers as columns, then one explicit multi-key sort.
    let ranked_low = Lowering {
        m,
        scope: Scope::Ranked,
    };
    let tbs: Vec<Expr> = m
        .rank
        .then
        .iter()
        .enumerate()
        .map(|(i, (e, _))| {
            finite(ranked_low.expr(e).cast(DataType::Float64)).alias(format!("tb:{i}").as_str())
        })
        .collect();
    if !tbs.is_empty() {
        lf = lf.with_columns(tbs);
    }
    // Ranked regions have a score, the others none: nulls last puts them after.
    let mut by = vec![when(ranked_flag.clone())
        .then(col(SCORE))
        .otherwise(null_f64())];
    let mut desc = vec![true];
    for (i, (_, o)) in m.rank.then.iter().enumerate() {
        by.push(
            when(ranked_flag.clone())
                .then(col(format!("tb:{i}").as_str()))
                .otherwise(null_f64()),
        );
        desc.push(*o == Order::Desc);
    }
    // Ties by key: rows already in key order stay so in a stable sort.
    if !keys_sorted {
        by.push(col(KEY));
        desc.push(false);
    }
    let n_by = by.len();
    lf = lf.sort_by_exprs(
        by,
        SortMultipleOptions::default()
            .with_order_descending_multi(desc)
            .with_nulls_last_multi(vec![true; n_by])
            .with_maintain_order(true)
            .with_multithreaded(true),
    );

    // Places.
    let pos = ranked_flag.clone().cast(DataType::Int64).cum_sum(false);
    let mut changed = col(SCORE).neq_missing(col(SCORE).shift(lit(1)));
    for i in 0..m.rank.then.len() {
        let c = col(format!("tb:{i}").as_str());
        changed = changed.or(c.clone().neq_missing(c.shift(lit(1))));
    }
    let new_block = changed.or(pos.clone().eq(lit(1i64)));
    lf = lf.with_columns([pos.alias("__pos"), new_block.alias("__new")]);
    lf = lf.with_column(
        when(ranked_flag.clone())
            .then(col("__new").cast(DataType::Int64).cum_sum(false))
            .otherwise(lit(-1i64))
            .alias("__block"),
    );
    let place = match m.rank.ties {
        TieMethod::Dense => col("__block").cast(DataType::Float64),
        TieMethod::Ordinal => col("__pos").cast(DataType::Float64),
        // the position of the block's first row: positions grow down the sorted rows
        TieMethod::Competition => when(col("__new"))
            .then(col("__pos"))
            .otherwise(lit(0i64))
            .cum_max(false)
            .cast(DataType::Float64),
        TieMethod::Average => col("__pos")
            .cast(DataType::Float64)
            .mean()
            .over([col("__block")])?,
    };
    lf = lf.with_column(
        when(ranked_flag.clone())
            .then(place)
            .otherwise(null_f64())
            .alias(PLACE),
    );

    // Zones: the first that holds.
    if !m.zones.is_empty() {
        let mut pairs = vec![(ranked_flag.clone().not(), null_str())];
        let mut taken = 0u64;
        let mut otherwise = null_str();
        for z in &m.zones {
            let name = lit(z.name.as_str());
            match &z.rule {
                ZoneRule::When(e) => pairs.push((ranked_low.expr(e).fill_null(lit(false)), name)),
                ZoneRule::Top(n) => {
                    taken = *n as u64;
                    pairs.push((col(PLACE).lt_eq(lit(taken as f64)), name));
                }
                ZoneRule::Next(n) => {
                    let lo = taken;
                    taken += *n as u64;
                    pairs.push((
                        col(PLACE)
                            .gt(lit(lo as f64))
                            .and(col(PLACE).lt_eq(lit(taken as f64))),
                        name,
                    ));
                }
                ZoneRule::Otherwise => otherwise = name,
            }
        }
        lf = lf.with_column(when_chain(pairs, otherwise).alias(ZONE));
    } else {
        lf = lf.with_column(null_str().alias(ZONE));
    }
    // Keep what the results need.
    let mut keep = vec![
        col(KEY),
        col(LABEL),
        col(REASON),
        col(IN),
        col(SCORE),
        col(PLACE),
        col(ZONE),
    ];
    for g in &m.groups {
        keep.push(col(grp(&g.name).as_str()));
    }
    for i in 0..m.rank.then.len() {
        keep.push(col(format!("tb:{i}").as_str()));
    }
    // Each indicator's steps and what names the regions and columns of missing values
    // under `missing error` when asked for; else the one flag of such values.
    if !detail {
        keep.push(col(MISSING_ERROR));
    }
    let mut input_cols: Vec<String> = Vec::new();
    for ind in &m.indicators {
        let errors = ind.missing == MissingPolicy::Error;
        let cols = if detail {
            vec![
                raw(&ind.name),
                val(&ind.name),
                norm(&ind.name),
                con(&ind.name),
                miss(&ind.name),
            ]
        } else {
            Vec::new()
        };
        keep.extend(cols.iter().map(|c| col(c.as_str())));
        if errors && detail {
            for (i, c) in &ind.columns {
                let name = format!("{}.{}", m.inputs[*i].name, c);
                if !input_cols.contains(&name) {
                    input_cols.push(name);
                }
            }
        }
    }
    keep.extend(input_cols.iter().map(|c| col(c.as_str())));
    Ok(lf.select(keep))
}
