//! The canonical text of a methodology: four-space indentation, aligned fields, one blank
//! line between items, comments kept where they were. Formatting is idempotent and the
//! result parses to the same tree.

mod indicators;
mod revision;
mod uncertainty;

pub use uncertainty::normalize as normalize_text;

use crate::syntax::ast::*;
use crate::syntax::comments::{self, Comment};
pub use crate::syntax::{column_text, string_text};

/// Format a parsed module; `src` is the text it was parsed from (for its comments).
pub fn format(module: &Module, src: &str) -> String {
    let mut f = Formatter {
        src,
        out: String::new(),
        comments: comments::collect(src),
        next: 0,
        last_end: 0,
    };
    f.module(module);
    f.flush_comments(usize::MAX, 0);
    let trimmed = f.out.trim_end().len();
    f.out.truncate(trimmed);
    f.out.push('\n');
    f.out
}

/// An expression as canonical text.
pub fn expr_text(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e);
    s
}

fn write_expr(s: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Number(n) => s.push_str(&number_text(n)),
        ExprKind::Ref { first, second } => {
            s.push_str(&first.name);
            if let Some(c) = second {
                s.push('.');
                s.push_str(&column_text(&c.name));
            }
        }
        ExprKind::Call { func, args, filter } => {
            s.push_str(&func.name);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, a);
            }
            if let Some(f) = filter {
                s.push_str(" where ");
                write_expr(s, f);
            }
            s.push(')');
        }
        ExprKind::Text(t) => s.push_str(&string_text(&t.value)),
        ExprKind::Date(d) => s.push_str(d),
        ExprKind::Tuple(xs) => {
            s.push('(');
            for (i, a) in xs.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, a);
            }
            s.push(')');
        }
        ExprKind::Unary { op, operand } => {
            s.push_str(match op {
                UnOp::Neg => "-",
                UnOp::Not => "not ",
            });
            write_expr(s, operand);
        }
        ExprKind::Binary { op, lhs, rhs } => {
            write_expr(s, lhs);
            s.push(' ');
            s.push_str(op.symbol());
            s.push(' ');
            write_expr(s, rhs);
        }
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            s.push_str("if ");
            write_expr(s, cond);
            s.push_str(" then ");
            write_expr(s, then);
            s.push_str(" else ");
            write_expr(s, otherwise);
        }
        ExprKind::Paren(x) => {
            s.push('(');
            write_expr(s, x);
            s.push(')');
        }
    }
}

fn number_text(n: &Number) -> String {
    if n.percent {
        format!("{}%", n.text)
    } else {
        n.text.clone()
    }
}

/// A call as written: `cap(0, 1_000)`, `winsorize(5%, 95%)`.
pub fn call_text(c: &Call) -> String {
    let mut s = c.name.name.clone();
    if let Some(args) = &c.args {
        s.push('(');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            write_expr(&mut s, a);
        }
        s.push(')');
    }
    if let Some(by) = &c.by {
        s.push_str(" by ");
        write_expr(&mut s, by);
    }
    s
}

/// The widths the inputs and record inputs are aligned to: the keyword's (`records`
/// when there are any) and the longest name's.
fn input_widths(m: &Module) -> (usize, usize) {
    let mut kw = 0;
    let mut w = 0;
    for x in &m.items {
        match x {
            Item::Input(i) => {
                kw = kw.max(width("input"));
                w = w.max(width(&i.name.name));
            }
            Item::Records(r) => {
                kw = kw.max(width("records"));
                w = w.max(width(&r.name.name));
            }
            _ => {}
        }
    }
    (kw, w)
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

struct Formatter<'a> {
    src: &'a str,
    out: String,
    comments: Vec<Comment>,
    next: usize,
    /// Where in the source the last written line ended.
    last_end: usize,
}

const INDENT: &str = "    ";

impl Formatter<'_> {
    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str(INDENT);
        }
    }

    /// Keep one blank line where the source had one before `pos` (never two, never at
    /// the start of a block or of the file).
    fn blank_before(&mut self, pos: usize) {
        if self.out.is_empty() || self.out.ends_with("\n\n") || self.out.ends_with("{\n") {
            return;
        }
        if self.blank_between(self.last_end, pos) {
            self.out.push('\n');
        }
    }

    /// Write the comments that stand before `pos` on lines of their own.
    fn flush_comments(&mut self, pos: usize, level: usize) {
        while self.next < self.comments.len() && self.comments[self.next].span.start < pos {
            let c = self.comments[self.next].clone();
            self.next += 1;
            self.blank_before(c.span.start);
            self.indent(level);
            self.out.push('#');
            self.out.push_str(&c.text);
            self.out.push('\n');
            self.last_end = self.last_end.max(c.span.end);
        }
    }

    /// Write a line of code that came from `span`, with its leading and trailing comments.
    fn line(&mut self, level: usize, span: Span, text: &str) {
        self.flush_comments(span.start, level);
        self.blank_before(span.start);
        self.indent(level);
        self.out.push_str(text);
        self.trailing(span.end);
        self.out.push('\n');
        self.last_end = self.last_end.max(span.end);
    }

    /// Append a comment that stands after `end` on the same source line.
    fn trailing(&mut self, end: usize) {
        // Comments inside the line's own span move after it.
        while self.next < self.comments.len() {
            let c = &self.comments[self.next];
            let gap_start = end.min(c.span.start);
            let gap = &self.src[gap_start..c.span.start];
            if c.trailing && !gap.contains('\n') && !gap.contains('\r') {
                let text = c.text.clone();
                let cend = c.span.end;
                self.next += 1;
                self.out.push_str("  #");
                self.out.push_str(&text);
                self.last_end = self.last_end.max(cend);
            } else {
                break;
            }
        }
    }

    /// Whether the source has a blank line between `from` and `to`.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        if from >= to || to > self.src.len() {
            return false;
        }
        let lines: Vec<&str> = self.src[from..to].split('\n').collect();
        // The first piece ends the line `from` is on, the last starts the line `to` is on.
        lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty())
    }

    /// Open a block: the head line with the comment after `{`.
    fn open(&mut self, level: usize, start: usize, head: &str, after: usize) {
        self.flush_comments(start, level);
        self.blank_before(start);
        self.indent(level);
        self.out.push_str(head);
        self.out.push_str(" {");
        let brace = find_open(self.src, after).unwrap_or(after);
        self.trailing(brace + 1);
        self.out.push('\n');
        self.last_end = self.last_end.max(brace + 1);
    }

    fn close(&mut self, level: usize, close: Span) {
        self.flush_comments(close.start, level + 1);
        self.indent(level);
        self.out.push('}');
        self.trailing(close.end);
        self.out.push('\n');
        self.last_end = self.last_end.max(close.end);
    }

    /// The lines of a block, in order.
    fn body<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T)) {
        for it in items {
            write(self, it);
        }
    }

    fn module(&mut self, m: &Module) {
        let mut prev: Option<&Item> = None;
        for item in &m.items {
            if let Some(p) = prev {
                let same_line_kind = matches!(
                    (p, item),
                    (
                        Item::Input(_) | Item::Records(_),
                        Item::Input(_) | Item::Records(_)
                    ) | (Item::Exclude(_), Item::Exclude(_))
                        | (Item::Remove(_), Item::Remove(_))
                );
                if !same_line_kind && !self.out.ends_with("\n\n") {
                    self.out.push('\n');
                }
            }
            self.item(item, m);
            prev = Some(item);
        }
    }

    fn item(&mut self, item: &Item, m: &Module) {
        match item {
            Item::Header(h) => {
                let head = format!("methodology {}", string_text(&h.title.value));
                self.open(0, h.span.start, &head, h.title.span.end);
                self.body(&h.fields, |f, fld| {
                    let text = match fld {
                        HeaderField::Version(s, _) => {
                            format!("version   {}", string_text(&s.value))
                        }
                        HeaderField::Effective(d, _) => format!("effective {d}"),
                        HeaderField::Key(k, _) => format!("key       {}", column_text(&k.name)),
                        HeaderField::Label(l, _) => {
                            format!("label     {}", column_text(&l.name))
                        }
                        HeaderField::Note(s, _) => {
                            format!("note      {}", string_text(&s.value))
                        }
                        HeaderField::Missing(c, _) => format!("missing   {}", call_text(c)),
                        HeaderField::Period(every, how, _) => match how {
                            Some(h) => format!("period    {} {}", every.name, h.name),
                            None => format!("period    {}", every.name),
                        },
                        HeaderField::Extends(s, _) => {
                            format!("extends   {}", string_text(&s.value))
                        }
                    };
                    f.line(1, fld.span(), &text);
                });
                self.close(0, h.close);
            }
            Item::Input(i) => {
                // Align the names and paths of the inputs and record inputs.
                let (kw, w) = input_widths(m);
                let mut text = format!(
                    "{} {} {}",
                    pad("input", kw),
                    pad(&i.name.name, w),
                    string_text(&i.path.value)
                );
                if let Some(e) = &i.encoding {
                    text.push_str(" encoding ");
                    text.push_str(&string_text(&e.value));
                }
                if let Some(s) = &i.sheet {
                    text.push_str(" sheet ");
                    text.push_str(&string_text(&s.value));
                }
                if let Some(row) = &i.header_row {
                    text.push_str(&format!(" header {}", row.text));
                }
                if i.columns.is_empty() {
                    self.line(0, i.span, &text);
                } else {
                    // One `column` a line, in braces, the names aligned.
                    text.push_str(" {");
                    self.line(0, Span::new(i.span.start, i.path.span.end), &text);
                    let w = i
                        .columns
                        .iter()
                        .map(|c| width(&c.name.name))
                        .max()
                        .unwrap_or(0);
                    for c in &i.columns {
                        let t = format!(
                            "column {} = {}",
                            pad(&c.name.name, w),
                            string_text(&c.header.value)
                        );
                        self.line(1, c.span, &t);
                    }
                    self.close(0, Span::new(i.span.end - 1, i.span.end));
                }
            }
            Item::Records(r) => {
                let (kw, w) = input_widths(m);
                let mut text = format!(
                    "{} {} {}",
                    pad("records", kw),
                    pad(&r.name.name, w),
                    string_text(&r.path.value)
                );
                let fields: Vec<String> = r
                    .fields
                    .iter()
                    .map(|f| match f {
                        RecordsField::Key(k) => format!("key {}", column_text(&k.name)),
                        RecordsField::Date(d) => format!("date {}", column_text(&d.name)),
                        RecordsField::Column(c) => {
                            format!("column {} = {}", c.name.name, string_text(&c.header.value))
                        }
                        RecordsField::Unknown(u) => format!("unknown {}", u.name),
                        RecordsField::Encoding(e) => format!("encoding {}", string_text(&e.value)),
                        RecordsField::Stock(_) => "stock".to_string(),
                    })
                    .collect();
                if !fields.is_empty() {
                    text.push_str(&format!(" {{ {} }}", fields.join("  ")));
                }
                self.line(0, r.span, &text);
            }
            Item::Exclude(x) => {
                let text = format!(
                    "exclude when {} {}",
                    expr_text(&x.condition),
                    string_text(&x.reason.value)
                );
                self.line(0, x.span, &text);
            }
            Item::Indicator(ind) => self.indicator(0, ind, None, (0, 0)),
            Item::Defaults(d) => self.defaults(0, d),
            Item::Group(g) | Item::Score(g) => {
                let mut head = match &g.name {
                    Some(n) => format!("group {} {}", n.name, string_text(&g.title.value)),
                    None => format!("score {}", string_text(&g.title.value)),
                };
                let mut after = g.title.span.end;
                if let Some(a) = &g.aggregation {
                    head.push(' ');
                    head.push_str(&a.name);
                    after = a.span.end;
                }
                self.open(0, g.span.start, &head, after);
                self.group_entries(&g.entries);
                self.close(0, g.close);
            }
            Item::Rank(r) => {
                self.open(0, r.span.start, "rank", r.span.start + 4);
                self.body(&r.fields, |f, fld| {
                    let text = match fld {
                        RankField::Round(n, _) => format!("round {}", n.text),
                        RankField::Ties(t, _) => format!("ties  {}", t.name),
                        RankField::Then(tbs, _) => {
                            let parts: Vec<String> = tbs
                                .iter()
                                .map(|tb| {
                                    let mut s = expr_text(&tb.expr);
                                    match tb.order {
                                        Some(Order::Asc) => s.push_str(" asc"),
                                        Some(Order::Desc) => s.push_str(" desc"),
                                        None => {}
                                    }
                                    s
                                })
                                .collect();
                            format!("then  {}", parts.join(", "))
                        }
                    };
                    f.line(1, fld.span(), &text);
                });
                self.close(0, r.close);
            }
            Item::Change(c) => self.change(c),
            Item::Remove(r) => self.line(
                0,
                r.span,
                &format!("remove {} {}", r.kind.word(), r.name.name),
            ),
            Item::Uncertainty(u) => {
                self.open(0, u.span.start, "uncertainty", u.span.start + 11);
                self.body(&u.fields, |f, fld| {
                    let text = uncertainty::field_text(fld);
                    f.line(1, fld.span(), &text);
                });
                self.close(0, u.close);
            }
            Item::Zones(z) => {
                self.open(0, z.span.start, "zones", z.span.start + 5);
                let wn = z
                    .zones
                    .iter()
                    .map(|x| width(&x.name.name))
                    .max()
                    .unwrap_or(0);
                let wt = z
                    .zones
                    .iter()
                    .map(|x| width(&string_text(&x.title.value)))
                    .max()
                    .unwrap_or(0);
                self.body(&z.zones, |f, zone| {
                    let rule = match &zone.rule {
                        ZoneRule::When(e) => format!("when {}", expr_text(e)),
                        ZoneRule::Top(n) => format!("top {}", n.text),
                        ZoneRule::Next(n) => format!("next {}", n.text),
                        ZoneRule::Otherwise => "otherwise".into(),
                        ZoneRule::Rest => "rest".into(),
                    };
                    let text = format!(
                        "{} {} {rule}",
                        pad(&zone.name.name, wn),
                        pad(&string_text(&zone.title.value), wt)
                    );
                    f.line(1, zone.span, &text);
                });
                self.close(0, z.close);
            }
        }
    }
}

/// The position of the next `{` from `from`, skipping comments and strings.
fn find_open(src: &str, from: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'{' => return Some(i),
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}
