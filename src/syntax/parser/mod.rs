//! pest pairs → typed AST. The only module that knows pest's types: one function per
//! grammar rule, each returning a typed node with its byte span.

use crate::diag::Diagnostic;
use crate::i18n::t;
use crate::syntax::ast::*;
use crate::syntax::limits;
use pest::iterators::Pair;
use pest::Parser as _;

mod errors;
mod expr;
mod inputs;
mod revision;
mod uncertainty;
use errors::{recover, syntax_error};
use expr::expr;
use uncertainty::uncertainty;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/metodika.pest"]
struct Grammar;

type P<'a> = Pair<'a, Rule>;

/// Whether `s` is a name the language can write (`ident`: a Unicode word that is not a
/// reserved word), as a whole.
pub fn is_name(s: &str) -> bool {
    match Grammar::parse(Rule::ident, s) {
        Ok(mut pairs) => pairs.next().is_some_and(|p| p.as_str().len() == s.len()),
        Err(_) => false,
    }
}

/// Whether `s` can stand unquoted where a column is named (`input.column`, `key column`):
/// a Unicode word, reserved or not. Any other header is written quoted.
pub fn is_word(s: &str) -> bool {
    match Grammar::parse(Rule::word, s) {
        Ok(mut pairs) => pairs.next().is_some_and(|p| p.as_str().len() == s.len()),
        Err(_) => false,
    }
}

/// Parse a methodology file. On failure, every syntax error that can be found is
/// returned: after an error the parser resumes at the next top-level item.
pub fn parse(src: &str) -> Result<Module, Vec<Diagnostic>> {
    parse_padded(src, 0)
}

/// [`parse`] a file whose text stands at byte `offset` of a longer text (a base of a
/// revision, after the revision's text): `src` is that many spaces, then the file's text.
/// The limits are the file's own: the spaces before it do not count against its size.
pub fn parse_padded(src: &str, offset: usize) -> Result<Module, Vec<Diagnostic>> {
    let own = src.get(offset.min(src.len())..).unwrap_or(src);
    if let Some(mut d) = limits::check(own) {
        if let Some(s) = &mut d.span {
            *s = Span::new(s.start + offset, s.end + offset);
        }
        return Err(vec![d]);
    }
    if src.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(vec![Diagnostic::error("E004", t("e004-message", &[]))
            .at(Span::new(0, src.len()), "")
            .help(t("e004-help", &[]))]);
    }
    // pest recurses once per nesting level; the limits above bound the depth, and a
    // thread of our own makes sure the stack is deep enough for it on any caller.
    let src_owned = src.to_string();
    let handle = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || parse_inner(&src_owned));
    match handle {
        Ok(h) => h
            .join()
            .unwrap_or_else(|_| Err(vec![Diagnostic::error("E001", t("e001-internal", &[]))])),
        Err(_) => parse_inner(src),
    }
}

fn parse_inner(src: &str) -> Result<Module, Vec<Diagnostic>> {
    CODE_END.with(|t| *t.borrow_mut() = code_ends(src));
    match Grammar::parse(Rule::file, src) {
        Ok(mut pairs) => {
            let file = pairs.next().expect("file rule");
            let mut items = Vec::new();
            for p in file.into_inner() {
                if p.as_rule() == Rule::EOI {
                    continue;
                }
                items.push(item(p));
            }
            let module = Module { items };
            if let Some(d) = limits::depth_check(&module) {
                return Err(vec![d]);
            }
            Ok(module)
        }
        Err(whole) => {
            let errors = recover(src);
            if errors.is_empty() {
                Err(vec![syntax_error(src, &whole, 0)])
            } else {
                Err(errors)
            }
        }
    }
}

thread_local! {
    /// For each byte offset, the end of the last code (not whitespace, not a comment)
    /// before it: pest's spans of rules that end in a repetition take in the whitespace
    /// and comments after them, which no node should claim.
    static CODE_END: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn code_ends(src: &str) -> Vec<u32> {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len() + 1);
    out.push(0);
    let (mut last, mut in_str, mut in_comment) = (0u32, false, false);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_comment {
            if c == b'\n' || c == b'\r' {
                in_comment = false;
            }
        } else if in_str {
            last = i as u32 + 1;
            if c == b'\\' && i + 1 < b.len() {
                out.push(last);
                i += 1;
                last = i as u32 + 1;
            } else if c == b'"' || c == b'\n' {
                in_str = false;
            }
        } else if c == b'#' {
            in_comment = true;
        } else if !c.is_ascii_whitespace() {
            if c == b'"' {
                in_str = true;
            }
            last = i as u32 + 1;
        }
        out.push(last);
        i += 1;
    }
    out
}

fn span(p: &P) -> Span {
    let s = p.as_span();
    let end = CODE_END.with(|t| {
        let t = t.borrow();
        t.get(s.end())
            .map(|&e| (e as usize).max(s.start()))
            .unwrap_or(s.end())
    });
    Span::new(s.start(), end)
}

fn item(p: P) -> Item {
    match p.as_rule() {
        Rule::header => Item::Header(header(p)),
        Rule::input => Item::Input(inputs::input(p)),
        Rule::records => Item::Records(inputs::records(p)),
        Rule::exclude => Item::Exclude(exclude(p)),
        Rule::defaults => Item::Defaults(defaults(p)),
        Rule::indicator => Item::Indicator(indicator(p)),
        Rule::group => Item::Group(group(p)),
        Rule::score => Item::Score(group(p)),
        Rule::rank => Item::Rank(rank(p)),
        Rule::zones => Item::Zones(zones(p)),
        Rule::uncertainty => Item::Uncertainty(uncertainty(p)),
        Rule::change => Item::Change(revision::change(p)),
        Rule::remove => Item::Remove(revision::remove(p)),
        r => unreachable!("item {r:?}"),
    }
}

fn close_span(p: &P) -> Span {
    let s = span(p);
    Span::new(s.end.saturating_sub(1), s.end)
}

fn ident(p: P) -> Ident {
    Ident {
        name: p.as_str().to_string(),
        span: span(&p),
    }
}

/// A column's name: a word, or a header as written in quotes (`"Код"`), its text the name.
fn name(p: P) -> Ident {
    if p.as_rule() == Rule::string {
        let s = string(p);
        Ident {
            name: s.value,
            span: s.span,
        }
    } else {
        ident(p)
    }
}

fn string(p: P) -> Str {
    let sp = span(&p);
    let inner = p.into_inner().next().map(|i| i.as_str()).unwrap_or("");
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some('r') => value.push('\r'),
                Some(other) => value.push(other),
                None => {}
            }
        } else {
            value.push(c);
        }
    }
    Str { value, span: sp }
}

fn number(p: P) -> Number {
    let sp = span(&p);
    match p.as_rule() {
        Rule::percent => {
            let text = p.into_inner().next().map(|t| t.as_str()).unwrap_or("");
            Number {
                text: text.to_string(),
                percent: true,
                span: sp,
            }
        }
        _ => Number {
            text: p.as_str().to_string(),
            percent: false,
            span: sp,
        },
    }
}

fn header(p: P) -> Header {
    let sp = span(&p);
    let close = close_span(&p);
    let mut inner = p.into_inner();
    inner.next(); // keyword
    let title = string(inner.next().unwrap());
    let fields = inner
        .map(|f| {
            let fs = span(&f);
            let rule = f.as_rule();
            let mut i = f.into_inner();
            i.next(); // keyword
            let arg = i.next().unwrap();
            match rule {
                Rule::version_field => HeaderField::Version(string(arg), fs),
                Rule::effective_field => HeaderField::Effective(arg.as_str().to_string(), fs),
                Rule::key_field => HeaderField::Key(name(arg), fs),
                Rule::label_field => HeaderField::Label(name(arg), fs),
                Rule::note_field => HeaderField::Note(string(arg), fs),
                Rule::missing_field => HeaderField::Missing(policy(arg, i.next()), fs),
                Rule::extends_field => HeaderField::Extends(string(arg), fs),
                Rule::period_field => {
                    let every = ident(arg);
                    let how = i.next().map(ident);
                    HeaderField::Period(every, how, fs)
                }
                r => unreachable!("header field {r:?}"),
            }
        })
        .collect();
    Header {
        title,
        fields,
        span: sp,
        close,
    }
}

fn exclude(p: P) -> Exclude {
    let sp = span(&p);
    let mut inner = p.into_inner();
    inner.next();
    inner.next();
    Exclude {
        condition: expr(inner.next().unwrap()),
        reason: string(inner.next().unwrap()),
        span: sp,
    }
}

fn indicator(p: P) -> Indicator {
    let sp = span(&p);
    let close = close_span(&p);
    let mut inner = p.into_inner();
    inner.next();
    let name = ident(inner.next().unwrap());
    let title = string(inner.next().unwrap());
    let mut line = false;
    let mut fields = Vec::new();
    for f in inner {
        if f.as_rule() == Rule::indicator_line {
            // `= formula [better …]`: the formula is the value field
            line = true;
            let at = span(&f).start;
            let mut parts = f.into_inner();
            let e = expr(parts.next().unwrap());
            let fs = Span::new(at, e.span.end);
            fields.push(IndicatorField::Value(e, fs));
            fields.extend(parts.map(indicator_field));
        } else {
            fields.push(indicator_field(f));
        }
    }
    Indicator {
        name,
        title,
        fields,
        line,
        span: sp,
        close,
    }
}

fn defaults(p: P) -> Defaults {
    let sp = span(&p);
    let close = close_span(&p);
    let mut inner = p.into_inner();
    inner.next(); // keyword
    Defaults {
        fields: inner.map(indicator_field).collect(),
        span: sp,
        close,
    }
}

fn indicator_field(f: P) -> IndicatorField {
    let fs = span(&f);
    let rule = f.as_rule();
    let mut inner = f.into_inner();
    inner.next(); // keyword
    match rule {
        Rule::value_field => IndicatorField::Value(expr(inner.next().unwrap()), fs),
        Rule::better_field => {
            let d = match inner.next().unwrap().as_rule() {
                Rule::higher => Direction::Higher,
                _ => Direction::Lower,
            };
            IndicatorField::Better(d, fs)
        }
        Rule::unit_field => IndicatorField::Unit(string(inner.next().unwrap()), fs),
        Rule::transform_field => IndicatorField::Transform(inner.map(call).collect(), fs),
        Rule::normalize_field => {
            let n = inner.next().unwrap();
            let n = match n.as_rule() {
                Rule::bands => Normalize::Bands(bands(n)),
                _ => Normalize::Call(call(n)),
            };
            IndicatorField::Normalize(n, fs)
        }
        Rule::missing_field => {
            let c = inner.next().unwrap();
            IndicatorField::Missing(policy(c, inner.next()), fs)
        }
        Rule::outliers_field => IndicatorField::Outliers(call(inner.next().unwrap()), fs),
        Rule::note_field => IndicatorField::Note(string(inner.next().unwrap()), fs),
        r => unreachable!("indicator field {r:?}"),
    }
}

fn call(p: P) -> Call {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let name = ident(inner.next().unwrap());
    let args = inner.next().map(|a| a.into_inner().map(expr).collect());
    Call {
        name,
        args,
        by: None,
        span: sp,
    }
}

/// A missing-data policy with its `by` clause, if written.
fn policy(call_pair: P, by: Option<P>) -> Call {
    let mut c = call(call_pair);
    c.by = by.map(|b| {
        let r = b.into_inner().nth(1).unwrap();
        expr::reference(r)
    });
    c
}

fn cmp_op(p: &P) -> CmpOp {
    match p.as_rule() {
        Rule::eq => CmpOp::Eq,
        Rule::ne => CmpOp::Ne,
        Rule::lt => CmpOp::Lt,
        Rule::le => CmpOp::Le,
        Rule::gt => CmpOp::Gt,
        Rule::ge => CmpOp::Ge,
        r => unreachable!("comparison {r:?}"),
    }
}

fn bands(p: P) -> Bands {
    let sp = span(&p);
    let close = close_span(&p);
    let mut bands = Vec::new();
    let mut otherwise = None;
    let mut else_span = sp;
    for b in p.into_inner() {
        let bs = span(&b);
        match b.as_rule() {
            Rule::band => {
                let mut i = b.into_inner();
                let op = cmp_op(&i.next().unwrap());
                let threshold = expr(i.next().unwrap());
                let value = expr(i.next().unwrap());
                bands.push(Band {
                    op,
                    threshold,
                    value,
                    span: bs,
                });
            }
            Rule::band_else => {
                else_span = bs;
                otherwise = Some(expr(b.into_inner().nth(1).unwrap()));
            }
            _ => {}
        }
    }
    Bands {
        bands,
        otherwise: otherwise.expect("grammar requires else"),
        else_span,
        span: sp,
        close,
    }
}

/// A line of a group's body: a member, a note, defaults, an indicator written in it.
fn group_entry(e: P) -> GroupEntry {
    match e.as_rule() {
        Rule::note_field => {
            let es = span(&e);
            GroupEntry::Note(string(e.into_inner().nth(1).unwrap()), es)
        }
        Rule::defaults => GroupEntry::Defaults(defaults(e)),
        Rule::coverage_field => {
            let es = span(&e);
            GroupEntry::Coverage(expr(e.into_inner().nth(1).unwrap()), es)
        }
        Rule::group_indicator => {
            let es = span(&e);
            let mut parts = e.into_inner();
            let ind = indicator(parts.next().unwrap());
            let w = parts.next().map(weight);
            GroupEntry::Indicator(ind, w, es)
        }
        _ => GroupEntry::Member(member(e)),
    }
}

fn group(p: P) -> Group {
    let sp = span(&p);
    let close = close_span(&p);
    let is_score = p.as_rule() == Rule::score;
    let mut inner = p.into_inner().peekable();
    let kw = inner.next().unwrap();
    let mut head = span(&kw);
    let name = if is_score {
        None
    } else {
        let n = ident(inner.next().unwrap());
        head = head.to(n.span);
        Some(n)
    };
    let title = string(inner.next().unwrap());
    let aggregation = if inner.peek().map(|x| x.as_rule()) == Some(Rule::word) {
        Some(ident(inner.next().unwrap()))
    } else {
        None
    };
    let entries = inner.map(group_entry).collect();
    Group {
        name,
        title,
        aggregation,
        entries,
        span: sp,
        head,
        close,
    }
}

fn member(p: P) -> Member {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let name = ident(inner.next().unwrap());
    let weight = inner.next().map(weight);
    Member {
        name,
        weight,
        span: sp,
    }
}

/// `points 150`, `weight 30%`.
fn weight(w: P) -> Weight {
    let ws = span(&w);
    let kind = match w.as_rule() {
        Rule::points_weight => WeightKind::Points,
        _ => WeightKind::Weight,
    };
    Weight {
        kind,
        value: number(w.into_inner().nth(1).unwrap()),
        span: ws,
    }
}

fn rank(p: P) -> Rank {
    let sp = span(&p);
    let close = close_span(&p);
    let mut inner = p.into_inner();
    inner.next();
    let fields = inner
        .map(|f| {
            let fs = span(&f);
            let rule = f.as_rule();
            let mut i = f.into_inner();
            i.next();
            match rule {
                Rule::round_field => RankField::Round(number(i.next().unwrap()), fs),
                Rule::ties_field => RankField::Ties(ident(i.next().unwrap()), fs),
                Rule::then_field => RankField::Then(i.map(tiebreak).collect(), fs),
                r => unreachable!("rank field {r:?}"),
            }
        })
        .collect();
    Rank {
        fields,
        span: sp,
        close,
    }
}

fn tiebreak(p: P) -> TieBreak {
    let sp = span(&p);
    let mut i = p.into_inner();
    let e = expr(i.next().unwrap());
    let order = i.next().map(|o| match o.as_rule() {
        Rule::asc => Order::Asc,
        _ => Order::Desc,
    });
    TieBreak {
        expr: e,
        order,
        span: sp,
    }
}

fn zones(p: P) -> Zones {
    let sp = span(&p);
    let close = close_span(&p);
    let mut inner = p.into_inner();
    inner.next();
    let zones = inner
        .map(|z| {
            let zs = span(&z);
            let mut i = z.into_inner();
            let name = ident(i.next().unwrap());
            let title = string(i.next().unwrap());
            let r = i.next().unwrap();
            let rule_span = span(&r);
            let rule = match r.as_rule() {
                Rule::zone_when => ZoneRule::When(expr(r.into_inner().nth(1).unwrap())),
                Rule::zone_top => ZoneRule::Top(number(r.into_inner().nth(1).unwrap())),
                Rule::zone_next => ZoneRule::Next(number(r.into_inner().nth(1).unwrap())),
                Rule::zone_otherwise => ZoneRule::Otherwise,
                _ => ZoneRule::Rest,
            };
            Zone {
                name,
                title,
                rule,
                span: zs,
                rule_span,
            }
        })
        .collect();
    Zones {
        zones,
        span: sp,
        close,
    }
}
