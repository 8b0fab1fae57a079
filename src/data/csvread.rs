//! CSV files: encoding, separator, header, rows.

use super::{parse_number, region_name, DataError, NumberError, Table, Wanted};
use std::borrow::Cow;
use std::collections::HashMap;

/// Decode a file's bytes: BOM first, then UTF-8, else Windows-1251.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, enc.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            (text, "windows-1251")
        }
    }
}

/// The separator: the candidate that splits the first lines into the same number (> 1)
/// of fields, the most fields winning.
fn sniff_separator(text: &str) -> u8 {
    let sample: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect::<Vec<_>>()
        .join("\n");
    let mut best = (b',', 0usize, false);
    for &sep in b";,\t|" {
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(sep)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let counts: Vec<usize> = rdr
            .records()
            .filter_map(|r| r.ok())
            .map(|r| r.len())
            .collect();
        if counts.is_empty() {
            continue;
        }
        let n = counts[0];
        let consistent = counts.iter().all(|&c| c == n);
        let better = if consistent != best.2 {
            consistent
        } else {
            n > best.1
        };
        if n > 1 && better {
            best = (sep, n, consistent);
        }
    }
    best.0
}

fn err(w_input: &str, path: &str, message: String, help: Option<&str>) -> DataError {
    DataError {
        input: w_input.to_string(),
        path: path.to_string(),
        message,
        help: help.map(|h| h.to_string()),
    }
}

fn read_bytes(input: &str, path: &str) -> Result<Vec<u8>, DataError> {
    std::fs::read(path).map_err(|e| {
        let help = (e.kind() == std::io::ErrorKind::NotFound)
            .then_some("paths in a methodology are relative to its file; `--input NAME=PATH` names another file");
        err(input, path, format!("cannot read the file: {e}"), help)
    })
}

/// NUL bytes without a byte-order mark: UTF-16 without a BOM, or not text at all.
fn refuse_binary(input: &str, path: &str, bytes: &[u8]) -> Result<(), DataError> {
    if bytes.contains(&0) && encoding_rs::Encoding::for_bom(bytes).is_none() {
        return Err(err(
            input,
            path,
            "the file has NUL bytes: it is UTF-16 without a byte-order mark, or not a text table"
                .into(),
            Some("save it as UTF-8 (or Windows-1251) CSV"),
        ));
    }
    Ok(())
}

/// The column names of a CSV file.
pub fn read_csv_header(input: &str, path: &str) -> Result<Vec<String>, DataError> {
    let bytes = read_bytes(input, path)?;
    refuse_binary(input, path, &bytes)?;
    let (text, _) = decode(&bytes);
    let sep = sniff_separator(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .from_reader(text.as_bytes());
    let h = rdr
        .headers()
        .map_err(|e| err(input, path, format!("cannot read the header: {e}"), None))?;
    let cols: Vec<String> = h.iter().map(|c| c.trim().to_string()).collect();
    if cols.iter().all(|c| c.is_empty()) {
        return Err(err(input, path, "the file is empty".into(), None));
    }
    Ok(cols)
}

/// Read the key, label and numeric columns of a CSV file.
pub fn read_csv(path: &str, w: &Wanted) -> Result<Table, DataError> {
    let bytes = read_bytes(w.input, path)?;
    read_csv_bytes(path, &bytes, w)
}

/// Read a CSV table from its bytes; `path` names it in messages.
pub fn read_csv_bytes(path: &str, bytes: &[u8], w: &Wanted) -> Result<Table, DataError> {
    let input = w.input;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(err(
            input,
            path,
            "the file is empty".into(),
            Some("export the table with its header row and one row per region"),
        ));
    }
    refuse_binary(input, path, bytes)?;
    let (text, encoding) = decode(bytes);
    let sep = sniff_separator(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| err(input, path, format!("cannot read the header: {e}"), None))?
        .iter()
        .map(|c| c.trim().to_string())
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in header.iter().enumerate() {
        if let Some(first) = seen.insert(c.as_str(), i) {
            return Err(err(
                input,
                path,
                format!(
                    "column `{c}` appears twice in the header (columns {} and {})",
                    first + 1,
                    i + 1
                ),
                Some("rename one of them"),
            ));
        }
    }
    let find = |name: &str| -> Result<usize, DataError> {
        header.iter().position(|c| c == name).ok_or_else(|| {
            let hint = crate::diag::did_you_mean(name, header.iter().map(|s| s.as_str()));
            err(
                input,
                path,
                format!(
                    "no column `{name}` (read as {encoding}, separated by `{}`)",
                    sep as char
                ),
                Some(
                    hint.as_deref()
                        .unwrap_or("check the header row of the file"),
                ),
            )
        })
    };
    let key_ix = find(w.key)?;
    let label_ix = match w.label {
        Some(l) if w.label_required => Some(find(l)?),
        Some(l) => header.iter().position(|c| c == l),
        None => None,
    };
    let col_ix: Vec<usize> = w
        .columns
        .iter()
        .map(|c| find(c))
        .collect::<Result<_, _>>()?;
    let mut keys = Vec::new();
    let mut labels = label_ix.map(|_| Vec::new());
    let mut values: Vec<Vec<Option<f64>>> = vec![Vec::new(); col_ix.len()];
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                let msg = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("line {line} has {len} fields, the header has {expected_len}"),
                    _ => format!("line {line}: {e}"),
                };
                return Err(err(
                    input,
                    path,
                    msg,
                    Some("check for a stray separator or an unclosed quote on that line"),
                ));
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line
        }
        let key = record.get(key_ix).unwrap_or("").trim().to_string();
        let label = label_ix.map(|i| record.get(i).unwrap_or("").trim().to_string());
        if key.is_empty() {
            return Err(err(
                input,
                path,
                format!("line {line} has no value in the key column `{}`", w.key),
                Some("every row needs the region's key"),
            ));
        }
        if let Some(first) = first_row.get(&key) {
            return Err(err(
                input,
                path,
                format!(
                    "region {} appears twice (lines {first} and {line})",
                    region_name(&key, label.as_deref())
                ),
                Some("each region must have exactly one row"),
            ));
        }
        for (j, &ci) in col_ix.iter().enumerate() {
            let cell = record.get(ci).unwrap_or("");
            match parse_number(cell) {
                Ok(v) => values[j].push(v),
                Err(e) => {
                    let what = match e {
                        _ if cell.contains('\n') => "spans several lines: is a quote left open?",
                        NumberError::NotANumber => "is not a number",
                        NumberError::NotFinite => "is not a finite number",
                    };
                    return Err(err(
                        input,
                        path,
                        format!(
                            "region {}, column `{}` (line {line}): `{}` {what}",
                            region_name(&key, label.as_deref()),
                            w.columns[j],
                            shorten(cell.trim())
                        ),
                        Some("numbers may use a decimal comma or point; leave the cell empty or write `-` or `н/д` when there is no value"),
                    ));
                }
            }
        }
        first_row.insert(key.clone(), line as usize);
        keys.push(key);
        if let (Some(ls), Some(l)) = (labels.as_mut(), label) {
            ls.push(l);
        }
    }
    if keys.is_empty() {
        return Err(err(
            input,
            path,
            "the table has a header but no rows".into(),
            Some("export one row per region"),
        ));
    }
    Ok(Table {
        keys,
        labels,
        columns: w.columns.iter().cloned().zip(values).collect(),
    })
}

/// A cell as shown in a message: at most 40 characters, on one line.
fn shorten(cell: &str) -> String {
    let one_line: String = cell
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let n = one_line.chars().count();
    if n <= 40 {
        one_line
    } else {
        let head: String = one_line.chars().take(30).collect();
        format!("{head}… ({n} characters)")
    }
}
