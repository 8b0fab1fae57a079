//! What is drawn below a diagnostic: its help line, with its word in the user's
//! language, and the related places that lie in other files, each in its own file.

use super::{Elsewhere, RenderOptions, Span, Text};
use std::fmt;

/// `  help: …` below a diagnostic, wrapped as miette wraps it, the word `help` in the
/// user's language (`подсказка`) and the lines after the first under the text.
pub(super) fn help_footer(
    help: &str,
    opts: RenderOptions,
    paint: &dyn Fn(&str) -> String,
) -> String {
    let prefix = format!("  {}: ", crate::i18n::t("diag-help", &[]));
    let under = " ".repeat(prefix.chars().count());
    let initial = if opts.color { paint(&prefix) } else { prefix };
    let wrap = textwrap::Options::new(opts.width.saturating_sub(2))
        .initial_indent(&initial)
        .subsequent_indent(&under)
        .break_words(true);
    textwrap::fill(help, wrap)
}

/// A related place in another file, drawn in that file: its label, and the line with the
/// span underlined.
pub(super) fn render_elsewhere(e: &Elsewhere, handler: &miette::GraphicalReportHandler) -> String {
    let note = Note {
        label: &e.label,
        span: e.span,
        source: Text {
            name: e.file.name.clone(),
            text: e.file.text.clone(),
            cut: None,
        },
    };
    let mut out = String::new();
    if handler.render_report(&mut out, &note).is_err() {
        let (line, _) = e.file.line_col(e.span.start);
        out = format!("  {}:{line}: {}\n", e.file.name, e.label);
    }
    out
}

/// A related place in another file, as miette draws it.
struct Note<'a> {
    label: &'a str,
    span: Span,
    source: Text,
}

impl fmt::Debug for Note<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.label)
    }
}
impl fmt::Display for Note<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.label)
    }
}
impl std::error::Error for Note<'_> {}

impl miette::Diagnostic for Note<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let len = self.source.len();
        let start = self.span.start.min(len);
        let end = self.span.end.clamp(start, len);
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(
                None,
                miette::SourceSpan::new(start.into(), end - start),
            ),
        )))
    }
}
