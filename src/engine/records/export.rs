//! A record input's records as the run reads them, written as CSV for a database to load
//! (the SQL of `metodika sql` reads them from a table): the tests load the same records
//! into PostgreSQL, DuckDB and ClickHouse that the run aggregates.

use super::super::frame::readable;
use super::super::lower::KEY;
use super::super::RunError;
use super::read::read_records;
use crate::check::Methodology;
use crate::data::records::{date_text, ColType};
use crate::data::{codes, DataError, DataErrors};
use crate::paths::RunOptions;
use polars::prelude::*;

/// Write record input `ri` of `m` to `out` as CSV: every record of every file (all the
/// years of a `{year}` template, every period), the key under the input's key column,
/// then the columns the methodology reads — numbers as their shortest decimal, dates as
/// `YYYY-MM-DD`, conditions as `true`/`false`, missing values empty. Returns the columns
/// written, with their types (the key is text).
pub fn write_records_csv(
    m: &Methodology,
    ri: usize,
    opts: &RunOptions,
    out: &std::path::Path,
) -> Result<Vec<(String, ColType)>, RunError> {
    let r = &m.records[ri];
    let path = readable(&r.name, &r.path, opts)?;
    let (lf, _, _) = read_records(r, &path, None, opts)?;
    let df = lf.collect()?;
    let mut cols: Vec<(String, ColType)> = vec![(r.key.clone(), ColType::Text)];
    cols.extend(r.columns.iter().filter(|(c, _)| *c != r.key).cloned());
    let series: Vec<Column> = cols
        .iter()
        .enumerate()
        .map(|(k, (c, ty))| {
            let c = df.column(if k == 0 { KEY } else { c.as_str() })?;
            c.cast(&match ty {
                ColType::Number => DataType::Float64,
                ColType::Text => DataType::String,
                ColType::Date => DataType::Int32,
                ColType::Bool => DataType::Boolean,
            })
        })
        .collect::<PolarsResult<_>>()?;
    let failed = |e: String| {
        RunError::from(DataErrors::from(DataError::new(
            codes::UNREADABLE,
            &r.name,
            &out.display().to_string(),
            e,
        )))
    };
    let mut w = csv::Writer::from_path(out).map_err(|e| failed(e.to_string()))?;
    w.write_record(cols.iter().map(|(c, _)| c.as_str()))
        .map_err(|e| failed(e.to_string()))?;
    for row in 0..df.height() {
        let mut cells = Vec::with_capacity(cols.len());
        for (s, (_, ty)) in series.iter().zip(&cols) {
            let cell = match ty {
                ColType::Number => s
                    .f64()?
                    .get(row)
                    .map(|v| ryu::Buffer::new().format(v).to_string()),
                ColType::Text => s.str()?.get(row).map(String::from),
                ColType::Date => s.i32()?.get(row).map(date_text),
                ColType::Bool => s.bool()?.get(row).map(|b| b.to_string()),
            };
            cells.push(cell.unwrap_or_default());
        }
        w.write_record(&cells).map_err(|e| failed(e.to_string()))?;
    }
    w.flush().map_err(|e| failed(e.to_string()))?;
    Ok(cols)
}
