//! The text of syntax errors: what was expected, in the user's words (not pest's rule
//! names), a hint for the usual slips (a decimal comma, a keyword as a name, `=` for
//! `==`), an unclosed string or bracket named where it opened, and recovery at the next
//! item so that every broken item is reported.

use super::{Grammar, Rule};
use crate::diag::Diagnostic;
use crate::i18n::t;
use crate::syntax::ast::Span;
use pest::Parser as _;

/// Words that start a top-level item at the beginning of a line.
pub(super) const ITEM_WORDS: &[&str] = &[
    "methodology",
    "input",
    "records",
    "change",
    "remove",
    "uncertainty",
    "exclude",
    "defaults",
    "indicator",
    "group",
    "score",
    "rank",
    "zones",
];

/// Parse each top-level item on its own, to report every broken item, not only the first.
pub(super) fn recover(src: &str) -> Vec<Diagnostic> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let first = line
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .next();
        if let Some(w) = first {
            if ITEM_WORDS.contains(&w) {
                starts.push(offset);
            }
        }
        offset += line.len();
    }
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(src.len());
    let mut errors = Vec::new();
    for w in starts.windows(2) {
        let chunk = &src[w[0]..w[1]];
        if let Err(e) = Grammar::parse(Rule::file, chunk) {
            errors.push(syntax_error(chunk, &e, w[0]));
        }
    }
    errors
}

pub(super) fn syntax_error(src: &str, e: &pest::error::Error<Rule>, base: usize) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    if let Some(d) = unclosed(src, pos, base) {
        return d;
    }
    // Underline the token that could not be parsed.
    let rest = &src[pos..];
    let tok_len = if rest.is_empty() {
        0
    } else if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())
    } else {
        rest.chars().next().map(|c| c.len_utf8()).unwrap_or(0)
    };
    let found = if rest.is_empty() {
        t("parse-eof", &[])
    } else if rest[..tok_len].chars().count() > 40 {
        let shown: String = rest[..tok_len].chars().take(30).collect();
        t(
            "parse-long-token",
            &[
                ("token", shown.into()),
                ("n", rest[..tok_len].chars().count().into()),
            ],
        )
    } else {
        format!("`{}`", &rest[..tok_len])
    };
    let expected = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives.iter().filter_map(|r| rule_name(*r)).collect();
            names.sort();
            names.dedup();
            names
        }
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let message = if expected.is_empty() {
        t("e001-unexpected", &[("found", found.into())])
    } else {
        t(
            "e001-expected",
            &[
                ("expected", join_or(&expected).into()),
                ("found", found.into()),
            ],
        )
    };
    let help = hint(&rest[..tok_len], &expected);
    let span = Span::new(base + pos, base + pos + tok_len);
    // `score Index "Title"`: a name where the score has none
    let head = src[..pos]
        .trim_end()
        .strip_suffix("score")
        .map(str::trim_end);
    let after_score = head.is_some_and(|h| h.is_empty() || h.ends_with('}'));
    if after_score
        && expected.contains(&"a string")
        && rest.starts_with(|c: char| c.is_alphabetic() || c == '_')
    {
        return Diagnostic::error("E001", t("e001-score-name", &[]))
            .at(span, t("e001-score-name-label", &[]))
            .help(t(
                "e001-score-name-help",
                &[("name", rest[..tok_len].into())],
            ));
    }
    let mut d = Diagnostic::error("E001", message).at(span, t("e001-label", &[]));
    if let Some(h) = help {
        d = d.help(h);
    }
    d
}

/// An error caused by a string or a bracket that was opened and not closed: a string
/// not closed on its line (at or before the error), or a `{` or `(` still open where the
/// text ends. Pointed at where it opened, not at where pest gave up.
pub(super) fn unclosed(src: &str, pos: usize, base: usize) -> Option<Diagnostic> {
    let b = src.as_bytes();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' && b[i] != b'\r' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if i >= b.len() || b[i] != b'"' {
                    if start > pos {
                        break;
                    }
                    return Some(
                        Diagnostic::error("E001", t("e001-string", &[]))
                            .at(
                                Span::new(base + start, base + start + 1),
                                t("e001-string-label", &[]),
                            )
                            .help(t("e001-string-help", &[])),
                    );
                }
            }
            b'{' | b'(' => open.push(i),
            b'}' | b')' => {
                // more closed than opened: not this kind of error
                open.pop()?;
            }
            _ => {}
        }
        i += 1;
    }
    let &at = open.last()?;
    // only when pest gave up where the text (or this item) ends
    let rest = &src[pos.min(src.len())..];
    let only_trivia = rest
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if !only_trivia {
        return None;
    }
    let (what, close) = if b[at] == b'{' {
        ("`{`", "`}`")
    } else {
        ("`(`", "`)`")
    };
    let line_start = src[..at].rfind('\n').map(|n| n + 1).unwrap_or(0);
    // what the bracket belongs to: the line's words before it, titles left out
    let opener = src[line_start..at].split('"').next().unwrap_or("").trim();
    let label = if opener.is_empty() {
        t("e001-opened", &[])
    } else {
        let shown: String = opener.chars().take(40).collect();
        t("e001-opened-after", &[("opener", shown.into())])
    };
    Some(
        Diagnostic::error("E001", t("e001-unclosed", &[("bracket", what.into())]))
            .at(Span::new(base + at, base + at + 1), label)
            .help(t("e001-unclosed-help", &[("bracket", close.into())])),
    )
}

pub(super) const RESERVED: &[&str] = &[
    "if",
    "then",
    "else",
    "and",
    "or",
    "not",
    "value",
    "better",
    "unit",
    "transform",
    "normalize",
    "missing",
    "note",
];

pub(super) fn hint(found: &str, expected: &[&str]) -> Option<String> {
    if RESERVED.contains(&found) && expected.contains(&"a name") {
        return Some(t("e001-keyword-help", &[("word", found.into())]));
    }
    let id = if found == "=" && expected.contains(&"`==`") {
        "e001-equals-help"
    } else if ["&&", "&"].contains(&found) {
        "e001-and-help"
    } else if ["||", "|"].contains(&found) {
        "e001-or-help"
    } else if found == "," && expected.iter().any(|e| e.contains("number")) {
        "e001-comma-help"
    } else if expected.contains(&"`}`") {
        "e001-brace-help"
    } else if expected.contains(&"a string") {
        "e001-quotes-help"
    } else {
        return None;
    };
    Some(t(id, &[]))
}

/// The expected things, in the user's language: `` `input`, a name or a number ``.
pub(super) fn join_or(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|x| shown(x)).collect();
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!(
            "{}{}{}",
            items[..n - 1].join(", "),
            t("word-or", &[]),
            items[n - 1]
        ),
    }
}

/// A rule's name (see [`rule_name`]) in the user's language; keywords as they are.
fn shown(name: &str) -> String {
    let id = match name {
        "the end of the file" => "parse-eof",
        "a number" => "parse-number",
        "a name" => "parse-name",
        "a string" => "parse-string",
        "a date (YYYY-MM-DD)" => "parse-date",
        "an expression" => "parse-expression",
        "an operator" => "parse-operator",
        "a built-in name" => "parse-builtin",
        "a band (`>= 80% : 1`)" => "parse-band",
        "a zone" => "parse-zone",
        other => return other.to_string(),
    };
    t(id, &[])
}

/// How a grammar rule is named to the user in "expected …".
pub(super) fn rule_name(r: Rule) -> Option<&'static str> {
    Some(match r {
        Rule::EOI => "the end of the file",
        Rule::header => "`methodology`",
        Rule::input => "`input`",
        Rule::change => "`change`",
        Rule::remove => "`remove`",
        Rule::extends_field => "`extends`",
        Rule::records => "`records`",
        Rule::records_key => "`key`",
        Rule::records_date => "`date`",
        Rule::records_unknown => "`unknown`",
        Rule::where_clause | Rule::kw_where => "`where`",
        Rule::in_op => "`in`",
        Rule::date_lit => "a number",
        Rule::exclude => "`exclude`",
        Rule::indicator | Rule::group_indicator => "`indicator`",
        Rule::defaults => "`defaults`",
        Rule::indicator_line => "`=`",
        Rule::group => "`group`",
        Rule::score => "`score`",
        Rule::rank => "`rank`",
        Rule::zones => "`zones`",
        Rule::uncertainty => "`uncertainty`",
        Rule::ident | Rule::word | Rule::reference | Rule::member => "a name",
        Rule::string => "a string",
        Rule::number | Rule::percent | Rule::integer | Rule::number_text | Rule::exponent => {
            "a number"
        }
        Rule::date => "a date (YYYY-MM-DD)",
        Rule::expr | Rule::arith | Rule::paren | Rule::if_expr | Rule::func_call => "an expression",
        Rule::neg | Rule::not => "an expression",
        Rule::add
        | Rule::sub
        | Rule::mul
        | Rule::div
        | Rule::pow
        | Rule::and
        | Rule::or
        | Rule::lt
        | Rule::gt
        | Rule::le
        | Rule::ge
        | Rule::ne => "an operator",
        Rule::eq => "`==`",
        Rule::version_field => "`version`",
        Rule::effective_field => "`effective`",
        Rule::key_field => "`key`",
        Rule::label_field => "`label`",
        Rule::note_field => "`note`",
        Rule::missing_field => "`missing`",
        Rule::outliers_field => "`outliers`",
        Rule::coverage_field => "`coverage`",
        Rule::value_field => "`value`",
        Rule::better_field => "`better`",
        Rule::unit_field => "`unit`",
        Rule::transform_field => "`transform`",
        Rule::normalize_field => "`normalize`",
        Rule::higher => "`higher`",
        Rule::lower => "`lower`",
        Rule::asc => "`asc`",
        Rule::desc => "`desc`",
        Rule::bands | Rule::call => "a built-in name",
        Rule::band => "a band (`>= 80% : 1`)",
        Rule::band_else => "`else`",
        Rule::points_weight => "`points`",
        Rule::weight_weight => "`weight`",
        Rule::round_field => "`round`",
        Rule::ties_field => "`ties`",
        Rule::then_field => "`then`",
        Rule::zone => "a zone",
        Rule::zone_when => "`when`",
        Rule::zone_top => "`top`",
        Rule::zone_next => "`next`",
        Rule::zone_otherwise => "`otherwise`",
        Rule::zone_rest => "`rest`",
        Rule::kw_when => "`when`",
        Rule::input_encoding => "`encoding`",
        Rule::input_sheet => "`sheet`",
        Rule::input_header => "`header`",
        Rule::column_alias | Rule::kw_column => "`column`",
        Rule::input_body => "`{`",
        Rule::kw_then => "`then`",
        Rule::kw_else => "`else`",
        Rule::call_args => "`(`",
        _ => return None,
    })
}
