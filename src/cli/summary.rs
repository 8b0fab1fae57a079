//! `check`'s one-line summary of a methodology that checks clean: its indicators, groups,
//! score and record aggregates, in the user's language.

use metodika::check::Methodology;
use metodika::report;

/// `21 indicators, 3 groups, maximum 1000 points, 30 aggregates over 5 record inputs`.
pub(super) fn summary(m: &Methodology) -> String {
    use metodika::i18n::{count, t};
    let score = m.score();
    let range = m.score_range();
    let scheme = match score.aggregation {
        metodika::builtins::Aggregation::Sum if range.hi.is_finite() => t(
            "check-maximum",
            &[("points", count("count-points", range.hi).into())],
        ),
        metodika::builtins::Aggregation::Sum => t("check-unbounded-points", &[]),
        a => {
            let bounds = if range.is_bounded() {
                t(
                    "check-bounds",
                    &[
                        (
                            "lo",
                            metodika::i18n::decimal(report::fmt_num(range.lo)).into(),
                        ),
                        (
                            "hi",
                            metodika::i18n::decimal(report::fmt_num(range.hi)).into(),
                        ),
                    ],
                )
            } else {
                t("check-unbounded", &[])
            };
            t(
                "check-mean",
                &[
                    ("aggregation", a.name().into()),
                    (
                        "members",
                        count("count-members", score.members.len() as f64).into(),
                    ),
                    ("bounds", bounds.into()),
                ],
            )
        }
    };
    let groups = m.score_index();
    let records = match m.record_aggs.len() {
        0 => String::new(),
        n => format!(
            ", {}",
            t(
                "check-aggregates",
                &[
                    ("aggregates", count("count-aggregates", n as f64).into()),
                    (
                        "inputs",
                        count("count-record-inputs", m.records.len() as f64).into(),
                    ),
                ],
            )
        ),
    };
    format!(
        "{}, {}, {}{records}",
        count("count-indicators", m.indicators.len() as f64),
        count("count-groups", groups as f64),
        scheme
    )
}
