//! Completion in context, from the tokens before the cursor: they tell the block the
//! cursor is in (an indicator, a group, `rank`, …) and the field being written, whether
//! the text parses or not. Names come from the file's declarations as written; columns
//! from the inputs' files (through [`Columns`]).

use super::lex::{Tok, Token};
use super::{Analysis, Columns};
use crate::builtins::docs::{self, Kind};
use crate::diag::Span;

/// What a completion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A keyword.
    Keyword,
    /// An indicator.
    Indicator,
    /// A group.
    Group,
    /// An input or record input.
    Input,
    /// A column of an input.
    Column,
    /// A built-in.
    Builtin(Kind),
    /// A value of a field (`higher`, `quarterly`).
    Value,
}

/// A completion.
#[derive(Debug, Clone)]
pub struct Item {
    /// What is inserted.
    pub label: String,
    /// What it is.
    pub kind: ItemKind,
    /// Shown beside: a title, a signature, a type.
    pub detail: Option<String>,
    /// The documentation line.
    pub doc: Option<String>,
}

/// A declaration found by the tokens: `indicator NAME "Title"`, `input NAME "path"`.
#[derive(Debug, Clone)]
pub struct Declared {
    /// `indicator`, `group`, `input` or `records`.
    pub what: &'static str,
    /// Its name.
    pub name: String,
    /// Its title or path.
    pub text: Option<String>,
}

/// The indicators, groups and inputs the text declares, by its tokens.
pub fn declared(a: &Analysis) -> Vec<Declared> {
    let t = &a.tokens;
    let mut out = Vec::new();
    for k in 0..t.len().saturating_sub(1) {
        let word = a.slice(t[k].span);
        let what = match word {
            "indicator" => "indicator",
            "group" => "group",
            "input" => "input",
            "records" => "records",
            _ => continue,
        };
        if t[k].kind != Tok::Word || t[k + 1].kind != Tok::Word || !a.keyword_at(k) {
            continue;
        }
        let text = t
            .get(k + 2)
            .filter(|s| s.kind == Tok::Str)
            .map(|s| unquote(a.slice(s.span)));
        out.push(Declared {
            what,
            name: a.slice(t[k + 1].span).to_string(),
            text,
        });
    }
    out
}

fn unquote(s: &str) -> String {
    let s = s.strip_prefix('"').unwrap_or(s);
    s.strip_suffix('"').unwrap_or(s).replace("\\\"", "\"")
}

const ITEMS: &[&str] = &[
    "methodology",
    "input",
    "records",
    "exclude",
    "indicator",
    "group",
    "score",
    "rank",
    "zones",
    "uncertainty",
    "defaults",
];
const HEADER: &[&str] = &[
    "version",
    "effective",
    "key",
    "label",
    "note",
    "missing",
    "period",
];
const RECORDS: &[&str] = &["key", "date", "unknown", "stock", "encoding", "column"];
const INDICATOR: &[&str] = &[
    "value",
    "better",
    "unit",
    "transform",
    "normalize",
    "missing",
    "outliers",
    "note",
];
const DEFAULTS: &[&str] = &["better", "transform", "normalize", "missing", "outliers"];
const RANK: &[&str] = &["round", "ties", "then"];
const ZONE_RULES: &[&str] = &["when", "top", "next", "otherwise", "rest"];
const UNCERTAINTY: &[&str] = &[
    "runs",
    "seed",
    "weights",
    "weight",
    "normalize",
    "aggregate",
    "missing",
    "noise",
];
const BLOCKS: &[&str] = &[
    "methodology",
    "records",
    "indicator",
    "group",
    "score",
    "rank",
    "zones",
    "uncertainty",
    "bands",
    "defaults",
];

/// The span the completion replaces (the part of a word before the cursor) and the
/// completions for `offset`.
pub fn complete(a: &Analysis, offset: usize, columns: &dyn Columns) -> (Span, Vec<Item>) {
    let offset = offset.min(a.text.len());
    let mut start = offset;
    while start > 0 && !a.text.is_char_boundary(start) {
        start -= 1;
    }
    let end = start;
    for (i, c) in a.text[..end].char_indices().rev() {
        if unicode_ident::is_xid_continue(c) {
            start = i;
        } else {
            break;
        }
    }
    let span = Span::new(start, end);
    // inside a comment or a string: nothing (just after a string's closing quote is
    // outside it)
    let inside = |t: &Token| {
        let closed = t.span.len() > 1 && a.slice(t.span).ends_with('"');
        match t.kind {
            Tok::Comment => t.span.start < end && end <= t.span.end,
            Tok::Str => t.span.start < end && (end < t.span.end || (end == t.span.end && !closed)),
            _ => false,
        }
    };
    if a.tokens.iter().any(inside) {
        return (span, Vec::new());
    }
    let before: Vec<&Token> = a
        .tokens
        .iter()
        .filter(|t| t.span.end <= start && t.kind != Tok::Comment)
        .collect();
    let items = Context {
        a,
        cursor: start,
        before: &before,
        columns,
        decl: declared(a),
    }
    .items();
    let prefix = &a.text[start..end];
    let mut items: Vec<Item> = items
        .into_iter()
        .filter(|i| i.label.starts_with(prefix))
        .collect();
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert((i.label.clone(), i.detail.clone())));
    (span, items)
}

struct Context<'a> {
    a: &'a Analysis,
    /// Where the word being completed starts.
    cursor: usize,
    before: &'a [&'a Token],
    columns: &'a dyn Columns,
    decl: Vec<Declared>,
}

impl Context<'_> {
    fn text(&self, t: &Token) -> &str {
        self.a.slice(t.span)
    }
    fn is(&self, t: Option<&&Token>, p: &str) -> bool {
        t.is_some_and(|t| self.text(t) == p && matches!(t.kind, Tok::Punct | Tok::Word))
    }

    fn items(&self) -> Vec<Item> {
        let b = self.before;
        // `input.` → its columns
        if b.len() >= 2 && self.is(b.last(), ".") {
            let owner = self.text(b[b.len() - 2]);
            return self.columns_of(owner);
        }
        // the innermost open block, and where its statement starts
        let mut stack: Vec<(usize, &str)> = Vec::new();
        for (k, t) in b.iter().enumerate() {
            match (t.kind, self.text(t)) {
                (Tok::Punct, "{") => {
                    let kind = b[..k]
                        .iter()
                        .rev()
                        .take_while(|t| !matches!(self.text(t), "{" | "}"))
                        .find(|t| t.kind == Tok::Word && BLOCKS.contains(&self.text(t)))
                        .map_or("", |t| self.text(t));
                    stack.push((k + 1, kind));
                }
                (Tok::Punct, "}") => {
                    stack.pop();
                }
                _ => {}
            }
        }
        let (from, block) = stack.last().copied().unwrap_or((0, ""));
        // a top-level statement starts after the last `}` at depth 0
        let from = if block.is_empty() {
            b.iter()
                .rposition(|t| self.text(t) == "}")
                .map_or(0, |k| k + 1)
        } else {
            from
        };
        let stmt = &b[from..];
        if let Some(items) = self.inside_parens(stmt) {
            return items;
        }
        match block {
            "" => self.top(stmt),
            "methodology" => self.field(stmt, HEADER, |kw, after| match (kw, after) {
                ("key" | "label", 0) => Some(self.key_columns()),
                ("missing", 0) => Some(builtins(Kind::Missing)),
                ("period", 0) => Some(values(&["monthly", "quarterly", "yearly"])),
                ("period", 1) => Some(
                    values(&["cumulative"])
                        .into_iter()
                        .chain(keywords(HEADER))
                        .collect(),
                ),
                ("version" | "effective" | "note", 0) => Some(Vec::new()),
                _ => None,
            }),
            "records" => {
                let owner = b[..from]
                    .iter()
                    .rposition(|t| self.text(t) == "records")
                    .and_then(|k| b.get(k + 1))
                    .map(|t| self.text(t).to_string());
                self.field(stmt, RECORDS, |kw, after| match (kw, after) {
                    ("key" | "date", 0) => Some(
                        owner
                            .as_deref()
                            .map(|o| self.columns_of(o))
                            .unwrap_or_default(),
                    ),
                    ("unknown", 0) => Some(values(&["ignore", "error"])),
                    ("encoding", 0) => Some(Vec::new()),
                    _ => None,
                })
            }
            "defaults" => self.field(stmt, DEFAULTS, |kw, after| {
                self.indicator_field(stmt, kw, after)
            }),
            "indicator" => self.field(stmt, INDICATOR, |kw, after| match (kw, after) {
                ("better" | "normalize" | "missing" | "outliers" | "transform", _) => {
                    self.indicator_field(stmt, kw, after)
                }
                ("value", _) => Some(
                    self.expression(false)
                        .into_iter()
                        .chain(if after > 1 && self.ends_operand(stmt) {
                            keywords(INDICATOR)
                        } else {
                            Vec::new()
                        })
                        .collect(),
                ),
                ("unit" | "note", 0) => Some(Vec::new()),
                _ => None,
            }),
            "group" | "score" => {
                if let Some(items) = self.line_indicator(stmt) {
                    return items;
                }
                let last = stmt.last();
                if last.is_some_and(|t| {
                    t.kind == Tok::Word && self.decl.iter().any(|d| d.name == self.text(t))
                }) {
                    return keywords(&["points", "weight"]);
                }
                if last.is_some_and(|t| matches!(self.text(t), "points" | "weight" | "note")) {
                    return Vec::new();
                }
                let mut v = self.names(&["indicator", "group"]);
                v.extend(keywords(&["indicator", "defaults", "note"]));
                v
            }
            "rank" => self.field(stmt, RANK, |kw, after| match (kw, after) {
                ("ties", 0) => Some(builtins(Kind::Ties)),
                ("round", 0) => Some(Vec::new()),
                ("then", _) => Some(
                    self.expression(true)
                        .into_iter()
                        .chain(keywords(&["asc", "desc"]))
                        .collect(),
                ),
                _ => None,
            }),
            "zones" => {
                let last = stmt.last();
                if let Some(k) = stmt
                    .iter()
                    .rposition(|t| t.kind == Tok::Word && ZONE_RULES.contains(&self.text(t)))
                {
                    if self.text(stmt[k]) == "when"
                        && stmt.last().is_some_and(|t| t.kind != Tok::Str)
                    {
                        let mut v = self.expression(true);
                        v.extend(values(&["place"]));
                        return v;
                    }
                }
                if last.is_some_and(|t| t.kind == Tok::Str) {
                    return keywords(ZONE_RULES);
                }
                Vec::new()
            }
            "uncertainty" => self.field(stmt, UNCERTAINTY, |kw, after| {
                let colon = stmt
                    .iter()
                    .rposition(|t| matches!(self.text(t), ":" | "|"))
                    .is_some_and(|k| k + 1 == stmt.len());
                match (kw, after) {
                    ("weight", 0) => Some(self.names(&["indicator", "group"])),
                    ("noise" | "normalize" | "missing", 0) => Some(self.names(&["indicator"])),
                    ("aggregate", 0) => Some(self.names(&["group"])),
                    ("normalize", _) if colon => Some(builtins(Kind::Normalization)),
                    ("missing", _) if colon => Some(builtins(Kind::Missing)),
                    ("aggregate", _) if colon => Some(builtins(Kind::Aggregation)),
                    ("runs" | "seed" | "weights", 0) => Some(Vec::new()),
                    _ => None,
                }
            }),
            _ => Vec::new(),
        }
    }

    /// A statement of fields: the last field keyword decides, given how many tokens
    /// follow it; `None` from `decide` offers the block's field keywords.
    fn field(
        &self,
        stmt: &[&Token],
        fields: &[&str],
        decide: impl Fn(&str, usize) -> Option<Vec<Item>>,
    ) -> Vec<Item> {
        let last = stmt.iter().enumerate().rev().find(|(k, t)| {
            t.kind == Tok::Word
                && fields.contains(&self.text(t))
                && !self.is(stmt.get(k + 1), "(")
                && !(*k > 0 && self.is(stmt.get(k - 1), "."))
        });
        match last {
            Some((k, t)) => {
                decide(self.text(t), stmt.len() - k - 1).unwrap_or_else(|| keywords(fields))
            }
            None => keywords(fields),
        }
    }

    /// The fields `defaults` shares with an indicator.
    fn indicator_field(&self, stmt: &[&Token], kw: &str, after: usize) -> Option<Vec<Item>> {
        match (kw, after) {
            ("better", 0) => Some(values(&["higher", "lower"])),
            ("normalize", 0) => Some(builtins(Kind::Normalization)),
            ("missing", 0) => Some(builtins(Kind::Missing)),
            ("outliers", 0) => Some(builtins(Kind::Outliers)),
            ("transform", _) if after == 0 || self.is(stmt.last(), ",") => {
                Some(builtins(Kind::Transform))
            }
            _ => None,
        }
    }

    /// A one-line indicator being written on the cursor's line: `indicator x "X" = …`.
    fn line_indicator(&self, stmt: &[&Token]) -> Option<Vec<Item>> {
        let k = stmt
            .iter()
            .rposition(|t| t.kind == Tok::Word && self.text(t) == "indicator")?;
        if self.a.text[stmt[k].span.end..self.cursor].contains('\n') {
            return None;
        }
        if self.is(stmt.last(), "better") {
            return Some(values(&["higher", "lower"]));
        }
        if !stmt[k..].iter().any(|t| self.text(t) == "=") {
            return Some(Vec::new()); // its name or title
        }
        let mut v = self.expression(false);
        if !self.is(stmt.last(), "=") && self.ends_operand(stmt) {
            v.extend(keywords(&["better", "weight", "points"]));
        }
        Some(v)
    }

    fn top(&self, stmt: &[&Token]) -> Vec<Item> {
        if let Some(items) = self.line_indicator(stmt) {
            return items;
        }
        let kw = stmt
            .iter()
            .enumerate()
            .rev()
            .find(|(_, t)| t.kind == Tok::Word && ITEMS.contains(&self.text(t)));
        match kw.map(|(k, t)| (self.text(t), stmt.len() - k - 1)) {
            Some(("exclude", 0)) => keywords(&["when"]),
            Some(("exclude", n)) if !stmt.last().is_some_and(|t| t.kind == Tok::Str) => {
                let mut v = self.expression(false);
                if n > 2 && self.ends_operand(stmt) {
                    v.clear();
                }
                v
            }
            Some(("group", 2)) if stmt.last().is_some_and(|t| t.kind == Tok::Str) => {
                builtins(Kind::Aggregation)
            }
            Some(("input" | "records" | "indicator" | "group", 0 | 1)) => Vec::new(),
            _ => keywords(ITEMS),
        }
    }

    /// Whether the statement ends with an operand (a formula that may be complete).
    fn ends_operand(&self, stmt: &[&Token]) -> bool {
        stmt.last().is_some_and(|t| {
            matches!(
                t.kind,
                Tok::Word | Tok::Number | Tok::Percent | Tok::Str | Tok::Date
            ) || self.text(t) == ")"
        })
    }

    /// Inside an unclosed `(` of an aggregate over records: that input's columns.
    fn inside_parens(&self, stmt: &[&Token]) -> Option<Vec<Item>> {
        let mut depth = 0i32;
        for k in (0..stmt.len()).rev() {
            match self.text(stmt[k]) {
                ")" if stmt[k].kind == Tok::Punct => depth += 1,
                "(" if stmt[k].kind == Tok::Punct => {
                    if depth > 0 {
                        depth -= 1;
                        continue;
                    }
                    let first = stmt.get(k + 1).map(|t| self.text(t));
                    let records = first.filter(|f| {
                        self.decl
                            .iter()
                            .any(|d| d.what == "records" && d.name == *f)
                    })?;
                    if k + 1 == stmt.len() - 1 || k + 1 == stmt.len() {
                        return None;
                    }
                    let mut v = self.columns_of(records);
                    v.extend(keywords(&["where", "and", "or", "not", "in"]));
                    return Some(v);
                }
                _ => {}
            }
        }
        None
    }

    fn names(&self, what: &[&str]) -> Vec<Item> {
        self.decl
            .iter()
            .filter(|d| what.contains(&d.what))
            .map(|d| Item {
                label: d.name.clone(),
                kind: match d.what {
                    "indicator" => ItemKind::Indicator,
                    "group" => ItemKind::Group,
                    _ => ItemKind::Input,
                },
                detail: d.text.clone(),
                doc: None,
            })
            .collect()
    }

    /// A formula: indicators, inputs, functions; after scoring (`then`, `when`) groups
    /// and `score` too.
    fn expression(&self, after_scoring: bool) -> Vec<Item> {
        let mut v = if after_scoring {
            let mut v = self.names(&["indicator", "group"]);
            v.extend(values(&["score"]));
            v
        } else {
            self.names(&["indicator", "input", "records"])
        };
        v.extend(builtins(Kind::Function));
        v.extend(builtins(Kind::Aggregate));
        if !after_scoring {
            v.extend(builtins(Kind::RecordAggregate));
        }
        v.extend(keywords(&["if", "then", "else", "and", "or", "not"]));
        v
    }

    fn columns_of(&self, input: &str) -> Vec<Item> {
        let mut v = self.given_names(input);
        v.extend(self.file_columns(input));
        v
    }

    /// The names the file gives to `input`'s headers (`column население = "…"`).
    fn given_names(&self, input: &str) -> Vec<Item> {
        let Some(m) = &self.a.module else {
            return Vec::new();
        };
        super::given_names(m, input)
            .into_iter()
            .map(|c| Item {
                label: c.name.name.clone(),
                kind: ItemKind::Column,
                detail: Some(format!(
                    "{input}: {}",
                    crate::syntax::string_text(&c.header.value)
                )),
                doc: None,
            })
            .collect()
    }

    fn file_columns(&self, input: &str) -> Vec<Item> {
        match self.columns.columns(input) {
            Ok(cols) => cols
                .into_iter()
                .map(|(c, t)| Item {
                    // a header that is not a name is inserted quoted, as it is written
                    label: crate::syntax::column_text(&c),
                    kind: ItemKind::Column,
                    detail: Some(match t {
                        Some(t) => format!("{input}: {}", t.name()),
                        None => input.to_string(),
                    }),
                    doc: None,
                })
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The columns of the region inputs (for `key` and `label`).
    fn key_columns(&self) -> Vec<Item> {
        self.decl
            .iter()
            .filter(|d| d.what == "input")
            .flat_map(|d| self.columns_of(&d.name))
            .collect()
    }
}

/// Words of one kind, with nothing to say beside them.
fn words(ws: &[&str], kind: ItemKind) -> Vec<Item> {
    ws.iter()
        .map(|w| Item {
            label: w.to_string(),
            kind,
            detail: None,
            doc: None,
        })
        .collect()
}

fn keywords(ws: &[&str]) -> Vec<Item> {
    words(ws, ItemKind::Keyword)
}

fn values(ws: &[&str]) -> Vec<Item> {
    words(ws, ItemKind::Value)
}

fn builtins(kind: Kind) -> Vec<Item> {
    docs::of_kind(kind)
        .map(|d| Item {
            label: d.name.to_string(),
            kind: ItemKind::Builtin(kind),
            detail: Some(d.signature.to_string()),
            doc: Some(d.line_in_words().to_string()),
        })
        .collect()
}
