//! Record files: many rows per region (messages, connected bodies, votes), with typed
//! columns — numbers, text, dates (ISO `2025-03-31` or Russian `31.03.2025`) and
//! booleans (`true`/`false`, `да`/`нет`). The checker learns each column's type from the
//! header and a sample of the rows ([`csv_schema`]) or the Parquet schema; the run reads
//! the columns a methodology uses ([`read_csv_records`]), every cell of the wrong type
//! reported with its line.

use super::csvfile::{
    decode, header_of, read_bytes, read_head_text, refuse_binary, sniff_separator,
};
use super::number::parse_number;
use super::{codes, DataError, DataErrors};
use crate::i18n::t;

/// The type of a record column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ColType {
    /// Numbers (as regional exports write them: `1 234,5`, `12,5%`).
    Number,
    /// Text.
    Text,
    /// Dates: `2025-03-31` or `31.03.2025`.
    Date,
    /// `true`/`false`, `да`/`нет`.
    Bool,
}

impl ColType {
    /// The type in a message, in the chosen language: "a number", "text", "a date",
    /// "true or false".
    pub fn in_words(self) -> String {
        crate::i18n::t(
            match self {
                ColType::Number => "ty-number",
                ColType::Text => "ty-text",
                ColType::Date => "ty-date",
                ColType::Bool => "ty-true-or-false",
            },
            &[],
        )
    }

    /// The type in a message: "a number", "text", "a date", "true or false".
    pub fn name(self) -> &'static str {
        match self {
            ColType::Number => "a number",
            ColType::Text => "text",
            ColType::Date => "a date",
            ColType::Bool => "true or false",
        }
    }
}

/// A column of a record file as read.
#[derive(Debug, Clone, PartialEq)]
pub enum RecColumn {
    /// Numbers, missing as `None`.
    Number(Vec<Option<f64>>),
    /// Text, missing (an empty cell) as `None`.
    Text(Vec<Option<String>>),
    /// Days since 1970-01-01.
    Date(Vec<Option<i32>>),
    /// Booleans.
    Bool(Vec<Option<bool>>),
}

/// The columns of a record file that a methodology reads.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordTable {
    /// Each record's key (`None`: an empty cell).
    pub keys: Vec<Option<String>>,
    /// The line of the file each record is on (for messages).
    pub lines: Vec<u64>,
    /// The columns asked for, in the order asked.
    pub columns: Vec<(String, RecColumn)>,
    /// What reading assumed (an encoding told from the text).
    pub note: Option<crate::notes::Note>,
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day since 1970-01-01, as `2025-03-31`.
pub fn date_text(days: i32) -> String {
    let z = i64::from(days) + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Whether y-m-d is a day of the calendar (years 1 to 9999).
pub fn valid(y: i64, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d) && (1..=9999).contains(&y)
}

/// A date cell: `2025-03-31`, `31.03.2025`, or either with a time after it
/// (`2025-03-31 14:05:00`, `2025-03-31T14:05`), as days since 1970-01-01.
pub fn parse_date(cell: &str) -> Option<i32> {
    let t = cell.trim();
    let day_part = t.split([' ', 'T']).next().unwrap_or("");
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let parts: Vec<&str>;
    let (y, m, d) = if day_part.len() == 10 && day_part.as_bytes()[4] == b'-' {
        parts = day_part.split('-').collect();
        if parts.len() != 3 || parts[1].len() != 2 || parts[2].len() != 2 {
            return None;
        }
        (num(parts[0])?, num(parts[1])?, num(parts[2])?)
    } else if day_part.len() == 10 && day_part.as_bytes()[2] == b'.' {
        parts = day_part.split('.').collect();
        if parts.len() != 3 || parts[0].len() != 2 || parts[1].len() != 2 || parts[2].len() != 4 {
            return None;
        }
        (num(parts[2])?, num(parts[1])?, num(parts[0])?)
    } else {
        return None;
    };
    let (m, d) = (u32::try_from(m).ok()?, u32::try_from(d).ok()?);
    valid(y, m, d).then(|| days_from_civil(y, m, d) as i32)
}

/// Whether a cell is written as a date, whether or not it is a day of the calendar:
/// digits as `YYYY-MM-DD` (four or more digits of year) or `DD.MM.YYYY`, a time after it.
fn date_shaped(cell: &str) -> bool {
    let day = cell.trim().split([' ', 'T']).next().unwrap_or("");
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = day.split('-').collect();
    if let [y, m, d] = parts[..] {
        return digits(y, 4..=9) && digits(m, 1..=2) && digits(d, 1..=2);
    }
    let parts: Vec<&str> = day.split('.').collect();
    matches!(parts[..], [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=9))
}

/// A date literal of a methodology (`2025-03-31`), as days since 1970-01-01.
pub fn date_literal(text: &str) -> Option<i32> {
    parse_date(text)
}

/// A boolean cell: `true`/`false`, `да`/`нет` (any case).
pub fn parse_bool(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "true" | "да" => Some(true),
        "false" | "нет" => Some(false),
        _ => None,
    }
}

/// Whether a cell is empty (a missing value of any type).
fn blank(cell: &str) -> bool {
    cell.trim().is_empty()
}

/// The type of a column from a sample of its cells: every cell that is not empty reads as
/// a number → a number; as a date → a date; as true or false → a boolean; else text. A
/// column of empty cells is read as numbers (the checker looks further into the file for
/// a column empty in the sampled rows: [`csv_schema`]).
pub fn infer_type<'a>(cells: impl Iterator<Item = &'a str> + Clone) -> ColType {
    let filled = cells.filter(|c| !blank(c));
    if filled
        .clone()
        .all(|c| matches!(parse_number(c), Ok(Some(_))))
    {
        ColType::Number
    } else if filled.clone().all(|c| parse_date(c).is_some())
        || (filled.clone().all(date_shaped) && filled.clone().any(|c| parse_date(c).is_some()))
    {
        // dates with a slip among them (2025-02-30, a year 20251) are dates still: the
        // reader names the cell (D012), where "this column holds text" would not
        ColType::Date
    } else if filled.clone().all(|c| parse_bool(c).is_some()) {
        ColType::Bool
    } else {
        ColType::Text
    }
}

/// How many rows of a CSV record file the checker reads to tell the columns' types.
pub const SAMPLE_ROWS: usize = 1000;

/// The columns of a CSV record file and their types, from its header and the first
/// [`SAMPLE_ROWS`] rows.
pub fn csv_schema(
    input: &str,
    path: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<(String, ColType)>, DataError> {
    let (header, sample) = csv_sample(input, path, encoding, false)?;
    // a header without a row tells no column's type: not "numbers" for every column
    if sample.iter().all(|c| c.is_empty()) {
        return Err(DataError::new(
            codes::EMPTY,
            input,
            path,
            crate::i18n::t("records-header-only", &[]),
        ));
    }
    // A column empty in every sampled row (a date of closing, empty while messages are
    // open) is told by its first filled cells further on, not taken for numbers.
    let mut sample = sample;
    let empty: Vec<usize> = (0..sample.len())
        .filter(|&i| sample[i].iter().all(|c| blank(c)))
        .collect();
    if !empty.is_empty() && sample.first().is_some_and(|c| c.len() >= SAMPLE_ROWS) {
        let mut further = Further {
            columns: empty.iter().map(|&i| (i, Vec::new())).collect(),
            rows: 0,
        };
        // (a file the head was read from reads again; a problem found here is the run's)
        if crate::data::csvfile::visit_rows(input, path, encoding, true, None, &mut further).is_ok()
        {
            for (i, cells) in further.columns {
                sample[i] = cells;
            }
        }
    }
    Ok(header
        .into_iter()
        .zip(sample)
        .map(|(name, cells)| {
            let t = infer_type(cells.iter().map(|s| s.as_str()));
            (name, t)
        })
        .collect())
}

/// The first filled cells of columns that are empty in the sampled rows.
struct Further {
    /// Each column's place and its filled cells found so far.
    columns: Vec<(usize, Vec<String>)>,
    rows: usize,
}

impl Further {
    /// Filled cells enough to tell a column's type by.
    const ENOUGH: usize = 100;
}

impl crate::data::csvfile::RowVisitor for Further {
    fn header(&mut self, _: &[String], _: u8) -> Result<(), DataErrors> {
        Ok(())
    }
    fn row(&mut self, _: u64, row: &csv::StringRecord) -> bool {
        self.rows += 1;
        for (i, cells) in &mut self.columns {
            match row.get(*i) {
                Some(c) if !blank(c) && cells.len() < Self::ENOUGH => cells.push(c.to_string()),
                _ => {}
            }
        }
        // every column found filled, and the sample's rows after that read
        let found = self.columns.iter().all(|(_, c)| !c.is_empty());
        let enough = self.columns.iter().all(|(_, c)| c.len() >= Self::ENOUGH);
        !(enough || found && self.rows.is_multiple_of(SAMPLE_ROWS))
    }
    fn bad_row(&mut self, _: u64, _: &csv::Error) {}
    fn restart(&mut self) {
        self.columns.iter_mut().for_each(|(_, c)| c.clear());
        self.rows = 0;
    }
}

/// The header of a CSV file and the cells of its first rows (those of its head, which
/// the separator is told from; with `whole`, every row), column by column.
pub fn csv_sample(
    input: &str,
    path: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
    whole: bool,
) -> Result<(Vec<String>, Vec<Vec<String>>), DataError> {
    let text = if whole {
        let bytes = read_bytes(input, path)?;
        refuse_binary(input, path, &bytes)?;
        decode(&bytes, encoding, input, path)?.text.into_owned()
    } else {
        // (the header and the sample's rows)
        read_head_text(input, path, encoding, SAMPLE_ROWS + 1)?
    };
    let rows = if whole { usize::MAX } else { SAMPLE_ROWS };
    let sep = sniff_separator(&text);
    // a regional table read whole (by `init`) may have a title block above its header
    let skip = if whole {
        crate::data::csvfile::title_block(&text, sep).0
    } else {
        0
    };
    let (mut rdr, header) = header_of(&text[skip..], sep, true, input, path)?;
    let mut sample: Vec<Vec<String>> = vec![Vec::new(); header.len()];
    for rec in rdr.records().take(rows) {
        // (a cut-off last line of the head, or a bad row: the run reports it)
        let Ok(rec) = rec else { break };
        for (i, cell) in rec.iter().enumerate().take(header.len()) {
            sample[i].push(cell.to_string());
        }
    }
    Ok((header, sample))
}

/// Rows of a record file handed on at a time (the file is never held whole: a block is
/// handed to the engine, which keeps it in its own columns, and its cells are freed).
pub const BLOCK_ROWS: usize = 1 << 20;

/// Where a record file's blocks go (the engine makes each a frame).
pub trait RecordSink {
    /// The next block of rows (the last may be empty, so that a file without rows still
    /// gives its columns).
    fn block(&mut self, table: RecordTable) -> Result<(), DataError>;
    /// Forget the blocks given so far: the file turned out not to be UTF-8 and is read
    /// again from its start in the encoding its text shows.
    fn restart(&mut self);
}

/// What reading a record file gives besides its blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordsRead {
    /// What reading assumed (an encoding told from the text).
    pub note: Option<crate::notes::Note>,
    /// The rows read.
    pub rows: u64,
    /// The line of the first record without a key.
    pub first_without_key: Option<u64>,
}

/// Read the key and the wanted columns of a CSV record file as a stream, a block of
/// [`BLOCK_ROWS`] rows at a time to `sink`, each cell by its column's type; every cell that
/// does not read as its type is reported (`D006` for numbers, `D012` for dates and
/// booleans) with its line, column and value (then no block is handed on).
pub fn read_csv_records(
    input: &str,
    path: &str,
    key: &str,
    wanted: &[(String, ColType)],
    encoding: Option<&'static encoding_rs::Encoding>,
    sink: &mut dyn RecordSink,
) -> Result<RecordsRead, DataErrors> {
    let mut reader = BlockReader {
        input,
        path,
        key,
        wanted,
        sink,
        ixs: None,
        block: RecordTable::empty(wanted),
        problems: DataErrors::default(),
        failed: None,
        read: RecordsRead::default(),
        given: 0,
    };
    let visited = crate::data::csvfile::visit_rows(
        input,
        path,
        encoding,
        false,
        Some(t("d008-records-help", &[])),
        &mut reader,
    )?;
    if let Some(e) = reader.failed.take() {
        return Err(e.into());
    }
    if !reader.problems.is_empty() {
        return Err(std::mem::take(&mut reader.problems).in_file_order());
    }
    if reader.given == 0 || !reader.block.keys.is_empty() {
        reader.hand_on()?;
    }
    reader.read.note = visited.note;
    Ok(reader.read)
}

/// [`read_csv_records`] into one table (for tests and small files).
pub fn read_csv_records_whole(
    input: &str,
    path: &str,
    key: &str,
    wanted: &[(String, ColType)],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<RecordTable, DataErrors> {
    struct Whole(RecordTable);
    impl RecordSink for Whole {
        fn block(&mut self, t: RecordTable) -> Result<(), DataError> {
            self.0.keys.extend(t.keys);
            self.0.lines.extend(t.lines);
            for ((_, a), (_, b)) in self.0.columns.iter_mut().zip(t.columns) {
                match (a, b) {
                    (RecColumn::Number(a), RecColumn::Number(b)) => a.extend(b),
                    (RecColumn::Text(a), RecColumn::Text(b)) => a.extend(b),
                    (RecColumn::Date(a), RecColumn::Date(b)) => a.extend(b),
                    (RecColumn::Bool(a), RecColumn::Bool(b)) => a.extend(b),
                    _ => {}
                }
            }
            Ok(())
        }
        fn restart(&mut self) {
            let wanted: Vec<(String, ColType)> = self
                .0
                .columns
                .iter()
                .map(|(n, c)| (n.clone(), c.ty()))
                .collect();
            self.0 = RecordTable::empty(&wanted);
        }
    }
    let mut whole = Whole(RecordTable::empty(wanted));
    let read = read_csv_records(input, path, key, wanted, encoding, &mut whole)?;
    whole.0.note = read.note;
    Ok(whole.0)
}

impl RecColumn {
    fn ty(&self) -> ColType {
        match self {
            RecColumn::Number(_) => ColType::Number,
            RecColumn::Text(_) => ColType::Text,
            RecColumn::Date(_) => ColType::Date,
            RecColumn::Bool(_) => ColType::Bool,
        }
    }
}

impl RecordTable {
    /// A table of no rows with the wanted columns.
    pub fn empty(wanted: &[(String, ColType)]) -> Self {
        RecordTable {
            keys: Vec::new(),
            lines: Vec::new(),
            columns: wanted
                .iter()
                .map(|(n, t)| {
                    let c = match t {
                        ColType::Number => RecColumn::Number(Vec::new()),
                        ColType::Text => RecColumn::Text(Vec::new()),
                        ColType::Date => RecColumn::Date(Vec::new()),
                        ColType::Bool => RecColumn::Bool(Vec::new()),
                    };
                    (n.clone(), c)
                })
                .collect(),
            note: None,
        }
    }
}

/// The rows of a record file gathered into blocks.
struct BlockReader<'a> {
    input: &'a str,
    path: &'a str,
    key: &'a str,
    wanted: &'a [(String, ColType)],
    sink: &'a mut dyn RecordSink,
    /// Where the key and the wanted columns are in a row.
    ixs: Option<(usize, Vec<usize>)>,
    block: RecordTable,
    problems: DataErrors,
    /// The sink's refusal.
    failed: Option<DataError>,
    read: RecordsRead,
    /// Blocks handed on.
    given: usize,
}

impl BlockReader<'_> {
    fn hand_on(&mut self) -> Result<(), DataError> {
        let block = std::mem::replace(&mut self.block, RecordTable::empty(self.wanted));
        self.given += 1;
        self.sink.block(block)
    }
}

impl crate::data::csvfile::RowVisitor for BlockReader<'_> {
    fn header(&mut self, header: &[String], sep: u8) -> Result<(), DataErrors> {
        let (input, path) = (self.input, self.path);
        let find = |name: &str| {
            header.iter().position(|c| c == name).ok_or_else(|| {
                let hint = crate::diag::did_you_mean(name, header.iter().map(|s| s.as_str()));
                DataError::new(
                    codes::HEADER,
                    input,
                    path,
                    t(
                        "d003-no-column-records",
                        &[
                            ("column", name.into()),
                            ("separator", (sep as char).to_string().into()),
                        ],
                    ),
                )
                .help(hint.unwrap_or_else(|| t("d003-no-column-help", &[])))
            })
        };
        let key_ix = find(self.key)?;
        let ixs: Vec<usize> = self
            .wanted
            .iter()
            .map(|(c, _)| find(c))
            .collect::<Result<_, _>>()?;
        self.ixs = Some((key_ix, ixs));
        Ok(())
    }

    fn row(&mut self, line: u64, rec: &csv::StringRecord) -> bool {
        let Some((key_ix, ixs)) = &self.ixs else {
            return false;
        };
        let (input, path) = (self.input, self.path);
        self.read.rows += 1;
        let k = rec.get(*key_ix).unwrap_or("").trim();
        if k.is_empty() && self.read.first_without_key.is_none() {
            self.read.first_without_key = Some(line);
        }
        // once a cell is wrong, the rows are only checked (no block is handed on)
        let keep = self.problems.is_empty();
        if keep {
            self.block.keys.push((!k.is_empty()).then(|| k.to_string()));
            self.block.lines.push(line);
        }
        let problems = &mut self.problems;
        for ((name, c), &ix) in self.block.columns.iter_mut().zip(ixs) {
            let cell = rec.get(ix).unwrap_or("");
            let bad = |code: &'static str, what: &str| {
                DataError::new(
                    code,
                    input,
                    path,
                    t(
                        "d012-cell",
                        &[
                            ("column", name.as_str().into()),
                            ("cell", cell.trim().into()),
                            ("what", what.into()),
                        ],
                    ),
                )
                .at_line(line)
            };
            match c {
                RecColumn::Number(v) => {
                    let x = match parse_number(cell) {
                        Ok(x) => x,
                        Err(e) => {
                            problems.push(
                                bad(codes::NOT_A_NUMBER, &e.what())
                                    .help(t("d006-records-help", &[])),
                            );
                            None
                        }
                    };
                    if keep {
                        v.push(x);
                    }
                }
                RecColumn::Text(v) => {
                    if keep {
                        v.push((!blank(cell)).then(|| cell.trim().to_string()));
                    }
                }
                RecColumn::Date(v) => {
                    let d = if blank(cell) {
                        None
                    } else {
                        let d = parse_date(cell);
                        if d.is_none() {
                            problems.push(
                                bad(codes::BAD_CELL, &t("cell-not-a-date", &[]))
                                    .help(t("d012-date-help", &[])),
                            );
                        }
                        d
                    };
                    if keep {
                        v.push(d);
                    }
                }
                RecColumn::Bool(v) => {
                    let b = if blank(cell) {
                        None
                    } else {
                        let b = parse_bool(cell);
                        if b.is_none() {
                            problems.push(
                                bad(codes::BAD_CELL, &t("cell-not-a-flag", &[]))
                                    .help(t("d012-flag-help", &[])),
                            );
                        }
                        b
                    };
                    if keep {
                        v.push(b);
                    }
                }
            }
        }
        if !self.problems.is_empty() {
            // (the rows kept so far are of no use now)
            if !self.block.keys.is_empty() {
                self.block = RecordTable::empty(self.wanted);
            }
            return true;
        }
        if self.block.keys.len() >= BLOCK_ROWS {
            if let Err(e) = self.hand_on() {
                self.failed = Some(e);
                return false;
            }
        }
        true
    }

    fn bad_row(&mut self, line: u64, e: &csv::Error) {
        self.problems.push(
            DataError::new(
                codes::ROW_SHAPE,
                self.input,
                self.path,
                t("d004-row", &[("why", e.to_string().into())]),
            )
            .at_line(line)
            .help(t("d004-records-help", &[])),
        );
    }

    fn restart(&mut self) {
        self.sink.restart();
        self.block = RecordTable::empty(self.wanted);
        self.problems = DataErrors::default();
        self.read = RecordsRead::default();
        self.given = 0;
        self.ixs = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_both_ways_and_back() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2025-03-31"), parse_date("31.03.2025"));
        assert_eq!(date_text(parse_date("2024-02-29").unwrap()), "2024-02-29");
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("31.13.2025"), None);
        assert_eq!(parse_date("2025-03-31 14:05:00"), parse_date("2025-03-31"));
        assert_eq!(date_text(-1), "1969-12-31");
    }

    #[test]
    fn types_from_a_sample() {
        let t = |c: &[&str]| infer_type(c.iter().copied());
        assert_eq!(t(&["1", "2,5", ""]), ColType::Number);
        assert_eq!(t(&["31.03.2025", "2025-01-02"]), ColType::Date);
        assert_eq!(t(&["да", "нет", "TRUE"]), ColType::Bool);
        assert_eq!(t(&["answered", "1"]), ColType::Text);
        assert_eq!(t(&["", ""]), ColType::Number);
    }
}
