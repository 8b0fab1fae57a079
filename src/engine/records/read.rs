//! Reading a record input: every file of it (one a year for a `{year}` template) as one
//! lazy frame — a Parquet file scanned for the columns used only, a CSV file through
//! `data::records` — with the key as text and dates as dates.

use super::super::lower::KEY;
use crate::check::RecordsDef;
use crate::data::records::{read_csv_records, ColType, RecColumn, RecordSink, RecordTable};
use crate::data::{codes, DataError, DataErrors};
use crate::i18n::t;
use crate::paths::RunOptions;
use polars::prelude::*;

/// The blocks of a CSV record file, each a frame as it comes.
struct Blocks<'a> {
    frames: Vec<DataFrame>,
    input: &'a str,
    path: &'a str,
}

impl RecordSink for Blocks<'_> {
    fn block(&mut self, table: RecordTable) -> Result<(), DataError> {
        let df = csv_frame(table)
            .map_err(|e| DataError::new(codes::UNREADABLE, self.input, self.path, e.to_string()))?;
        self.frames.push(df);
        Ok(())
    }
    fn restart(&mut self) {
        self.frames.clear();
    }
}

/// A record file's columns as a frame: the key as text, numbers as floats, dates as
/// dates.
fn csv_frame(t: RecordTable) -> PolarsResult<DataFrame> {
    let n = t.keys.len();
    let mut cols = vec![Column::new(KEY.into(), t.keys)];
    for (name, c) in t.columns {
        cols.push(match c {
            RecColumn::Number(v) => Column::new(name.into(), v),
            RecColumn::Text(v) => Column::new(name.into(), v),
            RecColumn::Date(v) => Column::new(name.into(), v).cast(&DataType::Date)?,
            RecColumn::Bool(v) => Column::new(name.into(), v),
        });
    }
    DataFrame::new(n, cols)
}

/// A Parquet record file, lazily: the key as text and the columns used, dates as dates.
pub(super) fn parquet_frame(
    r: &RecordsDef,
    path: &std::path::Path,
) -> Result<LazyFrame, DataErrors> {
    let fail = |e: PolarsError| {
        DataError::new(
            codes::UNREADABLE,
            &r.name,
            &path.display().to_string(),
            t("d001-message", &[("why", e.to_string().into())]),
        )
    };
    let schema = crate::data::parquet::parquet_schema(path)
        .map_err(|e| DataError::new(codes::UNREADABLE, &r.name, &path.display().to_string(), e))?;
    let mut lf = LazyFrame::scan_parquet(
        PlRefPath::new(path.to_string_lossy().as_ref()),
        ScanArgsParquet::default(),
    )
    .map_err(fail)?;
    let mut select = vec![col(r.key.as_str()).cast(DataType::String).alias(KEY)];
    let mut as_text: Vec<(String, ColType)> = Vec::new();
    for (c, ty) in &r.columns {
        let dt = schema.get(c.as_str()).cloned();
        let e = col(c.as_str());
        select.push(match (ty, dt) {
            // (a date column as it is, so that a period's filter reaches the scan)
            (ColType::Date, Some(DataType::Date)) => e,
            // a timestamp with its time zone: the day of its local time there (22:30 UTC on
            // 31 March is 1 April in Moscow), not of UTC
            (ColType::Date, Some(DataType::Datetime(_, Some(_)))) => e
                .dt()
                .replace_time_zone(None, lit("raise"), NonExistent::Raise)
                .cast(DataType::Date),
            (ColType::Date, Some(DataType::Datetime(..))) => e.cast(DataType::Date),
            // dates and conditions written as text: read below
            (ColType::Date | ColType::Bool, Some(DataType::String)) => {
                as_text.push((c.clone(), *ty));
                e
            }
            // numbers: integers, floats, decimals (text is read by the cell rules); a
            // duration or a time of day is no number of the methodology's
            (ColType::Number, Some(dt))
                if !(dt.is_primitive_numeric()
                    || matches!(
                        dt,
                        DataType::Decimal(..) | DataType::String | DataType::Null
                    )) =>
            {
                let what = t(
                    match dt {
                        DataType::Boolean => "d009-booleans",
                        DataType::Date | DataType::Datetime(..) => "d009-dates",
                        DataType::Duration(..) => "d009-durations",
                        DataType::Time => "d009-times",
                        _ => "d009-other",
                    },
                    &[],
                );
                return Err(DataError::new(
                    codes::COLUMN_TYPE,
                    &r.name,
                    &path.display().to_string(),
                    t(
                        "d009-holds",
                        &[
                            ("column", c.into()),
                            ("what", what.into()),
                            ("type", dt.to_string().into()),
                        ],
                    ),
                )
                .into());
            }
            (ColType::Date, Some(other)) => {
                return Err(DataError::new(
                    codes::COLUMN_TYPE,
                    &r.name,
                    &path.display().to_string(),
                    t(
                        "d009-not-dates",
                        &[("column", c.into()), ("type", other.to_string().into())],
                    ),
                )
                .help(t("d009-not-dates-help", &[]))
                .into())
            }
            _ => e,
        });
    }
    lf = lf.select(select);
    if as_text.is_empty() {
        return Ok(lf);
    }
    // Cells of text read as their column's type, each bad one named by its row.
    let shown = path.display().to_string();
    let mut df = lf.collect().map_err(fail)?;
    let mut problems = DataErrors::default();
    for (c, ty) in as_text {
        let cells = df.column(&c).map_err(fail)?.str().map_err(fail)?.clone();
        let bad = |i: usize, cell: &str, what: &str| {
            DataError::new(
                codes::BAD_CELL,
                &r.name,
                &shown,
                t(
                    "d012-row",
                    &[
                        ("row", (i + 1).to_string().into()),
                        ("column", c.as_str().into()),
                        ("cell", cell.into()),
                        ("what", what.into()),
                    ],
                ),
            )
        };
        let parsed = match ty {
            ColType::Date => {
                let v: Vec<Option<i32>> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        let x = x.filter(|s| !s.trim().is_empty())?;
                        let d = crate::data::records::parse_date(x);
                        if d.is_none() {
                            problems.push(
                                bad(i, x, &t("cell-not-a-date", &[]))
                                    .help(t("d012-date-help", &[])),
                            );
                        }
                        d
                    })
                    .collect();
                Column::new(c.as_str().into(), v)
                    .cast(&DataType::Date)
                    .map_err(fail)?
            }
            _ => {
                let v: Vec<Option<bool>> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        let x = x.filter(|s| !s.trim().is_empty())?;
                        let b = crate::data::records::parse_bool(x);
                        if b.is_none() {
                            problems.push(bad(i, x, &t("cell-not-a-flag", &[])));
                        }
                        b
                    })
                    .collect();
                Column::new(c.as_str().into(), v)
            }
        };
        df.with_column(parsed).map_err(fail)?;
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(df.lazy())
}

/// The files of a record input for a window: the path itself, or the files its
/// `{year}` template names for the years the window touches (every file of the template
/// without a window, or for a stock). Each file stays inside the methodology's directory,
/// links included (D011, its contents never read), whoever reads it: the run, the choice
/// of its period, the export.
pub(super) fn files_of(
    r: &RecordsDef,
    path: &std::path::Path,
    window: Option<crate::periods::Period>,
    opts: &RunOptions,
) -> Result<Vec<std::path::PathBuf>, DataError> {
    let years = match window {
        Some(p) if !r.stock => {
            let (a, b) = p.window();
            let year = |d: i32| {
                crate::data::records::date_text(d)[..4]
                    .parse::<i32>()
                    .unwrap_or(0)
            };
            Some(year(a)..=year(b))
        }
        _ => None,
    };
    let files = crate::paths::template_files(path, years).map_err(|e| {
        DataError::new(codes::UNREADABLE, &r.name, &path.display().to_string(), e)
            .help(t("d001-template-help", &[("template", (&r.path).into())]))
    })?;
    for file in &files {
        if let Some(why) = crate::paths::confined_file(&r.name, file, opts) {
            return Err(DataError::new(
                codes::OUTSIDE,
                &r.name,
                &file.display().to_string(),
                t("d011-message", &[("why", why.into())]),
            )
            .help(t("d011-help", &[("input", (&r.name).into())])));
        }
    }
    Ok(files)
}

/// A record input read: every file of it, as one frame; what reading assumed; (CSV) the
/// line of the first record without a key.
pub(super) type Read = (LazyFrame, Vec<crate::notes::Note>, Option<Option<u64>>);

pub(super) fn read_records(
    r: &RecordsDef,
    path: &std::path::Path,
    window: Option<crate::periods::Period>,
    opts: &RunOptions,
) -> Result<Read, DataErrors> {
    let mut frames = Vec::new();
    let mut notes = Vec::new();
    let mut blank_line: Option<Option<u64>> = None;
    for file in files_of(r, path, window, opts)? {
        let shown = file.display().to_string();
        if crate::paths::is_parquet(&file) {
            frames.push(parquet_frame(r, &file)?);
            continue;
        }
        let mut blocks = Blocks {
            frames: Vec::new(),
            input: &r.name,
            path: &shown,
        };
        let read = read_csv_records(&r.name, &shown, &r.key, &r.columns, r.encoding, &mut blocks)?;
        if let Some(n) = read.note.clone() {
            notes.push(
                crate::notes::Note::new(
                    "note-records",
                    &[("input", (&r.name).into()), ("file", (&shown).into())],
                )
                .with_note("note", n),
            );
        }
        if blank_line.flatten().is_none() {
            blank_line = Some(read.first_without_key);
        }
        let mut parts = blocks.frames.into_iter();
        let mut df = parts.next().unwrap_or_default();
        for part in parts {
            df.vstack_mut_owned(part).map_err(|e| {
                DataErrors::from(DataError::new(
                    codes::UNREADABLE,
                    &r.name,
                    &shown,
                    e.to_string(),
                ))
            })?;
        }
        frames.push(df.lazy());
    }
    let lf = match frames.len() {
        1 => frames.pop().expect("one frame"),
        _ => concat(frames, UnionArgs::default()).map_err(|e| {
            DataErrors::from(DataError::new(
                codes::UNREADABLE,
                &r.name,
                &path.display().to_string(),
                e.to_string(),
            ))
        })?,
    };
    Ok((lf, notes, blank_line))
}

/// The row of the first record without a key in a Parquet file, for its message.
pub(super) fn first_without_key(
    r: &RecordsDef,
    files: &[std::path::PathBuf],
) -> (Option<u64>, String) {
    let Some(path) = files.first() else {
        return (None, String::new());
    };
    let row = LazyFrame::scan_parquet(
        PlRefPath::new(path.to_string_lossy().as_ref()),
        ScanArgsParquet::default(),
    )
    .and_then(|lf| {
        lf.select([col(r.key.as_str())])
            .with_row_index("__row", None)
            .filter(col(r.key.as_str()).is_null())
            .first()
            .collect()
    })
    .ok()
    .and_then(|df| {
        df.column("__row")
            .ok()?
            .cast(&DataType::UInt64)
            .ok()?
            .u64()
            .ok()?
            .get(0)
    });
    match row {
        Some(i) => (
            None,
            t("d005-first-row", &[("row", (i + 1).to_string().into())]),
        ),
        None => (None, String::new()),
    }
}

/// Of a Parquet file's row groups, those whose statistics of the `date` column allow a
/// record dated within `window` (up to its end for a stock) — the ones a period's scan
/// reads; polars skips the others by the same statistics. `(row groups read, row groups,
/// rows in those read, rows)`; `None` when the file or its statistics cannot be read.
pub(super) fn row_groups_read(
    path: &std::path::Path,
    date: &str,
    window: (i32, i32),
    stock: bool,
) -> Option<(usize, usize, u64, u64)> {
    use polars_parquet::parquet::statistics::Statistics;
    let file = std::fs::File::open(path).ok()?;
    let md = ParquetReader::new(file).get_metadata().ok()?.clone();
    let (start, end) = window;
    let mut out = (0, 0, 0, 0);
    for rg in &md.row_groups {
        let rows = rg.num_rows() as u64;
        out.1 += 1;
        out.3 += rows;
        let column = rg
            .columns_idxs_under_root_iter(date)
            .and_then(|i| i.first().copied())
            .and_then(|i| rg.parquet_columns()[i].statistics(&md.footer_buf));
        let read = match column {
            Some(Ok(Statistics::Int32(s))) => match (s.min_value, s.max_value) {
                (Some(lo), Some(hi)) => lo <= end && (stock || hi >= start),
                // no dates at all: no record of the period
                _ => false,
            },
            _ => return None,
        };
        if read {
            out.0 += 1;
            out.2 += rows;
        }
    }
    Some(out)
}
