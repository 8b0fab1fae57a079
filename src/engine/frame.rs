//! Loading the inputs of a methodology into one frame, one row per region.

use super::RunError;
use crate::check::Methodology;
use crate::data::{codes, read_csv, region_name, DataError, DataErrors, Table, Wanted};
use crate::paths::{confinement, input_path, RunOptions};
use polars::prelude::*;
use polars_arrow::bitmap::Bitmap;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The regions' data as one frame: `__key`, `__label` and `input.column` columns.
pub struct LoadedInputs {
    pub frame: DataFrame,
    /// What reading assumed, one line an input (see [`crate::data::Table::note`]).
    pub notes: Vec<String>,
    /// Whether the rows are in the order of their keys (then a stable sort need not
    /// compare keys to list ties by key).
    pub keys_sorted: bool,
}

/// The column names of a Parquet file.
pub fn parquet_header(path: &Path) -> Result<Vec<String>, String> {
    let schema = parquet_schema(path)?;
    Ok(schema.iter_names().map(|n| n.to_string()).collect())
}

/// The columns of a Parquet file and their types.
fn parquet_schema(path: &Path) -> Result<Schema, String> {
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
                        format!(
                            "region {}, column `{c}` (row {}): `{shown}` {what}",
                            region(i),
                            i + 1
                        ),
                    )
                })?,
            };
            out.push(v.unwrap_or(f64::NAN));
        }
        return Ok(out);
    }
    if !(dt.is_primitive_numeric() || dt == DataType::Null) {
        let what = match dt {
            DataType::Boolean => "true/false values",
            DataType::Date | DataType::Datetime(..) => "dates",
            DataType::Binary | DataType::BinaryOffset => "binary data",
            _ => "values that are not numbers",
        };
        return Err((
            None,
            format!("column `{c}` holds {what} (type {dt}), not numbers"),
        ));
    }
    let cast = column
        .cast(&DataType::Float64)
        .map_err(|_| (None, format!("column `{c}` is of type {dt}, not a number")))?;
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
                format!(
                    "region {}, column `{c}` (row {}): {} is not a finite number",
                    region(i),
                    i + 1,
                    ca.get(i).unwrap_or(f64::NAN)
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

/// An input as read: keys and labels as text columns (no missing key), the numbers as
/// columns.
struct Input {
    note: Option<String>,
    keys: StringChunked,
    labels: Option<StringChunked>,
    columns: Vec<(String, Column)>,
}

impl From<Table> for Input {
    fn from(t: Table) -> Input {
        Input {
            note: t.note,
            keys: t.keys.iter().map(|k| k.as_str()).collect(),
            labels: t.labels.map(|l| l.iter().map(|k| k.as_str()).collect()),
            columns: t
                .columns
                .into_iter()
                .map(|(name, values)| {
                    let c = float_column(name.clone(), values);
                    (name, c)
                })
                .collect(),
        }
    }
}

/// A Parquet file: its keys (and labels) in one scan, its numbers in two more, half of
/// the columns each, every column checked to hold finite numbers.
fn read_parquet(path: &Path, w: &Wanted) -> Result<Input, DataErrors> {
    let shown = path.display().to_string();
    let coded = |code: &'static str, m: String| DataError::new(code, w.input, &shown, m);
    let e = |m: String| coded(codes::UNREADABLE, m);
    crate::paths::open_regular(path).map_err(|x| e(format!("cannot read the file: {x}")))?;
    // the file's footer, read once: the names and the types of its columns
    let schema = parquet_schema(path).map_err(|m| e(format!("cannot read the file: {m}")))?;
    let label = w.label.filter(|l| w.label_required || schema.contains(l));
    for c in std::iter::once(w.key)
        .chain(label)
        .chain(w.columns.iter().map(|s| s.as_str()))
    {
        if !schema.contains(c) {
            let help = crate::diag::did_you_mean(c, schema.iter_names().map(|s| s.as_str()));
            return Err(coded(codes::HEADER, format!("no column `{c}`"))
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
    for (c, what) in std::iter::once((w.key, "key")).chain(label.map(|l| (l, "label"))) {
        if let Some(dt) = schema.get(c) {
            if !(dt.is_primitive_numeric() || matches!(dt, DataType::String | DataType::Null)) {
                return Err(coded(
                    codes::COLUMN_TYPE,
                    format!("the {what} column `{c}` is of type {dt}: it cannot name regions"),
                )
                .help(format!("the {what} column holds text or whole numbers"))
                .into());
            }
        }
    }
    let mut sel = vec![col(w.key).cast(DataType::String).alias("__key")];
    if let Some(l) = label {
        sel.push(col(l).cast(DataType::String).alias("__label"));
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
    crate::timing::mark("parquet: keys as text");
    drop(df);
    // The numbers half of the columns at a time, each into a vector of our own as a
    // column read from CSV: the reader's buffers for all columns are never in memory at
    // once (measured: docs/performance.md).
    let at_once = w.columns.len().div_ceil(2).max(1);
    let mut columns = Vec::new();
    let mut problems: Vec<DataError> = Vec::new();
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
            Ok(values) => columns.push((c.clone(), float_column(c.clone(), values))),
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
        return Err(coded(codes::EMPTY, "the table has no rows".into()).into());
    }
    // rows without a key, keys seen before
    let key_at = |i: usize| keys.get(i).unwrap_or("");
    let mut not_shown = 0;
    for i in (0..keys.len()).filter(|&i| key_at(i).is_empty()) {
        if problems.len() >= DataErrors::SHOWN {
            not_shown += 1;
            continue;
        }
        problems.push(
            coded(
                codes::NO_KEY,
                format!("row {} has no value in the key column `{}`", i + 1, w.key),
            )
            .at_line(i as u64 + 1),
        );
    }
    let repeats = crate::data::repeats(|| keys.iter().map(|k| k.unwrap_or("")));
    for (first, i) in repeats.into_iter().filter(|(_, i)| !key_at(*i).is_empty()) {
        if problems.len() >= DataErrors::SHOWN {
            not_shown += 1;
            continue;
        }
        problems.push(
            coded(
                codes::DUPLICATE,
                format!(
                    "region {} appears twice (rows {} and {})",
                    key_at(i),
                    first + 1,
                    i + 1
                ),
            )
            .help("each region must have exactly one row")
            .at_line(i as u64 + 1),
        );
    }
    if !problems.is_empty() {
        return Err(DataErrors::from_list(problems, not_shown));
    }
    Ok(Input {
        note: None,
        keys,
        labels,
        columns,
    })
}

/// Load every input and join them on the key: the regions must be the same in all.
pub fn load(m: &Methodology, opts: &RunOptions) -> Result<LoadedInputs, RunError> {
    let mut tables = Vec::new();
    for (i, inp) in m.inputs.iter().enumerate() {
        if let Some(why) = confinement(&inp.name, &inp.path, opts) {
            return Err(DataError::new(
                codes::OUTSIDE,
                &inp.name,
                &inp.path,
                format!("refused: {why}"),
            )
            .help(format!(
                "pass `--input {}=PATH` or `--allow-outside`",
                inp.name
            ))
            .into());
        }
        let path = input_path(&inp.name, &inp.path, opts);
        let w = Wanted {
            input: &inp.name,
            key: &m.key,
            label: m.label.as_ref().map(|(_, l)| l.as_str()),
            label_required: m.label.as_ref().is_some_and(|(li, _)| *li == i),
            columns: &inp.columns,
            encoding: crate::paths::input_encoding(&inp.name, inp.encoding, opts),
        };
        let t = if crate::paths::is_parquet(&path) {
            read_parquet(&path, &w)?
        } else {
            Input::from(read_csv(&path.to_string_lossy(), &w)?)
        };
        tables.push((path, t));
    }
    let notes: Vec<String> = tables
        .iter()
        .zip(&m.inputs)
        .filter_map(|((path, t), inp)| {
            let n = t.note.as_ref()?;
            Some(format!("input `{}` ({}): {n}", inp.name, path.display()))
        })
        .collect();
    let (first_path, first) = &tables[0];
    let n = first.keys.len();
    // No label column: one empty label, repeated without taking memory.
    let label_column = match m
        .label
        .as_ref()
        .and_then(|(li, _)| tables[*li].1.labels.as_ref())
    {
        Some(labels) => labels.clone().with_name("__label".into()).into_column(),
        None => Column::new_scalar("__label".into(), Scalar::from(PlSmallStr::EMPTY), n),
    };
    // Lookups by key, for the inputs after the first (none for one input)
    let others = tables.len() > 1;
    let label_of: HashMap<&str, &str> = tables
        .iter()
        .filter(|_| others)
        .flat_map(|(_, t)| {
            t.keys
                .iter()
                .zip(t.labels.iter().flat_map(|l| l.iter()))
                .map(|(k, l)| (k.unwrap_or(""), l.unwrap_or("")))
        })
        .collect();
    let index: HashMap<&str, usize> = first
        .keys
        .iter()
        .filter(|_| others)
        .enumerate()
        .map(|(i, k)| (k.unwrap_or(""), i))
        .collect();
    // (no key repeats: an order with ties is strictly increasing)
    let keys_sorted = crate::data::in_order(first.keys.iter().map(|k| k.unwrap_or("")));
    let mut columns: Vec<Column> = vec![
        first.keys.clone().with_name("__key".into()).into_column(),
        label_column,
    ];
    let mut orders: Vec<Option<Vec<usize>>> = Vec::new();
    for (ti, (path, t)) in tables.iter().enumerate() {
        let name = &m.inputs[ti].name;
        // The same regions in every input.
        if ti > 0 {
            let here: HashSet<&str> = t.keys.iter().map(|k| k.unwrap_or("")).collect();
            let only_first: Vec<String> = first
                .keys
                .iter()
                .map(|k| k.unwrap_or(""))
                .filter(|k| !here.contains(k))
                .map(|k| region_name(k, label_of.get(k).copied()))
                .collect();
            let only_here: Vec<String> = t
                .keys
                .iter()
                .map(|k| k.unwrap_or(""))
                .filter(|k| !index.contains_key(k))
                .map(|k| region_name(k, label_of.get(k).copied()))
                .collect();
            if !only_first.is_empty() || !only_here.is_empty() {
                let mut parts = Vec::new();
                if !only_first.is_empty() {
                    parts.push(format!(
                        "in `{}` but not in `{name}`: {}",
                        m.inputs[0].name,
                        list(&only_first)
                    ));
                }
                if !only_here.is_empty() {
                    parts.push(format!(
                        "in `{name}` but not in `{}`: {}",
                        m.inputs[0].name,
                        list(&only_here)
                    ));
                }
                return Err(DataError::new(
                    codes::REGIONS_DIFFER,
                    name,
                    &format!("{} and {}", first_path.display(), path.display()),
                    format!(
                        "the inputs do not cover the same regions; {}",
                        parts.join("; ")
                    ),
                )
                .help("every input must have one row for each region")
                .into());
            }
        }
        // Rows of the other inputs in the order of the first.
        orders.push((ti > 0).then(|| t.keys.iter().map(|k| index[k.unwrap_or("")]).collect()));
    }
    drop(index);
    drop(label_of);
    for (ti, ((_, t), order)) in tables.into_iter().zip(orders).enumerate() {
        let name = &m.inputs[ti].name;
        // the rows of the first input, from this one
        let gather: Option<IdxCa> = order.map(|order| {
            let mut from = vec![0 as IdxSize; n];
            for (i, &at) in order.iter().enumerate() {
                from[at] = i as IdxSize;
            }
            IdxCa::from_vec("".into(), from)
        });
        for (cname, c) in t.columns {
            let c = match &gather {
                None => c,
                Some(idx) => c.take(idx)?,
            };
            columns.push(c.with_name(format!("{name}.{cname}").into()));
        }
    }
    let frame = DataFrame::new(n, columns)?;
    Ok(LoadedInputs {
        frame,
        keys_sorted,
        notes,
    })
}

/// A column of numbers, NaN for missing, handed to polars without a copy.
fn float_column(name: String, values: Vec<f64>) -> Column {
    let validity = values
        .iter()
        .any(|v| v.is_nan())
        .then(|| values.iter().map(|v| !v.is_nan()).collect::<Bitmap>());
    Float64Chunked::from_vec_validity(name.into(), values, validity).into_column()
}

fn list(items: &[String]) -> String {
    const MAX: usize = 10;
    if items.len() <= MAX {
        items.join(", ")
    } else {
        format!("{} and {} more", items[..MAX].join(", "), items.len() - MAX)
    }
}
