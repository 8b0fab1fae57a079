//! The runs of `metodika audit`: the nominal run's values, and the ranking with each
//! indicator and each group left out in turn (drop-one), on the dense evaluator from the
//! inputs read once — the same stages as `run`, refusing what it refuses.

use super::uncertainty::{pool, Outcome, Shared};
use super::RunError;
use crate::check::ir::{Methodology, NodeRef};
use crate::paths::RunOptions;
use rayon::prelude::*;

/// A column before and after a step.
pub type BeforeAfter = (Vec<Option<f64>>, Vec<Option<f64>>);

/// The nominal run and the drop-one runs of a methodology, each region in the nominal
/// ranking's order.
pub struct Runs {
    /// The regions' keys.
    pub keys: Vec<String>,
    /// Their names.
    pub labels: Vec<String>,
    /// Why each region is not ranked, where a rule excludes it.
    pub reasons: Vec<Option<String>>,
    /// The nominal outcome: each region's place, score and zone.
    pub nominal: Outcome,
    /// Each indicator's raw value (its formula's, before transforms).
    pub raw: Vec<Vec<Option<f64>>>,
    /// Each indicator's normalized value.
    pub normalized: Vec<Vec<Option<f64>>>,
    /// Each indicator's value before and after its outlier rule (none without one).
    pub outliers: Vec<Option<BeforeAfter>>,
    /// Each group's result (the score's last: before the score's rounding).
    pub groups: Vec<Vec<Option<f64>>>,
    /// For each member of a group (indicators first, then groups, in the methodology's
    /// order), the outcome with it left out for every region: its weight shared among the
    /// members present, as a missing member's is.
    pub without: Vec<(NodeRef, Outcome)>,
    /// What reading the inputs assumed.
    pub notes: Vec<crate::notes::Note>,
}

/// The members a drop-one run leaves out: every indicator and every group but the score
/// that is a member of a group.
pub fn droppable(m: &Methodology) -> Vec<NodeRef> {
    (0..m.indicators.len())
        .map(NodeRef::Indicator)
        .chain((0..m.score_index()).map(NodeRef::Group))
        .filter(|&n| m.parent(n).is_some())
        .collect()
}

/// Run `m` once with every step's values and once without each member of a group.
pub fn runs(m: &Methodology, opts: &RunOptions) -> Result<Runs, RunError> {
    let sh = Shared::new(m, opts)?;
    crate::timing::mark("audit: the nominal run");
    let (values, nominal) = sh.values();
    crate::timing::mark("audit: the nominal values");
    let nodes = droppable(m);
    let without = pool()?.install(|| {
        nodes
            .par_iter()
            .map_init(|| sh.copy(), |v, &n| (n, sh.without(v, &nominal, n)))
            .collect()
    });
    crate::timing::mark("audit: the drop-one runs");
    // (what the replications shared, theirs now: no copy of the regions' keys and names)
    let mut sh = sh;
    Ok(Runs {
        keys: std::mem::take(&mut sh.keys),
        labels: std::mem::take(&mut sh.labels),
        reasons: std::mem::take(&mut sh.reasons),
        nominal: sh.nominal.clone(),
        raw: values.raw,
        normalized: values.normalized,
        outliers: values.outliers,
        groups: values.groups,
        without,
        notes: std::mem::take(&mut sh.notes),
    })
}
