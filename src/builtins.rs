//! Every built-in of the language, one enum per kind, each variant with its name and a
//! one-line meaning. The checker, the formatter's docs and the engine all look names up
//! here, so that they cannot disagree.

pub mod docs;
mod records;
use crate::i18n::t as tr;
pub use records::RecordAggregate;

/// Element-wise functions: computed for each region on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `abs(x)`: absolute value.
    Abs,
    /// `ln(x)`: natural logarithm; missing for x ≤ 0.
    Ln,
    /// `log10(x)`: decimal logarithm; missing for x ≤ 0.
    Log10,
    /// `sqrt(x)`: square root; missing for x < 0.
    Sqrt,
    /// `exp(x)`: e to the power x.
    Exp,
    /// `round(x)` or `round(x, n)`: rounded half away from zero to n decimals.
    Round,
    /// `clamp(x, lo, hi)`: x limited to lo..hi.
    Clamp,
    /// `min(a, b, …)`: the smallest of the arguments, for each region.
    Min,
    /// `max(a, b, …)`: the largest of the arguments, for each region.
    Max,
    /// `missing(x)`: true where x has no value.
    Missing,
    /// `coalesce(x, y, …)`: the first argument that has a value.
    Coalesce,
}

/// Cross-region aggregates: one number over all ranked regions (excluded regions do not
/// count), the same for every region. Their names end in `_of` so that they stand apart
/// from element-wise functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// `mean_of(x)`: the arithmetic mean over regions.
    Mean,
    /// `median_of(x)`: the median over regions.
    Median,
    /// `min_of(x)`: the smallest value over regions.
    Min,
    /// `max_of(x)`: the largest value over regions.
    Max,
    /// `sum_of(x)`: the sum over regions.
    Sum,
    /// `share_of(x)`: x / sum_of(x), for each region.
    Share,
    /// `count_of(x)`: how many regions have a value of x.
    Count,
}

impl Func {
    /// Every function, by the name it is called by.
    pub const ALL: &'static [(&'static str, Func)] = &[
        ("abs", Func::Abs),
        ("ln", Func::Ln),
        ("log10", Func::Log10),
        ("sqrt", Func::Sqrt),
        ("exp", Func::Exp),
        ("round", Func::Round),
        ("clamp", Func::Clamp),
        ("min", Func::Min),
        ("max", Func::Max),
        ("missing", Func::Missing),
        ("coalesce", Func::Coalesce),
    ];
    /// The function called `name`.
    pub fn lookup(name: &str) -> Option<Func> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
    /// The name it is called by.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).unwrap().0
    }
    /// (least, most) arguments; `None` for no upper bound.
    pub fn arity(self) -> (usize, Option<usize>) {
        match self {
            Func::Abs | Func::Ln | Func::Log10 | Func::Sqrt | Func::Exp | Func::Missing => {
                (1, Some(1))
            }
            Func::Round => (1, Some(2)),
            Func::Clamp => (3, Some(3)),
            Func::Min | Func::Max | Func::Coalesce => (2, None),
        }
    }
}

impl Aggregate {
    /// Every aggregate, by the name it is called by.
    pub const ALL: &'static [(&'static str, Aggregate)] = &[
        ("mean_of", Aggregate::Mean),
        ("median_of", Aggregate::Median),
        ("min_of", Aggregate::Min),
        ("max_of", Aggregate::Max),
        ("sum_of", Aggregate::Sum),
        ("share_of", Aggregate::Share),
        ("count_of", Aggregate::Count),
    ];
    /// The aggregate called `name`.
    pub fn lookup(name: &str) -> Option<Aggregate> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
    /// The name it is called by.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).unwrap().0
    }
}

/// Transforms, applied to an indicator's value before normalization, in the order written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Transform {
    /// `log`: natural logarithm; a value ≤ 0 becomes missing.
    Log,
    /// `log1p`: ln(1 + x); a value ≤ −1 becomes missing.
    Log1p,
    /// `sqrt`: square root; a negative value becomes missing.
    Sqrt,
    /// `cap(lo, hi)`: values below lo become lo, above hi become hi.
    Cap(f64, f64),
    /// `winsorize(p_lo, p_hi)`: values beyond the p_lo and p_hi quantiles (over the ranked
    /// regions, linear interpolation) are pulled in to them.
    Winsorize(f64, f64),
}

/// Names of transforms, with their numbers of arguments.
pub const TRANSFORMS: &[(&str, &[usize])] = &[
    ("log", &[0]),
    ("log1p", &[0]),
    ("sqrt", &[0]),
    ("cap", &[2]),
    ("winsorize", &[2]),
];

/// A threshold band of `bands { … }`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// The comparison of the value with the threshold (`>=`, `<`, …).
    pub op: crate::syntax::ast::CmpOp,
    /// The threshold the value is compared with.
    pub threshold: f64,
    /// The normalized value of a region whose value meets the condition.
    pub value: f64,
}

/// Normalizations: raw value (after transforms) → comparable score. Unless said
/// otherwise the result is 0..1 with 1 the best; `better lower` mirrors the formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Normalization {
    /// `minmax`: (x − min) / (max − min); `better lower`: (max − x) / (max − min). When
    /// every region has the same value, every region gets 1.
    MinMax,
    /// `minmax(lo, hi)`: minmax rescaled to lo..hi.
    MinMaxTo(f64, f64),
    /// `zscore`: (x − mean) / sd (sample sd); negated for `better lower`; 0 when sd is 0.
    ZScore,
    /// `goalposts(lo, hi)`: (x − lo) / (hi − lo) clamped to 0..1; `better lower`:
    /// (hi − x) / (hi − lo).
    Goalposts(f64, f64),
    /// `ratio_to_best`: x / max; `better lower`: min / x (1 for the best region).
    RatioToBest,
    /// `target(t)`: x / t capped at 1; `better lower`: t / x capped at 1.
    Target(f64),
    /// `rank`: percentile rank (ties share the average), 0 for the worst, 1 for the best.
    Rank,
    /// `bands { … }`: the value of the first band whose condition holds, else the
    /// `else` value. Bands give values as written: `better` does not mirror them.
    Bands(Vec<Band>, f64),
    /// `none`: the value as it is (mirrored to −x for `better lower`).
    None,
}

/// Names of the normalizations with their argument counts (bands have their own syntax).
pub const NORMALIZATIONS: &[(&str, &[usize])] = &[
    ("minmax", &[0, 2]),
    ("zscore", &[0]),
    ("goalposts", &[2]),
    ("ratio_to_best", &[0]),
    ("target", &[1]),
    ("rank", &[0]),
    ("none", &[0]),
    ("bands", &[0]),
];

impl Normalization {
    /// The name it is written with.
    pub fn name(&self) -> &'static str {
        match self {
            Normalization::MinMax | Normalization::MinMaxTo(..) => "minmax",
            Normalization::ZScore => "zscore",
            Normalization::Goalposts(..) => "goalposts",
            Normalization::RatioToBest => "ratio_to_best",
            Normalization::Target(_) => "target",
            Normalization::Rank => "rank",
            Normalization::Bands(..) => "bands",
            Normalization::None => "none",
        }
    }
    /// The values the normalization can give, whatever the data: (least, most), with
    /// ±∞ where there is no bound. `ratio_to_best` and `target` divide by the values, so
    /// their range 0..1 holds for values ≥ 0 (counts, shares, rates), as documented.
    pub fn range(&self) -> (f64, f64) {
        match self {
            Normalization::MinMax
            | Normalization::Goalposts(..)
            | Normalization::Rank
            | Normalization::RatioToBest
            | Normalization::Target(_) => (0.0, 1.0),
            Normalization::MinMaxTo(lo, hi) => (lo.min(*hi), lo.max(*hi)),
            Normalization::ZScore | Normalization::None => (f64::NEG_INFINITY, f64::INFINITY),
            Normalization::Bands(bands, otherwise) => bands
                .iter()
                .map(|b| b.value)
                .fold((*otherwise, *otherwise), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                }),
        }
    }
    /// Whether some region always gets 0 or less (so a geometric or harmonic mean of it
    /// collapses), as far as can be told without data.
    pub fn can_reach_zero(&self) -> bool {
        match self {
            Normalization::MinMax | Normalization::ZScore | Normalization::Rank => true,
            Normalization::MinMaxTo(lo, _) => *lo <= 0.0,
            Normalization::Bands(bands, otherwise) => {
                *otherwise <= 0.0 || bands.iter().any(|b| b.value <= 0.0)
            }
            Normalization::None => true,
            _ => false,
        }
    }
}

/// What to do where an indicator has no value for a region.
#[derive(Debug, Clone, PartialEq)]
pub enum MissingPolicy {
    /// `error` (the default): the run stops and names every region and column concerned.
    Error,
    /// `zero`: the value is taken as 0.
    Zero,
    /// `mean`: the mean over the regions that have a value.
    Mean,
    /// `median`: the median over the regions that have a value.
    Median,
    /// `min`: the smallest value any region has.
    Min,
    /// `max`: the largest value any region has.
    Max,
    /// `value(x)`: the constant x.
    Value(f64),
    /// `exclude`: the indicator is left out for that region, and its weight is shared
    /// among the region's other members of the group.
    Exclude,
    /// `mean by input.column`: the mean over the regions of the region's group (COINr's
    /// `i_mean_grp`); the mean over all regions where the group has no value.
    MeanBy(GroupBy),
    /// `median by input.column`: the median of the region's group, likewise.
    MedianBy(GroupBy),
}

/// A column of an input whose values put the regions in groups (`by regions.district`):
/// read as text, a region without a value in no group.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupBy {
    /// The input.
    pub input: String,
    /// The column (its header).
    pub column: String,
}

impl GroupBy {
    /// As written: `regions.district`.
    pub fn text(&self) -> String {
        format!("{}.{}", self.input, self.column)
    }
    /// What the names of the groups' text columns start with.
    pub const FRAME_PREFIX: &'static str = "by:";

    /// The name of its text column among the regions' columns (the engine's frame, the
    /// SQL's first step): `by:regions.district`.
    pub fn frame_name(&self) -> String {
        format!("{}{}.{}", Self::FRAME_PREFIX, self.input, self.column)
    }
}

/// Names of the missing-data policies, with their numbers of arguments.
pub const MISSING_POLICIES: &[(&str, &[usize])] = &[
    ("error", &[0]),
    ("zero", &[0]),
    ("mean", &[0]),
    ("median", &[0]),
    ("min", &[0]),
    ("max", &[0]),
    ("value", &[1]),
    ("exclude", &[0]),
];

impl MissingPolicy {
    /// The name it is written with.
    pub fn name(&self) -> &'static str {
        match self {
            MissingPolicy::Error => "error",
            MissingPolicy::Zero => "zero",
            MissingPolicy::Mean => "mean",
            MissingPolicy::Median => "median",
            MissingPolicy::Min => "min",
            MissingPolicy::Max => "max",
            MissingPolicy::Value(_) => "value",
            MissingPolicy::Exclude => "exclude",
            MissingPolicy::MeanBy(_) => "mean",
            MissingPolicy::MedianBy(_) => "median",
        }
    }

    /// The column whose groups the policy is taken within, if any.
    pub fn by(&self) -> Option<&GroupBy> {
        match self {
            MissingPolicy::MeanBy(g) | MissingPolicy::MedianBy(g) => Some(g),
            _ => None,
        }
    }
}

/// An indicator's outlier rule (`outliers …`), applied after its missing-data policy and
/// before its normalization (see [`crate::stages::outliers`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Outliers {
    /// `none` (the default): values as they are.
    #[default]
    None,
    /// `auto` or `auto(N)`: COINr's default treatment — winsorize at most N points (5 by
    /// default) while |skewness| ≥ 2 and kurtosis ≥ 3.5, else the logarithm `log_CT`.
    Auto(usize),
}

/// Names of the outlier rules, with their numbers of arguments.
pub const OUTLIER_RULES: &[(&str, &[usize])] = &[("auto", &[0, 1]), ("none", &[0])];

impl Outliers {
    /// The rule a call names, its arguments evaluated.
    pub fn from_call(name: &str, args: &[f64]) -> Result<Outliers, Refusal> {
        use crate::stages::outliers::{DEFAULT_POINTS, MAX_POINTS};
        Ok(match name {
            "none" => Outliers::None,
            "auto" => match args.first() {
                None => Outliers::Auto(DEFAULT_POINTS),
                Some(&n) if n.fract() == 0.0 && (1.0..=MAX_POINTS as f64).contains(&n) => {
                    Outliers::Auto(n as usize)
                }
                Some(&n) => {
                    return Err(refuse(
                        "E406",
                        tr("e406-outliers", &[("max", MAX_POINTS.into())]),
                        tr(
                            "e406-outliers-label",
                            &[
                                ("n", crate::i18n::decimal(n.to_string()).into()),
                                ("max", MAX_POINTS.into()),
                            ],
                        ),
                        tr("e406-outliers-help", &[]),
                    ))
                }
            },
            other => unreachable!("outlier rule `{other}` is listed but not built"),
        })
    }

    /// The canonical text: `none`, `auto(5)`.
    pub fn text(&self) -> String {
        match self {
            Outliers::None => "none".into(),
            Outliers::Auto(n) => format!("auto({n})"),
        }
    }
}

/// How a group combines its members' results (w the weights, x the results).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregation {
    /// `mean` (the default): Σ w·x / Σ w.
    Mean,
    /// `geometric`: Π x^(w / Σ w); 0 when any member is 0.
    Geometric,
    /// `harmonic`: Σ w / Σ (w / x); 0 when any member is 0.
    Harmonic,
    /// `sum` (the default with points): Σ w·x.
    Sum,
    /// `min`: the smallest member result; weights are not used.
    Min,
}

impl Aggregation {
    /// Every aggregation, by the name it is written with.
    pub const ALL: &'static [(&'static str, Aggregation)] = &[
        ("mean", Aggregation::Mean),
        ("geometric", Aggregation::Geometric),
        ("harmonic", Aggregation::Harmonic),
        ("sum", Aggregation::Sum),
        ("min", Aggregation::Min),
    ];
    /// The aggregation called `name`.
    pub fn lookup(name: &str) -> Option<Aggregation> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
    /// The name it is written with.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).unwrap().0
    }
}

/// How regions equal on the score and every tie-breaker are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieMethod {
    /// `dense`: 1, 2, 2, 3 — as the published ПОС rating does (the default).
    Dense,
    /// `competition`: 1, 2, 2, 4.
    Competition,
    /// `ordinal`: 1, 2, 3, 4, the tie broken by the key, so the output is deterministic.
    Ordinal,
    /// `average`: 1, 2.5, 2.5, 4.
    Average,
}

impl TieMethod {
    /// Every tie method, by the name it is written with.
    pub const ALL: &'static [(&'static str, TieMethod)] = &[
        ("dense", TieMethod::Dense),
        ("competition", TieMethod::Competition),
        ("ordinal", TieMethod::Ordinal),
        ("average", TieMethod::Average),
    ];
    /// The tie method called `name`.
    pub fn lookup(name: &str) -> Option<TieMethod> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
    /// The name it is written with.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).unwrap().0
    }
}

/// Why a built-in's arguments are refused: a checker error (its code, message, the label
/// under the call, and the help line).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The checker's code (E4xx for arguments, E109 for a call that lacks its part).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// The label under the call.
    pub label: String,
    /// How to write it.
    pub help: String,
}

fn refuse(
    code: &'static str,
    message: String,
    label: impl Into<String>,
    help: impl Into<String>,
) -> Refusal {
    Refusal {
        code,
        message,
        label: label.into(),
        help: help.into(),
    }
}

/// A share as a percentage, without float noise: `0.3` → `30%`.
pub fn pct(x: f64) -> String {
    let v = (x * 100.0 * 1e6).round() / 1e6;
    format!("{v}%")
}

impl Transform {
    /// The transform a call names, its arguments evaluated (their number checked against
    /// [`TRANSFORMS`]).
    pub fn from_call(name: &str, args: &[f64]) -> Result<Transform, Refusal> {
        Ok(match name {
            "log" => Transform::Log,
            "log1p" => Transform::Log1p,
            "sqrt" => Transform::Sqrt,
            "cap" => {
                let (lo, hi) = (args[0], args[1]);
                if lo >= hi {
                    return Err(refuse(
                        "E404",
                        tr("e404-cap", &[("lo", lo.into()), ("hi", hi.into())]),
                        "lo ≥ hi",
                        tr("e404-cap-help", &[]),
                    ));
                }
                Transform::Cap(lo, hi)
            }
            "winsorize" => {
                let (lo, hi) = (args[0], args[1]);
                if !((0.0..1.0).contains(&lo) && lo < hi && hi <= 1.0) {
                    return Err(refuse(
                        "E403",
                        tr("e403-winsorize", &[]),
                        tr(
                            "e403-winsorize-label",
                            &[("lo", pct(lo).into()), ("hi", pct(hi).into())],
                        ),
                        tr("e403-winsorize-help", &[]),
                    ));
                }
                Transform::Winsorize(lo, hi)
            }
            other => unreachable!("transform `{other}` is listed but not built"),
        })
    }

    /// The canonical text: `log`, `cap(0, 100)`, `winsorize(5%, 95%)`.
    pub fn text(&self) -> String {
        match self {
            Transform::Log => "log".into(),
            Transform::Log1p => "log1p".into(),
            Transform::Sqrt => "sqrt".into(),
            Transform::Cap(lo, hi) => format!("cap({lo}, {hi})"),
            Transform::Winsorize(lo, hi) => format!("winsorize({}, {})", pct(*lo), pct(*hi)),
        }
    }
}

impl Normalization {
    /// The normalization a call names, its arguments evaluated (their number checked
    /// against [`NORMALIZATIONS`]); `bands` have their own syntax.
    pub fn from_call(name: &str, args: &[f64]) -> Result<Normalization, Refusal> {
        Ok(match name {
            "minmax" if args.is_empty() => Normalization::MinMax,
            "minmax" => {
                let (lo, hi) = (args[0], args[1]);
                if lo >= hi {
                    return Err(refuse(
                        "E404",
                        tr("e404-minmax", &[("lo", lo.into()), ("hi", hi.into())]),
                        "lo ≥ hi",
                        tr("e404-minmax-help", &[]),
                    ));
                }
                Normalization::MinMaxTo(lo, hi)
            }
            "zscore" => Normalization::ZScore,
            "goalposts" => {
                let (lo, hi) = (args[0], args[1]);
                if lo >= hi {
                    return Err(refuse(
                        "E401",
                        tr("e401-goalposts", &[("lo", lo.into()), ("hi", hi.into())]),
                        "lo ≥ hi",
                        tr("e401-goalposts-help", &[]),
                    ));
                }
                Normalization::Goalposts(lo, hi)
            }
            "ratio_to_best" => Normalization::RatioToBest,
            "target" => {
                let t = args[0];
                if t <= 0.0 {
                    return Err(refuse(
                        "E405",
                        tr("e405-target", &[("target", t.into())]),
                        tr("e405-target-label", &[]),
                        tr("e405-target-help", &[]),
                    ));
                }
                Normalization::Target(t)
            }
            "rank" => Normalization::Rank,
            "bands" => {
                return Err(refuse(
                    "E109",
                    tr("e109-bands", &[]),
                    tr("e109-bands-label", &[]),
                    tr("e109-bands-help", &[]),
                ))
            }
            "none" => Normalization::None,
            other => unreachable!("normalization `{other}` is listed but not built"),
        })
    }

    /// The canonical text: `minmax`, `minmax(0.01, 1)`, `bands { >= 0.8 : 1  else : 0 }`.
    pub fn text(&self) -> String {
        match self {
            Normalization::MinMaxTo(a, b) => format!("minmax({a}, {b})"),
            Normalization::Goalposts(a, b) => format!("goalposts({a}, {b})"),
            Normalization::Target(t) => format!("target({t})"),
            Normalization::Bands(bands, e) => {
                let parts: Vec<String> = bands
                    .iter()
                    .map(|b| format!("{} {} : {}", b.op.symbol(), b.threshold, b.value))
                    .collect();
                format!("bands {{ {}  else : {e} }}", parts.join("  "))
            }
            Normalization::MinMax
            | Normalization::ZScore
            | Normalization::RatioToBest
            | Normalization::Rank
            | Normalization::None => self.name().to_string(),
        }
    }
}

impl MissingPolicy {
    /// The policy a call names, its arguments evaluated (their number checked against
    /// [`MISSING_POLICIES`]).
    pub fn from_call(name: &str, args: &[f64]) -> MissingPolicy {
        match name {
            "error" => MissingPolicy::Error,
            "zero" => MissingPolicy::Zero,
            "mean" => MissingPolicy::Mean,
            "median" => MissingPolicy::Median,
            "min" => MissingPolicy::Min,
            "max" => MissingPolicy::Max,
            "value" => MissingPolicy::Value(args[0]),
            "exclude" => MissingPolicy::Exclude,
            other => unreachable!("missing-data policy `{other}` is listed but not built"),
        }
    }

    /// The canonical text: `mean`, `value(0)`, `mean by regions.district`.
    pub fn text(&self) -> String {
        match self {
            MissingPolicy::Value(v) => format!("value({v})"),
            MissingPolicy::MeanBy(g) | MissingPolicy::MedianBy(g) => {
                format!("{} by {}", self.name(), g.text())
            }
            other => other.name().to_string(),
        }
    }
}
