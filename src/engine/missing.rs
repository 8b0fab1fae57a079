//! Values missing under `missing error`: whether a ranked region has one, and every
//! region, indicator and column of them at once, each told why it has no value.

use super::lower::*;
use super::RunError;
use crate::builtins::MissingPolicy;
use crate::check::Methodology;
use crate::data::region_name;
use crate::i18n::t;
use polars::prelude::*;

fn f64s(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>, RunError> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

fn strs(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>, RunError> {
    let c = df.column(name)?;
    Ok(c.str()?.iter().map(|s| s.map(|x| x.to_string())).collect())
}

pub(super) fn bools(df: &DataFrame, name: &str) -> Result<Vec<bool>, RunError> {
    let c = df.column(name)?;
    Ok(c.bool()?.iter().map(|b| b.unwrap_or(false)).collect())
}

/// Whether a ranked region has a missing value under `missing error`.
pub fn has_missing_errors(m: &Methodology, df: &DataFrame) -> Result<bool, RunError> {
    if df.column(MISSING_ERROR).is_ok() {
        return Ok(bools(df, MISSING_ERROR)?.into_iter().any(|b| b));
    }
    let included = bools(df, IN)?;
    for ind in &m.indicators {
        if ind.missing != MissingPolicy::Error {
            continue;
        }
        let flags = bools(df, &miss(&ind.name))?;
        if flags.iter().zip(&included).any(|(f, i)| *f && *i) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The missing values under `missing error`, every region and column at once, from a
/// frame with the indicators' steps.
pub fn missing_errors(m: &Methodology, df: &DataFrame) -> RunError {
    match missing_lines(m, df) {
        Ok(lines) if lines.is_empty() => {
            RunError::Internal("missing values were found, then not found again".into())
        }
        Ok(lines) => RunError::Values {
            message: t(
                "r001-message",
                &[(
                    "values",
                    crate::i18n::count("count-missing-values", lines.len() as f64).into(),
                )],
            ),
            lines,
            help: t("r001-help", &[]),
        },
        Err(e) => e,
    }
}

fn missing_lines(m: &Methodology, df: &DataFrame) -> Result<Vec<String>, RunError> {
    let n = df.height();
    let keys: Vec<String> = strs(df, KEY)?
        .into_iter()
        .map(|k| k.unwrap_or_default())
        .collect();
    let labels: Vec<String> = strs(df, LABEL)?
        .into_iter()
        .map(|k| k.unwrap_or_default())
        .collect();
    let included = bools(df, IN)?;
    let mut lines = Vec::new();
    for ind in &m.indicators {
        if ind.missing != MissingPolicy::Error {
            continue;
        }
        let flags = bools(df, &miss(&ind.name))?;
        if !flags.iter().zip(&included).any(|(f, i)| *f && *i) {
            continue;
        }
        let raws = f64s(df, &raw(&ind.name))?;
        let mut cols = Vec::new();
        for (input, c) in &ind.columns {
            let name = format!("{}.{}", m.inputs[*input].name, c);
            cols.push((name.clone(), f64s(df, &name)?));
        }
        for r in 0..n {
            if !(flags[r] && included[r]) {
                continue;
            }
            let empty: Vec<&str> = cols
                .iter()
                .filter(|(_, v)| v[r].is_none())
                .map(|(nm, _)| nm.as_str())
                .collect();
            let why = if !empty.is_empty() {
                t(
                    "r001-no-value-in",
                    &[(
                        "columns",
                        empty
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into(),
                    )],
                )
            } else if let Some(why) = empty_aggregate(m, df, &ind.value, r)? {
                why
            } else if raws[r].is_none() {
                match why_no_value(m, df, &ind.value, r) {
                    Err(NoValue::Overflow) => t("r001-overflow", &[]),
                    Err(NoValue::DivZero) => t("r001-division", &[]),
                    Err(NoValue::Domain) => t("r001-domain", &[]),
                    _ => t("r001-no-value", &[]),
                }
            } else {
                t(
                    "r001-transform",
                    &[(
                        "value",
                        crate::words::number::fmt_num(raws[r].unwrap()).into(),
                    )],
                )
            };
            lines.push(t(
                "r001-line",
                &[
                    ("region", region_name(&keys[r], Some(&labels[r])).into()),
                    ("indicator", (&ind.name).into()),
                    ("why", why.into()),
                ],
            ));
        }
    }
    Ok(lines)
}

/// The first aggregate over records in a formula that has no value for region `r`, and
/// why: `mean(messages.rating) has no value: none of the region's 0 messages counted`.
fn empty_aggregate(
    m: &Methodology,
    df: &DataFrame,
    e: &crate::check::IrExpr,
    r: usize,
) -> Result<Option<String>, RunError> {
    let mut found = Vec::new();
    e.visit(&mut |x| {
        if let crate::check::IrExpr::Record(i) = x {
            found.push(*i);
        }
    });
    for i in found {
        if f64s(df, &record(i))?[r].is_some() {
            continue;
        }
        let kept = f64s(df, &record_kept(i))?[r].unwrap_or(0.0);
        let total = f64s(df, &record_total(i))?[r].unwrap_or(0.0);
        let records = &m.records[m.record_aggs[i].records].name;
        let n = crate::words::number::fmt_num;
        return Ok(Some(t(
            "r001-aggregate",
            &[
                ("aggregate", m.aggregate_text(i).into()),
                ("kept", n(kept).into()),
                ("total", total.into()),
                ("records", records.into()),
            ],
        )));
    }
    Ok(None)
}

/// Why a formula has no value for a region, found by evaluating it again for that region.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NoValue {
    DivZero,
    Domain,
    Overflow,
    /// Not told apart here (a value missing in the data, a cross-region aggregate).
    Unknown,
}

/// The formula's value for region `r`, or why it has none (booleans are 1 and 0).
fn why_no_value(
    m: &Methodology,
    df: &DataFrame,
    e: &crate::check::IrExpr,
    r: usize,
) -> Result<f64, NoValue> {
    use crate::builtins::Func;
    use crate::check::IrExpr as E;
    use crate::syntax::ast::{BinOp, CmpOp};
    let at = |name: &str| -> Result<f64, NoValue> {
        let c = df.column(name).map_err(|_| NoValue::Unknown)?;
        let c = c.cast(&DataType::Float64).map_err(|_| NoValue::Unknown)?;
        let v = c.f64().map_err(|_| NoValue::Unknown)?.get(r);
        v.ok_or(NoValue::Unknown)
    };
    let ev = |x: &E| why_no_value(m, df, x, r);
    let fin = |v: f64| {
        if v.is_finite() {
            Ok(v)
        } else {
            Err(NoValue::Overflow)
        }
    };
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    match e {
        E::Num(v) => Ok(*v),
        E::Bool(x) => Ok(b(*x)),
        E::Column { input, column } => at(&format!("{}.{column}", m.inputs[*input].name)),
        E::Indicator(i) => at(&raw(&m.indicators[*i].name)),
        E::Record(i) => at(&record(*i)),
        E::Neg(x) => Ok(-ev(x)?),
        E::Not(x) => Ok(b(ev(x)? == 0.0)),
        E::If(c, t, o) => {
            if ev(c)? != 0.0 {
                ev(t)
            } else {
                ev(o)
            }
        }
        E::Bin(op, x, y) => {
            let (x, y) = (ev(x)?, ev(y)?);
            match op {
                BinOp::Add => fin(x + y),
                BinOp::Sub => fin(x - y),
                BinOp::Mul => fin(x * y),
                BinOp::Div if y == 0.0 => Err(NoValue::DivZero),
                BinOp::Div => fin(x / y),
                BinOp::Pow => {
                    let v = x.powf(y);
                    if v.is_nan() {
                        Err(NoValue::Domain)
                    } else if v.is_infinite() && x == 0.0 {
                        Err(NoValue::DivZero)
                    } else {
                        fin(v)
                    }
                }
                BinOp::And => Ok(b(x != 0.0 && y != 0.0)),
                BinOp::Or => Ok(b(x != 0.0 || y != 0.0)),
                BinOp::In => Err(NoValue::Unknown),
                BinOp::Cmp(c) => Ok(b(match c {
                    CmpOp::Eq => x == y,
                    CmpOp::Ne => x != y,
                    CmpOp::Lt => x < y,
                    CmpOp::Le => x <= y,
                    CmpOp::Gt => x > y,
                    CmpOp::Ge => x >= y,
                })),
            }
        }
        E::Func(f, args) => {
            let x = ev(&args[0]);
            match f {
                Func::Ln | Func::Log10 if x? <= 0.0 => Err(NoValue::Domain),
                Func::Ln => Ok(x?.ln()),
                Func::Log10 => Ok(x?.log10()),
                Func::Sqrt if x? < 0.0 => Err(NoValue::Domain),
                Func::Sqrt => Ok(x?.sqrt()),
                Func::Exp => fin(x?.exp()),
                Func::Abs => Ok(x?.abs()),
                Func::Round => Ok(x?.round()),
                Func::Clamp => Ok(x?.max(ev(&args[1])?).min(ev(&args[2])?)),
                Func::Min => args
                    .iter()
                    .try_fold(f64::INFINITY, |v, a| Ok(v.min(ev(a)?))),
                Func::Max => args
                    .iter()
                    .try_fold(f64::NEG_INFINITY, |v, a| Ok(v.max(ev(a)?))),
                Func::Missing | Func::Coalesce => Err(NoValue::Unknown),
            }
        }
        _ => Err(NoValue::Unknown),
    }
}

/// The regions whose missing value a `by` policy filled with the statistic of all
/// regions, their group having no value either: a warning for each such indicator,
/// naming them.
pub fn fallback_notes(
    m: &Methodology,
    df: &DataFrame,
) -> Result<Vec<crate::notes::Note>, RunError> {
    let mut out = Vec::new();
    let by: Vec<&crate::check::IndicatorDef> = m
        .indicators
        .iter()
        .filter(|i| i.missing.by().is_some())
        .collect();
    if by.is_empty() {
        return Ok(out);
    }
    // (the regions' columns read once, for every indicator)
    let (reasons, keys, labels) = (strs(df, REASON)?, strs(df, KEY)?, strs(df, LABEL)?);
    for ind in by {
        let flags = f64s(df, &fallback_col(&ind.name))?;
        let regions: Vec<String> = (0..df.height())
            .filter(|&r| flags[r] == Some(1.0) && reasons[r].is_none())
            .map(|r| {
                region_name(
                    keys[r].as_deref().unwrap_or(""),
                    labels[r].as_deref().filter(|l| !l.is_empty()),
                )
            })
            .collect();
        out.extend(fallback_note(ind, &regions));
    }
    Ok(out)
}

/// The warning that a `by` policy filled `regions`' values of `ind` from all regions, their
/// groups having none; none without such regions.
pub fn fallback_note(
    ind: &crate::check::IndicatorDef,
    regions: &[String],
) -> Option<crate::notes::Note> {
    let by = ind.missing.by()?;
    if regions.is_empty() {
        return None;
    }
    let median = matches!(ind.missing, MissingPolicy::MedianBy(_));
    Some(crate::notes::Note::warning(
        if median {
            "warn-group-fallback-median"
        } else {
            "warn-group-fallback-mean"
        },
        &[
            ("title", (&ind.title).into()),
            ("column", (&by.column).into()),
            ("n", regions.len().into()),
            ("regions", regions.join(", ").into()),
        ],
    ))
}
