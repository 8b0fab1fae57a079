//! Limits that keep hostile files harmless: checked before pest sees the text, so that
//! no input can exhaust the stack.

use crate::diag::Diagnostic;
use crate::syntax::ast::Span;

/// How deep brackets, prefix operators and `if`s may nest.
pub const MAX_DEPTH: usize = 64;
/// The largest methodology file accepted (a 500-line methodology is about 25 KB).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Refuse text that is too large or nests too deeply, with one diagnostic.
pub fn check(src: &str) -> Option<Diagnostic> {
    if src.len() > MAX_FILE_BYTES {
        return Some(
            Diagnostic::error(
                "E006",
                format!(
                    "the file is too large ({} bytes; the limit is {} bytes)",
                    src.len(),
                    MAX_FILE_BYTES
                ),
            )
            .help("a methodology is a few hundred lines; is this the right file?"),
        );
    }
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut ifs = 0usize;
    let mut prefix_run = 0usize;
    let mut i = 0;
    // Whether the previous token ended an operand (then `-` is binary).
    let mut after_operand = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                after_operand = true;
                prefix_run = 0;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'(' | b'{' => {
                depth += 1;
                after_operand = false;
                prefix_run = 0;
                if depth > MAX_DEPTH {
                    return Some(too_deep(i, "brackets"));
                }
            }
            b')' | b'}' => {
                depth = depth.saturating_sub(1);
                if c == b'}' {
                    ifs = 0;
                }
                after_operand = true;
                prefix_run = 0;
            }
            b'-' if !after_operand => {
                prefix_run += 1;
                if prefix_run > MAX_DEPTH {
                    return Some(too_deep(i, "prefix operators"));
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || bytes[i] == b'_'
                        || bytes[i] == b'.'
                        || bytes[i] >= 0x80)
                {
                    i += 1;
                }
                let word = &src[start..i];
                match word {
                    "not" => {
                        prefix_run += 1;
                        after_operand = false;
                        if prefix_run > MAX_DEPTH {
                            return Some(too_deep(start, "prefix operators"));
                        }
                    }
                    "if" => {
                        ifs += 1;
                        after_operand = false;
                        prefix_run = 0;
                        if ifs > MAX_DEPTH * 4 {
                            return Some(too_deep(start, "`if` expressions"));
                        }
                    }
                    "and" | "or" | "then" | "else" | "when" => {
                        after_operand = false;
                        prefix_run = 0;
                    }
                    _ => {
                        after_operand = true;
                        prefix_run = 0;
                    }
                }
                continue;
            }
            _ => {
                after_operand = false;
                prefix_run = 0;
            }
        }
        i += 1;
    }
    None
}

fn too_deep(at: usize, what: &str) -> Diagnostic {
    Diagnostic::error("E002", format!("{what} nest too deeply"))
        .at(
            Span::new(at, at + 1),
            format!("more than {MAX_DEPTH} levels deep here"),
        )
        .help("split the expression into several indicators or simplify it")
}
