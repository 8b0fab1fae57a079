//! Parquet files (with the engine: polars reads them): the header, and the key, label
//! and numeric columns, each checked as CSV cells are — every problem of the file at once.

use super::{codes, region_name, DataError, DataErrors, Wanted};
use crate::i18n::t;
use polars::prelude::*;
use std::path::Path;

/// A Parquet table as read: keys and labels as text (no missing key), each numeric column
/// NaN where missing.
pub struct ParquetTable {
    /// The regions' keys, trimmed.
    pub keys: StringChunked,
    /// The label column, when there is one.
    pub labels: Option<StringChunked>,
    /// Each column read as text (a `by` group), `None` where empty.
    pub texts: Vec<(String, Vec<Option<String>>)>,
    /// The numeric columns asked for, in order.
    pub columns: Vec<(String, Vec<f64>)>,
}

/// The column names of a Parquet file.
pub fn parquet_header(path: &Path) -> Result<Vec<String>, String> {
    let schema = parquet_schema(path)?;
    Ok(schema.iter_names().map(|n| n.to_string()).collect())
}

/// The columns of a Parquet record file and their types as the language sees them.
pub fn parquet_record_schema(
    path: &Path,
) -> Result<Vec<(String, crate::data::records::ColType)>, String> {
    use crate::data::records::{infer_type, ColType, SAMPLE_ROWS};
    let schema = parquet_schema(path)?;
    // Text columns holding dates or conditions (`31.03.2025`, `да`) are told by a sample,
    // as in CSV files; numbers stored as text stay text (codes keep their zeros).
    let texts: Vec<&str> = schema
        .iter()
        .filter(|(_, dt)| matches!(dt, DataType::String))
        .map(|(n, _)| n.as_str())
        .collect();
    let mut sample: Option<DataFrame> = None;
    if !texts.is_empty() {
        let lf = LazyFrame::scan_parquet(
            PlRefPath::new(path.to_string_lossy().as_ref()),
            ScanArgsParquet::default(),
        )
        .map_err(|e| e.to_string())?;
        sample = Some(
            lf.select(texts.iter().map(|t| col(*t)).collect::<Vec<_>>())
                .limit(SAMPLE_ROWS as IdxSize)
                .collect()
                .map_err(|e| e.to_string())?,
        );
    }
    Ok(schema
        .iter()
        .map(|(n, dt)| {
            let t = match dt {
                DataType::String => {
                    let cells: Vec<String> = sample
                        .as_ref()
                        .and_then(|s| s.column(n.as_str()).ok())
                        .and_then(|c| {
                            c.str()
                                .ok()
                                .map(|c| c.iter().flatten().map(String::from).collect())
                        })
                        .unwrap_or_default();
                    match infer_type(cells.iter().map(|s| s.as_str())) {
                        ColType::Date if !cells.is_empty() => ColType::Date,
                        ColType::Bool if !cells.is_empty() => ColType::Bool,
                        _ => ColType::Text,
                    }
                }
                DataType::Categorical(..) | DataType::Enum(..) => ColType::Text,
                DataType::Date | DataType::Datetime(..) => ColType::Date,
                DataType::Boolean => ColType::Bool,
                _ => ColType::Number,
            };
            (n.to_string(), t)
        })
        .collect())
}

/// The columns of a Parquet file and their types.
pub(crate) fn parquet_schema(path: &Path) -> Result<Schema, String> {
    // (a FIFO or a device would hold the reader: refused before it is opened for reading)
    crate::paths::open_regular(path).map_err(|e| e.to_string())?;
    let mut lf = LazyFrame::scan_parquet(
        PlRefPath::new(path.to_string_lossy().as_ref()),
        ScanArgsParquet::default(),
    )
    .map_err(|e| e.to_string())?;
    let schema = lf.collect_schema().map_err(|e| e.to_string())?;
    Ok(schema.as_ref().clone())
}

/// A Parquet column used as numbers, NaN where missing. Integers and floats (Float16
/// too) are read as they are; decimals and text go through the same cell rules as CSV
/// (`1,5`, `н/д`, …), decimals exactly; every other type is refused by name: a date or a
/// flag read as a number would be a silently wrong number.
fn parquet_numbers(
    column: Column,
    c: &str,
    region: &dyn Fn(usize) -> String,
) -> Result<Vec<f64>, (Option<u64>, String)> {
    let other = |x: PolarsError| (None, x.to_string());
    let dt = column.dtype().clone();
    if matches!(dt, DataType::String | DataType::Decimal(..)) {
        let text = column.cast(&DataType::String).map_err(other)?;
        let ca = text.str().map_err(other)?;
        let mut out = Vec::with_capacity(ca.len());
        for (i, cell) in ca.iter().enumerate() {
            let v = match cell {
                None => None,
                Some(s) => crate::data::parse_number(s).map_err(|why| {
                    let shown: String = s.chars().take(30).collect();
                    let what = why.what();
                    (
                        Some(i as u64 + 1),
                        t(
                            "d006-row",
                            &[
                                ("region", region(i).into()),
                                ("column", c.into()),
                                ("row", (i + 1).to_string().into()),
                                ("what", format!("`{shown}` {what}").into()),
                            ],
                        ),
                    )
                })?,
            };
            out.push(v.unwrap_or(f64::NAN));
        }
        return Ok(out);
    }
    if !(dt.is_primitive_numeric() || dt == DataType::Null) {
        let what = t(
            match dt {
                DataType::Boolean => "d009-booleans",
                DataType::Date | DataType::Datetime(..) => "d009-dates",
                DataType::Binary | DataType::BinaryOffset => "d009-binary",
                DataType::Duration(..) => "d009-durations",
                DataType::Time => "d009-times",
                _ => "d009-other",
            },
            &[],
        );
        return Err((
            None,
            t(
                "d009-holds",
                &[
                    ("column", c.into()),
                    ("what", what.into()),
                    ("type", dt.to_string().into()),
                ],
            ),
        ));
    }
    let cast = column.cast(&DataType::Float64).map_err(|_| {
        (
            None,
            t(
                "d009-type",
                &[("column", c.into()), ("type", dt.to_string().into())],
            ),
        )
    })?;
    drop(column);
    let ca = cast.f64().map_err(other)?;
    // a NaN or an infinity in the file is refused
    let mut offset = 0;
    for arr in ca.downcast_iter() {
        let bad = match arr.validity() {
            None => arr.values().iter().position(|v| !v.is_finite()),
            Some(valid) => arr
                .values()
                .iter()
                .zip(valid.iter())
                .position(|(v, ok)| ok && !v.is_finite()),
        };
        if let Some(i) = bad {
            let i = offset + i;
            return Err((
                Some(i as u64 + 1),
                t(
                    "d006-row",
                    &[
                        ("region", region(i).into()),
                        ("column", c.into()),
                        ("row", (i + 1).to_string().into()),
                        (
                            "what",
                            t(
                                "cell-value-not-finite",
                                &[("value", ca.get(i).unwrap_or(f64::NAN).to_string().into())],
                            )
                            .into(),
                        ),
                    ],
                ),
            ));
        }
        offset += arr.len();
    }
    // Into one vector of our own, as a column read from CSV: the parquet reader's
    // buffers go now, and the column's memory goes back to the system when the run lets
    // it go (measured: docs/performance.md).
    Ok(if ca.null_count() == 0 {
        let mut v = Vec::with_capacity(ca.len());
        for arr in ca.downcast_iter() {
            v.extend_from_slice(arr.values());
        }
        v
    } else {
        ca.iter().map(|v| v.unwrap_or(f64::NAN)).collect()
    })
}

/// A Parquet file: its keys (and labels) in one scan, its numbers in two more, half of
/// the columns each, every column checked to hold finite numbers.
pub fn read_parquet(path: &Path, w: &Wanted) -> Result<ParquetTable, DataErrors> {
    let shown = path.display().to_string();
    let coded = |code: &'static str, m: String| DataError::new(code, w.input, &shown, m);
    let e = |m: String| coded(codes::UNREADABLE, m);
    let unreadable = |why: String| e(t("d001-message", &[("why", why.into())]));
    crate::paths::open_regular(path).map_err(|x| unreadable(x.to_string()))?;
    // the file's footer, read once: the names and the types of its columns
    let schema = parquet_schema(path).map_err(unreadable)?;
    let label = w.label.filter(|l| w.label_required || schema.contains(l));
    for c in std::iter::once(w.key)
        .chain(label)
        .chain(w.columns.iter().map(|s| s.as_str()))
        .chain(w.texts.iter().map(|s| s.as_str()))
    {
        if !schema.contains(c) {
            let help = crate::diag::did_you_mean(c, schema.iter_names().map(|s| s.as_str()));
            return Err(coded(
                codes::HEADER,
                t("d003-no-column-plain", &[("column", c.into())]),
            )
            .maybe_help(help)
            .into());
        }
    }
    let scan = |sel: Vec<Expr>| -> Result<DataFrame, DataError> {
        LazyFrame::scan_parquet(
            PlRefPath::new(path.to_string_lossy().as_ref()),
            ScanArgsParquet::default(),
        )
        .map_err(|x| e(x.to_string()))?
        .select(sel)
        .collect()
        .map_err(|x| e(x.to_string()))
    };
    let named = std::iter::once((w.key, ["d009-key", "d009-key-help"]))
        .chain(label.map(|l| (l, ["d009-label", "d009-label-help"])));
    for (c, [message, help]) in named {
        if let Some(dt) = schema.get(c) {
            if !(dt.is_primitive_numeric() || matches!(dt, DataType::String | DataType::Null)) {
                return Err(coded(
                    codes::COLUMN_TYPE,
                    t(
                        message,
                        &[("column", c.into()), ("type", dt.to_string().into())],
                    ),
                )
                .help(t(help, &[]))
                .into());
            }
        }
    }
    let mut sel = vec![col(w.key).cast(DataType::String).alias("__key")];
    if let Some(l) = label {
        sel.push(col(l).cast(DataType::String).alias("__label"));
    }
    for (k, c) in w.texts.iter().enumerate() {
        sel.push(
            col(c.as_str())
                .cast(DataType::String)
                .alias(format!("__text{k}")),
        );
    }
    let df = scan(sel)?;
    crate::timing::mark("parquet: keys read");
    let text = |name: &str, trim: bool| -> Result<StringChunked, DataError> {
        let c = df.column(name).map_err(|x| e(x.to_string()))?;
        let ca = c.str().map_err(|x| e(x.to_string()))?;
        // as in CSV files, no spaces around keys (rebuilt only where there are any)
        let spaced = |k: &str| k.trim().len() != k.len();
        if trim && ca.iter().any(|k| k.is_some_and(spaced)) {
            return Ok(ca.iter().map(|k| k.map(|k| k.trim())).collect());
        }
        Ok(ca.clone())
    };
    let keys = text("__key", true)?;
    let labels = match label {
        Some(_) => Some(text("__label", false)?),
        None => None,
    };
    let mut texts = Vec::new();
    for (k, c) in w.texts.iter().enumerate() {
        let ca = text(&format!("__text{k}"), true)?;
        let v: Vec<Option<String>> = ca
            .iter()
            .map(|x| x.filter(|s| !s.is_empty()).map(String::from))
            .collect();
        texts.push((c.clone(), v));
    }
    crate::timing::mark("parquet: keys as text");
    drop(df);
    // The numbers half of the columns at a time, each into a vector of our own as a
    // column read from CSV: the reader's buffers for all columns are never in memory at
    // once (measured: docs/performance.md).
    let at_once = w.columns.len().div_ceil(2).max(1);
    let mut columns = Vec::new();
    let mut problems = DataErrors::default();
    let mut df = DataFrame::empty();
    for (k, c) in w.columns.iter().enumerate() {
        if k % at_once == 0 {
            crate::timing::mark("parquet: scan");
            df = scan(
                w.columns[k..(k + at_once).min(w.columns.len())]
                    .iter()
                    .map(|c| col(c.as_str()))
                    .collect(),
            )?;
        }
        let column = df.drop_in_place(c.as_str()).map_err(|x| e(x.to_string()))?;
        let name_of = |i: usize| {
            let label = labels.as_ref().and_then(|l| l.get(i));
            region_name(keys.get(i).unwrap_or(""), label)
        };
        // every column's first problem
        match parquet_numbers(column, c, &name_of) {
            Ok(values) => columns.push((c.clone(), values)),
            Err((row, m)) => {
                let code = match row {
                    Some(_) => codes::NOT_A_NUMBER,
                    None => codes::COLUMN_TYPE,
                };
                let err = coded(code, m);
                problems.push(match row {
                    Some(r) => err.at_line(r),
                    None => err,
                });
            }
        }
    }
    crate::timing::mark("parquet: columns checked");
    if keys.is_empty() {
        return Err(coded(codes::EMPTY, t("d008-no-rows", &[])).into());
    }
    // rows without a key, keys seen before
    let key_at = |i: usize| keys.get(i).unwrap_or("");
    for i in (0..keys.len()).filter(|&i| key_at(i).is_empty()) {
        problems.push(
            coded(
                codes::NO_KEY,
                t(
                    "d005-row",
                    &[("row", (i + 1).to_string().into()), ("key", w.key.into())],
                ),
            )
            .at_line(i as u64 + 1),
        );
    }
    let repeats = crate::data::repeats(|| keys.iter().map(|k| k.unwrap_or("")));
    for (first, i) in repeats.into_iter().filter(|(_, i)| !key_at(*i).is_empty()) {
        problems.push(
            coded(
                codes::DUPLICATE,
                t(
                    "d007-rows",
                    &[
                        ("region", key_at(i).into()),
                        ("first", (first + 1).to_string().into()),
                        ("second", (i + 1).to_string().into()),
                    ],
                ),
            )
            .help(t("d007-help", &[]))
            .at_line(i as u64 + 1),
        );
    }
    if !problems.is_empty() {
        return Err(problems.in_file_order());
    }
    Ok(ParquetTable {
        keys,
        labels,
        columns,
        texts,
    })
}
