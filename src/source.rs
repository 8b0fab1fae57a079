//! Where a methodology comes from: a file, or `git:REV:PATH` — a file at a revision of
//! the repository, with its inputs taken from the same revision.

use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// A methodology file ready to load: a path on disk, and the temporary directory that
/// holds it when it came from git (kept alive as long as this value).
pub struct Source {
    /// The file to read (a temporary copy for a `git:` source).
    pub path: PathBuf,
    /// What the user wrote, for messages.
    pub shown: String,
    _dir: Option<tempfile::TempDir>,
}

/// `git:REV:PATH` → (REV, PATH).
pub fn parse_git(spec: &str) -> Option<(&str, &str)> {
    let rest = spec.strip_prefix("git:")?;
    let (rev, path) = rest.split_once(':')?;
    (!rev.is_empty() && !path.is_empty()).then_some((rev, path))
}

fn git_show(rev: &str, path: &Path) -> Result<Vec<u8>, String> {
    if rev.starts_with('-') {
        return Err(format!(
            "`{rev}` is not a revision: a revision does not begin with `-`"
        ));
    }
    let spec = format!("{rev}:./{}", path.to_string_lossy());
    // `--end-of-options`: nothing the user wrote is taken as an option of git
    let out = Command::new("git")
        .args(["show", "--end-of-options", &spec])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git cannot show `{spec}`: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// The files of a `{year}` template (`data/messages-{year}.parquet`) at a revision: those
/// of its folder whose names read as the template with a four-digit year.
fn git_template_files(rev: &str, template: &Path) -> Result<Vec<PathBuf>, String> {
    if rev.starts_with('-') {
        return Err(format!(
            "`{rev}` is not a revision: a revision does not begin with `-`"
        ));
    }
    let dir = template.parent().unwrap_or(Path::new(""));
    let name = template
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let Some((before, after)) = name.split_once("{year}") else {
        return Ok(vec![template.to_path_buf()]);
    };
    let out = Command::new("git")
        .args(["ls-tree", "--name-only", "--end-of-options", rev])
        .arg(format!("./{}/", dir.to_string_lossy()))
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git cannot list `{rev}:{}`: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let listed = String::from_utf8_lossy(&out.stdout);
    Ok(listed
        .lines()
        .filter_map(|l| {
            let file = Path::new(l).file_name()?.to_string_lossy().to_string();
            let year = file.strip_prefix(before)?.strip_suffix(after)?;
            (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then(|| dir.join(&file))
        })
        .collect())
}

/// Lexically normalize `a/b/../c` to `a/c`; `None` if it climbs above its start.
fn normalize(p: &Path) -> Option<PathBuf> {
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

/// Open a methodology given as a path or as `git:REV:PATH`. For git, the inputs named in
/// the file (relative paths) are fetched from the same revision into a temporary
/// directory laid out as in the repository.
pub fn open(spec: &str) -> Result<Source, String> {
    let Some((rev, path)) = parse_git(spec) else {
        return Ok(Source {
            path: PathBuf::from(spec),
            shown: spec.to_string(),
            _dir: None,
        });
    };
    let rel = normalize(Path::new(path))
        .ok_or_else(|| format!("`{path}` must be a relative path inside the repository"))?;
    let text = git_show(rev, &rel)?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
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
                    .map_err(|e| format!("records `{name}` of {spec}: {e}"))?,
                false => vec![in_repo],
            };
            for file in files {
                let dest = dir.path().join(&file);
                if dest.exists() {
                    continue;
                }
                let bytes =
                    git_show(rev, &file).map_err(|e| format!("input `{name}` of {spec}: {e}"))?;
                std::fs::create_dir_all(dest.parent().unwrap()).map_err(|e| e.to_string())?;
                std::fs::write(&dest, bytes).map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(Source {
        path: target,
        shown: spec.to_string(),
        _dir: Some(dir),
    })
}
