//! From a file on disk to a checked methodology: read, parse, check, with every
//! diagnostic kept for the caller to render.

use crate::check::{self, Headers, Methodology};
use crate::diag::{Diagnostic, SourceFile};
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
    /// Every problem, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether any diagnostic is an error (then nothing runs).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
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
            p = crate::paths::template_files(&p, None)?.pop().unwrap_or(p);
        }
        if !p.exists() {
            return Err(format!("file not found: {}", p.display()));
        }
        let parquet = crate::paths::is_parquet(&p);
        // (the CSV reader refuses what is not a regular file itself)
        if parquet {
            if let Err(e) = crate::paths::open_regular(&p) {
                return Err(format!("cannot read {}: {e}", p.display()));
            }
            if cfg!(not(feature = "engine")) {
                return Err(
                    "Parquet files are read by the engine, which this build leaves out".into(),
                );
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
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| {
        Box::new(
            Diagnostic::error("E007", format!("cannot read `{name}`: {e}"))
                .help("give the path of a methodology file (*.metodika)"),
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
                format!("`{name}` is too large (over {limit} bytes, the limit)"),
            )
            .help("a methodology is a few hundred lines; is this the right file?"),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let (line, _) = SourceFile::new("", text).line_col(at);
            Err(Box::new(Diagnostic::error(
                "E003",
                format!("`{name}` is not UTF-8 text (invalid byte at offset {at}, line {line})"),
            )
            .help("save the file as UTF-8; if it came from Windows, convert it from Windows-1251 (e.g. `iconv -f cp1251 -t utf-8`)")))
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
        },
        Ok(module) => {
            let checked = check::check(&module, headers);
            Loaded {
                file,
                module: Some(module),
                methodology: checked.methodology,
                diagnostics: checked.diagnostics,
            }
        }
    }
}

/// Read, parse and check a methodology file; its inputs are looked up relative to it
/// unless `opts` names them.
pub fn load_file(path: &Path, opts: &RunOptions) -> Result<Loaded, Box<Diagnostic>> {
    let file = read_source(path)?;
    Ok(load_text(file, &FileHeaders { opts }))
}

/// Run options for a methodology file: its directory as the base of relative paths.
pub fn options_for(path: &Path) -> RunOptions {
    RunOptions {
        base_dir: path.parent().map(|p| p.to_path_buf()).unwrap_or_default(),
        inputs: Default::default(),
        allow_outside: false,
        large_plan: None,
        dense: None,
        period: None,
        streaming: None,
        profile: false,
    }
}
