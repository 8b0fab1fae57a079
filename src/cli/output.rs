//! Writing an output file safely: whole or not at all, never onto the run's own files or
//! onto what is not a regular file, with the mode a new file gets, and nothing left
//! behind when the process is killed mid-write.
//!
//! The target: a symbolic link is written through (its target is replaced, the link
//! stays); a file that exists must be a regular file that is not read-only, and not the
//! methodology or one of its inputs. On Linux the bytes go into an unnamed temporary
//! file in the target's directory (`O_TMPFILE`), given a name only when complete and
//! renamed over the target at once; a kill before that leaves nothing. Elsewhere (or
//! where the file system has no `O_TMPFILE`) the temporary file is named
//! `.NAME.metodika-tmp-XXXXXX`, and such files older than an hour, left by a killed run,
//! are removed before the next write to the same target.

use metodika::i18n::t;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The files a run reads, which its output may not replace.
pub struct Protected {
    pub files: Vec<(String, PathBuf)>,
}

/// Where an output is written, after the checks: the real path of the target.
pub fn target(path: &Path, protected: &Protected) -> Result<PathBuf, String> {
    let shown = path.display().to_string();
    let unwritable = |e: io::Error| {
        t(
            "file-unwritable",
            &[("file", (&shown).into()), ("why", e.to_string().into())],
        )
    };
    let real = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(unwritable(e)),
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(real) => real,
            Err(_) => return Err(t("output-dangling-link", &[("file", shown.into())])),
        },
        Ok(_) => path.to_path_buf(),
    };
    let meta = match fs::metadata(&real) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(real),
        Err(e) => return Err(unwritable(e)),
    };
    if !meta.is_file() {
        return Err(t(
            "output-not-a-file",
            &[
                ("file", (&shown).into()),
                ("kind", metodika::paths::file_kind(meta.file_type()).into()),
            ],
        ));
    }
    if read_only(&meta) {
        return Err(t("output-read-only", &[("file", shown.into())]));
    }
    for (what, p) in &protected.files {
        if same_file(&real, p) {
            return Err(t(
                "output-protected",
                &[("file", (&shown).into()), ("what", what.into())],
            ));
        }
    }
    Ok(real)
}

#[cfg(unix)]
fn read_only(m: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    // as root every file is writable: the mode says what the owner meant
    m.permissions().mode() & 0o222 == 0
}

#[cfg(not(unix))]
fn read_only(m: &fs::Metadata) -> bool {
    m.permissions().readonly()
}

/// Whether two paths name the same file (the same device and inode).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Write `path` through `write`, whole or not at all (see the module's text). `keep_mode`
/// gives the new file the mode of the one it replaces (for `fmt`); else it gets the mode
/// of a new file (0666 less the umask).
pub fn write_whole(
    path: &Path,
    keep_mode: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old_mode = if keep_mode { mode_of(path) } else { None };
    remove_stale(&dir, path);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if let Some(file) = unnamed(&dir) {
        let mut w = io::BufWriter::with_capacity(1 << 20, file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        if let Some(m) = old_mode {
            set_mode(&file, m)?;
        }
        file.sync_all()?;
        return link_into_place(&file, &dir, path);
    }
    let prefix = temp_prefix(path);
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    let tmp = b.tempfile_in(&dir)?;
    let mut w = io::BufWriter::with_capacity(1 << 20, tmp);
    write(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    if let Some(m) = old_mode {
        set_mode(tmp.as_file(), m)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `.NAME.metodika-tmp-`: how temporary files beside `path` begin.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.metodika-tmp-")
}

/// Remove temporary files of earlier writes to `path` that were killed (older than an
/// hour: a write in progress is younger).
fn remove_stale(dir: &Path, path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let stale = e.file_name().to_string_lossy().starts_with(&prefix)
            && e.metadata().is_ok_and(|m| {
                m.is_file()
                    && m.modified()
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age.as_secs() > 3600)
            });
        if stale {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_: &Path) -> Option<u32> {
    None
}

#[cfg(unix)]
fn set_mode(f: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> io::Result<()> {
    Ok(())
}

/// An unnamed file in `dir` (`O_TMPFILE`, mode 0666 less the umask); `None` where the
/// file system cannot make one.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn unnamed(dir: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        .mode(0o666)
        .open(dir)
        .ok()
}

/// Give the complete unnamed file a temporary name, then rename it over `path`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn link_into_place(file: &File, dir: &Path, path: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let fd = file.as_raw_fd();
    for attempt in 0..100u32 {
        let name = dir.join(format!(
            "{}{:x}{attempt}",
            temp_prefix(path),
            std::process::id()
        ));
        let c_name = CString::new(name.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let proc_path = CString::new(format!("/proc/self/fd/{fd}")).unwrap();
        // SAFETY: both paths are NUL-terminated strings that live across the calls.
        let mut rc = unsafe {
            libc::linkat(
                libc::AT_FDCWD,
                proc_path.as_ptr(),
                libc::AT_FDCWD,
                c_name.as_ptr(),
                libc::AT_SYMLINK_FOLLOW,
            )
        };
        if rc != 0 && io::Error::last_os_error().kind() == io::ErrorKind::NotFound {
            // no /proc: link the descriptor itself
            let empty = CString::new("").unwrap();
            // SAFETY: as above; AT_EMPTY_PATH links the open file `fd`.
            rc = unsafe {
                libc::linkat(
                    fd,
                    empty.as_ptr(),
                    libc::AT_FDCWD,
                    c_name.as_ptr(),
                    libc::AT_EMPTY_PATH,
                )
            };
        }
        if rc != 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::AlreadyExists {
                continue;
            }
            return Err(e);
        }
        return fs::rename(&name, path).inspect_err(|_| {
            let _ = fs::remove_file(&name);
        });
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary name beside the output",
    ))
}
