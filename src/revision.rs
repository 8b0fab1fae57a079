//! Revisions as deltas: a methodology whose header says `extends "pos-2025.metodika"`
//! states only what changes, and is checked, run, explained and compared as the whole
//! methodology that results.
//!
//! The files of a chain (the file given, its base, the base's base…) are laid one after
//! another in one text — the file given first, at offset 0 — and each is parsed at its
//! offset (after as many spaces), so that every span of the merged module says in which
//! file it is; [`Chain::split`] gives each diagnostic back to its file. Each file's
//! compact forms are written out on their own (a `defaults` applies to its own file),
//! then the revisions are applied from the root down:
//!
//! * header fields written replace the base's (the title always; notes replace all notes);
//! * an input or record input of a base's name replaces it, a new one is added;
//! * exclusions are added;
//! * `change indicator x ["Title"] { … }` replaces the fields of the kinds written;
//!   `change group g ["Title"] [aggregation] { … }` replaces the members whole (and the
//!   notes, when written);
//! * `remove indicator x` / `remove group g` removes it, and it from every group;
//! * a new indicator or group is added — one of a base's name is refused (E121, "write
//!   `change`");
//! * `score`, `rank`, `zones` and `uncertainty` replace the base's whole.

use crate::diag::{did_you_mean, Diagnostic, Related, SourceFile, Span};
use crate::i18n::t;
use crate::paths::RunOptions;
use crate::syntax::ast::*;
use std::path::{Path, PathBuf};

/// At most this many files in a chain of `extends`.
pub const MAX_CHAIN: usize = 16;

/// A file of a chain and where its text starts in the chain's text.
#[derive(Debug, Clone)]
pub struct Part {
    /// The file, named as the user reaches it (the given file's directory joined with
    /// the paths written).
    pub file: SourceFile,
    /// Where its text starts in [`Chain::text`].
    pub offset: usize,
}

/// A methodology and the files it extends, merged.
#[derive(Debug, Clone)]
pub struct Chain {
    /// The file given first, then its base, and so on.
    pub parts: Vec<Part>,
    /// Every part's text at its offset, a newline between two.
    pub text: String,
    /// The merged module, its compact forms written out, no `extends` left.
    pub module: Option<Module>,
    /// The problems of reading and merging (spans in [`Chain::text`]).
    pub diagnostics: Vec<Diagnostic>,
}

/// The `extends "…"` of a module's header, when it has one.
pub fn extends_of(m: &Module) -> Option<&Str> {
    m.items.iter().find_map(|i| match i {
        Item::Header(h) => h.fields.iter().find_map(|f| match f {
            HeaderField::Extends(s, _) => Some(s),
            _ => None,
        }),
        _ => None,
    })
}

impl Chain {
    /// The part whose text holds byte `at` of the chain's text.
    fn part_of(&self, at: usize) -> usize {
        self.parts.iter().rposition(|p| p.offset <= at).unwrap_or(0)
    }

    /// Each diagnostic with its file and its spans in that file's text: those of the
    /// file given first (index 0), then the others'. A related place in another file is
    /// drawn in that file, below the diagnostic ([`crate::diag::Elsewhere`]).
    pub fn split(&self, diagnostics: Vec<Diagnostic>) -> Vec<(usize, Diagnostic)> {
        diagnostics
            .into_iter()
            .map(|mut d| {
                let i = d.span.map_or(0, |s| self.part_of(s.start));
                let off = self.parts[i].offset;
                let mut elsewhere = Vec::new();
                d.related.retain(|r| {
                    let j = self.part_of(r.span.start);
                    if j == i {
                        return true;
                    }
                    let p = &self.parts[j];
                    elsewhere.push(crate::diag::Elsewhere {
                        file: p.file.clone(),
                        span: Span::new(r.span.start - p.offset, r.span.end - p.offset),
                        label: r.label.clone(),
                    });
                    false
                });
                if let Some(s) = &mut d.span {
                    *s = Span::new(s.start - off, s.end - off);
                }
                for r in &mut d.related {
                    r.span = Span::new(r.span.start - off, r.span.end - off);
                }
                d.elsewhere.extend(elsewhere);
                (i, d)
            })
            .collect()
    }
}

/// A base read from disk: where, shown how, its text; or why not.
struct Read {
    path: PathBuf,
    shown: String,
    text: String,
}

/// Read the base `written` by the file at `from` (shown as `from_shown`): relative to that
/// file's directory, confined to the directory tree of the first file (`opts.base_dir`)
/// unless `--allow-outside`.
fn read_base(
    written: &str,
    from: &Path,
    from_shown: &str,
    opts: &RunOptions,
) -> Result<Read, (String, String)> {
    let dir = from.parent().unwrap_or(Path::new(""));
    let path = dir.join(written);
    // confined as the inputs are: relative to the first file's directory
    let rel_dir = dir.strip_prefix(&opts.base_dir).unwrap_or(Path::new(""));
    let from_top = rel_dir.join(written);
    if let Some(why) = crate::paths::confinement("", &from_top.to_string_lossy(), opts) {
        return Err((
            t(
                "e120-outside",
                &[("base", written.into()), ("why", why.into())],
            ),
            t("e120-outside-help", &[]),
        ));
    }
    let shown = Path::new(from_shown)
        .parent()
        .unwrap_or(Path::new(""))
        .join(written)
        .display()
        .to_string();
    let file = crate::load::read_source(&path).map_err(|d| {
        (
            t(
                "e120-unreadable",
                &[("base", written.into()), ("why", d.message.into())],
            ),
            t("e120-unreadable-help", &[]),
        )
    })?;
    Ok(Read {
        path,
        shown,
        text: file.text.to_string(),
    })
}

/// The chain of a file that `extends` another: read, parsed and merged. `None` when the
/// module extends nothing.
pub fn resolve(
    file: &SourceFile,
    module: &Module,
    path: &Path,
    opts: &RunOptions,
) -> Option<Chain> {
    extends_of(module)?;
    let mut chain = Chain {
        parts: vec![Part {
            file: file.clone(),
            offset: 0,
        }],
        text: file.text.to_string(),
        module: None,
        diagnostics: Vec::new(),
    };
    let (first, early) = crate::check::expand::expand(module);
    chain.diagnostics.extend(early);
    chain.diagnostics.extend(header_twice(module));
    let mut modules = vec![first];
    let mut seen: Vec<PathBuf> = path.canonicalize().into_iter().collect();
    let mut at = (path.to_path_buf(), file.name.clone(), module.clone());
    // follow the chain up to its root
    while let Some(ext) = extends_of(&at.2).cloned() {
        // (each module was parsed at its offset: its spans are in the chain's text)
        let ext_span = ext.span;
        let fail = |chain: &mut Chain, msg: String, help: String| {
            chain.diagnostics.push(
                Diagnostic::error("E120", msg)
                    .at(ext_span, t("e120-label", &[]))
                    .help(help),
            );
        };
        if chain.parts.len() >= MAX_CHAIN {
            fail(
                &mut chain,
                t("e120-long", &[("n", MAX_CHAIN.into())]),
                t("e120-long-help", &[]),
            );
            return Some(chain);
        }
        let read = match read_base(&ext.value, &at.0, &at.1, opts) {
            Ok(r) => r,
            Err((m, h)) => {
                fail(&mut chain, m, h);
                return Some(chain);
            }
        };
        if let Ok(c) = read.path.canonicalize() {
            if seen.contains(&c) {
                let names: Vec<String> = chain
                    .parts
                    .iter()
                    .map(|p| p.file.name.clone())
                    .chain([read.shown.clone()])
                    .collect();
                fail(
                    &mut chain,
                    t("e120-cycle", &[("cycle", names.join(" → ").into())]),
                    t("e120-cycle-help", &[]),
                );
                return Some(chain);
            }
            seen.push(c);
        }
        // parse the base where its text will be: after the text so far and a newline
        let offset = chain.text.len() + 1;
        let padded = format!("{}{}", " ".repeat(offset), read.text);
        chain.text.push('\n');
        chain.text.push_str(&read.text);
        chain.parts.push(Part {
            file: SourceFile::new(read.shown.clone(), read.text.clone()),
            offset,
        });
        match crate::syntax::parse_padded(&padded, offset) {
            Err(d) => {
                chain.diagnostics.extend(d);
                return Some(chain);
            }
            Ok(m) => {
                let (expanded, early) = crate::check::expand::expand(&m);
                chain.diagnostics.extend(early);
                chain.diagnostics.extend(header_twice(&m));
                let inputs_from = relative_dir(&read.path, opts);
                modules.push(with_inputs_from(expanded, &inputs_from));
                at = (read.path, read.shown, m);
            }
        }
    }
    // apply the revisions from the root down
    let mut merged = modules.pop().expect("the chain has its first file");
    while let Some(delta) = modules.pop() {
        merged = merge(merged, delta, &mut chain.diagnostics);
    }
    strip_extends(&mut merged);
    chain.module = Some(merged);
    Some(chain)
}

/// A field of a file's own header written twice (`version`, `extends`, …; `note` may
/// repeat): E204, as in a file that extends nothing — a revision is not let off because
/// its fields are merged into the base's.
fn header_twice(m: &Module) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: Vec<(&'static str, Span)> = Vec::new();
    for item in &m.items {
        let Item::Header(h) = item else { continue };
        for f in &h.fields {
            let kw = match f {
                HeaderField::Version(..) => "version",
                HeaderField::Effective(..) => "effective",
                HeaderField::Key(..) => "key",
                HeaderField::Label(..) => "label",
                HeaderField::Missing(..) => "missing",
                HeaderField::Period(..) => "period",
                HeaderField::Extends(..) => "extends",
                HeaderField::Note(..) => continue,
            };
            match seen.iter().find(|(k, _)| *k == kw) {
                Some(&(_, first)) => out.push(
                    Diagnostic::error("E204", t("e204-message", &[("keyword", kw.into())]))
                        .at(f.span(), t("e204-label", &[]))
                        .related(first, t("e204-first", &[]))
                        .help(t("e204-help", &[("keyword", kw.into())])),
                ),
                None => seen.push((kw, f.span())),
            }
        }
    }
    out
}

/// The directory of a base, as its input paths must be written from the first file's
/// directory: `sub/` for a base in a subdirectory, nothing for one beside it.
fn relative_dir(base: &Path, opts: &RunOptions) -> PathBuf {
    let dir = base.parent().unwrap_or(Path::new(""));
    match dir.strip_prefix(&opts.base_dir) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => dir.to_path_buf(),
    }
}

/// A base's relative input paths, rewritten from the first file's directory.
fn with_inputs_from(mut m: Module, dir: &Path) -> Module {
    if dir.as_os_str().is_empty() {
        return m;
    }
    let fix = |s: &mut Str| {
        if !Path::new(&s.value).is_absolute() {
            s.value = dir.join(&s.value).to_string_lossy().into_owned();
        }
    };
    for item in &mut m.items {
        match item {
            Item::Input(i) => fix(&mut i.path),
            Item::Records(r) => fix(&mut r.path),
            _ => {}
        }
    }
    m
}

fn strip_extends(m: &mut Module) {
    for item in &mut m.items {
        if let Item::Header(h) = item {
            h.fields.retain(|f| !matches!(f, HeaderField::Extends(..)));
        }
    }
    // the compact forms are written out: their defaults must not apply again
    m.items.retain(|i| !matches!(i, Item::Defaults(_)));
    for item in &mut m.items {
        if let Item::Group(g) | Item::Score(g) = item {
            g.entries.retain(|e| !matches!(e, GroupEntry::Defaults(_)));
        }
    }
}

fn misfit(msg: String, at: Span, label: String, help: String) -> Diagnostic {
    Diagnostic::error("E121", msg).at(at, label).help(help)
}

/// E121 for a `change` or `remove` (the message `message`) of a `kind` the base does not
/// have, with the nearest name of that kind, or `otherwise`.
fn not_in_base(
    items: &[Item],
    kind: ChangeKind,
    message: &str,
    name: &Ident,
    otherwise: String,
) -> Diagnostic {
    let names = match kind {
        ChangeKind::Indicator => indicator_names(items),
        ChangeKind::Group => group_names(items),
    };
    misfit(
        t(message, &[("name", (&name.name).into())]),
        name.span,
        t("e121-not-in-base-label", &[]),
        did_you_mean(&name.name, names.iter().map(|s| s.as_str())).unwrap_or(otherwise),
    )
}

/// Put an input or record input in place of the base's of its name, or after the others.
fn replace_or_add_input(items: &mut Vec<Item>, name: &str, item: Item) {
    let same = |x: &Item| match x {
        Item::Input(o) => o.name.name == name,
        Item::Records(o) => o.name.name == name,
        _ => false,
    };
    match items.iter().position(same) {
        Some(k) => items[k] = item,
        None => {
            let k = after_last(items, |x| {
                matches!(x, Item::Input(_) | Item::Records(_) | Item::Header(_))
            });
            items.insert(k, item);
        }
    }
}

/// The index of the last item matching `f`, to add a new item of its kind after it.
fn after_last(items: &[Item], f: impl Fn(&Item) -> bool) -> usize {
    items.iter().rposition(f).map_or(items.len(), |i| i + 1)
}

fn indicator_names(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Indicator(x) => Some(x.name.name.clone()),
            _ => None,
        })
        .collect()
}

fn group_names(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Group(g) => g.name.as_ref().map(|n| n.name.clone()),
            _ => None,
        })
        .collect()
}

/// Apply the revision `delta` to `base`.
fn merge(base: Module, delta: Module, diags: &mut Vec<Diagnostic>) -> Module {
    let mut items = base.items;
    let mut changed: Vec<(String, Span)> = Vec::new();
    for item in delta.items {
        match item {
            Item::Header(h) => merge_header(&mut items, h),
            Item::Input(ref i) => {
                let name = i.name.name.clone();
                replace_or_add_input(&mut items, &name, item);
            }
            Item::Records(ref r) => {
                let name = r.name.name.clone();
                replace_or_add_input(&mut items, &name, item);
            }
            Item::Exclude(_) => {
                let k = after_last(&items, |x| {
                    matches!(
                        x,
                        Item::Exclude(_) | Item::Input(_) | Item::Records(_) | Item::Header(_)
                    )
                });
                items.insert(k, item);
            }
            Item::Defaults(_) => {}
            Item::Indicator(ref x) => {
                if items
                    .iter()
                    .any(|i| matches!(i, Item::Indicator(o) if o.name.name == x.name.name))
                {
                    diags.push(misfit(
                        t("e121-has-indicator", &[("name", (&x.name.name).into())]),
                        x.name.span,
                        t("e121-has-indicator-label", &[]),
                        t(
                            "e121-has-indicator-help",
                            &[("name", (&x.name.name).into())],
                        ),
                    ));
                    continue;
                }
                let k = after_last(&items, |i| matches!(i, Item::Indicator(_)));
                items.insert(k, item);
            }
            Item::Group(ref g) => {
                let name = g.name.as_ref().map(|n| n.name.clone()).unwrap_or_default();
                if group_names(&items).contains(&name) {
                    let at = g.name.as_ref().map_or(g.head, |n| n.span);
                    diags.push(misfit(
                        t("e121-has-group", &[("name", (&name).into())]),
                        at,
                        t("e121-has-group-label", &[]),
                        t("e121-has-group-help", &[("name", (&name).into())]),
                    ));
                    continue;
                }
                let k = after_last(&items, |i| matches!(i, Item::Group(_) | Item::Indicator(_)));
                items.insert(k, item);
            }
            Item::Score(_) | Item::Rank(_) | Item::Zones(_) | Item::Uncertainty(_) => {
                let same = |i: &Item| std::mem::discriminant(i) == std::mem::discriminant(&item);
                match items.iter().position(same) {
                    Some(k) => items[k] = item,
                    None => items.push(item),
                }
            }
            Item::Change(c) => {
                if let Some((_, first)) = changed
                    .iter()
                    .find(|(n, _)| *n == format!("{} {}", c.kind.word(), c.name.name))
                {
                    let mut d = misfit(
                        t(
                            match c.kind {
                                ChangeKind::Indicator => "e121-twice-indicator",
                                ChangeKind::Group => "e121-twice-group",
                            },
                            &[("name", (&c.name.name).into())],
                        ),
                        c.name.span,
                        t("e121-twice-label", &[]),
                        t("e121-twice-help", &[]),
                    );
                    d.related.push(Related {
                        span: *first,
                        label: t("e121-twice-first", &[]),
                    });
                    diags.push(d);
                    continue;
                }
                changed.push((format!("{} {}", c.kind.word(), c.name.name), c.name.span));
                apply_change(&mut items, c, diags);
            }
            Item::Remove(r) => apply_remove(&mut items, r, diags),
        }
    }
    Module { items }
}

fn merge_header(items: &mut [Item], delta: Header) {
    let Some(Item::Header(base)) = items.iter_mut().find(|i| matches!(i, Item::Header(_))) else {
        return;
    };
    base.title = delta.title;
    base.span = delta.span;
    base.close = delta.close;
    let kind = |f: &HeaderField| std::mem::discriminant(f);
    if delta
        .fields
        .iter()
        .any(|f| matches!(f, HeaderField::Note(..)))
    {
        base.fields.retain(|f| !matches!(f, HeaderField::Note(..)));
    }
    for f in delta.fields {
        match f {
            HeaderField::Note(..) => base.fields.push(f),
            HeaderField::Extends(..) => {}
            _ => match base.fields.iter().position(|b| kind(b) == kind(&f)) {
                Some(k) => base.fields[k] = f,
                None => base.fields.push(f),
            },
        }
    }
}

fn apply_change(items: &mut [Item], c: Change, diags: &mut Vec<Diagnostic>) {
    let name = &c.name.name;
    match c.kind {
        ChangeKind::Indicator => {
            let Some(ind) = items.iter_mut().find_map(|i| match i {
                Item::Indicator(x) if &x.name.name == name => Some(x),
                _ => None,
            }) else {
                diags.push(not_in_base(
                    items,
                    c.kind,
                    "e121-change-indicator",
                    &c.name,
                    t("e121-change-indicator-help", &[]),
                ));
                return;
            };
            if let Some(t) = c.title {
                ind.title = t;
            }
            let kind = |f: &IndicatorField| std::mem::discriminant(f);
            for f in &c.fields {
                ind.fields.retain(|b| kind(b) != kind(f));
            }
            ind.fields.extend(c.fields);
            ind.line = false;
        }
        ChangeKind::Group => {
            let Some(g) = items.iter_mut().find_map(|i| match i {
                Item::Group(g) if g.name.as_ref().is_some_and(|n| &n.name == name) => Some(g),
                _ => None,
            }) else {
                diags.push(not_in_base(
                    items,
                    c.kind,
                    "e121-change-group",
                    &c.name,
                    t("e121-change-group-help", &[]),
                ));
                return;
            };
            if let Some(t) = c.title {
                g.title = t;
            }
            if let Some(a) = c.aggregation {
                g.aggregation = Some(a);
            }
            // (a revision's notes replace the notes, its coverage the coverage, its members
            // the members)
            let is_note = |e: &GroupEntry| matches!(e, GroupEntry::Note(..));
            let is_cov = |e: &GroupEntry| matches!(e, GroupEntry::Coverage(..));
            let has_notes = c.entries.iter().any(is_note);
            let has_cov = c.entries.iter().any(is_cov);
            let has_members = c.entries.iter().any(|e| !is_note(e) && !is_cov(e));
            g.entries.retain(|e| {
                if is_note(e) {
                    !has_notes
                } else if is_cov(e) {
                    !has_cov
                } else {
                    !has_members
                }
            });
            g.entries.extend(c.entries);
            g.close = c.close;
        }
    }
}

fn apply_remove(items: &mut Vec<Item>, r: Remove, diags: &mut Vec<Diagnostic>) {
    let name = &r.name.name;
    let found = items.iter().position(|i| match (i, r.kind) {
        (Item::Indicator(x), ChangeKind::Indicator) => &x.name.name == name,
        (Item::Group(g), ChangeKind::Group) => g.name.as_ref().is_some_and(|n| &n.name == name),
        _ => false,
    });
    let Some(k) = found else {
        diags.push(not_in_base(
            items,
            r.kind,
            match r.kind {
                ChangeKind::Indicator => "e121-remove-indicator",
                ChangeKind::Group => "e121-remove-group",
            },
            &r.name,
            t(
                match r.kind {
                    ChangeKind::Indicator => "e121-remove-indicator-help",
                    ChangeKind::Group => "e121-remove-group-help",
                },
                &[],
            ),
        ));
        return;
    };
    items.remove(k);
    // and from every group that lists it
    for item in items.iter_mut() {
        if let Item::Group(g) | Item::Score(g) = item {
            g.entries
                .retain(|e| !matches!(e, GroupEntry::Member(m) if &m.name.name == name));
        }
    }
}
