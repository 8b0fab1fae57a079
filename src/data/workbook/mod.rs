//! Regional tables as Excel workbooks (`input data "regions.xlsx" sheet "Лист1"`), read
//! with calamine.
//!
//! A sheet is read cell by cell as the file stores them (calamine's cell reader), never as
//! a rectangle: a damaged or hostile file that claims a cell at `XFD1048576` costs no
//! memory. The header is the row `header N` names, or else the first of the first
//! [`SCAN_ROWS`] rows that holds only texts, at least two, and at least half as many as the
//! widest of those rows — the title block above a table (a title, a date, a source) does
//! not. The table ends at its first empty row: notes below it are not read (the run says
//! how many rows it left). Numbers may be stored as numbers or as text (`12,5`, `1 234`),
//! `-`, `н/д` and empty cells are missing; an error value (`#DIV/0!`), a date or TRUE in a
//! column of numbers is an error naming the cell as Excel does, `Лист1!D17`.

use super::{codes, DataError, ReadAs};
use crate::i18n::t;
use calamine::{CellErrorType, DataRef, Reader, Xlsx};
use std::collections::HashMap;
use std::io::BufReader;
use std::path::Path;

mod table;
pub use table::{read_workbook, read_workbook_columns};

/// The rows searched for the header when `header N` does not name it.
pub const SCAN_ROWS: u32 = 50;

/// Whether a path names a workbook by its extension (`.xlsx`, `.xlsm`, and the formats
/// refused with advice: `.xls`, `.xlsb`, `.ods`).
pub fn is_workbook(p: &Path) -> bool {
    matches!(
        extension(p).as_deref(),
        Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
    )
}

fn extension(p: &Path) -> Option<String> {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// A cell's place as Excel writes it: `Лист1!D17`, `'Сводная 2025'!A1`.
pub fn cell_ref(sheet: &str, row: u32, col: u32) -> String {
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
    let sheet = if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!("{sheet}!{}{}", column_letters(col), row + 1)
}

/// `A`, `Z`, `AA`… for a column from 0.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell's value as the reader keeps it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Number(f64),
    Text(String),
    Flag(bool),
    /// A date, as `2025-03-31` (or with its time).
    Date(String),
    Error(CellErrorType),
}

/// The cells of a sheet that hold something, by row (from 0, as in the file), each row's
/// cells by column.
struct Sheet {
    name: String,
    rows: Vec<(u32, Vec<(u32, Cell)>)>,
    merged: Vec<calamine::Dimensions>,
}

fn workbook_error(input: &str, path: &str, msg: String, help: String) -> DataError {
    DataError::new(codes::WORKBOOK, input, path, msg).help(help)
}

/// The date of an Excel serial day number (1900 date system, or 1904 as calamine gives).
fn date_text(serial: f64) -> String {
    // days from 1899-12-30, the 1900 system's day 0 (Excel's 1900-02-29 aside)
    let days = serial.floor() as i64 - 25_569; // to days from 1970-01-01
    let (y, m, d) = civil(days);
    let secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
    if secs == 0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!(
            "{y:04}-{m:02}-{d:02} {:02}:{:02}",
            secs / 3600,
            secs % 3600 / 60
        )
    }
}

/// (year, month, day) of a day count from 1970-01-01 (Howard Hinnant's algorithm).
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn cell_of(v: &DataRef) -> Option<Cell> {
    Some(match v {
        DataRef::Empty => return None,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) if s.trim().is_empty() => return None,
        DataRef::SharedString(s) if s.trim().is_empty() => return None,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Bool(b) => Cell::Flag(*b),
        DataRef::DateTime(d) if d.is_duration() => Cell::Number(d.as_f64()),
        DataRef::DateTime(d) => Cell::Date(date_text(d.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(s.clone()),
        DataRef::Error(e) => Cell::Error(e.clone()),
    })
}

/// At most this many cells are read from a sheet (a regional table has thousands).
const MAX_CELLS: usize = 50_000_000;

/// The most one part of a workbook (a sheet, its shared strings) may unpack to, and all of
/// them together: a regional table of 85 rows unpacks to kilobytes, a large one to tens of
/// megabytes; a few megabytes that unpack to gigabytes are a bomb, refused before anything
/// is unpacked (the sizes are those the archive declares).
const MAX_PART: u64 = 256 << 20;
const MAX_UNPACKED: u64 = 512 << 20;

/// Refuse a workbook whose parts unpack to more than [`MAX_PART`] each or
/// [`MAX_UNPACKED`] together (D015), before calamine unpacks any.
fn unpacked_sizes(input: &str, path: &str, p: &Path) -> Result<(), DataError> {
    let Ok(file) = crate::paths::open_regular(p) else {
        return Ok(()); // (the opening below says why)
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(()); // (not a zip: calamine says it is damaged)
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        let (name, size) = (entry.name().to_string(), entry.size());
        total = total.saturating_add(size);
        if size > MAX_PART || total > MAX_UNPACKED {
            let mb = |b: u64| (b >> 20).to_string();
            return Err(workbook_error(
                input,
                path,
                t(
                    "d015-unpacks-to",
                    &[
                        ("part", name.into()),
                        ("size", mb(size.max(total)).into()),
                        (
                            "limit",
                            mb(if size > MAX_PART {
                                MAX_PART
                            } else {
                                MAX_UNPACKED
                            })
                            .into(),
                        ),
                    ],
                ),
                t("d015-unpacks-to-help", &[]),
            ));
        }
    }
    Ok(())
}

/// Open the workbook and read the sheet `how` names (or the first).
fn open_sheet(input: &str, path: &str, how: &ReadAs) -> Result<Sheet, DataError> {
    let p = Path::new(path);
    match extension(p).as_deref() {
        Some("xlsx" | "xlsm") => {}
        _ => {
            return Err(workbook_error(
                input,
                path,
                t("d015-format", &[]),
                t("d015-format-help", &[]),
            ))
        }
    }
    unpacked_sizes(input, path, p)?;
    let file = crate::paths::open_regular(p).map_err(|e| {
        DataError::new(
            codes::UNREADABLE,
            input,
            path,
            t(
                "file-unreadable",
                &[("file", path.into()), ("why", e.to_string().into())],
            ),
        )
    })?;
    let mut wb = Xlsx::new(BufReader::new(file)).map_err(|e| {
        let text = e.to_string();
        if matches!(e, calamine::XlsxError::Password) {
            workbook_error(
                input,
                path,
                t("d015-password", &[]),
                t("d015-password-help", &[]),
            )
        } else {
            workbook_error(
                input,
                path,
                t("d015-damaged", &[("why", text.into())]),
                t("d015-save-again-help", &[]),
            )
        }
    })?;
    let names = wb.sheet_names();
    let name = match &how.sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
                let hint = crate::diag::did_you_mean(s, names.iter().map(|n| n.as_str()));
                return Err(workbook_error(
                    input,
                    path,
                    t(
                        "d015-no-such-sheet",
                        &[("sheet", s.into()), ("sheets", names.join(", ").into())],
                    ),
                    hint.unwrap_or_else(|| t("d015-no-such-sheet-help", &[])),
                ));
            }
            s.clone()
        }
        None => names.first().cloned().ok_or_else(|| {
            workbook_error(
                input,
                path,
                t("d015-no-sheet", &[]),
                t("d015-no-sheet-help", &[]),
            )
        })?,
    };
    let merged = match wb.worksheet_merge_cells(&name) {
        Some(Ok(m)) => m,
        _ => Vec::new(),
    };
    let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| {
        workbook_error(
            input,
            path,
            t(
                "d015-sheet-unreadable",
                &[("sheet", (&name).into()), ("why", e.to_string().into())],
            ),
            t("d015-save-again-help", &[]),
        )
    })?;
    let mut rows: Vec<(u32, Vec<(u32, Cell)>)> = Vec::new();
    let mut count = 0usize;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => {
                return Err(workbook_error(
                    input,
                    path,
                    t(
                        "d015-sheet-damaged",
                        &[("sheet", (&name).into()), ("why", e.to_string().into())],
                    ),
                    t("d015-save-again-help", &[]),
                ))
            }
        };
        let Some(v) = cell_of(cell.get_value()) else {
            continue;
        };
        count += 1;
        if count > MAX_CELLS {
            return Err(workbook_error(
                input,
                path,
                t(
                    "d015-too-many-cells",
                    &[
                        ("sheet", (&name).into()),
                        ("n", MAX_CELLS.to_string().into()),
                    ],
                ),
                t("d015-too-many-cells-help", &[]),
            ));
        }
        let (r, c) = cell.get_position();
        match rows.last_mut() {
            Some((lr, cells)) if *lr == r => cells.push((c, v)),
            _ => rows.push((r, vec![(c, v)])),
        }
    }
    // the file's order is the rows' order in a well-formed sheet; sorted, to be sure
    rows.sort_by_key(|(r, _)| *r);
    for (_, cells) in &mut rows {
        cells.sort_by_key(|(c, _)| *c);
    }
    Ok(Sheet { name, rows, merged })
}

/// The header: its row (from 0) and each named column's (column, name).
fn header_of(
    input: &str,
    path: &str,
    sheet: &Sheet,
    how: &ReadAs,
) -> Result<(u32, Vec<(u32, String)>), DataError> {
    // a header row: names, and perhaps years as numbers (`2023`, `2024`), at least one name
    let texts = |cells: &[(u32, Cell)]| -> Option<Vec<(u32, String)>> {
        let names: Option<Vec<(u32, String)>> = cells
            .iter()
            .map(|(c, v)| header_text(v).map(|t| (*c, t)))
            .collect();
        names.filter(|_| cells.iter().any(|(_, v)| matches!(v, Cell::Text(_))))
    };
    let row = match how.header_row {
        Some(n) => {
            let r = n.saturating_sub(1);
            match sheet.rows.iter().find(|(row, _)| *row == r) {
                Some(found) => found,
                None => {
                    return Err(DataError::new(
                        codes::HEADER,
                        input,
                        path,
                        t(
                            "d003-empty-row",
                            &[
                                ("row", n.to_string().into()),
                                ("sheet", (&sheet.name).into()),
                            ],
                        ),
                    )
                    .help(t("d003-empty-row-help", &[])))
                }
            }
        }
        None => {
            let scanned: Vec<&(u32, Vec<(u32, Cell)>)> = sheet
                .rows
                .iter()
                .take_while(|(r, _)| *r < SCAN_ROWS + sheet.rows.first().map_or(0, |f| f.0))
                .collect();
            let widest = scanned.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
            match scanned.iter().find(|(_, cells)| {
                cells.len() >= 2 && cells.len() * 2 >= widest && texts(cells).is_some()
            }) {
                Some(r) => *r,
                None if sheet.rows.is_empty() => {
                    return Err(workbook_error(
                        input,
                        path,
                        t("d015-empty-sheet", &[("sheet", (&sheet.name).into())]),
                        t("d015-empty-sheet-help", &[]),
                    ))
                }
                None => {
                    return Err(DataError::new(
                        codes::HEADER,
                        input,
                        path,
                        t(
                            "d003-no-header",
                            &[
                                ("n", SCAN_ROWS.to_string().into()),
                                ("sheet", (&sheet.name).into()),
                            ],
                        ),
                    )
                    .help(t("d003-no-header-help", &[])))
                }
            }
        }
    };
    let (r, cells) = (row.0, &row.1);
    let (r, named) = match header_rows(sheet, r) {
        // a header of two or more rows, by its merged cells
        Ok(Some(bottom)) => (bottom, merged_header(sheet, r, bottom)),
        // a cell merged across columns with values below it: one name for two columns
        Err(m) => {
            return Err(workbook_error(
                input,
                path,
                t(
                    "d015-merged",
                    &[
                        ("row", (r + 1).to_string().into()),
                        (
                            "cells",
                            format!(
                                "{}:{}{}",
                                cell_ref(&sheet.name, m.start.0, m.start.1),
                                column_letters(m.end.1),
                                m.end.0 + 1
                            )
                            .into(),
                        ),
                    ],
                ),
                t("d015-merged-help", &[]),
            ))
        }
        Ok(None) => {
            let mut named = Vec::new();
            for (c, v) in cells {
                match header_text(v) {
                    Some(n) if !n.is_empty() => named.push((*c, n)),
                    Some(_) => {}
                    None => {
                        return Err(DataError::new(
                            codes::HEADER,
                            input,
                            path,
                            t(
                                "d003-not-a-name",
                                &[
                                    ("cell", cell_ref(&sheet.name, r, *c).into()),
                                    ("value", shown(v).into()),
                                ],
                            ),
                        )
                        .help(t("d003-not-a-name-help", &[])))
                    }
                }
            }
            (r, named)
        }
    };
    // a column with values under an empty header cell cannot be named
    if let Some((_, cells)) = sheet.rows.iter().find(|(row, _)| *row == r + 1) {
        if let Some((c, _)) = cells.iter().find(|(c, v)| {
            !named.iter().any(|(n, _)| n == c) && header_text(v).is_some_and(|t| !t.is_empty())
        }) {
            return Err(DataError::new(
                codes::HEADER,
                input,
                path,
                t(
                    "d003-empty-header",
                    &[
                        ("cell", cell_ref(&sheet.name, r, *c).into()),
                        ("below", cell_ref(&sheet.name, r + 1, *c).into()),
                    ],
                ),
            )
            .help(t("d003-empty-header-help", &[])));
        }
    }
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for (c, n) in &named {
        if let Some(first) = seen.insert(n.as_str(), *c) {
            return Err(DataError::new(
                codes::HEADER,
                input,
                path,
                t(
                    "d003-twice",
                    &[
                        ("column", n.into()),
                        ("first", cell_ref(&sheet.name, r, first).into()),
                        ("second", cell_ref(&sheet.name, r, *c).into()),
                    ],
                ),
            )
            .help(t("d003-twice-help", &[])));
        }
    }
    Ok((r, named))
}

/// A header cell's name: its text, white space folded (`data::header_name`), or a whole
/// number written as digits (a year, `2024`); `None` for any other value.
fn header_text(v: &Cell) -> Option<String> {
    match v {
        Cell::Text(t) => Some(crate::data::header_name(t)),
        Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => Some(format!("{}", *x as i64)),
        _ => None,
    }
}

/// The last row of a header that starts at row `r` and has merged cells: the lowest row a
/// merged cell of the header reaches, or the row below where the header's merged cells
/// only span columns and that row is one of sub-headers (`2023`, `2024` under «Число
/// обращений»: names or whole numbers under the merged cells, nothing elsewhere).
/// `Ok(None)` without merges; `Err` with a cell merged across columns over values.
fn header_rows(sheet: &Sheet, r: u32) -> Result<Option<u32>, &calamine::Dimensions> {
    let covering: Vec<&calamine::Dimensions> = sheet
        .merged
        .iter()
        .filter(|m| m.start.0 <= r && r <= m.end.0 && m.start != m.end)
        .collect();
    let Some(first) = covering.first().copied() else {
        return Ok(None);
    };
    let bottom = covering.iter().map(|m| m.end.0).max().unwrap_or(r);
    if bottom > r {
        return Ok(Some(bottom));
    }
    // only merged across: the row below must be the sub-headers of the merged cells
    let across = |c: u32| covering.iter().any(|m| m.start.1 <= c && c <= m.end.1);
    let below = sheet
        .rows
        .iter()
        .find(|(x, _)| *x == r + 1)
        .map_or(&[][..], |(_, cells)| cells.as_slice());
    let sub_headers = !below.is_empty()
        && below
            .iter()
            .all(|(c, v)| across(*c) && header_text(v).is_some_and(|t| !t.is_empty()));
    match sub_headers {
        true => Ok(Some(r + 1)),
        false => Err(first),
    }
}

/// The names of a header of rows `r..=bottom`: each column's texts from the top down, a
/// merged cell's text in every column it spans, each text once, joined by a space
/// («Численность населения, чел.» over «2024»: `Численность населения, чел. 2024`).
fn merged_header(sheet: &Sheet, r: u32, bottom: u32) -> Vec<(u32, String)> {
    let text_at = |row: u32, col: u32| -> Option<String> {
        let (row, col) = sheet
            .merged
            .iter()
            .find(|m| m.start.0 <= row && row <= m.end.0 && m.start.1 <= col && col <= m.end.1)
            .map_or((row, col), |m| m.start);
        let (_, cells) = sheet.rows.iter().find(|(x, _)| *x == row)?;
        let (_, v) = cells.iter().find(|(c, _)| *c == col)?;
        header_text(v).filter(|t| !t.is_empty())
    };
    let last = sheet
        .rows
        .iter()
        .filter(|(x, _)| (r..=bottom).contains(x))
        .flat_map(|(_, cells)| cells.iter().map(|(c, _)| *c))
        .chain(
            sheet
                .merged
                .iter()
                .filter(|m| m.start.0 <= bottom && r <= m.end.0)
                .map(|m| m.end.1),
        )
        .max()
        .unwrap_or(0);
    let mut named = Vec::new();
    for col in 0..=last.min(16_383) {
        let mut parts: Vec<String> = Vec::new();
        for row in r..=bottom {
            if let Some(t) = text_at(row, col) {
                if parts.last() != Some(&t) {
                    parts.push(t);
                }
            }
        }
        if !parts.is_empty() {
            named.push((col, parts.join(" ")));
        }
    }
    named
}

/// A cell's value as a message shows it.
fn shown(v: &Cell) -> String {
    match v {
        Cell::Number(x) => t("cell-number", &[("value", x.to_string().into())]),
        Cell::Text(s) => format!("`{}`", crate::data::csvfile::shorten_cell(s.trim())),
        Cell::Flag(b) => t(
            "cell-flag",
            &[("value", if *b { "TRUE" } else { "FALSE" }.into())],
        ),
        Cell::Date(d) => t("cell-date", &[("value", d.into())]),
        Cell::Error(e) => t("cell-error", &[("value", e.to_string().into())]),
    }
}

/// The column names of a workbook's table, for the checker.
pub fn read_workbook_header(
    input: &str,
    path: &str,
    how: &ReadAs,
) -> Result<Vec<String>, DataError> {
    let sheet = open_sheet(input, path, how)?;
    let (_, named) = header_of(input, path, &sheet, how)?;
    Ok(named.into_iter().map(|(_, n)| n).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(cell_ref("Лист1", 16, 3), "Лист1!D17");
        assert_eq!(cell_ref("Сводная 2025", 0, 0), "'Сводная 2025'!A1");
        assert_eq!(cell_ref("It's", 0, 1), "'It''s'!B1");
    }

    #[test]
    fn serial_days_are_dates() {
        assert_eq!(date_text(45_747.0), "2025-03-31");
        assert_eq!(date_text(25_569.5), "1970-01-01 12:00");
        assert_eq!(date_text(1.0), "1899-12-31");
    }
}
