//! The one diagnostic type of metodika: a stable code, a message, the span it is about,
//! related spans, and a help line. The library returns these as values; they are turned
//! into text only at the edge ([`render`], [`to_json`]).

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

mod allow;
mod notes;
pub use allow::{allowed, drop_allowed, Allowed};
use notes::{help_footer, render_elsewhere};

/// A byte range in the source file: where a diagnostic points. Byte offsets (an LSP
/// position, in UTF-16 units, is computed from them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
}

impl Span {
    /// The bytes `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// Whether it covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Whether a diagnostic stops the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The methodology cannot run.
    Error,
    /// It runs; a reviewer should look.
    Warning,
}

/// A labelled span that is not the main one ("first defined here").
#[derive(Debug, Clone)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// What it is (`first defined here`).
    pub label: String,
}

/// A related place in another file (a revision's base): the file, the span in its text,
/// and what it is.
#[derive(Debug, Clone)]
pub struct Elsewhere {
    /// The file.
    pub file: SourceFile,
    /// Where in its text.
    pub span: Span,
    /// What it is (`already a member here`).
    pub label: String,
}

/// A problem of a methodology file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The stable code (`E102`, `W001`), listed in docs/language.md.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// Where, when it is somewhere in the file.
    pub span: Option<Span>,
    /// The label under the main span.
    pub label: Option<String>,
    /// Other places that explain it.
    pub related: Vec<Related>,
    /// How to put it right.
    pub help: Option<String>,
    /// Related places in other files, each shown in its own file below the diagnostic.
    pub elsewhere: Vec<Elsewhere>,
}

impl Diagnostic {
    /// An error with its code and message.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span: None,
            label: None,
            related: Vec::new(),
            help: None,
            elsewhere: Vec::new(),
        }
    }
    /// A warning with its code and message.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }
    /// At `span`, with a label under it.
    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.span = Some(span);
        let l = label.into();
        self.label = if l.is_empty() { None } else { Some(l) };
        self
    }
    /// With another place that explains it.
    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }
    /// With a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A source file: its name as shown to the user and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown (the path as given).
    pub name: String,
    /// The text.
    pub text: Arc<str>,
}

impl SourceFile {
    /// A file's name and text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The file's text for miette, with columns counted in characters (miette's own count
/// is in bytes, which misplaces the `file:line:column` header on Cyrillic lines).
struct Text {
    name: String,
    text: Arc<str>,
    /// When long lines were cut: the original text and where each piece of `text` came
    /// from, so that the header still names the original column.
    cut: Option<(Arc<str>, Vec<Piece>)>,
}

/// The longest source line shown whole in a diagnostic, in bytes; longer lines are cut
/// to a window around what the diagnostic points at.
pub const MAX_SHOWN_LINE: usize = 240;

/// A piece of a shown text copied from the original: `len` bytes at `view` in the shown
/// text are those at `orig` in the original.
#[derive(Debug, Clone, Copy)]
struct Piece {
    view: usize,
    orig: usize,
    len: usize,
}

/// The text with every line longer than [`MAX_SHOWN_LINE`] cut to a window (marked with
/// `…`) around the first of `anchors` on it, else its beginning. `None` when no line is
/// that long.
fn cut_long_lines(src: &str, anchors: &[usize]) -> Option<(String, Vec<Piece>)> {
    if !src.split('\n').any(|l| l.len() > MAX_SHOWN_LINE) {
        return None;
    }
    let mut view = String::new();
    let mut pieces = Vec::new();
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.len() <= MAX_SHOWN_LINE {
            pieces.push(Piece {
                view: view.len(),
                orig: at,
                len: line.len(),
            });
            view.push_str(line);
        } else {
            let end = at + content.len();
            let anchor = anchors
                .iter()
                .copied()
                .filter(|&a| a >= at && a <= end)
                .min()
                .unwrap_or(at);
            let ws = floor_char_boundary(src, anchor.saturating_sub(MAX_SHOWN_LINE / 3).max(at));
            let we = floor_char_boundary(src, (ws + MAX_SHOWN_LINE).min(end));
            if ws > at {
                view.push('…');
            }
            pieces.push(Piece {
                view: view.len(),
                orig: ws,
                len: we - ws,
            });
            view.push_str(&src[ws..we]);
            if we < end {
                view.push('…');
            }
            pieces.push(Piece {
                view: view.len(),
                orig: end,
                len: line.len() - content.len(),
            });
            view.push_str(&line[content.len()..]);
        }
        at += line.len();
    }
    Some((view, pieces))
}

/// An offset carried across the pieces, from the side `side` names first to the other:
/// inside its piece, or at the end of the piece before it (where a `…` stands).
fn carry(pieces: &[Piece], x: usize, side: fn(&Piece) -> (usize, usize)) -> usize {
    let i = pieces.partition_point(|p| side(p).0 <= x);
    match i.checked_sub(1).map(|i| &pieces[i]) {
        Some(p) => {
            let (from, to) = side(p);
            to + (x - from).min(p.len)
        }
        None => 0,
    }
}

/// Where an original offset is shown.
fn to_view(pieces: &[Piece], orig: usize) -> usize {
    carry(pieces, orig, |p| (p.orig, p.view))
}

/// The original offset of a shown one.
fn to_orig(pieces: &[Piece], view: usize) -> usize {
    carry(pieces, view, |p| (p.view, p.orig))
}

impl Text {
    fn len(&self) -> usize {
        self.text.len()
    }
}

impl miette::SourceCode for Text {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.as_ref().read_span(span, before, after)?;
        let start = inner.span().offset().min(self.text.len());
        let column = match &self.cut {
            None => {
                let line_start = self.text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
                self.text[line_start..start].chars().count()
            }
            Some((orig, pieces)) => {
                let o = floor_char_boundary(orig, to_orig(pieces, start).min(orig.len()));
                let line_start = orig[..o].rfind('\n').map(|i| i + 1).unwrap_or(0);
                orig[line_start..o].chars().count()
            }
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// A diagnostic bound to its file, as miette wants it.
struct Bound<'a> {
    diag: &'a Diagnostic,
    source: Text,
}

impl fmt::Debug for Bound<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.diag.message)
    }
}
impl fmt::Display for Bound<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.diag.message)
    }
}
impl std::error::Error for Bound<'_> {}

impl miette::Diagnostic for Bound<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.diag
            .span
            .map(|_| &self.source as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.diag.span?;
        let len = self.source.len();
        let clamp = |s: Span| {
            let start = s.start.min(len);
            let end = s.end.clamp(start, len);
            miette::SourceSpan::new(start.into(), end - start)
        };
        let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
            self.diag.label.clone(),
            clamp(span),
        )];
        for r in &self.diag.related {
            labels.push(miette::LabeledSpan::new_with_span(
                Some(r.label.clone()),
                clamp(r.span),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// How rendered text looks.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Whether to color the output (a terminal, without `NO_COLOR`).
    pub color: bool,
    /// The width to wrap at.
    pub width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
        }
    }
}

/// Whether a character would change what the screen shows without being seen: a
/// bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), a
/// zero-width character (U+200B–U+200D, U+2060, U+FEFF), or a control character other than
/// a line break or a tab (an escape sequence would drive the terminal).
pub fn is_hidden(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
        || (c.is_control() && c != '\n' && c != '\t')
}

/// `s` with its hidden characters ([`is_hidden`]) written as `<U+202E>`: such a character,
/// from a data file or a methodology, would otherwise reorder the text around it on the
/// screen, make a name read as another, or pass for nothing at the end of a key.
pub fn visible_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match is_hidden(c) {
                true => format!("<U+{:04X}>", c as u32),
                false => c.to_string(),
            })
            .collect(),
    )
}

/// `s` with each hidden character replaced by a visible one of the same length in UTF-8
/// (`?`, `¿`, `�`, `�?`): the source shown under a diagnostic keeps its byte offsets, so
/// its spans still underline what they mean.
fn visible_same_length(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) && c != '\r') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match (is_hidden(c) && c != '\r', c.len_utf8()) {
                (false, _) => c.to_string(),
                (true, 1) => "?".into(),
                (true, 2) => "¿".into(),
                (true, 3) => "\u{FFFD}".into(),
                (true, _) => "\u{FFFD}?".into(),
            })
            .collect(),
    )
}

/// Render one diagnostic as a compiler would, the source shown with the span underlined;
/// hidden characters ([`is_hidden`]) shown, in the source and in the words.
pub fn render(diag: &Diagnostic, file: &SourceFile, opts: RenderOptions) -> String {
    let shown_text = visible_same_length(&file.text);
    let mut shown_diag = diag.clone();
    let words = |s: &mut String| *s = visible_controls(s).into_owned();
    words(&mut shown_diag.message);
    shown_diag.label.as_mut().map(words);
    shown_diag.help.as_mut().map(words);
    for r in &mut shown_diag.related {
        words(&mut r.label);
    }
    for e in &mut shown_diag.elsewhere {
        words(&mut e.label);
        if let std::borrow::Cow::Owned(text) = visible_same_length(&e.file.text) {
            e.file.text = text.into();
        }
    }
    let diag = &shown_diag;
    let file = &match shown_text {
        std::borrow::Cow::Borrowed(_) => file.clone(),
        std::borrow::Cow::Owned(text) => SourceFile {
            name: file.name.clone(),
            text: text.into(),
        },
    };
    let theme = if opts.color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    // the help line is written below, with its word in the user's language
    let help_style = theme.styles.help;
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_context_lines(1);
    // Long lines are cut around the spans, which move with them.
    let anchors: Vec<usize> = diag
        .span
        .iter()
        .chain(diag.related.iter().map(|r| &r.span))
        .map(|s| s.start)
        .collect();
    let cut = cut_long_lines(&file.text, &anchors);
    let moved;
    let (diag, source) = match cut {
        None => (
            diag,
            Text {
                name: file.name.clone(),
                text: file.text.clone(),
                cut: None,
            },
        ),
        Some((view, pieces)) => {
            let mv = |s: Span| Span::new(to_view(&pieces, s.start), to_view(&pieces, s.end));
            let mut d = diag.clone();
            d.span = d.span.map(mv);
            for r in &mut d.related {
                r.span = mv(r.span);
            }
            moved = d;
            (
                &moved,
                Text {
                    name: file.name.clone(),
                    text: view.into(),
                    cut: Some((file.text.clone(), pieces)),
                },
            )
        }
    };
    let bound = Bound { diag, source };
    let mut out = String::new();
    if handler.render_report(&mut out, &bound).is_err() {
        out = format!("{}: {}\n", diag.code, diag.message);
    }
    if let Some(help) = &diag.help {
        let paint = |p: &str| help_style.style(p).to_string();
        out.push_str(&help_footer(help, opts, &paint));
        out.push('\n');
    }
    for e in &diag.elsewhere {
        out.push('\n');
        out.push_str(&render_elsewhere(e, &handler));
    }
    out
}

/// Render all diagnostics of a file, errors and warnings in source order.
pub fn render_all(diags: &[Diagnostic], file: &SourceFile, opts: RenderOptions) -> String {
    diags
        .iter()
        .map(|d| {
            let mut s = render(d, file, opts);
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s
        })
        .collect()
}

/// The JSON form of a diagnostic, for editors and CI.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// The code.
    pub code: &'a str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// What is wrong.
    pub message: &'a str,
    /// The file.
    pub file: &'a str,
    /// Where, when it is somewhere in the file.
    pub span: Option<JsonSpan>,
    /// Other places that explain it.
    pub related: Vec<JsonRelated<'a>>,
    /// How to put it right.
    pub help: Option<&'a str>,
}

/// A span for editors: byte offsets, and lines and columns from 1 (columns in characters).
#[derive(Debug, Serialize)]
pub struct JsonSpan {
    /// The first byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
    /// The line of the first byte, from 1.
    pub line: usize,
    /// The column of the first byte, from 1, in characters.
    pub column: usize,
    /// The line of the end.
    pub end_line: usize,
    /// The column of the end.
    pub end_column: usize,
}

/// A related place, for editors.
#[derive(Debug, Serialize)]
pub struct JsonRelated<'a> {
    /// What it is.
    pub label: &'a str,
    /// Where.
    pub span: JsonSpan,
    /// The file, when it is another than the diagnostic's (a revision's base).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
}

fn json_span(file: &SourceFile, s: Span) -> JsonSpan {
    let (line, column) = file.line_col(s.start);
    let (end_line, end_column) = file.line_col(s.end);
    JsonSpan {
        start: s.start,
        end: s.end,
        line,
        column,
        end_line,
        end_column,
    }
}

/// The JSON form of a diagnostic (`check --format json`).
pub fn to_json<'a>(diag: &'a Diagnostic, file: &'a SourceFile) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: diag.code,
        severity: diag.severity,
        message: &diag.message,
        file: &file.name,
        span: diag.span.map(|s| json_span(file, s)),
        related: diag
            .related
            .iter()
            .map(|r| JsonRelated {
                label: &r.label,
                span: json_span(file, r.span),
                file: None,
            })
            .chain(diag.elsewhere.iter().map(|e| JsonRelated {
                label: &e.label,
                span: json_span(&e.file, e.span),
                file: Some(&e.file.name),
            }))
            .collect(),
        help: diag.help.as_deref(),
    }
}

/// Sort diagnostics by position (then code), errors and warnings interleaved as in the file.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| (d.span.map(|s| (s.start, s.end)), d.code));
}

/// "did you mean `x`?" from a list of candidates, when one is close enough.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    did_you_mean_as(name, candidates, str::to_string)
}

/// [`did_you_mean`], the suggestion shown as `show` writes it (a header quoted where it is
/// not a name, say).
pub fn did_you_mean_as<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    show: impl Fn(&str) -> String,
) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&name.to_lowercase(), &c.to_lowercase());
        let lev = strsim::levenshtein(name, c);
        let ok = score > 0.8 || (lev <= 2 && c.chars().count() > 2);
        if ok && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| crate::i18n::t("did-you-mean", &[("name", show(c).into())]))
}
