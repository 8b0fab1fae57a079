//! Stage 1: text → [`ast::Module`]. Only `parser` knows pest's types.

pub mod ast;
pub mod comments;
mod limits;
mod parser;
pub mod walk;

pub use limits::{MAX_DEPTH, MAX_FILE_BYTES, MAX_OPERATORS};
pub use parser::{is_name, is_word, parse, parse_padded};

/// A column's name as it is written: bare where it is a word, else its header quoted
/// (`"Численность населения, чел."`).
pub fn column_text(name: &str) -> String {
    if is_word(name) {
        name.to_string()
    } else {
        string_text(name)
    }
}

/// A string as a literal of the language: quoted, with `"`, `\\`, line breaks and tabs
/// escaped.
pub fn string_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
