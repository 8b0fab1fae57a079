//! Reading regional tables as regional offices export them. Polars-free: the checker
//! uses the header reader, the engine turns a [`Table`] into a frame.
//!
//! CSV: comma, semicolon or tab separated (sniffed from the header), UTF-8 with or
//! without BOM, UTF-16 with BOM, the encoding the methodology names, or a legacy
//! encoding told from the text (chardetng); numbers with a decimal comma or point,
//! thousands separated by spaces; `-`, `—`, `н/д`, `n/a` and empty cells are missing.

mod csvfile;
pub mod keys;
mod number;
#[cfg(feature = "engine")]
pub mod parquet;
pub mod records;
pub mod workbook;

pub use csvfile::{
    read_csv, read_csv_blocks, read_csv_bytes, read_csv_bytes_threads, read_csv_header, threads,
};
pub use number::{parse_number, parse_number_general, NumberError};

use std::fmt;

/// How an input's file is read beyond its path, as its declaration says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ReadAs {
    /// `encoding "windows-1251"`: a CSV file's encoding (else told from the text).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// `sheet "Лист1"`: a workbook's sheet (else the first).
    pub sheet: Option<String>,
    /// `header 3`: the row of a workbook's header, from 1 (else found).
    pub header_row: Option<u32>,
}

/// One input table, as the engine needs it: keys, an optional label column, and the
/// numeric columns asked for.
#[derive(Debug, Clone)]
pub struct Table {
    /// The regions' keys, one per row, in file order.
    pub keys: Vec<String>,
    /// The label column, when the file has it.
    pub labels: Option<Vec<String>>,
    /// Each numeric column, NaN where the value is missing (NaN is never a value: files
    /// holding one are refused).
    pub columns: Vec<(String, Vec<f64>)>,
    /// Each column read as text (a `by` group), `None` where the cell is empty.
    pub texts: Vec<(String, Vec<Option<String>>)>,
    /// What the reader assumed and the user should know: the encoding, when the file
    /// was not UTF-8 and the methodology did not name it.
    pub note: Option<crate::notes::Note>,
}

/// A data error that names the place: the file, and where it applies the line (or row),
/// region, column and value. Its code is listed with the language's in
/// docs/language.md (`D…`).
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    /// `D001`…: what kind of problem.
    pub code: &'static str,
    /// The input's name in the methodology (`current`).
    pub input: String,
    /// The file, as given (the methodology's path or `--input`).
    pub path: String,
    /// The line of a CSV file (or the row of a Parquet file) where it is, when it is in
    /// one (see [`DataError::line`]).
    pub at: Option<std::num::NonZeroU64>,
    /// What is wrong, naming the region, column and value where it applies.
    pub message: String,
    /// How to put it right.
    pub help: Option<String>,
}

/// The data errors' codes: one per kind of problem.
pub mod codes {
    /// The file cannot be opened or read (missing, not a regular file, not Parquet).
    pub const UNREADABLE: &str = "D001";
    /// The file's encoding is refused or cannot be told.
    pub const ENCODING: &str = "D002";
    /// The header lacks a column the methodology reads, or cannot be read.
    pub const HEADER: &str = "D003";
    /// A row has another number of fields than the header, or an unclosed quote.
    pub const ROW_SHAPE: &str = "D004";
    /// A row has no key.
    pub const NO_KEY: &str = "D005";
    /// A cell is not a number (or not a finite one).
    pub const NOT_A_NUMBER: &str = "D006";
    /// A region has two rows.
    pub const DUPLICATE: &str = "D007";
    /// The table has no rows.
    pub const EMPTY: &str = "D008";
    /// A column's type cannot be read as numbers or keys (Parquet).
    pub const COLUMN_TYPE: &str = "D009";
    /// The inputs do not cover the same regions.
    pub const REGIONS_DIFFER: &str = "D010";
    /// A path outside the methodology's folder, refused.
    pub const OUTSIDE: &str = "D011";
    /// A cell of a record file that is not of its column's type (a date, true or false).
    pub const BAD_CELL: &str = "D012";
    /// Records of regions that the region tables do not have (or keys of another type).
    pub const UNKNOWN_REGIONS: &str = "D013";
    /// A period without records, or `previous(…)` without a period.
    pub const PERIOD: &str = "D014";
    /// A workbook that cannot be read as a table: protected by a password, damaged, no
    /// such sheet, an empty sheet, merged cells in the header.
    pub const WORKBOOK: &str = "D015";
}

impl DataError {
    /// A problem of the file `path` read as input `input`.
    pub fn new(code: &'static str, input: &str, path: &str, message: impl Into<String>) -> Self {
        DataError {
            code,
            input: input.to_string(),
            path: path.to_string(),
            at: None,
            message: message.into(),
            help: None,
        }
    }
    /// With a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// With a help line, when there is one.
    pub fn maybe_help(mut self, help: Option<impl Into<String>>) -> Self {
        self.help = help.map(Into::into);
        self
    }
    /// At line (or row) `line`, from 1.
    pub fn at_line(mut self, line: u64) -> Self {
        self.at = std::num::NonZeroU64::new(line);
        self
    }
    /// The line (or row) where the problem is, from 1.
    pub fn line(&self) -> Option<u64> {
        self.at.map(|l| l.get())
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // (a file of a `git:` source's copy, named as in the repository)
        let path = crate::source::shown_name(std::path::Path::new(&self.path));
        let place = match self.line() {
            Some(l) => format!("{path}:{l}"),
            None => path,
        };
        let head = crate::i18n::t(
            "input-problem",
            &[
                ("input", (&self.input).into()),
                ("place", place.into()),
                ("message", (&self.message).into()),
            ],
        );
        let framed = crate::i18n::framed(self.code, &head, self.help.as_deref());
        write!(f, "{framed}")?;
        Ok(())
    }
}

/// Every problem found in a file (or in the inputs together), in file order: at most
/// [`DataErrors::SHOWN`] of them, and how many more there are.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataErrors {
    /// The problems, in file order.
    pub errors: Vec<DataError>,
    /// Problems found beyond those in `errors`.
    pub not_shown: usize,
}

impl DataErrors {
    /// How many problems are kept to be shown.
    pub const SHOWN: usize = 20;

    /// One more problem: kept while fewer than [`Self::SHOWN`] are, else counted (a file
    /// of a million bad rows holds twenty messages, not a million).
    pub fn push(&mut self, e: DataError) {
        if self.errors.len() < Self::SHOWN {
            self.errors.push(e);
        } else {
            self.not_shown += 1;
        }
    }

    /// Another part's or file's problems after these.
    pub fn append(&mut self, other: DataErrors) {
        self.errors.extend(other.errors);
        self.not_shown += other.not_shown;
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.not_shown == 0
    }

    /// The problems of one file in its order (by line), the first [`Self::SHOWN`] kept and
    /// the rest counted.
    pub fn in_file_order(mut self) -> Self {
        self.errors.sort_by_key(|e| e.line().unwrap_or(0));
        self.not_shown += self.errors.len().saturating_sub(Self::SHOWN);
        self.errors.truncate(Self::SHOWN);
        self
    }
}

impl From<DataError> for DataErrors {
    fn from(e: DataError) -> Self {
        DataErrors {
            errors: vec![e],
            not_shown: 0,
        }
    }
}

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        let total = self.errors.len() + self.not_shown;
        if self.not_shown > 0 {
            let more = crate::i18n::t(
                "problems-more",
                &[
                    (
                        "more",
                        crate::i18n::count("count-problems", self.not_shown as f64).into(),
                    ),
                    ("total", total.into()),
                ],
            );
            write!(f, "\n… {more}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataErrors {}

impl std::error::Error for DataError {}

/// What to read from a table.
#[derive(Debug, Clone)]
pub struct Wanted<'a> {
    /// The input's name in the methodology, for messages.
    pub input: &'a str,
    /// The key column.
    pub key: &'a str,
    /// The label column, read when the file has it (see `label_required`).
    pub label: Option<&'a str>,
    /// Whether the label column must be there (else it is read where it is, to name
    /// regions in messages).
    pub label_required: bool,
    /// The numeric columns to read.
    pub columns: &'a [String],
    /// The columns to read as text (groups).
    pub texts: &'a [String],
    /// The encoding the methodology names for the file (`encoding "windows-1251"`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// A column's name as its header cell writes it: every run of white space (a line break
/// in an Excel header, a tab, a non-breaking space) one space, none at either end —
/// `"Численность\nнаселения,  чел."` is `Численность населения, чел.`.
pub fn header_name(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Every key that repeats an earlier one: (the first row with it, the row), from 0, in
/// row order. Keys in order are checked without hashing.
pub fn repeats<'a, I>(keys: impl Fn() -> I) -> Vec<(usize, usize)>
where
    I: Iterator<Item = &'a str>,
{
    if in_order(keys()) {
        return Vec::new();
    }
    let mut seen: foldhash::HashMap<&str, usize> = Default::default();
    let mut out = Vec::new();
    for (i, k) in keys().enumerate() {
        match seen.get(k) {
            Some(&first) => out.push((first, i)),
            None => {
                seen.insert(k, i);
            }
        }
    }
    out
}
