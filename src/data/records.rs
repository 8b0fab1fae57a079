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
    pub note: Option<String>,
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
/// column of empty cells is read as numbers.
pub fn infer_type<'a>(cells: impl Iterator<Item = &'a str> + Clone) -> ColType {
    let filled = cells.filter(|c| !blank(c));
    if filled
        .clone()
        .all(|c| matches!(parse_number(c), Ok(Some(_))))
    {
        ColType::Number
    } else if filled.clone().all(|c| parse_date(c).is_some()) {
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
    Ok(header
        .into_iter()
        .zip(sample)
        .map(|(name, cells)| {
            let t = infer_type(cells.iter().map(|s| s.as_str()));
            (name, t)
        })
        .collect())
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

/// Read the key and the wanted columns of a CSV record file, each cell by its column's
/// type; every cell that does not read as its type is reported (`D006` for numbers,
/// `D012` for dates and booleans) with its line, column and value.
pub fn read_csv_records(
    input: &str,
    path: &str,
    key: &str,
    wanted: &[(String, ColType)],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<RecordTable, DataErrors> {
    let bytes = read_bytes(input, path)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(
            DataError::new(codes::EMPTY, input, path, t("d008-empty-file", &[]))
                .help(t("d008-records-help", &[]))
                .into(),
        );
    }
    refuse_binary(input, path, &bytes)?;
    let decoded = decode(&bytes, encoding, input, path)?;
    let note = decoded.note;
    let text = decoded.text;
    let sep = sniff_separator(&text);
    let (mut rdr, header) = header_of(&text, sep, false, input, path)?;
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
    let key_ix = find(key)?;
    let ixs: Vec<usize> = wanted
        .iter()
        .map(|(c, _)| find(c))
        .collect::<Result<_, _>>()?;
    let mut keys = Vec::new();
    let mut lines = Vec::new();
    let mut columns: Vec<RecColumn> = wanted
        .iter()
        .map(|(_, t)| match t {
            ColType::Number => RecColumn::Number(Vec::new()),
            ColType::Text => RecColumn::Text(Vec::new()),
            ColType::Date => RecColumn::Date(Vec::new()),
            ColType::Bool => RecColumn::Bool(Vec::new()),
        })
        .collect();
    let mut problems = DataErrors::default();
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(
                    DataError::new(
                        codes::ROW_SHAPE,
                        input,
                        path,
                        t("d004-row", &[("why", e.to_string().into())]),
                    )
                    .at_line(line)
                    .help(t("d004-records-help", &[])),
                );
                break;
            }
        }
        let line = rec.position().map_or(0, |p| p.line());
        let k = rec.get(key_ix).unwrap_or("").trim();
        keys.push((!k.is_empty()).then(|| k.to_string()));
        lines.push(line);
        for ((c, &ix), (name, _)) in columns.iter_mut().zip(&ixs).zip(wanted) {
            let cell = rec.get(ix).unwrap_or("");
            let bad = |code: &'static str, what: &str| {
                DataError::new(
                    code,
                    input,
                    path,
                    t(
                        "d012-cell",
                        &[
                            ("column", name.into()),
                            ("cell", cell.trim().into()),
                            ("what", what.into()),
                        ],
                    ),
                )
                .at_line(line)
            };
            match c {
                RecColumn::Number(v) => v.push(match parse_number(cell) {
                    Ok(x) => x,
                    Err(e) => {
                        problems.push(
                            bad(codes::NOT_A_NUMBER, &e.what()).help(t("d006-records-help", &[])),
                        );
                        None
                    }
                }),
                RecColumn::Text(v) => v.push((!blank(cell)).then(|| cell.trim().to_string())),
                RecColumn::Date(v) => v.push(if blank(cell) {
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
                }),
                RecColumn::Bool(v) => v.push(if blank(cell) {
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
                }),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems.in_file_order());
    }
    Ok(RecordTable {
        keys,
        lines,
        columns: wanted.iter().map(|(n, _)| n.clone()).zip(columns).collect(),
        note,
    })
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
