//! CSV files: encoding, separator, header, rows.

use super::{codes, parse_number, region_name, DataError, DataErrors, Table, Wanted};
use std::borrow::Cow;
use std::collections::HashMap;

/// A file's text as decoded: the text, the encoding's name, and a note when the encoding
/// was neither UTF-8 nor named by the methodology (so the user can tell a guess).
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    pub note: Option<String>,
}

/// Fewer non-ASCII bytes than this in a file that is not UTF-8 are too little evidence to
/// tell its encoding: it must be named.
pub const MIN_EVIDENCE: usize = 8;

/// Decode a file's bytes: a byte-order mark first, then the encoding the methodology
/// names, then UTF-8; else the legacy encoding the text shows (chardetng's guess), when
/// there is enough of it to tell. UTF-32, UTF-8 with stray bytes, and a byte-order mark
/// inside the text are refused.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&'static encoding_rs::Encoding>,
    input: &str,
    path: &str,
) -> Result<Decoded<'a>, DataError> {
    let refuse = |m: String, h: &str| Err(err(codes::ENCODING, input, path, m, Some(h)));
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return refuse(
            "the file is UTF-32 text, which is not read".into(),
            "save it as UTF-8 (or UTF-16)",
        );
    }
    let decoded = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let note = (enc != encoding_rs::UTF_8).then(|| {
            format!(
                "read as {} (the file starts with its byte-order mark)",
                enc.name()
            )
        });
        Decoded {
            text,
            encoding: enc.name(),
            note,
        }
    } else if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        Decoded {
            text,
            encoding: enc.name(),
            note: None,
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => Decoded {
                text: Cow::Borrowed(s),
                encoding: "UTF-8",
                note: None,
            },
            Err(_) if declared.is_some() => {
                let (line, col, byte) = first_invalid(bytes);
                return refuse(
                    format!("the file is named UTF-8, but line {line}, column {col} has the byte 0x{byte:02X}, which is not UTF-8"),
                    "save the file as UTF-8, or name the encoding it is in: `encoding \"windows-1251\"`",
                );
            }
            Err(_) => guess(bytes, input, path)?,
        }
    };
    if let Some(at) = decoded.text.find('\u{feff}') {
        let line = decoded.text[..at].matches('\n').count() + 1;
        return refuse(
            format!("line {line} holds an invisible byte-order mark (U+FEFF) inside the text"),
            "remove it: it comes from joining files that each began with one",
        );
    }
    Ok(decoded)
}

/// Line, column (in bytes, from 1) and value of the first byte that is not UTF-8.
fn first_invalid(bytes: &[u8]) -> (usize, usize, u8) {
    let at = std::str::from_utf8(bytes)
        .err()
        .map(|e| e.valid_up_to())
        .unwrap_or(0);
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    (
        line,
        at - line_start + 1,
        bytes.get(at).copied().unwrap_or(0),
    )
}

/// The encoding of a file that is not UTF-8, by evidence: text that is UTF-8 but for a
/// few stray bytes is refused (naming the first), a legacy encoding is taken when the
/// text has enough non-ASCII bytes to tell it and decodes without error, else the user
/// must name it.
fn guess<'a>(bytes: &'a [u8], input: &str, path: &str) -> Result<Decoded<'a>, DataError> {
    let name_it =
        "name the encoding after the path: `input NAME \"file.csv\" encoding \"windows-1251\"` \
                   (or \"koi8-r\", \"ibm866\", …), or save the file as UTF-8";
    // UTF-8 with stray bytes: more well-formed multi-byte characters than bad bytes.
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    if good > 0 && good >= bad {
        let (line, col, byte) = first_invalid(bytes);
        return Err(err(
            codes::ENCODING,
            input,
            path,
            format!(
                "the file is UTF-8 but for {bad} invalid byte sequence(s); the first is the byte 0x{byte:02X} at line {line}, column {col}"
            ),
            Some("fix or remove the stray bytes (a file cut or joined in the middle of a character?), or name the encoding if it is not UTF-8"),
        ));
    }
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"ru"), chardetng::Utf8Detection::Deny);
    if non_ascii < MIN_EVIDENCE {
        return Err(err(
            codes::ENCODING,
            input,
            path,
            format!(
                "the file is not UTF-8, and its {non_ascii} non-ASCII byte(s) are too few to tell its encoding (perhaps {})",
                enc.name()
            ),
            Some(name_it),
        ));
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(err(
            codes::ENCODING,
            input,
            path,
            format!(
                "the file is not UTF-8, and its encoding cannot be told (not {} either)",
                enc.name()
            ),
            Some(name_it),
        ));
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
        note: Some(format!(
            "not UTF-8: read as {} (told from its text); `encoding \"{}\"` after the path says so",
            enc.name(),
            enc.name().to_lowercase()
        )),
    })
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

fn err(
    code: &'static str,
    input: &str,
    path: &str,
    message: String,
    help: Option<&str>,
) -> DataError {
    DataError::new(code, input, path, message).maybe_help(help)
}

/// A file that cannot be opened or read.
fn read_error(input: &str, path: &str, e: std::io::Error) -> DataError {
    let help = (e.kind() == std::io::ErrorKind::NotFound).then_some(
        "paths in a methodology are relative to its file; `--input NAME=PATH` names another file",
    );
    err(
        codes::UNREADABLE,
        input,
        path,
        format!("cannot read the file: {e}"),
        help,
    )
}

fn read_bytes(input: &str, path: &str) -> Result<Vec<u8>, DataError> {
    crate::paths::read_regular(std::path::Path::new(path)).map_err(|e| read_error(input, path, e))
}

/// The first lines of a file, enough for its header and the separator's sniffing: the
/// whole file when it is small, else its first 21 lines, cut after a line end (so that
/// no character is cut: `\n` is never inside one in UTF-8 or Windows-1251).
fn read_head(input: &str, path: &str) -> Result<Vec<u8>, DataError> {
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
        // 21 line ends: the header and the 20 lines the sniffer looks at
        // (UTF-16 files, rare and small, are read whole: a `\n` byte may be half a
        // character there)
        let utf16 = encoding_rs::Encoding::for_bom(&buf)
            .is_some_and(|(e, _)| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
        let ends: Vec<usize> = memchr::memchr_iter(b'\n', &buf).take(21).collect();
        if ends.len() == 21 && !utf16 {
            buf.truncate(ends[20] + 1);
            return Ok(buf);
        }
    }
}

/// NUL bytes without a byte-order mark: UTF-16 without a BOM, or not text at all.
fn refuse_binary(input: &str, path: &str, bytes: &[u8]) -> Result<(), DataError> {
    if bytes.contains(&0) && encoding_rs::Encoding::for_bom(bytes).is_none() {
        return Err(err(
            codes::ENCODING,
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
pub fn read_csv_header(
    input: &str,
    path: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<String>, DataError> {
    let bytes = read_head(input, path)?;
    refuse_binary(input, path, &bytes)?;
    let text = decode(&bytes, encoding, input, path)?.text;
    let sep = sniff_separator(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .from_reader(text.as_bytes());
    let h = rdr.headers().map_err(|e| {
        err(
            codes::HEADER,
            input,
            path,
            format!("cannot read the header: {e}"),
            None,
        )
    })?;
    let cols: Vec<String> = h.iter().map(|c| c.trim().to_string()).collect();
    if cols.iter().all(|c| c.is_empty()) {
        return Err(err(
            codes::EMPTY,
            input,
            path,
            "the file is empty".into(),
            None,
        ));
    }
    Ok(cols)
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

/// Where the wanted columns are in a file's rows.
struct Layout<'a> {
    w: &'a Wanted<'a>,
    path: &'a str,
    sep: u8,
    width: usize,
    key_ix: usize,
    label_ix: Option<usize>,
    col_ix: Vec<usize>,
}

/// The rows of one part of a file, and its problems (a row with a problem is left out,
/// or kept with missing values where only its key matters).
struct Part {
    keys: Vec<String>,
    labels: Vec<String>,
    /// One vector per wanted column; NaN where a value is missing.
    values: Vec<Vec<f64>>,
    /// The line each row starts on.
    lines: Vec<u64>,
    /// The part's problems, at most [`DataErrors::SHOWN`] of them.
    errors: Vec<DataError>,
    /// How many problems the part has in all.
    problems: usize,
}

impl Part {
    fn problem(&mut self, e: DataError) {
        self.problems += 1;
        if self.errors.len() < DataErrors::SHOWN {
            self.errors.push(e);
        }
    }
}

/// Parts smaller than this are not worth a thread.
const MIN_PART: usize = 1 << 20;

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

/// Split the body of a file into parts of about equal size at line ends, each with the
/// number of its first line. A file with quotes is one part: a quoted field may hold a
/// line end, which only a reader going from the start can tell.
fn split_parts(body: &str, first_line: u64, parts: usize) -> Vec<(&str, u64)> {
    let bytes = body.as_bytes();
    if parts <= 1 || bytes.len() < 2 * MIN_PART || memchr::memchr(b'"', bytes).is_some() {
        return vec![(body, first_line)];
    }
    let parts = parts.min(bytes.len() / MIN_PART);
    let mut out = Vec::with_capacity(parts);
    let (mut from, mut line) = (0usize, first_line);
    for k in 1..=parts {
        let to = if k == parts {
            bytes.len()
        } else {
            let target = (bytes.len() * k / parts).max(from);
            match memchr::memchr(b'\n', &bytes[target..]) {
                Some(i) => target + i + 1,
                None => bytes.len(),
            }
        };
        if to > from {
            out.push((&body[from..to], line));
            line += memchr::memchr_iter(b'\n', &bytes[from..to]).count() as u64;
            from = to;
        }
    }
    out
}

impl Layout<'_> {
    fn error(&self, code: &'static str, line: u64, message: String, help: &str) -> DataError {
        err(code, self.w.input, self.path, message, Some(help)).at_line(line)
    }

    /// Parse one part: every row, noting each problem.
    fn parse(&self, text: &str, first_line: u64) -> Part {
        let n_cols = self.col_ix.len();
        // room for as many rows as the part has lines
        let guess = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
        let mut part = Part {
            keys: Vec::with_capacity(guess),
            labels: Vec::new(),
            values: (0..n_cols).map(|_| Vec::with_capacity(guess)).collect(),
            lines: Vec::with_capacity(guess),
            errors: Vec::new(),
            problems: 0,
        };
        let bytes = text.as_bytes();
        let plain = memchr::memchr(b'"', bytes).is_none()
            && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'));
        if plain {
            // No quotes and no lone carriage returns: a row is a line, its fields are
            // between separators (what the CSV reader makes of such text, faster).
            let mut fields: Vec<&str> = Vec::with_capacity(self.width);
            for (this, l) in (first_line..).zip(text.split('\n')) {
                let l = l.strip_suffix('\r').unwrap_or(l);
                if l.is_empty() {
                    continue; // an empty line is no row
                }
                fields.clear();
                fields.extend(l.split(self.sep as char));
                self.row(&mut part, this, &fields);
            }
            return part;
        }
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(self.sep)
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    // (the reader cannot go on after it)
                    let line = e.position().map(|p| p.line()).unwrap_or(1) + first_line - 1;
                    part.problem(self.error(
                        codes::ROW_SHAPE,
                        line,
                        format!("line {line}: {e}"),
                        "check for a stray separator or an unclosed quote on that line",
                    ));
                    break;
                }
            }
            let line = record.position().map(|p| p.line()).unwrap_or(1) + first_line - 1;
            let fields: Vec<&str> = record.iter().collect();
            self.row(&mut part, line, &fields);
        }
        part
    }

    /// One row into the part, or its problems into the part's: a row of another width or
    /// without a key is left out; a row with cells that are not numbers is kept with its
    /// key (so that a region twice is found too) and every problem of its cells noted.
    fn row(&self, part: &mut Part, line: u64, record: &[&str]) {
        if record.len() != self.width {
            part.problem(self.error(
                codes::ROW_SHAPE,
                line,
                format!(
                    "line {line} has {} fields, the header has {}",
                    record.len(),
                    self.width
                ),
                "check for a stray separator or an unclosed quote on that line",
            ));
            return;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            return; // a blank line
        }
        let key = record[self.key_ix].trim();
        let label = self.label_ix.map(|i| record[i].trim());
        if key.is_empty() {
            part.problem(self.error(
                codes::NO_KEY,
                line,
                format!(
                    "line {line} has no value in the key column `{}`",
                    self.w.key
                ),
                "every row needs the region's key",
            ));
            return;
        }
        for (j, &ci) in self.col_ix.iter().enumerate() {
            let cell = record[ci];
            match parse_number(cell) {
                Ok(v) => part.values[j].push(v.unwrap_or(f64::NAN)),
                Err(e) => {
                    part.values[j].push(f64::NAN);
                    let what = if cell.contains('\n') {
                        "spans several lines: is a quote left open?"
                    } else {
                        e.what()
                    };
                    part.problem(self.error(
                        codes::NOT_A_NUMBER,
                        line,
                        format!(
                            "region {}, column `{}` (line {line}): `{}` {what}",
                            region_name(key, label),
                            self.w.columns[j],
                            shorten(cell.trim())
                        ),
                        "numbers may use a decimal comma or point; leave the cell empty or write `-` or `н/д` when there is no value",
                    ));
                }
            }
        }
        part.keys.push(key.to_string());
        part.lines.push(line);
        if let Some(l) = label {
            part.labels.push(l.to_string());
        }
    }
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
            "the file is empty".into(),
            Some("export the table with its header row and one row per region"),
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

/// The header of a file's text: where the wanted columns are, the byte where the rows
/// start, and the number of their first line.
fn layout_of<'a>(
    path: &'a str,
    text: &str,
    encoding: &str,
    w: &'a Wanted<'a>,
) -> Result<(Layout<'a>, usize, u64), DataError> {
    let input = w.input;
    let sep = sniff_separator(text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| {
            err(
                codes::HEADER,
                input,
                path,
                format!("cannot read the header: {e}"),
                None,
            )
        })?
        .iter()
        .map(|c| c.trim().to_string())
        .collect();
    let body_at = rdr.position().clone();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in header.iter().enumerate() {
        if let Some(first) = seen.insert(c.as_str(), i) {
            return Err(err(
                codes::HEADER,
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
                codes::HEADER,
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
    };
    Ok((layout, body_at.byte() as usize, body_at.line()))
}

/// Parse rows in parts on up to `threads` threads, the parts in order.
fn parse_parallel(layout: &Layout, body: &str, first_line: u64, threads: usize) -> Vec<Part> {
    let pieces = split_parts(body, first_line, threads);
    if pieces.len() == 1 {
        return vec![layout.parse(pieces[0].0, pieces[0].1)];
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = pieces
            .iter()
            .map(|&(t, l)| s.spawn(move || layout.parse(t, l)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a CSV part reader panicked"))
            .collect()
    })
}

/// Files larger than this are read in blocks of this size, when they can be.
const BLOCK: usize = 16 << 20;

/// Read up to `want` more bytes into `buf`; the number read (0 at the end of the file).
fn fill(f: &mut std::fs::File, buf: &mut Vec<u8>, want: usize) -> std::io::Result<usize> {
    use std::io::Read;
    let before = buf.len();
    f.take(want as u64).read_to_end(buf)?;
    Ok(buf.len() - before)
}

/// Read another block; the end of the whole lines now in `buf` (all of it at the end of
/// the file), `None` when nothing is left. A line longer than a block is read whole.
fn fill_lines(
    f: &mut std::fs::File,
    buf: &mut Vec<u8>,
    block: usize,
) -> std::io::Result<Option<usize>> {
    loop {
        if fill(f, buf, block)? == 0 {
            return Ok((!buf.is_empty()).then_some(buf.len()));
        }
        if let Some(i) = memchr::memrchr(b'\n', buf) {
            return Ok(Some(i + 1));
        }
    }
}

/// A block is read as it is when it is UTF-8 text without quotes or NUL bytes: then
/// every line end ends a row, and its text is what the whole file's decoding gives.
fn plain_block(bytes: &[u8]) -> Option<&str> {
    // quotes, NULs and byte-order marks inside the text are for the whole-file reader
    if memchr::memchr2(b'"', 0, bytes).is_some()
        || memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_some()
    {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// Read a large file block by block, the rows of each block in parts on several threads,
/// so that the whole file is never in memory. `Ok(None)` when the file is not plain
/// UTF-8 text without quotes (then it is read whole, as small files are): the decision
/// and the rows are the same as reading it whole.
/// (Public, with the block's size, for the tests.)
#[doc(hidden)]
pub fn read_csv_blocks(
    path: &str,
    w: &Wanted,
    threads: usize,
    block: usize,
) -> Result<Option<Table>, DataErrors> {
    let io = |e| read_error(w.input, path, e);
    if w.encoding.is_some_and(|e| e != encoding_rs::UTF_8) {
        return Ok(None);
    }
    let mut f = crate::paths::open_regular(std::path::Path::new(path)).map_err(io)?;
    let mut buf: Vec<u8> = Vec::with_capacity(block + (1 << 20));
    // The first block's whole lines hold the header.
    let Some(mut end) = fill_lines(&mut f, &mut buf, block).map_err(io)? else {
        return Ok(None);
    };
    let bom = if buf.starts_with(b"\xEF\xBB\xBF") {
        3
    } else if encoding_rs::Encoding::for_bom(&buf).is_some() {
        return Ok(None); // UTF-16
    } else {
        0
    };
    let Some(text) = plain_block(&buf[bom.min(end)..end]) else {
        return Ok(None);
    };
    // (the separator is sniffed from the first 20 lines: they must all be here)
    if text.trim().is_empty()
        || memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(20)
            .is_none()
    {
        return Ok(None);
    }
    let (layout, body_at, mut line) = layout_of(path, text, "UTF-8", w)?;
    let mut parts: Vec<Part> = Vec::new();
    let mut start = bom + body_at;
    loop {
        let text = std::str::from_utf8(&buf[start..end]).unwrap_or_default();
        let lines_here = memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
        let new = parse_parallel(&layout, text, line, threads);
        line += lines_here;
        parts.extend(new);
        buf.drain(..end);
        // The next block, after what is left of this one.
        match fill_lines(&mut f, &mut buf, block).map_err(io)? {
            Some(e) => end = e,
            None => break,
        }
        start = 0;
        if plain_block(&buf[..end]).is_none() {
            return Ok(None);
        }
    }
    crate::timing::mark("csv: blocks parsed");
    let t = merge(&layout, parts);
    crate::timing::mark("csv: parts merged");
    t.map(Some)
}

/// Join the parts in order; every problem of every part, and every region seen twice,
/// in file order.
fn merge(layout: &Layout, parts: Vec<Part>) -> Result<Table, DataErrors> {
    let w = layout.w;
    let total: usize = parts.iter().map(|p| p.keys.len()).sum();
    // The first part's vectors grow to hold the others (often without moving: they
    // were given room for more rows than a part has).
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Err(err(
            codes::EMPTY,
            w.input,
            layout.path,
            "the table has no rows".into(),
            None,
        )
        .into());
    };
    let (mut keys, mut lines, mut values) = (first.keys, first.lines, first.values);
    let mut labels = layout.label_ix.map(|_| first.labels);
    let mut errors = first.errors;
    let mut problems = first.problems;
    for v in &mut values {
        v.reserve(total - v.len());
    }
    keys.reserve(total - keys.len());
    for mut p in parts {
        errors.append(&mut p.errors);
        problems += p.problems;
        keys.append(&mut p.keys);
        lines.append(&mut p.lines);
        if let Some(ls) = labels.as_mut() {
            ls.append(&mut p.labels);
        }
        for (all, mut v) in values.iter_mut().zip(p.values) {
            all.append(&mut v);
        }
    }
    let repeats = super::repeats(|| keys.iter().map(|k| k.as_str()));
    problems += repeats.len();
    for (first, i) in repeats.into_iter().take(DataErrors::SHOWN) {
        let label = labels.as_ref().and_then(|l: &Vec<String>| l.get(i));
        errors.push(
            err(
                codes::DUPLICATE,
                w.input,
                layout.path,
                format!(
                    "region {} appears twice (lines {} and {})",
                    region_name(&keys[i], label.map(|s| s.as_str())),
                    lines[first],
                    lines[i]
                ),
                Some("each region must have exactly one row"),
            )
            .at_line(lines[i]),
        );
    }
    if !errors.is_empty() {
        let mut e = DataErrors::from_list(errors, 0);
        e.not_shown = problems.saturating_sub(e.errors.len());
        return Err(e);
    }
    if keys.is_empty() {
        return Err(err(
            codes::EMPTY,
            w.input,
            layout.path,
            "the table has a header but no rows".into(),
            Some("export one row per region"),
        )
        .into());
    }
    Ok(Table {
        keys,
        labels,
        columns: w.columns.iter().cloned().zip(values).collect(),
        note: None,
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
