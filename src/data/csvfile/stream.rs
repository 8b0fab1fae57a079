//! A CSV file read as a stream of UTF-8 text, a part at a time, so that a record file of
//! ten million rows is never held whole (issue 35: 10M rows of 243 MB peaked at 1.72 GB
//! when read whole). The encoding is the one [`super::decode`] chooses for a whole file — a
//! byte-order mark, the encoding the methodology names, UTF-8, else the legacy encoding
//! told from the text — with the same refusals, found as the parts go by.
//!
//! UTF-8 is assumed until a byte says otherwise; then the file is read once more to gather
//! the evidence of its encoding ([`TextStream::guessed`]), and its rows are read again from
//! the start ([`RowVisitor::restart`]). No crate streams this choice (encoding_rs decodes
//! a part at a time but chooses nothing; chardetng guesses but does not decode), so the
//! stream is written here over both.

use super::decode::{first_invalid, guessed_note, unknown, Evidence};
use super::header::{header_error, sniff_separator};
use super::{err, read_error};
use crate::data::{codes, DataError, DataErrors};
use crate::i18n::t;
use std::io::Read;

/// Bytes read from the file at a time.
const PART: usize = 1 << 20;

/// Lines the separator is told from (the header and the lines after it).
const HEAD_LINES: usize = 200;

enum Mode {
    /// UTF-8 as written: checked and passed on. `named`: the methodology named UTF-8 (or
    /// the file begins with its byte-order mark), so a byte that is not UTF-8 is refused
    /// rather than guessed around.
    Utf8 { named: bool },
    /// Decoded from another encoding; `strict`: guessed, so a byte it cannot decode is
    /// refused (the guess was wrong).
    Decode {
        decoder: Box<encoding_rs::Decoder>,
        encoding: &'static encoding_rs::Encoding,
        strict: bool,
    },
}

/// Why a stream stopped early.
pub(crate) enum Failure {
    /// A byte that is not UTF-8 in a file whose encoding was not named: the file is to be
    /// read again by its evidence ([`TextStream::guessed`]).
    NotUtf8,
    /// A refusal (NUL bytes, a byte-order mark inside the text, a named encoding broken).
    Refused(DataError),
}

/// A file's text, as UTF-8 bytes, read a part at a time.
pub(crate) struct TextStream {
    input: String,
    path: String,
    file: std::fs::File,
    mode: Mode,
    /// NUL bytes are refused (there was no byte-order mark).
    refuse_nul: bool,
    /// Bytes read from the file and not yet passed on (the rest of a line).
    raw: Vec<u8>,
    eof: bool,
    /// Text passed on from `pos`.
    out: Vec<u8>,
    pos: usize,
    /// Lines before the text in `out`'s end, and bytes since the last line end (messages).
    lines: usize,
    column: usize,
    /// Why the stream stopped, when it did.
    pub failure: Option<Failure>,
    /// What reading assumed (an encoding told from the text, a byte-order mark).
    pub note: Option<crate::notes::Note>,
}

impl TextStream {
    /// The text of the file at `path`, in the encoding `declared` (when named).
    pub(crate) fn open(
        input: &str,
        path: &str,
        declared: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Self, DataError> {
        let mut file = crate::paths::open_regular(std::path::Path::new(path))
            .map_err(|e| read_error(input, path, e))?;
        let mut raw = Vec::with_capacity(PART);
        (&mut file)
            .take(4)
            .read_to_end(&mut raw)
            .map_err(|e| read_error(input, path, e))?;
        if raw.starts_with(&[0, 0, 0xFE, 0xFF]) || raw.starts_with(&[0xFF, 0xFE, 0, 0]) {
            return Err(err(
                codes::ENCODING,
                input,
                path,
                t("d002-utf32", &[]),
                Some(t("d002-utf32-help", &[])),
            ));
        }
        let (mode, refuse_nul, note) = match encoding_rs::Encoding::for_bom(&raw) {
            Some((enc, bom)) => {
                raw.drain(..bom);
                let note = (enc != encoding_rs::UTF_8).then(|| {
                    crate::notes::Note::new("note-bom", &[("encoding", enc.name().into())])
                });
                let mode = if enc == encoding_rs::UTF_8 {
                    Mode::Utf8 { named: true }
                } else {
                    Mode::Decode {
                        decoder: Box::new(enc.new_decoder_without_bom_handling()),
                        encoding: enc,
                        strict: false,
                    }
                };
                (mode, false, note)
            }
            None => match declared.filter(|e| *e != encoding_rs::UTF_8) {
                Some(enc) => (
                    Mode::Decode {
                        decoder: Box::new(enc.new_decoder_without_bom_handling()),
                        encoding: enc,
                        strict: false,
                    },
                    true,
                    None,
                ),
                None => (
                    Mode::Utf8 {
                        named: declared.is_some(),
                    },
                    true,
                    None,
                ),
            },
        };
        Ok(TextStream {
            input: input.to_string(),
            path: path.to_string(),
            file,
            mode,
            refuse_nul,
            raw,
            eof: false,
            out: Vec::new(),
            pos: 0,
            lines: 0,
            column: 0,
            failure: None,
            note,
        })
    }

    /// The text of a file that is not UTF-8 (and names no encoding): the file is read once
    /// to tell its encoding from its text, as [`super::decode`] does for a whole file, then
    /// decoded from its start.
    pub(crate) fn guessed(input: &str, path: &str) -> Result<Self, DataError> {
        let fail = |e| read_error(input, path, e);
        let mut file = crate::paths::open_regular(std::path::Path::new(path)).map_err(fail)?;
        let mut evidence = Evidence::new();
        let mut raw: Vec<u8> = Vec::with_capacity(2 * PART);
        loop {
            let want = (2 * PART - raw.len()) as u64;
            let got = (&mut file).take(want).read_to_end(&mut raw).map_err(fail)?;
            let eof = (got as u64) < want;
            // (a part ends at a line end, never inside a character)
            let end = match memchr::memrchr(b'\n', &raw) {
                Some(at) if !eof => at + 1,
                _ => raw.len(),
            };
            if memchr::memchr(0, &raw[..end]).is_some() {
                return Err(nul(input, path));
            }
            evidence.feed(&raw[..end], eof);
            raw.drain(..end);
            if eof {
                break;
            }
        }
        let enc = evidence.verdict(input, path)?;
        let mut stream = Self::open(input, path, Some(enc))?;
        if let Mode::Decode { strict, .. } = &mut stream.mode {
            *strict = true;
        }
        stream.note = Some(guessed_note(enc));
        Ok(stream)
    }

    /// Whether every byte of the file has been passed on.
    pub(crate) fn exhausted(&self) -> bool {
        self.eof && self.raw.is_empty() && self.pos == self.out.len()
    }

    /// The text ahead, holding `lines` lines at least (or the rest of the file): for
    /// telling the separator before the rows are read.
    pub(crate) fn peek_lines(&mut self, lines: usize) -> std::io::Result<&[u8]> {
        while memchr::memchr_iter(b'\n', &self.out[self.pos..]).count() < lines {
            if !self.more()? {
                break;
            }
        }
        Ok(&self.out[self.pos..])
    }

    /// Read the next part of the file into `out` (after what is there); false at its end.
    fn more(&mut self) -> std::io::Result<bool> {
        loop {
            if self.failure.is_some() {
                return Err(std::io::Error::other("the file was refused"));
            }
            if !self.eof && self.raw.len() < PART {
                let want = (2 * PART - self.raw.len()) as u64;
                let got = (&mut self.file).take(want).read_to_end(&mut self.raw)?;
                self.eof = (got as u64) < want;
            }
            if self.raw.is_empty() {
                return Ok(false);
            }
            let end = if self.eof {
                self.raw.len()
            } else {
                match memchr::memrchr(b'\n', &self.raw) {
                    Some(at) => at + 1,
                    // a line longer than a part: cut before a character's first byte
                    None => (self.raw.len().saturating_sub(4)..self.raw.len())
                        .rev()
                        .find(|&i| self.raw[i] & 0xC0 != 0x80)
                        .filter(|&i| i > 0)
                        .unwrap_or(self.raw.len()),
                }
            };
            let raw = std::mem::take(&mut self.raw);
            let last = self.eof && end == raw.len();
            let before = self.out.len();
            self.pass(&raw[..end], last);
            self.raw = raw;
            self.raw.drain(..end);
            if self.failure.is_some() {
                return Err(std::io::Error::other("the file was refused"));
            }
            if self.out.len() > before {
                return Ok(true);
            }
        }
    }

    /// Check a part and pass its text on.
    fn pass(&mut self, part: &[u8], last: bool) {
        if self.refuse_nul && memchr::memchr(0, part).is_some() {
            self.failure = Some(Failure::Refused(nul(&self.input, &self.path)));
            return;
        }
        let start = self.out.len();
        match &mut self.mode {
            Mode::Utf8 { named } => {
                if std::str::from_utf8(part).is_err() {
                    if !*named {
                        self.failure = Some(Failure::NotUtf8);
                        return;
                    }
                    let (line, col, byte) = first_invalid(part);
                    let col = if line == 1 { col + self.column } else { col };
                    self.failure = Some(Failure::Refused(err(
                        codes::ENCODING,
                        &self.input,
                        &self.path,
                        t(
                            "d002-named-utf8",
                            &[
                                ("line", (self.lines + line).to_string().into()),
                                ("column", col.to_string().into()),
                                ("byte", format!("0x{byte:02X}").into()),
                            ],
                        ),
                        Some(t("d002-named-utf8-help", &[])),
                    )));
                    return;
                }
                self.out.extend_from_slice(part);
            }
            Mode::Decode {
                decoder,
                encoding,
                strict,
            } => {
                let room = decoder
                    .max_utf8_buffer_length(part.len())
                    .unwrap_or(part.len() * 3 + 16);
                self.out.resize(start + room, 0);
                let (_, _, written, replaced) =
                    decoder.decode_to_utf8(part, &mut self.out[start..], last);
                self.out.truncate(start + written);
                if replaced && *strict {
                    self.failure =
                        Some(Failure::Refused(unknown(encoding, &self.input, &self.path)));
                    return;
                }
            }
        }
        let text = &self.out[start..];
        if let Some(at) = memchr::memmem::find(text, "\u{feff}".as_bytes()) {
            let line = self.lines + memchr::memchr_iter(b'\n', &text[..at]).count() + 1;
            self.failure = Some(Failure::Refused(err(
                codes::ENCODING,
                &self.input,
                &self.path,
                t("d002-inner-bom", &[("line", line.to_string().into())]),
                Some(t("d002-inner-bom-help", &[])),
            )));
            return;
        }
        self.lines += memchr::memchr_iter(b'\n', text).count();
        self.column = match memchr::memrchr(b'\n', text) {
            Some(at) => text.len() - at - 1,
            None => self.column + text.len(),
        };
    }
}

impl Read for TextStream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.out.len() {
            self.out.clear();
            self.pos = 0;
            if !self.more()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// A file with NUL bytes (and no byte-order mark).
fn nul(input: &str, path: &str) -> DataError {
    err(
        codes::ENCODING,
        input,
        path,
        t("d002-nul", &[]),
        Some(t("d002-nul-help", &[])),
    )
}

/// What is done with each row of a file read by [`visit_rows`].
pub(crate) trait RowVisitor {
    /// The header's names (folded as every header is), before any row.
    fn header(&mut self, names: &[String], sep: u8) -> Result<(), DataErrors>;
    /// A row and its line; false to stop reading.
    fn row(&mut self, line: u64, row: &csv::StringRecord) -> bool;
    /// A row the CSV reader cannot read (reading stops after it).
    fn bad_row(&mut self, line: u64, e: &csv::Error);
    /// Forget every row seen: the file is read again from its start (it was not UTF-8).
    fn restart(&mut self);
}

/// How a read ended.
pub(crate) struct Visited {
    /// What reading assumed (an encoding told from the text).
    pub note: Option<crate::notes::Note>,
}

/// Read a CSV file row by row as a stream: its encoding, its separator (told from its
/// first lines), its header, each row to `visitor`. `flexible`: rows may have other
/// numbers of fields. A file of nothing but white space is D008 with `empty_help`.
pub(crate) fn visit_rows(
    input: &str,
    path: &str,
    declared: Option<&'static encoding_rs::Encoding>,
    flexible: bool,
    empty_help: Option<String>,
    visitor: &mut dyn RowVisitor,
) -> Result<Visited, DataErrors> {
    let mut stream = TextStream::open(input, path, declared)?;
    let mut again = false;
    loop {
        if again {
            visitor.restart();
            stream = TextStream::guessed(input, path)?;
        }
        match visit_stream(&mut stream, flexible, empty_help.clone(), visitor) {
            Ok(()) => {
                return Ok(Visited {
                    note: stream.note.take(),
                })
            }
            Err(None) if !again => again = true,
            Err(None) => {
                // (cannot be: a guessed stream decodes, it never asks to be guessed)
                return Err(DataError::new(
                    codes::ENCODING,
                    input,
                    path,
                    t("d002-unknown", &[("encoding", "?".into())]),
                )
                .into());
            }
            Err(Some(e)) => return Err(e),
        }
    }
}

/// [`visit_rows`] over one stream; `Err(None)`: the file is not UTF-8, read it again.
fn visit_stream(
    stream: &mut TextStream,
    flexible: bool,
    empty_help: Option<String>,
    visitor: &mut dyn RowVisitor,
) -> Result<(), Option<DataErrors>> {
    let (input, path) = (stream.input.clone(), stream.path.clone());
    let failed = |stream: &mut TextStream, e: std::io::Error| -> Option<DataErrors> {
        match stream.failure.take() {
            Some(Failure::NotUtf8) => None,
            Some(Failure::Refused(d)) => Some(d.into()),
            None => Some(read_error(&input, &path, e).into()),
        }
    };
    let head = match stream.peek_lines(HEAD_LINES) {
        Ok(h) => h,
        Err(e) => return Err(failed(stream, e)),
    };
    let all_blank = head.iter().all(|b| b.is_ascii_whitespace());
    let sep = sniff_separator(std::str::from_utf8(head).unwrap_or(""));
    if all_blank && stream.exhausted() {
        return Err(Some(
            err(
                codes::EMPTY,
                &input,
                &path,
                t("d008-empty-file", &[]),
                empty_help,
            )
            .into(),
        ));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(flexible)
        .from_reader(&mut *stream);
    let header = match rdr.headers() {
        Ok(h) => h.iter().map(crate::data::header_name).collect::<Vec<_>>(),
        Err(e) => {
            drop(rdr);
            return Err(match stream.failure.is_some() {
                true => failed(stream, std::io::Error::other("")),
                false => Some(header_error(&input, &path, e).into()),
            });
        }
    };
    if header.iter().all(|c| c.is_empty()) {
        return Err(Some(
            err(codes::EMPTY, &input, &path, t("d008-empty-file", &[]), None).into(),
        ));
    }
    visitor.header(&header, sep).map_err(Some)?;
    let mut row = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                let line = row.position().map_or(0, |p| p.line());
                if !visitor.row(line, &row) {
                    break;
                }
            }
            Err(e) => {
                drop(rdr);
                if stream.failure.is_some() {
                    return Err(failed(stream, std::io::Error::other("")));
                }
                let line = e.position().map_or(0, |p| p.line());
                visitor.bad_row(line, &e);
                break;
            }
        }
    }
    Ok(())
}
