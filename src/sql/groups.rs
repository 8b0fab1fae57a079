//! Groups in the query, as the interpreter computes them (`engine::plan::groups`): a
//! group's result from its members', each member's share of it, and what each indicator
//! contributes to the score (for `--detail`).

use super::algebra::{self, number};
use super::{col_group, col_norm, Writer};
use crate::builtins::Aggregation;
use crate::check::NodeRef;

/// The parts of a group's result: the weights of the members present, the total of the
/// weighted terms, and the result.
struct GroupParts {
    wp: String,
    tt: String,
    result: String,
}

/// a ÷ b, 0 where b is 0 (a share of a total of 0).
fn ratio(a: &str, b: &str) -> String {
    format!("(CASE WHEN {b} = 0 THEN 0 ELSE {a} / {b} END)")
}

impl Writer<'_> {
    /// A group's result from its members', as the interpreter computes it: the weights
    /// of the members present, the weighted terms (a missing member counts 0), and the
    /// aggregation; no value when no member has one.
    pub(super) fn group(&self, g: usize) -> String {
        self.group_parts(g).result
    }

    /// The members' columns of group `g`, and their weights.
    fn members(&self, g: usize) -> (Vec<String>, Vec<String>) {
        let m = self.m;
        let grp = &m.groups[g];
        let xs = grp
            .members
            .iter()
            .map(|x| match x.node {
                NodeRef::Indicator(i) => col_norm(&m.indicators[i].name),
                NodeRef::Group(c) => col_group(&m.groups[c].name),
            })
            .collect();
        (xs, grp.members.iter().map(|x| number(x.weight)).collect())
    }

    fn group_parts(&self, g: usize) -> GroupParts {
        let grp = &self.m.groups[g];
        let (xs, ws) = self.members(g);
        let sum = |terms: Vec<String>| format!("({})", terms.join(" + "));
        let wp = sum(xs
            .iter()
            .zip(&ws)
            .map(|(x, w)| format!("CASE WHEN {x} IS NULL THEN 0 ELSE {w} END"))
            .collect());
        let tt = sum(xs
            .iter()
            .zip(&ws)
            .map(|(x, w)| format!("COALESCE({x}, 0) * {w}"))
            .collect());
        // the smallest member present (a missing one counts as the largest double: the
        // engines disagree on LEAST with NULLs)
        let big = number(f64::MAX);
        let smallest = format!(
            "LEAST({})",
            xs.iter()
                .map(|x| format!("COALESCE({x}, {big})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let result = match grp.aggregation {
            Aggregation::Mean => algebra::div(&tt, &wp),
            Aggregation::Sum => format!(
                "({tt} * {})",
                algebra::div(&number(grp.total_weight()), &wp)
            ),
            Aggregation::Geometric => {
                let logs = sum(xs
                    .iter()
                    .zip(&ws)
                    .map(|(x, w)| format!("COALESCE({}, 0) * {w}", algebra::ln(x)))
                    .collect());
                format!(
                    "(CASE WHEN {smallest} <= 0 THEN 0 ELSE {} END)",
                    algebra::exp(&algebra::div(&logs, &wp))
                )
            }
            Aggregation::Harmonic => {
                let inv = sum(xs
                    .iter()
                    .zip(&ws)
                    .map(|(x, w)| format!("COALESCE({}, 0)", algebra::div(w, x)))
                    .collect());
                format!(
                    "(CASE WHEN {smallest} <= 0 THEN 0 ELSE {} END)",
                    algebra::div(&wp, &inv)
                )
            }
            Aggregation::Min => smallest,
        };
        let result = format!("(CASE WHEN {wp} = 0 THEN NULL ELSE {result} END)");
        GroupParts { wp, tt, result }
    }

    /// A member's share of its group's result, in the units of the result, as the
    /// interpreter splits it: exactly for a mean or a sum, in proportion to weight ×
    /// value for the other aggregations; none for a member without a value.
    fn share(&self, g: usize, member: usize) -> String {
        let grp = &self.m.groups[g];
        let parts = self.group_parts(g);
        let (xs, ws) = self.members(g);
        let (x, w) = (&xs[member], &ws[member]);
        let term = format!("(COALESCE({x}, 0) * {w})");
        let share = match grp.aggregation {
            Aggregation::Mean => format!("({term} * {})", algebra::div("1", &parts.wp)),
            Aggregation::Sum => format!(
                "({term} * {})",
                algebra::div(&number(grp.total_weight()), &parts.wp)
            ),
            _ => format!("({} * {})", col_group(&grp.name), ratio(&term, &parts.tt)),
        };
        format!("(CASE WHEN {x} IS NULL THEN NULL ELSE {share} END)")
    }

    /// What `node` contributes to the score: its share of its parent's result, scaled as
    /// the parent's contribution is to that result (the score contributes itself; a
    /// node outside the score nothing).
    pub(super) fn contribution(&self, node: NodeRef) -> String {
        let m = self.m;
        let score = self.st.score.group;
        if node == NodeRef::Group(score) {
            return col_group(&m.groups[score].name);
        }
        let parent = m.groups.iter().enumerate().find_map(|(g, grp)| {
            grp.members
                .iter()
                .position(|x| x.node == node)
                .map(|k| (g, k))
        });
        match parent {
            Some((p, k)) => format!(
                "({} * {})",
                self.share(p, k),
                ratio(
                    &self.contribution(NodeRef::Group(p)),
                    &col_group(&m.groups[p].name)
                )
            ),
            None => format!("CAST(NULL AS {})", self.target.dialect.num()),
        }
    }
}
