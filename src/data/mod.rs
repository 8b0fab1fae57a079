//! Reading regional tables as regional offices export them. Polars-free: the checker
//! uses the header reader, the engine turns a [`Table`] into a frame.
//!
//! CSV: comma, semicolon or tab separated (sniffed from the header), UTF-8 with or
//! without BOM, UTF-16 with BOM, the encoding the methodology names, or a legacy
//! encoding told from the text (chardetng); numbers with a decimal comma or point,
//! thousands separated by spaces; `-`, `—`, `н/д`, `n/a` and empty cells are missing.

mod csvread;
mod number;

pub use csvread::{
    read_csv, read_csv_blocks, read_csv_bytes, read_csv_bytes_threads, read_csv_header, threads,
};
pub use number::{parse_number, parse_number_general, NumberError};

use std::fmt;

/// One input table, as the engine needs it: keys, an optional label column, and the
/// numeric columns asked for.
#[derive(Debug, Clone)]
pub struct Table {
    pub keys: Vec<String>,
    pub labels: Option<Vec<String>>,
    /// Each numeric column, NaN where the value is missing (NaN is never a value: files
    /// holding one are refused).
    pub columns: Vec<(String, Vec<f64>)>,
    /// What the reader assumed and the user should know: the encoding, when the file
    /// was not UTF-8 and the methodology did not name it.
    pub note: Option<String>,
}

/// A data error that names the place: the file, and where it applies the row, region,
/// column and value.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub input: String,
    pub path: String,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "input `{}` ({}): {}",
            self.input, self.path, self.message
        )?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataError {}

/// What to read from a table.
#[derive(Debug, Clone)]
pub struct Wanted<'a> {
    pub input: &'a str,
    pub key: &'a str,
    pub label: Option<&'a str>,
    /// Whether the label column must be there (else it is read where it is, to name
    /// regions in messages).
    pub label_required: bool,
    pub columns: &'a [String],
    /// The encoding the methodology names for the file (`encoding "windows-1251"`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// A region as shown in messages: `77 (г. Москва)`.
pub fn region_name(key: &str, label: Option<&str>) -> String {
    match label {
        Some(l) if !l.is_empty() => format!("{key} ({l})"),
        _ => key.to_string(),
    }
}

/// Whether keys are in strictly increasing order (then none repeats).
pub fn in_order<'a>(keys: impl IntoIterator<Item = &'a str>) -> bool {
    let mut prev: Option<&str> = None;
    for k in keys {
        if prev.is_some_and(|p| p >= k) {
            return false;
        }
        prev = Some(k);
    }
    true
}

/// The first key that repeats an earlier one: (the earlier row, the row), from 0. Keys in
/// order (as exports often are) are checked without hashing. `keys` gives the keys, from
/// the first, each time it is called.
pub fn first_repeat<'a, I>(keys: impl Fn() -> I) -> Option<(usize, usize)>
where
    I: Iterator<Item = &'a str>,
{
    if in_order(keys()) {
        return None;
    }
    let mut seen: foldhash::HashMap<&str, usize> = Default::default();
    for (i, k) in keys().enumerate() {
        if let Some(first) = seen.insert(k, i) {
            return Some((first, i));
        }
    }
    None
}
