//! Comments are not part of the tree; `fmt` puts them back from this list.

use crate::syntax::ast::Span;

/// A comment as written, with where it is (the formatter keeps comments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The span of the comment, `#` included, newline excluded.
    pub span: Span,
    /// The text after `#`, trailing whitespace removed.
    pub text: String,
    /// True when code stands before it on the same line.
    pub trailing: bool,
}

/// All comments of a file that parsed (so strings are well formed).
pub fn collect(src: &str) -> Vec<Comment> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut code_on_line = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                code_on_line = true;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'#' => {
                // a comment ends where pest's NEWLINE begins: `\n`, `\r\n` or `\r`
                let start = i;
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                let text = src[start + 1..i].trim_end().to_string();
                out.push(Comment {
                    span: Span::new(start, i),
                    text,
                    trailing: code_on_line,
                });
            }
            b'\n' | b'\r' => {
                code_on_line = false;
                i += 1;
            }
            b' ' | b'\t' => i += 1,
            _ => {
                code_on_line = true;
                i += 1;
            }
        }
    }
    out
}
