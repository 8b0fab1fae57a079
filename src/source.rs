//! Where a methodology comes from: a file; `git:REV:PATH` — a file at a revision of the
//! repository, with its inputs taken from the same revision; `git::PATH` — the file as
//! staged in the index (what a commit would hold); or `-` — standard input, its inputs
//! beside the current directory.
//!
//! A `git:` source is written into a temporary directory laid out as the repository, and
//! read from there; messages name it as the user wrote it (`git:HEAD:pos.metodika:25:3`),
//! never by the temporary path ([`shown_name`]).

use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// A methodology file ready to load: a path on disk, and the temporary directory that
/// holds it when it came from git or standard input (kept alive as long as this value).
pub struct Source {
    /// The file to read (a temporary copy for a `git:` source or standard input).
    pub path: PathBuf,
    /// What the user wrote, for messages.
    pub shown: String,
    /// Whether the file is a copy (a `git:` source, standard input): it is not written
    /// back (`fmt` prints it instead).
    pub copy: bool,
    _dir: Option<tempfile::TempDir>,
}

/// How the temporary copies are named in messages: (the temporary directory, what stands
/// for it, the directory its relative paths are read from when not the copy's own).
static SHOWN: Mutex<Vec<(PathBuf, String, Option<PathBuf>)>> = Mutex::new(Vec::new());

/// The name a message gives `path`: `git:REV:` and the path in the repository for a file
/// of a `git:` source's temporary copy, `-` for standard input, else the path as written.
pub fn shown_name(path: &Path) -> String {
    let shown = SHOWN.lock().unwrap_or_else(|e| e.into_inner());
    for (dir, stands, _) in shown.iter() {
        if let Ok(rest) = path.strip_prefix(dir) {
            return match stands.as_str() {
                "-" => "-".to_string(),
                _ => format!("{stands}{}", rest.display()),
            };
        }
    }
    path.display().to_string()
}

/// The directory a methodology's relative paths are read from, when it is not the file's
/// own: standard input's are the current directory's.
pub fn base_dir_of(path: &Path) -> Option<PathBuf> {
    let shown = SHOWN.lock().unwrap_or_else(|e| e.into_inner());
    shown
        .iter()
        .find(|(dir, _, _)| path.starts_with(dir))
        .and_then(|(_, _, base)| base.clone())
}

/// Whether `path` is a copy of a `git:` source or of standard input (not to be written
/// back).
pub fn is_copy(path: &Path) -> bool {
    let shown = SHOWN.lock().unwrap_or_else(|e| e.into_inner());
    shown.iter().any(|(dir, _, _)| path.starts_with(dir))
}

fn register(dir: &Path, stands: String, base: Option<PathBuf>) {
    SHOWN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((dir.to_path_buf(), stands, base));
}

/// `git:REV:PATH` → (REV, PATH); `git::PATH` → ("", PATH): the index.
pub fn parse_git(spec: &str) -> Option<(&str, &str)> {
    let rest = spec.strip_prefix("git:")?;
    let (rev, path) = rest.split_once(':')?;
    (!path.is_empty()).then_some((rev, path))
}

/// Run git with `args`; its output, or what it said.
pub fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    match out.status.success() {
        true => Ok(out.stdout),
        false => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
    }
}

/// What to do when a revision is not found: a shallow clone (CI's default) is told how to
/// deepen; any other, how to fetch it.
pub fn revision_hint(rev: &str) -> String {
    let shallow = git(&["rev-parse", "--is-shallow-repository"])
        .map(|o| String::from_utf8_lossy(&o).trim() == "true")
        .unwrap_or(false);
    // `origin/main` is fetched as `git fetch origin main`
    let (remote, name) = rev.split_once('/').unwrap_or(("origin", rev));
    let fetch = format!("git fetch {remote} {name}");
    match shallow {
        true => crate::i18n::t("git-shallow-help", &[("fetch", fetch.into())]),
        false => crate::i18n::t("git-fetch-help", &[("fetch", fetch.into())]),
    }
}

/// Whether `rev` names a commit of the repository here ("": the index, always there).
pub fn has_revision(rev: &str) -> bool {
    rev.is_empty()
        || git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{rev}^{{commit}}"),
        ])
        .is_ok()
}

/// The object name of `path` (relative to the repository's root) at `rev` ("": the index).
fn object(rev: &str, path: &Path) -> String {
    format!("{rev}:{}", path.to_string_lossy())
}

/// A revision a user named, refused when git would take it as an option or when it names
/// no commit here (with how to fetch or deepen a clone).
fn revision_ok(rev: &str) -> Result<(), String> {
    if rev.starts_with('-') {
        return Err(crate::i18n::t("git-rev-dash", &[("rev", rev.into())]));
    }
    if !has_revision(rev) {
        return Err(format!(
            "{} {}",
            crate::i18n::t("git-no-rev", &[("rev", rev.into())]),
            revision_hint(rev)
        ));
    }
    Ok(())
}

/// A file at a revision (checked by [`revision_ok`]), through the repository's filters
/// (`git cat-file --filters`: a file stored under Git LFS or another filter is read as
/// the working tree would have it).
fn git_show(rev: &str, path: &Path) -> Result<Vec<u8>, String> {
    let spec = object(rev, path);
    // `--end-of-options`: nothing the user wrote is taken as an option of git
    git(&["cat-file", "--filters", "--end-of-options", &spec]).map_err(|e| {
        crate::i18n::t(
            "git-cannot-show",
            &[("spec", spec.as_str().into()), ("why", e.into())],
        )
    })
}

/// Whether `path` (from the repository's root) is at `rev` ("": the index).
pub fn exists_at(rev: &str, path: &Path) -> bool {
    git(&["cat-file", "-e", "--end-of-options", &object(rev, path)]).is_ok()
}

/// The directory of the repository the current directory is in, from its root
/// (`methodologies/pos/`), empty at the root.
pub fn prefix() -> PathBuf {
    git(&["rev-parse", "--show-prefix"])
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o).trim()))
        .unwrap_or_default()
}

/// The files of a `{year}` template (`data/messages-{year}.parquet`) at a revision: those
/// of its folder whose names read as the template with a four-digit year.
fn git_template_files(rev: &str, template: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = template.parent().unwrap_or(Path::new(""));
    let name = template
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let Some((before, after)) = name.split_once("{year}") else {
        return Ok(vec![template.to_path_buf()]);
    };
    // names NUL-separated (`-z`): Cyrillic and spaces as they are, never quoted; paths
    // from the repository's root (`:/`)
    let folder = match dir.as_os_str().is_empty() {
        true => String::new(),
        false => format!("{}/", dir.to_string_lossy()),
    };
    let listed = match rev.is_empty() {
        true => git(&[
            "ls-files",
            "-z",
            "--full-name",
            "--",
            &format!(":/{folder}"),
        ]),
        false => git(&[
            "ls-tree",
            "-z",
            "--name-only",
            "--full-tree",
            "--end-of-options",
            rev,
            "--",
            &folder,
        ]),
    }
    .map_err(|e| {
        crate::i18n::t(
            "git-cannot-list",
            &[("spec", object(rev, dir).into()), ("why", e.into())],
        )
    })?;
    let listed = String::from_utf8_lossy(&listed);
    Ok(listed
        .split('\0')
        .filter_map(|l| {
            let file = Path::new(l).file_name()?.to_string_lossy().to_string();
            let year = file.strip_prefix(before)?.strip_suffix(after)?;
            (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then(|| dir.join(&file))
        })
        .collect())
}

/// Lexically normalize `a/b/../c` to `a/c`; `None` if it climbs above its start.
pub fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(x) => out.push(x),
            _ => return None,
        }
    }
    Some(out)
}

/// A `git:` spec's revision and its path from the repository's root; `None` for a file.
pub fn git_path(spec: &str) -> Option<(String, PathBuf)> {
    let (rev, path) = parse_git(spec)?;
    Some((rev.to_string(), in_repo(path)?))
}

/// A `git:` path from the repository's root: `/x` from the root, else from the current
/// directory; `None` when it leaves the repository.
fn in_repo(path: &str) -> Option<PathBuf> {
    match path.strip_prefix('/') {
        Some(rooted) => normalize(Path::new(rooted)),
        None => normalize(&prefix().join(path)),
    }
}

/// What the file at `path` (from the root) was at `rev`, when the change since renamed it:
/// the old path, as `git diff --find-renames` pairs them (the working tree against `rev`).
pub fn renamed_from(rev: &str, path: &Path) -> Option<PathBuf> {
    if rev.is_empty() || rev.starts_with('-') {
        return None;
    }
    let out = git(&[
        "diff",
        "-z",
        "--name-status",
        "--find-renames",
        "--end-of-options",
        rev,
        "--",
        ":/",
    ])
    .ok()?;
    let text = String::from_utf8_lossy(&out);
    let mut fields = text.split('\0');
    while let Some(status) = fields.next() {
        if status.starts_with('R') {
            let (old, new) = (fields.next()?, fields.next()?);
            if Path::new(new) == path {
                return Some(PathBuf::from(old));
            }
        } else if status.starts_with('C') {
            fields.next();
            fields.next();
        } else {
            fields.next();
        }
    }
    None
}

/// Standard input, up to the limit of a methodology file.
fn stdin_text() -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = crate::syntax::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    match bytes.len() > limit {
        true => Err(crate::i18n::t(
            "e006-file",
            &[("file", "-".into()), ("limit", (limit as u64).into())],
        )),
        false => Ok(bytes),
    }
}

/// Open a methodology given as a path, as `git:REV:PATH` or `git::PATH` (the index), or
/// as `-` (standard input). For git, the inputs named in the file (relative paths) and the
/// files it extends are fetched from the same revision into a temporary directory laid
/// out as in the repository; PATH is relative to the current directory, and may climb
/// (`..`) while it stays inside the repository.
pub fn open(spec: &str) -> Result<Source, String> {
    if spec == "-" {
        let bytes = stdin_text()?;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let target = dir.path().join("stdin.metodika");
        std::fs::write(&target, bytes).map_err(|e| e.to_string())?;
        let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
        register(dir.path(), "-".into(), Some(cwd));
        return Ok(Source {
            path: target,
            shown: "-".into(),
            copy: true,
            _dir: Some(dir),
        });
    }
    let Some((rev, path)) = parse_git(spec) else {
        return Ok(Source {
            path: PathBuf::from(spec),
            shown: spec.to_string(),
            copy: false,
            _dir: None,
        });
    };
    revision_ok(rev)?;
    let rel =
        in_repo(path).ok_or_else(|| crate::i18n::t("git-outside", &[("path", path.into())]))?;
    let text = git_show(rev, &rel)?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    register(dir.path(), format!("git:{rev}:"), None);
    let target = dir.path().join(&rel);
    std::fs::create_dir_all(target.parent().unwrap()).map_err(|e| e.to_string())?;
    std::fs::write(&target, &text).map_err(|e| e.to_string())?;
    // Fetch the inputs the file names, at the same revision; and the methodology it
    // extends (`extends "…"`), with its inputs, and so on up the chain.
    let mut todo = vec![(rel.clone(), text)];
    let mut fetched = 0;
    while let Some((file, text)) = todo.pop() {
        let Ok(src) = std::str::from_utf8(&text) else {
            continue;
        };
        let Ok(module) = crate::syntax::parse(src) else {
            continue;
        };
        let base = file.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        if let Some(ext) = crate::revision::extends_of(&module) {
            let p = Path::new(&ext.value);
            if let (false, Some(in_repo)) = (p.is_absolute(), normalize(&base.join(p))) {
                fetched += 1;
                let dest = dir.path().join(&in_repo);
                if fetched <= crate::revision::MAX_CHAIN && !dest.exists() {
                    // (a base that is not there at the revision is told by the loader)
                    if let Ok(bytes) = git_show(rev, &in_repo) {
                        std::fs::create_dir_all(dest.parent().unwrap())
                            .map_err(|e| e.to_string())?;
                        std::fs::write(&dest, &bytes).map_err(|e| e.to_string())?;
                        todo.push((in_repo, bytes));
                    }
                }
            }
        }
        for item in &module.items {
            let (name, written) = match item {
                crate::syntax::ast::Item::Input(i) => (&i.name.name, &i.path.value),
                crate::syntax::ast::Item::Records(r) => (&r.name.name, &r.path.value),
                _ => continue,
            };
            let p = Path::new(written);
            if p.is_absolute() {
                continue;
            }
            let Some(in_repo) = normalize(&base.join(p)) else {
                continue;
            };
            // a `{year}` template: every file of the revision it names
            let files = match written.contains("{year}") {
                true => git_template_files(rev, &in_repo)
                    .map_err(|e| format!("`{name}` ({spec}): {e}"))?,
                false => vec![in_repo],
            };
            for file in files {
                let dest = dir.path().join(&file);
                if dest.exists() {
                    continue;
                }
                let bytes = git_show(rev, &file).map_err(|e| format!("`{name}` ({spec}): {e}"))?;
                std::fs::create_dir_all(dest.parent().unwrap()).map_err(|e| e.to_string())?;
                std::fs::write(&dest, bytes).map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(Source {
        path: target,
        shown: spec.to_string(),
        copy: true,
        _dir: Some(dir),
    })
}
