//! The header: the separator (sniffed from the first lines), the column names, and where
//! the wanted columns are.

use super::decode::decode;
use super::{err, read_error};
use crate::data::{codes, DataError, Wanted};
use crate::i18n::t;
use std::collections::HashMap;

/// The separator: the candidate that splits the first lines into the same number (> 1)
/// of fields, the most fields winning.
pub(crate) fn sniff_separator(text: &str) -> u8 {
    let sample: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect::<Vec<_>>()
        .join("\n");
    // Without quotes and lone carriage returns a line's fields are its separators plus
    // one, which is what the CSV reader would count (building one costs more than
    // counting: four readers a file, and each file is sniffed when checked and when run).
    let plain = !sample.contains('"')
        && sample
            .bytes()
            .zip(sample.bytes().skip(1).chain([b'\n']))
            .all(|(b, next)| b != b'\r' || next == b'\n');
    let mut best = (b',', 0usize, false);
    for &sep in b";,\t|" {
        let counts: Vec<usize> = if plain {
            sample
                .split('\n')
                .map(|l| l.bytes().filter(|&b| b == sep).count() + 1)
                .collect()
        } else {
            csv::ReaderBuilder::new()
                .delimiter(sep)
                .has_headers(false)
                .flexible(true)
                .from_reader(sample.as_bytes())
                .records()
                .filter_map(|r| r.ok())
                .map(|r| r.len())
                .collect()
        };
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

/// The first `lines` lines of a file (21: the header and the 20 lines the separator's
/// sniffing looks at), or the whole file when it has no more, cut after a line end (so
/// that no character is cut: `\n` is never inside one in UTF-8 or Windows-1251).
pub(crate) fn read_head(input: &str, path: &str, lines: usize) -> Result<Vec<u8>, DataError> {
    use std::io::Read;
    const HEAD: usize = 64 * 1024;
    let open_err = |e| read_error(input, path, e);
    let mut f = crate::paths::open_regular(std::path::Path::new(path)).map_err(open_err)?;
    let mut buf = Vec::new();
    loop {
        let want = (buf.len().max(HEAD / 2) * 2) as u64;
        let got = (&mut f)
            .take(want - buf.len() as u64)
            .read_to_end(&mut buf)
            .map_err(open_err)?;
        if got == 0 {
            return Ok(buf); // the whole file
        }
        // (UTF-16 files, rare and small, are read whole: a `\n` byte may be half a
        // character there)
        let utf16 = encoding_rs::Encoding::for_bom(&buf)
            .is_some_and(|(e, _)| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
        if let Some(end) = memchr::memchr_iter(b'\n', &buf).nth(lines - 1) {
            if !utf16 {
                buf.truncate(end + 1);
                return Ok(buf);
            }
        }
    }
}

/// NUL bytes without a byte-order mark: UTF-16 without a BOM, or not text at all.
pub(crate) fn refuse_binary(input: &str, path: &str, bytes: &[u8]) -> Result<(), DataError> {
    if bytes.contains(&0) && encoding_rs::Encoding::for_bom(bytes).is_none() {
        return Err(err(
            codes::ENCODING,
            input,
            path,
            t("d002-nul", &[]),
            Some(t("d002-nul-help", &[])),
        ));
    }
    Ok(())
}

/// The first part of a CSV file as text (enough for its header and first rows).
pub(crate) fn read_head_text(
    input: &str,
    path: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
    lines: usize,
) -> Result<String, DataError> {
    let bytes = read_head(input, path, lines.max(1))?;
    refuse_binary(input, path, &bytes)?;
    Ok(decode(&bytes, encoding, input, path)?.text.into_owned())
}

/// A CSV reader over `text`, separated by `sep`, and its header's column names (trimmed);
/// a header of no names is an empty file (D008). `flexible`: rows may have other numbers
/// of fields (for reading a sample of a file's head).
pub(crate) fn header_of<'t>(
    text: &'t str,
    sep: u8,
    flexible: bool,
    input: &str,
    path: &str,
) -> Result<(csv::Reader<&'t [u8]>, Vec<String>), DataError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(flexible)
        .from_reader(text.as_bytes());
    let cols: Vec<String> = rdr
        .headers()
        .map_err(|e| header_error(input, path, e))?
        .iter()
        .map(crate::data::header_name)
        .collect();
    if cols.iter().all(|c| c.is_empty()) {
        return Err(err(
            codes::EMPTY,
            input,
            path,
            t("d008-empty-file", &[]),
            None,
        ));
    }
    Ok((rdr, cols))
}

/// The column names of a CSV file.
pub fn read_csv_header(
    input: &str,
    path: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<String>, DataError> {
    let text = read_head_text(input, path, encoding, 21)?;
    let sep = sniff_separator(&text);
    let (skip, _) = title_block(&text, sep);
    Ok(header_of(&text[skip..], sep, true, input, path)?.1)
}

/// Where the wanted columns are in a file's rows.
pub(super) struct Layout<'a> {
    pub(super) w: &'a Wanted<'a>,
    pub(super) path: &'a str,
    pub(super) sep: u8,
    pub(super) width: usize,
    pub(super) key_ix: usize,
    pub(super) label_ix: Option<usize>,
    pub(super) col_ix: Vec<usize>,
    pub(super) text_ix: Vec<usize>,
}

/// The header of a file's text: where the wanted columns are, the byte where the rows
/// start, and the number of their first line.
pub(super) fn layout_of<'a>(
    path: &'a str,
    text: &str,
    encoding: &str,
    w: &'a Wanted<'a>,
) -> Result<(Layout<'a>, usize, u64), DataError> {
    let input = w.input;
    let sep = sniff_separator(text);
    let (skip, skipped_lines) = title_block(text, sep);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(false)
        .from_reader(&text.as_bytes()[skip..]);
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| header_error(input, path, e))?
        .iter()
        .map(crate::data::header_name)
        .collect();
    let body_at = rdr.position().clone();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in header.iter().enumerate() {
        if let Some(first) = seen.insert(c.as_str(), i) {
            return Err(err(
                codes::HEADER,
                input,
                path,
                t(
                    "d003-twice",
                    &[
                        ("column", c.into()),
                        ("first", (first + 1).to_string().into()),
                        ("second", (i + 1).to_string().into()),
                    ],
                ),
                Some(t("d003-twice-help", &[])),
            ));
        }
    }
    let find = |name: &str| -> Result<usize, DataError> {
        header.iter().position(|c| c == name).ok_or_else(|| {
            let hint = crate::diag::did_you_mean(name, header.iter().map(|s| s.as_str()));
            err(
                codes::HEADER,
                input,
                path,
                t(
                    "d003-no-column",
                    &[
                        ("column", name.into()),
                        ("encoding", encoding.into()),
                        ("separator", (sep as char).to_string().into()),
                    ],
                ),
                Some(hint.unwrap_or_else(|| t("d003-no-column-help", &[]))),
            )
        })
    };
    let layout = Layout {
        w,
        path,
        sep,
        width: header.len(),
        key_ix: find(w.key)?,
        label_ix: match w.label {
            Some(l) if w.label_required => Some(find(l)?),
            Some(l) => header.iter().position(|c| c == l),
            None => None,
        },
        col_ix: w
            .columns
            .iter()
            .map(|c| find(c))
            .collect::<Result<_, _>>()?,
        text_ix: w.texts.iter().map(|c| find(c)).collect::<Result<_, _>>()?,
    };
    Ok((
        layout,
        skip + body_at.byte() as usize,
        skipped_lines + body_at.line(),
    ))
}

/// The title block above a table's header, as Excel writes it to CSV («Сведения о …;;;»,
/// «Единица измерения: чел.;;;», blank lines): its bytes and lines. The header is the first
/// of the first 30 lines with two names at least and half as many filled fields as the
/// fullest of them; (0, 0) where that is the first line.
pub(crate) fn title_block(text: &str, sep: u8) -> (usize, u64) {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut lines: Vec<(usize, u64, u64)> = Vec::new();
    let mut record = csv::StringRecord::new();
    while lines.len() < 30 {
        match rdr.read_record(&mut record) {
            Ok(true) => {
                let filled = record.iter().filter(|f| !f.trim().is_empty()).count();
                let (byte, line) = record.position().map_or((0, 1), |p| (p.byte(), p.line()));
                lines.push((filled, byte, line));
            }
            _ => break,
        }
    }
    let widest = lines.iter().map(|(n, ..)| *n).max().unwrap_or(0);
    match lines.iter().find(|(n, ..)| *n >= 2 && n * 2 >= widest) {
        Some(&(_, byte, line)) if byte > 0 => (byte as usize, line.saturating_sub(1)),
        _ => (0, 0),
    }
}

/// A header the CSV reader cannot read.
pub(super) fn header_error(input: &str, path: &str, e: csv::Error) -> DataError {
    err(
        codes::HEADER,
        input,
        path,
        t("d003-unreadable", &[("why", e.to_string().into())]),
        None,
    )
}
