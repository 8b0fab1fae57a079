//! Where a methodology's inputs are, and which of them it may read. Polars-free: the
//! checker and the engine both use it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where the inputs are.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The directory of the methodology file: paths in it are relative to it.
    pub base_dir: PathBuf,
    /// `--input NAME=PATH`: files named on the command line, used as given.
    pub inputs: HashMap<String, PathBuf>,
    /// `--allow-outside`: let the file's own paths leave its directory tree.
    pub allow_outside: bool,
}

/// Why an input path of the methodology may not be read: it is absolute or leaves the
/// methodology's directory tree (through `..` or a symbolic link), and neither
/// `--allow-outside` nor `--input` allowed it. `None` when it may be read.
pub fn confinement(name: &str, written: &str, opts: &RunOptions) -> Option<String> {
    if opts.allow_outside || opts.inputs.contains_key(name) {
        return None;
    }
    let p = Path::new(written);
    if p.is_absolute() {
        return Some("an absolute path".into());
    }
    let mut depth = 0i32;
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            _ => return Some("not a plain relative path".into()),
        }
        if depth < 0 {
            return Some("it climbs out of the methodology's directory".into());
        }
    }
    // A symbolic link inside the tree may still point outside it.
    let base = if opts.base_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        opts.base_dir.clone()
    };
    if let (Ok(target), Ok(base)) = (base.join(p).canonicalize(), base.canonicalize()) {
        if !target.starts_with(&base) {
            return Some(format!("it leads to {} through a link", target.display()));
        }
    }
    None
}

/// The path of an input: the command line's, else the file's relative to the methodology.
pub fn input_path(name: &str, written: &str, opts: &RunOptions) -> PathBuf {
    match opts.inputs.get(name) {
        Some(p) => p.clone(),
        None => {
            let p = Path::new(written);
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                opts.base_dir.join(p)
            }
        }
    }
}

/// Whether an input is read as Parquet (by its extension, `.parquet` or `.pq`); else
/// it is CSV. The checker and the engine decide the same way.
pub fn is_parquet(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet") || e.eq_ignore_ascii_case("pq"))
}
