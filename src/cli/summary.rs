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
                    ("aggregation", aggregation_words(a).into()),
                    ("members", members(m).into()),
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
    t(
        "check-summary",
        &[
            (
                "indicators",
                count("count-indicators", m.indicators.len() as f64).into(),
            ),
            ("groups", count("count-groups", groups as f64).into()),
            ("scheme", scheme.into()),
            ("records", records.into()),
        ],
    )
}

/// How the score adds its members up: `mean` in English, «среднее арифметическое» in
/// Russian (the glossary's words).
fn aggregation_words(a: metodika::builtins::Aggregation) -> String {
    use metodika::i18n::Lang;
    match metodika::i18n::lang() {
        Lang::Ru => metodika::report::people::aggregation(Lang::Ru, a),
        Lang::En => a.name().to_string(),
    }
}

/// The score's members, counted: «2 показателей», «3 блоков», or «4 составляющих» when
/// they are both (English: `2 members`).
fn members(m: &Methodology) -> String {
    use metodika::check::NodeRef;
    let score = m.score();
    let n = score.members.len() as f64;
    let indicators = score
        .members
        .iter()
        .all(|x| matches!(x.node, NodeRef::Indicator(_)));
    let groups = score
        .members
        .iter()
        .all(|x| matches!(x.node, NodeRef::Group(_)));
    metodika::i18n::count(
        match (indicators, groups) {
            (true, _) => "count-members-indicators",
            (_, true) => "count-members-groups",
            _ => "count-members",
        },
        n,
    )
}
