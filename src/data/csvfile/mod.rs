//! CSV files: encoding ([`decode`]), separator and header ([`header`]), rows ([`rows`]),
//! large files block by block ([`blocks`]), record files as a stream ([`stream`]).

mod blocks;
mod decode;
mod header;
mod rows;
mod stream;

pub use blocks::read_csv_blocks;
pub(crate) use decode::{decode, Decoded};
pub use header::read_csv_header;
pub(crate) use header::{header_of, read_head_text, refuse_binary, sniff_separator, title_block};
pub(crate) use rows::shorten as shorten_cell;
pub(crate) use stream::{visit_rows, RowVisitor};

use crate::data::{codes, DataError, DataErrors, Table, Wanted};
use crate::i18n::t;
use blocks::BLOCK;
use header::layout_of;
use rows::{merge, parse_parallel};

pub(super) fn err(
    code: &'static str,
    input: &str,
    path: &str,
    message: String,
    help: Option<String>,
) -> DataError {
    DataError::new(code, input, path, message).maybe_help(help)
}

/// A file that cannot be opened or read.
pub(super) fn read_error(input: &str, path: &str, e: std::io::Error) -> DataError {
    let help = (e.kind() == std::io::ErrorKind::NotFound).then(|| t("d001-not-found-help", &[]));
    err(
        codes::UNREADABLE,
        input,
        path,
        t("d001-message", &[("why", e.to_string().into())]),
        help,
    )
}

pub(crate) fn read_bytes(input: &str, path: &str) -> Result<Vec<u8>, DataError> {
    crate::paths::read_regular(std::path::Path::new(path)).map_err(|e| read_error(input, path, e))
}

/// Read the key, label and numeric columns of a CSV file.
pub fn read_csv(path: &str, w: &Wanted) -> Result<Table, DataErrors> {
    let large = std::fs::metadata(path).is_ok_and(|m| m.len() > BLOCK as u64);
    if large {
        if let Some(t) = read_csv_blocks(path, w, threads(), BLOCK)? {
            return Ok(t);
        }
    }
    let bytes = read_bytes(w.input, path)?;
    crate::timing::mark("csv: file read");
    read_csv_bytes(path, &bytes, w)
}

/// How many threads may read or write: the machine's cores, or `POLARS_MAX_THREADS` when
/// set.
pub fn threads() -> usize {
    std::env::var("POLARS_MAX_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .clamp(1, 64)
}

/// Read a CSV table from its bytes; `path` names it in messages.
///
/// Large files without quotes are read in parts on several threads; the result, and the
/// first problem reported, are the same as reading row by row.
pub fn read_csv_bytes(path: &str, bytes: &[u8], w: &Wanted) -> Result<Table, DataErrors> {
    read_csv_bytes_threads(path, bytes, w, threads())
}

/// [`read_csv_bytes`] on at most `threads` threads (public for the test that the result
/// does not depend on them).
#[doc(hidden)]
pub fn read_csv_bytes_threads(
    path: &str,
    bytes: &[u8],
    w: &Wanted,
    threads: usize,
) -> Result<Table, DataErrors> {
    let input = w.input;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(err(
            codes::EMPTY,
            input,
            path,
            t("d008-empty-file", &[]),
            Some(t("d008-empty-file-help", &[])),
        )
        .into());
    }
    refuse_binary(input, path, bytes)?;
    let Decoded {
        text,
        encoding,
        note,
    } = decode(bytes, w.encoding, input, path)?;
    let (layout, body_at, first_line) = layout_of(path, &text, encoding, w)?;
    let body = text.get(body_at..).unwrap_or("");
    let parts = parse_parallel(&layout, body, first_line, threads);
    crate::timing::mark("csv: parts parsed");
    let t = merge(&layout, parts);
    crate::timing::mark("csv: parts merged");
    t.map(|t| Table { note, ..t })
}
