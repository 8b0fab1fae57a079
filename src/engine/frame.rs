//! Loading the inputs of a methodology into one frame, one row per region.

use super::RunError;
use crate::check::Methodology;
use crate::data::parquet::{read_parquet, ParquetTable};
use crate::data::{codes, read_csv, region_name, DataError, DataErrors, Table, Wanted};
use crate::paths::{confinement, input_path, RunOptions};
use polars::prelude::*;
use polars_arrow::bitmap::Bitmap;
use std::collections::{HashMap, HashSet};

/// The regions' data as one frame: `__key`, `__label` and `input.column` columns.
pub struct LoadedInputs {
    /// `__key`, `__label` and one `input.column` column for each column read.
    pub frame: DataFrame,
    /// What reading assumed, one line an input (see [`crate::data::Table::note`]).
    pub notes: Vec<crate::notes::Note>,
    /// Whether the rows are in the order of their keys (then a stable sort need not
    /// compare keys to list ties by key).
    pub keys_sorted: bool,
}

/// An input as read: keys and labels as text columns (no missing key), the numbers as
/// columns.
struct Input {
    note: Option<crate::notes::Note>,
    keys: StringChunked,
    labels: Option<StringChunked>,
    columns: Vec<(String, Column)>,
    /// The columns read as text (groups).
    texts: Vec<(String, Column)>,
}

/// Columns of text as polars columns.
fn text_columns(texts: Vec<(String, Vec<Option<String>>)>) -> Vec<(String, Column)> {
    texts
        .into_iter()
        .map(|(name, v)| {
            let c =
                StringChunked::from_iter_options(name.as_str().into(), v.into_iter()).into_column();
            (name, c)
        })
        .collect()
}

impl From<ParquetTable> for Input {
    fn from(t: ParquetTable) -> Input {
        Input {
            note: None,
            keys: t.keys,
            labels: t.labels,
            columns: float_columns(t.columns),
            texts: text_columns(t.texts),
        }
    }
}

impl From<Table> for Input {
    fn from(t: Table) -> Input {
        Input {
            note: t.note,
            keys: t.keys.iter().map(|k| k.as_str()).collect(),
            labels: t.labels.map(|l| l.iter().map(|k| k.as_str()).collect()),
            columns: float_columns(t.columns),
            texts: text_columns(t.texts),
        }
    }
}

/// Numeric columns as read (NaN where missing) into polars columns, without a copy.
fn float_columns(columns: Vec<(String, Vec<f64>)>) -> Vec<(String, Column)> {
    columns
        .into_iter()
        .map(|(name, values)| {
            let c = float_column(name.clone(), values);
            (name, c)
        })
        .collect()
}

/// The file to read for input (or record input) `name`, written `written` in the
/// methodology: the `--input` path or the written one — or, where it may not be read
/// (`paths::confinement`), the refusal (D-coded, with how to allow it).
pub(super) fn readable(
    name: &str,
    written: &str,
    opts: &RunOptions,
) -> Result<std::path::PathBuf, DataError> {
    if let Some(why) = confinement(name, written, opts) {
        return Err(DataError::new(
            codes::OUTSIDE,
            name,
            written,
            crate::i18n::t("d011-message", &[("why", why.into())]),
        )
        .help(crate::i18n::t("d011-help", &[("input", name.into())])));
    }
    Ok(input_path(name, written, opts))
}

/// Load every input and join them on the key: the regions must be the same in all.
pub fn load(m: &Methodology, opts: &RunOptions) -> Result<LoadedInputs, RunError> {
    let mut tables = Vec::new();
    // every input is read, and the problems of all of them reported together, file by file
    let mut problems = DataErrors::default();
    for (i, inp) in m.inputs.iter().enumerate() {
        let path = match readable(&inp.name, &inp.path, opts) {
            Ok(p) => p,
            Err(e) => {
                // each input's problems in full, after the inputs' before it
                problems.push(e);
                continue;
            }
        };
        let w = Wanted {
            input: &inp.name,
            key: &m.key,
            label: m.label.as_ref().map(|(_, l)| l.as_str()),
            label_required: m.label.as_ref().is_some_and(|(li, _)| *li == i),
            columns: &inp.columns,
            texts: &inp.texts,
            encoding: crate::paths::input_encoding(&inp.name, inp.encoding, opts),
        };
        let read = if crate::paths::is_parquet(&path) {
            read_parquet(&path, &w).map(Input::from)
        } else if crate::data::workbook::is_workbook(&path) {
            crate::data::workbook::read_workbook(&path.to_string_lossy(), &w, &inp.read_as())
                .map(Input::from)
        } else {
            read_csv(&path.to_string_lossy(), &w).map(Input::from)
        };
        match read {
            Ok(t) => tables.push((path, t)),
            Err(e) => problems.append(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let notes: Vec<crate::notes::Note> = tables
        .iter()
        .zip(&m.inputs)
        .filter_map(|((path, t), inp)| {
            let n = t.note.clone()?;
            Some(
                crate::notes::Note::new(
                    "note-input",
                    &[
                        ("input", (&inp.name).into()),
                        ("file", path.display().to_string().into()),
                    ],
                )
                .with_note("note", n),
            )
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
    // (no key repeats: an order with ties is strictly increasing)
    let keys_sorted = crate::data::in_order(first.keys.iter().map(|k| k.unwrap_or("")));
    let mut columns: Vec<Column> = vec![
        first.keys.clone().with_name("__key".into()).into_column(),
        label_column,
    ];
    let mut orders: Vec<Option<Vec<usize>>> = Vec::new();
    // The keys of the other inputs as the first writes them: a key found only by its
    // value (`1` in a workbook's number cell for `01`) is that region's code, with a
    // warning (data::keys).
    // (one input, the large case's: nothing to match, no index built)
    let first_index = others
        .then(|| crate::data::keys::KeyIndex::new(first.keys.iter().map(|k| k.unwrap_or(""))));
    let mut notes = notes;
    let canon: Vec<Vec<&str>> = tables
        .iter()
        .enumerate()
        .map(|(ti, (path, t))| {
            let Some(first_index) = first_index.as_ref().filter(|_| ti > 0) else {
                return Vec::new();
            };
            let mut by_value: Option<(&str, &str)> = None;
            let mut count = 0usize;
            let keys = t
                .keys
                .iter()
                .map(|k| {
                    let k = k.unwrap_or("");
                    match first_index.find(k) {
                        Some(crate::data::keys::Found::ByValue(row)) => {
                            let code = first.keys.get(row).unwrap_or("");
                            by_value.get_or_insert((k, code));
                            count += 1;
                            code
                        }
                        _ => k,
                    }
                })
                .collect();
            if let Some((written, code)) = by_value {
                notes.push(crate::notes::Note::warning(
                    "warn-input-keys-by-value",
                    &[
                        ("input", (&m.inputs[ti].name).into()),
                        ("file", path.display().to_string().into()),
                        ("n", count.into()),
                        ("first", (&m.inputs[0].name).into()),
                        ("written", written.into()),
                        ("code", code.into()),
                    ],
                ));
            }
            keys
        })
        .collect();
    for (ti, (path, _)) in tables.iter().enumerate() {
        let name = &m.inputs[ti].name;
        let t_keys = &canon[ti];
        // The same regions in every input.
        if let Some(index) = first_index.as_ref().filter(|_| ti > 0) {
            let here: HashSet<&str> = t_keys.iter().copied().collect();
            let only_first: Vec<String> = first
                .keys
                .iter()
                .map(|k| k.unwrap_or(""))
                .filter(|k| !here.contains(k))
                .map(|k| region_name(k, label_of.get(k).copied()))
                .collect();
            let only_here: Vec<String> = t_keys
                .iter()
                .copied()
                .filter(|k| index.exact(k).is_none())
                .map(|k| region_name(k, label_of.get(k).copied()))
                .collect();
            if !only_first.is_empty() || !only_here.is_empty() {
                let mut parts = Vec::new();
                if !only_first.is_empty() {
                    parts.push(crate::i18n::t(
                        "d010-only-in",
                        &[
                            ("here", (&m.inputs[0].name).into()),
                            ("there", name.into()),
                            ("regions", list(&only_first).into()),
                        ],
                    ));
                }
                if !only_here.is_empty() {
                    parts.push(crate::i18n::t(
                        "d010-only-in",
                        &[
                            ("here", name.into()),
                            ("there", (&m.inputs[0].name).into()),
                            ("regions", list(&only_here).into()),
                        ],
                    ));
                }
                return Err(DataError::new(
                    codes::REGIONS_DIFFER,
                    name,
                    &crate::i18n::t(
                        "files-and",
                        &[
                            ("a", first_path.display().to_string().into()),
                            ("b", path.display().to_string().into()),
                        ],
                    ),
                    crate::i18n::t("d010-message", &[("parts", parts.join("; ").into())]),
                )
                .help(crate::i18n::t("d010-help", &[]))
                .into());
            }
        }
        // Rows of the other inputs in the order of the first.
        // (every key is one of the first's: the check above)
        orders.push(
            first_index
                .as_ref()
                .filter(|_| ti > 0)
                .map(|index| t_keys.iter().filter_map(|k| index.exact(k)).collect()),
        );
    }
    drop(canon);
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
        for (cname, c) in t.texts {
            let c = match &gather {
                None => c,
                Some(idx) => c.take(idx)?,
            };
            let g = crate::builtins::GroupBy {
                input: name.clone(),
                column: cname,
            };
            columns.push(c.with_name(g.frame_name().into()));
        }
    }
    let mut frame = DataFrame::new(n, columns)?;
    // the aggregates over records, as columns of the regions
    super::records::add_aggregates(m, opts, &mut frame, &mut notes)?;
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
        crate::i18n::t(
            "list-and-more",
            &[
                ("items", items[..MAX].join(", ").into()),
                ("n", (items.len() - MAX).into()),
            ],
        )
    }
}
