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
    /// The plan of a large run (`Some(true)`: group by group, letting columns go as soon
    /// as possible, with polars' whole optimizer), or of a regional one (`Some(false)`:
    /// every step at once, few nodes, a few optimizer passes); `None`: by the number of
    /// regions. The results are the same (tested); only time and memory differ.
    pub large_plan: Option<bool>,
    /// Evaluate the stages directly on vectors (`Some(true)`), or through the polars
    /// plan (`Some(false)`); `None`: directly for a regional run, by polars for a large
    /// one (or whenever `large_plan` is `Some(true)`). The results are the same to the
    /// last bit (tested); a regional run is several times faster directly.
    pub dense: Option<bool>,
    /// `--period 2025-Q3`: only the records dated in that period (and, for `previous(…)`,
    /// in the one before); `None`: every record.
    pub period: Option<crate::periods::Period>,
    /// Aggregate record inputs with polars' streaming engine (`Some(true)`: batch by
    /// batch, memory bounded by the groups, not the records) or in memory
    /// (`Some(false)`); `None`: streaming wherever it gives the very numbers the
    /// in-memory engine gives — when no aggregate adds fractions, whose sum would depend
    /// on the order batches arrive in (tested equal, to the last bit).
    pub streaming: Option<bool>,
    /// Time each node of the plan (`METODIKA_PROFILE=1`): the lines are in
    /// `Ranking::profile`, for the caller to show.
    pub profile: bool,
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
        return Some(crate::i18n::t("outside-absolute", &[]));
    }
    let mut depth = 0i32;
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            _ => return Some(crate::i18n::t("outside-not-relative", &[])),
        }
        if depth < 0 {
            return Some(crate::i18n::t("outside-climbs", &[]));
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
            return Some(crate::i18n::t(
                "outside-link",
                &[("target", target.display().to_string().into())],
            ));
        }
    }
    None
}

/// Whether a file a `{year}` template matched (`m-2025.csv`) may be read: the written
/// template passed [`confinement`], but each file it matches may still be a link that leads
/// out of the methodology's directory. `None` where it may; else why not.
pub fn confined_file(name: &str, file: &Path, opts: &RunOptions) -> Option<String> {
    if opts.allow_outside || opts.inputs.contains_key(name) {
        return None;
    }
    let base = if opts.base_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        opts.base_dir.clone()
    };
    match (file.canonicalize(), base.canonicalize()) {
        (Ok(target), Ok(base)) if !target.starts_with(&base) => Some(crate::i18n::t(
            "outside-link",
            &[("target", target.display().to_string().into())],
        )),
        _ => None,
    }
}

/// The encoding to read input `name` in: the one the methodology names, which belongs
/// to the file it names — `--input` gives another file, whose encoding is told from it.
pub fn input_encoding(
    name: &str,
    named: Option<&'static encoding_rs::Encoding>,
    opts: &RunOptions,
) -> Option<&'static encoding_rs::Encoding> {
    named.filter(|_| !opts.inputs.contains_key(name))
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

/// Open a file for reading, refusing anything that is not a regular file: a FIFO would
/// hang the reader, a device such as `/dev/zero` would never end, a directory cannot be
/// read. Links are followed; the type is checked before opening (opening a FIFO blocks)
/// and again on the opened file.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let refuse = |t: std::fs::FileType| -> std::io::Result<()> {
        if t.is_file() {
            return Ok(());
        }
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            crate::i18n::t("kind-not-regular", &[("kind", file_kind(t).into())]),
        ))
    };
    refuse(std::fs::metadata(path)?.file_type())?;
    let f = std::fs::File::open(path)?;
    refuse(f.metadata()?.file_type())?;
    Ok(f)
}

/// What a file that is not a regular file is, for messages.
pub fn file_kind(t: std::fs::FileType) -> String {
    let id = file_kind_id(t);
    crate::i18n::t(id, &[])
}

fn file_kind_id(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "kind-fifo";
        }
        if t.is_char_device() || t.is_block_device() {
            return "kind-device";
        }
        if t.is_socket() {
            return "kind-socket";
        }
    }
    if t.is_dir() {
        "kind-directory"
    } else if t.is_symlink() {
        "kind-link"
    } else if t.is_file() {
        "kind-file"
    } else {
        "kind-other"
    }
}

/// Read a whole regular file (see [`open_regular`]).
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut f = open_regular(path)?;
    let mut buf = Vec::new();
    f.read_to_end(&mut buf)?;
    Ok(buf)
}

/// The files of a record input whose path is a template with `{year}`
/// (`data/messages-{year}.parquet`): those of `years` when given, each of which must
/// exist, else every file the template matches in its folder, by year. A path without
/// `{year}` is itself.
pub fn template_files(
    path: &Path,
    years: Option<std::ops::RangeInclusive<i32>>,
) -> Result<Vec<PathBuf>, String> {
    let text = path.to_string_lossy();
    if !text.contains("{year}") {
        return Ok(vec![path.to_path_buf()]);
    }
    if let Some(years) = years {
        return years
            .map(|y| {
                let p = PathBuf::from(text.replace("{year}", &format!("{y:04}")));
                match p.exists() {
                    true => Ok(p),
                    false => Err(crate::i18n::t(
                        "template-no-file",
                        &[
                            ("year", y.to_string().into()),
                            ("file", p.display().to_string().into()),
                            ("template", text.as_ref().into()),
                        ],
                    )),
                }
            })
            .collect();
    }
    // (`m-{year}.csv` has the parent ``: the current directory)
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let pattern = path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    if dir.to_string_lossy().contains("{year}") {
        return Err(crate::i18n::t(
            "template-in-folder",
            &[("template", text.as_ref().into())],
        ));
    }
    let (before, after) = pattern.split_once("{year}").unwrap_or((&pattern, ""));
    let mut found: Vec<(i32, PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| {
            crate::i18n::t(
                "template-cannot-list",
                &[
                    ("folder", dir.display().to_string().into()),
                    ("why", e.to_string().into()),
                ],
            )
        })?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let year = name.strip_prefix(before)?.strip_suffix(after)?;
            let y: i32 = (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
                .then(|| year.parse().ok())
                .flatten()?;
            Some((y, e.path()))
        })
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(crate::i18n::t(
            "template-no-match",
            &[("template", text.as_ref().into())],
        ));
    }
    Ok(found.into_iter().map(|(_, p)| p).collect())
}
