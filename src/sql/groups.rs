//! Groups in the query, as the interpreter computes them (`engine::plan::groups`): a
//! group's result from its members', each member's share of it, and what each indicator
//! contributes to the score (for `--detail`).

use super::algebra::{self, number, Sql};

use super::{col_group, col_norm, Writer};
use crate::check::NodeRef;
use crate::stages::groups;

/// a ÷ b, 0 where b is 0 (a share of a total of 0).
fn ratio(a: &str, b: &str) -> String {
    format!("(CASE WHEN {b} = 0 THEN 0 ELSE {a} / {b} END)")
}

/// The operations of stage 4 in SQL: sums written out, the weights present as a sum of
/// `CASE`s, the smallest member by `LEAST` (a missing one counting as the largest double:
/// the engines disagree on `LEAST` with NULLs), every quotient guarded.
impl groups::GroupAlgebra for Sql<'_> {
    fn sum(&self, terms: Vec<String>) -> String {
        format!("({})", terms.join(" + "))
    }
    fn weights_present(&self, xs: &[String], ws: &[f64]) -> String {
        self.sum(
            xs.iter()
                .zip(ws)
                .map(|(x, w)| format!("CASE WHEN {x} IS NULL THEN 0 ELSE {} END", number(*w)))
                .collect(),
        )
    }
    fn smallest(&self, xs: &[String]) -> String {
        let big = number(f64::MAX);
        let each: Vec<String> = xs.iter().map(|x| format!("COALESCE({x}, {big})")).collect();
        format!("LEAST({})", each.join(", "))
    }
    fn finite(&self, v: String) -> String {
        // (every operation that would give no finite number is guarded: NULL already)
        v
    }
    fn safe_div(&self, a: String, b: String) -> String {
        algebra::div(&a, &b)
    }
    fn ratio(&self, a: String, b: String) -> String {
        ratio(&a, &b)
    }
}

impl Writer<'_> {
    /// A group's result from its members' (`stages::groups`): the weights of the members
    /// present, the weighted terms (a missing member counts 0), and the aggregation; no
    /// value when no member has one.
    pub(super) fn group(&self, g: usize) -> String {
        let grp = &self.m.groups[g];
        let (xs, ws) = self.members(g);
        let a = self.algebra("");
        let s = groups::sums(&a, &xs, &ws, grp.coverage);
        groups::result(&a, grp.aggregation, &xs, &ws, grp.total_weight(), &s)
    }

    /// The members' columns of group `g`, and their weights.
    fn members(&self, g: usize) -> (Vec<String>, Vec<f64>) {
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
        (xs, grp.members.iter().map(|x| x.weight).collect())
    }

    /// A member's share of its group's result, in the units of the result
    /// (`stages::groups::share`); none for a member without a value.
    fn share(&self, g: usize, member: usize) -> String {
        let grp = &self.m.groups[g];
        let (xs, ws) = self.members(g);
        let a = self.algebra("");
        let s = groups::sums(&a, &xs, &ws, grp.coverage);
        groups::share(
            &a,
            grp.aggregation,
            (&xs[member], ws[member]),
            grp.total_weight(),
            &s,
            col_group(&grp.name),
        )
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
