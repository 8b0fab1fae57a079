//! Limits that keep hostile files harmless: checked before pest sees the text, so that
//! no input can exhaust the stack.

use crate::diag::Diagnostic;
use crate::i18n::t;
use crate::syntax::ast::{Expr, ExprKind, Module, Span};

/// How deep brackets, prefix operators and `if`s may nest.
pub const MAX_DEPTH: usize = 64;
/// The largest methodology file accepted (a 500-line methodology is about 25 KB).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// How many binary operators one expression may hold. The parser recurses once per
/// operator of a right-associative chain (`2 ^ 2 ^ … ^ 2`), so this bounds its depth
/// before it starts; trees deeper than `MAX_DEPTH` × 4 are refused after parsing anyway.
pub const MAX_OPERATORS: usize = 1024;

/// Refuse text that is too large or nests too deeply, with one diagnostic.
pub fn check(src: &str) -> Option<Diagnostic> {
    if src.len() > MAX_FILE_BYTES {
        return Some(
            Diagnostic::error(
                "E006",
                t(
                    "e006-text",
                    &[
                        ("size", src.len().into()),
                        ("limit", (MAX_FILE_BYTES as u64).into()),
                    ],
                ),
            )
            .help(t("e006-help", &[])),
        );
    }
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut ifs = 0usize;
    let mut prefix_run = 0usize;
    let mut i = 0;
    // Whether the previous token ended an operand (then `-` is binary).
    let mut after_operand = false;
    // Binary operators since the expression began: it begins where an operand follows
    // an operand (`value = a + b` ⏎ `better …`), at a string, a brace, `:` or a lone `=`.
    let mut chain = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        // an infix operator: one more link in the chain
        let infix = after_operand && b"+-*/^<>=!".contains(&c);
        if infix {
            let lone_eq = c == b'=' && bytes.get(i + 1) != Some(&b'=');
            if lone_eq {
                chain = 0;
            } else {
                chain += 1;
                if chain > MAX_OPERATORS {
                    return Some(too_long(i));
                }
                // `==`, `<=`, `>=`, `!=`: one operator
                if bytes.get(i + 1) == Some(&b'=') {
                    i += 1;
                }
            }
            after_operand = false;
            prefix_run = 0;
            i += 1;
            continue;
        }
        match c {
            b'"' => {
                chain = 0;
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
                if c == b'{' {
                    chain = 0;
                }
                depth += 1;
                after_operand = false;
                prefix_run = 0;
                if depth > MAX_DEPTH {
                    return Some(too_deep(i, "e002-brackets"));
                }
            }
            b')' | b'}' => {
                depth = depth.saturating_sub(1);
                if c == b'}' {
                    ifs = 0;
                    chain = 0;
                }
                after_operand = true;
                prefix_run = 0;
            }
            b'-' if !after_operand => {
                prefix_run += 1;
                if prefix_run > MAX_DEPTH {
                    return Some(too_deep(i, "e002-prefix"));
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
                // the exponent of `1e-3`: part of the number, not an operator
                if bytes[start].is_ascii_digit()
                    && matches!(bytes[i - 1], b'e' | b'E')
                    && matches!(bytes.get(i), Some(b'+' | b'-'))
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit())
                {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                let word = &src[start..i];
                match word {
                    "not" => {
                        prefix_run += 1;
                        after_operand = false;
                        if prefix_run > MAX_DEPTH {
                            return Some(too_deep(start, "e002-prefix"));
                        }
                    }
                    "if" => {
                        ifs += 1;
                        after_operand = false;
                        prefix_run = 0;
                        if ifs > MAX_DEPTH * 4 {
                            return Some(too_deep(start, "e002-if"));
                        }
                    }
                    "and" | "or" | "then" | "else" | "when" => {
                        if after_operand && matches!(word, "and" | "or") {
                            chain += 1;
                            if chain > MAX_OPERATORS {
                                return Some(too_long(start));
                            }
                        }
                        after_operand = false;
                        prefix_run = 0;
                    }
                    _ => {
                        if after_operand {
                            // an operand after an operand: a new expression
                            chain = 0;
                        }
                        after_operand = true;
                        prefix_run = 0;
                    }
                }
                continue;
            }
            b'%' => {
                // `30%` ends an operand
                after_operand = true;
                prefix_run = 0;
            }
            b':' => {
                chain = 0;
                after_operand = false;
                prefix_run = 0;
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

fn too_long(at: usize) -> Diagnostic {
    Diagnostic::error("E002", t("e002-long", &[]))
        .at(
            Span::new(at, at + 1),
            t(
                "e002-long-label",
                &[("n", MAX_OPERATORS.to_string().into())],
            ),
        )
        .help(t("e002-help", &[]))
}

fn too_deep(at: usize, what: &str) -> Diagnostic {
    Diagnostic::error("E002", t(what, &[]))
        .at(
            Span::new(at, at + 1),
            t("e002-deep-label", &[("n", MAX_DEPTH.to_string().into())]),
        )
        .help(t("e002-help", &[]))
}

/// The deepest expression nesting in the module, refused past [`MAX_DEPTH`] × 4
/// (long left-nested sums such as `a + b + … + z` are legitimate and count one level
/// per operator).
pub fn depth_check(m: &Module) -> Option<Diagnostic> {
    let limit = MAX_DEPTH * 4;
    let mut worst: Option<(usize, Span)> = None;
    let mut visit = |e: &Expr| {
        let d = expr_depth(e, 0, limit + 1);
        if d > limit && worst.is_none() {
            worst = Some((d, e.span));
        }
    };
    crate::syntax::walk::each_expr(m, &mut visit);
    worst.map(|(_, s)| {
        Diagnostic::error("E002", t("e002-deep", &[]))
            .at(s, t("e002-deep-label", &[("n", limit.to_string().into())]))
            .help(t("e002-help", &[]))
    })
}

fn expr_depth(e: &Expr, d: usize, cap: usize) -> usize {
    if d >= cap {
        return d;
    }
    match &e.kind {
        ExprKind::Number(_) | ExprKind::Ref { .. } | ExprKind::Text(_) | ExprKind::Date(_) => d + 1,
        ExprKind::Call { args, filter, .. } => args
            .iter()
            .chain(filter.as_deref())
            .map(|a| expr_depth(a, d + 1, cap))
            .max()
            .unwrap_or(d + 1),
        ExprKind::Tuple(xs) => xs
            .iter()
            .map(|a| expr_depth(a, d + 1, cap))
            .max()
            .unwrap_or(d + 1),
        ExprKind::Unary { operand, .. } => expr_depth(operand, d + 1, cap),
        ExprKind::Paren(x) => expr_depth(x, d + 1, cap),
        ExprKind::Binary { lhs, rhs, .. } => {
            expr_depth(lhs, d + 1, cap).max(expr_depth(rhs, d + 1, cap))
        }
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => expr_depth(cond, d + 1, cap)
            .max(expr_depth(then, d + 1, cap))
            .max(expr_depth(otherwise, d + 1, cap)),
    }
}
