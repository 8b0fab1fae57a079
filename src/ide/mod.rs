//! What an editor asks of a methodology file, answered in byte spans: the checker's
//! diagnostics, what a name refers to (definition, references, rename), hover text,
//! completion, the outline and the tokens to colour. Nothing here knows the editor's
//! protocol: `metodika lsp` (src/cli/lsp) turns spans into UTF-16 positions with
//! [`lines::Lines`] and answers in JSON-RPC. It works on text that does not parse too:
//! completion and highlighting read the forgiving tokenizer ([`lex`]), the rest the last
//! syntax tree.

pub mod complete;
pub mod frame;
mod hover;
pub mod lex;
pub mod lines;
pub mod symbols;

use crate::check::{self, Headers, Methodology};
use crate::data::records::ColType;
use crate::diag::{Diagnostic, Span};
use crate::i18n::t;
use crate::syntax::{self, ast::*};
pub use symbols::{Occurrence, Sym};

/// What the editor knows of the inputs' files: their columns, read off the thread that
/// answers the editor (see `metodika lsp`).
pub trait Columns {
    /// The file of input `name` and its columns with their types (`None` for a type not
    /// told); `None` when the file is not read (yet, or at all: then the reason).
    fn columns(&self, input: &str) -> Result<Vec<(String, Option<ColType>)>, String>;
}

/// No file read: for text on its own.
pub struct NoColumns;

impl Columns for NoColumns {
    fn columns(&self, _: &str) -> Result<Vec<(String, Option<ColType>)>, String> {
        Err("the file is not read".into())
    }
}

/// A file, parsed and checked once per change.
pub struct Analysis {
    /// The text.
    pub text: String,
    /// Where its lines start.
    pub lines: lines::Lines,
    /// The syntax tree, when it parses.
    pub module: Option<Module>,
    /// The checked methodology, when it has no error.
    pub methodology: Option<Methodology>,
    /// Every problem, as `metodika check` reports it.
    pub diagnostics: Vec<Diagnostic>,
    /// Every name and what it refers to (empty when the text does not parse).
    pub occurrences: Vec<Occurrence>,
    /// The tokens, whether it parses or not.
    pub tokens: Vec<lex::Token>,
    /// For a revision (`extends "…"`): the merged module and the text of the chain its
    /// spans are in (this file's text first, so that its own spans read the same).
    pub merged: Option<(Module, String)>,
}

/// An entry of the outline.
#[derive(Debug, Clone)]
pub struct Outline {
    /// Its name as shown.
    pub name: String,
    /// Its title or file, shown beside.
    pub detail: Option<String>,
    /// What it is.
    pub kind: OutlineKind,
    /// The whole item.
    pub span: Span,
    /// Its name (what the editor selects).
    pub name_span: Span,
    /// Its members, zones or fields.
    pub children: Vec<Outline>,
}

/// What an outline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    /// The `methodology` header.
    Header,
    /// An input or record input.
    Input,
    /// An exclusion.
    Exclude,
    /// An indicator.
    Indicator,
    /// A group or the score.
    Group,
    /// A member of a group.
    Member,
    /// The `rank` block.
    Rank,
    /// The `zones` block.
    Zones,
    /// A zone.
    Zone,
    /// The `uncertainty` block.
    Uncertainty,
    /// A `defaults` block.
    Defaults,
}

/// How a token is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// A keyword.
    Keyword,
    /// A string.
    String,
    /// A number, percentage or date.
    Number,
    /// A comment.
    Comment,
    /// An operator.
    Operator,
    /// A built-in.
    Builtin,
    /// An indicator.
    Indicator,
    /// An input or record input.
    Input,
    /// A column.
    Column,
    /// A group.
    Group,
    /// A zone.
    Zone,
}

/// How the outline shows what a revision changes or removes.
fn outline_kind(k: ChangeKind) -> OutlineKind {
    match k {
        ChangeKind::Group => OutlineKind::Group,
        ChangeKind::Indicator => OutlineKind::Indicator,
    }
}

impl Analysis {
    /// Parse and check `text`, its inputs' columns from `headers`.
    pub fn new(text: String, headers: &dyn Headers) -> Analysis {
        let lines = lines::Lines::new(&text);
        let tokens = lex::tokens(&text);
        let (module, methodology, diagnostics) = match syntax::parse(&text) {
            Err(d) => (None, None, d),
            Ok(m) => {
                let c = check::check(&m, headers);
                (Some(m), c.methodology, c.diagnostics)
            }
        };
        let occurrences = module
            .as_ref()
            .map(symbols::occurrences)
            .unwrap_or_default();
        Analysis {
            text,
            lines,
            module,
            methodology,
            diagnostics,
            occurrences,
            tokens,
            merged: None,
        }
    }

    /// Like [`Analysis::new`], for the file at `path`: a revision (`extends "…"`) is checked
    /// merged with the files it extends (read from disk); their own problems are told on
    /// the `extends` line, one diagnostic per file.
    pub fn for_file(
        text: String,
        path: &std::path::Path,
        opts: &crate::paths::RunOptions,
        headers: &dyn Headers,
    ) -> Analysis {
        // (a file without the word is no revision: no probe parse for it, so that the
        // usual file is parsed once per change)
        let is_revision = text.contains("extends")
            && syntax::parse(&text)
                .ok()
                .is_some_and(|m| crate::revision::extends_of(&m).is_some());
        if !is_revision {
            return Analysis::new(text, headers);
        }
        let file = crate::diag::SourceFile::new(path.display().to_string(), text.clone());
        let loaded = crate::load::load_text_at(file, path, opts, headers);
        let mut a = Analysis::new(text, &check::NoHeaders);
        let at = loaded
            .module
            .as_ref()
            .and_then(crate::revision::extends_of)
            .map(|s| s.span);
        let mut diagnostics = loaded.diagnostics;
        for (f, ds) in &loaded.others {
            let errors: Vec<&Diagnostic> = ds.iter().filter(|d| d.is_error()).collect();
            let Some(first) = errors.first() else {
                continue;
            };
            let line = first.span.map_or(1, |sp| {
                f.text[..sp.start.min(f.text.len())].matches('\n').count() + 1
            });
            let mut d = Diagnostic::error(
                first.code,
                t(
                    "ide-base-errors",
                    &[
                        ("file", (&f.name).into()),
                        ("n", errors.len().into()),
                        ("line", line.to_string().into()),
                        ("first", (&first.message).into()),
                    ],
                ),
            )
            .help(t("ide-base-errors-help", &[("file", (&f.name).into())]));
            if let Some(sp) = at {
                d = d.at(sp, t("ide-base-errors-label", &[]));
            }
            diagnostics.push(d);
        }
        a.methodology = loaded.methodology;
        a.diagnostics = diagnostics;
        a.merged = loaded.revision.and_then(|c| Some((c.module?, c.text)));
        a
    }

    /// The name at byte `offset` (a cursor just after a name is on it).
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        let i = self.occurrences.partition_point(|o| o.span.end < offset);
        self.occurrences[i..]
            .iter()
            .take_while(|o| o.span.start <= offset)
            .find(|o| o.span.start <= offset && offset <= o.span.end)
    }

    /// Where `sym` is defined in this file.
    pub fn definition(&self, sym: &Sym) -> Option<Span> {
        self.occurrences
            .iter()
            .find(|o| o.def && &o.sym == sym)
            .map(|o| o.span)
    }

    /// Every place `sym` is named, its definition first when asked for.
    pub fn references(&self, sym: &Sym, with_definition: bool) -> Vec<Span> {
        let mut v: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| &o.sym == sym && (with_definition || !o.def))
            .collect();
        v.sort_by_key(|o| (!o.def, o.span.start));
        v.into_iter().map(|o| o.span).collect()
    }

    /// The spans to rewrite to rename what is at `offset` to `new`; `Err` says why not.
    pub fn rename(&self, offset: usize, new: &str) -> Result<Vec<Span>, String> {
        let Some(o) = self.at(offset) else {
            return Err(if self.module.is_none() {
                "the file does not parse: put its errors right first".into()
            } else {
                "no indicator, group, input or zone here".into()
            });
        };
        // a name given to a header (`column население = "…"`) is the file's own: renamable
        let given = matches!(o.sym, Sym::Column(..))
            && self.occurrences.iter().any(|x| x.def && x.sym == o.sym);
        if !o.sym.renamable() && !given {
            return Err(
                "only indicators, groups, inputs, zones and names given to columns can be renamed"
                    .into(),
            );
        }
        if !syntax::is_name(new) {
            return Err(format!(
                "`{new}` is not a name: a word of letters, digits and `_`, not a keyword"
            ));
        }
        let taken = self.occurrences.iter().any(|x| {
            x.def
                && (matches!(&x.sym, Sym::Input(n) | Sym::Records(n) | Sym::Indicator(n) | Sym::Group(n) | Sym::Zone(n) if n == new)
                    || matches!((&x.sym, &o.sym), (Sym::Column(i, n), Sym::Column(j, _)) if i == j && n == new))
        });
        if taken || matches!(new, "score" | "place") {
            return Err(format!("`{new}` is taken: it names something else already"));
        }
        let sym = o.sym.clone();
        Ok(self.references(&sym, true))
    }

    /// The text in canonical form (`metodika fmt`), when it parses.
    pub fn format(&self) -> Option<String> {
        self.module
            .as_ref()
            .map(|m| crate::fmt::format(m, &self.text))
    }

    /// The outline: header, inputs, exclusions, indicators, groups, score, rank, zones.
    pub fn outline(&self) -> Vec<Outline> {
        let Some(m) = &self.module else {
            return Vec::new();
        };
        let entry = |name: &str, detail: Option<&str>, kind, span, name_span| Outline {
            name: name.to_string(),
            detail: detail.map(str::to_string),
            kind,
            span,
            name_span,
            children: Vec::new(),
        };
        let head = |span: Span, word: &str| Span::new(span.start, span.start + word.len());
        m.items
            .iter()
            .map(|item| match item {
                Item::Header(h) => entry(
                    &h.title.value,
                    None,
                    OutlineKind::Header,
                    h.span,
                    h.title.span,
                ),
                Item::Input(i) => entry(
                    &i.name.name,
                    Some(&i.path.value),
                    OutlineKind::Input,
                    i.span,
                    i.name.span,
                ),
                Item::Records(r) => entry(
                    &r.name.name,
                    Some(&r.path.value),
                    OutlineKind::Input,
                    r.span,
                    r.name.span,
                ),
                Item::Exclude(x) => entry(
                    "exclude",
                    Some(&x.reason.value),
                    OutlineKind::Exclude,
                    x.span,
                    head(x.span, "exclude"),
                ),
                Item::Defaults(d) => entry(
                    "defaults",
                    None,
                    OutlineKind::Defaults,
                    d.span,
                    head(d.span, "defaults"),
                ),
                Item::Indicator(i) => entry(
                    &i.name.name,
                    Some(&i.title.value),
                    OutlineKind::Indicator,
                    i.span,
                    i.name.span,
                ),
                Item::Group(g) | Item::Score(g) => {
                    let (name, ns) = match &g.name {
                        Some(n) => (n.name.as_str(), n.span),
                        None => ("score", head(g.span, "score")),
                    };
                    let mut e = entry(name, Some(&g.title.value), OutlineKind::Group, g.span, ns);
                    e.children = g
                        .entries
                        .iter()
                        .filter_map(|x| match x {
                            GroupEntry::Member(mb) => {
                                let w = mb
                                    .weight
                                    .as_ref()
                                    .map(|w| &self.text[w.span.start..w.span.end]);
                                Some(entry(
                                    &mb.name.name,
                                    w,
                                    OutlineKind::Member,
                                    mb.span,
                                    mb.name.span,
                                ))
                            }
                            GroupEntry::Indicator(ind, ..) => Some(entry(
                                &ind.name.name,
                                Some(&ind.title.value),
                                OutlineKind::Indicator,
                                x.span(),
                                ind.name.span,
                            )),
                            GroupEntry::Defaults(d) => Some(entry(
                                "defaults",
                                None,
                                OutlineKind::Defaults,
                                d.span,
                                head(d.span, "defaults"),
                            )),
                            GroupEntry::Note(..) | GroupEntry::Coverage(..) => None,
                        })
                        .collect();
                    e
                }
                Item::Rank(r) => entry(
                    "rank",
                    None,
                    OutlineKind::Rank,
                    r.span,
                    head(r.span, "rank"),
                ),
                Item::Zones(z) => {
                    let mut e = entry(
                        "zones",
                        None,
                        OutlineKind::Zones,
                        z.span,
                        head(z.span, "zones"),
                    );
                    e.children = z
                        .zones
                        .iter()
                        .map(|zone| {
                            entry(
                                &zone.name.name,
                                Some(&zone.title.value),
                                OutlineKind::Zone,
                                zone.span,
                                zone.name.span,
                            )
                        })
                        .collect();
                    e
                }
                Item::Uncertainty(u) => entry(
                    "uncertainty",
                    None,
                    OutlineKind::Uncertainty,
                    u.span,
                    head(u.span, "uncertainty"),
                ),
                Item::Change(c) => entry(
                    &c.name.name,
                    Some("change"),
                    outline_kind(c.kind),
                    c.span,
                    c.name.span,
                ),
                Item::Remove(r) => entry(
                    &r.name.name,
                    Some("remove"),
                    outline_kind(r.kind),
                    r.span,
                    r.name.span,
                ),
            })
            .collect()
    }

    /// Every token with its colour, in order; names coloured by what they refer to, and
    /// the declarations marked.
    pub fn colours(&self) -> Vec<(Span, Colour, bool)> {
        let mut occ = self.occurrences.iter().peekable();
        let mut out = Vec::with_capacity(self.tokens.len());
        for (k, t) in self.tokens.iter().enumerate() {
            while occ.peek().is_some_and(|o| o.span.start < t.span.start) {
                occ.next();
            }
            let named = occ.peek().filter(|o| o.span == t.span);
            let colour = match t.kind {
                lex::Tok::Comment => Colour::Comment,
                lex::Tok::Str => Colour::String,
                lex::Tok::Number | lex::Tok::Percent | lex::Tok::Date => Colour::Number,
                lex::Tok::Punct => Colour::Operator,
                lex::Tok::Word => match named.map(|o| &o.sym) {
                    Some(Sym::Indicator(_)) => Colour::Indicator,
                    Some(Sym::Group(_)) => Colour::Group,
                    Some(Sym::Input(_) | Sym::Records(_)) => Colour::Input,
                    Some(Sym::Column(..) | Sym::KeyColumn(..)) => Colour::Column,
                    Some(Sym::Zone(_)) => Colour::Zone,
                    Some(Sym::Builtin(..)) => Colour::Builtin,
                    Some(Sym::Result(_)) => Colour::Keyword,
                    None if self.keyword_at(k) => Colour::Keyword,
                    None => continue,
                },
            };
            out.push((t.span, colour, named.is_some_and(|o| o.def)));
        }
        out
    }

    /// Whether token `k`, a word, is a keyword where it stands: in the list, not after a
    /// `.` and not called.
    pub fn keyword_at(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        let word = &self.text[t.span.start..t.span.end];
        let punct = |j: usize, p: &str| {
            self.tokens.get(j).is_some_and(|t| {
                t.kind == lex::Tok::Punct && &self.text[t.span.start..t.span.end] == p
            })
        };
        lex::is_keyword(word) && !(k > 0 && punct(k - 1, ".")) && !punct(k + 1, "(")
    }

    /// The hover text of what is at `offset` (Markdown), and the span it is about.
    pub fn hover(&self, offset: usize, columns: &dyn Columns) -> Option<(Span, String)> {
        hover::hover(self, offset, columns)
    }

    /// The source text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        let text = self.merged.as_ref().map_or(&self.text, |(_, t)| t);
        text.get(span.start..span.end).unwrap_or_default()
    }
}

/// The names `m` gives to the headers of input (or record input) `input`
/// (`column население = "…"`), in the order written.
pub fn given_names<'m>(
    m: &'m crate::syntax::ast::Module,
    input: &str,
) -> Vec<&'m crate::syntax::ast::ColumnAlias> {
    use crate::syntax::ast::{Item, RecordsField};
    m.items
        .iter()
        .flat_map(|i| -> Vec<&crate::syntax::ast::ColumnAlias> {
            match i {
                Item::Input(x) if x.name.name == input => x.columns.iter().collect(),
                Item::Records(x) if x.name.name == input => x
                    .fields
                    .iter()
                    .filter_map(|f| match f {
                        RecordsField::Column(c) => Some(c),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        })
        .collect()
}
