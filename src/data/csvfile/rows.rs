//! The rows: parsed in parts (on several threads for large files without quotes), every
//! problem noted, then merged in file order with the regions seen twice.

use super::err;
use super::header::Layout;
use crate::data::{codes, parse_number, region_name, DataError, DataErrors, Table};
use crate::i18n::t;

/// The rows of one part of a file, and its problems (a row with a problem is left out,
/// or kept with missing values where only its key matters).
pub(super) struct Part {
    pub(super) keys: Vec<String>,
    pub(super) labels: Vec<String>,
    /// One vector per wanted column; NaN where a value is missing.
    pub(super) values: Vec<Vec<f64>>,
    /// One vector per column read as text; `None` where a cell is empty.
    pub(super) texts: Vec<Vec<Option<String>>>,
    /// The line each row starts on.
    pub(super) lines: Vec<u64>,
    /// The part's problems (the first [`DataErrors::SHOWN`], and how many more).
    pub(super) problems: DataErrors,
}

/// Parts smaller than this are not worth a thread.
pub(super) const MIN_PART: usize = 1 << 20;

/// Split the body of a file into parts of about equal size at line ends, each with the
/// number of its first line. A file with quotes is one part: a quoted field may hold a
/// line end, which only a reader going from the start can tell.
pub(super) fn split_parts(body: &str, first_line: u64, parts: usize) -> Vec<(&str, u64)> {
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
    pub(super) fn error(
        &self,
        code: &'static str,
        line: u64,
        message: String,
        help: String,
    ) -> DataError {
        err(code, self.w.input, self.path, message, Some(help)).at_line(line)
    }

    /// Parse one part: every row, noting each problem.
    pub(super) fn parse(&self, text: &str, first_line: u64) -> Part {
        let n_cols = self.col_ix.len();
        // room for as many rows as the part has lines
        let guess = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
        let mut part = Part {
            keys: Vec::with_capacity(guess),
            labels: Vec::new(),
            values: (0..n_cols).map(|_| Vec::with_capacity(guess)).collect(),
            texts: vec![Vec::new(); self.text_ix.len()],
            lines: Vec::with_capacity(guess),
            problems: DataErrors::default(),
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
                    part.problems.push(self.error(
                        codes::ROW_SHAPE,
                        line,
                        t(
                            "d004-unreadable",
                            &[
                                ("line", line.to_string().into()),
                                ("why", e.to_string().into()),
                            ],
                        ),
                        t("d004-help", &[]),
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
    pub(super) fn row(&self, part: &mut Part, line: u64, record: &[&str]) {
        if record.len() != self.width {
            part.problems.push(self.error(
                codes::ROW_SHAPE,
                line,
                t(
                    "d004-width",
                    &[
                        ("line", line.to_string().into()),
                        ("fields", record.len().into()),
                        ("width", self.width.into()),
                    ],
                ),
                t("d004-help", &[]),
            ));
            return;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            return; // a blank line
        }
        let key = record[self.key_ix].trim();
        let label = self.label_ix.map(|i| record[i].trim());
        if key.is_empty() {
            part.problems.push(self.error(
                codes::NO_KEY,
                line,
                t(
                    "d005-message",
                    &[
                        ("line", line.to_string().into()),
                        ("key", self.w.key.into()),
                    ],
                ),
                t("d005-help", &[]),
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
                        t("cell-several-lines", &[])
                    } else {
                        e.what()
                    };
                    part.problems.push(self.error(
                        codes::NOT_A_NUMBER,
                        line,
                        t(
                            "d006-message",
                            &[
                                ("region", region_name(key, label).into()),
                                ("column", (&self.w.columns[j]).into()),
                                ("line", line.to_string().into()),
                                ("cell", shorten(cell.trim()).into()),
                                ("what", what.into()),
                            ],
                        ),
                        t("d006-help", &[]),
                    ));
                }
            }
        }
        for (j, &ci) in self.text_ix.iter().enumerate() {
            let cell = record[ci].trim();
            part.texts[j].push((!cell.is_empty()).then(|| cell.to_string()));
        }
        part.keys.push(key.to_string());
        part.lines.push(line);
        if let Some(l) = label {
            part.labels.push(l.to_string());
        }
    }
}

/// Parse rows in parts on up to `threads` threads, the parts in order.
pub(super) fn parse_parallel(
    layout: &Layout,
    body: &str,
    first_line: u64,
    threads: usize,
) -> Vec<Part> {
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

/// Join the parts in order; every problem of every part, and every region seen twice,
/// in file order.
pub(super) fn merge(layout: &Layout, parts: Vec<Part>) -> Result<Table, DataErrors> {
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
            t("d008-no-rows", &[]),
            None,
        )
        .into());
    };
    let (mut keys, mut lines, mut values) = (first.keys, first.lines, first.values);
    let mut texts = first.texts;
    let mut labels = layout.label_ix.map(|_| first.labels);
    let mut problems = first.problems;
    for v in &mut values {
        v.reserve(total - v.len());
    }
    keys.reserve(total - keys.len());
    for mut p in parts {
        problems.append(p.problems);
        keys.append(&mut p.keys);
        lines.append(&mut p.lines);
        if let Some(ls) = labels.as_mut() {
            ls.append(&mut p.labels);
        }
        for (all, mut v) in values.iter_mut().zip(p.values) {
            all.append(&mut v);
        }
        for (all, mut v) in texts.iter_mut().zip(p.texts) {
            all.append(&mut v);
        }
    }
    // the regions seen twice, capped on their own: they are placed among the others by line
    let mut twice = DataErrors::default();
    for (first, i) in crate::data::repeats(|| keys.iter().map(|k| k.as_str())) {
        let label = labels.as_ref().and_then(|l: &Vec<String>| l.get(i));
        twice.push(
            err(
                codes::DUPLICATE,
                w.input,
                layout.path,
                t(
                    "d007-message",
                    &[
                        (
                            "region",
                            region_name(&keys[i], label.map(|s| s.as_str())).into(),
                        ),
                        ("first", lines[first].to_string().into()),
                        ("second", lines[i].to_string().into()),
                    ],
                ),
                Some(t("d007-help", &[])),
            )
            .at_line(lines[i]),
        );
    }
    problems.append(twice);
    if !problems.is_empty() {
        return Err(problems.in_file_order());
    }
    if keys.is_empty() {
        return Err(err(
            codes::EMPTY,
            w.input,
            layout.path,
            t("d008-header-only", &[]),
            Some(t("d008-header-only-help", &[])),
        )
        .into());
    }
    Ok(Table {
        keys,
        labels,
        columns: w.columns.iter().cloned().zip(values).collect(),
        texts: w.texts.iter().cloned().zip(texts).collect(),
        note: None,
    })
}

/// A cell as shown in a message: at most 40 characters, on one line.
pub(crate) fn shorten(cell: &str) -> String {
    let one_line: String = cell
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let n = one_line.chars().count();
    if n <= 40 {
        one_line
    } else {
        let head: String = one_line.chars().take(30).collect();
        t("cell-long", &[("head", head.into()), ("n", n.into())])
    }
}
