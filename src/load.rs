//! From a file on disk to a checked methodology: read, parse, check, with every
//! diagnostic kept for the caller to render.

use crate::check::{self, Headers, Methodology};
use crate::diag::{Diagnostic, SourceFile};
use crate::i18n::t;
use crate::paths::{input_path, RunOptions};
use crate::syntax::{self, ast::Module};
use std::path::Path;

/// A methodology file after the front half of the pipeline.
pub struct Loaded {
    /// The file's name and text, for rendering diagnostics.
    pub file: SourceFile,
    /// The syntax tree, when the file parses.
    pub module: Option<Module>,
    /// The checked methodology, when there is no error.
    pub methodology: Option<Methodology>,
    /// Every problem of this file, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// For a methodology that `extends` another: the problems found in the files it
    /// extends, each file with its own, in the chain's order (the base first).
    pub others: Vec<(SourceFile, Vec<Diagnostic>)>,
    /// For a methodology that `extends` another: the chain of files and the merged module.
    pub revision: Option<crate::revision::Chain>,
}

impl Loaded {
    /// Whether any diagnostic is an error (then nothing runs).
    pub fn has_errors(&self) -> bool {
        self.all().any(|(_, d)| d.is_error())
    }

    /// Every diagnostic with its file: the files extended first, then this file's.
    pub fn all(&self) -> impl Iterator<Item = (&SourceFile, &Diagnostic)> {
        self.others
            .iter()
            .flat_map(|(f, ds)| ds.iter().map(move |d| (f, d)))
            .chain(self.diagnostics.iter().map(|d| (&self.file, d)))
    }
}

/// Column names read from the input files, so that the checker can check columns.
pub struct FileHeaders<'a> {
    /// Where the inputs are, to read their headers.
    pub opts: &'a RunOptions,
}

impl Headers for FileHeaders<'_> {
    fn refuse(&self, name: &str, path: &str) -> Option<String> {
        crate::paths::confinement(name, path, self.opts)
    }

    fn record_schema(
        &self,
        name: &str,
        path: &str,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Vec<(String, crate::data::records::ColType)>, String> {
        self.record_schema_of(name, path, encoding)
    }

    fn columns(
        &self,
        name: &str,
        path: &str,
        how: &crate::data::ReadAs,
    ) -> Result<Vec<String>, String> {
        let (p, parquet) = self.locate(name, path)?;
        if parquet {
            #[cfg(feature = "engine")]
            return crate::data::parquet::parquet_header(&p);
        }
        if crate::data::workbook::is_workbook(&p) {
            return crate::data::workbook::read_workbook_header(name, &p.to_string_lossy(), how)
                .map_err(|e| e.message);
        }
        let encoding = crate::paths::input_encoding(name, how.encoding, self.opts);
        crate::data::read_csv_header(name, &p.to_string_lossy(), encoding).map_err(|e| e.message)
    }
}

impl FileHeaders<'_> {
    /// Where input `name` is, and whether it is Parquet; `Err` when it cannot be read.
    fn locate(&self, name: &str, path: &str) -> Result<(std::path::PathBuf, bool), String> {
        let mut p = input_path(name, path, self.opts);
        // a template of files by year: the newest tells the columns
        if p.to_string_lossy().contains("{year}") {
            let files = crate::paths::template_files(&p, None)?;
            // every file it matches stays inside the methodology's directory
            if let Some(why) = files
                .iter()
                .find_map(|f| crate::paths::confined_file(name, f, self.opts))
            {
                return Err(why);
            }
            p = files.into_iter().next_back().unwrap_or(p);
        }
        if !p.exists() {
            return Err(t(
                "file-not-found",
                &[("file", p.display().to_string().into())],
            ));
        }
        let parquet = crate::paths::is_parquet(&p);
        // (the CSV reader refuses what is not a regular file itself)
        if parquet {
            if let Err(e) = crate::paths::open_regular(&p) {
                return Err(t(
                    "file-unreadable",
                    &[
                        ("file", p.display().to_string().into()),
                        ("why", e.to_string().into()),
                    ],
                ));
            }
            if cfg!(not(feature = "engine")) {
                return Err(t("parquet-no-engine", &[]));
            }
        }
        Ok((p, parquet))
    }

    fn record_schema_of(
        &self,
        name: &str,
        path: &str,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Vec<(String, crate::data::records::ColType)>, String> {
        let (p, parquet) = self.locate(name, path)?;
        if parquet {
            #[cfg(feature = "engine")]
            return crate::data::parquet::parquet_record_schema(&p);
        }
        let encoding = crate::paths::input_encoding(name, encoding, self.opts);
        crate::data::records::csv_schema(name, &p.to_string_lossy(), encoding)
            .map_err(|e| e.message)
    }
}

/// Read a file's text; a file that is not UTF-8 is refused with E003.
pub fn read_source(path: &Path) -> Result<SourceFile, Box<Diagnostic>> {
    use std::io::Read;
    // (a `git:` source's copy is named as the user wrote it)
    let name = crate::source::shown_name(path);
    let cannot = |e: std::io::Error| {
        Box::new(
            Diagnostic::error(
                "E007",
                t(
                    "e007-message",
                    &[("file", (&name).into()), ("why", e.to_string().into())],
                ),
            )
            .help(t("e007-help", &[])),
        )
    };
    // Read no more than the limit (and one byte to tell that it is over).
    let limit = crate::syntax::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    crate::paths::open_regular(path)
        .map_err(cannot)?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > limit {
        return Err(Box::new(
            Diagnostic::error(
                "E006",
                t(
                    "e006-file",
                    &[("file", (&name).into()), ("limit", (limit as u64).into())],
                ),
            )
            .help(t("e006-help", &[])),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let (line, _) = SourceFile::new("", text).line_col(at);
            Err(Box::new(
                Diagnostic::error(
                    "E003",
                    t(
                        "e003-message",
                        &[
                            ("file", (&name).into()),
                            ("offset", at.to_string().into()),
                            ("line", line.to_string().into()),
                        ],
                    ),
                )
                .help(t("e003-help", &[])),
            ))
        }
    }
}

/// Parse and check a methodology's text.
pub fn load_text(file: SourceFile, headers: &dyn Headers) -> Loaded {
    match syntax::parse(&file.text) {
        Err(diagnostics) => Loaded {
            file,
            module: None,
            methodology: None,
            diagnostics,
            others: Vec::new(),
            revision: None,
        },
        Ok(module) => {
            let mut checked = check::check(&module, headers);
            crate::diag::drop_allowed(&file.text, &mut checked.diagnostics);
            Loaded {
                file,
                module: Some(module),
                methodology: checked.methodology,
                diagnostics: checked.diagnostics,
                others: Vec::new(),
                revision: None,
            }
        }
    }
}

/// Parse and check the text of the file at `path`: a methodology that `extends` another
/// is merged with it first (see [`crate::revision`]), and each diagnostic goes to its file.
pub fn load_text_at(
    file: SourceFile,
    path: &Path,
    opts: &RunOptions,
    headers: &dyn Headers,
) -> Loaded {
    let module = match syntax::parse(&file.text) {
        Ok(m) => m,
        Err(_) => return load_text(file, headers),
    };
    let Some(chain) = crate::revision::resolve(&file, &module, path, opts) else {
        return load_text(file, headers);
    };
    let mut diagnostics = chain.diagnostics.clone();
    let mut methodology = None;
    if !diagnostics.iter().any(|d| d.is_error()) {
        if let Some(m) = &chain.module {
            let base_from = chain.parts.get(1).map(|p| p.offset);
            let checked = check::check_revision(m, headers, base_from);
            diagnostics.extend(checked.diagnostics);
            methodology = checked.methodology;
        }
    }
    let mut mine = Vec::new();
    let mut others: Vec<(SourceFile, Vec<Diagnostic>)> = chain.parts[1..]
        .iter()
        .rev()
        .map(|p| (p.file.clone(), Vec::new()))
        .collect();
    let n = chain.parts.len();
    for (i, d) in chain.split(diagnostics) {
        if i == 0 {
            mine.push(d);
        } else {
            others[n - 1 - i].1.push(d);
        }
    }
    let by_place = |d: &Diagnostic| d.span.map_or(0, |s| s.start);
    // the warnings each file's own comments allow (`# metodika: allow W007`)
    crate::diag::drop_allowed(&file.text, &mut mine);
    mine.sort_by_key(by_place);
    for (f, ds) in &mut others {
        crate::diag::drop_allowed(&f.text, ds);
        ds.sort_by_key(by_place);
    }
    others.retain(|(_, ds)| !ds.is_empty());
    Loaded {
        file,
        module: Some(module),
        methodology,
        diagnostics: mine,
        others,
        revision: Some(chain),
    }
}

/// Read, parse and check a methodology file; its inputs are looked up relative to it
/// unless `opts` names them.
pub fn load_file(path: &Path, opts: &RunOptions) -> Result<Loaded, Box<Diagnostic>> {
    let file = read_source(path)?;
    Ok(load_text_at(file, path, opts, &FileHeaders { opts }))
}

/// The whole methodology a file amounts to, in canonical form and without comments: for
/// one that `extends` another, the merged result; for any, every compact form written
/// out (`defaults` applied, indicators written in groups made top-level). `None` when the
/// file does not parse or its chain cannot be merged.
pub fn expanded_text(loaded: &Loaded) -> Option<String> {
    let (module, text) = match &loaded.revision {
        None => (
            check::expand::expand(loaded.module.as_ref()?).0,
            loaded.file.text.to_string(),
        ),
        Some(chain) => {
            if chain.diagnostics.iter().any(|d| d.is_error()) {
                return None;
            }
            (chain.module.clone()?, chain.text.clone())
        }
    };
    // each item formatted on its own (its spans are in `text`, where comments and line
    // ends are blanked: no comment, and no blank line, of one file lands among the
    // fields of another), then the whole formatted again, for one alignment
    let blank = blank_comments(&text).replace('\n', " ");
    let mut out = String::new();
    let mut prev: Option<&crate::syntax::ast::Item> = None;
    for item in &module.items {
        use crate::syntax::ast::Item;
        if matches!(item, Item::Defaults(_)) {
            continue;
        }
        let one = Module {
            items: vec![item.clone()],
        };
        // one-line items of a kind stay together, as `fmt` keeps them
        let together = matches!(
            (prev, item),
            (
                Some(Item::Input(_) | Item::Records(_)),
                Item::Input(_) | Item::Records(_)
            ) | (Some(Item::Exclude(_)), Item::Exclude(_))
        );
        if prev.is_some() {
            out.push_str(if together { "\n" } else { "\n\n" });
        }
        out.push_str(crate::fmt::format(&one, &blank).trim());
        prev = Some(item);
    }
    out.push('\n');
    let module = syntax::parse(&out).ok()?;
    Some(crate::fmt::format(&module, &out))
}

/// `text` with every comment made spaces (line ends kept): what [`expanded_text`] formats
/// from, so that no comment of one file lands beside an item of another.
fn blank_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
                out.push(c);
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
            continue;
        }
        match c {
            '"' if !escaped => in_string = !in_string,
            '#' if !in_string => {
                in_comment = true;
                out.push(' ');
                continue;
            }
            '\n' => in_string = false,
            _ => {}
        }
        escaped = in_string && c == '\\' && !escaped;
        out.push(c);
    }
    out
}

/// Run options for a methodology file: its directory as the base of relative paths.
pub fn options_for(path: &Path) -> RunOptions {
    RunOptions {
        // (standard input's paths are the current directory's)
        base_dir: crate::source::base_dir_of(path)
            .unwrap_or_else(|| path.parent().map(|p| p.to_path_buf()).unwrap_or_default()),
        inputs: Default::default(),
        allow_outside: false,
        large_plan: None,
        dense: None,
        period: None,
        streaming: None,
        profile: false,
    }
}
