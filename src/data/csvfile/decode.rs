//! A file's bytes to text: a byte-order mark, the encoding the methodology names, UTF-8,
//! or a legacy encoding told from the text (chardetng) when there is enough of it.

use super::err;
use crate::data::{codes, DataError};
use crate::i18n::t;
use std::borrow::Cow;

/// A file's text as decoded: the text, the encoding's name, and a note when the encoding
/// was neither UTF-8 nor named by the methodology (so the user can tell a guess).
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    pub note: Option<crate::notes::Note>,
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
    let refuse = |m: String, h: String| Err(err(codes::ENCODING, input, path, m, Some(h)));
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return refuse(t("d002-utf32", &[]), t("d002-utf32-help", &[]));
    }
    let decoded = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let note = (enc != encoding_rs::UTF_8)
            .then(|| crate::notes::Note::new("note-bom", &[("encoding", enc.name().into())]));
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
                    t(
                        "d002-named-utf8",
                        &[
                            ("line", line.to_string().into()),
                            ("column", col.to_string().into()),
                            ("byte", format!("0x{byte:02X}").into()),
                        ],
                    ),
                    t("d002-named-utf8-help", &[]),
                );
            }
            Err(_) => guess(bytes, input, path)?,
        }
    };
    if let Some(at) = decoded.text.find('\u{feff}') {
        let line = decoded.text[..at].matches('\n').count() + 1;
        return refuse(
            t("d002-inner-bom", &[("line", line.to_string().into())]),
            t("d002-inner-bom-help", &[]),
        );
    }
    Ok(decoded)
}

/// Line, column (in bytes, from 1) and value of the first byte that is not UTF-8.
pub(super) fn first_invalid(bytes: &[u8]) -> (usize, usize, u8) {
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
pub(super) fn guess<'a>(
    bytes: &'a [u8],
    input: &str,
    path: &str,
) -> Result<Decoded<'a>, DataError> {
    let mut evidence = Evidence::new();
    evidence.feed(bytes, true);
    let enc = evidence.verdict(input, path)?;
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(unknown(enc, input, path));
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
        note: Some(guessed_note(enc)),
    })
}

/// The note that a file's encoding was told from its text.
pub(super) fn guessed_note(enc: &'static encoding_rs::Encoding) -> crate::notes::Note {
    crate::notes::Note::new(
        "note-guessed",
        &[
            ("encoding", enc.name().into()),
            ("label", enc.name().to_lowercase().into()),
        ],
    )
}

/// A file that the guessed encoding cannot decode.
pub(super) fn unknown(enc: &'static encoding_rs::Encoding, input: &str, path: &str) -> DataError {
    err(
        codes::ENCODING,
        input,
        path,
        t("d002-unknown", &[("encoding", enc.name().into())]),
        Some(t("d002-name-it-help", &[])),
    )
}

/// What a file's bytes tell of its encoding, gathered part by part (a large file is read
/// as a stream; each part must end between characters, as a part ending at a line end
/// does in UTF-8 and in the one-byte encodings).
pub(super) struct Evidence {
    /// Well-formed multi-byte UTF-8 characters.
    good: usize,
    /// Runs of bytes that are not UTF-8.
    bad: usize,
    /// Bytes that are not ASCII.
    non_ascii: usize,
    /// The first byte that is not UTF-8: line, column (in bytes), value.
    first: Option<(usize, usize, u8)>,
    /// Lines before the part fed next, and bytes since the last line end.
    lines: usize,
    column: usize,
    detector: chardetng::EncodingDetector,
}

impl Evidence {
    pub(super) fn new() -> Self {
        Evidence {
            good: 0,
            bad: 0,
            non_ascii: 0,
            first: None,
            lines: 0,
            column: 0,
            detector: chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny),
        }
    }

    /// The next part of the file (`last`: the end of it).
    pub(super) fn feed(&mut self, part: &[u8], last: bool) {
        for chunk in part.utf8_chunks() {
            self.good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
            self.bad += usize::from(!chunk.invalid().is_empty());
        }
        if self.first.is_none() && std::str::from_utf8(part).is_err() {
            let (line, col, byte) = first_invalid(part);
            let col = if line == 1 { col + self.column } else { col };
            self.first = Some((self.lines + line, col, byte));
        }
        let newlines = memchr::memchr_iter(b'\n', part).count();
        self.lines += newlines;
        self.column = match memchr::memrchr(b'\n', part) {
            Some(at) => part.len() - at - 1,
            None => self.column + part.len(),
        };
        self.non_ascii += part.iter().filter(|b| !b.is_ascii()).count();
        self.detector.feed(part, last);
    }

    /// The encoding the evidence shows, or why none can be told.
    pub(super) fn verdict(
        self,
        input: &str,
        path: &str,
    ) -> Result<&'static encoding_rs::Encoding, DataError> {
        // UTF-8 with stray bytes: more well-formed multi-byte characters than bad bytes.
        if self.good > 0 && self.good >= self.bad {
            let (line, col, byte) = self.first.unwrap_or((1, 1, 0));
            return Err(err(
                codes::ENCODING,
                input,
                path,
                t(
                    "d002-stray",
                    &[
                        ("bad", self.bad.into()),
                        ("byte", format!("0x{byte:02X}").into()),
                        ("line", line.to_string().into()),
                        ("column", col.to_string().into()),
                    ],
                ),
                Some(t("d002-stray-help", &[])),
            ));
        }
        let enc = self
            .detector
            .guess(Some(b"ru"), chardetng::Utf8Detection::Deny);
        if self.non_ascii < MIN_EVIDENCE {
            return Err(err(
                codes::ENCODING,
                input,
                path,
                t(
                    "d002-too-few",
                    &[
                        ("n", self.non_ascii.into()),
                        ("encoding", enc.name().into()),
                    ],
                ),
                Some(t("d002-name-it-help", &[])),
            ));
        }
        Ok(enc)
    }
}
