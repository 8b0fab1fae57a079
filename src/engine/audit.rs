//! The runs of `metodika audit`: the nominal ranking with every step's values, and the
//! ranking with each indicator and each group left out in turn (drop-one), on the dense
//! evaluator from inputs read once — the same stages as `run`.

use super::uncertainty::{pool, Outcome, Shared};
use super::{Ranking, RunError};
use crate::check::ir::{Methodology, NodeRef};
use crate::paths::RunOptions;
use rayon::prelude::*;

/// The nominal run and the drop-one runs of a methodology.
pub struct Runs {
    /// The nominal ranking, with each indicator's raw, treated and normalized values.
    pub ranking: Ranking,
    /// The regions' keys in the order of the outcomes.
    pub keys: Vec<String>,
    /// The nominal outcome.
    pub nominal: Outcome,
    /// For each member of a group (indicators first, then groups, in the methodology's
    /// order), the outcome with it left out for every region: its weight shared among the
    /// members present, as a missing member's is.
    pub without: Vec<(NodeRef, Outcome)>,
}

/// The members a drop-one run leaves out: every indicator and every group but the score
/// that is a member of a group.
pub fn droppable(m: &Methodology) -> Vec<NodeRef> {
    let member = |n: NodeRef| {
        m.groups
            .iter()
            .any(|g| g.members.iter().any(|x| x.node == n))
    };
    (0..m.indicators.len())
        .map(NodeRef::Indicator)
        .chain((0..m.score_index()).map(NodeRef::Group))
        .filter(|&n| member(n))
        .collect()
}

/// Run `m` once with every step's values and once without each member of a group.
pub fn runs(m: &Methodology, opts: &RunOptions) -> Result<Runs, RunError> {
    // (the run as `run --detail` gives it: its refusals and notes are the audit's)
    let ranking = super::run_with(m, opts, true)?;
    let sh = Shared::new(m, opts)?;
    let nodes = droppable(m);
    let without = pool()?.install(|| {
        nodes
            .par_iter()
            .map_init(|| sh.copy(), |v, &n| (n, sh.without(v, n)))
            .collect()
    });
    Ok(Runs {
        ranking,
        keys: sh.keys.clone(),
        nominal: sh.nominal.clone(),
        without,
    })
}
