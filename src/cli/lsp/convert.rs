//! Spans to protocol ranges and back, and the library's answers as protocol types.

use lsp_types as lsp;
use metodika::diag::{Severity, Span};
use metodika::ide::complete::{Item, ItemKind};
use metodika::ide::lines::Pos;
use metodika::ide::{Analysis, Colour, Outline, OutlineKind};

pub fn range(a: &Analysis, s: Span) -> lsp::Range {
    lsp::Range {
        start: position(a, s.start),
        end: position(a, s.end),
    }
}

pub fn position(a: &Analysis, offset: usize) -> lsp::Position {
    let p = a.lines.pos(&a.text, offset);
    lsp::Position::new(p.line, p.col)
}

pub fn offset(a: &Analysis, p: lsp::Position) -> usize {
    a.lines.offset(
        &a.text,
        Pos {
            line: p.line,
            col: p.character,
        },
    )
}

pub fn diagnostics(a: &Analysis, uri: &lsp::Url) -> Vec<lsp::Diagnostic> {
    a.diagnostics
        .iter()
        .map(|d| {
            let span = d.span.unwrap_or_default();
            let mut related = Vec::new();
            if let (Some(label), Some(_)) = (&d.label, d.span) {
                related.push(lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(uri.clone(), range(a, span)),
                    message: label.clone(),
                });
            }
            related.extend(d.related.iter().map(|r| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri.clone(), range(a, r.span)),
                message: r.label.clone(),
            }));
            // places in a revision's base, in that file
            related.extend(d.elsewhere.iter().filter_map(|e| {
                let url = lsp::Url::from_file_path(&e.file.name).ok()?;
                let lines = metodika::ide::lines::Lines::new(&e.file.text);
                let at = |o: usize| {
                    let p = lines.pos(&e.file.text, o);
                    lsp::Position::new(p.line, p.col)
                };
                Some(lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(
                        url,
                        lsp::Range::new(at(e.span.start), at(e.span.end)),
                    ),
                    message: e.label.clone(),
                })
            }));
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!("\n{}: ", metodika::i18n::t("diag-help", &[])));
                message.push_str(h);
            }
            lsp::Diagnostic {
                range: range(a, span),
                severity: Some(match d.severity {
                    Severity::Error => lsp::DiagnosticSeverity::ERROR,
                    Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                }),
                code: Some(lsp::NumberOrString::String(d.code.to_string())),
                source: Some("metodika".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..Default::default()
            }
        })
        .collect()
}

/// The semantic token types, in the legend's order ([`colour_index`]).
pub const TOKEN_TYPES: &[lsp::SemanticTokenType] = &[
    lsp::SemanticTokenType::KEYWORD,
    lsp::SemanticTokenType::STRING,
    lsp::SemanticTokenType::NUMBER,
    lsp::SemanticTokenType::COMMENT,
    lsp::SemanticTokenType::OPERATOR,
    lsp::SemanticTokenType::FUNCTION,
    lsp::SemanticTokenType::VARIABLE,
    lsp::SemanticTokenType::NAMESPACE,
    lsp::SemanticTokenType::PROPERTY,
    lsp::SemanticTokenType::CLASS,
    lsp::SemanticTokenType::ENUM_MEMBER,
];

fn colour_index(c: Colour) -> u32 {
    match c {
        Colour::Keyword => 0,
        Colour::String => 1,
        Colour::Number => 2,
        Colour::Comment => 3,
        Colour::Operator => 4,
        Colour::Builtin => 5,
        Colour::Indicator => 6,
        Colour::Input => 7,
        Colour::Column => 8,
        Colour::Group => 9,
        Colour::Zone => 10,
    }
}

/// The positions of offsets asked for in increasing order, each found from the one
/// before: the UTF-16 columns of a line are counted once for all its tokens, not again
/// from the line's start for each (which made a long line's tokens quadratic).
struct Walk<'t> {
    text: &'t str,
    off: usize,
    line: u32,
    col: u32,
}

impl Walk<'_> {
    fn to(&mut self, a: &Analysis, offset: usize) -> lsp::Position {
        let offset = offset.min(self.text.len());
        if offset < self.off || !self.text.is_char_boundary(offset) {
            // (out of order, or inside a character: found from the lines' index)
            let p = position(a, offset);
            if self.text.is_char_boundary(offset) {
                (self.off, self.line, self.col) = (offset, p.line, p.character);
            }
            return p;
        }
        for c in self.text[self.off..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 0;
            } else {
                self.col += c.len_utf16() as u32;
            }
        }
        self.off = offset;
        lsp::Position::new(self.line, self.col)
    }
}

pub fn semantic_tokens(a: &Analysis) -> lsp::SemanticTokens {
    let mut data = Vec::new();
    let (mut line, mut col) = (0, 0);
    let mut walk = Walk {
        text: &a.text,
        off: 0,
        line: 0,
        col: 0,
    };
    for (span, colour, decl) in a.colours() {
        let s = walk.to(a, span.start);
        let e = walk.to(a, span.end);
        if e.line != s.line {
            continue; // tokens never span lines; a stray one is left uncoloured
        }
        data.push(lsp::SemanticToken {
            delta_line: s.line - line,
            delta_start: if s.line == line {
                s.character - col
            } else {
                s.character
            },
            length: e.character - s.character,
            token_type: colour_index(colour),
            token_modifiers_bitset: u32::from(decl),
        });
        (line, col) = (s.line, s.character);
    }
    lsp::SemanticTokens {
        result_id: None,
        data,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, though deprecated
pub fn symbols(a: &Analysis, o: &[Outline]) -> Vec<lsp::DocumentSymbol> {
    o.iter()
        .map(|e| lsp::DocumentSymbol {
            name: e.name.clone(),
            detail: e.detail.clone(),
            kind: match e.kind {
                OutlineKind::Header => lsp::SymbolKind::FILE,
                OutlineKind::Input => lsp::SymbolKind::MODULE,
                OutlineKind::Exclude => lsp::SymbolKind::EVENT,
                OutlineKind::Indicator => lsp::SymbolKind::VARIABLE,
                OutlineKind::Group => lsp::SymbolKind::CLASS,
                OutlineKind::Member => lsp::SymbolKind::FIELD,
                OutlineKind::Rank | OutlineKind::Uncertainty | OutlineKind::Defaults => {
                    lsp::SymbolKind::OBJECT
                }
                OutlineKind::Zones => lsp::SymbolKind::ENUM,
                OutlineKind::Zone => lsp::SymbolKind::ENUM_MEMBER,
            },
            tags: None,
            deprecated: None,
            range: range(a, e.span),
            selection_range: range(a, e.name_span),
            children: (!e.children.is_empty()).then(|| symbols(a, &e.children)),
        })
        .collect()
}

pub fn completion(a: &Analysis, span: Span, i: Item) -> lsp::CompletionItem {
    use metodika::builtins::docs::Kind;
    lsp::CompletionItem {
        kind: Some(match i.kind {
            ItemKind::Keyword => lsp::CompletionItemKind::KEYWORD,
            ItemKind::Indicator => lsp::CompletionItemKind::VARIABLE,
            ItemKind::Group => lsp::CompletionItemKind::CLASS,
            ItemKind::Input => lsp::CompletionItemKind::MODULE,
            ItemKind::Column => lsp::CompletionItemKind::FIELD,
            ItemKind::Value => lsp::CompletionItemKind::ENUM_MEMBER,
            ItemKind::Builtin(Kind::Function | Kind::Aggregate | Kind::RecordAggregate) => {
                lsp::CompletionItemKind::FUNCTION
            }
            ItemKind::Builtin(_) => lsp::CompletionItemKind::CONSTANT,
        }),
        detail: i.detail,
        documentation: i.doc.map(lsp::Documentation::String),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
            range: range(a, span),
            new_text: i.label.clone(),
        })),
        label: i.label,
        ..Default::default()
    }
}
