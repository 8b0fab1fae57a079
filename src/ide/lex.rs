//! A forgiving tokenizer for editors: every byte of any text falls in a token or in
//! space, whether or not the text parses, so highlighting and completion work while a
//! line is half typed. The grammar (grammar/metodika.pest) stays the one judge of what
//! parses; tests hold this tokenizer to it on every example methodology.

use crate::diag::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// `# …` to the end of the line.
    Comment,
    /// `"…"`, escapes included; an unclosed string ends with its line.
    Str,
    /// `12`, `1_000`, `2.5e6`.
    Number,
    /// `80%`.
    Percent,
    /// `2025-03-31`.
    Date,
    /// A word: a keyword or a name.
    Word,
    /// An operator or punctuation: `{`, `==`, `..`, `+-`.
    Punct,
}

/// A token and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Tok,
    /// Where it is.
    pub span: Span,
}

/// The words that are keywords wherever they stand as words (not called: `round(x)` and
/// `missing(x)` are functions; after a `.` a word is a column).
pub const KEYWORDS: &[&str] = &[
    "methodology",
    "version",
    "effective",
    "key",
    "label",
    "note",
    "missing",
    "input",
    "encoding",
    "sheet",
    "header",
    "exclude",
    "records",
    "date",
    "unknown",
    "where",
    "period",
    "stock",
    "when",
    "indicator",
    "value",
    "better",
    "unit",
    "transform",
    "outliers",
    "normalize",
    "bands",
    "group",
    "score",
    "points",
    "weight",
    "rank",
    "round",
    "ties",
    "then",
    "else",
    "if",
    "zones",
    "top",
    "next",
    "otherwise",
    "rest",
    "uncertainty",
    "runs",
    "seed",
    "weights",
    "aggregate",
    "noise",
    "defaults",
    "higher",
    "lower",
    "asc",
    "desc",
    "and",
    "or",
    "not",
    "in",
];

/// Whether `w` is in [`KEYWORDS`].
pub fn is_keyword(w: &str) -> bool {
    KEYWORDS.contains(&w)
}

fn word_start(c: char) -> bool {
    c == '_' || unicode_ident::is_xid_start(c)
}

fn word_continue(c: char) -> bool {
    unicode_ident::is_xid_continue(c)
}

/// The tokens of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let start = i;
        let kind = if c.is_whitespace() || c == '\u{feff}' {
            i += c.len_utf8();
            continue;
        } else if c == '#' {
            i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            if b[start..i].ends_with(b"\r") {
                i -= 1;
            }
            Tok::Comment
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                i += if b[i] == b'\\' && i + 1 < b.len() && b[i + 1] != b'\n' {
                    2
                } else {
                    1
                };
            }
            if i < b.len() && b[i] == b'"' {
                i += 1;
            }
            while !text.is_char_boundary(i) {
                i += 1;
            }
            Tok::Str
        } else if c.is_ascii_digit() {
            number(text, &mut i)
        } else if word_start(c) {
            i += text[i..]
                .char_indices()
                .find(|&(_, c)| !word_continue(c))
                .map_or(text.len() - i, |(n, _)| n);
            Tok::Word
        } else {
            let two = text.get(i..i + 2).unwrap_or("");
            i += if ["==", "!=", "<=", ">=", "..", "+-"].contains(&two) {
                2
            } else {
                c.len_utf8()
            };
            Tok::Punct
        };
        out.push(Token {
            kind,
            span: Span::new(start, i),
        });
    }
    out
}

/// A number, percentage or date starting at `*i` (a digit); `*i` moves past it.
fn number(text: &str, i: &mut usize) -> Tok {
    let b = text.as_bytes();
    let digits = |i: &mut usize| {
        while *i < b.len()
            && (b[*i].is_ascii_digit()
                || (b[*i] == b'_' && *i + 1 < b.len() && b[*i + 1].is_ascii_digit()))
        {
            *i += 1;
        }
    };
    let start = *i;
    // a date: four digits, '-', two, '-', two
    let d = |k: usize| b.get(start + k).is_some_and(|c| c.is_ascii_digit());
    if (0..4).all(d)
        && b.get(start + 4) == Some(&b'-')
        && d(5)
        && d(6)
        && b.get(start + 7) == Some(&b'-')
        && d(8)
        && d(9)
        && !b
            .get(start + 10)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    {
        *i = start + 10;
        return Tok::Date;
    }
    digits(i);
    if b.get(*i) == Some(&b'.') && b.get(*i + 1).is_some_and(|c| c.is_ascii_digit()) {
        *i += 1;
        digits(i);
    }
    if matches!(b.get(*i), Some(b'e' | b'E')) {
        let mut k = *i + 1;
        if matches!(b.get(k), Some(b'+' | b'-')) {
            k += 1;
        }
        if b.get(k).is_some_and(|c| c.is_ascii_digit()) {
            *i = k;
            digits(i);
        }
    }
    if b.get(*i) == Some(&b'%') {
        *i += 1;
        return Tok::Percent;
    }
    Tok::Number
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Tok, &str)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.span.start..t.span.end]))
            .collect()
    }

    #[test]
    fn tokens_of_a_line_and_of_broken_text() {
        use Tok::*;
        assert_eq!(
            kinds("доля = data.ответы / 1_000 >= 80% # итог\n"),
            [
                (Word, "доля"),
                (Punct, "="),
                (Word, "data"),
                (Punct, "."),
                (Word, "ответы"),
                (Punct, "/"),
                (Number, "1_000"),
                (Punct, ">="),
                (Percent, "80%"),
                (Comment, "# итог"),
            ]
        );
        assert_eq!(
            kinds("\"не закрыта\nx 2025-03-31 2.5e-3 +-20% 1..2"),
            [
                (Str, "\"не закрыта"),
                (Word, "x"),
                (Date, "2025-03-31"),
                (Number, "2.5e-3"),
                (Punct, "+-"),
                (Percent, "20%"),
                (Number, "1"),
                (Punct, ".."),
                (Number, "2"),
            ]
        );
        // 𝔸 is a letter (XID_Start) outside the BMP
        assert_eq!(kinds("\"a\\\"b\" 𝔸"), [(Str, "\"a\\\"b\""), (Word, "𝔸")]);
    }
}
